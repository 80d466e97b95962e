"""The plan workbook: its sheets, live formulas recomputed by LibreOffice against influkit's own
figures, the Gantt, the charts, the blank template and the formula-injection guard."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile

import openpyxl
import pandas as pd
import pytest

from influkit import metrics
from influkit.campaign.budget.optimiser import budget_summary
from influkit.data import datasets
from influkit.exports import workbook as wbmod
from influkit.exports.safe_files import FORMULA_TRIGGERS, to_csv_bytes
from influkit.exports.workbook import plan_tables, plan_workbook
from influkit.identify import profiles
from influkit.operations.schedule import scheduler as retroplan
from influkit.operations.schedule.calendar import working_days
from influkit.plan.model import (
    KpiTarget,
    Plan,
    ResultRow,
)
from influkit.text.i18n import t

from ..helpers import libreoffice_convert, rich_plan

CASES = datasets.cases()
CASE_IDS = [case["case_id"] for case in CASES]
ERROR_VALUE = re.compile(r"^(#(DIV/0!|NAME\?|REF!|VALUE!|N/A|NUM!|NULL!)|Err:\d+)")


# --- structure ------------------------------------------------------------------------------


def _open(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def rich_fr() -> tuple[Plan, openpyxl.Workbook]:
    plan = rich_plan(CASES[0], "fr")
    return plan, _open(plan_workbook(plan, "fr"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sheets_are_named_in_the_users_language(lang):
    """The workbook's sheets carry French names for a French user, English for an English one."""
    book = _open(plan_workbook(rich_plan(CASES[1], lang), lang))
    assert book.sheetnames == [t(f"exports.sheet.{code}", lang) for code in wbmod.SHEETS]


def test_named_ranges_point_at_the_parameters(rich_fr):
    """VAT rate, EMV rates, tier thresholds and holidays are named ranges on Parameters."""
    _, book = rich_fr
    names = book.defined_names
    for name in (
        "VatRate",
        "EmvCpm",
        "EmvVpe",
        "EmvPlatforms",
        "TierMin",
        "TierNames",
        "Holidays",
        "MarginRate",
        "List_platform",
        "List_category",
        "List_tier",
        "List_status",
    ):
        assert name in names, name
        assert "Paramètres" in names[name].attr_text
    assert "Brief" in names["Envelope"].attr_text
    params = book["Paramètres"]
    sheet, cell = names["VatRate"].attr_text.split("!")
    assert params[cell.replace("$", "")].value == pytest.approx(0.20)


def test_budget_cells_are_live_formulas(rich_fr):
    """Line totals multiply quantity by unit cost; VAT uses the named VAT rate; shares use SUMIFS."""
    plan, book = rich_fr
    ws = book["Budget"]
    assert ws["I5"].value == '=IF(AND(ISNUMBER(G5),ISNUMBER(H5)),G5*H5,"")'
    formulas = [
        c.value
        for row in ws.iter_rows(min_col=13, max_col=13)
        for c in row
        if isinstance(c.value, str)
    ]
    assert any("VatRate" in f for f in formulas)
    assert any(f.startswith("=SUMIFS(") for f in formulas)
    assert any("Envelope" in f for f in formulas)


@pytest.mark.parametrize(
    "sheet, column, kind",
    [
        ("Budget", "B", "list"),
        ("Budget", "F", "list"),
        ("Budget", "G", "decimal"),
        ("Budget", "H", "decimal"),
        ("Livrables", "I", "list"),
        ("Rétroplanning", "C", "date"),
        ("Rétroplanning", "E", "whole"),
        ("Résultats", "C", "list"),
        ("Résultats", "D", "date"),
        ("Objectifs SMART", "I", "date"),
    ],
)
def test_input_cells_are_validated(rich_fr, sheet, column, kind):
    """Drop-down lists for codes, numbers ≥ 0 and dates guard the input cells."""
    _, book = rich_fr
    ws = book[sheet]
    found = [
        dv for dv in ws.data_validations.dataValidation if f"{column}{wbmod.FIRST_ROW}" in dv.sqref
    ]
    assert found and found[0].type == kind


def test_input_cells_are_filled_and_explained(rich_fr):
    """Every sheet says which colour means "type here", and input cells wear that colour."""
    _, book = rich_fr
    for ws in book:
        assert ws["A2"].value == t("exports.legend.input", "fr")
    budget = book["Budget"]
    assert budget["G5"].fill.start_color.rgb.endswith(wbmod.INPUT_COLOUR)
    assert not budget["I5"].fill.start_color.rgb.endswith(wbmod.INPUT_COLOUR)


