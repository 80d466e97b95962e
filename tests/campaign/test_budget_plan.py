"""Module 7 budget glue: candidates and their value by KPI, optimiser settings stored in the plan,
the budget left for influencers, edited budget lines, and the pick compared with the shortlist."""

from __future__ import annotations

import pandas as pd
import pytest

from influkit.campaign import figures
from influkit.campaign.budget import plan as budget_plan
from influkit.campaign.budget.plan import GroupBound, OptimizerSettings
from influkit.campaign.compensation import simulator as remuneration
from influkit.campaign.compensation.models import Assumptions
from influkit.data import datasets
from influkit.errors import UserError
from influkit.plan.model import BudgetLine, Deliverable, Objective, Plan

ASSUMPTIONS = Assumptions(
    ctr=0.01, conversion_rate=0.05, average_order_value_eur=40.0, margin_rate=0.5
)


def _row(iid, platform, tier, niche, price, reach, impressions, interactions):
    return {
        "influencer_id": iid,
        "display_name": f"Name {iid}",
        "handle": f"@{iid.lower()}",
        "platform": platform,
        "tier": tier,
        "niche": niche,
        "followers": reach * 3,
        "er": 0.02,
        "avg_reach": reach,
        "avg_views": None,
        "avg_impressions": impressions,
        "avg_interactions": interactions,
        "price_per_post_eur": price,
    }


TABLE = pd.DataFrame(
    [
        _row("A", "instagram", "micro", "beauty", 300.0, 10_000, 12_000, 600),
        _row("B", "tiktok", "mid", "beauty", 900.0, 60_000, 80_000, 2_400),
        _row("C", "instagram", "nano", "food", 80.0, 2_000, 2_500, 200),
        _row("D", "youtube", "macro", "beauty", 5_000.0, 200_000, 250_000, 5_000),
        _row("E", "instagram", "micro", "beauty", None, 8_000, 9_000, 400),
    ]
)


def make_plan(budget: float = 2_000.0, shortlist=("A", "C")) -> Plan:
    """A beauty plan with a budget, a shortlist and the test assumptions."""
    plan = Plan()
    plan.brief.budget_eur_ht = budget
    plan.brief.niches = ["beauty"]
    for iid in shortlist:
        plan.add_to_shortlist(iid)
    for name in remuneration.ASSUMPTION_FIELDS:
        remuneration.set_assumption(plan, name, getattr(ASSUMPTIONS, name))
    return plan


@pytest.mark.parametrize(
    "aim, objective_kpi, expected",
    [
        ("awareness", None, "reach"),
        ("engagement", None, "engagements"),
        ("traffic", None, "clicks"),
        ("conversion", None, "conversions"),
        ("community", None, "engagements"),
        ("awareness", "CPA", "conversions"),
        ("conversion", "impressions", "impressions"),
        ("traffic", "something else", "clicks"),
    ],
)
def test_the_value_to_maximise_follows_the_objective(aim, objective_kpi, expected):
    """The KPI comes from the first SMART objective when it names one, else from the aim."""
    plan = make_plan()
    plan.brief.business_aim = aim
    if objective_kpi:
        plan.objectives = [Objective(kpi=objective_kpi)]
    assert budget_plan.default_kpi(plan) == expected


@pytest.mark.parametrize(
    "kpi, expected_a",
    [
        ("reach", 20_000),
        ("impressions", 24_000),
        ("engagements", 1_200),
        ("clicks", 264),
        ("conversions", 15.18),
    ],
)
def test_candidate_value_by_kpi(kpi, expected_a):
    """Two posts of A (micro): reach 2 × 10 000, engagements 2 × 600, clicks 1 % × 1.1 of the
    impressions, 5 % × 1.15 of them buy (a micro account's audience clicks and buys more)."""
    plan = make_plan()
    settings = OptimizerSettings(pool="shortlist", kpi=kpi, default_posts=2)
    frame = budget_plan.candidates(plan, TABLE, settings).set_index("candidate_id")
    assert frame.loc["A", "value"] == pytest.approx(expected_a)
    assert frame.loc["A", kpi] == pytest.approx(expected_a)
    assert frame.loc["A", "cost"] == pytest.approx(600.0)
    assert frame.loc["A", "value_per_eur"] == pytest.approx(expected_a / 600)


def test_candidate_posts_come_from_the_deliverables():
    """An influencer with planned deliverables counts those posts, not the default."""
    plan = make_plan()
    plan.deliverables = [Deliverable(influencer_id="A", count=3)]
    frame = budget_plan.candidates(plan, TABLE, OptimizerSettings(kpi="reach"))
    row = frame.set_index("candidate_id").loc["A"]
    assert row["posts"] == 3 and row["cost"] == pytest.approx(900.0)


