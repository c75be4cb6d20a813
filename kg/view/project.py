"""Project an ontology graph (one article or merged) onto a labelled networkx graph for viewing.

Readers see people, organizations, initiatives, topics, articles and figures. The n-ary nodes of
the ontology (org:Membership, schema:Observation) are folded into what a reader expects:
person —副部长→ 工业和信息化部, and a figure node `600亿元` hanging off what it measures
(ONTOLOGY.md §5, open point 3). Posts, roles, spans and contexts are not drawn.

Node attributes: kind, label, aliases, iri, ref (compact id), articles (how many articles
mention it), docs (their IRIs), sentences ({text, doc, title, date}), posts, figures, and for
figures value/unit/qualifier/metric/period/about, for articles title/date/identifier/url.
Edge attributes: kind (post, unit, agency, subject, about, mentions, publisher), label, ref.
"""

from __future__ import annotations

import re
from collections import defaultdict

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SDO, SKOS

from kg.ns import BASE, CHINA, ITSRDF, KGO, NIF, QUALIFIER_NAME, SDOX, TOPIC_SCHEME
from kg.view.labels import compact, decimal, figure_label, local_name, plain, short_metric

KINDS = ("person", "organization", "department", "initiative", "topic", "article", "figure")
EDGE_LABEL = {"unit": "下属", "agency": "牵头", "subject": "主题", "publisher": "发布", "mentions": "", "about": ""}
MAX_SENTENCES = 20  # per node; the count of all of them is kept in `n_sentences`

_ORG_TYPES = {ORG.Organization, ORG.FormalOrganization, ORG.OrganizationalUnit, FOAF.Organization,
              SDO.Organization, SDO.GovernmentOrganization, SDO.NewsMediaOrganization, SDO.Corporation}
_ARTICLE_TYPES = {SDO.NewsArticle, SDO.Article, FOAF.Document}
_NOT_TOPIC = {ORG.Role, KGO.FigureQualifier}
_DOC_IRI = re.compile(r"^(" + re.escape(BASE) + r"doc/[0-9a-f]+)")
_KNOWN_PLACES = {CHINA: "全国"}
_TYPE_ZH = {"Plan": "规划", "Action": "行动", "Guideline": "指南", "Standard": "标准", "Regulation": "法规",
            "Fund": "基金", "Zone": "先导区", "Platform": "平台", "Mechanism": "机制"}


def project(graph: Graph) -> nx.MultiDiGraph:
    """The reader's view of `graph`: a MultiDiGraph keyed by IRI string (see module docstring)."""
    return _Projector(graph).run()


def _text(lit: object) -> str:
    return str(lit) if lit is not None else ""


