"""Retro-planning (DOMAIN §7): the backward scheduler, the standard phases and lead-time checks.
Working days come from :mod:`.calendar`; the .ics export is :mod:`.ics`.

Conventions, in one place:

- Durations are working days (weekends and the calendar's public holidays skipped) unless a task
  says ``duration_unit="calendar"``: it then lasts that many consecutive calendar days, starts on
  a working day and may end on any day (``content live 30 days`` = the 30 calendar days after
  the publication window during which the content must stay online).
- ``start`` and ``end`` are inclusive; a successor starts on the first working day after its
  predecessor's end (finish-to-start).
- A milestone (duration 0) has ``start == end`` = the day it occurs: the first working day after
  its predecessors end; its successors start the working day after it, like any task. The launch
  milestone sits on the launch date even when that is not a working day; the tasks before it end
  on the last working day strictly before it, the tasks after it start on the first working day
  strictly after it.
- The launch milestone is ``launch_task`` or, when None, every milestone without a successor
  (or, when there is none, the milestone whose id is :data:`LAUNCH_TASK_ID`, as in
  :func:`phase_template`). Every task that does not follow the launch is placed backwards, as late
  as possible; a task without a successor ends on the last working day before the launch. Tasks
  that follow the launch (directly or not) are placed forwards, as early as possible.
- ``slack_days`` is in working days: for a pre-launch task, how much earlier it could start
  without moving the plan's first day; for a post-launch task, how much later it could start
  without moving the plan's last day. Critical tasks have no slack.
"""

from __future__ import annotations

import datetime as dt
import graphlib
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from numbers import Integral, Real
from typing import Any

import numpy as np
import pandas as pd

from influkit.errors import UserError
from influkit.operations.schedule.calendar import (
    DEFAULT_CALENDAR,
    as_date,
    dates_of,
    day_number,
    working_day_numbers,
    working_days,
)
from influkit.text.formats import fmt_date, fmt_number
from influkit.text.i18n import label, normalize_language, t
from influkit.values import is_missing

# --- vocabulary -----------------------------------------------------------------------------

#: The id of the launch milestone in :func:`phase_template`; :func:`schedule` falls back on it.
LAUNCH_TASK_ID = "launch"
WORKING = "working"
CALENDAR_DAYS = "calendar"
DURATION_UNITS: tuple[str, ...] = (WORKING, CALENDAR_DAYS)
#: Columns of :func:`schedule`'s result, in order.
SCHEDULE_COLUMNS: tuple[str, ...] = (
    "task_id",
    "name",
    "duration_days",
    "start",
    "end",
    "slack_days",
    "critical",
    "milestone",
    "after_launch",
    "launch",
    "phase",
    "deliverable_id",
    "duration_unit",
    "depends_on",
)

#: The standard phases (DOMAIN §7) in order: default duration, unit, (min, max) range where
#: DOMAIN gives one, and the phases they wait for. "shipping" only exists when gifting.
PHASES: dict[str, dict[str, Any]] = {
    "discovery": {"duration": 8, "unit": WORKING, "range": (5, 10), "after": ()},
    "outreach": {"duration": 8, "unit": WORKING, "range": (5, 10), "after": ("discovery",)},
    "brief": {"duration": 10, "unit": WORKING, "range": (8, 12), "after": ("outreach",)},
    "shipping": {"duration": 5, "unit": WORKING, "range": None, "after": ("outreach",)},
    "creation": {"duration": 10, "unit": WORKING, "range": (5, 15), "after": ("brief", "shipping")},
    "review": {"duration": 4, "unit": WORKING, "range": (3, 5), "after": ("creation",)},
    "edits": {"duration": 4, "unit": WORKING, "range": (3, 5), "after": ("review",)},
    LAUNCH_TASK_ID: {"duration": 0, "unit": WORKING, "range": None, "after": ("edits",)},
    "publication": {"duration": 8, "unit": WORKING, "range": (5, 10), "after": (LAUNCH_TASK_ID,)},
    "live": {"duration": 30, "unit": CALENDAR_DAYS, "range": None, "after": ("publication",)},
    "reporting": {"duration": 4, "unit": WORKING, "range": (3, 5), "after": ("live",)},
}
#: The phases repeated for every deliverable when :func:`phase_template` is given deliverables.
DELIVERABLE_PHASES: tuple[str, ...] = ("creation", "review", "edits", "publication")
#: "Content live 30 calendar days" expressed in working days, for plans without calendar units.
LIVE_WORKING_DAYS = 22

