"""Reading RDF files: several files, any common syntax, into one graph with only our prefixes bound.

The syntax follows the file suffix (`.ttl .trig .nt .nq .jsonld .json-ld .json .rdf .xml .owl .n3`);
quads (TriG, N-Quads) are flattened into the one default graph. A file that does not parse raises
`InputError` E041 naming the file and the line (and column when the parser knows it) in one line.

Loading never reaches out: RDF/XML refuses external entities (XXE) and JSON-LD refuses remote or
local `@context` / `@import` references, which rdflib would otherwise fetch.

`oxigraph:PATH` names a store written by `kg build --store`: its default graph is read, read-only,
into memory (fine for graphs that fit; `kg.query.run_store_query` queries a store without loading it).
"""

from __future__ import annotations

import io
import json
import logging
import xml.parsers.expat
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.exceptions import ParserError
from rdflib.parser import StringInputSource
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.plugins.parsers.nquads import NQuadsParser
from rdflib.plugins.parsers.ntriples import NTGraphSink, W3CNTriplesParser
from rdflib.util import guess_format

from kg.errors import InputError
from kg.ns import new_graph
from kg.store import is_store

FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".trig": "trig",
    ".nt": "nt",
    ".nq": "nquads",
    ".jsonld": "json-ld",
    ".json-ld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
    ".n3": "n3",
}
QUADS = {"trig", "nquads"}


def rdf_format(path: str | Path) -> str:
    """The rdflib parser name for a file, from its suffix; Turtle when the suffix says nothing."""
    suffix = Path(path).suffix.lower()
    return FORMATS.get(suffix) or guess_format(str(path)) or "turtle"


def load_graphs(paths: Iterable[str | Path]) -> Graph:
    """Load every file into one new graph (`kg.ns.new_graph()`: our prefixes, no rdflib defaults)."""
    graph = new_graph()
    for path in paths:
        part = load_graph(path)
        graph += part
        _adopt_prefixes(graph, part)
    return graph


