"""Symptom: legal suffixes written with dots or a slash were kept in the key: "Arkema
S.A." gave "arkema s a" (not "arkema"), likewise N.V., S.p.A., K.K., A/S and Sp. z o.o.,
so "Arkema S.A." and "Arkema" were two companies."""

from __future__ import annotations

import pytest

from cikg.loaders.resolve import company_key


@pytest.mark.parametrize(("name", "short"), [
    ("Arkema S.A.", "Arkema"), ("Philips N.V.", "Philips"), ("Enel S.p.A.", "Enel"),
    ("Sumitomo Chemical K.K.", "Sumitomo Chemical"), ("Vestas A/S", "Vestas"),
    ("Firma Sp. z o.o.", "Firma"), ("Cemex S.A.B. de C.V.", "Cemex"),
])
def test_dotted_suffixes_are_dropped(name, short):
    assert company_key(name) == company_key(short)
