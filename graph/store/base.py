"""The small protocol every store backend implements, and its result types.

Terms cross the protocol as pyoxigraph terms (``NamedNode``, ``Literal``,
``BlankNode``), whatever the engine, so that queries, analytics and views see
one representation.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol, runtime_checkable

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Triple

from ..errors import QueryError, StoreError

__all__ = ["Term", "SelectResult", "QueryResult", "Store", "query_form", "one_line", "covers",
           "check_quads", "collect_rows", "insert_data_text", "QUERY_TIMEOUT", "RESULT_CAP"]

Term = NamedNode | BlankNode | Literal | Triple

#: Default seconds a query may run and rows it may return; callers may change both.
QUERY_TIMEOUT = 60.0
RESULT_CAP = 100_000


@dataclass
class SelectResult:
    """The rows of a SELECT query: variable names and one tuple of terms (or None) per row."""

    variables: list[str]
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    truncated: bool = False


QueryResult = SelectResult | bool | list[Triple]

_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b", re.IGNORECASE)


def _strip_prologue_noise(sparql: str) -> str:
    # drop IRIs, strings, comments, variables and prefixed names (PREFIX drop: <...>,
    # ?load, ex:insert) so that only keywords can look like keywords
    text = re.sub(r"<[^<>\s]*>", "<>", sparql)
    text = re.sub(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'", '""', text)
    text = re.sub(r"#[^\n]*", "", text)
    text = re.sub(r"[?$]\w+", "?v", text)
    return re.sub(r"[A-Za-z_][\w.-]*:[\w.-]*|:[\w.-]+", "p:", text)


def query_form(sparql: str) -> str:
    """Return ``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE`` or ``UPDATE`` for a request text.

    Examples
    --------
    >>> query_form("PREFIX ex: <http://ex/#select> SELECT * { ?s ?p ?o }")
    'SELECT'
    >>> query_form("DROP ALL")
    'UPDATE'
    >>> query_form("PREFIX drop: <http://ex/> SELECT ?load WHERE { ?load drop:insert 1 }")
    'SELECT'
    """
    text = _strip_prologue_noise(sparql)
    match = _FORM.search(text)
    update = _UPDATE.search(text)
    if update and (match is None or update.start() < match.start()):
        return "UPDATE"
    return match.group(1).upper() if match else "UPDATE"


def one_line(message: object, *, width: int = 200) -> str:
    """Return an engine's error message on one line, cut to *width* characters.

    Examples
    --------
    >>> one_line("error at 1:24:   expected one of   '$', '('")
    "error at 1:24: expected one of '$', '('"
    """
    text = " ".join(str(message).split())
    return text if len(text) <= width else text[: width - 3].rstrip() + "..."


def collect_rows(
    variables: list[str],
    rows: Iterable[tuple[Term | None, ...]],
    *,
    limit: int | None,
    timeout: float | None,
) -> SelectResult:
    """Drain *rows* into a :class:`SelectResult`, stopping at *limit* rows or *timeout* seconds."""
    result = SelectResult(variables)
    deadline = None if timeout is None else time.monotonic() + timeout
    for i, row in enumerate(rows):
        if limit is not None and i >= limit:
            result.truncated = True
            break
        if deadline is not None and i % 256 == 0 and time.monotonic() > deadline:
            raise QueryError(f"query timed out after {timeout:g} s; raise the timeout or narrow it")
        result.rows.append(row)
    return result


def covers(graphs: set[NamedNode], graph: object) -> bool:
    """Whether *graph* is one of *graphs* or lies under one (``{declared}/...``).

    Examples
    --------
    >>> g = NamedNode("http://ex/source/a")
    >>> covers({g}, NamedNode("http://ex/source/a/row/7")), covers({g}, NamedNode("http://ex/b"))
    (True, False)
    """
    if not isinstance(graph, NamedNode):
        return False
    if graph in graphs:
        return True
    iri = graph.value
    cut = iri.rfind("/")
    while cut > 0:
        iri = iri[:cut]
        if NamedNode(iri) in graphs:
            return True
        cut = iri.rfind("/")
    return False


def check_quads(quads: Iterable[Quad], graphs: set[NamedNode]) -> Iterator[Quad]:
    """Yield *quads*, raising :class:`StoreError` for one outside the declared *graphs*."""
    for quad in quads:
        if not covers(graphs, quad.graph_name):
            raise StoreError(f"quad in undeclared graph {quad.graph_name}: declare every "
                             "graph a load writes")
        yield quad


def insert_data_text(graphs: Iterable[NamedNode], quads: Iterable[Quad]) -> str:
    """Return one SPARQL Update that drops *graphs* and inserts *quads* (one transaction)."""
    parts = [f"DROP SILENT GRAPH {g} ;" for g in sorted(graphs, key=str)]
    body = "\n".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}"
                     for q in quads)
    if body:
        parts.append("INSERT DATA {\n" + body + "\n}")
    return "\n".join(parts) or "DROP SILENT GRAPH <urn:cikg:none>"


@runtime_checkable
class Store(Protocol):
    """What cikg needs from a triple store.

    ``replace`` is the one write: it makes the named *graphs*, and the graphs under
    them (``{graph}/...``), hold exactly *quads*, atomically, so a failed load leaves
    the store as it was. Queries see the union
    of the named graphs as their default graph.
    """

    spec: str

    def replace(self, graphs: set[NamedNode], quads: Iterable[Quad]) -> int:
        """Replace *graphs* by *quads* in one transaction; return the number of quads written."""
        ...

    def graphs(self) -> set[NamedNode]:
        """Return the named graphs that hold at least one quad."""
        ...

    def query(self, sparql: str, *, limit: int | None = RESULT_CAP,
              timeout: float | None = QUERY_TIMEOUT) -> QueryResult:
        """Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE)."""
        ...

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update; only when the caller asks for a write."""
        ...

    def dump(self, out: BinaryIO, *, format: str = "trig") -> None:
        """Write every named graph to *out* as ``trig`` or ``nquads``."""
        ...

    def close(self) -> None:
        """Release the store (locks, connections)."""
        ...
