"""Centrality of companies in the competition graph: weighted degree, betweenness, PageRank.

Exact betweenness costs O(n m) (Brandes); above :data:`BETWEENNESS_EXACT_MAX` nodes it
is *estimated* from :data:`BETWEENNESS_SAMPLES` seeded source nodes (Brandes and
Pich's pivot sampling, rescaled by n/k) and the result says so in its
``betweenness_approximate`` column. igraph computes the same quantity as networkx
(in C, tens of times faster) when it is installed; ``backend="networkx"`` forces the
pure-Python path, and a test checks both agree. With weights, shortest paths use the
length ``1 / weight``; igraph compares lengths with a tolerance and networkx exactly,
so paths whose lengths are equal only up to rounding can count differently.
"""

from __future__ import annotations

import random

import networkx as nx
import pandas as pd

__all__ = ["BETWEENNESS_EXACT_MAX", "BETWEENNESS_SAMPLES", "centrality", "betweenness",
           "weighted_degree", "pagerank"]

#: Up to this many nodes betweenness is exact; above it, sampled.
BETWEENNESS_EXACT_MAX = 2_000
#: Source nodes sampled above :data:`BETWEENNESS_EXACT_MAX`.
BETWEENNESS_SAMPLES = 256


def weighted_degree(graph: nx.Graph, *, weight: str | None = "weight") -> dict[str, float]:
    """Return the sum of edge weights at each node (the degree when *weight* is None).

    Examples
    --------
    >>> g = nx.Graph([("a", "b", {"weight": 2.0}), ("b", "c", {"weight": 0.5})])
    >>> weighted_degree(g)
    {'a': 2.0, 'b': 2.5, 'c': 0.5}
    """
    return {node: float(value) for node, value in graph.degree(weight=weight)}


def pagerank(graph: nx.Graph, *, weight: str | None = "weight", alpha: float = 0.85
             ) -> dict[str, float]:
    """Return PageRank with edge weights as transition strengths.

    References
    ----------
    .. [1] Page, Brin, Motwani and Winograd, "The PageRank citation ranking: bringing
       order to the web", Stanford InfoLab, 1999.

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c")])
    >>> round(pagerank(g)["b"], 3)
    0.486
    """
    if graph.number_of_nodes() == 0:
        return {}
    return nx.pagerank(graph, alpha=alpha, weight=weight)


def _sources(graph: nx.Graph, k: int, seed: int | None) -> list:
    nodes = sorted(graph.nodes)
    return sorted(random.Random(seed).sample(nodes, k))


def _igraph():
    try:
        import igraph
    except ImportError:  # pragma: no cover - igraph is optional
        return None
    return igraph


def betweenness(graph: nx.Graph, *, weight: str | None = "weight", k: int | None = None,
                seed: int | None = None, backend: str = "auto") -> tuple[dict[str, float], bool]:
    """Return normalized betweenness centrality and whether it was sampled.

    Edge weights are strengths, so shortest paths use the length ``1 / weight``.

    Parameters
    ----------
    graph : networkx.Graph
    weight : str or None
        Edge attribute holding the strength; ``None`` counts hops.
    k : int, optional
        Source nodes to sample. Default: exact up to :data:`BETWEENNESS_EXACT_MAX`
        nodes, else :data:`BETWEENNESS_SAMPLES`. ``k >= n`` is exact.
    seed : int, optional
        Seed of the sample (the same seed gives the same sources and values).
    backend : {"auto", "igraph", "networkx"}
        ``auto`` uses igraph when it is installed.

    Returns
    -------
    (dict, bool)
        Betweenness by node, normalized by ``(n - 1)(n - 2) / 2`` as networkx does;
        whether it was estimated from a sample.

    References
    ----------
    .. [1] Brandes, "A faster algorithm for betweenness centrality", Journal of
       Mathematical Sociology 25(2), 2001.
    .. [2] Brandes and Pich, "Centrality estimation in large networks", International
       Journal of Bifurcation and Chaos 17(7), 2007.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c"])
    >>> betweenness(g, weight=None, backend="networkx")
    ({'a': 0.0, 'b': 1.0, 'c': 0.0}, False)
    """
    n = graph.number_of_nodes()
    if k is None:
        k = n if n <= BETWEENNESS_EXACT_MAX else BETWEENNESS_SAMPLES
    sampled = k < n
    if n < 3:
        return {node: 0.0 for node in graph.nodes}, False
    sources = _sources(graph, k, seed) if sampled else sorted(graph.nodes)
    igraph = _igraph() if backend in ("auto", "igraph") else None
    if backend == "igraph" and igraph is None:
        from cikg.errors import CikgError
        raise CikgError("backend 'igraph' needs the igraph package: pip install igraph")
    if igraph is not None:
        raw = _betweenness_igraph(igraph, graph, sources, weight)
    else:
        raw = _betweenness_networkx(graph, sources, weight)
    # each unordered pair counted once; sampled: scale the sources' share up to n
    scale = 2.0 / ((n - 1) * (n - 2)) * (n / len(sources))
    return {node: value * scale for node, value in raw.items()}, sampled


