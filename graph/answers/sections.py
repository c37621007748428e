"""Briefing sections about the companies: who supplies from where, leaders, competition.

Each builder takes a :class:`~cikg.answers.context.Context` and returns a
:class:`~cikg.answers.context.Section` whose sentences are generated from catalog
query and analytics results, each with the citations of the facts it states.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from .analyses import clusters, competition_table
from .charts import count_chart, share_chart
from .context import Context, Section
from .text import join_names, market_name, money, percent, plural, present, text, unit_name

__all__ = ["overview", "suppliers", "leaders", "competition"]


def overview(ctx: Context) -> Section:
    """What the briefing covers: the sources (title, publisher, as-of date) and the scope."""
    section = Section("overview", "Sources and scope")
    sources = ctx.query("sources")
    for row in sources.to_dict("records"):
        title = text(row.get("title")) or text(row.get("file")) or text(row.get("source"))
        count = int(row["assertions"]) if present(row.get("assertions")) else 0
        details = "; ".join(x for x in (
            ", ".join(x for x in (text(row.get("publisher")),
                                  f"as of {text(row.get('published'))}"
                                  if present(row.get("published")) else "") if x),
            plural(count, "quoted passage") if count else "") if x)
        section.say(f"Source: {title}" + (f" ({details})." if details else "."),
                    [_source_citation(title, row)])
    if sources.empty:
        section.say("The graph holds no sources: load some with cikg build.")
    return section


def _source_citation(title: str, row: dict):  # noqa: ANN202
    from .text import Citation
    return Citation(title, "source description", text(row.get("publisher")),
                    text(row.get("published")))


def suppliers(ctx: Context) -> Section:
    """Who supplies, from where: companies by headquarters country, with what they supply."""
    if ctx.scope.kind == "company":
        return _profile(ctx)
    section = Section("suppliers", "Who supplies, from where")
    rows = ctx.scoped_companies()
    scope = ctx.scope
    if rows.empty:
        section.say(f"No company in the graph is linked to {scope.label}.")
        return section
    countries = rows["country"].dropna().nunique()
    companies = set(rows["company"])
    if scope.kind == "material":
        supply = ctx.features[(ctx.features["relation"] == "supplies")
                              & ctx.features["company"].isin(companies)]
        narrower = ctx.query("suppliers-of-material", material=scope.subject)
        labels = sorted({s.strip() for cell in narrower["supplies"].dropna()
                         for s in str(cell).split(";")} - {scope.label})
        under = f" (with the narrower types {join_names(labels)})" if labels else ""
        section.say(f"{plural(len(rows), 'company supplies', 'companies supply')} "
                    f"{scope.label}{under}, headquartered in "
                    f"{plural(countries, 'country', 'countries')}.",
                    ctx.cite(supply[supply["concept_label"].isin([scope.label, *labels])]))
    elif scope.kind == "region":
        section.say(*_region_headline(ctx, rows))
    else:
        section.say(f"The sources profile {plural(len(rows), 'company', 'companies')}, "
                    f"headquartered in {plural(countries, 'country', 'countries')}.",
                    ctx.cite(ctx.hq_rows(companies)))
    _by_country(ctx, section, rows)
    section.table("Companies in scope", _company_table(ctx, rows))
    return section


def _region_headline(ctx: Context, rows: pd.DataFrame) -> tuple[str, list]:
    members = ctx.query("companies-by-region", region=ctx.scope.subject)
    via = members["via"].fillna("").astype(str)
    by_hq = members[via.str.contains("headquarters")]["company"].nunique()
    active = members[via.str.contains("active")]["company"].nunique()
    parts = [f"{by_hq} through a headquarters country that a source puts in the region"
             if by_hq else "", f"{active} through a stated activity there" if active else ""]
    cites = ctx.cite(ctx.hq_rows(set(members["company"])), limit=2)
    act = ctx.features[(ctx.features["relation"] == "activeIn")
                       & (ctx.features["concept"] == ctx.scope.subject)]
    cites += ctx.cite(act, limit=2)
    return (f"{plural(len(rows), 'company is', 'companies are')} in {ctx.scope.label}: "
            f"{join_names([p for p in parts if p])}.", cites)


def _by_country(ctx: Context, section: Section, rows: pd.DataFrame) -> None:
    known = rows.dropna(subset=["country"])
    counts = (known.groupby(["country", "country_label"])["company"].nunique()
              .reset_index(name="count").sort_values(["count", "country_label"],
                                                     ascending=[False, True]))
    for row in counts.head(10).itertuples(index=False):
        members = known[known["country"] == row.country]
        section.say(f"{row.country_label}: {plural(int(row.count), 'company', 'companies')} "
                    f"({join_names(members['company_label'])}).",
                    ctx.cite(ctx.hq_rows(set(members["company"])), limit=2))
    if len(counts) > 10:
        rest = counts.iloc[10:]
        section.say(f"{plural(len(rest), 'more country', 'more countries')} host "
                    f"{int(rest['count'].sum())} further companies.")
    unknown = rows[rows["country"].isna()]
    if not unknown.empty:
        section.say(f"No source gives a headquarters country for "
                    f"{join_names(unknown['company_label'])}.")
    if not counts.empty:
        section.charts.append(count_chart(
            counts.rename(columns={"country_label": "label"}),
            title=f"Companies by headquarters country ({ctx.scope.label})"))


def _concepts(ctx: Context, company: str, relation: str) -> pd.DataFrame:
    rows = ctx.features
    return rows[(rows["company"] == company) & (rows["relation"] == relation)]


def _company_table(ctx: Context, rows: pd.DataFrame) -> pd.DataFrame:
    features = ctx.features[ctx.features["company"].isin(set(rows["company"]))]

    def listed(relation: str) -> pd.Series:
        part = features[features["relation"] == relation]
        return part.groupby("company")["concept_label"].agg(
            lambda s: "; ".join(sorted(set(s.dropna().astype(str)))))

    table = rows.set_index("company")
    for relation, column in (("supplies", "supplies"), ("serves", "serves"),
                             ("activeIn", "active in")):
        table[column] = listed(relation)
    table = table.reset_index()
    return table[["company_label", "country_label", "supplies", "serves", "active in"]] \
        .rename(columns={"company_label": "company", "country_label": "country"})


def _profile(ctx: Context) -> Section:
    section = Section("suppliers", f"Profile of {ctx.scope.label}")
    company = str(ctx.scope.subject)
    row = ctx.companies[ctx.companies["company"] == company]
    hq = ctx.hq_rows({company})
    if not row.empty and present(row.iloc[0]["country"]):
        section.say(f"{ctx.scope.label} is headquartered in {row.iloc[0]['country_label']}.",
                    ctx.cite(hq, limit=2))
    else:
        section.say(f"No source gives a headquarters country for {ctx.scope.label}.")
    for relation, verb in (("supplies", "supplies"), ("serves", "serves"),
                           ("activeIn", "is stated to be active in")):
        rows = _concepts(ctx, company, relation)
        if not rows.empty:
            labels = sorted(set(rows["concept_label"].dropna().astype(str)))
            section.say(f"{ctx.scope.label} {verb} {join_names(labels)}.",
                        ctx.cite(rows))
    figures = ctx.optional("company-figures", company=company)
    for fig in (figures.to_dict("records") if figures is not None else []):
        quotes = ctx.figure_quotes(company, fig.get("value"))
        section.say(f"{text(fig.get('source'), 'A source')} gives its "
                    f"{text(fig.get('measure'), 'figure')} as {fig.get('value'):,.0f} "
                    f"{unit_name(fig.get('unit'))} of {text(fig.get('figure_of'), 'its products')} "
                    f"for {text(fig.get('year'), 'an unstated year')}.", ctx.cite(quotes))
    evidence = ctx.query("evidence", name=company)
    if not evidence.empty:
        sections = evidence["section"].dropna().nunique()
        documents = evidence["document"].dropna().nunique()
        section.say(f"{plural(evidence['quote'].nunique(), 'quoted passage')} in "
                    f"{plural(sections, 'section')} of {plural(documents, 'source')} state "
                    f"facts about {ctx.scope.label}.", ctx.cite(evidence))
        section.table("Evidence", evidence[["predicate", "object", "quote", "section",
                                            "document"]].drop_duplicates())
    return section


def leaders(ctx: Context) -> Section:
    """Leaders that sources name, and share claims with the share of the market they cover."""
    section = Section("leaders", "Leaders and share claims")
    named = ctx.keep(ctx.query("market-leaders"))
    if ctx.scope.markets is not None:
        markets = {ctx.session.index().label(m) for m in ctx.scope.markets}
        named = named[named["market_label"].isin(markets)]
    for _quote, rows in named.groupby("quote", sort=False):
        section.say(f"A source names {join_names(sorted(rows['company_label'].unique()))} "
                    f"as {'leader' if rows['company_label'].nunique() == 1 else 'leaders'} "
                    f"of {market_name(join_names(sorted(rows['market_label'].dropna().unique())))}"
                    ".", ctx.cite(rows))
    claims = _claims(ctx)
    for row in claims.to_dict("records"):
        section.say(*_claim_sentence(ctx, row))
    if named.empty and claims.empty:
        section.say(f"No source names a leader or gives a share for {ctx.scope.label}.")
    if not claims.empty:
        chart_rows = claims.assign(companies=[
            f"{c} ({text(y)})" for c, y in zip(claims["companies"], claims["year"], strict=True)])
        section.charts.append(share_chart(chart_rows, title="Share claims"))
        section.table("Share claims", claims[["market_label", "companies", "percent",
                                              "qualifier", "measure", "year", "market_size",
                                              "currency", "covered_value"]])
    return section


def _claims(ctx: Context) -> pd.DataFrame:
    """Share claims (``share-claims``) naming a company in scope, in a market in scope."""
    claims = ctx.query("share-claims")
    if claims.empty:
        return claims
    labels = set(ctx.scoped_companies()["company_label"])
    names = claims["companies"].fillna("").astype(str).map(
        lambda cell: {n.strip() for n in cell.split(";") if n.strip()})
    keep = names.map(lambda found: bool(found & labels)) if ctx.scope.companies is not None \
        else pd.Series(True, index=claims.index)
    claims = claims[keep.astype(bool)]
    if ctx.scope.markets is not None:
        markets = {ctx.session.index().label(m) for m in ctx.scope.markets}
        claims = claims[claims["market_label"].isin(markets)]
    key = ["market_label", "companies", "percent", "measure", "year", "quote"]
    return claims.drop_duplicates(subset=[k for k in key if k in claims]) \
        .reset_index(drop=True)


def _claim_sentence(ctx: Context, row: dict) -> tuple[str, list]:
    names = [n.strip() for n in str(row.get("companies", "")).split(";") if n.strip()]
    who = join_names(sorted(names))
    verb = "together hold" if len(names) > 1 else "holds"
    share = " ".join(x for x in (text(row.get("qualifier")), percent(row.get("percent"))) if x)
    measure = text(row.get("measure"), "share")
    year = f" in {text(row.get('year'))}" if present(row.get("year")) else ""
    sentence = (f"{who} {verb} {share} of {market_name(row.get('market_label'))}'s "
                f"{measure}{year}")
    cites = ctx.cite_quote(row.get("quote"), row.get("source"))
    if present(row.get("market_size")) and present(row.get("covered_value")):
        sentence += (f"; at that year's market size of "
                     f"{money(row['market_size'], row.get('currency'))}, the claim covers "
                     f"{money(row['covered_value'], row.get('currency'))}")
        cites += _size_citation(ctx, row.get("market_label"), row.get("year"))
    else:
        sentence += "; no source gives the market's size for that year, so the value it " \
                    "covers is unknown"
    return sentence + ".", cites


def _size_citation(ctx: Context, market: object, year: object) -> list:
    sizes = ctx.query("market-size")
    rows = sizes[(sizes["market_label"] == market) & (sizes["year"] == year)]
    for row in rows.to_dict("records"):
        found = ctx.cite_containing(text(row.get("original_text")))
        if found:
            return found
    return []


def competition(ctx: Context) -> Section:
    """Competition clusters with their reasons, and competition that sources assert."""
    section = Section("competition", "Competition clusters")
    edges = competition_table(ctx)
    if ctx.scope.kind == "company":
        return _competitors(ctx, section, edges)
    edges = edges.loc[ctx.in_scope_mask(edges["a"]) & ctx.in_scope_mask(edges["b"])]
    groups = clusters(ctx, edges)
    if not groups:
        section.say("No two companies in scope compete by the sources' statements or by "
                    "overlap (a shared material type and a shared application or end user).")
    for number, members in enumerate(groups, start=1):
        inside = edges[edges["a"].isin(members) & edges["b"].isin(members)]
        names = sorted(ctx.label(m) for m in members)
        reasons = _top_reasons(inside)
        section.say(f"Cluster {number} ({plural(len(members), 'company', 'companies')}: "
                    f"{join_names(names)}) is linked by {plural(len(inside), 'pair')}; "
                    f"most often {reasons}.", _reason_citations(ctx, members, inside))
    asserted = edges[edges["asserted"].astype(bool)]
    for row in asserted.head(10).to_dict("records"):
        rows = ctx.features[ctx.features["relation"] == "competesWith"]
        quotes = rows[((rows["company"] == row["a"]) & (rows["concept"] == row["b"]))
                      | ((rows["company"] == row["b"]) & (rows["concept"] == row["a"]))]
        section.say(f"A source states that {row['a_label']} and {row['b_label']} compete.",
                    ctx.cite(quotes))
    if not edges.empty:
        section.table("Strongest competition links", edges.head(20)[
            ["a_label", "b_label", "weight", "asserted", "reasons"]].rename(
            columns={"a_label": "company", "b_label": "other company"}))
    return section


def _top_reasons(edges: pd.DataFrame, limit: int = 3) -> str:
    counter: Counter[str] = Counter()
    for cell in edges["reasons"].dropna():
        for reason in str(cell).split(" | "):
            if reason and not reason.startswith("..."):
                counter[reason.split(":")[0] if reason.startswith("asserted") else reason] += 1
    total = len(edges)
    parts = [f"{reason} ({count} of {plural(total, 'pair')})" for reason, count in
             sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]
    return join_names(parts) if parts else "no stated reason"


def _reason_citations(ctx: Context, members: set[str], edges: pd.DataFrame) -> list:
    counter: Counter[str] = Counter()
    for cell in edges["reasons"].dropna():
        for reason in str(cell).split(" | "):
            for prefix in ("both supply ", "both serve ", "both in "):
                if reason.startswith(prefix):
                    counter[reason[len(prefix):]] += 1
    if not counter:
        return []
    top = counter.most_common(1)[0][0]
    rows = ctx.features[ctx.features["company"].isin(members)
                        & (ctx.features["concept_label"] == top)]
    return ctx.cite(rows.drop_duplicates("company"), limit=3)


def _shared_citations(ctx: Context, companies: set[str], shares: str) -> list:
    """Citations of the shared concepts (``supplies Hard carbon; serves ...``) of a pair."""
    wanted = {tuple(item.strip().split(" ", 1)) for item in shares.split(";") if " " in
              item.strip()}
    rows = ctx.features[ctx.features["company"].isin(companies)]
    keep = [(relation, label) in wanted for relation, label in
            zip(rows["relation"], rows["concept_label"].astype(str), strict=True)]
    rows = rows.loc[keep].drop_duplicates(["company", "concept"])
    return ctx.cite(rows, limit=2)


def _competitors(ctx: Context, section: Section, edges: pd.DataFrame) -> Section:
    company = str(ctx.scope.subject)
    rows = ctx.query("competitors", company=company)
    if rows.empty:
        section.say(f"No source states a competitor of {ctx.scope.label}, and no company "
                    "overlaps with it on a material type and an application or end user.")
        return section
    shown = 10
    for row in rows.head(shown).to_dict("records"):
        shared = text(row.get("shares"))
        why = f" ({shared})" if shared else ""
        how = "as a source states" if "assert" in text(row.get("basis")) else "by overlap"
        cites = ctx.cite_quote(row.get("quote"), row.get("source"))
        section.say(f"{row['competitor_label']} competes with {ctx.scope.label} {how}{why}.",
                    cites + _shared_citations(ctx, {company, str(row["competitor"])}, shared))
    if len(rows) > shown:
        section.say(f"{plural(len(rows) - shown, 'more company', 'more companies')} compete "
                    f"with {ctx.scope.label} on fewer shared concepts (see the table).")
    mine = edges[(edges["a"] == company) | (edges["b"] == company)]
    section.table("Competitors", rows.drop(columns=["competitor"], errors="ignore"))
    if not mine.empty:
        section.table("Competition links (analytics)",
                      mine[["a_label", "b_label", "weight", "asserted", "reasons"]])
    return section
