"""The explorer and the formula lab: filters as vectorised masks, the profile card's figures,
every ER formula side by side with why they differ, and tier changes between schemes."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from influkit.errors import UserError
from influkit.identify import explorer, profiles
from influkit.identify.explorer import ExplorerFilters
from influkit.plan.model import Plan
from influkit.text import i18n


@pytest.fixture(autouse=True)
def _warnings_are_errors():
    """Any warning (a RuntimeWarning from a division above all) fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


TABLE = pd.DataFrame(
    {
        "influencer_id": ["A", "B", "C", "D", "E"],
        "handle": ["@anna", "@bruno", "@chloe", "@dev", "@emma"],
        "display_name": ["Anna Beauté", "Bruno", "Chloé Cuisine", "Dev Tech", ""],
        "platform": ["instagram", "tiktok", "instagram", "linkedin", "youtube"],
        "niche": ["beauty", "beauty", "food", "b2b", "tech"],
        "tier": ["micro", "nano", "mid", "micro", None],
        "country": ["FR", "BE", "FR", "FR", "CH"],
        "language": ["fr", "fr", "fr", "en", "fr"],
        "followers": [20_000, 5_000, 120_000, 30_000, np.nan],
        "er": [0.02, 0.08, 0.01, 0.04, np.nan],
        "price_per_post_eur": [300.0, 50.0, 2_000.0, 800.0, np.nan],
        "audience_female_share": [0.9, 0.7, 0.55, 0.3, np.nan],
        "audience_age_13_17": [0.05, 0.30, 0.05, 0.00, np.nan],
        "audience_age_18_24": [0.40, 0.45, 0.20, 0.10, np.nan],
        "audience_age_25_34": [0.35, 0.15, 0.30, 0.40, np.nan],
        "audience_age_35_44": [0.15, 0.05, 0.30, 0.35, np.nan],
        "audience_age_45_plus": [0.05, 0.05, 0.15, 0.15, np.nan],
        "audience_top_country": ["FR", "BE", "FR", "FR", ""],
        "audience_top_country_share": [0.8, 0.6, 0.5, 0.7, np.nan],
        "audience_credibility": [0.9, 0.7, 0.85, 0.8, np.nan],
        "suspicious_followers_share": [0.05, 0.2, 0.1, 0.1, np.nan],
        "mass_followers_share": [0.05, 0.1, 0.1, 0.1, np.nan],
    }
)


# --- filters --------------------------------------------------------------------------------

FILTER_CASES = [
    (ExplorerFilters(), ["C", "D", "A", "B", "E"]),  # everyone, largest audience first
    (ExplorerFilters(platforms=("instagram",)), ["C", "A"]),
    (ExplorerFilters(platforms=("instagram", "tiktok")), ["C", "A", "B"]),
    (ExplorerFilters(niches=("beauty",)), ["A", "B"]),
    (ExplorerFilters(tiers=("micro",)), ["D", "A"]),
    (ExplorerFilters(countries=("FR",), languages=("fr",)), ["C", "A"]),
    (ExplorerFilters(followers=(10_000, None)), ["C", "D", "A"]),
    (ExplorerFilters(followers=(10_000, 30_000)), ["D", "A"]),  # bounds are inclusive
    (ExplorerFilters(er=(0.03, None)), ["D", "B"]),
    (ExplorerFilters(er=(None, 0.02)), ["C", "A"]),
    (ExplorerFilters(price=(None, 500)), ["A", "B"]),
    (ExplorerFilters(female_share_min=0.7), ["A", "B"]),
    (ExplorerFilters(age_band="18_24", age_band_min=0.4), ["A", "B"]),
    (ExplorerFilters(age_band="25_34", age_band_dominant=True), ["C", "D"]),  # C ties 35-44
    (ExplorerFilters(age_band="13_17", age_band_dominant=True), []),
    (ExplorerFilters(top_country="FR"), ["C", "D", "A"]),
    (ExplorerFilters(top_country="FR", top_country_min=0.7), ["D", "A"]),
    (ExplorerFilters(credibility_min=0.85), ["C", "A"]),
    (ExplorerFilters(search="CUISINE"), ["C"]),
    (ExplorerFilters(search="@br"), ["B"]),
    (ExplorerFilters(platforms=("instagram",), niches=("food",), credibility_min=0.8), ["C"]),
    (ExplorerFilters(platforms=("twitch",)), []),
]


@pytest.mark.parametrize(("filters", "expected"), FILTER_CASES)
def test_filters_keep_exactly_the_matching_influencers(filters, expected):
    """Every filter narrows the table; filters add up; the biggest audiences come first."""
    assert explorer.filter_influencers(TABLE, filters)["influencer_id"].tolist() == expected


