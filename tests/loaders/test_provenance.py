"""Provenance in the store: every fact of a report or a table row sits in an assertion
graph whose metadata says who, where, as of when and how sure; reloads give the same
graph on every backend."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

import cikg
from cikg.loaders import load_source
from cikg.loaders.report import read_report
from tests.conftest import DATA, SAMPLE

from .table_helpers import GRAPH, ID, RDF_FIXTURES, XSD, dump, put_table

METADATA = """
PREFIX cikg: <https://w3id.org/cikg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?g (COUNT(DISTINCT ?src) AS ?sources) (COUNT(DISTINCT ?q) AS ?quotes)
       (COUNT(DISTINCT ?h) AS ?sections) (COUNT(DISTINCT ?m) AS ?methods)
       (COUNT(DISTINCT ?c) AS ?confidences) (COUNT(DISTINCT ?d) AS ?dates)
       (SAMPLE(?src) AS ?source) (SAMPLE(?q) AS ?quote) (SAMPLE(?s) AS ?start)
       (SAMPLE(?e) AS ?end) (SAMPLE(?d) AS ?as_of) (SAMPLE(?c) AS ?confidence)
       (SAMPLE(STR(DATATYPE(?d))) AS ?date_type) (SAMPLE(STR(DATATYPE(?c))) AS ?conf_type)
WHERE {
  ?g a cikg:AssertionGraph .
  OPTIONAL { ?g prov:wasDerivedFrom ?src } OPTIONAL { ?g cikg:quote ?q }
  OPTIONAL { ?g cikg:sectionHeading ?h } OPTIONAL { ?g cikg:method ?m }
  OPTIONAL { ?g cikg:confidence ?c } OPTIONAL { ?g cikg:asOf ?d }
  OPTIONAL { ?g cikg:startOffset ?s } OPTIONAL { ?g cikg:endOffset ?e }
} GROUP BY ?g"""


def test_every_report_fact_has_its_evidence(tmp_path):
    report = read_report(SAMPLE)
    with cikg.open(f"oxigraph:{tmp_path / 'store'}") as kg:
        kg.load(SAMPLE, vocabulary=False)
        meta = kg.sparql(METADATA)
        # the graphs that hold facts: the source graph, and assertion graphs only
        holding = set(kg.sparql("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                                "FILTER(!CONTAINS(STR(?g), '/graph/derived/')) }")["g"])
    source_graph = f"{GRAPH}source/anode-sodium-ion-2025-txt"
    assert holding == {source_graph, *meta["g"]}
    assert len(meta) > 40
    counts = meta[["sources", "quotes", "sections", "methods", "confidences", "dates"]]
    assert (counts == 1).all().all()
    assert set(meta["source"]) == {f"{ID}source/anode-sodium-ion-2025-txt"}
    assert set(meta["as_of"]) == {date(2025, 12, 12)}  # the report's published date
    assert set(meta["date_type"]) == {XSD + "date"}
    assert set(meta["conf_type"]) == {XSD + "decimal"}
    assert meta["confidence"].astype(float).between(0, 1).all()
    for start, end, quote in zip(meta["start"], meta["end"], meta["quote"], strict=True):
        # the stored offsets and quote round-trip to the report's text
        assert report.text[int(start):int(end)] == quote
        assert quote.strip()


def test_report_without_a_date_is_as_of_its_load(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("".join(line for line in SAMPLE.read_text("utf-8").splitlines(True)
                            if not line.startswith("datePublished")), encoding="utf-8")
    source = load_source(path)
    as_of = {q.object for q in source.quads()
             if q.predicate.value == "https://w3id.org/cikg/ontology#asOf"}
    assert {(a.value, a.datatype.value) for a in as_of} == {
        (source.loaded_at.date().isoformat(), XSD + "date")}


def test_every_table_fact_has_its_row(tmp_path):
    with cikg.open(f"oxigraph:{tmp_path / 'store'}") as kg:
        kg.load(put_table(tmp_path / "t"), vocabulary=False)
        meta = kg.sparql(METADATA)
        holding = set(kg.sparql("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                                "FILTER(!CONTAINS(STR(?g), '/graph/derived/')) }")["g"])
    assert holding == {f"{GRAPH}source/capacity-csv", *meta["g"]}
    assert len(meta) == 3
    counts = meta[["sources", "quotes", "sections", "methods", "confidences", "dates"]]
    assert (counts == 1).all().all()
    assert meta["start"].isna().all()  # a row is quoted whole, with no offsets
    assert set(meta["as_of"]) == {date(2025, 6, 30)}


@pytest.mark.parametrize("again", ["everything", "the table alone", "the report alone",
                                   "the trig alone"])
def test_loading_twice_gives_the_same_dump(any_spec, tmp_path, again):
    sources = tmp_path / "sources"
    shutil.copytree(DATA, sources)
    put_table(sources)
    for name in ("supplier.ttl", "graphs.trig"):
        shutil.copy(RDF_FIXTURES / name, sources / name)
    reload = {"everything": sources, "the table alone": sources / "capacity.csv",
              "the report alone": sources / SAMPLE.name,
              "the trig alone": sources / "graphs.trig"}[again]
    with cikg.open(any_spec) as kg:
        first = kg.load(sources)
        once = dump(kg, load_times=False)
        second = kg.load(reload, entities=sources / "entities.toml")
        twice = dump(kg, load_times=False)
    if again == "the report alone":
        # the report came first and minted its companies ("new entity"); alone, it finds
        # them in the table's graphs: the same companies, another reason on record
        reason = b"<https://w3id.org/cikg/ontology#matchReason>"
        changed = set(once) ^ set(twice)
        assert changed
        assert all(reason in line for line in changed)
        once, twice = ([line for line in d if reason not in line] for d in (once, twice))
    assert twice == once
    counts = {s.key: s.quads for s in first.sources}
    assert {s.key: s.quads for s in second.sources} == {
        s.key: counts[s.key] for s in second.sources}
