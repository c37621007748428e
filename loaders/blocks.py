"""A report's source -> front matter plus a flat list of plain-text blocks.

A report of this family is markdown front matter (``---`` ... ``---``), a markdown
``# Title`` line, then HTML fragments. The HTML is parsed with selectolax (lexbor); no
regular expression ever looks at a tag. The walk turns the DOM into *blocks*: one per
paragraph, list item, heading, table cell, ``<br>``-separated line and markdown line or
paragraph outside HTML. A block's text has entities decoded, zero-width characters removed
and all whitespace (including non-breaking spaces) collapsed to single spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from selectolax.lexbor import LexborHTMLParser

__all__ = ["Block", "FrontMatter", "html_blocks", "split_front_matter", "truncation"]

_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td",
    "th", "thead", "tbody", "tfoot", "section", "article", "blockquote", "header", "footer",
    "nav", "main", "aside", "dl", "dt", "dd", "pre", "hr", "figure", "figcaption", "form",
    "address", "center", "caption", "details", "summary", "body", "html",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "title", "svg", "iframe",
              "object", "select", "textarea", "button", "math"}
_BOLD_TAGS = {"strong", "b"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr"}
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CONTROL = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 127], " ")


def clean(text: str) -> str:
    """Collapse whitespace (NBSP included), drop zero-width and control characters.

    Examples
    --------
    >>> clean("  USD\\xa0782.4 \\u200bmillion\\n ")
    'USD 782.4 million'
    """
    return " ".join(text.translate(_ZERO_WIDTH).translate(_CONTROL).split())


@dataclass
class Block:
    """One line of the rendered report.

    Attributes
    ----------
    text : str
        Plain text of the block.
    bold : bool
        Every visible character is inside ``<strong>``/``<b>`` (or a heading element, or
        markdown ``**...**``).
    level : int
        1-6 for ``<hN>`` or markdown ``#`` headings, else 0.
    tag : str
        The enclosing block element (``'p'``, ``'li'``, ``'td'``; ``'md'`` for markdown).
    links : list of (href, text)
    start : int
        Offset of the block in the report text (set by the caller).
    depth : int
        How many ``<ul>``/``<ol>`` enclose the block (0 outside lists).
    lead : str
        A leading bold run when only part of the block is bold
        (``<p><strong>North America:</strong> The market ...</p>``), else "".
    """

    text: str
    bold: bool = False
    level: int = 0
    tag: str = "p"
    links: list[tuple[str, str]] = field(default_factory=list)
    start: int = 0
    depth: int = 0
    lead: str = ""

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class FrontMatter:
    """The ``key: value`` pairs of the front matter and where the body starts."""

    fields: dict[str, str]
    body_line: int  # 1-based line of the first body line in the source
    body: str


def split_front_matter(source: str) -> FrontMatter:
    """Split off a ``---`` delimited front matter block (simple ``key: value`` lines).

    Examples
    --------
    >>> fm = split_front_matter('---\\ntitle: "A Market"\\n---\\n# A Market\\n')
    >>> fm.fields["title"], fm.body_line, fm.body
    ('A Market', 4, '# A Market\\n')
    """
    lines = source.split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines) or lines[i].strip() != "---":
        return FrontMatter({}, 1, source)
    fields: dict[str, str] = {}
    for j in range(i + 1, len(lines)):
        line = lines[j]
        if line.strip() in ("---", "..."):
            return FrontMatter(fields, j + 2, "\n".join(lines[j + 1:]))
        m = re.match(r"\s*([A-Za-z_][\w-]*)\s*:\s?(.*)$", line)
        if m:
            val = m.group(2).strip()
            if len(val) >= 2 and val[0] == val[-1] and val[0] in "\"'":
                val = val[1:-1].replace('\\"', '"') if val[0] == '"' else val[1:-1]
            fields[m.group(1)] = val
    # an unterminated front matter: treat the whole thing as body
    return FrontMatter({}, 1, source)


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buf: list[tuple[str, bool]] = []
        self.links: list[tuple[str, str]] = []
        self.ctx: list[tuple[str, int]] = [("top", 0)]

    def flush(self, *, bold: bool | None = None, level: int | None = None,
              tag: str | None = None) -> None:
        text = clean("".join(t for t, _ in self.buf))
        if text:
            visible = [b for t, b in self.buf if t.strip()]
            all_bold = bool(visible) and all(visible) if bold is None else bold
            lead = ""
            if not all_bold and visible and visible[0]:
                pieces = []
                for t, b in self.buf:
                    if t.strip() and not b:
                        break
                    pieces.append(t)
                lead = clean("".join(pieces))
            ctag, clevel = self.ctx[-1]
            self.blocks.append(Block(
                text,
                bold=all_bold,
                level=clevel if level is None else level,
                tag=ctag if tag is None else tag,
                links=list(self.links),
                depth=sum(1 for t, _ in self.ctx if t in ("ul", "ol")),
                lead=lead,
            ))
        self.buf.clear()
        self.links.clear()

    def markdown(self, text: str) -> None:
        for i, line in enumerate(text.split("\n")):
            s = line.strip()
            if i == 0 and self.buf and not s.startswith("#"):
                self.buf.append((line, False))
                continue
            if not s or set(s) <= {"-", "*", "_", "="} and len(s) >= 3:
                if i > 0 or not s:
                    self.flush()
                continue
            m = re.match(r"(#{1,6})\s+(.*?)\s*#*$", s)
            if m:
                self.flush()
                self.buf.append((m.group(2), True))
                self.flush(bold=True, level=len(m.group(1)), tag="md")
                continue
            m = re.match(r"\*\*(.+?)\*\*:?$", s)
            if m:
                self.flush()
                self.buf.append((m.group(1), True))
                self.flush(bold=True, level=0, tag="md")
                continue
            m = re.match(r"(?:[-*+•]|\d{1,3}[.)])\s+(.*)$", s)
            if m:
                self.flush()
                self.buf.append((m.group(1), False))
                self.flush(tag="li")
                continue
            if i > 0 and not self.buf:
                self.flush()
            self.buf.append((" " + line, False))

    def walk(self, node, bold: bool, top: bool) -> None:  # noqa: ANN001 - selectolax node
        for child in node.iter(include_text=True):
            tag = child.tag or ""
            if tag == "-text":
                text = child.text(deep=False) or ""
                if top:
                    self.markdown(text)
                else:
                    self.buf.append((text, bold))
            elif tag.startswith(("-", "_", "!")) or tag in _SKIP_TAGS:
                continue
            elif tag == "br":
                self.flush()
            elif tag in _BLOCK_TAGS:
                self.flush()
                level = int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else 0
                self.ctx.append((tag, level))
                self.walk(child, bold or level > 0 or tag == "th", top=False)
                self.flush()
                self.ctx.pop()
            else:
                if tag == "a":
                    href = (child.attributes or {}).get("href") or ""
                    self.links.append((href.strip(), clean(child.text(deep=True) or "")))
                self.walk(child, bold or tag in _BOLD_TAGS, top=False)


def html_blocks(body: str) -> list[Block]:
    """Parse the HTML/markdown body and return its blocks in document order.

    Examples
    --------
    >>> bs = html_blocks("# T\\n\\n<p><strong>A &amp; B</strong></p><p>x<br>y</p>")
    >>> [(b.text, b.bold, b.level) for b in bs]
    [('T', True, 1), ('A & B', True, 0), ('x', False, 0), ('y', False, 0)]
    """
    tree = LexborHTMLParser(body)
    root = tree.body
    walker = _Walker()
    if root is not None:
        walker.walk(root, False, top=True)
        walker.flush()
    return walker.blocks


class _TailScanner(HTMLParser):
    """Remember the last tag event, to tell whether a file ends inside an element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.last: tuple[str, str, int] | None = None  # (kind, tag, line)
        self.text_after = False

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        self.last, self.text_after = ("start", tag, self.getpos()[0]), False

    def handle_endtag(self, tag):  # noqa: ANN001
        self.last, self.text_after = ("end", tag, self.getpos()[0]), False

    def handle_startendtag(self, tag, attrs):  # noqa: ANN001
        self.last, self.text_after = ("end", tag, self.getpos()[0]), False

    def handle_data(self, data):  # noqa: ANN001
        if data.strip():
            self.text_after = True


