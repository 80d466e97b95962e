"""Session state of the app: the language, the current plan and its automatic saving.

The plan lives in ``st.session_state["plan"]``; its token and the language travel in the URL
(``?plan=…&lang=…``) so a reload or a bookmark finds them again. The router saves
after every page run (:class:`PendingSave`): whatever a page changed in the plan is written then,
over the revision this session read. When another tab saved or erased the plan meanwhile, the
save is refused and the session keeps its version until the user chooses: reload the saved
version, or keep theirs as a copy. When the database fails (locked, read-only, full), the plan
stays in the session and the save is retried while the page is open.

Widgets that show the plan, and the one way to refresh them: a widget showing a value of the
plan is keyed by :func:`widget_key` (or drawn with :func:`bound`) and starts from the plan's
value. Streamlit keeps a widget's value under its key and ignores a new starting value once the
widget exists, and a data editor re-applies its edits to whatever table it is given; so when the
plan changes under a widget — a button, a form or another widget writes what it shows — call
:func:`refresh` with the widget's name (no name: every widget, when another plan or brief
replaces the current one). Its key then changes, and the next run draws it anew from the plan.
Widgets of other pages need nothing: Streamlit forgets a widget that a run does not draw.
Opening a plan also keeps the budget lines of its chosen remuneration models in step with it
(:func:`_set_current`): pages only draw, and a plan saved by an older version stays consistent.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import time
from collections.abc import Callable
from typing import Any

import streamlit as st

from influkit.errors import UserError
from influkit.plan.model import Plan, new_token, plan_from_json
from influkit.plan.storage import PlanConflict, PlanGone, PlanStore, StorageFault, get_store
from influkit.text import i18n
from ui.text import plain

PLAN_KEY = "plan"
TOKEN_KEY = "plan_token"
GEN_KEY = "plan_generation"
#: How many times each widget name was refreshed (see :func:`refresh`).
REFRESH_KEY = "widget_refreshes"
SAVED_JSON_KEY = "plan_saved_json"
SAVED_AT_KEY = "plan_saved_at"
SAVE_ERROR_KEY = "plan_save_error"
REVISION_KEY = "plan_revision"
CONFLICT_KEY = "plan_conflict"
RETRY_KEY = "plan_save_retry"
OPEN_RETRY_KEY = "plan_open_retry"
LANG_KEY = "lang"
FLASH_KEY = "flash_messages"
LOAD_ERROR_KEY = "plan_load_error"
#: Set (to whose plan it is) when the current plan is only looked at: nothing is saved.
READ_ONLY_KEY = "plan_read_only"
#: A failed save is tried again after these many seconds, then the next, the last one repeating.
RETRY_DELAYS: tuple[float, ...] = (2, 4, 8, 15, 30)

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
    elif st.session_state.get(OPEN_RETRY_KEY) and current_plan() is None:
        # The database failed when the link was opened: try again on each run.
        open_plan(st.session_state[OPEN_RETRY_KEY])
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
    token = st.session_state.get(TOKEN_KEY) or st.session_state.get(OPEN_RETRY_KEY)
    if token:
        params["plan"] = token
    from ui import classroom  # the trainer's and trainee's links ride along

    params.update(classroom.url_params())
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
    st.session_state.pop(OPEN_RETRY_KEY, None)
    clean = extract_token(token)
    shown = token[:80]
    try:
        saved = store().load(clean) if clean else None
        erased = saved is None and clean is not None and store().erased(clean)
    except StorageFault as err:
        st.session_state[LOAD_ERROR_KEY] = t(
            "app.plan_unavailable", code=plain(shown), reason=err.message(lang())
        )
        if clean:
            st.session_state[OPEN_RETRY_KEY] = clean
        return False
    except UserError as err:
        st.session_state[LOAD_ERROR_KEY] = t(
            "app.plan_unreadable", code=plain(shown), reason=err.message(lang())
        )
        return False
    if saved is None:
        key = "app.plan_erased" if erased else "app.plan_not_found"
        st.session_state[LOAD_ERROR_KEY] = t(key, code=plain(shown))
        return False
    _set_current(saved.token, saved.plan, saved.revision, saved.updated_at)
    return True


def start_plan(plan: Plan) -> str:
    """Store a new plan under a new token, make it current and return the token.

    When the database fails, the plan is current all the same and its first save is retried.
    """
    token = new_token()
    _set_current(token, plan, None, None)
    try:
        store().create(plan, token=token)
    except UserError as err:
        _save_failed(err)
    else:
        _saved(1, plan.model_dump_json())
    return token


def replace_plan(plan: Plan) -> str:
    """Put ``plan`` in place of the current plan's content (a confirmed import) and save it now,
    over the revision this tab read: ``saved``, ``conflict``, ``failed`` or ``nothing``."""
    if current_token() is None:
        start_plan(plan)
        return "saved"
    _follow_choices(plan)
    st.session_state[PLAN_KEY] = plan
    return retry_save()


def reload_saved() -> None:
    """Drop this tab's version and open the saved one (after a conflict)."""
    token = current_token()
    if token and open_plan(token):
        flash("info", t("app.conflict_reloaded"))
    else:
        flash("error", st.session_state.pop(LOAD_ERROR_KEY, t("app.plan_not_found", code="")))


