"""kg push and kg query --endpoint: against a real Virtuoso (tests/virtuoso_util.py), and against tiny
scripted HTTP servers on 127.0.0.1 for the failures a real server rarely shows on demand."""

from __future__ import annotations

import threading
import time
from collections import Counter
from contextlib import contextmanager
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import XSD, BNode, Literal, URIRef
from rdflib.compare import isomorphic

from conftest import ROOT, run_cli
from kg.build import build
from kg.endpoint import push, select_endpoint
from kg.errors import EndpointError, Errors
from kg.ns import new_graph
from kg.query import competency_queries, read_query, run_query
from kg.rdfio import load_graph
from virtuoso_util import free_port, virtuoso  # noqa: F401  (a session fixture)

SEED = "https://example.org/test/seed"
BIG = "https://example.org/test/big"
EX = "https://example.org/test/"
FAST = dict(retries=1, backoff=0.01, timeout=5)


run = run_cli


# -- against Virtuoso ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    build([ROOT / "kg" / "sample"], out, html=False, progress=False, say=lambda line: None)
    return load_graph(out / "graph.ttl")


@pytest.fixture(scope="module")
def pushed(virtuoso, seed):  # noqa: F811
    result = push(seed, virtuoso.graph_store, graph_iri=SEED, user="dba", password="dba")
    assert result.triples == len(seed)
    return virtuoso


@pytest.fixture(scope="module")
def big(virtuoso):  # noqa: F811
    """25,000 triples, two and a half times Virtuoso's ResultSetMaxRows."""
    graph = new_graph()
    for i in range(25_000):
        graph.add((URIRef(f"{EX}s{i}"), URIRef(f"{EX}p"), Literal(f"值{i}", lang="zh")))
    push(graph, virtuoso.graph_store, graph_iri=BIG, user="dba", password="dba", batch_triples=10_000)
    return graph


_NUMERIC = {URIRef(f"http://www.w3.org/2001/XMLSchema#{t}") for t in ("integer", "decimal", "double", "float", "int", "long")}


def normalized(term):
    """A value to compare across engines: numbers by value; everything else exactly (language tags too)."""
    if term is None:
        return None
    if isinstance(term, Literal) and term.datatype in _NUMERIC:
        return ("number", Decimal(str(term)).normalize())
    if isinstance(term, Literal):
        return ("literal", str(term), term.language, str(term.datatype) if term.datatype else None)
    return ("iri", str(term))


def answers(outcome, concat=()):
    """The rows as a multiset of normalized tuples; GROUP_CONCAT columns as sorted parts (SPARQL leaves their order open)."""
    rows = []
    for row in outcome.rows:
        cells = []
        for name, term in zip(outcome.vars, row):
            if name in concat and term is not None:
                cells.append(tuple(sorted(str(term).split(" / "))))
            else:
                cells.append(normalized(term))
        rows.append(tuple(cells))
    return Counter(rows)


@pytest.mark.parametrize("name", sorted(competency_queries()))
def test_competency_query_same_rows_from_virtuoso(pushed, seed, name):
    text = read_query(competency_queries()[name])
    local = run_query(seed, text)
    remote = select_endpoint(pushed.sparql, text, graph_iri=SEED)
    assert remote.vars == local.vars
    concat = {"titles"} if name == "people-with-several-posts" else set()
    assert answers(remote, concat) == answers(local, concat)


def test_competency_comparison_is_not_vacuous(pushed):
    total = sum(len(select_endpoint(pushed.sparql, read_query(p), graph_iri=SEED).rows)
                for p in competency_queries().values())
    assert total > 50


@pytest.mark.parametrize("page_size", [10_000, 4_000, 30_000])
def test_select_pages_past_the_10000_row_cap(virtuoso, big, page_size):  # noqa: F811
    outcome = select_endpoint(virtuoso.sparql, "SELECT ?s ?o WHERE { ?s ?p ?o }", graph_iri=BIG, page_size=page_size)
    assert len(outcome.rows) == 25_000
    assert set(outcome.rows) == {(s, o) for s, _, o in big}


