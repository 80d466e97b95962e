"""The conditions-of-success page, in French and English: one card per condition with a
headline (the same checklist and count as page 1's), the contract signature and clauses saved in
the plan, the legal reminders saved in the plan."""

from __future__ import annotations

import datetime as dt

import pytest

from influkit.campaign import compliance
from influkit.data import datasets
from influkit.identify import profiles
from influkit.plan.model import BudgetLine, Plan
from influkit.plan.storage import get_store
from influkit.strategy import success
from influkit.text import i18n

from ..helpers import LANGS, all_text, assert_clean, new_plan_token, run_page, stored_plan


def checkbox(at, name: str):
    """The checkbox whose plan-bound key starts with ``name``."""
    return next(c for c in at.checkbox if c.key and c.key.startswith(f"{name}__"))


def token_with_contract(lang: str, **fields) -> tuple[str, str]:
    """A case plan with two influencers, the first paid 1 200 € HT: a contract is required."""
    plan = Plan.from_case(datasets.case("cosmetique-lancement"), lang)
    table = profiles.influencer_table(plan)
    ids = table.loc[table["niche"] == "beauty", "influencer_id"].head(2).tolist()
    for influencer_id in ids:
        plan.add_to_shortlist(influencer_id)
    plan.budget_lines = [
        BudgetLine(category="influencer_fee", influencer_id=ids[0], unit_cost_eur_ht=1200),
        BudgetLine(category="gifting", influencer_id=ids[1], unit_cost_eur_ht=80),
    ]
    for name, value in fields.items():
        setattr(plan, name, value)
    return get_store().create(plan), ids[0]


@pytest.mark.parametrize("lang", LANGS)
def test_case_plan_shows_every_condition_and_a_headline(lang):
    """A fresh case plan shows the headline and one card per condition, each with its state;
    the conditions the plan cannot tell have a box to tick."""
    at = run_page("success", lang=lang, token=new_plan_token(0, lang))
    assert_clean(at)
    text = all_text(at)
    assert i18n.t("success.headline", lang, ok=0, total=len(success.CODES)) in text
    for code in success.CODES:
        assert i18n.t(f"success.{code}.title", lang) in text
    assert len(at.checkbox) == len(success.REMINDERS) + len(success.MANUAL)


@pytest.mark.parametrize("lang", LANGS)
def test_pages_one_and_five_show_the_same_checklist(lang):
    """With a budget, a shortlist and two hand ticks, page 1's checklist and page 5's show the
    same conditions in the same states and the same count; a tick on page 5 shows on page 1."""
    checklist = {"audience_fit": True, "clear_objectives": True}
    token, _ = token_with_contract(lang, success_checklist=checklist)
    plan = stored_plan(token)
    expected = success.conditions(plan, today=dt.date.today(), lang=lang)
    met, total = success.score(expected)
    assert 0 < met < total
    headline = i18n.t("success.headline", lang, ok=met, total=total)

    pages = {name: run_page(name, lang=lang, token=token) for name in ("understand", "success")}
    for at in pages.values():
        assert_clean(at)
        text = all_text(at)
        assert headline in [h.value for h in at.subheader]
        badges = [m.value for m in at.markdown if "-badge[" in m.value and "**" in m.value]
        assert len(badges) == total
        for number, condition in enumerate(expected, start=1):
            (shown,) = [b for b in badges if f"**{number}. {condition.title(lang)}**" in b]
            assert i18n.t(f"success.state.{condition.state}", lang) in shown
        assert i18n.t("success.long_term.check", lang) in text

    checkbox(pages["success"], "checklist_tick_long_term").check().run()
    assert stored_plan(token).success_checklist["long_term"] is True
    again = run_page("understand", lang=lang, token=token)
    after = i18n.t("success.headline", lang, ok=met + 1, total=total)
    assert after in [h.value for h in again.subheader]
    assert after in [h.value for h in pages["success"].subheader]


@pytest.mark.parametrize("lang", LANGS)
def test_ticking_contract_signed_is_stored_in_the_plan(lang):
    """The trainee ticks "contract signed" and two clauses: the saved plan has them."""
    token, influencer_id = token_with_contract(lang)
    at = run_page("success", lang=lang, token=token)
    assert_clean(at)
    assert i18n.catalogue(lang)["success.contracts.unsigned"].split("{")[0] in all_text(at)
    checkbox(at, f"success_signed_{influencer_id}").check().run()
    checkbox(at, f"success_clause_{influencer_id}_identities").check().run()
    checkbox(at, f"success_clause_{influencer_id}_french_law").check().run()
    assert_clean(at)
    plan = stored_plan(token)
    assert plan.compliance.contract_signed[influencer_id] is True
    assert plan.compliance.contract_clauses[influencer_id] == ["identities", "french_law"]
    missing = compliance.missing_clauses(plan.compliance.contract_clauses[influencer_id])
    assert len(missing) == len(compliance.CONTRACT_CLAUSES) - 2
    assert i18n.catalogue(lang)["success.contracts.clauses"].split("{")[0] in all_text(at)


@pytest.mark.parametrize("lang", LANGS)
def test_reminders_checklist_saves(lang):
    """Ticking a legal reminder saves it in the plan and moves the count on."""
    token = new_plan_token(0, lang)
    at = run_page("success", lang=lang, token=token)
    checkbox(at, "success_reminder_commercial_intent").check().run()
    checkbox(at, "success_reminder_gdpr_rights").check().run()
    assert_clean(at)
    assert stored_plan(token).compliance.reminders_checked == ["commercial_intent", "gdpr_rights"]
    progress = i18n.t("success.reminders.progress", lang, done=2, count=len(success.REMINDERS))
    assert progress in all_text(at)
