"""Shared fixtures: stores of every backend, a real Oxigraph server on loopback."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import cikg
from cikg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = DATA / "anode-sodium-ion-2025.txt"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _oxigraph_binary() -> str:
    candidate = Path(sys.executable).with_name("oxigraph")
    found = str(candidate) if candidate.exists() else shutil.which("oxigraph")
    if not found:
        pytest.fail("the `oxigraph` server binary is missing: pip install oxigraph")
    return found


@contextmanager
def oxigraph_serve(location: Path) -> Iterator[str]:
    """Run `oxigraph serve --union-default-graph` on 127.0.0.1 and a free port; yield the
    query endpoint URL once it answers, and stop the process afterwards."""
    port = _free_port()
    process = subprocess.Popen(
        [_oxigraph_binary(), "serve", "--location", str(location),
         "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1).read()
            break
        except (urllib.error.URLError, OSError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"oxigraph serve did not start: {process.stderr.read()!r}")
            time.sleep(0.1)
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `oxigraph serve` process on 127.0.0.1; yields its query endpoint URL."""
    with oxigraph_serve(tmp_path_factory.mktemp("oxigraph-server")) as url:
        yield url


@pytest.fixture
def remote_spec(oxigraph_server: str) -> str:
    """The server's endpoint, emptied before the test."""
    store = open_store(oxigraph_server)
    store.update("DROP ALL")
    return oxigraph_server


@pytest.fixture(params=["oxigraph", "memory", "remote"])
def any_spec(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty store spec of each backend."""
    if request.param == "oxigraph":
        return f"oxigraph:{tmp_path / 'store'}"
    if request.param == "memory":
        return "memory:"
    return request.getfixturevalue("remote_spec")


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An on-disk store built once from ./data (read it, do not write it)."""
    spec = f"oxigraph:{tmp_path_factory.mktemp('demo') / 'store'}"
    with cikg.open(spec) as kg:
        kg.load(DATA)
    return spec


@pytest.fixture(autouse=True)
def _no_store_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CIKG_STORE", raising=False)


def require_browser() -> bool:
    """Whether a missing browser must fail (CI) rather than skip."""
    return os.environ.get("CIKG_REQUIRE_BROWSER") == "1"
