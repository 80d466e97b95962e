"""Tolerant import of the user's own tables (CSV or XLSX) into the plan.

Owns reading a file whatever its encoding, separator and number conventions (French first),
suggesting which column feeds which field of a destination (a :class:`Target`), checking every
row and saying in the user's words what is wrong where (row as numbered in their spreadsheet,
their column name), and merging the good rows into the plan without losing anything there.
The influencer list (:data:`INFLUENCER_TARGET`) and campaign results (:data:`RESULTS_TARGET`)
are two targets of the same machinery.

Reading rules, French first:

- numbers: ``12,5 k`` = 12 500, ``1,2 M`` = 1 200 000, ``3 400`` (space, NBSP or narrow NBSP)
  = 3 400, ``1.234,56`` and ``1,234.56`` = 1 234.56, currency signs are dropped, ``-``, ``n/a``,
  ``N.D.`` and empty cells are missing. A lone ``1,234`` or ``1.234`` is settled by the other
  values of its column; failing that, French wins (``1,234`` = 1.234, ``1.234`` = 1 234), except
  in a comma-separated file, where the dot is the decimal mark.
- rates: ``4,5 %`` = 0.045 always; a bare number is read by the field's ``percent_scale``:
  ``auto`` (the default) reads values up to 1 as fractions (0,045) and above 1 as percentages
  (4,5), ``fraction`` and ``percent`` force one reading.
- dates: day first (``01/12/2026`` is 1 December), ISO ``2026-12-01``, French or English month
  names (``1 déc. 2026``); when the second number cannot be a month (``12/31/2026``), the date
  is read month first. Cells an Excel workbook formats as percentages hold fractions.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePath
from typing import Any

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter
from pydantic import BaseModel, ValidationError

from influkit.data import limits
from influkit.errors import UserError
from influkit.plan.model import PLATFORMS, ImportedInfluencer, Plan, ResultRow
from influkit.text import i18n

MAX_BYTES = limits.TABLE_BYTES.value
MAX_ROWS = limits.TABLE_ROWS.value
_PREAMBLE_ROWS = 20  # title lines a file may hold above its header
#: A plan keeps at most this many imported influencers (a saved plan must stay under 5 MB).
MAX_IMPORTED = 5_000
SEPARATORS: tuple[str, ...] = (";", ",", "\t", "|")
SEPARATOR_NAMES: dict[str, str] = {";": "semicolon", ",": "comma", "\t": "tab", "|": "pipe"}
FIELD_KINDS: tuple[str, ...] = ("number", "rate", "integer", "text", "date", "code", "handle")
PERCENT_SCALES: tuple[str, ...] = ("auto", "fraction", "percent")
TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv", ".tab", ".dat", ".xlsx", ".xlsm", ""})
# fmt: off
MISSING_TOKENS = frozenset(
    {"", "-", "--", "—", "–", "n/a", "na", "n.a.", "n.a", "nd", "n.d.", "n.d", "nc", "n.c.",
     "nan", "null", "none", "?", "#n/a", "#na", "#value!", "#valeur!", "#div/0!"}
)
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


# --- reading a file -------------------------------------------------------------------------


@dataclass
class RawTable:
    """A table as read from the user's file: their column names, their cells, where it came from.

    ``frame`` holds the data rows (cells as found: text from a CSV, typed values from a
    workbook, None when empty); ``row_numbers[i]`` is the row of ``frame``'s i-th row as the
    user sees it in their spreadsheet (the header is row 1 when nothing precedes it).
    """

    frame: pd.DataFrame
    row_numbers: list[int]
    filename: str
    kind: str
    header_row: int
    encoding: str | None = None
    separator: str | None = None
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    digest: str = ""

    @property
    def columns(self) -> list[str]:
        """The user's column names, in file order."""
        return [str(c) for c in self.frame.columns]

    def preview(self, n_rows: int = 10) -> pd.DataFrame:
        """The first rows as text, exactly as the file holds them (row numbers as the index)."""
        head = self.frame.head(n_rows).map(_cell_text)
        head.index = self.row_numbers[: len(head)]
        return head


def read_table(data: bytes, filename: str, sheet: str | None = None) -> RawTable:
    """Read a CSV or XLSX file into a :class:`RawTable`, or say why it cannot be read.

    Raises :class:`UserError` (``importer.error.*``): empty file, unsupported type, not a table,
    no header, no data rows, only one column found; :class:`~influkit.data.limits.LimitExceeded`
    past a limit of :mod:`influkit.data.limits` (bytes, decompressed size, rows, columns, cells).
    """
    name = PurePath(filename or "").name
    suffix = PurePath(name).suffix.lower()
    limits.TABLE_BYTES.check(len(data or b""))
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise UserError("importer.error.empty")
    digest = hashlib.sha1(data).hexdigest()
    kind = _content_kind(data, suffix)
    if kind == "xlsx":
        return _read_xlsx(data, name, sheet, digest)
    return _read_csv(data, name, digest)


def _content_kind(data: bytes, suffix: str) -> str:
    """What the bytes are (the content decides, the name only helps the message)."""
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, OSError) as err:
            raise UserError("importer.error.not_a_table") from err
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "content.xml" in names:
            raise UserError("importer.error.opendocument")
        raise UserError("importer.error.unsupported_type", ext=suffix or "zip")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UserError("importer.error.old_excel")
    if data.startswith(b"%PDF"):
        raise UserError("importer.error.unsupported_type", ext=suffix or ".pdf")
    if suffix == ".xls":
        raise UserError("importer.error.old_excel")
    if suffix not in TEXT_SUFFIXES:
        raise UserError("importer.error.unsupported_type", ext=suffix)
    return "csv"


