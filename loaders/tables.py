"""Tables (CSV, XLSX, Parquet) into the graph through a mapping file.

Loading reads the table twice, chunk by chunk, so memory stays bounded whatever its
size: a first pass checks every row (a bad value is an error naming file, row and
column, before anything is written); a second pass, run only when the store writes,
yields each row's facts into the row's own assertion graph, whose quote is the row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
from pyoxigraph import NamedNode, Quad

from cikg.errors import LoadError
from cikg.ontology.ids import (
    QUDT_UNIT,
    RDF_TYPE,
    RDFS_LABEL,
    SKOS,
    currency_iri,
    entity_iri,
    node,
)
from cikg.ontology.namespace import CIKG

from .concepts import concept_index
from .countries import country_code
from .mapping import Figure, Mapping, read_mapping
from .provenance import SourceDescription, SourceGraphs, file_hash
from .resolve import KnownCompany, Match, Resolver, company_key, record_match

__all__ = ["CHUNK_ROWS", "load_table", "read_chunks", "parse_number"]

#: Rows read at a time.
CHUNK_ROWS = 50_000
METHOD = "table/mapping"
KINDS = {"supplies": ("MaterialType",), "serves": ("Application", "EndUser"),
         "activeIn": ("Region",)}
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def parse_number(text: str) -> float:
    """Return the number in *text* (thousands separators allowed), or raise ValueError.

    Examples
    --------
    >>> parse_number("1,250.5")
    1250.5
    >>> parse_number("12k")
    Traceback (most recent call last):
    ValueError: '12k' is not a number
    """
    value = text.strip()
    if not _NUMBER.match(value):
        raise ValueError(f"{text!r} is not a number")
    return float(value.replace(",", ""))


def scaled(text: str, scale: float) -> float:
    """Return the number in *text* times *scale*, computed in decimal (no binary rounding).

    Examples
    --------
    >>> scaled("2.01", 1e6)
    2010000.0
    >>> 2.01 * 1e6
    2009999.9999999998
    """
    parse_number(text)
    # + 0.0 turns -0.0 into 0.0, so that "-0" is stored as 0 on every engine
    return float(Decimal(text.strip().replace(",", "")) * Decimal(repr(scale))) + 0.0


#: What spreadsheets and pandas exports write for a missing cell; never a company's name.
MISSING_MARKERS = frozenset({"nan", "none", "null", "n/a", "#n/a", "<na>", "nat"})


def _shown(name: object) -> str:
    """A column name as an error message shows it: quoted if it holds a line break or
    another control character, so that the message stays on one line."""
    text = str(name)
    return text if text.isprintable() else repr(text)


def _strings(frame: pd.DataFrame) -> pd.DataFrame:
    """Return *frame* with every cell a string; missing cells (NaN, None) are ''."""
    return frame.astype(object).where(frame.notna(), "").astype(str)


def _arrow_strings(batch):  # noqa: ANN001, ANN202
    """Return a Parquet record batch as a DataFrame of strings: nulls are '', whole
    floats print without '.0' (a year column with a null is float in pandas)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    columns = [pc.cast(column, pa.string()).fill_null("") for column in batch.columns]
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names).to_pandas()


def read_chunks(path: Path, mapping: Mapping) -> Iterator[tuple[int, pd.DataFrame]]:
    """Yield (number of the first row in the file, chunk of rows as strings).

    CSV rows count from 2 (line 1 is the header), like a spreadsheet's row numbers:
    blank lines are rows too (the reader skips empty rows but counts them). Missing
    cells are ''.
    """
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            reader = pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=CHUNK_ROWS,
                                 encoding="utf-8-sig", skipinitialspace=True,
                                 skip_blank_lines=False)
            first = 2
            for chunk in reader:
                yield first, _strings(chunk)
                first += len(chunk)
        elif suffix == ".xlsx":
            frame = pd.read_excel(path, sheet_name=mapping.sheet or 0, dtype=str)
            yield 2, _strings(frame)
        elif suffix == ".parquet":
            import pyarrow.parquet as pq
            first = 1
            for batch in pq.ParquetFile(path).iter_batches(batch_size=CHUNK_ROWS):
                frame = _arrow_strings(batch)
                yield first, frame
                first += len(frame)
        else:
            raise LoadError(str(path), f"unknown table type {suffix!r}")
    except LoadError:
        raise
    except UnicodeDecodeError as exc:
        raise LoadError(str(path), f"not UTF-8 text at byte {exc.start}: save it as UTF-8"
                        ) from None
    except pd.errors.ParserError as exc:
        text = " ".join(str(exc).split())
        where = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", text)
        if where:  # a row with more cells than the header
            raise LoadError(str(path), f"{where[3]} cells where the header has {where[1]}; "
                            "quote cells that hold commas", line=int(where[2])) from None
        raise LoadError(str(path), f"cannot read the table: {text}") from None
    except (ValueError, OSError, KeyError) as exc:
        raise LoadError(str(path), f"cannot read the table: {' '.join(str(exc).split())}"
                        ) from None


