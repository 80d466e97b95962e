"""Brand fit: each criterion's sub-score, the weights, missing data, explanations and the
shortlist figures, on hand-built rows with known answers and on the sample data."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from influkit.data import datasets
from influkit.errors import UserError
from influkit.identify import brandfit, profiles
from influkit.identify.brandfit import NEUTRAL
from influkit.plan.model import Brief, Plan, TargetAudience
from influkit.text import i18n


@pytest.fixture(autouse=True)
def _warnings_are_errors():
    """Any warning (a RuntimeWarning from a log or a division above all) fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def _brief(niches=(), female=None, ages=(), countries=()) -> Brief:
    return Brief(
        niches=list(niches),
        target_audience=TargetAudience(
            female_share=female, age_bands=list(ages), countries=list(countries)
        ),
    )


def _table(*rows: dict) -> pd.DataFrame:
    """A table of accounts; ids are given in order, every other column as the rows say."""
    frame = pd.DataFrame(list(rows))
    frame.insert(0, "influencer_id", [f"T{i:03d}" for i in range(len(frame))])
    return frame


def _peers(
    value_column: str, peer_value: float, tested: float, n: int = 6, **extra
) -> pd.DataFrame:
    """``n`` Instagram micro peers holding ``peer_value``, then the tested row (last)."""
    base = {"platform": "instagram", "tier": "micro", **extra}
    rows = [{**base, value_column: peer_value} for _ in range(n)]
    return _table(*rows, {**base, value_column: tested})


def _same(actual: float, expected: float) -> bool:
    return actual == pytest.approx(expected, abs=1e-9)


BRIEF = _brief(["beauty"], 0.9, ["18_24", "25_34"], ["FR", "BE"])

# --- niche ----------------------------------------------------------------------------------

NICHE_CASES = [
    # (account niche, brief niches, sub-score, match)
    ("beauty", ["beauty"], 1.0, "exact"),
    ("fashion", ["beauty"], 0.6, "related"),
    ("ecology", ["beauty"], 0.3, "related"),
    ("tech", ["beauty"], 0.0, "none"),
    ("fashion", ["lifestyle", "beauty"], 0.6, "related"),  # the best related niche counts
    ("lifestyle", ["lifestyle", "beauty"], 1.0, "exact"),
    ("gaming", ["tech"], 0.6, "related"),  # the table is symmetric
    ("beauty", [], NEUTRAL, ""),  # a brief without niches: no evidence
    (None, ["beauty"], NEUTRAL, ""),  # an account without a niche: no evidence
]


@pytest.mark.parametrize(("niche", "wanted", "expected", "match"), NICHE_CASES)
def test_niche_relevance(niche, wanted, expected, match):
    """An exact niche scores 1, a related one its share from the table, any other 0."""
    fit = brandfit.brand_fit(_table({"niche": niche}), _brief(wanted))
    assert _same(fit["sub_niche"].iloc[0], expected)
    assert fit["niche_match"].iloc[0] == match


def test_relatedness_table_is_between_zero_and_one_and_uses_known_niches():
    """Every related pair joins two different dataset niches with a partial credit in (0, 1)."""
    from influkit.data.generate import NICHES

    for pair, value in brandfit.RELATED_NICHES.items():
        assert len(pair) == 2 and pair <= set(NICHES)
        assert 0 < value < 1


# --- audience -------------------------------------------------------------------------------