def keep_copy() -> None:
    """Store this tab's version as a new plan with its own link (after a conflict or an erase)."""
    plan = current_plan()
    if plan is None:
        return
    previous = current_token()
    erased = st.session_state.get(CONFLICT_KEY) == "erased"
    copy = plan.duplicate(t("plan.copy_suffix"))
    token = start_plan(copy)
    if previous and not erased:
        flash("success", t("app.conflict_copied", code=plain(token), previous=plain(previous)))
    else:
        flash("success", t("app.erased_copied", code=plain(token)))


def erase_plan() -> bool:
    """Delete the current plan for good (the right to erasure) and forget it here.

    False (and the plan kept) when the database cannot erase it now.
    """
    token = current_token()
    if token and st.session_state.get(REVISION_KEY) is not None:
        try:
            store().delete(token)
        except StorageFault as err:
            flash("error", t("app.erase_failed", reason=err.message(lang())))
            return False
    close_plan()
    return True


def close_plan() -> None:
    """Forget the current plan in this session."""
    st.session_state[PLAN_KEY] = None
    st.session_state[TOKEN_KEY] = None
    st.session_state.pop(READ_ONLY_KEY, None)
    for key in (REVISION_KEY, CONFLICT_KEY, SAVE_ERROR_KEY, RETRY_KEY, OPEN_RETRY_KEY):
        st.session_state.pop(key, None)
    refresh()


def _set_current(
    token: str, plan: Plan, revision: int | None, saved_at: dt.datetime | None
) -> None:
    st.session_state[TOKEN_KEY] = token
    _follow_choices(plan)
    st.session_state[PLAN_KEY] = plan
    st.session_state.pop(READ_ONLY_KEY, None)
    st.session_state[REVISION_KEY] = revision
    st.session_state[SAVED_JSON_KEY] = plan.model_dump_json() if revision is not None else None
    st.session_state[SAVED_AT_KEY] = saved_at
    for key in (SAVE_ERROR_KEY, CONFLICT_KEY, RETRY_KEY, OPEN_RETRY_KEY):
        st.session_state.pop(key, None)
    refresh()  # a new plan never shows the previous one's inputs


def _follow_choices(plan: Plan) -> None:
    """Bring the plan's derived parts in step with its choices as it opens: the budget lines of
    the chosen models, the KPI targets of the SMART objectives.

    They are kept in step where choices are made; a plan saved before that (or whose data
    moved since, or edited outside the app) is brought in step once here, and saved with the
    next save. Drawing a page never writes the plan."""
    from influkit.strategy import objectives

    objectives.sync_kpi_targets(plan)
    if not plan.remunerations:
        return
    from influkit.campaign.compensation import simulator
    from influkit.identify import profiles

    # A line that cannot be computed now stays as it was saved.
    with contextlib.suppress(UserError):
        simulator.sync_budget_lines(plan, profiles.influencer_table(plan), lang())


