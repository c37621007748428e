"""The load test of bench/ runs against a real server and counts no errors."""

from __future__ import annotations

import pytest

from bench.loadtest import catalog_requests, loadtest

pytestmark = pytest.mark.server


def test_catalog_requests_cover_the_runnable_catalog():
    api = {label for label, _, _ in catalog_requests("api")}
    sparql = {label for label, _, _ in catalog_requests("sparql")}
    assert "companies-by-country" in api
    assert sparql <= api
    assert all(path == "/sparql" for _, path, _ in catalog_requests("sparql"))


@pytest.mark.parametrize("mode", ["api", "sparql"])
def test_short_load_test_has_no_errors(server, mode):
    report = loadtest(server.url, clients=3, seconds=1.5, mode=mode, warmup=False)
    assert report.requests > 0
    assert report.errors == 0, report.error_samples
    assert report.p50_ms <= report.p99_ms <= report.max_ms
    assert "errors       0" in report.table()