def test_cost_basis_model_uses_the_chosen_models_cost():
    """With the model basis, a chosen model's expected brand cost replaces price × posts."""
    plan = make_plan()
    row = TABLE.iloc[0].to_dict()
    common = {**remuneration.default_common(row, ASSUMPTIONS, 1), "product_value_eur": 50.0}
    remuneration.choose_model(plan, "A", "fixed_fee", common, {"fee_eur": 250.0})
    settings = OptimizerSettings(pool="shortlist", cost_basis="model")
    frame = budget_plan.candidates(plan, TABLE, settings)
    a = frame.set_index("candidate_id").loc["A"]
    assert a["cost"] == pytest.approx(250.0 + 50.0 + common["shipping_eur"])
    assert a["cost_source"] == "model"
    assert frame.set_index("candidate_id").loc["C", "cost_source"] == "price"


@pytest.mark.parametrize(
    "pool, platforms, expected",
    [
        ("shortlist", [], ["A", "C"]),
        ("case", [], ["A", "B", "D", "E"]),
        ("case", ["instagram"], ["A", "E"]),
        ("niches", [], ["A", "B", "D", "E"]),
        ("niches", ["instagram"], ["A", "E"]),
        ("all", [], ["A", "B", "C", "D", "E"]),
        ("all", ["tiktok", "youtube"], ["B", "D"]),
    ],
)
def test_the_pool_the_optimiser_chooses_from(pool, platforms, expected):
    """Shortlist, the case's niches (optionally some platforms only), or everyone."""
    rows = budget_plan.pool_rows(make_plan(), TABLE, pool, platforms)
    assert rows["influencer_id"].tolist() == expected


@pytest.mark.parametrize("top_n, platforms", [(10, []), (5, ["tiktok"])])
def test_the_best_brand_fits_as_pool(top_n, platforms):
    """The brand-fit pool is the top of the plan's brand-fit ranking, on the platforms given."""
    from influkit.identify import brandfit, profiles

    plan = Plan.from_case(datasets.cases()[0])
    table = profiles.influencer_table(plan)
    rows = budget_plan.pool_rows(plan, table, "brand_fit", platforms, top_n)
    ranked = brandfit.plan_ranking(plan, table)
    if platforms:
        ranked = ranked.loc[ranked["platform"].isin(platforms)]
    assert rows["influencer_id"].tolist() == ranked["influencer_id"].head(top_n).tolist()
    assert list(rows.columns) == list(table.columns)


def test_an_influencer_without_price_is_not_usable():
    """No declared price and no chosen model: the candidate is left out, and said so."""
    plan = make_plan(shortlist=("A", "E"))
    run = budget_plan.run(plan, TABLE, OptimizerSettings(pool="shortlist"))
    assert run.skipped == ["E"]
    assert "E" not in run.candidates["candidate_id"].tolist()


def test_settings_round_trip_through_the_plan():
    """What the trainee sets is stored in plan.settings.optimizer and read back the same."""
    plan = make_plan()
    settings = OptimizerSettings(
        pool="niches",
        top_n=12,
        platforms=["instagram"],
        kpi="clicks",
        cost_basis="model",
        default_posts=3,
        min_chosen=1,
        max_chosen=4,
        max_share=0.3,
        must_include=["A"],
        must_exclude=["B"],
        groups=[GroupBound("tier", "micro", 1, None), GroupBound("platform", "tiktok", None, 0)],
        ran=True,
    )
    assert budget_plan.write_settings(plan, settings)
    assert plan.settings.assumptions.conversion_rate == ASSUMPTIONS.conversion_rate
    assert budget_plan.read_settings(plan) == settings
    assert not budget_plan.write_settings(plan, settings)


def test_settings_default_to_the_plan():
    """Without stored settings: the brief's candidates, the objective's KPI, 1 post, and 3 to 15
    influencers, the usual size of a campaign."""
    plan = make_plan()
    plan.brief.business_aim = "traffic"
    settings = budget_plan.read_settings(plan)
    assert (settings.pool, settings.kpi, settings.default_posts) == ("case", "clicks", 1)
    assert (settings.min_chosen, settings.max_chosen) == (3, 15)
    assert settings.include_flagged is False


