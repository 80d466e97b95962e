"""Shortlist: the accounts kept for the campaign, their roles and notes, totals, side-by-side view."""

import pandas as pd
import streamlit as st

from influkit.errors import UserError
from influkit.identify import brandfit, figures, profiles
from influkit.plan.model import SHORTLIST_ROLES
from influkit.text.formats import fmt_money, fmt_number, fmt_percent
from ui import state
from ui.navigation import page_link
from ui.state import labeller, t

lang = state.lang()
plan = state.require_plan()


st.title(t("shortlist.title"))
st.write(t("shortlist.intro"))

if not plan.shortlist:
    st.info(t("shortlist.empty"))
    page_link("explorer", t("shortlist.go_explorer"), ":material/travel_explore:")
    page_link("brand_fit", t("shortlist.go_brand_fit"), ":material/handshake:")
    st.stop()

table = profiles.influencer_table(plan)
try:
    ranked = brandfit.plan_ranking(plan, table)
except UserError as err:
    st.warning(t("shortlist.weights_fallback", reason=err.message(lang)))
    ranked = brandfit.ranking(table, plan.brief, cost_reference=brandfit.plan_cost_reference(plan))
short = brandfit.scored_shortlist(plan, ranked)
known = set(short["influencer_id"])
unknown = [i for i in plan.shortlisted_ids() if i not in known]
if unknown:
    st.warning(t("shortlist.unknown_entries", ids=", ".join(unknown)))


def _name(row: pd.Series) -> str:
    """How an account is named on this page: display name and handle."""
    return f"{row['display_name']} ({row['handle']})"


names = {row["influencer_id"]: _name(row) for _, row in short.iterrows()}

# --- totals ---------------------------------------------------------------------------------

st.header(t("shortlist.totals_title"))
totals = brandfit.shortlist_totals(short)
m1, m2, m3 = st.columns(3)
m1.metric(t("shortlist.total_count"), fmt_number(totals["count"], lang))
m2.metric(
    t("shortlist.total_price"),
    fmt_money(totals["total_price_eur"], lang, 0),
    help=t("shortlist.total_price_help"),
)
m3.metric(
    t("shortlist.total_followers"),
    fmt_number(totals["total_followers"], lang),
    help=t("shortlist.total_followers_help"),
)
budget = plan.brief.budget_eur_ht
if budget > 0:
    m2.caption(
        t(
            "shortlist.total_budget_share",
            share=fmt_percent(totals["total_price_eur"] / budget, lang, 0),
            budget=fmt_money(budget, lang, 0),
        )
    )
if totals["missing_prices"]:
    st.caption(t("shortlist.missing_prices", count=totals["missing_prices"]))
tiers_mix = " · ".join(
    f"{state.label('metrics.tier', tier)} × {count}" for tier, count in totals["tiers"].items()
)
platforms_mix = " · ".join(
    f"{state.label('data.platform', p)} × {count}" for p, count in totals["platforms"].items()
)
st.markdown(t("shortlist.tiers_mix", mix=tiers_mix or "—"))
st.markdown(t("shortlist.platforms_mix", mix=platforms_mix or "—"))

# --- roles and notes ------------------------------------------------------------------------