def _decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was written in (UTF-8 with or without BOM, UTF-16, cp1252)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as err:
            raise UserError("importer.error.not_a_table") from err
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _looks_binary(text: str) -> bool:
    """Whether decoded text is really binary content (control characters, NUL bytes)."""
    sample = text[:65536]
    if "\x00" in sample:
        return True
    odd = sum(
        1
        for ch in sample
        if (ord(ch) < 32 and ch not in "\t\r\n") or 0x7F <= ord(ch) < 0xA0 or ch == "\ufffd"
    )
    return odd > max(2, len(sample) // 100)


def _sniff_separator(text: str) -> tuple[str | None, int]:
    """The separator giving the most consistent number of columns, and that number."""
    lines = [line for line in text[:65536].splitlines() if line.strip()][:50]
    best: tuple[tuple[float, int, int], str | None, int] = ((0.0, 0, 0), None, 1)
    for preference, sep in enumerate(reversed(SEPARATORS)):
        try:
            widths = [len(row) for row in csv.reader(lines, delimiter=sep)]
        except csv.Error:
            continue
        if not widths:
            continue
        counts = pd.Series(widths).value_counts()
        width = int(counts.index[0])
        if width <= 1:
            continue
        score = (float(counts.iloc[0]) / len(widths), width, preference)
        if score > best[0]:
            best = (score, sep, width)
    return best[1], best[2]


def _read_csv(data: bytes, name: str, digest: str) -> RawTable:
    text, encoding = _decode(data)
    if _looks_binary(text):
        raise UserError("importer.error.not_a_table")
    first_line, _, rest = text.partition("\n")
    hint = re.fullmatch(r'"?sep=(.)"?\r?', first_line.strip("\ufeff"))
    if hint:
        # Excel's "sep=;" line names the separator and is not a row; one naming something
        # that cannot be a separator is dropped and the separator is found from the data.
        text = rest
        separator = hint.group(1) if hint.group(1) in SEPARATORS else None
    if not hint or separator is None:
        separator, _ = _sniff_separator(text)
    if separator is None:
        raise UserError("importer.error.one_column")
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
        rows: list[list[Any]] = []
        counter = _RowCounter()
        for row in reader:
            cells = [cell.strip() or None for cell in row]
            rows.append(counter.add(cells))
    except csv.Error as err:
        raise UserError("importer.error.not_a_table") from err
    table = _build_table(rows, name, "csv", digest)
    table.encoding, table.separator = encoding, separator
    return table


class _RowCounter:
    """Counts rows and cells while a table is read, and stops at the limits.

    Trailing empty cells do not count (a spreadsheet pads rows); blank rows count once the
    table is far past the limit, so a file of millions of empty rows stops early too.
    """

    def __init__(self) -> None:
        self.filled = self.scanned = self.cells = 0

    def add(self, cells: list[Any]) -> list[Any]:
        while cells and cells[-1] is None:
            cells.pop()
        self.scanned += 1
        if cells:
            self.filled += 1
            limits.TABLE_COLUMNS.check(len(cells))
            self.cells += len(cells)
            limits.TABLE_CELLS.check(self.cells)
        # The exact row count is checked once the header is known.
        if self.filled > MAX_ROWS + _PREAMBLE_ROWS or self.scanned > 2 * MAX_ROWS:
            raise limits.LimitExceeded(limits.TABLE_ROWS)
        return cells


def _read_xlsx(data: bytes, name: str, sheet: str | None, digest: str) -> RawTable:
    from influkit.data.xlsx import UnreadableWorkbook, open_workbook

    try:
        workbook = open_workbook(data, read_only=True)
    except UnreadableWorkbook as err:
        raise UserError("importer.error.unreadable_xlsx", detail=str(err)) from err
    try:
        sheets = tuple(workbook.sheetnames)
        if sheet is not None and sheet not in sheets:
            raise UserError("importer.error.unknown_sheet", sheet=sheet, sheets=", ".join(sheets))
        candidates = [sheet] if sheet is not None else list(sheets)
        rows: list[list[Any]] = []
        chosen = candidates[0] if candidates else ""
        for candidate in candidates:
            rows = _xlsx_rows(workbook[candidate])
            chosen = candidate
            if rows:
                break
    finally:
        workbook.close()
    if not any(any(v is not None for v in row) for row in rows):
        raise UserError("importer.error.empty_sheet", sheet=chosen)
    table = _build_table(rows, name, "xlsx", digest)
    table.sheet, table.sheets = chosen, sheets
    return table


def _xlsx_rows(worksheet: Any) -> list[list[Any]]:
    """A sheet's rows, streamed: a column past the limit or too many rows stop the reading."""
    from influkit.data.xlsx import UnreadableWorkbook

    counter = _RowCounter()
    rows: list[list[Any]] = []
    # One column past the limit is read, to tell a wide table from one padded with empty cells.
    try:
        for row in worksheet.iter_rows(max_col=limits.TABLE_COLUMNS.value + 1):
            rows.append(counter.add([_xlsx_cell(cell) for cell in row]))
    except (UserError, UnreadableWorkbook):
        raise
    except Exception as err:  # noqa: BLE001 — a damaged sheet raises XML or value errors
        raise UserError("importer.error.unreadable_xlsx", detail=type(err).__name__) from err
    return rows if counter.filled else []


class ExcelPercent(float):
    """A workbook number shown with a percent format: Excel's 0.045 displayed as 4.5 %."""

    def __str__(self) -> str:
        return f"{float(self) * 100:.10g} %"


def _xlsx_cell(cell: Any) -> Any:
    value = getattr(cell, "value", None)
    if _is_native_number(value) and "%" in (getattr(cell, "number_format", "") or ""):
        return ExcelPercent(value)
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    return value


def _build_table(rows: list[list[Any]], name: str, kind: str, digest: str) -> RawTable:
    """Find the header row, name the columns, keep the non-blank rows with their row numbers."""
    filled = [sum(v is not None for v in row) for row in rows]
    if not any(filled):
        raise UserError("importer.error.empty")
    typical = pd.Series([w for w in filled if w][:50]).mode().max()
    header_index = next(
        (i for i, w in enumerate(filled) if w >= max(2, math.ceil(typical / 2))), None
    )
    if header_index is None:
        raise UserError("importer.error.one_column")
    header = rows[header_index]
    cells = [v for v in header if v is not None]
    numeric = parse_numbers(pd.Series(cells, dtype=object))
    dates = parse_dates(pd.Series(cells, dtype=object))
    handles = pd.Series([_cell_text(c) for c in cells], dtype=object).str.match(r"@\S+$")
    looks_like_data = (
        (~numeric["invalid"] & ~numeric["missing"])
        | (~dates["invalid"] & ~dates["missing"])
        | handles
    )
    # Column names are words: a first row a third made of numbers, dates or @handles is data.
    if looks_like_data.sum() * 3 >= len(cells):
        raise UserError("importer.error.no_header")
    body = [(i + 1, row) for i, row in enumerate(rows) if i > header_index and filled[i]]
    if not body:
        raise UserError("importer.error.no_rows")
    limits.TABLE_ROWS.check(len(body))
    width = max(len(header), *(len(row) for _, row in body))
    header = list(header) + [None] * (width - len(header))
    columns = _column_names(header)
    frame = pd.DataFrame(
        [list(row) + [None] * (width - len(row)) for _, row in body], columns=columns, dtype=object
    )
    # A column with neither a name nor a value (a trailing separator) is not the user's.
    keep = [
        c
        for c, name in zip(columns, header, strict=True)
        if name is not None or frame[c].notna().any()
    ]
    return RawTable(
        frame=frame[keep].reset_index(drop=True),
        row_numbers=[number for number, _ in body],
        filename=name,
        kind=kind,
        header_row=header_index + 1,
        digest=digest,
    )


def _column_names(header: list[Any]) -> list[str]:
    """The user's column names; an unnamed column takes its spreadsheet letter, repeats a suffix."""
    names: list[str] = []
    for index, value in enumerate(header):
        base = _cell_text(value) or get_column_letter(index + 1)
        candidate, count = base, 1
        while candidate in names:
            count += 1
            candidate = f"{base} ({count})"
        names.append(candidate)
    return names


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


# --- reading values -------------------------------------------------------------------------


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


_MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "january": 1,
    "fevrier": 2, "fevr": 2, "fev": 2, "feb": 2, "february": 2,
    "mars": 3, "mar": 3, "march": 3,
    "avril": 4, "avr": 4, "apr": 4, "april": 4,
    "mai": 5, "may": 5,
    "juin": 6, "jun": 6, "june": 6,
    "juillet": 7, "juil": 7, "jul": 7, "july": 7,
    "aout": 8, "aou": 8, "aug": 8, "august": 8,
    "septembre": 9, "sept": 9, "sep": 9, "september": 9,
    "octobre": 10, "oct": 10, "october": 10,
    "novembre": 11, "nov": 11, "november": 11,
    "decembre": 12, "dec": 12, "december": 12,
}  # fmt: skip
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
        return dt.date(int(year), _MONTHS[month_name], int(day))
    if match := _MONTH_DAY_YEAR.fullmatch(low):
        month_name, day, year = match.groups()
        return dt.date(int(year), _MONTHS[month_name], int(day))
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