class _Projector:
    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self.out = nx.MultiDiGraph()
        self.kind: dict[URIRef, str] = {}
        self.docs: dict[URIRef, set[URIRef]] = defaultdict(set)
        self.sentences: dict[URIRef, set[URIRef]] = defaultdict(set)
        self._sentence_cache: dict[URIRef, dict] = {}

    # -- which node is what -------------------------------------------------------------
    def classify(self) -> None:
        g, kind = self.g, self.kind
        types: dict[URIRef, set] = defaultdict(set)
        for s, t in g.subject_objects(RDF.type):
            if isinstance(s, URIRef):
                types[s].add(t)

        def put(node: object, k: str) -> None:
            if isinstance(node, URIRef) and node not in kind:
                kind[node] = k

        # most specific first: an initiative typed schema:FundingScheme stays an initiative
        for s, ts in types.items():
            if KGO.Initiative in ts:
                put(s, "initiative")
            elif SDO.Observation in ts:
                put(s, "figure")
            elif ts & _ARTICLE_TYPES:
                put(s, "article")
            elif FOAF.Person in ts or SDO.Person in ts:
                put(s, "person")
            elif ORG.OrganizationalUnit in ts:
                put(s, "department")
            elif ts & _ORG_TYPES:
                put(s, "organization")
        for p in (ORG.member,):
            for o in g.objects(None, p):
                put(o, "person")
        for p in (ORG.organization, ORG.subOrganizationOf, ORG.postIn, KGO.responsibleAgency, DCTERMS.publisher):
            for o in g.objects(None, p):
                put(o, "organization")
        for s in g.subjects(ORG.subOrganizationOf):
            put(s, "department")
        for s in g.subjects(SKOS.inScheme, TOPIC_SCHEME):
            put(s, "topic")
        for i, o in g.subject_objects(DCTERMS.subject):
            if kind.get(i) == "initiative" and not (types.get(o, set()) & _NOT_TOPIC):
                put(o, "topic")
        for ctx in g.objects(None, NIF.sourceUrl):
            put(ctx, "article")

    # -- provenance: which articles and sentences speak of a node -------------------------
    def doc_of(self, span: URIRef) -> URIRef | None:
        """The article a sentence or phrase belongs to (through its context, else its IRI)."""
        ctx = self.g.value(span, NIF.referenceContext)
        doc = self.g.value(ctx, NIF.sourceUrl) if ctx is not None else None
        if doc is None:
            m = _DOC_IRI.match(str(span))
            doc = URIRef(m.group(1)) if m else None
        return doc

    def collect_provenance(self) -> None:
        g = self.g
        for phrase, target in g.subject_objects(ITSRDF.taIdentRef):
            doc = self.doc_of(phrase)
            if doc is not None:
                self.docs[target].add(doc)
            sentence = g.value(phrase, NIF.sentence)
            if isinstance(sentence, URIRef):
                self.sentences[target].add(sentence)
        for doc, target in g.subject_objects(SDO.mentions):
            self.docs[target].add(doc)
        for node, sentence in g.subject_objects(PROV.wasDerivedFrom):
            if isinstance(sentence, URIRef) and (self.kind.get(node) == "figure" or (node, RDF.type, ORG.Membership) in g):
                self.sentences[node].add(sentence)
                doc = self.doc_of(sentence)
                if doc is not None:
                    self.docs[node].add(doc)
        for m, person in g.subject_objects(ORG.member):  # a post's evidence speaks of its holder
            self.docs[person] |= self.docs.get(m, set())
            self.sentences[person] |= self.sentences.get(m, set())
        for node, attribution in g.subject_objects(PROV.qualifiedAttribution):  # evidence of "responsible agency"
            for sentence in g.objects(attribution, PROV.wasDerivedFrom):
                if isinstance(sentence, URIRef):
                    self.sentences[node].add(sentence)
        for node, k in self.kind.items():
            if k == "figure" and not self.docs[node]:
                m = _DOC_IRI.match(str(node))
                if m:
                    self.docs[node].add(URIRef(m.group(1)))

    def sentence(self, s: URIRef) -> dict:
        if s not in self._sentence_cache:
            g = self.g
            text = _text(g.value(s, NIF.anchorOf))
            if not text:
                ctx = g.value(s, NIF.referenceContext)
                full, b, e = g.value(ctx, NIF.isString), g.value(s, NIF.beginIndex), g.value(s, NIF.endIndex)
                if full is not None and b is not None and e is not None:
                    text = str(full)[int(b) : int(e)]
            doc = self.doc_of(s)
            b = g.value(s, NIF.beginIndex)
            self._sentence_cache[s] = {
                "text": text.strip(),
                "doc": str(doc) if doc is not None else "",
                "title": self.article_title(doc) if doc is not None else "",
                "date": _text(g.value(doc, DCTERMS.issued)) if doc is not None else "",
                "begin": int(b) if b is not None and str(b).isdigit() else 0,
            }
        return self._sentence_cache[s]

    def article_title(self, doc: URIRef) -> str:
        g = self.g
        title = g.value(doc, DCTERMS.title) or g.value(doc, SDO.headline) or g.value(doc, SDO.name)
        return _text(title) or _text(g.value(doc, DCTERMS.identifier)) or compact(str(doc))

    # -- labels ---------------------------------------------------------------------------
    def labels(self, node: URIRef) -> tuple[str, list[str]]:
        g = self.g
        prefs = list(g.objects(node, SKOS.prefLabel))
        zh = sorted(str(lit) for lit in prefs if isinstance(lit, Literal) and (lit.language or "").startswith("zh"))
        label = (zh or sorted(str(x) for x in prefs) or [""])[0]
        if not label:
            for p in (RDFS.label, SDO.name, FOAF.name):
                found = sorted(str(x) for x in g.objects(node, p))
                if found:
                    label = found[0]
                    break
        label = label or _KNOWN_PLACES.get(node, "") or local_name(str(node))
        aliases: list[str] = []
        for lit in sorted(g.objects(node, SKOS.altLabel), key=str):
            if str(lit) != label and str(lit) not in aliases:
                aliases.append(str(lit))
        for lit in prefs:  # a second prefLabel (unmerged graph) is still a name to search by
            if str(lit) != label and str(lit) not in aliases:
                aliases.append(str(lit))
        return label, aliases

    # -- building -------------------------------------------------------------------------
    def add_node(self, node: URIRef, kind: str) -> None:
        label, aliases = self.labels(node)
        sentences = sorted((self.sentence(s) for s in self.sentences.get(node, ())),
                           key=lambda d: (d["date"], d["title"], d["begin"], d["text"]))
        self.out.add_node(
            str(node), kind=kind, label=label, aliases=aliases, iri=str(node), ref=compact(str(node)),
            articles=len(self.docs.get(node, ())), docs=sorted(str(d) for d in self.docs.get(node, ())),
            sentences=sentences[:MAX_SENTENCES], n_sentences=len(sentences), posts=[], figures=[],
        )

    def add_edge(self, a: object, b: object, kind: str, label: str | None = None, ref: str = "") -> None:
        a, b = str(a), str(b)
        if a in self.out and b in self.out:
            key = f"{kind}:{ref}" if ref else kind
            if not self.out.has_edge(a, b, key):
                self.out.add_edge(a, b, key=key, kind=kind, label=EDGE_LABEL.get(kind, "") if label is None else label, ref=ref)

    def run(self) -> nx.MultiDiGraph:
        g, out = self.g, self.out
        self.classify()
        self.collect_provenance()
        for docs in list(self.docs.values()):
            for doc in docs:
                self.kind.setdefault(doc, "article")
        for node, kind in sorted(self.kind.items()):
            self.add_node(node, kind)
        self.add_articles()
        self.add_posts()
        for s, o in g.subject_objects(ORG.subOrganizationOf):
            self.add_edge(s, o, "unit")
        for s, o in g.subject_objects(ORG.hasSubOrganization):
            self.add_edge(o, s, "unit")
        for s, o in g.subject_objects(KGO.responsibleAgency):
            self.add_edge(s, o, "agency")
        for s, o in g.subject_objects(DCTERMS.subject):
            if self.kind.get(s) == "initiative":
                self.add_edge(s, o, "subject")
        for s in out:
            if out.nodes[s]["kind"] == "initiative":
                t = g.value(URIRef(s), KGO.initiativeType)
                if t is not None:
                    labels = [str(x) for x in g.objects(t, SKOS.prefLabel) if getattr(x, "language", None) == "zh"]
                    name = local_name(str(t))
                    out.nodes[s]["type"] = labels[0] if labels else _TYPE_ZH.get(name, name)
        self.add_figures()
        for doc, target in g.subject_objects(DCTERMS.publisher):
            self.add_edge(doc, target, "publisher")
        for node, docs in self.docs.items():
            if self.kind.get(node) in ("person", "organization", "department", "initiative", "topic"):
                for doc in sorted(docs):
                    self.add_edge(doc, node, "mentions")
        return out

    def add_articles(self) -> None:
        g = self.g
        for node, data in self.out.nodes(data=True):
            if data["kind"] != "article":
                continue
            doc = URIRef(node)
            data.update(
                label=self.article_title(doc), title=self.article_title(doc),
                date=_text(g.value(doc, DCTERMS.issued)), identifier=_text(g.value(doc, DCTERMS.identifier)),
                url=_text(g.value(doc, SDO.url)), docs=[node], articles=1,
            )

    def add_posts(self) -> None:
        """org:Membership → person —role→ organization; the title alone when no organization."""
        g, out = self.g, self.out
        seen: set[tuple[str, str, str]] = set()
        for m in sorted(set(g.subjects(RDF.type, ORG.Membership)) | set(g.subjects(ORG.member))):
            person, role, org = g.value(m, ORG.member), g.value(m, ORG.role), g.value(m, ORG.organization)
            self._post(str(person), role, org, str(m), seen)
        for person, post in g.subject_objects(ORG.holds):  # posts without a membership node
            self._post(str(person), g.value(post, ORG.role), g.value(post, ORG.postIn), str(post), seen)
        for data in out.nodes.values():
            data["posts"].sort()

    def _post(self, person: str, role: object, org: object, ref: str, seen: set) -> None:
        out = self.out
        if person not in out:
            return
        title = self.labels(role)[0] if isinstance(role, URIRef) else "职务"
        org_s = str(org) if org is not None else ""
        if (person, org_s, title) in seen:
            return
        seen.add((person, org_s, title))
        if org_s in out:
            org_label = out.nodes[org_s]["label"]
            out.nodes[person]["posts"].append(f"{title} · {org_label}")
            out.nodes[org_s]["posts"].append(f"{out.nodes[person]['label']} · {title}")
            self.add_edge(person, org_s, "post", title, compact(ref))
        else:
            out.nodes[person]["posts"].append(title)

    def add_figures(self) -> None:
        """Figures get their compact label and hang off what they measure, or else their article."""
        g, out = self.g, self.out
        for node, data in list(out.nodes(data=True)):
            if data["kind"] != "figure":
                continue
            f = URIRef(node)
            value = decimal(g.value(f, SDO.value))
            qualifier = QUALIFIER_NAME.get(g.value(f, SDOX.measurementQualifier), "exact")
            if value is None:
                lo, hi = decimal(g.value(f, SDO.minValue)), decimal(g.value(f, SDO.maxValue))
                value, qualifier = (lo, "lower") if lo is not None else (hi, "upper") if hi is not None else (None, qualifier)
            unit_text = _text(g.value(f, SDO.unitText))
            unit_code = compact(_text(g.value(f, SDO.unitCode)))
            metric = _text(g.value(f, SDO.variableMeasured))
            about = g.value(f, SDOX.observationAbout)
            about_label = ""
            if about is not None:
                about_label = out.nodes[str(about)]["label"] if str(about) in out else self.labels(about)[0]
            label = figure_label(value, unit_text, unit_code.removeprefix("unit:"), qualifier)
            data.update(
                label=label, value=plain(value, 6) if value is not None else "", unit=unit_text, unit_code=unit_code,
                qualifier=qualifier, metric=metric, period=_text(g.value(f, SDO.temporalCoverage)),
                about=about_label, short=short_metric(metric, about_label),
            )
            line = " · ".join(x for x in (label, metric, data["period"]) if x)
            if about is not None and str(about) in out and str(about) != node:
                self.add_edge(node, about, "about", "")
                out.nodes[str(about)]["figures"].append(line)
            else:
                for doc in data["docs"]:
                    if doc in out:
                        self.add_edge(node, doc, "about", "")
                        out.nodes[doc]["figures"].append(line)
