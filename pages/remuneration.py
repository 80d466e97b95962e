"""6. Remuneration and motivation: the ways to pay one influencer compared from both sides, the
model chosen (it becomes a budget line), the written-contract flag and the motivation levers."""

import math

import pandas as pd
import streamlit as st

from influkit.campaign import forecast
from influkit.campaign.budget import plan as budget_plan
from influkit.campaign.compensation import models as compensation
from influkit.campaign.compensation import simulator as remuneration
from influkit.errors import UserError
from influkit.identify import profiles
from influkit.kpis import fmt_kpi
from influkit.text.formats import fmt_money, fmt_number, fmt_percent
from influkit.text.i18n import label as i18n_label
from ui import state
from ui.assumptions import assumptions_panel
from ui.forecast_view import forecast_summary
from ui.navigation import page_link
from ui.state import bound, t
from ui.widgets import number_field

lang = state.lang()
plan = state.require_plan()


st.title(t("remuneration.title"))
st.write(t("remuneration.intro"))

table = profiles.influencer_table(plan)
rows = remuneration.rows_by_id(table)
options = [iid for iid in plan.shortlisted_ids() if iid in rows]
if not options:
    st.info(t("remuneration.no_shortlist"))
    page_link("shortlist", t("remuneration.go_shortlist"), ":material/checklist:", st)
    pool = budget_plan.candidate_pool(plan, table).sort_values("followers", ascending=False)
    options = pool["influencer_id"].tolist()
if not options:
    st.stop()


def _option(iid: str) -> str:
    row = rows[iid]
    return t(
        "remuneration.influencer_option",
        name=remuneration.display_name(row, iid),
        handle=row.get("handle") or iid,
        platform=i18n_label("data.platform", row.get("platform"), lang),
        tier=i18n_label("metrics.tier", row.get("tier"), lang),
    )


option_labels = {iid: _option(iid) for iid in options}
iid = st.selectbox(
    t("remuneration.choose_influencer"),
    options,
    format_func=option_labels.get,
    key=state.widget_key("rem_influencer"),
)
row = rows[iid]
name = remuneration.display_name(row, iid)
if plan.shortlist_entry(iid) is None:
    st.caption(t("remuneration.not_on_shortlist", name=name))

price = remuneration.declared_price(row)
cards = st.columns(5)
cards[0].metric(t("remuneration.metric.followers"), fmt_number(row.get("followers"), lang))
cards[1].metric(t("remuneration.metric.er"), fmt_percent(row.get("er"), lang, 2))
cards[2].metric(t("remuneration.metric.avg_reach"), fmt_number(row.get("avg_reach"), lang))
cards[3].metric(t("remuneration.metric.price"), fmt_money(row.get("price_per_post_eur"), lang, 0))
cards[4].metric(t("remuneration.metric.est_cpm"), fmt_money(row.get("est_cpm_eur"), lang))
if price <= 0:
    st.warning(t("remuneration.price_unknown"))

rem = remuneration.chosen(plan, iid)
stored_common, stored_own = remuneration.stored_params(rem) if rem else ({}, {})
chosen_code = remuneration.model_code(rem) if rem else None

# --- expected performance -------------------------------------------------------------------
st.header(t("remuneration.performance_title"))
st.caption(t("remuneration.performance_help"))
assumptions_panel(plan, "rem")
posts = int(
    number_field(
        t("remuneration.posts"),
        remuneration.planned_posts(plan, iid),
        key=state.widget_key(f"rem_{iid}_posts"),
        kind="count",
        min_value=0,
        max_value=100,
        help=t("remuneration.posts_help"),
    )
    or 0
)

assumptions = remuneration.plan_assumptions(plan)
# The forecast's figures for this influencer, for the posts typed above.
perf = remuneration.plan_performance(plan, iid, table, posts=posts)
# Two rows of three: a mega account's reach (4 052 055) would be cut short in six columns.
expected = [*st.columns(3), *st.columns(3)]
expected[0].metric(t("remuneration.expected.reach"), fmt_kpi("reach", perf.reach, lang))
expected[1].metric(
    t("remuneration.expected.impressions"), fmt_kpi("impressions", perf.impressions, lang)
)
expected[2].metric(
    t("remuneration.expected.engagements"), fmt_kpi("engagements", perf.engagements, lang)
)
expected[3].metric(t("remuneration.expected.clicks"), fmt_kpi("clicks", perf.clicks, lang))
expected[4].metric(
    t("remuneration.expected.conversions"), fmt_kpi("conversions", perf.conversions, lang)
)
expected[5].metric(
    t("remuneration.expected.revenue_eur"), fmt_kpi("revenue", perf.revenue_eur, lang)
)
st.caption(
    t("remuneration.expected_help", quality=fmt_percent(forecast.audience_quality(row), lang, 0))
)
if iid in forecast.flagged_ids(table, plan.settings.er_basis):
    factor = forecast.assumptions_in_force(plan).flagged_conversion_factor
    st.warning(t("remuneration.flagged_note", factor=fmt_percent(factor, lang, 0)))

