"""Reading a CSV or XLSX file into a :class:`RawTable`: encoding, separator, title lines
above the header, the rows as the user numbers them in their spreadsheet, within the limits of
:mod:`influkit.data.limits`.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

import pandas as pd
from openpyxl.utils import get_column_letter

from influkit.data import limits
from influkit.data.importer.parse import (
    ExcelPercent,
    _cell_text,
    _is_native_number,
    parse_dates,
    parse_numbers,
)
from influkit.errors import UserError
from influkit.text import i18n
from influkit.text.formats import fmt_number

MAX_BYTES = limits.TABLE_BYTES.value


MAX_ROWS = limits.TABLE_ROWS.value


_PREAMBLE_ROWS = 20  # title lines a file may hold above its header


SEPARATORS: tuple[str, ...] = (";", ",", "\t", "|")


SEPARATOR_NAMES: dict[str, str] = {";": "semicolon", ",": "comma", "\t": "tab", "|": "pipe"}


TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv", ".tab", ".dat", ".xlsx", ".xlsm", ""})


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


def file_summary(raw: RawTable, lang: str = "fr") -> str:
    """How the file was read, in one sentence: the sheet (a workbook) or the encoding and the
    separator (a CSV), the header's row, and how many rows and columns."""
    lang = i18n.normalize_language(lang)
    details = {
        "header_row": fmt_number(raw.header_row, lang),
        "rows": fmt_number(len(raw.frame), lang),
        "columns": fmt_number(len(raw.columns), lang),
    }
    if raw.kind == "xlsx":
        return i18n.t("importer.detected_xlsx", lang, sheet=raw.sheet, **details)
    encoding = i18n.t(f"importer.encoding.{raw.encoding.replace('-', '_')}", lang)
    separator = i18n.t(f"importer.separator.{SEPARATOR_NAMES[raw.separator]}", lang)
    return i18n.t("importer.detected_csv", lang, encoding=encoding, separator=separator, **details)
