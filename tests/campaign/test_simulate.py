"""The trainee's own campaign, simulated: drawn around hand-built forecast rows, then the plan's."""

from __future__ import annotations

import datetime as dt
import functools
import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from influkit.campaign import forecast, simulate
from influkit.campaign.forecast import METRICS
from influkit.data import datasets
from influkit.identify import profiles
from influkit.operations.schedule import scheduler as retroplan
from influkit.plan.model import Deliverable, Plan, Remuneration, ResultRow, Task

LAUNCH = dt.date(2027, 3, 1)
PER_POST = {
    "impressions": 6_000.0,
    "reach": 4_500.0,
    "engagements": 300.0,
    "clicks": 60.0,
    "conversions": 3.0,
    "revenue": 120.0,
    "cost": 200.0,
}


def forecast_row(influencer: str, deliverable: str | None = None, posts: int = 1, **given):
    """One forecast row (the columns of ``Forecast.rows``), a clean micro account."""
    row = {
        "influencer_id": influencer,
        "deliverable_id": deliverable,
        "platform": "instagram",
        "format": "post",
        "posts": posts,
        "window_start": None,
        "window_end": None,
        "tier": "micro",
        "followers": 20_000.0,
        "engagement_rate": 0.03,
        "audience_quality": 0.92,
        "quality_flagged": False,
        "brand_fit": 60.0,
        "remuneration_kind": "fixed_fee",
    }
    for metric in METRICS:
        value = PER_POST[metric] * posts
        row.update({metric: value, f"{metric}_low": value * 0.5, f"{metric}_high": value * 1.6})
    row.update(given)
    return row


def campaign_plan(*influencers: str, **brief) -> Plan:
    """A plan launching on 1 March 2027 with these influencers shortlisted."""
    plan = Plan()
    plan.brief.launch_date = brief.get("launch", LAUNCH)
    for influencer in influencers:
        plan.add_to_shortlist(influencer)
    return plan


def two_influencer_campaign() -> tuple[Plan, pd.DataFrame]:
    """A: three reels in the first ten days of March; B: one default post, gifted."""
    plan = campaign_plan("A", "B")
    plan.deliverables = [
        Deliverable(
            deliverable_id="d-a",
            influencer_id="A",
            platform="instagram",
            format="reel",
            count=3,
            window_start=dt.date(2027, 3, 1),
            window_end=dt.date(2027, 3, 10),
        )
    ]
    rows = pd.DataFrame(
        [
            forecast_row(
                "A",
                "d-a",
                3,
                format="reel",
                window_start=dt.date(2027, 3, 1),
                window_end=dt.date(2027, 3, 10),
            ),
            forecast_row("B", None, 1, platform="tiktok", remuneration_kind="gifting"),
        ]
    )
    return plan, rows


def draw(rows: pd.DataFrame, plan: Plan, seed: int = 0) -> simulate.Simulation:
    return simulate.draw_campaign(rows, plan, seed)


# --- the draw -----------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 7, 2026])
def test_the_same_plan_and_seed_give_the_same_campaign(seed):
    """Replaying the same plan with the same draw number gives exactly the same posts."""
    plan, rows = two_influencer_campaign()
    first, again = draw(rows, plan, seed), draw(rows, plan.model_copy(deep=True), seed)
    pd.testing.assert_frame_equal(first.results, again.results)
    assert first.incidents == again.incidents


@pytest.mark.parametrize(("seed", "other"), [(0, 1), (1, 2), (5, 500)])
def test_another_seed_gives_another_campaign(seed, other):
    """Another draw number gives other figures."""
    plan, rows = two_influencer_campaign()
    assert not draw(rows, plan, seed).results.equals(draw(rows, plan, other).results)


def test_the_draw_does_not_depend_on_the_results_already_in_the_plan():
    """Simulating again after a first simulation (results in the plan) gives the same campaign."""
    plan, rows = two_influencer_campaign()
    first = draw(rows, plan, 3)
    plan.results = first.rows()
    plan.results_source = "simulation"
    pd.testing.assert_frame_equal(first.results, draw(rows, plan, 3).results)


