"""Charts of modules 1 and 2: the market's trends, a profile's posts, followers and audience, the
audience-quality evidence, influence against the norm, rising hashtags, the engagement-rate
formulas, brand fit and the shortlist's radar.

Pure functions of data, already-chosen names and the user's language; each returns a Plotly
figure in the house style (:mod:`influkit.text.chart_style`) and the pages only place them.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from influkit import metrics
from influkit.identify import brandfit, explorer, influence, insights, quality
from influkit.text import chart_style as charts
from influkit.text.formats import fmt_number, fmt_percent
from influkit.text.i18n import label, t

#: One colour per brand-fit criterion, the same on the ranking and on the radar's axes.
CRITERION_COLOURS: dict[str, str] = {
    "niche": "#C2185B",
    "audience": "#7B1FA2",
    "engagement": "#1976D2",
    "quality": "#00897B",
    "cost": "#F9A825",
    "safety": "#6D4C41",
}
#: Colours of the accounts compared on the shortlist's radar, in the order they are picked.
COMPARE_COLOURS: tuple[str, ...] = ("#C2185B", "#1976D2", "#F9A825", "#00897B")
#: Colours of the influencers side by side in the formula lab, in the order they are picked.
LAB_COLOURS: tuple[str, ...] = ("#C2185B", "#1565C0", "#2E7D32", "#EF6C00", "#6A1B9A", "#00838F")
#: Posts on a profile's timeline: organic in grey, sponsored in the accent, undisclosed in red.
POST_KIND_COLOURS: dict[str, str] = {
    "organic": charts.NEUTRAL,
    "sponsored": charts.ACCENT,
    "undisclosed": charts.BAD,
}
#: A follower jump explained by a viral post, and the post itself.
EXPLAINED_COLOUR = "#1565C0"
#: The second share of the gender ring.
GENDER_COLOURS: tuple[str, ...] = (charts.ACCENT, "#5C6BC0")
#: Background of a gauge's safe and risky parts.
SAFE_BACKGROUND, RISKY_BACKGROUND = "#E8F5E9", "#FDECEA"


def wrapped_title(title: str, width: int = 48) -> str:
    """A chart title broken into lines that fit a half-width chart."""
    return "<br>".join(textwrap.wrap(title, width))


# --- module 1: the market from the sample data ------------------------------------------------


def platform_share_figure(shares: pd.DataFrame, title: str, axis: str, lang: str) -> go.Figure:
    """Monthly shares (``shares``: one column per platform, fractions), one line per platform
    in its colour."""
    months = [insights.month_label(m, lang) for m in shares.index]
    fig = go.Figure()
    for platform in shares.columns:
        fig.add_trace(
            go.Scatter(
                x=months,
                y=charts.percent_points(shares[platform]),
                mode="lines+markers",
                name=label("data.platform", platform, lang),
                line={"color": charts.PLATFORM_COLOURS.get(platform, charts.NEUTRAL), "width": 3},
                hovertemplate="%{x}<br>"
                + charts.hover_percent("y", lang)
                + "<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(xaxis_title=t("understand.axis_month", lang), yaxis_title=axis)
    fig.update_yaxes(rangemode="tozero")
    charts.style(fig, lang, title=title, height=420, percent_axis="y", percent_decimals=0)
    fig.update_layout(
        legend={
            "orientation": "v",
            "x": 1.01,
            "y": 1,
            "yanchor": "top",
            "title": {"text": t("understand.legend_platform", lang)},
        }
    )
    return fig


def monthly_rate_figure(
    rate: pd.Series, title: str, axis: str, colour: str, lang: str
) -> go.Figure:
    """One monthly rate (fractions indexed by month) as a line, on a 0–100 % axis at least."""
    months = [insights.month_label(m, lang) for m in rate.index]
    fig = go.Figure(
        go.Scatter(
            x=months,
            y=charts.percent_points(rate),
            mode="lines+markers",
            line={"color": colour, "width": 3},
            hovertemplate="%{x}<br>" + charts.hover_percent("y", lang) + "<extra></extra>",
        )
    )
    fig.update_layout(
        xaxis_title=t("understand.axis_month", lang), yaxis_title=axis, showlegend=False
    )
    fig.update_yaxes(range=[0, max(100.0, float(rate.max()) * 105)] if len(rate) else None)
    charts.style(
        fig, lang, title=wrapped_title(title), height=420, percent_axis="y", percent_decimals=0
    )
    return fig.update_layout(margin={"t": 90})


def sponsored_share_figure(monthly: pd.DataFrame, lang: str) -> go.Figure:
    """The share of sponsored posts per month (:func:`insights.sponsorship_by_month`)."""
    return monthly_rate_figure(
        monthly["sponsored_share"],
        t("understand.chart_sponsored", lang),
        t("understand.axis_sponsored", lang),
        charts.ACCENT,
        lang,
    )


def disclosure_rate_figure(monthly: pd.DataFrame, lang: str) -> go.Figure:
    """The share of sponsored posts that say so, per month."""
    return monthly_rate_figure(
        monthly["disclosure_rate"],
        t("understand.chart_disclosure", lang),
        t("understand.axis_disclosure", lang),
        charts.GOOD,
        lang,
    )


def _median_er_figure(
    summary: pd.DataFrame,
    labels: list[str],
    colours: list[str],
    title: str,
    x_title: str,
    count_label: str,
    count_column: str,
    lang: str,
) -> go.Figure:
    """Median ER per group as bars, with the count and the mean on hover."""
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=charts.percent_points(summary["median_er"]),
            marker_color=colours,
            customdata=list(
                zip(
                    summary[count_column].map(lambda n: fmt_number(n, lang)),
                    charts.percent_points(summary["mean_er"]),
                    strict=True,
                )
            ),
            hovertemplate=(
                f"%{{x}}<br>{t('understand.hover_median', lang)} "
                f"{charts.hover_percent('y', lang, 2)}<br>"
                f"{count_label} %{{customdata[0]}}<br>"
                f"{t('understand.hover_mean', lang)} "
                f"{charts.hover_percent('customdata[1]', lang, 2)}"
                "<extra></extra>"
            ),
            texttemplate=[
                charts.hover_percent("y", lang, explorer.rate_decimals(v))
                for v in summary["median_er"]
            ],
            textposition="outside",
        )
    )
    fig.update_layout(
        xaxis_title=x_title, yaxis_title=t("understand.axis_er", lang), showlegend=False
    )
    fig.update_yaxes(range=[0, float(summary["median_er"].max() or 0) * 120 or 1.0])
    charts.style(fig, lang, title=wrapped_title(title), height=450, percent_axis="y")
    return fig.update_layout(margin={"t": 90})


def er_by_format_figure(by_format: pd.DataFrame, lang: str) -> go.Figure:
    """Median ER per post format (:func:`insights.er_by_format`)."""
    return _median_er_figure(
        by_format,
        [label("data.format", f, lang) for f in by_format.index],
        [charts.ACCENT] * len(by_format),
        t("understand.chart_format", lang),
        t("understand.axis_format", lang),
        t("understand.hover_posts", lang),
        "posts",
        lang,
    )


def er_by_tier_figure(by_tier: pd.DataFrame, scheme: str, lang: str) -> go.Figure:
    """Median ER per tier of ``scheme`` (:func:`insights.er_by_tier`), each tier in its colour."""
    return _median_er_figure(
        by_tier,
        [label("metrics.tier", tier, lang) for tier in by_tier.index],
        [charts.TIER_COLOURS.get(tier, charts.NEUTRAL) for tier in by_tier.index],
        t("understand.chart_tier", lang, scheme=t(f"metrics.scheme.{scheme}", lang)),
        t("understand.axis_tier", lang),
        t("understand.hover_accounts", lang),
        "accounts",
        lang,
    )


# --- module 2: a profile ----------------------------------------------------------------------


def post_timeline_figure(timeline: pd.DataFrame, handle: str, lang: str) -> go.Figure:
    """Interactions per post over time (:func:`explorer.post_timeline`), organic, sponsored and
    undisclosed posts apart."""
    fig = go.Figure()
    for kind, colour in POST_KIND_COLOURS.items():
        part = timeline.loc[timeline["kind"] == kind]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["published_at"],
                y=part["interactions"],
                mode="markers",
                name=t(f"explorer.kind.{kind}", lang),
                marker={
                    "color": colour,
                    "size": 10 if kind == "organic" else 13,
                    "symbol": "circle" if kind == "organic" else "diamond",
                },
                customdata=part["format"].map(lambda code: label("data.format", code, lang)),
                hovertemplate="%{x|%d/%m/%Y} · %{customdata}<br>%{y:,.0f}<extra>"
                "%{fullData.name}</extra>",
            )
        )
    fig.update_layout(
        xaxis_title=t("explorer.axis_date", lang),
        yaxis_title=t("explorer.axis_interactions", lang),
    )
    fig.update_xaxes(tickformat="%m/%Y", dtick="M2")
    fig.update_yaxes(tickformat=",.0f", rangemode="tozero")
    return charts.style(fig, lang, title=t("explorer.chart_posts", lang, handle=handle), height=420)


def follower_history_figure(
    history: pd.DataFrame, platform: str, handle: str, lang: str
) -> go.Figure:
    """Followers week by week, in the platform's colour."""
    fig = go.Figure(
        go.Scatter(
            x=history["week"],
            y=history["followers"],
            mode="lines",
            line={"color": charts.PLATFORM_COLOURS.get(platform, charts.ACCENT), "width": 3},
            hovertemplate="%{x|%d/%m/%Y}<br>%{y:,.0f}<extra></extra>",
        )
    )
    fig.update_layout(
        xaxis_title=t("explorer.axis_week", lang),
        yaxis_title=t("explorer.axis_followers", lang),
        showlegend=False,
    )
    fig.update_xaxes(tickformat="%m/%Y", dtick="M2")
    fig.update_yaxes(tickformat=",.0f")
    return charts.style(
        fig, lang, title=t("explorer.chart_followers", lang, handle=handle), height=400
    )


