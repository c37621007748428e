"""Load test of ``cikg serve``: N concurrent clients for T seconds on catalog queries.

A small asyncio client (httpx) on 127.0.0.1. Each client sends one request at a time,
going round the catalog queries that run without parameters or with their example's;
the test reports throughput, latency percentiles, errors (anything but 200) and the
resident memory of the server and its query workers before and after.

Run from the repository root::

    python -m bench.loadtest                                  # demo graph, 8 clients, 20 s
    python -m bench.loadtest --clients 16 --seconds 30 --mode sparql
    python -m bench.loadtest --url http://127.0.0.1:8000      # a server already running

``--mode api`` (default) requests ``/api/catalog/NAME`` (the page's route: the catalog
runner with entity resolution and post-processing, JSON out); ``--mode sparql`` posts
each query's SPARQL text to ``/sparql`` (SPARQL results JSON), as SPARQL clients do.
Without ``--url`` or ``--store`` it builds the demo graph from ``data/`` in a
temporary directory and starts ``cikg serve`` over it. Or call :func:`loadtest`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

__all__ = ["LoadReport", "loadtest", "timeout_probe", "catalog_requests", "main"]

ROOT = Path(__file__).resolve().parent.parent
ACCEPT_JSON = {"Accept": "application/sparql-results+json"}
#: A cartesian product of the graph with itself three times: never finishes in time.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@dataclass
class LoadReport:
    """What a load test measured."""

    url: str
    mode: str
    clients: int
    seconds: float
    requests: int = 0
    errors: int = 0
    throughput: float = 0.0
    p50_ms: float = 0.0
    p90_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    rss_before_mb: float | None = None
    rss_after_mb: float | None = None
    processes: int | None = None
    server_workers: int | None = None
    statuses: dict[str, int] = field(default_factory=dict)
    per_query_p50_ms: dict[str, float] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)
    probe: dict[str, float] | None = None

    def table(self) -> str:
        """Return the figures as aligned text lines."""
        memory = ("n/a" if self.rss_before_mb is None else
                  f"{self.rss_before_mb:.0f} MB before, {self.rss_after_mb:.0f} MB after "
                  f"(PSS of {self.processes} processes: the server, its forkserver and "
                  f"{self.server_workers} query workers)")
        lines = [
            f"cikg serve load test: {self.url} ({self.mode} mode)",
            f"  clients      {self.clients} concurrent, {self.seconds:g} s",
            f"  requests     {self.requests} ({self.throughput:.1f} per second)",
            f"  latency      p50 {self.p50_ms:.1f} ms, p90 {self.p90_ms:.1f} ms, "
            f"p99 {self.p99_ms:.1f} ms, max {self.max_ms:.1f} ms",
            f"  errors       {self.errors} (statuses {self.statuses})",
            f"  memory       {memory}",
        ]
        slowest = sorted(self.per_query_p50_ms.items(), key=lambda kv: -kv[1])[:5]
        lines.append("  slowest p50  " + ", ".join(f"{k} {v:.1f} ms" for k, v in slowest))
        if self.probe:
            lines.append(f"  timeout      a slow query got {self.probe['status']:.0f} after "
                         f"{self.probe['slow_s']:.2f} s (--timeout {self.probe['timeout']:g}); "
                         f"the next query answered in {self.probe['next_ms']:.0f} ms, "
                         f"{self.probe['after_ms']:.0f} ms once the worker was replaced")
        lines += [f"  error        {sample}" for sample in self.error_samples[:5]]
        return "\n".join(lines)


def catalog_requests(mode: str = "api") -> list[tuple[str, str, dict[str, str]]]:
    """Return (label, path, params or form) per catalog query the load test runs.

    In ``api`` mode every query that runs without parameters or with its example's;
    in ``sparql`` mode those whose parameters are plain literals (entity names need the
    catalog runner to become IRIs), with the SPARQL text bound.
    """
    from cikg.queries import catalog

    try:
        from cikg.queries import example_params
    except ImportError:  # an older catalog without examples
        def example_params(entry):  # noqa: ANN001, ANN202
            return {}
    out = []
    for name, entry in catalog().items():
        params = example_params(entry)
        if any(p.required and p.name not in params for p in entry.params):
            continue
        if mode == "api":
            out.append((name, f"/api/catalog/{name}", params))
            continue
        if any(getattr(p, "entity", False) and p.name in params for p in entry.params):
            continue
        out.append((name, "/sparql", {"query": entry.bound(**params)}))
    return out


def _rss_mb(pid: int) -> tuple[float, int] | None:
    """Memory (PSS, MB) of *pid* and its descendants (Linux /proc), and how many."""
    def children(p: int) -> list[int]:
        found = []
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            found += [int(c) for c in task.read_text().split()]
        return found

    try:
        pids, queue = [], [pid]
        while queue:
            current = queue.pop()
            pids.append(current)
            queue += children(current)
        total = 0
        for p in pids:  # PSS: pages shared by the forked workers are counted once
            rollup = Path(f"/proc/{p}/smaps_rollup")
            source, key = (rollup, "Pss:") if rollup.exists() else (
                Path(f"/proc/{p}/status"), "VmRSS:")
            for line in source.read_text().splitlines():
                if line.startswith(key):
                    total += int(line.split()[1])
                    break
        return total / 1024, len(pids)
    except (OSError, ValueError):
        return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _server(spec: str, workers: int | None, timeout: float):
    port = _free_port()
    args = [sys.executable, "-m", "cikg.cli", "serve", "--store", spec, "--port", str(port),
            "--timeout", str(timeout)]
    if workers:
        args += ["--workers", str(workers)]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=2).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("cikg serve did not start: "
                                   + process.stderr.read().decode(errors="replace")) from None
            time.sleep(0.2)
    try:
        yield url, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def _demo_store():
    import cikg

    with tempfile.TemporaryDirectory(prefix="cikg-loadtest-") as tmp:
        spec = f"oxigraph:{Path(tmp) / 'store'}"
        with cikg.open(spec) as kg:
            kg.load(ROOT / "data")
        yield spec


async def _run(url: str, requests: list[tuple[str, str, dict[str, str]]], clients: int,
               seconds: float, request_timeout: float):
    import httpx

    latencies: dict[str, list[float]] = {label: [] for label, _, _ in requests}
    statuses: dict[str, int] = {}
    samples: list[str] = []
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(index: int, http: httpx.AsyncClient) -> None:
        turn = index  # clients start at different queries
        while time.monotonic() < deadline:
            label, path, params = requests[turn % len(requests)]
            turn += 1
            started = time.perf_counter()
            try:
                if path == "/sparql":
                    response = await http.post(path, data=params, headers=ACCEPT_JSON)
                else:
                    response = await http.get(path + ("?" + urlencode(params) if params else ""))
                await response.aread()
                status = str(response.status_code)
                if response.status_code != 200 and len(samples) < 20:
                    samples.append(f"{label}: {status} {response.text[:200]}")
            except httpx.HTTPError as exc:
                status = type(exc).__name__
                if len(samples) < 20:
                    samples.append(f"{label}: {status} {exc}")
            latencies[label].append((time.perf_counter() - started) * 1000)
            statuses[status] = statuses.get(status, 0) + 1

    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=request_timeout) as http:
        began = time.monotonic()
        await asyncio.gather(*(client(i, http) for i in range(clients)))
        elapsed = time.monotonic() - began
    return latencies, statuses, samples, elapsed


def timeout_probe(url: str, timeout: float) -> dict[str, float]:
    """Send a query that cannot finish, then a quick one; return what each took.

    Returns ``status`` and ``slow_s`` of the slow query (503 after about *timeout*),
    ``next_ms`` of an ASK sent right after it, and ``after_ms`` of one sent a second
    later, when the stopped worker has been replaced.
    """
    import httpx

    with httpx.Client(base_url=url, timeout=timeout + 60) as http:
        started = time.perf_counter()
        slow = http.post("/sparql", data={"query": SLOW})
        slow_s = time.perf_counter() - started
        started = time.perf_counter()
        quick = http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        next_ms = (time.perf_counter() - started) * 1000
        time.sleep(1.0)
        started = time.perf_counter()
        again = http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        after_ms = (time.perf_counter() - started) * 1000
    if quick.status_code != 200 or again.status_code != 200:
        raise RuntimeError(f"the server did not answer after a timeout: {quick.text}")
    return {"status": slow.status_code, "slow_s": slow_s, "timeout": timeout,
            "next_ms": next_ms, "after_ms": after_ms}


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def _run_loop(coroutine: Any) -> Any:
    """``asyncio.run`` in a thread of its own: the caller's thread may already run an event
    loop (a playwright sync session does), and asyncio.run refuses to nest."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def loadtest(url: str | None = None, *, store: str | None = None, clients: int = 8,
             seconds: float = 20.0, mode: str = "api", workers: int | None = None,
             timeout: float = 60.0, warmup: bool = True, probe: bool = False) -> LoadReport:
    """Run the load test and return its :class:`LoadReport`.

    Parameters
    ----------
    url : str, optional
        A running server's base URL; by default a server is started over *store*.
    store : str, optional
        The store to serve (default: the demo graph, built in a temporary directory).
    clients, seconds : int, float
        Concurrent clients and how long they send requests.
    mode : {"api", "sparql"}
        Catalog queries through ``/api/catalog/NAME`` or as SPARQL text to ``/sparql``.
    workers, timeout : int, float
        ``cikg serve --workers`` and ``--timeout`` of the started server.
    warmup : bool
        Send each request once before measuring.
    probe : bool
        Afterwards, run :func:`timeout_probe` (needs a server with a short *timeout*).
    """
    if mode not in ("api", "sparql"):
        raise ValueError(f"mode must be api or sparql, not {mode!r}")
    requests = catalog_requests(mode)
    if not requests:
        raise ValueError("no catalog query runs without parameters")
    with ExitStack() as stack:
        pid = None
        if url is None:
            spec = store or stack.enter_context(_demo_store())
            url, pid = stack.enter_context(_server(spec, workers, timeout))
        if warmup:  # one of each (workers import and cache); errors show in the report
            _run_loop(_warm(url, requests, timeout))
        before = _rss_mb(pid) if pid else None
        latencies, statuses, samples, elapsed = _run_loop(
            _run(url, requests, clients, seconds, timeout))
        after = _rss_mb(pid) if pid else None
        info = json.loads(urllib.request.urlopen(url + "/api/info", timeout=10).read())
        probed = timeout_probe(url, info["timeout"]) if probe else None
    every = [v for values in latencies.values() for v in values]
    total = len(every)
    report = LoadReport(url=url, mode=mode, clients=clients, seconds=seconds, requests=total,
                        errors=total - statuses.get("200", 0),
                        throughput=total / elapsed if elapsed else 0.0,
                        p50_ms=_percentile(every, 50), p90_ms=_percentile(every, 90),
                        p99_ms=_percentile(every, 99), max_ms=max(every, default=0.0),
                        statuses=statuses, error_samples=samples,
                        per_query_p50_ms={k: statistics.median(v) for k, v in latencies.items()
                                          if v},
                        server_workers=info.get("workers"), probe=probed)
    if before and after:
        report.rss_before_mb, report.rss_after_mb = before[0], after[0]
        report.processes = after[1]
    return report


async def _warm(url: str, requests: list[tuple[str, str, dict[str, str]]],
                timeout: float) -> None:
    import httpx

    async with httpx.AsyncClient(base_url=url, timeout=timeout) as http:
        for _, path, params in requests:
            if path == "/sparql":
                await http.post(path, data=params)
            else:
                await http.get(path, params=params)


def main(argv: list[str] | None = None) -> int:
    """Command line: print the report; exit 1 when any request failed."""
    parser = argparse.ArgumentParser(prog="python -m bench.loadtest", description=__doc__
                                     .split("\n\n")[0])
    parser.add_argument("--url", help="a running server's base URL (default: start one)")
    parser.add_argument("--store", help="store to serve (default: the demo graph)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--mode", choices=("api", "sparql"), default="api")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--timeout", type=float, default=5.0,
                        help="the started server's --timeout (default 5 s)")
    parser.add_argument("--no-probe", action="store_true",
                        help="skip the timeout probe after the load")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    report = loadtest(args.url, store=args.store, clients=args.clients, seconds=args.seconds,
                      mode=args.mode, workers=args.workers, timeout=args.timeout,
                      probe=not args.no_probe)
    print(json.dumps(asdict(report), indent=2) if args.json else report.table())
    return 1 if report.errors else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