def load_graph(path: str | Path) -> Graph:
    """Parse one RDF file (`-`: Turtle on stdin; `oxigraph:PATH`: a store) into a fresh graph without rdflib's default prefixes."""
    if str(path) == "-":
        return _load_stdin()
    if is_store(path):
        return _load_store(path)
    path = Path(path)
    if not path.is_file():
        raise InputError("E001", path)
    fmt = rdf_format(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError("E007", path, e.strerror or type(e).__name__) from e
    try:
        with _quiet_rdflib():
            return _PARSERS.get(fmt, _parse_rdflib)(path, data, fmt)
    except InputError:
        raise
    except Exception as e:  # each parser raises its own kind; all become one E041 line
        raise InputError("E041", path, _describe(e, data)) from e


def _load_store(spec: str | Path) -> Graph:
    """The default graph of a pyoxigraph store, opened read-only; E001 when it does not exist."""
    import pyoxigraph as ox

    from kg.ns import PREFIXES
    from kg.store import open_store, rdflib_terms

    store = open_store(spec, read_only=True)
    graph = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    term = rdflib_terms()
    try:
        quads = store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        graph.addN((term(q.subject), term(q.predicate), term(q.object), graph) for q in quads)
    except OSError as e:
        raise InputError("E007", spec, " ".join(str(e).split())[:300]) from e
    return graph


def _load_stdin() -> Graph:
    import sys

    data = sys.stdin.buffer.read()
    try:
        with _quiet_rdflib():
            graph = Graph(bind_namespaces="none")
            return graph.parse(data=data, format="turtle")
    except Exception as e:
        raise InputError("E041", "<stdin>", _describe(e, data)) from e


# -- parsers: each returns a Graph or raises (position details are pulled out in _describe) -----


def _parse_rdflib(path: Path, data: bytes, fmt: str) -> Graph:
    if fmt in QUADS:
        ds = Dataset()
        ds.parse(data=data, format=fmt, publicID=path.resolve().as_uri())
        return _flatten(ds)
    graph = Graph(bind_namespaces="none")
    return graph.parse(data=data, format=fmt, publicID=path.resolve().as_uri())


class _InvalidIRI(ValueError):
    def __init__(self, iri: str) -> None:
        super().__init__(f"invalid IRI <{iri}>: spaces, quotes and <>{{}}|\\^` are not allowed in an IRI")
        self.iri = iri


class _LineError(Exception):
    def __init__(self, reason: str, line: int, column: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.line, self.column = reason, line, column


class _Counting:
    """Mixin for rdflib's line-based parsers: remember the line number and column of a failure."""

    lineno = 0

    def readline(self):
        line = super().readline()  # type: ignore[misc]
        if line is not None:
            self.lineno += 1
        return line

    def parseline(self, *args, **kwargs):
        full = self.line  # type: ignore[attr-defined]
        try:
            return super().parseline(*args, **kwargs)  # type: ignore[misc]
        except ParserError as e:
            rest = self.line or ""  # type: ignore[attr-defined]
            column = len(full) - len(rest) + 1 if full and full.endswith(rest) else None
            reason = str(e).splitlines()[0]
            if reason.startswith("Failed to eat"):  # rdflib names its regular expression
                reason = f"unexpected {rest.strip()[:40]!r}" if rest.strip() else "unexpected end of line"
            raise _LineError(reason, self.lineno, column) from e


class _NTriples(_Counting, W3CNTriplesParser):
    pass


class _NQuads(_Counting, NQuadsParser):
    pass


def _parse_nt(path: Path, data: bytes, fmt: str) -> Graph:
    graph = Graph(bind_namespaces="none")
    _NTriples(NTGraphSink(graph)).parse(io.StringIO(_text(data)))
    return graph


def _parse_nq(path: Path, data: bytes, fmt: str) -> Graph:
    ds = Dataset()
    _NQuads().parse(StringInputSource(_text(data)), ds)
    return _flatten(ds)


def _text(data: bytes) -> str:
    return data.decode("utf-8").removeprefix("\ufeff")  # a UnicodeDecodeError carries the byte position


def _parse_jsonld(path: Path, data: bytes, fmt: str) -> Graph:
    doc = json.loads(data.decode("utf-8-sig"))  # JSONDecodeError carries line and column
    ref = _remote_reference(doc)
    if ref is not None:
        raise ValueError(f"refusing to fetch JSON-LD context {ref!r}: inline the context instead")
    graph = Graph(bind_namespaces="none")
    return graph.parse(data=json.dumps(doc), format="json-ld", publicID=path.resolve().as_uri())


def _remote_reference(node: object) -> str | None:
    """The first `@context` or `@import` that names a document (rdflib would open or fetch it)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("@context", "@import"):
                for item in v if isinstance(v, list) else [v]:
                    if isinstance(item, str):
                        return item
            found = _remote_reference(v)
            if found is not None:
                return found
    elif isinstance(node, list):
        for v in node:
            found = _remote_reference(v)
            if found is not None:
                return found
    return None


def _parse_xml(path: Path, data: bytes, fmt: str) -> Graph:
    _refuse_external_entities(data)
    return _parse_rdflib(path, data, fmt)


def _refuse_external_entities(data: bytes) -> None:
    """Fail on any external entity or external DTD (XXE) before rdflib's SAX parser sees the file.

    Python's expat does not resolve external entities by default (it silently drops them); refusing
    them outright makes that explicit and does not depend on the default.
    """
    parser = xml.parsers.expat.ParserCreate()

    def entity(name, is_parameter, value, base, system_id, public_id, notation):
        if system_id is not None or public_id is not None:
            raise _LineError(f"external entity {name!r} refused", parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)

    def doctype(name, system_id, public_id, has_internal_subset):
        if system_id is not None or public_id is not None:
            raise _LineError("external DTD refused", parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)

    parser.EntityDeclHandler = entity
    parser.StartDoctypeDeclHandler = doctype
    parser.Parse(data, True)  # ExpatError carries lineno and offset


_PARSERS = {"nt": _parse_nt, "nquads": _parse_nq, "json-ld": _parse_jsonld, "xml": _parse_xml}


def _flatten(ds: Dataset) -> Graph:
    graph = Graph(bind_namespaces="none")
    for s, p, o, _ in ds.quads((None, None, None, None)):
        graph.add((s, p, o))
    for prefix, ns in ds.namespaces():
        graph.bind(prefix, ns)
    return graph


def _adopt_prefixes(graph: Graph, part: Graph) -> None:
    """Keep a file's own prefixes for readable output, unless they clash with ours."""
    bound = dict(graph.namespaces())
    namespaces = set(bound.values())
    for prefix, ns in part.namespaces():
        if prefix and prefix not in bound and ns not in namespaces and "schema.org" not in ns:
            graph.bind(prefix, ns)


# -- one line from any parser's exception ---------------------------------------------------------


def _describe(e: Exception, data: bytes) -> str:
    if isinstance(e, _LineError):
        return _at(e.line, e.column, e.reason)
    if isinstance(e, _InvalidIRI) and (pos := data.find(e.iri.encode("utf-8"))) >= 0:
        return _at(data.count(b"\n", 0, pos) + 1, None, str(e))
    if isinstance(e, BadSyntax):
        raw = e._str if isinstance(e._str, bytes) else str(e._str).encode("utf-8")
        before = raw[: e._i].decode("utf-8", "replace")
        column = len(before) - (before.rfind("\n") + 1) + 1
        return _at(e.lines + 1, column, e._why)
    if isinstance(e, json.JSONDecodeError):
        return _at(e.lineno, e.colno, e.msg)
    if isinstance(e, xml.parsers.expat.ExpatError):
        return _at(e.lineno, e.offset + 1, xml.parsers.expat.ErrorString(e.code))
    if hasattr(e, "getLineNumber") and callable(e.getLineNumber):  # SAXParseException
        return _at(e.getLineNumber(), e.getColumnNumber() + 1, e.getMessage())
    if isinstance(e, UnicodeDecodeError):
        line = data[: e.start].count(b"\n") + 1
        return _at(line, None, f"not UTF-8 (byte {e.start})")
    text = " ".join(str(e).split()) or type(e).__name__
    return text[:300]


def _at(line: int, column: int | None, reason: str) -> str:
    where = f"line {line}" + (f", column {column}" if column else "")
    return f"{where}: {' '.join(str(reason).split())[:300]}"


@contextmanager
def _quiet_rdflib():
    """Hold back rdflib's log warnings while parsing; a file that fails is reported in one line."""
    held: list[logging.LogRecord] = []

    class Hold(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            held.append(record)
            return False

    logger = logging.getLogger("rdflib")
    hold = Hold()
    loggers = [logger] + [
        logging.getLogger(name) for name in list(logging.root.manager.loggerDict) if name.startswith("rdflib.")
    ]
    for lg in loggers:
        lg.addFilter(hold)
    ok = False
    try:
        yield
        for record in held:  # rdflib keeps an IRI it cannot write again; pyoxigraph refuses it
            message = record.getMessage()
            if message.endswith("does not look like a valid URI, trying to serialize this will break."):
                raise _InvalidIRI(message.rsplit(" does not look like", 1)[0])
        ok = True
    finally:
        for lg in loggers:
            lg.removeFilter(hold)
        if ok:
            for record in held:
                logging.getLogger(record.name).handle(record)
