"""The influence page, through AppTest, in French and in English: the shortlist against the norm
of its tier, accounts added to the comparison, suspicious accounts left out by default."""

from __future__ import annotations

import pytest

from influkit.data import generate
from influkit.identify import profiles
from influkit.text import i18n

from ..helpers import (
    LANGS,
    all_text,
    assert_clean,
    chart_titles,
    clean_account,
    labelled,
    new_plan_token,
    run_page,
    shortlisted_token,
)

BOUGHT = generate.BOUGHT_JUMP_IDS[0]
CLEAN = clean_account()
NAMES = profiles.influencer_table(None).set_index("influencer_id")["display_name"]


@pytest.mark.parametrize("lang", LANGS)
def test_influence_compares_the_shortlist_with_the_norm(lang):
    """The shortlisted accounts are compared by default, with an index chart and the market."""
    at = run_page("influence", lang=lang, token=shortlisted_token(lang, (BOUGHT, CLEAN)))
    assert_clean(at)
    table = at.dataframe[0].value
    assert set(table["name"]) == {NAMES[BOUGHT], NAMES[CLEAN]}
    assert "(×" in table["share_rate"].iloc[0]
    assert i18n.t("influence.index_chart", lang) in chart_titles(at)
    assert "Nacrelis" in all_text(at)


@pytest.mark.parametrize("lang", LANGS)
def test_adding_an_account_adds_a_row(lang):
    """Choosing one more account to compare adds its row to the table."""
    at = run_page("influence", lang=lang, token=shortlisted_token(lang, (CLEAN,)))
    picker = labelled(at.multiselect, i18n.t("influence.choose", lang))
    picker.set_value([CLEAN, BOUGHT]).run()
    assert_clean(at)
    assert set(at.dataframe[0].value["name"]) == {NAMES[CLEAN], NAMES[BOUGHT]}


@pytest.mark.parametrize("lang", LANGS)
def test_influence_default_leaves_out_suspicious_accounts(lang):
    """With an empty shortlist, the suggested accounts carry no audience-quality sign."""
    at = run_page("influence", lang=lang, token=new_plan_token(0, lang))
    assert_clean(at)
    table = at.dataframe[0].value
    assert len(table) == 5 and set(table["quality"]) == {"—"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_works_without_a_plan(lang):
    """The page opens without a plan and says what a plan would add."""
    at = run_page("influence", lang=lang)
    assert_clean(at)
    assert at.title[0].value == i18n.t("influence.title", lang)
    assert i18n.t("influence.no_plan", lang) in all_text(at)
