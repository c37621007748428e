"""The SPARQL 1.1 Protocol endpoint answers like the embedded store, in every format."""

from __future__ import annotations

import csv
import io

import httpx
import pyoxigraph as ox
import pytest

from cikg.store import SelectResult, open_store

pytestmark = pytest.mark.server

LABELS = ("SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } "
          "ORDER BY ?s ?label")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
CONSTRUCT = ("CONSTRUCT { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } WHERE { "
             "?s a <https://w3id.org/cikg/ontology#Company> ; "
             "<http://www.w3.org/2000/01/rdf-schema#label> ?label }")
RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


@pytest.fixture(scope="module")
def embedded(demo_store):
    store = open_store(demo_store, read_only=True)
    yield store
    store.close()


def local_rows(store, sparql: str) -> list[tuple[str, ...]]:
    result = store.query(sparql, limit=None)
    assert isinstance(result, SelectResult)
    return [tuple(str(t) for t in row) for row in result.rows]


def remote_rows(body: bytes, fmt: ox.QueryResultsFormat) -> list[tuple[str, ...]]:
    solutions = ox.parse_query_results(body, format=fmt)
    names = [v.value for v in solutions.variables]
    return [tuple(str(s[n]) for n in names) for s in solutions]


def test_get_json_matches_embedded_store(server, embedded):
    response = httpx.get(server.endpoint, params={"query": LABELS})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sparql-results+json"
    assert response.headers["vary"] == "Accept"
    rows = remote_rows(response.content, ox.QueryResultsFormat.JSON)
    assert rows == local_rows(embedded, LABELS)
    assert len(rows) > 50


@pytest.mark.parametrize("media", sorted(RESULT_FORMATS))
def test_post_form_negotiates_every_results_format(server, embedded, media):
    response = httpx.post(server.endpoint, data={"query": LABELS}, headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    if media == "text/csv":  # CSV carries lexical forms only: pyoxigraph will not parse it
        assert response.content.endswith(b"\r\n")
        rows = [tuple(r) for r in csv.reader(io.StringIO(response.text, newline=""))]
        result = embedded.query(LABELS, limit=None)
        assert rows == [tuple(result.variables)] + [tuple(t.value for t in row)
                                                   for row in result.rows]
    else:
        rows = remote_rows(response.content, RESULT_FORMATS[media])
        assert rows == local_rows(embedded, LABELS)


def test_post_direct_body_and_union_default_graph(server, embedded):
    response = httpx.post(server.endpoint, content=COUNT.encode(),
                          headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 200
    (count,) = remote_rows(response.content, ox.QueryResultsFormat.JSON)[0]
    assert int(ox.Literal(count[1:].split('"')[0]).value) == int(
        embedded.query(COUNT).rows[0][0].value) > 4000  # the union of the named graphs
    graphs = httpx.post(server.endpoint, content=GRAPHS,
                        headers={"Content-Type": "application/sparql-query; charset=utf-8"})
    assert remote_rows(graphs.content, ox.QueryResultsFormat.JSON) == local_rows(embedded, GRAPHS)


def test_format_parameter_wins_over_accept(server):
    response = httpx.get(server.endpoint, params={"query": COUNT, "format": "csv"},
                         headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200
    assert response.text.startswith("n\r\n")


@pytest.mark.parametrize(("media", "fmt"), [("text/turtle", ox.RdfFormat.TURTLE),
                                            ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                                            ("application/rdf+xml", ox.RdfFormat.RDF_XML)])
def test_construct_as_rdf(server, embedded, media, fmt):
    response = httpx.post(server.endpoint, data={"query": CONSTRUCT}, headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    remote = {q.triple for q in ox.parse(response.content, format=fmt)}
    assert remote == set(embedded.query(CONSTRUCT))
    assert len(remote) >= 10


def test_construct_default_is_turtle_with_prefixes(server):
    response = httpx.post(server.endpoint, data={"query": CONSTRUCT})
    assert response.headers["content-type"].startswith("text/turtle")
    assert "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#>" in response.text


@pytest.mark.parametrize("media", ["application/sparql-results+json",
                                   "application/sparql-results+xml"])
def test_ask(server, media):
    for query, expected in (("ASK { ?s a <https://w3id.org/cikg/ontology#Company> }", True),
                            ("ASK { ?s a <http://example.org/Nothing> }", False)):
        response = httpx.get(server.endpoint, params={"query": query}, headers={"Accept": media})
        assert response.status_code == 200
        assert bool(ox.parse_query_results(response.content,
                                           format=RESULT_FORMATS[media])) is expected


def test_not_acceptable(server):
    response = httpx.get(server.endpoint, params={"query": "ASK {}"},
                         headers={"Accept": "text/csv"})
    assert response.status_code == 406
    assert "accept one of application/sparql-results+json" in response.text


def test_dataset_parameters(server, embedded):
    graph = local_rows(embedded, GRAPHS)[0][0][1:-1]
    response = httpx.get(server.endpoint, params={"query": COUNT, "default-graph-uri": graph})
    (count,) = remote_rows(response.content, ox.QueryResultsFormat.JSON)[0]
    expected = embedded.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert count == str(expected.rows[0][0])


def test_concurrent_readers(server, embedded):
    import concurrent.futures

    def one(_: int) -> list[tuple[str, ...]]:
        response = httpx.post(server.endpoint, data={"query": LABELS}, timeout=30)
        assert response.status_code == 200
        return remote_rows(response.content, ox.QueryResultsFormat.JSON)

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(one, range(16)))
    expected = local_rows(embedded, LABELS)
    assert all(rows == expected for rows in results)
