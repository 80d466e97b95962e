"""Streamlit glue of the classroom: who is here (a trainer with their session's secret, or a
trainee with their seat), the links that bring them back, saving their work, and the blocks
the classroom pages draw (the trainer's gate, live class and plan panel, comparison, worked
examples, debrief, question banks; the trainee's grid, quizzes and progress).

The trainer's secret travels in the URL as ``?formateur=…`` and a trainee's seat as
``?stagiaire=…`` (both random tokens), so a reload or a bookmark finds them again. A trainee
never holds a session's secret, so the trainer's pages show them nothing of the class.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import streamlit as st

from influkit.classroom import figures, gift, positioning, progress, quiz, worked
from influkit.classroom import review as plan_review
from influkit.classroom import store as classroom_store
from influkit.classroom.attestation import submitted_score
from influkit.classroom.session import ParticipantWork, SessionInfo, TrainerRecord
from influkit.classroom.store import ClassroomConflict, ClassSession, Participant
from influkit.data import datasets
from influkit.data.limits import QUIZ_BANK_BYTES
from influkit.errors import UserError
from influkit.plan.model import Plan
from influkit.plan.storage import get_store
from influkit.text import i18n
from influkit.text.formats import fmt_date, fmt_number, fmt_percent
from ui import state
from ui.state import t
from ui.text import plain

SECRET_PARAM = "formateur"
SEAT_PARAM = "stagiaire"
PRESENTATION_PARAM = "projection"
SECRET_KEY = "class_trainer_secret"
SEAT_KEY = "class_seat"
PASSWORD_OK_KEY = "class_password_ok"
PRESENTATION_KEY = "class_presentation"


def store() -> classroom_store.ClassroomStore:
    """The classroom store of this server process (same database as the plans)."""
    return classroom_store.get_classroom_store()


LANDING_KEY = "class_landing"


def init() -> None:
    """Read the trainer's secret, the trainee's seat and the presentation mode from the URL."""
    params = st.query_params
    if SECRET_KEY not in st.session_state:
        st.session_state[SECRET_KEY] = params.get(SECRET_PARAM) or None
        # A trainer link opens on the home URL (deep links fail on a server's first load):
        # the router then goes on to the trainer's room.
        if st.session_state[SECRET_KEY]:
            st.session_state[LANDING_KEY] = "class_trainer"
    if SEAT_KEY not in st.session_state:
        st.session_state[SEAT_KEY] = params.get(SEAT_PARAM) or None
    if PRESENTATION_KEY not in st.session_state:
        st.session_state[PRESENTATION_KEY] = params.get(PRESENTATION_PARAM) == "1"


def landing_page() -> str | None:
    """The page a classroom link should land on, once (then None)."""
    return st.session_state.pop(LANDING_KEY, None)


def url_params() -> dict[str, str]:
    """The classroom's part of the address: secret, seat, presentation mode."""
    params: dict[str, str] = {}
    if st.session_state.get(SECRET_KEY):
        params[SECRET_PARAM] = st.session_state[SECRET_KEY]
    if st.session_state.get(SEAT_KEY):
        params[SEAT_PARAM] = st.session_state[SEAT_KEY]
    if st.session_state.get(PRESENTATION_KEY):
        params[PRESENTATION_PARAM] = "1"
    return params


def presentation() -> bool:
    """Whether the projector mode is on."""
    return bool(st.session_state.get(PRESENTATION_KEY))


# --- the trainer ---------------------------------------------------------------------------------


def password_ok() -> bool:
    """Whether this browser session passed the server's trainer password (or none is set)."""
    return not classroom_store.trainer_password_required() or bool(
        st.session_state.get(PASSWORD_OK_KEY)
    )


def check_password(typed: str) -> bool:
    """Check the trainer password typed; remember it for this browser session."""
    ok = classroom_store.trainer_password_ok(typed)
    st.session_state[PASSWORD_OK_KEY] = ok
    return ok


def trainer_session() -> ClassSession | None:
    """The session whose secret this browser holds (and whose password passed), or None."""
    secret = st.session_state.get(SECRET_KEY)
    if not secret or not password_ok():
        return None
    return store().session_by_secret(secret)


def open_trainer(secret: str) -> bool:
    """Remember a trainer secret (pasted, or just created); False when it opens nothing."""
    secret = (secret or "").strip()
    if f"{SECRET_PARAM}=" in secret:
        secret = secret.split(f"{SECRET_PARAM}=", 1)[1].split("&", 1)[0]
    if not secret or store().session_by_secret(secret) is None:
        return False
    st.session_state[SECRET_KEY] = secret
    return True


