"""Plans of the question forms that call the analytics: concentration, dependence,
competition clusters, similarity, centrality, paths, import dependence, comparisons.

Like :mod:`cikg.answers.plans`, each takes the context and the slots and returns a
:class:`~cikg.answers.plans.Result`; analyses run through ``kg.analyze`` and ``kg.path``
(:mod:`cikg.answers.analyses`), recorded with the queries they read.
"""

from __future__ import annotations

import re

import pandas as pd

from cikg.errors import CikgError

from .context import Context
from .plans import Result, Slots, _about, _edge_cites, _from_section, _relation, _split
from .text import join_names, percent, plural, present, text, unit_name

__all__ = ["concentration", "dependence", "clusters", "similar", "central", "path",
           "import_dependence", "compare"]


def concentration(ctx: Context, slots: Slots) -> Result:
    """Market structure from share claims, and supply by country."""
    from .analyses import analysis
    from .findings import concentration as section

    return _from_section(ctx, section(ctx), analysis(ctx, "concentration"))


def dependence(ctx: Context, slots: Slots) -> Result:
    """Supply dependence on a country, or the supply risks per material type."""
    from .analyses import analysis

    country = slots.first("country")
    material = slots.first("material")
    frame = analysis(ctx, "dependence", part="shares")
    frame = frame[frame["level"] == "country"]
    if material is not None:
        frame = frame[frame["material"] == material.entity]
    if country is None:
        risks = analysis(ctx, "dependence", part="risks")
        if material is not None:
            risks = risks[risks["material"] == material.entity]
        parts = [f"{r['material_label']}: {r['top_country']} hosts "
                 f"{percent(100 * r['top_country_share'])} of "
                 f"{plural(int(r['suppliers']), 'supplier')}"
                 + (f" ({r['risk']})" if text(r.get("risk")) else "")
                 for r in risks.to_dict("records")]
        summary = ("; ".join(parts) + "." if parts else
                   "No source states who supplies which material type.")
        return Result(risks, summary)
    here = frame[frame["place"] == country.entity]
    parts = [f"{r['material_label']} {percent(100 * r['supplier_share'])} of suppliers"
             + (f" and {percent(100 * r['capacity_share'])} of stated capacity"
                if present(r.get("capacity_share")) else "")
             for r in here.to_dict("records")]
    summary = (f"Companies headquartered in {country.label} account for: "
               f"{'; '.join(parts)}." if parts else
               f"No supplier in the graph is headquartered in {country.label}.")
    code = ctx.country_code(country.entity)
    members = set(ctx.companies[ctx.companies["country"] == code]["company"])
    return Result(here, summary, _edge_cites(ctx, ctx.hq_rows(members), limit=1))


def clusters(ctx: Context, slots: Slots) -> Result:
    """Competition communities with the reasons that link them."""
    from .analyses import analysis
    from .sections import competition

    section = competition(ctx)
    return _from_section(ctx, section, analysis(ctx, "communities"))


def similar(ctx: Context, slots: Slots) -> Result:
    """Companies most similar to one (Jaccard similarity of their features)."""
    from .analyses import analysis

    company = slots.first("company")
    assert company is not None
    pairs = analysis(ctx, "similarity")
    mine = pairs[(pairs["a"] == company.entity) | (pairs["b"] == company.entity)]
    other = mine["b_label"].where(mine["a"] == company.entity, mine["a_label"])
    frame = pd.DataFrame({"company": other, "jaccard": mine["jaccard"],
                          "shared": mine["shared"], "union": mine["union"]}) \
        .sort_values(["jaccard", "company"], ascending=[False, True]).reset_index(drop=True)
    parts = [f"{r['company']} ({r['shared']} of {r['union']} materials, markets and places "
             f"shared)" for r in frame.head(5).to_dict("records")]
    summary = (f"Most similar to {company.label} (Jaccard similarity of what they supply, "
               f"whom they serve and where): {join_names(parts)}." if parts else
               f"No company is similar enough to {company.label}.")
    rows = _relation(ctx, "supplies", {company.entity})
    return Result(frame, summary, _edge_cites(ctx, rows, per="concept_label"))


def central(ctx: Context, slots: Slots) -> Result:
    """The best-connected companies of the competition graph."""
    from .analyses import analysis

    frame = analysis(ctx, "centrality")
    top = frame.sort_values(["weighted_degree", "label"], ascending=[False, True]).head(5)
    parts = [f"{r['label']} ({plural(int(r['degree']), 'competitor')}, weighted degree "
             f"{float(r['weighted_degree']):.2f})" for r in top.to_dict("records")]
    summary = (f"Most connected in the competition graph: {join_names(parts)}." if parts
               else "The competition graph has no edges.")
    return Result(frame, summary)


