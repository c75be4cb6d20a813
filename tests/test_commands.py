"""query, merge, validate, view and export from the command line, on graphs kg really built."""

from __future__ import annotations

import shutil

import pytest
from rdflib.compare import isomorphic

from conftest import SAMPLE, run_cli
from kg.build import build
from kg.query import competency_query, read_query, run_query
from kg.rdfio import load_graph


run = run_cli


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The seed and a second article about the same ministry, built separately."""
    from conftest import DEV

    root = tmp_path_factory.mktemp("built")
    build([SAMPLE], root / "seed", html=False)
    second = DEV / "chinanews-miit-2025-four-features.txt"
    if not second.exists():
        pytest.skip(f"the shared dev corpus is not at {DEV}")
    build([second], root / "second", html=False)
    return root


def rows(graph, cq):
    return run_query(graph, read_query(competency_query(cq))).rows


def test_seed_competency_answers(built):
    g = load_graph(built / "seed" / "graph.ttl")
    posts = {(str(r[0]), str(r[1]), str(r[2]) if r[2] is not None else None) for r in rows(g, "persons-posts")}
    assert {("张云明", "副部长", "工业和信息化部"), ("谢存", "新闻发言人", "工业和信息化部"),
            ("谢存", "司长", "信息通信发展司")} <= posts
    money = {(str(r[0]), r[1].toPython(), r[3] and str(r[3])) for r in rows(g, "money-in-yi")}
    assert any(v == 60000000000 and about == "国家人工智能产业投资基金" for _, v, about in money)
    several = {str(r[0]) for r in rows(g, "people-with-several-posts")}
    assert "谢存" in several
    assert rows(g, "shared-org-labels") == []


@pytest.mark.parametrize("order", [("seed", "second"), ("second", "seed")])
def test_merge_two_articles_about_one_ministry(built, capsys, order, tmp_path):
    inputs = [built / name / "graph.ttl" for name in order]
    out = tmp_path / "merged.ttl"
    code, stdout, _ = run(capsys, "merge", *inputs, "-o", out, "--report", tmp_path / "r.json")
    assert code == 0 and "2 graphs" in stdout
    g = load_graph(out)
    agencies = {str(r[0]): (int(r[1]), int(r[2])) for r in rows(g, "agency-mentions")}
    assert agencies["工业和信息化部"][0] == 2
    assert rows(g, "shared-org-labels") == []
    code, stdout, _ = run(capsys, "validate", out)
    assert code == 0 and stdout.strip().endswith("conforms")


def test_merge_is_order_independent(built, capsys, tmp_path):
    a, b = built / "seed" / "graph.ttl", built / "second" / "graph.ttl"
    run(capsys, "merge", a, b, "-o", tmp_path / "ab.ttl")
    run(capsys, "merge", b, a, "-o", tmp_path / "ba.ttl")
    assert isomorphic(load_graph(tmp_path / "ab.ttl"), load_graph(tmp_path / "ba.ttl"))


def test_query_formats_and_list(built, capsys):
    g = built / "seed" / "graph.ttl"
    code, out, _ = run(capsys, "query", g, "--cq", "persons-posts")
    assert code == 0 and "张云明" in out.splitlines()[2] or "张云明" in out
    code, out, _ = run(capsys, "query", g, "--cq", "persons-posts", "--format", "csv")
    assert out.startswith("person,title,orgName,sentence")
    code, out, _ = run(capsys, "query", "--list")
    assert code == 0 and len(out.strip().splitlines()) == 12


@pytest.mark.parametrize(
    "argv,needle",
    [
        (["query", "{g}", "-e", "SELECT ?s WHERE { ?s ?p }"], "line 1"),
        (["query", "{g}", "-e", "SELECT ?s WHERE { ?s skos:prefLabel ?o }"], "undeclared prefix"),
        (["query", "{missing}", "--cq", "persons-posts"], "no such file"),
        (["query", "{bad}", "--cq", "persons-posts"], "line 2"),
        (["merge", "{bad}", "{g}", "-o", "{out}"], "line 2"),
        (["validate", "{missing}"], "no such file"),
        (["view", "{bad}", "-o", "{out}"], "line 2"),
        (["export", "{missing}", "--format", "graphml", "-o", "{out}"], "no such file"),
    ],
)
def test_bad_inputs_give_one_line(built, capsys, tmp_path, argv, needle):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c ex:d .\n", encoding="utf-8")
    values = {"g": built / "seed" / "graph.ttl", "missing": tmp_path / "nope.ttl", "bad": bad, "out": tmp_path / "o"}
    code, out, err = run(capsys, *(str(values[a[1:-1]]) if a[1:-1] in values else a for a in argv))
    assert code == 1
    assert err.startswith("kg: error: ") and len(err.strip().splitlines()) == 1 and needle in err
    assert not (tmp_path / "o").exists()


def test_validate_reports_violations(built, capsys, tmp_path):
    from rdflib import Literal
    from rdflib.namespace import XSD

    from kg.export import write_graph
    from kg.ns import NIF

    g = load_graph(built / "seed" / "graph.ttl")
    sentence = next(g.subjects(NIF.anchorOf, None))
    begin = g.value(sentence, NIF.beginIndex)
    g.set((sentence, NIF.beginIndex, Literal(int(begin) + 1, datatype=XSD.integer)))  # offsets off by one
    write_graph(g, tmp_path / "broken.ttl")
    code, out, _ = run(capsys, "validate", tmp_path / "broken.ttl")
    assert code == 1 and "does not conform" in out and "anchorOf" in out


def test_view_and_export(built, capsys, tmp_path):
    g = built / "seed" / "graph.ttl"
    code, _, _ = run(capsys, "view", g, "-o", tmp_path / "v.html")
    page = (tmp_path / "v.html").read_text(encoding="utf-8")
    assert code == 0 and "http://" not in page and "https://" not in page and "张云明" in page
    code, _, _ = run(capsys, "export", g, "--format", "graphml", "-o", tmp_path / "g.graphml")
    import networkx as nx

    assert code == 0 and nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() > 10
    code, _, _ = run(capsys, "export", g, "--format", "nt", "-o", tmp_path / "g.nt")
    assert isomorphic(load_graph(g), load_graph(tmp_path / "g.nt"))
