"""``cikg ask`` and ``cikg brief`` in process: output, files, exit codes, error lines."""

from __future__ import annotations

import json

import pytest

from cikg.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_ask_json(capsys, demo_store):
    code, out, _ = run(capsys, "ask", "which companies supply hard carbon in China?",
                       "--store", demo_store, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert {"answer", "evidence", "queries"} <= set(data)
    assert {r["company_label"] for r in data["answer"]} == {
        "BTR", "Hina Battery", "Indigenous Energy Storage Technology", "Shanshan",
        "Shinzoom Technology"}
    assert all(e["quote"] for e in data["evidence"])
    assert any(q["name"] == "suppliers-of-material" and "SELECT" in q["sparql"]
               for q in data["queries"])


def test_ask_table(capsys, demo_store):
    code, out, _ = run(capsys, "ask", "who leads the market?", "--store", demo_store)
    assert code == 0
    assert "Sources name BTR and Hina Battery as leaders" in out
    assert "Evidence" in out
    assert "PREFIX cikg:" in out


def test_ask_cannot_answer_exits_1(capsys, demo_store):
    code, out, _ = run(capsys, "ask", "what is the weather in Paris?", "--store", demo_store)
    assert code == 1
    assert "I cannot answer that yet" in out
    assert "Questions I can answer that come closest:" in out


def test_ask_list(capsys):
    code, out, _ = run(capsys, "ask", "--list")
    assert code == 0
    assert "suppliers: Which companies supply {material} (in {place})?" in out
    assert len(out.splitlines()) >= 20


def test_brief_to_stdout(capsys, demo_store):
    code, out, _ = run(capsys, "brief", "material", "hard carbon", "--store", demo_store)
    assert code == 0
    assert out.startswith("# Material briefing: Hard carbon\n")
    assert "7 companies supply Hard carbon" in out
    assert "## Citations" in out


def test_brief_writes_stem(capsys, demo_store, tmp_path):
    stem = tmp_path / "out" / "market"
    code, out, err = run(capsys, "brief", "market", "--store", demo_store, "-o", str(stem))
    assert code == 0
    assert out == ""
    assert f"wrote {stem}.md" in err
    assert f"wrote {stem}.html" in err
    page = (tmp_path / "out" / "market.html").read_text(encoding="utf-8")
    assert "<iframe class=\"view\"" in page
    assert "17.6 %" in (tmp_path / "out" / "market.md").read_text(encoding="utf-8")


def test_brief_unknown_subject_is_one_error_line(capsys, demo_store):
    code, _, err = run(capsys, "brief", "region", "Atlantis", "--store", demo_store)
    assert code == 2
    assert err.strip().splitlines() == [
        "cikg: error: no region named 'Atlantis'; the graph has 13"] or \
        err.startswith("cikg: error: no region named 'Atlantis'")


def test_brief_unknown_kind_is_usage_error(capsys, demo_store):
    code, _, err = run(capsys, "brief", "planet", "--store", demo_store)
    assert code == 2
    assert "planet" in err
