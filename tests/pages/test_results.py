"""The KPIs and results page, through AppTest, in French and in English: sample or uploaded
results, KPI targets, the plan's campaign simulated, and the projector mode."""

import pytest

from influkit.campaign import results
from influkit.plan.model import Plan
from influkit.plan.storage import get_store
from influkit.text import i18n

from ..helpers import DATA, LANGS, all_text, assert_clean, button, new_plan_token, run_page


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
    submit = button(at, "results.add_target_button", lang)
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
    submit = button(at, "results.add_target_button", lang)
    submit.click().run()
    assert_clean(at)
    stored = get_store().load(token).plan
    assert [(k.kpi, k.target) for k in stored.kpi_targets] == [("ctr", pytest.approx(0.025))]


@pytest.mark.parametrize("lang", LANGS)
def test_an_uploaded_results_file_with_broken_rows(lang):
    """A French results export with a few broken rows: the valid rows are imported, each broken
    row is listed with its row, column and reason, and the dashboard updates."""

    token = new_plan_token(0, lang)
    at = run_page("results", lang=lang, token=token)
    data = DATA / "results" / "resultats_campagne_casses.csv"
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


def _plan_with_shortlist(lang: str, n: int = 2) -> str:
    """A plan of the first case with ``n`` accounts of its platforms and niches shortlisted."""
    from influkit.data import datasets
    from influkit.identify import profiles
    from influkit.plan.model import Plan

    case = datasets.cases()[0]
    plan = Plan.from_case(case, lang)
    table = profiles.influencer_table(plan)
    fit = table[table["platform"].isin(case["platforms"]) & table["niche"].isin(case["niches"])]
    for influencer_id in fit["influencer_id"].head(n):
        plan.add_to_shortlist(influencer_id)
    return get_store().create(plan)


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_shortlist_says_what_to_do_before_simulating(lang):
    """Without a shortlist, the page says to choose influencers first and offers no launch."""
    at = run_page("results", lang=lang, token=new_plan_token(0, lang))
    assert_clean(at)
    assert i18n.t("simulate.empty_shortlist", lang) in all_text(at)
    assert not [b for b in at.button if b.key == "results_simulate"]


@pytest.mark.parametrize("lang", LANGS)
def test_simulating_the_plan_shows_only_its_influencers_under_a_banner(lang):
    """Launching the campaign fills the dashboard with the plan's own influencers only, and a
    banner says the results are simulated from the plan, with the draw number."""
    token = _plan_with_shortlist(lang)
    at = run_page("results", lang=lang, token=token)
    assert i18n.t("results.nothing_yet", lang) in all_text(at)
    at.button(key="results_simulate").click().run()
    assert_clean(at)
    stored = get_store().load(token).plan
    assert stored.results and stored.results_source == "simulation"
    assert stored.results_seed == 0
    assert {r.influencer_id for r in stored.results} <= set(stored.shortlisted_ids())
    banner = results.source_banner(stored, lang)
    assert banner in [element.value for element in at.info]
    assert i18n.t("results.headline_title", lang) in all_text(at)


@pytest.mark.parametrize("lang", LANGS)
def test_the_case_sample_is_labelled_as_the_case_and_replacing_asks_first(lang):
    """After a simulation, loading the case's sample asks first; once confirmed, a warning says
    these are the case's influencers, not the trainee's."""
    token = _plan_with_shortlist(lang)
    at = run_page("results", lang=lang, token=token)
    at.button(key="results_simulate").click().run()
    at.button(key="results_load_sample").click().run()
    assert_clean(at)
    assert get_store().load(token).plan.results_source == "simulation"
    at.button(key="results_confirm_button").click().run()
    assert_clean(at)
    stored = get_store().load(token).plan
    assert stored.results_source == "case_sample" and stored.results_seed is None
    assert results.source_banner(stored, lang) in [element.value for element in at.warning]


@pytest.mark.parametrize("lang", LANGS)
def test_a_simulated_campaign_s_incidents_are_on_the_dashboard(lang):
    """A campaign whose posts lacked the legal mention shows the compliance alert and the
    incidents table."""
    from influkit.campaign import simulate

    token = _plan_with_shortlist(lang, 3)
    saved = get_store().load(token)
    plan = saved.plan
    simulation = next(
        s
        for s in (simulate.simulate_campaign(plan, seed) for seed in range(40))
        if any(i.kind == "missing_mention" for i in s.incidents)
    )
    results.set_results(
        plan, simulation.rows(), "simulation", seed=simulation.seed, incidents=simulation.incidents
    )
    get_store().save(token, plan, expected_revision=saved.revision)
    at = run_page("results", lang=lang, token=token)
    assert_clean(at)
    count = results.incident_counts(plan)["missing_mention"]
    alert = i18n.t("simulate.compliance_alert", lang, count=count)
    assert alert in [element.value for element in at.error]
    assert i18n.t("simulate.incidents_title", lang) in all_text(at)


@pytest.mark.parametrize("lang", LANGS)
def test_a_shortlist_of_reserves_only_has_nothing_to_play(lang):
    """Influencers all in reserve with nothing planned: launching says there is nothing to
    publish and keeps the plan without results."""
    from influkit.data import datasets
    from influkit.plan.model import Plan

    plan = Plan.from_case(datasets.cases()[0], lang)
    plan.add_to_shortlist("INF0102", "reserve")
    token = get_store().create(plan)
    at = run_page("results", lang=lang, token=token)
    at.button(key="results_simulate").click().run()
    assert_clean(at)
    assert i18n.t("simulate.nothing_to_play", lang) in [w.value for w in at.warning]
    assert get_store().load(token).plan.results == []


@pytest.mark.parametrize("lang", LANGS)
def test_projector_mode_puts_the_key_figures_first(lang):
    """With ?projection=1 the app uses larger type, and the KPI page opens on its key figures."""
    from influkit.campaign import results
    from influkit.data import datasets

    plan = Plan.from_case(datasets.cases()[0], lang)
    plan.results = results.sample_results(plan.case_id)
    token = get_store().create(plan)
    at = run_page("results", lang, timeout=90, plan=token, projection="1")
    assert_clean(at)
    assert at.session_state["class_presentation"] is True
    assert at.metric[0].label == i18n.t("kpis.name.impressions", lang)
    assert not any(m.value == i18n.t("results.intro", lang) for m in at.markdown)
    assert len(at.metric) >= 8
