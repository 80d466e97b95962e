"""The Understand page (module 1), through AppTest, in French and in English: six trends read
from the data, the format reading of a platform, the conditions of success ticked in the plan."""

from __future__ import annotations

import pytest

from influkit.data import datasets
from influkit.identify import insights
from influkit.strategy import success
from influkit.text import i18n

from ..helpers import LANGS, all_text, assert_clean, new_plan_token, run_page, stored_plan


@pytest.mark.parametrize("lang", LANGS)
def test_understand_reads_six_trends_from_the_data(lang):
    """Each trend chart comes with a computed reading, "what this chart shows: …"."""
    at = run_page("understand", lang=lang, token=new_plan_token(0, lang))
    assert_clean(at)
    assert at.title[0].value == i18n.t("understand.title", lang)
    label = i18n.t("understand.reading_label", lang)
    readings = [m.value for m in at.markdown if m.value.startswith(f"**{label}**")]
    assert len(readings) == 6
    posts = datasets.load("posts")
    monthly = insights.sponsorship_by_month(posts)
    expected = insights.rate_sentence(
        insights.series_shift(monthly["sponsored_share"]), lang, "sponsored"
    )
    assert any(expected in reading for reading in readings)


@pytest.mark.parametrize("lang", LANGS)
def test_choosing_a_platform_recomputes_the_format_reading(lang):
    """Looking at Instagram alone compares its own formats (reels, photos, stories…)."""
    at = run_page("understand", lang=lang, token=new_plan_token(0, lang))
    at.multiselect(key="understand_format_platforms").set_value(["instagram"]).run()
    assert_clean(at)
    expected = insights.format_sentence(
        insights.er_by_format(
            datasets.load("posts"), datasets.load("influencers"), platforms=["instagram"]
        ),
        lang,
    )
    assert expected in all_text(at)


@pytest.mark.parametrize("lang", LANGS)
def test_ticking_a_condition_of_success_is_saved_in_the_plan(lang):
    """A condition ticked by hand and its note are in the stored plan, and the count moves on."""
    token = new_plan_token(0, lang)
    at = run_page("understand", lang=lang, token=token)
    total = len(success.CODES)
    assert i18n.t("success.headline", lang, ok=0, total=total) in all_text(at)
    box = next(c for c in at.checkbox if c.key.startswith("checklist_tick_long_term__"))
    assert box.label == i18n.t("success.long_term.check", lang)
    box.check().run()
    assert_clean(at)
    assert stored_plan(token).success_checklist == {"long_term": True}
    assert i18n.t("success.headline", lang, ok=1, total=total) in all_text(at)
    title = i18n.t("success.long_term.title", lang)
    note_label = i18n.t("success.note_label", lang, condition=title)
    note = next(w for w in at.text_input if w.label == note_label)
    note.input("Ambassadrice sur 6 mois").run()
    assert stored_plan(token).notes["understand.long_term"] == "Ambassadrice sur 6 mois"


@pytest.mark.parametrize("lang", LANGS)
def test_without_a_plan_understand_still_teaches_and_says_how_to_start(lang):
    """The course content shows; the checklist asks for a plan first."""
    at = run_page("understand", lang=lang)
    assert_clean(at)
    assert any(i.value == i18n.t("understand.checklist_need_plan", lang) for i in at.info)
    assert not at.checkbox
