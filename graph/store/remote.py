"""Any SPARQL 1.1 Protocol server (Oxigraph server, Fuseki, Virtuoso, GraphDB, Neptune).

The spec is the server's query endpoint. The update endpoint is its sibling
``update`` path (Oxigraph: ``/query`` and ``/update``; Fuseki: ``/ds/query`` and
``/ds/update``); a fragment overrides it: ``http://h/sparql#update=http://h/sparql``.
The union default graph is a server setting: ``oxigraph serve
--union-default-graph``, Fuseki ``tdb:unionDefaultGraph true``, GraphDB and
Virtuoso by default.
"""

from __future__ import annotations

import io
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from typing import BinaryIO

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from .base import (
    QUERY_TIMEOUT,
    RESULT_CAP,
    QueryResult,
    check_quads,
    collect_rows,
    covers,
    insert_data_text,
    one_line,
    query_form,
)

__all__ = ["RemoteStore"]

ACCEPT = {
    "SELECT": "application/sparql-results+json",
    "ASK": "application/sparql-results+json",
    "CONSTRUCT": "application/n-triples",
    "DESCRIBE": "application/n-triples",
}
GRAPHS_QUERY = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
QUADS_QUERY = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def _endpoints(spec: str) -> tuple[str, str]:
    url, _, fragment = spec.partition("#")
    options = dict(urllib.parse.parse_qsl(fragment))
    head, _, last = url.rstrip("/").rpartition("/")
    default_update = f"{head}/update" if last in ("query", "sparql") else url
    return url, options.get("update", default_update)


class RemoteStore:
    """A store reached over HTTP by the SPARQL 1.1 Protocol."""

    def __init__(self, spec: str, *, timeout: float = QUERY_TIMEOUT) -> None:
        self.spec = spec
        self.query_url, self.update_url = _endpoints(spec)
        self.timeout = timeout

    def _post(self, url: str, body: str, content_type: str, accept: str,
              timeout: float | None) -> tuple[bytes, str]:
        request = urllib.request.Request(
            url, data=body.encode("utf-8"), method="POST",
            headers={"Content-Type": content_type, "Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=timeout or self.timeout) as response:
                return response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            message = one_line(" ".join(detail)) if detail else exc.reason
            if 400 <= exc.code < 500:
                raise QueryError(f"{url} refused the request ({exc.code}): {message}") from None
            raise StoreError(f"{url} failed ({exc.code}): {message}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach the SPARQL endpoint {url}: {reason}") from None

    def replace(self, graphs: set[ox.NamedNode], quads: Iterable[ox.Quad]) -> int:
        # one Update request: servers run it as one transaction
        batch = list(check_quads(quads, graphs))
        existing = {g for g in self.graphs() if covers(graphs, g)} | graphs
        self.update(insert_data_text(existing, batch))
        return len(batch)

    def graphs(self) -> set[ox.NamedNode]:
        result = self.query(GRAPHS_QUERY, limit=None)
        assert not isinstance(result, (bool, list))
        return {row[0] for row in result.rows if isinstance(row[0], ox.NamedNode)}

    def query(self, sparql: str, *, limit: int | None = RESULT_CAP,
              timeout: float | None = QUERY_TIMEOUT) -> QueryResult:
        form = query_form(sparql)
        if form == "UPDATE":
            raise QueryError("queries are read-only: use update() (cikg sparql --update) to write")
        data, _ = self._post(self.query_url, sparql, "application/sparql-query",
                             ACCEPT[form], timeout)
        if form in ("CONSTRUCT", "DESCRIBE"):
            return [q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
        try:
            result = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.query_url} sent results that do not parse: {exc}") from None
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        variables = [v.value for v in result.variables]
        rows = (tuple(solution[i] for i in range(len(variables))) for solution in result)
        return collect_rows(variables, rows, limit=limit, timeout=timeout)

    def update(self, sparql: str) -> None:
        self._post(self.update_url, sparql, "application/sparql-update", "*/*", None)

    def dump(self, out: BinaryIO, *, format: str = "trig") -> None:
        if format not in ("trig", "nquads"):
            raise StoreError(f"unknown export format {format!r}; use trig or nquads")
        result = self.query(QUADS_QUERY, limit=None, timeout=None)
        assert not isinstance(result, (bool, list))
        quads = [ox.Quad(s, p, o, g) for s, p, o, g in result.rows]  # type: ignore[arg-type]
        buffer = io.BytesIO()
        ox.serialize(quads, buffer, format=ox.RdfFormat.TRIG if format == "trig"
                     else ox.RdfFormat.N_QUADS)
        out.write(buffer.getvalue())

    def close(self) -> None:
        """Nothing to release: every request has its own connection."""