st.header(t("shortlist.editor_title"))
st.caption(t("shortlist.editor_help"))
editable = pd.DataFrame(
    {
        "name": short["display_name"],
        "role": short["role"],
        "note": short["note"].fillna(""),
        "score": short["score"].round(0),
        "platform": [state.label("data.platform", p) for p in short["platform"]],
        "followers": [fmt_number(v, lang) for v in short["followers"]],
        "er": [fmt_percent(v, lang, 1) for v in short["er"]],
        "price": [fmt_money(v, lang, 0) for v in short["price_per_post_eur"]],
        "tier": [state.label("metrics.tier", x) for x in short["tier"]],
        "handle": short["handle"],
    }
).set_index(short["influencer_id"])
edited = st.data_editor(
    editable,
    hide_index=True,
    width="stretch",
    disabled=["name", "handle", "platform", "tier", "followers", "er", "price", "score"],
    column_config={
        "name": st.column_config.TextColumn(t("shortlist.col.name")),
        "handle": st.column_config.TextColumn(t("shortlist.col.handle")),
        "platform": st.column_config.TextColumn(t("shortlist.col.platform")),
        "tier": st.column_config.TextColumn(t("shortlist.col.tier")),
        "followers": st.column_config.TextColumn(t("shortlist.col.followers")),
        "er": st.column_config.TextColumn(t("shortlist.col.er")),
        "price": st.column_config.TextColumn(t("shortlist.col.price")),
        "score": st.column_config.ProgressColumn(
            t("shortlist.col.score"), min_value=0, max_value=100, format="%d"
        ),
        "role": st.column_config.SelectboxColumn(
            t("shortlist.col.role"),
            options=list(SHORTLIST_ROLES),
            format_func=labeller("role"),
            required=True,
            width="medium",
            help=t("brandfit.add_role_help"),
        ),
        "note": st.column_config.TextColumn(t("shortlist.col.note"), width="medium"),
    },
    key=state.widget_key("shortlist_editor"),
)
brandfit.edit_shortlist(
    plan,
    {i: (edited.at[i, "role"], edited.at[i, "note"]) for i in edited.index},
)

# --- remove ---------------------------------------------------------------------------------

st.header(t("shortlist.remove_title"))
r1, r2 = st.columns([3, 1], vertical_alignment="bottom")
to_remove = r1.multiselect(
    t("shortlist.remove_pick"),
    options=plan.shortlisted_ids(),
    format_func=lambda i: names.get(i, i),
    placeholder=t("shortlist.remove_placeholder"),
    key=state.widget_key("shortlist_remove"),
)
if r2.button(t("shortlist.remove_button"), icon=":material/delete:", disabled=not to_remove):
    removed = sum(plan.remove_from_shortlist(i) for i in to_remove)
    # The editor restarts with the new list of accounts, so its row edits never shift rows.
    state.refresh("shortlist_editor", "shortlist_remove")
    state.flash("success", t("shortlist.removed", count=removed))
    st.rerun()

# --- compare --------------------------------------------------------------------------------

st.header(t("shortlist.compare_title"))
choices = list(short["influencer_id"])
if len(choices) < 2:
    st.info(t("shortlist.compare_need_more"))
    page_link("brand_fit", t("shortlist.go_brand_fit"), ":material/handshake:")
    st.stop()
picked = st.multiselect(
    t("shortlist.compare_pick"),
    options=choices,
    default=choices[:2],
    max_selections=4,
    format_func=lambda i: names.get(i, i),
    placeholder=t("shortlist.remove_placeholder"),
    key=f"shortlist_compare_pick_{lang}",
)
if len(picked) < 2:
    st.info(t("shortlist.compare_need_two"))
    st.stop()

raw = brandfit.comparison(short, picked)
formatters = {
    "platform": lambda v: state.label("data.platform", v),
    "tier": lambda v: state.label("metrics.tier", v),
    "count": lambda v: fmt_number(v, lang),
    "percent": lambda v: fmt_percent(v, lang, 1),
    "money": lambda v: fmt_money(v, lang, 2),
    "score": lambda v: fmt_number(v, lang),
}
kinds = dict(brandfit.COMPARISON_ROWS)
headers = []
for influencer_id in picked:
    label = short.loc[short["influencer_id"] == influencer_id, "display_name"].iloc[0]
    headers.append(label if label not in headers else names[influencer_id])
shown = pd.DataFrame(
    {
        header: [formatters[kinds[metric]](raw.at[metric, i]) for metric in raw.index]
        for header, i in zip(headers, picked, strict=True)
    },
    index=pd.Index(
        [t(f"shortlist.metric.{m}") for m in raw.index], name=t("shortlist.compare_figure")
    ),
)
st.dataframe(shown, width="stretch", height=35 * (len(shown) + 1) + 3, key="shortlist_compare")

profile = brandfit.criteria_profile(short, picked)
st.plotly_chart(
    figures.criteria_radar_figure(profile, picked, headers, lang),
    width="stretch",
    key="shortlist_radar",
)
st.caption(t("shortlist.radar_caption"))
