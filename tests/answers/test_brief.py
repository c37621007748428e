"""Briefings on the demo graph: each section states the facts of the sample report.

The expected facts are written by hand from data/anode-sodium-ion-2025.txt (and the
illustrative capacity table beside it), not from the code's output.
"""

from __future__ import annotations

import pytest

from cikg.answers import BRIEF_KINDS
from cikg.errors import QueryError

REPORT = "Anode Material for Sodium-ion Battery Market, Global Outlook and Forecast 2025-2032"
HEADLINE = ("Global anode material for sodium-ion battery market size was valued at USD "
            "782.4 million in 2024 to USD 2.86 billion by 2032, exhibiting a CAGR of 15.7% "
            "during the forecast period.")
LEADERS = ("BTR and Hina Battery currently lead the market, leveraging their extensive "
           "expertise in battery materials and large-scale production capabilities.")
SHARE = ("These companies collectively accounted for nearly 30% of global revenue share in "
         "2024, primarily due to their vertically integrated supply chains and strong "
         "foothold in key Asian markets.")


def sentences(briefing, key: str) -> list:
    return briefing.section(key).sentences


def text(briefing, key: str) -> str:
    return briefing.text(key)


def quotes(briefing, key: str) -> set[str]:
    return {c.quote for s in sentences(briefing, key) for c in s.citations}


def test_sections_in_order(demo_briefs):
    assert [s.key for s in demo_briefs["market"].sections] == [
        "overview", "suppliers", "leaders", "competition", "market", "initiatives",
        "concentration", "gaps", "checks", "conflicts"]
    assert [s.key for s in demo_briefs["company"].sections] == [
        b.__name__ for b in BRIEF_KINDS["company"]] == [
        "overview", "suppliers", "leaders", "competition", "market", "initiatives",
        "checks", "conflicts"]


def test_overview_names_the_sources(demo_briefs):
    lines = text(demo_briefs["market"], "overview")
    assert f"Source: {REPORT} (24chemicalresearch.com, as of 2025-12-12" in lines


def test_suppliers_by_country(demo_briefs):
    lines = text(demo_briefs["market"], "suppliers")
    assert "The sources profile 11 companies, headquartered in 4 countries." in lines
    assert ("China: 5 companies (BTR, Hina Battery, Indigenous Energy Storage Technology, "
            "Shanshan and Shinzoom Technology).") in lines
    assert "United States: 3 companies (MSE Supplies LLC, NEI and Phillips 66)." in lines
    assert "Japan: 2 companies (KAIJIN and Kuraray)." in lines
    assert "Canada: 1 company (Targray)." in lines
    assert {"BTR (China)", "Targray (Canada)"} <= quotes(demo_briefs["market"], "suppliers")
    table = demo_briefs["market"].tables["suppliers/Companies in scope"]
    assert len(table) == 11
    assert demo_briefs["market"].section("suppliers").charts[0].alt.startswith("China: 5")


def test_material_suppliers(demo_briefs):
    lines = text(demo_briefs["material"], "suppliers")
    assert "7 companies supply Hard carbon, headquartered in 3 countries." in lines
    assert "Canada: 1 company (Targray)." in lines
    assert "Japan: 1 company (Kuraray)." in lines
    assert ("Chinese firms like BTR and Shanshan are mass-producing hard carbon anodes, "
            "leveraging the country’s vast biomass resources for raw materials."
            ) in quotes(demo_briefs["material"], "suppliers")


def test_region_without_suppliers(demo_briefs):
    europe = demo_briefs["region"]
    assert text(europe, "suppliers") == "No company in the graph is linked to Europe."
    gaps = text(europe, "gaps")
    assert ("No profiled company is headquartered in or stated to be active in Europe, "
            "although the sources report on it.") in gaps
    assert "Germany (Europe) and France (Europe)" in gaps
    assert "dependent on imports" not in gaps  # lithium imports are not anode imports


def test_company_profile(demo_briefs):
    lines = text(demo_briefs["company"], "suppliers")
    assert "BTR is headquartered in China." in lines
    assert "BTR supplies Anode material and Hard carbon." in lines
    assert "production capacity as 12,000 tonne per yr of Hard carbon for 2025" in lines


