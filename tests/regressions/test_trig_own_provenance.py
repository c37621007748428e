"""Symptom: loading a TriG export of cikg graphs (each assertion graph already derived
from its report) recorded the file as a second prov:wasDerivedFrom of every graph, so
the evidence of every fact came back twice, once citing the report and once the file."""

from __future__ import annotations

import cikg

PREFIXES = """PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX cikg: <https://w3id.org/cikg/ontology#>
"""

EXPORT = """@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix cikg: <https://w3id.org/cikg/ontology#> .
@prefix ex: <http://example.org/> .
ex:claims { ex:acme cikg:supplies ex:hardCarbon }
ex:plants { ex:acme ex:plant ex:ningbo }
ex:meta { ex:claims prov:wasDerivedFrom ex:report ; cikg:quote "Acme supplies hard carbon." }
"""


def test_a_graph_with_its_own_source_is_imported_not_derived_from_the_file(tmp_path):
    path = tmp_path / "export.trig"
    path.write_text(EXPORT, "utf-8")
    with cikg.open(f"oxigraph:{tmp_path / 'store'}") as kg:
        kg.load(path, derive=False)
        sources = kg.sparql(PREFIXES + "SELECT ?src WHERE { <http://example.org/claims> "
                            "prov:wasDerivedFrom ?src }")
        assert sources["src"].tolist() == ["http://example.org/report"]
        imported = kg.sparql(PREFIXES + "SELECT ?g WHERE { ?g cikg:importedFrom ?file }")
        assert imported["g"].tolist() == ["http://example.org/claims"]
        # a graph without a source of its own is still derived from the file
        plain = kg.sparql(PREFIXES + "SELECT ?src WHERE { <http://example.org/plants> "
                          "prov:wasDerivedFrom ?src }")
        assert plain["src"].tolist() == ["https://w3id.org/cikg/id/source/export-trig"]
        # reloading a version without the graph drops it: the file still owns it
        path.write_text(EXPORT.replace("ex:claims { ex:acme cikg:supplies ex:hardCarbon }\n",
                                       ""), "utf-8")
        kg.load(path, derive=False)
        assert "http://example.org/claims" not in {g.value for g in kg.store.graphs()}
