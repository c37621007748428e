"""Symptom: resolving 20,000 new names of one country took about seven minutes, because
every fuzzy lookup walked every known company in Python (and re-sorted every
candidate's tokens); each lookup now reads only its country's block."""

from __future__ import annotations

from cikg.loaders.resolve import KnownCompany, Resolver


class NoWalk(dict):
    """A company table that fails when a lookup iterates over it."""

    def items(self):  # noqa: D102
        raise AssertionError("a fuzzy lookup walked every known company")

    def __iter__(self):
        raise AssertionError("a fuzzy lookup walked every known company")

    def values(self):  # noqa: D102
        raise AssertionError("a fuzzy lookup walked every known company")


def test_fuzzy_lookup_does_not_walk_the_companies():
    resolver = Resolver([KnownCompany(f"maker {chr(97 + i)}{chr(97 + j)}",
                                      f"Maker {chr(97 + i)}{chr(97 + j)}", "JP")
                         for i in range(26) for j in range(26)])
    resolver.add(KnownCompany("azurite cell chemicals", "Azurite Cell Chemicals", "CN"))
    resolver.companies = NoWalk(resolver.companies)
    match = resolver.resolve("Azurite Cel Chemicals", "CN")
    assert (match.key, match.reason) == ("azurite cell chemicals", "fuzzy 0.98 within CN")
    assert resolver.resolve("Kuraray", "JP").reason == "new entity"
    assert resolver.resolve("Makerr bc", "JP").key == "maker bc"
