"""One engine at one scale, in its own process: load, catalog, and what else it measures.

``python -m bench.suite ENGINE MANIFEST OUT.json [--runs N] [--timeout S]`` runs one
engine on a generated data set (see :mod:`bench.generate`) and writes its figures as
JSON. The parent (:mod:`bench.__main__`) runs each engine in a fresh process, so the
peak resident memory (``ru_maxrss``, which counts the Rust allocations of pyoxigraph
that ``tracemalloc`` misses) is that engine's alone.

Engines
-------
``cikg``
    ``cikg.open("oxigraph:DIR").load(trig)`` (loaders/rdf.py and the store's write path,
    with the file's provenance), every catalog query through ``KnowledgeGraph.query``,
    the competition projection and measures, one view render.
``pyoxigraph``
    ``pyoxigraph.Store(DIR).bulk_load(trig)``, the same bound query texts through
    ``Store.query(..., use_default_graph_as_union=True)``, every row read.
``rdflib``
    ``rdflib.Dataset(default_union=True).parse(trig)``, the same query texts, with a
    timeout per query (recorded as ``timeout``; ratios count it as the timeout).
``csv``
    The capacity table (``csv_rows`` rows) through cikg's table loader into a fresh
    store: rows per second and peak memory.
``reports``
    :func:`cikg.loaders.report.read_report` on the sample report in a loop: reports
    parsed per second.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from .catalog import SLOW_RUN_S, time_runs

__all__ = ["ENGINES", "bench_params", "catalog_plan", "main"]

ENGINES = ("pyoxigraph", "cikg", "rdflib", "csv", "reports")
ROOT = Path(__file__).resolve().parent.parent
SAMPLE_REPORT = ROOT / "data" / "anode-sodium-ion-2025.txt"


def peak_mb() -> float:
    """Return this process's peak resident memory so far, in MB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def cpu_s() -> float:
    """Return the CPU time (user + system, all threads) of this process so far."""
    times = os.times()
    return times.user + times.system


class Timer:
    """Wall and CPU seconds of a block: ``with Timer() as t: ...; t.wall, t.cpu``."""

    def __enter__(self) -> Timer:
        self.wall0, self.cpu0 = time.perf_counter(), cpu_s()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = round(time.perf_counter() - self.wall0, 4)
        self.cpu = round(cpu_s() - self.cpu0, 4)


# ---------------------------------------------------------------------------- catalog

_BY_TYPE = {"company": "company", "entity": "company", "region": "region",
            "material": "material", "application": "application", "market": "market",
            "source": "source"}
_BY_NAME = {"country": "country", "company": "company", "material": "material",
            "market": "market", "region": "region", "source": "source", "year": "year",
            "name": "company_label", "target": "application"}


def bench_params(entry: object, samples: dict[str, str]) -> dict[str, str] | None:
    """Return values for the required parameters of a catalog query, or None to skip it.

    Entity parameters get the IRI of a generated entity (the largest company, its first
    material and application, the first market, source and Europe), so every engine
    runs the same bound text.
    """
    values: dict[str, str] = {}
    for param in getattr(entry, "params", ()):
        if not param.required:
            continue
        sample = _BY_TYPE.get(param.type) or _BY_NAME.get(param.name)
        if sample is None or sample not in samples:
            return None
        values[param.name] = samples[sample]
    return values


def catalog_plan(samples: dict[str, str]) -> list[tuple[str, dict[str, str], str]]:
    """Return (name, params, bound text) of every catalog query the bench can run."""
    from cikg.queries import catalog

    plan = []
    for name, entry in sorted(catalog().items()):
        params = bench_params(entry, samples)
        if params is None:
            plan.append((name, {}, ""))
            continue
        plan.append((name, params, entry.bound(**params)))
    return plan


def _catalog(engine: str, plan, execute: Callable[[str, dict, str], int], runs: int,
             *, warmup: bool = True, slow: float = SLOW_RUN_S, budget: float | None = None
             ) -> dict[str, dict[str, object]]:  # noqa: ANN001
    """Run the catalog in this process (rdflib, whose queries a SIGALRM can stop).

    Once *budget* seconds are spent, the queries left are recorded as skipped.
    """
    results: dict[str, dict[str, object]] = {}
    started = time.perf_counter()
    for name, params, text in plan:
        if not text:
            results[name] = {"status": "skipped", "reason": "a required parameter the "
                             "bench cannot bind"}
            continue
        if budget and time.perf_counter() - started > budget:
            results[name] = {"status": "skipped", "reason": f"the {engine} catalog's budget "
                             f"of {budget:g} s was spent"}
            continue
        try:
            figures = time_runs(lambda: execute(name, params, text), runs,  # noqa: B023
                                warmup=warmup, slow=slow)
            results[name] = {"status": "ok", **figures}
        except _Timeout as exc:
            results[name] = {"status": "timeout", "median_s": exc.seconds}
        except Exception as exc:  # noqa: BLE001 - recorded, the suite goes on
            results[name] = {"status": "error", "error": " ".join(str(exc).split())[:300]}
        print(f"  {engine} {name}: {results[name].get('median_s', results[name]['status'])}",
              file=sys.stderr, flush=True)
    return results


