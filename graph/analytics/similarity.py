"""Jaccard similarity of companies by what they supply, serve and where they are."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["jaccard_similarity"]


def jaccard_similarity(features: pd.DataFrame, *, min_similarity: float = 0.0,
                       facets: tuple[str, ...] = ("material", "market", "place")
                       ) -> pd.DataFrame:
    """Return the Jaccard similarity of every pair of companies that share a feature.

    A company's feature set holds the material types it supplies, the applications and
    end users it serves and its places (:func:`cikg.analytics.company_features`);
    similarity is ``|A & B| / |A | B|``, computed with one sparse matrix product.

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
    shared = (matrix @ matrix.T).tocoo()
    upper = shared.col > shared.row
    i, j, both = shared.row[upper], shared.col[upper], shared.data[upper]
    union = sizes[i] + sizes[j] - both
    score = np.round(both / union, 6)
    keep = score >= min_similarity
    i, j, both, union, score = i[keep], j[keep], both[keep], union[keep], score[keep]
    labels = rows.drop_duplicates("company").set_index("company")["company_label"]
    iris = np.array(companies, dtype=object)
    names = np.array([labels.get(c, c) for c in companies], dtype=object)
    frame = pd.DataFrame({"a": iris[i], "a_label": names[i], "b": iris[j], "b_label": names[j],
                          "jaccard": score, "shared": both.astype(np.int64),
                          "union": union.astype(np.int64)}, columns=columns)
    order = np.lexsort((j, i, -score))
    return frame.iloc[order].reset_index(drop=True)
