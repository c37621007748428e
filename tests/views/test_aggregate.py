"""Collapsing companies into groups when a graph is too large to show node by node."""

from __future__ import annotations

import networkx as nx
import pytest

from bench.bench_views import synthetic_landscape
from cikg.errors import CikgError
from cikg.views import NODE_LIMIT, collapse, network_view


def test_collapse_by_country_keeps_hubs_and_counts_members():
    graph = synthetic_landscape(3000, seed=4)
    small = collapse(graph, by="headquarteredIn")
    companies = [n for n, k in graph.nodes(data="kind") if k == "Company"]
    groups = [n for n, k in small.nodes(data="kind") if k == "Group"]
    assert not any(k == "Company" for _, k in small.nodes(data="kind"))
    assert sum(small.nodes[g]["figures"]["companies"] for g in groups) == len(companies)
    hubs = {n for n, k in graph.nodes(data="kind") if k != "Company"}
    assert hubs <= set(small.nodes)
    group = "group:headquarteredIn=Country/1"
    members = [c for c in companies if any(v == "Country/1" for _, v in graph.out_edges(c))]
    assert small.nodes[group]["label"] == f"{len(members):,} companies: Country 1"
    assert small.edges[group, "Country/1", "headquarteredIn"]["weight"] == len(members)
    assert small.graph["note"].startswith(f"{len(companies):,} companies shown as")


def test_collapse_by_node_attribute():
    graph = nx.Graph()
    for i in range(6):
        graph.add_node(i, label=f"C{i}", kind="Company", community=i % 2)
    graph.add_edges_from([(0, 2, {"kind": "overlapsWith"}), (0, 1, {"kind": "overlapsWith"}),
                          (3, 2, {"kind": "overlapsWith"})])
    small = collapse(graph, by="community")
    assert sorted(small.nodes) == ["group:community=0", "group:community=1"]
    assert small.number_of_edges() == 1  # links inside a group are not drawn
    edge = small.edges["group:community=0", "group:community=1", "overlapsWith"]
    assert edge["weight"] == 2  # 0-1 and 3-2 cross the groups, 0-2 does not


def test_collapse_needs_members_and_a_key():
    with pytest.raises(CikgError, match="no node of class Company"):
        collapse(nx.path_graph(3), by="community")
    graph = nx.Graph()
    graph.add_node("a", kind="Company")
    with pytest.raises(CikgError, match="cannot collapse by 'community': no node has a"):
        collapse(graph, by="community")


def test_landscape_above_the_limit_collapses_by_country_with_a_note():
    graph = synthetic_landscape(NODE_LIMIT + 50, seed=0)
    small = collapse(graph, by="headquarteredIn")
    page = network_view(small, title="t", notes=[small.graph["note"]])
    assert page.nodes < 500
    assert f"{NODE_LIMIT + 50 - 121:,} companies shown as" in page.html
