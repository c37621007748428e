"""The catalog of analyst questions: ``*.rq`` files with a metadata header, and the runner.

A query file starts with ``#`` header lines, then the SPARQL text::

    # title: Companies by country
    # question: Which countries host the profiled companies, and how many each?
    # param: country (string, optional): ISO 3166-1 alpha-2 code to keep
    # columns: country, country_name, companies, names
    # lists: names
    # example: cikg query companies-by-country -p country=CN

``param`` lines read ``name (type[, optional][, default=X]): doc``. Types are RDF
literal types (``string``, ``integer``, ``decimal``, ``boolean``, ``date``), ``iri``,
and entity types (``company``, ``region``, ``material``, ``application``, ``market``,
``source``, ``entity``) whose value is a name, alias or IRI that the runner resolves
against the store (:mod:`cikg.queries.entities`). A parameter ``country`` is the
variable ``?arg_country`` in the query text (parameter and column names never clash).
Values are bound as RDF terms in a ``VALUES`` block that the runner puts at the top of
the outermost ``WHERE`` group; they are never pasted into the query text. An optional
parameter left out stays unbound: queries test it with ``!BOUND(?arg_x) || ...``.

``lists`` names ``GROUP_CONCAT`` columns the runner sorts, and ``postprocess`` a
function of :mod:`cikg.queries.post` that derives columns SPARQL cannot compute on
every engine. Catalog queries are SELECT queries (checked when the catalog is read);
the runner gives each a timeout and a row cap that the caller can change.
"""

from __future__ import annotations

import re
import shlex
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode

from cikg.errors import QueryError
from cikg.store import QUERY_TIMEOUT, RESULT_CAP, SelectResult, query_form

from .entities import ENTITY_TYPES, resolve_name
from .post import POSTPROCESS, sort_lists

if TYPE_CHECKING:
    import pandas as pd

    from cikg.store import Store

__all__ = ["Param", "CatalogQuery", "catalog", "get_query", "bind", "run", "catalog_table",
           "example_params", "TYPES"]

XSD = "http://www.w3.org/2001/XMLSchema#"
LITERAL_TYPES = ("string", "integer", "decimal", "boolean", "date", "iri")
TYPES = LITERAL_TYPES + tuple(ENTITY_TYPES)
_PARAM = re.compile(r"(?P<name>\w+)\s*\((?P<type>\w+)(?:,\s*(?P<flag>optional|required))?"
                    r"(?:,\s*default\s*=\s*(?P<default>[^)]*))?\)\s*:\s*(?P<doc>.*)")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_SUBSELECT = re.compile(r"(?:\s|#[^\n]*\n)*SELECT\b", re.IGNORECASE)
_RESERVED = {"limit", "timeout", "query_name"}


@dataclass(frozen=True)
class Param:
    """A catalog query parameter: name, type, whether it is required, default, doc."""

    name: str
    type: str
    required: bool = True
    default: str | None = None
    doc: str = ""

    @property
    def entity(self) -> bool:
        """Whether the value names an entity that the runner resolves against the store."""
        return self.type in ENTITY_TYPES

    def term(self, value: object) -> NamedNode | Literal:
        """Return *value* as an RDF term of this parameter's type.

        Entity parameters take an IRI (a ``NamedNode`` or an absolute IRI string);
        :func:`run` resolves names to IRIs before binding.

        Raises
        ------
        QueryError
            When the value does not fit the type (names the parameter).

        Examples
        --------
        >>> Param("year", "integer").term(" 2024")
        <Literal value=2024 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
        """
        if isinstance(value, NamedNode) and self.type in ("iri", *ENTITY_TYPES):
            return value
        text = str(value).strip()
        try:
            if self.type == "iri" or self.entity:
                if self.entity and not re.match(r"(https?://|urn:)", text):
                    raise QueryError(f"parameter {self.name}: {text!r} is a name; run the query "
                                     "with run() or kg.query() so that it is resolved to an IRI")
                return NamedNode(text)
            if self.type == "integer":
                return Literal(str(int(text)), datatype=NamedNode(XSD + "integer"))
            if self.type == "decimal":
                number = float(text)
                if number != number or number in (float("inf"), float("-inf")):
                    raise ValueError(text)
                return Literal(repr(number), datatype=NamedNode(XSD + "decimal"))
            if self.type == "boolean":
                if text.lower() not in ("true", "false"):
                    raise ValueError(text)
                return Literal(text.lower(), datatype=NamedNode(XSD + "boolean"))
            if self.type == "date":
                return Literal(date.fromisoformat(text).isoformat(),
                               datatype=NamedNode(XSD + "date"))
        except ValueError:
            raise QueryError(f"parameter {self.name}: {text!r} is not a valid {self.type}"
                             ) from None
        return Literal(text)

    def describe(self) -> str:
        """Return ``name (type, optional, default=X)`` as the header writes it."""
        flags = [self.type] + ([] if self.required else ["optional"])
        if self.default is not None:
            flags.append(f"default={self.default}")
        return f"{self.name} ({', '.join(flags)})"