def _length(weight: str | None):
    if weight is None:
        return None
    return lambda u, v, data: 1.0 / data.get(weight, 1.0) if data.get(weight, 1.0) else None


def _betweenness_networkx(graph: nx.Graph, sources: list, weight: str | None
                          ) -> dict[str, float]:
    """Return sum over sources s and targets t of the shares of s-t paths through each node,
    halved (undirected pairs)."""
    if weight is not None:
        lengths = nx.Graph()
        lengths.add_nodes_from(graph.nodes)
        lengths.add_edges_from((u, v, {"length": 1.0 / d.get(weight, 1.0)})
                               for u, v, d in graph.edges(data=True) if d.get(weight, 1.0) > 0)
        graph, weight = lengths, "length"
    values = nx.betweenness_centrality_subset(graph, sources=sources, targets=list(graph.nodes),
                                              normalized=False, weight=weight)
    return {node: float(value) for node, value in values.items()}


def _betweenness_igraph(igraph, graph: nx.Graph, sources: list, weight: str | None  # noqa: ANN001
                        ) -> dict[str, float]:
    nodes = list(graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in graph.edges]
    g = igraph.Graph(n=len(nodes), edges=edges, directed=False)
    weights = None
    if weight is not None:
        weights = [1.0 / d.get(weight, 1.0) for _, _, d in graph.edges(data=True)]
    values = g.betweenness(directed=False, weights=weights,
                           sources=[index[s] for s in sources], targets=None)
    return {node: float(values[i]) for i, node in enumerate(nodes)}


def centrality(graph: nx.Graph, *, weight: str | None = "weight", k: int | None = None,
               seed: int | None = None, backend: str = "auto") -> pd.DataFrame:
    """Return degree, weighted degree, betweenness and PageRank of every node.

    Parameters
    ----------
    graph : networkx.Graph
        Typically the competition graph (:func:`cikg.analytics.competition_graph`).
    weight : str or None
        Edge attribute holding the strength of a link.
    k, seed, backend
        Betweenness sampling and engine, see :func:`betweenness`.

    Returns
    -------
    pandas.DataFrame
        Columns ``node, label, degree, weighted_degree, betweenness, pagerank,
        betweenness_approximate``, sorted by PageRank (descending), then node.

    Examples
    --------
    >>> g = nx.Graph([("a", "b", {"weight": 1.0}), ("b", "c", {"weight": 1.0})])
    >>> centrality(g, backend="networkx")[["node", "degree", "betweenness"]].values.tolist()
    [['b', 2, 1.0], ['a', 1, 0.0], ['c', 1, 0.0]]
    """
    between, sampled = betweenness(graph, weight=weight, k=k, seed=seed, backend=backend)
    strength = weighted_degree(graph, weight=weight)
    rank = pagerank(graph, weight=weight)
    rows = [{"node": node, "label": graph.nodes[node].get("label", node),
             "degree": graph.degree(node), "weighted_degree": strength[node],
             "betweenness": between.get(node, 0.0), "pagerank": rank.get(node, 0.0),
             "betweenness_approximate": sampled} for node in graph.nodes]
    frame = pd.DataFrame(rows, columns=["node", "label", "degree", "weighted_degree",
                                        "betweenness", "pagerank", "betweenness_approximate"])
    if frame.empty:
        return frame
    frame = frame.sort_values(["pagerank", "node"], ascending=[False, True], kind="mergesort")
    return frame.reset_index(drop=True)
