"""Plain records a market report turns into, and their ``cikg extract`` JSON form.

The records are what the report parser (:mod:`cikg.loaders.report`) returns and what the
RDF mapping consumes. They hold no behaviour beyond rendering themselves as the JSON
contract of ``contracts/report-extract.md`` (:meth:`Report.to_contract`).

Offsets
-------
Every fact carries an :class:`Evidence`: the heading of the section it was read from, the
exact quote (usually one sentence) and the character offsets of that quote in
:attr:`Report.text`. ``Report.text`` is the report's plain text *as the parser renders it*:
HTML entities decoded, whitespace (including non-breaking spaces) collapsed to single
spaces inside each block (paragraph, list item, ``<br>``-separated line, markdown line),
zero-width characters removed, and blocks joined by ``"\\n"``. Front matter is not part
of it, except the title, which is always the first block. So for every evidence
``report.text[ev.start:ev.end] == ev.quote``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = [
    "BASE_FACETS",
    "CompanyRecord",
    "CountryMention",
    "Evidence",
    "GrowthRate",
    "InitiativeRecord",
    "MarketSize",
    "RegionRecord",
    "Report",
    "SectionRecord",
    "Segment",
    "ShareClaimRecord",
    "SourceInfo",
]

#: Facets the contract always carries, even when a report lacks them (as empty lists).
BASE_FACETS = ("type", "application", "end_user")


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: section heading, exact quote and its offsets.

    Parameters
    ----------
    section : str
        Heading of the section the quote is in (as the report spells it).
    quote : str
        The exact text, equal to ``Report.text[start:end]``.
    start, end : int
        Character offsets of `quote` in :attr:`Report.text`.

    Examples
    --------
    >>> ev = Evidence("MARKET INSIGHTS", "valued at", 10, 19)
    >>> ev.end - ev.start == len(ev.quote)
    True
    """

    section: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class SourceInfo:
    """Bibliographic facts about one report.

    Parameters
    ----------
    title : str
        The report title (front matter ``title`` or the first ``#`` heading).
    publisher : str or None
        Domain of the report's own URL without ``www.``.
    published : datetime.date or None
        Publication date from the front matter.
    url : str or None
        The report page (the "Get the Complete Report" link), never a sample-download link.
    """

    title: str
    publisher: str | None
    published: date | None
    url: str | None


@dataclass(frozen=True)
class MarketSize:
    """One market-size data point in base units of the stated currency.

    Parameters
    ----------
    year : int
    value : float
        Base units (``USD 782.4 million`` -> ``782400000.0``). For a range
        (``USD 1.2-1.4 billion``) the midpoint; the bounds are in `low` and `high`.
    currency : str
        ISO 4217 code as stated; never converted.
    kind : {'actual', 'forecast'}
    original_text : str
        The money expression as written (``"USD 782.4 million"``).
    evidence : Evidence
    low, high : float or None
        Range bounds when the report states a range, else None.
    """

    year: int
    value: float
    currency: str
    kind: str
    original_text: str
    evidence: Evidence
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class GrowthRate:
    """The market's own compound annual growth rate.

    Parameters
    ----------
    percent : float
        ``15.7`` for 15.7 %.
    from_year, to_year : int or None
        Period from the CAGR sentence, else the title's "Forecast YYYY-YYYY", else None.
    evidence : Evidence
    """

    percent: float
    from_year: int | None
    to_year: int | None
    evidence: Evidence


@dataclass
class CompanyRecord:
    """One item of the report's "List of Key ... Companies Profiled".

    Parameters
    ----------
    name : str
        As the list spells it, without the country suffix.
    country : str or None
        ISO 3166-1 alpha-2 code of the country the list states, else None.
    aliases : list of str
        Other spellings of the same company found elsewhere in the report.
    evidence : Evidence
        The list item.
    mentions : list of Evidence
        Every other place (prose, FAQ ...) the company is named.
    """

    name: str
    country: str | None
    aliases: list[str] = field(default_factory=list)
    evidence: Evidence | None = None
    mentions: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class Segment:
    """One item under a "By X" heading of the segment analysis.

    Parameters
    ----------
    facet : str
        snake_case of the heading after "By" (``'type'``, ``'end_user'``).
    name : str
        The item as the report spells it.
    evidence : Evidence
    """

    facet: str
    name: str
    evidence: Evidence


@dataclass
class RegionRecord:
    """One heading under "Regional Analysis".

    Parameters
    ----------
    name : str
        As the report spells it (entities decoded).
    countries : list of str
        ISO alpha-2 codes named in that region's section, in order, each once.
    evidence : Evidence
        The heading.
    """

    name: str
    countries: list[str]
    evidence: Evidence


@dataclass(frozen=True)
class CountryMention:
    """The first mention of a country in the report body.

    Parameters
    ----------
    code : str
        ISO 3166-1 alpha-2.
    evidence : Evidence
        The sentence of the first mention.
    """

    code: str
    evidence: Evidence


@dataclass(frozen=True)
class InitiativeRecord:
    """A public programme, fund or funding round, or a standard or regulation.

    Parameters
    ----------
    name : str
    sponsor : str or None
        The body as the report names it (``"U.S. Department of Energy"``).
    country : str or None
        ISO alpha-2 of the sponsor, ``"EU"`` for the European Union.
    amount : float or None
        Base units of `currency`; None for standards and regulations.
    currency : str or None
    year : int or None
    kind : {'funding', 'standard', 'regulation'}
    evidence : Evidence
    """

    name: str
    sponsor: str | None
    country: str | None
    amount: float | None
    currency: str | None
    year: int | None
    kind: str
    evidence: Evidence


