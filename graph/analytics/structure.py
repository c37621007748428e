"""Market structure from share claims: CR-n and HHI with the coverage of the claims.

Sources rarely give every company's share. A claim may also name several companies
together ("BTR and Hina Battery ... together nearly 30%"). So every figure here is a
bound computed from the claims alone, never from invented shares:

- ``coverage``: the share of the market the (non-overlapping) claims cover;
- ``cr_n_min``: the largest share any *n* companies hold according to the claims (a
  joint claim counts when all its companies fit in the *n*), a lower bound of CR-n;
- ``hhi_min``: joint claims split evenly and the uncovered rest spread over many small
  companies; ``hhi_max``: each joint claim held by one company and the rest by one.
- ``verdict``: ``unknown`` below *min_coverage*; otherwise the concentration class of
  both bounds under the 2023 US Merger Guidelines (HHI above 1,800 highly concentrated,
  1,000 to 1,800 moderately, below 1,000 unconcentrated).

Claims that name a company another chosen claim already names are left out (the
narrower claim wins) and counted in ``conflicts``.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["concentration", "hhi_class", "MIN_COVERAGE"]

#: Below this share of the market covered by claims, the verdict is 'unknown'.
MIN_COVERAGE = 50.0
COLUMNS = ["scope", "scope_label", "scope_kind", "measure", "year", "claims", "companies",
           "coverage", "n", "cr_n_min", "hhi_min", "hhi_max", "verdict", "conflicts",
           "evidence"]


def hhi_class(hhi: float) -> str:
    """Return the 2023 US Merger Guidelines class of an HHI (shares in percent).

    References
    ----------
    .. [1] U.S. Department of Justice and Federal Trade Commission, "Merger
       Guidelines", 2023, section 2.1.

    Examples
    --------
    >>> hhi_class(2500), hhi_class(1200), hhi_class(400)
    ('highly concentrated', 'moderately concentrated', 'unconcentrated')
    """
    if hhi > 1800:
        return "highly concentrated"
    if hhi >= 1000:
        return "moderately concentrated"
    return "unconcentrated"


def _best_n(claims: list[tuple[int, float]], n: int) -> float:
    """Largest total share of claims whose companies number at most n (0/1 knapsack)."""
    best = [0.0] * (n + 1)
    for size, share in claims:
        for room in range(n, size - 1, -1):
            best[room] = max(best[room], best[room - size] + share)
    return max(best)


def concentration(claims: pd.DataFrame, *, n: int = 4, min_coverage: float = MIN_COVERAGE
                  ) -> pd.DataFrame:
    """Return CR-n and HHI bounds per scope, measure and year from share claims.

    Parameters
    ----------
    claims : pandas.DataFrame
        The ``analytics-share-claims`` query's rows: one per claim and company, with
        ``claim, market, market_label, scope, scope_label, scope_kind, measure, year,
        percent, company, company_label`` and optionally ``quote, document``.
    n : int
        The *n* of CR-n.
    min_coverage : float
        The share (percent) the claims must cover for a verdict; below it the verdict
        is ``unknown``.

    Returns
    -------
    pandas.DataFrame
        Columns ``scope, scope_label, scope_kind, measure, year, claims, companies,
        coverage, n, cr_n_min, hhi_min, hhi_max, verdict, conflicts, evidence``; the
        scope is the claim's segment concept where it has one, else its market.

    Examples
    --------
    >>> rows = pd.DataFrame({"claim": ["c1", "c1"], "market": ["m", "m"],
    ...     "market_label": ["Anode"] * 2, "measure": ["revenue share"] * 2,
    ...     "year": [2024, 2024], "percent": [30.0, 30.0], "company": ["btr", "hina"],
    ...     "company_label": ["BTR", "Hina"]})
    >>> out = concentration(rows)
    >>> out[["coverage", "cr_n_min", "hhi_min", "hhi_max", "verdict"]].values.tolist()
    [[30.0, 30.0, 450.0, 5800.0, 'unknown']]
    """
    if claims.empty:
        return pd.DataFrame(columns=COLUMNS)
    frame = claims.copy()
    for column in ("scope", "scope_label", "scope_kind", "quote", "document"):
        if column not in frame:
            frame[column] = None
    has_scope = frame["scope"].notna()
    frame["scope_kind"] = frame["scope_kind"].where(has_scope, "Market")
    frame["scope_label"] = frame["scope_label"].where(has_scope, frame["market_label"])
    frame["scope"] = frame["scope"].where(has_scope, frame["market"])
    frame["measure"] = frame["measure"].fillna("share")
    frame["year"] = frame["year"].astype("Int64")
    keys = ["scope", "measure", "year"]
    rows = []
    for (scope, measure, year), group in frame.groupby(keys, sort=True, dropna=False):
        members = group.groupby("claim", sort=True).agg(
            percent=("percent", "first"), companies=("company", lambda c: tuple(sorted(set(c)))),
            names=("company_label", lambda c: ", ".join(sorted(set(map(str, c))))),
            quote=("quote", "first"), document=("document", "first"))
        members = members.assign(size=members["companies"].map(len))
        members = members.sort_values(["size", "percent"], ascending=[True, False],
                                      kind="mergesort")
        chosen, taken, conflicts = [], set[str](), 0
        for claim in members.itertuples():
            if taken & set(claim.companies):
                conflicts += 1
                continue
            taken |= set(claim.companies)
            chosen.append(claim)
        coverage = min(100.0, sum(float(c.percent) for c in chosen))
        rest = max(0.0, 100.0 - coverage)
        hhi_min = sum(float(c.percent) ** 2 / c.size for c in chosen)
        hhi_max = sum(float(c.percent) ** 2 for c in chosen) + rest ** 2
        if coverage < min_coverage:
            verdict = "unknown"
        else:
            low, high = hhi_class(hhi_min), hhi_class(hhi_max)
            verdict = low if low == high else f"{low} to {high}"
        evidence = "\n".join(
            f'{c.names}: {float(c.percent):g}%' + (f' "{c.quote}"' if isinstance(c.quote, str)
                                                 else "")
            + (f" ({c.document})" if isinstance(c.document, str) else "") for c in chosen)
        first = group.iloc[0]
        rows.append({
            "scope": scope, "scope_label": first["scope_label"], "scope_kind": first["scope_kind"],
            "measure": measure, "year": year, "claims": len(members), "companies": len(taken),
            "coverage": round(coverage, 6), "n": n,
            "cr_n_min": round(_best_n([(c.size, float(c.percent)) for c in chosen], n), 6),
            "hhi_min": round(hhi_min, 6), "hhi_max": round(hhi_max, 6), "verdict": verdict,
            "conflicts": conflicts, "evidence": evidence})
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["year"] = out["year"].astype("Int64")
    return out
