"""The plan's assumptions panel: one block, shown on every page that needs it, that edits
``plan.settings.assumptions`` (conversion rate, CTR, basket, margin…) and resets them to the case.

Every page draws the same fields writing the same plan field, so a value typed on the
remuneration page is the one the objectives and budget pages show.
"""

from __future__ import annotations

import streamlit as st

from influkit.campaign import forecast
from influkit.campaign.compensation import simulator as remuneration
from influkit.errors import UserError
from influkit.identify import profiles
from influkit.plan.model import Plan
from influkit.text.formats import fmt_entry
from ui import state
from ui.widgets import number_field

#: The number field's kind for each unit of :data:`influkit.campaign.forecast.ASSUMPTION_UNITS`.
_KINDS = {"percent": "percent", "money": "money", "number": "number"}
#: The first four are the case's figures; the others refine the model.
_MAIN = 4


def _field(plan: Plan, name: str, value: float, case_value: float, where: str) -> None:
    """One assumption: its field, the case's value under it, stored as soon as it is read."""
    kind = _KINDS[forecast.ASSUMPTION_UNITS[name]]
    lang = state.lang()
    entered = number_field(
        state.t(f"forecast.assumption.{name}"),
        value,
        key=state.widget_key(f"{where}_assumption_{name}"),
        kind=kind,
        min_value=0.0,
        max_value=forecast.ASSUMPTION_MAX[name],
        help=state.t(f"forecast.help.{name}"),
    )
    key = "forecast.case_value" if plan.case_id else "forecast.default_value"
    st.caption(state.t(key, value=fmt_entry(case_value, lang, kind)))
    if entered is not None and entered != value:
        try:
            changed = forecast.set_assumption(plan, name, entered)
        except UserError as err:
            st.error(err.message(lang))
        else:
            if changed:
                _follow(plan)
                st.rerun()


def _follow(plan: Plan) -> None:
    """The chosen models' budget lines follow the assumptions (a commission's cost counts the
    expected sales)."""
    table = profiles.influencer_table(plan)
    remuneration.sync_budget_lines(plan, table, state.lang())


def assumptions_panel(plan: Plan, where: str, *, expanded: bool = False) -> None:
    """The assumptions of the plan in an expander, with "back to the case's values".

    ``where`` names the page, for widget keys; every page writes the same plan field.
    """
    in_force = forecast.assumptions_in_force(plan)
    case = forecast.case_values(plan)
    edited = forecast.edited_fields(plan)
    title = state.t("forecast.panel_title")
    if edited:
        title = state.t("forecast.panel_title_edited", title=title, count=len(edited))
    # A key keeps the panel open while its title counts the edits (a new title would
    # otherwise make a new, folded panel under the user's cursor).
    with st.expander(
        title, expanded=expanded, icon=":material/tune:", key=f"{where}_assumptions_panel"
    ):
        st.caption(state.t("forecast.panel_intro"))
        names = forecast.ASSUMPTION_FIELDS
        for start in (0, _MAIN):
            columns = st.columns(4)
            for column, name in zip(columns, names[start : start + _MAIN], strict=False):
                with column:
                    _field(plan, name, float(getattr(in_force, name)), case[name], where)
        if edited and st.button(
            state.t("forecast.reset"),
            icon=":material/restart_alt:",
            key=state.widget_key(f"{where}_assumptions_reset"),
        ):
            forecast.reset_assumptions(plan)
            _follow(plan)
            state.flash("success", state.t("forecast.reset_done"))
            st.rerun()
