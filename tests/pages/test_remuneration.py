"""The Remuneration, Communication plan and Budget pages through AppTest, in French and English:
what a trainee does on each page ends up in the stored plan; only looking at the remuneration
page writes nothing, and a choice moves the budget lines where it is made."""

from __future__ import annotations

import pytest

from influkit.campaign.budget import plan as budget_plan
from influkit.campaign.compensation import simulator as remuneration
from influkit.data import datasets
from influkit.identify import profiles
from influkit.plan.model import Plan
from influkit.plan.storage import get_store
from influkit.text import i18n
from influkit.text.formats import fmt_amount

from ..apptest_helpers import LANGS, all_text, assert_clean, run_page
from .campaign_plans import plan_with_a_chosen_model, saved, shortlisted_plan, store


def shortlist_token(lang: str, count: int = 4) -> tuple[str, list[str]]:
    """A plan from the first case with a few micro and mid influencers of its niches shortlisted."""
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
    return get_store().create(plan), ids


def stored(token: str) -> Plan:
    """The plan as saved."""
    return get_store().load(token).plan


def widget(elements, prefix: str):
    """The widget whose key starts with ``prefix`` (keys carry the plan and language)."""
    return next(w for w in elements if w.key and w.key.startswith(prefix))


def button(at, label: str):
    """The button with this label."""
    return next(b for b in at.button if b.label == label)


# --- remuneration ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_choosing_a_model_puts_it_in_the_budget(lang):
    """Clicking “choose this model” stores the model and a fee line for that influencer."""
    token, ids = shortlist_token(lang)
    at = run_page("remuneration", lang=lang, token=token)
    assert_clean(at)
    button(at, i18n.t("remuneration.choose_button", lang)).click().run()
    assert_clean(at)
    assert any(
        s.value.startswith(i18n.catalogue(lang)["remuneration.current_choice"][:10])
        for s in at.success
    )
    assert i18n.t("remuneration.choice_differs", lang) not in [w.value for w in at.warning]
    plan = stored(token)
    assert [r.influencer_id for r in plan.remunerations] == [ids[0]]
    assert plan.remunerations[0].kind == "hybrid"
    fee_lines = [
        x for x in plan.budget_lines if x.category == "influencer_fee" and x.influencer_id == ids[0]
    ]
    assert len(fee_lines) == 1 and fee_lines[0].unit_cost_eur_ht > 0


@pytest.mark.parametrize("lang", LANGS)
def test_changing_a_fee_changes_the_comparison(lang):
    """Typing another fixed fee changes the brand cost shown for that model."""
    token, ids = shortlist_token(lang)
    at = run_page("remuneration", lang=lang, token=token)
    table_before = at.dataframe[0].value
    column = i18n.t("remuneration.col.brand_cost_eur", lang)
    model = i18n.t("remuneration.model.fixed_fee", lang)
    before = table_before.loc[table_before.iloc[:, 0] == model, column].item()
    typed = "12 345 €" if lang == "fr" else "€12,345"
    widget(at.text_input, f"rem_{ids[0]}_fixed_fee_fee_eur__").input(typed).run()
    assert_clean(at)
    table_after = at.dataframe[0].value
    after = table_after.loc[table_after.iloc[:, 0] == model, column].item()
    assert after != before
    assert "12" in after and ("€" in after)


@pytest.mark.parametrize("lang", LANGS)
def test_levers_are_saved_with_the_chosen_model(lang):
    """After choosing a model, ticking a motivation lever stores it in the plan."""
    token, ids = shortlist_token(lang)
    at = run_page("remuneration", lang=lang, token=token)
    button(at, i18n.t("remuneration.choose_button", lang)).click().run()
    widget(at.checkbox, f"rem_{ids[0]}_lever_co_creation__").check().run()
    assert_clean(at)
    assert stored(token).remunerations[0].levers == ["co_creation"]


