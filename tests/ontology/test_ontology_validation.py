"""cikg.validation: the report, source attribution, rules outside SHACL, vocabulary check."""

from __future__ import annotations

import time

import pytest
from ontology_data import ID, SOURCE, add_source, assertion, build_large, build_valid
from rdflib import RDFS, Dataset, Graph, Literal, URIRef

from cikg.errors import ValidationError
from cikg.ontology.namespace import CIKG
from cikg.validation import ValidationReport, merged_graph, undefined_terms, validate

BTR = ID["company/btr"]
SOURCE_B = ID["source/cathode-report"]
SOURCE_B_GRAPH = URIRef("https://w3id.org/cikg/graph/source/cathode-report")


def second_source(ds: Dataset) -> None:
    add_source(ds, SOURCE_B, SOURCE_B_GRAPH, title="Cathode Report")


def test_vocabularies_alone_conform():
    report = validate(Graph())
    assert report.results == []
    assert report.conforms
    assert report.triples > 3000


def test_validate_leaves_the_input_unchanged(valid_dataset):
    before = len(list(valid_dataset.quads((None, None, None, None))))
    validate(valid_dataset)
    assert len(list(valid_dataset.quads((None, None, None, None)))) == before


def test_report_names_label_path_message_and_source(valid_dataset):
    for quad in list(valid_dataset.quads((BTR, CIKG.headquarteredIn, None, None))):
        valid_dataset.remove(quad)
    valid_dataset.graph(next(iter(
        g.identifier for g in valid_dataset.graphs() if (BTR, RDFS.label, None) in g))).add(
        (BTR, CIKG.headquarteredIn, ID["region/europe"]))
    report = validate(valid_dataset)
    assert not report.conforms
    [row] = report.violations
    assert (row.focus, row.focus_label, row.path, row.source) == (
        str(BTR), "BTR", "cikg:headquarteredIn", str(SOURCE))
    assert row.value == str(ID["region/europe"])
    text = report.to_text()
    assert text.startswith("Invalid: 1 violations, 0 warnings")
    assert f"VIOLATION: BTR <{BTR}>" in text
    assert "path:    cikg:headquarteredIn" in text
    assert "message: A headquarters is a cikg:Country" in text
    assert f"source:  Anode Report <{SOURCE}>" in text


def test_sources_that_disagree_on_headquarters_give_a_warning(valid_dataset):
    second_source(valid_dataset)
    g = assertion(valid_dataset, "00000000000000b1", "BTR (Japan)", source_graph=SOURCE_B_GRAPH,
                  source=SOURCE_B)
    g.add((BTR, CIKG.headquarteredIn, ID["country/jp"]))
    report = validate(valid_dataset)
    assert report.conforms
    [row] = report.results
    assert (row.focus, row.path, row.component, row.severity) == (
        str(BTR), "cikg:headquarteredIn", "MaxCount", "Warning")
    assert row.source == ", ".join(sorted([str(SOURCE), str(SOURCE_B)]))


def test_one_source_giving_two_headquarters_is_a_violation(valid_dataset):
    g = assertion(valid_dataset, "00000000000000b2", "BTR (Japan)")
    g.add((BTR, CIKG.headquarteredIn, ID["country/jp"]))
    report = validate(valid_dataset)
    assert not report.conforms
    [row] = report.violations
    assert (row.focus, row.path, row.component, row.source) == (
        str(BTR), "cikg:headquarteredIn", "cikg", str(SOURCE))
    assert "2 headquarters countries" in row.message
    assert [w.component for w in report.warnings] == ["MaxCount"]


def test_a_plain_graph_is_validated_without_sources():
    graph = Graph()
    for s, p, o, _ in build_valid().quads((None, None, None, None)):
        graph.add((s, p, o))
    graph.remove((BTR, RDFS.label, None))
    report = validate(graph)
    [row] = report.results
    assert (row.focus, row.path, row.source) == (str(BTR), "rdfs:label", "")


def test_merged_graph_types_assertion_graphs_by_their_iri(valid_dataset):
    name = URIRef("https://w3id.org/cikg/graph/source/anode-report/a/00000000000000c1")
    valid_dataset.graph(name).add((BTR, RDFS.comment, Literal("x")))
    merged = merged_graph(valid_dataset)
    assert (BTR, RDFS.comment, Literal("x")) in merged
    assert (name, None, CIKG.AssertionGraph) in merged


@pytest.mark.parametrize("bad", [None, "a graph", 42, {"s": "p"}])
def test_unusable_input_raises(bad):
    with pytest.raises(ValidationError, match="pass an rdflib Graph or Dataset"):
        validate(bad)


def test_undefined_terms_of_a_valid_graph(valid_dataset):
    assert undefined_terms(valid_dataset) == set()


def test_undefined_terms_finds_typos_anywhere():
    g = Graph()
    ns = "https://w3id.org/cikg/ontology#"
    g.add((BTR, URIRef(ns + "headquarteredin"), ID["country/cn"]))
    g.add((BTR, URIRef(ns + "year"), Literal("x", datatype=URIRef(ns + "Year4"))))
    g.add((URIRef(ns + "Thing"), RDFS.label, Literal("t")))
    assert undefined_terms(g) == {ns + "headquarteredin", ns + "Year4", ns + "Thing"}


def test_undefined_terms_rejects_other_input():
    with pytest.raises(ValidationError):
        undefined_terms([])


def test_report_text_of_a_valid_graph():
    assert ValidationReport(conforms=True, triples=5).to_text() == (
        "Valid: 0 violations, 0 warnings in 5 triples.\n")


def test_ten_thousand_triples_validate_in_seconds():
    data = build_large(500)
    assert len(list(data.quads((None, None, None, None)))) > 8000
    start = time.perf_counter()
    report = validate(data)
    elapsed = time.perf_counter() - start
    assert report.conforms, report.to_text()
    assert elapsed < 15, f"validation took {elapsed:.1f} s"