# --- destinations ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One field of a destination: its kind, whether it is required, how users name it.

    ``headers`` are column names that mean this field (French and English; the field's
    catalogue labels are added); ``codes`` returns the known codes with their synonyms
    (``code_key`` → code) for a ``code`` field; ``fallback`` may recognise a value the
    synonyms miss. ``percent_scale`` says how a rate written without ``%`` is read;
    ``unit`` is ``eur`` for amounts of money.
    """

    name: str
    kind: str
    required: bool = False
    group: str = "profile"
    headers: tuple[str, ...] = ()
    codes: Callable[[], Mapping[str, str]] | None = None
    code_namespace: str | None = None
    fallback: Callable[[str], str | None] | None = None
    minimum: float | None = None
    maximum: float | None = None
    percent_scale: str = "auto"
    unit: str = ""

    def label(self, lang: str = "fr") -> str:
        """The field's name for people, from the catalogue."""
        return i18n.t(f"importer.field.{self.name}", lang)


@dataclass(frozen=True)
class Target:
    """A destination of imported rows: its fields, the model each row becomes, what makes a
    row a duplicate and, when rows get an id, which field holds it.

    ``one_of`` lists groups of fields of which each row needs one; ``derived`` pairs
    ``(field, source)`` where ``source`` can supply ``field`` (a profile link names its
    platform), so ``field`` needs no column of its own when ``source`` has one.
    """

    name: str
    fields: tuple[Field, ...]
    model: type[BaseModel]
    key_fields: tuple[str, ...] = ()
    one_of: tuple[tuple[str, ...], ...] = ()
    derived: tuple[tuple[str, str], ...] = ()
    id_field: str | None = None
    duplicate_reason: str = "importer.reason.duplicate"

    def field(self, name: str) -> Field:
        """The field called ``name``."""
        return next(f for f in self.fields if f.name == name)

    @property
    def required(self) -> list[str]:
        """Names of the fields every row must have."""
        return [f.name for f in self.fields if f.required]

    @property
    def groups(self) -> list[str]:
        """The field groups in display order."""
        return list(dict.fromkeys(f.group for f in self.fields))


_PLATFORM_SYNONYMS: dict[str, tuple[str, ...]] = {
    "instagram": ("insta", "ig", "instagram.com", "instagr.am", "reels"),
    "tiktok": ("tik tok", "tt", "tiktok.com"),
    "youtube": ("yt", "you tube", "youtube.com", "youtu.be", "shorts"),
    "linkedin": ("linked in", "lnkd", "li", "linkedin.com"),
    "x": ("twitter", "x.com", "twitter.com", "x twitter", "ex twitter", "tw"),
    "twitch": ("twitch.tv", "ttv"),
    "facebook": ("fb", "face book", "facebook.com", "fb.com", "fb.me", "page facebook"),
    "snapchat": ("snap", "snap chat", "snapchat.com", "spotlight"),
    "pinterest": ("pin", "pins", "pinterest.com", "pinterest.fr", "pin it", "epingle", "epingles"),
    "threads": ("thread", "threads.net", "threads.com", "threads meta"),
    "other": ("autre", "autres", "other", "divers", "autre reseau", "other network"),
}
_PLATFORM_WORDS = {
    "instagram": "instagram",
    "tiktok": "tiktok",
    "youtube": "youtube",
    "linkedin": "linkedin",
    "twitter": "x",
    "twitch": "twitch",
    "facebook": "facebook",
    "snapchat": "snapchat",
    "pinterest": "pinterest",
}
_NICHE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "beauty": ("beaute", "cosmetique", "cosmetiques", "cosmetics", "makeup", "maquillage",
               "skincare", "soin", "soins", "beauty"),
    "fashion": ("mode", "fashion", "style", "vetements", "pret a porter"),
    "food": ("cuisine", "food", "gastronomie", "recettes", "recipes", "cooking", "foodie"),
    "travel": ("voyage", "voyages", "travel", "tourisme", "tourism"),
    "tech": ("tech", "high tech", "hightech", "technologie", "technology", "numerique"),
    "sport": ("sport", "sports", "fitness", "running"),
    "gaming": ("gaming", "jeux video", "jeu video", "jeux", "games", "esport", "gamer"),
    "parenting": ("parentalite", "famille", "parents", "maman", "papa", "family", "parenting"),
    "b2b": ("b2b", "business", "entreprise", "entreprises", "btob"),
    "ecology": ("ecologie", "environnement", "green", "durable", "sustainability", "zero dechet"),
    "lifestyle": ("lifestyle", "art de vivre", "vie quotidienne"),
    "finance": ("finance", "finances", "argent", "money", "investissement", "bourse"),
}  # fmt: skip
_COUNTRY_EXTRAS = {"uk": "GB", "angleterre": "GB", "england": "GB", "usa": "US", "etatsunis": "US"}


def _labels(namespace: str) -> dict[str, str]:
    """``code_key`` of every catalogue label of ``namespace`` (both languages) → its code."""
    lookup: dict[str, str] = {}
    prefix = f"{namespace}."
    for lang in i18n.LANGUAGES:
        for key, text in i18n.catalogue(lang).items():
            if key.startswith(prefix) and key.count(".") == prefix.count("."):
                code = key[len(prefix) :]
                lookup.setdefault(code_key(code), code)
                lookup.setdefault(code_key(text), code)
    return lookup


@cache
def platform_codes() -> dict[str, str]:
    """Platform names and synonyms users write (``Insta``, ``IG``, ``YT``…) → platform code."""
    lookup = {code_key(code): code for code in PLATFORMS}
    for code, words in _PLATFORM_SYNONYMS.items():
        lookup.update({code_key(word): code for word in words})
    lookup.update({k: v for k, v in _labels("data.platform").items() if v in PLATFORMS})
    return lookup


def _platform_fallback(key: str) -> str | None:
    hits = {code for word, code in _PLATFORM_WORDS.items() if word in key}
    return hits.pop() if len(hits) == 1 else None


@cache
def niche_codes() -> dict[str, str]:
    """Topic names in French and English (``Beauté``, ``Mode``, ``Gaming``…) → niche code."""
    lookup = _labels("data.niche")
    for code, words in _NICHE_SYNONYMS.items():
        lookup.update({code_key(word): code for word in words})
    return lookup


@cache
def country_codes() -> dict[str, str]:
    """Every country's ISO code and name in French and English (``Belgique``, ``Belgium``) → code."""
    from babel import Locale

    lookup: dict[str, str] = {}
    for lang in i18n.LANGUAGES:
        for code, name in Locale(lang).territories.items():
            if re.fullmatch(r"[A-Z]{2}", code) and code not in ("ZZ", "EU", "EZ", "UN", "QO"):
                lookup.setdefault(code_key(code), code)
                lookup.setdefault(code_key(name), code)
    lookup.update(_labels("data.country"))
    lookup.update(_COUNTRY_EXTRAS)
    return lookup


