"""Supplier shares, risks and import-dependent regions on a hand-made landscape."""

from __future__ import annotations

import pandas as pd

from cikg.analytics import region_dependence, supplier_shares, supply_risks

FEATURES = pd.DataFrame({
    "company": ["a", "b", "c", "d"], "company_label": ["A", "B", "C", "D"],
    "facet": ["material"] * 4, "concept": ["hc", "hc", "hc", "sc"],
    "concept_label": ["Hard carbon"] * 3 + ["Soft carbon"]})
HQ = pd.DataFrame({"company": ["a", "b", "c", "d"], "company_label": ["A", "B", "C", "D"],
                   "country": ["cn", "cn", "ca", "us"],
                   "country_label": ["China", "China", "Canada", "United States"]})
REGIONS = pd.DataFrame({"region": ["ap", "na", "sa"],
                        "region_label": ["Asia-Pacific", "North America", "South America"],
                        "country": ["cn", "us", "br"],
                        "country_label": ["China", "United States", "Brazil"]})
CAPACITY = pd.DataFrame({"company": ["a", "a", "c"], "material": ["hc", "hc", "hc"],
                         "value": [100.0, 300.0, 100.0], "unit": ["t/yr"] * 3,
                         "year": [2023, 2025, 2025]})


def test_shares_by_country_and_region():
    shares = supplier_shares(FEATURES, HQ, regions=REGIONS, capacity=CAPACITY)
    hc = shares[shares["material"] == "hc"].set_index(["level", "place_label"])
    assert hc.loc[("country", "China"), "suppliers"] == 2
    assert hc.loc[("country", "China"), "supplier_share"] == round(2 / 3, 6)
    # latest capacity per company: a 300, c 100; b has none
    assert hc.loc[("country", "China"), "capacity"] == 300.0
    assert hc.loc[("country", "China"), "capacity_share"] == 0.75
    assert hc.loc[("country", "China"), "capacity_coverage"] == round(2 / 3, 6)
    assert hc.loc[("region", "Asia-Pacific"), "suppliers"] == 2
    # no source puts Canada in a region: said so, not guessed
    assert hc.loc[("region", "no region stated"), "names"] == "C"


def test_risks():
    risks = supply_risks(supplier_shares(FEATURES, HQ, regions=REGIONS, capacity=CAPACITY))
    risks = risks.set_index("material")
    assert bool(risks.loc["sc", "single_supplier"])
    assert bool(risks.loc["sc", "single_country"])
    assert not risks.loc["hc", "single_country"]
    assert risks.loc["hc", "top_country"] == "China"
    assert risks.loc["hc", "top_capacity_share"] == 0.75
    assert risks.loc["sc", "risk"] == "single supplier; single country: United States"


def test_import_dependence_is_quoted_and_silence_is_unknown():
    sections = pd.DataFrame({
        "region": ["sa", "na"], "document": ["Report", "Report"],
        "text": ["Demand is rising. Most anode materials are imported from Asia.",
                 "Producers aim to reduce dependency on lithium imports."]})
    out = region_dependence(REGIONS, HQ, sections).set_index("region")
    assert out.loc["sa", "suppliers"] == 0
    assert out.loc["sa", "import_dependent"]
    assert out.loc["sa", "evidence"] == '"Most anode materials are imported from Asia." (Report)'
    assert out.loc["na", "suppliers"] == 1
    assert out.loc["na", "import_dependent"] is None
    assert out.loc["ap", "suppliers"] == 2
