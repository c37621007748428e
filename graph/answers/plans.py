"""What each question form runs: catalog queries and analytics, into an answer and evidence.

A plan takes the :class:`~cikg.answers.context.Context` (session and shared tables) and
the :class:`Slots` that entity matching filled, and returns a :class:`Result`: the
answer table, a one-paragraph summary generated from it, and the citations of the
facts it rests on. The session records every query and analysis a plan runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from .context import Context, Section
from .entities import Mention
from .text import (
    Citation,
    join_names,
    market_name,
    money,
    percent,
    plural,
    present,
    text,
    unit_name,
)

__all__ = ["Slots", "Result"]


@dataclass
class Slots:
    """The entities (by kind) a question names, its year and its number."""

    mentions: list[Mention] = field(default_factory=list)
    year: int | None = None
    number: int | None = None
    reading: str = ""

    def all(self, kind: str) -> list[Mention]:
        """Every mention of *kind* (``place``: countries and regions; ``application``:
        applications and end users), one per entity, in question order."""
        kinds = {"place": ("country", "region"), "application": ("application", "end user"),
                 "entity": ("company", "material", "application", "end user", "region",
                            "country", "market")}.get(kind, (kind,))
        seen, out = set(), []
        for mention in self.mentions:
            if mention.kind in kinds and mention.entity not in seen:
                seen.add(mention.entity)
                out.append(mention)
        return out

    def first(self, kind: str) -> Mention | None:
        """The first mention of *kind*, or None."""
        found = self.all(kind)
        return found[0] if found else None


@dataclass
class Result:
    """An answer: the table, a generated summary, and the citations (about, citation)."""

    frame: pd.DataFrame
    summary: str
    evidence: list[tuple[str, Citation]] = field(default_factory=list)


def _about(about: str, citations: list[Citation]) -> list[tuple[str, Citation]]:
    return [(about, c) for c in citations]


def _edge_cites(ctx: Context, rows: pd.DataFrame, *, per: str = "company_label",
                limit: int = 2) -> list[tuple[str, Citation]]:
    out = []
    for about, part in rows.groupby(per, sort=True):
        out += _about(str(about), ctx.cite(part, limit=limit))
    return out


def _relation(ctx: Context, relation: str, companies: set[str] | None = None,
              labels: set[str] | None = None) -> pd.DataFrame:
    rows = ctx.features[ctx.features["relation"] == relation]
    if companies is not None:
        rows = rows[rows["company"].isin(companies)]
    if labels is not None:
        rows = rows[rows["concept_label"].isin(labels)]
    return rows


def _split(cell: object) -> set[str]:
    return {x.strip() for x in text(cell).split(";") if x.strip()}


def _place_filter(ctx: Context, frame: pd.DataFrame, place: Mention | None
                  ) -> tuple[pd.DataFrame, str]:
    if place is None:
        return frame, ""
    if place.kind == "country":
        code = ctx.country_code(place.entity)
        keep = frame["company"].isin(set(ctx.companies[ctx.companies["country"] == code]
                                         ["company"]))
        return frame[keep], f" headquartered in {place.label}"
    members = ctx.query("companies-by-region", region=place.entity)
    return frame[frame["company"].isin(set(members["company"]))], f" in {place.label}"


def suppliers(ctx: Context, slots: Slots) -> Result:
    """Companies that supply a material type (or a narrower one), in a place if named."""
    material = slots.first("material")
    assert material is not None
    frame = ctx.query("suppliers-of-material", material=material.entity)
    frame, where = _place_filter(ctx, frame, slots.first("place"))
    names = list(frame["company_label"])
    summary = (f"{plural(len(names), 'company supplies', 'companies supply')} "
               f"{material.label}{where}: {join_names(names)}." if names else
               f"No company in the graph supplies {material.label}{where}.")
    labels = set().union(*[_split(c) for c in frame["supplies"]]) if len(frame) else set()
    rows = _relation(ctx, "supplies", set(frame["company"]), labels)
    evidence = _edge_cites(ctx, rows)
    if slots.first("place") is not None:
        evidence += _edge_cites(ctx, ctx.hq_rows(set(frame["company"])), limit=1)
    return Result(frame, summary, evidence)


def companies_in_country(ctx: Context, slots: Slots) -> Result:
    """Companies headquartered in a country."""
    country = slots.first("country")
    assert country is not None
    code = ctx.country_code(country.entity)
    ctx.query("companies-by-country", country=code)
    frame = ctx.companies[ctx.companies["country"] == code]
    names = list(frame["company_label"])
    summary = (f"{plural(len(names), 'company is', 'companies are')} headquartered in "
               f"{country.label}: {join_names(names)}." if names else
               f"No profiled company is headquartered in {country.label}.")
    return Result(frame[["company_label", "country", "country_label", "company"]], summary,
                  _edge_cites(ctx, ctx.hq_rows(set(frame["company"])), limit=1))


def companies_by_country(ctx: Context, slots: Slots) -> Result:
    """How many companies each country hosts."""
    frame = ctx.query("companies-by-country")
    parts = [f"{r['country_name'] or r['country']} {int(r['companies'])}"
             for r in frame.to_dict("records")]
    summary = (f"The profiled companies are headquartered in "
               f"{plural(len(frame), 'country', 'countries')}: {join_names(parts)}."
               if len(frame) else "No company in the graph has a headquarters country.")
    top = set(ctx.companies[ctx.companies["country"].isin(frame["country"].head(3))]["company"])
    return Result(frame, summary, _edge_cites(ctx, ctx.hq_rows(top), limit=1)[:6])


def companies_in_region(ctx: Context, slots: Slots) -> Result:
    """Companies in a region (headquarters country or stated activity)."""
    region = slots.first("region")
    assert region is not None
    frame = ctx.query("companies-by-region", region=region.entity)
    names = list(frame["company_label"].unique())
    summary = (f"{plural(len(names), 'company is', 'companies are')} in {region.label} "
               f"(by a headquarters country a source puts there or a stated activity): "
               f"{join_names(names)}." if names else
               f"No company is headquartered in or stated to be active in {region.label}.")
    companies = set(frame["company"])
    evidence = _edge_cites(ctx, ctx.hq_rows(companies), limit=1)
    evidence += _edge_cites(ctx, _relation(ctx, "activeIn", companies, {region.label}))
    return Result(frame, summary, evidence)


def companies_serving(ctx: Context, slots: Slots) -> Result:
    """Companies that serve an application or end user, in a place if named."""
    target = slots.first("application")
    assert target is not None
    frame = ctx.query("companies-serving", target=target.entity)
    frame, where = _place_filter(ctx, frame, slots.first("place"))
    names = list(frame["company_label"])
    summary = (f"{plural(len(names), 'company serves', 'companies serve')} {target.label}"
               f"{where}: {join_names(names)}." if names else
               f"No company in the graph is stated to serve {target.label}{where}.")
    labels = set().union(*[_split(c) for c in frame["serves"]]) if len(frame) else set()
    return Result(frame, summary,
                  _edge_cites(ctx, _relation(ctx, "serves", set(frame["company"]), labels)))


def leaders(ctx: Context, slots: Slots) -> Result:
    """Companies that sources name as market leaders."""
    market = slots.first("market")
    frame = ctx.query("market-leaders", market=market.entity if market else None)
    names = list(dict.fromkeys(frame["company_label"]))
    markets = join_names(sorted(frame["market_label"].dropna().unique()))
    summary = (f"Sources name {join_names(names)} as "
               f"{'leader' if len(names) == 1 else 'leaders'} of {market_name(markets)}."
               if names else "No source names a market leader.")
    return Result(frame, summary, _edge_cites(ctx, frame, limit=1))


def share_claims(ctx: Context, slots: Slots) -> Result:
    """Market shares that sources give, with the market value they cover."""
    frame = ctx.query("share-claims")
    company = slots.first("company")
    if company is not None:
        frame = frame.loc[[company.label in _split(c) for c in frame["companies"]]]
    sentences = []
    for row in frame.to_dict("records"):
        size = (f"; at that year's market size of {money(row['market_size'], row['currency'])}"
                f" the claim covers {money(row['covered_value'], row['currency'])}"
                if present(row.get("covered_value")) else "")
        sentences.append(f"{row['companies']}: {text(row.get('qualifier'))} "
                         f"{percent(row['percent'])} of {text(row.get('measure'), 'share')} "
                         f"in {text(row.get('year'), 'an unstated year')}{size}".replace("  ", " "))
    who = f" naming {company.label}" if company else ""
    summary = ("; ".join(sentences) + "." if sentences else
               f"No source states a market share{who}.")
    return Result(frame, summary, _edge_cites(ctx, frame, per="companies", limit=1))


def competitors(ctx: Context, slots: Slots) -> Result:
    """Competitors of a company, stated or by overlap, with what they share."""
    company = slots.first("company")
    assert company is not None
    frame = ctx.query("competitors", company=company.entity)
    parts = [f"{r['competitor_label']} ({r['basis']}: {text(r.get('shares'), 'stated')})"
             for r in frame.head(8).to_dict("records")]
    summary = (f"{plural(len(frame), 'company competes', 'companies compete')} with "
               f"{company.label}: {join_names(parts, limit=8)}." if len(frame) else
               f"No source states a competitor of {company.label}, and no company overlaps "
               "with it on a material type and an application or end user.")
    evidence = _edge_cites(ctx, frame[frame["quote"].notna()], per="competitor_label")
    shared = _relation(ctx, "supplies", {company.entity}) if len(frame) else frame
    evidence += _edge_cites(ctx, shared, limit=2)
    return Result(frame, summary, evidence)


def market_size(ctx: Context, slots: Slots) -> Result:
    """Market sizes by year (actual and forecast), for one year if named."""
    market = slots.first("market")
    frame = ctx.query("market-size", market=market.entity if market else None)
    if slots.year is not None:
        frame = frame[frame["year"] == slots.year]
    parts = [f"{money(r['value'], r['currency'])} in {int(r['year'])} ({r['kind']}, "
             f"{r['market_label']})" for r in frame.to_dict("records")]
    when = f" for {slots.year}" if slots.year else ""
    summary = (f"Sources size the market at {join_names(parts)}." if parts else
               f"No source gives a market size{when}.")
    evidence = []
    for row in frame.to_dict("records"):
        evidence += _about(f"{row['market_label']} {row['year']}",
                           ctx.cite_containing(text(row.get("original_text")),
                                               text(row.get("source"))))
    return Result(frame, summary, evidence)


def _cagr_sentence(row: dict) -> str:
    line = (f"{row['source']} states a CAGR of {percent(row['stated_cagr'])} for "
            f"{market_name(row['market_label'])}")
    if present(row.get("from_year")):
        line += f" over {int(row['from_year'])}-{int(row['to_year'])}"
    if present(row.get("implied_cagr")):
        agree = "which disagrees with" if row.get("disagrees") else "which agrees with"
        line += (f", {agree} the {percent(row['implied_cagr'])} a year that its sizes for "
                 f"{int(row['start_year'])} and {int(row['end_year'])} imply")
    return line


def cagr(ctx: Context, slots: Slots) -> Result:
    """Stated growth rates against the growth the stated sizes imply."""
    market = slots.first("market")
    frame = ctx.query("market-cagr", market=market.entity if market else None)
    summary = ("; ".join(_cagr_sentence(r) for r in frame.to_dict("records")) + "."
               if len(frame) else "No source states a growth rate (CAGR).")
    return Result(frame, summary, _edge_cites(ctx, frame, per="market_label", limit=1))


def _from_section(ctx: Context, section: Section, frame: pd.DataFrame) -> Result:
    evidence = [(section.title, c) for s in section.sentences for c in s.citations]
    return Result(frame, " ".join(s.text for s in section.sentences), evidence)


def figures_check(ctx: Context, slots: Slots) -> Result:
    """Stated figures that contradict each other."""
    from .findings import checks

    frame = ctx.query("market-cagr")
    return _from_section(ctx, checks(ctx), frame[frame["disagrees"].fillna(False).astype(bool)]
                         if "disagrees" in frame else frame)


_KINDS = {"standard": r"\bstandards?\b", "regulation": r"\bregulat\w*|\blaws?\b",
          "funding programme": r"\bfund\w*|\bgrants?\b|\bsubsid\w*|\bprogramm?es?\b"}


def initiatives(ctx: Context, slots: Slots) -> Result:
    """Initiatives, by country or region and by kind (funding, standard, regulation)."""
    from .findings import _region_countries

    country, region = slots.first("country"), slots.first("region")
    code = ctx.country_code(country.entity) if country else None
    frame = ctx.query("initiatives", country=code)
    where = f" in {country.label}" if country else ""
    if region is not None and country is None:
        codes = _region_countries(ctx, region.entity)
        named = [region.label.casefold() in " ".join(map(text, r)).casefold() for r in
                 frame[["initiative_label", "sponsor", "quote"]].itertuples(index=False)]
        frame = frame.loc[frame["country"].isin(codes) | pd.Series(named, index=frame.index,
                                                                   dtype=bool)]
        where = f" in {region.label}"
    kinds = [k for k, pattern in _KINDS.items() if re.search(pattern, slots.reading)]
    if kinds and len(kinds) < len(_KINDS) and not re.search(r"\binitiativ", slots.reading):
        frame = frame[frame["kind"].isin(kinds)]
    what = join_names([k + "s" for k in kinds]) if kinds and len(kinds) < len(_KINDS) \
        else "initiatives"
    parts = [f"{r['initiative_label']} ({r['kind']}"
             + (f", {money(r['amount'], r['currency'])}" if present(r.get("amount")) else "")
             + ")" for r in frame.to_dict("records")]
    summary = (f"Sources report {plural(len(frame), 'initiative')}{where}: "
               f"{join_names(parts)}." if len(frame) else
               f"No source reports {what}{where}.")
    return Result(frame, summary, _edge_cites(ctx, frame, per="initiative_label", limit=1))


def initiative_totals(ctx: Context, slots: Slots) -> Result:
    """Money the funding initiatives commit, by country, in US dollars."""
    frame = ctx.query("initiative-totals")
    parts = [f"{ctx.country_name(r['country']) if r['country'] != 'all' else 'in all'} "
             f"{money(r['total_usd'], 'USD')} ({plural(int(r['programmes']), 'programme')})"
             for r in frame.to_dict("records")]
    summary = (f"Stated funding in US dollars: {join_names(parts)}." if parts else
               "No source states an amount for a funding initiative.")
    funded = ctx.query("initiatives")
    funded = funded[funded["amount"].notna()]
    return Result(frame, summary, _edge_cites(ctx, funded, per="initiative_label", limit=1))


def regions_without(ctx: Context, slots: Slots) -> Result:
    """Regions the sources cover that have no profiled company."""
    from .findings import _region_citation

    frame = ctx.query("regions-without-suppliers")
    names = list(frame["region_label"])
    summary = (f"No profiled company is headquartered in or stated to be active in "
               f"{join_names(names)}." if names else
               "Every region the sources report on has a profiled company.")
    evidence = []
    for row in frame.to_dict("records"):
        evidence += _about(row["region_label"], _region_citation(ctx, row["region"]))
    return Result(frame, summary, evidence)


def countries_without(ctx: Context, slots: Slots) -> Result:
    """Countries the sources mention that host no profiled company."""
    frame = ctx.query("countries-without-suppliers")
    names = list(frame["country_name"])
    summary = (f"Sources mention {plural(len(names), 'country', 'countries')} without a "
               f"profiled company: {join_names(names, limit=20)}." if names else
               "Every country the sources mention hosts a profiled company.")
    return Result(frame, summary, _edge_cites(ctx, frame, per="country_name", limit=1))


def sources(ctx: Context, slots: Slots) -> Result:
    """The sources the graph holds."""
    frame = ctx.query("sources")
    parts = [f"{text(r.get('title')) or r['file']} ({text(r.get('publisher'))}, "
             f"{text(r.get('published'), 'undated')})" for r in frame.to_dict("records")]
    summary = (f"The graph holds {plural(len(frame), 'source')}: {join_names(parts)}."
               if parts else "The graph holds no sources.")
    return Result(frame, summary)


def evidence(ctx: Context, slots: Slots) -> Result:
    """Every quoted fact about an entity."""
    entity = slots.first("entity")
    assert entity is not None
    frame = ctx.query("evidence", name=entity.entity)
    summary = (f"{plural(frame['quote'].nunique(), 'quoted passage')} in "
               f"{plural(frame['document'].nunique(), 'source')} state "
               f"{plural(len(frame), 'fact')} about {entity.label}." if len(frame) else
               f"No quoted passage states a fact about {entity.label}.")
    return Result(frame, summary, _about(entity.label, ctx.cite(frame, limit=10)))


def headquarters(ctx: Context, slots: Slots) -> Result:
    """A company's headquarters country."""
    company = slots.first("company")
    assert company is not None
    ctx.query("entities", name=company.label)
    frame = ctx.companies[ctx.companies["company"] == company.entity]
    place = text(frame.iloc[0]["country_label"]) if len(frame) else ""
    summary = (f"{company.label} is headquartered in {place}." if place else
               f"No source gives a headquarters country for {company.label}.")
    return Result(frame, summary, _edge_cites(ctx, ctx.hq_rows({company.entity})))


