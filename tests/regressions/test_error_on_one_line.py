"""Symptom (found by the table fuzzer): a header cell holding a line break gave a
two-line error ("... columns are \\n, country"), and so did a mapping whose column name
held one (``name = "a\\nb"``): the CLI's one-line error broke across lines."""

from __future__ import annotations

import pytest

from cikg.errors import LoadError
from cikg.loaders import load_source


def error_of(tmp_path, csv_text: str, mapping: str) -> str:
    (tmp_path / "t.csv").write_text(csv_text)
    (tmp_path / "t.toml").write_text(mapping)
    with pytest.raises(LoadError) as info:
        load_source(tmp_path / "t.csv")
    return str(info.value)


def test_header_with_a_line_break(tmp_path):
    message = error_of(tmp_path, '"\n",country\nAcme,China\n',
                       '[source]\ntitle = "t"\n[rows]\nname = "company"\n')
    assert message == (f"{tmp_path / 't.csv'}:1: company: no column 'company', which the "
                       "mapping t.toml names; columns are '\\n', country")


def test_mapping_column_with_a_line_break(tmp_path):
    message = error_of(tmp_path, "company\nAcme\n",
                       '[source]\ntitle = "t"\n[rows]\nname = "com\\npany"\n')
    assert message == (f"{tmp_path / 't.toml'}: rows.name: must be one line of text, not "
                       "'com\\npany'")
