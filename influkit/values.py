"""What a cell holds: a usable number, nothing at all, or a finite figure.

Plans, data files and tables hand the domain ``None``, ``NaN``, ``pd.NA``, blank strings,
numpy scalars and numbers typed as text; every module reads them through these three
functions so that "missing" and "not a number" mean the same thing everywhere.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd


def as_number(value: Any, default: float | None = math.nan) -> float | None:
    """``value`` as a finite float, or ``default`` when it is missing, not a number or infinite.

    Numbers written as text in Python's notation (``"3.5"``) count; ``True`` reads 1.
    """
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return default
    return number if math.isfinite(number) else default


def is_missing(value: Any) -> bool:
    """Whether a cell holds nothing: ``None``, a blank string, ``NaN``, ``pd.NA`` or ``NaT``."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return pd.api.types.is_scalar(value) and bool(pd.isna(value))


def is_finite(value: Any) -> bool:
    """Whether ``value`` reads as a finite number (missing, text and infinity do not)."""
    return not math.isnan(as_number(value))
