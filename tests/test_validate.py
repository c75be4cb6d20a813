"""kg.validate: the SHACL shapes accept what kg.graph writes and catch corrupted graphs."""

from __future__ import annotations

import shutil

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV, RDF, SKOS

from kg import ns, ontology, validate as validate_module
from kg.errors import OntologyError
from kg.graph import article_graph, corpus_graph
from kg.ns import KGO, NIF
from kg.validate import validate
from seed_article import TEXT, second_article, seed_article

DIGEST = ns.digest(TEXT)
CONTEXT = ns.span(DIGEST, 0, len(TEXT))
MIIT = ns.org("工业和信息化部")


@pytest.fixture(scope="module")
def graph() -> Graph:
    return article_graph(seed_article())


def figure_iri(surface: str) -> URIRef:
    f = next(f for f in seed_article().figures if f.surface == surface)
    return ns.figure(DIGEST, f.mention.start, f.mention.end)


def phrase_iri(surface: str, nth: int = 0) -> URIRef:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(surface, start + 1)
    return ns.span(DIGEST, start, start + len(surface))


def nni(n: int) -> Literal:
    return Literal(n, datatype=ns.XSD.integer)


def test_seed_graph_conforms(graph):
    result = validate(graph)
    assert result.violations == []
    assert result.conforms


def test_merged_graph_conforms():
    assert validate(corpus_graph([article_graph(seed_article()), article_graph(second_article())])).conforms


def test_validation_leaves_the_graph_alone(graph):
    before = set(graph)
    validate(graph)
    assert set(graph) == before


SIXTY = figure_iri("600亿元")
MEMBERSHIP = "https://w3id.org/policykg/id/membership/张云明@工业和信息化部/工业和信息化部/副部长"

# (name, mutate(graph), focus, message fragment): the mutated graph must fail on `focus` only
MUTATIONS = [
    (
        "begin offset shifted by one",
        lambda g: g.set((phrase_iri("600亿元"), NIF.beginIndex, nni(TEXT.index("600亿元") + 1))),
        phrase_iri("600亿元"),
        "anchorOf must equal the context substring",
    ),
    (
        "end offset past the text",
        lambda g: g.set((phrase_iri("600亿元"), NIF.endIndex, nni(len(TEXT) + 5))),
        phrase_iri("600亿元"),
        "anchorOf must equal the context substring",
    ),
    (
        "sentence anchor edited",
        lambda g: g.set((ns.span(DIGEST, 265, 271), NIF.anchorOf, Literal("编辑 余冬"))),
        ns.span(DIGEST, 265, 271),
        "anchorOf must equal the context substring",
    ),
    (
        "minValue missing on a lower bound",
        lambda g: g.remove((figure_iri("超300项"), ns.SDO.minValue, None)),
        figure_iri("超300项"),
        "LowerBound figure must carry schema:minValue",
    ),
    (
        "maxValue missing on an upper bound",
        lambda g: g.remove((figure_iri("不到3个月"), ns.SDO.maxValue, None)),
        figure_iri("不到3个月"),
        "UpperBound figure must carry schema:maxValue",
    ),
    (
        "second prefLabel@zh",
        lambda g: g.add((MIIT, SKOS.prefLabel, Literal("中华人民共和国工业和信息化部", lang="zh"))),
        MIIT,
        "More than one String shares the same Language",
    ),
    (
        "altLabel equal to prefLabel",
        lambda g: g.add((MIIT, SKOS.altLabel, Literal("工业和信息化部", lang="zh"))),
        MIIT,
        "altLabel == ",
    ),
    (
        "blank node",
        lambda g: g.add((ns.doc(DIGEST), ns.SDO.about, BNode("b0"))),
        BNode("b0"),
        "blank node",
    ),
    (
        "value as a float",
        lambda g: g.set((SIXTY, ns.SDO.value, Literal(6e10))),
        SIXTY,
        "Datatype",
    ),
    (
        "unit outside QUDT",
        lambda g: g.set((SIXTY, ns.SDO.unitCode, URIRef("http://example.org/yuan"))),
        SIXTY,
        "http://qudt",
    ),
    (
        "period not ISO 8601",
        lambda g: g.add((SIXTY, ns.SDO.temporalCoverage, Literal("2025年"))),
        SIXTY,
        "pattern",
    ),
    (
        "initiative type outside the scheme",
        lambda g: g.set((ns.initiative("国家人工智能产业投资基金"), KGO.initiativeType, SKOS.Concept)),
        ns.initiative("国家人工智能产业投资基金"),
        "not in list",
    ),
    (
        "membership without evidence",
        lambda g: g.remove((URIRef(MEMBERSHIP), PROV.wasDerivedFrom, None)),
        URIRef(MEMBERSHIP),
        "Less than 1 values",
    ),
    (
        "mention outside its sentence",
        lambda g: g.set((phrase_iri("工信部"), NIF.sentence, ns.span(DIGEST, 60, 111))),
        phrase_iri("工信部"),
        "a mention must lie inside its nif:sentence",
    ),
    (
        "context length wrong",
        lambda g: g.set((CONTEXT, NIF.endIndex, nni(3))),
        CONTEXT,
        "nif:endIndex of a context",
    ),
    (
        "organization outside id/org/",
        lambda g: g.addN(
            [
                (URIRef("https://example.org/org/x"), RDF.type, ORG.Organization, g),
                (URIRef("https://example.org/org/x"), SKOS.prefLabel, Literal("某部", lang="zh"), g),
            ]
        ),
        URIRef("https://example.org/org/x"),
        "pattern",
    ),
    (
        "two issued dates",
        lambda g: g.add((ns.doc(DIGEST), ns.DCTERMS.issued, Literal("2026-01-22", datatype=ns.XSD.date))),
        ns.doc(DIGEST),
        "More than 1 values",
    ),
]


