"""Locale formats for numbers, money, percentages and dates (Babel): ``1 234,50 €`` in French."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date as _babel_date
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, format_percent

from influkit.errors import UserError
from influkit.text.i18n import LOCALES, normalize_language
from influkit.values import is_missing

_DATE_PATTERNS = {"fr": "dd/MM/yyyy", "en": "dd/MM/yyyy"}
NOT_AVAILABLE = {"fr": "n.d.", "en": "n/a"}


def locale_of(lang: str) -> str:
    """The Babel locale for a user language."""
    return LOCALES[normalize_language(lang)]


def fmt_list(items: Iterable[object], lang: str = "fr", style: str = "standard") -> str:
    """Names as a sentence lists them: ``a, b et c`` in French, ``a, b and c`` in English;
    ``style="or"`` for choices (``a, b ou c``). Nothing gives an empty string."""
    words = [str(item) for item in items]
    return format_list(words, style=style, locale=locale_of(lang)) if words else ""


def fmt_number(value: float | int | None, lang: str = "fr", decimals: int = 0) -> str:
    """A number with the locale's grouping and decimal mark: ``12 345`` or ``3,5``."""
    if is_missing(value):
        return NOT_AVAILABLE[normalize_language(lang)]
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(float(value), format=pattern, locale=locale_of(lang))


def fmt_money(value: float | int | None, lang: str = "fr", decimals: int = 2) -> str:
    """An amount in euros: ``1 234,50 €`` in French, ``€1,234.50`` in English."""
    if is_missing(value):
        return NOT_AVAILABLE[normalize_language(lang)]
    if normalize_language(lang) == "fr":
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "") + "\u00a0¤"
    else:
        pattern = "¤#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_currency(
        float(value), "EUR", format=pattern, locale=locale_of(lang), currency_digits=False
    )


#: Amounts from this many euros show no cents (``45 000 €``); smaller ones keep them (``23,77 €``).
WHOLE_EUROS_FROM = 100.0


def fmt_amount(value: float | int | None, lang: str = "fr") -> str:
    """An amount the way a summary shows it: ``23,77 €`` under 100 €, ``45 000 €`` from 100 €.

    Rounded half away from zero; KPI values in euros follow the same rule.
    """
    if is_missing(value):
        return NOT_AVAILABLE[normalize_language(lang)]
    decimals = 2 if abs(float(value)) < WHOLE_EUROS_FROM else 0  # type: ignore[arg-type]
    return fmt_money(round_half_away(float(value), decimals), lang, decimals)  # type: ignore[arg-type]


def round_half_away(value: float, decimals: int = 0) -> float:
    """``value`` rounded half away from zero, as people round: 3,5 gives 4, 2,5 gives 3."""
    step = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP))


def fmt_percent(value: float | None, lang: str = "fr", decimals: int = 1) -> str:
    """A fraction as a percentage: 0.032 gives ``3,2 %`` in French, ``3.2%`` in English."""
    if is_missing(value):
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


#: More significant digits than a float keeps: such a string is a typing accident.
MAX_DIGITS = 15
_MAX_TEXT = 40


def parse_number(text: str, lang: str = "fr", *, percent: bool = False) -> float:
    """A number the user typed, read the way their language writes it.

    French: ``4,2``, ``1 234,5`` (normal, no-break or narrow no-break spaces), ``12 500 €``,
    ``4,2 %``; English: ``1,234.5``, ``€1,234.50``; both read the other's unambiguous forms.
    A number written with ``%`` is a fraction (``4,2 %`` gives 0.042); with ``percent=True`` a
    bare number is a percentage too (``4,2`` gives 0.042). The reading rules are the importer's
    (:func:`influkit.data.importer.parse_numbers`), with the decimal mark of ``lang``.

    Raises :class:`UserError` ``numbers.empty``, ``numbers.too_long``, ``numbers.not_a_number``
    or ``numbers.not_finite``.
    """
    from influkit.data.importer.parse import parse_numbers  # the importer's number reader

    text = "" if text is None else str(text).strip()
    if not text:
        raise UserError("numbers.empty")
    if len(text) > _MAX_TEXT or sum(char.isdigit() for char in text) > MAX_DIGITS:
        raise UserError("numbers.too_long", digits=MAX_DIGITS)
    if text.lower().lstrip("+-−") in _NON_FINITE:
        raise UserError("numbers.not_finite")
    decimal = "," if normalize_language(lang) == "fr" else "."
    row = parse_numbers([text], decimal).iloc[0]
    if row["missing"]:
        raise UserError("numbers.empty")
    if row["invalid"]:
        raise UserError("numbers.not_a_number", text=text)
    value = float(row["value"])
    if not math.isfinite(value):
        raise UserError("numbers.not_finite")
    if percent and not row["percent"]:
        value = round(value / 100, 12)
    return value


_NON_FINITE = frozenset({"inf", "infinity", "∞", "nan", "infini"})


NUMBER_KINDS: tuple[str, ...] = ("number", "count", "money", "percent")


def fmt_entry(
    value: float | None, lang: str = "fr", kind: str = "number", decimals: int | None = None
) -> str:
    """The text a number field shows for ``value``: ``3,5 %``, ``45 000 €``, ``1 234,5``, ``12``.

    ``decimals=None`` shows the decimals the value needs (up to 2, 4 for plain numbers);
    percentages are fractions (0.035 shows ``3,5 %``). None shows an empty field.
    """
    if is_missing(value):
        return ""
    value = float(value)  # type: ignore[arg-type]
    if kind == "count":
        return fmt_number(round(value), lang, 0)
    if kind == "money":
        if decimals is None:
            decimals = 0 if abs(value - round(value)) < 0.005 else 2
        return fmt_money(value, lang, decimals)
    digits = ("." + "0" * decimals if decimals else "") if decimals is not None else None
    if kind == "percent":
        sep = "\u00a0" if normalize_language(lang) == "fr" else ""
        pattern = f"#,##0{digits if digits is not None else '.##'}{sep}%"
        return format_percent(value, format=pattern, locale=locale_of(lang))
    pattern = f"#,##0{digits if digits is not None else '.####'}"
    return format_decimal(value, format=pattern, locale=locale_of(lang))


def read_entry(
    text: str,
    lang: str = "fr",
    kind: str = "number",
    *,
    min_value: float | None = None,
    max_value: float | None = None,
    required: bool = True,
) -> float | int | None:
    """What a user typed in a number field of ``kind``, checked: the value in plan units.

    Percentages give fractions (``4,2`` and ``4,2 %`` give 0.042), counts whole numbers (an
    ``int``). Empty text gives None when the field is optional. Raises :class:`UserError`
    (``numbers.*``) saying what to fix, with the bounds written the user's way.
    """
    if kind not in NUMBER_KINDS:
        raise ValueError(f"unknown number kind {kind!r}")
    if not required and not (text or "").strip():
        return None
    value = parse_number(text, lang, percent=kind == "percent")
    if kind == "count":
        if abs(value - round(value)) > 1e-9:
            raise UserError("numbers.not_whole")
        value = int(round(value))
    if min_value is not None and value < min_value - 1e-12:
        raise UserError("numbers.too_small", minimum=fmt_entry(min_value, lang, kind))
    if max_value is not None and value > max_value + 1e-12:
        raise UserError("numbers.too_large", maximum=fmt_entry(max_value, lang, kind))
    return value
