"""The catalog itself: headers, parameters, columns, lists, the FX table, read-only."""

from __future__ import annotations

import re

import pytest

from cikg.errors import QueryError
from cikg.queries import catalog, example_params, get_query
from cikg.queries.catalog import TYPES, _parse
from cikg.store import query_form

#: The catalog of issue 6 (the analytics-* and answers-* queries belong to other rooms).
QUESTIONS = (
    "capacity-by-country", "companies-by-country", "companies-by-region",
    "companies-in-several-sections", "companies-only-listed", "companies-serving",
    "company-figures", "competitors", "conflicts", "countries-without-suppliers", "entities",
    "evidence", "extraction-methods", "fx-rates", "initiative-totals", "initiatives",
    "landscape-edges", "low-confidence-matches", "market-cagr", "market-leaders",
    "market-segments", "market-size", "material-suppliers", "regions-without-suppliers",
    "report-sections", "share-claims", "source-changes", "sources", "suppliers-of-material",
)
FX_BLOCK = re.compile(r"# fx:.*?# end fx", re.DOTALL)


def test_at_least_25_questions():
    assert set(QUESTIONS) <= set(catalog())
    assert len(QUESTIONS) >= 25


@pytest.mark.parametrize("name", sorted(catalog()))
def test_every_query_has_a_header_and_is_a_select(name):
    entry = get_query(name)
    assert entry.title
    assert entry.question.endswith("?") or "?" in entry.question
    assert entry.columns
    assert query_form(entry.sparql) == "SELECT"
    assert entry.example.startswith(f"cikg query {name}")
    for param in entry.params:
        assert param.type in TYPES
        assert f"?arg_{param.name}" in entry.sparql
    assert set(example_params(entry)) <= {p.name for p in entry.params}


@pytest.mark.parametrize("name", sorted(catalog()))
def test_every_query_returns_its_header_columns_on_the_demo_graph(graphs, name):
    entry = get_query(name)
    frame = graphs("oxigraph").query(name, **example_params(entry))
    assert tuple(frame.columns) == entry.columns
    assert frame.attrs["query"] == name


@pytest.mark.parametrize("name", QUESTIONS)
def test_queries_are_ordered_and_concatenations_are_lists(name):
    """Engines differ in row order and GROUP_CONCAT order: every query sorts its rows
    and declares its concatenated columns as lists for the runner to sort."""
    entry = get_query(name)
    assert "ORDER BY" in entry.sparql
    concatenated = set(re.findall(r"GROUP_CONCAT\(.*?\)\s+AS\s+\?(\w+)", entry.sparql, re.S))
    assert concatenated <= set(entry.lists)
    assert "GROUP_CONCAT(DISTINCT" not in entry.sparql  # rdflib fails on unbound values


def test_fx_table_is_one_dated_table():
    blocks = {name: FX_BLOCK.findall(entry.sparql) for name, entry in catalog().items()}
    users = {name: found for name, found in blocks.items() if found}
    assert set(users) >= {"fx-rates", "initiatives", "initiative-totals", "market-size"}
    normalized = {" ".join(block.split()) for found in users.values() for block in found}
    assert len(normalized) == 1, "every copy of the FX table must be the same"
    (table,) = normalized
    assert "ECB euro foreign exchange reference rates of 2024-12-31" in table
    assert '("USD" 1.0389 1.0389 "2024-12-31"^^xsd:date)' in table


@pytest.mark.parametrize(("text", "message"), [
    ("# question: q?\n# columns: a\nSELECT ?a WHERE {}", "lacks '# title:'"),
    ("# title: t\n# question: q?\n# columns: a\nDELETE WHERE { ?s ?p ?o }", "read-only"),
    ("# title: t\n# question: q?\n# columns: a\n# param: x (colour): doc\nSELECT ?a WHERE {}",
     "bad param line"),
    ("# title: t\n# question: q?\n# columns: a\n# param: x (string): doc\nSELECT ?a WHERE {}",
     "never used"),
    ("# title: t\n# question: q?\n# columns: a\n# param: limit (integer): doc\n"
     "SELECT ?a WHERE { BIND(?arg_limit AS ?a) }", "reserved"),
    ("# title: t\n# question: q?\n# columns: a\n# lists: b\nSELECT ?a WHERE {}", "not columns"),
    ("# title: t\n# question: q?\n# columns: a\n# postprocess: nope\nSELECT ?a WHERE {}",
     "unknown postprocess"),
])
def test_bad_headers_are_rejected(text, message):
    with pytest.raises(QueryError, match=message):
        _parse("bad", text)
