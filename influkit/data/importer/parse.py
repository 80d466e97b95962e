"""Reading the values of a user's table, French first: numbers (``12,5 k``, ``1 234,56``,
``1.234,56``), rates (``4,5 %``), dates (``01/12/2026``, ``1 déc. 2026``), profile handles and
URLs. Each column is read once per distinct value; a lone ``1,234`` is settled by the column's
other values (see :mod:`influkit.data.importer`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
from babel.dates import get_month_names

from influkit.data import limits
from influkit.errors import UserError

PERCENT_SCALES: tuple[str, ...] = ("auto", "fraction", "percent")


# fmt: off
MISSING_TOKENS = frozenset(
    {"", "-", "--", "—", "–", "n/a", "na", "n.a.", "n.a", "nd", "n.d.", "n.d", "nc", "n.c.",
     "nan", "null", "none", "?", "#n/a", "#na", "#value!", "#valeur!", "#div/0!"}
)
# fmt: on


# fmt: on
_FORMULA_GUARD = re.compile(r"^'(?=[=+\-@])")


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007'’]")


_CURRENCY = re.compile(r"€|\$|£|euros?|eur|usd|chf|ttc|ht")


_UNIT_WORDS = re.compile(
    r"(?:abonnes|abonnés|abos?|followers|fans|subscribers|vues|views|likes|posts|publications)$"
)


_NUMBER = re.compile(
    r"^(?P<sign>[-+−]?)(?P<digits>\d[\d.,]*|[.,]\d+)(?P<suffix>k|mio|mn|mrd|mds|md|m|bn|b)?$"
)


_SUFFIX_FACTOR = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mio": 1e6,
    "md": 1e9,
    "mds": 1e9,
    "mrd": 1e9,
    "b": 1e9,
    "bn": 1e9,
}


_COMMA_DECIMAL_SHAPE = re.compile(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:,\d+)?|,\d+")


_DOT_DECIMAL_SHAPE = re.compile(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")


_COMMA_EVIDENCE = (
    r"^(?:\d*,\d{1,2}|\d*,\d{4,}|0,\d+|\d{1,3}(?:\.\d{3})+,\d+|\d{1,3}(?:\.\d{3}){2,})$"
)


_DOT_EVIDENCE = (
    r"^(?:\d*\.\d{1,2}|\d*\.\d{4,}|0\.\d+|\d{1,3}(?:,\d{3})+\.\d+|\d{1,3}(?:,\d{3}){2,})$"
)


# fmt: off
_STOPWORDS = frozenset(
    {"de", "d", "du", "des", "la", "le", "l", "les", "of", "the", "en", "par", "per", "a", "au",
     "aux", "et", "and", "nb", "nbr", "nombre", "number", "n", "no", "num", "total", "s"}
)
# fmt: on


class ExcelPercent(float):
    """A workbook number shown with a percent format: Excel's 0.045 displayed as 4.5 %."""

    def __str__(self) -> str:
        return f"{float(self) * 100:.10g} %"


