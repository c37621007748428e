"""Golden tests: each catalog query's answer on the demo graph (and fixture variants),
on embedded Oxigraph and on rdflib memory, against values written by hand (golden.py)."""

from __future__ import annotations

import pandas as pd
import pytest

import cikg
from tests.conftest import SAMPLE

from . import golden as g
from .conftest import CATHODE, VARIANT


def test_companies_by_country(demo):
    frame = demo.query("companies-by-country")
    assert g.rows(frame, "country", "country_name", "companies", "names") == \
        g.COMPANIES_BY_COUNTRY
    assert frame["companies"].dtype == "Int64"


def test_companies_by_country_one_country(demo):
    frame = demo.query("companies-by-country", country="jp")
    assert g.rows(frame, "country", "companies", "names") == [("JP", 2, "KAIJIN; Kuraray")]


def test_companies_by_region(demo):
    frame = demo.query("companies-by-region")
    assert g.rows(frame, "region_label", "company_label", "country", "via") == \
        g.COMPANIES_BY_REGION


def test_companies_by_region_by_name(demo):
    frame = demo.query("companies-by-region", region="north america")
    assert {r[1] for r in g.rows(frame, "region_label", "company_label")} == \
        {"MSE Supplies LLC", "NEI", "Phillips 66", "Targray"}


def test_regions_without_suppliers(demo):
    frame = demo.query("regions-without-suppliers")
    assert g.rows(frame, "region_label", "countries", "sources") == g.REGIONS_WITHOUT_SUPPLIERS


def test_countries_without_suppliers(demo):
    frame = demo.query("countries-without-suppliers")
    assert g.rows(frame, "country", "country_name", "regions") == g.COUNTRIES_WITHOUT_SUPPLIERS
    quotes = dict(zip(frame["country"], frame["quote"].map(g.text), strict=True))
    for code, quote in g.COUNTRY_QUOTES.items():
        assert quotes[code] == quote
    assert "India" in quotes["IN"]
    assert "South Korea" in quotes["KR"]


def test_countries_without_suppliers_mentions_per_section(demo):
    frame = demo.query("countries-without-suppliers")
    assert dict(zip(frame["country"], frame["mentions"], strict=True)) == g.COUNTRY_MENTIONS


def test_suppliers_of_hard_carbon(demo):
    frame = demo.query("suppliers-of-material", material="Hard carbon")
    assert g.rows(frame, "company_label", "country", "supplies", "statements") == \
        g.SUPPLIERS_OF_HARD_CARBON


def test_suppliers_of_anode_material_include_narrower_types(demo):
    frame = demo.query("suppliers-of-material", material="anode materials")  # an altLabel
    assert dict(zip(frame["company_label"], frame["supplies"], strict=True)) == \
        g.SUPPLIERS_OF_ANODE_MATERIAL


def test_suppliers_of_soft_carbon(demo):
    frame = demo.query("suppliers-of-material", material="Graphitizable carbon")
    assert g.rows(frame, "company_label", "supplies") == [("Phillips 66", "Soft carbon")]


@pytest.mark.parametrize("target", sorted(g.SERVING))
def test_companies_serving(demo, target):
    frame = demo.query("companies-serving", target=target)
    assert g.rows(frame, "company_label", "serves") == g.SERVING[target]


def test_material_suppliers(demo):
    frame = demo.query("material-suppliers")
    assert g.rows(frame, "material_label", "broader", "direct", "including_narrower") == \
        g.MATERIAL_SUPPLIERS


def test_market_leaders(demo):
    frame = demo.query("market-leaders")
    assert [(r[0], g.text(r[1])) for r in g.rows(frame, "company_label", "quote")] == g.LEADERS
    assert set(frame["section"]) == {g.COMPETITION}
    assert {str(d) for d in frame["as_of"]} == {"2025-12-12"}
    assert set(frame["market_label"]) == {g.MARKET}


def test_share_claims_cover_part_of_the_market(demo):
    frame = demo.query("share-claims")
    got = g.rows(frame, "companies", "percent", "qualifier", "measure", "year", "market_size",
                 "currency", "covered_value")
    g.assert_rows(got, g.SHARE_CLAIMS)


def test_market_size(demo):
    frame = demo.query("market-size")
    assert g.rows(frame, "year", "kind", "value", "currency", "value_usd", "original_text") == \
        g.MARKET_SIZE
    assert set(frame["source"]) == {g.REPORT}


