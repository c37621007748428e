"""Symptom: a table with nine bad rows reported "(and 4 more row errors)": the loader
stopped counting at five errors."""

from __future__ import annotations

import pytest

from cikg.errors import LoadError
from cikg.loaders import load_source


def test_count_of_further_row_errors_is_exact(tmp_path):
    rows = "".join(f"Company {i},{'Atlantis' if i % 2 else 'Japan'}\n" for i in range(18))
    (tmp_path / "t.csv").write_text("company,country\n" + rows)
    (tmp_path / "t.toml").write_text('[source]\ntitle = "t"\n[rows]\nname = "company"\n'
                                     'country = "country"\n')
    with pytest.raises(LoadError) as info:
        load_source(tmp_path / "t.csv")
    assert str(info.value) == (f"{tmp_path / 't.csv'}:3: country: unknown country "
                               "'Atlantis' (and 8 more row errors)")
