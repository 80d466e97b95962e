"""Budget: the exact optimiser against exhaustive search, why a plan is infeasible, invalid
inputs, the greedy baseline, budget totals (HT, VAT, TTC) and the outcome range."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from influkit.campaign.budget import optimiser as bud
from influkit.campaign.budget.optimiser import (
    BUDGET_CATEGORIES,
    COST_TOLERANCE,
    GroupConstraint,
    budget_summary,
    greedy,
    optimize,
    outcome_range,
)
from influkit.errors import UserError
from influkit.plan.model import BudgetLine
from influkit.text import i18n

TIERS = ("nano", "micro", "macro")
PLATFORMS = ("instagram", "tiktok")


def candidates(costs, values, tiers=None, platforms=None):
    """A small candidate table with ids a, b, c…"""
    n = len(costs)
    frame = pd.DataFrame(
        {"candidate_id": [chr(ord("a") + i) for i in range(n)], "cost": costs, "value": values}
    )
    if tiers is not None:
        frame["tier"] = tiers
    if platforms is not None:
        frame["platform"] = platforms
    return frame


# ---------------------------------------------------------------------------------------------
# Exhaustive search


def brute_force(frame, budget, groups=(), include=(), exclude=(), cap=None, lo=None, hi=None):
    """The best total value over every subset that meets the constraints, or None."""
    n = len(frame)
    costs = frame["cost"].to_numpy(float)
    values = frame["value"].to_numpy(float)
    ids = frame["candidate_id"].tolist()
    subsets = np.array(list(itertools.product([0, 1], repeat=n)), dtype=bool).reshape(2**n, n)
    x = subsets.astype(float)
    total_cost = x @ costs
    count = x.sum(axis=1)
    ok = total_cost <= budget + COST_TOLERANCE
    for i, cid in enumerate(ids):
        if cid in include:
            ok &= subsets[:, i]
        if cid in exclude:
            ok &= ~subsets[:, i]
        if cap is not None and costs[i] > cap * budget + COST_TOLERANCE:
            ok &= ~subsets[:, i]
    if lo is not None:
        ok &= count >= lo
    if hi is not None:
        ok &= count <= hi
    for g in groups:
        members = (frame[g.column] == g.group).to_numpy(float)
        in_count = x @ members
        if g.min_count is not None:
            ok &= in_count >= g.min_count
        if g.max_count is not None:
            ok &= in_count <= g.max_count
        if g.share_of == "count":
            inside, whole = in_count, count
        else:
            inside, whole = x @ (members * costs), total_cost
        if g.share_of == "envelope":
            whole = np.full(len(x), budget)
        if g.min_share is not None:
            ok &= inside - g.min_share * whole >= -COST_TOLERANCE
        if g.max_share is not None:
            ok &= inside - g.max_share * whole <= COST_TOLERANCE
    if not ok.any():
        return None
    return float((x @ values)[ok].max())


def random_instance(seed):
    """A random instance: n ≤ 12, costs in cents, sometimes groups, forced or banned ids."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 13))
    costs = np.round(rng.uniform(0, 500, n), 2)
    costs[rng.random(n) < 0.1] = 0.0
    values = np.round(rng.uniform(0, 100, n), 3)
    frame = candidates(costs, values, rng.choice(TIERS, n), rng.choice(PLATFORMS, n))
    budget = round(float(costs.sum()) * rng.uniform(0.2, 0.9), 2)
    kwargs = {}
    flavour = seed % 4
    if flavour >= 1:
        groups = [GroupConstraint("tier", "micro", min_count=int(rng.integers(0, 3)))]
        groups.append(GroupConstraint("platform", "tiktok", max_count=int(rng.integers(1, 4))))
        if flavour >= 2:
            share_of = ("count", "spend", "envelope")[seed % 3]
            groups.append(
                GroupConstraint(
                    "tier",
                    "nano",
                    min_share=round(float(rng.uniform(0, 0.4)), 2),
                    max_share=round(float(rng.uniform(0.5, 1)), 2),
                    share_of=share_of,
                )
            )
        kwargs["groups"] = groups
    if flavour == 3:
        ids = frame["candidate_id"].tolist()
        picked = rng.permutation(ids)
        kwargs["must_include"] = list(picked[: int(rng.integers(0, 2))])
        kwargs["must_exclude"] = list(picked[2 : 2 + int(rng.integers(0, 3))])
        if rng.random() < 0.5:
            kwargs["max_budget_share_per_candidate"] = 0.5
        if rng.random() < 0.5:
            kwargs["max_chosen"] = int(rng.integers(1, n + 1))
    return frame, budget, kwargs


