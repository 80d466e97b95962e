"""influkit.values: one reading of what a cell holds, shared by every module."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from influkit.values import as_number, is_finite, is_missing

NAN = math.nan

# value, as_number, is_missing, is_finite
TABLE = [
    (None, NAN, True, False),
    (NAN, NAN, True, False),
    (np.nan, NAN, True, False),
    (pd.NA, NAN, True, False),
    (pd.NaT, NAN, True, False),
    ("", NAN, True, False),
    ("   ", NAN, True, False),
    ("abc", NAN, False, False),
    ("3.5", 3.5, False, True),
    (" 12 ", 12.0, False, True),
    ("3,5", NAN, False, False),
    ("nan", NAN, False, False),
    ("inf", NAN, False, False),
    (0, 0.0, False, True),
    (-4, -4.0, False, True),
    (2.5, 2.5, False, True),
    (True, 1.0, False, True),
    (math.inf, NAN, False, False),
    (-math.inf, NAN, False, False),
    (np.int64(7), 7.0, False, True),
    (np.float32(1.5), 1.5, False, True),
    (np.float64(np.nan), NAN, True, False),
    (np.float64(np.inf), NAN, False, False),
    (Decimal("1.25"), 1.25, False, True),
    (10**400, NAN, False, False),
    (dt.date(2026, 1, 1), NAN, False, False),
    ([1, 2], NAN, False, False),
]


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


@pytest.mark.parametrize(("value", "number", "missing", "finite"), TABLE)
def test_as_number(value, number, missing, finite):
    """A cell reads as its finite number, and anything else as 'not a number'."""
    assert _same(as_number(value), number)


@pytest.mark.parametrize(("value", "number", "missing", "finite"), TABLE)
def test_is_missing(value, number, missing, finite):
    """An empty cell, a blank text, NaN, pd.NA or NaT counts as nothing entered."""
    assert is_missing(value) is missing


@pytest.mark.parametrize(("value", "number", "missing", "finite"), TABLE)
def test_is_finite(value, number, missing, finite):
    """Only a cell that reads as a finite number counts as a figure."""
    assert is_finite(value) is finite


@pytest.mark.parametrize("default", [None, 0.0, -1.0])
def test_as_number_gives_the_callers_default(default):
    """A module that wants None (or 0) for 'no number' gets it, and a real number is untouched."""
    assert as_number("x", default) == default
    assert as_number(None, default) == default
    assert as_number(4, default) == 4.0
