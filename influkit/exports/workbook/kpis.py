"""The KPI sheet: every KPI of the catalogue computed from the Results sheet, against its target,
and the same figures per platform."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

from influkit.exports.workbook.cells import formula, put
from influkit.exports.workbook.layout import (
    FIRST_ROW,
    FMT_NUMBER,
    FMT_PERCENT,
    HEADER_COLOUR,
    HEADER_ROW,
    KPI_PLATFORM_COLUMN,
    KPI_ROWS,
    PLATFORM_BLOCK,
    Column,
    list_label,
)
from influkit.exports.workbook.records import kpi_targets
from influkit.kpis import excel_format, kpi_label
from influkit.plan.model import PLATFORMS
from influkit.text.i18n import catalogue, t

if TYPE_CHECKING:
    from influkit.exports.workbook.writer import Writer


def write(w: Writer) -> None:
    """Write the KPI sheet and remember each KPI's row."""
    ws = w.ws["kpis"]
    lang = w.lang
    w.title("kpis")
    headers = ("code", "kpi", "target", "actual", "achievement", "definition")
    widths = (14, 34, 16, 16, 16, 70)
    for j, (key, width) in enumerate(zip(headers, widths, strict=True), start=1):
        w.header(ws, HEADER_ROW, j, t(f"exports.col.{key}", lang))
        ws.column_dimensions[get_column_letter(j)].width = width
    targets = {} if w.blank else kpi_targets(w.plan)
    rows = {code: FIRST_ROW + i for i, (code, *_) in enumerate(KPI_ROWS)}
    custom = [code for code in targets if code not in rows]
    for code in custom:
        rows[code] = FIRST_ROW + len(rows)
    w.kpi_rows = rows

    def actual(code: str) -> str:
        return f"$D${rows[code]}"

    for code, how, operands, fmt in KPI_ROWS:
        row = rows[code]
        if how == "sum":
            text = f"=SUM({w.column_range('results', operands[0])})"
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
        _kpi_row(w, ws, row, code, targets.get(code), fmt)
        formula(ws.cell(row=row, column=4), text)
        ws.cell(row=row, column=4).style = w.styles.get("calc", fmt)
        key = f"exports.kpi_definition.{code}"
        if key not in catalogue(lang):
            key = f"metrics.definition.{code}"
        put(ws.cell(row=row, column=6), t(key, lang))
    for code in custom:
        row = rows[code]
        _kpi_row(w, ws, row, code, targets.get(code), FMT_NUMBER)
        ws.cell(row=row, column=4).style = w.styles.get("input", FMT_NUMBER)
        put(ws.cell(row=row, column=6), t("exports.kpi_definition.custom", lang))
    last = FIRST_ROW + len(rows) - 1
    w.validation(ws, Column("target", "target", "number"), f"C{FIRST_ROW}:C{last}")
    table = Table(displayName="tbl_kpis", ref=f"A{HEADER_ROW}:F{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    ws.add_table(table)
    put(ws.cell(row=last + 2, column=2), t("exports.kpi.emv_caveat", lang))
    ws.cell(row=last + 2, column=2).font = Font(italic=True)
    ws.freeze_panes = "C5"
    _kpi_platforms(w, ws)


def _kpi_row(w: Writer, ws, row: int, code: str, target: float | None, fmt: str) -> None:
    put(ws.cell(row=row, column=1), code)
    ws.cell(row=row, column=1).font = Font(color="808080")
    put(ws.cell(row=row, column=2), kpi_label(code, w.lang))
    ws.cell(row=row, column=2).font = Font(bold=True)
    cell = ws.cell(row=row, column=3)
    cell.style = w.styles.get("input", fmt)
    put(cell, target)
    achieved = ws.cell(row=row, column=5)
    formula(
        achieved,
        f'=IF(AND(ISNUMBER(C{row}),ISNUMBER(D{row})),IF(C{row}<>0,D{row}/C{row},""),"")',
    )
    achieved.style = w.styles.get("calc", FMT_PERCENT)


def _kpi_platforms(w: Writer, ws) -> None:
    lang = w.lang
    col = KPI_PLATFORM_COLUMN
    put(ws.cell(row=HEADER_ROW - 1, column=col), t("exports.kpi.by_platform", lang))
    ws.cell(row=HEADER_ROW - 1, column=col).font = Font(bold=True, color=HEADER_COLOUR)
    positions = {key: col + j for j, (key, _) in enumerate(PLATFORM_BLOCK)}
    for key, j in positions.items():
        w.header(ws, HEADER_ROW, j, t(f"exports.col.{key}", lang))
        ws.column_dimensions[get_column_letter(j)].width = 16 if key != "platform" else 18
    platforms = w.column_range("results", "platform")
    w.platform_rows = {}
    for i, code in enumerate(PLATFORMS):
        row = FIRST_ROW + i
        w.platform_rows[code] = row
        put(ws.cell(row=row, column=col), list_label("platform", code, lang))
        label = f"${get_column_letter(col)}{row}"
        for key, source in PLATFORM_BLOCK[1:]:
            cell = ws.cell(row=row, column=positions[key])
            if isinstance(source, str):
                formula(cell, f"=SUMIFS({w.column_range('results', source)},{platforms},{label})")
            else:
                num, den, scale = source
                n = f"{get_column_letter(positions[num])}{row}"
                d = f"{get_column_letter(positions[den])}{row}"
                times = f"*{scale}" if scale != 1 else ""
                formula(cell, f'=IF(N({d})>0,{n}/{d}{times},"")')
            cell.style = w.styles.get("calc", excel_format(key))
    w.platform_columns = positions
