"""Every page of the menu opens without an error, in French and in English, with and without
a plan, and shows no untranslated text."""

import pytest

from influkit.text import i18n
from ui.navigation import all_pages

from ..helpers import LANGS, assert_clean, new_plan_token, run_page

PAGES = [spec.file for spec in all_pages()]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_page_opens_on_a_case_plan(page, lang):
    """A trainee with a plan started from a case can open the page in their language."""
    at = run_page(page, lang=lang, token=new_plan_token(0, lang))
    assert_clean(at)
    assert at.title, "every page has a title"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", [spec.file for spec in all_pages() if spec.needs_plan])
def test_page_without_a_plan_says_how_to_start(page, lang):
    """A page that works on the plan explains how to start one when there is none."""
    at = run_page(page, lang=lang)
    assert_clean(at)
    assert any(info.value == i18n.t("app.need_plan", lang) for info in at.info)


def test_no_page_url_repeats_its_file_name():
    """URLs differ from file names, so Streamlit never mistakes a page for a legacy one."""
    assert [s.file for s in all_pages() if s.url_path == s.file] == []
