"""Writing cells: values that stay values (user text never becomes a formula), formulas the
toolkit builds, references between sheets."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import quote_sheetname

from influkit.exports.safe_files import is_formula_like


def ref(sheet: str, cell: str) -> str:
    """A reference to ``cell`` on another sheet, the sheet's name quoted when it must be."""
    return f"{quote_sheetname(sheet)}!{cell}"


def _clean(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def put(cell, value: Any) -> None:
    """Write a value; a string always stays text, even when it starts like a formula."""
    if isinstance(value, str):
        text = _clean(value)
        cell.value = text
        if is_formula_like(text):
            cell.data_type = "s"
        return
    if isinstance(value, float) and not math.isfinite(value):
        cell.value = None
        return
    if isinstance(value, pd.Timestamp):
        value = None if pd.isna(value) else value.to_pydatetime()
    elif hasattr(value, "item") and not isinstance(value, dt.date):
        value = value.item()  # numpy scalars
    cell.value = value


def formula(cell, text: str) -> None:
    """Write a formula the toolkit built (never user text)."""
    cell.value = text


def formula_text(text: str) -> str:
    """A string literal inside a formula."""
    return '"' + text.replace('"', '""') + '"'
