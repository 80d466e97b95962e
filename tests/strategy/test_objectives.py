"""SMART objectives: the KPI catalogue and templates, the five criteria (each failing alone, in
French and English), what the shortlist makes plausible, the sentence an objective reads as,
and the plan's KPI targets kept in step with its objectives."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from influkit import kpis
from influkit.data import datasets
from influkit.errors import UserError
from influkit.plan.model import BUSINESS_AIMS, Deliverable, KpiTarget, Objective, Plan
from influkit.strategy import objectives as smart
from influkit.text import i18n
from influkit.text.formats import fmt_percent

LANGS = ("fr", "en")
TODAY = dt.date(2026, 12, 1)
CASE = "cosmetique-lancement"  # ctr 1.2 %, conversion 3.5 %, basket 48 €, aim conversion


def plain(text: str) -> str:
    """Text with the narrow and non-breaking spaces of French formats as plain spaces."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def head(key: str, lang: str) -> str:
    """The fixed start of a catalogue message, before its first parameter."""
    return plain(i18n.catalogue(lang)[key].split("{")[0])


def case_plan() -> Plan:
    """A plan started from the Verdelune case (aim: conversion, budget 45 000 €)."""
    return Plan.from_case(datasets.case(CASE))


def shortlist(rows=None) -> pd.DataFrame:
    """Two Instagram micro accounts, with round figures.

    Σ reach 16 000, Σ impressions 20 000, Σ price 800 €, Σ engagements 1 000 (ER × followers),
    clicks 264 (× 1.2 % × 1.1 for a micro account), conversions 10.626 (× 3.5 % × 1.15),
    revenue 510.048 € (× 48 €).
    """
    rows = rows or [
        ("A", "instagram", "micro", 20_000, 0.02, 6_000, 8_000, 8_000, 40, 30, 300.0),
        ("B", "instagram", "micro", 40_000, 0.015, 10_000, 12_000, 12_000, 60, 50, 500.0),
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "influencer_id",
            "platform",
            "tier",
            "followers",
            "er",
            "avg_reach",
            "avg_impressions",
            "avg_views",
            "avg_comments",
            "avg_saves",
            "price_per_post_eur",
        ],
    )


EMPTY = shortlist().iloc[0:0]


def good_objective(**changes) -> Objective:
    """A SMART conversion objective the two-account shortlist makes plausible."""
    values = dict(
        business_aim="conversion", kpi="conversions", audience="Femmes de 18 à 34 ans",
        platform="instagram", offer="Rosée Botanique", baseline=0.0, target=8.0,
        start=dt.date(2027, 3, 1), end=dt.date(2027, 3, 30),
    )  # fmt: skip
    values.update(changes)
    return Objective(**values)


def report(
    objective: Objective,
    lang: str = "fr",
    table: pd.DataFrame | None = None,
    plan: Plan | None = None,
) -> smart.SmartReport:
    """The verdict on an objective of the case plan, with the hand-built shortlist."""
    plan = plan or case_plan()
    table = shortlist() if table is None else table
    return smart.validate(objective, plan, lang, table=table, today=TODAY)


# --- catalogue and templates ----------------------------------------------------------------


def test_every_aim_has_kpis_and_a_template():
    """The five business aims each have their KPIs and a template using one of them."""
    assert set(smart.KPIS_BY_AIM) == set(BUSINESS_AIMS)
    assert set(smart.TEMPLATES) == set(BUSINESS_AIMS)
    for aim, template in smart.TEMPLATES.items():
        assert template.kpi in smart.KPIS_BY_AIM[aim]
        assert template.duration_days >= smart.MIN_DURATION_DAYS


@pytest.mark.parametrize(
    "aim, kpis",
    [
        ("awareness", {"reach", "impressions", "cpm", "share_of_voice"}),
        ("engagement", {"engagement_rate", "cpe", "comments", "saves", "sentiment"}),
        ("traffic", {"clicks", "ctr", "cpc"}),
        ("conversion", {"conversions", "cpa", "revenue", "roas", "roi"}),
        ("community", {"follower_growth", "ugc", "ambassador_retention"}),
    ],
)
def test_kpis_follow_the_domain_mapping(aim, kpis):
    """Each aim is measured by the KPIs DOMAIN §5 maps to it."""
    assert set(smart.KPIS_BY_AIM[aim]) == kpis


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kpi", smart.KPIS)
def test_every_kpi_has_a_unit_a_name_and_a_sentence(kpi, lang):
    """A KPI reads as a name and a sentence in both languages, and has a unit."""
    assert kpis.unit(kpi) in kpis.UNITS
    assert i18n.has(f"kpis.name.{kpi}", lang)
    assert i18n.has(f"smart.sentence.kpi.{kpi}", lang)


