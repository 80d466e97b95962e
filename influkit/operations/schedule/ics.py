"""The retro-planning as an iCalendar file (RFC 5545): the plan's milestones, or every task, as
all-day events that Outlook and Google Calendar import. The ``icalendar`` package writes the
file (escaping, folding at 75 octets, CRLF); this module says what goes in it.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

import icalendar
import pandas as pd

from influkit import __version__
from influkit.errors import UserError
from influkit.operations.schedule.calendar import as_date
from influkit.operations.schedule.scheduler import SCHEDULE_COLUMNS, WORKING
from influkit.text.formats import fmt_date
from influkit.text.i18n import label, normalize_language, t
from influkit.values import is_missing

# Control characters other than tab and newline have no place in a calendar's text.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _text(value: Any) -> icalendar.vText:
    """A TEXT value: newlines kept (as ``\\n`` once written), control characters dropped."""
    text = "" if is_missing(value) else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return icalendar.vText(_CONTROLS.sub("", text))


def _uid(plan_title: str, task_id: str) -> str:
    """The same task of the same plan keeps its UID, so a second import updates the events."""
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, f'influkit:{plan_title}:{task_id}')}@influkit"


def _description(row: dict[str, Any], title: str, lang: str) -> str:
    start, end = row["start"], row["end"]
    if row.get("milestone"):
        text = t(
            "retroplan.ics.description_milestone", lang, plan=title, date=fmt_date(start, lang)
        )
    else:
        unit = WORKING if is_missing(row.get("duration_unit")) else row["duration_unit"]
        phase_label = (
            "" if is_missing(row.get("phase")) else label("retroplan.phase", row["phase"], lang)
        )
        text = t(
            "retroplan.ics.description_task",
            lang,
            plan=title,
            phase=phase_label or "—",
            duration=int(row["duration_days"]),
            unit=t(f"retroplan.unit.{unit}", lang),
            start=fmt_date(start, lang),
            end=fmt_date(end, lang),
        )
    if row.get("critical") and not row.get("launch"):
        text += "\n" + t("retroplan.ics.critical", lang)
    return text


def to_ics(
    scheduled_df: pd.DataFrame,
    plan_title: str,
    lang: str = "fr",
    *,
    milestones_only: bool = True,
    dtstamp: dt.datetime | None = None,
) -> bytes:
    """An iCalendar file (RFC 5545) of the plan's milestones, or of every task, as all-day
    events that Outlook and Google Calendar import."""
    lang = normalize_language(lang)
    frame = scheduled_df if scheduled_df is not None else pd.DataFrame(columns=SCHEDULE_COLUMNS)
    if milestones_only and not frame.empty:
        frame = frame[frame["milestone"].astype(bool)]
    if frame.empty:
        raise UserError("retroplan.error_ics_empty")
    stamp = (dtstamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    title = str(plan_title or "")
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", f"-//influkit//Retroplanning {__version__}//{lang.upper()}")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _text(title))
    events = [
        {**row, "start": as_date(row["start"]), "end": as_date(row["end"])}
        for row in frame.to_dict("records")
    ]
    for row in sorted(events, key=lambda r: (r["start"], r["end"])):
        task_id = str(row["task_id"])
        name = "" if is_missing(row.get("name")) else str(row["name"])
        event = icalendar.Event()
        event.add("uid", _uid(title, task_id))
        event.add("dtstamp", stamp)
        event.add("dtstart", row["start"])
        # An all-day event's end is exclusive: the day after the task's last day.
        event.add("dtend", row["end"] + dt.timedelta(days=1))
        event.add("summary", _text(name or task_id))
        event.add("description", _text(_description(row, title, lang)))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
