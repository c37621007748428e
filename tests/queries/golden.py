"""Expected answers of the catalog on the demo graph, written by hand from the sources.

The demo graph is ``data/``: the published sample report (24chemicalresearch.com,
2025-12-12; its answer key is /work/shared/sources/000_c6a839b301780e25.answers.json)
and the illustrative capacity table (``data/anode-capacity-illustrative.csv``). Each
value below cites the passage it comes from; none was copied from a query's output.
Rules of docs/data-model.md that turn text into facts are applied by hand too: a listed
company supplies the market's material (anode material), a table row states its
company's country, material and applications, a sentence naming a company and a
taxonomy concept is a co-mention.
"""

from __future__ import annotations

import math

import pandas as pd

REPORT = "Anode Material for Sodium-ion Battery Market, Global Outlook and Forecast 2025-2032"
TABLE = "Illustrative hard/soft carbon capacity by company, 2025 (demo data, not sourced)"
LIST = "List of Key Anode Material for Sodium-ion Battery Companies Profiled"
COMPETITION = "Strategic Collaborations and Innovation Drive Market Competition"
MARKET = "Anode Material for Sodium-ion Battery"
ID = "https://w3id.org/cikg/id/"

#: ECB euro reference rates of 2024-12-31 (units per EUR), the catalog's documented table.
PER_EUR = {"USD": 1.0389, "EUR": 1.0, "GBP": 0.82918, "KRW": 1532.15, "JPY": 163.06}


def usd(amount: float, currency: str) -> float:
    """An amount in US dollars by the documented table (arithmetic done here, by hand)."""
    return amount * PER_EUR["USD"] / PER_EUR[currency]


def text(value: object) -> str:
    """A cell as text with runs of spaces (the report's no-break spaces) made one space."""
    return " ".join(str(value).split()) if value is not None and value is not pd.NA else ""


def evidence_rows(frame: pd.DataFrame) -> set[tuple]:
    """An evidence result as (predicate, subject, object, quote, section, document) rows;
    the subject of a figure's ``company`` fact is :data:`FIGURE`."""
    return {(p, FIGURE if p == "company" else text(s), text(o), text(q), text(sec), d)
            for p, s, o, q, sec, d in rows(frame, "predicate", "subject", "object", "quote",
                                           "section", "document")}


def rows(frame: pd.DataFrame, *columns: str) -> list[tuple]:
    """The frame's rows restricted to *columns*, numbers as Python numbers, None for NA."""
    out = []
    for record in frame[list(columns)].astype(object).itertuples(index=False, name=None):
        out.append(tuple(None if v is None or v is pd.NA or (isinstance(v, float)
                                                              and math.isnan(v))
                         else v for v in record))
    return out


def assert_rows(got: list[tuple], expected: list[tuple], *, rel: float = 1e-9) -> None:
    """Assert *got* equals *expected* row by row, numbers compared within *rel*."""
    import pytest

    assert len(got) == len(expected), (got, expected)
    for have, want in zip(got, expected, strict=True):
        assert len(have) == len(want), (have, want)
        for a, b in zip(have, want, strict=True):
            if isinstance(b, float) and not isinstance(a, str):
                assert a == pytest.approx(b, rel=rel), (have, want)
            else:
                assert a == b, (have, want)


# ---------------------------------------------------------------- companies and places

#: "List of Key ... Companies Profiled": BTR (China), Hina Battery (China), KAIJIN (Japan),
#: Shanshan (China), Shinzoom Technology (China), NEI (U.S.), Phillips 66 (U.S.),
#: Kuraray (Japan), Targray (Canada), Indigenous Energy Storage Technology (China),
#: MSE Supplies LLC (U.S.). The table agrees on every country it gives.
COMPANIES_BY_COUNTRY = [
    ("CN", "China", 5, "BTR; Hina Battery; Indigenous Energy Storage Technology; Shanshan; "
                       "Shinzoom Technology"),
    ("US", "United States", 3, "MSE Supplies LLC; NEI; Phillips 66"),
    ("JP", "Japan", 2, "KAIJIN; Kuraray"),
    ("CA", "Canada", 1, "Targray"),
]

