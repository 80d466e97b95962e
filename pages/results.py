"""Module 7 — KPIs and results: the plan's own campaign simulated or results loaded, always with
their source; targets against actuals, the funnel, costs, incidents, who performed."""

import pandas as pd
import streamlit as st

from influkit import kpis
from influkit.campaign import figures, forecast, results
from influkit.identify import profiles
from influkit.kpis import fmt_kpi
from influkit.text.formats import fmt_number
from ui import classroom, state
from ui.results_source import source_box
from ui.state import labeller, t
from ui.text import plain
from ui.widgets import metric_row, number_field

lang = state.lang()
plan = state.require_plan()

st.title(t("results.title"))
# On the projector the key figures come first, above the fold at 1280 × 720.
projecting = classroom.presentation()
if not projecting:
    st.write(t("results.intro"))


def _headline(values: dict[str, float]) -> None:
    """The eight key figures of the campaign, in two rows of four."""
    shown = [(kpis.kpi_label(k, lang), fmt_kpi(k, values[k], lang)) for k in results.HEADLINE_KPIS]
    metric_row(shown, per_row=4)


if projecting and plan.results:
    table = profiles.influencer_table(plan)
    _headline(results.kpi_values(results.totals(results.results_frame(plan, table))))


source_box(plan)

if not plan.results:
    st.info(t("results.nothing_yet"))
    st.stop()

table = profiles.influencer_table(plan)
frame = results.results_frame(plan, table)
sums = results.totals(frame)
values = results.kpi_values(sums)

# --- targets against actuals ------------------------------------------------------------------
st.header(t("results.targets_title"))
progress_rows = results.progress(plan, sums)
if not progress_rows:
    st.caption(t("results.no_targets"))
for row in progress_rows:
    col1, col2 = st.columns([2, 3], vertical_alignment="center")
    target_text = t("results.target_help", target=fmt_kpi(row.kpi, row.target, lang))
    col1.metric(kpis.kpi_label(row.kpi, lang), fmt_kpi(row.kpi, row.actual, lang), help=target_text)
    if row.status in ("reached", "on_track", "behind"):
        col2.progress(min(max(row.progress, 0.0), 1.0), text=results.status_text(row, lang))
    else:
        col2.caption(results.status_text(row, lang))

with st.expander(t("results.add_target"), icon=":material/add:"):
    kpi = st.selectbox(
        t("results.kpi_label"),
        options=list(results.MEASURED_KPIS),
        format_func=labeller("kpis.name"),
        key="results_target_kpi",
    )
    # The target field takes the chosen KPI's unit (a count, euros, a percentage).
    with st.form("results_target_form", border=False):
        target = number_field(
            t("results.target_label"),
            results.target_of(plan, kpi),
            key=f"results_target_{kpi}",
            kind=kpis.entry_kind(kpi),
            min_value=None if kpis.unit(kpi) == "rate" else 0.0,
        )
        if st.form_submit_button(t("results.add_target_button")):
            if target is None:
                st.error(t("numbers.empty"))
            else:
                results.set_target(plan, kpi, target)
                st.rerun()

# --- headline figures and the funnel ----------------------------------------------------------
if not projecting:
    st.header(t("results.headline_title"))
    _headline(values)
metric_row(
    [(kpis.kpi_label(k, lang), fmt_kpi(k, values[k], lang)) for k in results.COST_KPIS],
    helps=[t(f"results.definition.{k}") for k in results.COST_KPIS],
)
st.caption(t("results.spent", cost=fmt_kpi("cost", sums["cost_eur_ht"], lang)))

# --- what went wrong (a simulated campaign's incidents) ---------------------------------------
if plan.results_incidents:
    st.header(t("simulate.incidents_title"))
    incidents = results.incident_counts(plan)
    for kind, show, key, icon in (
        ("missing_mention", st.error, "simulate.compliance_alert", ":material/gavel:"),
        ("unpublished", st.warning, "simulate.unpublished_note", ":material/inventory_2:"),
        ("late", st.warning, "simulate.late_note", ":material/schedule:"),
    ):
        if incidents[kind]:
            show(t(key, count=fmt_number(incidents[kind], lang)), icon=icon)
    st.dataframe(results.incidents_frame(plan, table, lang), hide_index=True, width="stretch")

