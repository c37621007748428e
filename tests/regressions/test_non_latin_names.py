"""Symptom: every company named in a non-Latin script got the IRI .../company/x, so two
Chinese names became one company."""

from __future__ import annotations

from cikg.ontology.ids import entity_iri


def test_non_latin_names_get_distinct_iris():
    first, second = entity_iri("company", "贝特瑞"), entity_iri("company", "杉杉股份")
    assert first != second
    assert first.value.endswith("/company/贝特瑞")
    assert entity_iri("company", "Müller") == entity_iri("company", "MULLER")