def test_tables_frozen_headers_and_french_formats(rich_fr):
    """Each list is an Excel table with a frozen header; money, percent and date formats."""
    _, book = rich_fr
    for name in ("Budget", "Shortlist", "Rétroplanning", "Résultats", "Objectifs SMART"):
        ws = book[name]
        assert ws.tables, name
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("5")
    assert book["Budget"]["H5"].number_format == '#,##0.00 "€"'
    assert book["Shortlist"]["H5"].number_format == "0.0 %"
    assert book["Rétroplanning"]["C5"].number_format == "dd/mm/yyyy"


def test_gantt_is_conditional_formatting_over_working_days(rich_fr):
    """The Gantt grid is drawn by formula rules: one for critical tasks, one for the others."""
    plan, book = rich_fr
    ws = book["Rétroplanning"]
    rules = [rule for rng in ws.conditional_formatting for rule in rng.rules]
    texts = [rule.formula[0] for rule in rules]
    assert any("$C5" in f and "$D5" in f and "$I5" in f for f in texts), texts
    assert any("$C5" in f and "$D5" in f and "$I5" not in f for f in texts), texts
    scheduled = retroplan.schedule(plan.tasks, plan.brief.launch_date)
    days = working_days(scheduled["start"].min(), scheduled["end"].max())
    first = len(wbmod.TASK_COLUMNS) + 2
    assert ws.cell(row=3, column=first + len(days) - 1).value.startswith("=WORKDAY(")
    assert ws.cell(row=3, column=first + len(days)).value is None


def test_dashboard_has_native_charts_on_the_figures(rich_fr):
    """The dashboard holds real Excel charts (bar, pie, line) fed by the workbook's cells."""
    plan = rich_fr[0]
    data = plan_workbook(plan, "fr")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        charts = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        xml = "".join(archive.read(n).decode("utf-8") for n in charts)
    assert len(charts) == 4
    assert "<barChart>" in xml and "<pieChart>" in xml and "<lineChart>" in xml
    assert "'Budget'!$M$" in xml and "'KPI'!$C$" in xml and "'Tableau de bord'!$E$" in xml


def test_shortlist_holds_the_metrics_of_the_influencers(rich_fr):
    """The Shortlist sheet lists each shortlisted account with its followers, ER and price."""
    plan, book = rich_fr
    ws = book["Shortlist"]
    table = profiles.shortlist_table(plan).set_index("influencer_id")
    for offset, entry in enumerate(plan.shortlist):
        row = wbmod.FIRST_ROW + offset
        assert ws.cell(row=row, column=1).value == entry.influencer_id
        assert ws.cell(row=row, column=6).value == table.at[entry.influencer_id, "followers"]
        assert ws.cell(row=row, column=8).value == pytest.approx(
            table.at[entry.influencer_id, "er"]
        )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_blank_template_has_empty_inputs_and_ready_rows(lang):
    """The template keeps formulas, validations and 50 formatted rows, and no plan data."""
    book = _open(wbmod.blank_template(lang))
    budget = book[t("exports.sheet.budget", lang)]
    assert budget["B5"].value is None and budget["H54"].value is None
    assert budget["I54"].value.startswith("=IF(")
    assert budget["G54"].fill.start_color.rgb.endswith(wbmod.INPUT_COLOUR)
    brief = book[t("exports.sheet.brief", lang)]
    assert all(brief.cell(row=r, column=2).value is None for r in range(5, 21))
    shortlist = book[t("exports.sheet.shortlist", lang)]
    assert shortlist.data_validations.dataValidation


def test_plan_tables_have_readable_headers():
    """The plan's tables for CSV download carry the workbook's headers and labels."""
    plan = rich_plan(CASES[0], "fr")
    tables = plan_tables(plan, "fr")
    assert set(tables) == set(wbmod.TABLES)
    assert list(tables["budget"].columns)[:3] == ["Identifiant", "Catégorie", "Libellé"]
    assert tables["budget"].iloc[0, 1] == "Rémunération des influenceurs"
    assert len(tables["retro"]) == len(plan.tasks)


# --- formula injection ----------------------------------------------------------------------

PAYLOADS = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "\tx", "\rx"]


