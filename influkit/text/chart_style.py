"""Shared look of every chart: locale number separators, projector-friendly sizes, colours."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from influkit import kpis
from influkit.text.i18n import normalize_language

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


NNBSP = "\u202f"
NBSP = "\u00a0"


def separators(lang: str) -> str:
    """Plotly's ``separators``: the decimal mark, then the thousands separator.

    French: a decimal comma and a narrow no-break space (``1 234,5``), as Babel writes them;
    English: ``1,234.5``.
    """
    return f",{NNBSP}" if normalize_language(lang) == "fr" else ".,"


def percent_suffix(lang: str) -> str:
    """What follows a percentage: `` %`` (no-break space) in French, ``%`` in English."""
    return f"{NBSP}%" if normalize_language(lang) == "fr" else "%"


def percent_points(values: Any) -> Any:
    """Fractions as percentage points (0.042 → 4.2), what a percent axis plots.

    Plotly's own ``%`` format glues the sign to the number (``4,2%``); French writes ``4,2 %``,
    so percent axes plot points and add the language's suffix.
    """
    if isinstance(values, list | tuple):
        return [None if v is None else v * 100 for v in values]
    return values * 100


def hover_percent(var: str, lang: str, decimals: int = 1) -> str:
    """A template piece showing ``var`` (in percentage points) as ``4,2 %``."""
    return f"%{{{var}:,.{decimals}f}}{percent_suffix(lang)}"


def hover_money(var: str, lang: str, decimals: int = 0) -> str:
    """A template piece showing ``var`` in euros: ``1 234 €`` in French, ``€1,234`` in English."""
    if normalize_language(lang) == "fr":
        return f"%{{{var}:,.{decimals}f}}{NBSP}€"
    return f"€%{{{var}:,.{decimals}f}}"


def percent_axis_format(lang: str, decimals: int = 1) -> dict[str, str]:
    """Axis settings for an axis plotting percentage points: ticks ``30 %``, ``2,5 %`` in French
    (up to ``decimals``, without trailing zeros)."""
    return {"tickformat": f",.{decimals}~f", "ticksuffix": percent_suffix(lang)}


def money_axis_format(lang: str, decimals: int = 0) -> dict[str, str]:
    """Axis settings for an axis in euros: ticks ``1 000 €`` in French, ``€1,000`` in English."""
    french = normalize_language(lang) == "fr"
    return {
        "tickformat": f",.{decimals}f",
        "ticksuffix": f"{NBSP}€" if french else "",
        "tickprefix": "" if french else "€",
    }


def kpi_axis_format(kpi: str, lang: str) -> dict[str, str]:
    """Axis settings writing a KPI's unit (:mod:`influkit.kpis`): ``1 000 €``, ``× 4``, ``30 %``.

    Shares and rates are expected in percentage points (see :func:`percent_points`).
    """
    unit = kpis.unit(kpi)
    if unit == "eur":
        return money_axis_format(lang)
    if unit in ("share", "rate"):
        return percent_axis_format(lang)
    if unit == "multiple":
        return {"tickformat": ",.1~f", "tickprefix": f"{kpis.MULTIPLE_SIGN}{NBSP}"}
    return {"tickformat": ",.0f"}


def style(
    fig: go.Figure,
    lang: str,
    *,
    title: str | None = None,
    height: int | None = None,
    percent_axis: str | None = None,
    money_axis: str | None = None,
    percent_decimals: int = 1,
) -> go.Figure:
    """Apply the house style: locale separators, readable fonts, optional %/€ axis formats.

    ``percent_axis`` / ``money_axis`` name the axis ("x" or "y") whose ticks show
    percentages or euros; a percent axis plots percentage points (see :func:`percent_points`).
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
        fig.update_layout({f"{percent_axis}axis": percent_axis_format(lang, percent_decimals)})
    if money_axis:
        fig.update_layout({f"{money_axis}axis": money_axis_format(lang)})
    return fig
