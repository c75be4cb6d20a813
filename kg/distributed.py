"""`kg build --executor dask`: extraction on a Dask distributed cluster.

Sources are cut into partitions (200 articles by default), one task each, and sent to the
cluster lazily: at most two partitions per worker thread are in flight, so the client's memory
stays flat however long the corpus. A partition task runs `kg.build.build_source` on each of its
articles (or reuses an unchanged article's files, as the local build does), which writes
NAME.ttl and NAME.json into the output folder; it writes the partition's triples as one N-Quads
file, `partition-NNNNN.nq`, in a temporary folder inside the output folder, and hands back only a
small summary: names, counts, fingerprints and errors as (kind, code, path, detail). The client
loads each partition's N-Quads into the merged graph (kg.store), deletes the file, and the build
goes on as a local one (repair, graph.ttl, graph.html, manifest). The results are the same
bytes as a local build of the same input.

The workers write into the output folder, so on a cluster of several machines the output folder
must be on a filesystem that every worker mounts at the same path (NFS, CephFS, Lustre, ...);
so must input files given by path, or else give a .tsv/.jsonl corpus, whose texts travel to the
workers inside the tasks. Writing beside the articles keeps the client's traffic to summaries
and the partition files out of the scheduler's memory; each task first checks that it sees the
temporary folder the client made, so a worker that does not share the folder fails the build at
once with a clear error instead of scattering files over its own disk. Every file is written
atomically and a partition task can run twice without harm, so a worker lost mid-task (Dask
runs the task again elsewhere) leaves no half file. Workers need the same kg version as the
client; a task on a worker with another one fails the build.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import time
from collections import deque
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from kg import __version__, errors
from kg.build import Outcome, Summary, _reuse, build_source
from kg.corpus import Source
from kg.errors import ExportError, KgError

PARTITION_SIZE = 200  # articles per task
IN_FLIGHT = 2  # partitions per worker thread submitted ahead
WORKER_WAIT = 60  # seconds to wait for a first worker to join the scheduler
DRAIN_WAIT = 120  # seconds to wait for the partitions in flight when a build stops early
_SCRATCH = ".kg-partitions-"


@dataclass
class PartitionResult:
    """What a partition task hands back: no texts, no triples, only where they are."""

    index: int
    nquads: str  # path of partition-NNNNN.nq
    # per source, in order: (name, counts or None, fingerprint, reused, error as (kind, code, path, detail) or None)
    articles: list[tuple]


def build_partition(
    sources: list[Source], output: str, scratch: str, index: int, manifest: dict, cwd: str, version: str
) -> PartitionResult:
    """Build a partition's articles on a worker; write their triples to `scratch`/partition-NNNNN.nq."""
    if version != __version__:
        host = socket.gethostname()
        raise KgError("E050", None, f"the worker on {host} runs kg {__version__}, the client kg {version}")
    folder = Path(scratch)
    if not folder.is_dir():
        raise ExportError(
            "E040", output, f"the worker on {socket.gethostname()} does not see this folder: on a cluster of "
            "several machines the output folder must be on a filesystem shared by every worker, at the same path",
        )
    if os.getcwd() != cwd and os.path.isdir(cwd):
        os.chdir(cwd)  # relative input paths name the same files as on the client; every task of a build agrees
    out = Path(output)
    path = folder / f"partition-{index:05d}.nq"
    tmp = folder / f".{path.name}.{os.getpid()}.part"
    articles = []
    try:
        with open(tmp, "wb") as f:  # no mkdir: once the client has gone, its folder stays gone
            for source in sources:
                outcome = _reuse(source, out, manifest) or build_source(source, out)
                if (e := outcome.error) is not None:
                    error = (type(e).__name__, e.code, e.path, e.detail)
                    articles.append((source.name, None, outcome.fingerprint, False, error))
                    continue
                f.write(ox.serialize(ox.parse(outcome.turtle, format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_QUADS))
                articles.append((source.name, outcome.summary.counts(), outcome.fingerprint, outcome.reused, None))
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return PartitionResult(index, str(path), articles)


def run_dask(
    sources: Iterator[Source],
    output: Path,
    manifest: dict,
    merged,
    *,
    scheduler: str | None = None,
    workers: int = 1,
    partition_size: int | None = None,
) -> Iterator[Outcome]:
    """Outcomes in input order, built on the cluster at `scheduler` (or a local one of `workers` processes).

    Each partition's triples are loaded into `merged` (a kg.store.MergedGraph) before its
    outcomes are yielded; those outcomes carry no Turtle.
    """
    size = partition_size or PARTITION_SIZE
    if size < 1:
        raise ValueError(f"partition size must be at least 1, got {size}")
    output = Path(output).resolve()
    with _client(scheduler, workers) as client:
        scratch = Path(tempfile.mkdtemp(prefix=_SCRATCH, dir=output))
        window: deque = deque()
        try:
            for index, part in enumerate(_chunks(sources, size)):
                entries = {s.name: manifest[s.name] for s in part if s.name in manifest}
                future = client.submit(
                    build_partition, part, str(output), str(scratch), index, entries, os.getcwd(), __version__,
                    key=f"kg-partition-{scratch.name[len(_SCRATCH):]}-{index:05d}",
                )
                window.append((part, future))
                while len(window) >= IN_FLIGHT * max(1, sum(client.nthreads().values())):
                    yield from _collect(*window.popleft(), merged)
            while window:
                yield from _collect(*window.popleft(), merged)
        finally:
            if window:  # cut short (--strict, an error, ^C): no task may write into the folder once it is gone
                _drain(client, [future for _, future in window])
            shutil.rmtree(scratch, ignore_errors=True)


def _collect(part: list[Source], future, merged) -> Iterator[Outcome]:
    result: PartitionResult = future.result()
    merged.add_nquads(result.nquads)
    Path(result.nquads).unlink(missing_ok=True)
    for source, (name, counts, fingerprint, reused, error) in zip(part, result.articles, strict=True):
        assert name == source.name, (name, source.name)
        if error is not None:
            kind, code, path, detail = error
            yield Outcome(source, error=getattr(errors, kind, KgError)(code, path, detail), fingerprint=fingerprint)
        else:
            yield Outcome(source, Summary(name, *counts), fingerprint=fingerprint, reused=reused)


def _drain(client, futures: list) -> None:
    """Let the partitions in flight finish (a running task cannot be stopped); a second ^C gives up waiting."""
    deadline = time.monotonic() + DRAIN_WAIT
    try:
        for future in futures:
            try:
                future.result(timeout=max(0.0, deadline - time.monotonic()))
            except Exception:  # its error, or the deadline: nothing more to learn from it here
                pass
    except KeyboardInterrupt:
        pass
    client.cancel(futures)


def _chunks(sources: Iterator[Source], size: int) -> Iterator[list[Source]]:
    sources = iter(sources)
    while part := list(islice(sources, size)):
        yield part


@contextmanager
def _client(scheduler: str | None, workers: int):
    """A client of the cluster at `scheduler`, or of a local cluster (127.0.0.1, one thread per worker process)."""
    where = scheduler or "local Dask cluster"
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise KgError("E050", where, "dask is not installed: pip install 'kg[dask]'") from e
    with ExitStack() as stack:
        try:
            if scheduler:
                client = stack.enter_context(Client(scheduler, set_as_default=False))
            else:
                local = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True,
                    host="127.0.0.1", dashboard_address="127.0.0.1:0",  # nothing listens beyond this machine
                )
                cluster = stack.enter_context(local)
                client = stack.enter_context(Client(cluster, set_as_default=False))
            client.wait_for_workers(1, timeout=WORKER_WAIT)
        except (OSError, TimeoutError, ValueError) as e:
            raise KgError("E050", where, str(e).splitlines()[0] if str(e) else type(e).__name__) from e
        yield client
