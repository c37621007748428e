"""One answering session over a graph: runs catalog queries and analyses, keeps the record.

Every answer and briefing says how it was computed: the catalog queries it ran (with
their parameters and the SPARQL text as bound) and the analyses it called. A
:class:`Session` runs them through the public API (``kg.query`` and the analytics
package), caches results by name and parameters, and records each run once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from cikg.errors import QueryError
from cikg.queries import catalog, get_query
from cikg.queries import run as run_query
from cikg.queries.entities import is_iri, resolve_name

from .entities import EntityIndex

if TYPE_CHECKING:
    from cikg.api import KnowledgeGraph

__all__ = ["QueryRun", "Session"]


@dataclass(frozen=True)
class QueryRun:
    """A query or analysis that an answer ran: name, parameters, SPARQL text, row count.

    ``kind`` is ``query`` (a catalog query; ``sparql`` is its text with the parameters
    bound) or ``analysis`` (an analytics call; ``sparql`` holds the catalog queries it
    read, each after a ``# name`` line).
    """

    name: str
    params: dict[str, str]
    sparql: str
    rows: int
    kind: str = "query"

    def to_dict(self) -> dict[str, Any]:
        """Return the run as plain data (for JSON)."""
        return {"kind": self.kind, "name": self.name, "params": dict(self.params),
                "sparql": self.sparql, "rows": self.rows}


@dataclass
class Session:
    """Run catalog queries and analyses on *kg*, caching results and recording each run.

    Catalog queries go through the catalog's runner (:func:`cikg.queries.run`, what
    ``kg.query`` runs), which sorts list columns and derives computed columns.

    Examples
    --------
    >>> import cikg
    >>> session = Session(cikg.open("memory:"))
    >>> session.query("sources").empty, [run.name for run in session.runs]
    (True, ['sources'])
    """

    kg: KnowledgeGraph
    runs: list[QueryRun] = field(default_factory=list)
    memo: dict[str, Any] = field(default_factory=dict, repr=False)
    _cache: dict[tuple, pd.DataFrame] = field(default_factory=dict, repr=False)
    _index: EntityIndex | None = field(default=None, repr=False)

    @staticmethod
    def available(name: str) -> bool:
        """Whether the catalog has a query called *name*."""
        return name in catalog()

    def query(self, name: str, /, **params: object) -> pd.DataFrame:
        """Run catalog query *name*; entity parameters take IRIs (strings) or names.

        Parameters left as None are left out. The result is cached per session.

        Raises
        ------
        QueryError
            From the catalog (unknown query or parameter, an unknown name, a timeout).
        """
        values = {k: v for k, v in params.items() if v is not None and v != ""}
        key = (name, tuple(sorted((k, str(v)) for k, v in values.items())))
        if key in self._cache:
            return self._cache[key].copy()
        entry = get_query(name)
        for param in entry.params:
            value = values.get(param.name)
            if param.entity and value is not None and not is_iri(str(value)):
                values[param.name] = resolve_name(self.kg.store, param.type, str(value),
                                                  param=param.name).value
        frame = run_query(self.kg.store, entry, values, limit=None)
        self.runs.append(QueryRun(name, {k: str(v) for k, v in values.items()},
                                  entry.bound(**values), len(frame)))
        self._cache[key] = frame
        return frame.copy()

    def optional(self, name: str, /, **params: object) -> pd.DataFrame | None:
        """Run *name* if the catalog has it, else return None (a section is then skipped)."""
        if not self.available(name):
            return None
        try:
            return self.query(name, **params)
        except QueryError:
            return None

    def record(self, name: str, params: dict[str, object], sparql: str, rows: int) -> None:
        """Record an analysis call: its parameters and the SPARQL of the queries it read."""
        self.runs.append(QueryRun(name, {k: str(v) for k, v in params.items()}, sparql, rows,
                                  kind="analysis"))

    def index(self) -> EntityIndex:
        """Return the index of entity names of the graph (built once per session)."""
        if self._index is None:
            self._index = EntityIndex.from_frame(self.query("answers-names"))
        return self._index

    def sparql_runs(self) -> list[QueryRun]:
        """Return the runs, each catalog query once (in first-run order)."""
        seen, out = set(), []
        for run in self.runs:
            key = (run.kind, run.name, tuple(sorted(run.params.items())))
            if key not in seen:
                seen.add(key)
                out.append(run)
        return out
