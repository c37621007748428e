"""Tables (CSV, XLSX, Parquet) into the graph through a mapping file.

Loading reads the table twice, chunk by chunk, so memory stays bounded whatever its
size: a first pass checks every row (a bad value is an error naming file, row and
column, before anything is written); a second pass, run only when the store writes,
yields each row's facts into the row's own assertion graph, whose quote is the row.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
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
from .provenance import SourceDescription, SourceGraphs
from .resolve import KnownCompany, Match, Resolver, record_match

__all__ = ["CHUNK_ROWS", "load_table", "read_chunks", "parse_number"]

#: Rows read at a time.
CHUNK_ROWS = 50_000
#: Row errors reported in one message.
MAX_ERRORS = 5
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


def read_chunks(path: Path, mapping: Mapping) -> Iterator[tuple[int, pd.DataFrame]]:
    """Yield (number of the first row in the file, chunk of rows as strings).

    CSV rows count from 2 (line 1 is the header), like a spreadsheet's row numbers.
    """
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            reader = pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=CHUNK_ROWS,
                                 encoding="utf-8-sig", skipinitialspace=True)
            first = 2
            for chunk in reader:
                yield first, chunk
                first += len(chunk)
        elif suffix == ".xlsx":
            frame = pd.read_excel(path, sheet_name=mapping.sheet or 0, dtype=str)
            yield 2, frame.fillna("")
        elif suffix == ".parquet":
            import pyarrow.parquet as pq
            first = 1
            for batch in pq.ParquetFile(path).iter_batches(batch_size=CHUNK_ROWS):
                frame = batch.to_pandas().astype(str).replace({"None": "", "nan": ""})
                yield first, frame
                first += len(frame)
        else:
            raise LoadError(str(path), f"unknown table type {suffix!r}")
    except LoadError:
        raise
    except UnicodeDecodeError as exc:
        raise LoadError(str(path), f"not UTF-8 text at byte {exc.start}: save it as UTF-8"
                        ) from None
    except (ValueError, OSError, pd.errors.ParserError, KeyError) as exc:
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
        errors: list[LoadError] = []
        for first, chunk in read_chunks(self.path, self.mapping):
            missing = [c for c in self.mapping.columns if c not in chunk.columns]
            if missing:
                raise LoadError(str(self.path), f"no column {missing[0]!r}, which the mapping "
                                f"{self.mapping.path.name} names; columns are "
                                f"{', '.join(map(str, chunk.columns))}", line=1,
                                field=missing[0])
            for offset, record in enumerate(chunk.astype(str).to_dict("records")):
                try:
                    yield self._row(first + offset, record)
                except LoadError as exc:
                    errors.append(exc)
                    if len(errors) >= MAX_ERRORS:
                        break
            if len(errors) >= MAX_ERRORS:
                break
        if errors:
            more = f" (and {len(errors) - 1} more row errors)" if len(errors) > 1 else ""
            first_error = errors[0]
            raise LoadError(first_error.source, first_error.reason + more,
                            line=first_error.line, field=first_error.field)

    def _error(self, number: int, column: str, reason: str) -> LoadError:
        return LoadError(str(self.path), reason, line=number, field=column)

    def _row(self, number: int, record: dict[Any, str]) -> _Row:
        mapping = self.mapping
        name = " ".join(str(record[mapping.name_column]).split())
        if not name:
            raise self._error(number, mapping.name_column, "empty name")
        country = None
        if mapping.country_column and str(record[mapping.country_column]).strip():
            raw = str(record[mapping.country_column]).strip()
            country = country_code(raw)
            if country is None or country == "EU":
                raise self._error(number, mapping.country_column, f"unknown country {raw!r}")
        relations = []
        for spec in mapping.relations:
            for item in filter(None, (v.strip() for v in str(record[spec.column]).split(";"))):
                relations.append((spec.relation, self._object(number, spec, item)))
        figures = []
        for figure in mapping.figures:
            text = str(record[figure.column]).strip()
            if not text:
                continue
            try:
                value = parse_number(text) * figure.scale
            except ValueError as exc:
                raise self._error(number, figure.column, str(exc)) from None
            if value < 0:
                raise self._error(number, figure.column, f"{text!r} is negative")
            year = self._year(number, figure.year, record) if figure.year else None
            subject = None
            if figure.of and str(record[figure.of]).strip():
                subject = self._concept(number, figure.of, str(record[figure.of]).strip(), None)
            figures.append((figure, value, year, subject))
        quote = "; ".join(f"{c}={str(record[c]).strip()}" for c in mapping.columns)
        return _Row(number, name, country, relations, figures, quote)

    def _year(self, number: int, column: str, record: dict[Any, str]) -> int:
        raw = str(record[column]).strip()
        if not re.fullmatch(r"\d{4}", raw) or not 1900 <= int(raw) <= 2100:
            raise self._error(number, column, f"{raw!r} is not a year")
        return int(raw)

    def _object(self, number: int, spec, value: str) -> str:  # noqa: ANN001
        if spec.relation == "competesWith":
            return value
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
    rows = 0
    matches: dict[str, Match] = {}
    for row in reader.rows():  # first pass: check everything, resolve names
        rows += 1
        if row.name not in matches:
            match = matches[row.name] = resolver.resolve(row.name, row.country)
            resolver.add(KnownCompany(match.key, row.name, row.country))
    description = SourceDescription(key or path.name, "Table", title=mapping.title,
                                    publisher=mapping.publisher, published=mapping.published,
                                    content_hash=_file_hash(path), file_name=path.name)
    graphs = SourceGraphs(description)
    for match in matches.values():
        record_match(graphs, match, entity_iri("company", match.key))
    if rows == 0:
        graphs.warnings.append("the table has no rows")
    graphs.add_stream(lambda: _row_quads(graphs, reader, resolver))
    return graphs


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _row_quads(graphs: SourceGraphs, reader: _TableReader,
               resolver: Resolver) -> Iterator[Quad]:
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
                other = entity_iri("company", resolver.resolve(target).key)
                triples.append((company, CIKG.competesWith, other))
            else:
                triples.append((company, CIKG[relation], NamedNode(target)))
        for i, (figure, value, year, subject) in enumerate(row.figures):
            iri = entity_iri("figure", f"{graphs.info.key}/{row.number}/{i}")
            triples += [(iri, RDF_TYPE, node(CIKG.CompanyFigure)), (iri, CIKG.company, company),
                        (iri, CIKG.measure, figure.measure), (iri, CIKG.value, value),
                        (iri, CIKG.year, year)]
            triples.append((iri, CIKG.unit, NamedNode(QUDT_UNIT + figure.unit))
                           if figure.unit else
                           (iri, CIKG.currency, currency_iri(figure.currency or "")))
            if subject:
                triples.append((iri, CIKG.figureOf, NamedNode(subject)))
        graph = graphs.assertion_graph(METHOD, f"{section} row {row.number}", row.quote)
        yield from graphs.assertion_quads(
            graph, triples, section=f"{section} row {row.number}", quote=row.quote,
            start=None, end=None, method=METHOD, confidence=1.0)
