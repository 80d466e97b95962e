"""What goes in the cells: the plan's rows per table (labels for codes, numbers as numbers),
the schedule, the influencers' figures, the KPI targets; and the plan's tables as data frames."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable
from typing import Any

import pandas as pd

from influkit.errors import UserError
from influkit.exports.workbook.layout import TABLES, Column, header_label, list_label
from influkit.identify import profiles
from influkit.operations.schedule import scheduler as retroplan
from influkit.plan.model import Plan
from influkit.text.i18n import normalize_language
from influkit.values import as_number


def present(value: Any) -> Any:
    """None for a missing value (None, NaN, NaT, empty text), else the value."""
    if value is None or (isinstance(value, str) and not value):
        return None
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


PROFILE_COLUMNS = (
    "handle",
    "display_name",
    "platform",
    "niche",
    "tier",
    "followers",
    "er",
    "avg_reach",
    "avg_impressions",
    "price_per_post_eur",
    "audience_credibility",
)


def influencer_lookup(plan: Plan) -> dict[str, dict[str, Any]]:
    """The figures of every influencer the plan knows, by id (missing values as None)."""
    table = profiles.influencer_table(plan).drop_duplicates("influencer_id")
    columns = [c for c in PROFILE_COLUMNS if c in table.columns]
    frame = table.set_index("influencer_id")[columns].astype(object)
    frame = frame.where(frame.notna(), None)
    return frame.to_dict("index")


def budget_lines_frame(
    plan: Plan, influencers: dict[str, dict[str, Any]] | None = None
) -> pd.DataFrame:
    """The plan's budget lines with each influencer's platform and tier codes (for breakdowns)."""
    lookup = influencer_lookup(plan) if influencers is None else influencers
    rows = []
    for line in plan.budget_lines:
        row = line.model_dump()
        known = lookup.get(line.influencer_id) if line.influencer_id else None
        row["platform"] = present(known.get("platform")) if known else None
        row["tier"] = present(known.get("tier")) if known else None
        rows.append(row)
    columns = (
        [*plan.budget_lines[0].model_dump(), "platform", "tier"]
        if rows
        else [
            "line_id",
            "category",
            "label",
            "influencer_id",
            "quantity",
            "unit_cost_eur_ht",
            "note",
            "platform",
            "tier",
        ]
    )
    return pd.DataFrame(rows, columns=columns)


def plan_schedule(plan: Plan) -> pd.DataFrame | None:
    """The plan's tasks placed around its launch; None without tasks, launch or a valid plan."""
    if not plan.tasks or plan.brief.launch_date is None:
        return None
    try:
        return retroplan.schedule(plan.tasks, plan.brief.launch_date)
    except UserError:
        return None


def table_records(plan: Plan, lang: str, blank: bool) -> dict[str, list[dict[str, Any]]]:
    """Per table, one dict per row with the values the cells show (labels for list codes)."""
    if blank:
        return {code: [] for code in TABLES}
    lookup = influencer_lookup(plan)
    out: dict[str, list[dict[str, Any]]] = {}
    out["objectives"] = [o.model_dump() for o in plan.objectives]
    shortlist = []
    for entry in plan.shortlist:
        row: dict[str, Any] = {
            "influencer_id": entry.influencer_id,
            "role": entry.role,
            "note": entry.note,
        }
        known = lookup.get(entry.influencer_id)
        if known is not None:
            for name in PROFILE_COLUMNS:
                if name != "tier":
                    row[name] = present(known.get(name))
        shortlist.append(row)
    out["shortlist"] = shortlist
    out["deliverables"] = [d.model_dump() for d in plan.deliverables]
    placed_tasks = plan_schedule(plan)
    dates = {} if placed_tasks is None else placed_tasks.set_index("task_id").to_dict("index")
    tasks = []
    for task in _in_sheet_order(plan.tasks, placed_tasks):
        row = task.model_dump()
        row["depends_on"] = ", ".join(task.depends_on)
        placed = dates.get(task.task_id)
        if placed is not None:
            row.update(start=placed["start"], end=placed["end"], critical=bool(placed["critical"]))
        tasks.append(row)
    out["retro"] = tasks
    out["budget"] = budget_lines_frame(plan, lookup).to_dict("records")
    out["results"] = [r.model_dump() for r in plan.results]
    return out


