"""Streamlit glue of the classroom: who is here (a trainer with their session's secret, or a
trainee with their seat), the links that bring them back, and saving their work.

The trainer's secret travels in the URL as ``?formateur=…`` and a trainee's seat as
``?stagiaire=…`` (both random tokens), so a reload or a bookmark finds them again. A trainee
never holds a session's secret, so the trainer's pages show them nothing of the class.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from influkit.classroom import store as classroom_store
from influkit.classroom.session import ParticipantWork, TrainerRecord
from influkit.classroom.store import ClassroomConflict, ClassSession, Participant
from influkit.errors import UserError
from ui import state
from ui.state import t

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
