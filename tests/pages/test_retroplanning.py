"""The planning pages as a trainee uses them, in French and in English: agree deliverables with
each shortlisted influencer, build and edit the retro-planning (Gantt, checks, .ics), follow
each deliverable's status."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from influkit.campaign.budget import plan as budget_plan
from influkit.data import datasets
from influkit.identify import profiles
from influkit.operations import deliverables as actions
from influkit.operations import followup
from influkit.operations.schedule import gantt
from influkit.plan.model import Plan
from influkit.plan.storage import get_store
from influkit.text import i18n

from ..apptest_helpers import LANGS, all_text, assert_clean, new_plan_token, run_page

MY_PAGES = {"actions", "retroplanning", "followup"}
TODAY = dt.date.today()


def stored(token: str) -> Plan:
    """The plan as saved in the store."""
    return get_store().load(token).plan


def two_beauty_creators(plan: Plan) -> list[str]:
    """Two Instagram beauty accounts of the sample data."""
    table = profiles.influencer_table(plan)
    chosen = table[(table["niche"] == "beauty") & (table["platform"] == "instagram")]
    return chosen["influencer_id"].head(2).tolist()


def token_with(lang: str, *, deliverables: bool = False, tasks: bool = False, launch=None) -> str:
    """A Verdelune plan with two creators shortlisted, optionally their deliverables and tasks."""
    plan = Plan.from_case(datasets.case("cosmetique-lancement"), lang)
    if launch is not None:
        plan.brief.launch_date = launch
    for influencer_id in two_beauty_creators(plan):
        plan.add_to_shortlist(influencer_id)
        if deliverables:
            suggestion = actions.suggested_deliverable(plan, influencer_id)
            plan.deliverables = [*plan.deliverables, suggestion]
    if tasks:
        actions.regenerate_tasks(plan, lang)
    return get_store().create(plan)


def button(at, key: str, lang: str, **params):
    """The button whose label is this catalogue message."""
    text = i18n.t(key, lang, **params)
    return next(b for b in at.button if b.label == text)


def metric(at, key: str, lang: str) -> str:
    """The value shown by the metric with this label."""
    return next(m.value for m in at.metric if m.label == i18n.t(key, lang))


def edit(at, editor, *, rows=None, added=None, deleted=None):
    """Seed a table's edits the way the browser sends them, then rerun the page."""
    at.session_state[editor.key] = {
        "edited_rows": {str(i): change for i, change in (rows or {}).items()},
        "added_rows": added or [],
        "deleted_rows": deleted or [],
    }
    at.run()
    return at


# --- action plan ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_shortlist_is_explained_and_an_influencer_can_be_added_here(lang):
    """With no one shortlisted the page says why it is empty; picking a profile adds it."""
    token = new_plan_token(0, lang)
    at = run_page("actions", lang=lang, token=token)
    assert_clean(at)
    assert i18n.t("actions.empty_shortlist", lang) in [i.value for i in at.info]
    plan = stored(token)
    wanted = budget_plan.candidate_pool(plan, profiles.influencer_table(plan))["influencer_id"][0]
    at.selectbox[0].set_value(wanted).run()
    button(at, "actions.quick_add_button", lang).click().run()
    assert_clean(at)
    assert stored(token).shortlisted_ids() == [wanted]
    name = actions.influencer_names(stored(token))[wanted]
    assert any(name in s.value for s in at.success)
    assert at.data_editor, "the new influencer's table of deliverables is shown"


@pytest.mark.parametrize("lang", LANGS)
def test_the_suggested_deliverable_comes_from_the_influencers_profile(lang):
    """One click adds a deliverable on the influencer's platform, in its usual format."""
    token = token_with(lang)
    at = run_page("actions", lang=lang, token=token)
    assert_clean(at)
    first = stored(token).shortlisted_ids()[0]
    at.button(key=f"actions_add_{first}").click().run()
    assert_clean(at)
    (deliverable,) = stored(token).deliverables
    assert (deliverable.influencer_id, deliverable.platform, deliverable.format) == (
        first,
        "instagram",
        "reel",
    )
    assert deliverable.window_start is not None


