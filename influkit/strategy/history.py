"""The client's history (module 5): its past campaigns summed by year, season, platform, tier,
format, campaign or influencer with their KPIs; who drives the brand's mentions and their tone;
its share of voice against competitors over time; and the key facts a trainee reads first.

Every KPI is computed on the summed counts of a group (CPA = Σ cost / Σ conversions), never as
an average of per-row ratios. A campaign's year and season come from its middle day, so a
campaign running from 16 December to 5 January counts once, in winter of the first year.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from influkit import metrics
from influkit.data import datasets
from influkit.errors import UserError
from influkit.kpis import fmt_kpi, lower_is_better
from influkit.plan.model import Plan
from influkit.text.formats import fmt_date, fmt_list, fmt_money, fmt_number, fmt_percent
from influkit.text.i18n import label, normalize_language, plural_key, t
from influkit.values import is_finite

#: Seasons, winter first: winter is December to February (meteorological seasons).
SEASONS: tuple[str, ...] = ("winter", "spring", "summer", "autumn")
SEASON_OF_MONTH: dict[int, str] = {
    12: "winter", 1: "winter", 2: "winter",
    3: "spring", 4: "spring", 5: "spring",
    6: "summer", 7: "summer", 8: "summer",
    9: "autumn", 10: "autumn", 11: "autumn",
}  # fmt: skip
#: What results can be broken down by; "campaign" and "influencer" carry their names along.
DIMENSIONS: tuple[str, ...] = (
    "year", "season", "platform", "tier", "format", "campaign", "influencer",
)  # fmt: skip
DIMENSION_COLUMNS: dict[str, tuple[str, ...]] = {
    "campaign": ("campaign_id", "campaign_name"),
    "influencer": ("influencer_id", "handle"),
}
#: The counts summed per group, in the order tables show them.
SUMS: tuple[str, ...] = (
    "cost_eur", "reach", "impressions", "engagements", "clicks", "conversions", "revenue_eur",
)  # fmt: skip
#: The KPIs computed on each group's sums.
KPI_COLUMNS: tuple[str, ...] = ("cpm", "cpe", "cpc", "cpa", "ctr", "conversion_rate", "roas", "roi")
#: KPIs a ranking can use, and whether a higher value is better (from the KPI catalogue).
RANKING_METRICS: dict[str, bool] = {
    code: not lower_is_better(code) for code in ("roas", "roi", "cpa", "cpc", "cpe", "cpm")
}
#: The ranking KPI that fits each business aim (DOMAIN §5's mapping).
DEFAULT_RANKING: dict[str, str] = {
    "awareness": "cpm", "engagement": "cpe", "traffic": "cpc", "conversion": "roas",
    "community": "cpe",
}  # fmt: skip
#: Sample periods for share of voice.
FREQUENCIES: tuple[str, ...] = ("week", "month")
#: ROAS under this value: the campaign cost more than it brought back.
LOSS_THRESHOLD = 1.0
#: Weeks compared in the share-of-voice fact (this year against the year before).
SOV_WINDOW_WEEKS = 52
NOTES_BRAND_KEY = "client_history_brand"
MENTION_COUNTS: tuple[str, ...] = ("mentions", "positive", "neutral", "negative")


# --- which brand, which market --------------------------------------------------------------


def _norm(name: str | None) -> str:
    return " ".join(str(name or "").split()).casefold()


def brands() -> list[str]:
    """The sample brands that have past campaigns, sorted."""
    return sorted(datasets.load("client_campaigns")["brand"].unique())


def resolve_brand(name: str | None) -> str | None:
    """The sample brand spelled ``name`` (ignoring case and spaces), or None when it has none."""
    wanted = _norm(name)
    return next((brand for brand in brands() if _norm(brand) == wanted), None) if wanted else None


def brand_of_plan(plan: Plan) -> str | None:
    """The plan's brand when it has a history; else the sample brand picked to practise."""
    return resolve_brand(plan.brief.brand) or resolve_brand(plan.notes.get(NOTES_BRAND_KEY))


def default_practice_brand(plan: Plan) -> str:
    """The brand to propose for practice: the plan's case brand, else the first sample brand."""
    if plan.case_id:
        try:
            found = resolve_brand(datasets.case(plan.case_id).get("brand"))
        except UserError:
            found = None
        if found:
            return found
    return brands()[0]


