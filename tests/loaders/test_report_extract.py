"""The market-report parser against the two samples and the variant reports.

Each report is parsed, rendered with ``Report.to_contract()`` and scored by the project's
scorer (a copy in ``tests/fixtures/score_extract.py``); every one must score 1.000.
"""

from __future__ import annotations

import json

import pytest

from cikg.loaders.records import BASE_FACETS
from cikg.loaders.report import parse_report, read_report

from .report_helpers import REPORTS, all_evidence, failures, score

CASES = [
    ("000_c6a839b301780e25.txt", "000_c6a839b301780e25.answers.json"),
    ("r1_cathode.txt", "r1_cathode.answers.json"),
    ("v01_eur_ul_technology.txt", "v01_eur_ul_technology.expected.json"),
    ("v02_jpy_br_demonyms.txt", "v02_jpy_br_demonyms.expected.json"),
    ("v03_inr_faq_only_paragraph.txt", "v03_inr_faq_only_paragraph.expected.json"),
    ("v04_krw_range_headings.txt", "v04_krw_range_headings.expected.json"),
    ("v05_gaps_warnings.txt", "v05_gaps_warnings.expected.json"),
    ("v06_nested_lead_bold_clauses.txt", "v06_nested_lead_bold_clauses.expected.json"),
    ("enc_utf16_bom.txt", "v01_eur_ul_technology.expected.json"),
    ("enc_cp1252.txt", "v03_inr_faq_only_paragraph.expected.json"),
]


@pytest.mark.parametrize(("report", "key"), CASES, ids=[c[0] for c in CASES])
def test_scores_perfect(report: str, key: str, tmp_path) -> None:
    parsed = read_report(REPORTS / report)
    result = score(REPORTS / key, parsed.to_contract(), tmp_path)
    assert result["score"] == 1.0, "\n".join(failures(result))


@pytest.mark.parametrize(("report", "key"), CASES, ids=[c[0] for c in CASES])
def test_expectations_beyond_the_scorer(report: str, key: str) -> None:
    parsed = read_report(REPORTS / report)
    expect = json.loads((REPORTS / key).read_text(encoding="utf-8")).get("_expect", {})
    warnings = [w for w in parsed.warnings if not w.startswith("not valid UTF-8")]
    if "warnings" in expect:
        if expect["warnings"]:
            for needle in expect["warnings"]:
                assert any(needle in w for w in warnings), (needle, warnings)
        else:
            assert warnings == []
    by_name = {c.name: c for c in parsed.companies}
    for name, aliases in expect.get("aliases", {}).items():
        assert set(aliases) <= set(by_name[name].aliases), by_name[name].aliases
    for year, (low, high) in expect.get("size_range", {}).items():
        point = next(s for s in parsed.sizes if s.year == int(year))
        assert (point.low, point.high) == (low, high)
        assert point.value == (low + high) / 2


@pytest.mark.parametrize("report", [c[0] for c in CASES])
def test_every_evidence_quotes_the_text(report: str) -> None:
    parsed = read_report(REPORTS / report)
    evidence = all_evidence(parsed)
    assert evidence
    for ev in evidence:
        assert parsed.text[ev.start:ev.end] == ev.quote, ev
        assert ev.section


@pytest.mark.parametrize("report", ["000_c6a839b301780e25.txt", "r1_cathode.txt"])
def test_contract_shape(report: str) -> None:
    out = read_report(REPORTS / report).to_contract()
    for key in ("source", "market", "companies", "segments", "regions",
                "countries_mentioned", "initiatives", "share_claims"):
        assert key in out
    assert set(out["source"]) >= {"title", "publisher", "published", "url"}
    assert set(out["market"]) >= {"name", "size", "cagr"}
    assert set(out["market"]["cagr"]) >= {"percent", "from_year", "to_year"}
    for point in out["market"]["size"]:
        assert set(point) >= {"year", "value", "currency", "kind"}
        assert point["kind"] in ("actual", "forecast")
        assert isinstance(point["value"], float)
        assert "value_usd" not in point  # the scorer would read it as USD
    for c in out["companies"]:
        assert set(c) >= {"name", "country", "aliases"}
    assert set(out["segments"]) >= set(BASE_FACETS)
    for i in out["initiatives"]:
        assert set(i) >= {"name", "sponsor", "country", "amount", "currency", "year"}
    for s in out["share_claims"]:
        assert set(s) >= {"companies", "percent", "year", "measure"}
    json.dumps(out)  # plain JSON types only


def test_sample_details() -> None:
    r = read_report(REPORTS / "000_c6a839b301780e25.txt")
    assert r.source.published.isoformat() == "2025-12-12"
    kinds = {s.kind for s in r.sections}
    assert {"insight", "driver", "restraint", "opportunity", "challenge", "trend",
            "competition", "region", "faq"} <= kinds
    drivers = [s.heading for s in r.sections if s.kind == "driver"]
    assert drivers[0] == ("Rising Demand for Sustainable Energy Storage Solutions to "
                          "Accelerate Market Growth")
    europe = next(x for x in r.regions if x.name == "Europe")
    assert europe.countries == ["DE", "FR"]
    btr = next(c for c in r.companies if c.name == "BTR")
    assert len(btr.mentions) >= 4
    assert btr.evidence.quote == "BTR (China)"
    assert [s.sponsor for s in r.standards][:1] == ["MIIT"]
    claim = r.share_claims[0]
    assert (claim.qualifier, claim.measure) == ("nearly", "revenue share")
    assert r.cagr.evidence.section == "MARKET INSIGHTS"
    assert [m.code for m in r.countries_mentioned][:3] == ["CN", "JP", "US"]


def test_second_sample_details() -> None:
    r = read_report(REPORTS / "r1_cathode.txt")
    azurite = next(c for c in r.companies if c.name.startswith("Azurite"))
    assert "Azurite Cell Chemicals" in azurite.aliases
    assert all(c.country for c in r.companies)
    kinds = {i.sponsor: i.country for i in r.initiatives}
    assert kinds["European Commission"] == "EU"
    assert "NZ" not in [m.code for m in r.countries_mentioned]  # only in the contact block
    assert r.text.count("\n") + 1 > 100


def test_parse_report_from_string_matches_read_report() -> None:
    path = REPORTS / "r1_cathode.txt"
    assert parse_report(path.read_text(encoding="utf-8")).to_contract() == \
        read_report(path).to_contract()


def test_crlf_and_bom_are_transparent(tmp_path) -> None:
    src = (REPORTS / "v01_eur_ul_technology.txt").read_text(encoding="utf-8")
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"\xef\xbb\xbf" + src.replace("\n", "\r\n").encode("utf-8"))
    assert read_report(p).to_contract() == read_report(
        REPORTS / "v01_eur_ul_technology.txt").to_contract()


def test_cp1252_is_decoded_with_a_warning() -> None:
    r = read_report(REPORTS / "enc_cp1252.txt")
    assert any(w.startswith("not valid UTF-8") and "cp1252" in w for w in r.warnings)
    assert "Türkiye" in r.text


def test_report_order_and_dedup_of_faq_repeats() -> None:
    r = read_report(REPORTS / "000_c6a839b301780e25.txt")
    assert [(s.year, s.kind) for s in r.sizes] == [(2024, "actual"), (2032, "forecast")]
    assert r.sizes[0].original_text == "USD 782.4 million"
