"""What every command shares: the app, output formats, store option, output writing."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

__all__ = ["app", "Format", "ExportFormat", "StoreOption", "FormatOption", "OutOption",
           "DEFAULT_SOURCES", "emit", "open_graph", "parse_params"]

app = typer.Typer(help="cikg: a competitive-intelligence knowledge graph from market reports, "
                  "tables and RDF.", no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False, rich_markup_mode=None)


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


class ExportFormat(StrEnum):
    trig = "trig"
    nquads = "nquads"


StoreOption = Annotated[str | None, typer.Option(
    "--store", "-s", envvar="CIKG_STORE",
    help="Store spec: oxigraph:PATH (default oxigraph:cikg-data), memory:, or an "
         "http(s):// SPARQL endpoint.")]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
OutOption = Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Write to this file instead of stdout.")]
DEFAULT_SOURCES = Path("data")


def _print_version(value: bool) -> None:
    if value:
        from cikg import __version__
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def _root(debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
          version: Annotated[bool, typer.Option(
              "--version", help="Print the version.", is_eager=True,
              callback=_print_version)] = False,
          ) -> None:
    """Global options."""


def emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {output}", err=True)


def open_graph(store: str | None, *, read_only: bool):
    from cikg.api import open as open_graph
    return open_graph(store, read_only=read_only)




def parse_params(pairs: list[str]) -> dict[str, str]:
    """Return ``-p key=value`` options as a dict."""
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"{pair!r} is not key=value", param_hint="-p")
        params[key.strip()] = value
    return params
