"""The entity graph: explained shortest paths between two entities, and ego networks.

The entity graph links companies, countries, regions, material types, applications,
end users, markets, initiatives and their sponsors by the relations sources state
(``supplies``, ``serves``, ``activeIn``, ``headquarteredIn``, ``competesWith``,
``leads``, ``sponsor``, ``targets``, ``includesCountry``, ``country``). It is
undirected for path finding; each edge keeps the stated direction of every relation
and the assertion graphs that state it, so a path reads as sentences with evidence.
"""

from __future__ import annotations

from itertools import islice

import networkx as nx
import pandas as pd

from .competition import citation

__all__ = ["entity_graph", "explained_paths", "ego_network", "ego_edges"]

PATH_COLUMNS = ["path", "step", "source", "source_label", "relation", "target",
                "target_label", "evidence"]
EGO_COLUMNS = ["depth", "source", "source_label", "source_kind", "relation", "target",
               "target_label", "target_kind", "passages"]


def entity_graph(edges: pd.DataFrame, entities: pd.DataFrame) -> nx.Graph:
    """Return the undirected entity graph of stated relations.

    Parameters
    ----------
    edges : pandas.DataFrame
        ``source, relation, target, graph`` rows (the ``analytics-typed-edges`` query).
    entities : pandas.DataFrame
        ``entity, kind, label`` (:func:`cikg.analytics.entity_labels`); edges whose ends
        are not entities of a known kind are left out.

    Returns
    -------
    networkx.Graph
        Nodes keyed by IRI with ``label`` and ``kind``; each edge has ``relations``, a
        sorted list of ``(source, relation, target, graphs)`` tuples (the stated
        direction and the assertion graphs, sorted), and ``passages`` (their number).

    Examples
    --------
    >>> e = pd.DataFrame({"source": ["btr"], "relation": ["supplies"], "target": ["hc"],
    ...                   "graph": ["g1"]})
    >>> ent = pd.DataFrame({"entity": ["btr", "hc"], "kind": ["Company", "MaterialType"],
    ...                     "label": ["BTR", "Hard carbon"]})
    >>> entity_graph(e, ent).edges["btr", "hc"]["relations"]
    [('btr', 'supplies', 'hc', ('g1',))]
    """
    graph = nx.Graph()
    info = entities.drop_duplicates("entity").set_index("entity")
    known = set(info.index)
    rows = edges[edges["source"].isin(known) & edges["target"].isin(known)
                 & (edges["source"] != edges["target"])]
    used = sorted(set(rows["source"]) | set(rows["target"]))
    graph.add_nodes_from((iri, {"label": info.at[iri, "label"], "kind": info.at[iri, "kind"]})
                         for iri in used)
    grouped = rows.groupby(["source", "relation", "target"], sort=True)["graph"].agg(
        lambda g: tuple(sorted(set(map(str, g)))))
    for (source, relation, target), graphs in grouped.items():
        u, v = sorted((source, target))
        if graph.has_edge(u, v):
            graph.edges[u, v]["relations"].append((source, relation, target, graphs))
            graph.edges[u, v]["passages"] += len(graphs)
        else:
            graph.add_edge(u, v, relations=[(source, relation, target, graphs)],
                           passages=len(graphs))
    return graph


