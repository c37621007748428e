"""Embedded Oxigraph on disk: the default store."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain, islice
from pathlib import Path
from typing import BinaryIO, cast

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from .base import (
    QUERY_TIMEOUT,
    RESULT_CAP,
    QueryResult,
    check_quads,
    collect_rows,
    covers,
    insert_data_text,
    one_line,
    query_form,
)

__all__ = ["OxigraphStore"]

#: Above this many quads into graphs that do not exist yet, write with the bulk loader.
BULK_THRESHOLD = 200_000
#: Quads handed to the bulk loader at a time. One call buffers everything it is given
#: (0.9 GB at a million quads); chunks of this size keep its buffers near 0.1 GB for
#: about the same CPU time (measured by ``python -m bench``).
BULK_CHUNK = 100_000

FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}


def _declared(part: object, graphs: set[ox.NamedNode]) -> bool:
    """Whether *part* lists its graphs (``graphs``, a frozenset) and all are declared."""
    known = getattr(part, "graphs", None)
    if not isinstance(known, frozenset):
        return False
    for graph in known:
        if not covers(graphs, graph):
            raise StoreError(f"quad in undeclared graph {graph}: declare every graph a "
                             "load writes")
    return True


def _checked(quads: Iterable[ox.Quad], graphs: set[ox.NamedNode]) -> Iterator[ox.Quad]:
    """Yield *quads*, checking that each lies in a declared graph.

    When *quads* keeps its ``parts`` (:class:`cikg.build.QuadParts`), a part that lists
    its graphs beforehand (:class:`cikg.loaders.provenance.GraphStream`) is checked
    once, not quad by quad.
    """
    parts = getattr(quads, "parts", None)
    if parts is None:
        return _check(quads, graphs)
    return chain.from_iterable(part if _declared(part, graphs) else _check(part, graphs)
                               for part in parts)


def _check(quads: Iterable[ox.Quad], graphs: set[ox.NamedNode]) -> Iterator[ox.Quad]:
    """:func:`~cikg.store.base.check_quads`, remembering the graph of the quad before
    (loaders write a graph's quads together), so most quads cost one comparison."""
    last: object = None
    for quad in quads:
        graph = quad.graph_name
        if graph != last:
            yield from check_quads((quad,), graphs)
            last = graph
        else:
            yield quad


def _store_error(path: Path, exc: OSError) -> StoreError:
    text = str(exc)
    if "lock" in text.lower():
        return StoreError(f"the store {path} is in use by another cikg process; "
                          "wait for it to finish or use another --store")
    return StoreError(f"cannot open the store {path}: {text}")


class OxigraphStore:
    """A pyoxigraph ``Store`` in a directory (created on first write).

    Parameters
    ----------
    path : str or Path
        The store's directory.
    read_only : bool
        Open without the writer lock, seeing the data as of opening. Queries,
        views and ``serve`` open read-only so that they run beside a writer.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.spec = f"oxigraph:{self.path}"
        self.read_only = read_only
        try:
            if read_only:
                if not (self.path / "CURRENT").exists():
                    raise StoreError(f"no store at {self.path}: run `cikg build` first "
                                     "or point --store at an existing store")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise _store_error(self.path, exc) from None

    def replace(self, graphs: set[ox.NamedNode], quads: Iterable[ox.Quad]) -> int:
        self._writable()
        existing = {g for g in self.graphs() if covers(graphs, g)}
        stream = _checked(quads, graphs)
        head = list(islice(stream, BULK_THRESHOLD))
        if existing:
            if len(head) < BULK_THRESHOLD:
                return self._replace_in_transaction(existing, head)
            # too large for one transaction: drop, then bulk load (documented two steps)
            self._replace_in_transaction(existing, [])
        return self._add_new_graphs(graphs, head, stream)

    def _replace_in_transaction(self, existing: set[ox.NamedNode],
                                batch: list[ox.Quad]) -> int:
        try:
            self._store.update(insert_data_text(existing, batch))
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"write failed, store unchanged: {one_line(exc)}") from None
        return len(batch)

    def _add_new_graphs(self, graphs: set[ox.NamedNode], head: list[ox.Quad],
                        rest: Iterator[ox.Quad]) -> int:
        count = len(head)
        if count < BULK_THRESHOLD:
            try:
                self._store.extend(head)  # one transaction
            except OSError as exc:
                raise StoreError(f"write failed, store unchanged: {one_line(exc)}") from None
            return count

        count = 0
        quads = chain(head, rest)
        try:
            while batch := list(islice(quads, BULK_CHUNK)):
                self._store.bulk_extend(batch)
                count += len(batch)
        except BaseException as exc:
            # the graphs were new: removing what the bulk load wrote restores the store
            for graph in self.graphs():
                if covers(graphs, graph):
                    self._store.remove_graph(graph)
            if isinstance(exc, OSError):
                raise StoreError(f"write failed, store unchanged: {one_line(exc)}") from None
            raise
        return count

    def graphs(self) -> set[ox.NamedNode]:
        return {g for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)}

    def query(self, sparql: str, *, limit: int | None = RESULT_CAP,
              timeout: float | None = QUERY_TIMEOUT) -> QueryResult:
        form = query_form(sparql)
        if form == "UPDATE":
            raise QueryError("queries are read-only: use update() (cikg sparql --update) to write")
        try:
            result = self._store.query(sparql, use_default_graph_as_union=True)
            if form == "ASK":
                return bool(result)
            if form in ("CONSTRUCT", "DESCRIBE"):
                return list(cast(ox.QueryTriples, result))
            solutions = cast(ox.QuerySolutions, result)
            variables = [v.value for v in solutions.variables]
            rows = (tuple(solution[i] for i in range(len(variables))) for solution in solutions)
            return collect_rows(variables, rows, limit=limit, timeout=timeout)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {one_line(exc)}") from None
        except OSError as exc:
            raise StoreError(f"query failed on {self.spec}: {exc}") from None

    def update(self, sparql: str) -> None:
        self._writable()
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL Update syntax error: {one_line(exc)}") from None
        except OSError as exc:
            raise StoreError(f"update failed on {self.spec}: {exc}") from None

    def dump(self, out: BinaryIO, *, format: str = "trig") -> None:
        if format not in FORMATS:
            raise StoreError(f"unknown export format {format!r}; use trig or nquads")
        quads = self._store.quads_for_pattern(None, None, None, None)
        named = (q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph))
        ox.serialize(named, out, format=FORMATS[format])

    def close(self) -> None:
        if not self.read_only:
            self._store.flush()
        del self._store

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.spec} is open read-only")
