"""Entity matching in questions: names, aliases, codes, adjectives, typos."""

from __future__ import annotations

import pandas as pd
import pytest

from cikg.answers.entities import EntityIndex

ROWS = pd.DataFrame([
    ("c/btr", "company", "BTR", "BTR"),
    ("c/btr", "company", "BTR New Material Group Co., Ltd.", "BTR"),
    ("c/mse", "company", "MSE Supplies LLC", "MSE Supplies LLC"),
    ("c/p66", "company", "Phillips 66", "Phillips 66"),
    ("m/hc", "material", "Hard carbon", "Hard carbon"),
    ("m/hc", "material", "Non-graphitizable carbon", "Hard carbon"),
    ("r/mea", "region", "Middle East & Africa", "Middle East & Africa"),
    ("r/mea", "region", "MEA", "Middle East & Africa"),
    ("r/na", "region", "North America", "North America"),
    ("k/cn", "country", "China", "China"),
    ("k/cn", "country", "CN", "China"),
    ("k/cn", "country", "CHN", "China"),
    ("k/in", "country", "India", "India"),
    ("k/in", "country", "IN", "India"),
    ("k/us", "country", "United States", "United States"),
    ("k/us", "country", "US", "United States"),
    ("a/ce", "application", "Consumer electronics", "Consumer electronics"),
    ("e/bm", "end user", "Battery manufacturers", "Battery manufacturers"),
    ("x/mkt", "market", "Anode Material for Sodium-ion Battery",
     "Anode Material for Sodium-ion Battery"),
], columns=["entity", "kind", "name", "label"])


@pytest.fixture(scope="module")
def index() -> EntityIndex:
    return EntityIndex.from_frame(ROWS)


def found(index: EntityIndex, question: str) -> list[tuple[str, str]]:
    return [(m.kind, m.label) for m in index.find(question)]


@pytest.mark.parametrize(("question", "expected"), [
    ("who supplies hard carbon in china", [("material", "Hard carbon"), ("country", "China")]),
    ("HARD CARBONS from CN", [("material", "Hard carbon"), ("country", "China")]),
    ("non-graphitizable carbon makers", [("material", "Hard carbon")]),
    ("BTR New Material Group Co., Ltd. rivals", [("company", "BTR")]),
    ("btr's rivals", [("company", "BTR")]),
    ("companies in the Middle East and North America",
     [("region", "North America")]),
    ("companies in MEA", [("region", "Middle East & Africa")]),
    ("Middle East & Africa suppliers", [("region", "Middle East & Africa")]),
    ("Chinese suppliers", [("country", "China")]),
    ("suppliers in the U.S.", [("country", "United States")]),
    ("who serves consumer electronics and battery manufacturers?",
     [("application", "Consumer electronics"), ("end user", "Battery manufacturers")]),
    ("the anode material for sodium-ion battery market", [
        ("market", "Anode Material for Sodium-ion Battery")]),
    ("where is Phillips 66 based", [("company", "Phillips 66")]),
])
def test_names_found(index, question, expected):
    assert found(index, question) == expected


def test_lower_case_codes_are_words(index):
    # "in" is not India and "us" is not the United States unless written as codes
    assert found(index, "who is in us markets in 2024") == []
    assert found(index, "suppliers in IN and US") == [("country", "India"),
                                                     ("country", "United States")]


def test_longest_name_wins(index):
    # "MSE Supplies LLC" is one company, not the word "supplies"
    mentions = index.find("where is MSE Supplies LLC based?")
    assert [(m.label, m.text) for m in mentions] == [("MSE Supplies LLC", "MSE Supplies LLC")]


def test_typos_match_fuzzily(index):
    mentions = index.find("who competes with Philips 66 in hard carbn?")
    assert [(m.kind, m.label) for m in mentions] == [("company", "Phillips 66"),
                                                     ("material", "Hard carbon")]
    assert all(m.score >= 90 for m in mentions)


def test_short_or_common_words_are_never_names():
    rows = pd.DataFrame([("c/x", "company", "Others", "Others"),
                         ("c/y", "company", "A", "A")],
                        columns=["entity", "kind", "name", "label"])
    assert EntityIndex.from_frame(rows).find("a company and others") == []


def test_names_from_the_graph(demo_kg):
    from cikg.answers.session import Session

    index = Session(demo_kg).index()
    assert found(index, "HiNa Battery Technology Co., Ltd. and Kuraray Co., Ltd.") == [
        ("company", "Hina Battery"), ("company", "Kuraray")]
    assert found(index, "grid storage in South America") == [
        ("application", "Grid-scale energy storage"), ("region", "South America")]
