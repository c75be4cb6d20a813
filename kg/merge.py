"""Merging graphs: plain union plus the repairs of ../shared/ONTOLOGY.md §3.6 "merge procedure".

1. Union, rewriting `http://schema.org/` to `https://schema.org/` and legacy QUDT `cur:XXX` to
   `unit:CCY_XXX` on the way in.
2. Entity resolution for foreign graphs: an organization node whose IRI is not ours and that no
   `owl:sameAs` already ties to one of ours is linked (`ours owl:sameAs foreign`) to the one
   organization of ours whose labels it shares, after `kg.ns.norm`: a label from
   `ontology/aliases.ttl` or from our organizations in the graphs. A sub-unit is only matched among
   the units of its (matched) parent, since 办公厅 or 综合司 exist in every ministry. A node whose
   labels point at two of ours is left alone and reported.
3. The curated links of `ontology/authority.ttl` (and their labels) for every entity in the graph.
4. With `smush=True`, every `owl:sameAs` cluster is rewritten to one canonical IRI (ours first;
   then the subject of an authority link; then the smallest), and the links left form a star
   around it: no daisy chains. The canonical node's own preferred labels win.
5. Label repair (`kg.graph.repair_labels`): one skos:prefLabel per language, the smallest; the
   rest become skos:altLabel; no altLabel equal to the prefLabel; rdfs:label follows prefLabel.
6. Labels carried by two organization nodes (competency query 11) are reported as merge
   candidates and never merged.

Every step is a function of the union as a set, with sorted choices only, so merging is
commutative and idempotent: merge(a, b) ≅ merge(b, a) and merge(merge(a, b), b) ≅ merge(a, b).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, OWL, RDF, RDFS, SDO, SKOS
from rdflib.term import Node

from kg.graph import repair_labels
from kg.ns import BASE, UNIT, new_graph, norm

SCHEMA_HTTP = "http://schema.org/"
SCHEMA_HTTPS = str(SDO)
CURRENCY = re.compile(r"^https?://qudt\.org/vocab/currency/([A-Z]{3})$")
ORG_BASE = BASE + "id/org/"

ORG_CLASSES = frozenset(
    {ORG.Organization, ORG.FormalOrganization, ORG.OrganizationalUnit, SDO.Organization, SDO.GovernmentOrganization}
)
LABELS = (SKOS.prefLabel, SKOS.altLabel, RDFS.label, SDO.name, SDO.alternateName, FOAF.name)
PARENTS = (ORG.subOrganizationOf, ORG.unitOf, SDO.parentOrganization)
AUTHORITY_LINKS = (OWL.sameAs, SKOS.exactMatch)


@dataclass
class MergeResult:
    graph: Graph
    report: dict = field(default_factory=dict)


def merge(
    graphs: Sequence[Graph],
    *,
    smush: bool = False,
    authority: Graph | None = None,
    aliases: Graph | None = None,
    names: Sequence[str] | None = None,
) -> MergeResult:
    """Merge `graphs` (ONTOLOGY.md §3.6). `authority` and `aliases` default to the bundled
    ontology/authority.ttl and ontology/aliases.ttl; pass an empty Graph to use none.
    `names` label the inputs in the report. The input graphs are not changed."""
    authority = _bundled("authority.ttl") if authority is None else authority
    aliases = _bundled("aliases.ttl") if aliases is None else aliases
    names = list(names) if names is not None else [f"graph {i + 1}" for i in range(len(graphs))]
    report: dict = {"inputs": [{"name": n, "triples": len(g)} for n, g in zip(names, graphs)]}

    graph, rewrites = union(graphs)
    report["rewritten"] = rewrites

    matched, unmatched = resolve_foreign(graph, aliases, authority)
    report["matched_by_label"] = matched
    report["unmatched"] = unmatched
    report["authority_triples"] = apply_authority(graph, authority)

    report["smushed"] = smush_same_as(graph, authority) if smush else {}
    report["label_repairs"] = _label_repairs(graph)
    repair_labels(graph)
    report["label_repairs"] += _rdfs_label_follows(graph)
    report["candidates"] = shared_labels(graph)
    report["triples"] = len(graph)
    return MergeResult(graph, report)


def merge_into(existing_path: str | Path, new_graph_: Graph, *, smush: bool = False) -> Graph:
    """The graph in `existing_path` merged with `new_graph_` (for `kg build --into`)."""
    from kg.rdfio import load_graphs

    return merge([load_graphs([existing_path]), new_graph_], smush=smush, names=[str(existing_path), "new"]).graph


@lru_cache(maxsize=None)
def _bundled(name: str) -> Graph:
    """A bundled ontology file, parsed once (merge only reads it)."""
    from kg.ontology import load_graph

    return load_graph(name)


# -- 1. union and vocabulary rewrites --------------------------------------------------------------


def rewrite_term(term: Node) -> Node:
    """`http://schema.org/X` -> `https://schema.org/X`; QUDT `cur:XXX` -> `unit:CCY_XXX`."""
    if isinstance(term, URIRef):
        iri = str(term)
        if iri.startswith(SCHEMA_HTTP):
            return URIRef(SCHEMA_HTTPS + iri[len(SCHEMA_HTTP) :])
        m = CURRENCY.match(iri)
        if m:
            return UNIT["CCY_" + m.group(1)]
    elif isinstance(term, Literal) and term.datatype is not None:
        datatype = rewrite_term(term.datatype)
        if datatype != term.datatype:
            return Literal(str(term), datatype=datatype)
    return term


def union(graphs: Iterable[Graph]) -> tuple[Graph, int]:
    """All triples of `graphs` in one new graph (our prefixes), vocabulary rewritten; and how many were."""
    out = new_graph()
    rewritten = 0
    for g in graphs:
        for s, p, o in g:
            t = (rewrite_term(s), rewrite_term(p), rewrite_term(o))
            rewritten += t != (s, p, o)
            out.add(t)  # type: ignore[arg-type]
        bound = {str(ns) for _, ns in out.namespaces()} | {p for p, _ in out.namespaces()}
        for prefix, ns in g.namespaces():
            if prefix and prefix not in bound and str(ns) not in bound and not str(ns).startswith(SCHEMA_HTTP):
                out.bind(prefix, ns)
    return out, rewritten


# -- sameAs clusters -------------------------------------------------------------------------------


class Clusters:
    """Union-find over owl:sameAs links (both directions)."""

    def __init__(self, graphs: Iterable[Graph]) -> None:
        self.parent: dict[Node, Node] = {}
        for g in graphs:
            for s, o in g.subject_objects(OWL.sameAs):
                self.join(s, o)

    def find(self, x: Node) -> Node:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while x != root:
            self.parent[x], x = root, self.parent.get(x, x)
        return root

    def join(self, a: Node, b: Node) -> None:
        ra, rb = self.find(a), self.find(b)
        self.parent.setdefault(ra, ra)
        self.parent.setdefault(rb, rb)
        if ra != rb:
            self.parent[max(ra, rb, key=_order)] = min(ra, rb, key=_order)

    def groups(self) -> dict[Node, set[Node]]:
        out: dict[Node, set[Node]] = {}
        for x in list(self.parent):
            out.setdefault(self.find(x), set()).add(x)
        return {root: members for root, members in out.items() if len(members) > 1}


def _order(node: Node) -> tuple:
    return (type(node).__name__, str(node))


def _ours(node: Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(BASE)


def _our_org(node: Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(ORG_BASE)


def _top_level(org: URIRef) -> bool:
    k = str(org)[len(ORG_BASE) :]
    return "/" not in k and "@" not in k  # not a unit, not scoped to one document


def _unit_of(org: URIRef, parent: URIRef) -> bool:
    return str(org).startswith(str(parent) + "/") and "/" not in str(org)[len(str(parent)) + 1 :]


def _labels(graph: Graph, node: Node) -> set[Literal]:
    return {o for p in LABELS for o in graph.objects(node, p) if isinstance(o, Literal)}


# -- 2. entity resolution for foreign organizations ------------------------------------------------


def resolve_foreign(graph: Graph, aliases: Graph, authority: Graph) -> tuple[list[dict], list[dict]]:
    """Link foreign organization nodes to ours by label (in place); return (matched, unmatched)."""
    clusters = Clusters([graph, authority])
    groups = clusters.groups()

    def ours_of(node: Node) -> set[URIRef]:
        return {m for m in groups.get(clusters.find(node), {node}) if _our_org(m)}  # type: ignore[misc]

    # index: norm(label) -> our organizations; each org also carries the labels of its sameAs cluster
    index: dict[str, set[URIRef]] = {}
    for s in set(aliases.subjects()):
        if _our_org(s):
            for label in _labels(aliases, s):
                index.setdefault(norm(label), set()).add(s)  # type: ignore[arg-type]
    our_orgs = {s for s in set(graph.subjects()) | set(graph.objects()) if _our_org(s)}
    for org in our_orgs:
        for member in groups.get(clusters.find(org), {org}):
            for label in _labels(graph, member):
                index.setdefault(norm(label), set()).add(org)  # type: ignore[arg-type]

    foreign = sorted(
        {s for s, o in graph.subject_objects(RDF.type) if o in ORG_CLASSES and not _ours(s)}, key=_order
    )
    linked: dict[Node, URIRef] = {}
    pending = []
    for node in foreign:
        known = ours_of(node)
        if known:
            linked[node] = min(known, key=_order)
        else:
            pending.append(node)

    def target(node: Node) -> URIRef | None:
        """Our organization that `node` is: itself, through a sameAs cluster, or matched this merge."""
        if _our_org(node):
            return node  # type: ignore[return-value]
        known = ours_of(node)
        return min(known, key=_order) if known else linked.get(node)

    def candidates(node: Node) -> tuple[dict[URIRef, str], set[URIRef]]:
        """Ours that may be `node` (top level, or a unit of its parent), with the label; and all sharing a label."""
        parents = {t for p in PARENTS for o in graph.objects(node, p) if (t := target(o)) is not None}
        eligible: dict[URIRef, str] = {}
        sharing: set[URIRef] = set()
        for label in sorted(_labels(graph, node), key=str):
            for org in index.get(norm(label), ()):
                sharing.add(org)
                if _top_level(org) or any(_unit_of(org, parent) for parent in parents):
                    eligible.setdefault(org, str(label))
        return eligible, sharing

    matched: list[dict] = []
    while True:  # rounds: a unit can match once its parent has; all of a round see the same index
        found: dict[Node, tuple[URIRef, str]] = {}
        for node in pending:
            eligible, _ = candidates(node)
            if len(eligible) == 1:
                found[node] = next(iter(eligible.items()))
        if not found:
            break
        for node, (org, label) in found.items():
            linked[node] = org
            graph.add((org, OWL.sameAs, node))
            via = "aliases" if norm(label) in {norm(x) for x in _labels(aliases, org)} else "graph"
            matched.append({"node": _show(node), "label": label, "target": _show(org), "source": via})
            _adopt_alias_labels(graph, aliases, org)
            for label in _labels(graph, node):
                index.setdefault(norm(label), set()).add(org)
        pending = [n for n in pending if n not in found]

    unmatched = []
    for node in pending:
        eligible, sharing = candidates(node)
        if len(eligible) > 1:
            reason = "ambiguous: " + ", ".join(sorted(map(_show, eligible)))
        elif sharing:
            reason = "only units of other organizations share its labels: " + ", ".join(sorted(map(_show, sharing)))
        else:
            reason = "no organization of ours has these labels"
        unmatched.append({"node": _show(node), "labels": sorted(str(x) for x in _labels(graph, node)), "reason": reason})
    matched.sort(key=lambda m: (m["node"], m["target"]))
    return matched, unmatched


def _adopt_alias_labels(graph: Graph, aliases: Graph, org: URIRef) -> None:
    """Give an alias-table organization its canonical prefLabel when the graph has none in that language."""
    have = {getattr(x, "language", None) for x in graph.objects(org, SKOS.prefLabel)}
    for label in aliases.objects(org, SKOS.prefLabel):
        if isinstance(label, Literal) and label.language not in have:
            graph.add((org, SKOS.prefLabel, label))
            graph.add((org, RDFS.label, label))


# -- 3. authority links ----------------------------------------------------------------------------


def apply_authority(graph: Graph, authority: Graph) -> int:
    """Add the authority's links and labels for every entity in the graph; return triples added.

    An entity is in the graph when it occurs as a subject or object; links are followed both ways,
    so the whole linked cluster comes in (and a second merge adds nothing more).
    """
    present = set(graph.subjects()) | set(graph.objects())
    before = len(graph)
    for triple in authority_triples(authority, present.__contains__):
        graph.add(triple)
    return len(graph) - before


def authority_triples(authority: Graph, present: Callable[[Node], bool]) -> list[tuple[Node, Node, Node]]:
    """The authority triples for the linked clusters of the nodes for which `present` holds."""
    links: dict[Node, set[Node]] = {}
    for p in AUTHORITY_LINKS:
        for s, o in authority.subject_objects(p):
            links.setdefault(s, set()).add(o)
            links.setdefault(o, set()).add(s)
    todo = [n for n in links if present(n)]
    reached = set(todo)
    while todo:
        for other in links[todo.pop()]:
            if other not in reached:
                reached.add(other)
                todo.append(other)
    return [(s, p, o) for s, p, o in authority if s in reached and (p in AUTHORITY_LINKS or isinstance(o, Literal))]


# -- 4. smushing -----------------------------------------------------------------------------------


def canonical(members: Iterable[Node], authority: Graph) -> Node:
    """Ours first, then the subject of an authority sameAs, then IRIs before blank nodes, smallest."""
    curated = set(authority.subjects(OWL.sameAs))
    return min(members, key=lambda n: (not _ours(n), n not in curated, isinstance(n, BNode), str(n)))


def smush_same_as(graph: Graph, authority: Graph) -> dict[str, str]:
    """Rewrite every sameAs cluster to its canonical node, in place; return {replaced: canonical}."""
    clusters = Clusters([graph])
    to: dict[Node, Node] = {}
    for members in clusters.groups().values():
        head = canonical(members, authority)
        for m in members:
            if m != head:
                to[m] = head
    if not to:
        return {}
    own_langs = {
        (s, getattr(o, "language", None)) for s, o in graph.subject_objects(SKOS.prefLabel) if s in set(to.values())
    }
    triples = list(graph)
    graph.remove((None, None, None))
    for s, p, o in triples:
        if p == OWL.sameAs:
            continue
        head = to.get(s, s)
        if s in to and p in (SKOS.prefLabel, RDFS.label) and (head, getattr(o, "language", None)) in own_langs:
            p = SKOS.altLabel  # the canonical node's own preferred label wins
        graph.add((head, p, to.get(o, o)))
    for m, head in to.items():
        graph.add((head, OWL.sameAs, m))
    return {_show(m): _show(head) for m, head in sorted(to.items(), key=lambda kv: _order(kv[0]))}


# -- 5. labels -------------------------------------------------------------------------------------


def _label_repairs(graph: Graph) -> list[dict]:
    """What `repair_labels` is about to do: nodes with more than one prefLabel in a language."""
    out = []
    for node in sorted(set(graph.subjects(SKOS.prefLabel, None)), key=_order):
        by_lang: dict[str | None, list[str]] = {}
        for label in graph.objects(node, SKOS.prefLabel):
            by_lang.setdefault(getattr(label, "language", None), []).append(str(label))
        for lang, labels in sorted(by_lang.items(), key=lambda kv: str(kv[0])):
            if len(labels) > 1:
                labels.sort()
                out.append({"node": _show(node), "lang": lang, "kept": labels[0], "demoted": labels[1:]})
    return out


def _rdfs_label_follows(graph: Graph) -> list[dict]:
    """rdfs:label in a language with a prefLabel equals the prefLabel; other rdfs:labels become altLabels."""
    out = []
    for node, label in sorted(graph.subject_objects(RDFS.label), key=lambda t: (_order(t[0]), str(t[1]))):
        if not isinstance(label, Literal):
            continue
        prefs = [x for x in graph.objects(node, SKOS.prefLabel) if getattr(x, "language", None) == label.language]
        if prefs and label not in prefs:
            graph.remove((node, RDFS.label, label))
            graph.add((node, SKOS.altLabel, label))
            for pref in prefs:
                graph.add((node, RDFS.label, pref))
            out.append({"node": _show(node), "lang": label.language, "kept": str(prefs[0]), "demoted": [str(label)]})
    return out


# -- 6. merge candidates ---------------------------------------------------------------------------


def shared_labels(graph: Graph) -> list[dict]:
    """Competency query 11 with the nodes: labels carried by more than one organization node.

    `linked` tells whether those nodes are already one entity through owl:sameAs (a foreign node
    matched by label and not smushed); the others are for a person to decide.
    """
    clusters = Clusters([graph])
    by_label: dict[Literal, set[Node]] = {}
    for org in set(graph.subjects(RDF.type, ORG.Organization)):
        for p in (SKOS.prefLabel, SKOS.altLabel):
            for label in graph.objects(org, p):
                by_label.setdefault(label, set()).add(org)  # type: ignore[arg-type]
    rows = []
    for label, nodes in sorted(by_label.items(), key=lambda kv: (str(kv[0]), str(getattr(kv[0], "language", "")))):
        if len(nodes) > 1:
            rows.append(
                {
                    "label": str(label),
                    "lang": getattr(label, "language", None),
                    "nodes": len(nodes),
                    "iris": sorted(_show(n) for n in nodes),
                    "linked": len({clusters.find(n) for n in nodes}) == 1,
                }
            )
    return rows


def _show(node: Node) -> str:
    return f"_:{node}" if isinstance(node, BNode) else str(node)
