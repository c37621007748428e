"""The company competition graph: asserted competition plus overlap on what and where.

Two companies are linked when a source says they compete (``cikg:competesWith``), or
when they *overlap*: they supply a common material type and serve a common
application or end user, and, where both have a known place (a region they are active
in, or a region a source says holds their headquarters country), they share one.

The projection works on per-company feature sets with sparse matrix products (one
product per facet), never on a SPARQL self-join: on 6,700 companies and 440,000
overlapping pairs it takes seconds where the self-join takes 15 to 28 s on Oxigraph
(see ``bench/bench_analytics.py``).

Edge weight
    The sum, over every shared concept, of the product of the two companies'
    confidences in it (the best confidence of the passages that state it), plus the
    confidence of every passage that asserts the competition. A pair both supplying
    hard carbon from a company list (0.95) and from a table (1.0) contributes 0.95.
Reasons
    ``both supply Hard carbon``, ``both serve Power tools``, ``both in North America``,
    ``asserted: "..."``; the strongest *top_reasons* are kept and the rest counted
    (``... and 3 more``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

__all__ = ["FACETS", "REASON_SEPARATOR", "company_features", "competition_edges",
           "competition_graph", "edge_evidence", "entity_labels", "citation"]

#: The facet of a feature by the kind of concept: what a company supplies, whom it
#: serves, where it is.
FACETS = {"MaterialType": "material", "Application": "market", "EndUser": "market",
          "Region": "place", "Country": "place"}
_PHRASES = {"material": "both supply {}", "market": "both serve {}", "place": "both in {}"}
#: Between the reasons of one edge in the ``reasons`` column.
REASON_SEPARATOR = " | "
_FACET_ORDER = {"asserted": 0, "material": 1, "market": 2, "place": 3}
FEATURE_COLUMNS = ["company", "company_label", "facet", "concept", "concept_label",
                   "relation", "confidence", "evidence_count", "graph"]
EDGE_COLUMNS = ["a", "a_label", "b", "b_label", "weight", "asserted", "materials", "markets",
                "places", "reasons"]
_RELATION_FACET = {("supplies", "material"), ("serves", "market"), ("activeIn", "place")}


def _text(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return str(value)


def entity_labels(entities: pd.DataFrame) -> pd.DataFrame:
    """Return one row per entity: ``entity, kind, label`` (the smallest label, else the IRI).

    Parameters
    ----------
    entities : pandas.DataFrame
        The ``analytics-entities`` query's rows (``entity, kind, label``; one per label).

    Returns
    -------
    pandas.DataFrame
        Indexed by nothing, sorted by entity; an entity typed as two kinds keeps the
        first kind in alphabetical order.

    Examples
    --------
    >>> rows = pd.DataFrame({"entity": ["x", "x", "y"], "kind": ["Company"] * 3,
    ...                      "label": ["Xeno", "XENO Ltd", None]})
    >>> entity_labels(rows).values.tolist()
    [['x', 'Company', 'XENO Ltd'], ['y', 'Company', 'y']]
    """
    if entities.empty:
        return pd.DataFrame(columns=["entity", "kind", "label"])
    rows = entities.assign(label=entities["label"].astype(object)
                           .where(entities["label"].notna(), None))
    rows = rows.sort_values(["entity", "kind", "label"], na_position="last", kind="mergesort")
    best = rows.drop_duplicates(subset=["entity"], keep="first").copy()
    best["label"] = best["label"].where(best["label"].notna(), best["entity"])
    return best[["entity", "kind", "label"]].reset_index(drop=True)


def company_features(facts: pd.DataFrame, *, entities: pd.DataFrame,
                     confidence: pd.DataFrame | None = None,
                     regions: pd.DataFrame | None = None,
                     default_confidence: float = 1.0) -> pd.DataFrame:
    """Return one row per (company, facet, concept) with its best confidence and graph.

    Parameters
    ----------
    facts : pandas.DataFrame
        The ``analytics-company-features`` query's rows: ``company, relation, concept,
        graph`` (relations ``supplies``, ``serves``, ``activeIn``, ``headquarteredIn``).
    entities : pandas.DataFrame
        ``entity, kind, label`` (:func:`entity_labels`, or the ``analytics-entities``
        rows): only subjects of kind ``Company`` count, and a concept's kind gives its
        facet (:data:`FACETS`).
    confidence : pandas.DataFrame, optional
        ``graph, confidence`` of assertion graphs (``analytics-confidence``).
    regions : pandas.DataFrame, optional
        ``region, country, graph`` (``analytics-region-members``): every region a source
        says holds a company's headquarters country becomes a ``place`` of the
        company, with the graph and confidence of the headquarters statement.
    default_confidence : float
        The confidence of a statement whose graph gives none (plain RDF imports).

    Returns
    -------
    pandas.DataFrame
        Columns ``company, company_label, facet, concept, concept_label, relation,
        confidence, evidence_count, graph``; ``facet`` is ``material``, ``market`` or
        ``place``; ``graph`` is the most confident assertion graph (ties broken by IRI,
        so the result is deterministic) and ``evidence_count`` counts the graphs.

    Examples
    --------
    >>> facts = pd.DataFrame({"company": ["a", "a"], "relation": ["supplies"] * 2,
    ...                       "concept": ["hc", "hc"], "graph": ["g1", "g2"]})
    >>> kinds = pd.DataFrame({"entity": ["a", "hc"], "kind": ["Company", "MaterialType"],
    ...                       "label": ["A", "Hard carbon"]})
    >>> conf = pd.DataFrame({"graph": ["g1", "g2"], "confidence": [0.6, 0.95]})
    >>> company_features(facts, entities=kinds, confidence=conf).values.tolist()
    [['a', 'A', 'material', 'hc', 'Hard carbon', 'supplies', 0.95, 2, 'g2']]
    """
    if facts.empty:
        return pd.DataFrame(columns=FEATURE_COLUMNS)
    labels = entity_labels(entities).set_index("entity")
    kind, label = labels["kind"], labels["label"]
    facts = facts[facts["company"].map(kind) == "Company"]
    rows = facts.assign(facet=facts["concept"].map(kind).map(FACETS))
    parts = [rows[[(r, f) in _RELATION_FACET
                   for r, f in zip(rows["relation"], rows["facet"], strict=True)]]]
    if regions is not None and not regions.empty:
        hq = facts[facts["relation"] == "headquarteredIn"]
        members = regions[["region", "country"]].drop_duplicates()
        placed = hq.merge(members, left_on="concept", right_on="country")
        parts.append(placed.assign(concept=placed["region"], facet="place")
                     [["company", "relation", "concept", "graph", "facet"]])
    rows = pd.concat(parts, ignore_index=True)[["company", "relation", "concept", "graph",
                                                "facet"]]
    if confidence is not None and not confidence.empty:
        conf = confidence.drop_duplicates("graph").set_index("graph")["confidence"]
        rows["confidence"] = pd.to_numeric(rows["graph"].map(conf), errors="coerce")
    else:
        rows["confidence"] = np.nan
    rows["confidence"] = rows["confidence"].astype("float64").fillna(default_confidence)
    rows["graph"] = rows["graph"].astype(object).where(rows["graph"].notna(), "")
    rows = rows.sort_values(["company", "facet", "concept", "confidence", "graph"],
                            ascending=[True, True, True, False, True], kind="mergesort")
    counts = rows.groupby(["company", "facet", "concept"], sort=False)["graph"] \
        .transform("nunique")
    rows = rows.assign(evidence_count=counts.astype("int64"))
    best = rows.drop_duplicates(subset=["company", "facet", "concept"], keep="first").copy()
    best["company_label"] = best["company"].map(label)
    best["concept_label"] = best["concept"].map(label).fillna(best["concept"])
    return best[FEATURE_COLUMNS].reset_index(drop=True)


@dataclass
class _Facets:
    """Sparse company x concept matrices (values: confidence), one per facet."""

    companies: list[str]
    matrices: dict[str, Any]
    concepts: dict[str, list[str]]
    labels: dict[str, list[str]]

    @property
    def n(self) -> int:
        return len(self.companies)


def _facets(features: pd.DataFrame, extra: Iterable[str] = ()) -> _Facets:
    from scipy import sparse
    companies = sorted(set(features["company"]) | set(extra))
    index = pd.Series(np.arange(len(companies)), index=companies)
    matrices, concepts, labels = {}, {}, {}
    for facet in ("material", "market", "place"):
        rows = features[features["facet"] == facet]
        names = rows.drop_duplicates("concept").sort_values("concept")
        concepts[facet] = names["concept"].tolist()
        labels[facet] = [str(x) for x in names["concept_label"]]
        col = pd.Series(np.arange(len(names)), index=concepts[facet])
        matrices[facet] = sparse.csr_matrix(
            (rows["confidence"].to_numpy(dtype="float64"),
             (index[rows["company"]].to_numpy(), col[rows["concept"]].to_numpy())),
            shape=(len(companies), len(names)))
    return _Facets(companies, matrices, concepts, labels)


def _overlap_pairs(material: Any, market: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (i, j, weight) of pairs i < j sharing a material and a market, by (i, j).

    Two companies share a material and a market exactly when they share a (material,
    market) combination, so the pairs are the non-zeros of ``Y @ Y.T`` for the binary
    company x combination matrix ``Y``: combinations are far more specific than single
    concepts, so this product does a fraction of the work of ``material @ material.T``
    masked by ``market @ market.T`` (and never materializes either). The weight, the
    sum over shared concepts of the product of confidences, is then read off the rows
    of each pair.
    """
    from scipy import sparse
    empty = np.empty(0, dtype=np.int64)
    if material.shape[1] == 0 or market.shape[1] == 0:
        return empty, empty, np.empty(0)
    mat, mkt = material.tocsr(), market.tocsr()
    mat_count, mkt_count = np.diff(mat.indptr), np.diff(mkt.indptr)
    per_company = mat_count * mkt_count
    rows = np.repeat(np.arange(mat.shape[0]), per_company)
    # for each company, every (material, market) pair of its row entries
    mat_start = np.repeat(mat.indptr[:-1], per_company)
    mkt_start = np.repeat(mkt.indptr[:-1], per_company)
    offset = np.arange(len(rows)) - np.repeat(np.cumsum(per_company) - per_company, per_company)
    width = np.repeat(mkt_count, per_company)
    combo = mat.indices[mat_start + offset // np.maximum(width, 1)].astype(np.int64) * \
        mkt.shape[1] + mkt.indices[mkt_start + offset % np.maximum(width, 1)]
    codes, column = np.unique(combo, return_inverse=True)
    y = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, column)),
                          shape=(mat.shape[0], len(codes)))
    pairs = sparse.triu(y @ y.T, k=1).tocoo()
    order = np.lexsort((pairs.col, pairs.row))
    i, j = pairs.row[order].astype(np.int64), pairs.col[order].astype(np.int64)
    weight = np.asarray(mat[i].multiply(mat[j]).sum(axis=1)).ravel() + \
        np.asarray(mkt[i].multiply(mkt[j]).sum(axis=1)).ravel()
    return i, j, weight


