"""Views: render computed graphs and tables into files a person opens.

Views only render: they take networkx graphs and DataFrames, compute no metrics and
never query the store. :func:`network_view` writes the interactive offline page,
:func:`static_view` a PNG or SVG picture from the same layout, :func:`frame_graph`
turns a query result into a graph to show, :func:`collapse` merges nodes (companies
by country or community) when a graph is too large to show node by node.
"""

import networkx as nx

from .aggregate import collapse
from .frames import conflict_graph, frame_graph
from .network import NODE_LIMIT, PHYSICS_LIMIT, HtmlPage, TooLargeError, network_view
from .static import StaticImage, static_view
from .styles import view_items

__all__ = ["HtmlPage", "StaticImage", "TooLargeError", "NODE_LIMIT", "PHYSICS_LIMIT",
           "network_view", "static_view", "frame_graph", "conflict_graph", "collapse", "view_items",
           "sources_line", "render", "FORMATS"]

#: Output formats of :func:`render`.
FORMATS = ("html", "png", "svg")


def render(graph: nx.Graph, *, format: str = "html", seed: int = 0) -> HtmlPage | StaticImage:
    """Render a graph prepared for viewing as an HTML page or a PNG/SVG picture.

    The page title, subtitle (sources and dates), notes and the node to focus come
    from the graph attributes ``title``, ``subtitle``, ``notes`` and ``focus``, as
    :meth:`cikg.api.KnowledgeGraph.view_graph` sets them.

    Examples
    --------
    >>> g = nx.Graph(title="Two companies")
    >>> g.add_edge("a", "b", kind="competesWith")
    >>> page = render(g)
    >>> page.nodes, "Two companies" in page.html
    (2, True)
    """
    title = str(graph.graph.get("title", "cikg view"))
    subtitle = str(graph.graph.get("subtitle", ""))
    notes = [str(note) for note in graph.graph.get("notes", ())]
    if format == "html":
        return network_view(graph, title=title, subtitle=subtitle, seed=seed, notes=notes,
                            focus=graph.graph.get("focus"))
    return static_view(graph, title=title, subtitle=" ".join([subtitle, *notes]).strip(),
                       format=format, seed=seed)


def sources_line(sources) -> str:  # noqa: ANN001 - a DataFrame of the `sources` query
    """Return 'Sources: title (publisher, as of date); ...' for a page subtitle.

    Examples
    --------
    >>> import pandas as pd
    >>> sources_line(pd.DataFrame([{"title": "Anode report", "file": "a.txt",
    ...     "publisher": "24chemicalresearch.com", "published": "2025-12-12"}]))
    'Sources: Anode report (24chemicalresearch.com, as of 2025-12-12)'
    """
    parts = []
    for row in sources.itertuples(index=False):
        def present(value: object) -> bool:
            return value is not None and str(value) not in ("", "<NA>", "nan", "NaT", "None")
        details = [str(row.publisher)] if present(row.publisher) else []
        if present(row.published):
            details.append(f"as of {row.published}")
        name = row.title if present(row.title) else row.file
        parts.append(f"{name}" + (f" ({', '.join(details)})" if details else ""))
    return "Sources: " + "; ".join(parts) if parts else "No sources loaded"