@cache
def language_codes() -> dict[str, str]:
    """Every language's ISO code and name in French and English (``Français``, ``French``) → code."""
    from babel import Locale

    lookup: dict[str, str] = {}
    for lang in i18n.LANGUAGES:
        for code, name in Locale(lang).languages.items():
            if re.fullmatch(r"[a-z]{2}", code):
                lookup.setdefault(code_key(code), code)
                lookup.setdefault(code_key(name), code)
    lookup.update(_labels("data.language"))
    return lookup


def _language_fallback(key: str) -> str | None:
    # "fr-FR", "fr_CA", "en-GB" reduce to "frfr", "frca", "engb": the first two letters decide.
    return key[:2] if len(key) == 4 and key[:2] in language_codes().values() else None


def _f(name: str, kind: str, *headers: str, **options: Any) -> Field:
    if kind == "rate":
        options.setdefault("minimum", 0.0)
    if kind in ("number", "integer"):
        options.setdefault("minimum", 0.0)
    return Field(name=name, kind=kind, headers=headers, **options)


_HANDLE_HEADERS = (
    "handle", "pseudo", "pseudonyme", "compte", "nom du compte", "nom d'utilisateur", "username",
    "user name", "account", "account name", "identifiant", "@", "profil", "profile", "lien",
    "url", "profile url", "lien du profil", "url du profil", "lien profil", "alias",
)  # fmt: skip
_PLATFORM_HEADERS = (
    "plateforme", "platform", "réseau", "réseau social", "reseaux sociaux", "network",
    "social network", "canal", "channel", "média social", "social media", "support",
)  # fmt: skip
_SHARE = {"maximum": 1.0, "group": "audience"}

# fmt: off
INFLUENCER_TARGET = Target(
    name="influencers",
    model=ImportedInfluencer,
    key_fields=("platform", "handle"),
    derived=(("platform", "handle"),),
    id_field="influencer_id",
    duplicate_reason="importer.reason.duplicate_account",
    fields=(
        _f("handle", "handle", *_HANDLE_HEADERS, required=True, group="required"),
        _f("platform", "code", *_PLATFORM_HEADERS, required=True, group="required",
           codes=platform_codes, code_namespace="data.platform", fallback=_platform_fallback),
        _f("followers", "integer", "abonnés", "followers", "nb abonnés", "nombre d'abonnés",
           "fans", "subscribers", "abonnes", "audience", "communauté", "taille de la communauté",
           "follower count", "followers count", "nb followers", "taille", "size",
           required=True, group="required"),
        _f("display_name", "text", "nom", "name", "nom affiché", "display name", "influenceur",
           "influenceuse", "influencer", "créateur", "créatrice", "creator", "nom complet",
           "full name", "prénom nom", "nom prénom"),
        _f("niche", "code", "niche", "thématique", "thème", "theme", "catégorie", "category",
           "topic", "univers", "secteur", "verticale", "vertical", "centre d'intérêt",
           codes=niche_codes, code_namespace="data.niche"),
        _f("country", "code", "pays", "country", "pays du créateur", "creator country",
           codes=country_codes, code_namespace="data.country"),
        _f("city", "text", "ville", "city", "localité", "commune"),
        _f("language", "code", "langue", "language", "lang", "langue du contenu",
           "content language", codes=language_codes, code_namespace="data.language",
           fallback=_language_fallback),
        _f("following", "integer", "abonnements", "following", "suivis", "comptes suivis"),
        _f("posts_count", "integer", "publications", "posts", "nb publications", "nb posts",
           "posts count", "media count", "nombre de posts"),
        _f("price_per_post_eur", "number", "prix", "tarif", "prix par post",
           "prix par publication", "tarif par post", "tarif par publication", "price",
           "price per post", "cost", "coût", "coût par post", "fee", "cachet", "rémunération",
           "prix ht", "tarif ht", "budget par post", unit="eur"),
        _f("engagement_rate", "rate", "taux d'engagement", "engagement", "er", "engagement rate",
           "tx engagement", "tx d'engagement", "eng rate", "te", group="performance"),
        _f("avg_likes", "number", "likes moyens", "j'aime moyens", "moyenne likes",
           "avg likes", "average likes", "likes", "j'aime", "likes par post", group="performance"),
        _f("avg_comments", "number", "commentaires moyens", "avg comments", "average comments",
           "comments", "commentaires", "moyenne commentaires", group="performance"),
        _f("avg_views", "number", "vues moyennes", "avg views", "average views", "views", "vues",
           "moyenne vues", group="performance"),
        _f("avg_reach", "number", "portée moyenne", "avg reach", "average reach", "reach",
           "portée", "couverture", group="performance"),
        _f("audience_female_share", "rate", "% femmes", "femmes", "part de femmes", "female",
           "female share", "women", "% women", "audience féminine", "% female", **_SHARE),
        _f("audience_age_13_17", "rate", "13-17", "13-17 ans", "13 17", "age 13-17",
           "13_17", **_SHARE),
        _f("audience_age_18_24", "rate", "18-24", "18-24 ans", "18 24", "age 18-24",
           "18_24", **_SHARE),
        _f("audience_age_25_34", "rate", "25-34", "25-34 ans", "25 34", "age 25-34",
           "25_34", **_SHARE),
        _f("audience_age_35_44", "rate", "35-44", "35-44 ans", "35 44", "age 35-44",
           "35_44", **_SHARE),
        _f("audience_age_45_plus", "rate", "45+", "45 et +", "45 ans et plus", "45 plus",
           "45_plus", "age 45+", "45 ans +", **_SHARE),
        _f("audience_top_country", "code", "premier pays de l'audience", "pays principal",
           "pays de l'audience", "top country", "audience top country", "audience country",
           "pays audience", codes=country_codes, code_namespace="data.country",
           group="audience"),
        _f("audience_top_country_share", "rate", "part du premier pays", "top country share",
           "% pays principal", "part pays principal", **_SHARE),
        _f("audience_credibility", "rate", "crédibilité", "credibility",
           "audience credibility", "crédibilité de l'audience", "abonnés réels",
           "% abonnés réels", "real followers", "qualité d'audience", "audience quality",
           **_SHARE),
        _f("suspicious_followers_share", "rate", "abonnés suspects", "suspicious followers",
           "faux abonnés", "fake followers", "% suspects", "% faux abonnés", **_SHARE),
        _f("mass_followers_share", "rate", "mass followers", "mass followers share",
           "% mass followers", "abonnés massifs", **_SHARE),
    ),
)

