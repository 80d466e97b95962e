"""Module 7 — KPIs and results: the plan's own campaign simulated or results loaded, always with
their source; targets against actuals, the funnel, costs, incidents, who performed."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from influkit import kpis
from influkit.campaign import forecast, results, simulate
from influkit.data import importer, limits
from influkit.errors import UserError
from influkit.identify import profiles
from influkit.kpis import fmt_kpi
from influkit.operations import deliverables as actions
from influkit.plan.model import KpiTarget
from influkit.text import chart_style as charts
from influkit.text.formats import fmt_number
from ui import classroom, state
from ui.state import labeller, t
from ui.text import plain
from ui.widgets import number_field

lang = state.lang()
plan = state.require_plan()

st.title(t("results.title"))
# On the projector the key figures come first, above the fold at 1280 × 720.
projecting = classroom.presentation()
if not projecting:
    st.write(t("results.intro"))


def _headline(values: dict[str, float]) -> None:
    """The eight key figures of the campaign, in two rows of four."""
    cols = st.columns(4)
    for col, kpi in zip(
        cols * 2,
        ("impressions", "reach", "engagements", "clicks", "conversions", "revenue", "roas", "roi"),
        strict=False,
    ):
        col.metric(kpis.kpi_label(kpi, lang), fmt_kpi(kpi, values[kpi], lang))


if projecting and plan.results:
    _headline(
        results.kpi_values(
            results.totals(results.results_frame(plan, profiles.influencer_table(plan)))
        )
    )


def _import_results() -> None:
    """Upload a results file (CSV/XLSX), map its columns, check it and add its valid rows."""
    with st.expander(t("results.import_title"), icon=":material/upload_file:"):
        st.caption(t("results.import_help"))
        upload = st.file_uploader(t("results.import_file"), key=state.widget_key("results_upload"))
        if upload is None:
            return
        try:
            raw = importer.read_table(upload.getvalue(), upload.name)
        except UserError as err:
            st.error(err.message(lang))
            return
        target = importer.RESULTS_TARGET
        suggested = importer.suggest_mapping(raw.columns, target)
        mapping = {}
        columns = st.columns(3)
        options = [None, *raw.columns]
        no_column = t("results.import_unmapped")
        for index, field in enumerate(target.fields):
            current = suggested.get(field.name)
            mapping[field.name] = columns[index % 3].selectbox(
                field.label(lang),
                options=options,
                index=options.index(current) if current in options else 0,
                format_func=lambda column, none=no_column: none if column is None else column,
                key=f"results_map_{field.name}",
            )
        missing = importer.unmapped_required(mapping, target)
        if missing:
            groups = {group[0]: group for group in target.one_of}
            names = [
                t(
                    "results.import_one_of",
                    fields=", ".join(target.field(n).label(lang) for n in groups[name]),
                )
                if name in groups
                else target.field(name).label(lang)
                for name in missing
            ]
            st.error(t("results.import_missing", fields=" ; ".join(names)))
            return
        checked = importer.apply_mapping(raw, mapping, target)
        st.write(
            t(
                "results.import_counts",
                valid=fmt_number(checked.valid_count, lang),
                rejected=fmt_number(checked.rejected_count, lang),
            )
        )
        if checked.problems:
            st.dataframe(
                importer.problems_frame(checked.problems, lang), hide_index=True, width="stretch"
            )
        if not checked.valid_count:
            return
        mode = st.radio(
            t("results.import_mode"),
            options=["append", "replace"],
            format_func=labeller("results.import_modes"),
            horizontal=True,
            key="results_import_mode",
        )
        label = t("results.import_button", count=fmt_number(checked.valid_count, lang))
        if st.button(label, key="results_import_button", type="primary"):
            rows, unmatched = results.rows_from_import(
                checked.rows, profiles.influencer_table(plan)
            )
            kept = [] if mode == "replace" else plan.results
            merged = [*kept, *rows]
            if len(merged) > limits.PLAN_LIST_ITEMS.value:
                st.error(limits.LimitExceeded(limits.PLAN_LIST_ITEMS, len(merged)).message(lang))
                return
            results.set_results(
                plan, merged, "upload", incidents=plan.results_incidents if kept else ()
            )
            state.flash("success", t("results.imported", count=fmt_number(len(rows), lang)))
            if unmatched:
                state.flash("info", t("results.unmatched", handles=", ".join(unmatched[:10])))
            st.rerun()


# --- where the results come from --------------------------------------------------------------
PENDING = state.widget_key("results_pending")


def _fill(action: str, seed: int | None) -> None:
    """Replace the plan's results by a simulation of the plan or the case's sample, then redraw."""
    st.session_state.pop(PENDING, None)
    if action == "simulation":
        try:
            simulation = simulate.simulate_campaign(plan, seed or 0)
        except UserError as err:
            state.flash("error", t("simulate.failed", reason=err.message(lang)))
            st.rerun()
        if simulation.results.empty:
            state.flash("warning", t("simulate.nothing_to_play"))
            st.rerun()
        results.set_results(
            plan,
            simulation.rows(),
            "simulation",
            seed=simulation.seed,
            incidents=simulation.incidents,
        )
        state.flash(
            "success",
            t(
                "simulate.simulated",
                count=fmt_number(len(plan.results), lang),
                seed=fmt_number(simulation.seed, lang),
            ),
        )
    else:
        results.set_results(plan, results.sample_results(plan.case_id), "case_sample")
        state.flash(
            "success", t("results.loaded_sample", count=fmt_number(len(plan.results), lang))
        )
    st.rerun()


def _request(action: str, seed: int | None = None) -> None:
    """Fill the results at once, or ask first when the plan already holds some."""
    if plan.results:
        st.session_state[PENDING] = (action, seed)
        st.rerun()
    _fill(action, seed)


source = results.source_of(plan)
if source != "none":
    banner_icon = ":material/science:" if source == "simulation" else ":material/info:"
    if source == "case_sample":
        st.warning(results.source_banner(plan, lang), icon=":material/warning:")
    else:
        st.info(results.source_banner(plan, lang), icon=banner_icon)
    foreign = results.foreign_influencers(plan)
    if foreign and source != "case_sample":
        st.caption(t("simulate.foreign", count=fmt_number(len(foreign), lang)))

pending = st.session_state.get(PENDING)
if pending:
    action, pending_seed = pending
    if action == "simulation":
        question = t(
            "simulate.confirm_replace",
            count=fmt_number(len(plan.results), lang),
            seed=fmt_number(pending_seed or 0, lang),
        )
    else:
        question = t("results.confirm_replace", count=fmt_number(len(plan.results), lang))
    st.warning(question)
    col1, col2 = st.columns(2)
    if col1.button(
        t("results.confirm_replace_button"), key="results_confirm_button", type="primary"
    ):
        _fill(action, pending_seed)
    if col2.button(t("simulate.cancel"), key="results_cancel_button"):
        st.session_state.pop(PENDING, None)
        st.rerun()

source_box = st.container(border=True)
source_box.subheader(t("simulate.source_title"))
simulation_tab, sample_tab = source_box.tabs(
    [t("simulate.tab_simulation"), t("simulate.tab_sample")]
)

with simulation_tab:
    st.caption(t("simulate.launch_help"))
    if not plan.shortlist:
        st.warning(t("simulate.empty_shortlist"), icon=":material/group_add:")
        st.page_link(
            "pages/brand_fit.py", label=t("simulate.go_shortlist"), icon=":material/group_add:"
        )
    else:
        outline = simulate.campaign_outline(plan)
        st.write(
            t(
                "simulate.preflight",
                influencers=fmt_number(outline.influencers, lang),
                posts=fmt_number(outline.posts, lang),
                mentioned=fmt_number(outline.influencers - len(outline.without_mention), lang),
            )
        )
        if outline.without_mention:
            names = actions.influencer_names(plan)
            st.caption(
                t(
                    "simulate.no_mention",
                    names=", ".join(plain(names.get(i, i)) for i in outline.without_mention),
                )
            )
        if not outline.with_deliverables:
            st.caption(t("simulate.no_deliverables"))
        col1, col2, col3 = st.columns([1, 2, 2], vertical_alignment="bottom")
        with col1:
            seed = number_field(
                t("simulate.seed_label"),
                plan.results_seed or 0,
                key=state.widget_key("results_seed"),
                kind="count",
                min_value=0,
                max_value=999_999,
                help=t("simulate.seed_help"),
            )
        if col2.button(
            t("simulate.launch_button"),
            key="results_simulate",
            type="primary",
            icon=":material/rocket_launch:",
        ):
            _request("simulation", int(seed))
        if source == "simulation" and col3.button(
            t("simulate.replay_button"), key="results_replay", icon=":material/casino:"
        ):
            _request("simulation", (plan.results_seed or 0) + 1)

with sample_tab:
    st.caption(t("simulate.sample_help"))
    if not plan.case_id:
        st.info(t("simulate.no_case"))
    elif st.button(t("results.load_sample"), key="results_load_sample", icon=":material/dataset:"):
        _request("case_sample")

with source_box:
    _import_results()

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
    col1.metric(
        kpis.kpi_label(row.kpi, lang),
        fmt_kpi(row.kpi, row.actual, lang),
        help=t("results.target_help", target=fmt_kpi(row.kpi, row.target, lang)),
    )
    with col2:
        if row.status in ("reached", "on_track", "behind"):
            st.progress(
                min(max(row.progress, 0.0), 1.0),
                text=t(
                    f"results.status.{row.status}",
                    target=fmt_kpi(row.kpi, row.target, lang),
                    percent=fmt_number(row.progress * 100, lang),
                ),
            )
        else:
            st.caption(
                t(
                    f"results.status.{row.status}",
                    target=fmt_kpi(row.kpi, row.target, lang),
                    percent="",
                )
            )

with st.expander(t("results.add_target"), icon=":material/add:"):
    kpi = st.selectbox(
        t("results.kpi_label"),
        options=list(results.MEASURED_KPIS),
        format_func=labeller("kpis.name"),
        key="results_target_kpi",
    )
    current = next((k.target for k in plan.kpi_targets if k.kpi == kpi), None)
    # The target field takes the chosen KPI's unit (a count, euros, a percentage).
    with st.form("results_target_form", border=False):
        target = number_field(
            t("results.target_label"),
            current,
            key=f"results_target_{kpi}",
            kind=kpis.entry_kind(kpi),
            min_value=None if kpis.unit(kpi) == "rate" else 0.0,
        )
        if st.form_submit_button(t("results.add_target_button")):
            if target is None:
                st.error(t("numbers.empty"))
            else:
                plan.kpi_targets = [
                    *[k for k in plan.kpi_targets if k.kpi != kpi],
                    KpiTarget(kpi=kpi, target=target),
                ]
                st.rerun()

# --- headline figures and the funnel ----------------------------------------------------------
if not projecting:
    st.header(t("results.headline_title"))
    _headline(values)
cost_cols = st.columns(5)
for col, kpi in zip(cost_cols, ("cpm", "cpe", "cpc", "cpa", "ctr"), strict=True):
    col.metric(
        kpis.kpi_label(kpi, lang),
        fmt_kpi(kpi, values[kpi], lang),
        help=t(f"results.definition.{kpi}"),
    )
st.caption(t("results.spent", cost=fmt_kpi("cost", sums["cost_eur_ht"], lang)))

# --- what went wrong (a simulated campaign's incidents) ---------------------------------------
if plan.results_incidents:
    st.header(t("simulate.incidents_title"))
    incidents = results.incident_counts(plan)
    if incidents["missing_mention"]:
        st.error(
            t("simulate.compliance_alert", count=fmt_number(incidents["missing_mention"], lang)),
            icon=":material/gavel:",
        )
    if incidents["unpublished"]:
        st.warning(
            t("simulate.unpublished_note", count=fmt_number(incidents["unpublished"], lang)),
            icon=":material/inventory_2:",
        )
    if incidents["late"]:
        st.warning(
            t("simulate.late_note", count=fmt_number(incidents["late"], lang)),
            icon=":material/schedule:",
        )
    st.dataframe(results.incidents_frame(plan, table, lang), hide_index=True, width="stretch")

stages = results.funnel(sums)
counted = stages.loc[stages["stage"] != "revenue_eur"]
funnel_fig = go.Figure(
    go.Bar(
        y=[t(f"results.stage.{stage}") for stage in counted["stage"]],
        x=counted["value"],
        orientation="h",
        marker_color=charts.ACCENT,
        text=[
            fmt_number(value, lang)
            if pd.isna(rate)
            else t(
                "results.funnel_label",
                value=fmt_number(value, lang),
                rate=fmt_kpi("ctr", rate, lang),
            )
            for value, rate in zip(counted["value"], counted["rate_from_previous"], strict=True)
        ],
        textposition="outside",
        cliponaxis=False,
    )
)
funnel_fig.update_yaxes(autorange="reversed")
funnel_fig.update_xaxes(type="log", dtick=1, tickformat=",d", title=t("results.funnel_axis"))
st.plotly_chart(
    charts.style(funnel_fig, lang, title=t("results.funnel_title"), height=380), width="stretch"
)
st.caption(t("results.funnel_caption", revenue=fmt_kpi("revenue", sums["revenue_eur"], lang)))

# --- breakdowns -------------------------------------------------------------------------------
st.header(t("results.breakdown_title"))
kpi_choice = st.selectbox(
    t("results.breakdown_kpi"),
    options=["roas", "cpa", "cpm", "cpe", "conversions", "engagements", "reach", "revenue"],
    format_func=labeller("kpis.name"),
    key="results_breakdown_kpi",
)
tabs = st.tabs(
    [
        t("results.by.influencer_id"),
        t("results.by.tier"),
        t("results.by.platform"),
        t("results.by.week"),
    ]
)
for tab, by in zip(tabs, ("influencer_id", "tier", "platform", "week"), strict=True):
    with tab:
        groups = results.breakdown(frame, by)
        metric_column = "revenue_eur" if kpi_choice == "revenue" else kpi_choice
        if by == "influencer_id":
            names = groups["handle"]
        elif by == "week":
            names = groups["week"].dt.strftime("%d/%m")
        else:
            to_label = labeller("metrics.tier" if by == "tier" else "data.platform")
            names = groups[by].map(
                lambda code, to_label=to_label: (
                    t("results.unknown") if code == "unknown" else to_label(code)
                )
            )
        if by == "week":
            fig = go.Figure(
                go.Scatter(
                    x=names,
                    y=groups[metric_column],
                    mode="lines+markers",
                    line={"color": charts.ACCENT, "width": 3},
                    hovertext=[fmt_kpi(kpi_choice, v, lang) for v in groups[metric_column]],
                    hoverinfo="x+text",
                )
            )
        else:
            fig = go.Figure(
                go.Bar(
                    x=names,
                    y=groups[metric_column],
                    marker_color=charts.ACCENT,
                    text=[fmt_kpi(kpi_choice, v, lang) for v in groups[metric_column]],
                    textposition="outside",
                )
            )
        title = t(
            "results.breakdown_chart",
            kpi=kpis.kpi_label(kpi_choice, lang),
            by=t(f"results.by.{by}").lower(),
        )
        charts.style(fig, lang, title=title, height=400)
        fig.update_yaxes(**charts.kpi_axis_format(kpi_choice, lang))
        st.plotly_chart(fig, width="stretch")
        display = pd.DataFrame(
            {
                t(f"results.by.{by}"): names,
                t("results.col.posts"): groups["posts"].map(lambda v: fmt_number(v, lang)),
                t("results.col.cost"): groups["cost_eur_ht"].map(
                    lambda v: fmt_kpi("cost", v, lang)
                ),
            }
        )
        for kpi in (
            "impressions",
            "engagements",
            "clicks",
            "conversions",
            "revenue",
            "cpm",
            "cpa",
            "roas",
        ):
            column = "revenue_eur" if kpi == "revenue" else kpi
            display[kpis.kpi_label(kpi, lang)] = groups[column].map(
                lambda v, kpi=kpi: fmt_kpi(kpi, v, lang)
            )
        st.dataframe(display, hide_index=True, width="stretch")

# --- who performed ----------------------------------------------------------------------------
st.header(t("results.performers_title"))
perf_kpi = st.selectbox(
    t("results.performers_kpi"),
    options=["roas", "cpa", "cpe", "cpm", "conversions"],
    format_func=labeller("kpis.name"),
    key="results_perf_kpi",
)
top, bottom = results.performers(frame, perf_kpi, n=3)
col1, col2 = st.columns(2)
for col, group, key in ((col1, top, "top"), (col2, bottom, "bottom")):
    with col:
        st.subheader(t(f"results.{key}"))
        for row in group.itertuples(index=False):
            st.markdown(
                t(
                    "results.performer_line",
                    handle=plain(row.handle),
                    platform=state.label("data.platform", row.platform),
                    value=fmt_kpi(perf_kpi, getattr(row, perf_kpi), lang),
                    kpi=kpis.kpi_label(perf_kpi, lang),
                )
            )

# --- EMV, with its caveat ---------------------------------------------------------------------
st.header(t("results.emv_title"))
st.warning(t("metrics.emv_caveat"), icon=":material/warning:")
emv = results.emv_by_platform(frame, plan.settings.assumptions.emv_rates)
editor = st.data_editor(
    pd.DataFrame(
        {
            "platform": emv["platform"],
            "cpm_eur": emv["cpm_rate_eur"],
            "value_per_engagement_eur": emv["value_per_engagement_eur"],
        }
    ),
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
new_rates = {
    row.platform: {
        "cpm_eur": float(row.cpm_eur or 0.0),
        "value_per_engagement_eur": float(row.value_per_engagement_eur or 0.0),
    }
    for row in editor.itertuples(index=False)
}
if any(plan.settings.assumptions.emv_rates.get(p) != r for p, r in new_rates.items()):
    forecast.set_emv_rates(plan, new_rates)
    emv = results.emv_by_platform(frame, plan.settings.assumptions.emv_rates)
total_emv = float(emv["emv_eur"].sum())
st.metric(t("results.emv_total"), fmt_kpi("emv", total_emv, lang), help=t("metrics.definition.emv"))
st.caption(
    t(
        "results.emv_vs_revenue",
        emv=fmt_kpi("emv", total_emv, lang),
        revenue=fmt_kpi("revenue", sums["revenue_eur"], lang),
    )
)
