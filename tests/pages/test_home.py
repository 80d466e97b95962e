"""The home page, through AppTest, in French and in English: the course, the case studies to
start from, a plan reopened from its link, and the language switch of the sidebar."""

import pytest

from influkit.data import datasets
from influkit.plan.storage import get_store
from influkit.text import i18n
from ui.text import plain

from ..helpers import LANGS, all_text, assert_clean, new_plan_token, run_page


@pytest.mark.parametrize("lang", LANGS)
def test_home_shows_the_course_and_the_case_studies(lang):
    """The home page states the learning objectives and offers every case study to start."""
    at = run_page(lang=lang)
    assert_clean(at)
    assert at.title[0].value == i18n.t("home.title", lang)
    text = all_text(at)
    for i in range(1, 5):
        assert i18n.t(f"home.objective_{i}", lang) in text
    start_buttons = [b for b in at.button if b.key and b.key.startswith("home_start_")]
    assert len(start_buttons) == len(datasets.cases()) >= 3
    assert i18n.t("app.fictional", lang) in text


@pytest.mark.parametrize("lang", LANGS)
def test_starting_a_case_creates_a_saved_plan(lang):
    """Clicking “start this plan” creates a plan from the case, saves it and puts it in the URL."""
    at = run_page(lang=lang)
    case = datasets.cases()[0]
    at.button(key=f"home_start_{case['case_id']}").click().run()
    assert_clean(at)
    token = at.session_state["plan_token"]
    assert token and at.title[0].value == i18n.t("myplan.title", lang)
    saved = get_store().load(token)
    assert saved.plan.brief.brand == case["brand"]
    assert saved.plan.title == case[f"title_{lang}"]


@pytest.mark.parametrize("lang", LANGS)
def test_an_unknown_plan_code_is_explained(lang):
    """A wrong code in the URL says no plan matches, and the page still works."""
    at = run_page(lang=lang, token="this-code-matches-nothing")
    assert_clean(at)
    assert any(
        i18n.t("app.plan_not_found", lang, code=plain("this-code-matches-nothing")) == e.value
        for e in at.error
    )


@pytest.mark.parametrize("lang", LANGS)
def test_continue_with_a_pasted_link(lang):
    """Pasting a plan's full link on the home page opens that plan."""
    token = new_plan_token(2, lang)
    at = run_page(lang=lang)
    field = next(w for w in at.text_input if w.label == i18n.t("home.continue_input", lang))
    field.input(f"http://localhost:8501/my-plan?plan={token}&lang={lang}")
    at.button[-1].click().run()
    assert_clean(at)
    assert at.session_state["plan_token"] == token


def test_switching_language_in_the_sidebar_translates_the_page():
    """Choosing English in the sidebar turns the interface to English and keeps it in the URL."""
    at = run_page(lang="fr")
    at.sidebar.radio(key="sidebar_lang").set_value("en").run()
    assert_clean(at)
    assert at.title[0].value == i18n.t("home.title", "en")
    assert at.session_state["lang"] == "en"
