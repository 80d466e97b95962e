"""Numbers, money, percentages and dates read the French way in French."""

import datetime as dt
import math

import pytest

from influkit.formatting import fmt_date, fmt_money, fmt_number, fmt_percent

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    "value, lang, decimals, expected",
    [
        (1234.5, "fr", 2, f"1{NNBSP}234,50{NBSP}€"),
        (1234.5, "en", 2, "€1,234.50"),
        (45000, "fr", 0, f"45{NNBSP}000{NBSP}€"),
        (0, "fr", 2, f"0,00{NBSP}€"),
        (-12.3, "fr", 2, f"-12,30{NBSP}€"),
        (None, "fr", 2, "n.d."),
        (math.nan, "en", 2, "n/a"),
    ],
)
def test_money(value, lang, decimals, expected):
    """Amounts in euros: 1 234,50 € in French."""
    assert fmt_money(value, lang, decimals) == expected


@pytest.mark.parametrize(
    "value, lang, decimals, expected",
    [
        (0.032, "fr", 1, f"3,2{NBSP}%"),
        (0.032, "en", 1, "3.2%"),
        (1.5, "fr", 0, f"150{NBSP}%"),
        (math.nan, "fr", 1, "n.d."),
    ],
)
def test_percent(value, lang, decimals, expected):
    """Rates are fractions shown as percentages: 0.032 reads 3,2 %."""
    assert fmt_percent(value, lang, decimals) == expected


@pytest.mark.parametrize(
    "value, lang, decimals, expected",
    [
        (1234567, "fr", 0, f"1{NNBSP}234{NNBSP}567"),
        (1234567, "en", 0, "1,234,567"),
        (3.456, "fr", 2, "3,46"),
        (None, "en", 0, "n/a"),
    ],
)
def test_number(value, lang, decimals, expected):
    """Large numbers are grouped by thousands; the decimal mark is a comma in French."""
    assert fmt_number(value, lang, decimals) == expected


@pytest.mark.parametrize(
    "value, lang, expected",
    [
        (dt.date(2026, 12, 1), "fr", "01/12/2026"),
        (dt.date(2026, 12, 1), "en", "01/12/2026"),
        (dt.datetime(2027, 3, 5, 14, 30), "fr", "05/03/2027"),
        ("2027-05-06", "fr", "06/05/2027"),
        (None, "fr", "n.d."),
    ],
)
def test_date(value, lang, expected):
    """Dates are day first: 01/12/2026."""
    assert fmt_date(value, lang) == expected
