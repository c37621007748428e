"""The parsed document the extractors share: blocks, sections, sentences, offsets."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .blocks import Block
from .figures import split_sentences
from .records import Evidence
from .sections import Section

__all__ = ["Doc", "Sentence"]

#: Sections whose text is not report prose (no facts are read from them).
NOT_PROSE = ("contact", "toc", "title")


@dataclass(frozen=True)
class Sentence:
    """One sentence of one block, with offsets into the report text."""

    text: str
    start: int
    end: int
    block: int
    section: Section


class Doc:
    """Blocks laid out as one text (joined by newlines), with their sections.

    Parameters
    ----------
    blocks : list of Block
        Their ``start`` offsets are assigned here.
    sections : list of Section
    cta : list of int
        Call-to-action block indices (not in any section).
    title : str
        Label used for blocks before the first heading.
    """

    def __init__(self, blocks: list[Block], sections: list[Section], cta: list[int],
                 title: str) -> None:
        self.blocks = blocks
        self.sections = sections
        self.cta = cta
        self.title = title
        pos = 0
        for b in blocks:
            b.start = pos
            pos += len(b.text) + 1
        self.text = "\n".join(b.text for b in blocks)
        self.section_of: list[Section | None] = [None] * len(blocks)
        for s in sections:
            if s.heading_block is not None:
                self.section_of[s.heading_block] = s
            for i in s.blocks:
                self.section_of[i] = s

    def label(self, section: Section | None) -> str:
        """The heading an evidence names for `section`."""
        if section is None:
            return ""
        return section.heading or (self.title if section.kind == "insight" else section.kind)

    def evidence(self, section: Section | None, start: int, end: int) -> Evidence:
        """Evidence for ``text[start:end]`` (absolute offsets)."""
        return Evidence(self.label(section), self.text[start:end], start, end)

    def sentences_of(self, block: int) -> list[Sentence]:
        """The sentences of one block (cached)."""
        return self._sentences[block]

    @cached_property
    def _sentences(self) -> list[list[Sentence]]:
        out: list[list[Sentence]] = []
        for i, b in enumerate(self.blocks):
            sec = self.section_of[i]
            spans = split_sentences(b.text)
            out.append([
                Sentence(b.text[a:z], b.start + a, b.start + z, i, sec)  # type: ignore[arg-type]
                for a, z in spans
            ] if sec is not None else [])
        return out

    def sentences(self, *, kinds: tuple[str, ...] | None = None,
                  exclude: tuple[str, ...] = NOT_PROSE) -> list[Sentence]:
        """Every sentence of the sections of `kinds` (all prose sections by default)."""
        out = []
        for s in self.sections:
            if s.kind in exclude or (kinds is not None and s.kind not in kinds):
                continue
            for i in s.blocks:
                out.extend(self._sentences[i])
        out.sort(key=lambda x: x.start)
        return out

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence that contains absolute offset `pos`."""
        for i, b in enumerate(self.blocks):
            if b.start <= pos <= b.end:
                for s in self._sentences[i]:
                    if s.start <= pos < s.end:
                        return s
                return None
        return None

    def block_evidence(self, i: int) -> Evidence:
        """Evidence quoting a whole block."""
        b = self.blocks[i]
        return self.evidence(self.section_of[i], b.start, b.end)
