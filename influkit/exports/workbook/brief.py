"""The Brief sheet: the brief's fields one per row (yellow inputs), then notes per page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl.styles import Alignment, Font

from influkit.exports.workbook.cells import put
from influkit.exports.workbook.layout import (
    BRIEF_FIELDS,
    FIRST_ROW,
    HEADER_COLOUR,
    HEADER_ROW,
    NOTE_ROWS,
    NUMBER_FORMATS,
    Column,
)
from influkit.exports.workbook.records import shown
from influkit.text.i18n import t

if TYPE_CHECKING:
    from influkit.exports.workbook.writer import Writer


def write(w: Writer) -> None:
    """Write the Brief sheet."""
    ws = w.ws["brief"]
    lang, plan, brief = w.lang, w.plan, w.plan.brief
    w.title("brief")
    ws.column_dimensions["A"].width = 44
    ws.column_dimensions["B"].width = 90
    w.header(ws, HEADER_ROW, 1, t("exports.brief.field", lang))
    w.header(ws, HEADER_ROW, 2, t("exports.brief.value", lang))
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
        cell.style = w.styles.get("input", NUMBER_FORMATS[kind], kind == "long")
        if not w.blank:
            put(cell, shown(column, values[field], lang))
        w.validation(ws, column, f"B{row}")
        if kind == "long":
            ws.row_dimensions[row].height = 150 if field == "context" else 75
        if field == "budget_eur_ht":
            w.name("Envelope", "brief", f"$B${row}")
        if field == "launch_date":
            w.name("LaunchDate", "brief", f"$B${row}")
    row = FIRST_ROW + len(BRIEF_FIELDS) + 1
    put(ws.cell(row=row, column=1), t("exports.brief.page_notes", lang))
    ws.cell(row=row, column=1).font = Font(bold=True, size=12, color=HEADER_COLOUR)
    w.header(ws, row + 1, 1, t("exports.brief.page", lang))
    w.header(ws, row + 1, 2, t("exports.brief.note", lang))
    notes = [] if w.blank else list(plan.notes.items())
    style = w.styles.get("input", "General", True)
    for i in range(max(NOTE_ROWS, len(notes) + 5)):
        key_cell = ws.cell(row=row + 2 + i, column=1)
        value_cell = ws.cell(row=row + 2 + i, column=2)
        key_cell.style = style
        value_cell.style = style
        if i < len(notes):
            put(key_cell, notes[i][0])
            put(value_cell, notes[i][1])
    ws.freeze_panes = "A5"
