"""7. Budget and optimisation: the budget lines against the envelope (HT, VAT, TTC), their
breakdowns, and the exact optimiser that picks the influencers giving the most of the KPI."""

import pandas as pd
import streamlit as st

from influkit.campaign.budget import optimiser as budget
from influkit.campaign.budget import plan as budget_plan
from influkit.campaign.budget.optimiser import BUDGET_CATEGORIES
from influkit.campaign.compensation import simulator as remuneration
from influkit.errors import UserError
from influkit.identify import profiles
from influkit.kpis import fmt_kpi
from influkit.plan.model import PLATFORMS, BudgetLine
from influkit.text.formats import fmt_amount, fmt_money, fmt_number, fmt_percent
from influkit.text.i18n import label as i18n_label
from ui import state
from ui.assumptions import assumptions_panel
from ui.forecast_view import forecast_summary
from ui.navigation import page_link
from ui.state import bound, t
from ui.widgets import number_field

lang = state.lang()
plan = state.require_plan()


st.title(t("budgetpage.title"))
st.write(t("budgetpage.intro"))

table = profiles.influencer_table(plan)
remuneration.sync_budget_lines(plan, table, lang)
rows = remuneration.rows_by_id(table)
names = {iid: remuneration.display_name(row, iid) for iid, row in rows.items()}


def _name(iid: str | None) -> str:
    return names.get(iid, iid or "") if iid else ""


# --- the envelope ---------------------------------------------------------------------------
try:
    summary = budget_plan.summary(plan, table)
except UserError as err:
    # Shown, not stopped: the lines below stay editable so the trainee can fix them.
    st.error(err.message(lang))
    summary = None

if summary is not None:
    st.header(t("budgetpage.envelope_title"))
    cards = st.columns(5)
    cards[0].metric(t("budget.summary.envelope"), fmt_amount(summary.envelope, lang))
    cards[1].metric(t("budget.summary.total_ht"), fmt_amount(summary.total_ht, lang))
    cards[2].metric(
        t("budgetpage.vat", rate=fmt_percent(summary.vat_rate, lang, 0)),
        fmt_amount(summary.vat, lang),
    )
    cards[3].metric(t("budget.summary.total_ttc"), fmt_amount(summary.total_ttc, lang))
    cards[4].metric(t("budget.summary.remaining"), fmt_amount(summary.remaining, lang))
    if summary.envelope > 0:
        st.progress(
            min(max(summary.share_used, 0.0), 1.0),
            text=t("budgetpage.used", share=fmt_percent(summary.share_used, lang, 1)),
        )
    else:
        st.warning(t("budgetpage.envelope_zero"))
        page_link("my_plan", t("budgetpage.go_my_plan"), ":material/edit:", st)
    if summary.over_budget:
        st.error(
            t("budget.summary.over_budget", overrun=fmt_money(-summary.remaining, lang)),
            icon=":material/warning:",
        )
    st.caption(t("budgetpage.envelope_help"))
forecast_summary(plan, table)

# --- the lines ------------------------------------------------------------------------------
st.header(t("budgetpage.lines_title"))
st.subheader(t("budgetpage.synced_title"))
synced = [line for line in plan.budget_lines if remuneration.is_synced(line)]
if synced:
    st.caption(t("budgetpage.synced_help"))
    st.dataframe(
        pd.DataFrame(
            {
                t("budgetpage.col.category"): [
                    budget.category_label(x.category, lang) for x in synced
                ],
                t("budgetpage.col.label"): [x.label for x in synced],
                t("budgetpage.col.influencer"): [_name(x.influencer_id) for x in synced],
                t("budgetpage.col.total"): [
                    fmt_money(x.quantity * x.unit_cost_eur_ht, lang) for x in synced
                ],
            }
        ),
        hide_index=True,
        width="stretch",
        key="budget_synced",
    )
else:
    st.caption(t("budgetpage.synced_empty"))
page_link("remuneration", t("budgetpage.go_remuneration"), ":material/payments:", st)

