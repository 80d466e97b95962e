"""Audience quality: follower jumps, ER and comments far off the peers, credibility, suspicious
followers, their messages, and the plan's review record (DOMAIN §5)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from influkit.data import datasets, generate
from influkit.identify import profiles, quality
from influkit.plan.model import Plan, plan_from_json

WEEK0 = pd.Timestamp("2026-01-05")  # a Monday


def _history(growths: list[float], start: float = 10_000, influencer_id: str = "A") -> pd.DataFrame:
    """Weekly followers starting at ``start`` and growing by each weekly rate in turn."""
    counts = start * np.cumprod([1.0, *(1 + g for g in growths)])
    return pd.DataFrame(
        {
            "influencer_id": influencer_id,
            "week": [WEEK0 + pd.Timedelta(weeks=i) for i in range(len(counts))],
            "followers": np.rint(counts).astype(int),
        }
    )


def _posts(spec: list[tuple[int, int, str]], influencer_id: str = "A") -> pd.DataFrame:
    """Posts from (week number, likes, format); published on the Wednesday of that week."""
    return pd.DataFrame(
        {
            "post_id": [f"{influencer_id}-{i}" for i in range(len(spec))],
            "influencer_id": influencer_id,
            "published_at": [WEEK0 + pd.Timedelta(weeks=w, days=2, hours=18) for w, _, _ in spec],
            "format": [f for _, _, f in spec],
            "likes": [likes for _, likes, _ in spec],
            "comments": 0,
            "shares": 0,
            "saves": 0,
        }
    )


STEADY = [0.004] * 12
ORDINARY = [(w, 100, "photo") for w in range(13)]


def _with_jump(week: int, size: float, base: list[float] = STEADY) -> list[float]:
    growths = list(base)
    growths[week - 1] = size
    return growths


JUMP_CASES = [
    # (weekly growths, posts, jump weeks expected, explained?)
    pytest.param(STEADY, ORDINARY, [], None, id="steady growth: no jump"),
    pytest.param(_with_jump(6, 0.25), ORDINARY, [6], False, id="+25 % with ordinary posts"),
    pytest.param(
        _with_jump(6, 0.25),
        [p for p in ORDINARY if p[0] not in (5, 6)],
        [6],
        False,
        id="+25 % with no post at all",
    ),
    pytest.param(
        _with_jump(6, 0.25),
        [*ORDINARY, (6, 900, "photo")],
        [6],
        True,
        id="+25 % with a viral post that week",
    ),
    pytest.param(
        _with_jump(6, 0.25),
        [*ORDINARY, (5, 900, "photo")],
        [6],
        True,
        id="a viral post the week before explains it",
    ),
    pytest.param(
        _with_jump(6, 0.25),
        [*ORDINARY, (3, 900, "photo")],
        [6],
        False,
        id="a viral post three weeks before does not",
    ),
    pytest.param(_with_jump(6, 0.08), ORDINARY, [], None, id="+8 %: under the 10 % floor"),
    pytest.param(
        _with_jump(6, 0.12, [0.03] * 12),
        ORDINARY,
        [],
        None,
        id="+12 % for an account growing 3 %/week: only 4x its usual",
    ),
    pytest.param(
        _with_jump(6, 0.12, [0.0] * 12), ORDINARY, [6], False, id="+12 % for a flat account"
    ),
]


@pytest.mark.parametrize(("growths", "spec", "weeks", "explained"), JUMP_CASES)
def test_follower_jumps_and_their_explanation(growths, spec, weeks, explained):
    """A week far above the account's usual growth is a jump; a post of that week or the week
    before with 3x the usual interactions explains it."""
    jumps = quality.follower_jumps(_history(growths), _posts(spec))
    assert [int((w - WEEK0).days // 7) for w in jumps["week"]] == weeks
    if weeks:
        assert bool(jumps["explained"].iloc[0]) is explained
        assert jumps["growth"].iloc[0] > quality.JUMP_MIN_GROWTH


def test_a_story_is_not_judged_against_reels():
    """Usual interactions are per format: a reel with 3x a story's likes is not viral when the
    account's reels always do that."""
    spec = [(w, 100, "story") for w in range(6)] + [(w, 300, "reel") for w in range(6)]
    lift = quality.post_lift(_posts(spec))
    assert lift.round(6).tolist() == [1.0] * 12


