"""Symptom: an ill-formed RDF/XML file (an unclosed element) gave "file: RDF syntax
error: ill-formed document: ..." with no line: the RDF/XML parser reports none."""

from __future__ import annotations

import pytest

from cikg.errors import LoadError
from cikg.loaders import load_source


def test_ill_formed_xml_names_the_line(tmp_path):
    path = tmp_path / "bad.rdf"
    path.write_text('<?xml version="1.0"?>\n'
                    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
                    '  <rdf:Description rdf:about="http://e/a">\n'
                    '    <rdf:value>1</rdf:value>\n'
                    '</rdf:RDF>\n')
    with pytest.raises(LoadError) as info:
        load_source(path)
    assert info.value.line == 5
    assert str(info.value).startswith(f"{path}:5: RDF syntax error: ill-formed document")
