"""The import page through AppTest, in French and in English: upload, map, check, import."""

from pathlib import Path

import pytest

from influkit.data import importer
from influkit.plan.model import ImportedInfluencer
from influkit.plan.storage import get_store
from influkit.text import i18n

from ..helpers import DATA, LANGS, all_text, assert_clean, new_plan_token, run_page, stored_plan

FOLDER = DATA / "import"


def _upload(at, name: str, data: bytes | None = None):
    """Drop a file on the page's uploader, as the trainee would."""
    content = data if data is not None else (FOLDER / name).read_bytes()
    at.file_uploader(key="import_upload").set_value((name, content, "text/csv")).run()
    assert_clean(at)
    return at


def _problems_table(at, lang):
    """The problems table, recognised by its translated headers."""
    headers = [i18n.t(f"importer.problems.{c}", lang) for c in ("row", "column", "reason")]
    return next((d.value for d in at.dataframe if all(h in d.value.columns for h in headers)), None)


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_explains_the_steps_and_offers_the_template(lang):
    """Before any file: the four steps are introduced and the template can be downloaded."""
    at = run_page("import_list", lang=lang, token=new_plan_token(0, lang))
    assert_clean(at)
    assert at.title[0].value == i18n.t("importer.title", lang)
    text = all_text(at)
    assert i18n.t("importer.upload_prompt", lang) in text
    assert i18n.t("importer.imported_none", lang) in text
    assert at.get("download_button"), "the template download is offered"


@pytest.mark.parametrize("lang", LANGS)
def test_a_good_file_is_mapped_checked_and_imported(lang):
    """Dropping a French export pre-fills the columns, shows 6 valid rows, and imports them."""
    token = new_plan_token(0, lang)
    at = _upload(run_page("import_list", lang=lang, token=token), "fr_export_good.csv")
    handle_box = next(s for s in at.selectbox if s.key.endswith("_handle"))
    followers_box = next(s for s in at.selectbox if s.key.endswith("_followers"))
    assert (handle_box.value, followers_box.value) == ("Pseudo", "Abonnés")
    assert handle_box.label.endswith("*")
    text = all_text(at)
    assert i18n.t("importer.count_valid_other", lang, n="6") in text
    assert i18n.t("importer.no_problems", lang) in text
    assert stored_plan(token).imported_influencers == [], "nothing changes before the button"

    at.button(key="import_go").click().run()
    assert_clean(at)
    plan = stored_plan(token)
    assert len(plan.imported_influencers) == 6
    first = plan.imported_influencers[0]
    assert (first.handle, first.followers, first.engagement_rate) == ("@lea_beaute", 12500, 0.045)
    assert any(i18n.t("importer.explorer_hint", lang) in c.value for c in at.caption)
    assert len([b for b in at.button if b.key.startswith("import_remove_")]) == 6


