"""Communities of the competition graph: seeded Louvain."""

from __future__ import annotations

import networkx as nx
import pandas as pd

__all__ = ["communities"]


def communities(graph: nx.Graph, *, weight: str | None = "weight", resolution: float = 1.0,
                seed: int | None = None) -> pd.DataFrame:
    """Return each node's Louvain community, numbered by size.

    Parameters
    ----------
    graph : networkx.Graph
    weight : str or None
        Edge attribute holding the strength of a link.
    resolution : float
        Above 1 favours smaller communities, below 1 larger ones.
    seed : int, optional
        Seed of the node order Louvain visits; the same seed gives the same partition.

    Returns
    -------
    pandas.DataFrame
        Columns ``node, label, community, size, modularity``: community 0 is the
        largest (ties: the one whose smallest node IRI sorts first); ``modularity`` is
        the partition's, the same on every row. Sorted by community, then node.

    References
    ----------
    .. [1] Blondel, Guillaume, Lambiotte and Lefebvre, "Fast unfolding of communities in
       large networks", J. Stat. Mech. P10008, 2008.

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y")])
    >>> communities(g, seed=0)[["node", "community", "size"]].values.tolist()
    [['a', 0, 3], ['b', 0, 3], ['c', 0, 3], ['x', 1, 2], ['y', 1, 2]]
    """
    columns = ["node", "label", "community", "size", "modularity"]
    if graph.number_of_nodes() == 0:
        return pd.DataFrame(columns=columns)
    parts = nx.community.louvain_communities(graph, weight=weight, resolution=resolution,
                                             seed=seed)
    parts = sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p[0]))
    quality = nx.community.modularity(graph, parts, weight=weight, resolution=resolution) \
        if graph.number_of_edges() else 0.0
    rows = [{"node": node, "label": graph.nodes[node].get("label", node), "community": number,
             "size": len(part), "modularity": round(float(quality), 6)}
            for number, part in enumerate(parts) for node in part]
    return pd.DataFrame(rows, columns=columns)
