"""The table loader: CSV, XLSX and Parquet through one mapping, typed values, relations,
one assertion graph per row, row errors, chunked reading, and a store left as it was."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import cikg
import cikg.loaders.tables as tables
from cikg.errors import LoadError
from cikg.loaders import load_source

from .table_helpers import (
    CIKG,
    GRAPH,
    ID,
    TABLES,
    XSD,
    dump,
    edited_csv,
    facts,
    put_table,
    select,
    source_store,
)

MAPPING = (TABLES / "capacity.toml").read_text("utf-8")
#: The fixture table typed as a data engineer's DataFrame would be: integer capacities,
#: float revenues with a missing one, years as floats (what a year column with a null
#: becomes in pandas), empty cells as nulls.
FRAME = pd.DataFrame({
    "company": ["Acme Carbon Co., Ltd.", "Borealis Anodes", "Cobalt Ridge"],
    "country": ["China", "Japan", "United States"],
    "material": ["Hard carbon", "Soft carbon", "Graphite"],
    "application": ["Consumer electronics;Power tools", "Energy storage systems; Utilities",
                    None],
    "region": ["Europe;Japan", None, "North America"],
    "rivals": ["Borealis Anodes", None, "Acme Carbon;Deltaform"],
    "capacity_t": [12000, 500, 0],
    "revenue_musd": [2.01, 1234.5, None],
    "year": [2025.0, 2024.0, 2023.0],
})


def company(slug: str) -> str:
    return f"{ID}company/{slug}"


def load_error(path: Path) -> LoadError:
    with pytest.raises(LoadError) as info:
        load_source(path)
    return info.value


# ---------------------------------------------------------------- facts of the rows


def test_rows_become_company_facts(tmp_path):
    store = source_store(put_table(tmp_path))
    rows = select(store, "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
                         "FILTER(STRSTARTS(STR(?s), STR(id:company))) }")
    acme, borealis, cobalt = company("acme-carbon"), company("borealis-anodes"), \
        company("cobalt-ridge")
    rdf_type, label = ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                       "http://www.w3.org/2000/01/rdf-schema#label")
    expected = {
        (acme, rdf_type, CIKG + "Company"), (acme, label, "Acme Carbon Co., Ltd."),
        (acme, CIKG + "headquarteredIn", ID + "country/cn"),
        (acme, CIKG + "supplies", ID + "material/hard-carbon"),
        (acme, CIKG + "serves", ID + "application/consumer-electronics"),
        (acme, CIKG + "serves", ID + "application/power-tools"),
        (acme, CIKG + "activeIn", ID + "region/europe"),
        (acme, CIKG + "activeIn", ID + "country/jp"),  # a country is a place too
        (acme, CIKG + "competesWith", borealis),
        (borealis, rdf_type, CIKG + "Company"), (borealis, label, "Borealis Anodes"),
        (borealis, CIKG + "headquarteredIn", ID + "country/jp"),
        (borealis, CIKG + "supplies", ID + "material/soft-carbon"),
        (borealis, CIKG + "serves", ID + "application/energy-storage-systems"),
        (borealis, CIKG + "serves", ID + "end-user/utilities"),  # an end user: also served
        (cobalt, rdf_type, CIKG + "Company"), (cobalt, label, "Cobalt Ridge"),
        (cobalt, CIKG + "headquarteredIn", ID + "country/us"),
        (cobalt, CIKG + "supplies", ID + "material/graphite"),
        (cobalt, CIKG + "activeIn", ID + "region/north-america"),
        (cobalt, CIKG + "competesWith", acme),  # "Acme Carbon" is the row of "... Co., Ltd."
        (cobalt, CIKG + "competesWith", company("deltaform")),
        # a rival no row describes is still a named company
        (company("deltaform"), rdf_type, CIKG + "Company"),
        (company("deltaform"), label, "Deltaform"),
    }
    assert set(rows) == expected


def test_figures_are_typed_values_in_base_units(tmp_path):
    store = source_store(put_table(tmp_path))
    rows = select(store, """
        SELECT ?company ?measure ?value ?datatype ?year ?year_type ?unit ?currency ?of WHERE {
          ?f a cikg:CompanyFigure ; cikg:company ?company ; cikg:measure ?measure ;
             cikg:value ?value ; cikg:year ?year .
          BIND(STR(DATATYPE(?value)) AS ?datatype) BIND(STR(DATATYPE(?year)) AS ?year_type)
          OPTIONAL { ?f cikg:unit ?unit } OPTIONAL { ?f cikg:currency ?currency }
          OPTIONAL { ?f cikg:figureOf ?of } }""")
    tonnes, usd = "http://qudt.org/vocab/unit/TONNE-PER-YR", "http://qudt.org/vocab/unit/CCY_USD"
    dec, integer = XSD + "decimal", XSD + "integer"
    assert rows == sorted([
        # "12,000": thousands separator; of = the row's material
        (company("acme-carbon"), "production capacity", "12000", dec, "2025", integer, tonnes,
         None, ID + "material/hard-carbon"),
        # 2.01 million dollars is exactly 2010000 (not 2009999.9999999998)
        (company("acme-carbon"), "revenue", "2010000", dec, "2025", integer, None, usd, None),
        (company("borealis-anodes"), "production capacity", "500", dec, "2024", integer,
         tonnes, None, ID + "material/soft-carbon"),
        (company("borealis-anodes"), "revenue", "1234500000", dec, "2024", integer, None, usd,
         None),
        # zero is a value; the empty revenue cell is no figure
        (company("cobalt-ridge"), "production capacity", "0", dec, "2023", integer, tonnes,
         None, ID + "material/graphite"),
    ], key=lambda row: tuple("" if v is None else v for v in row))


def test_a_figure_has_a_unit_or_a_currency_never_both(tmp_path):
    store = source_store(put_table(tmp_path))
    assert select(store, "SELECT ?f WHERE { ?f cikg:unit ?u ; cikg:currency ?c }") == []
    assert select(store, "SELECT ?f WHERE { ?f a cikg:CompanyFigure "
                         "FILTER NOT EXISTS { ?f cikg:unit|cikg:currency ?x } }") == []


# ---------------------------------------------------------------- provenance


def test_every_row_has_its_own_assertion_graph(tmp_path):
    path = put_table(tmp_path)
    store = source_store(path)
    rows = select(store, """
        SELECT ?g ?section ?quote ?as_of ?as_of_type ?method ?confidence ?source ?start WHERE {
          ?g a cikg:AssertionGraph ; cikg:sectionHeading ?section ; cikg:quote ?quote ;
             cikg:asOf ?as_of ; cikg:method ?method ; cikg:confidence ?confidence ;
             prov:wasDerivedFrom ?source .
          BIND(STR(DATATYPE(?as_of)) AS ?as_of_type)
          OPTIONAL { ?g cikg:startOffset ?start } }""")
    source = f"{ID}source/capacity-csv"
    quotes = {
        "capacity.csv row 2": "company=Acme Carbon Co., Ltd.; material=Hard carbon; "
        "application=Consumer electronics;Power tools; region=Europe;Japan; "
        "rivals=Borealis Anodes; capacity_t=12,000; revenue_musd=2.01; year=2025; "
        "country=China",
        "capacity.csv row 3": "company=Borealis Anodes; material=Soft carbon; "
        "application=Energy storage systems; Utilities; region=; rivals=; capacity_t=500; "
        "revenue_musd=1,234.5; year=2024; country=Japan",
        "capacity.csv row 4": "company=Cobalt Ridge; material=Graphite; application=; "
        "region=North America; rivals=Acme Carbon;Deltaform; capacity_t=0; revenue_musd=; "
        "year=2023; country=United States",
    }
    assert {row[1]: row[2] for row in rows} == quotes
    for graph, _, _, as_of, as_of_type, method, confidence, derived, start in rows:
        assert graph.startswith(f"{GRAPH}source/capacity-csv/a/")
        assert (as_of, as_of_type) == ("2025-06-30", XSD + "date")  # the mapping's date
        assert (method, confidence, derived, start) == ("table/mapping", "1", source, None)
    # each row's facts are in its own graph: the row of Borealis Anodes says where it is
    where = select(store, "SELECT ?section WHERE { GRAPH ?g { id:company\\/borealis-anodes "
                          "cikg:headquarteredIn ?c } ?g cikg:sectionHeading ?section }")
    assert where == [("capacity.csv row 3",)]
    # and every fact about a company lies in an assertion graph with metadata
    assert select(store, "SELECT ?g WHERE { GRAPH ?g { ?s a cikg:Company } "
                         "FILTER NOT EXISTS { ?g cikg:quote ?q } }") == []


def test_source_description(tmp_path):
    path = put_table(tmp_path)
    store = source_store(path)
    rows = select(store, f"""
        SELECT ?p ?o WHERE {{ GRAPH <{GRAPH}source/capacity-csv> {{
          id:source\\/capacity-csv ?p ?o }} }}""")
    described = dict(row for row in rows if not row[0].endswith("wasGeneratedBy"))
    assert described == {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": CIKG + "Table",
        "http://purl.org/dc/terms/title": "Anode capacity by company (test fixture)",
        "http://purl.org/dc/terms/publisher": "example.org",
        CIKG + "publisherDomain": "example.org",
        "http://purl.org/dc/terms/issued": "2025-06-30",
        CIKG + "contentHash": hashlib.sha256(path.read_bytes()).hexdigest(),
        CIKG + "fileName": "capacity.csv",
    }


def test_as_of_is_the_load_date_without_a_published_date(tmp_path):
    mapping = MAPPING.replace('published = "2025-06-30"\n', "")
    source = load_source(put_table(tmp_path, mapping=mapping))
    as_of = {q.object for q in source.quads() if q.predicate.value == CIKG + "asOf"}
    assert len(as_of) == 1
    (literal,) = as_of
    assert literal.value == source.loaded_at.date().isoformat()
    assert literal.datatype.value == XSD + "date"
    assert source.loaded_at.date() >= date(2025, 1, 1)


def test_entity_matches_of_the_table_are_recorded(tmp_path):
    store = source_store(put_table(tmp_path))
    rows = select(store, """
        SELECT ?name ?entity ?score ?reason WHERE {
          ?m a cikg:EntityMatch ; cikg:matchedName ?name ; cikg:matchedEntity ?entity ;
             cikg:matchScore ?score ; cikg:matchReason ?reason ;
             prov:wasDerivedFrom id:source\\/capacity-csv }""")
    assert rows == [
        ("Acme Carbon", company("acme-carbon"), "1", "same normalized name"),
        ("Acme Carbon Co., Ltd.", company("acme-carbon"), "1", "new entity"),
        ("Borealis Anodes", company("borealis-anodes"), "1", "new entity"),
        ("Cobalt Ridge", company("cobalt-ridge"), "1", "new entity"),
        ("Deltaform", company("deltaform"), "1", "new entity"),
    ]


# ---------------------------------------------------------------- formats


@pytest.mark.parametrize("suffix", [".xlsx", ".parquet"])
def test_xlsx_and_parquet_give_the_csv_facts(tmp_path, suffix):
    csv_facts = facts(source_store(put_table(tmp_path / "csv")))
    other = tmp_path / "other"
    other.mkdir()
    path = other / f"capacity{suffix}"
    if suffix == ".xlsx":
        FRAME.to_excel(path, index=False)
    else:
        FRAME.to_parquet(path)
    (other / "capacity.toml").write_text(MAPPING, "utf-8")
    store = source_store(path)
    assert facts(store) == csv_facts
    sections = {row[0] for row in select(store, "SELECT ?s WHERE { ?g cikg:sectionHeading ?s }")}
    # spreadsheet rows count from 2 under the header; a Parquet file's records from 1
    first = 2 if suffix == ".xlsx" else 1
    assert sections == {f"capacity{suffix} row {n}" for n in range(first, first + 3)}


def test_xlsx_sheet_named_by_the_mapping(tmp_path):
    csv_facts = facts(source_store(put_table(tmp_path / "csv")))
    path = tmp_path / "book" / "capacity.xlsx"
    path.parent.mkdir()
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"note": ["not the data"]}).to_excel(writer, sheet_name="Notes",
                                                          index=False)
        FRAME.to_excel(writer, sheet_name="Capacity", index=False)
    mapping = MAPPING.replace('country = "country"\n', 'country = "country"\nsheet = "Capacity"\n')
    (path.parent / "capacity.toml").write_text(mapping, "utf-8")
    assert facts(source_store(path)) == csv_facts
    (path.parent / "capacity.toml").write_text(mapping.replace('"Capacity"', '"Plants"'))
    err = load_error(path)
    assert str(err) == f"{path}: cannot read the table: Worksheet named 'Plants' not found"


def test_parquet_nulls_are_empty_cells_not_nan(tmp_path):
    frame = pd.DataFrame({"company": ["Acme", None, "Beta"], "country": [None, "Japan", "Japan"]})
    path = tmp_path / "nulls.parquet"
    frame.to_parquet(path)
    (tmp_path / "nulls.toml").write_text(
        '[source]\ntitle = "t"\n[rows]\nname = "company"\ncountry = "country"\n')
    err = load_error(path)
    assert str(err) == f"{path}:2: company: empty name"  # not a company called "nan"


def test_bad_cell_in_xlsx_names_the_spreadsheet_row(tmp_path):
    frame = FRAME.copy()
    frame.loc[2, "country"] = "Atlantis"
    path = tmp_path / "capacity.xlsx"
    frame.to_excel(path, index=False)
    (tmp_path / "capacity.toml").write_text(MAPPING, "utf-8")
    assert str(load_error(path)) == f"{path}:4: country: unknown country 'Atlantis'"


def test_empty_table_loads_with_a_warning(tmp_path):
    source = load_source(put_table(tmp_path, edited_csv().splitlines()[0] + "\n"))
    assert source.warnings == ["the table has no rows"]


# ---------------------------------------------------------------- row errors


@pytest.mark.parametrize(("edit", "message"), [
    ((3, "capacity_t", "12k"), "3: capacity_t: '12k' is not a number"),
    ((2, "capacity_t", "-5"), "2: capacity_t: '-5' is negative"),
    ((3, "revenue_musd", "1.2.3"), "3: revenue_musd: '1.2.3' is not a number"),
    ((3, "revenue_musd", "12,34"), "3: revenue_musd: '12,34' is not a number"),
    ((4, "country", "Atlantis"), "4: country: unknown country 'Atlantis'"),
    ((2, "country", "EU"), "2: country: unknown country 'EU'"),
    ((3, "material", "Unobtainium"),
     "3: material: 'Unobtainium' is not a known MaterialType label"),
    ((3, "application", "Power tools;Spaceships"),
     "3: application: 'Spaceships' is not a known Application or EndUser label"),
    ((4, "region", "Atlantis"), "4: region: 'Atlantis' is not a known Region label or country"),
    ((4, "region", "European Union"),
     "4: region: 'European Union' is not a known Region label or country"),
    ((2, "year", "20x5"), "2: year: '20x5' is not a year"),
    ((3, "year", "1850"), "3: year: '1850' is not a year"),
    ((4, "year", ""), "4: year: empty year: the row's figures need one"),
    ((3, "company", "   "), "3: company: empty name"),
    ((3, "company", "nan"), "3: company: name 'nan' is a missing-value marker, not a name"),
    ((2, "company", "#N/A"), "2: company: name '#N/A' is a missing-value marker, not a name"),
    ((2, "rivals", "Acme Carbon Ltd"), "2: rivals: 'Acme Carbon Ltd' is the row's own "
     "company: a company does not compete with itself"),
    ((2, "material", "Hard carbon;Soft carbon"), "2: material: 'Hard carbon;Soft carbon' "
     "names several things; capacity_t is of one: give each its own row"),
])
def test_row_error_names_file_row_and_column(tmp_path, edit, message):
    path = put_table(tmp_path, edited_csv(edit))
    err = load_error(path)
    assert str(err) == f"{path}:{message}"
    assert (err.source, err.line, err.field) == (str(path), edit[0], edit[1])


def test_the_material_of_a_relation_must_be_a_material(tmp_path):
    # "Utilities" is an end user, not a material type
    path = put_table(tmp_path, edited_csv((2, "material", "Utilities")))
    assert str(load_error(path)) == (f"{path}:2: material: 'Utilities' is not a known "
                                     "MaterialType label")


def test_first_row_error_comes_with_the_count_of_the_others(tmp_path):
    path = put_table(tmp_path, edited_csv((2, "year", "soon"), (3, "country", "Atlantis"),
                                          (4, "capacity_t", "lots")))
    assert str(load_error(path)) == f"{path}:2: year: 'soon' is not a year (and 2 more row errors)"
    path = put_table(tmp_path, edited_csv((3, "country", "Atlantis"), (4, "company", "")))
    assert str(load_error(path)) == (f"{path}:3: country: unknown country 'Atlantis' "
                                     "(and 1 more row error)")


def test_missing_column_names_the_mapping(tmp_path):
    text = "\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != 4)
                     for line in ["company,country,material,application,region,rivals,"
                                  "capacity_t,revenue_musd,year", "Acme,China,Hard carbon,"
                                  ",Europe,,1,1,2025"]) + "\n"
    path = put_table(tmp_path, text)
    err = load_error(path)
    assert str(err) == (f"{path}:1: region: no column 'region', which the mapping "
                        "capacity.toml names; columns are company, country, material, "
                        "application, rivals, capacity_t, revenue_musd, year")


def test_row_with_more_cells_than_the_header(tmp_path):
    text = edited_csv().replace("Cobalt Ridge,", "Cobalt Ridge,Extra,", 1)
    path = put_table(tmp_path, text)
    assert str(load_error(path)) == (f"{path}:4: 10 cells where the header has 9; quote "
                                     "cells that hold commas")


def test_table_that_is_not_utf8(tmp_path):
    path = put_table(tmp_path, "")
    path.write_bytes("company\nMüller\n".encode("latin-1"))
    (tmp_path / "capacity.toml").write_text(
        '[source]\ntitle = "t"\n[rows]\nname = "company"\n')
    err = load_error(path)
    assert str(err).startswith(f"{path}: not UTF-8 text at byte ")
    assert str(err).endswith(": save it as UTF-8")


def test_empty_file_is_a_load_error(tmp_path):
    path = put_table(tmp_path, "")
    assert str(load_error(path)) == (f"{path}: cannot read the table: No columns to parse "
                                     "from file")


# ---------------------------------------------------------------- chunked reading


def _quads(path: Path) -> list[str]:
    return sorted(str(q) for q in load_source(path).quads() if "endedAtTime" not in str(q))


def _long_csv(rows: int, bad: dict[int, str] | None = None) -> str:
    """A table of *rows* rows; *bad* maps a row number to a bad country."""
    lines = ["company,country,material,application,region,rivals,capacity_t,revenue_musd,year"]
    for number in range(2, rows + 2):
        country = (bad or {}).get(number, ["China", "Japan", "Canada"][number % 3])
        rival = f"Company {number - 1}" if number > 2 else ""
        lines.append(f"Company {number},{country},Hard carbon,Power tools;Marine,Europe,"
                     f"{rival},\"{number},000\",{number}.5,2024")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("chunk", [1, 2, 3, 7])
def test_chunks_give_the_same_graph(tmp_path, monkeypatch, chunk):
    path = put_table(tmp_path, _long_csv(10))
    whole = _quads(path)
    monkeypatch.setattr(tables, "CHUNK_ROWS", chunk)
    assert _quads(path) == whole
    assert len(whole) > 200


@pytest.mark.parametrize("chunk", [2, 3, 4])
def test_row_error_in_a_later_chunk_names_its_row(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(tables, "CHUNK_ROWS", chunk)
    path = put_table(tmp_path, _long_csv(12, bad={9: "Atlantis", 12: "Lemuria"}))
    assert str(load_error(path)) == (f"{path}:9: country: unknown country 'Atlantis' "
                                     "(and 1 more row error)")


@pytest.mark.parametrize("chunk", [2, 5])
def test_parquet_chunks_give_the_same_graph(tmp_path, monkeypatch, chunk):
    path = put_table(tmp_path, _long_csv(9))
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    parquet = tmp_path / "capacity.parquet"
    frame.to_parquet(parquet)
    whole = _quads(parquet)
    monkeypatch.setattr(tables, "CHUNK_ROWS", chunk)
    assert _quads(parquet) == whole
    frame.loc[6, "country"] = "Atlantis"  # the seventh record
    frame.to_parquet(parquet)
    assert str(load_error(parquet)) == f"{parquet}:7: country: unknown country 'Atlantis'"


# ---------------------------------------------------------------- the store after a failure


BROKEN = {
    "bad cell": lambda d: put_table(d, edited_csv((3, "capacity_t", "12k"))),
    "missing column": lambda d: put_table(d, "company,country\nAcme,China\n"),
    "bad mapping": lambda d: put_table(d, mapping=MAPPING.replace('"supplies"', '"makes"')),
    "ragged row": lambda d: put_table(d, edited_csv().replace("Borealis Anodes,Japan",
                                                              "Borealis, Anodes,Japan")),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_failed_table_load_leaves_the_store_as_it_was(any_spec, tmp_path, kind):
    with cikg.open(any_spec) as kg:
        kg.load(put_table(tmp_path / "good"), vocabulary=False)
        before = dump(kg)
        broken = tmp_path / "broken"
        BROKEN[kind](broken)
        with pytest.raises(LoadError):  # a reload of the same source (same file name)
            kg.load(broken / "capacity.csv", vocabulary=False)
        assert dump(kg) == before
        with pytest.raises(LoadError):  # the directory: the build stops at the table
            kg.load(broken)
        assert dump(kg) == before


# ---------------------------------------------------------------- memory


MEMORY_SCRIPT = textwrap.dedent("""
    import gc, sys, tracemalloc
    from pathlib import Path
    from cikg.loaders import load_source

    directory, mode = Path(sys.argv[1]), sys.argv[2]
    # a first load, so that imports and caches (the taxonomy index) do not count
    sum(1 for _ in load_source(directory / "warm.csv").quads())
    gc.collect()
    if mode == "sample":  # what holding quads costs: Python allocations per quad
        tracemalloc.start()
        held = list(load_source(directory / "sample.csv").quads())
        print(len(held), int(tracemalloc.get_traced_memory()[0] / len(held)))
    else:  # the growth of the resident set while streaming the big table
        def status(field: str) -> int:  # bytes
            line = next(l for l in Path("/proc/self/status").read_text().splitlines()
                        if l.startswith(field + ":"))
            return int(line.split()[1]) * 1024
        Path("/proc/self/clear_refs").write_text("5")  # the peak starts again from now
        before = status("VmRSS")
        count = sum(1 for _ in load_source(directory / "big.csv").quads())
        print(count, max(0, status("VmHWM") - before))