def test_the_plan_fingerprint_is_the_same_in_another_python_process():
    """The seed mixes a stable hash of the plan, not Python's per-process hash()."""
    plan, _ = two_influencer_campaign()
    code = (
        "import sys; from influkit.plan.model import plan_from_json; from influkit.campaign import simulate; "
        "print(simulate.plan_fingerprint(plan_from_json(sys.stdin.read())))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            input=plan.model_dump_json(),
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": str(hash_seed), "PYTHONPATH": "."},
        ).stdout.strip()
        for hash_seed in (1, 2)
    }
    assert outputs == {str(simulate.plan_fingerprint(plan))}


@pytest.mark.parametrize("kind", ["fixed_fee", "gifting", "affiliate", "pay_per_result"])
@pytest.mark.parametrize("seed", [0, 11])
def test_every_simulated_row_belongs_to_the_plan(kind, seed):
    """Every post is by a shortlisted influencer, on a planned platform, in its planned window."""
    plan, rows = two_influencer_campaign()
    rows["remuneration_kind"] = kind
    found = draw(rows, plan, seed).results
    assert list(found.columns) == list(ResultRow.model_fields)
    assert set(found["influencer_id"]) <= set(plan.shortlisted_ids())
    by_influencer = found.groupby("influencer_id")
    assert by_influencer.size().to_dict() == {"A": 3, "B": 1}
    assert set(found.loc[found["influencer_id"] == "A", "platform"]) == {"instagram"}
    assert set(found.loc[found["influencer_id"] == "B", "platform"]) == {"tiktok"}
    days = found.loc[found["influencer_id"] == "A", "published_on"]
    assert all(dt.date(2027, 3, 1) <= day <= dt.date(2027, 3, 10) for day in days)
    # Without a window or a retro-planning, the two weeks after the launch.
    (day,) = found.loc[found["influencer_id"] == "B", "published_on"]
    assert LAUNCH <= day <= LAUNCH + dt.timedelta(days=simulate.FALLBACK_WINDOW_DAYS)
    assert found["post_ref"].is_unique
    [ResultRow(**record) for record in found.to_dict("records")]


@pytest.mark.parametrize("fit", [0.0, 55.0, 100.0, float("nan")])
@pytest.mark.parametrize("kind", ["fixed_fee", "affiliate", "gifting", None])
def test_figures_are_finite_non_negative_and_sales_are_whole(fit, kind):
    """No negative or impossible figure, and sales are counted in whole units."""
    plan, rows = two_influencer_campaign()
    rows["brand_fit"] = fit
    rows["remuneration_kind"] = kind
    for seed in range(20):
        found = draw(rows, plan, seed).results
        numbers = found[list(simulate.RESULT_COLUMNS[4:])].to_numpy(dtype=float)
        assert np.isfinite(numbers).all() and (numbers >= 0).all()
        assert (found["conversions"] == found["conversions"].round()).all()
        assert (found["reach"] <= found["impressions"]).all()


def test_results_are_drawn_around_the_forecast():
    """Over many draws, a clean account's average results are close to its forecast."""
    plan, rows = two_influencer_campaign()
    rows = rows.iloc[:1]
    sums = pd.concat([draw(rows, plan, seed).results for seed in range(300)]).sum(numeric_only=True)
    for column, metric in (("reach", "reach"), ("impressions", "impressions")):
        assert sums[column] / 300 == pytest.approx(rows[metric].iloc[0], rel=0.1)
    # Brand fit 60 and clean audience: about the forecast's sales, a little more.
    assert sums["conversions"] / 300 == pytest.approx(9 * simulate.fit_factor(60), rel=0.15)


# --- what the trainee chose ---------------------------------------------------------------------


def _per_euro(rows: pd.DataFrame, plan: Plan, influencer: str, seeds: range) -> float:
    found = pd.concat([draw(rows, plan, seed).results for seed in seeds])
    mine = found.loc[found["influencer_id"] == influencer]
    return mine["conversions"].sum() / mine["cost_eur_ht"].sum()


