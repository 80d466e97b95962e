"""Session state of the app: the language, the current plan and its automatic saving.

The plan lives in ``st.session_state["plan"]``; its token and the language travel in the URL
(``?plan=…&lang=…``) so a reload or a bookmark finds them again. The router saves
after every page run (:class:`PendingSave`): whatever a page changed in the plan is written then.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import streamlit as st

from influkit import i18n
from influkit.errors import UserError
from influkit.plan import Plan
from influkit.storage import PlanStore, get_store

PLAN_KEY = "plan"
TOKEN_KEY = "plan_token"
GEN_KEY = "plan_generation"
SAVED_JSON_KEY = "plan_saved_json"
SAVED_AT_KEY = "plan_saved_at"
SAVE_ERROR_KEY = "plan_save_error"
LANG_KEY = "lang"
FLASH_KEY = "flash_messages"
LOAD_ERROR_KEY = "plan_load_error"

_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{16,64}")


def store() -> PlanStore:
    """The plan store of this server process (``get_store`` keeps one per database)."""
    return get_store()


def lang() -> str:
    """The user's language: ``fr`` (default) or ``en``."""
    return st.session_state.get(LANG_KEY, i18n.DEFAULT_LANGUAGE)


def t(key: str, **params: Any) -> str:
    """A message of the locale catalogue in the user's language."""
    return i18n.t(key, lang(), **params)


def label(namespace: str, code: str | None) -> str:
    """The readable label of a data code in the user's language."""
    return i18n.label(namespace, code, lang())


def labeller(namespace: str) -> Callable[[Any], str]:
    """A ``format_func`` showing codes of ``namespace`` as labels in the current language.

    The language is bound now: Streamlit may call the function outside the script run.
    """
    current = lang()
    return lambda code: i18n.label(namespace, code, current)


def init_session() -> None:
    """Read the language and the plan token from the URL on the first run of a session."""
    params = st.query_params
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = i18n.normalize_language(params.get("lang"))
    if TOKEN_KEY not in st.session_state:
        st.session_state[TOKEN_KEY] = None
        token = params.get("plan")
        if token:
            open_plan(token)
    st.session_state.setdefault(GEN_KEY, 0)


def sync_url() -> None:
    """Keep the language and the plan token in the address bar.

    Set on every run: navigating between pages clears the browser's query string, while the
    server's copy may still hold the old values, so comparing the two would miss it.
    """
    st.query_params.from_dict(url_params())


def url_params() -> dict[str, str]:
    """The query parameters that identify this session's language and plan."""
    params = {"lang": lang()}
    token = st.session_state.get(TOKEN_KEY)
    if token:
        params["plan"] = token
    return params


def go(page_file: str) -> None:
    """Switch to ``pages/<page_file>.py``, keeping the language and plan in the URL."""
    st.switch_page(f"pages/{page_file}.py", query_params=url_params())


def extract_token(text: str) -> str | None:
    """The plan token in a pasted link or code, or None when there is none."""
    text = (text or "").strip()
    match = re.search(r"[?&]plan=([A-Za-z0-9_-]+)", text)
    candidate = match.group(1) if match else text
    return candidate if _TOKEN_RE.fullmatch(candidate) else None


def open_plan(token: str) -> bool:
    """Make the stored plan ``token`` the current one; False (and a message) when it cannot."""
    st.session_state.pop(LOAD_ERROR_KEY, None)
    clean = extract_token(token)
    try:
        saved = store().load(clean) if clean else None
    except UserError as err:
        st.session_state[LOAD_ERROR_KEY] = t(
            "app.plan_unreadable", code=token, reason=err.message(lang())
        )
        return False
    if saved is None:
        st.session_state[LOAD_ERROR_KEY] = t("app.plan_not_found", code=token[:80])
        return False
    _set_current(saved.token, saved.plan, saved.plan.model_dump_json(), saved.updated_at)
    return True


def start_plan(plan: Plan) -> str:
    """Store a new plan, make it current and return its token."""
    token = store().create(plan)
    _set_current(token, plan, plan.model_dump_json(), dt.datetime.now(dt.UTC))
    return token


