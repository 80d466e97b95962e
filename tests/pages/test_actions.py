"""The action plan page, through AppTest, in French and in English: deliverables suggested from
the influencer's profile, edited in the table and checked, then turned into the retro-planning."""

from __future__ import annotations

import pytest

from influkit.campaign.budget import plan as budget_plan
from influkit.identify import profiles
from influkit.operations import deliverables as actions
from influkit.text import i18n

from ..helpers import (
    LANGS,
    assert_clean,
    button,
    edit_table,
    new_plan_token,
    planning_token,
    run_page,
    stored_plan,
)


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_shortlist_is_explained_and_an_influencer_can_be_added_here(lang):
    """With no one shortlisted the page says why it is empty; picking a profile adds it."""
    token = new_plan_token(0, lang)
    at = run_page("actions", lang=lang, token=token)
    assert_clean(at)
    assert i18n.t("actions.empty_shortlist", lang) in [i.value for i in at.info]
    plan = stored_plan(token)
    wanted = budget_plan.candidate_pool(plan, profiles.influencer_table(plan))["influencer_id"][0]
    at.selectbox[0].set_value(wanted).run()
    button(at, "actions.quick_add_button", lang).click().run()
    assert_clean(at)
    assert stored_plan(token).shortlisted_ids() == [wanted]
    name = actions.influencer_names(stored_plan(token))[wanted]
    assert any(name in s.value for s in at.success)
    assert at.data_editor, "the new influencer's table of deliverables is shown"


@pytest.mark.parametrize("lang", LANGS)
def test_the_suggested_deliverable_comes_from_the_influencers_profile(lang):
    """One click adds a deliverable on the influencer's platform, in its usual format."""
    token = planning_token(lang)
    at = run_page("actions", lang=lang, token=token)
    assert_clean(at)
    first = stored_plan(token).shortlisted_ids()[0]
    at.button(key=f"actions_add_{first}").click().run()
    assert_clean(at)
    (deliverable,) = stored_plan(token).deliverables
    assert (deliverable.influencer_id, deliverable.platform, deliverable.format) == (
        first,
        "instagram",
        "reel",
    )
    assert deliverable.window_start is not None


@pytest.mark.parametrize("lang", LANGS)
def test_editing_a_deliverable_in_the_table_is_stored_and_a_wrong_format_is_refused(lang):
    """Changing the count is saved; a format the platform does not offer is refused with a
    message and the stored deliverable stays as it was."""
    token = planning_token(lang, deliverables=True)
    at = run_page("actions", lang=lang, token=token)
    assert_clean(at)
    editor = at.data_editor[0]
    edit_table(at, editor.key, rows={0: {"count": 3, "note": "2 stories en plus"}})
    assert_clean(at)
    first = stored_plan(token).deliverables[0]
    assert (first.count, first.note) == (3, "2 stories en plus")
    edit_table(at, editor.key, rows={0: {"format": "short"}})
    assert_clean(at)
    (error,) = at.error
    assert i18n.label("data.format", "short", lang) in error.value
    assert stored_plan(token).deliverables[0].format == "reel"


@pytest.mark.parametrize("lang", LANGS)
def test_deliverables_feed_the_retroplanning(lang):
    """The button on the action plan builds the retro-planning with a chain per deliverable."""
    token = planning_token(lang, deliverables=True)
    at = run_page("actions", lang=lang, token=token)
    button(at, "actions.retro_generate", lang).click().run()
    assert_clean(at)
    plan = stored_plan(token)
    for deliverable in plan.deliverables:
        ids = {t.task_id for t in plan.tasks if t.deliverable_id == deliverable.deliverable_id}
        assert ids == {
            f"{deliverable.deliverable_id}-{p}" for p in actions.retroplan.DELIVERABLE_PHASES
        }


@pytest.mark.parametrize("lang", LANGS)
def test_deleting_a_deliverable_in_the_table_asks_to_update_the_retroplanning(lang):
    """A deliverable deleted from the table leaves the plan; its tasks are flagged until the
    retro-planning is updated, which removes them."""
    token = planning_token(lang, deliverables=True, tasks=True)
    at = run_page("actions", lang=lang, token=token)
    gone = stored_plan(token).deliverables[0].deliverable_id
    edit_table(at, at.data_editor[0].key, deleted=[0])
    assert_clean(at)
    assert gone not in {d.deliverable_id for d in stored_plan(token).deliverables}
    stale = len(actions.tasks_of_removed_deliverables(stored_plan(token)))
    assert stale == len(actions.retroplan.DELIVERABLE_PHASES)
    assert i18n.t("actions.retro_stale", lang, count=stale) in [i.value for i in at.info]
    button(at, "actions.retro_button", lang).click().run()
    assert_clean(at)
    assert actions.tasks_of_removed_deliverables(stored_plan(token)) == []


@pytest.mark.parametrize("lang", LANGS)
def test_without_a_plan_the_page_says_how_to_start(lang):
    """Opened with no plan, the page explains how to start one instead of failing."""
    at = run_page("actions", lang=lang)
    assert_clean(at)
    assert i18n.t("app.need_plan", lang) in [info.value for info in at.info]
