"""Centrality, communities and similarity on small hand-computed graphs."""

from __future__ import annotations

import random

import networkx as nx
import pandas as pd
import pytest

from cikg.analytics import betweenness, centrality, communities, jaccard_similarity, pagerank
from cikg.analytics.measures import BETWEENNESS_EXACT_MAX


def star() -> nx.Graph:
    graph = nx.Graph()
    for leaf, weight in (("a", 1.0), ("b", 2.0), ("c", 3.0)):
        graph.add_edge("hub", leaf, weight=weight)
    return graph


def seeded_graph(n: int = 60, p: float = 0.12, seed: int = 3) -> nx.Graph:
    graph = nx.gnp_random_graph(n, p, seed=seed)
    rng = random.Random(seed)
    for _, _, data in graph.edges(data=True):
        # lengths 1/w exact in binary: engines that break float ties differently agree
        data["weight"] = rng.choice((0.5, 1.0, 2.0, 4.0))
    return nx.relabel_nodes(graph, {i: f"c{i:03d}" for i in graph})


def test_star_by_hand():
    frame = centrality(star(), backend="networkx").set_index("node")
    assert frame.loc["hub", "degree"] == 3
    assert frame.loc["hub", "weighted_degree"] == 6.0
    # every path between two leaves runs through the hub: 3 pairs of 3 possible
    assert frame.loc["hub", "betweenness"] == 1.0
    assert frame.loc["a", "betweenness"] == 0.0
    assert frame["pagerank"].sum() == pytest.approx(1.0)
    assert frame.loc["c", "pagerank"] > frame.loc["b", "pagerank"] > frame.loc["a", "pagerank"]
    assert not frame["betweenness_approximate"].any()


def test_weights_are_strengths_for_paths():
    # a-b strong (length 1/4) twice beats the direct weak a-c (length 1)
    graph = nx.Graph([("a", "b", {"weight": 4.0}), ("b", "c", {"weight": 4.0}),
                      ("a", "c", {"weight": 1.0})])
    values, _ = betweenness(graph, backend="networkx")
    assert values["b"] == 1.0
    values, _ = betweenness(graph, weight=None, backend="networkx")
    assert values["b"] == 0.0


@pytest.mark.parametrize("weight", ["weight", None])
def test_networkx_matches_its_reference(weight):
    graph = seeded_graph()
    ours, sampled = betweenness(graph, weight=weight, backend="networkx")
    if weight:
        lengths = nx.Graph((u, v, {"len": 1 / d["weight"]}) for u, v, d in graph.edges(data=True))
        lengths.add_nodes_from(graph)
        reference = nx.betweenness_centrality(lengths, weight="len")
    else:
        reference = nx.betweenness_centrality(graph)
    assert not sampled
    assert ours == pytest.approx(reference)


@pytest.mark.parametrize("k", [None, 12])
@pytest.mark.parametrize("weight", ["weight", None])
def test_igraph_and_networkx_agree(k, weight):
    pytest.importorskip("igraph")
    graph = seeded_graph()
    a, sampled_a = betweenness(graph, weight=weight, k=k, seed=5, backend="networkx")
    b, sampled_b = betweenness(graph, weight=weight, k=k, seed=5, backend="igraph")
    assert sampled_a == sampled_b == (k is not None)
    assert a == pytest.approx(b)


def test_sampling_is_seeded_and_flagged():
    graph = seeded_graph()
    first, sampled = betweenness(graph, k=10, seed=1, backend="networkx")
    again, _ = betweenness(graph, k=10, seed=1, backend="networkx")
    other, _ = betweenness(graph, k=10, seed=2, backend="networkx")
    assert sampled
    assert first == again
    assert first != other
    assert centrality(graph, k=10, seed=1)["betweenness_approximate"].all()
    assert BETWEENNESS_EXACT_MAX >= 1000


def test_pagerank_and_input_untouched():
    graph = star()
    before = nx.to_dict_of_dicts(graph)
    assert sum(pagerank(graph).values()) == pytest.approx(1.0)
    centrality(graph)
    assert nx.to_dict_of_dicts(graph) == before


def test_louvain_finds_two_cliques_and_is_seeded():
    graph = nx.Graph()
    graph.add_edges_from((u, v, {"weight": 1.0}) for group in ("abcd", "wxyz")
                         for i, u in enumerate(group) for v in group[i + 1:])
    graph.add_edge("d", "w", weight=0.1)
    frame = communities(graph, seed=0)
    assert frame.groupby("community")["node"].apply("".join).tolist() == ["abcd", "wxyz"]
    assert frame["size"].tolist() == [4] * 8
    assert frame["modularity"].iloc[0] == pytest.approx(
        nx.community.modularity(graph, [set("abcd"), set("wxyz")]), abs=1e-6)
    pd.testing.assert_frame_equal(frame, communities(graph, seed=0))


def test_jaccard_by_hand_and_like_networkx():
    f = pd.DataFrame({"company": list("aaabbc"), "company_label": list("AAABBC"),
                      "facet": ["material", "market", "place", "material", "market", "place"],
                      "concept": ["hc", "ev", "na", "hc", "ess", "na"]})
    frame = jaccard_similarity(f)
    assert frame[["a", "b", "jaccard", "shared", "union"]].values.tolist() == [
        ["a", "c", pytest.approx(1 / 3), 1, 3], ["a", "b", 0.25, 1, 4]]
    bipartite = nx.Graph(list(zip(f["company"], f["concept"], strict=True)))
    reference = {(u, v): p for u, v, p in nx.jaccard_coefficient(bipartite, [("a", "b"),
                                                                            ("a", "c")])}
    assert reference[("a", "b")] == pytest.approx(0.25)
    assert reference[("a", "c")] == pytest.approx(1 / 3)
    assert jaccard_similarity(f, min_similarity=0.3)["b"].tolist() == ["c"]
