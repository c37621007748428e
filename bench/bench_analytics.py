"""Benchmarks of cikg.analytics: the competition projection and the network measures.

Two parts, one run (``python -m bench.bench_analytics``):

1. **Measures by size** on seeded synthetic company feature sets of 1k, 10k and 100k
   companies (:func:`synthetic_features`; vocabularies grow with the number of
   companies so that a company overlaps a few hundred others, as in the 1M-triple
   landscape): the projection (:func:`cikg.analytics.competition_edges`), weighted
   degree and PageRank, betweenness (exact up to
   :data:`cikg.analytics.measures.BETWEENNESS_EXACT_MAX` nodes, else sampled; igraph
   and networkx), Louvain, Jaccard similarity.
2. **End to end on a store** built from ``bench/generate.py``'s landscape (``--triples``,
   default 1M: about 6,700 companies): the input queries, the projection, writing
   ``graph/derived/competition``, reading it back, against the plain SPARQL self-join
   for overlapping pairs (with a timeout).

Figures are CPU seconds of this process and wall seconds (the machine may be shared:
CPU time is the steadier of the two). Measures whose time at a smaller size exceeds
``--budget`` seconds are skipped at larger sizes and reported as such.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from cikg.analytics import (
    betweenness,
    communities,
    competition_edges,
    competition_graph,
    jaccard_similarity,
    pagerank,
    weighted_degree,
)
from cikg.analytics.measures import BETWEENNESS_EXACT_MAX, BETWEENNESS_SAMPLES

SIZES = (1_000, 10_000, 100_000)
REGIONS = 11


def synthetic_features(companies: int, *, seed: int = 7) -> pd.DataFrame:
    """Return seeded feature rows (``company, company_label, facet, concept, ...``).

    Each company supplies 1-4 material types of one family and, 8 times in 10, the
    family's first material (the market a report lists it under; 15% also cross
    families), serves 1-4 applications (skewed towards a few big ones) and is placed in
    1-3 of 11 regions. Material and application vocabularies grow with *companies* (37
    and 24 at 6,700 companies, as in the bundled taxonomies; families of about 4
    materials), as niches multiply in a larger landscape: the overlap degree stays near
    a hundred instead of growing with the landscape.
    """
    rng = np.random.default_rng(seed)
    scale = max(1.0, companies / 6_700)
    materials, markets = int(37 * scale), int(24 * scale)
    families = np.arange(materials) % max(3, materials // 4)
    app_weights = np.where(np.arange(markets) % 8 == 0, 8.0, 3.0)
    app_weights /= app_weights.sum()
    rows: list[tuple[str, str, str, float]] = []
    for i in range(companies):
        company = f"c{i:06d}"
        family = rng.integers(families.max() + 1)
        pool = np.flatnonzero(families == family)
        chosen = set(rng.choice(pool, size=min(len(pool), rng.choice([1, 2, 3, 4],
                                p=[.4, .3, .2, .1])), replace=False).tolist())
        if rng.random() < 0.8:  # a report's company list: the market's (family's) material
            chosen.add(int(pool[0]))
        if rng.random() < 0.15:
            chosen.add(int(rng.integers(materials)))
        apps = rng.choice(markets, size=rng.choice([1, 2, 3, 4], p=[.3, .35, .25, .1]),
                          replace=False, p=app_weights)
        places = rng.choice(REGIONS, size=rng.choice([1, 1, 2, 3]), replace=False)
        confidence = float(rng.choice([0.6, 0.95, 1.0]))
        rows += [(company, "material", f"m{m:04d}", confidence) for m in sorted(chosen)]
        rows += [(company, "market", f"a{a:04d}", confidence) for a in sorted(apps)]
        rows += [(company, "place", f"r{r:02d}", 0.9) for r in sorted(places)]
    frame = pd.DataFrame(rows, columns=["company", "facet", "concept", "confidence"])
    frame["company_label"] = frame["company"]
    frame["concept_label"] = frame["concept"]
    frame["graph"] = ""
    return frame


class Timer:
    """Collects (size, step, cpu, wall, note) rows."""

    def __init__(self, budget: float) -> None:
        self.rows: list[dict[str, object]] = []
        self.budget = budget
        self.over: set[str] = set()

    def __call__(self, size: object, step: str, fn: Callable[[], object], note: str = ""
                 ) -> object:
        if step in self.over:
            self.rows.append({"size": size, "step": step, "cpu_s": None, "wall_s": None,
                              "note": f"skipped: over {self.budget:g} s at a smaller size"})
            print(f"{size:>10} {step:<44} skipped", flush=True)
            return None
        cpu, wall = time.process_time(), time.perf_counter()
        result = fn()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        if callable(note):
            note = note(result)
        self.rows.append({"size": size, "step": step, "cpu_s": round(cpu, 2),
                          "wall_s": round(wall, 2), "note": note})
        print(f"{size:>10} {step:<44} cpu {cpu:8.2f} s  wall {wall:8.2f} s  {note}", flush=True)
        if cpu > self.budget:
            self.over.add(step)
        return result


def measures_by_size(timer: Timer, sizes: tuple[int, ...], per_company: int) -> None:
    for size in sizes:
        features = synthetic_features(size)
        edges = timer(size, f"projection (per_company={per_company})",
                      lambda f=features: competition_edges(f, per_company=per_company),
                      lambda e: f"{len(e):,} edges")
        if edges is None:
            continue
        graph = timer(size, "networkx graph from edges", lambda e=edges: competition_graph(e),
                      lambda g: f"{g.number_of_nodes():,} nodes")
        timer(size, "weighted degree", lambda g=graph: weighted_degree(g))
        timer(size, "pagerank (scipy)", lambda g=graph: pagerank(g))
        exact = size <= BETWEENNESS_EXACT_MAX
        mode = "exact" if exact else f"sampled k={BETWEENNESS_SAMPLES}"
        for backend in ("igraph", "networkx"):
            timer(size, f"betweenness {backend} ({mode})",
                  lambda g=graph, b=backend: betweenness(g, seed=0, backend=b))
        timer(size, "louvain (networkx, seed 0)", lambda g=graph: communities(g, seed=0),
              lambda c: f"{c['community'].nunique():,} communities")
        timer(size, "jaccard similarity >= 0.5",
              lambda f=features: jaccard_similarity(f, min_similarity=0.5),
              lambda s: f"{len(s):,} pairs")


NAIVE_PAIRS = """
PREFIX cikg: <https://w3id.org/cikg/ontology#>
SELECT (COUNT(*) AS ?pairs) WHERE {
  { SELECT DISTINCT ?a ?b WHERE {
      ?a cikg:supplies ?m . ?b cikg:supplies ?m .
      ?a cikg:serves ?x . ?b cikg:serves ?x .
      FILTER(STR(?a) < STR(?b)) } }
}"""


def end_to_end(timer: Timer, triples: str, workdir: Path, naive_timeout: float) -> None:
    import pyoxigraph as ox

    import cikg
    from bench.generate import generate
    from cikg.analytics.analyses import _Inputs, refresh_competition

    data = timer(triples, "generate landscape (bench/generate.py)",
                 lambda: generate(triples, workdir / f"landscape-{triples}"),
                 lambda g: f"{g.quads:,} quads, {g.companies:,} companies")
    store = workdir / f"store-{triples}"
    if not (store / "CURRENT").exists():
        def load() -> None:
            raw = ox.Store(str(store))
            raw.bulk_load(path=str(data.trig), format=ox.RdfFormat.TRIG)
            raw.flush()
            del raw
        timer(triples, "bulk load into Oxigraph", load)
    with cikg.open(f"oxigraph:{store}") as kg:
        inputs = _Inputs(kg)
        for name in ("company-features", "entities", "confidence", "region-members",
                     "asserted-competition", "inputs"):
            timer(triples, f"query analytics-{name}", lambda n=name: inputs(n),
                  lambda f: f"{len(f):,} rows")
        features = timer(triples, "company features (pandas)", inputs.features,
                         lambda f: f"{len(f):,} rows")
        asserted = inputs("asserted-competition")
        for per_company in (50, None):
            timer(triples, f"projection (per_company={per_company})",
                  lambda p=per_company: competition_edges(features, asserted, per_company=p),
                  lambda e: f"{len(e):,} edges")
        timer(triples, "refresh_competition (queries+projection+write)",
              lambda: refresh_competition(kg, force=True))
        timer(triples, "refresh_competition when current (digest)",
              lambda: refresh_competition(kg))
        timer(triples, "analyze competition (current: recomputed)",
              lambda: kg.analyze("competition"),
              lambda e: f"{len(e):,} edges")
        graph = kg.competition_graph()
        for backend in ("igraph", "networkx"):
            timer(triples, f"betweenness {backend} (sampled k={BETWEENNESS_SAMPLES})",
                  lambda b=backend: betweenness(graph, seed=0, backend=b))
        timer(triples, "analyze centrality (computed, cached)", lambda: kg.analyze("centrality"))
        timer(triples, "analyze centrality (reused)", lambda: kg.analyze("centrality"))
        timer(triples, "analyze communities", lambda: kg.analyze("communities"))
        timer(triples, "analyze similarity (>= 0.5)", lambda: kg.analyze("similarity"),
              lambda s: f"{len(s):,} pairs")

        def naive() -> str:
            try:
                rows = kg.sparql(NAIVE_PAIRS, timeout=naive_timeout)
                return f"{int(rows['pairs'][0]):,} pairs"
            except cikg.errors.QueryError as exc:  # type: ignore[attr-defined]
                return f"gave up: {exc}"
        timer(triples, "naive SPARQL self-join (material and app)", naive, lambda r: r)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_analytics",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="companies per synthetic feature set (comma-separated)")
    parser.add_argument("--per-company", type=int, default=50)
    parser.add_argument("--triples", default="1M", help="landscape for the end-to-end part "
                        "(bench/generate.py scale; 'none' skips it)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/cikg-bench"))
    parser.add_argument("--budget", type=float, default=120.0,
                        help="skip a measure at larger sizes once it took this many CPU s")
    parser.add_argument("--naive-timeout", type=float, default=90.0)
    parser.add_argument("--out", type=Path, help="also write the figures as CSV")
    args = parser.parse_args(argv)
    random.seed(0)
    timer = Timer(args.budget)
    sizes = tuple(int(s) for s in args.sizes.split(",") if s)
    measures_by_size(timer, sizes, args.per_company)
    if args.triples.lower() != "none":
        args.workdir.mkdir(parents=True, exist_ok=True)
        end_to_end(timer, args.triples, args.workdir, args.naive_timeout)
    frame = pd.DataFrame(timer.rows)
    print(frame.to_string(index=False))
    if args.out:
        frame.to_csv(args.out, index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
