"""Blocks -> the report's sections: which heading each block belongs to.

Headings are recognised by their wording, not by their position, so reports that reorder,
rename ("Key Market Drivers", "Competitive Analysis", "By End-User") or restyle
(``<h2>``, markdown ``##``, ``<strong>``) them still parse. A heading is a block that is
bold or an ``<hN>``/markdown heading; the well-known top-level headings ("MARKET DRIVERS",
"Segment Analysis:", "FREQUENTLY ASKED QUESTIONS") are also recognised without bold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import Block
from .countries import country_code

__all__ = ["DYNAMICS", "Section", "classify_heading", "facet_key", "is_region_name",
           "sectionize"]

#: Section kinds whose sub-headings each start a :class:`~cikg.loaders.records.SectionRecord`.
DYNAMICS = ("driver", "restraint", "opportunity", "challenge", "trend")

_TOP: list[tuple[str, str]] = [
    ("insight", r"(?:key )?market (?:insights?|overview|snapshot|summary|definition)"
                r"|executive summary|report overview|overview|introduction"),
    ("dynamics", r"(?:key )?(?:market )?dynamics"),
    ("driver", r"(?:key )?(?:market )?(?:growth )?drivers?|drivers? of (?:the )?market"
               r"(?: growth)?|(?:market )?growth drivers"),
    ("restraint", r"(?:key )?(?:market )?(?:restraints?|restrains|constraints|inhibitors)"
                  r"(?: and challenges)?"),
    ("opportunity", r"(?:key )?(?:market )?(?:growth )?opportunit(?:y|ies)"),
    ("challenge", r"(?:key )?(?:market )?challenges?"),
    ("trend", r"(?:key |emerging |latest |recent )?(?:market )?trends"),
    ("other", r"other (drivers|restraints|opportunities|challenges|trends)"),
    ("company_list",
     r"list of .{0,120}\b(?:companies|players|manufacturers|vendors|suppliers|producers)"
     r"(?: profiled| covered| included)?"
     r"|.{0,120}\b(?:companies|players|manufacturers|vendors|suppliers|producers)"
     r" (?:profiled|covered)|companies profiled"),
    ("competition", r"competitive (?:landscape|analysis|scenario|environment|overview)"
                    r"|competition(?: landscape| analysis)?|key (?:industry |market )?players"
                    r"|market players|leading players"),
    ("regional", r"regional (?:analysis|outlook|insights?|landscape|market analysis|"
                 r"segmentation|overview)\b.*|geographic(?:al)? (?:analysis|outlook|"
                 r"segmentation)\b.*|(?:market )?(?:segment(?:ation)? )?by (?:region|"
                 r"geography)s?"),
    ("segments", r"(?:market )?segment(?:ation|al)? analysis|market segmentation"
                 r"|segmentation|segment overview|market segments"),
    ("facet", r"(?:market )?(?:segment(?:ed)? |segmentation )?by ([a-z][a-z0-9 /&-]{1,40})"),
    ("scope", r"(?:report scope|scope of (?:the )?(?:report|study)|research scope)\b.*"),
    ("faq", r"frequently asked questions|faqs?"),
    ("toc", r"table of contents?"),
    ("contact", r"contact(?: us)?(?: information| details)?"),
]
_TOP_RE = [(k, re.compile(rf"(?:{p})", re.S)) for k, p in _TOP]
_OTHER = {"drivers": "driver", "restraints": "restraint", "opportunities": "opportunity",
          "challenges": "challenge", "trends": "trend"}
_CTA_RE = re.compile(
    r"\b(?:download|free sample|sample (?:of|copy|report)|complete report|full report|"
    r"buy now|purchase|request (?:a )?sample|enquir|inquir|customi[sz]ation|get the)\b",
    re.I)
_REGION_WORDS = re.compile(
    r"\b(?:america|americas|europe|asia|pacific|apac|emea|latam|africa|middle east|mea|"
    r"oceania|nordics?|asean|gcc|rest of (?:the )?world|row|global|east|west|south|north|"
    r"central|region)\b", re.I)
_KNOWN_REGIONS = {
    "north america", "europe", "asia pacific", "asia", "apac", "south america",
    "latin america", "central and south america", "middle east and africa", "mea",
    "middle east", "africa", "rest of the world", "row", "east asia", "southeast asia",
    "south asia", "oceania", "western europe", "eastern europe", "emea", "nordics",
    "rest of world", "south and central america", "lamea",
}


def _norm(text: str) -> str:
    s = text.lower().replace("&", " and ").replace("–", "-").replace("—", "-")
    s = re.sub(r"^\s*(?:\d+(?:\.\d+)*\.?|[ivx]+\.)\s+", "", s)
    s = s.strip().rstrip(":.").strip()
    return " ".join(s.split())


def region_key(name: str) -> str:
    """Normalise a region spelling for matching only (``"Middle East &amp; Africa"``,
    ``"Middle-East and Africa"`` and ``"Asia Pacific"``/``"Asia-Pacific"`` compare equal).

    Examples
    --------
    >>> region_key("Middle East & Africa") == region_key("Middle-East and Africa")
    True
    """
    s = _norm(name).replace("-", " ").replace("/", " ")
    s = re.sub(r"\b(?:the|region|regions|market)\b", " ", s)
    return " ".join(s.split())


def is_region_name(text: str) -> bool:
    """Whether a heading under "Regional Analysis" names a region or a country.

    Examples
    --------
    >>> is_region_name("Middle East &amp; Africa"), is_region_name("Key Takeaways")
    (True, False)
    """
    if len(text.split()) > 7 or text.rstrip().endswith("."):
        return False
    if region_key(text) in _KNOWN_REGIONS or country_code(text):
        return True
    return bool(_REGION_WORDS.search(text)) and text[:1].isupper()


def facet_key(heading: str) -> str:
    """snake_case facet key of a "By X" heading, last word singular.

    Examples
    --------
    >>> [facet_key(h) for h in ("By Type", "By End User", "By End-Users:", "By Technologies")]
    ['type', 'end_user', 'end_user', 'technology']
    """
    m = re.search(r"\bby\s+(.+)$", _norm(heading))
    words = re.sub(r"[^a-z0-9]+", " ", m.group(1) if m else _norm(heading)).split()
    if words:
        last = words[-1]
        if last.endswith("ies") and len(last) > 4:
            words[-1] = last[:-3] + "y"
        elif last.endswith("s") and not last.endswith(("ss", "us", "is")) and len(last) > 3:
            words[-1] = last[:-1]
    return "_".join(words) or "other"


def classify_heading(block: Block) -> tuple[str, str | None] | None:
    """Top-level kind of a heading block (``('driver', None)``, ``('facet', 'type')``).

    Returns None when the block is not one of the well-known headings.

    Examples
    --------
    >>> classify_heading(Block("MARKET RESTRAINTS", bold=True))
    ('restraint', None)
    >>> classify_heading(Block("By End User", bold=True))
    ('facet', 'end_user')
    >>> classify_heading(Block("Other Challenges", bold=True))
    ('challenge', 'other')
    """
    text = block.text
    words = len(text.split())
    headingish = block.bold or block.level > 0
    if words > 25 or (not headingish and words > 12):
        return None
    h = _norm(text)
    for kind, rx in _TOP_RE:
        m = rx.fullmatch(h)
        if not m:
            continue
        if kind == "other":
            return _OTHER[m.group(1)], "other"
        if kind == "facet":
            key = facet_key(text)
            if key in ("region", "geography", "regions"):
                return "regional", None
            return "facet", key
        if kind == "company_list" and not (headingish or h.startswith("list of")):
            return None
        return kind, None
    return None


def is_cta(block: Block) -> bool:
    """A "Download FREE Sample @ URL" / "Get the Complete Report" call to action."""
    return bool(block.links or "http" in block.text or "@" in block.text) and bool(
        _CTA_RE.search(block.text)) and len(block.text.split()) < 40


@dataclass
class Section:
    """A heading and the blocks under it.

    Attributes
    ----------
    kind : str
        ``'title'``, ``'insight'``, a :data:`DYNAMICS` kind, ``'competition'``,
        ``'company_list'``, ``'segments'``, ``'facet'``, ``'regional'``, ``'region'``,
        ``'scope'``, ``'faq'``, ``'toc'`` or ``'contact'``.
    heading : str
        The heading text ("" when implicit).
    heading_block : int or None
        Index of the heading block.
    blocks : list of int
        Indices of the content blocks.
    facet : str or None
        The facet key for ``'facet'`` sections.
    group : str or None
        ``'other'`` under an "Other Restraints"-style label.
    """

    kind: str
    heading: str
    heading_block: int | None
    blocks: list[int] = field(default_factory=list)
    facet: str | None = None
    group: str | None = None


def _headingish(b: Block) -> bool:
    words = len(b.text.split())
    if not (b.bold or b.level > 0) or words > 30:
        return False
    return not (b.text.endswith(".") and words > 12)


def sectionize(blocks: list[Block]) -> tuple[list[Section], list[int]]:
    """Group blocks under their headings.

    Parameters
    ----------
    blocks : list of Block

    Returns
    -------
    sections : list of Section
        In document order; empty sections are kept (a label such as "Other Restraints").
    cta : list of int
        Indices of call-to-action blocks (sample/complete-report links), outside sections.
    """
    sections: list[Section] = []
    cta: list[int] = []
    start = 0
    if blocks and blocks[0].level == 1:
        sections.append(Section("title", blocks[0].text, 0))
        start = 1
    cur = Section("insight", "", None)
    sections.append(cur)
    top = "insight"
    group: str | None = None
    for i in range(start, len(blocks)):
        b = blocks[i]
        if top == "contact":
            cur.blocks.append(i)
            continue
        if is_cta(b):
            cta.append(i)
            continue
        cls = classify_heading(b)
        if top == "toc" and (cls is None or cls[0] not in ("contact",)):
            cur.blocks.append(i)
            continue
        if cls is not None and cls[0] == "facet" and top not in ("segments", "facet"):
            cls = None if not _headingish(b) else cls
        if cls is not None:
            kind, extra = cls
            if extra == "other":
                group, top = "other", kind
                cur = Section(kind, b.text, i, group="other")
            elif kind == "facet":
                cur = Section("facet", b.text, i, facet=extra)
                top, group = "facet", None
            elif kind == "competition" and top == "competition":
                cur = Section("competition", b.text, i)
            else:
                top, group = kind, None
                cur = Section(kind, b.text, i)
            sections.append(cur)
            continue
        if top in ("regional", "region") and b.lead and not _headingish(b):
            # "<p><strong>Europe:</strong> The European market ...</p>"
            name = b.lead.rstrip(":.–- ").strip()
            if is_region_name(name) and not (top == "region"
                                             and _is_subheading(cur.heading, name)):
                cur = Section("region", name, i, blocks=[i])
                top = "region"
                sections.append(cur)
                continue
        if _headingish(b):
            if top in DYNAMICS or top == "competition":
                cur = Section(top, b.text, i, group=group)
                sections.append(cur)
                continue
            if top == "faq" and (b.text.endswith("?") or len(b.text.split()) <= 20):
                cur = Section("faq", b.text, i)
                sections.append(cur)
                continue
            if top in ("regional", "region") and is_region_name(b.text):
                if top == "region" and _is_subheading(cur.heading, b.text):
                    cur.blocks.append(i)
                    continue
                cur = Section("region", b.text, i)
                top = "region"
                sections.append(cur)
                continue
        cur.blocks.append(i)
    return sections, cta


def _is_subheading(region: str, heading: str) -> bool:
    """A country heading inside a multi-country region section (e.g. "U.S." under
    "North America") belongs to that region, not a new one."""
    return region_key(region) in _KNOWN_REGIONS and country_code(heading) is not None
