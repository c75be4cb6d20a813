"""ontology/: kgo.ttl, shapes.ttl and the competency queries, against the code that uses them."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS
from rdflib.plugins.sparql import prepareQuery

import kg
from kg import ns, ontology
from kg.errors import OntologyError
from kg.graph import INITIATIVE_TYPES
from kg.ns import KGO, SH

SHARED_QUERIES = Path(__file__).resolve().parents[2] / "shared" / "queries"
ONTOLOGY_IRI = URIRef(ns.BASE + "ontology")


@pytest.fixture(scope="module")
def kgo() -> Graph:
    return ontology.load_graph("kgo.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return ontology.load_graph("shapes.ttl")


def test_terms_in_code_equal_terms_in_kgo_ttl(kgo):
    in_code = {KGO[name] for name in KGO.__annotations__}
    in_ttl = {s for s in kgo.subjects() if isinstance(s, URIRef) and str(s).startswith(str(KGO._NS))}
    assert in_code == in_ttl


def test_ontology_header(kgo):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in kgo
    assert kgo.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal(kg.__version__)
    assert kgo.value(ONTOLOGY_IRI, DCTERMS.license) is not None
    assert kg.__version__ in str(kgo.value(ONTOLOGY_IRI, DCTERMS.bibliographicCitation))
    assert {t.language for t in kgo.objects(ONTOLOGY_IRI, DCTERMS.title)} == {"en", "zh"}


def test_kgo_ttl_has_no_blank_nodes(kgo):
    # it is mixed into the data graph during validation, where blank nodes are violations
    assert not [t for t in kgo if any(isinstance(x, BNode) for x in t)]


@pytest.mark.parametrize(
    "term,cls",
    [
        (KGO.Initiative, OWL.Class),
        (KGO.FigureQualifier, OWL.Class),
        (KGO.responsibleAgency, OWL.ObjectProperty),
        (KGO.initiativeType, OWL.ObjectProperty),
        (KGO.InitiativeTypes, SKOS.ConceptScheme),
        (KGO.Qualifiers, SKOS.ConceptScheme),
        (ns.ROLE_SCHEME, SKOS.ConceptScheme),
        (ns.TOPIC_SCHEME, SKOS.ConceptScheme),
    ],
)
def test_declared_types(kgo, term, cls):
    assert (term, RDF.type, cls) in kgo


def _members(g: Graph, scheme: URIRef) -> set[URIRef]:
    return set(g.subjects(SKOS.inScheme, scheme))


@pytest.mark.parametrize("name", list(INITIATIVE_TYPES))
def test_initiative_type_concept(kgo, name):
    concept = KGO[name]
    assert (concept, RDF.type, SKOS.Concept) in kgo
    assert (concept, SKOS.inScheme, KGO.InitiativeTypes) in kgo
    labels = {label.language: str(label) for label in kgo.objects(concept, SKOS.prefLabel)}
    assert set(labels) == {"en", "zh"}
    assert labels["en"] == name.lower()  # CQ3 returns the @en label
    assert kgo.value(concept, SKOS.notation) == Literal(name)  # kg.types.Initiative.type


def test_initiative_types_scheme_is_what_the_code_emits(kgo):
    assert _members(kgo, KGO.InitiativeTypes) == set(INITIATIVE_TYPES.values())


@pytest.mark.parametrize("name,iri", list(ns.QUALIFIER_IRI.items()))
def test_qualifier_concept(kgo, name, iri):
    assert (iri, RDF.type, KGO.FigureQualifier) in kgo
    assert (iri, RDF.type, SKOS.Concept) in kgo
    assert (iri, SKOS.inScheme, KGO.Qualifiers) in kgo
    assert kgo.value(iri, SKOS.notation) == Literal(name)  # the answer-key value
    assert {label.language for label in kgo.objects(iri, SKOS.prefLabel)} == {"en", "zh"}


def test_qualifier_scheme_is_what_the_code_emits(kgo):
    assert _members(kgo, KGO.Qualifiers) == set(ns.QUALIFIER_IRI.values())


def _sh_in_lists(shapes: Graph, path: URIRef) -> list[set]:
    found = []
    for prop in shapes.subjects(SH.path, path):
        for head in shapes.objects(prop, SH["in"]):
            found.append(set(Collection(shapes, head)))
    return found


@pytest.mark.parametrize(
    "path,expected",
    [
        (KGO.initiativeType, set(INITIATIVE_TYPES.values())),
        (ns.SDOX.measurementQualifier, set(ns.QUALIFIER_IRI.values())),
    ],
)
def test_shapes_enumerations_match_the_code(shapes, path, expected):
    assert _sh_in_lists(shapes, path) == [expected]


def test_shapes_declare_the_prefixes_their_sparql_uses(shapes):
    declarations = shapes.objects(None, SH.declare)
    declared = {str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace)) for d in declarations}
    assert declared == {"schema": str(ns.PREFIXES["schema"]), "kgo": str(KGO._NS), "nif": str(ns.NIF)}
    for node, select in shapes.subject_objects(SH.select):
        if any(f"{prefix}:" in str(select) for prefix in declared):
            assert shapes.value(node, SH.prefixes) is not None, select


def test_there_are_twelve_queries_and_they_parse():
    folder = ontology.ontology_path("queries")
    queries = sorted(folder.glob("*.rq"))
    assert [q.name[:4] for q in queries] == [f"cq{n:02d}" for n in range(1, 13)]
    for q in queries:
        prepareQuery(q.read_text(encoding="utf-8"))  # raises on a syntax error


@pytest.mark.skipif(not SHARED_QUERIES.is_dir(), reason="../shared/queries is not present (not a dev checkout)")
def test_queries_are_byte_identical_to_shared():
    ours = {p.name: p.read_bytes() for p in ontology.ontology_path("queries").glob("*.rq")}
    shared = {p.name: p.read_bytes() for p in SHARED_QUERIES.glob("*.rq")}
    assert ours == shared


def test_ontology_path_finds_the_source_tree_folder():
    assert ontology.ontology_path("kgo.ttl") == Path(kg.__file__).resolve().parent.parent / "ontology" / "kgo.ttl"


def test_packaged_folder_is_used_when_there_is_no_source_tree(tmp_path, monkeypatch):
    packaged = tmp_path / "_ontology"
    packaged.mkdir()
    (packaged / "kgo.ttl").write_text("", encoding="utf-8")
    monkeypatch.setattr(ontology, "CANDIDATES", (tmp_path / "missing", packaged))
    assert ontology.ontology_dir() == packaged


@pytest.mark.parametrize(
    "files,name",
    [
        ({}, "kgo.ttl"),  # no ontology folder at all
        ({"kgo.ttl": ""}, "shapes.ttl"),  # folder without the file
        ({"kgo.ttl": "kgo:Initiative a ."}, "kgo.ttl"),  # does not parse
    ],
)
def test_missing_or_broken_files_raise_e020(tmp_path, monkeypatch, files, name):
    for file, text in files.items():
        (tmp_path / file).write_text(text, encoding="utf-8")
    monkeypatch.setattr(ontology, "CANDIDATES", (tmp_path,))
    with pytest.raises(OntologyError) as err:
        ontology.load_graph(name)
    assert err.value.code == "E020"
