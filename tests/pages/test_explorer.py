"""Module 1 and 2 pages in a trainee's hands, in French and in English: understanding influencer
marketing (trends and checklist), exploring influencers, and the formula lab."""

from __future__ import annotations

import pandas as pd
import pytest

from influkit import metrics
from influkit.data import datasets
from influkit.identify import explorer, insights, profiles
from influkit.plan.storage import get_store
from influkit.strategy import success
from influkit.text import i18n
from influkit.text.formats import fmt_number

from ..apptest_helpers import LANGS, all_text, assert_clean, new_plan_token, run_page


def stored_plan(token: str):
    """The plan as saved in storage (what a reload would show)."""
    return get_store().load(token).plan


def table_of(at) -> pd.DataFrame:
    """The explorer's influencer table as shown."""
    return at.dataframe[0].value


# --- module 1: understand -------------------------------------------------------------------


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


# --- module 2: explorer ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_platform_filter_narrows_the_table_to_that_platform(lang):
    """Choosing TikTok keeps only TikTok accounts, and the count says how many."""
    at = run_page("explorer", lang=lang, token=new_plan_token(0, lang))
    assert_clean(at)
    total = len(table_of(at))
    at.multiselect(key="explorer_f_platforms").set_value(["tiktok"]).run()
    assert_clean(at)
    shown = table_of(at)
    assert 0 < len(shown) < total
    assert set(shown["platform"]) == {i18n.t("data.platform.tiktok", lang)}
    assert f"**{len(shown)}**" in all_text(at)


@pytest.mark.parametrize("lang", LANGS)
def test_audience_filters_keep_matching_audiences_only(lang):
    """At least 80 % women and a top country of France: every row meets both."""
    at = run_page("explorer", lang=lang, token=new_plan_token(0, lang))
    at.slider(key="explorer_f_female_min").set_value(80).run()
    at.selectbox(key="explorer_f_top_country").set_value("FR").run()
    assert_clean(at)
    ids = table_of(at)["influencer_id"]
    people = profiles.influencer_table().set_index("influencer_id").loc[ids]
    assert len(people) > 0
    assert (people["audience_female_share"] >= 0.8).all()
    assert (people["audience_top_country"] == "FR").all()


@pytest.mark.parametrize("lang", LANGS)
def test_resetting_the_filters_shows_everyone_again(lang):
    """The reset button clears every filter."""
    at = run_page("explorer", lang=lang, token=new_plan_token(0, lang))
    total = len(table_of(at))
    at.multiselect(key="explorer_f_niches").set_value(["beauty"]).run()
    assert len(table_of(at)) < total
    at.button(key="explorer_reset").click().run()
    assert_clean(at)
    assert len(table_of(at)) == total


@pytest.mark.parametrize("lang", LANGS)
def test_filters_are_still_there_after_visiting_another_page(lang):
    """Going to the formula lab and back keeps the explorer's filters."""
    at = run_page("explorer", lang=lang, token=new_plan_token(0, lang))
    at.multiselect(key="explorer_f_platforms").set_value(["youtube"]).run()
    at.switch_page("pages/formula_lab.py").run()
    at.switch_page("pages/explorer.py").run()
    assert_clean(at)
    assert at.multiselect(key="explorer_f_platforms").value == ["youtube"]
    assert set(table_of(at)["platform"]) == {i18n.t("data.platform.youtube", lang)}


@pytest.mark.parametrize("lang", LANGS)
def test_selecting_an_influencer_opens_their_card(lang):
    """The card shows the name, followers, tier, ER and the charts' tabs."""
    at = run_page("explorer", lang=lang, token=new_plan_token(0, lang))
    first = table_of(at).iloc[0]
    at.selectbox(key="explorer_pick").set_value(first["influencer_id"]).run()
    assert_clean(at)
    row = profiles.influencer_table().set_index("influencer_id").loc[first["influencer_id"]]
    assert any(s.value == f"{row['display_name']} ({row['handle']})" for s in at.subheader)
    labels = {m.label: m.value for m in at.metric}
    assert labels[i18n.t("explorer.card.followers", lang)] == fmt_number(row["followers"], lang)
    assert labels[i18n.t("explorer.card.tier", lang)] == i18n.t(f"metrics.tier.{row['tier']}", lang)
    assert len(at.tabs) == 4


