"""Reloading a changed source records what it added and removed."""

from __future__ import annotations

import shutil

import cikg
from tests.conftest import SAMPLE

CHANGES = """
PREFIX cikg: <https://w3id.org/cikg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?change ?s ?p ?o WHERE {
  ?f cikg:change ?change ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o
} ORDER BY ?change ?s ?p ?o"""
ID = "https://w3id.org/cikg/id/"


def test_reload_records_added_and_removed_facts(any_spec, tmp_path):
    report = tmp_path / "report.txt"
    shutil.copy(SAMPLE, report)
    with cikg.open(any_spec) as kg:
        kg.load(report)
        kg.load(report)  # unchanged: nothing recorded
        assert kg.sparql(CHANGES).empty
        report.write_text(report.read_text("utf-8").replace("(Canada)", "(Mexico)"), "utf-8")
        kg.load(report)
        changes = kg.sparql(CHANGES)
        kg.load(report)  # the history survives a further reload
        assert len(kg.sparql(CHANGES)) == len(changes)
    hq = changes[changes["p"].str.endswith("#headquarteredIn")]
    assert hq[["change", "s", "o"]].values.tolist() == [
        ["added", ID + "company/targray", ID + "country/mx"],
        ["removed", ID + "company/targray", ID + "country/ca"]]
    assert set(changes["change"]) == {"added", "removed"}
    assert len(changes) == 4  # HQ and the country mention, each in and out
