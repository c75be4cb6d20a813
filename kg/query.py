"""SPARQL over our graphs: run ASK, SELECT, CONSTRUCT and DESCRIBE, and print the answers.

A query must declare every prefix it uses. rdflib would otherwise resolve undeclared prefixes
from the graph's bindings and from its own 29 defaults (`schema:`, `org:`, `xsd:` ...), and a
query that runs here would fail in any other SPARQL engine. A query runs over the graph it is
given only: FROM and SERVICE, which make rdflib open files and URLs, are refused. Errors come
as `QueryError`: E030 for a query that does not parse (its message names the line and column),
E031 for one that fails while running.

Answers print as an aligned table (CJK characters count two columns), CSV, TSV or JSON in the
SPARQL 1.1 results formats; ASK prints true/false and CONSTRUCT/DESCRIBE print Turtle.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pyparsing import ParseBaseException, ParseResults
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from kg.errors import InputError, QueryError
from kg.ns import PREFIXES, new_graph

FORMATS = ("table", "csv", "tsv", "json")


@dataclass
class QueryOutcome:
    """The answer to one query, materialized: rows for SELECT, a boolean for ASK, a graph otherwise."""

    kind: str  # SELECT | ASK | CONSTRUCT | DESCRIBE
    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


# -- parsing -------------------------------------------------------------------------------------


def parse_query(text: str, source: str | Path | None = None) -> Query:
    """Parse and translate `text` with no prefixes but its own; QueryError E030 names line and column.

    `source` (the query file, if any) is named in the error."""
    try:
        tree = parseQuery(text)
    except ParseBaseException as e:
        raise QueryError("E030", source, _syntax_detail(text, e)) from e
    except Exception as e:  # rdflib's grammar actions raise plain exceptions for some inputs
        raise QueryError("E030", source, _one_line(e)) from e
    declared = {_prefix(d) for d in _walk(tree[0]) if d.name == "PrefixDecl"}
    for used in _walk(tree[1:]):
        if used.name == "pname" and _prefix(used) not in declared:
            raise QueryError("E030", source, _undeclared_detail(text, _prefix(used)))
        if used.name in _ELSEWHERE:  # rdflib would fetch URLs (SERVICE) or quietly ignore them (FROM)
            raise QueryError("E030", source, _ELSEWHERE[used.name])
    try:
        return prepareQuery(text, initNs={})
    except Exception as e:
        raise QueryError("E030", source, _one_line(e)) from e


_ELSEWHERE = {
    "DatasetClause": "FROM and FROM NAMED are not supported: the query runs over the files given",
    "ServiceGraphPattern": "SERVICE is not supported: the query runs over the files given, offline",
}


def _prefix(node: CompValue) -> str:
    return str(node["prefix"]) if "prefix" in node and node["prefix"] is not None else ""


def _walk(node: object):
    """Every CompValue in a parse tree, depth first."""
    if isinstance(node, CompValue):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, (list, tuple, ParseResults)):
        for v in node:
            yield from _walk(v)
    elif isinstance(node, dict):
        for v in node.values():
            yield from _walk(v)


def _syntax_detail(text: str, e: ParseBaseException) -> str:
    line = text.splitlines()[e.lineno - 1] if 0 < e.lineno <= len(text.splitlines()) else ""
    near = line[e.col - 1 :].strip()[:30]
    found = f"syntax error near {near!r}" if near else "syntax error at end of line" if e.loc < len(text) else "unexpected end of query"
    return f"line {e.lineno}, column {e.col}: {found}"


# Strings, IRIs and comments, where a `prefix:` is not a prefixed name.
_SKIP = r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*'


def _undeclared_detail(text: str, prefix: str) -> str:
    pattern = re.compile(rf"{_SKIP}|(?P<pname>(?<![\w.\-?$:]){re.escape(prefix)}:)")
    for m in pattern.finditer(text):
        if m.group("pname"):
            pos = m.start("pname")
            line = text.count("\n", 0, pos) + 1
            column = pos - (text.rfind("\n", 0, pos) + 1) + 1
            return f"line {line}, column {column}: undeclared prefix '{prefix}:' (add PREFIX {prefix}: <...>)"
    return f"undeclared prefix '{prefix}:'"


def _one_line(e: Exception) -> str:
    return " ".join(str(e).split())[:300] or type(e).__name__


# -- running -------------------------------------------------------------------------------------


def run_query(graph: Graph, text: str | Query, source: str | Path | None = None) -> QueryOutcome:
    """Run a query (text or `parse_query` result) over `graph`; `source` names the query file in errors."""
    query = parse_query(text, source) if isinstance(text, str) else text
    try:
        result = graph.query(query)
        kind = str(result.type)
        if kind == "SELECT":
            names = [str(v) for v in result.vars or []]
            rows = [tuple(row) for row in result]
            return QueryOutcome(kind, vars=names, rows=rows)
        if kind == "ASK":
            return QueryOutcome(kind, boolean=bool(result.askAnswer))
        out = new_graph()
        for triple in result.graph or ():
            out.add(triple)
        return QueryOutcome(kind, graph=out)
    except QueryError:
        raise
    except Exception as e:  # evaluation errors from rdflib's engine are plain exceptions
        raise QueryError("E031", source, _one_line(e)) from e


def run_store_query(store, text: str, source: str | Path | None = None) -> QueryOutcome:
    """Run a query natively on a pyoxigraph `Store` (`kg.store.open_store`), nothing loaded into rdflib.

    The query is first checked by `parse_query` (its own prefixes only, no FROM or SERVICE), so a
    query that runs here runs on files too; the answer comes back as rdflib terms."""
    from kg.store import rdflib_terms

    term = rdflib_terms()
    kind = parse_query(text, source).algebra.name.removesuffix("Query").upper()
    try:
        try:
            result = store.query(_optionals_last(text))
        except SyntaxError:  # the rewrite is checked, but never let it cost a query that parses as given
            result = store.query(text)
        if kind == "SELECT":
            names = [v.value for v in result.variables]
            rows = [tuple(None if t is None else term(t) for t in row) for row in result]
            return QueryOutcome(kind, vars=names, rows=rows)
        if kind == "ASK":
            return QueryOutcome(kind, boolean=bool(result))
        out = new_graph()
        for t in result:
            out.add((term(t.subject), term(t.predicate), term(t.object)))
        return QueryOutcome(kind, graph=out)
    except SyntaxError as e:  # oxigraph's parser is stricter than rdflib's in places
        raise QueryError("E030", source, _one_line(e)) from e
    except (OSError, ValueError, TypeError) as e:
        raise QueryError("E031", source, _one_line(e)) from e


_TOKEN = re.compile(rf"(?P<skip>{_SKIP})|(?P<open>\{{)|(?P<close>\}})|(?P<word>(?<![\w:?$\-])[A-Za-z]+(?![\w:\-]))")
_NOT_TRIPLES = {"FILTER", "BIND", "VALUES", "MINUS", "UNION", "GRAPH", "SERVICE", "SELECT"}


def _optionals_last(text: str) -> str:
    """The same query with the triples that follow an OPTIONAL moved before it, when that cannot change
    the answer; otherwise `text` unchanged.

    Oxigraph 0.5 plans `{ A OPTIONAL { B } C }` as a nested loop over C: cq01 takes 130 s on 1,000
    articles instead of 0.1 s. Join(LeftJoin(A, B), C) equals LeftJoin(Join(A, C), B) when every
    variable B shares with C is bound by A. Only a WHERE group of triples blocks and OPTIONALs is
    rewritten (no FILTER, BIND, VALUES, UNION, nested group, nor SELECT *)."""
    if re.search(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?\*", text, re.I):
        return text
    depth, where, body, opt, optionals = 0, False, None, None, []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "word":
            word = m.group().upper()
            if depth == 0 and word == "WHERE":
                where = True
            elif depth == 1 and word == "OPTIONAL":
                opt = m.start()
            elif depth == 1 and word in _NOT_TRIPLES:
                return text
        elif kind == "open":
            if depth == 0:
                if not where:  # a CONSTRUCT template, or a group without WHERE
                    return text
                body = [m.end(), None]
            elif depth == 1 and opt is None:  # a nested group or UNION
                return text
            depth += 1
        elif kind == "close":
            depth -= 1
            if depth == 1 and opt is not None:
                optionals.append((opt, m.end()))
                opt = None
            elif depth == 0:
                if body is None:
                    return text
                body[1] = m.start()
                break
    if not optionals or body is None or body[1] is None:
        return text
    cuts = [body[0]] + [x for span in optionals for x in span] + [body[1]]
    blocks = [_no_comments(text[a:b]).strip(" \t\r\n.") for a, b in zip(cuts[::2], cuts[1::2])]
    if not any(blocks[1:]):
        return text
    for i, (a, b) in enumerate(optionals):  # blocks[:i+1] come before optional i, blocks[i+1:] after it
        before = set().union(*(_variables(t) for t in blocks[: i + 1]))
        after = set().union(*(_variables(t) for t in blocks[i + 1 :]))
        if (_variables(text[a:b]) & after) - before:
            return text
    triples = " .\n  ".join(t for t in blocks if t)
    moved = "\n  ".join(text[a:b] for a, b in optionals)
    return f"{text[: body[0]]}\n  {triples} .\n  {moved}\n{text[body[1] :]}"


def _no_comments(text: str) -> str:
    return re.sub(_SKIP, lambda m: " " if m.group().startswith("#") else m.group(), text)


def _variables(text: str) -> set[str]:
    return set(re.findall(r"[?$](\w+)", re.sub(_SKIP, " ", text)))


def run_query_limited(paths: list[str | Path], text: str, source: str | Path | None = None, *, timeout: float) -> QueryOutcome:
    """The answer over the graphs at `paths` (RDF files, `-`, or one `oxigraph:PATH` store), computed in
    a worker process that is ended once the query has run `timeout` seconds: QueryError E033.

    rdflib cannot cancel a query, but a process can be stopped. Loading does not count against the time."""
    import multiprocessing
    import sys

    parse_query(text, source)  # a syntax error is told at once, with its position
    stdin = sys.stdin.buffer.read() if "-" in map(str, paths) else None
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    worker = context.Process(target=_query_worker, args=(send, [str(p) for p in paths], text, source, stdin), daemon=True)
    worker.start()
    send.close()
    try:
        message = _receive(receive, None)
        if message[0] == "loaded":
            message = _receive(receive, timeout)
            if message is None:
                raise QueryError("E033", source, f"stopped after {timeout:g} s")
        if message[0] == "error":
            raise message[1]
        if message[0] != "done":
            raise RuntimeError(f"the query worker failed:\n{message[1]}")
        kind, names, rows, boolean, triples = message[1:]
        graph = None
        if triples is not None:
            graph = new_graph()
            graph.addN((s, p, o, graph) for s, p, o in triples)
        return QueryOutcome(kind, vars=names, rows=rows, boolean=boolean, graph=graph)
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join()
        receive.close()


def _receive(connection, timeout: float | None) -> tuple | None:
    """The worker's next message; None when `timeout` passes first; ("crash", why) if it died silently."""
    if not connection.poll(timeout):
        return None
    try:
        return connection.recv()
    except EOFError:
        return ("crash", "the worker ended without an answer (out of memory?)")


