"""Module 2 — formula lab: every engagement-rate formula side by side, why they differ for each
influencer, the definitions and who uses them, and who changes tier between two schemes."""

import pandas as pd
import streamlit as st

from influkit import metrics
from influkit.data import datasets
from influkit.errors import UserError
from influkit.identify import explorer, figures, profiles
from influkit.text.formats import fmt_number
from ui import state
from ui.state import t

lang = state.lang()
plan = state.current_plan()

st.title(t("formulalab.title"))
st.write(t("formulalab.intro"))
st.info(t("formulalab.pain"), icon=":material/balance:")

try:
    table = profiles.influencer_table(plan)
except UserError as err:
    st.error(err.message(lang))
    st.stop()
posts = datasets.load("posts")


# --- choose the influencers -----------------------------------------------------------------
people = table.sort_values("handle", kind="stable")
names = dict(
    zip(
        people["influencer_id"],
        people["handle"].fillna("")
        + " — "
        + people["platform"].map(state.labeller("data.platform")).fillna(""),
        strict=True,
    )
)
default = explorer.default_lab_selection(table, plan.shortlisted_ids() if plan is not None else [])
picked = st.multiselect(
    t("formulalab.pick"),
    options=list(names),
    default=default,
    max_selections=explorer.LAB_MAX,
    format_func=names.get,
    placeholder=t("formulalab.pick_placeholder"),
    help=t("formulalab.pick_help"),
    key="formulalab_pick",
)

if not picked:
    st.info(t("formulalab.pick_none"))
else:
    lab = explorer.lab_table(posts, table, picked)
    without = lab.loc[lab["posts_used"] == 0, "handle"].tolist()
    if without:
        st.warning(t("formulalab.no_posts", handles=", ".join(map(str, without))))
    handles = [str(lab.at[i, "handle"] or i) for i in lab.index]

    # --- the nine rates side by side --------------------------------------------------------
    st.header(t("formulalab.table_title"))
    matrix = explorer.formula_matrix(lab)
    formulas, who = zip(*explorer.lab_formula_rows(lang), strict=True)
    shown = pd.DataFrame({t("formulalab.col_formula"): list(formulas)})
    for influencer_id, handle in zip(lab.index, handles, strict=True):
        shown[handle] = matrix[influencer_id].map(lambda v: explorer.fmt_rate(v, lang)).to_numpy()
    shown[t("formulalab.col_who")] = list(who)
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        row_height=40,
        column_config={
            t("formulalab.col_formula"): st.column_config.TextColumn(width=270),
            t("formulalab.col_who"): st.column_config.TextColumn(width="large"),
        },
    )
    st.caption(t("formulalab.table_caption", n_posts=metrics.DEFAULT_N_POSTS))

    # --- the chart --------------------------------------------------------------------------
    method = st.segmented_control(
        t("formulalab.chart_method"),
        options=["mean", "median"],
        default="mean",
        required=True,
        format_func=state.labeller("metrics.method"),
        key="formulalab_method",
    )
    st.plotly_chart(figures.formula_rates_figure(lab, handles, method, lang), width="stretch")

    # --- one sentence per influencer --------------------------------------------------------
    st.subheader(t("formulalab.why_title"))
    for influencer_id, handle in zip(lab.index, handles, strict=True):
        st.markdown(f"- **{handle}** — {explorer.explain_er_gap(lab.loc[influencer_id], lang)}")

# --- definitions ----------------------------------------------------------------------------
with st.expander(t("formulalab.definitions_title"), icon=":material/menu_book:", expanded=True):
    st.markdown(t("metrics.definition.engagement_rate"))
    st.markdown(
        "\n".join(
            f"- **{t(f'metrics.basis.{b}')}** — " + t(f"metrics.basis_why.{b}")
            for b in metrics.BASES
        )
    )
    st.markdown(f"**{t('formulalab.methods_title')}**")
    st.markdown(
        "\n".join(
            f"- **{t(f'metrics.method.{m}')}** — "
            + t(f"metrics.method_definition.{m}", n_posts=metrics.DEFAULT_N_POSTS)
            for m in metrics.METHODS
        )
    )
    st.caption(t("metrics.not_available_note"))

# --- tiers under two schemes ----------------------------------------------------------------
st.header(t("formulalab.tiers.title"))
st.write(t("formulalab.tiers.intro"))
schemes = list(metrics.TIER_SCHEMES)
first = plan.settings.tier_scheme if plan is not None else metrics.DEFAULT_TIER_SCHEME
first = first if first in schemes else metrics.DEFAULT_TIER_SCHEME
second = next(s for s in schemes if s != first)
col1, col2 = st.columns(2, gap="large")
scheme_a = col1.selectbox(
    t("formulalab.tiers.scheme_a"),
    options=schemes,
    index=schemes.index(first),
    format_func=state.labeller("metrics.scheme"),
    key="formulalab_scheme_a",
)
col1.caption(t(f"metrics.scheme_definition.{scheme_a}"))
scheme_b = col2.selectbox(
    t("formulalab.tiers.scheme_b"),
    options=schemes,
    index=schemes.index(second),
    format_func=state.labeller("metrics.scheme"),
    key="formulalab_scheme_b",
)
col2.caption(t(f"metrics.scheme_definition.{scheme_b}"))

if scheme_a == scheme_b:
    st.info(t("formulalab.tiers.same"))
else:
    changes = explorer.tier_changes(table, scheme_a, scheme_b)
    st.markdown(
        "**" + explorer.tier_change_sentence(changes, len(table), scheme_a, scheme_b, lang) + "**"
    )
    if not changes.empty:
        label_a = t("formulalab.tiers.col_from", scheme=t(f"metrics.scheme.{scheme_a}"))
        label_b = t("formulalab.tiers.col_to", scheme=t(f"metrics.scheme.{scheme_b}"))
        tier_label = state.labeller("metrics.tier")
        transitions = explorer.tier_transitions(changes)
        st.subheader(t("formulalab.tiers.transitions_title"))
        for column, (_, move) in zip(
            st.columns(max(len(transitions), 3)), transitions.iterrows(), strict=False
        ):
            column.metric(
                f"{tier_label(move['tier_a'])} → {tier_label(move['tier_b'])}",
                t("formulalab.tiers.count_value", count=fmt_number(move["count"], lang)),
            )
        st.subheader(t("formulalab.tiers.list_title"))
        st.dataframe(
            pd.DataFrame(
                {
                    t("formulalab.tiers.col_handle"): changes["handle"],
                    t("formulalab.tiers.col_platform"): changes["platform"].map(
                        state.labeller("data.platform")
                    ),
                    t("formulalab.tiers.col_followers"): changes["followers"],
                    label_a: changes["tier_a"].map(tier_label),
                    label_b: changes["tier_b"].map(tier_label),
                }
            ),
            hide_index=True,
            width="stretch",
            height=360,
            column_config={
                t("formulalab.tiers.col_followers"): st.column_config.NumberColumn(
                    format="localized"
                )
            },
        )