@pytest.mark.parametrize(
    ("likes", "expected"),
    [([10, 10, 10, 40], [1.0, 1.0, 1.0, 4.0]), ([0, 0, 0, 5], [math.nan] * 4)],
    ids=["4x the median", "a zero median gives not available"],
)
def test_post_lift(likes, expected):
    """A post's lift is its interactions over the account's usual (median) interactions."""
    lift = quality.post_lift(_posts([(0, n, "photo") for n in likes]))
    assert np.allclose(lift.to_numpy(), expected, equal_nan=True)


def _table(rows: list[dict]) -> pd.DataFrame:
    """An influencer table with neutral audience figures unless a row says otherwise."""
    base = {
        "platform": "instagram",
        "tier": "micro",
        "followers": 20_000,
        "er": 0.01,
        "comments_to_likes": 0.05,
        "audience_credibility": 0.85,
        "suspicious_followers_share": 0.10,
        "mass_followers_share": 0.05,
    }
    frame = pd.DataFrame([{**base, "influencer_id": f"P{i}", **row} for i, row in enumerate(rows)])
    return frame


PEERS = [{"er": v} for v in (0.009, 0.010, 0.010, 0.011, 0.012)]

FLAG_CASES = [
    # (the tested account's figures, extra peers, codes expected for it)
    pytest.param({}, PEERS, [], id="at the norm: nothing"),
    pytest.param({"er": 0.03}, PEERS, ["er_high"], id="ER 3x the peers: pods?"),
    pytest.param({"er": 0.024}, PEERS, [], id="ER 2.4x: inside the band"),
    pytest.param({"er": 0.003}, PEERS, ["er_low"], id="ER 0.3x: inactive audience?"),
    pytest.param({"er": 0.03}, PEERS[:3], [], id="too few peers: no norm, no flag"),
    pytest.param({"comments_to_likes": 0.2}, PEERS, ["comments_high"], id="4x comments per like"),
    pytest.param({"comments_to_likes": 0.01}, PEERS, ["comments_low"], id="0.2x comments per like"),
    pytest.param(
        {"platform": "twitch", "comments_to_likes": np.nan, "er": 0.01},
        [{"platform": "twitch", "comments_to_likes": np.nan}] * 5,
        [],
        id="Twitch: no likes, no comments-to-likes flag",
    ),
    pytest.param({"audience_credibility": 0.74}, PEERS, ["low_credibility"], id="credibility 74 %"),
    pytest.param({"audience_credibility": 0.75}, PEERS, [], id="credibility 75 % is fine"),
    pytest.param(
        {"suspicious_followers_share": 0.20, "mass_followers_share": 0.06},
        PEERS,
        ["suspicious_followers"],
        id="26 % suspicious + mass",
    ),
    pytest.param(
        {"suspicious_followers_share": 0.20, "mass_followers_share": 0.05},
        PEERS,
        [],
        id="25 % is the limit, not over it",
    ),
    pytest.param(
        {
            "suspicious_followers_share": np.nan,
            "mass_followers_share": np.nan,
            "audience_credibility": np.nan,
        },
        PEERS,
        [],
        id="no audience data: no flag",
    ),
]


@pytest.mark.parametrize(("account", "peers", "codes"), FLAG_CASES)
def test_flags_against_peers_and_thresholds(account, peers, codes):
    """ER outside 0.4x-2.5x and comments per like outside 1/3x-3x of the same platform x tier's
    median are flagged, as are credibility under 75 % and suspicious + mass over 25 %."""
    table = _table([account, *peers])
    flags = quality.quality_flags(table, None, None)
    mine = flags.loc[flags["influencer_id"] == "P0", "code"].tolist()
    assert mine == codes
    assert list(flags.columns) == list(quality.FLAG_COLUMNS)


def test_a_flag_carries_its_evidence_and_benchmark():
    """An ER flag gives the value, the peers' median, their number and the published range."""
    benchmarks = pd.DataFrame(
        {
            "platform": ["instagram"],
            "tier": ["micro"],
            "metric": ["er_followers"],
            "low": [0.005],
            "high": [0.017],
        }
    )
    flags = quality.quality_flags(_table([{"er": 0.04}, *PEERS]), None, None, benchmarks=benchmarks)
    flag = flags.iloc[0]
    assert (flag["code"], flag["level"]) == ("er_high", "alert")
    # The peers' median counts the account itself among the six.
    assert flag["value"] == pytest.approx(0.04) and flag["norm"] == pytest.approx(0.0105)
    assert flag["params"]["peers"] == 6 and flag["params"]["bench_high"] == 0.017
    assert "0,50\u00a0% à 1,7\u00a0%" in quality.flag_message(flag, "fr")
    assert "6 Instagram accounts" in quality.flag_message(flag, "en")


