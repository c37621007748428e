"""Fixtures of the analytics tests: a demo store the tests may write derived graphs to."""

from __future__ import annotations

from pathlib import Path

import pytest

import cikg

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def demo_kg(tmp_path_factory: pytest.TempPathFactory):
    """The demo graph in an on-disk Oxigraph store of this test module (writable)."""
    kg = cikg.open(f"oxigraph:{tmp_path_factory.mktemp('analytics') / 'store'}")
    kg.load(DATA)
    yield kg
    kg.close()
