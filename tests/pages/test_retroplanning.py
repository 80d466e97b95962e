"""The retro-planning page, through AppTest, in French and in English: generated from the
template, edited in the table (durations, links, new tasks), checked, reset, exported (.ics)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from influkit.data import datasets
from influkit.operations import deliverables as actions
from influkit.plan.model import Plan
from influkit.plan.storage import get_store
from influkit.text import i18n

from ..helpers import (
    LANGS,
    assert_clean,
    button,
    edit_table,
    metric_value,
    planning_token,
    run_page,
    stored_plan,
)

TODAY = dt.date.today()


# --- action plan ----------------------------------------------------------------------------


# --- retro-planning -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_retroplanning_is_generated_from_the_template(lang):
    """An empty retro-planning offers the template; one click fills it and draws the Gantt."""
    token = planning_token(lang, deliverables=True)
    at = run_page("retroplanning", lang=lang, token=token)
    assert_clean(at)
    assert not stored_plan(token).tasks
    button(at, "gantt.generate", lang).click().run()
    assert_clean(at)
    plan = stored_plan(token)
    assert plan.tasks and "launch" in {t.task_id for t in plan.tasks}
    assert metric_value(at, "gantt.metric_launch", lang) == "01/03/2027"
    assert at.get("plotly_chart"), "the Gantt chart is drawn"
    assert i18n.t("gantt.generated", lang) in [s.value for s in at.success]


@pytest.mark.parametrize("lang", LANGS)
def test_a_longer_duration_in_the_table_is_stored_and_moves_the_first_day(lang):
    """Lengthening the first task in the table saves it and the plan starts earlier."""
    token = planning_token(lang, deliverables=True, tasks=True)
    at = run_page("retroplanning", lang=lang, token=token)
    assert_clean(at)
    first_day = metric_value(at, "gantt.metric_first_day", lang)
    assert stored_plan(token).tasks[0].task_id == "discovery"
    edit_table(at, at.data_editor[0].key, rows={0: {"duration_days": 15}})
    assert_clean(at)
    assert stored_plan(token).tasks[0].duration_days == 15
    assert metric_value(at, "gantt.metric_first_day", lang) != first_day
    assert len(at.error) == 0


@pytest.mark.parametrize("lang", LANGS)
def test_a_loop_in_the_dependencies_is_refused_and_the_last_valid_plan_stays(lang):
    """Making discovery wait for the reporting shows the loop in words; nothing is lost."""
    token = planning_token(lang, deliverables=True, tasks=True)
    at = run_page("retroplanning", lang=lang, token=token)
    editor = at.data_editor[0]
    edit_table(at, editor.key, rows={0: {"duration_days": 12}})
    valid = [t.model_dump() for t in stored_plan(token).tasks]
    first_day = metric_value(at, "gantt.metric_first_day", lang)
    edit_table(at, editor.key, rows={0: {"duration_days": 12, "depends_on": ["reporting"]}})
    assert_clean(at)
    (error,) = at.error
    loop_text = i18n.t("retroplan.error_cycle", lang, tasks="@").split("@")[0]
    assert loop_text in error.value
    assert [t.model_dump() for t in stored_plan(token).tasks] == valid
    assert metric_value(at, "gantt.metric_first_day", lang) == first_day
    assert at.get("plotly_chart"), "the last valid Gantt stays on screen"


@pytest.mark.parametrize("lang", LANGS)
def test_a_negative_duration_or_unknown_task_is_refused(lang):
    """A negative duration or a dependency on a task that does not exist is refused."""
    token = planning_token(lang, tasks=True)
    at = run_page("retroplanning", lang=lang, token=token)
    editor = at.data_editor[0]
    before = [t.model_dump() for t in stored_plan(token).tasks]
    edit_table(at, editor.key, rows={0: {"duration_days": -2}})
    assert_clean(at)
    assert "-2" in at.error[0].value
    edit_table(at, editor.key, rows={1: {"depends_on": ["decouverte"]}})
    assert "decouverte" in at.error[0].value
    assert [t.model_dump() for t in stored_plan(token).tasks] == before


@pytest.mark.parametrize("lang", LANGS)
def test_a_task_added_in_the_table_gets_an_id_and_is_scheduled(lang):
    """A new row becomes a task with an id, saved and drawn."""
    token = planning_token(lang, tasks=True)
    at = run_page("retroplanning", lang=lang, token=token)
    added = {"name": "Tournage", "duration_days": 3, "duration_unit": "working", "depends_on": []}
    edit_table(at, at.data_editor[0].key, added=[added])
    assert_clean(at)
    new = stored_plan(token).tasks[-1]
    assert (new.task_id, new.name, new.duration_days) == ("task-1", "Tournage", 3)
    assert "task-1" in at.data_editor[0].value["task_id"].tolist()


@pytest.mark.parametrize("lang", LANGS)
def test_dependencies_are_chosen_by_task_name_and_stored_as_ids(lang):
    """The “After” column lists the tasks by name in the trainee's language; choosing one
    stores the task's id; no task id is shown in the table, the schedule or the chart."""
    token = planning_token(lang, deliverables=True, tasks=True)
    at = run_page("retroplanning", lang=lang, token=token)
    editor = at.data_editor[0]
    config = json.loads(editor.proto.columns)
    options = {o["value"]: o["label"] for o in config["depends_on"]["type_config"]["options"]}
    tasks = stored_plan(token).tasks
    assert options == {task.task_id: task.name for task in tasks}
    assert options["discovery"] == i18n.t("retroplan.phase.discovery", lang)
    edit_table(at, editor.key, rows={3: {"depends_on": ["discovery", "outreach"]}})
    assert_clean(at)
    assert stored_plan(token).tasks[3].depends_on == ["discovery", "outreach"]
    (chart,) = at.get("plotly_chart")
    figure = json.loads(chart.proto.spec)
    hovers = " ".join(str(h) for trace in figure["data"] for h in trace.get("hovertext") or [])
    assert options["discovery"] in hovers
    for task in tasks:
        assert f">{task.task_id}<" not in hovers and f": {task.task_id}" not in hovers