@pytest.mark.parametrize(
    "text, expected",
    [
        ("tier|micro|2|", GroupBound("tier", "micro", 2, None)),
        ("platform|tiktok||1", GroupBound("platform", "tiktok", None, 1)),
        ("colour|red|1|2", None),
        ("tier||1|2", None),
        ("nonsense", None),
    ],
)
def test_group_bounds_are_stored_as_text(text, expected):
    """A bound on a tier or platform is kept as column|group|min|max."""
    assert GroupBound.decode(text) == expected
    if expected is not None:
        assert expected.encode() == text


@pytest.mark.parametrize(
    "bound, key",
    [
        (GroupBound("tier", "micro", None, None), "budgetpage.error_group_empty"),
        (GroupBound("tier", "micro", 3, 1), "budgetpage.error_group_bounds"),
        (GroupBound("colour", "red", 1, None), "budgetpage.error_group_column"),
    ],
)
def test_impossible_group_bounds_are_refused(bound, key):
    """A bound with no limit, min above max, or an unknown criterion is a user error."""
    with pytest.raises(UserError) as err:
        budget_plan.add_group_bound(OptimizerSettings(), bound)
    assert err.value.key == key


def test_a_new_bound_replaces_the_one_on_the_same_group():
    """Adding a bound on micro twice keeps the last one only."""
    settings = OptimizerSettings()
    budget_plan.add_group_bound(settings, GroupBound("tier", "micro", 1, None))
    budget_plan.add_group_bound(settings, GroupBound("tier", "micro", 2, 3))
    assert settings.groups == [GroupBound("tier", "micro", 2, 3)]


def test_budget_for_influencers_is_the_envelope_minus_other_lines():
    """Lines tied to no influencer (platform, agency…) come off the optimiser's budget."""
    plan = make_plan(budget=10_000)
    plan.budget_lines = [
        BudgetLine(category="platform", quantity=2, unit_cost_eur_ht=500),
        BudgetLine(category="agency", unit_cost_eur_ht=1_000),
        BudgetLine(category="influencer_fee", influencer_id="A", unit_cost_eur_ht=300),
    ]
    assert budget_plan.non_influencer_total(plan) == 2_000
    assert budget_plan.optimiser_budget(plan) == 8_000
    plan.budget_lines = [BudgetLine(category="agency", unit_cost_eur_ht=50_000)]
    assert budget_plan.optimiser_budget(plan) == 0


def test_the_optimiser_picks_the_best_set_within_budget():
    """With 1 000 € and reach as value, B + C (980 €, reach 62 000) beats A + C (380 €, 12 000);
    excluding B gives A + C."""
    plan = make_plan(budget=1_000, shortlist=("A", "B", "C"))
    run = budget_plan.run(plan, TABLE, OptimizerSettings(pool="shortlist", kpi="reach"))
    assert run.result.status == "optimal"
    assert sorted(run.result.chosen_ids) == ["B", "C"]
    assert run.result.total_cost == pytest.approx(980)
    settings = OptimizerSettings(pool="shortlist", kpi="reach", must_exclude=["B"])
    run = budget_plan.run(plan, TABLE, settings)
    assert sorted(run.result.chosen_ids) == ["A", "C"]


@pytest.mark.parametrize(
    "settings, key",
    [
        (OptimizerSettings(pool="niches", min_chosen=9), "budget.infeasible_min_chosen_available"),
        (
            OptimizerSettings(pool="niches", groups=[GroupBound("tier", "mega", 1, None)]),
            "budget.infeasible_min_count_available",
        ),
        (
            OptimizerSettings(pool="niches", must_include=["D"]),
            "budget.infeasible_must_include_over_budget",
        ),
    ],
)
def test_an_impossible_constraint_is_explained(settings, key):
    """The optimiser says which constraint cannot hold, with labels and names, not codes."""
    plan = make_plan(budget=2_000)
    run = budget_plan.run(plan, TABLE, settings)
    assert run.result.status == "infeasible"
    assert run.result.message_key == key
    text = budget_plan.explain(run.result, run.candidates, "fr")
    assert "{" not in text
    if settings.groups:
        assert "Méga" in text and "Palier" in text and "mega" not in text


def test_must_include_outside_the_pool_is_ignored_and_said():
    """An imposed influencer who is not in the pool does not break the run."""
    plan = make_plan()
    run = budget_plan.run(plan, TABLE, OptimizerSettings(pool="shortlist", must_include=["B"]))
    assert run.dropped_constraints == ["B"]
    assert run.result.status == "optimal"