RESULTS_TARGET = Target(
    name="results",
    model=ResultRow,
    key_fields=("post_ref",),
    # A results row names its influencer and measures something (a list of influencers
    # uploaded by mistake has no measure at all).
    one_of=(
        ("influencer_id", "handle"),
        ("impressions", "reach", "views", "engagements", "clicks", "conversions", "cost_eur_ht",
         "revenue_eur"),
    ),
    derived=(("platform", "handle"),),
    duplicate_reason="importer.reason.duplicate_post",
    fields=(
        _f("post_ref", "text", "publication", "post", "lien du post", "lien de la publication",
           "post url", "url du post", "référence", "ref", "id publication", "post id",
           "id du post", "url publication", group="required"),
        _f("influencer_id", "text", "id influenceur", "influencer id", "identifiant influenceur",
           "id", "code influenceur", group="required"),
        _f("handle", "handle", *_HANDLE_HEADERS, group="required"),
        _f("platform", "code", *_PLATFORM_HEADERS, codes=platform_codes,
           code_namespace="data.platform", fallback=_platform_fallback, group="required"),
        _f("published_on", "date", "date", "date de publication", "publié le", "publication date",
           "published", "published on", "date publication", "mise en ligne", group="required"),
        _f("cost_eur_ht", "number", "coût", "cout", "coût ht", "cost", "prix", "montant",
           "budget", "tarif", "fee", "dépense", "spend", "cachet", group="costs", unit="eur"),
        _f("revenue_eur", "number", "chiffre d'affaires", "ca", "revenue", "revenu", "revenus",
           "ca ht", "montant des ventes", "ventes eur", "sales eur", group="costs", unit="eur"),
        _f("impressions", "integer", "impressions", "affichages", "impr", group="reach"),
        _f("reach", "integer", "portée", "reach", "couverture", "personnes atteintes",
           group="reach"),
        _f("views", "integer", "vues", "views", "lectures", "video views", "vues vidéo",
           group="reach"),
        _f("engagements", "integer", "engagements", "interactions", "engagement",
           "total engagements", group="actions"),
        _f("clicks", "integer", "clics", "clicks", "clic", "click", group="actions"),
        _f("conversions", "integer", "conversions", "ventes", "sales", "achats", "orders",
           "commandes", "inscriptions", group="actions"),
    ),
)
# fmt: on

TARGETS: dict[str, Target] = {t.name: t for t in (INFLUENCER_TARGET, RESULTS_TARGET)}


# --- column mapping -------------------------------------------------------------------------


@cache
def _header_synonyms(target: Target) -> dict[str, tuple[str, ...]]:
    """Each field's header keys: its name, its labels in every language, its synonyms."""
    synonyms: dict[str, tuple[str, ...]] = {}
    for f in target.fields:
        words = [f.name.replace("_", " "), *f.headers]
        words += [f.label(lang) for lang in i18n.LANGUAGES]
        keys = [header_key(w) for w in words]
        synonyms[f.name] = tuple(dict.fromkeys(k for k in keys if k))
    return synonyms


def suggest_mapping(
    columns: Sequence[str], target: Target, sample: pd.DataFrame | None = None
) -> dict[str, str | None]:
    """Which of the user's columns feeds each field: ``{field: column or None}``.

    Headers are matched by meaning (accents, case, punctuation and filler words ignored),
    an exact synonym beating a contained one and a longer synonym a shorter one; each column
    feeds one field at most. With ``sample`` rows, a handle or platform column the headers
    did not reveal is recognised by its values.
    """
    synonyms = _header_synonyms(target)
    candidates: list[tuple[tuple[int, int], int, int, str, str]] = []
    for c_index, column in enumerate(columns):
        key = header_key(column)
        if not key:
            continue
        for f_index, f in enumerate(target.fields):
            best: tuple[int, int] | None = None
            for synonym in synonyms[f.name]:
                if key == synonym:
                    score = (3, len(synonym))
                elif f" {synonym} " in f" {key} ":
                    score = (2, len(synonym))
                else:
                    continue
                best = score if best is None or score > best else best
            if best is not None:
                candidates.append((best, -c_index, -f_index, column, f.name))
    mapping: dict[str, str | None] = {f.name: None for f in target.fields}
    used: set[str] = set()
    for _, _, _, column, name in sorted(candidates, reverse=True):
        if mapping[name] is None and column not in used:
            mapping[name] = column
            used.add(column)
    if sample is not None and len(sample):
        for f in target.fields:
            if mapping[f.name] is not None or f.kind not in ("handle", "code"):
                continue
            if f.kind == "code" and f.fallback is not _platform_fallback:
                continue
            column = _column_by_values(sample, f, exclude=used)
            if column is not None:
                mapping[f.name] = column
                used.add(column)
    return mapping


def _column_by_values(sample: pd.DataFrame, f: Field, exclude: set[str]) -> str | None:
    """The column whose values mostly read as this field's (handles with @, platform names)."""
    for column in sample.columns:
        if column in exclude:
            continue
        values = sample[column].dropna().head(50)
        if values.empty:
            continue
        text = _text_of(values)
        if f.kind == "handle":
            hits = text.str.match(r"@\S+$") | text.map(lambda v: _profile_url(v) is not None)
        else:
            codes = _parse_codes(values, f)
            hits = ~codes["invalid"] & ~codes["missing"]
        if hits.mean() >= 0.8:
            return str(column)
    return None


def unmapped_required(
    mapping: Mapping[str, str | None], target: Target, defaults: Mapping[str, Any] | None = None
) -> list[str]:
    """Required fields with neither a column nor a value for all rows (in field order)."""
    defaults = defaults or {}
    derived = dict(target.derived)
    missing = [
        n
        for n in target.required
        if not mapping.get(n)
        and defaults.get(n) in (None, "")
        and not (n in derived and mapping.get(derived[n]))
    ]
    for group in target.one_of:
        if not any(mapping.get(n) or defaults.get(n) for n in group):
            missing.append(group[0])
    return missing


# --- checking rows --------------------------------------------------------------------------


@dataclass(frozen=True)
class RowProblem:
    """Something wrong in one cell: where (the user's row and column), what, and its effect.

    ``severity`` is ``error`` (the row is not imported) or ``warning`` (the value is left
    empty, the row is imported). ``params`` may hold ``field_names`` (fields to name in the
    message) and ``codes_namespace`` with ``codes`` (allowed values to list by their labels).
    """

    row_number: int
    column: str
    value: str
    reason_key: str
    params: dict[str, Any] = field(default_factory=dict)
    severity: str = "error"
    field: str = ""

    def message(self, lang: str = "fr") -> str:
        """The reason in the user's language."""
        params = dict(self.params)
        if "field_names" in params:
            names = params.pop("field_names")
            params["fields"] = ", ".join(i18n.t(f"importer.field.{n}", lang) for n in names)
        if "codes" in params:
            namespace = params.pop("codes_namespace", "")
            labels = sorted(
                (i18n.label(namespace, c, lang) for c in params["codes"]), key=_ascii_lower
            )
            params["choices"] = ", ".join(labels)
            params.pop("codes")
        return i18n.t(self.reason_key, lang, **params)


_DUPLICATE_REASONS = frozenset(
    {
        "importer.reason.duplicate",
        "importer.reason.duplicate_account",
        "importer.reason.duplicate_post",
    }
)


@dataclass
class ImportResult:
    """What a mapped table gives: the valid rows, the problems found, and the counts."""

    target: str
    rows: list[dict[str, Any]]
    records: list[BaseModel]
    row_numbers: list[int]
    problems: list[RowProblem]
    total_rows: int

    @property
    def valid_count(self) -> int:
        """Rows that will be imported."""
        return len(self.rows)

    @property
    def rejected_count(self) -> int:
        """Rows not imported (an error in one of their cells, or a duplicate)."""
        return len({p.row_number for p in self.problems if p.severity == "error"})

    @property
    def duplicate_count(self) -> int:
        """Rows skipped because an earlier row holds the same item."""
        return sum(1 for p in self.problems if p.reason_key in _DUPLICATE_REASONS)

    @property
    def warning_count(self) -> int:
        """Values left empty in rows that are imported."""
        return sum(1 for p in self.problems if p.severity == "warning")

    def frame(self) -> pd.DataFrame:
        """The valid rows as a table, indexed by the user's row numbers."""
        return pd.DataFrame(self.rows, index=pd.Index(self.row_numbers, name="row"))


