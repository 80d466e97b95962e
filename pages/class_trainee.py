"""Classroom — the trainee: join a session, self-position, take the quizzes, see one's progress."""

import streamlit as st

from influkit.classroom import positioning, progress, quiz
from influkit.classroom.attestation import submitted_score
from influkit.data import datasets
from influkit.errors import UserError
from influkit.plan.model import Plan
from influkit.text import i18n
from influkit.text.formats import fmt_date, fmt_number, fmt_percent
from ui import classroom, state
from ui.state import t
from ui.text import plain

st.title(t("classroom.trainee_title"))
lang = state.lang()


def _join_form() -> None:
    st.write(t("classroom.join_intro"))
    mode = st.radio(
        t("classroom.join_mode"),
        ["new", "back"],
        format_func=lambda m: i18n.t(f"classroom.join_mode_{m}", lang),
        horizontal=True,
        key="trainee_join_mode",
    )
    with st.form("trainee_join"):
        code = st.text_input(t("classroom.join_code"), max_chars=12, key="join_code")
        name = st.text_input(t("classroom.join_name"), max_chars=80, key="join_name")
        email = (
            st.text_input(t("classroom.join_email"), max_chars=200, key="join_email")
            if mode == "new"
            else ""
        )
        pin = st.text_input(
            t("classroom.join_pin"),
            type="password",
            max_chars=8,
            help=t("classroom.join_pin_help"),
            key="join_pin",
        )
        submitted = st.form_submit_button(t("classroom.join_button"), type="primary")
    if not submitted:
        return
    session = classroom.store().session_by_code(code)
    if session is None:
        st.error(t("classroom.error_unknown_code"))
        return
    try:
        if mode == "back":
            participant = classroom.store().rejoin(session, name, pin)
        else:
            from influkit.classroom.store import check_name, check_pin

            check_name(name)
            check_pin(pin)
            if classroom.store().name_taken(session, name):
                raise UserError("classroom.error_name_taken", name=name.strip())
            case_ids = [c for c in session.info.case_ids if c in datasets.case_ids()]
            case = datasets.case(case_ids[0]) if case_ids else datasets.cases()[0]
            token = state.start_plan(Plan.from_case(case, lang))
            participant = classroom.store().join(session, name, pin, token, email)
    except UserError as err:
        st.error(err.message(lang))
        return
    classroom.take_seat(participant)
    st.rerun()


participant = classroom.seat()
if participant is None:
    _join_form()
    st.stop()

session = classroom.store().session_by_id(participant.session_id)
if session is None:
    classroom.leave_seat()
    st.rerun()
if state.current_token() != participant.plan_token and not state.read_only():
    state.open_plan(participant.plan_token)

