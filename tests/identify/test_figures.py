"""The charts of modules 1 and 2 (influkit.identify.figures), built from the sample data without
the app: the traces a trainee expects, axis titles and legends in their language, and numbers
written the French way (1 234,5 and 4,2 %) for a French user."""

from __future__ import annotations

import json
from functools import cache

import pandas as pd
import pytest

from influkit import metrics
from influkit.data import datasets, generate
from influkit.identify import brandfit, explorer, figures, influence, insights, profiles, quality
from influkit.identify import trends as trend_rules
from influkit.plan.model import Plan
from influkit.text import chart_style as charts
from influkit.text.i18n import t

LANGS = ("fr", "en")
NBSP, NNBSP = "\u00a0", "\u202f"
BOUGHT = generate.BOUGHT_JUMP_IDS[0]
ORGANIC = generate.ORGANIC_JUMP_IDS[0]


@cache
def _table() -> pd.DataFrame:
    return profiles.influencer_table(None)


@cache
def _ranked() -> pd.DataFrame:
    return brandfit.plan_ranking(Plan.from_case(datasets.cases()[0], "fr"))


def _row(influencer_id: str) -> pd.Series:
    return _table().set_index("influencer_id").loc[influencer_id]


def _spec(fig) -> dict:
    """The figure as the browser receives it."""
    return json.loads(fig.to_json())


# --- one builder per chart: (name, build(lang), trace types, x-axis title key, y title key) ---


def _platform_shares(lang):
    shares = insights.platform_share_by_month(datasets.load("posts"), datasets.load("influencers"))
    return figures.platform_share_figure(shares, "T", t("understand.axis_share_posts", lang), lang)


def _sponsored(lang):
    return figures.sponsored_share_figure(
        insights.sponsorship_by_month(datasets.load("posts")), lang
    )


def _disclosure(lang):
    monthly = insights.sponsorship_by_month(datasets.load("posts"))
    return figures.disclosure_rate_figure(monthly, lang)


def _by_format(lang):
    by_format = insights.er_by_format(datasets.load("posts"), datasets.load("influencers"))
    return figures.er_by_format_figure(by_format, lang)


def _by_tier(lang):
    by_tier = insights.er_by_tier(_table(), metrics.DEFAULT_TIER_SCHEME)
    return figures.er_by_tier_figure(by_tier, metrics.DEFAULT_TIER_SCHEME, lang)


def _timeline(lang):
    timeline = explorer.post_timeline(profiles.posts_of(ORGANIC))
    return figures.post_timeline_figure(timeline, "@someone", lang)


def _followers(lang):
    return figures.follower_history_figure(
        profiles.history_of(ORGANIC), "instagram", "@someone", lang
    )


def _gender(lang):
    return figures.audience_gender_figure(pd.Series({"female": 0.62, "male": 0.38}), lang)


def _ages(lang):
    ages = pd.Series({"13-17": 0.05, "18-24": 0.35, "25-34": 0.4, "35-44": 0.15, "45+": 0.05})
    return figures.audience_age_figure(ages, lang)


def _jumps(lang):
    history = datasets.load("follower_history")
    mine = history.loc[history["influencer_id"] == BOUGHT].sort_values("week")
    flags = quality.quality_flags(_table(), history, datasets.load("posts"))
    own = flags.loc[flags["influencer_id"] == BOUGHT]
    return figures.follower_jumps_figure(mine, own, "Someone", 10_000, lang)


def _peers(lang):
    view = quality.PEER_VIEWS["er"]
    evidence = quality.peer_view_evidence(_table(), BOUGHT, view)
    return figures.peer_comparison_figure(view, evidence, _row(BOUGHT), "followers", lang)


def _gauges(lang):
    return figures.audience_gauges_figure(quality.audience_gauges(0.6, 0.1), "Someone", lang)


@cache
def _signals() -> pd.DataFrame:
    return influence.influence_signals(_table(), datasets.load("posts"))


def _index(lang):
    indices = influence.index_table(influence.versus_norm(_signals()))
    chosen = list(indices.index[:3])
    names = _table().set_index("influencer_id")["display_name"]
    return figures.influence_index_figure(indices, chosen, names, lang)


def _share_save(lang):
    same = _signals().loc[_signals()["platform"] == "instagram"]
    names = _table().set_index("influencer_id")["display_name"]
    chosen = list(same["influencer_id"][:2])
    return figures.share_save_figure(
        same, influence.tier_norms(same), chosen, names, "instagram", lang
    )


