"""The workbook's retro-planning is live: its dates are formulas that LibreOffice recomputes
into influkit's own schedule (working days, French public holidays, the critical path) after a
duration and the launch date are edited in the file."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from influkit.data import datasets
from influkit.exports import workbook as wbmod
from influkit.exports.workbook import plan_workbook
from influkit.operations.schedule import scheduler as retroplan
from influkit.text.i18n import t

from ..helpers import libreoffice_convert, rich_plan

CASES = datasets.cases()
#: A launch just after Whit Monday 2026: the weeks before it cross 1 May, 8 May and Ascension.
NEW_LAUNCH = dt.date(2026, 5, 26)


def _edits(plan):
    """Which task gets a new duration (the longest one before the launch) and its new value."""
    scheduled = retroplan.schedule(plan.tasks, plan.brief.launch_date)
    before = scheduled.loc[~scheduled["after_launch"] & ~scheduled["launch"]]
    longest = before.sort_values("duration_days", ascending=False).iloc[0]
    after = scheduled.loc[scheduled["after_launch"] & (scheduled["duration_days"] > 0)]
    return {longest["task_id"]: 30, **({after.iloc[0]["task_id"]: 12} if len(after) else {})}


def _variants():
    """Each case's rich plan in French and English, as exported and as edited in the file."""
    out = {}
    for i, case in enumerate(CASES):
        lang = "fr" if i % 2 == 0 else "en"
        plan = rich_plan(case, lang)
        out[f"{case['case_id']}-as-exported"] = (plan, lang, {}, None)
        out[f"{case['case_id']}-edited"] = (plan, lang, _edits(plan), NEW_LAUNCH)
    return out


def _edit(data: bytes, plan, lang: str, durations: dict, launch) -> bytes:
    """Change durations and the launch date in the file, as a user would in a spreadsheet."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    retro = book[t("exports.sheet.retro", lang)]
    column = {c.field: i for i, c in enumerate(wbmod.TASK_COLUMNS, start=1)}
    for i, task in enumerate(plan.tasks):
        if task.task_id in durations:
            retro.cell(row=wbmod.FIRST_ROW + i, column=column["duration_days"]).value = durations[
                task.task_id
            ]
    if launch is not None:
        brief = book[t("exports.sheet.brief", lang)]
        offset = [f for f, _, _ in wbmod.BRIEF_FIELDS].index("launch_date")
        brief.cell(row=wbmod.FIRST_ROW + offset, column=2).value = launch
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    """Every variant exported, edited, then recomputed by LibreOffice in one headless call."""
    base = tmp_path_factory.mktemp("schedule")
    source, out = base / "in", base / "out"
    source.mkdir()
    variants = _variants()
    files = []
    for name, (plan, lang, durations, launch) in variants.items():
        data = _edit(plan_workbook(plan, lang), plan, lang, durations, launch)
        path = source / f"{name}.xlsx"
        path.write_bytes(data)
        files.append(path)
    libreoffice_convert(files, "xlsx", out)
    return {
        name: (*variants[name], openpyxl.load_workbook(out / f"{name}.xlsx", data_only=True))
        for name in variants
    }


def _expected(plan, durations, launch):
    tasks = [
        task.model_copy(update={"duration_days": durations.get(task.task_id, task.duration_days)})
        for task in plan.tasks
    ]
    return retroplan.schedule(tasks, launch or plan.brief.launch_date).set_index("task_id")


def _day(value):
    return value.date() if isinstance(value, dt.datetime) else value


@pytest.mark.libreoffice
@pytest.mark.parametrize("variant", list(_variants()))
def test_every_date_and_critical_flag_is_influkits_schedule(recalculated, variant):
    """After editing a duration and the launch date in the file, every task's start, end and
    critical flag, as LibreOffice computes them, are those of influkit's scheduler."""
    plan, lang, durations, launch, book = recalculated[variant]
    ws = book[t("exports.sheet.retro", lang)]
    column = {c.field: i for i, c in enumerate(wbmod.TASK_COLUMNS, start=1)}
    expected = _expected(plan, durations, launch)
    shown = []
    for i, task in enumerate(plan.tasks):
        row = wbmod.FIRST_ROW + i
        want = expected.loc[task.task_id]
        got = (
            _day(ws.cell(row=row, column=column["start"]).value),
            _day(ws.cell(row=row, column=column["end"]).value),
            ws.cell(row=row, column=column["critical"]).value,
        )
        flag = t("exports.yes" if want["critical"] else "exports.no", lang)
        shown.append((task.task_id, got, (want["start"], want["end"], flag)))
    wrong = [s for s in shown if s[1] != s[2]]
    assert not wrong, wrong


@pytest.mark.libreoffice
def test_the_edited_schedule_crosses_the_may_holidays(recalculated):
    """The edited launch puts work across 1 May, 8 May and Ascension: no task starts or ends
    on one of them, and the plan's years' holidays are in the Holidays range."""
    name = next(n for n in recalculated if n.endswith("-edited"))
    plan, lang, durations, launch, book = recalculated[name]
    expected = _expected(plan, durations, launch)
    holidays = {dt.date(2026, 5, 1), dt.date(2026, 5, 8), dt.date(2026, 5, 14)}
    first, last = expected["start"].min(), expected["end"].max()
    assert first <= dt.date(2026, 5, 1) and last >= dt.date(2026, 5, 14)
    assert not holidays & (set(expected["start"]) | set(expected["end"]))


@pytest.mark.libreoffice
@pytest.mark.parametrize("variant", [v for v in _variants() if v.endswith("-as-exported")])
def test_date_columns_are_wide_enough_for_their_dates(recalculated, variant):
    """Start and end columns fit a dd/mm/yyyy date (no ### in the sheet)."""
    plan, lang, *_, book = recalculated[variant]
    ws = book[t("exports.sheet.retro", lang)]
    for field in ("start", "end"):
        letter = openpyxl.utils.get_column_letter(
            [c.field for c in wbmod.TASK_COLUMNS].index(field) + 1
        )
        assert ws.column_dimensions[letter].width >= 12
