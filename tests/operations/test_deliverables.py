"""The action plan: formats valid per platform, deliverables read back from the trainee's table
and checked, suggested defaults from the influencer's profile, the retro-planning tasks they
become, and a rebuild of those tasks that keeps what the trainee edited."""

import datetime as dt

import pandas as pd
import pytest

from influkit.data import datasets
from influkit.errors import UserError
from influkit.operations import deliverables as actions
from influkit.operations.schedule import scheduler as retroplan
from influkit.operations.schedule.calendar import add_working_days
from influkit.plan.model import Deliverable, Plan, Remuneration, Task

D = dt.date.fromisoformat
LAUNCH = D("2027-03-01")
NAMES = {"INF_A": "Lina Lejeune", "INF_B": "Zoé Martin"}


def _plan(*deliverables: Deliverable, category: str = "cosmetics") -> Plan:
    """A plan launching on 1 March 2027, shortlisting A and B, with these deliverables."""
    plan = Plan(title="Test")
    plan.brief.launch_date = LAUNCH
    plan.brief.product_category = category
    plan.add_to_shortlist("INF_A")
    plan.add_to_shortlist("INF_B")
    plan.deliverables = list(deliverables)
    return plan


def _reel(deliverable_id="lina-reel", influencer="INF_A", **extra) -> Deliverable:
    fields = {"platform": "instagram", "format": "reel", "count": 1, **extra}
    return Deliverable(deliverable_id=deliverable_id, influencer_id=influencer, **fields)


def _ids(tasks):
    return [task.task_id for task in tasks]


def _by_id(tasks):
    return {task.task_id: task for task in tasks}


# --- formats and defaults -------------------------------------------------------------------


@pytest.mark.parametrize(
    "platform, expected",
    [
        ("instagram", ("reel", "carousel", "photo", "story", "live")),
        ("tiktok", ("video", "live")),
        ("youtube", ("video", "short", "live")),
        ("twitch", ("live",)),
        ("unknown", actions.ALL_FORMATS),
        (None, actions.ALL_FORMATS),
    ],
)
def test_formats_valid_for_each_platform(platform, expected):
    """Each platform offers its own formats, the usual one first; unknown offers all."""
    assert actions.formats_for(platform) == expected
    assert actions.default_format(platform) == expected[0]


def test_the_formats_are_those_of_the_sample_posts():
    """Every platform's formats are exactly the formats its accounts post in the sample data."""
    posts = datasets.load("posts")
    platforms = datasets.load("influencers").set_index("influencer_id")["platform"]
    seen = posts.assign(platform=posts["influencer_id"].map(platforms))
    for platform, formats in seen.groupby("platform")["format"]:
        assert set(actions.formats_for(platform)) == set(formats), platform


@pytest.mark.parametrize(
    "taken, name, fmt, expected",
    [
        ((), "Lina Lejeune", "reel", "lina-reel"),
        (("lina-reel",), "Lina Lejeune", "reel", "lina-reel-2"),
        (("lina-reel", "lina-reel-2"), "Lina Lejeune", "reel", "lina-reel-3"),
        ((), "@Éloïse_beauté", "story", "eloise-story"),
        ((), "", "video", "del-video"),
    ],
)
def test_deliverable_ids_are_short_readable_and_unique(taken, name, fmt, expected):
    """An id reads like the deliverable (first name, format) and never repeats one taken."""
    assert actions.new_deliverable_id(taken, name, fmt) == expected


def test_the_suggested_deliverable_follows_the_profile_and_the_launch():
    """Platform and usual format of the account, one post, the window after the launch, the
    account's price per post as the fee."""
    influencers = datasets.load("influencers").set_index("influencer_id")
    influencer_id = influencers.index[influencers["platform"] == "youtube"][0]
    plan = Plan.from_case(datasets.cases()[0])
    plan.add_to_shortlist(influencer_id)
    suggestion = actions.suggested_deliverable(plan, influencer_id)
    assert (suggestion.platform, suggestion.format, suggestion.count) == ("youtube", "video", 1)
    assert suggestion.window_start == add_working_days(plan.brief.launch_date, 1)
    assert suggestion.window_end == add_working_days(plan.brief.launch_date, 8)
    assert suggestion.compensation_eur_ht == influencers.loc[influencer_id, "price_per_post_eur"]
    assert suggestion.deliverable_id.endswith("-video")


