"""Briefing sections about figures and gaps: market size, initiatives, concentration,
gaps, figures that do not add up, and conflicts between sources.

Like :mod:`cikg.answers.sections`, every builder returns a
:class:`~cikg.answers.context.Section` generated from query and analytics results.
"""

from __future__ import annotations

import re

import pandas as pd

from .charts import count_chart, market_size_chart
from .context import Context, Section
from .text import (
    Citation,
    join_names,
    market_name,
    money,
    percent,
    plural,
    present,
    text,
)

__all__ = ["market", "initiatives", "concentration", "gaps", "checks", "conflicts"]

#: Share claims of one market, year and measure may add up to this many points over 100
#: (rounded figures) before a briefing flags them.
CLAIM_TOLERANCE = 1.0
_QUOTED = re.compile(r'"([^"]+)"')
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _market_rows(ctx: Context, frame: pd.DataFrame) -> pd.DataFrame:
    if ctx.scope.markets is None or frame.empty:
        return frame
    labels = {ctx.session.index().label(m) for m in ctx.scope.markets}
    return frame[frame["market_label"].isin(labels)]


def market(ctx: Context) -> Section:
    """Market sizes by year (actual and forecast) and the growth rates sources state."""
    section = Section("market", "Market size and growth")
    sizes = _market_rows(ctx, ctx.query("market-size"))
    cagr = _market_rows(ctx, ctx.query("market-cagr"))
    if sizes.empty and cagr.empty:
        section.say("No source gives a market size or growth rate for this scope.")
        return section
    for (label, source), rows in sizes.groupby(["market_label", "source"], sort=True):
        rows = rows.sort_values("year")
        points = [f"{money(r['value'], r['currency'])} in {int(r['year'])} ({r['kind']})"
                  for r in rows.to_dict("records")]
        cites: list[Citation] = []
        for fragment in rows["original_text"].dropna().unique():
            cites += [c for c in ctx.cite_containing(str(fragment), str(source))
                      if c not in cites]
        section.say(f"{source} sizes {market_name(label)} at {join_names(points)}.", cites)
        stated = cagr[(cagr["market_label"] == label) & (cagr["source"] == source)]
        for row in stated.to_dict("records"):
            section.say(f"It states a CAGR of {percent(row['stated_cagr'])} for "
                        f"{_period(row['from_year'], row['to_year'])}.",
                        ctx.cite_quote(row.get("quote"), source))
        if len(section.charts) < 3:
            first = stated.iloc[0].to_dict() if not stated.empty else {}
            section.charts.append(market_size_chart(
                rows[rows["currency"] == rows["currency"].iloc[0]],
                title=f"Size of {market_name(label)}, as {source} states it",
                stated={"percent": first.get("stated_cagr"),
                        "start_year": first.get("start_year"),
                        "start_value": first.get("start_value"),
                        "end_year": first.get("end_year")} if first else None))
    section.table("Market sizes", sizes.drop(columns=["original_text"], errors="ignore"))
    return section


def _period(start: object, end: object) -> str:
    if present(start) and present(end):
        return f"{int(start)}-{int(end)}"  # type: ignore[call-overload]
    return "an unstated period"


