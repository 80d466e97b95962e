"""Classroom — the trainer's room: create or open a session, follow the class live with any
trainee's plan read-only beside it, compare two plans, and debrief on the class's decisions
and ranking."""

import datetime as dt

import streamlit as st

from influkit.data import datasets
from ui import classroom, state
from ui.state import t

st.title(t("classroom.trainer_title"))
lang = state.lang()


def _case_title(case_id: str) -> str:
    return datasets.case(case_id).get(f"title_{lang}", case_id)


session = classroom.trainer_session()
if session is None:
    classroom.trainer_gate(_case_title)

classroom.session_line(session.info)
code_col, link_col = st.columns([1, 2])
code_col.metric(t("classroom.join_code"), session.join_code)
with link_col:
    st.write(t("classroom.join_where"))
    with st.expander(t("classroom.trainer_link")):
        st.caption(t("classroom.trainer_link_help"))
        st.code(classroom.trainer_link(st.session_state[classroom.SECRET_KEY]), language=None)
    st.button(t("classroom.leave_trainer"), on_click=classroom.leave_trainer, key="trainer_leave")

tab_live, tab_plans, tab_debrief, tab_bank = st.tabs(
    [
        t("classroom.tab_dashboard"),
        t("classroom.tab_plans"),
        t("classroom.tab_debrief"),
        t("classroom.tab_bank"),
    ],
    key="trainer_tab",
    on_change="rerun",
)

# Only the open tab runs (the tabs track state): hidden ones cost nothing.
if tab_live.open is not False:
    with tab_live:

        @st.fragment(run_every=dt.timedelta(seconds=10))
        def _live() -> None:
            classroom.live_class(session)

        _live()

if tab_plans.open is not False:
    with tab_plans:
        classroom.compare_plans(session)
        classroom.worked_examples(session.info, _case_title)

if tab_debrief.open is not False:
    with tab_debrief:
        classroom.debrief(session)

if tab_bank.open is not False:
    with tab_bank:
        classroom.question_bank(session)
