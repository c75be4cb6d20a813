"""`kg.build`: streaming, worker processes, corpus files, incremental rebuilds, --into, --strict."""

from __future__ import annotations

import json
import shutil

import pytest
from rdflib.compare import isomorphic

from conftest import SAMPLE
from kg.build import build
from kg.errors import InputError
from kg.rdfio import load_graph


@pytest.fixture
def articles(tmp_path, dev_dir):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("seed-miit-2025-review", "chinanews-miit-2025-four-features", "nbs-2022-07-economy-data"):
        shutil.copy(dev_dir / f"{name}.txt", src / f"{name}.txt")
    return src


def test_two_jobs_give_the_same_graph_as_one(tmp_path, articles):
    one = build([articles], tmp_path / "one", html=False)
    two = build([articles], tmp_path / "two", html=False, jobs=2)
    assert [s.line() for s in one.built] == [s.line() for s in two.built]
    assert (tmp_path / "one" / "graph.ttl").read_bytes() == (tmp_path / "two" / "graph.ttl").read_bytes()


def test_incremental_rebuild_skips_unchanged_and_replaces_changed(tmp_path, articles):
    out = tmp_path / "out"
    build([articles], out, html=False)
    first = (out / "graph.ttl").read_bytes()
    again = build([articles], out, html=False)
    assert again.reused == 3 and (out / "graph.ttl").read_bytes() == first
    seed = articles / "seed-miit-2025-review.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("张云明", "李明华"), encoding="utf-8")
    changed = build([articles], out, html=False)
    assert changed.reused == 2
    scratch = build([articles], tmp_path / "scratch", html=False, incremental=False)
    assert scratch.reused == 0
    assert (out / "graph.ttl").read_bytes() == (tmp_path / "scratch" / "graph.ttl").read_bytes()
    assert "李明华" in (out / "seed-miit-2025-review.json").read_text(encoding="utf-8")


def test_into_gives_the_same_graph_as_building_at_once(tmp_path, articles, dev_dir):
    build([articles], tmp_path / "all", html=False)
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(articles / "seed-miit-2025-review.txt", first)
    build([first], tmp_path / "a", html=False)
    rest = [p for p in articles.iterdir() if p.name != "seed-miit-2025-review.txt"]
    build(rest, tmp_path / "b", html=False, into=tmp_path / "a" / "graph.ttl")
    assert isomorphic(load_graph(tmp_path / "all" / "graph.ttl"), load_graph(tmp_path / "b" / "graph.ttl"))


def test_corpus_files(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8").replace("\n", " ")
    tsv = tmp_path / "c.tsv"
    tsv.write_text(f"时政\t{text}\n财经\t国家统计局新闻发言人付凌晖表示,7月份全国规模以上工业增加值同比增长3.8%。\n", encoding="utf-8")
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text(
        json.dumps({"id": "a/../../x", "text": text, "published": "2026-01-21"}, ensure_ascii=False) + "\n"
        + "not json\n",
        encoding="utf-8",
    )
    result = build([tsv, jsonl], tmp_path / "out", html=False)
    names = sorted(s.name for s in result.built)
    assert names == ["a_.._.._x", "c-000001", "c-000002"]
    assert [origin for origin, _ in result.failed] == [f"{jsonl}:2"]
    assert all(p.parent == tmp_path / "out" for p in (tmp_path / "out").rglob("*") if p.is_file())


def test_strict_stops_at_the_first_failure(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a-empty.txt").write_bytes(b"")
    shutil.copy(SAMPLE, src / "b.txt")
    with pytest.raises(InputError) as e:
        build([src], tmp_path / "out", html=False, strict=True)
    assert e.value.code == "E002"
    assert not (tmp_path / "out" / "b.ttl").exists()


def test_reserved_names_do_not_clobber_the_merged_graph(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLE, src / "graph.txt")
    build([src], tmp_path / "out", html=False)
    assert (tmp_path / "out" / "graph-article.ttl").exists()
    assert len(load_graph(tmp_path / "out" / "graph.ttl")) >= len(load_graph(tmp_path / "out" / "graph-article.ttl"))


def test_the_merged_graph_moves_to_disk_without_changing(tmp_path, articles, monkeypatch):
    from kg.store import MergedGraph

    build([articles], tmp_path / "memory", html=False)
    monkeypatch.setattr(MergedGraph, "MEMORY_LIMIT", 1)  # spill after the first batch
    monkeypatch.setattr(MergedGraph, "BATCH", 1)
    build([articles], tmp_path / "disk", html=False)
    # the same graph; the order of the triples in the file follows the store's own order
    assert isomorphic(load_graph(tmp_path / "memory" / "graph.ttl"), load_graph(tmp_path / "disk" / "graph.ttl"))
    assert not [p for p in (tmp_path / "disk").iterdir() if p.name.startswith(".")]


def test_the_last_long_steps_of_a_large_build_are_said(tmp_path, articles, monkeypatch, capsys):
    from kg.store import MergedGraph

    build([articles], tmp_path / "small", html=False, progress=True)
    assert "graph.ttl" not in capsys.readouterr().err  # a small build is over before it matters
    monkeypatch.setattr(MergedGraph, "MEMORY_LIMIT", 1)
    build([articles], tmp_path / "large", html=False, progress=True, store=f"oxigraph:{tmp_path / 'store'}")
    err = capsys.readouterr().err
    assert "writing" in err and "graph.ttl" in err and "compacting oxigraph:" in err
