"""Module 2 — explore influencers: filters, a sortable table, a profile card, add to the shortlist."""

import streamlit as st

from influkit import metrics
from influkit.errors import UserError
from influkit.identify import explorer, profiles
from influkit.text.formats import NOT_AVAILABLE, fmt_number
from ui import explorer_filters, profile_card, state
from ui.state import bound, t

lang = state.lang()
plan = state.current_plan()

st.title(t("explorer.title"))
st.write(t("explorer.intro"))
st.caption(":material/info: " + t("app.fictional"))

# --- calculation settings: the plan's when there is one, else this session's ---------------
SETTINGS = {
    "tier_scheme": (list(metrics.TIER_SCHEMES), "metrics.scheme", "explorer.scheme"),
    "er_basis": (list(metrics.BASES), "metrics.basis", "explorer.basis"),
    "er_method": (list(metrics.METHODS), "metrics.method", "explorer.method"),
}
chosen: dict[str, str] = {}
with st.expander(t("explorer.settings_title"), icon=":material/tune:"):
    st.caption(t("explorer.settings_intro"))
    if plan is None:
        st.caption(t("explorer.settings_no_plan"))
    for column, (name, (options, namespace, label_key)) in zip(
        st.columns(3), SETTINGS.items(), strict=True
    ):
        if plan is not None:
            stored = getattr(plan.settings, name)
            stored = stored if stored in options else options[0]
            value = bound(
                column.selectbox,
                f"explorer_{name}",
                stored,
                t(label_key),
                options=options,
                format_func=state.labeller(namespace),
            )
            if value != getattr(plan.settings, name):
                setattr(plan.settings, name, value)
        else:
            value = column.selectbox(
                t(label_key),
                options=options,
                format_func=state.labeller(namespace),
                key=f"explorer_session_{name}",
                persist_state="session",
            )
        chosen[name] = value
    st.caption(
        t(f"metrics.scheme_definition.{chosen['tier_scheme']}")
        + " "
        + t(f"metrics.method_definition.{chosen['er_method']}", n_posts=metrics.DEFAULT_N_POSTS)
    )

try:
    table = profiles.influencer_table(
        plan, scheme=chosen["tier_scheme"], basis=chosen["er_basis"], method=chosen["er_method"]
    )
except UserError as err:
    st.error(err.message(lang))
    st.stop()
options = explorer.filter_options(table)

filters = explorer_filters.filter_panel(table, options)
shown = explorer.filter_influencers(table, filters)

# --- the table ------------------------------------------------------------------------------
st.markdown(
    t("explorer.count", shown=fmt_number(len(shown), lang), total=fmt_number(len(table), lang))
)
shortlisted = plan.shortlisted_ids() if plan is not None else []
display = explorer.display_table(shown, lang, shortlisted)
ids = display["influencer_id"].tolist()
PICK = "explorer_pick"
if st.session_state.get(PICK) not in ids:
    st.session_state[PICK] = None
display.insert(0, "open", display["influencer_id"] == st.session_state[PICK])
# A new key after each applied edit: the table is redrawn from the plan, with no edit pending.
TABLE_GEN = "explorer_table_gen"
generation = st.session_state.setdefault(TABLE_GEN, 0)
table_key = f"explorer_table_{abs(hash((filters, tuple(chosen.values())))) % 10**10}_{generation}"


def apply_table_edits(key: str, shown_ids: list[str], handles: dict[str, str]) -> None:
    """Apply the ticked boxes (the shortlist changes in the plan, the card opens below), then
    draw the page again from the plan."""
    edited = (st.session_state.get(key) or {}).get("edited_rows") or {}
    if not edited:
        return
    edit = explorer.table_edit(edited, shown_ids)
    if plan is not None:
        added, removed = explorer.apply_table_edit(plan, edit)
        role = state.label("role", "creator")
        for influencer_id in added:
            state.flash("toast", t("explorer.added", handle=handles[influencer_id], role=role))
        for influencer_id in removed:
            state.flash("toast", t("explorer.removed", handle=handles[influencer_id]))
    if edit.open is not None:
        st.session_state[PICK] = edit.open
    st.session_state[TABLE_GEN] = st.session_state.get(TABLE_GEN, 0) + 1
    st.rerun()


def _col(name: str) -> str:
    return t(f"explorer.col.{name}")


if display.empty:
    st.info(t("explorer.none_match"))
else:
    st.caption(t("explorer.table_help" if plan is not None else "explorer.table_help_no_plan"))
    handles = dict(zip(ids, display["handle"].where(display["handle"] != "", ids), strict=True))
    editable = {"open", "shortlisted"} if plan is not None else {"open"}
    st.data_editor(
        display,
        key=table_key,
        disabled=[c for c in display.columns if c not in editable],
        hide_index=True,
        width="stretch",
        height=min(440, 38 + 35 * len(display)),
        column_order=["open", *explorer.TABLE_COLUMNS],
        placeholder=NOT_AVAILABLE[lang],
        column_config={
            "open": st.column_config.CheckboxColumn(
                _col("open"), help=t("explorer.col_help.open"), width=70, pinned=True
            ),
            "shortlisted": st.column_config.CheckboxColumn(
                _col("shortlisted"),
                help=t(
                    "explorer.col_help.shortlisted"
                    if plan is not None
                    else "explorer.col_help.shortlisted_no_plan"
                ),
                width=100,
                pinned=True,
            ),
            "handle": st.column_config.TextColumn(_col("handle")),
            "platform": st.column_config.TextColumn(_col("platform")),
            "niche": st.column_config.TextColumn(_col("niche")),
            "tier": st.column_config.TextColumn(_col("tier"), width="small"),
            "country": st.column_config.TextColumn(_col("country"), width="small"),
            "followers": st.column_config.NumberColumn(_col("followers"), format="localized"),
            "er": st.column_config.NumberColumn(
                _col("er"), format="percent", help=t("explorer.col_help.er")
            ),
            "price_per_post_eur": st.column_config.NumberColumn(
                _col("price_per_post_eur"), format="euro", step=1
            ),
            "est_cpm_eur": st.column_config.NumberColumn(
                _col("est_cpm_eur"), format="euro", help=t("explorer.col_help.est_cpm_eur")
            ),
            "audience_credibility": st.column_config.NumberColumn(
                _col("audience_credibility"),
                format="percent",
                help=t("explorer.col_help.audience_credibility"),
            ),
        },
    )

    apply_table_edits(table_key, ids, handles)

# --- the profile card -----------------------------------------------------------------------
st.header(t("explorer.pick"))
names = dict(
    zip(
        ids,
        display["handle"] + " — " + display["display_name"] + " · " + display["platform"],
        strict=True,
    )
)
pick = st.selectbox(
    t("explorer.pick"),
    options=ids,
    index=None,
    format_func=names.get,
    placeholder=t("explorer.pick_placeholder"),
    key=PICK,
    label_visibility="collapsed",
)


if pick is None:
    st.caption(t("explorer.pick_hint"))
else:
    profile_card.show(
        table.set_index("influencer_id").loc[pick],
        pick,
        plan,
        chosen["er_basis"],
        chosen["er_method"],
    )
