"""What a query worker runs: the store opened read-only, and one function per job.

An :class:`Engine` lives in a worker process (see :mod:`cikg.serve.pool`), so that a
query that runs past its timeout can be stopped by ending the process: the embedded
Oxigraph cannot cancel a running query. Every job returns a :data:`Reply` (status,
media type, body, headers) that crosses the process boundary as plain bytes.

On ``oxigraph:PATH`` raw SPARQL goes to pyoxigraph directly (rows and triples are
streamed and cut at the cap, so memory stays bounded); other backends go through
the :class:`cikg.store.Store` protocol. The store is reopened when its files change
(checked at most once a second), so the endpoint sees what a writer commits beside it.
"""

from __future__ import annotations

import inspect
import json
import os
import time
from itertools import islice
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from cikg.errors import CikgError, QueryError, StoreError
from cikg.store import SelectResult
from cikg.store.base import one_line

from .results import NotAcceptable, negotiate, write_boolean, write_graph, write_select

__all__ = ["Engine", "Reply", "error", "OVER_CAP", "over_cap_message"]

#: (status, media type, body, extra headers)
Reply = tuple[int, str, bytes, dict[str, str]]
TEXT = "text/plain; charset=utf-8"
#: The status of a result over the row cap: the request was understood, but the
#: server will not produce that much (the client narrows the query or adds LIMIT).
OVER_CAP = 422
REFRESH_SECONDS = 1.0


def error(status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
    """Return an error reply: one line of plain text."""
    return status, TEXT, (message.rstrip() + "\n").encode("utf-8"), headers or {}


def over_cap_message(cap: int) -> str:
    """The message of a result over the cap."""
    return (f"the result has more than {cap:,} rows, the cap of this endpoint; add LIMIT "
            "(and OFFSET to page), narrow the query, or restart the server with a larger "
            "--max-rows")


def _fingerprint(path: Path) -> tuple:
    try:
        return tuple(sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns)
                            for e in os.scandir(path)))
    except OSError:
        return ()


def _coerce(text: str, default: object) -> object:
    """Return a request's text as the type of a parameter's default (None: it does not fit).

    Examples
    --------
    >>> _coerce("2", 1), _coerce("no", True), _coerce("x", 1), _coerce("CN", None)
    (2, False, None, 'CN')
    """
    try:
        if isinstance(default, bool):
            if text.lower() not in ("1", "0", "true", "false", "yes", "no"):
                return None
            return text.lower() in ("1", "true", "yes")
        if isinstance(default, int):
            return int(text)
        if isinstance(default, float):
            return float(text)
    except ValueError:
        return None
    return text


