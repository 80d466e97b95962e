"""Retro-planning: working days skip French holidays, tasks land as late as the launch allows,
post-launch tasks follow it, the standard phases plan a campaign and the .ics file imports."""

import datetime as dt
import json
import random
import re

import holidays
import pandas as pd
import pytest

from influkit.errors import UserError
from influkit.operations.schedule.calendar import add_working_days, holidays_between, working_days
from influkit.operations.schedule.ics import to_ics
from influkit.operations.schedule.scheduler import (
    LEAD_TIME_IDEAL_MAX,
    SCHEDULE_COLUMNS,
    lead_time_check,
    phase_template,
    schedule,
)
from influkit.plan.model import Deliverable, Task
from influkit.text.i18n import has, t

from ..helpers import ROOT

D = dt.date.fromisoformat
LOCALES = ROOT / "influkit" / "text" / "locales"

# May 2026: Fri 1 and Fri 8 are holidays, Thu 14 is Ascension, Mon 25 Whit Monday.
# May 2027: Sat 1 and Sat 8 are holidays (weekends anyway), Thu 6 is Ascension, Mon 17 Whit Monday.
# April 2026: Fri 3 Good Friday (Moselle only), Mon 6 Easter Monday.


def tasks_of(*specs):
    """Tasks from compact specs: (id, duration, deps) or (id, duration, deps, unit)."""
    out = []
    for spec in specs:
        task_id, duration, deps, *unit = spec
        task = {
            "task_id": task_id,
            "name": task_id.upper(),
            "duration_days": duration,
            "depends_on": deps,
        }
        if unit:
            task["duration_unit"] = unit[0]
        out.append(task)
    return out


# --- calendars ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, end, calendar, expected",
    [
        ("2026-05-04", "2026-05-15", "FR", ["04", "05", "06", "07", "11", "12", "13", "15"]),
        (
            "2026-05-04",
            "2026-05-15",
            None,
            ["04", "05", "06", "07", "08", "11", "12", "13", "14", "15"],
        ),
        ("2026-05-04", "2026-05-15", "DE", ["04", "05", "06", "07", "08", "11", "12", "13", "15"]),
        ("2027-05-03", "2027-05-10", "FR", ["03", "04", "05", "07", "10"]),
        ("2026-05-25", "2026-05-31", "FR", ["26", "27", "28", "29"]),
        ("2026-05-15", "2026-05-04", "FR", []),
        ("2026-05-09", "2026-05-10", "FR", []),
    ],
)
def test_working_days_skip_weekends_and_holidays(start, end, calendar, expected):
    """Working days leave out Saturdays, Sundays and the calendar's public holidays."""
    month = start[:8]
    assert working_days(D(start), D(end), calendar) == [D(month + day) for day in expected]


@pytest.mark.parametrize(
    "calendar, expected",
    [
        ("FR", ["2026-04-01", "2026-04-02", "2026-04-03", "2026-04-07", "2026-04-08"]),
        ("FR-57", ["2026-04-01", "2026-04-02", "2026-04-07", "2026-04-08"]),
    ],
)
def test_moselle_also_takes_good_friday_off(calendar, expected):
    """In Moselle (FR-57) Good Friday is a holiday too."""
    assert working_days(D("2026-04-01"), D("2026-04-08"), calendar) == [D(x) for x in expected]


@pytest.mark.parametrize(
    "day, n, calendar, expected",
    [
        ("2026-05-13", 1, "FR", "2026-05-15"),
        ("2026-05-07", 1, "FR", "2026-05-11"),
        ("2026-05-07", 1, None, "2026-05-08"),
        ("2026-05-15", -1, "FR", "2026-05-13"),
        ("2026-05-11", -1, "FR", "2026-05-07"),
        ("2026-05-13", 0, "FR", "2026-05-13"),
        ("2026-05-16", 0, "FR", "2026-05-18"),
        ("2026-05-22", 2, "FR", "2026-05-27"),
        ("2027-05-05", 1, "FR", "2027-05-07"),
        ("2026-12-24", 1, "FR", "2026-12-28"),
        ("2026-05-04", 10, "FR", "2026-05-20"),
    ],
)
def test_add_working_days_counts_only_working_days(day, n, calendar, expected):
    """Adding n working days jumps over weekends and holidays; 0 stays on a working day."""
    assert add_working_days(D(day), n, calendar) == D(expected)


@pytest.mark.parametrize(
    "start, end, calendar, lang, expected",
    [
        (
            "2026-05-01",
            "2026-05-31",
            "FR",
            "fr",
            {
                "2026-05-01": "Fête du Travail",
                "2026-05-08": "Fête de la Victoire",
                "2026-05-14": "Ascension",
                "2026-05-25": "Lundi de Pentecôte",
            },
        ),
        (
            "2026-05-01",
            "2026-05-31",
            "FR",
            "en",
            {
                "2026-05-01": "Labor Day",
                "2026-05-08": "Victory Day",
                "2026-05-14": "Ascension Day",
                "2026-05-25": "Pentecost Monday",
            },
        ),
        (
            "2027-05-02",
            "2027-05-10",
            "FR",
            "fr",
            {"2027-05-06": "Ascension", "2027-05-08": "Fête de la Victoire"},
        ),
        ("2026-05-01", "2026-05-31", None, "fr", {}),
        # No French names in the German calendar: English ones instead.
        ("2026-10-01", "2026-10-31", "DE", "fr", {"2026-10-03": "German Unity Day"}),
    ],
)
def test_holidays_are_named_in_the_users_language(start, end, calendar, lang, expected):
    """The holidays of a period come with their French (or English) names."""
    found = holidays_between(D(start), D(end), calendar, lang=lang)
    assert found == {D(day): name for day, name in expected.items()}


