"""kg.graph: Article -> RDF, checked through the competency queries of ontology/queries, unchanged."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS

from kg import ns
from kg.graph import article_graph, corpus_graph, decimal_literal, repair_labels, unit_code
from kg.ns import KGO, NIF, SDOX, UNIT
from kg.ontology import ontology_path
from kg.types import Article, Initiative, Mention, Organization, Sentence
from seed_article import TEXT, second_article, seed_article

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def article() -> Article:
    return seed_article()


@pytest.fixture(scope="module")
def graph(article) -> Graph:
    return article_graph(article)


@pytest.fixture(scope="module")
def merged() -> Graph:
    return corpus_graph([article_graph(seed_article()), article_graph(second_article())])


def py(term):
    if term is None:
        return None
    if isinstance(term, URIRef):  # unit:NUM, kgo:Exact; other IRIs as they are
        for prefix in ("unit", "kgo"):
            if term.startswith(ns.PREFIXES[prefix]):
                return f"{prefix}:{term[len(ns.PREFIXES[prefix]):]}"
        return str(term)
    if term.datatype is None:
        return str(term)
    return term.toPython()


def cq(g: Graph, number: int) -> list[tuple]:
    """Run competency query `number` exactly as it is in ontology/queries/."""
    (path,) = ontology_path("queries").glob(f"cq{number:02d}-*.rq")
    return [tuple(py(t) for t in row) for row in g.query(path.read_text(encoding="utf-8"))]


def sentence_of(text: str, needle: str) -> str:
    start = text.index(needle)
    begin = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
    end = min(i for i in (text.find("。", start) + 1, text.find("\n", start)) if i > 0)
    return text[begin:end]


# ------------------------------------------------------------------ competency questions, one article


def test_cq01_persons_posts_with_sentence(graph):
    assert cq(graph, 1) == [
        ("余冬梅", "编辑", None, "编辑 余冬梅"),
        ("张云明", "副部长", "工业和信息化部", sentence_of(TEXT, "张云明")),
        ("谢存", "司长", "信息通信发展司", sentence_of(TEXT, "谢存")),
        ("谢存", "新闻发言人", "工业和信息化部", sentence_of(TEXT, "谢存")),
    ]


def test_cq02_every_figure(graph, article):
    rows = cq(graph, 2)
    assert [r[:6] for r in rows] == [
        ("超300项", Decimal(300), "unit:NUM", "kgo:LowerBound", None, "6G第一阶段技术试验关键技术储备"),
        ("600亿元", Decimal(60000000000), "unit:CCY_CNY", "kgo:Exact", None, "国家人工智能产业投资基金资金规模"),
        ("5.9%", Decimal("5.9"), "unit:PERCENT", "kgo:Exact", "2025", "规模以上工业增加值同比增长"),
        ("70%以上", Decimal(70), "unit:PERCENT", "kgo:LowerBound", None, "人工智能渗透领航工厂业务场景比例"),
        ("超过6000家", Decimal(6000), "unit:NUM", "kgo:LowerBound", "2025", "人工智能企业数量"),
        ("不到3个月", Decimal(3), "unit:MO", "kgo:UpperBound", None, "新产品审批时间"),
    ]
    for surface, *_, b, e, sentence in rows:
        assert article.text[b:e] == surface
        assert surface in sentence


def test_cq03_initiatives_by_alias(graph):
    assert cq(graph, 3) == [
        ("“十五五”促进中小企业发展规划", "plan"),
        ("人形机器人与具身智能综合标准化体系建设指南", "guideline"),
    ]


def test_cq03_needs_the_alias(graph):
    g = Graph() + graph
    g.remove((ns.org("工业和信息化部"), SKOS.altLabel, Literal("工信部", lang="zh")))
    assert cq(g, 3) == []


def test_cq04_units_and_posts(graph):
    assert cq(graph, 4) == [("信息通信发展司", "谢存", "司长")]


def test_cq05_initiatives_by_topic(graph):
    assert cq(graph, 5) == [("人形机器人与具身智能综合标准化体系建设指南", "工业和信息化部")]


def test_cq06_money_in_yi(graph):
    assert cq(graph, 6) == [
        ("国家人工智能产业投资基金资金规模", Decimal(60000000000), Decimal(600), "国家人工智能产业投资基金")
    ]


def test_cq07_bounded_figures(graph):
    assert sorted(cq(graph, 7)) == sorted(
        [
            ("6G第一阶段技术试验关键技术储备", Decimal(300), "项", "kgo:LowerBound"),
            ("人工智能渗透领航工厂业务场景比例", Decimal(70), "%", "kgo:LowerBound"),
            ("人工智能企业数量", Decimal(6000), "家", "kgo:LowerBound"),
            ("新产品审批时间", Decimal(3), "个月", "kgo:UpperBound"),
        ]
    )


def test_cq08_provenance_of_entity(graph, article):
    rows = cq(graph, 8)
    mentions = sorted(article.organizations[0].mentions, key=lambda m: m.start)
    assert [(r[0], r[1], r[2]) for r in rows] == [(article.text[m.start : m.end], m.start, m.end) for m in mentions]
    assert {r[3] for r in rows} == {str(ns.doc(article.digest))}
    assert {r[4] for r in rows} == {date(2026, 1, 21)}


def test_cq09_people_with_several_posts(graph):
    [(person, titles)] = cq(graph, 9)
    assert person == "谢存"
    assert sorted(titles.split(" / ")) == ["司长", "新闻发言人"]


def test_cq10_agency_mentions(graph):
    assert sorted(cq(graph, 10)) == [("信息通信发展司", 1, 1), ("工业和信息化部", 1, 4)]


def test_cq11_no_shared_org_labels(graph):
    assert cq(graph, 11) == []


def test_cq12_metric_time_series(graph):
    assert cq(graph, 12) == [("2025", Decimal("5.9"), "kgo:Exact", date(2026, 1, 21))]


# ------------------------------------------------------------------ merged articles


def test_merged_cq10_one_row_per_agency(merged):
    assert sorted(cq(merged, 10)) == [("信息通信发展司", 1, 1), ("工业和信息化部", 2, 5)]


def test_merged_cq12_time_series(merged):
    assert cq(merged, 12) == [
        ("2025", Decimal("5.9"), "kgo:Exact", date(2026, 1, 21)),
        ("2026-01/2026-03", Decimal(6), "kgo:Approximate", date(2026, 4, 20)),
    ]


def test_merged_membership_has_both_evidence_sentences(merged):
    member = ns.membership(ns.person_key("张云明", "工业和信息化部"), "工业和信息化部", "副部长")
    assert len(set(merged.objects(member, PROV.wasDerivedFrom))) == 2
    assert len(set(merged.subjects(RDF.type, ORG.Membership))) == 4


def test_merge_is_order_independent():
    one, two = article_graph(seed_article()), article_graph(second_article())
    assert set(corpus_graph([one, two])) == set(corpus_graph([two, one]))


def test_cq11_catches_a_foreign_key_for_the_same_agency(merged):
    foreign = article_graph(second_article("中华人民共和国工业和信息化部"))
    assert cq(corpus_graph([merged, foreign]), 11) == [("工信部", 2)]


# ------------------------------------------------------------------ mapping details


def test_no_blank_nodes(graph, merged):
    for g in (graph, merged):
        assert not [t for t in g if any(isinstance(x, BNode) for x in t)]


def test_every_span_anchor_is_its_text_slice(graph, article):
    spans = set(graph.subjects(RDF.type, NIF.Phrase)) | set(graph.subjects(RDF.type, NIF.Sentence))
    assert len(spans) > 20
    for s in spans:
        b, e = graph.value(s, NIF.beginIndex).toPython(), graph.value(s, NIF.endIndex).toPython()
        assert str(graph.value(s, NIF.anchorOf)) == article.text[b:e]
        assert s == ns.span(article.digest, b, e)


def test_only_sentences_used_as_evidence_are_written():
    a = seed_article()
    a.figures = []  # sentences 4 and 5 hold only figures
    g = article_graph(a)
    written = {g.value(s, NIF.beginIndex).toPython() for s in g.subjects(RDF.type, NIF.Sentence)}
    assert written == {s.start for s in a.sentences if s.index not in (4, 5)}


def test_article_node(graph, article):
    doc = ns.doc(article.digest)
    assert set(graph.objects(doc, RDF.type)) == {ns.SDO.NewsArticle, ns.FOAF.Document}
    assert graph.value(doc, DCTERMS.identifier) == Literal("seed-test")
    assert graph.value(doc, DCTERMS.issued) == Literal("2026-01-21", datatype=ns.XSD.date)
    assert graph.value(doc, DCTERMS.publisher) == ns.org("红星资本局")
    assert graph.value(doc, DCTERMS.language) == Literal("zh")
    assert graph.value(doc, DCTERMS.title) == Literal(article.title, lang="zh")
    assert graph.value(doc, ns.SDO.url) is None  # the source is a file name
    context = ns.span(article.digest, 0, len(article.text))
    assert graph.value(context, NIF.isString) == Literal(article.text)
    assert graph.value(context, NIF.sourceUrl) == doc
    mentioned = set(graph.objects(doc, ns.SDO.mentions))
    assert ns.person(ns.person_key("余冬梅", article.digest)) in mentioned
    assert ns.initiative("“十五五”促进中小企业发展规划") in mentioned
    assert ns.topic("人形机器人") in mentioned


@pytest.mark.parametrize(
    "published,publisher,source,issued,has_publisher,url",
    [
        ("2026-01-21T23:13", "红星资本局", "https://example.org/a.html", "2026-01-21", True, True),
        ("21/01/2026", "某某日报", "http://example.org/a b.html", None, False, False),
        (None, None, "", None, False, False),
    ],
)
def test_article_metadata_only_when_well_formed(published, publisher, source, issued, has_publisher, url):
    a = dataclasses.replace(seed_article(), published=published, publisher=publisher, source=source)
    g = article_graph(a)
    doc = ns.doc(a.digest)
    assert g.value(doc, DCTERMS.issued) == (Literal(issued, datatype=ns.XSD.date) if issued else None)
    assert (g.value(doc, DCTERMS.publisher) is not None) == has_publisher
    assert (g.value(doc, ns.SDO.url) is not None) == url


def test_organizations(graph):
    miit, unit, media = ns.org("工业和信息化部"), ns.org("工业和信息化部/信息通信发展司"), ns.org("红星资本局")
    assert set(graph.objects(miit, RDF.type)) == {ORG.Organization, ORG.FormalOrganization, ns.SDO.GovernmentOrganization}
    assert set(graph.objects(unit, RDF.type)) == {ORG.Organization, ORG.OrganizationalUnit, ns.SDO.GovernmentOrganization}
    assert set(graph.objects(media, RDF.type)) == {ORG.Organization, ns.SDO.NewsMediaOrganization}
    assert graph.value(unit, ORG.subOrganizationOf) == miit
    assert set(graph.objects(miit, SKOS.altLabel)) == {Literal("工信部", lang="zh"), Literal("MIIT", lang="en")}
    assert graph.value(miit, RDFS.label) == graph.value(miit, SKOS.prefLabel) == Literal("工业和信息化部", lang="zh")


def test_a_parent_the_article_does_not_list_gets_a_bare_node():
    a = seed_article()
    a.organizations = [dataclasses.replace(a.organizations[1], parent="国家发展和改革委员会")]
    a.persons, a.initiatives = [], []
    g = article_graph(a)
    parent = ns.org("国家发展和改革委员会")
    assert g.value(ns.org("国家发展和改革委员会/信息通信发展司"), ORG.subOrganizationOf) == parent
    assert set(g.objects(parent, RDF.type)) == {ORG.Organization, ORG.FormalOrganization, ns.SDO.GovernmentOrganization}
    assert parent not in set(g.objects(ns.doc(a.digest), ns.SDO.mentions))


def test_a_parent_cycle_terminates():
    a = seed_article()
    x = Organization("甲局", parent="乙局")
    y = Organization("乙局", parent="甲局")
    a.organizations, a.persons, a.initiatives, a.figures = [x, y], [], [], []
    g = article_graph(a)
    assert set(g.subjects(RDF.type, ORG.Organization)) == {ns.org("乙局"), ns.org("乙局/甲局")}


def test_posts_and_roles(graph):
    post = ns.post("工业和信息化部/信息通信发展司", "司长")
    assert graph.value(post, ORG.postIn) == ns.org("工业和信息化部/信息通信发展司")
    assert graph.value(post, ORG.role) == ns.role("司长")
    assert graph.value(post, SKOS.prefLabel) == Literal("信息通信发展司司长", lang="zh")
    assert (ns.role("司长"), SKOS.inScheme, ns.ROLE_SCHEME) in graph
    assert (ns.role("司长"), RDF.type, SKOS.Concept) in graph
    assert len(set(graph.subjects(RDF.type, ORG.Post))) == 3  # 编辑 has no organization, so no post


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_person_is_scoped_by_the_top_level_org_of_the_first_post(order):
    a = seed_article()
    xie = a.persons[1]
    xie.posts = [xie.posts[i] for i in order]
    g = article_graph(a)
    assert (ns.person(ns.person_key("谢存", "工业和信息化部")), RDF.type, ns.FOAF.Person) in g


def test_membership_without_organization(graph, article):
    member = ns.membership(ns.person_key("余冬梅", article.digest), None, "编辑")
    assert graph.value(member, ORG.organization) is None
    assert graph.value(member, ORG.role) == ns.role("编辑")
    assert str(graph.value(graph.value(member, PROV.wasDerivedFrom), NIF.anchorOf)) == "编辑 余冬梅"


def test_initiatives(graph):
    plan = ns.initiative("“十五五”促进中小企业发展规划")
    assert str(plan).endswith("/initiative/十五五促进中小企业发展规划")  # the key drops quote marks
    assert graph.value(plan, SKOS.prefLabel) == Literal("“十五五”促进中小企业发展规划", lang="zh")  # the label keeps them
    assert graph.value(plan, KGO.initiativeType) == KGO.Plan
    law = ns.initiative("《保障中小企业款项支付条例》")
    assert set(graph.objects(law, RDF.type)) == {KGO.Initiative, ns.SDO.Legislation}
    assert set(graph.objects(law, SKOS.altLabel)) == {Literal("保障中小企业款项支付条例", lang="zh")}
    assert (ns.initiative("国家人工智能产业投资基金"), RDF.type, ns.SDO.FundingScheme) in graph


@pytest.mark.parametrize(
    "name,sentence_with",
    [
        ("人形机器人与具身智能综合标准化体系建设指南", "工业和信息化部将发布"),  # same sentence as 工信部 and 工业和信息化部
        ("“十五五”促进中小企业发展规划", "工信部将制定"),
    ],
)
def test_attribution_evidence_is_a_sentence_naming_both(graph, name, sentence_with):
    attribution = ns.attribution(name, "工业和信息化部")
    assert (ns.initiative(name), PROV.qualifiedAttribution, attribution) in graph
    assert graph.value(attribution, PROV.agent) == ns.org("工业和信息化部")
    [evidence] = graph.objects(attribution, PROV.wasDerivedFrom)
    assert sentence_with in str(graph.value(evidence, NIF.anchorOf))


@pytest.mark.parametrize(
    "surface,about",
    [
        ("600亿元", ns.initiative("国家人工智能产业投资基金")),  # Figure.about names an initiative
        ("超过6000家", ns.CHINA),  # the quote says 我国
        ("超300项", None),
    ],
)
def test_observation_about(graph, article, surface, about):
    f = next(f for f in article.figures if f.surface == surface)
    assert graph.value(ns.figure(article.digest, f.mention.start, f.mention.end), SDOX.observationAbout) == about


def test_figure_bounds(graph, article):
    by_surface = {f.surface: ns.figure(article.digest, f.mention.start, f.mention.end) for f in article.figures}
    assert graph.value(by_surface["超300项"], ns.SDO.minValue) == Literal("300", datatype=ns.XSD.decimal)
    assert graph.value(by_surface["不到3个月"], ns.SDO.maxValue) == Literal("3", datatype=ns.XSD.decimal)
    assert graph.value(by_surface["600亿元"], ns.SDO.minValue) is None
    assert graph.value(by_surface["600亿元"], ns.SDO.unitText) == Literal("元")  # plain string, no language


@pytest.mark.parametrize(
    "value,lexical",
    [
        (Decimal("6E+10"), "60000000000"),
        (Decimal("60000000000"), "60000000000"),
        (Decimal("1.2E12"), "1200000000000"),
        (Decimal("5.90"), "5.9"),
        (Decimal("0.05"), "0.05"),
        (Decimal("-0"), "0"),
        (17600, "17600"),
        ("1.76E4", "17600"),
    ],
)
def test_decimal_literal(value, lexical):
    literal = decimal_literal(value)
    assert (str(literal), literal.datatype) == (lexical, ns.XSD.decimal)


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity")])
def test_decimal_literal_rejects_non_finite(value):
    with pytest.raises(ValueError):
        decimal_literal(value)


@pytest.mark.parametrize(
    "unit,code",
    [
        ("%", UNIT.PERCENT),
        ("％", UNIT.PERCENT),
        ("个百分点", UNIT.PERCENT),
        ("元", UNIT.CCY_CNY),
        ("美元", UNIT.CCY_USD),
        ("年", UNIT.YR),
        ("个月", UNIT.MO),
        ("月", UNIT.MO),
        ("天", UNIT.DAY),
        ("日", UNIT.DAY),
        ("吨", UNIT.TONNE),
        ("千瓦", UNIT.KiloW),
        ("千瓦时", UNIT["KiloW-HR"]),
        ("度", UNIT["KiloW-HR"]),
        ("平方米", UNIT.M2),
        ("公里", UNIT.KiloM),
        ("千米", UNIT.KiloM),
        ("家", UNIT.NUM),
        ("项", UNIT.NUM),
        ("个", UNIT.NUM),
        ("款", UNIT.NUM),
        ("人", UNIT.NUM),
    ],
)
def test_unit_code(unit, code):
    assert unit_code(unit) == code


@pytest.mark.parametrize(
    "change,error",
    [
        (lambda a: a.initiatives[0].__setattr__("type", "Campaign"), "initiative type"),
        (lambda a: a.figures[0].__setattr__("qualifier", "about"), "qualifier"),
        (lambda a: a.persons[0].mentions.append(Mention(0, 3, 99)), "sentence 99"),
    ],
)
def test_bad_items_are_bugs_not_graphs(change, error):
    a = seed_article()
    change(a)
    with pytest.raises(ValueError, match=error):
        article_graph(a)


def test_empty_article():
    text = "正文"
    g = article_graph(Article(id="empty", source="empty.txt", text=text))
    doc = ns.doc(ns.digest(text))
    assert (doc, RDF.type, ns.SDO.NewsArticle) in g
    assert len(set(g.subjects())) == 4  # doc, context, run, software


def test_extraction_run(graph, article):
    run = ns.activity(article.digest, "0.1.0")
    assert graph.value(run, PROV.used) == ns.doc(article.digest)
    assert graph.value(run, PROV.wasAssociatedWith) == ns.SOFTWARE
    assert (ns.SOFTWARE, RDF.type, PROV.SoftwareAgent) in graph
    other = article_graph(article, version="9.9.9")
    assert (ns.activity(article.digest, "9.9.9"), RDF.type, PROV.Activity) in other
    assert other.value(ns.SOFTWARE, ns.SDO.softwareVersion) == Literal("9.9.9")


# ------------------------------------------------------------------ labels


def test_repair_labels_keeps_the_smallest_pref_label():
    g = Graph()
    node = ns.initiative("十五五规划")
    for label in ("“十五五”规划", '"十五五"规划'):
        g.add((node, SKOS.prefLabel, Literal(label, lang="zh")))
        g.add((node, RDFS.label, Literal(label, lang="zh")))
    g.add((node, SKOS.prefLabel, Literal("15th plan", lang="en")))
    g.add((node, SKOS.altLabel, Literal('"十五五"规划', lang="zh")))
    repair_labels(g)
    assert set(g.objects(node, SKOS.prefLabel)) == {Literal('"十五五"规划', lang="zh"), Literal("15th plan", lang="en")}
    assert set(g.objects(node, SKOS.altLabel)) == {Literal("“十五五”规划", lang="zh")}
    assert set(g.objects(node, RDFS.label)) == {Literal('"十五五"规划', lang="zh")}


def test_two_spellings_of_one_initiative_in_one_article_give_one_pref_label():
    a = seed_article()
    a.initiatives.append(Initiative('"十五五"促进中小企业发展规划', "Plan"))
    g = article_graph(a)
    assert len(set(g.objects(ns.initiative("十五五促进中小企业发展规划"), SKOS.prefLabel))) == 1


# ------------------------------------------------------------------ serialization


def test_turtle_round_trip_is_isomorphic(graph):
    from kg.export import turtle

    text = turtle(graph)  # kg's writer: rdflib's would write 60000000000.0, a different literal
    assert '"60000000000"^^xsd:decimal' in text and "E10" not in text and "E+10" not in text
    back = Graph().parse(data=text, format="turtle")
    assert isomorphic(graph, back)
    assert set(graph) == set(back)  # literals keep their exact lexical form


def test_building_twice_gives_identical_turtle(graph):
    assert article_graph(seed_article()).serialize(format="turtle") == graph.serialize(format="turtle")


def test_identical_turtle_across_processes(graph):
    script = (
        "import sys; from seed_article import seed_article; from kg.graph import article_graph; "
        "sys.stdout.buffer.write(article_graph(seed_article()).serialize(format='turtle', encoding='utf-8'))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=HERE,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(HERE)},
            capture_output=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert outputs == {graph.serialize(format="turtle", encoding="utf-8")}


# ------------------------------------------------------------------ any text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80),
    data=st.data(),
)
def test_any_text_gives_exact_anchors_and_a_lossless_turtle_round_trip(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    name = data.draw(st.text(min_size=1, max_size=8))
    a = Article(id="any", source="any.txt", text=text, digest=ns.digest(text))
    a.sentences = [Sentence(0, 0, len(text), text)]
    a.organizations = [Organization(name, aliases=[text[start:end]], mentions=[Mention(start, end, 0)])]
    g = article_graph(a)
    phrase = ns.span(a.digest, start, end)
    assert str(g.value(phrase, NIF.anchorOf)) == text[start:end]
    back = Graph().parse(data=g.serialize(format="turtle"), format="turtle")
    assert set(back) == set(g)
    assert back.value(ns.span(a.digest, 0, len(text)), NIF.isString) == Literal(text)
