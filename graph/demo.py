"""``cikg demo``: build the demo graph from the bundled sources and write the demo outputs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .api import open as open_graph
from .output import render

__all__ = ["run_demo"]

TABLES = ("companies-by-country", "sources")


def run_demo(out: Path, sources: list[Path], *, store: str | None = None) -> Iterator[str]:
    """Build *sources* into *store* (fresh), print the landscape tables, write outputs to *out*.

    Yields the lines to print: tables first, then the path of every file written.
    """
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with open_graph(store) as kg:
        report = kg.load(*sources, fresh=True)
        yield (f"built {kg.store.spec}: {report.quads} quads from {len(report.sources)} "
               f"sources in {report.seconds:.2f} s")
        for warning in report.warnings:
            yield f"warning: {warning}"
        for name in TABLES:
            frame = kg.query(name)
            yield render(frame, "table", title=name)
            path = out / f"{name}.csv"
            path.write_text(render(frame, "csv"), encoding="utf-8")
            written.append(path)
        written.append(kg.view("landscape").write(out / "landscape.html"))
        kg.export(out / "graph.trig")
        written.append(out / "graph.trig")
    yield "wrote:"
    yield from (f"  {path}" for path in written)
