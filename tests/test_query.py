"""kg.query: portable SPARQL (declared prefixes only), errors with line and column, printing."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import ORG, RDF, SKOS, XSD

from kg.errors import InputError, KgError, QueryError
from kg.ns import BASE, KGO, UNIT, new_graph
from kg.query import (
    QueryOutcome,
    compact,
    competency_queries,
    competency_query,
    format_result,
    parse_query,
    query_summary,
    read_query,
    run_query,
    width,
)

SHARED_QUERIES = Path(__file__).resolve().parents[2] / "shared" / "queries"
SKOS_PREFIX = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
MIIT = URIRef(BASE + "id/org/工业和信息化部")
SCIO = URIRef(BASE + "id/org/国务院新闻办公室")


@pytest.fixture
def graph() -> Graph:
    g = new_graph()  # binds skos:, org:, schema: ... which a query must still declare itself
    g.add((MIIT, RDF.type, ORG.Organization))
    g.add((MIIT, SKOS.prefLabel, Literal("工业和信息化部", lang="zh")))
    g.add((MIIT, SKOS.altLabel, Literal("工信部", lang="zh")))
    g.add((MIIT, SKOS.altLabel, Literal("MIIT", lang="en")))
    g.add((SCIO, RDF.type, ORG.Organization))
    g.add((SCIO, SKOS.prefLabel, Literal("国务院新闻办公室", lang="zh")))
    return g


# -- kinds of query ------------------------------------------------------------------------------


def test_select(graph):
    out = run_query(graph, SKOS_PREFIX + 'SELECT ?o ?l WHERE { ?o skos:prefLabel ?l } ORDER BY ?l')
    assert out.kind == "SELECT" and out.vars == ["o", "l"]
    assert [str(r[1]) for r in out.rows] == ["国务院新闻办公室", "工业和信息化部"]


@pytest.mark.parametrize("label,expected", [("工信部", "true"), ("国新办", "false")])
def test_ask(graph, label, expected):
    out = run_query(graph, SKOS_PREFIX + f'ASK {{ ?o skos:altLabel "{label}"@zh }}')
    assert out.kind == "ASK" and format_result(out, "table") == expected + "\n"
    assert json.loads(format_result(out, "json")) == {"head": {}, "boolean": expected == "true"}


def test_construct_prints_turtle(graph):
    out = run_query(graph, SKOS_PREFIX + "CONSTRUCT { ?o skos:notation ?l } WHERE { ?o skos:altLabel ?l }")
    assert out.kind == "CONSTRUCT"
    text = format_result(out, "table")
    assert "skos:notation" in text  # our prefixes, not rdflib's ns1
    expected = Graph().parse(
        data=f'<{MIIT}> <{SKOS.notation}> "工信部"@zh , "MIIT"@en .', format="turtle"
    )
    assert isomorphic(Graph().parse(data=text, format="turtle"), expected)


def test_describe(graph):
    out = run_query(graph, f"DESCRIBE <{SCIO}>")
    assert out.kind == "DESCRIBE" and len(out.graph) == 2


# -- portable queries: undeclared prefixes are errors, with line and column ------------------------


@pytest.mark.parametrize(
    "query,line,column,prefix",
    [
        ("SELECT ?l WHERE { ?o skos:prefLabel ?l }", 1, 22, "skos"),
        ('SELECT ?o WHERE {\n  ?o <http://x/p> "1"^^xsd:integer }', 2, 24, "xsd"),
        ("SELECT ?o WHERE {\n  ?o rdf:type ?t }", 2, 6, "rdf"),
        ("SELECT ?o WHERE {\n  ?o a schema:GovernmentOrganization }", 2, 8, "schema"),
        ("SELECT ?o WHERE { ?o :p ?t }", 1, 22, ""),
        # a prefix in a comment, a string or an IRI is not a use; the real use is found
        ('# skos: here\nSELECT ?o WHERE { ?o <http://x/skos:p> "skos:x" ; skos:p ?y }', 2, 51, "skos"),
    ],
)
def test_undeclared_prefix_is_rejected_with_position(graph, query, line, column, prefix):
    with pytest.raises(QueryError) as e:
        run_query(graph, query)
    assert e.value.code == "E030"
    assert f"line {line}, column {column}: undeclared prefix '{prefix}:'" in str(e.value)


def test_graph_prefixes_are_not_borrowed(graph):
    """rdflib's Graph.query would run this with the graph's own skos: binding."""
    assert len(graph.query("SELECT ?l WHERE { ?o skos:prefLabel ?l }")) == 2
    with pytest.raises(QueryError):
        run_query(graph, "SELECT ?l WHERE { ?o skos:prefLabel ?l }")


@pytest.mark.parametrize(
    "query,line,column",
    [
        ("SELEC ?x WHERE { ?x ?p ?y }", 1, 1),
        ("SELECT ?x WHERE { ?x ?p ?y ", 1, 28),
        ("PREFIX a: <http://a/>\nSELECT ?x WHERE {\n  ?x a:b ?y \n  FILTER( }", 4, 3),
        ("SELECT ?x WHERE {\n ?x ?p ?y .\n} ORDER BY", 3, 3),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", 1, 1),
    ],
)
def test_syntax_error_names_line_and_column(graph, query, line, column):
    with pytest.raises(QueryError) as e:
        run_query(graph, query)
    assert e.value.code == "E030"
    assert f"line {line}, column {column}:" in str(e.value)
    assert "\n" not in str(e.value)


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="SELECTWHERask?xyz{}()<>:. \n\"#*", max_size=60))
def test_any_text_parses_or_raises_query_error(text):
    try:
        parse_query(text)
    except QueryError as e:
        assert e.code == "E030" and "\n" not in str(e)


def test_read_query_missing_file_is_E001(tmp_path):
    with pytest.raises(InputError) as e:
        read_query(tmp_path / "nope.rq")
    assert e.value.code == "E001"


# -- printing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,columns",
    [("", 0), ("abc", 3), ("工信部", 6), ("ＭＩＩＴ", 8), ("6G技术", 6), ("e\u0301", 1), ("“十五五”", 8), ("，", 2)],
)
def test_width_counts_wide_characters_twice(text, columns):
    assert width(text) == columns


@pytest.mark.parametrize(
    "term,shown",
    [
        (None, ""),
        (Literal("工信部", lang="zh"), "工信部"),
        (Literal(Decimal("600"), datatype=XSD.decimal), "600"),
        (UNIT.CCY_CNY, "unit:CCY_CNY"),
        (KGO.Exact, "kgo:Exact"),
        (ORG.Organization, "org:Organization"),
        (MIIT, str(MIIT)),
        (URIRef("http://example.org/x"), "http://example.org/x"),
    ],
)
def test_compact_terms(term, shown):
    assert compact(term) == shown


def outcome() -> QueryOutcome:
    return QueryOutcome(
        "SELECT",
        vars=["agency", "articles", "unit"],
        rows=[
            (Literal("工业和信息化部", lang="zh"), Literal(2), UNIT.CCY_CNY),
            (Literal("MIIT"), Literal(12), None),
            (Literal("国新办\n第二行", lang="zh"), Literal(1), URIRef("http://example.org/u")),
        ],
    )


def test_table_is_aligned_for_cjk():
    lines = format_result(outcome(), "table").splitlines()
    assert lines[0].split() == ["agency", "articles", "unit"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    # every column starts at the same display column on every line (no cell here holds a space)

    def starts(line: str) -> list[int]:
        return [width(line[: m.start()]) for m in re.finditer(r"\S+", line)]

    for line in lines[1:]:
        assert starts(line) == starts(lines[0])[: len(starts(line))]
    assert len(starts(lines[3])) == 2  # MIIT's unbound unit is blank
    assert lines[2].startswith("工业和信息化部  2")
    assert "国新办\\n第二行" in lines[4]  # one row stays one line


def test_csv_is_sparql_csv():
    text = format_result(outcome(), "csv")
    assert text.startswith("agency,articles,unit\r\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ["工业和信息化部", "2", str(UNIT.CCY_CNY)]
    assert rows[2] == ["MIIT", "12", ""]
    assert rows[3][0] == "国新办\n第二行"


def test_tsv_is_sparql_tsv():
    lines = format_result(outcome(), "tsv").splitlines()
    assert lines[0] == "?agency\t?articles\t?unit"
    assert lines[1] == f'"工业和信息化部"@zh\t"2"^^<{XSD.integer}>\t<{UNIT.CCY_CNY}>'
    assert lines[2] == f'"MIIT"\t"12"^^<{XSD.integer}>\t'
    assert lines[3].startswith('"国新办\\n第二行"@zh\t')


def test_json_is_sparql_json():
    doc = json.loads(format_result(outcome(), "json"))
    assert doc["head"]["vars"] == ["agency", "articles", "unit"]
    first, second = doc["results"]["bindings"][:2]
    assert first["agency"] == {"type": "literal", "value": "工业和信息化部", "xml:lang": "zh"}
    assert first["articles"] == {"type": "literal", "value": "2", "datatype": str(XSD.integer)}
    assert first["unit"] == {"type": "uri", "value": str(UNIT.CCY_CNY)}
    assert "unit" not in second  # unbound


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        format_result(outcome(), "xml")


# -- the competency queries ----------------------------------------------------------------------


def test_twelve_competency_queries_by_name():
    queries = competency_queries()
    assert len(queries) == 12
    assert "persons-posts" in queries and "shared-org-labels" in queries and "agency-mentions" in queries
    assert all(not name.startswith("cq") for name in queries)


@pytest.mark.parametrize("name", sorted(competency_queries()))
def test_competency_query_parses_with_its_own_prefixes(name):
    path = competency_queries()[name]
    parse_query(path.read_text(encoding="utf-8"))
    assert query_summary(path)


@pytest.mark.parametrize("name", sorted(competency_queries()))
def test_competency_query_is_identical_to_shared(name):
    path = competency_queries()[name]
    shared = SHARED_QUERIES / path.name
    if not shared.is_file():
        pytest.skip(f"no shared copy at {shared}")
    assert path.read_bytes() == shared.read_bytes()


@pytest.mark.parametrize("name", ["agency-mentions", "cq10-agency-mentions", "cq10", "10", "CQ10"])
def test_competency_query_lookup(name):
    assert competency_query(name).name == "cq10-agency-mentions.rq"


def test_unknown_competency_query_is_E032():
    with pytest.raises(QueryError) as e:
        competency_query("nope")
    assert e.value.code == "E032" and "persons-posts" in str(e.value)


def test_cq11_finds_a_label_shared_by_two_organizations(graph):
    graph.add((SCIO, SKOS.altLabel, Literal("工信部", lang="zh")))  # a wrong alias: now shared
    text = competency_query("shared-org-labels").read_text(encoding="utf-8")
    out = run_query(graph, text)
    assert [(str(r[0]), int(r[1])) for r in out.rows] == [("工信部", 2)]


@pytest.mark.parametrize("name", sorted(competency_queries()))
def test_competency_query_runs_on_an_empty_graph(name):
    out = run_query(new_graph(), competency_queries()[name].read_text(encoding="utf-8"))
    assert out.kind == "SELECT"
    format_result(out, "table")


def test_query_failure_while_running_is_E031(graph, monkeypatch):
    def boom(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(Graph, "query", boom)
    with pytest.raises(KgError) as e:
        run_query(graph, "ASK {}")
    assert e.value.code == "E031"


def test_query_file_is_named_in_errors(graph, tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("SELECT ?x WHERE {\n ?x skos:prefLabel ?y }\n", encoding="utf-8")
    with pytest.raises(QueryError) as e:
        run_query(graph, read_query(path), source=path)
    assert str(e.value) == f"{path}: query does not parse: line 2, column 5: undeclared prefix 'skos:' (add PREFIX skos: <...>)"


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * FROM <file:///etc/hostname> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    ],
)
def test_queries_that_would_fetch_elsewhere_are_refused(graph, query):
    with pytest.raises(QueryError) as e:
        run_query(graph, query)
    assert e.value.code == "E030" and "not supported" in str(e.value)
