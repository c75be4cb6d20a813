"""The only module that spells an IRI: namespaces, our own terms, and instance IRI minting.

Instance IRIs are deterministic: a class and a normalized key, so the same entity gets the
same IRI on every run and machine and separately built graphs merge by plain union
(../shared/ONTOLOGY.md §3).
"""

from __future__ import annotations

import hashlib
import unicodedata

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace

from kg.hanzi import to_simplified

BASE = "https://w3id.org/policykg/"

NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
UNIT = Namespace("http://qudt.org/vocab/unit/")
WD = Namespace("http://www.wikidata.org/entity/")
SH = Namespace("http://www.w3.org/ns/shacl#")


class KGO(DefinedNamespace):
    """Our own vocabulary (ontology/kgo.ttl): four terms, two schemes and their members."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    Initiative: URIRef
    FigureQualifier: URIRef
    responsibleAgency: URIRef
    initiativeType: URIRef
    InitiativeTypes: URIRef
    Qualifiers: URIRef
    # initiative types
    Plan: URIRef
    Action: URIRef
    Guideline: URIRef
    Standard: URIRef
    Regulation: URIRef
    Fund: URIRef
    Zone: URIRef
    Platform: URIRef
    Mechanism: URIRef
    # figure qualifiers
    Exact: URIRef
    LowerBound: URIRef
    UpperBound: URIRef
    Approximate: URIRef


class SDOX(DefinedNamespace):
    """schema.org terms newer than rdflib's SDO snapshot (SDO warns on them); same namespace."""

    _fail = True
    _NS = Namespace(str(SDO))

    measurementQualifier: URIRef
    observationAbout: URIRef


PREFIXES = {
    "kgo": KGO._NS,
    "org": ORG,
    "skos": SKOS,
    "schema": SDO,
    "prov": PROV,
    "dcterms": DCTERMS,
    "foaf": FOAF,
    "nif": NIF,
    "itsrdf": ITSRDF,
    "unit": UNIT,
    "wd": WD,
    "xsd": XSD,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
}

QUALIFIER_IRI = {
    "exact": KGO.Exact,
    "lower": KGO.LowerBound,
    "upper": KGO.UpperBound,
    "approx": KGO.Approximate,
}
QUALIFIER_NAME = {iri: name for name, iri in QUALIFIER_IRI.items()}


def new_graph() -> Graph:
    """A graph with only our prefixes bound: no rdflib defaults, so queries stay portable."""
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


_MARKS = str.maketrans("", "", "“”‘’\"'《》「」")
_ESCAPE = {c: f"%{ord(c):02X}" for c in ' "<>\\^`{|}%/?#[]'}


def norm(name: str) -> str:
    """N(name): NFKC, no whitespace, no quotation or book-title marks (ONTOLOGY.md §3.2)."""
    return "".join(unicodedata.normalize("NFKC", name).split()).translate(_MARKS)


def key(name: str) -> str:
    """N(name) in simplified characters, made safe as one IRI path segment (only structural
    ASCII is percent-encoded): 國務院新聞辦公室 and 国务院新闻办公室 get one IRI."""
    k = "".join(_ESCAPE.get(c, c) for c in to_simplified(norm(name)))
    # control characters and other code points that cannot stand in an IRI
    return "".join(c if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF else f"%{ord(c):02X}" for c in k) or "-"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def doc(digest16: str) -> URIRef:
    return URIRef(f"{BASE}doc/{digest16}")


def span(digest16: str, start: int, end: int) -> URIRef:
    return URIRef(f"{BASE}doc/{digest16}#offset_{start}_{end}")


def figure(digest16: str, start: int, end: int) -> URIRef:
    return URIRef(f"{BASE}doc/{digest16}/figure/{start}-{end}")


def org_key(name: str, parent_key: str | None = None) -> str:
    """Key path of an organization: `工业和信息化部` or `工业和信息化部/信息通信发展司`."""
    return f"{parent_key}/{key(name)}" if parent_key else key(name)


def org(org_key_: str) -> URIRef:
    return URIRef(f"{BASE}id/org/{org_key_}")


def role(title: str) -> URIRef:
    return URIRef(f"{BASE}id/role/{key(title)}")


def post(org_key_: str, title: str) -> URIRef:
    return URIRef(f"{BASE}id/post/{org_key_}/{key(title)}")


def person_key(name: str, scope: str) -> str:
    """`张云明@工业和信息化部`: scoped by the top-level org of the first post, or the doc digest."""
    return f"{key(name)}@{scope}"


def person(person_key_: str) -> URIRef:
    return URIRef(f"{BASE}id/person/{person_key_}")


def membership(person_key_: str, org_key_: str | None, title: str) -> URIRef:
    return URIRef(f"{BASE}id/membership/{person_key_}/{org_key_ or '-'}/{key(title)}")


def initiative(name: str) -> URIRef:
    return URIRef(f"{BASE}id/initiative/{key(name)}")


def attribution(name: str, org_key_: str) -> URIRef:
    return URIRef(f"{BASE}id/initiative/{key(name)}/attribution/{org_key_}")


def topic(name: str) -> URIRef:
    return URIRef(f"{BASE}id/topic/{key(name)}")


ROLE_SCHEME = URIRef(f"{BASE}id/scheme/roles")
TOPIC_SCHEME = URIRef(f"{BASE}id/scheme/topics")
CHINA = WD.Q148


def activity(digest16: str, version: str) -> URIRef:
    return URIRef(f"{BASE}run/{hashlib.sha256(f'{digest16}|{version}'.encode()).hexdigest()[:16]}")


SOFTWARE = URIRef(f"{BASE}agent/kg")
