"""Benchmark, run by hand (not by the tests): `python -m kg.bench [CORPUS] [options]`.

Times, side by side in one run, over the same texts:
  jieba posseg   `list(jieba.posseg.cut(text))` over every text, one core, dictionary load excluded
  kg build       `python -m kg.cli build CORPUS -o TMP -q --no-html --force` (extraction, graph,
                 per-article Turtle and JSON, graph.ttl), in a subprocess, wall time
  kg build -j 2  the same with two worker processes
and prints characters/s, articles/s, peak memory and the ratios as a Markdown table, with the machine.

    python -m kg.bench                                 # ../shared/bench/cnews-1000.tsv
    python -m kg.bench --dev ../shared/corpus/dev      # the dev set too
    python -m kg.bench --repeat 10                     # peak memory at 1,000 and at 10,000 articles
    python -m kg.bench --store-queries 100000          # competency queries over a store of 100,000 articles

Repeated corpora are written to a temporary .tsv whose copies of a line differ by a prefix, so every
article has its own id, text and document IRI. Peak memory is the largest resident set of any one
process (getrusage of the build and its workers); with psutil installed the summed resident set of
the whole process tree, sampled every 0.1 s, is shown too. jieba and psutil are the `bench` extra.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CORPUS = "../shared/bench/cnews-1000.tsv"


@dataclass
class Run:
    label: str
    articles: int
    chars: int
    seconds: float
    peak_mb: float  # largest single process
    tree_mb: float | None = None  # whole process tree, sampled

    @property
    def chars_per_s(self) -> float:
        return self.chars / self.seconds

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    def row(self) -> str:
        tree = f"{self.tree_mb:,.0f}" if self.tree_mb is not None else "–"
        return (
            f"| {self.label} | {self.articles:,} | {self.chars:,} | {self.seconds:,.1f} | "
            f"{self.chars_per_s:,.0f} | {self.articles_per_s:,.1f} | {self.peak_mb:,.0f} | {tree} |"
        )


HEADER = (
    "| run | articles | characters | seconds | characters/s | articles/s | peak RSS, one process (MB) "
    "| peak RSS, all processes (MB) |\n|---|---:|---:|---:|---:|---:|---:|---:|"
)


# -- the texts ----------------------------------------------------------------------------------


def texts_of(path: Path) -> Iterator[str]:
    """The article texts kg build reads from `path`: corpus lines (last tab column) or .txt files."""
    if path.is_dir():
        yield from (f.read_text(encoding="utf-8") for f in sorted(path.glob("*.txt")))
        return
    with path.open(encoding="utf-8-sig") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            if path.suffix.lower() == ".jsonl":
                item = json.loads(line)
                yield item.get("text", "") if isinstance(item, dict) else ""
            else:
                yield line.split("\t")[-1]


def repeat_corpus(path: Path, times: int, folder: Path, limit: int | None = None) -> Path:
    """A .tsv of `times` copies of the corpus (at most `limit` lines); copy k prefixes each text with `[rk] `."""
    out = folder / f"{path.stem}-x{times}.tsv"
    lines = [line.rstrip("\r\n") for line in path.open(encoding="utf-8-sig") if line.strip()]
    written = 0
    with out.open("w", encoding="utf-8") as f:
        for k in range(times):
            for line in lines:
                if limit is not None and written >= limit:
                    return out
                head, _, text = line.rpartition("\t")
                prefix = f"[r{k}] " if k else ""
                f.write(f"{head}\t{prefix}{text}\n" if head else f"{prefix}{text}\n")
                written += 1
    return out


def count(path: Path) -> tuple[int, int]:
    """Articles and characters."""
    articles = chars = 0
    for text in texts_of(path):
        articles, chars = articles + 1, chars + len(text)
    return articles, chars


# -- measuring a subprocess ---------------------------------------------------------------------


def measure(cmd: list[str], *, quiet: bool = True) -> tuple[float, float, float | None, int]:
    """Run `cmd`; (wall seconds, peak RSS MB of its largest process, summed tree RSS MB or None, exit code)."""
    try:
        import psutil
    except ImportError:
        psutil = None
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL if quiet else sys.stderr)
    tree_peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        try:
            root = psutil.Process(proc.pid)
            while not done.is_set():
                try:
                    procs = [root] + root.children(recursive=True)
                    tree_peak[0] = max(tree_peak[0], sum(_rss(p) for p in procs))
                except psutil.Error:
                    pass
                done.wait(0.1)
        except psutil.Error:
            pass

    sampler = threading.Thread(target=sample, daemon=True) if psutil else None
    if sampler:
        sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)  # rusage of this child and the workers it waited for
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    if sampler:
        sampler.join()
    tree = tree_peak[0] / 2**20 if psutil else None
    return seconds, usage.ru_maxrss / 1024, tree, proc.returncode


def _rss(p) -> int:
    try:
        return p.memory_info().rss
    except Exception:
        return 0


def kg_build(corpus: Path, jobs: int, label: str, *, store: str | None = None, progress: bool = False) -> Run:
    out = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        cmd = [sys.executable, "-m", "kg.cli", "build", str(corpus), "-o", str(out), "--no-html", "--force"]
        cmd += ["-q"] if not progress else []
        cmd += ["--jobs", str(jobs)] if jobs > 1 else []
        cmd += ["--store", store] if store else []
        seconds, peak, tree, code = measure(cmd)
        if code != 0:
            print(f"kg.bench: `{' '.join(cmd)}` exited {code} (articles that failed are still timed)", file=sys.stderr)
        articles, chars = count(corpus)
        return Run(label, articles, chars, seconds, peak, tree)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def jieba_posseg(corpus: Path, label: str) -> Run | None:
    """jieba's posseg pass in a subprocess of its own (so its memory is its own)."""
    cmd = [sys.executable, "-m", "kg.bench", "--jieba-worker", str(corpus)]
    out = tempfile.NamedTemporaryFile(prefix="kg-bench-", suffix=".json", delete=False)
    out.close()
    try:
        _, peak, tree, code = measure(cmd + ["--worker-output", out.name])
        if code != 0:
            print("kg.bench: jieba is not installed (pip install 'kg[bench]'); skipping its row", file=sys.stderr)
            return None
        result = json.loads(Path(out.name).read_text())
    finally:
        os.unlink(out.name)
    return Run(label, result["articles"], result["chars"], result["seconds"], peak, tree)