def initiatives(ctx: Context) -> Section:
    """Initiatives (funding programmes, standards, regulations) and money by country."""
    section = Section("initiatives", "Initiatives and money by country")
    rows = _scoped_initiatives(ctx, ctx.query("initiatives"))
    if rows.empty:
        section.say(f"No source reports an initiative for {ctx.scope.label}.")
        return section
    kinds = rows["kind"].fillna("initiative").value_counts()
    section.say("Sources report " + join_names(
        [plural(int(n), str(k)) for k, n in sorted(kinds.items())]) + ".", ctx.cite(rows))
    funded = rows[rows["amount_usd"].notna()]
    totals = (funded.groupby("country", dropna=False)
              .agg(total_usd=("amount_usd", "sum"), programmes=("initiative", "nunique"))
              .reset_index().sort_values(["total_usd", "country"], ascending=[False, True]))
    for row in totals.to_dict("records"):
        members = funded[funded["country"] == row["country"]]
        name = ctx.country_name(row["country"]) or "No country"
        section.say(f"{name}: {money(row['total_usd'], 'USD')} in "
                    f"{plural(int(row['programmes']), 'programme')} "
                    f"({join_names(sorted(members['initiative_label'].astype(str)))}).",
                    ctx.cite(members))
    if len(totals) > 0:
        fx = text(funded["fx_date"].dropna().max()) if "fx_date" in funded else ""
        rate = f", at exchange rates as of {fx}" if fx else ""
        section.say(f"In all, {money(totals['total_usd'].sum(), 'USD')} in "
                    f"{plural(len(funded), 'programme')} with a stated amount{rate}.",
                    ctx.cite(funded))
        chart = totals.assign(label=totals["country"].map(ctx.country_name),
                              value=totals["total_usd"] / 1e6)
        section.charts.append(count_chart(chart, title="Stated funding by country",
                                          value="value", unit="USD million"))
    for row in rows[rows["amount_usd"].isna()].to_dict("records"):
        who = ", ".join(x for x in (text(row.get("sponsor")), text(row.get("country"))) if x)
        section.say(f"{row['initiative_label']} ({text(row.get('kind'), 'initiative')}"
                    f"{'; ' + who if who else ''}) states no amount.",
                    ctx.cite_quote(row.get("quote"), row.get("source")))
    section.table("Initiatives", rows[["initiative_label", "kind", "sponsor", "country",
                                       "year", "amount", "currency", "amount_usd"]])
    return section


def _region_countries(ctx: Context, region: str) -> set[str]:
    """The ISO codes of the countries that sources put in *region* (or hold its companies)."""
    rows = ctx.query("answers-region-sections")
    codes = {c.strip() for cell in rows[rows["region"] == region]["countries"].dropna()
             for c in str(cell).split(";") if c.strip()}
    members = ctx.query("companies-by-region", region=region)
    return codes | {c.strip() for cell in members["country"].dropna()
                    for c in str(cell).split(";") if c.strip()}


def _scoped_initiatives(ctx: Context, rows: pd.DataFrame) -> pd.DataFrame:
    scope = ctx.scope
    if scope.kind == "region":
        codes = _region_countries(ctx, str(scope.subject))
        named = rows[["initiative_label", "sponsor", "quote"]].fillna("").astype(str) \
            .apply(lambda r: scope.label.casefold() in " ".join(r).casefold(), axis=1)
        return rows[rows["country"].isin(codes) | named]
    if scope.kind == "company":
        home = ctx.companies[ctx.companies["company"] == scope.subject]["country"].dropna()
        return rows[rows["country"].isin(set(home))]
    return rows


def concentration(ctx: Context) -> Section:
    """How concentrated supply is: share claims (CR-n, HHI bounds with their coverage),
    suppliers and stated capacity by country per material type (analytics)."""
    section = Section("concentration", "Concentration and country dependence")
    companies = ctx.scoped_companies()
    known = companies.dropna(subset=["country"])
    if not known.empty:
        counts = known.groupby(["country", "country_label"])["company"].nunique() \
            .sort_values(ascending=False)
        (code, name), top = counts.index[0], int(counts.iloc[0])
        members = set(known[known["country"] == code]["company"])
        section.say(f"{name} hosts {top} of the {len(known)} companies in scope with a known "
                    f"headquarters ({percent(100 * top / len(known))}).",
                    ctx.cite(ctx.hq_rows(members), limit=2))
    _claim_structure(ctx, section)
    _material_risks(ctx, section)
    if not section.sentences:
        section.say(f"No figure about {ctx.scope.label} shows how concentrated supply is.")
    return section