st.subheader(t("budgetpage.manual_title"))
st.caption(t("budgetpage.manual_help"))
influencer_options = list(
    dict.fromkeys(
        [
            *plan.shortlisted_ids(),
            *(x.influencer_id for x in plan.budget_lines if x.influencer_id),
        ]
    )
)
category_labels = {code: budget.category_label(code, lang) for code in BUDGET_CATEGORIES}
manual_frame = pd.DataFrame(
    [x.model_dump() for x in budget_plan.manual_lines(plan)],
    columns=[
        "line_id",
        "category",
        "label",
        "influencer_id",
        "quantity",
        "unit_cost_eur_ht",
        "note",
    ],
)
# A code for "no influencer", so the cell reads "— none —" rather than an empty "None".
NO_ONE = "none"
manual_frame["influencer_id"] = manual_frame["influencer_id"].fillna(NO_ONE)
editor_labels = {NO_ONE: t("budgetpage.no_influencer"), **{i: _name(i) for i in influencer_options}}
version = st.session_state.get("budget_lines_version", 0)
edited = st.data_editor(
    manual_frame,
    key=state.widget_key(f"budget_lines_{version}"),
    num_rows="dynamic",
    hide_index=True,
    width="stretch",
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
            options=[NO_ONE, *influencer_options],
            default=NO_ONE,
            format_func=editor_labels.get,
            width="medium",
        ),
        "quantity": st.column_config.NumberColumn(
            t("budgetpage.col.quantity"),
            min_value=0,
            step=1,
            default=1,
            format="localized",
        ),
        "unit_cost_eur_ht": st.column_config.NumberColumn(
            t("budgetpage.col.unit_cost"), min_value=0, step=0.01, format="localized"
        ),
        "note": st.column_config.TextColumn(t("budgetpage.col.note"), width="small"),
    },
)
try:
    edited_lines = budget_plan.budget_lines_from_table(
        edited.replace({"influencer_id": {NO_ONE: None}})
    )
except UserError as err:
    st.error(t("budgetpage.editor_error", reason=err.message(lang)))
else:
    if budget_plan.replace_manual_lines(plan, edited_lines):
        st.session_state["budget_lines_version"] = version + 1
        st.rerun()

# Keys carry the lines version, so the form starts empty again once a line is added.
with st.form("budget_add_line", border=True):
    st.markdown(f"**{t('budgetpage.add_title')}**")
    f1, f2, f3, f4, f5 = st.columns([2.2, 2.4, 2, 1, 1.8], vertical_alignment="bottom")
    new_category = f1.selectbox(
        t("budgetpage.col.category"),
        list(BUDGET_CATEGORIES),
        index=list(BUDGET_CATEGORIES).index("paid_amplification"),
        format_func=category_labels.get,
        key=f"budget_add_category_{version}",
    )
    new_label = f2.text_input(t("budgetpage.col.label"), key=f"budget_add_label_{version}")
    add_labels = {None: t("budgetpage.no_influencer"), **{i: _name(i) for i in influencer_options}}
    new_influencer = f3.selectbox(
        t("budgetpage.col.influencer"),
        [None, *influencer_options],
        format_func=add_labels.get,
        key=f"budget_add_influencer_{version}",
    )
    with f4:
        new_quantity = number_field(
            t("budgetpage.col.quantity"),
            1,
            key=f"budget_add_qty_{version}",
            kind="count",
            min_value=0,
        )
    with f5:
        new_cost = number_field(
            t("budgetpage.col.unit_cost"),
            0.0,
            key=f"budget_add_cost_{version}",
            kind="money",
            min_value=0.0,
        )
    if st.form_submit_button(t("budgetpage.add_button"), icon=":material/add:"):
        if not new_label.strip() and new_cost <= 0:
            st.error(t("budgetpage.add_empty"))
        else:
            line = BudgetLine(
                category=new_category,
                label=new_label.strip(),
                influencer_id=new_influencer,
                quantity=float(new_quantity),
                unit_cost_eur_ht=float(new_cost),
            )
            budget_plan.replace_manual_lines(plan, [*budget_plan.manual_lines(plan), line])
            st.session_state["budget_lines_version"] = version + 1
            state.flash(
                "success",
                t(
                    "budgetpage.added",
                    label=line.label or category_labels[line.category],
                    amount=fmt_money(line.quantity * line.unit_cost_eur_ht, lang),
                ),
            )
            st.rerun()

# --- breakdowns -----------------------------------------------------------------------------
st.header(t("budgetpage.breakdown_title"))
if summary is not None and summary.total_ht <= 0:
    st.caption(t("budgetpage.breakdown_empty"))
elif summary is not None:
    charts_grid = st.columns(2)
    parts = (
        ("category", summary.by_category),
        ("influencer_id", summary.by_influencer),
        ("tier", summary.by_tier),
        ("platform", summary.by_platform),
    )
    for index, (key, frame) in enumerate(parts):
        with charts_grid[index % 2]:
            if frame.empty:
                st.caption(t(f"budgetpage.chart.none_{key}"))
            else:
                st.plotly_chart(
                    budget_plan.breakdown_figure(frame, key, lang, names),
                    width="stretch",
                    key=f"budget_chart_{key}",
                )

