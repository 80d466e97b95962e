"""The remuneration page, through AppTest, in French and in English: a model chosen for an
influencer goes into the budget, fees, levers and assumptions are stored in the plan; only
looking at the page writes nothing, and a choice moves the budget lines where it is made."""

from __future__ import annotations

import pytest

from influkit.campaign.compensation import simulator as remuneration
from influkit.data import datasets
from influkit.plan.model import Plan
from influkit.plan.storage import get_store
from influkit.text import i18n

from ..helpers import (
    LANGS,
    assert_clean,
    button,
    keyed,
    labelled,
    niche_shortlist_plan,
    niche_shortlist_token,
    plan_with_a_chosen_model,
    run_page,
    store_plan,
    stored_plan,
    stored_record,
)

# --- remuneration ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_choosing_a_model_puts_it_in_the_budget(lang):
    """Clicking “choose this model” stores the model and a fee line for that influencer."""
    token, ids = niche_shortlist_token(lang)
    at = run_page("remuneration", lang=lang, token=token)
    assert_clean(at)
    labelled(at.button, i18n.t("remuneration.choose_button", lang)).click().run()
    assert_clean(at)
    assert any(
        s.value.startswith(i18n.catalogue(lang)["remuneration.current_choice"][:10])
        for s in at.success
    )
    assert i18n.t("remuneration.choice_differs", lang) not in [w.value for w in at.warning]
    plan = stored_plan(token)
    assert [r.influencer_id for r in plan.remunerations] == [ids[0]]
    assert plan.remunerations[0].kind == "hybrid"
    fee_lines = [
        x for x in plan.budget_lines if x.category == "influencer_fee" and x.influencer_id == ids[0]
    ]
    assert len(fee_lines) == 1 and fee_lines[0].unit_cost_eur_ht > 0


@pytest.mark.parametrize("lang", LANGS)
def test_changing_a_fee_changes_the_comparison(lang):
    """Typing another fixed fee changes the brand cost shown for that model."""
    token, ids = niche_shortlist_token(lang)
    at = run_page("remuneration", lang=lang, token=token)
    table_before = at.dataframe[0].value
    column = i18n.t("remuneration.col.brand_cost_eur", lang)
    model = i18n.t("remuneration.model.fixed_fee", lang)
    before = table_before.loc[table_before.iloc[:, 0] == model, column].item()
    typed = "12 345 €" if lang == "fr" else "€12,345"
    keyed(at.text_input, f"rem_{ids[0]}_fixed_fee_fee_eur__").input(typed).run()
    assert_clean(at)
    table_after = at.dataframe[0].value
    after = table_after.loc[table_after.iloc[:, 0] == model, column].item()
    assert after != before
    assert "12" in after and ("€" in after)


@pytest.mark.parametrize("lang", LANGS)
def test_levers_are_saved_with_the_chosen_model(lang):
    """After choosing a model, ticking a motivation lever stores it in the plan."""
    token, ids = niche_shortlist_token(lang)
    at = run_page("remuneration", lang=lang, token=token)
    labelled(at.button, i18n.t("remuneration.choose_button", lang)).click().run()
    keyed(at.checkbox, f"rem_{ids[0]}_lever_co_creation__").check().run()
    assert_clean(at)
    assert stored_plan(token).remunerations[0].levers == ["co_creation"]


@pytest.mark.parametrize("lang", LANGS)
def test_changing_an_assumption_is_stored_for_the_whole_plan(lang):
    """Typing 4,2 (4.2 in English) in the conversion rate stores 4.2 %, for the whole plan."""
    token, _ = niche_shortlist_token(lang)
    at = run_page("remuneration", lang=lang, token=token)
    keyed(at.text_input, "rem_assumption_conversion_rate_").input("4,2").run()
    assert_clean(at)
    assert stored_plan(token).settings.assumptions.conversion_rate == pytest.approx(0.042)
    shown = keyed(at.text_input, "rem_assumption_conversion_rate_").value
    assert shown == ("4,2\u00a0%" if lang == "fr" else "4.2%")


@pytest.mark.parametrize("lang", LANGS)
def test_an_unreadable_rate_is_refused_on_the_remuneration_page(lang):
    """Typing 4,2,1 as a conversion rate says it cannot be read and changes nothing."""
    token, _ = niche_shortlist_token(lang)
    at = run_page("remuneration", lang=lang, token=token)
    before = stored_plan(token).settings.assumptions.conversion_rate
    keyed(at.text_input, "rem_assumption_conversion_rate_").input("4,2,1").run()
    assert not at.exception
    assert any("4,2,1" in e.value for e in at.error)
    assert stored_plan(token).settings.assumptions.conversion_rate == before