def _claim_structure(ctx: Context, section: Section) -> None:
    from .analyses import analysis
    from .sections import _claims

    frame = analysis(ctx, "concentration")
    if ctx.scope.markets is not None:
        frame = frame[frame["scope"].astype(str).isin(ctx.scope.markets)]
    claims = _claims(ctx)
    for row in frame.to_dict("records"):
        if claims.empty:
            break
        what = (f"share claims on {market_name(row['scope_label'])} "
                f"({text(row.get('measure'), 'share')}, {text(row.get('year'), 'no year')})")
        bounds = (f"the {int(row['n'])} largest companies hold at least "
                  f"{percent(row['cr_n_min'])} (a lower bound of CR{int(row['n'])}) and the "
                  f"HHI lies between {float(row['hhi_min']):,.0f} and "
                  f"{float(row['hhi_max']):,.0f}")
        verdict = text(row.get("verdict"))
        judged = ("too little of the market is covered to classify it" if verdict == "unknown"
                  else f"the bounds span {verdict}" if " to " in verdict
                  else f"so the market is {verdict}")
        rows = claims[claims["market_label"] == row["scope_label"]]
        section.say(f"The {what} cover {percent(row['coverage'])} of it: {bounds}; {judged}.",
                    ctx.cite(rows))
        section.table("Concentration from share claims", frame.drop(
            columns=["scope", "evidence"], errors="ignore"))


def _material_risks(ctx: Context, section: Section) -> None:
    from .analyses import analysis

    risks = analysis(ctx, "dependence", part="risks")
    shares = analysis(ctx, "dependence", part="shares")
    figures = ctx.query("answers-figures")
    if ctx.scope.kind == "material":
        risks = risks[risks["material"] == ctx.scope.subject]
    elif ctx.scope.kind != "market":
        return
    for row in risks.sort_values(["suppliers", "material_label"],
                                 ascending=[False, True]).head(8).to_dict("records"):
        where = ("there" if row.get("top_capacity_country") == row["top_country"] else
                 f"in {text(row.get('top_capacity_country'))}")
        capacity = (f", and companies {where} hold {percent(100 * row['top_capacity_share'])} "
                    f"of the capacity sources state"
                    if present(row.get("top_capacity_share")) else "")
        risk = f" Flag: {row['risk']}." if text(row.get("risk")) else ""
        country = shares[(shares["material"] == row["material"]) & (shares["level"] == "country")
                         & (shares["place_label"] == row["top_country"])]
        names = {n.strip() for cell in country["names"].dropna() for n in str(cell).split(";")}
        members = set(ctx.companies[ctx.companies["company_label"].isin(names)]["company"])
        section.say(f"{row['material_label']}: {plural(int(row['suppliers']), 'supplier')} in "
                    f"{plural(int(row['countries']), 'country', 'countries')}; "
                    f"{row['top_country']} hosts {percent(100 * row['top_country_share'])} of "
                    f"them{capacity}.{risk}", ctx.cite(ctx.hq_rows(members), limit=2)
                    + ctx.cite(figures[figures["company"].isin(members)
                                       & (figures["figure_of"] == row["material"])], limit=2))
    section.table("Suppliers and capacity by country", shares[
        shares["material"].isin(set(risks["material"])) & (shares["level"] == "country")].drop(
        columns=["material", "place", "level"], errors="ignore"))


def gaps(ctx: Context) -> Section:
    """Regions and countries without a profiled supplier, and import dependence."""
    section = Section("gaps", "Gaps")
    regions = _empty_regions(ctx)
    if regions:
        cites = []
        for region in regions:
            cites += _region_citation(ctx, region, limit=1)
        who = "supplier of " + ctx.scope.label if ctx.scope.kind == "material" else \
            "profiled company"
        section.say(f"No {who} is headquartered in or stated to be active in "
                    f"{join_names(sorted(ctx.session.index().label(r) for r in regions))}, "
                    "although the sources report on "
                    f"{'it' if len(regions) == 1 else 'them'}.", cites)
    countries = _empty_countries(ctx)
    if not countries.empty:
        names = [f"{r['country_name']} ({r['regions']})" if present(r.get("regions"))
                 else str(r["country_name"]) for r in countries.to_dict("records")]
        section.say(f"Sources mention {plural(len(countries), 'country', 'countries')} that "
                    f"host no profiled company: {join_names(names, limit=20)}.",
                    ctx.cite(countries))
    for region, sentence, citation in _imports(ctx):
        section.say(f"Sources describe {region} as dependent on imports: \"{sentence}\"",
                    [citation])
    if not section.sentences:
        section.say(f"Every region and country the sources report on for {ctx.scope.label} "
                    "has a profiled company, and no source describes a region as dependent "
                    "on imports.")
    return section