@pytest.mark.parametrize(
    "filters",
    [
        ExplorerFilters(followers=(0.0 + 1, None)),
        ExplorerFilters(er=(None, 1.0)),
        ExplorerFilters(female_share_min=0.0),
        ExplorerFilters(credibility_min=0.0),
        ExplorerFilters(age_band="18_24", age_band_dominant=True),
    ],
)
def test_an_unknown_value_never_passes_an_active_filter(filters):
    """E has no figures: once a filter asks for one, E is left out (not guessed)."""
    assert "E" not in explorer.filter_influencers(TABLE, filters)["influencer_id"].tolist()


def test_a_filter_on_a_column_the_table_lacks_matches_nobody():
    """An imported list without audience data cannot pass an audience filter."""
    bare = TABLE[["influencer_id", "handle", "platform", "followers"]]
    assert explorer.filter_influencers(bare, ExplorerFilters(credibility_min=0.5)).empty
    assert len(explorer.filter_influencers(bare, ExplorerFilters())) == len(bare)


def test_an_unknown_age_band_is_a_user_error():
    """Only the plan's age bands can be asked for."""
    with pytest.raises(UserError) as caught:
        ExplorerFilters(age_band="60_plus")
    assert caught.value.key == "explorer.error_age_band"
    assert i18n.has(caught.value.key, "fr")


@pytest.mark.parametrize(
    ("filters", "empty", "count"),
    [
        (ExplorerFilters(), True, 0),
        (ExplorerFilters(platforms=("x",)), False, 1),
        (ExplorerFilters(platforms=("x",), er=(0.01, None), search="a"), False, 3),
    ],
)
def test_filters_know_how_many_of_them_are_set(filters, empty, count):
    """The page can tell whether any filter is on, and how many."""
    assert filters.is_empty() is empty
    assert filters.active_count() == count


@pytest.mark.parametrize(
    ("picked", "steps", "expected"),
    [
        ((0, math.inf), explorer.FOLLOWER_STEPS, (None, None)),
        ((10_000, math.inf), explorer.FOLLOWER_STEPS, (10_000, None)),
        ((0, 50_000), explorer.FOLLOWER_STEPS, (None, 50_000)),
        ((0.01, 0.035), explorer.ER_STEPS, (0.01, 0.035)),
        ((100, 5_000_000), (100, 5_000_000), (None, None)),
    ],
)
def test_a_slider_at_its_ends_filters_nothing(picked, steps, expected):
    """The scale's ends are open: "0" and "no limit" keep accounts without figures too."""
    assert explorer.active_range(picked, steps) == expected


def test_filter_options_come_from_the_table_in_a_readable_order():
    """Platforms and tiers in their natural order, the rest alphabetical; blanks left out."""
    options = explorer.filter_options(TABLE)
    assert options["platforms"] == ["instagram", "tiktok", "youtube", "linkedin"]
    assert options["tiers"] == ["nano", "micro", "mid"]
    assert options["niches"] == ["b2b", "beauty", "food", "tech"]
    assert options["top_countries"] == ["BE", "FR"]


def test_filtering_is_vectorised_and_fast_on_a_large_table():
    """A hundred thousand accounts filter in one vectorised pass (speed: bench/bench_explorer.py)."""
    big = pd.concat([TABLE] * 20_000, ignore_index=True)
    filters = ExplorerFilters(
        platforms=("instagram", "linkedin"),
        followers=(10_000, None),
        female_share_min=0.2,
        age_band="25_34",
        age_band_dominant=True,
        top_country="FR",
        search="e",
    )
    result = explorer.filter_influencers(big, filters)
    assert len(result) == 40_000  # C and D each time


# --- the table ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "platform", "tier"),
    [("fr", "Instagram", "Micro"), ("en", "Instagram", "Micro")],
)
def test_the_display_table_shows_labels_and_keeps_numbers(lang, platform, tier):
    """Codes become labels, numbers stay numbers (so the table sorts), shortlist is marked."""
    shown = explorer.display_table(TABLE, lang, shortlisted=["A"])
    assert list(shown.columns) == ["influencer_id", "display_name", *explorer.TABLE_COLUMNS]
    assert shown.at[0, "platform"] == platform and shown.at[0, "tier"] == tier
    assert shown.at[0, "niche"] == i18n.t("data.niche.beauty", lang)
    assert shown["followers"].dtype == float
    assert shown["shortlisted"].tolist() == [True, False, False, False, False]
    assert shown.at[4, "tier"] == ""


