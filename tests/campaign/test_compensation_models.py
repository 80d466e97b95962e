"""Compensation: each remuneration model on a worked example, seen from the brand and from the
influencer, the expected performance of an account, add-ons, break-even and who carries the risk."""

from __future__ import annotations

import math
from dataclasses import fields

import pytest

from influkit.campaign.compensation.models import (
    COMMON_FIELDS,
    KIND_FIELDS,
    KINDS,
    MOTIVATION_LEVERS,
    PAID_SOCIAL_RATE,
    RISK_CARRIERS,
    SIMULATION_COLUMNS,
    USAGE_RIGHTS_RATES,
    Assumptions,
    CompensationModel,
    Performance,
    addon_rate,
    brand_cost,
    break_even_sales,
    contract_value,
    cost_breakdown,
    expected_performance,
    influencer_break_even_sales,
    influencer_cash,
    influencer_earnings,
    risk_carrier,
    simulate,
)
from influkit.errors import UserError
from influkit.text import i18n

# 2 posts: 10 000 impressions, 200 clicks, 10 sales of 40 €, margin 50 % (20 € a sale).
PERF = Performance(
    followers=20_000,
    er=0.03,
    posts=2,
    reach=5_000,
    impressions=10_000,
    engagements=1_200,
    clicks=200,
    conversions=10,
    revenue_eur=400,
)
CASE = Assumptions(ctr=0.02, conversion_rate=0.05, average_order_value_eur=40, margin_rate=0.5)
REFERENCE_FEE = 600.0  # 300 € a post × 2 posts
NAN = math.nan

M = CompensationModel
# fmt: off
WORKED = [
    # model, brand cost, influencer cash, in kind, brand break-even, influencer break-even, risk
    (M("gifting", product_value_eur=60, shipping_eur=8), 68, 0, 60, 4, NAN, "brand"),
    (M("fixed_fee", fee_eur=300), 600, 600, 0, 30, NAN, "brand"),
    # 3 months of usage rights: + 25 % (middle of 20–30 %) of the 600 € fee.
    (M("fixed_fee", fee_eur=300, usage_rights="3_months"), 750, 750, 0, 38, NAN, "brand"),
    # 30 days 15 % + paid social 37.5 % + whitelisting 25 % + exclusivity 10 % = 87.5 % of 600 €.
    (M("fixed_fee", fee_eur=300, usage_rights="30_days", paid_social=True, whitelisting=True,
       exclusivity_rate=0.10), 1125, 1125, 0, 57, NAN, "brand"),
    # An edited rate replaces the default: 6 months at 40 % instead of 37.5 %.
    (M("fixed_fee", fee_eur=300, usage_rights="6_months", usage_rights_rate=0.40),
     840, 840, 0, 42, NAN, "brand"),
    # 15 % of 400 € of sales; 6 € a sale, so 100 sales to match the 600 € fee.
    (M("affiliate", commission_rate=0.15), 60, 60, 0, 0, 100, "influencer"),
    (M("pay_per_result", cpa_eur=5), 50, 50, 0, 0, 120, "influencer"),
    (M("pay_per_result", cpm_eur=10), 100, 100, 0, 5, NAN, "influencer"),
    (M("pay_per_result", cpc_eur=0.5), 100, 100, 0, 5, NAN, "influencer"),
    # 300 € fee + 10 % of 400 €; break-even 300 / (20 − 4) = 18.75 → 19 sales.
    (M("hybrid", fee_eur=150, commission_rate=0.10), 340, 340, 0, 19, 150, "shared"),
    # Hybrid with a product: 200 + 80 + 50 + 10 shipping; 260 / (20 − 8) = 21.7 → 22.
    (M("hybrid", fee_eur=100, commission_rate=0.20, product_value_eur=50, shipping_eur=10),
     340, 280, 50, 22, 75, "shared"),
    (M("retainer", retainer_eur_per_month=500, months=3), 1500, 1500, 0, 75, NAN, "brand"),
    # 10 sales < 20: no bonus; but break-even (20) reaches the threshold, so (400 + 100) / 20.
    (M("bonus_on_target", fee_eur=200, bonus_eur=100, bonus_threshold_conversions=20),
     400, 400, 0, 25, NAN, "shared"),
    (M("bonus_on_target", fee_eur=200, bonus_eur=100, bonus_threshold_conversions=10),
     500, 500, 0, 25, NAN, "shared"),
    (M("bonus_on_target", fee_eur=200, bonus_eur=100, bonus_threshold_conversions=30),
     400, 400, 0, 20, NAN, "shared"),
    # Commission as large as the margin: the brand never recovers the product.
    (M("affiliate", commission_rate=0.5, product_value_eur=10), 210, 200, 10, NAN, 30, "shared"),
    # Commission above the margin: every sale loses money, break-even never comes.
    (M("affiliate", commission_rate=0.6), 240, 240, 0, NAN, 25, "influencer"),
]
# fmt: on


