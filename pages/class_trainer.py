"""Classroom — the trainer's room: create or open a session, follow the class live, open any
plan read-only, compare two plans, and debrief on the class's decisions and ranking."""

import datetime as dt
from zoneinfo import ZoneInfo

import streamlit as st

from influkit.classroom import figures, gift, progress, quiz, worked
from influkit.classroom.session import SessionInfo
from influkit.data import datasets
from influkit.data.limits import QUIZ_BANK_BYTES
from influkit.errors import UserError
from influkit.plan.storage import get_store
from influkit.text import i18n
from influkit.text.formats import fmt_date, fmt_number
from influkit.text.i18n import label as code_label
from ui import classroom, state
from ui.state import t
from ui.text import plain

st.title(t("classroom.trainer_title"))
lang = state.lang()


def _case_title(case_id: str) -> str:
    return datasets.case(case_id).get(f"title_{lang}", case_id)


def _gate() -> None:
    """No session yet in this browser: the password if the server asks, then create or open."""
    if not classroom.password_ok():
        with st.form("trainer_password"):
            typed = st.text_input(t("classroom.password"), type="password", key="trainer_password")
            if st.form_submit_button(t("classroom.password_button"), type="primary"):
                if classroom.check_password(typed):
                    st.rerun()
                st.error(t("classroom.password_wrong"))
        st.stop()
    st.info(t("classroom.trainer_intro"))
    left, right = st.columns(2)
    with left, st.form("trainer_create"):
        st.subheader(t("classroom.create_title"))
        organisation = st.text_input(
            t("classroom.organisation"), max_chars=120, key="create_organisation"
        )
        trainer = st.text_input(t("classroom.trainer_name"), max_chars=120, key="create_trainer")
        place = st.text_input(t("classroom.place"), max_chars=120, key="create_place")
        today = dt.date.today()
        start = st.date_input(t("classroom.start"), value=today, format="DD/MM/YYYY")
        end = st.date_input(
            t("classroom.end"), value=today + dt.timedelta(days=1), format="DD/MM/YYYY"
        )
        hours = st.slider(t("classroom.hours"), 1, 70, 14)
        cases = st.multiselect(
            t("classroom.cases"),
            datasets.case_ids(),
            default=datasets.case_ids()[:1],
            format_func=_case_title,
            placeholder=t("app.choose_placeholder"),
        )
        create = st.form_submit_button(t("classroom.create_button"), type="primary")
    if create:
        if end < start:
            st.error(t("classroom.error_dates"))
        elif not cases:
            st.error(t("classroom.error_no_case"))
        else:
            info = SessionInfo(
                organisation=organisation.strip(),
                trainer_name=trainer.strip(),
                place=place.strip(),
                start=start,
                end=end,
                hours=float(hours),
                case_ids=cases,
                lang=lang,
            )
            try:
                _, secret = classroom.store().create_session(info)
            except UserError as err:
                st.error(err.message(lang))
                st.stop()
            classroom.open_trainer(secret)
            state.flash("success", t("classroom.created"))
            st.rerun()
    with right, st.form("trainer_open"):
        st.subheader(t("classroom.open_title"))
        link = st.text_input(t("classroom.open_link"), type="password", key="open_link")
        if st.form_submit_button(t("classroom.open_button")):
            if classroom.open_trainer(link):
                st.rerun()
            st.error(t("classroom.error_bad_link"))
    st.stop()


session = classroom.trainer_session()
if session is None:
    _gate()

info = session.info
st.caption(
    t(
        "classroom.session_line",
        organisation=plain(info.organisation or "—"),
        start=fmt_date(info.start, lang),
        end=fmt_date(info.end, lang),
        place=plain(info.place or "—"),
    )
)
code_col, link_col = st.columns([1, 2])
code_col.metric(t("classroom.join_code"), session.join_code)
with link_col:
    st.write(t("classroom.join_where"))
    with st.expander(t("classroom.trainer_link")):
        st.caption(t("classroom.trainer_link_help"))
        st.code(classroom.trainer_link(st.session_state[classroom.SECRET_KEY]), language=None)
    st.button(t("classroom.leave_trainer"), on_click=classroom.leave_trainer, key="trainer_leave")


