"""``KnowledgeGraph.view_graph``: the graphs views draw come from the catalog and analytics."""

from __future__ import annotations

import pytest

import cikg
from cikg.errors import CikgError

BTR = "https://w3id.org/cikg/id/company/btr"
JAPAN = "https://w3id.org/cikg/id/country/jp"


@pytest.fixture(scope="module")
def kg(demo_store):
    with cikg.open(demo_store, read_only=True) as graph:
        yield graph


def test_every_view_has_a_title_and_the_sources_with_dates(kg):
    for args in (("landscape",), ("competition",), ("ego", "BTR"), ("path", "BTR", "Japan"),
                 ("query", "landscape-edges")):
        graph = kg.view_graph(*args)
        assert graph.graph["title"]
        assert graph.graph["subtitle"].startswith("Sources: Anode Material")
        assert "as of 2025-12-12" in graph.graph["subtitle"]


def test_competition_edges_say_why(kg):
    graph = kg.view_graph("competition")
    assert {k for _, k in graph.nodes(data="kind")} == {"Company"}
    kinds = {d["kind"] for _, _, d in graph.edges(data=True)}
    assert kinds <= {"competesWith", "overlapsWith"}
    _, _, edge = next(iter(graph.edges(data=True)))
    assert edge["reasons"][0].startswith("both ")
    assert isinstance(edge["evidence"], str)


def test_competition_collapses_by_community_and_country(kg):
    by_community = kg.view_graph("competition", group_by="community")
    assert {k for _, k in by_community.nodes(data="kind")} == {"Group"}
    assert "by community" in by_community.graph["notes"][-1]
    by_country = kg.view_graph("competition", group_by="country")
    labels = {label for _, label in by_country.nodes(data="label")}
    assert any(label.endswith("companies: China") for label in labels)


def test_ego_view_centres_on_the_entity_with_quotes(kg):
    graph = kg.view_graph("ego", "BTR")
    assert graph.graph["focus"] == BTR
    assert graph.nodes[BTR]["highlight"] is True
    assert all(BTR in (u, v) for u, v in graph.edges())
    edge = graph.edges[BTR, "https://w3id.org/cikg/id/country/cn", "headquarteredIn"]
    assert '"BTR (China)"' in edge["title"]
    assert kg.view_graph("ego", "BTR", radius=2).number_of_nodes() > graph.number_of_nodes()


def test_path_view_highlights_ends_and_steps(kg):
    graph = kg.view_graph("path", "BTR", "Japan")
    assert graph.nodes[BTR]["highlight"] is True
    assert graph.nodes[JAPAN]["highlight"] is True
    assert all(d["highlight"] for _, _, d in graph.edges(data=True))
    assert all(d["evidence"].startswith('"') for _, _, d in graph.edges(data=True))


@pytest.mark.parametrize(("args", "options", "message"), [
    (("map",), {}, "unknown view 'map'; use one of landscape, competition, ego, path, query"),
    (("ego",), {}, r"the ego view takes 1 argument\(s\), got 0"),
    (("landscape",), {"group_by": "region"}, "group_by 'region': use country or community"),
])
def test_bad_requests(kg, args, options, message):
    with pytest.raises(CikgError, match=message):
        kg.view_graph(*args, **options)




def test_conflicts_view_puts_the_sources_side_by_side(conflict_store):
    with cikg.open(conflict_store, read_only=True) as graph:
        conflicts = graph.view_graph("conflicts")
    labels = dict(conflicts.nodes(data="label"))
    states = sorted((labels[u], labels[v]) for u, v, k in conflicts.edges(keys=True)
                    if k == "states")
    assert states == [("Publisher one (2025-01-01)", "CN"), ("Publisher two (2025-06-30)", "JP")]
    assert conflicts.graph["notes"] == ["Each source links to the value it states, with its "
                                        "quote."]


def test_no_conflicts_is_an_empty_page_with_a_note(kg):
    graph = kg.view_graph("conflicts")
    if graph.number_of_nodes() == 0:
        assert graph.graph["notes"][0].startswith("No two sources disagree")
    assert kg.view("conflicts").html.startswith("<!DOCTYPE html>")


def test_landscape_tooltips_carry_key_figures(kg):
    graph = kg.view_graph("landscape")
    figures = graph.nodes[BTR]["figures"]
    assert figures["production capacity (Hard carbon, 2025)"].startswith("12,000 TONNE-PER-YR")
    market = next(n for n, k in graph.nodes(data="kind") if k == "Market")
    assert graph.nodes[market]["figures"]["market size 2024 (actual)"].startswith(
        "USD 782.4 million")
