"""Locale formats for numbers, money, percentages and dates (Babel): ``1 234,50 €`` in French."""

from __future__ import annotations

import datetime as dt
import math
from numbers import Number

from babel.dates import format_date as _babel_date
from babel.numbers import format_currency, format_decimal, format_percent

from influkit.i18n import normalize_language

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
_DATE_PATTERNS = {"fr": "dd/MM/yyyy", "en": "dd/MM/yyyy"}
NOT_AVAILABLE = {"fr": "n.d.", "en": "n/a"}


def locale_of(lang: str) -> str:
    """The Babel locale for a user language."""
    return _LOCALES[normalize_language(lang)]


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return isinstance(value, Number) and math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def fmt_number(value: float | int | None, lang: str = "fr", decimals: int = 0) -> str:
    """A number with the locale's grouping and decimal mark: ``12 345`` or ``3,5``."""
    if _missing(value):
        return NOT_AVAILABLE[normalize_language(lang)]
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(float(value), format=pattern, locale=locale_of(lang))


def fmt_money(value: float | int | None, lang: str = "fr", decimals: int = 2) -> str:
    """An amount in euros: ``1 234,50 €`` in French, ``€1,234.50`` in English."""
    if _missing(value):
        return NOT_AVAILABLE[normalize_language(lang)]
    if normalize_language(lang) == "fr":
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "") + "\u00a0¤"
    else:
        pattern = "¤#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_currency(
        float(value), "EUR", format=pattern, locale=locale_of(lang), currency_digits=False
    )


def fmt_percent(value: float | None, lang: str = "fr", decimals: int = 1) -> str:
    """A fraction as a percentage: 0.032 gives ``3,2 %`` in French, ``3.2%`` in English."""
    if _missing(value):
        return NOT_AVAILABLE[normalize_language(lang)]
    digits = "." + "0" * decimals if decimals > 0 else ""
    sep = "\u00a0" if normalize_language(lang) == "fr" else ""
    return format_percent(float(value), format=f"#,##0{digits}{sep}%", locale=locale_of(lang))


def fmt_date(value: dt.date | dt.datetime | str | None, lang: str = "fr") -> str:
    """A date as ``01/12/2026`` (day first, in both languages)."""
    if value is None or value == "":
        return NOT_AVAILABLE[normalize_language(lang)]
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    try:
        return _babel_date(value, _DATE_PATTERNS[normalize_language(lang)], locale=locale_of(lang))
    except (TypeError, ValueError):
        return NOT_AVAILABLE[normalize_language(lang)]


def fmt_date_long(value: dt.date | None, lang: str = "fr") -> str:
    """A date in words: ``1 décembre 2026``."""
    if value is None:
        return NOT_AVAILABLE[normalize_language(lang)]
    return _babel_date(value, "long", locale=locale_of(lang))
