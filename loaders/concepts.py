"""Find taxonomy concepts (materials, applications, end users, regions) in report text.

The index reads the bundled SKOS taxonomies once: every ``skos:prefLabel`` and
``skos:altLabel`` of every concept, normalized (case, hyphens, plural 's').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import cast

import pyoxigraph as ox

from cikg.ontology.ids import SKOS

__all__ = ["Concept", "ConceptIndex", "concept_index", "normalize_label"]

SCHEMES = {"materials": "MaterialType", "applications": "Application",
           "end-users": "EndUser", "regions": "Region"}


def normalize_label(text: str) -> str:
    """Return *text* lowercased, '&' as 'and', punctuation as spaces, plural 's' dropped.

    Examples
    --------
    >>> normalize_label("Middle East & Africa") == normalize_label("Middle East and Africa")
    True
    >>> normalize_label("Hard-Carbon Anodes")
    'hard carbon anode'
    """
    text = text.casefold().replace("&", " and ")
    words = re.sub(r"[^\w+]+", " ", text).split()
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                    for w in words)


@dataclass(frozen=True)
class Concept:
    """A taxonomy concept: its IRI, English label and class (``MaterialType`` ...)."""

    iri: str
    label: str
    kind: str


class ConceptIndex:
    """Labels -> concepts, for exact matching and for finding concepts in sentences."""

    def __init__(self, concepts: dict[str, list[Concept]]) -> None:
        self.by_label = concepts
        longest_first = sorted(concepts, key=len, reverse=True)
        self._pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in longest_first)
                                   + r")\b") if concepts else None

    def match(self, label: str, kind: str | None = None) -> Concept | None:
        """Return the concept whose label is *label* (normalized), of *kind* if given."""
        for concept in self.by_label.get(normalize_label(label), []):
            if kind is None or concept.kind == kind:
                return concept
        return None

    def find(self, text: str, kind: str | None = None) -> list[Concept]:
        """Return the concepts named in *text* (longest label wins), each once, in order."""
        if self._pattern is None:
            return []
        found: list[Concept] = []
        for hit in self._pattern.finditer(normalize_label(text)):
            for concept in self.by_label[hit.group(1)]:
                if (kind is None or concept.kind == kind) and concept not in found:
                    found.append(concept)
        return found


@cache
def concept_index() -> ConceptIndex:
    """Return the index of the bundled taxonomies (built once)."""
    root = files("cikg.ontology").joinpath("taxonomies")
    by_label: dict[str, list[Concept]] = {}
    for stem, kind in SCHEMES.items():
        resource = root.joinpath(f"{stem}.ttl")
        if not resource.is_file():
            continue
        store = ox.Store()
        store.load(resource.read_bytes(), format=ox.RdfFormat.TURTLE)
        query = (f"SELECT ?c ?pref ?label WHERE {{ ?c a <{SKOS}Concept> ; "
                 f"<{SKOS}prefLabel> ?pref . "
                 f"FILTER(LANGMATCHES(LANG(?pref), 'en')) "
                 f"{{ ?c <{SKOS}prefLabel> ?label }} UNION {{ ?c <{SKOS}altLabel> ?label }} }}")
        for row in cast(ox.QuerySolutions, store.query(query)):
            concept = Concept(row["c"].value, row["pref"].value, kind)
            entries = by_label.setdefault(normalize_label(row["label"].value), [])
            if concept not in entries:
                entries.append(concept)
    return ConceptIndex(by_label)
