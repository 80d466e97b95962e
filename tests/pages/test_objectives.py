"""Module 5 pages, in French and English: the client history (charts, grouping, practice brand,
learnings saved) and the SMART objectives (add from a template, edit, verdict, delete)."""

from __future__ import annotations

import pytest

from influkit.data import datasets
from influkit.identify import profiles
from influkit.plan.model import Plan
from influkit.plan.storage import get_store
from influkit.strategy import objectives as smart
from influkit.text import i18n

from ..apptest_helpers import LANGS, all_text, assert_clean, new_plan_token, run_page


def plain(text: str) -> str:
    """Text with the non-breaking spaces of French typography as plain spaces."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def head(key: str, lang: str) -> str:
    """The fixed start of a catalogue message, before its first parameter."""
    return plain(i18n.catalogue(lang)[key].split("{")[0])


def stored(token: str) -> Plan:
    """The plan as saved in the store."""
    return get_store().load(token).plan


def session_plan(at) -> Plan:
    """The plan the session is editing."""
    return at.session_state["plan"]


def token_with_shortlist(lang: str, brand: str | None = None) -> str:
    """A Verdelune plan with six beauty micro-influencers on Instagram on its shortlist."""
    plan = Plan.from_case(datasets.case("cosmetique-lancement"), lang)
    table = profiles.influencer_table(plan)
    chosen = table[
        (table["niche"] == "beauty")
        & (table["platform"] == "instagram")
        & (table["tier"] == "micro")
    ]["influencer_id"].head(6)
    for influencer_id in chosen:
        plan.add_to_shortlist(influencer_id)
    if brand is not None:
        plan.brief.brand = brand
    return get_store().create(plan)


# --- client history -------------------------------------------------------------------------


def objective_expanders(at, lang: str) -> list:
    """The page's expanders that hold an objective (not the assumptions panel)."""
    panel = i18n.t("forecast.panel_title", lang)
    return [e for e in at.expander if not plain(e.label).startswith(plain(panel))]


@pytest.mark.parametrize("lang", LANGS)
def test_client_history_shows_facts_and_charts_and_saves_learnings(lang):
    """The trainee reads key facts and charts of the brand's history, and their learnings stay."""
    token = new_plan_token(0, lang)
    at = run_page("client_history", lang=lang, token=token)
    assert_clean(at)
    assert len(at.get("plotly_chart")) >= 6
    text = plain(all_text(at))
    assert "Verdelune" in text
    assert head("history.fact.overview", lang) in text
    learnings = next(a for a in at.text_area if a.label == i18n.t("history.learnings_label", lang))
    learnings.input("Le test TikTok de 2025 n'a pas été rentable.").run()
    assert_clean(at)
    assert stored(token).client_learnings == "Le test TikTok de 2025 n'a pas été rentable."


