"""The plan's one forecast: expected results and cost of the shortlisted influencers, from their
figures, their deliverables, their remuneration model and the plan's assumptions."""

from __future__ import annotations

import json

import pytest

from influkit.campaign import forecast
from influkit.campaign.compensation import models as compensation
from influkit.campaign.compensation import simulator as remuneration
from influkit.data import datasets
from influkit.errors import UserError
from influkit.identify import profiles
from influkit.operations import deliverables as actions
from influkit.plan.model import Assumptions, Deliverable, ImportedInfluencer, Plan, plan_from_json

ALICE = ImportedInfluencer(
    influencer_id="IMP-A",
    handle="@alice",
    display_name="Alice",
    platform="instagram",
    niche="beauty",
    followers=10_000,
    price_per_post_eur=200,
    audience_credibility=0.9,
    engagement_rate=0.015,
    avg_likes=140,
    avg_comments=10,
    avg_reach=2_000,
)
# Low credibility (60 %): an audience-quality alert, and no averages (followers × reach rate).
BRUNO = ImportedInfluencer(
    influencer_id="IMP-B",
    handle="@bruno",
    display_name="Bruno",
    platform="instagram",
    niche="beauty",
    followers=50_000,
    price_per_post_eur=300,
    audience_credibility=0.6,
    engagement_rate=0.02,
)


def small_plan() -> Plan:
    """Alice (2 posts, fixed fee) and Bruno (no deliverable, no model), hand-set assumptions."""
    plan = Plan(imported_influencers=[ALICE, BRUNO])
    for name, value in {
        "ctr": 0.01,
        "conversion_rate": 0.05,
        "average_basket_eur": 40.0,
        "frequency": 1.5,
        "spread": 0.2,
        "flagged_conversion_factor": 0.5,
    }.items():
        forecast.set_assumption(plan, name, value)
    plan.add_to_shortlist("IMP-A")
    plan.add_to_shortlist("IMP-B")
    plan.deliverables = [Deliverable(deliverable_id="del-a", influencer_id="IMP-A", count=2)]
    remuneration.choose_model(
        plan,
        "IMP-A",
        "fixed_fee",
        {"posts": 2, "product_value_eur": 40.0, "shipping_eur": 8.0},
        {"fee_eur": 200.0},
    )
    return plan


# Alice (micro: clicks × 1.1, sales × 1.15), per post: reach 2 000, impressions 2 000 × 1.5
# = 3 000, engagements 140 + 10 = 150, clicks 3 000 × 1 % × 0.9 × 1.1 = 29.7, sales 29.7 × 5 %
# × 1.15 = 1.70775, revenue 68.31 €. Two posts double it.
# Cost: fee 200 € × 2 + product 40 € + shipping 8 € = 448 €.
# Bruno (mid-tier: the case's rates as they are), one post: reach 50 000 × 25 % = 12 500, impressions 12 500 × 1.5 = 18 750, engagements
# 2 % × 50 000 = 1 000, clicks 18 750 × 1 % × 0.6 = 112.5, sales 112.5 × 5 % × 0.5 (flagged)
# = 2.8125, revenue 112.50 €, cost his price 300 €.
HAND_CHECKED = {
    "IMP-A": {
        "posts": 2,
        "reach": 4_000,
        "impressions": 6_000,
        "engagements": 300,
        "clicks": 59.4,
        "conversions": 3.4155,
        "revenue": 136.62,
        "cost": 448,
    },
    "IMP-B": {
        "posts": 1,
        "reach": 12_500,
        "impressions": 18_750,
        "engagements": 1_000,
        "clicks": 112.5,
        "conversions": 2.8125,
        "revenue": 112.5,
        "cost": 300,
    },
}


@pytest.mark.parametrize(
    "influencer_id, metric", [(i, m) for i, row in HAND_CHECKED.items() for m in row]
)
def test_a_small_plan_matches_the_hand_calculation(influencer_id, metric):
    """Each figure of a two-influencer plan is the one worked out by hand in the comment above."""
    rows = forecast.forecast(small_plan()).by_influencer().set_index("influencer_id")
    assert rows.loc[influencer_id, metric] == pytest.approx(HAND_CHECKED[influencer_id][metric])


def test_totals_add_up_the_influencers():
    """The totals are the sum of both influencers, low and high included."""
    result = forecast.forecast(small_plan())
    assert result.totals["conversions"][1] == pytest.approx(3.4155 + 2.8125)
    assert result.totals["cost"] == pytest.approx((748, 748, 748))
    # Sales range: (1 ∓ 20 %)² around the expected value.
    low, mid, high = result.totals["conversions"]
    assert (low, high) == pytest.approx((mid * 0.8**2, mid * 1.2**2))
    low, mid, high = result.totals["reach"]
    assert (low, high) == pytest.approx((mid * 0.8, mid * 1.2))


