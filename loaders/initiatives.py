"""Public funding initiatives and standards/regulations named in report prose.

An *initiative* is a sentence with a money amount, a funding word (allocated, committed,
awarded, backed by ...) and a public sponsor: a capitalised body built around Department,
Ministry, Commission, Union, Agency, Government, Council, Office, Authority, Bank,
"Research and Innovation" ..., a known public acronym (DOE, MIIT, NEDO, UKRI ...) or a
country's government. Company investments are not initiatives. A *standard* or
*regulation* is issued by a named body without money ("China's MIIT published ...
standards") or named with a jurisdiction ("EU Battery Regulation").
"""

from __future__ import annotations

import re

from .countries import countries_in, country_code
from .doc import Doc, Sentence
from .figures import find_money, find_years
from .records import InitiativeRecord

__all__ = ["find_initiatives", "find_standards", "sponsor_of"]

_ORG_KEY = re.compile(
    r"^(?:Department|Ministry|Commission|Union|Agency|Government|government|Council|Office|"
    r"Administration|Authority|Bank|Parliament|Innovation|Secretariat|Bureau|Congress|"
    r"Treasury|Cabinet)$")
_CONNECT = {"of", "and", "for", "on", "&", "the"}
_ACRONYMS = {
    "DOE": "US", "ARPA-E": "US", "NSF": "US", "MIIT": "CN", "NDRC": "CN", "MOST": "CN",
    "NEDO": "JP", "METI": "JP", "MOTIE": "KR", "MSIT": "KR", "BMBF": "DE", "BMWK": "DE",
    "UKRI": "GB", "EPSRC": "GB", "EIB": "EU", "ADEME": "FR", "DST": "IN", "MNRE": "IN",
}
_EU_RE = re.compile(r"\b(?:European (?:Union|Commission|Parliament|Investment Bank|Council)|"
                    r"EU|E\.U\.|Horizon Europe)\b")
_FUNDING = re.compile(
    r"\b(?:allocat\w*|commit\w*|dedicat\w*|award\w*|fund\w*|grant\w*|invest\w*|earmark\w*|"
    r"pledg\w*|provid\w*|backed|budget\w*|subsid\w*|financ\w*|launch\w*|disburs\w*|"
    r"sanction\w*|approv\w*|outlay|set aside|unveil\w*|announc\w*)\b", re.I)
_NAME_CAP = re.compile(
    r"(?<![\w’'(])((?:\(?[A-Z0-9][\w+.&-]*\)?\s+){0,6}(?:Programme|Program|Initiative|Partnership|"
    r"Fund|Mission|Scheme|Plan|Alliance|Consortium|Challenge|Project|Facility|Strategy|"
    r"Platform))\b")
_NAME_LOWER = re.compile(
    r"(?<![\w’'])((?:[A-Z0-9][\w+.&-]*\s+){1,5})(?:initiative|programme|program|partnership|"
    r"fund|mission|scheme|plan|alliance|consortium|project)s?\b")
_FUNCTION_WORDS = {"The", "In", "Its", "This", "Under", "With", "A", "An", "Their", "Our",
                   "Through", "As", "By", "For", "Recent", "New"}
_TOKEN = re.compile(r"[A-Za-z0-9][\w.&+’'-]*|,")
_POSS = re.compile(r"['’]s?$")


def _cap(tok: str) -> bool:
    return tok[:1].isupper() or tok in ("U.S.", "U.K.")


