"""The web page and its routes: offline assets, catalog, CSV, views, ontology."""

from __future__ import annotations

import re

import httpx
import pyoxigraph as ox
import pytest

import cikg
from cikg.output import render
from cikg.queries import catalog

from .conftest import run_catalog

pytestmark = pytest.mark.server


def test_page_loads_only_its_own_assets(server):
    response = httpx.get(server.url + "/")
    assert response.status_code == 200
    html = response.text
    assets = re.findall(r'(?:src|href)="([^"#]+)"', html)
    assert assets, "the page references its scripts and styles"
    assert all(a.startswith("/") and not a.startswith("//") for a in assets), assets
    for asset in assets:
        assert httpx.get(server.url + asset).status_code == 200, asset
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "http://" not in html
    assert "https://" not in html


def test_api_info_gives_prefixes_and_limits(server):
    info = httpx.get(server.url + "/api/info").json()
    assert set(info["prefixes"]) >= {"cikg", "rdfs", "skos", "prov", "dcterms", "qb", "schema",
                                     "xsd"}
    assert info["max_rows"] == 6000
    assert info["timeout"] == 2.0


def test_api_catalog_lists_every_query(server):
    entries = httpx.get(server.url + "/api/catalog").json()
    assert [e["name"] for e in entries] == list(catalog())
    first = entries[0]
    assert set(first) >= {"title", "question", "params", "columns", "example"}


def test_catalog_csv_is_the_cli_csv(server, demo_store):
    response = httpx.get(server.url + "/api/catalog/companies-by-country.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="companies-by-country.csv"' in response.headers["content-disposition"]
    with cikg.open(demo_store, read_only=True) as kg:
        expected = render(run_catalog(kg, "companies-by-country"), "csv")
    assert response.text == expected
    json_rows = httpx.get(server.url + "/api/catalog/companies-by-country").json()
    assert json_rows["columns"][0] == "country"
    assert len(json_rows["rows"]) == expected.count("\n") - 1


def test_catalog_parameters_and_errors(server):
    ok = httpx.get(server.url + "/api/catalog/companies-by-country", params={"country": "CN"})
    assert ok.status_code == 200
    assert {row[0] for row in ok.json()["rows"]} <= {"CN"}
    unknown = httpx.get(server.url + "/api/catalog/companies-by-country", params={"limit": "9"})
    assert unknown.status_code == 400
    assert "unknown parameter 'limit'" in unknown.text
    missing = httpx.get(server.url + "/api/catalog/no-such-query")
    assert missing.status_code == 404
    assert "GET /api/catalog" in missing.text


def test_views_are_discovered_and_served_offline(server):
    listing = httpx.get(server.url + "/api/views").json()
    names = [v["name"] for v in listing["views"]]
    assert "landscape" in names
    page = httpx.get(server.url + "/views/landscape", timeout=60)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "connect-src" not in page.headers["content-security-policy"]  # default-src 'none'
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert not re.search(r'<script[^>]+src="https?://', page.text)
    assert httpx.get(server.url + "/views/no-such-view").status_code == 404
    briefing = httpx.get(server.url + "/briefing")
    if listing["briefing"] is None:
        assert briefing.status_code == 404
        assert "not available" in briefing.text


def test_ontology_reference_and_turtle(server):
    page = httpx.get(server.url + "/ontology")
    assert page.status_code == 200
    assert "cikg:Company" in page.text
    assert "cikg:headquarteredIn" in page.text
    turtle = httpx.get(server.url + "/ontology.ttl")
    assert turtle.headers["content-type"].startswith("text/turtle")
    graph = ox.Store()
    graph.load(turtle.content, format=ox.RdfFormat.TURTLE)
    assert len(graph) > 100
    taxonomy = httpx.get(server.url + "/ontology/materials.ttl")
    assert taxonomy.status_code == 200
    assert "skos:" in taxonomy.text
    assert httpx.get(server.url + "/ontology/nothing.ttl").status_code == 404


def test_unknown_route_is_404_and_health_counts(server):
    missing = httpx.get(server.url + "/nothing/here")
    assert missing.status_code == 404
    assert "not found" in missing.text
    health = httpx.get(server.url + "/healthz").json()
    assert health["status"] == "ok"
    assert health["workers"] == 2


def test_views_with_arguments(server):
    views = {v["name"]: v for v in httpx.get(server.url + "/api/views").json()["views"]}
    taking = [v for v in views.values() if v["args"]]
    if not taking:
        pytest.skip("this cikg has no view that takes arguments")
    view = taking[0]
    wrong = httpx.get(server.url + view["url"])
    assert wrong.status_code == 400
    assert f"takes {view['args']} argument(s)" in wrong.text
    unknown = httpx.get(server.url + view["url"], params={"arg": "x", "colour": "red"})
    assert unknown.status_code == 400
    if "ego" in views:
        page = httpx.get(server.url + "/views/ego", params={"arg": "BTR", "radius": "1"},
                         timeout=60)
        assert page.status_code == 200, page.text
        assert "BTR" in page.text
        bad = httpx.get(server.url + "/views/ego", params={"arg": "BTR", "radius": "far"})
        assert bad.status_code == 400
        assert "radius='far' is not a valid int" in bad.text


def test_briefings_where_the_api_offers_them(server):
    briefing = httpx.get(server.url + "/api/views").json()["briefing"]
    if briefing is None:
        response = httpx.get(server.url + "/briefing")
        assert response.status_code == 404
        assert "not available" in response.text
        return
    assert "kind" in [p["name"] for p in briefing["params"]]
    page = httpx.get(server.url + "/briefing", params={"kind": "market"}, timeout=180)
    assert page.status_code == 200, page.text
    assert page.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert not re.search(r'<(?:script|img|link)[^>]+(?:src|href)="https?://', page.text)
    unknown = httpx.get(server.url + "/briefing", params={"kind": "market", "x": "1"})
    assert unknown.status_code == 400
    assert "unknown parameter 'x'" in unknown.text
