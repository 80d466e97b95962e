"""The retro-planning's Gantt chart and its editable table: the plan's tasks as the rows a
trainee edits, read back and checked by the scheduler, the schedule's key figures, and the
plotly figure (bars by task on a date axis, critical path, milestones, today, dependency
arrows, public holidays and weekends).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from influkit.errors import UserError
from influkit.operations.schedule import scheduler as retroplan
from influkit.operations.schedule.calendar import DEFAULT_CALENDAR, working_days
from influkit.plan.model import Plan, Task
from influkit.text import chart_style as charts
from influkit.text.formats import fmt_date, fmt_list, fmt_number
from influkit.text.i18n import label, normalize_language, t
from influkit.values import is_missing

#: Columns of :func:`editor_frame`, the table a trainee edits.
EDITOR_COLUMNS: tuple[str, ...] = (
    "task_id",
    "name",
    "duration_days",
    "duration_unit",
    "depends_on",
    "phase",
    "deliverable_id",
)
#: Phase codes offered in the table: the template's, then "custom" for the trainee's own tasks.
CUSTOM_PHASE = "custom"
PHASE_OPTIONS: tuple[str, ...] = (*retroplan.PHASES, CUSTOM_PHASE)

CRITICAL_COLOUR = charts.BAD
TASK_COLOUR = "#90A4AE"
MILESTONE_COLOUR = "#263238"
TODAY_COLOUR = charts.ACCENT
HOLIDAY_COLOUR = "rgba(239, 108, 0, 0.18)"
HOLIDAY_MARK = charts.WARNING
WEEKEND_COLOUR = "rgba(120, 144, 156, 0.10)"
ARROW_COLOUR = "rgba(69, 90, 100, 0.55)"
#: Weekends are shaded up to this many days of plan; beyond, the stripes stop being readable.
WEEKEND_SHADING_MAX_DAYS = 200
#: Task names longer than this are cut on the axis (the hover shows them whole).
LABEL_CHARS = 44
# Today's line is drawn when it falls this close to the plan.
_TODAY_MARGIN_DAYS = 45
_DAY_MS = 86_400_000


# --- the editable table ---------------------------------------------------------------------


def editor_frame(tasks: Sequence[Task]) -> pd.DataFrame:
    """The tasks as the table a trainee edits: dependencies as lists of task ids (the table
    shows their names, see :func:`task_labels`)."""
    rows = [
        {
            "task_id": task.task_id,
            "name": task.name,
            "phase": task.phase or CUSTOM_PHASE,
            "duration_days": task.duration_days,
            "duration_unit": task.duration_unit,
            "depends_on": list(task.depends_on),
            "deliverable_id": task.deliverable_id,
        }
        for task in tasks
    ]
    frame = pd.DataFrame(rows, columns=list(EDITOR_COLUMNS))
    frame["duration_days"] = frame["duration_days"].astype("Int64")
    return frame


def task_labels(tasks: Sequence[Task], lang: str = "fr") -> dict[str, str]:
    """Each task id with the name a trainee reads for it, one distinct name per task (a name
    given twice gets its rank, ``Tournage (2)``; an unnamed task is "New task")."""
    lang = normalize_language(lang)
    names = [task.name.strip() or t("gantt.new_task", lang) for task in tasks]
    seen: dict[str, int] = {}
    labels: dict[str, str] = {}
    for task, name in zip(tasks, names, strict=True):
        seen[name] = seen.get(name, 0) + 1
        labels[task.task_id] = name if names.count(name) == 1 else f"{name} ({seen[name]})"
    return labels


def _new_task_id(taken: set[str]) -> str:
    number = 1
    while f"task-{number}" in taken:
        number += 1
    return f"task-{number}"


def tasks_from_editor(
    frame: pd.DataFrame | Sequence[Mapping[str, Any]],
    launch: Any,
    calendar: str | None = DEFAULT_CALENDAR,
    *,
    previous: Sequence[Task] = (),
) -> tuple[list[Task], pd.DataFrame]:
    """The tasks read back from the edited table, and their schedule.

    Rows without an id get one (``task-3``); the scheduler checks the rest and raises
    :class:`UserError` for a negative or broken duration, an unknown dependency, a cycle or a
    missing launch milestone. Fields the table does not show (the owner) come from
    ``previous``, the tasks before the edit.
    """
    records = frame.to_dict("records") if isinstance(frame, pd.DataFrame) else list(frame)
    taken = {str(r["task_id"]).strip() for r in records if not is_missing(r.get("task_id"))}
    clean: list[dict[str, Any]] = []
    for record in records:
        task_id = record.get("task_id")
        if is_missing(task_id):
            task_id = _new_task_id(taken)
            taken.add(task_id)
        phase = record.get("phase")
        phase = "" if is_missing(phase) or phase == CUSTOM_PHASE else str(phase)
        unit = record.get("duration_unit")
        clean.append(
            {
                "task_id": str(task_id).strip(),
                "name": "" if is_missing(record.get("name")) else str(record["name"]).strip(),
                "phase": phase,
                "duration_days": record.get("duration_days"),
                "duration_unit": retroplan.WORKING if is_missing(unit) else unit,
                "depends_on": record.get("depends_on"),
                "deliverable_id": (
                    None if is_missing(record.get("deliverable_id")) else record["deliverable_id"]
                ),
            }
        )
    scheduled = retroplan.schedule(clean, launch, calendar)
    owners = {task.task_id: task.owner for task in previous}
    tasks = [
        Task(
            task_id=row["task_id"],
            name=row["name"],
            phase=row["phase"],
            duration_days=int(row["duration_days"]),
            duration_unit=row["duration_unit"],
            depends_on=list(row["depends_on"]),
            deliverable_id=None
            if is_missing(row["deliverable_id"])
            else str(row["deliverable_id"]),
            owner=owners.get(row["task_id"], ""),
        )
        for row in scheduled.to_dict("records")
    ]
    return tasks, scheduled


def replace_tasks(plan: Plan, tasks: list[Task]) -> bool:
    """Put these tasks in place of the plan's; True when they differ."""
    if [task.model_dump() for task in tasks] == [task.model_dump() for task in plan.tasks]:
        return False
    plan.tasks = tasks
    return True