@dataclass(frozen=True)
class CatalogQuery:
    """One catalog entry: its name (file stem), metadata and SPARQL text."""

    name: str
    title: str
    question: str
    sparql: str
    params: tuple[Param, ...] = ()
    columns: tuple[str, ...] = ()
    example: str = ""
    lists: tuple[str, ...] = ()
    postprocess: str | None = None
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def bound(self, **values: object) -> str:
        """Return the SPARQL text with *values* bound; see :func:`bind`."""
        return bind(self, values)


def _columns(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in text.split(",") if c.strip())


def _parse(name: str, text: str) -> CatalogQuery:
    meta: dict[str, str] = {}
    params: list[Param] = []
    body_lines = []
    in_header = True
    for line in text.splitlines():
        if in_header and line.startswith("#"):
            key, _, value = line.lstrip("# ").partition(":")
            key, value = key.strip().lower(), value.strip()
            if key == "param":
                match = _PARAM.fullmatch(value)
                if not match or match["type"] not in TYPES:
                    raise QueryError(f"query {name}: bad param line {value!r} (types: "
                                     f"{', '.join(TYPES)})")
                if match["name"] in _RESERVED:
                    raise QueryError(f"query {name}: parameter name {match['name']!r} is "
                                     "reserved")
                params.append(Param(match["name"], match["type"],
                                    required=match["flag"] != "optional",
                                    default=match["default"], doc=match["doc"]))
            elif key:
                meta[key] = f"{meta[key]} {value}" if key in meta else value
            continue
        in_header = False
        body_lines.append(line)
    for required in ("title", "question", "columns"):
        if required not in meta:
            raise QueryError(f"query {name}: header lacks '# {required}:'")
    sparql = "\n".join(body_lines).strip() + "\n"
    if query_form(sparql) != "SELECT":
        raise QueryError(f"query {name}: catalog queries are read-only SELECT queries")
    if params and not _WHERE.search(sparql):
        raise QueryError(f"query {name}: has parameters but no 'WHERE {{' to bind them in")
    for param in params:
        if f"?arg_{param.name}" not in sparql:
            raise QueryError(f"query {name}: parameter {param.name!r} is never used "
                             f"(write it as ?arg_{param.name})")
    columns = _columns(meta["columns"])
    lists = _columns(meta.get("lists", ""))
    if set(lists) - set(columns):
        raise QueryError(f"query {name}: lists {sorted(set(lists) - set(columns))} are not "
                         "columns")
    postprocess = meta.get("postprocess") or None
    if postprocess is not None and postprocess not in POSTPROCESS:
        raise QueryError(f"query {name}: unknown postprocess {postprocess!r}")
    return CatalogQuery(name, meta["title"], meta["question"], sparql, tuple(params),
                        columns, meta.get("example", ""), lists, postprocess, meta)


