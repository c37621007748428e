"""Symptom: a mapping with ``unit = "TONNE PER YR"`` or ``currency = "US D"`` passed the
mapping check and crashed the write with "ValueError: Invalid IRI code point ' '" (a
traceback, not a LoadError); ``currency = "dollars"`` became the IRI unit:CCY_DOLLARS."""

from __future__ import annotations

import pytest

from cikg.errors import LoadError
from cikg.loaders.mapping import read_mapping

BASE = '[source]\ntitle = "t"\n[rows]\nname = "company"\n[columns.v]\nmeasure = "m"\n'


@pytest.mark.parametrize(("line", "message"), [
    ('unit = "TONNE PER YR"', "columns.v.unit: 'TONNE PER YR' is not a QUDT unit name "
     "(such as TONNE-PER-YR)"),
    ('currency = "US D"', "columns.v.currency: 'US D' is not an ISO 4217 currency code "
     "(such as USD)"),
    ('currency = "dollars"', "columns.v.currency: 'dollars' is not an ISO 4217 currency "
     "code (such as USD)"),
])
def test_unit_and_currency_are_checked(tmp_path, line, message):
    path = tmp_path / "t.toml"
    path.write_text(BASE + line + "\n")
    with pytest.raises(LoadError) as info:
        read_mapping(path)
    assert str(info.value) == f"{path}: {message}"