def schedule_plan_tasks(
    tasks: Sequence[Task], launch: Any, calendar: str | None = DEFAULT_CALENDAR
) -> pd.DataFrame:
    """The schedule of a plan's tasks around its launch date."""
    if launch is None:
        raise UserError("gantt.error_no_launch")
    return retroplan.schedule([task.model_dump() for task in tasks], launch, calendar)


# --- key figures ----------------------------------------------------------------------------


def _day(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()


def summary(scheduled_df: pd.DataFrame, calendar: str | None = DEFAULT_CALENDAR) -> dict[str, Any]:
    """The schedule's key figures: first day, launch, last day (end of reporting), working days
    from first to last day, working days before the launch, critical tasks (milestones aside)."""
    if scheduled_df is None or scheduled_df.empty:
        return {
            "first_day": None,
            "launch": None,
            "last_day": None,
            "working_days": 0,
            "lead_working_days": 0,
            "critical_tasks": 0,
            "tasks": 0,
        }
    starts = scheduled_df["start"].map(_day)
    ends = scheduled_df["end"].map(_day)
    launch_rows = scheduled_df["launch"].astype(bool)
    launch = starts[launch_rows].max() if launch_rows.any() else None
    first, last = starts.min(), ends.max()
    lead = len(working_days(first, launch - dt.timedelta(days=1), calendar)) if launch else 0
    critical = scheduled_df["critical"].astype(bool) & ~scheduled_df["milestone"].astype(bool)
    return {
        "first_day": first,
        "launch": launch,
        "last_day": last,
        "working_days": len(working_days(first, last, calendar)),
        "lead_working_days": lead,
        "critical_tasks": int(critical.sum()),
        "tasks": int((~scheduled_df["milestone"].astype(bool)).sum()),
    }


def schedule_table(
    scheduled_df: pd.DataFrame, task_names: Mapping[str, str], lang: str = "fr"
) -> pd.DataFrame:
    """The schedule as read: each task's name, dates, duration in its unit, slack, whether it is
    critical and what it follows (``task_names`` from :func:`task_labels`)."""
    lang = normalize_language(lang)
    rows = scheduled_df
    return pd.DataFrame(
        {
            t("retroplan.column.name", lang): [
                task_names.get(i, n) for i, n in zip(rows["task_id"], rows["name"], strict=True)
            ],
            t("retroplan.column.start", lang): [fmt_date(d, lang) for d in rows["start"]],
            t("retroplan.column.end", lang): [fmt_date(d, lang) for d in rows["end"]],
            t("retroplan.column.duration_days", lang): [
                f"{fmt_number(d, lang)} {t(f'retroplan.unit.{u}', lang)}"
                for d, u in zip(rows["duration_days"], rows["duration_unit"], strict=True)
            ],
            t("retroplan.column.slack_days", lang): [
                fmt_number(s, lang) for s in rows["slack_days"]
            ],
            t("retroplan.column.critical", lang): [
                t("gantt.yes", lang) if c else "" for c in rows["critical"]
            ],
            t("retroplan.column.depends_on", lang): [
                ", ".join(task_names.get(d, d) for d in after) for after in rows["depends_on"]
            ],
        }
    )


def holidays_caption(holidays: Mapping[dt.date, str], lang: str = "fr") -> str:
    """The public holidays the schedule spans, each with its date (empty without any)."""
    if not holidays:
        return ""
    lang = normalize_language(lang)
    listed = fmt_list((f"{name} ({fmt_date(day, lang)})" for day, name in holidays.items()), lang)
    return t("gantt.holidays_caption", lang, holidays=listed)


def dependency_count(scheduled_df: pd.DataFrame) -> int:
    """How many finish-to-start links the schedule holds."""
    if scheduled_df is None or scheduled_df.empty:
        return 0
    return int(sum(len(d) for d in scheduled_df["depends_on"]))


# --- the figure -----------------------------------------------------------------------------


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"


def _iso(day: dt.date, hours: int = 0) -> str:
    return f"{day.isoformat()} {hours:02d}:00"


def _duration_text(row: Mapping[str, Any], lang: str) -> str:
    unit = row.get("duration_unit") or retroplan.WORKING
    return f"{fmt_number(int(row['duration_days']), lang)} {t(f'retroplan.unit.{unit}', lang)}"


def figure(
    scheduled_df: pd.DataFrame,
    lang: str = "fr",
    *,
    today: dt.date,
    holidays: Mapping[dt.date, str] | None = None,
    show_dependencies: bool = True,
    show_weekends: bool = True,
    title: str | None = None,
) -> go.Figure:
    """The Gantt chart of a schedule: one bar per task on a date axis, the critical path in its
    own colour, milestones as diamonds, today's line, dependency arrows, holidays shaded."""
    lang = normalize_language(lang)
    fig = go.Figure()
    if scheduled_df is None or scheduled_df.empty:
        return charts.style(fig, lang, title=title or t("gantt.chart_empty", lang), height=300)
    rows = scheduled_df.to_dict("records")
    for row in rows:
        row["start"], row["end"] = _day(row["start"]), _day(row["end"])
    position = {row["task_id"]: i for i, row in enumerate(rows)}
    names = {row["task_id"]: str(row.get("name") or "").strip() or row["task_id"] for row in rows}
    first = min(r["start"] for r in rows)
    last = max(r["end"] for r in rows)

    def hover(row: Mapping[str, Any]) -> str:
        phase = label("retroplan.phase", row.get("phase"), lang) if row.get("phase") else ""
        lines = [f"<b>{html.escape(names[row['task_id']], quote=False)}</b>"]
        if row.get("milestone"):
            lines.append(t("gantt.hover_milestone", lang, date=fmt_date(row["start"], lang)))
        else:
            lines.append(
                t(
                    "gantt.hover_dates",
                    lang,
                    start=fmt_date(row["start"], lang),
                    end=fmt_date(row["end"], lang),
                )
            )
            lines.append(t("gantt.hover_duration", lang, duration=_duration_text(row, lang)))
            lines.append(
                t("gantt.hover_critical", lang)
                if row.get("critical")
                else t("gantt.hover_slack", lang, slack=fmt_number(int(row["slack_days"]), lang))
            )
        if phase:
            lines.append(t("gantt.hover_phase", lang, phase=phase))
        after = [html.escape(names.get(d, d), quote=False) for d in row.get("depends_on") or ()]
        if after:
            lines.append(t("gantt.hover_after", lang, tasks=fmt_list(after, lang)))
        return "<br>".join(lines)

    bars = [r for r in rows if not r.get("milestone")]
    for critical in (True, False):
        group = [r for r in bars if bool(r.get("critical")) == critical]
        if not group:
            continue
        fig.add_trace(
            go.Bar(
                orientation="h",
                base=[_iso(r["start"]) for r in group],
                x=[((r["end"] - r["start"]).days + 1) * _DAY_MS for r in group],
                y=[position[r["task_id"]] for r in group],
                name=t("gantt.legend_critical" if critical else "gantt.legend_task", lang),
                marker={
                    "color": CRITICAL_COLOUR if critical else TASK_COLOUR,
                    "line": {"width": 0},
                },
                hovertext=[hover(r) for r in group],
                hovertemplate="%{hovertext}<extra></extra>",
                meta="critical" if critical else "task",
                width=0.62,
            )
        )
    milestones = [r for r in rows if r.get("milestone")]
    if milestones:
        fig.add_trace(
            go.Scatter(
                x=[_iso(r["start"], 12) for r in milestones],
                y=[position[r["task_id"]] for r in milestones],
                mode="markers+text",
                marker={
                    "symbol": "diamond",
                    "size": 20,
                    "color": [
                        CRITICAL_COLOUR if r.get("critical") else MILESTONE_COLOUR
                        for r in milestones
                    ],
                    "line": {"color": "white", "width": 1.5},
                },
                text=[f"  {fmt_date(r['start'], lang)[:5]}" for r in milestones],
                textposition="middle right",
                textfont={"size": 14},
                name=t("gantt.legend_milestone", lang),
                hovertext=[hover(r) for r in milestones],
                hovertemplate="%{hovertext}<extra></extra>",
                meta="milestone",
            )
        )

    n = len(rows)
    # Annotations and shapes go in at once: adding them one by one is quadratic in plotly.
    annotations: list[dict[str, Any]] = []
    shapes: list[dict[str, Any]] = []
    if show_dependencies:
        for row in rows:
            for dependency in row.get("depends_on") or ():
                before = rows[position[dependency]]
                both_critical = bool(before.get("critical")) and bool(row.get("critical"))
                # From the end of the predecessor's bar (a milestone's centre) to the successor.
                if before.get("milestone"):
                    tail = _iso(before["start"], 12)
                else:
                    tail = _iso(before["end"] + dt.timedelta(days=1))
                annotations.append(
                    {
                        "x": _iso(row["start"], 12 if row.get("milestone") else 0),
                        "y": position[row["task_id"]],
                        "ax": tail,
                        "ay": position[dependency],
                        "xref": "x",
                        "yref": "y",
                        "axref": "x",
                        "ayref": "y",
                        "text": "",
                        "showarrow": True,
                        "arrowhead": 2,
                        "arrowsize": 1,
                        "arrowwidth": 1.6 if both_critical else 1.2,
                        "arrowcolor": CRITICAL_COLOUR if both_critical else ARROW_COLOUR,
                        "standoff": 2,
                        "name": f"dependency:{dependency}>{row['task_id']}",
                    }
                )

    shown = dict(sorted((holidays or {}).items()))
    shown = {day: name for day, name in shown.items() if first <= day <= last}
    for number, day in enumerate(shown):
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": _iso(day),
                "x1": _iso(day + dt.timedelta(days=1)),
                "y0": 0,
                "y1": 1,
                "fillcolor": HOLIDAY_COLOUR,
                "line": {"width": 0},
                "layer": "below",
                "name": t("gantt.legend_holiday", lang),
                "legendgroup": "holidays",
                "showlegend": number == 0,
            }
        )
    if shown:
        fig.add_trace(
            go.Scatter(
                x=[_iso(day, 12) for day in shown],
                y=[-0.85] * len(shown),
                mode="markers",
                marker={"symbol": "triangle-down", "size": 13, "color": HOLIDAY_MARK},
                hovertext=[
                    t("gantt.hover_holiday", lang, name=name, date=fmt_date(day, lang))
                    for day, name in shown.items()
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                name=t("gantt.legend_holiday", lang),
                legendgroup="holidays",
                showlegend=False,
                meta="holiday",
            )
        )

    if show_weekends and (last - first).days <= WEEKEND_SHADING_MAX_DAYS:
        saturday = first - dt.timedelta(days=(first.weekday() - 5) % 7)
        number = 0
        while saturday <= last:
            shapes.append(
                {
                    "type": "rect",
                    "xref": "x",
                    "yref": "paper",
                    "x0": _iso(saturday),
                    "x1": _iso(saturday + dt.timedelta(days=2)),
                    "y0": 0,
                    "y1": 1,
                    "fillcolor": WEEKEND_COLOUR,
                    "line": {"width": 0},
                    "layer": "below",
                    "name": t("gantt.legend_weekend", lang),
                    "legendgroup": "weekends",
                    "showlegend": number == 0,
                }
            )
            saturday += dt.timedelta(days=7)
            number += 1

    lo, hi = first - dt.timedelta(days=3), last + dt.timedelta(days=4)
    near = first - dt.timedelta(days=_TODAY_MARGIN_DAYS) <= today
    if near and today <= last + dt.timedelta(days=_TODAY_MARGIN_DAYS):
        lo, hi = min(lo, today - dt.timedelta(days=2)), max(hi, today + dt.timedelta(days=3))
        fig.add_trace(
            go.Scatter(
                x=[_iso(today, 12), _iso(today, 12)],
                y=[-1.2, n - 0.4],
                mode="lines",
                line={"color": TODAY_COLOUR, "width": 2.5, "dash": "dash"},
                name=t("gantt.legend_today", lang, date=fmt_date(today, lang)),
                hoverinfo="skip",
                meta="today",
            )
        )

    fig.update_layout(annotations=annotations, shapes=shapes)
    span = (hi - lo).days
    monday = lo - dt.timedelta(days=lo.weekday())
    fig.update_xaxes(
        type="date",
        range=[_iso(lo), _iso(hi)],
        tickformat="%d/%m",
        tick0=_iso(monday),
        dtick=(7 if span <= 150 else 14 if span <= 300 else 28) * _DAY_MS,
        showgrid=True,
        gridcolor="rgba(0,0,0,0.08)",
        title={"text": t("gantt.axis_x", lang)},
    )
    fig.update_yaxes(
        tickmode="array",
        tickvals=list(range(n)),
        ticktext=[_short(str(r.get("name") or r["task_id"])) for r in rows],
        range=[n - 0.4, -1.2],
        showgrid=False,
        title=None,
        automargin=True,
    )
    if title is None:
        summary_dates = summary(scheduled_df)
        title = t(
            "gantt.chart_title",
            lang,
            first=fmt_date(first, lang),
            launch=fmt_date(summary_dates["launch"], lang),
            last=fmt_date(last, lang),
        )
    charts.style(fig, lang, title=title, height=max(380, 34 * n + 200))
    fig.update_layout(
        barmode="overlay",
        bargap=0.25,
        hovermode="closest",
        legend={"y": 1.0, "yanchor": "bottom", "x": 0, "orientation": "h"},
        margin={"l": 10, "r": 30, "t": 110, "b": 10},
    )
    return fig
