"""7. Budget and optimisation: the budget lines against the envelope (HT, VAT, TTC), their
breakdowns, and the exact optimiser that picks the influencers giving the most of the KPI."""

import streamlit as st

from influkit.campaign import figures
from influkit.campaign.budget import optimiser as budget
from influkit.campaign.budget import plan as budget_plan
from influkit.campaign.budget.optimiser import BUDGET_CATEGORIES
from influkit.campaign.compensation import simulator as remuneration
from influkit.errors import UserError
from influkit.identify import profiles
from influkit.kpis import fmt_kpi
from influkit.text.formats import fmt_amount, fmt_money, fmt_number, fmt_percent
from ui import state
from ui.assumptions import assumptions_panel
from ui.budget_forms import add_line_form, constraints_form, settings_form
from ui.forecast_view import forecast_summary
from ui.navigation import page_link
from ui.state import t
from ui.widgets import metric_row, plan_editor

lang = state.lang()
plan = state.require_plan()

st.title(t("budgetpage.title"))
st.write(t("budgetpage.intro"))

table = profiles.influencer_table(plan)
rows = remuneration.rows_by_id(table)
names = {iid: remuneration.display_name(row, iid) for iid, row in rows.items()}


def _names(ids: list[str]) -> str:
    return budget_plan.names_list(ids, names, lang)


# --- the envelope ---------------------------------------------------------------------------
try:
    summary = budget_plan.summary(plan, table)
except UserError as err:
    # Shown, not stopped: the lines below stay editable so the trainee can fix them.
    st.error(err.message(lang))
    summary = None

if summary is not None:
    st.header(t("budgetpage.envelope_title"))
    vat = t("budgetpage.vat", rate=fmt_percent(summary.vat_rate, lang, 0))
    metric_row(
        [
            (t("budget.summary.envelope"), fmt_amount(summary.envelope, lang)),
            (t("budget.summary.total_ht"), fmt_amount(summary.total_ht, lang)),
            (vat, fmt_amount(summary.vat, lang)),
            (t("budget.summary.total_ttc"), fmt_amount(summary.total_ttc, lang)),
            (t("budget.summary.remaining"), fmt_amount(summary.remaining, lang)),
        ]
    )
    if summary.envelope > 0:
        used = t("budgetpage.used", share=fmt_percent(summary.share_used, lang, 1))
        st.progress(min(max(summary.share_used, 0.0), 1.0), text=used)
    else:
        st.warning(t("budgetpage.envelope_zero"))
        page_link("my_plan", t("budgetpage.go_my_plan"), ":material/edit:", st)
    if summary.over_budget:
        overrun = fmt_money(-summary.remaining, lang)
        st.error(t("budget.summary.over_budget", overrun=overrun), icon=":material/warning:")
    st.caption(t("budgetpage.envelope_help"))
forecast_summary(plan, table)

# --- the lines ------------------------------------------------------------------------------
st.header(t("budgetpage.lines_title"))
st.subheader(t("budgetpage.synced_title"))
if budget_plan.synced_lines(plan):
    st.caption(t("budgetpage.synced_help"))
    synced = budget_plan.synced_table(plan, names, lang)
    st.dataframe(synced, hide_index=True, width="stretch", key="budget_synced")
else:
    st.caption(t("budgetpage.synced_empty"))
page_link("remuneration", t("budgetpage.go_remuneration"), ":material/payments:", st)

st.subheader(t("budgetpage.manual_title"))
st.caption(t("budgetpage.manual_help"))
influencer_options = budget_plan.line_influencers(plan)
category_labels = {code: budget.category_label(code, lang) for code in BUDGET_CATEGORIES}
editor_labels = {budget_plan.NO_ONE: t("budgetpage.no_influencer"), **names}
plan_editor(
    "budget_lines",
    budget_plan.editor_frame(plan),
    budget_plan.lines_from_editor,
    lambda lines: budget_plan.replace_manual_lines(plan, lines),
    "budgetpage.editor_error",
    num_rows="dynamic",
    column_order=["category", "label", "influencer_id", "quantity", "unit_cost_eur_ht", "note"],
    column_config={
        "category": st.column_config.SelectboxColumn(
            t("budgetpage.col.category"),
            options=list(BUDGET_CATEGORIES),
            format_func=category_labels.get,
            default="other",
            required=True,
            width="medium",
        ),
        "label": st.column_config.TextColumn(t("budgetpage.col.label"), width="medium"),
        "influencer_id": st.column_config.SelectboxColumn(
            t("budgetpage.col.influencer"),
            options=[budget_plan.NO_ONE, *influencer_options],
            default=budget_plan.NO_ONE,
            format_func=lambda code: editor_labels.get(code, code),
            width="medium",
        ),
        "quantity": st.column_config.NumberColumn(
            t("budgetpage.col.quantity"), min_value=0, step=1, default=1, format="localized"
        ),
        "unit_cost_eur_ht": st.column_config.NumberColumn(
            t("budgetpage.col.unit_cost"), min_value=0, step=0.01, format="localized"
        ),
        "note": st.column_config.TextColumn(t("budgetpage.col.note"), width="small"),
    },
)

add_line_form(plan, influencer_options, names, category_labels)

# --- breakdowns -----------------------------------------------------------------------------
st.header(t("budgetpage.breakdown_title"))
if summary is not None and summary.total_ht <= 0:
    st.caption(t("budgetpage.breakdown_empty"))
