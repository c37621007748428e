"""Mapping files: what a good one means, and a bad one named by its key."""

from __future__ import annotations

from datetime import date

import pytest

import cikg
from cikg.errors import LoadError
from cikg.loaders.mapping import Figure, Relation, read_mapping

from .table_helpers import TABLES, dump, put_table

MAPPING = (TABLES / "capacity.toml").read_text("utf-8")
MINIMAL = '[source]\ntitle = "t"\n[rows]\nname = "company"\n'


def mapping_error(tmp_path, text: str) -> str:
    path = tmp_path / "t.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError) as info:
        read_mapping(path)
    assert info.value.source == str(path)
    message = str(info.value)
    prefix = f"{path}: "
    assert message.startswith(prefix)
    return message[len(prefix):]


def test_the_fixture_mapping():
    mapping = read_mapping(TABLES / "capacity.toml")
    assert (mapping.title, mapping.publisher, mapping.published) == (
        "Anode capacity by company (test fixture)", "example.org", date(2025, 6, 30))
    assert (mapping.entity, mapping.name_column, mapping.country_column, mapping.sheet) == (
        "company", "company", "country", None)
    assert mapping.relations == [Relation("material", "supplies"),
                                 Relation("application", "serves"),
                                 Relation("region", "activeIn"),
                                 Relation("rivals", "competesWith")]
    assert mapping.figures == [
        Figure("capacity_t", "production capacity", unit="TONNE-PER-YR", year="year",
               of="material"),
        Figure("revenue_musd", "revenue", currency="USD", scale=1e6, year="year")]
    assert mapping.columns == ["company", "material", "application", "region", "rivals",
                               "capacity_t", "revenue_musd", "year", "country"]


def test_minimal_mapping_and_toml_dates(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text(MINIMAL.replace('title = "t"', 'title = "t"\npublished = 2024-02-29'))
    mapping = read_mapping(path)
    assert (mapping.published, mapping.relations, mapping.figures) == (date(2024, 2, 29), [], [])
    assert mapping.columns == ["company"]


@pytest.mark.parametrize(("text", "message"), [
    ('[rows]\nname = "company"\n', "source.title: is required"),
    ('[source]\ntitle = "t"\n', "rows.name: is required"),
    ('[source]\ntitle = "t"\n[rows]\nname = ""\n',
     "rows.name: must be a non-empty string, not ''"),
    ('[source]\ntitle = 7\n[rows]\nname = "company"\n',
     "source.title: must be a non-empty string, not 7"),
    ('source = "t"\n[rows]\nname = "company"\n', "needs [source] and [rows] tables"),
    (MINIMAL.replace('[rows]', '[rows]\nentity = "product"'),
     "rows.entity: unknown entity 'product'; use one of company"),
    (MINIMAL + '[columns.material]\nrelation = "makes"\n',
     "columns.material.relation: unknown relation 'makes'; use one of supplies, serves, "
     "activeIn, competesWith"),
    (MINIMAL + '[columns.revenue]\nmeasure = "revenue"\nunit = "TONNE"\ncurrency = "USD"\n',
     "columns.revenue: a figure needs either a unit or a currency"),
    (MINIMAL + '[columns.revenue]\nmeasure = "revenue"\n',
     "columns.revenue: a figure needs either a unit or a currency"),
    (MINIMAL + '[columns.revenue]\nmeasure = "revenue"\ncurrency = "USD"\nscale = 0\n',
     "columns.revenue.scale: must be a positive number, not 0"),
    (MINIMAL + '[columns.revenue]\nmeasure = "revenue"\ncurrency = "USD"\nscale = "1e6"\n',
     "columns.revenue.scale: must be a positive number, not '1e6'"),
    (MINIMAL + '[columns.revenue]\nmeasure = "revenue"\ncurrency = "USD"\nscale = true\n',
     "columns.revenue.scale: must be a positive number, not True"),
    (MINIMAL + '[columns.revenue]\nmeasure = ""\ncurrency = "USD"\n',
     "columns.revenue.measure: must be a non-empty string, not ''"),
    (MINIMAL + '[columns.notes]\ncomment = "free text"\n',
     "columns.notes: needs `relation` or `measure`"),
    ('columns = ["a"]\n' + MINIMAL, "columns: must be a table of column tables"),
    (MINIMAL.replace('[rows]', '[rows]\ncontry = "country"'),
     "rows.contry: unknown key 'contry'; use one of entity, name, country, sheet"),
    (MINIMAL.replace('title = "t"', 'title = "t"\npublised = "2025-01-01"'),
     "source.publised: unknown key 'publised'; use one of title, publisher, published"),
    (MINIMAL + '[columns.cap]\nmeasure = "capacity"\nunit = "TONNE"\nyaer = "year"\n',
     "columns.cap.yaer: unknown key 'yaer'; use one of measure, unit, currency, scale, "
     "year, of"),
    (MINIMAL + '[columns.material]\nrelation = "supplies"\nof = "x"\n',
     "columns.material.of: unknown key 'of'; use one of relation"),
    ('[mapping]\nversion = 1\n' + MINIMAL,
     "mapping: unknown key 'mapping'; use one of source, rows, columns"),
    (MINIMAL.replace('title = "t"', 'title = "t"\npublished = "2025-13-01"'),
     "source.published: '2025-13-01' is not a date (YYYY-MM-DD)"),
    (MINIMAL.replace('title = "t"', 'title = "t"\npublished = "last year"'),
     "source.published: 'last year' is not a date (YYYY-MM-DD)"),
    (MINIMAL.replace('title = "t"', 'title = "t"\npublished = 2025'),
     "source.published: must be a date (YYYY-MM-DD), not 2025"),
])
def test_bad_mapping_names_the_key(tmp_path, text, message):
    assert mapping_error(tmp_path, text) == message


def test_mapping_that_is_not_toml(tmp_path):
    message = mapping_error(tmp_path, '[source]\ntitle = "unclosed\n')
    assert message.startswith("not valid TOML: ")
    assert "line 2" in message


def test_table_without_a_mapping(tmp_path):
    table = put_table(tmp_path)
    (tmp_path / "capacity.toml").unlink()
    with pytest.raises(LoadError) as info:
        cikg.loaders.load_source(table)
    assert str(info.value) == (f"{tmp_path / 'capacity.toml'}: no mapping file: a table "
                               "needs STEM.toml beside it (see cikg.loaders.mapping)")


def test_mapping_of_a_column_the_table_lacks(tmp_path):
    table = put_table(tmp_path, mapping=MAPPING.replace('year = "year"\nof',
                                                        'year = "fiscal_year"\nof'))
    with pytest.raises(LoadError) as info:
        cikg.loaders.load_source(table)
    assert str(info.value).startswith(f"{table}:1: fiscal_year: no column 'fiscal_year', "
                                      "which the mapping capacity.toml names; columns are ")


def test_bad_mapping_leaves_the_store_as_it_was(tmp_path):
    with cikg.open(f"oxigraph:{tmp_path / 'store'}") as kg:
        kg.load(put_table(tmp_path / "a"), vocabulary=False)
        before = dump(kg)
        bad = put_table(tmp_path / "b", mapping=MAPPING.replace(
            'currency = "usd"', 'currency = "usd"\nunit = "TONNE"'))
        with pytest.raises(LoadError, match="columns.revenue_musd: a figure needs either"):
            kg.load(bad, vocabulary=False)
        assert dump(kg) == before
