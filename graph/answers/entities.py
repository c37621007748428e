"""Find the entities a question names: companies, places, material types, applications.

The names come from the graph (the ``answers-names`` catalog query: labels, aliases,
SKOS preferred and alternative labels, ISO country codes), so a question can use any
name a source or taxonomy gives. Matching is on word sequences, longest first, without
case (two- and three-letter codes only in capitals, so "in" is never India); a country
adjective ("Chinese", "U.S.") resolves through the report loader's country names; a
misspelt name of five letters or more is matched fuzzily (rapidfuzz, score 90).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd
from rapidfuzz import fuzz, process

__all__ = ["KINDS", "Mention", "EntityIndex", "normalize", "tokens"]

#: Entity kinds a question can name, in the order ties are broken.
KINDS = ("company", "material", "application", "end user", "region", "country", "market")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?|&", re.UNICODE)
#: Words that are never an entity name on their own (however a source labels something).
STOPWORDS = frozenset("""a an and any are as at be by can do does for from has have how in
    is it its of on or the to was what when where which who whom whose why with all most
    many much more market markets company companies supplier suppliers others other total
    material materials type types region regions country countries""".split())
_FUZZY_MIN = 5
_FUZZY_SCORE = 90


def tokens(text: str) -> list[str]:
    """Return the casefolded words of *text* (``&`` counts as a word).

    Examples
    --------
    >>> tokens("Middle East & Africa's U.S.-based makers")
    ['middle', 'east', '&', "africa's", 'u', 's', 'based', 'makers']
    """
    return [w.casefold().replace("’", "'") for w in _WORD.findall(text)]


def normalize(text: str) -> str:
    """Return *text* as space-separated casefolded words.

    Examples
    --------
    >>> normalize("  Hina   Battery (China) ")
    'hina battery china'
    """
    return " ".join(tokens(text))


@dataclass(frozen=True)
class Mention:
    """A name found in a question: the entity, its kind and preferred label, the span."""

    entity: str
    kind: str
    label: str
    text: str
    start: int
    end: int
    score: float = 100.0


@dataclass
class EntityIndex:
    """Names of the graph's entities, by word sequence.

    Build it with :meth:`from_frame` from the ``answers-names`` query's rows.

    Examples
    --------
    >>> rows = pd.DataFrame({"entity": ["m1", "c1", "c1"], "kind": ["material", "country",
    ...     "country"], "name": ["Hard carbon", "China", "CN"], "label": ["Hard carbon",
    ...     "China", "China"]})
    >>> index = EntityIndex.from_frame(rows)
    >>> [(m.kind, m.label) for m in index.find("Who makes hard carbon in CN?")]
    [('material', 'Hard carbon'), ('country', 'China')]
    """

    names: dict[tuple[str, ...], list[tuple[str, str, str]]] = field(default_factory=dict)
    codes: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    longest: int = 1

    @classmethod
    def from_frame(cls, rows: pd.DataFrame) -> EntityIndex:
        """Index the rows ``entity, kind, name, label`` of the ``answers-names`` query."""
        index = cls()
        for entity, kind, name, label in rows[["entity", "kind", "name", "label"]].itertuples(
                index=False, name=None):
            if not isinstance(name, str) or not name.strip():
                continue
            label = label if isinstance(label, str) and label else name
            index.labels.setdefault(entity, (kind, label))
            index._add(entity, kind, name, label)
        return index

    def _add(self, entity: str, kind: str, name: str, label: str) -> None:
        entry = (entity, kind, label)
        stripped = name.strip().strip(".")
        if kind == "country" and stripped.isupper() and len(stripped) <= 3:
            self.codes.setdefault(stripped, []).append(entry)
            return
        words = tuple(tokens(name))
        if not words or (len(words) == 1 and (words[0] in STOPWORDS or len(words[0]) < 2)):
            return
        variants = {words}
        if kind in ("material", "application", "end user") and not words[-1].endswith("s"):
            variants.add(words[:-1] + (words[-1] + "s",))
        for variant in variants:
            bucket = self.names.setdefault(variant, [])
            if entry not in bucket:
                bucket.append(entry)
            self.longest = max(self.longest, len(variant))

    def entities(self, kind: str) -> dict[str, str]:
        """Return entity -> preferred label of every entity of *kind*."""
        return {e: label for e, (k, label) in self.labels.items() if k == kind}

    def label(self, entity: str) -> str:
        """Return the preferred label of *entity* (the IRI itself when unknown)."""
        return self.labels.get(entity, ("", entity))[1]

    def find(self, question: str) -> list[Mention]:
        """Return the entities *question* names, in question order, longest names first.

        Exact names first (case-insensitive), then capitalised country codes, country
        adjectives, and misspelt names (fuzzy, five letters or more).
        """
        spans = [(m.start(), m.end(), m.group().casefold().replace("’", "'"))
                 for m in _WORD.finditer(question)]
        taken = [False] * len(spans)
        found: list[Mention] = []
        for size in range(min(self.longest, len(spans)), 0, -1):
            for i in range(len(spans) - size + 1):
                if any(taken[i:i + size]):
                    continue
                key = tuple(s[2] for s in spans[i:i + size])
                hits = self.names.get(key) or self._possessive(key)
                if hits:
                    start, end = spans[i][0], spans[i + size - 1][1]
                    found.extend(self._mentions(hits, question, start, end))
                    taken[i:i + size] = [True] * size
        found.extend(self._codes(question, spans, taken))
        found.extend(self._adjectives(question, spans, taken))
        found.extend(self._fuzzy(question, spans, taken))
        return sorted(found, key=lambda m: (m.start, KINDS.index(m.kind)
                                            if m.kind in KINDS else 99))

    def _possessive(self, key: tuple[str, ...]) -> list[tuple[str, str, str]]:
        if key and key[-1].endswith("'s"):
            return self.names.get(key[:-1] + (key[-1][:-2],), [])
        return []

    @staticmethod
    def _mentions(hits: Iterable[tuple[str, str, str]], question: str, start: int, end: int,
                  score: float = 100.0) -> list[Mention]:
        return [Mention(entity, kind, label, question[start:end], start, end, score)
                for entity, kind, label in hits]

    def _codes(self, question: str, spans: list, taken: list[bool]) -> list[Mention]:
        found = []
        # "U.S." and "U.K." are words split by dots: try the dotted form first
        for match in re.finditer(r"\b(?:[A-Z]\.){2,3}|\b[A-Z]{2,3}\b", question):
            code = match.group().replace(".", "")
            idx = [i for i, s in enumerate(spans) if match.start() <= s[0] < match.end()]
            if not idx or any(taken[i] for i in idx):
                continue
            hits = self.codes.get(code) or self.codes.get({"UK": "GB"}.get(code, ""))
            if hits:
                found.extend(self._mentions(hits, question, match.start(), match.end()))
                for i in idx:
                    taken[i] = True
        return found

    def _adjectives(self, question: str, spans: list, taken: list[bool]) -> list[Mention]:
        from cikg.loaders.countries import countries_in

        found = []
        for code, start, end in countries_in(question):
            idx = [i for i, s in enumerate(spans) if start <= s[0] < end]
            if not idx or any(taken[i] for i in idx):
                continue
            hits = self.codes.get(code)
            if hits:
                found.extend(self._mentions(hits, question, start, end))
                for i in idx:
                    taken[i] = True
        return found

    def _fuzzy(self, question: str, spans: list, taken: list[bool]) -> list[Mention]:
        choices = {" ".join(k): v for k, v in self.names.items()
                   if len(" ".join(k)) >= _FUZZY_MIN}
        if not choices:
            return []
        found = []
        for size in (3, 2, 1):
            for i in range(len(spans) - size + 1):
                window = spans[i:i + size]
                if any(taken[i:i + size]) or any(s[2] in STOPWORDS for s in window):
                    continue
                text = " ".join(s[2] for s in window)
                if len(text) < _FUZZY_MIN:
                    continue
                best = process.extractOne(text, list(choices), scorer=fuzz.ratio,
                                          score_cutoff=_FUZZY_SCORE)
                if best is None:
                    continue
                start, end = window[0][0], window[-1][1]
                found.extend(self._mentions(choices[best[0]], question, start, end, best[1]))
                taken[i:i + size] = [True] * size
        return found
