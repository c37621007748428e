"""The Python API: ``cikg.open(spec)`` returns a :class:`KnowledgeGraph`."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import networkx as nx
import pandas as pd
import rdflib

from cikg.queries import get_query

from .build import BuildReport, build
from .errors import CikgError, QueryError
from .frames import to_dataframe
from .store import QUERY_TIMEOUT, RESULT_CAP, SelectResult, Store, open_store
from .views import HtmlPage, StaticImage

if TYPE_CHECKING:
    from .answers import Answer, Briefing
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
             entities: str | Path | None = None, derive: bool = True) -> BuildReport:
        """Load source files or directories in one transaction; see :func:`cikg.build.build`.

        With *derive* (the default), the competition projection is then recomputed and
        written to ``graph/derived/competition`` (see :meth:`analyze`).
        """
        report = build(self.store, [Path(p) for p in paths], vocabulary=vocabulary,
                       fresh=fresh, entities=Path(entities) if entities else None)
        if derive:
            from .analytics.analyses import refresh_competition
            refresh_competition(self)
        return report

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

    def view(self, name: str = "landscape", *args: str, format: str = "html", seed: int = 0,
             group_by: str | None = None, radius: int = 1,
             params: Mapping[str, object] | None = None) -> HtmlPage | StaticImage:
        """Return a view as an offline HTML page or a PNG/SVG picture (same layout).

        Parameters
        ----------
        name : str
            ``landscape``, ``competition``, ``ego`` (args: an entity's name or IRI),
            ``path`` (args: two names), ``query`` (args: a catalog query's name; see
            :mod:`cikg.views.frames` for how rows become nodes) or ``conflicts``.
        format : {"html", "png", "svg"}
        seed : int
            Layout seed: the same graph and seed give the same file.
        group_by, radius, params
            See :meth:`view_graph`.

        Examples
        --------
        >>> open("memory:").view("landscape").nodes
        0
        """
        from .views import render
        return render(self.view_graph(name, *args, group_by=group_by, radius=radius,
                                      params=params), format=format, seed=seed)

    def view_graph(self, name: str = "landscape", *args: str, group_by: str | None = None,
                   radius: int = 1, params: Mapping[str, object] | None = None) -> nx.Graph:
        """Return the graph a view draws, with ``title``, ``subtitle``, ``notes`` set.

        The graph comes from catalog queries and :mod:`cikg.analytics`; views only
        render it. Above :data:`cikg.views.NODE_LIMIT` nodes, a landscape collapses
        its companies by country (a note says so); *group_by* (``country`` or
        ``community``) collapses any size. *radius* is the ego view's depth and
        *params* the query view's parameters.

        Raises
        ------
        CikgError
            For an unknown view, a wrong number of arguments, an unknown name.
        """
        return _view_graph(self, name, list(args), group_by=group_by, radius=radius,
                           params=dict(params or {}))

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

    def ask(self, question: str) -> Answer:
        """Answer a plain-English question; see :func:`cikg.answers.ask`.

        Returns an :class:`~cikg.answers.Answer`: the answer table and evidence as
        DataFrames, the queries run with their SPARQL, and a generated summary.
        """
        from .answers import ask
        return ask(self, question)

    def brief(self, kind: str, subject: str | None = None, *, view: bool = True) -> Briefing:
        """Write a briefing (market, material, region, company); see :func:`cikg.answers.brief`.

        Returns a :class:`~cikg.answers.Briefing`: sections with cited sentences, tables
        as DataFrames, charts; ``to_markdown()``, ``to_html()`` and ``write(stem)``.
        """
        from .answers import brief
        return brief(self, kind, subject, view=view)

    def analyze(self, name: str, **options: object) -> pd.DataFrame:
        """Run a network analysis and write its result to ``graph/derived/{name}``.

        Parameters
        ----------
        name : str
            ``competition`` (edges with weight and reasons; ``evidence=True`` quotes
            them), ``centrality``, ``communities``, ``similarity``, ``concentration`` or
            ``dependence`` (``part="shares"|"risks"|"regions"``).
        **options
            The analysis's parameters (:data:`cikg.analytics.analyses.DEFAULTS`).

        Returns
        -------
        pandas.DataFrame
            Results are deterministic (seeded); expensive ones are reused from the
            derived graph while the sources and options are unchanged.

        Examples
        --------
        >>> open("memory:").analyze("concentration").columns.tolist()[:3]
        ['scope', 'scope_label', 'scope_kind']
        """
        from .analytics.analyses import analyze
        return analyze(self, name, **options)

    def competition_graph(self, *, evidence: bool = False, **options: object) -> nx.Graph:
        """Return the company competition graph (networkx), from its derived graph.

        Edges carry ``weight``, ``asserted`` and ``reasons`` (and ``evidence`` when asked).
        """
        from .analytics.analyses import competition_network
        return competition_network(self, evidence=evidence, **options)

    def path(self, a: str, b: str, *, k: int = 3) -> pd.DataFrame:
        """Return up to *k* explained shortest paths between two entities (names or IRIs)."""
        from .analytics.analyses import path
        return path(self, a, b, k=k)

    def ego(self, name: str, depth: int = 1) -> pd.DataFrame:
        """Return the stated relations within *depth* steps of an entity (name or IRI)."""
        from .analytics.analyses import ego
        return ego(self, name, depth=depth)

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

VIEWS = {"landscape": 0, "competition": 0, "ego": 1, "path": 2, "query": 1, "conflicts": 0}


def _view_graph(kg: KnowledgeGraph, name: str, args: list[str], *, group_by: str | None,
                radius: int, params: dict[str, Any]) -> nx.Graph:
    """Query, analyse, collapse: the graph of a view with its title and notes."""
    from .views import NODE_LIMIT, collapse, frame_graph, sources_line
    if name not in VIEWS:
        raise CikgError(f"unknown view {name!r}; use one of {', '.join(VIEWS)}")
    if len(args) != VIEWS[name]:
        raise CikgError(f"the {name} view takes {VIEWS[name]} argument(s), got {len(args)}")
    notes: list[str] = []
    focus = None
    if name == "query":
        graph = frame_graph(kg.query(args[0], limit=None, **params), name=args[0])
        title = f"Query: {args[0]}"
    elif name == "conflicts":
        try:
            get_query("conflicts")
        except QueryError:
            raise CikgError("the conflicts view needs the catalog query 'conflicts', which "
                            "this catalog lacks") from None
        graph = frame_graph(kg.query("conflicts", limit=None), name="conflicts")
        title = "Conflicting facts between sources"
    else:
        from .analytics import typed_graph
        landscape = typed_graph(kg.query("landscape-edges", limit=None))
        if name == "landscape":
            graph, title = landscape, "Supplier landscape"
        elif name == "ego":
            focus = _find_node(landscape, args[0])
            graph = nx.ego_graph(landscape, focus, radius=radius, undirected=True).copy()
            graph.nodes[focus]["highlight"] = True
            title = f"{graph.nodes[focus]['label']} and its neighbours (radius {radius})"
        elif name == "path":
            a, b = (_find_node(landscape, x) for x in args)
            try:
                steps = nx.shortest_path(landscape.to_undirected(as_view=True), a, b)
            except nx.NetworkXNoPath:
                raise CikgError(f"no path links {args[0]!r} and {args[1]!r}") from None
            graph = landscape.subgraph(steps).copy()
            for node in (a, b):
                graph.nodes[node]["highlight"] = True
            for u, v in zip(steps, steps[1:], strict=False):  # the path's own edges
                for x, y in ((u, v), (v, u)):
                    for key in graph[x][y] if graph.has_edge(x, y) else ():
                        graph.edges[x, y, key]["highlight"] = True
            title = f"How {graph.nodes[a]['label']} links to {graph.nodes[b]['label']}"
        else:
            raise CikgError("the competition view needs cikg.analytics.competition_graph "
                            "wired into the API; it is not there yet")
    if group_by is not None or graph.number_of_nodes() > NODE_LIMIT:
        by = group_by or "country"
        if by not in ("country", "community"):
            raise CikgError(f"group_by {by!r}: use country or community")
        graph = collapse(graph, by="headquarteredIn" if by == "country" else "community")
        notes.append(graph.graph["note"])
    graph.graph.update(title=title, subtitle=sources_line(kg.query("sources")), notes=notes,
                       focus=focus)
    return graph


def _find_node(graph: nx.Graph, name: str) -> object:
    """The node whose IRI or label (any case) is *name*; a clear error otherwise."""
    if name in graph:
        return name
    wanted = name.strip().casefold()
    found = sorted((n for n, label in graph.nodes(data="label")
                    if str(label).casefold() == wanted), key=str)
    if not found:
        import difflib
        close = difflib.get_close_matches(name, sorted({str(label) for _, label in
                                                        graph.nodes(data="label")}), n=3)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise CikgError(f"no node is named {name!r} in the landscape{hint}")
    return found[0]