def test_the_pick_compared_with_the_shortlist():
    """Both selections are measured the same way; who is in only one of them is listed."""
    plan = make_plan(budget=2_000, shortlist=("A", "C"))
    settings = OptimizerSettings(pool="niches", kpi="reach")
    totals, only_pick, only_own = budget_plan.compare_with_shortlist(
        plan, TABLE, settings, ["A", "B"]
    )
    by = totals.set_index("selection")
    assert by.loc["optimiser", "cost"] == pytest.approx(1_200)
    assert by.loc["optimiser", "value"] == pytest.approx(70_000)
    assert by.loc["shortlist", "cost"] == pytest.approx(380)
    assert by.loc["shortlist", "value"] == pytest.approx(12_000)
    assert only_pick == ["B"] and only_own == ["C"]


def test_outcome_range_brackets_the_expected_value():
    """Low ≤ expected ≤ high, from each account's posts or ± the default uncertainty."""
    chosen = pd.DataFrame({"candidate_id": ["INF0001", "ZZZ"], "value": [1_000.0, 500.0]})
    spread = budget_plan.outcome(chosen, "reach")
    assert spread.low <= spread.expected == 1_500 <= spread.high
    methods = dict(
        zip(spread.per_candidate["candidate_id"], spread.per_candidate["method"], strict=True)
    )
    assert methods == {"INF0001": "er_quantiles", "ZZZ": "uncertainty"}


def test_applying_the_pick_adds_and_reserves_but_removes_nobody():
    """Missing ones are added, others become reserve, a picked reserve comes back; none removed."""
    plan = make_plan(shortlist=("A", "C"))
    plan.add_to_shortlist("E", role="reserve")
    added, reserved, promoted = budget_plan.apply_pick(plan, ["A", "B", "E"], "fr")
    assert (added, reserved, promoted) == (["B"], ["C"], ["E"])
    roles = {e.influencer_id: e.role for e in plan.shortlist}
    assert roles == {"A": "creator", "C": "reserve", "E": "creator", "B": "creator"}
    assert budget_plan.apply_pick(plan, ["A", "B", "E"], "fr") == ([], [], [])


def _edited(**cells):
    row = {
        "line_id": None,
        "category": None,
        "label": "",
        "influencer_id": None,
        "quantity": None,
        "unit_cost_eur_ht": None,
        "note": "",
    }
    return {**row, **cells}


@pytest.mark.parametrize(
    "rows, expected, ids",
    [
        (
            [
                _edited(
                    line_id="bud-1",
                    category="platform",
                    label="Tool",
                    quantity=2,
                    unit_cost_eur_ht=300.0,
                )
            ],
            [("platform", "Tool", None, 2.0, 300.0)],
            ["bud-1"],
        ),
        (
            [_edited(label="Gift", influencer_id="", note=None)],
            [("other", "Gift", None, 1.0, 0.0)],
            [None],
        ),
        ([_edited(category="other", quantity=1)], [], []),
        (
            [
                _edited(
                    line_id="bud-1",
                    category="agency",
                    label="x",
                    influencer_id="A",
                    quantity=1,
                    unit_cost_eur_ht=10,
                ),
                _edited(line_id="bud-1", category="agency", label="y", unit_cost_eur_ht=20),
            ],
            [("agency", "x", "A", 1.0, 10.0), ("agency", "y", None, 1.0, 20.0)],
            ["bud-1", None],
        ),
        (
            [
                _edited(
                    line_id="rem-A-gifting", category="gifting", label="copied", unit_cost_eur_ht=5
                )
            ],
            [("gifting", "copied", None, 1.0, 5.0)],
            [None],
        ),
    ],
)
def test_budget_lines_from_an_edited_table(rows, expected, ids):
    """Blank rows are dropped, gaps get defaults, a new or duplicated row gets a new id."""
    lines = budget_plan.budget_lines_from_table(pd.DataFrame(rows))
    got = [(x.category, x.label, x.influencer_id, x.quantity, x.unit_cost_eur_ht) for x in lines]
    assert got == expected
    for line, kept in zip(lines, ids, strict=True):
        if kept:
            assert line.line_id == kept
        else:
            assert line.line_id.startswith("bud-") and line.line_id not in {"bud-1"}
    assert len({x.line_id for x in lines}) == len(lines)


@pytest.mark.parametrize(
    "row, key",
    [
        ({"category": "party", "label": "x"}, "budgetpage.error_line_category"),
        ({"category": "other", "label": "x", "quantity": -1}, "budgetpage.error_line_quantity"),
        (
            {"category": "other", "label": "x", "unit_cost_eur_ht": "abc"},
            "budgetpage.error_line_unit_cost_eur_ht",
        ),
    ],
)
def test_a_wrong_cell_names_the_row_to_fix(row, key):
    """A negative quantity, a word in a cost or an unknown category says which line is wrong."""
    with pytest.raises(UserError) as err:
        budget_plan.budget_lines_from_table(pd.DataFrame([row]))
    assert err.value.key == key and err.value.params["row"] == 1


