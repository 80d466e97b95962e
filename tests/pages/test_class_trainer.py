"""The trainer's room, through AppTest, in French and in English: a session created, only its own
class followed, a trainee's plan opened read-only and never saved, the room's password, the
trainer's own GIFT questions. Picking a trainee opens their plan read-only in a panel beside the
live class — shortlist, SMART objectives, retro-plan, remuneration, budget, KPIs, results,
compliance — with the pages' own figures; the panel changes nothing; worked examples open in the
trainer's language."""

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

from ..helpers import (
    LANGS,
    all_text,
    assert_clean,
    button,
    class_session,
    run_page,
    shown_with_tables,
)


@pytest.mark.parametrize("lang", LANGS)
def test_a_trainer_creates_a_session_and_gets_a_join_code(lang):
    """A trainer fills in the session (place, organisation, dates) and sees the code to give."""
    at = run_page("class_trainer", lang, timeout=90)
    assert_clean(at)
    at.text_input(key="create_organisation").input("Formasup")
    at.text_input(key="create_place").input("Tours")
    at.text_input(key="create_trainer").input("Anne Roux")
    button(at, "classroom.create_button", lang).click()
    at.run()
    assert_clean(at)
    code = at.metric[0].value
    assert len(code) == 6
    assert get_classroom_store().session_by_code(code).info.organisation == "Formasup"
    assert i18n.t("classroom.tab_dashboard", lang) in [tab.label for tab in at.tabs]


@pytest.mark.parametrize("lang", LANGS)
def test_a_trainer_sees_only_their_own_session(lang):
    """The dashboard lists the trainer's own trainees, never another session's."""
    _, secret, _ = class_session(names=["Ana Lopes", "Bruno Petit"])
    class_session(organisation="Autre", names=["Zoé Intruse"])
    at = run_page("class_trainer", lang, timeout=90, formateur=secret)
    assert_clean(at)
    shown = shown_with_tables(at)
    assert "Ana Lopes" in shown and "Bruno Petit" in shown
    assert "Zoé Intruse" not in shown
    for tab in ("tab_plans", "tab_debrief", "tab_bank"):
        at.session_state["trainer_tab"] = i18n.t(f"classroom.{tab}", lang)
        at.run()
        assert_clean(at)
        assert "Zoé Intruse" not in shown_with_tables(at)
        if tab == "tab_debrief":
            assert at.get("plotly_chart"), "the debrief shows the class's distributions"
    assert at.get("download_button"), "the question bank downloads as GIFT"


@pytest.mark.parametrize("lang", LANGS)
def test_a_plan_opened_read_only_is_never_saved(lang):
    """The trainer opens a trainee's plan beside the class: pages show it, nothing is saved."""
    _, secret, (seat,) = class_session(names=["Ana Lopes"])
    before = get_store().load(seat.plan_token).revision
    at = run_page("class_trainer", lang, timeout=90, formateur=secret)
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
def test_a_server_wide_trainer_password_guards_the_trainer_room(lang, monkeypatch):
    """With INFLUKIT_TRAINER_PASSWORD set, even a valid trainer link asks for the password."""
    monkeypatch.setenv("INFLUKIT_TRAINER_PASSWORD", "salle-42")
    _, secret, _ = class_session(names=["Ana Lopes"])
    at = run_page("class_trainer", lang, timeout=90, formateur=secret)
    assert_clean(at)
    assert "Ana Lopes" not in shown_with_tables(at) and not at.metric
    at.text_input(key="trainer_password").input("mauvais")
    button(at, "classroom.password_button", lang).click()
    at.run()
    assert [e.value for e in at.error] == [i18n.t("classroom.password_wrong", lang)]
    at.text_input(key="trainer_password").input("salle-42")
    button(at, "classroom.password_button", lang).click()
    at.run()
    assert_clean(at)
    assert at.metric and "Ana Lopes" in shown_with_tables(at)


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
    at = run_page("class_trainer", lang, timeout=90, formateur=secret)
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


def _trainee_quiz_text(lang: str, seat) -> str:
    at = run_page("class_trainee", lang, timeout=90, stagiaire=seat.participant_id)
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
    session, secret, (seat,) = class_session(names=["Ana Lopes"])
    standard = quiz.bank("module-2", lang)[0]
    at = _upload_bank(_bank_tab(lang, secret), lang, OWN_BANK[lang])
    assert at.success, "the file is checked before it is used"
    assert get_classroom_store().session_by_id(session.session_id).record.banks == {}
    button(at, "classroom.bank_use", lang).click()
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
    records = run_page("class_records", lang, timeout=90, formateur=secret)
    records.selectbox(key="records_quiz").set_value("module-2").run()
    assert_clean(records)
    assert own[0].text in all_text(records) and standard.text not in all_text(records)

    at = _bank_tab(lang, secret)
    button(at, "classroom.bank_reset", lang).click()
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
    session, secret, _ = class_session()
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
    at = run_page("class_trainer", lang, timeout=90, formateur=secret)
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
