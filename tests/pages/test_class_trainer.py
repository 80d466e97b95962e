"""Classroom pages, in French and English: a trainer creates a session and follows only their
own class; a trainee joins, self-positions, takes a quiz and never sees the trainer's room;
the trainer issues the attestations; a plan opened read-only is never saved. Picking a
trainee opens their plan read-only in a panel beside the live class — shortlist, SMART
objectives, retro-plan, remuneration, budget, KPIs, results, compliance — with the pages' own
figures; the panel changes nothing; worked examples open in the trainer's language."""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from influkit.campaign import forecast, results
from influkit.campaign.budget import plan as budget_plan
from influkit.classroom import quiz, worked
from influkit.classroom.session import ParticipantWork, SessionInfo
from influkit.classroom.store import get_classroom_store
from influkit.identify import profiles
from influkit.kpis import fmt_kpi
from influkit.plan.model import Plan
from influkit.plan.storage import get_store
from influkit.text import i18n
from influkit.text.formats import fmt_amount
from influkit.text.i18n import label

from ..apptest_helpers import APP, LANGS, all_text, assert_clean


def _open(page: str, lang: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"pages/{page}.py")
    at.run()
    return at


def _session(organisation="Formasup", names=()):
    classroom = get_classroom_store()
    session, secret = classroom.create_session(
        SessionInfo(
            organisation=organisation,
            trainer_name="Anne Roux",
            place="Tours",
            case_ids=["cosmetique-lancement"],
        )
    )
    seats = []
    for name in names:
        token = get_store().create(Plan(title=f"Plan {name}"))
        seats.append(classroom.join(session, name, "1234", token))
    return session, secret, seats


def _shown(at: AppTest) -> str:
    return all_text(at) + " ".join(str(frame.value) for frame in at.dataframe)


@pytest.mark.parametrize("lang", LANGS)
def test_a_trainer_creates_a_session_and_gets_a_join_code(lang):
    """A trainer fills in the session (place, organisation, dates) and sees the code to give."""
    at = _open("class_trainer", lang)
    assert_clean(at)
    at.text_input(key="create_organisation").input("Formasup")
    at.text_input(key="create_place").input("Tours")
    at.text_input(key="create_trainer").input("Anne Roux")
    next(b for b in at.button if b.label == i18n.t("classroom.create_button", lang)).click()
    at.run()
    assert_clean(at)
    code = at.metric[0].value
    assert len(code) == 6
    assert get_classroom_store().session_by_code(code).info.organisation == "Formasup"
    assert i18n.t("classroom.tab_dashboard", lang) in [tab.label for tab in at.tabs]


@pytest.mark.parametrize("lang", LANGS)
def test_a_trainer_sees_only_their_own_session(lang):
    """The dashboard lists the trainer's own trainees, never another session's."""
    _, secret, _ = _session(names=["Ana Lopes", "Bruno Petit"])
    _session(organisation="Autre", names=["Zoé Intruse"])
    at = _open("class_trainer", lang, formateur=secret)
    assert_clean(at)
    shown = _shown(at)
    assert "Ana Lopes" in shown and "Bruno Petit" in shown
    assert "Zoé Intruse" not in shown
    for tab in ("tab_plans", "tab_debrief", "tab_bank"):
        at.session_state["trainer_tab"] = i18n.t(f"classroom.{tab}", lang)
        at.run()
        assert_clean(at)
        assert "Zoé Intruse" not in _shown(at)
        if tab == "tab_debrief":
            assert at.get("plotly_chart"), "the debrief shows the class's distributions"
    assert at.get("download_button"), "the question bank downloads as GIFT"


@pytest.mark.parametrize("lang", LANGS)
def test_a_trainee_joins_and_is_refused_the_trainer_room(lang):
    """A trainee joins with the code, their name and a PIN, gets their own plan, and the
    trainer's room shows them nothing of the class."""
    session, _, _ = _session(names=["Ana Lopes"])
    at = _open("class_trainee", lang)
    assert_clean(at)
    at.text_input(key="join_code").input(session.join_code.lower())
    at.text_input(key="join_name").input("Chloé Durand")
    at.text_input(key="join_pin").input("2468")
    next(b for b in at.button if b.label == i18n.t("classroom.join_button", lang)).click()
    at.run()
    assert_clean(at)
    assert "Chloé Durand" in all_text(at)
    seat = get_classroom_store().participants(session)[-1]
    assert seat.name == "Chloé Durand" and at.session_state["plan_token"] == seat.plan_token
    at.switch_page("pages/class_trainer.py")
    at.run()
    assert_clean(at)
    assert "Ana Lopes" not in _shown(at) and not at.metric
    assert i18n.t("classroom.tab_dashboard", lang) not in [tab.label for tab in at.tabs]
    at.switch_page("pages/class_records.py")
    at.run()
    assert any(info.value == i18n.t("classroom.records_need_session", lang) for info in at.info)


