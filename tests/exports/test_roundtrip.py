"""The round trip: export the plan, edit the workbook as a user would, read it back."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from influkit.data import datasets
from influkit.errors import UserError
from influkit.exports import workbook as wbmod
from influkit.exports.roundtrip import CellProblem, apply_roundtrip, read_workbook
from influkit.exports.workbook import blank_template, plan_workbook
from influkit.plan.model import Plan
from influkit.text.i18n import t

from ..helpers import rich_plan

CASES = datasets.cases()


def _edit(data: bytes, edit) -> bytes:
    """Open the workbook with openpyxl, apply ``edit(book)``, save it back."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rounded(value):
    """Floats to 12 significant digits: XLSX stores about 16, enough for money and counts."""
    if isinstance(value, float):
        return float(f"{value:.12g}")
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def _comparable(plan: Plan) -> dict:
    data = plan.model_dump(mode="json")
    data.pop("created_at")
    return _rounded(data)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("case_index", range(len(CASES)))
def test_an_untouched_export_reads_back_to_the_same_plan(case_index, lang):
    """Exporting then importing without any edit changes nothing in the plan."""
    plan = rich_plan(CASES[case_index], lang)
    result = read_workbook(plan_workbook(plan, lang))
    assert result.problems == []
    assert _comparable(apply_roundtrip(plan, result)) == _comparable(plan)
    summary = result.summary(plan)
    assert all(row["added"] == row["removed"] == row["changed"] == 0 for row in summary), summary


def test_user_edits_come_back_and_problems_name_sheet_and_cell():
    """A changed quantity and an added task come back; a bad date and a text in a number cell
    are listed with their sheet and cell and keep the plan's values; nothing else is lost."""
    plan = rich_plan(CASES[0], "fr")
    row = wbmod.FIRST_ROW

    def edit(book):
        budget = book["Budget"]
        budget[f"G{row}"] = 5  # quantity of the first line
        budget[f"H{row + 1}"] = "beaucoup"  # unit cost of the second line
        retro = book["Rétroplanning"]
        new = row + len(plan.tasks)
        retro[f"A{new}"] = "bilan-client"
        retro[f"B{new}"] = "Présenter le bilan au client"
        retro[f"E{new}"] = 2
        retro[f"H{new}"] = "reporting"
        objectives = book["Objectifs SMART"]
        objectives[f"J{row}"] = "31/02/2027"

    result = read_workbook(_edit(plan_workbook(plan, "fr"), edit))
    problems = {(p.sheet, p.cell): p for p in result.problems}
    assert set(problems) == {("Budget", f"H{row + 1}"), ("Objectifs SMART", f"J{row}")}
    assert problems[("Budget", f"H{row + 1}")].message("fr") == "« beaucoup » n'est pas un nombre."
    assert "31/02/2027" in problems[("Objectifs SMART", f"J{row}")].message("en")

    merged = apply_roundtrip(plan, result)
    assert merged.budget_lines[0].quantity == 5
    assert merged.budget_lines[1].unit_cost_eur_ht == plan.budget_lines[1].unit_cost_eur_ht
    assert merged.objectives[0].end == plan.objectives[0].end
    added = merged.tasks[-1]
    assert (added.task_id, added.name, added.duration_days, added.depends_on) == (
        "bilan-client",
        "Présenter le bilan au client",
        2,
        ["reporting"],
    )
    expected = _comparable(plan)
    got = _comparable(merged)
    expected["budget_lines"][0]["quantity"] = 5
    expected["tasks"].append(got["tasks"][-1])
    assert got == expected
    assert plan.budget_lines[0].quantity == 2, "the current plan itself is untouched"


@pytest.mark.parametrize(
    "sheet, cell, value, reason",
    [
        ("Budget", "G5", "deux", "exports.problem.not_a_number"),
        ("Budget", "G5", -3, "exports.problem.negative"),
        ("Budget", "B5", "Cadeaux divers", "exports.problem.unknown_value"),
        ("Rétroplanning", "E5", 2.5, "exports.problem.not_whole"),
        ("Objectifs SMART", "I5", "le 3 mars", "exports.problem.not_a_date"),
        ("Objectifs SMART", "I5", "30/02/2027", "exports.problem.bad_date"),
        ("Shortlist", "N5", "Star", "exports.problem.unknown_value"),
        ("Livrables", "I5", "Terminé ?", "exports.problem.unknown_value"),
        ("Rétroplanning", "H6", "inconnue", "exports.problem.unknown_dependency"),
    ],
)
def test_each_unreadable_cell_is_reported(sheet, cell, value, reason):
    """A value that does not fit its column is reported with its reason, the rest imports."""
    plan = rich_plan(CASES[0], "fr")

    def edit(book):
        book[sheet][cell] = value

    result = read_workbook(_edit(plan_workbook(plan, "fr"), edit))
    assert [(p.sheet, p.cell, p.reason_key) for p in result.problems] == [(sheet, cell, reason)]
    assert isinstance(result.problems[0], CellProblem)
    assert result.problems[0].message("fr") != reason


