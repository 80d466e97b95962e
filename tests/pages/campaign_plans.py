"""Plans the campaign pages' tests start from: a case with influencers shortlisted, and one of
them paid through a chosen model (its budget lines written in the plan's language)."""

from __future__ import annotations

from influkit.campaign.compensation import simulator as remuneration
from influkit.data import datasets
from influkit.identify import profiles
from influkit.plan.model import Plan
from influkit.plan.storage import get_store


def shortlisted_plan(lang: str, count: int = 4) -> tuple[Plan, list[str]]:
    """The first case's plan with a few micro and mid influencers of its niches shortlisted."""
    plan = Plan.from_case(datasets.cases()[0], lang)
    table = profiles.influencer_table(plan)
    pool = table.loc[
        table["niche"].isin(plan.brief.niches)
        & table["tier"].isin(["micro", "mid"])
        & table["price_per_post_eur"].notna()
    ]
    ids = pool["influencer_id"].head(count).tolist()
    for iid in ids:
        plan.add_to_shortlist(iid)
    return plan, ids


def plan_with_a_chosen_model(lang: str, code: str = "fixed_fee") -> tuple[Plan, list[str]]:
    """A shortlisted plan whose first influencer is paid with ``code`` (its default terms)."""
    plan, ids = shortlisted_plan(lang)
    table = profiles.influencer_table(plan)
    row = remuneration.rows_by_id(table)[ids[0]]
    assumptions = remuneration.plan_assumptions(plan)
    common = remuneration.default_common(row, assumptions, 2)
    params = remuneration.default_params(code, row, assumptions, 2)
    remuneration.record_choice(plan, table, ids[0], code, common, params, lang)
    return plan, ids


def store(plan: Plan) -> str:
    """Save the plan and return its token."""
    return get_store().create(plan)


def saved(token: str):
    """The plan as saved, with its revision."""
    return get_store().load(token)