@pytest.mark.parametrize("lang", LANGS)
def test_a_wrong_code_or_pin_is_explained(lang):
    """A wrong session code says so; coming back with a wrong PIN says so."""
    session, _, _ = _session(names=["Ana Lopes"])
    at = _open("class_trainee", lang)
    join = i18n.t("classroom.join_button", lang)
    at.text_input(key="join_code").input("ZZZZZZ")
    at.text_input(key="join_name").input("Chloé")
    at.text_input(key="join_pin").input("2468")
    next(b for b in at.button if b.label == join).click()
    at.run()
    assert [e.value for e in at.error] == [i18n.t("classroom.error_unknown_code", lang)]
    at.radio(key="trainee_join_mode").set_value("back")
    at.run()
    at.text_input(key="join_code").input(session.join_code)
    at.text_input(key="join_name").input("ana lopes")
    at.text_input(key="join_pin").input("9999")
    next(b for b in at.button if b.label == join).click()
    at.run()
    assert [e.value for e in at.error] == [i18n.t("classroom.error_wrong_pin", lang)]


@pytest.mark.parametrize("lang", LANGS)
def test_a_trainee_positions_themselves_and_takes_a_quiz(lang):
    """The trainee rates the grid, answers a quiz (changeable until submitted), submits, and
    sees the score and the explanations."""
    _, _, (seat,) = _session(names=["Ana Lopes"])
    at = _open("class_trainee", lang, stagiaire=seat.participant_id)
    assert_clean(at)
    at.radio(key="trainee_grid_before_objective-examine").set_value(2)
    next(b for b in at.button if b.label == i18n.t("classroom.positioning_save", lang)).click()
    at.run()
    assert_clean(at)
    work = get_classroom_store().participant(seat.participant_id).work
    assert work.positioning["before"] == {"objective-examine": 2}
    at.session_state["trainee_tab"] = i18n.t("classroom.tab_quizzes", lang)
    at.run()
    first = quiz.bank("module-1", lang)[0]
    right = first.right_indices()[0]
    at.radio(key=f"trainee_q_module-1_{first.title}").set_value((right + 1) % len(first.answers))
    next(b for b in at.button if b.label == i18n.t("classroom.quiz_keep", lang)).click()
    at.run()
    at.radio(key=f"trainee_q_module-1_{first.title}").set_value(right)
    next(b for b in at.button if b.label == i18n.t("classroom.quiz_submit", lang)).click()
    at.run()
    assert_clean(at)
    work = get_classroom_store().participant(seat.participant_id).work
    assert "module-1" in work.submitted and work.answers["module-1"][first.title] == [right]
    assert at.success
    assert first.answers[right].feedback in all_text(at)


@pytest.mark.parametrize("lang", LANGS)
def test_the_trainer_confirms_results_and_downloads_the_attestations(lang):
    """After confirming each objective's result, the trainer gets the attestations and the
    evidence workbook; quiz statistics, positioning and attendance open too."""
    _, secret, seats = _session(names=["Ana Lopes", "Bruno Petit"])
    at = _open("class_records", lang, formateur=secret)
    assert_clean(at)
    for tab in ("tab_quiz_stats", "tab_positioning_class", "tab_attendance", "tab_attestations"):
        at.session_state["records_tab"] = i18n.t(f"classroom.{tab}", lang)
        at.run()
        assert_clean(at)
    at.button(key="records_confirm").click()
    at.run()
    assert_clean(at)
    record = get_classroom_store().session_by_secret(secret).record
    assert set(record.issued) == {s.participant_id for s in seats}
    assert record.validations[seats[0].participant_id]["examine"] == "in_progress"
    assert len(at.get("download_button")) == 2 + len(seats)


@pytest.mark.parametrize("lang", LANGS)
def test_a_plan_opened_read_only_is_never_saved(lang):
    """The trainer opens a trainee's plan beside the class: pages show it, nothing is saved."""
    _, secret, (seat,) = _session(names=["Ana Lopes"])
    before = get_store().load(seat.plan_token).revision
    at = _open("class_trainer", lang, formateur=secret)
    at.selectbox(key="trainer_panel_pick").set_value(seat.participant_id).run()
    at.button(key="trainer_view").click()
    at.run()
    assert_clean(at)
    assert at.session_state["plan_read_only"] == "Ana Lopes"
    at.session_state["plan"].title = "changé par le formateur"
    at.run()
    assert get_store().load(seat.plan_token).revision == before
    assert get_store().load(seat.plan_token).plan.title == "Plan Ana Lopes"