def _poisoned(payload: str) -> Plan:
    """A rich plan whose every free-text field holds ``payload``."""
    plan = rich_plan(CASES[0], "fr", n_influencers=3)
    brief = plan.brief
    plan.title = payload
    for field in ("brand", "product", "product_category", "context", "constraints", "notes"):
        setattr(brief, field, payload)
    brief.target_audience.description = payload
    plan.client_learnings = payload
    plan.notes = {payload: payload, "trends": payload}
    plan.shortlist = [e.model_copy(update={"note": payload}) for e in plan.shortlist]
    plan.objectives = [
        o.model_copy(
            update={
                "kpi": payload,
                "audience": payload,
                "platform": payload,
                "offer": payload,
                "note": payload,
                "objective_id": payload,
            }
        )
        for o in plan.objectives
    ]
    plan.deliverables = [
        d.model_copy(update={"format": payload, "note": payload, "platform": payload})
        for d in plan.deliverables
    ]
    plan.tasks = [
        task.model_copy(update={"name": payload, "owner": payload, "phase": payload})
        for task in plan.tasks
    ]
    plan.budget_lines = [
        line.model_copy(update={"label": payload, "note": payload}) for line in plan.budget_lines
    ]
    plan.results = [r.model_copy(update={"post_ref": payload}) for r in plan.results]
    plan.kpi_targets = [*plan.kpi_targets, KpiTarget(kpi=payload, target=1)]
    return plan


@pytest.mark.parametrize("payload", PAYLOADS, ids=repr)
def test_no_user_text_becomes_a_formula(payload):
    """Text a user typed is stored as text in every sheet, however it starts."""
    plan = _poisoned(payload)
    book = _open(plan_workbook(plan, "fr"))
    as_text = 0
    for ws in book:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert "HYPERLINK" not in cell.value and "@SUM" not in cell.value, (
                        ws.title,
                        cell.coordinate,
                    )
                    assert cell.value not in PAYLOADS, (ws.title, cell.coordinate)
                elif isinstance(cell.value, str) and payload.strip() in cell.value:
                    as_text += 1
    assert as_text >= 20


@pytest.mark.parametrize("payload", PAYLOADS, ids=repr)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_csv_exports_of_the_plan_are_neutralised(payload, lang):
    """Every CSV of the plan's tables starts user text with an apostrophe, never a trigger."""
    plan = _poisoned(payload)
    for name, frame in plan_tables(plan, lang).items():
        text = to_csv_bytes(frame, lang).decode("utf-8-sig")
        sep = ";" if lang == "fr" else ","
        reader = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
        values = [str(v) for v in reader.to_numpy().ravel()]
        for value in values:
            assert not value.startswith(FORMULA_TRIGGERS[:4]), (name, value)
        if name != "results":
            assert any(v.startswith("'") and v.endswith(payload[1:]) for v in values), name


# --- LibreOffice recalculation --------------------------------------------------------------


def _variants() -> dict[str, tuple[Plan, str, bool]]:
    out: dict[str, tuple[Plan, str, bool]] = {}
    for case in CASES:
        out[f"case-{case['case_id']}"] = (rich_plan(case, "fr"), "fr", False)
    out["case-en"] = (rich_plan(CASES[2], "en"), "en", False)
    out["empty"] = (Plan(), "fr", False)
    out["case-only"] = (Plan.from_case(CASES[3], "fr"), "fr", False)
    out["blank-fr"] = (Plan(), "fr", True)
    out["blank-en"] = (Plan(), "en", True)
    return out


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    """Every variant's workbook recomputed by LibreOffice in one headless call."""
    base = tmp_path_factory.mktemp("recalc")
    source, out = base / "in", base / "out"
    source.mkdir()
    variants = _variants()
    files = []
    for name, (plan, lang, blank) in variants.items():
        path = source / f"{name}.xlsx"
        path.write_bytes(plan_workbook(plan, lang, blank=blank))
        files.append(path)
    libreoffice_convert(files, "xlsx", out)
    books = {}
    for name in variants:
        converted = out / f"{name}.xlsx"
        assert converted.exists(), name
        books[name] = openpyxl.load_workbook(converted, data_only=True)
    return {name: (*variants[name], books[name]) for name in variants}


VARIANTS = list(_variants())
CASE_VARIANTS = [name for name in VARIANTS if name.startswith("case-") and name != "case-only"]


def _close(actual, expected, label):
    """LibreOffice's value equals influkit's; a missing figure shows an empty cell."""
    if expected is None or (isinstance(expected, float) and math.isnan(expected)):
        assert actual in (None, ""), label
    else:
        assert actual == pytest.approx(expected, rel=1e-9, abs=1e-6), label


def _value_beside(ws, column: int, label: str, offset: int = 1, start: int = 1):
    for row in ws.iter_rows(min_row=start, min_col=column, max_col=column):
        if row[0].value == label:
            return ws.cell(row=row[0].row, column=column + offset).value
    raise AssertionError(f"{label} not found in {ws.title}")


