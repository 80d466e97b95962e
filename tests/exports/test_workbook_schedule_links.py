"""The workbook's retro-planning follows its "After" column: a graduate who changes which task
a task follows, recalculates in LibreOffice and finds every date where influkit's scheduler puts
it (working days, French public holidays, the critical path); a link against the sheet's order
is named in a visible check cell instead of silently giving wrong dates."""

from __future__ import annotations

import datetime as dt
import io
import random

import openpyxl
import pytest

from influkit.data import datasets
from influkit.exports import workbook as wbmod
from influkit.exports.workbook import plan_workbook
from influkit.operations.schedule import scheduler as retroplan
from influkit.plan.model import Task
from influkit.text.i18n import t

from ..helpers import libreoffice_convert, rich_plan

CASES = datasets.cases()
#: A launch just after Whit Monday 2026: the weeks before it cross 1 May, 8 May and Ascension.
MAY_LAUNCH = dt.date(2026, 5, 26)
COLUMN = {c.field: i for i, c in enumerate(wbmod.TASK_COLUMNS, start=1)}


def _placed(plan, links=None, launch=None):
    """influkit's schedule of the plan with some "After" links replaced."""
    links = links or {}
    tasks = [
        task.model_copy(update={"depends_on": links.get(task.task_id, task.depends_on)})
        for task in plan.tasks
    ]
    return retroplan.schedule(tasks, launch or plan.brief.launch_date).set_index("task_id")