def test_without_a_launch_date_the_suggestion_has_no_window():
    """No launch date: the suggested deliverable leaves the window empty."""
    plan = Plan()
    suggestion = actions.suggested_deliverable(plan, "INF0001")
    assert suggestion.window_start is None and suggestion.window_end is None


@pytest.mark.parametrize(
    "deliverable, lang, expected",
    [
        (_reel(), "fr", "Lina Lejeune · Reel"),
        (_reel(count=3), "fr", "Lina Lejeune · Reel ×3"),
        (_reel(influencer="INF_X", format="story"), "en", "INF_X · Story"),
    ],
)
def test_deliverables_in_words(deliverable, lang, expected):
    """A deliverable reads as who, the format and how many."""
    assert actions.deliverable_label(deliverable, lang, NAMES) == expected


# --- the trainee's table --------------------------------------------------------------------


def _rows(**changes):
    row = {
        "deliverable_id": "lina-reel",
        "platform": "instagram",
        "format": "reel",
        "count": 2,
        "window_start": D("2027-03-02"),
        "window_end": D("2027-03-11"),
        "compensation_eur_ht": 800.0,
        "note": "",
    }
    row.update(changes)
    return [row]


def test_an_edited_row_keeps_the_deliverables_status():
    """Changing the count keeps the status and its dates, matched by the deliverable's id."""
    sent = _reel(status="brief_sent", status_dates={"brief_sent": D("2027-01-20")})
    plan = _plan(sent)
    (read,) = actions.deliverables_from_rows(_rows(count=3), "INF_A", plan)
    assert (read.count, read.status, read.status_dates) == (
        3,
        "brief_sent",
        {"brief_sent": D("2027-01-20")},
    )


def test_the_table_and_back_gives_the_same_deliverables():
    """Reading back an unedited table gives the influencer's deliverables unchanged."""
    plan = _plan(_reel(count=2, window_start=D("2027-03-02"), compensation_eur_ht=500.0))
    frame = actions.editor_rows(actions.deliverables_of(plan, "INF_A"))
    read = actions.deliverables_from_rows(frame, "INF_A", plan)
    assert [d.model_dump() for d in read] == [d.model_dump() for d in plan.deliverables]


@pytest.mark.parametrize(
    "changes, key",
    [
        ({"platform": None}, "actions.error_platform"),
        ({"platform": "myspace"}, "actions.error_platform"),
        ({"format": "short"}, "actions.error_format"),
        ({"platform": "tiktok", "format": "reel"}, "actions.error_format"),
        ({"format": None}, "actions.error_format"),
        ({"count": 0}, "actions.error_count"),
        ({"count": 1.5}, "actions.error_count"),
        ({"count": None}, "actions.error_count"),
        ({"window_end": D("2027-03-01")}, "actions.error_window"),
        ({"window_start": "pas une date"}, "actions.error_window_date"),
        ({"compensation_eur_ht": -10.0}, "actions.error_fee"),
    ],
)
def test_a_wrong_row_is_refused_with_a_message(changes, key):
    """A missing platform, a format the platform lacks, a bad count, window or fee is refused."""
    with pytest.raises(UserError) as err:
        actions.deliverables_from_rows(_rows(**changes), "INF_A", _plan(_reel()))
    assert err.value.key == key
    assert err.value.params["row"] == 1


def test_the_format_message_lists_the_platforms_formats_in_words():
    """The refusal names the format, the platform and what it offers, in the user's language."""
    with pytest.raises(UserError) as err:
        actions.deliverables_from_rows(_rows(format="short"), "INF_A", _plan(), "fr")
    message = err.value.message("fr")
    assert "Short" in message and "Instagram" in message and "Carrousel" in message


def test_a_new_row_takes_the_suggested_values_and_a_new_id():
    """A row added with only a count gets the suggestion's platform, format, window and fee."""
    plan = _plan(_reel())
    suggestion = _reel("lina-reel-2", window_start=D("2027-03-02"), compensation_eur_ht=900.0)
    rows = [*_rows(), {"deliverable_id": None, "count": 2}]
    read = actions.deliverables_from_rows(
        rows, "INF_A", plan, influencer_name="Lina Lejeune", defaults=suggestion
    )
    new = read[1]
    assert (new.deliverable_id, new.platform, new.format, new.count) == (
        "lina-reel-2",
        "instagram",
        "reel",
        2,
    )
    assert (new.window_start, new.compensation_eur_ht, new.status) == (
        D("2027-03-02"),
        900.0,
        "planned",
    )