def leave_trainer() -> None:
    """Forget the session's secret in this browser."""
    st.session_state[SECRET_KEY] = None


def trainer_link(secret: str) -> str:
    """The link that opens the trainer's room on this server (through its home address)."""
    try:
        here = (st.context.url or "").split("?", 1)[0]
    except AttributeError:
        here = ""
    home = here.rsplit("/", 1)[0] + "/" if here.count("/") > 2 else (here or "/")
    return f"{home}?{SECRET_PARAM}={secret}&lang={state.lang()}"


def save_record(session: ClassSession, change) -> ClassSession | None:
    """Apply ``change(record)`` to the trainer's record and save it, reading again once if
    someone (another tab of the trainer) saved in between; None when it could not be saved."""
    for _ in range(3):
        record = TrainerRecord.model_validate(session.record.model_dump())
        change(record)
        try:
            return store().save_record(session, record)
        except ClassroomConflict:
            fresh = store().session_by_id(session.session_id)
            if fresh is None:
                return None
            session = fresh
        except UserError as err:
            st.error(err.message(state.lang()))
            return None
    st.error(t("classroom.error_conflict"))
    return None


# --- the trainee ---------------------------------------------------------------------------------


def seat() -> Participant | None:
    """This browser's seat in a session, or None."""
    seat_id = st.session_state.get(SEAT_KEY)
    return store().participant(seat_id) if seat_id else None


def take_seat(participant: Participant) -> None:
    """Remember the trainee's seat here and open their plan."""
    st.session_state[SEAT_KEY] = participant.participant_id
    if state.current_token() != participant.plan_token:
        state.open_plan(participant.plan_token)


def leave_seat() -> None:
    """Forget the seat in this browser (the work stays stored)."""
    st.session_state[SEAT_KEY] = None


def save_work(participant: Participant, change) -> Participant | None:
    """Apply ``change(work)`` to the trainee's work and save it, reading again on a conflict."""
    for _ in range(3):
        work = ParticipantWork.model_validate(participant.work.model_dump())
        change(work)
        try:
            return store().save_work(participant, work)
        except ClassroomConflict:
            fresh = store().participant(participant.participant_id)
            if fresh is None:
                return None
            participant = fresh
        except UserError as err:
            st.error(err.message(state.lang()))
            return None
    st.error(t("classroom.error_conflict"))
    return None


def now() -> dt.datetime:
    """The current time, UTC."""
    return dt.datetime.now(dt.UTC)


PRESENTATION_CSS = """
<style>
/* Projector mode: body text of at least 20 px, chart text of at least 16 px in dark ink. */
[data-testid="stAppViewContainer"] .block-container { padding-top: 3rem; max-width: 100%; }
[data-testid="stAppViewContainer"] p, [data-testid="stAppViewContainer"] li,
[data-testid="stAppViewContainer"] label, [data-testid="stAppViewContainer"] td,
[data-testid="stAppViewContainer"] th, [data-testid="stAppViewContainer"] button,
[data-testid="stAppViewContainer"] input, [data-testid="stCaptionContainer"],
[data-testid="stAppViewContainer"] [data-testid="stMarkdownContainer"] { font-size: 22px !important; }
[data-testid="stAppViewContainer"] h1 { font-size: 2.4rem !important; }
[data-testid="stMetricValue"] { font-size: 2.6rem !important; }
[data-testid="stMetricLabel"] p { font-size: 22px !important; }
.js-plotly-plot .xtick text, .js-plotly-plot .ytick text, .js-plotly-plot .legendtext,
.js-plotly-plot .g-xtitle text, .js-plotly-plot .g-ytitle text, .js-plotly-plot .annotation-text {
  font-size: 18px !important; fill: #1f1f1f !important; }
.js-plotly-plot .gtitle { font-size: 22px !important; fill: #1f1f1f !important; }
</style>
"""


def presentation_style() -> None:
    """Apply the projector's larger type to every page of this run."""
    st.html(PRESENTATION_CSS)


# --- the trainer's room: blocks ------------------------------------------------------------------