# --- the scheduler: hand-checked calendars --------------------------------------------------

SCHEDULE_CASES = {
    # A chain finishing the day before a launch, across 8 May (Fri) and Ascension 2026.
    "chain_2026": (
        tasks_of(
            ("brief", 3, []),
            ("create", 5, ["brief"]),
            ("review", 2, ["create"]),
            ("go", 0, ["review"]),
        ),
        "2026-05-20",
        "FR",
        None,
        {
            "brief": ("2026-05-04", "2026-05-06", 0),
            "create": ("2026-05-07", "2026-05-15", 0),
            "review": ("2026-05-18", "2026-05-19", 0),
            "go": ("2026-05-20", "2026-05-20", 0),
        },
    ),
    # 2027: Ascension on Thu 6 May, 8 May a Saturday.
    "chain_2027": (
        tasks_of(("a", 4, []), ("b", 3, ["a"]), ("go", 0, ["b"])),
        "2027-05-12",
        "FR",
        None,
        {
            "a": ("2027-04-30", "2027-05-05", 0),
            "b": ("2027-05-07", "2027-05-11", 0),
            "go": ("2027-05-12", "2027-05-12", 0),
        },
    ),
    # A launch on Saturday 8 May 2027: before it ends Friday, after it starts Monday.
    "launch_on_saturday": (
        tasks_of(("x", 2, []), ("go", 0, ["x"]), ("p", 2, ["go"])),
        "2027-05-08",
        "FR",
        "go",
        {
            "x": ("2027-05-05", "2027-05-07", 0),
            "go": ("2027-05-08", "2027-05-08", 0),
            "p": ("2027-05-10", "2027-05-11", 0),
        },
    ),
    # A launch on Ascension 2026 (a holiday) stays on that day.
    "launch_on_ascension": (
        tasks_of(("x", 2, []), ("L", 0, ["x"]), ("p", 3, ["L"])),
        "2026-05-14",
        "FR",
        "L",
        {
            "x": ("2026-05-12", "2026-05-13", 0),
            "L": ("2026-05-14", "2026-05-14", 0),
            "p": ("2026-05-15", "2026-05-19", 0),
        },
    ),
    # Parallel branches: B (2 days) beside C (10 days) has 8 days of slack; E, a loose end with
    # no successor, ends the day before the launch and could start 13 days earlier.
    "parallel_branches": (
        tasks_of(
            ("A", 5, []),
            ("B", 2, ["A"]),
            ("C", 10, ["A"]),
            ("D", 1, ["B", "C"]),
            ("E", 3, []),
            ("go", 0, ["D"]),
        ),
        "2026-06-01",
        "FR",
        None,
        {
            "A": ("2026-05-05", "2026-05-12", 0),
            "B": ("2026-05-27", "2026-05-28", 8),
            "C": ("2026-05-13", "2026-05-28", 0),
            "D": ("2026-05-29", "2026-05-29", 0),
            "E": ("2026-05-27", "2026-05-29", 13),
            "go": ("2026-06-01", "2026-06-01", 0),
        },
    ),
    # After the launch: publication, 10 calendar days live (ends on a Sunday), reporting after
    # Whit Monday; the survey beside them can slip 7 days.
    "post_launch": (
        tasks_of(
            ("prep", 2, []),
            ("L", 0, ["prep"]),
            ("pub", 3, ["L"]),
            ("live", 10, ["pub"], "calendar"),
            ("report", 2, ["live"]),
            ("survey", 4, ["L"]),
        ),
        "2026-05-07",
        "FR",
        "L",
        {
            "prep": ("2026-05-05", "2026-05-06", 0),
            "L": ("2026-05-07", "2026-05-07", 0),
            "pub": ("2026-05-11", "2026-05-13", 0),
            "live": ("2026-05-15", "2026-05-24", 0),
            "report": ("2026-05-26", "2026-05-27", 0),
            "survey": ("2026-05-11", "2026-05-15", 7),
        },
    ),
    # An explicit launch task; m1 is a milestone on its own day; kick, a loose milestone,
    # falls the day before the launch.
    "explicit_launch_task": (
        tasks_of(
            ("a", 2, []),
            ("m1", 0, ["a"]),
            ("b", 3, ["m1"]),
            ("go", 0, ["b"]),
            ("kick", 0, []),
            ("c", 2, ["go"]),
        ),
        "2027-05-12",
        "FR",
        "go",
        {
            "a": ("2027-05-03", "2027-05-04", 0),
            "m1": ("2027-05-05", "2027-05-05", 0),
            "b": ("2027-05-07", "2027-05-11", 0),
            "go": ("2027-05-12", "2027-05-12", 0),
            "kick": ("2027-05-11", "2027-05-11", 5),
            "c": ("2027-05-13", "2027-05-14", 0),
        },
    ),
    # Two milestones without successors: both are launches, on the launch date.
    "two_launch_milestones": (
        tasks_of(("x", 2, []), ("m1", 0, ["x"]), ("y", 1, []), ("m2", 0, ["y"])),
        "2026-05-20",
        "FR",
        None,
        {
            "x": ("2026-05-18", "2026-05-19", 0),
            "m1": ("2026-05-20", "2026-05-20", 0),
            "y": ("2026-05-19", "2026-05-19", 1),
            "m2": ("2026-05-20", "2026-05-20", 0),
        },
    ),
    # No milestone without a successor: the task named "launch" is the launch.
    "launch_id_fallback": (
        tasks_of(("prep", 2, []), ("launch", 0, ["prep"]), ("pub", 2, ["launch"])),
        "2026-05-20",
        "FR",
        None,
        {
            "prep": ("2026-05-18", "2026-05-19", 0),
            "launch": ("2026-05-20", "2026-05-20", 0),
            "pub": ("2026-05-21", "2026-05-22", 0),
        },
    ),
    # A calendar-day task before a Monday launch may end on the Sunday.
    "calendar_days_before_launch": (
        tasks_of(("shoot", 5, [], "calendar"), ("go", 0, ["shoot"])),
        "2026-05-18",
        "FR",
        None,
        {"shoot": ("2026-05-13", "2026-05-17", 0), "go": ("2026-05-18", "2026-05-18", 0)},
    ),
    "weekends_only": (
        tasks_of(("x", 5, []), ("go", 0, ["x"])),
        "2026-05-11",
        None,
        None,
        {"x": ("2026-05-04", "2026-05-08", 0), "go": ("2026-05-11", "2026-05-11", 0)},
    ),
    "french_holidays": (
        tasks_of(("x", 5, []), ("go", 0, ["x"])),
        "2026-05-11",
        "FR",
        None,
        {"x": ("2026-04-30", "2026-05-07", 0), "go": ("2026-05-11", "2026-05-11", 0)},
    ),
    "german_holidays": (
        tasks_of(("x", 5, []), ("go", 0, ["x"])),
        "2026-05-11",
        "DE",
        None,
        {"x": ("2026-05-04", "2026-05-08", 0), "go": ("2026-05-11", "2026-05-11", 0)},
    ),
    "moselle_good_friday": (
        tasks_of(("x", 3, []), ("go", 0, ["x"])),
        "2026-04-08",
        "FR-57",
        None,
        {"x": ("2026-04-01", "2026-04-07", 0), "go": ("2026-04-08", "2026-04-08", 0)},
    ),
}