@pytest.mark.libreoffice
@pytest.mark.parametrize("variant", VARIANTS)
def test_no_cell_shows_an_error_value(recalculated, variant):
    """After LibreOffice recomputes it, no cell of any sheet shows #DIV/0!, #NAME?, Err:…"""
    *_, book = recalculated[variant]
    for ws in book:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert not ERROR_VALUE.match(cell.value), (
                        ws.title,
                        cell.coordinate,
                        cell.value,
                    )


@pytest.mark.libreoffice
@pytest.mark.parametrize("variant", [*CASE_VARIANTS, "empty", "case-only"])
def test_budget_figures_equal_influkits(recalculated, variant):
    """Budget totals (HT, VAT, TTC, remaining) and shares by category, tier and platform."""
    plan, lang, _, book = recalculated[variant]
    ws = book[t("exports.sheet.budget", lang)]
    col = wbmod.BUDGET_SUMMARY_COLUMN
    frame = wbmod.budget_lines_frame(plan)
    summary = budget_summary(frame, plan.brief.budget_eur_ht)
    for key, expected in (
        ("total_ht", summary.total_ht),
        ("vat", summary.vat),
        ("total_ttc", summary.total_ttc),
        ("remaining", summary.remaining),
        ("envelope", summary.envelope),
    ):
        _close(_value_beside(ws, col, t(f"exports.budget.{key}", lang)), expected, key)
    for offset, line in enumerate(plan.budget_lines):
        _close(
            ws.cell(row=wbmod.FIRST_ROW + offset, column=9).value,
            line.quantity * line.unit_cost_eur_ht,
            f"line {offset}",
        )
    for field, breakdown, options in (
        ("category", summary.by_category, "category"),
        ("tier", summary.by_tier, "tier"),
        ("platform", summary.by_platform, "platform"),
    ):
        header, first, last = _breakdown_rows(ws, lang, field)
        shown = {
            ws.cell(row=r, column=col).value: (
                ws.cell(row=r, column=col + 1).value,
                ws.cell(row=r, column=col + 2).value,
            )
            for r in range(first, last + 1)
        }
        expected = {
            wbmod.list_label(options, code, lang): (total, share)
            for code, total, share in breakdown[[field, "total_eur_ht", "share"]].itertuples(
                index=False
            )
        }
        for label, (total, share) in shown.items():
            want_total, want_share = expected.get(label, (0.0, 0.0 if summary.total_ht else None))
            _close(total, want_total, f"{field} {label}")
            _close(share, want_share, f"{field} {label} share")


def _breakdown_rows(ws, lang, field):
    col = wbmod.BUDGET_SUMMARY_COLUMN
    key = {"category": "by_category", "tier": "by_tier", "platform": "by_platform"}[field]
    header = next(
        r[0].row
        for r in ws.iter_rows(min_col=col, max_col=col)
        if r[0].value == t(f"exports.budget.{key}", lang)
    )
    last = header
    while ws.cell(row=last + 1, column=col).value not in (None, ""):
        last += 1
    return header, header + 1, last


@pytest.mark.libreoffice
@pytest.mark.parametrize("variant", [*CASE_VARIANTS, "empty"])
def test_kpis_equal_influkit_metrics(recalculated, variant):
    """Each KPI the workbook computes from the Results sheet equals influkit.metrics'."""
    plan, lang, _, book = recalculated[variant]
    ws = book[t("exports.sheet.kpis", lang)]
    res = pd.DataFrame([r.model_dump() for r in plan.results], columns=list(ResultRow.model_fields))
    total = res[
        [
            "cost_eur_ht",
            "impressions",
            "reach",
            "views",
            "engagements",
            "clicks",
            "conversions",
            "revenue_eur",
        ]
    ].sum()
    rates = plan.settings.assumptions.emv_rates or None
    emv = metrics.emv(res["impressions"], res["engagements"], res["platform"], rates=rates)
    cost, revenue = total["cost_eur_ht"], total["revenue_eur"]
    margin = wbmod.margin_rate(plan)
    expected = {
        "cost": cost,
        "impressions": total["impressions"],
        "reach": total["reach"],
        "views": total["views"],
        "engagements": total["engagements"],
        "clicks": total["clicks"],
        "conversions": total["conversions"],
        "revenue": revenue,
        "emv": float(emv.sum()),
        "cpm": metrics.cpm(cost, total["impressions"]),
        "cpe": metrics.cpe(cost, total["engagements"]),
        "cpc": metrics.cpc(cost, total["clicks"]),
        "cpv": metrics.cpv(cost, total["views"]),
        "cpa": metrics.cpa(cost, total["conversions"]),
        "ctr": metrics.ctr(total["clicks"], total["impressions"]),
        "conversion_rate": metrics.conversion_rate(total["conversions"], total["clicks"]),
        "roas": metrics.roas(revenue, cost),
        "roi": metrics.roi(revenue, cost),
        "roi_margin": metrics.roi(revenue * margin, cost) if margin is not None else None,
    }
    targets = wbmod.kpi_targets(plan)
    for row in ws.iter_rows(min_row=wbmod.FIRST_ROW, max_col=5):
        code = row[0].value
        if code in expected:
            _close(row[3].value, expected[code], code)
            target = targets.get(code)
            _close(row[2].value, target, f"{code} target")
            if target and not (isinstance(expected[code], float) and math.isnan(expected[code])):
                _close(row[4].value, expected[code] / target, f"{code} achievement")
    for platform in plan.results and {r.platform for r in plan.results} or ():
        mine = res[res["platform"] == platform]
        label = wbmod.list_label("platform", platform, lang)
        col = wbmod.KPI_PLATFORM_COLUMN
        impressions = _value_beside(ws, col, label, 2)
        _close(impressions, mine["impressions"].sum(), f"{platform} impressions")
        _close(
            _value_beside(ws, col, label, 7),
            metrics.cpm(mine["cost_eur_ht"].sum(), mine["impressions"].sum()),
            "cpm",
        )
        _close(
            _value_beside(ws, col, label, 9),
            metrics.roas(mine["revenue_eur"].sum(), mine["cost_eur_ht"].sum()),
            "roas",
        )


