"""Symptom: a country in an ``activeIn`` column ("China; Europe") was refused with
"'China' is not a known Region label", although a company is active in a region or a
country (the data model and the shapes allow both)."""

from __future__ import annotations

from cikg.loaders import load_source


def test_countries_and_regions_in_active_in(tmp_path):
    (tmp_path / "t.csv").write_text('company,markets\nAcme,"China; Europe;USA"\n')
    (tmp_path / "t.toml").write_text('[source]\ntitle = "t"\n[rows]\nname = "company"\n'
                                     '[columns.markets]\nrelation = "activeIn"\n')
    places = {q.object.value for q in load_source(tmp_path / "t.csv").quads()
              if q.predicate.value.endswith("#activeIn")}
    assert places == {"https://w3id.org/cikg/id/country/cn", "https://w3id.org/cikg/id/country/us",
                      "https://w3id.org/cikg/id/region/europe"}
