"""A real ``cikg serve`` process on 127.0.0.1 over the demo graph."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import _free_port

#: Limits of the test server: small enough to reach from the demo graph.
TIMEOUT = 2.0
MAX_ROWS = 6000
MAX_QUERY_BYTES = 64 * 1024


@dataclass
class Server:
    """A running server: its base URL, port, process and log file."""

    url: str
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def endpoint(self) -> str:
        return f"{self.url}/sparql"

    def alive(self) -> bool:
        return self.process.poll() is None


def run_catalog(kg, name: str, params: dict[str, str] | None = None):
    """Run a catalog query as the server does (the catalog's runner resolves entity names)."""
    from cikg import queries

    runner = getattr(queries, "run", None)
    return runner(kg.store, name, params or {}) if runner else kg.query(name, **(params or {}))


@contextlib.contextmanager
def run_server(spec: str, log: Path, *args: str) -> Iterator[Server]:
    """Start ``cikg serve`` on a free loopback port; stop it afterwards."""
    port = _free_port()
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "cikg.cli", "serve", "--store", spec, "--port", str(port),
             *args], stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=2).read()
            break
        except (urllib.error.URLError, OSError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"cikg serve did not start: {log.read_text(errors='replace')}")
            time.sleep(0.2)
    try:
        yield Server(url, port, process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def server(demo_store: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``cikg serve`` over the demo graph, 2 s timeout, 6,000-row cap, 2 workers."""
    log = tmp_path_factory.mktemp("serve") / "server.log"
    with run_server(demo_store, log, "--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS),
                    "--max-query-bytes", str(MAX_QUERY_BYTES), "--workers", "2") as running:
        yield running