def audience_gender_figure(gender: pd.Series, lang: str) -> go.Figure:
    """The audience's gender as a ring (``gender``: shares indexed by gender code)."""
    # Percentages written by Babel: Plotly's own glue the % to the number.
    shares = gender / gender.sum() if gender.sum() else gender
    fig = go.Figure(
        go.Pie(
            labels=[t(f"explorer.gender.{g}", lang) for g in gender.index],
            values=gender.to_numpy(),
            hole=0.5,
            sort=False,
            marker={"colors": list(GENDER_COLOURS)},
            text=[fmt_percent(v, lang, 0) for v in shares],
            customdata=[fmt_percent(v, lang, 1) for v in shares],
            texttemplate="%{label}<br>%{text}",
            hovertemplate="%{label} : %{customdata}<extra></extra>",
        )
    )
    fig.update_layout(showlegend=False)
    return charts.style(fig, lang, title=t("explorer.chart_gender", lang), height=360)


def audience_age_figure(ages: pd.Series, lang: str) -> go.Figure:
    """The audience's share per age band (fractions indexed by band)."""
    fig = go.Figure(
        go.Bar(
            x=[label("age", band, lang) for band in ages.index],
            y=charts.percent_points(ages.to_numpy()),
            marker_color=charts.ACCENT,
            texttemplate=charts.hover_percent("y", lang, 0),
            textposition="outside",
            hovertemplate="%{x}<br>" + charts.hover_percent("y", lang) + "<extra></extra>",
        )
    )
    fig.update_layout(
        xaxis_title=t("explorer.axis_age", lang),
        yaxis_title=t("explorer.axis_share", lang),
        showlegend=False,
    )
    fig.update_yaxes(range=[0, float(ages.max()) * 125])
    return charts.style(
        fig, lang, title=t("explorer.chart_ages", lang), height=360, percent_axis="y"
    )


