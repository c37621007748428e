"""Interactive network pages: pyvis data, one self-contained offline HTML file.

pyvis 0.3.2's own templates load Bootstrap (and, in 'remote' mode, vis-network) from
CDNs, and its ``add_node``/``add_edge`` check every existing edge (quadratic). This
module fills a pyvis ``Network``'s node and edge lists directly and renders them into
its own template (``templates/network.html``) with vis-network 9.1.2's JS and CSS
inlined from the pyvis package, so the page makes no network request.

Safety: every text (labels, tooltips, the title) travels as JSON in a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped, and
reaches the page only through ``textContent``, canvas text and vis-network's
plain-text tooltips. A Content-Security-Policy allows exactly the two inline scripts
(by hash), inline styles and ``data:`` images, and nothing else.

Speed: above :data:`PHYSICS_LIMIT` nodes physics is off, positions come from
:func:`cikg.views.layout.layout`, edges are straight, vis-network's ``improvedLayout``
is off and, above :data:`ARROW_LIMIT`, so are arrow heads; node styles are vis groups
(parsed once per class). 5,000 nodes and 17,000 edges cost headless Chromium about 1 s
of CPU to first paint (``python -m bench.bench_views``). Above :data:`NODE_LIMIT`
nodes a view refuses: collapse the graph first (:func:`cikg.views.collapse`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import jinja2
import networkx as nx
from markupsafe import Markup
from pyvis.network import Network

from cikg.errors import CikgError

from .layout import layout
from .styles import EDGE_COLORS, NODE_STYLES, ViewItems, view_items

__all__ = ["HtmlPage", "NODE_STYLES", "EDGE_COLORS", "network_view", "PHYSICS_LIMIT",
           "NODE_LIMIT", "ARROW_LIMIT", "SEARCH_LIST_LIMIT", "TooLargeError"]

#: Above this many nodes physics is off and positions are precomputed.
PHYSICS_LIMIT = 300
#: Above this many nodes a view refuses; collapse the graph (by country or community).
NODE_LIMIT = 20_000
#: Above this many nodes edges are drawn without arrow heads (faster first paint).
ARROW_LIMIT = 1_000
#: The search box suggests at most this many names (it finds any node).
SEARCH_LIST_LIMIT = 5_000
_VIS = files("pyvis").joinpath("templates", "lib", "vis-9.1.2")


class TooLargeError(CikgError):
    """A graph has more nodes than a view can show; the message says how to reduce it."""


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


def network_view(graph: nx.Graph, *, title: str, subtitle: str = "", seed: int = 0,
                 physics: bool | None = None, notes: tuple[str, ...] | list[str] = (),
                 focus: object | None = None) -> HtmlPage:
    """Render a typed graph as one offline HTML page.

    Parameters
    ----------
    graph : networkx.Graph
        Nodes carry ``label`` and ``kind`` (a class name such as ``Company``); see
        :mod:`cikg.views.styles` for the optional attributes (key figures, evidence,
        aliases, highlight) that tooltips, search and styles read.
    title, subtitle : str
        Page heading and the line under it (the sources and their as-of dates).
    seed : int
        Seed of the precomputed layout, so that the same graph gives the same file.
    physics : bool, optional
        Force physics on or off; default on up to :data:`PHYSICS_LIMIT` nodes (starting
        from the precomputed positions).
    notes : sequence of str
        Lines shown under the subtitle (for example what a collapse merged).
    focus : node, optional
        A node to select and centre when the page opens (the centre of an ego view).

    Returns
    -------
    HtmlPage

    Raises
    ------
    TooLargeError
        Above :data:`NODE_LIMIT` nodes: collapse the graph or narrow the view first.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_node("a", label="<b>BTR</b>", kind="Company")
    >>> g.add_node("b", label="China", kind="Country")
    >>> g.add_edge("a", "b", kind="headquarteredIn")
    >>> page = network_view(g, title="demo")
    >>> (page.nodes, page.edges, "<script src=" in page.html, "<b>BTR" in page.html)
    (2, 1, False, False)
    """
    count = graph.number_of_nodes()
    if count > NODE_LIMIT:
        raise TooLargeError(
            f"the graph has {count:,} nodes and a view shows at most {NODE_LIMIT:,}: "
            "collapse it (cikg view ... --group-by country|community, or "
            "cikg.views.collapse in Python) or narrow it (an ego view, a query view)")
    physics = count <= PHYSICS_LIMIT if physics is None else physics
    items = view_items(graph)
    positions = layout(graph, seed=seed)
    net = Network(directed=graph.is_directed())
    for node in items.nodes:
        # add_node/add_edge check every edge (quadratic): fill the lists directly
        entry: dict[str, object] = {"id": node.id, "label": node.label, "kind": node.kind,
                                    "title": node.title}
        entry["x"], entry["y"] = positions[node.key]
        if node.search:
            entry["search"] = node.search
        if node.size is not None:
            entry["size"] = node.size
        if node.highlight:
            entry.update(borderWidth=4, size=(node.size or 10) * 1.8,
                         font={"size": 18, "bold": True})
        net.nodes.append(entry)
    for edge in items.edges:
        entry = {"id": edge.id, "from": edge.source, "to": edge.target, "kind": edge.kind,
                 "title": edge.title}
        width = 1 + min(math.log2(max(edge.weight, 1)), 5) + (3 if edge.highlight else 0)
        if width != 1:
            entry["width"] = round(width, 2)
        net.edges.append(entry)
    net.options = _options(items, count, physics, seed)
    nodes, edges, *_ = net.get_network_data()
    counts_nodes: dict[str, int] = {}
    counts_edges: dict[str, int] = {}
    for node in items.nodes:
        counts_nodes[node.kind] = counts_nodes.get(node.kind, 0) + 1
    for edge in items.edges:
        counts_edges[edge.kind] = counts_edges.get(edge.kind, 0) + 1
    focus_id = next((n.id for n in items.nodes if n.key == focus), None) \
        if focus is not None else None
    data = {
        "title": title, "subtitle": subtitle, "notes": list(notes), "physics": physics,
        "nodes": nodes, "edges": edges, "options": net.options, "focus": focus_id,
        "searchListLimit": SEARCH_LIST_LIMIT,
        "legend": {
            "nodes": [{"name": k, "color": c, "shape": s, "count": counts_nodes[k]}
                      for k, (c, s) in items.node_styles.items()],
            "edges": [{"name": k, "color": c, "count": counts_edges[k]}
                      for k, c in items.edge_colors.items()],
        },
    }
    return HtmlPage(_render(title, data), len(nodes), len(edges))


def _options(items: ViewItems, count: int, physics: bool, seed: int) -> dict:
    # colours and shapes per class are applied by the page script (keeps the JSON small)
    large = count > 1000
    return {
        "nodes": {"size": 10, "borderWidth": 1, "font": {"size": 12},
                  "scaling": {"label": {"drawThreshold": 6}}},
        "edges": {"smooth": False if not physics else {"type": "continuous"},
                  "color": {"inherit": False},
                  # arrow heads cost a third of the drawing time of a large graph; the
                  # tooltips say the direction
                  "arrows": {"to": {"enabled": items.directed and count <= ARROW_LIMIT,
                                    "scaleFactor": 0.4}},
                  "selectionWidth": 2},
        # forceAtlas2 keeps separate components together (barnesHut drives them apart)
        "physics": {"enabled": physics, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -60, "centralGravity": 0.015,
                                         "springLength": 70, "avoidOverlap": 0.4},
                    "stabilization": {"enabled": physics, "iterations": 120, "fit": True}},
        "layout": {"improvedLayout": False, "randomSeed": seed},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "navigationButtons": False,
                        "keyboard": False},
    }


def _json_for_script(data: dict) -> str:
    # JSON inside <script>: escape '<', '>' and '&' so no text can close the element;
    # U+2028/U+2029 too, for older JavaScript parsers
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(autoescape=True, loader=jinja2.PackageLoader("cikg.views"),
                              keep_trailing_newline=True)


@cache
def _assets() -> tuple[str, str, str]:
    """vis-network's JS and CSS, and the page script (read once per process)."""
    vis_js = _VIS.joinpath("vis-network.min.js").read_text("utf-8")
    vis_css = _VIS.joinpath("vis-network.css").read_text("utf-8")
    page_js = files("cikg.views").joinpath("templates", "network.js").read_text("utf-8")
    if "</script" in vis_js.lower() or "</script" in page_js.lower():
        raise CikgError("an inlined script contains '</script': the page would break")
    return vis_js, vis_css, page_js


def _render(title: str, data: dict) -> str:
    vis_js, vis_css, page_js = _assets()
    csp = ("default-src 'none'; base-uri 'none'; form-action 'none'; img-src data:; "
           f"style-src 'unsafe-inline'; script-src {_csp_hash(vis_js)} {_csp_hash(page_js)}")
    return _environment().get_template("network.html").render(
        title=title, csp=csp, data_json=Markup(_json_for_script(data)),
        vis_js=Markup(vis_js), vis_css=Markup(vis_css), page_js=Markup(page_js))
