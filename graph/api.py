"""The Python API: ``cikg.open(spec)`` returns a :class:`KnowledgeGraph`."""

from __future__ import annotations

import io
import time
from collections.abc import Mapping
from dataclasses import replace
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
        written to ``graph/derived/competition`` unless its inputs are unchanged (see
        :meth:`analyze`); the report's quads and seconds include it.
        """
        started = time.perf_counter()
        report = build(self.store, [Path(p) for p in paths], vocabulary=vocabulary,
                       fresh=fresh, entities=Path(entities) if entities else None)
        if derive:
            from .analytics.analyses import refresh_competition
            run = refresh_competition(self)
            report = replace(report, quads=report.quads + run.quads,
                             seconds=time.perf_counter() - started)
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
    from .views import NODE_LIMIT, collapse, conflict_graph, frame_graph, sources_line
    if name not in VIEWS:
        raise CikgError(f"unknown view {name!r}; use one of {', '.join(VIEWS)}")
    if len(args) != VIEWS[name]:
        raise CikgError(f"the {name} view takes {VIEWS[name]} argument(s), got {len(args)}")
    if group_by not in (None, "country", "community"):
        raise CikgError(f"group_by {group_by!r}: use country or community")
    notes: list[str] = []
    focus = None
    if name == "query":
        frame = kg.query(args[0], limit=None, **params)
        graph, title = frame_graph(frame, name=args[0]), f"Query: {args[0]}"
        if frame.empty:
            notes.append("The query returned no rows.")
    elif name == "conflicts":
        try:
            get_query("conflicts")
        except QueryError:
            raise CikgError("the conflicts view needs the catalog query 'conflicts', which "
                            "this catalog lacks") from None
        graph = conflict_graph(kg.query("conflicts", limit=None))
        title = "Conflicting facts between sources"
        notes.append("Each source links to the value it states, with its quote." if graph
                     else "No two sources disagree on a headquarters, a market size or a "
                          "CAGR.")
    elif name == "landscape":
        from .analytics import typed_graph
        graph, title = typed_graph(_landscape_edges(kg)), "Supplier landscape"
    elif name == "competition":
        graph, title = _competition(kg, group_by), "Competition: stated and by overlap"
        notes.append("Edges: a source says the two compete (competesWith) or they supply a "
                     "common material and serve a common market (overlapsWith; width by "
                     "weight).")
    elif name == "ego":
        graph, focus = _ego(kg, args[0], radius)
        title = f"{graph.nodes[focus]['label']} and what it links to ({radius} step" \
            f"{'s' if radius > 1 else ''})"
    else:
        graph, (a, b) = _path(kg, args[0], args[1])
        title = f"How {graph.nodes[a]['label']} links to {graph.nodes[b]['label']}"
        notes.append(f"The {PATHS} shortest paths at most, each step with the passage that "
                     "states it.")
    if name in ("landscape", "ego", "path"):
        _add_figures(kg, graph)
    if group_by is not None or graph.number_of_nodes() > NODE_LIMIT:
        by = group_by or ("community" if name == "competition" else "country")
        graph = collapse(graph, by="headquarteredIn" if by == "country" and
                         name != "competition" else by)
        notes.append(graph.graph["note"])
    graph.graph.update(title=title, subtitle=sources_line(kg.query("sources")), notes=notes,
                       focus=focus)
    return graph


#: How many shortest paths the path view shows.
PATHS = 3


def _landscape_edges(kg: KnowledgeGraph) -> pd.DataFrame:
    return kg.query("landscape-edges", limit=None)


def _add_figures(kg: KnowledgeGraph, graph: nx.Graph) -> None:
    """Key figures for tooltips: companies' figures (capacity ...) and market sizes."""
    figures: dict[object, dict[str, str]] = {}
    rows = kg.query("company-figures", limit=None)
    for row in rows.itertuples(index=False):
        if row.company in graph:
            of = ", ".join(str(x) for x in (row.figure_of, row.year) if pd.notna(x))
            value = f"{float(row.value):,.6g}" + (f" {row.unit}" if pd.notna(row.unit) else "")
            figures.setdefault(row.company, {})[f"{row.measure} ({of})"] = \
                f"{value} ({row.source})"
    markets = {label: node for node, label in graph.nodes(data="label")
               if graph.nodes[node].get("kind") == "Market"}
    if markets:
        for row in kg.query("market-size", limit=None).itertuples(index=False):
            if row.market_label in markets:
                figures.setdefault(markets[row.market_label], {})[
                    f"market size {row.year} ({row.kind})"] = \
                    f"{row.original_text} ({row.source}, {row.as_of})"
    for node, found in figures.items():
        graph.nodes[node]["figures"] = {**graph.nodes[node].get("figures", {}),
                                        **dict(sorted(found.items()))}


