"""Screenshots of the demo's views for the docs: ``python -m cikg.views.screenshots docs/img``.

Runs ``cikg demo`` into a temporary directory (or takes the pages of an existing
``--from DIR``), opens each view in headless Chromium with the network blocked (as the
browser tests do), lets small graphs settle, and saves ``NAME.png`` in the target
directory. Needs the ``test`` extra (playwright) and Debian's ``chromium``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from cikg.errors import CikgError

from .browser import chromium, open_page

__all__ = ["screenshot", "main"]

_SETTLE = """() => new Promise(done => {
  const net = window.cikgView.network;
  net.once("stabilized", () => done(true));
  setTimeout(() => done(false), 4000);
})"""


def screenshot(pages: list[Path], target: Path, *, width: int = 1400, height: int = 860
               ) -> list[Path]:
    """Save a PNG of each HTML page in *target* (same stem); return the PNG paths.

    Raises
    ------
    CikgError
        When a page requests anything beyond its own file or logs a console error.
    """
    target.mkdir(parents=True, exist_ok=True)
    written = []
    with chromium() as browser:
        for page_path in pages:
            with open_page(browser, page_path, width=width, height=height) as run:
                if run.page.evaluate("cikgView.network.physics.options.enabled"):
                    run.page.evaluate(_SETTLE)
                run.page.evaluate("cikgView.network.fit({animation: false, maxZoomLevel: 2})")
                run.page.wait_for_timeout(200)
                if run.blocked or run.console_errors or run.dialogs:
                    raise CikgError(f"{page_path.name}: requests {run.blocked}, console errors "
                                    f"{run.console_errors}, dialogs {run.dialogs}")
                out = target / f"{page_path.stem}.png"
                run.page.screenshot(path=str(out))
                written.append(out)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: ``TARGET [--from DEMO_OUT] [--sources DIR]``."""
    from cikg.demo import VIEW_FILES, run_demo

    parser = argparse.ArgumentParser(prog="python -m cikg.views.screenshots",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="directory for the PNG files (docs/img)")
    parser.add_argument("--from", dest="source", type=Path,
                        help="a demo-out directory to take the pages from (default: run "
                             "the demo into a temporary directory)")
    parser.add_argument("--sources", type=Path, default=Path("data"),
                        help="the demo's sources when it runs (default: data)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cikg-screenshots-") as tmp:
        folder = args.source
        if folder is None:
            folder = Path(tmp) / "demo-out"
            for _ in run_demo(folder, [args.sources], store=f"oxigraph:{Path(tmp) / 'store'}"):
                pass
        pages = [folder / f"{name}.html" for name in VIEW_FILES if (folder / f"{name}.html")
                 .exists()]
        if not pages:
            raise SystemExit(f"no view pages in {folder}")
        for path in screenshot(pages, args.target):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