def test_a_better_brand_fit_converts_better():
    """Over 200 draws, the same account sells more when it fits the brand better."""
    plan = campaign_plan("A")
    seeds = range(200)
    low = _per_euro(pd.DataFrame([forecast_row("A", brand_fit=20.0)]), plan, "A", seeds)
    high = _per_euro(pd.DataFrame([forecast_row("A", brand_fit=90.0)]), plan, "A", seeds)
    assert high > 1.25 * low


def test_paying_on_results_raises_sales_and_makes_the_cost_follow_them():
    """An affiliate sells more than the same account on a fixed fee, and the brand pays its
    commission on the revenue actually made: a bad draw costs little."""
    plan = campaign_plan("A")
    plan.remunerations = [
        Remuneration(influencer_id="A", kind="affiliate", params={"commission_rate": 0.2})
    ]
    affiliate = pd.DataFrame([forecast_row("A", remuneration_kind="affiliate")])
    fixed = pd.DataFrame([forecast_row("A", remuneration_kind="fixed_fee")])
    draws = [draw(affiliate, plan, seed).results.iloc[0] for seed in range(200)]
    fixed_plan = campaign_plan("A")
    fixed_draws = [draw(fixed, fixed_plan, seed).results.iloc[0] for seed in range(200)]
    assert np.mean([d["conversions"] for d in draws]) > 1.15 * np.mean(
        [d["conversions"] for d in fixed_draws]
    )
    for row in draws:
        assert row["cost_eur_ht"] == pytest.approx(0.2 * row["revenue_eur"], abs=0.01)
    assert {row["cost_eur_ht"] for row in fixed_draws} == {200.0}


def test_a_fee_plus_commission_pays_the_fee_on_every_post_and_the_commission_on_sales():
    """A hybrid deal: the fee is spread over the posts, the commission follows each post's sales."""
    plan = campaign_plan("A")
    plan.remunerations = [
        Remuneration(
            influencer_id="A", kind="hybrid", params={"fee_eur": 100.0, "commission_rate": 0.1}
        )
    ]
    rows = pd.DataFrame([forecast_row("A", "d", 3, remuneration_kind="hybrid")])
    found = draw(rows, plan, 4).results
    expected = 100.0 + 0.1 * found["revenue_eur"]
    assert found["cost_eur_ht"].to_numpy() == pytest.approx(expected.to_numpy(), abs=0.01)


def test_gifting_only_deals_sometimes_go_unpublished():
    """Over 100 draws, some gifted posts are never published: no audience, the products paid."""
    plan = campaign_plan("A")
    plan.remunerations = [
        Remuneration(
            influencer_id="A",
            kind="gifting",
            params={"product_value_eur": 39.0, "shipping_eur": 8.0},
        )
    ]
    rows = pd.DataFrame([forecast_row("A", "d", 2, remuneration_kind="gifting")])
    silent = published = 0
    for seed in range(100):
        simulation = draw(rows, plan, seed)
        unpublished = {i.post_ref for i in simulation.incidents if i.kind == "unpublished"}
        for row in simulation.results.to_dict("records"):
            if row["post_ref"] in unpublished:
                silent += 1
                assert row["impressions"] == row["reach"] == row["conversions"] == 0
            else:
                published += 1
            assert row["cost_eur_ht"] == pytest.approx(47.0 / 2)
    assert 0.15 < silent / (silent + published) < 0.45


def test_a_fixed_fee_post_is_always_published():
    """A paid post is published: only gifting may stay unpublished."""
    plan, rows = two_influencer_campaign()
    rows["remuneration_kind"] = "fixed_fee"
    kinds = {i.kind for seed in range(50) for i in draw(rows, plan, seed).incidents}
    assert "unpublished" not in kinds


