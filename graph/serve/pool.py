"""Query workers: one process per concurrent query, ended when a query runs too long.

The embedded Oxigraph has no way to cancel a running query (an aggregate over a
cartesian product keeps a core busy until it finishes), and a thread cannot be
stopped either. So each query runs in a worker process that holds the store open
read-only; the server waits for the answer up to the timeout, and past it ends the
process (SIGKILL), answers 503, and forks a fresh worker in the background. Workers
are forked from a forkserver that imported cikg once, so a replacement is ready in
a fraction of a second and the other workers serve meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from cikg.errors import StoreError
from cikg.store.base import one_line

from .engine import Reply, error

__all__ = ["WorkerPool", "PoolStats"]

log = logging.getLogger("cikg.serve")
# imported once by the forkserver, so that a fresh worker is ready at once (modules
# that an older cikg lacks are skipped by multiprocessing)
_PRELOAD = ["cikg.serve.engine", "cikg.api", "cikg.queries", "cikg.output", "cikg.views",
            "cikg.answers"]
START_TIMEOUT = 120.0


def _worker_main(conn: Connection, spec: str, max_rows: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops its workers itself
    from .engine import Engine

    try:
        engine = Engine(spec, max_rows=max_rows)
    except Exception as exc:  # reported to the parent, which names the store
        conn.send(("failed", one_line(exc)))
        return
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            break
        if message is None:
            break
        job, args = message
        try:
            reply = engine.run(job, args)
        except Exception as exc:  # a bug must not take the worker down silently
            reply = error(500, f"internal error in {job}: {type(exc).__name__}: {one_line(exc)}")
        conn.send(reply)
    engine.close()


class _Worker:
    """One worker process and the parent's end of its pipe (blocking calls)."""

    def __init__(self, context: Any, spec: str, max_rows: int) -> None:
        parent, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, spec, max_rows),
                                       name="cikg-serve-worker", daemon=True)
        self.process.start()
        child.close()
        self.conn: Connection = parent

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise StoreError(f"a query worker did not start within {timeout:g} s")
        try:
            state, detail = self.conn.recv()
        except EOFError:
            self.kill()
            raise StoreError("a query worker stopped while opening the store") from None
        if state != "ready":
            self.kill()
            raise StoreError(str(detail))

    def call(self, job: str, args: dict[str, Any], timeout: float) -> Reply | None:
        """Send a job and wait up to *timeout* seconds; None when it did not answer in time."""
        self.conn.send((job, args))
        if not self.conn.poll(timeout):
            return None
        return self.conn.recv()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(10)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(2)
        self.kill()


@dataclass
class PoolStats:
    """Counters the health route reports."""

    workers: int = 0
    idle: int = 0
    queries: int = 0
    timeouts: int = 0
    restarts: int = 0
    busy_refusals: int = 0
    started: float = field(default_factory=time.time)


class WorkerPool:
    """A fixed number of worker processes behind an asyncio queue.

    Parameters
    ----------
    spec : str
        The store spec every worker opens read-only.
    workers : int
        How many queries run at once.
    max_rows : int
        The result cap each worker applies.
    timeout : float
        Seconds a job may run before its worker is ended.
    queue_timeout : float, optional
        Seconds a request waits for a free worker before a 503 (default: *timeout*).
    """

    def __init__(self, spec: str, *, workers: int, max_rows: int, timeout: float,
                 queue_timeout: float | None = None) -> None:
        self.spec, self.size, self.max_rows = spec, max(1, workers), max_rows
        self.timeout = timeout
        self.queue_timeout = timeout if queue_timeout is None else queue_timeout
        self.stats = PoolStats()
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(_PRELOAD)
        self._threads = ThreadPoolExecutor(max_workers=self.size * 2 + 2,
                                           thread_name_prefix="cikg-serve")
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = False

    def _spawn(self) -> _Worker:
        worker = _Worker(self._context, self.spec, self.max_rows)
        worker.wait_ready(START_TIMEOUT)
        with self._lock:
            self._all.add(worker)
        return worker

    async def start(self) -> None:
        """Start every worker; raise :class:`StoreError` when the store cannot be opened."""
        self._loop = asyncio.get_running_loop()
        first = await self._loop.run_in_executor(self._threads, self._spawn)
        self._idle.put_nowait(first)
        rest = await asyncio.gather(*(self._loop.run_in_executor(self._threads, self._spawn)
                                      for _ in range(self.size - 1)))
        for worker in rest:
            self._idle.put_nowait(worker)
        self.stats.workers = self.size

    async def call(self, job: str, args: dict[str, Any], *,
                   timeout: float | None = None) -> Reply:
        """Run *job* on a free worker; a 503 reply when none frees up or it times out."""
        timeout = self.timeout if timeout is None else timeout
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout=self.queue_timeout)
        except TimeoutError:
            self.stats.busy_refusals += 1
            return error(503, f"the server is busy: all {self.size} query workers stayed busy "
                         f"for {self.queue_timeout:g} s; retry later", {"Retry-After": "5"})
        assert self._loop is not None
        self.stats.queries += 1
        started = time.monotonic()
        future = self._loop.run_in_executor(self._threads, worker.call, job, args, timeout)
        future.add_done_callback(lambda f: self._settle(worker, f))
        try:
            reply = await asyncio.shield(future)
        except (EOFError, OSError) as exc:
            return error(500, f"the query worker stopped unexpectedly ({type(exc).__name__}); "
                         "the server goes on with a fresh one")
        if reply is None:
            return error(503, f"the query timed out after {timeout:g} s (stopped after "
                         f"{time.monotonic() - started:.1f} s); narrow it, add LIMIT, or "
                         "restart the server with a larger --timeout")
        return reply

    def _settle(self, worker: _Worker, future: asyncio.Future) -> None:
        if future.cancelled() or future.exception() is not None:
            self._replace(worker)  # the worker died (or the pipe broke): start a fresh one
        elif future.result() is None:
            self.stats.timeouts += 1
            self._replace(worker)  # still running the query: end it
        else:
            self._idle.put_nowait(worker)

    def _replace(self, worker: _Worker) -> None:
        assert self._loop is not None
        with self._lock:
            self._all.discard(worker)
        if self._closed:
            self._threads.submit(worker.kill)
            return

        def renew() -> _Worker:
            worker.kill()
            return self._spawn()

        def done(future: asyncio.Future) -> None:
            if future.exception() is not None:
                log.error("cikg serve: cannot start a query worker: %s", future.exception())
                self._loop.call_later(1.0, self._replace, worker)  # type: ignore[union-attr]
                return
            self.stats.restarts += 1
            if self._closed:
                self._threads.submit(future.result().stop)
            else:
                self._idle.put_nowait(future.result())

        self._loop.run_in_executor(self._threads, renew).add_done_callback(done)

    def snapshot(self) -> dict[str, Any]:
        """Return the counters and the number of idle workers."""
        self.stats.idle = self._idle.qsize()
        return {k: v for k, v in vars(self.stats).items()}

    def pids(self) -> list[int]:
        """Return the worker process ids (for memory figures)."""
        with self._lock:
            return [w.process.pid for w in self._all if w.process.pid is not None]

    async def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        if self._loop is not None:
            await asyncio.gather(*(self._loop.run_in_executor(self._threads, w.stop)
                                   for w in workers))
        self._threads.shutdown(wait=False, cancel_futures=True)
