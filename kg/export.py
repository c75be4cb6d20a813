"""Writers: the answer-key JSON of an article, RDF in any syntax rdflib writes. All writes are atomic."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from kg.errors import ExportError
from kg.ns import BASE, PREFIXES, new_graph
from kg.types import Article

RDF_FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".json-ld": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
    ".n3": "n3",
}


@contextmanager
def atomic_path(path: str | Path):
    """Yield a temporary path in the target folder; on success it replaces `path`, else vanishes."""
    path = Path(path)
    tmp = None
    try:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
            os.close(fd)
        except OSError as e:
            raise ExportError("E040", path, e.strerror or type(e).__name__) from e
        yield Path(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are as readable as any file
        os.replace(tmp, path)
    except OSError as e:
        raise ExportError("E040", path, e.strerror or type(e).__name__) from e
    finally:  # also on Ctrl-C, wherever it lands: no .part is left behind
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def write_text(path: str | Path, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="")


def write_graph(graph: Graph, path: str | Path, format: str | None = None) -> None:
    """Serialize `graph`; the syntax follows the suffix unless `format` is given."""
    format = format or RDF_FORMATS.get(Path(path).suffix.lower(), "turtle")
    write_text(path, turtle(graph) if format == "turtle" else graph.serialize(format=format))


_SHARED: dict = {}  # pyoxigraph terms of the vocabulary, reused across articles


def _ox_term(t, memo: dict):
    o = memo.get(t) or _SHARED.get(t)
    if o is not None:
        return o
    if isinstance(t, URIRef):
        o = ox.NamedNode(t)
        if not t.startswith(BASE) and len(_SHARED) < 4096:
            _SHARED[t] = o  # vocabulary: classes, properties, units
    elif isinstance(t, Literal):
        if t.language:
            o = ox.Literal(str(t), language=t.language)
        elif t.datatype:
            o = ox.Literal(str(t), datatype=_ox_term(t.datatype, memo))
        else:
            o = ox.Literal(str(t))
    elif isinstance(t, BNode):
        o = ox.BlankNode(str(t))
    else:
        raise TypeError(f"not an RDF term: {t!r}")
    memo[t] = o
    return o


def turtle(graph: Graph | Iterable[tuple]) -> str:
    """Turtle with our prefixes, triples sorted so the same graph always gives the same bytes.

    Written by pyoxigraph: on the seed article it takes 7 ms where rdflib's Turtle writer
    takes 40 ms (measured; see README, Speed). Takes a Graph or any iterable of triples.
    """
    memo: dict = {}
    try:
        triples = [ox.Triple(_ox_term(s, memo), _ox_term(p, memo), _ox_term(o, memo)) for s, p, o in graph]
    except ValueError:  # an IRI pyoxigraph refuses (rdflib only warns): let rdflib write it as it is
        if not isinstance(graph, Graph):
            g = new_graph()
            g.addN((s, p, o, g) for s, p, o in graph)
            graph = g
        try:
            return graph.serialize(format="turtle")
        except Exception as e:  # rdflib refuses too ("does not look like a valid URI")
            raise ExportError("E040", None, f"not writable as Turtle: {' '.join(str(e).split())[:300]}") from e
    triples.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    prefixes = {prefix: str(ns) for prefix, ns in (graph.namespaces() if isinstance(graph, Graph) else PREFIXES.items())}
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes).decode("utf-8")


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def answer_key(article: Article) -> dict:
    """The article's extraction in the answer-key format of GUIDELINES.md."""
    key: dict = {"id": article.id, "source": article.source}
    if article.published:
        key["published"] = article.published
    key["persons"] = [
        {"name": p.name, "posts": [{"title": q.title, "org": q.org} for q in p.posts]} for p in article.persons
    ]
    key["organizations"] = []
    for o in article.organizations:
        item: dict = {"name": o.name}
        if o.aliases:
            item["aliases"] = list(o.aliases)
        item["kind"] = o.kind
        if o.parent:
            item["parent"] = o.parent
        key["organizations"].append(item)
    key["initiatives"] = []
    for i in article.initiatives:
        item = {"name": i.name}
        if i.aliases:
            item["aliases"] = list(i.aliases)
        if i.by:
            item["by"] = list(i.by)
        key["initiatives"].append(item)
    key["figures"] = []
    for f in article.figures:
        item = {
            "surface": f.surface,
            "value": _number(f.value),
            "unit": f.unit,
            "qualifier": f.qualifier,
            "metric": f.metric,
        }
        if f.period:
            item["period"] = f.period
        item["quote"] = article.text[f.quote.start : f.quote.end]
        key["figures"].append(item)
    return key


def answer_key_json(article: Article) -> str:
    return json.dumps(answer_key(article), ensure_ascii=False, indent=1) + "\n"
