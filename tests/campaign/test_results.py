"""Campaign results: KPIs on sums, targets against actuals, breakdowns and performers."""

import datetime as dt
import math

import pytest

from influkit.campaign import results
from influkit.data import datasets
from influkit.plan.model import KpiTarget, Plan, ResultRow


def plan_with(rows, targets=()):
    plan = Plan()
    plan.results = [ResultRow(**row) for row in rows]
    plan.kpi_targets = [KpiTarget(kpi=k, target=v) for k, v in targets]
    return plan


ROWS = [
    {
        "influencer_id": "A",
        "platform": "instagram",
        "published_on": dt.date(2027, 3, 1),
        "cost_eur_ht": 1000,
        "impressions": 50_000,
        "reach": 40_000,
        "engagements": 2_000,
        "clicks": 500,
        "conversions": 20,
        "revenue_eur": 1_000,
    },
    {
        "influencer_id": "B",
        "platform": "tiktok",
        "published_on": dt.date(2027, 3, 9),
        "cost_eur_ht": 1000,
        "impressions": 150_000,
        "reach": 100_000,
        "engagements": 8_000,
        "clicks": 1_500,
        "conversions": 80,
        "revenue_eur": 7_000,
    },
]


@pytest.mark.parametrize(
    "kpi, expected",
    [
        ("cpm", 2000 / 200_000 * 1000),
        ("cpe", 2000 / 10_000),
        ("cpc", 2000 / 2000),
        ("cpa", 2000 / 100),
        ("ctr", 2000 / 200_000),
        ("conversion_rate", 100 / 2000),
        ("roas", 8000 / 2000),
        ("roi", (8000 - 2000) / 2000),
        ("engagement_rate", 10_000 / 140_000),
    ],
)
def test_kpis_are_computed_on_sums(kpi, expected):
    """Campaign KPIs divide the totals, never average per-post ratios."""
    frame = results.results_frame(plan_with(ROWS))
    assert results.kpi_values(results.totals(frame))[kpi] == pytest.approx(expected)


@pytest.mark.parametrize(
    "kpi, target, status",
    [
        ("conversions", 100, "reached"),
        ("conversions", 120, "on_track"),
        ("conversions", 500, "behind"),
        ("cpa", 25, "reached"),
        ("cpa", 10, "behind"),
        ("ugc", 10, "not_measured"),
        ("roas", None, "no_target"),
    ],
)
def test_targets_against_actuals(kpi, target, status):
    """Each target reads reached, nearly, behind — cost KPIs are ceilings."""
    plan = plan_with(ROWS, [(kpi, target)])
    frame = results.results_frame(plan)
    (row,) = results.progress(plan, results.totals(frame))
    assert row.status == status


def test_empty_results_give_no_error():
    """With no results yet, totals are zero and ratios are not available."""
    frame = results.results_frame(Plan())
    values = results.kpi_values(results.totals(frame))
    assert values["impressions"] == 0 and math.isnan(values["cpa"])


def test_breakdown_by_platform_and_performers():
    """Per-platform sums add up, and the best ROAS is ranked first."""
    frame = results.results_frame(plan_with(ROWS))
    by_platform = results.breakdown(frame, "platform").set_index("platform")
    assert by_platform.loc["tiktok", "roas"] == pytest.approx(7.0)
    top, bottom = results.performers(frame, "roas", n=1)
    assert top["influencer_id"].tolist() == ["B"] and bottom["influencer_id"].tolist() == ["A"]


def test_funnel_rates():
    """The funnel gives each stage's share of the previous one."""
    stages = results.funnel(results.totals(results.results_frame(plan_with(ROWS))))
    assert stages["value"].tolist() == [200_000, 10_000, 2_000, 100, 8_000]
    assert stages["rate_from_previous"].iloc[2] == pytest.approx(0.2)


def test_every_case_has_sample_results():
    """Each case study can load its own sample results into a plan."""
    for case in datasets.cases():
        rows = results.sample_results(case["case_id"])
        assert len(rows) >= 8
        assert all(r.published_on >= case["launch_date"] for r in rows)
