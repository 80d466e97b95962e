"""Client history: results summed by group with KPIs on the sums, seasons, best and worst,
sources of influence, share of voice over time, key facts in both languages, and which brand
and market a plan's history comes from."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from influkit.errors import UserError
from influkit.plan.model import Plan
from influkit.strategy import history
from influkit.text import i18n

LANGS = ("fr", "en")


def campaign_rows() -> pd.DataFrame:
    """Five collaborations in three campaigns, with round figures."""
    rows = [
        # campaign, name, start, end, influencer, platform, tier, format, cost, imp, reach, eng,
        # clicks, conversions, revenue
        ("C1", "Winter", "2025-01-06", "2025-01-26", "I1", "instagram", "micro", "reel",
         1000, 100_000, 60_000, 5_000, 1_000, 50, 3_000),
        ("C1", "Winter", "2025-01-06", "2025-01-26", "I2", "tiktok", "nano", "video",
         500, 50_000, 40_000, 1_000, 500, 10, 400),
        ("C2", "Summer", "2025-07-01", "2025-07-20", "I1", "instagram", "micro", "photo",
         2000, 100_000, 70_000, 2_000, 400, 20, 1_000),
        ("C3", "Xmas", "2025-12-15", "2026-01-04", "I3", "tiktok", "mega", "video",
         4000, 400_000, 300_000, 8_000, 0, 0, 0),
        ("C3", "Xmas", "2025-12-15", "2026-01-04", "I2", "tiktok", "nano", "reel",
         500, 0, 0, 0, 0, 0, 0),
    ]  # fmt: skip
    columns = ["campaign_id", "campaign_name", "start_date", "end_date", "influencer_id",
               "platform", "tier", "format", "cost_eur", "impressions", "reach", "engagements",
               "clicks", "conversions", "revenue_eur"]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    frame["brand"] = "Testbrand"
    frame["handle"] = "@" + frame["influencer_id"].str.lower()
    for column in ("start_date", "end_date"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


@pytest.mark.parametrize(
    "by, key, expected",
    [
        # group value -> (cost, impressions, conversions, revenue, campaigns, collaborations)
        ("platform", "instagram", (3000, 200_000, 70, 4000, 2, 2)),
        ("platform", "tiktok", (5000, 450_000, 10, 400, 2, 3)),
        ("tier", "nano", (1000, 50_000, 10, 400, 2, 2)),
        ("campaign_id", "C3", (4500, 400_000, 0, 0, 1, 2)),
        ("influencer_id", "I1", (3000, 200_000, 70, 4000, 2, 2)),
        ("format", "video", (4500, 450_000, 10, 400, 2, 2)),
    ],
)
def test_performance_by_sums_each_group(by, key, expected):
    """Each group's row holds the sums of its collaborations and counts its campaigns."""
    table = history.performance_by(campaign_rows(), by).set_index(by)
    cost, impressions, conversions, revenue, campaigns, collaborations = expected
    row = table.loc[key]
    assert row["cost_eur"] == cost
    assert row["impressions"] == impressions
    assert row["conversions"] == conversions
    assert row["revenue_eur"] == revenue
    assert row["campaigns"] == campaigns
    assert row["collaborations"] == collaborations


@pytest.mark.parametrize(
    "kpi, expected",
    [
        ("cpm", 3000 / 200_000 * 1000),
        ("cpe", 3000 / 7_000),
        ("cpc", 3000 / 1_400),
        ("cpa", 3000 / 70),
        ("ctr", 1_400 / 200_000),
        ("conversion_rate", 70 / 1_400),
        ("roas", 4000 / 3000),
        ("roi", (4000 - 3000) / 3000),
    ],
)
def test_kpis_come_from_the_sums_never_from_averaged_ratios(kpi, expected):
    """Instagram's CPA is its total cost over its total conversions, not a mean of two CPAs."""
    table = history.performance_by(campaign_rows(), "platform").set_index("platform")
    assert table.loc["instagram", kpi] == pytest.approx(expected)


def test_a_mean_of_ratios_would_give_another_answer():
    """The two Instagram rows' mean ROAS (1.75) differs from the summed ROAS (1.33)."""
    rows = campaign_rows()
    instagram = rows[rows["platform"] == "instagram"]
    mean_of_ratios = (instagram["revenue_eur"] / instagram["cost_eur"]).mean()
    summed = history.performance_by(instagram, None).iloc[0]["roas"]
    assert mean_of_ratios == pytest.approx(1.75)
    assert summed == pytest.approx(4000 / 3000)


