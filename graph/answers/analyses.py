"""The analytics a briefing or an answer calls, recorded with the queries they read.

Answers compute no network measure: they call the analytics layer through the API
(``kg.analyze``, ``kg.path``) and record each call in the session, with the SPARQL of
the ``analytics-*`` catalog queries the analysis reads. On a read-only store the
analyses compute without writing their derived graphs.
"""

from __future__ import annotations

import pandas as pd

from cikg.queries import catalog

from .context import Context

__all__ = ["INPUTS", "analysis", "competition_table", "clusters", "paths"]

_FEATURES = ["analytics-entities", "analytics-company-features", "analytics-confidence",
             "analytics-region-members", "analytics-inputs"]
_COMPETITION = [*_FEATURES, "analytics-asserted-competition", "analytics-evidence"]
#: The catalog queries each analysis reads (its SPARQL goes into the answer's record).
INPUTS: dict[str, list[str]] = {
    "competition": _COMPETITION, "communities": _COMPETITION, "centrality": _COMPETITION,
    "similarity": _FEATURES,
    "concentration": ["analytics-share-claims", "analytics-entities", "analytics-evidence",
                      "analytics-inputs"],
    "dependence": [*_FEATURES, "analytics-capacity", "analytics-region-sections"],
    "path": ["analytics-typed-edges", "analytics-entities", "analytics-evidence"],
}


def _sparql(name: str) -> str:
    known = catalog()
    return "\n".join(f"# {q}\n{known[q].sparql}" for q in INPUTS.get(name, []) if q in known)


def analysis(ctx: Context, name: str, **options: object) -> pd.DataFrame:
    """Run ``kg.analyze(name, **options)`` once per session and record it."""
    key = f"analysis:{name}:{sorted(options.items())}"
    memo = ctx.session.memo
    if key not in memo:
        frame = ctx.session.kg.analyze(name, **options)
        ctx.session.record(name, dict(options), _sparql(name), len(frame))
        memo[key] = frame
    return memo[key].copy()


def competition_table(ctx: Context) -> pd.DataFrame:
    """The competition edges (``a, a_label, b, b_label, weight, asserted, reasons``).

    Companies are linked where a source says they compete, or where they overlap on a
    material type and an application or end user (and a place, where both have one).
    """
    return analysis(ctx, "competition")


def clusters(ctx: Context, edges: pd.DataFrame) -> list[set[str]]:
    """The competition communities (Louvain, seeded) among the companies of *edges*.

    Each community of the whole graph is cut to the companies in scope; groups of two or
    more that *edges* link come first by size, then by their first member.
    """
    if edges.empty:
        return []
    frame = analysis(ctx, "communities")
    linked = set(edges["a"]) | set(edges["b"])
    groups = []
    for _, rows in frame.groupby("community", sort=True):
        members = {str(n) for n in rows["node"]} & linked
        if len(members) > 1:
            groups.append(members)
    return sorted(groups, key=lambda g: (-len(g), sorted(g)[0]))


def paths(ctx: Context, a: str, b: str, *, k: int = 3) -> pd.DataFrame:
    """Up to *k* explained shortest paths between two entities (``kg.path``)."""
    frame = ctx.session.kg.path(a, b, k=k)
    ctx.session.record("path", {"from": a, "to": b, "k": k}, _sparql("path"), len(frame))
    return frame
