"""Market-report records into source and assertion graphs.

Each fact goes into the assertion graph of the passage that states it (the company
list item, the sentence with the figure, ...). Relations the prose only implies
(a company named in a sentence that also names a material, an application or a
region) are asserted with a lower confidence and the method ``report/co-mention``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import NamedNode

from cikg.ontology.ids import RDF_TYPE, RDFS_LABEL, SKOS, currency_iri, entity_iri, node
from cikg.ontology.namespace import CIKG

from .concepts import Concept, ConceptIndex, concept_index
from .countries import countries_in
from .figures import split_sentences
from .provenance import SourceDescription, SourceGraphs
from .records import CompanyRecord, Evidence, Report
from .resolve import KnownCompany, Match, Resolver, record_match

__all__ = ["load_report", "report_graphs", "CONFIDENCE"]

#: Confidence of each extraction method.
CONFIDENCE = {
    "report/front-matter": 0.99, "report/company-list": 0.95, "report/figure": 0.9,
    "report/share-claim": 0.9, "report/initiative": 0.85, "report/segment": 0.95,
    "report/region": 0.9, "report/leader": 0.8, "report/co-mention": 0.6,
    "report/mention": 0.9, "report/competition": 0.75,
}
_LEAD = re.compile(r"\b(lead|leads|leading|leader|leaders|dominate|dominates)\b", re.IGNORECASE)
_CLAUSE = re.compile(r";|\b(?:while|whereas|but|although|however|unlike|yet)\b", re.IGNORECASE)
_COMPETE = re.compile(r"\b(compete|competes|competing|competitor|competitors|rival|rivals)\b",
                      re.IGNORECASE)
FACET_KINDS = {"type": "MaterialType", "material": "MaterialType", "material_type": "MaterialType",
               "product_type": "MaterialType", "application": "Application",
               "end_user": "EndUser", "end_use": "EndUser"}


def load_report(path: Path, *, key: str | None = None,
                resolver: Resolver | None = None) -> SourceGraphs:
    """Parse the report at *path* and return its graphs (nothing is written).

    Raises
    ------
    LoadError
        When the report cannot be read or parsed.
    """
    from .report import read_report
    data = path.read_bytes() if path.is_file() else b""
    report = read_report(path)
    description = SourceDescription(
        key or path.name, "Report", title=report.source.title,
        publisher=report.source.publisher, url=report.source.url,
        published=report.source.published, content_hash=hashlib.sha256(data).hexdigest(),
        file_name=path.name)
    graphs = report_graphs(report, description, resolver=resolver or Resolver())
    graphs.warnings.extend(report.warnings)
    return graphs


class _Mapper:
    """The state of one report's mapping: its source graphs, resolver and concept index."""

    def __init__(self, report: Report, description: SourceDescription, resolver: Resolver,
                 concepts: ConceptIndex) -> None:
        self.report, self.resolver, self.concepts = report, resolver, concepts
        self.out = SourceGraphs(description)
        self.source = description.iri
        self.market = entity_iri("market", report.market_name)
        self.companies: dict[str, NamedNode] = {}   # name as written -> IRI
        self.market_concept = concepts.match(report.market_name.replace("Market", ""),
                                             "MaterialType") or self._market_material()

    def _market_material(self) -> Concept | None:
        found = self.concepts.find(self.report.market_name, "MaterialType")
        return found[0] if found else None

    def facts(self, evidence: Evidence, method: str, triples: Iterable[tuple]) -> None:
        self.out.assert_facts(triples, section=evidence.section, quote=evidence.quote,
                              start=evidence.start, end=evidence.end, method=method,
                              confidence=CONFIDENCE[method])

    # ------------------------------------------------------------------ companies

    def company(self, record: CompanyRecord) -> None:
        match = self.resolver.resolve(record.name, record.country)
        iri = entity_iri("company", match.key)
        self.companies[record.name] = iri
        for alias in record.aliases:
            self.companies[alias] = iri
        self._record_match(match, iri)
        self.resolver.add(KnownCompany(match.key, record.name, record.country,
                                       tuple(record.aliases)))
        label = self.resolver.companies[match.key].label  # the first spelling seen
        triples: list[tuple] = [(iri, RDF_TYPE, node(CIKG.Company)), (iri, RDFS_LABEL, label)]
        triples += [(iri, SKOS + "altLabel", alias) for alias in record.aliases]
        if record.name != label:
            triples.append((iri, SKOS + "altLabel", record.name))
        if record.country:
            triples.append((iri, CIKG.headquarteredIn, entity_iri("country", record.country)))
        if self.market_concept:
            triples.append((iri, CIKG.supplies, NamedNode(self.market_concept.iri)))
        triples.append((self.source, CIKG.mentions, iri))
        if record.evidence is not None:
            self.facts(record.evidence, "report/company-list", triples)

    def _record_match(self, match: Match, iri: NamedNode) -> None:
        record_match(self.out, match, iri)

    def mentions(self, record: CompanyRecord) -> None:
        iri = self.companies[record.name]
        for evidence in record.mentions:
            self.facts(evidence, "report/mention", [(self.source, CIKG.mentions, iri)])
            self._sentence_relations(evidence)

    def _sentence_relations(self, evidence: Evidence) -> None:
        named: list[NamedNode] = []
        tokens: dict[str, NamedNode] = {}
        prose = evidence.quote
        for name, iri in sorted(self.companies.items(), key=lambda item: -len(item[0])):
            pattern = rf"(?<!\w){re.escape(name)}(?!\w)"
            if re.search(pattern, prose):
                named.append(iri)
                token = f"\x00{len(tokens)}\x00"  # 'Energy Storage Technology' is a name
                tokens[token] = iri
                prose = re.sub(pattern, token, prose)
        named = sorted(set(named), key=str)
        if not named:
            return
        self._clause_relations(evidence, prose, tokens)
        triples: list[tuple] = []
        for concept in self.concepts.find(prose):
            predicate = {"MaterialType": CIKG.supplies, "Application": CIKG.serves,
                         "EndUser": CIKG.serves, "Region": CIKG.activeIn}[concept.kind]
            triples += [(c, predicate, NamedNode(concept.iri)) for c in named]
        if triples:
            self.facts(evidence, "report/co-mention", triples)

    def _clause_relations(self, evidence: Evidence, prose: str,
                          tokens: dict[str, NamedNode]) -> None:
        """Leaders and asserted competitors: companies in the clause of the verb only
        ('While these leaders dominate, smaller firms like X ...' does not make X a leader)."""
        leaders, rivals = set(), []
        for clause in _CLAUSE.split(prose):
            in_clause = sorted({iri for token, iri in tokens.items() if token in clause}, key=str)
            if _LEAD.search(clause):
                leaders.update(in_clause)
            if _COMPETE.search(clause) and len(in_clause) > 1:
                rivals += [(a, b) for a in in_clause for b in in_clause if a != b]
        if leaders:
            self.facts(evidence, "report/leader",
                       [(c, CIKG.leads, self.market) for c in sorted(leaders, key=str)])
        if rivals:
            self.facts(evidence, "report/competition",
                       [(a, CIKG.competesWith, b) for a, b in rivals])

    # ------------------------------------------------------------------ market

    def market_facts(self) -> None:
        report, key = self.report, self.out.info.key
        first = report.sizes[0].evidence if report.sizes else None
        triples: list[tuple] = [(self.market, RDF_TYPE, node(CIKG.Market)),
                                (self.market, RDFS_LABEL, report.market_name)]
        if first is not None:
            self.facts(first, "report/figure", triples)
        for size in report.sizes:
            obs = entity_iri("observation", f"{key}/{report.market_name}/{size.year}/{size.kind}")
            self.facts(size.evidence, "report/figure", [
                (self.market, RDF_TYPE, node(CIKG.Market)),
                (self.market, RDFS_LABEL, report.market_name),
                (obs, RDF_TYPE, node(CIKG.MarketObservation)),
                (obs, CIKG.market, self.market), (obs, CIKG.year, size.year),
                (obs, CIKG.estimateKind, node(CIKG.Actual if size.kind == "actual"
                                              else CIKG.Forecast)),
                (obs, CIKG.value, float(size.value)),
                (obs, CIKG.currency, currency_iri(size.currency)),
                (obs, CIKG.originalText, size.original_text)])
        if report.cagr is not None:
            rate = entity_iri("growth-rate", f"{key}/{report.market_name}")
            cagr = report.cagr
            self.facts(cagr.evidence, "report/figure", [
                (rate, RDF_TYPE, node(CIKG.GrowthRate)), (rate, CIKG.market, self.market),
                (rate, CIKG.percent, float(cagr.percent)),
                (rate, CIKG.fromYear, cagr.from_year), (rate, CIKG.toYear, cagr.to_year)])

    def segments(self) -> None:
        for facet, items in self.report.segments.items():
            for segment in items:
                iri = entity_iri("segment", f"{self.report.market_name}/{facet}/{segment.name}")
                triples: list[tuple] = [
                    (iri, RDF_TYPE, node(CIKG.MarketSegment)), (iri, RDFS_LABEL, segment.name),
                    (iri, CIKG.market, self.market), (iri, CIKG.facet, facet)]
                concept = self.concepts.match(segment.name, FACET_KINDS.get(facet))
                if concept is not None:
                    triples.append((iri, CIKG.segmentConcept, NamedNode(concept.iri)))
                self.facts(segment.evidence, "report/segment", triples)

    def share_claims(self) -> None:
        for i, claim in enumerate(self.report.share_claims, start=1):
            iri = entity_iri("share-claim", f"{self.out.info.key}/{i}")
            triples: list[tuple] = [
                (iri, RDF_TYPE, node(CIKG.ShareClaim)), (iri, CIKG.market, self.market),
                (iri, CIKG.percent, float(claim.percent)), (iri, CIKG.year, claim.year),
                (iri, CIKG.measure, claim.measure), (iri, CIKG.qualifier, claim.qualifier)]
            for name in claim.companies:
                company = self.companies.get(name) or entity_iri(
                    "company", self.resolver.resolve(name).key)
                triples.append((iri, CIKG.company, company))
            self.facts(claim.evidence, "report/share-claim", triples)

    def initiatives(self) -> None:
        kinds = {"funding": CIKG.FundingProgramme, "standard": CIKG.Standard,
                 "regulation": CIKG.Regulation}
        for record in [*self.report.initiatives, *self.report.standards]:
            key = f"{record.sponsor or ''}/{record.name}/{record.year or ''}"
            iri = entity_iri("initiative", key)
            triples: list[tuple] = [(iri, RDF_TYPE, node(kinds.get(record.kind, CIKG.Initiative))),
                                    (iri, RDFS_LABEL, record.name), (iri, CIKG.year, record.year)]
            if record.country and record.country != "EU":
                triples.append((iri, CIKG.country, entity_iri("country", record.country)))
            elif record.country:
                triples.append((iri, CIKG.jurisdiction, record.country))
            if record.amount is not None and record.currency:
                triples += [(iri, CIKG.fundingAmount, float(record.amount)),
                            (iri, CIKG.currency, currency_iri(record.currency))]
            if record.sponsor:
                sponsor = entity_iri("organization", record.sponsor)
                triples += [(iri, CIKG.sponsor, sponsor),
                            (sponsor, RDF_TYPE, node(CIKG.Organization)),
                            (sponsor, RDFS_LABEL, record.sponsor)]
                if record.country and record.country != "EU":
                    triples.append((sponsor, CIKG.country, entity_iri("country", record.country)))
            triples += [(iri, CIKG.targets, NamedNode(c.iri))
                        for c in self.concepts.find(record.evidence.quote)
                        if c.kind in ("MaterialType", "Application")]
            self.facts(record.evidence, "report/initiative", triples)

    def geography(self) -> None:
        for mention in self.report.countries_mentioned:
            self.facts(mention.evidence, "report/mention",
                       [(self.source, CIKG.mentions, entity_iri("country", mention.code))])
        for section in self.report.sections:
            for code, evidence in _country_mentions(section.evidence):
                self.facts(evidence, "report/mention",
                           [(self.source, CIKG.mentions, entity_iri("country", code))])
        for region in self.report.regions:
            concept = self.concepts.match(region.name, "Region")
            iri = NamedNode(concept.iri) if concept else entity_iri("region", region.name)
            triples: list[tuple] = [(self.source, CIKG.mentions, iri)]
            if concept is None:
                triples += [(iri, RDF_TYPE, node(CIKG.Region)),
                            (iri, SKOS + "prefLabel", region.name)]
            triples += [(iri, CIKG.includesCountry, entity_iri("country", code))
                        for code in region.countries]
            self.facts(region.evidence, "report/region", triples)

    def sections(self) -> None:
        for section in self.report.sections:
            iri = entity_iri("section", f"{self.out.info.key}/{section.kind}/{section.heading}")
            for predicate, value in ((RDF_TYPE, node(CIKG.ReportSection)),
                                     (RDFS_LABEL, section.heading),
                                     (CIKG.sectionKind, section.kind),
                                     (CIKG.text, section.text),
                                     ("http://purl.org/dc/terms/isPartOf", self.source)):
                self.out.describe(iri, predicate, value)


def _country_mentions(section: Evidence) -> list[tuple[str, Evidence]]:
    """The first sentence naming each country in one section (the data model's mention
    per section), with offsets into the report text."""
    found: dict[str, Evidence] = {}
    start = section.start
    for line in section.quote.split("\n"):
        for a, b in split_sentences(line):
            for code, _, _ in countries_in(line[a:b]):
                if code not in found:
                    found[code] = Evidence(section.section, line[a:b], start + a, start + b)
        start += len(line) + 1
    return list(found.items())


def report_graphs(report: Report, description: SourceDescription, *,
                  resolver: Resolver | None = None,
                  concepts: ConceptIndex | None = None) -> SourceGraphs:
    """Return the source and assertion graphs of a parsed report."""
    mapper = _Mapper(report, description, resolver or Resolver(), concepts or concept_index())
    mapper.market_facts()
    for company in report.companies:
        mapper.company(company)
    for company in report.companies:
        mapper.mentions(company)
    mapper.segments()
    mapper.share_claims()
    mapper.initiatives()
    mapper.geography()
    mapper.sections()
    return mapper.out
