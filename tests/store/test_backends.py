"""Every backend honours the Store protocol: replace, union default graph, errors."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest

from cikg.errors import QueryError, StoreError
from cikg.store import SelectResult, open_store

EX = "http://example.org/"
G1, G2 = ox.NamedNode(EX + "g1"), ox.NamedNode(EX + "g2")
P = ox.NamedNode(EX + "p")


def quad(s: str, o: str | float, g: ox.NamedNode) -> ox.Quad:
    obj = (ox.Literal(str(o), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
           if isinstance(o, float) else ox.NamedNode(EX + o))
    return ox.Quad(ox.NamedNode(EX + s), P, obj, g)


def rows(store, sparql: str) -> list[tuple]:
    result = store.query(sparql)
    assert isinstance(result, SelectResult)
    return sorted(tuple(str(t) for t in row) for row in result.rows)


def dump(store) -> bytes:
    buffer = io.BytesIO()
    store.dump(buffer, format="nquads")
    return b"\n".join(sorted(buffer.getvalue().splitlines()))


def test_replace_writes_and_union_default_graph(any_spec):
    store = open_store(any_spec)
    assert store.replace({G1, G2}, [quad("a", "b", G1), quad("c", "d", G2)]) == 2
    assert store.graphs() == {G1, G2}
    assert rows(store, "SELECT ?s WHERE { ?s ?p ?o }") == [(f"<{EX}a>",), (f"<{EX}c>",)]
    assert rows(store, f"SELECT ?s WHERE {{ GRAPH <{EX}g2> {{ ?s ?p ?o }} }}") == [(f"<{EX}c>",)]


def test_replace_replaces_exactly_the_declared_graphs(any_spec):
    store = open_store(any_spec)
    store.replace({G1, G2}, [quad("a", "b", G1), quad("c", "d", G2)])
    store.replace({G1}, [quad("x", "y", G1)])
    assert rows(store, "SELECT ?s ?o WHERE { ?s ?p ?o }") == [
        (f"<{EX}c>", f"<{EX}d>"), (f"<{EX}x>", f"<{EX}y>")]
    store.replace({G1}, [])
    assert store.graphs() == {G2}


def test_ask_and_construct(any_spec):
    store = open_store(any_spec)
    store.replace({G1}, [quad("a", "b", G1)])
    assert store.query("ASK { ?s ?p ?o }") is True
    triples = store.query("CONSTRUCT { ?o ?p ?s } WHERE { ?s ?p ?o }")
    assert [t.subject.value for t in triples] == [EX + "b"]


def test_numbers_compare_as_numbers(any_spec):
    store = open_store(any_spec)
    store.replace({G1}, [quad("a", 449.60, G1)])
    result = store.query(f"SELECT ?o WHERE {{ ?s <{EX}p> ?o FILTER(?o = 449.6) }}")
    assert isinstance(result, SelectResult)
    assert len(result.rows) == 1
    assert float(result.rows[0][0].value) == pytest.approx(449.6)


def test_undeclared_graph_fails_and_leaves_store_unchanged(any_spec):
    store = open_store(any_spec)
    store.replace({G1}, [quad("a", "b", G1)])
    before = dump(store)
    with pytest.raises(StoreError, match="undeclared graph"):
        store.replace({G1}, [quad("x", "y", G1), quad("z", "w", G2)])
    assert dump(store) == before


def test_failing_source_midway_leaves_store_unchanged(any_spec):
    store = open_store(any_spec)
    store.replace({G1}, [quad("a", "b", G1)])
    before = dump(store)

    def broken():
        yield quad("x", "y", G1)
        raise RuntimeError("source broke half-way")

    with pytest.raises(RuntimeError, match="half-way"):
        store.replace({G1, G2}, broken())
    assert dump(store) == before


def test_syntax_error_is_a_query_error(any_spec):
    store = open_store(any_spec)
    with pytest.raises(QueryError, match="(?i)syntax|parse|refused"):
        store.query("SELECT ?s WHERE { ?s ?p }")


def test_queries_are_read_only(any_spec):
    store = open_store(any_spec)
    with pytest.raises(QueryError, match="read-only"):
        store.query("DROP ALL")


def test_result_cap_truncates(any_spec):
    store = open_store(any_spec)
    store.replace({G1}, [quad(f"s{i}", "o", G1) for i in range(20)])
    result = store.query("SELECT ?s WHERE { ?s ?p ?o }", limit=5)
    assert isinstance(result, SelectResult)
    assert len(result.rows) == 5
    assert result.truncated


def test_dump_trig_round_trips(any_spec):
    store = open_store(any_spec)
    store.replace({G1, G2}, [quad("a", "b", G1), quad("c", "d", G2)])
    buffer = io.BytesIO()
    store.dump(buffer, format="trig")
    quads = set(ox.parse(buffer.getvalue(), format=ox.RdfFormat.TRIG))
    assert quads == {quad("a", "b", G1), quad("c", "d", G2)}


def test_unknown_spec():
    with pytest.raises(StoreError, match="unknown store spec 'postgres:x'"):
        open_store("postgres:x")


def test_unreachable_endpoint():
    store = open_store("http://127.0.0.1:9/query")
    with pytest.raises(StoreError, match="cannot reach the SPARQL endpoint"):
        store.query("ASK { ?s ?p ?o }")


def test_locked_store_names_the_other_process(tmp_path):
    path = tmp_path / "store"
    first = open_store(f"oxigraph:{path}")
    with pytest.raises(StoreError, match="in use by another cikg process"):
        open_store(f"oxigraph:{path}")
    reader = open_store(f"oxigraph:{path}", read_only=True)  # readers run beside a writer
    assert reader.query("ASK { ?s ?p ?o }") is False
    first.close()


def test_read_only_store_refuses_writes(tmp_path):
    path = tmp_path / "store"
    open_store(f"oxigraph:{path}").close()
    reader = open_store(f"oxigraph:{path}", read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        reader.replace({G1}, [quad("a", "b", G1)])


def test_missing_store_for_reading(tmp_path):
    with pytest.raises(StoreError, match="no store at .*cikg build"):
        open_store(f"oxigraph:{tmp_path / 'nothing'}", read_only=True)


def test_unwritable_store_path(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store(f"oxigraph:{blocker / 'store'}")


def test_replace_covers_graphs_under_a_declared_graph(any_spec):
    store = open_store(any_spec)
    sub = ox.NamedNode(EX + "g1/a/1")
    store.replace({G1}, [quad("a", "b", G1), quad("c", "d", sub)])
    assert store.graphs() == {G1, sub}
    store.replace({G1}, [quad("x", "y", G1)])
    assert store.graphs() == {G1}
    assert rows(store, "SELECT ?s WHERE { ?s ?p ?o }") == [(f"<{EX}x>",)]


def test_bulk_load_failure_removes_what_it_wrote(tmp_path, monkeypatch):
    from cikg.store import oxigraph
    monkeypatch.setattr(oxigraph, "BULK_THRESHOLD", 10)
    store = open_store(f"oxigraph:{tmp_path / 'store'}")
    store.replace({G2}, [quad("keep", "me", G2)])
    before = dump(store)

    def broken():
        for i in range(50):
            yield quad(f"s{i}", "o", ox.NamedNode(EX + f"g1/row/{i}"))
        raise RuntimeError("row 51 is broken")

    with pytest.raises(RuntimeError, match="row 51"):
        store.replace({G1}, broken())
    assert dump(store) == before
    assert store.replace({G1}, (quad(f"s{i}", "o", G1) for i in range(50))) == 50
    assert len(rows(store, f"SELECT ?s WHERE {{ GRAPH <{EX}g1> {{ ?s ?p ?o }} }}")) == 50