def _link_edits(plan):
    """New "After" links a planner would try, each kept in the sheet's order: a pre-launch task
    moved to follow the first task, another to follow two tasks, a post-launch task moved to
    follow an earlier post-launch task."""
    placed = _placed(plan)
    rows = list(placed.index)  # the plan's order is already the sheet's order here
    before = [i for i in rows if not placed.at[i, "after_launch"] and not placed.at[i, "launch"]]
    after = [i for i in rows if placed.at[i, "after_launch"]]
    edits = {before[-1]: [before[0]], before[len(before) // 2]: [before[0], before[1]]}
    if len(after) >= 3:
        edits[after[-1]] = [after[0]]
    return edits


def _variants():
    """Each case's plan in French or English, with edited links, once with the May launch."""
    out = {}
    for i, case in enumerate(CASES):
        lang = "fr" if i % 2 == 0 else "en"
        plan = rich_plan(case, lang)
        links = _link_edits(plan)
        out[f"{case['case_id']}-links"] = (plan, lang, links, None)
        out[f"{case['case_id']}-links-may"] = (plan, lang, links, MAY_LAUNCH)
    plan = rich_plan(CASES[0], "fr")
    first, second = plan.tasks[0].task_id, plan.tasks[1].task_id
    # The first task made to follow the second one, which is written below it.
    out["out-of-order"] = (plan, "fr", {first: [second]}, None)
    return out


def _row_of(sheet, task_id: str) -> int:
    for row in range(wbmod.FIRST_ROW, sheet.max_row + 1):
        if sheet.cell(row=row, column=COLUMN["task_id"]).value == task_id:
            return row
    raise KeyError(task_id)


def _edit(data: bytes, lang: str, links: dict, launch) -> bytes:
    """Type new "After" lists (and a new launch date) in the file, as a user would."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    retro = book[t("exports.sheet.retro", lang)]
    for task_id, after in links.items():
        retro.cell(row=_row_of(retro, task_id), column=COLUMN["depends_on"]).value = ", ".join(
            after
        )
    if launch is not None:
        brief = book[t("exports.sheet.brief", lang)]
        offset = [f for f, _, _ in wbmod.BRIEF_FIELDS].index("launch_date")
        brief.cell(row=wbmod.FIRST_ROW + offset, column=2).value = launch
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    """Every variant exported, its links edited, then recomputed by LibreOffice in one call."""
    base = tmp_path_factory.mktemp("links")
    source, out = base / "in", base / "out"
    source.mkdir()
    variants = _variants()
    files = []
    for name, (plan, lang, links, launch) in variants.items():
        path = source / f"{name}.xlsx"
        path.write_bytes(_edit(plan_workbook(plan, lang), lang, links, launch))
        files.append(path)
    libreoffice_convert(files, "xlsx", out)
    return {
        name: (*variants[name], openpyxl.load_workbook(out / f"{name}.xlsx", data_only=True))
        for name in variants
    }


def _day(value):
    return value.date() if isinstance(value, dt.datetime) else value


@pytest.mark.libreoffice
@pytest.mark.parametrize("variant", [v for v in _variants() if v != "out-of-order"])
def test_changing_after_reschedules_every_task_as_influkit_does(recalculated, variant):
    """After typing new "After" tasks (and, once, a launch in May), every start, end and
    critical flag LibreOffice computes is influkit's schedule of the edited plan, and the check
    cell says the links are in order."""
    plan, lang, links, launch, book = recalculated[variant]
    ws = book[t("exports.sheet.retro", lang)]
    expected = _placed(plan, links, launch)
    original = _placed(plan)
    assert any(
        (expected.at[i, "start"], expected.at[i, "end"])
        != (original.at[i, "start"], original.at[i, "end"])
        for i in expected.index
    ), "the edit should move at least one task"
    wrong = []
    for task_id, want in expected.iterrows():
        row = _row_of(ws, task_id)
        got = (
            _day(ws.cell(row=row, column=COLUMN["start"]).value),
            _day(ws.cell(row=row, column=COLUMN["end"]).value),
            ws.cell(row=row, column=COLUMN["critical"]).value,
        )
        flag = t("exports.yes" if want["critical"] else "exports.no", lang)
        if got != (want["start"], want["end"], flag):
            wrong.append((task_id, got, (want["start"], want["end"], flag)))
    assert not wrong, wrong
    assert ws.cell(row=wbmod.GANTT_DATE_ROW, column=1).value == t("exports.retro_check_ok", lang)


@pytest.mark.libreoffice
def test_the_may_launch_crosses_the_may_holidays(recalculated):
    """The May launch puts work across 1 May, 8 May and Ascension: no task starts or ends on
    one of them, in the scheduler as in the sheet."""
    plan, lang, links, launch, _ = recalculated[f"{CASES[0]['case_id']}-links-may"]
    expected = _placed(plan, links, launch)
    holidays = {dt.date(2026, 5, 1), dt.date(2026, 5, 8), dt.date(2026, 5, 14)}
    assert expected["start"].min() <= dt.date(2026, 5, 1)
    assert not holidays & (set(expected["start"]) | set(expected["end"]))


@pytest.mark.libreoffice
def test_a_link_against_the_order_is_named_in_the_check_cell(recalculated):
    """Making the first task follow one written below it: the check cell names the task and
    says what to fix (no circular reference, no silent wrong date)."""
    plan, lang, links, _, book = recalculated["out-of-order"]
    ws = book[t("exports.sheet.retro", lang)]
    task = plan.tasks[0]
    assert ws.cell(row=wbmod.GANTT_DATE_ROW, column=1).value == t(
        "exports.retro_check_problem", lang, task=task.name
    )


def test_tasks_are_written_before_the_tasks_that_follow_them():
    """Whatever order the plan lists its tasks in, the sheet writes the tasks before the launch
    first (each below the tasks it follows), then the launch, then the tasks after it."""
    plan = rich_plan(CASES[1], "en")
    shuffled = list(plan.tasks)
    random.Random(4).shuffle(shuffled)
    plan.tasks = shuffled
    book = openpyxl.load_workbook(io.BytesIO(plan_workbook(plan, "en")))
    ws = book[t("exports.sheet.retro", "en")]
    placed = _placed(plan)
    written = [
        ws.cell(row=wbmod.FIRST_ROW + i, column=COLUMN["task_id"]).value
        for i in range(len(plan.tasks))
    ]
    assert sorted(written) == sorted(placed.index)
    blocks = [
        2 if placed.at[i, "after_launch"] else 1 if placed.at[i, "launch"] else 0 for i in written
    ]
    assert blocks == sorted(blocks)
    for k, task_id in enumerate(written):
        assert set(placed.at[task_id, "depends_on"]) <= set(written[:k]), task_id


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_legend_says_the_after_column_is_live(lang):
    """The sheet's note tells the user that "After" links reschedule too (they no longer have
    to export again to change one)."""
    plan = rich_plan(CASES[0], lang)
    book = openpyxl.load_workbook(io.BytesIO(plan_workbook(plan, lang)))
    ws = book[t("exports.sheet.retro", lang)]
    assert ws.cell(row=wbmod.LEGEND_ROW, column=3).value == t("exports.retro_live", lang)
    assert ws.cell(row=wbmod.GANTT_DATE_ROW, column=1).value.startswith("=IF(")


def test_a_plan_without_dates_keeps_tasks_in_its_own_order():
    """Without a launch date nothing is scheduled: the tasks stay in the plan's order."""
    plan = rich_plan(CASES[0], "fr")
    plan.tasks = [Task(task_id="b", name="B", duration_days=2, depends_on=["a"]),
                  Task(task_id="a", name="A", duration_days=1)]  # fmt: skip
    plan.brief.launch_date = None
    book = openpyxl.load_workbook(io.BytesIO(plan_workbook(plan, "fr")))
    ws = book[t("exports.sheet.retro", "fr")]
    assert [ws.cell(row=wbmod.FIRST_ROW + i, column=1).value for i in range(2)] == ["b", "a"]
