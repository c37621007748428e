"""Post-processing of catalog results: what SPARQL cannot say the same on every engine.

Two header fields of a ``.rq`` file name work done here, after the engine answered:

``# lists: col, ...``
    Columns that hold ``"; "``-separated lists made by ``GROUP_CONCAT``. Engines
    concatenate in different orders, so the runner sorts and de-duplicates the items
    (:func:`sort_lists`) and every engine gives the same text.
``# postprocess: name``
    A function of :data:`POSTPROCESS` that derives columns from the engine's columns.
    Only for arithmetic SPARQL lacks: Oxigraph and rdflib have no power function, so
    the CAGR implied by two market sizes is computed here (:func:`implied_cagr`).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd

__all__ = ["LIST_SEPARATOR", "POSTPROCESS", "sort_lists", "implied_cagr"]

LIST_SEPARATOR = "; "


def sort_lists(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Return *frame* with the list cells of *columns* sorted and de-duplicated.

    An empty list becomes None (engines give an empty string or nothing).

    Examples
    --------
    >>> frame = pd.DataFrame({"names": ["b; a; b", None]})
    >>> sort_lists(frame, ("names",))["names"].tolist()
    ['a; b', None]
    """
    out = frame.copy()
    for column in columns:
        out[column] = pd.Series([_sorted_list(cell) for cell in out[column]],
                                index=out.index, dtype="object")
    return out


def _sorted_list(cell: object) -> str | None:
    if not isinstance(cell, str):
        return None
    items = {item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip()}
    return LIST_SEPARATOR.join(sorted(items, key=lambda s: (s.casefold(), s))) or None


def _cagr(start: object, end: object, years: object) -> float | None:
    try:
        start_f, end_f, years_f = float(start), float(end), float(years)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if math.isnan(start_f) or math.isnan(end_f) or start_f <= 0 or years_f <= 0:
        return None
    return round(((end_f / start_f) ** (1 / years_f) - 1) * 100, 2)


def implied_cagr(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``implied_cagr``, ``difference`` and ``disagrees`` to a ``market-cagr`` result.

    The implied CAGR (percent, two decimals) compounds ``start_value`` in
    ``start_year`` to ``end_value`` in ``end_year``: ``(end / start) ** (1 / years) - 1``.
    ``difference`` is implied minus stated, in percentage points; ``disagrees`` is
    true when its magnitude exceeds the row's ``tolerance``.

    Examples
    --------
    >>> frame = pd.DataFrame({"stated_cagr": [15.7], "start_year": [2024],
    ...     "start_value": [782.4e6], "end_year": [2032], "end_value": [2.86e9],
    ...     "tolerance": [0.5]})
    >>> implied_cagr(frame)[["implied_cagr", "difference", "disagrees"]].values.tolist()
    [[17.59, 1.89, True]]
    """
    out = frame.copy()
    implied = [_cagr(s, e, (ey - sy) if pd.notna(ey) and pd.notna(sy) else None)
               for s, e, sy, ey in zip(out["start_value"], out["end_value"],
                                       out["start_year"], out["end_year"], strict=True)]
    difference = [round(i - float(s), 2) if i is not None and pd.notna(s) else None
                  for i, s in zip(implied, out["stated_cagr"], strict=True)]
    out["implied_cagr"] = pd.Series(implied, index=out.index, dtype="Float64")
    out["difference"] = pd.Series(difference, index=out.index, dtype="Float64")
    out["disagrees"] = pd.Series(
        [abs(d) > float(t) if d is not None and pd.notna(t) else None
         for d, t in zip(difference, out["tolerance"], strict=True)],
        index=out.index, dtype="boolean")
    return out


#: Post-processing functions a query header may name.
POSTPROCESS: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {
    "implied_cagr": implied_cagr,
}