@pytest.mark.parametrize(
    "kpi, direction",
    [
        ("cpa", "at_most"),
        ("cpm", "at_most"),
        ("cpc", "at_most"),
        ("cpe", "at_most"),
        ("conversions", "at_least"),
        ("roas", "at_least"),
    ],
)
def test_cost_targets_are_ceilings(kpi, direction):
    """CPA, CPM, CPC and CPE targets are "at most"; the others "at least"."""
    assert smart.direction(kpi) == direction


@pytest.mark.parametrize("aim", BUSINESS_AIMS)
def test_a_template_is_prefilled_from_the_plan(aim):
    """A template takes the brief's audience, offer and launch date, and a KPI of its aim."""
    plan = case_plan()
    objective = smart.from_template(aim, plan, table=shortlist(), today=TODAY)
    assert objective.business_aim == aim
    assert objective.kpi == smart.TEMPLATES[aim].kpi
    assert objective.audience == plan.brief.target_audience.description
    assert objective.offer == "Rosée Botanique"
    assert objective.platform == "instagram"
    assert objective.start == plan.brief.launch_date
    assert (objective.end - objective.start).days + 1 == smart.TEMPLATES[aim].duration_days


def test_the_conversion_template_is_smart_as_it_comes():
    """The conversion template needs no change to pass the five criteria: its target is what
    the budget can buy on the shortlist's platform, rounded."""
    plan = case_plan()
    objective = smart.from_template("conversion", plan, table=shortlist(), today=TODAY)
    envelope = smart.envelope_value("conversions", plan, platform="instagram")
    assert objective.baseline == 0
    # What the budget buys, as a round figure (two significant digits).
    assert objective.target == pytest.approx(envelope.value, rel=0.05)
    assert objective.target == float(f"{objective.target:.2g}")
    assert report(objective, plan=plan).ok


def test_a_template_starts_after_today_when_the_launch_has_passed():
    """A launch date in the past gives an objective starting a week from today."""
    plan = case_plan()
    plan.brief.launch_date = dt.date(2026, 1, 1)
    objective = smart.from_template("awareness", plan, table=shortlist(), today=TODAY)
    assert objective.start == TODAY + dt.timedelta(days=7)


@pytest.mark.parametrize("aim, kpi", [("awareness", "cpa"), ("space", None)])
def test_a_template_refuses_an_unknown_aim_or_kpi(aim, kpi):
    """Asking a template for a KPI of another aim, or an unknown aim, is a user error."""
    with pytest.raises(UserError):
        smart.from_template(aim, case_plan(), kpi=kpi, table=shortlist(), today=TODAY)


# --- the five criteria ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_good_objective_passes_the_five_criteria(lang):
    """Audience, platform and offer, a KPI with baseline and target, plausible, relevant, dated."""
    verdict = report(good_objective(), lang)
    assert verdict.ok and verdict.score == 5
    assert [c.code for c in verdict.criteria] == list(smart.CRITERIA)
    assert plain(verdict.get("relevant").message).startswith(head("smart.relevant.ok", lang))


