"""The KPIs and results page, through AppTest, in French and English."""

import pytest

from influkit import i18n
from influkit.storage import get_store

from .apptest_helpers import LANGS, all_text, assert_clean, new_plan_token, run_page


@pytest.mark.parametrize("lang", LANGS)
def test_loading_the_sample_results_fills_the_dashboard(lang):
    """A trainee loads the case's sample results and sees the funnel, costs and performers."""
    token = new_plan_token(0, lang)
    at = run_page("results", lang=lang, token=token)
    assert_clean(at)
    assert i18n.t("results.nothing_yet", lang) in all_text(at)
    at.button(key="results_load_sample").click().run()
    assert_clean(at)
    stored = get_store().load(token).plan
    assert len(stored.results) >= 8
    text = all_text(at)
    for key in ("results.funnel_title", "results.performers_title", "results.emv_title"):
        assert i18n.t(key, lang) in text or len(at.get("plotly_chart")) >= 3
    assert i18n.t("metrics.emv_caveat", lang) in text


@pytest.mark.parametrize("lang", LANGS)
def test_a_kpi_target_shows_progress(lang):
    """Adding a conversions target shows how far the results are from it."""
    token = new_plan_token(0, lang)
    at = run_page("results", lang=lang, token=token)
    at.button(key="results_load_sample").click().run()
    at.selectbox(key="results_target_kpi").select("conversions").run()
    at.text_input(key="results_target_conversions").input("100")
    submit = next(b for b in at.button if b.label == i18n.t("results.add_target_button", lang))
    submit.click().run()
    assert_clean(at)
    stored = get_store().load(token).plan
    assert [(k.kpi, k.target) for k in stored.kpi_targets] == [("conversions", 100.0)]
    assert len(at.get("progress")) + len(at.caption) >= 1


@pytest.mark.parametrize("lang", LANGS)
def test_a_rate_target_is_typed_as_a_percentage(lang):
    """A click-through-rate target typed 2,5 (2.5 in English) is stored as 2,5 %."""
    token = new_plan_token(0, lang)
    at = run_page("results", lang=lang, token=token)
    at.button(key="results_load_sample").click().run()
    at.selectbox(key="results_target_kpi").select("ctr").run()
    at.text_input(key="results_target_ctr").input("2,5" if lang == "fr" else "2.5")
    submit = next(b for b in at.button if b.label == i18n.t("results.add_target_button", lang))
    submit.click().run()
    assert_clean(at)
    stored = get_store().load(token).plan
    assert [(k.kpi, k.target) for k in stored.kpi_targets] == [("ctr", pytest.approx(0.025))]


@pytest.mark.parametrize("lang", LANGS)
def test_an_uploaded_results_file_with_broken_rows(lang):
    """A French results export with a few broken rows: the valid rows are imported, each broken
    row is listed with its row, column and reason, and the dashboard updates."""
    from pathlib import Path

    token = new_plan_token(0, lang)
    at = run_page("results", lang=lang, token=token)
    data = Path(__file__).parent / "data" / "results" / "resultats_campagne_casses.csv"
    at.get("file_uploader")[0].set_value((data.name, data.read_bytes(), "text/csv")).run()
    assert_clean(at)
    problems = at.dataframe[0].value
    assert len(problems) == 3  # impossible date, a cost in words, a missing handle
    rows_listed = set(problems.iloc[:, 0].astype(str))
    assert {"5", "6", "7"} <= rows_listed
    at.button(key="results_import_button").click().run()
    assert_clean(at)
    stored = get_store().load(token).plan
    assert len(stored.results) == 3
    assert {r.post_ref for r in stored.results} == {"P-001", "P-002", "P-003"}
    by_ref = {r.post_ref: r for r in stored.results}
    assert by_ref["P-002"].impressions == 51_700
    assert by_ref["P-001"].influencer_id.startswith("INF")
    assert by_ref["P-003"].influencer_id == "@inconnue.du.bataillon"
    assert i18n.t("results.headline_title", lang) in all_text(at)
