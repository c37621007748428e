"""Named analyses over a store: read inputs with catalog queries, compute, write back.

This is the layer :class:`cikg.api.KnowledgeGraph` calls (``kg.analyze(name)``,
``kg.competition_graph()``, ``kg.path(a, b)``, ``kg.ego(name)``): it runs the
``analytics-*`` queries, hands their DataFrames to the functions of this package and
writes each result to its derived graph (:mod:`cikg.analytics.derived`). The
competition projection is recomputed after every load and reused while the sources
are unchanged; centrality, communities and similarity are reused while their inputs
and parameters are unchanged (betweenness takes minutes at 10,000 companies).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd
from pyoxigraph import NamedNode

from cikg.errors import CikgError, QueryError

from . import derived
from .communities import communities
from .competition import (
    company_features,
    competition_edges,
    competition_graph,
    edge_evidence,
    entity_labels,
)
from .dependence import region_dependence, supplier_shares, supply_risks
from .measures import centrality
from .paths import ego_edges, entity_graph, explained_paths
from .similarity import jaccard_similarity
from .structure import MIN_COVERAGE, concentration

if TYPE_CHECKING:
    from cikg.api import KnowledgeGraph

__all__ = ["ANALYSES", "DEFAULTS", "analyze", "refresh_competition", "competition_frame",
           "competition_network", "path", "ego", "resolve"]

#: Analyses by name, with their default parameters (the CLI and API use the same).
DEFAULTS: dict[str, dict[str, object]] = {
    "competition": {"places": True, "per_company": 50, "top_reasons": 3},
    "centrality": {"k": None, "seed": 0, "backend": "auto"},
    "communities": {"resolution": 1.0, "seed": 0},
    "similarity": {"min_similarity": 0.5},
    "concentration": {"n": 4, "min_coverage": MIN_COVERAGE},
    "dependence": {"part": "shares"},
}
ANALYSES = tuple(DEFAULTS)
DEPENDENCE_PARTS = ("shares", "risks", "regions")


@dataclass
class _Inputs:
    """Query results of one analysis call, each read at most once."""

    kg: KnowledgeGraph
    cache: dict[str, Any] = field(default_factory=dict)

    def __call__(self, name: str) -> pd.DataFrame:
        if name not in self.cache:
            if name == "inputs":
                self.cache[name] = self.kg.sparql(derived.INPUTS_QUERY, limit=None,
                                                  timeout=None)
            else:
                self.cache[name] = self.kg.query(f"analytics-{name}", limit=None,
                                                 timeout=None)
        return self.cache[name]

    def entities(self) -> pd.DataFrame:
        if "_entities" not in self.cache:
            self.cache["_entities"] = entity_labels(self("entities"))
        return self.cache["_entities"]

    def labels(self) -> pd.Series:
        return self.entities().set_index("entity")["label"]

    def regions(self) -> pd.DataFrame:
        members = self("region-members")
        labels = self.labels()
        return members.assign(region_label=members["region"].map(labels).fillna(members["region"]),
                              country_label=members["country"].map(labels)
                              .fillna(members["country"]))

    def features(self) -> pd.DataFrame:
        if "_features" not in self.cache:
            self.cache["_features"] = company_features(
                self("company-features"), entities=self("entities"),
                confidence=self("confidence"), regions=self("region-members"))
        return self.cache["_features"]

    def headquarters(self) -> pd.DataFrame:
        facts = self("company-features")
        hq = facts[facts["relation"] == "headquarteredIn"].sort_values(
            ["company", "concept", "graph"], kind="mergesort")
        labels = self.labels()
        hq = hq.drop_duplicates("company")
        return pd.DataFrame({"company": hq["company"], "company_label": hq["company"].map(labels),
                             "country": hq["concept"],
                             "country_label": hq["concept"].map(labels)})

    def evidence(self, graphs: list[str]) -> pd.DataFrame:
        """Evidence of the given assertion graphs (bound as IRI terms in a VALUES block)."""
        graphs = sorted({g for g in graphs if g})
        if not graphs:
            return pd.DataFrame(columns=["graph", "quote", "section", "document"])
        from cikg.queries import get_query
        text = get_query("analytics-evidence").sparql
        values = " ".join(str(NamedNode(g)) for g in graphs)
        head, sep, rest = text.partition("WHERE {")
        return self.kg.sparql(f"{head}{sep} VALUES ?graph {{ {values} }}{rest}", limit=None,
                              timeout=None)

    def digest(self, parameters: Mapping[str, object]) -> str:
        """Digest of the sources (IRI, content hash, load time) and graph names."""
        graphs = [g.value for g in self.kg.store.graphs()
                  if not g.value.startswith(derived.DERIVED_BASE)]
        return derived.input_digest(self("inputs"), graphs, parameters)

    def content_digest(self, names: tuple[str, ...], parameters: Mapping[str, object]
                       ) -> str:
        """Digest of the contents of input queries: unchanged facts, unchanged digest.

        A reload of the same files keeps it (so the derived graph stays as it was); a
        change the sources' hashes miss (a new mapping, an entity override) changes it.
        """
        import hashlib

        import numpy as np
        memo = f"_digest:{','.join(names)}:{sorted(parameters.items())}"
        if memo in self.cache:  # several analyses in one call check the same inputs
            return self.cache[memo]
        digest = hashlib.sha256()
        for name in names:
            frame = self(name)
            rows = pd.util.hash_pandas_object(frame.astype(object), index=False).to_numpy()
            # a sum of row hashes does not depend on the engine's row order
            total = int(rows.sum(dtype=np.uint64)) if len(rows) else 0
            digest.update(f"{name}:{len(frame)}:{total}:{','.join(frame.columns)}\n".encode())
        for key in sorted(parameters):
            digest.update(f"{key}={parameters[key]}\n".encode())
        self.cache[memo] = digest.hexdigest()
        return self.cache[memo]


def _options(name: str, options: Mapping[str, object]) -> dict[str, Any]:
    if name not in DEFAULTS:
        from difflib import get_close_matches
        near = get_close_matches(name, ANALYSES, n=1)
        hint = f"; did you mean {near[0]}?" if near else ""
        raise CikgError(f"unknown analysis {name!r}{hint} (use one of {', '.join(ANALYSES)})")
    unknown = sorted(set(options) - set(DEFAULTS[name]))
    if unknown:
        raise CikgError(f"analysis {name}: unknown option {unknown[0]!r}; it takes "
                        f"{', '.join(DEFAULTS[name]) or 'none'}")
    merged = {**DEFAULTS[name], **{k: v for k, v in options.items() if v is not None}}
    if name == "competition" and merged["per_company"] in (0, "0", "None"):
        merged["per_company"] = None
    return merged


def _read_run(kg: KnowledgeGraph, name: str) -> derived.Run | None:
    if derived.derived_graph(name) not in kg.store.graphs():
        return None
    rows = kg.sparql(derived.run_query(name, derived.RUN_QUERY), limit=None, timeout=None)
    return derived.parse_run(name, rows)


def _writable(kg: KnowledgeGraph) -> bool:
    return not getattr(kg.store, "read_only", False)


def _write(kg: KnowledgeGraph, run: derived.Run, quads) -> int:  # noqa: ANN001
    """Replace the run's derived graph; return the quads written (0 on a read-only store)."""
    if not _writable(kg):
        return 0
    graph = derived.derived_graph(run.name)
    return kg.store.replace({graph}, [*derived.activity_quads(run), *quads])


