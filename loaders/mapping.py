"""The mapping file that tells the table loader what a table's rows and columns mean.

A mapping is TOML, by default ``STEM.toml`` beside the table ``STEM.csv``::

    [source]
    title = "Hard carbon capacity by company"   # required
    publisher = "example.org"
    published = "2025-12-31"                    # the table's as-of date

    [rows]
    entity = "company"        # each row describes a company
    name = "company"          # the column holding its name
    country = "country"       # optional: ISO code or country name
    sheet = "Capacity"        # XLSX only; default the first sheet

    [columns.material]        # a relation: values are taxonomy labels, ';' separated
    relation = "supplies"     # supplies | serves | activeIn | competesWith

    [columns.capacity_t]      # a figure: one cikg:CompanyFigure per row
    measure = "production capacity"
    unit = "TONNE-PER-YR"     # a QUDT unit (http://qudt.org/vocab/unit/...)
    year = "year"             # the column holding the figure's year
    of = "material"           # optional: the column naming what the figure is for

    [columns.revenue]
    measure = "revenue"
    currency = "USD"          # money: ISO 4217, in base units after `scale`
    scale = 1e6               # the column is in millions
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pycountry

from cikg.errors import LoadError

__all__ = ["RELATIONS", "Relation", "Figure", "Mapping", "read_mapping"]

RELATIONS = ("supplies", "serves", "activeIn", "competesWith")
ENTITIES = ("company",)
#: The keys each table of a mapping may hold (a misspelt key would be silently ignored).
KEYS = {"": ("source", "rows", "columns"), "source": ("title", "publisher", "published"),
        "rows": ("entity", "name", "country", "sheet"), "relation": ("relation",),
        "figure": ("measure", "unit", "currency", "scale", "year", "of")}


def _known_keys(table: dict, kind: str, where: str, path: Path) -> None:
    for key in table:
        if key not in KEYS[kind]:
            shown = key if key.isprintable() else repr(key)
            raise LoadError(str(path), f"unknown key {key!r}; use one of "
                            f"{', '.join(KEYS[kind])}",
                            field=f"{where}.{shown}" if where else shown)


@dataclass(frozen=True)
class Relation:
    """A column whose values are objects of a relation of the row's entity."""

    column: str
    relation: str


@dataclass(frozen=True)
class Figure:
    """A numeric column: a measure with a unit or a currency, its year and subject."""

    column: str
    measure: str
    unit: str | None = None
    currency: str | None = None
    scale: float = 1.0
    year: str | None = None
    of: str | None = None


@dataclass
class Mapping:
    """What a table means: its source description, row entity and columns."""

    path: Path
    title: str
    name_column: str
    entity: str = "company"
    publisher: str | None = None
    published: date | None = None
    country_column: str | None = None
    sheet: str | None = None
    relations: list[Relation] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        """Every column the mapping reads."""
        names = [self.name_column, *(r.column for r in self.relations)]
        names += [f.column for f in self.figures]
        names += [c for f in self.figures for c in (f.year, f.of) if c]
        if self.country_column:
            names.append(self.country_column)
        return list(dict.fromkeys(names))


def _text(table: dict, key: str, where: str, path: Path, *, required: bool = False) -> str | None:
    value = table.get(key)
    if value is None:
        if required:
            raise LoadError(str(path), "is required", field=f"{where}.{key}")
        return None
    if not isinstance(value, str) or not value.strip():
        raise LoadError(str(path), f"must be a non-empty string, not {value!r}",
                        field=f"{where}.{key}")
    if not value.strip().isprintable():  # column names show in one-line errors
        raise LoadError(str(path), f"must be one line of text, not {value!r}",
                        field=f"{where}.{key}")
    return value.strip()


