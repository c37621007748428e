"""Entity resolution: names in sources to canonical company IRIs.

A name resolves, in this order, through the user's overrides, the exact normalized
key (case, accents, punctuation and legal suffixes such as Inc., LLC, Co., Ltd.,
GmbH removed), the alias table (every known spelling of every known company), and
fuzzy matching (rapidfuzz) restricted to companies of the same country whose names
hold the same numbers ("Unit 2" is never "Unit 3"). Every
decision is a :class:`Match` with its score and reason, which loaders record in the
source graph (``cikg:EntityMatch``).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode
from rapidfuzz import fuzz, process

from cikg.errors import LoadError
from cikg.ontology.ids import PROV, RDF_TYPE, entity_iri, node
from cikg.ontology.namespace import CIKG

from .provenance import SourceGraphs

__all__ = ["LEGAL_SUFFIXES", "company_key", "KnownCompany", "Match", "Overrides", "Resolver",
           "FUZZY_THRESHOLD", "LOW_CONFIDENCE", "record_match"]

LEGAL_SUFFIXES = frozenset({
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "lp", "co", "corp", "corporation",
    "company", "gmbh", "ag", "kg", "se", "sa", "sas", "sarl", "spa", "srl", "bv", "nv", "plc",
    "pte", "pty", "kk", "oy", "oyj", "ab", "asa", "as", "aps", "sl", "sau", "zrt", "sp z oo",
    "pvt", "private limited", "ltda", "sa de cv", "sab de cv", "sdn bhd", "bhd",
})
#: Fuzzy scores (0-1) at or above this merge two names of the same country.
FUZZY_THRESHOLD = 0.90
#: Matches scored below this are listed as low-confidence.
LOW_CONFIDENCE = 0.97


_ABBREVIATION = re.compile(r"(?<!\w)(?:[^\W\d_][./])+[^\W\d_](?!\w)\.?")


def _normalize(name: str) -> str:
    # accents off, letters of every script kept (a name in Chinese is not an empty key)
    text = "".join(c for c in unicodedata.normalize("NFKD", name)
                   if not unicodedata.combining(c)).casefold()
    # dotted and slashed abbreviations are one word: S.A. -> sa, A/S -> as, o.o. -> oo
    text = _ABBREVIATION.sub(lambda m: re.sub(r"[./]", "", m.group()), text)
    text = text.replace("&", " and ")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def company_key(name: str) -> str:
    """Return the canonical key of a company name: normalized, legal suffixes dropped.

    Examples
    --------
    >>> company_key("Azurite Cell Chemicals Co., Ltd.")
    'azurite cell chemicals'
    >>> company_key("MSE Supplies LLC") == company_key("MSE supplies")
    True
    >>> company_key("Phillips 66")
    'phillips 66'
    >>> company_key("Arkema S.A."), company_key("Merck & Co., Inc."), company_key("宁德时代")
    ('arkema', 'merck', '宁德时代')
    """
    tokens = _normalize(name).split()
    stripped = False
    while len(tokens) > 1:
        size = next((n for n in (3, 2, 1) if len(tokens) > n
                     and " ".join(tokens[-n:]) in LEGAL_SUFFIXES), 0)
        if size:
            del tokens[-size:]
            stripped = True
        elif stripped and tokens[-1] == "and":  # "Merck & Co.", "Acme GmbH & Co. KG"
            tokens.pop()
        else:
            break
    return " ".join(tokens)


@dataclass(frozen=True)
class KnownCompany:
    """A company already in the graph (or minted earlier in this load)."""

    key: str
    label: str
    country: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """How one name was resolved: to which key, how sure (0-1) and why."""

    name: str
    key: str
    score: float
    reason: str

    @property
    def low_confidence(self) -> bool:
        return self.score < LOW_CONFIDENCE


@dataclass
class Overrides:
    """The user's decisions: names that are the same company, and names that are not.

    Read from a TOML file::

        [[same]]
        names = ["Hina Battery", "HiNa Battery Technology Co., Ltd."]

        [[not_same]]
        names = ["NEI", "NEI Corporation"]
    """

    same: dict[str, str] = field(default_factory=dict)        # key -> canonical key
    not_same: set[frozenset[str]] = field(default_factory=set)

    @classmethod
    def read(cls, path: Path) -> Overrides:
        """Read an overrides file; a malformed one raises :class:`LoadError`."""
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise LoadError(str(path), f"cannot read the entity overrides: {exc}") from None
        for key in data:
            if key not in ("same", "not_same"):
                raise LoadError(str(path), f"unknown key {key!r}; use [[same]] or [[not_same]]",
                                field=key if key.isprintable() else repr(key))
        overrides = cls()
        parent: dict[str, str] = {}  # groups that share a name are one company
        seen: dict[str, int] = {}

        def root(key: str) -> str:
            while parent.get(key, key) != key:
                key = parent[key]
            return key

        for kind in ("same", "not_same"):
            for i, group in enumerate(data.get(kind, []), start=1):
                names = group.get("names") if isinstance(group, dict) else None
                if not isinstance(names, list) or len(names) < 2 or not all(
                        isinstance(n, str) for n in names):
                    raise LoadError(str(path), "needs a list of at least two names",
                                    field=f"{kind}[{i}].names")
                keys = [company_key(n) for n in names]
                if kind == "same":
                    for key in keys:
                        seen.setdefault(key, len(seen))
                    for key in keys[1:]:  # the name seen first is the company's key
                        a, b = sorted((root(keys[0]), root(key)), key=seen.__getitem__)
                        if a != b:
                            parent[b] = a
                    continue
                for a in keys:
                    for b in keys:
                        if a != b and root(a) == root(b):
                            raise LoadError(str(path), f"{a!r} and {b!r} are the same company "
                                            "by a [[same]] entry", field=f"not_same[{i}].names")
                overrides.not_same |= {frozenset((a, b)) for a in keys for b in keys if a != b}
        overrides.same = {key: root(key) for key in parent if root(key) != key}
        return overrides


class Resolver:
    """Resolves company names against known companies; remembers what it mints.

    Parameters
    ----------
    known : iterable of KnownCompany
        Companies already in the graph.
    overrides : Overrides, optional
    threshold : float
        Fuzzy score needed to merge names of the same country.

    Examples
    --------
    >>> azurite = KnownCompany("azurite cell chemicals", "Azurite Cell Chemicals Co., Ltd.", "CN")
    >>> r = Resolver([azurite])
    >>> r.resolve("Azurite Cell Chemicals", "CN").reason
    'same normalized name'
    >>> m = r.resolve("Azurite Cel Chemicals", "CN")
    >>> (m.key, m.reason.startswith("fuzzy"))
    ('azurite cell chemicals', True)
    >>> r.resolve("Azurite Cel Chemicals", "JP").reason
    'new entity'
    """

    def __init__(self, known: Iterable[KnownCompany] = (), *, overrides: Overrides | None = None,
                 threshold: float = FUZZY_THRESHOLD) -> None:
        self.overrides = overrides or Overrides()
        self.threshold = threshold
        self.companies: dict[str, KnownCompany] = {}
        self.aliases: dict[str, str] = {}
        # fuzzy candidates by (country, numbers in the name): keys and their sorted tokens
        self._blocks: dict[tuple[str, tuple[str, ...]], tuple[list[str], list[str]]] = {}
        for company in known:
            self.add(company)

    def add(self, company: KnownCompany) -> None:
        """Remember a company so that later names can resolve to it."""
        if company.key not in self.companies:
            self.companies[company.key] = company
            if company.country:
                keys, sorted_keys = self._blocks.setdefault(
                    (company.country, _numbers(company.key)), ([], []))
                keys.append(company.key)
                sorted_keys.append(_sorted_tokens(company.key))
        for alias in (company.label, *company.aliases):
            self.aliases.setdefault(company_key(alias), company.key)

    def resolve(self, name: str, country: str | None = None) -> Match:
        """Return the :class:`Match` of *name* (of *country*, where known)."""
        key = company_key(name)
        if key in self.overrides.same:
            return Match(name, self.overrides.same[key], 1.0, "user override: same")
        if key in self.companies:
            return Match(name, key, 1.0, "same normalized name")
        if key in self.aliases:
            return Match(name, self.aliases[key], 1.0, "known alias")
        fuzzy = self._fuzzy(name, key, country)
        return fuzzy or Match(name, key, 1.0, "new entity")

    def _fuzzy(self, name: str, key: str, country: str | None) -> Match | None:
        # token_sort_ratio is the ratio of the sorted tokens: sorting each candidate once,
        # when it is added, makes a lookup one C++ pass over its block (not a Python loop
        # over every company, which took minutes at 20,000 companies of one country)
        block = self._blocks.get((country, _numbers(key))) if country else None
        if not block:
            return None
        keys, choices = block
        excluded = {k for pair in self.overrides.not_same if key in pair for k in pair}
        if excluded:
            kept = [i for i, k in enumerate(keys) if k not in excluded]
            keys, choices = [keys[i] for i in kept], [choices[i] for i in kept]
        best = process.extractOne(_sorted_tokens(key), choices, scorer=fuzz.ratio,
                                  score_cutoff=round(self.threshold * 100, 9))
        if best is None:
            return None
        score = round(best[1] / 100, 3)
        return Match(name, keys[best[2]], score, f"fuzzy {score:.2f} within {country}")


def _sorted_tokens(key: str) -> str:
    return " ".join(sorted(key.split()))


def _numbers(key: str) -> tuple[str, ...]:
    return tuple(sorted(re.findall(r"\d+", key)))


def record_match(graphs: SourceGraphs, match: Match, entity: NamedNode) -> None:
    """Record in the source graph how a name of the source was resolved."""
    record = entity_iri("match", f"{graphs.info.key}/{match.name}")
    for predicate, value in ((RDF_TYPE, node(CIKG.EntityMatch)),
                             (CIKG.matchedName, match.name), (CIKG.matchedEntity, entity),
                             (CIKG.matchScore, float(match.score)),
                             (CIKG.matchReason, match.reason),
                             (PROV + "wasDerivedFrom", graphs.info.iri)):
        graphs.describe(record, predicate, value)
