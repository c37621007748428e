"""The ASGI app of ``cikg serve`` (Starlette): SPARQL 1.1 Protocol endpoint and web page.

Routes
------
``/sparql``               SPARQL 1.1 Protocol query endpoint (GET, POST form, POST direct)
``/update``               refuses SPARQL Update (403): the endpoint is read-only
``/``                     the web page (catalog, SPARQL editor, views, ontology)
``/static/...``           its assets (package data; nothing comes from a CDN)
``/api/info``             prefixes, limits, version (JSON)
``/api/catalog``          the query catalog (JSON); ``/api/catalog/NAME`` runs one (JSON),
                          ``/api/catalog/NAME.csv`` downloads its CSV
``/api/views``            the views (and briefings) this cikg offers
``/views/NAME``           an interactive view (offline HTML page)
``/briefing``             a briefing, where the API offers ``kg.brief``
``/ontology``             the ontology reference; ``/ontology.ttl`` and
                          ``/ontology/NAME.ttl`` (taxonomies) the Turtle
``/healthz``              worker counters (JSON)
"""

from __future__ import annotations

import contextlib
import inspect
import re
from collections.abc import AsyncIterator
from importlib.resources import files
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .config import ServeSettings, allowed_hosts, split_host
from .engine import Reply
from .pool import WorkerPool
from .results import PREFIXES

__all__ = ["create_app", "HostGuard", "is_update"]

APP_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
           "connect-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'; "
           "object-src 'none'")
# views are single offline files with inline vis-network: inline code, no network
VIEW_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            "img-src data: blob:; font-src data:; frame-ancestors 'self'; base-uri 'none'; "
            "form-action 'none'")
# the first operation keyword that is not part of a name (?insert, drop:p, ex:select)
_OPERATION = re.compile(r"(?<![\w:?$.-])(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|"
                        r"CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)(?![\w:.-])", re.IGNORECASE)
# IRIs, strings and comments, where keywords do not count
_NOISE = re.compile(r"<[^<>\s]*>|\"\"\"[\s\S]*?\"\"\"|'''[\s\S]*?'''"
                    r"|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#[^\n]*")
_QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_FORM_TYPES = ("application/x-www-form-urlencoded",)
READ_ONLY = ("this endpoint is read-only: SPARQL Update is refused; run updates with "
             "`cikg sparql --update` on the store itself")


def is_update(text: str) -> bool:
    """Whether a request text is a SPARQL Update rather than a query.

    Examples
    --------
    The first operation keyword outside IRIs, strings, comments and names decides, so
    ``PREFIX drop: <...> SELECT ...`` is a query and ``WITH <g> DELETE ...`` an update.

    Examples
    --------
    >>> is_update("DROP ALL"), is_update("PREFIX drop: <x:> SELECT * { ?s drop:p ?drop }")
    (True, False)
    """
    match = _OPERATION.search(_NOISE.sub(" ", text))
    return match is not None and match.group(1).upper() not in _QUERY_FORMS


