"""Article -> rdflib.Graph: the ontology mapping (../shared/ONTOLOGY.md §2-§3) and nothing else.

Every node has a minted IRI from `kg.ns` (no blank nodes), every literal is deterministic, so the
same Article always gives the same graph and graphs of separate articles merge by plain union.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SDO, SKOS, XSD
from rdflib.term import Node

import kg
from kg import ns
from kg.hanzi import is_traditional, to_simplified
from kg.ns import ITSRDF, KGO, NIF, SDOX, UNIT
from kg.ontology import load_graph
from kg.types import Article, Figure, Initiative, Mention, Organization, Person

INITIATIVE_TYPES = {
    name: KGO[name]
    for name in ("Plan", "Action", "Guideline", "Standard", "Regulation", "Fund", "Zone", "Platform", "Mechanism")
}
# where the kind is intrinsic and standard consumers expect a class (ONTOLOGY.md §2.2)
INITIATIVE_EXTRA_CLASS = {"Regulation": SDO.Legislation, "Standard": DCTERMS.Standard, "Fund": SDO.FundingScheme}

ORG_KIND_CLASS = {
    "government": SDO.GovernmentOrganization,
    "media": SDO.NewsMediaOrganization,
    "company": SDO.Corporation,
}

# measure word (NFKC) -> QUDT unit; any other measure word is a counting classifier -> unit:NUM
UNIT_CODES = {
    "%": UNIT.PERCENT,
    "个百分点": UNIT.PERCENT,  # QUDT has no percentage-point unit; unitText keeps 个百分点 apart
    "百分点": UNIT.PERCENT,
    "元": UNIT.CCY_CNY,
    "人民币": UNIT.CCY_CNY,
    "美元": UNIT.CCY_USD,
    "欧元": UNIT.CCY_EUR,
    "日元": UNIT.CCY_JPY,
    "港元": UNIT.CCY_HKD,
    "英镑": UNIT.CCY_GBP,
    "年": UNIT.YR,
    "个月": UNIT.MO,
    "個月": UNIT.MO,
    "月": UNIT.MO,
    "周": UNIT.WK,
    "天": UNIT.DAY,
    "日": UNIT.DAY,
    "小时": UNIT.HR,
    "吨": UNIT.TONNE,
    "噸": UNIT.TONNE,
    "千克": UNIT.KiloGM,
    "公斤": UNIT.KiloGM,
    "瓦": UNIT.W,
    "千瓦": UNIT.KiloW,
    "兆瓦": UNIT.MegaW,
    "吉瓦": UNIT.GigaW,
    "千瓦时": UNIT["KiloW-HR"],
    "千瓦時": UNIT["KiloW-HR"],
    "度": UNIT["KiloW-HR"],
    "平方米": UNIT.M2,
    "平方公里": UNIT.KiloM2,
    "公顷": UNIT.HA,
    "立方米": UNIT.M3,
    "公里": UNIT.KiloM,
    "千米": UNIT.KiloM,
    "米": UNIT.M,
}

CHINA_WORDS = ("我国", "全国", "中国")  # a figure about the country as a whole -> wd:Q148


@lru_cache(maxsize=1)
def _concepts() -> dict[URIRef, tuple[tuple[URIRef, object], ...]]:
    """Type, scheme, notation and labels of every kgo concept, as kgo.ttl states them."""
    kgo = load_graph("kgo.ttl")
    keep = (RDF.type, SKOS.inScheme, SKOS.notation, SKOS.prefLabel)
    return {
        c: tuple(sorted((p, o) for p, o in kgo.predicate_objects(c) if p in keep))
        for c in (*INITIATIVE_TYPES.values(), *ns.QUALIFIER_IRI.values())
    }


def preferred(name: str) -> str:
    """The preferred label of a name: NFKC, in simplified characters when it is written in
    traditional ones (the IRI key folds them too, ns.key), so 工業和信息化部 in a Hong Kong
    repost and 工业和信息化部 are one node labelled 工业和信息化部, with the other as altLabel."""
    name = nfkc(name)
    return to_simplified(name) if is_traditional(name) else name


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def unit_code(unit: str) -> URIRef:
    """QUDT unit of a measure word; counting classifiers (家 项 个 款 人 …) are unit:NUM."""
    return UNIT_CODES.get("".join(nfkc(unit).split()), UNIT.NUM)


def decimal_literal(value: Decimal | int | str) -> Literal:
    """xsd:decimal in the XSD 1.1 canonical form (`60000000000`, `5.9`): never exponent notation,
    and the form RDF stores such as Oxigraph keep, so a graph round-trips through them unchanged."""
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if not d.is_finite():
        raise ValueError(f"not a finite decimal: {value!r}")
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("0", "-0"):
        text = "0"
    return Literal(text, datatype=XSD.decimal)


def _index(n: int) -> Literal:
    """Offsets are xsd:integer (≥ 0 by the shapes): stores normalise xsd:nonNegativeInteger to it."""
    return Literal(n, datatype=XSD.integer)


class _Builder:
    def __init__(self, article: Article, version: str) -> None:
        self.a = article
        self.version = version
        self.digest = article.digest or ns.digest(article.text)
        self.triples: set[tuple[Node, Node, Node]] = set()
        self.doc = ns.doc(self.digest)
        self.context = ns.span(self.digest, 0, len(article.text))
        # organization lookup: canonical names first, then aliases, all compared by N(name)
        self.orgs: dict[str, Organization] = {}
        for o in article.organizations:
            self.orgs.setdefault(ns.norm(o.name), o)
        for o in article.organizations:
            for alias in o.aliases:
                self.orgs.setdefault(ns.norm(alias), o)
        self.org_iris: dict[int, tuple[str, URIRef]] = {}  # id(Organization) -> (key path, IRI)
        self.org_sentences: dict[int, set[int]] = {}

    def add(self, s, p, o) -> None:
        self.triples.add((s, p, o))

    def concept(self, concept: URIRef) -> URIRef:
        """A kgo concept with its labels, so that a graph answers CQ3 without kgo.ttl loaded."""
        for p, o in _concepts()[concept]:
            self.add(concept, p, o)
        return concept

    def labels(self, node: URIRef, name: str, aliases: Iterable[str] = (), english: Iterable[str] = ()) -> None:
        pref = preferred(name)
        self.add(node, SKOS.prefLabel, Literal(pref, lang="zh"))
        self.add(node, RDFS.label, Literal(pref, lang="zh"))
        for alias in (name, *aliases):
            if nfkc(alias) != pref:
                self.add(node, SKOS.altLabel, Literal(nfkc(alias), lang="zh"))
        for word in english:
            self.add(node, SKOS.altLabel, Literal(nfkc(word), lang="en"))

    # ------------------------------------------------------------ text

    def sentence(self, index: int) -> URIRef:
        if not 0 <= index < len(self.a.sentences):
            raise ValueError(f"{self.a.id}: sentence {index} does not exist ({len(self.a.sentences)} sentences)")
        s = self.a.sentences[index]
        node = ns.span(self.digest, s.start, s.end)
        self.add(node, RDF.type, NIF.Sentence)
        self.add(node, RDF.type, NIF.OffsetBasedString)
        self.add(node, NIF.anchorOf, Literal(s.text))
        self.add(node, NIF.beginIndex, _index(s.start))
        self.add(node, NIF.endIndex, _index(s.end))
        self.add(node, NIF.referenceContext, self.context)
        return node

    def phrase(self, mention: Mention, target: URIRef) -> URIRef:
        node = ns.span(self.digest, mention.start, mention.end)
        self.add(node, RDF.type, NIF.Phrase)
        self.add(node, RDF.type, NIF.OffsetBasedString)
        self.add(node, NIF.anchorOf, Literal(self.a.text[mention.start : mention.end]))
        self.add(node, NIF.beginIndex, _index(mention.start))
        self.add(node, NIF.endIndex, _index(mention.end))
        self.add(node, NIF.referenceContext, self.context)
        self.add(node, NIF.sentence, self.sentence(mention.sentence))
        self.add(node, ITSRDF.taIdentRef, target)
        return node

    def article(self) -> None:
        a, doc = self.a, self.doc
        self.add(doc, RDF.type, SDO.NewsArticle)
        self.add(doc, RDF.type, FOAF.Document)
        self.add(doc, DCTERMS.identifier, Literal(a.id))
        self.add(doc, DCTERMS.language, Literal("zh"))
        if a.title:
            self.add(doc, DCTERMS.title, Literal(a.title.strip(), lang="zh"))
        issued = _iso_date(a.published)
        if issued:
            self.add(doc, DCTERMS.issued, Literal(issued, datatype=XSD.date))
        if re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", a.source or ""):
            self.add(doc, SDO.url, URIRef(a.source))
        if a.publisher:
            publisher = self.orgs.get(ns.norm(a.publisher))
            if publisher is not None:
                self.add(doc, DCTERMS.publisher, self.org(publisher))
        ctx = self.context
        self.add(ctx, RDF.type, NIF.Context)
        self.add(ctx, RDF.type, NIF.OffsetBasedString)
        self.add(ctx, NIF.isString, Literal(a.text))
        self.add(ctx, NIF.beginIndex, _index(0))
        self.add(ctx, NIF.endIndex, _index(len(a.text)))
        self.add(ctx, NIF.sourceUrl, doc)
        run = ns.activity(self.digest, self.version)
        self.add(run, RDF.type, PROV.Activity)
        self.add(run, PROV.used, doc)
        self.add(run, PROV.wasAssociatedWith, ns.SOFTWARE)
        self.add(ns.SOFTWARE, RDF.type, PROV.SoftwareAgent)
        self.add(ns.SOFTWARE, RDFS.label, Literal("kg"))
        self.add(ns.SOFTWARE, SDO.softwareVersion, Literal(self.version))

    # ------------------------------------------------------------ organizations

    def find_org(self, name: str, kind: str = "other") -> Organization:
        """The organization called `name`; a bare node when the article has none by that name."""
        found = self.orgs.get(ns.norm(name))
        if found is None:
            found = self.orgs[ns.norm(name)] = Organization(name=name, kind=kind)
        return found

    def parent_of(self, o: Organization, seen: frozenset[int] = frozenset()) -> Organization | None:
        if not o.parent or ns.norm(o.parent) == ns.norm(o.name):
            return None
        parent = self.find_org(o.parent, kind=o.kind)
        return None if parent is o or id(parent) in seen else parent

    def org_key(self, o: Organization) -> str:
        """Key path of an organization, emitting it: `工业和信息化部/信息通信发展司`."""
        self.org(o)
        return self.org_iris[id(o)][0]

    def org(self, o: Organization, seen: frozenset[int] = frozenset()) -> URIRef:
        """Emit the organization (and its parents) once; return its IRI."""
        if id(o) in self.org_iris:
            return self.org_iris[id(o)][1]
        parent = self.parent_of(o, seen | {id(o)})
        parent_iri = self.org(parent, seen | {id(o)}) if parent else None
        k = ns.org_key(o.name, self.org_iris[id(parent)][0] if parent else None)
        node = ns.org(k)
        self.org_iris[id(o)] = (k, node)
        self.add(node, RDF.type, ORG.Organization)
        if o.kind in ORG_KIND_CLASS:
            self.add(node, RDF.type, ORG_KIND_CLASS[o.kind])
        if parent_iri is not None:
            self.add(node, RDF.type, ORG.OrganizationalUnit)
            self.add(node, ORG.subOrganizationOf, parent_iri)
        elif o.kind == "government":
            self.add(node, RDF.type, ORG.FormalOrganization)
        self.labels(node, o.name, o.aliases, o.english)
        for m in o.mentions:
            self.phrase(m, node)
        self.org_sentences[id(o)] = {m.sentence for m in o.mentions}
        return node

    # ------------------------------------------------------------ persons, posts, memberships

    def role(self, title: str) -> URIRef:
        node = ns.role(title)
        self.add(node, RDF.type, ORG.Role)
        self.add(node, RDF.type, SKOS.Concept)
        self.add(node, SKOS.inScheme, ns.ROLE_SCHEME)
        self.add(ns.ROLE_SCHEME, RDF.type, SKOS.ConceptScheme)
        self.labels(node, title)
        return node

    def person(self, p: Person) -> URIRef:
        scope = self.digest
        for post in p.posts:
            if post.org:  # the top-level organization: first segment of the key path
                scope = self.org_key(self.find_org(post.org)).split("/")[0]
                break
        pkey = ns.person_key(p.name, scope)
        node = ns.person(pkey)
        self.add(node, RDF.type, FOAF.Person)
        self.add(node, RDF.type, SDO.Person)
        self.labels(node, p.name)
        for m in p.mentions:
            self.phrase(m, node)
        for post in p.posts:
            role = self.role(post.title)
            okey = None
            if post.org:
                o = self.find_org(post.org)
                org_node = self.org(o)
                okey = self.org_key(o)
                post_node = ns.post(okey, post.title)
                self.add(post_node, RDF.type, ORG.Post)
                self.add(post_node, ORG.postIn, org_node)
                self.add(post_node, ORG.role, role)
                self.labels(post_node, preferred(o.name) + preferred(post.title))
                self.add(node, ORG.holds, post_node)
            member = ns.membership(pkey, okey, post.title)
            self.add(member, RDF.type, ORG.Membership)
            self.add(member, ORG.member, node)
            self.add(member, ORG.role, role)
            if post.org:
                self.add(member, ORG.organization, org_node)
            self.add(member, PROV.wasDerivedFrom, self.sentence(post.mention.sentence))
            self.phrase(post.mention, member)
        return node

    # ------------------------------------------------------------ initiatives

    def initiative(self, i: Initiative) -> URIRef:
        if i.type not in INITIATIVE_TYPES:
            raise ValueError(f"{self.a.id}: unknown initiative type {i.type!r} for {i.name!r}")
        node = ns.initiative(i.name)
        self.add(node, RDF.type, KGO.Initiative)
        if i.type in INITIATIVE_EXTRA_CLASS:
            self.add(node, RDF.type, INITIATIVE_EXTRA_CLASS[i.type])
        self.add(node, KGO.initiativeType, self.concept(INITIATIVE_TYPES[i.type]))
        self.labels(node, i.name, i.aliases)
        for m in i.mentions:
            self.phrase(m, node)
        own = [m.sentence for m in i.mentions]
        for name in i.by:
            o = self.find_org(name)
            agent = self.org(o)
            self.add(node, KGO.responsibleAgency, agent)
            attribution = ns.attribution(i.name, self.org_key(o))
            self.add(node, PROV.qualifiedAttribution, attribution)
            self.add(attribution, RDF.type, PROV.Attribution)
            self.add(attribution, PROV.agent, agent)
            # evidence: sentences naming both; else the first sentence naming the initiative
            shared = sorted(set(own) & self.org_sentences[id(o)])
            for index in shared or own[:1]:
                self.add(attribution, PROV.wasDerivedFrom, self.sentence(index))
        for name in i.topics:
            topic = ns.topic(name)
            self.add(topic, RDF.type, SKOS.Concept)
            self.add(topic, SKOS.inScheme, ns.TOPIC_SCHEME)
            self.add(ns.TOPIC_SCHEME, RDF.type, SKOS.ConceptScheme)
            self.labels(topic, name)
            self.add(node, DCTERMS.subject, topic)
            self.add(self.doc, SDO.mentions, topic)
        return node

    # ------------------------------------------------------------ figures

    def about(self, f: Figure) -> URIRef | None:
        if f.about:
            wanted = ns.norm(f.about)
            for i in self.a.initiatives:
                if wanted in {ns.norm(n) for n in (i.name, *i.aliases)}:
                    return ns.initiative(i.name)
            o = self.orgs.get(wanted)
            if o is not None:
                return self.org(o)
        quote = self.a.text[f.quote.start : f.quote.end]
        return ns.CHINA if any(word in quote for word in CHINA_WORDS) else None

    def figure(self, f: Figure) -> URIRef:
        if f.qualifier not in ns.QUALIFIER_IRI:
            raise ValueError(f"{self.a.id}: unknown qualifier {f.qualifier!r} for figure {f.surface!r}")
        node = ns.figure(self.digest, f.mention.start, f.mention.end)
        value = decimal_literal(f.value)
        self.add(node, RDF.type, SDO.Observation)
        self.add(node, SDO.value, value)
        self.add(node, SDO.unitCode, unit_code(f.unit))
        self.add(node, SDO.unitText, Literal(nfkc(f.unit)))
        self.add(node, SDOX.measurementQualifier, self.concept(ns.QUALIFIER_IRI[f.qualifier]))
        if f.qualifier == "lower":
            self.add(node, SDO.minValue, value)
        elif f.qualifier == "upper":
            self.add(node, SDO.maxValue, value)
        if f.metric:
            self.add(node, SDO.variableMeasured, Literal(nfkc(f.metric), lang="zh"))
        if f.period:
            self.add(node, SDO.temporalCoverage, Literal(f.period))
        subject = self.about(f)
        if subject is not None:
            self.add(node, SDOX.observationAbout, subject)
        self.add(node, PROV.wasDerivedFrom, self.sentence(f.mention.sentence))
        self.phrase(f.mention, node)
        return node

    def build(self) -> set[tuple[Node, Node, Node]]:
        self.article()
        for o in self.a.organizations:
            self.add(self.doc, SDO.mentions, self.org(o))
        for p in self.a.persons:
            self.add(self.doc, SDO.mentions, self.person(p))
        for i in self.a.initiatives:
            self.add(self.doc, SDO.mentions, self.initiative(i))
        for f in self.a.figures:
            self.figure(f)
        return _repair_label_triples(self.triples)


def _repair_label_triples(triples: set[tuple[Node, Node, Node]]) -> set[tuple[Node, Node, Node]]:
    """`repair_labels` on a plain set of triples: one prefLabel per node and language (the
    lexicographically smallest; the others become altLabels), no altLabel equal to a prefLabel."""
    prefs: dict[Node, list[Literal]] = {}
    for s, p, o in triples:
        if p == SKOS.prefLabel:
            prefs.setdefault(s, []).append(o)
    for node, labels in prefs.items():
        by_lang: dict[str | None, list[Literal]] = {}
        for label in labels:
            by_lang.setdefault(getattr(label, "language", None), []).append(label)
        for same in by_lang.values():
            for extra in sorted(same, key=str)[1:]:
                triples.discard((node, SKOS.prefLabel, extra))
                triples.discard((node, RDFS.label, extra))
                triples.add((node, SKOS.altLabel, extra))
        for label in labels:
            if (node, SKOS.prefLabel, label) in triples:
                triples.discard((node, SKOS.altLabel, label))
    return triples


def _iso_date(published: str | None) -> str | None:
    """The xsd:date lexical form of `published` (a date or a date-time), or None."""
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10]).isoformat()
    except ValueError:
        return None


def article_triples(article: Article, version: str = kg.__version__) -> set[tuple[Node, Node, Node]]:
    """The triples of `article_graph`, without the cost of an rdflib store (the build's fast path)."""
    return _Builder(article, version).build()


def article_graph(article: Article, version: str = kg.__version__) -> Graph:
    """The RDF graph of one article: its text, sentences, mentions and every extracted item."""
    graph = ns.new_graph()
    graph.addN((s, p, o, graph) for s, p, o in article_triples(article, version))
    return graph


def repair_labels(graph: Graph) -> Graph:
    """Make labels SKOS-consistent, in place and order-independently (ONTOLOGY.md §3.6 step 3).

    When a node has several skos:prefLabel in one language (e.g. “十五五”… and "十五五"… key to
    one IRI), the lexicographically smallest stays and the others become skos:altLabel (and stop
    being rdfs:label); then any altLabel equal to the prefLabel is dropped.
    """
    before = {t for p in _LABELS for t in graph.triples((None, p, None))}
    after = _repair_label_triples(set(before))
    for t in before - after:
        graph.remove(t)
    for t in after - before:
        graph.add(t)
    return graph


_LABELS = (SKOS.prefLabel, SKOS.altLabel, RDFS.label)


def corpus_graph(graphs: Iterable[Graph]) -> Graph:
    """Union of per-article graphs with labels repaired: IRIs are minted so that union is merge."""
    merged = ns.new_graph()
    for g in graphs:
        for triple in g:
            merged.add(triple)
    return repair_labels(merged)