def _company_relation(ctx: Context, slots: Slots, relation: str, verb: str) -> Result:
    company = slots.first("company")
    assert company is not None
    rows = _relation(ctx, relation, {company.entity})
    frame = (rows.groupby(["concept_label", "kind"])["quote"].nunique()
             .reset_index(name="statements"))
    summary = (f"{company.label} {verb} {join_names(frame['concept_label'])}." if len(frame)
               else f"No source states what {company.label} {verb}.")
    return Result(frame, summary, _edge_cites(ctx, rows, per="concept_label"))


def company_supplies(ctx: Context, slots: Slots) -> Result:
    """The material types a company supplies."""
    return _company_relation(ctx, slots, "supplies", "supplies")


def company_serves(ctx: Context, slots: Slots) -> Result:
    """The applications and end users a company serves."""
    return _company_relation(ctx, slots, "serves", "serves")


def capacity(ctx: Context, slots: Slots) -> Result:
    """Production capacity by headquarters country, or one company's figures."""
    company = slots.first("company")
    if company is not None:
        frame = ctx.query("answers-figures", company=company.entity)
        parts = [f"{r['measure']} {r['value']:,.0f} {unit_name(r.get('unit'))} of "
                 f"{text(r.get('figure_of_label'), 'its products')} ({text(r.get('year'))})"
                 for r in frame.to_dict("records")]
        summary = (f"{company.label}: {join_names(parts)}." if parts else
                   f"No source gives a figure for {company.label}.")
        return Result(frame, summary, _edge_cites(ctx, frame, limit=1))
    frame = ctx.query("capacity-by-country")
    parts = [f"{r['country_name']} {r['capacity']:,.0f} {unit_name(r.get('unit'))} "
             f"({percent(r['share'])})" for r in frame.to_dict("records")]
    summary = (f"Stated production capacity by headquarters country: {join_names(parts)}."
               if parts else "No source states a production capacity.")
    figures = ctx.query("answers-figures")
    return Result(frame, summary, _edge_cites(ctx, figures, limit=1))