@pytest.mark.parametrize("seed", range(320))
def test_optimizer_matches_exhaustive_search(seed):
    """On small random plans the optimiser finds the same best value as trying every subset."""
    frame, budget, kwargs = random_instance(seed)
    expected = brute_force(
        frame,
        budget,
        groups=kwargs.get("groups", ()),
        include=kwargs.get("must_include", ()),
        exclude=kwargs.get("must_exclude", ()),
        cap=kwargs.get("max_budget_share_per_candidate"),
        hi=kwargs.get("max_chosen"),
    )
    result = optimize(frame, budget, **kwargs)
    if expected is None:
        assert result.status == "infeasible"
        assert i18n.has(result.message_key, "fr")
        return
    assert result.status == "optimal", result.message_key
    assert result.total_value == pytest.approx(expected, abs=1e-6)
    assert result.total_cost <= budget + COST_TOLERANCE
    # The returned selection itself meets every constraint.
    chosen = frame["candidate_id"].isin(result.chosen_ids)
    check = brute_force(
        frame[chosen].reset_index(drop=True),
        budget,
        groups=kwargs.get("groups", ()),
        include=kwargs.get("must_include", ()),
        cap=kwargs.get("max_budget_share_per_candidate"),
        lo=int(chosen.sum()),
        hi=kwargs.get("max_chosen"),
    )
    assert check == pytest.approx(result.total_value, abs=1e-6)


@pytest.mark.parametrize("seed", range(60))
def test_greedy_never_beats_the_optimum(seed):
    """The greedy baseline stays within budget and never finds more value than the optimum."""
    rng = np.random.default_rng(1000 + seed)
    n = int(rng.integers(1, 30))
    frame = candidates(np.round(rng.uniform(0, 300, n), 2), np.round(rng.uniform(0, 50, n), 2))
    budget = round(float(frame["cost"].sum()) * 0.4, 2)
    fast, best = greedy(frame, budget), optimize(frame, budget)
    assert fast.status == "heuristic"
    assert fast.total_cost <= budget + COST_TOLERANCE
    assert fast.total_value <= best.total_value + 1e-9


# ---------------------------------------------------------------------------------------------
# Worked examples

FIVE = candidates(
    [100, 200, 300, 400, 0],
    [10, 30, 35, 50, 1],
    ["nano", "micro", "micro", "macro", "nano"],
    ["instagram", "tiktok", "instagram", "youtube", "tiktok"],
)


@pytest.mark.parametrize(
    "budget, kwargs, chosen, value",
    [
        (500, {}, ["b", "c", "e"], 66),
        (500, {"must_include": ["d"]}, ["a", "d", "e"], 61),
        (500, {"must_exclude": ["c"]}, ["a", "d", "e"], 61),
        (500, {"groups": [GroupConstraint("tier", "macro", min_count=1)]}, ["a", "d", "e"], 61),
        (500, {"groups": [GroupConstraint("platform", "tiktok", max_count=1)]}, ["b", "c"], 65),
        (500, {"max_chosen": 2}, ["b", "c"], 65),
        (500, {"max_budget_share_per_candidate": 0.5}, ["a", "b", "e"], 41),
        (0, {}, ["e"], 1),
        (1000, {}, ["a", "b", "c", "d", "e"], 126),
        # All the spend on micro: b and c, plus e who costs nothing.
        (
            500,
            {"groups": [GroupConstraint("tier", "micro", min_share=1.0, share_of="spend")]},
            ["b", "c", "e"],
            66,
        ),
        (
            500,
            {"groups": [{"column": "tier", "group": "nano", "min_share": 0.5}]},
            ["a", "d", "e"],
            61,
        ),
    ],
)
def test_worked_selections(budget, kwargs, chosen, value):
    """Hand-checked selections on five candidates (one of them free)."""
    result = optimize(FIVE, budget, **kwargs)
    assert result.status == "optimal"
    assert sorted(result.chosen_ids) == chosen
    assert result.total_value == pytest.approx(value)
    assert result.remaining == pytest.approx(budget - result.total_cost)
    assert list(result.chosen.columns) == list(FIVE.columns)


