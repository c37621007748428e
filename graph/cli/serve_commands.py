"""``cikg serve``: the read-only SPARQL endpoint and web page."""

from __future__ import annotations

from typing import Annotated

import typer

from cikg.errors import CikgError

from .common import StoreOption, app


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    timeout: Annotated[float, typer.Option(
        help="Seconds a query may run; past it the query is stopped and the client "
             "gets 503.")] = 60.0,
    render_timeout: Annotated[float, typer.Option(
        "--render-timeout", help="Seconds a view or a briefing may take to render.")
    ] = 120.0,
    max_rows: Annotated[int, typer.Option(
        "--max-rows", help="Result cap: a result with more rows (or triples) gets 422."
    )] = 100_000,
    max_query_bytes: Annotated[int, typer.Option(
        "--max-query-bytes", help="Longest query accepted; a longer one gets 413.")
    ] = 256 * 1024,
    workers: Annotated[int | None, typer.Option(
        help="Queries that run at once, one process each (default: CPU count, at least 2)."
    )] = None,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", help="More Host header names to accept (repeatable; '*' for any), "
                             "for a server reached under a name.")] = None,
    store: StoreOption = None,
) -> None:
    """Serve the store read-only: SPARQL 1.1 endpoint at /sparql, web page at /."""
    from cikg.serve import ServeSettings, check_spec
    from cikg.serve import serve as run
    from cikg.store import default_spec, open_store

    spec = check_spec(store or default_spec())
    if spec.startswith("oxigraph:"):
        open_store(spec, read_only=True).close()  # a clear error before the server starts
    try:
        settings = ServeSettings(spec=spec, host=host, port=port, timeout=timeout,
                                 render_timeout=render_timeout, max_rows=max_rows,
                                 max_query_bytes=max_query_bytes,
                                 allow_hosts=tuple(allow_host or ()),
                                 **({"workers": workers} if workers else {}))
        from cikg.serve import allowed_hosts
        allowed_hosts(settings)
    except ValueError as exc:
        raise CikgError(str(exc)) from None
    typer.echo(f"cikg serve: {spec} read-only at http://{host}:{port}/ (SPARQL endpoint "
               f"/sparql; timeout {timeout:g} s, cap {max_rows:,} rows); Ctrl-C stops",
               err=True)
    run(settings, log_level="warning")