#: Regional Analysis: the Asia-Pacific section names China, Japan, South Korea and India,
#: North America's names the U.S.; "companies like Targray and MSE Supplies LLC in North
#: America" (competitive landscape) puts both there. Canada is in no region section.
COMPANIES_BY_REGION = [
    ("Asia-Pacific", "BTR", "CN", "headquarters in CN"),
    ("Asia-Pacific", "Hina Battery", "CN", "headquarters in CN"),
    ("Asia-Pacific", "Indigenous Energy Storage Technology", "CN", "headquarters in CN"),
    ("Asia-Pacific", "KAIJIN", "JP", "headquarters in JP"),
    ("Asia-Pacific", "Kuraray", "JP", "headquarters in JP"),
    ("Asia-Pacific", "Shanshan", "CN", "headquarters in CN"),
    ("Asia-Pacific", "Shinzoom Technology", "CN", "headquarters in CN"),
    ("North America", "MSE Supplies LLC", "US", "active there (stated); headquarters in US"),
    ("North America", "NEI", "US", "headquarters in US"),
    ("North America", "Phillips 66", "US", "headquarters in US"),
    ("North America", "Targray", "CA", "active there (stated)"),
]

#: Europe names Germany and France, South America Brazil and Argentina, Middle East &
#: Africa the UAE and Saudi Arabia; no listed company is in those countries or active there.
REGIONS_WITHOUT_SUPPLIERS = [
    ("Europe", "DE; FR", REPORT),
    ("Middle East & Africa", "AE; SA", REPORT),
    ("South America", "AR; BR", REPORT),
]

#: Countries the body names (answer key: CN JP US IN KR CA DE FR BR AR AE SA) minus the
#: headquarters countries (CN, JP, US, CA).
COUNTRIES_WITHOUT_SUPPLIERS = [
    ("AE", "United Arab Emirates", "Middle East & Africa"),
    ("AR", "Argentina", "South America"),
    ("BR", "Brazil", "South America"),
    ("DE", "Germany", "Europe"),
    ("FR", "France", "Europe"),
    ("IN", "India", "Asia-Pacific"),
    ("KR", "South Korea", "Asia-Pacific"),
    ("SA", "Saudi Arabia", "Middle East & Africa"),
]
COUNTRY_QUOTES = {
    "AE": "The UAE and Saudi Arabia are investing in energy diversification programs that "
          "include sodium-ion technology evaluations.",
    "SA": "The UAE and Saudi Arabia are investing in energy diversification programs that "
          "include sodium-ion technology evaluations.",
    "AR": "Brazil and Argentina have initiated pilot projects for sodium-ion storage in "
          "mining and agricultural sectors.",
    "BR": "Brazil and Argentina have initiated pilot projects for sodium-ion storage in "
          "mining and agricultural sectors.",
    "DE": "Countries like Germany and France are actively funding research into sodium-ion "
          "technology to reduce dependency on lithium imports.",
    "FR": "Countries like Germany and France are actively funding research into sodium-ion "
          "technology to reduce dependency on lithium imports.",
}
#: Passages that name India and South Korea: "Similar initiatives in India and South Korea
#: ..." (government-backed research) and "Japan and South Korea are focusing ..., while
#: India is exploring ..." (Asia-Pacific): two sections each; the others one each.
COUNTRY_MENTIONS = {"AE": 1, "AR": 1, "BR": 1, "DE": 1, "FR": 1, "IN": 2, "KR": 2, "SA": 1}

# ---------------------------------------------------------------- materials and applications

