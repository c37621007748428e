"""RDF files into the graph: Turtle, N-Triples, RDF/XML and JSON-LD into one named graph
per file; TriG and N-Quads keep their own graphs (under the file's source graph)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox

from cikg.errors import LoadError

from .provenance import SourceDescription, SourceGraphs

__all__ = ["RDF_FORMATS", "parse_rdf", "load_rdf", "skolemize"]

RDF_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".n3": ox.RdfFormat.N3,
    ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML, ".xml": ox.RdfFormat.RDF_XML,
    ".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".jsonld": ox.RdfFormat.JSON_LD,
}


def parse_rdf(data: bytes, fmt: ox.RdfFormat, *, name: str,
              default_graph: ox.NamedNode) -> list[ox.Quad]:
    """Parse *data*; triples of the default graph go into *default_graph*.

    Raises
    ------
    LoadError
        For a syntax error, naming the file, line and column.
    """
    try:
        quads = [q if not isinstance(q.graph_name, ox.DefaultGraph)
                 else ox.Quad(q.subject, q.predicate, q.object, default_graph)
                 for q in ox.parse(data, format=fmt)]
        if any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object)):
            quads = skolemize(quads, scope=default_graph.value)
        return quads
    except SyntaxError as exc:
        location = getattr(exc, "lineno", None)
        raise LoadError(name, f"RDF syntax error: {exc.msg if hasattr(exc, 'msg') else exc}",
                        line=location) from None
    except ValueError as exc:
        raise LoadError(name, f"cannot parse as {fmt}: {exc}") from None


def skolemize(quads: list[ox.Quad], *, scope: str) -> list[ox.Quad]:
    """Replace blank nodes by well-known IRIs from canonical labels (RDFC-1.0).

    The same data in the same *scope* always gives the same IRIs, so reloading a file
    rewrites exactly the same quads; SPARQL ``INSERT DATA`` would otherwise mint new
    blank nodes on every write.
    """
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    base = f"{scope.rstrip('/')}/.well-known/genid/"

    def term(t):  # noqa: ANN001, ANN202
        return ox.NamedNode(base + t.value) if isinstance(t, ox.BlankNode) else t

    return [ox.Quad(term(q.subject), q.predicate, term(q.object), q.graph_name)
            for q in dataset]


def load_rdf(path: Path, *, key: str | None = None) -> SourceGraphs:
    """Load an RDF file as a source.

    Triples of a Turtle (N-Triples, RDF/XML, JSON-LD) file go into the graph
    ``{source graph}/data``; a TriG or N-Quads file keeps its named graphs, each
    recorded in the source graph as ``prov:wasDerivedFrom`` the file, so that
    reloading the file replaces exactly its graphs.

    Raises
    ------
    LoadError
        For an unknown file type or a syntax error (with the line).
    """
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise LoadError(str(path), f"unknown RDF file type {path.suffix!r}; use one of "
                        f"{', '.join(sorted(RDF_FORMATS))}")
    data = path.read_bytes()
    info = SourceDescription(key or path.name, "RdfDocument", title=path.name, file_name=path.name,
                      content_hash=hashlib.sha256(data).hexdigest())
    source = SourceGraphs(info)
    data_graph = ox.NamedNode(f"{source.graph.value}/data")
    quads = parse_rdf(data, fmt, name=str(path), default_graph=data_graph)
    graphs = {q.graph_name for q in quads}
    for graph in sorted(graphs, key=str):
        assert isinstance(graph, ox.NamedNode)  # default-graph triples went to data_graph
        source.describe(graph, "http://www.w3.org/ns/prov#wasDerivedFrom", info.iri)
    source.add_graph_quads(quads, graphs)  # type: ignore[arg-type]
    return source
