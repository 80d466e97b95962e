"""The audience-quality page, through AppTest, in French and in English: a bought jump listed with
its reason, the evidence of one account, accounts marked as reviewed in the plan."""

from __future__ import annotations

import pytest

from influkit.data import generate
from influkit.identify import profiles, quality
from influkit.plan.storage import get_store
from influkit.text import i18n

from ..helpers import (
    LANGS,
    all_text,
    assert_clean,
    chart_titles,
    clean_account,
    labelled,
    run_page,
    shortlisted_token,
)

BOUGHT = generate.BOUGHT_JUMP_IDS[0]


CLEAN = clean_account()
NAMES = profiles.influencer_table(None).set_index("influencer_id")["display_name"]


# --- audience quality ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_quality_table_lists_a_bought_jump_with_its_reason(lang):
    """The shortlist's bought-follower account is named in the banner and its row says the
    follower jump is unexplained; the clean account's row has no sign."""
    at = run_page("audience_quality", lang=lang, token=shortlisted_token(lang, (BOUGHT, CLEAN)))
    assert_clean(at)
    assert NAMES[BOUGHT] in at.warning[0].value
    assert at.warning[0].value.startswith("1 ")
    table = at.dataframe[0].value.set_index("name")
    assert table.loc[NAMES[BOUGHT], "jump"] == i18n.t("quality.cell.bought_jump", lang)
    assert table.loc[NAMES[CLEAN], "level"] == i18n.t("quality.no_signal", lang)
    assert len(table) == 2


@pytest.mark.parametrize("lang", LANGS)
def test_choosing_an_influencer_shows_the_evidence(lang):
    """Choosing the bought-jump account shows its reason in words and its follower chart."""
    at = run_page("audience_quality", lang=lang, token=shortlisted_token(lang, (CLEAN, BOUGHT)))
    labelled(at.selectbox, i18n.t("quality.choose", lang)).set_value(BOUGHT).run()
    assert_clean(at)
    assert any(i18n.t("quality.code.bought_jump", lang) in e.value for e in at.error)
    name = NAMES[BOUGHT]
    assert i18n.t("quality.followers_chart", lang, name=name) in chart_titles(at)
    assert any(
        title.startswith(i18n.t("quality.er_chart", lang, name=name, peers=0)[:10])
        for title in chart_titles(at)
    )


@pytest.mark.parametrize("lang", LANGS)
def test_marking_reviewed_is_stored_in_the_plan(lang):
    """Ticking "reviewed" records the influencer in the saved plan and the progress moves."""
    token = shortlisted_token(lang, (BOUGHT, CLEAN))
    at = run_page("audience_quality", lang=lang, token=token)
    labelled(at.selectbox, i18n.t("quality.choose", lang)).set_value(BOUGHT).run()
    labelled(at.checkbox, i18n.t("quality.reviewed", lang)).check().run()
    assert_clean(at)
    assert quality.reviewed_ids(get_store().load(token).plan) == {BOUGHT}
    progress = at.get("progress")[0].proto
    assert progress.text == i18n.t("quality.progress", lang, done=1, total=2)
    assert at.dataframe[0].value.set_index("name").loc[NAMES[BOUGHT], "reviewed"]


@pytest.mark.parametrize("lang", LANGS)
def test_quality_page_without_a_plan_shows_every_flagged_account(lang):
    """Without a plan the page still lists the accounts with a sign, bought jumps included."""
    at = run_page("audience_quality", lang=lang)
    assert_clean(at)
    assert at.info[0].value == i18n.t("quality.no_plan", lang)
    names = set(at.dataframe[0].value["name"])
    assert {NAMES[i] for i in generate.BOUGHT_JUMP_IDS} <= names


# --- influence ----------------------------------------------------------------------------------


# --- trends -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_works_without_a_plan(lang):
    """The page opens without a plan and says what a plan would add."""
    at = run_page("audience_quality", lang=lang)
    assert_clean(at)
    assert at.title[0].value == i18n.t("quality.title", lang)
    assert i18n.t("quality.no_plan", lang) in all_text(at)
