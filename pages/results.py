"""Module 7 — KPIs and results: targets against actuals, the funnel, costs, who performed."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from influkit import charts, forecast, importer, kpis, limits, profiles, results
from influkit.errors import UserError
from influkit.formatting import fmt_number
from influkit.kpis import fmt_kpi
from influkit.plan import KpiTarget
from ui import classroom, state
from ui.state import labeller, t
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
            merged = rows if mode == "replace" else [*plan.results, *rows]
            if len(merged) > limits.PLAN_LIST_ITEMS.value:
                st.error(limits.LimitExceeded(limits.PLAN_LIST_ITEMS, len(merged)).message(lang))
                return
            plan.results = merged
            state.flash("success", t("results.imported", count=fmt_number(len(rows), lang)))
            if unmatched:
                state.flash("info", t("results.unmatched", handles=", ".join(unmatched[:10])))
            st.rerun()


# --- where the results come from --------------------------------------------------------------
with st.container(border=True):
    st.subheader(t("results.source_title"))
    count = len(plan.results)
    st.write(
        t("results.source_count", count=fmt_number(count, lang))
        if count
        else t("results.source_empty")
    )
    col1, col2 = st.columns(2)
    if plan.case_id and col1.button(
        t("results.load_sample"), key="results_load_sample", icon=":material/dataset:"
    ):
        if count and not st.session_state.get("results_confirm_replace"):
            st.session_state["results_confirm_replace"] = True
            st.rerun()
        plan.results = results.sample_results(plan.case_id)
        st.session_state.pop("results_confirm_replace", None)
        state.flash(
            "success", t("results.loaded_sample", count=fmt_number(len(plan.results), lang))
        )
        st.rerun()
    if st.session_state.get("results_confirm_replace"):
        st.warning(t("results.confirm_replace", count=fmt_number(count, lang)))
        if st.button(
            t("results.confirm_replace_button"), key="results_confirm_button", type="primary"
        ):
            plan.results = results.sample_results(plan.case_id)
            st.session_state.pop("results_confirm_replace", None)
            state.flash(
                "success", t("results.loaded_sample", count=fmt_number(len(plan.results), lang))
            )
            st.rerun()
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
        st.plotly_chart(charts.style(fig, lang, title=title, height=400), width="stretch")
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
                    handle=row.handle,
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