@pytest.mark.parametrize("lang", LANGS)
def test_add_to_shortlist_stores_the_influencer_with_role_and_note(lang):
    """The button puts the influencer on the plan's shortlist, saved, with the chosen role."""
    token = new_plan_token(0, lang)
    at = run_page("explorer", lang=lang, token=token)
    pick = table_of(at).iloc[2]["influencer_id"]
    at.selectbox(key="explorer_pick").set_value(pick).run()
    at.selectbox(key=f"explorer_role_{pick}").set_value("ambassador").run()
    at.text_input(key=f"explorer_note_{pick}").input("Audience 25-34 en France").run()
    at.button(key="explorer_add").click().run()
    assert_clean(at)
    entry = stored_plan(token).shortlist_entry(pick)
    assert entry is not None
    assert (entry.role, entry.note) == ("ambassador", "Audience 25-34 en France")
    shown = table_of(at).set_index("influencer_id")
    assert bool(shown.at[pick, "shortlisted"]) is True
    at.button(key=f"explorer_remove_{pick}").click().run()
    assert_clean(at)
    assert stored_plan(token).shortlist == []


def tick(at, row: int, column: str, value: bool):
    """Tick or untick a box of the explorer's table, as a click in the browser does."""
    (editor,) = at.data_editor
    at.session_state[editor.key] = {
        "edited_rows": {row: {column: value}},
        "added_rows": [],
        "deleted_rows": [],
    }
    return at.run()


@pytest.mark.parametrize("lang", LANGS)
def test_the_shortlist_box_in_the_table_adds_and_removes(lang):
    """Ticking “Shortlist” on a row puts that influencer on the saved shortlist and the table
    shows the box ticked; unticking it takes them off."""
    token = new_plan_token(0, lang)
    at = run_page("explorer", lang=lang, token=token)
    pick = table_of(at).iloc[3]["influencer_id"]
    tick(at, 3, "shortlisted", True)
    assert_clean(at)
    assert stored_plan(token).shortlisted_ids() == [pick]
    assert stored_plan(token).shortlist[0].role == "creator"
    shown = table_of(at).set_index("influencer_id")
    assert bool(shown.at[pick, "shortlisted"]) is True
    assert any(shown.at[pick, "handle"] in toast.value for toast in at.toast)
    tick(at, 3, "shortlisted", False)
    assert_clean(at)
    assert stored_plan(token).shortlist == []
    assert bool(table_of(at).set_index("influencer_id").at[pick, "shortlisted"]) is False


@pytest.mark.parametrize("lang", LANGS)
def test_the_card_box_in_the_table_opens_the_card(lang):
    """Ticking “Card” on a row opens that influencer's card below the table."""
    at = run_page("explorer", lang=lang, token=new_plan_token(0, lang))
    pick = table_of(at).iloc[5]["influencer_id"]
    tick(at, 5, "open", True)
    assert_clean(at)
    assert at.selectbox(key="explorer_pick").value == pick
    assert bool(table_of(at).set_index("influencer_id").at[pick, "open"]) is True


@pytest.mark.parametrize("lang", LANGS)
def test_the_tier_scheme_chosen_in_the_explorer_is_saved_in_the_plan(lang):
    """Switching to the French scheme is a plan setting; the tiers follow it (no mid-tier)."""
    token = new_plan_token(0, lang)
    at = run_page("explorer", lang=lang, token=token)
    scheme_box = next(s for s in at.selectbox if s.label == i18n.t("explorer.scheme", lang))
    scheme_box.set_value("france").run()
    assert_clean(at)
    assert stored_plan(token).settings.tier_scheme == "france"
    assert i18n.t("metrics.tier.mid", lang) not in set(table_of(at)["tier"])
    assert "mid" not in at.multiselect(key="explorer_f_tiers").options


@pytest.mark.parametrize("lang", LANGS)
def test_without_a_plan_the_explorer_works_and_asks_for_a_plan_to_shortlist(lang):
    """Filters and cards work for anyone; adding to a shortlist needs a plan."""
    at = run_page("explorer", lang=lang)
    assert_clean(at)
    at.multiselect(key="explorer_f_platforms").set_value(["linkedin"]).run()
    pick = table_of(at).iloc[0]["influencer_id"]
    at.selectbox(key="explorer_pick").set_value(pick).run()
    assert_clean(at)
    assert any(i.value == i18n.t("explorer.need_plan", lang) for i in at.info)
    assert not [b for b in at.button if b.key == "explorer_add"]


# --- module 2: formula lab ------------------------------------------------------------------