AUDIENCE_ROW = {
    "audience_female_share": 0.9,
    "audience_age_18_24": 0.3,
    "audience_age_25_34": 0.4,
    "audience_top_country": "FR",
    "audience_top_country_share": 0.8,
}
AUDIENCE_CASES = [
    # (row changes, brief, sub-score)
    ({}, _brief(female=0.9), 1.0),  # gender exactly on target
    ({"audience_female_share": 0.65}, _brief(female=0.9), 0.5),  # 25 points off: half
    ({"audience_female_share": 0.2}, _brief(female=0.9), 0.0),  # 50 points off or more: 0
    ({}, _brief(ages=["18_24", "25_34"]), 0.7),  # share in the target bands
    ({}, _brief(ages=["45_plus"]), NEUTRAL),  # the account lacks that band: no evidence
    ({}, _brief(countries=["FR", "BE"]), 0.8),  # top country is a target: its share
    ({"audience_top_country": "CA"}, _brief(countries=["FR", "BE"]), 0.0),  # it is not: 0
    ({}, BRIEF, (1.0 + 0.7 + 0.8) / 3),  # the three parts, equally weighted
    ({"audience_female_share": None}, BRIEF, (0.7 + 0.8) / 2),  # a missing part is left out
    ({}, _brief(), NEUTRAL),  # a brief without a target: no evidence
]


@pytest.mark.parametrize(("changes", "brief", "expected"), AUDIENCE_CASES)
def test_audience_match(changes, brief, expected):
    """Audience match averages gender closeness, share in target ages and in target countries."""
    fit = brandfit.brand_fit(_table({**AUDIENCE_ROW, **changes}), brief)
    assert _same(fit["sub_audience"].iloc[0], expected)


def test_missing_audience_data_is_neutral_and_flagged():
    """An account without any audience figure gets a neutral audience sub-score, flagged."""
    fit = brandfit.brand_fit(_table({"niche": "beauty"}), BRIEF)
    assert _same(fit["sub_audience"].iloc[0], NEUTRAL)
    assert bool(fit["missing_audience"].iloc[0])
    assert not bool(fit["missing_niche"].iloc[0])


# --- engagement -----------------------------------------------------------------------------

ENGAGEMENT_CASES = [
    # (ER of the tested account, with a peers' median of 1 %, sub-score)
    (0.01, 0.5),  # at the median
    (0.02, 1.0),  # twice the median
    (0.005, 0.25),  # half the median
    (0.025, 1.0),  # capped
    (0.03, 1.0),  # exactly 3 times: still credible
    (0.04, 0.0),  # far above the norm: a possible pod, a red flag
    (0.0, 0.0),
    (None, NEUTRAL),  # unknown ER: no evidence
]


@pytest.mark.parametrize(("er", "expected"), ENGAGEMENT_CASES)
def test_engagement_against_platform_and_tier_peers(er, expected):
    """ER is read against the median of the same platform and tier, capped, pods flagged."""
    fit = brandfit.brand_fit(_peers("er", 0.01, er), _brief())
    assert _same(fit["sub_engagement"].iloc[-1], expected)
    assert _same(fit["er_peer_median"].iloc[-1], 0.01)


def test_small_peer_groups_fall_back_to_the_platform():
    """With fewer than MIN_PEERS accounts in its platform x tier, an account meets its platform."""
    rows = [{"platform": "tiktok", "tier": "micro", "er": 0.10} for _ in range(6)]
    rows += [{"platform": "tiktok", "tier": "mega", "er": 0.05}]
    fit = brandfit.brand_fit(_table(*rows), _brief())
    assert _same(fit["er_peer_median"].iloc[-1], 0.10)
    assert _same(fit["sub_engagement"].iloc[-1], 0.25)


# --- audience quality -----------------------------------------------------------------------

QUALITY_CASES = [
    # (credibility, suspicious share, mass share, sub-score)
    (0.75, 0.125, 0.125, 0.5),  # both warning lines of DOMAIN §5: half
    (0.90, 0.0, 0.0, 1.0),
    (0.95, 0.02, 0.03, (1.0 + 0.9) / 2),
    (0.60, 0.25, 0.25, 0.0),
    (0.90, None, None, 1.0),  # only credibility known
    (None, 0.1, 0.15, 0.5),  # only the fake-followers share known
    (0.90, 0.1, None, 1.0),  # half of the fake-followers share is not a share
    (None, None, None, NEUTRAL),
]