class _Timeout(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"timed out after {seconds} s")
        self.seconds = seconds


def _with_alarm(seconds: float, work: Callable[[], int]) -> int:
    """Run pure-Python *work*, raising :class:`_Timeout` after *seconds* (SIGALRM)."""
    def expire(signum, frame):  # noqa: ANN001, ANN202, ARG001
        raise _Timeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return work()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ---------------------------------------------------------------------------- engines

def _load(kg, path: str):  # noqa: ANN001, ANN202
    """``kg.load(path)`` without the competition refresh that ``load`` runs by default
    since issue 6 (:func:`run_analytics` times that projection on its own)."""
    if "derive" in inspect.signature(kg.load).parameters:
        return kg.load(path, derive=False)
    return kg.load(path)


def _load_figures(load: Timer, quads: int) -> dict:
    return {"wall_s": load.wall, "cpu_s": load.cpu, "quads": quads, "peak_mb": peak_mb()}


def run_pyoxigraph(manifest: dict, work: Path, opts: argparse.Namespace) -> dict:
    """Raw pyoxigraph: the bulk loader on the TriG file (the catalog runs in
    :mod:`bench.catalog`, on the store this leaves in *work*)."""
    import pyoxigraph as ox

    with Timer() as load:
        store = ox.Store(str(work / "store"))
        store.bulk_load(path=manifest["trig"], format=ox.RdfFormat.TRIG)
        store.flush()
    return {"load": _load_figures(load, len(store))}


def run_cikg(manifest: dict, work: Path, opts: argparse.Namespace) -> dict:
    """cikg: the TriG through ``cikg.open("oxigraph:DIR").load`` (the catalog runs in
    :mod:`bench.catalog` and the analytics in :func:`run_analytics`, on the store this
    leaves in *work*)."""
    import cikg
    import cikg.api  # noqa: F401 - imported before the clock starts, as in a running app

    with Timer() as load:
        with cikg.open(f"oxigraph:{work / 'store'}") as kg:
            report = _load(kg, manifest["trig"])
    return {"load": _load_figures(load, report.quads)}


#: The analyses timed after the catalog: the competition projection first (its input
#: queries, the projection and writing ``graph/derived/competition``), then measures.
ANALYSES = ("competition", "centrality", "communities")


def run_analytics(manifest: dict, work: Path, opts: argparse.Namespace) -> dict:
    """On the store cikg loaded: ``kg.analyze`` for :data:`ANALYSES`, then one view."""
    import cikg
    import cikg.api  # noqa: F401

    out: dict = {}
    with cikg.open(f"oxigraph:{work / 'store'}") as kg:
        analyze = getattr(kg, "analyze", None)
        for name in ANALYSES:
            if analyze is None:
                out[name] = {"status": "missing", "reason": "KnowledgeGraph.analyze"}
                continue
            try:
                with Timer() as timer:
                    frame = analyze(name)
                out[name] = {"status": "ok", "wall_s": timer.wall, "cpu_s": timer.cpu,
                             "rows": len(frame)}
            except Exception as exc:  # noqa: BLE001 - recorded, the suite goes on
                out[name] = {"status": "error", "error": " ".join(str(exc).split())[:300]}
        out["view"] = _view(kg, work)
    out["peak_mb"] = peak_mb()
    return out


def _view(kg, work: Path) -> dict:  # noqa: ANN001
    """Render the landscape view of the whole graph to an HTML file."""
    try:
        with Timer() as timer:
            page = kg.view("landscape")
            path = page.write(work / "landscape.html")
        return {"status": "ok", "name": "landscape", "wall_s": timer.wall, "cpu_s": timer.cpu,
                "bytes": Path(path).stat().st_size,
                "nodes": getattr(page, "nodes", None), "edges": getattr(page, "edges", None)}
    except Exception as exc:  # noqa: BLE001
        return {"status": "error", "error": " ".join(str(exc).split())[:300]}