@pytest.mark.parametrize("lang", LANGS)
def test_without_a_shortlist_the_simulator_still_works(lang):
    """With an empty shortlist, an influencer of the niches can be simulated and chosen."""
    plan = Plan.from_case(datasets.cases()[0], lang)
    token = get_store().create(plan)
    at = run_page("remuneration", lang=lang, token=token)
    assert_clean(at)
    assert at.info[0].value == i18n.t("remuneration.no_shortlist", lang)
    labelled(at.button, i18n.t("remuneration.choose_button", lang)).click().run()
    assert_clean(at)
    plan = stored_plan(token)
    assert len(plan.shortlist) == 1 and len(plan.remunerations) == 1


# --- communication --------------------------------------------------------------------------


# --- budget ---------------------------------------------------------------------------------


# --- drawing writes nothing; a choice moves the budget lines where it is made -------------


def _synced(token: str) -> dict[str, float]:
    """The saved plan's lines written from chosen models: category → amount HT."""
    lines = stored_record(token).plan.budget_lines
    return {x.category: x.unit_cost_eur_ht for x in lines if remuneration.is_synced(x)}


@pytest.mark.parametrize("lang", LANGS)
def test_looking_at_the_remuneration_page_changes_nothing_in_the_plan(lang):
    """Opening the remuneration page and drawing it again, without touching anything, leaves
    the saved plan exactly as it was (same content, same revision)."""
    plan, _ = plan_with_a_chosen_model(lang)
    token = store_plan(plan)
    before = stored_record(token)
    at = run_page("remuneration", lang=lang, token=token)
    at.run()
    assert_clean(at)
    after = stored_record(token)
    assert after.revision == before.revision
    assert after.plan.model_dump_json() == before.plan.model_dump_json()


@pytest.mark.parametrize("lang", LANGS)
def test_removing_the_chosen_model_takes_its_lines_out_of_the_budget(lang):
    """“Remove this choice” forgets the model and its budget lines at once."""
    plan, _ = plan_with_a_chosen_model(lang)
    token = store_plan(plan)
    assert _synced(token)
    at = run_page("remuneration", lang=lang, token=token)
    button(at, "remuneration.remove_button", lang).click()
    at.run()
    assert_clean(at)
    assert stored_record(token).plan.remunerations == []
    assert _synced(token) == {}


@pytest.mark.parametrize("lang", LANGS)
def test_a_new_conversion_rate_changes_a_commissions_budget_line(lang):
    """With a commission chosen, typing a higher conversion rate raises the expected sales, so
    the commission's budget line grows as the rate is stored."""
    plan, _ = plan_with_a_chosen_model(lang, "affiliate")
    token = store_plan(plan)
    before = _synced(token)["influencer_fee"]
    at = run_page("remuneration", lang=lang, token=token)
    field = keyed(at.text_input, "rem_assumption_conversion_rate_")
    field.input("9,5" if lang == "fr" else "9.5").run()
    assert_clean(at)
    assert stored_record(token).plan.settings.assumptions.conversion_rate == pytest.approx(0.095)
    assert _synced(token)["influencer_fee"] > before


@pytest.mark.parametrize("lang", LANGS)
def test_without_a_choice_nothing_reaches_the_budget(lang):
    """Looking at the models of a shortlisted influencer writes no budget line."""
    plan, _ = niche_shortlist_plan(lang)
    token = store_plan(plan)
    at = run_page("remuneration", lang=lang, token=token)
    assert_clean(at)
    assert stored_record(token).revision == 1
    assert stored_record(token).plan.budget_lines == []


@pytest.mark.parametrize("page", ["remuneration", "budget"])
def test_a_plan_whose_lines_lag_behind_is_not_rewritten_by_looking_at_it(page):
    """A plan saved with a commission's line older than its conversion rate (as an earlier
    version could leave it) is shown up to date, and still not rewritten by drawing the page."""
    plan, _ = plan_with_a_chosen_model("fr", "affiliate")
    plan.settings.assumptions = plan.settings.assumptions.model_copy(
        update={"conversion_rate": 0.095}
    )
    token = store_plan(plan)
    before = stored_record(token)
    at = run_page(page, lang="fr", token=token)
    at.run()
    assert_clean(at)
    assert stored_record(token).revision == before.revision
    shown = at.session_state["plan"]
    fresh = {
        x.category: x.unit_cost_eur_ht for x in shown.budget_lines if remuneration.is_synced(x)
    }
    assert fresh["influencer_fee"] > _synced(token)["influencer_fee"]