@pytest.mark.libreoffice
@pytest.mark.parametrize("variant", CASE_VARIANTS)
def test_shortlist_tiers_and_cpm_equal_influkits(recalculated, variant):
    """The tier looked up from the thresholds and the estimated CPM match influkit's."""
    plan, lang, _, book = recalculated[variant]
    ws = book[t("exports.sheet.shortlist", lang)]
    table = profiles.shortlist_table(plan).set_index("influencer_id")
    for offset, entry in enumerate(plan.shortlist):
        row = wbmod.FIRST_ROW + offset
        known = table.loc[entry.influencer_id]
        assert ws.cell(row=row, column=7).value == wbmod.list_label("tier", known["tier"], lang)
        _close(ws.cell(row=row, column=12).value, known["est_cpm_eur"], "est cpm")


@pytest.mark.libreoffice
@pytest.mark.parametrize("variant", CASE_VARIANTS)
def test_gantt_grid_dates_are_the_working_days(recalculated, variant):
    """The grid's dates, computed with WORKDAY and the holidays range, are influkit's working
    days from the first start to the last end."""
    plan, lang, _, book = recalculated[variant]
    ws = book[t("exports.sheet.retro", lang)]
    scheduled = retroplan.schedule(plan.tasks, plan.brief.launch_date)
    days = working_days(scheduled["start"].min(), scheduled["end"].max())
    first = len(wbmod.TASK_COLUMNS) + 2
    shown = [ws.cell(row=3, column=first + k).value for k in range(len(days))]
    assert [d.date() for d in shown] == days


@pytest.mark.libreoffice
@pytest.mark.parametrize("variant", CASE_VARIANTS)
def test_dashboard_key_figures_and_weekly_results(recalculated, variant):
    """The dashboard's figures repeat the budget and KPI cells; weekly sums cover every post."""
    plan, lang, _, book = recalculated[variant]
    ws = book[t("exports.sheet.dashboard", lang)]
    summary = budget_summary(wbmod.budget_lines_frame(plan), plan.brief.budget_eur_ht)
    _close(_value_beside(ws, 1, t("exports.budget.total_ttc", lang)), summary.total_ttc, "ttc")
    weekly = [
        ws.cell(row=r, column=5).value
        for r in range(5, 5 + 60)
        if isinstance(ws.cell(row=r, column=4).value, dt.datetime)
    ]
    _close(sum(v or 0 for v in weekly), sum(r.impressions for r in plan.results), "weekly")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_results_sheet_says_where_the_results_come_from(lang):
    """Results simulated from the plan are labelled as such above the results table."""
    from influkit.campaign.results import source_note

    plan = rich_plan(datasets.cases()[0], lang)
    plan.results_source, plan.results_seed = "simulation", 12
    book = openpyxl.load_workbook(io.BytesIO(plan_workbook(plan, lang)))
    sheet = book[t("exports.sheet.results", lang)]
    assert sheet.cell(row=wbmod.LEGEND_ROW + 1, column=1).value == source_note(plan, lang)
    assert "12" in source_note(plan, lang)
