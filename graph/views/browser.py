"""Open view pages in headless Chromium, offline: for tests, screenshots and benchmarks.

Uses playwright-python (the ``test`` extra) driving the system's Debian ``chromium``
through ``executable_path``; it never downloads a browser build. Every request that is
not the page's own ``file:`` URL is aborted and recorded, console errors and dialogs
are recorded, and :func:`open_page` waits for the page's first paint (the page sets
``document.body.dataset.painted`` to ``performance.now()`` on vis-network's first
``afterDrawing``).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cikg.errors import CikgError

__all__ = ["CHROMIUM_ARGS", "chromium_path", "chromium", "PageRun", "open_page"]

CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run")


def chromium_path() -> str | None:
    """Return the path of the system's Chromium, or None (``apt-get install chromium``)."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


_shared: dict[str, Any] = {}
_users = 0


@contextmanager
def chromium() -> Iterator[Any]:
    """Yield a headless playwright ``Browser`` on the system Chromium.

    Playwright's sync API runs one event loop per thread, so a second
    ``sync_playwright()`` while one is open fails ("Sync API inside the asyncio loop").
    Nested or overlapping uses of :func:`chromium` therefore share one browser, which
    closes when the last of them ends.

    Raises
    ------
    CikgError
        When playwright or Chromium is missing.
    """
    global _users
    if _users == 0:
        path = chromium_path()
        if path is None:
            raise CikgError("no chromium on PATH: apt-get install chromium")
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            raise CikgError("playwright is missing: pip install 'cikg[test]'") from None
        playwright = sync_playwright().start()
        try:
            _shared["browser"] = playwright.chromium.launch(executable_path=path,
                                                            args=list(CHROMIUM_ARGS))
        except BaseException:
            playwright.stop()
            raise
        _shared["playwright"] = playwright
    _users += 1
    try:
        yield _shared["browser"]
    finally:
        _users -= 1
        if _users == 0:
            try:
                _shared.pop("browser").close()
            finally:
                _shared.pop("playwright").stop()


@dataclass
class PageRun:
    """What happened while a page loaded: its requests, errors, dialogs, paint time."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    painted_ms: float | None = None
    #: Chromium's main-thread CPU time (ms) at first paint: unlike *painted_ms*, it does
    #: not grow when other processes compete for the CPU.
    cpu_ms: float | None = None


@contextmanager
def open_page(browser: Any, path: str | Path, *, width: int = 1400, height: int = 900,
              timeout_ms: float = 60_000) -> Iterator[PageRun]:
    """Open *path* in a fresh context with the network blocked; yield a :class:`PageRun`.

    Every request is recorded; all but the page's own file URL are aborted. Dialogs
    (``alert``) are recorded and dismissed. The context closes afterwards.
    """
    url = Path(path).resolve().as_uri()
    context = browser.new_context(viewport={"width": width, "height": height},
                                  service_workers="block")
    page = context.new_page()
    run = PageRun(page, url)

    def route(route: Any) -> None:
        request_url = route.request.url
        run.requests.append(request_url)
        if request_url == url:
            route.continue_()
        else:
            run.blocked.append(request_url)
            route.abort()

    def on_dialog(dialog: Any) -> None:
        run.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.route("**/*", route)
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    page.on("console", lambda m: run.console_errors.append(m.text) if m.type == "error"
            else None)
    page.on("pageerror", lambda e: run.console_errors.append(str(e)))
    page.on("dialog", on_dialog)
    try:
        page.goto(url, wait_until="load", timeout=timeout_ms)
        page.wait_for_selector("body[data-painted]", state="attached", timeout=timeout_ms)
        run.painted_ms = float(page.evaluate("Number(document.body.dataset.painted)"))
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        if "ThreadTime" in metrics:
            run.cpu_ms = metrics["ThreadTime"] * 1000
        yield run
    finally:
        context.close()
