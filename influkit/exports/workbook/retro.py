"""RETRO"""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from influkit.exports.workbook.cells import formula, formula_text, put
from influkit.exports.workbook.layout import (
    CRITICAL_COLOUR,
    DEFAULT_GANTT_DAYS,
    FIRST_ROW,
    FMT_DATE,
    FMT_DAY,
    GANTT_DATE_ROW,
    LEGEND_ROW,
    MAX_GANTT_DAYS,
    MILESTONE_COLOUR,
    TASK_COLOUR,
    TASK_COLUMNS,
    TITLE_ROW,
    list_label,
)
from influkit.exports.workbook.records import plan_schedule
from influkit.operations.schedule import scheduler as retroplan
from influkit.text.i18n import t

if TYPE_CHECKING:
    from influkit.exports.workbook.writer import Writer


def write(w: Writer) -> None:
    ws = w.ws["retro"]
    w.title("retro")
    w.table("retro", TASK_COLUMNS)
    letters = w.letters["retro"]
    last = w.last_row("retro")
    first_col = len(TASK_COLUMNS) + 2
    days = gantt_days(w)
    start, end = letters["start"], letters["end"]
    first_letter = get_column_letter(first_col)
    starts = f"${start}${FIRST_ROW}:${start}${last}"
    # The grid's dates are live: the first working day on or after the earliest start.
    for k in range(days):
        cell = ws.cell(row=GANTT_DATE_ROW, column=first_col + k)
        if k == 0:
            formula(cell, f"=WORKDAY(IF(COUNT({starts})=0,TODAY(),MIN({starts}))-1,1,Holidays)")
        else:
            previous = get_column_letter(first_col + k - 1)
            formula(cell, f"=WORKDAY({previous}{GANTT_DATE_ROW},1,Holidays)")
        cell.number_format = FMT_DAY
        cell.alignment = Alignment(text_rotation=90, horizontal="center")
        cell.font = Font(size=8)
        ws.column_dimensions[get_column_letter(first_col + k)].width = 3.2
    ws.row_dimensions[GANTT_DATE_ROW].height = 34
    _schedule_formulas(w, ws, first_col + days + 1)
    grid = f"{first_letter}{FIRST_ROW}:{get_column_letter(first_col + days - 1)}{last}"
    day = f"{first_letter}${GANTT_DATE_ROW}"
    inside = f"{day}>=${start}{FIRST_ROW},{day}<=${end}{FIRST_ROW}"
    critical = f"${letters['critical']}{FIRST_ROW}={formula_text(t('exports.yes', w.lang))}"
    milestone = (
        f"AND({day}=${start}{FIRST_ROW},N(${letters['duration_days']}{FIRST_ROW})=0,"
        f"ISNUMBER(${start}{FIRST_ROW}))"
    )

    def fill(colour: str) -> PatternFill:
        return PatternFill("solid", start_color=colour, end_color=colour, bgColor=colour)

    ws.conditional_formatting.add(
        grid, FormulaRule(formula=[milestone], fill=fill(MILESTONE_COLOUR), stopIfTrue=True)
    )
    ws.conditional_formatting.add(
        grid,
        FormulaRule(
            formula=[f"AND({inside},{critical})"], fill=fill(CRITICAL_COLOUR), stopIfTrue=True
        ),
    )
    ws.conditional_formatting.add(
        grid, FormulaRule(formula=[f"AND({inside})"], fill=fill(TASK_COLOUR), stopIfTrue=True)
    )
    # A legend of the three colours, above the grid.
    for k, (key, colour) in enumerate(
        (
            ("gantt_task", TASK_COLOUR),
            ("gantt_critical", CRITICAL_COLOUR),
            ("gantt_milestone", MILESTONE_COLOUR),
        )
    ):
        swatch = ws.cell(row=TITLE_ROW, column=first_col + 12 * k + 8)
        swatch.fill = fill(colour)
        put(
            ws.cell(row=TITLE_ROW, column=first_col + 12 * k + 9),
            t(f"exports.legend.{key}", w.lang),
        )
    if w.gantt_truncated:
        put(
            ws.cell(row=LEGEND_ROW, column=first_col),
            t("exports.gantt_truncated", w.lang, days=days),
        )
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=3)