def _size(kg: KnowledgeGraph, name: str) -> int:
    rows = kg.sparql(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {derived.derived_graph(name)} "
                     "{ ?s ?p ?o } }", limit=None, timeout=None)
    return int(rows["n"][0]) if len(rows) else 0


def _sources(inputs: _Inputs) -> tuple[str, ...]:
    return tuple(sorted(str(s) for s in inputs("inputs")["source"]))


# ------------------------------------------------------------------ competition

_COMPETITION_INPUTS = ("company-features", "entities", "confidence", "region-members",
                       "asserted-competition")

def refresh_competition(kg: KnowledgeGraph, *, force: bool = False, **options: Any
                        ) -> derived.Run:
    """Recompute the competition projection unless the derived graph is current.

    Called after every :meth:`KnowledgeGraph.load`. The graph is current when its
    ``cikg:inputDigest`` matches the digest of the input queries' contents and the
    options, so reloading unchanged sources leaves it as it was. Returns the run that
    ``graph/derived/competition`` now holds (or would hold, on a read-only store).
    """
    return _competition(kg, _Inputs(kg), force=force, **options)[0]


def _competition(kg: KnowledgeGraph, inputs: _Inputs, *, force: bool = False,
                 **options: Any) -> tuple[derived.Run, pd.DataFrame | None]:
    params = _options("competition", options)
    digest = inputs.content_digest(_COMPETITION_INPUTS, params)
    previous = _read_run(kg, "competition")
    if previous is not None and previous.digest == digest and not force:
        return replace(previous, quads=_size(kg, "competition")), None
    started = derived.now()
    asserted = _asserted(inputs)
    edges = _edges(inputs, params)
    pairs: dict[tuple[str, str], list[str]] = {}
    for row in asserted.itertuples(index=False):
        key = (row.a, row.b) if row.a < row.b else (row.b, row.a)
        pairs.setdefault(key, []).append(row.graph)
    run = derived.Run("competition", {k: str(v) for k, v in params.items()}, digest, started,
                      derived.now(), _sources(inputs))
    written = _write(kg, run, derived.edge_quads(edges, derived.derived_graph("competition"),
                                                 asserted_graphs=pairs))
    return replace(run, quads=written), edges