@pytest.mark.parametrize("lang", LANGS)
def test_a_broken_file_shows_the_problems_table(lang):
    """Bad rows are listed with row, column, value and reason; only valid rows are imported."""
    token = new_plan_token(0, lang)
    at = _upload(run_page("import_list", lang=lang, token=token), "bad_rows.csv")
    problems = _problems_table(at, lang)
    row_header = i18n.t("importer.problems.row", lang)
    reason_header = i18n.t("importer.problems.reason", lang)
    assert list(problems[row_header]) == [3, 5, 6, 7, 8, 10]  # Myspace is kept as "other"
    assert i18n.t("importer.reason.above_one", lang) in list(problems[reason_header])
    text = all_text(at)
    assert i18n.t("importer.count_to_fix_other", lang, n="5") in text
    assert i18n.t("importer.import_button", lang, n="4") in [b.label for b in at.button]

    at.button(key="import_go").click().run()
    assert_clean(at)
    handles = {e.handle for e in stored_plan(token).imported_influencers}
    assert handles == {"@ok_un", "@myspace_fan", "@niche_inconnue", "@ok_deux"}
    assert _problems_table(at, lang) is not None, "the problems stay listed"
    assert "import_problems_csv" in [b.key for b in at.get("download_button")]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "name, key",
    [
        ("document.pdf", "importer.error.unsupported_type"),
        ("garbage.csv", "importer.error.not_a_table"),
        ("wrong_separator.csv", "importer.error.one_column"),
        ("header_only.csv", "importer.error.no_rows"),
    ],
)
def test_an_unreadable_file_says_why(name, key, lang):
    """A file that is not a table gets a message in words, and nothing else happens."""
    token = new_plan_token(0, lang)
    at = _upload(run_page("import_list", lang=lang, token=token), name)
    errors = [e.value for e in at.error]
    assert len(errors) == 1
    reason = i18n.t(key, lang, ext=Path(name).suffix)
    assert errors[0] == i18n.t("importer.read_error", lang, reason=reason)
    assert not [b for b in at.button if b.key == "import_go"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_list_without_platform_takes_the_one_chosen_for_all_rows(lang):
    """With no platform column, rows fail until a platform is chosen for the whole file."""
    token = new_plan_token(0, lang)
    data = "Pseudo;Abonnés\n@une;1 200\n@deux;3,4 k\n".encode()
    at = _upload(run_page("import_list", lang=lang, token=token), "sans-plateforme.csv", data)
    assert i18n.t("importer.count_valid_one", lang, n="0") in all_text(at)
    default = next(s for s in at.selectbox if s.key.endswith("_default_platform"))
    default.set_value("tiktok").run()
    assert_clean(at)
    assert i18n.t("importer.count_valid_other", lang, n="2") in all_text(at)
    at.button(key="import_go").click().run()
    assert {e.platform for e in stored_plan(token).imported_influencers} == {"tiktok"}


@pytest.mark.parametrize("lang", LANGS)
def test_unlinking_a_required_column_stops_the_check_and_says_which(lang):
    """Setting a required field to “not in the file” names it and hides the import button."""
    at = _upload(
        run_page("import_list", lang=lang, token=new_plan_token(0, lang)), "duplicates.csv"
    )
    followers = next(s for s in at.selectbox if s.key.endswith("_followers"))
    followers.select_index(0).run()
    assert_clean(at)
    fields = i18n.t("importer.field.followers", lang)
    assert any(
        w.value == i18n.t("importer.missing_required", lang, fields=fields) for w in at.warning
    )
    assert not [b for b in at.button if b.key == "import_go"]


@pytest.mark.parametrize("lang", LANGS)
def test_importing_again_can_keep_or_update(lang):
    """A second import of the same accounts keeps them unless the trainee chooses to update."""
    token = new_plan_token(0, lang)
    at = _upload(run_page("import_list", lang=lang, token=token), "duplicates.csv")
    at.button(key="import_go").click().run()
    plan = stored_plan(token)
    assert len(plan.imported_influencers) == 3
    changed = "Pseudo;Plateforme;Abonnés\n@anna;Instagram;99 000\n".encode()
    _upload(at, "duplicates-v2.csv", changed)
    assert at.radio(key="import_existing").value == "keep"
    at.button(key="import_go").click().run()
    assert stored_plan(token).imported_influencers[0].followers == 10000
    at.radio(key="import_existing").set_value("update").run()
    at.button(key="import_go").click().run()
    assert_clean(at)
    stored = stored_plan(token).imported_influencers
    assert (len(stored), stored[0].followers) == (3, 99000)


@pytest.mark.parametrize("lang", LANGS)
def test_an_imported_influencer_can_be_removed_unless_shortlisted(lang):
    """Each imported account has a remove button; a shortlisted one cannot be removed."""
    token = new_plan_token(0, lang)
    store = get_store()
    saved = store.load(token)
    plan = saved.plan
    free, kept = (
        ImportedInfluencer(
            influencer_id=importer.imported_id(h, "instagram"), handle=h, platform="instagram"
        )
        for h in ("@libre", "@retenue")
    )
    plan.imported_influencers = [free, kept]
    plan.add_to_shortlist(kept.influencer_id)
    store.save(token, plan, expected_revision=saved.revision)
    at = run_page("import_list", lang=lang, token=token)
    assert_clean(at)
    assert at.button(key=f"import_remove_{kept.influencer_id}").disabled
    at.button(key=f"import_remove_{free.influencer_id}").click().run()
    assert_clean(at)
    assert [e.handle for e in stored_plan(token).imported_influencers] == ["@retenue"]
    assert i18n.t("importer.removed", lang, handle="@libre") in [s.value for s in at.success]
