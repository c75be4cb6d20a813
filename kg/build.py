"""`kg build`: articles in; per-article Turtle and answer-key JSON, the merged graph and the view out.

Articles stream through one at a time (or through `jobs` worker processes), so memory stays
flat however large the corpus: each worker writes its article's files itself and hands back
the Turtle, which goes into an on-disk pyoxigraph store (kg.store) that becomes `graph.ttl`.

A bad article does not stop the batch (unless `strict`): it is reported in
`BuildResult.failed` and the good ones are built. Every file is written atomically, so an
interrupted build leaves no half file. A manifest of input hashes in the output folder lets
the next build skip unchanged articles; the merged graph is the same as a build from scratch.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg import __version__
from kg.corpus import Source, iter_sources
from kg.errors import ExportError, KgError
from kg.export import answer_key_json, turtle, write_text
from kg.progress import Progress

MANIFEST = "manifest.json"
RESERVED = {"graph", "manifest"}  # names of the run's own outputs
HTML_LIMIT = 400_000  # triples: above this graph.html is skipped (use `kg view` on a selection)


@dataclass(slots=True)  # one per article built: a long corpus keeps many
class Summary:
    name: str
    persons: int
    organizations: int
    initiatives: int
    figures: int

    def line(self) -> str:
        return (
            f"{self.name}: {self.persons} persons, {self.organizations} organizations, "
            f"{self.initiatives} initiatives, {self.figures} figures"
        )

    def counts(self) -> list[int]:
        return [self.persons, self.organizations, self.initiatives, self.figures]


@dataclass
class Outcome:
    """What a worker hands back for one source."""

    source: Source
    summary: Summary | None = None
    turtle: bytes | None = None
    error: KgError | None = None
    fingerprint: str = ""
    reused: bool = False


@dataclass
class BuildResult:
    built: list[Summary] = field(default_factory=list)
    failed: list[tuple[str, KgError]] = field(default_factory=list)
    reused: int = 0
    triples: int = 0
    notes: list[str] = field(default_factory=list)

    def total(self) -> Summary:
        return Summary(
            f"total ({len(self.built)} articles)", *(sum(s.counts()[i] for s in self.built) for i in range(4))
        )


def build_source(source: Source, output: Path) -> Outcome:
    """Extract one article and write NAME.ttl and NAME.json; runs in a worker process."""
    from kg.graph import article_triples
    from kg.pipeline import process

    fingerprint = source.fingerprint()
    try:
        article = process(source.read())
    except KgError as e:
        return Outcome(source, error=e, fingerprint=fingerprint)
    text = turtle(article_triples(article))
    write_text(output / f"{source.name}.ttl", text)
    write_text(output / f"{source.name}.json", answer_key_json(article))
    summary = Summary(
        source.name, len(article.persons), len(article.organizations), len(article.initiatives), len(article.figures)
    )
    return Outcome(source, summary, text.encode("utf-8"), fingerprint=fingerprint)


def build(
    paths: list[str | Path],
    output: str | Path,
    *,
    html: bool = True,
    into: str | Path | None = None,
    jobs: int = 1,
    store: str | None = None,
    strict: bool = False,
    incremental: bool = True,
    progress: bool = False,
    say: Callable[[str], None] | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    partition_size: int | None = None,
) -> BuildResult:
    """Build every article under `paths` into `output`.

    `executor="dask"` runs the extraction on the Dask cluster at `scheduler` (or on a local one
    of `jobs` processes), `partition_size` articles per task: see kg.distributed.

    Raises `KgError` when an input path does not exist or holds no article, and — with
    `strict` — at the first article that fails.
    """
    from kg.store import MergedGraph

    output = Path(output)
    total = sum(1 for _ in iter_sources(paths))  # checks every path before anything is written
    manifest = _read_manifest(output) if incremental else {}
    result = BuildResult()
    bar = Progress(total, enabled=progress)
    say = say or bar.write
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as e:  # a file of that name, a read-only place
        raise ExportError("E040", output, e.strerror or type(e).__name__) from e
    _sweep(output)
    merged = MergedGraph(output, store)
    outcomes = None
    try:
        if into:
            merged.add_file(into)
        sources = iter_sources(paths, RESERVED)  # clear of graph.ttl, manifest.json and of each other
        if executor == "dask":  # partition tasks on a cluster; their triples reach `merged` as N-Quads
            from kg.distributed import run_dask

            outcomes = run_dask(sources, output, manifest, merged, scheduler=scheduler, workers=jobs, partition_size=partition_size)
        elif executor == "local":
            outcomes = _run(sources, output, jobs, manifest)
        else:
            raise ValueError(f"executor must be 'local' or 'dask', not {executor!r}")
        for outcome in outcomes:
            bar.tick()
            if outcome.error is not None:
                if strict:
                    raise outcome.error
                result.failed.append((outcome.source.origin, outcome.error))
                continue
            if outcome.turtle is not None:  # None: already merged with its Dask partition
                merged.add_turtle(outcome.turtle)
            manifest[outcome.source.name] = {
                "input": outcome.fingerprint,
                "origin": outcome.source.origin,
                "counts": outcome.summary.counts(),
                "kg": __version__,
            }
            result.built.append(outcome.summary)
            result.reused += outcome.reused
            say(outcome.summary.line())
        bar.close()
        if result.built:
            slow = merged.on_disk  # minutes for 100,000 articles: say what is going on
            if slow:
                bar.stage(f"repairing labels and writing {output / 'graph.ttl'}")
            merged.repair()
            merged.dump(output / "graph.ttl")
            if slow and store:
                bar.stage(f"compacting {store}")
            merged.compact()
            result.triples = len(merged)
            if html and result.triples <= HTML_LIMIT:
                from kg.view import render_html

                render_html(merged.rdflib_graph(), output / "graph.html", title="kg: " + ", ".join(map(str, paths)))
            elif html:
                result.notes.append(
                    f"graph.html not written: {result.triples} triples is more than a browser can show "
                    f"(limit {HTML_LIMIT}); use kg view on part of the graph"
                )
            if incremental:
                write_text(output / MANIFEST, json.dumps({"kg": __version__, "articles": manifest}, ensure_ascii=False, indent=0) + "\n")
            say(result.total().line())
    except KeyboardInterrupt:
        _sweep(output)  # Ctrl-C can land between creating a *.part file and knowing its name
        raise
    finally:
        if outcomes is not None:
            outcomes.close()  # a run cut short (--strict, an error, ^C) stops its workers now
        bar.close()
        merged.close()
    return result


def _sweep(output: Path) -> None:
    """Remove what a killed run (SIGKILL, a power cut) can leave: hidden *.part files of writes
    it did not finish and its temporary store. Outputs themselves are never half written."""
    import shutil

    if output.is_dir():
        for part in output.glob(".*.part"):
            part.unlink(missing_ok=True)
        for folder in output.glob(".kg-store-*"):
            shutil.rmtree(folder, ignore_errors=True)


def _reuse(source: Source, output: Path, manifest: dict) -> Outcome | None:
    """The outcome of an earlier build of this very input, when its files are still there."""
    entry = manifest.get(source.name)
    path = output / f"{source.name}.ttl"
    if not entry or entry.get("kg") != __version__ or not path.exists() or not (output / f"{source.name}.json").exists():
        return None
    fingerprint = source.fingerprint()
    if entry.get("input") != fingerprint:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return Outcome(source, Summary(source.name, *entry["counts"]), data, fingerprint=fingerprint, reused=True)


def build_chunk(sources: list[Source], output: Path) -> list[Outcome]:
    """`build_source` for a few sources in one task; the texts do not travel back."""
    outcomes = [build_source(s, output) for s in sources]
    for o in outcomes:
        o.source = None
    return outcomes


CHUNK = 4  # articles a task: fewer messages between processes, still a short wait for the first


def _run(sources: Iterator[Source], output: Path, jobs: int, manifest: dict) -> Iterator[Outcome]:
    """Outcomes in input order; with jobs > 1 a bounded number of articles are in flight at once."""
    if jobs <= 1:
        for s in sources:
            yield _reuse(s, output, manifest) or build_source(s, output)
        return
    import multiprocessing

    if _START == "fork":  # load the tables and patterns once, here, for every worker to inherit
        from kg.graph import article_triples
        from kg.pipeline import extract_text

        article_triples(extract_text("国家统计局新闻发言人付凌晖表示,7月份工业增加值同比增长3.8%。"))
    with multiprocessing.get_context(_START).Pool(jobs) as pool:
        window: deque = deque()  # (sources, their reused outcomes or the pending task building them)
        chunk: list[Source] = []
        for s in sources:
            reused = _reuse(s, output, manifest)
            if reused:  # keeps its place in the order: the chunk so far goes first
                if chunk:
                    window.append((chunk, pool.apply_async(build_chunk, (chunk, output))))
                    chunk = []
                window.append(([s], [reused]))
            else:
                chunk.append(s)
                if len(chunk) == CHUNK:
                    window.append((chunk, pool.apply_async(build_chunk, (chunk, output))))
                    chunk = []
            while len(window) >= 4 * jobs:
                yield from _get(*window.popleft())
        if chunk:
            window.append((chunk, pool.apply_async(build_chunk, (chunk, output))))
        while window:
            yield from _get(*window.popleft())


# Workers start by fork where the platform has it: they inherit the loaded tables and compiled
# patterns instead of importing kg again (spawn costs each worker about a second).
_START = "fork" if "fork" in __import__("multiprocessing").get_all_start_methods() else "spawn"


def _get(sources: list[Source], pending) -> list[Outcome]:
    outcomes = pending if isinstance(pending, list) else pending.get()
    for source, outcome in zip(sources, outcomes):
        outcome.source = source
    return outcomes


def _read_manifest(output: Path) -> dict:
    try:
        data = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
        return dict(data.get("articles", {})) if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}
