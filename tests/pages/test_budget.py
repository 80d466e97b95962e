"""The Budget page (pages/budget.py) through AppTest, in French and English: drawing it leaves
the plan as it was; the chosen models' lines read in the page's language; confirming the
optimiser's pick says beforehand who comes back from reserve."""

from __future__ import annotations

import pytest

from influkit.campaign.compensation import simulator as remuneration
from influkit.identify import profiles
from influkit.text import i18n

from ..apptest_helpers import LANGS, assert_clean, run_page
from .campaign_plans import plan_with_a_chosen_model, saved, shortlisted_plan, store


@pytest.mark.parametrize("lang", LANGS)
def test_looking_at_the_budget_changes_nothing_in_the_plan(lang):
    """Opening the budget page and drawing it again, without touching anything, leaves the
    saved plan exactly as it was (same content, same revision)."""
    plan, _ = plan_with_a_chosen_model(lang)
    token = store(plan)
    before = saved(token)
    at = run_page("budget", lang=lang, token=token)
    at.run()
    assert_clean(at)
    after = saved(token)
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
    token = store(plan)
    at = run_page("budget", lang=shown, token=token)
    assert_clean(at)
    listed = at.dataframe[0].value[i18n.t("budgetpage.col.label", shown)].tolist()
    model = i18n.t("remuneration.model.fixed_fee", shown)
    assert any(model in label for label in listed), listed
    assert saved(token).revision == 1


@pytest.mark.parametrize("lang", LANGS)
def test_applying_the_pick_says_who_comes_back_from_reserve(lang):
    """With everyone of the shortlist in reserve, the pick's preview names those it brings back
    from reserve — the very people confirming brings back."""
    plan, _ = shortlisted_plan(lang)
    plan.shortlist = [e.model_copy(update={"role": "reserve"}) for e in plan.shortlist]
    plan.settings.optimizer = {"pool": "shortlist", "ran": True, "min_chosen": 1, "max_chosen": 2}
    token = store(plan)
    at = run_page("budget", lang=lang, token=token)
    assert_clean(at)
    shown = [m.value for m in at.markdown]
    button(at, i18n.t("budgetpage.apply_confirm", lang)).click().run()
    assert_clean(at)
    back = [e.influencer_id for e in saved(token).plan.shortlist if e.role != "reserve"]
    assert 1 <= len(back) <= 2
    names = remuneration.rows_by_id(profiles.influencer_table(plan))
    nobody = i18n.t("budgetpage.nobody", lang)
    promoted = ", ".join(remuneration.display_name(names[i], i) for i in back)
    expected = i18n.t(
        "budgetpage.apply_explain", lang, added=nobody, reserved=nobody, promoted=promoted
    )
    assert expected in shown


def button(at, label: str):
    """The button with this label."""
    return next(b for b in at.button if b.label == label)


@pytest.mark.parametrize("lang", LANGS)
def test_after_adding_a_line_the_form_is_empty_and_the_table_lists_it(lang):
    """Once a line is added with the form, the form starts empty again for the next one and the
    table of the trainee's lines shows the new line."""
    plan, _ = shortlisted_plan(lang)
    token = store(plan)
    at = run_page("budget", lang=lang, token=token)
    label = next(w for w in at.text_input if w.key.startswith("budget_add_label__"))
    label.input("Spark Ads")
    cost = next(w for w in at.text_input if w.key.startswith("budget_add_cost__"))
    cost.input("2 500" if lang == "fr" else "2,500")
    button(at, i18n.t("budgetpage.add_button", lang)).click().run()
    assert_clean(at)
    label = next(w for w in at.text_input if w.key.startswith("budget_add_label__"))
    assert label.value == ""
    editor = next(w for w in at.dataframe if w.key and w.key.startswith("budget_lines__"))
    assert editor.value["label"].tolist() == ["Spark Ads"]