FAILING_ALONE = [
    ("specific", {"audience": ""}, "smart.specific.missing"),
    ("specific", {"platform": "", "offer": "  "}, "smart.specific.missing"),
    ("measurable", {"baseline": None}, "smart.measurable.no_baseline"),
    ("measurable", {"baseline": 8.0}, "smart.measurable.same"),
    ("measurable", {"baseline": 10.0}, "smart.measurable.floor_worse"),
    ("achievable", {"target": 1_000_000.0}, "smart.achievable.envelope_too_high"),
    ("relevant", {"kpi": "reach", "baseline": 0.0, "target": 15_000.0},
     "smart.relevant.kpi_mismatch"),
    ("relevant", {"business_aim": "traffic", "kpi": "clicks", "target": 240.0},
     "smart.relevant.off_brief"),
    ("time_bound", {"start": dt.date(2026, 11, 1), "end": dt.date(2026, 11, 20)},
     "smart.time_bound.past"),
    ("time_bound", {"end": None}, "smart.time_bound.missing"),
    ("time_bound", {"end": dt.date(2027, 2, 1)}, "smart.time_bound.reversed"),
    ("time_bound", {"end": dt.date(2027, 3, 3)}, "smart.time_bound.too_short"),
    ("time_bound", {"end": dt.date(2028, 6, 1)}, "smart.time_bound.too_long"),
]  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code, changes, key", FAILING_ALONE)
def test_each_criterion_fails_alone_and_says_why(code, changes, key, lang):
    """Breaking one rule fails that criterion only, with its reason in the user's language."""
    verdict = report(good_objective(**changes), lang)
    failing = [c.code for c in verdict.criteria if not c.ok]
    assert failing == [code]
    assert plain(verdict.get(code).message).startswith(head(key, lang))


@pytest.mark.parametrize(
    "kpi, baseline, target, key",
    [
        ("cpa", 90.0, 120.0, "smart.measurable.ceiling_worse"),
        ("engagement_rate", 0.01, 1.5, "smart.measurable.share_range"),
        ("conversions", 0.0, -3.0, "smart.measurable.negative"),
        ("conversions", 0.0, None, "smart.measurable.no_target"),
        ("", 0.0, 8.0, "smart.measurable.no_kpi"),
        ("likes", 0.0, 8.0, "smart.measurable.unknown_kpi"),
    ],
)
def test_measurable_checks_the_kpi_target_and_direction(kpi, baseline, target, key):
    """A cost target above its baseline, a share over 100 %, a missing KPI… each say what to fix."""
    objective = good_objective(kpi=kpi, baseline=baseline, target=target)
    criterion = report(objective).get("measurable")
    assert not criterion.ok
    assert plain(criterion.message).startswith(head(key, "fr"))


@pytest.mark.parametrize(
    "kpi, factor, key",
    [
        ("conversions", 1.0, "smart.achievable.envelope_within"),
        ("conversions", 0.1, "smart.achievable.envelope_easy_floor"),
        ("cpa", 1.0, "smart.achievable.envelope_within"),
        ("cpa", 10.0, "smart.achievable.envelope_easy_ceiling"),
        ("reach", 1.0, "smart.achievable.envelope_within"),
    ],
)
def test_achievable_holds_within_or_short_of_what_the_budget_buys(kpi, factor, key):
    """A target inside what the budget can buy, or easier, is achievable (and says so)."""
    envelope = smart.envelope_value(kpi, case_plan(), platform="instagram")
    objective = good_objective(kpi=kpi, baseline=1_000.0 if kpi == "cpa" else 0.0)
    objective.target = envelope.value * factor
    criterion = report(objective).get("achievable")
    assert criterion.ok
    assert plain(criterion.message).startswith(head(key, "fr"))


@pytest.mark.parametrize("lang", LANGS)
def test_a_target_far_above_the_budget_says_by_how_much(lang):
    """Three times what the budget can buy: the verdict gives the gap, the budget and says
    what the shortlist forecasts beside it."""
    envelope = smart.envelope_value("conversions", case_plan(), platform="instagram")
    criterion = report(good_objective(target=3 * envelope.value), lang).get("achievable")
    assert not criterion.ok and criterion.judged
    message = plain(criterion.message)
    assert message.startswith(head("smart.achievable.envelope_too_high", lang))
    assert plain(fmt_percent(2.0, lang, 0)) in message
    assert ("45 000 €" if lang == "fr" else "€45,000") in message
    assert head("smart.achievable.shortlist_short", lang) in message


@pytest.mark.parametrize("lang", LANGS)
def test_the_verdict_says_when_the_shortlist_is_enough(lang):
    """A target the shortlist alone can meet: both the budget and the shortlist say so."""
    criterion = report(good_objective(target=10.0), lang).get("achievable")
    assert criterion.ok
    assert head("smart.achievable.shortlist_enough", lang) in plain(criterion.message)


