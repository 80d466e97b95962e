"""The remuneration page's parameter forms: what every model shares (product, shipping,
add-ons) and each model's own terms, one box per model. Each field starts from the stored
choice or the defaults and returns what is on screen; nothing is stored until a model is chosen.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from influkit.campaign.compensation import models as compensation
from influkit.campaign.compensation import simulator as remuneration
from influkit.campaign.compensation.models import Assumptions, Performance
from influkit.text.formats import fmt_percent
from ui import state
from ui.state import bound, t
from ui.widgets import number_field


def _field(iid: str, code: str, field: str, initial: float) -> float:
    """A number field for one parameter, typed in its unit; returns the value in plan units."""
    kind = remuneration.field_kind(field)
    value = number_field(
        t(f"remuneration.field.{field}", rate=""),
        remuneration.field_start(field, initial),
        key=state.widget_key(f"rem_{iid}_{code}_{field}"),
        kind=kind,
        min_value=0.0,
        max_value=1.0 if kind == "percent" else None,
    )
    return float(value)


def common_form(iid: str, initial: Mapping[str, Any], posts: int) -> dict[str, Any]:
    """Product sent, shipping, usage rights, exclusivity, paid social, whitelisting."""
    lang = state.lang()
    paid_rate = fmt_percent(compensation.PAID_SOCIAL_RATE, lang, 1)
    white_rate = fmt_percent(compensation.WHITELISTING_RATE, lang, 0)
    with st.container(border=True):
        st.subheader(t("remuneration.common_title"))
        c1, c2, c3 = st.columns(3)
        with c1:
            product = _field(iid, "common", "product_value_eur", initial["product_value_eur"])
            shipping = _field(iid, "common", "shipping_eur", initial["shipping_eur"])
        with c2:
            choices = list(remuneration.USAGE_RIGHTS_CHOICES)
            rights = initial.get("usage_rights") or "none"
            usage_rights = bound(
                st.selectbox,
                f"rem_{iid}_usage_rights",
                rights if rights in choices else "none",
                t("remuneration.field.usage_rights"),
                options=choices,
                format_func={
                    code: t("remuneration.usage_rights_none")
                    if code == "none"
                    else t(f"compensation.usage_rights.{code}")
                    for code in choices
                }.get,
            )
            exclusivity = _field(iid, "common", "exclusivity_rate", initial["exclusivity_rate"])
        with c3:
            paid_social = bound(
                st.checkbox,
                f"rem_{iid}_paid_social",
                bool(initial.get("paid_social")),
                t("remuneration.field.paid_social", rate=paid_rate),
                help=t("remuneration.field_help.paid_social"),
            )
            whitelisting = bound(
                st.checkbox,
                f"rem_{iid}_whitelisting",
                bool(initial.get("whitelisting")),
                t("remuneration.field.whitelisting", rate=white_rate),
                help=t("remuneration.field_help.whitelisting"),
            )
        st.caption(t("remuneration.addons_help", paid=paid_rate, white=white_rate))
    return {
        "posts": posts,
        "product_value_eur": product,
        "shipping_eur": shipping,
        "usage_rights": usage_rights,
        "paid_social": bool(paid_social),
        "whitelisting": bool(whitelisting),
        "exclusivity_rate": exclusivity,
    }


def model_forms(
    iid: str,
    row: Mapping[str, Any],
    assumptions: Assumptions,
    posts: int,
    perf: Performance,
    chosen_code: str | None,
    stored_own: Mapping[str, Any],
) -> dict[str, dict[str, float]]:
    """Each model's own terms in a box, three boxes to a row; the chosen one from the plan."""
    lang = state.lang()
    params: dict[str, dict[str, float]] = {}
    codes = list(remuneration.MODEL_CODES)
    for start in range(0, len(codes), 3):
        # One row of three boxes at a time, so the boxes of a row line up.
        for column, code in zip(st.columns(3), codes[start : start + 3], strict=False):
            initial = remuneration.default_params(code, row, assumptions, posts, perf)
            if code == chosen_code:
                initial = {**initial, **stored_own}
            with column.container(border=True, height="stretch"):
                st.markdown(f"**{remuneration.model_label(code, lang)}**")
                st.caption(t(f"remuneration.model_hint.{code}"))
                params[code] = {
                    field: _field(iid, code, field, initial.get(field, 0.0))
                    for field in remuneration.MODEL_FIELDS[code]
                }
    return params
