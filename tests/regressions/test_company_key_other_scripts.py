"""Symptom: a company name in Chinese, Japanese or Korean script had the empty key (the
normalization dropped every non-ASCII character), so every such name resolved to the
first of them ("same normalized name")."""

from __future__ import annotations

from cikg.loaders.resolve import KnownCompany, Resolver, company_key


def test_names_in_other_scripts_keep_their_letters():
    assert company_key("宁德时代") == "宁德时代"
    resolver = Resolver([KnownCompany(company_key("宁德时代"), "宁德时代", "CN")])
    assert resolver.resolve("比亚迪", "CN").reason == "new entity"
    assert resolver.resolve("宁德时代", "CN").reason == "same normalized name"
