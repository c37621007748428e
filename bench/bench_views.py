"""Views benchmark: layout and render time, file size and first paint in headless Chromium.

Synthetic supplier landscapes (seeded): countries, regions, material types and
applications as hubs, companies with one headquarters country, one or two materials
and up to two applications, tooltips with a quote each, as ``landscape-edges`` gives.
First paint is ``performance.now()`` (ms since navigation start) when vis-network
first draws, with the network blocked, median of *repeat* loads.

Run: ``python -m bench.bench_views`` (or ``python bench/bench_views.py``), optionally
with sizes: ``python -m bench.bench_views 500 5000 20000``.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

__all__ = ["synthetic_landscape", "run", "main"]

_HUBS = {"Country": 60, "Region": 6, "MaterialType": 30, "Application": 25}


def synthetic_landscape(nodes: int, *, seed: int = 0) -> nx.MultiDiGraph:
    """Return a typed landscape graph with *nodes* nodes in total (hubs included)."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    for kind, count in _HUBS.items():
        for i in range(count):
            graph.add_node(f"{kind}/{i}", label=f"{kind} {i}", kind=kind)
    for i in range(6):
        for j in range(10):
            graph.add_edge(f"Country/{i * 10 + j}", f"Region/{i}", kind="partOf",
                           title="region membership")
    for i in range(max(nodes - sum(_HUBS.values()), 0)):
        company = f"Company/{i:06d}"
        graph.add_node(company, label=f"Company {i} Co., Ltd.", kind="Company")
        links = [("headquarteredIn", f"Country/{int(rng.paretovariate(1.1)) % 60}")]
        links += [("supplies", f"MaterialType/{rng.randrange(30)}")
                  for _ in range(rng.randint(1, 2))]
        links += [("serves", f"Application/{rng.randrange(25)}")
                  for _ in range(rng.randint(0, 2))]
        for kind, target in links:
            graph.add_edge(company, target, key=kind, kind=kind,
                           title=f"Company {i} {kind} {graph.nodes[target]['label']}\n"
                                 f'"Company {i} ({target})" (Key companies; Synthetic '
                                 "report 2025, 2025-12-12)")
    return graph


def run(sizes: tuple[int, ...] = (500, 5000, 20000), *, repeat: int = 3,
        out_dir: str | Path | None = None) -> list[dict]:
    """Render a synthetic landscape of each size and load it in headless Chromium.

    Returns one dict per size: ``nodes``, ``edges``, ``layout_s`` (positions),
    ``render_s`` (whole page, layout included), ``bytes``, ``paint_ms`` (median first
    paint), ``paint_ms_all``, ``cpu_ms`` (median main-thread CPU time of the browser
    until first paint: what the page costs, whatever else runs), ``load`` (the 1-minute
    load average afterwards: first paint on a busy machine is longer), ``requests``
    (other than the file itself: must be 0) and ``errors`` (console errors: must be 0).
    """
    from cikg.views import network_view
    from cikg.views.browser import chromium, open_page
    from cikg.views.layout import layout

    directory = Path(out_dir) if out_dir else Path(tempfile.mkdtemp(prefix="cikg-bench-views-"))
    directory.mkdir(parents=True, exist_ok=True)
    results = []
    with chromium() as browser:
        for size in sizes:
            graph = synthetic_landscape(size)
            start = time.perf_counter()
            layout(graph, seed=0)
            layout_s = time.perf_counter() - start
            start = time.perf_counter()
            page = network_view(graph, title=f"Synthetic landscape, {size:,} nodes",
                                subtitle="Sources: synthetic (bench/bench_views.py)")
            render_s = time.perf_counter() - start
            path = page.write(directory / f"landscape-{size}.html")
            paints, cpus, blocked, errors = [], [], 0, 0
            for _ in range(repeat):
                with open_page(browser, path) as loaded:
                    paints.append(loaded.painted_ms)
                    cpus.append(loaded.cpu_ms or 0.0)
                    blocked += len(loaded.blocked)
                    errors += len(loaded.console_errors)
            results.append({"nodes": page.nodes, "edges": page.edges,
                            "layout_s": round(layout_s, 2), "render_s": round(render_s, 2),
                            "bytes": path.stat().st_size,
                            "paint_ms": round(statistics.median(paints)),
                            "paint_ms_all": [round(p) for p in paints],
                            "cpu_ms": round(statistics.median(cpus)),
                            "load": round(os.getloadavg()[0], 1),
                            "requests": blocked, "errors": errors, "file": str(path)})
    return results


def main(argv: list[str] | None = None) -> int:
    """Print the benchmark as a table."""
    args = sys.argv[1:] if argv is None else argv
    sizes = tuple(int(a) for a in args) or (500, 5000, 20000)
    rows = run(sizes)
    print(f"{'nodes':>7} {'edges':>7} {'layout s':>9} {'render s':>9} {'MB':>6} "
          f"{'first paint ms':>15} {'CPU ms':>7} {'load':>5} {'requests':>8} {'errors':>6}")
    for r in rows:
        print(f"{r['nodes']:>7,} {r['edges']:>7,} {r['layout_s']:>9.2f} {r['render_s']:>9.2f} "
              f"{r['bytes'] / 1e6:>6.2f} {r['paint_ms']:>15,} {r['cpu_ms']:>7,} {r['load']:>5} "
              f"{r['requests']:>8} {r['errors']:>6}   (all: {r['paint_ms_all']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
