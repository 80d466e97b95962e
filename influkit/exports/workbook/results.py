"""The Results sheet: the measured posts (inputs), each post's EMV computed from the parameters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from influkit.campaign.results import source_note
from influkit.exports.workbook.cells import formula_text, put
from influkit.exports.workbook.layout import (
    LEGEND_ROW,
    RESULT_COLUMNS,
)
from influkit.text.i18n import t

if TYPE_CHECKING:
    from influkit.exports.workbook.writer import Writer


def write(w: Writer) -> None:
    """Write the Results sheet (with where the results come from, when not measured)."""
    w.title("results")
    # Simulated or sample results must not pass for measured ones once the file is shared.
    note = "" if w.blank else source_note(w.plan, w.lang)
    if note:
        put(w.ws["results"].cell(row=LEGEND_ROW + 1, column=1), note)
    other = formula_text(t("exports.params.other_platform", w.lang))
    w.table("results", RESULT_COLUMNS, extra={"other": other})