def _parse_codes(values: pd.Series, f: Field) -> pd.DataFrame:
    """A code column read once per distinct value: ``value`` (the code), ``missing``, ``invalid``."""
    series, positions, distinct = _distinct(values)
    lookup = f.codes() if f.codes else {}
    text = _text_of(distinct)
    keys = text.map(code_key)
    missing = text.str.lower().isin(MISSING_TOKENS)
    codes = keys.map(lookup)
    if f.fallback is not None:
        codes = pd.Series(
            [
                code if isinstance(code, str) or gone else f.fallback(key)
                for code, key, gone in zip(codes, keys, missing, strict=True)
            ],
            index=codes.index,
            dtype=object,
        )
    found = pd.DataFrame(
        {"value": codes.where(~missing), "missing": missing, "invalid": ~missing & codes.isna()},
        index=distinct.index,
    )
    return _spread(found, positions, series.index)


def parse_code(value: Any, f: Field) -> str | None:
    """One value of a code field as its code: ``"Insta"`` → ``instagram``, ``"n/a"`` → None.

    Raises :class:`UserError` ``importer.reason.unknown_code`` when nothing matches.
    """
    row = _parse_codes(pd.Series([value], dtype=object), f).iloc[0]
    if row["invalid"]:
        raise UserError("importer.reason.unknown_code")
    return None if row["missing"] else str(row["value"])


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


def _parse_field(
    values: pd.Series, f: Field, decimal: str | None, numbers: _NumberCells | None = None
) -> pd.DataFrame:
    """Parse one column for one field: ``value``, ``missing``, ``invalid``, ``scaled``."""
    if f.kind in ("number", "integer", "rate"):
        numbers = numbers or _NumberCells.of(values)
        parsed = numbers.read(decimal)
        return _as_rates(parsed, f.percent_scale) if f.kind == "rate" else parsed
    if f.kind == "date":
        return parse_dates(values)
    if f.kind == "code":
        return _parse_codes(values, f)
    if f.kind == "handle":
        series, positions, distinct = _distinct(values)
        pairs = [normalise_handle(v) for v in distinct]
        handle = pd.Series([p[0] for p in pairs], dtype=object)
        found = pd.DataFrame(
            {
                "value": handle,
                "missing": handle.isna(),
                "invalid": False,
                "platform": pd.Series([p[1] for p in pairs], dtype=object),
            }
        )
        return _spread(found, positions, series.index)
    text = _text_of(values)
    missing = text.str.lower().isin(MISSING_TOKENS)
    return pd.DataFrame(
        {"value": text.where(~missing), "missing": missing, "invalid": False}, index=values.index
    )


@dataclass
class _NumberCells:
    """A column of numbers split once: its distinct cells, their text parts and decimal votes."""

    index: pd.Index
    positions: np.ndarray
    distinct: pd.Series
    parts: pd.DataFrame
    votes: tuple[int, int]

    @classmethod
    def of(cls, values: pd.Series) -> _NumberCells:
        series, positions, distinct = _distinct(values)
        parts = _number_parts(_text_of(distinct[~_native_mask(distinct)]))
        return cls(series.index, positions, distinct, parts, _decimal_votes(parts["digits"]))

    def read(self, decimal: str | None) -> pd.DataFrame:
        return _spread(_numbers_of(self.distinct, decimal, self.parts), self.positions, self.index)


_INVALID_REASON = {
    "number": "importer.reason.not_a_number",
    "integer": "importer.reason.not_a_number",
    "rate": "importer.reason.not_a_number",
    "date": "importer.reason.not_a_date",
    "code": "importer.reason.unknown_code",
    "handle": "importer.reason.missing_required",
    "text": "importer.reason.missing_required",
}
_CODE_CHOICES_SHOWN = 12


class _Checker:
    """The problems of one table, and which rows and which fields have an error."""

    def __init__(self, raw: RawTable, target: Target, mapped: Mapping[str, str]) -> None:
        self.raw, self.target, self.mapped = raw, target, mapped
        self.derived = dict(target.derived)
        self.problems: list[RowProblem] = []
        self.row_error = np.zeros(len(raw.frame), dtype=bool)
        self.field_error = {f.name: np.zeros(len(raw.frame), dtype=bool) for f in target.fields}

    def column_of(self, name: str) -> str | None:
        """The user's column for a field, or for the field it is derived from."""
        return self.mapped.get(name) or self.mapped.get(self.derived.get(name, ""))

    def cell(self, name: str, index: int) -> str:
        """The cell as the user wrote it."""
        column = self.column_of(name)
        return _cell_text(self.raw.frame[column].iloc[index]) if column else ""

    def report(
        self, mask: Any, f: Field, reason: str, severity: str = "error", **params: Any
    ) -> None:
        """One problem for each row of ``mask``; an error keeps the row out of the import."""
        mask = np.asarray(mask, dtype=bool)
        column = self.column_of(f.name) or ""
        for index in np.flatnonzero(mask):
            self.problems.append(
                RowProblem(
                    self.raw.row_numbers[index],
                    column,
                    self.cell(f.name, index),
                    reason,
                    dict(params),
                    severity,
                    f.name,
                )
            )
        if severity == "error":
            self.row_error |= mask
            self.field_error[f.name] |= mask


def apply_mapping(
    raw: RawTable,
    mapping: Mapping[str, str | None],
    target: Target,
    defaults: Mapping[str, Any] | None = None,
) -> ImportResult:
    """Read every row through the mapping: the valid rows, and each problem where it is.

    ``defaults`` gives a value (already a code) for fields the file leaves empty, e.g. the
    platform of a list that has no platform column. A row with an error is not imported;
    an unknown optional code is left empty (a warning); a second row for the same item is
    a duplicate. Raises :class:`UserError` when a required field has no column.
    """
    defaults = dict(defaults or {})
    missing_fields = unmapped_required(mapping, target, defaults)
    if missing_fields:
        raise UserError("importer.error.unmapped", fields=", ".join(missing_fields))
    mapped = {
        f.name: mapping[f.name]
        for f in target.fields
        if mapping.get(f.name) is not None and mapping[f.name] in raw.frame.columns
    }
    checker = _Checker(raw, target, mapped)
    values = _read_columns(raw, target, checker)
    # A platform found in a profile link fills an empty platform cell; then the defaults.
    if "_link_platform" in values:
        link = values.pop("_link_platform")
        if "platform" in values:
            values["platform"] = values["platform"].where(values["platform"].notna(), link)
    for name, default in defaults.items():
        if name in values and default not in (None, ""):
            values[name] = values[name].where(values[name].notna(), default)
    for f in target.fields:
        if f.required:
            absent = values[f.name].isna().to_numpy() & ~checker.field_error[f.name]
            checker.report(absent, f, "importer.reason.missing_required", field_names=[f.name])
    for group in target.one_of:
        absent = np.logical_and.reduce([values[name].isna().to_numpy() for name in group])
        first = next((target.field(n) for n in group if n in mapped), target.field(group[0]))
        checker.report(absent, first, "importer.reason.one_of_missing", field_names=list(group))
    rows, records, numbers = _collect(raw, target, pd.DataFrame(values), checker)
    order = {f.name: i for i, f in enumerate(target.fields)}
    problems = sorted(
        checker.problems, key=lambda p: (p.row_number, order.get(p.field, len(order)))
    )
    return ImportResult(target.name, rows, records, numbers, problems, len(raw.frame))


