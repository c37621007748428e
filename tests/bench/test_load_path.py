"""The fast load path the benchmark led to: RDF files streamed, bulk writes in chunks.

- loaders/rdf.py scans a file once (graphs, size, blank nodes) and streams its quads at
  write time instead of holding them as Python objects (1.7 GB at 1M quads before);
- the store checks the graphs of such a stream once instead of quad by quad, and feeds
  the bulk loader chunks of ``BULK_CHUNK`` quads (one call buffers everything);
- the result is the same graph as before, and failures still leave the store unchanged.
"""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest

from cikg.build import QuadParts, build
from cikg.errors import StoreError
from cikg.loaders.provenance import GraphStream
from cikg.loaders.rdf import load_rdf, scan_rdf
from cikg.store import open_store

EX = "http://example.org/"
TRIG = f"""@prefix ex: <{EX}> .
ex:a ex:p "in the default graph" .
ex:g1 {{ ex:a ex:p ex:b . ex:b ex:q "1"^^<http://www.w3.org/2001/XMLSchema#integer> . }}
ex:g2 {{ ex:c ex:p "two" . }}
"""


def _nquads(store) -> list[bytes]:  # noqa: ANN001
    buffer = io.BytesIO()
    store.dump(buffer, format="nquads")
    return sorted(line for line in buffer.getvalue().splitlines()
                  if b"endedAtTime" not in line)


def test_scan_finds_graphs_size_and_blank_nodes():
    scan = scan_rdf(TRIG.encode(), ox.RdfFormat.TRIG, name="x.trig")
    assert scan.count == 4
    assert scan.graphs == {ox.DefaultGraph(), ox.NamedNode(EX + "g1"), ox.NamedNode(EX + "g2")}
    assert not scan.blank_nodes
    assert scan_rdf(b"_:g { <http://e/a> <http://e/b> <http://e/c> . }", ox.RdfFormat.TRIG,
                    name="x").blank_nodes  # a blank graph name needs the skolemizing path


def test_a_trig_file_streams_into_its_graphs(tmp_path):
    path = tmp_path / "data.trig"
    path.write_text(TRIG)
    source = load_rdf(path)
    streams = [p for p in source.parts() if isinstance(p, GraphStream)]
    assert len(streams) == 1
    assert streams[0].count == 4
    data_graph = ox.NamedNode(f"{source.graph.value}/data")
    assert streams[0].graphs == {data_graph, ox.NamedNode(EX + "g1"), ox.NamedNode(EX + "g2")}
    quads = list(source.quads())
    assert ox.Quad(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "p"),
                   ox.Literal("in the default graph"), data_graph) in quads
    listed = {q.subject for q in quads if q.graph_name == source.graph
              and q.predicate.value.endswith("wasDerivedFrom")}
    assert streams[0].graphs <= listed


def test_bulk_chunks_write_the_same_graph(tmp_path, monkeypatch):
    from cikg.store import oxigraph

    path = tmp_path / "data.trig"
    path.write_text(TRIG)
    one = open_store(f"oxigraph:{tmp_path / 'one'}")
    build(one, [path], vocabulary=False)
    expected = _nquads(one)
    monkeypatch.setattr(oxigraph, "BULK_THRESHOLD", 3)
    monkeypatch.setattr(oxigraph, "BULK_CHUNK", 2)
    chunked = open_store(f"oxigraph:{tmp_path / 'chunked'}")
    report = build(chunked, [path], vocabulary=False)
    assert _nquads(chunked) == expected
    assert report.quads == len(expected) + 1  # + the load time left out above
    build(chunked, [path], vocabulary=False)  # a reload replaces exactly the file's graphs
    assert _nquads(chunked) == expected


def test_a_stream_in_an_undeclared_graph_is_refused(tmp_path):
    store = open_store(f"oxigraph:{tmp_path / 'store'}")
    g1, g2 = ox.NamedNode(EX + "g1"), ox.NamedNode(EX + "g2")
    quad = ox.Quad(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "p"), ox.NamedNode(EX + "b"), g2)
    stream = GraphStream(lambda: [quad], frozenset({g2}), 1)
    with pytest.raises(StoreError, match="undeclared graph"):
        store.replace({g1}, QuadParts([stream]))
    assert store.graphs() == set()


def test_a_failure_after_some_chunks_removes_them(tmp_path, monkeypatch):
    from cikg.store import oxigraph

    monkeypatch.setattr(oxigraph, "BULK_THRESHOLD", 10)
    monkeypatch.setattr(oxigraph, "BULK_CHUNK", 10)
    store = open_store(f"oxigraph:{tmp_path / 'store'}")
    keep = ox.NamedNode(EX + "keep")
    store.replace({keep}, [ox.Quad(ox.NamedNode(EX + "k"), ox.NamedNode(EX + "p"),
                                   ox.Literal("kept"), keep)])
    before = _nquads(store)
    g1 = ox.NamedNode(EX + "g1")

    def rows():
        for i in range(45):  # four chunks are written before the failure
            yield ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(EX + "p"), ox.Literal(str(i)),
                          ox.NamedNode(f"{EX}g1/row/{i}"))
        raise RuntimeError("row 46 is broken")

    with pytest.raises(RuntimeError, match="row 46"):
        store.replace({g1}, QuadParts([rows()]))
    assert _nquads(store) == before
