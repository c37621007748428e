"""Parse one market report of the 24chemicalresearch family into :class:`Report` records.

The family: markdown front matter (``title``, ``datePublished`` ...), a ``# Title`` line,
then HTML fragments with MARKET INSIGHTS, MARKET DYNAMICS (drivers, restraints,
opportunities, challenges, trends), COMPETITIVE LANDSCAPE with a "List of Key ...
Companies Profiled", Segment Analysis ("By Type", "By Application" ...), Regional
Analysis, Report Scope, an FAQ, a table of contents and a contact block.

Errors and warnings
-------------------
:class:`~cikg.errors.LoadError` (with the file and a 1-based line) for an empty file,
binary data, undecodable bytes, HTML cut off inside a tag or element, or a document that is
not a report of this family (no title, or no recognisable section heading). Recoverable
gaps (no company list, no market size, no CAGR, no segments, no regions) become entries of
:attr:`Report.warnings`.

Encodings (:func:`read_report`)
-------------------------------
UTF-8 with or without BOM, UTF-16 and UTF-32 with BOM. Bytes that are not valid UTF-8 but
look like text are decoded as cp1252 (latin-1 for the five bytes cp1252 leaves undefined)
with a warning. NUL bytes, UTF-16 without BOM and other binary data raise.
"""

from __future__ import annotations

import codecs
import os
import re
from urllib.parse import urlparse

from cikg.errors import LoadError

from .blocks import Block, html_blocks, split_front_matter, truncation
from .companies import company_forms, find_companies, share_claims
from .countries import countries_in, country_code
from .doc import Doc
from .figures import parse_date
from .initiatives import find_initiatives, find_standards
from .market import market_cagr, market_sizes
from .records import (
    CountryMention,
    RegionRecord,
    Report,
    SectionRecord,
    Segment,
    SourceInfo,
)
from .sections import DYNAMICS, Section, classify_heading, is_region_name, sectionize

__all__ = ["decode_report", "parse_report", "read_report"]

_RECOGNISED = {"dynamics", *DYNAMICS, "competition", "company_list", "segments", "facet",
               "regional", "region", "scope", "faq"}
_SOCIAL = ("linkedin.", "twitter.", "x.com", "facebook.", "youtube.", "instagram.",
           "hashnode.", "medium.com", "wa.me", "whatsapp.")
_SAMPLE = re.compile(r"sample|download|request|enquir|inquir|discount|customi[sz]|checkout|"
                     r"cart|mailto:|tel:", re.I)
_RECORD_KINDS = {"insight": "insight", "competition": "competition", "region": "region",
                 "faq": "faq", "scope": "scope", "facet": "segment",
                 **{k: k for k in DYNAMICS}}


def _line_of(data: bytes | str, pos: int) -> int:
    nl = b"\n" if isinstance(data, bytes) else "\n"
    return data.count(nl, 0, pos) + 1  # type: ignore[arg-type]


def decode_report(data: bytes, name: str = "<report>") -> tuple[str, list[str]]:
    """Decode the bytes of a report file; returns ``(text, warnings)``.

    Raises
    ------
    LoadError
        Empty input, binary data (NUL bytes, control characters), UTF-16 without BOM, or a
        file whose BOM promises an encoding its bytes break; the message names the byte
        position (0-based offset in the file) and the error carries its 1-based line.

    Examples
    --------
    >>> decode_report("---\\ntitle: Ä\\n".encode("utf-16"))[0][:8]
    '---\\ntitl'
    >>> decode_report("Caf\\xe9 Market".encode("latin-1"))[1][0].split(";")[0]
    'not valid UTF-8 (byte 0xe9 at byte 3)'
    """
    warnings: list[str] = []
    boms = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
            (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
            (codecs.BOM_UTF16_BE, "utf-16-be"))
    for bom, enc in boms:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError as exc:
                pos = exc.start + len(bom)
                label = enc.upper()
                raise LoadError(name, f"the {label} byte-order mark is followed by bytes that "
                                f"are not {label} (byte {pos}); re-save the file as UTF-8",
                                line=_line_of(data, pos)) from None
            break
    else:
        if b"\x00" in data:
            pos = data.index(b"\x00")
            head = data[:200]
            if len(head) >= 4 and (head[1::2].count(0) > len(head) // 3
                                   or head[0::2].count(0) > len(head) // 3):
                raise LoadError(name, f"looks like UTF-16 without a byte-order mark (NUL at "
                                f"byte {pos}); re-save as UTF-8", line=_line_of(data, pos))
            raise LoadError(name, f"binary data, not a text report (NUL byte at byte {pos})",
                            line=_line_of(data, pos))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = data[exc.start]
            ctrl = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
            if ctrl > max(3, len(data) // 200):
                raise LoadError(name, f"binary data, not a text report (byte 0x{bad:02x} at "
                                f"byte {exc.start} is not UTF-8)",
                                line=_line_of(data, exc.start)) from None
            text = "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
                           else bytes([b]).decode("cp1252") for b in data) \
                if any(b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) for b in data) \
                else data.decode("cp1252")
            warnings.append(f"not valid UTF-8 (byte 0x{bad:02x} at byte {exc.start}); "
                            "decoded as cp1252/latin-1")
    return text, warnings


