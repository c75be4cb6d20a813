"""Bad input never crashes kg or loses data (issue 6): whole runs.

- a batch of 1,000 articles with 10 bad ones, and --strict;
- a build killed by SIGINT and SIGKILL leaves no half file, and a rebuild is byte-identical;
- RDF inputs that do not parse, or are odd, for query / merge / validate / view / export;
- outputs that cannot be written; `kg query --timeout`;
- nothing is written outside the output folder; no shell in kg/.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph

from conftest import ROOT, SAMPLE
from kg.build import build
from kg.errors import InputError, QueryError
from kg.export import turtle
from test_robust import LINE, ODD, run


# -- a batch of 1,000 articles with 10 bad ones -------------------------------------------------------

BAD_BYTES = {
    "empty": (b"", "E002"),
    "blank": (b" \n\t\r\n", "E002"),
    "png": (b"\x89PNG\r\n\x1a\n" + bytes(64), "E003"),
    "pdf": (b"%PDF-1.7\n" + bytes(range(256)), "E003"),
    "zip": (b"PK\x03\x04" + bytes(40), "E003"),
    "gzip": (b"\x1f\x8b\x08" + bytes(40), "E003"),
    "chrome": ("版权所有 Copyright 2024\n京ICP备12345678号\n".encode(), "E005"),
    "mixed": ((LINE * 3).encode() + (LINE * 3).encode("gbk"), "E004"),
    "nul": (bytes(3000), "E003"),
    "markup": (b"<html><head><title>t</title></head><body><script>x()</script></body></html>", "E005"),
}


@pytest.fixture(scope="module")
def thousand(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """990 small good articles and 10 bad ones, the bad spread through the folder."""
    src = tmp_path_factory.mktemp("thousand")
    bad = {}
    names = iter(BAD_BYTES)
    for i in range(1000):
        if i % 100 == 37:
            kind = next(names)
            data, code = BAD_BYTES[kind]
            (src / f"a{i:04d}-{kind}.txt").write_bytes(data)
            bad[f"a{i:04d}-{kind}.txt"] = code
        else:
            text = f"第{i}号文章\n工业和信息化部表示，{i % 12 + 1}月份规模以上工业增加值同比增长{i % 9 + 1}.{i % 10}%。\n"
            (src / f"a{i:04d}.txt").write_text(text, encoding="utf-8")
    return src, bad


def test_a_thousand_articles_ten_bad(tmp_path, capsys, thousand):
    src, bad = thousand
    code, out, err = run(capsys, "build", src, "-o", tmp_path / "out", "--no-html", "-q", "-j", "2")
    assert code == 1  # some failed: documented exit code
    lines = err.strip().splitlines()
    assert lines[-1] == "kg: 10 articles failed, 990 built"
    failures = lines[:-1]
    assert len(failures) == 10 and all(line.startswith("kg: error: ") for line in failures)
    for name, want in bad.items():
        line = next(line for line in failures if f"{src / name}: " in line)
        assert InputError(want).args[0].split(":")[0] in line  # the reason, in words
    built = sorted(p.stem for p in (tmp_path / "out").glob("a*.ttl"))
    assert len(built) == 990 and not set(built) & {Path(n).stem for n in bad}
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["articles"]) == 990


def test_strict_stops_at_the_first_bad_article(tmp_path, capsys, thousand):
    src, bad = thousand
    first = min(bad)
    code, _, err = run(capsys, "build", src, "-o", tmp_path / "out", "--no-html", "-q", "--strict")
    assert code == 1 and err.startswith(f"kg: error: {src / first}: ") and err.count("\n") == 1
    built = sorted((tmp_path / "out").glob("a*.ttl"))
    assert built and all(p.stem < first for p in built)  # nothing after the first failure
    assert not (tmp_path / "out" / "graph.ttl").exists()


# -- killed builds --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus300(tmp_path_factory) -> tuple[Path, Path]:
    """300 articles and a finished build of them, the reference output."""
    root = tmp_path_factory.mktemp("kill")
    src = root / "in"
    src.mkdir()
    for i in range(300):
        text = (f"第{i}号\n更新时间：2026-01-{i % 28 + 1:02d} 来源：某网\n工业和信息化部副部长张云明表示，"
                f"{i % 12 + 1}月份规模以上工业增加值同比增长{i % 7 + 1}.{i % 10}%，超{i}项改革举措落地。\n")
        (src / f"n{i:03d}.txt").write_text(text, encoding="utf-8")
    ref = root / "ref"
    subprocess.run([sys.executable, "-m", "kg.cli", "build", str(src), "-o", str(ref), "--no-html", "-q"],
                   cwd=ROOT, check=True)
    return src, ref


def _files(folder: Path) -> dict[str, bytes]:
    """The outputs (hidden files are temporary: a *.part a SIGKILL cut short, swept by the next build)."""
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_a_killed_build_leaves_every_output_whole(tmp_path, corpus300, sig):
    src, ref = corpus300
    out = tmp_path / "out"
    shutil.copytree(ref, out)  # an earlier, finished build
    before = _files(out)
    started = time.time()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(src), "-o", str(out), "--no-html", "-q",
                             "--force"], cwd=ROOT, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:  # until it has rewritten some articles
        if sum(p.stat().st_mtime > started for p in out.glob("n*.ttl")) >= 20:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the build ended before it could be killed"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and err.decode().strip() == "kg: interrupted"
        assert not [p.name for p in out.iterdir() if p.name.startswith(".")]  # no *.part, no temporary store
    else:
        assert proc.returncode == -signal.SIGKILL
    assert _files(out) == before  # each file is the earlier one or the same bytes rewritten, never a part
    code = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(src), "-o", str(out), "--no-html", "-q",
                           "--force"], cwd=ROOT).returncode
    assert code == 0
    assert _files(out) == _files(ref)  # graph.ttl and every article's Turtle, byte for byte
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


# -- RDF inputs for query, merge, validate, view, export ----------------------------------------------

RDF_BAD = {
    "garbage.ttl": (b"this is not turtle {{\n", "line 1"),
    "jsonld-in.ttl": (b'{"@id": "http://example.org/a", "http://example.org/p": "x"}\n', "line 1"),
    "turtle-in.jsonld": (b"@prefix ex: <http://example.org/> .\nex:a ex:p ex:b .\n", "line 1"),
    "turtle-in.nt": (b"@prefix ex: <http://example.org/> .\nex:a ex:p ex:b .\n", "line 1"),
    "turtle-in.rdf": (b"@prefix ex: <http://example.org/> .\nex:a ex:p ex:b .\n", "line 1"),
    "binary.ttl": (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not UTF-8"),
    "space-iri.ttl": (b"@prefix ex: <http://example.org/> .\n\n<http://example.org/a b> ex:p \"x\" .\n", "line 3: invalid IRI"),
    "space-iri.nt": (b'<http://example.org/a b> <http://example.org/p> "x" .\n', "line 1"),
    "space-iri.rdf": (b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
                      b'<rdf:Description rdf:about="http://a b"><rdf:type rdf:resource="http://c"/></rdf:Description>'
                      b"</rdf:RDF>\n", "invalid IRI"),
}
COMMANDS = {
    "query": lambda f, out: ["query", f, "-e", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"],
    "merge": lambda f, out: ["merge", f, "-o", out / "merged.ttl"],
    "validate": lambda f, out: ["validate", f],
    "view": lambda f, out: ["view", f, "-o", out / "view.html"],
    "export": lambda f, out: ["export", f, "--format", "xml", "-o", out / "x.rdf"],
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", RDF_BAD)
def test_rdf_that_does_not_parse_is_one_line(tmp_path, capsys, name, command):
    data, where = RDF_BAD[name]
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run(capsys, *COMMANDS[command](path, tmp_path))
    assert code == 1 and out == ""
    assert err.startswith(f"kg: error: {path}: RDF file does not parse: ") and err.count("\n") == 1, err
    assert where in err
    assert [p.name for p in tmp_path.iterdir()] == [name]  # nothing written


def test_huge_literal_and_no_kg_terms(tmp_path, capsys):
    path = tmp_path / "huge.ttl"
    literal = "长" * (10 * 2**20 // 3)
    path.write_text(f'<http://example.org/a> <http://example.org/p> "{literal}" .\n', encoding="utf-8")
    code, out, err = run(capsys, "query", path, "-e", "SELECT (STRLEN(?o) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv")
    assert code == 0 and out.splitlines()[1] == str(len(literal))
    code, out, err = run(capsys, "validate", path)
    assert code == 0 and out == "conforms\n" and "no kg terms" in err
    code, out, err = run(capsys, "view", path, "-o", tmp_path / "v.html")
    assert code == 0 and "no kg terms" in err and "这个图里没有可显示的节点" in (tmp_path / "v.html").read_text(encoding="utf-8")
    code, _, err = run(capsys, "merge", path, "-o", tmp_path / "m.ttl", "-q")
    assert code == 0 and len(Graph().parse(tmp_path / "m.ttl")) == 1


@pytest.mark.parametrize(
    "argv",
    [
        lambda g, f: ["build", SAMPLE, "-o", f, "--no-html"],
        lambda g, f: ["build", SAMPLE, "-o", f / "sub"],
        lambda g, f: ["merge", g, "-o", f / "m.ttl"],
        lambda g, f: ["view", g, "-o", f / "v.html"],
        lambda g, f: ["export", g, "--format", "graphml", "-o", f / "g.graphml"],
    ],
    ids=["build-into-a-file", "build-under-a-file", "merge", "view", "export"],
)
def test_an_output_that_cannot_be_written_is_one_line(tmp_path, capsys, seed_graph, argv):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, *argv(seed_graph, blocker))
    assert code == 1 and err.startswith("kg: error: ") and "cannot write output" in err and err.count("\n") == 1


def test_turtle_writer_refuses_an_invalid_iri_with_a_kg_error():
    from rdflib import URIRef

    from kg.errors import ExportError

    with pytest.raises(ExportError) as e:
        turtle([(URIRef("http://example.org/a b"), URIRef("http://example.org/p"), URIRef("http://example.org/c"))])
    assert e.value.code == "E040" and "\n" not in str(e.value)


# -- SPARQL: a query that would run forever ------------------------------------------------------------

FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed")
    build([SAMPLE], out, html=False)
    return out / "graph.ttl"


def test_timeout_stops_a_query_that_would_run_forever(capsys, seed_graph):
    t = time.monotonic()
    code, out, err = run(capsys, "query", seed_graph, "--timeout", "2", "-e", FOREVER)
    assert code == 1 and out == "" and err == "kg: error: query took too long: stopped after 2 s\n"
    assert time.monotonic() - t < 30


@pytest.mark.parametrize(
    "query",
    [
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?s ?l WHERE { ?s skos:prefLabel ?l } ORDER BY ?s ?l",
        "ASK { ?s ?p ?o }",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5",
    ],
    ids=["select", "ask", "construct"],
)
def test_a_limited_query_answers_as_the_unlimited_one(seed_graph, query):
    from kg.query import run_query, run_query_limited
    from kg.rdfio import load_graphs

    limited = run_query_limited([seed_graph], query, timeout=60)
    direct = run_query(load_graphs([seed_graph]), query)
    assert (limited.kind, limited.vars, limited.rows, limited.boolean) == (direct.kind, direct.vars, direct.rows, direct.boolean)
    assert (limited.graph is None) == (direct.graph is None)
    if direct.graph is not None:
        assert len(limited.graph) == len(direct.graph) == 5


def test_a_limited_query_reports_errors_as_kg_errors(tmp_path):
    from kg.query import run_query_limited

    bad = tmp_path / "bad.ttl"
    bad.write_text("nonsense {", encoding="utf-8")
    with pytest.raises(InputError) as e:
        run_query_limited([bad], "ASK {}", timeout=30)
    assert e.value.code == "E041"
    with pytest.raises(QueryError) as e:
        run_query_limited([bad], "SELEKT *", timeout=30)  # the query is checked before any loading
    assert e.value.code == "E030" and "line 1, column 1" in str(e.value)


# -- safety --------------------------------------------------------------------------------------------


def test_no_shell_and_no_eval_in_kg():
    offenders = []
    for path in (ROOT / "kg").rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"shell\s*=\s*True|os\.system\(|os\.popen\(|(?<![\w.])(?:eval|exec)\(|pickle\.loads?\(", line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_no_article_can_write_outside_the_output_folder(tmp_path):
    inside = tmp_path / "deep" / "er"
    inside.mkdir(parents=True)
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(ODD / "ids.jsonl", src / "ids.jsonl")
    (src / "..evil.txt").write_text(LINE, encoding="utf-8")
    (src / "graph.txt").write_text(LINE, encoding="utf-8")
    (src / "GRAPH-article.txt").write_text(LINE + "二", encoding="utf-8")
    out = inside / "out"
    result = build([src], out, html=False)
    assert not result.failed and len(result.built) == 12
    written = [p for p in tmp_path.rglob("*") if p.is_file() and not p.is_relative_to(src)]
    assert all(p.parent == out for p in written), [str(p) for p in written]
    assert len(list(out.glob("*.ttl"))) == 12 + 1  # one per article, none overwritten, and graph.ttl