@pytest.mark.parametrize(
    "model, cost, cash, in_kind, break_even, influencer_break_even, risk",
    WORKED,
    ids=[f"{row[0].kind}-{i}" for i, row in enumerate(WORKED)],
)
def test_each_model_on_a_worked_example(
    model, cost, cash, in_kind, break_even, influencer_break_even, risk
):
    """Brand cost, influencer pay, break-evens and risk match the hand computation."""
    assert brand_cost(model, PERF) == pytest.approx(cost)
    assert influencer_cash(model, PERF) == pytest.approx(cash)
    assert influencer_earnings(model, PERF) == pytest.approx(cash + in_kind)
    assert contract_value(model, PERF) == pytest.approx(cash + in_kind)
    assert break_even_sales(model, PERF, CASE) == pytest.approx(break_even, nan_ok=True)
    got = influencer_break_even_sales(model, REFERENCE_FEE, CASE.average_order_value_eur)
    assert got == pytest.approx(influencer_break_even, nan_ok=True)
    assert risk_carrier(model) == risk


def test_fields_a_kind_does_not_use_are_ignored():
    """A commission typed into a fixed-fee model does not change what the fixed fee costs."""
    plain = M("fixed_fee", fee_eur=300)
    noisy = M("fixed_fee", fee_eur=300, commission_rate=0.2, cpa_eur=9, retainer_eur_per_month=50)
    assert brand_cost(noisy, PERF) == brand_cost(plain, PERF) == 600


def test_cost_breakdown_names_every_component():
    """The breakdown shows each part of the cost, and sums to the brand cost."""
    model = M(
        "hybrid",
        fee_eur=100,
        commission_rate=0.2,
        product_value_eur=50,
        shipping_eur=10,
        bonus_eur=30,
        bonus_threshold_conversions=5,
        whitelisting=True,
    )
    parts = cost_breakdown(model, PERF)
    assert parts == {
        "fee": 200,
        "retainer": 0,
        "commission": 80,
        "cpa": 0,
        "cpm": 0,
        "cpc": 0,
        "bonus": 30,
        "add_ons": 50,
        "product": 50,
        "shipping": 10,
    }
    assert sum(parts.values()) == brand_cost(model, PERF)


@pytest.mark.parametrize(
    "model, rate",
    [
        (M(), 0.0),
        (M(usage_rights="30_days"), 0.15),
        (M(usage_rights="3_months"), 0.25),
        (M(usage_rights="6_months"), 0.375),
        (M(paid_social=True), 0.375),
        (M(whitelisting=True), 0.25),
        (M(whitelisting=True, whitelisting_rate=0.3), 0.3),
        (M(exclusivity_rate=0.2), 0.2),
        (M(usage_rights="3_months", paid_social=True, paid_social_rate=0.5), 0.75),
    ],
)
def test_add_on_rates_default_to_the_middle_of_each_range(model, rate):
    """Usage rights, paid social and whitelisting default to mid values; each can be edited."""
    assert addon_rate(model) == pytest.approx(rate)