def test_stated_and_implied_cagr_disagree(demo):
    frame = demo.query("market-cagr")
    (row,) = g.rows(frame, "stated_cagr", "from_year", "to_year", "start_year", "start_value",
                    "end_year", "end_value", "currency", "implied_cagr")
    assert row == g.CAGR
    assert g.CAGR[-1] == 17.59
    assert frame["difference"].tolist() == [pytest.approx(1.89)]
    assert frame["disagrees"].tolist() == [True]


def test_cagr_tolerance_is_a_parameter(demo):
    frame = demo.query("market-cagr", tolerance=2)
    assert frame["disagrees"].tolist() == [False]
    assert frame["tolerance"].tolist() == [2.0]


def test_cathode_report_cagr_agrees(graphs, engine):
    """r1_cathode: USD 1.42 bn (2024) to 4.37 bn (2033) is 13.30 % a year; it states 13.3 %."""
    frame = graphs(engine, CATHODE).query("market-cagr", market="Prussian Blue Analogue "
                                          "Cathode Material")
    (row,) = g.rows(frame, "stated_cagr", "start_year", "start_value", "end_year", "end_value",
                    "implied_cagr", "disagrees")
    assert row == (13.3, 2024, 1.42e9, 2033, 4.37e9,
                   round(((4.37 / 1.42) ** (1 / 9) - 1) * 100, 2), False)


def test_market_segments(demo):
    frame = demo.query("market-segments")
    assert g.rows(frame, "facet", "segment", "concept_label") == g.SEGMENTS


def test_initiatives(demo):
    frame = demo.query("initiatives")
    got = g.rows(frame, "initiative_label", "kind", "sponsor", "country", "year", "amount",
                 "currency")
    assert got == g.INITIATIVES
    usd = dict(zip(frame["initiative_label"], frame["amount_usd"], strict=True))
    assert usd["Battery 2030+"] == pytest.approx(g.usd(3.2e9, "EUR"))
    assert usd["EU Battery Regulation"] is pd.NA
    assert {str(d) for d in frame["fx_date"].dropna()} == {"2024-12-31"}


def test_initiatives_by_country_and_sponsor(demo):
    assert demo.query("initiatives", country="us")["year"].tolist() == [2023, 2024]
    frame = demo.query("initiatives", sponsor="european")
    assert frame["initiative_label"].tolist() == ["Battery 2030+", "EU Battery Regulation"]


def test_initiative_totals(demo):
    frame = demo.query("initiative-totals")
    got = g.rows(frame, "country", "programmes", "total_usd", "amounts")
    g.assert_rows([r[:3] for r in got], [r[:3] for r in g.INITIATIVE_TOTALS])
    assert [r[3] for r in got[:2]] == [r[3] for r in g.INITIATIVE_TOTALS[:2]]


def test_initiative_totals_in_four_currencies(graphs, engine):
    """r1_cathode adds GBP 45 M (UKRI), USD 85 M (DOE), EUR 240 M (NaCell), KRW 120 bn."""
    frame = graphs(engine, CATHODE).query("initiative-totals")
    totals = dict(zip(frame["country"], frame["total_usd"], strict=True))
    expected = {"EU": g.usd(3.2e9, "EUR") + g.usd(240e6, "EUR"), "GB": g.usd(45e6, "GBP"),
                "KR": g.usd(120e9, "KRW"), "US": 120e6 + 200e6 + 85e6}
    expected["all"] = sum(expected.values())
    assert totals == pytest.approx(expected, rel=1e-9)
    amounts = dict(zip(frame["country"], frame["amounts"], strict=True))
    assert amounts["KR"] == "K-Sodium Materials Program: KRW 120000000000"
    assert amounts["GB"] == "Sodium Cathode Scale-Up Programme: GBP 45000000"


def test_fx_rates(demo):
    frame = demo.query("fx-rates")
    per_eur = dict(zip(frame["currency"], frame["per_eur"], strict=True))
    assert {k: per_eur[k] for k in g.PER_EUR} == g.PER_EUR
    rate = dict(zip(frame["currency"], frame["usd_per_unit"], strict=True))
    assert rate["USD"] == pytest.approx(1.0)
    assert rate["GBP"] == pytest.approx(1.0389 / 0.82918)
    assert {str(d) for d in frame["fx_date"]} == {"2024-12-31"}