@pytest.mark.parametrize("lang", LANGS)
def test_the_calendar_files_can_be_downloaded(lang):
    """Two .ics downloads: the milestones, and every task."""
    at = run_page("retroplanning", lang=lang, token=planning_token(lang, tasks=True))
    assert_clean(at)
    labels = [b.label for b in at.get("download_button")]
    assert i18n.t("gantt.download_milestones", lang) in labels
    assert i18n.t("gantt.download_all", lang) in labels


@pytest.mark.parametrize("lang", LANGS)
def test_a_late_start_and_a_short_lead_time_are_flagged(lang):
    """A launch three weeks away: the first task should have started, and the lead time is
    too short for a campaign."""
    launch = dt.date.today() + dt.timedelta(days=21)
    at = run_page("retroplanning", lang=lang, token=planning_token(lang, tasks=True, launch=launch))
    assert_clean(at)
    errors = " ".join(e.value for e in at.error)
    assert i18n.catalogue(lang)["retroplan.lead_past"].split("{")[0] in errors


@pytest.mark.parametrize("lang", LANGS)
def test_without_a_launch_date_the_page_asks_for_it(lang):
    """No launch date: the page asks for one; giving it here saves it in the brief."""
    plan = Plan.from_case(datasets.cases()[0], lang)
    plan.brief.launch_date = None
    token = get_store().create(plan)
    at = run_page("retroplanning", lang=lang, token=token)
    assert_clean(at)
    assert i18n.t("gantt.need_launch", lang) in [w.value for w in at.warning]
    at.date_input[0].set_value(dt.date(2027, 6, 1)).run()
    assert_clean(at)
    assert stored_plan(token).brief.launch_date == dt.date(2027, 6, 1)
    assert button(at, "gantt.generate", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_reset_from_the_template_after_confirmation(lang):
    """The reset, once confirmed, puts the template's durations back."""
    token = planning_token(lang, tasks=True)
    at = run_page("retroplanning", lang=lang, token=token)
    edit_table(at, at.data_editor[0].key, rows={0: {"duration_days": 20}})
    assert stored_plan(token).tasks[0].duration_days == 20
    button(at, "gantt.reset_confirm", lang).click().run()
    assert_clean(at)
    assert (
        stored_plan(token).tasks[0].duration_days
        == actions.retroplan.PHASES["discovery"]["duration"]
    )


@pytest.mark.parametrize("lang", LANGS)
def test_turning_gifting_off_removes_the_shipping_phase(lang):
    """Without products to ship, the shipping task leaves the retro-planning."""
    token = planning_token(lang, deliverables=True, tasks=True)
    at = run_page("retroplanning", lang=lang, token=token)
    assert "shipping" in {t.task_id for t in stored_plan(token).tasks}
    toggle = next(w for w in at.toggle if w.label == i18n.t("gantt.gifting", lang))
    toggle.set_value(False).run()
    assert_clean(at)
    assert "shipping" not in {t.task_id for t in stored_plan(token).tasks}


# --- follow-up ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_without_a_plan_the_page_says_how_to_start(lang):
    """Opened with no plan, the page explains how to start one instead of failing."""
    at = run_page("retroplanning", lang=lang)
    assert_clean(at)
    assert i18n.t("app.need_plan", lang) in [info.value for info in at.info]
