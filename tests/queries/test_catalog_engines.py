"""Every catalog question gives the same answer on every engine, and a subset of the
golden tests runs on a real `oxigraph serve` reached over the SPARQL protocol."""

from __future__ import annotations

import pandas as pd
import pytest

from cikg.queries import example_params, get_query

from . import golden as g
from .conftest import CATHODE, VARIANT
from .test_catalog_headers import QUESTIONS

EXTRA = {"conflicts": (VARIANT,), "low-confidence-matches": (VARIANT,),
         "initiative-totals": (CATHODE,), "market-cagr": (CATHODE,)}


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True),
                                  check_dtype=False, check_exact=False, rtol=1e-12)


@pytest.mark.parametrize("name", QUESTIONS)
def test_oxigraph_and_rdflib_give_the_same_answer(graphs, name):
    params = example_params(get_query(name))
    extra = EXTRA.get(name, ())
    _same(graphs("oxigraph", *extra).query(name, **params),
          graphs("memory", *extra).query(name, **params))


@pytest.mark.server
@pytest.mark.parametrize("name", QUESTIONS)
def test_remote_server_gives_the_same_answer(graphs, remote_demo, name):
    params = example_params(get_query(name))
    _same(graphs("oxigraph").query(name, **params), remote_demo.query(name, **params))


@pytest.mark.server
def test_golden_on_the_remote_server(remote_demo):
    kg = remote_demo
    assert g.rows(kg.query("companies-by-country"), "country", "country_name", "companies",
                  "names") == g.COMPANIES_BY_COUNTRY
    assert g.rows(kg.query("suppliers-of-material", material="Hard carbon"), "company_label",
                  "country", "supplies", "statements") == g.SUPPLIERS_OF_HARD_CARBON
    assert g.rows(kg.query("regions-without-suppliers"), "region_label", "countries",
                  "sources") == g.REGIONS_WITHOUT_SUPPLIERS
    cagr = kg.query("market-cagr")
    assert g.rows(cagr, "stated_cagr", "from_year", "to_year", "start_year", "start_value",
                  "end_year", "end_value", "currency", "implied_cagr") == [g.CAGR]
    assert cagr["disagrees"].tolist() == [True]
    g.assert_rows(g.rows(kg.query("share-claims"), "companies", "percent", "qualifier",
                         "measure", "year", "market_size", "currency", "covered_value"),
                  g.SHARE_CLAIMS)
    totals = g.rows(kg.query("initiative-totals"), "country", "programmes", "total_usd")
    g.assert_rows(totals, [r[:3] for r in g.INITIATIVE_TOTALS])
    assert g.rows(kg.query("competitors", company="BTR"), "competitor_label", "shared",
                  "shares") == g.BTR_OVERLAP
    evidence = kg.query("evidence", name="Targray")
    assert g.evidence_rows(evidence) == g.TARGRAY_EVIDENCE
    assert g.rows(kg.query("companies-only-listed"), "company_label", "country", "lists") == \
        g.ONLY_LISTED