def _schedule_formulas(w: Writer, ws, helper_col: int) -> None:
    """Dates, critical flags and slack as formulas wired from the tasks' dependencies.

    Before the launch a task ends the working day before its earliest successor starts
    (or before the launch) and starts ``duration`` working days earlier; after it, a task
    starts the working day after its predecessors end — as :func:`retroplan.schedule`.
    Two hidden helper columns hold each task's earliest start (before the launch) or latest
    start (after it) and the day after its earliest end; a task whose start equals that
    bound has no slack and is critical.
    """
    scheduled = None if w.blank else plan_schedule(w.plan)
    if scheduled is None or scheduled.empty:
        return
    letters, lang = w.letters["retro"], w.lang
    row_of = {r["task_id"]: FIRST_ROW + i for i, r in enumerate(w.records["retro"])}
    info = scheduled.set_index("task_id")
    if set(info.index) - set(row_of):
        return
    bound = get_column_letter(helper_col)
    after_end = get_column_letter(helper_col + 1)
    S, E, D, U = (letters[k] for k in ("start", "end", "duration_days", "duration_unit"))
    C = letters["critical"]
    calendar = formula_text(list_label("unit", "calendar", lang))
    yes = formula_text(t("exports.yes", lang))
    no = formula_text(t("exports.no", lang))
    successors: dict[str, list[str]] = {tid: [] for tid in info.index}
    for tid, deps in info["depends_on"].items():
        for dep in deps:
            successors.setdefault(dep, []).append(tid)
    before_ids = [tid for tid in info.index if not info.at[tid, "after_launch"]]
    before_ids = [tid for tid in before_ids if not info.at[tid, "launch"]]
    after_ids = [tid for tid in info.index if info.at[tid, "after_launch"]]
    first_day = "MIN({})".format(",".join(f"${S}${row_of[i]}" for i in before_ids) or "0")
    last_day = "MAX({})".format(",".join(f"${E}${row_of[i]}" for i in after_ids) or "0")
    style = w.styles.get("calc", FMT_DATE)
    flag = w.styles.get("calc", "General")

    def late_start(r: int, deadline: str) -> str:
        # The latest start so that the task ends the working day before ``deadline``.
        d = f"MAX(N({D}{r}),0)"
        return (
            f"IF(AND({U}{r}={calendar},{d}>0),WORKDAY({deadline}-{d}+1,-1,Holidays),"
            f"WORKDAY(WORKDAY({deadline},-1,Holidays),1-MAX({d},1),Holidays))"
        )

    def end_from(r: int, start: str) -> str:
        d = f"MAX(N({D}{r}),0)"
        return (
            f"IF(AND({U}{r}={calendar},{d}>0),{start}+{d}-1,WORKDAY({start},MAX({d},1)-1,Holidays))"
        )

    def next_after(r: int, start: str) -> str:
        # The first working day a successor may use, from this start.
        d = f"MAX(N({D}{r}),0)"
        return (
            f"IF(AND({U}{r}={calendar},{d}>0),WORKDAY({start}+{d}-1,1,Holidays),"
            f"WORKDAY({start},MAX({d},1),Holidays))"
        )

    for tid in info.index:
        r = row_of[tid]
        deps = list(info.at[tid, "depends_on"])
        if info.at[tid, "launch"]:
            start, end, helper, following = "LaunchDate", "LaunchDate", f"{S}{r}", None
        elif info.at[tid, "after_launch"]:
            ends = ",".join(f"{E}{row_of[p]}" for p in deps if info.at[p, "after_launch"])
            start = f"WORKDAY(MAX(LaunchDate{',' + ends if ends else ''}),1,Holidays)"
            end = end_from(r, f"{S}{r}")
            later = [f"{bound}{row_of[j]}" for j in successors.get(tid, [])]
            helper = late_start(r, f"MIN({','.join([f'{last_day}+1', *later])})")
            following = None
        else:
            later = [
                f"{S}{row_of[j]}"
                for j in successors.get(tid, [])
                if not info.at[j, "after_launch"] and not info.at[j, "launch"]
            ]
            deadline = f"MIN({','.join(later)})" if later else "LaunchDate"
            start = late_start(r, deadline)
            d = f"MAX(N({D}{r}),0)"
            end = f"IF(AND({U}{r}={calendar},{d}>0),{S}{r}+{d}-1,WORKDAY({deadline},-1,Holidays))"
            earlier = [
                f"{after_end}{row_of[p]}"
                for p in deps
                if not info.at[p, "after_launch"] and not info.at[p, "launch"]
            ]
            helper = f"MAX({','.join([first_day, *earlier])})"
            following = next_after(r, f"{bound}{r}")
        for letter, text in ((S, start), (E, end)):
            cell = ws[f"{letter}{r}"]
            formula(cell, f"={text}")
            cell.style = style
        formula(ws[f"{bound}{r}"], f"={helper}")
        ws[f"{bound}{r}"].number_format = FMT_DATE
        if following is not None:
            formula(ws[f"{after_end}{r}"], f"={following}")
            ws[f"{after_end}{r}"].number_format = FMT_DATE
        cell = ws[f"{C}{r}"]
        formula(cell, f"=IF({S}{r}={bound}{r},{yes},{no})")
        cell.style = flag
    for col in (helper_col, helper_col + 1):
        ws.column_dimensions[get_column_letter(col)].hidden = True
    note = ws.cell(row=LEGEND_ROW, column=3)
    put(note, t("exports.retro_live", lang))
    note.font = Font(italic=True, size=9)


def gantt_days(w: Writer) -> int:
    """How many working-day columns the Gantt grid has."""
    w.gantt_truncated = False
    records = [r for r in w.records["retro"] if r.get("start") and r.get("end")]
    if not records:
        return DEFAULT_GANTT_DAYS
    first = min(r["start"] for r in records)
    last = max(r["end"] for r in records)
    days = len(retroplan.working_days(first, last))
    if days > MAX_GANTT_DAYS:
        w.gantt_truncated = True
    return max(1, min(days, MAX_GANTT_DAYS))
