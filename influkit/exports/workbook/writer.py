"""The writer every sheet module writes through: the workbook, its sheets and named styles,
where each table sits, and the pieces every sheet shares (title, headers, validations, tables).

Sheets are written in order by their modules (:mod:`.brief`, :mod:`.tables`, :mod:`.retro`,
:mod:`.budget`, :mod:`.forecast`, :mod:`.results`, :mod:`.kpis`, :mod:`.dashboard`,
:mod:`.parameters`); a later sheet reads where an earlier one put its figures (``budget_rows``,
``kpi_rows``…) from the writer.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from influkit.exports.workbook.cells import formula, put, ref
from influkit.exports.workbook.layout import (
    DATE_MAX_SERIAL,
    DATE_MIN_SERIAL,
    FIRST_ROW,
    HEADER_ROW,
    INPUT_ROWS,
    LEGEND_ROW,
    NUMBER_FORMATS,
    SHEETS,
    SPARE_ROWS,
    TABLES,
    TITLE_ROW,
    VALIDATION_LISTS,
    Column,
    header_label,
    sheet_name,
)
from influkit.exports.workbook.records import shown, table_records
from influkit.exports.workbook.styles import Styles
from influkit.plan.model import Plan
from influkit.text.i18n import normalize_language, t


class Writer:
    """Builds the workbook sheet by sheet, remembering where each figure sits."""

    def __init__(self, plan: Plan, lang: str, blank: bool) -> None:
        self.plan = plan
        self.lang = lang
        self.blank = blank
        self.wb = Workbook()
        self.styles = Styles(self.wb, lang)
        self.names = {code: sheet_name(code, lang) for code in SHEETS}
        self.ws = {}
        first = self.wb.active
        for index, code in enumerate(SHEETS):
            sheet = first if index == 0 else self.wb.create_sheet()
            sheet.title = self.names[code]
            self.ws[code] = sheet
        self.records = table_records(plan, lang, blank)
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
        return ref(self.names[code], f"${letter}${FIRST_ROW}:${letter}${self.last_row(code)}")

    def name(self, name: str, sheet_code: str, cells: str) -> None:
        """Define a workbook-level named range."""
        self.wb.defined_names[name] = DefinedName(
            name, attr_text=ref(self.names[sheet_code], cells)
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
                styles.append(self.styles.get("input", NUMBER_FORMATS[column.kind], wrap))
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
                    put(cell, shown(column, record.get(column.field), self.lang))
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

    def build(self) -> bytes:
        """Write every sheet in order and return the file's bytes."""
        from influkit.exports.workbook import (
            brief,
            budget,
            dashboard,
            forecast,
            kpis,
            parameters,
            results,
            retro,
            tables,
        )

        for write in (
            brief.write,
            tables.write_objectives,
            tables.write_shortlist,
            tables.write_deliverables,
            retro.write,
            budget.write,
            forecast.write,
            results.write,
            kpis.write,
            dashboard.write,
            parameters.write,
        ):
            write(self)
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


def plan_workbook(plan: Plan, lang: str = "fr", *, blank: bool = False) -> bytes:
    """The plan as a live XLSX workbook in ``lang``; ``blank=True`` gives the empty template."""
    return Writer(plan, normalize_language(lang), blank).build()


def blank_template(lang: str = "fr") -> bytes:
    """The blank workbook a graduate starts a new campaign from."""
    return plan_workbook(Plan(), lang, blank=True)
