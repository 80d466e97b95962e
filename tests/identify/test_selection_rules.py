"""The rules behind module 2's pages: which accounts a list or a chart keeps, how a brand-fit
ranking is filtered, how the shortlist takes typed roles and notes, and how rates are written."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from influkit.data import datasets
from influkit.identify import brandfit, explorer, influence, profiles, quality, trends
from influkit.plan.model import Plan

# --- explorer ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, lang, shown",
    [
        (0.0351, "fr", "3,5\u00a0%"),
        (0.0045, "fr", "0,45\u00a0%"),
        (0.0045, "en", "0.45%"),
        (0.01, "en", "1.0%"),
        (math.nan, "fr", "n.d."),
        (math.nan, "en", "n/a"),
    ],
)
def test_a_rate_has_two_decimals_under_one_percent_and_one_above(value, lang, shown):
    """0,45 % keeps its two decimals (it would read 0,5 % otherwise); 3,5 % needs one; a missing
    rate says so."""
    assert explorer.fmt_rate(value, lang).replace("\u202f", "\u00a0") == shown


@pytest.mark.parametrize("points, share", [(0, None), (None, None), (5, 0.05), (100, 1.0)])
def test_a_minimum_share_slider_at_zero_filters_nothing(points, share):
    """A slider left at 0 % sets no minimum; 5 % keeps audiences of at least 5 %."""
    assert explorer.share_min(points) == share


@pytest.mark.parametrize(
    "sponsored, undisclosed, qualities, verdict",
    [
        (0, 0, [], "no_sponsored"),
        (4, 1, ["clear"], "missing"),
        (4, 0, ["clear", "weak"], "weak"),
        (4, 0, ["clear"], "ok"),
    ],
)
def test_the_disclosure_verdict_puts_a_missing_mention_before_a_weak_one(
    sponsored, undisclosed, qualities, verdict
):
    """A sponsored post with no mention is the first thing said; then a mention that is not
    clear; all clear is fine; no sponsored post at all is said as such."""
    summary = {"sponsored": sponsored, "undisclosed": undisclosed}
    assert explorer.disclosure_verdict(summary, qualities) == verdict


@pytest.mark.parametrize("language, read_in", [("fr", "fr"), ("en", "en"), ("es", "fr")])
def test_mentions_are_read_in_the_accounts_language_or_french(language, read_in):
    """An English account's mentions are judged in English; any other language by French law."""
    assert explorer.mention_language({"language": language}) == read_in


# --- audience quality -------------------------------------------------------------------------


def _summary() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "signals": [0, 2, 0, 1],
            "explained": [0, 0, 1, 0],
            "score": [0, 4, 0, 3],
        },
        index=pd.Index(["a", "b", "c", "d"], name="influencer_id"),
    )


@pytest.mark.parametrize(
    "ids, only_signals, worst_first, expected",
    [
        (["a", "b", "c", "d"], False, False, ["a", "b", "c", "d"]),
        (["a", "b", "c", "d"], True, False, ["b", "c", "d"]),
        (["a", "b", "c", "d"], True, True, ["b", "d", "c"]),
        (["d", "a"], False, False, ["d", "a"]),
    ],
)
def test_the_review_list_keeps_accounts_with_a_sign_worst_first_when_asked(
    ids, only_signals, worst_first, expected
):
    """Asking for accounts with a sign also keeps an explained jump; the whole market is
    sorted worst first, the shortlist keeps its order."""
    listed = quality.review_list(_summary(), ids, only_signals, worst_first)
    assert list(listed.index) == expected


def test_the_shortlist_banner_names_only_accounts_with_a_sign():
    """An explained jump alone is no sign: only accounts with a sign are named, in the
    shortlist's order."""
    assert quality.flagged_ids(_summary(), ["d", "c", "b", "a"]) == ["d", "b"]


def test_an_explained_jump_marks_its_viral_post_at_the_followers_of_that_week():
    """The star of a viral post sits on the follower curve, at the week before the post."""
    history = pd.DataFrame(
        {"week": pd.to_datetime(["2026-01-05", "2026-01-12", "2026-01-19"]), "followers": [1, 2, 3]}
    )
    flags = pd.DataFrame(
        {
            "code": ["explained_jump", "bought_jump", "er_high"],
            "params": [
                {"week": "2026-01-19", "post_date": "2026-01-14"},
                {"week": "2026-01-12"},
                {},
            ],
        }
    )
    marks = quality.jump_marks(flags, history, followers=99)
    assert [m.bought for m in marks] == [False, True]
    assert marks[0].post_followers == 2
    assert marks[0].start == pd.Timestamp("2026-01-12")
    assert marks[1].post_date is None


# --- influence --------------------------------------------------------------------------------


def test_the_index_chart_leaves_out_a_signal_no_chosen_account_has():
    """A signal none of the chosen accounts has an index for is not drawn."""
    indices = pd.DataFrame(
        {"comments_per_post": [1.2, 0.8], "share_rate": [math.nan, math.nan], "save_rate": [1, 2]},
        index=["a", "b"],
    )
    assert influence.charted_signals(indices, ["a", "b"]) == ["comments_per_post", "save_rate"]


@pytest.mark.parametrize(
    "mentions, brands, hidden",
    [
        ([0.0, math.nan], [], ["mentions_per_post", "brand_mention_posts"]),
        ([0.5, 0.0], ["Brand"], []),
        ([0.5, 0.0], [], ["brand_mention_posts"]),
    ],
)
def test_the_influence_table_hides_columns_with_nothing_to_say(mentions, brands, hidden):
    """No @mention anywhere hides the mentions; a market without brands hides brand mentions."""
    signals = pd.DataFrame({"mentions_per_post": mentions})
    assert influence.hidden_columns(signals, brands) == hidden


