"""The SKOS taxonomies: generated countries, hand-made schemes, labels loaders can match."""

from __future__ import annotations

import re
from pathlib import Path

import pycountry
import pytest
from rdflib import RDF, SKOS, Graph, URIRef

from cikg.ontology import TAXONOMIES, vocabulary_graphs
from cikg.ontology.generate import SCHEME_BASE, WIKIDATA, countries_source
from cikg.ontology.ids import VOCAB_GRAPH, entity_iri
from cikg.ontology.namespace import CIKG

ROOT = Path(__file__).resolve().parents[2]
KINDS = {"countries": ("country", CIKG.Country), "regions": ("region", CIKG.Region),
         "materials": ("material", CIKG.MaterialType),
         "applications": ("application", CIKG.Application),
         "end-users": ("end-user", CIKG.EndUser)}
# Countries the bundled and fixture sources name, with their checked Wikidata items.
SOURCE_COUNTRIES = {
    "CN": "Q148", "JP": "Q17", "US": "Q30", "CA": "Q16", "IN": "Q668", "KR": "Q884",
    "DE": "Q183", "FR": "Q142", "BR": "Q155", "AR": "Q414", "AE": "Q878", "SA": "Q851",
    "GB": "Q145", "NO": "Q20", "TW": "Q865", "MX": "Q96", "VN": "Q881", "SE": "Q34",
    "PL": "Q36", "ES": "Q29", "AU": "Q408", "TH": "Q869", "CO": "Q739", "MA": "Q1028",
    "ZA": "Q258",
}
# Segment and region headings of the bundled and fixture reports.
REPORT_LABELS = {
    "materials": ["Hard Carbon", "Soft Carbon", "Iron-based PBA (Prussian White)",
                  "Manganese-based PBA", "Mixed-metal PBA", "Prussian Blue Analogue"],
    "applications": ["Power Tools", "Medical Instruments", "Consumer Electronics",
                     "Grid-scale Energy Storage", "Two- and Three-wheelers",
                     "Backup Power & UPS", "Electric Vehicles", "ESS", "Grid Storage"],
    "end-users": ["Battery Manufacturers", "Research Institutions",
                  "Energy Storage System Providers", "Cell Manufacturers",
                  "Energy Storage System Integrators", "Automotive OEMs", "Research Institutes"],
    "regions": ["North America", "Europe", "Asia-Pacific", "South America",
                "Middle East & Africa", "Middle East and Africa", "APAC", "Asia Pacific",
                "Latin America", "Africa", "Middle East", "Oceania"],
}


def normalize(label: str) -> str:
    """Case, '&'/'and', punctuation and plural 's' do not distinguish labels."""
    text = label.casefold().replace("&", " and ")
    words = re.sub(r"[^\w+]+", " ", text).split()
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                    for w in words)


@pytest.fixture(scope="module")
def taxonomies() -> dict[str, Graph]:
    texts = vocabulary_graphs()
    return {name: Graph().parse(data=texts[VOCAB_GRAPH + name], format="turtle")
            for name in TAXONOMIES}


def concepts(graph: Graph, name: str) -> list[URIRef]:
    return sorted(graph.subjects(SKOS.inScheme, URIRef(SCHEME_BASE + name)))


def test_countries_file_is_regenerated_identically():
    committed = (ROOT / "ontology" / "taxonomies" / "countries.ttl").read_text("utf-8")
    assert committed == countries_source()
    assert countries_source() == countries_source()


def test_every_iso_country_is_there(taxonomies):
    graph = taxonomies["countries"]
    codes = {str(n) for n in graph.objects(None, SKOS.notation)
             if n.datatype == CIKG.ISO3166Alpha2}
    assert codes == {c.alpha_2 for c in pycountry.countries}


def test_country_notations_are_typed(taxonomies):
    graph = taxonomies["countries"]
    china = URIRef(entity_iri("country", "CN").value)
    notations = {(str(n), n.datatype) for n in graph.objects(china, SKOS.notation)}
    assert notations == {("CN", CIKG.ISO3166Alpha2), ("CHN", CIKG.ISO3166Alpha3),
                         ("156", CIKG.ISO3166Numeric)}
    assert str(graph.value(china, SKOS.prefLabel)) == "China"
    afghanistan = URIRef(entity_iri("country", "AF").value)
    assert ("004", CIKG.ISO3166Numeric) in {
        (str(n), n.datatype) for n in graph.objects(afghanistan, SKOS.notation)}


@pytest.mark.parametrize(("code", "qid"), sorted(SOURCE_COUNTRIES.items()))
def test_source_countries_match_wikidata(taxonomies, code, qid):
    country = URIRef(entity_iri("country", code).value)
    assert list(taxonomies["countries"].objects(country, SKOS.exactMatch)) == [
        URIRef(WIKIDATA + qid)]


