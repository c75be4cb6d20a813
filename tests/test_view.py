"""The view without a browser: projection, compact labels, the HTML file's safety, GraphML, size."""

from __future__ import annotations

import json
import re
import time
from decimal import Decimal

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from kg.errors import ExportError
from kg.ns import ITSRDF
from kg.view import html_page, project, render_html, to_graphml
from kg.view.labels import compact, figure_label, short_metric
from view_fixtures import (SEED_FACTS, XSS, hand_built_seed, merged_graph, second_article_graph, seed_like_graph,
                           synthetic_graph, xss_graph)


@pytest.fixture(scope="module")
def seed():
    """The swappable seed graph: tests on it rely only on SEED_FACTS."""
    return seed_like_graph()


@pytest.fixture(scope="module")
def view(seed):
    return project(seed)


@pytest.fixture(scope="module")
def hand():
    """The hand-built seed: tests on it may rely on every detail of view_fixtures."""
    return project(hand_built_seed())


def by_label(view: nx.MultiDiGraph, label: str, kind: str | None = None) -> str:
    found = [n for n, d in view.nodes(data=True) if d["label"] == label and (kind is None or d["kind"] == kind)]
    assert len(found) == 1, f"{label!r}: {len(found)} nodes"
    return found[0]


def edge_labels(view: nx.MultiDiGraph, a: str, b: str) -> set[str]:
    return {d["label"] for d in view.get_edge_data(a, b, default={}).values()}


# ---------- compact labels ----------

@pytest.mark.parametrize("value,unit_text,unit_code,qualifier,expected", [
    ("60000000000", "元", "CCY_CNY", "exact", "600亿元"),
    ("60000000000.0", "元", "CCY_CNY", "exact", "600亿元"),
    ("1200000000000", "元", "CCY_CNY", "lower", "≥1.2万亿元"),
    ("25000000", "元", "CCY_CNY", "exact", "2500万元"),
    ("17600", "家", "NUM", "exact", "1.76万家"),
    ("300", "项", "NUM", "lower", "≥300项"),
    ("5.9", "%", "PERCENT", "exact", "5.9%"),
    ("70", "%", "PERCENT", "lower", "≥70%"),
    ("6", "%", "PERCENT", "approx", "≈6%"),
    ("100", "家", "NUM", "upper", "≤100家"),
    ("16", "年", "YR", "exact", "16年"),
    ("3", "个月", "MO", "exact", "3个月"),
    ("20000", "年", "YR", "exact", "20000年"),  # durations are never put in 万
    ("350000000000", "千瓦时", "KiloW-HR", "exact", "3500亿千瓦时"),
    ("9999", "家", "NUM", "exact", "9999家"),
])
def test_figure_label(value, unit_text, unit_code, qualifier, expected):
    assert figure_label(Decimal(value), unit_text, unit_code, qualifier) == expected


@pytest.mark.parametrize("metric,subject,expected", [
    ("国家人工智能产业投资基金资金规模", "国家人工智能产业投资基金", "资金规模"),
    ("规模以上工业增加值同比增长", "全国", "规模以上工业增加值同比增长"),
    ("一个非常非常非常非常长的指标名称啊", "", "一个非常非常非常非常长的指…"),
])
def test_short_metric(metric, subject, expected):
    assert short_metric(metric, subject) == expected


@pytest.mark.parametrize("iri,expected", [
    ("https://w3id.org/policykg/id/org/工业和信息化部", "id/org/工业和信息化部"),
    ("https://w3id.org/policykg/id/org/A%2FB", "id/org/A/B"),
    ("http://www.wikidata.org/entity/Q148", "wd:Q148"),
    ("http://qudt.org/vocab/unit/CCY_CNY", "unit:CCY_CNY"),
    ("https://example.org/x/y", "example.org/x/y"),
    ("urn:isbn:123", "isbn:123"),
])
def test_compact_ids_have_no_scheme(iri, expected):
    assert compact(iri) == expected


# ---------- projection ----------

def test_membership_becomes_a_labelled_post_edge(view):
    person = by_label(view, SEED_FACTS["person"], "person")
    org = by_label(view, SEED_FACTS["org"], "organization")
    assert SEED_FACTS["role"] in edge_labels(view, person, org)
    assert f"{SEED_FACTS['role']} · {SEED_FACTS['org']}" in view.nodes[person]["posts"]


def test_membership_without_organization_stays_on_the_person(hand):
    editor = by_label(hand, "余冬梅", "person")
    assert hand.nodes[editor]["posts"] == ["编辑"]
    assert not [e for e in hand.out_edges(editor, data=True) if e[2]["kind"] == "post"]


