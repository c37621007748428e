"""Network analytics on query results (networkx): typed graphs, competition, measures."""

from .graphs import typed_graph

__all__ = ["typed_graph"]
