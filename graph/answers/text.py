"""Sentences with citations, and the number and list formats answers and briefings use.

A :class:`Sentence` is plain text (never markup: renderers escape it) generated from
query or analytics rows, with the :class:`Citation` of every fact it states: the quote,
the section heading, the source and its as-of date.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

__all__ = ["Citation", "Sentence", "present", "text", "money", "percent", "join_names",
           "plural", "citations_from", "unit_name", "market_name"]

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand"))


def present(value: object) -> bool:
    """Whether *value* is a real value (not None, NA, NaN or an empty string).

    Examples
    --------
    >>> [present(v) for v in (None, float("nan"), "", "x", 0)]
    [False, False, False, True, True]
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return str(value).strip() not in ("", "<NA>", "nan", "NaT", "None")


def text(value: object, default: str = "") -> str:
    """Return *value* as text, *default* when it is missing.

    Examples
    --------
    >>> text(None, "unknown"), text(2024)
    ('unknown', '2024')
    """
    return str(value).strip() if present(value) else default


def money(value: object, currency: object = "USD") -> str:
    """Return an amount in words: ``USD 782.4 million``.

    Examples
    --------
    >>> money(782_400_000), money(2.86e9, "USD"), money(1500, "EUR"), money(None)
    ('USD 782.4 million', 'USD 2.86 billion', 'EUR 1.5 thousand', 'an unknown amount')
    """
    if not present(value):
        return "an unknown amount"
    amount = float(value)  # type: ignore[arg-type]
    unit = text(currency, "")
    for size, word in _SCALES:
        if abs(amount) >= size:
            return f"{unit} {amount / size:.4g} {word}".strip()
    return f"{unit} {amount:,.4g}".strip()


def percent(value: object, digits: int = 1) -> str:
    """Return a percentage: ``17.6 %``.

    Examples
    --------
    >>> percent(17.58), percent(30), percent(None)
    ('17.6 %', '30 %', 'an unknown share')
    """
    if not present(value):
        return "an unknown share"
    number = round(float(value), digits)  # type: ignore[arg-type]
    shown = f"{number:.{digits}f}".rstrip("0").rstrip(".")
    return f"{shown} %"


def market_name(label: object) -> str:
    """Return "the X market" for a market's label (without doubling a final "Market").

    Examples
    --------
    >>> market_name("Hard carbon"), market_name("Sodium-ion Alloy anode Market")
    ('the Hard carbon market', 'the Sodium-ion Alloy anode Market')
    """
    name = text(label, "whole")
    return f"the {name}" if name.casefold().endswith(" market") else f"the {name} market"


def unit_name(unit: object) -> str:
    """Return a QUDT unit's local name in words.

    Examples
    --------
    >>> unit_name("TONNE-PER-YR"), unit_name("KiloW-HR")
    ('tonne per yr', 'kilow hr')
    """
    return text(unit).lower().replace("-per-", " per ").replace("-", " ")


def join_names(names: Iterable[object], *, limit: int = 12) -> str:
    """Join names as prose: ``A, B and C``; above *limit* names, ``and N more``.

    Examples
    --------
    >>> join_names(["BTR"]), join_names(["A", "B", "C"]), join_names("ABCDE", limit=3)
    ('BTR', 'A, B and C', 'A, B, C and 2 more')
    """
    items = [str(n) for n in names if present(n)]
    if len(items) > limit:
        items = items[:limit] + [f"{len(items) - limit} more"]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def plural(count: int, word: str, many: str | None = None) -> str:
    """Return ``1 company`` or ``3 companies``.

    Examples
    --------
    >>> plural(1, "company", "companies"), plural(2, "source")
    ('1 company', '2 sources')
    """
    return f"{count} {word if count == 1 else (many or word + 's')}"


@dataclass(frozen=True)
class Citation:
    """Where a fact comes from: the quote, its section heading, the source, the as-of date."""

    quote: str
    section: str = ""
    source: str = ""
    as_of: str = ""

    def line(self) -> str:
        """Return the citation as one line of plain text.

        Examples
        --------
        >>> Citation("BTR (China)", "Companies", "Anode report", "2025-12-12").line()
        '"BTR (China)" (Companies; Anode report, as of 2025-12-12)'
        """
        where = "; ".join(x for x in (self.section, self.source) if x)
        if self.as_of:
            where = f"{where}, as of {self.as_of}" if where else f"as of {self.as_of}"
        return f'"{self.quote}" ({where})' if where else f'"{self.quote}"'


@dataclass
class Sentence:
    """A generated sentence (plain text) and the citations of the facts it states."""

    text: str
    citations: list[Citation] = field(default_factory=list)


def citations_from(rows: pd.DataFrame, *, lookup: Mapping[str, Citation] | None = None,
                   limit: int = 3) -> list[Citation]:
    """Return the citations of query rows with a ``quote`` column (first *limit* quotes).

    ``section``, ``source``/``document`` and ``as_of`` columns are read when present;
    *lookup* (quote -> citation, from the ``answers-citations`` query) fills what a
    row lacks.

    Examples
    --------
    >>> rows = pd.DataFrame({"quote": ["BTR (China)", "BTR (China)"], "section": ["L", "L"],
    ...                      "source": ["R", "R"]})
    >>> [c.line() for c in citations_from(rows)]
    ['"BTR (China)" (L; R)']
    """
    out: list[Citation] = []
    if rows is None or rows.empty or "quote" not in rows:
        return out
    seen = set()
    for row in rows.to_dict("records"):
        quote = text(row.get("quote"))
        if not quote or quote in seen:
            continue
        seen.add(quote)
        known = (lookup or {}).get(quote)
        section = text(row.get("section")) or (known.section if known else "")
        source = text(row.get("document")) or text(row.get("source")) or (
            known.source if known else "")
        if source.startswith(("http://", "https://")) and known and known.source:
            source = known.source
        as_of = text(row.get("as_of")) or (known.as_of if known else "")
        out.append(Citation(quote, section, source, as_of))
        if len(out) >= limit:
            break
    return out
