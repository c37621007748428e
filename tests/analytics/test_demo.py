"""Analyses on the demo graph (the sample report and the illustrative capacity table)."""

from __future__ import annotations

import pytest

import cikg
from cikg.analytics.derived import derived_graph
from cikg.errors import CikgError

from .conftest import DATA

BTR = "https://w3id.org/cikg/id/company/btr"
HINA = "https://w3id.org/cikg/id/company/hina-battery"
TARGRAY = "https://w3id.org/cikg/id/company/targray"
MSE = "https://w3id.org/cikg/id/company/mse-supplies"
PREFIX = "PREFIX cikg: <https://w3id.org/cikg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#> "


def test_leaders_hold_about_thirty_percent_together(demo_kg):
    out = demo_kg.analyze("concentration")
    assert len(out) == 1
    row = out.iloc[0]
    assert row["scope_label"] == "Anode Material for Sodium-ion Battery"
    assert (row["measure"], row["year"], row["companies"]) == ("revenue share", 2024, 2)
    assert row["coverage"] == 30.0
    assert row["cr_n_min"] == 30.0
    assert row["verdict"] == "unknown"  # 30% of the market is too little to say more
    assert "BTR, Hina Battery: 30%" in row["evidence"]
    assert "nearly 30%" in row["evidence"]
    leads = demo_kg.ego("BTR")
    assert "leads" in set(leads["relation"])


def test_targray_and_mse_are_positioned_together_in_north_america(demo_kg):
    edges = demo_kg.analyze("competition", evidence=True)
    pair = edges[(edges["a"] == MSE) & (edges["b"] == TARGRAY)]
    assert len(pair) == 1
    assert "both in North America" in pair.iloc[0]["reasons"]
    assert "Targray and MSE Supplies LLC in North America" in pair.iloc[0]["evidence"]
    path = demo_kg.path("Targray", "MSE Supplies LLC", k=1)
    assert path[["relation", "target_label"]].values.tolist() == [
        ["activeIn", "North America"], ["activeIn", "North America"]]


def test_no_profiled_supplier_in_europe_south_america_or_mea(demo_kg):
    regions = demo_kg.analyze("dependence", part="regions").set_index("region_label")
    for region in ("Europe", "South America", "Middle East & Africa"):
        assert regions.loc[region, "suppliers"] == 0
    assert regions.loc["Asia-Pacific", "suppliers"] == 7
    assert regions.loc["South America", "import_dependent"]
    assert regions.loc["Middle East & Africa", "import_dependent"]
    assert regions.loc["Europe", "import_dependent"] is None
    shares = demo_kg.analyze("dependence", part="shares")
    europe = shares[shares["place_label"].isin(["Europe", "South America"])]
    assert europe.empty


def test_hard_carbon_capacity_is_mostly_chinese(demo_kg):
    risks = demo_kg.analyze("dependence", part="risks").set_index("material_label")
    assert risks.loc["Hard carbon", "top_capacity_country"] == "China"
    assert risks.loc["Hard carbon", "top_capacity_share"] == pytest.approx(26000 / 31500,
                                                                          abs=1e-6)
    assert bool(risks.loc["Soft carbon", "single_supplier"])


def test_measures_run_on_the_demo_competition_graph(demo_kg):
    graph = demo_kg.competition_graph()
    assert set(graph.nodes) >= {BTR, TARGRAY, MSE}
    central = demo_kg.analyze("centrality")
    assert set(central["node"]) == set(graph.nodes)
    assert central["pagerank"].sum() == pytest.approx(1.0)
    groups = demo_kg.analyze("communities")
    by_node = groups.set_index("node")["community"]
    assert by_node[TARGRAY] == by_node[MSE] != by_node[BTR]
    similar = demo_kg.analyze("similarity")
    assert (similar["jaccard"] >= 0.5).all()
    assert not similar.empty