@dataclass
class _Row:
    """One checked row."""

    number: int
    name: str
    country: str | None
    relations: list[tuple[str, str]]            # (relation, concept IRI or company name)
    figures: list[tuple[Figure, float, int | None, str | None]]  # value, year, subject IRI
    quote: str


class _TableReader:
    def __init__(self, path: Path, mapping: Mapping) -> None:
        self.path, self.mapping = path, mapping
        self.concepts = concept_index()

    def rows(self) -> Iterator[_Row]:
        """Yield the checked rows; at the end, raise the first row error (if any) with
        the count of the others (every row is checked, so the count is exact)."""
        first_error: LoadError | None = None
        more = 0
        for first, chunk in read_chunks(self.path, self.mapping):
            missing = [c for c in self.mapping.columns if c not in chunk.columns]
            if missing:
                raise LoadError(str(self.path), f"no column {missing[0]!r}, which the mapping "
                                f"{self.mapping.path.name} names; columns are "
                                f"{', '.join(map(_shown, chunk.columns))}", line=1,
                                field=missing[0])
            for offset, record in enumerate(chunk.to_dict("records")):
                if not any(str(v).strip() for v in record.values()):
                    continue  # an empty row (a blank line): counted, not loaded
                try:
                    yield self._row(first + offset, record)
                except LoadError as exc:
                    if first_error is None:
                        first_error = exc
                    else:
                        more += 1
        if first_error is not None:
            note = f" (and {more} more row error{'s' if more > 1 else ''})" if more else ""
            raise LoadError(first_error.source, first_error.reason + note,
                            line=first_error.line, field=first_error.field)

    def _error(self, number: int, column: str, reason: str) -> LoadError:
        return LoadError(str(self.path), reason, line=number, field=column)

    def _row(self, number: int, record: dict[Any, str]) -> _Row:
        mapping = self.mapping
        name = " ".join(str(record[mapping.name_column]).split())
        if not name:
            raise self._error(number, mapping.name_column, "empty name")
        if name.casefold() in MISSING_MARKERS:
            raise self._error(number, mapping.name_column,
                              f"name {name!r} is a missing-value marker, not a name")
        country = None
        if mapping.country_column and str(record[mapping.country_column]).strip():
            raw = str(record[mapping.country_column]).strip()
            country = country_code(raw)
            if country is None or country == "EU":
                raise self._error(number, mapping.country_column, f"unknown country {raw!r}")
        relations = []
        for spec in mapping.relations:
            for item in filter(None, (v.strip() for v in str(record[spec.column]).split(";"))):
                relations.append((spec.relation, self._object(number, spec, item, name)))
        figures = []
        for figure in mapping.figures:
            text = str(record[figure.column]).strip()
            if not text:
                continue
            try:
                value = scaled(text, figure.scale)
            except ValueError as exc:
                raise self._error(number, figure.column, str(exc)) from None
            if value < 0:
                raise self._error(number, figure.column, f"{text!r} is negative")
            year = self._year(number, figure.year, record) if figure.year else None
            subject = None
            of = str(record[figure.of]).strip() if figure.of else ""
            if ";" in of:
                raise self._error(number, figure.of or "", f"{of!r} names several things; "
                                  f"{figure.column} is of one: give each its own row")
            if of:
                subject = self._concept(number, figure.of or "", of, None)
            figures.append((figure, value, year, subject))
        quote = "; ".join(f"{c}={str(record[c]).strip()}" for c in mapping.columns)
        return _Row(number, name, country, relations, figures, quote)

    def _year(self, number: int, column: str, record: dict[Any, str]) -> int:
        raw = str(record[column]).strip()
        if not raw:
            raise self._error(number, column, "empty year: the row's figures need one")
        if not re.fullmatch(r"\d{4}", raw) or not 1900 <= int(raw) <= 2100:
            raise self._error(number, column, f"{raw!r} is not a year")
        return int(raw)

    def _object(self, number: int, spec, value: str, name: str) -> str:  # noqa: ANN001
        if spec.relation == "competesWith":
            if company_key(value) == company_key(name):
                raise self._error(number, spec.column, f"{value!r} is the row's own company: "
                                  "a company does not compete with itself")
            return value
        if spec.relation == "activeIn" and self.concepts.match(value, "Region") is None:
            code = country_code(value)  # a company is active in a region or a country
            if code is not None and code != "EU":
                return entity_iri("country", code).value
            raise self._error(number, spec.column, f"{value!r} is not a known Region label "
                              "or country")
        return self._concept(number, spec.column, value, KINDS[spec.relation])

    def _concept(self, number: int, column: str, value: str,
                 kinds: tuple[str, ...] | None) -> str:
        for kind in kinds or (None,):
            concept = self.concepts.match(value, kind)
            if concept is not None:
                return concept.iri
        raise self._error(number, column, f"{value!r} is not a known "
                          f"{' or '.join(kinds) if kinds else 'taxonomy'} label")


