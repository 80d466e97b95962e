"""The campaign's charts (influkit/campaign/figures.py): each says what it shows in the
trainee's language, draws the data it is given and writes amounts the language's way."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from influkit.campaign import figures
from influkit.text import chart_style as charts
from influkit.text.i18n import t

LANGS = ("fr", "en")


def _breakdown(key: str, codes: list[str]) -> pd.DataFrame:
    totals = [300.0 * (len(codes) - i) for i in range(len(codes))]
    whole = sum(totals)
    return pd.DataFrame({key: codes, "total_eur_ht": totals, "share": [v / whole for v in totals]})


SIMULATION = pd.DataFrame(
    {
        "model": ["Forfait", "Affiliation"],
        "brand_cost_eur": [800.0, 120.0],
        "influencer_earnings_eur": [800.0, 120.0],
        "brand_margin_eur": [500.0, 500.0],
    }
)
CURVE = pd.DataFrame(
    {
        "sales": [0.0, 10.0, 20.0],
        "brand_cost_eur": [400.0, 450.0, 500.0],
        "influencer_earnings_eur": [400.0, 450.0, 500.0],
        "brand_margin_eur": [0.0, 200.0, 400.0],
    }
)
STAGES = pd.DataFrame(
    {
        "stage": ["impressions", "engagements", "clicks", "conversions"],
        "value": [100_000.0, 4_000.0, 1_000.0, 50.0],
        "rate_from_previous": [math.nan, 0.04, 0.25, 0.05],
    }
)


# --- budget breakdowns ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "codes", "colours"),
    [
        ("platform", ["instagram", "tiktok"], ["#C13584", "#111111"]),
        ("tier", ["micro", "mid"], ["#F06292", "#D81B60"]),
        ("platform", ["unheard_of"], [charts.NEUTRAL]),
        ("category", ["influencer_fee", "agency"], charts.ACCENT),
    ],
)
def test_a_budget_breakdown_colours_platforms_and_tiers_as_every_chart_does(key, codes, colours):
    """Platforms and tiers keep the colour they have on every chart; other groups are in the
    accent colour, an unknown platform in grey."""
    fig = figures.budget_breakdown_figure(_breakdown(key, codes), key, codes, "fr")
    marker = fig.data[0].marker.color
    assert (list(marker) if isinstance(marker, tuple | list) else marker) == colours


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", ["category", "influencer_id", "tier", "platform"])
def test_a_budget_breakdown_names_its_groups_and_writes_amount_and_share(key, lang):
    """One bar per group, named as given, each with its amount and its share of the budget."""
    frame = _breakdown(key, ["a", "b"])
    fig = figures.budget_breakdown_figure(frame, key, ["Alpha", "Bêta"], lang)
    assert list(fig.data[0].y) == ["Alpha", "Bêta"]
    assert fig.layout.title.text == t(f"budgetpage.chart.by_{key}", lang)
    first = fig.data[0].text[0]
    assert first == ("600\u00a0€ (67\u00a0%)" if lang == "fr" else "€600 (67%)")
    assert fig.layout.separators == charts.separators(lang)


def test_a_budget_breakdown_grows_with_its_groups():
    """Each group gets its own room: more groups, a taller chart."""
    small = figures.budget_breakdown_figure(_breakdown("category", ["a"]), "category", ["A"], "fr")
    tall = figures.budget_breakdown_figure(
        _breakdown("category", list("abcde")), "category", list("ABCDE"), "fr"
    )
    assert tall.layout.height > small.layout.height


# --- remuneration ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_model_comparison_puts_cost_and_earnings_side_by_side_with_the_margin(lang):
    """Brand cost and influencer earnings per model, and the margin on sales as one line across,
    its amount in the legend."""
    fig = figures.model_comparison_figure(SIMULATION, lang)
    cost, earnings, margin = fig.data
    assert cost.name == t("remuneration.chart.brand_cost", lang)
    assert earnings.name == t("remuneration.chart.influencer_earnings", lang)
    assert list(margin.y) == [500.0, 500.0]
    assert ("500\u00a0€" if lang == "fr" else "€500") in margin.name
    assert fig.layout.barmode == "group"
    assert fig.layout.title.text == t("remuneration.chart.comparison_title", lang)


@pytest.mark.parametrize(
    ("break_even", "lines"),
    [(12.0, 2), (math.inf, 1), (math.nan, 1)],
)
def test_the_sensitivity_marks_the_break_even_only_when_there_is_one(break_even, lines):
    """The expected sales are always marked; the break-even only when the model reaches it."""
    fig = figures.sales_sensitivity_figure(CURVE, break_even, 15.0, "Hybride", "fr")
    assert len(fig.layout.shapes) == lines
    assert "Hybride" in fig.layout.title.text
    assert [trace.name for trace in fig.data] == [
        t("remuneration.chart.brand_cost", "fr"),
        t("remuneration.chart.influencer_earnings", "fr"),
        t("remuneration.chart.brand_margin", "fr"),
    ]


# --- results --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_funnel_gives_each_stage_its_rate_from_the_previous_one(lang):
    """The funnel's bars are named as given, on a log scale, the first with its count only and
    the others with their rate from the stage before."""
    labels = [t(f"results.stage.{s}", lang) for s in STAGES["stage"]]
    fig = figures.funnel_figure(STAGES, labels, lang)
    assert list(fig.data[0].y) == labels
    assert fig.layout.xaxis.type == "log"
    assert fig.data[0].text[0] == ("100\u202f000" if lang == "fr" else "100,000")
    assert ("4,0\u00a0%" if lang == "fr" else "4.0%") in fig.data[0].text[1]
    assert fig.layout.title.text == t("results.funnel_title", lang)


@pytest.mark.parametrize(
    ("by", "kind"),
    [("week", "scatter"), ("influencer_id", "bar"), ("tier", "bar"), ("platform", "bar")],
)
def test_a_results_breakdown_is_a_line_over_weeks_and_bars_otherwise(by, kind):
    """Weeks follow each other: a line; influencers, tiers and platforms: one bar each."""
    fig = figures.results_breakdown_figure(["A", "B"], [2.5, 0.8], "roas", by, "fr")
    assert fig.data[0].type == kind
    assert list(fig.data[0].x) == ["A", "B"]


@pytest.mark.parametrize(
    ("kpi", "written", "axis"),
    [
        ("roas", "×\u00a02,5", {"tickprefix": "×\u00a0"}),
        ("cpa", "2,50\u00a0€", {"ticksuffix": "\u00a0€"}),
        ("conversions", "3", {"tickformat": ",.0f"}),
    ],
)
def test_a_results_breakdown_writes_its_kpi_as_the_catalogue_does(kpi, written, axis):
    """Values and axis ticks say the KPI's unit (a multiple, euros, a whole count) the French
    way."""
    fig = figures.results_breakdown_figure(["A"], [2.5], kpi, "platform", "fr")
    assert fig.data[0].text[0] == written
    for name, value in axis.items():
        assert getattr(fig.layout.yaxis, name) == value
    assert t("results.by.platform", "fr").lower() in fig.layout.title.text
