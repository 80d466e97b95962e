"""One plan, one set of numbers: the expected sales and the planned cost of a plan are the same
on every page that shows them and in both exports (workbook and deck), in French and English."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from influkit.campaign import forecast
from influkit.campaign.budget import plan as budget_plan
from influkit.campaign.compensation import simulator as remuneration
from influkit.data import datasets
from influkit.exports import deck as deck_module
from influkit.exports import workbook as workbook_module
from influkit.identify import profiles
from influkit.kpis import fmt_kpi
from influkit.operations import deliverables as actions
from influkit.plan.model import Deliverable, Plan
from influkit.plan.storage import get_store
from influkit.text import i18n

from ..helpers import LANGS, assert_clean, run_page

PAGES = ("remuneration", "objectives", "budget", "success", "actions")


def build_plan(lang: str) -> Plan:
    """The cosmetics case with three of the brief's candidates: one paid a fixed fee for two
    reels, one on commission for a video, one with no model yet (their declared price)."""
    plan = Plan.from_case(datasets.case("cosmetique-lancement"), lang)
    table = profiles.influencer_table(plan)
    pool = budget_plan.candidate_pool(plan, table)
    pool = pool.loc[pool["price_per_post_eur"].between(50, 3_000)]
    ids = pool["influencer_id"].head(3).tolist()
    for iid in ids:
        plan.add_to_shortlist(iid)
    rows = remuneration.rows_by_id(table)
    plan.deliverables = [
        Deliverable(
            influencer_id=iid,
            platform=rows[iid]["platform"],
            format=actions.default_format(rows[iid]["platform"]),
            count=count,
        )
        for iid, count in ((ids[0], 2), (ids[1], 1))
    ]
    a = remuneration.plan_assumptions(plan)
    for iid, code in ((ids[0], "fixed_fee"), (ids[1], "affiliate")):
        posts = remuneration.planned_posts(plan, iid)
        common = remuneration.default_common(rows[iid], a, posts)
        params = remuneration.default_params(code, rows[iid], a, posts)
        remuneration.choose_model(plan, iid, code, common, params)
    remuneration.sync_budget_lines(plan, table)
    return plan


def expected_texts(plan: Plan, lang: str) -> tuple[str, str]:
    """The forecast's expected sales and planned cost, written as the pages write them."""
    result = forecast.forecast(plan)
    return (
        fmt_kpi("conversions", result.total("conversions"), lang),
        fmt_kpi("cost", result.total("cost"), lang),
    )


@pytest.fixture(scope="module", params=LANGS)
def stored_plan(request):
    """A stored plan (and its language) every page of this module opens."""
    plan = build_plan(request.param)
    return get_store().create(plan), plan, request.param


def metrics_of(at) -> dict[str, str]:
    """Every metric the page shows: label → value."""
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_the_same_expected_sales_and_cost(stored_plan, page):
    """Remuneration, objectives, budget, success and action plan pages all show the plan
    forecast's expected sales and planned cost, to the unit and the euro."""
    token, plan, lang = stored_plan
    sales, cost = expected_texts(plan, lang)
    at = run_page(page, lang=lang, token=token)
    assert_clean(at)
    shown = metrics_of(at)
    assert shown[i18n.t("forecast.expected.conversions", lang)] == sales
    assert shown[i18n.t("forecast.expected.cost", lang)] == cost


def test_the_action_plan_shows_the_chosen_models_pay(stored_plan):
    """ "Planned pay" on the action plan is the forecast's cost, not 0 € when models are chosen."""
    token, plan, lang = stored_plan
    _, cost = expected_texts(plan, lang)
    at = run_page("actions", lang=lang, token=token)
    assert metrics_of(at)[i18n.t("actions.metric_fees", lang)] == cost


def test_the_remuneration_simulator_shows_the_forecast_of_its_influencer(stored_plan):
    """The simulator's expected sales for the influencer it opens on are the forecast's."""
    token, plan, lang = stored_plan
    first = plan.shortlisted_ids()[0]
    by_influencer = forecast.forecast(plan).by_influencer().set_index("influencer_id")
    at = run_page("remuneration", lang=lang, token=token)
    label = i18n.t("remuneration.expected.conversions", lang)
    assert metrics_of(at)[label] == fmt_kpi(
        "conversions", by_influencer.loc[first, "conversions"], lang
    )


def test_the_workbook_holds_the_same_forecast(stored_plan):
    """The workbook's Forecast sheet totals the same expected sales and cost."""
    _, plan, lang = stored_plan
    result = forecast.forecast(plan)
    book = load_workbook(io.BytesIO(workbook_module.plan_workbook(plan, lang)))
    sheet = book[workbook_module.sheet_name("forecast", lang)]
    headers = [c.value for c in sheet[workbook_module.HEADER_ROW]]
    total_row = next(
        row
        for row in sheet.iter_rows(min_row=workbook_module.FIRST_ROW)
        if row[0].value == i18n.t("exports.forecast.total", lang)
    )
    values = dict(zip(headers, (c.value for c in total_row), strict=False))
    sales = values[i18n.t("exports.forecast.col.conversions", lang)]
    cost = values[i18n.t("exports.forecast.col.cost", lang)]
    assert sales == pytest.approx(result.total("conversions"))
    assert cost == pytest.approx(result.total("cost"))


def test_the_deck_states_the_same_forecast(stored_plan):
    """The deck's budget slide states the same expected sales and planned cost."""
    _, plan, lang = stored_plan
    sales, cost = expected_texts(plan, lang)
    presentation = Presentation(io.BytesIO(deck_module.plan_deck(plan, lang)))
    text = "\n".join(
        shape.text_frame.text
        for slide in presentation.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    assert sales in text
    assert cost in text
