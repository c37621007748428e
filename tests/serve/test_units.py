"""In-process pieces of the server: negotiation, writers, Host check, settings, CLI errors."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from cikg.cli import main
from cikg.errors import StoreError
from cikg.serve import ServeSettings, allowed_hosts, check_spec
from cikg.serve.app import is_update
from cikg.serve.config import split_host
from cikg.serve.results import (
    NotAcceptable,
    negotiate,
    parse_accept,
    write_boolean,
    write_graph,
    write_select,
)

XSD = "http://www.w3.org/2001/XMLSchema#"
ROWS = [
    (ox.NamedNode("http://ex/a"), ox.Literal("plain, \"quoted\"\nline\ttab")),
    (ox.BlankNode("b1"), ox.Literal("chat", language="fr")),
    (ox.NamedNode("http://ex/c"), ox.Literal("449.6", datatype=ox.NamedNode(XSD + "decimal"))),
    (None, ox.Literal("2025-12-12", datatype=ox.NamedNode(XSD + "date"))),
    (ox.NamedNode("http://ex/d"), None),
]


@pytest.mark.parametrize(("media", "fmt"), [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
])
def test_select_writers_round_trip_through_pyoxigraph(media, fmt):
    body = write_select(["s", "o"], ROWS, media)
    parsed = ox.parse_query_results(body, format=fmt)
    assert [v.value for v in parsed.variables] == ["s", "o"]
    rows = [(s["s"], s["o"]) for s in parsed]
    blank = rows[1][0]
    assert isinstance(blank, ox.BlankNode)
    assert rows[:1] + rows[2:] == ROWS[:1] + ROWS[2:]
    assert rows[1][1] == ROWS[1][1]


def test_csv_writer_quotes_and_uses_crlf():
    body = write_select(["s", "o"], ROWS[:2], "text/csv").decode()
    assert body.startswith("s,o\r\n")
    assert 'http://ex/a,"plain, ""quoted""\nline\ttab"\r\n' in body
    assert body.endswith("_:b1,chat\r\n")


def test_boolean_and_graph_writers():
    assert ox.parse_query_results(write_boolean(False, "application/sparql-results+xml"),
                                  format=ox.QueryResultsFormat.XML).__bool__() is False
    triple = ox.Triple(ox.NamedNode("http://ex/a"), ox.NamedNode("http://ex/p"), ROWS[0][1])
    for media, fmt in (("text/turtle", ox.RdfFormat.TURTLE),
                       ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                       ("application/rdf+xml", ox.RdfFormat.RDF_XML),
                       ("application/ld+json", ox.RdfFormat.JSON_LD)):
        parsed = [q.triple for q in ox.parse(write_graph([triple], media), format=fmt)]
        assert parsed == [triple]


@pytest.mark.parametrize(("kind", "accept", "fmt", "expected"), [
    ("SELECT", None, None, "application/sparql-results+json"),
    ("SELECT", "*/*", None, "application/sparql-results+json"),
    ("SELECT", "text/*", None, "text/csv"),
    ("SELECT", "application/json", None, "application/sparql-results+json"),
    ("SELECT", "text/csv;q=0.4, application/sparql-results+xml;q=0.9", None,
     "application/sparql-results+xml"),
    ("SELECT", "application/sparql-results+json", "tsv", "text/tab-separated-values"),
    ("ASK", "application/xml", None, "application/sparql-results+xml"),
    ("GRAPH", None, None, "text/turtle"),
    ("GRAPH", "application/rdf+xml, text/turtle;q=0.5", None, "application/rdf+xml"),
    ("GRAPH", "application/json", None, "application/ld+json"),
    ("GRAPH", "text/plain", None, "application/n-triples"),
    ("GRAPH", "application/sparql-results+json,*/*;q=0.1", "nt", "application/n-triples"),
])
def test_negotiate(kind, accept, fmt, expected):
    assert negotiate(kind, accept, fmt) == expected


@pytest.mark.parametrize(("kind", "accept", "fmt"), [
    ("SELECT", "image/png", None), ("ASK", "text/csv", None), ("GRAPH", "text/csv", None),
    ("SELECT", None, "ttl"), ("SELECT", "text/csv;q=0", None), ("SELECT", None, "nonsense"),
])
def test_not_acceptable(kind, accept, fmt):
    with pytest.raises(NotAcceptable, match="accept|format="):
        negotiate(kind, accept, fmt)


def test_parse_accept_orders_by_quality_then_position():
    assert parse_accept("a/b;q=0.5, c/d, e/f;q=0.5, g/h;q=x") == [
        ("c/d", 1.0), ("a/b", 0.5), ("e/f", 0.5)]


@pytest.mark.parametrize(("text", "expected"), [
    ("DROP ALL", True), ("insert data { <a> <b> <c> }", True),
    ("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", True),
    ("LOAD <http://ex/data.ttl>", True),
    ("SELECT ?insert WHERE { ?insert ?p ?o }", False),
    ("PREFIX drop: <http://ex/> SELECT * WHERE { ?s drop:p ?o }", False),
    ("# DROP ALL\nASK {}", False),
    ("SELECT * WHERE { ?s ?p \"DELETE\" }", False),
    ("nonsense", False),
])
def test_is_update(text, expected):
    assert is_update(text) is expected


def test_loopback_server_accepts_only_its_names_and_port():
    allowed = allowed_hosts(ServeSettings(spec="oxigraph:x", port=8123))
    assert ("localhost", 8123) in allowed
    assert ("127.0.0.1", 8123) in allowed
    assert ("[::1]", 8123) in allowed
    assert ("localhost", None) not in allowed
    assert ("evil.example", 8123) not in allowed
    assert ("localhost", None) in allowed_hosts(ServeSettings(spec="oxigraph:x", port=80))


def test_other_binds():
    settings = ServeSettings(spec="oxigraph:x", host="10.0.0.5", port=9000,
                             allow_hosts=("kg.example.com",))
    assert allowed_hosts(settings) == {("10.0.0.5", 9000), ("kg.example.com", 9000)}
    with pytest.raises(ValueError, match="--allow-host"):
        allowed_hosts(ServeSettings(spec="oxigraph:x", host="0.0.0.0"))
    assert allowed_hosts(ServeSettings(spec="oxigraph:x", host="0.0.0.0",
                                       allow_hosts=("*",))) is None


@pytest.mark.parametrize(("value", "expected"), [
    ("localhost:8000", ("localhost", 8000)), ("EXAMPLE.com", ("example.com", None)),
    ("[::1]:8000", ("[::1]", 8000)), ("a:b", None), ("a:99999999", None), ("a b", None),
    ("user@host", None), ("[::1", None), ("", None), ("host:80/x", None),
])
def test_split_host(value, expected):
    assert split_host(value) == expected


def test_settings_are_checked():
    with pytest.raises(ValueError, match="timeout"):
        ServeSettings(spec="oxigraph:x", timeout=0)
    with pytest.raises(ValueError, match="max_rows"):
        ServeSettings(spec="oxigraph:x", max_rows=0)
    with pytest.raises(StoreError, match="memory:"):
        check_spec("memory:")
    assert check_spec("http://127.0.0.1:1/sparql") == "http://127.0.0.1:1/sparql"


def test_cli_refuses_what_it_cannot_serve(tmp_path, capsys):
    assert main(["serve", "--store", "memory:"]) == 2
    assert "cikg: error: cikg serve needs a store" in capsys.readouterr().err
    assert main(["serve", "--store", f"oxigraph:{tmp_path / 'none'}"]) == 2
    assert "no store at" in capsys.readouterr().err


def test_cli_refuses_a_wildcard_bind_without_host_names(demo_store, capsys):
    assert main(["serve", "--store", demo_store, "--host", "0.0.0.0"]) == 2
    assert "--allow-host" in capsys.readouterr().err