@pytest.mark.parametrize("source,target,kind,label", [
    ("信息通信发展司", "工业和信息化部", "unit", "下属"),
    ("人形机器人与具身智能综合标准化体系建设指南", "工业和信息化部", "agency", "牵头"),
    ("人形机器人与具身智能综合标准化体系建设指南", "人形机器人", "subject", "主题"),
    ("谢存", "信息通信发展司", "post", "司长"),
    ("谢存", "工业和信息化部", "post", "新闻发言人"),
])
def test_relations_are_projected(hand, source, target, kind, label):
    data = hand.get_edge_data(by_label(hand, source), by_label(hand, target), default={})
    assert {(d["kind"], d["label"]) for d in data.values()} >= {(kind, label)}


def test_figure_hangs_off_what_it_measures(view):
    fund = by_label(view, SEED_FACTS["fund"], "initiative")
    fig = by_label(view, SEED_FACTS["figure"], "figure")
    assert view.has_edge(fig, fund)
    d = view.nodes[fig]
    assert (d["value"], d["unit"], d["qualifier"], d["about"]) == ("60000000000", "元", "exact", SEED_FACTS["fund"])
    assert any(f.startswith(SEED_FACTS["figure"]) for f in view.nodes[fund]["figures"])


def test_figure_about_the_country_hangs_off_its_article(hand):
    fig = by_label(hand, "5.9%", "figure")
    (target,) = hand.successors(fig)
    assert hand.nodes[target]["kind"] == "article"
    assert hand.nodes[fig]["about"] == "全国"


def test_kinds_and_aliases(hand):
    kinds = {d["label"]: d["kind"] for _, d in hand.nodes(data=True)}
    assert kinds["工业和信息化部"] == "organization"
    assert kinds["信息通信发展司"] == "department"
    assert kinds["人形机器人"] == "topic"
    assert kinds["国家人工智能产业投资基金"] == "initiative"  # also schema:FundingScheme: still an initiative
    assert SEED_FACTS["alias"] in hand.nodes[by_label(hand, SEED_FACTS["org"])]["aliases"]


def test_nary_and_text_nodes_are_not_drawn(view):
    for n in view:
        assert not re.search(r"/(membership|post|role|scheme)/|#offset_", n), n


def test_sentences_carry_article_title_and_date(view):
    person = view.nodes[by_label(view, SEED_FACTS["person"])]
    s = next(s for s in person["sentences"] if SEED_FACTS["role"] in s["text"])
    assert SEED_FACTS["person"] in s["text"]
    assert (s["title"], s["date"]) == (SEED_FACTS["title"], SEED_FACTS["date"])


def test_post_evidence_alone_gives_the_person_its_article():
    from rdflib.namespace import SDO, SKOS  # not at module level: pytest's collection pokes SDO and it warns

    g = hand_built_seed()
    person = next(s for s, o in g.subject_objects(SKOS.prefLabel) if str(o) == "张云明")
    for phrase in list(g.subjects(ITSRDF.taIdentRef, person)):
        g.remove((phrase, None, None))
    g.remove((None, SDO.mentions, person))
    d = project(g).nodes[str(person)]
    assert d["articles"] == 1
    assert [s["date"] for s in d["sentences"]] == [SEED_FACTS["date"]]


def test_merged_graph_counts_articles_per_node():
    view = project(merged_graph())
    miit = view.nodes[by_label(view, "工业和信息化部")]
    assert miit["articles"] == 2
    assert {s["date"] for s in miit["sentences"]} == {"2026-01-21", "2026-04-20"}
    assert view.nodes[by_label(view, "张云明")]["articles"] == 1
    assert sum(1 for _, d in view.nodes(data=True) if d["kind"] == "article") == 2


@pytest.mark.parametrize("graph", [Graph(), merged_graph() - merged_graph()], ids=["empty", "emptied"])
def test_empty_graph_projects_to_nothing(graph):
    assert project(graph).number_of_nodes() == 0


def test_foreign_triples_are_ignored():
    g = Graph()
    g.add((URIRef("urn:x:a"), URIRef("urn:x:p"), Literal("b")))
    assert project(g).number_of_nodes() == 0


# ---------- HTML ----------

def data_block(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


@pytest.mark.parametrize("make", [seed_like_graph, xss_graph, merged_graph], ids=["seed", "xss", "merged"])
def test_page_has_no_url_and_forbids_fetching(make):
    page = html_page(make(), title="http://x.example/ <b>")
    assert not re.search(r"https?://", page, re.I)
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "", page, flags=re.S)
    assert not re.search(r"""\b(src|href|srcset|action)\s*=""", markup, re.I), "the markup must not load or link anything"
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    bodies = re.findall(r"<script\b[^>]*>(.*?)</script>", page, flags=re.S | re.I)
    assert len(bodies) == 4 == page.lower().count("</script")  # no script body ends early
    assert not any("<!--" in b for b in bodies)  # no body enters the parser's double-escaped state