def explained_paths(graph: nx.Graph, source: str, target: str, *, k: int = 3,
                    evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return up to *k* shortest paths from *source* to *target*, one row per step.

    Parameters
    ----------
    graph : networkx.Graph
        :func:`entity_graph`.
    source, target : str
        Node IRIs.
    k : int
        How many paths (shortest first, then in a stable order).
    evidence : pandas.DataFrame, optional
        ``graph, quote, section, document`` of assertion graphs, to quote each step.

    Returns
    -------
    pandas.DataFrame
        Columns ``path, step, source, source_label, relation, target, target_label,
        evidence``: a step reads ``source relation target`` in the direction the source
        states (``A supplies X`` even when the path walks from X to A); ``evidence``
        quotes the first passage that states it. Empty when no path exists.

    Raises
    ------
    networkx.NodeNotFound
        When *source* or *target* is not in the graph.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_node("a", label="A", kind="Company"); g.add_node("x", label="X", kind="Region")
    >>> g.add_node("b", label="B", kind="Company")
    >>> g.add_edge("a", "x", relations=[("a", "activeIn", "x", ("g1",))], passages=1)
    >>> g.add_edge("b", "x", relations=[("b", "activeIn", "x", ("g2",))], passages=1)
    >>> explained_paths(g, "a", "b")[["step", "source_label", "relation", "target_label"]
    ...                              ].values.tolist()
    [[1, 'A', 'activeIn', 'X'], [2, 'B', 'activeIn', 'X']]
    """
    cite = {}
    if evidence is not None and not evidence.empty:
        cite = {row.graph: citation(row) for row in
                evidence.drop_duplicates("graph").itertuples(index=False)}
    rows = []
    try:
        paths = list(islice(nx.shortest_simple_paths(graph, source, target), k))
    except nx.NetworkXNoPath:
        paths = []
    for number, path in enumerate(paths, start=1):
        for step, (u, v) in enumerate(zip(path, path[1:], strict=False), start=1):
            for a, relation, b, graphs in graph.edges[u, v]["relations"]:
                rows.append({"path": number, "step": step, "source": a,
                             "source_label": graph.nodes[a]["label"], "relation": relation,
                             "target": b, "target_label": graph.nodes[b]["label"],
                             "evidence": cite.get(graphs[0], "") if graphs else ""})
    return pd.DataFrame(rows, columns=PATH_COLUMNS)


def ego_network(graph: nx.Graph, center: str, *, depth: int = 1) -> nx.Graph:
    """Return the subgraph of nodes within *depth* steps of *center* (a new graph).

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c", "d"])
    >>> sorted(ego_network(g, "b", depth=1).nodes)
    ['a', 'b', 'c']
    """
    return nx.ego_graph(graph, center, radius=depth).copy()


def ego_edges(graph: nx.Graph, center: str, *, depth: int = 1) -> pd.DataFrame:
    """Return the stated relations of the ego network of *center*, nearest first.

    Parameters
    ----------
    graph : networkx.Graph
        :func:`entity_graph`.
    center : str
        A node IRI.
    depth : int
        How many steps from *center*.

    Returns
    -------
    pandas.DataFrame
        Columns ``depth, source, source_label, source_kind, relation, target,
        target_label, target_kind, passages``; ``depth`` is the distance from *center*
        of the farther end of the relation.

    Examples
    --------
    >>> g = nx.Graph()
    >>> for n in "abc": g.add_node(n, label=n.upper(), kind="Company")
    >>> g.add_edge("a", "b", relations=[("a", "competesWith", "b", ("g",))], passages=1)
    >>> g.add_edge("b", "c", relations=[("b", "competesWith", "c", ("h",))], passages=1)
    >>> ego_edges(g, "a", depth=1)[["depth", "source", "target"]].values.tolist()
    [[1, 'a', 'b']]
    """
    distance = nx.single_source_shortest_path_length(graph, center, cutoff=depth)
    sub = graph.subgraph(distance)
    rows = []
    for _u, _v, data in sub.edges(data=True):
        for a, relation, b, graphs in data["relations"]:
            rows.append({"depth": max(distance[a], distance[b]), "source": a,
                         "source_label": graph.nodes[a]["label"],
                         "source_kind": graph.nodes[a]["kind"], "relation": relation,
                         "target": b, "target_label": graph.nodes[b]["label"],
                         "target_kind": graph.nodes[b]["kind"], "passages": len(graphs)})
    frame = pd.DataFrame(rows, columns=EGO_COLUMNS)
    return frame.sort_values(["depth", "source_label", "relation", "target_label"],
                             kind="mergesort").reset_index(drop=True)
