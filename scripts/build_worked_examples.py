"""Build the worked example ("corrigé") of each case study, in each language, into
datasets/worked_examples/<lang>/<case_id>.json.

A worked example is a complete plan a trainer can open read-only or duplicate in class: the
optimiser's pick among the best brand fits on the case's platforms, one deliverable each, the
retro-planning from the standard phases, a remuneration model suited to the business aim
synced into the budget, the case's SMART objective and its KPI targets, and a communication
plan (key messages, storytelling, one channel plan per influencer). Both languages are
built from the same choices, so they hold the same numbers and differ only in their texts.
Deterministic for a given dataset; run ``python -m scripts.build_worked_examples`` after the
sample data changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from influkit.campaign import communication
from influkit.campaign.budget import plan as budget_plan
from influkit.campaign.compensation import simulator as remuneration
from influkit.data import datasets
from influkit.identify import profiles
from influkit.operations import deliverables as actions
from influkit.plan.model import Plan, Storytelling, plan_json
from influkit.strategy import objectives as smart
from influkit.text.i18n import LANGUAGES

OUT = Path(__file__).resolve().parent.parent / "datasets" / "worked_examples"
#: The remuneration model a sensible trainee picks for each business aim (DOMAIN §8).
MODEL_BY_AIM = {
    "conversion": "hybrid",
    "traffic": "cpc",
    "awareness": "fixed_fee",
    "engagement": "fixed_fee",
    "community": "retainer",
}
#: Objectives must end after this day to stay time-bound for the years the cases run.
TODAY = dt.date(2026, 12, 1)
COMMUNITY_TARGET = 0.10  # +10 % of followers on the brand's account
#: The worked example's own words in each language (the case gives the brief's).
TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Corrigé — {title}",
        "note": "Corrigé du formateur",
        "community_note": (
            "Cible fondée sur l'engagement de la communauté des créateurs retenus : "
            "+10 % d'abonnés sur le compte de la marque pendant la campagne."
        ),
    },
    "en": {
        "title": "Worked example — {title}",
        "note": "Trainer's worked example",
        "community_note": (
            "Target based on the engagement of the chosen creators' communities: "
            "+10% followers on the brand's account during the campaign."
        ),
    },
}
#: Each case's communication plan (key messages, storytelling) in each language, and the
#: product line in the languages the case does not give it in.
CASE_TEXTS = OUT / "texts.json"


def build(case: dict, lang: str = "fr") -> Plan:
    """The worked example of one case study, its texts in ``lang``."""
    texts = TEXTS[lang]
    own = json.loads(CASE_TEXTS.read_text(encoding="utf-8"))[case["case_id"]][lang]
    plan = Plan.from_case(case, lang)
    plan.title = texts["title"].format(title=plan.title)
    plan.brief.product = own.get("product", plan.brief.product)
    table = profiles.influencer_table(plan)
    settings = budget_plan.read_settings(plan)
    settings = dataclasses.replace(
        settings, pool="brand_fit", platforms=list(case.get("platforms", [])), max_chosen=6
    )
    run = budget_plan.run(plan, table, settings, lang)
    picked = list(run.result.chosen["candidate_id"])
    for influencer_id in picked:
        plan.add_to_shortlist(influencer_id, note=texts["note"])
        plan.shortlist[-1].added_on = TODAY
    facts = actions.influencer_facts(plan)
    for influencer_id in picked:
        deliverable = actions.suggested_deliverable(plan, influencer_id, facts=facts)
        actions.replace_deliverables(plan, influencer_id, [deliverable])
    plan.tasks = actions.tasks_for_plan(plan, lang)
    code = MODEL_BY_AIM.get(plan.brief.business_aim, "fixed_fee")
    assumptions = remuneration.plan_assumptions(plan)
    rows = remuneration.rows_by_id(table)
    for influencer_id in picked:
        row = rows[influencer_id]
        common = remuneration.default_common(row, assumptions)
        params = remuneration.default_params(code, row, assumptions)
        remuneration.choose_model(plan, influencer_id, code, common, params, lang)
    plan.budget_lines = remuneration.sync_budget_lines(plan, table, lang)
    objective = smart.from_template(plan.brief.business_aim, plan, today=TODAY)
    # The same id in every language: the two files differ only in their texts.
    objective.objective_id = f"obj-{case['case_id']}"
    if objective.target is None:
        # No benchmark makes a follower growth plausible: the trainer's own, modest figure.
        objective.baseline, objective.target = 0.0, COMMUNITY_TARGET
        objective.note = texts["community_note"]
    smart.add_objective(plan, objective)
    plan.kpi_targets = smart.sync_kpi_targets(plan)
    plan.communication.key_messages = list(own["key_messages"])
    plan.communication.storytelling = Storytelling(**own["storytelling"])
    plan.communication.channels = communication.channels_in_force(plan, table)
    return plan


def main() -> None:
    for lang in LANGUAGES:
        folder = OUT / lang
        folder.mkdir(parents=True, exist_ok=True)
        for case in datasets.cases():
            plan = build(case, lang)
            data = json.loads(plan_json(plan))
            data["created_at"] = "2026-12-01T08:00:00Z"
            path = folder / f"{case['case_id']}.json"
            text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
            path.write_text(text, encoding="utf-8")
            print(f"{lang}/{path.name}", len(plan.shortlist), "influencers")


if __name__ == "__main__":
    main()
