"""Collapse a graph too large to show node by node: companies by country or community.

This merges nodes and counts what it merged (the size of each group, how many members
share each link); it computes no metric of the graph. Communities come from
:mod:`cikg.analytics` as a node attribute; :func:`collapse` only reads it.
"""

from __future__ import annotations

import networkx as nx

from cikg.errors import CikgError

__all__ = ["collapse", "MEMBERS_SHOWN"]

#: How many member names a group's tooltip lists.
MEMBERS_SHOWN = 12


def _group_key(graph: nx.Graph, node: object, by: str) -> tuple[str, object | None, str]:
    """(group key, the node it stands for if any, its label) of a member."""
    attrs = graph.nodes[node]
    if by in attrs and attrs[by] is not None:
        value = attrs[by]
        if value in graph and value != node:
            return f"{by}={value}", value, str(graph.nodes[value].get("label", value))
        return f"{by}={value}", None, str(value)
    out = graph.out_edges(node, data=True) if graph.is_directed() else graph.edges(node, data=True)
    targets = sorted((str(graph.nodes[v].get("label", v)), str(v), v)
                     for _, v, d in out if d.get("kind") == by)
    if targets:
        label, key, target = targets[0]
        return f"{by}={key}", target, label
    return f"{by}=", None, "unknown"


def collapse(graph: nx.Graph, *, by: str, kinds: tuple[str, ...] = ("Company",),
             noun: str = "companies") -> nx.MultiGraph:
    """Return a copy of *graph* whose *kinds* nodes are merged into one node per group.

    Parameters
    ----------
    graph : networkx.Graph
        A typed graph (nodes with ``label`` and ``kind``, edges with ``kind``).
    by : str
        A node attribute (``community``, ``country``) whose value groups the members,
        or an edge kind (``headquarteredIn``): members go with the first target of
        that kind. A member without either goes to the group ``unknown``.
    kinds : tuple of str
        The classes to merge; other nodes stay as they are.
    noun : str
        What the members are, for labels (``"12 companies: China"``).

    Returns
    -------
    networkx.MultiDiGraph or networkx.MultiGraph
        Directed if *graph* is. Group nodes (kind ``Group``, ``size`` growing with the
        members, ``figures`` with the member count, a description listing members);
        an edge per (group, kind, other end) whose ``weight`` is how many edges it
        stands for (for a landscape: how many members have the link). The graph
        attribute ``note`` says what was merged.

    Raises
    ------
    CikgError
        When no node has the class to merge.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("cn", label="China", kind="Country")
    >>> g.add_node("hc", label="Hard carbon", kind="MaterialType")
    >>> for c in ("a", "b"):
    ...     _ = g.add_node(c, label=c.upper(), kind="Company")
    ...     _ = g.add_edge(c, "cn", kind="headquarteredIn")
    ...     _ = g.add_edge(c, "hc", kind="supplies")
    >>> small = collapse(g, by="headquarteredIn")
    >>> sorted(small.nodes(data="label"))
    [('cn', 'China'), ('group:headquarteredIn=cn', '2 companies: China'), ('hc', 'Hard carbon')]
    >>> sorted((v, d["weight"]) for _, v, d in small.edges(data=True))
    [('cn', 2), ('hc', 2)]
    >>> small.graph["note"]
    '2 companies shown as 1 group by headquarteredIn.'
    """
    members = sorted((n for n, k in graph.nodes(data="kind") if k in kinds), key=str)
    if not members:
        raise CikgError(f"nothing to collapse: no node of class {', '.join(kinds)}")
    has_edge_kind = any(d.get("kind") == by for _, _, d in graph.edges(data=True))
    if not has_edge_kind and not any(by in graph.nodes[m] for m in members):
        raise CikgError(f"cannot collapse by {by!r}: no node has a {by!r} attribute and no "
                        f"edge is of kind {by!r}")
    group_of: dict[object, str] = {}
    group_labels: dict[str, str] = {}
    group_members: dict[str, list[object]] = {}
    for node in members:
        key, _, label = _group_key(graph, node, by)
        group_labels.setdefault(key, label)
        group_members.setdefault(key, []).append(node)
        group_of[node] = f"group:{key}"
    out = nx.MultiDiGraph() if graph.is_directed() else nx.MultiGraph()
    for node, attrs in sorted(graph.nodes(data=True), key=lambda item: str(item[0])):
        if node not in group_of:
            out.add_node(node, **attrs)
    for key, group in sorted(group_members.items()):
        names = sorted(str(graph.nodes[m].get("label", m)) for m in group)
        count = len(names)
        more = f" (+{count - MEMBERS_SHOWN:,} more)" if count > MEMBERS_SHOWN else ""
        out.add_node(f"group:{key}", label=f"{count:,} {noun}: {group_labels[key]}", kind="Group",
                     size=min(8 + 3 * count ** 0.5, 60), figures={noun: count},
                     description=", ".join(names[:MEMBERS_SHOWN]) + more,
                     search=" ".join(names[:200]))
    links: dict[tuple[object, object, str], set[tuple[object, object]]] = {}
    for u, v, attrs in graph.edges(data=True):
        kind = str(attrs.get("kind", "related"))
        if u not in group_of and v not in group_of:
            out.add_edge(u, v, key=kind, **attrs)
            continue
        a, b = group_of.get(u, u), group_of.get(v, v)
        if not graph.is_directed() and str(a) > str(b):
            a, b = b, a
        if a != b:
            links.setdefault((a, b, kind), set()).add((u, v))
    for (a, b, kind), seen in sorted(links.items(), key=lambda item: tuple(map(str, item[0]))):
        out.add_edge(a, b, key=kind, kind=kind, weight=len(seen),
                     title=f"{out.nodes[a]['label']} {kind} {out.nodes[b]['label']}"
                           f"\n({len(seen):,} {noun})")
    plural = "group" if len(group_members) == 1 else "groups"
    out.graph["note"] = (f"{len(members):,} {noun} shown as {len(group_members):,} {plural} "
                         f"by {by}.")
    return out
