"""Symptom: "Merck & Co., Inc." gave the key "merck and" and "Acme GmbH & Co. KG" gave
"acme gmbh and": the '&' before a dropped legal suffix stayed, so neither matched the
company's short name."""

from __future__ import annotations

from cikg.loaders.resolve import company_key


def test_and_before_a_legal_suffix_goes_with_it():
    assert company_key("Merck & Co., Inc.") == company_key("Merck") == "merck"
    assert company_key("Acme GmbH & Co. KG") == company_key("Acme GmbH") == "acme"
    # an '&' inside a name stays
    assert company_key("Procter & Gamble Co.") == "procter and gamble"
