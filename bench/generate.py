"""Seeded synthetic landscapes: TriG as cikg writes it, and CSV tables with their mappings.

A landscape has ``triples / 150`` companies (about 6,700 at 1M triples) with a skewed
country distribution, each supplying 1-4 material types and serving 1-4 applications
of the bundled taxonomies. Sources are written the way cikg's loaders write them,
through :class:`cikg.loaders.provenance.SourceGraphs` and cikg's IRI minting:

- market reports (``cikg:Report``), each with its market observations and growth
  rate, company list, product and region sentences, leaders, competition sentences,
  share claims, initiatives, segments, region membership and sections, every fact in
  the assertion graph of the passage that states it;
- a company directory table (``cikg:Table``), one assertion graph per row, exactly as
  :func:`cikg.loaders.tables.load_table` writes it after the reports (report spellings
  as labels, the table's legal names as aliases);
- the bundled ontology and taxonomies (``vocab/...``), so every engine that loads only
  the file answers the catalog as cikg does.

Reports are added until the file holds the requested number of quads. Beside the
TriG the generator writes the directory table and a capacity table of ``csv_rows``
rows (company, country, material, applications, capacity, year), each with its TOML
mapping, loadable with :func:`cikg.loaders.tables.load_table`.

The same (scale, seed) always gives the same files (byte for byte).

Examples
--------
>>> from bench.generate import parse_scale
>>> parse_scale("1M"), parse_scale("100k"), parse_scale("2500")
(1000000, 100000, 2500)
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from cikg.build import vocabulary_quads
from cikg.ontology import vocabulary_graphs
from cikg.ontology.ids import QUDT_UNIT, SKOS, entity_iri

from .landscape import Landscape, landscape
from .sources import (
    CAPACITY_MAPPING,
    DIRECTORY_MAPPING,
    capacity_rows,
    directory_rows,
    directory_source,
    initiatives,
    markets,
    report,
    write_csv,
)

__all__ = ["SCALES", "GENERATOR_VERSION", "Generated", "parse_scale", "scale_label",
           "csv_rows_for", "generate", "landscape", "directory_source"]

#: Bump when the output changes, so cached data sets are regenerated.
GENERATOR_VERSION = 4
SCALES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000, "10M": 10_000_000}
TRIPLES_PER_COMPANY = 150
PREFIXES = {
    "cikg": "https://w3id.org/cikg/ontology#", "id": "https://w3id.org/cikg/id/",
    "company": "https://w3id.org/cikg/id/company/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "skos": SKOS,
    "xsd": "http://www.w3.org/2001/XMLSchema#", "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/", "unit": QUDT_UNIT,
    "owl": "http://www.w3.org/2002/07/owl#",
}


def parse_scale(text: str | int, *, minimum: int = 5_000) -> int:
    """Return the number a scale names (``10k``, ``1M``, ``2500``): triples by default.

    Raises
    ------
    ValueError
        For text that is not a scale, or a number below *minimum*.
    """
    if isinstance(text, int):
        return text
    value = text.strip()
    if value in SCALES:
        return SCALES[value]
    factor = {"k": 1_000, "m": 1_000_000}.get(value[-1:].lower(), 1)
    number = value[:-1] if factor > 1 else value
    try:
        triples = int(float(number) * factor)
    except ValueError:
        raise ValueError(f"{text!r} is not a scale: use 10k, 100k, 1M, 10M or a number"
                         ) from None
    if triples < minimum:
        raise ValueError(f"scale {text!r} is below {minimum:,} (a landscape's vocabulary "
                         "alone is 3.3k triples)")
    return triples


def scale_label(triples: int) -> str:
    """Return the short name of a number of triples (``1000000`` -> ``1M``)."""
    for label, value in SCALES.items():
        if value == triples:
            return label
    if triples % 1_000_000 == 0:
        return f"{triples // 1_000_000}M"
    return f"{triples // 1000}k" if triples % 1000 == 0 else str(triples)


def csv_rows_for(triples: int) -> int:
    """Rows of the capacity table at a scale: a tenth of the triples (its load writes
    about twice the scale's quads), at least 1,000, at most a million."""
    return min(max(triples // 10, 1_000), 1_000_000)


# ---------------------------------------------------------------------------- driver

@dataclass
class Generated:
    """Paths and counts of one generated data set (also its ``manifest.json``)."""

    directory: Path
    triples: int
    trig: Path
    directory_csv: Path
    capacity_csv: Path
    seed: int = 7
    quads: int = 0
    graphs: int = 0
    companies: int = 0
    reports: int = 0
    csv_rows: int = 0
    seconds: float = 0.0
    samples: dict[str, str] = field(default_factory=dict)

    def manifest(self) -> dict[str, object]:
        """Return the fields as JSON-ready values (paths as strings)."""
        return {k: (str(v) if isinstance(v, Path) else v) for k, v in self.__dict__.items()}

    @classmethod
    def read(cls, data: dict) -> Generated:
        """Return the data set a manifest describes."""
        paths = ("directory", "trig", "directory_csv", "capacity_csv")
        return cls(**{k: Path(v) if k in paths else v for k, v in data.items()
                      if k in cls.__dataclass_fields__})


#: Quads the directory table adds per company (its row graph, row metadata, match).
DIRECTORY_QUADS_PER_COMPANY = 36


def _quads(land: Landscape, target: int, directory_csv: Path, stats: dict[str, int]
           ) -> Iterator[ox.Quad]:
    rng = random.Random(f"reports/{land.seed}")
    graphs, vocab = vocabulary_quads()
    yield from sorted(vocab, key=str)  # skolemized taxonomies come in hash order
    count = len(vocab)
    stats["graphs"] = len(graphs)
    budget = target - len(land.companies) * DIRECTORY_QUADS_PER_COMPANY
    covered = markets(land)
    pool = initiatives(land, rng, max(5, len(land.companies) // 25))
    uncovered = list(land.companies)
    rng.shuffle(uncovered)
    named: set[str] = set()
    number = 0
    while count < budget:
        number += 1
        size = max(8, min(150, int(rng.lognormvariate(3.6, 0.5))))
        own = [uncovered.pop() for _ in range(min(len(uncovered), size // 3))]
        picked = dict.fromkeys(own + land.pick(rng, size - len(own)))
        companies = sorted(picked, key=lambda c: c.key)
        named.update(c.key for c in companies)
        source = report(land, number, covered[(number - 1) % len(covered)], companies, pool,
                        rng)
        seen = set()
        for quad in source.quads():
            count += 1
            seen.add(quad.graph_name)
            yield quad
        stats["graphs"] += len(seen)
    stats["reports"] = number
    table = directory_source(land, directory_csv, named)
    for quad in table.quads():
        count += 1
        yield quad
    stats["graphs"] += len(land.companies) + 1
    stats["quads"] = count


def _cache_key(triples: int, seed: int) -> str:
    digest = hashlib.sha256()
    for module in ("generate.py", "landscape.py", "sources.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    for text in vocabulary_graphs().values():  # the vocabulary is part of the data
        digest.update(text.encode())
    return f"v{GENERATOR_VERSION}-{digest.hexdigest()[:12]}-{triples}-{seed}"


def _capacity(land_of: Callable[[], Landscape], tables: Path, rows: int, seed: int) -> Path:
    """Write the capacity table of *rows* rows (and its mapping) unless it is there."""
    path = tables / f"capacity-{rows}.csv"
    if not path.is_file():
        partial = path.with_suffix(".csv.tmp")
        write_csv(partial, capacity_rows(land_of(), rows, seed),
                  ["company", "country", "material", "applications", "capacity_t", "year"])
        path.with_suffix(".toml").write_text(CAPACITY_MAPPING.format(
            name=path.name, count=rows, seed=seed))
        partial.replace(path)
    return path


def generate(triples: int | str, out: Path, *, seed: int = 7, csv_rows: int | None = None,
             force: bool = False) -> Generated:
    """Write a landscape of about *triples* quads under *out* and return what was written.

    Parameters
    ----------
    triples : int or str
        Target number of quads (``"1M"`` or ``1_000_000``); the TriG holds this many
        within a report's worth (a few thousand).
    out : Path
        Directory for ``landscape.trig``, ``tables/directory.csv`` (+ ``.toml``),
        ``tables/capacity-{rows}.csv`` (+ ``.toml``) and ``manifest.json``.
    seed : int
        Same seed, same files.
    csv_rows : int, optional
        Rows of the capacity table; default :func:`csv_rows_for`.
    force : bool
        Regenerate even when ``out`` already holds this data set.

    Returns
    -------
    Generated
        Its ``capacity_csv`` and ``csv_rows`` are those of this call's *csv_rows*.
    """
    target = parse_scale(triples)
    rows = csv_rows_for(target) if csv_rows is None else csv_rows
    out.mkdir(parents=True, exist_ok=True)
    tables = out / "tables"
    tables.mkdir(exist_ok=True)
    manifest = out / "manifest.json"
    key = _cache_key(target, seed)
    land: list[Landscape] = []

    def land_of() -> Landscape:
        if not land:
            land.append(landscape(max(20, target // TRIPLES_PER_COMPANY), seed=seed))
        return land[0]

    cached = json.loads(manifest.read_text()) if manifest.is_file() and not force else {}
    if cached.get("key") == key:
        generated = Generated.read(cached)
    else:
        for old in tables.glob("capacity-*"):
            old.unlink()
        generated = _generate(land_of(), out, target, seed)
    started = time.perf_counter()
    generated.capacity_csv = _capacity(land_of, tables, rows, seed)
    generated.csv_rows = rows
    generated.seconds = round(generated.seconds + time.perf_counter() - started, 2)
    manifest.write_text(json.dumps({**generated.manifest(), "key": key}, indent=2) + "\n")
    return generated


def _generate(land: Landscape, out: Path, target: int, seed: int) -> Generated:
    started = time.perf_counter()
    directory_csv = out / "tables" / "directory.csv"
    rows = directory_rows(land)
    write_csv(directory_csv, iter(rows), list(rows[0]))
    directory_csv.with_suffix(".toml").write_text(DIRECTORY_MAPPING.format(
        name=directory_csv.name, count=len(land.companies), seed=seed))
    stats: dict[str, int] = {}
    trig = out / "landscape.trig"
    partial = trig.with_suffix(".trig.tmp")
    ox.serialize(_quads(land, target, directory_csv, stats), partial, ox.RdfFormat.TRIG,
                 prefixes=PREFIXES)
    partial.replace(trig)
    first = land.companies[0]
    market = markets(land)[0]
    samples = {"company": first.iri.value, "company_label": first.name,
               "company_key": first.key, "country": first.country,
               "material": first.materials[0].iri.value,
               "material_label": first.materials[0].label,
               "application": first.applications[0].iri.value,
               "application_label": first.applications[0].label,
               "market": market.iri.value, "market_label": market.name,
               "source": entity_iri("source", "report-00001.txt").value,
               "region": entity_iri("region", "europe").value, "year": "2024"}
    return Generated(out, target, trig, directory_csv, directory_csv, seed=seed,
                     quads=stats["quads"], graphs=stats["graphs"],
                     companies=len(land.companies), reports=stats["reports"],
                     seconds=round(time.perf_counter() - started, 2), samples=samples)


if __name__ == "__main__":  # pragma: no cover - python -m bench.generate 10k out/
    import sys

    print(generate(sys.argv[1], Path(sys.argv[2])).manifest())