@pytest.mark.parametrize(
    ("edited", "expected"),
    [
        ({}, explorer.TableEdit()),
        ({0: {"shortlisted": True}}, explorer.TableEdit(add=("A",))),
        ({"1": {"shortlisted": False}}, explorer.TableEdit(remove=("B",))),
        (
            {0: {"shortlisted": True}, 2: {"shortlisted": False}, 1: {"shortlisted": True}},
            explorer.TableEdit(add=("A", "B"), remove=("C",)),
        ),
        ({2: {"open": True}}, explorer.TableEdit(open="C")),
        ({2: {"open": False}}, explorer.TableEdit()),
        ({9: {"shortlisted": True}, "x": {"open": True}}, explorer.TableEdit()),
    ],
)
def test_ticked_boxes_say_who_joins_leaves_or_opens(edited, expected):
    """A ticked “Shortlist” box adds that row's influencer, an unticked one removes them, a
    ticked “Card” box opens their card; rows outside the table are ignored."""
    assert explorer.table_edit(edited, ["A", "B", "C"]) == expected


def test_applying_ticked_boxes_changes_the_shortlist_once():
    """Ticking adds as a content creator, unticking removes; repeating changes nothing."""
    plan = Plan()
    plan.add_to_shortlist("B", role="ambassador")
    edit = explorer.TableEdit(add=("A", "B"), remove=("C",))
    assert explorer.apply_table_edit(plan, edit) == (["A"], [])
    assert [(e.influencer_id, e.role) for e in plan.shortlist] == [
        ("B", "ambassador"),
        ("A", "creator"),
    ]
    assert explorer.apply_table_edit(plan, explorer.TableEdit(remove=("B",))) == ([], ["B"])
    assert plan.shortlisted_ids() == ["A"]


# --- the profile card -----------------------------------------------------------------------

ACCOUNT_POSTS = pd.DataFrame(
    {
        "influencer_id": ["A"] * 4,
        "published_at": pd.to_datetime(["2026-03-01", "2026-01-01", "2026-02-01", "2026-04-01"]),
        "format": ["reel", "photo", "photo", "story"],
        "likes": [100, 200, 300, 400],
        "comments": [10, 20, 30, 40],
        "shares": [0, 0, 0, 0],
        "saves": [0, 5, 0, 0],
        "views": [1_000] * 4,
        "sponsored": [True, False, True, True],
        "disclosure": ["Publicité", "", "", "#ad"],
    }
)


def test_post_timeline_marks_how_each_post_was_sponsored():
    """Oldest first, interactions summed, sponsored posts with and without a mention apart."""
    timeline = explorer.post_timeline(ACCOUNT_POSTS)
    assert timeline["published_at"].is_monotonic_increasing
    assert timeline["interactions"].tolist() == [225, 330, 110, 440]
    assert timeline["kind"].tolist() == ["organic", "undisclosed", "sponsored", "sponsored"]


def test_sponsorship_summary_counts_posts_with_and_without_a_mention():
    """Three sponsored posts out of four, one of them without a commercial mention."""
    summary = explorer.sponsorship_summary(ACCOUNT_POSTS)
    assert summary == {
        "posts": 4,
        "sponsored": 3,
        "disclosed": 2,
        "undisclosed": 1,
        "sponsored_share": 0.75,
        "disclosure_rate": pytest.approx(2 / 3),
    }
    assert math.isnan(explorer.sponsorship_summary(ACCOUNT_POSTS.iloc[:0])["disclosure_rate"])


def test_disclosure_mentions_are_counted_most_used_first():
    """The mentions an account uses on its sponsored posts."""
    mentions = explorer.disclosure_mentions(ACCOUNT_POSTS)
    assert mentions.to_dict() == {"Publicité": 1, "#ad": 1}


@pytest.mark.parametrize(
    ("mention", "audience", "quality"),
    [
        ("Publicité", "fr", "clear"),
        ("Collaboration commerciale", "fr", "clear"),
        ("#ad", "fr", "weak"),
        ("#ad", "en", "clear"),
        ("#sp", "fr", "unclear"),
        ("merci", "fr", "unclear"),
    ],
)
def test_mention_quality_follows_french_law_and_the_arpp(mention, audience, quality):
    """ "#ad" is clear in English but weak for a French audience; "#sp" shows nothing."""
    assert explorer.mention_quality(mention, audience) == quality


