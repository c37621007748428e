"""The competition projection on small hand-computed landscapes."""

from __future__ import annotations

import pandas as pd
import pytest

from cikg.analytics import company_features, competition_edges, competition_graph, edge_evidence
from cikg.analytics.competition import REASON_SEPARATOR, entity_labels

ENTITIES = pd.DataFrame([
    ("a", "Company", "Alpha"), ("b", "Company", "Beta"), ("c", "Company", "Gamma"),
    ("d", "Company", "Delta"), ("hc", "MaterialType", "Hard carbon"),
    ("sc", "MaterialType", "Soft carbon"), ("ev", "Application", "Electric vehicles"),
    ("ess", "Application", "Energy storage"), ("na", "Region", "North America"),
    ("ap", "Region", "Asia-Pacific"), ("us", "Country", "United States"),
    ("cn", "Country", "China")], columns=["entity", "kind", "label"])


def facts(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["company", "relation", "concept", "graph"])


def features(*rows, confidence=None, regions=None):
    return company_features(facts(*rows), entities=ENTITIES, confidence=confidence,
                            regions=regions)


def test_overlap_needs_a_material_and_a_market():
    f = features(("a", "supplies", "hc", "g1"), ("a", "serves", "ev", "g1"),
                 ("b", "supplies", "hc", "g2"), ("b", "serves", "ev", "g2"),
                 ("c", "supplies", "hc", "g3"), ("c", "serves", "ess", "g3"),
                 ("d", "supplies", "sc", "g4"), ("d", "serves", "ev", "g4"))
    edges = competition_edges(f)
    assert edges[["a", "b"]].values.tolist() == [["a", "b"]]
    row = edges.iloc[0]
    assert row["weight"] == 2.0  # 1.0 * 1.0 (hard carbon) + 1.0 * 1.0 (EV)
    assert row["reasons"] == "both supply Hard carbon | both serve Electric vehicles"
    assert (row["materials"], row["markets"], row["places"], row["asserted"]) == (1, 1, 0, False)


def test_weight_multiplies_the_best_confidences():
    conf = pd.DataFrame({"graph": ["g1", "g2", "g3", "g4"],
                         "confidence": [0.6, 0.95, 0.5, 1.0]})
    f = features(("a", "supplies", "hc", "g1"), ("a", "supplies", "hc", "g2"),
                 ("a", "serves", "ev", "g3"), ("b", "supplies", "hc", "g4"),
                 ("b", "serves", "ev", "g4"), confidence=conf)
    best = f[(f["company"] == "a") & (f["concept"] == "hc")].iloc[0]
    assert (best["confidence"], best["graph"], best["evidence_count"]) == (0.95, "g2", 2)
    assert competition_edges(f)["weight"].tolist() == [pytest.approx(0.95 * 1.0 + 0.5 * 1.0)]


def test_places_must_match_where_both_companies_have_one():
    base = [("a", "supplies", "hc", "g"), ("a", "serves", "ev", "g"),
            ("b", "supplies", "hc", "g"), ("b", "serves", "ev", "g"),
            ("c", "supplies", "hc", "g"), ("c", "serves", "ev", "g")]
    f = features(*base, ("a", "activeIn", "na", "g"), ("b", "activeIn", "ap", "g"))
    # a and b are in different regions; c has no place, so it overlaps with both
    assert competition_edges(f)[["a", "b"]].values.tolist() == [["a", "c"], ["b", "c"]]
    assert sorted(competition_edges(f, places=False)[["a", "b"]].values.tolist()) == [
        ["a", "b"], ["a", "c"], ["b", "c"]]


def test_headquarters_region_comes_from_the_sources_membership():
    regions = pd.DataFrame({"region": ["na"], "country": ["us"], "graph": ["r"]})
    f = features(("a", "headquarteredIn", "us", "h1"), ("b", "activeIn", "na", "h2"),
                 ("a", "supplies", "hc", "g"), ("a", "serves", "ev", "g"),
                 ("b", "supplies", "hc", "g"), ("b", "serves", "ev", "g"), regions=regions)
    place = f[f["facet"] == "place"]
    assert place[["company", "concept", "relation", "graph"]].values.tolist() == [
        ["a", "na", "headquarteredIn", "h1"], ["b", "na", "activeIn", "h2"]]
    edge = competition_edges(f).iloc[0]
    assert edge["reasons"].endswith("both in North America")
    assert edge["weight"] == 3.0


