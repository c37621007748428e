"""The entity graph: explained paths and ego networks."""

from __future__ import annotations

import pandas as pd

from cikg.analytics import ego_edges, entity_graph, explained_paths

EDGES = pd.DataFrame([
    ("t", "activeIn", "na", "g1"), ("m", "activeIn", "na", "g1"), ("t", "supplies", "hc", "g2"),
    ("b", "supplies", "hc", "g3"), ("na", "includesCountry", "us", "g4"),
    ("x", "supplies", "hc", "g5")], columns=["source", "relation", "target", "graph"])
ENTITIES = pd.DataFrame([
    ("t", "Company", "Targray"), ("m", "Company", "MSE"), ("b", "Company", "BTR"),
    ("na", "Region", "North America"), ("hc", "MaterialType", "Hard carbon"),
    ("us", "Country", "United States")], columns=["entity", "kind", "label"])


def test_unknown_ends_are_left_out():
    graph = entity_graph(EDGES, ENTITIES)
    assert "x" not in graph
    assert graph.number_of_edges() == 5


def test_paths_read_in_the_stated_direction_with_evidence():
    graph = entity_graph(EDGES, ENTITIES)
    evidence = pd.DataFrame({"graph": ["g1"], "quote": ["Targray and MSE in North America"],
                             "section": ["Landscape"], "document": ["Report"]})
    frame = explained_paths(graph, "m", "b", k=2, evidence=evidence)
    steps = frame[["path", "step", "source_label", "relation", "target_label"]].values.tolist()
    assert steps == [[1, 1, "MSE", "activeIn", "North America"],
                     [1, 2, "Targray", "activeIn", "North America"],
                     [1, 3, "Targray", "supplies", "Hard carbon"],
                     [1, 4, "BTR", "supplies", "Hard carbon"]]
    assert frame["evidence"].iloc[0] == '"Targray and MSE in North America" (Landscape; Report)'


def test_no_path_is_empty():
    graph = entity_graph(EDGES, ENTITIES)
    graph.add_node("lonely", label="Lonely", kind="Company")
    assert explained_paths(graph, "t", "lonely").empty


def test_ego_network_depths():
    graph = entity_graph(EDGES, ENTITIES)
    one = ego_edges(graph, "na", depth=1)
    assert sorted(one["source_label"] + " " + one["relation"] + " " + one["target_label"]) == [
        "MSE activeIn North America", "North America includesCountry United States",
        "Targray activeIn North America"]
    two = ego_edges(graph, "na", depth=2)
    assert two[two["depth"] == 2]["target_label"].tolist() == ["Hard carbon"]
