"""Figures in plain text: money, percentages, years, periods, dates, sentences."""

from __future__ import annotations

from datetime import date

import pytest

from cikg.loaders.figures import (
    find_money,
    find_percents,
    find_years,
    parse_date,
    split_sentences,
    title_period,
    year_range,
)


@pytest.mark.parametrize(("text", "value", "currency"), [
    ("USD 782.4 million", 782_400_000.0, "USD"),
    ("US$ 782.4 Mn", 782_400_000.0, "USD"),
    ("US$782.4M", 782_400_000.0, "USD"),
    ("$2.86B", 2_860_000_000.0, "USD"),
    ("$120 million", 120_000_000.0, "USD"),
    ("782.4 million USD", 782_400_000.0, "USD"),
    ("2.5 billion US dollars", 2_500_000_000.0, "USD"),
    ("EUR 1.21 billion", 1_210_000_000.0, "EUR"),
    ("EUR1.21bn", 1_210_000_000.0, "EUR"),
    ("€3.2 billion", 3_200_000_000.0, "EUR"),
    ("€ 1,250.5 million", 1_250_500_000.0, "EUR"),
    ("3.2 billion euros", 3_200_000_000.0, "EUR"),
    ("£45 million", 45_000_000.0, "GBP"),
    ("GBP 45 Mn", 45_000_000.0, "GBP"),
    ("¥12.5 billion", 12_500_000_000.0, "JPY"),
    ("JPY 1,250.5 billion", 1_250_500_000_000.0, "JPY"),
    ("12.5 billion yen", 12_500_000_000.0, "JPY"),
    ("INR 5,000 crore", 50_000_000_000.0, "INR"),
    ("₹18,100 crore", 181_000_000_000.0, "INR"),
    ("INR 1.02 lakh crore", 1_020_000_000_000.0, "INR"),
    ("INR 4,10,000 crore", 4_100_000_000_000.0, "INR"),
    ("KRW 120 billion", 120_000_000_000.0, "KRW"),
    ("₩120 billion", 120_000_000_000.0, "KRW"),
    ("CNY 8 billion", 8_000_000_000.0, "CNY"),
    ("RMB 8 billion", 8_000_000_000.0, "CNY"),
    ("8 billion yuan", 8_000_000_000.0, "CNY"),
    ("USD 5 thousand", 5_000.0, "USD"),
    ("$5K", 5_000.0, "USD"),
    ("USD 1.2 trillion", 1_200_000_000_000.0, "USD"),
    ("HK$ 5 million", 5_000_000.0, "HKD"),
    ("USD 1,250", 1_250.0, "USD"),
])
def test_money(text: str, value: float, currency: str) -> None:
    found = find_money(f"it was {text} in 2024")
    assert [(m.value, m.currency) for m in found] == [(value, currency)]
    assert found[0].text == text


@pytest.mark.parametrize("text", ["USD 1.2-1.4 billion", "USD 1.2 - 1.4 billion",
                                  "USD 1.2 to 1.4 billion",
                                  "between USD 1.2 billion and USD 1.4 billion",
                                  "USD 1.2 billion to USD 1.4 billion"])
def test_money_range_gives_midpoint_and_bounds(text: str) -> None:
    (m,) = find_money(text)
    assert (m.value, m.low, m.high) == (1_300_000_000.0, 1_200_000_000.0, 1_400_000_000.0)


def test_growth_from_to_is_two_amounts() -> None:
    found = find_money("grow from USD 1.61 billion in 2025 to USD 4.37 billion by 2033")
    assert [m.value for m in found] == [1_610_000_000.0, 4_370_000_000.0]
    found = find_money("grow from USD 1.2 billion to USD 2.5 billion")
    assert [m.low for m in found] == [None, None]


@pytest.mark.parametrize("text", ["160-200 Wh/kg", "5,000 tonnes", "over 30 countries",
                                  "300 mAh/g", "in 2024", "a 5 m cable"])
def test_not_money(text: str) -> None:
    assert find_money(text) == []


def test_percents() -> None:
    assert [p for p, _, _ in find_percents("CAGR of 15.7%, 30 percent, 15-20% and 8 per cent")
            ] == [15.7, 30.0, 17.5, 8.0]


def test_years_ignore_amounts_and_keep_ranges() -> None:
    assert [y for y, _, _ in find_years("5,000 units in 2024; 2025-2033; 2.2024; $2030")] == [
        2024, 2025, 2033]


@pytest.mark.parametrize(("text", "period"), [
    ("during the forecast period 2025-2033", (2025, 2033)),
    ("from 2025 to 2032", (2025, 2032)),
    ("between 2026 and 2033", (2026, 2033)),
    ("(2025–2032)", (2025, 2032)),
    ("2025-32", (2025, 2032)),
    ("through 2030", None),
    ("in 2024", None),
])
def test_year_range(text: str, period) -> None:
    assert year_range(text) == period


@pytest.mark.parametrize(("title", "period"), [
    ("X Market, Global Outlook and Forecast 2025-2032", (2025, 2032)),
    ("X Market - Global Forecast 2026-2033", (2026, 2033)),
    ("X Market Forecast to 2025-2030", (2025, 2030)),
    ("X Market Size, Share and Trends Report", None),
    ("X Market 2024-2030 Analysis", None),
])
def test_title_period(title: str, period) -> None:
    assert title_period(title) == period


@pytest.mark.parametrize(("text", "day"), [
    ("Fri Dec 12 2025 08:01:34 GMT+0000 (Coordinated Universal Time)", date(2025, 12, 12)),
    ("2025-10-21", date(2025, 10, 21)),
    ("2025-10-21T23:15:02+05:30", date(2025, 10, 21)),
    ("21 October 2025", date(2025, 10, 21)),
    ("October 21, 2025", date(2025, 10, 21)),
    ("Oct 21st, 2025", date(2025, 10, 21)),
    ("21-Oct-2025", date(2025, 10, 21)),
    ("21/10/2025", date(2025, 10, 21)),
    ("10/21/2025", date(2025, 10, 21)),
    ('"2025/10/21"', date(2025, 10, 21)),
    ("03/04/2025", None),
    ("soon", None),
    ("2025-13-45", None),
])
def test_parse_date(text: str, day) -> None:
    assert parse_date(text) == day


def test_sentences_keep_abbreviations_and_decimals() -> None:
    text = ("-> The U.S. Department of Energy allocated $1.5 million. Azurite Cell Chemicals "
            "Co., Ltd. and Calloway Inc. grew 4.5% in 2024. Next one!")
    got = [text[a:b] for a, b in split_sentences(text)]
    assert got == ["The U.S. Department of Energy allocated $1.5 million.",
                   "Azurite Cell Chemicals Co., Ltd. and Calloway Inc. grew 4.5% in 2024.",
                   "Next one!"]
