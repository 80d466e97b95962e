"""The trainee's room, through AppTest, in French and in English: joining a session with its code,
a name and a PIN, self-positioning, quizzes, and another offered case while the plan is empty."""

import pytest

from influkit.classroom import quiz
from influkit.classroom.session import SessionInfo
from influkit.classroom.store import get_classroom_store
from influkit.plan.model import Plan
from influkit.plan.storage import get_store
from influkit.text import i18n

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
def test_a_trainee_joins_and_is_refused_the_trainer_room(lang):
    """A trainee joins with the code, their name and a PIN, gets their own plan, and the
    trainer's room shows them nothing of the class."""
    session, _, _ = class_session(names=["Ana Lopes"])
    at = run_page("class_trainee", lang, timeout=90)
    assert_clean(at)
    at.text_input(key="join_code").input(session.join_code.lower())
    at.text_input(key="join_name").input("Chloé Durand")
    at.text_input(key="join_pin").input("2468")
    button(at, "classroom.join_button", lang).click()
    at.run()
    assert_clean(at)
    assert "Chloé Durand" in all_text(at)
    seat = get_classroom_store().participants(session)[-1]
    assert seat.name == "Chloé Durand" and at.session_state["plan_token"] == seat.plan_token
    at.switch_page("pages/class_trainer.py")
    at.run()
    assert_clean(at)
    assert "Ana Lopes" not in shown_with_tables(at) and not at.metric
    assert i18n.t("classroom.tab_dashboard", lang) not in [tab.label for tab in at.tabs]
    at.switch_page("pages/class_records.py")
    at.run()
    assert any(info.value == i18n.t("classroom.records_need_session", lang) for info in at.info)


@pytest.mark.parametrize("lang", LANGS)
def test_a_wrong_code_or_pin_is_explained(lang):
    """A wrong session code says so; coming back with a wrong PIN says so."""
    session, _, _ = class_session(names=["Ana Lopes"])
    at = run_page("class_trainee", lang, timeout=90)
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
    _, _, (seat,) = class_session(names=["Ana Lopes"])
    at = run_page("class_trainee", lang, timeout=90, stagiaire=seat.participant_id)
    assert_clean(at)
    at.radio(key="trainee_grid_before_objective-examine").set_value(2)
    button(at, "classroom.positioning_save", lang).click()
    at.run()
    assert_clean(at)
    work = get_classroom_store().participant(seat.participant_id).work
    assert work.positioning["before"] == {"objective-examine": 2}
    at.session_state["trainee_tab"] = i18n.t("classroom.tab_quizzes", lang)
    at.run()
    first = quiz.bank("module-1", lang)[0]
    right = first.right_indices()[0]
    at.radio(key=f"trainee_q_module-1_{first.title}").set_value((right + 1) % len(first.answers))
    button(at, "classroom.quiz_keep", lang).click()
    at.run()
    at.radio(key=f"trainee_q_module-1_{first.title}").set_value(right)
    button(at, "classroom.quiz_submit", lang).click()
    at.run()
    assert_clean(at)
    work = get_classroom_store().participant(seat.participant_id).work
    assert "module-1" in work.submitted and work.answers["module-1"][first.title] == [right]
    assert at.success
    assert first.answers[right].feedback in all_text(at)


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
    at = run_page("class_trainee", lang, timeout=90, stagiaire=seat.participant_id)
    assert_clean(at)
    at.selectbox(key="trainee_case").set_value(second)
    at.run()
    assert_clean(at)
    saved = get_store().load(token).plan
    assert saved.case_id == second and saved.brief.brand == datasets.case(second)["brand"]
