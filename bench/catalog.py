"""The catalog on cikg and raw pyoxigraph, run alternately in a child a timeout can end.

Both engines answer from their own on-disk store (cikg's, written by ``kg.load``, and
raw pyoxigraph's, written by its bulk loader), opened read-only as cikg's queries,
views and endpoint open it: raw pyoxigraph with ``Store.read_only``, cikg with
``cikg.open(spec, read_only=True)``. For each query the child alternates the engines
run by run (a warm-up run each, then *runs* timed runs each), so that a busy machine
slows both alike and the ratio stays fair.

pyoxigraph evaluates a query in Rust with no way to cancel it, and a query abandoned
in a thread keeps a core busy and skews every later figure. So :func:`run_catalog`
runs the queries in a child process (``python -m bench.catalog``) that logs each query
as it starts and ends; when one overruns the timeout, the child is killed, the query
recorded as ``timeout`` on every engine, and a fresh child goes on with the next.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["run_catalog", "time_runs", "SLOW_RUN_S"]

ROOT = Path(__file__).resolve().parent.parent
#: A query slower than this on one run is not repeated (its median is that run).
SLOW_RUN_S = 10.0

Execute = Callable[[str, dict, str], int]


def time_runs(run: Callable[[], int], runs: int, *, warmup: bool = True,
              slow: float = SLOW_RUN_S) -> dict[str, object]:
    """Run *run* (which returns a row count); return the median wall seconds of *runs*.

    A warm-up run comes first (not counted) unless *warmup* is false; a run slower than
    *slow* seconds ends the repetitions (a slow warm-up run is then the only one).
    """
    return time_alternately({"": run}, runs, warmup=warmup, slow=slow)[""]


def time_alternately(runs_by_engine: dict[str, Callable[[], int]], runs: int, *,
                     warmup: bool = True, slow: float = SLOW_RUN_S,
                     notify: Callable[[str], None] | None = None) -> dict[str, dict]:
    """Time several engines on one query, alternating them run by run; see :func:`time_runs`.

    A query whose warm-up runs take over a second gets at most 3 timed runs, over 5 s one.
    *notify* is called with the engine's name before each run.
    """
    times: dict[str, list[float]] = {e: [] for e in runs_by_engine}
    warm: dict[str, float] = {}
    rows: dict[str, int] = {}
    slowest = 0.0
    attempts = runs + 1 if warmup else runs
    attempt = 0
    while attempt < attempts:
        for engine, run in runs_by_engine.items():
            if notify is not None:
                notify(engine)
            started = time.perf_counter()
            rows[engine] = run()
            elapsed = round(time.perf_counter() - started, 6)
            slowest = max(slowest, elapsed)
            if warmup and not attempt:
                warm[engine] = elapsed
            else:
                times[engine].append(elapsed)
        if slowest > slow:
            break
        if warmup and not attempt and slowest > 1.0:  # slow queries: fewer timed runs
            attempts = min(attempts, 2 if slowest > 5.0 else 4)
        attempt += 1
    for engine, taken in times.items():
        if not taken:  # a slow warm-up run is the only one
            taken.append(warm[engine])
    return {e: {"median_s": round(statistics.median(t), 6), "runs_s": t, "rows": rows[e]}
            for e, t in times.items()}


def _raw(store_dir: str) -> Execute:
    import pyoxigraph as ox

    store = ox.Store.read_only(store_dir)

    def execute(name: str, params: dict, text: str) -> int:  # noqa: ARG001
        result = store.query(text, use_default_graph_as_union=True)
        width = len(result.variables)  # type: ignore[union-attr]
        rows = 0
        for solution in result:  # type: ignore[union-attr]
            tuple(solution[i] for i in range(width))  # read every term, as cikg does
            rows += 1
        return rows

    return execute


def _cikg(store_dir: str) -> Execute:
    import cikg
    import cikg.api  # noqa: F401 - imported before any clock starts

    kg = cikg.open(f"oxigraph:{store_dir}", read_only=True)

    def execute(name: str, params: dict, text: str) -> int:  # noqa: ARG001
        return len(kg.query(name, limit=None, timeout=None, **params))

    return execute


#: Engines by name; ``pyoxigraph-on-cikg`` is raw pyoxigraph on the store cikg wrote
#: (``--same-store``): it tells cikg's query overhead from what its store holds more.
EXECUTORS = {"pyoxigraph": _raw, "cikg": _cikg, "pyoxigraph-on-cikg": _raw}


def _child_main(argv: list[str]) -> int:
    stores_json, plan_path, out_path, runs = argv[:4]
    stores = json.loads(stores_json)
    plan = json.loads(Path(plan_path).read_text())
    executors = {engine: EXECUTORS[engine](path) for engine, path in stores.items()}
    with open(out_path, "a", encoding="utf-8") as out:
        for name, params, text in plan:
            def started(engine: str, name: str = name) -> None:
                out.write(json.dumps({"start": name, "engine": engine, "at": time.time()})
                          + "\n")
                out.flush()

            try:
                timed = time_alternately(
                    {e: (lambda x=x: x(name, params, text))  # noqa: B023
                     for e, x in executors.items()}, int(runs), notify=started)
                entry = {"name": name, "engines": {e: {"status": "ok", **figures}
                                                   for e, figures in timed.items()}}
            except Exception as exc:  # noqa: BLE001 - recorded, the catalog goes on
                error = {"status": "error", "error": " ".join(str(exc).split())[:300]}
                entry = {"name": name, "engines": {e: error for e in executors}}
            out.write(json.dumps(entry) + "\n")
            out.flush()
            shown = {e: r.get("median_s", r["status"]) for e, r in entry["engines"].items()}
            print(f"  catalog {name}: {shown}", file=sys.stderr, flush=True)
    return 0


def _records(log: Path) -> tuple[list[dict], str | None, float]:
    """Return the finished entries of the log, the query started but not finished, and
    when its last run started."""
    entries, current, since = [], None, 0.0
    for line in log.read_text().splitlines():
        record = json.loads(line)
        if "start" in record:
            current, since = record["start"], record["at"]
        else:
            entries.append(record)
            current = None if record["name"] == current else current
    return entries, current, since


def run_catalog(stores: dict[str, Path], plan: list, work: Path, *, runs: int,
                timeout: float) -> tuple[dict[str, dict[str, dict]], float]:
    """Run *plan* (name, params, bound text) on each engine's store.

    Returns the results by engine and query, and the peak MB of the child processes.
    One run of a query on one engine may take *timeout* seconds; past that the query is
    recorded as ``timeout`` on every engine (``median_s`` = the timeout).
    """
    results: dict[str, dict[str, dict]] = {e: {} for e in stores}
    for name, _params, text in plan:
        if not text:
            for engine in stores:
                results[engine][name] = {"status": "skipped", "reason": "a required "
                                         "parameter the bench cannot bind"}
    todo = [entry for entry in plan if entry[2]]
    log = work / "catalog.jsonl"
    peak, round_ = 0.0, 0
    while todo:
        round_ += 1
        plan_path = work / f"catalog-plan-{round_}.json"
        plan_path.write_text(json.dumps(todo))
        log.write_text("")
        process = subprocess.Popen(
            [sys.executable, "-m", "bench.catalog",
             json.dumps({e: str(p) for e, p in stores.items()}), str(plan_path), str(log),
             str(runs)], cwd=ROOT)
        killed = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            _entries, current, since = _records(log)
            if current is not None and time.time() - since > timeout:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                killed = True
                break
            time.sleep(0.2)
        peak = max(peak, usage.ru_maxrss / 1024)
        entries, current, _since = _records(log)  # again: the child may have ended since
        for entry in entries:
            for engine, figures in entry["engines"].items():
                results[engine][entry["name"]] = figures
        code = os.waitstatus_to_exitcode(status)
        if current is not None:  # overran the timeout, or its process died in it
            for engine in stores:
                results[engine][current] = (
                    {"status": "timeout", "median_s": timeout} if killed else
                    {"status": "error", "error": f"the query ended its process ({code})"})
            print(f"  catalog {current}: {'timeout' if killed else 'crashed'}",
                  file=sys.stderr, flush=True)
        elif code != 0:
            for name, _params, _text in todo:
                for engine in stores:
                    results[engine].setdefault(name, {"status": "error", "error":
                                                      f"catalog child exited with {code}"})
        done = set.intersection(*(set(r) for r in results.values()))
        todo = [entry for entry in todo if entry[0] not in done]
    return results, round(peak, 1)


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1:]))