@pytest.mark.parametrize(("credibility", "suspicious", "mass", "expected"), QUALITY_CASES)
def test_audience_quality(credibility, suspicious, mass, expected):
    """Credibility and suspicious + mass followers each give half of the quality sub-score."""
    row = {
        "audience_credibility": credibility,
        "suspicious_followers_share": suspicious,
        "mass_followers_share": mass,
    }
    fit = brandfit.brand_fit(_table(row), _brief())
    assert _same(fit["sub_quality"].iloc[0], expected)


# --- cost -----------------------------------------------------------------------------------

COST_CASES = [
    # (reference, platform, CPM of the tested account, with peers at 10 €, sub-score)
    ("peers", "instagram", 10.0, 0.5),
    ("peers", "instagram", 5.0, 1.0),  # half the peers' CPM
    ("peers", "instagram", 20.0, 0.0),  # twice the peers' CPM
    ("peers", "instagram", 2.5, 1.0),  # capped
    ("peers", "instagram", None, NEUTRAL),
    ("benchmark", "instagram", 5.0, 1.0),  # low end of DOMAIN §4's 5-15 €
    ("benchmark", "instagram", 15.0, 0.0),  # high end
    ("benchmark", "instagram", math.sqrt(75.0), 0.5),  # geometric middle
    ("benchmark", "instagram", 50.0, 0.0),
    ("benchmark", "tiktok", 1.5, 1.0),  # below TikTok's 3-25 €
    ("benchmark", "linkedin", 5.0, 1.0),  # no benchmark range: compared with peers
]


@pytest.mark.parametrize(("reference", "platform", "cpm", "expected"), COST_CASES)
def test_cost_efficiency(reference, platform, cpm, expected):
    """A lower estimated CPM than the reference (peers or market range) scores higher."""
    table = _peers("est_cpm_eur", 10.0, cpm, platform=platform)
    fit = brandfit.brand_fit(table, _brief(), cost_reference=reference)
    assert _same(fit["sub_cost"].iloc[-1], expected)


def test_unknown_cost_reference_is_a_user_error():
    """Asking for a cost reference that does not exist says which ones do."""
    with pytest.raises(UserError) as err:
        brandfit.brand_fit(_table({"est_cpm_eur": 10.0}), _brief(), cost_reference="guess")
    assert err.value.key == "brandfit.error_cost_reference"


# --- brand safety ---------------------------------------------------------------------------

SAFETY_CASES = [
    # (disclosure rate, sponsored share, sub-score)
    (1.0, 0.20, 1.0),
    (0.75, 0.20, 0.75),  # a quarter of sponsored posts unlabelled: half the disclosure part
    (0.5, 0.20, 0.5),
    (1.0, 0.425, 0.75),  # saturation halfway between 25 % and 60 %
    (1.0, 0.60, 0.5),  # saturated
    (0.5, 0.70, 0.0),
    (None, 0.20, 1.0),  # no sponsored post: no disclosure part
    (None, None, NEUTRAL),
]


@pytest.mark.parametrize(("disclosure", "sponsored", "expected"), SAFETY_CASES)
def test_brand_safety(disclosure, sponsored, expected):
    """Labelled sponsored posts and a moderate share of sponsored content make an account safe."""
    row = {"disclosure_rate": disclosure, "sponsored_share": sponsored}
    fit = brandfit.brand_fit(_table(row), _brief())
    assert _same(fit["sub_safety"].iloc[0], expected)


# --- weights and the score ------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> tuple[pd.DataFrame, Plan]:
    """The sample table and a plan from the first case study."""
    plan = Plan.from_case(datasets.cases()[0])
    return profiles.influencer_table(plan), plan


def test_contributions_add_up_to_the_score(sample):
    """Each criterion's points add up to the score, which stays between 0 and 100."""
    table, plan = sample
    fit = brandfit.brand_fit(table, plan.brief)
    points = fit[[f"points_{c}" for c in brandfit.CRITERIA]].sum(axis=1)
    assert np.allclose(points, fit["score"])
    assert fit["score"].between(0, 100).all()
    maxima = fit[[f"max_{c}" for c in brandfit.CRITERIA]].sum(axis=1)
    assert np.allclose(maxima, 100.0)
    assert set(brandfit.DETAIL_COLUMNS) <= set(fit.columns)
    assert list(fit.index) == list(table.index)