def test_payloads_are_escaped_yet_intact():
    page = html_page(xss_graph(), title=XSS[0])
    for payload in XSS:
        if "<" in payload or ">" in payload:
            assert payload not in page, payload
    assert "<title>&lt;script&gt;" in page
    data = data_block(page)
    labels = {n["l"] for n in data["nodes"]}
    sentences = {s[0] for n in data["nodes"] for s in n.get("s", [])}
    for i, payload in enumerate(XSS):
        assert f"机构{i}{payload}" in labels, payload
        assert any(payload in s for s in sentences), payload


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.text(min_size=1, max_size=40), sentence=st.text(min_size=1, max_size=80))
def test_any_text_is_carried_safely(name, sentence):
    from rdflib.namespace import ORG, RDF, SKOS

    g = Graph()
    node = URIRef("https://w3id.org/policykg/id/org/x")
    g.add((node, RDF.type, ORG.Organization))
    g.add((node, SKOS.prefLabel, Literal(name, lang="zh")))
    g.add((node, SKOS.altLabel, Literal(sentence, lang="zh")))
    page = html_page(g, title=sentence)
    assert "://" not in page
    bodies = re.findall(r"<script\b[^>]*>(.*?)</script>", page, flags=re.S | re.I)
    assert len(bodies) == 4 and not any("<!--" in b for b in bodies)
    (n,) = data_block(page)["nodes"]
    assert n["l"] == name
    assert n.get("a", []) == ([sentence] if sentence != name else [])


def test_page_counts_equal_projection(seed, view):
    data = data_block(html_page(seed))
    assert (len(data["nodes"]), len(data["edges"])) == (view.number_of_nodes(), view.number_of_edges())
    assert {n["k"] for n in data["nodes"]} == {d["kind"] for _, d in view.nodes(data=True)}


def test_page_is_deterministic(seed):
    assert html_page(seed) == html_page(seed_like_graph())


def test_projection_and_graph_render_alike(seed, view):
    assert html_page(seed, title="t") == html_page(view, title="t")


def test_render_writes_atomically(tmp_path, seed):
    out = render_html(seed, tmp_path / "view.html", title="种子")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    render_html(second_article_graph(), out)  # replaces, leaves no temporary file behind
    assert [p.name for p in tmp_path.iterdir()] == ["view.html"]


def test_unwritable_target_raises_export_error(tmp_path, seed):
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(ExportError) as err:
        render_html(seed, tmp_path / "file" / "view.html")
    assert err.value.code == "E040"
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


# ---------- GraphML ----------

def test_graphml_parses_back(tmp_path, seed, view):
    path = to_graphml(seed, tmp_path / "g.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert (back.number_of_nodes(), back.number_of_edges()) == (view.number_of_nodes(), view.number_of_edges())
    person = next(n for n, d in back.nodes(data=True) if d["label"] == SEED_FACTS["person"])
    org = next(n for n, d in back.nodes(data=True) if d["label"] == SEED_FACTS["org"])
    assert SEED_FACTS["role"] in {d["label"] for d in back.get_edge_data(person, org).values()}
    miit = back.nodes[org]
    assert SEED_FACTS["alias"] in miit["aliases"].split(" | ")
    assert isinstance(miit["articles"], int)
    for _, d in back.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values())
    assert [p.name for p in tmp_path.iterdir()] == ["g.graphml"]


def test_graphml_unwritable_target(tmp_path, seed):
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(ExportError) as err:
        to_graphml(seed, tmp_path / "file" / "g.graphml")
    assert err.value.code == "E040"


# ---------- size ----------

def test_five_thousand_nodes_render(tmp_path, capsys):
    t0 = time.perf_counter()
    graph = synthetic_graph(5000)
    t1 = time.perf_counter()
    view = project(graph)
    t2 = time.perf_counter()
    path = render_html(view, tmp_path / "big.html")
    t3 = time.perf_counter()
    size = path.stat().st_size
    page = path.read_text(encoding="utf-8")
    assert view.number_of_nodes() == 5000
    assert len(data_block(page)["nodes"]) == 5000
    assert not re.search(r"https?://", page, re.I)
    assert size < 8_000_000
    with capsys.disabled():
        print(f"\n5,000 nodes / {view.number_of_edges()} edges: build {t1 - t0:.2f} s, project {t2 - t1:.2f} s, "
              f"render {t3 - t2:.2f} s, HTML {size / 1e6:.2f} MB")