@pytest.mark.parametrize(
    "tasks, launch, calendar, launch_task, expected",
    list(SCHEDULE_CASES.values()),
    ids=list(SCHEDULE_CASES),
)
def test_schedule_places_tasks_around_the_launch(tasks, launch, calendar, launch_task, expected):
    """Each task gets the start, end and slack worked out by hand on the calendar."""
    plan = schedule(tasks, D(launch), calendar=calendar, launch_task=launch_task)
    got = {
        row.task_id: (row.start.isoformat(), row.end.isoformat(), row.slack_days)
        for row in plan.itertuples()
    }
    assert got == expected
    assert (plan["critical"] == (plan["slack_days"] == 0)).all()
    assert (plan["milestone"] == (plan["duration_days"] == 0)).all()


def test_schedule_flags_launch_and_post_launch_tasks():
    """The launch row is flagged, the tasks after it are flagged, the rest are not."""
    tasks, launch, calendar, launch_task, _ = SCHEDULE_CASES["post_launch"]
    plan = schedule(tasks, D(launch), calendar, launch_task).set_index("task_id")
    assert plan["launch"][plan["launch"]].index.tolist() == ["L"]
    assert plan["after_launch"][plan["after_launch"]].index.tolist() == [
        "pub",
        "live",
        "report",
        "survey",
    ]
    assert list(schedule(tasks, D(launch), calendar, launch_task).columns) == list(SCHEDULE_COLUMNS)
    assert isinstance(plan.loc["pub", "start"], dt.date)


