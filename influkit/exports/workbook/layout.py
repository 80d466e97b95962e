"""The workbook's layout: its sheets, the rows every sheet shares, its tables and their columns,
colours and number formats, the KPI rows and the drop-down lists (codes and labels).

The round trip (:mod:`influkit.exports.roundtrip`) reads the same column specifications back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from influkit import metrics
from influkit.campaign.budget.optimiser import BUDGET_CATEGORIES
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
from influkit.text.i18n import catalogue, t

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
OK_COLOUR = "2E7D32"

# Number formats are locale-independent in XLSX: Excel shows them with the user's separators.
FMT_MONEY = '#,##0.00 "€"'
FMT_MONEY_0 = '#,##0 "€"'
FMT_INT = "#,##0"
FMT_NUMBER = "#,##0.00"
FMT_PERCENT = "0.0 %"
FMT_DATE = "dd/mm/yyyy"
FMT_DAY = "dd/mm"
FMT_RATIO = "0.00"

NUMBER_FORMATS = {
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


# --- names ----------------------------------------------------------------------------------


def sheet_name(code: str, lang: str) -> str:
    """The name of a sheet in the workbook's language."""
    return t(f"exports.sheet.{code}", lang)[:31]


def header_label(column: Column, lang: str) -> str:
    """The header a table column shows in ``lang``."""
    return t(f"exports.col.{column.header}", lang)