def _in_sheet_order(tasks: list, placed_tasks: pd.DataFrame | None) -> list:
    """The tasks in the order the Retro-planning sheet's formulas need: the tasks before the
    launch, each after the tasks it follows, then the launch, then the tasks after it, each
    after the tasks it follows; within that, the plan's order is kept."""
    if placed_tasks is None or placed_tasks.empty:
        return list(tasks)
    ids = placed_tasks["task_id"].tolist()
    launch = dict(zip(ids, placed_tasks["launch"].astype(bool), strict=True))
    after = dict(zip(ids, placed_tasks["after_launch"].astype(bool), strict=True))
    block = {tid: 1 if launch[tid] else 2 if after[tid] else 0 for tid in ids}
    position = {task.task_id: i for i, task in enumerate(tasks)}
    # Kahn's algorithm within each block, the earliest task in the plan first.
    waiting = {task.task_id: 0 for task in tasks}
    followers: dict[str, list[str]] = {task.task_id: [] for task in tasks}
    for task in tasks:
        for dependency in set(task.depends_on):
            if block.get(dependency) == block[task.task_id]:
                waiting[task.task_id] += 1
                followers[dependency].append(task.task_id)
    ordered = []
    for level in (0, 1, 2):
        ready = [
            position[t.task_id]
            for t in tasks
            if block[t.task_id] == level and not waiting[t.task_id]
        ]
        heapq.heapify(ready)
        while ready:
            task = tasks[heapq.heappop(ready)]
            ordered.append(task)
            for follower in followers[task.task_id]:
                waiting[follower] -= 1
                if not waiting[follower]:
                    heapq.heappush(ready, position[follower])
    return ordered if len(ordered) == len(tasks) else list(tasks)


def shown(column: Column, value: Any, lang: str) -> Any:
    """The value a cell holds for a plan value: labels for codes, numbers as numbers."""
    value = present(value)
    if value is None:
        return None
    if column.kind == "list":
        return list_label(column.options, value, lang)
    if column.kind == "multi":
        return ", ".join(list_label(column.options, v, lang) for v in value)
    if column.kind in ("int", "amount", "number", "money", "percent", "share"):
        return as_number(value, None)
    if column.kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        return value if isinstance(value, dt.date) else None
    return value if isinstance(value, str) else str(value)


def kpi_targets(plan: Plan) -> dict[str, float]:
    """The target of each KPI the plan sets: explicit KPI targets first, then objectives' targets."""
    targets: dict[str, float] = {}
    for target in plan.kpi_targets:
        if target.kpi and target.target is not None and target.kpi not in targets:
            targets[target.kpi] = target.target
    for objective in plan.objectives:
        if objective.kpi and objective.target is not None and objective.kpi not in targets:
            targets[objective.kpi] = objective.target
    return targets


# --- the plan's tables as data frames -------------------------------------------------------


def plan_tables(plan: Plan, lang: str = "fr") -> dict[str, pd.DataFrame]:
    """The plan's tables (objectives, shortlist, deliverables, tasks, budget, results) with
    readable headers and labels, for CSV and XLSX downloads."""
    lang = normalize_language(lang)
    records = table_records(plan, lang, blank=False)
    out: dict[str, pd.DataFrame] = {}
    for code, columns in TABLES.items():
        inputs = [c for c in columns if c.is_input]
        rows = [[shown(c, r.get(c.field), lang) for c in inputs] for r in records[code]]
        out[code] = pd.DataFrame(rows, columns=[header_label(c, lang) for c in inputs])
    return out


def table_headers(code: str, langs: Iterable[str] = ("fr", "en")) -> dict[str, Column]:
    """Every header text of a table's columns, in every language, to the column it names."""
    found: dict[str, Column] = {}
    for lang in langs:
        for column in TABLES[code]:
            found[header_label(column, lang)] = column
    return found
