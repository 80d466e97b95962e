"""Numbers, money, percentages and dates read the French way in French."""

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from influkit.errors import UserError
from influkit.text.formats import (
    fmt_amount,
    fmt_date,
    fmt_entry,
    fmt_money,
    fmt_number,
    fmt_percent,
    parse_number,
    read_entry,
)

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


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("4,2", "fr", 4.2),
        ("4.2", "fr", 4.2),
        ("1 234,5", "fr", 1234.5),
        (f"1{NBSP}234,5", "fr", 1234.5),
        (f"1{NNBSP}234,5", "fr", 1234.5),
        ("12 500 €", "fr", 12500),
        (f"12{NNBSP}500{NBSP}€", "fr", 12500),
        ("4,2 %", "fr", 0.042),
        (f"4,2{NBSP}%", "fr", 0.042),
        ("€1,234.50", "fr", 1234.5),
        ("1,234.5", "fr", 1234.5),
        ("1,234", "fr", 1.234),
        ("-3", "fr", -3),
        ("−3", "fr", -3),
        ("  7  ", "fr", 7),
        ("4.2", "en", 4.2),
        ("1,234.5", "en", 1234.5),
        ("1,234", "en", 1234),
        ("€1,234.50", "en", 1234.5),
        ("-€1,234.50", "en", -1234.5),
        ("4.2%", "en", 0.042),
        ("4,2", "en", 4.2),
        ("1 234,5", "en", 1234.5),
        ("-3", "en", -3),
    ],
)
def test_parse_number_reads_both_ways(text, lang, expected):
    """A number typed the French way or the English way is read as the user meant it."""
    assert parse_number(text, lang) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text, key",
    [
        ("4,2,1", "numbers.not_a_number"),
        ("abc", "numbers.not_a_number"),
        ("4,2 abc", "numbers.not_a_number"),
        ("1e5", "numbers.not_a_number"),
        ("", "numbers.empty"),
        ("   ", "numbers.empty"),
        ("n/a", "numbers.empty"),
        ("inf", "numbers.not_finite"),
        ("-Infinity", "numbers.not_finite"),
        ("nan", "numbers.not_finite"),
        ("9" * 400, "numbers.too_long"),
        ("1234567890123456", "numbers.too_long"),
    ],
)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_parse_number_refuses_what_it_cannot_read(text, key, lang):
    """What is not a number gets a message saying what to fix, never a guess."""
    with pytest.raises(UserError) as err:
        parse_number(text, lang)
    assert err.value.key == key


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("4,2", "fr", 0.042),
        ("4,2 %", "fr", 0.042),
        ("0,5", "fr", 0.005),
        ("4.2", "en", 0.042),
        ("4.2%", "en", 0.042),
        ("100", "en", 1.0),
    ],
)
def test_a_percent_field_reads_percentages_as_fractions(text, lang, expected):
    """In a rate field, 4,2 and 4,2 % both mean 4,2 % (0.042), never 42 or 420 %."""
    assert read_entry(text, lang, "percent") == pytest.approx(expected)


@pytest.mark.parametrize(
    "text, kind, bounds, key",
    [
        ("3,5", "count", {}, "numbers.not_whole"),
        ("-1", "money", {"min_value": 0}, "numbers.too_small"),
        ("150", "percent", {"max_value": 1.0}, "numbers.too_large"),
        ("", "money", {}, "numbers.empty"),
    ],
)
def test_a_field_refuses_values_out_of_its_kind_or_range(text, kind, bounds, key):
    """A count must be whole, and a value outside its bounds says which bound."""
    with pytest.raises(UserError) as err:
        read_entry(text, "fr", kind, **bounds)
    assert err.value.key == key


def test_an_optional_field_may_be_left_empty():
    """An optional field left empty holds no value."""
    assert read_entry("  ", "fr", "money", required=False) is None


def test_bounds_are_written_the_users_way():
    """The message about a bound shows it as the field does: 100 %."""
    with pytest.raises(UserError) as err:
        read_entry("150", "fr", "percent", max_value=1.0)
    assert err.value.params == {"maximum": f"100{NBSP}%"}


@pytest.mark.parametrize(
    "value, lang, kind, expected",
    [
        (0.035, "fr", "percent", f"3,5{NBSP}%"),
        (0.035, "en", "percent", "3.5%"),
        (0.1, "fr", "percent", f"10{NBSP}%"),
        (45000, "fr", "money", f"45{NNBSP}000{NBSP}€"),
        (39.9, "fr", "money", f"39,90{NBSP}€"),
        (45000, "en", "money", "€45,000"),
        (1234.5, "fr", "number", f"1{NNBSP}234,5"),
        (3, "en", "count", "3"),
        (None, "fr", "money", ""),
    ],
)
def test_a_field_shows_its_value_the_users_way(value, lang, kind, expected):
    """A field shows 3,5 % and 45 000 € in French, 3.5% and €45,000 in English."""
    assert fmt_entry(value, lang, kind) == expected


_AMOUNTS = st.decimals(min_value=-(10**9), max_value=10**9, places=2).map(float)


# Timings vary on a shared machine (the first call imports the importer): no deadline.
@settings(deadline=None)
@given(value=_AMOUNTS, lang=st.sampled_from(["fr", "en"]), decimals=st.sampled_from([0, 1, 2]))
def test_a_formatted_number_reads_back_as_itself(value, lang, decimals):
    """Whatever the app writes, typing it back gives the same number."""
    shown = round(value, decimals)
    assert parse_number(fmt_number(shown, lang, decimals), lang) == pytest.approx(shown)


@settings(deadline=None)
@given(value=_AMOUNTS, lang=st.sampled_from(["fr", "en"]))
def test_a_formatted_amount_reads_back_as_itself(value, lang):
    """1 234,50 € and €1,234.50 typed back are 1234.5."""
    assert parse_number(fmt_money(value, lang, 2), lang) == pytest.approx(value)


@settings(deadline=None)
@given(
    value=st.decimals(min_value=-10, max_value=10, places=4).map(float),
    lang=st.sampled_from(["fr", "en"]),
)
def test_a_formatted_rate_reads_back_as_itself(value, lang):
    """4,2 % typed back is 0.042, in a rate field or not."""
    shown = fmt_percent(value, lang, 2)
    assert parse_number(shown, lang) == pytest.approx(value, abs=1e-12)
    assert read_entry(shown, lang, "percent") == pytest.approx(value, abs=1e-12)


@pytest.mark.parametrize(
    "value, lang, expected",
    [
        (45000, "fr", f"45{NNBSP}000{NBSP}€"),
        (1283.63, "fr", f"1{NNBSP}284{NBSP}€"),
        (23.775, "fr", f"23,78{NBSP}€"),
        (0, "fr", f"0,00{NBSP}€"),
        (45000, "en", "€45,000"),
        (None, "en", "n/a"),
    ],
)
def test_a_summary_amount_keeps_cents_only_under_100_euros(value, lang, expected):
    """Summary cards read 45 000 € (no cents to squeeze) and 23,78 € (cents still matter)."""
    assert fmt_amount(value, lang) == expected