def run_rdflib(manifest: dict, work: Path, opts: argparse.Namespace) -> dict:
    """rdflib's in-memory Dataset: parse the TriG, then the bound catalog texts."""
    import rdflib

    with Timer() as load:
        dataset = rdflib.Dataset(default_union=True)
        dataset.parse(manifest["trig"], format="trig")
    out: dict = {"load": _load_figures(load, len(dataset))}
    if opts.load_only:
        return out

    def execute(name: str, params: dict, text: str) -> int:  # noqa: ARG001
        def work_() -> int:
            return sum(1 for row in dataset.query(text) if tuple(row) is not None)
        return _with_alarm(opts.timeout, work_)

    # rdflib is slow: no warm-up run, and a query over 2 s is run once
    out["catalog"] = _catalog("rdflib", catalog_plan(manifest["samples"]), execute,
                              min(opts.runs, 3), warmup=False, slow=2.0,
                              budget=opts.budget or None)
    out["timeout_s"] = opts.timeout
    out["budget_s"] = opts.budget
    return out


def run_csv(manifest: dict, work: Path, opts: argparse.Namespace) -> dict:
    """The capacity table through cikg's table loader into a fresh store."""
    import cikg
    import cikg.api  # noqa: F401

    with Timer() as load:
        with cikg.open(f"oxigraph:{work / 'store'}") as kg:
            report = _load(kg, manifest["capacity_csv"])
    rows = manifest["csv_rows"]
    return {"rows": rows, "wall_s": load.wall, "cpu_s": load.cpu, "quads": report.quads,
            "rows_per_s": round(rows / load.wall, 1) if load.wall else None,
            "rows_per_cpu_s": round(rows / load.cpu, 1) if load.cpu else None,
            "peak_mb": peak_mb(), "bytes": Path(manifest["capacity_csv"]).stat().st_size}


def run_reports(manifest: dict, work: Path, opts: argparse.Namespace,
                seconds: float = 5.0) -> dict:
    """``read_report`` on the sample report, again and again for *seconds*."""
    from cikg.loaders.report import read_report

    read_report(SAMPLE_REPORT)  # warm up: imports, compiled patterns, concept index
    count = 0
    with Timer() as timer:
        while count < 3 or time.perf_counter() - timer.wall0 < seconds:
            read_report(SAMPLE_REPORT)
            count += 1
    return {"report": SAMPLE_REPORT.name, "bytes": SAMPLE_REPORT.stat().st_size,
            "parsed": count, "wall_s": timer.wall, "cpu_s": timer.cpu,
            "reports_per_s": round(count / timer.wall, 2),
            "reports_per_cpu_s": round(count / timer.cpu, 2), "peak_mb": peak_mb()}


def _profiled(path: Path | None, work: Callable[[], dict]) -> dict:
    """Run *work*, under pyinstrument when *path* is given (its text report goes there)."""
    if path is None:
        return work()
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.005)
    profiler.start()
    try:
        return work()
    finally:
        profiler.stop()
        path.write_text(profiler.output_text(unicode=False, color=False, show_all=False))


RUNNERS = {"pyoxigraph": run_pyoxigraph, "cikg": run_cikg, "analytics": run_analytics,
           "rdflib": run_rdflib, "csv": run_csv, "reports": run_reports}


def main(argv: list[str] | None = None) -> int:
    """Run one engine on one data set and write its JSON (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m bench.suite")
    parser.add_argument("engine", choices=sorted(RUNNERS))
    parser.add_argument("manifest", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--budget", type=float, default=0.0,
                        help="seconds for rdflib's whole catalog (0: no limit)")
    parser.add_argument("--work", type=Path, default=None,
                        help="leave the store in WORK/store (default: a temporary directory)")
    parser.add_argument("--load-only", action="store_true",
                        help="measure the load only (the parent repeats loads)")
    parser.add_argument("--profile", type=Path, default=None,
                        help="profile the run with pyinstrument; write the text report here")
    args = parser.parse_args(argv)
    manifest = json.loads(args.manifest.read_text())
    work = args.work or Path(tempfile.mkdtemp(prefix=f"cikg-bench-{args.engine}-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        result = _profiled(args.profile, lambda: RUNNERS[args.engine](manifest, work, args))
        result["status"] = "ok"
    except Exception as exc:  # noqa: BLE001 - the parent reports it
        result = {"status": "error", "error": " ".join(str(exc).split())[:500],
                  "trace": traceback.format_exc(limit=5)}
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    result.update(engine=args.engine, seconds=round(time.perf_counter() - started, 2),
                  peak_mb=max(peak_mb(), result.get("catalog_peak_mb") or 0))
    args.out.write_text(json.dumps(result, indent=1, default=str) + "\n")
    return 0 if result["status"] == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
