"""Source graphs and assertion graphs: every fact with its source, section, quote and date.

A :class:`SourceGraphs` collects what one source contributes: the description of the
source (in its source graph) and one assertion graph per quoted passage, whose
metadata (source, section heading, quote, offsets, as-of date, method, confidence)
goes into the source graph. See ``docs/data-model.md``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from itertools import chain
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from cikg.ontology.ids import DCTERMS, PROV, RDF_TYPE, XSD, entity_iri, graph_iri, node
from cikg.ontology.namespace import CIKG

__all__ = ["SourceDescription", "SourceGraphs", "GraphStream", "literal", "source_prefix"]

Object = NamedNode | BlankNode | Literal


def literal(value: object) -> Literal:
    """Return a typed literal: int -> xsd:integer, float -> xsd:decimal, date, datetime, str.

    Examples
    --------
    >>> literal(2024).datatype.value
    'http://www.w3.org/2001/XMLSchema#integer'
    >>> literal(15.7).value
    '15.7'
    >>> literal(3.2e9).value
    '3200000000'
    """
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=node(XSD + "boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=node(XSD + "integer"))
    if isinstance(value, float):
        # the canonical form Oxigraph stores (3200000000.0 -> 3200000000), so every
        # engine and every reload sees the same lexical value
        text = format(Decimal(repr(value)), "f")
        text = text[:-2] if text.endswith(".0") else text
        return Literal(text, datatype=node(XSD + "decimal"))
    if isinstance(value, datetime):
        return Literal(value.isoformat(), datatype=node(XSD + "dateTime"))
    if isinstance(value, date):
        return Literal(value.isoformat(), datatype=node(XSD + "date"))
    return Literal(str(value))


def source_prefix(key: str) -> str:
    """Return the IRI prefix every graph of the source *key* starts with."""
    return graph_iri("source", key).value


def file_hash(path: Path) -> str:
    """Return the SHA-256 of the file at *path* (a source's ``cikg:contentHash``), read
    in blocks so that a large table is never in memory at once."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class SourceDescription:
    """What cikg records about a source file.

    Parameters
    ----------
    key : str
        Stable identity of the source across reloads (by default its file name).
    kind : str
        ``Report``, ``Table`` or ``RdfDocument`` (a ``cikg:`` class name).
    """

    key: str
    kind: str = "Report"
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: date | None = None
    content_hash: str | None = None
    file_name: str | None = None

    @property
    def iri(self) -> NamedNode:
        return entity_iri("source", self.key)

    @property
    def as_of(self) -> date | None:
        return self.published


def _term(obj: object) -> Object:
    return obj if isinstance(obj, (NamedNode, BlankNode, Literal)) else literal(obj)


@cache
def _meta_predicates() -> tuple[NamedNode, ...]:
    """The predicates of an assertion graph's metadata, minted once."""
    return tuple(node(p) for p in (
        RDF_TYPE, PROV + "wasDerivedFrom", CIKG.sectionHeading, CIKG.quote, CIKG.startOffset,
        CIKG.endOffset, CIKG.asOf, CIKG.method, CIKG.confidence, CIKG.AssertionGraph))


@dataclass(frozen=True)
class GraphStream:
    """Quads read only when the store writes them, whose graphs are known beforehand.

    A loader that has checked a document (an RDF file it scanned) knows every graph
    its quads lie in and how many there are. A store may then write them without
    checking each quad: it checks :attr:`graphs` once.

    Parameters
    ----------
    produce : callable
        Returns the quads (an iterator); called once per write.
    graphs : frozenset of NamedNode
        Every graph a quad of the stream lies in.
    count : int
        The number of quads.
    """

    produce: Callable[[], Iterable[Quad]]
    graphs: frozenset[NamedNode]
    count: int

    def __iter__(self) -> Iterator[Quad]:
        return iter(self.produce())


@dataclass
class SourceGraphs:
    """The quads one source contributes: its source graph and its assertion graphs.

    Every graph of a source lies under its source graph IRI (assertion graphs are
    ``{source graph}/a/{digest}``), except the named graphs an imported TriG or N-Quads
    file brings, which :meth:`graphs` lists too. Large sources (tables) add quads as
    streams that are read only when the store writes them.
    """

    info: SourceDescription
    loaded_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    warnings: list[str] = field(default_factory=list)
    _quads: list[Quad] = field(default_factory=list)
    _assertions: set[NamedNode] = field(default_factory=set)
    _extra_graphs: set[NamedNode] = field(default_factory=set)
    _streams: list[Callable[[], Iterable[Quad]]] = field(default_factory=list)
    _graph_streams: list[GraphStream] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.graph = graph_iri("source", self.info.key)
        self._source_iri = self.info.iri  # minted once: a slug per assertion graph costs
        self._as_of = literal(self.info.as_of or self.loaded_at.date())
        self._literals: dict[tuple[str, object], Literal] = {}  # methods and confidences
        self._describe_source()

    def describe(self, subject: NamedNode | BlankNode, predicate: str | NamedNode,
                 obj: Object | object) -> None:
        """Add a triple to the source graph (source metadata, entity matches)."""
        if obj is not None:
            self._quads.append(Quad(subject, node(predicate), _term(obj), self.graph))

    def assert_facts(
        self,
        triples: Iterable[tuple[NamedNode | BlankNode, str | NamedNode, Object | object]],
        *,
        section: str,
        quote: str,
        start: int | None = None,
        end: int | None = None,
        method: str,
        confidence: float = 1.0,
    ) -> NamedNode:
        """Put *triples* into the assertion graph of one quoted passage; return its IRI.

        The same (method, section, quote) always gives the same graph, so facts from
        one passage gather in one graph and reloads mint the same IRIs.
        """
        graph = self.assertion_graph(method, section, quote)
        first = graph not in self._assertions
        self._assertions.add(graph)
        self._quads.extend(self.assertion_quads(
            graph, triples, section=section, quote=quote, start=start, end=end,
            method=method, confidence=confidence, describe=first))
        return graph

    def assertion_graph(self, method: str, section: str, quote: str) -> NamedNode:
        """Return the IRI of the assertion graph of one passage (content-addressed)."""
        digest = hashlib.sha1(f"{method}\x1f{section}\x1f{quote}".encode()).hexdigest()[:16]
        return NamedNode(f"{self.graph.value}/a/{digest}")

    def assertion_quads(
        self,
        graph: NamedNode,
        triples: Iterable[tuple[NamedNode | BlankNode, str | NamedNode, Object | object]],
        *,
        section: str,
        quote: str,
        start: int | None,
        end: int | None,
        method: str,
        confidence: float,
        describe: bool = True,
    ) -> list[Quad]:
        """Return the quads of an assertion graph and (with *describe*) its metadata."""
        quads = [Quad(s, node(p), _term(o), graph) for s, p, o in triples if o is not None]
        if describe:
            (kind, derived, heading, quoted, first, last, as_of, how, sure,
             assertion) = _meta_predicates()
            home = self.graph
            quads += [Quad(graph, kind, assertion, home),
                      Quad(graph, derived, self._source_iri, home)]
            quads += [Quad(graph, p, _term(o), home) for p, o in (
                (heading, section), (quoted, quote), (first, start), (last, end))
                if o is not None]
            quads += [Quad(graph, as_of, self._as_of, home),
                      Quad(graph, how, self._cached("method", method), home),
                      Quad(graph, sure, self._cached("confidence", float(confidence)), home)]
        return quads

    def _cached(self, kind: str, value: object) -> Literal:
        key = (kind, value)
        term = self._literals.get(key)
        if term is None:
            term = self._literals[key] = literal(value)
        return term

    def _describe_source(self) -> None:
        info, iri = self.info, self.info.iri
        self.describe(iri, RDF_TYPE, node(CIKG[info.kind]))
        self.describe(iri, DCTERMS + "title", info.title)
        self.describe(iri, DCTERMS + "publisher", info.publisher)
        if info.publisher and re.fullmatch(r"[\w-]+(\.[\w-]+)+", info.publisher):
            self.describe(iri, CIKG.publisherDomain, info.publisher)  # a domain, not a name
        if info.url:
            self.describe(iri, "https://schema.org/url", NamedNode(info.url))
        self.describe(iri, DCTERMS + "issued", info.published)
        self.describe(iri, CIKG.contentHash, info.content_hash)
        self.describe(iri, CIKG.fileName, info.file_name)
        load = NamedNode(f"{self.graph.value}/load")
        self.describe(iri, PROV + "wasGeneratedBy", load)
        self.describe(load, RDF_TYPE, node(CIKG.Load))
        self.describe(load, PROV + "endedAtTime", self.loaded_at)

    def add_graph_quads(self, quads: list[Quad], graphs: set[NamedNode]) -> None:
        """Add quads of whole graphs the source owns (imported RDF), as they are."""
        self._quads.extend(quads)
        self._extra_graphs |= graphs

    def add_stream(self, stream: Callable[[], Iterable[Quad]]) -> None:
        """Add quads produced later, when the store writes (for sources too big to hold)."""
        self._streams.append(stream)

    def add_graph_stream(self, stream: GraphStream) -> None:
        """Add the quads of whole graphs the source owns, read when the store writes them."""
        self._graph_streams.append(stream)
        self._extra_graphs |= stream.graphs

    def quads(self) -> Iterator[Quad]:
        """Yield every quad: the source graph and assertions first, then the streams."""
        for part in self.parts():
            yield from part

    def parts(self) -> list[Iterable[Quad]]:
        """Return the quads as parts, in the order of :meth:`quads`: the quads held
        (each once), each :class:`GraphStream`, then the other streams (read lazily)."""
        held = iter(dict.fromkeys(self._quads))  # each quad once, in order
        streams = chain.from_iterable(stream() for stream in self._streams)
        return [held, *self._graph_streams, streams]

    @property
    def streamed(self) -> bool:
        """Whether some quads come from streams (read only when written)."""
        return bool(self._streams)

    def graphs(self) -> set[NamedNode]:
        """Return the graphs the source writes: its source graph (which covers its
        assertion graphs) and the named graphs an imported RDF file brings."""
        return {self.graph, *self._extra_graphs}