@pytest.mark.parametrize(
    ("how", "planned"),
    [
        ("nothing", False),
        ("reminder", True),
        ("key_message", True),
        ("influencer_message", True),
        ("weak_english_tag", False),
    ],
)
def test_the_legal_mention_is_planned_by_the_reminder_or_a_message(how, planned):
    """The plan asks for the mention by ticking the reminder or writing it in a message;
    "#ad" is not enough for a French audience."""
    plan = campaign_plan("A")
    if how == "reminder":
        plan.compliance.reminders_checked = ["commercial_intent"]
    elif how == "key_message":
        plan.communication.key_messages = ["Publicité — le sérum qui répare en 7 jours"]
    elif how == "influencer_message":
        plan.communication.channels = [
            {"influencer_id": "A", "key_message": "Collaboration commerciale avec la marque"}
        ]
    elif how == "weak_english_tag":
        plan.communication.key_messages = ["#ad the serum"]
    assert simulate.mention_planned(plan, "A") is planned


def test_a_sponsored_post_without_the_mention_becomes_an_incident():
    """Without the mention in the plan, an influencer who never labels posts publishes without
    it: every post is a compliance incident; with the reminder ticked, none is."""
    plan = campaign_plan("A")
    rows = pd.DataFrame([forecast_row("A", "d", 3)])
    table = pd.DataFrame({"influencer_id": ["A"], "disclosure_rate": [0.0]})
    simulation = simulate.draw_campaign(rows, plan, 0, table=table)
    missing = [i for i in simulation.incidents if i.kind == "missing_mention"]
    assert sorted(i.post_ref for i in missing) == sorted(simulation.results["post_ref"])
    assert all(i.influencer_id == "A" and i.published_on for i in missing)
    plan.compliance.reminders_checked = ["commercial_intent"]
    assert not simulate.draw_campaign(rows, plan, 0, table=table).incidents


def test_an_influencer_who_usually_labels_posts_mostly_does():
    """Without the mention in the plan, posts carry it as often as the influencer usually does."""
    plan = campaign_plan("A")
    rows = pd.DataFrame([forecast_row("A", "d", 2)])
    table = pd.DataFrame({"influencer_id": ["A"], "disclosure_rate": [0.9]})
    incidents = sum(
        len(simulate.draw_campaign(rows, plan, seed, table=table).incidents) for seed in range(200)
    )
    assert 0.05 < incidents / 400 < 0.16


def test_a_deliverable_marked_late_is_published_late():
    """A deliverable marked late in the follow-up slips 3 to 10 working days: each post is a
    "late" incident, published after the day it was planned."""
    plan, rows = two_influencer_campaign()
    plan.deliverables[0].status = "late"
    simulation = draw(rows, plan, 2)
    late = [i for i in simulation.incidents if i.kind == "late"]
    assert len(late) == 3 and {i.influencer_id for i in late} == {"A"}
    for incident in late:
        gap = (incident.published_on - incident.planned_on).days
        assert 3 <= gap <= 10 + 4  # working days, plus the weekends between them


def test_a_retro_planning_that_ends_too_late_delays_publication():
    """When the retro-planning gets the content ready only after its window opens, the posts move
    to after the edits end."""
    plan, rows = two_influencer_campaign()
    plan.tasks = [
        Task(task_id="d-a-creation", phase="creation", duration_days=10, deliverable_id="d-a"),
        Task(
            task_id="d-a-edits",
            phase="edits",
            duration_days=4,
            depends_on=["d-a-creation"],
            deliverable_id="d-a",
        ),
        Task(task_id="launch", phase="launch", duration_days=0, depends_on=["d-a-edits"]),
    ]
    # Backwards from a 15 March launch, the edits end on Friday 12 March: after the window opens.
    plan.brief.launch_date = dt.date(2027, 3, 15)
    simulation = draw(rows, plan, 0)
    posts = simulation.results.loc[simulation.results["influencer_id"] == "A"]
    assert all(day >= dt.date(2027, 3, 15) for day in posts["published_on"])
    assert len([i for i in simulation.incidents if i.kind == "late"]) == 3


def test_a_plan_on_time_has_no_late_incident():
    """Content ready before the window: nothing is late."""
    plan, rows = two_influencer_campaign()
    assert not any(i.kind == "late" for s in range(20) for i in draw(rows, plan, s).incidents)


def test_posts_are_numbered_in_date_order():
    """Post references follow the publication dates."""
    plan, rows = two_influencer_campaign()
    found = draw(rows, plan, 9).results
    assert list(found["post_ref"]) == [f"SIM-{n:03d}" for n in range(1, len(found) + 1)]
    assert list(found["published_on"]) == sorted(found["published_on"])