def test_free_candidates_are_always_worth_taking():
    """A candidate that costs nothing and brings value is chosen even with no budget."""
    frame = candidates([0, 0, 10], [1, 2, 3])
    result = optimize(frame, 0)
    assert sorted(result.chosen_ids) == ["a", "b"]
    assert result.total_cost == 0


def test_empty_candidates_give_an_empty_optimal_result():
    """With no candidate there is nothing to choose and nothing is spent."""
    result = optimize(FIVE.iloc[0:0], 1000)
    assert result.status == "optimal"
    assert result.chosen.empty and result.total_cost == 0 and result.total_value == 0


def test_the_result_explains_itself_in_both_languages():
    """The message of a result reads with amounts formatted for the language."""
    result = optimize(FIVE, 500)
    assert "500,00\u00a0€" in result.message("fr")
    assert "€500.00" in result.message("en")


def test_the_greedy_pick_on_the_worked_example():
    """Greedy takes the best value per euro first: e (free), then b, then c."""
    result = greedy(FIVE, 500)
    assert result.chosen_ids == ["b", "c", "e"]
    assert result.total_value == pytest.approx(66)


def test_greedy_can_miss_the_optimum():
    """A good ratio on a small item can block a bigger, better one: greedy is not exact."""
    frame = candidates([10, 100], [11, 100])
    assert greedy(frame, 100).total_value == 11
    assert optimize(frame, 100).total_value == 100


def test_a_time_limited_solve_is_reported_as_such(monkeypatch):
    """When the solver runs out of time, the best selection found comes back, flagged."""

    class Stopped:
        status = 1
        x = np.array([1.0, 0.0, 0.0, 0.0, 1.0])
        mip_gap = 0.05

    monkeypatch.setattr(bud, "milp", lambda **_: Stopped())
    result = optimize(FIVE, 500, time_limit=1)
    assert result.status == "time_limit"
    assert result.chosen_ids == ["a", "e"]
    assert result.message_key == "budget.time_limit"
    Stopped.x = None
    result = optimize(FIVE, 500, time_limit=1)
    assert result.status == "time_limit" and result.chosen.empty
    assert result.message_key == "budget.time_limit_no_solution"


# ---------------------------------------------------------------------------------------------
# Infeasible plans, each explained


@pytest.mark.parametrize(
    "budget, kwargs, key",
    [
        (500, {"must_include": ["c", "d"]}, "budget.infeasible_must_include_over_budget"),
        (
            500,
            {"must_include": ["a"], "must_exclude": ["a"]},
            "budget.infeasible_include_and_exclude",
        ),
        (
            500,
            {"must_include": ["d"], "max_budget_share_per_candidate": 0.5},
            "budget.infeasible_must_include_over_cap",
        ),
        (
            500,
            {"groups": [GroupConstraint("tier", "macro", min_count=2)]},
            "budget.infeasible_min_count_available",
        ),
        (
            500,
            {"groups": [GroupConstraint("tier", "micro", min_count=2)], "must_exclude": ["b"]},
            "budget.infeasible_min_count_available",
        ),
        (
            350,
            {"groups": [GroupConstraint("tier", "micro", min_count=2)]},
            "budget.infeasible_min_count_budget",
        ),
        (
            500,
            {"must_include": ["b", "c"], "groups": [GroupConstraint("tier", "micro", max_count=1)]},
            "budget.infeasible_max_count_forced",
        ),
        (500, {"min_chosen": 6}, "budget.infeasible_min_chosen_available"),
        (250, {"min_chosen": 4}, "budget.infeasible_min_chosen_budget"),
        (500, {"must_include": ["a", "b"], "max_chosen": 1}, "budget.infeasible_max_chosen_forced"),
        (
            1000,
            {"groups": [GroupConstraint("tier", "nano", min_share=0.5, share_of="envelope")]},
            "budget.infeasible_min_share_envelope",
        ),
        (
            500,
            {
                "must_include": ["d"],
                "groups": [GroupConstraint("tier", "macro", max_share=0.5, share_of="envelope")],
            },
            "budget.infeasible_max_share_envelope_forced",
        ),
        (
            500,
            {
                "must_include": ["a"],
                "must_exclude": ["d"],
                "groups": [GroupConstraint("tier", "macro", min_share=0.1)],
            },
            "budget.infeasible_min_share_empty",
        ),
        # With a forced in, micro can reach at most 2 of 3 chosen, never 90 %: the general key.
        (
            1000,
            {"must_include": ["a"], "groups": [GroupConstraint("tier", "micro", min_share=0.9)]},
            "budget.infeasible_general",
        ),
    ],
)
def test_infeasible_plans_say_which_constraint_fails(budget, kwargs, key):
    """An impossible plan returns no selection and names the constraint that cannot hold."""
    result = optimize(FIVE, budget, **kwargs)
    assert result.status == "infeasible"
    assert result.message_key == key
    assert result.chosen.empty
    for lang in ("fr", "en"):
        text = result.message(lang)
        assert text != key and "{" not in text