def test_replacing_one_influencers_deliverables_leaves_the_others():
    """New deliverables for A take A's place; B's stay where they were."""
    plan = _plan(_reel(), _reel("zoe-reel", "INF_B"))
    changed = actions.replace_deliverables(plan, "INF_A", [_reel(count=4)])
    assert changed
    assert [(d.deliverable_id, d.count) for d in plan.deliverables] == [
        ("lina-reel", 4),
        ("zoe-reel", 1),
    ]
    assert not actions.replace_deliverables(plan, "INF_A", [_reel(count=4)])


def test_the_action_plan_in_figures():
    """Counts of deliverables and posts, the planned pay, share of the budget, who has nothing
    yet (an influencer without a model is planned at the fee agreed on their deliverables)."""
    plan = _plan(_reel(influencer="INF0041", count=3, compensation_eur_ht=600.0))
    plan.shortlist = []
    plan.add_to_shortlist("INF0041")
    plan.add_to_shortlist("INF0005")
    plan.brief.budget_eur_ht = 6000.0
    summary = actions.action_summary(plan)
    assert summary == {
        "deliverables": 1,
        "posts": 3,
        "compensation_eur_ht": 600.0,
        # INF0005 has no deliverable: one post at their declared price (25 €).
        "planned_cost_eur_ht": pytest.approx(625.0),
        "budget_share": pytest.approx(625.0 / 6000.0),
        "without_deliverable": ["INF0005"],
    }


def test_the_planned_pay_is_the_chosen_models_cost_as_in_the_budget():
    """With a chosen model, "planned pay" is what the model costs: the budget's lines."""
    from influkit.campaign.compensation import simulator as remuneration
    from influkit.identify import profiles

    plan = _plan(_reel(influencer="INF0041", count=2))
    plan.shortlist = []
    plan.add_to_shortlist("INF0041")
    remuneration.choose_model(
        plan, "INF0041", "fixed_fee", {"posts": 2, "product_value_eur": 39.0}, {"fee_eur": 600.0}
    )
    remuneration.sync_budget_lines(plan, profiles.influencer_table(plan))
    budget = sum(line.quantity * line.unit_cost_eur_ht for line in plan.budget_lines)
    assert budget == pytest.approx(2 * 600 + 39)
    assert actions.action_summary(plan)["planned_cost_eur_ht"] == pytest.approx(budget)


def test_deliverables_of_influencers_off_the_shortlist_are_found():
    """A deliverable whose influencer left the shortlist is listed, to be removed."""
    plan = _plan(_reel(), _reel("max-reel", "INF_GONE"))
    assert [d.deliverable_id for d in actions.orphan_deliverables(plan)] == ["max-reel"]


# --- the retro-planning tasks ---------------------------------------------------------------


def test_each_deliverable_becomes_its_own_chain_of_tasks():
    """Two deliverables: a creation → review → edits chain each before the launch, and a
    publication each after it, every chain kept together in reading order."""
    plan = _plan(_reel(), _reel("zoe-reel", "INF_B"))
    tasks = actions.tasks_for_plan(plan, "fr", names=NAMES)
    assert _ids(tasks) == [
        "discovery",
        "outreach",
        "brief",
        "shipping",
        "lina-reel-creation",
        "lina-reel-review",
        "lina-reel-edits",
        "zoe-reel-creation",
        "zoe-reel-review",
        "zoe-reel-edits",
        "launch",
        "lina-reel-publication",
        "zoe-reel-publication",
        "live",
        "reporting",
    ]
    tasks = _by_id(tasks)
    assert tasks["lina-reel-creation"].deliverable_id == "lina-reel"
    assert tasks["lina-reel-creation"].name == "Création du contenu — Lina Lejeune · Reel"
    assert tasks["launch"].depends_on == ["lina-reel-edits", "zoe-reel-edits"]
    scheduled = retroplan.schedule([t.model_dump() for t in tasks.values()], LAUNCH)
    assert scheduled.set_index("task_id").loc["launch", "start"] == LAUNCH


@pytest.mark.parametrize(
    "category, remuneration, expected",
    [
        ("cosmetics", None, True),
        ("food", None, True),
        ("software", None, False),
        ("video_games", None, False),
        ("software", "gifting", True),
    ],
)
def test_products_are_shipped_unless_there_is_nothing_to_ship(category, remuneration, expected):
    """A shipping phase for physical products or gifting; none for software or services."""
    plan = _plan(category=category)
    if remuneration:
        plan.remunerations = [Remuneration(influencer_id="INF_A", kind=remuneration)]
    assert actions.uses_gifting(plan) is expected
    has_shipping = "shipping" in _ids(actions.tasks_for_plan(plan, "fr", names=NAMES))
    assert has_shipping is expected