def market_of(brand: str, plan: Plan | None = None) -> str | None:
    """The market (case id) whose mentions include ``brand``: the plan's case when it does."""
    mentions = datasets.load("brand_mentions")
    markets = mentions.loc[mentions["brand"].map(_norm) == _norm(brand), "market"].unique()
    if plan is not None and plan.case_id in set(markets):
        return plan.case_id
    return str(markets[0]) if len(markets) else None


def campaigns_of(brand: str) -> pd.DataFrame:
    """The past campaign rows of one brand, with the influencer's handle and the period columns."""
    campaigns = datasets.load("client_campaigns")
    rows = campaigns.loc[campaigns["brand"].map(_norm) == _norm(brand)]
    handles = datasets.load("influencers").set_index("influencer_id")["handle"]
    rows = rows.assign(handle=rows["influencer_id"].map(handles).fillna(rows["influencer_id"]))
    return with_periods(rows).reset_index(drop=True)


def mentions_in(market: str | None) -> pd.DataFrame:
    """The weekly mention rows of every brand of one market (empty when there is none)."""
    mentions = datasets.load("brand_mentions")
    return mentions.loc[mentions["market"] == market].reset_index(drop=True)


# --- campaign results -----------------------------------------------------------------------


def season_of(day: Any) -> str:
    """The season code of a date: winter (Dec–Feb), spring, summer or autumn."""
    return SEASON_OF_MONTH[pd.Timestamp(day).month]


def with_periods(campaigns: pd.DataFrame) -> pd.DataFrame:
    """The campaign rows with ``year`` and ``season`` of each campaign's middle day."""
    frame = campaigns.copy()
    start = pd.to_datetime(frame["start_date"])
    end = pd.to_datetime(frame["end_date"]).fillna(start)
    middle = start + (end - start) / 2
    frame["year"] = middle.dt.year.astype("Int64")
    frame["season"] = middle.dt.month.map(SEASON_OF_MONTH)
    return frame


def _group_columns(campaigns: pd.DataFrame, by: str | Sequence[str] | None) -> list[str]:
    """The columns to group on for ``by`` (a dimension, a column, or several)."""
    if by is None:
        return []
    names = [by] if isinstance(by, str) else list(by)
    columns: list[str] = []
    for name in names:
        expanded = DIMENSION_COLUMNS.get(name, (name,))
        present = [c for c in expanded if c in campaigns.columns]
        if not present or expanded[0] not in campaigns.columns:
            raise UserError(
                "history.error_dimension", dimension=name, choices=", ".join(DIMENSIONS)
            )
        columns.extend(c for c in present if c not in columns)
    return columns


def add_kpis(sums: pd.DataFrame) -> pd.DataFrame:
    """KPIs from summed columns (cost_eur, impressions…): CPM, CPE, CPC, CPA, CTR, ROAS, ROI."""
    out = sums.copy()
    cost = out["cost_eur"]
    out["cpm"] = metrics.cpm(cost, out["impressions"])
    out["cpe"] = metrics.cpe(cost, out["engagements"])
    out["cpc"] = metrics.cpc(cost, out["clicks"])
    out["cpa"] = metrics.cpa(cost, out["conversions"])
    out["ctr"] = metrics.ctr(out["clicks"], out["impressions"])
    out["conversion_rate"] = metrics.conversion_rate(out["conversions"], out["clicks"])
    out["roas"] = metrics.roas(out["revenue_eur"], cost)
    out["roi"] = metrics.roi(out["revenue_eur"], cost)
    out["loss_making"] = out["roas"] < LOSS_THRESHOLD
    return out