# ---------------------------------------------------------------------------------------------
# Invalid inputs


@pytest.mark.parametrize(
    "frame, budget, kwargs, key",
    [
        (FIVE.drop(columns="cost"), 500, {}, "budget.error_missing_columns"),
        (FIVE.drop(columns="candidate_id"), 500, {}, "budget.error_missing_columns"),
        (FIVE.assign(cost=[100, -1, 0, 0, 0]), 500, {}, "budget.error_negative_cost"),
        (FIVE.assign(cost=[100, np.nan, 0, 0, 0]), 500, {}, "budget.error_missing_values"),
        (FIVE.assign(value=[1, 2, np.nan, 4, 5]), 500, {}, "budget.error_missing_values"),
        (FIVE.assign(value=["x", 2, 3, 4, 5]), 500, {}, "budget.error_not_numeric"),
        (FIVE.assign(candidate_id=list("aacde")), 500, {}, "budget.error_duplicate_ids"),
        (FIVE, -1, {}, "budget.error_budget"),
        (FIVE, float("nan"), {}, "budget.error_budget"),
        (FIVE, "lots", {}, "budget.error_budget"),
        (FIVE, 500, {"must_include": ["zz"]}, "budget.error_unknown_candidates"),
        (
            FIVE,
            500,
            {"groups": [GroupConstraint("niche", "beauty", min_count=1)]},
            "budget.error_missing_columns",
        ),
        (
            FIVE,
            500,
            {"groups": [GroupConstraint("tier", "nano", min_share=1.5)]},
            "budget.error_share_range",
        ),
        (
            FIVE,
            500,
            {"groups": [GroupConstraint("tier", "nano", min_count=-1)]},
            "budget.error_count",
        ),
        (
            FIVE,
            500,
            {"groups": [GroupConstraint("tier", "nano", min_count=3, max_count=1)]},
            "budget.error_group_bounds",
        ),
        (
            FIVE,
            500,
            {"groups": [GroupConstraint("tier", "nano", min_share=0.6, max_share=0.2)]},
            "budget.error_group_bounds",
        ),
        (
            FIVE,
            500,
            {"groups": [GroupConstraint("tier", "nano", min_share=0.1, share_of="people")]},
            "budget.error_share_of",
        ),
        (FIVE, 500, {"min_chosen": 3, "max_chosen": 2}, "budget.error_chosen_bounds"),
        (FIVE, 500, {"max_budget_share_per_candidate": 2}, "budget.error_share_range"),
        (FIVE, 500, {"time_limit": 0}, "budget.error_time_limit"),
        ([{"cost": 1}], 500, {}, "budget.error_not_table"),
        (
            FIVE,
            500,
            {"groups": [{"group": "nano", "min_count": 1}]},
            "budget.error_group_incomplete",
        ),
    ],
)
def test_invalid_inputs_raise_a_user_error(frame, budget, kwargs, key):
    """A mistake in the candidates or the constraints says what to fix, in the user's language."""
    with pytest.raises(UserError) as caught:
        optimize(frame, budget, **kwargs)
    assert caught.value.key == key
    assert caught.value.message("fr") != key


# ---------------------------------------------------------------------------------------------
# Budget totals

