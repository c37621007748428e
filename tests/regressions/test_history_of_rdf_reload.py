"""Symptom: reloading a changed RDF file (no assertion graphs) recorded every fact of the
whole store as removed, because the old-state query matched GRAPH ?g with ?g unbound."""

from __future__ import annotations

import cikg
from tests.conftest import SAMPLE

CHANGES = """PREFIX cikg: <https://w3id.org/cikg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?change ?o WHERE { ?f cikg:change ?change ; rdf:object ?o } ORDER BY ?change"""


def test_rdf_reload_records_only_its_own_facts(tmp_path):
    doc = tmp_path / "extra.ttl"
    doc.write_text('<http://example.org/a> <http://example.org/p> "one" .\n', "utf-8")
    with cikg.open(f"oxigraph:{tmp_path / 'store'}") as kg:
        kg.load(SAMPLE, doc)
        doc.write_text('<http://example.org/a> <http://example.org/p> "two" .\n', "utf-8")
        kg.load(doc)
        changes = kg.sparql(CHANGES)
    assert changes.values.tolist() == [["added", "two"], ["removed", "one"]]