def path(ctx: Context, slots: Slots) -> Result:
    """How two entities are linked through stated relations (shortest paths)."""
    from .analyses import paths

    found = slots.all("entity")
    a, b = found[0], found[1]
    try:
        frame = paths(ctx, a.entity, b.entity)
    except CikgError as exc:
        return Result(pd.DataFrame(), f"No chain of stated relations links {a.label} and "
                                      f"{b.label} ({exc}).")
    if frame.empty:
        return Result(frame, f"No chain of stated relations links {a.label} and {b.label}.")
    first = frame[frame["path"] == frame["path"].min()].sort_values("step")
    hops = [f"{r['source_label']} {r['relation']} {r['target_label']}"
            for r in first.to_dict("records")]
    summary = (f"{a.label} links to {b.label} in {plural(len(first), 'step')} "
               f"({plural(frame['path'].nunique(), 'shortest path')} shown): "
               + "; ".join(hops) + ".")
    evidence = []
    for row in frame.to_dict("records"):
        for quote in re.findall(r'"([^"]+)"', text(row.get("evidence"))):
            evidence += _about(f"{row['source_label']} {row['relation']} {row['target_label']}",
                               ctx.cite_quote(quote))
    return Result(frame, summary, evidence)


def import_dependence(ctx: Context, slots: Slots) -> Result:
    """Regions that sources describe as dependent on imports."""
    from .analyses import analysis
    from .findings import _imports

    frame = analysis(ctx, "dependence", part="regions")
    frame = frame[frame["import_dependent"].fillna(False).astype(bool)]
    found = _imports(ctx)
    region = slots.first("region")
    if region is not None:
        frame = frame[frame["region"] == region.entity]
        found = [f for f in found if f[0] == region.label]
    summary = (f"Sources describe {join_names(sorted({r for r, _, _ in found}))} as "
               "dependent on imports." if found else
               "No source describes a region as dependent on imports.")
    return Result(frame.drop(columns=["region"]), summary, [(r, c) for r, _, c in found])


def compare(ctx: Context, slots: Slots) -> Result:
    """Two companies side by side."""
    from .analyses import competition_table

    a, b = slots.all("company")[:2]
    rows = []
    for aspect, relation in (("headquarters", "headquarteredIn"), ("supplies", "supplies"),
                             ("serves", "serves"), ("active in", "activeIn"),
                             ("leads", "leads")):
        cells = {}
        for company in (a, b):
            part = _relation(ctx, relation, {company.entity})
            cells[company.label] = "; ".join(sorted(set(part["concept_label"].astype(str))))
        rows.append({"aspect": aspect, **cells})
    figures = ctx.query("answers-figures")
    claims = ctx.query("share-claims")
    for company in (a, b):
        mine = figures[figures["company"] == company.entity]
        rows_for = [f"{r['measure']} {r['value']:,.0f} {unit_name(r.get('unit'))}"
                    for r in mine.to_dict("records")]
        shares = [f"{text(r.get('qualifier'))} {percent(r['percent'])} {r['measure']}".strip()
                  + (" (jointly)" if ";" in str(r["companies"]) else "")
                  for r in claims.to_dict("records") if company.label in _split(r["companies"])]
        for aspect, values in (("figures", rows_for), ("share claims", shares)):
            row = next((x for x in rows if x["aspect"] == aspect), None)
            if row is None:
                row = {"aspect": aspect, a.label: "", b.label: ""}
                rows.append(row)
            row[company.label] = "; ".join(values)
    frame = pd.DataFrame(rows, columns=["aspect", a.label, b.label])
    edges = competition_table(ctx)
    link = edges[((edges["a"] == a.entity) & (edges["b"] == b.entity))
                 | ((edges["a"] == b.entity) & (edges["b"] == a.entity))]
    shared = (f"; they compete ({link.iloc[0]['reasons']})" if not link.empty else
              "; the competition analysis does not link them")
    both = [x["aspect"] for x in rows if x[a.label] and x[a.label] == x[b.label]]
    mine = figures[figures["company"].isin({a.entity, b.entity})]
    for (measure, unit), part in mine.groupby(["measure", "unit"], dropna=False):
        totals = part.groupby("company")["value"].sum()
        if len(totals) == 2:
            big, small = (a, b) if totals[a.entity] >= totals[b.entity] else (b, a)
            shared += (f"; by stated {measure}, {big.label} ({totals[big.entity]:,.0f} "
                       f"{unit_name(unit)}) is larger than {small.label} "
                       f"({totals[small.entity]:,.0f})")
    summary = (f"{a.label} and {b.label} side by side: the same {join_names(both)}" if both
               else f"{a.label} and {b.label} side by side: no aspect in common") + shared + "."
    cites = _edge_cites(ctx, ctx.features[ctx.features["company"].isin({a.entity, b.entity})],
                        per="company_label", limit=3)
    return Result(frame, summary, cites)
