"""``cikg analyze``: each command in-process on a built demo store."""

from __future__ import annotations

import csv
import io
import json

import pytest

from cikg.cli import main

from .conftest import DATA


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    spec = f"oxigraph:{tmp_path_factory.mktemp('cli') / 'store'}"
    assert main(["build", str(DATA), "--store", spec]) == 0
    return spec


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_competition_csv(capsys, store):
    code, out, _ = run(capsys, "analyze", "competition", "--store", store, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["a", "a_label", "b", "b_label", "weight", "asserted", "reasons"]
    assert {"MSE Supplies LLC", "Targray"} in [{r["a_label"], r["b_label"]} for r in rows]


@pytest.mark.parametrize("command", [["centrality"], ["communities"], ["similarity"],
                                     ["concentration"], ["dependence", "--part", "regions"]])
def test_each_analysis_prints_json(capsys, store, command):
    code, out, _ = run(capsys, "analyze", *command, "--store", store, "--format", "json")
    assert code == 0
    assert isinstance(json.loads(out), list)
    assert json.loads(out)


def test_dependence_all_parts(capsys, store):
    code, out, _ = run(capsys, "analyze", "dependence", "--store", store, "--format", "json")
    assert code == 0
    assert set(json.loads(out)) == {"shares", "risks", "regions"}
    code, out, _ = run(capsys, "analyze", "dependence", "--store", store)
    assert code == 0
    assert "Dependence: regions" in out
    assert "South America" in out
    code, _, err = run(capsys, "analyze", "dependence", "--store", store, "--format", "csv")
    assert code == 2
    assert "choose --part" in err


def test_table_hides_iri_columns_and_limit_cuts(capsys, store):
    code, out, err = run(capsys, "analyze", "competition", "--store", store, "--limit", "1")
    assert code == 0
    assert "https://" not in out
    assert "showing 1 of" in err


def test_path_and_ego(capsys, store):
    code, out, _ = run(capsys, "analyze", "path", "Targray", "MSE Supplies LLC", "--store", store,
                       "--format", "csv", "--k", "1")
    assert code == 0
    assert "North America" in out
    code, out, _ = run(capsys, "analyze", "ego", "North America", "--depth", "1", "--store",
                       store, "--format", "csv")
    assert code == 0
    assert "Targray" in out
    assert "includesCountry" in out


def test_errors_are_one_line(capsys, store):
    code, _, err = run(capsys, "analyze", "ego", "Nobody At All", "--store", store)
    assert code == 2
    assert err.startswith("cikg: error: ")
    assert "Traceback" not in err


def test_no_write_leaves_no_derived_graph(capsys, store):
    code, out, _ = run(capsys, "sparql", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH "
                       "<https://w3id.org/cikg/graph/derived/similarity> { ?s ?p ?o } }",
                       "--store", store, "--format", "csv")
    before = out
    assert run(capsys, "analyze", "similarity", "--min", "0.9", "--no-write", "--store",
               store)[0] == 0
    code, out, _ = run(capsys, "sparql", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH "
                       "<https://w3id.org/cikg/graph/derived/similarity> { ?s ?p ?o } }",
                       "--store", store, "--format", "csv")
    assert out == before