def _cell_text(value: Any) -> str:
    """A cell as text: empty for nothing, dates in ISO, whole floats without ``.0``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and not isinstance(value, ExcelPercent):
        return str(int(value))
    return str(value).strip()


def _is_native_number(value: Any) -> bool:
    return isinstance(value, int | float | np.number) and not isinstance(value, bool | np.bool_)


def _text_of(values: pd.Series) -> pd.Series:
    """Cells as stripped text, without the apostrophe spreadsheets put before ``=+-@``."""
    if pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty"):
        text = values.astype(object).where(values.notna(), "").astype(str).str.strip()
    else:
        text = values.map(_cell_text).astype(str)
    guarded = text.str.startswith("'")
    if guarded.any():
        text = text.where(~guarded, text.str.replace(_FORMULA_GUARD, "", regex=True))
    return text


def _distinct(values: Iterable[Any]) -> tuple[pd.Series, np.ndarray, pd.Series]:
    """The cells, the position of each in the distinct values, and the distinct values."""
    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    series = series.astype(object)
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    return series, codes, pd.Series(uniques, dtype=object)


def _spread(distinct: pd.DataFrame, codes: np.ndarray, index: pd.Index) -> pd.DataFrame:
    """Results computed once per distinct value, laid back on every cell."""
    out = distinct.iloc[codes]
    out.index = index
    return out


def _number_parts(text: pd.Series) -> pd.DataFrame:
    """Split number-like text into sign, digits, suffix and percent sign (vectorised)."""
    low = text.str.strip().str.lower()
    cleaned = low.str.replace(_SPACES, "", regex=True)
    missing = low.isin(MISSING_TOKENS) | cleaned.isin(MISSING_TOKENS)
    percent = cleaned.str.contains("%", regex=False)
    # "€1,200" and "$1,200" put the sign first, the English way: their dot is decimal.
    english = cleaned.str.match(r"^[-+−]?[€$£]")
    cleaned = cleaned.str.replace("%", "", regex=False).str.replace(_CURRENCY, "", regex=True)
    cleaned = cleaned.str.replace(_UNIT_WORDS, "", regex=True)
    bracketed = cleaned.str.fullmatch(r"\(.+\)")
    cleaned = cleaned.str.replace(r"^\((.+)\)$", r"\1", regex=True)
    parts = cleaned.str.extract(_NUMBER)
    parts["missing"] = missing
    parts["percent"] = percent
    parts["negative"] = parts["sign"].isin(["-", "−"]) | bracketed
    parts["english"] = english.fillna(False).astype(bool)
    return parts


def _decimal_votes(digits: pd.Series) -> tuple[int, int]:
    """How many values show a decimal comma, and how many a decimal dot."""
    digits = digits.dropna()
    return (
        int(digits.str.fullmatch(_COMMA_EVIDENCE).sum()),
        int(digits.str.fullmatch(_DOT_EVIDENCE).sum()),
    )


def _native_mask(values: pd.Series) -> pd.Series:
    return values.map(_is_native_number).astype(bool)


def infer_decimal_mark(values: Iterable[Any]) -> str | None:
    """The decimal mark a column of numbers uses (``","`` or ``"."``), None when nothing tells."""
    _, _, distinct = _distinct(values)
    text = distinct[~_native_mask(distinct)]
    return _mark_of(_decimal_votes(_number_parts(_text_of(text))["digits"]))


def _mark_of(votes: tuple[int, int]) -> str | None:
    commas, dots = votes
    if commas == dots:
        return None
    return "," if commas > dots else "."


def parse_numbers(values: Iterable[Any], decimal: str | None = None) -> pd.DataFrame:
    """Read a column of numbers the French way (or with ``decimal`` as the decimal mark).

    Returns a frame aligned on the input with ``value`` (float, NaN when missing or
    unreadable), ``missing``, ``invalid`` (present but unreadable), ``percent`` (written
    with ``%``, already divided by 100) and ``scaled`` (written with k, M or Md).
    Each distinct cell is read once.
    """
    series, codes, distinct = _distinct(values)
    return _spread(_numbers_of(distinct, decimal), codes, series.index)


def _numbers_of(
    series: pd.Series, decimal: str | None, parts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """:func:`parse_numbers` on distinct cells; ``parts`` may give their text already split."""
    out = pd.DataFrame(
        {"value": np.nan, "missing": False, "invalid": False, "percent": False, "scaled": False},
        index=series.index,
    )
    native = _native_mask(series)
    if native.any():
        numbers = series[native].astype(float)
        out.loc[native, "value"] = numbers
        out.loc[native, "missing"] = numbers.isna()
        out.loc[native, "invalid"] = np.isinf(numbers)
        out.loc[native & (out["missing"] | out["invalid"]), "value"] = np.nan
        # A workbook cell formatted as a percentage holds the fraction itself.
        out.loc[native, "percent"] = series[native].map(lambda v: isinstance(v, ExcelPercent))
    text_index = series.index[~native]
    if len(text_index) == 0:
        return out
    if parts is None:
        parts = _number_parts(_text_of(series[~native]))
    digits = parts["digits"]
    has_comma = digits.str.contains(",", regex=False).fillna(False).astype(bool)
    has_dot = digits.str.contains(".", regex=False).fillna(False).astype(bool)
    many_commas = (digits.str.count(",") > 1).fillna(False).astype(bool)
    many_dots = (digits.str.count(r"\.") > 1).fillna(False).astype(bool)
    comma_last = (digits.str.rfind(",") > digits.str.rfind(".")).fillna(False).astype(bool)
    lone_comma = digits.str.fullmatch(r"\d{1,3},\d{3}").fillna(False).astype(bool)
    lone_dot = digits.str.fullmatch(r"[1-9]\d{0,2}\.\d{3}").fillna(False).astype(bool)
    dot_decimal = parts["english"] | (decimal == ".")
    comma_decimal = np.select(
        [
            has_comma & has_dot,
            has_comma & many_commas,
            has_comma & lone_comma,
            has_comma,
            has_dot & many_dots,
            has_dot & lone_dot,
            has_dot,
        ],
        [comma_last, False, ~dot_decimal, True, True, ~dot_decimal, False],
        default=False,
    ).astype(bool)
    shaped = np.where(
        comma_decimal,
        digits.str.fullmatch(_COMMA_DECIMAL_SHAPE).fillna(False),
        digits.str.fullmatch(_DOT_DECIMAL_SHAPE).fillna(False),
    ).astype(bool)
    plain = pd.Series(
        np.where(
            comma_decimal,
            digits.str.replace(".", "", regex=False).str.replace(",", ".", regex=False),
            digits.str.replace(",", "", regex=False),
        ),
        index=digits.index,
    )
    # A number of hundreds of digits is not a quantity: it would read as infinity.
    shaped &= (digits.str.len() <= limits.NUMBER_DIGITS.value).fillna(False).astype(bool)
    number = pd.to_numeric(plain.where(shaped), errors="coerce")
    number = number.where(np.isfinite(number))
    factor = parts["suffix"].map(_SUFFIX_FACTOR).fillna(1.0)
    number = number * factor * np.where(parts["negative"], -1.0, 1.0)
    number = number.where(~parts["percent"], number / 100).round(12)
    missing = parts["missing"].astype(bool)
    out.loc[text_index, "value"] = number.where(~missing)
    out.loc[text_index, "missing"] = missing
    out.loc[text_index, "invalid"] = ~missing & number.isna()
    out.loc[text_index, "percent"] = parts["percent"].astype(bool) & ~missing
    out.loc[text_index, "scaled"] = parts["suffix"].notna()
    return out.astype(
        {"value": float, "missing": bool, "invalid": bool, "percent": bool, "scaled": bool}
    )


def parse_number(value: Any, decimal: str | None = None) -> float | None:
    """One number read the French way: ``"12,5 k"`` gives 12500.0, ``"n/a"`` gives None.

    Raises :class:`UserError` ``importer.reason.not_a_number`` when the text is not a number.
    """
    row = parse_numbers(pd.Series([value], dtype=object), decimal).iloc[0]
    if row["invalid"]:
        raise UserError("importer.reason.not_a_number")
    return None if row["missing"] else float(row["value"])


def parse_rates(
    values: Iterable[Any], scale: str = "auto", decimal: str | None = None
) -> pd.DataFrame:
    """Read a column of rates as fractions: ``4,5 %`` gives 0.045; bare numbers follow ``scale``.

    ``auto``: up to 1 is a fraction (0,045), above 1 a percentage (4,5); ``fraction`` and
    ``percent`` force one reading. Same columns as :func:`parse_numbers`.
    """
    return _as_rates(parse_numbers(values, decimal), scale)


def _as_rates(numbers: pd.DataFrame, scale: str) -> pd.DataFrame:
    """Numbers read as rates: divide the bare ones that ``scale`` says are percentages."""
    if scale not in PERCENT_SCALES:
        raise ValueError(f"unknown percent scale {scale!r}")
    out = numbers.copy()
    bare = ~out["percent"] & ~out["missing"] & ~out["invalid"]
    if scale == "percent":
        divide = bare
    elif scale == "auto":
        divide = bare & (out["value"].abs() > 1)
    else:
        divide = pd.Series(False, index=out.index)
    out.loc[divide, "value"] = (out.loc[divide, "value"] / 100).round(12)
    return out


def parse_rate(value: Any, scale: str = "auto", decimal: str | None = None) -> float | None:
    """One rate as a fraction: ``"4,5 %"``, ``"4.5%"``, ``"0,045"`` and ``"4,5"`` all give 0.045."""
    row = parse_rates(pd.Series([value], dtype=object), scale, decimal).iloc[0]
    if row["invalid"]:
        raise UserError("importer.reason.not_a_number")
    return None if row["missing"] else float(row["value"])


#: Short month names French spreadsheets use that CLDR does not list.
_INFORMAL_MONTHS = {"fev": 2, "aou": 8}


@cache
def _months() -> dict[str, int]:
    """Month names and abbreviations, French and English, accents and dots dropped:
    ``janvier``, ``janv``, ``jan``, ``january``… → 1 (from Babel's CLDR data)."""
    months = dict(_INFORMAL_MONTHS)
    for locale in ("fr_FR", "en_GB", "en_US"):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    months[_ascii_lower(name).rstrip(".")] = number
    return months


_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2})?.*)?")