_NUMBER_KINDS = ("number", "integer", "rate")


def _read_columns(raw: RawTable, target: Target, checker: _Checker) -> dict[str, pd.Series]:
    """Each field's values (None when missing or wrong), reporting what cannot be read."""
    n_rows = len(raw.frame)
    number_cells = {
        f.name: _NumberCells.of(raw.frame[checker.mapped[f.name]].reset_index(drop=True))
        for f in target.fields
        if f.kind in _NUMBER_KINDS and f.name in checker.mapped
    }
    votes = [cells.votes for cells in number_cells.values()]
    # A lone "1,234" is settled by its column, else by the whole file, else by the separator.
    file_hint = _mark_of((sum(v[0] for v in votes), sum(v[1] for v in votes))) or (
        "." if raw.separator == "," else None
    )
    values: dict[str, pd.Series] = {}
    for f in target.fields:
        if f.name not in checker.mapped:
            values[f.name] = pd.Series([None] * n_rows, dtype=object)
            continue
        column = raw.frame[checker.mapped[f.name]].reset_index(drop=True)
        cells = number_cells.get(f.name)
        hint = (_mark_of(cells.votes) or file_hint) if cells is not None else None
        parsed = _parse_field(column, f, hint, cells)
        ok = ~parsed["invalid"] & ~parsed["missing"]
        value = parsed["value"].astype(object).where(ok, None)
        if f.kind == "handle":
            values["_link_platform"] = parsed["platform"]
        if f.name == "platform" and parsed["invalid"].any():
            # A platform this version does not list is kept as "other", under the name given.
            unknown = parsed["invalid"]
            value = value.where(~unknown, "other")
            if "platform_name" in target.model.model_fields:
                names = _text_of(column).str.strip().str.slice(0, 60)
                values["platform_name"] = names.where(unknown, None).astype(object)
            parsed = parsed.assign(invalid=False)
        if f.kind == "code" and parsed["invalid"].any():
            choices = sorted(set((f.codes() if f.codes else {}).values()))
            params: dict[str, Any] = {}
            if len(choices) <= _CODE_CHOICES_SHOWN:
                params = {"codes": choices, "codes_namespace": f.code_namespace or ""}
            reason = "importer.reason.unknown_code" if params else "importer.reason.unknown_value"
            severity = "error" if f.required else "warning"
            checker.report(parsed["invalid"], f, reason, severity, **params)
        elif parsed["invalid"].any():
            checker.report(parsed["invalid"], f, _INVALID_REASON[f.kind])
        if f.kind in _NUMBER_KINDS:
            value = _check_range(parsed, value, f, checker)
        values[f.name] = value
    return values


def _check_range(parsed: pd.DataFrame, value: pd.Series, f: Field, checker: _Checker) -> pd.Series:
    """Report numbers below the minimum, above the maximum, or not whole when they must be."""
    number = pd.to_numeric(parsed["value"], errors="coerce")
    ok = ~parsed["invalid"] & ~parsed["missing"]
    if f.minimum is not None:
        below = ok & (number < f.minimum)
        reason = "importer.reason.negative" if f.minimum == 0 else "importer.reason.below_min"
        checker.report(below, f, reason, minimum=f.minimum)
        value = value.where(~below, None)
    if f.maximum is not None:
        above = ok & (number > f.maximum)
        reason = "importer.reason.above_one" if f.maximum == 1 else "importer.reason.above_max"
        checker.report(above, f, reason, maximum=f.maximum)
        value = value.where(~above, None)
    if f.kind == "integer":
        # "12,5 k" may give a fraction of a follower: round it; a bare "12,7" is an error.
        fractional = ok & ~parsed["scaled"] & ((number - number.round()).abs() > 1e-9)
        checker.report(fractional, f, "importer.reason.not_an_integer")
        value = value.where(~(ok & parsed["scaled"]), number.round())
    return value


def _collect(
    raw: RawTable, target: Target, table: pd.DataFrame, checker: _Checker
) -> tuple[list[dict[str, Any]], list[BaseModel], list[int]]:
    """The rows without error and not seen before, as dicts and as validated models."""
    if target.id_field == "influencer_id":
        ids = [
            imported_id(h, p) if isinstance(h, str) and isinstance(p, str) else None
            for h, p in zip(table["handle"], table["platform"], strict=True)
        ]
        table.insert(0, "influencer_id", ids)
    table = table.astype(object).where(table.notna(), None)
    names = list(table.columns)
    columns = [table[name].tolist() for name in names]
    rows: list[dict[str, Any]] = []
    records: list[BaseModel] = []
    numbers: list[int] = []
    first_seen: dict[tuple, int] = {}
    key_field = target.field(target.key_fields[-1]) if target.key_fields else None
    has_source = "source_file" in target.model.model_fields
    for index in range(len(table)):
        if checker.row_error[index]:
            continue
        number = raw.row_numbers[index]
        record = {name: column[index] for name, column in zip(names, columns, strict=True)}
        if key_field is not None:
            # The id already stands for the key fields (platform and handle, as compared).
            key = (
                (record[target.id_field],)
                if target.id_field
                else tuple(record[k] for k in target.key_fields)
            )
            if all(part not in (None, "") for part in key):
                if key in first_seen:
                    checker.report(
                        np.arange(len(table)) == index,
                        key_field,
                        target.duplicate_reason,
                        first_row=first_seen[key],
                    )
                    continue
                first_seen[key] = number
        if has_source:
            record["source_file"] = raw.filename
        try:
            model = target.model.model_validate({k: v for k, v in record.items() if v is not None})
        except ValidationError as err:
            detail = err.errors()[0]
            where = str(detail.get("loc", ("",))[0])
            f = next((f for f in target.fields if f.name == where), key_field or target.fields[0])
            checker.report(
                np.arange(len(table)) == index,
                f,
                "importer.reason.invalid",
                detail=str(detail.get("msg", ""))[:120],
            )
            continue
        rows.append(record)
        records.append(model)
        numbers.append(number)
    return rows, records, numbers


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


# --- merging into the plan ------------------------------------------------------------------


@dataclass(frozen=True)
class MergeReport:
    """What an import did to the plan: influencers added, updated, kept as they were, refused."""

    added: int = 0
    updated: int = 0
    skipped: int = 0
    over_limit: int = 0


