"""The `kg` command end to end: build, extract, eval, and bad inputs (one line, exit 1, no output)."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import DATA, SAMPLE, run_cli
from kg.cli import main


run = run_cli


def test_build_sample(tmp_path, capsys):
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, "build", SAMPLE, "-o", out_dir)
    assert code == 0, err
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == ["graph.html", "graph.ttl", "manifest.json", "seed-miit-2025-review.json", "seed-miit-2025-review.ttl"]
    lines = out.strip().splitlines()
    assert lines[0].startswith("seed-miit-2025-review: ") and "persons" in lines[0] and "figures" in lines[0]
    assert lines[-1].startswith("total (1 articles)")
    key = json.loads((out_dir / "seed-miit-2025-review.json").read_text(encoding="utf-8"))
    assert {"id", "source", "persons", "organizations", "initiatives", "figures"} <= set(key)


def test_build_twice_gives_identical_turtle(tmp_path, capsys):
    run(capsys, "build", SAMPLE, "-o", tmp_path / "a", "--no-html")
    run(capsys, "build", SAMPLE, "-o", tmp_path / "b", "--no-html")
    for name in ("graph.ttl", "seed-miit-2025-review.ttl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_extract_prints_answer_key(capsys):
    code, out, _ = run(capsys, "extract", SAMPLE)
    assert code == 0
    assert json.loads(out)["id"] == "seed-miit-2025-review"


@pytest.mark.parametrize(
    "make,code_word",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d / "missing-folder", "no such file"),
        (lambda d: shutil.copy(DATA / "bad" / "empty.txt", d / "empty.txt"), "is empty"),
        (lambda d: shutil.copy(DATA / "bad" / "image.txt", d / "image.txt"), "is binary"),
        (lambda d: (d / "nothing").mkdir() or d / "nothing", "holds no articles"),
    ],
    ids=["missing-file", "missing-folder", "empty", "binary", "folder-without-articles"],
)
def test_build_bad_input(tmp_path, capsys, make, code_word):
    src = tmp_path / "in"
    src.mkdir()
    target = make(src)
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, "build", target, "-o", out_dir)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and code_word in lines[0]
    assert str(target) in lines[0]
    assert "Traceback" not in err
    assert not out_dir.exists() or not any(out_dir.iterdir())


def test_batch_keeps_good_articles(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLE, src / "good.txt")
    (src / "bad.txt").write_bytes(b"")
    code, out, err = run(capsys, "build", src, "-o", tmp_path / "out", "--no-html")
    assert code == 1
    assert "bad.txt" in err and err.count("\n") == 1
    assert (tmp_path / "out" / "good.ttl").exists() and (tmp_path / "out" / "graph.ttl").exists()
    assert not (tmp_path / "out" / "bad.ttl").exists()


def test_eval_bad_folder(tmp_path, capsys):
    code, _, err = run(capsys, "eval", tmp_path)
    assert code == 1 and err.startswith("kg: error: ")


def test_every_command_has_help_with_example(capsys):
    from kg.cli import COMMANDS

    for command in COMMANDS:
        with pytest.raises(SystemExit):
            main([command, "-h"])
        out, _ = capsys.readouterr()
        assert "example" in out and f"  kg {command} " in out.replace("example: kg", "  kg")


def test_readme_shows_every_command():
    from conftest import ROOT
    from kg.cli import COMMANDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c for c in COMMANDS if f"kg {c} " not in readme]
    assert missing == []
