"""The market's own size points and CAGR, told apart from other markets' and segments'.

Whose figure is it? The *subject* of a figure is read from the words before it: the first
"market"/"industry" in the clause and the words that modify it ("Global anode material for
sodium-ion battery market" is ours; "the EV charging market", "the Asia-Pacific market",
"the hard carbon segment" are not). A bare "the market" counts as ours only in the market
insights, the FAQ answers and the report's opening paragraphs; elsewhere a figure must name
our market. Figures without a market word before them (charging networks, storage
installations) never count.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .countries import countries_in
from .doc import Doc, Sentence
from .figures import find_money, find_percents, find_years, title_period, year_range
from .records import GrowthRate, MarketSize

__all__ = ["market_cagr", "market_sizes", "subject"]

_GENERIC_OK = ("insight", "faq")
_MODIFIERS = {"global", "worldwide", "world", "overall", "total", "entire", "whole",
              "international", "current", "estimated", "said", "same", "broader"}
_STOP = {"the", "a", "an", "this", "that", "these", "its", "their", "our", "in", "on", "at",
         "by", "with", "as", "from", "to", "while", "is", "was", "are", "were", "be", "been",
         "has", "have", "had", "will", "which", "whose", "where", "than", "into", "across",
         "within", "over"}
_BROADER = {"broader", "wider", "overall"}
_SEGMENT_RE = re.compile(r"\b(?:segments?|sub-segments?|subsegments?|category|categories)\b",
                         re.I)
# A figure after one of these belongs to the clause that follows it
# ("..., while the Asia-Pacific market accounted for USD 500 million").
_BREAK_RE = re.compile(r";|\bwhile\b|\bwhereas\b|\bbut\b", re.I)
_PLACE_RE = re.compile(r"\b(?:America|Europe|Asia|Africa|Middle East|Pacific|APAC|EMEA|MEA|"
                       r"LATAM)\b")
_MARKET_RE = re.compile(r"\b(?:market|industry)\b", re.I)
_FORECAST_RE = re.compile(
    r"\b(?:projected|expected|forecast(?:ed)?|anticipated|estimated to|likely|will|would|"
    r"poised|set to|to reach|reaching|to grow|grow(?:ing)? from|to hit|to surpass|"
    r"to exceed|to touch|to cross|to attain)\b", re.I)
_ACTUAL_RE = re.compile(
    r"\b(?:was|were|stood|reached|amounted|totall?ed|recorded|registered|generated|"
    r"has been|had been|accounted)\b", re.I)
_CAGR_RE = re.compile(r"\bCAGR\b|compound annual growth rate", re.I)


def _tokens(text: str) -> list[str]:
    toks = re.findall(r"[\w][\w'’+.&-]*", text.lower().replace("-", " "))
    return [t[:-1] if t.endswith("s") and len(t) > 3 and not t.endswith("ss") else t
            for t in toks]


def _name_match(phrase: str, name: str) -> bool:
    ptoks = [t for t in _tokens(phrase) if t not in _MODIFIERS]
    if not ptoks:
        return True
    ntoks = set(_tokens(name)) | {"for", "of", "and", "in", "the"}
    if set(ptoks) <= ntoks:
        return True
    return fuzz.token_set_ratio(" ".join(ptoks), " ".join(_tokens(name))) >= 90


def subject(text: str, pos: int, name: str) -> str | None:
    """Whose figure sits at `pos` in one sentence: ``'ours'``, ``'generic'``, ``'other'``
    or None (no market word at all).

    Parameters
    ----------
    text : str
        The sentence.
    pos : int
        Offset of the figure in `text`.
    name : str
        The market name (title text before " Market").

    Examples
    --------
    >>> n = "Anode Material for Sodium-ion Battery"
    >>> subject("Global anode material for sodium-ion battery market size was USD 1", 60, n)
    'ours'
    >>> subject("The market is projected to grow from USD 1", 40, n)
    'generic'
    >>> subject("The EV charging market will grow at 29.6%", 35, n)
    'other'
    >>> subject("This segment alone is projected to reach USD 5", 40, n)
    'other'
    >>> subject("Asia-Pacific is the largest market, worth USD 5", 40, n)
    'other'
    >>> t = "The market was USD 9 in 2024, while the Asia-Pacific market was USD 5"
    >>> subject(t, 15, n), subject(t, len(t) - 5, n)
    ('generic', 'other')
    """
    before = text[:pos]
    breaks = [b.end() for b in _BREAK_RE.finditer(before)]
    cstart = breaks[-1] if breaks else 0
    if _SEGMENT_RE.search(before[cstart:]):
        return "other"
    m = (_MARKET_RE.search(before, cstart) or _MARKET_RE.search(before)
         or _MARKET_RE.search(text))
    if not m:
        return None
    head = text[:m.start()]
    clause = re.split(r"[,;:()\u2014\u2013]|\s-\s", head)[-1]
    words = clause.split()
    phrase: list[str] = []
    for w in reversed(words):
        lw = w.lower().strip("'’\"")
        if lw in _STOP or re.fullmatch(r"\d{4}", lw):
            break
        phrase.insert(0, w)
    if any(w.lower() in _BROADER for w in phrase):
        return "other"
    if [w for w in phrase if w.lower() not in _MODIFIERS]:
        if countries_in(" ".join(phrase)):
            return "other"
        return "ours" if _name_match(" ".join(phrase), name) else "other"
    tail = text[m.end():]
    f = re.match(r"\s+(?:size\s+)?(?:for|of|in)\s+(.+?)(?=\s+(?:was|is|stood|reached|"
                 r"amounted|will|has|had|are|were|to|at|valued|stands)\b|[,;]|$)", tail)
    if f:
        follow = f.group(1)
        if countries_in(follow) or re.search(r"\b(?:America|Europe|Asia|Africa|region)",
                                             follow):
            return "other"
        return "ours" if _name_match(follow, name) else "other"
    return "generic"


def _allows_generic(s: Sentence, doc: Doc) -> bool:
    kind = s.section.kind
    if kind == "faq":
        q = s.section.heading
        return not (re.search(r"\b(?:region|segment|countr|compan|player)", q, re.I)
                    or _PLACE_RE.search(q) or countries_in(q))
    return kind in _GENERIC_OK


def _ours(s: Sentence, pos: int, name: str, doc: Doc) -> bool:
    who = subject(s.text, pos, name)
    if who == "ours":
        return True
    if who == "generic":
        return _allows_generic(s, doc)
    if who is None and re.match(r"(?:It|This)\s", s.text) and _allows_generic(s, doc):
        return True  # "It is forecast to reach ..." right after the market's sentence
    if who is None and s.section.kind == "faq" and _allows_generic(s, doc):
        q = s.section.heading
        return bool(re.search(r"market size|growth rate|cagr|how (?:big|large)|market value",
                              q, re.I))
    return False


def _year_for(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int | None, bool]:
    """Year of the money at ``text[start:end]``: (year, introduced by 'by')."""
    after = text[end:hi]
    m = re.match(r"\s*(?:\(|,)?\s*(?:in|by|for|of|during|through|till|until|at the end of|"
                 r"by the end of|in the year|as of|in fy|fy)?\s*((?:19|20|21)\d\d)\b(?!\s?[-–])",
                 after, re.I)
    if m:
        by = bool(re.match(r"\s*(?:\(|,)?\s*(?:by|through|till|until|by the end of)\b",
                           after, re.I))
        return int(m.group(1)), by
    ys = [y for y in find_years(text[lo:start])]
    if ys:
        y, ys_, ye = ys[-1]
        seg = text[lo:start]
        if not re.match(r"\s?[-–—]\s?\d{4}", seg[ye:]) and not re.search(
                r"\d{4}\s?[-–—]\s?$", seg[:ys_]):
            return y, bool(re.search(r"\bby\s*$", seg[:ys_], re.I))
    return None, False


def market_sizes(doc: Doc, name: str, published_year: int | None,
                 warnings: list[str]) -> list[MarketSize]:
    """The market's own size points, deduplicated, in report order.

    A point is ``'actual'`` when the report states it as past ("was valued at", "stood
    at", "reached ... in 2024") and ``'forecast'`` otherwise; a year after the publication
    year is always a forecast.
    """
    out: list[MarketSize] = []
    seen: dict[tuple[int, str, float], MarketSize] = {}
    for s in doc.sentences():
        moneys = find_money(s.text)
        prev_end = 0
        prev_kind: str | None = None
        for k, m in enumerate(moneys):
            nxt = moneys[k + 1].start if k + 1 < len(moneys) else len(s.text)
            lo = prev_end
            prev_end = m.end
            if not _ours(s, m.start, name, doc):
                continue
            year, by = _year_for(s.text, m.start, m.end, lo, nxt)
            if year is None:
                continue
            ctx = s.text[lo:m.start]
            if by or _FORECAST_RE.search(ctx):
                kind = "forecast"
            elif _ACTUAL_RE.search(ctx) or re.search(r"\bvalued at\s*$", ctx, re.I):
                kind = "actual"
            elif prev_kind == "actual" and (published_year is None or year <= published_year):
                kind = "actual"
            elif published_year is not None and year < published_year:
                kind = "actual"
            else:
                kind = "forecast"
            if published_year is not None and year > published_year:
                kind = "forecast"
            prev_kind = kind
            key = (year, m.currency, round(m.value, 2))
            if key in seen:
                continue
            clash = [p for p in out if p.year == year and p.currency == m.currency]
            if clash:
                warnings.append(
                    f"market size for {year} stated twice with different values: "
                    f"{clash[0].original_text!r} and {m.text!r}; both kept")
            if m.low is not None:
                warnings.append(f"market size {m.text!r} is a range; the midpoint "
                                f"{m.value:.0f} is the value, bounds kept as low/high")
            point = MarketSize(year, m.value, m.currency, kind, m.text,
                               doc.evidence(s.section, s.start, s.end), m.low, m.high)
            seen[key] = point
            out.append(point)
    if not out:
        warnings.append("no market size found (no 'valued at USD ... in YYYY' sentence)")
    return out


def market_cagr(doc: Doc, name: str, title: str, warnings: list[str]) -> GrowthRate | None:
    """The market's own CAGR; period from its sentence, else the title's forecast period."""
    found: list[GrowthRate] = []
    tperiod = title_period(title)
    for s in doc.sentences():
        for cm in _CAGR_RE.finditer(s.text):
            pct = _cagr_percent(s.text, cm.start(), cm.end())
            if pct is None:
                continue
            value, p0, p1 = pct
            if not _ours(s, min(cm.start(), p0), name, doc):
                continue
            tail_end = len(s.text)
            nxt = _CAGR_RE.search(s.text, cm.end())
            if nxt and nxt.start() > p1:
                tail_end = nxt.start()
            period = year_range(s.text[max(p1, cm.end()):tail_end])
            if period is None:
                head = s.text[:min(cm.start(), p0)]
                money = find_money(head)
                head = head[money[-1].end:] if money else head
                period = year_range(head)
            frm: int | None
            to: int | None
            if period is not None:
                frm, to = period
            else:
                m = re.search(r"\b(?:through|till|until|by|to)\s+((?:19|20|21)\d\d)\b",
                              s.text[p1:tail_end])
                if m:
                    frm, to = (tperiod[0] if tperiod else None), int(m.group(1))
                elif tperiod:
                    frm, to = tperiod
                else:
                    frm = to = None
            found.append(GrowthRate(value, frm, to, doc.evidence(s.section, s.start, s.end)))
            break
    if not found:
        warnings.append("no CAGR for the market found")
        return None
    values = sorted({g.percent for g in found})
    if len(values) > 1:
        warnings.append(f"several CAGRs stated for the market: {values}; "
                        f"kept the first ({found[0].percent})")
    return found[0]


def _cagr_percent(text: str, c0: int, c1: int) -> tuple[float, int, int] | None:
    pcts = find_percents(text)
    after = [p for p in pcts if p[1] >= c1 and p[1] - c1 <= 60]
    if after:
        gap = text[c1:after[0][1]]
        if not re.search(r"[.;]|\bCAGR\b", gap):
            return after[0]
    before = [p for p in pcts if p[2] <= c0 and c0 - p[2] <= 25]
    if before:
        return before[-1]
    return None