class HostGuard:
    """Refuse requests whose ``Host`` header names another host or port (400).

    Starlette's ``TrustedHostMiddleware`` compares host names only; a DNS-rebinding
    page reaches a loopback server under its own name *and* the server's port, so
    both are checked here.
    """

    def __init__(self, app: ASGIApp, *, allowed: set[tuple[str, int | None]] | None) -> None:
        self.app, self.allowed = app, allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.allowed is not None:
            values = [v.decode("latin-1") for k, v in scope["headers"] if k == b"host"]
            host = split_host(values[0]) if len(values) == 1 else None
            if host is None or host not in self.allowed:
                shown = values[0][:100] if values else "(none)"
                response = PlainTextResponse(
                    f"invalid Host header {shown!r}: this server answers only to "
                    f"{', '.join(sorted(f'{h}:{p}' for h, p in self.allowed if p))}\n",
                    status_code=400)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class SecurityHeaders:
    """Add ``nosniff``, a referrer policy and a default CSP to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", APP_CSP.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _reply(reply: Reply) -> Response:
    status, media, body, headers = reply
    return Response(body, status_code=status, media_type=media, headers=headers)


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(message.rstrip() + "\n", status_code=status, headers=headers)


async def _body(request: Request, limit: int) -> bytes | Response:
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            return _text(400, "Content-Length is not a number")
        if int(declared) > limit:
            return _text(413, f"the request body has {int(declared):,} bytes; queries are "
                         f"limited to {limit:,} bytes (restart with a larger "
                         "--max-query-bytes)")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return _text(413, f"the request body is over {limit:,} bytes; queries are limited "
                         f"to {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(settings: ServeSettings, *, pool: WorkerPool | None = None) -> Starlette:
    """Return the ASGI app serving *settings.spec*.

    Parameters
    ----------
    settings : ServeSettings
        Store, limits, bind address (for the Host check).
    pool : WorkerPool, optional
        The query workers; by default one is made and started with the app.

    Raises
    ------
    ValueError
        For a wildcard bind without allowed host names.
    """
    guard_hosts = allowed_hosts(settings)
    pool = pool or WorkerPool(settings.spec, workers=settings.workers,
                              max_rows=settings.max_rows, timeout=settings.timeout)
    static = files("cikg.serve").joinpath("static")
    index_html = static.joinpath("index.html").read_bytes()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    async def sparql(request: Request) -> Response:
        params = list(request.query_params.multi_items())
        if request.method == "POST":
            content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            body = await _body(request, settings.max_query_bytes)
            if isinstance(body, Response):
                return body
            if content_type == "application/sparql-update":
                return _text(403, READ_ONLY)
            if content_type in _FORM_TYPES:
                try:
                    form = parse_qsl(body.decode("utf-8"), keep_blank_values=True,
                                     strict_parsing=False, max_num_fields=1000)
                except (UnicodeDecodeError, ValueError) as exc:
                    return _text(400, f"the form body does not parse: {exc}")
                params += form
            elif content_type == "application/sparql-query":
                try:
                    params.append(("query", body.decode("utf-8")))
                except UnicodeDecodeError:
                    return _text(400, "the query is not UTF-8 text")
            else:
                return _text(415, f"unsupported Content-Type {content_type or '(none)'!r}: "
                             "POST application/sparql-query or "
                             "application/x-www-form-urlencoded (query=...)")
        if any(k == "update" for k, _ in params):
            return _text(403, READ_ONLY)
        queries = [v for k, v in params if k == "query"]
        if len(queries) != 1:
            return _text(400, "pass exactly one query: GET /sparql?query=..., or POST it as "
                         "application/sparql-query or as the form field query"
                         if not queries else "pass exactly one query parameter, not "
                         f"{len(queries)}")
        query = queries[0]
        if len(query.encode("utf-8")) > settings.max_query_bytes:
            return _text(413, f"the query has {len(query.encode('utf-8')):,} bytes; queries are "
                         f"limited to {settings.max_query_bytes:,} bytes")
        if not query.strip():
            return _text(400, "the query is empty")
        if is_update(query):
            return _text(403, READ_ONLY)
        args = {"query": query, "accept": request.headers.get("accept"),
                "fmt": next((v for k, v in params if k == "format"), None),
                "default_graphs": [v for k, v in params if k == "default-graph-uri"],
                "named_graphs": [v for k, v in params if k == "named-graph-uri"]}
        response = _reply(await pool.call("sparql", args))
        response.headers["Vary"] = "Accept"
        return response

    async def update(request: Request) -> Response:
        return _text(403, READ_ONLY)

    async def index(request: Request) -> Response:
        return Response(index_html, media_type="text/html; charset=utf-8")

    async def info(request: Request) -> Response:
        from cikg import __version__
        return JSONResponse({"version": __version__, "prefixes": PREFIXES,
                             "timeout": settings.timeout, "max_rows": settings.max_rows,
                             "render_timeout": settings.render_timeout,
                             "max_query_bytes": settings.max_query_bytes,
                             "workers": settings.workers, "endpoint": "/sparql"})

    async def catalog_list(request: Request) -> Response:
        from cikg.queries import catalog
        entries = []
        for entry in catalog().values():
            entries.append({
                "name": entry.name, "title": entry.title, "question": entry.question,
                "columns": list(entry.columns), "example": entry.example,
                "params": [{"name": p.name, "type": p.type, "required": p.required,
                            "default": p.default, "doc": p.doc} for p in entry.params]})
        return JSONResponse(entries)

    async def catalog_run(request: Request) -> Response:
        from cikg.queries import catalog
        name = request.path_params["name"]
        fmt = "json"
        if name.endswith(".csv"):
            name, fmt = name[:-4], "csv"
        entry = catalog().get(name)
        if entry is None:
            return _text(404, f"unknown catalog query {name!r}; GET /api/catalog lists them")
        known = {p.name for p in entry.params}
        values = {}
        for key, value in request.query_params.multi_items():
            if key not in known:
                return _text(400, f"query {name}: unknown parameter {key!r}; it takes "
                             f"{', '.join(sorted(known)) or 'none'}")
            if value.strip():
                values[key] = value
        return _reply(await pool.call("catalog", {"name": name, "params": values, "fmt": fmt}))

    async def views_list(request: Request) -> Response:
        return JSONResponse(discover_views())

    async def view(request: Request) -> Response:
        name = request.path_params["name"]
        offered = {v["name"]: v for v in discover_views()["views"]}
        if name not in offered:
            return _text(404, f"unknown view {name!r}; this cikg offers "
                         f"{', '.join(sorted(offered))}")
        args = request.query_params.getlist("arg")
        if len(args) != offered[name]["args"]:
            return _text(400, f"the {name} view takes {offered[name]['args']} argument(s) "
                         f"(?arg=...), got {len(args)}")
        known = {p["name"] for p in offered[name]["params"]}
        params = {k: v for k, v in request.query_params.items() if k != "arg" and v.strip()}
        unknown = sorted(set(params) - known)
        if unknown:
            return _text(400, f"view {name}: unknown parameter {unknown[0]!r}; it takes "
                         f"{', '.join(sorted(known | {'arg'}))}")
        response = _reply(await pool.call("view", {"name": name, "args": args,
                                                   "params": params},
                                          timeout=settings.render_timeout))
        response.headers["Content-Security-Policy"] = VIEW_CSP
        return response

    async def briefing(request: Request) -> Response:
        if discover_views()["briefing"] is None:
            return _text(404, "briefings are not available in this version of cikg")
        response = _reply(await pool.call("brief", {"params": dict(request.query_params)},
                                          timeout=settings.render_timeout))
        response.headers["Content-Security-Policy"] = VIEW_CSP
        return response

    async def ontology_page(request: Request) -> Response:
        from .reference import reference_html
        return Response(reference_html(), media_type="text/html; charset=utf-8")

    async def ontology_turtle(request: Request) -> Response:
        from cikg.ontology import ontology_text
        return Response(ontology_text(), media_type="text/turtle; charset=utf-8")

    async def taxonomy_turtle(request: Request) -> Response:
        from cikg.ontology import TAXONOMIES, vocabulary_graphs
        name = request.path_params["name"]
        if name not in TAXONOMIES:
            return _text(404, f"no taxonomy {name!r}; there are {', '.join(TAXONOMIES)}")
        text = next(t for g, t in vocabulary_graphs().items() if g.endswith(f"/{name}"))
        return Response(text, media_type="text/turtle; charset=utf-8")

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", **pool.snapshot()})

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        detail = exc.detail if exc.status_code != 404 else f"not found: {request.url.path}"
        return _text(exc.status_code, str(detail), getattr(exc, "headers", None))

    async def server_error(request: Request, exc: Exception) -> Response:
        return _text(500, f"internal error: {type(exc).__name__}; the server goes on")

    routes = [
        Route("/", index),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/update", update, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
        Route("/api/info", info),
        Route("/api/catalog", catalog_list),
        Route("/api/catalog/{name}", catalog_run),
        Route("/api/views", views_list),
        Route("/views/{name}", view),
        Route("/briefing", briefing),
        Route("/ontology", ontology_page),
        Route("/ontology.ttl", ontology_turtle),
        Route("/ontology/{name}.ttl", taxonomy_turtle),
        Route("/healthz", health),
        Mount("/static", StaticFiles(packages=[("cikg.serve", "static")]), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={HTTPException: http_error, Exception: server_error})
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HostGuard, allowed=guard_hosts)
    app.state.pool = pool
    app.state.settings = settings
    return app


def discover_views() -> dict[str, Any]:
    """Return the views ``KnowledgeGraph.view`` offers and whether briefings exist.

    The names come from the API where it lists them (``VIEWS`` on :mod:`cikg.api`,
    :mod:`cikg.views` or ``KnowledgeGraph``), else from the default of ``view(name=)``;
    the parameters from the signature of ``view``.

    Examples
    --------
    >>> "landscape" in [v["name"] for v in discover_views()["views"]]
    True
    """
    import cikg.api
    import cikg.views
    from cikg.api import KnowledgeGraph

    listed: Any = None
    for owner in (cikg.api, cikg.views, KnowledgeGraph):
        listed = getattr(owner, "VIEWS", None)
        if listed:
            break
    signature = inspect.signature(KnowledgeGraph.view)
    if listed:  # a sequence of names, or a mapping name -> number of positional arguments
        names = {str(n): (listed[n] if isinstance(listed, dict) and isinstance(listed[n], int)
                          else 0) for n in listed}
    else:
        default = signature.parameters.get("name")
        names = {default.default: 0} if default and isinstance(default.default, str) else {}
    params = [_param(p) for p in view_options(signature).values()]
    doc = (inspect.getdoc(KnowledgeGraph.view) or "").split("\n\n")[0].replace("\n", " ")
    views = [{"name": name, "url": f"/views/{name}", "args": count, "params": params,
              "doc": doc} for name, count in names.items()]
    brief = getattr(KnowledgeGraph, "brief", None)
    briefing = None
    if brief is not None:
        briefing = {"url": "/briefing",
                    "params": [_param(p) for p in inspect.signature(brief).parameters.values()
                               if p.name != "self" and p.kind is not p.VAR_KEYWORD]}
    return {"views": views, "briefing": briefing}


#: Options of ``KnowledgeGraph.view`` the page does not offer (the server answers HTML).
_HIDDEN_OPTIONS = ("self", "name", "format", "params")


def view_options(signature: inspect.Signature) -> dict[str, inspect.Parameter]:
    """Return the keyword options of ``view`` a request may set (str, int, float, bool)."""
    return {p.name: p for p in signature.parameters.values()
            if p.name not in _HIDDEN_OPTIONS and p.kind in (p.KEYWORD_ONLY,
                                                              p.POSITIONAL_OR_KEYWORD)
            and (p.default is None or isinstance(p.default, (str, int, float, bool)))}


def _param(p: inspect.Parameter) -> dict[str, Any]:
    default = None if p.default is inspect.Parameter.empty else p.default
    return {"name": p.name, "required": p.default is inspect.Parameter.empty,
            "default": default if isinstance(default, (str, int, float, bool)) else None}