@dataclass(frozen=True)
class ShareClaimRecord:
    """A percentage share attributed to named companies.

    Parameters
    ----------
    companies : list of str
        Names as the company list spells them.
    percent : float
    year : int or None
    measure : str
        ``'revenue share'``, ``'production capacity share'``, ``'market share'`` ...
    qualifier : str or None
        ``'nearly'``, ``'approximately'``, ``'estimated'`` ... as written.
    evidence : Evidence
    """

    companies: list[str]
    percent: float
    year: int | None
    measure: str
    qualifier: str | None
    evidence: Evidence


@dataclass(frozen=True)
class SectionRecord:
    """A headed section of prose (a driver, a region, an FAQ answer ...).

    Parameters
    ----------
    kind : str
        ``'insight'``, ``'driver'``, ``'restraint'``, ``'opportunity'``, ``'challenge'``,
        ``'trend'``, ``'competition'``, ``'segment'``, ``'region'``, ``'scope'`` or ``'faq'``.
    heading : str
        The sub-heading (FAQ: the question).
    text : str
        The section's blocks joined by ``"\\n"`` (heading excluded).
    evidence : Evidence
        Quote = `text`.
    """

    kind: str
    heading: str
    text: str
    evidence: Evidence


@dataclass
class Report:
    """Everything the parser read from one market report.

    See the module docstring for what :attr:`text` is and how offsets relate to it.
    """

    source: SourceInfo
    market_name: str
    sizes: list[MarketSize] = field(default_factory=list)
    cagr: GrowthRate | None = None
    companies: list[CompanyRecord] = field(default_factory=list)
    segments: dict[str, list[Segment]] = field(default_factory=dict)
    regions: list[RegionRecord] = field(default_factory=list)
    countries_mentioned: list[CountryMention] = field(default_factory=list)
    initiatives: list[InitiativeRecord] = field(default_factory=list)
    standards: list[InitiativeRecord] = field(default_factory=list)
    share_claims: list[ShareClaimRecord] = field(default_factory=list)
    sections: list[SectionRecord] = field(default_factory=list)
    text: str = ""
    warnings: list[str] = field(default_factory=list)

    def to_contract(self) -> dict[str, Any]:
        """Render the report as the ``cikg extract`` JSON object.

        Returns
        -------
        dict
            Exactly the keys of ``contracts/report-extract.md`` plus informational extras
            (``quote``, ``section``, ``aliases``, ``kind``, ``warnings``). Missing values are
            None; the three base segment facets are always present.

        Examples
        --------
        >>> r = Report(SourceInfo("X Market", None, None, None), "X")
        >>> sorted(r.to_contract())  # doctest: +NORMALIZE_WHITESPACE
        ['companies', 'countries_mentioned', 'initiatives', 'market', 'regions',
         'segments', 'share_claims', 'source', 'standards', 'warnings']
        """
        src = self.source
        cagr: dict[str, Any] = {"percent": None, "from_year": None, "to_year": None}
        if self.cagr is not None:
            cagr = {
                "percent": self.cagr.percent,
                "from_year": self.cagr.from_year,
                "to_year": self.cagr.to_year,
                **_where(self.cagr.evidence),
            }
        segments: dict[str, list[str]] = {f: [] for f in BASE_FACETS}
        for facet, items in self.segments.items():
            segments[facet] = [s.name for s in items]
        return {
            "source": {
                "title": src.title,
                "publisher": src.publisher,
                "published": src.published.isoformat() if src.published else None,
                "url": src.url,
            },
            "market": {
                "name": self.market_name,
                "size": [_size(s) for s in self.sizes],
                "cagr": cagr,
            },
            "companies": [
                {
                    "name": c.name,
                    "country": c.country,
                    "aliases": list(c.aliases),
                    **(_where(c.evidence) if c.evidence else {}),
                }
                for c in self.companies
            ],
            "segments": segments,
            "regions": [r.name for r in self.regions],
            "countries_mentioned": [c.code for c in self.countries_mentioned],
            "initiatives": [_initiative(i) for i in self.initiatives],
            "standards": [
                {k: v for k, v in _initiative(s).items() if k not in ("amount", "currency")}
                for s in self.standards
            ],
            "share_claims": [
                {
                    "companies": list(s.companies),
                    "percent": s.percent,
                    "year": s.year,
                    "measure": s.measure,
                    "qualifier": s.qualifier,
                    **_where(s.evidence),
                }
                for s in self.share_claims
            ],
            "warnings": list(self.warnings),
        }


def _where(ev: Evidence) -> dict[str, Any]:
    return {"quote": ev.quote, "section": ev.section}


def _size(s: MarketSize) -> dict[str, Any]:
    out: dict[str, Any] = {
        "year": s.year,
        "value": s.value,
        "currency": s.currency,
        "kind": s.kind,
        "original_text": s.original_text,
    }
    if s.low is not None:
        out["low"], out["high"] = s.low, s.high
    out.update(_where(s.evidence))
    return out


def _initiative(i: InitiativeRecord) -> dict[str, Any]:
    return {
        "name": i.name,
        "sponsor": i.sponsor,
        "country": i.country,
        "amount": i.amount,
        "currency": i.currency,
        "year": i.year,
        "kind": i.kind,
        **_where(i.evidence),
    }