def test_schedule_accepts_tables_objects_and_comma_separated_dependencies():
    """A DataFrame with "a, b" dependencies, plan tasks and dicts give the same plan."""
    tasks, launch, *_ = SCHEDULE_CASES["parallel_branches"]
    as_dicts = schedule(tasks, D(launch))
    frame = pd.DataFrame([{**task, "depends_on": ", ".join(task["depends_on"])} for task in tasks])
    objects = [Task(**task) for task in tasks]
    for other in (
        schedule(frame, D(launch)),
        schedule(objects, D(launch)),
        schedule(tasks, "2026-06-01"),
        schedule(tasks, pd.Timestamp("2026-06-01")),
    ):
        pd.testing.assert_frame_equal(other, as_dicts)


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tasks, kwargs, key, params",
    [
        (
            tasks_of(("a", 1, ["c"]), ("b", 1, ["a"]), ("c", 1, ["b"]), ("go", 0, ["c"])),
            {},
            "retroplan.error_cycle",
            None,
        ),
        (
            tasks_of(("a", 1, ["a"]), ("go", 0, ["a"])),
            {},
            "retroplan.error_cycle",
            {"tasks": "A → A"},
        ),
        (
            tasks_of(("a", 1, ["zz"]), ("go", 0, ["a"])),
            {},
            "retroplan.error_unknown_dependency",
            {"task": "A", "dependency": "zz"},
        ),
        (
            tasks_of(("a", 1, []), ("a", 2, []), ("go", 0, ["a"])),
            {},
            "retroplan.error_duplicate_id",
            {"tasks": "a"},
        ),
        (
            tasks_of(("a", -1, []), ("go", 0, ["a"])),
            {},
            "retroplan.error_duration",
            {"task": "A", "value": "-1"},
        ),
        (
            tasks_of(("a", 1.5, []), ("go", 0, ["a"])),
            {},
            "retroplan.error_duration",
            {"task": "A", "value": "1.5"},
        ),
        (
            tasks_of(("a", "abc", []), ("go", 0, ["a"])),
            {},
            "retroplan.error_duration",
            {"task": "A", "value": "abc"},
        ),
        (
            tasks_of(("a", None, []), ("go", 0, ["a"])),
            {},
            "retroplan.error_duration",
            {"task": "A", "value": "None"},
        ),
        (
            tasks_of(("a", True, []), ("go", 0, ["a"])),
            {},
            "retroplan.error_duration",
            {"task": "A", "value": "True"},
        ),
        (
            tasks_of(("a", 1, [], "weeks"), ("go", 0, ["a"])),
            {},
            "retroplan.error_duration_unit",
            {"task": "A", "value": "weeks"},
        ),
        (
            [{"task_id": "a", "duration_days": 1}, {"name": "no id", "duration_days": 0}],
            {},
            "retroplan.error_missing_id",
            {"row": 2},
        ),
        (tasks_of(("a", 2, [])), {}, "retroplan.error_no_launch", {}),
        (
            tasks_of(("a", 2, []), ("go", 0, ["a"])),
            {"launch_task": "zz"},
            "retroplan.error_unknown_launch_task",
            {"task": "zz"},
        ),
        (
            tasks_of(("a", 2, []), ("go", 0, ["a"])),
            {"launch_task": "a"},
            "retroplan.error_launch_not_milestone",
            {"task": "a"},
        ),
        (
            tasks_of(("a", 2, []), ("go", 0, ["a"])),
            {"calendar": "ZZ"},
            "retroplan.error_calendar",
            {"calendar": "ZZ"},
        ),
        (
            tasks_of(("a", 2, []), ("go", 0, ["a"])),
            {"launch": "not a date"},
            "retroplan.error_launch_date",
            {"value": "not a date"},
        ),
        (
            tasks_of(("a", 10_000_000, []), ("go", 0, ["a"])),
            {},
            "retroplan.error_plan_too_long",
            None,
        ),
    ],
)
def test_schedule_errors_name_what_to_fix(tasks, kwargs, key, params):
    """Impossible plans raise a clear message that names the tasks at fault, in both languages."""
    # A task is named in messages as the trainee wrote it (tasks_of names "a" as "A").
    kwargs = {"launch": D("2026-05-20"), **kwargs}
    with pytest.raises(UserError) as caught:
        schedule(tasks, **kwargs)
    error = caught.value
    assert error.key == key
    if params is not None:
        assert error.params == params
    for lang in ("fr", "en"):
        assert has(key, lang)
        assert "{" not in error.message(lang)


def test_cycle_error_lists_every_task_of_the_loop():
    """A loop a → b → c → a is reported with its three tasks by name, and nothing else."""
    tasks = tasks_of(
        ("a", 1, ["c"]), ("b", 1, ["a"]), ("c", 1, ["b"]), ("d", 1, []), ("go", 0, ["d"])
    )
    with pytest.raises(UserError) as caught:
        schedule(tasks, D("2026-05-20"))
    assert set(caught.value.params["tasks"].split(" → ")) == {"A", "B", "C"}


@pytest.mark.parametrize("tasks", [[], None, pd.DataFrame(columns=["task_id", "duration_days"])])
def test_an_empty_plan_schedules_to_an_empty_table(tasks):
    """No tasks yet: the schedule is an empty table with the usual columns, not an error."""
    plan = schedule(tasks, D("2026-05-20"))
    assert plan.empty
    assert list(plan.columns) == list(SCHEDULE_COLUMNS)


# --- the scheduler against a day-by-day reference -------------------------------------------


