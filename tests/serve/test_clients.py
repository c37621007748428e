"""Real clients (SPARQLWrapper, cikg's remote backend) get the embedded store's answers."""

from __future__ import annotations

import csv
import io

import pytest
import rdflib
from pyoxigraph import NamedNode, Quad
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

import cikg
from cikg.errors import QueryError
from cikg.queries import catalog
from cikg.store import SelectResult, open_store

from .conftest import run_catalog

pytestmark = pytest.mark.server

COMPANIES = """
PREFIX cikg: <https://w3id.org/cikg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?company ?name ?country WHERE {
  ?company a cikg:Company ; rdfs:label ?name .
  OPTIONAL { ?company cikg:headquarteredIn ?country }
} ORDER BY ?company ?name ?country
"""
CONSTRUCT = """
PREFIX cikg: <https://w3id.org/cikg/ontology#>
CONSTRUCT { ?company cikg:headquarteredIn ?country } WHERE {
  ?company cikg:headquarteredIn ?country }
"""


@pytest.fixture(scope="module")
def embedded(demo_store):
    kg = cikg.open(demo_store, read_only=True)
    yield kg
    kg.close()


def expected_rows(kg, sparql: str) -> list[tuple[str | None, ...]]:
    result = kg.store.query(sparql, limit=None)
    assert isinstance(result, SelectResult)
    return [tuple(None if t is None else t.value for t in row) for row in result.rows]


def wrapper(server, fmt) -> SPARQLWrapper:
    client = SPARQLWrapper(server.endpoint)
    client.setReturnFormat(fmt)
    return client


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_json(server, embedded, method):
    client = wrapper(server, JSON)
    client.setMethod(method)
    client.setQuery(COMPANIES)
    data = client.queryAndConvert()
    names = data["head"]["vars"]
    rows = [tuple(b[n]["value"] if n in b else None for n in names)
            for b in data["results"]["bindings"]]
    assert rows == expected_rows(embedded, COMPANIES)
    assert len(rows) >= 10


def test_sparqlwrapper_xml(server, embedded):
    client = wrapper(server, XML)
    client.setQuery(COMPANIES)
    document = client.queryAndConvert()  # an xml.dom.minidom Document
    rows = []
    for result in document.getElementsByTagName("result"):
        values = {b.getAttribute("name"): b.firstChild.firstChild.data
                  for b in result.getElementsByTagName("binding")}
        rows.append(tuple(values.get(n) for n in ("company", "name", "country")))
    assert rows == expected_rows(embedded, COMPANIES)


def test_sparqlwrapper_csv(server, embedded):
    client = wrapper(server, CSV)
    client.setQuery(COMPANIES)
    text = client.queryAndConvert().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["company", "name", "country"]
    assert [tuple(v or None for v in r) for r in rows[1:]] == expected_rows(embedded, COMPANIES)


def test_sparqlwrapper_ask_and_construct(server, embedded):
    client = wrapper(server, JSON)
    client.setQuery("ASK { ?s a <https://w3id.org/cikg/ontology#Company> }")
    assert client.queryAndConvert()["boolean"] is True
    client = wrapper(server, TURTLE)
    client.setQuery(CONSTRUCT)
    graph = client.queryAndConvert()
    if isinstance(graph, bytes):
        graph = rdflib.Graph().parse(data=graph, format="turtle")
    remote = {(str(s), str(o)) for s, _, o in graph}
    local = {(t.subject.value, t.object.value) for t in embedded.store.query(CONSTRUCT)}
    assert remote == local
    assert len(remote) >= 5


def test_sparqlwrapper_update_is_refused(server):
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(server.endpoint, updateEndpoint=server.url + "/update")
    client.setMethod("POST")
    client.setQuery("DROP ALL")
    with pytest.raises((SPARQLWrapperException, Exception), match="403|read-only|Forbidden"):
        client.query()


def _params(entry) -> dict[str, str] | None:
    try:
        from cikg.queries import example_params
    except ImportError:  # an older catalog without examples
        return {} if all(not p.required for p in entry.params) else None
    return example_params(entry)


@pytest.mark.parametrize("name", sorted(catalog()))
def test_remote_backend_runs_the_catalog_like_the_embedded_store(server, embedded, name):
    entry = catalog()[name]
    params = _params(entry)
    if params is None:
        pytest.skip(f"{name} needs parameters and the catalog gives no example")
    with cikg.open(server.endpoint) as remote:
        frame = run_catalog(remote, name, params)
    expected = run_catalog(embedded, name, params)
    assert list(frame.columns) == list(expected.columns)
    assert frame.equals(expected), f"{name} differs over HTTP"


def test_remote_backend_sparql_and_stats(server, embedded):
    with cikg.open(server.endpoint) as remote:
        assert remote.sparql(COMPANIES).equals(embedded.sparql(COMPANIES))
        assert remote.stats().equals(embedded.stats())
        assert remote.store.graphs() == embedded.store.graphs()


def test_remote_backend_writes_are_refused(server, embedded):
    store = open_store(server.endpoint)
    before = embedded.store.graphs()
    graph = NamedNode("http://example.org/g")
    with pytest.raises(QueryError, match=r"/update refused the request \(403\).*read-only"):
        store.replace({graph}, [Quad(graph, graph, graph, graph)])
    with pytest.raises(QueryError, match="403"):
        store.update("DROP ALL")
    assert embedded.store.graphs() == before
