"""Nothing a trainee builds is lost: two tabs on one plan, an erased plan, a failing database,
and a plan file opened from My plan — through AppTest, in French and in English."""

import json

import pytest

from influkit.data import limits
from influkit.plan.model import Plan
from influkit.plan.storage import PlanStore, StorageFault, get_store
from influkit.text import i18n
from ui import state
from ui.text import plain

from ..helpers import LANGS, all_text, assert_clean, button, new_plan_token, run_page


def _title_box(at, lang):
    return next(w for w in at.text_input if w.label == i18n.t("myplan.plan_title", lang))


def _two_tabs(lang):
    token = new_plan_token(0, lang)
    return token, run_page("my_plan", lang=lang, token=token), run_page("my_plan", lang, token)


@pytest.mark.parametrize("lang", LANGS)
def test_the_tab_that_lost_the_race_says_so_and_keeps_its_version(lang):
    """Two tabs edit one plan: the second save is not written over the first; the second tab
    says the plan changed elsewhere and still shows what the trainee typed."""
    token, tab_a, tab_b = _two_tabs(lang)
    _title_box(tab_a, lang).input("Titre de l'onglet A").run()
    assert get_store().load(token).plan.title == "Titre de l'onglet A"
    _title_box(tab_b, lang).input("Titre de l'onglet B").run()
    assert_clean(tab_b)
    assert get_store().load(token).plan.title == "Titre de l'onglet A"
    assert i18n.t("app.changed_elsewhere", lang) in all_text(tab_b)
    assert tab_b.session_state["plan"].title == "Titre de l'onglet B"
    assert i18n.t("app.not_saved_conflict", lang) in [w.value for w in tab_b.sidebar.warning]


@pytest.mark.parametrize("lang", LANGS)
def test_keep_mine_as_a_copy_saves_the_tab_under_a_new_link(lang):
    """“Keep my version as a copy” stores the tab's version under a new code; the other
    version stays at the old one."""
    token, tab_a, tab_b = _two_tabs(lang)
    _title_box(tab_a, lang).input("Version A").run()
    _title_box(tab_b, lang).input("Version B").run()
    tab_b.button(key="conflict_keep_copy").click().run()
    assert_clean(tab_b)
    copy_token = tab_b.session_state["plan_token"]
    assert copy_token != token
    assert get_store().load(copy_token).plan.title.startswith("Version B")
    assert get_store().load(token).plan.title == "Version A"
    assert i18n.t("app.changed_elsewhere", lang) not in all_text(tab_b)
    _title_box(tab_b, lang).input("Version B, suite").run()
    assert get_store().load(copy_token).plan.title == "Version B, suite"


@pytest.mark.parametrize("lang", LANGS)
def test_reload_the_saved_version_shows_the_other_tabs_work(lang):
    """“Reload the saved version” drops the tab's edits for the stored plan, then saves again."""
    token, tab_a, tab_b = _two_tabs(lang)
    _title_box(tab_a, lang).input("Version A").run()
    _title_box(tab_b, lang).input("Version B").run()
    tab_b.button(key="conflict_reload").click().run()
    assert_clean(tab_b)
    assert _title_box(tab_b, lang).value == "Version A"
    _title_box(tab_b, lang).input("Version A puis B").run()
    assert get_store().load(token).plan.title == "Version A puis B"


@pytest.mark.parametrize("lang", LANGS)
def test_a_plan_erased_in_another_tab_is_not_revived(lang):
    """After an erase from one tab, the other tab's edits are not saved back: it says the plan
    was erased and offers to keep its version as a copy."""
    token, tab_a, tab_b = _two_tabs(lang)
    confirm = next(b for b in tab_a.button if b.label == i18n.t("myplan.delete_confirm", lang))
    confirm.click().run()
    _title_box(tab_b, lang).input("Après l'effacement").run()
    assert_clean(tab_b)
    assert get_store().load(token) is None
    assert i18n.t("app.erased_elsewhere", lang) in all_text(tab_b)
    assert not any(b.key == "conflict_reload" for b in tab_b.button)
    tab_b.button(key="conflict_keep_copy").click().run()
    copy_token = tab_b.session_state["plan_token"]
    assert get_store().load(copy_token).plan.title.startswith("Après l'effacement")
    assert i18n.t("app.erased_copied", lang, code=plain(copy_token)) in [
        s.value for s in tab_b.success
    ]
    assert get_store().load(token) is None
    reopened = run_page(lang=lang, token=token)
    assert i18n.t("app.plan_erased", lang, code=plain(token)) in all_text(reopened)


