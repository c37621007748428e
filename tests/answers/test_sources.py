"""Answers on other sources than the demo: the fictional second report, a generated
landscape (bench/generate.py), and an empty graph. Nothing is tuned to the sample."""

from __future__ import annotations

import pytest

import cikg
from tests.conftest import FIXTURES

CATHODE = FIXTURES / "reports" / "r1_cathode.txt"


@pytest.fixture(scope="module")
def cathode_kg(tmp_path_factory: pytest.TempPathFactory):
    spec = f"oxigraph:{tmp_path_factory.mktemp('cathode') / 'store'}"
    with cikg.open(spec) as kg:
        kg.load(CATHODE)
    with cikg.open(spec, read_only=True) as kg:
        yield kg


@pytest.fixture(scope="module")
def generated_kg(tmp_path_factory: pytest.TempPathFactory):
    generate = pytest.importorskip("bench.generate")
    out = tmp_path_factory.mktemp("landscape")
    made = generate.generate("10k", out, seed=7, csv_rows=20)
    spec = f"oxigraph:{tmp_path_factory.mktemp('generated') / 'store'}"
    with cikg.open(spec) as kg:
        kg.load(made.trig)
    with cikg.open(spec, read_only=True) as kg:
        yield kg, made.samples


def test_cathode_market_briefing(cathode_kg):
    briefing = cathode_kg.brief("market", view=False)
    assert briefing.label == "Prussian Blue Analogue Cathode Material"
    market = briefing.text("market")
    assert "USD 1.42 billion in 2024 (actual)" in market
    assert "USD 4.37 billion in 2033 (forecast)" in market
    assert "It states a CAGR of 13.3 % for 2025-2033." in market
    leaders = briefing.text("leaders")
    assert ("Azurite Cell Chemicals Co., Ltd., Ferrocyan Energy Materials and Pembridge "
            "Sodium Systems together hold approximately 41 %") in leaders
    assert "USD 1.42 billion" in leaders  # the share's coverage at the 2024 size
    assert "Sodium Cathode Scale-Up Programme" in briefing.text("initiatives")
    assert briefing.to_markdown().count("\n## ") >= 10


def test_cathode_questions(cathode_kg):
    answer = cathode_kg.ask("who leads the market?")
    assert "Ferrocyan Energy Materials" in answer.summary
    answer = cathode_kg.ask("which companies make Prussian white?")
    assert answer.intent == "suppliers"


def test_generated_landscape(generated_kg):
    kg, samples = generated_kg
    company, material = samples["company_label"], samples["material_label"]
    answer = kg.ask(f"which companies supply {material}?")
    assert answer.intent == "suppliers"
    assert company in set(answer.answer["company_label"])
    answer = kg.ask(f"who competes with {company}?")
    assert answer.intent == "competitors"
    assert len(answer.answer) > 0
    briefing = kg.brief("material", material, view=False)
    count = len(kg.query("suppliers-of-material", material=samples["material"], limit=None))
    assert briefing.text("suppliers").startswith(
        f"{count} companies supply {material}" if count > 1 else "1 company supplies")
    briefing = kg.brief("company", company)
    assert briefing.text("suppliers").startswith(f"{company} is headquartered in ")
    assert briefing.view is not None
    assert briefing.view.nodes > 1
    region = kg.brief("region", "Europe", view=False)
    assert region.label == "Europe"


def test_empty_graph():
    kg = cikg.open("memory:")
    briefing = kg.brief("market")
    assert briefing.view is None
    assert briefing.text("overview") == "The graph holds no sources: load some with cikg build."
    assert "No company in the graph" in briefing.text("suppliers")
    answer = kg.ask("which companies supply hard carbon?")
    assert not answer.answered  # no taxonomy loaded: the graph names no material
    assert answer.suggestions[0] == "Which companies supply {material} (in {place})?"


@pytest.mark.slow
def test_same_briefing_on_rdflib(demo_briefs):
    """The reference engine (rdflib, memory:) writes the same market briefing."""
    from tests.conftest import DATA

    kg = cikg.open("memory:")
    kg.load(DATA)
    briefing = kg.brief("market", view=False)
    for section in demo_briefs["market"].sections:
        assert briefing.text(section.key) == demo_briefs["market"].text(section.key), \
            section.key
