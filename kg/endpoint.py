"""A remote SPARQL server: load graphs into it (Graph Store Protocol) and query it (SPARQL Protocol).

`push` POSTs N-Triples (sent as `text/turtle`, of which N-Triples is a subset, so that every
Graph Store endpoint takes it) to `ENDPOINT?graph=IRI` (or `?default`) in batches. A POST adds
triples to the graph, so re-sending a batch is harmless: connection errors, time-outs and 5xx
answers are retried with exponential back-off (kg.httpclient). Triples with blank nodes travel
together in one last request, because a blank node label means one node only within one document.

`select_endpoint` runs SELECT, ASK, CONSTRUCT and DESCRIBE and returns the `QueryOutcome` that
`kg.query.format_result` prints. Servers cap results silently (Virtuoso's `ResultSetMaxRows`,
10,000 by default, says so only in an `X-SPARQL-MaxRows` header), so a SELECT is paged:

    PREFIX ...  SELECT * WHERE { { <the query> ORDER BY <its own keys> ?every ?projected ?var } }
    LIMIT page_size OFFSET n

until a page comes back short. The order is total (every projected variable breaks ties), and it
sits inside the sub-query because Virtuoso refuses ORDER BY with OFFSET + LIMIT past 10,000 at
one level (error SR353). A CONSTRUCT runs as the paged SELECT of its pattern and its template is
filled in here: Virtuoso cuts a CONSTRUCT answer at 10,000 triples without even the header.
A query that cannot be paged (its own LIMIT/OFFSET, FROM clauses, syntax rdflib does not read,
DESCRIBE) is sent as it is, and an answer the server says it capped is an error (E064). Such
graph answers are asked for as N-Triples, which keeps every literal's datatype.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from kg.errors import EndpointError
from kg.httpclient import Client, Response, check_iri, one_line, status_error
from kg.query import QueryOutcome

RESULTS_JSON = "application/sparql-results+json"
CAP_HEADER = "X-SPARQL-MaxRows"  # Virtuoso's only sign that it cut a result short
# N-Triples first: every literal keeps its datatype there, while Virtuoso's Turtle writes a whole
# xsd:decimal as a bare `100`, which Turtle reads back as an xsd:integer
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass
class PushResult:
    endpoint: str
    graph: str | None  # None: the default graph
    triples: int
    batches: int
    seconds: float


# -- push ------------------------------------------------------------------------------------------


def push(
    source: Graph | ox.Store | str | Path, endpoint: str, *, graph_iri: str | None = None,
    user: str | None = None, password: str | None = None, batch_triples: int = 50_000, retries: int = 3,
    timeout: float = 120.0, backoff: float = 0.5,
) -> PushResult:
    """Load `source` into the Graph Store endpoint: an rdflib Graph, a pyoxigraph Store, `oxigraph:PATH`,
    or a graph file in any syntax kg reads. Quads from a store are flattened into the one target graph.

    The server is asked first with an empty POST, so a wrong URL or password fails before any data is
    read or sent. Raises EndpointError: E060 unreachable, E061 refused access, E062 too large, E063."""
    if batch_triples < 1:
        raise ValueError("batch_triples must be at least 1")
    start = time.monotonic()
    target = _graph_store_url(endpoint, graph_iri)
    client = Client(endpoint, user, password, timeout=timeout, retries=retries, backoff=backoff,
                    retry_on=range(500, 600))
    _post(client, target, b"")
    triples = batches = 0
    with_blank_nodes: list[str] = []
    lines = _lines(source, with_blank_nodes)
    while batch := list(islice(lines, batch_triples)):
        _post(client, target, "".join(batch).encode("utf-8"))
        triples, batches = triples + len(batch), batches + 1
    if with_blank_nodes:
        _post(client, target, "".join(with_blank_nodes).encode("utf-8"))
        triples, batches = triples + len(with_blank_nodes), batches + 1
    return PushResult(endpoint, graph_iri, triples, batches, time.monotonic() - start)


def _graph_store_url(endpoint: str, graph_iri: str | None) -> str:
    joiner = "&" if urlsplit(endpoint).query else "?"
    if graph_iri is None:
        return f"{endpoint}{joiner}default"
    return f"{endpoint}{joiner}graph={quote(check_iri(graph_iri), safe='')}"


def _post(client: Client, url: str, body: bytes) -> None:
    response = client.send("POST", url, body, {"Content-Type": "text/turtle"})
    if not 200 <= response.status < 300:
        raise status_error(client.endpoint, response)


def _lines(source: Graph | ox.Store | str | Path, with_blank_nodes: list[str]) -> Iterator[str]:
    """N-Triples lines of the source without blank nodes; those with one are set aside in `with_blank_nodes`."""
    from kg.store import is_store, open_store

    if isinstance(source, (str, Path)) and is_store(source):
        source = open_store(source, read_only=True)
    if isinstance(source, ox.Store):
        terms: Iterable = ((q.subject, q.predicate, q.object) for q in source.quads_for_pattern(None, None, None, None))
    else:
        if not isinstance(source, Graph):
            from kg.rdfio import load_graph

            source = load_graph(source)
        blank: dict = {}  # rdflib blank node -> a pyoxigraph one with a fresh, valid label
        terms = ((_ox(s, blank), _ox(p, blank), _ox(o, blank)) for s, p, o in source)
    for s, p, o in terms:
        line = f"{s} {p} {o} .\n"
        if isinstance(s, ox.BlankNode) or isinstance(o, ox.BlankNode):
            with_blank_nodes.append(line)
        else:
            yield line


def _ox(term, blank: dict):
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, BNode):
        return blank.setdefault(term, ox.BlankNode())
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype))
        return ox.Literal(str(term))
    raise TypeError(f"unexpected term {term!r}")


# -- query -----------------------------------------------------------------------------------------


@dataclass
class _Plan:
    kind: str  # SELECT | ASK | CONSTRUCT | DESCRIBE
    vars: list[str] | None = None  # projected variables, when known
    prologue: str = ""
    body: str = ""
    inner_order: str = ""  # appended inside the sub-query: more ORDER BY keys, or a whole ORDER BY
    outer_order: str = ""

    @property
    def pageable(self) -> bool:
        return self.kind == "SELECT" and bool(self.body)

    def page(self, size: int, offset: int) -> str:
        return (f"{self.prologue}\nSELECT * WHERE {{\n{{\n{self.body}{self.inner_order}\n}}\n}}"
                f"{self.outer_order}\nLIMIT {size} OFFSET {offset}\n")


def select_endpoint(
    endpoint: str, query: str, *, graph_iri: str | None = None, user: str | None = None,
    password: str | None = None, page_size: int = 10_000, timeout: float = 60.0, retries: int = 3,
    backoff: float = 0.5,
) -> QueryOutcome:
    """Run `query` at a SPARQL 1.1 Protocol endpoint; a SELECT is paged past the server's result cap.

    `graph_iri` becomes the query's default graph (`default-graph-uri`). Raises EndpointError: E060
    unreachable, E061 refused access, E063 the server's error (a query it rejects), E064 a capped
    answer that could not be paged."""
    if page_size < 1:
        raise ValueError("page_size must be at least 1")
    client = Client(endpoint, user, password, timeout=timeout, retries=retries, backoff=backoff)
    params = {} if graph_iri is None else {"default-graph-uri": check_iri(graph_iri)}
    kind = _plan(query).kind
    if kind == "CONSTRUCT":
        return _construct(client, query, params, page_size)
    if kind == "DESCRIBE":  # what a description holds is the server's choice: not paged
        response = _ask(client, query, params, GRAPH_ACCEPT)
        _refuse_cap(client, response, "triples")
        return QueryOutcome(kind, graph=_graph(client, response))
    return _select(client, query, params, page_size)


def _select(client: Client, query: str, params: dict, page_size: int) -> QueryOutcome:
    plan = _plan(query)
    if not plan.pageable:
        response = _ask(client, query, params, RESULTS_JSON)
        names, rows, boolean = _results(client, response)
        if boolean is not None:
            return QueryOutcome("ASK", boolean=boolean)
        _refuse_cap(client, response, "rows")
        return QueryOutcome("SELECT", vars=names, rows=rows)
    names, rows, offset = None, [], 0
    while True:
        response = _ask(client, plan.page(page_size, offset), params, RESULTS_JSON)
        head, page, _ = _results(client, response, plan.vars)
        names = names or head
        rows.extend(page)
        offset += len(page)
        capped = response.headers.get(CAP_HEADER) is not None
        if not page or (len(page) < page_size and not capped):
            return QueryOutcome("SELECT", vars=names, rows=rows)
        if len(page) < page_size:  # the server's cap is below page_size: page by the cap
            page_size = len(page)


def _construct(client: Client, query: str, params: dict, page_size: int) -> QueryOutcome:
    """CONSTRUCT as a paged SELECT of its pattern, the template filled in here.

    Virtuoso caps a CONSTRUCT answer at ResultSetMaxRows triples without a word (no header), so
    the answer cannot be trusted in one piece. A query whose template cannot be read is sent as it
    is (and refused with E064 if the server says it capped it)."""
    split = _construct_as_select(query)
    if split is None:
        response = _ask(client, query, params, GRAPH_ACCEPT)
        _refuse_cap(client, response, "triples")
        return QueryOutcome("CONSTRUCT", graph=_graph(client, response))
    select, template = split
    answer = _select(client, select, params, page_size)
    from kg.ns import new_graph

    graph = new_graph()
    for row in answer.rows:
        binding, fresh = dict(zip(answer.vars, row)), {}
        for pattern in template:
            triple = tuple(_fill(t, binding, fresh) for t in pattern)
            s, p, o = triple
            if o is not None and isinstance(s, (URIRef, BNode)) and isinstance(p, URIRef):
                graph.add(triple)
    return QueryOutcome("CONSTRUCT", graph=graph)


def _fill(term, binding: dict, fresh: dict):
    from rdflib.term import Variable

    if isinstance(term, Variable):
        return binding.get(str(term))
    if isinstance(term, BNode):  # a template blank node is a new node for each solution
        return fresh.setdefault(term, BNode())
    return term


def _construct_as_select(text: str) -> tuple[str, list] | None:
    """(`SELECT * WHERE ...` with the query's own pattern and modifiers, the resolved template), or None."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    split = _PROLOGUE.match(text).end()
    head = re.compile(r"\s*CONSTRUCT\s*", re.I).match(text, split)
    if head is None:
        return None
    prologue, after = text[:split], head.end()
    if re.compile(r"WHERE\s*\{", re.I).match(text, after):  # short form: the pattern is the template
        brace = text.index("{", after)
        close = _closing_brace(text, brace)
        if close is None:
            return None
        template_text, rest = text[brace : close + 1], text[after:]
    elif text.startswith("{", after):
        close = _closing_brace(text, after)
        if close is None:
            return None
        template_text, rest = text[after : close + 1], text[close + 1 :]
    else:
        return None
    try:
        full = f"{prologue}CONSTRUCT {template_text} {rest}"
        template = translateQuery(parseQuery(full)).algebra["template"] or []
        select = f"{prologue}SELECT * {rest}"
        parseQuery(select)
    except Exception:  # undeclared prefixes, GROUP BY under SELECT *, ...: send the query as it is
        return None
    return select, list(template)


_TOKEN = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*|[{}]')


def _closing_brace(text: str, start: int) -> int | None:
    """The index of the `}` that closes the `{` at `start`, skipping strings, IRIs and comments."""
    depth = 0
    for m in _TOKEN.finditer(text, start):
        if m.group() == "{":
            depth += 1
        elif m.group() == "}":
            depth -= 1
            if depth == 0:
                return m.start()
    return None


def _ask(client: Client, query: str, params: dict, accept: str) -> Response:
    body = urlencode({"query": query, **params}).encode("ascii")
    headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
    response = client.send("POST", client.endpoint, body, headers)
    if not 200 <= response.status < 300:
        raise status_error(client.endpoint, response)
    return response


def _refuse_cap(client: Client, response: Response, what: str) -> None:
    cap = response.headers.get(CAP_HEADER)
    if cap is not None:
        raise EndpointError("E064", client.endpoint, f"at most {cap} {what} came back and this query cannot be paged "
                            "(drop its LIMIT, OFFSET and FROM clauses, or raise the server's limit)")


def _results(client: Client, response: Response, names: list[str] | None = None):
    """(vars, rows, boolean) from SPARQL JSON results; rows follow `names` when given."""
    try:
        doc = json.loads(response.body.decode("utf-8"))
        if "boolean" in doc:
            return [], [], bool(doc["boolean"])
        head = list(doc["head"].get("vars", []))
        names = names or head
        rows = [tuple(_term(b[v]) if v in b else None for v in names) for b in doc["results"]["bindings"]]
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise EndpointError("E063", client.endpoint, f"the answer is not SPARQL JSON results ({one_line(e)})") from e
    return names, rows, None


def _term(binding: dict):
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind not in ("literal", "typed-literal"):  # "typed-literal": SPARQL XML-era JSON, as Virtuoso writes it
        raise ValueError(f"unknown term type {kind!r}")
    if binding.get("xml:lang"):
        return Literal(value, lang=binding["xml:lang"])
    datatype = binding.get("datatype")
    return Literal(value, datatype=URIRef(datatype)) if datatype and datatype != _XSD_STRING else Literal(value)


def _graph(client: Client, response: Response) -> Graph:
    from kg.ns import new_graph

    kind = (response.headers.get_content_type() or "").lower()
    syntax = "N-Triples" if kind in ("application/n-triples", "text/plain") else "Turtle"
    graph = new_graph()
    try:
        graph.parse(data=response.body, format="nt" if syntax == "N-Triples" else "turtle")
    except Exception as e:  # rdflib's parsers raise their own kinds
        raise EndpointError("E063", client.endpoint, f"the answer is not {syntax} ({one_line(e)})") from e
    return graph


_PROLOGUE = re.compile(
    r"(?:\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*", re.I,
)
_KIND = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


def _plan(text: str) -> _Plan:
    """How to send a query: its kind, and for a SELECT that can be paged, the parts of the paged form."""
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(text)
    except Exception:  # syntax rdflib does not read (a server's extensions): send as it is
        kind = _KIND.search(text[_PROLOGUE.match(text).end() :])
        return _Plan(kind.group(1).upper() if kind else "SELECT")
    q = tree[1]
    kind = q.name.removesuffix("Query").upper()
    if kind != "SELECT" or "limitoffset" in q or "datasetClause" in q:
        return _Plan(kind)
    names = _projected(tree)
    if not names:
        return _Plan(kind)
    split = _PROLOGUE.match(text).end()
    keys = " ".join(f"?{v}" for v in names)
    plan = _Plan(kind, names if "projection" in q else None, text[:split], text[split:].rstrip())
    if "valuesClause" in q:  # nothing may follow VALUES: order outside (fine but for Virtuoso past 10,000 rows)
        plan.outer_order = "" if "orderby" in q else f"\nORDER BY {keys}"
    else:  # extend the query's own ORDER BY with every projected variable, or add one
        plan.inner_order = f"\n{keys}" if "orderby" in q else f"\nORDER BY {keys}"
    return plan


def _projected(tree) -> list[str]:
    """Projected variable names; for SELECT *, every variable of the pattern (as tie-breakers)."""
    from rdflib.term import Variable

    q = tree[1]
    if "projection" in q:
        return [str(v["var"] if "var" in v else v["evar"]) for v in q["projection"]]
    try:
        from rdflib.plugins.sparql.algebra import translateQuery

        return [str(v) for v in translateQuery(tree).algebra["PV"]]
    except Exception:  # undeclared prefixes the server may know: fall back to every variable written
        seen: dict[str, None] = {}
        _variables(q["where"] if "where" in q else None, seen, Variable)
        return list(seen)


def _variables(node, seen: dict, Variable) -> None:
    if isinstance(node, Variable):
        seen.setdefault(str(node))
    elif isinstance(node, dict):
        for v in node.values():
            _variables(v, seen, Variable)
    elif isinstance(node, (list, tuple)) or hasattr(node, "asList"):
        for v in node:
            _variables(v, seen, Variable)