# --- module 2: audience quality ---------------------------------------------------------------


def follower_jumps_figure(
    history: pd.DataFrame,
    flags: pd.DataFrame,
    name: str,
    followers: float,
    lang: str,
) -> go.Figure:
    """One account's followers week by week, its unexplained jumps in red and the jumps a viral
    post explains in blue, with that post as a star.

    ``flags`` are the account's audience-quality flags; ``followers`` places a viral post dated
    before the first week of history.
    """
    fig = go.Figure(
        go.Scatter(
            x=history["week"],
            y=history["followers"],
            mode="lines+markers",
            name=t("quality.axis_followers", lang),
            line={"color": charts.ACCENT},
            marker={"size": 5},
        )
    )
    for jump in quality.jump_marks(flags, history, followers):
        fig.add_vrect(
            x0=jump.start,
            x1=jump.end,
            fillcolor=charts.BAD if jump.bought else EXPLAINED_COLOUR,
            opacity=0.18,
            line_width=0,
            annotation_text=t(
                "quality.jump_bought" if jump.bought else "quality.jump_explained", lang
            ),
            annotation_position="top left",
        )
        if jump.post_date is not None:
            fig.add_trace(
                go.Scatter(
                    x=[jump.post_date],
                    y=[jump.post_followers],
                    mode="markers",
                    name=t("quality.viral_post", lang),
                    marker={"symbol": "star", "size": 18, "color": EXPLAINED_COLOUR},
                )
            )
    fig.update_layout(
        xaxis_title=t("quality.axis_week", lang),
        yaxis_title=t("quality.axis_followers", lang),
        showlegend=False,
    )
    fig.update_xaxes(tickformat="%d/%m/%Y")
    fig.update_yaxes(tickformat=",.0f")
    return charts.style(fig, lang, title=t("quality.followers_chart", lang, name=name), height=380)