# --- parameters -----------------------------------------------------------------------------
st.header(t("remuneration.params_title"))
st.caption(t("remuneration.params_help"))

PERCENT_FIELDS = {"commission_rate", "exclusivity_rate"}
INTEGER_FIELDS = {"months", "bonus_threshold_conversions"}
# Fees are typed in whole euros; prices per unit and product values keep their cents.
WHOLE_EURO_FIELDS = {"fee_eur", "retainer_eur_per_month", "bonus_eur"}


def _field(code: str, field: str, initial: float) -> float:
    """A number field for one parameter (rates as fractions); returns the value in plan units."""
    if field in INTEGER_FIELDS:
        kind, start = "count", round(float(initial))
    elif field in PERCENT_FIELDS:
        kind, start = "percent", round(float(initial), 4)
    elif field in WHOLE_EURO_FIELDS:
        kind, start = "money", float(round(float(initial)))
    else:
        kind, start = "money", round(float(initial), 2)
    value = number_field(
        t(f"remuneration.field.{field}", rate=""),
        start,
        key=state.widget_key(f"rem_{iid}_{code}_{field}"),
        kind=kind,
        min_value=0.0,
        max_value=1.0 if kind == "percent" else None,
    )
    return float(value)


defaults_common = remuneration.default_common(row, assumptions, posts)
initial_common = {**defaults_common, **stored_common}
with st.container(border=True):
    st.subheader(t("remuneration.common_title"))
    c1, c2, c3 = st.columns(3)
    with c1:
        product_value = _field("common", "product_value_eur", initial_common["product_value_eur"])
        shipping = _field("common", "shipping_eur", initial_common["shipping_eur"])
    with c2:
        rights_choices = list(remuneration.USAGE_RIGHTS_CHOICES)
        initial_rights = initial_common.get("usage_rights") or "none"
        usage_rights = bound(
            st.selectbox,
            f"rem_{iid}_usage_rights",
            initial_rights if initial_rights in rights_choices else "none",
            t("remuneration.field.usage_rights"),
            options=rights_choices,
            format_func={
                code: t("remuneration.usage_rights_none")
                if code == "none"
                else t(f"compensation.usage_rights.{code}")
                for code in rights_choices
            }.get,
        )
        exclusivity = _field("common", "exclusivity_rate", initial_common["exclusivity_rate"])
    with c3:
        paid_social = bound(
            st.checkbox,
            f"rem_{iid}_paid_social",
            bool(initial_common.get("paid_social")),
            t(
                "remuneration.field.paid_social",
                rate=fmt_percent(compensation.PAID_SOCIAL_RATE, lang, 1),
            ),
            help=t("remuneration.field_help.paid_social"),
        )
        whitelisting = bound(
            st.checkbox,
            f"rem_{iid}_whitelisting",
            bool(initial_common.get("whitelisting")),
            t(
                "remuneration.field.whitelisting",
                rate=fmt_percent(compensation.WHITELISTING_RATE, lang, 0),
            ),
            help=t("remuneration.field_help.whitelisting"),
        )
    st.caption(
        t(
            "remuneration.addons_help",
            paid=fmt_percent(compensation.PAID_SOCIAL_RATE, lang, 1),
            white=fmt_percent(compensation.WHITELISTING_RATE, lang, 0),
        )
    )

common = {
    "posts": posts,
    "product_value_eur": product_value,
    "shipping_eur": shipping,
    "usage_rights": usage_rights,
    "paid_social": bool(paid_social),
    "whitelisting": bool(whitelisting),
    "exclusivity_rate": exclusivity,
}

params: dict[str, dict[str, float]] = {}
model_codes = list(remuneration.MODEL_CODES)
for start in range(0, len(model_codes), 3):
    # One row of three boxes at a time, so the boxes of a row line up.
    for column, code in zip(st.columns(3), model_codes[start : start + 3], strict=False):
        initial = remuneration.default_params(code, row, assumptions, posts, perf)
        if code == chosen_code:
            initial = {**initial, **stored_own}
        with column.container(border=True, height="stretch"):
            st.markdown(f"**{remuneration.model_label(code, lang)}**")
            st.caption(t(f"remuneration.model_hint.{code}"))
            params[code] = {
                field: _field(code, field, initial.get(field, 0.0))
                for field in remuneration.MODEL_FIELDS[code]
            }