def _formula_rows(lang: str) -> list[str]:
    return [
        i18n.t(
            "formulalab.formula_name",
            lang,
            basis=i18n.t(f"metrics.basis.{basis}", lang),
            method=i18n.t("formulalab.method_short.mean", lang),
        )
        for basis in metrics.BASES
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_formula_lab_shows_the_four_bases_for_each_selected_influencer(lang):
    """Every chosen account has a rate by followers, reach, impressions and views."""
    at = run_page("formula_lab", lang=lang, token=new_plan_token(0, lang))
    assert_clean(at)
    chosen = at.multiselect(key="formulalab_pick").value
    assert len(chosen) == 4
    shown = at.dataframe[0].value.set_index(i18n.t("formulalab.col_formula", lang))
    handles = profiles.influencer_table().set_index("influencer_id").loc[chosen, "handle"]
    for handle in handles:
        rates = shown.loc[_formula_rows(lang), handle]
        assert rates.str.endswith("%").all(), rates
    sentences = [m.value for m in at.markdown if m.value.startswith("- **@")]
    assert len(sentences) == 4


@pytest.mark.parametrize("lang", LANGS)
def test_formula_lab_starts_from_the_shortlist(lang):
    """With a shortlist in the plan, the lab compares those influencers."""
    token = new_plan_token(0, lang)
    plan = stored_plan(token)
    ids = explorer.default_lab_selection(profiles.influencer_table())[:2]
    for influencer_id in ids:
        plan.add_to_shortlist(influencer_id)
    get_store().save(token, plan, expected_revision=1)
    at = run_page("formula_lab", lang=lang, token=token)
    assert_clean(at)
    assert at.multiselect(key="formulalab_pick").value == ids


@pytest.mark.parametrize("lang", LANGS)
def test_switching_tier_schemes_lists_who_changes_tier(lang):
    """Comparing HypeAuditor with Later × Fohr lists the mid-tier accounts that become micro."""
    at = run_page("formula_lab", lang=lang, token=new_plan_token(0, lang))
    at.selectbox(key="formulalab_scheme_b").set_value("later_fohr").run()
    assert_clean(at)
    changes = explorer.tier_changes(profiles.influencer_table(), "hypeauditor", "later_fohr")
    mid, micro = (i18n.t(f"metrics.tier.{tier}", lang) for tier in ("mid", "micro"))
    assert [m.label for m in at.metric] == [f"{mid} → {micro}"]
    assert len(at.dataframe[1].value) == len(changes)
    at.selectbox(key="formulalab_scheme_b").set_value("hypeauditor").run()
    assert any(i.value == i18n.t("formulalab.tiers.same", lang) for i in at.info)


@pytest.mark.parametrize("lang", LANGS)
def test_formula_lab_without_a_plan_compares_typical_accounts(lang):
    """No plan needed: the lab starts with one typical account per platform."""
    at = run_page("formula_lab", lang=lang)
    assert_clean(at)
    assert at.multiselect(key="formulalab_pick").value == explorer.default_lab_selection(
        profiles.influencer_table()
    )


def _plan_with_imported_accounts(lang: str) -> str:
    """A stored plan holding two imported accounts: one on Facebook, one on a platform named
    by the user."""
    from influkit.plan.model import ImportedInfluencer, Plan

    plan = Plan.from_case(datasets.cases()[0], lang)
    plan.imported_influencers = [
        ImportedInfluencer(influencer_id="IMP-fb", handle="@ma_page", platform="facebook",
                           followers=12_000),
        ImportedInfluencer(influencer_id="IMP-md", handle="@lea", platform="other",
                           platform_name="Mastodon", followers=2_400),
    ]  # fmt: skip
    return get_store().create(plan)


@pytest.mark.parametrize("lang", LANGS)
def test_the_explorer_shows_my_imported_accounts_the_sample_or_both(lang):
    """ "My imported accounts" keeps only the user's own list (Facebook and the platform they
    named), "Sample data" only the sample, "All" both."""
    at = run_page("explorer", lang=lang, token=_plan_with_imported_accounts(lang))
    assert_clean(at)
    total = len(table_of(at))
    at.segmented_control(key="explorer_f_source").set_value("imported").run()
    assert_clean(at)
    mine = table_of(at)
    assert sorted(mine["handle"]) == ["@lea", "@ma_page"]
    assert set(mine["platform"]) == {"Facebook", "Mastodon"}
    at.segmented_control(key="explorer_f_source").set_value("sample").run()
    sample = table_of(at)
    assert len(sample) == total - 2
    assert not sample["influencer_id"].str.startswith("IMP-").any()
    at.segmented_control(key="explorer_f_source").set_value("all").run()
    assert len(table_of(at)) == total


@pytest.mark.parametrize("lang", LANGS)
def test_asking_for_imported_accounts_without_any_says_where_to_import(lang):
    """With no list imported, choosing "My imported accounts" says how to bring one in."""
    at = run_page("explorer", lang=lang, token=new_plan_token(0, lang))
    at.segmented_control(key="explorer_f_source").set_value("imported").run()
    assert_clean(at)
    assert "**0**" in all_text(at)
    assert i18n.t("explorer.source_none_imported", lang) in all_text(at)
