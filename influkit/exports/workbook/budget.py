"""The Budget sheet: the budget lines, the summary (HT, VAT, TTC, envelope, what remains) and the
breakdowns by category, tier and platform, all formulas over the lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from influkit.exports.workbook.cells import formula, put
from influkit.exports.workbook.layout import (
    BUDGET_COLUMNS,
    BUDGET_SUMMARY,
    BUDGET_SUMMARY_COLUMN,
    FIRST_ROW,
    FMT_MONEY,
    FMT_PERCENT,
    HEADER_ROW,
    list_codes,
    list_label,
)
from influkit.text.i18n import t

if TYPE_CHECKING:
    from influkit.exports.workbook.writer import Writer


def write(w: Writer) -> None:
    """Write the Budget sheet and remember where its summary and breakdowns sit."""
    ws = w.ws["budget"]
    lang = w.lang
    w.title("budget")
    w.table("budget", BUDGET_COLUMNS)
    total = w.column_range("budget", "total_eur_ht").split("!")[1]
    col = BUDGET_SUMMARY_COLUMN
    ws.column_dimensions[get_column_letter(col)].width = 36
    ws.column_dimensions[get_column_letter(col + 1)].width = 16
    ws.column_dimensions[get_column_letter(col + 2)].width = 12
    w.header(ws, HEADER_ROW, col, t("exports.budget.summary", lang))
    w.header(ws, HEADER_ROW, col + 1, t("exports.col.value", lang))
    value = get_column_letter(col + 1)
    rows = {key: FIRST_ROW + i for i, key in enumerate(BUDGET_SUMMARY)}
    w.budget_rows = rows
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
        ws.cell(row=row, column=col).font = Font(bold=key in ("total_ht", "total_ttc", "remaining"))
        text, fmt = formulas[key]
        cell = ws.cell(row=row, column=col + 1)
        formula(cell, text)
        cell.style = w.styles.get("calc", fmt)
    w.name("TotalHT", "budget", cells["total_ht"])
    row = FIRST_ROW + len(rows) + 1
    w.breakdowns = {}
    for key, field, options in (
        ("by_category", "category", "category"),
        ("by_tier", "tier", "tier"),
        ("by_platform", "platform", "platform"),
    ):
        w.header(ws, row, col, t(f"exports.budget.{key}", lang))
        w.header(ws, row, col + 1, t("exports.col.total_ht", lang))
        w.header(ws, row, col + 2, t("exports.col.share", lang))
        keys = w.column_range("budget", field).split("!")[1]
        first = row + 1
        for code in list_codes(options, w.plan):
            row += 1
            label = ws.cell(row=row, column=col)
            put(label, list_label(options, code, lang))
            amount = ws.cell(row=row, column=col + 1)
            formula(amount, f"=SUMIFS({total},{keys},{get_column_letter(col)}{row})")
            amount.style = w.styles.get("calc", FMT_MONEY)
            share = ws.cell(row=row, column=col + 2)
            formula(share, f'=IF({cells["total_ht"]}>0,{value}{row}/{cells["total_ht"]},"")')
            share.style = w.styles.get("calc", FMT_PERCENT)
        w.breakdowns[field] = (first - 1, first, row)
        row += 2