@pytest.mark.parametrize("lang", LANGS)
def test_editing_a_deliverable_in_the_table_is_stored_and_a_wrong_format_is_refused(lang):
    """Changing the count is saved; a format the platform does not offer is refused with a
    message and the stored deliverable stays as it was."""
    token = token_with(lang, deliverables=True)
    at = run_page("actions", lang=lang, token=token)
    assert_clean(at)
    editor = at.data_editor[0]
    edit(at, editor, rows={0: {"count": 3, "note": "2 stories en plus"}})
    assert_clean(at)
    first = stored(token).deliverables[0]
    assert (first.count, first.note) == (3, "2 stories en plus")
    edit(at, editor, rows={0: {"format": "short"}})
    assert_clean(at)
    (error,) = at.error
    assert i18n.label("data.format", "short", lang) in error.value
    assert stored(token).deliverables[0].format == "reel"


@pytest.mark.parametrize("lang", LANGS)
def test_deliverables_feed_the_retroplanning(lang):
    """The button on the action plan builds the retro-planning with a chain per deliverable."""
    token = token_with(lang, deliverables=True)
    at = run_page("actions", lang=lang, token=token)
    button(at, "actions.retro_generate", lang).click().run()
    assert_clean(at)
    plan = stored(token)
    for deliverable in plan.deliverables:
        ids = {t.task_id for t in plan.tasks if t.deliverable_id == deliverable.deliverable_id}
        assert ids == {
            f"{deliverable.deliverable_id}-{p}" for p in actions.retroplan.DELIVERABLE_PHASES
        }


# --- retro-planning -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_retroplanning_is_generated_from_the_template(lang):
    """An empty retro-planning offers the template; one click fills it and draws the Gantt."""
    token = token_with(lang, deliverables=True)
    at = run_page("retroplanning", lang=lang, token=token)
    assert_clean(at)
    assert not stored(token).tasks
    button(at, "gantt.generate", lang).click().run()
    assert_clean(at)
    plan = stored(token)
    assert plan.tasks and "launch" in {t.task_id for t in plan.tasks}
    assert metric(at, "gantt.metric_launch", lang) == "01/03/2027"
    assert at.get("plotly_chart"), "the Gantt chart is drawn"
    assert i18n.t("gantt.generated", lang) in [s.value for s in at.success]


@pytest.mark.parametrize("lang", LANGS)
def test_a_longer_duration_in_the_table_is_stored_and_moves_the_first_day(lang):
    """Lengthening the first task in the table saves it and the plan starts earlier."""
    token = token_with(lang, deliverables=True, tasks=True)
    at = run_page("retroplanning", lang=lang, token=token)
    assert_clean(at)
    first_day = metric(at, "gantt.metric_first_day", lang)
    assert stored(token).tasks[0].task_id == "discovery"
    edit(at, at.data_editor[0], rows={0: {"duration_days": 15}})
    assert_clean(at)
    assert stored(token).tasks[0].duration_days == 15
    assert metric(at, "gantt.metric_first_day", lang) != first_day
    assert len(at.error) == 0


@pytest.mark.parametrize("lang", LANGS)
def test_a_loop_in_the_dependencies_is_refused_and_the_last_valid_plan_stays(lang):
    """Making discovery wait for the reporting shows the loop in words; nothing is lost."""
    token = token_with(lang, deliverables=True, tasks=True)
    at = run_page("retroplanning", lang=lang, token=token)
    editor = at.data_editor[0]
    edit(at, editor, rows={0: {"duration_days": 12}})
    valid = [t.model_dump() for t in stored(token).tasks]
    first_day = metric(at, "gantt.metric_first_day", lang)
    edit(at, editor, rows={0: {"duration_days": 12, "depends_on": ["reporting"]}})
    assert_clean(at)
    (error,) = at.error
    loop_text = i18n.t("retroplan.error_cycle", lang, tasks="@").split("@")[0]
    assert loop_text in error.value
    assert [t.model_dump() for t in stored(token).tasks] == valid
    assert metric(at, "gantt.metric_first_day", lang) == first_day
    assert at.get("plotly_chart"), "the last valid Gantt stays on screen"


@pytest.mark.parametrize("lang", LANGS)
def test_a_negative_duration_or_unknown_task_is_refused(lang):
    """A negative duration or a dependency on a task that does not exist is refused."""
    token = token_with(lang, tasks=True)
    at = run_page("retroplanning", lang=lang, token=token)
    editor = at.data_editor[0]
    before = [t.model_dump() for t in stored(token).tasks]
    edit(at, editor, rows={0: {"duration_days": -2}})
    assert_clean(at)
    assert "-2" in at.error[0].value
    edit(at, editor, rows={1: {"depends_on": ["decouverte"]}})
    assert "decouverte" in at.error[0].value
    assert [t.model_dump() for t in stored(token).tasks] == before


