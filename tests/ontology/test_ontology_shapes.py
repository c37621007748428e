"""SHACL shapes: the valid graph passes; each broken graph gives exactly its violations."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from ontology_data import GRAPH, ID, SOURCE, SOURCE_GRAPH, assertion, build_valid
from rdflib import RDF, RDFS, SKOS, Dataset, Literal, URIRef
from rdflib.namespace import PROV

from cikg.ontology.namespace import CIKG
from cikg.validation import validate

BTR, HINA = ID["company/btr"], ID["company/hina-battery"]
MARKET = ID["market/anode-material-for-sodium-ion-battery"]
OBS = ID["observation/anode-report-2024-actual"]
CAGR = ID["growth-rate/anode-report"]
CLAIM = ID["share-claim/anode-report-1"]
PROG = ID["initiative/battery-2030"]
STD = ID["initiative/sodium-ion-battery-industry-standards"]
SEG = ID["segment/anode-report-type-hard-carbon"]
FIG = ID["figure/capacity-2-0"]
TONNES = URIRef("http://qudt.org/vocab/unit/TONNE-PER-YR")
USD = URIRef("http://qudt.org/vocab/unit/CCY_USD")
GYEAR = URIRef("http://www.w3.org/2001/XMLSchema#gYear")
A1 = URIRef(f"{SOURCE_GRAPH}/a/0000000000000001")
A3 = URIRef(f"{SOURCE_GRAPH}/a/0000000000000003")


def drop(ds: Dataset, s, p, o=None) -> None:
    for quad in list(ds.quads((s, p, o, None))):
        ds.remove(quad)


def put(ds: Dataset, s, p, o, graph=A3) -> None:
    ds.graph(graph).add((s, p, o))


def replace(ds: Dataset, s, p, o, graph=A3) -> None:
    drop(ds, s, p)
    put(ds, s, p, o, graph)


V, W = "Violation", "Warning"

# name -> (change to the valid graph, {(focus, path, component, severity)})
CASES: dict[str, tuple[Callable[[Dataset], None], set[tuple[str, str, str, str]]]] = {
    "company without name": (
        lambda ds: drop(ds, BTR, RDFS.label),
        {(BTR, "rdfs:label", "MinCount", V)}),
    "company without headquarters": (
        lambda ds: drop(ds, HINA, CIKG.headquarteredIn),
        {(HINA, "cikg:headquarteredIn", "MinCount", W)}),
    "headquarters is a region": (
        lambda ds: replace(ds, BTR, CIKG.headquarteredIn, ID["region/asia-pacific"]),
        {(BTR, "cikg:headquarteredIn", "Class", V)}),
    "headquarters outside the taxonomy": (
        lambda ds: replace(ds, BTR, CIKG.headquarteredIn, ID["country/xx"]),
        {(BTR, "cikg:headquarteredIn", "Class", V)}),
    "only companies have headquarters": (
        lambda ds: put(ds, MARKET, CIKG.headquarteredIn, ID["country/cn"]),
        {(MARKET, "", "Class", V)}),
    "year typed gYear": (
        lambda ds: replace(ds, OBS, CIKG.year, Literal("2024", datatype=GYEAR)),
        {(OBS, "cikg:year", "Datatype", V)}),
    "implausible year": (
        lambda ds: replace(ds, OBS, CIKG.year, Literal(1850)),
        {(OBS, "cikg:year", "Pattern", V)}),
    "two years": (
        lambda ds: put(ds, OBS, CIKG.year, Literal(2025)),
        {(OBS, "cikg:year", "MaxCount", V)}),
    "negative value": (
        lambda ds: replace(ds, OBS, CIKG.value, Literal(Decimal("-1"))),
        {(OBS, "cikg:value", "MinInclusive", V)}),
    "value as double": (
        lambda ds: replace(ds, OBS, CIKG.value, Literal(782400000.0)),
        {(OBS, "cikg:value", "Datatype", V)}),
    "observation without currency": (
        lambda ds: drop(ds, OBS, CIKG.currency),
        {(OBS, "cikg:currency", "MinCount", V)}),
    "currency not a QUDT unit": (
        lambda ds: replace(ds, OBS, CIKG.currency, URIRef("http://example.org/USD")),
        {(OBS, "cikg:currency", "Pattern", V)}),
    "estimate kind unknown": (
        lambda ds: replace(ds, OBS, CIKG.estimateKind, CIKG.Market),
        {(OBS, "cikg:estimateKind", "In", V)}),
    "observation without original text": (
        lambda ds: drop(ds, OBS, CIKG.originalText),
        {(OBS, "cikg:originalText", "MinCount", W)}),
    "observation without market": (
        lambda ds: drop(ds, OBS, CIKG.market),
        {(OBS, "cikg:market", "MinCount", V)}),
    "funding amount without currency": (
        lambda ds: drop(ds, PROG, CIKG.currency),
        {(PROG, "cikg:currency", "MinCount", V)}),
    "funding programme without amount": (
        lambda ds: (drop(ds, PROG, CIKG.fundingAmount), drop(ds, PROG, CIKG.currency)),
        {(PROG, "cikg:fundingAmount", "MinCount", V)}),
    "initiative without place": (
        lambda ds: drop(ds, STD, CIKG.country),
        {(STD, "", "Or", W)}),
    "jurisdiction in lower case": (
        lambda ds: replace(ds, PROG, CIKG.jurisdiction, Literal("eu")),
        {(PROG, "cikg:jurisdiction", "Pattern", V)}),
    "sponsor is a country": (
        lambda ds: replace(ds, PROG, CIKG.sponsor, ID["country/cn"]),
        {(PROG, "cikg:sponsor", "Or", V)}),
    "share above 100 percent": (
        lambda ds: replace(ds, CLAIM, CIKG.percent, Literal(Decimal("130"))),
        {(CLAIM, "cikg:percent", "MaxInclusive", V)}),
    "share claim without company": (
        lambda ds: drop(ds, CLAIM, CIKG.company),
        {(CLAIM, "cikg:company", "MinCount", V)}),
    "growth period reversed": (
        lambda ds: (replace(ds, CAGR, CIKG.fromYear, Literal(2032)),
                    replace(ds, CAGR, CIKG.toYear, Literal(2025))),
        {(CAGR, "cikg:fromYear", "LessThan", V)}),
    "growth rate without period": (
        lambda ds: (drop(ds, CAGR, CIKG.fromYear), drop(ds, CAGR, CIKG.toYear)),
        {(CAGR, "cikg:fromYear", "MinCount", W), (CAGR, "cikg:toYear", "MinCount", W)}),
    "competes with a market": (
        lambda ds: put(ds, HINA, CIKG.competesWith, MARKET),
        {(HINA, "cikg:competesWith", "Class", V)}),
    "competes with itself": (
        lambda ds: put(ds, BTR, CIKG.competesWith, BTR),
        {(BTR, "cikg:competesWith", "cikg", V)}),
    "supplies an application": (
        lambda ds: put(ds, HINA, CIKG.supplies, ID["application/power-tools"]),
        {(HINA, "cikg:supplies", "Class", V)}),
    "serves a material": (
        lambda ds: put(ds, HINA, CIKG.serves, ID["material/graphite"]),
        {(HINA, "cikg:serves", "Or", V)}),
    "figure with unit and currency": (
        lambda ds: put(ds, FIG, CIKG.currency, USD),
        {(FIG, "", "Xone", V)}),
    "figure without unit": (
        lambda ds: drop(ds, FIG, CIKG.unit),
        {(FIG, "", "Xone", V)}),
    "figure unit not QUDT": (
        lambda ds: replace(ds, FIG, CIKG.unit, URIRef("http://example.org/tonnes")),
        {(FIG, "cikg:unit", "Pattern", V)}),
    "figure of a company": (
        lambda ds: put(ds, FIG, CIKG.figureOf, BTR),
        {(FIG, "cikg:figureOf", "Class", V)}),
    "segment without facet": (
        lambda ds: drop(ds, SEG, CIKG.facet),
        {(SEG, "cikg:facet", "MinCount", V)}),
    "assertion graph without quote": (
        lambda ds: drop(ds, A1, CIKG.quote),
        {(A1, "cikg:quote", "MinCount", V)}),
    "assertion graph without source": (
        lambda ds: drop(ds, A1, PROV.wasDerivedFrom),
        {(A1, "prov:wasDerivedFrom", "MinCount", V)}),
    "assertion graph without metadata": (
        lambda ds: ds.graph(URIRef(f"{SOURCE_GRAPH}/a/ffffffffffffffff")).add(
            (BTR, SKOS.altLabel, Literal("BTR Co."))),
        {(f"{SOURCE_GRAPH}/a/ffffffffffffffff", p, "MinCount", V)
         for p in ("prov:wasDerivedFrom", "cikg:quote", "cikg:method")}),
    "confidence above one": (
        lambda ds: replace(ds, A1, CIKG.confidence, Literal(Decimal("1.5")), SOURCE_GRAPH),
        {(A1, "cikg:confidence", "MaxInclusive", V)}),
    "offsets reversed": (
        lambda ds: replace(ds, A1, CIKG.startOffset, Literal(99999), SOURCE_GRAPH),
        {(A1, "cikg:startOffset", "LessThanOrEquals", V)}),
    "as-of date as text": (
        lambda ds: replace(ds, A1, CIKG.asOf, Literal("2025-12-12"), SOURCE_GRAPH),
        {(A1, "cikg:asOf", "Datatype", V)}),
    "source without hash": (
        lambda ds: drop(ds, SOURCE, CIKG.contentHash),
        {(SOURCE, "cikg:contentHash", "MinCount", V)}),
    "hash not SHA-256": (
        lambda ds: replace(ds, SOURCE, CIKG.contentHash, Literal("abc"), SOURCE_GRAPH),
        {(SOURCE, "cikg:contentHash", "Pattern", V)}),
    "region outside the taxonomy": (
        lambda ds: (put(ds, ID["region/nordics"], RDF.type, CIKG.Region),
                    put(ds, ID["region/nordics"], SKOS.prefLabel, Literal("Nordics"))),
        {(ID["region/nordics"], "skos:inScheme", "MinCount", W)}),
    "region includes a company": (
        lambda ds: put(ds, ID["region/europe"], CIKG.includesCountry, BTR),
        {(ID["region/europe"], "cikg:includesCountry", "Class", V)}),
}


def summary(report) -> set[tuple[str, str, str, str]]:
    return {(r.focus, r.path, r.component, r.severity) for r in report.results}


def test_valid_graph_has_no_results(valid_dataset):
    report = validate(valid_dataset)
    assert report.results == []
    assert report.conforms


@pytest.mark.parametrize("name", sorted(CASES))
def test_invalid_graph_gives_exactly_the_expected_results(name):
    change, expected = CASES[name]
    data = build_valid()
    change(data)
    report = validate(data)
    assert summary(report) == {(str(f), p, c, s) for f, p, c, s in expected}
    assert report.conforms == all(s == W for *_, s in expected)
    assert all(r.message for r in report.results)


def test_assertion_helper_builds_graphs_in_the_source():
    ds = Dataset()
    g = assertion(ds, "00000000000000aa", "quote")
    assert str(g.identifier).startswith(str(GRAPH["source/"]))
