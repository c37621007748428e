"""RDF files into the graph: Turtle, N-Triples, RDF/XML and JSON-LD into one named graph
per file; TriG and N-Quads keep their own graphs (under the file's source graph).

A file is parsed twice and never held as Python quads: a first pass checks the syntax
and collects its graphs and whether it has blank nodes, a second pass, when the store
writes, streams the quads. Only a file with blank nodes is held in memory, to be
skolemized.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pyoxigraph as ox

from cikg.errors import LoadError
from cikg.ontology.ids import PROV
from cikg.ontology.namespace import CIKG

from .provenance import GraphStream, SourceDescription, SourceGraphs

__all__ = ["RDF_FORMATS", "RdfScan", "parse_rdf", "scan_rdf", "load_rdf", "skolemize"]

PROV_DERIVED = ox.NamedNode(PROV + "wasDerivedFrom")

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
        if any(isinstance(t, ox.BlankNode)
               for q in quads for t in (q.subject, q.object, q.graph_name)):
            quads = skolemize(quads, scope=default_graph.value)
        return quads
    except (SyntaxError, ValueError) as exc:
        _parse_error(exc, name, fmt, data)


def _parse_error(exc: SyntaxError | ValueError, name: str, fmt: ox.RdfFormat,
                 data: bytes) -> NoReturn:
    if isinstance(exc, SyntaxError):
        message = " ".join(str(exc.msg if hasattr(exc, "msg") else exc).split())
        if "LoadDocumentCallback" in message:  # a JSON-LD @context given by URL
            found = re.search(rb'"@context"\s*:\s*\[?\s*"([^"]*)"', data)
            url = found[1].decode("utf-8", "replace") if found else "?"
            raise LoadError(name, f"JSON-LD context {url!r} is remote: cikg never fetches "
                            "URLs; put the context in the file") from None
        location = getattr(exc, "lineno", None)
        if location is None and fmt == ox.RdfFormat.RDF_XML:
            location = _xml_error_line(data)
        raise LoadError(name, f"RDF syntax error: {message}", line=location) from None
    raise LoadError(name, f"cannot parse as {fmt}: {' '.join(str(exc).split())}") from None


def _xml_error_line(data: bytes) -> int | None:
    """The line of the first XML well-formedness error (the RDF/XML parser gives none)."""
    from xml.parsers import expat
    parser = expat.ParserCreate()  # expat fetches no external entity
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        return exc.lineno
    return None


@dataclass(frozen=True)
class RdfScan:
    """What a first pass over an RDF document found: its graphs, size and blank nodes."""

    graphs: frozenset[ox.NamedNode | ox.DefaultGraph]
    count: int
    blank_nodes: bool
    derived: frozenset[ox.NamedNode] = frozenset()  # graphs the file gives a source


def scan_rdf(data: bytes, fmt: ox.RdfFormat, *, name: str) -> RdfScan:
    """Parse *data* once without keeping its quads; return its graphs, size and blank nodes.

    Raises
    ------
    LoadError
        For a syntax error, naming the file, line and column.

    Examples
    --------
    >>> scan = scan_rdf(b"<http://ex/s> <http://ex/p> _:b .", ox.RdfFormat.N_TRIPLES, name="x")
    >>> scan.count, scan.blank_nodes, scan.graphs == {ox.DefaultGraph()}
    (1, True, True)
    """
    graphs: set[ox.NamedNode | ox.DefaultGraph] = set()
    add = graphs.add
    blank, count = ox.BlankNode, 0
    found_blank = False
    derived: set[ox.NamedNode] = set()
    try:
        for quad in ox.parse(data, format=fmt):
            count += 1
            add(quad.graph_name)  # type: ignore[arg-type]
            if quad.predicate == PROV_DERIVED and isinstance(quad.subject, ox.NamedNode):
                derived.add(quad.subject)
            if not found_blank and blank in (type(quad.subject), type(quad.object),
                                             type(quad.graph_name)):
                found_blank = True
    except (SyntaxError, ValueError) as exc:
        _parse_error(exc, name, fmt, data)
    return RdfScan(frozenset(graphs), count, found_blank, frozenset(derived & graphs))


def _streamed(data: bytes, fmt: ox.RdfFormat, default_graph: ox.NamedNode,
              scan: RdfScan) -> Iterator[ox.Quad]:
    quads = ox.parse(data, format=fmt)
    if ox.DefaultGraph() not in scan.graphs:
        return quads  # no quad to move: the parser's own iterator, no Python per quad
    return (q if not isinstance(q.graph_name, ox.DefaultGraph)
            else ox.Quad(q.subject, q.predicate, q.object, default_graph) for q in quads)


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

    return [ox.Quad(term(q.subject), q.predicate, term(q.object), term(q.graph_name))
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
    scan = scan_rdf(data, fmt, name=str(path))
    if scan.blank_nodes:  # skolemizing needs the whole file at once
        quads = parse_rdf(data, fmt, name=str(path), default_graph=data_graph)
        graphs = {q.graph_name for q in quads}
        source.add_graph_quads(quads, graphs)  # type: ignore[arg-type]
    else:
        graphs = {data_graph if isinstance(g, ox.DefaultGraph) else g for g in scan.graphs}
        source.add_graph_stream(GraphStream(
            lambda: _streamed(data, fmt, data_graph, scan),
            frozenset(graphs), scan.count))  # type: ignore[arg-type]
    iri = info.iri
    for graph in sorted(graphs, key=str):
        assert isinstance(graph, ox.NamedNode)  # default-graph triples went to data_graph
        # a graph with its own source (an exported cikg graph) keeps that one as its
        # only source; the file is recorded as what carried it
        link = CIKG.importedFrom if graph in scan.derived else PROV_DERIVED
        source.describe(graph, link, iri)
    return source