def sponsor_of(text: str, exclude: frozenset[str] = frozenset()
               ) -> tuple[str, str | None, int, int] | None:
    """The public body in `text`: ``(sponsor, country, start, end)`` or None.

    Examples
    --------
    >>> sponsor_of("In 2024, UK Research and Innovation launched the X Programme")[:2]
    ('UK Research and Innovation', 'GB')
    >>> sponsor_of("South Korea's Ministry of Trade, Industry and Energy launched")[:2]
    ('Ministry of Trade, Industry and Energy', 'KR')
    >>> sponsor_of("China's MIIT recently published standards")[:2]
    ('MIIT', 'CN')
    >>> sponsor_of("Phillips 66 invested $50 million") is None
    True
    >>> sponsor_of("China's CATL invested $1 billion", frozenset({"CATL"})) is None
    True
    """
    toks = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    for k, (tok, _, _) in enumerate(toks):
        core = _POSS.sub("", tok) if tok.endswith(("'s", "’s")) else tok
        if not _ORG_KEY.match(core):
            continue
        lo = k
        poss_country = None
        j = k - 1
        while j >= 0:
            t = toks[j][0]
            if t.endswith(("'s", "’s")):
                poss_country = country_code(_POSS.sub("", t)) or _poss_multi(toks, j)
                break
            if t in (",",) or not (_cap(t) or t in _CONNECT) or t in ("The", "the"):
                break
            if t in _FUNCTION_WORDS or re.fullmatch(r"\d+", t):
                break
            lo = j
            j -= 1
        hi = k
        if core == tok:
            j = k + 1
            while j < len(toks):
                t = toks[j][0]
                if t == ",":
                    if j + 1 < len(toks) and _cap(toks[j + 1][0]) and \
                            toks[j + 1][0] not in _FUNCTION_WORDS:
                        j += 1
                        continue
                    break
                if not (_cap(t) or t in _CONNECT - {"the"}):
                    break
                t_core = _POSS.sub("", t) if t.endswith(("'s", "’s")) else t
                hi = j
                if t_core != t:
                    break
                j += 1
        while hi > lo and (toks[hi][0] in _CONNECT or toks[hi][0] == ","):
            hi -= 1
        while lo < hi and toks[lo][0] in _CONNECT:
            lo += 1
        start, end = toks[lo][1], toks[hi][2]
        name = _POSS.sub("", text[start:end]) if text[start:end].endswith(("'s", "’s")) \
            else text[start:end]
        if name in ("Government", "government") or len(name.split()) == 1 and \
                name in ("Union", "Office", "Bank", "Innovation"):
            if poss_country is None:
                continue
        if core.lower() == "government" and poss_country is None and lo == k:
            continue
        country = _country(name, poss_country)
        return name, country, start, start + len(name)
    for m in re.finditer(r"\b[A-Z][A-Z0-9-]{1,7}\b", text):
        acr = m.group(0)
        if acr in exclude:
            continue  # a listed company, not a public body
        before = text[:m.start()].rstrip()
        pm = re.search(r"([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)['’]s$", before)
        pc = country_code(pm.group(1)) if pm else None
        if acr in _ACRONYMS or pc:
            return acr, pc or _ACRONYMS.get(acr), m.start(), m.end()
    return None


def _poss_multi(toks: list[tuple[str, int, int]], j: int) -> str | None:
    """'South Korea's' spans two tokens."""
    if j >= 1:
        return country_code(toks[j - 1][0] + " " + _POSS.sub("", toks[j][0]))
    return None


def _country(sponsor: str, poss: str | None) -> str | None:
    if _EU_RE.search(sponsor):
        return "EU"
    found = countries_in(sponsor)
    if found:
        return found[0][0]
    if poss:
        return poss
    for acr, code in _ACRONYMS.items():
        if re.search(rf"\b{re.escape(acr)}\b", sponsor):
            return code
    return None


def _name(text: str, sponsor: str) -> tuple[str, int, int] | None:
    for rx in (_NAME_CAP, _NAME_LOWER):
        for m in rx.finditer(text):
            words = m.group(1).split()
            while words and words[0] in _FUNCTION_WORDS:
                words.pop(0)
            if rx is _NAME_LOWER:
                name = " ".join(words)
            else:
                name = " ".join(words)
            if not name or name == sponsor or name in sponsor:
                continue
            start = text.find(name, m.start())
            return name, start, start + len(name)
    return None


def _year(text: str, skip: list[tuple[int, int]]) -> int | None:
    for y, a, z in find_years(text):
        if any(s <= a < e for s, e in skip):
            continue
        if re.search(r"\b(?:by|through|until|till|to|beyond)\s*$", text[:a], re.I):
            continue
        if re.match(r"\s?[-–—]\s?\d{4}", text[z:]) or re.search(r"\d{4}\s?[-–—]\s?$", text[:a]):
            continue
        return y
    return None


