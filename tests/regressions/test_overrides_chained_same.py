"""Symptom: two [[same]] entries that share a name ("Alpha" = "Beta", "Beta" = "Gamma")
gave two companies: "Gamma" resolved to "Beta"'s key while "Beta" resolved to "Alpha";
a name in both [[same]] and [[not_same]] was silently taken as the same; a misspelt
``[[sme]]`` was silently ignored."""

from __future__ import annotations

import pytest

from cikg.errors import LoadError
from cikg.loaders.resolve import Overrides, Resolver


def read(tmp_path, text: str) -> Overrides:
    path = tmp_path / "entities.toml"
    path.write_text(text)
    return Overrides.read(path)


def test_same_entries_that_share_a_name_are_one_company(tmp_path):
    overrides = read(tmp_path, '[[same]]\nnames = ["Alpha Anodes", "Beta Anodes"]\n'
                               '[[same]]\nnames = ["Beta Anodes", "Gamma Anodes"]\n'
                               '[[same]]\nnames = ["Delta", "Gamma Anodes Inc."]\n')
    resolver = Resolver(overrides=overrides)
    keys = {resolver.resolve(n).key for n in ("Alpha Anodes", "Beta Anodes", "Gamma Anodes",
                                               "Delta")}
    assert keys == {"alpha anodes"}


def test_same_and_not_same_contradict(tmp_path):
    with pytest.raises(LoadError) as info:
        read(tmp_path, '[[same]]\nnames = ["Alpha", "Beta"]\n'
                       '[[not_same]]\nnames = ["Beta", "Alpha"]\n')
    assert str(info.value) == (f"{tmp_path / 'entities.toml'}: not_same[1].names: 'beta' "
                               "and 'alpha' are the same company by a [[same]] entry")


def test_unknown_entry(tmp_path):
    with pytest.raises(LoadError) as info:
        read(tmp_path, '[[sme]]\nnames = ["Alpha", "Beta"]\n')
    assert str(info.value) == (f"{tmp_path / 'entities.toml'}: sme: unknown key 'sme'; use "
                               "[[same]] or [[not_same]]")
