"""The strategy charts (module 5) built apart from the page: the client's results by group, the
sources of its mentions, its share of voice and the brands' mentions over time."""

from __future__ import annotations

import pandas as pd
import pytest

from influkit.strategy import figures
from influkit.text import chart_style as charts

NBSP = "\u00a0"


def results(n: int = 3, loss: tuple[bool, ...] = (False, True, False)) -> pd.DataFrame:
    """A results table of ``n`` groups, the second one losing money by default."""
    return pd.DataFrame(
        {
            "cost_eur": [1000.0 * (i + 1) for i in range(n)],
            "revenue_eur": [2500.0, 800.0, 4000.0][:n],
            "roas": [2.5, 0.4, 4 / 3][:n],
            "roi": [1.5, -0.6, 1 / 3][:n],
            "cpa": [12.5, 40.0, 20.0][:n],
            "loss_making": list(loss[:n]),
        }
    )


def cost_revenue(horizontal: bool, lang: str = "fr"):
    return figures.cost_revenue_figure(
        results(),
        ["A", "B", "C"],
        lang,
        horizontal=horizontal,
        cost_label="Coût",
        revenue_label="CA",
        axis_title="Montant",
        title="Coût et CA",
    )


def metric(code: str, horizontal: bool = False, lang: str = "fr"):
    return figures.metric_figure(
        results(),
        ["A", "B", "C"],
        code,
        lang,
        horizontal=horizontal,
        title="KPI",
        break_even_label="Seuil",
    )


@pytest.mark.parametrize(
    "horizontal, orientation, money_axis, category_axis",
    [(False, "v", "yaxis", "xaxis"), (True, "h", "xaxis", "yaxis")],
)
def test_cost_and_revenue_stand_side_by_side_in_euros(
    horizontal, orientation, money_axis, category_axis
):
    """Each group shows its cost then its revenue; the amount axis reads 1 000 €, and campaigns
    or influencers (many long names) lie down, largest first from the top."""
    fig = cost_revenue(horizontal)
    assert [trace.name for trace in fig.data] == ["Coût", "CA"]
    assert {trace.orientation or "v" for trace in fig.data} == {orientation}
    assert fig.layout[money_axis].ticksuffix == f"{NBSP}€"
    assert fig.layout[category_axis].type == "category"
    assert fig.layout.barmode == "group"
    assert fig.layout.title.text == "Coût et CA"


@pytest.mark.parametrize(
    "groups, horizontal, height",
    [(3, False, 440), (30, False, 440), (3, True, 420), (30, True, 28 * 30 + 160)],
)
def test_a_long_list_of_groups_gets_a_taller_chart(groups, horizontal, height):
    """Bars lying down get one row each, never less than the usual chart height."""
    assert figures.results_height(groups, horizontal) == height


@pytest.mark.parametrize("lang, text", [("fr", f"2\u202f500{NBSP}€"), ("en", "€2,500")])
def test_cost_and_revenue_are_written_the_users_way(lang, text):
    """The amount on each bar reads 2 500 € in French, €2,500 in English."""
    fig = cost_revenue(False, lang)
    assert fig.data[1].text[0] == text
    assert fig.layout.separators == charts.separators(lang)


def test_a_loss_making_group_is_red_under_the_break_even_line():
    """On the ROAS chart the group that lost money is red and a dashed line marks ROAS 1."""
    fig = metric("roas")
    assert list(fig.data[0].marker.color) == [charts.ACCENT, charts.BAD, charts.ACCENT]
    assert fig.layout.shapes[0].y0 == 1 and fig.layout.shapes[0].line.dash == "dash"
    assert fig.layout.annotations[0].text == "Seuil"
    assert not fig.layout.showlegend


def test_the_break_even_line_stands_up_when_the_bars_lie_down():
    """With campaigns or influencers listed, the ROAS 1 line is vertical."""
    fig = metric("roas", horizontal=True)
    assert fig.layout.shapes[0].x0 == 1 and fig.layout.shapes[0].x1 == 1


