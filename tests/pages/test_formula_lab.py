"""The formula lab, through AppTest, in French and in English: the four bases of the engagement
rate for each selected influencer, and who changes tier with another tier scheme."""

from __future__ import annotations

import pytest

from influkit import metrics
from influkit.identify import explorer, profiles
from influkit.plan.storage import get_store
from influkit.text import i18n

from ..helpers import LANGS, assert_clean, new_plan_token, run_page, stored_plan


def _formula_rows(lang: str) -> list[str]:
    return [
        i18n.t(
            "formulalab.formula_name",
            lang,
            basis=i18n.t(f"metrics.basis.{basis}", lang),
            method=i18n.t("formulalab.method_short.mean", lang),
        )
        for basis in metrics.BASES
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_formula_lab_shows_the_four_bases_for_each_selected_influencer(lang):
    """Every chosen account has a rate by followers, reach, impressions and views."""
    at = run_page("formula_lab", lang=lang, token=new_plan_token(0, lang))
    assert_clean(at)
    chosen = at.multiselect(key="formulalab_pick").value
    assert len(chosen) == 4
    shown = at.dataframe[0].value.set_index(i18n.t("formulalab.col_formula", lang))
    handles = profiles.influencer_table().set_index("influencer_id").loc[chosen, "handle"]
    for handle in handles:
        rates = shown.loc[_formula_rows(lang), handle]
        assert rates.str.endswith("%").all(), rates
    sentences = [m.value for m in at.markdown if m.value.startswith("- **@")]
    assert len(sentences) == 4


@pytest.mark.parametrize("lang", LANGS)
def test_formula_lab_starts_from_the_shortlist(lang):
    """With a shortlist in the plan, the lab compares those influencers."""
    token = new_plan_token(0, lang)
    plan = stored_plan(token)
    ids = explorer.default_lab_selection(profiles.influencer_table())[:2]
    for influencer_id in ids:
        plan.add_to_shortlist(influencer_id)
    get_store().save(token, plan, expected_revision=1)
    at = run_page("formula_lab", lang=lang, token=token)
    assert_clean(at)
    assert at.multiselect(key="formulalab_pick").value == ids


@pytest.mark.parametrize("lang", LANGS)
def test_switching_tier_schemes_lists_who_changes_tier(lang):
    """Comparing HypeAuditor with Later × Fohr lists the mid-tier accounts that become micro."""
    at = run_page("formula_lab", lang=lang, token=new_plan_token(0, lang))
    at.selectbox(key="formulalab_scheme_b").set_value("later_fohr").run()
    assert_clean(at)
    changes = explorer.tier_changes(profiles.influencer_table(), "hypeauditor", "later_fohr")
    mid, micro = (i18n.t(f"metrics.tier.{tier}", lang) for tier in ("mid", "micro"))
    assert [m.label for m in at.metric] == [f"{mid} → {micro}"]
    assert len(at.dataframe[1].value) == len(changes)
    at.selectbox(key="formulalab_scheme_b").set_value("hypeauditor").run()
    assert any(i.value == i18n.t("formulalab.tiers.same", lang) for i in at.info)


@pytest.mark.parametrize("lang", LANGS)
def test_formula_lab_without_a_plan_compares_typical_accounts(lang):
    """No plan needed: the lab starts with one typical account per platform."""
    at = run_page("formula_lab", lang=lang)
    assert_clean(at)
    assert at.multiselect(key="formulalab_pick").value == explorer.default_lab_selection(
        profiles.influencer_table()
    )
