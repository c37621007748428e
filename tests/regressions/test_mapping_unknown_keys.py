"""Symptom: a misspelt mapping key was silently ignored: ``contry = "country"`` under
[rows] loaded every company without its country, ``yaer = "year"`` loaded figures without
their year, ``publised = ...`` dated every fact with the load date."""

from __future__ import annotations

import pytest

from cikg.errors import LoadError
from cikg.loaders.mapping import read_mapping


@pytest.mark.parametrize(("text", "field"), [
    ('[source]\ntitle = "t"\n[rows]\nname = "company"\ncontry = "country"\n', "rows.contry"),
    ('[source]\ntitle = "t"\npublised = "2025-01-01"\n[rows]\nname = "company"\n',
     "source.publised"),
    ('[source]\ntitle = "t"\n[rows]\nname = "company"\n[columns.cap]\nmeasure = "m"\n'
     'unit = "TONNE"\nyaer = "year"\n', "columns.cap.yaer"),
])
def test_misspelt_key_is_an_error(tmp_path, text, field):
    path = tmp_path / "t.toml"
    path.write_text(text)
    with pytest.raises(LoadError) as info:
        read_mapping(path)
    assert info.value.field == field
    assert str(info.value).startswith(f"{path}: {field}: unknown key ")
