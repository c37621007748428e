"""hypothesis: mutated tables and mappings load or fail with a LoadError, never anything
else, and a failed load leaves the store as it was."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cikg
from cikg.errors import LoadError

from .table_helpers import TABLES, dump, fixture_rows

MAPPING = (TABLES / "capacity.toml").read_text("utf-8")
ROWS = fixture_rows()
WIDTH = len(ROWS[0])

#: Values a careless export puts in cells.
ODD_VALUES = st.sampled_from([
    "", " ", "n/a", "NaN", "nan", "None", "inf", "-inf", "12k", "1e6", "-5", "-0", "0.0",
    "1,2,3", "12,34", "1.234,5", "٣٤٥", "１２３", "$5", "5%", "2025-01-01", "TRUE", "＂", '"',
    "'", ";", ";;", " ; ", "Hard carbon;", ";Europe", "Europe;;Japan", "\t", "\u200b",
    "\ufeff", "Ørsted", "宁德时代", "Acme Carbon", "acme carbon co ltd", "China", "EU",
    "Atlantis", "1899", "2101", "99999", "0x10", "=1+1", "\x00", "\r", "\n", "a\nb",
])
CELL = st.one_of(ODD_VALUES, st.text(max_size=12))
ROW = st.integers(min_value=0, max_value=len(ROWS) - 1)
COLUMN = st.integers(min_value=0, max_value=WIDTH - 1)

CSV_MUTATIONS = st.one_of(
    st.tuples(st.just("set"), ROW, COLUMN, CELL),
    st.tuples(st.just("drop_cell"), ROW, COLUMN),
    st.tuples(st.just("dup_cell"), ROW, COLUMN),
    st.tuples(st.just("swap_cells"), ROW, COLUMN, COLUMN),
    st.tuples(st.just("drop_row"), ROW),
    st.tuples(st.just("dup_row"), ROW),
    st.tuples(st.just("swap_rows"), ROW, ROW),
    st.tuples(st.just("drop_header")),
)
RAW_MUTATIONS = st.one_of(
    st.tuples(st.just("insert"), st.integers(min_value=0, max_value=400), st.text(max_size=8)),
    st.tuples(st.just("cut"), st.integers(min_value=0, max_value=400)),
    st.tuples(st.just("latin-1")),
    st.tuples(st.just("bom")),
)


def mutate_rows(mutations: list[tuple]) -> list[list[str]]:
    rows = [list(row) for row in ROWS]
    for mutation in mutations:
        kind, *args = mutation
        if not rows:
            break
        index = args[0] % len(rows) if args else 0
        row = rows[index] if args else rows[0]
        if kind == "set" and args[1] < len(row):
            row[args[1]] = args[2]
        elif kind == "drop_cell" and args[1] < len(row):
            del row[args[1]]
        elif kind == "dup_cell" and args[1] < len(row):
            row.insert(args[1], row[args[1]])
        elif kind == "swap_cells" and max(args[1], args[2]) < len(row):
            row[args[1]], row[args[2]] = row[args[2]], row[args[1]]
        elif kind == "drop_row":
            del rows[index]
        elif kind == "dup_row":
            rows.insert(index, list(row))
        elif kind == "swap_rows":
            other = args[1] % len(rows)
            rows[index], rows[other] = rows[other], rows[index]
        elif kind == "drop_header":
            del rows[0]
    return rows


def table_bytes(rows: list[list[str]], raw: list[tuple]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    text = out.getvalue()
    encoding = "utf-8"
    for kind, *args in raw:
        if kind == "insert":
            position = args[0] % (len(text) + 1)
            text = text[:position] + args[1] + text[position:]
        elif kind == "cut":
            text = text[: args[0] % (len(text) + 1)]
        elif kind == "latin-1":
            encoding = "latin-1"
        elif kind == "bom":
            text = "\ufeff" + text
    return text.encode(encoding, errors="replace")


MAPPING_LINES = MAPPING.splitlines()
LINE = st.integers(min_value=0, max_value=len(MAPPING_LINES) - 1)
TOML_VALUES = st.sampled_from([
    '"supplies"', '"makes"', '"competesWith"', '"activeIn"', '""', "1", "0", "-1e6", "true",
    '"2025-02-30"', "2025-06-30", "2025-06-30T10:00:00", '"USD"', '"usd"', '"XYZ"',
    '"TONNE PER YR"', '"TONNE-PER-YR"', '"company"', '"country"', '"nope"', '["a", "b"]',
    "{}", '"year"', '"material"', '"Capacity"', '"宁德时代"', '"line\\nbreak"', '"tab\\there"',
])
MAPPING_MUTATIONS = st.one_of(
    st.tuples(st.just("delete"), LINE),
    st.tuples(st.just("duplicate"), LINE),
    st.tuples(st.just("value"), LINE, TOML_VALUES),
    st.tuples(st.just("key"), LINE, st.sampled_from(
        ["relation", "measure", "unit", "currency", "scale", "year", "of", "name",
         "country", "entity", "sheet", "title", "published", "publisher", "colour",
         '"key\\nbreak"', "[columns.\"x\\ny\"]\nrelation"])),
    st.tuples(st.just("insert"), LINE, st.text(max_size=10)),
)


def mutate_mapping(mutations: list[tuple]) -> str:
    lines = list(MAPPING_LINES)
    for kind, index, *args in mutations:
        if not lines:
            break
        index %= len(lines)
        line = lines[index]
        if kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, line)
        elif kind == "value" and "=" in line:
            lines[index] = line.split("=", 1)[0] + "= " + args[0]
        elif kind == "key" and "=" in line:
            lines[index] = args[0] + " =" + line.split("=", 1)[1]
        elif kind == "insert":
            lines[index] = line[: len(line) // 2] + args[0] + line[len(line) // 2:]
    return "\n".join(lines) + "\n"


class Loads:
    """One store across the examples of a test: each example reloads the same source."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.kg = cikg.open(f"oxigraph:{directory / 'store'}")
        self.kg.load(TABLES / "capacity.csv", vocabulary=False)
        self.before = dump(self.kg)
        self.failures = self.successes = 0

    def load(self, table: bytes, mapping: str) -> None:
        sources = self.directory / "sources"
        sources.mkdir(exist_ok=True)
        (sources / "capacity.csv").write_bytes(table)
        (sources / "capacity.toml").write_text(mapping, encoding="utf-8", errors="replace")
        error: LoadError | None = None
        try:
            self.kg.load(sources / "capacity.csv", vocabulary=False)
        except LoadError as exc:  # anything else fails the test
            error = exc
        if error is not None:
            assert "\n" not in str(error)  # one line, whatever the cell held
            assert str(error).startswith(str(sources))  # names the file
            assert dump(self.kg) == self.before  # nothing written, nothing dropped
            self.failures += 1
            return
        self.successes += 1
        self.before = dump(self.kg)
        labels = self.kg.sparql("SELECT ?l WHERE { ?c a <https://w3id.org/cikg/ontology#"
                                "Company> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
        assert all(label.strip() for label in labels["l"])
        assert not {"nan", "None"} & set(labels["l"])


@pytest.fixture
def loads(tmp_path):
    state = Loads(tmp_path)
    yield state
    state.kg.close()


FUZZ = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@FUZZ
@given(mutations=st.lists(CSV_MUTATIONS, max_size=5), raw=st.lists(RAW_MUTATIONS, max_size=2))
def test_mutated_tables(loads, mutations, raw):
    loads.load(table_bytes(mutate_rows(mutations), raw), MAPPING)


@FUZZ
@given(mutations=st.lists(MAPPING_MUTATIONS, min_size=1, max_size=4))
def test_mutated_mappings(loads, mutations):
    loads.load((TABLES / "capacity.csv").read_bytes(), mutate_mapping(mutations))


@FUZZ
@given(mutations=st.lists(CSV_MUTATIONS, max_size=3),
       mapping=st.lists(MAPPING_MUTATIONS, max_size=2))
def test_mutated_tables_and_mappings(loads, mutations, mapping):
    loads.load(table_bytes(mutate_rows(mutations), []), mutate_mapping(mapping))