def test_without_a_launch_date_there_are_no_tasks():
    """The template needs the launch date and says so."""
    plan = _plan()
    plan.brief.launch_date = None
    with pytest.raises(UserError) as err:
        actions.tasks_for_plan(plan, "fr", names=NAMES)
    assert err.value.key == "actions.error_no_launch_date"


def _generated(*deliverables, lang="fr"):
    plan = _plan(*deliverables)
    plan.tasks = actions.tasks_for_plan(plan, lang, names=NAMES)
    return plan


def _edit(plan, task_id, **changes):
    plan.tasks = [t.model_copy(update=changes) if t.task_id == task_id else t for t in plan.tasks]


def test_a_rebuild_keeps_edited_durations_names_and_dependencies():
    """After the trainee edits tasks, adding a deliverable and rebuilding keeps their edits."""
    plan = _generated(_reel())
    _edit(plan, "discovery", duration_days=15)
    _edit(plan, "brief", name="Brief juridique avec l'avocat", duration_unit="calendar")
    _edit(plan, "lina-reel-creation", depends_on=["brief"])  # no need to wait for products
    plan.deliverables = [*plan.deliverables, _reel("zoe-reel", "INF_B")]
    tasks = _by_id(actions.regenerate_tasks(plan, "fr"))
    assert tasks["discovery"].duration_days == 15
    assert tasks["brief"].name == "Brief juridique avec l'avocat"
    assert tasks["brief"].duration_unit == "calendar"
    assert tasks["lina-reel-creation"].depends_on == ["brief"]
    # The new deliverable arrives with the template's links, and the launch waits for it.
    assert tasks["zoe-reel-creation"].depends_on == ["brief", "shipping"]
    assert tasks["launch"].depends_on == ["lina-reel-edits", "zoe-reel-edits"]
    assert _by_id(plan.tasks) == tasks


def test_a_rebuild_keeps_the_trainees_own_tasks_where_they_were():
    """A task the trainee added stays, right after the task it followed, with its links."""
    plan = _generated(_reel())
    shoot = Task(task_id="task-1", name="Tournage en studio", duration_days=2, depends_on=["brief"])
    ids = _ids(plan.tasks)
    plan.tasks = [
        *plan.tasks[: ids.index("brief") + 1],
        shoot,
        *plan.tasks[ids.index("brief") + 1 :],
    ]
    _edit(plan, "lina-reel-creation", depends_on=["brief", "shipping", "task-1"])
    tasks = actions.regenerate_tasks(plan, "fr")
    assert _ids(tasks)[_ids(tasks).index("brief") + 1] == "task-1"
    assert _by_id(tasks)["task-1"] == shoot
    assert "task-1" in _by_id(tasks)["lina-reel-creation"].depends_on


def test_a_removed_deliverable_takes_its_tasks_and_links_away():
    """Dropping a deliverable removes its chain and every link to it; the rest stays."""
    plan = _generated(_reel(), _reel("zoe-reel", "INF_B"))
    _edit(plan, "zoe-reel-creation", duration_days=12)
    _edit(plan, "lina-reel-creation", duration_days=7)
    plan.deliverables = plan.deliverables[:1]
    tasks = _by_id(actions.regenerate_tasks(plan, "fr"))
    assert not any(task_id.startswith("zoe-reel") for task_id in tasks)
    assert tasks["launch"].depends_on == ["lina-reel-edits"]
    assert tasks["live"].depends_on == ["lina-reel-publication"]
    assert tasks["lina-reel-creation"].duration_days == 7


def test_going_from_no_deliverable_to_one_keeps_the_phases_durations():
    """The common creation task edited to 15 days hands its duration to the deliverable's."""
    plan = _generated()
    _edit(plan, "creation", duration_days=15)
    plan.deliverables = [_reel()]
    tasks = _by_id(actions.regenerate_tasks(plan, "fr"))
    assert "creation" not in tasks
    assert tasks["lina-reel-creation"].duration_days == 15
    assert tasks["launch"].depends_on == ["lina-reel-edits"]


@pytest.mark.parametrize("gifting", [False, True])
def test_switching_gifting_adds_or_removes_the_shipping_phase(gifting):
    """Without gifting the shipping task and its links go; with it they come back."""
    plan = _generated(_reel())
    actions.regenerate_tasks(plan, "fr", gifting=False)
    tasks = _by_id(plan.tasks)
    assert "shipping" not in tasks
    assert tasks["lina-reel-creation"].depends_on == ["brief"]
    if gifting:
        tasks = _by_id(actions.regenerate_tasks(plan, "fr", gifting=True))
        assert tasks["lina-reel-creation"].depends_on == ["brief", "shipping"]
        assert actions.uses_gifting(plan)


