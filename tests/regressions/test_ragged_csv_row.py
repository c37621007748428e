"""Symptom: a CSV row with more cells than the header failed with "t.csv: cannot read
the table: Error tokenizing data. C error: Expected 2 fields in line 4, saw 3": the line
was buried in pandas' message instead of standing in the ``file:line`` position."""

from __future__ import annotations

import pytest

from cikg.errors import LoadError
from cikg.loaders import load_source


def test_extra_cell_names_the_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("company,country\nAcme,China\nBeta,Japan\nGamma, Inc,Japan\n")
    (tmp_path / "t.toml").write_text('[source]\ntitle = "t"\n[rows]\nname = "company"\n')
    with pytest.raises(LoadError) as info:
        load_source(path)
    assert str(info.value) == (f"{path}:4: 3 cells where the header has 2; quote cells "
                               "that hold commas")
    assert info.value.line == 4