def test_companies_in_several_sections(demo):
    frame = demo.query("companies-in-several-sections")
    assert g.rows(frame, "company_label", "sections", "section_names", "listed") == \
        [(*row, True) for row in g.SEVERAL_SECTIONS]


def test_companies_in_one_section_or_more(demo):
    frame = demo.query("companies-in-several-sections", min_sections=1)
    assert set(frame["company_label"]) == {r[0] for r in g.SEVERAL_SECTIONS} | g.ONE_SECTION


def test_companies_only_listed(demo):
    frame = demo.query("companies-only-listed")
    assert g.rows(frame, "company_label", "country", "lists") == g.ONLY_LISTED


def test_report_sections(demo):
    frame = demo.query("report-sections")
    assert frame.groupby("kind").size().to_dict() == g.SECTION_KINDS
    assert set(frame["document"]) == {g.REPORT}
    counts = dict(zip(frame["section"], frame["statements"], strict=True))
    assert (counts["By Type"], counts["By Application"], counts["By End User"]) == (3, 4, 3)


def test_evidence_about_targray(demo):
    frame = demo.query("evidence", name="Targray")
    assert g.evidence_rows(frame) == g.TARGRAY_EVIDENCE
    assert len(frame) == len(g.TARGRAY_EVIDENCE)
    assert set(frame["entity"]) == {g.ID + "company/targray"}
    assert set(frame["entity_label"]) == {"Targray"}


def test_evidence_by_alias_and_for_a_country(demo):
    by_alias = demo.query("evidence", name="HiNa Battery Technology Co., Ltd.")
    assert set(by_alias["entity"]) == {g.ID + "company/hina-battery"}
    germany = demo.query("evidence", name="DE")
    assert set(germany["predicate"]) == {"includesCountry", "mentions"}
    assert set(germany["section"]) == {"Europe"}


def test_entities(demo):
    frame = demo.query("entities")
    assert len(frame) == 11
    (btr,) = g.rows(demo.query("entities", name="new material"), "label", "country", "aliases",
                    "sources", "names_matched", "min_score", "reasons")
    assert btr == ("BTR", "CN", "BTR New Material Group Co., Ltd.",
                   "anode-capacity-illustrative.csv; anode-sodium-ion-2025.txt",
                   "BTR; BTR New Material Group Co., Ltd.", 1.0,
                   "new entity; user override: same")


def test_sources(demo):
    frame = demo.query("sources")
    assert g.rows(frame, "kind", "title", "publisher", "file") == [
        ("report", g.REPORT, "24chemicalresearch.com", "anode-sodium-ion-2025.txt"),
        ("table", g.TABLE, "cikg demo data", "anode-capacity-illustrative.csv")]
    assert [str(d) for d in frame["published"]] == ["2025-12-12", "2025-12-31"]
    assert frame["assertions"].tolist()[1] == 6  # one per table row


def test_extraction_methods(demo):
    frame = demo.query("extraction-methods")
    got = {m: (n, lo, hi) for m, n, lo, hi in
           g.rows(frame, "method", "statements", "min_confidence", "max_confidence")}
    assert got["report/company-list"] == (11, 0.95, 0.95)
    assert got["report/segment"] == (10, 0.95, 0.95)
    assert got["report/region"][0] == 5
    assert got["report/share-claim"][0] == 1
    assert got["report/leader"][0] == 1
    assert got["report/initiative"][0] == 5
    assert got["table/mapping"] == (6, 1.0, 1.0)


def test_competitors_by_overlap(demo):
    frame = demo.query("competitors", company="BTR")
    assert set(frame["basis"]) == {"overlap"}
    assert g.rows(frame, "competitor_label", "shared", "shares") == g.BTR_OVERLAP


def test_competitors_min_shared(demo):
    frame = demo.query("competitors", company="BTR New Material Group Co., Ltd.", min_shared=3)
    assert frame["competitor_label"].tolist() == ["Kuraray", "Shanshan"]


def test_competitors_stated_by_a_source(graphs, engine):
    """anode-watch-2026: 'Kuraray and Shinzoom Technologies compete for hard carbon ...'."""
    frame = graphs(engine, VARIANT).query("competitors", company="Kuraray")
    stated = frame[frame["basis"] == "stated"]
    assert stated["competitor"].tolist() == [g.ID + "company/shinzoom-technology"]
    assert g.text(stated["quote"].iloc[0]) == ("Kuraray and Shinzoom Technologies compete for "
                                               "hard carbon supply contracts with battery "
                                               "manufacturers.")
    assert frame["basis"].iloc[0] == "stated"  # stated rows first
    overlap = frame[frame["basis"] == "overlap"]
    assert overlap["shared"].is_monotonic_decreasing