def load_table(path: Path, *, key: str | None = None, mapping_path: Path | None = None,
               resolver: Resolver | None = None) -> SourceGraphs:
    """Check a table against its mapping and return its graphs (rows stream at write time).

    Raises
    ------
    LoadError
        For a missing or bad mapping, a missing column, or bad rows (the first of them,
        as ``file:row: column: reason``, with the count of others).
    """
    mapping = read_mapping(mapping_path or path.with_suffix(".toml"))
    reader = _TableReader(path, mapping)
    resolver = resolver or Resolver()
    labelled = set(resolver.companies)  # companies other sources name (and label)
    rows = 0
    matches: dict[str, Match] = {}
    rivals: dict[str, None] = {}
    for row in reader.rows():  # first pass: check everything, resolve names
        rows += 1
        if row.name not in matches:
            match = matches[row.name] = resolver.resolve(row.name, row.country)
            resolver.add(KnownCompany(match.key, row.name, row.country))
        rivals.update((name, None) for relation, name in row.relations
                      if relation == "competesWith")
    labelled |= {match.key for match in matches.values()}
    for name in rivals:  # companies only named as rivals: resolved after the rows' own
        if name not in matches:
            match = matches[name] = resolver.resolve(name)
            resolver.add(KnownCompany(match.key, name))
    description = SourceDescription(key or path.name, "Table", title=mapping.title,
                                    publisher=mapping.publisher, published=mapping.published,
                                    content_hash=file_hash(path), file_name=path.name)
    graphs = SourceGraphs(description)
    for match in matches.values():
        record_match(graphs, match, entity_iri("company", match.key))
    if rows == 0:
        graphs.warnings.append("the table has no rows")
    graphs.add_stream(lambda: _row_quads(graphs, reader, resolver, labelled))
    return graphs




def _row_quads(graphs: SourceGraphs, reader: _TableReader, resolver: Resolver,
               labelled: set[str]) -> Iterator[Quad]:
    section = reader.path.name
    for row in reader.rows():
        key = resolver.resolve(row.name, row.country).key
        company = entity_iri("company", key)
        label = resolver.companies[key].label if key in resolver.companies else row.name
        triples: list[tuple] = [(company, RDF_TYPE, node(CIKG.Company)),
                                (company, RDFS_LABEL, label)]
        if label != row.name:
            triples.append((company, SKOS + "altLabel", row.name))
        if row.country:
            triples.append((company, CIKG.headquarteredIn, entity_iri("country", row.country)))
        for relation, target in row.relations:
            if relation == "competesWith":
                other_key = resolver.resolve(target).key
                other = entity_iri("company", other_key)
                triples.append((company, CIKG.competesWith, other))
                if other_key not in labelled:  # no row and no other source describes it
                    other_label = resolver.companies[other_key].label
                    triples += [(other, RDF_TYPE, node(CIKG.Company)),
                                (other, RDFS_LABEL, other_label)]
                    if other_label != target:
                        triples.append((other, SKOS + "altLabel", target))
            else:
                triples.append((company, CIKG[relation], NamedNode(target)))
        for i, (figure, value, year, subject) in enumerate(row.figures):
            iri = entity_iri("figure", f"{graphs.info.key}/{row.number}/{i}")
            name = f"{figure.measure} of {label}" + (f", {year}" if year else "")
            triples += [(iri, RDF_TYPE, node(CIKG.CompanyFigure)), (iri, RDFS_LABEL, name),
                        (iri, CIKG.company, company), (iri, CIKG.measure, figure.measure),
                        (iri, CIKG.value, value), (iri, CIKG.year, year)]
            triples.append((iri, CIKG.unit, NamedNode(QUDT_UNIT + figure.unit))
                           if figure.unit else
                           (iri, CIKG.currency, currency_iri(figure.currency or "")))
            if subject:
                triples.append((iri, CIKG.figureOf, NamedNode(subject)))
        graph = graphs.assertion_graph(METHOD, f"{section} row {row.number}", row.quote)
        yield from graphs.assertion_quads(
            graph, triples, section=f"{section} row {row.number}", quote=row.quote,
            start=None, end=None, method=METHOD, confidence=1.0)
