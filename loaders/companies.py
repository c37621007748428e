"""Companies: the profiled-companies list, other spellings, mentions, share claims.

The list comes as one item per ``<p>``, as ``<ul><li>``, as ``<br>``-separated lines or as
one paragraph ("A (China), B Co., Ltd. (Japan) and C"). Items keep commas that belong to
the name ("Azurite Cell Chemicals Co., Ltd."): a comma only separates items when what
follows it is not a legal-form suffix. A trailing "(Country)", "- Country" or ", Country"
is the company's country when it resolves to an ISO code.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .countries import country_code
from .doc import Doc
from .figures import find_percents, find_years
from .records import CompanyRecord, ShareClaimRecord

__all__ = ["company_forms", "find_companies", "share_claims", "split_company_items"]

_LEGAL = (r"co|ltd|inc|llc|l\.l\.c|corp|corporation|gmbh|ag|sas|s\.a\.s|sa|s\.a|plc|limited"
          r"|n\.v|nv|b\.v|bv|s\.p\.a|spa|srl|s\.r\.l|k\.k|kk|pte|pty|oy|oyj|ab|asa|a/s|as"
          r"|se|kg|kgaa|lp|l\.p|llp|bhd|sdn bhd|pvt|private limited|co\., ltd|co\. ltd")
_LEGAL_PART = re.compile(rf"^(?:{_LEGAL})\.?(?:\s*,?\s*(?:{_LEGAL})\.?)*$", re.I)
_LEGAL_TAIL = re.compile(rf"(?:,?\s+|,\s*)(?:{_LEGAL})\.?$", re.I)
_LEGAL_NEXT = re.compile(rf"(?:{_LEGAL})\.?(?=$|[,;()]|\s+(?:and\b|&|\(|[a-z])|\s*$)", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦–]|\d{1,3}[.)])\s+")
_PAREN = re.compile(r"\(([^()]{1,60})\)")


def split_company_items(text: str) -> list[tuple[int, int]]:
    """Split one block of the company list into item spans.

    Examples
    --------
    >>> t = "BTR (China), Azurite Co., Ltd. (China); Calloway Materials, Inc. and NEI (U.S.)"
    >>> [t[a:b] for a, b in split_company_items(t)]
    ['BTR (China)', 'Azurite Co., Ltd. (China)', 'Calloway Materials, Inc.', 'NEI (U.S.)']
    >>> t = "Hoshikawa Cyanometal Co., Ltd. (Japan)"
    >>> [t[a:b] for a, b in split_company_items(t)]
    ['Hoshikawa Cyanometal Co., Ltd. (Japan)']
    """
    cuts: list[tuple[int, int]] = []  # separator spans
    for m in re.finditer(r"\s*(?:;|\||•|·|,\s*and\s|,|\sand\s)\s*", text):
        sep = m.group(0).strip().lower()
        rest = text[m.end():]
        if sep.startswith(",") and _LEGAL_NEXT.match(rest):
            continue
        if sep == "and" or sep.endswith("and"):
            # 'and' splits only after a country parenthesis or in a list that has commas
            if not (text[:m.start()].rstrip().endswith(")") or "," in text[:m.start()]):
                continue
        if sep == "," and _country_tail_here(text, m):
            continue
        cuts.append((m.start(), m.end()))
    spans, pos = [], 0
    for a, b in cuts:
        if a > pos:
            spans.append((pos, a))
        pos = b
    if pos < len(text):
        spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip(" ,;.")]


def _country_tail_here(text: str, m: re.Match[str]) -> bool:
    """', China' ending an item is the country, not the next item."""
    rest = text[m.end():]
    nxt = re.match(r"([A-Z][\w .'-]{1,30}?)\s*(?=[,;]|$)", rest)
    return bool(nxt and country_code(nxt.group(1)) and country_code(nxt.group(1)) != "EU"
                and not _PAREN.search(text[:m.start()][-40:]))


def _name_country(item: str) -> tuple[str, str | None]:
    item = _BULLET.sub("", item).strip().rstrip(",;")
    m = re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", item)
    if m and country_code(m.group(2)) and m.group(1):
        return m.group(1).strip(), country_code(m.group(2))
    m = re.match(r"^(.*\S)\s*(?:[-–—|]|,)\s*([A-Z][\w .'’-]+)$", item)
    if m and country_code(m.group(2)) and not _LEGAL_PART.match(m.group(2).strip()):
        return m.group(1).strip().rstrip(","), country_code(m.group(2))
    return item, None


def company_forms(name: str) -> list[str]:
    """The spellings searched for a listed company: the name, then without legal form.

    Examples
    --------
    >>> company_forms("Azurite Cell Chemicals Co., Ltd.")
    ['Azurite Cell Chemicals Co., Ltd.', 'Azurite Cell Chemicals']
    >>> company_forms("MSE Supplies LLC"), company_forms("BTR")
    (['MSE Supplies LLC', 'MSE Supplies'], ['BTR'])
    """
    forms = [name]
    cur = name
    while True:
        m = _LEGAL_TAIL.search(cur)
        if not m or m.start() == 0:
            break
        cur = cur[:m.start()].rstrip(" ,")
        if len(cur) < 2 or (len(cur) < 3 and not cur.isupper()):
            break
        forms.append(cur)
    return forms


def _norm(name: str) -> str:
    s = re.sub(r"[^\w\s]", " ", name.casefold())
    toks = s.split()
    while len(toks) > 1 and re.fullmatch(_LEGAL, toks[-1]):
        toks.pop()
    return " ".join(toks)


def find_companies(doc: Doc, warnings: list[str]) -> list[CompanyRecord]:
    """Read the company list, then aliases and mentions from the rest of the report."""
    lists = [s for s in doc.sections if s.kind == "company_list"]
    companies: list[CompanyRecord] = []
    for sec in lists:
        for i in sec.blocks:
            b = doc.blocks[i]
            if len(b.text.split()) > 25 and not _PAREN.search(b.text):
                continue  # a sentence of prose, not a list item
            for a, z in split_company_items(b.text):
                raw = b.text[a:z]
                lead = len(raw) - len(_BULLET.sub("", raw))
                name, code = _name_country(raw)
                if not name:
                    continue
                ev = doc.evidence(sec, b.start + a + lead, b.start + z)
                companies.append(CompanyRecord(name, code, [], ev, []))
    if not companies:
        warnings.append("no 'List of Key ... Companies Profiled' found: no companies")
        return companies
    _faq_aliases(doc, companies)
    _mentions(doc, companies)
    return companies


def _faq_aliases(doc: Doc, companies: list[CompanyRecord]) -> None:
    """Names in a FAQ 'Key players include A, B, and C' answer spelled differently."""
    norms = [(_norm(c.name), c) for c in companies]
    for sec in doc.sections:
        if sec.kind != "faq" or not re.search(r"compan|player|manufactur|vendor|supplier",
                                               sec.heading, re.I):
            continue
        for i in sec.blocks:
            text = doc.blocks[i].text
            m = re.search(r"\b(?:include|includes|including|are|:)\s+(.*?)(?:,?\s+among "
                          r"others|,?\s+etc\.?|\.)?\s*$", text)
            if not m:
                continue
            body = m.group(1)
            for a, z in split_company_items(body):
                cand = body[a:z].strip().rstrip(".")
                n = _norm(cand)
                if not n:
                    continue
                for cn, c in norms:
                    if n == cn or _prefix(n, cn) or fuzz.ratio(n, cn) >= 92:
                        if cand != c.name and cand not in c.aliases:
                            c.aliases.append(cand)
                        break


def _prefix(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and (long_ + " ").startswith(short + " ") and " " in long_


def _mentions(doc: Doc, companies: list[CompanyRecord]) -> None:
    forms: list[tuple[str, CompanyRecord]] = []
    for c in companies:
        for f in company_forms(c.name) + c.aliases:
            forms.append((f, c))
    forms.sort(key=lambda t: len(t[0]), reverse=True)
    for sec in doc.sections:
        if sec.kind in ("company_list", "contact", "toc", "title"):
            continue
        for i in sec.blocks:
            b = doc.blocks[i]
            taken: list[tuple[int, int]] = []
            for form, c in forms:
                for m in re.finditer(rf"(?<![\w&]){re.escape(form)}(?![\w&])", b.text):
                    if any(m.start() < z and a < m.end() for a, z in taken):
                        continue
                    taken.append((m.start(), m.end()))
                    if form != c.name and form not in c.aliases:
                        c.aliases.append(form)
                    s = doc.sentence_at(b.start + m.start())
                    ev = (doc.evidence(sec, s.start, s.end) if s
                          else doc.block_evidence(i))
                    if ev not in c.mentions:
                        c.mentions.append(ev)
    for c in companies:
        c.mentions.sort(key=lambda e: e.start)


def _companies_in(text: str, companies: list[CompanyRecord]) -> list[CompanyRecord]:
    """Listed companies named in `text`, in order of appearance (longest spelling wins)."""
    forms = sorted(((f, c) for c in companies for f in company_forms(c.name) + c.aliases),
                   key=lambda t: len(t[0]), reverse=True)
    taken: list[tuple[int, int, CompanyRecord]] = []
    for form, c in forms:
        for m in re.finditer(rf"(?<![\w&]){re.escape(form)}(?![\w&])", text):
            if not any(m.start() < z and a < m.end() for a, z, _ in taken):
                taken.append((m.start(), m.end(), c))
    out: list[CompanyRecord] = []
    for _, _, c in sorted(taken, key=lambda t: t[0]):
        if c not in out:
            out.append(c)
    return out


_SHARE_AFTER = re.compile(
    r"^\s*(?:(?:of\s+)?(?:the\s+)?(?:global\s+|total\s+|worldwide\s+|overall\s+|installed\s+"
    r"|combined\s+)*(?:market\s+|revenue\s+|capacity\s+|production\s+|sales\s+|volume\s+)?"
    r"share\b|of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:market|revenues?|sales|capacity|"
    r"production|shipments?|output|supply|volumes?|deliveries)\b)", re.I)
_NOT_SHARE = re.compile(r"\b(?:fell|rose|grew|increas\w*|decreas\w*|declin\w*|reduc\w*|"
                        r"drop\w*|cut|rais\w*|lower|higher|growth|cagr|by)\W*(?:\w+\W+){0,3}$",
                        re.I)
_ANAPHORA = re.compile(r"^\W*(?:these|those|the two|the three|the four|the top \w+|both|"
                       r"together|they|collectively|the leading \w+|the latter)\b", re.I)
_QUALIFIER = re.compile(r"\b(nearly|approximately|about|around|roughly|over|more than|less "
                        r"than|almost|close to|an estimated|estimated|up to|at least|some|"
                        r"just over|just under|above|below|approx\.?|an approximate)\s*$",
                        re.I)


def share_claims(doc: Doc, companies: list[CompanyRecord]) -> list[ShareClaimRecord]:
    """Percentage shares attributed to listed companies (not segments, regions, prices)."""
    if not companies:
        return []
    out: list[ShareClaimRecord] = []
    prev: dict[int, list[CompanyRecord]] = {}
    for s in doc.sentences(exclude=("contact", "toc", "title", "company_list", "facet")):
        named = _companies_in(s.text, companies)
        for value, p0, p1 in find_percents(s.text):
            after = s.text[p1:p1 + 80]
            before = s.text[:p0]
            if not _SHARE_AFTER.match(after) or _NOT_SHARE.search(before[-40:]):
                continue
            clause_start = max((m.end() for m in re.finditer(
                r";|\bwhile\b|\bwhereas\b|\bbut\b", before)), default=0)
            who = _companies_in(s.text[clause_start:p0], companies)
            earlier = prev.get(s.section.heading_block or -1, [])
            clause = s.text[clause_start:p0]
            if not who and _ANAPHORA.search(clause):
                who = earlier
            elif who and re.search(r"\b(?:together|along) with\b.*\b(?:it|they)\b", clause,
                                   re.I):
                # "Together with B it held 38%": 'it' is the company of the sentence before
                who = [c for c in earlier if c not in who] + who
            if not who:
                continue
            qual = _QUALIFIER.search(before)
            qualifier = None
            if qual:
                qualifier = re.sub(r"^an?\s+", "", qual.group(1).lower())
            years = find_years(s.text)
            year = years[0][0] if years else None
            out.append(ShareClaimRecord([c.name for c in who], value, year,
                                        _measure(after), qualifier,
                                        doc.evidence(s.section, s.start, s.end)))
        if named:
            prev[s.section.heading_block or -1] = named
    return out


def _measure(after: str) -> str:
    a = after[:80].lower()
    for word, measure in (("revenue", "revenue share"),
                          ("production capacity", "production capacity share"),
                          ("capacity", "capacity share"), ("sales", "sales share"),
                          ("shipment", "shipment share"), ("production", "production share"),
                          ("output", "production share"), ("volume", "volume share")):
        if re.search(rf"\b{word}", a.split(".")[0]):
            return measure
    return "market share"