@cache
def catalog() -> dict[str, CatalogQuery]:
    """Return every catalog query by name, parsed once (lazily) from the package's ``.rq`` files.

    Examples
    --------
    >>> "companies-by-country" in catalog()
    True
    """
    entries = {}
    for resource in sorted(files(__package__).iterdir(), key=lambda r: r.name):
        if resource.name.endswith(".rq"):
            name = resource.name[:-3]
            entries[name] = _parse(name, resource.read_text("utf-8"))
    return entries


def get_query(name: str) -> CatalogQuery:
    """Return the catalog query *name*, or raise :class:`QueryError` naming close names.

    Examples
    --------
    >>> get_query("sources").columns[:2]
    ('source', 'kind')
    """
    entries = catalog()
    if name in entries:
        return entries[name]
    from difflib import get_close_matches
    near = get_close_matches(name, entries, n=3)
    hint = f"; did you mean {', '.join(near)}?" if near else "; `cikg query --list` shows them"
    raise QueryError(f"unknown query {name!r}{hint}")


def _check_names(query: CatalogQuery, values: dict[str, object]) -> None:
    known = {p.name for p in query.params}
    unknown = sorted(set(values) - known)
    if unknown:
        raise QueryError(f"query {query.name}: unknown parameter {unknown[0]!r}; "
                         f"it takes {', '.join(sorted(known)) or 'none'}")


def _value(param: Param, values: dict[str, object]) -> object:
    value = values.get(param.name)
    return param.default if value is None or value == "" else value


def bind(query: CatalogQuery, values: dict[str, object]) -> str:
    """Return the query text with parameter *values* bound as RDF terms.

    Missing optional parameters stay unbound (their default applies where one is
    declared); an unknown or missing required parameter raises :class:`QueryError`.
    Entity parameters must already be IRIs here (:func:`run` resolves names).

    Examples
    --------
    >>> q = get_query("companies-by-country")
    >>> "VALUES" in bind(q, {"country": 'CN" } ; DROP ALL ; {'})
    True
    """
    _check_names(query, values)
    names, terms = [], []
    for param in query.params:
        value = _value(param, values)
        if value is None:
            if param.required:
                raise QueryError(f"query {query.name}: parameter {param.name!r} is required "
                                 f"({param.doc})")
            continue
        names.append(f"?arg_{param.name}")
        terms.append(str(param.term(value)))
    if not names:
        return query.sparql
    block = f"\n  VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}\n"
    # the first WHERE that holds patterns: a query that is one sub-select (DISTINCT
    # before ORDER BY) takes the values inside, where its filters see them
    match = next(m for m in _WHERE.finditer(query.sparql)
                 if not _SUBSELECT.match(query.sparql, m.end()))
    return query.sparql[:match.end()] + block + query.sparql[match.end():]


def _timed_out(timeout: float) -> QueryError:
    return QueryError(f"timed out after {timeout:g} s; raise the timeout (--timeout, timeout=) "
                      "or narrow the query with parameters")


def _execute(store: Store, sparql: str, *, limit: int | None,
             timeout: float | None) -> SelectResult:
    """Run *sparql* on *store*, giving up after *timeout* seconds of evaluation.

    Stores check their timeout while rows stream; an aggregate computes every row before
    the first one, so the deadline is kept here too, with the query in a worker thread
    (pyoxigraph releases the GIL while it evaluates). A query that times out is left to
    finish in its daemon thread: the engines offer no way to cancel it.
    """
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["result"] = store.query(sparql, limit=limit, timeout=timeout)
        except BaseException as exc:  # handed to the caller's thread
            # without its frames: engine objects in them (pyoxigraph's result iterators)
            # must be dropped on the thread that made them
            link: BaseException | None = exc
            while link is not None:
                link.__traceback__ = None
                link = link.__cause__ or link.__context__
            outcome["error"] = exc

    if timeout is None:
        work()
    else:
        worker = threading.Thread(target=work, name="cikg-query", daemon=True)
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            raise _timed_out(timeout)
    error = outcome.get("error")
    if isinstance(error, QueryError) and "timed out" in str(error) and timeout is not None:
        raise _timed_out(timeout)  # the store noticed first, while rows streamed
    if isinstance(error, BaseException):
        raise error
    result = outcome["result"]
    if not isinstance(result, SelectResult):
        raise QueryError("catalog queries must be SELECT queries")
    return result