def test_company_figures(demo):
    frame = demo.query("company-figures", measure="Capacity")
    assert g.rows(frame, "company_label", "value", "figure_of") == g.FIGURES
    assert set(frame["unit"]) == {"TONNE-PER-YR"}
    assert set(frame["year"]) == {2025}
    assert demo.query("company-figures", company="Kuraray Co., Ltd.")["value"].tolist() == [5000]


def test_capacity_by_country(demo):
    frame = demo.query("capacity-by-country")
    g.assert_rows(g.rows(frame, "country", "country_name", "capacity", "share", "companies"),
                  g.CAPACITY)


def test_low_confidence_matches(demo, graphs, engine):
    assert demo.query("low-confidence-matches").empty  # every demo name matched exactly
    frame = graphs(engine, VARIANT).query("low-confidence-matches")
    assert g.rows(frame, "matched_name", "entity", "score", "reason", "source") == [
        ("Shinzoom Technologies", g.ID + "company/shinzoom-technology", 0.9,
         "fuzzy 0.90 within CN", "anode-watch-2026.txt")]
    assert graphs(engine, VARIANT).query("low-confidence-matches", threshold=0.85).empty


def test_conflicts(demo, graphs, engine):
    assert demo.query("conflicts").empty  # the report and the table agree
    frame = graphs(engine, VARIANT).query("conflicts")
    report, table, watch = ("24chemicalresearch.com (2025-12-12)", "cikg demo data (2025-12-31)",
                            "anodewatch.example (2026-03-03)")
    assert g.rows(frame, "subject_label", "property", "value_a", "source_a", "value_b",
                  "source_b") == [
        (g.MARKET, "CAGR", "15.7% 2025-2032", report, "17.1% 2025-2032", watch),
        (g.MARKET, "market size 2024 (actual)", "USD 782.4 million", report,
         "USD 812.0 million", watch),
        ("Kuraray", "headquarters", "JP", report, "US", watch),
        ("Kuraray", "headquarters", "JP", table, "US", watch)]
    assert g.text(frame["quote_b"].iloc[2]) == "Kuraray (U.S.)"


def test_landscape_edges(demo):
    frame = demo.query("landscape-edges")
    edges = set(g.rows(frame, "source_label", "relation", "target_label"))
    assert ("BTR", "headquarteredIn", "China") in edges
    assert ("BTR", "leads", g.MARKET) in edges
    assert ("Targray", "activeIn", "North America") in edges
    assert ("Battery 2030+", "sponsor", "European Union") in edges
    assert set(frame["target_kind"]) <= {"Company", "Country", "Region", "MaterialType",
                                         "Application", "EndUser", "Market", "Organization"}
    assert not frame.duplicated().any()
    assert frame["quote"].notna().all()


def test_source_changes_between_two_loads(tmp_path, engine):
    """Reloading the sample with 'Targray (Canada)' changed to 'Targray (U.S.)'."""
    source = tmp_path / "src" / "anode-sodium-ion-2025.txt"
    source.parent.mkdir()
    original = SAMPLE.read_text("utf-8")
    source.write_text(original, encoding="utf-8")
    spec = f"oxigraph:{tmp_path / 'store'}" if engine == "oxigraph" else "memory:"
    with cikg.open(spec) as kg:
        kg.load(source)
        assert kg.query("source-changes").empty  # a first load records nothing
        assert original.count("(Canada)") == 1
        source.write_text(original.replace("(Canada)", "(U.S.)"), encoding="utf-8")
        kg.load(source)
        frame = kg.query("source-changes", source="anode-sodium-ion-2025.txt")
    got = [(c, s, p, o, g.text(q)) for c, s, p, o, q in
           g.rows(frame, "change", "subject", "predicate", "object", "quote")]
    assert got == [
        ("added", "Targray", "headquarteredIn", "United States", "Targray (U.S.)"),
        ("removed", g.REPORT, "mentions", "Canada", "Targray (Canada)"),
        ("removed", "Targray", "headquarteredIn", "Canada", "Targray (Canada)")]
    assert frame["previous_hash"].nunique() == 1
    assert frame["content_hash"].nunique() == 1
    assert frame["previous_hash"].iloc[0] != frame["content_hash"].iloc[0]