def _saved(revision: int, saved_json: str) -> None:
    st.session_state[REVISION_KEY] = revision
    st.session_state[SAVED_JSON_KEY] = saved_json
    st.session_state[SAVED_AT_KEY] = dt.datetime.now(dt.UTC)
    for key in (SAVE_ERROR_KEY, RETRY_KEY):
        st.session_state.pop(key, None)


def _save_failed(err: UserError) -> None:
    """Keep the reason and plan the next automatic attempt, each later than the last."""
    st.session_state[SAVE_ERROR_KEY] = err
    attempts = st.session_state.get(RETRY_KEY, (0, 0.0))[0] + 1
    delay = RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]
    st.session_state[RETRY_KEY] = (attempts, time.monotonic() + delay)


def current_plan() -> Plan | None:
    """The plan being edited in this session, if any."""
    return st.session_state.get(PLAN_KEY)


def view_read_only(plan: Plan, whose: str) -> None:
    """Show ``plan`` on every page without saving anything (a trainee's plan seen by the
    trainer, a worked example): the router's save skips it, and it has no token."""
    close_plan()
    _follow_choices(plan)
    st.session_state[PLAN_KEY] = plan
    st.session_state[READ_ONLY_KEY] = whose or "—"
    st.session_state[SAVED_JSON_KEY] = None


def read_only() -> str | None:
    """Whose plan is shown read-only, or None when the current plan is the user's own."""
    return st.session_state.get(READ_ONLY_KEY)


def current_token() -> str | None:
    """The token of the current plan, if any."""
    return st.session_state.get(TOKEN_KEY)


def require_plan() -> Plan:
    """The current plan; without one, say how to start one, offer to reopen one, stop the page."""
    plan = current_plan()
    if plan is None:
        st.info(t("app.need_plan"))
        st.page_link("pages/home.py", label=t("app.go_home"), icon=":material/play_arrow:")
        reopen_block("need_plan", then=None)
        st.stop()
    return plan


def reopen_block(key: str, then: str | None = "my_plan") -> None:
    """Reopen a plan in one step: one field for its link or its code, and its JSON file, side
    by side. Once opened, go to ``pages/<then>.py`` (None: show this page again, now with it)."""
    with st.container(border=True, key=f"{key}_reopen"):
        st.subheader(t("home.continue_title"))
        load_error = st.session_state.pop(LOAD_ERROR_KEY, None)
        if load_error:
            st.error(load_error)
        by_code, by_file = st.columns(2, gap="large")
        with by_code, st.form(f"{key}_reopen_code", border=False):
            code = st.text_input(
                t("home.continue_input"), help=t("home.continue_help"), key=f"{key}_reopen_input"
            )
            submitted = st.form_submit_button(t("home.continue_button"), type="primary")
        upload = by_file.file_uploader(
            t("myplan.upload_json"),
            type=["json"],
            help=t("home.continue_file_help"),
            key=widget_key(f"{key}_reopen_file"),
        )
    opened: Plan | None = None
    if submitted:
        if not code.strip():
            st.warning(t("home.continue_empty"))
        elif open_plan(code):
            opened = current_plan()
            flash("success", t("home.opened", title=plain(opened.title or opened.brief.brand)))
        else:
            st.error(st.session_state.pop(LOAD_ERROR_KEY))
    elif upload is not None:
        try:
            opened = plan_from_json(upload.getvalue())
        except UserError as err:
            st.error(t("home.continue_file_rejected", reason=err.message(lang())))
        else:
            start_plan(opened)
            flash("success", t("home.opened_file", title=plain(opened.title or opened.brief.brand)))
    if opened is not None:
        if then:
            go(then)
        st.rerun()


