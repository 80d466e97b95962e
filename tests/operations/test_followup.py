"""Operations follow-up: each deliverable's next step and due date come from the retro-planning;
a step whose date has passed is late, a step or task this ISO week is due, the reminder names
the influencer, the deliverable and the date."""

import datetime as dt

import pytest

from influkit.operations import deliverables as actions
from influkit.operations import followup
from influkit.operations.schedule import scheduler as retroplan
from influkit.plan.model import Deliverable, Plan
from influkit.text import i18n

D = dt.date.fromisoformat
LAUNCH = D("2027-03-01")
NAMES = {"INF_A": "Lina Lejeune"}
# The one-deliverable template around 1 March 2027 (see the first test):
# creation 03/02 → 16/02, review 17/02 → 22/02, edits 23/02 → 26/02, publication 02/03 → 11/03.


def _plan(status="planned", status_dates=None, **fields) -> Plan:
    plan = Plan(title="Test")
    plan.brief.brand = "Verdelune"
    plan.brief.launch_date = LAUNCH
    plan.add_to_shortlist("INF_A")
    plan.deliverables = [
        Deliverable(
            deliverable_id="lina-reel",
            influencer_id="INF_A",
            platform="instagram",
            format="reel",
            status=status,
            status_dates=status_dates or {},
            **fields,
        )
    ]
    plan.tasks = actions.tasks_for_plan(plan, "fr", names=NAMES)
    return plan


def _scheduled(plan):
    return retroplan.schedule([task.model_dump() for task in plan.tasks], LAUNCH)


def _row(plan, today, scheduled="auto"):
    scheduled = _scheduled(plan) if scheduled == "auto" else scheduled
    table = followup.followup_table(plan, scheduled, today, names=NAMES)
    assert list(table.columns) == list(followup.FOLLOWUP_COLUMNS)
    return table.iloc[0].to_dict()


def test_the_steps_due_dates_come_from_the_deliverables_tasks():
    """Brief by the start of creation, draft at its end, approval at the end of the edits,
    publication at the end of the publication window."""
    row = _row(_plan(), D("2027-01-04"))
    assert (row["brief_due"], row["draft_due"], row["approval_due"], row["publish_due"]) == (
        D("2027-02-03"),
        D("2027-02-16"),
        D("2027-02-26"),
        D("2027-03-11"),
    )
    assert row["in_retroplan"]


@pytest.mark.parametrize(
    "status, today, flag, reason, days_late, next_step",
    [
        ("planned", "2027-01-20", "ok", None, 0, "brief_sent"),
        ("planned", "2027-02-03", "due", None, 0, "brief_sent"),
        ("planned", "2027-02-04", "late", "brief_sent", 1, "brief_sent"),
        ("planned", "2027-02-20", "late", "brief_sent", 17, "brief_sent"),
        ("brief_sent", "2027-02-10", "due", None, 0, "draft_received"),
        ("brief_sent", "2027-02-17", "late", "draft_received", 1, "draft_received"),
        ("draft_received", "2027-02-25", "due", None, 0, "approved"),
        ("draft_received", "2027-03-01", "late", "approved", 3, "approved"),
        ("approved", "2027-03-05", "due", None, 0, "published"),
        ("approved", "2027-03-12", "late", "published", 1, "published"),
        ("approved", "2027-01-11", "ok", None, 0, "published"),
        ("published", "2027-04-01", "done", None, 0, None),
        ("published", "2027-02-20", "done", None, 0, None),
    ],
)
def test_each_deliverable_is_late_due_this_week_on_time_or_done(
    status, today, flag, reason, days_late, next_step
):
    """A step whose due date has passed is late (by that many days), a step or a task this
    week is due, the rest is on time; a published deliverable is done."""
    row = _row(_plan(status), D(today))
    assert (row["flag"], row["reason"], row["days_late"], row["next_step"]) == (
        flag,
        reason,
        days_late,
        next_step,
    )


def test_a_deliverable_flagged_late_by_hand_stays_late():
    """Marked "late" with nothing overdue yet: late, for that reason, from its furthest step."""
    plan = _plan("late", {"brief_sent": D("2027-01-15"), "late": D("2027-01-19")})
    row = _row(plan, D("2027-01-20"))
    assert (row["flag"], row["reason"], row["next_step"]) == (
        "late",
        "marked_late",
        "draft_received",
    )
    assert followup.progress(plan.deliverables[0]) == 1


def test_the_deliverables_own_window_sets_the_publication_date():
    """A window agreed with the influencer replaces the template's publication dates."""
    plan = _plan("approved", window_start=D("2027-03-08"), window_end=D("2027-03-19"))
    assert _row(plan, D("2027-03-15"))["flag"] == "due"
    assert _row(plan, D("2027-03-22"))["flag"] == "late"
    assert _row(plan, D("2027-03-22"))["publish_due"] == D("2027-03-19")


def test_without_a_retroplanning_only_the_window_counts():
    """No schedule: the other steps have no date, the window still flags a late publication."""
    plan = _plan("brief_sent", window_end=D("2027-03-11"))
    row = _row(plan, D("2027-03-15"), scheduled=None)
    assert (row["draft_due"], row["in_retroplan"]) == (None, False)
    assert (row["flag"], row["reason"]) == ("late", "published")
    assert _row(plan, D("2027-02-20"), scheduled=None)["flag"] == "ok"


def test_the_tasks_of_this_week_are_listed():
    """The deliverable's tasks that overlap this ISO week are named."""
    row = _row(_plan("brief_sent"), D("2027-02-17"))
    assert row["this_week"]
    assert row["tasks_this_week"] == [
        "Création du contenu — Lina Lejeune · Reel",
        "Relecture et validation — Lina Lejeune · Reel",
    ]


