"""Sources as cikg's loaders write them: synthetic market reports and tables.

Reports go through :class:`cikg.loaders.provenance.SourceGraphs` the way
:mod:`cikg.loaders.report_rdf` maps a parsed report (market observations and growth
rate, company list, product and region sentences, leaders, competition sentences,
share claims, initiatives, segments, region membership, sections), every fact in the
assertion graph of the passage that states it. :func:`directory_source` writes the
graphs :func:`cikg.loaders.tables.load_table` writes for the directory table; the
capacity table is written as CSV only, for the table loader's own benchmark.
"""

from __future__ import annotations

import csv
import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pyoxigraph as ox

from cikg.loaders.mapping import read_mapping
from cikg.loaders.provenance import SourceDescription, SourceGraphs, file_hash
from cikg.loaders.report_rdf import CONFIDENCE
from cikg.loaders.resolve import Match, record_match
from cikg.loaders.tables import scaled
from cikg.ontology.ids import (
    DCTERMS,
    QUDT_UNIT,
    RDF_TYPE,
    RDFS_LABEL,
    SKOS,
    currency_iri,
    entity_iri,
    node,
)
from cikg.ontology.namespace import CIKG

from .landscape import COUNTRY_WEIGHTS, EU, REGION_COUNTRIES, Company, Concept, Landscape

__all__ = ["LOADED_AT", "Market", "markets", "initiatives", "report", "directory_source",
           "DIRECTORY_MAPPING", "CAPACITY_MAPPING", "directory_rows", "capacity_rows",
           "write_csv", "Initiative"]

#: Every synthetic source is "loaded" at this instant, so files are reproducible.
LOADED_AT = datetime(2025, 12, 31, 12, 0, tzinfo=UTC)
PUBLISHERS = ["northbridge-insights.example", "meridian-market-research.example",
              "kestrel-analytics.example", "bluefield-reports.example",
              "orion-industry-research.example", "halcyon-intelligence.example"]
CURRENCY = {"CN": "CNY", "JP": "JPY", "KR": "KRW", "IN": "INR", "GB": "GBP", "US": "USD",
            "CA": "CAD", "AU": "AUD"}
MEASURES = ["market share", "revenue share", "production capacity share", "shipment share"]
QUALIFIERS = [None, "approximately", "over", "nearly", "about"]
SECTIONS = ["Market Overview", "Market Size and Forecast", "Segment Analysis",
            "Regional Analysis", "Competitive Landscape", "List of Key Companies Profiled",
            "Recent Developments", "Market Drivers"]



# ---------------------------------------------------------------------------- reports

@dataclass(frozen=True)
class Market:
    """A market a report covers and the material concept it is about."""

    name: str
    concept: Concept

    @property
    def iri(self) -> ox.NamedNode:
        return entity_iri("market", self.name)


def markets(land: Landscape) -> list[Market]:
    materials = [c for c in land.concepts["MaterialType"] if c.family]
    return [Market(f"{'Sodium-ion ' if i % 3 == 0 else ''}{c.label} Market", c)
            for i, c in enumerate(materials)]


@dataclass
class Initiative:
    iri: ox.NamedNode
    kind: str
    name: str
    sponsor: str
    country: str
    year: int
    amount: float | None
    currency: str | None
    targets: tuple[Concept, ...]


def initiatives(land: Landscape, rng: random.Random, count: int) -> list[Initiative]:
    topics = ["Next-Generation Battery", "Sodium-ion Scale-up", "Battery Materials Supply",
              "Critical Minerals", "Grid Storage Demonstration", "Clean Mobility",
              "Battery Passport", "Anode Localization", "Cathode Recycling"]
    kinds = ["FundingProgramme", "FundingProgramme", "FundingProgramme", "Standard", "Regulation"]
    out = []
    for i in range(count):
        kind = rng.choice(kinds)
        country = rng.choice(list(COUNTRY_WEIGHTS)[:12])
        year = rng.randint(2018, 2025)
        topic = rng.choice(topics)
        noun = {"FundingProgramme": "Programme", "Standard": "Standard",
                "Regulation": "Regulation"}[kind]
        name = f"{topic} {noun} {i + 1}"
        sponsor = ("European Commission" if country in EU and rng.random() < 0.5
                   else f"{land.country_names[country]} Ministry of Industry")
        funding = kind == "FundingProgramme"
        targets = tuple(rng.sample(land.concepts["MaterialType"], rng.randint(1, 2))
                        + rng.sample(land.concepts["Application"], rng.randint(0, 1)))
        out.append(Initiative(
            entity_iri("initiative", f"{sponsor}/{name}/{year}"), kind, name, sponsor,
            "EU" if sponsor == "European Commission" else country, year,
            round(rng.lognormvariate(18.5, 1.2), -5) if funding else None,
            CURRENCY.get(country, "EUR" if country in EU else "USD") if funding else None,
            targets))
    return out


