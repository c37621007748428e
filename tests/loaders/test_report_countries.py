"""Country resolution: single names (lists, tables) and mentions in prose."""

from __future__ import annotations

import pytest

from cikg.loaders.countries import countries_in, country_code, country_name


@pytest.mark.parametrize(("name", "code"), [
    ("U.S.", "US"), ("US", "US"), ("USA", "US"), ("United States", "US"),
    ("United States of America", "US"), ("UK", "GB"), ("U.K.", "GB"), ("Britain", "GB"),
    ("United Kingdom", "GB"), ("Korea", "KR"), ("South Korea", "KR"),
    ("Republic of Korea", "KR"), ("Korea, Republic of", "KR"), ("North Korea", "KP"),
    ("Taiwan", "TW"), ("UAE", "AE"), ("United Arab Emirates", "AE"), ("Russia", "RU"),
    ("Russian Federation", "RU"), ("Vietnam", "VN"), ("Viet Nam", "VN"), ("Iran", "IR"),
    ("Czechia", "CZ"), ("Czech Republic", "CZ"), ("Türkiye", "TR"), ("Turkey", "TR"),
    ("the Netherlands", "NL"), ("  China ", "CN"), ("(Japan)", "JP"), ("DEU", "DE"),
    ("Georgia", "GE"), ("Japanese", "JP"), ("Côte d'Ivoire", "CI"),
    ("European Union", "EU"), ("EU", "EU"),
])
def test_country_code(name: str, code: str) -> None:
    assert country_code(name) == code


@pytest.mark.parametrize("name", ["Asia", "Europe", "Jiangsu", "Scandinavia", "Asian",
                                  "European", "gulf nations", "", "in", "Prussian", "XX"])
def test_not_a_country(name: str) -> None:
    assert country_code(name) is None


def test_country_name() -> None:
    assert country_name("TW") == "Taiwan"
    assert country_name("EU") == "European Union"


def _codes(text: str) -> list[str]:
    return [c for c, _, _ in countries_in(text)]


@pytest.mark.parametrize(("text", "codes"), [
    ("Chinese EV producers and China's MIIT", ["CN", "CN"]),
    ("Prussian blue analogue cathodes from Jiangsu province", []),
    ("Asian anode suppliers and European energy firms", []),
    ("Scandinavia's initiatives and several gulf nations", []),
    ("Niger and Nigeria", ["NE", "NG"]),
    ("Guinea, Equatorial Guinea and Papua New Guinea", ["GN", "GQ", "PG"]),
    ("plants in Georgia and New Jersey", []),
    ("New Mexico, Mexico and New South Wales", ["MX"]),
    ("North America, South American firms and Latin America", []),
    ("American buyers and America", ["US", "US"]),
    ("priced in US$ and U.S. dollars; Contact Us", []),
    ("the U.S., the UK, the UAE and South Korea", ["US", "GB", "AE", "KR"]),
    ("North Korean and South Korean firms", ["KP", "KR"]),
    ("Norway-based Halvorsen and Spain's sector", ["NO", "ES"]),
    ("the Indian Ocean route and Indian makers", ["IN"]),
    ("CHINA AND JAPAN", ["CN", "JP"]),
    ("us and them, in and out", []),
    ("South Africa and Middle East & Africa", ["ZA"]),
    ("the European Union and the EU", []),
])
def test_countries_in(text: str, codes: list[str]) -> None:
    assert _codes(text) == codes


def test_offsets() -> None:
    text = "Brazil and Argentina have initiated pilot projects."
    for code, a, z in countries_in(text):
        assert country_code(text[a:z]) == code