def _reference(tasks, launch, launch_id):
    """Start, end and slack by walking the calendar one day at a time."""
    closed = set(holidays.France(years=range(launch.year - 2, launch.year + 3)))
    one = dt.timedelta(days=1)

    def working(day):
        return day.weekday() < 5 and day not in closed

    def on_or_before(day):
        while not working(day):
            day -= one
        return day

    def on_or_after(day):
        while not working(day):
            day += one
        return day

    def back(end, n):
        for _ in range(n):
            end = on_or_before(end - one)
        return end

    def forward(start, n):
        for _ in range(n):
            start = on_or_after(start + one)
        return start

    def count(a, b):
        n = 0
        while a < b:
            n += working(a)
            a += one
        return n

    def span(task):
        return max(task["duration_days"], 1) - 1

    def place_before(task, deadline):
        if task.get("duration_unit") == "calendar" and task["duration_days"]:
            start = on_or_before(deadline - dt.timedelta(days=task["duration_days"]))
            return start, start + dt.timedelta(days=task["duration_days"] - 1)
        end = on_or_before(deadline - one)
        return back(end, span(task)), end

    def place_after(task, start):
        if task.get("duration_unit") == "calendar" and task["duration_days"]:
            return start, start + dt.timedelta(days=task["duration_days"] - 1)
        return start, forward(start, span(task))

    ids = [task["task_id"] for task in tasks]
    by_id = dict(zip(ids, tasks, strict=True))
    succ = {i: [x["task_id"] for x in tasks if i in x["depends_on"]] for i in ids}
    post, stack = set(), list(succ[launch_id])
    while stack:
        i = stack.pop()
        if i not in post:
            post.add(i)
            stack += succ[i]
    pre = [i for i in ids if i not in post and i != launch_id]
    late, early = {}, {}
    for i in reversed(pre):
        starts = [late[j][0] for j in succ[i] if j in late]
        late[i] = place_before(by_id[i], min(starts, default=launch))
    first = min((late[i][0] for i in pre), default=launch)
    for i in pre:
        start = max([first, *(on_or_after(early[p][1] + one) for p in by_id[i]["depends_on"])])
        early[i] = place_after(by_id[i], start)
    for i in ids:
        if i in post:
            ends = [early[p][1] for p in by_id[i]["depends_on"] if p in post]
            start = on_or_after(max([launch, *ends]) + one)
            early[i] = place_after(by_id[i], start)
    last = max((early[i][1] for i in post), default=launch)
    for i in reversed(ids):
        if i in post:
            starts = [late[j][0] for j in succ[i]]
            late[i] = place_before(by_id[i], min([last + one, *starts]))
    out = {launch_id: (launch, launch, 0)}
    for i in pre:
        out[i] = (*late[i], count(early[i][0], late[i][0]))
    for i in post:
        out[i] = (*early[i], count(early[i][0], late[i][0]))
    return out


@pytest.mark.parametrize("seed", range(30))
def test_schedule_matches_a_day_by_day_walk(seed):
    """On random plans, the fast scheduler agrees with walking the calendar day by day."""
    rng = random.Random(seed)
    n = rng.randint(4, 14)
    tasks = []
    for i in range(n):
        deps = sorted({f"t{rng.randrange(i)}" for _ in range(rng.randint(0, 3))}) if i else []
        unit = "calendar" if rng.random() < 0.2 else "working"
        duration = rng.randint(1, 12) if unit == "calendar" else rng.randint(0, 6)
        tasks.append(
            {
                "task_id": f"t{i}",
                "duration_days": duration,
                "depends_on": deps,
                "duration_unit": unit,
            }
        )
    launch_id = f"t{rng.randrange(n)}"
    tasks[int(launch_id[1:])]["duration_days"] = 0
    launch = D("2026-04-20") + dt.timedelta(days=rng.randrange(400))
    plan = schedule(tasks, launch, "FR", launch_id)
    got = {row.task_id: (row.start, row.end, row.slack_days) for row in plan.itertuples()}
    assert got == _reference(tasks, launch, launch_id)


def test_two_thousand_tasks_schedule_with_post_launch_ones():
    """A 2 000-task plan (a tenth of it after the launch) is scheduled, post-launch tasks included."""
    rng = random.Random(7)
    tasks = [{"task_id": "t0", "duration_days": 3, "depends_on": []}]
    for i in range(1, 2000):
        deps = sorted({f"t{rng.randrange(max(0, i - 50), i)}" for _ in range(rng.randint(1, 3))})
        tasks.append(
            {
                "task_id": f"t{i}",
                "duration_days": rng.randint(0, 5),
                "depends_on": deps,
                "duration_unit": "calendar" if rng.random() < 0.05 else "working",
            }
        )
    tasks[1800] = {
        "task_id": "t1800",
        "duration_days": 0,
        "depends_on": [f"t{i}" for i in range(1800)],
    }
    plan = schedule(tasks, D("2026-09-01"), launch_task="t1800")
    assert plan["after_launch"].sum() > 0


# --- the standard phases --------------------------------------------------------------------

DELIVERABLES = [
    {
        "deliverable_id": "d1",
        "influencer_id": "lea",
        "platform": "instagram",
        "format": "reel",
        "count": 2,
    },
    Deliverable(deliverable_id="d2", influencer_id="zoe", platform="tiktok", format="video"),
]