def performance_by(campaigns: pd.DataFrame, by: str | Sequence[str] | None) -> pd.DataFrame:
    """Summed results and KPIs per group of campaign rows (one row per group, or a total).

    ``by`` is a dimension of :data:`DIMENSIONS` (year and season are derived from the dates when
    missing), any column of the rows, a list of them, or None for the total. Columns: the group
    keys, ``campaigns`` (distinct campaign ids), ``collaborations`` (rows), the sums of
    :data:`SUMS`, the KPIs of :data:`KPI_COLUMNS`, ``loss_making`` (ROAS < 1) and each group's
    share of the total cost, conversions and revenue. Reach is the sum of each influencer's
    reach: a person reached by two of them counts twice.
    """
    frame = campaigns
    names = [by] if isinstance(by, str) else list(by or [])
    if any(n in ("year", "season") for n in names) and not {"year", "season"} <= set(frame):
        frame = with_periods(frame)
    keys = _group_columns(frame, names)
    missing = [c for c in SUMS if c not in frame.columns]
    if missing:
        raise UserError("history.error_columns", columns=", ".join(missing))
    values = frame[list(SUMS)].apply(pd.to_numeric, errors="coerce").fillna(0.0).astype(float)
    values["campaign_id"] = (
        frame["campaign_id"] if "campaign_id" in frame else np.arange(len(frame))
    )
    for key in keys:
        values[key] = frame[key]
    aggregations = {c: (c, "sum") for c in SUMS}
    aggregations["campaigns"] = ("campaign_id", "nunique")
    aggregations["collaborations"] = ("campaign_id", "size")
    if keys:
        table = values.groupby(keys, sort=True, observed=True, dropna=False).agg(**aggregations)
        table = table.reset_index()
    else:
        table = pd.DataFrame(
            {name: [values[c].agg(how)] for name, (c, how) in aggregations.items()}
        )
        if not len(frame):
            table[list(SUMS)] = 0.0
            table[["campaigns", "collaborations"]] = 0
    table = table[[*keys, "campaigns", "collaborations", *SUMS]]
    table = add_kpis(table)
    for column, share in (
        ("cost_eur", "cost_share"),
        ("conversions", "conversions_share"),
        ("revenue_eur", "revenue_share"),
    ):
        table[share] = metrics.ratio(
            table[column], pd.Series(table[column].sum(), index=table.index)
        )
    orders = {"season": SEASONS, "tier": metrics.TIER_ORDER}
    if any(k in orders for k in keys):
        ranks = {name: {code: i for i, code in enumerate(codes)} for name, codes in orders.items()}
        table = table.sort_values(
            keys, key=lambda s: s.map(ranks[s.name]) if s.name in ranks else s, kind="stable"
        )
    return table.reset_index(drop=True)


#: The history's column for each counted result whose cost per result can be read.
RESULT_COLUMNS: dict[str, str] = {
    "reach": "reach",
    "impressions": "impressions",
    "engagements": "engagements",
    "clicks": "clicks",
    "conversions": "conversions",
    "revenue": "revenue_eur",
}


def cost_per_result_range(
    campaigns: pd.DataFrame | None, result: str, *, typical: bool = False
) -> tuple[float, float, float] | None:
    """What one ``result`` (a sale, a click, a person reached…) cost in the client's past
    campaigns: (lowest, median, highest) of each campaign's cost / results, or with
    ``typical`` the (first quartile, median, third quartile), the middle half of the
    campaigns; None without data.
    """
    if campaigns is None or not len(campaigns) or result not in RESULT_COLUMNS:
        return None
    per = performance_by(campaigns, "campaign")
    ratio = per["cost_eur"] / per[RESULT_COLUMNS[result]].where(per[RESULT_COLUMNS[result]] > 0)
    ratio = ratio.loc[np.isfinite(ratio) & (ratio > 0)]
    if ratio.empty:
        return None
    low, high = (0.25, 0.75) if typical else (0.0, 1.0)
    return float(ratio.quantile(low)), float(ratio.median()), float(ratio.quantile(high))


