"""Audience quality (module 2): the warning signs of a fake audience, each with its evidence."""

import pandas as pd
import streamlit as st

from influkit.data import datasets
from influkit.identify import figures, profiles, quality
from influkit.text import i18n
from influkit.text.formats import fmt_list, fmt_number, fmt_percent
from ui import state
from ui.state import t
from ui.text import defuse, plain

lang = state.lang()
plan = state.current_plan()

st.title(t("quality.title"))
st.write(t("quality.intro"))


table = profiles.influencer_table(plan)
history, posts = datasets.load("follower_history"), datasets.load("posts")
basis = plan.settings.er_basis if plan else "followers"
flags = quality.quality_flags(
    table, history, posts, benchmarks=datasets.load("benchmarks"), basis=basis
)
summary = quality.quality_summary(flags, ids=table["influencer_id"]).set_index("influencer_id")
info = table.set_index("influencer_id")
shortlisted = [i for i in (plan.shortlisted_ids() if plan else []) if i in info.index]
reviewed = quality.reviewed_ids(plan) if plan else set()


def _name(influencer_id: str) -> str:
    row = info.loc[influencer_id]
    return f"{row['display_name']} ({row['handle']})" if row["handle"] else str(row["display_name"])


# --- the shortlist's banner -------------------------------------------------------------------
if plan is None:
    st.info(t("quality.no_plan"))
elif shortlisted:
    flagged = quality.flagged_ids(summary, shortlisted)
    if flagged:
        st.warning(
            i18n.plural(
                "quality.banner",
                len(flagged),
                lang,
                count=len(flagged),
                names=fmt_list((plain(_name(i)) for i in flagged), lang),
            ),
            icon=":material/warning:",
        )
    else:
        st.success(t("quality.banner_none"), icon=":material/verified_user:")
    done, total = quality.review_progress(plan)
    st.progress(done / total if total else 0.0, text=t("quality.progress", done=done, total=total))

# --- the table of signals ---------------------------------------------------------------------
st.header(t("quality.table_title"))
scopes = ["shortlist", "all"] if shortlisted else ["all"]
col1, col2 = st.columns([2, 3], vertical_alignment="bottom")
scope = col1.radio(
    t("quality.scope"),
    options=scopes,
    format_func=state.labeller("quality.scope_option"),
    horizontal=True,
    key=state.widget_key("quality_scope"),
)
only_signals = col2.checkbox(
    t("quality.only_signals"), value=scope == "all", key=state.widget_key(f"quality_only_{scope}")
)
if plan is not None and not shortlisted:
    st.caption(t("quality.shortlist_empty"))

ids = shortlisted if scope == "shortlist" else list(summary.index)
listed = quality.review_list(summary, ids, only_signals, worst_first=scope == "all")

level_words = {level: t(f"quality.level.{level}") for level in quality.LEVELS}
level_words[""] = t("quality.no_signal")
matrix = quality.signal_matrix(listed.reset_index())
shown = pd.DataFrame(
    {
        "level": [level_words[level] for level in listed["worst_level"]],
        "name": info.loc[listed.index, "display_name"].to_numpy(),
        "reviewed": [i in reviewed for i in listed.index],
        **{
            group: [t(f"quality.cell.{code}") if code else "—" for code in matrix[group]]
            for group in quality.SIGNAL_GROUPS
        },
        "platform": [state.label("data.platform", p) for p in info.loc[listed.index, "platform"]],
    }
)
signal_columns = {
    group: st.column_config.TextColumn(
        t(f"quality.group.{group}"), help=t(f"quality.group_help.{group}")
    )
    for group in quality.SIGNAL_GROUPS
}
if shown.empty:
    st.info(t("quality.none_listed"))
else:
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(shown), 420),
        column_config={
            "level": st.column_config.TextColumn(t("quality.col_level")),
            "name": st.column_config.TextColumn(t("quality.col_name"), width="medium"),
            "platform": st.column_config.TextColumn(t("quality.col_platform")),
            **signal_columns,
            "reviewed": st.column_config.CheckboxColumn(t("quality.col_reviewed")),
        },
    )
    st.caption(t("quality.rows", shown=fmt_number(len(shown), lang)))

# --- the evidence for one influencer ----------------------------------------------------------
st.header(t("quality.evidence_title"))
options = list(listed.index) or ids
if not options:
    st.stop()
names = {i: _name(i) for i in options}
chosen = st.selectbox(
    t("quality.choose"),
    options=options,
    format_func=names.get,
    key=state.widget_key(f"quality_choose_{scope}_{only_signals}"),
)
row = info.loc[chosen]
st.subheader(plain(names[chosen]))
st.caption(
    t(
        "quality.profile",
        platform=state.label("data.platform", row["platform"]),
        tier=state.label("metrics.tier", row["tier"]),
        followers=fmt_number(row["followers"], lang),
    )
)