#: Hard carbon: the table (BTR, HiNa = Hina Battery, Shanshan, Kuraray, Targray), "Chinese
#: firms like BTR and Shanshan are mass-producing hard carbon anodes" (Asia-Pacific), and
#: "firms like Shinzoom Technology and Indigenous Energy Storage Technology ... specialized
#: hard carbon anode solutions" (competitive landscape). (label, country, supplies, statements)
SUPPLIERS_OF_HARD_CARBON = [
    ("BTR", "CN", "Hard carbon", 2),
    ("Hina Battery", "CN", "Hard carbon", 1),
    ("Indigenous Energy Storage Technology", "CN", "Hard carbon", 1),
    ("Kuraray", "JP", "Hard carbon", 1),
    ("Shanshan", "CN", "Hard carbon", 2),
    ("Shinzoom Technology", "CN", "Hard carbon", 1),
    ("Targray", "CA", "Hard carbon", 1),
]
#: Anode material (the market's material) with its narrower types: every listed company;
#: Phillips 66's soft carbon is the table's (row 6).
SUPPLIERS_OF_ANODE_MATERIAL = {
    "BTR": "Anode material; Hard carbon", "Hina Battery": "Anode material; Hard carbon",
    "Indigenous Energy Storage Technology": "Anode material; Hard carbon",
    "KAIJIN": "Anode material", "Kuraray": "Anode material; Hard carbon",
    "MSE Supplies LLC": "Anode material", "NEI": "Anode material",
    "Phillips 66": "Anode material; Soft carbon", "Shanshan": "Anode material; Hard carbon",
    "Shinzoom Technology": "Anode material; Hard carbon", "Targray": "Anode material; Hard carbon",
}
#: The table's application column; "for medical and aerospace applications" (Targray and
#: MSE Supplies LLC) is aerospace, a kind of transportation.
SERVING = {
    "Consumer electronics": [("BTR", "Consumer electronics"), ("Kuraray", "Consumer electronics"),
                             ("Shanshan", "Consumer electronics")],
    "Power tools": [("BTR", "Power tools"), ("Phillips 66", "Power tools")],
    "Medical instruments": [("Targray", "Medical instruments")],
    "Energy storage systems": [("Hina Battery", "Energy storage systems")],
    "Transportation": [("MSE Supplies LLC", "Aerospace"), ("Targray", "Aerospace")],
    "Battery manufacturers": [],
}
MATERIAL_SUPPLIERS = [
    ("Anode material", None, 11, 11),
    ("Hard carbon", "Anode material", 7, 7),
    ("Soft carbon", "Anode material", 1, 1),
]

# ---------------------------------------------------------------- market

LEADERS = [
    ("BTR", "BTR and Hina Battery currently lead the market, leveraging their extensive "
            "expertise in battery materials and large-scale production capabilities."),
    ("Hina Battery", "BTR and Hina Battery currently lead the market, leveraging their "
                     "extensive expertise in battery materials and large-scale production "
                     "capabilities."),
]
#: "These companies collectively accounted for nearly 30% of global revenue share in 2024";
#: the 2024 market was USD 782.4 million, so the claim covers 0.30 * 782.4 M = 234.72 M.
SHARE_CLAIMS = [("BTR; Hina Battery", 30.0, "nearly", "revenue share", 2024, 782_400_000.0,
                 "USD", 234_720_000.0)]
#: "valued at USD 782.4 million in 2024 to USD 2.86 billion by 2032"
MARKET_SIZE = [(2024, "actual", 782_400_000.0, "USD", 782_400_000.0, "USD 782.4 million"),
               (2032, "forecast", 2_860_000_000.0, "USD", 2_860_000_000.0, "USD 2.86 billion")]
#: Stated CAGR 15.7% over the forecast period 2025-2032 (title); the sizes imply
#: (2860 / 782.4) ** (1 / 8) - 1 = 17.59 % from the 2024 base: 1.89 points more.
CAGR = (15.7, 2025, 2032, 2024, 782_400_000.0, 2032, 2_860_000_000.0, "USD",
        round(((2860 / 782.4) ** (1 / 8) - 1) * 100, 2))
#: The three segment lists under Segment Analysis.
SEGMENTS = [
    ("application", "Consumer Electronics", "Consumer electronics"),
    ("application", "Medical Instruments", "Medical instruments"),
    ("application", "Others", None),
    ("application", "Power Tools", "Power tools"),
    ("end_user", "Battery Manufacturers", "Battery manufacturers"),
    ("end_user", "Energy Storage System Providers", "Energy storage system providers"),
    ("end_user", "Research Institutions", "Research institutions"),
    ("type", "Hard Carbon", "Hard carbon"),
    ("type", "Others", None),
    ("type", "Soft Carbon", "Soft carbon"),
]

# ---------------------------------------------------------------- initiatives

