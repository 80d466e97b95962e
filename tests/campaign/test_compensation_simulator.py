"""Module 6 glue: expected performance from the influencer table, model defaults from the declared
price, the chosen model stored in the plan, and the budget lines that follow it."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from influkit.campaign import figures
from influkit.campaign.compensation import models as compensation
from influkit.campaign.compensation import simulator as remuneration
from influkit.campaign.compensation.models import Assumptions
from influkit.errors import UserError
from influkit.plan.model import BudgetLine, Deliverable, Plan

ASSUMPTIONS = Assumptions(
    ctr=0.01, conversion_rate=0.05, average_order_value_eur=40.0, margin_rate=0.5
)
# 10 000 impressions a post, 100 clicks, 5 sales, 200 € of revenue.
ROW = {
    "influencer_id": "INF0001",
    "display_name": "Lina",
    "handle": "@lina",
    "followers": 20_000,
    "er": 0.03,
    "avg_reach": 8_000.0,
    "avg_views": 9_000.0,
    "avg_impressions": 10_000.0,
    "avg_interactions": 500.0,
    "price_per_post_eur": 400.0,
}
TABLE = pd.DataFrame([ROW, {**ROW, "influencer_id": "INF0002", "display_name": "Noé"}])


def make_plan() -> Plan:
    """A plan with two shortlisted influencers and no case (default assumptions)."""
    plan = Plan()
    plan.add_to_shortlist("INF0001")
    plan.add_to_shortlist("INF0002")
    for name in remuneration.ASSUMPTION_FIELDS:
        remuneration.set_assumption(plan, name, getattr(ASSUMPTIONS, name))
    return plan


def choose(plan: Plan, code: str, influencer_id: str = "INF0001", posts: int = 2, **overrides):
    """Choose a model with its defaults (and some overrides) for an influencer."""
    common = {**remuneration.default_common(ROW, ASSUMPTIONS, posts), **overrides}
    params = {**remuneration.default_params(code, ROW, ASSUMPTIONS, posts), **overrides}
    return remuneration.choose_model(plan, influencer_id, code, common, params)


@pytest.mark.parametrize(
    "changes, posts, expected",
    [
        (
            {},
            1,
            {
                "reach": 8_000,
                "impressions": 10_000,
                "engagements": 500,
                "clicks": 100,
                "conversions": 5,
                "revenue_eur": 200,
            },
        ),
        (
            {},
            3,
            {
                "reach": 24_000,
                "impressions": 30_000,
                "engagements": 1_500,
                "clicks": 300,
                "conversions": 15,
                "revenue_eur": 600,
            },
        ),
        ({"avg_reach": None}, 1, {"reach": 9_000}),
        ({"avg_reach": None, "avg_views": None}, 1, {"reach": 5_000}),
        ({"avg_impressions": None}, 1, {"impressions": 8_000, "clicks": 80}),
        ({"avg_interactions": None}, 2, {"engagements": 1_200}),
        ({}, 0, {"reach": 0, "conversions": 0}),
    ],
)
def test_expected_performance_from_the_table(changes, posts, expected):
    """Reach and impressions add up over the posts; missing averages fall back on followers."""
    perf = remuneration.expected_performance({**ROW, **changes}, posts, ASSUMPTIONS)
    for name, value in expected.items():
        assert getattr(perf, name) == pytest.approx(value), name


def test_expected_performance_refuses_a_bad_number_of_posts():
    """A negative number of posts is a user error, not a crash."""
    with pytest.raises(UserError) as err:
        remuneration.expected_performance(ROW, -1, ASSUMPTIONS)
    assert err.value.key == "remuneration.error_posts"


@pytest.mark.parametrize(
    "code, field, expected",
    [
        ("fixed_fee", "fee_eur", 400.0),
        ("affiliate", "commission_rate", remuneration.DEFAULT_COMMISSION_RATE),
        ("cpa", "cpa_eur", 8.0),
        ("cpm", "cpm_eur", 40.0),
        ("cpc", "cpc_eur", 4.0),
        ("hybrid", "fee_eur", 200.0),
        ("retainer", "months", 3),
        ("retainer", "retainer_eur_per_month", 240.0),
        ("bonus_on_target", "bonus_threshold_conversions", 10.0),
    ],
)
def test_defaults_start_from_the_declared_price(code, field, expected):
    """A 400 € influencer starts at 400 € a post, the CPM and CPC that pay the same, etc."""
    assert remuneration.default_params(code, ROW, ASSUMPTIONS, posts=2)[field] == expected


@pytest.mark.parametrize("code", ["fixed_fee", "cpm", "cpc"])
def test_fee_equivalent_defaults_cost_the_declared_price(code):
    """By default, paying per post, per thousand impressions or per click costs the same."""
    model = remuneration.build_model(code, remuneration.default_params(code, ROW, ASSUMPTIONS))
    perf = remuneration.expected_performance(ROW, 1, ASSUMPTIONS)
    assert compensation.influencer_cash(model, perf) == pytest.approx(400.0)


RATES = {"fee_eur": 200.0, "commission_rate": 0.1, "cpa_eur": 8.0, "cpm_eur": 40.0, "cpc_eur": 4.0}


@pytest.mark.parametrize(
    "code, kind, paid",
    [
        ("gifting", "gifting", {"fee_eur": 0.0, "cpa_eur": 0.0}),
        ("cpa", "pay_per_result", {"cpa_eur": 8.0, "cpm_eur": 0.0, "cpc_eur": 0.0}),
        ("cpm", "pay_per_result", {"cpa_eur": 0.0, "cpm_eur": 40.0, "cpc_eur": 0.0}),
        ("cpc", "pay_per_result", {"cpa_eur": 0.0, "cpm_eur": 0.0, "cpc_eur": 4.0}),
        ("hybrid", "hybrid", {"fee_eur": 200.0, "commission_rate": 0.1, "cpa_eur": 0.0}),
    ],
)
def test_a_simulator_code_builds_its_compensation_model(code, kind, paid):
    """Each code maps to a kind and keeps only its own parameters."""
    model = remuneration.build_model(code, RATES)
    assert model.kind == kind
    for name, value in paid.items():
        assert getattr(model, name) == pytest.approx(value), name


def test_an_unknown_model_is_a_user_error():
    """A code the simulator does not know is reported, not a crash."""
    with pytest.raises(UserError) as err:
        remuneration.build_model("barter", RATES)
    assert err.value.key == "remuneration.error_model"


def test_models_side_by_side_cover_every_code():
    """The comparison has one row per model, the fixed fee costing posts × fee + product."""
    common = remuneration.default_common(ROW, ASSUMPTIONS, 2)
    params = {
        c: remuneration.default_params(c, ROW, ASSUMPTIONS, 2) for c in remuneration.MODEL_CODES
    }
    frame = remuneration.compare_models(ROW, common, params, ASSUMPTIONS)
    assert frame["code"].tolist() == list(remuneration.MODEL_CODES)
    fixed = frame.set_index("code").loc["fixed_fee"]
    product = common["product_value_eur"] + common["shipping_eur"]
    assert fixed["brand_cost_eur"] == pytest.approx(2 * 400 + product)
    assert fixed["risk_carrier"] == "brand"
    assert frame.set_index("code").loc["affiliate", "risk_carrier"] == "shared"


def test_changing_a_parameter_changes_the_figures():
    """Raising the fee raises what the brand pays and what the influencer earns."""
    common = remuneration.default_common(ROW, ASSUMPTIONS, 1)
    low = remuneration.compare_models(
        ROW, common, {"fixed_fee": {"fee_eur": 400}}, ASSUMPTIONS, codes=["fixed_fee"]
    )
    high = remuneration.compare_models(
        ROW, common, {"fixed_fee": {"fee_eur": 900}}, ASSUMPTIONS, codes=["fixed_fee"]
    )
    assert high["brand_cost_eur"][0] - low["brand_cost_eur"][0] == pytest.approx(500)
    assert high["influencer_earnings_eur"][0] > low["influencer_earnings_eur"][0]


def test_sensitivity_crosses_at_break_even():
    """At the break-even number of sales the brand's margin covers its cost, one sale before not."""
    model = remuneration.build_model("fixed_fee", {"fee_eur": 400})
    perf = remuneration.expected_performance(ROW, 1, ASSUMPTIONS)
    even = compensation.break_even_sales(model, perf, ASSUMPTIONS)
    assert even == 20  # 400 € / (40 € × 50 %)
    curve = remuneration.sales_sensitivity(model, perf, ASSUMPTIONS)
    assert curve["sales"].max() >= even
    at = remuneration.sales_sensitivity(model, perf, ASSUMPTIONS, max_sales=even, points=2)
    assert at["brand_margin_eur"].iloc[-1] >= at["brand_cost_eur"].iloc[-1]
    assert at["brand_margin_eur"].iloc[0] < at["brand_cost_eur"].iloc[0]


