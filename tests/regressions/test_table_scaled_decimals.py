"""Symptom: a currency figure with ``scale = 1e6`` stored "2.01" as
2009999.9999999998 (binary float arithmetic), not 2010000."""

from __future__ import annotations

from cikg.loaders import load_source


def test_scaled_amounts_are_exact(tmp_path):
    (tmp_path / "revenue.csv").write_text("company,revenue,year\nAcme,2.01,2025\n"
                                          "Beta,\"1,234.56\",2025\nGamma,0.067,2025\n")
    (tmp_path / "revenue.toml").write_text(
        '[source]\ntitle = "t"\n[rows]\nname = "company"\n'
        '[columns.revenue]\nmeasure = "revenue"\ncurrency = "EUR"\nscale = 1e6\nyear = "year"\n')
    values = sorted(q.object.value for q in load_source(tmp_path / "revenue.csv").quads()
                    if q.predicate.value.endswith("#value"))
    assert values == ["1234560000", "2010000", "67000"]
