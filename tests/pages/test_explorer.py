"""The explorer page, through AppTest, in French and in English: filters that narrow the table
and stay, an influencer's card, the shortlist box, the tier scheme, imported accounts."""

from __future__ import annotations

import pandas as pd
import pytest

from influkit.data import datasets
from influkit.identify import profiles
from influkit.plan.storage import get_store
from influkit.text import i18n
from influkit.text.formats import fmt_number

from ..helpers import LANGS, all_text, assert_clean, new_plan_token, run_page, stored_plan


def table_of(at) -> pd.DataFrame:
    """The explorer's influencer table as shown."""
    return at.dataframe[0].value


# --- module 1: understand -------------------------------------------------------------------


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
