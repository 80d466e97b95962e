"""The trainer's panel of a trainee's plan: each key fact written as the pages write it (the
forecast, the KPI catalogue, the budget summary), nothing changed in the plan, an empty plan
showing nothing done, and a panel recomputed only when the plan changes."""

import datetime as dt

import pytest

from influkit.campaign import forecast, results
from influkit.campaign.budget import plan as budget_plan
from influkit.campaign.compliance import CONTRACT_CLAUSES
from influkit.classroom import review, worked
from influkit.data import datasets
from influkit.identify import profiles
from influkit.kpis import fmt_kpi
from influkit.plan.model import Plan, ResultIncident, plan_json
from influkit.text.formats import fmt_amount
from influkit.text.i18n import label, t

TODAY = dt.date(2026, 12, 7)
CASE = "cosmetique-lancement"


def _finished(lang: str = "fr") -> Plan:
    plan = worked.duplicate(CASE, "", lang)
    plan.results = results.sample_results(CASE)
    return plan


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_panel_s_figures_are_the_pages_figures(lang):
    """Budget, KPI target, forecast and results read exactly as on the budget, objectives and
    KPI pages."""
    plan = _finished(lang)
    table = profiles.influencer_table(plan)
    seen = review.review(plan, lang, TODAY)
    summary = budget_plan.summary(plan, table)
    assert (t("budget.summary.total_ht", lang), fmt_amount(summary.total_ht, lang)) in (
        seen.budget_facts
    )
    assert (t("budget.summary.envelope", lang), fmt_amount(summary.envelope, lang)) in (
        seen.budget_facts
    )
    target = plan.kpi_targets[0]
    row = seen.kpis.iloc[0].tolist()
    expected = forecast.forecast(plan, table=table).total(target.kpi)
    assert row[1:3] == [
        fmt_kpi(target.kpi, target.target, lang),
        fmt_kpi(target.kpi, expected, lang),
    ]
    values = results.kpi_values(results.totals(results.results_frame(plan, table)))
    assert (label("kpis.name", "roas", lang), fmt_kpi("roas", values["roas"], lang)) in (
        seen.result_facts
    )


def test_the_panel_lists_the_shortlist_objectives_schedule_and_models():
    """The shortlist (tiers, platforms), a 5/5 objective, the critical path from discovery to
    reporting, and one remuneration model per influencer."""
    plan = _finished()
    seen = review.review(plan, "fr", TODAY)
    assert len(seen.shortlist) == len(plan.shortlist)
    assert set(seen.shortlist["Palier"]) <= {
        label("metrics.tier", c) for c in profiles.influencer_table(plan)["tier"].dropna().unique()
    }
    assert [line.score for line in seen.objectives] == [5] and not seen.objectives[0].missing
    assert seen.critical_path[0] == label("retroplan.phase", "discovery")
    assert seen.critical_path[-1] == label("retroplan.phase", "reporting")
    assert len(seen.remuneration) == len(plan.remunerations)


def test_reading_the_panel_changes_nothing_in_the_plan():
    """The panel reads the plan; the plan is byte for byte the same afterwards."""
    plan = _finished()
    before = plan_json(plan)
    review.review(plan, "en", TODAY)
    assert plan_json(plan) == before


def test_an_empty_plan_shows_nothing_done():
    """A plan just started: no shortlist, objective, schedule, model, budget, KPI or finding."""
    seen = review.review(Plan.from_case(datasets.case(CASE)), "fr", TODAY)
    assert seen.shortlist.empty and seen.remuneration.empty and seen.kpis.empty
    assert not (seen.objectives or seen.schedule_facts or seen.budget_facts or seen.findings)
    assert not seen.result_facts and seen.results_source == ""


def test_signed_complete_contracts_leave_only_the_campaign_s_incidents():
    """Contracts signed with every clause clear the contract findings; a post without the
    mention still shows."""
    plan = _finished()
    assert any("non signé" in f for f in review.review(plan, "fr", TODAY).findings)
    for influencer_id in plan.shortlisted_ids():
        plan.compliance.contract_signed[influencer_id] = True
        plan.compliance.contract_clauses[influencer_id] = list(CONTRACT_CLAUSES)
    plan.results_incidents = [ResultIncident(kind="missing_mention")]
    assert review.review(plan, "fr", TODAY).findings == (
        t(
            "classroom.review.finding_incident",
            "fr",
            incident=t("simulate.incident.missing_mention", "fr"),
            count="1",
        ),
    )


def test_the_panel_is_recomputed_only_when_the_plan_changes():
    """The same revision gives the panel already written; a new revision is read again."""
    plan = _finished()
    first = review.cached_review("token-x", 3, plan, "fr", TODAY)
    assert review.known_review("token-x", 3, "fr", TODAY) is first
    assert review.cached_review("token-x", 3, plan, "fr", TODAY) is first
    assert review.known_review("token-x", 4, "fr", TODAY) is None
    assert review.cached_review("token-x", 4, plan, "fr", TODAY) is not first
