"""6. Remuneration and motivation: the ways to pay one influencer compared from both sides, the
model chosen (it becomes a budget line), the written-contract flag and the motivation levers."""

import streamlit as st

from influkit.campaign import figures, forecast
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
from ui.remuneration_forms import common_form, model_forms
from ui.state import bound, t
from ui.widgets import metric_row, number_field

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

metric_row(
    [
        (t("remuneration.metric.followers"), fmt_number(row.get("followers"), lang)),
        (t("remuneration.metric.er"), fmt_percent(row.get("er"), lang, 2)),
        (t("remuneration.metric.avg_reach"), fmt_number(row.get("avg_reach"), lang)),
        (t("remuneration.metric.price"), fmt_money(row.get("price_per_post_eur"), lang, 0)),
        (t("remuneration.metric.est_cpm"), fmt_money(row.get("est_cpm_eur"), lang)),
    ]
)
if remuneration.declared_price(row) <= 0:
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
metric_row(
    [
        (t(f"remuneration.expected.{field}"), fmt_kpi(kpi, getattr(perf, field), lang))
        for field, kpi in remuneration.EXPECTED_FIGURES
    ],
    per_row=3,
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


initial_common = {**remuneration.default_common(row, assumptions, posts), **stored_common}
common = common_form(iid, initial_common, posts)
params = model_forms(iid, row, assumptions, posts, perf, chosen_code, stored_own)

try:
    simulation = remuneration.compare_models(row, common, params, assumptions, lang, perf=perf)
except UserError as err:
    st.error(err.message(lang))
    # Nothing to compare; the router's finally still saves whatever this run changed.
    st.stop()

# --- side by side ---------------------------------------------------------------------------
st.header(t("remuneration.comparison_title"))
st.caption(t("remuneration.comparison_help"))
st.plotly_chart(figures.model_comparison_figure(simulation, lang), width="stretch")
shown = remuneration.comparison_table(simulation, lang)
st.dataframe(shown, hide_index=True, width="stretch", key="rem_comparison")
in_kind = fmt_money(common["product_value_eur"] + common["shipping_eur"], lang)
st.caption(t("remuneration.comparison_in_kind", product=in_kind))

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
    figures.sales_sensitivity_figure(
        curve, studied_row["break_even_sales"], perf.conversions, studied_model.label(lang), lang
    ),
    width="stretch",
)
st.write(
    remuneration.break_even_sentence(
        studied_model.label(lang), studied_row["break_even_sales"], perf.conversions, lang
    )
)
st.write(remuneration.risk_sentence(studied_row["risk_carrier"], lang))

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
        added = remuneration.record_choice(plan, table, iid, pick, common, params[pick], lang)
    except UserError as err:
        st.error(err.message(lang))
    else:
        if added:
            state.flash("info", t("remuneration.added_to_shortlist", name=name))
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
    remuneration.forget_choice(plan, table, iid, lang)
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
st.header(t("remuneration.overview_title"))
forecast_summary(plan, table)
overview = remuneration.chosen_summary(plan, table, lang)
if overview.empty:
    st.caption(t("remuneration.overview_empty"))
else:
    shown = remuneration.overview_table(overview, lang)
    st.dataframe(shown, hide_index=True, width="stretch", key="rem_overview")
    page_link("budget", t("remuneration.go_budget"), ":material/euro:", st)
