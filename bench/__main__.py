"""``python -m bench``: generate, run every engine in its own process, print, write JSON.

Examples::

    python -m bench                          # 1M triples (about 6 minutes here)
    python -m bench --scale 10k              # the smoke run (about 30 s)
    python -m bench --scale 10k,100k,1M      # several scales, one JSON file each
    python -m bench --engines cikg,pyoxigraph --runs 3

Data sets are cached under ``build/bench/{scale}`` (regenerated when the generator or
the vocabulary changes); results go to ``bench/results/{scale}.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from .catalog import run_catalog
from .generate import Generated, generate, parse_scale, scale_label
from .report import summarize, table
from .suite import ENGINES, catalog_plan

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DATA = ROOT / "build" / "bench"
#: The other rooms' benchmark modules, run when they are there (see _extras).
EXTRAS = ("bench_analytics", "bench_views")


def _child(args: list[str], *, timeout: float | None = None) -> tuple[int, float, float]:
    """Run ``python -m ...args`` from the repository root; return (exit code, seconds,
    peak MB of that child alone, from its ``ru_maxrss``)."""
    started = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    # children print progress; only the parent's table goes to stdout
    process = subprocess.Popen([sys.executable, "-m", *args], cwd=ROOT, env=env,
                               stdout=sys.stderr)
    deadline = None if timeout is None else started + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if deadline is not None and time.perf_counter() > deadline:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.05)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, time.perf_counter() - started, round(usage.ru_maxrss / 1024, 1)


def _engine(engine: str, manifest: Path, args: argparse.Namespace, *,
            load_only: bool = False, work: Path | None = None) -> dict:
    """Run one engine in a child process; return its result with the child's peak."""
    out = manifest.with_name(f"result-{engine}{'-load' if load_only else ''}.json")
    out.unlink(missing_ok=True)
    print(f"== {manifest.parent.name}: {engine}{' (load)' if load_only else ''} ...",
          file=sys.stderr, flush=True)
    command = ["bench.suite", engine, str(manifest), str(out), "--runs", str(args.runs),
               "--timeout", str(args.rdflib_timeout if engine == "rdflib" else args.timeout),
               "--budget", str(args.rdflib_budget)]
    command += ["--load-only"] if load_only else []
    command += ["--work", str(work)] if work else []
    if args.profile and not load_only and engine in ("cikg", "csv"):
        command += ["--profile", str(manifest.with_name(f"profile-{engine}.txt"))]
    code, seconds, child_peak = _child(command, timeout=args.engine_timeout)
    result = json.loads(out.read_text()) if out.is_file() else {
        "status": "error", "error": f"exit code {code}, no result (killed or crashed)"}
    result["child_peak_mb"] = child_peak
    result["child_seconds"] = round(seconds, 1)
    return result


def _median_load(loads: list[dict]) -> dict:
    """The load figures of repeated runs: median wall and CPU, highest peak."""
    import statistics

    done = [load for load in loads if load]
    if not done:
        return {}
    return {"wall_s": round(statistics.median(x["wall_s"] for x in done), 4),
            "cpu_s": round(statistics.median(x["cpu_s"] for x in done), 4),
            "peak_mb": max(x["peak_mb"] for x in done), "quads": done[-1]["quads"],
            "runs": len(done), "wall_runs_s": [x["wall_s"] for x in done],
            "cpu_runs_s": [x["cpu_s"] for x in done]}


def _portable(manifest: dict, data: Generated) -> dict:
    """Return *manifest* with its paths relative to the data set's folder, so that a
    result says which files it measured and not where this machine keeps them."""
    home = str(data.directory)
    where = (str(data.directory.relative_to(ROOT)) if data.directory.is_relative_to(ROOT)
             else data.directory.name)
    return {k: (v if not isinstance(v, str) or not v.startswith(home)
                else v[len(home):].lstrip("/") or where) for k, v in manifest.items()}