class Engine:
    """A read-only view of the store *spec* that answers jobs.

    Parameters
    ----------
    spec : str
        ``oxigraph:PATH`` or an ``http(s)://`` endpoint (``memory:`` has nothing to
        serve across processes and is refused by :func:`cikg.serve.check_spec`).
    max_rows : int
        The result cap: rows of a SELECT, triples of a CONSTRUCT or DESCRIBE.
    """

    def __init__(self, spec: str, *, max_rows: int) -> None:
        self.spec = spec
        self.max_rows = max_rows
        kind, _, rest = spec.partition(":")
        self.path = Path(rest or "cikg-data") if kind == "oxigraph" else None
        self._ox: ox.Store | None = None
        self._kg: Any = None
        self._fingerprint: tuple = ()
        self._checked = 0.0
        self._refresh(force=True)

    # -------------------------------------------------------------- store handles

    def _refresh(self, *, force: bool = False) -> None:
        if self.path is None:
            return
        now = time.monotonic()
        if not force and now - self._checked < REFRESH_SECONDS:
            return
        self._checked = now
        current = _fingerprint(self.path)
        if force or current != self._fingerprint:
            try:
                self._ox = ox.Store.read_only(str(self.path))
            except OSError as exc:
                raise StoreError(f"cannot open the store {self.path}: {one_line(exc)}"
                                 ) from None
            if self._kg is not None:
                self._kg.close()
            self._kg = None
            self._fingerprint = current

    def kg(self) -> Any:
        """Return the :class:`cikg.api.KnowledgeGraph` (opened read-only on first use)."""
        self._refresh()
        if self._kg is None:
            from cikg.api import open as open_graph
            self._kg = open_graph(self.spec, read_only=True)
        return self._kg

    # -------------------------------------------------------------- jobs

    def run(self, job: str, args: dict[str, Any]) -> Reply:
        """Answer one job (``sparql``, ``catalog``, ``view``, ``brief``, ``ping``)."""
        try:
            if job == "sparql":
                return self.sparql(**args)
            if job == "catalog":
                return self.catalog(**args)
            if job == "view":
                return self.view(**args)
            if job == "brief":
                return self.brief(**args)
            if job == "ping":
                self._refresh()
                return 200, TEXT, b"ok\n", {}
            return error(400, f"unknown job {job!r}")
        except NotAcceptable as exc:
            return error(406, str(exc))
        except QueryError as exc:
            return error(400, str(exc))
        except StoreError as exc:
            return error(500, str(exc))
        except CikgError as exc:
            return error(400, str(exc))
        except MemoryError:
            return error(507, "the query needs more memory than the server has; narrow it")

    def sparql(self, query: str, accept: str | None = None, fmt: str | None = None,
               default_graphs: list[str] | None = None,
               named_graphs: list[str] | None = None) -> Reply:
        """Run a read-only query and serialize its result for the client."""
        cap = self.max_rows
        if self.path is not None:
            self._refresh()
            assert self._ox is not None
            options: dict[str, Any] = {"use_default_graph_as_union": not default_graphs}
            if default_graphs:
                options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
            if named_graphs:
                options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
            try:
                result = self._ox.query(query, **options)
                if isinstance(result, ox.QueryBoolean):
                    return self._boolean(bool(result), accept, fmt)
                if isinstance(result, ox.QueryTriples):
                    media = negotiate("GRAPH", accept, fmt)
                    triples = list(islice(result, cap + 1))
                    if len(triples) > cap:
                        return error(OVER_CAP, over_cap_message(cap))
                    return 200, media, write_graph(triples, media), {}
                media = negotiate("SELECT", accept, fmt)
                variables = [v.value for v in result.variables]
                width = range(len(variables))
                rows = [tuple(s[i] for i in width) for s in islice(result, cap + 1)]
            except (SyntaxError, ValueError) as exc:
                return error(400, f"SPARQL syntax error: {one_line(exc, width=400)}")
            except OSError as exc:
                return error(500, f"query failed: {one_line(exc)}")
            if len(rows) > cap:
                return error(OVER_CAP, over_cap_message(cap))
            return 200, media, write_select(variables, rows, media), {}
        if default_graphs or named_graphs:
            return error(400, "default-graph-uri and named-graph-uri are not supported over "
                         f"{self.spec}; use FROM and FROM NAMED in the query")
        result = self.kg().store.query(query, limit=cap, timeout=None)
        if isinstance(result, bool):
            return self._boolean(result, accept, fmt)
        if isinstance(result, list):
            media = negotiate("GRAPH", accept, fmt)
            if len(result) > cap:
                return error(OVER_CAP, over_cap_message(cap))
            return 200, media, write_graph(result, media), {}
        assert isinstance(result, SelectResult)
        media = negotiate("SELECT", accept, fmt)
        if result.truncated:
            return error(OVER_CAP, over_cap_message(cap))
        return 200, media, write_select(result.variables, result.rows, media), {}

    def _boolean(self, value: bool, accept: str | None, fmt: str | None) -> Reply:
        media = negotiate("ASK", accept, fmt)
        return 200, media, write_boolean(value, media), {}

    def catalog(self, name: str, params: dict[str, str], fmt: str = "json") -> Reply:
        """Run the catalog query *name* as the CLI does; answer JSON or CSV."""
        from cikg import queries
        from cikg.output import render

        kg = self.kg()
        entry = queries.get_query(name)
        runner = getattr(queries, "run", None)
        if runner is not None:
            frame = runner(kg.store, entry, dict(params), limit=self.max_rows, timeout=None)
        else:  # an older catalog without its own runner
            frame = kg.query(name, limit=self.max_rows, timeout=None, **params)
        if frame.attrs.get("truncated"):
            return error(OVER_CAP, over_cap_message(self.max_rows))
        if fmt == "csv":
            headers = {"Content-Disposition": f'attachment; filename="{name}.csv"'}
            return 200, "text/csv; charset=utf-8", render(frame, "csv").encode("utf-8"), headers
        records = json.loads(render(frame, "json"))
        columns = [str(c) for c in frame.columns]
        body = {"query": name, "columns": columns,
                "rows": [[record[c] for c in columns] for record in records],
                "truncated": False}
        return 200, "application/json", json.dumps(body, ensure_ascii=False).encode("utf-8"), {}

    def view(self, name: str, args: list[str], params: dict[str, str]) -> Reply:
        """Render the interactive view *name* (an offline HTML page)."""
        from .app import view_options

        kg = self.kg()
        options = view_options(inspect.signature(kg.view))
        values: dict[str, Any] = {}
        for key, text in params.items():
            if key not in options:
                return error(400, f"view {name}: unknown parameter {key!r}")
            default = options[key].default
            values[key] = _coerce(text, default)
            if values[key] is None:
                return error(400, f"view {name}: {key}={text!r} is not a valid "
                             f"{type(default).__name__}")
        try:
            page = kg.view(name, *args, **values)
        except TypeError as exc:
            return error(400, f"view {name}: {exc}")
        html = getattr(page, "html", None)
        if not isinstance(html, str):
            return error(500, f"view {name} gave {type(page).__name__}, not an HTML page")
        return 200, "text/html; charset=utf-8", html.encode("utf-8"), {}

    def brief(self, params: dict[str, str]) -> Reply:
        """Render a briefing where the API offers ``kg.brief``."""
        kg = self.kg()
        if not hasattr(kg, "brief"):
            return error(404, "briefings are not available in this version of cikg")
        accepted = {p.name: p for p in inspect.signature(kg.brief).parameters.values()
                    if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
        values: dict[str, Any] = {}
        for key, text in params.items():
            if key not in accepted:
                return error(400, f"brief: unknown parameter {key!r}; it takes "
                             f"{', '.join(accepted)}")
            values[key] = _coerce(text, accepted[key].default)
            if values[key] is None:
                return error(400, f"brief: {key}={text!r} is not a valid "
                             f"{type(accepted[key].default).__name__}")
        try:
            result = kg.brief(**values)
        except TypeError as exc:
            return error(400, f"brief: {exc}")
        for attr, media in (("to_html", "text/html"), ("html", "text/html"),
                            ("to_markdown", "text/markdown"), ("markdown", "text/markdown")):
            value = getattr(result, attr, None)
            body = value() if callable(value) else value
            if isinstance(body, str):
                return 200, f"{media}; charset=utf-8", body.encode("utf-8"), {}
        if isinstance(result, str):
            return 200, "text/markdown; charset=utf-8", result.encode("utf-8"), {}
        return error(500, f"brief returned {type(result).__name__}, which cannot be served")

    def close(self) -> None:
        """Release the store handles."""
        if self._kg is not None:
            self._kg.close()
        self._kg = self._ox = None
