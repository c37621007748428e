"""Fixtures of the ontology tests; the data builders live in ontology_data.py."""

from __future__ import annotations

import pytest
from ontology_data import build_valid
from rdflib import Dataset


@pytest.fixture
def valid_dataset() -> Dataset:
    """A fresh valid Dataset per test (tests may change it)."""
    return build_valid()
