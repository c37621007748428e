"""`cikg entities`, `cikg evidence` on the demo store, and `cikg build` of a broken table.

The expected rows are written by hand from ``data/``: the report lists eleven companies,
the table names six of them again (two under their full names, joined by
``data/entities.toml``; Kuraray by its normalized name).
"""

from __future__ import annotations

import io
import json
import shutil

import pandas as pd
import pytest

import cikg
from cikg.cli import main
from tests.conftest import DATA

ID = "https://w3id.org/cikg/id/company/"
REPORT, TABLE = "anode-sodium-ion-2025.txt", "anode-capacity-illustrative.csv"
TABLE_TITLE = "Illustrative hard/soft carbon capacity by company, 2025 (demo data, not sourced)"
REPORT_TITLE = ("Anode Material for Sodium-ion Battery Market, Global Outlook and Forecast "
                "2025-2032")
BOTH = {REPORT, TABLE}

#: slug -> (label, country, aliases, sources, names matched, reasons), from data/.
ENTITIES = {
    "btr": ("BTR", "CN", {"BTR New Material Group Co., Ltd."}, BOTH,
            {"BTR", "BTR New Material Group Co., Ltd."}, {"new entity", "user override: same"}),
    "hina-battery": ("Hina Battery", "CN", {"HiNa Battery Technology Co., Ltd."}, BOTH,
                     {"Hina Battery", "HiNa Battery Technology Co., Ltd."},
                     {"new entity", "user override: same"}),
    "indigenous-energy-storage-technology": (
        "Indigenous Energy Storage Technology", "CN", set(), {REPORT},
        {"Indigenous Energy Storage Technology"}, {"new entity"}),
    "kaijin": ("KAIJIN", "JP", set(), {REPORT}, {"KAIJIN"}, {"new entity"}),
    "kuraray": ("Kuraray", "JP", {"Kuraray Co., Ltd."}, BOTH, {"Kuraray", "Kuraray Co., Ltd."},
                {"new entity", "same normalized name"}),
    "mse-supplies": ("MSE Supplies LLC", "US", set(), {REPORT}, {"MSE Supplies LLC"},
                     {"new entity"}),
    "nei": ("NEI", "US", set(), {REPORT}, {"NEI"}, {"new entity"}),
    "phillips-66": ("Phillips 66", "US", set(), BOTH, {"Phillips 66"},
                    {"new entity", "same normalized name"}),
    "shanshan": ("Shanshan", "CN", set(), BOTH, {"Shanshan"},
                 {"new entity", "same normalized name"}),
    "shinzoom-technology": ("Shinzoom Technology", "CN", set(), {REPORT},
                            {"Shinzoom Technology"}, {"new entity"}),
    "targray": ("Targray", "CA", set(), BOTH, {"Targray"},
                {"new entity", "same normalized name"}),
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("cikg: error: ")
    assert "Traceback" not in err
    return lines[0].removeprefix("cikg: error: ")


def names(cell: object) -> set[str]:
    """A '; '-joined list cell as a set (empty cell: empty set)."""
    return set() if cell is None or pd.isna(cell) or cell == "" else set(str(cell).split("; "))


def entity_rows(frame: pd.DataFrame) -> dict[str, tuple]:
    rows = {}
    for row in frame.itertuples(index=False):
        rows[row.company.removeprefix(ID)] = (
            row.label, row.country, names(row.aliases), names(row.sources),
            names(row.names_matched), names(row.reasons))
        assert float(row.min_score) == 1.0  # the demo has no fuzzy match
    return rows


def test_entities_lists_every_company(capsys, demo_store):
    code, out, err = run(capsys, "entities", "--store", demo_store, "--format", "csv")
    assert (code, err) == (0, "")
    frame = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert frame.columns.tolist() == ["company", "label", "country", "aliases", "sources",
                                      "names_matched", "min_score", "reasons"]
    assert entity_rows(frame) == ENTITIES
    assert frame["label"].str.lower().tolist() == sorted(frame["label"].str.lower())


@pytest.mark.parametrize(("name", "slugs"), [
    ("btr", ["btr"]),
    ("NEW MATERIAL", ["btr"]),  # an alias, any case
    ("co., ltd.", ["btr", "hina-battery", "kuraray"]),
    ("Phillips", ["phillips-66"]),
])
def test_entities_with_a_name(capsys, demo_store, name, slugs):
    code, out, err = run(capsys, "entities", name, "--store", demo_store, "--format", "json")
    assert (code, err) == (0, "")
    frame = pd.DataFrame(json.loads(out))
    assert entity_rows(frame) == {slug: ENTITIES[slug] for slug in slugs}


def evidence(capsys, store: str, name: str) -> pd.DataFrame:
    code, out, err = run(capsys, "evidence", name, "--store", store, "--format", "csv")
    assert (code, err) == (0, "")
    frame = pd.read_csv(io.StringIO(out), keep_default_na=False, dtype=str)
    assert frame.columns.tolist() == ["subject", "predicate", "object", "quote", "section",
                                      "document", "as_of"]
    return frame


def test_evidence_about_a_company(capsys, demo_store):
    frame = evidence(capsys, demo_store, "targray")
    rows = set(frame.itertuples(index=False, name=None))
    row7 = ("company=Targray; material=Hard carbon; application=Medical instruments; "
            "capacity_t=500; year=2025; country=Canada")
    table = (row7, f"{TABLE} row 7", TABLE_TITLE, "2025-12-31")
    # the table's row 7 says exactly this
    assert {r for r in rows if r[4] == f"{TABLE} row 7"} == {
        ("Targray", "headquarteredIn", "Canada", *table),
        ("Targray", "supplies", "Hard carbon", *table),
        ("Targray", "serves", "Medical instruments", *table),
        ("production capacity of Targray, 2025", "company", "Targray",
         *table),
    }
    # and the report's company list gives the country, as of the report's date
    listed = ("Targray (Canada)", "List of Key Anode Material for Sodium-ion Battery "
              "Companies Profiled", REPORT_TITLE, "2025-12-12")
    assert ("Targray", "headquarteredIn", "Canada", *listed) in rows
    assert {r[5] for r in rows} == {REPORT_TITLE, TABLE_TITLE}
    # every row quotes its source
    assert all(r[3] for r in rows)


def test_evidence_by_alias_is_the_same_entity(capsys, demo_store):
    by_alias = evidence(capsys, demo_store, "btr new material group co., ltd.")
    by_label = evidence(capsys, demo_store, "BTR")
    pd.testing.assert_frame_equal(by_alias, by_label)
    table_rows = by_label[by_label["section"] == f"{TABLE} row 2"]
    assert sorted(zip(table_rows["predicate"], table_rows["object"], strict=True)) == [
        ("company", "BTR"), ("headquarteredIn", "China"), ("serves", "Consumer electronics"),
        ("serves", "Power tools"), ("supplies", "Hard carbon")]


def test_evidence_about_an_unknown_entity(capsys, demo_store):
    code, out, err = run(capsys, "evidence", "Nosuch Anodes", "--store", demo_store)
    assert (code, out) == (2, "")
    assert "no entity named 'Nosuch Anodes'" in one_error_line(err)


def _dump(spec: str) -> bytes:
    buffer = io.BytesIO()
    with cikg.open(spec, read_only=True) as kg:
        kg.export(buffer, format="nquads")
    return buffer.getvalue()


def test_build_of_a_broken_table_changes_nothing(capsys, tmp_path):
    spec = f"oxigraph:{tmp_path / 'store'}"
    sources = tmp_path / "data"
    shutil.copytree(DATA, sources)
    code, _, _ = run(capsys, "build", str(sources), "--store", spec)
    assert code == 0
    before = _dump(spec)
    table = sources / TABLE
    text = table.read_text("utf-8").replace('Shanshan,China,Hard carbon,Consumer electronics,'
                                            '"6,000"', 'Shanshan,China,Hard carbon,'
                                            'Consumer electronics,"6,000 t"')
    table.write_text(text, "utf-8")
    code, out, err = run(capsys, "build", str(sources), "--store", spec)
    assert (code, out) == (2, "")
    assert one_error_line(err) == f"{table}:4: capacity_t: '6,000 t' is not a number"
    assert _dump(spec) == before