def test_rows_describe_each_deliverable_and_account():
    """One row per deliverable (a default row for an influencer without one), with the account's
    tier, audience quality, quality flag and remuneration kind."""
    rows = forecast.forecast(small_plan()).rows.set_index("influencer_id")
    assert list(rows.columns) == list(forecast.ROW_COLUMNS[1:])
    assert rows.loc["IMP-A", "deliverable_id"] == "del-a"
    assert rows.loc["IMP-B", "deliverable_id"] is None
    assert rows.loc["IMP-B", "format"] == actions.default_format("instagram")
    assert rows.loc["IMP-A", "remuneration_kind"] == "fixed_fee"
    assert rows.loc["IMP-B", "remuneration_kind"] is None
    assert (rows.loc["IMP-A", "quality_flagged"], rows.loc["IMP-B", "quality_flagged"]) == (
        False,
        True,
    )
    assert rows.loc["IMP-B", "audience_quality"] == pytest.approx(0.6)
    assert 0 <= rows.loc["IMP-A", "brand_fit"] <= 100


@pytest.mark.parametrize("posts", [1, 2, 3, 5, 8])
def test_more_posts_bring_more_impressions(posts):
    """One more planned post always adds impressions, reach, sales and cost."""
    plan = Plan.from_case(datasets.case("cosmetique-lancement"))
    plan.add_to_shortlist("INF0041")
    table = profiles.influencer_table(plan)

    def totals(count: int) -> dict:
        plan.deliverables = [Deliverable(influencer_id="INF0041", count=count)]
        return forecast.forecast(plan, table=table).totals

    fewer, more = totals(posts), totals(posts + 1)
    for metric in ("impressions", "reach", "conversions", "cost"):
        assert more[metric][1] > fewer[metric][1]


def test_an_empty_shortlist_forecasts_zero():
    """No one shortlisted: every total is zero and there is no row."""
    result = forecast.forecast(Plan.from_case(datasets.case("cosmetique-lancement")))
    assert result.rows.empty
    assert list(result.rows.columns) == list(forecast.ROW_COLUMNS)
    assert all(result.totals[m] == (0.0, 0.0, 0.0) for m in forecast.METRICS)
    assert result.by_influencer().empty


def test_a_reserve_without_plans_is_left_out():
    """A reserve with no deliverable and no model is not expected to publish."""
    plan = small_plan()
    plan.add_to_shortlist("INF0041", role="reserve")
    assert "INF0041" not in set(forecast.forecast(plan).rows["influencer_id"])


def test_an_unknown_shortlisted_id_is_reported_not_invented():
    """An id the influencer table does not know gets no figures and is listed as unknown."""
    plan = small_plan()
    plan.add_to_shortlist("NOPE")
    result = forecast.forecast(plan)
    assert result.unknown_ids == ("NOPE",)
    assert "NOPE" not in set(result.rows["influencer_id"])


@pytest.mark.parametrize("code", remuneration.MODEL_CODES)
def test_cost_is_the_remuneration_models_brand_cost(code):
    """With a chosen model, the cost is what that model costs the brand on the expected results,
    and it is what the chosen model writes in the budget."""
    plan = Plan.from_case(datasets.case("cosmetique-lancement"))
    plan.add_to_shortlist("INF0041")
    table = profiles.influencer_table(plan)
    row = remuneration.rows_by_id(table)["INF0041"]
    a = remuneration.plan_assumptions(plan)
    common = remuneration.default_common(row, a, 3)
    remuneration.choose_model(
        plan, "INF0041", code, common, remuneration.default_params(code, row, a, 3)
    )
    result = forecast.forecast(plan, table=table)
    figures = {m: result.totals[m][1] for m in forecast.METRICS}
    model = remuneration.model_of(remuneration.chosen(plan, "INF0041"))
    cost = compensation.brand_cost(model, forecast.performance(row, 3, figures))
    assert result.totals["cost"][1] == pytest.approx(cost)
    remuneration.sync_budget_lines(plan, table)
    budget = sum(line.unit_cost_eur_ht * line.quantity for line in plan.budget_lines)
    assert budget == pytest.approx(cost, abs=0.01)


def test_a_results_paid_model_costs_more_when_results_are_high():
    """Paid on sales, the brand's cost follows the sales range; a fixed fee does not move."""
    plan = small_plan()
    remuneration.choose_model(plan, "IMP-A", "cpa", {"posts": 2}, {"cpa_eur": 10.0})
    rows = forecast.forecast(plan).by_influencer().set_index("influencer_id")
    assert (
        rows.loc["IMP-A", "cost_low"] < rows.loc["IMP-A", "cost"] < rows.loc["IMP-A", "cost_high"]
    )
    assert rows.loc["IMP-B", "cost_low"] == rows.loc["IMP-B", "cost_high"]