def test_template_names_follow_the_language_but_the_trainees_names_stay():
    """Rebuilding in English renames the template's tasks, not the ones the trainee renamed."""
    plan = _generated(_reel(), lang="fr")
    _edit(plan, "outreach", name="Appels aux agents")
    tasks = _by_id(actions.regenerate_tasks(plan, "en"))
    assert tasks["discovery"].name == "Influencer discovery and vetting"
    assert tasks["lina-reel-review"].name.startswith("Review and approval — ")
    assert tasks["outreach"].name == "Appels aux agents"


@pytest.mark.parametrize(
    "name, default",
    [
        ("Brief et validation juridique", True),
        ("Brief and legal review", True),
        ("Création du contenu — n'importe qui · Story ×2", True),
        ("Edits — Zoé", True),
        ("Brief et validation juridique (avocat)", False),
        ("Tournage", False),
        ("", False),
    ],
)
def test_names_the_template_wrote_are_told_apart(name, default):
    """A name is the template's when it reads as one of its phase names, in any language."""
    assert actions.is_default_name(name) is default


def test_a_full_reset_forgets_the_edits():
    """Without keeping edits, the rebuild is the template again."""
    plan = _generated(_reel())
    _edit(plan, "discovery", duration_days=15)
    plan.tasks = [*plan.tasks, Task(task_id="task-1", name="Tournage", duration_days=2)]
    tasks = actions.regenerate_tasks(plan, "fr", keep_edits=False)
    assert [t.model_dump() for t in tasks] == [
        t.model_dump() for t in actions.tasks_for_plan(plan, "fr")
    ]


def test_a_rebuild_that_cannot_be_scheduled_leaves_the_tasks_alone():
    """If the rebuilt tasks loop, the rebuild is refused and nothing changes."""
    plan = _generated(_reel())
    # Discovery waits for the trainee's task, which waits for the brief, which waits for
    # discovery: the rebuild keeps these links, so the loop stays and the rebuild is refused.
    loop = Task(task_id="task-1", name="Veille", duration_days=1, depends_on=["brief"])
    _edit(plan, "discovery", depends_on=["task-1"])
    plan.tasks = [*plan.tasks, loop]
    before = [t.model_dump() for t in plan.tasks]
    with pytest.raises(UserError) as err:
        actions.regenerate_tasks(plan, "fr")
    assert err.value.key == "retroplan.error_cycle"
    assert [t.model_dump() for t in plan.tasks] == before


def test_deliverables_not_yet_in_the_retroplanning_are_listed():
    """A deliverable added after the tasks were built is listed until the next rebuild."""
    plan = _generated(_reel())
    plan.deliverables = [*plan.deliverables, _reel("zoe-reel", "INF_B")]
    assert [d.deliverable_id for d in actions.deliverables_missing_from_tasks(plan)] == ["zoe-reel"]
    actions.regenerate_tasks(plan, "fr")
    assert actions.deliverables_missing_from_tasks(plan) == []


def test_the_editor_table_has_one_row_per_deliverable():
    """The table a trainee edits holds the influencer's deliverables, dates as dates."""
    frame = actions.editor_rows([_reel(window_start=D("2027-03-02"))])
    assert list(frame.columns) == list(actions.EDITOR_COLUMNS)
    assert frame.loc[0, "window_start"] == D("2027-03-02")
    assert pd.isna(frame.loc[0, "window_end"])


def test_two_alike_deliverables_get_told_apart_in_the_task_names():
    """Two reels by the same creator: the second one's tasks carry a number."""
    plan = _plan(_reel(), _reel("lina-reel-2"))
    names = {t.task_id: t.name for t in actions.tasks_for_plan(plan, "fr", names=NAMES)}
    assert names["lina-reel-creation"] == "Création du contenu — Lina Lejeune · Reel"
    assert names["lina-reel-2-creation"] == "Création du contenu — Lina Lejeune · Reel (2)"


