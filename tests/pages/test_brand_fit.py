"""The brand-fit page, as a trainee uses it, in French and in English: criteria weights that
reorder the ranking, filters, accounts added to the shortlist, the cost reference saved."""

from __future__ import annotations

import pytest

from influkit.data import datasets
from influkit.identify import brandfit
from influkit.plan.model import Plan
from influkit.plan.storage import get_store
from influkit.text import i18n

from ..helpers import LANGS, all_text, assert_clean, button, new_plan_token, run_page, stored_plan

TOP_IDS = brandfit.plan_ranking(Plan.from_case(datasets.cases()[0]))["influencer_id"].tolist()


def _slider(at, criterion: str, lang: str):
    label = i18n.t(f"brandfit.criterion.{criterion}", lang)
    return next(s for s in at.slider if s.label == label)


def _ranking_names(at) -> list[str]:
    return at.dataframe(key="brandfit_table").value.iloc[:, 1].tolist()


# --- brand fit ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_moving_a_weight_changes_the_ranking(lang):
    """Putting all the weight on cost reorders the ranking, and the plan keeps the weights."""
    token = new_plan_token(0, lang)
    at = run_page("brand_fit", lang=lang, token=token)
    assert_clean(at)
    before = _ranking_names(at)
    for criterion in brandfit.CRITERIA:
        if criterion != "cost":
            _slider(at, criterion, lang).set_value(0)
    _slider(at, "cost", lang).set_value(5)
    at.run()
    assert_clean(at)
    assert _ranking_names(at) != before
    weights = stored_plan(token).settings.brand_fit_weights
    assert weights["cost"] == 5 and weights["niche"] == 0


@pytest.mark.parametrize("lang", LANGS)
def test_all_weights_at_zero_says_what_to_do(lang):
    """With every weight at zero the page explains that one criterion needs a weight."""
    at = run_page("brand_fit", lang=lang, token=new_plan_token(0, lang))
    for criterion in brandfit.CRITERIA:
        _slider(at, criterion, lang).set_value(0)
    at.run()
    assert_clean(at)
    assert [e.value for e in at.error] == [i18n.t("brandfit.error_no_weight", lang)]


@pytest.mark.parametrize("lang", LANGS)
def test_reset_brings_the_default_weights_back(lang):
    """The reset button puts every slider and the plan back on the default weights."""
    token = new_plan_token(0, lang)
    at = run_page("brand_fit", lang=lang, token=token)
    _slider(at, "niche", lang).set_value(0)
    at.run()
    button(at, "brandfit.weights_reset", lang).click()
    at.run()
    assert_clean(at)
    assert _slider(at, "niche", lang).value == brandfit.DEFAULT_WEIGHTS["niche"]
    assert (
        stored_plan(token).settings.brand_fit_weights["niche"] == brandfit.DEFAULT_WEIGHTS["niche"]
    )


@pytest.mark.parametrize("lang", LANGS)
def test_platform_filter_and_minimum_score_narrow_the_ranking(lang):
    """Keeping one platform shows only its accounts; a high minimum score leaves none."""
    at = run_page("brand_fit", lang=lang, token=new_plan_token(0, lang))
    platform = at.multiselect(key=f"brandfit_platforms_{lang}")
    platform.set_value(["instagram"])
    at.run()
    assert_clean(at)
    shown = at.dataframe(key="brandfit_table").value
    column = i18n.t("brandfit.col.platform", lang)
    assert set(shown[column]) == {i18n.t("data.platform.instagram", lang)}
    at.slider(key=f"brandfit_min_score_{lang}").set_value(100)
    at.run()
    assert_clean(at)
    assert i18n.t("brandfit.no_results", lang) in [i.value for i in at.info]


@pytest.mark.parametrize("lang", LANGS)
def test_adding_the_examined_account_stores_it_with_role_and_note(lang):
    """With no row ticked, the account being examined is added with the chosen role and note."""
    token = new_plan_token(0, lang)
    at = run_page("brand_fit", lang=lang, token=token)
    examined = at.selectbox(key=f"brandfit_examine_{lang}").value
    at.selectbox(key=f"brandfit_role_{lang}").set_value("ambassador")
    at.text_input(key=f"brandfit_note_{lang}").input("Ton naturel")
    button(at, "brandfit.add_button", lang).click()
    at.run()
    assert_clean(at)
    entry = stored_plan(token).shortlist_entry(examined)
    assert entry is not None and entry.role == "ambassador" and entry.note == "Ton naturel"
    assert i18n.t("brandfit.added", lang, count=1) in [s.value for s in at.success]


