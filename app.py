"""influkit — the router: page config, navigation by course day, sidebar, automatic saving."""

import datetime as dt
from zoneinfo import ZoneInfo

import streamlit as st

from influkit.data.limits import LimitExceeded
from ui import classroom, state
from ui.navigation import SECTIONS
from ui.state import t
from ui.text import plain

# Projector mode (?projection=1): the sidebar starts collapsed, type is larger (ui/classroom.py).
_projecting = st.query_params.get(classroom.PRESENTATION_PARAM) == "1"
st.set_page_config(
    page_title="influkit",
    page_icon=":material/campaign:",
    layout="wide",
    initial_sidebar_state="collapsed" if _projecting else "auto",
)

if st.query_params.get("card"):
    # A negotiation's confidential card: that card only — no menu, no plan, no sidebar.
    from ui.relationship import render_card

    st.session_state[state.LANG_KEY] = state.i18n.normalize_language(st.query_params.get("lang"))
    card_page = st.Page(render_card, title=t("relationship.card.page_title"), url_path="carte")
    st.navigation([card_page], position="hidden").run()
    st.stop()

state.init_session()
classroom.init()
if classroom.presentation():
    classroom.presentation_style()


def _on_language_change() -> None:
    st.session_state[state.LANG_KEY] = st.session_state["sidebar_lang"]


st.session_state.setdefault("sidebar_lang", state.lang())
st.sidebar.radio(
    "Langue / Language",
    options=["fr", "en"],
    format_func={"fr": "Français", "en": "English"}.get,
    horizontal=True,
    key="sidebar_lang",
    on_change=_on_language_change,
)

pages = {
    (t(section) if section else ""): [
        st.Page(
            f"pages/{spec.file}.py",
            title=t(spec.title_key),
            icon=spec.icon,
            url_path=spec.url_path or None,
            default=not spec.url_path,
        )
        for spec in specs
    ]
    for section, specs in SECTIONS
}
page = st.navigation(pages, expanded=True)
landing = classroom.landing_page()
if landing and not page.url_path:
    state.go(landing)

with st.sidebar:
    plan = state.current_plan()
    st.caption(t("app.current_plan"))
    if plan is None:
        st.markdown(f"*{t('app.no_plan')}*")
    elif state.read_only():
        st.text(plan.title or plan.brief.brand)
        st.warning(
            t("classroom.read_only_banner", whose=plain(state.read_only())),
            icon=":material/visibility:",
        )
        st.button(t("classroom.read_only_close"), on_click=state.close_plan, key="read_only_close")
    else:
        st.markdown(f"**{plain(plan.title or plan.brief.brand)}**")
        st.caption(t("app.plan_code_value", code=state.current_token()))
    save_status = st.empty()
    st.toggle(
        t("classroom.presentation_toggle"),
        key=classroom.PRESENTATION_KEY,
        help=t("classroom.presentation_help"),
    )
    st.divider()
    st.caption(t("app.fictional"))


def _conflict_banner() -> None:
    """This tab's version could not be saved: the plan changed or was erased elsewhere."""
    erased = state.conflict() == "erased"
    with st.container(border=True):
        st.warning(t("app.erased_elsewhere" if erased else "app.changed_elsewhere"))
        reload_col, copy_col = st.columns(2)
        if not erased:
            reload_col.button(
                t("app.conflict_reload"),
                icon=":material/refresh:",
                on_click=state.reload_saved,
                key="conflict_reload",
            )
        copy_col.button(
            t("app.conflict_keep_copy"),
            icon=":material/content_copy:",
            type="primary",
            on_click=state.keep_copy,
            key="conflict_keep_copy",
        )


@st.fragment(run_every=2)
def _save_retry() -> None:
    """A failed save, said plainly and tried again while the page is open (backing off)."""
    error = state.save_error()
    if error is None:
        return
    # A plan over a limit is not retried: it saves again once the trainee makes it lighter.
    refused = isinstance(error, LimitExceeded)
    if not refused and state.retry_due():
        outcome = state.retry_save()
        if outcome in ("saved", "conflict"):
            st.rerun(scope="app")
    error = state.save_error()
    if error is not None:
        key = "app.save_refused" if refused else "app.save_failed"
        st.error(t(key, reason=error.message(state.lang())))


state.sync_url()
state.show_flashes()
if state.conflict() is not None and state.current_plan() is not None:
    _conflict_banner()
save_problem = st.container()
pending = state.PendingSave()
try:
    page.run()
finally:
    pending.write()  # first, and without Streamlit calls: it must survive a page's st.stop()
    pending.record()
    if state.current_plan() is not None and not state.read_only():
        if state.conflict() is not None:
            save_status.warning(t("app.not_saved_conflict"))
        elif state.save_error() is not None:
            save_status.error(t("app.not_saved"))
            with save_problem:
                _save_retry()
        else:
            saved_at = st.session_state.get(state.SAVED_AT_KEY)
            local = (saved_at or dt.datetime.now(dt.UTC)).astimezone(ZoneInfo("Europe/Paris"))
            save_status.caption(
                ":material/cloud_done: " + t("app.saved_at", time=local.strftime("%H:%M:%S"))
            )
if pending.conflict is not None:
    st.rerun()  # show the choice at the top of the page, before anything else
