"""The trends page, through AppTest, in French and in English: the tags rising in a niche, their
first adopters, and the trainee's note saved in the plan."""

from __future__ import annotations

import pytest

from influkit.data import datasets, generate
from influkit.text import i18n

from ..helpers import LANGS, all_text, assert_clean, labelled, new_plan_token, run_page, stored_plan


@pytest.mark.parametrize("lang", LANGS)
def test_trends_rank_a_planted_tag_first_for_its_niche(lang):
    """The case's niches are preselected; narrowing to beauty puts its planted tag on top."""
    at = run_page("trends", lang=lang, token=new_plan_token(0, lang))
    assert_clean(at)
    niches = labelled(at.multiselect, i18n.t("trends.niches", lang))
    assert niches.value == datasets.cases()[0]["niches"]
    niches.set_value(["beauty"]).run()
    assert_clean(at)
    top = at.dataframe[0].value["hashtag"].iloc[0]
    assert top == generate.RISING_HASHTAGS["beauty"][0]
    assert top in at.success[0].value


@pytest.mark.parametrize("lang", LANGS)
def test_trends_note_is_saved(lang):
    """What the trainee writes about the trends is kept in the plan's notes."""
    token = new_plan_token(0, lang)
    at = run_page("trends", lang=lang, token=token)
    labelled(at.text_area, i18n.t("trends.note", lang)).input("#skinminimalism : routine").run()
    assert_clean(at)
    assert stored_plan(token).notes["trends"] == "#skinminimalism : routine"


@pytest.mark.parametrize("lang", LANGS)
def test_trends_first_adopters_follow_the_chosen_tag(lang):
    """Choosing a hashtag lists its first adopters with their tier."""
    at = run_page("trends", lang=lang, token=new_plan_token(0, lang))
    tag = generate.RISING_HASHTAGS["ecology"][0]
    labelled(at.selectbox, i18n.t("trends.choose_tag", lang)).set_value(tag).run()
    assert_clean(at)
    adopters = at.dataframe[1].value
    assert 1 <= len(adopters) <= 5
    assert i18n.t("trends.col_tier", lang) in adopters.columns


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_works_without_a_plan(lang):
    """The page opens without a plan and says what a plan would add."""
    at = run_page("trends", lang=lang)
    assert_clean(at)
    assert at.title[0].value == i18n.t("trends.title", lang)
    assert i18n.t("trends.note_need_plan", lang) in all_text(at)