def test_asserted_competition_makes_an_edge_with_its_quote():
    f = features(("a", "supplies", "hc", "g"), ("d", "supplies", "sc", "g"))
    asserted = pd.DataFrame({"a": ["a", "d"], "b": ["d", "a"], "graph": ["s1", "s1"],
                             "confidence": [0.75, 0.75], "quote": ["Alpha and Delta compete"] * 2,
                             "section": ["Landscape"] * 2, "document": ["Report"] * 2})
    edge = competition_edges(f, asserted).iloc[0]
    assert (edge["a"], edge["b"], edge["weight"], edge["asserted"]) == ("a", "d", 0.75, True)
    assert edge["reasons"] == 'asserted: "Alpha and Delta compete" (Landscape; Report)'


def test_reasons_are_bounded_and_counted():
    rows = [("a", "supplies", m, "g") for m in ("hc", "sc")] + \
        [("b", "supplies", m, "g") for m in ("hc", "sc")] + \
        [(c, "serves", x, "g") for c in "ab" for x in ("ev", "ess")]
    edge = competition_edges(features(*rows), top_reasons=2).iloc[0]
    assert edge["reasons"].split(REASON_SEPARATOR) == [
        "both supply Hard carbon", "both supply Soft carbon", "... and 2 more"]


def test_per_company_keeps_each_company_strongest_edges():
    rows = [(c, "supplies", "hc", "g") for c in "abcd"] + [(c, "serves", "ev", "g")
                                                           for c in "abcd"]
    rows.append(("a", "serves", "ess", "g"))
    rows.append(("b", "serves", "ess", "g"))
    f = features(*rows)
    assert len(competition_edges(f)) == 6
    kept = competition_edges(f, per_company=1)
    # a-b is the strongest of a and of b; c and d keep their strongest (ties: smallest IRI)
    assert kept[["a", "b"]].values.tolist() == [["a", "b"], ["a", "c"], ["a", "d"]]


def test_result_is_deterministic_and_sorted():
    rows = [(c, "supplies", "hc", "g") for c in "dcba"] + [(c, "serves", "ev", "g")
                                                           for c in "dcba"]
    first = competition_edges(features(*rows))
    second = competition_edges(features(*reversed(rows)))
    pd.testing.assert_frame_equal(first, second)
    assert first[["a", "b"]].values.tolist() == [["a", "b"], ["a", "c"], ["a", "d"],
                                                 ["b", "c"], ["b", "d"], ["c", "d"]]


def test_evidence_quotes_both_companies():
    f = features(("a", "supplies", "hc", "g1"), ("a", "serves", "ev", "g1"),
                 ("b", "supplies", "hc", "g2"), ("b", "serves", "ev", "g2"))
    evidence = pd.DataFrame({"graph": ["g1", "g2"], "quote": ["Alpha makes it", "Beta too"],
                             "section": ["S", "T"], "document": ["R", "R"]})
    text = edge_evidence(competition_edges(f), f, evidence)[0]
    assert text.splitlines() == [
        'Hard carbon: Alpha "Alpha makes it" (S; R) / Beta "Beta too" (T; R)',
        'Electric vehicles: Alpha "Alpha makes it" (S; R) / Beta "Beta too" (T; R)']


def test_graph_carries_weights_and_reason_lists_without_touching_the_input():
    f = features(("a", "supplies", "hc", "g"), ("a", "serves", "ev", "g"),
                 ("b", "supplies", "hc", "g"), ("b", "serves", "ev", "g"))
    edges = competition_edges(f)
    before = edges.copy()
    graph = competition_graph(edges)
    assert graph["a"]["b"]["reasons"] == ["both supply Hard carbon", "both serve Electric vehicles"]
    assert graph.nodes["a"] == {"label": "Alpha", "kind": "Company"}
    pd.testing.assert_frame_equal(edges, before)


def test_empty_inputs_give_empty_results():
    f = features()
    assert competition_edges(f).empty
    assert competition_graph(competition_edges(f)).number_of_nodes() == 0


def test_entity_labels_pick_one_label():
    rows = pd.DataFrame({"entity": ["x", "x"], "kind": ["Company", "Company"],
                         "label": ["Zeta", "Alpha"]})
    assert entity_labels(rows)["label"].tolist() == ["Alpha"]