def _no_paths(value: object) -> object:
    """Return *value* with absolute file paths cut to their names (a view the bench
    wrote to a temporary folder, say): results travel without this machine's layout."""
    if isinstance(value, dict):
        return {k: _no_paths(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_no_paths(v) for v in value]
    if isinstance(value, str) and value.startswith("/") and "\n" not in value:
        return Path(value).name
    return value


def run_scale(triples: int, args: argparse.Namespace) -> dict:
    """Generate (or reuse) one scale's data, run the engines, return the result dict."""
    label = scale_label(triples)
    loadavg = [round(x, 2) for x in os.getloadavg()]
    print(f"== {label}: generating data (seed {args.seed}) ...", file=sys.stderr, flush=True)
    rows = None if args.csv_rows is None else parse_scale(args.csv_rows, minimum=1)
    data = generate(triples, args.data / label, seed=args.seed, csv_rows=rows)
    manifest = data.directory / "manifest.json"
    # the loads to compare run alternately, so that the machine's load hits both alike
    repeated = [e for e in ("pyoxigraph", "cikg") if e in args.engines]
    loads: dict[str, list[dict]] = {e: [] for e in repeated}
    for _ in range(args.load_runs - 1):
        for engine in repeated:
            loads[engine].append(_engine(engine, manifest, args, load_only=True).get("load"))
    work = data.directory / "work"  # the stores the catalog then queries
    shutil.rmtree(work, ignore_errors=True)
    engines: dict[str, dict] = {}
    for engine in args.engines:
        engines[engine] = _engine(engine, manifest, args, load_only=args.loads_only,
                                  work=work / engine if engine in loads else None)
        if engine in loads:
            loads[engine].append(engines[engine].get("load"))
            engines[engine]["load"] = _median_load(loads[engine])
    stores = {e: work / e / "store" for e in loads if engines[e].get("status") == "ok"}
    if args.same_store and "cikg" in stores:
        stores["pyoxigraph-on-cikg"] = stores["cikg"]
    if stores and not args.loads_only:
        print(f"== {label}: catalog on {' and '.join(stores)} ...", file=sys.stderr,
              flush=True)
        catalog, peak = run_catalog(stores, catalog_plan(data.samples), work, runs=args.runs,
                                    timeout=args.timeout)
        for engine in stores:
            engines.setdefault(engine, {"status": "ok"})["catalog"] = catalog[engine]
            engines[engine]["catalog_peak_mb"] = peak
    if "cikg" in stores and not args.loads_only:  # after the catalog: analyses write
        analytics = _engine("analytics", manifest, args, work=work / "cikg")
        engines["cikg"]["analytics"] = analytics
        engines["cikg"]["load_peak_mb"] = engines["cikg"].get("peak_mb")
        engines["cikg"]["peak_mb"] = max(engines["cikg"].get("peak_mb") or 0,
                                         analytics.get("peak_mb") or 0)
    shutil.rmtree(work, ignore_errors=True)
    result = {"scale": label, "triples": triples, "data": _portable(data.manifest(), data),
              "engines": engines, "date": datetime.now(UTC).isoformat(timespec="seconds"),
              "machine": {"cpus": os.cpu_count(), "loadavg_before": loadavg,
                          "loadavg": [round(x, 2) for x in os.getloadavg()],
                          "python": platform.python_version(), "platform": platform.platform(),
                          **_versions()},
              "options": {"runs": args.runs, "load_runs": args.load_runs,
                          "timeout": args.timeout, "rdflib_timeout": args.rdflib_timeout,
                          "rdflib_budget": args.rdflib_budget, "seed": args.seed,
                          "csv_rows": data.csv_rows}}
    if not args.loads_only:
        result.update(_extras(data, args))
    result["summary"] = summarize(engines)
    return result


def _extras(data, args: argparse.Namespace) -> dict:  # noqa: ANN001
    """Run the other rooms' bench modules that are present (each in its own process)."""
    import importlib.util

    found = {}
    for name in EXTRAS:
        if name in args.skip or importlib.util.find_spec(f"bench.{name}") is None:
            continue
        out = data.directory / f"result-{name}.json"
        out.unlink(missing_ok=True)
        print(f"== {data.triples}: {name} ...", file=sys.stderr, flush=True)
        code, seconds, peak = _child(["bench.extras", name, str(data.directory /
                                                                "manifest.json"), str(out)],
                                     timeout=args.engine_timeout)
        entry = json.loads(out.read_text()) if out.is_file() else {
            "status": "error", "error": f"exit code {code}"}
        entry.update(child_peak_mb=peak, child_seconds=round(seconds, 1))
        found[name.replace("bench_", "") + "_bench"] = entry
    return found


def _versions() -> dict[str, str]:
    from importlib.metadata import version

    return {name: version(name) for name in ("pyoxigraph", "rdflib", "cikg")}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; the exit code is 0 when every engine ran (targets or not)."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="1M",
                        help="comma-separated triples: 10k, 100k, 1M, 10M or a number")
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help=f"comma-separated subset of {','.join(ENGINES)}")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query (median)")
    parser.add_argument("--load-runs", type=int, default=3,
                        help="loads of cikg and raw pyoxigraph, alternately (median)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds one run of a catalog query may take on cikg or raw "
                        "pyoxigraph (then: timeout on both)")
    parser.add_argument("--rdflib-timeout", type=float, default=30.0,
                        help="seconds a catalog query may take on rdflib (then: timeout)")
    parser.add_argument("--rdflib-budget", type=float, default=900.0,
                        help="seconds for rdflib's whole catalog; queries left are skipped "
                        "(0: no limit)")
    parser.add_argument("--engine-timeout", type=float, default=3600.0,
                        help="seconds one engine's process may take in all")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", type=Path, default=DATA, help="where data sets are cached")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where results go")
    parser.add_argument("--loads-only", action="store_true",
                        help="measure the loads only (no catalog, analyses or extras)")
    parser.add_argument("--same-store", action="store_true",
                        help="also run raw pyoxigraph's catalog on the store cikg wrote "
                        "(tells cikg's query overhead from what its store holds more)")
    parser.add_argument("--profile", action="store_true",
                        help="profile cikg's TriG load and CSV load with pyinstrument "
                        "(text reports beside the data set: profile-cikg.txt, profile-csv.txt)")
    parser.add_argument("--csv-rows", default=None,
                        help="rows of the capacity table (default: a tenth of the scale, "
                        "at most 1M; e.g. 1M for the loaders' 1M-row figure)")
    parser.add_argument("--name", default=None,
                        help="results file stem (default: the scale, e.g. 1M.json)")
    parser.add_argument("--skip", default="", help="comma-separated extras not to run "
                        f"({', '.join(EXTRAS)})")
    args = parser.parse_args(argv)
    args.engines = [e for e in args.engines.split(",") if e]
    unknown = sorted(set(args.engines) - set(ENGINES))
    if unknown:
        parser.error(f"unknown engine {unknown[0]!r}; use {', '.join(ENGINES)}")
    args.skip = set(filter(None, args.skip.split(",")))
    try:
        scales = [parse_scale(s) for s in args.scale.split(",")]
    except ValueError as exc:
        parser.error(str(exc))
    args.out.mkdir(parents=True, exist_ok=True)
    failed = False
    for triples in scales:
        result = run_scale(triples, args)
        path = args.out / f"{args.name or result['scale']}.json"
        path.write_text(json.dumps(_no_paths(result), indent=1, default=str) + "\n")
        print(table(result))
        print(f"\nwritten: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}\n")
        failed |= any(e.get("status") != "ok" for e in result["engines"].values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
