"""``cikg view``: interactive HTML views (one offline file) and PNG/SVG pictures."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cikg.errors import CikgError

from .common import StoreOption, app, open_graph, parse_params

view_app = typer.Typer(
    help="Views: one offline HTML file (vis-network inlined, no network requests) with "
         "legend, search, filters and evidence tooltips, or a PNG/SVG picture of the "
         "same layout for slides.", no_args_is_help=True)
app.add_typer(view_app, name="view")


class ViewFormat(StrEnum):
    html = "html"
    png = "png"
    svg = "svg"


class GroupBy(StrEnum):
    country = "country"
    community = "community"


OutputOption = Annotated[Path, typer.Option(
    "--output", "-o", help="File to write (.html, .png or .svg).")]
ViewFormatOption = Annotated[ViewFormat | None, typer.Option(
    "--format", "-f", help="html, png or svg (default: from the output's suffix, else html).")]
GroupByOption = Annotated[GroupBy | None, typer.Option(
    "--group-by", help="Collapse companies into one node per country or community "
                       "(automatic by country above the node limit).")]
SeedOption = Annotated[int, typer.Option(help="Layout seed (same seed, same file).")]


def _write(kg_args: tuple, output: Path, format: ViewFormat | None, store: str | None,
           seed: int, *, group_by: GroupBy | None = None, radius: int = 1,
           params: dict[str, str] | None = None) -> None:
    name, *args = kg_args
    chosen = format.value if format else (
        output.suffix.lower().lstrip(".") if output.suffix.lower() in (".png", ".svg")
        else "html")
    if format is not None and output.suffix.lower() not in ("", f".{chosen}"):
        raise CikgError(f"--format {chosen} does not match the output file {output.name}")
    with open_graph(store, read_only=True) as kg:
        result = kg.view(name, *args, format=chosen, seed=seed,
                         group_by=group_by.value if group_by else None, radius=radius,
                         params=params)
    result.write(output)
    typer.echo(f"wrote {output} ({result.nodes} nodes, {result.edges} edges)", err=True)


@view_app.command("landscape")
def view_landscape(output: OutputOption, store: StoreOption = None,
                   format: ViewFormatOption = None, group_by: GroupByOption = None,
                   seed: SeedOption = 0) -> None:
    """Companies with their countries, materials, applications, regions and initiatives."""
    _write(("landscape",), output, format, store, seed, group_by=group_by)


@view_app.command("competition")
def view_competition(output: OutputOption, store: StoreOption = None,
                     format: ViewFormatOption = None, group_by: GroupByOption = None,
                     seed: SeedOption = 0) -> None:
    """Companies linked where a source says they compete or where they overlap."""
    _write(("competition",), output, format, store, seed, group_by=group_by)


@view_app.command("ego")
def view_ego(name: Annotated[str, typer.Argument(help="An entity's name, alias or IRI.")],
             output: OutputOption,
             radius: Annotated[int, typer.Option(help="How many steps out.")] = 1,
             store: StoreOption = None, format: ViewFormatOption = None,
             seed: SeedOption = 0) -> None:
    """One entity and its neighbours, the entity highlighted and focused."""
    if radius < 1:
        raise typer.BadParameter("must be 1 or more", param_hint="--radius")
    _write(("ego", name), output, format, store, seed, radius=radius)


@view_app.command("path")
def view_path(a: Annotated[str, typer.Argument(help="The first entity's name or IRI.")],
              b: Annotated[str, typer.Argument(help="The second entity's name or IRI.")],
              output: OutputOption, store: StoreOption = None,
              format: ViewFormatOption = None, seed: SeedOption = 0) -> None:
    """How two entities are linked, with the evidence of every step."""
    _write(("path", a, b), output, format, store, seed)


@view_app.command("query")
def view_query(name: Annotated[str, typer.Argument(help="Catalog query name.")],
               output: OutputOption,
               param: Annotated[list[str] | None, typer.Option(
                   "--param", "-p", help="Parameter as key=value (repeatable).")] = None,
               store: StoreOption = None, format: ViewFormatOption = None,
               seed: SeedOption = 0) -> None:
    """A catalog query's result: columns of IRIs become nodes, each row links them."""
    _write(("query", name), output, format, store, seed, params=parse_params(param or []))


@view_app.command("conflicts")
def view_conflicts(output: OutputOption, store: StoreOption = None,
                   format: ViewFormatOption = None, seed: SeedOption = 0) -> None:
    """Facts on which sources disagree, each value with the source that states it."""
    _write(("conflicts",), output, format, store, seed)