LINES = [
    {
        "category": "influencer_fee",
        "label": "Post A",
        "influencer_id": "inf-1",
        "quantity": 3,
        "unit_cost_eur_ht": 400,
        "tier": "micro",
        "platform": "instagram",
    },
    {
        "category": "gifting",
        "label": "Coffrets",
        "influencer_id": "inf-2",
        "quantity": 5,
        "unit_cost_eur_ht": 30,
        "tier": "nano",
        "platform": "tiktok",
    },
    {"category": "shipping", "label": "Colissimo", "quantity": 5, "unit_cost_eur_ht": 8},
    {"category": "agency", "label": "Agence", "quantity": 1, "unit_cost_eur_ht": 500},
]


@pytest.mark.parametrize(
    "field_name, expected",
    [
        ("total_ht", 1890.0),
        ("vat", 378.0),
        ("total_ttc", 2268.0),
        ("envelope", 2000.0),
        ("remaining", 110.0),
        ("share_used", 0.945),
    ],
)
def test_budget_summary_worked_numbers(field_name, expected):
    """3 × 400 + 5 × 30 + 5 × 8 + 500 = 1 890 € HT; VAT 20 % = 378 €; TTC 2 268 €; 110 € left."""
    summary = budget_summary(LINES, 2000)
    assert getattr(summary, field_name) == pytest.approx(expected)
    assert not summary.over_budget


def test_budget_summary_per_line_and_breakdowns():
    """Each line gets its total HT; breakdowns follow category order and cover keyed lines."""
    summary = budget_summary(LINES, 2000)
    assert summary.lines["total_eur_ht"].tolist() == [1200, 150, 40, 500]
    assert summary.by_category["category"].tolist() == [
        "influencer_fee",
        "gifting",
        "shipping",
        "agency",
    ]
    assert summary.by_category["share"].sum() == pytest.approx(1.0)
    by_influencer = dict(
        zip(
            summary.by_influencer["influencer_id"],
            summary.by_influencer["total_eur_ht"],
            strict=True,
        )
    )
    assert by_influencer == {"inf-1": 1200, "inf-2": 150}
    assert summary.by_tier.set_index("tier")["total_eur_ht"].to_dict() == {
        "micro": 1200,
        "nano": 150,
    }
    assert summary.by_platform["share"].tolist() == pytest.approx([1200 / 1890, 150 / 1890])


@pytest.mark.parametrize(
    "lines_kind",
    ["dicts", "dataframe", "models"],
)
def test_budget_summary_accepts_dicts_tables_and_plan_lines(lines_kind):
    """Lines can be plain dicts, a DataFrame or the plan's BudgetLine objects."""
    plain = [{k: v for k, v in line.items() if k not in ("tier", "platform")} for line in LINES]
    lines = {
        "dicts": plain,
        "dataframe": pd.DataFrame(plain),
        "models": [BudgetLine(**line) for line in plain],
    }[lines_kind]
    summary = budget_summary(lines, 1500)
    assert summary.total_ht == pytest.approx(1890)
    assert summary.remaining == pytest.approx(-390)
    assert summary.over_budget
    assert summary.by_tier.empty


@pytest.mark.parametrize(
    "envelope, vat_rate, ttc, share_used",
    [(1000, 0.20, 1200, 1.0), (2000, 0.055, 1055, 0.5), (0, 0.20, 1200, float("nan"))],
)
def test_vat_rate_and_empty_envelope(envelope, vat_rate, ttc, share_used):
    """The VAT rate is editable; a zero envelope leaves the share used undefined (NaN)."""
    summary = budget_summary(
        [{"category": "other", "quantity": 2, "unit_cost_eur_ht": 500}], envelope, vat_rate
    )
    assert summary.total_ttc == pytest.approx(ttc)
    assert summary.share_used == pytest.approx(share_used, nan_ok=True)


def test_empty_budget_is_all_zeros():
    """No line means nothing spent and the whole envelope left."""
    summary = budget_summary([], 800)
    assert (summary.total_ht, summary.vat, summary.total_ttc, summary.remaining) == (0, 0, 0, 800)
    assert summary.by_category.empty


