"""Supply dependence: where the profiled suppliers of each material type are.

Per material type: the share of its profiled suppliers (companies a source says supply
it) headquartered in each country and in each region (a region holds the countries a
source puts in it), and the share of production capacity where a source gives one;
single-country and single-supplier risks; and which regions the sources call
import-dependent.

Suppliers count by headquarters: a plant abroad is invisible unless a source gives it.
Materials count exactly as stated (a hard-carbon supplier is not counted under the
broader "anode material" unless a source says it supplies that too).
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["supplier_shares", "supply_risks", "region_dependence", "IMPORT_PATTERN"]

#: Sentences that say a region depends on imports.
IMPORT_PATTERN = re.compile(
    r"\b(import[- ]dependen\w*|dependen\w* on imports?|relian\w* on imports?|"
    r"rel(?:y|ies|ying) on imports?|(?:are|is|being|be) imported|"
    r"imports? (?:cover|meet|supply|account for)\w*)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
NO_REGION = "no region stated"
SHARE_COLUMNS = ["material", "material_label", "level", "place", "place_label", "suppliers",
                 "supplier_share", "capacity", "capacity_unit", "capacity_share",
                 "capacity_coverage", "names"]
RISK_COLUMNS = ["material", "material_label", "suppliers", "countries", "top_country",
                "top_country_share", "single_country", "single_supplier",
                "top_capacity_country", "top_capacity_share", "risk"]
REGION_COLUMNS = ["region", "region_label", "countries", "suppliers", "import_dependent",
                  "evidence", "sources"]


def _suppliers(features: pd.DataFrame, headquarters: pd.DataFrame) -> pd.DataFrame:
    """Return material, company, country rows of every profiled supplier."""
    supplied = features[features["facet"] == "material"][
        ["concept", "concept_label", "company", "company_label"]].rename(
        columns={"concept": "material", "concept_label": "material_label"})
    hq = headquarters[["company", "country", "country_label"]].drop_duplicates("company")
    return supplied.merge(hq, on="company", how="left")


def _capacity(capacity: pd.DataFrame | None) -> pd.DataFrame:
    """Return the latest capacity per company and material, in the material's main unit."""
    cols = ["material", "company", "value", "unit"]
    if capacity is None or capacity.empty:
        return pd.DataFrame(columns=cols)
    rows = capacity.copy()
    rows["unit"] = rows["unit"].fillna("")
    rows["year"] = pd.to_numeric(rows.get("year"), errors="coerce").fillna(0)
    main_unit = rows.groupby("material")["unit"].agg(lambda u: u.value_counts().index[0])
    rows = rows[rows["unit"] == rows["material"].map(main_unit)]
    rows = rows.sort_values(["material", "company", "year", "value"],
                            ascending=[True, True, False, False], kind="mergesort")
    latest = rows.drop_duplicates(["material", "company"])
    return latest[cols].assign(value=latest["value"].astype("float64"))


