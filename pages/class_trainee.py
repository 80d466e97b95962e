"""Classroom — the trainee: join a session, self-position, take the quizzes, see one's progress."""

import streamlit as st

from influkit.classroom import progress, quiz
from influkit.classroom.attestation import submitted_score
from influkit.data import datasets
from influkit.plan.model import Plan
from influkit.text import i18n
from ui import classroom, state
from ui.state import t
from ui.text import plain

st.title(t("classroom.trainee_title"))
lang = state.lang()

participant = classroom.seat()
if participant is None:
    classroom.join_form()
    st.stop()

session = classroom.store().session_by_id(participant.session_id)
if session is None:
    classroom.leave_seat()
    st.rerun()
if state.current_token() != participant.plan_token and not state.read_only():
    state.open_plan(participant.plan_token)

info = session.info
st.subheader(t("classroom.welcome", name=plain(participant.name)))
classroom.session_line(info)
st.button(t("classroom.leave_seat"), on_click=classroom.leave_seat, key="trainee_leave")

offered = [c for c in info.case_ids if c in datasets.case_ids()]
plan = state.current_plan()
if len(offered) > 1 and plan is not None and not state.read_only() and progress.untouched(plan):
    # Until work starts, a trainee may pick another of the session's case studies.
    chosen_case = st.selectbox(
        t("classroom.case_pick"),
        offered,
        index=offered.index(plan.case_id) if plan.case_id in offered else 0,
        format_func=lambda c: datasets.case(c).get(f"title_{lang}", c),
        key="trainee_case",
    )
    if chosen_case != plan.case_id:
        fresh = Plan.from_case(datasets.case(chosen_case), lang)
        for field in ("title", "case_id", "brief"):
            setattr(plan, field, getattr(fresh, field))
        state.refresh()  # inputs bound to the plan start again from the new brief
        state.flash("success", t("classroom.case_changed"))
        st.rerun()

tab_position, tab_quiz, tab_progress = st.tabs(
    [t("classroom.tab_positioning"), t("classroom.tab_quizzes"), t("classroom.tab_progress")],
    key="trainee_tab",
    on_change="rerun",
)

# Only the open tab runs (the tabs track state): hidden ones cost nothing.
if tab_position.open is not False:
    with tab_position:
        classroom.positioning_grid(participant)

if tab_quiz.open is not False:
    with tab_quiz:
        st.write(t("classroom.quiz_intro"))
        quiz_id = st.selectbox(
            t("classroom.quiz_pick"),
            list(quiz.QUIZZES),
            format_func=lambda q: i18n.t(f"classroom.quiz_{q.replace('-', '_')}", lang),
            key="trainee_quiz",
        )
        questions = quiz.questions_for(quiz_id, lang, state.current_plan(), session.record.banks)
        answers = participant.work.answers.get(quiz_id, {})
        if quiz_id in participant.work.submitted:
            result = submitted_score(quiz_id, answers, lang, session.record.banks)
            classroom.quiz_corrected(questions, answers, result)
        else:
            classroom.quiz_form(participant, quiz_id, questions, answers)

if tab_progress.open is not False:
    with tab_progress:
        classroom.my_progress(participant, session)