@pytest.mark.parametrize("lang", LANGS)
def test_a_cost_target_far_below_is_not_achievable(lang):
    """A CPA of 1 € when the budget buys sales at ≈ 100 € or more is out of reach."""
    objective = good_objective(kpi="cpa", baseline=150.0, target=1.0)
    criterion = report(objective, lang).get("achievable")
    assert not criterion.ok
    assert plain(criterion.message).startswith(head("smart.achievable.envelope_too_low", lang))


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_shortlist_is_judged_on_the_budget(lang):
    """Without shortlisted influencers, the target is judged on what the budget can buy, and
    the verdict says the shortlist forecasts nothing yet."""
    criterion = report(good_objective(), lang, table=EMPTY).get("achievable")
    assert criterion.ok and criterion.judged
    assert plain(i18n.t("smart.achievable.shortlist_empty", lang)) in plain(criterion.message)


@pytest.mark.parametrize("lang", LANGS)
def test_a_rate_target_with_an_empty_shortlist_cannot_be_judged(lang):
    """An engagement-rate target needs a shortlist: not judged, and says what to do."""
    objective = good_objective(
        business_aim="engagement", kpi="engagement_rate", baseline=0.01, target=0.02
    )
    criterion = report(objective, lang, table=EMPTY).get("achievable")
    assert not criterion.ok and not criterion.judged
    assert plain(criterion.message) == plain(i18n.t("smart.achievable.empty", lang))


def test_a_platform_nobody_is_on_is_judged_on_the_budget():
    """An objective on TikTok with an Instagram-only shortlist: the budget can buy it on TikTok,
    and the verdict says nobody of the shortlist is there yet."""
    criterion = report(good_objective(platform="tiktok")).get("achievable")
    assert criterion.ok and criterion.judged
    assert "TikTok" in criterion.message
    assert head("smart.achievable.no_one_on_platform", "fr") in plain(criterion.message)


@pytest.mark.parametrize(
    "note, ok, judged",
    [("", False, False), ("La communauté Discord a crû de 20 % au dernier lancement.", True, True)],
)
def test_a_kpi_the_shortlist_cannot_estimate_needs_a_justification(note, ok, judged):
    """Share of voice cannot be estimated from the shortlist: the note must justify the target."""
    objective = good_objective(
        business_aim="awareness", kpi="share_of_voice", baseline=0.18, target=0.25, note=note
    )
    criterion = report(objective).get("achievable")
    assert (criterion.ok, criterion.judged) == (ok, judged)


def test_a_secondary_objective_is_relevant_beside_one_serving_the_brief():
    """A traffic objective is relevant when another objective serves the brief's conversion aim."""
    plan = case_plan()
    primary = good_objective()
    secondary = good_objective(business_aim="traffic", kpi="clicks", target=240.0)
    plan.objectives = [primary, secondary]
    criterion = report(secondary, plan=plan).get("relevant")
    assert criterion.ok
    assert plain(criterion.message).startswith(head("smart.relevant.secondary", "fr"))


def test_a_shortlist_over_budget_is_mentioned():
    """When the shortlist costs more than the budget, the achievable verdict says so."""
    plan = case_plan()
    plan.brief.budget_eur_ht = 500
    criterion = report(good_objective(), plan=plan).get("achievable")
    assert criterion.ok
    assert head("smart.achievable.over_budget", "fr") in plain(criterion.message)


# --- what the shortlist makes plausible -----------------------------------------------------


@pytest.mark.parametrize(
    "kpi, value",
    [
        ("reach", 16_000),
        ("impressions", 20_000),
        ("comments", 100),
        ("saves", 80),
        ("cpm", 800 / 20_000 * 1000),
        ("engagement_rate", 1_000 / 60_000),
        ("cpe", 800 / 1_000),
        ("clicks", 264),
        ("ctr", 0.012 * 1.1),
        ("cpc", 800 / 264),
        ("conversions", 10.626),
        ("cpa", 800 / 10.626),
        ("revenue", 10.626 * 48),
        ("roas", 10.626 * 48 / 800),
        ("roi", (10.626 * 48 - 800) / 800),
    ],
)
def test_plausible_values_come_from_the_shortlist_and_the_case(kpi, value):
    """Reach, impressions… are the forecast's sums over the shortlist; costs and rates their
    ratios (a micro account's audience clicks × 1.1 and buys × 1.15 the case's rates)."""
    plausible = smart.plausible_value(kpi, case_plan(), shortlist())
    assert plausible.value == pytest.approx(value)
    assert plausible.low <= plausible.value <= plausible.high
    assert plausible.basis_key == f"smart.basis.{kpi}"


