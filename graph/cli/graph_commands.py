"""Commands on the graph: build, query, sparql, stats, export, extract, demo."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cikg.errors import CikgError

from .common import (
    DEFAULT_SOURCES,
    ExportFormat,
    Format,
    FormatOption,
    OutOption,
    StoreOption,
    app,
    emit,
    open_graph,
    parse_params,
)


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
    with open_graph(store, read_only=False) as kg:
        report = kg.load(*paths, fresh=fresh)
    for source in report.sources:
        typer.echo(f"loaded {source.path}: {source.quads} quads", err=True)
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(f"built {kg.store.spec}: {report.quads} quads from {len(report.sources)} "
               f"sources in {report.seconds:.2f} s", err=True)


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
    from cikg.output import render
    if list_ or name is None:
        from cikg.api import catalog_frame
        emit(render(catalog_frame(), format.value, title="Catalog queries"), output)
        return
    with open_graph(store, read_only=True) as kg:
        frame = kg.query(name, limit=limit, timeout=timeout, **parse_params(param or []))
    emit(render(frame, format.value, title=name), output)
    if frame.attrs.get("truncated"):
        typer.echo(f"warning: result cut at {limit} rows (--limit)", err=True)


@app.command()
def entities(
    name: Annotated[str | None, typer.Argument(
        help="Keep companies whose name or alias contains this text.")] = None,
    store: StoreOption = None,
    format: FormatOption = Format.table,
    output: OutOption = None,
) -> None:
    """Companies with their aliases, sources and entity-match scores."""
    from cikg.output import render
    with open_graph(store, read_only=True) as kg:
        frame = kg.query("entities", name=name)
    if frame.empty and name:
        raise CikgError(f"no company's name or alias contains {name!r}")
    emit(render(frame, format.value, title="Entities"), output)


@app.command()
def evidence(
    name: Annotated[str, typer.Argument(help="An entity's name or alias (any case).")],
    store: StoreOption = None,
    format: FormatOption = Format.table,
    output: OutOption = None,
) -> None:
    """Every quote about an entity, with its source, section and date."""
    from cikg.output import render
    with open_graph(store, read_only=True) as kg:
        frame = kg.query("evidence", name=name)
        if frame.empty and kg.query("entities", name=name).empty:
            raise CikgError(f"no entity is called {name!r}; `cikg entities` lists them")
    columns = ["subject", "predicate", "object", "quote", "section", "document", "as_of"]
    emit(render(frame[columns], format.value, title=f"Evidence about {name}"), output)


@app.command()
def validate(
    store: StoreOption = None,
    output: OutOption = None,
) -> None:
    """Check the graph against the SHACL shapes; exit 1 on violations."""
    with open_graph(store, read_only=True) as kg:
        report = kg.validate()
    emit(report.to_text(), output)
    if not report.conforms:
        raise typer.Exit(1)


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
    from cikg.output import render
    if (text is None) == (file is None):
        raise typer.BadParameter("give a query text or --file, not both")
    if file is not None and not file.is_file():
        raise CikgError(f"{file}: no such query file")
    sparql_text = text if text is not None else file.read_text("utf-8")  # type: ignore[union-attr]
    if update:
        with open_graph(store, read_only=False) as kg:
            kg.store.update(sparql_text)
        typer.echo("update done", err=True)
        return
    with open_graph(store, read_only=True) as kg:
        frame = kg.sparql(sparql_text, limit=limit, timeout=timeout)
    emit(render(frame, format.value), output)


@app.command()
def stats(store: StoreOption = None, format: FormatOption = Format.table,
          output: OutOption = None) -> None:
    """Triples per named graph."""
    from cikg.output import render
    with open_graph(store, read_only=True) as kg:
        frame = kg.stats()
    emit(render(frame, format.value, title="Triples per graph"), output)


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    format: Annotated[ExportFormat | None, typer.Option(
        "--format", "-f", help="trig or nquads (default: from the file suffix).")] = None,
    store: StoreOption = None,
) -> None:
    """Export every named graph as TriG or N-Quads."""
    fmt = format.value if format else ("nquads" if output.suffix == ".nq" else "trig")
    with open_graph(store, read_only=True) as kg:
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
    emit(json.dumps(parsed.to_contract(), ensure_ascii=False, indent=2) + "\n", output)


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", help="Directory for the demo outputs.")
                   ] = Path("demo-out"),
    sources: Annotated[list[Path] | None, typer.Option(
        "--sources", help="Sources to build from (default: ./data).")] = None,
    store: StoreOption = None,
) -> None:
    """Build the demo graph from the bundled sources and write the demo outputs."""
    from cikg.demo import run_demo
    for line in run_demo(out, sources or [DEFAULT_SOURCES], store=store):
        typer.echo(line)