def test_the_cap_is_real_and_never_silent(virtuoso, big):  # noqa: F811
    with pytest.raises(EndpointError) as e:  # its own LIMIT: cannot be paged, and Virtuoso stops at 10,000
        select_endpoint(virtuoso.sparql, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 20000", graph_iri=BIG)
    assert e.value.code == "E064" and "10000" in str(e.value)


def test_construct_pages_too(virtuoso, big):  # noqa: F811
    # Virtuoso cuts a CONSTRUCT answer at ~10,000 triples without any header saying so
    outcome = select_endpoint(virtuoso.sparql, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", graph_iri=BIG)
    assert isomorphic(outcome.graph, big)


def test_ask(pushed):
    text = 'PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ASK { ?o skos:prefLabel "工业和信息化部"@zh }'
    assert select_endpoint(pushed.sparql, text, graph_iri=SEED).boolean is True


def _whole_decimal(term) -> bool:
    return isinstance(term, Literal) and term.datatype == XSD.decimal and "." not in str(term)


def test_describe_gives_back_every_subject_exactly(pushed, seed):
    # every literal keeps its datatype: Virtuoso's Turtle writes a whole xsd:decimal (a figure of
    # 100 家) as a bare 100, an xsd:integer, so graph answers must come as N-Triples
    subjects = sorted({s for s in seed.subjects() if isinstance(s, URIRef)})
    assert any(_whole_decimal(o) for s in subjects for o in seed.objects(s))
    for subject in subjects:
        described = select_endpoint(pushed.sparql, f"DESCRIBE <{subject}>", graph_iri=SEED).graph
        assert set(described.predicate_objects(subject)) == set(seed.predicate_objects(subject)), subject


def test_digest_challenge_is_reused_so_each_batch_is_sent_once(virtuoso, monkeypatch):  # noqa: F811
    import kg.httpclient

    statuses = []
    real = kg.httpclient.Client._open

    def spy(self, req):
        response = real(self, req)
        statuses.append(response.status)
        return response

    monkeypatch.setattr(kg.httpclient.Client, "_open", spy)
    graph = new_graph()
    for i in range(50):
        graph.add((URIRef(f"{EX}s{i}"), URIRef(f"{EX}p"), Literal(i)))
    result = push(graph, virtuoso.graph_store, graph_iri=f"{EX}digest", user="dba", password="dba", batch_triples=10)
    assert result.batches == 5 and statuses[0] == 401 and len(statuses) == 1 + 1 + 5  # challenge, preflight, batches
    statuses.clear()
    count = select_endpoint(f"{virtuoso.url}/sparql-auth", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                            graph_iri=f"{EX}digest", user="dba", password="dba")  # Digest for queries too
    assert int(count.rows[0][0]) == 50 and statuses == [401, 200]


def test_blank_nodes_survive_batching(virtuoso, tmp_path):  # noqa: F811
    graph = new_graph()
    for i in range(5):
        node = BNode()
        graph.add((URIRef(f"{EX}thing{i}"), URIRef(f"{EX}has"), node))
        graph.add((node, URIRef(f"{EX}value"), Literal(i)))
        graph.add((node, URIRef(f"{EX}label"), Literal(f"第{i}", lang="zh")))
    push(graph, virtuoso.graph_store, graph_iri=f"{EX}bnodes", user="dba", password="dba", batch_triples=2)
    back = select_endpoint(virtuoso.sparql, "CONSTRUCT WHERE { ?s ?p ?o }", graph_iri=f"{EX}bnodes").graph
    assert isomorphic(back, graph)


def test_push_a_store(virtuoso, seed, tmp_path):  # noqa: F811
    store = ox.Store(str(tmp_path / "store"))
    store.load(seed.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    del store
    result = push(f"oxigraph:{tmp_path / 'store'}", virtuoso.graph_store, graph_iri=f"{EX}store",
                  user="dba", password="dba", batch_triples=500)
    assert (result.triples, result.batches) == (len(seed), -(-len(seed) // 500))
    count = select_endpoint(virtuoso.sparql, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", graph_iri=f"{EX}store")
    assert int(count.rows[0][0]) == len(seed)


def test_cli_push_and_query(virtuoso, seed, tmp_path, capsys, monkeypatch):  # noqa: F811
    path = tmp_path / "seed.nt"
    path.write_text(seed.serialize(format="nt"), encoding="utf-8")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "dba")
    graph = f"{EX}cli"
    code, out, err = run(capsys, "push", path, "--endpoint", virtuoso.graph_store, "--graph", graph, "--user", "dba")
    assert (code, err) == (0, "") and out.startswith(f"{len(seed)} triples in 1 request to")
    code, out, err = run(capsys, "query", "--endpoint", virtuoso.sparql, "--graph", graph, "--cq", "agency-mentions",
                         "--format", "csv")
    assert code == 0 and out.startswith("agency,articles,mentions") and "工业和信息化部" in out


def test_cli_wrong_password(virtuoso, seed, tmp_path, capsys, monkeypatch):  # noqa: F811
    monkeypatch.delenv("KG_ENDPOINT_PASSWORD", raising=False)
    path = tmp_path / "seed.ttl"
    path.write_text(seed.serialize(format="turtle"), encoding="utf-8")
    code, out, err = run(capsys, "push", path, "--endpoint", virtuoso.graph_store, "--graph", f"{EX}nope",
                         "--user", "dba", "--password", "wrong")
    assert code == 1 and out == ""
    assert err.startswith("kg: error: ") and len(err.strip().splitlines()) == 1 and Errors.E061 in err
    with pytest.raises(EndpointError) as e:
        push(path, virtuoso.graph_store, graph_iri=f"{EX}nope", user="dba", password="wrong")
    assert e.value.code == "E061"


def test_query_rejected_by_virtuoso(virtuoso):  # noqa: F811
    with pytest.raises(EndpointError) as e:
        select_endpoint(virtuoso.sparql, "SELECT ?s WHERE { ?s ?p }")
    assert e.value.code == "E063" and "HTTP 400" in str(e.value) and "\n" not in str(e.value)


# -- against scripted servers (no Virtuoso needed) -------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    def _any(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.seen.append((self.command, self.path, dict(self.headers), body))
        status, headers, payload = self.server.script(len(self.server.seen), self)
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = _any

    def log_message(self, *args):
        pass


@contextmanager
def scripted(script):
    """An HTTP server on 127.0.0.1 answering `script(n, handler) -> (status, headers, body)`; yields (url, seen)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.script, server.seen = script, []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server.seen
    finally:
        server.shutdown()
        server.server_close()


def small_graph():
    graph = new_graph()
    graph.add((URIRef(f"{EX}a"), URIRef(f"{EX}b"), Literal("中文", lang="zh")))
    return graph


def test_unreachable_endpoint_fails_fast():
    url = f"http://127.0.0.1:{free_port()}/store"  # nothing listens there
    start = time.monotonic()
    with pytest.raises(EndpointError) as e:
        push(small_graph(), url, graph_iri=SEED, retries=2, backoff=0.01, timeout=2)
    assert e.value.code == "E060" and time.monotonic() - start < 5
    with pytest.raises(EndpointError) as e:
        select_endpoint(url, "ASK {}", **FAST)
    assert e.value.code == "E060"


def test_cli_unreachable(capsys):
    code, _, err = run(capsys, "query", "--endpoint", f"http://127.0.0.1:{free_port()}/sparql", "--retries", "0",
                       "-e", "ASK {}")
    assert code == 1 and Errors.E060 in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "status,body,code",
    [
        (413, b"<html><title>413 Request Entity Too Large</title></html>", "E062"),
        (403, b"<html><body><h1>403</h1><xmp>SR575: SECURITY: No permission</xmp></body></html>", "E061"),
        (401, b"", "E061"),  # no challenge at all
        (404, b"no such graph store", "E063"),
        (500, b"Virtuoso 22023 Error: bad things\nsecond line", "E063"),
    ],
)
def test_refusals(status, body, code):
    with scripted(lambda n, h: (status, {}, body)) as (url, seen):
        with pytest.raises(EndpointError) as e:
            push(small_graph(), url, graph_iri=SEED, user="u", password="p", **FAST)
    assert e.value.code == code and "\n" not in str(e.value) and f"HTTP {status}" in str(e.value)
    assert not any("Authorization" in h for _, _, h, _ in seen)  # no challenge, no credentials


def test_first_line_of_an_error_page():
    with scripted(lambda n, h: (500, {}, b"Virtuoso 22023 Error: bad things\nsecond line")) as (url, _):
        with pytest.raises(EndpointError) as e:
            push(small_graph(), url, graph_iri=SEED, **FAST)
    assert str(e.value).endswith("HTTP 500: Virtuoso 22023 Error: bad things")


def test_5xx_is_retried_then_succeeds():
    with scripted(lambda n, h: (503, {}, b"busy") if n <= 2 else (201, {}, b"")) as (url, seen):
        result = push(small_graph(), url, graph_iri=SEED, retries=3, backoff=0.01)
    assert result.triples == 1 and len(seen) == 4  # preflight tried 3 times, then the batch
    assert seen[-1][1] == f"/?graph={SEED.replace(':', '%3A').replace('/', '%2F')}"
    assert seen[-1][3].decode("utf-8") == f'<{EX}a> <{EX}b> "中文"@zh .\n'


def test_basic_auth_answers_the_challenge_and_is_reused():
    import base64

    good = "Basic " + base64.b64encode(b"u:p").decode()

    def script(n, h):
        if h.headers.get("Authorization") == good:
            return 201, {}, b""
        return 401, {"WWW-Authenticate": 'Basic realm="kg"'}, b""

    graph = new_graph()
    for i in range(3):
        graph.add((URIRef(f"{EX}s{i}"), URIRef(f"{EX}p"), Literal(i)))
    with scripted(script) as (url, seen):
        result = push(graph, url, graph_iri=SEED, user="u", password="p", batch_triples=1, **FAST)
    assert result.batches == 3
    assert [bool(h.get("Authorization")) for _, _, h, _ in seen] == [False, True, True, True, True]


def test_digest_wrong_password_is_refused_without_looping():
    challenge = {"WWW-Authenticate": 'Digest realm="SPARQL", nonce="abc", qop="auth", algorithm="MD5"'}
    with scripted(lambda n, h: (401, challenge, b"")) as (url, seen):
        with pytest.raises(EndpointError) as e:
            push(small_graph(), url, graph_iri=SEED, user="dba", password="nope", **FAST)
    assert e.value.code == "E061" and len(seen) == 2
    assert seen[1][2]["Authorization"].startswith('Digest username="dba"')


def test_credentials_do_not_follow_a_redirect():
    with scripted(lambda n, h: (201, {}, b"")) as (other, other_seen):
        def script(n, h):
            if h.headers.get("Authorization"):
                return 307, {"Location": f"{other}/elsewhere"}, b""
            return 401, {"WWW-Authenticate": 'Basic realm="kg"'}, b""

        with scripted(script) as (url, _):
            with pytest.raises(EndpointError) as e:
                push(small_graph(), url, graph_iri=SEED, user="u", password="p", **FAST)
    assert e.value.code == "E063" and "redirected" in str(e.value)
    assert other_seen == []


@pytest.mark.parametrize(
    "endpoint,graph",
    [("ftp://127.0.0.1/x", SEED), ("127.0.0.1:8890/sparql", SEED), ("http://127.0.0.1:1/x", "not an iri"),
     ("http://127.0.0.1:1/x", "https://example.org/a b")],
)
def test_bad_urls(endpoint, graph):
    with pytest.raises(EndpointError) as e:
        push(small_graph(), endpoint, graph_iri=graph, **FAST)
    assert e.value.code == "E065"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_query_text_gets_a_plan(text):
    from kg.endpoint import _plan

    assert _plan(text).kind in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.integers(400, 599))
def test_any_error_page_gives_one_short_line(body, status):
    from email.message import Message

    from kg.httpclient import Response, status_error

    message = str(status_error("http://127.0.0.1:1/x", Response(status, Message(), body)))
    assert "\n" not in message and len(message) < 400 and f"HTTP {status}" in message
