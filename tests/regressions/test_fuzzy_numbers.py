"""Symptom: "Company 12 Materials" and "Company 13 Materials" of one country were merged
into one company by fuzzy matching (score 0.95): names that differ in their numbers are
different companies ("Phase 2" is not "Phase 3")."""

from __future__ import annotations

from cikg.loaders.resolve import KnownCompany, Resolver


def test_names_with_other_numbers_are_not_fuzzy_matches():
    resolver = Resolver([KnownCompany("company 12 materials", "Company 12 Materials", "CN")])
    assert resolver.resolve("Company 13 Materials", "CN").reason == "new entity"
    # a typo elsewhere in a name with the same number still matches
    match = resolver.resolve("Company 12 Materails", "CN")
    assert (match.key, match.reason) == ("company 12 materials", "fuzzy 0.95 within CN")