@pytest.mark.parametrize("name,mutate,focus,fragment", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_mutation_is_caught_on_its_focus_node(graph, name, mutate, focus, fragment):
    g = Graph() + graph
    mutate(g)
    result = validate(g)
    assert not result.conforms
    assert {v.focus for v in result.violations} == {focus}, result.violations
    assert any(fragment.lower() in v.message.lower() for v in result.violations), result.violations
    # an offset past its sentence also leaves the sentence: that is the only double report
    assert len(result.violations) == (2 if name == "end offset past the text" else 1), result.violations


def test_the_three_mutations_of_the_prototype_give_three_violations(graph):
    g = Graph() + graph
    for name, mutate, *_ in MUTATIONS:
        if name in ("begin offset shifted by one", "minValue missing on a lower bound", "second prefLabel@zh"):
            mutate(g)
    assert len(validate(g).violations) == 3


@pytest.fixture
def ontology_copy(tmp_path, monkeypatch):
    """A private copy of ontology/ that a test may break."""
    folder = tmp_path / "ontology"
    shutil.copytree(ontology.ontology_dir(), folder)
    monkeypatch.setattr(ontology, "CANDIDATES", (folder,))
    validate_module._ontology.cache_clear()
    yield folder
    validate_module._ontology.cache_clear()


@pytest.mark.parametrize(
    "file,text",
    [
        ("shapes.ttl", None),  # missing
        ("kgo.ttl", None),  # missing
        ("shapes.ttl", "kgs:X a sh:NodeShape"),  # does not parse
        (  # parses, but pySHACL cannot load the constraint
            "shapes.ttl",
            "@prefix sh: <http://www.w3.org/ns/shacl#> . "
            "<urn:s> a sh:NodeShape ; sh:targetNode <urn:x> ; sh:minCount 1 .",
        ),
    ],
)
def test_broken_ontology_raises_e020(graph, ontology_copy, file, text):
    if text is None:
        (ontology_copy / file).unlink()
    else:
        (ontology_copy / file).write_text(text, encoding="utf-8")
    with pytest.raises(OntologyError) as err:
        validate(graph)
    assert err.value.code == "E020"