def test_deliverables_set_the_posts_and_the_cost():
    """Three planned posts for A triple its reach; their agreed fee replaces its price."""
    plan = case_plan()
    plan.deliverables = [Deliverable(influencer_id="A", count=3, compensation_eur_ht=900)]
    assert smart.plausible_value("reach", plan, shortlist()).value == 6_000 * 3 + 10_000
    assert smart.plausible_value("cpm", plan, shortlist()).value == pytest.approx(
        (900 + 500) / (8_000 * 3 + 12_000) * 1000
    )


def test_benchmarks_widen_the_engagement_range():
    """Instagram micro benchmarks (0.5–1.7 %) widen the plausible ER range."""
    plausible = smart.plausible_value("engagement_rate", case_plan(), shortlist())
    assert plausible.low == pytest.approx(0.005)
    assert plausible.high == pytest.approx(max(1_000 / 60_000 * 1.3, 0.017))


@pytest.mark.parametrize(
    "kpi, table, basis",
    [
        ("reach", EMPTY, "smart.basis.empty"),
        ("share_of_voice", shortlist(), "smart.basis.not_estimable"),
        ("ugc", shortlist(), "smart.basis.not_estimable"),
    ],
)
def test_plausibility_is_unknown_without_shortlist_or_model(kpi, table, basis):
    """An empty shortlist, or a KPI the shortlist cannot estimate, gives no value."""
    plausible = smart.plausible_value(kpi, case_plan(), table)
    assert not plausible.known and math.isnan(plausible.value)
    assert plausible.basis_key == basis


def test_basis_text_formats_its_figures():
    """The explanation of a plausible value shows the case's rates in the user's format."""
    plausible = smart.plausible_value("conversions", case_plan(), shortlist())
    assert "1,2 %" in plain(smart.basis_text(plausible, "fr"))
    assert "1.2%" in smart.basis_text(plausible, "en")


def test_the_history_gives_reference_values():
    """Verdelune's last year gives a CPA and a per-campaign count; mentions its share of voice."""
    from influkit.strategy import history

    plan = case_plan()
    campaigns = history.campaigns_of("Verdelune")
    cpa = smart.history_reference("cpa", campaigns, plan=plan)
    assert cpa.year == 2026 and cpa.value > 0 and not cpa.per_campaign
    conversions = smart.history_reference("conversions", campaigns, plan=plan)
    assert conversions.per_campaign
    sov = smart.history_reference("share_of_voice", campaigns, plan=plan)
    assert sov.year is None and 0 < sov.value < 1
    assert "2026" in cpa.message("fr") and "52" in sov.message("en")
    assert smart.history_reference("ugc", campaigns, plan=plan) is None


# --- the sentence ---------------------------------------------------------------------------


