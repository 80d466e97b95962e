"""Classroom — the session's records: quiz statistics, positioning before and after,
attendance per half-day, and the attestations the trainer confirms and issues."""

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st

from influkit.classroom import attestation, figures, positioning, quiz
from influkit.classroom.session import RESULTS
from influkit.text import i18n
from influkit.text.formats import fmt_date, fmt_number, fmt_percent
from ui import classroom, state
from ui.state import t

st.title(t("classroom.records_title"))
lang = state.lang()
session = classroom.trainer_session()
if session is None:
    st.info(t("classroom.records_need_session"))
    st.page_link("pages/class_trainer.py", label=t("nav.class_trainer"), icon=":material/school:")
    st.stop()

participants = classroom.store().participants(session)
if not participants:
    st.info(t("classroom.no_trainee_yet", code=session.join_code))
    st.stop()
info = session.info
record = session.record
names = {p.participant_id: p.name for p in participants}

tab_quiz, tab_position, tab_attendance, tab_attest = st.tabs(
    [
        t("classroom.tab_quiz_stats"),
        t("classroom.tab_positioning_class"),
        t("classroom.tab_attendance"),
        t("classroom.tab_attestations"),
    ],
    key="records_tab",
    on_change="rerun",
)

# Only the open tab runs (the tabs track state): hidden ones cost nothing.
if tab_quiz.open is not False:
    with tab_quiz:
        quiz_id = st.selectbox(
            t("classroom.quiz_pick"),
            list(quiz.QUIZZES),
            format_func=lambda q: i18n.t(f"classroom.quiz_{q.replace('-', '_')}", lang),
            key="records_quiz",
        )
        attempts = [
            p.work.answers.get(quiz_id, {}) for p in participants if quiz_id in p.work.submitted
        ]
        st.caption(
            t("classroom.quiz_submitted_count", count=len(attempts), total=len(participants))
        )
        questions = quiz.session_bank(record.banks, quiz_id, lang)
        stats = quiz.question_stats(questions, attempts)
        for question, (_, row) in zip(questions, stats.iterrows(), strict=True):
            with st.container(border=True):
                st.text(quiz.generic(question.text))
                if not row["answered"]:
                    st.caption(t("classroom.quiz_no_answer"))
                    continue
                st.write(
                    t(
                        "classroom.quiz_share_right",
                        share=fmt_percent(row["share_right"], lang, 0),
                        answered=row["answered"],
                    )
                )
                for text, count in quiz.wrong_choices(question, row["chosen"]):
                    st.caption(t("classroom.quiz_wrong_chosen", count=count))
                    st.text(quiz.generic(text))

if tab_position.open is not False:
    with tab_position:
        grids = [p.work.positioning for p in participants]
        summary = positioning.class_summary(grids)
        items = {i: t(f"classroom.item_{i.replace('-', '_')}") for i in positioning.ITEMS}
        st.plotly_chart(figures.positioning_figure(summary, items, lang), width="stretch")
        table = summary.assign(item=[items[i] for i in summary["item"]])
        for phase in positioning.PHASES:
            table[f"can_do_{phase}"] = [fmt_percent(v, lang, 0) for v in table[f"can_do_{phase}"]]
        st.dataframe(
            table[
                [
                    "item",
                    "n_before",
                    "mean_before",
                    "can_do_before",
                    "n_after",
                    "mean_after",
                    "can_do_after",
                ]
            ].rename(
                columns={
                    "item": t("classroom.col_item"),
                    "n_before": t("classroom.col_n_before"),
                    "mean_before": t("classroom.col_mean_before"),
                    "can_do_before": t("classroom.col_can_do_before"),
                    "n_after": t("classroom.col_n_after"),
                    "mean_after": t("classroom.col_mean_after"),
                    "can_do_after": t("classroom.col_can_do_after"),
                }
            ),
            hide_index=True,
            width="stretch",
        )

