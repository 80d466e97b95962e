"""The Exports page through AppTest, in French and in English."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from pptx import Presentation

from influkit.data import datasets
from influkit.exports import file_name
from influkit.plan.model import Plan
from influkit.plan.storage import get_store
from influkit.text import i18n

from ..helpers import LANGS, all_text, assert_clean, new_plan_token, run_page


def _downloads(at) -> list[str]:
    return [element.proto.label for element in at.get("download_button")]


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_offers_every_file(lang):
    """The trainee sees the workbook, template, proposal, report and JSON, each with what it
    holds."""
    at = run_page("exports", lang=lang, token=new_plan_token(0, lang))
    assert_clean(at)
    assert at.title[0].value == i18n.t("exports.page.title", lang)
    text = all_text(at)
    for kind in ("workbook", "template", "deck", "report", "json"):
        assert i18n.t(f"exports.page.{kind}", lang) in text
    assert len([b for b in at.button if b.key.startswith("exports_prepare_")]) == 4
    plan = Plan.from_case(datasets.cases()[0], lang)
    assert i18n.t("exports.page.download", lang, name=file_name("json", plan, lang)) in _downloads(
        at
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["workbook", "template", "deck", "report"])
def test_preparing_a_file_offers_its_download(kind, lang):
    """Clicking “prepare” builds the file, says it is ready and offers it under a clear name."""
    token = new_plan_token(1, lang)
    at = run_page("exports", lang=lang, token=token)
    at.button(key=f"exports_prepare_{kind}").click().run()
    assert_clean(at)
    plan = get_store().load(token).plan
    name = file_name(kind, plan, lang, dt.date.today())
    assert i18n.t("exports.page.download", lang, name=name) in _downloads(at)
    assert at.status[0].proto.label.startswith(
        i18n.t("exports.page.built", lang, name=name, size="")[:10]
    )
    _, stored_name, data = at.session_state["exports_files"][kind]
    assert stored_name == name
    if kind == "deck":
        assert len(Presentation(io.BytesIO(data)).slides) >= 8
    elif kind == "report":
        assert len(Presentation(io.BytesIO(data)).slides) >= 2
    else:
        book = openpyxl.load_workbook(io.BytesIO(data))
        assert book.sheetnames[0] == i18n.t("exports.sheet.brief", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_choosing_a_table_shows_its_size(lang):
    """Picking a table in the list says how many rows it has and offers CSV and Excel."""
    at = run_page("exports", lang=lang, token=new_plan_token(0, lang))
    at.selectbox(key="exports_table").select("dataset:influencers").run()
    assert_clean(at)
    rows = len(datasets.load("influencers"))
    assert any(f"{rows}" in c.value.replace("\u202f", "").replace("\u00a0", "") for c in at.caption)
    labels = _downloads(at)
    assert i18n.t("exports.page.download_csv", lang) in labels
    assert i18n.t("exports.page.download_xlsx", lang) in labels


def test_viewing_the_page_changes_nothing_in_the_plan():
    """Opening the page and preparing files leaves the stored plan as it was."""
    token = new_plan_token(2, "fr")
    before = get_store().load(token).plan.model_dump_json()
    at = run_page("exports", lang="fr", token=token)
    at.button(key="exports_prepare_workbook").click().run()
    assert get_store().load(token).plan.model_dump_json() == before


@pytest.mark.parametrize("lang", LANGS)
def test_a_confirmed_workbook_import_changes_the_plan_and_saves_it(lang):
    """The trainee drops their edited workbook, confirms, and finds the edit saved in the plan."""
    from influkit.exports import plan_workbook
    from ui import state

    token = new_plan_token(0, lang)
    store = get_store()
    saved = store.load(token)
    book = openpyxl.load_workbook(io.BytesIO(plan_workbook(saved.plan, lang)))
    book["Brief"]["B6"] = "Verdelune Pro"
    edited = io.BytesIO()
    book.save(edited)
    at = run_page("exports", lang=lang, token=token)
    key = f"exports_upload__{at.session_state[state.GEN_KEY]}__{lang}"
    at.file_uploader(key=key).set_value(("plan.xlsx", edited.getvalue(), "")).run()
    assert_clean(at)
    at.button(key="exports_confirm").click().run()
    assert_clean(at)
    after = store.load(token)
    assert after.plan.brief.brand == "Verdelune Pro"
    assert after.revision == saved.revision + 1
