"""`kg build --executor dask`: the same files as a local build, built in partitions on a local Dask cluster."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg import __version__
from kg.build import build
from kg.cli import main
from kg.errors import InputError, KgError

distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes of one thread on 127.0.0.1, as `dask-scheduler` and two `dask-worker`s would be."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as cluster, distributed.Client(cluster, set_as_default=False) as client:
        yield cluster.scheduler_address, client


@pytest.fixture
def corpus(tmp_path, dev_dir) -> Path:
    """The 14 dev articles and one empty file: 15 sources."""
    src = tmp_path / "in"
    src.mkdir()
    for txt in sorted(dev_dir.glob("*.txt")):
        shutil.copy(txt, src / txt.name)
    (src / "empty.txt").write_bytes(b"")
    return src


def files(folder: Path) -> dict[str, bytes]:
    """Every file of a build, hidden ones too (a left-over temporary folder shows as a difference)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def failures(result) -> list[tuple[str, str, str, str]]:
    return [(origin, type(e).__name__, e.code, str(e)) for origin, e in result.failed]


def partition_keys(stream) -> set[str]:
    return {str(t["key"]) for t in stream.data if "kg-partition-" in str(t["key"])}


def test_dask_build_is_the_local_build_in_partitions(tmp_path, corpus, cluster):
    address, client = cluster
    local = build([corpus], tmp_path / "local", html=False)
    with distributed.get_task_stream(client) as stream:
        dask = build([corpus], tmp_path / "dask", html=False, executor="dask", scheduler=address, partition_size=5)
    assert len(partition_keys(stream)) == 3  # 15 sources, 5 a task
    assert [s.line() for s in dask.built] == [s.line() for s in local.built] and len(dask.built) == 14
    empty = str(corpus / "empty.txt")
    assert failures(dask) == failures(local) == [(empty, "InputError", "E002", f"{empty}: is empty")]
    assert (tmp_path / "dask" / "graph.ttl").read_bytes() == (tmp_path / "local" / "graph.ttl").read_bytes()
    assert files(tmp_path / "dask") == files(tmp_path / "local")  # per-article files and manifest; nothing left over
    assert dask.triples == local.triples > 0


def test_dask_incremental_rebuild(tmp_path, corpus, cluster):
    address, _ = cluster
    out = tmp_path / "out"
    build([corpus], out, html=False, executor="dask", scheduler=address, partition_size=4)
    first = (out / "graph.ttl").read_bytes()
    again = build([corpus], out, html=False, executor="dask", scheduler=address, partition_size=4)
    assert again.reused == 14 and (out / "graph.ttl").read_bytes() == first
    seed = corpus / "seed-miit-2025-review.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("张云明", "李明华"), encoding="utf-8")
    changed = build([corpus], out, html=False, executor="dask", scheduler=address, partition_size=4)
    assert changed.reused == 13
    build([corpus], tmp_path / "scratch", html=False, incremental=False)
    assert (out / "graph.ttl").read_bytes() == (tmp_path / "scratch" / "graph.ttl").read_bytes()


def test_dask_strict_stops_at_the_failure(tmp_path, corpus, cluster):
    address, _ = cluster
    with pytest.raises(InputError) as e:
        build([corpus], tmp_path / "out", html=False, strict=True, executor="dask", scheduler=address, partition_size=5)
    assert e.value.code == "E002"
    assert not (tmp_path / "out" / "graph.ttl").exists()
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]


def test_cli_with_scheduler_address(tmp_path, corpus, cluster, capsys):
    address, client = cluster
    assert main(["build", str(corpus), "-o", str(tmp_path / "local"), "--no-html", "-q"]) == 1
    _, local_err = capsys.readouterr()
    with distributed.get_task_stream(client) as stream:
        code = main([
            "build", str(corpus), "-o", str(tmp_path / "dask"), "--no-html", "-q",
            "--executor", "dask", "--scheduler", address, "--partition-size", "4",
        ])
    out, err = capsys.readouterr()
    assert code == 1 and out == "" and err == local_err == f"kg: error: {corpus / 'empty.txt'}: is empty\n"
    assert len(partition_keys(stream)) == 4
    assert files(tmp_path / "dask") == files(tmp_path / "local")


def test_local_cluster_when_no_scheduler_is_given(tmp_path, corpus):
    keep = {"seed-miit-2025-review.txt", "nbs-2022-07-economy-data.txt", "empty.txt"}
    for p in corpus.iterdir():
        if p.name not in keep:
            p.unlink()
    local = build([corpus], tmp_path / "local", html=False)
    dask = build([corpus], tmp_path / "dask", html=False, executor="dask", jobs=2, partition_size=1)
    assert failures(dask) == failures(local)
    assert files(tmp_path / "dask") == files(tmp_path / "local")


def test_sources_go_to_the_cluster_lazily(tmp_path, corpus, cluster):
    """At most two partitions per worker thread are in flight: the client never holds the whole corpus."""
    from kg.corpus import iter_sources
    from kg.distributed import IN_FLIGHT, run_dask
    from kg.store import MergedGraph

    address, _ = cluster
    pulled = []

    def counted():
        for s in iter_sources([corpus]):
            pulled.append(s.name)
            yield s

    merged = MergedGraph(tmp_path / "out")
    try:
        outcomes = run_dask(counted(), tmp_path / "out", {}, merged, scheduler=address, partition_size=1)
        first = next(outcomes)
        assert first.source.name == pulled[0]
        assert len(pulled) == IN_FLIGHT * 2 < 15  # two workers of one thread
        assert len([first, *outcomes]) == 15
    finally:
        merged.close()


@pytest.mark.parametrize(
    "argv,detail",
    [
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler goes with --executor dask"),
        (["--executor", "dask", "--scheduler", "tcp://127.0.0.1:1"], ""),  # nothing listens there; dask says why
    ],
)
def test_cli_cluster_errors(tmp_path, corpus, capsys, argv, detail):
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        code = main(["build", str(corpus), "-o", str(tmp_path / "out"), "-q", *argv])
    _, err = capsys.readouterr()
    assert code == 1 and err.startswith("kg: error: tcp://127.0.0.1:1: cannot use the Dask cluster: ") and detail in err
    assert not [p for p in (tmp_path / "out").glob("*") if p.suffix in (".ttl", ".json")]


@pytest.mark.parametrize(
    "scratch,version,code",
    [
        ("missing", __version__, "E040"),  # a worker that does not share the output folder
        ("present", "0.0.0-other", "E050"),  # a worker with another kg
    ],
)
def test_partition_task_refuses_a_worker_it_cannot_trust(tmp_path, scratch, version, code):
    from kg.corpus import iter_sources
    from kg.distributed import build_partition
    from conftest import SAMPLE

    (tmp_path / "present").mkdir()
    with pytest.raises(KgError) as e:
        sources = list(iter_sources([SAMPLE]))
        build_partition(sources, str(tmp_path), str(tmp_path / scratch), 0, {}, str(tmp_path), version)
    assert e.value.code == code
    assert sorted(p.name for p in tmp_path.iterdir()) == ["present"]  # nothing written