def save_error() -> UserError | None:
    """Why the last save failed (a database fault, a plan over a limit), if it did."""
    return st.session_state.get(SAVE_ERROR_KEY)


def conflict() -> str | None:
    """``changed`` when another tab saved the plan first, ``erased`` when it was erased."""
    return st.session_state.get(CONFLICT_KEY)


def retry_due() -> bool:
    """Whether a failed save should be tried again now."""
    attempts_due = st.session_state.get(RETRY_KEY)
    return attempts_due is not None and time.monotonic() >= attempts_due[1]


class PendingSave:
    """What the router needs to save the plan after a page ran, taken before it runs.

    A page may end with ``st.stop()``; after that no Streamlit call works, so the save
    itself touches only these references and the store.
    """

    def __init__(self) -> None:
        self.plan = current_plan()
        self.token = current_token()
        self.saved_json = st.session_state.get(SAVED_JSON_KEY)
        self.revision = st.session_state.get(REVISION_KEY)
        self.blocked = (
            st.session_state.get(CONFLICT_KEY) is not None
            or st.session_state.get(READ_ONLY_KEY) is not None
        )
        self.written: str | None = None
        self.new_revision: int | None = None
        self.error: UserError | None = None
        self.conflict: str | None = None

    def write(self) -> None:
        """Save the plan if the page changed it (no Streamlit call in here)."""
        if self.plan is None or self.token is None or self.blocked:
            return
        data = self.plan.model_dump_json()
        if data == self.saved_json:
            return
        try:
            if self.revision is None:  # its creation failed earlier: create it now
                get_store().create(self.plan, token=self.token)
                self.new_revision = 1
            else:
                self.new_revision = get_store().save(
                    self.token, self.plan, expected_revision=self.revision
                )
        except PlanConflict:
            self.conflict = "changed"
            return
        except PlanGone as gone:
            self.conflict = "erased" if gone.erased or self.revision is not None else "changed"
            return
        except UserError as err:  # a database fault or a plan over a limit: keep it on screen
            self.error = err
            return
        except Exception:  # noqa: BLE001 — any storage failure must keep the user's work on screen
            self.error = StorageFault("unavailable")
            return
        self.written = data

    def record(self) -> None:
        """Note the save in the session, for the sidebar's save state."""
        if current_token() != self.token:
            return
        if self.conflict is not None:
            st.session_state[CONFLICT_KEY] = self.conflict
        elif self.error is not None:
            _save_failed(self.error)
        elif self.written is not None:
            _saved(self.new_revision, self.written)


def retry_save() -> str:
    """Try the pending save again now: ``saved``, ``conflict``, ``failed`` or ``nothing``."""
    pending = PendingSave()
    if pending.blocked:
        return "conflict"
    pending.write()
    pending.record()
    if pending.conflict is not None:
        return "conflict"
    if pending.error is not None:
        return "failed"
    return "saved" if pending.written is not None else "nothing"


def widget_key(name: str) -> str:
    """The key of the widget ``name``: it changes with the plan, the language and each
    :func:`refresh` of that name, so the widget is then drawn anew from the plan."""
    count = st.session_state.get(REFRESH_KEY, {}).get(name, 0)
    refreshed = f".{count}" if count else ""
    return f"{name}__{st.session_state.get(GEN_KEY, 0)}{refreshed}__{lang()}"


def refresh(*names: str) -> None:
    """Draw these widgets anew from the plan on the next run (no name: every widget keyed by
    :func:`widget_key`). Call it after changing the plan under a widget that shows it."""
    if not names:
        st.session_state[GEN_KEY] = st.session_state.get(GEN_KEY, 0) + 1
        return
    counts = dict(st.session_state.get(REFRESH_KEY, {}))
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    st.session_state[REFRESH_KEY] = counts


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