def test_leaders_and_share_claims_with_coverage(demo_briefs):
    lines = text(demo_briefs["market"], "leaders")
    assert ("A source names BTR and Hina Battery as leaders of the Anode Material for "
            "Sodium-ion Battery market.") in lines
    assert ("BTR and Hina Battery together hold nearly 30 % of the Anode Material for "
            "Sodium-ion Battery market's revenue share in 2024; at that year's market size "
            "of USD 782.4 million, the claim covers USD 234.7 million.") in lines
    assert {LEADERS, SHARE, HEADLINE} <= quotes(demo_briefs["market"], "leaders")
    assert demo_briefs["market"].section("leaders").charts[0].alt == \
        "BTR; Hina Battery (2024): 30 %"
    # the company briefing of BTR keeps the joint claim
    assert "nearly 30 %" in text(demo_briefs["company"], "leaders")


def test_competition_clusters_with_reasons(demo_briefs):
    lines = text(demo_briefs["market"], "competition")
    assert ("Cluster 1 (3 companies: BTR, Kuraray and Shanshan) is linked by 3 pairs; most "
            "often both serve Consumer electronics (3 of 3 pairs)") in lines
    assert "both supply Hard carbon (3 of 3 pairs)" in lines
    assert ("Cluster 2 (2 companies: MSE Supplies LLC and Targray) is linked by 1 pair; most "
            "often both in North America (1 of 1 pair)") in lines
    table = demo_briefs["market"].tables["competition/Strongest competition links"]
    first = table.iloc[0]
    assert {first["company"], first["other company"]} <= {"BTR", "Kuraray", "Shanshan"}
    company = text(demo_briefs["company"], "competition")
    assert ("Kuraray competes with BTR by overlap (serves Consumer electronics; supplies "
            "Anode material; supplies Hard carbon).") in company


def test_initiatives_and_money_by_country(demo_briefs):
    lines = text(demo_briefs["market"], "initiatives")
    assert "Sources report 3 funding programmes, 1 regulation and 1 standard." in lines
    assert "EU: USD 3.324 billion in 1 programme (Battery 2030+)." in lines
    assert "United States: USD 320 million in 2 programmes" in lines
    assert "In all, USD 3.644 billion in 3 programmes" in lines
    assert any("allocated €3.2 billion" in q
               for q in quotes(demo_briefs["market"], "initiatives"))
    europe = text(demo_briefs["region"], "initiatives")
    assert "Battery 2030+" in europe
    assert "U.S. Department of Energy" not in europe


def test_market_size_and_stated_growth(demo_briefs):
    lines = text(demo_briefs["market"], "market")
    assert (f"{REPORT} sizes the Anode Material for Sodium-ion Battery market at USD 782.4 "
            "million in 2024 (actual) and USD 2.86 billion in 2032 (forecast).") in lines
    assert "It states a CAGR of 15.7 % for 2025-2032." in lines
    assert quotes(demo_briefs["market"], "market") == {HEADLINE}
    chart = demo_briefs["market"].section("market").charts[0]
    assert chart.png.startswith(b"\x89PNG")
    assert "stated CAGR of 15.7 %" in chart.alt


def test_headline_figures_do_not_add_up(demo_briefs):
    lines = text(demo_briefs["market"], "checks")
    # 782.4 million (2024) to 2.86 billion (2032) is about 17.6 % a year, not 15.7 %
    assert (f"{REPORT} states a CAGR of 15.7 % for 2025-2032, but its own market sizes, USD "
            "782.4 million in 2024 and USD 2.86 billion in 2032, imply 17.6 % a year over "
            "2024-2032: 1.9 percentage points apart") in lines
    assert quotes(demo_briefs["market"], "checks") == {HEADLINE}


def test_concentration_and_dependence(demo_briefs):
    lines = text(demo_briefs["market"], "concentration")
    assert "China hosts 5 of the 11 companies in scope with a known headquarters" in lines
    # one joint claim of 30 %: CR4 at least 30; HHI from 2 x 15^2 = 450 to 30^2 + 70^2
    assert ("The share claims on the Anode Material for Sodium-ion Battery market (revenue "
            "share, 2024) cover 30 % of it: the 4 largest companies hold at least 30 % (a "
            "lower bound of CR4) and the HHI lies between 450 and 5,800; too little of the "
            "market is covered to classify it.") in lines
    # hard carbon capacity: China 12,000 + 8,000 + 6,000 of 31,500 tonnes a year
    assert ("Hard carbon: 7 suppliers in 3 countries; China hosts 71.4 % of them, and "
            "companies there hold 82.5 % of the capacity sources state.") in lines
    assert "Flag: single supplier; single country: United States" in lines
    material = text(demo_briefs["material"], "concentration")
    assert "Soft carbon" not in material
    assert "Hard carbon: 7 suppliers in 3 countries" in material


