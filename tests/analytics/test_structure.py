"""CR-n and HHI bounds from share claims, never inventing shares."""

from __future__ import annotations

import pandas as pd
import pytest

from cikg.analytics import concentration, hhi_class


def claims(*rows: tuple[str, float, tuple[str, ...]], measure: str = "market share"):
    out = []
    for claim, percent, companies in rows:
        out += [{"claim": claim, "market": "m", "market_label": "Widgets", "measure": measure,
                 "year": 2024, "percent": percent, "company": c, "company_label": c.upper(),
                 "quote": f"{claim} says {percent}%", "document": "Report"} for c in companies]
    return pd.DataFrame(out)


def test_individual_claims_by_hand():
    out = concentration(claims(("c1", 40.0, ("a",)), ("c2", 30.0, ("b",)), ("c3", 10.0, ("c",)),
                               ("c4", 5.0, ("d",)), ("c5", 5.0, ("e",))), n=4).iloc[0]
    assert out["coverage"] == 90.0
    assert out["cr_n_min"] == 85.0  # 40 + 30 + 10 + 5
    assert out["hhi_min"] == 40**2 + 30**2 + 10**2 + 5**2 + 5**2
    assert out["hhi_max"] == out["hhi_min"] + 10**2  # the uncovered 10% as one company
    assert out["verdict"] == "highly concentrated"
    assert (out["claims"], out["companies"], out["conflicts"]) == (5, 5, 0)


def test_joint_claim_gives_bounds_not_invented_shares():
    out = concentration(claims(("c1", 30.0, ("btr", "hina")))).iloc[0]
    assert out["coverage"] == 30.0
    assert out["cr_n_min"] == 30.0
    assert out["hhi_min"] == 2 * 15.0**2  # an even split is the least concentrated
    assert out["hhi_max"] == 30.0**2 + 70.0**2
    assert out["verdict"] == "unknown"  # 30% is too little to say
    assert "BTR, HINA: 30%" in out["evidence"]


def test_joint_claim_counts_only_when_it_fits_in_n():
    out = concentration(claims(("c1", 50.0, ("a", "b", "c")), ("c2", 20.0, ("d",))), n=2)
    assert out.iloc[0]["cr_n_min"] == 20.0
    out = concentration(claims(("c1", 50.0, ("a", "b", "c")), ("c2", 20.0, ("d",))), n=4)
    assert out.iloc[0]["cr_n_min"] == 70.0


def test_overlapping_claims_are_not_double_counted():
    out = concentration(claims(("c1", 30.0, ("a", "b")), ("c2", 20.0, ("a",)))).iloc[0]
    assert out["coverage"] == 20.0
    assert out["conflicts"] == 1


def test_coverage_threshold_and_mixed_verdicts():
    rows = claims(("c1", 30.0, ("a",)), ("c2", 25.0, ("b",)))
    assert concentration(rows).iloc[0]["verdict"] == "moderately concentrated to highly " \
        "concentrated"
    assert concentration(rows, min_coverage=60).iloc[0]["verdict"] == "unknown"


def test_measures_and_years_are_separate():
    rows = pd.concat([claims(("c1", 60.0, ("a",))),
                      claims(("c2", 10.0, ("a",)), measure="capacity share")])
    out = concentration(rows)
    assert out[["measure", "coverage"]].values.tolist() == [["capacity share", 10.0],
                                                          ["market share", 60.0]]


@pytest.mark.parametrize(("hhi", "label"), [(999.9, "unconcentrated"),
                                            (1000, "moderately concentrated"),
                                            (1800, "moderately concentrated"),
                                            (1800.1, "highly concentrated")])
def test_hhi_classes(hhi, label):
    assert hhi_class(hhi) == label


def test_no_claims():
    assert concentration(pd.DataFrame()).empty