try:
    simulation = remuneration.compare_models(row, common, params, assumptions, lang, perf=perf)
except UserError as err:
    st.error(err.message(lang))
    # Safe to stop: nothing in this run has changed the plan yet (st.stop skips the autosave).
    st.stop()

# --- side by side ---------------------------------------------------------------------------
st.header(t("remuneration.comparison_title"))
st.caption(t("remuneration.comparison_help"))
st.plotly_chart(remuneration.comparison_figure(simulation, lang), width="stretch")


def _sales(value: float) -> str:
    return fmt_number(value, lang) if math.isfinite(value) else t("remuneration.never")


shown = pd.DataFrame(
    {
        t("remuneration.col.model"): simulation["model"],
        t("remuneration.col.brand_cost_eur"): [
            fmt_money(v, lang) for v in simulation["brand_cost_eur"]
        ],
        t("remuneration.col.influencer_earnings_eur"): [
            fmt_money(v, lang) for v in simulation["influencer_earnings_eur"]
        ],
        t("remuneration.col.brand_net_eur"): [
            fmt_money(v, lang) for v in simulation["brand_net_eur"]
        ],
        t("remuneration.col.break_even_sales"): [_sales(v) for v in simulation["break_even_sales"]],
        t("remuneration.col.risk_carrier"): [
            t(f"compensation.risk.{v}") for v in simulation["risk_carrier"]
        ],
        t("remuneration.col.contract_required"): [
            t("remuneration.yes") if v else t("remuneration.no")
            for v in simulation["contract_required"]
        ],
        t("remuneration.col.brand_roas"): [
            fmt_kpi("roas", v, lang) for v in simulation["brand_roas"]
        ],
        t("remuneration.col.influencer_break_even_sales"): [
            fmt_number(v, lang) if math.isfinite(v) else "—"
            for v in simulation["influencer_break_even_sales"]
        ],
    }
)
st.dataframe(shown, hide_index=True, width="stretch", key="rem_comparison")
st.caption(t("remuneration.comparison_in_kind", product=fmt_money(product_value + shipping, lang)))

# --- sensitivity ----------------------------------------------------------------------------
st.header(t("remuneration.sensitivity_title"))
st.caption(t("remuneration.sensitivity_help"))
codes = list(remuneration.MODEL_CODES)
studied = st.selectbox(
    t("remuneration.sensitivity_model"),
    codes,
    index=codes.index(chosen_code or "hybrid"),
    format_func={c: remuneration.model_label(c, lang) for c in codes}.get,
    key=state.widget_key(f"rem_{iid}_sensitivity"),
)
studied_row = simulation.loc[simulation["code"] == studied].iloc[0]
studied_model = remuneration.build_model(studied, {**common, **params[studied]}, lang)
curve = remuneration.sales_sensitivity(studied_model, perf, assumptions)
st.plotly_chart(
    remuneration.sensitivity_figure(
        curve, studied_row["break_even_sales"], perf.conversions, studied_model.label(lang), lang
    ),
    width="stretch",
)
if math.isfinite(studied_row["break_even_sales"]):
    st.write(
        t(
            "remuneration.break_even_text",
            model=studied_model.label(lang),
            sales=fmt_number(studied_row["break_even_sales"], lang),
            expected=fmt_kpi("conversions", perf.conversions, lang),
        )
    )
else:
    st.write(t("remuneration.break_even_never", model=studied_model.label(lang)))
risk = studied_row["risk_carrier"]
st.write(
    t(
        "remuneration.risk_text",
        risk=t(f"compensation.risk.{risk}"),
        hint=t(f"compensation.risk_hint.{risk}"),
    )
)

# --- the choice -----------------------------------------------------------------------------
st.header(t("remuneration.choose_title"))
pick = st.selectbox(
    t("remuneration.choose_label"),
    codes,
    index=codes.index(chosen_code or studied),
    format_func={c: remuneration.model_label(c, lang) for c in codes}.get,
    key=state.widget_key(f"rem_{iid}_pick"),
)
pick_row = simulation.loc[simulation["code"] == pick].iloc[0]
col_choose, col_remove = st.columns([1, 1])
if col_choose.button(
    t("remuneration.choose_button"), type="primary", icon=":material/check:", key="rem_choose"
):
    try:
        remuneration.choose_model(plan, iid, pick, common, params[pick], lang)
    except UserError as err:
        st.error(err.message(lang))
    else:
        if plan.add_to_shortlist(iid):
            state.flash("info", t("remuneration.added_to_shortlist", name=name))
        remuneration.sync_budget_lines(plan, table, lang)
        state.flash(
            "success",
            t(
                "remuneration.chosen_flash",
                model=remuneration.model_label(pick, lang),
                name=name,
                cost=fmt_money(pick_row["brand_cost_eur"], lang),
            ),
        )
        st.rerun()
