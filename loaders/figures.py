"""Figures in decoded plain text: money, percentages, years, periods, dates, sentences.

Everything here works on the plain text of one block or sentence (never on HTML).

Money decisions
---------------
- Values are returned in base units of the stated currency (``USD 782.4 million`` ->
  ``782400000.0``), computed through :class:`decimal.Decimal` so that they are exact.
- Currency symbols: ``$`` and ``US$`` are USD, ``€`` EUR, ``£`` GBP, ``¥`` JPY (unless
  written ``CN¥``/``RMB``/``yuan``), ``₹``/``Rs`` INR, ``₩`` KRW; ``A$``, ``C$``, ``HK$``,
  ``S$`` and ``NT$`` are AUD, CAD, HKD, SGD and TWD. The currency may stand before or after
  the number (``782.4 million USD``, ``3.2 billion euros``).
- Units: thousand/K, million/Mn/Mln/M, billion/Bn/Bln/B, trillion/Tn, crore and lakh.
- Ranges (``USD 1.2-1.4 billion``, ``between USD 1.2 billion and USD 1.4 billion``) give
  the **midpoint** as the value and keep both bounds (:attr:`Money.low`,
  :attr:`Money.high`); the caller records a warning, so a range is never silently a point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

__all__ = [
    "Money",
    "find_money",
    "find_percents",
    "find_years",
    "parse_date",
    "split_sentences",
    "title_period",
    "year_range",
]

_CURRENCY_SYMBOLS = {
    "us$": "USD", "u.s.$": "USD", "usd": "USD", "$": "USD", "us dollars": "USD",
    "us dollar": "USD", "dollars": "USD", "dollar": "USD",
    "eur": "EUR", "€": "EUR", "euro": "EUR", "euros": "EUR",
    "gbp": "GBP", "£": "GBP", "pounds": "GBP", "pound": "GBP", "pounds sterling": "GBP",
    "jpy": "JPY", "¥": "JPY", "jp¥": "JPY", "yen": "JPY",
    "inr": "INR", "₹": "INR", "rs": "INR", "rs.": "INR", "rupees": "INR", "rupee": "INR",
    "krw": "KRW", "₩": "KRW", "won": "KRW",
    "cny": "CNY", "rmb": "CNY", "cn¥": "CNY", "yuan": "CNY", "renminbi": "CNY",
    "chf": "CHF", "aud": "AUD", "a$": "AUD", "cad": "CAD", "c$": "CAD", "hkd": "HKD",
    "hk$": "HKD", "sgd": "SGD", "s$": "SGD", "twd": "TWD", "nt$": "TWD",
}
_UNITS = {
    "thousand": 3, "k": 3, "million": 6, "mn": 6, "mln": 6, "m": 6, "mio": 6,
    "billion": 9, "bn": 9, "bln": 9, "b": 9, "trillion": 12, "tn": 12,
    "crore": 7, "crores": 7, "lakh": 5, "lakhs": 5, "lakh crore": 12, "lakh crores": 12,
    "thousand crore": 10, "thousand crores": 10,
}
_NUM = r"\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_PREFIX = (r"US\s?\$|U\.S\.\s?\$|USD|EUR|GBP|JPY|INR|KRW|CNY|RMB|CHF|AUD|CAD|HKD|SGD|TWD"
           r"|JP¥|CN¥|HK\$|NT\$|A\$|C\$|S\$|Rs\.?|€|£|¥|₹|₩|(?<![A-Za-z])\$")
_UNIT = (r"lakh\s+crores?|thousand\s+crores?|thousand|million|billion|trillion|crores?|lakhs?"
         r"|mln|mio|bln|mn|bn|tn"
         r"|(?-i:[MBK])(?![a-zA-Z])|(?-i:[mbk])(?![a-zA-Z/²³])")
_SUFFIX = (r"USD|EUR|GBP|JPY|INR|KRW|CNY|RMB|US\s+dollars?|dollars?|euros?|pounds(?:\s+sterling)?"
           r"|yen|won|rupees?|yuan|renminbi")
_MONEY_RE = re.compile(
    rf"""(?ix)
    (?:
      (?P<cur1>{_PREFIX})\s?(?P<n1>{_NUM})
      (?:\s?(?:-|–|—|to)\s?(?:{_PREFIX})?\s?(?P<n1b>{_NUM}))?
      (?:\s?(?P<u1>{_UNIT}))?(?![\w])
    |
      (?<![\w.$€£¥₹₩])(?P<n2>{_NUM})(?:\s?(?:-|–|—|to)\s?(?P<n2b>{_NUM}))?
      \s?(?P<u2>{_UNIT})?\s(?P<cur2>{_SUFFIX})\b
    )
    """
)
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|and)\s*$", re.I)


@dataclass(frozen=True)
class Money:
    """A money expression found in text.

    Attributes
    ----------
    value : float
        Base units (the midpoint for a range).
    currency : str
        ISO 4217 code.
    start, end : int
        Offsets of the expression in the searched text.
    text : str
        The expression as written.
    low, high : float or None
        Range bounds, else None.
    """

    value: float
    currency: str
    start: int
    end: int
    text: str
    low: float | None = None
    high: float | None = None


def _scale(num: str, unit: str | None) -> Decimal | None:
    try:
        d = Decimal(num.replace(",", ""))
    except InvalidOperation:
        return None
    if unit:
        d = d.scaleb(_UNITS[" ".join(unit.lower().split())])
    return d


def find_money(text: str) -> list[Money]:
    """Find money amounts in one block or sentence of plain text.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of Money
        In text order. A number is money only with a currency next to it.

    Examples
    --------
    >>> [(m.value, m.currency) for m in find_money("USD 782.4 million in 2024, €3.2 bn")]
    [(782400000.0, 'USD'), (3200000000.0, 'EUR')]
    >>> m = find_money("between USD 1.2 billion and USD 1.4 billion")[0]
    >>> (m.value, m.low, m.high)
    (1300000000.0, 1200000000.0, 1400000000.0)
    >>> [(m.value, m.currency) for m in find_money("INR 5,000 crore or 12.5 billion yen")]
    [(50000000000.0, 'INR'), (12500000000.0, 'JPY')]
    >>> [m.value for m in find_money("INR 4,10,000 crore; INR 1.02 lakh crore")]
    [4100000000000.0, 1020000000000.0]
    """
    found: list[Money] = []
    for m in _MONEY_RE.finditer(text):
        if m.group("cur1"):
            cur_raw, n, nb, unit = m.group("cur1"), m.group("n1"), m.group("n1b"), m.group("u1")
        else:
            cur_raw, n, nb, unit = m.group("cur2"), m.group("n2"), m.group("n2b"), m.group("u2")
        cur = _CURRENCY_SYMBOLS.get(" ".join(cur_raw.lower().split()).replace(" $", "$"))
        if cur is None:
            continue
        lo = _scale(n, unit)
        if lo is None:
            continue
        if nb:
            hi = _scale(nb, unit)
            if hi is None or hi <= lo:
                hi = None
        else:
            hi = None
        growth = bool(re.search(r"\bfrom\s*$", text[:m.start()], re.I))
        if hi is not None and growth and re.search(r"\sto\s", m.group(0)):
            found.append(Money(float(lo), cur, m.start(), m.end(), m.group(0)))
            found.append(Money(float(hi), cur, m.start(), m.end(), m.group(0)))
        elif hi is not None:
            found.append(Money(float((lo + hi) / 2), cur, m.start(), m.end(), m.group(0),
                               float(lo), float(hi)))
        else:
            found.append(Money(float(lo), cur, m.start(), m.end(), m.group(0)))
    return _merge_ranges(text, found)


def _merge_ranges(text: str, found: list[Money]) -> list[Money]:
    out: list[Money] = []
    for m in found:
        if out and out[-1].low is None and m.low is None and out[-1].currency == m.currency:
            prev = out[-1]
            gap = text[prev.end:m.start]
            before = text[:prev.start]
            joiner_ok = _RANGE_JOIN.match(gap) and (
                "and" in gap.lower() and re.search(r"between\s*$", before, re.I)
                or "and" not in gap.lower() and not re.search(r"\bfrom\s*$", before, re.I))
            if joiner_ok and m.value > prev.value:
                out[-1] = Money((prev.value + m.value) / 2, m.currency, prev.start, m.end,
                                text[prev.start:m.end], prev.value, m.value)
                continue
        out.append(m)
    return out


_PCT_RE = re.compile(
    r"(?<![\w.])(?P<a>\d+(?:\.\d+)?)\s?(?:%\s?)?(?:(?:-|–|—|to)\s?(?P<b>\d+(?:\.\d+)?)\s?)?"
    r"(?:%|\s?percent\b|\s?per cent\b)")


def find_percents(text: str) -> list[tuple[float, int, int]]:
    """Find percentages: ``(value, start, end)``; a range gives its midpoint.

    Examples
    --------
    >>> [p for p, _, _ in find_percents("a CAGR of 15.7% and 15-20 percent")]
    [15.7, 17.5]
    """
    out = []
    for m in _PCT_RE.finditer(text):
        a = float(m.group("a"))
        b = float(m.group("b")) if m.group("b") else None
        out.append(((a + b) / 2 if b is not None and b > a else a, m.start(), m.end()))
    return out


_YEAR_RE = re.compile(r"(?<![\w.,$€£¥-])(19[5-9]\d|20\d\d|21\d\d)(?![\w%]|\.\d|,\d)")


def find_years(text: str) -> list[tuple[int, int, int]]:
    """Find calendar years (1950-2199): ``(year, start, end)``.

    Examples
    --------
    >>> [y for y, _, _ in find_years("in 2024 to 2,032 units, 2032 and 2025-2033")]
    [2024, 2032, 2025, 2033]
    """
    out = []
    for m in _YEAR_RE.finditer(text):
        out.append((int(m.group(1)), m.start(), m.end()))
    # the second year of "2025-2033" is preceded by '-': accept it explicitly
    for m in re.finditer(r"(?<=\d{4})\s?[-–—]\s?(19[5-9]\d|20\d\d|21\d\d)(?!\d)", text):
        s = m.start(1)
        if all(s != o[1] for o in out):
            out.append((int(m.group(1)), s, m.end(1)))
    return sorted(out, key=lambda t: t[1])


_RANGE_RE = re.compile(
    r"(?P<a>(?:19|20|21)\d\d)\s?(?:-|–|—|to|through|till|until|and)\s?"
    r"(?P<b>(?:19|20|21)\d\d|\d\d)(?!\d)", re.I)


def year_range(text: str) -> tuple[int, int] | None:
    """The first ``YYYY-YYYY`` (or ``YYYY to YYYY``, ``YYYY-YY``) period in `text`.

    Examples
    --------
    >>> year_range("during the forecast period 2025-2033"), year_range("from 2025 to 32")
    ((2025, 2033), (2025, 2032))
    >>> year_range("through 2030") is None
    True
    """
    for m in _RANGE_RE.finditer(text):
        a, b = int(m.group("a")), m.group("b")
        end = int(b) if len(b) == 4 else (a // 100) * 100 + int(b)
        if a < end <= a + 50:
            return a, end
    return None


_TITLE_PERIOD_RE = re.compile(
    r"forecast(?:s|ed|ing)?(?:\s+period)?(?:\s+to)?[\s,:(]*"
    r"(?P<a>(?:19|20|21)\d\d)\s?(?:-|–|—|to)\s?(?P<b>(?:19|20|21)\d\d|\d\d)(?!\d)", re.I)


def title_period(title: str) -> tuple[int, int] | None:
    """The "Forecast YYYY-YYYY" period of a report title, else None.

    Examples
    --------
    >>> title_period("X Market, Global Outlook and Forecast 2025-2032")
    (2025, 2032)
    >>> title_period("X Market Report 2024") is None
    True
    """
    m = _TITLE_PERIOD_RE.search(title)
    if not m:
        return None
    a, b = int(m.group("a")), m.group("b")
    end = int(b) if len(b) == 4 else (a // 100) * 100 + int(b)
    return (a, end) if a < end else None


_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def parse_date(text: str) -> date | None:
    """Parse a front-matter date in any common format; None when unreadable or ambiguous.

    Accepts ISO dates and timestamps, JavaScript ``Date.toString()`` output
    (``Fri Dec 12 2025 08:01:34 GMT+0000 (...)``, read as written, no time-zone shift),
    ``12 December 2025``, ``December 12, 2025``, ``12-Dec-2025``, and ``dd/mm/yyyy`` or
    ``mm/dd/yyyy`` when one part is above 12 (or both parts are equal).

    Examples
    --------
    >>> parse_date("Fri Dec 12 2025 08:01:34 GMT+0000 (Coordinated Universal Time)")
    datetime.date(2025, 12, 12)
    >>> parse_date("2025-10-21T10:15:02Z"), parse_date("21 October 2025")
    (datetime.date(2025, 10, 21), datetime.date(2025, 10, 21))
    >>> parse_date("03/04/2025") is None
    True
    """
    s = " ".join(str(text).strip().strip("\"'").split())
    try:
        m = re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)", s)
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        m = re.search(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", s)
        if m and m[1][:3].lower() in _MONTHS:
            return date(int(m[3]), _MONTHS[m[1][:3].lower()], int(m[2]))
        m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{4})\b", s)
        if m and m[2][:3].lower() in _MONTHS:
            return date(int(m[3]), _MONTHS[m[2][:3].lower()], int(m[1]))
        m = re.match(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$", s)
        if m:
            a, b, y = int(m[1]), int(m[2]), int(m[3])
            if a > 12 >= b:
                return date(y, b, a)
            if b > 12 >= a or a == b:
                return date(y, a, b)
    except ValueError:
        return None
    return None


_ABBREV = {
    "u.s", "u.k", "u.a.e", "u.s.a", "e.u", "co", "ltd", "inc", "corp", "plc", "llc", "no",
    "vs", "e.g", "i.e", "etc", "approx", "dr", "mr", "mrs", "ms", "st", "jr", "sr", "bros",
    "fig", "mt", "dept", "est", "govt", "int'l", "s.a", "n.v", "b.v", "s.p.a", "a.g", "k.k",
    "p.r", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "min", "max", "ca", "cf", "al", "pvt", "mfg", "intl",
}


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split one block of plain text into sentences; returns ``(start, end)`` spans.

    A sentence ends at ``.``, ``!`` or ``?`` followed by a space and an upper-case letter,
    digit or quote, unless the dot ends a known abbreviation (``U.S.``, ``Co.``, ``Ltd.``,
    ``Inc.``, ``e.g.``) or a single initial. Leading ``->``/bullets are not part of a
    sentence.

    Examples
    --------
    >>> t = "The U.S. Department of Energy awarded $85 million. Azurite Co., Ltd. grew."
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['The U.S. Department of Energy awarded $85 million.', 'Azurite Co., Ltd. grew.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in re.finditer(r"[.!?](?=[\"'”’)]?\s+[\"'“‘(]?[A-Z0-9])", text):
        end = m.end()
        if text[m.start()] == ".":
            word = re.search(r"([\w.'&]+)\.$", text[start:end])
            tok = word.group(1).lower() if word else ""
            if (tok in _ABBREV or re.fullmatch(r"[a-z]", tok)
                    or re.fullmatch(r"(?:[a-z]\.)+[a-z]", tok)):
                continue
        while end < n and text[end] in "\"'”’)":
            end += 1
        spans.append((start, end))
        start = end
        while start < n and text[start].isspace():
            start += 1
    if start < n:
        spans.append((start, n))
    out = []
    for a, b in spans:
        lead = re.match(r"\s*(?:->|→|=>|[-•*·▪–]\s)?\s*", text[a:b])
        a2 = a + (lead.end() if lead else 0)
        b2 = b
        while b2 > a2 and text[b2 - 1].isspace():
            b2 -= 1
        if b2 > a2:
            out.append((a2, b2))
    return out