def test_jump_flags_come_from_the_history():
    """An unexplained jump is an alert; an explained one is listed as information only."""
    history = pd.concat(
        [
            _history(_with_jump(6, 0.3), influencer_id="A"),
            _history(_with_jump(6, 0.3), influencer_id="B"),
        ]
    )
    posts = pd.concat([_posts(ORDINARY, "A"), _posts([*ORDINARY, (6, 2000, "photo")], "B")])
    table = _table([{}, {}]).assign(influencer_id=["A", "B"])
    flags = quality.quality_flags(table, history, posts)
    assert flags[["influencer_id", "code", "level"]].values.tolist() == [
        ["A", "bought_jump", "alert"],
        ["B", "explained_jump", "info"],
    ]
    message = quality.flag_message(flags.iloc[1], "fr")
    assert "16/02/2026" in message and "+30,0\u00a0%" in message
    summary = quality.quality_summary(flags).set_index("influencer_id")
    assert summary.loc["A", "signals"] == 1 and summary.loc["B", "signals"] == 0


@pytest.mark.parametrize(
    ("levels", "ids", "expected"),
    [
        (["alert", "warning", "info"], None, {"X": (1, 1, 1, 2, 4, "alert")}),
        (["warning"], ["X", "Y"], {"X": (0, 1, 0, 1, 1, "warning"), "Y": (0, 0, 0, 0, 0, "")}),
        (["info"], None, {"X": (0, 0, 1, 0, 0, "info")}),
    ],
    ids=["one of each", "clean accounts added", "an explained jump is not a signal"],
)
def test_quality_summary(levels, ids, expected):
    """Per influencer: alerts, warnings, explained jumps, signals, score 3/1/0, worst level."""
    codes = {"alert": "er_high", "warning": "er_low", "info": "explained_jump"}
    flags = pd.DataFrame(
        {"influencer_id": "X", "code": [codes[lv] for lv in levels], "level": levels}
    )
    summary = quality.quality_summary(flags, ids=ids).set_index("influencer_id")
    got = {
        i: tuple(
            summary.loc[i, ["alerts", "warnings", "explained", "signals", "score", "worst_level"]]
        )
        for i in summary.index
    }
    assert got == expected


def test_signal_matrix_spreads_codes_over_the_five_signals():
    """Each summary row becomes one cell per signal, empty when that signal has nothing."""
    summary = pd.DataFrame({"influencer_id": ["X"], "codes": [["bought_jump", "er_low"]]})
    matrix = quality.signal_matrix(summary)
    assert matrix.loc["X"].to_dict() == {
        "jump": "bought_jump",
        "engagement": "er_low",
        "comments": "",
        "credibility": "",
        "suspicious": "",
    }


@pytest.mark.parametrize(
    ("suspicious", "mass", "expected"),
    [(0.2, 0.06, 0.26), (0.2, None, 0.2), (None, None, math.nan)],
)
def test_doubtful_share(suspicious, mass, expected):
    """Suspicious + mass followers; a missing part counts 0, both missing is not available."""
    value = quality.doubtful_share(suspicious, mass)
    assert (math.isnan(value) and math.isnan(expected)) or value == pytest.approx(expected)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_flag_has_a_message_and_a_label(lang):
    """Every code has a short label and a message whose parameters all get filled."""
    from influkit.text import i18n

    for code in quality.FLAG_CODES:
        assert i18n.has(f"quality.code.{code}", lang) and i18n.has(f"quality.flag.{code}", lang)
        assert i18n.has(f"quality.cell.{code}", lang)
    for group in quality.SIGNAL_GROUPS:
        assert i18n.has(f"quality.group.{group}", lang)


# --- the sample data's planted anomalies --------------------------------------------------------