def _jieba_worker(corpus: Path, output: Path) -> int:
    try:
        import jieba
        import jieba.posseg
    except ImportError:
        return 3
    import logging

    jieba.setLogLevel(logging.WARNING)
    texts = list(texts_of(corpus))
    jieba.initialize()
    list(jieba.posseg.cut("预热"))  # posseg loads its own tables on first use: not timed either
    start = time.perf_counter()
    for text in texts:
        list(jieba.posseg.cut(text))
    seconds = time.perf_counter() - start
    output.write_text(json.dumps({"articles": len(texts), "chars": sum(map(len, texts)), "seconds": seconds}))
    return 0


# -- store queries ------------------------------------------------------------------------------


def store_queries(corpus: Path, articles: int, jobs: int, folder: Path) -> tuple[Run, list[tuple], int]:
    """Build a store of `articles` articles, then time each competency query on it natively."""
    from kg.query import _optionals_last, competency_queries, read_query, run_store_query
    from kg.store import open_store

    n_lines = count(corpus)[0]
    big = repeat_corpus(corpus, -(-articles // n_lines), folder, limit=articles)
    spec = f"oxigraph:{folder / 'store'}"
    print(f"kg.bench: building a store of {articles:,} articles with {jobs} job(s); progress below", file=sys.stderr)
    run = kg_build(big, jobs, f"kg build -j {jobs}, store of {articles:,}", store=spec, progress=True)
    store = open_store(spec, read_only=True)
    triples = len(store)
    timings = []
    for name, path in competency_queries().items():
        text = read_query(path)
        start = time.perf_counter()
        outcome = run_store_query(store, text, path)
        first = time.perf_counter() - start
        best = first
        for _ in range(2 if first < 5 else 0):
            start = time.perf_counter()
            run_store_query(store, text, path)
            best = min(best, time.perf_counter() - start)
        start = time.perf_counter()
        list(store.query(_optionals_last(text)))  # oxigraph alone: no check, no rdflib terms
        alone = time.perf_counter() - start
        timings.append((name, len(outcome.rows), first, best, alone))
        print(f"kg.bench: {name}: {len(outcome.rows):,} rows, {first:.3f} s (best {best:.3f} s, "
              f"oxigraph alone {alone:.3f} s)", file=sys.stderr)
    return run, timings, triples


# -- the report ---------------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        memory = f", {kb / 2**20:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = f", load average {os.getloadavg()[0]:.2f} at the end"
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; Python {platform.python_version()} on "
        f"{platform.system()} {platform.release()}{load}"
    )


def ratio(a: Run | None, b: Run | None) -> str:
    return f"{a.chars_per_s / b.chars_per_s:.2f}" if a and b else "–"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m kg.bench", description=__doc__.split("\n\n")[1],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS, help=f"a .tsv/.jsonl corpus (default {DEFAULT_CORPUS})")
    p.add_argument("--dev", metavar="DIR", help="also time the dev set (a folder of .txt articles)")
    p.add_argument("--jobs", type=int, default=2, help="worker processes for the parallel run (default 2)")
    p.add_argument("--repeat", type=int, metavar="N", help="also build N copies of the corpus (distinct ids and texts) "
                   "with one job, to compare peak memory")
    p.add_argument("--store-queries", type=int, metavar="N", help="build a store of N articles and time the competency "
                   "queries over it (slow: minutes per 10,000 articles)")
    p.add_argument("--no-jieba", action="store_true", help="skip jieba")
    p.add_argument("--no-speed", action="store_true", help="skip the side-by-side runs (with --repeat or --store-queries)")
    p.add_argument("--jieba-worker", metavar="CORPUS", help=argparse.SUPPRESS)
    p.add_argument("--worker-output", metavar="JSON", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.jieba_worker:
        return _jieba_worker(Path(args.jieba_worker), Path(args.worker_output))

    corpus = Path(args.corpus)
    if not corpus.exists():
        p.error(f"{corpus}: no such corpus")
    if (args.repeat or args.store_queries) and corpus.suffix.lower() != ".tsv":
        p.error("--repeat and --store-queries repeat a .tsv corpus")
    runs: list[Run] = []
    ratios: list[str] = []
    memory: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        sets = [(corpus, corpus.stem)] + ([(Path(args.dev), "dev set")] if args.dev else [])
        sets = [] if args.no_speed else sets
        for path, name in sets:
            jb = None if args.no_jieba else jieba_posseg(path, f"jieba posseg, {name}")
            one = kg_build(path, 1, f"kg build, 1 job, {name}")
            two = kg_build(path, args.jobs, f"kg build, {args.jobs} jobs, {name}")
            runs += [r for r in (jb, one, two) if r]
            for r in (jb, one, two):
                if r:
                    print(f"kg.bench: {r.label}: {r.seconds:.1f} s, {r.chars_per_s:,.0f} chars/s", file=sys.stderr)
            ratios.append(f"| {name} | {ratio(one, jb)} | {ratio(two, one)} |")
            if path == corpus:
                memory.append(one)
        if args.repeat and args.repeat > 1:
            if not memory:
                memory.append(kg_build(corpus, 1, f"kg build, 1 job, {corpus.stem}"))
            big = repeat_corpus(corpus, args.repeat, Path(tmp))
            run = kg_build(big, 1, f"kg build, 1 job, {corpus.stem} ×{args.repeat}")
            print(f"kg.bench: {run.label}: {run.seconds:.1f} s, peak {run.peak_mb:.0f} MB", file=sys.stderr)
            runs.append(run)
            memory.append(run)
            big.unlink()
        queries = None
        if args.store_queries:
            queries = store_queries(corpus, args.store_queries, args.jobs, Path(tmp))

    print(f"Measured on {machine()}.\n")
    if runs:
        print(HEADER)
        for r in runs:
            print(r.row())
    if ratios:
        print("\n| corpus | kg build 1 job ÷ jieba posseg (characters/s) | kg build "
              f"{args.jobs} jobs ÷ 1 job |\n|---|---:|---:|")
        print("\n".join(ratios))
    if len(memory) > 1:
        print("\n| articles | peak RSS, one process (MB) | peak RSS, all processes (MB) |\n|---:|---:|---:|")
        for r in memory:
            tree = f"{r.tree_mb:,.0f}" if r.tree_mb is not None else "–"
            print(f"| {r.articles:,} | {r.peak_mb:,.0f} | {tree} |")
    if queries:
        run, timings, triples = queries
        print(f"\nStore of {run.articles:,} articles ({triples:,} triples), built with {args.jobs} jobs in "
              f"{run.seconds / 60:,.1f} min ({run.articles_per_s:,.1f} articles/s, peak {run.peak_mb:,.0f} MB "
              "in one process). Competency queries run natively by pyoxigraph through `kg.query.run_store_query` "
              "(results converted to rdflib terms):\n")
        print("| query | rows | first run (s) | best of 3 (s) | oxigraph alone (s) |\n|---|---:|---:|---:|---:|")
        for name, rows, first, best, alone in timings:
            print(f"| {name} | {rows:,} | {first:.3f} | {best:.3f} | {alone:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