@pytest.mark.parametrize("factor", [2.0, 0.5, 7.0])
def test_scaling_every_weight_changes_nothing(sample, factor):
    """Only the proportions of the weights matter: multiplying them all keeps every score."""
    table, plan = sample
    base = brandfit.brand_fit(table, plan.brief)
    scaled = {c: w * factor for c, w in brandfit.DEFAULT_WEIGHTS.items()}
    assert np.allclose(brandfit.brand_fit(table, plan.brief, scaled)["score"], base["score"])


@pytest.mark.parametrize("criterion", brandfit.CRITERIA)
def test_a_zero_weight_removes_the_criterion(sample, criterion):
    """With its weight at 0, a criterion gives no points and changing its data changes nothing."""
    table, plan = sample
    weights = {**brandfit.DEFAULT_WEIGHTS, criterion: 0}
    fit = brandfit.brand_fit(table, plan.brief, weights)
    assert (fit[f"points_{criterion}"] == 0).all()
    others = [c for c in brandfit.CRITERIA if c != criterion]
    alone = {c: brandfit.DEFAULT_WEIGHTS[c] for c in others}
    expected = sum(fit[f"sub_{c}"] * alone[c] for c in others) / sum(alone.values()) * 100
    assert np.allclose(fit["score"], expected)


def test_only_one_weight_makes_the_score_that_sub_score(sample):
    """A single criterion with a weight gives a score equal to its sub-score x 100."""
    table, plan = sample
    fit = brandfit.brand_fit(table, plan.brief, {c: 0 for c in brandfit.CRITERIA} | {"cost": 1})
    assert np.allclose(fit["score"], fit["sub_cost"] * 100)


WEIGHT_ERRORS = [
    ({c: 0 for c in brandfit.CRITERIA}, "brandfit.error_no_weight"),
    ({"niche": -1}, "brandfit.error_weight"),
    ({"niche": "a lot"}, "brandfit.error_weight"),
    ({"niche": float("nan")}, "brandfit.error_weight"),
]


@pytest.mark.parametrize(("weights", "key"), WEIGHT_ERRORS)
def test_impossible_weights_are_user_errors(weights, key):
    """Negative, non-numeric or all-zero weights give a message, not a crash."""
    with pytest.raises(UserError) as err:
        brandfit.resolve_weights(weights)
    assert err.value.key == key
    assert i18n.has(key, "fr") and i18n.has(key, "en")


def test_partial_or_unknown_weights_keep_the_defaults():
    """A saved plan with some weights, or an old criterion name, keeps the defaults elsewhere."""
    resolved = brandfit.resolve_weights({"cost": 5, "old_criterion": 3})
    assert resolved == {**brandfit.DEFAULT_WEIGHTS, "cost": 5.0}
    assert brandfit.resolve_weights(None) == brandfit.DEFAULT_WEIGHTS


def test_a_table_without_post_figures_scores_with_neutral_criteria():
    """An imported list without posts (no ER, CPM, sponsorship) still gets a score."""
    table = _table({"niche": "beauty", "platform": "instagram", "followers": 20_000})
    fit = brandfit.brand_fit(table, BRIEF)
    for criterion in ("audience", "engagement", "quality", "cost", "safety"):
        assert _same(fit[f"sub_{criterion}"].iloc[0], NEUTRAL)
        assert bool(fit[f"missing_{criterion}"].iloc[0])
    assert _same(fit["sub_niche"].iloc[0], 1.0)


def test_scores_do_not_depend_on_the_table_order(sample):
    """Shuffling the table gives every account the same score (vectorised, no row state)."""
    table, plan = sample
    fit = brandfit.brand_fit(table, plan.brief).set_index("influencer_id")["score"]
    shuffled = table.sample(frac=1.0, random_state=3)
    again = brandfit.brand_fit(shuffled, plan.brief).set_index("influencer_id")["score"]
    assert np.allclose(again.reindex(fit.index), fit)