def _asserted(inputs: _Inputs) -> pd.DataFrame:
    """Asserted competition with the confidence and quote of each asserting passage."""
    if "_asserted" not in inputs.cache:
        asserted = inputs("asserted-competition")
        if not asserted.empty:
            asserted = asserted.merge(inputs("confidence"), on="graph", how="left")
            asserted = asserted.merge(inputs.evidence(asserted["graph"].tolist()),
                                      on="graph", how="left", suffixes=("", "_evidence"))
        inputs.cache["_asserted"] = asserted
    return inputs.cache["_asserted"]


def _edges(inputs: _Inputs, params: Mapping[str, Any]) -> pd.DataFrame:
    return competition_edges(inputs.features(), _asserted(inputs),
                             places=bool(params["places"]), per_company=params["per_company"],
                             top_reasons=int(params["top_reasons"]))


def competition_frame(kg: KnowledgeGraph, *, evidence: bool = False, **options: Any
                      ) -> pd.DataFrame:
    """Return the competition edges (``a, a_label, b, b_label, weight, asserted, reasons``).

    Computed from the input queries (a few seconds at 6,700 companies); written to
    ``graph/derived/competition`` only when that graph is missing or stale. With
    *evidence*, an ``evidence`` column quotes the passages behind each edge's strongest
    shared concepts.
    """
    return _competition_frame(kg, _Inputs(kg), evidence=evidence, **options)


def _competition_frame(kg: KnowledgeGraph, inputs: _Inputs, *, evidence: bool = False,
                       **options: Any) -> pd.DataFrame:
    run, edges = _competition(kg, inputs, **options)
    if edges is None:
        # the derived graph is current: recompute from the inputs already read (the
        # same edges, deterministically) rather than read 6 quads per edge back, which
        # costs several times more at 280,000 edges
        edges = _edges(inputs, _options("competition", options))
    edges = edges[["a", "a_label", "b", "b_label", "weight", "asserted", "reasons"]].copy()
    if evidence:
        features = inputs.features()
        graphs = features[features["company"].isin(set(edges["a"]) | set(edges["b"]))]["graph"]
        edges["evidence"] = edge_evidence(
            edges, features, inputs.evidence(graphs.tolist()),
            places=run.parameters.get("places", "True") == "True").to_numpy()
    edges.attrs["analysis"] = "competition"
    edges.attrs["run"] = run
    return edges


