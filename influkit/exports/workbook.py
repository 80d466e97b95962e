"""The plan workbook: a live Excel file a graduate keeps using at work.

Owns the layout of the exported ``.xlsx`` (sheets, tables, their columns and where each figure
sits), the formulas that recompute the budget and the KPIs, the conditional-formatting Gantt,
the native charts of the dashboard and the named ranges of the parameters. The round trip
(:mod:`influkit.exports.roundtrip`) reads the same column specifications back.

No text a user typed ever becomes a formula: every string is written with the text type.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, LineChart, PieChart, Reference, Series
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from influkit import metrics
from influkit.campaign.budget.optimiser import BUDGET_CATEGORIES, VAT_RATE
from influkit.campaign.results import source_note
from influkit.errors import UserError
from influkit.exports.safe_files import is_formula_like
from influkit.identify import profiles
from influkit.kpis import excel_format, kpi_label
from influkit.operations.schedule import scheduler as retroplan
from influkit.plan.model import (
    AGE_BANDS,
    BUSINESS_AIMS,
    DELIVERABLE_STATUSES,
    PLATFORMS,
    SHORTLIST_ROLES,
    Plan,
)
from influkit.text.i18n import catalogue, normalize_language, t

# --- layout ---------------------------------------------------------------------------------

#: Sheet codes in workbook order; names come from ``exports.sheet.<code>``.
SHEETS: tuple[str, ...] = (
    "brief",
    "objectives",
    "shortlist",
    "deliverables",
    "retro",
    "budget",
    "forecast",
    "results",
    "kpis",
    "dashboard",
    "parameters",
)
TITLE_ROW = 1
LEGEND_ROW = 2
GANTT_DATE_ROW = 3
HEADER_ROW = 4
FIRST_ROW = 5
#: Input rows of every table in the blank template (and at least as many in an export).
INPUT_ROWS = 50
#: Empty input rows left under the plan's rows, for the user to add items.
SPARE_ROWS = 20
#: Working days the Gantt grid covers when the plan has no dates yet (13 weeks).
DEFAULT_GANTT_DAYS = 65
MAX_GANTT_DAYS = 400
DEFAULT_WEEKS = 12
MAX_WEEKS = 53
DATE_MIN_SERIAL = 36526  # 01/01/2000
DATE_MAX_SERIAL = 73051  # 01/01/2100

INPUT_COLOUR = "FFF2CC"
CALC_COLOUR = "EDEDED"
HEADER_COLOUR = "880E4F"
TASK_COLOUR = "5B9BD5"
CRITICAL_COLOUR = "C62828"
MILESTONE_COLOUR = "F9A825"

# Number formats are locale-independent in XLSX: Excel shows them with the user's separators.
FMT_MONEY = '#,##0.00 "€"'
FMT_MONEY_0 = '#,##0 "€"'
FMT_INT = "#,##0"
FMT_NUMBER = "#,##0.00"
FMT_PERCENT = "0.0 %"
FMT_DATE = "dd/mm/yyyy"
FMT_DAY = "dd/mm"
FMT_RATIO = "0.00"

_NUMBER_FORMATS = {
    "text": "General",
    "long": "General",
    "id": "General",
    "list": "General",
    "multi": "General",
    "int": FMT_INT,
    "amount": FMT_INT,
    "number": FMT_NUMBER,
    "money": FMT_MONEY,
    "percent": FMT_PERCENT,
    "share": FMT_PERCENT,
    "date": FMT_DATE,
    "ratio": FMT_RATIO,
}


@dataclass(frozen=True)
class Column:
    """One column of a workbook table: its header key, the plan field and how it is typed.

    ``kind`` is an input kind (text, long, id, list, multi, int, amount, number, money, percent,
    share, date) or ``formula``; ``options`` names the list of a list column; ``formula`` is a
    template with ``{r}`` (the row) and ``{<field>}`` (the letter of another column).
    """

    header: str
    field: str
    kind: str = "text"
    width: float = 14
    options: str | None = None
    formula: str | None = None
    fmt: str | None = None
    strict: bool = True

    @property
    def is_input(self) -> bool:
        """Whether the user types this column (else a formula fills it)."""
        return self.kind != "formula"


OBJECTIVE_COLUMNS: tuple[Column, ...] = (
    Column("id", "objective_id", "id", 14),
    Column("aim", "business_aim", "list", 24, "aim"),
    Column("kpi", "kpi", "list", 20, "kpi", strict=False),
    Column("audience", "audience", "long", 30),
    Column("platform", "platform", "list", 16, "platform", strict=False),
    Column("offer", "offer", "long", 24),
    Column("baseline", "baseline", "number", 14),
    Column("target", "target", "number", 14),
    Column("start", "start", "date", 12),
    Column("end", "end", "date", 12),
    Column("note", "note", "long", 36),
)
SHORTLIST_COLUMNS: tuple[Column, ...] = (
    Column("influencer_id", "influencer_id", "id", 16),
    Column("handle", "handle", "text", 22),
    Column("display_name", "display_name", "text", 22),
    Column("platform", "platform", "list", 14, "platform", strict=False),
    Column("niche", "niche", "list", 16, "niche", strict=False),
    Column("followers", "followers", "int", 13),
    Column(
        "tier",
        "tier",
        "formula",
        13,
        formula=(
            '=IF(ISNUMBER({followers}{r}),IFERROR(LOOKUP({followers}{r},TierMin,TierNames),""),"")'
        ),
        fmt="General",
    ),
    Column("er", "er", "percent", 13),
    Column("avg_reach", "avg_reach", "amount", 14),
    Column("avg_impressions", "avg_impressions", "amount", 14),
    Column("price_per_post", "price_per_post_eur", "money", 15),
    Column(
        "est_cpm",
        "est_cpm_eur",
        "formula",
        13,
        formula=(
            "=IF(AND(ISNUMBER({price_per_post_eur}{r}),N({avg_impressions}{r})>0),"
            '{price_per_post_eur}{r}/{avg_impressions}{r}*1000,"")'
        ),
        fmt=FMT_MONEY,
    ),
    Column("credibility", "audience_credibility", "share", 13),
    Column("role", "role", "list", 22, "role"),
    Column("note", "note", "long", 36),
)
DELIVERABLE_COLUMNS: tuple[Column, ...] = (
    Column("id", "deliverable_id", "id", 14),
    Column("influencer_id", "influencer_id", "id", 16),
    Column("platform", "platform", "list", 14, "platform", strict=False),
    Column("format", "format", "list", 14, "format", strict=False),
    Column("count", "count", "int", 9),
    Column("window_start", "window_start", "date", 13),
    Column("window_end", "window_end", "date", 13),
    Column("compensation", "compensation_eur_ht", "money", 15),
    Column("status", "status", "list", 15, "status"),
    Column("note", "note", "long", 36),
)
TASK_COLUMNS: tuple[Column, ...] = (
    Column("id", "task_id", "id", 16),
    Column("task", "name", "long", 38),
    Column("start", "start", "date", 13),
    Column("end", "end", "date", 13),
    Column("duration", "duration_days", "int", 9),
    Column("unit", "duration_unit", "list", 15, "unit"),
    Column("phase", "phase", "list", 20, "phase", strict=False),
    Column("depends_on", "depends_on", "text", 20),
    Column("critical", "critical", "list", 9, "yes_no"),
    Column("owner", "owner", "text", 14),
    Column("deliverable_id", "deliverable_id", "id", 14),
)
BUDGET_COLUMNS: tuple[Column, ...] = (
    Column("id", "line_id", "id", 14),
    Column("category", "category", "list", 28, "category"),
    Column("label", "label", "long", 30),
    Column("influencer_id", "influencer_id", "id", 16),
    Column("platform", "platform", "list", 14, "platform", strict=False),
    Column("tier", "tier", "list", 12, "tier"),
    Column("quantity", "quantity", "number", 10),
    Column("unit_cost", "unit_cost_eur_ht", "money", 15),
    Column(
        "total_ht",
        "total_eur_ht",
        "formula",
        15,
        formula=(
            "=IF(AND(ISNUMBER({quantity}{r}),ISNUMBER({unit_cost_eur_ht}{r})),"
            '{quantity}{r}*{unit_cost_eur_ht}{r},"")'
        ),
        fmt=FMT_MONEY,
    ),
    Column("note", "note", "long", 30),
)
RESULT_COLUMNS: tuple[Column, ...] = (
    Column("post_ref", "post_ref", "id", 16),
    Column("influencer_id", "influencer_id", "id", 16),
    Column("platform", "platform", "list", 14, "platform", strict=False),
    Column("published_on", "published_on", "date", 12),
    Column("cost", "cost_eur_ht", "money", 14),
    Column("impressions", "impressions", "amount", 13),
    Column("reach", "reach", "amount", 12),
    Column("views", "views", "amount", 12),
    Column("engagements", "engagements", "amount", 13),
    Column("clicks", "clicks", "amount", 10),
    Column("conversions", "conversions", "amount", 12),
    Column("revenue", "revenue_eur", "money", 15),
    Column(
        "emv",
        "emv",
        "formula",
        14,
        formula=(
            '=IF(COUNT({impressions}{r},{engagements}{r})=0,"",IFERROR('
            'N({impressions}{r})/1000*INDEX(EmvCpm,MATCH(IF({platform}{r}="",{other},'
            "{platform}{r}),EmvPlatforms,0))+N({engagements}{r})*INDEX(EmvVpe,MATCH("
            'IF({platform}{r}="",{other},{platform}{r}),EmvPlatforms,0)),""))'
        ),
        fmt=FMT_MONEY,
    ),
)
#: The tables of the workbook: sheet code → columns.
TABLES: dict[str, tuple[Column, ...]] = {
    "objectives": OBJECTIVE_COLUMNS,
    "shortlist": SHORTLIST_COLUMNS,
    "deliverables": DELIVERABLE_COLUMNS,
    "retro": TASK_COLUMNS,
    "budget": BUDGET_COLUMNS,
    "results": RESULT_COLUMNS,
}

#: Brief fields in the order of the Brief sheet, with their kind and list.
BRIEF_FIELDS: tuple[tuple[str, str, str | None], ...] = (
    ("title", "text", None),
    ("brand", "text", None),
    ("product", "text", None),
    ("product_category", "list", "sector"),
    ("business_aim", "list", "aim"),
    ("budget_eur_ht", "money", None),
    ("launch_date", "date", None),
    ("target_description", "long", None),
    ("female_share", "share", None),
    ("age_bands", "multi", "age"),
    ("countries", "multi", "country"),
    ("niches", "multi", "niche"),
    ("context", "long", None),
    ("constraints", "long", None),
    ("notes", "long", None),
    ("client_learnings", "long", None),
)
#: Rows left for notes per page on the Brief sheet (at least).
NOTE_ROWS = 10

#: KPI rows of the KPI sheet: (code, how, operands, number format). ``sum`` adds a column of
#: the Results sheet; ``ratio`` divides two KPI rows (times a scale); roi rows are special.
#: Number formats come from the KPI catalogue, so the sheet writes KPIs as the app does.
KPI_ROWS: tuple[tuple[str, str, tuple[Any, ...], str], ...] = tuple(
    (code, how, operands, excel_format(code))
    for code, how, operands in (
        ("cost", "sum", ("cost_eur_ht",)),
        ("impressions", "sum", ("impressions",)),
        ("reach", "sum", ("reach",)),
        ("views", "sum", ("views",)),
        ("engagements", "sum", ("engagements",)),
        ("clicks", "sum", ("clicks",)),
        ("conversions", "sum", ("conversions",)),
        ("revenue", "sum", ("revenue_eur",)),
        ("emv", "sum", ("emv",)),
        ("cpm", "ratio", ("cost", "impressions", 1000)),
        ("cpe", "ratio", ("cost", "engagements", 1)),
        ("cpc", "ratio", ("cost", "clicks", 1)),
        ("cpv", "ratio", ("cost", "views", 1)),
        ("cpa", "ratio", ("cost", "conversions", 1)),
        ("ctr", "ratio", ("clicks", "impressions", 1)),
        ("conversion_rate", "ratio", ("conversions", "clicks", 1)),
        ("roas", "ratio", ("revenue", "cost", 1)),
        ("roi", "roi", ()),
        ("roi_margin", "roi_margin", ()),
    )
)
KPI_CODES: tuple[str, ...] = tuple(code for code, *_ in KPI_ROWS)
#: KPI rows the dashboard charts (targets against actuals): volumes on one scale.
CHART_KPIS: tuple[str, ...] = ("impressions", "reach", "views", "engagements", "clicks")
#: Columns of the KPI-by-platform block: (header key, Results field or ratio).
PLATFORM_BLOCK: tuple[tuple[str, Any], ...] = (
    ("platform", None),
    ("cost", "cost_eur_ht"),
    ("impressions", "impressions"),
    ("engagements", "engagements"),
    ("clicks", "clicks"),
    ("conversions", "conversions"),
    ("revenue", "revenue_eur"),
    ("cpm", ("cost", "impressions", 1000)),
    ("cpe", ("cost", "engagements", 1)),
    ("roas", ("revenue", "cost", 1)),
)
KPI_PLATFORM_COLUMN = 8  # column H
BUDGET_SUMMARY_COLUMN = 12  # column L
BUDGET_SUMMARY: tuple[str, ...] = (
    "total_ht",
    "vat_rate",
    "vat",
    "total_ttc",
    "envelope",
    "remaining",
    "share_used",
)
PARAM_ROWS = {"vat_rate": 5, "margin_rate": 6}
EMV_HEADER_ROW = 9
HOLIDAY_COLUMN = 5  # column E
LISTS_COLUMN = 8  # column H


# --- value lists ----------------------------------------------------------------------------


def _catalogue_codes(prefix: str) -> list[str]:
    """The codes of a catalogue namespace (``data.niche`` → beauty, fashion…), French order."""
    head = prefix + "."
    return [key[len(head) :] for key in catalogue("fr") if key.startswith(head)]


def list_codes(name: str, plan: Plan | None = None) -> list[Any]:
    """The codes of a drop-down list, in the order the list shows them."""
    if name == "category":
        return list(BUDGET_CATEGORIES)
    if name == "platform":
        return list(PLATFORMS)
    if name == "tier":
        scheme = plan.settings.tier_scheme if plan is not None else metrics.DEFAULT_TIER_SCHEME
        scheme = scheme if scheme in metrics.TIER_SCHEMES else metrics.DEFAULT_TIER_SCHEME
        return [code for code, _ in metrics.TIER_SCHEMES[scheme]]
    if name == "role":
        return list(SHORTLIST_ROLES)
    if name == "status":
        return list(DELIVERABLE_STATUSES)
    if name == "aim":
        return list(BUSINESS_AIMS)
    if name == "phase":
        return list(retroplan.PHASES)
    if name == "unit":
        return list(retroplan.DURATION_UNITS)
    if name == "yes_no":
        return [True, False]
    if name == "kpi":
        return list(KPI_CODES)
    if name == "age":
        return list(AGE_BANDS)
    if name == "niche":
        return _catalogue_codes("data.niche")
    if name == "country":
        return _catalogue_codes("data.country")
    if name == "format":
        return _catalogue_codes("data.format")
    if name == "sector":
        from influkit.campaign.compliance import SECTORS

        return list(SECTORS)
    raise KeyError(name)


def list_label(name: str, code: Any, lang: str) -> str:
    """The label a drop-down list shows for ``code`` (the code itself when it has none)."""
    if code is None or code == "":
        return ""
    if name == "yes_no":
        return t("exports.yes" if code else "exports.no", lang)
    if name == "country":
        return str(code)
    namespace = {
        "category": "budget.category",
        "platform": "data.platform",
        "tier": "metrics.tier",
        "role": "exports.role",
        "status": "exports.status",
        "aim": "aim",
        "phase": "retroplan.phase",
        "unit": "retroplan.unit",
        "age": "age",
        "niche": "data.niche",
        "format": "data.format",
        "sector": "compliance.sector",
    }.get(name)
    if name == "kpi":
        return kpi_label(str(code), lang)
    key = f"{namespace}.{code}"
    return t(key, lang) if key in catalogue(lang) else str(code)


#: Lists written on the Parameters sheet and used by drop-down validations.
VALIDATION_LISTS: tuple[str, ...] = (
    "category",
    "platform",
    "tier",
    "role",
    "status",
    "aim",
    "phase",
    "unit",
    "yes_no",
    "kpi",
    "niche",
    "format",
    "sector",
)


# --- small helpers --------------------------------------------------------------------------


def sheet_name(code: str, lang: str) -> str:
    """The name of a sheet in the workbook's language."""
    return t(f"exports.sheet.{code}", lang)[:31]