stages = results.funnel(sums)
counted = stages.loc[stages["stage"] != "revenue_eur"]
stage_labels = [t(f"results.stage.{stage}") for stage in counted["stage"]]
st.plotly_chart(figures.funnel_figure(counted, stage_labels, lang), width="stretch")
st.caption(t("results.funnel_caption", revenue=fmt_kpi("revenue", sums["revenue_eur"], lang)))

# --- breakdowns -------------------------------------------------------------------------------
st.header(t("results.breakdown_title"))
kpi_choice = st.selectbox(
    t("results.breakdown_kpi"),
    options=list(results.BREAKDOWN_KPIS),
    format_func=labeller("kpis.name"),
    key="results_breakdown_kpi",
)
tabs = st.tabs([t(f"results.by.{by}") for by in results.BREAKDOWN_BY])
for tab, by in zip(tabs, results.BREAKDOWN_BY, strict=True):
    with tab:
        groups = results.breakdown(frame, by)
        names = results.group_names(groups, by, lang)
        shown = groups[results.kpi_column(kpi_choice)]
        figure = figures.results_breakdown_figure(names, shown, kpi_choice, by, lang)
        st.plotly_chart(figure, width="stretch")
        listed = results.breakdown_table(groups, by, names, lang)
        st.dataframe(listed, hide_index=True, width="stretch")

# --- who performed ----------------------------------------------------------------------------
st.header(t("results.performers_title"))
perf_kpi = st.selectbox(
    t("results.performers_kpi"),
    options=list(results.PERFORMER_KPIS),
    format_func=labeller("kpis.name"),
    key="results_perf_kpi",
)
top, bottom = results.performers(frame, perf_kpi, n=3)
for col, group, key in zip(st.columns(2), (top, bottom), ("top", "bottom"), strict=True):
    col.subheader(t(f"results.{key}"))
    for row in group.itertuples(index=False):
        line = t(
            "results.performer_line",
            handle=plain(row.handle),
            platform=state.label("data.platform", row.platform),
            value=fmt_kpi(perf_kpi, getattr(row, perf_kpi), lang),
            kpi=kpis.kpi_label(perf_kpi, lang),
        )
        col.markdown(line)

# --- EMV, with its caveat ---------------------------------------------------------------------
st.header(t("results.emv_title"))
st.warning(t("metrics.emv_caveat"), icon=":material/warning:")
emv = results.emv_by_platform(frame, plan.settings.assumptions.emv_rates)
rates = pd.DataFrame(
    {
        "platform": emv["platform"],
        "cpm_eur": emv["cpm_rate_eur"],
        "value_per_engagement_eur": emv["value_per_engagement_eur"],
    }
)
editor = st.data_editor(
    rates,
    column_config={
        "platform": st.column_config.SelectboxColumn(
            t("results.col.platform"),
            options=list(emv["platform"]),
            format_func=labeller("data.platform"),
            disabled=True,
        ),
        "cpm_eur": st.column_config.NumberColumn(
            t("results.col.cpm_rate"), min_value=0.0, step=0.5, format="euro"
        ),
        "value_per_engagement_eur": st.column_config.NumberColumn(
            t("results.col.engagement_value"), min_value=0.0, step=0.01, format="euro"
        ),
    },
    hide_index=True,
    width="stretch",
    key=state.widget_key("results_emv_rates"),
)
changed_rates = results.changed_emv_rates(plan, results.emv_rates_from_table(editor))
if changed_rates and forecast.set_emv_rates(plan, changed_rates):
    emv = results.emv_by_platform(frame, plan.settings.assumptions.emv_rates)
total_emv = float(emv["emv_eur"].sum())
st.metric(t("results.emv_total"), fmt_kpi("emv", total_emv, lang), help=t("metrics.definition.emv"))
revenue = fmt_kpi("revenue", sums["revenue_eur"], lang)
st.caption(t("results.emv_vs_revenue", emv=fmt_kpi("emv", total_emv, lang), revenue=revenue))