#: Lead-time bands in working days from the first start to the launch (DOMAIN §7: under 4 weeks
#: too short, under 6 trade-offs, 6–10 weeks fine, 10–12 ideal).
LEAD_TIME_TOO_SHORT = 20
LEAD_TIME_TRADEOFFS = 30
LEAD_TIME_IDEAL = 50
LEAD_TIME_IDEAL_MAX = 60
#: Seasonal launches (November, December: Christmas) should be under way by the end of September.
SEASONAL_MONTHS: tuple[int, ...] = (11, 12)
SEASONAL_START_BY = (9, 30)


# --- tasks ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Task:
    task_id: str
    name: str
    duration: int
    unit: str
    depends_on: tuple[str, ...]
    phase: str
    deliverable_id: str | None


def _field(record: Any, name: str) -> Any:
    if isinstance(record, Mapping):
        return record.get(name)
    return getattr(record, name, None)


def _as_id(value: Any) -> str | None:
    """An id as text; ``3.0`` (an integer read back from a table) reads ``"3"``."""
    if is_missing(value):
        return None
    if isinstance(value, Real) and not isinstance(value, bool) and float(value).is_integer():
        return str(int(value))
    return str(value).strip()


def _as_duration(value: Any) -> int | None:
    """A whole, non-negative number of days, or None when ``value`` is not one."""
    if isinstance(value, bool) or is_missing(value):
        return None
    if isinstance(value, str):
        text = value.strip()
        return int(text) if text.isdigit() else None
    whole = isinstance(value, Integral) or (
        isinstance(value, Real) and math.isfinite(value) and float(value).is_integer()
    )
    return int(value) if whole and value >= 0 else None


def _as_dependencies(value: Any) -> tuple[str, ...]:
    """Task ids from a list (or tuple, set, array) or a comma-separated string, deduplicated."""
    if isinstance(value, str):
        items: Iterable[Any] = value.split(",")
    elif isinstance(value, Iterable) and not isinstance(value, Mapping):
        items = value
    elif is_missing(value):
        items = ()
    else:
        items = (value,)
    ids = (_as_id(item) for item in items)
    return tuple(dict.fromkeys(i for i in ids if i))


def _records(tasks: Any) -> list[Any]:
    if tasks is None:
        return []
    if isinstance(tasks, pd.DataFrame):
        return tasks.to_dict("records")
    return list(tasks)


def _read_tasks(tasks: Any) -> list[_Task]:
    """Validated tasks: ids present and unique, durations whole and ≥ 0, known units and ids."""
    out: list[_Task] = []
    for row, record in enumerate(_records(tasks), start=1):
        task_id = _as_id(_field(record, "task_id"))
        if not task_id:
            raise UserError("retroplan.error_missing_id", row=row)
        name, phase = _field(record, "name"), _field(record, "phase")
        name = "" if is_missing(name) else str(name)
        # Messages name the task as the trainee wrote it; the id only when it has no name.
        called = name.strip() or task_id
        raw = _field(record, "duration_days")
        duration = _as_duration(raw)
        if duration is None:
            raise UserError("retroplan.error_duration", task=called, value=str(raw))
        unit = _field(record, "duration_unit")
        unit = WORKING if is_missing(unit) else str(unit).strip().lower()
        if unit not in DURATION_UNITS:
            raise UserError("retroplan.error_duration_unit", task=called, value=unit)
        out.append(
            _Task(
                task_id=task_id,
                name=name,
                duration=duration,
                unit=unit,
                depends_on=_as_dependencies(_field(record, "depends_on")),
                phase="" if is_missing(phase) else str(phase),
                deliverable_id=_as_id(_field(record, "deliverable_id")),
            )
        )
    counts = Counter(task.task_id for task in out)
    duplicates = [task_id for task_id, count in counts.items() if count > 1]
    if duplicates:
        raise UserError("retroplan.error_duplicate_id", tasks=", ".join(duplicates))
    for task in out:
        for dependency in task.depends_on:
            if dependency not in counts:
                raise UserError(
                    "retroplan.error_unknown_dependency",
                    task=task.name.strip() or task.task_id,
                    dependency=dependency,
                )
    return out


def _topological_order(tasks: Sequence[_Task], position: Mapping[str, int]) -> list[int]:
    """Task positions, every task after the tasks it depends on; a cycle is a UserError."""
    graph = {task.task_id: task.depends_on for task in tasks}
    try:
        order = list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as exc:
        names = {task.task_id: task.name.strip() or task.task_id for task in tasks}
        loop = " → ".join(names.get(task_id, task_id) for task_id in exc.args[1])
        raise UserError("retroplan.error_cycle", tasks=loop) from exc
    return [position[task_id] for task_id in order]