def test_replacing_manual_lines_keeps_the_models_lines():
    """The trainee's editor never touches the lines of the chosen models."""
    plan = make_plan()
    synced = BudgetLine(
        line_id="rem-A-influencer_fee",
        category="influencer_fee",
        influencer_id="A",
        unit_cost_eur_ht=300,
    )
    plan.budget_lines = [BudgetLine(category="agency", unit_cost_eur_ht=10), synced]
    new = [BudgetLine(category="production", unit_cost_eur_ht=700)]
    assert budget_plan.replace_manual_lines(plan, new)
    assert [x.category for x in plan.budget_lines] == ["production", "influencer_fee"]
    assert budget_plan.manual_lines(plan) == new
    assert not budget_plan.replace_manual_lines(plan, new)


def test_summary_breaks_down_by_tier_and_platform():
    """Lines tied to an influencer carry their tier and platform into the breakdowns."""
    plan = make_plan(budget=1_000)
    plan.budget_lines = [
        BudgetLine(category="influencer_fee", influencer_id="A", unit_cost_eur_ht=300),
        BudgetLine(category="gifting", influencer_id="B", unit_cost_eur_ht=200),
        BudgetLine(category="contingency", unit_cost_eur_ht=700),
    ]
    summary = budget_plan.summary(plan, TABLE)
    assert summary.total_ht == 1_200 and summary.total_ttc == pytest.approx(1_440)
    assert summary.over_budget
    tiers = dict(zip(summary.by_tier["tier"], summary.by_tier["total_eur_ht"], strict=True))
    assert tiers == {"micro": 300, "mid": 200}
    platforms = dict(
        zip(summary.by_platform["platform"], summary.by_platform["total_eur_ht"], strict=True)
    )
    assert platforms == {"instagram": 300, "tiktok": 200}


@pytest.mark.parametrize("key", ["category", "influencer_id", "tier", "platform"])
def test_breakdown_charts_say_what_they_show(key):
    """Each breakdown chart has a title and one bar per group."""
    plan = make_plan()
    plan.budget_lines = [
        BudgetLine(category="influencer_fee", influencer_id="A", unit_cost_eur_ht=300)
    ]
    summary = budget_plan.summary(plan, TABLE)
    frame = {
        "category": summary.by_category,
        "influencer_id": summary.by_influencer,
        "tier": summary.by_tier,
        "platform": summary.by_platform,
    }[key]
    labels = budget_plan.breakdown_labels(frame, key, "fr", {"A": "Name A"})
    fig = figures.budget_breakdown_figure(frame, key, labels, "fr")
    assert fig.layout.title.text
    assert len(fig.data[0].y) == 1


# --- the default pick, case by case ---------------------------------------------------------


@pytest.mark.parametrize("case_id", datasets.case_ids())
def test_the_default_pick_is_one_a_trainer_would_accept(case_id):
    """Run as it opens, the optimiser picks 3 to 15 accounts of the case's platforms and niches,
    nano or above, none with an audience-quality warning, at a cost per sale the client has
    paid in past campaigns."""
    from influkit.identify import profiles
    from influkit.strategy import history

    case = datasets.case(case_id)
    plan = Plan.from_case(case)
    table = profiles.influencer_table(plan)
    run = budget_plan.run(plan, table, budget_plan.read_settings(plan))
    chosen = run.result.chosen
    assert run.result.status == "optimal"
    assert 3 <= len(chosen) <= 15
    assert set(chosen["platform"]) <= set(case["platforms"])
    assert set(chosen["niche"]) <= set(case["niches"])
    assert "below_nano" not in set(chosen["tier"])
    assert not chosen["quality_flagged"].any()
    assert chosen["cost"].sum() <= plan.brief.budget_eur_ht
    low, _, high = history.cost_per_result_range(
        history.campaigns_of(history.brand_of_plan(plan)), "conversions"
    )
    assert low <= chosen["cost"].sum() / chosen["conversions"].sum() <= high


def test_flagged_accounts_come_back_when_asked():
    """Ticking "include flagged accounts" brings the audience-quality warnings back in the pool."""
    from influkit.identify import profiles

    plan = Plan.from_case(datasets.case("cosmetique-lancement"))
    table = profiles.influencer_table(plan)
    clean = budget_plan.candidate_pool(plan, table)
    every = budget_plan.candidate_pool(plan, table, include_flagged=True)
    assert set(clean["influencer_id"]) < set(every["influencer_id"])
