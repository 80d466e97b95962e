"""Working-day calendars (DOMAIN §7): weekends and public holidays (French by default, with the
``holidays`` package), counting and adding working days, and naming the holidays of a period.

A calendar is a country code (``"FR"``), optionally with a subdivision (``"FR-57"``, Moselle);
None means weekends only. Working days are kept as day numbers since 1970 so the scheduler can
search them with numpy.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

import holidays as holidays_lib
import numpy as np
import pandas as pd

from influkit.errors import UserError
from influkit.text.i18n import normalize_language

DEFAULT_CALENDAR = "FR"

# A generous floor of working days per year (weekends + up to ~25 holidays), to size calendars.
_MIN_WORKING_DAYS_PER_YEAR = 200
# A plan needing more years of calendar on either side of the launch is a typing mistake.
_MAX_PLAN_YEARS = 200
_EPOCH = dt.date(1970, 1, 1)
_DEFAULT_WEEKEND = frozenset({5, 6})


def _calendar_key(calendar: str | None) -> tuple[str, str | None] | None:
    """``"FR"`` → ``("FR", None)``, ``"FR-57"`` → ``("FR", "57")``, None → None (weekends only)."""
    if calendar is None or (isinstance(calendar, str) and not calendar.strip()):
        return None
    country, _, subdiv = str(calendar).strip().partition("-")
    return country.upper(), (subdiv or None)


def _country(key: tuple[str, str | None], years: Any = None, language: str | None = None):
    try:
        return holidays_lib.country_holidays(key[0], subdiv=key[1], years=years, language=language)
    except NotImplementedError as exc:
        code = key[0] + (f"-{key[1]}" if key[1] else "")
        raise UserError("retroplan.error_calendar", calendar=code) from exc


@lru_cache(maxsize=64)
def _holiday_language(key: tuple[str, str | None], lang: str) -> str | None:
    """The holidays package's language closest to ``lang``: itself, a variant, English, default."""
    supported = tuple(_country(key).supported_languages)
    for wanted in (lang, "en_US", "en_GB", "en"):
        for code in supported:
            if code == wanted or code.split("_")[0] == wanted:
                return code
    return None


@lru_cache(maxsize=1024)
def _year_holidays(key: tuple[str, str | None], year: int, language: str | None) -> dict:
    return dict(_country(key, years=year, language=language).items())


@lru_cache(maxsize=1024)
def _year_working_days(key: tuple[str, str | None] | None, year: int) -> np.ndarray:
    """The working days of one year, as sorted ``datetime64[D]``."""
    days = np.arange(
        np.datetime64(f"{year:04d}-01-01"),
        np.datetime64(f"{year + 1:04d}-01-01"),
        dtype="datetime64[D]",
    )
    weekend = _DEFAULT_WEEKEND if key is None else frozenset(_country(key).weekend)
    # 1970-01-01, day 0 of datetime64, was a Thursday (weekday 3).
    weekday = (days.astype("int64") + 3) % 7
    keep = ~np.isin(weekday, sorted(weekend))
    if key is not None:
        closed = np.array(sorted(_year_holidays(key, year, None)), dtype="datetime64[D]")
        keep &= ~np.isin(days, closed)
    out = days[keep]
    out.setflags(write=False)
    return out


@lru_cache(maxsize=64)
def _working_day_array(key: tuple[str, str | None] | None, first: int, last: int) -> np.ndarray:
    """The working days of years ``first``..``last`` as day numbers since 1970 (int64)."""
    out = np.concatenate([_year_working_days(key, y) for y in range(first, last + 1)])
    out = out.astype("int64")
    out.setflags(write=False)
    return out


def day_number(day: dt.date) -> int:
    """The day's number since 1 January 1970, as the working-day arrays count."""
    return (day - _EPOCH).days


def _day(ordinal: int) -> dt.date:
    return _EPOCH + dt.timedelta(days=int(ordinal))


def dates_of(ordinals: np.ndarray) -> np.ndarray:
    """Day numbers since 1970 as an object array of ``datetime.date``."""
    return (np.datetime64(_EPOCH, "D") + ordinals.astype("timedelta64[D]")).astype(object)


def working_day_numbers(calendar: str | None, around: dt.date, reach_days: int) -> np.ndarray:
    """Working days covering ``reach_days`` working days on both sides of ``around``."""
    margin = reach_days // _MIN_WORKING_DAYS_PER_YEAR + 2
    first, last = around.year - margin, around.year + margin
    if margin > _MAX_PLAN_YEARS or first < 1 or last > 9998:
        raise UserError("retroplan.error_plan_too_long", years=margin)
    return _working_day_array(_calendar_key(calendar), first, last)


def as_date(value: Any, key: str = "retroplan.error_date") -> dt.date:
    """A date from a date, datetime, Timestamp, numpy datetime64 or ISO string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise UserError(key, value=str(value)) from exc
    if pd.isna(stamp):
        raise UserError(key, value=str(value))
    return stamp.date()


def working_days(start: Any, end: Any, calendar: str | None = DEFAULT_CALENDAR) -> list[dt.date]:
    """The working days from ``start`` to ``end``, both included (empty when end < start)."""
    first, last = as_date(start), as_date(end)
    if last < first:
        return []
    days = _working_day_array(_calendar_key(calendar), first.year, last.year)
    lo = np.searchsorted(days, day_number(first), side="left")
    hi = np.searchsorted(days, day_number(last), side="right")
    return dates_of(days[lo:hi]).tolist()


def add_working_days(day: Any, n: int, calendar: str | None = DEFAULT_CALENDAR) -> dt.date:
    """The ``n``-th working day after ``day`` (before it when n < 0); n = 0 gives ``day`` if it
    is a working day, else the next one."""
    origin = as_date(day)
    days = working_day_numbers(calendar, origin, abs(int(n)))
    at = day_number(origin)
    if n > 0:
        index = np.searchsorted(days, at, side="right") + n - 1
    elif n < 0:
        index = np.searchsorted(days, at, side="left") + n
    else:
        index = np.searchsorted(days, at, side="left")
    return _day(days[index])


def holidays_between(
    start: Any, end: Any, calendar: str | None = DEFAULT_CALENDAR, lang: str = "fr"
) -> dict[dt.date, str]:
    """The public holidays from ``start`` to ``end`` (included) with their names in ``lang``
    (English when the calendar has no such language); empty for ``calendar=None``."""
    first, last = as_date(start), as_date(end)
    key = _calendar_key(calendar)
    if key is None or last < first:
        return {}
    language = _holiday_language(key, normalize_language(lang))
    found: dict[dt.date, str] = {}
    for year in range(first.year, last.year + 1):
        for day, name in _year_holidays(key, year, language).items():
            if first <= day <= last:
                found[day] = name
    return dict(sorted(found.items()))