@pytest.mark.parametrize("lang", LANGS)
def test_changing_an_assumption_is_stored_for_the_whole_plan(lang):
    """Typing 4,2 (4.2 in English) in the conversion rate stores 4.2 %, for the whole plan."""
    token, _ = shortlist_token(lang)
    at = run_page("remuneration", lang=lang, token=token)
    widget(at.text_input, "rem_assumption_conversion_rate_").input("4,2").run()
    assert_clean(at)
    assert stored(token).settings.assumptions.conversion_rate == pytest.approx(0.042)
    shown = widget(at.text_input, "rem_assumption_conversion_rate_").value
    assert shown == ("4,2\u00a0%" if lang == "fr" else "4.2%")


@pytest.mark.parametrize("lang", LANGS)
def test_an_unreadable_rate_is_refused_on_the_remuneration_page(lang):
    """Typing 4,2,1 as a conversion rate says it cannot be read and changes nothing."""
    token, _ = shortlist_token(lang)
    at = run_page("remuneration", lang=lang, token=token)
    before = stored(token).settings.assumptions.conversion_rate
    widget(at.text_input, "rem_assumption_conversion_rate_").input("4,2,1").run()
    assert not at.exception
    assert any("4,2,1" in e.value for e in at.error)
    assert stored(token).settings.assumptions.conversion_rate == before


@pytest.mark.parametrize("lang", LANGS)
def test_without_a_shortlist_the_simulator_still_works(lang):
    """With an empty shortlist, an influencer of the niches can be simulated and chosen."""
    plan = Plan.from_case(datasets.cases()[0], lang)
    token = get_store().create(plan)
    at = run_page("remuneration", lang=lang, token=token)
    assert_clean(at)
    assert at.info[0].value == i18n.t("remuneration.no_shortlist", lang)
    button(at, i18n.t("remuneration.choose_button", lang)).click().run()
    assert_clean(at)
    plan = stored(token)
    assert len(plan.shortlist) == 1 and len(plan.remunerations) == 1


# --- communication --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_filling_the_storytelling_canvas_is_stored(lang):
    """What the trainee writes in the canvas is in the saved plan, and counts as filled."""
    token, _ = shortlist_token(lang)
    at = run_page("communication", lang=lang, token=token)
    assert_clean(at)
    texts = {
        "promise": "Une peau apaisée en 14 jours",
        "problem": "Pas le temps pour 10 étapes",
        "story_arc": "Jour 1, jour 7, jour 14",
        "call_to_action": "Code LINA15",
    }
    for field, text in texts.items():
        widget(at.text_area, f"com_story_{field}__").input(text).run()
    assert_clean(at)
    story = stored(token).communication.storytelling
    assert story.model_dump() == texts
    assert i18n.t(
        "communication.complete_detail.storytelling", lang, filled=4, total=4
    ) in all_text(at)


@pytest.mark.parametrize("lang", LANGS)
def test_adding_a_key_message_and_a_calendar_entry(lang):
    """The forms add a key message and a dated entry to the stored communication plan."""
    token, ids = shortlist_token(lang)
    at = run_page("communication", lang=lang, token=token)
    at.text_input(key="com_new_message").input("Des ingrédients connus")
    button(at, i18n.t("communication.message_add_button", lang)).click().run()
    assert_clean(at)
    assert stored(token).communication.key_messages == ["Des ingrédients connus"]
    at.text_input(key="com_entry_message").input("Teaser")
    at.selectbox(key="com_entry_influencer").set_value(ids[1])
    button(at, i18n.t("communication.add_button", lang)).click().run()
    assert_clean(at)
    items = stored(token).communication.editorial_calendar
    assert [(i.influencer_id, i.message) for i in items] == [(ids[1], "Teaser")]
    assert any("Teaser" in df.value.to_string() for df in at.dataframe)


@pytest.mark.parametrize("lang", LANGS)
def test_shortlisted_influencers_get_channel_plans(lang):
    """Opening the page gives each shortlisted influencer a channel plan, saved."""
    token, ids = shortlist_token(lang)
    at = run_page("communication", lang=lang, token=token)
    assert_clean(at)
    channels = stored(token).communication.channels
    assert [c.influencer_id for c in channels] == ids
    assert all(c.platforms for c in channels)


