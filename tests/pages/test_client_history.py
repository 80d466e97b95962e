"""The client history page, through AppTest, in French and in English: the brand's past campaigns
in facts and charts, grouped by platform, and the learnings saved in the plan."""

from __future__ import annotations

import pytest

from influkit.text import i18n

from ..helpers import (
    LANGS,
    all_text,
    assert_clean,
    beauty_shortlist_token,
    message_head,
    new_plan_token,
    plain_spaces,
    run_page,
    stored_plan,
)


@pytest.mark.parametrize("lang", LANGS)
def test_client_history_shows_facts_and_charts_and_saves_learnings(lang):
    """The trainee reads key facts and charts of the brand's history, and their learnings stay."""
    token = new_plan_token(0, lang)
    at = run_page("client_history", lang=lang, token=token)
    assert_clean(at)
    assert len(at.get("plotly_chart")) >= 6
    text = plain_spaces(all_text(at))
    assert "Verdelune" in text
    assert message_head("history.fact.overview", lang) in text
    learnings = next(a for a in at.text_area if a.label == i18n.t("history.learnings_label", lang))
    learnings.input("Le test TikTok de 2025 n'a pas été rentable.").run()
    assert_clean(at)
    assert stored_plan(token).client_learnings == "Le test TikTok de 2025 n'a pas été rentable."


@pytest.mark.parametrize("lang", LANGS)
def test_grouping_by_platform_lists_one_row_per_platform(lang):
    """Choosing "platform" turns the results table into one row per platform used."""
    at = run_page("client_history", lang=lang, token=new_plan_token(0, lang))
    at.segmented_control[0].set_value("platform").run()
    assert_clean(at)
    results = at.dataframe[0].value
    assert results.columns[0] == i18n.t("history.dimension.platform", lang)
    assert set(results.iloc[:, 0]) == {"Instagram", "TikTok"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_brand_without_history_practises_on_a_sample_brand(lang):
    """A plan for an unknown brand says so and lets the trainee pick a sample brand to study."""
    token = beauty_shortlist_token(lang, brand="Acme")
    at = run_page("client_history", lang=lang, token=token)
    assert_clean(at)
    assert any(
        plain_spaces(w.value).startswith(message_head("history.no_history", lang))
        for w in at.warning
    )
    picker = next(s for s in at.selectbox if s.label == i18n.t("history.practice_brand", lang))
    picker.set_value("Factoflow").run()
    assert_clean(at)
    assert "Factoflow" in all_text(at)
    assert stored_plan(token).notes["client_history_brand"] == "Factoflow"


@pytest.mark.parametrize("lang", LANGS)
def test_without_a_plan_the_page_says_how_to_start(lang):
    """Opened with no plan, the page explains how to start one instead of failing."""
    at = run_page("client_history", lang=lang)
    assert_clean(at)
    assert i18n.t("app.need_plan", lang) in [info.value for info in at.info]