@pytest.mark.parametrize(
    "today, monday, sunday",
    [
        ("2027-02-17", "2027-02-15", "2027-02-21"),
        ("2027-01-03", "2026-12-28", "2027-01-03"),  # a Sunday: ISO week 53 of 2026
        ("2027-01-04", "2027-01-04", "2027-01-10"),
    ],
)
def test_the_iso_week_runs_monday_to_sunday(today, monday, sunday):
    """This week is the ISO week: from Monday to Sunday."""
    assert followup.iso_week(D(today)) == (D(monday), D(sunday))


def test_changing_the_status_stamps_todays_date():
    """A new status is dated today; giving the same status again changes nothing."""
    plan = _plan()
    deliverable = plan.deliverables[0]
    assert followup.set_status(deliverable, "brief_sent", D("2027-02-01"))
    assert followup.set_status(deliverable, "draft_received", D("2027-02-12"))
    assert not followup.set_status(deliverable, "draft_received", D("2027-02-13"))
    assert not followup.set_status(deliverable, "lost", D("2027-02-13"))
    assert deliverable.status == "draft_received"
    assert deliverable.status_dates == {
        "brief_sent": D("2027-02-01"),
        "draft_received": D("2027-02-12"),
    }


@pytest.mark.parametrize(
    "status, today, lang, expected",
    [
        (
            "brief_sent",
            "2027-02-18",
            "fr",
            ["Bonjour Lina Lejeune", "Reel Instagram", "16/02/2027", "Verdelune"],
        ),
        ("brief_sent", "2027-02-18", "en", ["Hello Lina Lejeune", "Instagram Reel", "16/02/2027"]),
        ("brief_sent", "2027-02-10", "fr", ["attendons le brouillon", "16/02/2027"]),
        ("approved", "2027-03-12", "fr", ["11/03/2027", "Publicité", "Collaboration commerciale"]),
        ("planned", "2027-02-01", "fr", ["À faire", "envoyer à Lina Lejeune", "03/02/2027"]),
        ("planned", "2027-02-05", "fr", ["En retard", "brief de Lina Lejeune", "03/02/2027"]),
    ],
)
def test_the_reminder_names_the_influencer_the_deliverable_and_the_date(
    status, today, lang, expected
):
    """The reminder of a flagged row is filled with who, what and by when."""
    text = followup.reminder_text(_row(_plan(status), D(today)), lang)
    for part in expected:
        assert part in text
    assert "{" not in text


@pytest.mark.parametrize("status, today", [("planned", "2027-01-20"), ("published", "2027-03-20")])
def test_there_is_no_reminder_for_what_is_on_time_or_done(status, today):
    """Nothing to send for a deliverable on time or already published."""
    assert followup.reminder_text(_row(_plan(status), D(today)), "fr") == ""


def test_counts_of_each_flag():
    """The page's figures: how many deliverables are late, due, on time, done."""
    plan = _plan()
    plan.deliverables = [
        *plan.deliverables,
        plan.deliverables[0].model_copy(update={"deliverable_id": "b", "status": "published"}),
    ]
    table = followup.followup_table(plan, _scheduled(plan), D("2027-02-10"), names=NAMES)
    assert followup.counts(table) == {"late": 1, "due": 0, "ok": 0, "done": 1}


# --- what the follow-up page writes ------------------------------------------------------------


@pytest.mark.parametrize(
    "today, shown, kept",
    [
        ("2027-01-20", "all", 1),
        ("2027-01-20", "late", 0),
        ("2027-01-20", "week", 0),
        ("2027-02-03", "week", 1),
        ("2027-02-04", "late", 1),
        ("2027-02-04", None, 1),
    ],
)
def test_the_filters_keep_what_is_late_or_due_this_week(today, shown, kept):
    """ "Late" keeps what is late, "this week" what is due or worked on this week, "all" (or
    no choice) everything."""
    plan = _plan()
    table = followup.followup_table(plan, _scheduled(plan), D(today), names=NAMES)
    assert len(followup.filter_rows(table, shown)) == kept


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_overview_writes_status_next_step_due_date_and_days_late(lang):
    """Each row reads as who, what, status, next step, its due date, the flag and the days
    late, in the user's language."""
    plan = _plan()
    table = followup.followup_table(plan, _scheduled(plan), D("2027-02-06"), names=NAMES)
    frame = followup.overview_frame(table, {d.deliverable_id: d for d in plan.deliverables}, lang)
    assert frame.iloc[0].tolist() == [
        "Lina Lejeune",
        actions.what_label(plan.deliverables[0], lang),
        i18n.label("followup.status", "planned", lang),
        i18n.label("followup.step", "brief_sent", lang),
        "03/02/2027",
        i18n.label("followup.flag", "late", lang),
        "3",
    ]


def test_a_late_cards_details_say_why_and_where_the_partnership_stands():
    """A late card gives its window, the step to chase and its date, why it is late, this
    week's tasks, and the influencer's stage in the pipeline."""
    plan = _plan()
    table = followup.followup_table(plan, _scheduled(plan), D("2027-02-06"), names=NAMES)
    row = table.iloc[0].to_dict()
    lines = followup.details(row, plan.deliverables[0], "fr")
    assert "03/02/2027" in lines[1]
    assert lines[2] == i18n.t("followup.late_reason.brief_sent", "fr", days="3")
    stage = i18n.label("relationship.stage", row["pipeline_stage"], "fr")
    assert lines[-1] == i18n.t("relationship.followup_stage", "fr", stage=stage)
    assert lines[3].startswith(i18n.t("followup.tasks_this_week", "fr", tasks="")[:10])
    assert len(lines) == 5