# --- the optimiser --------------------------------------------------------------------------
st.header(t("budgetpage.optimiser_title"))
st.write(t("budgetpage.optimiser_intro"))
assumptions_panel(plan, "budget")
settings = budget_plan.read_settings(plan)

o1, o2, o3 = st.columns([2, 2, 1.2], gap="large")
with o1:
    pool = bound(
        st.radio,
        "budget_pool",
        settings.pool,
        t("budgetpage.pool"),
        options=list(budget_plan.POOLS),
        format_func=state.labeller("budgetpage.pool_option"),
    )
    platforms = settings.platforms
    top_n = settings.top_n
    include_flagged = settings.include_flagged
    if pool == "case":
        st.caption(t("budgetpage.case_pool_help"))
        include_flagged = bound(
            st.checkbox,
            "budget_include_flagged",
            settings.include_flagged,
            t("budgetpage.include_flagged"),
            help=t("budgetpage.include_flagged_help"),
        )
    if pool == "brand_fit":
        top_n = number_field(
            t("budgetpage.top_n"),
            settings.top_n,
            key=state.widget_key("budget_top_n"),
            kind="count",
            min_value=1,
            max_value=200,
            help=t("budgetpage.top_n_help"),
        )
    if pool != "shortlist":
        platforms = bound(
            st.multiselect,
            "budget_platforms",
            settings.platforms,
            t("budgetpage.platforms"),
            options=list(PLATFORMS),
            format_func=state.labeller("data.platform"),
            placeholder=t("budgetpage.platforms_all"),
        )
with o2:
    kpi = bound(
        st.selectbox,
        "budget_kpi",
        settings.kpi,
        t("budgetpage.kpi"),
        options=list(budget_plan.VALUE_KPIS),
        format_func=state.labeller("budgetpage.kpi_option"),
        help=t("budgetpage.kpi_help", aim=i18n_label("aim", plan.brief.business_aim, lang)),
    )
    cost_basis = bound(
        st.radio,
        "budget_cost_basis",
        settings.cost_basis,
        t("budgetpage.cost_basis"),
        options=list(budget_plan.COST_BASES),
        format_func=state.labeller("budgetpage.cost_basis_option"),
    )
with o3:
    default_posts = number_field(
        t("budgetpage.default_posts"),
        settings.default_posts,
        key=state.widget_key("budget_default_posts"),
        kind="count",
        min_value=1,
        max_value=50,
        help=t("budgetpage.default_posts_help"),
    )

settings.pool, settings.platforms, settings.kpi = pool, list(platforms), kpi
settings.top_n, settings.include_flagged = top_n, bool(include_flagged)
settings.cost_basis, settings.default_posts = cost_basis, default_posts

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
usable_ids = pool_frame.loc[pool_frame["usable"], "candidate_id"].tolist()
pool_names = {i: names.get(i, i) for i in pool_frame["candidate_id"]}