@pytest.mark.parametrize("lang", LANGS)
def test_projector_mode_puts_the_key_figures_first(lang):
    """With ?projection=1 the app uses larger type, and the KPI page opens on its key figures."""
    from influkit.campaign import results
    from influkit.data import datasets

    plan = Plan.from_case(datasets.cases()[0], lang)
    plan.results = results.sample_results(plan.case_id)
    token = get_store().create(plan)
    at = _open("results", lang, plan=token, projection="1")
    assert_clean(at)
    assert at.session_state["class_presentation"] is True
    assert at.metric[0].label == i18n.t("kpis.name.impressions", lang)
    assert not any(m.value == i18n.t("results.intro", lang) for m in at.markdown)
    assert len(at.metric) >= 8


@pytest.mark.parametrize("lang", LANGS)
def test_a_trainee_picks_another_offered_case_while_the_plan_is_empty(lang):
    """When the session offers several case studies, a trainee whose plan is still empty can
    start from another one; their plan is saved on the new brief."""
    from influkit.data import datasets

    classroom = get_classroom_store()
    first, second = datasets.case_ids()[:2]
    session, _ = classroom.create_session(SessionInfo(case_ids=[first, second]))
    token = get_store().create(Plan.from_case(datasets.case(first), lang))
    seat = classroom.join(session, "Ana Lopes", "1234", token)
    at = _open("class_trainee", lang, stagiaire=seat.participant_id)
    assert_clean(at)
    at.selectbox(key="trainee_case").set_value(second)
    at.run()
    assert_clean(at)
    saved = get_store().load(token).plan
    assert saved.case_id == second and saved.brief.brand == datasets.case(second)["brand"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_server_wide_trainer_password_guards_the_trainer_room(lang, monkeypatch):
    """With INFLUKIT_TRAINER_PASSWORD set, even a valid trainer link asks for the password."""
    monkeypatch.setenv("INFLUKIT_TRAINER_PASSWORD", "salle-42")
    _, secret, _ = _session(names=["Ana Lopes"])
    at = _open("class_trainer", lang, formateur=secret)
    assert_clean(at)
    assert "Ana Lopes" not in _shown(at) and not at.metric
    at.text_input(key="trainer_password").input("mauvais")
    next(b for b in at.button if b.label == i18n.t("classroom.password_button", lang)).click()
    at.run()
    assert [e.value for e in at.error] == [i18n.t("classroom.password_wrong", lang)]
    at.text_input(key="trainer_password").input("salle-42")
    next(b for b in at.button if b.label == i18n.t("classroom.password_button", lang)).click()
    at.run()
    assert_clean(at)
    assert at.metric and "Ana Lopes" in _shown(at)


OWN_BANK = {
    "fr": (
        "// Mes questions\n"
        "::own-fr-1:: Quel indicateur rapporte le coût à mille impressions ?"
        " {=Le CPM #C'est sa définition. ~Le taux d'engagement #Non, il rapporte des interactions.}\n"
        "\n"
        "::own-fr-2:: Quelles mentions signalent une publicité ?"
        " {~%50%« Publicité » ~%50%« Collaboration commerciale » ~%-100%« Merci »}\n"
    ),
    "en": (
        "// My questions\n"
        "::own-en-1:: Which metric relates the cost to a thousand impressions?"
        " {=The CPM #That is its definition. ~The engagement rate #No, it relates interactions.}\n"
        "\n"
        "::own-en-2:: Which labels disclose an advertisement?"
        " {~%50%“Advertisement” ~%50%“Paid partnership” ~%-100%“Thanks”}\n"
    ),
}


def _bank_tab(lang: str, secret: str) -> AppTest:
    at = _open("class_trainer", lang, formateur=secret)
    at.session_state["trainer_tab"] = i18n.t("classroom.tab_bank", lang)
    at.run()
    at.selectbox(key="trainer_bank_quiz").set_value("module-2").run()
    assert_clean(at)
    return at


def _upload_bank(at: AppTest, lang: str, text: str) -> AppTest:
    at.file_uploader(key=f"trainer_bank_upload_module-2_{lang}").set_value(
        ("mes-questions.gift", text.encode("utf-8"), "text/plain")
    ).run()
    assert_clean(at)
    return at


def _button(at: AppTest, key: str, lang: str):
    return next(b for b in at.button if b.label == i18n.t(key, lang))


def _trainee_quiz_text(lang: str, seat) -> str:
    at = _open("class_trainee", lang, stagiaire=seat.participant_id)
    at.session_state["trainee_tab"] = i18n.t("classroom.tab_quizzes", lang)
    at.run()
    at.selectbox(key="trainee_quiz").set_value("module-2").run()
    assert_clean(at)
    return all_text(at) + " ".join(str(o) for r in at.radio for o in r.options)


@pytest.mark.parametrize("lang", LANGS)
def test_a_trainer_uses_their_own_gift_questions_for_the_session(lang):
    """The trainer uploads their own GIFT file for module 2 and uses it: the trainees of the
    session take those questions, the class statistics are on them, and "back to the standard
    questions" brings the standard quiz back."""
    session, secret, (seat,) = _session(names=["Ana Lopes"])
    standard = quiz.bank("module-2", lang)[0]
    at = _upload_bank(_bank_tab(lang, secret), lang, OWN_BANK[lang])
    assert at.success, "the file is checked before it is used"
    assert get_classroom_store().session_by_id(session.session_id).record.banks == {}
    _button(at, "classroom.bank_use", lang).click()
    at.run()
    assert_clean(at)
    assert i18n.t("classroom.bank_custom", lang, count="2") in all_text(at)

    shown = _trainee_quiz_text(lang, seat)
    own = quiz.read_custom(OWN_BANK[lang])
    assert own[0].text in shown and own[1].answers[1].text in shown
    assert standard.text not in shown

    answered = ParticipantWork(
        answers={"module-2": {own[0].title: [0], own[1].title: [0, 1]}},
        submitted={"module-2": dt.datetime.now(dt.UTC)},
    )
    get_classroom_store().save_work(seat, answered)
    records = _open("class_records", lang, formateur=secret)
    records.selectbox(key="records_quiz").set_value("module-2").run()
    assert_clean(records)
    assert own[0].text in all_text(records) and standard.text not in all_text(records)

    at = _bank_tab(lang, secret)
    _button(at, "classroom.bank_reset", lang).click()
    at.run()
    assert_clean(at)
    assert get_classroom_store().session_by_id(session.session_id).record.banks == {}
    assert i18n.t("classroom.bank_standard", lang) in all_text(at)
    shown = _trainee_quiz_text(lang, seat)
    assert standard.text in shown and own[0].text not in shown


@pytest.mark.parametrize("lang", LANGS)
def test_a_malformed_gift_file_says_the_line_and_changes_nothing(lang):
    """A GIFT file with a mistake is refused with the line to fix, in the trainer's language,
    and the session keeps the questions it had."""
    session, secret, _ = _session()
    broken = OWN_BANK[lang].replace("{~%50%", "{%50%")  # question 2, line 4: no answer marker
    at = _upload_bank(_bank_tab(lang, secret), lang, broken)
    assert [e.value for e in at.error] == [
        i18n.t("classroom.gift.error_answer_marker", lang, line=4)
    ]
    assert i18n.t("classroom.bank_unchanged", lang) in all_text(at)
    assert i18n.t("classroom.bank_use", lang) not in [b.label for b in at.button]
    assert get_classroom_store().session_by_id(session.session_id).record.banks == {}
    assert i18n.t("classroom.bank_standard", lang) in all_text(at)


CASE = "cosmetique-lancement"


def _room(lang: str, plans: dict[str, Plan]) -> tuple[AppTest, dict[str, str]]:
    """A session whose trainees hold ``plans`` (name → plan), and the trainer's room open."""
    classroom = get_classroom_store()
    session, secret = classroom.create_session(
        SessionInfo(organisation="Formasup", case_ids=[CASE])
    )
    seats = {}
    for name, plan in plans.items():
        seat = classroom.join(session, name, "1234", get_store().create(plan))
        seats[name] = seat.participant_id
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.query_params["formateur"] = secret
    at.run()
    at.switch_page("pages/class_trainer.py")
    at.run()
    return at, seats


def _finished_plan(lang: str) -> Plan:
    """The case's worked example after its simulated campaign, as a trainee would have it."""
    plan = worked.duplicate(CASE, "", lang)
    plan.results = results.sample_results(CASE)
    return plan


def _tables(at: AppTest) -> str:
    return " ".join(frame.value.to_string() for frame in at.dataframe)


@pytest.mark.parametrize("lang", LANGS)
def test_a_trainee_s_plan_opens_beside_the_live_class(lang):
    """The trainer picks Ana: the class table stays, and Ana's panel shows her shortlist with
    tiers and platforms, her objective and its SMART score, the retro-plan's dates and critical
    path, the remuneration models, the budget against the envelope, the KPI targets with the
    forecast, the campaign's results and the compliance findings — written as the pages write
    them."""
    plan = _finished_plan(lang)
    at, seats = _room(lang, {"Ana Lopes": plan, "Bruno Petit": Plan(title="Plan Bruno")})
    at.selectbox(key="trainer_panel_pick").set_value(seats["Ana Lopes"]).run()
    assert_clean(at)
    shown, tables = all_text(at), _tables(at)
    assert "Bruno Petit" in tables, "the class table is still there"
    assert i18n.t("classroom.review.title", lang, name="Ana Lopes") in shown
    table = profiles.influencer_table(plan)
    short = profiles.shortlist_table(plan)
    for row in short.itertuples():
        assert row.display_name in tables
        assert label("metrics.tier", row.tier, lang) in tables
        assert label("data.platform", row.platform, lang) in tables
    assert i18n.t("classroom.review.score", lang, score=5) in shown
    assert i18n.label("retroplan.phase", "discovery", lang) in shown
    assert label("compensation.kind", plan.remunerations[0].kind, lang) in tables
    summary = budget_plan.summary(plan, table)
    assert fmt_amount(summary.total_ht, lang).replace("\u202f", " ") in shown.replace("\u202f", " ")
    target = plan.kpi_targets[0]
    expected = forecast.forecast(plan, table=table).total(target.kpi)
    assert fmt_kpi(target.kpi, target.target, lang) in tables
    assert fmt_kpi(target.kpi, expected, lang) in tables
    sums = results.totals(results.results_frame(plan, table))
    assert fmt_kpi("revenue", sums["revenue_eur"], lang) in shown
    assert any(w.icon == ":material/gavel:" for w in at.warning), "compliance findings show"


@pytest.mark.parametrize("lang", LANGS)
def test_the_panel_changes_nothing_in_the_trainee_s_plan(lang):
    """Opening, reading and refreshing a trainee's panel never saves their plan, and the panel
    holds no field to type in."""
    at, seats = _room(lang, {"Ana Lopes": _finished_plan(lang)})
    token = get_classroom_store().participant(seats["Ana Lopes"]).plan_token
    before = get_store().load(token)
    at.selectbox(key="trainer_panel_pick").set_value(seats["Ana Lopes"]).run()
    at.run()
    assert_clean(at)
    after = get_store().load(token)
    assert after.revision == before.revision and after.plan == before.plan
    assert not at.text_input and not at.number_input and not at.text_area
    assert [b.key for b in at.button if b.key and b.key.startswith("trainer_")] == [
        "trainer_leave",
        "trainer_view",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_plan_s_panel_says_what_is_not_done_yet(lang):
    """A trainee who has not started: every section of the panel says it is not done yet."""
    at, seats = _room(lang, {"Chloé Durand": Plan(title="Plan Chloé")})
    at.selectbox(key="trainer_panel_pick").set_value(seats["Chloé Durand"]).run()
    assert_clean(at)
    not_yet = [c for c in at.caption if c.value == i18n.t("classroom.review.not_yet", lang)]
    assert len(not_yet) == 6
    assert i18n.t("classroom.review.no_results", lang) in all_text(at)
    assert i18n.t("classroom.review.no_findings", lang) in all_text(at)


@pytest.mark.parametrize("lang", LANGS)
def test_the_panel_still_opens_the_plan_s_pages_read_only(lang):
    """From the panel, "open its pages read-only" shows the trainee's plan on every page,
    marked read-only."""
    at, seats = _room(lang, {"Ana Lopes": _finished_plan(lang)})
    at.selectbox(key="trainer_panel_pick").set_value(seats["Ana Lopes"]).run()
    at.button(key="trainer_view").click().run()
    assert_clean(at)
    assert at.session_state["plan_read_only"] == "Ana Lopes"
    assert at.session_state["plan"].case_id == CASE


@pytest.mark.parametrize("lang", LANGS)
def test_the_worked_example_opens_in_the_trainer_s_language(lang):
    """The trainer opens the case's worked example: its texts are in the trainer's language."""
    at, _ = _room(lang, {"Ana Lopes": Plan(title="Plan Ana")})
    at.session_state["trainer_tab"] = i18n.t("classroom.tab_plans", lang)
    at.run()
    at.button(key="worked_view").click().run()
    assert_clean(at)
    assert at.session_state["plan"].title == worked.worked_example(CASE, lang).title
