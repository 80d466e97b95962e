"""The Forecast sheet: the app's forecast of the plan as values (rows, totals with their range,
the assumptions behind them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from influkit.exports.workbook.cells import put
from influkit.exports.workbook.layout import (
    FIRST_ROW,
    FMT_INT,
    FMT_MONEY,
    FMT_MONEY_0,
    FMT_NUMBER,
    FMT_PERCENT,
    HEADER_COLOUR,
    HEADER_ROW,
    list_label,
)
from influkit.exports.workbook.records import influencer_lookup
from influkit.text.i18n import t

if TYPE_CHECKING:
    from influkit.exports.workbook.writer import Writer


def write(w: Writer) -> None:
    """The plan's forecast (:mod:`influkit.campaign.forecast`): one row per planned deliverable, the
    totals with their low / high range, and the assumptions behind them (values, no
    formulas: the app computes them, the sheet keeps what it said)."""
    from influkit.campaign import forecast

    ws = w.ws["forecast"]
    lang = w.lang
    w.title("forecast")
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
        w.header(ws, HEADER_ROW, j, t(f"exports.forecast.col.{key}", lang))
        ws.column_dimensions[get_column_letter(j)].width = width
    result = None if w.blank else forecast.forecast(w.plan)
    rows = [] if result is None else result.rows.to_dict("records")
    names = {
        iid: info.get("display_name") or info.get("handle") or iid
        for iid, info in ({} if w.blank else influencer_lookup(w.plan)).items()
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
                cell.style = w.styles.get("calc", fmt)
        row += 1
    w.forecast_total_row = row
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
        cell.style = w.styles.get("calc", fmt)
        cell.font = Font(bold=True)
    row += 2
    put(ws.cell(row=row, column=1), t("exports.forecast.assumptions", lang))
    ws.cell(row=row, column=1).font = Font(bold=True, color=HEADER_COLOUR)
    a = forecast.assumptions_in_force(w.plan)
    formats = {"percent": FMT_PERCENT, "money": FMT_MONEY, "number": FMT_NUMBER}
    for name in forecast.ASSUMPTION_FIELDS:
        row += 1
        put(ws.cell(row=row, column=1), t(f"forecast.assumption.{name}", lang))
        cell = ws.cell(row=row, column=2)
        put(cell, None if w.blank else getattr(a, name))
        cell.style = w.styles.get("calc", formats[forecast.ASSUMPTION_UNITS[name]])
    row += 2
    put(ws.cell(row=row, column=1), t("exports.forecast.how", lang))
    ws.cell(row=row, column=1).alignment = Alignment(wrap_text=False)
