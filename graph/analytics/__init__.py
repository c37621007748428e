"""Network analytics on query results (networkx): typed graphs, competition, measures.

Graph-first functions (networkx style) that take query results as DataFrames or
networkx graphs and return plain data; :mod:`cikg.analytics.analyses` runs them over a
store and writes results to derived graphs (:mod:`cikg.analytics.derived`).
"""

from .communities import communities
from .competition import (
    company_features,
    competition_edges,
    competition_graph,
    edge_evidence,
    entity_labels,
)
from .dependence import region_dependence, supplier_shares, supply_risks
from .graphs import typed_graph
from .measures import betweenness, centrality, pagerank, weighted_degree
from .paths import ego_edges, ego_network, entity_graph, explained_paths
from .similarity import jaccard_similarity
from .structure import concentration, hhi_class

__all__ = ["typed_graph", "company_features", "competition_edges", "competition_graph",
           "edge_evidence", "entity_labels", "centrality", "betweenness", "pagerank",
           "weighted_degree", "communities", "jaccard_similarity", "concentration",
           "hhi_class", "supplier_shares", "supply_risks", "region_dependence",
           "entity_graph", "explained_paths", "ego_network", "ego_edges"]