def _competition(kg: KnowledgeGraph, group_by: str | None) -> nx.Graph:
    """The competition graph with an edge kind, and a node attribute to collapse by."""
    graph = nx.Graph(kg.competition_graph(evidence=True))
    for _, _, attrs in graph.edges(data=True):
        attrs["kind"] = "competesWith" if attrs.get("asserted") else "overlapsWith"
        attrs["figures"] = {"weight": round(float(attrs.get("weight", 1.0)), 3)}
    if group_by == "community" or (group_by is None and graph.number_of_nodes() > 20_000):
        from .analytics import communities
        for row in communities(graph, seed=0).itertuples(index=False):
            graph.nodes[row.node]["community"] = f"community {row.community}"
    elif group_by == "country":
        edges = _landscape_edges(kg)
        places = edges[edges["relation"] == "headquarteredIn"].sort_values("target_label")
        for company, country in zip(places["source"], places["target_label"], strict=True):
            if company in graph and "country" not in graph.nodes[company]:
                graph.nodes[company]["country"] = country
    return graph


def _ego(kg: KnowledgeGraph, name: str, depth: int) -> tuple[nx.Graph, str]:
    """The stated relations around an entity, with the landscape's quotes where it has them."""
    from .analytics import typed_graph
    from .analytics.analyses import resolve
    centre = resolve(kg, name)
    frame = kg.ego(name, depth=depth)
    quotes = _landscape_edges(kg)[["source", "relation", "target", "quote", "section",
                                   "document", "as_of"]]
    frame = frame.merge(quotes, how="left", on=["source", "relation", "target"])
    frame = frame.astype(object).where(frame.notna(), None)
    graph = typed_graph(frame)
    if centre not in graph:
        raise CikgError(f"{name!r} has no stated relation to anything in the graph")
    graph.nodes[centre]["highlight"] = True
    return graph, centre


def _path(kg: KnowledgeGraph, a: str, b: str) -> tuple[nx.MultiDiGraph, tuple[str, str]]:
    """The shortest paths between two entities, each step with its evidence."""
    from .analytics import entity_labels
    from .analytics.analyses import resolve
    ends = (resolve(kg, a), resolve(kg, b))
    steps = kg.path(a, b, k=PATHS)
    if steps.empty:
        raise CikgError(f"no chain of stated relations links {a!r} and {b!r}")
    kinds = entity_labels(kg.query("analytics-entities", limit=None)).set_index("entity")["kind"]
    graph = nx.MultiDiGraph()
    for row in steps.itertuples(index=False):
        for iri, label in ((row.source, row.source_label), (row.target, row.target_label)):
            graph.add_node(iri, label=label, kind=str(kinds.get(iri, "Other")),
                           highlight=iri in ends)
        graph.add_edge(row.source, row.target, key=row.relation, kind=row.relation,
                       highlight=True, evidence=str(row.evidence or ""),
                       figures={"path": ", ".join(sorted(
                           {str(p) for p in steps.loc[(steps["source"] == row.source)
                                                      & (steps["target"] == row.target),
                                                      "path"]}))})
    return graph, ends
