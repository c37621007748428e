"""Symptom: a JSON-LD file whose @context is a URL failed with "RDF syntax error: No
LoadDocumentCallback has been set to load remote contexts", which names neither the
context nor the fix (cikg never fetches URLs: the context belongs in the file)."""

from __future__ import annotations

import pytest

from cikg.errors import LoadError
from cikg.loaders import load_source


@pytest.mark.parametrize("context", ['"https://schema.org/"',
                                     '["https://w3id.org/x/context.jsonld", {"a": "b"}]'])
def test_remote_context_is_named(tmp_path, context):
    path = tmp_path / "org.jsonld"
    path.write_text('{"@context": ' + context + ', "@id": "http://example.org/a", "name": "A"}')
    with pytest.raises(LoadError) as info:
        load_source(path)
    url = context.split('"')[1]
    assert str(info.value) == (f"{path}: JSON-LD context {url!r} is remote: cikg never "
                               "fetches URLs; put the context in the file")
