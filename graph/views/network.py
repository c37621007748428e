"""Interactive network pages: pyvis data, one self-contained offline HTML file.

pyvis 0.3.2's own templates load Bootstrap (and, in 'remote' mode, vis-network) from
CDNs; this module keeps pyvis for assembling nodes, edges and options and renders
them into its own template with vis-network's JS and CSS inlined, so the page makes
no network request. All text (labels, tooltips, titles) travels as JSON in a
``<script type="application/json">`` block and reaches the page through
``textContent`` and vis-network's plain-text tooltips: names are untrusted input.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import jinja2
import networkx as nx
from pyvis.network import Network

__all__ = ["HtmlPage", "NODE_STYLES", "EDGE_COLORS", "network_view", "PHYSICS_LIMIT",
           "NODE_LIMIT"]

#: Above this many nodes the layout is precomputed and physics switched off.
PHYSICS_LIMIT = 300
#: Above this many nodes a view refuses; aggregate first (by country or community).
NODE_LIMIT = 25_000

NODE_STYLES = {
    "Company": ("#1f77b4", "dot"),
    "Country": ("#2ca02c", "square"),
    "Region": ("#98df8a", "triangle"),
    "MaterialType": ("#ff7f0e", "diamond"),
    "Application": ("#9467bd", "triangleDown"),
    "EndUser": ("#8c564b", "star"),
    "Initiative": ("#d62728", "hexagon"),
    "Organization": ("#e377c2", "ellipse"),
    "Market": ("#7f7f7f", "box"),
}
EDGE_COLORS = {
    "headquarteredIn": "#2ca02c", "supplies": "#ff7f0e", "serves": "#9467bd",
    "activeIn": "#98df8a", "competesWith": "#d62728", "overlapsWith": "#e7969c",
    "sponsor": "#e377c2", "targets": "#bcbd22", "leads": "#17becf",
}
_VIS = files("pyvis").joinpath("templates", "lib", "vis-9.1.2")


@dataclass
class HtmlPage:
    """A rendered page: its HTML text and counts; :meth:`write` saves it."""

    html: str
    nodes: int
    edges: int

    def write(self, path: str | Path) -> Path:
        """Write the page to *path* (UTF-8) and return the path."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.html, encoding="utf-8")
        return path


def _layout(graph: nx.Graph, seed: int) -> dict[object, tuple[float, float]]:
    if graph.number_of_nodes() > 2000:
        positions = nx.random_layout(graph, seed=seed)
        positions = nx.spring_layout(graph, pos=positions, iterations=15, seed=seed)
    else:
        positions = nx.spring_layout(graph, seed=seed, iterations=50)
    scale = 60 * graph.number_of_nodes() ** 0.5
    return {n: (float(x) * scale, float(y) * scale) for n, (x, y) in positions.items()}


def _legend(items: list[dict], key: str, colors: dict[str, str]) -> list[dict]:
    counts: dict[str, int] = {}
    for item in items:
        counts[item[key]] = counts.get(item[key], 0) + 1
    return [{"name": k, "label": k, "color": colors.get(k, "#999"), "count": counts[k]}
            for k in sorted(counts)]


def network_view(graph: nx.Graph, *, title: str, subtitle: str = "", seed: int = 0,
                 physics: bool | None = None) -> HtmlPage:
    """Render a typed graph as one offline HTML page.

    Parameters
    ----------
    graph : networkx.Graph
        Nodes carry ``label``, ``kind`` (a class name such as ``Company``) and
        optionally ``title`` (plain-text tooltip) and ``search`` (extra names to
        search by); edges carry ``kind`` and optionally ``title`` and ``weight``.
    title, subtitle : str
        Page heading and the line under it (sources and their dates).
    seed : int
        Seed of the precomputed layout, so that the same graph gives the same file.
    physics : bool, optional
        Force physics on or off; default on up to :data:`PHYSICS_LIMIT` nodes.

    Returns
    -------
    HtmlPage

    Raises
    ------
    ValueError
        Above :data:`NODE_LIMIT` nodes: aggregate the graph first.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_node("a", label="BTR", kind="Company")
    >>> g.add_node("b", label="China", kind="Country")
    >>> g.add_edge("a", "b", kind="headquarteredIn")
    >>> page = network_view(g, title="demo")
    >>> (page.nodes, page.edges, "<script src=" in page.html or "<link" in page.html)
    (2, 1, False)
    """
    count = graph.number_of_nodes()
    if count > NODE_LIMIT:
        raise ValueError(f"{count} nodes is more than a view can show ({NODE_LIMIT}); "
                         "aggregate by country or community first")
    physics = count <= PHYSICS_LIMIT if physics is None else physics
    positions = {} if physics else _layout(graph, seed)
    net = Network(directed=graph.is_directed())
    ids = {n: i for i, n in enumerate(sorted(graph.nodes, key=str))}
    for node in sorted(graph.nodes, key=str):
        attrs = graph.nodes[node]
        kind = attrs.get("kind", "Other")
        color, shape = NODE_STYLES.get(kind, ("#999999", "dot"))
        entry = {"id": ids[node], "label": str(attrs.get("label", node)), "kind": kind,
                 "title": str(attrs.get("title", f"{attrs.get('label', node)} ({kind})")),
                 "color": color, "shape": shape, "search": str(attrs.get("search", ""))}
        if node in positions:
            entry["x"], entry["y"] = positions[node]
        net.nodes.append(entry)  # add_node/add_edge check every edge: fill the lists directly
    for i, (u, v, attrs) in enumerate(sorted(graph.edges(data=True),
                                             key=lambda e: (ids[e[0]], ids[e[1]]))):
        kind = attrs.get("kind", "related")
        net.edges.append({"id": i, "from": ids[u], "to": ids[v], "kind": kind,
                          "title": str(attrs.get("title", kind)),
                          "color": EDGE_COLORS.get(kind, "#bbbbbb"),
                          "width": 1 + min(float(attrs.get("weight", 1)), 5)})
    net.options = {
        "physics": {"enabled": physics, "stabilization": {"iterations": 150}},
        "layout": {"improvedLayout": physics and count <= 100, "randomSeed": seed},
        "edges": {"smooth": bool(physics), "arrows": {"to": {"enabled": graph.is_directed(),
                                                              "scaleFactor": 0.4}}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": count > 1000},
        "nodes": {"font": {"size": 14}},
    }
    nodes, edges, *_ , options = net.get_network_data()
    data = {"title": title, "subtitle": subtitle, "nodes": nodes, "edges": edges,
            "options": json.loads(options),
            "legend": {"nodes": _legend(nodes, "kind", {k: c for k, (c, _) in
                                                        NODE_STYLES.items()}),
                       "edges": _legend(edges, "kind", EDGE_COLORS)}}
    return HtmlPage(_render(title, data), len(nodes), len(edges))


def _render(title: str, data: dict) -> str:
    env = jinja2.Environment(autoescape=True, loader=jinja2.PackageLoader("cikg.views"))
    # JSON inside <script>: escape '<', '>' and '&' so no text can close the element
    data_json = (json.dumps(data, ensure_ascii=False, sort_keys=True)
                 .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    return env.get_template("network.html").render(
        title=title,
        data_json=jinja2.utils.markupsafe.Markup(data_json),
        vis_js=jinja2.utils.markupsafe.Markup(_VIS.joinpath("vis-network.min.js").read_text("utf-8")),
        vis_css=jinja2.utils.markupsafe.Markup(_VIS.joinpath("vis-network.css").read_text("utf-8")),
    )