@pytest.mark.parametrize("lang", LANGS)
def test_a_task_added_in_the_table_gets_an_id_and_is_scheduled(lang):
    """A new row becomes a task with an id, saved and drawn."""
    token = token_with(lang, tasks=True)
    at = run_page("retroplanning", lang=lang, token=token)
    added = {"name": "Tournage", "duration_days": 3, "duration_unit": "working", "depends_on": []}
    edit(at, at.data_editor[0], added=[added])
    assert_clean(at)
    new = stored(token).tasks[-1]
    assert (new.task_id, new.name, new.duration_days) == ("task-1", "Tournage", 3)
    assert "task-1" in at.data_editor[0].value["task_id"].tolist()


@pytest.mark.parametrize("lang", LANGS)
def test_dependencies_are_chosen_by_task_name_and_stored_as_ids(lang):
    """The “After” column lists the tasks by name in the trainee's language; choosing one
    stores the task's id; no task id is shown in the table, the schedule or the chart."""
    token = token_with(lang, deliverables=True, tasks=True)
    at = run_page("retroplanning", lang=lang, token=token)
    editor = at.data_editor[0]
    config = json.loads(editor.proto.columns)
    options = {o["value"]: o["label"] for o in config["depends_on"]["type_config"]["options"]}
    tasks = stored(token).tasks
    assert options == {task.task_id: task.name for task in tasks}
    assert options["discovery"] == i18n.t("retroplan.phase.discovery", lang)
    edit(at, editor, rows={3: {"depends_on": ["discovery", "outreach"]}})
    assert_clean(at)
    assert stored(token).tasks[3].depends_on == ["discovery", "outreach"]
    (chart,) = at.get("plotly_chart")
    figure = json.loads(chart.proto.spec)
    hovers = " ".join(str(h) for trace in figure["data"] for h in trace.get("hovertext") or [])
    assert options["discovery"] in hovers
    for task in tasks:
        assert f">{task.task_id}<" not in hovers and f": {task.task_id}" not in hovers


@pytest.mark.parametrize("lang", LANGS)
def test_the_calendar_files_can_be_downloaded(lang):
    """Two .ics downloads: the milestones, and every task."""
    at = run_page("retroplanning", lang=lang, token=token_with(lang, tasks=True))
    assert_clean(at)
    labels = [b.label for b in at.get("download_button")]
    assert i18n.t("gantt.download_milestones", lang) in labels
    assert i18n.t("gantt.download_all", lang) in labels