def _launch_positions(
    tasks: Sequence[_Task],
    position: Mapping[str, int],
    successors: Sequence[list[int]],
    launch_task: Any,
) -> list[int]:
    """The launch milestones: ``launch_task``, else every milestone without a successor."""
    if launch_task is not None and not is_missing(launch_task):
        wanted = _as_id(launch_task)
        if wanted not in position:
            raise UserError("retroplan.error_unknown_launch_task", task=wanted)
        if tasks[position[wanted]].duration != 0:
            raise UserError("retroplan.error_launch_not_milestone", task=wanted)
        return [position[wanted]]
    found = [i for i, task in enumerate(tasks) if task.duration == 0 and not successors[i]]
    fallback = position.get(LAUNCH_TASK_ID)
    if not found and fallback is not None and tasks[fallback].duration == 0:
        found = [fallback]
    if not found:
        raise UserError("retroplan.error_no_launch")
    return found


def _empty_schedule() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype=object) for column in SCHEDULE_COLUMNS})


# --- the scheduler --------------------------------------------------------------------------


def schedule(
    tasks: Any,
    launch: Any,
    calendar: str | None = DEFAULT_CALENDAR,
    launch_task: str | None = None,
) -> pd.DataFrame:
    """Place every task around the launch date: backwards before it, forwards after it."""
    launch_day = as_date(launch, "retroplan.error_launch_date")
    items = _read_tasks(tasks)
    if not items:
        return _empty_schedule()
    n = len(items)
    position = {task.task_id: i for i, task in enumerate(items)}
    predecessors = [[position[d] for d in task.depends_on] for task in items]
    successors: list[list[int]] = [[] for _ in range(n)]
    for i, preds in enumerate(predecessors):
        for p in preds:
            successors[p].append(i)
    order = _topological_order(items, position)
    launches = _launch_positions(items, position, successors, launch_task)

    is_launch = np.zeros(n, dtype=bool)
    is_launch[launches] = True
    after = np.zeros(n, dtype=bool)
    stack = [j for i in launches for j in successors[i]]
    while stack:
        i = stack.pop()
        if not after[i]:
            after[i] = True
            stack.extend(successors[i])
    before = ~after & ~is_launch

    duration = np.array([task.duration for task in items], dtype=np.int64)
    calendar_unit = np.array([task.unit == CALENDAR_DAYS for task in items]) & (duration > 0)
    # Working-day slots a task occupies: a milestone holds its day.
    slots = np.maximum(duration, 1)
    # Longest chain in slots, padded for calendar tasks aligning on a working day: sizes the
    # calendar array once instead of growing it.
    reach = np.zeros(n, dtype=np.int64)
    pad = np.where(calendar_unit, duration + 10, slots)
    for i in order:
        reach[i] = pad[i] + max((reach[p] for p in predecessors[i]), default=0)
    days = working_day_numbers(calendar, launch_day, int(reach.max()) + 10)

    at_launch = day_number(launch_day)
    first_after = int(np.searchsorted(days, at_launch, side="right"))

    def next_index(i: int, start: int) -> int:
        """The first working-day index a successor of task ``i`` starting at ``start`` may use."""
        if calendar_unit[i]:
            return int(np.searchsorted(days, days[start] + duration[i] - 1, side="right"))
        return start + int(slots[i])

    def latest_start(i: int, last_end: int) -> int:
        """The latest start index of task ``i`` so that it ends on day number ``last_end``."""
        if calendar_unit[i]:
            return int(np.searchsorted(days, last_end - duration[i] + 1, side="right")) - 1
        return int(np.searchsorted(days, last_end, side="right")) - int(slots[i])

    late = np.zeros(n, dtype=np.int64)
    early = np.zeros(n, dtype=np.int64)
    following = np.zeros(n, dtype=np.int64)

    # Before the launch: as late as possible, then forwards from the plan's first day for slack.
    for i in reversed(order):
        if before[i]:
            bounds = [late[j] for j in successors[i] if before[j]]
            # End strictly before the earliest successor's start, or before the launch date.
            deadline = int(days[min(bounds)]) if bounds else at_launch
            late[i] = latest_start(i, deadline - 1)
    if before.any():
        first_day = int(late[before].min())
        for i in order:
            if before[i]:
                early[i] = max([first_day, *(following[p] for p in predecessors[i] if before[p])])
                following[i] = next_index(i, int(early[i]))

    # After the launch: as early as possible.
    for i in order:
        if after[i]:
            early[i] = max([first_after, *(following[p] for p in predecessors[i] if after[p])])
            following[i] = next_index(i, int(early[i]))

    start_index = np.where(before, late, early)
    start_ord = days[start_index]
    end_ord = np.where(calendar_unit, start_ord + duration - 1, days[start_index + slots - 1])
    start_ord[is_launch] = end_ord[is_launch] = at_launch

    # ... then backwards from the plan's last day, for the post-launch slack.
    if after.any():
        last_day = int(end_ord[after].max())
        for i in reversed(order):
            if after[i]:
                deadline = min([last_day + 1, *(int(days[late[j]]) for j in successors[i])])
                late[i] = latest_start(i, deadline - 1)
    slack = np.where(is_launch, 0, late - early)

    return pd.DataFrame(
        {
            "task_id": [task.task_id for task in items],
            "name": [task.name for task in items],
            "duration_days": duration,
            "start": dates_of(start_ord),
            "end": dates_of(end_ord),
            "slack_days": slack.astype(np.int64),
            "critical": slack == 0,
            "milestone": duration == 0,
            "after_launch": after,
            "launch": is_launch,
            "phase": [task.phase for task in items],
            "deliverable_id": [task.deliverable_id for task in items],
            "duration_unit": [task.unit for task in items],
            "depends_on": [list(task.depends_on) for task in items],
        }
    )