def _hashtags(lang):
    posts, influencers = datasets.load("posts"), datasets.load("influencers")
    niches = [datasets.cases()[0]["niches"][0]]
    ranked = trend_rules.rising_hashtags(posts, influencers, niches)
    tags = trend_rules.charted_hashtags(ranked)
    usage = trend_rules.weekly_usage(posts, tags, influencers, niches)
    window = trend_rules.recent_window(trend_rules.data_weeks(posts), 8)
    return figures.hashtag_usage_figure(usage, tags, window, lang)


def _formulas(lang):
    ids = list(_table()["influencer_id"][:3])
    lab = explorer.lab_table(datasets.load("posts"), _table(), ids)
    return figures.formula_rates_figure(lab, ["a", "b", "c"], "mean", lang)


def _brand_fit(lang):
    return figures.brand_fit_figure(_ranked().head(5), lang)


def _radar(lang):
    ids = list(_ranked()["influencer_id"][:2])
    profile = brandfit.criteria_profile(_ranked(), ids)
    return figures.criteria_radar_figure(profile, ids, ["A", "B"], lang)


CHARTS = [
    ("platform shares", _platform_shares, {"scatter"}, "understand.axis_month", None),
    ("sponsored share", _sponsored, {"scatter"}, "understand.axis_month", None),
    ("disclosure rate", _disclosure, {"scatter"}, "understand.axis_month", None),
    ("ER by format", _by_format, {"bar"}, "understand.axis_format", "understand.axis_er"),
    ("ER by tier", _by_tier, {"bar"}, "understand.axis_tier", "understand.axis_er"),
    ("post timeline", _timeline, {"scatter"}, "explorer.axis_date", "explorer.axis_interactions"),
    ("followers", _followers, {"scatter"}, "explorer.axis_week", "explorer.axis_followers"),
    ("gender", _gender, {"pie"}, None, None),
    ("ages", _ages, {"bar"}, "explorer.axis_age", "explorer.axis_share"),
    ("follower jumps", _jumps, {"scatter"}, "quality.axis_week", "quality.axis_followers"),
    ("peers", _peers, {"box", "scatter"}, None, None),
    ("gauges", _gauges, {"indicator"}, None, None),
    ("influence index", _index, {"bar"}, None, "influence.axis_index"),
    ("share vs save", _share_save, {"scatter"}, "influence.signal.share_rate", None),
    ("hashtags", _hashtags, {"scatter"}, "trends.axis_week", "trends.axis_posts"),
    ("formulas", _formulas, {"bar"}, "formulalab.axis_basis", "formulalab.axis_er"),
    ("brand fit", _brand_fit, {"bar"}, "brandfit.chart_x", None),
    ("radar", _radar, {"scatterpolar"}, None, None),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "build, kinds, x_key, y_key", [c[1:] for c in CHARTS], ids=[c[0] for c in CHARTS]
)
def test_each_chart_draws_its_traces_with_axes_in_the_users_language(
    build, kinds, x_key, y_key, lang
):
    """Every chart has its kind of traces, the house's separators for the user's language,
    and its axis titles in that language."""
    spec = _spec(build(lang))
    assert spec["data"], "the chart is empty"
    assert {trace["type"] for trace in spec["data"]} == kinds
    assert spec["layout"]["separators"] == charts.separators(lang)
    if x_key:
        assert spec["layout"]["xaxis"]["title"]["text"] == t(x_key, lang)
    if y_key:
        assert spec["layout"]["yaxis"]["title"]["text"] == t(y_key, lang)


@pytest.mark.parametrize("lang, suffix", [("fr", f"{NBSP}%"), ("en", "%")], ids=["fr", "en"])
def test_percent_axes_and_hovers_write_the_percent_the_users_way(lang, suffix):
    """A share reads 40 % in French (a space before %) and 40% in English, on the axis and on
    hover."""
    fig = _ages(lang)
    spec = _spec(fig)
    assert spec["layout"]["yaxis"]["ticksuffix"] == suffix
    assert spec["data"][0]["hovertemplate"].endswith(f"{suffix}<extra></extra>")
    assert list(fig.data[0].y) == pytest.approx([5, 35, 40, 15, 5])


@pytest.mark.parametrize(
    "lang, shown", [("fr", ["62 %", "38 %"]), ("en", ["62%", "38%"])], ids=["fr", "en"]
)
def test_the_gender_ring_writes_its_shares_with_babel(lang, shown):
    """The audience's gender ring labels 62 % and 38 % as the user writes percentages."""
    spec = _spec(_gender(lang))
    assert [s.replace(NBSP, " ").replace(NNBSP, " ") for s in spec["data"][0]["text"]] == shown
    assert spec["data"][0]["labels"] == [
        t("explorer.gender.female", lang),
        t("explorer.gender.male", lang),
    ]