has_constraints = bool(
    settings.groups
    or settings.must_include
    or settings.must_exclude
    or settings.min_chosen not in (None, budget_plan.DEFAULT_MIN_CHOSEN)
    or settings.max_chosen not in (None, budget_plan.DEFAULT_MAX_CHOSEN)
    or settings.max_share is not None
)
with st.expander(
    t("budgetpage.constraints_title"), expanded=has_constraints, icon=":material/tune:"
):
    c1, c2, c3 = st.columns(3)
    with c1:
        min_chosen = number_field(
            t("budgetpage.min_chosen"),
            settings.min_chosen,
            key=state.widget_key("budget_min_chosen"),
            kind="count",
            min_value=0,
            placeholder=t("budgetpage.no_limit"),
            help=t("budgetpage.count_help"),
        )
    with c2:
        max_chosen = number_field(
            t("budgetpage.max_chosen"),
            settings.max_chosen,
            key=state.widget_key("budget_max_chosen"),
            kind="count",
            min_value=0,
            placeholder=t("budgetpage.no_limit"),
            help=t("budgetpage.count_help"),
        )
    share = bound(
        c3.slider,
        "budget_max_share",
        int(round((settings.max_share or 0) * 100)),
        t("budgetpage.max_share"),
        min_value=0,
        max_value=100,
        step=5,
        format="%d %%",
        help=t("budgetpage.max_share_help"),
    )
    m1, m2 = st.columns(2)
    must_include = bound(
        m1.multiselect,
        "budget_must_include",
        [i for i in settings.must_include if i in pool_names],
        t("budgetpage.must_include"),
        options=list(pool_names),
        placeholder=t("budgetpage.choose_placeholder"),
        format_func=pool_names.get,
    )
    must_exclude = bound(
        m2.multiselect,
        "budget_must_exclude",
        [i for i in settings.must_exclude if i in pool_names],
        t("budgetpage.must_exclude"),
        options=list(pool_names),
        placeholder=t("budgetpage.choose_placeholder"),
        format_func=pool_names.get,
    )
    # Ids no longer in the pool stay stored, so switching pools back keeps the trainee's picks.
    settings.must_include = [
        *must_include,
        *(i for i in settings.must_include if i not in pool_names),
    ]
    settings.must_exclude = [
        *must_exclude,
        *(i for i in settings.must_exclude if i not in pool_names),
    ]
    settings.min_chosen = None if min_chosen is None else int(min_chosen)
    settings.max_chosen = None if max_chosen is None else int(max_chosen)
    settings.max_share = share / 100 if share else None

    st.markdown(f"**{t('budgetpage.group_title')}**")
    st.caption(t("budgetpage.group_help"))
    for bound_item in list(settings.groups):
        g1, g2 = st.columns([5, 1])
        parts = []
        if bound_item.min_count is not None:
            parts.append(t("budgetpage.bound_min", count=bound_item.min_count))
        if bound_item.max_count is not None:
            parts.append(t("budgetpage.bound_max", count=bound_item.max_count))
        g1.write(
            t(
                "budgetpage.group_item",
                column=t(f"budgetpage.group_column.{bound_item.column}"),
                group=i18n_label(
                    budget_plan.GROUP_NAMESPACES.get(bound_item.column, ""), bound_item.group, lang
                ),
                bounds=", ".join(parts),
            )
        )
        if g2.button(
            t("budgetpage.group_remove"),
            key=f"budget_group_remove_{bound_item.column}_{bound_item.group}",
            icon=":material/close:",
        ):
            settings.groups = [g for g in settings.groups if g != bound_item]
            budget_plan.write_settings(plan, settings)
            st.rerun()
    a1, a2, a3, a4, a5 = st.columns([1.4, 2, 1, 1, 1.2], vertical_alignment="bottom")
    group_column = a1.selectbox(
        t("budgetpage.group_column_label"),
        list(budget_plan.GROUP_COLUMNS),
        format_func=state.labeller("budgetpage.group_column"),
        key="budget_group_column",
    )
    group_value = a2.selectbox(
        t("budgetpage.group_value"),
        list(budget_plan.group_options(group_column)),
        format_func=state.labeller(budget_plan.GROUP_NAMESPACES[group_column]),
        key=f"budget_group_value_{group_column}",
    )
    with a3:
        group_min = number_field(
            t("budgetpage.group_min"),
            None,
            key="budget_group_min",
            kind="count",
            min_value=0,
            placeholder="—",
        )
    with a4:
        group_max = number_field(
            t("budgetpage.group_max"),
            None,
            key="budget_group_max",
            kind="count",
            min_value=0,
            placeholder="—",
        )
    if a5.button(t("budgetpage.group_add"), icon=":material/add:", key="budget_group_add"):
        try:
            budget_plan.add_group_bound(
                settings,
                budget_plan.GroupBound(
                    group_column,
                    group_value,
                    None if group_min is None else int(group_min),
                    None if group_max is None else int(group_max),
                ),
            )
        except UserError as err:
            st.error(err.message(lang))
        else:
            budget_plan.write_settings(plan, settings)
            st.rerun()

if st.button(
    t("budgetpage.run_button"), type="primary", icon=":material/calculate:", key="budget_run"
):
    settings.ran = True
budget_plan.write_settings(plan, settings)


