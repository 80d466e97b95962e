"""Module 4's operations follow-up: where each deliverable stands against the retro-planning —
what is late, what is due this ISO week — and the reminder to send to the influencer.

Each step of a deliverable has a due date from the scheduled tasks of that deliverable: the
brief is sent by the day its creation starts, the draft arrives when creation ends, the content
is approved when the edits end, and it is published by the end of its publication window
(the deliverable's own window when set, else its publication task). Each row also carries
the influencer's stage in the partnership pipeline of module 3, which a status change moves
forward (``relationship.pipeline.DELIVERABLE_STAGE``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd

from influkit.operations import deliverables as actions
from influkit.plan.model import DELIVERABLE_STATUSES, Deliverable, Plan
from influkit.relationship import pipeline
from influkit.text.formats import fmt_date, fmt_list, fmt_number
from influkit.text.i18n import label, normalize_language, t

#: The statuses in the order a deliverable goes through them ("late" is a flag set by hand).
PROGRESS: tuple[str, ...] = ("planned", "brief_sent", "draft_received", "approved", "published")
#: The steps still to come after ``planned``, each waiting on a due date.
STEPS: tuple[str, ...] = PROGRESS[1:]
#: Row flags of :func:`followup_table`, most urgent first.
FLAGS: tuple[str, ...] = ("late", "due", "ok", "done")
#: Columns of :func:`followup_table`, in order.
FOLLOWUP_COLUMNS: tuple[str, ...] = (
    "deliverable_id",
    "influencer_id",
    "influencer",
    "brand",
    "platform",
    "format",
    "count",
    "status",
    "status_since",
    "next_step",
    "due",
    "flag",
    "reason",
    "days_late",
    "this_week",
    "tasks_this_week",
    "in_retroplan",
    "brief_due",
    "draft_due",
    "approval_due",
    "publish_due",
    "window_start",
    "window_end",
    "pipeline_stage",
)


def iso_week(today: dt.date) -> tuple[dt.date, dt.date]:
    """The Monday and Sunday of the ISO week holding ``today``."""
    monday = today - dt.timedelta(days=today.weekday())
    return monday, monday + dt.timedelta(days=6)


def progress(deliverable: Deliverable) -> int:
    """How far a deliverable got: the index in :data:`PROGRESS` of the furthest status reached
    (for a deliverable flagged ``late``, the furthest status it has a date for)."""
    if deliverable.status in PROGRESS:
        return PROGRESS.index(deliverable.status)
    reached = [PROGRESS.index(s) for s in deliverable.status_dates if s in PROGRESS]
    return max(reached, default=0)


def set_status(deliverable: Deliverable, status: str, today: dt.date) -> bool:
    """Give a deliverable a new status, dated ``today``; False when it already had it."""
    if status not in DELIVERABLE_STATUSES or status == deliverable.status:
        return False
    deliverable.status = status
    deliverable.status_dates = {**deliverable.status_dates, status: today}
    return True


def _as_day(value: Any) -> dt.date | None:
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()


def step_dates(deliverable: Deliverable, scheduled: pd.DataFrame | None) -> dict[str, Any]:
    """The due date of each step of a deliverable, from its scheduled tasks and its window."""
    due: dict[str, dt.date | None] = dict.fromkeys(STEPS)
    tasks = pd.DataFrame()
    if scheduled is not None and not scheduled.empty and "deliverable_id" in scheduled:
        tasks = scheduled.loc[scheduled["deliverable_id"] == deliverable.deliverable_id]

    def of(phase: str, column: str) -> dt.date | None:
        rows = tasks.loc[tasks["phase"] == phase] if not tasks.empty else tasks
        if rows.empty:
            return None
        days = [_as_day(v) for v in rows[column]]
        days = [d for d in days if d is not None]
        return (min if column == "start" else max)(days) if days else None

    due["brief_sent"] = of("creation", "start")
    due["draft_received"] = of("creation", "end")
    due["approved"] = of("edits", "end") or of("review", "end")
    due["published"] = deliverable.window_end or of("publication", "end")
    return {"due": due, "tasks": tasks, "in_retroplan": not tasks.empty}


def _tasks_in_week(tasks: pd.DataFrame, monday: dt.date, sunday: dt.date) -> list[str]:
    if tasks.empty:
        return []
    names = []
    for row in tasks.to_dict("records"):
        start, end = _as_day(row["start"]), _as_day(row["end"])
        if start is not None and end is not None and start <= sunday and end >= monday:
            names.append(str(row.get("name") or row.get("task_id")))
    return names


def followup_table(
    plan: Plan,
    scheduled: pd.DataFrame | None,
    today: dt.date,
    *,
    names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per deliverable: its status, next step and due date, and a flag — ``late`` (a
    step's due date has passed, or flagged late by hand), ``due`` (something this ISO week),
    ``ok`` or ``done`` (published)."""
    if names is None:
        names = actions.influencer_names(plan) if plan.deliverables else {}
    monday, sunday = iso_week(today)
    rows: list[dict[str, Any]] = []
    for deliverable in plan.deliverables:
        found = step_dates(deliverable, scheduled)
        due = found["due"]
        reached = progress(deliverable)
        next_step = PROGRESS[reached + 1] if reached + 1 < len(PROGRESS) else None
        next_due = due[next_step] if next_step else None
        # Every step not reached whose date has passed: the earliest is the one to chase.
        overdue = [s for s in STEPS[reached:] if due[s] is not None and due[s] < today]
        week_tasks = _tasks_in_week(found["tasks"], monday, sunday)
        this_week = bool(week_tasks) or (next_due is not None and monday <= next_due <= sunday)
        reason, days_late = None, 0
        if next_step is None:
            flag = "done"
        elif overdue:
            flag, reason = "late", overdue[0]
            days_late = (today - due[overdue[0]]).days
        elif deliverable.status == "late":
            flag, reason = "late", "marked_late"
        elif this_week:
            flag = "due"
        else:
            flag = "ok"
        status_since = deliverable.status_dates.get(deliverable.status)
        rows.append(
            {
                "deliverable_id": deliverable.deliverable_id,
                "influencer_id": deliverable.influencer_id,
                "influencer": names.get(deliverable.influencer_id, deliverable.influencer_id),
                "brand": plan.brief.brand,
                "platform": deliverable.platform,
                "format": deliverable.format,
                "count": deliverable.count,
                "status": deliverable.status,
                "status_since": status_since,
                "next_step": next_step,
                "due": next_due,
                "flag": flag,
                "reason": reason,
                "days_late": days_late,
                "this_week": this_week,
                "tasks_this_week": week_tasks,
                "in_retroplan": found["in_retroplan"],
                "brief_due": due["brief_sent"],
                "draft_due": due["draft_received"],
                "approval_due": due["approved"],
                "publish_due": due["published"],
                "window_start": deliverable.window_start,
                "window_end": deliverable.window_end,
                "pipeline_stage": pipeline.view(plan, deliverable.influencer_id).stage,
            }
        )
    return pd.DataFrame(rows, columns=list(FOLLOWUP_COLUMNS))


