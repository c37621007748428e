"""``cikg demo``: build the demo graph from the bundled sources and write the demo outputs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .api import KnowledgeGraph
from .api import open as open_graph
from .output import render

__all__ = ["run_demo", "VIEW_FILES"]

TABLES = ("companies-by-country", "sources")
#: The interactive views the demo writes (``NAME.html`` in the output directory).
VIEW_FILES = ("landscape", "competition", "ego")


def _views(kg: KnowledgeGraph) -> list[tuple[str, tuple[str, ...]]]:
    """The demo's views: landscape, competition and the ego view of the company with the
    most stated links (ties: first by name)."""
    landscape = kg.view_graph("landscape")
    companies = sorted((-landscape.degree(n), str(label), str(n))
                       for n, label in landscape.nodes(data="label")
                       if landscape.nodes[n].get("kind") == "Company")
    views: list[tuple[str, tuple[str, ...]]] = [("landscape", ()), ("competition", ())]
    if companies:
        views.append(("ego", (companies[0][2],)))
    return views


def _briefings(kg: KnowledgeGraph) -> list[tuple[str, str, str | None]]:
    """The demo's briefings (file stem, kind, subject): the market, and the material type
    with the most direct suppliers among those under a broader type (ties: by name)."""
    briefings: list[tuple[str, str, str | None]] = [("market-briefing", "market", None)]
    materials = kg.query("material-suppliers", limit=None)
    narrower = materials[materials["broader"].notna()].sort_values(
        ["direct", "material_label"], ascending=[False, True])
    if not narrower.empty:
        briefings.append(("material-briefing", "material",
                          str(narrower.iloc[0]["material_label"])))
    return briefings


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
        for name, args in _views(kg):
            written.append(kg.view(name, *args).write(out / f"{name}.html"))
        for stem, kind, subject in _briefings(kg):
            written += kg.brief(kind, subject).write(out / stem)
        kg.export(out / "graph.trig")
        written.append(out / "graph.trig")
    yield "wrote:"
    yield from (f"  {path}" for path in written)
