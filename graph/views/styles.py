"""What a view shows of each node and edge: style by class, plain-text tooltips.

Both renderers (:mod:`cikg.views.network` for HTML, :mod:`cikg.views.static` for PNG
and SVG) read nodes and edges through :func:`view_items`, so the picture for a slide
and the interactive page show the same graph with the same colours and positions.

Attributes a view reads (all optional except where stated):

nodes
    ``label`` (text, default the node key), ``kind`` (the class: ``Company``,
    ``Country``, ...; default ``Other``), ``figures`` (mapping name -> value: the key
    figures the tooltip lists, e.g. ``{"capacity (t/yr)": 12000}``), ``evidence``
    (list of mappings with ``quote``, ``section``, ``source`` or ``document``,
    ``date`` or ``as_of``, or plain text), ``description`` or ``title`` (a line),
    ``search`` (aliases the search box matches), ``highlight`` (bool: drawn larger
    with a thick border, e.g. the centre of an ego view), ``size`` (pixels).
edges
    ``kind`` (the relation, default ``related``), ``title`` (plain-text tooltip; when
    absent it is built from ``figures``, ``reasons`` (a list of texts, such as the
    competition graph's) and ``evidence`` as for nodes), ``weight`` (pieces of
    evidence or members behind the edge: line width), ``highlight``.

Every text is untrusted input: tooltips are plain strings (vis-network shows them as
text) and never markup.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx

__all__ = ["NODE_STYLES", "EDGE_COLORS", "PALETTE", "TOOLTIP_CHARS", "ViewItems", "ViewNode",
           "ViewEdge", "node_styles", "edge_colors", "evidence_lines", "view_items"]

#: Colour and vis-network shape of each node class.
NODE_STYLES: dict[str, tuple[str, str]] = {
    "Company": ("#1f77b4", "dot"),
    "Country": ("#2ca02c", "square"),
    "Region": ("#98df8a", "triangle"),
    "MaterialType": ("#ff7f0e", "diamond"),
    "Application": ("#9467bd", "triangleDown"),
    "EndUser": ("#8c564b", "star"),
    "Initiative": ("#d62728", "hexagon"),
    "Organization": ("#e377c2", "ellipse"),
    "Market": ("#7f7f7f", "box"),
    "Source": ("#17becf", "box"),
    "Group": ("#aec7e8", "dot"),
    "Value": ("#c7c7c7", "ellipse"),
}
#: Colour of each edge kind (relation).
EDGE_COLORS: dict[str, str] = {
    "headquarteredIn": "#2ca02c", "supplies": "#ff7f0e", "serves": "#9467bd",
    "activeIn": "#98df8a", "competesWith": "#d62728", "overlapsWith": "#e7969c",
    "sponsor": "#e377c2", "targets": "#bcbd22", "leads": "#17becf", "states": "#17becf",
    "member": "#aec7e8",
}
#: Colours for classes and kinds the tables above do not name (assigned in sorted order).
PALETTE = ("#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#5254a3", "#8ca252",
           "#bd9e39", "#ad494a", "#a55194", "#6b6ecf", "#b5cf6b", "#e7ba52", "#d6616b")
_SHAPES = ("dot", "square", "triangle", "diamond", "triangleDown", "star", "hexagon")
#: Tooltips longer than this are cut (with a note), so huge pages stay small.
TOOLTIP_CHARS = 1200
_NAMES_PER_RELATION = 6


@dataclass
class ViewNode:
    """One node as a renderer sees it."""

    key: object
    id: int
    label: str
    kind: str
    title: str
    search: str = ""
    highlight: bool = False
    size: float | None = None


@dataclass
class ViewEdge:
    """One edge as a renderer sees it (``source``/``target`` are node ids)."""

    id: int
    source: int
    target: int
    kind: str
    title: str
    weight: float = 1.0
    highlight: bool = False


@dataclass
class ViewItems:
    """Nodes and edges in a stable order, with the styles of their classes and kinds."""

    nodes: list[ViewNode]
    edges: list[ViewEdge]
    node_styles: dict[str, tuple[str, str]] = field(default_factory=dict)
    edge_colors: dict[str, str] = field(default_factory=dict)
    directed: bool = False


def node_styles(kinds: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Return class -> (colour, shape), with palette colours for unknown classes.

    Examples
    --------
    >>> node_styles(["Company", "Widget"])
    {'Company': ('#1f77b4', 'dot'), 'Widget': ('#393b79', 'dot')}
    """
    kinds = set(kinds)
    unknown = sorted(kinds - set(NODE_STYLES))
    styles = {k: NODE_STYLES[k] for k in kinds if k in NODE_STYLES}
    for i, kind in enumerate(unknown):
        styles[kind] = (PALETTE[i % len(PALETTE)], _SHAPES[(i // len(PALETTE)) % len(_SHAPES)])
    return dict(sorted(styles.items()))


def edge_colors(kinds: Iterable[str]) -> dict[str, str]:
    """Return edge kind -> colour, with palette colours for unknown kinds.

    Examples
    --------
    >>> edge_colors(["supplies", "makes"])
    {'makes': '#393b79', 'supplies': '#ff7f0e'}
    """
    kinds = set(kinds)
    unknown = sorted(kinds - set(EDGE_COLORS))
    colors = {k: EDGE_COLORS[k] for k in kinds if k in EDGE_COLORS}
    colors.update({k: PALETTE[i % len(PALETTE)] for i, k in enumerate(unknown)})
    return dict(sorted(colors.items()))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return f"{value:,.0f}" if value.is_integer() and abs(value) >= 1000 else f"{value:,.4g}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    text = str(value)
    return "" if text in ("<NA>", "nan", "NaT", "None") else text


def evidence_lines(evidence: Iterable[Mapping[str, object]], *, limit: int = 3) -> list[str]:
    """Return one plain-text line per piece of evidence: '"quote" (section; source, date)'.

    Examples
    --------
    >>> evidence_lines([{"quote": "BTR (China)", "section": "Companies",
    ...                  "source": "Report 2025", "date": "2025-12-12"}])
    ['"BTR (China)" (Companies; Report 2025, 2025-12-12)']
    """
    lines: list[str] = []
    items = list(evidence)
    for item in items[:limit]:
        quote = _text(item.get("quote"))
        source = _text(item.get("source") or item.get("document"))
        date = _text(item.get("date") or item.get("as_of"))
        where = "; ".join(x for x in (_text(item.get("section")),
                                      ", ".join(x for x in (source, date) if x)) if x)
        lines.append((f'"{quote}"' if quote else "") + (f" ({where})" if where else ""))
    if len(items) > limit:
        lines.append(f"... and {len(items) - limit} more")
    return [line for line in lines if line]


def _figure_lines(figures: object) -> list[str]:
    if not isinstance(figures, Mapping):
        return []
    return [f"{_text(k)}: {_text(v)}" for k, v in figures.items() if _text(v)]


def _reasons_and_evidence(attrs: Mapping[str, object]) -> list[str]:
    """``reasons`` (a list of texts), then ``evidence`` (mappings, or plain text lines)."""
    lines: list[str] = []
    reasons = attrs.get("reasons")
    if isinstance(reasons, (list, tuple)):
        lines += [_text(r) for r in reasons if _text(r)]
    evidence = attrs.get("evidence")
    if isinstance(evidence, str) and evidence.strip():
        lines += ["Evidence:"] + [line for line in evidence.splitlines() if line.strip()]
    elif isinstance(evidence, list) and evidence:
        lines += ["Evidence:"] + evidence_lines(evidence)
    return lines


def _cut(text: str) -> str:
    if len(text) <= TOOLTIP_CHARS:
        return text
    return text[:TOOLTIP_CHARS - 20].rstrip() + "\n... (cut)"


def _incident(graph: nx.Graph, node: object):
    """Yield (neighbour, edge attributes, direction note) for every edge at *node*."""
    if not graph.is_directed():
        yield from ((v, d, "") for _, v, d in graph.edges(node, data=True))
        return
    yield from ((v, d, "") for _, v, d in graph.out_edges(node, data=True))
    yield from ((u, d, " (from)") for u, _, d in graph.in_edges(node, data=True) if u != node)


def _relations(graph: nx.Graph, node: object, labels: dict[object, str]) -> list[str]:
    """'supplies: Hard carbon, Soft carbon' for out-edges, 'headquarteredIn (from): ...'."""
    groups: dict[tuple[str, str], set[str]] = {}
    for other, attrs, note in _incident(graph, node):
        groups.setdefault((_text(attrs.get("kind")) or "related", note), set()).add(labels[other])
    lines = []
    for (kind, note), names in sorted(groups.items()):
        shown = sorted(names)
        more = len(shown) - _NAMES_PER_RELATION
        lines.append(f"{kind}{note}: {', '.join(shown[:_NAMES_PER_RELATION])}"
                     + (f" (+{more} more)" if more > 0 else ""))
    return lines


def _node_title(graph: nx.Graph, node: object, attrs: Mapping[str, object], label: str,
                kind: str, labels: dict[object, str]) -> str:
    lines = [label, kind]
    for key in ("description", "title"):
        text = _text(attrs.get(key))
        if text and text != f"{label} ({kind})" and text != label:
            lines.append(text)
            break
    lines += _figure_lines(attrs.get("figures"))
    lines += _relations(graph, node, labels)
    lines += _reasons_and_evidence(attrs)
    return _cut("\n".join(lines))


def _edge_title(attrs: Mapping[str, object], source: str, kind: str, target: str) -> str:
    title = _text(attrs.get("title"))
    if title:
        return _cut(title)
    lines = [f"{source} {kind} {target}"] + _figure_lines(attrs.get("figures"))
    lines += _reasons_and_evidence(attrs)
    return _cut("\n".join(lines))


def view_items(graph: nx.Graph) -> ViewItems:
    """Return the nodes and edges of *graph* as a renderer shows them.

    Nodes are numbered in the sorted order of their keys (as strings) and edges in the
    order of their end points, kind and key, so the same graph gives the same page
    however it was built.

    Examples
    --------
    >>> g = nx.DiGraph()
    >>> g.add_node("c", label="BTR", kind="Company", figures={"capacity (t/yr)": 12000})
    >>> g.add_node("cn", label="China", kind="Country")
    >>> g.add_edge("c", "cn", kind="headquarteredIn")
    >>> items = view_items(g)
    >>> print(items.nodes[0].title)
    BTR
    Company
    capacity (t/yr): 12,000
    headquarteredIn: China
    >>> items.edges[0].title
    'BTR headquarteredIn China'
    """
    order = sorted(graph.nodes, key=str)
    ids = {node: i for i, node in enumerate(order)}
    labels = {node: _text(graph.nodes[node].get("label", node)) or str(node) for node in order}
    nodes = []
    for node in order:
        attrs = graph.nodes[node]
        kind = _text(attrs.get("kind")) or "Other"
        size = attrs.get("size")
        nodes.append(ViewNode(
            key=node, id=ids[node], label=labels[node], kind=kind,
            title=_node_title(graph, node, attrs, labels[node], kind, labels),
            search=_text(attrs.get("search")), highlight=bool(attrs.get("highlight", False)),
            size=float(size) if isinstance(size, (int, float)) else None))
    if graph.is_multigraph():
        raw = [(u, v, str(k), d) for u, v, k, d in graph.edges(keys=True, data=True)]
    else:
        raw = [(u, v, "", d) for u, v, d in graph.edges(data=True)]
    if not graph.is_directed():  # an undirected edge reads the same either way: sort its ends
        raw = [(u, v, k, d) if ids[u] <= ids[v] else (v, u, k, d) for u, v, k, d in raw]
    raw.sort(key=lambda e: (ids[e[0]], ids[e[1]], str(e[3].get("kind", "related")), e[2]))
    edges = []
    for i, (u, v, _, attrs) in enumerate(raw):
        kind = _text(attrs.get("kind")) or "related"
        weight = attrs.get("weight", 1)
        edges.append(ViewEdge(
            id=i, source=ids[u], target=ids[v], kind=kind,
            title=_edge_title(attrs, labels[u], kind, labels[v]),
            weight=float(weight) if isinstance(weight, (int, float)) else 1.0,
            highlight=bool(attrs.get("highlight", False))))
    return ViewItems(nodes, edges, node_styles(n.kind for n in nodes),
                     edge_colors(e.kind for e in edges), graph.is_directed())