def _band(x0: float, x1: float, colour: str, opacity: float, name: str) -> dict[str, Any]:
    """A full-height band behind the chart, named in the legend."""
    return {
        "type": "rect",
        "x0": x0,
        "x1": x1,
        "y0": 0,
        "y1": 1,
        "yref": "paper",
        "fillcolor": colour,
        "opacity": opacity,
        "line_width": 0,
        "layer": "below",
        "name": name,
        "showlegend": True,
    }


def peer_comparison_figure(
    view: quality.PeerView,
    evidence: Mapping[str, Any],
    row: Mapping[str, Any],
    basis: str,
    lang: str,
    bench: tuple[float, float] | None = None,
) -> go.Figure:
    """An account's value among its peers' (same platform × tier): every peer as a dot, the usual
    band around the peers' median, the benchmark's range when known, and the account.

    ``evidence`` is :func:`quality.peer_view_evidence` (already in the view's unit); ``row`` the
    account's profile (display name, platform, tier).
    """
    platform = label("data.platform", row["platform"], lang)
    tier = label("metrics.tier", row["tier"], lang)
    peers_name = t("quality.peers", lang, platform=platform, tier=tier)
    # A percent axis plots percentage points (ticks "4 %" in French).
    points = 100.0 if view.percent else 1.0
    norm, peers = evidence["norm"], evidence["peers"]
    fig = go.Figure()
    if bench is not None:
        fig.add_shape(
            **_band(
                bench[0] * points,
                bench[1] * points,
                charts.GOOD,
                0.15,
                t("quality.bench", lang),
            )
        )
    band_name = t(
        "quality.band", lang, low=fmt_number(view.low, lang, 1), high=fmt_number(view.high, lang, 1)
    )
    fig.add_shape(
        **_band(
            norm * view.low * points, norm * view.high * points, charts.NEUTRAL, 0.10, band_name
        )
    )
    fig.add_shape(
        type="line",
        x0=norm * points,
        x1=norm * points,
        y0=0,
        y1=1,
        yref="paper",
        line={"color": charts.NEUTRAL, "dash": "dash", "width": 2},
        name=t("quality.peer_median", lang),
        showlegend=True,
    )
    fig.add_trace(
        go.Box(
            x=peers * points,
            y=[peers_name] * len(peers),
            orientation="h",
            boxpoints="all",
            jitter=0.6,
            pointpos=0,
            name=peers_name,
            marker={"color": charts.NEUTRAL},
            line={"color": charts.NEUTRAL},
            fillcolor="rgba(0,0,0,0)",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[evidence["value"] * points],
            y=[peers_name],
            mode="markers",
            name=t("quality.this_account", lang),
            marker={
                "size": 22,
                "color": charts.ACCENT,
                "symbol": "diamond",
                "line": {"color": "white", "width": 2},
            },
        )
    )
    fig.update_layout(xaxis_title=t(view.axis_key, lang, basis=label("metrics.basis", basis, lang)))
    fig.update_yaxes(showticklabels=False)
    charts.style(
        fig,
        lang,
        title=t(
            view.title_key,
            lang,
            name=row["display_name"],
            peers=len(peers),
            platform=platform,
            tier=tier,
        ),
        height=330,
        percent_axis="x" if view.percent else None,
    )
    fig.update_layout(legend={"y": -0.35, "yanchor": "top"}, margin={"b": 10})
    if not view.percent:
        fig.update_xaxes(tickformat=",.1f")
    return fig


