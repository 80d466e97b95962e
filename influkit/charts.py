"""Shared look of every chart: locale number separators, projector-friendly sizes, colours."""

from __future__ import annotations

import plotly.graph_objects as go

from influkit.i18n import normalize_language

#: A colour per platform, the same on every chart.
PLATFORM_COLOURS: dict[str, str] = {
    "instagram": "#C13584",
    "tiktok": "#111111",
    "youtube": "#E62117",
    "linkedin": "#0A66C2",
    "x": "#657786",
    "twitch": "#9146FF",
    "facebook": "#1877F2",
    "snapchat": "#E6C700",
    "pinterest": "#BD081C",
    "threads": "#444444",
    "other": "#8D8D8D",
}
#: Tiers from small to large audiences, light to dark.
TIER_COLOURS: dict[str, str] = {
    "below_nano": "#D9D9D9",
    "nano": "#F8BBD0",
    "micro": "#F06292",
    "mid": "#D81B60",
    "macro": "#AD1457",
    "mega": "#6A1B4D",
}
ACCENT = "#C2185B"
GOOD = "#2E7D32"
WARNING = "#EF6C00"
BAD = "#C62828"
NEUTRAL = "#757575"
#: Axis text: dark ink (about 12:1 on white) at 14 px; projector mode enlarges it to 18 px.
AXIS_INK = "#2B2B2B"
AXIS_FONT = {"size": 14, "color": AXIS_INK}


def separators(lang: str) -> str:
    """Plotly's ``separators`` (decimal mark, then thousands) for the language."""
    return ", " if normalize_language(lang) == "fr" else ".,"


def style(
    fig: go.Figure,
    lang: str,
    *,
    title: str | None = None,
    height: int | None = None,
    percent_axis: str | None = None,
    money_axis: str | None = None,
) -> go.Figure:
    """Apply the house style: locale separators, readable fonts, optional %/€ axis formats.

    ``percent_axis`` / ``money_axis`` name the axis ("x" or "y") whose ticks show
    percentages or euros.
    """
    fig.update_layout(
        separators=separators(lang),
        template="plotly_white",
        font={"size": 15},
        title={"text": title, "font": {"size": 18}} if title else None,
        margin={"l": 10, "r": 10, "t": 60 if title else 20, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hoverlabel={"font_size": 14},
    )
    # Set on the figure so that Streamlit's chart theme (12 px grey ticks) does not win.
    fig.update_xaxes(tickfont=AXIS_FONT, title_font={"color": AXIS_INK})
    fig.update_yaxes(tickfont=AXIS_FONT, title_font={"color": AXIS_INK})
    if height:
        fig.update_layout(height=height)
    if percent_axis:
        fig.update_layout({f"{percent_axis}axis": {"tickformat": ".1%"}})
    if money_axis:
        suffix = " €" if normalize_language(lang) == "fr" else ""
        prefix = "" if normalize_language(lang) == "fr" else "€"
        fig.update_layout(
            {
                f"{money_axis}axis": {
                    "tickformat": ",.0f",
                    "ticksuffix": suffix,
                    "tickprefix": prefix,
                }
            }
        )
    return fig
