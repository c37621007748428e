"""Entity resolution: canonical keys, overrides, aliases, fuzzy matches within a country,
and what two sources that name one company differently end up as in the store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

import cikg
from cikg.errors import LoadError
from cikg.loaders.resolve import (
    FUZZY_THRESHOLD,
    KnownCompany,
    Match,
    Overrides,
    Resolver,
    company_key,
)
from tests.conftest import DATA, SAMPLE

from .table_helpers import ID

MAPPING = '[source]\ntitle = "{title}"\n[rows]\nname = "company"\ncountry = "country"\n'


def table(directory: Path, stem: str, rows: str) -> Path:
    """A company,country table with its mapping, in *directory*."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{stem}.csv").write_text("company,country\n" + rows, encoding="utf-8")
    (directory / f"{stem}.toml").write_text(MAPPING.format(title=stem), encoding="utf-8")
    return directory / f"{stem}.csv"


def companies(kg: cikg.KnowledgeGraph) -> dict[str, list[str]]:
    """Company IRI -> its sorted rdfs:labels."""
    frame = kg.sparql("SELECT DISTINCT ?c ?l WHERE { ?c a <https://w3id.org/cikg/ontology#Company>"
                      " ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    out: dict[str, list[str]] = {}
    for iri, label in zip(frame["c"], frame["l"], strict=True):
        out.setdefault(iri.removeprefix(ID + "company/"), []).append(label)
    return {k: sorted(v) for k, v in out.items()}


# ---------------------------------------------------------------- company_key


@pytest.mark.parametrize(("name", "key"), [
    ("Kuraray Co., Ltd.", "kuraray"),
    ("KURARAY CO LTD", "kuraray"),
    ("MSE Supplies LLC", "mse supplies"),
    ("Arkema S.A.", "arkema"),
    ("Philips N.V.", "philips"),
    ("Enel S.p.A.", "enel"),
    ("Vestas Wind Systems A/S", "vestas wind systems"),
    ("Sumitomo Chemical K.K.", "sumitomo chemical"),
    ("Firma Sp. z o.o.", "firma"),
    ("Tata Chemicals Pvt. Ltd.", "tata chemicals"),
    ("Reliance Industries Private Limited", "reliance industries"),
    ("Cemex S.A.B. de C.V.", "cemex"),
    ("Acme GmbH & Co. KG", "acme"),
    ("Merck & Co., Inc.", "merck"),
    ("Procter & Gamble Co.", "procter and gamble"),
    ("Procter and Gamble", "procter and gamble"),
    ("Johnson & Johnson", "johnson and johnson"),
    ("AT&T Inc.", "at and t"),
    ("Société Générale S.A.", "societe generale"),
    ("Ørsted A/S", "ørsted"),
    ("Straße GmbH", "strasse"),
    ("  Hina\u00a0Battery  ", "hina battery"),
    ("J.P. Morgan", "jp morgan"),
    ("Phillips 66", "phillips 66"),
    ("3M Company", "3m"),
    ("Company", "company"),  # a name is never emptied: the last word stays
    ("Inc.", "inc"),
    ("宁德时代", "宁德时代"),  # letters of every script are kept
    ("Ltd. (Hong Kong)", "ltd hong kong"),
])
def test_company_key(name, key):
    assert company_key(name) == key


def test_company_key_of_other_scripts_is_never_empty():
    keys = {company_key(n) for n in ("宁德时代", "比亚迪", "パナソニック", "삼성SDI")}
    assert len(keys) == 4
    assert "" not in keys


# ---------------------------------------------------------------- the resolver


def azurite() -> KnownCompany:
    return KnownCompany("azurite cell chemicals", "Azurite Cell Chemicals Co., Ltd.", "CN",
                        ("Azurite Chem",))


def test_exact_alias_and_new():
    resolver = Resolver([azurite()])
    assert resolver.resolve("AZURITE CELL CHEMICALS LTD", "JP") == Match(
        "AZURITE CELL CHEMICALS LTD", "azurite cell chemicals", 1.0, "same normalized name")
    assert resolver.resolve("Azurite Chem Inc.") == Match(
        "Azurite Chem Inc.", "azurite cell chemicals", 1.0, "known alias")
    assert resolver.resolve("Beryl Anodes", "CN") == Match(
        "Beryl Anodes", "beryl anodes", 1.0, "new entity")


def test_fuzzy_only_within_the_country_and_above_the_threshold():
    resolver = Resolver([azurite()])
    match = resolver.resolve("Azurite Cel Chemicals", "CN")
    assert (match.key, match.score, match.reason) == (
        "azurite cell chemicals", 0.977, "fuzzy 0.98 within CN")
    assert match.low_confidence is False
    # the same spelling elsewhere, or with no country, is another company
    assert resolver.resolve("Azurite Cel Chemicals", "JP").reason == "new entity"
    assert resolver.resolve("Azurite Cel Chemicals").reason == "new entity"
    # below the threshold: 0.87 < 0.90
    assert resolver.resolve("Azurite Chemicals", "CN").reason == "new entity"
    # a lower threshold takes it, with its score
    low = Resolver([azurite()], threshold=0.85).resolve("Azurite Chemicals", "CN")
    assert (low.key, low.score, low.low_confidence) == ("azurite cell chemicals", 0.872, True)


def test_fuzzy_prefers_the_closest_name():
    resolver = Resolver([KnownCompany("shanshan technology", "Shanshan Technology", "CN"),
                         KnownCompany("shenshan technologies", "Shenshan Technologies", "CN")])
    assert resolver.resolve("Shanshan Technolgy", "CN").key == "shanshan technology"
    assert resolver.resolve("Shenshan Technologie", "CN").key == "shenshan technologies"


def test_overrides_same_and_not_same(tmp_path):
    path = tmp_path / "entities.toml"
    path.write_text('[[same]]\nnames = ["NLA", "Northern Lights Anodes K.K.", "N.L. Anodes"]\n'
                    '[[not_same]]\nnames = ["Azurite Cell Chemicals", "Azurite Cel Chemicals"]\n')
    overrides = Overrides.read(path)
    assert overrides.same == {"northern lights anodes": "nla", "nl anodes": "nla"}
    resolver = Resolver([azurite()], overrides=overrides)
    assert resolver.resolve("N.L. Anodes", "JP") == Match("N.L. Anodes", "nla", 1.0,
                                                          "user override: same")
    # not_same keeps a fuzzy match away, and only that one
    assert resolver.resolve("Azurite Cel Chemicals", "CN").reason == "new entity"
    assert resolver.resolve("Azurite Cell Chemical", "CN").key == "azurite cell chemicals"


@pytest.mark.parametrize(("text", "message"), [
    ('[[same]]\nnames = ["only one"]\n', "same[1].names: needs a list of at least two names"),
    ('[[same]]\nnames = ["a", "b"]\n[[not_same]]\nnames = "a, b"\n',
     "not_same[1].names: needs a list of at least two names"),
    ('[[same]]\nnames = ["a", 2]\n', "same[1].names: needs a list of at least two names"),
    ('[[same]]\nnamez = ["a", "b"]\n', "same[1].names: needs a list of at least two names"),
])
def test_bad_overrides_name_the_entry(tmp_path, text, message):
    path = tmp_path / "entities.toml"
    path.write_text(text)
    with pytest.raises(LoadError) as info:
        Overrides.read(path)
    assert str(info.value) == f"{path}: {message}"


def test_overrides_that_are_not_toml(tmp_path):
    path = tmp_path / "entities.toml"
    path.write_text("[[same]\nnames = 1\n")
    with pytest.raises(LoadError, match=r"entities.toml: cannot read the entity overrides: "):
        Overrides.read(path)


def _naive_fuzzy(known: list[KnownCompany], name: str, country: str) -> str | None:
    """The definition: the best token-sort ratio among companies of the country."""
    key = company_key(name)
    best, best_key = -1.0, None
    for company in known:
        if company.country != country:
            continue
        score = fuzz.token_sort_ratio(key, company.key)
        if score > best:
            best, best_key = score, company.key
    return best_key if best / 100 >= FUZZY_THRESHOLD else None


WORDS = st.sampled_from(["acme", "acne", "carbon", "carbons", "anode", "anodes", "ningbo",
                         "tech", "techs", "materials", "material", "new", "energy"])


@settings(max_examples=150, deadline=None)
@given(names=st.lists(st.lists(WORDS, min_size=1, max_size=3).map(" ".join), min_size=1,
                      max_size=8, unique=True),
       query=st.lists(WORDS, min_size=1, max_size=3).map(" ".join),
       countries=st.lists(st.sampled_from(["CN", "JP"]), min_size=8, max_size=8))
def test_fuzzy_matches_the_definition(names, query, countries):
    known = [KnownCompany(company_key(n), n, c) for n, c in zip(names, countries, strict=False)]
    resolver = Resolver(known)
    match = resolver.resolve(query, "CN")
    if match.reason.startswith("fuzzy"):
        expected = _naive_fuzzy(list(resolver.companies.values()), query, "CN")
        assert expected is not None
        # the same best score (ties may pick either of equals)
        assert fuzz.token_sort_ratio(company_key(query), match.key) == fuzz.token_sort_ratio(
            company_key(query), expected)
    elif match.reason == "new entity":
        assert _naive_fuzzy(list(resolver.companies.values()), query, "CN") is None


# ---------------------------------------------------------------- in the store


def test_fuzzy_match_is_recorded_and_listed(tmp_path):
    first = table(tmp_path / "a", "plants", "Azurite Cell Chemicals Co. Ltd.,China\n")
    second = table(tmp_path / "b", "prices", "Azurite Cel Chemicals,China\n"
                                             "Azurite Cel Chemicals Japan,Japan\n")
    with cikg.open(f"oxigraph:{tmp_path / 'store'}") as kg:
        kg.load(first)  # with the countries, which tell the companies' countries
        kg.load(second)
        records = kg.sparql("""
            PREFIX cikg: <https://w3id.org/cikg/ontology#>
            SELECT ?name ?entity ?score ?reason WHERE {
              ?m a cikg:EntityMatch ; cikg:matchedName ?name ; cikg:matchedEntity ?entity ;
                 cikg:matchScore ?score ; cikg:matchReason ?reason }""")
        entities = kg.query("entities", name="azurite")
        labels = companies(kg)
    rows = sorted(zip(records["name"], records["entity"], records["score"].astype(float),
                      records["reason"], strict=True))
    azurite_iri = ID + "company/azurite-cell-chemicals"
    assert rows == [
        ("Azurite Cel Chemicals", azurite_iri, 0.977, "fuzzy 0.98 within CN"),
        ("Azurite Cel Chemicals Japan", ID + "company/azurite-cel-chemicals-japan", 1.0,
         "new entity"),
        ("Azurite Cell Chemicals Co. Ltd.", azurite_iri, 1.0, "new entity"),
    ]
    assert labels == {"azurite-cell-chemicals": ["Azurite Cell Chemicals Co. Ltd."],
                      "azurite-cel-chemicals-japan": ["Azurite Cel Chemicals Japan"]}
    row = entities.set_index("company").loc[azurite_iri]
    assert float(row["min_score"]) == pytest.approx(0.977)
    assert "fuzzy 0.98 within CN" in str(row["reasons"])
    assert "Azurite Cel Chemicals" in str(row["aliases"])


def _overrides_dir(tmp_path: Path) -> Path:
    sources = tmp_path / "sources"
    table(sources, "a-plants", "Northern Lights Anodes K.K.,Japan\nAzurite Cell Chemicals,China\n")
    table(sources, "b-prices", "NLA,Japan\nAzurite Cel Chemicals,China\n")
    return sources


def test_overrides_from_entities_toml_in_a_source_directory(tmp_path):
    sources = _overrides_dir(tmp_path)
    with cikg.open("memory:") as kg:
        kg.load(sources, vocabulary=False)
        assert set(companies(kg)) == {"northern-lights-anodes", "nla", "azurite-cell-chemicals"}
    (sources / "entities.toml").write_text(
        '[[same]]\nnames = ["Northern Lights Anodes", "NLA"]\n'
        '[[not_same]]\nnames = ["Azurite Cell Chemicals", "Azurite Cel Chemicals"]\n')
    with cikg.open("memory:") as kg:
        kg.load(sources, vocabulary=False)
        assert companies(kg) == {
            "northern-lights-anodes": ["Northern Lights Anodes K.K."],
            "azurite-cell-chemicals": ["Azurite Cell Chemicals"],
            "azurite-cel-chemicals": ["Azurite Cel Chemicals"]}
        reasons = set(kg.sparql("SELECT ?r WHERE { ?m <https://w3id.org/cikg/ontology#"
                                "matchReason> ?r }")["r"])
    assert "user override: same" in reasons


def test_overrides_passed_to_load_win_over_the_directory(tmp_path):
    sources = _overrides_dir(tmp_path)
    (sources / "entities.toml").write_text('[[same]]\nnames = ["Northern Lights Anodes", "NLA"]\n')
    mine = tmp_path / "mine.toml"
    mine.write_text('[[same]]\nnames = ["Azurite Cell Chemicals", "Azurite Cel Chemicals"]\n'
                    '[[not_same]]\nnames = ["Northern Lights Anodes", "NLA"]\n')
    with cikg.open("memory:") as kg:
        kg.load(sources, vocabulary=False, entities=mine)
        assert set(companies(kg)) == {"northern-lights-anodes", "nla", "azurite-cell-chemicals"}


def test_bad_overrides_leave_the_store_as_it_was(tmp_path):
    from .table_helpers import dump
    sources = _overrides_dir(tmp_path)
    with cikg.open("memory:") as kg:
        kg.load(sources, vocabulary=False)
        before = dump(kg)
        (sources / "entities.toml").write_text('[[same]]\nnames = ["NLA"]\n')
        with pytest.raises(LoadError, match=r"entities.toml: same\[1\].names: needs a list"):
            kg.load(sources, vocabulary=False)
        assert dump(kg) == before


def test_report_name_is_the_label_and_the_table_spelling_an_alias(tmp_path):
    with cikg.open(f"oxigraph:{tmp_path / 'store'}") as kg:
        kg.load(DATA, vocabulary=False)
        frame = kg.sparql("""
            SELECT DISTINCT ?c ?label ?alias WHERE {
              ?c <http://www.w3.org/2000/01/rdf-schema#label> ?label .
              OPTIONAL { ?c <http://www.w3.org/2004/02/skos/core#altLabel> ?alias }
              FILTER(?c IN (<https://w3id.org/cikg/id/company/btr>,
                            <https://w3id.org/cikg/id/company/kuraray>,
                            <https://w3id.org/cikg/id/company/hina-battery>,
                            <https://w3id.org/cikg/id/company/targray>)) }""")
    rows = sorted(zip(frame["c"].str.removeprefix(ID + "company/"), frame["label"],
                      frame["alias"].fillna(""), strict=True))
    assert rows == [
        ("btr", "BTR", "BTR New Material Group Co., Ltd."),  # entities.toml: same
        ("hina-battery", "Hina Battery", "HiNa Battery Technology Co., Ltd."),
        ("kuraray", "Kuraray", "Kuraray Co., Ltd."),  # the same normalized name
        ("targray", "Targray", ""),  # the same spelling: no alias
    ]


def test_a_table_loaded_later_adds_its_spelling_as_an_alias(tmp_path):
    with cikg.open(f"oxigraph:{tmp_path / 'store'}") as kg:
        kg.load(SAMPLE, vocabulary=False)
        kg.load(DATA / "anode-capacity-illustrative.csv", vocabulary=False,
                entities=DATA / "entities.toml")
        labels = companies(kg)
        aliases = kg.sparql("SELECT ?a WHERE { <https://w3id.org/cikg/id/company/btr> "
                            "<http://www.w3.org/2004/02/skos/core#altLabel> ?a }")["a"]
    assert labels["btr"] == ["BTR"]
    assert labels["kuraray"] == ["Kuraray"]
    assert sorted(set(aliases)) == ["BTR New Material Group Co., Ltd."]


def test_sources_that_disagree_on_the_country_both_stay(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(SAMPLE, sources / "report.txt")
    table(sources, "registry", "Targray,United States\n")
    with cikg.open(f"oxigraph:{tmp_path / 'store'}") as kg:
        kg.load(sources, vocabulary=False)
        frame = kg.sparql("""
            PREFIX cikg: <https://w3id.org/cikg/ontology#>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            SELECT ?country ?source ?quote WHERE {
              GRAPH ?g { <https://w3id.org/cikg/id/company/targray> cikg:headquarteredIn ?country }
              ?g prov:wasDerivedFrom ?source ; cikg:quote ?quote }""")
    rows = sorted(zip(frame["country"].str.removeprefix(ID), frame["source"].str.removeprefix(ID),
                      strict=True))
    assert rows == [("country/ca", "source/report-txt"), ("country/us", "source/registry-csv")]
    quotes = dict(zip(frame["country"].str.removeprefix(ID), frame["quote"], strict=True))
    assert quotes["country/us"] == "company=Targray; country=United States"
    assert "Targray" in quotes["country/ca"]
    assert "Canada" in quotes["country/ca"]