#: Answer key: Battery 2030+ (European Union, EUR 3.2 bn, no year), the DOE 2023 round
#: (USD 120 M) and the DOE 2024 allocation (USD 200 M); MIIT's standards and the EU
#: Battery Regulation are initiatives without an amount.
INITIATIVES = [
    ("Sodium-ion battery industry standards", "standard", "MIIT", "CN", None, None, None),
    ("Battery 2030+", "funding programme", "European Union", "EU", None, 3_200_000_000.0, "EUR"),
    ("EU Battery Regulation", "regulation", "European Union", "EU", None, None, None),
    ("U.S. Department of Energy 2023 funding round for sodium battery research",
     "funding programme", "U.S. Department of Energy", "US", 2023, 120_000_000.0, "USD"),
    ("U.S. Department of Energy 2024 funding for battery research initiatives",
     "funding programme", "U.S. Department of Energy", "US", 2024, 200_000_000.0, "USD"),
]
INITIATIVE_TOTALS = [
    ("EU", 1, usd(3.2e9, "EUR"), "Battery 2030+: EUR 3200000000"),
    ("US", 2, 320e6, "U.S. Department of Energy 2023 funding round for sodium battery research: "
                     "USD 120000000; U.S. Department of Energy 2024 funding for battery "
                     "research initiatives: USD 200000000"),
    ("all", 3, usd(3.2e9, "EUR") + 320e6, None),
]

# ---------------------------------------------------------------- sections and mentions

#: Sections other than the profile list and the FAQ that name each company: BTR in MARKET
#: INSIGHTS ("Major players like BTR, Kuraray, and Phillips 66"), the competitive landscape,
#: Growing Applications ("major players like BTR, Hina Battery, and Kuraray") and
#: Asia-Pacific ("Chinese firms like BTR and Shanshan"); Kuraray in MARKET INSIGHTS, the
#: landscape, North America ("Major players like Phillips 66 and Kuraray") and Growing
#: Applications; Phillips 66 in MARKET INSIGHTS, the landscape and North America; Hina
#: Battery in the landscape and Growing Applications.
SEVERAL_SECTIONS = [
    ("BTR", 4, f"Asia-Pacific; Growing Applications Across Diverse Sectors; MARKET INSIGHTS; "
               f"{COMPETITION}"),
    ("Kuraray", 4, f"Growing Applications Across Diverse Sectors; MARKET INSIGHTS; "
                   f"North America; {COMPETITION}"),
    ("Phillips 66", 3, f"MARKET INSIGHTS; North America; {COMPETITION}"),
    ("Hina Battery", 2, f"Growing Applications Across Diverse Sectors; {COMPETITION}"),
]
#: One section each: Shanshan (Asia-Pacific); Shinzoom Technology, Indigenous Energy
#: Storage Technology, Targray and MSE Supplies LLC (the competitive landscape).
ONE_SECTION = {"Indigenous Energy Storage Technology", "MSE Supplies LLC", "Shanshan",
               "Shinzoom Technology", "Targray"}
#: KAIJIN and NEI appear only in the profile list and the FAQ's "Key players include ...".
ONLY_LISTED = [("KAIJIN", "JP", LIST), ("NEI", "US", LIST)]

#: The report's 31 headed sections: 3 drivers, 2 + 2 restraints, 2 opportunities, 1 + 2
#: challenges, 1 + 2 trends, the competitive landscape, 3 segment lists, 5 regions, the
#: report scope, 5 FAQ questions and MARKET INSIGHTS.
SECTION_KINDS = {"challenge": 3, "competition": 1, "driver": 3, "faq": 5, "insight": 1,
                 "opportunity": 2, "region": 5, "restraint": 4, "scope": 1, "segment": 3,
                 "trend": 3}

#: Everything about Targray: the list item "Targray (Canada)", the landscape sentence
#: "companies like Targray and MSE Supplies LLC in North America ... for medical and
#: aerospace applications" (anode material named in the same sentence), the FAQ's key
#: players, and table row 7. (predicate, subject, object, passage, section, document)
TARGRAY_SENTENCE = ("Chinese manufacturers currently enjoy cost advantages in anode material "
                    "production, while companies like Targray and MSE Supplies LLC in North "
                    "America are differentiating through premium-quality, consistency-"
                    "controlled materials for medical and aerospace applications.")