""")


def _write_table(directory: Path, stem: str, rows: int) -> None:
    countries = ["China", "Japan", "Canada", "Germany", "India"]
    with (directory / f"{stem}.csv").open("w", encoding="utf-8") as out:
        out.write("company,country,material\n")
        for i in range(rows):
            out.write(f"Company {i % 1000},{countries[i % 1000 % 5]},Hard carbon\n")
    (directory / f"{stem}.toml").write_text(
        '[source]\ntitle = "t"\npublished = "2025-01-01"\n[rows]\nname = "company"\n'
        'country = "country"\n[columns.material]\nrelation = "supplies"\n')


def _child(directory: Path, mode: str) -> list[int]:
    done = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, str(directory), mode],
                          capture_output=True, text=True, check=False, timeout=900)
    assert done.returncode == 0, done.stderr
    return [int(n) for n in done.stdout.split()]


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux /proc")
def test_a_large_table_streams_its_quads(tmp_path):
    """A 200,000-row table is checked and written without holding its quads.

    One child process measures the Python allocations per quad of a materialized
    5,000-row sample (a lower bound of what holding quads costs: pyoxigraph keeps the
    IRI strings outside the Python heap); another the growth of its peak resident set
    (reset just before) while it streams the 200,000 rows. Holding about two million
    quads would need at least quads x bytes-per-quad (2.2 million x about 250 bytes,
    0.55 GB here; the resident set of a held list grows twice that); streaming needs
    one chunk of rows (the growth measures about 30 MB, nearly the same at 50,000 rows).
    The bound, a fifth of the former, leaves a wide margin both ways and does not depend
    on the machine's speed; child processes keep other tests' memory out of the measure.
    """
    rows = 200_000
    for stem, count in (("warm", 10), ("sample", 5_000), ("big", rows)):
        _write_table(tmp_path, stem, count)
    held, per_quad = _child(tmp_path, "sample")
    count, growth = _child(tmp_path, "stream")
    assert held > 10 * 5_000  # type, label, country, supplies + 7 of metadata per row
    assert count > 10 * rows
    assert per_quad > 100
    materialized = count * per_quad
    assert growth < materialized / 5, (growth, materialized)