# A function that returns early: st.stop() after a change to the plan would skip its autosave.
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
        st.caption(
            t(
                "budgetpage.skipped",
                count=len(outcome_run.skipped),
                names=", ".join(_name(i) for i in outcome_run.skipped[:8]),
            )
        )
    if outcome_run.dropped_constraints:
        st.caption(
            t(
                "budgetpage.dropped",
                names=", ".join(_name(i) for i in outcome_run.dropped_constraints),
            )
        )
    if result.status == "infeasible":
        return

    kpi_label = t(f"budgetpage.kpi_option.{settings.kpi}")
    chosen = result.chosen
    st.subheader(t("budgetpage.pick_title"))
    r1, r2, r3, r4 = st.columns(4)
    r1.metric(t("budgetpage.result.count"), fmt_number(len(chosen), lang))
    r2.metric(t("budgetpage.result.cost"), fmt_money(result.total_cost, lang))
    r3.metric(kpi_label, fmt_kpi(settings.kpi, result.total_value, lang))
    r4.metric(t("budgetpage.result.remaining"), fmt_money(result.remaining, lang))
    st.dataframe(
        pd.DataFrame(
            {
                t("budgetpage.result.name"): chosen["name"],
                t("budgetpage.result.platform"): [
                    i18n_label("data.platform", p, lang) for p in chosen["platform"]
                ],
                t("budgetpage.result.tier"): [
                    i18n_label("metrics.tier", x, lang) for x in chosen["tier"]
                ],
                t("budgetpage.result.posts"): [fmt_number(v, lang) for v in chosen["posts"]],
                t("budgetpage.result.cost_col"): [fmt_money(v, lang, 0) for v in chosen["cost"]],
                t("budgetpage.result.expected", kpi=kpi_label): [
                    fmt_kpi(settings.kpi, v, lang) for v in chosen["value"]
                ],
                t("budgetpage.result.why"): budget_plan.pick_reasons(
                    chosen, plan, settings.kpi, lang
                ),
                t("budgetpage.result.on_shortlist"): [
                    t("budgetpage.yes") if v else t("budgetpage.no") for v in chosen["on_shortlist"]
                ],
            }
        ),
        hide_index=True,
        width="stretch",
        # The reasons are the longest cell: give them the room, keep the figures narrow.
        column_config={t("budgetpage.result.why"): st.column_config.TextColumn(width="large")},
        key="budget_chosen",
    )

    # --- low / expected / high ------------------------------------------------------------------
    st.subheader(t("budgetpage.outcome_title", kpi=kpi_label))
    if len(chosen):
        low, expected, high = (float(chosen[c].sum()) for c in ("value_low", "value", "value_high"))
        l1, l2, l3 = st.columns(3)
        l1.metric(t("budget.outcome.low"), fmt_kpi(settings.kpi, low, lang))
        l2.metric(t("budget.outcome.expected"), fmt_kpi(settings.kpi, expected, lang))
        l3.metric(t("budget.outcome.high"), fmt_kpi(settings.kpi, high, lang))
        st.caption(t("budgetpage.outcome_forecast_help"))

    # --- against the shortlist ------------------------------------------------------------------
    nobody = t("budgetpage.nobody")
    st.subheader(t("budgetpage.compare_title"))
    if not plan.shortlist:
        st.caption(t("budgetpage.compare_no_shortlist"))
    else:
        totals, only_pick, only_own = budget_plan.compare_with_shortlist(
            plan, table, settings, result.chosen_ids, lang
        )
        st.dataframe(
            pd.DataFrame(
                {
                    t("budgetpage.compare_col.selection"): [
                        t(f"budgetpage.selection.{s}") for s in totals["selection"]
                    ],
                    t("budgetpage.compare_col.count"): [
                        fmt_number(v, lang) for v in totals["count"]
                    ],
                    t("budgetpage.compare_col.cost"): [fmt_money(v, lang) for v in totals["cost"]],
                    kpi_label: [fmt_kpi(settings.kpi, v, lang) for v in totals["value"]],
                    t("budgetpage.result.value_per_eur", kpi=kpi_label): [
                        fmt_number(v * 1000, lang, 1) for v in totals["value_per_eur"]
                    ],
                }
            ),
            hide_index=True,
            width="stretch",
            key="budget_compare",
        )
        d1, d2 = st.columns(2)
        d1.markdown(
            f"**{t('budgetpage.only_pick')}**  \n"
            + (", ".join(_name(i) for i in only_pick) or nobody)
        )
        d2.markdown(
            f"**{t('budgetpage.only_own')}**  \n"
            + (", ".join(_name(i) for i in only_own) or nobody)
        )

    # --- apply ----------------------------------------------------------------------------------
    if result.chosen_ids:
        pick_ids = result.chosen_ids
        to_add = [i for i in pick_ids if plan.shortlist_entry(i) is None]
        to_reserve = [
            e.influencer_id
            for e in plan.shortlist
            if e.influencer_id not in set(pick_ids) and e.role != "reserve"
        ]
        with st.popover(t("budgetpage.apply_button"), icon=":material/playlist_add_check:"):
            st.write(
                t(
                    "budgetpage.apply_explain",
                    added=", ".join(_name(i) for i in to_add) or nobody,
                    reserved=", ".join(_name(i) for i in to_reserve) or nobody,
                )
            )
            if st.button(t("budgetpage.apply_confirm"), type="primary", key="budget_apply"):
                added, reserved, promoted = budget_plan.apply_pick(plan, pick_ids, lang)
                state.flash(
                    "success",
                    t(
                        "budgetpage.applied",
                        added=len(added),
                        reserved=len(reserved),
                        promoted=len(promoted),
                    ),
                )
                st.rerun()


_show_optimiser()
