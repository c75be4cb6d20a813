from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpus" / "dev"
SAMPLE = ROOT / "kg" / "sample" / "seed-miit-2025-review.txt"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def dev_dir() -> Path:
    if not DEV.is_dir():
        pytest.skip(f"the shared dev corpus is not at {DEV}")
    return DEV


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    """Run `kg ARGV...` in-process: (exit code, stdout, stderr)."""
    from kg.cli import main

    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err