@pytest.mark.parametrize(
    "typed, expected",
    [("1 234,50", 1234.5), ("1234.5", 1234.5), ("1.234,5 €", 1234.5), ("12", 12.0)],
)
def test_numbers_typed_as_text_are_read(typed, expected):
    """A number typed as text the French way or the English way reads as that number."""
    plan = rich_plan(CASES[0], "fr")

    def edit(book):
        book["Budget"]["H5"] = typed

    result = read_workbook(_edit(plan_workbook(plan, "fr"), edit))
    assert result.problems == []
    assert apply_roundtrip(plan, result).budget_lines[0].unit_cost_eur_ht == expected


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_filled_template_becomes_a_plan(lang):
    """A graduate fills the blank template at work; importing it gives the plan they typed."""

    def edit(book):
        names = {code: t(f"exports.sheet.{code}", lang) for code in wbmod.SHEETS}
        brief = book[names["brief"]]
        brief["B6"] = "Maison Lune"
        brief["B10"] = 12000
        brief["B11"] = dt.datetime(2027, 6, 1)
        brief["B13"] = "45 %" if lang == "fr" else 0.45
        brief["B9"] = t("aim.traffic", lang)
        shortlist = book[names["shortlist"]]
        shortlist["A5"] = "INF0002"
        shortlist["N5"] = t("exports.role.ambassador", lang)
        shortlist["B6"] = "@nouvelle.creatrice"
        shortlist["D6"] = "Instagram"
        shortlist["F6"] = 15400
        budget = book[names["budget"]]
        budget["B5"] = t("budget.category.influencer_fee", lang)
        budget["C5"] = "Cachet"
        budget["D5"] = "INF0002"
        budget["G5"] = 2
        budget["H5"] = 350
        kpis = book[names["kpis"]]
        kpis["C6"] = 90000

    result = read_workbook(_edit(blank_template(lang), edit))
    assert result.problems == []
    plan = apply_roundtrip(Plan(), result)
    assert plan.brief.brand == "Maison Lune"
    assert plan.brief.budget_eur_ht == 12000
    assert plan.brief.launch_date == dt.date(2027, 6, 1)
    assert plan.brief.target_audience.female_share == pytest.approx(0.45)
    assert plan.brief.business_aim == "traffic"
    assert [e.role for e in plan.shortlist] == ["ambassador", "creator"]
    assert plan.shortlist[0].influencer_id == "INF0002"
    newcomer = plan.imported_influencers[0]
    assert (newcomer.handle, newcomer.platform, newcomer.followers) == (
        "@nouvelle.creatrice",
        "instagram",
        15400,
    )
    assert plan.shortlist[1].influencer_id == newcomer.influencer_id
    line = plan.budget_lines[0]
    assert (line.category, line.quantity, line.unit_cost_eur_ht) == ("influencer_fee", 2, 350)
    assert [(k.kpi, k.target) for k in plan.kpi_targets] == [("impressions", 90000)]


def test_a_missing_sheet_leaves_that_part_of_the_plan_alone():
    """Deleting a sheet in Excel is reported; the plan keeps what that sheet held."""
    plan = rich_plan(CASES[1], "fr")

    def edit(book):
        del book["Budget"]

    result = read_workbook(_edit(plan_workbook(plan, "fr"), edit))
    assert [(p.sheet, p.reason_key) for p in result.problems] == [
        ("Budget", "exports.problem.missing_sheet")
    ]
    assert "budget" not in result.sections
    assert apply_roundtrip(plan, result).budget_lines == plan.budget_lines


