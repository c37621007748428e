"""Shared helpers of the market-report parser tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cikg.loaders.records import Evidence, Report

REPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "reports"
SCORER = Path(__file__).resolve().parent.parent / "fixtures" / "score_extract.py"


def score(key: Path, contract: dict, tmp_path: Path) -> dict:
    """Run the project's scorer on `contract` against `key`; returns its --json result."""
    out = tmp_path / f"{key.stem}.out.json"
    out.write_text(json.dumps(contract, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run([sys.executable, str(SCORER), str(key), str(out), "--json"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def failures(result: dict) -> list[str]:
    """Readable missed/extra items of every imperfect field."""
    lines = []
    for f in result["fields"]:
        if f["f1"] < 1:
            lines += [f"{f['field']}: missed {m}" for m in f["missed"]]
            lines += [f"{f['field']}: extra {e}" for e in f["extra"]]
    return lines


def all_evidence(report: Report) -> list[Evidence]:
    """Every Evidence a report carries."""
    evs: list[Evidence] = [s.evidence for s in report.sizes]
    if report.cagr:
        evs.append(report.cagr.evidence)
    for c in report.companies:
        evs += ([c.evidence] if c.evidence else []) + list(c.mentions)
    evs += [s.evidence for items in report.segments.values() for s in items]
    evs += [r.evidence for r in report.regions]
    evs += [c.evidence for c in report.countries_mentioned]
    evs += [i.evidence for i in report.initiatives + report.standards]
    evs += [s.evidence for s in report.share_claims]
    evs += [s.evidence for s in report.sections]
    return evs