@pytest.mark.parametrize(
    "code, axis_values, suffix",
    [("roi", [150.0, -60.0, 100 / 3], f"{NBSP}%"), ("cpa", [12.5, 40.0, 20.0], f"{NBSP}€")],
)
def test_each_kpi_is_drawn_in_its_unit(code, axis_values, suffix):
    """A rate is plotted in percentage points with a % axis; a cost per result in euros; no
    loss colour outside the ROAS chart."""
    fig = metric(code)
    assert list(fig.data[0].y) == pytest.approx(axis_values)
    assert fig.layout.yaxis.ticksuffix == suffix
    assert set(fig.data[0].marker.color) == {charts.ACCENT}
    assert not fig.layout.shapes


def test_sources_read_as_shares_coloured_by_sentiment():
    """Each source's bar is its share of mentions in %, coloured from red (50 % positive) to
    green; a source without sentiment is drawn mid-scale."""
    sources = pd.DataFrame({"share": [0.6, 0.4], "sentiment": [0.9, None]})
    fig = figures.sources_figure(
        sources,
        ["Influenceurs", "Clients"],
        ["60 %", "40 %"],
        "fr",
        title="Sources",
        axis_title="Part",
        sentiment_title="Sentiment",
    )
    bar = fig.data[0]
    assert list(bar.x) == pytest.approx([60, 40])
    assert list(bar.marker.color) == pytest.approx([90, 50])
    assert (bar.marker.cmin, bar.marker.cmax) == (50, 100)
    assert bar.marker.colorbar.ticksuffix == f"{NBSP}%"
    assert fig.layout.xaxis.ticksuffix == f"{NBSP}%"
    assert fig.layout.height == 300


@pytest.mark.parametrize("freq, hover", [("week", "%d/%m/%Y"), ("month", "%m/%Y")])
def test_share_of_voice_is_a_percentage_per_period(freq, hover):
    """The brand's share of voice is drawn in % over time, a week read by its day, a month by
    its month."""
    sov = pd.DataFrame(
        {"period": pd.to_datetime(["2026-01-01", "2026-02-01"]), "share_of_voice": [0.25, 0.3]}
    )
    fig = figures.share_of_voice_figure(
        sov, "Verdelune", freq, "fr", title="SOV", axis_title="Part", period_title="Période"
    )
    assert list(fig.data[0].y) == pytest.approx([25, 30])
    assert list(fig.data[0].hovertext) == [f"25,0{NBSP}%", f"30,0{NBSP}%"]
    assert fig.layout.xaxis.hoverformat == hover
    assert fig.layout.yaxis.ticksuffix == f"{NBSP}%"


@pytest.mark.parametrize("value, scale, suffix", [("mentions", 1, None), ("sentiment", 100, "%")])
def test_the_client_stands_out_among_its_competitors(value, scale, suffix):
    """One line per brand, the client's first and thicker; sentiment in %, mentions counted."""
    by_brand = pd.DataFrame(
        {
            "period": pd.to_datetime(["2026-01-01", "2026-01-01", "2026-02-01", "2026-02-01"]),
            "brand": ["Verdelune", "Nacrelis", "Verdelune", "Nacrelis"],
            "mentions": [120, 300, 150, 280],
            "sentiment": [0.9, 0.8, 0.85, 0.7],
        }
    )
    fig = figures.brands_over_time_figure(
        by_brand,
        value,
        ["Verdelune", "Nacrelis"],
        "month",
        "en",
        title="Brands",
        axis_title=value,
        period_title="Period",
        legend_title="Brand",
    )
    assert [trace.name for trace in fig.data] == ["Verdelune", "Nacrelis"]
    assert [trace.line.width for trace in fig.data] == [4, 2]
    assert fig.data[0].line.color == figures.BRAND_PALETTE[0]
    expected = [v * scale for v in by_brand.loc[by_brand["brand"] == "Verdelune", value]]
    assert list(fig.data[0].y) == pytest.approx(expected)
    assert fig.layout.yaxis.ticksuffix == suffix
    assert fig.layout.legend.title.text == "Brand"