elif summary is not None:
    charts_grid = st.columns(2)
    for index, (key, frame) in enumerate(budget_plan.breakdowns(summary)):
        with charts_grid[index % 2]:
            if frame.empty:
                st.caption(t(f"budgetpage.chart.none_{key}"))
                continue
            labels = budget_plan.breakdown_labels(frame, key, lang, names)
            figure = figures.budget_breakdown_figure(frame, key, labels, lang)
            st.plotly_chart(figure, width="stretch", key=f"budget_chart_{key}")

# --- the optimiser --------------------------------------------------------------------------
st.header(t("budgetpage.optimiser_title"))
st.write(t("budgetpage.optimiser_intro"))
assumptions_panel(plan, "budget")
settings = budget_plan.read_settings(plan)

settings_form(plan, settings)

available = budget_plan.optimiser_budget(plan)
st.info(
    t(
        "budgetpage.optimiser_budget",
        budget=fmt_amount(available, lang),
        envelope=fmt_amount(plan.brief.budget_eur_ht, lang),
        other=fmt_amount(budget_plan.non_influencer_total(plan), lang),
    ),
    icon=":material/savings:",
)

pool_frame = budget_plan.candidates(plan, table, settings, lang=lang)
pool_names = {i: names.get(i, i) for i in pool_frame["candidate_id"]}
constraints_form(plan, settings, pool_names)

if st.button(
    t("budgetpage.run_button"), type="primary", icon=":material/calculate:", key="budget_run"
):
    settings.ran = True
budget_plan.write_settings(plan, settings)


def _show_optimiser() -> None:
    """The optimiser's pick, its range and its comparison with the shortlist."""
    if not settings.ran:
        st.caption(t("budgetpage.run_hint"))
        return
    if pool_frame.empty:
        st.info(t("budgetpage.pool_empty"))
        return
    try:
        outcome_run = budget_plan.run(plan, table, settings, lang)
    except UserError as err:
        st.error(err.message(lang))
        return
    result = outcome_run.result
    message = budget_plan.explain(result, outcome_run.candidates, lang, settings.kpi)
    if result.status == "optimal":
        st.success(message, icon=":material/check_circle:")
    elif result.status == "time_limit":
        st.warning(message)
    else:
        st.error(message, icon=":material/block:")
    st.caption(t("budgetpage.live_hint"))
    if outcome_run.skipped:
        skipped = _names(outcome_run.skipped[:8])
        st.caption(t("budgetpage.skipped", count=len(outcome_run.skipped), names=skipped))
    if outcome_run.dropped_constraints:
        st.caption(t("budgetpage.dropped", names=_names(outcome_run.dropped_constraints)))
    if result.status == "infeasible":
        return

    kpi, chosen = settings.kpi, result.chosen
    kpi_label = t(f"budgetpage.kpi_option.{kpi}")
    st.subheader(t("budgetpage.pick_title"))
    metric_row(
        [
            (t("budgetpage.result.count"), fmt_number(len(chosen), lang)),
            (t("budgetpage.result.cost"), fmt_money(result.total_cost, lang)),
            (kpi_label, fmt_kpi(kpi, result.total_value, lang)),
            (t("budgetpage.result.remaining"), fmt_money(result.remaining, lang)),
        ]
    )
    st.dataframe(
        budget_plan.pick_table(chosen, plan, kpi, lang),
        hide_index=True,
        width="stretch",
        # The reasons are the longest cell: give them the room, keep the figures narrow.
        column_config={t("budgetpage.result.why"): st.column_config.TextColumn(width="large")},
        key="budget_chosen",
    )

    st.subheader(t("budgetpage.outcome_title", kpi=kpi_label))
    if len(chosen):
        sides = zip(("low", "expected", "high"), budget_plan.outcome_totals(chosen), strict=True)
        metric_row([(t(f"budget.outcome.{s}"), fmt_kpi(kpi, v, lang)) for s, v in sides])
        st.caption(t("budgetpage.outcome_forecast_help"))

    st.subheader(t("budgetpage.compare_title"))
    if not plan.shortlist:
        st.caption(t("budgetpage.compare_no_shortlist"))
    else:
        totals, only_pick, only_own = budget_plan.compare_with_shortlist(
            plan, table, settings, result.chosen_ids, lang
        )
        compared = budget_plan.comparison_table(totals, kpi, lang)
        st.dataframe(compared, hide_index=True, width="stretch", key="budget_compare")
        d1, d2 = st.columns(2)
        d1.markdown(f"**{t('budgetpage.only_pick')}**  \n" + _names(only_pick))
        d2.markdown(f"**{t('budgetpage.only_own')}**  \n" + _names(only_own))

    if result.chosen_ids:
        changes = budget_plan.pick_changes(plan, result.chosen_ids)
        with st.popover(t("budgetpage.apply_button"), icon=":material/playlist_add_check:"):
            st.write(
                t(
                    "budgetpage.apply_explain",
                    added=_names(changes.added),
                    reserved=_names(changes.reserved),
                    promoted=_names(changes.promoted),
                )
            )
            if st.button(t("budgetpage.apply_confirm"), type="primary", key="budget_apply"):
                added, reserved, promoted = budget_plan.apply_pick(plan, result.chosen_ids, lang)
                counts = {"added": len(added), "reserved": len(reserved), "promoted": len(promoted)}
                state.flash("success", t("budgetpage.applied", **counts))
                st.rerun()


_show_optimiser()