if tab_attendance.open is not False:
    with tab_attendance:
        halves = info.half_days()
        labels = {h: attestation.half_day_label(h, lang) for h in halves}
        frame = pd.DataFrame(
            [
                {
                    "trainee": p.name,
                    **{
                        labels[h]: bool(record.attendance.get(p.participant_id, {}).get(h))
                        for h in halves
                    },
                }
                for p in participants
            ]
        )
        edited = st.data_editor(
            frame.rename(columns={"trainee": t("classroom.col_trainee")}),
            hide_index=True,
            disabled=[t("classroom.col_trainee")],
            key=f"records_attendance_{session.revision}",
            width="stretch",
        )
        if st.button(t("classroom.attendance_save"), type="primary", key="records_attendance_save"):

            def _attend(rec, edited=edited):
                for p, (_, row) in zip(participants, edited.iterrows(), strict=True):
                    rec.attendance[p.participant_id] = {h: bool(row[labels[h]]) for h in halves}

            if classroom.save_record(session, _attend):
                state.flash("success", t("classroom.attendance_saved"))
                st.rerun()

if tab_attest.open is not False:
    with tab_attest:
        st.write(t("classroom.attest_intro"))
        choices: dict[str, dict[str, str]] = {}
        for p in participants:
            evidence = attestation.evidence(p.work, lang, record.banks)
            confirmed = record.validation(p.participant_id)
            with st.container(border=True):
                st.markdown(f"**{t('classroom.col_trainee')}**")
                st.text(p.name)
                columns = st.columns(len(positioning.OBJECTIVES))
                choices[p.participant_id] = {}
                for column, objective in zip(columns, positioning.OBJECTIVES, strict=True):
                    proof = evidence[objective]
                    current = confirmed.get(objective, proof.suggested)
                    choices[p.participant_id][objective] = column.radio(
                        t(f"classroom.objective_{objective}"),
                        list(RESULTS),
                        index=list(RESULTS).index(current),
                        format_func=lambda code: i18n.t(f"classroom.result_{code}", lang),
                        key=f"records_result_{p.participant_id}_{objective}_{session.revision}",
                    )
                    column.caption(
                        t(
                            "classroom.evidence_line",
                            quiz=fmt_percent(proof.quiz_share, lang, 0) if proof.assessed else "—",
                            level="—"
                            if proof.level_after != proof.level_after
                            else fmt_number(
                                proof.level_after, lang, 1 if proof.level_after % 1 else 0
                            ),
                        )
                    )
        if st.button(t("classroom.attest_confirm"), type="primary", key="records_confirm"):

            def _confirm(rec, choices=choices):
                for pid, results in choices.items():
                    rec.validations[pid] = dict(results)
                    rec.issued[pid] = classroom.now()

            if classroom.save_record(session, _confirm):
                state.flash("success", t("classroom.attest_confirmed"))
                st.rerun()

        issued = [p for p in participants if p.participant_id in record.issued]
        halves = info.half_days()
        today = dt.date.today()

        def _data(p):
            attended = sum(1 for h in halves if record.attendance.get(p.participant_id, {}).get(h))
            return attestation.AttestationData(
                p.name,
                info,
                attestation.results(
                    p.work, record.validation(p.participant_id), lang, record.banks
                ),
                attended,
                len(halves),
                today,
            )

        if not issued:
            st.info(t("classroom.attest_none_yet"))
        else:
            st.caption(t("classroom.attest_issued", count=len(issued), date=fmt_date(today, lang)))
            zip_col, book_col = st.columns(2)
            zip_col.download_button(
                t("classroom.attest_zip"),
                data=partial(attestation.attestations_zip, [_data(p) for p in issued], lang),
                file_name=f"{t('classroom.att_file_prefix')}s-{session.join_code}.zip",
                mime="application/zip",
                icon=":material/folder_zip:",
                key="records_zip",
            )
            trainees = [
                attestation.TraineeRecord(
                    p.name,
                    p.work,
                    record.attendance.get(p.participant_id, {}),
                    attestation.results(
                        p.work, record.validation(p.participant_id), lang, record.banks
                    ),
                )
                for p in participants
            ]
            book_col.download_button(
                t("classroom.evidence_workbook"),
                data=partial(attestation.evidence_workbook, info, trainees, lang, record.banks),
                file_name=f"{t('classroom.wb_file')}-{session.join_code}.xlsx",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                icon=":material/table_view:",
                key="records_workbook",
            )
            for p in issued:
                st.download_button(
                    t("classroom.attest_one", name=p.name),
                    data=partial(attestation.attestation_pdf, _data(p), lang),
                    file_name=f"{t('classroom.att_file_prefix')}-{attestation.safe_file_name(p.name)}.pdf",
                    mime="application/pdf",
                    key=f"records_pdf_{p.participant_id}",
                )