SENTENCES = [
    (
        good_objective(target=500.0, baseline=0.0, start=dt.date(2026, 11, 1),
                       end=dt.date(2026, 11, 30), audience="Micro-influenceuses beauté."),
        "Générer 500 conversions sur Instagram pour Rosée Botanique auprès de "
        "micro-influenceuses beauté du 1er au 30 novembre 2026 (point de départ : 0).",
        "Generate 500 conversions on Instagram for Rosée Botanique among "
        "micro-influenceuses beauté from 1 to 30 November 2026 (baseline: 0).",
    ),
    (
        good_objective(kpi="cpa", baseline=22.5, target=15.0, audience="",
                       start=dt.date(2026, 12, 15), end=dt.date(2027, 1, 31)),
        "Tenir un coût par acquisition (CPA) d'au plus 15,00 € sur Instagram pour Rosée "
        "Botanique du 15 décembre 2026 au 31 janvier 2027 (point de départ : 22,50 €).",
        "Keep the cost per acquisition (CPA) at most €15.00 on Instagram for Rosée Botanique "
        "from 15 December 2026 to 31 January 2027 (baseline: €22.50).",
    ),
    (
        good_objective(business_aim="engagement", kpi="engagement_rate", baseline=0.021,
                       target=0.035, platform="tiktok", offer="", audience="Étudiants",
                       start=dt.date(2027, 3, 1), end=dt.date(2027, 4, 15)),
        "Atteindre un taux d'engagement d'au moins 3,5 % sur TikTok auprès d'étudiants "
        "du 1er mars au 15 avril 2027 (point de départ : 2,1 %).",
        "Reach an engagement rate of at least 3.5% on TikTok among étudiants "
        "from 1 March to 15 April 2027 (baseline: 2.1%).",
    ),
    (
        Objective(business_aim="awareness", kpi="reach", target=None, platform="youtube"),
        "Toucher … personnes (portée cumulée) sur YouTube.",
        "Reach … people (cumulative reach) on YouTube.",
    ),
    (
        Objective(business_aim="community", kpi="", start=dt.date(2027, 1, 5)),
        "Objectif « Communauté / ambassadeurs » sans KPI à partir du 5 janvier 2027.",
        "“Community / advocacy” objective without a KPI from 5 January 2027.",
    ),
]  # fmt: skip


@pytest.mark.parametrize("objective, french, english", SENTENCES)
def test_an_objective_reads_as_one_sentence(objective, french, english):
    """The sentence names the KPI and target, platform, offer, audience and dates, in words."""
    assert plain(smart.sentence(objective, "fr")) == plain(french)
    assert plain(smart.sentence(objective, "en")) == english


@pytest.mark.parametrize(
    "start, end, french, english",
    [
        (dt.date(2026, 11, 1), dt.date(2026, 11, 30), "du 1er au 30 novembre 2026",
         "from 1 to 30 November 2026"),
        (dt.date(2026, 10, 15), dt.date(2026, 11, 1), "du 15 octobre au 1er novembre 2026",
         "from 15 October to 1 November 2026"),
        (dt.date(2026, 12, 20), dt.date(2027, 1, 10), "du 20 décembre 2026 au 10 janvier 2027",
         "from 20 December 2026 to 10 January 2027"),
        (None, dt.date(2027, 1, 10), "jusqu'au 10 janvier 2027", "until 10 January 2027"),
        (None, None, "", ""),
    ],
)  # fmt: skip
def test_periods_read_as_french_and_english_dates(start, end, french, english):
    """French dates say "1er" and month names; ranges share the month or year when they can."""
    assert smart.period_text(start, end, "fr") == french
    assert smart.period_text(start, end, "en") == english


# --- objectives and KPI targets -------------------------------------------------------------


def test_kpi_targets_follow_the_objectives():
    """One KPI target per objective with a KPI; free targets stay; stale ones go."""
    plan = case_plan()
    free = KpiTarget(kpi="emv", target=10_000)
    plan.kpi_targets = [free, KpiTarget(kpi="cpa", target=9, objective_id="obj-gone")]
    first = smart.add_objective(plan, good_objective())
    second = smart.add_objective(plan, good_objective(kpi="cpa", baseline=150.0, target=90.0))
    smart.add_objective(plan, Objective(kpi=""))
    targets = [(k.kpi, k.target, k.objective_id) for k in plan.kpi_targets]
    assert targets == [
        ("conversions", 8.0, first.objective_id),
        ("cpa", 90.0, second.objective_id),
        ("emv", 10_000, None),
    ]
    first.target = 12.0
    smart.sync_kpi_targets(plan)
    assert plan.kpi_targets[0].target == 12.0
    assert smart.remove_objective(plan, first.objective_id)
    assert [k.kpi for k in plan.kpi_targets] == ["cpa", "emv"]
    assert not smart.remove_objective(plan, "obj-none")