@pytest.mark.parametrize("lang", LANGS)
def test_ticked_rows_are_all_added_once(lang):
    """Ticking rows of the ranking adds each of them; adding them again changes nothing."""
    token = new_plan_token(0, lang)
    at = run_page("brand_fit", lang=lang, token=token)
    ids = at.selectbox(key=f"brandfit_examine_{lang}").options
    at.session_state["brandfit_table"] = {"selection": {"rows": [1, 2], "columns": [], "cells": []}}
    at.run()
    button(at, "brandfit.add_button", lang).click()
    at.run()
    assert_clean(at)
    assert len(stored_plan(token).shortlist) == 2
    at.session_state["brandfit_table"] = {"selection": {"rows": [1, 2], "columns": [], "cells": []}}
    at.run()
    button(at, "brandfit.add_button", lang).click()
    at.run()
    assert len(stored_plan(token).shortlist) == 2
    assert i18n.t("brandfit.already", lang, count=2) in [i.value for i in at.info]
    assert len(ids) > 2


@pytest.mark.parametrize("lang", LANGS)
def test_explanation_of_the_examined_account_is_shown(lang):
    """Examining an account shows its score and why, criterion by criterion."""
    at = run_page("brand_fit", lang=lang, token=new_plan_token(0, lang))
    text = all_text(at)
    assert i18n.t("brandfit.explain_title", lang) in text
    niche = i18n.t("brandfit.criterion.niche", lang)
    assert any("thumb_up" in m.value and f"**{niche}**" in m.value for m in at.markdown)
    assert at.metric[0].label == i18n.t("brandfit.explain_score", lang)


# --- shortlist ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_imported_and_vanished_accounts_do_not_break_the_pages(lang):
    """An imported account without figures is ranked with neutral criteria and can be
    shortlisted; a shortlisted id no longer in the data is flagged and can be removed."""
    from influkit.plan.model import ImportedInfluencer

    plan = Plan.from_case(datasets.cases()[0], lang)
    plan.imported_influencers = [
        ImportedInfluencer(
            influencer_id="IMP001",
            handle="@nouvelle",
            display_name="Nouvelle Recrue",
            platform="instagram",
            niche="beauty",
            followers=20_000,
        )
    ]
    plan.add_to_shortlist("IMP001")
    plan.add_to_shortlist("GONE999")
    plan.add_to_shortlist(TOP_IDS[0])
    token = get_store().create(plan)
    at = run_page("brand_fit", lang=lang, token=token)
    assert_clean(at)
    at.multiselect(key=f"brandfit_platforms_{lang}").set_value(["instagram"])
    at.multiselect(key=f"brandfit_niches_{lang}").set_value(["beauty"])
    at.text_input(key=f"brandfit_top_n_{lang}").input("50")
    at.run()
    at.selectbox(key=f"brandfit_examine_{lang}").set_value("IMP001")
    at.run()
    assert_clean(at)
    no_data = [m.value for m in at.markdown if "material/help" in m.value]
    assert no_data and i18n.t("brandfit.criterion.engagement", lang) in no_data[0]
    at.switch_page("pages/shortlist.py")
    at.run()
    assert_clean(at)
    assert any("GONE999" in w.value for w in at.warning)
    assert at.data_editor[0].value.shape[0] == 2


@pytest.mark.parametrize("lang", LANGS)
def test_choosing_the_market_cost_reference_is_saved(lang):
    """Switching the cost reference to market benchmarks is kept in the plan."""
    token = new_plan_token(0, lang)
    at = run_page("brand_fit", lang=lang, token=token)
    label = i18n.t("brandfit.cost_reference", lang)
    next(r for r in at.radio if r.label == label).set_value("benchmark")
    at.run()
    assert_clean(at)
    assert brandfit.plan_cost_reference(stored_plan(token)) == "benchmark"


@pytest.mark.parametrize("lang", LANGS)
def test_without_a_plan_the_page_says_how_to_start(lang):
    """Opened with no plan, the page explains how to start one instead of failing."""
    at = run_page("brand_fit", lang=lang)
    assert_clean(at)
    assert i18n.t("app.need_plan", lang) in [info.value for info in at.info]
