"""The checklist of the conditions of success, drawn the same on pages 1 and 5.

One list (:data:`influkit.strategy.success.CODES`): each condition shows its state; the ones the plan
cannot tell carry a checkbox whose tick is stored in the plan. Ticks and notes are applied in
widget callbacks, so the headline counted before the cards are drawn is already up to date.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from influkit.plan.model import Plan
from influkit.strategy import success
from influkit.text.formats import fmt_date
from ui import navigation, state
from ui.state import bound, t
from ui.text import defuse

#: Each state's badge colour and icon (material icons: emoji do not render everywhere).
STATE_BADGES = {
    "ok": ("green", ":material/check_circle:"),
    "todo": ("blue", ":material/radio_button_unchecked:"),
    "warning": ("orange", ":material/warning:"),
    "error": ("red", ":material/block:"),
}


def badge(code: str) -> str:
    """A condition's state as a coloured badge."""
    colour, icon = STATE_BADGES[code]
    return f":{colour}-badge[{icon} {t(f'success.state.{code}')}]"


def _tick(plan: Plan, code: str, key: str) -> None:
    success.set_manual(plan, code, bool(st.session_state[key]))


def _note(plan: Plan, code: str, key: str) -> None:
    success.set_note(plan, code, str(st.session_state[key] or ""))


def headline(met: int, total: int) -> str:
    """The count of conditions met, as both pages write it."""
    if met == total:
        return t("success.headline_all", total=total)
    return t("success.headline", ok=met, total=total)


def show(
    plan: Plan, *, here: str, today: dt.date, table: pd.DataFrame | None = None
) -> tuple[int, int]:
    """Draw the headline and one card per condition on page ``here``; return (met, total)."""
    lang = state.lang()
    conditions = success.conditions(plan, today=today, table=table, lang=lang)
    met, total = success.score(conditions)
    st.subheader(headline(met, total))
    st.progress(met / total if total else 0.0)
    st.caption(t("success.today", today=fmt_date(today, lang)))
    menu = {spec.file: spec for spec in navigation.all_pages()}
    # Two cards a row: the whole list fits a projected screen or two.
    grid = st.columns(2)
    for number, condition in enumerate(conditions, start=1):
        with grid[(number - 1) % 2].container(border=True):
            _card(plan, number, condition, menu, here)
    return met, total


def _card(
    plan: Plan,
    number: int,
    condition: success.Condition,
    menu: dict[str, navigation.PageSpec],
    here: str,
) -> None:
    lang = state.lang()
    code = condition.code
    origin = t("success.manual_badge" if condition.manual else "success.computed_badge")
    st.markdown(
        f"{badge(condition.state)} &nbsp; **{number}. {condition.title(lang)}** "
        f"&nbsp; :gray[{origin}]",
        help=success.condition_why(code, lang),
    )
    if condition.manual:
        key = state.widget_key(f"checklist_tick_{code}")
        bound(
            st.checkbox,
            f"checklist_tick_{code}",
            condition.ok,
            defuse(condition.message, plan),
            on_change=_tick,
            args=(plan, code, key),
        )
    else:
        st.markdown(defuse(condition.message, plan))
    st.markdown(f"**{t('success.next')}** {defuse(condition.next_step, plan)}")
    spec = menu.get(condition.page or "")
    if spec is not None and spec.file != here:
        st.page_link(
            f"pages/{spec.file}.py", label=t("success.go", page=t(spec.title_key)), icon=spec.icon
        )
    details = condition.details
    if len(details) > 0:
        with st.expander(t("success.details")):
            if isinstance(details, pd.DataFrame):
                st.dataframe(details, hide_index=True, width="stretch")
            else:
                st.markdown("\n".join(f"- {defuse(line, plan)}" for line in details))
    key = state.widget_key(f"checklist_note_{code}")
    bound(
        st.text_input,
        f"checklist_note_{code}",
        success.note_of(plan, code),
        t("success.note_label", condition=condition.title(lang)),
        placeholder=t("success.note_placeholder"),
        label_visibility="collapsed",
        on_change=_note,
        args=(plan, code, key),
    )
