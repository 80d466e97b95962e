"""The budget page's forms: a new budget line, the optimiser's settings and its constraints.

Each field shows what the plan holds; the line is added when the form is sent, the settings
are changed in place and the page stores them."""

from __future__ import annotations

import streamlit as st

from influkit.campaign.budget import plan as budget_plan
from influkit.campaign.budget.optimiser import BUDGET_CATEGORIES
from influkit.campaign.budget.plan import OptimizerSettings
from influkit.errors import UserError
from influkit.plan.model import PLATFORMS, BudgetLine, Plan
from influkit.text.formats import fmt_money, fmt_percent
from influkit.text.i18n import label as i18n_label
from ui import state
from ui.state import bound, t
from ui.widgets import number_field


def settings_form(plan: Plan, settings: OptimizerSettings) -> None:
    """The pool, the KPI to maximise, the cost basis and the posts per influencer."""
    lang = state.lang()
    o1, o2, o3 = st.columns([2, 2, 1.2], gap="large")
    with o1:
        settings.pool = bound(
            st.radio,
            "budget_pool",
            settings.pool,
            t("budgetpage.pool"),
            options=list(budget_plan.POOLS),
            format_func=state.labeller("budgetpage.pool_option"),
        )
        if settings.pool == "case":
            st.caption(t("budgetpage.case_pool_help"))
            settings.include_flagged = bool(
                bound(
                    st.checkbox,
                    "budget_include_flagged",
                    settings.include_flagged,
                    t("budgetpage.include_flagged"),
                    help=t("budgetpage.include_flagged_help"),
                )
            )
        if settings.pool == "brand_fit":
            settings.top_n = number_field(
                t("budgetpage.top_n"),
                settings.top_n,
                key=state.widget_key("budget_top_n"),
                kind="count",
                min_value=1,
                max_value=200,
                help=t("budgetpage.top_n_help"),
            )
        if settings.pool != "shortlist":
            settings.platforms = list(
                bound(
                    st.multiselect,
                    "budget_platforms",
                    settings.platforms,
                    t("budgetpage.platforms"),
                    options=list(PLATFORMS),
                    format_func=state.labeller("data.platform"),
                    placeholder=t("budgetpage.platforms_all"),
                )
            )
    with o2:
        aim = i18n_label("aim", plan.brief.business_aim, lang)
        settings.kpi = bound(
            st.selectbox,
            "budget_kpi",
            settings.kpi,
            t("budgetpage.kpi"),
            options=list(budget_plan.VALUE_KPIS),
            format_func=state.labeller("budgetpage.kpi_option"),
            help=t("budgetpage.kpi_help", aim=aim),
        )
        settings.cost_basis = bound(
            st.radio,
            "budget_cost_basis",
            settings.cost_basis,
            t("budgetpage.cost_basis"),
            options=list(budget_plan.COST_BASES),
            format_func=state.labeller("budgetpage.cost_basis_option"),
        )
    with o3:
        settings.default_posts = number_field(
            t("budgetpage.default_posts"),
            settings.default_posts,
            key=state.widget_key("budget_default_posts"),
            kind="count",
            min_value=1,
            max_value=50,
            help=t("budgetpage.default_posts_help"),
        )