mine = flags.loc[flags["influencer_id"] == chosen]
if mine.empty:
    st.success(t("quality.no_flags"), icon=":material/check_circle:")
for flag in mine.to_dict("records"):
    box = {"alert": st.error, "warning": st.warning}.get(flag["level"], st.info)
    message = defuse(quality.flag_message(flag, lang), plan)
    box(f"**{quality.flag_label(flag['code'], lang)}** — {message}")

if plan is not None:
    marked = state.bound(
        st.checkbox,
        f"quality_reviewed_{chosen}",
        chosen in reviewed,
        t("quality.reviewed"),
        help=t("quality.reviewed_help"),
    )
    if quality.mark_reviewed(plan, chosen, marked):
        st.rerun()
else:
    st.caption(t("quality.reviewed_need_plan"))

# 1. Followers, with the jump weeks highlighted.
mine_history = history.loc[history["influencer_id"] == chosen].sort_values("week")
if mine_history.empty:
    st.info(t("quality.no_history"))
else:
    st.plotly_chart(
        figures.follower_jumps_figure(
            mine_history, mine, row["display_name"], row["followers"], lang
        ),
        width="stretch",
    )


def _peer_chart(view: quality.PeerView, bench: tuple[float, float] | None = None) -> None:
    """The account's value among its peers' (same platform x tier), with the usual band."""
    evidence = quality.peer_view_evidence(table, chosen, view)
    if evidence is None:
        st.info(t("quality.no_peers"))
        return
    value = evidence["value"]
    st.metric(
        t(f"quality.metric_{view.column}"),
        fmt_percent(value, lang, 2) if view.percent else fmt_number(value, lang, 1),
        delta=t("quality.vs_norm", ratio=fmt_number(evidence["ratio"], lang, 1)),
        delta_color="off",
        delta_arrow="off",
    )
    fig = figures.peer_comparison_figure(view, evidence, row, basis, lang, bench)
    st.plotly_chart(fig, width="stretch")


# 2. ER and comments per like among the peers.
er_bench = quality.er_benchmark_range(
    datasets.load("benchmarks"), basis, row["platform"], row["tier"]
)
if er_bench is None:
    st.caption(
        ":material/info: "
        + t(
            "quality.no_bench",
            platform=state.label("data.platform", row["platform"]),
            tier=state.label("metrics.tier", row["tier"]),
        )
    )
_peer_chart(quality.PEER_VIEWS["er"], er_bench)
if row["platform"] in quality.NO_LIKES_PLATFORMS:
    st.info(t("quality.cl_not_applicable"))
else:
    _peer_chart(quality.PEER_VIEWS["comments_to_likes"])

# 3. Credibility and doubtful followers, against their thresholds.
credibility = row.get("audience_credibility")
suspicious = row.get("suspicious_followers_share")
mass = row.get("mass_followers_share")
if pd.isna(credibility) and pd.isna(suspicious) and pd.isna(mass):
    st.info(t("quality.no_audience_data"))
else:
    gauges = quality.audience_gauges(credibility, quality.doubtful_share(suspicious, mass))
    st.plotly_chart(
        figures.audience_gauges_figure(gauges, row["display_name"], lang), width="stretch"
    )
    st.caption(
        t(
            "quality.audience_caption",
            suspicious=fmt_percent(suspicious, lang),
            mass=fmt_percent(mass, lang),
            credibility=fmt_percent(quality.CREDIBILITY_MIN, lang, 0),
            threshold=fmt_percent(quality.SUSPICIOUS_MAX, lang, 0),
        )
    )

with st.expander(t("quality.method_title"), icon=":material/info:"):
    st.markdown(
        t(
            "quality.method",
            growth=fmt_percent(quality.JUMP_MIN_GROWTH, lang, 0),
            ratio=fmt_number(quality.JUMP_MIN_RATIO, lang),
            viral=fmt_number(quality.VIRAL_FACTOR, lang),
            er_high=fmt_number(quality.ER_HIGH_RATIO, lang, 1),
            er_low=fmt_number(quality.ER_LOW_RATIO, lang, 1),
            cl_high=fmt_number(quality.COMMENTS_HIGH_RATIO, lang),
            cl_low=fmt_number(quality.COMMENTS_LOW_RATIO, lang, 2),
            peers=fmt_number(quality.MIN_PEERS, lang),
            credibility=fmt_percent(quality.CREDIBILITY_MIN, lang, 0),
            suspicious=fmt_percent(quality.SUSPICIOUS_MAX, lang, 0),
        )
    )