def supplier_shares(features: pd.DataFrame, headquarters: pd.DataFrame, *,
                    regions: pd.DataFrame | None = None,
                    capacity: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return, per material type, the share of its suppliers and capacity by country and region.

    Parameters
    ----------
    features : pandas.DataFrame
        :func:`cikg.analytics.company_features` rows (facet ``material`` is used).
    headquarters : pandas.DataFrame
        ``company, country, country_label`` of each company's headquarters.
    regions : pandas.DataFrame, optional
        ``region, region_label, country`` (region membership as sources state it).
    capacity : pandas.DataFrame, optional
        ``company, material, value, unit, year`` (the ``analytics-capacity`` rows).

    Returns
    -------
    pandas.DataFrame
        Columns ``material, material_label, level, place, place_label, suppliers,
        supplier_share, capacity, capacity_unit, capacity_share, capacity_coverage,
        names``; ``level`` is ``country`` or ``region``; a supplier whose country no
        source puts in a region counts under ``no region stated``; regions may overlap
        (a region and its sub-region), so region shares need not add up to 1.

    Examples
    --------
    >>> f = pd.DataFrame({"company": ["a", "b"], "company_label": ["A", "B"],
    ...     "facet": ["material"] * 2, "concept": ["hc"] * 2,
    ...     "concept_label": ["Hard carbon"] * 2})
    >>> hq = pd.DataFrame({"company": ["a", "b"], "country": ["cn", "jp"],
    ...                    "country_label": ["China", "Japan"]})
    >>> out = supplier_shares(f, hq)
    >>> out[["level", "place_label", "suppliers", "supplier_share"]].values.tolist()
    [['country', 'China', 1, 0.5], ['country', 'Japan', 1, 0.5]]
    """
    suppliers = _suppliers(features, headquarters)
    if suppliers.empty:
        return pd.DataFrame(columns=SHARE_COLUMNS)
    suppliers["country"] = suppliers["country"].fillna("")
    suppliers["country_label"] = suppliers["country_label"].fillna("headquarters not stated")
    cap = _capacity(capacity)
    suppliers = suppliers.merge(cap, on=["material", "company"], how="left")
    placed = [suppliers.assign(level="country", place=suppliers["country"],
                               place_label=suppliers["country_label"])]
    if regions is not None and not regions.empty:
        members = regions[["region", "region_label", "country"]].drop_duplicates(
            ["region", "country"])
        in_region = suppliers.merge(members, on="country", how="inner")
        placed.append(in_region.assign(level="region", place=in_region["region"],
                                       place_label=in_region["region_label"]))
        outside = suppliers[~suppliers["country"].isin(set(members["country"]))]
        placed.append(outside.assign(level="region", place="", place_label=NO_REGION))
    rows = pd.concat(placed, ignore_index=True).drop_duplicates(
        ["material", "level", "place", "company"])
    total = suppliers.groupby("material")["company"].nunique()
    total_capacity = suppliers.drop_duplicates(["material", "company"]) \
        .groupby("material")["value"].sum(min_count=1)
    with_capacity = suppliers[suppliers["value"].notna()].groupby("material")["company"] \
        .nunique()
    out = rows.groupby(["material", "level", "place"], sort=True).agg(
        material_label=("material_label", "first"), place_label=("place_label", "first"),
        suppliers=("company", "nunique"), capacity=("value", lambda v: v.sum(min_count=1)),
        capacity_unit=("unit", lambda u: next((x for x in u if isinstance(x, str) and x),
                                               None)),
        names=("company_label", lambda n: "; ".join(sorted(set(map(str, n)))))).reset_index()
    out["supplier_share"] = (out["suppliers"] / out["material"].map(total)).round(6)
    out["capacity_share"] = (out["capacity"] / out["material"].map(total_capacity)).round(6)
    out["capacity_coverage"] = (out["material"].map(with_capacity).fillna(0)
                                / out["material"].map(total)).round(6)
    out["suppliers"] = out["suppliers"].astype("int64")
    out = out.sort_values(["material_label", "level", "suppliers", "place_label"],
                          ascending=[True, True, False, True], kind="mergesort")
    return out[SHARE_COLUMNS].reset_index(drop=True)


def supply_risks(shares: pd.DataFrame) -> pd.DataFrame:
    """Return single-country and single-supplier risks per material type.

    Parameters
    ----------
    shares : pandas.DataFrame
        :func:`supplier_shares` output.

    Returns
    -------
    pandas.DataFrame
        Columns ``material, material_label, suppliers, countries, top_country,
        top_country_share, single_country, single_supplier, top_capacity_country,
        top_capacity_share, risk`` (``risk`` in words, empty when none), sorted by the
        top country's share (descending).

    Examples
    --------
    >>> s = pd.DataFrame({"material": ["hc"], "material_label": ["Hard carbon"],
    ...     "level": ["country"], "place": ["cn"], "place_label": ["China"],
    ...     "suppliers": [3], "supplier_share": [1.0], "capacity": [None],
    ...     "capacity_share": [None]})
    >>> supply_risks(s)[["single_country", "single_supplier", "risk"]].values.tolist()
    [[True, False, 'single country: all 3 profiled suppliers in China']]
    """
    countries = shares[shares["level"] == "country"]
    rows = []
    for material, group in countries.groupby("material", sort=True):
        group = group.sort_values(["supplier_share", "place_label"], ascending=[False, True],
                                  kind="mergesort")
        top = group.iloc[0]
        suppliers = int(round(top["suppliers"] / top["supplier_share"])) \
            if top["supplier_share"] else int(group["suppliers"].sum())
        cap = group[group["capacity_share"].notna()].sort_values(
            ["capacity_share", "place_label"], ascending=[False, True], kind="mergesort")
        single_country = len(group) == 1 and bool(top["place"])
        single_supplier = suppliers == 1
        risk = []
        if single_supplier:
            risk.append("single supplier")
        if single_country:
            risk.append(f"single country: all {suppliers} profiled suppliers in "
                        f"{top['place_label']}" if suppliers > 1
                        else f"single country: {top['place_label']}")
        if not cap.empty and float(cap.iloc[0]["capacity_share"]) >= 0.999 and len(cap) == 1:
            risk.append(f"all stated capacity in {cap.iloc[0]['place_label']}")
        rows.append({
            "material": material, "material_label": top["material_label"],
            "suppliers": suppliers, "countries": int((group["place"] != "").sum()),
            "top_country": top["place_label"], "top_country_share": float(top["supplier_share"]),
            "single_country": single_country, "single_supplier": single_supplier,
            "top_capacity_country": cap.iloc[0]["place_label"] if not cap.empty else None,
            "top_capacity_share": float(cap.iloc[0]["capacity_share"]) if not cap.empty
            else None, "risk": "; ".join(risk)})
    out = pd.DataFrame(rows, columns=RISK_COLUMNS)
    if out.empty:
        return out
    return out.sort_values(["top_country_share", "material_label"], ascending=[False, True],
                           kind="mergesort").reset_index(drop=True)


def _import_sentences(text: object) -> list[str]:
    if not isinstance(text, str):
        return []
    return [s.strip() for s in _SENTENCE.split(text) if IMPORT_PATTERN.search(s)]


def region_dependence(regions: pd.DataFrame, headquarters: pd.DataFrame,
                      sections: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return, per region the sources cover, its profiled suppliers and whether it imports.

    Parameters
    ----------
    regions : pandas.DataFrame
        ``region, region_label, country, country_label`` (membership as sources state it).
    headquarters : pandas.DataFrame
        ``company, company_label, country`` of each company's headquarters.
    sections : pandas.DataFrame, optional
        ``region, text, document`` (the ``analytics-region-sections`` rows): the text a
        source writes about the region.

    Returns
    -------
    pandas.DataFrame
        Columns ``region, region_label, countries, suppliers, import_dependent, evidence,
        sources``: ``suppliers`` counts companies headquartered in a country of the
        region; ``import_dependent`` is True where a source says the region depends on
        imports (:data:`IMPORT_PATTERN`; ``evidence`` quotes it) and None where no
        source says so (not False: silence is not independence).

    Examples
    --------
    >>> r = pd.DataFrame({"region": ["sa"], "region_label": ["South America"],
    ...                   "country": ["br"], "country_label": ["Brazil"]})
    >>> hq = pd.DataFrame({"company": ["a"], "company_label": ["A"], "country": ["cn"]})
    >>> s = pd.DataFrame({"region": ["sa"], "document": ["R"],
    ...                   "text": ["Demand grows. Most anode materials are imported."]})
    >>> region_dependence(r, hq, s)[["suppliers", "import_dependent", "evidence"]].values.tolist()
    [[0, True, '"Most anode materials are imported." (R)']]
    """
    if regions.empty:
        return pd.DataFrame(columns=REGION_COLUMNS)
    rows = []
    hq = headquarters.drop_duplicates("company")
    for region, group in regions.groupby("region", sort=True):
        countries = set(group["country"])
        labels = sorted(set(group.get("country_label", group["country"]).fillna("").map(str)))
        hosted = hq[hq["country"].isin(countries)]
        quotes, sources = [], set()
        if sections is not None and not sections.empty:
            for row in sections[sections["region"] == region].itertuples(index=False):
                doc = getattr(row, "document", None)
                if isinstance(doc, str):
                    sources.add(doc)
                quotes += [f'"{s}"' + (f" ({doc})" if isinstance(doc, str) else "")
                           for s in _import_sentences(getattr(row, "text", None))]
        rows.append({"region": region, "region_label": group["region_label"].iloc[0],
                     "countries": "; ".join(x for x in labels if x),
                     "suppliers": int(hosted["company"].nunique()),
                     "import_dependent": True if quotes else None,
                     "evidence": "\n".join(dict.fromkeys(quotes)),
                     "sources": "; ".join(sorted(sources))})
    out = pd.DataFrame(rows, columns=REGION_COLUMNS)
    return out.sort_values(["suppliers", "region_label"], kind="mergesort").reset_index(drop=True)
