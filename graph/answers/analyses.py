"""The analytics a briefing or an answer calls, with the catalog queries they read.

Answers do not compute network measures: they call :mod:`cikg.analytics` on catalog
query results and record each call in the session (name, parameters, input queries).
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from cikg.analytics.competition import (
    EDGE_COLUMNS,
    company_features,
    competition_edges,
    competition_graph,
)

from .context import Context

__all__ = ["competition_table", "clusters"]

_COMPETITION_INPUTS = ["landscape-edges"]


def _feature_rows(ctx: Context) -> pd.DataFrame:
    """Stated company relations as the analytics expects its input rows."""
    rows = ctx.features
    return rows.assign(confidence=1.0, graph=rows["quote"].fillna(rows["concept"]))


def competition_table(ctx: Context) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the competition edges of the whole graph and the company features behind them.

    Edges (:func:`cikg.analytics.competition.competition_edges`) link companies that a
    source says compete or that overlap on a material type and an application or end
    user (and a place, where both have one); ``reasons`` says why.
    """
    session = ctx.session
    if "competition" in session.memo:
        return session.memo["competition"]
    rows = _feature_rows(ctx)
    facts = rows[rows["relation"] != "competesWith"]
    if facts.empty:
        empty = pd.DataFrame(columns=EDGE_COLUMNS)
        session.memo["competition"] = (empty, pd.DataFrame())
        return session.memo["competition"]
    entities = pd.concat([
        rows[["company", "company_label"]].set_axis(["entity", "label"], axis=1)
        .assign(kind="Company"),
        rows[["concept", "concept_label", "kind"]].set_axis(["entity", "label", "kind"], axis=1),
    ]).drop_duplicates()
    features = company_features(facts[["company", "relation", "concept", "graph"]],
                                entities=entities)
    stated = rows[rows["relation"] == "competesWith"]
    asserted = stated.rename(columns={"company": "a", "concept": "b"})[
        ["a", "b", "confidence", "graph", "quote", "section", "document"]]
    edges = competition_edges(features, asserted)
    session.record("competition_edges", {"places": True, "top_reasons": 3},
                   _COMPETITION_INPUTS, len(edges))
    session.memo["competition"] = (edges, features)
    return edges, features


def clusters(ctx: Context, edges: pd.DataFrame, *, seed: int = 0) -> list[set[str]]:
    """Return the competition clusters among *edges*: communities of two or more companies.

    Louvain communities (networkx, weighted, seeded) of the competition graph, largest
    first, then by their first member.
    """
    if edges.empty:
        return []
    graph = competition_graph(edges)
    groups = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    ctx.session.record("communities", {"method": "louvain", "seed": seed},
                       ["competition_edges"], len(groups))
    found = [set(map(str, g)) for g in groups if len(g) > 1]
    return sorted(found, key=lambda g: (-len(g), sorted(g)[0]))