def trainer_gate(case_title) -> None:
    """No session yet in this browser: the password if the server asks, then create or open a
    session (``case_title(case_id)`` names a case study); stops the page."""
    lang = state.lang()
    if not password_ok():
        with st.form("trainer_password"):
            typed = st.text_input(t("classroom.password"), type="password", key="trainer_password")
            if st.form_submit_button(t("classroom.password_button"), type="primary"):
                if check_password(typed):
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
            format_func=case_title,
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
                _, secret = store().create_session(info)
            except UserError as err:
                st.error(err.message(lang))
                st.stop()
            open_trainer(secret)
            state.flash("success", t("classroom.created"))
            st.rerun()
    with right, st.form("trainer_open"):
        st.subheader(t("classroom.open_title"))
        link = st.text_input(t("classroom.open_link"), type="password", key="open_link")
        if st.form_submit_button(t("classroom.open_button")):
            if open_trainer(link):
                st.rerun()
            st.error(t("classroom.error_bad_link"))
    st.stop()


def session_line(info) -> None:
    """The session's organisation, dates and place, under the page title."""
    lang = state.lang()
    st.caption(
        t(
            "classroom.session_line",
            organisation=plain(info.organisation or "—"),
            start=fmt_date(info.start, lang),
            end=fmt_date(info.end, lang),
            place=plain(info.place or "—"),
        )
    )


def class_facts(session: ClassSession, with_plans: bool = False, detail: bool = True):
    """Each trainee with their saved plan (when asked, else None) and its facts (None while it
    cannot be read).

    A plan is loaded only when its revision has not been read yet: the live view stays cheap,
    and it skips what only the debrief needs (``detail``)."""
    plans = get_store()
    rows = []
    for participant in store().participants(session):
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


PANEL_KEY = "trainer_panel_pick"
LIVE_TABLE_KEY = "trainer_live_table"

#: The panel sits beside the class table when the page is wide enough for both (a 1440 px
#: screen), under it on a narrower one (1280 px).
SPLIT_CSS = """
<style>
.st-key-trainer_split [data-testid="stHorizontalBlock"] { flex-wrap: wrap; }
.st-key-trainer_split [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] {
  flex: 1 1 26rem; min-width: min(100%, 26rem); }
.st-key-trainer_split [data-testid="stHorizontalBlock"] > [data-testid="stColumn"]:last-child {
  flex: 1 1 24rem; min-width: min(100%, 24rem); }
</style>
"""


def _pick_from_table(ids: list[str]) -> None:
    """A row clicked in the class table opens that trainee's panel."""
    rows = st.session_state[LIVE_TABLE_KEY].selection.rows
    if rows:
        st.session_state[PANEL_KEY] = ids[rows[0]]


def live_class(session: ClassSession) -> None:
    """The class's live table and, beside it, the panel of the trainee picked (read-only)."""
    lang = state.lang()
    rows = class_facts(session, detail=False)
    if not rows:
        st.info(t("classroom.no_trainee_yet", code=session.join_code))
        return
    ids = [p.participant_id for p, _, _ in rows]
    names = {p.participant_id: p.name for p, _, _ in rows}
    st.html(SPLIT_CSS)
    with st.container(key="trainer_split"):
        table_col, panel_col = st.columns([3, 2], gap="medium")
    with table_col:
        table = progress.live_table(
            [
                (p.name, facts, len(p.work.submitted), tuple(p.work.positioning))
                for p, _, facts in rows
            ],
            lang,
        )
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            key=LIVE_TABLE_KEY,
            on_select=lambda: _pick_from_table(ids),
            selection_mode="single-row",
        )
        st.caption(
            t(
                "classroom.live_caption",
                count=fmt_number(len(rows), lang),
                quizzes=fmt_number(sum(len(p.work.submitted) for p, _, _ in rows), lang),
                time=dt.datetime.now(ZoneInfo("Europe/Paris")).strftime("%H:%M:%S"),
            )
        )
    with panel_col:
        if st.session_state.get(PANEL_KEY) not in names:
            st.session_state[PANEL_KEY] = None
        pick = st.selectbox(
            t("classroom.review.pick"),
            ids,
            format_func=names.get,
            index=None,
            placeholder=t("classroom.review.pick_placeholder"),
            help=t("classroom.review.pick_help"),
            key=PANEL_KEY,
        )
        if pick is not None:
            participant = next(p for p, _, _ in rows if p.participant_id == pick)
            plan_panel(participant)


def _review_of(participant: Participant):
    """The trainee's plan as :func:`influkit.classroom.review.review` writes it, and the saved
    plan when it had to be loaded (None, None when it cannot be read)."""
    lang = state.lang()
    plans = get_store()
    token = participant.plan_token
    found = plan_review.known_review(token, plans.revision(token), lang)
    if found is not None:
        return found
    saved = plans.load(token)
    if saved is None:
        return None
    return plan_review.cached_review(token, saved.revision, saved.plan, lang)