# --- the standard phases --------------------------------------------------------------------


def _handle(influencer_id: str) -> str:
    """An influencer's handle in the sample data, else their id."""
    from influkit.data import datasets

    people = datasets.load("influencers").set_index("influencer_id")["handle"]
    return str(people.get(influencer_id, influencer_id))


def _deliverable_label(deliverable: Any, lang: str) -> str:
    for name in ("name", "display_name", "label"):
        value = _field(deliverable, name)
        if not is_missing(value):
            return str(value)
    # Without a name given: the account's handle, then the platform and format's labels.
    who, platform, fmt = (_field(deliverable, f) for f in ("influencer_id", "platform", "format"))
    parts = [
        "" if is_missing(who) else _handle(str(who)),
        "" if is_missing(platform) else label("data.platform", str(platform), lang),
        "" if is_missing(fmt) else label("data.format", str(fmt), lang),
    ]
    text = " · ".join(p for p in parts if p) or str(_field(deliverable, "deliverable_id") or "")
    count = _as_duration(_field(deliverable, "count"))
    if count is not None and count > 1:
        text += " " + t("retroplan.deliverable_count", lang, count=count)
    return text


def phase_template(
    launch: Any,
    deliverables: Iterable[Any] = (),
    gifting: bool = True,
    lang: str = "fr",
    *,
    durations: Mapping[str, int] | None = None,
    live_in_calendar_days: bool = True,
) -> list[dict[str, Any]]:
    """The standard phases of DOMAIN §7 as tasks, with one creation → publication chain per
    deliverable when deliverables are given."""
    # The launch date is only checked here: schedule() places the tasks around it.
    as_date(launch, "retroplan.error_launch_date")
    lang = normalize_language(lang)
    durations = dict(durations or {})
    for phase, value in durations.items():
        if phase not in PHASES or phase == LAUNCH_TASK_ID or _as_duration(value) is None:
            raise UserError("retroplan.error_duration", task=phase, value=str(value))
    phases = [p for p in PHASES if gifting or p != "shipping"]

    def duration_of(phase: str) -> tuple[int, str]:
        if phase == "live" and not live_in_calendar_days:
            return _as_duration(durations.get(phase, LIVE_WORKING_DAYS)), WORKING
        return _as_duration(durations.get(phase, PHASES[phase]["duration"])), PHASES[phase]["unit"]

    def task(task_id: str, phase: str, name: str, after: list[str], deliverable: str | None):
        days, unit = duration_of(phase)
        return {
            "task_id": task_id,
            "name": name,
            "phase": phase,
            "duration_days": days,
            "duration_unit": unit,
            "depends_on": after,
            "deliverable_id": deliverable,
        }

    items = [dict(d) if isinstance(d, Mapping) else d for d in deliverables]
    per_deliverable = set(DELIVERABLE_PHASES) if items else set()
    # Each phase's ids, so a later phase depends on every task of the phases it waits for.
    ids: dict[str, list[str]] = {}
    out: list[dict[str, Any]] = []
    for phase in phases:
        after = [x for p in PHASES[phase]["after"] for x in ids.get(p, ())]
        if phase not in per_deliverable:
            out.append(task(phase, phase, t(f"retroplan.phase.{phase}", lang), after, None))
            ids[phase] = [phase]
            continue
        ids[phase] = []
        for number, deliverable in enumerate(items, start=1):
            deliverable_id = _as_id(_field(deliverable, "deliverable_id")) or f"del{number}"
            task_id = f"{deliverable_id}-{phase}"
            # Within a deliverable the chain is its own; only creation joins the common phases.
            own = [f"{deliverable_id}-{p}" for p in PHASES[phase]["after"] if p in per_deliverable]
            name = t(
                f"retroplan.deliverable_task.{phase}",
                lang,
                deliverable=_deliverable_label(deliverable, lang),
            )
            out.append(task(task_id, phase, name, own or after, deliverable_id))
            ids[phase].append(task_id)
    return out


