"""The My plan page, through AppTest, in French and in English: the brief saved as it is typed,
the plan reopened from its link, duplicated and erased."""

import pytest

from influkit.data import datasets
from influkit.plan.storage import get_store
from influkit.text import i18n

from ..helpers import LANGS, all_text, assert_clean, button, new_plan_token, run_page


@pytest.mark.parametrize("lang", LANGS)
def test_my_plan_without_a_plan_says_how_to_start(lang):
    """Opening My plan with no plan explains how to start one instead of failing."""
    at = run_page("my_plan", lang=lang)
    assert_clean(at)
    assert at.info[0].value == i18n.t("app.need_plan", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_my_plan_edits_are_saved_automatically(lang):
    """Changing the brand in the brief is written to storage without pressing any save button."""
    token = new_plan_token(0, lang)
    at = run_page("my_plan", lang=lang, token=token)
    assert_clean(at)
    brand_input = next(w for w in at.text_input if w.label == i18n.t("myplan.brand", lang))
    brand_input.input("Nouvelle Marque").run()
    assert_clean(at)
    assert get_store().load(token).plan.brief.brand == "Nouvelle Marque"
    budget = next(w for w in at.text_input if w.label == i18n.t("myplan.budget", lang))
    budget.input("12 345,50 €" if lang == "fr" else "€12,345.50").run()
    assert_clean(at)
    assert get_store().load(token).plan.brief.budget_eur_ht == 12345.5


@pytest.mark.parametrize("lang", LANGS)
def test_a_link_with_the_plan_code_reopens_the_plan(lang):
    """A reload or a bookmark (the ?plan= code in the URL) brings the plan back."""
    token = new_plan_token(1, lang)
    at = run_page("my_plan", lang=lang, token=token)
    assert_clean(at)
    brand = next(w for w in at.text_input if w.label == i18n.t("myplan.brand", lang))
    assert brand.value == datasets.cases()[1]["brand"]
    assert token in all_text(at) or any(token in str(c.value) for c in at.code)


@pytest.mark.parametrize("lang", LANGS)
def test_duplicate_makes_an_independent_copy(lang):
    """Duplicating the plan switches to a new plan with its own code; the original is kept."""
    token = new_plan_token(0, lang)
    at = run_page("my_plan", lang=lang, token=token)
    button(at, "myplan.duplicate", lang).click().run()
    assert_clean(at)
    copy_token = at.session_state["plan_token"]
    assert copy_token != token
    assert get_store().load(copy_token).plan.title.endswith(i18n.t("plan.copy_suffix", lang))
    assert get_store().load(token) is not None


@pytest.mark.parametrize("lang", LANGS)
def test_deleting_the_plan_erases_it_for_good(lang):
    """After “delete this plan”, its code opens nothing, and no late save brings it back."""
    token = new_plan_token(0, lang)
    at = run_page("my_plan", lang=lang, token=token)
    confirm = button(at, "myplan.delete_confirm", lang)
    confirm.click().run()
    assert_clean(at)
    assert get_store().load(token) is None
    assert at.session_state["plan_token"] is None


@pytest.mark.parametrize("lang", LANGS)
def test_the_audience_share_of_women_is_set_in_percent_and_kept_as_a_share(lang):
    """The trainee slides the share of women to 70 %: the plan keeps 0.7; ticking “no
    split” clears it, and unticking brings the slider back."""
    token = new_plan_token(0, lang)
    at = run_page("my_plan", lang=lang, token=token)
    slider = next(s for s in at.slider if s.label == i18n.t("myplan.female_share", lang))
    slider.set_value(70).run()
    assert_clean(at)
    assert get_store().load(token).plan.brief.target_audience.female_share == 0.7
    none = next(c for c in at.checkbox if c.label == i18n.t("myplan.female_share_none", lang))
    none.check().run()
    assert_clean(at)
    assert get_store().load(token).plan.brief.target_audience.female_share is None
    assert not [s for s in at.slider if s.label == i18n.t("myplan.female_share", lang)]
    none = next(c for c in at.checkbox if c.label == i18n.t("myplan.female_share_none", lang))
    none.uncheck().run()
    assert_clean(at)
    slider = next(s for s in at.slider if s.label == i18n.t("myplan.female_share", lang))
    assert get_store().load(token).plan.brief.target_audience.female_share == slider.value / 100


@pytest.mark.parametrize("lang", LANGS)
def test_choosing_no_sector_and_a_launch_date_is_saved(lang):
    """Clearing the product's sector stores none; a new launch date is stored as typed."""
    import datetime as dt

    token = new_plan_token(0, lang)
    at = run_page("my_plan", lang=lang, token=token)
    category = next(s for s in at.selectbox if s.label == i18n.t("myplan.category", lang))
    category.set_value(None).run()
    assert_clean(at)
    assert get_store().load(token).plan.brief.product_category == ""
    launch = next(d for d in at.date_input if d.label == i18n.t("myplan.launch", lang))
    launch.set_value(dt.date(2027, 5, 3)).run()
    assert_clean(at)
    assert get_store().load(token).plan.brief.launch_date == dt.date(2027, 5, 3)