@pytest.mark.parametrize(
    ("changes", "flags"),
    [
        ({}, []),
        ({"audience_credibility": 0.6}, ["low_credibility"]),
        ({"suspicious_followers_share": 0.2, "mass_followers_share": 0.1}, ["suspicious"]),
        ({"disclosure_rate": 0.8}, ["undisclosed"]),
        ({"audience_credibility": np.nan, "disclosure_rate": np.nan}, []),
    ],
)
def test_quality_flags_warn_on_doubtful_audiences_and_missing_mentions(changes, flags):
    """Credibility under 75 %, over 25 % suspicious + mass followers, undisclosed partnerships."""
    row = TABLE.iloc[0].copy()
    row["disclosure_rate"] = 1.0
    for key, value in changes.items():
        row[key] = value
    assert explorer.quality_flags(row) == flags


def test_audience_shares_of_a_profile():
    """Age bands youngest first; women and men add up to one; unknown stays unknown."""
    ages = explorer.audience_ages(TABLE.iloc[0])
    assert list(ages.index) == ["13_17", "18_24", "25_34", "35_44", "45_plus"]
    assert ages.sum() == pytest.approx(1.0)
    assert explorer.audience_gender(TABLE.iloc[0]).to_dict() == pytest.approx(
        {"female": 0.9, "male": 0.1}
    )
    assert explorer.audience_gender(TABLE.iloc[4]).isna().all()


# --- the formula lab ------------------------------------------------------------------------


def _lab_posts() -> pd.DataFrame:
    """Two accounts: R reaches 25 % of its followers, V is seen far beyond them."""
    rows = []
    for day in range(12):
        stamp = pd.Timestamp("2026-01-01") + pd.Timedelta(days=day)
        rows.append(("R", stamp, 100, 0, 0, 0, 2_500, 2_500, 3_000))
        likes = 5_000 if day == 0 else 500  # one viral post
        rows.append(("V", stamp, likes, 0, 0, 0, 50_000, 40_000, 60_000))
    return pd.DataFrame(
        rows,
        columns=[
            "influencer_id", "published_at", "likes", "comments", "shares", "saves",
            "views", "reach", "impressions",
        ],
    )  # fmt: skip


LAB_PEOPLE = pd.DataFrame(
    {
        "influencer_id": ["R", "V", "N"],
        "handle": ["@reach", "@viral", "@noposts"],
        "display_name": ["R", "V", "N"],
        "platform": ["instagram", "tiktok", "youtube"],
        "followers": [10_000, 10_000, 5_000],
        "posts_in_data": [12, 12, 0],
    }
)


def test_lab_table_gives_every_formula_for_each_chosen_account():
    """Nine formulas per account, in the order chosen; an account without posts gets n/a."""
    lab = explorer.lab_table(_lab_posts(), LAB_PEOPLE, ["V", "R", "N"])
    assert lab.index.tolist() == ["V", "R", "N"]
    assert lab.at["R", "followers_mean"] == pytest.approx(0.01)
    assert lab.at["R", "reach_mean"] == pytest.approx(0.04)
    assert lab.at["R", "impressions_mean"] == pytest.approx(100 / 3_000)
    assert lab.at["R", "views_mean"] == pytest.approx(0.04)
    assert lab.at["R", "followers_median_likes"] == pytest.approx(0.01)
    assert lab.at["N", "posts_used"] == 0 and math.isnan(lab.at["N", "followers_mean"])
    assert lab.at["V", "handle"] == "@viral"
    matrix = explorer.formula_matrix(lab)
    assert matrix.shape == (9, 3)
    assert matrix.index[:4].tolist() == [
        "followers_mean", "reach_mean", "impressions_mean", "views_mean",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("influencer", "kind", "viral"),
    [("R", "reach_below", False), ("V", "reach_above", True)],
)
def test_er_gap_explains_reach_against_followers(influencer, kind, viral):
    """R reaches a quarter of its followers; V is seen by four times more, with one viral post."""
    lab = explorer.lab_table(_lab_posts(), LAB_PEOPLE, ["R", "V"])
    gap = explorer.er_gap(lab.loc[influencer])
    assert gap.kind == kind
    assert gap.viral is viral


@pytest.mark.parametrize(
    ("lang", "influencer", "parts"),
    [
        ("fr", "R", ["environ 25\u00a0% de ses abonnés", "4,0 fois plus élevé", "4,0\u00a0%"]),
        ("fr", "V", ["fois plus bas", "publications virales", "la médiane n'est que de"]),
        ("en", "R", ["about 25% of their followers", "4.0 times higher"]),
    ],
)
def test_explain_er_gap_is_one_sentence_with_the_numbers(lang, influencer, parts):
    """The sentence says why, with the account's own figures, in the user's language."""
    lab = explorer.lab_table(_lab_posts(), LAB_PEOPLE, ["R", "V"])
    sentence = explorer.explain_er_gap(lab.loc[influencer], lang)
    for part in parts:
        assert part in sentence
    assert sentence.endswith(".") and ". " not in sentence  # one sentence


