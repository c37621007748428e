"""``cikg view``: interactive HTML views (single offline file)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import StoreOption, app, open_graph

view_app = typer.Typer(help="Interactive HTML views (single offline file).",
                       no_args_is_help=True)
app.add_typer(view_app, name="view")


@view_app.command("landscape")
def view_landscape(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")],
    store: StoreOption = None,
) -> None:
    """Companies with their countries, materials, applications and regions."""
    with open_graph(store, read_only=True) as kg:
        page = kg.view("landscape")
    page.write(output)
    typer.echo(f"wrote {output} ({page.nodes} nodes, {page.edges} edges)", err=True)