_NUMERIC_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:[ t]\d{1,2}[:h]\d{2}.*)?")


_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")


_DAY_MONTH_YEAR = re.compile(
    r"(?:[a-z]+\.?,?\s+)?(\d{1,2})(?:er|st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})"
)


_MONTH_DAY_YEAR = re.compile(
    r"(?:[a-z]+\.?,?\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})"
)


_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _ascii_lower(text: str) -> str:
    text = str(text).replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _date_value(value: Any) -> dt.date | None:
    """One date, or None when missing; raises ValueError when unreadable."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if _is_native_number(value):
        if isinstance(value, float) and math.isnan(value):
            return None
        if 20000 <= float(value) <= 80000:  # an Excel serial day number
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueError(value)
    text = _FORMULA_GUARD.sub("", _cell_text(value))
    if text.lower() in MISSING_TOKENS:
        return None
    low = re.sub(r"\s+", " ", _ascii_lower(text)).strip()
    if match := _ISO_DATE.fullmatch(low):
        year, month, day = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    if match := _NUMERIC_DATE.fullmatch(low):
        day, month, year = (int(g) for g in match.groups())
        year += 2000 if year < 100 else 0
        if month > 12 >= day:
            day, month = month, day
        return dt.date(year, month, day)
    if (match := _COMPACT_DATE.fullmatch(low)) and 1900 <= int(match.group(1)) <= 2100:
        return dt.date(*(int(g) for g in match.groups()))
    if match := _DAY_MONTH_YEAR.fullmatch(low):
        day, month_name, year = match.groups()
        return dt.date(int(year), _months()[month_name], int(day))
    if match := _MONTH_DAY_YEAR.fullmatch(low):
        month_name, day, year = match.groups()
        return dt.date(int(year), _months()[month_name], int(day))
    if (serial := re.fullmatch(r"\d{5}", low)) and 20000 <= int(serial.group()) <= 80000:
        return _EXCEL_EPOCH + dt.timedelta(days=int(low))
    raise ValueError(text)


def parse_date(value: Any) -> dt.date | None:
    """One date, day first: ``"01/12/2026"``, ``"2026-12-01"`` and ``"1 déc. 2026"`` are 1 Dec.

    Raises :class:`UserError` ``importer.reason.not_a_date`` when the text is not a date.
    """
    try:
        return _date_value(value)
    except (ValueError, KeyError, OverflowError) as err:
        raise UserError("importer.reason.not_a_date") from err


def parse_dates(values: Iterable[Any]) -> pd.DataFrame:
    """Read a column of dates (each distinct value once): ``value``, ``missing``, ``invalid``."""
    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    results: dict[Any, tuple[dt.date | None, bool]] = {}
    parsed = []
    for cell in series.astype(object):
        key = (type(cell).__name__, _cell_text(cell))
        if key not in results:
            try:
                results[key] = (_date_value(cell), False)
            except (ValueError, KeyError, OverflowError, TypeError):
                results[key] = (None, True)
        parsed.append(results[key])
    invalid = [bad for _, bad in parsed]
    values_ = [date for date, _ in parsed]
    return pd.DataFrame(
        {
            "value": pd.Series(values_, index=series.index, dtype=object),
            "missing": [d is None and not bad for d, bad in parsed],
            "invalid": invalid,
        },
        index=series.index,
    )


def code_key(text: Any) -> str:
    """A code or its synonym reduced to letters and digits: ``"X (ex-Twitter)"`` → ``xextwitter``."""
    return re.sub(r"[^a-z0-9+]", "", _ascii_lower(text))


def header_key(text: Any) -> str:
    """A column name reduced to its meaningful words: ``"Nb d'abonnés"`` → ``abonnes``."""
    text = _ascii_lower(text).replace("%", " pct ").replace("#", " nb ").replace("€", " eur ")
    words = re.sub(r"[^a-z0-9+]+", " ", text).split()
    return " ".join(w for w in words if w not in _STOPWORDS)


_URL = re.compile(
    r"(?:https?://)?(?:www\.|m\.|vm\.|fr\.|mobile\.)?"
    r"(instagram\.com|instagr\.am|tiktok\.com|youtube\.com|youtu\.be|linkedin\.com|"
    r"twitter\.com|x\.com|twitch\.tv|facebook\.com|fb\.com|snapchat\.com|pinterest\.com|"
    r"pinterest\.fr|threads\.net|threads\.com)/+([^?#]*)(?:[?#].*)?",
    re.IGNORECASE,
)


_URL_PLATFORM = {
    "instagram.com": "instagram",
    "instagr.am": "instagram",
    "tiktok.com": "tiktok",
    "youtube.com": "youtube",
    "youtu.be": "youtube",
    "linkedin.com": "linkedin",
    "twitter.com": "x",
    "x.com": "x",
    "twitch.tv": "twitch",
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "snapchat.com": "snapchat",
    "pinterest.com": "pinterest",
    "pinterest.fr": "pinterest",
    "threads.net": "threads",
    "threads.com": "threads",
}


#: Path words before the account's name in a profile link (``snapchat.com/add/lina``).
_URL_PREFIXES = ("in", "c", "user", "channel", "company", "add", "pg", "people")


def _profile_url(text: str) -> tuple[str, str] | None:
    """``(handle, platform)`` from a profile link (``instagram.com/lina``), else None."""
    match = _URL.fullmatch(text.strip())
    if not match:
        return None
    parts = [p for p in match.group(2).split("/") if p]
    if parts and parts[0].lower() in _URL_PREFIXES and len(parts) > 1:
        parts = parts[1:]
    if not parts:
        return None
    return "@" + parts[0].lstrip("@"), _URL_PLATFORM[match.group(1).lower()]


def normalise_handle(value: Any) -> tuple[str | None, str | None]:
    """A handle as stored (``@name``) and the platform its link names, if it is a link."""
    text = _FORMULA_GUARD.sub("", _cell_text(value))
    if text.lower() in MISSING_TOKENS:
        return None, None
    link = _profile_url(text)
    if link is not None:
        return link
    name = text.lstrip("@").strip()
    if not name:
        return None, None
    return (name if re.search(r"\s", name) else "@" + name), None


def handle_key(handle: str) -> str:
    """The handle as compared: lower case, without ``@`` or spaces."""
    return "".join(str(handle).split()).lstrip("@").lower()


def imported_id(handle: str, platform: str) -> str:
    """A stable id for an imported account: ``IMP-`` and a hash of its platform and handle."""
    digest = hashlib.sha1(f"{platform}:{handle_key(handle)}".encode()).hexdigest()
    return f"IMP-{digest[:10]}"


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)