@pytest.mark.parametrize(
    "data, key",
    [
        (b"not a workbook at all", "exports.error_not_workbook"),
        (b"PK\x03\x04broken zip", "exports.error_not_workbook"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused(data, key):
    """A file that is not an xlsx gives a clear message, not a traceback."""
    with pytest.raises(UserError) as err:
        read_workbook(data)
    assert err.value.key == key


def test_a_workbook_of_something_else_is_refused():
    """An xlsx that has none of the plan's sheets is refused with its own message."""
    book = openpyxl.Workbook()
    book.active.title = "Ventes"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(UserError) as err:
        read_workbook(out.getvalue())
    assert err.value.key == "exports.error_not_plan_workbook"


def test_columns_found_by_header_even_when_moved():
    """Moving a column in Excel does not matter: columns are found by their header."""
    plan = rich_plan(CASES[0], "fr")

    def edit(book):
        ws = book["Budget"]
        ws.move_range("J4:J60", cols=4)  # the Note column goes after the totals block
        for table in list(ws.tables):
            del ws.tables[table]

    result = read_workbook(_edit(plan_workbook(plan, "fr"), edit))
    assert _comparable(apply_roundtrip(plan, result)) == _comparable(plan)


@pytest.mark.parametrize("payload", ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)"])
def test_text_that_looks_like_a_formula_comes_back_as_typed(payload):
    """Text starting like a formula is stored as text and reads back unchanged."""
    plan = rich_plan(CASES[0], "fr")
    plan.brief.brand = payload
    plan.budget_lines[0].label = payload
    plan.tasks[0].name = payload
    result = read_workbook(plan_workbook(plan, "fr"))
    merged = apply_roundtrip(Plan(), result)
    assert merged.brief.brand == payload
    assert merged.budget_lines[0].label == payload
    assert merged.tasks[0].name == payload


def test_a_workbook_that_changes_the_results_becomes_their_source():
    """Results edited in the workbook now come from the workbook (no seed, dated today); an
    untouched export keeps the simulation as their source."""
    plan = rich_plan(CASES[0], "fr")
    plan.results_source, plan.results_seed = "simulation", 4
    plan.results_updated_on = dt.date(2027, 1, 5)
    untouched = apply_roundtrip(plan, read_workbook(plan_workbook(plan, "fr")))
    assert (untouched.results_source, untouched.results_seed) == ("simulation", 4)
    assert untouched.results_updated_on == dt.date(2027, 1, 5)

    def edit(book):
        sheet = book["Résultats"]
        headers = [cell.value for cell in sheet[wbmod.HEADER_ROW]]
        column = headers.index(wbmod_header("impressions")) + 1
        sheet.cell(row=wbmod.FIRST_ROW, column=column, value=123_456)

    edited = apply_roundtrip(plan, read_workbook(_edit(plan_workbook(plan, "fr"), edit)))
    assert edited.results[0].impressions == 123_456
    assert (edited.results_source, edited.results_seed) == ("workbook", None)
    assert edited.results_updated_on == dt.date.today()
    assert plan.results_source == "simulation", "the current plan itself is untouched"


def wbmod_header(field: str) -> str:
    """The French header of a results column in the workbook."""
    return t(f"exports.col.{field}", "fr")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_parameters_sheet_comes_back_margin_and_emv_rates(lang):
    """A margin rate and a platform's EMV rates changed on the Parameters sheet become the
    plan's assumptions; the rates left alone stay as the plan had them."""
    plan = rich_plan(CASES[0], lang)
    sheet = t("exports.sheet.parameters", lang)
    tiktok = wbmod.list_label("platform", "tiktok", lang)

    def edit(book):
        ws = book[sheet]
        ws.cell(row=wbmod.PARAM_ROWS["margin_rate"], column=2).value = 0.42
        for row in range(wbmod.EMV_HEADER_ROW + 1, wbmod.EMV_HEADER_ROW + 20):
            if ws.cell(row=row, column=1).value == tiktok:
                ws.cell(row=row, column=2).value = 7.5
                ws.cell(row=row, column=3).value = 0.2
                return
        raise AssertionError("no TikTok row on the Parameters sheet")

    result = read_workbook(_edit(plan_workbook(plan, lang), edit))
    assert result.problems == []
    after = apply_roundtrip(plan, result).settings.assumptions
    assert after.margin_rate == pytest.approx(0.42)
    assert after.emv_rates["tiktok"] == {"cpm_eur": 7.5, "value_per_engagement_eur": 0.2}
    assert set(after.emv_rates) - set(plan.settings.assumptions.emv_rates) <= {"tiktok"}