def segments(ctx: Context, slots: Slots) -> Result:
    """How sources segment the market (type, application, end user)."""
    frame = ctx.query("market-segments")
    parts = [f"by {facet.replace('_', ' ')}: {join_names(rows['segment'])}"
             for facet, rows in frame.groupby("facet", sort=True)]
    summary = (f"Sources segment the market {'; '.join(parts)}." if parts else
               "No source segments a market.")
    return Result(frame, summary)


def material_suppliers(ctx: Context, slots: Slots) -> Result:
    """Suppliers per material type, counting narrower types."""
    frame = ctx.query("material-suppliers")
    parts = [f"{r['material_label']} {int(r['including_narrower'])}"
             for r in frame.to_dict("records")]
    summary = (f"Suppliers per material type (counting narrower types): {join_names(parts)}."
               if parts else "No company is stated to supply a material type.")
    return Result(frame, summary)


def conflicts(ctx: Context, slots: Slots) -> Result:
    """Facts on which two sources disagree."""
    from .findings import conflicts as section

    frame = ctx.optional("conflicts")
    return _from_section(ctx, section(ctx), frame if frame is not None else pd.DataFrame())


def low_confidence(ctx: Context, slots: Slots) -> Result:
    """Names matched to an entity below the match threshold."""
    frame = ctx.query("low-confidence-matches")
    parts = [f"{r['matched_name']} as {r['entity_label']} ({float(r['score']):.2f})"
             for r in frame.to_dict("records")]
    summary = (f"{plural(len(frame), 'name was', 'names were')} matched with a score under "
               f"the threshold: {join_names(parts)}." if parts else
               "Every name was matched to its entity exactly or above the threshold.")
    return Result(frame, summary)


