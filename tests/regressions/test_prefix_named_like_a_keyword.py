"""Symptom: `PREFIX drop: <...> SELECT ...` was refused as an update ("queries are read-only")
because the query-form check saw the prefix name `drop` as the DROP keyword."""

from __future__ import annotations

import pytest

from cikg.store import open_store, query_form


@pytest.mark.parametrize("text", [
    "PREFIX drop: <http://example.org/> SELECT ?load WHERE { ?load drop:insert 1 }",
    "SELECT ?delete WHERE { ?delete <http://example.org/clear> ?add }",
    "PREFIX ex: <http://example.org/> ASK { ex:move ex:copy ex:create }",
])
def test_names_that_look_like_update_keywords_are_queries(text):
    assert query_form(text) != "UPDATE"
    result = open_store("memory:").query(text)
    assert result is False or not getattr(result, "rows", [1])


def test_updates_still_detected():
    with_delete = "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert query_form(with_delete) == "UPDATE"
    insert = "PREFIX select: <http://example.org/> INSERT DATA { select:a select:b 1 }"
    assert query_form(insert) == "UPDATE"