def test_the_published_ranges_give_the_defaults():
    """The defaults are the middles of the course's ranges."""
    defaults = {**USAGE_RIGHTS_RATES, "paid_social": PAID_SOCIAL_RATE}
    expected = {"30_days": 0.15, "3_months": 0.25, "6_months": 0.375, "paid_social": 0.375}
    assert defaults == pytest.approx(expected)


@pytest.mark.parametrize(
    "followers, er, reach_rate, posts, frequency, expected",
    [
        (
            20_000,
            0.03,
            0.25,
            2,
            1.0,
            {
                "reach": 5_000,
                "impressions": 10_000,
                "engagements": 1_200,
                "clicks": 200,
                "conversions": 10,
                "revenue_eur": 400,
            },
        ),
        (
            20_000,
            0.03,
            0.25,
            2,
            1.5,
            {
                "reach": 5_000,
                "impressions": 15_000,
                "engagements": 1_200,
                "clicks": 300,
                "conversions": 15,
                "revenue_eur": 600,
            },
        ),
        (
            0,
            0.05,
            0.3,
            1,
            1.0,
            {
                "reach": 0,
                "impressions": 0,
                "engagements": 0,
                "clicks": 0,
                "conversions": 0,
                "revenue_eur": 0,
            },
        ),
    ],
)
def test_expected_performance_of_an_account(followers, er, reach_rate, posts, frequency, expected):
    """Reach = followers × reach rate; impressions add up per post; clicks = impressions × CTR."""
    case = Assumptions(
        ctr=0.02, conversion_rate=0.05, average_order_value_eur=40, frequency=frequency
    )
    perf = expected_performance(followers, er, reach_rate=reach_rate, posts=posts, assumptions=case)
    for name, value in expected.items():
        assert getattr(perf, name) == pytest.approx(value), name


def test_simulation_compares_models_side_by_side():
    """One row per model, with the brand's return and the influencer's pay on the same sales."""
    models = [
        M("fixed_fee", fee_eur=300, name="Forfait"),
        M("affiliate", commission_rate=0.15),
        M("retainer", retainer_eur_per_month=500, months=3),
    ]
    table = simulate(models, PERF, CASE, lang="fr")
    assert list(table.columns) == list(SIMULATION_COLUMNS)
    assert table["model"].tolist() == [
        "Forfait",
        "Commission d'affiliation",
        "Ambassadeur (forfait mensuel)",
    ]
    fee = table.iloc[0]
    assert fee["brand_cost_eur"] == 600
    assert fee["brand_roas"] == pytest.approx(400 / 600)
    assert fee["cost_per_conversion_eur"] == pytest.approx(60)
    assert fee["brand_margin_eur"] == 200 and fee["brand_net_eur"] == -400
    # The affiliate row compares against the fixed fee of the first fixed-fee model: 600 / 6.
    assert table.iloc[1]["influencer_break_even_sales"] == 100
    assert table["contract_required"].tolist() == [False, False, True]
    assert table["risk_carrier"].tolist() == ["brand", "influencer", "brand"]


def test_simulation_reference_fee_can_be_set():
    """An explicit reference fee replaces the fixed-fee model's for the influencer's break-even."""
    table = simulate(
        [M("affiliate", commission_rate=0.25)],
        PERF,
        Assumptions(average_order_value_eur=40, reference_fee_eur=500),
    )
    assert table.iloc[0]["influencer_break_even_sales"] == 50


def test_simulation_without_conversions_leaves_ratios_undefined():
    """With no sale or no cost, ROAS and cost per sale are not available (NaN), not infinite."""
    table = simulate([M("gifting"), M("fixed_fee", fee_eur=100)], Performance(posts=1), CASE)
    assert math.isnan(table.iloc[0]["brand_roas"])
    assert math.isnan(table.iloc[1]["cost_per_conversion_eur"])
    assert table.iloc[1]["brand_roas"] == 0


@pytest.mark.parametrize(
    "fee, required",
    [(499.995, False), (500, True), (500.005, True)],
)
def test_contract_flag_at_the_threshold(fee, required):
    """Two posts at 500 € make 1 000 € HT: a written contract is required from there on."""
    table = simulate([M("fixed_fee", fee_eur=fee)], PERF, CASE)
    assert bool(table.iloc[0]["contract_required"]) is required