def header_label(column: Column, lang: str) -> str:
    """The header a table column shows in ``lang``."""
    return t(f"exports.col.{column.header}", lang)


def _ref(sheet: str, cell: str) -> str:
    return f"{quote_sheetname(sheet)}!{cell}"


def _abs(col: int, row: int) -> str:
    return f"${get_column_letter(col)}${row}"


def _clean(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def put(cell, value: Any) -> None:
    """Write a value; a string always stays text, even when it starts like a formula."""
    if isinstance(value, str):
        text = _clean(value)
        cell.value = text
        if is_formula_like(text):
            cell.data_type = "s"
        return
    if isinstance(value, float) and not math.isfinite(value):
        cell.value = None
        return
    if isinstance(value, pd.Timestamp):
        value = None if pd.isna(value) else value.to_pydatetime()
    elif hasattr(value, "item") and not isinstance(value, dt.date):
        value = value.item()  # numpy scalars
    cell.value = value


def formula(cell, text: str) -> None:
    """Write a formula the toolkit built (never user text)."""
    cell.value = text


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _formula_text(text: str) -> str:
    """A string literal inside a formula."""
    return '"' + text.replace('"', '""') + '"'


class _Styles:
    """The workbook's named styles: one per (input or calculated) × number format."""

    def __init__(self, workbook: Workbook, lang: str) -> None:
        self.workbook = workbook
        self.lang = lang
        thin = Side(style="thin", color="BFBFBF")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.names: dict[tuple[str, str, bool], str] = {}
        header = NamedStyle(name=t("exports.style.header", lang))
        header.font = Font(bold=True, color="FFFFFF")
        header.fill = PatternFill("solid", start_color=HEADER_COLOUR, end_color=HEADER_COLOUR)
        header.alignment = Alignment(wrap_text=True, vertical="center")
        header.border = self.border
        workbook.add_named_style(header)
        self.header = header.name
        title = NamedStyle(name=t("exports.style.title", lang))
        title.font = Font(bold=True, size=14, color=HEADER_COLOUR)
        workbook.add_named_style(title)
        self.title = title.name

    def get(self, role: str, number_format: str, wrap: bool = False) -> str:
        """The named style for an input (``role="input"``) or a calculated cell."""
        key = (role, number_format, wrap)
        if key not in self.names:
            base = t(f"exports.style.{role}", self.lang)
            name = f"{base} {len(self.names) + 1}"
            style = NamedStyle(name=name)
            colour = INPUT_COLOUR if role == "input" else CALC_COLOUR
            style.fill = PatternFill("solid", start_color=colour, end_color=colour)
            style.border = self.border
            style.number_format = number_format
            style.alignment = Alignment(wrap_text=wrap, vertical="top")
            if role != "input":
                style.font = Font(italic=True, color="404040")
            self.workbook.add_named_style(style)
            self.names[key] = name
        return self.names[key]


# --- what goes in the cells -----------------------------------------------------------------


def _present(value: Any) -> Any:
    """None for a missing value (None, NaN, NaT, empty text), else the value."""
    if value is None or (isinstance(value, str) and not value):
        return None
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


_PROFILE_COLUMNS = (
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


def _influencer_lookup(plan: Plan) -> dict[str, dict[str, Any]]:
    """The figures of every influencer the plan knows, by id (missing values as None)."""
    table = profiles.influencer_table(plan).drop_duplicates("influencer_id")
    columns = [c for c in _PROFILE_COLUMNS if c in table.columns]
    frame = table.set_index("influencer_id")[columns].astype(object)
    frame = frame.where(frame.notna(), None)
    return frame.to_dict("index")


def budget_lines_frame(
    plan: Plan, influencers: dict[str, dict[str, Any]] | None = None
) -> pd.DataFrame:
    """The plan's budget lines with each influencer's platform and tier codes (for breakdowns)."""
    lookup = _influencer_lookup(plan) if influencers is None else influencers
    rows = []
    for line in plan.budget_lines:
        row = line.model_dump()
        known = lookup.get(line.influencer_id) if line.influencer_id else None
        row["platform"] = _present(known.get("platform")) if known else None
        row["tier"] = _present(known.get("tier")) if known else None
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


def _schedule(plan: Plan) -> pd.DataFrame | None:
    if not plan.tasks or plan.brief.launch_date is None:
        return None
    try:
        return retroplan.schedule(plan.tasks, plan.brief.launch_date)
    except UserError:
        return None


def _records(plan: Plan, lang: str, blank: bool) -> dict[str, list[dict[str, Any]]]:
    """Per table, one dict per row with the values the cells show (labels for list codes)."""
    if blank:
        return {code: [] for code in TABLES}
    lookup = _influencer_lookup(plan)
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
            for name in _PROFILE_COLUMNS:
                if name != "tier":
                    row[name] = _present(known.get(name))
        shortlist.append(row)
    out["shortlist"] = shortlist
    out["deliverables"] = [d.model_dump() for d in plan.deliverables]
    scheduled = _schedule(plan)
    dates = {} if scheduled is None else scheduled.set_index("task_id").to_dict("index")
    tasks = []
    for task in plan.tasks:
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


def _shown(column: Column, value: Any, lang: str) -> Any:
    """The value a cell holds for a plan value: labels for codes, numbers as numbers."""
    value = _present(value)
    if value is None:
        return None
    if column.kind == "list":
        return list_label(column.options, value, lang)
    if column.kind == "multi":
        return ", ".join(list_label(column.options, v, lang) for v in value)
    if column.kind in ("int", "amount", "number", "money", "percent", "share"):
        return _number(value)
    if column.kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        return value if isinstance(value, dt.date) else None
    return value if isinstance(value, str) else str(value)


# --- the writer -----------------------------------------------------------------------------


class _Writer:
    """Builds the workbook sheet by sheet, remembering where each figure sits."""

    def __init__(self, plan: Plan, lang: str, blank: bool) -> None:
        self.plan = plan
        self.lang = lang
        self.blank = blank
        self.wb = Workbook()
        self.styles = _Styles(self.wb, lang)
        self.names = {code: sheet_name(code, lang) for code in SHEETS}
        self.ws = {}
        first = self.wb.active
        for index, code in enumerate(SHEETS):
            sheet = first if index == 0 else self.wb.create_sheet()
            sheet.title = self.names[code]
            self.ws[code] = sheet
        self.records = _records(plan, lang, blank)
        self.rows = {code: self._row_count(code) for code in TABLES}
        self.letters = {
            code: {c.field: get_column_letter(i) for i, c in enumerate(cols, start=1)}
            for code, cols in TABLES.items()
        }
        self.brand = "" if blank else plan.brief.brand

    def _row_count(self, code: str) -> int:
        return max(INPUT_ROWS, len(self.records[code]) + SPARE_ROWS)

    def last_row(self, code: str) -> int:
        """The last data row of a table."""
        return FIRST_ROW + self.rows[code] - 1

    def column_range(self, code: str, field: str) -> str:
        """The absolute range of a table column, sheet included."""
        letter = self.letters[code][field]
        return _ref(self.names[code], f"${letter}${FIRST_ROW}:${letter}${self.last_row(code)}")

    def name(self, name: str, sheet_code: str, cells: str) -> None:
        """Define a workbook-level named range."""
        self.wb.defined_names[name] = DefinedName(
            name, attr_text=_ref(self.names[sheet_code], cells)
        )

    # -- common pieces --

    def title(self, code: str) -> None:
        ws = self.ws[code]
        cell = ws.cell(row=TITLE_ROW, column=1)
        put(cell, t(f"exports.title.{code}", self.lang, brand=self.brand or "…"))
        cell.style = self.styles.title
        legend = ws.cell(row=LEGEND_ROW, column=1)
        put(legend, t("exports.legend.input", self.lang))
        legend.style = self.styles.get("input", "General")
        calc = ws.cell(row=LEGEND_ROW, column=2)
        put(calc, t("exports.legend.calc", self.lang))
        calc.style = self.styles.get("calc", "General")

    def header(self, ws, row: int, col: int, text: str) -> None:
        cell = ws.cell(row=row, column=col)
        put(cell, text)
        cell.style = self.styles.header

    def validation(self, ws, column: Column, cells: str) -> None:
        """Attach the validation a column's kind calls for to ``cells``."""
        lang = self.lang
        kind, options, strict = column.kind, column.options, column.strict
        if kind == "list" and options in VALIDATION_LISTS:
            dv = DataValidation(type="list", formula1=f"List_{options}", allow_blank=True)
            dv.errorStyle = "stop" if strict else "warning"
            key = "list"
        elif kind in ("number", "amount", "money", "percent"):
            dv = DataValidation(
                type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True
            )
            key = "number"
        elif kind == "share":
            dv = DataValidation(
                type="decimal", operator="between", formula1="0", formula2="1", allow_blank=True
            )
            key = "percent"
        elif kind == "int":
            dv = DataValidation(
                type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True
            )
            key = "whole"
        elif kind == "date":
            dv = DataValidation(
                type="date",
                operator="between",
                formula1=str(DATE_MIN_SERIAL),
                formula2=str(DATE_MAX_SERIAL),
                allow_blank=True,
            )
            key = "date"
        else:
            return
        dv.showErrorMessage = True
        dv.errorTitle = t(f"exports.validation.{key}_title", lang)
        dv.error = t(f"exports.validation.{key}", lang)
        ws.add_data_validation(dv)
        dv.add(cells)

    def table(
        self,
        code: str,
        columns: Sequence[Column],
        *,
        start_col: int = 1,
        extra: Mapping[str, str] | None = None,
    ) -> None:
        """Write a table: header, the plan's rows, spare input rows, validations, Excel table."""
        ws = self.ws[code]
        records = self.records[code]
        letters = {**self.letters[code], **(extra or {})}
        n_rows = self.rows[code]
        styles = []
        for j, column in enumerate(columns, start=start_col):
            self.header(ws, HEADER_ROW, j, header_label(column, self.lang))
            ws.column_dimensions[get_column_letter(j)].width = column.width
            wrap = column.kind == "long"
            if column.is_input:
                styles.append(self.styles.get("input", _NUMBER_FORMATS[column.kind], wrap))
            else:
                styles.append(self.styles.get("calc", column.fmt or "General"))
        for i in range(n_rows):
            row = FIRST_ROW + i
            record = records[i] if i < len(records) else None
            for j, column in enumerate(columns):
                cell = ws.cell(row=row, column=start_col + j)
                cell.style = styles[j]
                if not column.is_input:
                    formula(cell, column.formula.format(r=row, **letters))
                elif record is not None:
                    put(cell, _shown(column, record.get(column.field), self.lang))
        last = FIRST_ROW + n_rows - 1
        for j, column in enumerate(columns, start=start_col):
            letter = get_column_letter(j)
            self.validation(ws, column, f"{letter}{FIRST_ROW}:{letter}{last}")
        ref = (
            f"{get_column_letter(start_col)}{HEADER_ROW}:"
            f"{get_column_letter(start_col + len(columns) - 1)}{last}"
        )
        table = Table(displayName=f"tbl_{code}", ref=ref)
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
        ws.add_table(table)
        ws.freeze_panes = ws.cell(row=FIRST_ROW, column=start_col + 1)

    # -- sheets --

    def brief(self) -> None:
        ws = self.ws["brief"]
        lang, plan, brief = self.lang, self.plan, self.plan.brief
        self.title("brief")
        ws.column_dimensions["A"].width = 44
        ws.column_dimensions["B"].width = 90
        self.header(ws, HEADER_ROW, 1, t("exports.brief.field", lang))
        self.header(ws, HEADER_ROW, 2, t("exports.brief.value", lang))
        audience = brief.target_audience
        values = {
            "title": plan.title,
            "brand": brief.brand,
            "product": brief.product,
            "product_category": brief.product_category,
            "business_aim": brief.business_aim,
            "budget_eur_ht": brief.budget_eur_ht,
            "launch_date": brief.launch_date,
            "target_description": audience.description,
            "female_share": audience.female_share,
            "age_bands": audience.age_bands,
            "countries": audience.countries,
            "niches": brief.niches,
            "context": brief.context,
            "constraints": brief.constraints,
            "notes": brief.notes,
            "client_learnings": plan.client_learnings,
        }
        for offset, (field, kind, options) in enumerate(BRIEF_FIELDS):
            row = FIRST_ROW + offset
            label = ws.cell(row=row, column=1)
            put(label, t(f"exports.brief.{field}", lang))
            label.font = Font(bold=True)
            label.alignment = Alignment(vertical="top", wrap_text=True)
            cell = ws.cell(row=row, column=2)
            column = Column(
                field, field, kind, options=options, strict=field not in ("product_category",)
            )
            cell.style = self.styles.get("input", _NUMBER_FORMATS[kind], kind == "long")
            if not self.blank:
                put(cell, _shown(column, values[field], lang))
            self.validation(ws, column, f"B{row}")
            if kind == "long":
                ws.row_dimensions[row].height = 150 if field == "context" else 75
            if field == "budget_eur_ht":
                self.name("Envelope", "brief", f"$B${row}")
            if field == "launch_date":
                self.name("LaunchDate", "brief", f"$B${row}")
        row = FIRST_ROW + len(BRIEF_FIELDS) + 1
        put(ws.cell(row=row, column=1), t("exports.brief.page_notes", lang))
        ws.cell(row=row, column=1).font = Font(bold=True, size=12, color=HEADER_COLOUR)
        self.header(ws, row + 1, 1, t("exports.brief.page", lang))
        self.header(ws, row + 1, 2, t("exports.brief.note", lang))
        notes = [] if self.blank else list(plan.notes.items())
        style = self.styles.get("input", "General", True)
        for i in range(max(NOTE_ROWS, len(notes) + 5)):
            key_cell = ws.cell(row=row + 2 + i, column=1)
            value_cell = ws.cell(row=row + 2 + i, column=2)
            key_cell.style = style
            value_cell.style = style
            if i < len(notes):
                put(key_cell, notes[i][0])
                put(value_cell, notes[i][1])
        ws.freeze_panes = "A5"

    def objectives(self) -> None:
        self.title("objectives")
        self.table("objectives", OBJECTIVE_COLUMNS)

    def shortlist(self) -> None:
        self.title("shortlist")
        self.table("shortlist", SHORTLIST_COLUMNS)

    def deliverables(self) -> None:
        self.title("deliverables")
        self.table("deliverables", DELIVERABLE_COLUMNS)

    def retro(self) -> None:
        ws = self.ws["retro"]
        self.title("retro")
        self.table("retro", TASK_COLUMNS)
        letters = self.letters["retro"]
        last = self.last_row("retro")
        first_col = len(TASK_COLUMNS) + 2
        days = self.gantt_days()
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
        self._schedule_formulas(ws, first_col + days + 1)
        grid = f"{first_letter}{FIRST_ROW}:{get_column_letter(first_col + days - 1)}{last}"
        day = f"{first_letter}${GANTT_DATE_ROW}"
        inside = f"{day}>=${start}{FIRST_ROW},{day}<=${end}{FIRST_ROW}"
        critical = f"${letters['critical']}{FIRST_ROW}={_formula_text(t('exports.yes', self.lang))}"
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
                t(f"exports.legend.{key}", self.lang),
            )
        if self.gantt_truncated:
            put(
                ws.cell(row=LEGEND_ROW, column=first_col),
                t("exports.gantt_truncated", self.lang, days=days),
            )
        ws.freeze_panes = ws.cell(row=FIRST_ROW, column=3)

    def _schedule_formulas(self, ws, helper_col: int) -> None:
        """Dates, critical flags and slack as formulas wired from the tasks' dependencies.

        Before the launch a task ends the working day before its earliest successor starts
        (or before the launch) and starts ``duration`` working days earlier; after it, a task
        starts the working day after its predecessors end — as :func:`retroplan.schedule`.
        Two hidden helper columns hold each task's earliest start (before the launch) or latest
        start (after it) and the day after its earliest end; a task whose start equals that
        bound has no slack and is critical.
        """
        scheduled = None if self.blank else _schedule(self.plan)
        if scheduled is None or scheduled.empty:
            return
        letters, lang = self.letters["retro"], self.lang
        row_of = {r["task_id"]: FIRST_ROW + i for i, r in enumerate(self.records["retro"])}
        info = scheduled.set_index("task_id")
        if set(info.index) - set(row_of):
            return
        bound = get_column_letter(helper_col)
        after_end = get_column_letter(helper_col + 1)
        S, E, D, U = (letters[k] for k in ("start", "end", "duration_days", "duration_unit"))
        C = letters["critical"]
        calendar = _formula_text(list_label("unit", "calendar", lang))
        yes = _formula_text(t("exports.yes", lang))
        no = _formula_text(t("exports.no", lang))
        successors: dict[str, list[str]] = {tid: [] for tid in info.index}
        for tid, deps in info["depends_on"].items():
            for dep in deps:
                successors.setdefault(dep, []).append(tid)
        before_ids = [tid for tid in info.index if not info.at[tid, "after_launch"]]
        before_ids = [tid for tid in before_ids if not info.at[tid, "launch"]]
        after_ids = [tid for tid in info.index if info.at[tid, "after_launch"]]
        first_day = "MIN({})".format(",".join(f"${S}${row_of[i]}" for i in before_ids) or "0")
        last_day = "MAX({})".format(",".join(f"${E}${row_of[i]}" for i in after_ids) or "0")
        style = self.styles.get("calc", FMT_DATE)
        flag = self.styles.get("calc", "General")

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
                f"IF(AND({U}{r}={calendar},{d}>0),{start}+{d}-1,"
                f"WORKDAY({start},MAX({d},1)-1,Holidays))"
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
                end = (
                    f"IF(AND({U}{r}={calendar},{d}>0),{S}{r}+{d}-1,WORKDAY({deadline},-1,Holidays))"
                )
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

    def gantt_days(self) -> int:
        """How many working-day columns the Gantt grid has."""
        self.gantt_truncated = False
        records = [r for r in self.records["retro"] if r.get("start") and r.get("end")]
        if not records:
            return DEFAULT_GANTT_DAYS
        first = min(r["start"] for r in records)
        last = max(r["end"] for r in records)
        days = len(retroplan.working_days(first, last))
        if days > MAX_GANTT_DAYS:
            self.gantt_truncated = True
        return max(1, min(days, MAX_GANTT_DAYS))

    def budget(self) -> None:
        ws = self.ws["budget"]
        lang = self.lang
        self.title("budget")
        self.table("budget", BUDGET_COLUMNS)
        total = self.column_range("budget", "total_eur_ht").split("!")[1]
        col = BUDGET_SUMMARY_COLUMN
        ws.column_dimensions[get_column_letter(col)].width = 36
        ws.column_dimensions[get_column_letter(col + 1)].width = 16
        ws.column_dimensions[get_column_letter(col + 2)].width = 12
        self.header(ws, HEADER_ROW, col, t("exports.budget.summary", lang))
        self.header(ws, HEADER_ROW, col + 1, t("exports.col.value", lang))
        value = get_column_letter(col + 1)
        rows = {key: FIRST_ROW + i for i, key in enumerate(BUDGET_SUMMARY)}
        self.budget_rows = rows
        cells = {key: f"${value}${row}" for key, row in rows.items()}
        formulas = {
            "total_ht": (f"=SUM({total})", FMT_MONEY),
            "vat_rate": ("=VatRate", FMT_PERCENT),
            "vat": (f"={cells['total_ht']}*VatRate", FMT_MONEY),
            "total_ttc": (f"={cells['total_ht']}+{cells['vat']}", FMT_MONEY),
            "envelope": ("=N(Envelope)", FMT_MONEY),
            "remaining": (f"={cells['envelope']}-{cells['total_ht']}", FMT_MONEY),
            "share_used": (
                f'=IF({cells["envelope"]}>0,{cells["total_ht"]}/{cells["envelope"]},"")',
                FMT_PERCENT,
            ),
        }
        for key, row in rows.items():
            put(ws.cell(row=row, column=col), t(f"exports.budget.{key}", lang))
            ws.cell(row=row, column=col).font = Font(
                bold=key in ("total_ht", "total_ttc", "remaining")
            )
            text, fmt = formulas[key]
            cell = ws.cell(row=row, column=col + 1)
            formula(cell, text)
            cell.style = self.styles.get("calc", fmt)
        self.name("TotalHT", "budget", cells["total_ht"])
        row = FIRST_ROW + len(rows) + 1
        self.breakdowns = {}
        for key, field, options in (
            ("by_category", "category", "category"),
            ("by_tier", "tier", "tier"),
            ("by_platform", "platform", "platform"),
        ):
            self.header(ws, row, col, t(f"exports.budget.{key}", lang))
            self.header(ws, row, col + 1, t("exports.col.total_ht", lang))
            self.header(ws, row, col + 2, t("exports.col.share", lang))
            keys = self.column_range("budget", field).split("!")[1]
            first = row + 1
            for code in list_codes(options, self.plan):
                row += 1
                label = ws.cell(row=row, column=col)
                put(label, list_label(options, code, lang))
                amount = ws.cell(row=row, column=col + 1)
                formula(amount, f"=SUMIFS({total},{keys},{get_column_letter(col)}{row})")
                amount.style = self.styles.get("calc", FMT_MONEY)
                share = ws.cell(row=row, column=col + 2)
                formula(share, f'=IF({cells["total_ht"]}>0,{value}{row}/{cells["total_ht"]},"")')
                share.style = self.styles.get("calc", FMT_PERCENT)
            self.breakdowns[field] = (first - 1, first, row)
            row += 2

    def forecast(self) -> None:
        """The plan's forecast (:mod:`influkit.campaign.forecast`): one row per planned deliverable, the
        totals with their low / high range, and the assumptions behind them (values, no
        formulas: the app computes them, the sheet keeps what it said)."""
        from influkit.campaign import forecast

        ws = self.ws["forecast"]
        lang = self.lang
        self.title("forecast")
        columns = (
            ("influencer", None, 28),
            ("platform", None, 14),
            ("format", None, 14),
            ("posts", FMT_INT, 12),
            ("impressions", FMT_INT, 14),
            ("reach", FMT_INT, 14),
            ("engagements", FMT_INT, 14),
            ("clicks", FMT_INT, 12),
            ("conversions_low", FMT_INT, 12),
            ("conversions", FMT_INT, 12),
            ("conversions_high", FMT_INT, 12),
            ("revenue", FMT_MONEY_0, 16),
            ("cost", FMT_MONEY_0, 16),
        )
        for j, (key, _, width) in enumerate(columns, start=1):
            self.header(ws, HEADER_ROW, j, t(f"exports.forecast.col.{key}", lang))
            ws.column_dimensions[get_column_letter(j)].width = width
        result = None if self.blank else forecast.forecast(self.plan)
        rows = [] if result is None else result.rows.to_dict("records")
        names = {
            iid: info.get("display_name") or info.get("handle") or iid
            for iid, info in ({} if self.blank else _influencer_lookup(self.plan)).items()
        }
        row = FIRST_ROW
        for record in rows:
            values = {
                "influencer": names.get(record["influencer_id"], record["influencer_id"]),
                "platform": list_label("platform", record["platform"], lang)
                if record["platform"]
                else "",
                "format": list_label("format", record["format"], lang) if record["format"] else "",
                **{key: record[key] for key, fmt, _ in columns if fmt},
            }
            for j, (key, fmt, _) in enumerate(columns, start=1):
                cell = ws.cell(row=row, column=j)
                put(cell, values[key])
                if fmt:
                    cell.style = self.styles.get("calc", fmt)
            row += 1
        self.forecast_total_row = row
        put(ws.cell(row=row, column=1), t("exports.forecast.total", lang))
        ws.cell(row=row, column=1).font = Font(bold=True)
        totals = result.totals if result is not None else {}
        for j, (key, fmt, _) in enumerate(columns, start=1):
            if not fmt:
                continue
            metric, _, bound = key.partition("_")
            if key == "posts":
                value = float(result.rows["posts"].sum()) if result is not None else None
            else:
                index = {"low": 0, "": 1, "high": 2}[bound]
                value = totals[metric][index] if metric in totals else None
            cell = ws.cell(row=row, column=j)
            put(cell, value)
            cell.style = self.styles.get("calc", fmt)
            cell.font = Font(bold=True)
        row += 2
        put(ws.cell(row=row, column=1), t("exports.forecast.assumptions", lang))
        ws.cell(row=row, column=1).font = Font(bold=True, color=HEADER_COLOUR)
        a = forecast.assumptions_in_force(self.plan)
        formats = {"percent": FMT_PERCENT, "money": FMT_MONEY, "number": FMT_NUMBER}
        for name in forecast.ASSUMPTION_FIELDS:
            row += 1
            put(ws.cell(row=row, column=1), t(f"forecast.assumption.{name}", lang))
            cell = ws.cell(row=row, column=2)
            put(cell, None if self.blank else getattr(a, name))
            cell.style = self.styles.get("calc", formats[forecast.ASSUMPTION_UNITS[name]])
        row += 2
        put(ws.cell(row=row, column=1), t("exports.forecast.how", lang))
        ws.cell(row=row, column=1).alignment = Alignment(wrap_text=False)

    def results(self) -> None:
        self.title("results")
        # Simulated or sample results must not pass for measured ones once the file is shared.
        note = "" if self.blank else source_note(self.plan, self.lang)
        if note:
            put(self.ws["results"].cell(row=LEGEND_ROW + 1, column=1), note)
        other = _formula_text(t("exports.params.other_platform", self.lang))
        self.table("results", RESULT_COLUMNS, extra={"other": other})

    def kpis(self) -> None:
        ws = self.ws["kpis"]
        lang = self.lang
        self.title("kpis")
        headers = ("code", "kpi", "target", "actual", "achievement", "definition")
        widths = (14, 34, 16, 16, 16, 70)
        for j, (key, width) in enumerate(zip(headers, widths, strict=True), start=1):
            self.header(ws, HEADER_ROW, j, t(f"exports.col.{key}", lang))
            ws.column_dimensions[get_column_letter(j)].width = width
        targets = {} if self.blank else _kpi_targets(self.plan)
        rows = {code: FIRST_ROW + i for i, (code, *_) in enumerate(KPI_ROWS)}
        custom = [code for code in targets if code not in rows]
        for code in custom:
            rows[code] = FIRST_ROW + len(rows)
        self.kpi_rows = rows

        def actual(code: str) -> str:
            return f"$D${rows[code]}"

        for code, how, operands, fmt in KPI_ROWS:
            row = rows[code]
            if how == "sum":
                text = f"=SUM({self.column_range('results', operands[0])})"
            elif how == "ratio":
                num, den, scale = operands
                times = f"*{scale}" if scale != 1 else ""
                text = f'=IF(N({actual(den)})>0,{actual(num)}/{actual(den)}{times},"")'
            elif how == "roi":
                text = (
                    f"=IF(N({actual('cost')})>0,({actual('revenue')}-{actual('cost')})/"
                    f'{actual("cost")},"")'
                )
            else:
                text = (
                    f"=IF(AND(N({actual('cost')})>0,ISNUMBER(MarginRate)),"
                    f'({actual("revenue")}*MarginRate-{actual("cost")})/{actual("cost")},"")'
                )
            self._kpi_row(ws, row, code, targets.get(code), fmt)
            formula(ws.cell(row=row, column=4), text)
            ws.cell(row=row, column=4).style = self.styles.get("calc", fmt)
            key = f"exports.kpi_definition.{code}"
            if key not in catalogue(lang):
                key = f"metrics.definition.{code}"
            put(ws.cell(row=row, column=6), t(key, lang))
        for code in custom:
            row = rows[code]
            self._kpi_row(ws, row, code, targets.get(code), FMT_NUMBER)
            ws.cell(row=row, column=4).style = self.styles.get("input", FMT_NUMBER)
            put(ws.cell(row=row, column=6), t("exports.kpi_definition.custom", lang))
        last = FIRST_ROW + len(rows) - 1
        self.validation(ws, Column("target", "target", "number"), f"C{FIRST_ROW}:C{last}")
        table = Table(displayName="tbl_kpis", ref=f"A{HEADER_ROW}:F{last}")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
        ws.add_table(table)
        put(ws.cell(row=last + 2, column=2), t("exports.kpi.emv_caveat", lang))
        ws.cell(row=last + 2, column=2).font = Font(italic=True)
        ws.freeze_panes = "C5"
        self._kpi_platforms(ws)

    def _kpi_row(self, ws, row: int, code: str, target: float | None, fmt: str) -> None:
        put(ws.cell(row=row, column=1), code)
        ws.cell(row=row, column=1).font = Font(color="808080")
        put(ws.cell(row=row, column=2), kpi_label(code, self.lang))
        ws.cell(row=row, column=2).font = Font(bold=True)
        cell = ws.cell(row=row, column=3)
        cell.style = self.styles.get("input", fmt)
        put(cell, target)
        achieved = ws.cell(row=row, column=5)
        formula(
            achieved,
            f'=IF(AND(ISNUMBER(C{row}),ISNUMBER(D{row})),IF(C{row}<>0,D{row}/C{row},""),"")',
        )
        achieved.style = self.styles.get("calc", FMT_PERCENT)

    def _kpi_platforms(self, ws) -> None:
        lang = self.lang
        col = KPI_PLATFORM_COLUMN
        put(ws.cell(row=HEADER_ROW - 1, column=col), t("exports.kpi.by_platform", lang))
        ws.cell(row=HEADER_ROW - 1, column=col).font = Font(bold=True, color=HEADER_COLOUR)
        positions = {key: col + j for j, (key, _) in enumerate(PLATFORM_BLOCK)}
        for key, j in positions.items():
            self.header(ws, HEADER_ROW, j, t(f"exports.col.{key}", lang))
            ws.column_dimensions[get_column_letter(j)].width = 16 if key != "platform" else 18
        platforms = self.column_range("results", "platform")
        self.platform_rows = {}
        for i, code in enumerate(PLATFORMS):
            row = FIRST_ROW + i
            self.platform_rows[code] = row
            put(ws.cell(row=row, column=col), list_label("platform", code, lang))
            label = f"${get_column_letter(col)}{row}"
            for key, source in PLATFORM_BLOCK[1:]:
                cell = ws.cell(row=row, column=positions[key])
                if isinstance(source, str):
                    formula(
                        cell, f"=SUMIFS({self.column_range('results', source)},{platforms},{label})"
                    )
                else:
                    num, den, scale = source
                    n = f"{get_column_letter(positions[num])}{row}"
                    d = f"{get_column_letter(positions[den])}{row}"
                    times = f"*{scale}" if scale != 1 else ""
                    formula(cell, f'=IF(N({d})>0,{n}/{d}{times},"")')
                cell.style = self.styles.get("calc", excel_format(key))
        self.platform_columns = positions

    def dashboard(self) -> None:
        ws = self.ws["dashboard"]
        lang = self.lang
        self.title("dashboard")
        ws.column_dimensions["A"].width = 36
        ws.column_dimensions["B"].width = 18
        self.header(ws, HEADER_ROW, 1, t("exports.dashboard.key_figures", lang))
        self.header(ws, HEADER_ROW, 2, t("exports.col.value", lang))
        budget = self.names["budget"]
        value_col = get_column_letter(BUDGET_SUMMARY_COLUMN + 1)
        kpis = self.names["kpis"]
        figures = [
            (
                t("exports.budget.envelope", lang),
                _ref(budget, f"${value_col}${self.budget_rows['envelope']}"),
                FMT_MONEY,
            ),
            (
                t("exports.budget.total_ht", lang),
                _ref(budget, f"${value_col}${self.budget_rows['total_ht']}"),
                FMT_MONEY,
            ),
            (
                t("exports.budget.total_ttc", lang),
                _ref(budget, f"${value_col}${self.budget_rows['total_ttc']}"),
                FMT_MONEY,
            ),
            (
                t("exports.budget.remaining", lang),
                _ref(budget, f"${value_col}${self.budget_rows['remaining']}"),
                FMT_MONEY,
            ),
            (
                t("exports.budget.share_used", lang),
                _ref(budget, f"${value_col}${self.budget_rows['share_used']}"),
                FMT_PERCENT,
            ),
        ]
        formats = {code: fmt for code, _, _, fmt in KPI_ROWS}
        for code in (
            "impressions",
            "reach",
            "engagements",
            "conversions",
            "revenue",
            "cpm",
            "cpa",
            "roas",
            "roi",
            "emv",
        ):
            figures.append(
                (kpi_label(code, lang), _ref(kpis, f"$D${self.kpi_rows[code]}"), formats[code])
            )
        for i, (label, source, fmt) in enumerate(figures):
            row = FIRST_ROW + i
            put(ws.cell(row=row, column=1), label)
            cell = ws.cell(row=row, column=2)
            formula(cell, f'=IF({source}="","",{source})')
            cell.style = self.styles.get("calc", fmt)
        self._weekly(ws)
        self._charts(ws)

    def week_count(self) -> int:
        """How many weeks the weekly results table covers."""
        dates = [r["published_on"] for r in self.records["results"] if r.get("published_on")]
        if not dates:
            return DEFAULT_WEEKS
        first = min(dates)
        first = first - dt.timedelta(days=first.weekday())
        weeks = (max(dates) - first).days // 7 + 1
        return max(4, min(weeks, MAX_WEEKS))

    def _weekly(self, ws) -> None:
        lang = self.lang
        col = 4
        put(ws.cell(row=HEADER_ROW - 1, column=col), t("exports.dashboard.weekly", lang))
        ws.cell(row=HEADER_ROW - 1, column=col).font = Font(bold=True, color=HEADER_COLOUR)
        fields = ("impressions", "reach", "engagements")
        for j, key in enumerate(("week", *fields)):
            self.header(ws, HEADER_ROW, col + j, t(f"exports.col.{key}", lang))
            ws.column_dimensions[get_column_letter(col + j)].width = 14
        dates = self.column_range("results", "published_on")
        weeks = self.week_count()
        self.weekly_rows = (FIRST_ROW, FIRST_ROW + weeks - 1)
        letter = get_column_letter(col)
        for i in range(weeks):
            row = FIRST_ROW + i
            cell = ws.cell(row=row, column=col)
            if i == 0:
                # The Monday of the first publication's week (today's week when none yet).
                first = f"IF(COUNT({dates})=0,TODAY(),MIN({dates}))"
                formula(cell, f"={first}-WEEKDAY({first},2)+1")
            else:
                formula(cell, f"={letter}{row - 1}+7")
            cell.style = self.styles.get("calc", FMT_DATE)
            for j, field in enumerate(fields, start=1):
                amount = ws.cell(row=row, column=col + j)
                formula(
                    amount,
                    f'=SUMIFS({self.column_range("results", field)},{dates},">="&'
                    f'${letter}{row},{dates},"<"&(${letter}{row}+7))',
                )
                amount.style = self.styles.get("calc", FMT_INT)

    def _charts(self, ws) -> None:
        lang = self.lang
        budget = self.ws["budget"]
        col = BUDGET_SUMMARY_COLUMN
        header, first, last = self.breakdowns["category"]
        bar = BarChart()
        bar.type = "bar"
        bar.title = t("exports.dashboard.chart_budget_category", lang)
        bar.add_data(
            Reference(budget, min_col=col + 1, min_row=header, max_row=last), titles_from_data=True
        )
        bar.set_categories(Reference(budget, min_col=col, min_row=first, max_row=last))
        bar.y_axis.number_format = FMT_MONEY_0
        # Bar charts draw from the bottom up: list the categories top-down as on the Budget sheet.
        bar.x_axis.scaling.orientation = "maxMin"
        bar.legend = None
        self._size(bar)
        ws.add_chart(bar, "I3")

        header, first, last = self.breakdowns["tier"]
        pie = PieChart()
        pie.title = t("exports.dashboard.chart_budget_tier", lang)
        pie.add_data(
            Reference(budget, min_col=col + 1, min_row=header, max_row=last), titles_from_data=True
        )
        pie.set_categories(Reference(budget, min_col=col, min_row=first, max_row=last))
        pie.width, pie.height = 16, 9
        ws.add_chart(pie, "S3")

        kpis = self.ws["kpis"]
        rows = [self.kpi_rows[code] for code in CHART_KPIS]
        chart = BarChart()
        chart.type = "col"
        chart.title = t("exports.dashboard.chart_kpis", lang)
        for column, key in ((3, "series_target"), (4, "series_actual")):
            series = Series(
                Reference(kpis, min_col=column, min_row=min(rows), max_row=max(rows)),
                title=t(f"exports.dashboard.{key}", lang),
            )
            chart.series.append(series)
        chart.set_categories(Reference(kpis, min_col=2, min_row=min(rows), max_row=max(rows)))
        chart.y_axis.number_format = FMT_INT
        self._size(chart)
        ws.add_chart(chart, "I22")

        line = LineChart()
        line.title = t("exports.dashboard.chart_weekly", lang)
        first, last = self.weekly_rows
        line.add_data(
            Reference(ws, min_col=5, max_col=6, min_row=HEADER_ROW, max_row=last),
            titles_from_data=True,
        )
        line.set_categories(Reference(ws, min_col=4, min_row=first, max_row=last))
        for series in line.series:
            series.smooth = False
        line.x_axis.number_format = FMT_DAY
        line.y_axis.number_format = FMT_INT
        self._size(line)
        ws.add_chart(line, "S22")

    @staticmethod
    def _size(chart) -> None:
        chart.width, chart.height = 16, 9
        # openpyxl 3.1 hides axes unless told otherwise.
        chart.x_axis.delete = False
        chart.y_axis.delete = False

    def parameters(self) -> None:
        ws = self.ws["parameters"]
        lang, plan = self.lang, self.plan
        self.title("parameters")
        ws.column_dimensions["A"].width = 40
        ws.column_dimensions["B"].width = 16
        ws.column_dimensions["C"].width = 22
        self.header(ws, HEADER_ROW, 1, t("exports.col.parameter", lang))
        self.header(ws, HEADER_ROW, 2, t("exports.col.value", lang))
        margin = None if self.blank else plan.settings.assumptions.margin_rate
        margin = margin if margin is not None or self.blank else _margin_rate(plan)
        for key, value in (("vat_rate", VAT_RATE), ("margin_rate", margin)):
            row = PARAM_ROWS[key]
            put(ws.cell(row=row, column=1), t(f"exports.params.{key}", lang))
            cell = ws.cell(row=row, column=2)
            cell.style = self.styles.get("input", FMT_PERCENT)
            put(cell, value)
            self.validation(ws, Column(key, key, "share"), f"B{row}")
        self.name("VatRate", "parameters", f"$B${PARAM_ROWS['vat_rate']}")
        self.name("MarginRate", "parameters", f"$B${PARAM_ROWS['margin_rate']}")

        row = EMV_HEADER_ROW - 1
        put(ws.cell(row=row, column=1), t("exports.params.emv_rates", lang))
        ws.cell(row=row, column=1).font = Font(bold=True, color=HEADER_COLOUR)
        for j, key in enumerate(("platform", "cpm_rate", "value_per_engagement"), start=1):
            self.header(ws, EMV_HEADER_ROW, j, t(f"exports.col.{key}", lang))
        rates = metrics.emv_rates(None if self.blank else plan.settings.assumptions.emv_rates)
        order = [p for p in PLATFORMS if p in rates]
        order += [p for p in rates if p not in order and p != "other"] + ["other"]
        for i, code in enumerate(order):
            row = EMV_HEADER_ROW + 1 + i
            label = (
                t("exports.params.other_platform", lang)
                if code == "other"
                else list_label("platform", code, lang)
            )
            put(ws.cell(row=row, column=1), label)
            for j, key in ((2, "cpm_eur"), (3, "value_per_engagement_eur")):
                cell = ws.cell(row=row, column=j)
                cell.style = self.styles.get("input", FMT_MONEY)
                put(cell, rates[code][key])
        last = EMV_HEADER_ROW + len(order)
        self.validation(ws, Column("rates", "rates", "money"), f"B{EMV_HEADER_ROW + 1}:C{last}")
        self.name("EmvPlatforms", "parameters", f"$A${EMV_HEADER_ROW + 1}:$A${last}")
        self.name("EmvCpm", "parameters", f"$B${EMV_HEADER_ROW + 1}:$B${last}")
        self.name("EmvVpe", "parameters", f"$C${EMV_HEADER_ROW + 1}:$C${last}")

        row = last + 2
        scheme = plan.settings.tier_scheme if not self.blank else metrics.DEFAULT_TIER_SCHEME
        scheme = scheme if scheme in metrics.TIER_SCHEMES else metrics.DEFAULT_TIER_SCHEME
        put(
            ws.cell(row=row, column=1),
            t("exports.params.tiers", lang, scheme=t(f"metrics.scheme.{scheme}", lang)),
        )
        ws.cell(row=row, column=1).font = Font(bold=True, color=HEADER_COLOUR)
        self.header(ws, row + 1, 1, t("exports.col.tier", lang))
        self.header(ws, row + 1, 2, t("exports.col.min_followers", lang))
        tiers = metrics.TIER_SCHEMES[scheme]
        for i, (code, low) in enumerate(tiers):
            r = row + 2 + i
            put(ws.cell(row=r, column=1), list_label("tier", code, lang))
            cell = ws.cell(row=r, column=2)
            cell.style = self.styles.get("input", FMT_INT)
            put(cell, low)
        first, last = row + 2, row + 1 + len(tiers)
        self.validation(ws, Column("tiers", "tiers", "int"), f"B{first}:B{last}")
        self.name("TierNames", "parameters", f"$A${first}:$A${last}")
        self.name("TierMin", "parameters", f"$B${first}:$B${last}")
        self._holidays(ws)
        self._lists(ws)

    def holiday_years(self) -> range:
        """The years whose public holidays the Parameters sheet lists."""
        dates = [r["start"] for r in self.records["retro"] if r.get("start")]
        dates += [r["end"] for r in self.records["retro"] if r.get("end")]
        if not self.blank and self.plan.brief.launch_date:
            dates.append(self.plan.brief.launch_date)
        base = min(dates).year if dates else dt.date.today().year
        top = max(dates).year if dates else base
        return range(min(base, dt.date.today().year) - 1, max(top, dt.date.today().year) + 3)

    def _holidays(self, ws) -> None:
        lang = self.lang
        col = HOLIDAY_COLUMN
        put(ws.cell(row=HEADER_ROW - 1, column=col), t("exports.params.holidays", lang))
        ws.cell(row=HEADER_ROW - 1, column=col).font = Font(bold=True, color=HEADER_COLOUR)
        self.header(ws, HEADER_ROW, col, t("exports.col.holiday", lang))
        self.header(ws, HEADER_ROW, col + 1, t("exports.col.holiday_name", lang))
        ws.column_dimensions[get_column_letter(col)].width = 14
        ws.column_dimensions[get_column_letter(col + 1)].width = 30
        years = self.holiday_years()
        found = retroplan.holidays_between(
            dt.date(years.start, 1, 1), dt.date(years.stop - 1, 12, 31), lang=lang
        )
        for i, (day, name) in enumerate(found.items()):
            cell = ws.cell(row=FIRST_ROW + i, column=col)
            cell.style = self.styles.get("input", FMT_DATE)
            put(cell, day)
            put(ws.cell(row=FIRST_ROW + i, column=col + 1), name)
        last = FIRST_ROW + max(len(found), 1) - 1
        letter = get_column_letter(col)
        self.name("Holidays", "parameters", f"${letter}${FIRST_ROW}:${letter}${last}")

    def _lists(self, ws) -> None:
        lang = self.lang
        col = LISTS_COLUMN
        put(ws.cell(row=HEADER_ROW - 1, column=col), t("exports.params.lists", lang))
        ws.cell(row=HEADER_ROW - 1, column=col).font = Font(bold=True, color=HEADER_COLOUR)
        for j, name in enumerate(VALIDATION_LISTS):
            column = col + j
            letter = get_column_letter(column)
            self.header(
                ws,
                HEADER_ROW,
                column,
                t(f"exports.params.list.{name}", lang)
                if f"exports.params.list.{name}" in catalogue(lang)
                else name,
            )
            ws.column_dimensions[letter].width = 24
            codes = list_codes(name, self.plan)
            for i, code in enumerate(codes):
                put(ws.cell(row=FIRST_ROW + i, column=column), list_label(name, code, lang))
            self.name(
                f"List_{name}",
                "parameters",
                f"${letter}${FIRST_ROW}:${letter}${FIRST_ROW + len(codes) - 1}",
            )

    def build(self) -> bytes:
        self.brief()
        self.objectives()
        self.shortlist()
        self.deliverables()
        self.retro()
        self.budget()
        self.forecast()
        self.results()
        self.kpis()
        self.dashboard()
        self.parameters()
        for sheet in self.wb.worksheets:
            # Printed, each sheet fits the width of a landscape page.
            sheet.page_setup.orientation = "landscape"
            sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
            sheet.sheet_properties.pageSetUpPr.fitToPage = True
            sheet.page_setup.fitToWidth = 1
            sheet.page_setup.fitToHeight = 0
        self.wb.active = 0
        buffer = io.BytesIO()
        self.wb.save(buffer)
        return buffer.getvalue()


def _kpi_targets(plan: Plan) -> dict[str, float]:
    """The plan's KPI targets by code: explicit KPI targets first, then objectives' targets."""
    targets: dict[str, float] = {}
    for target in plan.kpi_targets:
        if target.kpi and target.target is not None and target.kpi not in targets:
            targets[target.kpi] = target.target
    for objective in plan.objectives:
        if objective.kpi and objective.target is not None and objective.kpi not in targets:
            targets[objective.kpi] = objective.target
    return targets


def kpi_targets(plan: Plan) -> dict[str, float]:
    """The target of each KPI the plan sets (KPI targets, else the objectives' targets)."""
    return _kpi_targets(plan)


def kpi_actuals(plan: Plan) -> dict[str, float]:
    """The KPIs of the plan's results, computed as the KPI sheet's formulas compute them."""
    frame = pd.DataFrame(
        [r.model_dump() for r in plan.results],
        columns=[
            "platform",
            "cost_eur_ht",
            "impressions",
            "reach",
            "views",
            "engagements",
            "clicks",
            "conversions",
            "revenue_eur",
        ],
    )
    sums = {
        code: float(frame[operands[0]].sum())
        for code, how, operands, _ in KPI_ROWS
        if how == "sum" and operands[0] in frame
    }
    emv = metrics.emv(
        frame["impressions"],
        frame["engagements"],
        frame["platform"].replace("", None),
        rates=plan.settings.assumptions.emv_rates or None,
    )
    sums["emv"] = float(pd.Series(emv).sum())
    cost, revenue = sums["cost"], sums["revenue"]
    out = dict(sums)
    ratios = {
        "cpm": metrics.cpm,
        "cpe": metrics.cpe,
        "cpc": metrics.cpc,
        "cpv": metrics.cpv,
        "cpa": metrics.cpa,
    }
    for code, how, operands, _ in KPI_ROWS:
        if how == "ratio" and code in ratios:
            out[code] = ratios[code](cost, sums[operands[1]])
    out["ctr"] = metrics.ctr(sums["clicks"], sums["impressions"])
    out["conversion_rate"] = metrics.conversion_rate(sums["conversions"], sums["clicks"])
    out["roas"] = metrics.roas(revenue, cost)
    out["roi"] = metrics.roi(revenue, cost)
    margin = _margin_rate(plan)
    out["roi_margin"] = metrics.roi(revenue * margin, cost) if margin is not None else math.nan
    return {code: value for code, value in out.items() if not math.isnan(value)}


def _margin_rate(plan: Plan) -> float | None:
    """The plan's margin rate in force (the case's, as the trainee edited it)."""
    from influkit.campaign import forecast

    if not plan.case_id and plan.settings.assumptions.margin_rate is None:
        return None
    return _number(forecast.assumptions_in_force(plan).margin_rate)


def plan_workbook(plan: Plan, lang: str = "fr", *, blank: bool = False) -> bytes:
    """The plan as a live XLSX workbook in ``lang``; ``blank=True`` gives the empty template."""
    return _Writer(plan, normalize_language(lang), blank).build()


def blank_template(lang: str = "fr") -> bytes:
    """The blank workbook a graduate starts a new campaign from."""
    return plan_workbook(Plan(), lang, blank=True)


# --- the plan's tables as data frames -------------------------------------------------------


def plan_tables(plan: Plan, lang: str = "fr") -> dict[str, pd.DataFrame]:
    """The plan's tables (objectives, shortlist, deliverables, tasks, budget, results) with
    readable headers and labels, for CSV and XLSX downloads."""
    lang = normalize_language(lang)
    records = _records(plan, lang, blank=False)
    out: dict[str, pd.DataFrame] = {}
    for code, columns in TABLES.items():
        shown = [c for c in columns if c.is_input]
        rows = [[_shown(c, r.get(c.field), lang) for c in shown] for r in records[code]]
        out[code] = pd.DataFrame(rows, columns=[header_label(c, lang) for c in shown])
    return out


def table_headers(code: str, langs: Iterable[str] = ("fr", "en")) -> dict[str, Column]:
    """Every header text of a table's columns, in every language, to the column it names."""
    found: dict[str, Column] = {}
    for lang in langs:
        for column in TABLES[code]:
            found[header_label(column, lang)] = column
    return found