@pytest.mark.parametrize(
    "name, value, stored",
    [
        ("ctr", 0.02, True),
        ("ctr", Assumptions().ctr, False),
        ("average_order_value_eur", 120.0, True),
    ],
)
def test_edited_assumptions_live_in_the_plan(name, value, stored):
    """An edited assumption is stored in the plan and used; the case's own value is not stored."""
    plan = make_plan()
    remuneration.set_assumption(plan, name, value)
    assert getattr(remuneration.plan_assumptions(plan), name) == value
    field = remuneration.PLAN_FIELD[name]
    assert (getattr(plan.settings.assumptions, field) is not None) is stored


def test_an_assumption_equal_to_the_case_is_forgotten():
    """Setting an assumption back to the case's value removes the override."""
    plan = make_plan()
    case = remuneration.case_assumptions(plan)
    remuneration.set_assumption(plan, "ctr", case["ctr"])
    assert plan.settings.assumptions.ctr is None


@pytest.mark.parametrize("name, value", [("ctr", 1.5), ("margin_rate", -0.1), ("nope", 0.1)])
def test_impossible_assumptions_are_refused(name, value):
    """A rate above 100 %, a negative value or an unknown name is a user error."""
    with pytest.raises(UserError):
        remuneration.set_assumption(make_plan(), name, value)