def test_scoring_a_large_table_is_fast():
    """Scoring 50 000 accounts takes well under a second or two: no per-row Python loop."""
    rng = np.random.default_rng(1)
    n = 50_000
    table = pd.DataFrame(
        {
            "influencer_id": [f"X{i}" for i in range(n)],
            "platform": rng.choice(["instagram", "tiktok", "youtube"], n),
            "tier": rng.choice(["nano", "micro", "mid"], n),
            "niche": rng.choice(["beauty", "tech", "food"], n),
            "er": rng.uniform(0.001, 0.1, n),
            "est_cpm_eur": rng.uniform(1, 50, n),
            "audience_female_share": rng.uniform(0, 1, n),
            "audience_credibility": rng.uniform(0.5, 0.95, n),
        }
    )
    fit = brandfit.brand_fit(table, BRIEF)
    assert len(fit) == n


# --- ranking and explanation ----------------------------------------------------------------


def test_sample_top_ranked_are_in_the_case_niches(sample):
    """On the first case, the top five are in the brief's niches and the top ten close to them."""
    table, plan = sample
    ranked = brandfit.ranking(table, plan.brief)
    assert ranked["niche"].head(5).isin(plan.brief.niches).all()
    assert (ranked["sub_niche"].head(10) > 0).all()
    assert list(ranked["rank"].head(3)) == [1, 2, 3]
    assert ranked["score"].is_monotonic_decreasing