@pytest.mark.parametrize(
    ("fit", "factor"), [(0, 0.75), (50, 1.0), (100, 1.25), (None, 1.0), (150, 1.25)]
)
def test_fit_factor(fit, factor):
    """Brand fit moves sales per click from × 0.75 to × 1.25."""
    assert math.isclose(simulate.fit_factor(fit), factor)


def test_bought_followers_deliver_reach_but_few_clicks_and_sales():
    """Two accounts with the same forecast, one flagged for its audience: over 200 draws the
    flagged one reaches as many people but brings far fewer clicks and sales per euro."""
    plan = campaign_plan("flagged", "clean")
    rows = pd.DataFrame(
        [
            forecast_row("flagged", audience_quality=0.7, quality_flagged=True),
            forecast_row("clean", audience_quality=0.7),
        ]
    )
    found = pd.concat([draw(rows, plan, seed).results for seed in range(200)])
    sums = found.groupby("influencer_id")[["reach", "clicks", "conversions", "cost_eur_ht"]].sum()
    assert sums.loc["flagged", "reach"] == pytest.approx(sums.loc["clean", "reach"], rel=0.1)
    assert sums.loc["flagged", "clicks"] < 0.75 * sums.loc["clean", "clicks"]
    per_euro = sums["conversions"] / sums["cost_eur_ht"]
    assert per_euro["flagged"] < 0.5 * per_euro["clean"]


# --- the plan's own campaign, through its forecast -----------------------------------------------

CASE = datasets.cases()[0]


@functools.cache
def _case_table() -> pd.DataFrame:
    return profiles.influencer_table(Plan.from_case(CASE))


def _same_tier_and_price_pairs() -> list[tuple[str, str]]:
    """(flagged, clean) accounts of the case's platforms and niches with the same tier, platform
    and price per post."""
    table = _case_table()
    flagged = forecast.flagged_ids(table)
    fit = table[table["platform"].isin(CASE["platforms"]) & table["niche"].isin(CASE["niches"])]
    pairs = []
    for _, group in fit.groupby(["tier", "platform", "price_per_post_eur"]):
        bad = group.loc[group["influencer_id"].isin(flagged), "influencer_id"]
        good = group.loc[~group["influencer_id"].isin(flagged), "influencer_id"]
        if len(bad) and len(good):
            pairs.append((bad.iloc[0], good.iloc[0]))
    return pairs


def _case_plan(*influencers: str) -> Plan:
    plan = Plan.from_case(CASE)
    for influencer in influencers:
        plan.add_to_shortlist(influencer)
    return plan


def test_replacing_flagged_accounts_by_clean_ones_raises_sales_per_euro():
    """Over 200 draws of the case's campaign, replacing each account flagged for its audience by a
    clean one of the same tier, platform and price brings more sales per euro, pair by pair."""
    pairs = _same_tier_and_price_pairs()
    assert len(pairs) >= 3
    table = _case_table()
    totals = {}
    for side, ids in (("flagged", [p[0] for p in pairs]), ("clean", [p[1] for p in pairs])):
        plan = _case_plan(*ids)
        rows = forecast.forecast(plan, table=table).rows
        found = pd.concat(
            [simulate.draw_campaign(rows, plan, s, table=table).results for s in range(200)]
        )
        sums = found.groupby("influencer_id")[["conversions", "cost_eur_ht"]].sum()
        totals[side] = sums["conversions"] / sums["cost_eur_ht"]
    for bad, good in pairs:
        assert totals["clean"][good] > totals["flagged"][bad], (bad, good)