def constraints_form(plan: Plan, settings: OptimizerSettings, pool_names: dict[str, str]) -> None:
    """How many to pick, the share per influencer, who must (not) be picked, bounds per group."""
    lang = state.lang()
    constraints = st.expander(
        t("budgetpage.constraints_title"),
        expanded=budget_plan.has_constraints(settings),
        icon=":material/tune:",
    )
    with constraints:
        c1, c2, c3 = st.columns(3)
        for column, field in ((c1, "min_chosen"), (c2, "max_chosen")):
            with column:
                chosen_count = number_field(
                    t(f"budgetpage.{field}"),
                    getattr(settings, field),
                    key=state.widget_key(f"budget_{field}"),
                    kind="count",
                    min_value=0,
                    placeholder=t("budgetpage.no_limit"),
                    help=t("budgetpage.count_help"),
                )
                setattr(settings, field, None if chosen_count is None else int(chosen_count))
        share_step = budget_plan.max_share_step(settings.max_share)
        share = bound(
            c3.select_slider,
            "budget_max_share",
            share_step,
            t("budgetpage.max_share"),
            options=list(budget_plan.MAX_SHARE_STEPS),
            format_func=lambda step: fmt_percent(step, lang, 0),
            help=t("budgetpage.max_share_help"),
        )
        if share != share_step:  # moved by the trainee (a stored 33 % stays 33 % until then)
            settings.max_share = share or None
        m1, m2 = st.columns(2)
        for column, field in ((m1, "must_include"), (m2, "must_exclude")):
            picked = bound(
                column.multiselect,
                f"budget_{field}",
                [i for i in getattr(settings, field) if i in pool_names],
                t(f"budgetpage.{field}"),
                options=list(pool_names),
                placeholder=t("budgetpage.choose_placeholder"),
                format_func=pool_names.get,
            )
            stored = getattr(settings, field)
            setattr(settings, field, budget_plan.kept_outside_pool(picked, stored, pool_names))

        st.markdown(f"**{t('budgetpage.group_title')}**")
        st.caption(t("budgetpage.group_help"))
        for group_bound in list(settings.groups):
            g1, g2 = st.columns([5, 1])
            g1.write(budget_plan.group_bound_text(group_bound, lang))
            if g2.button(
                t("budgetpage.group_remove"),
                key=f"budget_group_remove_{group_bound.column}_{group_bound.group}",
                icon=":material/close:",
            ):
                settings.groups = [g for g in settings.groups if g != group_bound]
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
        limits = {}
        for column, side in ((a3, "min"), (a4, "max")):
            with column:
                limits[f"{side}_count"] = number_field(
                    t(f"budgetpage.group_{side}"),
                    None,
                    key=f"budget_group_{side}",
                    kind="count",
                    min_value=0,
                    placeholder="—",
                )
        if a5.button(t("budgetpage.group_add"), icon=":material/add:", key="budget_group_add"):
            try:
                budget_plan.add_group_bound(
                    settings, budget_plan.GroupBound.entered(group_column, group_value, **limits)
                )
            except UserError as err:
                st.error(err.message(lang))
            else:
                budget_plan.write_settings(plan, settings)
                st.rerun()


def add_line_form(
    plan: Plan,
    influencer_options: list[str],
    names: dict[str, str],
    category_labels: dict[str, str],
) -> None:
    """Add one line (category, label, influencer, quantity, unit cost HT) in one go."""
    lang = state.lang()
    # Keys are refreshed once a line is added, so the form starts empty again.
    with st.form("budget_add_line", border=True):
        st.markdown(f"**{t('budgetpage.add_title')}**")
        f1, f2, f3, f4, f5 = st.columns([2.2, 2.4, 2, 1, 1.8], vertical_alignment="bottom")
        new_category = f1.selectbox(
            t("budgetpage.col.category"),
            list(BUDGET_CATEGORIES),
            index=list(BUDGET_CATEGORIES).index("paid_amplification"),
            format_func=category_labels.get,
            key=state.widget_key("budget_add_category"),
        )
        new_label = f2.text_input(
            t("budgetpage.col.label"), key=state.widget_key("budget_add_label")
        )
        add_labels = {
            None: t("budgetpage.no_influencer"),
            **{i: names.get(i, i) for i in influencer_options},
        }
        new_influencer = f3.selectbox(
            t("budgetpage.col.influencer"),
            [None, *influencer_options],
            format_func=add_labels.get,
            key=state.widget_key("budget_add_influencer"),
        )
        with f4:
            quantity_key = state.widget_key("budget_add_qty")
            new_quantity = number_field(
                t("budgetpage.col.quantity"), 1, key=quantity_key, kind="count", min_value=0
            )
        with f5:
            cost_key = state.widget_key("budget_add_cost")
            new_cost = number_field(
                t("budgetpage.col.unit_cost"), 0.0, key=cost_key, kind="money", min_value=0.0
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
                state.refresh("budget_lines", "budget_add_category", "budget_add_label")
                state.refresh("budget_add_influencer", "budget_add_qty", "budget_add_cost")
                amount = fmt_money(line.quantity * line.unit_cost_eur_ht, lang)
                added = line.label or category_labels[line.category]
                state.flash("success", t("budgetpage.added", label=added, amount=amount))
                st.rerun()
