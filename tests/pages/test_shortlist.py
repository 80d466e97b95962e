"""The shortlist page, through AppTest, in French and in English: roles and notes saved, accounts
removed, compared side by side, their prices and followers added up."""

from __future__ import annotations

import pytest

from influkit.data import datasets
from influkit.identify import brandfit
from influkit.plan.model import Plan
from influkit.text import i18n

from ..helpers import (
    LANGS,
    assert_clean,
    button,
    new_plan_token,
    run_page,
    shortlisted_token,
    stored_plan,
)

TOP_IDS = brandfit.plan_ranking(Plan.from_case(datasets.cases()[0]))["influencer_id"].tolist()


@pytest.mark.parametrize("lang", LANGS)
def test_empty_shortlist_explains_how_to_add(lang):
    """An empty shortlist says how to fill it and links to the Explorer and Brand fit pages."""
    from ui.navigation import all_pages

    at = run_page("shortlist", lang=lang, token=new_plan_token(0, lang))
    assert_clean(at)
    assert i18n.t("shortlist.empty", lang) in [i.value for i in at.info]
    links = {link.proto.page for link in at.get("page_link")}
    urls = {spec.file: spec.url_path for spec in all_pages()}
    assert {urls["explorer"], urls["brand_fit"]} <= links


@pytest.mark.parametrize("lang", LANGS)
def test_editing_a_role_is_saved_in_the_plan(lang):
    """Changing a role and a note in the table writes them into the stored plan."""
    ids = TOP_IDS[:3]
    token = shortlisted_token(lang, ids)
    at = run_page("shortlist", lang=lang, token=token)
    assert_clean(at)
    editor = at.data_editor[0]
    assert editor.value.shape[0] == 3
    at.session_state[editor.key] = {
        "edited_rows": {1: {"role": "expert", "note": "Caution scientifique"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert_clean(at)
    entry = stored_plan(token).shortlist_entry(ids[1])
    assert entry.role == "expert" and entry.note == "Caution scientifique"
    assert stored_plan(token).shortlist_entry(ids[0]).role == "creator"


@pytest.mark.parametrize("lang", LANGS)
def test_removing_takes_accounts_off_the_shortlist(lang):
    """Picking an account and pressing Remove takes it off the stored shortlist."""
    ids = TOP_IDS[:3]
    token = shortlisted_token(lang, ids)
    at = run_page("shortlist", lang=lang, token=token)
    remove = next(m for m in at.multiselect if m.label == i18n.t("shortlist.remove_pick", lang))
    remove.set_value([ids[0]])
    at.run()
    button(at, "shortlist.remove_button", lang).click()
    at.run()
    assert_clean(at)
    assert stored_plan(token).shortlisted_ids() == ids[1:]
    assert i18n.t("shortlist.removed", lang, count=1) in [s.value for s in at.success]
    assert at.data_editor[0].value.shape[0] == 2


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("count", [2, 3])
def test_compare_shows_one_column_per_account(lang, count):
    """Comparing N accounts shows a table with N columns and one radar trace each."""
    ids = TOP_IDS[:4]
    at = run_page("shortlist", lang=lang, token=shortlisted_token(lang, ids))
    at.multiselect(key=f"shortlist_compare_pick_{lang}").set_value(ids[:count])
    at.run()
    assert_clean(at)
    table = at.dataframe[-1].value
    assert table.shape == (len(brandfit.COMPARISON_ROWS), count)
    assert i18n.t("shortlist.metric.score", lang) in list(table.index)


@pytest.mark.parametrize("lang", LANGS)
def test_totals_add_up_prices_and_followers(lang):
    """The totals count the accounts and add their prices, in the user's number format."""
    from influkit.identify import profiles
    from influkit.text.formats import fmt_money

    ids = TOP_IDS[:3]
    at = run_page("shortlist", lang=lang, token=shortlisted_token(lang, ids))
    table = profiles.influencer_table().set_index("influencer_id")
    total = table.loc[ids, "price_per_post_eur"].sum()
    values = {m.label: m.value for m in at.metric}
    assert values[i18n.t("shortlist.total_count", lang)] == "3"
    assert values[i18n.t("shortlist.total_price", lang)] == fmt_money(total, lang, 0)


@pytest.mark.parametrize("lang", LANGS)
def test_without_a_plan_the_page_says_how_to_start(lang):
    """Opened with no plan, the page explains how to start one instead of failing."""
    at = run_page("shortlist", lang=lang)
    assert_clean(at)
    assert i18n.t("app.need_plan", lang) in [info.value for info in at.info]
