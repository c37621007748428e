"""Symptom: ``published = 2025-06-30T10:00:00`` (a TOML date-time) was taken for a date,
and every row's as-of date was stored as an xsd:dateTime instead of an xsd:date."""

from __future__ import annotations

import pytest

from cikg.errors import LoadError
from cikg.loaders.mapping import read_mapping


def test_published_must_be_a_date(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text('[source]\ntitle = "t"\npublished = 2025-06-30T10:00:00\n'
                    '[rows]\nname = "company"\n')
    with pytest.raises(LoadError) as info:
        read_mapping(path)
    assert str(info.value) == (f"{path}: source.published: must be a date (YYYY-MM-DD), not "
                               "datetime.datetime(2025, 6, 30, 10, 0)")
