"""Render briefings: Markdown, and one offline HTML file with charts and the view inlined.

Every text of a briefing is untrusted (names come from sources). Markdown escapes the
characters CommonMark reads as markup (``<`` and ``>`` included, so a name such as
``<img src=x onerror=alert(1)>`` shows as text); HTML goes through Jinja's autoescape.

The HTML file makes no network request: charts are ``data:`` PNG images, the view is
the view page's own HTML in an ``<iframe srcdoc>`` (sandboxed: scripts only, opaque
origin), and a Content-Security-Policy allows nothing but inline styles, ``data:``
images and, by hash, the view's scripts (a ``srcdoc`` frame inherits the page's policy).
"""

from __future__ import annotations

import base64
import re
from functools import cache
from typing import TYPE_CHECKING

import jinja2
import pandas as pd

from .text import Citation, present

if TYPE_CHECKING:
    from .brief import Briefing

__all__ = ["md_escape", "briefing_markdown", "briefing_html", "frame_markdown",
           "TABLE_ROWS"]

#: Rows of a table shown in a briefing (the DataFrame keeps them all).
TABLE_ROWS = 25
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_SCRIPT_HASH = re.compile(r"sha256-[A-Za-z0-9+/]+=*")


def md_escape(value: object) -> str:
    """Return *value* as Markdown text that renders exactly as written.

    Examples
    --------
    >>> md_escape("<img src=x onerror=alert(1)> *x* A|B &amp; R&D")
    '\\\\<img src=x onerror=alert(1)\\\\> \\\\*x\\\\* A\\\\|B &amp;amp; R&D'
    """
    text = " ".join(str(value).split())
    return _ENTITY.sub("&amp;", _MD_SPECIAL.sub(r"\\\1", text))


def _numbers(briefing: Briefing) -> dict[Citation, int]:
    numbers: dict[Citation, int] = {}
    for section in briefing.sections:
        for sentence in section.sentences:
            for citation in sentence.citations:
                numbers.setdefault(citation, len(numbers) + 1)
    return numbers


def _cell(value: object) -> str:
    if not present(value):
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 1e4 else f"{value:g}"
    return str(value)


def _shown(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop columns that hold only IRIs (the names beside them say the same)."""
    keep = [c for c in frame.columns if not frame[c].dropna().astype(str)
            .str.match(r"https?://").all() or frame[c].dropna().empty]
    return frame[keep]


def frame_markdown(frame: pd.DataFrame, *, rows: int = TABLE_ROWS) -> str:
    """Return *frame* as an escaped Markdown table (first *rows* rows).

    Examples
    --------
    >>> print(frame_markdown(pd.DataFrame({"company": ["<b>X</b>"], "n": [2]})), end="")
    | company | n |
    |---|---|
    | \\<b\\>X\\</b\\> | 2 |
    """
    frame = _shown(frame)
    lines = ["| " + " | ".join(md_escape(c) for c in frame.columns) + " |",
             "|" + "|".join("---" for _ in frame.columns) + "|"]
    for row in frame.head(rows).itertuples(index=False, name=None):
        lines.append("| " + " | ".join(md_escape(_cell(v)) for v in row) + " |")
    if len(frame) > rows:
        lines.append(f"\n({len(frame) - rows} more rows)")
    return "\n".join(lines) + "\n"


def briefing_markdown(briefing: Briefing) -> str:
    """Return *briefing* as Markdown: sections, numbered citations, the queries run."""
    numbers = _numbers(briefing)
    out = [f"# {md_escape(briefing.title)}", "", md_escape(briefing.subtitle), ""]
    for section in briefing.sections:
        out += [f"## {md_escape(section.title)}", ""]
        for sentence in section.sentences:
            refs = ", ".join(str(numbers[c]) for c in sentence.citations)
            out.append(f"- {md_escape(sentence.text)}" + (f" [{refs}]" if refs else ""))
        out.append("")
        for chart in section.charts:
            out += [f"Chart, {md_escape(chart.title)} (in the HTML briefing): "
                    f"{md_escape(chart.alt)}", ""]
        for caption, frame in section.tables:
            out += [f"{md_escape(caption)}:", "", frame_markdown(frame)]
    if briefing.view is not None:
        out += [f"The HTML briefing embeds the interactive view "
                f"\"{md_escape(briefing.view_title)}\" ({briefing.view.nodes} nodes, "
                f"{briefing.view.edges} edges).", ""]
    out += ["## Citations", ""]
    for citation, number in numbers.items():
        out.append(f"{number}. {md_escape(citation.line())}")
    out += ["", "## Queries and analyses run", ""]
    for run in briefing.runs:
        params = ", ".join(f"{k}={v}" for k, v in run.params.items())
        out.append(f"- {run.kind} {md_escape(run.name)}"
                   + (f" ({md_escape(params)})" if params else "") + f": {run.rows} rows")
    return "\n".join(out).rstrip() + "\n"


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(autoescape=True, loader=jinja2.PackageLoader("cikg.answers"),
                              keep_trailing_newline=True, undefined=jinja2.StrictUndefined)


def _csp(view_html: str | None) -> str:
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', view_html or "")
    hashes = sorted({f"'{h}'" for h in _SCRIPT_HASH.findall(policy.group(1) if policy else "")})
    scripts = " ".join(hashes) if hashes else "'none'"
    return ("default-src 'none'; base-uri 'none'; form-action 'none'; img-src data:; "
            f"style-src 'unsafe-inline'; script-src {scripts}; frame-src 'self' about:")


def _table(frame: pd.DataFrame) -> dict:
    frame = _shown(frame)
    return {"columns": [str(c) for c in frame.columns],
            "rows": [[_cell(v) for v in row] for row in
                     frame.head(TABLE_ROWS).itertuples(index=False, name=None)],
            "more": max(len(frame) - TABLE_ROWS, 0)}


def briefing_html(briefing: Briefing) -> str:
    """Return *briefing* as one self-contained, offline HTML page."""
    numbers = _numbers(briefing)
    sections = []
    for section in briefing.sections:
        sections.append({
            "key": section.key, "title": section.title,
            "sentences": [{"text": s.text, "refs": [numbers[c] for c in s.citations]}
                          for s in section.sentences],
            "charts": [{"title": c.title, "alt": c.alt,
                        "src": "data:image/png;base64," + base64.b64encode(c.png).decode()}
                       for c in section.charts],
            "tables": [{"caption": caption, **_table(frame)}
                       for caption, frame in section.tables]})
    view_html = briefing.view.html if briefing.view is not None else None
    return _environment().get_template("brief.html").render(
        title=briefing.title, subtitle=briefing.subtitle, sections=sections,
        citations=[{"number": n, "quote": c.quote, "section": c.section,
                    "source": c.source, "as_of": c.as_of} for c, n in numbers.items()],
        runs=[r.to_dict() for r in briefing.runs], view_html=view_html,
        view_title=briefing.view_title, csp=_csp(view_html))