def audience_gauges_figure(gauges: Sequence[quality.Gauge], name: str, lang: str) -> go.Figure:
    """Credibility and doubtful followers as bullet gauges against their thresholds
    (:func:`quality.audience_gauges`): the bar green on the safe side, red on the risky side."""
    fig = go.Figure()
    suffix = charts.percent_suffix(lang)
    for gauge in gauges:
        position = gauge.position
        below, above = (
            (RISKY_BACKGROUND, SAFE_BACKGROUND)
            if gauge.higher_is_better
            else (SAFE_BACKGROUND, RISKY_BACKGROUND)
        )
        fig.add_trace(
            go.Indicator(
                mode="number+gauge",
                value=gauge.value * 100,
                number={"suffix": suffix, "valueformat": ",.1f"},
                title={"text": t(f"quality.metric_{gauge.code}", lang), "font": {"size": 15}},
                domain={"x": [0.3, 0.92], "y": [0.62 - 0.55 * position, 0.92 - 0.55 * position]},
                gauge={
                    "shape": "bullet",
                    "axis": {"range": [0, 100], "ticksuffix": suffix},
                    "bar": {"color": charts.GOOD if gauge.safe else charts.BAD, "thickness": 0.5},
                    "steps": [
                        {"range": [0, gauge.threshold * 100], "color": below},
                        {"range": [gauge.threshold * 100, 100], "color": above},
                    ],
                    "threshold": {
                        "line": {"color": charts.BAD, "width": 4},
                        "thickness": 0.9,
                        "value": gauge.threshold * 100,
                    },
                },
            )
        )
    charts.style(fig, lang, title=t("quality.audience_chart", lang, name=name), height=320)
    return fig.update_layout(margin={"l": 10, "r": 10, "t": 60, "b": 30})


# --- module 2: influence ----------------------------------------------------------------------


def influence_index_figure(
    indices: pd.DataFrame, chosen: Sequence[str], names: Mapping[str, str], lang: str
) -> go.Figure:
    """Each chosen account's index against its tier's norm (1 = the norm), signal by signal.

    ``indices``: :func:`influence.index_table`; ``names``: the accounts' display names.
    """
    signals = influence.charted_signals(indices, chosen)
    fig = go.Figure()
    for influencer_id in chosen:
        if influencer_id not in indices.index:
            continue
        fig.add_trace(
            go.Bar(
                x=[t(f"influence.signal.{s}", lang) for s in signals],
                y=[indices.loc[influencer_id, s] for s in signals],
                name=names[influencer_id],
                hovertemplate="%{x}: ×%{y:.1f}<extra>" + names[influencer_id] + "</extra>",
            )
        )
    fig.add_shape(
        type="line",
        x0=0,
        x1=1,
        xref="paper",
        y0=1.0,
        y1=1.0,
        line={"color": "black", "dash": "dash", "width": 2},
        name=t("influence.norm_line", lang),
        showlegend=True,
    )
    fig.update_layout(
        barmode="group", yaxis_title=t("influence.axis_index", lang), xaxis_title=None
    )
    charts.style(fig, lang, title=t("influence.index_chart", lang), height=430)
    fig.update_yaxes(tickformat=",.1f")
    return fig


