"""The home, My plan and Data pages, through AppTest, in French and in English."""

import pytest

from influkit.data import datasets
from influkit.plan.storage import get_store
from influkit.text import i18n
from ui.text import plain

from ..apptest_helpers import LANGS, all_text, assert_clean, new_plan_token, run_page


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


@pytest.mark.parametrize("lang", LANGS)
def test_duplicate_makes_an_independent_copy(lang):
    """Duplicating the plan switches to a new plan with its own code; the original is kept."""
    token = new_plan_token(0, lang)
    at = run_page("my_plan", lang=lang, token=token)
    next(b for b in at.button if b.label == i18n.t("myplan.duplicate", lang)).click().run()
    assert_clean(at)
    copy_token = at.session_state["plan_token"]
    assert copy_token != token
    assert get_store().load(copy_token).plan.title.endswith(i18n.t("plan.copy_suffix", lang))
    assert get_store().load(token) is not None


@pytest.mark.parametrize("lang", LANGS)
def test_data_page_lists_every_dataset_with_its_dictionary(lang):
    """The Data page offers each sample dataset, its dictionary and both downloads."""
    at = run_page("data", lang=lang)
    assert_clean(at)
    chooser = at.selectbox(key="data_dataset")
    assert list(chooser.options) == [i18n.t(f"data.dataset.{n}", lang) for n in datasets.DATASETS]
    for name in datasets.DATASETS:
        at.selectbox(key="data_dataset").select(name).run()
        assert_clean(at)
        assert len(at.dataframe) >= 2  # the dictionary and the data itself
    labels = {b.label for b in at.get("download_button")}
    assert {i18n.t("datapage.download_csv", lang), i18n.t("datapage.download_xlsx", lang)} <= labels


@pytest.mark.parametrize("lang", LANGS)
def test_data_page_filters_narrow_the_rows(lang):
    """Searching a handle in the influencers shows only the matching rows."""
    at = run_page("data", lang=lang)
    frame = datasets.load("influencers")
    handle = frame["handle"].iloc[0]
    at.text_input(key="data_search_influencers").input(handle).run()
    assert_clean(at)
    shown = at.dataframe[-1].value
    assert 1 <= len(shown) < len(frame)
    assert handle in set(shown["handle"])


def test_switching_language_in_the_sidebar_translates_the_page():
    """Choosing English in the sidebar turns the interface to English and keeps it in the URL."""
    at = run_page(lang="fr")
    at.sidebar.radio(key="sidebar_lang").set_value("en").run()
    assert_clean(at)
    assert at.title[0].value == i18n.t("home.title", "en")
    assert at.session_state["lang"] == "en"


def test_the_save_after_a_page_needs_no_streamlit_call():
    """A page that ends with st.stop() still gets its changes saved: the write itself makes
    no Streamlit call (after st.stop() none would work)."""
    from influkit.plan.model import Plan
    from ui.state import PendingSave

    token = get_store().create(Plan(title="avant"))
    pending = PendingSave.__new__(PendingSave)
    pending.plan, pending.token, pending.saved_json = Plan(title="après"), token, None
    pending.revision, pending.blocked = 1, False
    pending.written, pending.new_revision, pending.error, pending.conflict = None, None, None, None
    pending.write()
    assert get_store().load(token).plan.title == "après"
    assert pending.error is None and pending.new_revision == 2


@pytest.mark.parametrize("lang", LANGS)
def test_deleting_the_plan_erases_it_for_good(lang):
    """After “delete this plan”, its code opens nothing, and no late save brings it back."""
    token = new_plan_token(0, lang)
    at = run_page("my_plan", lang=lang, token=token)
    confirm = next(b for b in at.button if b.label == i18n.t("myplan.delete_confirm", lang))
    confirm.click().run()
    assert_clean(at)
    assert get_store().load(token) is None
    assert at.session_state["plan_token"] is None


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
    next(b for b in at.button if b.label == i18n.t("home.continue_button", lang)).click().run()
    assert_clean(at)
    assert at.session_state["plan_token"] == token
    assert i18n.t("app.need_plan", lang) not in [i.value for i in at.info]


@pytest.mark.parametrize("lang", LANGS)
def test_a_code_that_matches_nothing_is_explained_on_the_page(lang):
    """A code that opens no plan gives a message on the page and leaves the page as it was."""
    at = run_page("budget", lang=lang)
    fields, _ = _reopen_parts(at, lang)
    fields[0].input("this-code-matches-nothing")
    next(b for b in at.button if b.label == i18n.t("home.continue_button", lang)).click().run()
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