@pytest.mark.parametrize("lang", LANGS)
def test_grouping_by_platform_lists_one_row_per_platform(lang):
    """Choosing "platform" turns the results table into one row per platform used."""
    at = run_page("client_history", lang=lang, token=new_plan_token(0, lang))
    at.segmented_control[0].set_value("platform").run()
    assert_clean(at)
    results = at.dataframe[0].value
    assert results.columns[0] == i18n.t("history.dimension.platform", lang)
    assert set(results.iloc[:, 0]) == {"Instagram", "TikTok"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_brand_without_history_practises_on_a_sample_brand(lang):
    """A plan for an unknown brand says so and lets the trainee pick a sample brand to study."""
    token = token_with_shortlist(lang, brand="Acme")
    at = run_page("client_history", lang=lang, token=token)
    assert_clean(at)
    assert any(plain(w.value).startswith(head("history.no_history", lang)) for w in at.warning)
    picker = next(s for s in at.selectbox if s.label == i18n.t("history.practice_brand", lang))
    picker.set_value("Factoflow").run()
    assert_clean(at)
    assert "Factoflow" in all_text(at)
    assert stored(token).notes["client_history_brand"] == "Factoflow"


# --- SMART objectives -----------------------------------------------------------------------


def criterion_lines(at, code: str, lang: str) -> list[str]:
    """The verdict lines of one criterion shown on the page."""
    name = i18n.t(f"smart.criterion.{code}", lang)
    return [plain(m.value) for m in at.markdown if f"**{name}** — " in m.value]


def add_from_template(at, lang: str, aim: str | None = None):
    """Pick an aim (optional) and click "Add from the template"."""
    if aim is not None:
        picker = next(s for s in at.selectbox if s.label == i18n.t("smart.add_aim", lang))
        picker.set_value(aim).run()
    at.button(key="objectives_add").click().run()
    return at


@pytest.mark.parametrize("lang", LANGS)
def test_add_edit_and_delete_an_objective(lang):
    """Add a conversion objective from its template, raise its target, watch it turn
    unachievable, then delete it; the plan follows every step and is stored."""
    token = token_with_shortlist(lang)
    at = run_page("objectives", lang=lang, token=token)
    assert_clean(at)
    add_from_template(at, lang)
    assert_clean(at)
    plan = session_plan(at)
    assert len(plan.objectives) == 1
    objective = plan.objectives[0].model_copy()
    assert objective.kpi == "conversions" and objective.target and objective.target > 0
    assert [(k.kpi, k.objective_id) for k in plan.kpi_targets] == [
        ("conversions", objective.objective_id)
    ]
    assert len(objective_expanders(at, lang)) == 1
    achievable = criterion_lines(at, "achievable", lang)
    assert achievable and ":material/check_circle:" in achievable[0]

    target = next(n for n in at.text_input if "_target__" in (n.key or ""))
    target.input(f"{objective.target * 50:.0f}").run()
    assert_clean(at)
    achievable = criterion_lines(at, "achievable", lang)
    assert ":material/cancel:" in achievable[0]
    assert head("smart.achievable.envelope_too_high", lang) in achievable[0]
    plan = session_plan(at)
    assert plan.objectives[0].target == pytest.approx(objective.target * 50)
    assert plan.kpi_targets[0].target == pytest.approx(objective.target * 50)
    saved = stored(token)
    assert [o.objective_id for o in saved.objectives] == [objective.objective_id]
    assert saved.objectives[0].target == pytest.approx(objective.target * 50)

    at.button(key=f"objectives_{objective.objective_id}_delete").click().run()
    assert_clean(at)
    assert session_plan(at).objectives == [] and session_plan(at).kpi_targets == []
    assert any(info.value == i18n.t("smart.none", lang) for info in at.info)
    saved = stored(token)
    assert saved.objectives == [] and saved.kpi_targets == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_kpi_that_does_not_measure_the_aim_is_not_relevant(lang):
    """Switching a conversion objective's KPI to reach turns "Relevant" red and says why."""
    token = token_with_shortlist(lang)
    at = add_from_template(run_page("objectives", lang=lang, token=token), lang)
    kpi = next(s for s in at.selectbox if s.label == i18n.t("smart.field.kpi", lang))
    kpi.set_value("reach").run()
    assert_clean(at)
    relevant = criterion_lines(at, "relevant", lang)
    assert head("smart.relevant.kpi_mismatch", lang) in relevant[0]
    assert session_plan(at).objectives[0].kpi == "reach"
    assert session_plan(at).kpi_targets[0].kpi == "reach"


@pytest.mark.parametrize("lang", LANGS)
def test_several_objectives_each_read_as_a_sentence(lang):
    """Two objectives from two templates are both listed, each with its sentence and verdict."""
    token = token_with_shortlist(lang)
    at = add_from_template(run_page("objectives", lang=lang, token=token), lang)
    add_from_template(at, lang, aim="awareness")
    assert_clean(at)
    plan = session_plan(at)
    assert [o.business_aim for o in plan.objectives] == ["conversion", "awareness"]
    assert len(objective_expanders(at, lang)) == 2
    for expander, objective in zip(objective_expanders(at, lang), plan.objectives, strict=True):
        assert plain(smart.sentence(objective, lang)) in plain(expander.label)
    relevant = criterion_lines(at, "relevant", lang)
    assert any(head("smart.relevant.secondary", lang) in line for line in relevant)
    assert len(stored(token).objectives) == 2


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_shortlist_is_explained(lang):
    """Without a shortlist, the page says targets are compared with what the budget can buy,
    and the verdict says the shortlist forecasts nothing yet."""
    at = run_page("objectives", lang=lang, token=new_plan_token(0, lang))
    assert_clean(at)
    assert any(info.value == i18n.t("smart.shortlist_empty", lang) for info in at.info)
    add_from_template(at, lang)
    achievable = criterion_lines(at, "achievable", lang)
    assert ":material/check_circle:" in achievable[0]
    assert plain(i18n.t("smart.achievable.shortlist_empty", lang)) in plain(achievable[0])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ["client_history", "objectives"])
def test_without_a_plan_the_page_says_how_to_start(page, lang):
    """Both pages work on the plan: without one, they say how to start it."""
    at = run_page(page, lang=lang)
    assert_clean(at)
    assert any(info.value == i18n.t("app.need_plan", lang) for info in at.info)