def _facts_lines(facts) -> None:
    st.markdown(
        "  \n".join(
            t("classroom.review.fact", label=plain(name), value=plain(value))
            for name, value in facts
        )
    )


def _section(key: str) -> None:
    st.markdown(f"**{t(f'classroom.review.section_{key}')}**")


def plan_panel(participant: Participant) -> None:
    """A trainee's plan, read-only, in a few sections: shortlist, SMART objectives, retro-plan,
    remuneration, budget, KPIs, results, compliance; then the way to its pages (read-only)."""
    with st.container(border=True, key="trainer_panel"):
        st.subheader(t("classroom.review.title", name=plain(participant.name)))
        review = _review_of(participant)
        if review is None:
            st.warning(t("classroom.plan_unavailable"))
            return
        st.caption(t("classroom.review.read_only_note"))
        st.text(review.title)
        not_yet = t("classroom.review.not_yet")
        _section("shortlist")
        if review.shortlist.empty:
            st.caption(not_yet)
        else:
            st.dataframe(review.shortlist, hide_index=True, width="stretch")
        _section("objectives")
        if not review.objectives:
            st.caption(not_yet)
        for line in review.objectives:
            st.text(line.sentence)
            st.caption(
                t(
                    "classroom.review.score_missing",
                    score=line.score,
                    missing=", ".join(line.missing),
                )
                if line.missing
                else t("classroom.review.score", score=line.score)
            )
        _section("schedule")
        if review.schedule_error:
            st.warning(plain(review.schedule_error))
        elif not review.schedule_facts:
            st.caption(not_yet)
        else:
            _facts_lines(review.schedule_facts)
            st.caption(
                t("classroom.review.critical_path", tasks=plain(" → ".join(review.critical_path)))
            )
        _section("remuneration")
        if review.remuneration.empty:
            st.caption(not_yet)
        else:
            st.dataframe(review.remuneration, hide_index=True, width="stretch")
        _section("budget")
        if not review.budget_facts:
            st.caption(not_yet)
        else:
            _facts_lines(review.budget_facts)
            if review.over_budget:
                st.error(review.over_budget)
        _section("kpis")
        if review.kpis.empty:
            st.caption(not_yet)
        else:
            st.dataframe(review.kpis, hide_index=True, width="stretch")
        _section("results")
        if not review.result_facts:
            st.caption(t("classroom.review.no_results"))
        else:
            st.caption(plain(review.results_source))
            _facts_lines(review.result_facts)
        _section("findings")
        if not review.findings:
            st.caption(t("classroom.review.no_findings"))
        for finding in review.findings:
            st.warning(plain(finding), icon=":material/gavel:")
        if st.button(
            t("classroom.review.open_pages"), icon=":material/visibility:", key="trainer_view"
        ):
            saved = get_store().load(participant.plan_token)
            if saved is None:
                st.warning(t("classroom.plan_unavailable"))
                return
            state.view_read_only(saved.plan, participant.name)
            state.go("my_plan")


def compare_plans(session: ClassSession) -> None:
    """Two trainees' plans side by side, in a few lines each, for the debrief."""
    lang = state.lang()
    rows = class_facts(session, with_plans=True)
    if not rows:
        st.info(t("classroom.no_trainee_yet", code=session.join_code))
        return
    names = {p.participant_id: p.name for p, _, _ in rows}
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
            _, saved, facts = next(r for r in rows if r[0].participant_id == who)
            if saved is None or facts is None:
                st.warning(t("classroom.plan_unavailable"))
                continue
            for name, value in progress.plan_card(saved.plan, facts, lang):
                st.caption(name)
                st.text(value)


def worked_examples(info, case_title) -> None:
    """The worked example of a case study, in the user's language: open it read-only, or
    duplicate it into one's own plan."""
    lang = state.lang()
    st.subheader(t("classroom.worked_title"))
    available = worked.case_ids(lang)
    offered = [c for c in info.case_ids if c in available] or available
    case_id = st.selectbox(
        t("classroom.worked_pick"), offered, format_func=case_title, key="trainer_worked"
    )
    view_col, copy_col = st.columns(2)
    if view_col.button(t("classroom.worked_view"), icon=":material/visibility:", key="worked_view"):
        state.view_read_only(worked.worked_example(case_id, lang), t("classroom.worked_whose"))
        state.go("my_plan")
    if copy_col.button(
        t("classroom.worked_copy"), icon=":material/content_copy:", key="worked_copy"
    ):
        state.start_plan(worked.duplicate(case_id, t("classroom.copy_suffix"), lang))
        state.go("my_plan")