class _Report:
    """Writes one synthetic report the way cikg.loaders.report_rdf maps a parsed report."""

    def __init__(self, land: Landscape, number: int, market: Market, rng: random.Random) -> None:
        self.land, self.rng, self.market = land, rng, market
        published = date(2023, 1, 1).toordinal() + rng.randint(0, 3 * 365 - 1)
        self.published = date.fromordinal(published)
        key = f"report-{number:05d}.txt"
        title = f"{market.name} Size, Share and Forecast {self.published.year}-2032 (No. {number})"
        info = SourceDescription(
            key, "Report", title=title, publisher=rng.choice(PUBLISHERS),
            url=f"https://reports.example/{number:05d}", published=self.published,
            content_hash=hashlib.sha256(title.encode()).hexdigest(), file_name=key)
        self.out = SourceGraphs(info, loaded_at=LOADED_AT)
        self.source = info.iri
        self.offset = 0

    def facts(self, section: str, quote: str, method: str, triples: list[tuple]) -> None:
        start = self.offset + self.rng.randint(1, 40)
        self.offset = start + len(quote)
        self.out.assert_facts(triples, section=section, quote=quote, start=start,
                              end=self.offset, method=method, confidence=CONFIDENCE[method])

    def market_facts(self) -> None:
        rng, market = self.rng, self.market
        base = self.published.year - 1
        value = rng.lognormvariate(20.5, 1.0)
        cagr = round(rng.uniform(4.0, 28.0), 1)
        end = rng.choice((2030, 2032, 2033))
        label = [(market.iri, RDF_TYPE, node(CIKG.Market)), (market.iri, RDFS_LABEL, market.name)]
        for year, kind in ((base - 1, "actual"), (base, "actual"), (base + 1, "forecast"),
                           (end, "forecast")):
            amount = round(value * (1 + cagr / 100) ** (year - base), -4)
            text = f"USD {amount / 1e9:.2f} billion"
            obs = entity_iri("observation", f"{self.out.info.key}/{market.name}/{year}/{kind}")
            self.facts("Market Size and Forecast",
                       f"The {market.name} was valued at {text} in {year}." if kind == "actual"
                       else f"The {market.name} is projected to reach {text} by {year}.",
                       "report/figure", [
                           *label, (obs, RDF_TYPE, node(CIKG.MarketObservation)),
                           (obs, CIKG.market, market.iri), (obs, CIKG.year, year),
                           (obs, CIKG.estimateKind,
                            node(CIKG.Actual if kind == "actual" else CIKG.Forecast)),
                           (obs, CIKG.value, float(amount)),
                           (obs, CIKG.currency, currency_iri("USD")),
                           (obs, CIKG.originalText, text)])
        rate = entity_iri("growth-rate", f"{self.out.info.key}/{market.name}")
        self.facts("Market Size and Forecast",
                   f"The market is growing at a CAGR of {cagr}% from {base + 1} to {end}.",
                   "report/figure", [
                       (rate, RDF_TYPE, node(CIKG.GrowthRate)), (rate, CIKG.market, market.iri),
                       (rate, CIKG.percent, cagr), (rate, CIKG.fromYear, base + 1),
                       (rate, CIKG.toYear, end)])

    def company(self, company: Company) -> None:
        name = self.land.country_names[company.country]
        triples: list[tuple] = [(company.iri, RDF_TYPE, node(CIKG.Company)),
                                (company.iri, RDFS_LABEL, company.name),
                                (company.iri, CIKG.headquarteredIn,
                                 entity_iri("country", company.country)),
                                (company.iri, CIKG.supplies, self.market.concept.iri),
                                (self.source, CIKG.mentions, company.iri)]
        record_match(self.out, Match(company.name, company.key, 1.0, "same normalized name"),
                     company.iri)
        self.facts("List of Key Companies Profiled", f"{company.name} ({name})",
                   "report/company-list", triples)

    def sentences(self, company: Company) -> None:
        rng, iri = self.rng, company.iri
        materials = ", ".join(m.label.lower() for m in company.materials)
        apps = ", ".join(a.label.lower() for a in company.applications)
        self.facts("Competitive Landscape", f"{company.name} supplies {materials} for {apps}.",
                   "report/co-mention",
                   [(iri, CIKG.supplies, m.iri) for m in company.materials]
                   + [(iri, CIKG.serves, a.iri) for a in company.applications]
                   + [(iri, CIKG.serves, e.iri) for e in company.end_users])
        if rng.random() < 0.5:
            regions = ", ".join(r.label for r in company.regions)
            self.facts("Regional Analysis", f"{company.name} expanded its sales in {regions}.",
                       "report/co-mention", [(iri, CIKG.activeIn, r.iri) for r in company.regions])
        for i in range(rng.choice((0, 0, 1, 2))):
            self.facts("Recent Developments",
                       f"In {self.published.year - i}, {company.name} announced a new "
                       f"{rng.choice(company.materials).label.lower()} line.",
                       "report/mention", [(self.source, CIKG.mentions, iri)])
        if rng.random() < 0.05:
            self.facts("Competitive Landscape",
                       f"{company.name} leads the {self.market.name.lower()}.",
                       "report/leader", [(iri, CIKG.leads, self.market.iri)])

    def competition(self, companies: list[Company]) -> None:
        for _ in range(max(1, len(companies) // 12)):
            named = self.rng.sample(companies, min(len(companies), self.rng.choice((2, 2, 3))))
            if len(named) < 2:
                return
            names = " and ".join(c.name for c in named)
            self.facts("Competitive Landscape", f"{names} compete for cell makers' orders.",
                       "report/competition",
                       [(a.iri, CIKG.competesWith, b.iri) for a in named for b in named
                        if a is not b])

    def share_claims(self, companies: list[Company]) -> None:
        top = sorted(companies, key=lambda c: self.land.rank[c.key])[:10]
        for i in range(1, self.rng.randint(2, 5) + 1):
            named = self.rng.sample(top, min(len(top), self.rng.choice((1, 1, 2))))
            percent = round(self.rng.uniform(3.0, 32.0), 1)
            qualifier = self.rng.choice(QUALIFIERS)
            measure = self.rng.choice(MEASURES)
            iri = entity_iri("share-claim", f"{self.out.info.key}/{i}")
            names = " and ".join(c.name for c in named)
            quote = (f"{names} held {qualifier + ' ' if qualifier else ''}{percent}% "
                     f"{measure} in {self.published.year - 1}.")
            self.facts("Competitive Landscape", quote, "report/share-claim", [
                (iri, RDF_TYPE, node(CIKG.ShareClaim)), (iri, CIKG.market, self.market.iri),
                (iri, CIKG.percent, percent), (iri, CIKG.year, self.published.year - 1),
                (iri, CIKG.measure, measure), (iri, CIKG.qualifier, qualifier),
                *((iri, CIKG.company, c.iri) for c in named)])

    def initiatives(self, pool: list[Initiative]) -> None:
        for record in self.rng.sample(pool, min(len(pool), self.rng.randint(0, 3))):
            iri = record.iri
            triples: list[tuple] = [(iri, RDF_TYPE, node(CIKG[record.kind])),
                                    (iri, RDFS_LABEL, record.name), (iri, CIKG.year, record.year)]
            if record.country != "EU":
                triples.append((iri, CIKG.country, entity_iri("country", record.country)))
            else:
                triples.append((iri, CIKG.jurisdiction, "EU"))
            if record.amount is not None and record.currency:
                triples += [(iri, CIKG.fundingAmount, float(record.amount)),
                            (iri, CIKG.currency, currency_iri(record.currency))]
            sponsor = entity_iri("organization", record.sponsor)
            triples += [(iri, CIKG.sponsor, sponsor),
                        (sponsor, RDF_TYPE, node(CIKG.Organization)),
                        (sponsor, RDFS_LABEL, record.sponsor)]
            if record.country != "EU":
                triples.append((sponsor, CIKG.country, entity_iri("country", record.country)))
            triples += [(iri, CIKG.targets, c.iri) for c in record.targets]
            amount = f" with {record.currency} {record.amount:,.0f}" if record.amount else ""
            self.facts("Recent Developments",
                       f"In {record.year}, the {record.sponsor} launched the {record.name}"
                       f"{amount}.", "report/initiative", triples)

    def segments(self) -> None:
        for facet, kind, k in (("type", "MaterialType", 4), ("application", "Application", 4),
                               ("end_user", "EndUser", 2)):
            for concept in self.rng.sample(self.land.concepts[kind], k):
                iri = entity_iri("segment", f"{self.market.name}/{facet}/{concept.label}")
                self.facts("Segment Analysis", f"By {facet.replace('_', ' ')}: {concept.label}",
                           "report/segment", [
                               (iri, RDF_TYPE, node(CIKG.MarketSegment)),
                               (iri, RDFS_LABEL, concept.label),
                               (iri, CIKG.market, self.market.iri),
                               (iri, CIKG.facet, facet), (iri, CIKG.segmentConcept, concept.iri)])

    def geography(self, companies: list[Company]) -> None:
        for code in sorted({c.country for c in companies})[:8]:
            self.facts("Regional Analysis",
                       f"{self.land.country_names[code]} is a major market.", "report/mention",
                       [(self.source, CIKG.mentions, entity_iri("country", code))])
        for region in self.rng.sample(sorted(REGION_COUNTRIES), 4):
            codes = REGION_COUNTRIES[region]
            members = sorted(self.rng.sample(codes, min(len(codes), self.rng.randint(2, 6))))
            names = ", ".join(self.land.country_names[c] for c in members)
            iri = entity_iri("region", region)
            self.facts(f"Regional Analysis: {region}", f"The region covers {names}.",
                       "report/region", [(self.source, CIKG.mentions, iri)] +
                       [(iri, CIKG.includesCountry, entity_iri("country", c)) for c in members])

    def sections(self) -> None:
        kinds = {"List of Key Companies Profiled": "company-list", "Segment Analysis": "segments",
                 "Regional Analysis": "regions"}
        for heading in SECTIONS:
            iri = entity_iri("section", f"{self.out.info.key}/{kinds.get(heading, 'prose')}/"
                             f"{heading}")
            text = (f"{heading}. The {self.market.name.lower()} is shaped by capacity "
                    "additions, cell makers' qualification cycles and raw-material prices. ") * 3
            for predicate, value in ((RDF_TYPE, node(CIKG.ReportSection)),
                                     (RDFS_LABEL, heading),
                                     (CIKG.sectionKind, kinds.get(heading, "prose")),
                                     (CIKG.text, text.strip()),
                                     (DCTERMS + "isPartOf", self.source)):
                self.out.describe(iri, predicate, value)


def report(land: Landscape, number: int, market: Market, companies: list[Company],
            pool: list[Initiative], rng: random.Random) -> SourceGraphs:
    report = _Report(land, number, market, rng)
    report.market_facts()
    for company in companies:
        report.company(company)
    for company in companies:
        report.sentences(company)
    report.competition(companies)
    report.segments()
    report.share_claims(companies)
    report.initiatives(pool)
    report.geography(companies)
    report.sections()
    return report.out


# ---------------------------------------------------------------------------- tables

DIRECTORY_MAPPING = """\
# Mapping of {name} (see cikg.loaders.mapping): a synthetic supplier directory.

[source]
title = "Synthetic battery-materials supplier directory ({count} companies, seed {seed})"
publisher = "cikg bench generator"
published = "2025-12-31"

[rows]
entity = "company"
name = "company"
country = "country"

[columns.materials]
relation = "supplies"

[columns.applications]
relation = "serves"

[columns.regions]
relation = "activeIn"

[columns.capacity_t]
measure = "production capacity"
unit = "TONNE-PER-YR"
year = "year"
of = "main_material"

[columns.revenue_musd]
measure = "revenue"
currency = "USD"
scale = 1e6
year = "year"
"""

CAPACITY_MAPPING = """\
# Mapping of {name} (see cikg.loaders.mapping): synthetic plant capacities by year.

[source]
title = "Synthetic plant capacity by company, material and year ({count} rows, seed {seed})"
publisher = "cikg bench generator"
published = "2025-12-31"

[rows]
entity = "company"
name = "company"
country = "country"

[columns.material]
relation = "supplies"

[columns.applications]
relation = "serves"

[columns.capacity_t]
measure = "production capacity"
unit = "TONNE-PER-YR"
year = "year"
of = "material"
"""


def directory_rows(land: Landscape) -> list[dict[str, str]]:
    return [{"company": c.legal_name, "country": land.country_names[c.country],
             "materials": ";".join(m.label for m in c.materials),
             "applications": ";".join(a.label for a in c.applications),
             "regions": ";".join(r.label for r in c.regions),
             "main_material": c.materials[0].label, "capacity_t": f"{c.capacity_t:,}",
             "revenue_musd": f"{c.revenue_musd}", "year": "2025"} for c in land.companies]


def write_csv(path: Path, rows: Iterator[dict[str, str]], columns: list[str]) -> int:
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count




def directory_source(land: Landscape, csv_path: Path, named: set[str]) -> SourceGraphs:
    """Return the graphs cikg's table loader writes for the directory table at *csv_path*.

    *named* holds the keys of companies the reports named before: their report
    spelling is the label and the table's legal name an alias (``skos:altLabel``), as
    when ``cikg build`` loads the table after the reports.
    """
    mapping = read_mapping(csv_path.with_suffix(".toml"))
    info = SourceDescription(csv_path.name, "Table", title=mapping.title,
                             publisher=mapping.publisher, published=mapping.published,
                             content_hash=file_hash(csv_path), file_name=csv_path.name)
    graphs = SourceGraphs(info, loaded_at=LOADED_AT)
    for company in land.companies:
        reason = "same normalized name" if company.key in named else "new entity"
        record_match(graphs, Match(company.legal_name, company.key, 1.0, reason), company.iri)
    graphs.add_stream(lambda: _directory_quads(land, graphs, mapping, named))
    return graphs


def _directory_quads(land: Landscape, graphs: SourceGraphs, mapping, named: set[str]
                     ) -> Iterator[ox.Quad]:  # noqa: ANN001
    section = graphs.info.file_name or graphs.info.key
    columns = mapping.columns
    relations = {"materials": "supplies", "applications": "serves", "regions": "activeIn"}
    for number, (company, row) in enumerate(zip(land.companies, directory_rows(land),
                                                strict=True), start=2):
        iri = company.iri
        label = company.name if company.key in named else company.legal_name
        triples: list[tuple] = [(iri, RDF_TYPE, node(CIKG.Company)), (iri, RDFS_LABEL, label)]
        if label != company.legal_name:
            triples.append((iri, SKOS + "altLabel", company.legal_name))
        triples.append((iri, CIKG.headquarteredIn, entity_iri("country", company.country)))
        for spec in mapping.relations:
            concepts = {"materials": company.materials, "applications": company.applications,
                        "regions": company.regions}[spec.column]
            triples += [(iri, CIKG[relations[spec.column]], c.iri) for c in concepts]
        for i, figure in enumerate(mapping.figures):
            value = scaled(row[figure.column], figure.scale)  # as the loader computes it
            fig = entity_iri("figure", f"{graphs.info.key}/{number}/{i}")
            year = int(row[figure.year or "year"])
            triples += [(fig, RDF_TYPE, node(CIKG.CompanyFigure)),
                        (fig, RDFS_LABEL, f"{figure.measure} of {label}, {year}"),
                        (fig, CIKG.company, iri),
                        (fig, CIKG.measure, figure.measure), (fig, CIKG.value, value),
                        (fig, CIKG.year, year)]
            triples.append((fig, CIKG.unit, node(QUDT_UNIT + figure.unit)) if figure.unit else
                           (fig, CIKG.currency, currency_iri(figure.currency or "")))
            if figure.of:
                triples.append((fig, CIKG.figureOf, company.materials[0].iri))
        quote = "; ".join(f"{c}={row[c]}" for c in columns)
        where = f"{section} row {number}"
        graph = graphs.assertion_graph("table/mapping", where, quote)
        yield from graphs.assertion_quads(graph, triples, section=where, quote=quote,
                                          start=None, end=None, method="table/mapping",
                                          confidence=1.0)


def capacity_rows(land: Landscape, rows: int, seed: int) -> Iterator[dict[str, str]]:
    rng = random.Random(f"capacity/{seed}")
    n = len(land.companies)
    for r in range(rows):
        company = land.companies[r % n] if r < n else land.pick(rng, 1)[0]
        apps = company.applications[: rng.randint(1, len(company.applications))]
        yield {"company": company.legal_name if r % 2 else company.name,
               "country": company.country if r % 3 else land.country_names[company.country],
               "material": rng.choice(company.materials).label,
               "applications": ";".join(a.label for a in apps),
               "capacity_t": f"{int(company.capacity_t * rng.uniform(0.05, 0.6)):,}",
               "year": str(2015 + r % 16)}