def test_in_kind_value_counts_for_the_contract_but_shipping_does_not():
    """Products received count toward the 1 000 € threshold; shipping is the brand's cost only."""
    model = M("fixed_fee", fee_eur=400, product_value_eur=200, shipping_eur=500)
    assert contract_value(model, PERF) == 1000
    assert brand_cost(model, PERF) == 1500


@pytest.mark.parametrize(
    "model, key",
    [
        (M("barter"), "compensation.error_kind"),
        (M("fixed_fee", fee_eur=-1), "compensation.error_negative"),
        (M("fixed_fee", fee_eur=float("nan")), "compensation.error_negative"),
        (M("affiliate", commission_rate=1.5), "compensation.error_rate"),
        (M("fixed_fee", usage_rights="1_year"), "compensation.error_usage_rights"),
        (M("fixed_fee", whitelisting=True, whitelisting_rate=-0.1), "compensation.error_rate"),
        (M("retainer", months=-2), "compensation.error_negative"),
    ],
)
def test_invalid_models_say_which_field_to_fix(model, key):
    """A model with an impossible field raises a user error naming it."""
    with pytest.raises(UserError) as caught:
        brand_cost(model, PERF)
    assert caught.value.key == key
    assert caught.value.message("fr") != key


@pytest.mark.parametrize(
    "call, key",
    [
        (lambda: expected_performance(-5, 0.03), "compensation.error_performance"),
        (lambda: expected_performance(1000, 0.03, reach_rate=1.5), "compensation.error_rate"),
        (
            lambda: expected_performance(1000, 0.03, assumptions=Assumptions(ctr=2)),
            "compensation.error_rate",
        ),
        (lambda: simulate([M()], Performance(conversions=-1)), "compensation.error_performance"),
        (
            lambda: simulate([M()], PERF, Assumptions(average_order_value_eur=-1)),
            "compensation.error_negative",
        ),
    ],
)
def test_invalid_performance_or_assumptions(call, key):
    """Negative audiences or rates above 100 % are refused with a clear message."""
    with pytest.raises(UserError) as caught:
        call()
    assert caught.value.key == key


def test_every_kind_lists_known_fields():
    """The form fields of each kind are fields of the model."""
    names = {f.name for f in fields(CompensationModel)}
    assert set(KIND_FIELDS) == set(KINDS)
    for kind_fields in KIND_FIELDS.values():
        assert set(kind_fields) <= names
    assert set(COMMON_FIELDS) <= names


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_code_has_a_label(lang):
    """Kinds, levers, risks, columns, components, fields and durations read well in both languages."""
    keys = [f"compensation.kind.{k}" for k in KINDS]
    keys += [f"compensation.kind_hint.{k}" for k in KINDS]
    keys += [f"compensation.lever.{c}" for c in MOTIVATION_LEVERS]
    keys += [f"compensation.lever_hint.{c}" for c in MOTIVATION_LEVERS]
    keys += [f"compensation.risk.{c}" for c in RISK_CARRIERS]
    keys += [f"compensation.risk_hint.{c}" for c in RISK_CARRIERS]
    keys += [f"compensation.column.{c}" for c in SIMULATION_COLUMNS]
    keys += [f"compensation.component.{c}" for c in cost_breakdown(M(), PERF)]
    keys += [f"compensation.field.{f.name}" for f in fields(CompensationModel)]
    keys += [f"compensation.field.{f.name}" for f in fields(Assumptions)]
    keys += [f"compensation.field.{f.name}" for f in fields(Performance)]
    keys += [f"compensation.usage_rights.{c}" for c in USAGE_RIGHTS_RATES]
    missing = [key for key in keys if not i18n.has(key, lang)]
    assert missing == []


def test_motivation_levers_are_the_course_list():
    """The seven levers beyond money of module 6."""
    assert MOTIVATION_LEVERS == (
        "early_access",
        "co_creation",
        "visibility",
        "community",
        "long_term",
        "events",
        "recognition",
    )