# --- lead time ------------------------------------------------------------------------------


def _shown(value: Any, lang: str) -> Any:
    """A finding's parameter as the message shows it: dates and numbers in the locale's way."""
    if isinstance(value, dt.date):
        return fmt_date(value, lang)
    if isinstance(value, Real) and not isinstance(value, bool):
        return fmt_number(value, lang, 1 if isinstance(value, float) else 0)
    return value


def _finding(level: str, key: str, lang: str, **params: Any) -> dict[str, Any]:
    shown = {name: _shown(value, lang) for name, value in params.items()}
    return {"level": level, "key": key, "params": params, "message": t(key, lang, **shown)}


def _launch_and_first_start(frame: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    if frame is None or frame.empty:
        return None
    starts = frame["start"].map(as_date)
    ends = frame["end"].map(as_date)
    no = pd.Series(False, index=frame.index)
    after = frame["after_launch"].astype(bool) if "after_launch" in frame else no
    is_launch = frame["launch"].astype(bool) if "launch" in frame else no
    if is_launch.any():
        launch_day = max(starts[is_launch])
    elif (~after).any():
        # A schedule without the launch flag: the launch follows the last pre-launch day.
        launch_day = max(ends[~after]) + dt.timedelta(days=1)
    else:
        return None
    pre = ~after & ~is_launch
    first = min(starts[pre]) if pre.any() else launch_day
    return launch_day, first


def lead_time_check(
    scheduled_df: pd.DataFrame,
    today: Any,
    lang: str = "fr",
    *,
    calendar: str | None = DEFAULT_CALENDAR,
) -> list[dict[str, Any]]:
    """Findings on a schedule's lead time: a start in the past, too little time before the
    launch (DOMAIN §7 bands), a seasonal launch started late."""
    lang = normalize_language(lang)
    dates = _launch_and_first_start(scheduled_df)
    if dates is None:
        return []
    launch_day, first = dates
    now = as_date(today)
    findings: list[dict[str, Any]] = []
    if launch_day < now:
        findings.append(_finding("error", "retroplan.lead_launch_past", lang, launch=launch_day))
    elif first < now:
        late = len(working_days(first, now - dt.timedelta(days=1), calendar))
        findings.append(
            _finding(
                "error",
                "retroplan.lead_past",
                lang,
                first_start=first,
                today=now,
                working_days=late,
            )
        )
    lead = len(working_days(first, launch_day - dt.timedelta(days=1), calendar))
    if lead < LEAD_TIME_TOO_SHORT:
        level, key = "error", "retroplan.lead_too_short"
    elif lead < LEAD_TIME_TRADEOFFS:
        level, key = "warning", "retroplan.lead_tradeoffs"
    elif lead < LEAD_TIME_IDEAL:
        level, key = "ok", "retroplan.lead_ok"
    elif lead <= LEAD_TIME_IDEAL_MAX:
        level, key = "ok", "retroplan.lead_ideal"
    else:
        level, key = "ok", "retroplan.lead_long"
    findings.append(
        _finding(
            level,
            key,
            lang,
            working_days=lead,
            weeks=round(lead / 5, 1),
            first_start=first,
            launch=launch_day,
        )
    )
    start_by = dt.date(launch_day.year, *SEASONAL_START_BY)
    if launch_day.month in SEASONAL_MONTHS and first > start_by:
        findings.append(
            _finding(
                "warning",
                "retroplan.lead_seasonal",
                lang,
                first_start=first,
                start_by=start_by,
                launch=launch_day,
            )
        )
    return findings
