"""Static pictures for slides: PNG or SVG with matplotlib, from the views' own layout.

The picture uses :func:`cikg.views.layout.layout` and :func:`cikg.views.styles.view_items`,
so it shows the positions, colours and shapes of the interactive page (the page lets
physics relax small graphs from those positions). Text is drawn literally: matplotlib's
mathtext is off for every label, so a name with ``$`` signs stays as written.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from cikg.errors import CikgError

from .layout import layout
from .styles import ViewItems, ViewNode, view_items

__all__ = ["StaticImage", "static_view", "LABEL_LIMIT"]

#: Up to this many nodes every node is labelled; above it only the highlighted ones and
#: the classes with few members (countries, materials ...), not the crowd.
LABEL_LIMIT = 150
_MARKERS = {"dot": "o", "ellipse": "o", "square": "s", "box": "s", "triangle": "^",
            "triangleDown": "v", "diamond": "D", "star": "*", "hexagon": "h"}


@dataclass
class StaticImage:
    """A rendered picture: its bytes, format and counts; :meth:`write` saves it."""

    data: bytes
    format: str
    nodes: int
    edges: int

    def write(self, path: str | Path) -> Path:
        """Write the picture to *path* and return the path."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.data)
        return path


def static_view(graph: nx.Graph, *, title: str, subtitle: str = "", format: str = "png",
                seed: int = 0, width: float = 13.33, height: float = 7.5,
                dpi: int = 150) -> StaticImage:
    """Draw *graph* as a PNG or SVG picture (16:9 slide size by default).

    Parameters
    ----------
    graph : networkx.Graph
        A typed graph (see :mod:`cikg.views.styles` for the attributes it reads).
    title, subtitle : str
        Heading and the line under it (sources and their dates).
    format : {"png", "svg"}
        Output format. SVG files are deterministic (no date, fixed ids).
    seed : int
        Seed of the layout: the interactive page with the same seed uses the same one.
    width, height, dpi : float, float, int
        Size in inches and resolution (PNG).

    Returns
    -------
    StaticImage

    Raises
    ------
    CikgError
        For a format other than png or svg.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_node("a", label="$BTR$", kind="Company")
    >>> g.add_node("b", label="China", kind="Country")
    >>> g.add_edge("a", "b", kind="headquarteredIn")
    >>> svg = static_view(g, title="demo", format="svg")
    >>> (svg.nodes, svg.edges, b"$BTR$" in svg.data)
    (2, 1, True)
    """
    if format not in ("png", "svg"):
        raise CikgError(f"format {format!r} is not a picture format; use png or svg "
                        "(or html for the interactive page)")
    from matplotlib import rc_context
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    items = view_items(graph)
    positions = layout(graph, seed=seed)
    xy = {node.id: positions[node.key] for node in items.nodes}
    # deterministic SVG ids, text kept as text
    with rc_context({"svg.hashsalt": "cikg", "svg.fonttype": "none"}):
        figure = Figure(figsize=(width, height), dpi=dpi)
        axes = figure.add_axes((0.01, 0.01, 0.78, 0.86))
        axes.set_axis_off()
        figure.text(0.01, 0.965, title, fontsize=15, weight="bold", va="top", parse_math=False)
        if subtitle:
            figure.text(0.01, 0.925, _wrap(subtitle, 190), fontsize=7.5, color="#555",
                        va="top", parse_math=False)
        segments = [(xy[e.source], xy[e.target]) for e in items.edges]
        axes.add_collection(LineCollection(
            segments, colors=[items.edge_colors[e.kind] for e in items.edges],
            linewidths=[0.4 + min(e.weight, 4) * 0.25 + (1.5 if e.highlight else 0)
                        for e in items.edges], alpha=0.55, zorder=1))
        small = len(items.nodes) > 2000
        for kind, (color, shape) in items.node_styles.items():
            members = [n for n in items.nodes if n.kind == kind]
            axes.scatter([xy[n.id][0] for n in members], [xy[n.id][1] for n in members],
                         s=[(n.size or 10) ** 2 * (2.2 if n.highlight else 1)
                            * (0.15 if small and kind == "Company" else 0.9) for n in members],
                         c=color, marker=_MARKERS.get(shape, "o"),
                         edgecolors=["#000" if n.highlight else "#fff" for n in members],
                         linewidths=[2 if n.highlight else 0.4 for n in members], zorder=2)
        for node in _labelled(items):
            x, y = xy[node.id]
            axes.annotate(node.label, (x, y), xytext=(0, -9), textcoords="offset points",
                          ha="center", va="top", fontsize=7 if len(items.nodes) < 60 else 5.5,
                          weight="bold" if node.highlight else "normal", zorder=3,
                          parse_math=False, annotation_clip=False)
        if xy:
            xs = [p[0] for p in xy.values()]
            ys = [p[1] for p in xy.values()]
            pad = 30.0
            axes.set_xlim(min(xs) - pad, max(xs) + pad)
            axes.set_ylim(max(ys) + pad, min(ys) - pad)  # screen coordinates: y down
            axes.set_aspect("equal", adjustable="box")
        handles = [Line2D([], [], marker=_MARKERS.get(shape, "o"), color="none",
                          markerfacecolor=color, markeredgecolor="#fff", markersize=8,
                          label=_clip(kind)) for kind, (color, shape) in items.node_styles.items()]
        handles += [Line2D([], [], color=color, linewidth=2, label=_clip(kind))
                    for kind, color in items.edge_colors.items()]
        if handles:
            legend = figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.8, 0.87),
                                   fontsize=7.5, frameon=False, title="Classes and relations",
                                   title_fontsize=8)
            for text in legend.get_texts():
                text.set_parse_math(False)
        buffer = io.BytesIO()
        metadata = {"Date": None} if format == "svg" else {"Software": None}
        figure.savefig(buffer, format=format, metadata=metadata)
    return StaticImage(buffer.getvalue(), format, len(items.nodes), len(items.edges))


def _labelled(items: ViewItems) -> list[ViewNode]:
    if len(items.nodes) <= LABEL_LIMIT:
        return items.nodes
    counts: dict[str, int] = {}
    for node in items.nodes:
        counts[node.kind] = counts.get(node.kind, 0) + 1
    return [n for n in items.nodes if n.highlight or counts[n.kind] <= 60]


def _clip(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[:length - 1] + "…"


def _wrap(text: str, width: int) -> str:
    import textwrap
    return "\n".join(textwrap.wrap(text, width)[:3])