def merge_imported(
    plan: Plan, records: Iterable[ImportedInfluencer | Mapping[str, Any]], update: bool = False
) -> MergeReport:
    """Add imported influencers to the plan, losing nothing already there.

    An influencer already in the plan (same id) is kept as it is, unless ``update`` is True:
    then the new file's non-empty values replace the old ones and the empty ones keep them.
    The shortlist is untouched. At most :data:`MAX_IMPORTED` imported influencers are kept.
    """
    merged = list(plan.imported_influencers)
    position = {entry.influencer_id: i for i, entry in enumerate(merged)}
    seen: set[str] = set()
    added = updated = skipped = over_limit = 0
    for record in records:
        incoming = (
            record
            if isinstance(record, ImportedInfluencer)
            else ImportedInfluencer.model_validate(dict(record))
        )
        if incoming.influencer_id in seen:
            skipped += 1
            continue
        seen.add(incoming.influencer_id)
        if incoming.influencer_id in position:
            index = position[incoming.influencer_id]
            old = merged[index]
            fresh = {k: v for k, v in incoming.model_dump().items() if v not in (None, "")}
            new = old.model_copy(update=fresh)
            new = ImportedInfluencer.model_validate(new.model_dump())
            if update and new != old:
                merged[index] = new
                updated += 1
            else:
                skipped += 1
        elif len(merged) >= MAX_IMPORTED:
            over_limit += 1
        else:
            position[incoming.influencer_id] = len(merged)
            merged.append(incoming)
            added += 1
    plan.imported_influencers = merged
    return MergeReport(added, updated, skipped, over_limit)


def already_imported(plan: Plan, records: Iterable[BaseModel]) -> int:
    """How many of these records are influencers the plan has imported already."""
    known = {entry.influencer_id for entry in plan.imported_influencers}
    return sum(1 for r in records if getattr(r, "influencer_id", None) in known)


def uses_of(plan: Plan, influencer_id: str) -> list[str]:
    """Parts of the plan that name this influencer (shortlist, deliverables, budget…)."""
    uses = []
    if plan.shortlist_entry(influencer_id) is not None:
        uses.append("shortlist")
    parts = {
        "deliverables": plan.deliverables,
        "budget_lines": plan.budget_lines,
        "remunerations": plan.remunerations,
        "results": plan.results,
        "channels": plan.communication.channels,
        "editorial_calendar": plan.communication.editorial_calendar,
    }
    for name, items in parts.items():
        if any(getattr(item, "influencer_id", None) == influencer_id for item in items):
            uses.append(name)
    return uses


def find_imported(plan: Plan, search: str = "") -> list[ImportedInfluencer]:
    """The plan's imported influencers whose handle, name or file contains ``search``."""
    needle = _ascii_lower(search or "").strip()
    return [
        entry
        for entry in plan.imported_influencers
        if not needle
        or needle in _ascii_lower(f"{entry.handle} {entry.display_name} {entry.source_file}")
    ]


def remove_imported(plan: Plan, influencer_id: str) -> bool:
    """Take one imported influencer out of the plan; False when it was not there."""
    kept = [e for e in plan.imported_influencers if e.influencer_id != influencer_id]
    changed = len(kept) != len(plan.imported_influencers)
    plan.imported_influencers = kept
    return changed


# --- tables for people ----------------------------------------------------------------------


def problems_frame(problems: Sequence[RowProblem], lang: str = "fr") -> pd.DataFrame:
    """The problems as a table to show or download: row, column, value, reason, effect."""
    headers = [
        i18n.t(f"importer.problems.{name}", lang)
        for name in ("row", "column", "value", "reason", "effect")
    ]
    return pd.DataFrame(
        [
            (
                p.row_number,
                p.column,
                p.value,
                p.message(lang),
                i18n.t(f"importer.effect.{p.severity}", lang),
            )
            for p in problems
        ],
        columns=headers,
    )


def display_value(value: Any, f: Field, lang: str = "fr") -> str:
    """A parsed value written for people: ``12 500``, ``4,5 %``, ``01/12/2026``, a label."""
    from influkit.text.formats import fmt_date, fmt_money, fmt_number, fmt_percent

    if value is None or _is_nan(value) or value == "":
        return ""
    if f.kind == "rate":
        # Show 3,25 % as read, not rounded to 3,2 %: a second decimal when the value has one.
        decimals = 1 if round(value * 100, 1) == round(value * 100, 2) else 2
        return fmt_percent(value, lang, decimals)
    if f.kind == "integer":
        return fmt_number(value, lang)
    if f.kind == "number":
        decimals = 0 if float(value).is_integer() else 2
        if f.unit == "eur":
            return fmt_money(value, lang, decimals)
        return fmt_number(value, lang, decimals)
    if f.kind == "date":
        return fmt_date(value, lang)
    if f.kind == "code":
        text = i18n.label(f.code_namespace or "", value, lang)
        if text == value and f.code_namespace == "data.country":
            from babel import Locale

            return Locale(i18n.normalize_language(lang)).territories.get(value, value)
        return text
    return str(value)


def preview_frame(
    result: ImportResult, target: Target, lang: str = "fr", n_rows: int = 20
) -> pd.DataFrame:
    """The first valid rows as read, written for people, with the fields' labels as headers."""
    shown = [f for f in target.fields if any(r.get(f.name) is not None for r in result.rows)]
    data = {
        f.label(lang): [display_value(r.get(f.name), f, lang) for r in result.rows[:n_rows]]
        for f in shown
    }
    return pd.DataFrame(data, index=pd.Index(result.row_numbers[:n_rows]))


_TEMPLATE_SAMPLE: dict[str, dict[str, Any]] = {
    "influencers": {
        "handle": "camille_exemple",
        "platform": "instagram",
        "followers": 12500,
        "display_name": "Camille Exemple",
        "niche": "beauty",
        "country": "FR",
        "city": "Lyon",
        "language": "fr",
        "following": 480,
        "posts_count": 615,
        "price_per_post_eur": 450,
        "engagement_rate": 0.045,
        "avg_likes": 520,
        "avg_comments": 38,
        "avg_views": 3400,
        "avg_reach": 4100,
        "audience_female_share": 0.72,
        "audience_age_13_17": 0.05,
        "audience_age_18_24": 0.31,
        "audience_age_25_34": 0.38,
        "audience_age_35_44": 0.17,
        "audience_age_45_plus": 0.09,
        "audience_top_country": "FR",
        "audience_top_country_share": 0.81,
        "audience_credibility": 0.86,
        "suspicious_followers_share": 0.09,
        "mass_followers_share": 0.05,
    },
    "results": {
        "post_ref": "https://www.instagram.com/p/EXEMPLE1/",
        "handle": "camille_exemple",
        "platform": "instagram",
        "published_on": dt.date(2027, 3, 2),
        "cost_eur_ht": 450,
        "revenue_eur": 1280,
        "impressions": 15200,
        "reach": 9800,
        "views": 7400,
        "engagements": 610,
        "clicks": 140,
        "conversions": 12,
    },
}


def template_frame(target: Target, lang: str = "fr") -> pd.DataFrame:
    """A one-row example table with the fields' labels as headers, written for ``lang``."""
    sample = _TEMPLATE_SAMPLE[target.name]
    return pd.DataFrame(
        {
            f.label(lang): [display_value(sample.get(f.name), f, lang)]
            for f in target.fields
            if f.name in sample
        }
    )


def template_csv(target: Target, lang: str = "fr") -> bytes:
    """The template as a CSV Excel opens well (French: ``;``, decimal commas, UTF-8 BOM)."""
    from influkit.exports.safe_files import to_csv_bytes

    return to_csv_bytes(template_frame(target, lang), lang)
