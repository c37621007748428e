"""Seeded layouts: every node placed, deterministic, cheap on large graphs, no pile-ups."""

from __future__ import annotations

import math

import networkx as nx

from bench.bench_views import synthetic_landscape
from cikg.views.layout import SPACING, SPRING_LIMIT, layout


def test_every_node_gets_a_finite_position_including_isolated_ones():
    graph = nx.path_graph(5)
    graph.add_nodes_from(["lonely", "alone"])
    graph.add_edge("x", "y")
    positions = layout(graph, seed=0)
    assert set(positions) == set(graph)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in positions.values())


def test_same_graph_and_seed_give_the_same_positions():
    graph = synthetic_landscape(SPRING_LIMIT + 200, seed=3)
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    assert layout(graph, seed=1) == layout(shuffled, seed=1)
    assert layout(graph, seed=1) != layout(graph, seed=2)


def test_large_graph_has_no_two_nodes_on_one_spot():
    graph = synthetic_landscape(3000, seed=1)
    positions = layout(graph, seed=0)
    assert len(positions) == graph.number_of_nodes()
    spots = {(round(x / 5), round(y / 5)) for x, y in positions.values()}
    assert len(spots) > 0.97 * len(positions)


def test_companies_sit_near_the_hubs_they_link():
    graph = synthetic_landscape(2000, seed=2)
    positions = layout(graph, seed=0)

    def distance(a: object, b: object) -> float:
        return math.dist(positions[a], positions[b])

    linked, unlinked = [], []
    for company in [n for n, k in graph.nodes(data="kind") if k == "Company"][:300]:
        country = next(v for _, v, d in graph.out_edges(company, data=True)
                       if d["kind"] == "headquarteredIn")
        linked.append(distance(company, country))
        others = [n for n, k in graph.nodes(data="kind") if k == "Country" and n != country
                  and graph.degree(n) > 0]
        unlinked.append(sum(distance(company, o) for o in others) / len(others))
    assert sum(linked) / len(linked) < 0.8 * sum(unlinked) / len(unlinked)


def test_small_components_keep_nodes_apart():
    positions = layout(nx.star_graph(30), seed=0)
    closest = min(math.dist(positions[a], positions[b])
                  for a in positions for b in positions if a != b)
    assert closest > SPACING
