"""``cikg analyze``: network analytics on the graph, written back to derived graphs."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import pandas as pd
import typer

from .common import Format, FormatOption, OutOption, StoreOption, app, emit, open_graph

analyze_app = typer.Typer(
    help="Network analytics: competition graph, centrality, communities, similarity, market "
         "concentration, supply dependence, explained paths and ego networks. Results are "
         "written to graph/derived/{analysis} with their provenance (unless --no-write).",
    no_args_is_help=True)
app.add_typer(analyze_app, name="analyze")


class Backend(StrEnum):
    auto = "auto"
    igraph = "igraph"
    networkx = "networkx"


class Part(StrEnum):
    all = "all"
    shares = "shares"
    risks = "risks"
    regions = "regions"


LimitOption = Annotated[int, typer.Option(
    "--limit", "-n", help="Rows to show, strongest first (0: all).")]
WriteOption = Annotated[bool, typer.Option(
    "--write/--no-write", help="Write the result to its derived graph (--no-write opens the "
                               "store read-only and only computes).")]
SeedOption = Annotated[int, typer.Option(help="Random seed (same seed, same result).")]


#: In tables, an IRI column is left out where its label column says the same for people.
LABELS = {"a": "a_label", "b": "b_label", "node": "label", "material": "material_label",
          "place": "place_label", "region": "region_label", "scope": "scope_label",
          "source": "source_label", "target": "target_label"}


def _show(frame: pd.DataFrame, fmt: Format, output, *, title: str, limit: int = 0) -> None:  # noqa: ANN001
    from cikg.output import render
    if fmt in (Format.table, Format.markdown):
        frame = frame.drop(columns=[c for c, label in LABELS.items()
                                    if c in frame and label in frame])
    total = len(frame)
    if limit and total > limit:
        frame = frame.head(limit)
        typer.echo(f"showing {limit} of {total} rows (--limit 0 shows all)", err=True)
    emit(render(frame, fmt.value, title=title), output)


def _run(store: str | None, write: bool, name: str, **options: object) -> pd.DataFrame:
    with open_graph(store, read_only=not write) as kg:
        return kg.analyze(name, **options)


@analyze_app.command("competition")
def competition(
    evidence: Annotated[bool, typer.Option(
        "--evidence", help="Add the quotes behind each edge's strongest reasons.")] = False,
    per_company: Annotated[int, typer.Option(
        help="Keep each company's strongest overlap edges (0: every overlapping pair).")] = 50,
    places: Annotated[bool, typer.Option(
        "--places/--no-places", help="Require a shared region where both companies have "
                                     "one.")] = True,
    limit: LimitOption = 100, write: WriteOption = True, store: StoreOption = None,
    format: FormatOption = Format.table, output: OutOption = None,
) -> None:
    """Company competition graph: asserted competition plus overlap on material type,
    application and region, with weights and reasons."""
    frame = _run(store, write, "competition", evidence=evidence, per_company=per_company,
                 places=places)
    _show(frame, format, output, title="Competition edges", limit=limit)


@analyze_app.command("centrality")
def centrality(
    k: Annotated[int | None, typer.Option(
        "--k", help="Betweenness sample size (default: exact up to 2,000 companies, else "
                    "256 seeded sources).")] = None,
    seed: SeedOption = 0, backend: Annotated[Backend, typer.Option(
        help="Betweenness engine (auto: igraph when installed).")] = Backend.auto,
    limit: LimitOption = 100, write: WriteOption = True, store: StoreOption = None,
    format: FormatOption = Format.table, output: OutOption = None,
) -> None:
    """Weighted degree, betweenness and PageRank of the companies in the competition graph."""
    frame = _run(store, write, "centrality", k=k, seed=seed, backend=backend.value)
    _show(frame, format, output, title="Centrality", limit=limit)


@analyze_app.command("communities")
def communities(
    resolution: Annotated[float, typer.Option(
        help="Louvain resolution (above 1: smaller communities).")] = 1.0,
    seed: SeedOption = 0, limit: LimitOption = 0, write: WriteOption = True,
    store: StoreOption = None, format: FormatOption = Format.table, output: OutOption = None,
) -> None:
    """Louvain communities of the competition graph (seeded)."""
    frame = _run(store, write, "communities", resolution=resolution, seed=seed)
    _show(frame, format, output, title="Communities", limit=limit)


@analyze_app.command("similarity")
def similarity(
    min_similarity: Annotated[float, typer.Option(
        "--min", help="Smallest Jaccard similarity to list.")] = 0.5,
    limit: LimitOption = 100, write: WriteOption = True, store: StoreOption = None,
    format: FormatOption = Format.table, output: OutOption = None,
) -> None:
    """Jaccard similarity of companies by material types, applications and regions."""
    frame = _run(store, write, "similarity", min_similarity=min_similarity)
    _show(frame, format, output, title="Similar companies", limit=limit)


@analyze_app.command("concentration")
def concentration(
    n: Annotated[int, typer.Option("--n", help="The n of CR-n.")] = 4,
    min_coverage: Annotated[float, typer.Option(
        help="Percent of the market the share claims must cover for a verdict.")] = 50.0,
    write: WriteOption = True, store: StoreOption = None, format: FormatOption = Format.table,
    output: OutOption = None,
) -> None:
    """CR-n and HHI bounds per market from share claims, with their coverage."""
    frame = _run(store, write, "concentration", n=n, min_coverage=min_coverage)
    _show(frame, format, output, title="Market concentration")


@analyze_app.command("dependence")
def dependence(
    part: Annotated[Part, typer.Option(
        help="shares (by country and region), risks (per material type), regions "
             "(suppliers and import dependence), or all (table, markdown and json).")
    ] = Part.all,
    write: WriteOption = True, store: StoreOption = None, format: FormatOption = Format.table,
    output: OutOption = None,
) -> None:
    """Where the profiled suppliers of each material type are; single-country and
    single-supplier risks; import-dependent regions."""
    from cikg.analytics.analyses import dependence_parts
    from cikg.output import render
    if part is Part.all and format is Format.csv:
        raise typer.BadParameter("csv holds one table: choose --part shares, risks or regions",
                                 param_hint="--part")
    with open_graph(store, read_only=not write) as kg:
        parts = dependence_parts(kg, write=write)
    if part is not Part.all:
        _show(parts[part.value], format, output, title=f"Dependence: {part.value}")
        return
    if format is Format.json:
        emit(json.dumps({name: json.loads(render(frame, "json")) for name, frame in
                         parts.items()}, ensure_ascii=False, indent=2) + "\n", output)
        return
    emit("\n".join(render(frame.drop(columns=[c for c, label in LABELS.items()
                                               if c in frame and label in frame]),
                          format.value, title=f"Dependence: {name}")
                   for name, frame in parts.items()), output)


@analyze_app.command("path")
def path(
    a: Annotated[str, typer.Argument(help="An entity's name, alias or IRI.")],
    b: Annotated[str, typer.Argument(help="Another entity's name, alias or IRI.")],
    k: Annotated[int, typer.Option("--k", help="How many shortest paths.")] = 3,
    store: StoreOption = None, format: FormatOption = Format.table, output: OutOption = None,
) -> None:
    """Explained shortest paths between two entities, each step with its evidence."""
    with open_graph(store, read_only=True) as kg:
        frame = kg.path(a, b, k=k)
    if frame.empty:
        typer.echo(f"no path links {a!r} and {b!r}", err=True)
    _show(frame, format, output, title=f"Paths from {a} to {b}")


@analyze_app.command("ego")
def ego(
    name: Annotated[str, typer.Argument(help="An entity's name, alias or IRI.")],
    depth: Annotated[int, typer.Option("--depth", "-k", help="Steps from the entity.")] = 1,
    store: StoreOption = None, format: FormatOption = Format.table, output: OutOption = None,
) -> None:
    """The ego network of an entity: the stated relations within --depth steps."""
    with open_graph(store, read_only=True) as kg:
        frame = kg.ego(name, depth=depth)
    _show(frame, format, output, title=f"Ego network of {name} (depth {depth})")
