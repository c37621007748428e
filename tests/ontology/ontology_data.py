"""Small hand-made data graphs in the shape of docs/data-model.md."""

from __future__ import annotations

from decimal import Decimal

from rdflib import RDF, RDFS, SKOS, Dataset, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD

from cikg.ontology.namespace import CIKG

ID = Namespace("https://w3id.org/cikg/id/")
GRAPH = Namespace("https://w3id.org/cikg/graph/")
SCHEMA = Namespace("https://schema.org/")
USD = URIRef("http://qudt.org/vocab/unit/CCY_USD")
EUR = URIRef("http://qudt.org/vocab/unit/CCY_EUR")
SOURCE = ID["source/anode-report"]
SOURCE_GRAPH = GRAPH["source/anode-report"]
HASH = "ab" * 32


def assertion(ds: Dataset, digest: str, quote: str, *, source_graph=SOURCE_GRAPH,
              source=SOURCE, heading: str = "Key Companies"):
    """Add an assertion graph with its metadata in the source graph; return the graph."""
    name = URIRef(f"{source_graph}/a/{digest}")
    meta = ds.graph(source_graph)
    meta.add((name, RDF.type, CIKG.AssertionGraph))
    meta.add((name, PROV.wasDerivedFrom, source))
    meta.add((name, CIKG.sectionHeading, Literal(heading)))
    meta.add((name, CIKG.quote, Literal(quote)))
    meta.add((name, CIKG.startOffset, Literal(10)))
    meta.add((name, CIKG.endOffset, Literal(10 + len(quote))))
    meta.add((name, CIKG.asOf, Literal("2025-12-12", datatype=XSD.date)))
    meta.add((name, CIKG.method, Literal("report/company-list")))
    meta.add((name, CIKG.confidence, Literal(Decimal("0.95"))))
    return ds.graph(name)


def add_source(ds: Dataset, source=SOURCE, source_graph=SOURCE_GRAPH, title="Anode Report"):
    g = ds.graph(source_graph)
    load = ID["load/1"]
    g.add((source, RDF.type, CIKG.Report))
    g.add((source, DCTERMS.title, Literal(title)))
    g.add((source, DCTERMS.publisher, Literal("24chemicalresearch.com")))
    g.add((source, CIKG.publisherDomain, Literal("24chemicalresearch.com")))
    g.add((source, SCHEMA.url, URIRef("https://www.24chemicalresearch.com/reports/1/anode")))
    g.add((source, DCTERMS.issued, Literal("2025-12-12", datatype=XSD.date)))
    g.add((source, CIKG.contentHash, Literal(HASH)))
    g.add((source, CIKG.fileName, Literal("anode.txt")))
    g.add((source, PROV.wasGeneratedBy, load))
    g.add((load, RDF.type, CIKG.Load))
    g.add((load, PROV.endedAtTime, Literal("2025-12-13T10:00:00", datatype=XSD.dateTime)))