@pytest.mark.parametrize(
    "launch",
    [
        "2026-05-14",
        "2026-05-08",
        "2027-05-06",
        "2027-05-08",
        "2026-07-14",
        "2026-12-25",
        "2027-01-04",
        "2026-11-20",
    ],
)
@pytest.mark.parametrize("gifting", [True, False])
@pytest.mark.parametrize("deliverables", [[], DELIVERABLES], ids=["common", "per_deliverable"])
def test_phase_template_schedules_for_any_launch_date(launch, gifting, deliverables):
    """The standard phases plan a campaign whatever the launch date: 44 working days before it,
    the launch on the date itself, publication, 30 days live and reporting after it."""
    tasks = phase_template(D(launch), deliverables, gifting=gifting)
    plan = schedule(tasks, D(launch))
    pre = plan[~plan["after_launch"] & ~plan["launch"]]
    post = plan[plan["after_launch"]]
    assert plan.loc[plan["launch"], "start"].tolist() == [D(launch)]
    assert (pre["end"] < D(launch)).all()
    assert (post["start"] > D(launch)).all()
    assert len(working_days(pre["start"].min(), D(launch) - dt.timedelta(days=1))) == 44
    assert set(post["phase"]) == {"publication", "live", "reporting"}
    for task in tasks:
        assert set(task) >= {
            "task_id",
            "name",
            "phase",
            "duration_days",
            "depends_on",
            "deliverable_id",
        }
        assert isinstance(task["depends_on"], list)
        assert task["name"] and not task["name"].startswith("retroplan.")


def test_phase_template_by_hand_for_ascension_2026():
    """Launching on Ascension 2026 with gifting: every phase lands on the hand-checked days."""
    plan = schedule(phase_template(D("2026-05-14")), D("2026-05-14")).set_index("task_id")
    expected = {
        "discovery": ("2026-03-10", "2026-03-19", 0),
        "outreach": ("2026-03-20", "2026-03-31", 0),
        "brief": ("2026-04-01", "2026-04-15", 0),
        "shipping": ("2026-04-09", "2026-04-15", 5),
        "creation": ("2026-04-16", "2026-04-29", 0),
        "review": ("2026-04-30", "2026-05-06", 0),
        "edits": ("2026-05-07", "2026-05-13", 0),
        "launch": ("2026-05-14", "2026-05-14", 0),
        "publication": ("2026-05-15", "2026-05-27", 1),
        "live": ("2026-05-28", "2026-06-26", 1),
        "reporting": ("2026-06-29", "2026-07-02", 0),
    }
    got = {i: (r.start.isoformat(), r.end.isoformat(), r.slack_days) for i, r in plan.iterrows()}
    assert got == expected


@pytest.mark.parametrize(
    "kwargs, task_id, field, expected",
    [
        ({}, "shipping", "depends_on", ["outreach"]),
        ({}, "creation", "depends_on", ["brief", "shipping"]),
        ({"gifting": False}, "creation", "depends_on", ["brief"]),
        ({}, "live", "duration_unit", "calendar"),
        ({}, "live", "duration_days", 30),
        ({"live_in_calendar_days": False}, "live", "duration_days", 22),
        ({"live_in_calendar_days": False}, "live", "duration_unit", "working"),
        ({"live_in_calendar_days": False, "durations": {"live": 25}}, "live", "duration_days", 25),
        ({"durations": {"discovery": 5}}, "discovery", "duration_days", 5),
        ({}, "discovery", "name", "Repérage et vérification des influenceurs"),
        ({"lang": "en"}, "discovery", "name", "Influencer discovery and vetting"),
        ({"deliverables": DELIVERABLES}, "d1-creation", "depends_on", ["brief", "shipping"]),
        ({"deliverables": DELIVERABLES}, "d1-review", "depends_on", ["d1-creation"]),
        ({"deliverables": DELIVERABLES}, "launch", "depends_on", ["d1-edits", "d2-edits"]),
        ({"deliverables": DELIVERABLES}, "d2-publication", "depends_on", ["launch"]),
        (
            {"deliverables": DELIVERABLES},
            "live",
            "depends_on",
            ["d1-publication", "d2-publication"],
        ),
        ({"deliverables": DELIVERABLES}, "d2-edits", "deliverable_id", "d2"),
        (
            {"deliverables": DELIVERABLES},
            "d1-creation",
            "name",
            "Création du contenu — lea · Instagram · Reel ×2",
        ),
        (
            {"deliverables": [{"deliverable_id": "d9", "name": "Reel de Noël"}]},
            "d9-publication",
            "name",
            "Publication — Reel de Noël",
        ),
    ],
)
def test_phase_template_chains_the_phases(kwargs, task_id, field, expected):
    """Phases wait for the right ones; deliverables get their own chain between brief and launch."""
    tasks = {task["task_id"]: task for task in phase_template(D("2026-05-14"), **kwargs)}
    assert tasks[task_id][field] == expected