def test_changing_the_kpi_refills_baseline_and_target():
    """Switching to CPA takes last year's CPA as baseline and what the budget buys as target."""
    plan = case_plan()
    objective = good_objective()
    smart.change_kpi(objective, "cpa", plan, table=shortlist())
    envelope = smart.envelope_value("cpa", plan, platform="instagram")
    assert objective.kpi == "cpa"
    # What the budget buys, as a round figure (two significant digits).
    assert objective.target == pytest.approx(envelope.value, rel=0.05)
    assert objective.target == float(f"{objective.target:.2g}")
    assert objective.baseline == pytest.approx(17.0, abs=0.5)
    with pytest.raises(UserError):
        smart.change_kpi(objective, "likes", plan, table=shortlist())


# --- templates a trainer would accept, case by case -----------------------------------------


@pytest.mark.parametrize("aim", ["awareness", "traffic", "conversion"])
@pytest.mark.parametrize("case_id", datasets.case_ids())
def test_a_template_target_fits_the_budget_and_the_clients_history(case_id, aim):
    """On every case, with nobody shortlisted yet, a template's target is one the validator
    judges achievable for the case's budget, and its cost per result (budget ÷ target) lies
    within what the client's past campaigns paid."""
    from influkit.strategy import history

    plan = Plan.from_case(datasets.case(case_id))
    objective = smart.from_template(aim, plan, today=TODAY)
    assert objective.target and objective.target > 0
    criterion = smart.validate(objective, plan, "fr", today=TODAY).get("achievable")
    assert criterion.ok and criterion.judged, criterion.message
    campaigns = history.campaigns_of(history.brand_of_plan(plan))
    low, _, high = history.cost_per_result_range(campaigns, objective.kpi)
    assert low <= plan.brief.budget_eur_ht / objective.target <= high


# --- what the objectives page writes -----------------------------------------------------------


@pytest.mark.parametrize(
    "ok, judged, verdict", [(True, True, True), (False, True, False), (False, False, None)]
)
def test_a_criterion_holds_fails_or_waits(ok, judged, verdict):
    """A criterion reads as met, missed, or not judged yet (an empty shortlist)."""
    assert smart.SmartCriterion("achievable", ok, "…", judged).verdict is verdict


@pytest.mark.parametrize(
    "lang, kpi, field, unit",
    [("fr", "ctr", "target", "%"), ("en", "cpa", "baseline", "€"), ("fr", "reach", "target", "")],
)
def test_a_value_label_names_the_kpis_unit(lang, kpi, field, unit):
    """Baseline and target fields say the unit they are typed in (%, €…)."""
    text = smart.value_label(field, kpi, lang)
    expected = i18n.t(f"smart.unit.{kpis.unit(kpi)}", lang)
    assert text == i18n.t(f"smart.field.{field}", lang, unit=expected)
    assert unit in expected


@pytest.mark.parametrize("lang", LANGS)
def test_the_kpi_picker_says_which_aim_each_kpi_measures(lang):
    """Each KPI in the picker reads with the business aim it belongs to."""
    text = smart.kpi_option("cpc", lang)
    assert kpis.kpi_label("cpc", lang) in text
    assert i18n.label("aim", smart.AIM_OF_KPI["cpc"], lang) in text


@pytest.mark.parametrize(
    "stored, shown", [(None, None), (math.nan, None), (0.0, 0.0), (12.5, 12.5)]
)
def test_a_missing_value_is_empty_not_nan(stored, shown):
    """A baseline saved as NaN by an older plan shows as an empty field; zero stays zero."""
    assert smart.stored_value(stored) == shown


@pytest.mark.parametrize("lang", LANGS)
def test_the_kpi_targets_table_numbers_the_objectives(lang):
    """Each KPI target names its objective by number, its KPI, and the target in its unit; a
    free target has no objective."""
    plan = case_plan()
    plan.objectives = [good_objective()]
    smart.sync_kpi_targets(plan)
    plan.kpi_targets = [*plan.kpi_targets, KpiTarget(kpi="ctr", target=0.02)]
    frame = smart.kpi_targets_frame(plan, lang)
    assert list(frame.iloc[:, 0]) == [i18n.t("smart.objective_label", lang, number=1), "—"]
    assert list(frame.iloc[:, 1]) == [
        kpis.kpi_label("conversions", lang),
        kpis.kpi_label("ctr", lang),
    ]
    assert frame.iloc[1, 2] == kpis.fmt_kpi("ctr", 0.02, lang)
