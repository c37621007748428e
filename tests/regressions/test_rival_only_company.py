"""Symptom: a company named only in a ``competesWith`` column got neither a type nor a
label, so the graph broke the shape "a company competes with a cikg:Company" and the
company was missing from ``cikg entities``; a row naming its own company as a rival was
loaded (a company competing with itself)."""

from __future__ import annotations

import pytest

import cikg
from cikg.errors import LoadError

MAPPING = ('[source]\ntitle = "t"\n[rows]\nname = "company"\n'
           '[columns.rivals]\nrelation = "competesWith"\n')


def test_rival_only_company_is_a_named_company(tmp_path):
    (tmp_path / "t.csv").write_text("company,rivals\nAcme,Zenith Corp.;Beta\nBeta,\n"
                                    "Gamma,Zenith Corporation\n")
    (tmp_path / "t.toml").write_text(MAPPING)
    with cikg.open("memory:") as kg:
        kg.load(tmp_path / "t.csv")
        frame = kg.query("entities")
        report = kg.validate()
        labels = kg.sparql("SELECT ?c ?l WHERE { ?c a <https://w3id.org/cikg/ontology#Company> ;"
                           " <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    assert report.violations == [], report.to_text()
    assert sorted(frame["label"]) == ["Acme", "Beta", "Gamma", "Zenith Corp."]
    zenith = labels[labels["l"] == "Zenith Corp."]["c"].tolist()
    assert zenith == ["https://w3id.org/cikg/id/company/zenith"]


def test_a_company_does_not_compete_with_itself(tmp_path):
    (tmp_path / "t.csv").write_text("company,rivals\nAcme Inc.,Beta;ACME\n")
    (tmp_path / "t.toml").write_text(MAPPING)
    with cikg.open("memory:") as kg, pytest.raises(LoadError) as info:
        kg.load(tmp_path / "t.csv", vocabulary=False)
    assert str(info.value) == (f"{tmp_path / 't.csv'}:2: rivals: 'ACME' is the row's own "
                               "company: a company does not compete with itself")