@pytest.mark.parametrize("lang", LANGS)
def test_a_late_start_and_a_short_lead_time_are_flagged(lang):
    """A launch three weeks away: the first task should have started, and the lead time is
    too short for a campaign."""
    launch = dt.date.today() + dt.timedelta(days=21)
    at = run_page("retroplanning", lang=lang, token=token_with(lang, tasks=True, launch=launch))
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
    assert stored(token).brief.launch_date == dt.date(2027, 6, 1)
    assert button(at, "gantt.generate", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_reset_from_the_template_after_confirmation(lang):
    """The reset, once confirmed, puts the template's durations back."""
    token = token_with(lang, tasks=True)
    at = run_page("retroplanning", lang=lang, token=token)
    edit(at, at.data_editor[0], rows={0: {"duration_days": 20}})
    assert stored(token).tasks[0].duration_days == 20
    button(at, "gantt.reset_confirm", lang).click().run()
    assert_clean(at)
    assert stored(token).tasks[0].duration_days == actions.retroplan.PHASES["discovery"]["duration"]


@pytest.mark.parametrize("lang", LANGS)
def test_turning_gifting_off_removes_the_shipping_phase(lang):
    """Without products to ship, the shipping task leaves the retro-planning."""
    token = token_with(lang, deliverables=True, tasks=True)
    at = run_page("retroplanning", lang=lang, token=token)
    assert "shipping" in {t.task_id for t in stored(token).tasks}
    toggle = next(w for w in at.toggle if w.label == i18n.t("gantt.gifting", lang))
    toggle.set_value(False).run()
    assert_clean(at)
    assert "shipping" not in {t.task_id for t in stored(token).tasks}


# --- follow-up ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_without_deliverables_the_followup_says_where_to_start(lang):
    """No deliverable yet: the page points to the action plan."""
    at = run_page("followup", lang=lang, token=token_with(lang))
    assert_clean(at)
    assert i18n.t("followup.no_deliverables", lang) in [i.value for i in at.info]


@pytest.mark.parametrize("lang", LANGS)
def test_a_status_change_is_stored_with_todays_date(lang):
    """Choosing "brief sent" for a deliverable saves the status and the day it happened."""
    token = token_with(lang, deliverables=True, tasks=True)
    at = run_page("followup", lang=lang, token=token)
    assert_clean(at)
    at.selectbox[0].select("brief_sent").run()
    assert_clean(at)
    first = stored(token).deliverables[0]
    assert first.status == "brief_sent"
    assert first.status_dates == {"brief_sent": dt.date.today()}
    assert at.selectbox[0].value == "brief_sent"


@pytest.mark.parametrize("lang", LANGS)
def test_late_deliverables_are_flagged_with_a_reminder_to_copy(lang):
    """With the launch a week away and no brief sent, both deliverables are late, the filter
    keeps them, and each has a reminder naming the influencer."""
    launch = dt.date.today() + dt.timedelta(days=7)
    token = token_with(lang, deliverables=True, tasks=True, launch=launch)
    at = run_page("followup", lang=lang, token=token)
    assert_clean(at)
    assert metric(at, "followup.metric_late", lang) == "2"
    reminders = [c.value for c in at.code]
    names = actions.influencer_names(stored(token))
    assert len(reminders) == 2
    for deliverable, text in zip(stored(token).deliverables, reminders, strict=True):
        assert names[deliverable.influencer_id] in text
    at.segmented_control[0].set_value("late").run()
    assert_clean(at)
    assert len(at.dataframe[0].value) == 2
    at.segmented_control[0].set_value("week").run()
    assert_clean(at)
    plan = stored(token)
    table = followup.followup_table(plan, gantt.schedule_plan_tasks(plan.tasks, launch), TODAY)
    this_week = int((table["this_week"] | (table["flag"] == "due")).sum())
    if this_week:
        assert len(at.dataframe[0].value) == this_week
    else:
        assert i18n.t("followup.nothing_week", lang) in all_text(at)


@pytest.mark.parametrize("lang", LANGS)
def test_a_published_deliverable_is_done_and_needs_no_reminder(lang):
    """Once published, a deliverable counts as done and its reminder disappears."""
    launch = dt.date.today() + dt.timedelta(days=7)
    token = token_with(lang, deliverables=True, tasks=True, launch=launch)
    at = run_page("followup", lang=lang, token=token)
    at.selectbox[0].select("published").run()
    assert_clean(at)
    assert metric(at, "followup.metric_done", lang) == "1"
    assert len(at.code) == 1


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", sorted(MY_PAGES))
def test_without_a_plan_each_page_says_how_to_start(page, lang):
    """Opened with no plan, the page explains how to start one."""
    at = run_page(page, lang=lang)
    assert_clean(at)
    assert i18n.t("app.need_plan", lang) in [i.value for i in at.info]


@pytest.mark.parametrize("lang", LANGS)
def test_deleting_a_deliverable_in_the_table_asks_to_update_the_retroplanning(lang):
    """A deliverable deleted from the table leaves the plan; its tasks are flagged until the
    retro-planning is updated, which removes them."""
    token = token_with(lang, deliverables=True, tasks=True)
    at = run_page("actions", lang=lang, token=token)
    gone = stored(token).deliverables[0].deliverable_id
    edit(at, at.data_editor[0], deleted=[0])
    assert_clean(at)
    assert gone not in {d.deliverable_id for d in stored(token).deliverables}
    stale = len(actions.tasks_of_removed_deliverables(stored(token)))
    assert stale == len(actions.retroplan.DELIVERABLE_PHASES)
    assert i18n.t("actions.retro_stale", lang, count=stale) in [i.value for i in at.info]
    button(at, "actions.retro_button", lang).click().run()
    assert_clean(at)
    assert actions.tasks_of_removed_deliverables(stored(token)) == []