def test_gaps_regions_without_a_profiled_supplier(demo_briefs):
    lines = text(demo_briefs["market"], "gaps")
    assert ("No profiled company is headquartered in or stated to be active in Europe, "
            "Middle East & Africa and South America") in lines
    for country in ("Germany", "France", "Brazil", "Argentina", "Saudi Arabia",
                    "United Arab Emirates", "India", "South Korea"):
        assert country in lines
    assert ("Sources describe South America as dependent on imports: \"The lack of localized "
            "production facilities means most anode materials are imported") in lines
    assert ("Sources describe Middle East & Africa as dependent on imports: \"While currently "
            "dependent on imports") in lines
    headings = {c.section for s in sentences(demo_briefs["market"], "gaps")
                for c in s.citations}
    assert {"Europe", "South America", "Middle East & Africa"} <= headings


def test_no_conflicts_in_one_report(demo_briefs):
    assert text(demo_briefs["market"], "conflicts") == (
        "No two sources state different values for the same fact in this scope.")


def test_every_fact_is_cited(demo_briefs):
    for kind, briefing in demo_briefs.items():
        for section in briefing.sections:
            for sentence in section.sentences:
                absent = sentence.text.startswith(("No ", "Every "))
                assert absent or sentence.citations, (kind, section.key, sentence.text)
                for citation in sentence.citations:
                    assert citation.quote, (kind, citation)
                    assert citation.source, (kind, citation)
    evidence = demo_briefs["market"].evidence
    assert list(evidence.columns) == ["section", "sentence", "quote", "heading", "source",
                                      "as_of"]
    assert evidence["heading"].str.len().gt(0).all()


def test_queries_are_recorded(demo_briefs):
    runs = {run.name: run for run in demo_briefs["material"].runs}
    assert runs["suppliers-of-material"].params == {
        "material": "https://w3id.org/cikg/id/material/hard-carbon"}
    assert runs["competition"].kind == "analysis"
    assert "# analytics-company-features" in runs["competition"].sparql
    assert all(run.sparql for run in runs.values())


def test_unknown_subject_names_close_ones(demo_kg):
    with pytest.raises(QueryError, match=r"no material named 'hard carbon foam'; did you "
                                         r"mean 'Hard carbon'"):
        demo_kg.brief("material", "hard carbon foam")
    assert demo_kg.brief("material", "hard carbn", view=False).label == "Hard carbon"
    with pytest.raises(QueryError, match="unknown briefing 'planet'"):
        demo_kg.brief("planet")
    with pytest.raises(QueryError, match="a region briefing needs a subject"):
        demo_kg.brief("region")


def test_conflicting_sources(tmp_path, demo_store):
    """A second source that puts BTR in Japan and gives another 2024 size is a conflict."""
    import cikg

    (tmp_path / "other.csv").write_text("company,country,material\nBTR,Japan,Hard carbon\n",
                                        encoding="utf-8")
    (tmp_path / "other.toml").write_text(
        '[source]\ntitle = "Other directory"\npublisher = "example.org"\n'
        'published = "2025-06-01"\n\n[rows]\nentity = "company"\nname = "company"\n'
        'country = "country"\n\n[columns.material]\nrelation = "supplies"\n',
        encoding="utf-8")
    spec = f"oxigraph:{tmp_path / 'store'}"
    from tests.conftest import DATA
    with cikg.open(spec) as kg:
        kg.load(DATA, tmp_path / "other.csv")
        briefing = kg.brief("company", "BTR", view=False)
    lines = briefing.text("conflicts")
    assert ("Sources disagree on BTR's headquarters: China (24chemicalresearch.com "
            "(2025-12-12)) against Japan (example.org (2025-06-01)).") in lines.splitlines()
    assert {c.quote for s in briefing.section("conflicts").sentences
            for c in s.citations} >= {"BTR (China)", "company=BTR; material=Hard carbon; "
                                                     "country=Japan"}