def changes(ctx: Context, slots: Slots) -> Result:
    """Facts that reloads of changed sources added or removed."""
    frame = ctx.query("source-changes")
    counts = frame["change"].value_counts() if len(frame) else pd.Series(dtype=int)
    summary = (f"Reloads of changed sources recorded "
               f"{join_names([plural(int(n), f'{k} fact') for k, n in counts.items()])}."
               if len(frame) else "No source has been reloaded with changed content.")
    return Result(frame, summary, _edge_cites(ctx, frame[frame["quote"].notna()]
                                              if len(frame) else frame, per="change"))


def mentions(ctx: Context, slots: Slots) -> Result:
    """Companies a report discusses in several sections."""
    frame = ctx.query("companies-in-several-sections")
    parts = [f"{r['company_label']} ({int(r['sections'])})" for r in frame.to_dict("records")]
    summary = (f"Companies discussed in several sections: {join_names(parts)}." if parts else
               "No company is discussed in several sections.")
    return Result(frame, summary)


def only_listed(ctx: Context, slots: Slots) -> Result:
    """Companies a report lists but never discusses."""
    frame = ctx.query("companies-only-listed")
    summary = (f"{plural(len(frame), 'company is', 'companies are')} only listed, never "
               f"discussed: {join_names(frame['company_label'])}." if len(frame) else
               "Every listed company is discussed somewhere.")
    return Result(frame, summary)
