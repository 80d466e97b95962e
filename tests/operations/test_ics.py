"""The retro-planning's .ics file reads back in a calendar application as it was planned."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from influkit.operations.schedule.ics import to_ics
from influkit.operations.schedule.scheduler import phase_template, schedule

LAUNCH = dt.date(2026, 11, 16)
STAMP = dt.datetime(2026, 9, 1, 8, 0, tzinfo=dt.UTC)


def _calendar(name: str, title: str = "Noël", **options) -> icalendar.Calendar:
    tasks = [{"task_id": "go", "name": name, "duration_days": 0, "depends_on": []}]
    data = to_ics(schedule(tasks, LAUNCH), title, "fr", dtstamp=STAMP, **options)
    return icalendar.Calendar.from_ical(data)


@pytest.mark.parametrize(
    ("name", "read_back"),
    [
        ("Lancement", "Lancement"),
        ("Réunion, bilan; «final» \\ fin", "Réunion, bilan; «final» \\ fin"),
        ("ligne 1\r\nligne 2\rligne 3", "ligne 1\nligne 2\nligne 3"),
        ("bip\x07 tab\tok", "bip tab\tok"),
        ("🎉 " * 60, "🎉 " * 60),
    ],
)
def test_a_calendar_application_reads_the_task_name_back(name, read_back):
    """Whatever a trainee typed (commas, quotes, emoji, several lines), the event shows it."""
    event = _calendar(name).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == read_back


def test_the_calendar_is_named_after_the_plan():
    """The imported calendar carries the plan's title, commas and all."""
    tasks = [{"task_id": "go", "name": "Go", "duration_days": 0, "depends_on": []}]
    data = to_ics(schedule(tasks, LAUNCH), "Noël, été; 2026", "fr", dtstamp=STAMP)
    assert "X-WR-CALNAME:Noël\\, été\\; 2026\r\n" in data.decode("utf-8")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_phase_becomes_an_all_day_event(lang):
    """Exporting every task gives one all-day event per task, ending the day after it ends."""
    plan = schedule(phase_template(LAUNCH, lang=lang), LAUNCH)
    data = to_ics(plan, "Plan", lang, milestones_only=False, dtstamp=STAMP)
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == len(plan)
    for event in events:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and end > start
        assert event.decoded("DTSTAMP") == STAMP