# --- budget ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_adding_a_budget_line_updates_the_totals(lang):
    """A line added with the form is stored and the totals HT and TTC follow."""
    token, _ = shortlist_token(lang)
    at = run_page("budget", lang=lang, token=token)
    assert_clean(at)
    widget(at.text_input, "budget_add_label_").input("Spark Ads")
    widget(at.text_input, "budget_add_cost_").input("2 500" if lang == "fr" else "2,500")
    button(at, i18n.t("budgetpage.add_button", lang)).click().run()
    assert_clean(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[i18n.t("budget.summary.total_ht", lang)] == fmt_amount(2500, lang)
    assert metrics[i18n.t("budget.summary.total_ttc", lang)] == fmt_amount(3000, lang)
    lines = stored(token).budget_lines
    assert [(x.category, x.label, x.unit_cost_eur_ht) for x in lines] == [
        ("paid_amplification", "Spark Ads", 2500.0)
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_running_the_optimiser_shows_the_chosen_set(lang):
    """By default the optimiser picks 3 to 15 of the brief's candidates and shows them in a
    table with why each one is there; nothing changes in the shortlist until confirmed."""
    token, ids = shortlist_token(lang)
    at = run_page("budget", lang=lang, token=token)
    button(at, i18n.t("budgetpage.run_button", lang)).click().run()
    assert_clean(at)
    assert at.success, "an optimal selection is announced"
    plan = stored(token)
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
    token, _ = shortlist_token(lang)
    at = run_page("budget", lang=lang, token=token)
    widget(at.radio, "budget_pool__").set_value("brand_fit").run()
    widget(at.text_input, "budget_top_n__").input("10").run()
    button(at, i18n.t("budgetpage.run_button", lang)).click().run()
    assert_clean(at)
    assert at.success
    optimizer = stored(token).settings.optimizer
    assert (optimizer["pool"], optimizer["top_n"]) == ("brand_fit", 10)


@pytest.mark.parametrize("lang", LANGS)
def test_an_impossible_constraint_shows_the_explanation(lang):
    """Asking for more influencers than the pool holds says so, instead of a selection."""
    token, ids = shortlist_token(lang)
    at = run_page("budget", lang=lang, token=token)
    widget(at.radio, "budget_pool__").set_value("shortlist").run()
    button(at, i18n.t("budgetpage.run_button", lang)).click().run()
    widget(at.text_input, "budget_max_chosen__").input("100").run()
    widget(at.text_input, "budget_min_chosen__").input("50").run()
    assert_clean(at)
    expected = i18n.t(
        "budget.infeasible_min_chosen_available", lang, min_count=50, available=len(ids)
    )
    assert [e.value for e in at.error] == [expected]
    assert stored(token).settings.optimizer["min_chosen"] == 50


@pytest.mark.parametrize("lang", LANGS)
def test_applying_the_pick_updates_the_shortlist_without_removing_anyone(lang):
    """After confirming, the optimiser's pick is on the shortlist and the others are in reserve."""
    token, ids = shortlist_token(lang)
    at = run_page("budget", lang=lang, token=token)
    widget(at.radio, "budget_pool__").set_value("shortlist").run()
    button(at, i18n.t("budgetpage.run_button", lang)).click().run()
    widget(at.text_input, "budget_min_chosen__").input("1").run()
    widget(at.text_input, "budget_max_chosen__").input("2").run()
    assert_clean(at)
    button(at, i18n.t("budgetpage.apply_confirm", lang)).click().run()
    assert_clean(at)
    roles = {e.influencer_id: e.role for e in stored(token).shortlist}
    assert set(roles) == set(ids)
    assert sorted(roles.values()).count("reserve") == len(ids) - 2


@pytest.mark.parametrize("lang", LANGS)
def test_a_chosen_model_shows_in_the_budget(lang):
    """The model chosen on the Remuneration page is a line of the budget page."""
    token, ids = shortlist_token(lang)
    at = run_page("remuneration", lang=lang, token=token)
    button(at, i18n.t("remuneration.choose_button", lang)).click().run()
    at.switch_page("pages/budget.py").run()
    assert_clean(at)
    synced = at.dataframe[0].value
    assert i18n.t("budget.category.influencer_fee", lang) in set(
        synced[i18n.t("budgetpage.col.category", lang)]
    )


# --- drawing writes nothing; a choice moves the budget lines where it is made -------------


def _synced(token: str) -> dict[str, float]:
    """The saved plan's lines written from chosen models: category → amount HT."""
    lines = saved(token).plan.budget_lines
    return {x.category: x.unit_cost_eur_ht for x in lines if remuneration.is_synced(x)}


@pytest.mark.parametrize("lang", LANGS)
def test_looking_at_the_remuneration_page_changes_nothing_in_the_plan(lang):
    """Opening the remuneration page and drawing it again, without touching anything, leaves
    the saved plan exactly as it was (same content, same revision)."""
    plan, _ = plan_with_a_chosen_model(lang)
    token = store(plan)
    before = saved(token)
    at = run_page("remuneration", lang=lang, token=token)
    at.run()
    assert_clean(at)
    after = saved(token)
    assert after.revision == before.revision
    assert after.plan.model_dump_json() == before.plan.model_dump_json()


@pytest.mark.parametrize("lang", LANGS)
def test_removing_the_chosen_model_takes_its_lines_out_of_the_budget(lang):
    """“Remove this choice” forgets the model and its budget lines at once."""
    plan, _ = plan_with_a_chosen_model(lang)
    token = store(plan)
    assert _synced(token)
    at = run_page("remuneration", lang=lang, token=token)
    next(b for b in at.button if b.label == i18n.t("remuneration.remove_button", lang)).click()
    at.run()
    assert_clean(at)
    assert saved(token).plan.remunerations == []
    assert _synced(token) == {}


@pytest.mark.parametrize("lang", LANGS)
def test_a_new_conversion_rate_changes_a_commissions_budget_line(lang):
    """With a commission chosen, typing a higher conversion rate raises the expected sales, so
    the commission's budget line grows as the rate is stored."""
    plan, _ = plan_with_a_chosen_model(lang, "affiliate")
    token = store(plan)
    before = _synced(token)["influencer_fee"]
    at = run_page("remuneration", lang=lang, token=token)
    field = next(w for w in at.text_input if w.key.startswith("rem_assumption_conversion_rate_"))
    field.input("9,5" if lang == "fr" else "9.5").run()
    assert_clean(at)
    assert saved(token).plan.settings.assumptions.conversion_rate == pytest.approx(0.095)
    assert _synced(token)["influencer_fee"] > before


@pytest.mark.parametrize("lang", LANGS)
def test_without_a_choice_nothing_reaches_the_budget(lang):
    """Looking at the models of a shortlisted influencer writes no budget line."""
    plan, _ = shortlisted_plan(lang)
    token = store(plan)
    at = run_page("remuneration", lang=lang, token=token)
    assert_clean(at)
    assert saved(token).revision == 1
    assert saved(token).plan.budget_lines == []


@pytest.mark.parametrize("page", ["remuneration", "budget"])
def test_a_plan_whose_lines_lag_behind_is_not_rewritten_by_looking_at_it(page):
    """A plan saved with a commission's line older than its conversion rate (as an earlier
    version could leave it) is shown up to date, and still not rewritten by drawing the page."""
    plan, _ = plan_with_a_chosen_model("fr", "affiliate")
    plan.settings.assumptions = plan.settings.assumptions.model_copy(
        update={"conversion_rate": 0.095}
    )
    token = store(plan)
    before = saved(token)
    at = run_page(page, lang="fr", token=token)
    at.run()
    assert_clean(at)
    assert saved(token).revision == before.revision
    shown = at.session_state["plan"]
    fresh = {
        x.category: x.unit_cost_eur_ht for x in shown.budget_lines if remuneration.is_synced(x)
    }
    assert fresh["influencer_fee"] > _synced(token)["influencer_fee"]