def test_derived_graphs_carry_provenance_and_are_replaced(demo_kg):
    demo_kg.analyze("concentration")
    graph = derived_graph("concentration")
    query = PREFIX + f"""SELECT ?a ?p ?used ?start ?end ?digest WHERE {{ GRAPH {graph} {{
        ?a a cikg:Analysis ; cikg:parameter ?p ; prov:used ?used ; prov:startedAtTime ?start ;
           prov:endedAtTime ?end ; cikg:inputDigest ?digest }} }}"""
    rows = demo_kg.sparql(query)
    assert set(rows["p"]) == {"n=4", "min_coverage=50.0"}
    assert {u.rsplit("/", 1)[-1] for u in rows["used"]} == {
        "anode-sodium-ion-2025-txt", "anode-capacity-illustrative-csv"}
    assert (rows["start"] <= rows["end"]).all()
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
    before = demo_kg.sparql(count)["n"][0]
    demo_kg.analyze("concentration")
    assert demo_kg.sparql(count)["n"][0] == before


def test_competition_is_derived_at_load_and_reused(demo_kg):
    graph = derived_graph("competition")
    edges = demo_kg.sparql(PREFIX + f"""SELECT ?a ?b WHERE {{ GRAPH {graph} {{
        ?e a cikg:CompetitionEdge ; cikg:about ?a, ?b ; cikg:weight ?w . FILTER(STR(?a) < STR(?b))
        }} }}""")
    assert len(edges) == len(demo_kg.analyze("competition"))
    overlaps = demo_kg.sparql(PREFIX + f"SELECT ?a ?b WHERE {{ GRAPH {graph} "
                                       "{ ?a cikg:overlapsWith ?b } }")
    assert [MSE, TARGRAY] in overlaps.values.tolist()
    started = demo_kg.sparql(PREFIX + f"SELECT ?t WHERE {{ GRAPH {graph} "
                                      "{ ?a prov:startedAtTime ?t } }")["t"][0]
    demo_kg.analyze("competition")  # unchanged sources: the derived graph is reused
    again = demo_kg.sparql(PREFIX + f"SELECT ?t WHERE {{ GRAPH {graph} "
                                    "{ ?a prov:startedAtTime ?t } }")["t"][0]
    assert again == started


def test_results_are_deterministic(demo_kg, tmp_path):
    with cikg.open("memory:") as other:
        other.load(DATA)
        for name in ("competition", "communities", "similarity"):
            mine = demo_kg.analyze(name).drop(columns=["label"], errors="ignore")
            theirs = other.analyze(name).drop(columns=["label"], errors="ignore")
            assert mine.reset_index(drop=True).equals(theirs.reset_index(drop=True)), name


def test_a_changed_graph_makes_the_projection_stale(tmp_path):
    with cikg.open(f"oxigraph:{tmp_path / 'store'}") as kg:
        kg.load(DATA / "anode-sodium-ion-2025.txt")
        first = kg.analyze("competition")
        kg.load(DATA / "anode-capacity-illustrative.csv")
        second = kg.analyze("competition")
        assert len(second) > len(first)  # the table adds applications, so overlaps


def test_unknown_analysis_and_option(demo_kg):
    with pytest.raises(CikgError, match="did you mean centrality"):
        demo_kg.analyze("centraliti")
    with pytest.raises(CikgError, match="unknown option 'seeds'"):
        demo_kg.analyze("communities", seeds=3)
    with pytest.raises(CikgError, match="no entity named 'Nobody'"):
        demo_kg.ego("Nobody")


def test_every_backend_gives_the_same_competition(any_spec):
    with cikg.open(any_spec) as kg:
        kg.load(DATA)
        edges = kg.analyze("competition")
        assert [MSE, TARGRAY] in edges[["a", "b"]].values.tolist()
        assert kg.analyze("concentration").iloc[0]["coverage"] == 30.0


@pytest.mark.parametrize("name", ["centrality", "communities", "similarity"])
def test_reused_results_equal_computed_ones(demo_kg, name):
    computed = demo_kg.analyze(name)
    graph = derived_graph(name)
    started = demo_kg.sparql(PREFIX + f"SELECT ?t WHERE {{ GRAPH {graph} "
                                      "{ ?a prov:startedAtTime ?t } }")["t"][0]
    reused = demo_kg.analyze(name)
    again = demo_kg.sparql(PREFIX + f"SELECT ?t WHERE {{ GRAPH {graph} "
                                    "{ ?a prov:startedAtTime ?t } }")["t"][0]
    assert again == started  # read back, not recomputed
    assert list(reused.columns) == list(computed.columns)
    for column in computed.columns:
        if computed[column].dtype.kind == "f":
            assert reused[column].tolist() == pytest.approx(computed[column].tolist()), column
        else:
            assert reused[column].tolist() == computed[column].tolist(), column