@pytest.fixture(scope="module")
def sample_flags() -> pd.DataFrame:
    return quality.quality_flags(
        profiles.influencer_table(None),
        datasets.load("follower_history"),
        datasets.load("posts"),
        benchmarks=datasets.load("benchmarks"),
    )


def _found(flags: pd.DataFrame, *codes: str) -> set[str]:
    return set(flags.loc[flags["code"].isin(codes), "influencer_id"])


@pytest.mark.parametrize(
    ("codes", "planted", "min_recall", "min_precision"),
    [
        # Measured on the default seed: 10/10 found, no false alarm.
        (("bought_jump",), generate.BOUGHT_JUMP_IDS, 1.0, 1.0),
        # 5/5 organic jumps explained by their viral post.
        (("explained_jump",), generate.ORGANIC_JUMP_IDS, 1.0, 1.0),
        # 11/11 pods above 2.5x their tier's median ER, no other account.
        (("er_high",), generate.ENGAGEMENT_POD_IDS, 1.0, 1.0),
        # 11/11 comment outliers; one ordinary TikTok account at 3.4x joins them (11/12).
        (("comments_high", "comments_low"), generate.COMMENT_OUTLIER_IDS, 1.0, 0.9),
    ],
    ids=["bought jumps", "organic jumps", "engagement pods", "comment outliers"],
)
def test_planted_anomalies_are_found(sample_flags, codes, planted, min_recall, min_precision):
    """The detectors find the generator's planted anomalies with high recall and precision."""
    found = _found(sample_flags, *codes)
    hits = found & set(planted)
    assert len(hits) / len(planted) >= min_recall
    assert len(hits) / len(found) >= min_precision


def test_organic_jumps_are_never_called_bought(sample_flags):
    """A jump with a viral post is explained, not flagged as bought followers."""
    assert not _found(sample_flags, "bought_jump") & set(generate.ORGANIC_JUMP_IDS)


def test_flags_are_fast_on_a_large_dataset():
    """5 000 accounts and 250 000 posts are checked at once, and the planted jumps are found."""
    rng = np.random.default_rng(3)
    accounts = generate.generate_influencers(5_000, rng)
    posts = generate.generate_posts(accounts, 250_000, rng)
    history = generate.generate_follower_history(accounts, rng)
    public = accounts[[c for c in accounts.columns if not c.startswith("_")]]
    table = profiles.account_stats(public, posts, history)
    flags = quality.quality_flags(table, history, posts)
    assert _found(flags, "bought_jump")


# --- the review record in the plan --------------------------------------------------------------


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (None, set()),
        ('["INF0001", "INF0002"]', {"INF0001", "INF0002"}),
        ("INF0001, INF0003", {"INF0001", "INF0003"}),
        ('{"not": "a list"}', set()),
        ("", set()),
    ],
    ids=["nothing yet", "JSON list", "comma-separated", "unexpected JSON", "empty"],
)
def test_reviewed_ids_read_the_plan_note(note, expected):
    """The reviewed influencers are read from the plan's note, whatever state it is in."""
    plan = Plan()
    if note is not None:
        plan.notes = {quality.REVIEWED_NOTE_KEY: note}
    assert quality.reviewed_ids(plan) == expected


def test_marking_reviewed_is_kept_in_the_saved_plan():
    """Marking and unmarking change the plan; the record survives a save and a reload."""
    plan = Plan()
    plan.add_to_shortlist("INF0004")
    plan.add_to_shortlist("INF0010")
    assert quality.mark_reviewed(plan, "INF0004", True) is True
    assert quality.mark_reviewed(plan, "INF0004", True) is False
    assert quality.review_progress(plan) == (1, 2)
    reloaded = plan_from_json(plan.model_dump_json())
    assert quality.reviewed_ids(reloaded) == {"INF0004"}
    assert quality.mark_reviewed(reloaded, "INF0004", False) is True
    assert quality.reviewed_ids(reloaded) == set()
    assert quality.review_progress(Plan()) == (0, 0)


def test_dates_in_params_are_plain_dates():
    """Message parameters are plain values (dates, floats, None) that travel in JSON."""
    history = _history(_with_jump(6, 0.3))
    flags = quality.quality_flags(_table([{}]).assign(influencer_id="A"), history, _posts(ORDINARY))
    params = flags.iloc[0]["params"]
    assert isinstance(params["week"], dt.date) and isinstance(params["growth"], float)
