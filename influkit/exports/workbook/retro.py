"""The Retro-planning sheet: the tasks (in order: before the launch, the launch, after it), their
dates as formulas over the "After" links, durations and the launch date (WORKDAY over the
Holidays named range), the critical path, an order check, and the conditional-format Gantt."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula

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
    OK_COLOUR,
    TASK_COLOUR,
    TASK_COLUMNS,
    TITLE_ROW,
    list_label,
)
from influkit.exports.workbook.records import plan_schedule
from influkit.operations.schedule.calendar import working_days
from influkit.text.i18n import t

if TYPE_CHECKING:
    from influkit.exports.workbook.writer import Writer


def write(w: Writer) -> None:
    """Write the Retro-planning sheet: the tasks, their live dates and the Gantt grid."""
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
    """Dates, critical flags and the order check as formulas that read the "After" column.

    The tasks are written in order: those before the launch (each below the tasks it follows),
    the launch, then those after it. Before the launch a task ends the working day before the
    earliest start of the tasks below it that list it in "After" (or before the launch) and
    starts ``duration`` working days earlier; after it, a task starts the working day after the
    latest end of the tasks above it that it lists (or after the launch) — as
    :func:`retroplan.schedule`. Each formula only looks at rows below (before the launch) or
    above (after it), so editing "After" reschedules without a circular reference; a link
    against that order lights the check cell and the "After" cell in red.

    Hidden helper columns, per task row: its id and its "After" list as ``,id,`` text, its
    anchor (the deadline before the launch, the latest predecessor's end after it), its earliest
    (before) or latest (after) start and the day after its earliest end, for the critical path,
    the latest start its successors allow (after the launch) and its order problem (0 or 1).
    """
    placed_tasks = None if w.blank else plan_schedule(w.plan)
    if placed_tasks is None or placed_tasks.empty:
        return
    letters, lang = w.letters["retro"], w.lang
    info = placed_tasks.set_index("task_id")
    row_of = {r["task_id"]: FIRST_ROW + i for i, r in enumerate(w.records["retro"])}
    if set(info.index) - set(row_of) or len(row_of) != len(info):
        return
    rows = sorted(row_of.values())
    first, last = rows[0], rows[-1]
    launch = dict(zip(info.index, info["launch"].astype(bool), strict=True))
    later = dict(zip(info.index, info["after_launch"].astype(bool), strict=True))
    launch_rows = [row_of[i] for i in info.index if launch[i]]
    before = [row_of[i] for i in info.index if not launch[i] and not later[i]]
    after = [row_of[i] for i in info.index if later[i]]
    after_set, launch_set = set(after), set(launch_rows)
    launch_first = min(launch_rows)
    # The order the rows were written in (table_records) is what every range below relies on.
    if (before and max(before) > launch_first) or (after and min(after) < max(launch_rows)):
        return
    pre_first, pre_last = first, launch_first - 1
    post_first, post_last = max(launch_rows) + 1, last
    names = ("key", "after", "anchor", "bound", "after_end", "late_bound", "problem")
    h = {name: get_column_letter(helper_col + k) for k, name in enumerate(names)}
    K, N, X, B, F, Y, Q = (h[name] for name in names)
    S, E, D, U = (letters[k] for k in ("start", "end", "duration_days", "duration_unit"))
    C, ID, AFTER, NAME = (
        letters["critical"],
        letters["task_id"],
        letters["depends_on"],
        letters["name"],
    )
    calendar = formula_text(list_label("unit", "calendar", lang))
    yes = formula_text(t("exports.yes", lang))
    no = formula_text(t("exports.no", lang))
    first_day = f"MIN(${S}${pre_first}:${S}${pre_last})" if before else "LaunchDate"
    last_day = f"MAX(${E}${post_first}:${E}${post_last})" if after else "LaunchDate"
    date_style = w.styles.get("calc", FMT_DATE)
    flag_style = w.styles.get("calc", "General")

    def span(letter: str, top: int, bottom: int) -> str:
        return f"${letter}${top}:${letter}${bottom}"

    def lists(r: int, top: int, bottom: int) -> str:
        # Rows top..bottom whose "After" lists the task of row r.
        return f"ISNUMBER(FIND({K}{r},{span(N, top, bottom)}))"

    def listed(r: int, top: int, bottom: int) -> str:
        # Rows top..bottom that row r's "After" lists.
        return f"ISNUMBER(FIND({span(K, top, bottom)},{N}{r}))"

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

    def put_formula(cell: str, text: str, *, array: bool = False, style: str | None = None):
        target = ws[cell]
        formula(target, ArrayFormula(cell, f"={text}") if array else f"={text}")
        if style is not None:
            target.style = style

    for r in rows:
        put_formula(f"{K}{r}", f'","&SUBSTITUTE({ID}{r}," ","")&","')
        put_formula(f"{N}{r}", f'","&SUBSTITUTE({AFTER}{r}," ","")&","')
        # Order check: every task listed in "After" is written above; after the launch, one
        # of them is the launch or follows it; a milestone is followed (else it is a launch).
        count = f'IF({N}{r}=",,",0,LEN({N}{r})-LEN(SUBSTITUTE({N}{r},",",""))-1)'
        found = (
            f'SUMPRODUCT({listed(r, first, r - 1)}*({span(ID, first, r - 1)}<>""))'
            if r > first
            else "0"
        )
        problems = [f"{count}>{found}"]
        if r in after_set:
            problems.append(f"SUMPRODUCT(--{listed(r, launch_first, r - 1)})=0")
        if r not in launch_set:
            problems.append(f"AND(N({D}{r})=0,SUMPRODUCT(--{lists(r, first, last)})=0)")
        put_formula(f"{Q}{r}", f"IF(OR({','.join(problems)}),1,0)")
        if r in launch_set:
            start, end, bound = "LaunchDate", "LaunchDate", f"{S}{r}"
        elif r in after_set:
            anchor = (
                f"MAX(LaunchDate,IF({listed(r, post_first, r - 1)},{span(E, post_first, r - 1)},LaunchDate))"
                if r > post_first
                else "LaunchDate"
            )
            put_formula(f"{X}{r}", anchor, array=r > post_first)
            start, end = f"WORKDAY({X}{r},1,Holidays)", end_from(r, f"{S}{r}")
            ceiling = f"{last_day}+1"
            late = (
                f"MIN({ceiling},IF({lists(r, r + 1, post_last)},{span(B, r + 1, post_last)},{ceiling}))"
                if r < post_last
                else ceiling
            )
            put_formula(f"{Y}{r}", late, array=r < post_last)
            bound = late_start(r, f"{Y}{r}")
        else:
            anchor = (
                f"MIN(LaunchDate,IF({lists(r, r + 1, pre_last)},{span(S, r + 1, pre_last)},LaunchDate))"
                if r < pre_last
                else "LaunchDate"
            )
            put_formula(f"{X}{r}", anchor, array=r < pre_last)
            d = f"MAX(N({D}{r}),0)"
            start = late_start(r, f"{X}{r}")
            end = f"IF(AND({U}{r}={calendar},{d}>0),{S}{r}+{d}-1,WORKDAY({X}{r},-1,Holidays))"
            earliest = (
                f"MAX({first_day},IF({listed(r, pre_first, r - 1)},{span(F, pre_first, r - 1)},{first_day}))"
                if r > pre_first
                else first_day
            )
            put_formula(f"{B}{r}", earliest, array=r > pre_first)
            put_formula(f"{F}{r}", next_after(r, f"{B}{r}"))
            bound = None
        put_formula(f"{S}{r}", start, style=date_style)
        put_formula(f"{E}{r}", end, style=date_style)
        if bound is not None:
            put_formula(f"{B}{r}", bound)
        put_formula(f"{C}{r}", f"IF({S}{r}={B}{r},{yes},{no})", style=flag_style)
        for letter in (X, B, F, Y):
            ws[f"{letter}{r}"].number_format = FMT_DATE
    for k in range(len(names)):
        ws.column_dimensions[get_column_letter(helper_col + k)].hidden = True
    _order_check(w, ws, span(Q, first, last), span(NAME, first, last), span(AFTER, first, last), Q)
    note = ws.cell(row=LEGEND_ROW, column=3)
    put(note, t("exports.retro_live", lang))
    note.font = Font(italic=True, size=9)


def _order_check(w: Writer, ws, problems: str, names: str, after: str, flag: str) -> None:
    """The visible check cell above the table, and the red "After" cells it points at."""
    cell = ws.cell(row=GANTT_DATE_ROW, column=1)
    marker = "¤task¤"
    head, _, tail = t("exports.retro_check_problem", w.lang, task=marker).partition(marker)
    ok = formula_text(t("exports.retro_check_ok", w.lang))
    which = f"INDEX({names},MATCH(1,{problems},0))"
    formula(
        cell,
        f"=IF(SUM({problems})=0,{ok},{formula_text(head)}&{which}&{formula_text(tail)})",
    )
    cell.font = Font(bold=True, color=OK_COLOUR)
    red = Font(bold=True, color=CRITICAL_COLOUR)
    ws.conditional_formatting.add(
        cell.coordinate, FormulaRule(formula=[f"SUM({problems})>0"], font=red)
    )
    top = after.split(":")[0].replace("$", "")
    row = "".join(ch for ch in top if ch.isdigit())
    fill = PatternFill("solid", start_color="F4CCCC", end_color="F4CCCC", bgColor="F4CCCC")
    ws.conditional_formatting.add(
        after.replace("$", ""), FormulaRule(formula=[f"${flag}{row}=1"], fill=fill, font=red)
    )


def gantt_days(w: Writer) -> int:
    """How many working-day columns the Gantt grid has."""
    w.gantt_truncated = False
    records = [r for r in w.records["retro"] if r.get("start") and r.get("end")]
    if not records:
        return DEFAULT_GANTT_DAYS
    first = min(r["start"] for r in records)
    last = max(r["end"] for r in records)
    days = len(working_days(first, last))
    if days > MAX_GANTT_DAYS:
        w.gantt_truncated = True
    return max(1, min(days, MAX_GANTT_DAYS))
