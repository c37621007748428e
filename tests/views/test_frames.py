"""Query results as graphs: IRI columns are nodes, rows link them, the rest is tooltip."""

from __future__ import annotations

import pandas as pd
import pytest

import cikg
from cikg.errors import CikgError
from cikg.views import frame_graph, render
from cikg.views.frames import node_columns

C = "https://w3id.org/cikg/id/company/"
K = "https://w3id.org/cikg/id/country/"


def test_landscape_edges_query_gives_the_typed_landscape(demo_store):
    with cikg.open(demo_store, read_only=True) as kg:
        frame = kg.query("landscape-edges", limit=None)
        graph = frame_graph(frame, name="landscape-edges")
        landscape = kg.view_graph("landscape")
    assert set(graph.nodes) == set(landscape.nodes)
    assert {(u, v, k) for u, v, k in graph.edges(keys=True)} == \
        {(u, v, k) for u, v, k in landscape.edges(keys=True)}
    btr = C + "btr"
    assert graph.nodes[btr]["label"] == "BTR"
    assert graph.nodes[btr]["kind"] == "Company"
    evidence = graph.edges[btr, K + "cn", "headquarteredIn"]["evidence"]
    assert evidence[0]["quote"] == "BTR (China)"
    assert str(evidence[0]["as_of"]) == "2025-12-12"


def test_columns_without_companions_take_names_from_iris_and_columns():
    frame = pd.DataFrame({"company": [C + "btr", C + "btr"], "country": [K + "cn", K + "jp"],
                          "capacity": [1200, 800]})
    graph = frame_graph(frame)
    assert graph.nodes[C + "btr"] == {"label": "btr", "kind": "Company",
                                      "figures": {"capacity": "1,200 | 800"}}
    assert graph.nodes[K + "cn"]["kind"] == "Country"
    assert sorted(k for _, _, k in graph.edges(keys=True)) == ["country", "country"]


def test_literals_in_a_node_column_become_value_nodes():
    frame = pd.DataFrame({"subject": [C + "btr", C + "btr"],
                          "predicate": ["https://w3id.org/cikg/ontology#headquarteredIn"] * 2,
                          "object": [K + "cn", "Shenzhen, China"],
                          "quote": ["BTR (China)", "BTR, Shenzhen"]})
    graph = frame_graph(frame)
    assert graph.nodes["value:Shenzhen, China"] == {"label": "Shenzhen, China", "kind": "Value"}
    assert {k for _, _, k in graph.edges(keys=True)} == {"headquarteredIn"}


def test_same_fact_twice_is_one_edge_weighted_by_its_quotes():
    frame = pd.DataFrame({"company": [C + "a"] * 3, "relation": ["supplies"] * 3,
                          "material": ["https://w3id.org/cikg/id/material/hc"] * 3,
                          "quote": ["q1", "q2", "q2"]})
    graph = frame_graph(frame)
    (_, _, attrs), = graph.edges(data=True)
    assert attrs["weight"] == 2
    assert [e["quote"] for e in attrs["evidence"]] == ["q1", "q2"]


def test_label_columns_holding_iris_are_not_nodes():
    frame = pd.DataFrame({"company": [C + "a"], "company_label": [C + "a"],
                          "url": ["https://example.org/report"]})
    assert node_columns(frame) == ["company"]


def test_a_query_without_iris_cannot_be_drawn(demo_store):
    with cikg.open(demo_store, read_only=True) as kg:
        frame = kg.query("companies-by-country")
    with pytest.raises(CikgError, match="query companies-by-country has no column of IRIs"):
        frame_graph(frame, name="companies-by-country")


def test_query_graph_renders(demo_store):
    with cikg.open(demo_store, read_only=True) as kg:
        page = kg.view("query", "landscape-edges")
        graph = kg.view_graph("query", "landscape-edges")
    assert page.nodes == graph.number_of_nodes() > 10
    assert render(graph).html == page.html
