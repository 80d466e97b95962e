"""Tables for people: filtering a dataset, and writing it as CSV or XLSX safely.

Text a user or a dataset holds is never written so that a spreadsheet would run it: in XLSX
such text is stored with the text type; in CSV, a cell starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is prefixed with an apostrophe (OWASP's advice against
CSV injection).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Mapping

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: Characters an XLSX file cannot hold (control characters but tab and new lines, lone
#: surrogates): openpyxl refuses them, so they are dropped from a downloaded table.
_NOT_IN_XLSX = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
#: Characters a sheet name cannot hold.
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula."""
    return isinstance(text, str) and text.startswith(FORMULA_TRIGGERS)


def neutralise(text: object) -> object:
    """Prefix formula-like text with an apostrophe so spreadsheets show it as text."""
    if isinstance(text, str) and is_formula_like(text):
        return "'" + text
    return text


def filter_frame(
    frame: pd.DataFrame, *, search: str = "", conditions: Mapping[str, object] | None = None
) -> pd.DataFrame:
    """Rows of ``frame`` matching a text search and per-column conditions.

    A condition is a list of accepted values, or a ``(low, high)`` pair for numbers and dates
    (inclusive). An empty list means no filter on that column.
    """
    mask = pd.Series(True, index=frame.index)
    for column, condition in (conditions or {}).items():
        if column not in frame.columns or condition is None:
            continue
        series = frame[column]
        if isinstance(condition, tuple) and len(condition) == 2:
            low, high = condition
            if pd.api.types.is_datetime64_any_dtype(series):
                low, high = pd.Timestamp(low), pd.Timestamp(high) + pd.Timedelta(days=1)
                mask &= (series >= low) & (series < high)
            else:
                mask &= series.between(low, high)
        elif isinstance(condition, list | set) and len(condition) > 0:
            values = {str(v) for v in condition}
            mask &= series.astype(str).isin(values)
    search = (search or "").strip().lower()
    if search:
        text_columns = [
            c
            for c in frame.columns
            if pd.api.types.is_object_dtype(frame[c]) or pd.api.types.is_string_dtype(frame[c])
        ]
        hit = pd.Series(False, index=frame.index)
        for column in text_columns:
            hit |= frame[column].astype(str).str.lower().str.contains(search, regex=False, na=False)
        mask &= hit
    return frame.loc[mask]


def to_csv_bytes(frame: pd.DataFrame, lang: str = "fr") -> bytes:
    """CSV that Excel opens well: in French ``;`` and decimal commas, UTF-8 with BOM."""
    safe = frame.copy()
    for column in safe.columns:
        if pd.api.types.is_object_dtype(safe[column]) or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    if lang == "fr":
        text = safe.to_csv(
            index=False, sep=";", decimal=",", lineterminator="\r\n", date_format="%d/%m/%Y %H:%M"
        )
    else:
        text = safe.to_csv(index=False, lineterminator="\r\n", date_format="%Y-%m-%d %H:%M")
    return text.encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet_name: str = "data") -> bytes:
    """An XLSX workbook of one sheet with a frozen header; text always stays text."""
    workbook = Workbook(write_only=True)
    title = _NOT_IN_SHEET_NAME.sub(" ", xlsx_text(sheet_name)).strip(" '")[:31]
    sheet = workbook.create_sheet(title=title or "data")
    sheet.freeze_panes = "A2"
    for index, column in enumerate(frame.columns, start=1):
        width = min(max(len(str(column)), 10) + 2, 50)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append([text_cell(sheet, xlsx_text(str(c))) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        sheet.append([_xlsx_value(sheet, v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_text(text: str) -> str:
    """Text without the characters an XLSX file cannot hold (a file's ``\x0b``, say)."""
    return _NOT_IN_XLSX.sub("", text) if _NOT_IN_XLSX.search(text) else text


def text_cell(sheet, text: str) -> WriteOnlyCell:
    """A write-only cell that holds ``text`` as text, even when it starts with ``=``."""
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    return cell


def _xlsx_value(sheet, value: object) -> object:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.to_pydatetime()
    if isinstance(value, str):
        value = xlsx_text(value)
        # openpyxl writes any string starting with "=" as a formula: force the text type.
        return text_cell(sheet, value) if is_formula_like(value) else value
    if hasattr(value, "item"):  # numpy scalars
        return _xlsx_value(sheet, value.item())
    if isinstance(value, dt.date | dt.datetime | int | float | bool):
        return value
    return str(value)
