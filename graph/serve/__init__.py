"""``cikg serve``: a read-only SPARQL 1.1 Protocol endpoint and an offline web page.

The app is Starlette on uvicorn. Queries run in worker processes that open the store
read-only (so the server runs beside a writer) and are ended at the timeout
(:mod:`cikg.serve.pool`); results are capped (:mod:`cikg.serve.engine`) and
negotiated (:mod:`cikg.serve.results`); the page and its assets are package data
(``static/``), so nothing loads from a CDN.
"""

from __future__ import annotations

from .config import ServeSettings, allowed_hosts, check_spec

__all__ = ["ServeSettings", "create_app", "serve", "check_spec", "allowed_hosts"]


def create_app(settings: ServeSettings):  # noqa: ANN201 - a Starlette app
    """Return the ASGI app for *settings* (see :func:`cikg.serve.app.create_app`)."""
    from .app import create_app as make

    return make(settings)


def serve(settings: ServeSettings, *, log_level: str = "info") -> None:
    """Run the server until interrupted (uvicorn, one process, workers for queries).

    Raises
    ------
    StoreError
        When the store cannot be served or opened.
    ValueError
        For settings that do not hold (a wildcard bind without ``allow_hosts``).
    """
    import uvicorn

    check_spec(settings.spec)
    app = create_app(settings)
    config = uvicorn.Config(app, host=settings.host, port=settings.port, log_level=log_level,
                            server_header=False, proxy_headers=False, access_log=False,
                            timeout_graceful_shutdown=5, lifespan="on")
    uvicorn.Server(config).run()