def counts(table: pd.DataFrame) -> dict[str, int]:
    """How many deliverables carry each flag."""
    found = table["flag"].value_counts() if not table.empty else pd.Series(dtype=int)
    return {flag: int(found.get(flag, 0)) for flag in FLAGS}


#: What the follow-up can show: only what is late, what needs doing this week, or everything.
FILTERS: tuple[str, ...] = ("late", "week", "all")


def filter_rows(table: pd.DataFrame, shown: str | None) -> pd.DataFrame:
    """The rows of :func:`followup_table` a filter of :data:`FILTERS` keeps (``week``: due this
    week or with a task this week; None: everything)."""
    if shown == "late":
        return table.loc[table["flag"] == "late"]
    if shown == "week":
        return table.loc[table["this_week"].astype(bool) | (table["flag"] == "due")]
    return table


def overview_frame(
    rows: pd.DataFrame, deliverables: Mapping[str, Deliverable], lang: str = "fr"
) -> pd.DataFrame:
    """Rows of :func:`followup_table` as read: who, what, status, next step and when, the flag
    and the days late (``deliverables`` by id, for what each one publishes)."""
    lang = normalize_language(lang)
    return pd.DataFrame(
        {
            t("followup.col_influencer", lang): rows["influencer"],
            t("followup.col_deliverable", lang): [
                actions.what_label(deliverables[i], lang) for i in rows["deliverable_id"]
            ],
            t("followup.col_status", lang): [
                label("followup.status", s, lang) for s in rows["status"]
            ],
            t("followup.col_next", lang): [
                label("followup.step", s, lang) if s else "—" for s in rows["next_step"]
            ],
            t("followup.col_due", lang): [fmt_date(d, lang) if d else "—" for d in rows["due"]],
            t("followup.col_flag", lang): [label("followup.flag", f, lang) for f in rows["flag"]],
            t("followup.col_days_late", lang): [
                fmt_number(n, lang) if n else "" for n in rows["days_late"]
            ],
        }
    )


