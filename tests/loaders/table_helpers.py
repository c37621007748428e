"""Shared helpers of the table-loader, RDF-import and entity-resolution tests."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pyoxigraph as ox

import cikg
from cikg.loaders import load_source

TABLES = Path(__file__).resolve().parent.parent / "fixtures" / "tables"
RDF_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "rdf"

CIKG = "https://w3id.org/cikg/ontology#"
ID = "https://w3id.org/cikg/id/"
GRAPH = "https://w3id.org/cikg/graph/"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = f"""
PREFIX cikg: <{CIKG}>
PREFIX id: <{ID}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <{XSD}>
"""


def put_table(directory: Path, csv_text: str | None = None, *, mapping: str | None = None,
              stem: str = "capacity") -> Path:
    """Write the fixture table (or *csv_text*) and its mapping (or *mapping*) into
    *directory* as ``STEM.csv`` and ``STEM.toml``; return the table's path."""
    directory.mkdir(parents=True, exist_ok=True)
    table = directory / f"{stem}.csv"
    if csv_text is None:
        shutil.copy(TABLES / "capacity.csv", table)
    else:
        table.write_text(csv_text, encoding="utf-8")
    toml = directory / f"{stem}.toml"
    if mapping is None:
        shutil.copy(TABLES / "capacity.toml", toml)
    else:
        toml.write_text(mapping, encoding="utf-8")
    return table


def fixture_rows() -> list[list[str]]:
    """The fixture table's rows, header first, as lists of cells."""
    with (TABLES / "capacity.csv").open(encoding="utf-8", newline="") as handle:
        return [list(row) for row in csv.reader(handle)]


def edited_csv(*edits: tuple[int, str, str]) -> str:
    """The fixture table as CSV text with cells replaced: (row number, column, value);
    row numbers count like the loader's (2 is the first row under the header)."""
    rows = fixture_rows()
    header = rows[0]
    for number, column, value in edits:
        rows[number - 1][header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def source_store(path: Path, **kwargs: object) -> ox.Store:
    """The quads a loader returns for *path*, in an in-memory pyoxigraph store."""
    store = ox.Store()
    store.extend(load_source(path, **kwargs).quads())  # type: ignore[arg-type]
    return store


def value(term: object) -> str | None:
    """A term's lexical value (IRIs without brackets), None for unbound."""
    return None if term is None else term.value  # type: ignore[attr-defined]


def select(store: ox.Store, query: str) -> list[tuple[str | None, ...]]:
    """Run a SELECT over the union of the named graphs; rows of values, sorted."""
    result = store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]  # type: ignore[union-attr]
    rows = [tuple(value(solution[n]) for n in names) for solution in result]
    return sorted(rows, key=lambda row: tuple("" if v is None else v for v in row))


def facts(store: ox.Store) -> set[tuple[str | None, ...]]:
    """Company facts and company figures, without what names the file (graphs, sections,
    figure IRIs), so that the same table in two formats gives the same set."""
    company = select(store, "SELECT ?s ?p ?o WHERE { ?s a cikg:Company ; ?p ?o }")
    figures = select(store, """
        SELECT ?company ?measure ?value ?datatype ?year ?unit ?currency ?of WHERE {
          ?f a cikg:CompanyFigure ; cikg:company ?company ; cikg:measure ?measure ;
             cikg:value ?value .
          BIND(STR(DATATYPE(?value)) AS ?datatype)
          OPTIONAL { ?f cikg:year ?year } OPTIONAL { ?f cikg:unit ?unit }
          OPTIONAL { ?f cikg:currency ?currency } OPTIONAL { ?f cikg:figureOf ?of } }""")
    return set(company) | set(figures)


def dump(kg: cikg.KnowledgeGraph, *, load_times: bool = True) -> list[bytes]:
    """Every quad of the store as sorted N-Quads lines; without *load_times*, leave out
    the ``prov:endedAtTime`` of loads, which a reload renews."""
    buffer = io.BytesIO()
    kg.export(buffer, format="nquads")
    lines = buffer.getvalue().splitlines()
    return sorted(line for line in lines
                  if load_times or b"<http://www.w3.org/ns/prov#endedAtTime>" not in line)
