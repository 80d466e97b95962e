"""The SMART objectives page, through AppTest, in French and in English: add from a template, edit,
the verdict of each criterion, several objectives as sentences, delete."""

from __future__ import annotations

import pytest

from influkit.plan.model import Plan
from influkit.strategy import objectives as smart
from influkit.text import i18n

from ..helpers import (
    LANGS,
    assert_clean,
    beauty_shortlist_token,
    message_head,
    new_plan_token,
    plain_spaces,
    run_page,
    stored_plan,
)


def session_plan(at) -> Plan:
    """The plan the session is editing."""
    return at.session_state["plan"]


# --- client history -------------------------------------------------------------------------


def objective_expanders(at, lang: str) -> list:
    """The page's expanders that hold an objective (not the assumptions panel)."""
    panel = i18n.t("forecast.panel_title", lang)
    return [e for e in at.expander if not plain_spaces(e.label).startswith(plain_spaces(panel))]


# --- SMART objectives -----------------------------------------------------------------------


def criterion_lines(at, code: str, lang: str) -> list[str]:
    """The verdict lines of one criterion shown on the page."""
    name = i18n.t(f"smart.criterion.{code}", lang)
    return [plain_spaces(m.value) for m in at.markdown if f"**{name}** — " in m.value]


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
    token = beauty_shortlist_token(lang)
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
    assert message_head("smart.achievable.envelope_too_high", lang) in achievable[0]
    plan = session_plan(at)
    assert plan.objectives[0].target == pytest.approx(objective.target * 50)
    assert plan.kpi_targets[0].target == pytest.approx(objective.target * 50)
    saved = stored_plan(token)
    assert [o.objective_id for o in saved.objectives] == [objective.objective_id]
    assert saved.objectives[0].target == pytest.approx(objective.target * 50)

    at.button(key=f"objectives_{objective.objective_id}_delete").click().run()
    assert_clean(at)
    assert session_plan(at).objectives == [] and session_plan(at).kpi_targets == []
    assert any(info.value == i18n.t("smart.none", lang) for info in at.info)
    saved = stored_plan(token)
    assert saved.objectives == [] and saved.kpi_targets == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_kpi_that_does_not_measure_the_aim_is_not_relevant(lang):
    """Switching a conversion objective's KPI to reach turns "Relevant" red and says why."""
    token = beauty_shortlist_token(lang)
    at = add_from_template(run_page("objectives", lang=lang, token=token), lang)
    kpi = next(s for s in at.selectbox if s.label == i18n.t("smart.field.kpi", lang))
    kpi.set_value("reach").run()
    assert_clean(at)
    relevant = criterion_lines(at, "relevant", lang)
    assert message_head("smart.relevant.kpi_mismatch", lang) in relevant[0]
    assert session_plan(at).objectives[0].kpi == "reach"
    assert session_plan(at).kpi_targets[0].kpi == "reach"


@pytest.mark.parametrize("lang", LANGS)
def test_several_objectives_each_read_as_a_sentence(lang):
    """Two objectives from two templates are both listed, each with its sentence and verdict."""
    token = beauty_shortlist_token(lang)
    at = add_from_template(run_page("objectives", lang=lang, token=token), lang)
    add_from_template(at, lang, aim="awareness")
    assert_clean(at)
    plan = session_plan(at)
    assert [o.business_aim for o in plan.objectives] == ["conversion", "awareness"]
    assert len(objective_expanders(at, lang)) == 2
    for expander, objective in zip(objective_expanders(at, lang), plan.objectives, strict=True):
        assert plain_spaces(smart.sentence(objective, lang)) in plain_spaces(expander.label)
    relevant = criterion_lines(at, "relevant", lang)
    assert any(message_head("smart.relevant.secondary", lang) in line for line in relevant)
    assert len(stored_plan(token).objectives) == 2


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
    assert plain_spaces(i18n.t("smart.achievable.shortlist_empty", lang)) in plain_spaces(
        achievable[0]
    )


@pytest.mark.parametrize("lang", LANGS)
def test_without_a_plan_the_page_says_how_to_start(lang):
    """Opened with no plan, the page explains how to start one instead of failing."""
    at = run_page("objectives", lang=lang)
    assert_clean(at)
    assert i18n.t("app.need_plan", lang) in [info.value for info in at.info]