@pytest.mark.parametrize(
    "kwargs, absent",
    [
        ({"gifting": False}, {"shipping"}),
        ({"deliverables": DELIVERABLES}, {"creation", "review", "edits", "publication"}),
    ],
)
def test_phase_template_leaves_out_what_does_not_apply(kwargs, absent):
    """No gifting, no shipping; with deliverables, their own tasks replace the common ones."""
    ids = {task["task_id"] for task in phase_template(D("2026-05-14"), **kwargs)}
    assert not ids & absent


@pytest.mark.parametrize(
    "durations", [{"discovery": -1}, {"discovery": 2.5}, {"unknown_phase": 3}, {"launch": 2}]
)
def test_phase_template_refuses_bad_durations(durations):
    """A negative or fractional duration, an unknown phase or a launch that lasts is refused."""
    with pytest.raises(UserError) as caught:
        phase_template(D("2026-05-14"), durations=durations)
    assert caught.value.key == "retroplan.error_duration"


# --- lead time ------------------------------------------------------------------------------


def single_task_plan(days, launch="2026-09-01"):
    return schedule(tasks_of(("work", days, []), ("go", 0, ["work"])), D(launch))


@pytest.mark.parametrize(
    "days, today, launch, expected",
    [
        (15, "2026-01-05", "2026-09-01", [("error", "retroplan.lead_too_short")]),
        (19, "2026-01-05", "2026-09-01", [("error", "retroplan.lead_too_short")]),
        (20, "2026-01-05", "2026-09-01", [("warning", "retroplan.lead_tradeoffs")]),
        (29, "2026-01-05", "2026-09-01", [("warning", "retroplan.lead_tradeoffs")]),
        (30, "2026-01-05", "2026-09-01", [("ok", "retroplan.lead_ok")]),
        (49, "2026-01-05", "2026-09-01", [("ok", "retroplan.lead_ok")]),
        (50, "2026-01-05", "2026-09-01", [("ok", "retroplan.lead_ideal")]),
        (LEAD_TIME_IDEAL_MAX, "2026-01-05", "2026-09-01", [("ok", "retroplan.lead_ideal")]),
        (61, "2026-01-05", "2026-09-01", [("ok", "retroplan.lead_long")]),
        (
            30,
            "2026-07-23",
            "2026-09-01",
            [("error", "retroplan.lead_past"), ("ok", "retroplan.lead_ok")],
        ),
        (
            30,
            "2026-09-02",
            "2026-09-01",
            [("error", "retroplan.lead_launch_past"), ("ok", "retroplan.lead_ok")],
        ),
        (
            30,
            "2026-01-05",
            "2026-12-10",
            [("ok", "retroplan.lead_ok"), ("warning", "retroplan.lead_seasonal")],
        ),
        (70, "2026-01-05", "2026-12-10", [("ok", "retroplan.lead_long")]),
    ],
)
def test_lead_time_findings(days, today, launch, expected):
    """Too little time before the launch, a start in the past or a late Christmas campaign is
    flagged; 6 to 12 weeks is fine."""
    findings = lead_time_check(single_task_plan(days, launch), D(today), "fr")
    assert [(f["level"], f["key"]) for f in findings] == expected
    for finding in findings:
        assert "{" not in finding["message"] and finding["message"] != finding["key"]


@pytest.mark.parametrize(
    "days, launch, first_start",
    [
        (30, "2026-09-01", "2026-07-21"),
        (70, "2026-12-10", "2026-09-02"),
    ],
)
def test_lead_time_counts_working_days_from_the_first_start(days, launch, first_start):
    """The lead time is the working days from the first task's start to the eve of the launch."""
    lead = lead_time_check(single_task_plan(days, launch), D("2026-01-05"))[-1]
    assert lead["params"]["working_days"] == days
    assert lead["params"]["first_start"] == D(first_start)


def test_lead_time_past_start_says_how_late():
    """Starting 21 July when it is already 23 July is two working days late."""
    finding = lead_time_check(single_task_plan(30), D("2026-07-23"))[0]
    assert finding["params"]["working_days"] == 2
    assert "21/07/2026" in finding["message"]


@pytest.mark.parametrize("lang, text", [("fr", "8,8 semaines"), ("en", "8.8 weeks")])
def test_lead_time_messages_read_in_the_users_language(lang, text):
    """The message formats the numbers the user's way."""
    assert text in lead_time_check(single_task_plan(44), D("2026-01-05"), lang)[0]["message"]


def test_lead_time_of_an_empty_plan_has_no_findings():
    """Nothing planned yet, nothing to say."""
    assert lead_time_check(schedule([], D("2026-09-01")), D("2026-01-05")) == []


# --- iCalendar ------------------------------------------------------------------------------


