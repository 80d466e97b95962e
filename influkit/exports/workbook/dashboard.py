"""The Dashboard sheet: key figures linked to the budget and KPI sheets, the weekly results and the
native charts (budget by category and tier, targets against actuals, the weeks)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from openpyxl.chart import BarChart, LineChart, PieChart, Reference, Series
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from influkit.exports.workbook.cells import formula, put, ref
from influkit.exports.workbook.layout import (
    BUDGET_SUMMARY_COLUMN,
    CHART_KPIS,
    DEFAULT_WEEKS,
    FIRST_ROW,
    FMT_DATE,
    FMT_DAY,
    FMT_INT,
    FMT_MONEY,
    FMT_MONEY_0,
    FMT_PERCENT,
    HEADER_COLOUR,
    HEADER_ROW,
    KPI_ROWS,
    MAX_WEEKS,
)
from influkit.kpis import kpi_label
from influkit.text.i18n import t

if TYPE_CHECKING:
    from influkit.exports.workbook.writer import Writer


def write(w: Writer) -> None:
    """Write the Dashboard sheet: key figures, weekly results, charts."""
    ws = w.ws["dashboard"]
    lang = w.lang
    w.title("dashboard")
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 18
    w.header(ws, HEADER_ROW, 1, t("exports.dashboard.key_figures", lang))
    w.header(ws, HEADER_ROW, 2, t("exports.col.value", lang))
    budget = w.names["budget"]
    value_col = get_column_letter(BUDGET_SUMMARY_COLUMN + 1)
    kpis = w.names["kpis"]
    figures = [
        (
            t("exports.budget.envelope", lang),
            ref(budget, f"${value_col}${w.budget_rows['envelope']}"),
            FMT_MONEY,
        ),
        (
            t("exports.budget.total_ht", lang),
            ref(budget, f"${value_col}${w.budget_rows['total_ht']}"),
            FMT_MONEY,
        ),
        (
            t("exports.budget.total_ttc", lang),
            ref(budget, f"${value_col}${w.budget_rows['total_ttc']}"),
            FMT_MONEY,
        ),
        (
            t("exports.budget.remaining", lang),
            ref(budget, f"${value_col}${w.budget_rows['remaining']}"),
            FMT_MONEY,
        ),
        (
            t("exports.budget.share_used", lang),
            ref(budget, f"${value_col}${w.budget_rows['share_used']}"),
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
        figures.append((kpi_label(code, lang), ref(kpis, f"$D${w.kpi_rows[code]}"), formats[code]))
    for i, (label, source, fmt) in enumerate(figures):
        row = FIRST_ROW + i
        put(ws.cell(row=row, column=1), label)
        cell = ws.cell(row=row, column=2)
        formula(cell, f'=IF({source}="","",{source})')
        cell.style = w.styles.get("calc", fmt)
    _weekly(w, ws)
    _charts(w, ws)


def week_count(w: Writer) -> int:
    """How many weeks the weekly results table covers."""
    dates = [r["published_on"] for r in w.records["results"] if r.get("published_on")]
    if not dates:
        return DEFAULT_WEEKS
    first = min(dates)
    first = first - dt.timedelta(days=first.weekday())
    weeks = (max(dates) - first).days // 7 + 1
    return max(4, min(weeks, MAX_WEEKS))


def _weekly(w: Writer, ws) -> None:
    lang = w.lang
    col = 4
    put(ws.cell(row=HEADER_ROW - 1, column=col), t("exports.dashboard.weekly", lang))
    ws.cell(row=HEADER_ROW - 1, column=col).font = Font(bold=True, color=HEADER_COLOUR)
    fields = ("impressions", "reach", "engagements")
    for j, key in enumerate(("week", *fields)):
        w.header(ws, HEADER_ROW, col + j, t(f"exports.col.{key}", lang))
        ws.column_dimensions[get_column_letter(col + j)].width = 14
    dates = w.column_range("results", "published_on")
    weeks = week_count(w)
    w.weekly_rows = (FIRST_ROW, FIRST_ROW + weeks - 1)
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
        cell.style = w.styles.get("calc", FMT_DATE)
        for j, field in enumerate(fields, start=1):
            amount = ws.cell(row=row, column=col + j)
            formula(
                amount,
                f'=SUMIFS({w.column_range("results", field)},{dates},">="&'
                f'${letter}{row},{dates},"<"&(${letter}{row}+7))',
            )
            amount.style = w.styles.get("calc", FMT_INT)


def _charts(w: Writer, ws) -> None:
    lang = w.lang
    budget = w.ws["budget"]
    col = BUDGET_SUMMARY_COLUMN
    header, first, last = w.breakdowns["category"]
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
    _size(bar)
    ws.add_chart(bar, "I3")

    header, first, last = w.breakdowns["tier"]
    pie = PieChart()
    pie.title = t("exports.dashboard.chart_budget_tier", lang)
    pie.add_data(
        Reference(budget, min_col=col + 1, min_row=header, max_row=last), titles_from_data=True
    )
    pie.set_categories(Reference(budget, min_col=col, min_row=first, max_row=last))
    pie.width, pie.height = 16, 9
    ws.add_chart(pie, "S3")

    kpis = w.ws["kpis"]
    rows = [w.kpi_rows[code] for code in CHART_KPIS]
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
    _size(chart)
    ws.add_chart(chart, "I22")

    line = LineChart()
    line.title = t("exports.dashboard.chart_weekly", lang)
    first, last = w.weekly_rows
    line.add_data(
        Reference(ws, min_col=5, max_col=6, min_row=HEADER_ROW, max_row=last),
        titles_from_data=True,
    )
    line.set_categories(Reference(ws, min_col=4, min_row=first, max_row=last))
    for series in line.series:
        series.smooth = False
    line.x_axis.number_format = FMT_DAY
    line.y_axis.number_format = FMT_INT
    _size(line)
    ws.add_chart(line, "S22")


def _size(chart) -> None:
    chart.width, chart.height = 16, 9
    # openpyxl 3.1 hides axes unless told otherwise.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