def test_wikidata_items_are_distinct(taxonomies):
    items = list(taxonomies["countries"].objects(None, SKOS.exactMatch))
    assert len(items) == len(set(items))


def test_report_spellings_of_countries_are_labels(taxonomies):
    graph = taxonomies["countries"]
    labels = {}
    for concept in concepts(graph, "countries"):
        for label in (*graph.objects(concept, SKOS.prefLabel),
                      *graph.objects(concept, SKOS.altLabel)):
            labels[str(label)] = concept
    for spelling, code in (("UK", "GB"), ("U.S.", "US"), ("Korea", "KR"), ("South Korea", "KR"),
                           ("Taiwan", "TW"), ("UAE", "AE"), ("Vietnam", "VN")):
        assert labels[spelling] == URIRef(entity_iri("country", code).value), spelling


@pytest.mark.parametrize("name", TAXONOMIES)
def test_concept_iris_are_slugs_of_pref_labels(taxonomies, name):
    kind, cls = KINDS[name]
    graph = taxonomies[name]
    found = concepts(graph, name)
    assert found
    for concept in found:
        assert {cls, SKOS.Concept} <= set(graph.objects(concept, RDF.type)), concept
        prefs = [p for p in graph.objects(concept, SKOS.prefLabel) if p.language == "en"]
        assert len(prefs) == 1, concept
        key = str(prefs[0])
        if name == "countries":
            key = next(str(n) for n in graph.objects(concept, SKOS.notation)
                       if n.datatype == CIKG.ISO3166Alpha2)
        assert str(concept) == entity_iri(kind, key).value


@pytest.mark.parametrize("name", TAXONOMIES)
def test_a_label_names_one_concept(taxonomies, name):
    graph = taxonomies[name]
    owner: dict[str, URIRef] = {}
    clashes = []
    for concept in concepts(graph, name):
        for label in {normalize(str(lab)) for lab in (*graph.objects(concept, SKOS.prefLabel),
                                                     *graph.objects(concept, SKOS.altLabel))}:
            if owner.setdefault(label, concept) != concept:
                clashes.append((label, owner[label], concept))
    assert clashes == []


@pytest.mark.parametrize("name", TAXONOMIES)
def test_hierarchy_is_well_formed(taxonomies, name):
    graph = taxonomies[name]
    members = set(concepts(graph, name))
    scheme = URIRef(SCHEME_BASE + name)
    for concept in members:
        parents = set(graph.objects(concept, SKOS.broader))
        assert parents <= members, concept
        is_top = (concept, SKOS.topConceptOf, scheme) in graph
        assert is_top == (not parents), concept
        seen, todo = set(), list(parents)
        while todo:
            parent = todo.pop()
            assert parent != concept, f"cycle through {concept}"
            if parent not in seen:
                seen.add(parent)
                todo.extend(graph.objects(parent, SKOS.broader))
        for narrower in graph.objects(concept, SKOS.narrower):
            assert (narrower, SKOS.broader, concept) in graph
        for related in graph.objects(concept, SKOS.related):
            assert (related, SKOS.related, concept) in graph, (concept, related)
            assert related not in seen


@pytest.mark.parametrize(("name", "label"),
                         [(n, lab) for n, labels in REPORT_LABELS.items() for lab in labels])
def test_report_segments_match_a_concept(taxonomies, name, label):
    graph = taxonomies[name]
    labels = {normalize(str(lab)) for c in concepts(graph, name)
              for lab in (*graph.objects(c, SKOS.prefLabel), *graph.objects(c, SKOS.altLabel))}
    assert normalize(label) in labels


def test_materials_hierarchy(taxonomies):
    graph = taxonomies["materials"]

    def iri(label: str) -> URIRef:
        return URIRef(entity_iri("material", label).value)

    for child, parent in (("Hard carbon", "Anode material"), ("Soft carbon", "Anode material"),
                          ("Graphite", "Anode material"), ("Alloy anode", "Anode material"),
                          ("Prussian blue analogue", "Cathode material"),
                          ("Layered oxide", "Cathode material"),
                          ("Polyanionic compound", "Cathode material"),
                          ("Iron-based Prussian blue analogue", "Prussian blue analogue"),
                          ("Liquid electrolyte", "Electrolyte")):
        assert (iri(child), SKOS.broader, iri(parent)) in graph, child


def test_regions_hold_no_countries(taxonomies):
    """Region membership is each source's convention, never part of the taxonomy."""
    assert (None, CIKG.includesCountry, None) not in taxonomies["regions"]