def read_report(path: str | os.PathLike[str]) -> Report:
    """Read and parse one report file.

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    Report

    Raises
    ------
    LoadError
        The file cannot be read, is empty, binary, undecodable, truncated, or not a report
        of this family; the error names the file and line (and byte position for bytes).

    See Also
    --------
    parse_report : the same from a string.
    """
    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise LoadError(name, f"cannot read the file: {exc.strerror or exc}") from None
    text, warnings = decode_report(data, name)
    report = parse_report(text, name=name)
    report.warnings[:0] = warnings
    return report


def parse_report(text: str, *, name: str = "<report>") -> Report:
    """Parse the text of one market report.

    Parameters
    ----------
    text : str
        The whole file, decoded.
    name : str, keyword-only
        The file name used in errors.

    Returns
    -------
    Report
        Records with evidence; see :mod:`cikg.loaders.records` for ``Report.text``.

    Raises
    ------
    LoadError
        Empty, binary, truncated inside a tag/element, no title, or no recognisable
        section heading.

    Examples
    --------
    >>> r = parse_report('''---
    ... title: "Widget Market, Global Outlook and Forecast 2025-2032"
    ... ---
    ... # Widget Market, Global Outlook and Forecast 2025-2032
    ... <p><strong>MARKET INSIGHTS</strong></p>
    ... <p>Global widget market was valued at USD 1.2 billion in 2024 and is projected to
    ... reach USD 2.0 billion by 2032, exhibiting a CAGR of 6.6%.</p>''')
    >>> r.market_name, [(s.year, s.value, s.kind) for s in r.sizes]
    ('Widget', [(2024, 1200000000.0, 'actual'), (2032, 2000000000.0, 'forecast')])
    >>> r.cagr.percent, r.cagr.from_year, r.cagr.to_year
    (6.6, 2025, 2032)
    """
    if not isinstance(text, str):
        raise LoadError(name, f"expected text, got {type(text).__name__}")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise LoadError(name, "empty report: the file has no text", line=1)
    if "\x00" in text:
        pos = text.index("\x00")
        raise LoadError(name, f"binary data, not a text report (NUL at character {pos})",
                        line=_line_of(text, pos))
    ctrl = [i for i, ch in enumerate(text[:20000]) if ord(ch) < 32 and ch not in "\t\n\f"]
    if len(ctrl) > max(10, len(text[:20000]) // 100):
        raise LoadError(name, "binary data, not a text report (control characters from "
                        f"character {ctrl[0]})", line=_line_of(text, ctrl[0]))
    fm = split_front_matter(text)
    cut = truncation(fm.body, fm.body_line)
    if cut is not None:
        raise LoadError(name, f"truncated HTML: {cut[1]}; the report structure is lost",
                        line=cut[0])
    blocks = html_blocks(fm.body)
    title = fm.fields.get("title", "").strip()
    title = " ".join(html_blocks(title)[0].text.split()) if title and html_blocks(title) \
        else title
    if blocks and blocks[0].level > 1 and title and blocks[0].text == title:
        blocks[0].level = 1  # "## Title" repeating the front-matter title
    if blocks and blocks[0].level == 1:
        title = title or blocks[0].text
    elif title:
        blocks.insert(0, Block(title, bold=True, level=1, tag="front-matter"))
    else:
        first = next((b for b in blocks if b.level > 0), None)
        if first is None or classify_heading(first) is not None:
            raise LoadError(name, "no title: expected a front-matter 'title:' or a '# Title' "
                            "line; this does not look like a market report", line=1)
        title = first.text
        blocks.insert(0, Block(title, bold=True, level=1, tag="heading"))
    sections, cta = sectionize(blocks)
    if not any(s.kind in _RECOGNISED or (s.kind == "insight" and s.heading)
               for s in sections):
        raise LoadError(name, "no recognisable report section (MARKET INSIGHTS, MARKET "
                        "DRIVERS, COMPETITIVE LANDSCAPE, Segment Analysis, Regional Analysis, "
                        "FAQ ...): not a market report of this family", line=fm.body_line)
    doc = Doc(blocks, sections, cta, title)
    warnings: list[str] = []
    return _extract(doc, fm.fields, title, warnings)


def _extract(doc: Doc, fields: dict[str, str], title: str, warnings: list[str]) -> Report:
    source = _source(doc, fields, title, warnings)
    m = re.search(r"\s+market\b", title, re.I)
    if m:
        market_name = title[:m.start()].strip()
    else:
        market_name = re.split(r"[,:|(]", title)[0].strip()
        warnings.append(f"the title {title!r} has no ' Market': market name taken as "
                        f"{market_name!r}")
    published_year = source.published.year if source.published else None
    sizes = market_sizes(doc, market_name, published_year, warnings)
    cagr = market_cagr(doc, market_name, title, warnings)
    companies = find_companies(doc, warnings)
    segments = _segments(doc, warnings)
    regions = _regions(doc, warnings)
    listed = frozenset(f for c in companies for f in [*company_forms(c.name), *c.aliases])
    size_sentences = {s.evidence.start for s in sizes}
    if cagr is not None:
        size_sentences.add(cagr.evidence.start)
    report = Report(
        source=source,
        market_name=market_name,
        sizes=sizes,
        cagr=cagr,
        companies=companies,
        segments=segments,
        regions=regions,
        countries_mentioned=_countries(doc),
        initiatives=find_initiatives(doc, size_sentences, listed),
        standards=find_standards(doc, listed),
        share_claims=share_claims(doc, companies),
        sections=_section_records(doc),
        text=doc.text,
        warnings=warnings,
    )
    return report


def _source(doc: Doc, fields: dict[str, str], title: str, warnings: list[str]) -> SourceInfo:
    published = None
    for key in ("datePublished", "date_published", "published", "publishedAt", "date",
                "pubDate", "published_at"):
        if fields.get(key):
            published = parse_date(fields[key])
            if published is None:
                warnings.append(f"front matter {key}: cannot read the date {fields[key]!r}")
            break
    links: list[tuple[str, str, bool]] = []
    for i, b in enumerate(doc.blocks):
        sec = doc.section_of[i]
        if sec is not None and sec.kind == "contact":
            continue
        for href, _anchor in b.links:
            if href.startswith(("http://", "https://")) and not any(
                    s in href.lower() for s in _SOCIAL):
                links.append((href, b.text, i in doc.cta))
    url = None
    for href, text, _ in links:
        if not _SAMPLE.search(href) and re.search(
                r"complete report|full report|buy|purchase|report\s*&\s*toc|read more|"
                r"view report|report page", text, re.I):
            url = href
            break
    if url is None:
        url = next((h for h, _, _ in links if re.search(r"/reports?/", h)
                    and not _SAMPLE.search(h)), None)
    if url is None:
        for key in ("url", "canonical", "canonical_url", "canonicalUrl", "link", "source",
                    "originalUrl", "report_url"):
            if fields.get(key, "").startswith(("http://", "https://")):
                url = fields[key]
                break
    host_src = url or next((h for h, _, _ in links), None)
    publisher = None
    if host_src:
        host = (urlparse(host_src).hostname or "").lower()
        publisher = host[4:] if host.startswith("www.") else host or None
    elif fields.get("publisher"):
        publisher = fields["publisher"]
    if url is None:
        warnings.append("no report URL ('Get the Complete Report' link) found")
    return SourceInfo(title, publisher, published, url)


_INTRO = re.compile(r"\bsegmented\b|\bsegmentation\b|\bon the basis of\b|\bbased on\b|"
                    r"\bclassified\b|\bdivided\b|\bcategori[sz]ed\b|\bincludes?:\s*$", re.I)


_HEADLINE = re.compile(r"\b(?:dominat\w*|lead\w*|account\w*|hold\w*|expected|driv\w*|grow\w*|"
                       r"owing|due to|segment|share|fastest|largest)\b", re.I)


def _segments(doc: Doc, warnings: list[str]) -> dict[str, list[Segment]]:
    out: dict[str, list[Segment]] = {}
    for sec in doc.sections:
        if sec.kind != "facet" or not sec.facet:
            continue
        items = out.setdefault(sec.facet, [])
        plain = any(not doc.blocks[i].bold and len(doc.blocks[i].text.split()) <= 12
                    and not _INTRO.search(doc.blocks[i].text) for i in sec.blocks)
        # nested lists: only the top level are items ("Hard Carbon", not its sub-bullets)
        top = min((doc.blocks[i].depth for i in sec.blocks if doc.blocks[i].depth), default=0)
        for i in sec.blocks:
            b = doc.blocks[i]
            t = b.text
            words = len(t.split())
            if b.depth > top:
                continue
            if b.bold and (plain or _HEADLINE.search(t)):
                continue  # the bold headline sentence, not an item
            if _INTRO.search(t) and ":" in t:
                rest = t.split(":", 1)[1]
                base = b.start + len(t) - len(rest)
                for a, z in _split_items(rest, listy=True):
                    items.append(Segment(sec.facet, rest[a:z],
                                         doc.evidence(sec, base + a, base + z)))
                continue
            if _INTRO.search(t) or words > 12 or (b.bold and (words > 6 or re.search(
                    r"\bsegment\b", t, re.I))):
                continue
            if t.endswith(".") and not re.search(r"\b(?:Inc|Ltd|Co|etc)\.$", t):
                continue
            for a, z in _split_items(t):
                items.append(Segment(sec.facet, t[a:z],
                                     doc.evidence(sec, b.start + a, b.start + z)))
    out = {k: v for k, v in out.items() if v}
    if not out:
        warnings.append("no segments found (no 'By Type'/'By Application' lists)")
    return out


def _split_items(text: str, *, listy: bool = False) -> list[tuple[int, int]]:
    """Item spans of one segment block; `listy` for the text after "... into:"."""
    seps = ";" if ";" in text else ("," if text.count(",") >= 2 or listy and "," in text
                                    else "")
    spans: list[tuple[int, int]] = []
    if seps:
        parts = [(m.start(), m.end()) for m in re.finditer(rf"[^{seps}]+", text)]
        if listy and parts:
            a, z = parts.pop()
            last = text[a:z]
            m = re.search(r"(?<![-–])\s+(?:and|or)\s+", last)
            if m:
                parts += [(a, a + m.start()), (a + m.end(), z)]
            else:
                parts.append((a, z))
        if all(len(text[a:z].split()) <= 6 for a, z in parts):
            spans = parts
    if not spans:
        spans = [(0, len(text))]
    out = []
    for a, z in spans:
        seg = text[a:z]
        lead = len(seg) - len(seg.lstrip(" •·-–*"))
        m = re.match(r"(?:and|or)\s+", seg[lead:])
        if m and seps:
            lead += m.end()
        trail = len(seg.rstrip(" .;,"))
        if trail > lead:
            out.append((a + lead, a + trail))
    return out


def _regions(doc: Doc, warnings: list[str]) -> list[RegionRecord]:
    out: list[RegionRecord] = []
    for sec in doc.sections:
        if sec.kind == "region" and sec.heading_block is not None:
            codes: list[str] = []
            for i in [sec.heading_block, *sec.blocks]:
                for code, _, _ in countries_in(doc.blocks[i].text):
                    if code not in codes:
                        codes.append(code)
            out.append(RegionRecord(sec.heading, codes, doc.block_evidence(sec.heading_block)))
    if not out:
        for sec in doc.sections:
            if sec.kind != "regional":
                continue
            for i in sec.blocks:
                b = doc.blocks[i]
                if len(b.text.split()) <= 6 and is_region_name(b.text):
                    code = country_code(b.text) or ""
                    out.append(RegionRecord(b.text, [code] if code and code != "EU" else [],
                                            doc.block_evidence(i)))
    if not out:
        warnings.append("no regions found (no headings under 'Regional Analysis')")
    return out


def _countries(doc: Doc) -> list[CountryMention]:
    seen: dict[str, CountryMention] = {}
    for i, b in enumerate(doc.blocks):
        sec = doc.section_of[i]
        if sec is not None and sec.kind == "contact":
            continue
        for code, a, _z in countries_in(b.text):
            if code in seen:
                continue
            s = doc.sentence_at(b.start + a)
            ev = doc.evidence(sec, s.start, s.end) if s else doc.block_evidence(i)
            seen[code] = CountryMention(code, ev)
    return list(seen.values())


def _section_records(doc: Doc) -> list[SectionRecord]:
    out: list[SectionRecord] = []
    for sec in doc.sections:
        kind = _RECORD_KINDS.get(sec.kind)
        if kind is None or not sec.blocks:
            continue
        first, last = doc.blocks[sec.blocks[0]], doc.blocks[sec.blocks[-1]]
        text = "\n".join(doc.blocks[i].text for i in sec.blocks)
        out.append(SectionRecord(kind, _heading(doc, sec), text,
                                 doc.evidence(sec, first.start, last.end)))
    return out


def _heading(doc: Doc, sec: Section) -> str:
    return sec.heading or doc.label(sec)
