"""A throw-away Virtuoso for the endpoint tests: Debian's `virtuoso-opensource`, on 127.0.0.1 only.

The server gets a fresh database in a temporary folder, an HTTP port and a SQL port that were
free a moment before, and runs in the foreground as our child, so it is stopped by its own PID
(SIGTERM, then SIGKILL if it lingers). A fresh database has the user dba with password dba, who
may write through the Graph Store endpoint /sparql-graph-crud-auth with HTTP Digest only.
`ResultSetMaxRows` stays at Virtuoso's 10,000 so the paging is tested against the real cap.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

VIRTUOSO = os.environ.get("KG_VIRTUOSO", "/usr/bin/virtuoso-t")
INSTALL_HINT = "apt-get install -y virtuoso-opensource"
START_SECONDS = 90
MAX_ROWS = 10_000

INI = """\
[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {db}/virtuoso-temp.db
TransactionFile    = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:{sql_port}
DisableUnixSocket        = 1
MaxClientConnections     = 10
CheckpointInterval       = 60
O_DIRECT                 = 0
CaseMode                 = 2
AllowOSCalls             = 0
DirsAllowed              = {db}
NumberOfBuffers          = 10000
MaxDirtyBuffers          = 6000
MaxQueryMem              = 256M
ThreadsPerQuery          = 2

[HTTPServer]
ServerPort               = 127.0.0.1:{http_port}
ServerRoot               = {db}
MaxClientConnections     = 10
ServerThreads            = 10
EnabledDavVSP            = 0
HTTPProxyEnabled         = 0
Charset                  = UTF-8
EnabledGzipContent       = 0

[SPARQL]
ResultSetMaxRows           = {max_rows}
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = 60
"""


@dataclass
class Virtuoso:
    url: str  # http://127.0.0.1:PORT
    pid: int
    folder: Path
    user: str = "dba"
    password: str = "dba"

    @property
    def sparql(self) -> str:
        return f"{self.url}/sparql"

    @property
    def graph_store(self) -> str:
        return f"{self.url}/sparql-graph-crud-auth"


def missing() -> str | None:
    """Why Virtuoso cannot run here, or None when it can."""
    if not (os.path.isfile(VIRTUOSO) and os.access(VIRTUOSO, os.X_OK)):
        return f"Virtuoso not found at {VIRTUOSO}; install with: {INSTALL_HINT}"
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_virtuoso(folder: Path):
    """Start Virtuoso with its database in `folder`; yield a `Virtuoso` once /sparql answers; stop it."""
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(db=folder, sql_port=sql_port, http_port=http_port, max_rows=MAX_ROWS), encoding="utf-8")
    log = open(folder / "stdout.log", "wb")
    proc = subprocess.Popen(
        [VIRTUOSO, "+foreground", "+configfile", str(ini)], cwd=folder, stdout=log, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    try:
        server = Virtuoso(f"http://127.0.0.1:{http_port}", proc.pid, folder)
        _wait_until_up(server, proc)
        yield server
    finally:
        _stop(proc)
        log.close()


def _wait_until_up(server: Virtuoso, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_SECONDS
    probe = f"{server.sparql}?query=ASK%7B%7D"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"Virtuoso exited with {proc.returncode}:\n{_log_tail(server.folder)}")
        try:
            with opener.open(probe, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    raise RuntimeError(f"Virtuoso did not answer within {START_SECONDS} s:\n{_log_tail(server.folder)}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    os.kill(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def _log_tail(folder: Path, lines: int = 30) -> str:
    text = ""
    for name in ("virtuoso.log", "stdout.log"):
        path = folder / name
        if path.exists():
            text += path.read_text(encoding="utf-8", errors="replace")
    return "\n".join(text.splitlines()[-lines:])


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """A running Virtuoso for the whole session (skips, saying how to install it, when it is missing)."""
    reason = missing()
    if reason:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("virtuoso")
    with running_virtuoso(folder) as server:
        yield server
    shutil.rmtree(folder, ignore_errors=True)