def test_citing_accounts_are_those_naming_the_brands_most_often():
    """Accounts never naming a brand are left out; the others come most often first."""
    signals = pd.DataFrame({"influencer_id": list("abcd"), "brand_mention_posts": [0, 3, 5, 3]})
    assert list(influence.citing_accounts(signals, n=2)["influencer_id"]) == ["c", "b"]


# --- trends -----------------------------------------------------------------------------------


def test_the_recent_window_runs_from_a_monday_to_the_last_sunday():
    """Eight recent weeks start on the Monday eight weeks before the end, and end on a Sunday."""
    weeks = pd.date_range("2026-01-05", periods=20, freq="7D")
    start, end = trends.recent_window(weeks, 8)
    assert (
        start == weeks[-8]
        and end.day_name() == "Sunday"
        and end - weeks[-1] == pd.Timedelta(6, "D")
    )


@pytest.mark.parametrize(
    "rising, expected",
    [([True, False, True], ["#a", "#c"]), ([False, False, False], ["#a", "#b", "#c"])],
)
def test_the_usage_chart_follows_the_rising_hashtags_or_else_the_first(rising, expected):
    """The weekly chart follows the rising hashtags; when none rises, the first of the ranking."""
    ranked = pd.DataFrame({"hashtag": ["#a", "#b", "#c"], "rising": rising})
    assert trends.charted_hashtags(ranked) == expected


# --- brand fit and shortlist ------------------------------------------------------------------


@pytest.fixture(scope="module")
def plan() -> Plan:
    return Plan.from_case(datasets.cases()[0], "fr")


@pytest.fixture(scope="module")
def ranked(plan) -> pd.DataFrame:
    return brandfit.plan_ranking(plan)


def test_filtering_the_ranking_keeps_the_best_and_ranks_them_again(ranked):
    """Keeping one platform and a minimum score shows the best few, ranked 1, 2, 3…, and says
    how many matched in all."""
    shown, matching = brandfit.filter_ranking(ranked, ["instagram"], [], 20, top=3)
    kept = ranked[(ranked["platform"] == "instagram") & (ranked["score"] >= 20)]
    assert matching == len(kept)
    assert list(shown["influencer_id"]) == list(kept["influencer_id"][:3])
    assert list(shown["rank"]) == [1, 2, 3]


def test_the_brand_fit_filters_start_from_the_cases_platforms(plan, ranked):
    """The platform filter starts on the platforms the case asks for, when there is a case."""
    offered = sorted(ranked["platform"].dropna().unique())
    expected = [p for p in datasets.case(plan.case_id)["platforms"] if p in offered]
    assert brandfit.case_platforms(plan, offered) == expected
    assert brandfit.case_platforms(plan.model_copy(update={"case_id": None}), offered) == []


def test_the_brief_summary_says_when_the_brief_is_empty(plan):
    """A brief naming niches or a target is summed up; an empty one says so."""
    niches, target, said = brandfit.brief_summary(plan.brief, "fr")
    assert said and niches and target
    empty = plan.brief.model_copy(
        update={
            "niches": [],
            "target_audience": plan.brief.target_audience.model_copy(
                update={"female_share": None, "age_bands": [], "countries": []}
            ),
        }
    )
    assert brandfit.brief_summary(empty, "en")[2] is False


def test_roles_and_notes_typed_in_the_shortlist_table_land_in_the_plan(ranked):
    """A new role and note are kept; an unknown role keeps the old one; an empty cell is an empty
    note; nothing typed changes nothing."""
    plan = Plan.from_case(datasets.cases()[0], "fr")
    first, second = list(ranked["influencer_id"][:2])
    plan.add_to_shortlist(first)
    plan.add_to_shortlist(second, role="expert", note="old")
    assert brandfit.edit_shortlist(
        plan, {first: ("ambassador", "Great tone"), second: ("boss", None)}
    )
    assert [(e.role, e.note) for e in plan.shortlist] == [
        ("ambassador", "Great tone"),
        ("expert", ""),
    ]
    assert not brandfit.edit_shortlist(plan, {first: ("ambassador", "Great tone")})


def test_the_influence_page_starts_with_the_shortlist_else_the_strongest_candidates(ranked):
    """With a shortlist the page compares it; with an empty one, the brief's strongest
    candidates; without a plan, the strongest accounts showing no audience-quality sign."""
    table = profiles.influencer_table(None)
    posts = datasets.load("posts")
    indices = influence.index_table(
        influence.versus_norm(influence.influence_signals(table, posts))
    )
    flags = quality.quality_flags(table, datasets.load("follower_history"), posts)
    summary = quality.quality_summary(flags, ids=table["influencer_id"]).set_index("influencer_id")
    plan = Plan.from_case(datasets.cases()[0], "fr")
    ids, why = influence.default_accounts(plan, table, indices, summary)
    assert why == "default_strongest" and len(ids) == 5
    plan.add_to_shortlist(ids[0])
    assert influence.default_accounts(plan, table, indices, summary) == (
        [ids[0]],
        "default_shortlist",
    )
    ids, why = influence.default_accounts(None, table, indices, summary)
    assert why == "no_plan" and all(summary.loc[i, "signals"] == 0 for i in ids)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_lab_formula_is_named_with_who_uses_it(lang):
    """The formula lab names every formula (basis and method) and who uses it, in the user's
    language, one row per formula."""
    rows = explorer.lab_formula_rows(lang)
    assert len(rows) == len(explorer.LAB_FORMULAS)
    texts = [text for row in rows for text in row]
    assert all(texts) and not [x for x in texts if x.startswith(("formulalab.", "metrics."))]
    assert len({name for name, _ in rows}) == len(rows)
