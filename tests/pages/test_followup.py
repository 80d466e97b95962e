"""The follow-up page, through AppTest, in French and in English: each deliverable's status dated
when it changes, late ones flagged with a reminder to copy, and the relationship's stages."""

from __future__ import annotations

import datetime as dt

import pytest

from influkit.operations import deliverables as actions
from influkit.operations import followup
from influkit.operations.schedule import gantt
from influkit.plan.storage import get_store
from influkit.relationship import pipeline
from influkit.text import i18n

from ..helpers import (
    LANGS,
    all_text,
    assert_clean,
    busy_relationship_plan,
    metric_value,
    planning_token,
    run_page,
    stored_plan,
)

TODAY = dt.date.today()


@pytest.mark.parametrize("lang", LANGS)
def test_without_deliverables_the_followup_says_where_to_start(lang):
    """No deliverable yet: the page points to the action plan."""
    at = run_page("followup", lang=lang, token=planning_token(lang))
    assert_clean(at)
    assert i18n.t("followup.no_deliverables", lang) in [i.value for i in at.info]


@pytest.mark.parametrize("lang", LANGS)
def test_a_status_change_is_stored_with_todays_date(lang):
    """Choosing "brief sent" for a deliverable saves the status and the day it happened."""
    token = planning_token(lang, deliverables=True, tasks=True)
    at = run_page("followup", lang=lang, token=token)
    assert_clean(at)
    at.selectbox[0].select("brief_sent").run()
    assert_clean(at)
    first = stored_plan(token).deliverables[0]
    assert first.status == "brief_sent"
    assert first.status_dates == {"brief_sent": dt.date.today()}
    assert at.selectbox[0].value == "brief_sent"


@pytest.mark.parametrize("lang", LANGS)
def test_late_deliverables_are_flagged_with_a_reminder_to_copy(lang):
    """With the launch a week away and no brief sent, both deliverables are late, the filter
    keeps them, and each has a reminder naming the influencer."""
    launch = dt.date.today() + dt.timedelta(days=7)
    token = planning_token(lang, deliverables=True, tasks=True, launch=launch)
    at = run_page("followup", lang=lang, token=token)
    assert_clean(at)
    assert metric_value(at, "followup.metric_late", lang) == "2"
    reminders = [c.value for c in at.code]
    names = actions.influencer_names(stored_plan(token))
    assert len(reminders) == 2
    for deliverable, text in zip(stored_plan(token).deliverables, reminders, strict=True):
        assert names[deliverable.influencer_id] in text
    at.segmented_control[0].set_value("late").run()
    assert_clean(at)
    assert len(at.dataframe[0].value) == 2
    at.segmented_control[0].set_value("week").run()
    assert_clean(at)
    plan = stored_plan(token)
    table = followup.followup_table(plan, gantt.schedule_plan_tasks(plan.tasks, launch), TODAY)
    this_week = int((table["this_week"] | (table["flag"] == "due")).sum())
    if this_week:
        assert len(at.dataframe[0].value) == this_week
    else:
        assert i18n.t("followup.nothing_week", lang) in all_text(at)


@pytest.mark.parametrize("lang", LANGS)
def test_a_published_deliverable_is_done_and_needs_no_reminder(lang):
    """Once published, a deliverable counts as done and its reminder disappears."""
    launch = dt.date.today() + dt.timedelta(days=7)
    token = planning_token(lang, deliverables=True, tasks=True, launch=launch)
    at = run_page("followup", lang=lang, token=token)
    at.selectbox[0].select("published").run()
    assert_clean(at)
    assert metric_value(at, "followup.metric_done", lang) == "1"
    assert len(at.code) == 1


def test_the_followup_page_reads_and_moves_the_same_stages():
    """Module 4's follow-up shows each influencer's relationship stage, and a draft received
    there moves the influencer to "content in review" in the pipeline."""
    token, plan = busy_relationship_plan("fr")
    iid = plan.shortlisted_ids()[1]
    (deliverable,) = [d for d in plan.deliverables if d.influencer_id == iid]
    at = run_page("followup", lang="fr", token=token)
    assert_clean(at)
    stage = i18n.t("relationship.stage.agreed", "fr")
    assert any(stage in c.value for c in at.caption)
    box = next(s for s in at.selectbox if f"followup_status_{deliverable.deliverable_id}" in s.key)
    box.set_value("draft_received").run()
    assert_clean(at)
    rel = pipeline.relationship_of(get_store().load(token).plan, iid)
    assert rel.stage == "content_review"


@pytest.mark.parametrize("lang", LANGS)
def test_without_a_plan_the_page_says_how_to_start(lang):
    """Opened with no plan, the page explains how to start one instead of failing."""
    at = run_page("followup", lang=lang)
    assert_clean(at)
    assert i18n.t("app.need_plan", lang) in [info.value for info in at.info]