def _lookup(keys: np.ndarray, table_keys: np.ndarray, table_values: np.ndarray) -> np.ndarray:
    """Return table_values at keys (0.0 where a key is absent); table_keys sorted."""
    if len(table_keys) == 0:
        return np.zeros(len(keys))
    pos = np.minimum(np.searchsorted(table_keys, keys), len(table_keys) - 1)
    return np.where(table_keys[pos] == keys, table_values[pos], 0.0)


def _strongest(i: np.ndarray, j: np.ndarray, weight: np.ndarray, keep: np.ndarray,
               per_company: int) -> np.ndarray:
    """Return a mask of edges among the *per_company* strongest of either end (or *keep*).

    Ties in weight go to the company with the smaller index, so the result is
    deterministic.
    """
    ends = np.concatenate([i, j]).astype(np.int64)
    others = np.concatenate([j, i]).astype(np.int64)
    micro = np.round(np.concatenate([weight, weight]) * 1e6).astype(np.int64)
    span = int(micro.max(initial=0)) + 1
    bits_other = max(1, int(ends.max(initial=0) + 1).bit_length())
    bits_weight = span.bit_length()
    if 2 * bits_other + bits_weight < 63:
        key = (ends << (bits_weight + bits_other)) | ((span - 1 - micro) << bits_other) | others
        order = np.argsort(key, kind="stable")
    else:  # pragma: no cover - weights beyond 2^40 micro-units
        order = np.lexsort((others, -micro, ends))
    sorted_ends = ends[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_ends)) + 1]
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    top = np.zeros(len(order), dtype=bool)
    top[order] = rank < per_company
    return keep | top[: len(i)] | top[len(i):]


