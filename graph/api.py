"""The Python API: ``cikg.open(spec)`` returns a :class:`KnowledgeGraph`."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pandas as pd
import rdflib

from .build import BuildReport, build
from .errors import QueryError
from .frames import to_dataframe
from .store import QUERY_TIMEOUT, RESULT_CAP, SelectResult, Store, open_store
from .views import HtmlPage

if TYPE_CHECKING:
    from .validation import ValidationReport

__all__ = ["KnowledgeGraph", "open", "catalog_frame"]


class KnowledgeGraph:
    """A competitive-intelligence graph in a store.

    Parameters
    ----------
    store : Store
        The backend (see :func:`cikg.store.open_store`).

    Examples
    --------
    >>> kg = open("memory:")
    >>> kg.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")["n"].tolist()
    [0]
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def load(self, *paths: str | Path, vocabulary: bool = True, fresh: bool = False,
             entities: str | Path | None = None) -> BuildReport:
        """Load source files or directories in one transaction; see :func:`cikg.build.build`."""
        return build(self.store, [Path(p) for p in paths], vocabulary=vocabulary, fresh=fresh,
                     entities=Path(entities) if entities else None)

    def sparql(self, query: str, *, limit: int | None = RESULT_CAP,
               timeout: float | None = QUERY_TIMEOUT) -> pd.DataFrame:
        """Run a read-only SELECT query and return a DataFrame with typed columns.

        Raises
        ------
        QueryError
            For a syntax error, a non-SELECT query, or a timeout.
        """
        result = self.store.query(query, limit=limit, timeout=timeout)
        if not isinstance(result, SelectResult):
            raise QueryError("sparql() returns a DataFrame, so it takes SELECT queries; use "
                             "store.query() for ASK and CONSTRUCT")
        return to_dataframe(result)

    def query(self, query_name: str, /, *, limit: int | None = RESULT_CAP,
              timeout: float | None = QUERY_TIMEOUT, **params: object) -> pd.DataFrame:
        """Run the catalog query *query_name* with *params* bound as RDF terms.

        The query name is positional-only, so a parameter may be called ``name``.
        Entity parameters (a company, region, material ...) take a name, an alias or an
        IRI; *limit* caps the rows and *timeout* the seconds (None: no cap, no limit).
        See :func:`cikg.queries.run`.

        Examples
        --------
        >>> open("memory:").query("companies-by-country").columns.tolist()
        ['country', 'country_name', 'companies', 'names']
        """
        from cikg.queries import run
        return run(self.store, query_name, params, limit=limit, timeout=timeout)

    def view(self, name: str = "landscape") -> HtmlPage:
        """Return an interactive page: ``landscape`` (companies and what they link to)."""
        from .analytics import typed_graph
        from .views import network_view, sources_line
        if name != "landscape":
            raise QueryError(f"unknown view {name!r}; use landscape")
        graph = typed_graph(self.query("landscape-edges", limit=None))
        return network_view(graph, title="Supplier landscape",
                            subtitle=sources_line(self.query("sources")))

    def dataset(self) -> rdflib.Dataset:
        """Return every named graph as an rdflib ``Dataset`` (for rdflib tools; small graphs)."""
        buffer = io.BytesIO()
        self.store.dump(buffer, format="nquads")
        dataset = rdflib.Dataset()
        dataset.parse(data=buffer.getvalue(), format="nquads")
        return dataset

    def validate(self) -> ValidationReport:
        """Check the graph against the SHACL shapes; see :func:`cikg.validation.validate`."""
        from .validation import validate
        return validate(self.dataset())

    def export(self, out: str | Path | BinaryIO, *, format: str = "trig") -> None:
        """Write every named graph as TriG or N-Quads to a path or binary stream."""
        if isinstance(out, (str, Path)):
            buffer = io.BytesIO()
            self.store.dump(buffer, format=format)
            Path(out).write_bytes(buffer.getvalue())
        else:
            self.store.dump(out, format=format)

    def stats(self) -> pd.DataFrame:
        """Return the number of triples in each named graph, largest first."""
        frame = self.sparql("SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph "
                            "{ ?s ?p ?o } } GROUP BY ?graph ORDER BY DESC(?triples) ?graph",
                            limit=None)
        return frame

    def close(self) -> None:
        """Release the store."""
        self.store.close()


def open(spec: str | None = None, *, read_only: bool = False) -> KnowledgeGraph:  # noqa: A001
    """Open the knowledge graph in the store *spec* names (see :func:`cikg.store.open_store`)."""
    return KnowledgeGraph(open_store(spec, read_only=read_only))


def catalog_frame() -> pd.DataFrame:
    """Return the query catalog as a table: name, title, question, parameters, columns, example."""
    from cikg.queries import catalog_table
    return catalog_table()
