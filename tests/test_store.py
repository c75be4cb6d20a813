"""The persistent store (`kg build --store oxigraph:PATH`) read by query, merge, validate, view and export.

Queries on a store run natively in oxigraph's engine; every competency query must give the same rows
there as through rdflib on the graph.ttl of the same build.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from rdflib import Literal
from rdflib.compare import isomorphic

from conftest import DEV, SAMPLE, run_cli
from kg.build import build
from kg.errors import InputError, QueryError
from kg.query import competency_queries, parse_query, read_query, run_query, run_store_query
from kg.rdfio import load_graph, load_graphs
from kg.store import open_store

PREFIXES = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nPREFIX org: <http://www.w3.org/ns/org#>\n"


run = run_cli


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The dev corpus (or the bundled sample when it is absent) built with a store beside graph.ttl."""
    root = tmp_path_factory.mktemp("store")
    paths = [DEV] if DEV.is_dir() else [SAMPLE]
    result = build(paths, root / "out", html=False, store=f"oxigraph:{root / 'store'}")
    assert result.built and not result.failed
    return root


@pytest.fixture(scope="module")
def spec(built):
    return f"oxigraph:{built / 'store'}"


@pytest.fixture(scope="module")
def store(spec):
    return open_store(spec, read_only=True)


@pytest.fixture(scope="module")
def graph(built):
    return load_graph(built / "out" / "graph.ttl")


def _key(term, group_concat: bool = False):
    """A term as compared across engines. GROUP_CONCAT leaves order (and oxigraph keeps a shared language
    tag), so a concatenation compares as its sorted parts."""
    if group_concat and isinstance(term, Literal):
        return tuple(sorted(str(term).split(" / ")))
    if isinstance(term, Literal) and term.datatype is not None:
        return ("literal", term.toPython(), str(term.datatype))  # 2.0 and 2.00 are one decimal
    return term


def _order_vars(text: str) -> list[str]:
    clause = re.search(r"ORDER BY (.*)", text)
    return re.findall(r"\?(\w+)", clause.group(1)) if clause else []


@pytest.mark.parametrize("name", sorted(competency_queries()))
def test_competency_query_on_store_gives_the_rows_of_graph_ttl(store, graph, name):
    text = read_query(competency_queries()[name])
    native, rdflib = run_store_query(store, text), run_query(graph, text)
    assert native.kind == rdflib.kind == "SELECT"
    assert native.vars == rdflib.vars
    concat = [bool(re.search(rf"GROUP_CONCAT\([^)]*\) AS \?{v}\b", text)) for v in native.vars]

    def rows(outcome):
        return Counter(tuple(_key(t, c) for t, c in zip(row, concat)) for row in outcome.rows)

    assert rows(native) == rows(rdflib)
    for var in _order_vars(text):  # ORDER BY is kept; rows tied on the keys may come in any order
        i = native.vars.index(var)
        assert [_key(r[i]) for r in native.rows] == [_key(r[i]) for r in rdflib.rows]


def test_store_answers_something(store):
    """The comparison above must not pass on two empty answers."""
    text = read_query(competency_queries()["persons-posts"])
    assert len(run_store_query(store, text).rows) > 0


@pytest.mark.parametrize("label,expected", [("工业和信息化部", True), ("没有这个机构", False)])
def test_ask_on_store(store, graph, label, expected):
    text = PREFIXES + f'ASK {{ ?o skos:prefLabel "{label}"@zh }}'
    native = run_store_query(store, text)
    assert native.kind == "ASK" and native.boolean is expected == run_query(graph, text).boolean


def test_construct_on_store_is_the_graph_rdflib_builds(store, graph):
    text = PREFIXES + "CONSTRUCT { ?m org:member ?p } WHERE { ?m a org:Membership ; org:member ?p }"
    native = run_store_query(store, text)
    assert native.kind == "CONSTRUCT" and len(native.graph) > 0
    assert isomorphic(native.graph, run_query(graph, text).graph)