@pytest.mark.parametrize(
    ("followers_mean", "reach_mean", "kind"),
    [
        (0.02, 0.021, "reach_close"),
        (0.01, 0.05, "reach_below"),
        (0.05, 0.01, "reach_above"),
        (np.nan, 0.01, "no_data"),
        (0.0, 0.01, "no_data"),
    ],
)
def test_er_gap_kinds(followers_mean, reach_mean, kind):
    """Close bases, reach below followers, reach beyond followers, or not enough data."""
    row = pd.Series(
        {"followers_mean": followers_mean, "reach_mean": reach_mean, "followers_median": 0.02}
    )
    assert explorer.er_gap(row).kind == kind
    assert explorer.explain_er_gap(row, "fr")


def test_er_gap_falls_back_on_views_without_reach():
    """Without reach, the views stand for it."""
    row = pd.Series({"followers_mean": 0.01, "reach_mean": np.nan, "views_mean": 0.04})
    gap = explorer.er_gap(row)
    assert gap.reference == "views"
    assert "aux vues" in explorer.explain_er_gap(row, "fr")


def test_default_lab_selection_starts_from_the_shortlist():
    """The shortlist's accounts with posts come first (at most six)."""
    assert explorer.default_lab_selection(LAB_PEOPLE, ["N", "V", "R"]) == ["V", "R"]


def test_default_lab_selection_without_shortlist_takes_one_typical_account_per_platform():
    """On the sample: an Instagram, a TikTok, a YouTube and a LinkedIn account with posts."""
    table = profiles.influencer_table()
    chosen = explorer.default_lab_selection(table)
    platforms = table.set_index("influencer_id").loc[chosen, "platform"].tolist()
    assert platforms == list(explorer.LAB_DEFAULT_PLATFORMS)


# --- tiers under two schemes ----------------------------------------------------------------

TIER_PEOPLE = pd.DataFrame(
    {
        "influencer_id": list("abcdef"),
        "handle": list("abcdef"),
        "display_name": list("abcdef"),
        "platform": ["instagram"] * 6,
        "followers": [5_000, 20_000, 60_000, 120_000, 600_000, 2_000_000],
    }
)


@pytest.mark.parametrize(
    ("scheme_a", "scheme_b", "expected"),
    [
        ("hypeauditor", "hypeauditor", []),
        ("hypeauditor", "france", [("d", "mid", "macro"), ("c", "mid", "micro")]),
        ("hypeauditor", "later_fohr", [("c", "mid", "micro")]),
        ("france", "later_fohr", [("d", "macro", "mid")]),
    ],
)
def test_tier_changes_list_who_moves_between_schemes(scheme_a, scheme_b, expected):
    """60 000 followers is mid-tier for HypeAuditor, micro in the French scheme; 120 000 is macro."""
    changes = explorer.tier_changes(TIER_PEOPLE, scheme_a, scheme_b)
    assert list(changes[["influencer_id", "tier_a", "tier_b"]].itertuples(index=False)) == [
        tuple(row) for row in expected
    ]


def test_tier_transitions_count_each_move():
    """Counts per (from, to), smallest tiers first."""
    changes = explorer.tier_changes(TIER_PEOPLE, "hypeauditor", "france")
    transitions = explorer.tier_transitions(changes)
    assert transitions.to_dict("records") == [
        {"tier_a": "mid", "tier_b": "micro", "count": 1},
        {"tier_a": "mid", "tier_b": "macro", "count": 1},
    ]
    assert explorer.tier_transitions(changes.iloc[:0]).empty


@pytest.mark.parametrize(
    ("scheme_b", "lang", "part"),
    [
        ("france", "fr", "change le palier de 2 influenceurs sur 6 (33\u00a0%)"),
        ("later_fohr", "en", "changes the tier of 1 influencers out of 6 (17%)"),
        ("hypeauditor", "fr", "Aucun influenceur"),
    ],
)
def test_tier_change_sentence_sums_the_switch_up(scheme_b, lang, part):
    """How many change, out of how many, and the most frequent move."""
    changes = explorer.tier_changes(TIER_PEOPLE, "hypeauditor", scheme_b)
    sentence = explorer.tier_change_sentence(changes, 6, "hypeauditor", scheme_b, lang)
    assert part in sentence