@pytest.mark.parametrize(
    "platform, fmt, count, lang, expected",
    [
        ("instagram", "reel", 1, "fr", "Reel Instagram"),
        ("instagram", "reel", 2, "en", "Instagram Reel ×2"),
        ("youtube", "short", 1, "fr", "Short YouTube"),
        ("", "story", 1, "fr", "Story"),
        (None, None, 1, "en", "—"),
    ],
)
def test_what_is_published_reads_in_the_languages_order(platform, fmt, count, lang, expected):
    """Format then platform in French, platform then format in English, then how many."""
    assert actions.what_text(platform, fmt, count, lang) == expected


def test_tasks_of_a_deleted_deliverable_are_found():
    """Once a deliverable is deleted, its tasks are listed until the next rebuild."""
    plan = _generated(_reel(), _reel("zoe-reel", "INF_B"))
    plan.deliverables = plan.deliverables[:1]
    assert {t.task_id for t in actions.tasks_of_removed_deliverables(plan)} == {
        f"zoe-reel-{phase}" for phase in retroplan.DELIVERABLE_PHASES
    }
    actions.regenerate_tasks(plan, "fr")
    assert actions.tasks_of_removed_deliverables(plan) == []


# --- what the action plan page writes ---------------------------------------------------------


def _case_plan():
    from influkit.identify import profiles

    plan = Plan.from_case(datasets.cases()[0], "fr")
    return plan, profiles.influencer_table(plan)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_influencer_reads_as_name_handle_and_platform(lang):
    """Someone known reads as their name, handle and platform; an unknown id stays as is."""
    plan, _ = _case_plan()
    facts = actions.influencer_facts(plan)
    names = actions.influencer_names(plan)
    influencer_id = facts.index[0]
    text = actions.who_text(influencer_id, facts, names, lang)
    assert names[influencer_id] in text and facts.loc[influencer_id, "handle"] in text
    assert actions.who_text("NOBODY", facts, names, lang) == "NOBODY"


def test_quick_add_offers_the_briefs_candidates_not_yet_shortlisted_by_name():
    """The action plan offers exactly the brief's candidate pool, minus the shortlist, sorted
    by name."""
    from influkit.campaign.budget.plan import candidate_pool

    plan, table = _case_plan()
    pool = candidate_pool(plan, table)
    plan.add_to_shortlist(pool["influencer_id"].iloc[0])
    facts = actions.influencer_facts(plan)
    names = actions.influencer_names(plan)
    options = actions.quick_add_options(plan, table, facts, names, "fr")
    assert set(options) == set(pool["influencer_id"].iloc[1:])
    ordered = [names[i].casefold() for i in options]
    assert ordered == sorted(ordered)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_overview_lists_every_deliverable_with_its_window_cost_and_status(lang):
    """One row per deliverable: who, what, the window in dates, the planned cost in euros and
    the status, in the user's language."""
    from influkit.text import i18n

    plan = _plan(
        _reel(window_start=D("2027-03-01"), window_end=D("2027-03-05"), compensation_eur_ht=800.0)
    )
    frame = actions.overview_frame(plan, pd.DataFrame(), NAMES, lang)
    row = frame.iloc[0].tolist()
    assert row[0] == "Lina Lejeune"
    assert row[1] == actions.what_label(plan.deliverables[0], lang)
    assert "01/03/2027" in row[2] and "05/03/2027" in row[2]
    assert "800" in row[3]
    assert row[4] == i18n.label("followup.status", "planned", lang)


def test_adding_a_suggested_deliverable_moves_the_chosen_models_budget_line():
    """An influencer paid per post: adding a deliverable from the action plan's suggestion
    raises their fee line at once, without waiting for the next choice or reload."""
    from influkit.campaign.compensation import simulator as remuneration
    from influkit.identify import profiles

    plan = Plan(title="Test")
    plan.add_to_shortlist("INF0041")
    row = profiles.influencer_table(plan).set_index("influencer_id").loc["INF0041"]
    assumptions = remuneration.plan_assumptions(plan)
    common = remuneration.default_common(row, assumptions, 1)
    params = remuneration.default_params("fixed_fee", row, assumptions, 1)
    remuneration.choose_model(plan, "INF0041", "fixed_fee", common, params)
    actions.add_deliverable(plan, _reel("one", "INF0041", count=1))

    def fee() -> float:
        return sum(
            line.unit_cost_eur_ht * line.quantity
            for line in plan.budget_lines
            if line.influencer_id == "INF0041" and line.category == "influencer_fee"
        )

    before = fee()
    assert actions.add_deliverable(plan, _reel("two", "INF0041", count=2))
    assert [d.deliverable_id for d in plan.deliverables] == ["one", "two"]
    assert fee() == pytest.approx(3 * before)
