"""The Parameters sheet: VAT and margin rates, EMV rates, tier thresholds, the public holidays
of the plan's years and the drop-down lists, each a named range the formulas use."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from influkit import metrics
from influkit.campaign.budget.optimiser import VAT_RATE
from influkit.campaign.results import margin_rate
from influkit.exports.workbook.cells import put
from influkit.exports.workbook.layout import (
    EMV_HEADER_ROW,
    FIRST_ROW,
    FMT_DATE,
    FMT_INT,
    FMT_MONEY,
    FMT_PERCENT,
    HEADER_COLOUR,
    HEADER_ROW,
    HOLIDAY_COLUMN,
    LISTS_COLUMN,
    PARAM_ROWS,
    VALIDATION_LISTS,
    Column,
    list_codes,
    list_label,
)
from influkit.operations.schedule.calendar import holidays_between
from influkit.plan.model import PLATFORMS
from influkit.text.i18n import catalogue, t

if TYPE_CHECKING:
    from influkit.exports.workbook.writer import Writer


def write(w: Writer) -> None:
    """Write the Parameters sheet and its named ranges."""
    ws = w.ws["parameters"]
    lang, plan = w.lang, w.plan
    w.title("parameters")
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 22
    w.header(ws, HEADER_ROW, 1, t("exports.col.parameter", lang))
    w.header(ws, HEADER_ROW, 2, t("exports.col.value", lang))
    margin = None if w.blank else plan.settings.assumptions.margin_rate
    margin = margin if margin is not None or w.blank else margin_rate(plan)
    for key, value in (("vat_rate", VAT_RATE), ("margin_rate", margin)):
        row = PARAM_ROWS[key]
        put(ws.cell(row=row, column=1), t(f"exports.params.{key}", lang))
        cell = ws.cell(row=row, column=2)
        cell.style = w.styles.get("input", FMT_PERCENT)
        put(cell, value)
        w.validation(ws, Column(key, key, "share"), f"B{row}")
    w.name("VatRate", "parameters", f"$B${PARAM_ROWS['vat_rate']}")
    w.name("MarginRate", "parameters", f"$B${PARAM_ROWS['margin_rate']}")

    row = EMV_HEADER_ROW - 1
    put(ws.cell(row=row, column=1), t("exports.params.emv_rates", lang))
    ws.cell(row=row, column=1).font = Font(bold=True, color=HEADER_COLOUR)
    for j, key in enumerate(("platform", "cpm_rate", "value_per_engagement"), start=1):
        w.header(ws, EMV_HEADER_ROW, j, t(f"exports.col.{key}", lang))
    rates = metrics.emv_rates(None if w.blank else plan.settings.assumptions.emv_rates)
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
            cell.style = w.styles.get("input", FMT_MONEY)
            put(cell, rates[code][key])
    last = EMV_HEADER_ROW + len(order)
    w.validation(ws, Column("rates", "rates", "money"), f"B{EMV_HEADER_ROW + 1}:C{last}")
    w.name("EmvPlatforms", "parameters", f"$A${EMV_HEADER_ROW + 1}:$A${last}")
    w.name("EmvCpm", "parameters", f"$B${EMV_HEADER_ROW + 1}:$B${last}")
    w.name("EmvVpe", "parameters", f"$C${EMV_HEADER_ROW + 1}:$C${last}")

    row = last + 2
    scheme = plan.settings.tier_scheme if not w.blank else metrics.DEFAULT_TIER_SCHEME
    scheme = scheme if scheme in metrics.TIER_SCHEMES else metrics.DEFAULT_TIER_SCHEME
    put(
        ws.cell(row=row, column=1),
        t("exports.params.tiers", lang, scheme=t(f"metrics.scheme.{scheme}", lang)),
    )
    ws.cell(row=row, column=1).font = Font(bold=True, color=HEADER_COLOUR)
    w.header(ws, row + 1, 1, t("exports.col.tier", lang))
    w.header(ws, row + 1, 2, t("exports.col.min_followers", lang))
    tiers = metrics.TIER_SCHEMES[scheme]
    for i, (code, low) in enumerate(tiers):
        r = row + 2 + i
        put(ws.cell(row=r, column=1), list_label("tier", code, lang))
        cell = ws.cell(row=r, column=2)
        cell.style = w.styles.get("input", FMT_INT)
        put(cell, low)
    first, last = row + 2, row + 1 + len(tiers)
    w.validation(ws, Column("tiers", "tiers", "int"), f"B{first}:B{last}")
    w.name("TierNames", "parameters", f"$A${first}:$A${last}")
    w.name("TierMin", "parameters", f"$B${first}:$B${last}")
    _holidays(w, ws)
    _lists(w, ws)


def holiday_years(w: Writer) -> range:
    """The years whose public holidays the Parameters sheet lists."""
    dates = [r["start"] for r in w.records["retro"] if r.get("start")]
    dates += [r["end"] for r in w.records["retro"] if r.get("end")]
    if not w.blank and w.plan.brief.launch_date:
        dates.append(w.plan.brief.launch_date)
    base = min(dates).year if dates else dt.date.today().year
    top = max(dates).year if dates else base
    return range(min(base, dt.date.today().year) - 1, max(top, dt.date.today().year) + 3)


def _holidays(w: Writer, ws) -> None:
    lang = w.lang
    col = HOLIDAY_COLUMN
    put(ws.cell(row=HEADER_ROW - 1, column=col), t("exports.params.holidays", lang))
    ws.cell(row=HEADER_ROW - 1, column=col).font = Font(bold=True, color=HEADER_COLOUR)
    w.header(ws, HEADER_ROW, col, t("exports.col.holiday", lang))
    w.header(ws, HEADER_ROW, col + 1, t("exports.col.holiday_name", lang))
    ws.column_dimensions[get_column_letter(col)].width = 14
    ws.column_dimensions[get_column_letter(col + 1)].width = 30
    years = holiday_years(w)
    found = holidays_between(dt.date(years.start, 1, 1), dt.date(years.stop - 1, 12, 31), lang=lang)
    for i, (day, name) in enumerate(found.items()):
        cell = ws.cell(row=FIRST_ROW + i, column=col)
        cell.style = w.styles.get("input", FMT_DATE)
        put(cell, day)
        put(ws.cell(row=FIRST_ROW + i, column=col + 1), name)
    last = FIRST_ROW + max(len(found), 1) - 1
    letter = get_column_letter(col)
    w.name("Holidays", "parameters", f"${letter}${FIRST_ROW}:${letter}${last}")


def _lists(w: Writer, ws) -> None:
    lang = w.lang
    col = LISTS_COLUMN
    put(ws.cell(row=HEADER_ROW - 1, column=col), t("exports.params.lists", lang))
    ws.cell(row=HEADER_ROW - 1, column=col).font = Font(bold=True, color=HEADER_COLOUR)
    for j, name in enumerate(VALIDATION_LISTS):
        column = col + j
        letter = get_column_letter(column)
        w.header(
            ws,
            HEADER_ROW,
            column,
            t(f"exports.params.list.{name}", lang)
            if f"exports.params.list.{name}" in catalogue(lang)
            else name,
        )
        ws.column_dimensions[letter].width = 24
        codes = list_codes(name, w.plan)
        for i, code in enumerate(codes):
            put(ws.cell(row=FIRST_ROW + i, column=column), list_label(name, code, lang))
        w.name(
            f"List_{name}",
            "parameters",
            f"${letter}${FIRST_ROW}:${letter}${FIRST_ROW + len(codes) - 1}",
        )
