"""The server runs beside a writer: it starts while a writer holds the store, and sees
what the writer commits."""

from __future__ import annotations

import time

import httpx
import pyoxigraph as ox
import pytest

import cikg
from tests.conftest import SAMPLE

from .conftest import run_server

pytestmark = pytest.mark.server

EX = "http://example.org/"
ASK = f"ASK {{ <{EX}new> <{EX}p> <{EX}o> }}"


def test_server_beside_a_writer_sees_its_commits(tmp_path):
    spec = f"oxigraph:{tmp_path / 'store'}"
    with cikg.open(spec) as writer:
        writer.load(SAMPLE)
        # the writer keeps the store (and its lock) open while the server starts
        with run_server(spec, tmp_path / "server.log", "--workers", "1") as server:
            def ask() -> bool:
                response = httpx.get(server.endpoint, params={"query": ASK}, timeout=10)
                assert response.status_code == 200
                return response.json()["boolean"]

            assert ask() is False
            graph = ox.NamedNode(EX + "graph")
            writer.store.replace({graph}, [ox.Quad(ox.NamedNode(EX + "new"),
                                                   ox.NamedNode(EX + "p"),
                                                   ox.NamedNode(EX + "o"), graph)])
            deadline = time.monotonic() + 30
            while not ask():
                assert time.monotonic() < deadline, "the server never saw the commit"
                time.sleep(0.25)
            # and it still refuses to write
            refused = httpx.post(server.url + "/update", data={"update": "DROP ALL"})
            assert refused.status_code == 403
        assert writer.store.graphs()  # the writer's data is untouched
