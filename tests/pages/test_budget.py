"""The budget page, through AppTest, in French and in English: budget lines and their totals, the
optimiser's chosen set and its explanation, the pick applied to the shortlist (saying beforehand
who comes back from reserve); drawing the page leaves the plan as it was, and the chosen models'
lines read in the page's language."""

from __future__ import annotations

import pytest

from influkit.campaign.budget import plan as budget_plan
from influkit.campaign.compensation import simulator as remuneration
from influkit.identify import profiles
from influkit.text import i18n
from influkit.text.formats import fmt_amount

from ..helpers import (
    LANGS,
    assert_clean,
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


@pytest.mark.parametrize("lang", LANGS)
def test_adding_a_budget_line_updates_the_totals(lang):
    """A line added with the form is stored and the totals HT and TTC follow."""
    token, _ = niche_shortlist_token(lang)
    at = run_page("budget", lang=lang, token=token)
    assert_clean(at)
    keyed(at.text_input, "budget_add_label_").input("Spark Ads")
    keyed(at.text_input, "budget_add_cost_").input("2 500" if lang == "fr" else "2,500")
    labelled(at.button, i18n.t("budgetpage.add_button", lang)).click().run()
    assert_clean(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[i18n.t("budget.summary.total_ht", lang)] == fmt_amount(2500, lang)
    assert metrics[i18n.t("budget.summary.total_ttc", lang)] == fmt_amount(3000, lang)
    lines = stored_plan(token).budget_lines
    assert [(x.category, x.label, x.unit_cost_eur_ht) for x in lines] == [
        ("paid_amplification", "Spark Ads", 2500.0)
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_running_the_optimiser_shows_the_chosen_set(lang):
    """By default the optimiser picks 3 to 15 of the brief's candidates and shows them in a
    table with why each one is there; nothing changes in the shortlist until confirmed."""
    token, ids = niche_shortlist_token(lang)
    at = run_page("budget", lang=lang, token=token)
    labelled(at.button, i18n.t("budgetpage.run_button", lang)).click().run()
    assert_clean(at)
    assert at.success, "an optimal selection is announced"
    plan = stored_plan(token)
    table = profiles.influencer_table(plan)
    pool = budget_plan.candidate_pool(plan, table)
    chosen = next(
        df.value for df in at.dataframe if i18n.t("budgetpage.result.name", lang) in df.value
    )
    assert set(chosen[i18n.t("budgetpage.result.name", lang)]) <= set(pool["display_name"])
    assert 3 <= len(chosen) <= 15
    assert all(chosen[i18n.t("budgetpage.result.why", lang)].str.len() > 0)
    assert plan.settings.optimizer["ran"] is True
    assert plan.shortlisted_ids() == ids


@pytest.mark.parametrize("lang", LANGS)
def test_the_optimiser_can_pick_among_the_best_brand_fits(lang):
    """Choosing the brand-fit pool and 10 candidates gives a selection among those 10."""
    token, _ = niche_shortlist_token(lang)
    at = run_page("budget", lang=lang, token=token)
    keyed(at.radio, "budget_pool__").set_value("brand_fit").run()
    keyed(at.text_input, "budget_top_n__").input("10").run()
    labelled(at.button, i18n.t("budgetpage.run_button", lang)).click().run()
    assert_clean(at)
    assert at.success
    optimizer = stored_plan(token).settings.optimizer
    assert (optimizer["pool"], optimizer["top_n"]) == ("brand_fit", 10)


@pytest.mark.parametrize("lang", LANGS)
def test_an_impossible_constraint_shows_the_explanation(lang):
    """Asking for more influencers than the pool holds says so, instead of a selection."""
    token, ids = niche_shortlist_token(lang)
    at = run_page("budget", lang=lang, token=token)
    keyed(at.radio, "budget_pool__").set_value("shortlist").run()
    labelled(at.button, i18n.t("budgetpage.run_button", lang)).click().run()
    keyed(at.text_input, "budget_max_chosen__").input("100").run()
    keyed(at.text_input, "budget_min_chosen__").input("50").run()
    assert_clean(at)
    expected = i18n.t(
        "budget.infeasible_min_chosen_available", lang, min_count=50, available=len(ids)
    )
    assert [e.value for e in at.error] == [expected]
    assert stored_plan(token).settings.optimizer["min_chosen"] == 50


@pytest.mark.parametrize("lang", LANGS)
def test_applying_the_pick_updates_the_shortlist_without_removing_anyone(lang):
    """After confirming, the optimiser's pick is on the shortlist and the others are in reserve."""
    token, ids = niche_shortlist_token(lang)
    at = run_page("budget", lang=lang, token=token)
    keyed(at.radio, "budget_pool__").set_value("shortlist").run()
    labelled(at.button, i18n.t("budgetpage.run_button", lang)).click().run()
    keyed(at.text_input, "budget_min_chosen__").input("1").run()
    keyed(at.text_input, "budget_max_chosen__").input("2").run()
    assert_clean(at)
    labelled(at.button, i18n.t("budgetpage.apply_confirm", lang)).click().run()
    assert_clean(at)
    roles = {e.influencer_id: e.role for e in stored_plan(token).shortlist}
    assert set(roles) == set(ids)
    assert sorted(roles.values()).count("reserve") == len(ids) - 2


@pytest.mark.parametrize("lang", LANGS)
def test_a_chosen_model_shows_in_the_budget(lang):
    """The model chosen on the Remuneration page is a line of the budget page."""
    token, ids = niche_shortlist_token(lang)
    at = run_page("remuneration", lang=lang, token=token)
    labelled(at.button, i18n.t("remuneration.choose_button", lang)).click().run()
    at.switch_page("pages/budget.py").run()
    assert_clean(at)
    synced = at.dataframe[0].value
    assert i18n.t("budget.category.influencer_fee", lang) in set(
        synced[i18n.t("budgetpage.col.category", lang)]
    )


@pytest.mark.parametrize("lang", LANGS)
def test_looking_at_the_budget_changes_nothing_in_the_plan(lang):
    """Opening the budget page and drawing it again, without touching anything, leaves the
    saved plan exactly as it was (same content, same revision)."""
    plan, _ = plan_with_a_chosen_model(lang)
    token = store_plan(plan)
    before = stored_record(token)
    at = run_page("budget", lang=lang, token=token)
    at.run()
    assert_clean(at)
    after = stored_record(token)
    assert after.revision == before.revision
    assert after.plan.model_dump_json() == before.plan.model_dump_json()
    assert at.session_state["plan"].model_dump_json() == before.plan.model_dump_json()


@pytest.mark.parametrize(("written", "shown"), [("fr", "en"), ("en", "fr")])
def test_a_chosen_models_line_reads_in_the_pages_language_without_rewriting_the_plan(
    written, shown
):
    """A model chosen in French is listed in English on an English page (and the other way
    round), and opening the plan in the other language does not rewrite it."""
    plan, ids = plan_with_a_chosen_model(written)
    token = store_plan(plan)
    at = run_page("budget", lang=shown, token=token)
    assert_clean(at)
    listed = at.dataframe[0].value[i18n.t("budgetpage.col.label", shown)].tolist()
    model = i18n.t("remuneration.model.fixed_fee", shown)
    assert any(model in label for label in listed), listed
    assert stored_record(token).revision == 1


@pytest.mark.parametrize("lang", LANGS)
def test_applying_the_pick_says_who_comes_back_from_reserve(lang):
    """With everyone of the shortlist in reserve, the pick's preview names those it brings back
    from reserve — the very people confirming brings back."""
    plan, _ = niche_shortlist_plan(lang)
    plan.shortlist = [e.model_copy(update={"role": "reserve"}) for e in plan.shortlist]
    plan.settings.optimizer = {"pool": "shortlist", "ran": True, "min_chosen": 1, "max_chosen": 2}
    token = store_plan(plan)
    at = run_page("budget", lang=lang, token=token)
    assert_clean(at)
    shown = [m.value for m in at.markdown]
    labelled(at.button, i18n.t("budgetpage.apply_confirm", lang)).click().run()
    assert_clean(at)
    back = [e.influencer_id for e in stored_record(token).plan.shortlist if e.role != "reserve"]
    assert 1 <= len(back) <= 2
    names = remuneration.rows_by_id(profiles.influencer_table(plan))
    nobody = i18n.t("budgetpage.nobody", lang)
    promoted = ", ".join(remuneration.display_name(names[i], i) for i in back)
    expected = i18n.t(
        "budgetpage.apply_explain", lang, added=nobody, reserved=nobody, promoted=promoted
    )
    assert expected in shown


@pytest.mark.parametrize("lang", LANGS)
def test_after_adding_a_line_the_form_is_empty_and_the_table_lists_it(lang):
    """Once a line is added with the form, the form starts empty again for the next one and the
    table of the trainee's lines shows the new line."""
    plan, _ = niche_shortlist_plan(lang)
    token = store_plan(plan)
    at = run_page("budget", lang=lang, token=token)
    label = keyed(at.text_input, "budget_add_label__")
    label.input("Spark Ads")
    cost = keyed(at.text_input, "budget_add_cost__")
    cost.input("2 500" if lang == "fr" else "2,500")
    labelled(at.button, i18n.t("budgetpage.add_button", lang)).click().run()
    assert_clean(at)
    label = keyed(at.text_input, "budget_add_label__")
    assert label.value == ""
    editor = next(w for w in at.dataframe if w.key and w.key.startswith("budget_lines__"))
    assert editor.value["label"].tolist() == ["Spark Ads"]