def competition_edges(features: pd.DataFrame, asserted: pd.DataFrame | None = None, *,
                      places: bool = True, per_company: int | None = None,
                      top_reasons: int = 3, default_confidence: float = 1.0) -> pd.DataFrame:
    """Return the edges of the company competition graph, strongest first.

    Parameters
    ----------
    features : pandas.DataFrame
        Per-company features as :func:`company_features` returns them.
    asserted : pandas.DataFrame, optional
        Competition a source states: ``a, b, graph`` (the
        ``analytics-asserted-competition`` query's rows), optionally with the
        ``confidence, quote, section, document`` of each graph.
    places : bool
        Require a shared place when both companies have one (``False``: ignore places).
    per_company : int, optional
        Keep an overlap edge only when it is among the *per_company* strongest edges
        of one of its companies (asserted edges are always kept). ``None`` keeps every
        overlapping pair; large landscapes have millions (see the module notes).
    top_reasons : int
        How many reasons to spell out per edge; the rest are counted.
    default_confidence : float
        The confidence of an asserting passage that gives none.

    Returns
    -------
    pandas.DataFrame
        Columns ``a, a_label, b, b_label, weight, asserted, materials, markets, places,
        reasons``: one row per unordered pair (``a < b`` by IRI); ``asserted`` is
        whether a source states the competition; ``materials``, ``markets``,
        ``places`` count the shared concepts; ``reasons`` is text joined by
        :data:`REASON_SEPARATOR`. Sorted by weight (descending), then ``a`` and ``b``.

    Examples
    --------
    >>> f = pd.DataFrame({"company": ["a", "a", "b", "b", "c"],
    ...     "company_label": ["A", "A", "B", "B", "C"],
    ...     "facet": ["material", "market", "material", "market", "material"],
    ...     "concept": ["hc", "ev", "hc", "ev", "hc"],
    ...     "concept_label": ["Hard carbon", "EV", "Hard carbon", "EV", "Hard carbon"],
    ...     "confidence": [1.0, 0.5, 1.0, 1.0, 1.0]})
    >>> competition_edges(f)[["a", "b", "weight", "reasons"]].values.tolist()
    [['a', 'b', 1.5, 'both supply Hard carbon | both serve EV']]
    """
    asserted = asserted if asserted is not None else pd.DataFrame(columns=["a", "b", "graph"])
    asserted = asserted[asserted["a"] != asserted["b"]]
    facets = _facets(features, set(asserted["a"]) | set(asserted["b"]))
    n = facets.n
    # overlap: a shared material and a shared market (and a shared place where both have one)
    i, j, weight = _overlap_pairs(facets.matrices["material"], facets.matrices["market"])
    keys = i * n + j
    if places:
        place = facets.matrices["place"]
        shared_place = np.asarray(place[i].multiply(place[j]).sum(axis=1)).ravel() \
            if place.shape[1] else np.zeros(len(keys))
        has_place = np.asarray(place.getnnz(axis=1) > 0)
        ok = (shared_place > 0) | ~has_place[i] | ~has_place[j]
        keys, weight = keys[ok], weight[ok] + shared_place[ok]
    # asserted competition: confidence of each asserting passage, once per pair and graph
    index = pd.Series(np.arange(n), index=facets.companies)
    assert_keys, assert_vals = np.empty(0, dtype=np.int64), np.empty(0)
    if not asserted.empty:
        ia, ib = index[asserted["a"]].to_numpy(), index[asserted["b"]].to_numpy()
        rows = pd.DataFrame({
            "key": np.minimum(ia, ib).astype(np.int64) * n + np.maximum(ia, ib),
            "graph": asserted["graph"].fillna("").to_numpy() if "graph" in asserted else "",
            "confidence": pd.to_numeric(asserted["confidence"], errors="coerce")
            .astype("float64").fillna(default_confidence).to_numpy()
            if "confidence" in asserted else default_confidence})
        summed = rows.drop_duplicates(subset=["key", "graph"]).groupby("key")["confidence"].sum()
        assert_keys, assert_vals = summed.index.to_numpy(np.int64), summed.to_numpy("float64")
    missing = assert_keys[_lookup(assert_keys, keys, np.ones(len(keys))) == 0]
    all_keys = np.sort(np.concatenate([keys, missing])) if len(missing) else keys
    assert_weight = _lookup(all_keys, assert_keys, assert_vals)
    total = _lookup(all_keys, keys, weight) + assert_weight
    i, j = all_keys // n, all_keys % n
    if per_company is not None:
        kept = _strongest(i, j, total, assert_weight > 0, per_company)
        all_keys, i, j = all_keys[kept], i[kept], j[kept]
        total, assert_weight = total[kept], assert_weight[kept]
    labels = features.drop_duplicates("company").set_index("company")["company_label"]
    iris = np.array(facets.companies, dtype=object)
    names = np.array([_text(labels.get(c)) or c for c in facets.companies], dtype=object)
    reasons, counts = _reasons(facets, i, j, _asserted_texts(asserted, index, n, all_keys),
                               top_reasons=top_reasons, places=places)
    edges = pd.DataFrame({
        "a": iris[i], "a_label": names[i], "b": iris[j], "b_label": names[j],
        "weight": np.round(total, 6), "asserted": assert_weight > 0,
        "materials": counts["material"], "markets": counts["market"],
        "places": counts["place"], "reasons": reasons})
    order = np.lexsort((j, i, -edges["weight"].to_numpy()))
    return edges.iloc[order].reset_index(drop=True)[EDGE_COLUMNS]