def competition_network(kg: KnowledgeGraph, *, evidence: bool = False, **options: Any
                        ) -> nx.Graph:
    """Return the competition graph as networkx (see :func:`competition_frame`)."""
    return competition_graph(competition_frame(kg, evidence=evidence, **options))


# ------------------------------------------------------------------ cached measures

def _cached(kg: KnowledgeGraph, name: str, digest: str, about: list[str]) -> pd.DataFrame | None:
    previous = _read_run(kg, name)
    if previous is None or previous.digest != digest:
        return None
    rows = kg.sparql(derived.run_query(name, derived.RESULTS_QUERY), limit=None, timeout=None)
    return derived.pivot_results(rows, about)


def _centrality(kg: KnowledgeGraph, inputs: _Inputs, params: dict[str, Any]) -> pd.DataFrame:
    run, _ = _competition(kg, inputs)
    digest = derived.input_digest(pd.DataFrame(columns=["source", "content_hash", "loaded"]),
                                  [run.digest], params)
    columns = ["node", "label", "degree", "weighted_degree", "betweenness", "pagerank",
               "betweenness_approximate"]
    cached = _cached(kg, "centrality", digest, ["node"])
    if cached is not None and not cached.empty:
        cached["label"] = cached["node"].map(inputs.labels()).fillna(cached["node"])
        cached["degree"] = cached["degree"].astype("float64").round().astype("int64")
        for column in ("weighted_degree", "betweenness", "pagerank"):
            cached[column] = cached[column].astype("float64")
        cached["betweenness_approximate"] = cached["betweenness_approximate"].astype(
            "float64") > 0
        return cached.sort_values(["pagerank", "node"], ascending=[False, True],
                                  kind="mergesort")[columns].reset_index(drop=True)
    started = derived.now()
    graph = competition_graph(_competition_frame(kg, inputs))
    frame = centrality(graph, k=params["k"], seed=params["seed"], backend=params["backend"])
    frame["betweenness_approximate"] = frame["betweenness_approximate"].astype(bool)
    out = frame.assign(betweenness_approximate=frame["betweenness_approximate"].astype(float))
    run = derived.Run("centrality", {k: str(v) for k, v in params.items()}, digest, started,
                      derived.now(), _sources(inputs))
    _write(kg, run, derived.result_quads(
        out, derived.derived_graph("centrality"), "centrality", about=["node"],
        scores=["degree", "weighted_degree", "betweenness", "pagerank",
                "betweenness_approximate"]))
    return frame


def _communities(kg: KnowledgeGraph, inputs: _Inputs, params: dict[str, Any]) -> pd.DataFrame:
    run, _ = _competition(kg, inputs)
    digest = derived.input_digest(pd.DataFrame(columns=["source", "content_hash", "loaded"]),
                                  [run.digest], params)
    columns = ["node", "label", "community", "size", "modularity"]
    cached = _cached(kg, "communities", digest, ["node"])
    if cached is not None and not cached.empty:
        cached["label"] = cached["node"].map(inputs.labels()).fillna(cached["node"])
        for column in ("community", "size"):
            cached[column] = cached[column].astype("float64").round().astype("int64")
        cached["modularity"] = cached["modularity"].astype("float64")
        return cached.sort_values(["community", "node"], kind="mergesort")[columns] \
            .reset_index(drop=True)
    started = derived.now()
    frame = communities(competition_graph(_competition_frame(kg, inputs)),
                        resolution=float(params["resolution"]), seed=params["seed"])
    run = derived.Run("communities", {k: str(v) for k, v in params.items()}, digest, started,
                      derived.now(), _sources(inputs))
    _write(kg, run, derived.result_quads(frame, derived.derived_graph("communities"),
                                         "communities", about=["node"],
                                         scores=["community", "size", "modularity"]))
    return frame


