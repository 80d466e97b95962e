"""The audience-quality, influence and trends pages, through AppTest, in French and in English."""

from __future__ import annotations

import json

import pytest

from influkit.data import datasets, generate
from influkit.identify import profiles, quality
from influkit.plan.model import Plan
from influkit.plan.storage import get_store
from influkit.text import i18n

from ..apptest_helpers import LANGS, all_text, assert_clean, new_plan_token, run_page

BOUGHT = generate.BOUGHT_JUMP_IDS[0]


def _clean_account() -> str:
    """An account without any audience-quality flag."""
    table = profiles.influencer_table(None)
    flags = quality.quality_flags(table, datasets.load("follower_history"), datasets.load("posts"))
    flagged = set(flags["influencer_id"])
    return next(i for i in table["influencer_id"] if i not in flagged)


CLEAN = _clean_account()
NAMES = profiles.influencer_table(None).set_index("influencer_id")["display_name"]


def _token_with_shortlist(lang: str, ids: tuple[str, ...] = (BOUGHT, CLEAN)) -> str:
    """A stored plan from the first case whose shortlist holds ``ids``."""
    plan = Plan.from_case(datasets.cases()[0], lang)
    for influencer_id in ids:
        plan.add_to_shortlist(influencer_id)
    return get_store().create(plan)


def _widget(widgets, label: str):
    return next(w for w in widgets if w.label == label)


def _saved_plan(at, token: str) -> Plan:
    """The plan as the router's autosave stored it."""
    return get_store().load(token).plan


def _chart_titles(at) -> list[str]:
    titles = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        titles.append(spec.get("layout", {}).get("title", {}).get("text", ""))
    return titles


# --- audience quality ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_quality_table_lists_a_bought_jump_with_its_reason(lang):
    """The shortlist's bought-follower account is named in the banner and its row says the
    follower jump is unexplained; the clean account's row has no sign."""
    at = run_page("audience_quality", lang=lang, token=_token_with_shortlist(lang))
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
    at = run_page("audience_quality", lang=lang, token=_token_with_shortlist(lang, (CLEAN, BOUGHT)))
    _widget(at.selectbox, i18n.t("quality.choose", lang)).set_value(BOUGHT).run()
    assert_clean(at)
    assert any(i18n.t("quality.code.bought_jump", lang) in e.value for e in at.error)
    name = NAMES[BOUGHT]
    assert i18n.t("quality.followers_chart", lang, name=name) in _chart_titles(at)
    assert any(
        title.startswith(i18n.t("quality.er_chart", lang, name=name, peers=0)[:10])
        for title in _chart_titles(at)
    )


@pytest.mark.parametrize("lang", LANGS)
def test_marking_reviewed_is_stored_in_the_plan(lang):
    """Ticking "reviewed" records the influencer in the saved plan and the progress moves."""
    token = _token_with_shortlist(lang)
    at = run_page("audience_quality", lang=lang, token=token)
    _widget(at.selectbox, i18n.t("quality.choose", lang)).set_value(BOUGHT).run()
    _widget(at.checkbox, i18n.t("quality.reviewed", lang)).check().run()
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


@pytest.mark.parametrize("lang", LANGS)
def test_influence_compares_the_shortlist_with_the_norm(lang):
    """The shortlisted accounts are compared by default, with an index chart and the market."""
    at = run_page("influence", lang=lang, token=_token_with_shortlist(lang))
    assert_clean(at)
    table = at.dataframe[0].value
    assert set(table["name"]) == {NAMES[BOUGHT], NAMES[CLEAN]}
    assert "(×" in table["share_rate"].iloc[0]
    assert i18n.t("influence.index_chart", lang) in _chart_titles(at)
    assert "Nacrelis" in all_text(at)


@pytest.mark.parametrize("lang", LANGS)
def test_adding_an_account_adds_a_row(lang):
    """Choosing one more account to compare adds its row to the table."""
    at = run_page("influence", lang=lang, token=_token_with_shortlist(lang, (CLEAN,)))
    picker = _widget(at.multiselect, i18n.t("influence.choose", lang))
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


# --- trends -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_trends_rank_a_planted_tag_first_for_its_niche(lang):
    """The case's niches are preselected; narrowing to beauty puts its planted tag on top."""
    at = run_page("trends", lang=lang, token=new_plan_token(0, lang))
    assert_clean(at)
    niches = _widget(at.multiselect, i18n.t("trends.niches", lang))
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
    _widget(at.text_area, i18n.t("trends.note", lang)).input("#skinminimalism : routine").run()
    assert_clean(at)
    assert _saved_plan(at, token).notes["trends"] == "#skinminimalism : routine"


@pytest.mark.parametrize("lang", LANGS)
def test_trends_first_adopters_follow_the_chosen_tag(lang):
    """Choosing a hashtag lists its first adopters with their tier."""
    at = run_page("trends", lang=lang, token=new_plan_token(0, lang))
    tag = generate.RISING_HASHTAGS["ecology"][0]
    _widget(at.selectbox, i18n.t("trends.choose_tag", lang)).set_value(tag).run()
    assert_clean(at)
    adopters = at.dataframe[1].value
    assert 1 <= len(adopters) <= 5
    assert i18n.t("trends.col_tier", lang) in adopters.columns


@pytest.mark.parametrize(
    ("page", "namespace", "hint"),
    [
        ("audience_quality", "quality", "quality.no_plan"),
        ("influence", "influence", "influence.no_plan"),
        ("trends", "trends", "trends.note_need_plan"),
    ],
)
@pytest.mark.parametrize("lang", LANGS)
def test_pages_work_without_a_plan(page, namespace, hint, lang):
    """Each page opens without a plan and says what a plan would add."""
    at = run_page(page, lang=lang)
    assert_clean(at)
    assert at.title[0].value == i18n.t(f"{namespace}.title", lang)
    assert i18n.t(hint, lang) in all_text(at)
