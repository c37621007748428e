"""rdflib ``Dataset`` in memory: for library users who hand in rdflib graphs, and the
reference engine of the tests."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, BinaryIO

import pyoxigraph as ox
import rdflib
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.term import Identifier

from ..errors import QueryError, StoreError
from .base import (
    QUERY_TIMEOUT,
    RESULT_CAP,
    QueryResult,
    check_quads,
    collect_rows,
    covers,
    one_line,
    query_form,
)

__all__ = ["MemoryStore", "to_rdflib", "from_rdflib"]


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term: object) -> Identifier:
    """Return the rdflib term of a pyoxigraph term."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if not isinstance(term, ox.Literal):
        raise StoreError(f"rdflib memory stores no RDF-star terms: {term}")
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        # a plain literal for rdflib, whose SPARQL would not match "faq" with "faq"^^xsd:string
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value),
                          normalize=False)


def from_rdflib(term: object) -> Any:
    """Return the pyoxigraph term of an rdflib term (None stays None)."""
    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = term.datatype or rdflib.XSD.string
        return ox.Literal(str(term), datatype=ox.NamedNode(str(datatype)))
    raise QueryError(f"unsupported rdflib term {term!r}")


class MemoryStore:
    """An rdflib ``Dataset`` whose default graph is the union of its named graphs."""

    def __init__(self, dataset: rdflib.Dataset | None = None) -> None:
        self.spec = "memory:"
        self.dataset = dataset if dataset is not None else rdflib.Dataset(default_union=True)
        self.dataset.default_union = True

    def replace(self, graphs: set[ox.NamedNode], quads: Iterable[ox.Quad]) -> int:
        batch = list(check_quads(quads, graphs))  # fail before touching the dataset
        existing = {g for g in self.graphs() if covers(graphs, g)}
        saved = {g: list(self._context(g)) for g in existing}
        try:
            for graph in existing:
                self.dataset.remove_graph(self._context(graph))
            for quad in batch:
                self._context(quad.graph_name).add(
                    (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
        except Exception as exc:
            for graph, triples in saved.items():
                self.dataset.remove_graph(self._context(graph))
                context = self._context(graph)
                for triple in triples:
                    context.add(triple)
            raise StoreError(f"write failed, store unchanged: {exc}") from exc
        return len(batch)

    def _context(self, graph: object) -> rdflib.Graph:
        assert isinstance(graph, ox.NamedNode)
        return self.dataset.graph(rdflib.URIRef(graph.value))

    def graphs(self) -> set[ox.NamedNode]:
        return {ox.NamedNode(str(c.identifier)) for c in self.dataset.graphs()
                if isinstance(c.identifier, rdflib.URIRef)
                and c.identifier != rdflib.graph.DATASET_DEFAULT_GRAPH_ID and len(c)}

    def query(self, sparql: str, *, limit: int | None = RESULT_CAP,
              timeout: float | None = QUERY_TIMEOUT) -> QueryResult:
        form = query_form(sparql)
        if form == "UPDATE":
            raise QueryError("queries are read-only: use update() (cikg sparql --update) to write")
        try:
            parseQuery(sparql)
        except Exception as exc:  # pyparsing raises its own hierarchy
            raise QueryError(f"SPARQL syntax error: {one_line(exc)}") from None
        try:
            result: Any = self.dataset.query(sparql)
            if form == "ASK":
                return bool(result.askAnswer)
            if form in ("CONSTRUCT", "DESCRIBE"):
                return [ox.Triple(*(from_rdflib(t) for t in triple)) for triple in result]
            variables = [str(v) for v in result.vars or []]
            rows = (tuple(from_rdflib(row[v]) for v in variables) for row in result)
            return collect_rows(variables, rows, limit=limit, timeout=timeout)
        except QueryError:
            raise
        except Exception as exc:
            raise QueryError(f"query failed on memory: {one_line(exc)}") from None

    def update(self, sparql: str) -> None:
        try:
            self.dataset.update(sparql)
        except Exception as exc:
            raise QueryError(f"SPARQL Update failed: {one_line(exc)}") from None

    def dump(self, out: BinaryIO, *, format: str = "trig") -> None:
        if format not in ("trig", "nquads"):
            raise StoreError(f"unknown export format {format!r}; use trig or nquads")
        quads = [ox.Quad(from_rdflib(s), from_rdflib(p), from_rdflib(o), ox.NamedNode(str(g)))
                 for s, p, o, g in self.dataset.quads((None, None, None, None))
                 if g is not None and isinstance(g, rdflib.URIRef)
                 and g != rdflib.graph.DATASET_DEFAULT_GRAPH_ID]
        ox.serialize(quads, out, format=ox.RdfFormat.TRIG if format == "trig"
                     else ox.RdfFormat.N_QUADS)

    def close(self) -> None:
        """Nothing to release."""