def _similarity(kg: KnowledgeGraph, inputs: _Inputs, params: dict[str, Any]) -> pd.DataFrame:
    digest = inputs.content_digest(_COMPETITION_INPUTS[:4], params)
    columns = ["a", "a_label", "b", "b_label", "jaccard", "shared", "union"]
    cached = _cached(kg, "similarity", digest, ["a", "b"])
    if cached is not None and not cached.empty:
        labels = inputs.labels()
        cached["a_label"] = cached["a"].map(labels).fillna(cached["a"])
        cached["b_label"] = cached["b"].map(labels).fillna(cached["b"])
        cached["jaccard"] = cached["jaccard"].astype("float64")
        for column in ("shared", "union"):
            cached[column] = cached[column].astype("float64").round().astype("int64")
        return cached.sort_values(["jaccard", "a", "b"], ascending=[False, True, True],
                                  kind="mergesort")[columns].reset_index(drop=True)
    started = derived.now()
    frame = jaccard_similarity(inputs.features(),
                               min_similarity=float(params["min_similarity"]))
    run = derived.Run("similarity", {k: str(v) for k, v in params.items()}, digest, started,
                      derived.now(), _sources(inputs))
    _write(kg, run, derived.result_quads(frame, derived.derived_graph("similarity"),
                                         "similarity", about=["a", "b"],
                                         scores=["jaccard", "shared", "union"]))
    return frame


# ------------------------------------------------------------------ structure, dependence

def _concentration(kg: KnowledgeGraph, inputs: _Inputs, params: dict[str, Any]
                   ) -> pd.DataFrame:
    started = derived.now()
    claims = inputs("share-claims")
    if not claims.empty:
        labels = inputs.labels()
        kinds = inputs.entities().set_index("entity")["kind"]
        claims = claims.assign(
            market_label=claims["market"].map(labels).fillna(claims["market"]),
            scope_label=claims["scope"].map(labels), scope_kind=claims["scope"].map(kinds),
            company_label=claims["company"].map(labels).fillna(claims["company"]))
        claims = claims.merge(inputs.evidence(claims["graph"].tolist())[
            ["graph", "quote", "document"]], on="graph", how="left")
    frame = concentration(claims, n=int(params["n"]),
                          min_coverage=float(params["min_coverage"]))
    run = derived.Run("concentration", {k: str(v) for k, v in params.items()},
                      inputs.digest(params), started, derived.now(), _sources(inputs))
    _write(kg, run, derived.result_quads(
        frame, derived.derived_graph("concentration"), "concentration", about=["scope"],
        scores=["coverage", "cr_n_min", "hhi_min", "hhi_max", "claims", "companies"],
        texts=["verdict", "evidence"]))
    return frame


def dependence_parts(kg: KnowledgeGraph, *, write: bool = True) -> dict[str, pd.DataFrame]:
    """Return the three dependence tables: ``shares``, ``risks`` and ``regions``."""
    inputs = _Inputs(kg)
    started = derived.now()
    capacity = inputs("capacity")
    regions = inputs.regions()
    shares = supplier_shares(inputs.features(), inputs.headquarters(), regions=regions,
                             capacity=capacity)
    shares["capacity_unit"] = shares["capacity_unit"].map(
        lambda u: u.rsplit("/", 1)[-1] if isinstance(u, str) else u)
    sections = inputs("region-sections")
    parts = {"shares": shares, "risks": supply_risks(shares),
             "regions": region_dependence(regions, inputs.headquarters(), sections)}
    if write:
        params = {"parts": "shares,risks,regions"}
        run = derived.Run("dependence", params, inputs.digest(params), started, derived.now(),
                          _sources(inputs))
        graph = derived.derived_graph("dependence")
        share_rows = shares[shares["place"] != ""]
        _write(kg, run, [
            *derived.result_quads(share_rows, graph, "dependence", about=["material", "place"],
                                  scores=["suppliers", "supplier_share", "capacity_share"]),
            *derived.result_quads(parts["risks"], graph, "dependence", about=["material"],
                                  scores=["top_country_share"], texts=["risk"]),
            *derived.result_quads(parts["regions"].assign(
                import_dependent=parts["regions"]["import_dependent"].map(
                    lambda v: "import-dependent per the sources" if v else None)),
                graph, "dependence", about=["region"], scores=["suppliers"],
                texts=["import_dependent", "evidence"])])
    return parts


