"""The catalog of analyst questions: ``*.rq`` files with a metadata header.

A query file starts with ``#`` header lines, then the SPARQL text::

    # title: Companies by country
    # question: Which countries host the profiled companies, and how many each?
    # param: country (string, optional): ISO 3166-1 alpha-2 code to keep
    # columns: country, country_name, companies
    # example: cikg query companies-by-country -p country=CN

A parameter ``country`` is the variable ``?arg_country`` in the query text (so that
parameter and column names never clash). Parameters are bound as RDF terms in a
``VALUES`` block that the runner puts at the top of the outermost ``WHERE`` group;
values are never pasted into the query text. An optional parameter left out stays
unbound: queries test it with ``!BOUND(?arg_x) || ...``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib.resources import files

from cikg.errors import QueryError
from pyoxigraph import Literal, NamedNode

__all__ = ["Param", "CatalogQuery", "catalog", "get_query", "bind"]

XSD = "http://www.w3.org/2001/XMLSchema#"
TYPES = ("string", "integer", "decimal", "boolean", "date", "iri")
_PARAM = re.compile(r"(?P<name>\w+)\s*\((?P<type>\w+)(?:,\s*(?P<flag>optional|required))?"
                    r"(?:,\s*default\s*=\s*(?P<default>[^)]*))?\)\s*:\s*(?P<doc>.*)")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


@dataclass(frozen=True)
class Param:
    """A catalog query parameter: name, RDF type, whether it is required, default, doc."""

    name: str
    type: str
    required: bool = True
    default: str | None = None
    doc: str = ""

    def term(self, value: object) -> NamedNode | Literal:
        """Return *value* as an RDF term of this parameter's type.

        Raises
        ------
        QueryError
            When the value does not fit the type (names the parameter).
        """
        text = str(value).strip()
        try:
            if self.type == "iri":
                return NamedNode(text)
            if self.type == "integer":
                return Literal(str(int(text)), datatype=NamedNode(XSD + "integer"))
            if self.type == "decimal":
                return Literal(repr(float(text)), datatype=NamedNode(XSD + "decimal"))
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
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def bound(self, **values: object) -> str:
        """Return the SPARQL text with *values* bound; see :func:`bind`."""
        return bind(self, values)


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
                    raise QueryError(f"query {name}: bad param line {value!r}")
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
    if params and not _WHERE.search(sparql):
        raise QueryError(f"query {name}: has parameters but no 'WHERE {{' to bind them in")
    for param in params:
        if f"?arg_{param.name}" not in sparql:
            raise QueryError(f"query {name}: parameter {param.name!r} is never used "
                             f"(write it as ?arg_{param.name})")
    columns = tuple(c.strip() for c in meta["columns"].split(","))
    return CatalogQuery(name, meta["title"], meta["question"], sparql, tuple(params),
                        columns, meta.get("example", ""), meta)


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
    """Return the catalog query *name*, or raise :class:`QueryError` naming close names."""
    entries = catalog()
    if name in entries:
        return entries[name]
    from difflib import get_close_matches
    near = get_close_matches(name, entries, n=3)
    hint = f"; did you mean {', '.join(near)}?" if near else "; `cikg query --list` shows them"
    raise QueryError(f"unknown query {name!r}{hint}")


def bind(query: CatalogQuery, values: dict[str, object]) -> str:
    """Return the query text with parameter *values* bound as RDF terms.

    Missing optional parameters stay unbound (their default applies where one is
    declared); an unknown or missing required parameter raises :class:`QueryError`.

    Examples
    --------
    >>> q = get_query("companies-by-country")
    >>> "VALUES" in bind(q, {"country": 'CN" } ; DROP ALL ; {'})
    True
    """
    known = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise QueryError(f"query {query.name}: unknown parameter {unknown[0]!r}; "
                         f"it takes {', '.join(known) or 'none'}")
    names, terms = [], []
    for param in query.params:
        value = values.get(param.name)
        if value is None or value == "":
            value = param.default
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
    match = _WHERE.search(query.sparql)
    assert match is not None
    return query.sparql[:match.end()] + block + query.sparql[match.end():]