def test_zero_denominators_give_not_available_and_the_loss_flag():
    """A group without clicks has no CPC (NaN); a ROAS under 1 is flagged as a loss."""
    table = history.performance_by(campaign_rows(), "campaign").set_index("campaign_id")
    assert math.isnan(table.loc["C3", "cpc"])
    assert table.loc["C3", "roas"] == 0
    assert bool(table.loc["C3", "loss_making"])
    assert not bool(table.loc["C1", "loss_making"])
    assert "campaign_name" in table.columns


def test_the_total_and_the_shares():
    """Without a grouping there is one total row; each group's shares of the total add up to 1."""
    total = history.performance_by(campaign_rows(), None)
    assert len(total) == 1
    assert total.iloc[0]["cost_eur"] == 8000
    assert total.iloc[0]["campaigns"] == 3
    by_tier = history.performance_by(campaign_rows(), "tier")
    assert by_tier["cost_share"].sum() == pytest.approx(1)
    assert by_tier["revenue_share"].sum() == pytest.approx(1)


@pytest.mark.parametrize(
    "day, season",
    [
        ("2025-12-01", "winter"),
        ("2026-01-15", "winter"),
        ("2026-02-28", "winter"),
        ("2026-03-01", "spring"),
        ("2026-05-31", "spring"),
        ("2026-06-01", "summer"),
        ("2026-08-31", "summer"),
        ("2026-09-01", "autumn"),
        ("2026-11-30", "autumn"),
    ],
)
def test_seasons_are_meteorological(day, season):
    """Winter runs December to February, spring March to May, and so on."""
    assert history.season_of(day) == season


def test_a_campaign_counts_in_the_year_and_season_of_its_middle_day():
    """The Xmas campaign (15 Dec 2025 – 4 Jan 2026) is winter 2025; seasons sort winter first."""
    rows = history.with_periods(campaign_rows())
    xmas = rows[rows["campaign_id"] == "C3"].iloc[0]
    assert (xmas["year"], xmas["season"]) == (2025, "winter")
    by_season = history.performance_by(campaign_rows(), "season")
    assert by_season["season"].tolist() == ["winter", "summer"]
    by_year = history.performance_by(campaign_rows(), "year")
    assert by_year["year"].tolist() == [2025]


def test_tiers_sort_from_small_to_large():
    """Tiers are listed nano, micro… mega, not alphabetically."""
    assert history.performance_by(campaign_rows(), "tier")["tier"].tolist() == [
        "nano", "micro", "mega",
    ]  # fmt: skip


@pytest.mark.parametrize("by", ["channel", ["platform", "nothing"]])
def test_an_unknown_grouping_is_a_user_error(by):
    """Grouping on a column the campaigns do not have says which groupings exist."""
    with pytest.raises(UserError) as err:
        history.performance_by(campaign_rows(), by)
    assert err.value.key == "history.error_dimension"


@pytest.mark.parametrize(
    "metric, best, worst",
    [
        ("roas", "C1", "C3"),
        ("cpm", "C1", "C2"),
        ("cpa", "C1", "C2"),
    ],
)
def test_ranking_puts_the_best_first_for_each_kpi(metric, best, worst):
    """Higher ROAS is better, lower costs are better; groups without a value are left out."""
    top, bottom = history.ranking(campaign_rows(), "campaign", metric, n=1)
    assert top.iloc[0]["campaign_id"] == best
    assert bottom.iloc[0]["campaign_id"] == worst


def test_ranking_influencers_keeps_their_handles():
    """Influencers are ranked with their handle for display."""
    top, _ = history.ranking(campaign_rows(), "influencer", "roas", n=3)
    assert top.iloc[0]["influencer_id"] == "I1"
    assert top.iloc[0]["handle"] == "@i1"


def mention_rows() -> pd.DataFrame:
    """Two weeks of mentions of a brand and one competitor."""
    rows = [
        ("2026-01-05", "Testbrand", "instagram", "influencer", 60, 40, 10, 10),
        ("2026-01-05", "Testbrand", "press", "media", 20, 5, 10, 5),
        ("2026-01-05", "Rival", "instagram", "influencer", 120, 60, 40, 20),
        ("2026-01-12", "Testbrand", "instagram", "consumer", 20, 10, 5, 5),
        ("2026-01-12", "Rival", "instagram", "influencer", 20, 10, 5, 5),
        ("2026-02-02", "Testbrand", "instagram", "influencer", 50, 25, 25, 0),
        ("2026-02-02", "Rival", "press", "media", 150, 30, 60, 60),
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "week",
            "brand",
            "source",
            "source_type",
            "mentions",
            "positive",
            "neutral",
            "negative",
        ],
    )
    frame["week"] = pd.to_datetime(frame["week"])
    frame["market"] = "test-market"
    return frame