def replace_plan(plan: Plan) -> None:
    """Replace the current plan's content (an upload) and save it at once."""
    token = st.session_state.get(TOKEN_KEY)
    if not token:
        start_plan(plan)
        return
    store().save(token, plan)
    _set_current(token, plan, plan.model_dump_json(), dt.datetime.now(dt.UTC))


#: Tokens erased in this process: a save still pending for one of them must not revive it.
_ERASED: set[str] = set()


def erase_plan() -> None:
    """Delete the current plan for good (the right to erasure) and forget it here."""
    token = current_token()
    if token:
        _ERASED.add(token)
        store().delete(token)
    close_plan()


def close_plan() -> None:
    """Forget the current plan in this session."""
    st.session_state[PLAN_KEY] = None
    st.session_state[TOKEN_KEY] = None
    st.session_state[GEN_KEY] = st.session_state.get(GEN_KEY, 0) + 1


def _set_current(token: str, plan: Plan, saved_json: str, saved_at: dt.datetime) -> None:
    st.session_state[TOKEN_KEY] = token
    st.session_state[PLAN_KEY] = plan
    st.session_state[SAVED_JSON_KEY] = saved_json
    st.session_state[SAVED_AT_KEY] = saved_at
    st.session_state.pop(SAVE_ERROR_KEY, None)
    # Widgets bound to the plan are keyed by generation, so a new plan never shows stale inputs.
    st.session_state[GEN_KEY] = st.session_state.get(GEN_KEY, 0) + 1


def current_plan() -> Plan | None:
    """The plan being edited in this session, if any."""
    return st.session_state.get(PLAN_KEY)


def current_token() -> str | None:
    """The token of the current plan, if any."""
    return st.session_state.get(TOKEN_KEY)


def require_plan() -> Plan:
    """The current plan; without one, say how to start one and stop the page."""
    plan = current_plan()
    if plan is None:
        st.info(t("app.need_plan"))
        st.page_link("pages/home.py", label=t("app.go_home"), icon=":material/play_arrow:")
        st.stop()
    return plan


class PendingSave:
    """What the router needs to save the plan after a page ran, taken before it runs.

    A page may end with ``st.stop()``; after that no Streamlit call works, so the save
    itself touches only these references and the store.
    """

    def __init__(self) -> None:
        self.plan = current_plan()
        self.token = current_token()
        self.saved_json = st.session_state.get(SAVED_JSON_KEY)
        self.written: str | None = None
        self.failed = False

    def write(self) -> None:
        """Save the plan if the page changed it (no Streamlit call in here)."""
        if self.plan is None or self.token is None or self.token in _ERASED:
            return
        data = self.plan.model_dump_json()
        if data == self.saved_json:
            return
        try:
            get_store().save(self.token, self.plan)
        except Exception:  # noqa: BLE001 — any storage failure must keep the user's work on screen
            self.failed = True
            return
        self.written = data

    def record(self) -> None:
        """Note the save in the session, for the sidebar's save state."""
        if self.failed:
            st.session_state[SAVE_ERROR_KEY] = True
        elif self.written is not None and current_token() == self.token:
            st.session_state[SAVED_JSON_KEY] = self.written
            st.session_state[SAVED_AT_KEY] = dt.datetime.now(dt.UTC)
            st.session_state.pop(SAVE_ERROR_KEY, None)


def widget_key(name: str) -> str:
    """A widget key tied to the current plan and language, so either change redraws inputs."""
    return f"{name}__{st.session_state.get(GEN_KEY, 0)}__{lang()}"


def bound(widget: Callable[..., Any], name: str, value: Any, *args: Any, **kwargs: Any) -> Any:
    """Draw ``widget`` holding ``value`` from the plan and return what the user entered."""
    key = widget_key(name)
    if key not in st.session_state:
        st.session_state[key] = value
    return widget(*args, key=key, **kwargs)


def flash(kind: str, message: str) -> None:
    """Queue a message to show at the top of the next page drawn (after a rerun)."""
    st.session_state.setdefault(FLASH_KEY, []).append((kind, message))


def show_flashes() -> None:
    """Show and clear the queued messages."""
    for kind, message in st.session_state.pop(FLASH_KEY, []):
        getattr(st, kind, st.info)(message)
