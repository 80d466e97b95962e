"""The pipeline page (module 3), through AppTest, in French and in English: the board and its
stages, the follow-up reminder, an influencer moved to another stage, dated and saved."""

import datetime as dt

import pytest

from influkit.plan.storage import get_store
from influkit.relationship import pipeline
from influkit.text import i18n

from ..helpers import LANGS, all_text, assert_clean, busy_relationship_plan, run_page


@pytest.mark.parametrize("lang", LANGS)
def test_pipeline_shows_the_reminder_and_every_stage_column(lang):
    """An influencer contacted long ago gets a follow-up warning; the board names each stage."""
    token, plan = busy_relationship_plan(lang)
    at = run_page("relationship_pipeline", lang=lang, token=token)
    text = all_text(at)
    for stage in pipeline.FLOW:
        assert i18n.t(f"relationship.stage.{stage}", lang) in text
    assert at.warning, "a follow-up is due"
    assert at.dataframe, "the table is shown"


@pytest.mark.parametrize("lang", LANGS)
def test_moving_an_influencer_is_dated_and_saved(lang):
    """Choosing a new stage and confirming records the move with today's date."""
    token, plan = busy_relationship_plan(lang)
    at = run_page("relationship_pipeline", lang=lang, token=token)
    stage_box = next(
        s for s in at.selectbox if s.label == i18n.t("relationship.pipeline.new_stage", lang)
    )
    stage_box.set_value("in_talks")
    next(
        b for b in at.button if b.label == i18n.t("relationship.pipeline.move", lang)
    ).click().run()
    assert_clean(at)
    stored = get_store().load(token).plan
    rel = pipeline.relationship_of(stored, plan.shortlisted_ids()[0])
    assert rel.stage == "in_talks"
    assert pipeline.local_date(rel.history[-1].at) == dt.date.today()


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_opens_on_a_busy_plan(lang):
    """With influencers contacted, negotiated and agreed, the page opens cleanly in the
    trainee's language."""
    token, _ = busy_relationship_plan(lang)
    at = run_page("relationship_pipeline", lang=lang, token=token)
    assert_clean(at)
    assert at.title[0].value == i18n.t("relationship.nav.pipeline", lang)