def test_moving_a_weight_changes_the_ranking(sample):
    """Putting all the weight on cost ranks the cheapest CPMs for their peers first."""
    table, plan = sample
    default = brandfit.ranking(table, plan.brief)["influencer_id"].head(10).tolist()
    cost_only = {c: 0 for c in brandfit.CRITERIA} | {"cost": 5}
    by_cost = brandfit.ranking(table, plan.brief, cost_only)
    assert by_cost["influencer_id"].head(10).tolist() != default
    assert by_cost["sub_cost"].is_monotonic_decreasing


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_explanation_names_the_strongest_and_weakest_criteria(sample, lang):
    """The explanation starts with the biggest strength, ends with weaknesses, in the language."""
    table, plan = sample
    ranked = brandfit.ranking(table, plan.brief)
    for position in (0, len(ranked) // 2, len(ranked) - 1):
        row = ranked.iloc[position]
        lines = brandfit.explain(row, lang)
        assert 1 <= len(lines) <= 5
        text = "\n".join(lines)
        assert "brandfit." not in text, text
        gains = {c: row[f"points_{c}"] - NEUTRAL * row[f"max_{c}"] for c in brandfit.CRITERIA}
        best = max(gains, key=gains.get)
        if gains[best] > 0:
            assert i18n.t(f"brandfit.criterion.{best}", lang) in lines[0]
        worst = min(gains, key=gains.get)
        if gains[worst] < 0:
            assert any(i18n.t(f"brandfit.criterion.{worst}", lang) in line for line in lines)


def test_explanation_says_which_criteria_had_no_data():
    """An account without figures is told which criteria counted as neutral."""
    ranked = brandfit.ranking(_table({"niche": "beauty"}), BRIEF)
    lines = brandfit.explain(ranked.iloc[0], "en")
    assert "Target audience" in lines[-1] and "Cost" in lines[-1]
    assert "Niche" in lines[0]


def test_explanation_flags_a_suspicious_engagement_rate():
    """An ER far above the peers' median is explained as a possible engagement pod."""
    ranked = brandfit.ranking(_peers("er", 0.01, 0.05), _brief())
    tested = ranked.loc[ranked["influencer_id"] == "T006"].iloc[0]
    assert "pod" in "\n".join(brandfit.explain(tested, "fr"))


# --- the shortlist --------------------------------------------------------------------------


def test_comparison_puts_influencers_side_by_side(sample):
    """Comparing two accounts gives one column each and one row per key figure."""
    table, plan = sample
    ranked = brandfit.ranking(table, plan.brief)
    ids = ranked["influencer_id"].head(2).tolist()
    shown = brandfit.comparison(ranked, [ids[1], ids[0], "NOPE"])
    assert list(shown.columns) == [ids[1], ids[0]]
    assert list(shown.index) == [column for column, _ in brandfit.COMPARISON_ROWS]
    assert shown.loc["score", ids[0]] == pytest.approx(ranked["score"].iloc[0])
    profile = brandfit.criteria_profile(ranked, ids)
    assert list(profile.columns) == list(brandfit.CRITERIA)
    assert profile.to_numpy().min() >= 0 and profile.to_numpy().max() <= 1


TOTALS_CASES = [
    # (rows, total price, total followers, tiers, platforms, missing prices)
    ([], 0.0, 0.0, {}, {}, 0),
    (
        [
            ("mid", "instagram", 60_000, 800.0),
            ("nano", "tiktok", 5_000, 50.0),
            ("nano", "instagram", 4_000, None),
        ],
        850.0,
        69_000.0,
        {"nano": 2, "mid": 1},
        {"instagram": 2, "tiktok": 1},
        1,
    ),
]


@pytest.mark.parametrize(
    ("rows", "price", "followers", "tiers", "platforms", "missing"), TOTALS_CASES
)
def test_shortlist_totals(rows, price, followers, tiers, platforms, missing):
    """Totals add prices and followers and count tiers (small first) and platforms."""
    frame = pd.DataFrame(rows, columns=["tier", "platform", "followers", "price_per_post_eur"])
    totals = brandfit.shortlist_totals(frame)
    assert totals["count"] == len(rows)
    assert totals["total_price_eur"] == pytest.approx(price)
    assert totals["total_followers"] == pytest.approx(followers)
    assert totals["tiers"] == tiers and list(totals["tiers"]) == list(tiers)
    assert totals["platforms"] == platforms
    assert totals["missing_prices"] == missing


def test_every_criterion_and_role_has_a_label():
    """Each criterion and shortlist role reads as words in both languages."""
    from influkit.plan.model import SHORTLIST_ROLES

    for lang in ("fr", "en"):
        for criterion in brandfit.CRITERIA:
            assert i18n.has(f"brandfit.criterion.{criterion}", lang)
            assert i18n.has(f"brandfit.criterion_help.{criterion}", lang)
        for role in SHORTLIST_ROLES:
            assert i18n.has(f"role.{role}", lang)
        for reference in brandfit.COST_REFERENCES:
            assert i18n.has(f"brandfit.cost_reference_option.{reference}", lang)


COST_REFERENCE_NOTES = [
    # (what the plan's notes hold, the reference used)
    ({}, "peers"),
    ({brandfit.COST_REFERENCE_NOTE: "benchmark"}, "benchmark"),
    ({brandfit.COST_REFERENCE_NOTE: "a typo"}, "peers"),
]


@pytest.mark.parametrize(("notes", "expected"), COST_REFERENCE_NOTES)
def test_the_plan_keeps_its_cost_reference(notes, expected):
    """A plan's cost reference comes from its notes; anything unknown falls back to peers."""
    plan = Plan.from_case(datasets.cases()[0])
    plan.notes = notes
    assert brandfit.plan_cost_reference(plan) == expected


def test_plan_ranking_and_scored_shortlist_use_the_plan_weights():
    """The plan's saved weights drive its ranking, and the shortlist carries the same scores."""
    plan = Plan.from_case(datasets.cases()[0])
    plan.settings.brand_fit_weights = {c: 0.0 for c in brandfit.CRITERIA} | {"quality": 1.0}
    ranked = brandfit.plan_ranking(plan)
    assert np.allclose(ranked["score"], ranked["sub_quality"] * 100)
    ids = ranked["influencer_id"].head(3).tolist()
    for influencer_id in ids:
        plan.add_to_shortlist(influencer_id, role="expert")
    short = brandfit.scored_shortlist(plan, ranked)
    assert short["influencer_id"].tolist() == ids
    assert short["role"].tolist() == ["expert"] * 3
    assert np.allclose(short["score"], ranked["score"].head(3))