@pytest.mark.parametrize("lang, comma", [("fr", ","), ("en", ".")])
def test_brand_fit_hover_writes_points_with_the_users_decimal_mark(lang, comma):
    """Hovering a criterion's part of a score says its points out of the most it could give,
    with a decimal comma in French."""
    spec = _spec(_brand_fit(lang))
    hover = spec["data"][0]["hovertext"][0]
    assert t(f"brandfit.criterion.{brandfit.CRITERIA[0]}", lang) in hover
    assert comma in hover
    assert spec["layout"]["title"]["text"] == t("brandfit.chart_title", lang, n=5)
    assert [trace["name"] for trace in spec["data"]] == [
        t(f"brandfit.criterion.{c}", lang) for c in brandfit.CRITERIA
    ]


@pytest.mark.parametrize(
    "credibility, doubtful, colours",
    [
        (0.9, 0.1, [charts.GOOD, charts.GOOD]),
        (0.6, 0.3, [charts.BAD, charts.BAD]),
        (0.75, 0.25, [charts.GOOD, charts.GOOD]),
        (float("nan"), 0.4, [charts.BAD]),
    ],
)
def test_audience_gauges_are_green_on_the_safe_side_of_their_threshold(
    credibility, doubtful, colours
):
    """Credibility at or above 75 % and doubtful followers at or below 25 % show a green bar,
    otherwise red; a missing share draws no gauge."""
    spec = _spec(
        figures.audience_gauges_figure(
            quality.audience_gauges(credibility, doubtful), "Someone", "fr"
        )
    )
    assert [trace["gauge"]["bar"]["color"] for trace in spec["data"]] == colours
    assert all(trace["number"]["suffix"] == f"{NBSP}%" for trace in spec["data"])


def test_a_bought_jump_is_shaded_red_on_the_follower_chart():
    """An account with bought followers shows its unexplained jump as a red band."""
    spec = _spec(_jumps("fr"))
    shapes = spec["layout"].get("shapes", [])
    assert shapes and all(shape["fillcolor"] == charts.BAD for shape in shapes)
    assert spec["layout"]["annotations"][0]["text"] == t("quality.jump_bought", "fr")


def test_an_explained_jump_shows_the_viral_post_as_a_star():
    """A jump a viral post explains is shaded blue and the post is a star on the curve."""
    history = datasets.load("follower_history")
    mine = history.loc[history["influencer_id"] == ORGANIC].sort_values("week")
    flags = quality.quality_flags(_table(), history, datasets.load("posts"))
    own = flags.loc[flags["influencer_id"] == ORGANIC]
    spec = _spec(figures.follower_jumps_figure(mine, own, "Someone", 10_000, "en"))
    assert any(shape["fillcolor"] == figures.EXPLAINED_COLOUR for shape in spec["layout"]["shapes"])
    stars = [trace for trace in spec["data"] if trace.get("marker", {}).get("symbol") == "star"]
    assert stars and stars[0]["name"] == t("quality.viral_post", "en")


def test_comments_per_like_are_charted_per_100_likes():
    """The comments-to-likes comparison counts comments per 100 likes, on a plain number axis."""
    view = quality.PEER_VIEWS["comments_to_likes"]
    raw = quality.peer_evidence(_table(), BOUGHT, "comments_to_likes")
    evidence = quality.peer_view_evidence(_table(), BOUGHT, view)
    assert evidence["value"] == pytest.approx(raw["value"] * 100)
    assert evidence["ratio"] == raw["ratio"]
    spec = _spec(figures.peer_comparison_figure(view, evidence, _row(BOUGHT), "followers", "fr"))
    assert spec["layout"]["xaxis"]["tickformat"] == ",.1f"
    assert spec["data"][1]["x"] == [pytest.approx(evidence["value"])]


@pytest.mark.parametrize("lang", LANGS)
def test_tier_colours_follow_the_tier_on_the_er_by_tier_chart(lang):
    """Each tier's bar has its own colour, from nano (light) to mega (dark), named in the
    user's language."""
    spec = _spec(_by_tier(lang))
    tiers = list(insights.er_by_tier(_table(), metrics.DEFAULT_TIER_SCHEME).index)
    assert spec["data"][0]["marker"]["color"] == [charts.TIER_COLOURS[tier] for tier in tiers]
    assert spec["data"][0]["x"] == [t(f"metrics.tier.{tier}", lang) for tier in tiers]