TARGRAY_ROW = ("company=Targray; material=Hard carbon; application=Medical instruments; "
               "capacity_t=500; year=2025; country=Canada")
FAQ_PLAYERS = ("Key players include BTR, Hina Battery, KAIJIN, Shanshan, Shinzoom Technology, "
               "NEI, Phillips 66, Kuraray, Targray, Indigenous Energy Storage Technology, and "
               "MSE Supplies LLC, among others.")
FAQ_COMPANIES = ("Which key companies operate in Global Anode Material for Sodium-ion "
                 "Battery Market?")
ROW7 = "anode-capacity-illustrative.csv row 7"
#: The table's capacity figure of Targray (its display name is the loader's business).
FIGURE = "<figure>"
TARGRAY_EVIDENCE = {
    ("headquarteredIn", "Targray", "Canada", "Targray (Canada)", LIST, REPORT),
    ("mentions", REPORT, "Targray", "Targray (Canada)", LIST, REPORT),
    ("supplies", "Targray", "Anode material", "Targray (Canada)", LIST, REPORT),
    ("activeIn", "Targray", "North America", TARGRAY_SENTENCE, COMPETITION, REPORT),
    ("mentions", REPORT, "Targray", TARGRAY_SENTENCE, COMPETITION, REPORT),
    ("serves", "Targray", "Aerospace", TARGRAY_SENTENCE, COMPETITION, REPORT),
    ("supplies", "Targray", "Anode material", TARGRAY_SENTENCE, COMPETITION, REPORT),
    ("mentions", REPORT, "Targray", FAQ_PLAYERS, FAQ_COMPANIES, REPORT),
    ("headquarteredIn", "Targray", "Canada", TARGRAY_ROW, ROW7, TABLE),
    ("supplies", "Targray", "Hard carbon", TARGRAY_ROW, ROW7, TABLE),
    ("serves", "Targray", "Medical instruments", TARGRAY_ROW, ROW7, TABLE),
    ("company", FIGURE, "Targray", TARGRAY_ROW, ROW7, TABLE),
}

# ---------------------------------------------------------------- competitors and figures

#: BTR supplies anode material and hard carbon and serves consumer electronics and power
#: tools (list, table, Asia-Pacific). What each other company shares with it:
BTR_OVERLAP = [
    ("Kuraray", 3, "serves Consumer electronics; supplies Anode material; supplies Hard carbon"),
    ("Shanshan", 3, "serves Consumer electronics; supplies Anode material; supplies Hard carbon"),
    ("Hina Battery", 2, "supplies Anode material; supplies Hard carbon"),
    ("Indigenous Energy Storage Technology", 2, "supplies Anode material; supplies Hard carbon"),
    ("Phillips 66", 2, "serves Power tools; supplies Anode material"),
    ("Shinzoom Technology", 2, "supplies Anode material; supplies Hard carbon"),
    ("Targray", 2, "supplies Anode material; supplies Hard carbon"),
    ("KAIJIN", 1, "supplies Anode material"),
    ("MSE Supplies LLC", 1, "supplies Anode material"),
    ("NEI", 1, "supplies Anode material"),
]
#: The table: capacity_t per company, year 2025, tonnes per year.
FIGURES = [("BTR", 12000.0, "Hard carbon"), ("Hina Battery", 8000.0, "Hard carbon"),
           ("Kuraray", 5000.0, "Hard carbon"), ("Phillips 66", 3000.0, "Soft carbon"),
           ("Shanshan", 6000.0, "Hard carbon"), ("Targray", 500.0, "Hard carbon")]
#: By headquarters: CN 12000 + 8000 + 6000, JP 5000, US 3000, CA 500 (of 34500).
CAPACITY = [("CN", "China", 26000.0, 26000 / 345, "BTR; Hina Battery; Shanshan"),
            ("JP", "Japan", 5000.0, 5000 / 345, "Kuraray"),
            ("US", "United States", 3000.0, 3000 / 345, "Phillips 66"),
            ("CA", "Canada", 500.0, 500 / 345, "Targray")]
