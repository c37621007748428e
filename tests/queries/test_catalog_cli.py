"""`cikg query` in process: the listing, formats, parameters, row cap and timeout."""

from __future__ import annotations

import csv
import io
import json

import pytest

from cikg.cli import main

from .test_catalog_headers import QUESTIONS


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_as_table(capsys):
    code, out, _ = run(capsys, "query", "--list")
    assert code == 0
    assert "Catalog queries" in out
    assert "suppliers-of-material" in out


def test_list_as_json(capsys):
    code, out, _ = run(capsys, "query", "--list", "--format", "json")
    assert code == 0
    listing = {row["name"]: row for row in json.loads(out)}
    assert set(QUESTIONS) <= set(listing)
    entry = listing["suppliers-of-material"]
    assert entry["parameters"] == "material (material)"
    assert entry["columns"] == "company_label, country, supplies, statements, company"
    assert entry["example"] == 'cikg query suppliers-of-material -p material="Hard carbon"'
    assert listing["market-cagr"]["parameters"] == \
        "market (market, optional); tolerance (decimal, optional, default=0.5)"


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown", "table"])
def test_formats(capsys, demo_store, fmt):
    code, out, err = run(capsys, "query", "companies-by-country", "-p", "country=CN",
                         "--store", demo_store, "--format", fmt)
    assert code == 0, err
    if fmt == "csv":
        assert list(csv.DictReader(io.StringIO(out))) == [
            {"country": "CN", "country_name": "China", "companies": "5",
             "names": "BTR; Hina Battery; Indigenous Energy Storage Technology; Shanshan; "
                      "Shinzoom Technology"}]
    elif fmt == "json":
        assert json.loads(out)[0]["companies"] == 5
    elif fmt == "markdown":
        assert out.splitlines()[0] == "| country | country_name | companies | names |"
    else:
        assert "China" in out


def test_entity_parameter_and_output_file(capsys, demo_store, tmp_path):
    target = tmp_path / "hard-carbon.csv"
    code, _, err = run(capsys, "query", "suppliers-of-material", "-p", "material=hard carbon",
                       "--store", demo_store, "--format", "csv", "-o", str(target))
    assert code == 0, err
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [r["company_label"] for r in rows] == [
        "BTR", "Hina Battery", "Indigenous Energy Storage Technology", "Kuraray", "Shanshan",
        "Shinzoom Technology", "Targray"]


def test_row_cap_warns(capsys, demo_store):
    code, out, err = run(capsys, "query", "landscape-edges", "--limit", "2", "--store",
                         demo_store, "--format", "csv")
    assert code == 0
    assert len(out.splitlines()) == 3
    assert "warning: result cut at 2 rows (--limit)" in err


def test_timeout_is_an_error(capsys, demo_store):
    code, _, err = run(capsys, "query", "evidence", "-p", "name=BTR", "--timeout", "0.00001",
                       "--store", demo_store)
    assert code == 2
    assert err.strip() == ("cikg: error: query evidence: timed out after 1e-05 s; raise the "
                           "timeout (--timeout, timeout=) or narrow the query with parameters")


def test_unknown_name_is_one_clear_error(capsys, demo_store):
    code, out, err = run(capsys, "query", "competitors", "-p", "company=Kurarai", "--store",
                         demo_store)
    assert code == 2
    assert out == ""
    assert err.strip() == ("cikg: error: query competitors: parameter company: no company "
                           "named 'Kurarai'; did you mean 'Kuraray', 'Kuraray Co., Ltd.'?")


def test_bad_parameter_syntax(capsys, demo_store):
    code, _, err = run(capsys, "query", "companies-by-country", "-p", "country", "--store",
                       demo_store)
    assert code == 2
    assert "is not key=value" in err