if rem is not None and col_remove.button(
    t("remuneration.remove_button"), icon=":material/delete:", key="rem_remove"
):
    remuneration.remove_choice(plan, iid)
    remuneration.sync_budget_lines(plan, table, lang)
    state.flash("info", t("remuneration.removed_flash", name=name))
    st.rerun()

if rem is not None:
    saved = simulation.loc[simulation["code"] == chosen_code].iloc[0]
    st.success(
        t(
            "remuneration.current_choice",
            name=name,
            model=remuneration.model_label(chosen_code, lang),
            cost=fmt_money(saved["brand_cost_eur"], lang),
            earnings=fmt_money(saved["influencer_earnings_eur"], lang),
        )
    )
    try:
        on_screen = remuneration.params_to_store(chosen_code, common, params[chosen_code], lang)
    except UserError:
        on_screen = {}
    if on_screen != rem.params:
        st.warning(t("remuneration.choice_differs"))
else:
    st.caption(t("remuneration.no_choice"))

st.subheader(t("remuneration.contract_title"))
contract_row = simulation.loc[simulation["code"] == (chosen_code or pick)].iloc[0]
amount = fmt_money(contract_row["contract_value_eur"], lang)
st.write(t("remuneration.contract_for", model=contract_row["model"]))
if contract_row["contract_required"]:
    st.warning(t("compliance.contract.required", amount=amount), icon=":material/gavel:")
else:
    st.info(t("compliance.contract.not_required", amount=amount), icon=":material/gavel:")
st.caption(t("remuneration.contract_help"))

# --- motivation levers ----------------------------------------------------------------------
st.header(t("remuneration.levers_title"))
st.caption(t("remuneration.levers_help") if rem else t("remuneration.levers_need_choice"))
ticked = []
lever_columns = st.columns(2)
for index, lever in enumerate(compensation.MOTIVATION_LEVERS):
    with lever_columns[index % 2]:
        on = bound(
            st.checkbox,
            f"rem_{iid}_lever_{lever}",
            bool(rem and lever in rem.levers),
            t(f"compensation.lever.{lever}"),
            help=t(f"compensation.lever_hint.{lever}"),
            disabled=rem is None,
        )
    if on:
        ticked.append(lever)
if rem is not None:
    remuneration.set_levers(plan, iid, ticked)
    note = bound(
        st.text_area,
        f"rem_{iid}_note",
        rem.note,
        t("remuneration.note"),
        placeholder=t("remuneration.note_placeholder"),
        height=90,
    )
    if note != rem.note:
        rem.note = note

# --- every chosen model ---------------------------------------------------------------------
remuneration.sync_budget_lines(plan, table, lang)
st.header(t("remuneration.overview_title"))
forecast_summary(plan, table)
overview = remuneration.chosen_summary(plan, table, lang)
if overview.empty:
    st.caption(t("remuneration.overview_empty"))
else:
    st.dataframe(
        pd.DataFrame(
            {
                t("remuneration.overview_col.name"): overview["name"],
                t("remuneration.overview_col.model"): overview["model"],
                t("remuneration.overview_col.posts"): [
                    fmt_number(v, lang) for v in overview["posts"]
                ],
                t("remuneration.overview_col.brand_cost_eur"): [
                    fmt_money(v, lang) for v in overview["brand_cost_eur"]
                ],
                t("remuneration.overview_col.influencer_earnings_eur"): [
                    fmt_money(v, lang) for v in overview["influencer_earnings_eur"]
                ],
                t("remuneration.overview_col.contract"): [
                    t("remuneration.yes") if v else t("remuneration.no")
                    for v in overview["contract_required"]
                ],
                t("remuneration.overview_col.risk"): [
                    t(f"compensation.risk.{v}") for v in overview["risk_carrier"]
                ],
                t("remuneration.overview_col.levers"): [
                    fmt_number(v, lang) for v in overview["levers"]
                ],
            }
        ),
        hide_index=True,
        width="stretch",
        key="rem_overview",
    )
    page_link("budget", t("remuneration.go_budget"), ":material/euro:", st)
