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
    fd, tmp = _temporary(path)
    done = False
    try:
        os.close(fd)
        try:
            yield Path(tmp)
        except OSError as e:  # the writer's own (a full disk): named like every write error
            raise ExportError("E040", path, e.strerror or type(e).__name__) from e
        done = _commit(tmp, path)
    finally:  # also on Ctrl-C, wherever it lands: no .part is left behind
        if not done:
            _discard(tmp)


def write_text(path: str | Path, text: str) -> None:
    """Write `text` as UTF-8, atomically: through the temporary file's own descriptor, because a
    build writes two files an article and opening a file costs more than writing it."""
    path = Path(path)
    data = text.encode("utf-8")
    fd, tmp = _temporary(path)
    done = False
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        done = _commit(tmp, path)
    except OSError as e:
        raise ExportError("E040", path, e.strerror or type(e).__name__) from e
    finally:
        if not done:
            _discard(tmp)


def _temporary(path: Path) -> tuple[int, str]:
    """A new hidden `.NAME.*.part` file beside `path` (its folder made if need be)."""
    try:
        try:
            return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as e:
        raise ExportError("E040", path, e.strerror or type(e).__name__) from e


def _commit(tmp: str, path: Path) -> bool:
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are as readable as any file
        os.replace(tmp, path)
        return True
    except OSError as e:
        raise ExportError("E040", path, e.strerror or type(e).__name__) from e


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:  # gone already, or the folder went read-only: nothing more to do
        pass


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