def _query_worker(connection, paths: list[str], text: str, source: str | None, stdin: bytes | None) -> None:
    import sys
    import traceback

    from kg.errors import KgError
    from kg.rdfio import load_graphs
    from kg.store import is_store, open_store

    try:
        if stdin is not None:
            sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
        if len(paths) == 1 and is_store(paths[0]):
            store = open_store(paths[0], read_only=True)
            connection.send(("loaded",))
            outcome = run_store_query(store, text, source)
        else:
            graph = load_graphs(paths)
            connection.send(("loaded",))
            outcome = run_query(graph, text, source)
        triples = None if outcome.graph is None else list(outcome.graph)
        connection.send(("done", outcome.kind, outcome.vars, outcome.rows, outcome.boolean, triples))
    except KgError as e:
        connection.send(("error", e))
    except BaseException:  # a bug: its traceback travels back to be raised
        connection.send(("crash", traceback.format_exc()))


def read_query(path: str | Path) -> str:
    """The text of a query file; InputError E001 when it is missing."""
    path = Path(path)
    if not path.is_file():
        raise InputError("E001", path)
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError("E007", path, _one_line(e)) from e


# -- competency queries ---------------------------------------------------------------------------


def competency_queries() -> dict[str, Path]:
    """The shipped competency queries by name: `cq01-persons-posts.rq` is "persons-posts"."""
    from kg.ontology import ontology_path

    folder = ontology_path("queries")
    return {re.sub(r"^cq\d+-", "", p.stem): p for p in sorted(folder.glob("*.rq"))}