def _rich_case_plan() -> Plan:
    """Three accounts with a deliverable each and the standard retro-planning; one paid by
    commission, one gifted."""
    ids = list(_case_table().query("platform == 'instagram'")["influencer_id"].head(3))
    plan = _case_plan(*ids)
    launch = plan.brief.launch_date
    plan.deliverables = [
        Deliverable(
            deliverable_id=f"del{i}",
            influencer_id=influencer,
            platform="instagram",
            format="reel",
            count=i + 1,
            window_start=launch + dt.timedelta(days=2 * i),
            window_end=launch + dt.timedelta(days=2 * i + 7),
        )
        for i, influencer in enumerate(ids)
    ]
    plan.tasks = [Task(**task) for task in retroplan.phase_template(launch, plan.deliverables)]
    plan.remunerations = [
        Remuneration(influencer_id=ids[1], kind="affiliate", params={"commission_rate": 0.15}),
        Remuneration(influencer_id=ids[2], kind="gifting", params={"product_value_eur": 39.0}),
    ]
    return plan


@pytest.mark.parametrize("seed", [0, 3, 99])
def test_simulate_results_plays_the_plan_s_own_deliverables(seed):
    """simulate_results returns the results-import columns for the plan's own shortlist only,
    one row per planned post, on its platforms and within its windows, the same on every call."""
    plan = _rich_case_plan()
    found = simulate.simulate_results(plan, seed)
    pd.testing.assert_frame_equal(found, simulate.simulate_results(plan, seed))
    assert list(found.columns) == list(ResultRow.model_fields)
    assert set(found["influencer_id"]) == set(plan.shortlisted_ids())
    planned = {d.influencer_id: d for d in plan.deliverables}
    assert found.groupby("influencer_id").size().to_dict() == {
        i: d.count for i, d in planned.items()
    }
    for row in found.to_dict("records"):
        deliverable = planned[row["influencer_id"]]
        assert row["platform"] == deliverable.platform
        assert deliverable.window_start <= row["published_on"] <= deliverable.window_end
    numbers = found[list(simulate.RESULT_COLUMNS[4:])].to_numpy(dtype=float)
    assert np.isfinite(numbers).all() and (numbers >= 0).all()
    assert not found.equals(simulate.simulate_results(plan, seed + 1))


def test_an_influencer_without_deliverable_posts_in_the_retro_planning_s_publication_phase():
    """A shortlisted account with no deliverable posts once, on its platform, during the
    retro-planning's publication phase."""
    plan = _case_plan(*_case_table()["influencer_id"].head(1))
    plan.tasks = [Task(**task) for task in retroplan.phase_template(plan.brief.launch_date)]
    (row,) = simulate.simulate_results(plan, 0).to_dict("records")
    phase = simulate.scheduled_tasks(plan).set_index("task_id").loc["publication"]
    assert phase["start"] <= row["published_on"] <= phase["end"]
    assert row["platform"] == _case_table()["platform"].iloc[0]


def test_an_empty_shortlist_simulates_nothing():
    """No shortlist, no campaign: no rows, the columns still there."""
    found = simulate.simulate_results(Plan.from_case(CASE), 0)
    assert found.empty and list(found.columns) == list(ResultRow.model_fields)


@pytest.mark.parametrize(
    ("roles", "deliverables", "expected"),
    [
        (["creator", "creator"], {}, (2, 2, 0)),
        (["creator", "reserve"], {}, (1, 1, 0)),
        (["creator", "reserve"], {"B": 2}, (2, 3, 1)),
        (["creator", "creator"], {"A": 3, "B": 0}, (2, 3, 2)),
        (["reserve"], {}, (0, 0, 0)),
    ],
)
def test_the_outline_counts_what_the_simulation_will_play(roles, deliverables, expected):
    """Before launching, the page says how many influencers and posts will be played: reserves
    without a deliverable stay out, an influencer without a deliverable posts once."""
    plan = Plan()
    for influencer, role in zip("AB", roles, strict=False):
        plan.add_to_shortlist(influencer, role)
    plan.deliverables = [
        Deliverable(influencer_id=i, platform="instagram", count=n) for i, n in deliverables.items()
    ]
    outline = simulate.campaign_outline(plan)
    assert (outline.influencers, outline.posts, outline.with_deliverables) == expected
    assert len(outline.without_mention) == outline.influencers
    plan.compliance.reminders_checked = ["commercial_intent"]
    assert simulate.campaign_outline(plan).without_mention == []