def share_save_figure(
    same: pd.DataFrame,
    norms: pd.DataFrame,
    chosen: Sequence[str],
    names: Mapping[str, str],
    platform: str,
    lang: str,
) -> go.Figure:
    """Share rate against save rate of one platform's accounts, by tier, with each tier's norm
    as a cross and the chosen accounts as named diamonds (log scales).

    ``same``: the platform's rows of :func:`influence.influence_signals`; ``norms``:
    :func:`influence.tier_norms` of them; ``names``: display names by id.
    """
    rates_hover = charts.hover_percent("x", lang, 2) + " · " + charts.hover_percent("y", lang, 2)
    fig = go.Figure()
    for tier_code in metrics.TIER_ORDER:
        group = same.loc[same["tier"].astype(object) == tier_code]
        if group.empty:
            continue
        colour = charts.TIER_COLOURS.get(tier_code, charts.NEUTRAL)
        tier = label("metrics.tier", tier_code, lang)
        fig.add_trace(
            go.Scatter(
                x=charts.percent_points(group["share_rate"]),
                y=charts.percent_points(group["save_rate"]),
                mode="markers",
                name=tier,
                legendgroup=tier_code,
                marker={
                    "color": colour,
                    "size": 9,
                    "opacity": 0.75,
                    "line": {"color": "white", "width": 1},
                },
                text=[names[i] for i in group["influencer_id"]],
                hovertemplate="%{text}<br>" + rates_hover + "<extra></extra>",
            )
        )
        norm = norms.loc[norms["tier"] == tier_code]
        if len(norm):
            norm_name = t("influence.tier_norm", lang, tier=tier)
            fig.add_trace(
                go.Scatter(
                    x=charts.percent_points(norm["share_rate"]),
                    y=charts.percent_points(norm["save_rate"]),
                    mode="markers",
                    name=norm_name,
                    legendgroup=tier_code,
                    showlegend=False,
                    marker={
                        "symbol": "x-thin",
                        "size": 22,
                        "color": colour,
                        "line": {"color": colour, "width": 4},
                    },
                    hovertemplate=norm_name + "<br>" + rates_hover + "<extra></extra>",
                )
            )
    picked = same.loc[same["influencer_id"].isin(chosen)]
    if len(picked):
        fig.add_trace(
            go.Scatter(
                x=charts.percent_points(picked["share_rate"]),
                y=charts.percent_points(picked["save_rate"]),
                mode="markers+text",
                name=t("influence.chosen", lang),
                text=[names[i] for i in picked["influencer_id"]],
                textposition="top center",
                marker={
                    "symbol": "diamond",
                    "size": 16,
                    "color": charts.ACCENT,
                    "line": {"color": "black", "width": 1},
                },
            )
        )
    fig.update_layout(
        xaxis_title=t("influence.signal.share_rate", lang),
        yaxis_title=t("influence.signal.save_rate", lang),
    )
    # Log scales: a few pods would otherwise squeeze every other account into a corner.
    # Rates are plotted in percentage points, so the ticks read "0,5 %" in French.
    fig.update_xaxes(type="log", dtick="D2", **charts.percent_axis_format(lang, 2))
    fig.update_yaxes(type="log", dtick="D2", **charts.percent_axis_format(lang, 2))
    charts.style(
        fig,
        lang,
        title=t("influence.scatter_chart", lang, platform=label("data.platform", platform, lang)),
        height=560,
    )
    return fig.update_layout(legend={"y": -0.15, "yanchor": "top"})


# --- module 2: trends -------------------------------------------------------------------------


def hashtag_usage_figure(
    usage: pd.DataFrame,
    hashtags: Sequence[str],
    window: tuple[pd.Timestamp, pd.Timestamp],
    lang: str,
) -> go.Figure:
    """Posts per week using each hashtag (:func:`trends.weekly_usage`), the recent ``window``
    shaded."""
    fig = go.Figure()
    for tag in hashtags:
        series = usage.loc[usage["hashtag"] == tag]
        fig.add_trace(
            go.Scatter(
                x=series["week"],
                y=series["posts"],
                mode="lines+markers",
                name=tag,
                marker={"size": 5},
            )
        )
    fig.add_vrect(
        x0=window[0],
        x1=window[1],
        fillcolor=charts.ACCENT,
        opacity=0.08,
        line_width=0,
        annotation_text=t("trends.recent_band", lang),
        annotation_position="top left",
    )
    fig.update_layout(
        xaxis_title=t("trends.axis_week", lang), yaxis_title=t("trends.axis_posts", lang)
    )
    fig.update_xaxes(tickformat="%d/%m/%Y")
    return charts.style(
        fig, lang, title=t("trends.usage_chart", lang, count=len(hashtags)), height=440
    )


# --- module 2: formula lab --------------------------------------------------------------------