def details(row: Mapping[str, Any], deliverable: Deliverable, lang: str = "fr") -> list[str]:
    """What a deliverable's card says under its name: the publication window, the next step
    and when, why it is late, this week's tasks, whether it is in the retro-planning, and the
    influencer's stage in the partnership pipeline."""
    lang = normalize_language(lang)
    lines = [
        t(
            "followup.window",
            lang,
            start=fmt_date(deliverable.window_start, lang),
            end=fmt_date(deliverable.window_end, lang),
        )
    ]
    if row["next_step"]:
        lines.append(
            t(
                "followup.next_due",
                lang,
                step=label("followup.step", row["next_step"], lang),
                due=fmt_date(row["due"], lang) if row["due"] else t("followup.no_date", lang),
            )
        )
    if row["flag"] == "late":
        reason = row["reason"] or "marked_late"
        lines.append(
            t(f"followup.late_reason.{reason}", lang, days=fmt_number(row["days_late"], lang))
        )
    if row["tasks_this_week"]:
        lines.append(
            t("followup.tasks_this_week", lang, tasks=fmt_list(row["tasks_this_week"], lang))
        )
    if not row["in_retroplan"]:
        lines.append(t("followup.not_in_retroplan", lang))
    lines.append(
        t(
            "relationship.followup_stage",
            lang,
            stage=label("relationship.stage", row["pipeline_stage"], lang),
        )
    )
    return lines


def reminder_text(row: Mapping[str, Any], lang: str = "fr") -> str:
    """The message to send for a flagged row (late or due this week), filled with the
    influencer's name, the deliverable and the due date; empty for the rest."""
    lang = normalize_language(lang)
    flag = row.get("flag")
    step = row.get("reason") if flag == "late" and row.get("reason") in STEPS else None
    step = step or row.get("next_step")
    if flag not in ("late", "due") or step not in STEPS:
        return ""
    deliverable = actions.what_text(row.get("platform"), row.get("format"), row.get("count"), lang)
    due_key = "reason" if flag == "late" and row.get("reason") in STEPS else "next_step"
    due = _due_of(row, row.get(due_key))
    kind = "late" if flag == "late" else "due"
    return t(
        f"followup.reminder.{step}_{kind}",
        lang,
        name=row.get("influencer") or row.get("influencer_id") or "",
        deliverable=deliverable,
        due=fmt_date(due, lang) if due else t("followup.no_date", lang),
        brand=row.get("brand") or t("followup.our_team", lang),
    )


def _due_of(row: Mapping[str, Any], step: Any) -> dt.date | None:
    column = {
        "brief_sent": "brief_due",
        "draft_received": "draft_due",
        "approved": "approval_due",
        "published": "publish_due",
    }.get(step)
    value = row.get(column) if column else row.get("due")
    return _as_day(value)
