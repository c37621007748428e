"""Jaccard similarity of companies by what they supply, serve and where they are."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["jaccard_similarity"]


def _candidates(matrix, sizes: np.ndarray, threshold: float  # noqa: ANN001
                ) -> tuple[np.ndarray, np.ndarray]:
    """Return pairs i < j that can reach *threshold* (prefix filtering), by (i, j).

    With concepts ordered rarest first, two sets with Jaccard >= t share a concept among
    the first ``|A| - ceil(t |A|) + 1`` of each set (Chaudhuri, Ganti and Kaushik 2006),
    so only those prefixes go into the sparse product; popular concepts (a region half
    the companies share) rarely sit in a prefix. ``t = 0`` keeps whole sets.
    """
    from scipy import sparse
    counts = np.asarray(matrix.sum(axis=0)).ravel()
    rank = np.argsort(np.argsort(counts, kind="stable"), kind="stable")  # rarest first
    coo = matrix.tocoo()
    order = np.lexsort((rank[coo.col], coo.row))
    rows, cols = coo.row[order], coo.col[order]
    starts = np.r_[0, np.flatnonzero(np.diff(rows)) + 1] if len(rows) else np.empty(0, int)
    position = np.arange(len(rows)) - np.repeat(starts, np.diff(np.r_[starts, len(rows)])) \
        if len(rows) else np.empty(0, dtype=np.int64)
    size = sizes[rows]
    prefix = size - np.ceil(threshold * size - 1e-9) + 1 if threshold > 0 else size
    keep = position < prefix
    index = sparse.csr_matrix((np.ones(int(keep.sum()), dtype=np.int32),
                               (rows[keep], cols[keep])), shape=matrix.shape)
    pairs = sparse.triu(index @ index.T, k=1).tocoo()
    order = np.lexsort((pairs.col, pairs.row))
    return pairs.row[order].astype(np.int64), pairs.col[order].astype(np.int64)


def jaccard_similarity(features: pd.DataFrame, *, min_similarity: float = 0.0,
                       facets: tuple[str, ...] = ("material", "market", "place")
                       ) -> pd.DataFrame:
    """Return the Jaccard similarity of every pair of companies that share a feature.

    A company's feature set holds the material types it supplies, the applications and
    end users it serves and its places (:func:`cikg.analytics.company_features`);
    similarity is ``|A & B| / |A | B|``. Candidate pairs come from one sparse product
    over the sets' prefixes of rare concepts (exact for ``min_similarity > 0``; see
    :func:`_candidates`), then each candidate's intersection is read off its rows.

    Parameters
    ----------
    features : pandas.DataFrame
        ``company, company_label, facet, concept`` rows.
    min_similarity : float
        Leave out pairs below this similarity.
    facets : tuple of str
        Which facets make up the sets.

    Returns
    -------
    pandas.DataFrame
        Columns ``a, a_label, b, b_label, jaccard, shared, union`` for pairs ``a < b``,
        sorted by similarity (descending), then ``a``, ``b``.

    References
    ----------
    .. [1] Jaccard, "Étude comparative de la distribution florale dans une portion des
       Alpes et des Jura", Bulletin de la Société Vaudoise des Sciences Naturelles 37, 1901.
    .. [2] Chaudhuri, Ganti and Kaushik, "A primitive operator for similarity joins in
       data cleaning", ICDE 2006 (prefix filtering).

    Examples
    --------
    >>> f = pd.DataFrame({"company": ["a", "a", "b", "b", "b"], "company_label": list("AABBB"),
    ...     "facet": ["material"] * 5, "concept": ["x", "y", "x", "y", "z"]})
    >>> jaccard_similarity(f)[["a", "b", "jaccard", "shared", "union"]].values.tolist()
    [['a', 'b', 0.666667, 2, 3]]
    """
    from scipy import sparse
    columns = ["a", "a_label", "b", "b_label", "jaccard", "shared", "union"]
    rows = features[features["facet"].isin(list(facets))].drop_duplicates(["company", "concept"])
    if rows.empty:
        return pd.DataFrame(columns=columns)
    companies = sorted(rows["company"].unique())
    concepts = sorted(rows["concept"].unique())
    ci = pd.Series(np.arange(len(companies)), index=companies)
    cj = pd.Series(np.arange(len(concepts)), index=concepts)
    matrix = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32),
                                (ci[rows["company"]].to_numpy(), cj[rows["concept"]].to_numpy())),
                               shape=(len(companies), len(concepts)))
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    i, j = _candidates(matrix, sizes, min_similarity)
    both = np.asarray(matrix[i].multiply(matrix[j]).sum(axis=1)).ravel()
    union = sizes[i] + sizes[j] - both
    score = np.round(both / np.maximum(union, 1), 6)
    keep = (both > 0) & (score >= min_similarity)
    i, j, both, union, score = i[keep], j[keep], both[keep], union[keep], score[keep]
    labels = rows.drop_duplicates("company").set_index("company")["company_label"]
    iris = np.array(companies, dtype=object)
    names = np.array([labels.get(c, c) for c in companies], dtype=object)
    frame = pd.DataFrame({"a": iris[i], "a_label": names[i], "b": iris[j], "b_label": names[j],
                          "jaccard": score, "shared": both.astype(np.int64),
                          "union": union.astype(np.int64)}, columns=columns)
    order = np.lexsort((j, i, -score))
    return frame.iloc[order].reset_index(drop=True)
