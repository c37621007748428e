"""Views: render computed graphs and tables into files a person opens.

Views only render: they take networkx graphs and DataFrames, compute no metrics and
never query the store.
"""

from .network import HtmlPage, network_view

__all__ = ["HtmlPage", "network_view", "sources_line"]


def sources_line(sources) -> str:  # noqa: ANN001 - a DataFrame of the `sources` query
    """Return 'Sources: title (publisher, date); ...' for a page subtitle."""
    parts = []
    for row in sources.itertuples(index=False):
        details = ", ".join(str(x) for x in (row.publisher, row.published)
                            if x is not None and str(x) not in ("", "<NA>", "nan", "None"))
        parts.append(f"{row.title or row.file}" + (f" ({details})" if details else ""))
    return "Sources: " + "; ".join(parts) if parts else "No sources loaded"