def parse_ics(data):
    """Unfold an .ics file and read it back as (name, params, value) with TEXT unescaped."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    for physical in data.split(b"\r\n"):
        assert len(physical) <= 75
        physical.decode("utf-8")  # folding never splits a character
    lines = text.replace("\r\n ", "").split("\r\n")[:-1]
    out = []
    for line in lines:
        head, value = re.match(r"^([^:]*):(.*)$", line).groups()
        name, *params = head.split(";")
        value = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)
        out.append((name, params, value))
    return out


def events_of(parsed):
    events, current = [], None
    for name, params, value in parsed:
        if (name, value) == ("BEGIN", "VEVENT"):
            current = {}
        elif (name, value) == ("END", "VEVENT"):
            events.append(current)
            current = None
        elif current is not None:
            current[name] = (params, value)
    return events


STAMP = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


def test_ics_is_a_publishable_calendar_of_the_milestones():
    """The file is an RFC 5545 calendar with one all-day event per milestone."""
    tasks, launch, calendar, launch_task, _ = SCHEDULE_CASES["explicit_launch_task"]
    plan = schedule(tasks, D(launch), calendar, launch_task)
    parsed = parse_ics(to_ics(plan, "Noël 2027", "fr", dtstamp=STAMP))
    assert parsed[0] == ("BEGIN", [], "VCALENDAR") and parsed[-1] == ("END", [], "VCALENDAR")
    header = {name: value for name, _, value in parsed[:7]}
    assert header["VERSION"] == "2.0"
    assert header["CALSCALE"] == "GREGORIAN"
    assert header["METHOD"] == "PUBLISH"
    assert header["PRODID"].startswith("-//influkit//")
    events = events_of(parsed)
    assert [e["SUMMARY"][1] for e in events] == ["M1", "KICK", "GO"]
    go = events[-1]
    assert go["DTSTART"] == (["VALUE=DATE"], "20270512")
    assert go["DTEND"] == (["VALUE=DATE"], "20270513")
    assert go["DTSTAMP"][1] == "20260302T093000Z"
    assert "Noël 2027" in go["DESCRIPTION"][1]
    assert all(e["UID"][1].endswith("@influkit") for e in events)
    assert len({e["UID"][1] for e in events}) == len(events)


def test_ics_of_every_task_ends_the_day_after_the_last_one():
    """All tasks exported: an all-day event's end is exclusive, the day after the task's end."""
    tasks, launch, calendar, launch_task, _ = SCHEDULE_CASES["chain_2026"]
    plan = schedule(tasks, D(launch), calendar, launch_task)
    events = events_of(parse_ics(to_ics(plan, "Plan", "en", milestones_only=False)))
    got = [(e["SUMMARY"][1], e["DTSTART"][1], e["DTEND"][1]) for e in events]
    assert got == [
        ("BRIEF", "20260504", "20260507"),
        ("CREATE", "20260507", "20260516"),
        ("REVIEW", "20260518", "20260520"),
        ("GO", "20260520", "20260521"),
    ]
    assert "Phase" in events[0]["DESCRIPTION"][1] and "working days" in events[0]["DESCRIPTION"][1]


@pytest.mark.parametrize(
    "name",
    [
        "Réunion, bilan; «final» \\ fin\nligne 2",
        "é" * 120,
        "Lancement de la collection printemps–été avec les ambassadrices 🎉 " * 3,
        "a,b;c\\d\r\ne",
    ],
)
def test_ics_escapes_and_folds_text(name):
    """Commas, semicolons, backslashes and newlines are escaped; long lines fold at 75 octets
    without cutting a character, and read back to the same text."""
    tasks = [{"task_id": "go", "name": name, "duration_days": 0, "depends_on": []}]
    data = to_ics(schedule(tasks, D("2026-05-20")), f"Plan {name}", "fr", dtstamp=STAMP)
    event = events_of(parse_ics(data))[0]
    assert event["SUMMARY"][1] == name.replace("\r\n", "\n")
    assert f"Plan {name}".replace("\r\n", "\n") in event["DESCRIPTION"][1]


def test_ics_uids_are_stable_and_tied_to_the_plan():
    """Exporting twice gives the same UIDs (calendars update, not duplicate); another plan
    gives other UIDs."""
    tasks, launch, *_ = SCHEDULE_CASES["two_launch_milestones"]
    plan = schedule(tasks, D(launch))

    def uids(title, stamp):
        return [e["UID"][1] for e in events_of(parse_ics(to_ics(plan, title, dtstamp=stamp)))]

    assert uids("A", STAMP) == uids("A", STAMP + dt.timedelta(days=3))
    assert not set(uids("A", STAMP)) & set(uids("B", STAMP))


def test_ics_without_milestones_is_refused():
    """A plan with no milestone to export says so instead of writing an empty calendar."""
    for plan in (
        schedule([], D("2026-05-20")),
        schedule(tasks_of(("x", 1, []), ("go", 0, ["x"])), D("2026-05-20"))[:1],
    ):
        with pytest.raises(UserError) as caught:
            to_ics(plan, "Plan")
        assert caught.value.key == "retroplan.error_ics_empty"


# --- catalogue ------------------------------------------------------------------------------


def _keys(data, prefix=""):
    out = set()
    for key, value in data.items():
        out |= _keys(value, f"{prefix}{key}.") if isinstance(value, dict) else {prefix + key}
    return out


def test_retroplan_messages_exist_in_french_and_english():
    """Every retro-planning message has a French and an English text."""
    fr, en = (
        json.loads((LOCALES / lang / "retroplan.json").read_text("utf-8")) for lang in ("fr", "en")
    )
    assert _keys(fr) == _keys(en)
    assert t("retroplan.phase.launch", "fr") == "Lancement"