def _empty_regions(ctx: Context) -> list[str]:
    scope = ctx.scope
    if scope.kind == "company":
        return []
    if scope.kind == "market":
        return list(ctx.query("regions-without-suppliers")["region"].astype(str))
    reported = set(ctx.query("answers-region-sections")["region"].astype(str))
    members = ctx.query("companies-by-region")
    held = set(ctx.keep(members)["region"].astype(str))
    if scope.kind == "region":
        return [] if str(scope.subject) in held else [str(scope.subject)]
    return sorted(reported - held)


def _empty_countries(ctx: Context) -> pd.DataFrame:
    rows = ctx.query("countries-without-suppliers")
    if ctx.scope.kind == "region":
        codes = _region_countries(ctx, str(ctx.scope.subject))
        return rows[rows["country"].isin(codes)]
    if ctx.scope.kind == "company":
        return rows.iloc[0:0]
    return rows


def _region_citation(ctx: Context, region: str, *, limit: int = 1) -> list[Citation]:
    sections = ctx.query("answers-region-sections")
    rows = sections[sections["region"] == region]
    out = []
    for row in rows.head(limit).to_dict("records"):
        first = _SENTENCE.split(text(row.get("text")))[0]
        out.append(Citation(first or text(row.get("section")), text(row.get("section")),
                            text(row.get("document")), text(row.get("as_of"))))
    return out


def _imports(ctx: Context) -> list[tuple[str, str, Citation]]:
    """Regions the sources describe as dependent on imports (the dependence analysis),
    each with the sentence that says so, cited to its region section."""
    from .analyses import analysis

    scope = ctx.scope
    if scope.kind == "company":
        return []
    regions = analysis(ctx, "dependence", part="regions")
    regions = regions[regions["import_dependent"].fillna(False).astype(bool)]
    if scope.kind == "region":
        regions = regions[regions["region"] == scope.subject]
    sections = ctx.query("answers-region-sections")
    out = []
    for row in regions.to_dict("records"):
        texts = sections[sections["region"] == row["region"]]
        for sentence in _QUOTED.findall(text(row.get("evidence"))):
            where = texts[texts["text"].fillna("").str.contains(sentence, regex=False)]
            first = where.iloc[0].to_dict() if not where.empty else {}
            out.append((text(row.get("region_label")), sentence,
                        Citation(sentence, text(first.get("section")),
                                 text(first.get("document")) or text(row.get("sources")),
                                 text(first.get("as_of")))))
    return out


def checks(ctx: Context) -> Section:
    """Figures that do not add up: stated CAGRs against stated sizes, shares above 100 %."""
    section = Section("checks", "Figures that do not add up")
    cagr = _market_rows(ctx, ctx.query("market-cagr"))
    for row in cagr.to_dict("records"):
        if not present(row.get("implied_cagr")):
            continue
        span = _period(row.get("start_year"), row.get("end_year"))
        sizes = (f"{money(row['start_value'], row['currency'])} in {int(row['start_year'])} "
                 f"and {money(row['end_value'], row['currency'])} in {int(row['end_year'])}")
        cites = ctx.cite_quote(row.get("quote"), row.get("source"))
        if row.get("disagrees"):
            section.say(f"{row['source']} states a CAGR of {percent(row['stated_cagr'])} for "
                        f"{_period(row['from_year'], row['to_year'])}, but its own market "
                        f"sizes, {sizes}, imply {percent(row['implied_cagr'])} a year over "
                        f"{span}: {abs(float(row['difference'])):.1f} percentage points apart "
                        f"(tolerance {float(row['tolerance']):g}).", cites)
        else:
            section.say(f"The CAGR of {percent(row['stated_cagr'])} that {row['source']} "
                        f"states agrees with its sizes ({sizes} imply "
                        f"{percent(row['implied_cagr'])} a year).", cites)
    _claim_sums(ctx, section)
    if not section.sentences:
        section.say("No stated figure can be checked against another here (no CAGR with "
                    "two market sizes, no share claims to add up).")
    return section


