"""The ``cikg`` command: a thin layer over the Python API.

Each command parses its arguments, calls one API function and hands the result to
:func:`cikg.output.render`. Exit codes: 0 ok, 1 findings (validation violations),
2 usage or input error. Domain errors print one line on stderr (a traceback only
with ``--debug``).
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .errors import CikgError

__all__ = ["app", "main"]

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
        from . import __version__
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def _root(debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
          version: Annotated[bool, typer.Option(
              "--version", help="Print the version.", is_eager=True,
              callback=_print_version)] = False,
          ) -> None:
    """Global options."""


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {output}", err=True)


def _open(store: str | None, *, read_only: bool):
    from .api import open as open_graph
    return open_graph(store, read_only=read_only)


@app.command()
def build(
    sources: Annotated[list[Path] | None, typer.Argument(
        help="Source files or directories (default: ./data).")] = None,
    fresh: Annotated[bool, typer.Option(
        "--fresh", help="Drop everything else, so the store holds exactly these sources.")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Load sources (reports, tables, RDF) into the store, all in one transaction."""
    paths = sources or [DEFAULT_SOURCES]
    for path in paths:  # fail before the store is created or locked
        if not path.exists():
            raise CikgError(f"{path}: no such file or directory")
    with _open(store, read_only=False) as kg:
        report = kg.load(*paths, fresh=fresh)
    for source in report.sources:
        typer.echo(f"loaded {source.path}: {source.quads} quads", err=True)
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(f"built {kg.store.spec}: {report.quads} quads from {len(report.sources)} "
               f"sources in {report.seconds:.2f} s", err=True)


def _params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"{pair!r} is not key=value", param_hint="-p")
        params[key.strip()] = value
    return params


@app.command()
def query(
    name: Annotated[str | None, typer.Argument(help="Catalog query name.")] = None,
    param: Annotated[list[str] | None, typer.Option(
        "--param", "-p", help="Parameter as key=value (repeatable).")] = None,
    list_: Annotated[bool, typer.Option("--list", "-l", help="List the catalog.")] = False,
    limit: Annotated[int, typer.Option(help="Most rows to return.")] = 100_000,
    timeout: Annotated[float, typer.Option(help="Seconds a query may run.")] = 60.0,
    store: StoreOption = None,
    format: FormatOption = Format.table,
    output: OutOption = None,
) -> None:
    """Run a catalog query by name (see --list)."""
    from .output import render
    if list_ or name is None:
        from .api import catalog_frame
        _emit(render(catalog_frame(), format.value, title="Catalog queries"), output)
        return
    with _open(store, read_only=True) as kg:
        frame = kg.query(name, limit=limit, timeout=timeout, **_params(param or []))
    _emit(render(frame, format.value, title=name), output)
    if frame.attrs.get("truncated"):
        typer.echo(f"warning: result cut at {limit} rows (--limit)", err=True)


@app.command()
def sparql(
    text: Annotated[str | None, typer.Argument(help="A SPARQL query.")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-F", help="Read the query from a file.")
                    ] = None,
    update: Annotated[bool, typer.Option("--update", help="Allow a SPARQL Update (writes).")
                      ] = False,
    limit: Annotated[int, typer.Option(help="Most rows to return.")] = 100_000,
    timeout: Annotated[float, typer.Option(help="Seconds a query may run.")] = 60.0,
    store: StoreOption = None,
    format: FormatOption = Format.table,
    output: OutOption = None,
) -> None:
    """Run an ad-hoc SPARQL query (read-only unless --update)."""
    from .output import render
    if (text is None) == (file is None):
        raise typer.BadParameter("give a query text or --file, not both")
    if file is not None and not file.is_file():
        raise CikgError(f"{file}: no such query file")
    sparql_text = text if text is not None else file.read_text("utf-8")  # type: ignore[union-attr]
    if update:
        with _open(store, read_only=False) as kg:
            kg.store.update(sparql_text)
        typer.echo("update done", err=True)
        return
    with _open(store, read_only=True) as kg:
        frame = kg.sparql(sparql_text, limit=limit, timeout=timeout)
    _emit(render(frame, format.value), output)


@app.command()
def stats(store: StoreOption = None, format: FormatOption = Format.table,
          output: OutOption = None) -> None:
    """Triples per named graph."""
    from .output import render
    with _open(store, read_only=True) as kg:
        frame = kg.stats()
    _emit(render(frame, format.value, title="Triples per graph"), output)


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    format: Annotated[ExportFormat | None, typer.Option(
        "--format", "-f", help="trig or nquads (default: from the file suffix).")] = None,
    store: StoreOption = None,
) -> None:
    """Export every named graph as TriG or N-Quads."""
    fmt = format.value if format else ("nquads" if output.suffix == ".nq" else "trig")
    with _open(store, read_only=True) as kg:
        kg.export(output, format=fmt)
    typer.echo(f"wrote {output}", err=True)


@app.command()
def extract(
    report: Annotated[Path, typer.Argument(help="A market report (.txt/.html).")],
    format: Annotated[str, typer.Option("--format", "-f", help="json (the only format).")
                      ] = "json",
    output: OutOption = None,
) -> None:
    """Print what the report parser finds in one report, as the extract-contract JSON."""
    import json

    from cikg.loaders.report import read_report
    if format != "json":
        raise typer.BadParameter("extract prints json only", param_hint="--format")
    parsed = read_report(report)
    for warning in parsed.warnings:
        typer.echo(f"warning: {report}: {warning}", err=True)
    _emit(json.dumps(parsed.to_contract(), ensure_ascii=False, indent=2) + "\n", output)


view_app = typer.Typer(help="Interactive HTML views (single offline file).",
                       no_args_is_help=True)
app.add_typer(view_app, name="view")


@view_app.command("landscape")
def view_landscape(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")],
    store: StoreOption = None,
) -> None:
    """Companies with their countries, materials, applications and regions."""
    with _open(store, read_only=True) as kg:
        page = kg.view("landscape")
    page.write(output)
    typer.echo(f"wrote {output} ({page.nodes} nodes, {page.edges} edges)", err=True)


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", help="Directory for the demo outputs.")
                   ] = Path("demo-out"),
    sources: Annotated[list[Path] | None, typer.Option(
        "--sources", help="Sources to build from (default: ./data).")] = None,
    store: StoreOption = None,
) -> None:
    """Build the demo graph from the bundled sources and write the demo outputs."""
    from .demo import run_demo
    for line in run_demo(out, sources or [DEFAULT_SOURCES], store=store):
        typer.echo(line)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code (0 ok, 1 findings, 2 usage or input error)."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or bool(os.environ.get("CIKG_DEBUG"))
    try:
        app(args=args, prog_name="cikg")  # standalone: usage errors exit 2 via SystemExit
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except CikgError as exc:
        if debug:
            raise
        typer.echo(f"cikg: error: {exc}", err=True)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
