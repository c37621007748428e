"""The demo graph and the fictional second report satisfy the shapes and use defined terms."""

from __future__ import annotations

import cikg
from cikg.cli import main
from cikg.validation import undefined_terms
from tests.conftest import FIXTURES


def test_demo_graph_has_zero_violations(demo_store, capsys):
    assert main(["validate", "--store", demo_store]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Valid: 0 violations")


def test_demo_graph_uses_only_defined_terms(demo_store):
    with cikg.open(demo_store, read_only=True) as kg:
        assert undefined_terms(kg.dataset()) == set()


def test_second_report_validates(tmp_path):
    with cikg.open(f"oxigraph:{tmp_path / 'store'}") as kg:
        kg.load(FIXTURES / "reports" / "r1_cathode.txt")
        report = kg.validate()
        assert undefined_terms(kg.dataset()) == set()
    assert report.conforms, report.to_text()


def test_violations_exit_1(tmp_path, capsys):
    spec = f"oxigraph:{tmp_path / 'store'}"
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix cikg: <https://w3id.org/cikg/ontology#> .\n"
                   "<https://w3id.org/cikg/id/company/x> a cikg:Company ;\n"
                   "  cikg:headquarteredIn <https://w3id.org/cikg/id/region/europe> .\n")
    assert main(["build", str(bad), "--store", spec]) == 0
    capsys.readouterr()
    assert main(["validate", "--store", spec]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Invalid: 2 violations")
    assert "A company needs a name (rdfs:label)" in out
