"""Bad input never crashes kg or loses data (issue 6): article inputs. Runs (batches, killed
builds, RDF inputs, query timeout, safety) are in test_robust_runs.py.

- the odd inputs of tests/data/odd/ against their expected code or result (EXPECTED.json),
  through the library and through `kg build` (one line naming the file, exit 1, no output);
- inputs made at test time: missing, folder, unreadable, FIFO, a 5 MB line, a 50 MB file;
- property tests: any bytes or text give an Article or a KgError, provenance slices are exact,
  figure values finite, the Turtle reads back as the same graph and conforms to the shapes;
- bugs found on the way (a figure without a metric; a corpus lost to one stray byte).

`python -m kg.fuzz` (atheris) over ingest, the pipeline and corpus lines found no crash; an
input that crashes it gets a test here.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from conftest import DATA, run_cli
from kg.build import RESERVED, build
from kg.corpus import iter_sources
from kg.errors import InputError, KgError
from kg.export import turtle
from kg.graph import article_triples
from kg.ingest import MAX_BYTES, article_from_text, decode, read_article
from kg.pipeline import process
from kg.sentences import MAX_SENTENCE
from kg.types import Article

ODD = DATA / "odd"
EXPECTED = {k: v for k, v in json.loads((ODD / "EXPECTED.json").read_text(encoding="utf-8")).items() if k[0] != "_"}
FAILING = sorted(k for k, v in EXPECTED.items() if "error" in v)
ARTICLES = sorted(k for k, v in EXPECTED.items() if "error" not in v and not k.endswith(".jsonl"))
CORPORA = sorted(k for k in EXPECTED if k.endswith(".jsonl"))
LINE = "国家统计局新闻发言人付凌晖表示，7月份全国规模以上工业增加值同比增长3.8%。"


run = run_cli


def assert_exact_provenance(a: Article) -> None:
    """Every offset indexes the text: sentences, mentions, figure surfaces and quotes."""
    n = len(a.text)
    for s in a.sentences:
        assert a.text[s.start : s.end] == s.text and s.text
    mentions = [m for kind in (a.organizations, a.persons, a.initiatives) for item in kind for m in item.mentions]
    mentions += [post.mention for p in a.persons for post in p.posts]
    for m in mentions:
        s = a.sentences[m.sentence]
        assert 0 <= s.start <= m.start < m.end <= s.end <= n
    for f in a.figures:
        assert a.text[f.mention.start : f.mention.end] == f.surface
        assert f.quote.start <= f.mention.start and f.mention.end <= f.quote.end <= n
        assert f.value.is_finite()


def assert_turtle_round_trip(a: Article) -> Graph:
    triples = article_triples(a)
    text = turtle(triples)
    back = Graph().parse(data=text.encode("utf-8"), format="turtle")
    assert set(back) == set(triples)
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", text)  # XML 1.0 can carry it all
    return back


# -- the folder of odd inputs -----------------------------------------------------------------------


@pytest.mark.parametrize("name", FAILING)
def test_bad_input_raises_its_code(name):
    with pytest.raises(InputError) as e:
        read_article(ODD / name)
    assert e.value.code == EXPECTED[name]["error"], EXPECTED[name]["why"]
    assert str(e.value).startswith(str(ODD / name) + ": ") and "\n" not in str(e.value)


@pytest.mark.parametrize("name", ARTICLES)
def test_odd_input_gives_the_expected_article(name):
    from kg.validate import validate

    want = EXPECTED[name]
    a = process(read_article(ODD / name))
    assert want["text"] in a.text, want["why"]
    for gone in want.get("absent", []):
        assert gone not in a.text
    got = {(str(f.value), f.unit, f.qualifier) for f in a.figures}
    assert {tuple(f) for f in want["figures"]} <= got, want["why"]
    assert_exact_provenance(a)
    result = validate(assert_turtle_round_trip(a))
    assert result.conforms, result.violations[:3]


@pytest.mark.parametrize("name", CORPORA)
def test_odd_corpus_lines(name):
    want = EXPECTED[name]
    sources = list(iter_sources([ODD / name], RESERVED))
    assert [s.name for s in sources] == want["names"], want["why"]
    for s in sources:
        a = process(s.read())
        assert want.get("text", "") in a.text
        assert_exact_provenance(a)
        assert_turtle_round_trip(a)


@pytest.mark.parametrize("name", FAILING + ARTICLES)
def test_build_one_odd_file(tmp_path, capsys, name):
    out = tmp_path / "out"
    code, _, err = run(capsys, "build", ODD / name, "-o", out, "--no-html", "-q")
    if name in FAILING:
        assert code == 1
        assert err.count("\n") == 1 and err.startswith(f"kg: error: {ODD / name}: "), err
        assert not list(out.glob("*.ttl")) and not list(out.glob("*.json"))
    else:
        assert code == 0, err
        assert (out / f"{Path(name).stem}.ttl").exists() and (out / "graph.ttl").exists()
    assert not list(out.glob(".*.part")) and not list(out.glob(".kg-store-*"))


@pytest.mark.parametrize("name", ["big5.txt", "gbk.txt", "utf-16-le-bom.txt", "png-named.txt", "half-gbk-half-utf8.txt"])
def test_extract_reads_stdin_in_any_encoding(monkeypatch, capsys, name):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((ODD / name).read_bytes())))
    code, out, err = run(capsys, "extract", "-")
    if "error" in EXPECTED[name]:
        assert code == 1 and err.startswith("kg: error: -: ") and err.count("\n") == 1
    else:
        assert code == 0 and json.loads(out)["figures"][0]["value"] == 3.8


# -- inputs made at test time -------------------------------------------------------------------------


def _folder_named_like_a_file(d: Path) -> Path:
    (d / "folder.txt").mkdir()
    return d / "folder.txt"


def _dangling_link(d: Path) -> Path:
    os.symlink(d / "nowhere.txt", d / "dangling.txt")
    return d / "dangling.txt"


def _fifo(d: Path) -> Path:
    os.mkfifo(d / "pipe.txt")
    return d / "pipe.txt"


def _fifty_megabytes(d: Path) -> Path:
    path = d / "fifty.txt"
    block = (LINE * 2000).encode("utf-8")
    with path.open("wb") as f:
        while f.tell() < 50 * 2**20:
            f.write(block)
    return path


@pytest.mark.parametrize(
    "make,code,words",
    [
        (lambda d: d / "missing.txt", "E001", "no such file"),
        (_dangling_link, "E001", "no such file"),
        (_folder_named_like_a_file, "E007", "is a folder"),
        (_fifo, "E007", "not a regular file"),
        (_fifty_megabytes, "E012", "too large"),
    ],
    ids=["missing", "dangling-link", "folder", "fifo", "50MB"],
)
def test_made_inputs(tmp_path, capsys, make, code, words):
    path = make(tmp_path)
    t = time.monotonic()
    with pytest.raises(InputError) as e:
        read_article(path)
    assert e.value.code == code and words in str(e.value) and str(path) in str(e.value)
    exit_code, _, err = run(capsys, "extract", path)
    assert exit_code == 1 and err == f"kg: error: {e.value}\n"
    assert time.monotonic() - t < 20  # the 50 MB file is refused from its size, never read


def test_unreadable_file_is_E007(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text(LINE, encoding="utf-8")

    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)  # as root (CI) chmod 000 stops nothing
    with pytest.raises(InputError) as e:
        read_article(path)
    assert e.value.code == "E007" and "Permission denied" in str(e.value)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads a chmod 000 file anyway")
def test_unreadable_file_by_permissions(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(LINE, encoding="utf-8")
    path.chmod(0)
    with pytest.raises(InputError) as e:
        read_article(path)
    assert e.value.code == "E007"


def test_corpus_text_over_the_limit_is_E012_and_the_rest_is_built(tmp_path):
    corpus = tmp_path / "c.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "big", "text": "增" * (MAX_BYTES + 1)}) + "\n")
        f.write(json.dumps({"id": "ok", "text": LINE}, ensure_ascii=False) + "\n")
    result = build([corpus], tmp_path / "out", html=False)
    assert [s.name for s in result.built] == ["ok"]
    assert [(origin, e.code) for origin, e in result.failed] == [(f"{corpus}:1", "E012")]


def test_a_five_megabyte_line(tmp_path):
    """One line of 5 MB without a line break: decoded, cut into bounded sentences, extracted."""
    unit = "工业和信息化部副部长张云明表示，全国规模以上工业增加值同比增长3.8%，" + "推动产业链供应链稳定畅通" * 40 + "，"
    data = (unit * (5 * 2**20 // len(unit.encode()) + 1)).encode("utf-8")
    assert len(data) >= 5 * 2**20 and b"\n" not in data
    a = process(article_from_text(decode(data)))
    assert max(len(s.text) for s in a.sentences) <= MAX_SENTENCE
    assert a.figures and a.organizations and a.persons
    assert_exact_provenance(a)


@pytest.mark.parametrize(
    "text,pieces",
    [
        ("甲" * 2500, ["甲" * 1000, "甲" * 1000, "甲" * 500]),
        (("乙" * 599 + "，") * 3, ["乙" * 599 + "，", "乙" * 599 + "，", "乙" * 599 + "，"]),
        ("丙" * 700 + " " + "丁" * 700, ["丙" * 700, "丁" * 700]),
    ],
    ids=["hard-cut", "at-commas", "at-space"],
)
def test_runs_without_an_end_mark_are_cut(text, pieces):
    from kg.sentences import split_sentences

    a = split_sentences(article_from_text(text))
    assert [s.text for s in a.sentences] == pieces


@pytest.mark.parametrize(
    "data,text",
    [
        ("國務院新聞辦公室舉行新聞發布會。".encode("big5"), "國務院新聞辦公室舉行新聞發布會。"),
        ("国务院新闻办公室举行新闻发布会。".encode("gbk"), "国务院新闻办公室举行新闻发布会。"),
        ("國務院新聞辦公室舉行新聞發布會。".encode("gb18030"), "國務院新聞辦公室舉行新聞發布會。"),
        ("hello 国务院 world. ".encode("utf-16-le") * 4, "hello 国务院 world. " * 4),
        ("hello 国务院 world. ".encode("utf-16-be") * 4, "hello 国务院 world. " * 4),
        (b"\xff\xfe\x00\x00" + "国务院".encode("utf-32-le"), "国务院"),
        ("工业增长".encode("utf-16")[:-1], "工业增\ufffd"),
    ],
    ids=["big5", "gbk", "gb18030-traditional", "utf-16-le-no-bom", "utf-16-be-no-bom", "utf-32-bom", "utf-16-cut"],
)
def test_decode_guesses_the_encoding(data, text):
    assert decode(data) == text


# -- properties ------------------------------------------------------------------------------------------

ODD_CHARS = st.sampled_from(["\x00", "\x0b", "\x1b", "\ud800", "\udfff", "\ufffe", "\ufeff", "\u3000", "😀", "\ue000",
                             "\r\n", "\r", "\u2028", "<p>", "</p>", "<script>", "&amp;", "&#0;", "]]>"])
PIECES = st.sampled_from([
    "工业和信息化部", "国家统计局", "国务院新闻办公室", "國家發展和改革委員會", "副部长", "司长", "新闻发言人", "张云明", "付凌晖",
    "表示", "介绍", "，", "。", "；", "\n", "增长", "3.8%", "５．９％", "超300项", "一千七百多项", "三成", "1.76万家",
    "近6万亿元", "《制造业数字化转型行动方案》", "“十五五”规划", "2025年", "7月份", "同比", "规模以上工业增加值",
    "更新时间：2026-01-21 来源：某网", "版权所有", "1e999", "NaN", "Infinity", "9" * 40 + "亿元", "0.0000000001%",
])


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_an_article_or_a_kg_error(data):
    try:
        a = article_from_text(decode(data))
    except KgError:
        return
    assert a.content and all(a.text[s.start : s.end].strip() for s in a.content)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(PIECES, ODD_CHARS, st.text(max_size=4)), max_size=40).map("".join))
def test_any_text_through_the_pipeline_keeps_exact_provenance(text):
    try:
        a = process(article_from_text(text))
    except KgError:
        return
    assert_exact_provenance(a)
    assert_turtle_round_trip(a)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(PIECES, ODD_CHARS), min_size=1, max_size=30).map("".join))
def test_every_written_graph_conforms_to_the_shapes(text):
    from kg.validate import validate

    try:
        a = process(article_from_text(text))
    except KgError:
        return
    result = validate(assert_turtle_round_trip(a))
    assert result.conforms, result.violations[:3]


@settings(max_examples=100, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=200), st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-8-sig"]))
def test_text_written_in_any_encoding_reads_back(text, encoding):
    """Whatever decode guesses, it never crashes; with a BOM (or as UTF-8) it gets the text back."""
    data = text.encode(encoding, "replace")
    try:
        decoded = decode(data)
    except KgError:
        return
    if encoding != "gb18030" and "\x00" not in text and not (encoding == "utf-8" and text.startswith("\ufeff")):
        assert decoded == text  # (NULs in every other place read as UTF-16; a leading U+FEFF is a BOM)


# -- found while hardening (python -m kg.fuzz found no crash: see the module docstring) ---------------


def test_a_bare_number_is_no_figure_so_every_graph_conforms():
    """Found by test_every_written_graph_conforms_to_the_shapes: "3.8%" alone gave a figure without
    a metric, which the shapes (schema:variableMeasured, minCount 1) and CQ2 reject."""
    from kg.validate import validate

    a = process(article_from_text("3.8%"))
    assert a.figures == []
    assert validate(assert_turtle_round_trip(a)).conforms


def test_a_corpus_line_that_is_not_utf8_fails_alone(tmp_path):
    corpus = tmp_path / "c.tsv"
    corpus.write_bytes(f"时政\t{LINE}\n".encode() + b"\xe8\xb4\xa2\t\xff\xfe\n" + f"财经\t{LINE}\n".encode())
    result = build([corpus], tmp_path / "out", html=False)
    assert [s.name for s in result.built] == ["c-000001", "c-000003"]
    assert [(origin, e.code) for origin, e in result.failed] == [(f"{corpus}:2", "E009")]
    assert "not UTF-8" in str(result.failed[0][1])