def _asserted_texts(asserted: pd.DataFrame, index: pd.Series, n: int, keys: np.ndarray
                    ) -> dict[int, list[str]]:
    """Return edge number -> reason texts of the passages that assert the competition."""
    texts: dict[int, list[str]] = {}
    if asserted.empty:
        return texts
    position = {int(k): e for e, k in enumerate(keys)}
    ia, ib = index[asserted["a"]].to_numpy(), index[asserted["b"]].to_numpy()
    pair_keys = np.minimum(ia, ib).astype(np.int64) * n + np.maximum(ia, ib)
    for key, row in zip(pair_keys, asserted.itertuples(index=False), strict=True):
        edge = position.get(int(key))
        if edge is None:
            continue
        text = "asserted: " + citation(row) if _text(getattr(row, "quote", None)) \
            else "asserted by a source"
        if text not in texts.setdefault(edge, []):
            texts[edge].append(text)
    return {edge: sorted(found) for edge, found in texts.items()}


def _shared(facets: _Facets, i: np.ndarray, j: np.ndarray, facet: str
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (edge, concept, contribution) of every concept both ends of each edge have."""
    matrix = facets.matrices[facet]
    if matrix.shape[1] == 0 or len(i) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), np.empty(0)
    both = matrix[i].multiply(matrix[j]).tocoo()
    return both.row.astype(np.int64), both.col.astype(np.int64), both.data


def _ranked(facets: _Facets, i: np.ndarray, j: np.ndarray, places: bool
            ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Return the concepts each edge's ends share, strongest first within an edge.

    The first dict holds aligned arrays ``edge, facet, concept, contribution, rank``
    (``facet`` indexes ``("material", "market", "place")``, ``concept`` the facet's
    concepts, ``rank`` the position within the edge); the second the counts per facet.
    """
    names = ("material", "market", "place")
    parts, counts = [], {}
    for number, name in enumerate(names):
        if name == "place" and not places:
            edge, concept, contribution = (np.empty(0, dtype=np.int64),
                                           np.empty(0, dtype=np.int64), np.empty(0))
        else:
            edge, concept, contribution = _shared(facets, i, j, name)
        counts[name] = np.bincount(edge, minlength=len(i)).astype(np.int64)
        label_rank = np.argsort(np.argsort(np.array(facets.labels[name], dtype=object)
                                           if facets.labels[name] else np.empty(0),
                                           kind="stable"), kind="stable")
        parts.append((edge, np.full(len(edge), number), concept, contribution,
                      label_rank[concept] if len(concept) else concept))
    edge, facet, concept, contribution, label = (np.concatenate(x) for x in zip(*parts,
                                                                               strict=True))
    order = np.lexsort((label, -contribution, facet, edge))
    edge, facet, concept, contribution = edge[order], facet[order], concept[order], \
        contribution[order]
    starts = np.r_[0, np.flatnonzero(np.diff(edge)) + 1] if len(edge) else np.empty(0, int)
    rank = np.arange(len(edge)) - np.repeat(starts, np.diff(np.r_[starts, len(edge)])) \
        if len(edge) else np.empty(0, dtype=np.int64)
    return ({"edge": edge, "facet": facet, "concept": concept, "contribution": contribution,
             "rank": rank}, counts)


def _reasons(facets: _Facets, i: np.ndarray, j: np.ndarray, asserted: dict[int, list[str]],
             *, top_reasons: int, places: bool) -> tuple[list[str], dict[str, np.ndarray]]:
    shared, counts = _ranked(facets, i, j, places)
    names = ("material", "market", "place")
    phrases = [np.array([_PHRASES[f].format(label) for label in facets.labels[f]],
                        dtype=object) for f in names]
    totals = np.bincount(shared["edge"], minlength=len(i))
    columns = []
    for r in range(top_reasons):
        column = np.full(len(i), None, dtype=object)
        pick = shared["rank"] == r
        for number in range(len(names)):
            sel = pick & (shared["facet"] == number)
            column[shared["edge"][sel]] = phrases[number][shared["concept"][sel]]
        columns.append(column)
    out = []
    for e, row in enumerate(zip(*columns, strict=True)):
        found = asserted.get(e, []) + [p for p in row if p is not None]
        shown = found[:top_reasons]
        more = int(totals[e]) + len(asserted.get(e, ())) - len(shown)
        out.append(REASON_SEPARATOR.join(shown + ([f"... and {more} more"] if more > 0
                                                  else [])))
    return out, counts


def edge_evidence(edges: pd.DataFrame, features: pd.DataFrame, evidence: pd.DataFrame, *,
                  top_reasons: int = 3, places: bool = True) -> pd.Series:
    """Return, per edge, the quotes behind its strongest shared concepts.

    Parameters
    ----------
    edges : pandas.DataFrame
        Edges as :func:`competition_edges` returns them (``a`` and ``b`` at least).
    features : pandas.DataFrame
        The features they were computed from (:func:`company_features`).
    evidence : pandas.DataFrame
        ``graph, quote, section, document`` of the assertion graphs the features name
        (the ``analytics-evidence`` query's rows).
    top_reasons : int
        How many shared concepts to cite per edge.
    places : bool
        Whether places count (as in :func:`competition_edges`).

    Returns
    -------
    pandas.Series
        Plain text aligned with *edges*: one line per concept, ``Hard carbon: A "quote"
        (section; document) / B "quote" (...)``.

    Examples
    --------
    >>> f = pd.DataFrame({"company": ["a", "b"], "company_label": ["A", "B"],
    ...     "facet": ["material"] * 2, "concept": ["hc"] * 2,
    ...     "concept_label": ["Hard carbon"] * 2, "confidence": [1.0, 1.0],
    ...     "graph": ["g1", "g2"]})
    >>> ev = pd.DataFrame({"graph": ["g1", "g2"], "quote": ["A makes hard carbon", "B too"],
    ...                    "section": ["S", "S"], "document": ["R", "R"]})
    >>> e = pd.DataFrame({"a": ["a"], "b": ["b"]})
    >>> print(edge_evidence(e, f, ev)[0])
    Hard carbon: A "A makes hard carbon" (S; R) / B "B too" (S; R)
    """
    if edges.empty:
        return pd.Series([], dtype=object)
    facets = _facets(features, set(edges["a"]) | set(edges["b"]))
    index = pd.Series(np.arange(facets.n), index=facets.companies)
    i, j = index[edges["a"]].to_numpy(), index[edges["b"]].to_numpy()
    ranked, _ = _ranked(facets, i, j, places)
    top = ranked["rank"] < top_reasons
    names = ("material", "market", "place")
    concepts = [facets.concepts[ranked_facet] for ranked_facet in names]
    labels_of = [facets.labels[ranked_facet] for ranked_facet in names]
    rows = [(e, concepts[f][c], labels_of[f][c]) for e, f, c in
            zip(ranked["edge"][top], ranked["facet"][top], ranked["concept"][top], strict=True)]
    graph_of = features.set_index(["company", "concept"])["graph"]
    labels = features.drop_duplicates("company").set_index("company")["company_label"]
    cite = {row.graph: citation(row) for row in
            evidence.drop_duplicates("graph").itertuples(index=False)}
    a_iris, b_iris = edges["a"].to_numpy(), edges["b"].to_numpy()

    def quote(company: str, concept: str) -> str:
        name = _text(labels.get(company)) or company
        return f"{name} {cite.get(graph_of.get((company, concept)), '(no quote)')}"

    lines: dict[int, list[str]] = {}
    for edge, concept, label in rows:
        lines.setdefault(edge, []).append(
            f"{label}: {quote(a_iris[edge], concept)} / {quote(b_iris[edge], concept)}")
    return pd.Series(["\n".join(lines.get(k, [])) for k in range(len(edges))],
                     index=edges.index, dtype=object)


def citation(row: object) -> str:
    """Return ``"quote" (section; document)`` for a row with those attributes.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> citation(SimpleNamespace(quote="BTR (China)", section="List", document="Report"))
    '"BTR (China)" (List; Report)'
    """
    text = _text(getattr(row, "quote", None))
    where = "; ".join(x for x in (_text(getattr(row, "section", None)),
                                  _text(getattr(row, "document", None))) if x)
    if not text:
        return f"({where})" if where else "(no quote)"
    return f'"{text}" ({where})' if where else f'"{text}"'


def competition_graph(edges: pd.DataFrame, companies: pd.DataFrame | None = None
                      ) -> nx.Graph:
    """Return the competition graph of an edge table as an undirected networkx graph.

    Parameters
    ----------
    edges : pandas.DataFrame
        As :func:`competition_edges` returns them (``a, a_label, b, b_label, weight,
        asserted, reasons`` at least; an ``evidence`` column is kept too).
    companies : pandas.DataFrame, optional
        ``company, company_label`` of companies to include even without an edge.

    Returns
    -------
    networkx.Graph
        Nodes are company IRIs with ``label`` and ``kind="Company"``; edges carry
        ``weight``, ``asserted``, ``reasons`` (a list of strings) and, when given,
        ``evidence``. Nodes and edges are added in sorted order.

    Examples
    --------
    >>> e = pd.DataFrame({"a": ["x"], "a_label": ["X"], "b": ["y"], "b_label": ["Y"],
    ...     "weight": [1.5], "asserted": [False], "reasons": ["both supply Hard carbon"]})
    >>> g = competition_graph(e)
    >>> g["x"]["y"]["weight"], g["x"]["y"]["reasons"], g.nodes["y"]["label"]
    (1.5, ['both supply Hard carbon'], 'Y')
    """
    graph = nx.Graph()
    nodes: dict[str, str] = {}
    if companies is not None and not companies.empty:
        nodes.update(zip(companies["company"], companies["company_label"].astype(object)
                         .where(companies["company_label"].notna(), companies["company"]),
                         strict=True))
    if not edges.empty:
        nodes.update(zip(edges["a"], edges["a_label"], strict=True))
        nodes.update(zip(edges["b"], edges["b_label"], strict=True))
    graph.add_nodes_from((iri, {"label": nodes[iri], "kind": "Company"})
                         for iri in sorted(nodes))
    if edges.empty:
        return graph
    ordered = edges.sort_values(["a", "b"], kind="mergesort")
    # plain lists: iterating Arrow-backed columns row by row costs several times more
    reasons = [[r for r in str(text).split(REASON_SEPARATOR) if r] if text else []
               for text in ordered["reasons"].tolist()]
    attrs = [{"weight": float(w), "asserted": bool(a), "reasons": r} for w, a, r in
             zip(ordered["weight"].tolist(), ordered["asserted"].tolist(), reasons,
                 strict=True)]
    if "evidence" in ordered:
        for attr, evidence in zip(attrs, ordered["evidence"].tolist(), strict=True):
            attr["evidence"] = evidence
    graph.add_edges_from(zip(ordered["a"].tolist(), ordered["b"].tolist(), attrs, strict=True))
    return graph