def debrief(session: ClassSession) -> None:
    """The class's decisions, chart by chart, then the multi-criteria ranking."""
    lang = state.lang()
    rows = class_facts(session)
    facts = [f for _, _, f in rows if f is not None]
    if not facts:
        st.info(t("classroom.no_trainee_yet", code=session.join_code))
        return
    columns = st.columns(2)
    for index, figure in enumerate(figures.debrief_figures(facts, lang)):
        columns[index % 2].plotly_chart(figure, width="stretch")
    st.subheader(t("classroom.ranking_title"))
    st.caption(t("classroom.ranking_help"))
    ranked = progress.ranking({p.name: f for p, _, f in rows if f is not None})
    if ranked.empty:
        st.info(t("classroom.ranking_empty"))
        return
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


def question_bank(session: ClassSession) -> None:
    """The session's question banks: download one as GIFT, upload one's own (checked first),
    go back to the standard questions."""
    lang = state.lang()
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
        ) and save_record(session, _reset):
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
    if upload is None:
        return
    try:
        QUIZ_BANK_BYTES.check(upload.size)
        checked = quiz.read_custom(upload.getvalue().decode("utf-8-sig"))
    except UnicodeDecodeError:
        st.error(t("classroom.bank_not_utf8"))
        return
    except UserError as err:
        st.error(err.message(lang))
        st.caption(t("classroom.bank_unchanged"))
        return
    st.success(
        t("classroom.bank_ok", count=len(checked), multiple=sum(q.multiple for q in checked))
    )

    def _use(record, key=bank_key, checked=checked):
        record.banks[key] = gift.write(checked)

    if st.button(
        t("classroom.bank_use"), type="primary", icon=":material/upload:", key="trainer_bank_use"
    ) and save_record(session, _use):
        state.flash("success", t("classroom.bank_used"))
        st.rerun()


# --- the trainee's room: blocks ------------------------------------------------------------------


def join_form() -> None:
    """Join a session with its code, one's name and a PIN (or come back from another computer);
    a new trainee gets a plan started from the session's first case study."""
    lang = state.lang()
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
    session = store().session_by_code(code)
    if session is None:
        st.error(t("classroom.error_unknown_code"))
        return
    try:
        if mode == "back":
            participant = store().rejoin(session, name, pin)
        else:
            classroom_store.check_name(name)
            classroom_store.check_pin(pin)
            if store().name_taken(session, name):
                raise UserError("classroom.error_name_taken", name=name.strip())
            case_ids = [c for c in session.info.case_ids if c in datasets.case_ids()]
            case = datasets.case(case_ids[0]) if case_ids else datasets.cases()[0]
            token = state.start_plan(Plan.from_case(case, lang))
            participant = store().join(session, name, pin, token, email)
    except UserError as err:
        st.error(err.message(lang))
        return
    take_seat(participant)
    st.rerun()


def positioning_grid(participant: Participant) -> None:
    """The self-positioning grid of one phase (before or after the course), saved on submit."""
    lang = state.lang()
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
                format_func=lambda level: f"{level} — {i18n.t(f'classroom.level_{level}', lang)}",
                horizontal=True,
                key=f"trainee_grid_{phase}_{item}",
            )
        saved = st.form_submit_button(t("classroom.positioning_save"), type="primary")
    if saved:
        ratings = positioning.clean({k: v for k, v in chosen.items() if v})

        def _set(work, ratings=ratings, phase=phase):
            work.positioning[phase] = ratings

        if save_work(participant, _set):
            state.flash("success", t("classroom.positioning_saved"))
            st.rerun()


def quiz_corrected(questions, answers, result) -> None:
    """A submitted quiz: the score, then each question with the right answers, the trainee's
    ticks, the explanations and the points earned."""
    lang = state.lang()
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


def quiz_form(participant: Participant, quiz_id: str, questions, answers) -> None:
    """An open quiz: answers kept as they are ticked (changeable) until the trainee submits."""
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
                    if st.checkbox(question.answers[i].text, value=i in previous, key=f"{key}_{i}")
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
                work.submitted[quiz_id] = now()

        if save_work(participant, _answer):
            state.flash("success", t("classroom.quiz_sent" if send else "classroom.quiz_kept"))
            st.rerun()


def my_progress(participant: Participant, session: ClassSession) -> None:
    """The trainee's own progress: the plan's milestones, self-positioning, quiz scores."""
    lang = state.lang()
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
