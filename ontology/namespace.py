"""The closed cikg namespace, generated from cikg.ttl: do not edit.

Regenerate with ``python -m cikg.ontology.generate``.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["CIKG"]


class CIKG(DefinedNamespace):
    _fail = True
    _NS = Namespace("https://w3id.org/cikg/ontology#")

    Actual: URIRef
    Analysis: URIRef
    AnalysisResult: URIRef
    Application: URIRef
    AssertionGraph: URIRef
    Company: URIRef
    CompanyFigure: URIRef
    CompetitionEdge: URIRef
    Country: URIRef
    EndUser: URIRef
    EntityMatch: URIRef
    EstimateKind: URIRef
    FactChange: URIRef
    Forecast: URIRef
    FundingProgramme: URIRef
    GrowthRate: URIRef
    ISO3166Alpha2: URIRef
    ISO3166Alpha3: URIRef
    ISO3166Numeric: URIRef
    Initiative: URIRef
    Load: URIRef
    Market: URIRef
    MarketObservation: URIRef
    MarketSegment: URIRef
    MarketSizeStructure: URIRef
    MaterialType: URIRef
    Organization: URIRef
    RdfDocument: URIRef
    Region: URIRef
    Regulation: URIRef
    Report: URIRef
    ReportSection: URIRef
    ShareClaim: URIRef
    Source: URIRef
    SourceChange: URIRef
    Standard: URIRef
    Table: URIRef
    about: URIRef
    activeIn: URIRef
    asOf: URIRef
    change: URIRef
    changeOf: URIRef
    company: URIRef
    competesWith: URIRef
    confidence: URIRef
    contentHash: URIRef
    country: URIRef
    currency: URIRef
    endOffset: URIRef
    estimateKind: URIRef
    facet: URIRef
    figureOf: URIRef
    fileName: URIRef
    fromYear: URIRef
    fundingAmount: URIRef
    headquarteredIn: URIRef
    importedFrom: URIRef
    includesCountry: URIRef
    inputDigest: URIRef
    jurisdiction: URIRef
    leads: URIRef
    market: URIRef
    matchReason: URIRef
    matchScore: URIRef
    matchedEntity: URIRef
    matchedName: URIRef
    measure: URIRef
    mentions: URIRef
    method: URIRef
    originalText: URIRef
    overlapsWith: URIRef
    parameter: URIRef
    percent: URIRef
    previousHash: URIRef
    publisherDomain: URIRef
    qualifier: URIRef
    quote: URIRef
    reason: URIRef
    score: URIRef
    section: URIRef
    sectionHeading: URIRef
    sectionKind: URIRef
    segmentConcept: URIRef
    serves: URIRef
    sponsor: URIRef
    startOffset: URIRef
    supplies: URIRef
    targets: URIRef
    text: URIRef
    toYear: URIRef
    unit: URIRef
    value: URIRef
    weight: URIRef
    year: URIRef
