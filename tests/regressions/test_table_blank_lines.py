"""Symptom: a blank line in a CSV shifted the row numbers of every later row by one, in
errors ("t.csv:3" for the row on line 4) and in the sections of the rows' assertion
graphs; a blank row in a spreadsheet was an "empty name" error."""

from __future__ import annotations

import pandas as pd
import pytest

from cikg.errors import LoadError
from cikg.loaders import load_source

MAPPING = '[source]\ntitle = "t"\n[rows]\nname = "company"\ncountry = "country"\n'


def test_blank_lines_count_as_rows(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("company,country\nAcme,China\n\nBeta,Japan\n , \n\nGamma,Atlantis\n")
    (tmp_path / "t.toml").write_text(MAPPING)
    with pytest.raises(LoadError) as info:
        load_source(path)
    assert str(info.value) == f"{path}:7: country: unknown country 'Atlantis'"
    path.write_text("company,country\nAcme,China\n\nBeta,Japan\n")
    sections = {q.object.value for q in load_source(path).quads()
                if q.predicate.value.endswith("#sectionHeading")}
    assert sections == {"t.csv row 2", "t.csv row 4"}


def test_blank_spreadsheet_rows_are_skipped(tmp_path):
    frame = pd.DataFrame({"company": ["Acme", None, "Beta"], "country": ["China", None, "Japan"]})
    frame.to_excel(tmp_path / "t.xlsx", index=False)
    (tmp_path / "t.toml").write_text(MAPPING)
    sections = {q.object.value for q in load_source(tmp_path / "t.xlsx").quads()
                if q.predicate.value.endswith("#sectionHeading")}
    assert sections == {"t.xlsx row 2", "t.xlsx row 4"}
