"""The plan workbook: a live Excel file a graduate keeps using at work.

Owns the layout of the exported ``.xlsx`` (sheets, tables, their columns and where each figure
sits), the formulas that recompute the budget, the KPIs and the retro-planning, the
conditional-formatting Gantt, the native charts of the dashboard and the named ranges of the
parameters. The round trip (:mod:`influkit.exports.roundtrip`) reads the same column
specifications back.

One module per sheet (:mod:`.brief`, :mod:`.tables`, :mod:`.retro`, :mod:`.budget`,
:mod:`.forecast`, :mod:`.results`, :mod:`.kpis`, :mod:`.dashboard`, :mod:`.parameters`) writes
through the shared :class:`~.writer.Writer`; :mod:`.layout` holds the columns and constants,
:mod:`.records` what goes in the cells, :mod:`.cells` and :mod:`.styles` how it is written.

No text a user typed ever becomes a formula: every string is written with the text type.
"""

from __future__ import annotations

from influkit.campaign.results import margin_rate
from influkit.exports.workbook.layout import (
    BRIEF_FIELDS,
    BUDGET_SUMMARY,
    BUDGET_SUMMARY_COLUMN,
    CHART_KPIS,
    DATE_MAX_SERIAL,
    DATE_MIN_SERIAL,
    EMV_HEADER_ROW,
    FIRST_ROW,
    GANTT_DATE_ROW,
    HEADER_ROW,
    INPUT_COLOUR,
    INPUT_ROWS,
    KPI_CODES,
    KPI_PLATFORM_COLUMN,
    KPI_ROWS,
    LEGEND_ROW,
    PARAM_ROWS,
    SHEETS,
    SPARE_ROWS,
    TABLES,
    TASK_COLUMNS,
    TITLE_ROW,
    VALIDATION_LISTS,
    Column,
    header_label,
    list_codes,
    list_label,
    sheet_name,
)
from influkit.exports.workbook.records import (
    budget_lines_frame,
    kpi_targets,
    plan_schedule,
    plan_tables,
    table_headers,
)
from influkit.exports.workbook.writer import blank_template, plan_workbook

__all__ = [
    "BRIEF_FIELDS",
    "BUDGET_SUMMARY",
    "BUDGET_SUMMARY_COLUMN",
    "CHART_KPIS",
    "DATE_MAX_SERIAL",
    "DATE_MIN_SERIAL",
    "EMV_HEADER_ROW",
    "FIRST_ROW",
    "GANTT_DATE_ROW",
    "HEADER_ROW",
    "INPUT_COLOUR",
    "INPUT_ROWS",
    "KPI_CODES",
    "KPI_PLATFORM_COLUMN",
    "KPI_ROWS",
    "LEGEND_ROW",
    "PARAM_ROWS",
    "SHEETS",
    "SPARE_ROWS",
    "TABLES",
    "TASK_COLUMNS",
    "TITLE_ROW",
    "VALIDATION_LISTS",
    "Column",
    "blank_template",
    "budget_lines_frame",
    "header_label",
    "kpi_targets",
    "list_codes",
    "list_label",
    "margin_rate",
    "plan_schedule",
    "plan_tables",
    "plan_workbook",
    "sheet_name",
    "table_headers",
]