def run(store: Store, name: str | CatalogQuery, params: Mapping[str, object] | None = None, *,
        limit: int | None = RESULT_CAP, timeout: float | None = QUERY_TIMEOUT) -> pd.DataFrame:
    """Run a catalog query on *store* and return its result as a typed DataFrame.

    Parameters
    ----------
    store : Store
        The store to query (read-only).
    name : str or CatalogQuery
        A catalog name (see :func:`catalog`) or a parsed entry.
    params : mapping, optional
        Parameter values by name; entity parameters take names, aliases or IRIs.
    limit : int or None
        Most rows to return (None: all); ``frame.attrs["truncated"]`` tells when rows
        were cut.
    timeout : float or None
        Seconds the query may run (None: no limit).

    Returns
    -------
    pandas.DataFrame
        One column per header column, typed (``Int64``, ``Float64``, ``boolean``,
        ``object``); ``attrs`` holds ``query``, ``params`` and ``truncated``.

    Raises
    ------
    QueryError
        Unknown query or parameter, a bad value, an unknown entity name (with
        suggestions), a timeout, or an engine error; the message names the query.

    Examples
    --------
    >>> from cikg.store import open_store
    >>> run(open_store("memory:"), "sources").columns.tolist()[:3]
    ['source', 'kind', 'title']
    """
    from cikg.frames import to_dataframe

    entry = name if isinstance(name, CatalogQuery) else get_query(name)
    values = dict(params or {})
    try:
        _check_names(entry, values)
        for param in entry.params:
            value = _value(param, values)
            if param.entity and value is not None and not isinstance(value, NamedNode):
                values[param.name] = resolve_name(store, param.type, str(value),
                                                  param=param.name, timeout=timeout)
        sparql = bind(entry, values)
        result = _execute(store, sparql, limit=limit, timeout=timeout)
    except QueryError as exc:
        text = str(_timed_out(timeout) if timeout is not None and "timed out" in str(exc)
                   else exc)
        raise QueryError(text if text.startswith(f"query {entry.name}") else
                         f"query {entry.name}: {text}") from None
    frame = to_dataframe(result)
    if entry.lists:
        frame = sort_lists(frame, entry.lists)
    if entry.postprocess:
        frame = POSTPROCESS[entry.postprocess](frame)
    if tuple(frame.columns) != entry.columns:
        missing = [c for c in entry.columns if c not in frame.columns]
        if missing:
            raise QueryError(f"query {entry.name}: the result lacks the columns {missing} "
                             "its header declares")
        frame = frame[list(entry.columns)]
    frame.attrs.update(query=entry.name, truncated=result.truncated,
                       params={k: str(getattr(v, "value", v)) for k, v in values.items()
                               if v is not None})
    return frame


def example_params(query: CatalogQuery) -> dict[str, str]:
    """Return the ``-p key=value`` parameters of the query's example call.

    Examples
    --------
    >>> example_params(get_query("companies-by-country"))
    {'country': 'CN'}
    """
    words = shlex.split(query.example)
    params = {}
    for flag, value in zip(words, words[1:], strict=False):
        if flag in ("-p", "--param"):
            key, _, val = value.partition("=")
            params[key] = val
    return params


def catalog_table() -> pd.DataFrame:
    """Return the catalog as a table: name, title, question, parameters, columns, example.

    Examples
    --------
    >>> catalog_table().columns.tolist()
    ['name', 'title', 'question', 'parameters', 'columns', 'example']
    """
    import pandas as pd

    rows = [{"name": q.name, "title": q.title, "question": q.question,
             "parameters": "; ".join(p.describe() for p in q.params),
             "columns": ", ".join(q.columns), "example": q.example}
            for q in catalog().values()]
    return pd.DataFrame(rows, columns=["name", "title", "question", "parameters", "columns",
                                       "example"])