def test_planned_posts_come_from_the_deliverables_then_the_choice():
    """Posts: the deliverables' count (the plan's actions), else the chosen model's, else 1."""
    plan = make_plan()
    assert remuneration.planned_posts(plan, "INF0001", default=1) == 1
    choose(plan, "fixed_fee", posts=5)
    assert remuneration.planned_posts(plan, "INF0001") == 5
    plan.deliverables = [Deliverable(influencer_id="INF0001", count=3)]
    assert remuneration.planned_posts(plan, "INF0001") == 3


def test_choosing_a_model_stores_it_and_replaces_the_previous_one():
    """One remuneration per influencer: a new choice replaces the old, keeping levers and note."""
    plan = make_plan()
    rem = choose(plan, "hybrid")
    assert rem.kind == "hybrid" and rem.params["model"] == "hybrid" and rem.params["posts"] == 2
    remuneration.set_levers(plan, "INF0001", ["events", "early_access"])
    rem.note = "wants a long-term deal"
    choose(plan, "cpa")
    assert len(plan.remunerations) == 1
    stored = plan.remunerations[0]
    assert stored.kind == "pay_per_result" and remuneration.model_code(stored) == "cpa"
    assert stored.levers == ["early_access", "events"]
    assert stored.note == "wants a long-term deal"


def test_a_stored_model_rebuilds_the_same_model():
    """Reading a remuneration back gives the model that was chosen."""
    plan = make_plan()
    rem = choose(plan, "bonus_on_target", usage_rights="3_months", whitelisting=True)
    model = remuneration.model_of(rem)
    assert model.kind == "bonus_on_target"
    assert model.usage_rights == "3_months" and model.whitelisting
    assert model.fee_eur == pytest.approx(320.0)


def test_levers_need_a_chosen_model():
    """Motivation levers are saved with a chosen model."""
    with pytest.raises(UserError) as err:
        remuneration.set_levers(make_plan(), "INF0001", ["events"])
    assert err.value.key == "remuneration.error_no_choice"


def _synced(plan: Plan) -> dict[str, float]:
    return {
        line.line_id: line.quantity * line.unit_cost_eur_ht
        for line in plan.budget_lines
        if remuneration.is_synced(line)
    }


@pytest.mark.parametrize(
    "code, overrides, categories",
    [
        ("fixed_fee", {}, {"influencer_fee", "gifting", "shipping"}),
        (
            "fixed_fee",
            {"usage_rights": "30_days"},
            {"influencer_fee", "usage_rights", "gifting", "shipping"},
        ),
        ("gifting", {}, {"gifting", "shipping"}),
        ("gifting", {"product_value_eur": 0.0, "shipping_eur": 0.0}, {"influencer_fee"}),
        ("affiliate", {"product_value_eur": 0.0, "shipping_eur": 0.0}, {"influencer_fee"}),
    ],
)
def test_the_chosen_model_becomes_budget_lines(code, overrides, categories):
    """A chosen model writes one line per cost it has (fee, usage rights, products, shipping)."""
    plan = make_plan()
    choose(plan, code, **overrides)
    remuneration.sync_budget_lines(plan, TABLE, "fr")
    lines = [x for x in plan.budget_lines if remuneration.is_synced(x)]
    assert {x.category for x in lines} == categories
    assert all(x.influencer_id == "INF0001" for x in lines)
    model = remuneration.model_of(plan.remunerations[0])
    perf = remuneration.expected_performance(ROW, 2, ASSUMPTIONS)
    assert sum(_synced(plan).values()) == pytest.approx(
        compensation.brand_cost(model, perf), abs=0.02
    )


