"""Coverage-guided fuzzing of everything that reads an article (not run by the tests or CI).

    python -m kg.fuzz --seconds 600            # needs atheris: pip install 'kg[fuzz]'
    python -m kg.fuzz --seconds 600 --target ingest

Each input is bytes. The first byte picks a path, the rest is the input:

- ingest:   bytes -> `decode` -> `article_from_text` (HTML detected, forced or refused)
- pipeline: the same, then sentences, extractors, resolve (offsets must index the text, figure
            values be finite), graph triples, Turtle and the answer-key JSON; the Turtle must
            parse back (rdflib) to as many triples
- corpus:   bytes as one `.jsonl` corpus line (JSON escapes reach lone surrogates and NULs)

`KgError` is an answer; any other exception is a crash. Crashes do not stop the run: each
distinct one (by exception type and the innermost kg frame) is saved once under
`--crashes` (input and traceback) and counted, and the run ends with a summary: inputs tried,
seconds, distinct crashes, slow inputs. The exit status is 1 when anything crashed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
import traceback
from pathlib import Path

TARGETS = ("ingest", "pipeline", "corpus")
SLOW = 2.0  # seconds: an input that takes longer is reported (and saved) as slow


def _seeds() -> list[bytes]:
    """Real articles and odd inputs to start from."""
    root = Path(__file__).resolve().parent.parent
    files = [Path(__file__).parent / "sample" / "seed-miit-2025-review.txt"]
    for folder in (root.parent / "shared" / "corpus" / "dev", root / "tests" / "data" / "bad", root / "tests" / "data" / "odd"):
        if folder.is_dir():
            files += sorted(p for p in folder.iterdir() if p.is_file() and p.stat().st_size < 64_000)
    seeds = [p.read_bytes() for p in files]
    line = "国家统计局新闻发言人付凌晖表示，7月份全国规模以上工业增加值同比增长3.8%，超过一千七百多项。".encode()
    seeds += [line, line.decode().encode("gb18030"), "工業和信息化部副部長說，增長５．９％。".encode("big5"),
              b"<html><head><title>t</title></head><body><p>" + line + b"</p></body></html>",
              json.dumps({"id": "../x", "text": "增长\ud800 3成"}).encode()]
    return seeds


def _run_one(target: str, data: bytes) -> None:
    from rdflib import Graph

    from kg.corpus import _json_source
    from kg.export import answer_key_json, turtle
    from kg.graph import article_triples
    from kg.ingest import article_from_text, decode
    from kg.pipeline import process

    if target == "corpus":
        source = _json_source("fuzz", 1, "fuzz:1", data.decode("utf-8", "replace"))
        article = process(source.read())
    else:
        html = (None, True, False)[data[0] % 3] if data else None
        article = article_from_text(decode(data[1:]), html=html)
        if target == "ingest":
            return
        article = process(article)
    _check(article)
    triples = article_triples(article)
    text = turtle(triples)
    answer_key_json(article).encode("utf-8")
    back = Graph().parse(data=text, format="turtle")
    if len(back) != len(triples):
        raise AssertionError(f"Turtle read back holds {len(back)} triples, written {len(triples)}")


def _check(a) -> None:
    """The invariants every article keeps: offsets index the text, figure values are finite."""
    for s in a.sentences:
        assert a.text[s.start : s.end] == s.text, "sentence offsets"
    for kind in (a.organizations, a.persons, a.initiatives):
        for item in kind:
            for m in item.mentions:
                s = a.sentences[m.sentence]
                assert s.start <= m.start < m.end <= s.end, "mention outside its sentence"
    for f in a.figures:
        assert a.text[f.mention.start : f.mention.end] == f.surface, "figure surface offsets"
        assert f.quote.start <= f.mention.start and f.mention.end <= f.quote.end <= len(a.text), "figure quote"
        assert f.value.is_finite() and f.metric.strip(), "figure value or metric"


class Fuzzer:
    def __init__(self, targets: list[str], seconds: float, crashes: Path) -> None:
        self.targets, self.crashes = targets, crashes
        self.deadline = time.monotonic() + seconds
        self.started = time.monotonic()
        self.tried = 0
        self.found: dict[str, int] = {}
        self.slow = 0

    def __call__(self, data: bytes) -> None:
        from kg.errors import KgError

        if time.monotonic() > self.deadline:
            self.finish()
        self.tried += 1
        target = self.targets[data[0] % len(self.targets)] if data else self.targets[0]
        t = time.monotonic()
        try:
            _run_one(target, data[1:])
        except KgError:
            pass
        except Exception as e:  # a crash: save once per kind and place, keep going
            self._save("crash", target, data, e)
        took = time.monotonic() - t
        if took > SLOW:
            self.slow += 1
            self._save("slow", target, data, None, took)

    def _save(self, kind: str, target: str, data: bytes, e: Exception | None, took: float = 0.0) -> None:
        if e is not None:
            frames = [f for f in traceback.extract_tb(e.__traceback__) if "/kg/" in f.filename]
            where = f"{frames[-1].filename.rsplit('/kg/', 1)[-1]}:{frames[-1].lineno}" if frames else "?"
            signature = f"{type(e).__name__} at {where}"
        else:
            signature = f"slow {target} {len(data) // 1000} kB"
        first = signature not in self.found
        self.found[signature] = self.found.get(signature, 0) + 1
        if first:
            self.crashes.mkdir(parents=True, exist_ok=True)
            name = f"{kind}-{target}-{hashlib.sha1(data).hexdigest()[:12]}"
            (self.crashes / name).write_bytes(data)
            detail = "".join(traceback.format_exception(e)) if e else f"took {took:.1f} s\n"
            (self.crashes / f"{name}.txt").write_text(f"{signature}\n{detail}", encoding="utf-8")
            print(f"kg.fuzz: {signature} (saved {self.crashes / name})", file=sys.stderr, flush=True)

    def finish(self) -> None:
        seconds = time.monotonic() - self.started
        crashes = {k: v for k, v in self.found.items() if not k.startswith("slow")}
        print(
            f"kg.fuzz: {self.tried} inputs in {seconds:.0f} s ({self.tried / max(seconds, 1e-9):.0f}/s), "
            f"targets {','.join(self.targets)}: {len(crashes)} distinct crashes, {self.slow} slow inputs",
            file=sys.stderr, flush=True,
        )
        for signature, n in sorted(self.found.items()):
            print(f"kg.fuzz:   {n:>6}  {signature}", file=sys.stderr, flush=True)
        os._exit(1 if crashes else 0)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m kg.fuzz", description=__doc__.split("\n\n")[0])
    p.add_argument("--seconds", type=float, default=600, help="how long to run (default 600)")
    p.add_argument("--target", choices=TARGETS + ("all",), default="all")
    p.add_argument("--corpus", default=".fuzz/corpus", help="folder of inputs libFuzzer keeps and grows")
    p.add_argument("--crashes", default=".fuzz/crashes", help="where crashing and slow inputs are saved")
    p.add_argument("--max-len", type=int, default=16384, help="longest input libFuzzer makes (bytes)")
    args = p.parse_args(argv)
    try:
        import atheris
    except ImportError:
        sys.exit("kg.fuzz: atheris is not installed: pip install atheris (or pip install 'kg[fuzz]')")
    corpus = Path(args.corpus)
    corpus.mkdir(parents=True, exist_ok=True)
    if not any(corpus.iterdir()):
        for seed in _seeds():
            for i in range(len(TARGETS)):  # every seed under every target
                data = bytes([i]) + bytes([0]) + seed
                (corpus / hashlib.sha1(data).hexdigest()).write_bytes(data)
    with atheris.instrument_imports(include=["kg"]):
        import kg.corpus  # noqa: F401
        import kg.export  # noqa: F401
        import kg.graph  # noqa: F401
        import kg.ingest  # noqa: F401
        import kg.pipeline  # noqa: F401
    targets = list(TARGETS) if args.target == "all" else [args.target]
    fuzzer = Fuzzer(targets, args.seconds, Path(args.crashes))
    libfuzzer = [sys.argv[0], str(corpus), f"-max_len={args.max_len}", "-timeout=60", "-rss_limit_mb=4096"]
    atheris.Setup(libfuzzer, fuzzer)
    try:
        atheris.Fuzz()
    finally:
        fuzzer.finish()


if __name__ == "__main__":
    main()
