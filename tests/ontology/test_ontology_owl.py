"""The OWL ontology: parses, is documented, stays OWL 2 RL, and owlrl reasons over it."""

from __future__ import annotations

from pathlib import Path

import owlrl
import pytest
from ontology_data import ID, build_valid
from owlrl.Closure import ERRNS
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from cikg.ontology import ontology_text, vocabulary_graphs
from cikg.ontology.generate import NS, generated_text_files, namespace_source
from cikg.ontology.namespace import CIKG

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = URIRef("https://w3id.org/cikg/ontology")
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"

# Every term of the first version: loaders are written against these names.
TERMS_0_1_0 = """
Actual Analysis Application AssertionGraph Company Country EndUser EntityMatch EstimateKind
Forecast FundingProgramme GrowthRate Initiative Load Market MarketObservation MarketSegment
MaterialType Organization RdfDocument Region Regulation Report ReportSection ShareClaim Source
Standard Table activeIn asOf company competesWith confidence contentHash country currency
endOffset estimateKind facet fileName fromYear fundingAmount headquarteredIn includesCountry
jurisdiction leads market matchReason matchScore matchedEntity matchedName measure mentions
method originalText percent publisherDomain qualifier quote section sectionHeading sectionKind
segmentConcept serves sponsor startOffset supplies targets text toYear value weight year
""".split()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data=ontology_text(), format="turtle")


def cikg_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, None)
            if isinstance(s, URIRef) and str(s).startswith(NS)}


def test_ontology_header(ontology):
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in ontology
    version = str(ontology.value(ONTOLOGY, OWL.versionInfo))
    assert str(ontology.value(ONTOLOGY, OWL.versionIRI)) == f"{ONTOLOGY}/{version}"
    assert ontology.value(ONTOLOGY, RDFS.label) is not None


def test_every_term_has_an_english_label_and_definition(ontology):
    missing = []
    for term in sorted(cikg_terms(ontology)):
        for predicate in (RDFS.label, SKOS.definition):
            values = list(ontology.objects(term, predicate))
            if not any(isinstance(v, Literal) and v.language == "en" and str(v) for v in values):
                missing.append(f"{term} {predicate}")
    assert missing == []


def test_first_version_terms_are_kept(ontology):
    names = {str(t)[len(NS):] for t in cikg_terms(ontology)}
    assert set(TERMS_0_1_0) - names == set()


def test_terms_are_typed_once_as_a_kind(ontology):
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDFS.Datatype,
             OWL.NamedIndividual}
    untyped = [t for t in cikg_terms(ontology)
               if not set(ontology.objects(t, RDF.type)) & (kinds | {CIKG.EstimateKind})
               and (t, RDF.type, URIRef("http://purl.org/linked-data/cube#DataStructureDefinition"))
               not in ontology]
    assert untyped == []


def test_stays_in_owl2_rl(ontology):
    """No constructs outside OWL 2 RL: unions, existentials or cardinalities as superclasses."""
    banned = (OWL.unionOf, OWL.someValuesFrom, OWL.minCardinality, OWL.cardinality,
              OWL.qualifiedCardinality, OWL.minQualifiedCardinality, OWL.oneOf)
    assert [p for p in banned if (None, p, None) in ontology] == []
    for prop in (RDFS.domain, RDFS.range, RDFS.subClassOf):
        objects = set(ontology.objects(None, prop))
        assert all(isinstance(o, URIRef) for o in objects), prop


def test_namespace_module_is_up_to_date():
    committed = (ROOT / "ontology" / "namespace.py").read_text("utf-8")
    assert committed == namespace_source()


def test_namespace_is_closed():
    assert str(CIKG.Company) == NS + "Company"
    with pytest.raises(AttributeError):
        _ = CIKG.Compnay


def test_generated_files_are_up_to_date():
    stale = [str(path.relative_to(ROOT)) for path, text in generated_text_files(ROOT).items()
             if not path.exists() or path.read_text("utf-8") != text]
    assert stale == [], "run: python -m cikg.ontology.generate"


def test_vocabulary_graphs_parse():
    for name, text in vocabulary_graphs().items():
        assert len(Graph().parse(data=text, format="turtle")) > 10, name


# ---------------------------------------------------------------------- owlrl

def closure(*graphs: Graph) -> Graph:
    merged = Graph()
    for g in graphs:
        for triple in g:
            merged.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(merged)
    return merged


def errors(graph: Graph) -> list[str]:
    return sorted(str(graph.value(m, ERRNS.error))
                  for m in graph.subjects(RDF.type, ERRNS.ErrorMessage))


@pytest.fixture(scope="module")
def tiny_closure(ontology) -> Graph:
    data = Graph()
    btr, hina = ID["company/btr"], ID["company/hina-battery"]
    for company in (btr, hina):
        data.add((company, RDF.type, CIKG.Company))
    data.add((hina, CIKG.competesWith, btr))
    data.add((ID["initiative/x"], RDF.type, CIKG.FundingProgramme))
    return closure(ontology, data)


def test_ontology_alone_is_consistent_under_owl_rl(ontology):
    assert errors(closure(ontology)) == []


def test_owlrl_infers_superclass_types(tiny_closure):
    btr = ID["company/btr"]
    assert (btr, RDF.type, URIRef(ORG + "FormalOrganization")) in tiny_closure
    assert (btr, RDF.type, URIRef(SCHEMA + "Organization")) in tiny_closure
    assert (ID["initiative/x"], RDF.type, URIRef("http://www.w3.org/ns/prov#Entity")) \
        in tiny_closure


def test_owlrl_makes_competes_with_symmetric(tiny_closure):
    assert (ID["company/btr"], CIKG.competesWith, ID["company/hina-battery"]) in tiny_closure
    assert errors(tiny_closure) == []


def test_valid_data_with_taxonomies_is_consistent_under_owl_rl(ontology):
    data = Graph()
    for s, p, o, _ in build_valid().quads((None, None, None, None)):
        data.add((s, p, o))
    taxonomies = Graph()
    for name, text in vocabulary_graphs().items():
        if not name.endswith(("ontology", "countries")):
            taxonomies.parse(data=text, format="turtle")
    assert errors(closure(ontology, taxonomies, data)) == []


def test_owlrl_reports_disjoint_classes(ontology):
    data = Graph()
    data.add((ID["company/x"], RDF.type, CIKG.Company))
    data.add((ID["company/x"], RDF.type, CIKG.Country))
    assert errors(closure(ontology, data)) != []


def test_owlrl_reports_self_competition(ontology):
    data = Graph()
    data.add((ID["company/x"], RDF.type, CIKG.Company))
    data.add((ID["company/x"], CIKG.competesWith, ID["company/x"]))
    assert errors(closure(ontology, data)) != []