def competency_query(name: str) -> Path:
    """A competency query by name ("persons-posts"), file stem ("cq01-persons-posts") or number ("1", "cq01")."""
    queries = competency_queries()
    if name in queries:
        return queries[name]
    for path in queries.values():
        number = re.match(r"cq0*(\d+)", path.stem)
        if name == path.stem or (number and re.fullmatch(rf"(?:cq)?0*{number.group(1)}", name, re.I)):
            return path
    raise QueryError("E032", detail=f"{name!r} (known: {', '.join(queries)})")


def query_summary(path: str | Path) -> str:
    """The first comment line of a query file, without `#` and the `CQn` tag."""
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            return re.sub(r"^#\s*(CQ\d+\s+)?", "", line).strip()
    return ""


# -- printing ------------------------------------------------------------------------------------


def format_result(outcome: QueryOutcome, fmt: str = "table") -> str:
    """The answer as text: `fmt` is table, csv, tsv or json (ASK and graphs print the same in all but json)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    if outcome.kind == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": outcome.boolean}) + "\n"
        return ("true" if outcome.boolean else "false") + "\n"
    if outcome.kind != "SELECT":
        assert outcome.graph is not None
        return outcome.graph.serialize(format="turtle")
    return {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json}[fmt](outcome)


def compact(term: Node | None) -> str:
    """A term as a person reads it: a literal's lexical form, an IRI with our prefixes."""
    if term is None:
        return ""
    if isinstance(term, Literal):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    iri = str(term)
    for prefix, namespace in _LONGEST_FIRST:
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


