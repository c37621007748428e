"""Parameters are RDF terms, never query text; queries are read-only, with a timeout and a
row cap the caller sets; bad input gets one clear QueryError."""

from __future__ import annotations

import time

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from cikg.errors import QueryError
from cikg.queries import bind, get_query, run
from cikg.queries.catalog import _parse
from cikg.store import open_store

INJECTIONS = [
    '"} ; DROP ALL ; {',
    "<x> } UNION { ?s ?p ?o",
    '" } UNION { ?s ?p ?o } #',
    "'; DELETE WHERE { ?s ?p ?o } ; SELECT * WHERE { '",
    "CN\" ) } VALUES (?arg_country) { (\"US\"",
]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _count(kg) -> int:
    return int(kg.sparql(COUNT)["n"].iloc[0])


@pytest.mark.parametrize("value", INJECTIONS)
def test_string_parameters_are_literals(demo, value):
    before = _count(demo)
    assert demo.query("companies-by-country", country=value).empty
    assert demo.query("initiatives", sponsor=value).empty
    assert demo.query("entities", name=value).empty
    assert demo.query("market-segments", facet=value).empty
    assert _count(demo) == before


@pytest.mark.server
@pytest.mark.parametrize("value", INJECTIONS)
def test_string_parameters_are_literals_on_the_server(remote_demo, value):
    before = _count(remote_demo)
    assert remote_demo.query("companies-by-country", country=value).empty
    assert remote_demo.query("initiatives", sponsor=value).empty
    assert _count(remote_demo) == before


@pytest.mark.parametrize("value", INJECTIONS)
def test_entity_parameters_resolve_or_fail(demo, value):
    before = _count(demo)
    with pytest.raises(QueryError, match=r"query competitors: parameter company: (no company "
                                         r"named|.* is not a valid IRI)"):
        demo.query("competitors", company=value)
    with pytest.raises(QueryError, match="query evidence: parameter name"):
        demo.query("evidence", name=value)
    assert _count(demo) == before


@pytest.mark.parametrize("value", ["http://x> } UNION { ?s ?p ?o", "<http://a b>",
                                   "https://e/x\"}"])
def test_malformed_iris_are_refused(demo, value):
    with pytest.raises(QueryError, match="is not a valid IRI"):
        demo.query("evidence", name=value)


def test_bound_text_holds_the_value_as_one_escaped_literal():
    entry = get_query("companies-by-country")
    text = bind(entry, {"country": '"} ; DROP ALL ; {'})
    assert 'VALUES (?arg_country) { ("\\"} ; DROP ALL ; {") }' in text
    assert text.replace('\n  VALUES (?arg_country) { ("\\"} ; DROP ALL ; {") }\n', "") == \
        entry.sparql


@pytest.mark.parametrize(("param", "value"), [("min_sections", "2 } UNION {"),
                                              ("min_sections", "two"), ("min_sections", "2.5")])
def test_typed_parameters_check_their_values(demo, param, value):
    with pytest.raises(QueryError, match=f"parameter {param}: .* is not a valid integer"):
        demo.query("companies-in-several-sections", **{param: value})


def test_decimal_parameters_refuse_nan(demo):
    with pytest.raises(QueryError, match="is not a valid decimal"):
        demo.query("market-cagr", tolerance="nan")


def test_unknown_and_missing_parameters(demo):
    with pytest.raises(QueryError, match="unknown parameter 'colour'; it takes country"):
        demo.query("companies-by-country", colour="red")
    with pytest.raises(QueryError, match="parameter 'material' is required"):
        demo.query("suppliers-of-material")


def test_unknown_names_suggest_close_ones(demo):
    with pytest.raises(QueryError, match="no company named 'Kurarai'; did you mean 'Kuraray'"):
        demo.query("competitors", company="Kurarai")
    with pytest.raises(QueryError, match="no material named 'hard carbonn'; did you mean "
                                         "'Hard carbon'"):
        demo.query("suppliers-of-material", material="hard carbonn")
    with pytest.raises(QueryError, match="no region named 'Atlantis' among the"):
        demo.query("companies-by-region", region="Atlantis")


def test_a_name_of_several_entities_asks_for_an_iri(demo):
    with pytest.raises(QueryError, match=r"'Others' names 2 entities \(<https://w3id.org/cikg/"
                                         r"id/segment/.*\); pass one IRI"):
        demo.query("evidence", name="Others")


def test_entity_parameters_take_iris(demo):
    frame = demo.query("competitors", company="<https://w3id.org/cikg/id/company/btr>")
    assert len(frame) == 10
    assert demo.query("competitors", company=NamedNode(
        "https://w3id.org/cikg/id/company/btr")).equals(frame)


def test_bind_without_a_store_needs_iris():
    with pytest.raises(QueryError, match="is a name; run the query with run"):
        bind(get_query("competitors"), {"company": "BTR"})


def test_queries_are_read_only(demo):
    with pytest.raises(QueryError, match="read-only"):
        demo.sparql("DROP ALL")
    with pytest.raises(QueryError, match="read-only SELECT"):
        _parse("x", "# title: x\n# question: x?\n# columns: a\nINSERT DATA { <a> <b> <c> }")


def test_row_cap(demo):
    capped = demo.query("landscape-edges", limit=3)
    assert len(capped) == 3
    assert capped.attrs["truncated"] is True
    full = demo.query("landscape-edges", limit=None)
    assert full.attrs["truncated"] is False
    assert len(full) > 3
    assert full.head(3).equals(capped)


def test_timeout_on_every_engine(demo):
    with pytest.raises(QueryError, match=r"query evidence: timed out after 1e-05 s; raise the "
                                         r"timeout"):
        demo.query("evidence", name="https://w3id.org/cikg/id/company/btr", timeout=1e-5)


def test_timeout_stops_waiting_for_a_slow_aggregate(tmp_path):
    """An aggregate computes every row before the first: the runner's deadline still holds."""
    store = open_store(f"oxigraph:{tmp_path / 'store'}")
    graph = NamedNode("http://example.org/g")
    store.replace({graph}, [Quad(NamedNode(f"http://example.org/{i}"),
                                 NamedNode("http://example.org/p"), Literal(str(i)), graph)
                            for i in range(1500)])
    slow = _parse("slow", "# title: slow\n# question: how slow?\n# columns: n\n"
                  "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?p ?y . FILTER(?x != ?y) }")
    started = time.monotonic()
    with pytest.raises(QueryError, match="query slow: timed out after 0.2 s"):
        run(store, slow, timeout=0.2)
    assert time.monotonic() - started < 1.5