def _column(name: str, spec: object, path: Path) -> Relation | Figure:
    where = f"columns.{name}"
    if not isinstance(spec, dict):
        raise LoadError(str(path), "must be a table", field=where)
    if "relation" in spec:
        _known_keys(spec, "relation", where, path)
        relation = _text(spec, "relation", where, path)
        if relation not in RELATIONS:
            raise LoadError(str(path), f"unknown relation {relation!r}; use one of "
                            f"{', '.join(RELATIONS)}", field=f"{where}.relation")
        return Relation(name, relation)
    if "measure" in spec:
        _known_keys(spec, "figure", where, path)
        unit, currency = _text(spec, "unit", where, path), _text(spec, "currency", where, path)
        if (unit is None) == (currency is None):
            raise LoadError(str(path), "a figure needs either a unit or a currency",
                            field=where)
        if unit is not None and not re.fullmatch(r"[A-Za-z0-9_.-]+", unit):
            raise LoadError(str(path), f"{unit!r} is not a QUDT unit name (such as "
                            "TONNE-PER-YR)", field=f"{where}.unit")
        if currency is not None and pycountry.currencies.get(alpha_3=currency.upper()) is None:
            raise LoadError(str(path), f"{currency!r} is not an ISO 4217 currency code "
                            "(such as USD)", field=f"{where}.currency")
        scale = spec.get("scale", 1.0)
        if not isinstance(scale, (int, float)) or isinstance(scale, bool) or scale <= 0:
            raise LoadError(str(path), f"must be a positive number, not {scale!r}",
                            field=f"{where}.scale")
        return Figure(name, _text(spec, "measure", where, path) or "", unit,
                      currency.upper() if currency else None, float(scale),
                      _text(spec, "year", where, path), _text(spec, "of", where, path))
    raise LoadError(str(path), "needs `relation` or `measure`", field=where)


def read_mapping(path: Path) -> Mapping:
    """Read and check a mapping file.

    Raises
    ------
    LoadError
        Naming the file and the key (``rows.name``, ``columns.x.relation`` ...) at fault.
    """
    if not path.is_file():
        raise LoadError(str(path), "no mapping file: a table needs STEM.toml beside it "
                        "(see cikg.loaders.mapping)")
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LoadError(str(path), f"not valid TOML: {exc}") from None
    _known_keys(data, "", "", path)
    source, rows = data.get("source", {}), data.get("rows", {})
    if not isinstance(source, dict) or not isinstance(rows, dict):
        raise LoadError(str(path), "needs [source] and [rows] tables")
    _known_keys(source, "source", "source", path)
    _known_keys(rows, "rows", "rows", path)
    entity = _text(rows, "entity", "rows", path) or "company"
    if entity not in ENTITIES:
        raise LoadError(str(path), f"unknown entity {entity!r}; use one of "
                        f"{', '.join(ENTITIES)}", field="rows.entity")
    published = source.get("published")
    if isinstance(published, str):
        try:
            published = date.fromisoformat(published)
        except ValueError:
            raise LoadError(str(path), f"{published!r} is not a date (YYYY-MM-DD)",
                            field="source.published") from None
    elif isinstance(published, datetime) or (
            published is not None and not isinstance(published, date)):
        raise LoadError(str(path), f"must be a date (YYYY-MM-DD), not {published!r}",
                        field="source.published")
    columns = data.get("columns", {})
    if not isinstance(columns, dict):
        raise LoadError(str(path), "must be a table of column tables", field="columns")
    for name in columns:
        if not name.strip() or not name.isprintable():
            raise LoadError(str(path), f"{name!r} is not a column name: it is empty or holds "
                            "a control character", field="columns")
    specs = [_column(name, spec, path) for name, spec in columns.items()]
    return Mapping(
        path=path, title=_text(source, "title", "source", path, required=True) or "",
        name_column=_text(rows, "name", "rows", path, required=True) or "", entity=entity,
        publisher=_text(source, "publisher", "source", path), published=published,
        country_column=_text(rows, "country", "rows", path),
        sheet=_text(rows, "sheet", "rows", path),
        relations=[s for s in specs if isinstance(s, Relation)],
        figures=[s for s in specs if isinstance(s, Figure)])