# ------------------------------------------------------------------ entry points

_RUNNERS: dict[str, Callable[[KnowledgeGraph, _Inputs, dict[str, Any]], pd.DataFrame]] = {
    "centrality": _centrality, "communities": _communities, "similarity": _similarity,
    "concentration": _concentration,
}


def analyze(kg: KnowledgeGraph, name: str, **options: object) -> pd.DataFrame:
    """Run the analysis *name* (see :data:`ANALYSES`) and return its result.

    *options* are the analysis's parameters (:data:`DEFAULTS`); ``competition`` also
    takes ``evidence=True`` (quote the passages behind each edge).

    Raises
    ------
    CikgError
        For an unknown analysis or option.
    """
    evidence = bool(options.pop("evidence", False)) if name == "competition" else False
    params = _options(name, options)
    if name == "competition":
        frame = competition_frame(kg, evidence=evidence, **params)
    elif name == "dependence":
        part = str(params["part"])
        if part not in DEPENDENCE_PARTS:
            raise CikgError(f"analysis dependence: part {part!r} is not one of "
                            f"{', '.join(DEPENDENCE_PARTS)}")
        frame = dependence_parts(kg)[part]
    else:
        frame = _RUNNERS[name](kg, _Inputs(kg), params)
    frame.attrs["analysis"] = name
    return frame


def resolve(kg: KnowledgeGraph, name: str) -> str:
    """Return the IRI of the entity called *name* (company first, then any entity).

    Raises
    ------
    QueryError
        When no entity has that name (with close names) or several do.
    """
    from cikg.queries.entities import resolve_name
    first: QueryError | None = None
    for kind in ("company", "region", "material", "application", "entity"):
        try:
            return resolve_name(kg.store, kind, name, param="name").value
        except QueryError as exc:
            if "names" in str(exc) and first is None:
                first = exc  # ambiguous within a kind: remember, try the next kind
            if kind == "entity":
                raise first or exc from None
    raise AssertionError("unreachable")  # pragma: no cover


def _entity_graph(inputs: _Inputs) -> nx.Graph:
    return entity_graph(inputs("typed-edges"), inputs.entities())


def path(kg: KnowledgeGraph, a: str, b: str, *, k: int = 3) -> pd.DataFrame:
    """Return up to *k* explained shortest paths between the entities named *a* and *b*."""
    inputs = _Inputs(kg)
    source, target = resolve(kg, a), resolve(kg, b)
    graph = _entity_graph(inputs)
    for name, iri in ((a, source), (b, target)):
        if iri not in graph:
            raise QueryError(f"{name!r} has no stated relation to anything in the graph")
    frame = explained_paths(graph, source, target, k=k)
    graphs = [gs[0] for u, v in set(zip(frame["source"], frame["target"], strict=True))
              for *_, gs in graph.edges[u, v]["relations"] if gs]
    if not frame.empty:
        frame = explained_paths(graph, source, target, k=k, evidence=inputs.evidence(graphs))
    frame.attrs["analysis"] = "path"
    return frame


def ego(kg: KnowledgeGraph, name: str, *, depth: int = 1) -> pd.DataFrame:
    """Return the stated relations within *depth* steps of the entity called *name*."""
    if depth < 1:
        raise CikgError(f"depth must be at least 1, not {depth}")
    inputs = _Inputs(kg)
    center = resolve(kg, name)
    graph = _entity_graph(inputs)
    if center not in graph:
        raise QueryError(f"{name!r} has no stated relation to anything in the graph")
    frame = ego_edges(graph, center, depth=depth)
    frame.attrs["analysis"] = "ego"
    return frame