def _claim_sums(ctx: Context, section: Section) -> None:
    from .sections import _claims

    claims = _claims(ctx)
    for (label, year, measure), rows in claims.groupby(
            ["market_label", "year", "measure"], dropna=False, sort=True):
        total = float(rows["percent"].sum())
        if total > 100 + CLAIM_TOLERANCE:
            section.say(f"Share claims for {market_name(label)} ({text(measure, 'share')}, "
                        f"{text(year, 'no year')}) add up to {percent(total)}, more than "
                        f"the whole market (tolerance {CLAIM_TOLERANCE:g} points).",
                        ctx.cite(rows))


def conflicts(ctx: Context) -> Section:
    """Facts on which sources disagree (the ``conflicts`` query where the catalog has it)."""
    section = Section("conflicts", "Conflicting facts between sources")
    rows = ctx.optional("conflicts")
    if rows is not None:
        _conflict_rows(ctx, section, rows)
    else:
        _fallback_conflicts(ctx, section)
    if not section.sentences:
        section.say("No two sources state different values for the same fact in this scope.")
    return section


def _conflict_rows(ctx: Context, section: Section, rows: pd.DataFrame) -> None:
    """Sentences from the ``conflicts`` query: a subject, a property, two sourced values."""
    if ctx.scope.kind == "company":
        rows = rows[rows["subject"] == ctx.scope.subject]
    elif ctx.scope.companies is not None:
        companies = set(ctx.companies["company"])
        rows = rows.loc[~rows["subject"].isin(companies) | ctx.in_scope_mask(rows["subject"])]
    for row in rows.head(20).to_dict("records"):
        prop = text(row.get("property"), "value")
        values = [f"{_conflict_value(ctx, prop, row.get(f'value_{side}'))} "
                  f"({text(row.get(f'source_{side}'), 'a source')})" for side in "ab"]
        cites = []
        for side in "ab":
            cites += ctx.cite_quote(row.get(f"quote_{side}"))
        section.say(f"Sources disagree on {text(row.get('subject_label'))}'s {prop}: "
                    f"{values[0]} against {values[1]}.", cites)
    section.table("Conflicts", rows.drop(columns=["quote_a", "quote_b"], errors="ignore"))


def _conflict_value(ctx: Context, prop: str, value: object) -> str:
    shown = text(value)
    if len(shown) == 2 and shown.isupper():
        return ctx.country_name(shown)
    try:
        number = float(shown)
    except ValueError:
        return shown
    return percent(number) if "cagr" in prop.casefold() or "growth" in prop.casefold() \
        else money(number, "")


def _fallback_conflicts(ctx: Context, section: Section) -> None:
    companies = ctx.keep(ctx.query("entities"), "company")
    for row in companies.to_dict("records"):
        codes = [c.strip() for c in text(row.get("country")).split(";") if c.strip()]
        if len(set(codes)) > 1:
            count = plural(len(set(codes)), "headquarters country", "headquarters countries")
            section.say(f"Sources give {row['label']} {count}: "
                        f"{join_names(sorted(set(codes)))}.",
                        ctx.cite(ctx.hq_rows({row["company"]})))
    sizes = _market_rows(ctx, ctx.query("market-size"))
    for (label, year, kind), rows in sizes.groupby(["market_label", "year", "kind"]):
        if rows["value_usd"].nunique() > 1:
            values = [f"{money(r['value'], r['currency'])} ({r['source']})"
                      for r in rows.to_dict("records")]
            section.say(f"Sources disagree on {market_name(label)}'s {kind} size in {int(year)}: "
                        f"{join_names(values)}.")
