"""The synthetic world the bench generator draws from: companies and taxonomy concepts.

A :class:`Landscape` holds companies with a skewed country distribution (China first,
then Japan, the US and Korea, a European middle and a long tail), each supplying 1-4
material types (mostly of one family: anode, cathode, electrolyte, cell parts) and
serving 1-4 applications of the bundled taxonomies, with a Zipf-like size that makes
large companies appear in many sources. Names are unique after cikg's normalization
and no two of one country are within the entity resolver's fuzzy threshold.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

import pyoxigraph as ox
from rapidfuzz import fuzz, process

from cikg.loaders.resolve import company_key
from cikg.ontology import vocabulary_graphs
from cikg.ontology.ids import SKOS, entity_iri
from cikg.ontology.namespace import CIKG

__all__ = ["Concept", "Company", "Landscape", "landscape", "weighted", "COUNTRY_WEIGHTS",
           "REGION_COUNTRIES", "EU"]

# Country shares of supplier landscapes in battery materials: China first, then Japan,
# Korea and the US, a European middle and a long tail.
COUNTRY_WEIGHTS = {
    "CN": 380, "JP": 90, "US": 85, "KR": 70, "DE": 45, "IN": 35, "FR": 25, "GB": 25,
    "TW": 20, "CA": 18, "AU": 16, "SE": 14, "NO": 10, "FI": 9, "NL": 9, "IT": 9, "ES": 8,
    "BE": 8, "CH": 8, "PL": 7, "BR": 6, "CL": 5, "AR": 4, "ID": 6, "TH": 5, "VN": 5,
    "MY": 4, "SG": 4, "IL": 3, "SA": 3, "AE": 3, "ZA": 3, "MA": 2, "MX": 4, "TR": 3,
    "AT": 3, "CZ": 3, "HU": 3, "DK": 3, "PT": 2,
}
REGION_COUNTRIES = {
    "north-america": ["US", "CA", "MX"],
    "europe": ["DE", "FR", "GB", "SE", "NO", "FI", "NL", "IT", "ES", "BE", "CH", "PL", "AT",
               "CZ", "HU", "DK", "PT"],
    "asia-pacific": ["CN", "JP", "KR", "IN", "TW", "AU", "ID", "TH", "VN", "MY", "SG"],
    "south-america": ["BR", "CL", "AR"], "latin-america": ["BR", "CL", "AR", "MX"],
    "middle-east-africa": ["IL", "SA", "AE", "ZA", "MA", "TR"],
}
LEGAL = {"CN": ["Co., Ltd."], "JP": ["Corporation", "Co., Ltd."], "KR": ["Co., Ltd."],
         "US": ["Inc.", "LLC", "Corp."], "DE": ["GmbH", "AG"], "FR": ["SA", "SAS"],
         "GB": ["Ltd", "plc"], "IN": ["Limited"], "CA": ["Inc."], "AU": ["Pty Ltd"],
         "SE": ["AB"], "NO": ["ASA"], "FI": ["Oy"], "NL": ["B.V."], "IT": ["S.p.A."],
         "ES": ["S.L."], "BE": ["NV"], "CH": ["AG"], "PL": ["S.A."], "BR": ["S.A."]}
CITIES = {"CN": ["Shenzhen", "Ningbo", "Jiangsu", "Zhejiang", "Shandong", "Hunan", "Fujian",
                 "Guangdong", "Sichuan", "Hubei"],
          "JP": ["Tokyo", "Osaka", "Nagoya"], "KR": ["Seoul", "Pohang", "Ulsan"]}
SYLLABLES = ["ka", "to", "ri", "zen", "vo", "lex", "mar", "qui", "sun", "tek", "ora", "bel",
             "dra", "fin", "gor", "hal", "ix", "jun", "kel", "lum", "mon", "nex", "pol", "quar",
             "ros", "sil", "tor", "ul", "vex", "wen", "xan", "yor", "zul", "an", "bri", "cor",
             "del", "eko", "fal", "gra", "hon", "im", "jas", "kor", "lin", "mi", "nor", "op",
             "pra", "rum", "sa", "tri", "ven", "wy", "zo", "ber", "cal", "dun", "ev", "fro"]
INDUSTRY = ["Materials", "New Energy", "Carbon", "Battery Materials", "Advanced Materials",
            "Energy Technology", "Chemicals", "Electrochem", "Technologies", "Power Materials",
            "Cathode", "Anode Technologies", "Metals", "Energy"]
EU = {"DE", "FR", "SE", "FI", "NL", "IT", "ES", "BE", "PL", "AT", "CZ", "HU", "DK", "PT"}


# ---------------------------------------------------------------------------- taxonomies

@dataclass(frozen=True)
class Concept:
    """A taxonomy concept: IRI, English label, and the top concept it falls under."""

    iri: ox.NamedNode
    label: str
    family: str


def _concepts() -> dict[str, list[Concept]]:
    """Return the concepts of the bundled taxonomies by kind, sorted by IRI."""
    store = ox.Store()
    for graph, text in vocabulary_graphs().items():
        store.load(text.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(graph))
    kinds = {"MaterialType": "materials", "Application": "applications",
             "EndUser": "end-users", "Region": "regions", "Country": "countries"}
    found: dict[str, list[Concept]] = {}
    for kind in kinds:
        rows = store.query(f"""
            SELECT ?c ?label (SAMPLE(?top) AS ?family) WHERE {{
              ?c a <{CIKG[kind]}> ; <{SKOS}prefLabel> ?label .
              FILTER(LANGMATCHES(LANG(?label), "en"))
              OPTIONAL {{ ?c <{SKOS}broader>* ?top .
                         FILTER NOT EXISTS {{ ?top <{SKOS}broader> [] }} }}
            }} GROUP BY ?c ?label ORDER BY ?c""", use_default_graph_as_union=True)
        found[kind] = [Concept(r["c"], r["label"].value,
                               r["family"].value.rsplit("/", 1)[-1] if r["family"] else "")
                       for r in rows]
    return found


# ---------------------------------------------------------------------------- companies

@dataclass(frozen=True)
class Company:
    """A synthetic company: report name, legal name, country, what it supplies and serves."""

    key: str
    name: str
    legal_name: str
    country: str
    materials: tuple[Concept, ...]
    applications: tuple[Concept, ...]
    end_users: tuple[Concept, ...]
    regions: tuple[Concept, ...]
    capacity_t: int
    revenue_musd: float

    @property
    def iri(self) -> ox.NamedNode:
        return entity_iri("company", self.key)


@dataclass
class Landscape:
    """Everything a generated data set draws from, built from (number of companies, seed)."""

    seed: int
    companies: list[Company]
    concepts: dict[str, list[Concept]]
    country_names: dict[str, str]
    weights: list[float] = field(repr=False, default_factory=list)

    def __post_init__(self) -> None:
        self.cum_weights = list(accumulate(self.weights))
        self.rank = {c.key: i for i, c in enumerate(self.companies)}

    def pick(self, rng: random.Random, k: int) -> list[Company]:
        """Return *k* distinct companies, the larger ones (low index) more often."""
        chosen: dict[int, None] = {}
        total = self.cum_weights[-1]
        k = min(k, len(self.companies))
        while len(chosen) < k:
            chosen[bisect_right(self.cum_weights, rng.random() * total)] = None
        return [self.companies[i] for i in chosen]


def weighted(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    picked: dict[int, None] = {}
    cum = list(accumulate(weights))
    while len(picked) < min(k, len(items)):
        picked[bisect_right(cum, rng.random() * cum[-1])] = None
    return [items[i] for i in sorted(picked)]


def _company_name(rng: random.Random, country: str) -> str:
    core = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3, 3)))).capitalize()
    name = f"{core} {rng.choice(INDUSTRY)}"
    if country in CITIES and rng.random() < 0.4:
        name = f"{rng.choice(CITIES[country])} {name}"
    return name


def landscape(companies: int, *, seed: int = 7) -> Landscape:
    """Return a landscape of *companies* companies (deterministic for a seed).

    Company names are unique after cikg's normalization, and no two of one country are
    within the fuzzy-match threshold of the entity resolver (so a table load keeps them
    apart, as a real directory would).
    """
    rng = random.Random(f"landscape/{seed}")
    concepts = _concepts()
    country_names = {c.iri.value.rsplit("/", 1)[-1].upper(): c.label
                     for c in concepts["Country"]}
    codes = [c for c in COUNTRY_WEIGHTS if c in country_names]
    country_weights = [COUNTRY_WEIGHTS[c] for c in codes]
    materials = [c for c in concepts["MaterialType"] if c.family and c.iri.value.rsplit(
        "/", 1)[-1] != c.family]
    families = sorted({m.family for m in materials})
    family_weights = {"anode-material": 4, "cathode-material": 4, "electrolyte": 2}
    applications = concepts["Application"]
    app_weights = [8 if "vehicle" in a.label.lower() or "storage" in a.label.lower() else 3
                   for a in applications]
    seen_keys: set[str] = set()
    by_country: dict[str, list[str]] = {}
    result = []
    while len(result) < companies:
        country = weighted(rng, codes, country_weights, 1)[0]
        name = _company_name(rng, country)
        key = company_key(name)
        if key in seen_keys or process.extractOne(
                key, by_country.get(country, []), scorer=fuzz.token_sort_ratio,
                score_cutoff=85) is not None:
            continue
        seen_keys.add(key)
        by_country.setdefault(country, []).append(key)
        legal = f"{name} {rng.choice(LEGAL.get(country, ['Ltd.']))}"
        family = weighted(rng, families, [family_weights.get(f, 1) for f in families], 1)[0]
        n_materials = weighted(rng, [1, 2, 3, 4], [40, 30, 20, 10], 1)[0]
        in_family = [m for m in materials if m.family == family]
        chosen = weighted(rng, in_family, [1] * len(in_family), n_materials)
        if rng.random() < 0.15:  # some suppliers cross families
            chosen = sorted({*chosen, rng.choice(materials)}, key=lambda c: c.iri.value)
        n_apps = weighted(rng, [1, 2, 3, 4], [30, 35, 25, 10], 1)[0]
        result.append(Company(
            key=key, name=name, legal_name=legal, country=country, materials=tuple(chosen),
            applications=tuple(weighted(rng, applications, app_weights, n_apps)),
            end_users=tuple(weighted(rng, concepts["EndUser"], [1] * 9, rng.choice((0, 1, 2)))),
            regions=tuple(weighted(rng, concepts["Region"], [1] * len(concepts["Region"]),
                                    rng.choice((1, 1, 2, 3)))),
            capacity_t=int(rng.lognormvariate(8.0, 1.2)) + 50,
            revenue_musd=round(rng.lognormvariate(4.0, 1.5), 1)))
    weights = [1.0 / (i + 1) ** 0.9 for i in range(len(result))]
    return Landscape(seed, result, concepts, country_names, weights)
