"""Symptom: a Parquet table with a null cell failed with "'nan' is not a known Region
label" (or minted a company called "nan"), and a year column holding a null, which pandas
makes float, failed with "'2025.0' is not a year"."""

from __future__ import annotations

import pandas as pd

from cikg.loaders import load_source


def test_nulls_are_empty_and_float_years_are_years(tmp_path):
    frame = pd.DataFrame({"company": ["Acme", "Beta"], "region": ["Europe", None],
                          "capacity": [10.0, None], "year": [2025.0, None]})
    frame.to_parquet(tmp_path / "t.parquet")
    (tmp_path / "t.toml").write_text(
        '[source]\ntitle = "t"\n[rows]\nname = "company"\n[columns.region]\n'
        'relation = "activeIn"\n[columns.capacity]\nmeasure = "capacity"\n'
        'unit = "TONNE-PER-YR"\nyear = "year"\n')
    quads = list(load_source(tmp_path / "t.parquet").quads())
    labels = {q.object.value for q in quads if q.predicate.value.endswith("#label")
              and "/company/" in q.subject.value}
    assert labels == {"Acme", "Beta"}
    years = [q.object.value for q in quads if q.predicate.value.endswith("#year")]
    assert years == ["2025"]
    quotes = {q.object.value for q in quads if q.predicate.value.endswith("#quote")}
    assert quotes == {"company=Acme; region=Europe; capacity=10; year=2025",
                      "company=Beta; region=; capacity=; year="}