info = session.info
st.subheader(t("classroom.welcome", name=plain(participant.name)))
st.caption(
    t(
        "classroom.session_line",
        organisation=plain(info.organisation or "—"),
        start=fmt_date(info.start, lang),
        end=fmt_date(info.end, lang),
        place=plain(info.place or "—"),
    )
)
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
        # Inputs bound to the plan are keyed by generation: draw them anew from the new brief.
        st.session_state[state.GEN_KEY] = st.session_state.get(state.GEN_KEY, 0) + 1
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
        st.write(t("classroom.positioning_intro"))
        phase = st.radio(
            t("classroom.phase"),
            list(positioning.PHASES),
            format_func=lambda p: i18n.t(f"classroom.phase_{p}", lang),
            horizontal=True,
            key="trainee_phase",
        )
        grid = participant.work.positioning.get(phase, {})
        with st.form(f"trainee_grid_{phase}"):
            chosen: dict[str, int | None] = {}
            for item in positioning.ITEMS:
                current = grid.get(item)
                chosen[item] = st.radio(
                    t(f"classroom.item_{item.replace('-', '_')}"),
                    list(positioning.LEVELS),
                    index=positioning.LEVELS.index(current) if current else None,
                    format_func=lambda level: (
                        f"{level} — {i18n.t(f'classroom.level_{level}', lang)}"
                    ),
                    horizontal=True,
                    key=f"trainee_grid_{phase}_{item}",
                )
            saved = st.form_submit_button(t("classroom.positioning_save"), type="primary")
        if saved:
            ratings = positioning.clean({k: v for k, v in chosen.items() if v})

            def _set(work, ratings=ratings, phase=phase):
                work.positioning[phase] = ratings

            if classroom.save_work(participant, _set):
                state.flash("success", t("classroom.positioning_saved"))
                st.rerun()

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
            st.success(
                t(
                    "classroom.quiz_score",
                    points=fmt_number(result.points, lang, 1),
                    out_of=result.out_of,
                    share=fmt_percent(result.share, lang, 0),
                )
            )
            for number, question in enumerate(questions, start=1):
                picked = set(answers.get(question.title, []))
                points = quiz.question_score(question, list(picked))
                with st.container(border=True):
                    st.markdown(f"**{number}.**")
                    st.text(question.text)
                    for index, answer in enumerate(question.answers):
                        mark = "✅" if answer.right else "▫️"
                        ticked = t("classroom.quiz_your_answer") if index in picked else ""
                        st.text(f"{mark} {answer.text} {ticked}".strip())
                        if answer.feedback and (index in picked or answer.right):
                            st.caption(answer.feedback)
                    st.caption(t("classroom.quiz_points", points=fmt_number(points, lang, 2)))
        else:
            with st.form(f"trainee_quiz_{quiz_id}"):
                ticked: dict[str, list[int]] = {}
                for number, question in enumerate(questions, start=1):
                    st.markdown(f"**{number}.**")
                    st.text(question.text)
                    previous = answers.get(question.title, [])
                    options = list(range(len(question.answers)))
                    key = f"trainee_q_{quiz_id}_{question.title}"
                    if question.multiple:
                        st.caption(t("classroom.quiz_several"))
                        ticked[question.title] = [
                            i
                            for i in options
                            if st.checkbox(
                                question.answers[i].text, value=i in previous, key=f"{key}_{i}"
                            )
                        ]
                    else:
                        pick = st.radio(
                            t("classroom.quiz_one"),
                            options,
                            index=previous[0] if previous else None,
                            format_func=lambda i, q=question: q.answers[i].text,
                            key=key,
                            label_visibility="collapsed",
                        )
                        ticked[question.title] = [] if pick is None else [pick]
                keep = st.form_submit_button(t("classroom.quiz_keep"))
                send = st.form_submit_button(t("classroom.quiz_submit"), type="primary")
            if keep or send:

                def _answer(work, ticked=ticked, send=send, quiz_id=quiz_id):
                    work.answers[quiz_id] = {k: v for k, v in ticked.items() if v}
                    if send:
                        work.submitted[quiz_id] = classroom.now()

                if classroom.save_work(participant, _answer):
                    state.flash(
                        "success", t("classroom.quiz_sent" if send else "classroom.quiz_kept")
                    )
                    st.rerun()

if tab_progress.open is not False:
    with tab_progress:
        plan = state.current_plan()
        if plan is not None:
            revision = st.session_state.get(state.REVISION_KEY) or 0
            facts = progress.cached_facts(state.current_token() or "", revision, plan)
            st.subheader(t("classroom.my_plan_progress"))
            for milestone in progress.MILESTONES:
                done = facts.milestones.get(milestone)
                st.write(("✅ " if done else "⬜ ") + t(f"classroom.milestone_{milestone}"))
        st.subheader(t("classroom.my_positioning"))
        rows = positioning.progress(
            participant.work.positioning.get("before", {}),
            participant.work.positioning.get("after", {}),
        )
        rows["item"] = [t(f"classroom.item_{i.replace('-', '_')}") for i in rows["item"]]
        st.dataframe(
            rows.rename(
                columns={
                    "item": t("classroom.col_item"),
                    "before": t("classroom.phase_before"),
                    "after": t("classroom.phase_after"),
                    "change": t("classroom.col_change"),
                }
            ),
            hide_index=True,
            width="stretch",
        )
        st.subheader(t("classroom.my_quizzes"))
        for quiz_id in quiz.QUIZZES:
            label = t(f"classroom.quiz_{quiz_id.replace('-', '_')}")
            if quiz_id in participant.work.submitted:
                share = submitted_score(
                    quiz_id, participant.work.answers.get(quiz_id, {}), lang, session.record.banks
                ).share
                st.write(t("classroom.quiz_line", quiz=label, share=fmt_percent(share, lang, 0)))
            else:
                st.write(t("classroom.quiz_line_open", quiz=label))