def find_initiatives(doc: Doc, skip: set[int],
                     exclude: frozenset[str] = frozenset()) -> list[InitiativeRecord]:
    """Funding initiatives; `skip` holds start offsets of market-size sentences and
    `exclude` the spellings of listed companies (never sponsors)."""
    out: list[InitiativeRecord] = []
    for s in doc.sentences():
        if s.start in skip:
            continue
        moneys = find_money(s.text)
        if not moneys or not _FUNDING.search(s.text):
            continue
        sp = sponsor_of(s.text, exclude)
        if sp is None:
            continue
        sponsor, country, _, _ = sp
        if country is None:
            country = _context_country(doc, s)
        money = moneys[0]
        nm = _name(s.text, sponsor)
        skip_spans = [(money.start, money.end)] + ([(nm[1], nm[2])] if nm else [])
        year = _year(s.text, skip_spans)
        if nm:
            name = nm[0]
        else:
            name = _fallback_name(s.text, sponsor, year, money.end)
        out.append(InitiativeRecord(name, sponsor, country, money.value, money.currency, year,
                                    "funding", doc.evidence(s.section, s.start, s.end)))
    return out


def _context_country(doc: Doc, s: Sentence) -> str | None:
    found = {c for c, _, _ in countries_in(s.text)}
    if len(found) == 1:
        return found.pop()
    return country_code(s.section.heading) if s.section.kind == "region" else None


def _fallback_name(text: str, sponsor: str, year: int | None, after: int) -> str:
    m = re.search(r"\b(?:to|for)\s+((?:[\w-]+\s+){0,5}?[\w-]+)\s*(?=[,.;]|$|\bincluding\b|"
                  r"\bwith\b|\bin (?:19|20)\d\d\b|\bunder\b)", text[after:])
    purpose = m.group(1) if m else ""
    what = "funding round" if re.search(r"funding round", text, re.I) else "funding"
    name = f"{sponsor} {year} {what}" if year else f"{sponsor} {what}"
    return f"{name} for {purpose}" if purpose else name


_STD_VERB = re.compile(
    r"\b(?:published|issued|introduced|released|adopted|enacted|approved|finali[sz]ed|"
    r"announced|established|unveiled|notified)\s+(?:(?:the|new|its|a|an|national|updated|"
    r"draft|mandatory)\s+)*(?P<obj>[^,.;]*?\b(?:standards?|regulations?|directives?|"
    r"guidelines|specifications?|norms|rules|requirements|codes?)\b)", re.I)
_NAMED_REG = re.compile(
    r"\b(?P<j>EU|E\.U\.|European|U\.S\.|US|UK|U\.K\.|[A-Z][a-z]+(?:['’]s)?)\s+"
    r"(?P<n>(?:[A-Z][\w-]*\s+){0,5}(?:Regulation|Directive|Act|Standard|Code))\b")


def find_standards(doc: Doc, exclude: frozenset[str] = frozenset()) -> list[InitiativeRecord]:
    """Standards and regulations issued by a named body (no money); `exclude` as for
    :func:`find_initiatives`."""
    out: list[InitiativeRecord] = []
    seen: set[str] = set()
    for s in doc.sentences():
        if find_money(s.text):
            continue
        m = _STD_VERB.search(s.text)
        if m:
            sp = sponsor_of(s.text[:m.start()], exclude)
            if sp is not None:
                obj = m.group("obj").strip()
                name = obj[:1].upper() + obj[1:]
                kind = "standard" if re.search(r"standard|specification|norm|guideline|code",
                                               obj, re.I) else "regulation"
                if name.lower() not in seen:
                    seen.add(name.lower())
                    out.append(InitiativeRecord(name, sp[0], sp[1], None, None,
                                                _year(s.text, []), kind,
                                                doc.evidence(s.section, s.start, s.end)))
                continue
        for r in _NAMED_REG.finditer(s.text):
            jur = _POSS.sub("", r.group("j")) if r.group("j").endswith(("'s", "’s")) \
                else r.group("j")
            code = "EU" if _EU_RE.fullmatch(jur) or jur == "European" else country_code(jur)
            if code is None:
                continue
            name = f"{r.group('j')} {r.group('n')}" if code == "EU" and jur != "European" \
                else r.group(0)
            if name.lower() in seen:
                continue
            seen.add(name.lower())
            sponsor = "European Union" if code == "EU" else jur
            kind = "standard" if r.group("n").endswith(("Standard", "Code")) else "regulation"
            out.append(InitiativeRecord(name, sponsor, code, None, None, None, kind,
                                        doc.evidence(s.section, s.start, s.end)))
    return out