def build_valid() -> Dataset:
    """One source with a company, a market with figures, a share claim and an initiative."""
    ds = Dataset()
    add_source(ds)
    btr, hina = ID["company/btr"], ID["company/hina-battery"]
    market = ID["market/anode-material-for-sodium-ion-battery"]

    g = assertion(ds, "0000000000000001", "BTR (China)")
    g.add((btr, RDF.type, CIKG.Company))
    g.add((btr, RDFS.label, Literal("BTR")))
    g.add((btr, SKOS.altLabel, Literal("BTR New Material")))
    g.add((btr, CIKG.headquarteredIn, ID["country/cn"]))
    g.add((btr, SCHEMA.sameAs, URIRef("http://www.wikidata.org/entity/Q1")))
    g.add((SOURCE, CIKG.mentions, btr))

    g = assertion(ds, "0000000000000002", "Hina Battery (China)")
    g.add((hina, RDF.type, CIKG.Company))
    g.add((hina, RDFS.label, Literal("Hina Battery")))
    g.add((hina, CIKG.headquarteredIn, ID["country/cn"]))
    g.add((hina, CIKG.supplies, ID["material/hard-carbon"]))
    g.add((hina, CIKG.serves, ID["application/power-tools"]))
    g.add((hina, CIKG.serves, ID["end-user/battery-manufacturers"]))
    g.add((hina, CIKG.activeIn, ID["region/asia-pacific"]))
    g.add((hina, CIKG.activeIn, ID["country/cn"]))
    g.add((hina, CIKG.competesWith, btr))
    g.add((hina, CIKG.leads, market))

    g = assertion(ds, "0000000000000003", "valued at USD 782.4 million in 2024")
    obs = ID["observation/anode-report-2024-actual"]
    g.add((market, RDF.type, CIKG.Market))
    g.add((market, RDFS.label, Literal("Anode Material for Sodium-ion Battery")))
    g.add((obs, RDF.type, CIKG.MarketObservation))
    g.add((obs, CIKG.market, market))
    g.add((obs, CIKG.year, Literal(2024)))
    g.add((obs, CIKG.estimateKind, CIKG.Actual))
    g.add((obs, CIKG.value, Literal(Decimal("782400000"))))
    g.add((obs, CIKG.currency, USD))
    g.add((obs, CIKG.originalText, Literal("USD 782.4 million")))
    cagr = ID["growth-rate/anode-report"]
    g.add((cagr, RDF.type, CIKG.GrowthRate))
    g.add((cagr, CIKG.market, market))
    g.add((cagr, CIKG.percent, Literal(Decimal("15.7"))))
    g.add((cagr, CIKG.fromYear, Literal(2025)))
    g.add((cagr, CIKG.toYear, Literal(2032)))

    g = assertion(ds, "0000000000000004", "Hard Carbon", heading="By Type")
    seg = ID["segment/anode-report-type-hard-carbon"]
    g.add((seg, RDF.type, CIKG.MarketSegment))
    g.add((seg, RDFS.label, Literal("Hard Carbon")))
    g.add((seg, CIKG.market, market))
    g.add((seg, CIKG.facet, Literal("type")))
    g.add((seg, CIKG.segmentConcept, ID["material/hard-carbon"]))

    g = assertion(ds, "0000000000000005", "nearly 30% of global revenue share in 2024")
    claim = ID["share-claim/anode-report-1"]
    g.add((claim, RDF.type, CIKG.ShareClaim))
    g.add((claim, CIKG.company, btr))
    g.add((claim, CIKG.company, hina))
    g.add((claim, CIKG.percent, Literal(Decimal("30"))))
    g.add((claim, CIKG.year, Literal(2024)))
    g.add((claim, CIKG.measure, Literal("revenue share")))
    g.add((claim, CIKG.qualifier, Literal("nearly")))
    g.add((claim, CIKG.market, market))

    g = assertion(ds, "0000000000000006", "Battery 2030+ initiative has allocated €3.2 billion")
    prog, eu = ID["initiative/battery-2030"], ID["organization/european-union"]
    g.add((prog, RDF.type, CIKG.FundingProgramme))
    g.add((prog, RDFS.label, Literal("Battery 2030+")))
    g.add((prog, CIKG.sponsor, eu))
    g.add((prog, CIKG.jurisdiction, Literal("EU")))
    g.add((prog, CIKG.fundingAmount, Literal(Decimal("3200000000"))))
    g.add((prog, CIKG.currency, EUR))
    g.add((prog, CIKG.targets, ID["material/hard-carbon"]))
    g.add((eu, RDF.type, CIKG.Organization))
    g.add((eu, RDFS.label, Literal("European Union")))
    std = ID["initiative/sodium-ion-battery-industry-standards"]
    g.add((std, RDF.type, CIKG.Standard))
    g.add((std, RDFS.label, Literal("Sodium-ion battery industry standards")))
    g.add((std, CIKG.country, ID["country/cn"]))
    g.add((std, CIKG.year, Literal(2024)))

    g = assertion(ds, "0000000000000007", "North America", heading="Regional Analysis")
    g.add((ID["region/north-america"], CIKG.includesCountry, ID["country/us"]))

    section = ID["section/anode-report-drivers-1"]
    g = assertion(ds, "0000000000000008", "Rising demand for EVs")
    g.add((section, RDF.type, CIKG.ReportSection))
    g.add((section, RDFS.label, Literal("Rising demand for EVs")))
    g.add((section, CIKG.sectionKind, Literal("driver")))
    g.add((section, CIKG.text, Literal("The rapid expansion of electric vehicle ...")))

    g = assertion(ds, "0000000000000009", "BTR,CN,hard carbon,2025,120000",
                  heading="capacity row 2")
    figure = ID["figure/capacity-2-0"]
    g.add((figure, RDF.type, CIKG.CompanyFigure))
    g.add((figure, CIKG.company, btr))
    g.add((figure, CIKG.measure, Literal("production capacity")))
    g.add((figure, CIKG.value, Literal(Decimal("120000"))))
    g.add((figure, CIKG.year, Literal(2025)))
    g.add((figure, CIKG.unit, URIRef("http://qudt.org/vocab/unit/TONNE-PER-YR")))
    g.add((figure, CIKG.figureOf, ID["material/hard-carbon"]))

    meta = ds.graph(SOURCE_GRAPH)
    match = ID["match/anode-report-btr"]
    meta.add((match, RDF.type, CIKG.EntityMatch))
    meta.add((match, CIKG.matchedName, Literal("BTR")))
    meta.add((match, CIKG.matchedEntity, btr))
    meta.add((match, CIKG.matchScore, Literal(Decimal("1"))))
    meta.add((match, CIKG.matchReason, Literal("exact key")))
    return ds


def build_large(companies: int = 500) -> Dataset:
    """The valid graph plus *companies* synthetic companies, each in its own assertion graph.

    About 20 triples per company (facts and assertion metadata): 500 give ~10k triples.
    """
    ds = build_valid()
    countries = ["cn", "jp", "us", "kr", "de", "fr", "in", "gb"]
    materials = ["hard-carbon", "soft-carbon", "graphite", "prussian-blue-analogue"]
    for i in range(companies):
        company = ID[f"company/synthetic-{i}"]
        g = assertion(ds, f"{i:016x}"[-16:].replace("0", "a", 1), f"Synthetic {i} (China)")
        g.add((company, RDF.type, CIKG.Company))
        g.add((company, RDFS.label, Literal(f"Synthetic {i}")))
        g.add((company, CIKG.headquarteredIn, ID[f"country/{countries[i % len(countries)]}"]))
        g.add((company, CIKG.supplies, ID[f"material/{materials[i % len(materials)]}"]))
        g.add((company, CIKG.activeIn, ID["region/europe"]))
        g.add((company, CIKG.serves, ID["application/electric-vehicles"]))
        if i:
            g.add((company, CIKG.competesWith, ID[f"company/synthetic-{i - 1}"]))
        g.add((SOURCE, CIKG.mentions, company))
    return ds