@pytest.mark.parametrize(
    "by, key, share, sentiment",
    [
        ("source", "instagram", 130 / 150, 75 / 90),
        ("source", "press", 20 / 150, 5 / 10),
        ("source_type", "influencer", 110 / 150, 65 / 75),
        ("source_type", "consumer", 20 / 150, 10 / 15),
    ],
)
def test_sources_of_influence_give_share_and_sentiment(by, key, share, sentiment):
    """Share = the group's mentions / the brand's; sentiment = positive / (positive + negative)."""
    table = history.sources_of_influence(mention_rows(), "Testbrand", by).set_index(by)
    assert table.loc[key, "share"] == pytest.approx(share)
    assert table.loc[key, "sentiment"] == pytest.approx(sentiment)


@pytest.mark.parametrize(
    "freq, periods, shares",
    [
        ("week", ["2026-01-05", "2026-01-12", "2026-02-02"], [80 / 200, 20 / 40, 50 / 200]),
        ("month", ["2026-01-01", "2026-02-01"], [100 / 240, 50 / 200]),
    ],
)
def test_share_of_voice_over_time(freq, periods, shares):
    """Per week or per month, the brand's mentions against its competitors' mentions."""
    table = history.share_of_voice_over_time(mention_rows(), "Testbrand", freq)
    assert table["period"].dt.strftime("%Y-%m-%d").tolist() == periods
    assert table["share_of_voice"].tolist() == pytest.approx(shares)


def test_each_period_shares_add_up_to_one_across_brands():
    """Every brand's share of a period's mentions adds up to 1."""
    table = history.mentions_by_brand(mention_rows(), "month")
    assert table.groupby("period")["share"].sum().tolist() == pytest.approx([1.0, 1.0])


def test_an_unknown_time_step_is_a_user_error():
    """Share of voice runs per week or per month only."""
    with pytest.raises(UserError):
        history.share_of_voice_over_time(mention_rows(), "Testbrand", "day")


@pytest.mark.parametrize("lang", LANGS)
def test_key_facts_read_as_sentences_in_the_user_language(lang):
    """Facts are catalogue sentences with the figures formatted for the language."""
    facts = history.key_facts(campaign_rows(), mention_rows(), "Testbrand", "roas")
    keys = [fact.key for fact in facts]
    assert keys[0] == "history.fact.overview"
    assert "history.fact.loss" in keys
    texts = [fact.message(lang) for fact in facts]
    assert all(not i18n.has(text, lang) and "{" not in text for text in texts)
    overview = texts[0]
    assert ("8 000 €" if lang == "fr" else "€8,000") in overview.replace("\u202f", " ").replace(
        "\u00a0", " "
    )


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("fr", "En 2025, Instagram a coûté 38 % du budget pour 88 % des conversions."),
        ("en", "In 2025, Instagram took 38% of the budget for 88% of the conversions."),
    ],
)
def test_the_platform_mix_fact(lang, expected):
    """The platform whose budget share differs most from its share of sales is named."""
    facts = [f for f in history.key_facts(campaign_rows()) if f.key == "history.fact.platform_mix"]
    text = facts[0].message(lang).replace("\u202f", " ").replace("\u00a0", " ")
    assert text == expected


def test_key_facts_refuse_an_unknown_metric():
    """Facts compare by ROAS, ROI or a cost only."""
    with pytest.raises(UserError):
        history.key_facts(campaign_rows(), metric="likes")


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Verdelune", "Verdelune"),
        ("  verdelune ", "Verdelune"),
        ("BISCUITERIE   KERBIHAN", "Biscuiterie Kerbihan"),
        ("Acme", None),
        ("", None),
        (None, None),
    ],
)
def test_a_brand_is_found_whatever_its_case_and_spaces(name, expected):
    """The plan's brand matches a sample brand ignoring case and extra spaces."""
    assert history.resolve_brand(name) == expected