@pytest.mark.parametrize(
    "line, envelope, vat, key",
    [
        (
            {"category": "fees", "quantity": 1, "unit_cost_eur_ht": 1},
            10,
            0.2,
            "budget.error_unknown_category",
        ),
        (
            {"category": "other", "quantity": -1, "unit_cost_eur_ht": 1},
            10,
            0.2,
            "budget.error_negative_line",
        ),
        (
            {"category": "other", "quantity": 1, "unit_cost_eur_ht": -5},
            10,
            0.2,
            "budget.error_negative_line",
        ),
        (
            {"category": "other", "quantity": 1, "unit_cost_eur_ht": None},
            10,
            0.2,
            "budget.error_missing_values",
        ),
        ({"category": "other", "quantity": 1}, 10, 0.2, "budget.error_missing_columns"),
        (
            {"category": "other", "quantity": 1, "unit_cost_eur_ht": 1},
            -10,
            0.2,
            "budget.error_budget",
        ),
        (
            {"category": "other", "quantity": 1, "unit_cost_eur_ht": 1},
            10,
            1.2,
            "budget.error_vat_rate",
        ),
    ],
)
def test_invalid_budget_lines(line, envelope, vat, key):
    """A wrong budget line or envelope says what to fix."""
    with pytest.raises(UserError) as caught:
        budget_summary([line], envelope, vat)
    assert caught.value.key == key


def test_categories_match_the_plan_and_have_labels():
    """The budget's categories are the plan's, each with a French and an English label."""
    from influkit.plan.model import BUDGET_CATEGORIES as PLAN_CATEGORIES

    assert BUDGET_CATEGORIES == PLAN_CATEGORIES
    for code in BUDGET_CATEGORIES:
        for lang in ("fr", "en"):
            assert i18n.has(f"budget.category.{code}", lang)
    assert bud.category_label("gifting", "fr") == "Produits offerts (gifting)"


# ---------------------------------------------------------------------------------------------
# Outcome range


def test_outcome_range_with_relative_uncertainty():
    """± 35 % by default: 10 000 expected gives 6 500 to 13 500."""
    chosen = candidates([1, 1], [4000, 6000])
    outcome = outcome_range(chosen)
    assert (outcome.low, outcome.expected, outcome.high) == pytest.approx((6500, 10000, 13500))
    assert outcome.per_candidate["method"].tolist() == ["uncertainty", "uncertainty"]


def test_outcome_range_from_the_spread_of_post_engagement():
    """With posts, a candidate's range follows its ER quantiles relative to its mean ER."""
    chosen = candidates([1, 1], [1000, 1000])
    posts = pd.DataFrame({"candidate_id": ["a"] * 5, "er": [0.01, 0.02, 0.03, 0.04, 0.05]})
    outcome = outcome_range(chosen, posts=posts, quantiles=(0.25, 0.75))
    row = outcome.per_candidate.set_index("candidate_id")
    # Mean 3 %, quartiles 2 % and 4 %: two thirds and four thirds of the expected value.
    assert row.loc["a", "low"] == pytest.approx(1000 * 2 / 3)
    assert row.loc["a", "high"] == pytest.approx(1000 * 4 / 3)
    assert row.loc["b", "low"] == pytest.approx(650)
    assert row["method"].tolist() == ["er_quantiles", "uncertainty"]
    assert outcome.expected == 2000


@pytest.mark.parametrize(
    "kwargs, key",
    [
        ({"uncertainty": -0.1}, "budget.error_uncertainty"),
        ({"quantiles": (0.9, 0.1)}, "budget.error_quantiles"),
        ({"value": "reach"}, "budget.error_missing_columns"),
        ({"posts": pd.DataFrame({"candidate_id": ["a"]})}, "budget.error_missing_columns"),
    ],
)
def test_outcome_range_invalid_inputs(kwargs, key):
    """Bad uncertainty, quantiles or columns say what to fix."""
    with pytest.raises(UserError) as caught:
        outcome_range(candidates([1], [100]), **kwargs)
    assert caught.value.key == key


def test_outcome_range_never_goes_below_zero():
    """An uncertainty above 100 % floors the low outcome at zero for a positive value."""
    outcome = outcome_range(candidates([1], [100]), uncertainty=1.5)
    assert outcome.low == 0 and outcome.high == 250


# ---------------------------------------------------------------------------------------------
# Catalogue


def test_every_budget_key_in_the_module_exists_in_both_languages():
    """Every message key the budget module can return is in the French and English catalogues."""
    source = Path(bud.__file__).read_text(encoding="utf-8")
    keys = set(re.findall(r'"(budget\.[a-z_.]+)"', source))
    assert len(keys) > 30
    for key in keys:
        for lang in ("fr", "en"):
            assert i18n.has(key, lang), f"{key} ({lang})"
