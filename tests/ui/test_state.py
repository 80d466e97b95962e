"""The plan of the session (ui/state.py) through the real router: a page that needs a plan
offers to reopen one, and a page that stops early still gets its changes saved."""

import pytest

from influkit.plan.storage import get_store
from influkit.text import i18n
from ui import navigation
from ui.text import plain

from ..helpers import (
    LANGS,
    assert_clean,
    button,
    labelled,
    new_plan_token,
    run_page,
    stored_plan,
)

STOPPED_TITLE = "Changé juste avant st.stop()"  # tests/data/pages/stop_after_change.py


def _reopen_parts(at, lang: str) -> tuple[list, list]:
    """The reopen block's link-or-code field and its JSON uploader, as shown."""
    fields = [w for w in at.text_input if w.label == i18n.t("home.continue_input", lang)]
    uploaders = [
        w for w in at.get("file_uploader") if w.proto.label == i18n.t("myplan.upload_json", lang)
    ]
    return fields, uploaders


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", [None, "budget"])
def test_without_a_plan_the_page_offers_to_reopen_one_by_link_code_or_file(page, lang):
    """The home page and a page that needs a plan both show, right there, one field taking a
    link or a code and an uploader for the plan's JSON file."""
    at = run_page(page, lang=lang)
    assert_clean(at)
    fields, uploaders = _reopen_parts(at, lang)
    assert len(fields) == 1 and len(uploaders) == 1
    assert i18n.t("home.continue_title", lang) in [s.value for s in at.subheader]


@pytest.mark.parametrize("lang", LANGS)
def test_a_code_typed_on_a_page_that_needs_a_plan_opens_it_there(lang):
    """On the budget page with no plan, typing the plan's code reopens it and shows the budget
    page with the plan, in one step."""
    token = new_plan_token(1, lang)
    at = run_page("budget", lang=lang)
    fields, _ = _reopen_parts(at, lang)
    fields[0].input(token)
    button(at, "home.continue_button", lang).click().run()
    assert_clean(at)
    assert at.session_state["plan_token"] == token
    assert i18n.t("app.need_plan", lang) not in [i.value for i in at.info]


@pytest.mark.parametrize("lang", LANGS)
def test_a_code_that_matches_nothing_is_explained_on_the_page(lang):
    """A code that opens no plan gives a message on the page and leaves the page as it was."""
    at = run_page("budget", lang=lang)
    fields, _ = _reopen_parts(at, lang)
    fields[0].input("this-code-matches-nothing")
    button(at, "home.continue_button", lang).click().run()
    assert_clean(at)
    assert any(
        i18n.t("app.plan_not_found", lang, code=plain("this-code-matches-nothing")) == e.value
        for e in at.error
    )


@pytest.mark.parametrize("lang", LANGS)
def test_a_plan_file_dropped_on_a_page_that_needs_a_plan_opens_it_there(lang):
    """On the budget page with no plan, dropping a plan's JSON file opens it as a plan of its
    own and shows the budget page with it."""
    import json

    from influkit.plan.model import Plan
    from ui import state

    at = run_page("budget", lang=lang)
    data = json.dumps(json.loads(Plan(title="Plan du fichier").model_dump_json())).encode()
    key = f"need_plan_reopen_file__{at.session_state[state.GEN_KEY]}__{lang}"
    at.file_uploader(key=key).set_value(("plan.json", data, "application/json")).run()
    assert_clean(at)
    token = at.session_state["plan_token"]
    assert get_store().load(token).plan.title == "Plan du fichier"
    assert i18n.t("app.need_plan", lang) not in [i.value for i in at.info]


def test_a_page_that_stops_early_after_a_change_still_saves_it(monkeypatch):
    """A page that changes the plan and then stops early (``st.stop()``) loses nothing: the
    change is saved, and the plan reopened from its link shows it."""
    stop_page = "../tests/data/pages/stop_after_change"
    *others, (tools, pages) = navigation.SECTIONS
    spec = navigation.PageSpec(stop_page, "nav.home", ":material/stop:", "arret-apres-modification")
    monkeypatch.setattr(navigation, "SECTIONS", (*others, (tools, (*pages, spec))))
    token = new_plan_token(0, "fr")
    assert stored_plan(token).title != STOPPED_TITLE

    at = run_page(stop_page, lang="fr", token=token)
    assert not at.exception, [e.value for e in at.exception]

    assert stored_plan(token).title == STOPPED_TITLE
    reopened = run_page("my_plan", lang="fr", token=token)
    assert_clean(reopened)
    assert labelled(reopened.text_input, i18n.t("myplan.plan_title", "fr")).value == STOPPED_TITLE