def ranking(
    campaigns: pd.DataFrame, by: str = "campaign", metric: str = "roas", n: int = 3
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``n`` best and ``n`` worst groups by ``metric`` (best first, then worst first).

    Groups whose metric is not available are left out; with fewer than 2 × ``n`` groups the
    two lists share rows.
    """
    if metric not in RANKING_METRICS:
        raise UserError("history.error_metric", metric=metric, choices=", ".join(RANKING_METRICS))
    table = performance_by(campaigns, by)
    table = table.loc[table[metric].notna()]
    higher_is_better = RANKING_METRICS[metric]
    ordered = table.sort_values(metric, ascending=not higher_is_better, kind="stable")
    best = ordered.head(n).reset_index(drop=True)
    worst = ordered.iloc[::-1].head(n).reset_index(drop=True)
    return best, worst


def campaign_table(campaigns: pd.DataFrame) -> pd.DataFrame:
    """One row per campaign with its dates, platforms, results and KPIs, newest first."""
    table = performance_by(campaigns, "campaign")
    dates = campaigns.groupby("campaign_id").agg(
        start_date=("start_date", "min"), end_date=("end_date", "max"),
        platforms=("platform", lambda s: tuple(sorted(set(s)))),
    )  # fmt: skip
    table = table.join(dates, on="campaign_id")
    return table.sort_values("start_date", ascending=False, kind="stable").reset_index(drop=True)


# --- results as the trainee reads them ------------------------------------------------------

#: Dimensions whose groups are named one by one (campaigns, influencers): listed by cost,
#: largest first, and charted with bars lying down.
NAMED_DIMENSIONS: tuple[str, ...] = ("campaign", "influencer")
#: The catalogue namespace naming each code of a coded dimension.
GROUP_NAMESPACES: dict[str, str] = {
    "season": "history.season",
    "platform": "data.platform",
    "tier": "metrics.tier",
    "format": "data.format",
}


def results_by(campaigns: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """:func:`performance_by` one dimension in the order the page lists it (named groups by
    cost, largest first; years, seasons, tiers… in their own order)."""
    table = performance_by(campaigns, dimension)
    if dimension in NAMED_DIMENSIONS:
        table = table.sort_values("cost_eur", ascending=False, kind="stable").reset_index(drop=True)
    return table


def group_label(dimension: str, row: Mapping[str, Any], lang: str = "fr") -> str:
    """The readable name of one group of a results table (a campaign, a handle, a season…)."""
    if dimension == "campaign":
        return str(row["campaign_name"])
    if dimension == "influencer":
        return str(row.get("handle") or row["influencer_id"])
    if dimension == "year":
        return str(int(row["year"]))
    return label(GROUP_NAMESPACES[dimension], row[dimension], lang)


def group_labels(table: pd.DataFrame, dimension: str, lang: str = "fr") -> list[str]:
    """The readable name of every group of a results table, in its order."""
    return [group_label(dimension, row, lang) for _, row in table.iterrows()]


def results_frame(table: pd.DataFrame, dimension: str, lang: str = "fr") -> pd.DataFrame:
    """A results table (:func:`performance_by`) with every figure written the way the trainee
    reads it, one column per sum and KPI, and whether each group lost money."""
    lang = normalize_language(lang)

    def col(name: str) -> str:
        return t(f"history.column.{name}", lang)

    def kpi(code: str) -> list[str]:
        return [fmt_kpi(code, v, lang) for v in table[code]]

    return pd.DataFrame(
        {
            label("history.dimension", dimension, lang): group_labels(table, dimension, lang),
            col("campaigns"): [fmt_number(v, lang) for v in table["campaigns"]],
            col("cost_eur"): [fmt_money(v, lang, 0) for v in table["cost_eur"]],
            col("cost_share"): [fmt_percent(v, lang, 0) for v in table["cost_share"]],
            col("reach"): [fmt_number(v, lang) for v in table["reach"]],
            col("impressions"): [fmt_number(v, lang) for v in table["impressions"]],
            col("engagements"): [fmt_number(v, lang) for v in table["engagements"]],
            col("clicks"): [fmt_number(v, lang) for v in table["clicks"]],
            col("conversions"): [fmt_number(v, lang) for v in table["conversions"]],
            col("conversions_share"): [fmt_percent(v, lang, 0) for v in table["conversions_share"]],
            col("revenue_eur"): [fmt_money(v, lang, 0) for v in table["revenue_eur"]],
            "CPM": kpi("cpm"),
            "CPE": kpi("cpe"),
            "CPC": kpi("cpc"),
            "CPA": kpi("cpa"),
            "ROAS": kpi("roas"),
            col("loss"): [
                t("history.loss_flag" if loss else "history.profit_flag", lang)
                for loss in table["loss_making"]
            ],
        }
    )


def results_table(table: pd.DataFrame, dimension: str, lang: str = "fr") -> pd.DataFrame:
    """The results by one dimension as the page lists them (:func:`results_frame`; one
    campaign per row needs no campaign count)."""
    shown = results_frame(table, dimension, lang)
    if dimension == "campaign":
        shown = shown.drop(columns=[t("history.column.campaigns", normalize_language(lang))])
    return shown


def ranking_frame(
    rows: pd.DataFrame, dimension: str, metric: str, lang: str = "fr"
) -> pd.DataFrame:
    """Best or weakest groups (:func:`ranking`) as read: name, the ranking KPI, loss, cost and
    revenue."""
    lang = normalize_language(lang)
    shown = results_frame(rows, dimension, lang)
    metric_name = label("history.kpi", metric, lang)
    shown[metric_name] = [fmt_kpi(metric, v, lang) for v in rows[metric]]
    keep = [
        shown.columns[0],
        metric_name,
        t("history.column.loss", lang),
        t("history.column.cost_eur", lang),
        t("history.column.revenue_eur", lang),
    ]
    return shown[list(dict.fromkeys(keep))]


def campaigns_frame(campaigns: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """Every past campaign (:func:`campaign_table`) as read, with its dates and platforms."""
    lang = normalize_language(lang)
    every = campaign_table(campaigns)
    shown = results_frame(every, "campaign", lang)
    shown.insert(
        1, t("history.column.start", lang), [fmt_date(d, lang) for d in every["start_date"]]
    )
    shown.insert(2, t("history.column.end", lang), [fmt_date(d, lang) for d in every["end_date"]])
    shown.insert(
        3,
        t("history.column.platforms", lang),
        [", ".join(label("data.platform", p, lang) for p in ps) for ps in every["platforms"]],
    )
    return shown


def source_bar_texts(sources: pd.DataFrame, lang: str = "fr") -> list[str]:
    """Each source's bar text: its share of the mentions and how positive they are."""
    lang = normalize_language(lang)
    return [
        t(
            "history.bar_text",
            lang,
            share=fmt_percent(s, lang, 0),
            sentiment=fmt_percent(v, lang, 0),
        )
        for s, v in zip(sources["share"], sources["sentiment"], strict=True)
    ]


# --- mentions, sources of influence, share of voice ----------------------------------------


def _counts(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[list(MENTION_COUNTS)].apply(pd.to_numeric, errors="coerce").fillna(0.0)


def sources_of_influence(
    mentions: pd.DataFrame, brand: str, by: str | Sequence[str] = "source"
) -> pd.DataFrame:
    """Who drives a brand's mentions: per source (or source_type), count, share and sentiment.

    Share = the group's mentions / all the brand's mentions; sentiment = positive /
    (positive + negative). Sorted by mentions, largest first.
    """
    keys = [by] if isinstance(by, str) else list(by)
    unknown = [k for k in keys if k not in ("source", "source_type")]
    if unknown:
        raise UserError(
            "history.error_dimension", dimension=", ".join(unknown), choices="source, source_type"
        )
    rows = mentions.loc[mentions["brand"].map(_norm) == _norm(brand)]
    values = _counts(rows)
    for key in keys:
        values[key] = rows[key]
    table = values.groupby(keys, sort=True).sum().reset_index()
    total = pd.Series(table["mentions"].sum(), index=table.index)
    table["share"] = metrics.ratio(table["mentions"], total)
    table["sentiment"] = metrics.sentiment(table["positive"], table["negative"])
    return table.sort_values("mentions", ascending=False, kind="stable").reset_index(drop=True)


def _period(weeks: pd.Series, freq: str) -> pd.Series:
    """The period each week belongs to: the week's Monday, or the first day of its month."""
    if freq not in FREQUENCIES:
        raise UserError("history.error_frequency", freq=freq, choices=", ".join(FREQUENCIES))
    weeks = pd.to_datetime(weeks)
    return weeks if freq == "week" else weeks.dt.to_period("M").dt.to_timestamp()


def mentions_by_brand(mentions: pd.DataFrame, freq: str = "month") -> pd.DataFrame:
    """Mentions of every brand of the market per period, with each one's share and sentiment.

    ``share`` is the brand's mentions / all the market's mentions of that period.
    """
    values = _counts(mentions)
    values["period"] = _period(mentions["week"], freq)
    values["brand"] = mentions["brand"]
    table = values.groupby(["period", "brand"], sort=True).sum().reset_index()
    totals = table.groupby("period")["mentions"].transform("sum")
    table["share"] = metrics.ratio(table["mentions"], totals)
    table["sentiment"] = metrics.sentiment(table["positive"], table["negative"])
    return table


def share_of_voice_over_time(
    mentions: pd.DataFrame, brand: str, freq: str = "month"
) -> pd.DataFrame:
    """The brand's share of voice per period: its mentions against its competitors' mentions."""
    values = _counts(mentions)[["mentions", "positive", "negative"]]
    values["period"] = _period(mentions["week"], freq)
    own = mentions["brand"].map(_norm) == _norm(brand)
    values["brand_mentions"] = values["mentions"].where(own, 0.0)
    values["competitor_mentions"] = values["mentions"].where(~own, 0.0)
    values["brand_positive"] = values["positive"].where(own, 0.0)
    values["brand_negative"] = values["negative"].where(own, 0.0)
    table = values.groupby("period", sort=True)[
        ["brand_mentions", "competitor_mentions", "brand_positive", "brand_negative"]
    ].sum()
    table = table.reset_index()
    table["share_of_voice"] = metrics.share_of_voice(
        table["brand_mentions"], table["competitor_mentions"]
    )
    table["sentiment"] = metrics.sentiment(table["brand_positive"], table["brand_negative"])
    return table.drop(columns=["brand_positive", "brand_negative"])


def share_of_voice_between(
    mentions: pd.DataFrame, brand: str, start: Any = None, end: Any = None
) -> float:
    """The brand's share of voice over the weeks from ``start`` to ``end`` (both included)."""
    weeks = pd.to_datetime(mentions["week"])
    keep = pd.Series(True, index=mentions.index)
    if start is not None:
        keep &= weeks >= pd.Timestamp(start)
    if end is not None:
        keep &= weeks <= pd.Timestamp(end)
    rows = mentions.loc[keep]
    own = rows["brand"].map(_norm) == _norm(brand)
    counts = pd.to_numeric(rows["mentions"], errors="coerce").fillna(0.0)
    return float(metrics.share_of_voice(counts[own].sum(), counts[~own].sum()))


def brand_sentiment(mentions: pd.DataFrame, brand: str, since: Any = None) -> float:
    """The brand's sentiment over its mentions (from ``since`` when given)."""
    rows = mentions.loc[mentions["brand"].map(_norm) == _norm(brand)]
    if since is not None:
        rows = rows.loc[pd.to_datetime(rows["week"]) >= pd.Timestamp(since)]
    counts = _counts(rows)
    return float(metrics.sentiment(counts["positive"].sum(), counts["negative"].sum()))


# --- key facts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyFact:
    """One sentence about the history: a catalogue key and its typed parameters.

    ``kinds`` says how each parameter reads: ``money``, ``percent``, ``number``, ``roas`` (as
    the KPI catalogue writes it), ``text``, ``label:<namespace>`` (a data code) or ``kpi`` (a
    KPI value whose KPI is in the ``metric`` parameter).
    """

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)
    kinds: Mapping[str, str] = field(default_factory=dict)
    #: The parameter whose number picks the plural form (``key_one`` / ``key_other``), if any.
    plural_by: str | None = None

    def message(self, lang: str = "fr") -> str:
        """The sentence in ``lang``, numbers and codes formatted for it."""
        lang = normalize_language(lang)
        shown: dict[str, Any] = {}
        for name, value in self.params.items():
            shown[name] = format_value(
                value, self.kinds.get(name, "text"), lang, metric=self.params.get("metric")
            )
        key = (
            self.key
            if self.plural_by is None
            else plural_key(self.key, self.params[self.plural_by], lang)
        )
        return t(key, lang, **shown)


def format_value(value: Any, kind: str, lang: str = "fr", *, metric: str | None = None) -> str:
    """A fact parameter as text by its kind (see :class:`KeyFact`; ``quoted_list`` for names)."""
    if kind == "money":
        return fmt_money(value, lang, 0)
    if kind == "percent":
        return fmt_percent(value, lang, 0)
    if kind == "number":
        return fmt_number(value, lang, 0)
    if kind == "roas":
        return fmt_kpi("roas", value, lang)
    if kind == "kpi":
        return fmt_kpi(metric or "", value, lang)
    if kind == "quoted_list":
        quote = "« {} »" if normalize_language(lang) == "fr" else "“{}”"
        return fmt_list((quote.format(item) for item in value), lang)
    if kind.startswith("label:"):
        return label(kind.removeprefix("label:"), value, lang)
    return str(value)


def _platform_mix_facts(campaigns: pd.DataFrame) -> list[KeyFact]:
    """Per year, the platform whose share of the budget differs most from its share of sales."""
    facts = []
    by_year = performance_by(campaigns, ["year", "platform"])
    for year, rows in by_year.groupby("year", sort=True):
        if len(rows) < 2 or rows["cost_eur"].sum() <= 0:
            continue
        cost_share = rows["cost_eur"] / rows["cost_eur"].sum()
        total_conversions = rows["conversions"].sum()
        if total_conversions <= 0:
            continue
        conv_share = rows["conversions"] / total_conversions
        # Two platforms always have equal gaps: the smaller budget line is the telling one.
        gap = (cost_share - conv_share).abs().round(3)
        i = pd.DataFrame({"gap": -gap, "cost": cost_share}).sort_values(["gap", "cost"]).index[0]
        facts.append(KeyFact(
            "history.fact.platform_mix",
            {"year": int(year), "platform": rows.loc[i, "platform"],
             "cost_share": float(cost_share[i]), "conversions_share": float(conv_share[i])},
            {"year": "text", "platform": "label:data.platform", "cost_share": "percent",
             "conversions_share": "percent"},
        ))  # fmt: skip
    return facts


def _best_worst_fact(
    campaigns: pd.DataFrame, by: str, metric: str, key: str, namespace: str
) -> KeyFact | None:
    """The best and worst group of one dimension by ``metric``, when there are at least two."""
    table = performance_by(campaigns, by)
    table = table.loc[table[metric].notna()]
    if len(table) < 2:
        return None
    ordered = table.sort_values(metric, ascending=not RANKING_METRICS[metric], kind="stable")
    best, worst = ordered.iloc[0], ordered.iloc[-1]
    return KeyFact(
        key,
        {"metric": metric, "metric_name": metric, "best": best[by], "best_value": best[metric],
         "worst": worst[by], "worst_value": worst[metric]},
        {"metric": "text", "metric_name": "label:history.kpi", "best": f"label:{namespace}",
         "worst": f"label:{namespace}", "best_value": "kpi", "worst_value": "kpi"},
    )  # fmt: skip


def key_facts(
    campaigns: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    brand: str | None = None,
    metric: str = "roas",
) -> list[KeyFact]:
    """The key facts of a brand's history, most general first, as catalogue sentences.

    Campaign facts: the totals, per year the platform whose budget share differs most from its
    share of conversions, the best and worst campaign by ``metric``, the loss-making campaigns,
    the best and worst tier, season and format. Mention facts (when ``mentions`` and ``brand``
    are given): the first author type and source of mentions, and the share of voice over the
    last 52 weeks against the 52 before.
    """
    if metric not in RANKING_METRICS:
        raise UserError("history.error_metric", metric=metric, choices=", ".join(RANKING_METRICS))
    facts: list[KeyFact] = []
    if len(campaigns):
        campaigns = with_periods(campaigns)
        total = performance_by(campaigns, None).iloc[0]
        facts.append(KeyFact(
            "history.fact.overview",
            {"brand": brand or str(campaigns["brand"].iloc[0]),
             "first_year": int(campaigns["year"].min()), "last_year": int(campaigns["year"].max()),
             "campaigns": int(total["campaigns"]), "collaborations": int(total["collaborations"]),
             "cost": total["cost_eur"], "revenue": total["revenue_eur"], "roas": total["roas"]},
            {"first_year": "text", "last_year": "text", "campaigns": "number",
             "collaborations": "number", "cost": "money", "revenue": "money", "roas": "roas"},
        ))  # fmt: skip
        facts.extend(_platform_mix_facts(campaigns))
        per_campaign = performance_by(campaigns, "campaign")
        ranked = per_campaign.loc[per_campaign[metric].notna()].sort_values(
            metric, ascending=not RANKING_METRICS[metric], kind="stable"
        )
        if len(ranked) >= 2:
            best, worst = ranked.iloc[0], ranked.iloc[-1]
            facts.append(KeyFact(
                "history.fact.best_campaign",
                {"metric": metric, "metric_name": metric, "best": best["campaign_name"],
                 "best_value": best[metric], "worst": worst["campaign_name"],
                 "worst_value": worst[metric]},
                {"metric_name": "label:history.kpi", "best_value": "kpi", "worst_value": "kpi"},
            ))  # fmt: skip
        losses = per_campaign.loc[per_campaign["loss_making"]]
        if len(losses):
            facts.append(KeyFact(
                "history.fact.loss",
                {"count": len(losses), "total": len(per_campaign),
                 "names": tuple(losses["campaign_name"])},
                {"count": "number", "total": "number", "names": "quoted_list"},
                plural_by="count",
            ))  # fmt: skip
        else:
            facts.append(
                KeyFact("history.fact.no_loss", {"total": len(per_campaign)}, {"total": "number"})
            )
        for by, key, namespace in (
            ("tier", "history.fact.tier", "metrics.tier"),
            ("season", "history.fact.season", "history.season_in"),
            ("format", "history.fact.format", "data.format"),
        ):
            fact = _best_worst_fact(campaigns, by, metric, key, namespace)
            if fact is not None:
                facts.append(fact)
    if mentions is not None and brand and len(mentions):
        facts.extend(_mention_facts(mentions, brand))
    return facts


def _mention_facts(mentions: pd.DataFrame, brand: str) -> list[KeyFact]:
    """Who speaks of the brand first, and how its share of voice moved over a year."""
    facts: list[KeyFact] = []
    for by, key, namespace in (
        ("source_type", "history.fact.top_source_type", "data.source_type"),
        ("source", "history.fact.top_source", "data.source"),
    ):
        table = sources_of_influence(mentions, brand, by)
        if len(table) and table["mentions"].iloc[0] > 0:
            top = table.iloc[0]
            facts.append(KeyFact(
                key,
                {"brand": brand, "source": top[by], "share": top["share"],
                 "sentiment": top["sentiment"]},
                {"source": f"label:{namespace}", "share": "percent", "sentiment": "percent"},
            ))  # fmt: skip
    weeks = pd.to_datetime(mentions["week"])
    last = weeks.max()
    recent_start = last - pd.Timedelta(weeks=SOV_WINDOW_WEEKS - 1)
    previous_start = recent_start - pd.Timedelta(weeks=SOV_WINDOW_WEEKS)
    recent = share_of_voice_between(mentions, brand, recent_start, last)
    has_previous = weeks.min() <= previous_start
    previous = (
        share_of_voice_between(mentions, brand, previous_start, recent_start - pd.Timedelta(days=1))
        if has_previous
        else math.nan
    )
    recent_rows = mentions.loc[weeks >= recent_start]
    voices = recent_rows.groupby("brand")["mentions"].sum().sort_values(ascending=False)
    rivals = voices.loc[voices.index.map(_norm) != _norm(brand)]
    if is_finite(recent):
        key = "history.fact.sov_trend" if is_finite(previous) else "history.fact.sov"
        params: dict[str, Any] = {
            "brand": brand,
            "weeks": SOV_WINDOW_WEEKS,
            "sov": recent,
            "previous": previous,
        }
        kinds = {"weeks": "number", "sov": "percent", "previous": "percent"}
        if len(rivals):
            params["leader"] = rivals.index[0]
            params["leader_sov"] = float(rivals.iloc[0] / voices.sum())
            kinds["leader_sov"] = "percent"
        else:
            params["leader"], params["leader_sov"] = "—", math.nan
            kinds["leader_sov"] = "percent"
        facts.append(KeyFact(key, params, kinds))
    return facts