def formula_rates_figure(
    lab: pd.DataFrame, handles: Sequence[str], method: str, lang: str
) -> go.Figure:
    """Each influencer's engagement rate on every basis with ``method``, side by side.

    ``lab``: :func:`explorer.lab_table`; ``handles``: how each of its rows is named.
    """
    fig = go.Figure()
    for index, (influencer_id, handle) in enumerate(zip(lab.index, handles, strict=True)):
        rates = [lab.at[influencer_id, explorer.formula_column(b, method)] for b in metrics.BASES]
        fig.add_trace(
            go.Bar(
                name=handle,
                x=[t(f"metrics.basis.{b}", lang) for b in metrics.BASES],
                y=charts.percent_points(rates),
                marker_color=LAB_COLOURS[index % len(LAB_COLOURS)],
                texttemplate=charts.hover_percent("y", lang, 1),
                textposition="outside",
                hovertemplate="%{x}<br>"
                + charts.hover_percent("y", lang, 2)
                + "<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(
        barmode="group",
        xaxis_title=t("formulalab.axis_basis", lang),
        yaxis_title=t("formulalab.axis_er", lang),
    )
    return charts.style(
        fig,
        lang,
        title=t("formulalab.chart_title", lang, method=t(f"metrics.method.{method}", lang)),
        height=480,
        percent_axis="y",
    )


# --- module 2: brand fit and shortlist --------------------------------------------------------


def brand_fit_figure(shown: pd.DataFrame, lang: str) -> go.Figure:
    """Each ranked account's score as stacked bars, one part per criterion (points of 100).

    ``shown``: rows of :func:`brandfit.ranking` with their ``rank`` and ``display_name``.
    """
    labels = [f"{r}. {name}" for r, name in zip(shown["rank"], shown["display_name"], strict=True)]
    fig = go.Figure()
    for criterion in brandfit.CRITERIA:
        name = t(f"brandfit.criterion.{criterion}", lang)
        hover = [
            t(
                "brandfit.chart_hover",
                lang,
                criterion=name,
                points=fmt_number(p, lang, 1),
                max=fmt_number(m, lang, 1),
            )
            for p, m in zip(shown[f"points_{criterion}"], shown[f"max_{criterion}"], strict=True)
        ]
        fig.add_trace(
            go.Bar(
                y=labels,
                x=shown[f"points_{criterion}"],
                name=name,
                orientation="h",
                marker_color=CRITERION_COLOURS[criterion],
                hovertext=hover,
                hoverinfo="text+y",
            )
        )
    fig.update_layout(barmode="stack", yaxis={"autorange": "reversed"}, legend_traceorder="normal")
    fig.update_xaxes(title=t("brandfit.chart_x", lang), range=[0, 100])
    charts.style(
        fig,
        lang,
        title=t("brandfit.chart_title", lang, n=len(shown)),
        height=max(360, 60 + 34 * len(shown)),
    )
    return fig.update_layout(margin={"t": 110})


def criteria_radar_figure(
    profile: pd.DataFrame, picked: Sequence[str], headers: Sequence[str], lang: str
) -> go.Figure:
    """The compared accounts' brand-fit criteria (0–100 %) on one radar.

    ``profile``: :func:`brandfit.criteria_profile` (fractions); ``headers``: each account's name.
    """
    axis = [t(f"brandfit.criterion.{c}", lang) for c in brandfit.CRITERIA]
    fig = go.Figure()
    for position, (header, influencer_id) in enumerate(zip(headers, picked, strict=True)):
        values = [float(profile.at[influencer_id, c]) * 100 for c in brandfit.CRITERIA]
        fig.add_trace(
            go.Scatterpolar(
                r=[*values, values[0]],
                theta=[*axis, axis[0]],
                name=header,
                fill="toself",
                opacity=0.55,
                line={"color": COMPARE_COLOURS[position % len(COMPARE_COLOURS)], "width": 3},
            )
        )
    charts.style(fig, lang, title=t("shortlist.radar_title", lang), height=560)
    return fig.update_layout(
        polar={
            "radialaxis": {
                "range": [0, 100],
                "tickvals": [25, 50, 75],
                "angle": 60,
                "tickangle": 60,
            },
            "angularaxis": {"rotation": 90, "direction": "clockwise"},
        },
        margin={"t": 110, "l": 60, "r": 60, "b": 50},
    )
