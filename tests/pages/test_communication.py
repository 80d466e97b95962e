"""The communication page, through AppTest, in French and in English: the storytelling canvas,
key messages and the editorial calendar saved, a channel plan for each shortlisted influencer."""

from __future__ import annotations

import pytest

from influkit.text import i18n

from ..helpers import (
    LANGS,
    all_text,
    assert_clean,
    keyed,
    labelled,
    niche_shortlist_token,
    run_page,
    stored_plan,
    stored_record,
)


@pytest.mark.parametrize("lang", LANGS)
def test_filling_the_storytelling_canvas_is_stored(lang):
    """What the trainee writes in the canvas is in the saved plan, and counts as filled."""
    token, _ = niche_shortlist_token(lang)
    at = run_page("communication", lang=lang, token=token)
    assert_clean(at)
    texts = {
        "promise": "Une peau apaisée en 14 jours",
        "problem": "Pas le temps pour 10 étapes",
        "story_arc": "Jour 1, jour 7, jour 14",
        "call_to_action": "Code LINA15",
    }
    for field, text in texts.items():
        keyed(at.text_area, f"com_story_{field}__").input(text).run()
    assert_clean(at)
    story = stored_plan(token).communication.storytelling
    assert story.model_dump() == texts
    assert i18n.t(
        "communication.complete_detail.storytelling", lang, filled=4, total=4
    ) in all_text(at)


@pytest.mark.parametrize("lang", LANGS)
def test_adding_a_key_message_and_a_calendar_entry(lang):
    """The forms add a key message and a dated entry to the stored communication plan."""
    token, ids = niche_shortlist_token(lang)
    at = run_page("communication", lang=lang, token=token)
    at.text_input(key="com_new_message").input("Des ingrédients connus")
    labelled(at.button, i18n.t("communication.message_add_button", lang)).click().run()
    assert_clean(at)
    assert stored_plan(token).communication.key_messages == ["Des ingrédients connus"]
    at.text_input(key="com_entry_message").input("Teaser")
    at.selectbox(key="com_entry_influencer").set_value(ids[1])
    labelled(at.button, i18n.t("communication.add_button", lang)).click().run()
    assert_clean(at)
    items = stored_plan(token).communication.editorial_calendar
    assert [(i.influencer_id, i.message) for i in items] == [(ids[1], "Teaser")]
    assert any("Teaser" in df.value.to_string() for df in at.dataframe)


@pytest.mark.parametrize("lang", LANGS)
def test_shortlisted_influencers_get_channel_plans(lang):
    """The channels table starts each shortlisted influencer from their platform."""
    token, ids = niche_shortlist_token(lang)
    at = run_page("communication", lang=lang, token=token)
    assert_clean(at)
    (channels,) = [f.value for f in at.dataframe if "formats" in f.value.columns]
    assert channels["influencer_id"].tolist() == ids
    assert all(len(platforms) for platforms in channels["platforms"])


@pytest.mark.parametrize("lang", LANGS)
def test_looking_at_the_communication_plan_changes_nothing_in_the_plan(lang):
    """The channels table shows each shortlisted influencer's starting channels, but opening
    the page and drawing it again leaves the saved plan as it was (same content, revision)."""
    token, ids = niche_shortlist_token(lang)
    before = stored_record(token)
    assert ids and not before.plan.communication.channels
    at = run_page("communication", lang=lang, token=token)
    at.run()
    assert_clean(at)
    after = stored_record(token)
    assert after.revision == before.revision
    assert after.plan.model_dump_json() == before.plan.model_dump_json()
