"""Graphs the catalog tests query: the demo graph and fixture variants, on every engine.

Stores are built once per session and only read. The remote engine is a dedicated
``oxigraph serve`` process (other tests empty the shared server), loaded with the
same sources through the SPARQL protocol.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import cikg
from cikg.api import KnowledgeGraph
from tests.conftest import DATA, FIXTURES, oxigraph_serve

#: The conflicting variant of the sample report (fictional publisher anodewatch.example).
VARIANT = FIXTURES / "queries" / "anode-watch-2026.txt"
#: The fictional second report of the same family (cathode materials).
CATHODE = FIXTURES / "reports" / "r1_cathode.txt"
#: Engines every golden test runs on.
ENGINES = ("oxigraph", "memory")

Factory = Callable[..., KnowledgeGraph]


@pytest.fixture(scope="session")
def query_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A dedicated `oxigraph serve --union-default-graph` for the catalog tests."""
    with oxigraph_serve(tmp_path_factory.mktemp("catalog-server")) as url:
        yield url


@pytest.fixture(scope="session")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Factory]:
    """``graphs(engine, *extra_sources)``: the demo graph plus *extra_sources*, built once."""
    built: dict[tuple[str, tuple[Path, ...]], KnowledgeGraph] = {}

    def factory(engine: str, *extra: Path) -> KnowledgeGraph:
        key = (engine, extra)
        if key not in built:
            if engine == "oxigraph":
                spec = f"oxigraph:{tmp_path_factory.mktemp('catalog') / 'store'}"
            elif engine == "memory":
                spec = "memory:"
            else:
                raise ValueError(engine)
            kg = cikg.open(spec)
            kg.load(DATA, *extra)
            built[key] = kg
        return built[key]

    yield factory
    for kg in built.values():
        kg.close()


@pytest.fixture(scope="module")
def remote_demo(query_server: str) -> KnowledgeGraph:
    """The demo graph on the dedicated server (loaded once per module)."""
    kg = cikg.open(query_server)
    kg.store.update("DROP ALL")
    kg.load(DATA)
    return kg


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each engine of the golden tests."""
    return request.param


@pytest.fixture
def demo(graphs: Factory, engine: str) -> KnowledgeGraph:
    """The demo graph on each engine."""
    return graphs(engine)