def truncation(body: str, first_line: int = 1) -> tuple[int, str] | None:
    """Tell whether the HTML body was cut off: ``(line, reason)`` or None.

    A body is truncated when it ends inside a tag or comment, or when its last tag opens
    a non-void element and text follows that nothing closes (for example
    ``...<p><strong>USD 78`` at the end of the file). Lines are 1-based, counted from
    `first_line` (the line of the file where `body` starts).

    Examples
    --------
    >>> truncation("<p>ok</p>") is None
    True
    >>> truncation("<p>ok</p>\\n<p><stro")
    (2, 'the file ends inside a tag')
    >>> truncation("<p>ok</p><p><strong>USD 78")
    (1, 'the file ends inside <strong> (opened at line 1) with its text cut off')
    """
    scanner = _TailScanner()
    try:
        scanner.feed(body)
    except Exception:  # pragma: no cover - the stdlib tokenizer is lenient
        return None
    rest = scanner.rawdata
    shift = first_line - 1
    if rest.lstrip().startswith("<") and len(rest.strip()) > 1:
        line = body.count("\n", 0, len(body) - len(rest)) + first_line
        what = "a comment" if rest.lstrip().startswith("<!--") else "a tag"
        return line, f"the file ends inside {what}"
    last = scanner.last
    if last and last[0] == "start" and last[1] not in _VOID and scanner.text_after:
        return (last[2] + shift,
                f"the file ends inside <{last[1]}> (opened at line {last[2] + shift}) "
                "with its text cut off")
    return None
