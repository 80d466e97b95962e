"""Audience quality (module 2): the warning signs of a fake audience, each with its evidence."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from influkit.data import datasets
from influkit.identify import profiles, quality
from influkit.text import chart_style as charts
from influkit.text.formats import fmt_number, fmt_percent
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
    flagged = [i for i in shortlisted if summary.loc[i, "signals"] > 0]
    if flagged:
        key = "quality.banner_one" if len(flagged) == 1 else "quality.banner_many"
        st.warning(
            t(key, count=len(flagged), names=", ".join(plain(_name(i)) for i in flagged)),
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
listed = summary.loc[ids]
if only_signals:
    listed = listed.loc[(listed["signals"] > 0) | (listed["explained"] > 0)]
if scope == "all":
    listed = listed.sort_values(["score", "signals"], ascending=False, kind="stable")

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
    fig = go.Figure(
        go.Scatter(
            x=mine_history["week"],
            y=mine_history["followers"],
            mode="lines+markers",
            name=t("quality.axis_followers"),
            line={"color": charts.ACCENT},
            marker={"size": 5},
        )
    )
    for flag in mine.loc[mine["code"].isin(["bought_jump", "explained_jump"])].to_dict("records"):
        week = pd.Timestamp(flag["params"]["week"])
        bought = flag["code"] == "bought_jump"
        fig.add_vrect(
            x0=week - pd.Timedelta(days=7),
            x1=week + pd.Timedelta(days=1),
            fillcolor=charts.BAD if bought else "#1565C0",
            opacity=0.18,
            line_width=0,
            annotation_text=t("quality.jump_bought" if bought else "quality.jump_explained"),
            annotation_position="top left",
        )
        if not bought and flag["params"].get("post_date"):
            post_day = pd.Timestamp(flag["params"]["post_date"])
            level = mine_history.loc[mine_history["week"] <= post_day, "followers"]
            fig.add_trace(
                go.Scatter(
                    x=[post_day],
                    y=[level.iloc[-1] if len(level) else row["followers"]],
                    mode="markers",
                    name=t("quality.viral_post"),
                    marker={"symbol": "star", "size": 18, "color": "#1565C0"},
                )
            )
    fig.update_layout(
        xaxis_title=t("quality.axis_week"),
        yaxis_title=t("quality.axis_followers"),
        showlegend=False,
    )
    fig.update_xaxes(tickformat="%d/%m/%Y")
    fig.update_yaxes(tickformat=",.0f")
    charts.style(
        fig, lang, title=t("quality.followers_chart", name=row["display_name"]), height=380
    )
    st.plotly_chart(fig, width="stretch")


def _peer_chart(
    column: str,
    title_key: str,
    axis_key: str,
    percent: bool,
    low: float,
    high: float,
    bench: tuple[float, float] | None = None,
    scale: float = 1.0,
) -> None:
    """The account's value among its peers' (same platform x tier), with the usual band.

    ``scale`` changes the unit shown (comments per like become comments per 100 likes).
    """
    evidence = quality.peer_evidence(table, chosen, column)
    if evidence is None:
        st.info(t("quality.no_peers"))
        return
    value, norm = evidence["value"] * scale, evidence["norm"] * scale
    peers = evidence["peers"] * scale
    shown_value = fmt_percent(value, lang, 2) if percent else fmt_number(value, lang, 1)
    st.metric(
        t(f"quality.metric_{column}"),
        shown_value,
        delta=t("quality.vs_norm", ratio=fmt_number(evidence["ratio"], lang, 1)),
        delta_color="off",
        delta_arrow="off",
    )
    label = t(
        "quality.peers",
        platform=state.label("data.platform", row["platform"]),
        tier=state.label("metrics.tier", row["tier"]),
    )
    # A percent axis plots percentage points (ticks "4 %" in French).
    points = 100.0 if percent else 1.0
    fig = go.Figure()
    if bench is not None:
        fig.add_shape(
            type="rect",
            x0=bench[0] * points,
            x1=bench[1] * points,
            y0=0,
            y1=1,
            yref="paper",
            fillcolor=charts.GOOD,
            opacity=0.15,
            line_width=0,
            layer="below",
            name=t("quality.bench"),
            showlegend=True,
        )
    fig.add_shape(
        type="rect",
        x0=norm * low * points,
        x1=norm * high * points,
        y0=0,
        y1=1,
        yref="paper",
        fillcolor=charts.NEUTRAL,
        opacity=0.10,
        line_width=0,
        layer="below",
        name=t("quality.band", low=fmt_number(low, lang, 1), high=fmt_number(high, lang, 1)),
        showlegend=True,
    )
    fig.add_shape(
        type="line",
        x0=norm * points,
        x1=norm * points,
        y0=0,
        y1=1,
        yref="paper",
        line={"color": charts.NEUTRAL, "dash": "dash", "width": 2},
        name=t("quality.peer_median"),
        showlegend=True,
    )
    fig.add_trace(
        go.Box(
            x=peers * points,
            y=[label] * len(peers),
            orientation="h",
            boxpoints="all",
            jitter=0.6,
            pointpos=0,
            name=label,
            marker={"color": charts.NEUTRAL},
            line={"color": charts.NEUTRAL},
            fillcolor="rgba(0,0,0,0)",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[value * points],
            y=[label],
            mode="markers",
            name=t("quality.this_account"),
            marker={
                "size": 22,
                "color": charts.ACCENT,
                "symbol": "diamond",
                "line": {"color": "white", "width": 2},
            },
        )
    )
    fig.update_layout(xaxis_title=t(axis_key, basis=state.label("metrics.basis", basis)))
    fig.update_yaxes(showticklabels=False)
    charts.style(
        fig,
        lang,
        title=t(
            title_key,
            name=row["display_name"],
            peers=len(peers),
            platform=state.label("data.platform", row["platform"]),
            tier=state.label("metrics.tier", row["tier"]),
        ),
        height=330,
        percent_axis="x" if percent else None,
    )
    fig.update_layout(legend={"y": -0.35, "yanchor": "top"}, margin={"b": 10})
    if not percent:
        fig.update_xaxes(tickformat=",.1f")
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
_peer_chart(
    "er",
    "quality.er_chart",
    "quality.axis_er",
    True,
    quality.ER_LOW_RATIO,
    quality.ER_HIGH_RATIO,
    er_bench,
)
if row["platform"] in quality.NO_LIKES_PLATFORMS:
    st.info(t("quality.cl_not_applicable"))
else:
    _peer_chart(
        "comments_to_likes",
        "quality.cl_chart",
        "quality.axis_cl",
        False,
        quality.COMMENTS_LOW_RATIO,
        quality.COMMENTS_HIGH_RATIO,
        scale=100.0,
    )

# 3. Credibility and doubtful followers, against their thresholds.
credibility = row.get("audience_credibility")
suspicious = row.get("suspicious_followers_share")
mass = row.get("mass_followers_share")
if pd.isna(credibility) and pd.isna(suspicious) and pd.isna(mass):
    st.info(t("quality.no_audience_data"))
else:
    doubtful = quality.doubtful_share(suspicious, mass)
    fig = go.Figure()
    gauges = [
        (credibility, quality.CREDIBILITY_MIN, "quality.metric_credibility", True),
        (doubtful, quality.SUSPICIOUS_MAX, "quality.metric_doubtful", False),
    ]
    for position, (value, threshold, key, higher_is_better) in enumerate(gauges):
        if pd.isna(value):
            continue
        good = value >= threshold if higher_is_better else value <= threshold
        safe, risky = charts.GOOD, charts.BAD
        fig.add_trace(
            go.Indicator(
                mode="number+gauge",
                value=value * 100,
                number={"suffix": charts.percent_suffix(lang), "valueformat": ",.1f"},
                title={"text": t(key), "font": {"size": 15}},
                domain={"x": [0.3, 0.92], "y": [0.62 - 0.55 * position, 0.92 - 0.55 * position]},
                gauge={
                    "shape": "bullet",
                    "axis": {"range": [0, 100], "ticksuffix": charts.percent_suffix(lang)},
                    "bar": {"color": safe if good else risky, "thickness": 0.5},
                    "steps": [
                        {
                            "range": [0, threshold * 100],
                            "color": "#FDECEA" if higher_is_better else "#E8F5E9",
                        },
                        {
                            "range": [threshold * 100, 100],
                            "color": "#E8F5E9" if higher_is_better else "#FDECEA",
                        },
                    ],
                    "threshold": {
                        "line": {"color": risky, "width": 4},
                        "thickness": 0.9,
                        "value": threshold * 100,
                    },
                },
            )
        )
    charts.style(fig, lang, title=t("quality.audience_chart", name=row["display_name"]), height=320)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 60, "b": 30})
    st.plotly_chart(fig, width="stretch")
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