@pytest.mark.parametrize(
    "query,code",
    [
        ("SELECT ?s WHERE { ?s skos:prefLabel ?l }", "E030"),  # undeclared prefix, refused as on files
        ("SELECT ?s FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "E030"),
        ("SELECT ?s WHERE { ?s ?p", "E030"),
    ],
)
def test_store_query_checks_the_query_as_on_files(store, query, code):
    with pytest.raises(QueryError) as e:
        run_store_query(store, query, "q.rq")
    assert e.value.code == code and e.value.path == "q.rq"


def test_cli_query_on_store_prints_what_it_prints_on_the_file(built, spec, capsys):
    on_file = run(capsys, "query", built / "out" / "graph.ttl", "--cq", "persons-posts", "--format", "tsv")
    on_store = run(capsys, "query", spec, "--cq", "persons-posts", "--format", "tsv")
    assert on_store[0] == on_file[0] == 0 and on_store[2] == on_file[2] == ""
    header, *lines = on_store[1].splitlines()
    assert header == on_file[1].splitlines()[0] and lines
    assert sorted(lines) == sorted(on_file[1].splitlines()[1:])  # rows tied on ORDER BY may swap


def test_load_store_is_the_graph_of_graph_ttl(spec, graph):
    loaded = load_graphs([spec])
    assert len(loaded) == len(graph) and isomorphic(loaded, graph)


def test_export_from_store(built, spec, graph, capsys, tmp_path):
    code, _, _ = run(capsys, "export", spec, "--format", "nt", "-o", tmp_path / "g.nt")
    assert code == 0 and isomorphic(load_graph(tmp_path / "g.nt"), graph)


def test_merge_from_store_is_the_merge_of_graph_ttl(built, spec, capsys, tmp_path):
    assert run(capsys, "merge", spec, "-o", tmp_path / "a.ttl", "-q")[0] == 0
    assert run(capsys, "merge", built / "out" / "graph.ttl", "-o", tmp_path / "b.ttl", "-q")[0] == 0
    assert isomorphic(load_graph(tmp_path / "a.ttl"), load_graph(tmp_path / "b.ttl"))


def test_validate_store_says_what_validating_graph_ttl_says(built, spec, capsys):
    on_store = run(capsys, "validate", spec)
    assert on_store == run(capsys, "validate", built / "out" / "graph.ttl")
    assert "conform" in on_store[1]


def test_view_from_store(spec, store, capsys, tmp_path):
    out = tmp_path / "view.html"
    assert run(capsys, "view", spec, "-o", out, "--title", "t")[0] == 0
    person = run_store_query(store, read_query(competency_queries()["persons-posts"])).rows[0][0]
    assert str(person) in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "command",
    [
        ["query", "{spec}", "--cq", "figures"],
        ["merge", "{spec}", "-o", "{tmp}/m.ttl"],
        ["validate", "{spec}"],
        ["view", "{spec}", "-o", "{tmp}/v.html"],
        ["export", "{spec}", "--format", "nt", "-o", "{tmp}/x.nt"],
    ],
)
def test_missing_store_is_one_line_E001(command, capsys, tmp_path):
    spec = f"oxigraph:{tmp_path / 'no-such-store'}"
    code, out, err = run(capsys, *(a.format(spec=spec, tmp=tmp_path) for a in command))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"kg: error: {spec}: ")
    assert not (tmp_path / "no-such-store").exists() and sorted(p.name for p in tmp_path.iterdir()) == []
    with pytest.raises(InputError) as e:
        load_graph(spec)
    assert e.value.code == "E001"


def test_folder_that_holds_no_store_is_E007_and_is_left_alone(tmp_path):
    with pytest.raises(InputError) as e:
        load_graph(f"oxigraph:{tmp_path}")
    assert e.value.code == "E007"
    assert list(tmp_path.iterdir()) == []  # read-only: no empty store created in someone's folder


# -- oxigraph plans `{ A OPTIONAL { B } C }` as a nested loop: C moves before the OPTIONAL when safe --

EX = "PREFIX : <http://example.org/>\n"


def _moved(text: str) -> bool:
    from kg.query import _optionals_last

    out = _optionals_last(text)
    if out != text:
        parse_query(out)  # whatever it writes parses
    return out != text


@pytest.mark.parametrize(
    "where,moved",
    [
        ("?a :p ?b OPTIONAL { ?a :q ?c } ?b :r ?d", True),
        ("?a :p ?b . OPTIONAL { ?a :q ?c } . ?b :r ?d .", True),
        ("?a :p ?b OPTIONAL { ?a :q ?c } OPTIONAL { ?b :s ?e } ?b :r ?d # a comment.\n", True),
        ("?a :p ?b OPTIONAL { ?a :q ?c } ?c :r ?d", False),  # ?c is bound by the OPTIONAL only
        ("?a :p ?b OPTIONAL { ?a :q ?c FILTER(?c != ?d) } ?b :r ?d", False),  # the filter sees ?d
        ("?a :p ?b OPTIONAL { ?a :q ?c }", False),  # nothing after it
        ("?a :p ?b OPTIONAL { ?a :q ?c } ?b :r ?d FILTER(?d != 1)", False),
        ("?a :p ?b OPTIONAL { ?a :q ?c } { ?b :r ?d } UNION { ?b :s ?d }", False),
        ("?a :p ?b OPTIONAL { ?a :q ?c } BIND(1 AS ?d)", False),
        ('?a :p "OPTIONAL { ?x :q ?y }" . ?a :r ?d', False),  # a string is not a keyword
    ],
)
def test_optionals_last(where, moved):
    assert _moved(EX + f"SELECT ?a ?b ?c ?d WHERE {{ {where} }}") is moved


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?a :p ?b OPTIONAL { ?a :q ?c } ?b :r ?d }",  # column order of * could change
        "CONSTRUCT { ?a :p ?d } WHERE { ?a :p ?b OPTIONAL { ?a :q ?c } ?b :r ?d }",
        "ASK { ?a :p ?b OPTIONAL { ?a :q ?c } ?b :r ?d }",
    ],
)
def test_optionals_last_leaves_other_shapes(query):
    assert not _moved(EX + query)


def test_competency_query_cq01_is_rewritten():
    assert _moved(read_query(competency_queries()["persons-posts"]))


DATA = """@prefix : <http://example.org/> .
:a :p :b ; :q :c1 . :b :r :d . :c2 :r :d . :x :p :y ."""


@pytest.mark.parametrize(
    "where",
    [
        "?a :p ?b OPTIONAL { ?a :q ?c } ?b :r ?d",  # moved: one row either way
        "?a :p ?b OPTIONAL { ?a :q ?c } ?c :r ?d",  # moving it would find :c2 and a row that is not there
    ],
)
def test_store_and_rdflib_agree_on_optionals(where):
    import pyoxigraph as ox
    from rdflib import Graph

    text = EX + f"SELECT ?a ?b ?c ?d WHERE {{ {where} }}"
    store = ox.Store()
    store.load(DATA.encode(), format=ox.RdfFormat.TURTLE)
    graph = Graph().parse(data=DATA, format="turtle")
    assert Counter(run_store_query(store, text).rows) == Counter(run_query(graph, text).rows)