def _class_facts(with_plans: bool = False, detail: bool = True):
    """Each trainee with their plan (when asked) and its facts (None while it cannot be read).

    A plan is loaded only when its revision has not been read yet: the live view stays cheap,
    and it skips what only the debrief needs (``detail``)."""
    plans = get_store()
    rows = []
    for participant in classroom.store().participants(session):
        token = participant.plan_token
        facts = (
            None
            if with_plans
            else progress.known_facts(token, plans.revision(token), detail=detail)
        )
        saved = None
        if facts is None:
            saved = plans.load(token)
            facts = (
                progress.cached_facts(token, saved.revision, saved.plan, detail=detail)
                if saved
                else None
            )
        rows.append((participant, saved, facts))
    return rows


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
            rows = _class_facts(detail=False)
            if not rows:
                st.info(t("classroom.no_trainee_yet", code=session.join_code))
                return
            table = progress.dashboard({p.participant_id: f for p, _, f in rows})
            table["trainee"] = [p.name for p, _, _ in rows]
            for milestone in progress.MILESTONES:
                table[milestone] = table[milestone].map({True: "✅", False: "·"})
            table["quizzes"] = [f"{len(p.work.submitted)}/{len(quiz.QUIZZES)}" for p, _, _ in rows]
            table["positioning"] = [
                " / ".join(
                    t(f"classroom.phase_{ph}")
                    for ph in ("before", "after")
                    if p.work.positioning.get(ph)
                )
                or "·"
                for p, _, _ in rows
            ]
            columns = {
                "trainee": t("classroom.col_trainee"),
                **{m: t(f"classroom.milestone_{m}") for m in progress.MILESTONES},
                "done": t("classroom.col_done"),
                "quizzes": t("classroom.col_quizzes"),
                "positioning": t("classroom.col_positioning"),
            }
            st.dataframe(table.rename(columns=columns), hide_index=True, width="stretch")
            st.caption(
                t(
                    "classroom.live_caption",
                    count=fmt_number(len(rows), lang),
                    quizzes=fmt_number(sum(len(p.work.submitted) for p, _, _ in rows), lang),
                    time=dt.datetime.now(ZoneInfo("Europe/Paris")).strftime("%H:%M:%S"),
                )
            )

        _live()

if tab_plans.open is not False:
    with tab_plans:
        rows = _class_facts(with_plans=True)
        names = {p.participant_id: p.name for p, _, _ in rows}
        st.subheader(t("classroom.open_plan_title"))
        if rows:
            pick = st.selectbox(
                t("classroom.pick_trainee"), list(names), format_func=names.get, key="trainer_pick"
            )
            chosen = next(r for r in rows if r[0].participant_id == pick)
            if chosen[1] is not None and st.button(
                t("classroom.view_read_only"), icon=":material/visibility:", key="trainer_view"
            ):
                state.view_read_only(chosen[1].plan, chosen[0].name)
                state.go("my_plan")
            st.subheader(t("classroom.side_by_side"))
            left, right = st.columns(2)
            for column, key, default in ((left, "trainer_left", 0), (right, "trainer_right", 1)):
                with column:
                    who = st.selectbox(
                        t("classroom.pick_trainee"),
                        list(names),
                        index=min(default, len(names) - 1),
                        format_func=names.get,
                        key=key,
                    )
                    participant, saved, facts = next(r for r in rows if r[0].participant_id == who)
                    if saved is None or facts is None:
                        st.warning(t("classroom.plan_unavailable"))
                        continue
                    for name, value in progress.plan_card(saved.plan, facts, lang):
                        st.caption(name)
                        st.text(value)
        else:
            st.info(t("classroom.no_trainee_yet", code=session.join_code))
        st.subheader(t("classroom.worked_title"))
        offered = [c for c in info.case_ids if c in worked.case_ids()] or worked.case_ids()
        case_id = st.selectbox(
            t("classroom.worked_pick"), offered, format_func=_case_title, key="trainer_worked"
        )
        view_col, copy_col = st.columns(2)
        if view_col.button(
            t("classroom.worked_view"), icon=":material/visibility:", key="worked_view"
        ):
            state.view_read_only(worked.worked_example(case_id), t("classroom.worked_whose"))
            state.go("my_plan")
        if copy_col.button(
            t("classroom.worked_copy"), icon=":material/content_copy:", key="worked_copy"
        ):
            state.start_plan(worked.duplicate(case_id, t("classroom.copy_suffix")))
            state.go("my_plan")