@pytest.mark.parametrize("lang", LANGS)
def test_a_locked_database_keeps_the_work_and_saves_it_later(lang, monkeypatch):
    """While the database is locked, the page says so and keeps the edit; once it is free
    again, the next attempt saves it without the trainee doing anything special."""
    token = new_plan_token(0, lang)
    at = run_page("my_plan", lang=lang, token=token)
    real_save = PlanStore.save

    def locked(self, *args, **kwargs):
        raise StorageFault("locked")

    monkeypatch.setattr(PlanStore, "save", locked)
    _title_box(at, lang).input("Pendant le verrou").run()
    assert_clean(at)
    reason = i18n.t("storage.fault.locked", lang)
    assert i18n.t("app.save_failed", lang, reason=reason) in [e.value for e in at.error]
    assert at.session_state["plan"].title == "Pendant le verrou"
    assert get_store().load(token).plan.title != "Pendant le verrou"

    monkeypatch.setattr(PlanStore, "save", real_save)
    monkeypatch.setattr(state, "RETRY_DELAYS", (0,))
    at.run()
    assert_clean(at)
    assert get_store().load(token).plan.title == "Pendant le verrou"
    assert not at.error


def test_the_automatic_retry_saves_without_any_click(monkeypatch):
    """The retry that runs every few seconds while the page is open saves the pending work."""
    token = new_plan_token(0, "fr")
    at = run_page("my_plan", lang="fr", token=token)
    real_save = PlanStore.save
    monkeypatch.setattr(
        PlanStore, "save", lambda self, *a, **k: (_ for _ in ()).throw(StorageFault("disk_full"))
    )
    monkeypatch.setattr(state, "RETRY_DELAYS", (0,))
    _title_box(at, "fr").input("Disque plein").run()
    assert at.session_state[state.SAVE_ERROR_KEY].kind == "disk_full"
    monkeypatch.setattr(PlanStore, "save", real_save)
    # What the fragment does on its timer, outside any full run of the page.
    keys = [state.PLAN_KEY, state.TOKEN_KEY, state.SAVED_JSON_KEY, state.REVISION_KEY]
    keys += [state.SAVE_ERROR_KEY, state.RETRY_KEY]
    session = {key: at.session_state[key] for key in keys if key in at.session_state}
    with monkeypatch.context() as patched:
        patched.setattr(state.st, "session_state", session)
        assert state.retry_due()
        assert state.retry_save() == "saved"
        assert state.SAVE_ERROR_KEY not in session
    assert get_store().load(token).plan.title == "Disque plein"


@pytest.mark.parametrize("lang", LANGS)
def test_starting_a_plan_while_the_database_fails_keeps_it(lang, monkeypatch):
    """Making a new plan (here a copy) while the database is read-only gives a message, not a
    traceback; the new plan is kept and stored as soon as the database accepts it."""
    at = run_page("my_plan", lang=lang, token=new_plan_token(0, lang))
    real_create = PlanStore.create

    def read_only(self, *args, **kwargs):
        raise StorageFault("read_only")

    monkeypatch.setattr(PlanStore, "create", read_only)
    button(at, "myplan.duplicate", lang).click().run()
    assert_clean(at)
    token = at.session_state["plan_token"]
    reason = i18n.t("storage.fault.read_only", lang)
    assert i18n.t("app.save_failed", lang, reason=reason) in [e.value for e in at.error]
    assert get_store().load(token) is None
    monkeypatch.setattr(PlanStore, "create", real_create)
    at.run()
    assert_clean(at)
    assert get_store().load(token) is not None
    assert not at.error


@pytest.mark.parametrize("lang", LANGS)
def test_a_plan_file_opens_as_a_new_plan_and_the_old_one_stays(lang):
    """Uploading a plan file on My plan opens it under a new link; the previous plan keeps its
    content and its code, as the message says."""
    token = new_plan_token(0, lang)
    at = run_page("my_plan", lang=lang, token=token)
    before = get_store().load(token).plan.model_dump_json()
    data = json.dumps(json.loads(Plan(title="Plan du fichier").model_dump_json())).encode()
    key = f"myplan_upload__{at.session_state[state.GEN_KEY]}__{lang}"
    at.file_uploader(key=key).set_value(("plan.json", data, "application/json")).run()
    assert_clean(at)
    new_token = at.session_state["plan_token"]
    assert new_token != token
    assert get_store().load(new_token).plan.title == "Plan du fichier"
    assert get_store().load(token).plan.model_dump_json() == before
    message = i18n.t("myplan.upload_ok", lang, title="Plan du fichier", previous=plain(token))
    assert message in [s.value for s in at.success]


@pytest.mark.parametrize("lang", LANGS)
def test_a_plan_too_big_to_save_says_so_and_keeps_the_work(lang, monkeypatch):
    """A plan past the size limit is not saved (it would not load again): the page says which
    limit, keeps the edit, and the saved plan stays as it was."""
    token = new_plan_token(0, lang)
    at = run_page("my_plan", lang=lang, token=token)
    small = limits.Limit("plan_bytes", 4_000, "bytes")
    monkeypatch.setattr(limits, "PLAN_BYTES", small)
    _title_box(at, lang).input("x" * 5_000).run()
    assert_clean(at)
    refused = [
        e.value
        for e in at.error
        if e.value.startswith(i18n.t("app.save_refused", lang, reason="").split(":")[0])
    ]
    assert refused, [e.value for e in at.error]
    assert at.session_state["plan"].title == "x" * 5_000
    assert get_store().load(token).plan.title != "x" * 5_000