_LONGEST_FIRST = sorted(((p, str(ns)) for p, ns in PREFIXES.items()), key=lambda item: -len(item[1]))


@functools.lru_cache(maxsize=1 << 16)
def width(text: str) -> int:
    """Terminal columns of `text`: East Asian wide and fullwidth characters take two, marks none."""
    if text.isascii():
        return len(text)
    total = 0
    for c in text:
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return total


_CONTROL = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _table(outcome: QueryOutcome) -> str:
    cell = functools.lru_cache(maxsize=1 << 16)(lambda t: compact(t).translate(_CONTROL))
    cells = [[cell(t) for t in row] for row in outcome.rows]
    header = list(outcome.vars)
    widths = [max([width(h)] + [width(r[i]) for r in cells]) for i, h in enumerate(header)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - width(v)) for v, w in zip(values, widths)).rstrip()

    lines = [line(header), line(["-" * w for w in widths])] + [line(r) for r in cells]
    return "\n".join(lines) + "\n"


def _csv(outcome: QueryOutcome) -> str:
    """SPARQL 1.1 CSV: plain values, full IRIs, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(outcome.vars)
    for row in outcome.rows:
        writer.writerow(["" if t is None else f"_:{t}" if isinstance(t, BNode) else str(t) for t in row])
    return buffer.getvalue()


def _tsv(outcome: QueryOutcome) -> str:
    """SPARQL 1.1 TSV: `?var` header, terms in Turtle syntax, one line per row."""
    lines = ["\t".join(f"?{v}" for v in outcome.vars)]
    lines += ["\t".join(_turtle_term(t) for t in row) for row in outcome.rows]
    return "\n".join(lines) + "\n"


def _turtle_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    assert isinstance(term, Literal)
    escaped = str(term).replace("\\", "\\\\").replace('"', '\\"').translate(_CONTROL)
    if term.language:
        return f'"{escaped}"@{term.language}'
    if term.datatype and term.datatype != XSD.string:
        return f'"{escaped}"^^<{term.datatype}>'
    return f'"{escaped}"'


def _json(outcome: QueryOutcome) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    bindings = []
    for row in outcome.rows:
        bindings.append({v: _json_term(t) for v, t in zip(outcome.vars, row) if t is not None})
    doc = {"head": {"vars": outcome.vars}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _json_term(term: Node) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out