def test_sync_is_idempotent_and_keeps_the_trainees_lines():
    """Syncing twice changes nothing; hand-made lines keep their place and content."""
    plan = make_plan()
    manual = [
        BudgetLine(category="paid_amplification", label="Spark Ads", unit_cost_eur_ht=1500),
        BudgetLine(
            category="influencer_fee",
            label="Extra story",
            influencer_id="INF0001",
            unit_cost_eur_ht=100,
        ),
    ]
    plan.budget_lines = list(manual)
    choose(plan, "fixed_fee")
    choose(plan, "hybrid", influencer_id="INF0002")
    first = [x.model_dump() for x in remuneration.sync_budget_lines(plan, TABLE, "fr")]
    second = [x.model_dump() for x in remuneration.sync_budget_lines(plan, TABLE, "fr")]
    assert first == second
    assert [x.model_dump() for x in plan.budget_lines[:2]] == [x.model_dump() for x in manual]
    assert len(_synced(plan)) == 6


def test_sync_follows_a_new_choice_and_a_removed_one():
    """Changing the model updates its line; removing the choice removes its lines only."""
    plan = make_plan()
    plan.budget_lines = [BudgetLine(category="agency", label="Agency", unit_cost_eur_ht=900)]
    choose(plan, "fixed_fee", product_value_eur=0.0, shipping_eur=0.0)
    remuneration.sync_budget_lines(plan, TABLE, "en")
    assert _synced(plan) == {"rem-INF0001-influencer_fee": pytest.approx(800.0)}
    choose(plan, "fixed_fee", fee_eur=500.0, product_value_eur=0.0, shipping_eur=0.0)
    remuneration.sync_budget_lines(plan, TABLE, "en")
    assert _synced(plan) == {"rem-INF0001-influencer_fee": pytest.approx(1000.0)}
    remuneration.remove_choice(plan, "INF0001")
    remuneration.sync_budget_lines(plan, TABLE, "en")
    assert _synced(plan) == {}
    assert [x.label for x in plan.budget_lines] == ["Agency"]


def test_sync_follows_the_assumptions():
    """A commission line moves with the conversion assumptions it depends on."""
    plan = make_plan()
    choose(plan, "affiliate", product_value_eur=0.0, shipping_eur=0.0)
    remuneration.sync_budget_lines(plan, TABLE, "fr")
    before = _synced(plan)["rem-INF0001-influencer_fee"]
    remuneration.set_assumption(plan, "conversion_rate", 0.10)
    remuneration.sync_budget_lines(plan, TABLE, "fr")
    assert _synced(plan)["rem-INF0001-influencer_fee"] == pytest.approx(2 * before)


def test_lines_of_an_influencer_missing_from_the_table_are_kept():
    """When an influencer leaves the table, their lines stay as they were."""
    plan = make_plan()
    choose(plan, "fixed_fee")
    remuneration.sync_budget_lines(plan, TABLE, "fr")
    before = _synced(plan)
    remuneration.sync_budget_lines(plan, TABLE.iloc[1:], "fr")
    assert _synced(plan) == before


@pytest.mark.parametrize("fee, required", [(400.0, False), (500.0, True)])
def test_chosen_summary_flags_the_written_contract(fee, required):
    """Two posts at 500 € reach the 1 000 € HT threshold of a written contract; at 400 € not."""
    plan = make_plan()
    choose(plan, "fixed_fee", fee_eur=fee, product_value_eur=0.0, shipping_eur=0.0)
    summary = remuneration.chosen_summary(plan, TABLE, "fr")
    assert summary["contract_required"].tolist() == [required]
    assert summary["contract_value_eur"][0] == pytest.approx(2 * fee)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_charts_have_titles_in_the_users_language(lang):
    """The comparison and sensitivity charts say what they show."""
    common = remuneration.default_common(ROW, ASSUMPTIONS, 1)
    params = {c: remuneration.default_params(c, ROW, ASSUMPTIONS) for c in remuneration.MODEL_CODES}
    frame = remuneration.compare_models(ROW, common, params, ASSUMPTIONS, lang)
    fig = figures.model_comparison_figure(frame, lang)
    assert fig.layout.title.text == remuneration.t("remuneration.chart.comparison_title", lang)
    model = remuneration.build_model("hybrid", params["hybrid"], lang)
    perf = remuneration.expected_performance(ROW, 1, ASSUMPTIONS)
    curve = remuneration.sales_sensitivity(model, perf, ASSUMPTIONS)
    fig = figures.sales_sensitivity_figure(curve, 12.0, perf.conversions, model.label(lang), lang)
    assert model.label(lang) in fig.layout.title.text
    assert not math.isnan(curve["brand_cost_eur"].iloc[0])