def test_a_plan_without_history_practises_on_the_brand_it_picked():
    """A plan whose brand has no history uses the sample brand stored in its notes."""
    plan = Plan(case_id="saas-b2b-linkedin")
    plan.brief.brand = "Acme"
    assert history.brand_of_plan(plan) is None
    assert history.default_practice_brand(plan) == "Factoflow"
    plan.notes = {history.NOTES_BRAND_KEY: "Verdelune"}
    assert history.brand_of_plan(plan) == "Verdelune"
    assert history.market_of("Verdelune", plan) == "cosmetique-lancement"


def test_every_case_brand_has_campaigns_and_mentions():
    """Each sample brand has past campaigns, and its market tracks it with three competitors."""
    for brand in history.brands():
        campaigns = history.campaigns_of(brand)
        mentions = history.mentions_in(history.market_of(brand))
        assert len(campaigns) > 0
        assert mentions["brand"].nunique() == 4
        assert campaigns["handle"].str.startswith("@").all()


def test_the_sample_history_has_loss_making_campaigns_to_find():
    """The sample data holds campaigns with a ROAS under 1 (the lessons of module 5)."""
    table = history.performance_by(history.campaigns_of("Verdelune"), "campaign")
    assert table["loss_making"].any()


# --- results as the trainee reads them ------------------------------------------------------


@pytest.mark.parametrize(
    "dimension, names",
    [
        ("campaign", ["Xmas", "Summer", "Winter"]),
        ("influencer", ["@i3", "@i1", "@i2"]),
        ("platform", ["Instagram", "TikTok"]),
        ("year", ["2025"]),
    ],
)
def test_named_groups_are_listed_by_cost_and_coded_ones_in_their_order(dimension, names):
    """Campaigns and influencers come largest cost first under their own names; platforms,
    years… keep their order and read as labels."""
    table = history.results_by(campaign_rows(), dimension)
    assert history.group_labels(table, dimension, "en") == names


@pytest.mark.parametrize("lang", LANGS)
def test_the_results_table_writes_every_figure_and_flags_losses(lang):
    """One readable row per group, with money, shares and KPIs written the user's way and a
    loss flag; listing campaigns one by one drops the campaign count."""
    table = history.results_by(campaign_rows(), "campaign")
    shown = history.results_table(table, "campaign", lang)
    assert i18n.t("history.column.campaigns", lang) not in shown.columns
    assert list(shown.iloc[:, 0]) == ["Xmas", "Summer", "Winter"]
    loss = shown[i18n.t("history.column.loss", lang)].tolist()
    assert loss[0] == i18n.t("history.loss_flag", lang)
    assert loss[2] == i18n.t("history.profit_flag", lang)
    by_year = history.results_table(history.results_by(campaign_rows(), "year"), "year", lang)
    assert i18n.t("history.column.campaigns", lang) in by_year.columns


def test_a_ranking_shows_the_name_the_kpi_loss_cost_and_revenue():
    """The best and weakest lists keep five columns, the ranking KPI second."""
    best, _ = history.ranking(campaign_rows(), "campaign", "roas", 2)
    shown = history.ranking_frame(best, "campaign", "roas", "fr")
    assert list(shown.columns) == [
        i18n.label("history.dimension", "campaign", "fr"),
        i18n.label("history.kpi", "roas", "fr"),
        i18n.t("history.column.loss", "fr"),
        i18n.t("history.column.cost_eur", "fr"),
        i18n.t("history.column.revenue_eur", "fr"),
    ]
    assert shown.iloc[0, 0] == "Winter"


def test_every_past_campaign_lists_its_dates_and_platforms():
    """The full list dates each campaign the French way and names its platforms, newest
    first."""
    shown = history.campaigns_frame(campaign_rows(), "fr")
    assert list(shown.iloc[:, 0]) == ["Xmas", "Summer", "Winter"]
    assert shown[i18n.t("history.column.start", "fr")].iloc[0] == "15/12/2025"
    assert shown[i18n.t("history.column.platforms", "fr")].iloc[2] == "Instagram, TikTok"


def test_each_source_bar_says_its_share_and_its_tone():
    """A source's bar reads its share of the mentions and how positive they are, in %."""
    sources = pd.DataFrame({"share": [0.5], "sentiment": [0.8]})
    expected = i18n.t("history.bar_text", "fr", share="50\u00a0%", sentiment="80\u00a0%")
    assert history.source_bar_texts(sources, "fr") == [expected]
