"""Symptom: on the rdflib memory store a constant such as `cikg:sectionKind "faq"` never
matched, because loaded strings were typed xsd:string and rdflib keeps those apart."""

from __future__ import annotations

import pyoxigraph as ox

from cikg.store import SelectResult, open_store


def test_string_constants_match_on_memory():
    store = open_store("memory:")
    graph = ox.NamedNode("http://example.org/g")
    store.replace({graph}, [ox.Quad(ox.NamedNode("http://example.org/s"),
                                    ox.NamedNode("http://example.org/kind"),
                                    ox.Literal("faq"), graph)])
    result = store.query('SELECT ?s WHERE { ?s <http://example.org/kind> "faq" }')
    assert isinstance(result, SelectResult)
    assert [row[0].value for row in result.rows] == ["http://example.org/s"]