if tab_debrief.open is not False:
    with tab_debrief:
        rows = _class_facts()
        facts = [f for _, _, f in rows if f is not None]
        if not facts:
            st.info(t("classroom.no_trainee_yet", code=session.join_code))
        else:
            left, right = st.columns(2)
            kinds = progress.remuneration_distribution(facts)
            left.plotly_chart(
                figures.distribution_figure(
                    kinds,
                    {k: code_label("compensation.kind", k, lang) for k in kinds["value"]},
                    lang,
                    title=t("classroom.dist_remuneration"),
                ),
                width="stretch",
            )
            smart_scores = progress.smart_distribution(facts)
            right.plotly_chart(
                figures.distribution_figure(
                    smart_scores,
                    {str(v): t("classroom.smart_score", score=v) for v in smart_scores["value"]},
                    lang,
                    title=t("classroom.dist_smart"),
                ),
                width="stretch",
            )
            for column, by, namespace in (
                (left, "tier", "metrics.tier"),
                (right, "platform", "data.platform"),
            ):
                split = progress.budget_distribution(facts, by)
                column.plotly_chart(
                    figures.distribution_figure(
                        split,
                        {v: code_label(namespace, v, lang) for v in split["value"]},
                        lang,
                        value="total_eur_ht",
                        money=True,
                        title=t(f"classroom.dist_budget_{by}"),
                    ),
                    width="stretch",
                )
            picks = progress.optimiser_distribution(facts)
            left.plotly_chart(
                figures.distribution_figure(
                    picks,
                    {v: t(f"classroom.pick_{v}") for v in picks["value"]},
                    lang,
                    title=t("classroom.dist_optimiser"),
                ),
                width="stretch",
            )
            found = progress.compliance_distribution(facts)
            right.plotly_chart(
                figures.distribution_figure(
                    found,
                    {v: t(f"classroom.finding_{v}") for v in found["value"]},
                    lang,
                    title=t("classroom.dist_compliance"),
                ),
                width="stretch",
            )
            st.subheader(t("classroom.ranking_title"))
            st.caption(t("classroom.ranking_help"))
            ranked = progress.ranking({p.name: f for p, _, f in rows if f is not None})
            if ranked.empty:
                st.info(t("classroom.ranking_empty"))
            else:
                shown = ranked[["rank", "trainee", *(f"rank_{c}" for c in progress.CRITERIA)]]
                st.dataframe(
                    shown.rename(
                        columns={
                            "rank": t("classroom.col_rank"),
                            "trainee": t("classroom.col_trainee"),
                            **{f"rank_{c}": t(f"classroom.rank_{c}") for c in progress.CRITERIA},
                        }
                    ),
                    hide_index=True,
                    width="stretch",
                )

if tab_bank.open is not False:
    with tab_bank:
        st.write(t("classroom.bank_intro"))
        quiz_col, lang_col = st.columns([2, 1])
        bank_quiz = quiz_col.selectbox(
            t("classroom.quiz_pick"),
            list(quiz.QUIZZES),
            format_func=lambda q: i18n.t(f"classroom.quiz_{q.replace('-', '_')}", lang),
            key="trainer_bank_quiz",
        )
        bank_lang = lang_col.selectbox(
            t("classroom.bank_lang"),
            list(i18n.LANGUAGES),
            index=list(i18n.LANGUAGES).index(lang),
            format_func=lambda code: i18n.t(f"classroom.bank_lang_{code}", lang),
            key="trainer_bank_lang",
        )
        bank_key = quiz.bank_key(bank_quiz, bank_lang)
        custom = quiz.custom_bank(session.record.banks, bank_quiz, bank_lang)
        if custom is None:
            st.caption(t("classroom.bank_standard"))
        else:
            st.info(t("classroom.bank_custom", count=fmt_number(len(custom), lang)))

            def _reset(record, key=bank_key):
                record.banks.pop(key, None)

            if st.button(
                t("classroom.bank_reset"), icon=":material/restart_alt:", key="trainer_bank_reset"
            ) and classroom.save_record(session, _reset):
                state.flash("success", t("classroom.bank_reset_done"))
                st.rerun()
        st.download_button(
            t("classroom.bank_download"),
            data=gift.write(quiz.session_bank(session.record.banks, bank_quiz, bank_lang)),
            file_name=f"{bank_quiz}-{bank_lang}.gift",
            mime="text/plain",
            icon=":material/download:",
            key="trainer_bank_download",
        )
        upload = st.file_uploader(
            t("classroom.bank_upload"),
            type=["gift", "txt"],
            help=t("classroom.bank_upload_help"),
            key=f"trainer_bank_upload_{bank_quiz}_{bank_lang}",
        )
        if upload is not None:
            try:
                QUIZ_BANK_BYTES.check(upload.size)
                text = upload.getvalue().decode("utf-8-sig")
                checked = quiz.read_custom(text)
            except UnicodeDecodeError:
                st.error(t("classroom.bank_not_utf8"))
            except UserError as err:
                st.error(err.message(lang))
                st.caption(t("classroom.bank_unchanged"))
            else:
                st.success(
                    t(
                        "classroom.bank_ok",
                        count=len(checked),
                        multiple=sum(q.multiple for q in checked),
                    )
                )

                def _use(record, key=bank_key, checked=checked):
                    record.banks[key] = gift.write(checked)

                if st.button(
                    t("classroom.bank_use"),
                    type="primary",
                    icon=":material/upload:",
                    key="trainer_bank_use",
                ) and classroom.save_record(session, _use):
                    state.flash("success", t("classroom.bank_used"))
                    st.rerun()
