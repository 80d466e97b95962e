"""The class views: what each trainee's plan shows (milestones), the per-decision
distributions for the debrief, a ranking on several criteria (never speed), and the worked
example of each case study."""

import datetime as dt
import math

import pytest

from influkit.classroom import progress, worked
from influkit.data import datasets
from influkit.plan.model import Plan, ResultRow
from influkit.text import i18n

TODAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("case_id", datasets.case_ids())
def test_each_case_study_has_a_valid_complete_worked_example(case_id, lang):
    """The trainer's worked example of each case, in French and in English, loads as a plan and
    reaches every milestone before the simulated campaign: shortlist, SMART objective,
    retro-plan, remuneration, budget within the envelope, KPIs."""
    assert case_id in worked.case_ids(lang) and lang in worked.languages(case_id)
    plan = worked.worked_example(case_id, lang)
    assert plan.case_id == case_id
    facts = progress.plan_facts(plan, today=TODAY)
    assert {m for m, done in facts.milestones.items() if not done} == {"results"}
    assert facts.smart_scores and all(score == 5 for score in facts.smart_scores)
    assert 0 < facts.budget_total <= facts.envelope
    assert 3 <= len(plan.shortlist) <= 6


def test_a_duplicated_worked_example_is_a_new_plan():
    """Duplicating the worked example gives a copy the trainee can change freely."""
    case_id = worked.case_ids()[0]
    copy = worked.duplicate(case_id, " (copie)")
    assert (
        copy.title.endswith(" (copie)")
        and copy.shortlist == worked.worked_example(case_id).shortlist
    )


def test_an_empty_plan_has_reached_no_milestone():
    """A plan just started shows an empty row on the dashboard."""
    facts = progress.plan_facts(Plan.from_case(datasets.cases()[0]), today=TODAY)
    assert facts.done() == 0
    table = progress.dashboard({"Ana": facts, "Bob": None})
    assert list(table["done"]) == [0, 0] and list(table.columns)[1:8] == list(progress.MILESTONES)


def _facts(roas, cpr, findings, fit, spent, results=True):
    return progress.PlanFacts(
        milestones=dict.fromkeys(progress.MILESTONES, True),
        budget_total=spent,
        envelope=1000.0,
        unsigned_contracts=findings,
        has_results=results,
        roas=roas,
        cost_per_result=cpr,
        brand_fit=fit,
    )


def test_the_ranking_weighs_several_criteria_and_never_speed():
    """The best plan on ROAS alone does not win when it breaks the law and the budget."""
    rows = {
        "Ana": _facts(roas=6.0, cpr=10.0, findings=3, fit=50, spent=1300),
        "Bob": _facts(roas=4.0, cpr=12.0, findings=0, fit=80, spent=950),
        "Chloé": _facts(roas=3.0, cpr=15.0, findings=0, fit=70, spent=900),
        "Dan": _facts(roas=9.0, cpr=1.0, findings=0, fit=99, spent=1000, results=False),
    }
    table = progress.ranking(rows)
    assert list(table["trainee"]) == ["Bob", "Ana", "Chloé"]
    assert table.loc[table["trainee"] == "Ana", "rank_roas"].item() == 1
    assert "Dan" not in set(table["trainee"])  # no simulated results yet


@pytest.mark.parametrize(
    ("spent", "discipline"),
    [(500, 0.5), (1000, 1.0), (1100, 0.8), (2000, 0.0), (0, math.nan)],
)
def test_budget_discipline_rewards_using_the_envelope_without_overspending(spent, discipline):
    """Using the whole envelope scores 1; each euro over it costs twice."""
    value = _facts(1, 1, 0, 1, spent).budget_discipline
    assert (math.isnan(value) and math.isnan(discipline)) or value == pytest.approx(discipline)


def test_distributions_for_the_debrief():
    """The class's choices side by side: remuneration models, budget by tier, SMART scores,
    optimiser or own pick, compliance findings."""
    a = progress.PlanFacts(
        milestones={},
        remuneration_kinds=("hybrid", "hybrid"),
        budget_by_tier={"micro": 100.0},
        smart_scores=(5, 3),
        optimiser_pick=True,
        unsigned_contracts=1,
    )
    b = progress.PlanFacts(
        milestones={},
        remuneration_kinds=("fixed_fee",),
        budget_by_tier={"micro": 50.0, "nano": 20.0},
        smart_scores=(5,),
    )
    assert progress.remuneration_distribution([a, b]).values.tolist() == [
        ["hybrid", 2],
        ["fixed_fee", 1],
    ]
    tiers = progress.budget_distribution([a, b], "tier").set_index("value")
    assert tiers.loc["micro", "total_eur_ht"] == 150 and tiers.loc["micro", "plans"] == 2
    assert progress.smart_distribution([a, b]).set_index("value").loc[5, "count"] == 2
    assert progress.optimiser_distribution([a, b]).set_index("value")["count"].to_dict() == {
        "optimiser": 1,
        "own": 1,
    }
    compliance = progress.compliance_distribution([a, b]).set_index("value")["count"].to_dict()
    assert compliance == {"unsigned_contracts": 1, "missing_clauses": 0, "clean_plans": 1}


def test_simulated_results_feed_roas_and_cost_per_result():
    """Once results are in, the plan's ROAS and cost per sale are read from them."""
    plan = worked.worked_example(worked.case_ids()[0])
    plan.results = [ResultRow(cost_eur_ht=1000, revenue_eur=4000, conversions=50)]
    facts = progress.plan_facts(plan, today=TODAY)
    assert facts.milestones["results"] and facts.roas == 4 and facts.cost_per_result == 20


def test_the_live_view_reads_milestones_without_the_debrief_details():
    """The dashboard's light reading gives the same milestones; a detailed reading serves both."""
    plan = worked.worked_example(worked.case_ids()[0])
    light = progress.plan_facts(plan, today=TODAY, detail=False)
    full = progress.plan_facts(plan, today=TODAY)
    assert light.milestones == full.milestones and math.isnan(light.brand_fit)
    progress.cached_facts("tok-bench", 3, plan, TODAY, detail=True)
    assert progress.known_facts("tok-bench", 3, detail=False) is not None
    assert progress.known_facts("tok-bench", 4, detail=False) is None


def test_the_live_table_names_its_columns_and_puts_the_steps_done_first():
    """The trainer's live table: the trainee, how many steps are done, each step ticked, the
    quizzes submitted out of all, the self-positioning phases filled in — in the trainer's
    language."""
    facts = progress.plan_facts(worked.worked_example(worked.case_ids()[0]), today=TODAY)
    table = progress.live_table([("Ana", facts, 2, ("before",)), ("Bob", None, 0, ())], "en")
    assert list(table.columns[:2]) == ["Trainee", i18n.t("classroom.col_done", "en")]
    assert table.iloc[0].tolist()[:3] == ["Ana", 6, "✅"]
    assert table.iloc[0].tolist()[-2:] == ["2/8", i18n.t("classroom.phase_before", "en")]
    assert table.iloc[1].tolist()[-2:] == ["0/8", "·"]