def test_a_flagged_account_converts_less_than_the_same_clean_one():
    """The same figures with a low audience credibility bring fewer clicks and fewer sales."""
    a = forecast.default_assumptions(Plan())
    clean = {"followers": 20_000, "avg_reach": 5_000, "audience_credibility": 0.9}
    doubtful = {**clean, "audience_credibility": 0.6}
    good = forecast.per_post(clean, a)
    bad = forecast.per_post(doubtful, a, flagged=True)
    assert bad["reach"] == good["reach"]
    assert bad["clicks"] == pytest.approx(good["clicks"] * 0.6 / 0.9)
    assert bad["clicks"] < good["clicks"]
    assert bad["conversions"] < good["conversions"] * 0.6


@pytest.mark.parametrize(
    "tier, more_than",
    [("nano", "micro"), ("micro", "mid"), ("mid", "macro"), ("macro", "mega")],
)
def test_smaller_tiers_sell_more_per_impression(tier, more_than):
    """The same impressions sell more through a smaller account, as the client histories show."""
    a = forecast.default_assumptions(Plan())
    row = {"followers": 20_000, "avg_impressions": 10_000}
    small = forecast.per_post({**row, "tier": tier}, a)["conversions"]
    large = forecast.per_post({**row, "tier": more_than}, a)["conversions"]
    assert small > large


# --- assumptions ----------------------------------------------------------------------------


@pytest.mark.parametrize("case_id", datasets.case_ids())
def test_assumptions_start_from_the_case(case_id):
    """A new plan's assumptions are its case's conversion rate, CTR, basket and margin."""
    case = datasets.case(case_id)
    a = forecast.assumptions_in_force(Plan.from_case(case))
    given = case["assumptions"]
    assert a.conversion_rate == given["conversion_rate"]
    assert a.ctr == given["ctr"]
    assert a.average_basket_eur == given["average_order_value_eur"]
    assert a.margin_rate == given["margin_rate"]


def test_an_edited_assumption_is_used_and_reset_goes_back_to_the_case():
    """Change the conversion rate: the forecast follows; reset: back to the case's value."""
    plan = Plan.from_case(datasets.case("cosmetique-lancement"))
    plan.add_to_shortlist("INF0041")
    before = forecast.forecast(plan).totals["conversions"][1]
    assert forecast.set_assumption(plan, "conversion_rate", 0.07) is True
    assert forecast.forecast(plan).totals["conversions"][1] == pytest.approx(2 * before)
    assert forecast.edited_fields(plan) == ["conversion_rate"]
    assert forecast.reset_assumptions(plan) is True
    assert forecast.assumptions_in_force(plan).conversion_rate == 0.035
    assert forecast.reset_assumptions(plan) is False


def test_setting_the_cases_value_stores_nothing():
    """Typing the case's own value keeps the plan following its case."""
    plan = Plan.from_case(datasets.case("cosmetique-lancement"))
    assert forecast.set_assumption(plan, "ctr", 0.012) is False
    assert plan.settings.assumptions.ctr is None


@pytest.mark.parametrize(
    "name, value",
    [
        ("conversion_rate", 1.5),
        ("ctr", -0.01),
        ("average_basket_eur", float("nan")),
        ("spread", 0.95),
        ("margin_rate", "abc"),
    ],
)
def test_impossible_assumptions_are_refused_with_their_own_message(name, value):
    """A rate above 100 %, a negative or unreadable value: a message naming the assumption."""
    with pytest.raises(UserError) as caught:
        forecast.set_assumption(Plan(), name, value)
    assert caught.value.key == f"forecast.error_value.{name}"


def test_a_version_1_plan_moves_its_assumptions_into_one_place():
    """A plan saved before keeps its edited conversion rate, basket and EMV rates, now read from
    plan.settings.assumptions; the optimiser settings keep only their own keys."""
    saved = {
        "schema_version": 1,
        "case_id": "cosmetique-lancement",
        "brief": {},
        "settings": {
            "optimizer": {
                "pool": "niches",
                "assumption_conversion_rate": 0.07,
                "assumption_average_order_value_eur": 55.0,
            },
            "emv_rates": {"tiktok": {"cpm_eur": 12.0, "value_per_engagement_eur": 0.1}},
        },
    }
    plan = plan_from_json(json.dumps(saved))
    assert plan.schema_version == 2
    assert plan.settings.optimizer == {"pool": "niches"}
    assert plan.settings.assumptions.conversion_rate == 0.07
    assert plan.settings.assumptions.average_basket_eur == 55.0
    a = forecast.assumptions_in_force(plan)
    assert (a.ctr, a.emv_rates["tiktok"]["cpm_eur"]) == (0.012, 12.0)


def test_assumptions_default_to_the_case():
    """An empty Assumptions means "the case's values" for every field."""
    assert all(getattr(Assumptions(), name) is None for name in forecast.ASSUMPTION_FIELDS)
