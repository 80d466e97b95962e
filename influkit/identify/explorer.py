"""Module 2's explorer and formula lab: filtering influencers, the figures of a profile card,
every engagement-rate formula side by side with why they differ, and tier changes between schemes.

Filtering is a frozen :class:`ExplorerFilters` turned into vectorised boolean masks; nothing
here loops over the rows of the influencer table in Python. Sentences come from the
``formulalab.*`` catalogue; numbers stay numbers until the sentence is written.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import pandas as pd

from influkit import metrics
from influkit.campaign import compliance
from influkit.errors import UserError
from influkit.plan.model import AGE_BANDS, PLATFORMS, Plan
from influkit.text import i18n
from influkit.text.formats import NOT_AVAILABLE, fmt_number, fmt_percent
from influkit.values import as_number

# --- filters --------------------------------------------------------------------------------

#: Steps of the range sliders; the last one (infinity) means "no upper limit".
FOLLOWER_STEPS: tuple[float, ...] = (
    0, 1_000, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
    1_000_000, 2_000_000, 5_000_000, math.inf,
)  # fmt: skip
ER_STEPS: tuple[float, ...] = (0.0, 0.005, 0.01, 0.02, 0.035, 0.06, 0.1, 0.2, math.inf)
PRICE_STEPS: tuple[float, ...] = (
    0, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 20_000, math.inf,
)  # fmt: skip
#: Filter field -> table column, for filters that keep a list of codes.
CODE_FILTERS: dict[str, str] = {
    "platforms": "platform",
    "niches": "niche",
    "tiers": "tier",
    "countries": "country",
    "languages": "language",
}
#: Filter field -> table column, for ``(low, high)`` ranges (inclusive, None = open).
RANGE_FILTERS: dict[str, str] = {
    "followers": "followers",
    "er": "er",
    "price": "price_per_post_eur",
}
AGE_COLUMNS: tuple[str, ...] = tuple(f"audience_age_{band}" for band in AGE_BANDS)
#: Audience credibility under this suggests fraud (DOMAIN §5).
CREDIBILITY_WARNING = 0.75
#: Suspicious + mass followers above this share is a warning (DOMAIN §5).
SUSPICIOUS_WARNING = 0.25


#: Where the explorer's accounts come from: both, the user's imported lists, the sample data.
SOURCES: tuple[str, ...] = ("all", "imported", "sample")


@dataclass(frozen=True)
class ExplorerFilters:
    """What the trainee asks of the influencers; an empty field filters nothing."""

    platforms: tuple[str, ...] = ()
    niches: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    followers: tuple[float | None, float | None] = (None, None)
    er: tuple[float | None, float | None] = (None, None)
    price: tuple[float | None, float | None] = (None, None)
    female_share_min: float | None = None
    age_band: str | None = None
    age_band_min: float | None = None
    age_band_dominant: bool = False
    top_country: str | None = None
    top_country_min: float | None = None
    credibility_min: float | None = None
    search: str = ""
    #: Whose accounts: "all", the user's "imported" lists only, or the "sample" only.
    source: str = "all"

    def __post_init__(self) -> None:
        if self.source not in SOURCES:
            raise UserError("explorer.error_source", source=self.source)
        if self.age_band is not None and self.age_band not in AGE_BANDS:
            raise UserError("explorer.error_age_band", band=self.age_band)

    def is_empty(self) -> bool:
        """Whether no filter is set (every influencer matches)."""
        return self == ExplorerFilters()

    def active_count(self) -> int:
        """How many filters are set."""
        blank = ExplorerFilters()
        return sum(getattr(self, f.name) != getattr(blank, f.name) for f in fields(self))


def active_range(
    picked: Sequence[float], steps: Sequence[float] = (0, math.inf)
) -> tuple[float | None, float | None]:
    """A slider's ``(low, high)`` as a filter: an end at the scale's end is open (None)."""
    low, high = float(picked[0]), float(picked[1])
    return (
        None if low <= steps[0] else low,
        None if math.isinf(high) or high >= steps[-1] else high,
    )


def share_min(points: float | None) -> float | None:
    """A minimum share picked on a 0–100 slider as a filter: a fraction, 0 meaning none."""
    return points / 100 if points else None


def _numeric(table: pd.DataFrame, column: str) -> pd.Series:
    """A column as floats (NaN where missing); an absent column is all NaN."""
    if column not in table.columns:
        return pd.Series(np.nan, index=table.index, dtype=float)
    return pd.to_numeric(table[column], errors="coerce").astype(float)


def _text(table: pd.DataFrame, column: str) -> pd.Series:
    """A column as text ('' where missing); an absent column is all ''."""
    if column not in table.columns:
        return pd.Series("", index=table.index, dtype=object)
    return table[column].astype(object).where(table[column].notna(), "").astype(str)


def filter_mask(table: pd.DataFrame, filters: ExplorerFilters) -> pd.Series:
    """True for each row of ``table`` that passes every filter (unknown values never pass)."""
    mask = pd.Series(True, index=table.index)
    for field_name, column in CODE_FILTERS.items():
        codes = list(getattr(filters, field_name))
        if codes:
            mask &= _text(table, column).isin([str(c) for c in codes])
    for field_name, column in RANGE_FILTERS.items():
        low, high = getattr(filters, field_name)
        values = _numeric(table, column)
        if low is not None:
            mask &= values >= low
        if high is not None:
            mask &= values <= high
    if filters.female_share_min is not None:
        mask &= _numeric(table, "audience_female_share") >= filters.female_share_min
    if filters.age_band is not None:
        band = _numeric(table, f"audience_age_{filters.age_band}")
        if filters.age_band_min is not None:
            mask &= band >= filters.age_band_min
        if filters.age_band_dominant:
            bands = pd.concat([_numeric(table, c) for c in AGE_COLUMNS], axis=1)
            mask &= band.notna() & (band >= bands.max(axis=1))
    if filters.top_country:
        mask &= _text(table, "audience_top_country") == filters.top_country
        if filters.top_country_min is not None:
            mask &= _numeric(table, "audience_top_country_share") >= filters.top_country_min
    if filters.credibility_min is not None:
        mask &= _numeric(table, "audience_credibility") >= filters.credibility_min
    if filters.source != "all":
        mask &= _text(table, "source") == filters.source
    search = filters.search.strip().lower()
    if search:
        names = (_text(table, "handle") + " " + _text(table, "display_name")).str.lower()
        mask &= names.str.contains(search, regex=False)
    return mask


def filter_influencers(table: pd.DataFrame, filters: ExplorerFilters) -> pd.DataFrame:
    """The influencers of ``table`` that pass ``filters``, largest audience first."""
    chosen = table.loc[filter_mask(table, filters)]
    return chosen.sort_values("followers", ascending=False, kind="stable", na_position="last")


def filter_options(table: pd.DataFrame) -> dict[str, list[str]]:
    """The codes each list filter can offer, from the table (platforms and tiers in order)."""
    options: dict[str, list[str]] = {}
    for field_name, column in CODE_FILTERS.items():
        present = set(_text(table, column).unique()) - {""}
        order = {"platform": PLATFORMS, "tier": metrics.TIER_ORDER}.get(column, ())
        options[field_name] = [c for c in order if c in present] + sorted(present - set(order))
    present = set(_text(table, "audience_top_country").unique()) - {""}
    options["top_countries"] = sorted(present)
    return options


# --- the table ------------------------------------------------------------------------------

#: Columns of the explorer's table, in order.
TABLE_COLUMNS: tuple[str, ...] = (
    "shortlisted",
    "handle",
    "platform",
    "niche",
    "tier",
    "country",
    "followers",
    "er",
    "price_per_post_eur",
    "est_cpm_eur",
    "audience_credibility",
)
#: Code columns and the catalogue namespace of their labels.
LABELLED: dict[str, str] = {
    "platform": "data.platform",
    "niche": "data.niche",
    "tier": "metrics.tier",
    "country": "data.country",
    "language": "data.language",
    "audience_top_country": "data.country",
}


def labels_of(codes: pd.Series, namespace: str, lang: str) -> pd.Series:
    """Codes turned into their labels (one catalogue look-up per distinct code)."""
    text = codes.astype(object).where(codes.notna(), "")
    mapping = {code: i18n.label(namespace, str(code), lang) for code in text.unique()}
    # Text even when no row is left (an empty map would give floats, which text cannot join).
    return text.map(mapping).astype(str)


def platform_labels(table: pd.DataFrame, lang: str) -> pd.Series:
    """Platform labels, with the name the user gave for an "other" platform (``Mastodon``)."""
    labels = labels_of(_text(table, "platform"), "data.platform", lang)
    named = _text(table, "platform_name").str.strip()
    own = (_text(table, "platform") == "other") & (named != "")
    return labels.astype(object).mask(own, named).astype(object) if own.any() else labels


def display_table(table: pd.DataFrame, lang: str, shortlisted: Iterable[str] = ()) -> pd.DataFrame:
    """The explorer's table: labels instead of codes, numbers kept as numbers, in table order.

    Columns are :data:`TABLE_COLUMNS` plus ``influencer_id`` and ``display_name``.
    """
    kept = set(shortlisted)
    shown = pd.DataFrame(index=table.index)
    for column in TABLE_COLUMNS:
        if column == "shortlisted":
            shown[column] = table["influencer_id"].isin(kept)
        elif column == "platform":
            shown[column] = platform_labels(table, lang)
        elif column in LABELLED:
            shown[column] = labels_of(_text(table, column), LABELLED[column], lang)
        elif column == "handle":
            shown[column] = _text(table, column)
        else:
            shown[column] = _numeric(table, column)
    shown.insert(0, "influencer_id", table["influencer_id"].astype(str))
    shown.insert(1, "display_name", _text(table, "display_name"))
    return shown.reset_index(drop=True)


# --- ticking boxes in the table -------------------------------------------------------------


@dataclass(frozen=True)
class TableEdit:
    """What the trainee asked for by ticking the table's boxes: who joins the shortlist, who
    leaves it, whose profile card to open."""

    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    open: str | None = None


def table_edit(edited_rows: Mapping[Any, Mapping[str, Any]], ids: Sequence[str]) -> TableEdit:
    """Read the table's edited cells (row position -> column -> new value) against the ids of
    its rows, in the order they were drawn; rows outside the table are ignored."""
    add: list[str] = []
    remove: list[str] = []
    opened: str | None = None
    for position, cells in edited_rows.items():
        try:
            influencer_id = ids[int(position)]
        except (ValueError, IndexError):
            continue
        if "shortlisted" in cells:
            (add if cells["shortlisted"] else remove).append(influencer_id)
        if cells.get("open"):
            opened = influencer_id
    return TableEdit(tuple(add), tuple(remove), opened)


def apply_table_edit(plan: Plan, edit: TableEdit) -> tuple[list[str], list[str]]:
    """Add and remove the ticked and unticked influencers (new ones as creators); return the
    ids that really joined and left the shortlist."""
    added = [i for i in edit.add if plan.add_to_shortlist(i)]
    removed = [i for i in edit.remove if plan.remove_from_shortlist(i)]
    return added, removed


# --- the profile card -----------------------------------------------------------------------


def post_timeline(posts: pd.DataFrame) -> pd.DataFrame:
    """One account's posts for a chart: date, format, interactions and how it was sponsored.

    ``kind`` is "organic", "sponsored" (with a commercial mention) or "undisclosed".
    """
    counts = [_numeric(posts, c).fillna(0.0) for c in metrics.INTERACTIONS]
    sponsored = posts["sponsored"].fillna(False).astype(bool)
    disclosed = _text(posts, "disclosure").str.strip().str.len() > 0
    kind = np.where(~sponsored, "organic", np.where(disclosed, "sponsored", "undisclosed"))
    return pd.DataFrame(
        {
            "published_at": posts["published_at"],
            "format": _text(posts, "format"),
            "interactions": sum(counts) if counts else 0.0,
            "views": _numeric(posts, "views"),
            "kind": kind,
            "disclosure": _text(posts, "disclosure"),
        },
        index=posts.index,
    ).sort_values("published_at")


def sponsorship_summary(posts: pd.DataFrame) -> dict[str, float]:
    """An account's posts, sponsored posts, those with and without a commercial mention."""
    timeline = post_timeline(posts)
    total = len(timeline)
    sponsored = int((timeline["kind"] != "organic").sum())
    undisclosed = int((timeline["kind"] == "undisclosed").sum())
    return {
        "posts": total,
        "sponsored": sponsored,
        "disclosed": sponsored - undisclosed,
        "undisclosed": undisclosed,
        "sponsored_share": float(metrics.ratio(sponsored, total)),
        "disclosure_rate": float(metrics.ratio(sponsored - undisclosed, sponsored)),
    }


def audience_ages(row: pd.Series) -> pd.Series:
    """The audience's share per age band (NaN where unknown), youngest first."""
    values = [row.get(column, np.nan) for column in AGE_COLUMNS]
    return pd.Series(
        pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(),
        index=list(AGE_BANDS),
        dtype=float,
    )


def audience_gender(row: pd.Series) -> pd.Series:
    """The audience's female and male shares (both NaN when unknown)."""
    female = pd.to_numeric(pd.Series([row.get("audience_female_share")]), errors="coerce")[0]
    return pd.Series({"female": female, "male": 1.0 - female}, dtype=float)


def quality_flags(row: pd.Series) -> list[str]:
    """Audience-quality warnings of a profile: "low_credibility", "suspicious", "undisclosed"."""
    flags = []
    credibility = pd.to_numeric(pd.Series([row.get("audience_credibility")]), errors="coerce")[0]
    if credibility < CREDIBILITY_WARNING:
        flags.append("low_credibility")
    doubtful = pd.to_numeric(
        pd.Series([row.get("suspicious_followers_share"), row.get("mass_followers_share")]),
        errors="coerce",
    )
    if doubtful.notna().any() and doubtful.sum() > SUSPICIOUS_WARNING:
        flags.append("suspicious")
    disclosure = pd.to_numeric(pd.Series([row.get("disclosure_rate")]), errors="coerce")[0]
    if disclosure < 1.0:
        flags.append("undisclosed")
    return flags


# --- the formula lab ------------------------------------------------------------------------

#: The formulas the lab shows, as (basis, method): four bases by mean and by median, then
#: Modash's median likes / followers.
LAB_FORMULAS: tuple[tuple[str, str], ...] = (
    *((basis, "mean") for basis in metrics.BASES),
    *((basis, "median") for basis in metrics.BASES),
    ("followers", "median_likes"),
)
LAB_MAX = 6
#: Platforms the default selection draws one account from, so the formulas visibly differ.
LAB_DEFAULT_PLATFORMS: tuple[str, ...] = ("instagram", "tiktok", "youtube", "linkedin")
#: ER by the reference basis within this factor of ER by followers reads as "close".
CLOSE_FACTOR = 1.25
#: A mean ER this many times the median ER means one or two posts went viral.
VIRAL_FACTOR = 1.5


def formula_column(basis: str, method: str) -> str:
    """The column of ``metrics.engagement_table`` holding one formula."""
    return f"{basis}_{method}"


def lab_formula_rows(lang: str = "fr") -> list[tuple[str, str]]:
    """Each formula of :data:`LAB_FORMULAS` as a trainee reads it: its name (basis and method)
    and who uses it (a basis's users for the mean, else the method's)."""
    rows = []
    for basis, method in LAB_FORMULAS:
        if method == "median_likes":
            name = i18n.t("metrics.method.median_likes", lang)
        else:
            name = i18n.t(
                "formulalab.formula_name",
                lang,
                basis=i18n.t(f"metrics.basis.{basis}", lang),
                method=i18n.t(f"formulalab.method_short.{method}", lang),
            )
        rows.append((name, i18n.t(f"formulalab.who.{basis if method == 'mean' else method}", lang)))
    return rows


def default_lab_selection(
    table: pd.DataFrame, shortlist: Sequence[str] = (), n_posts: int = metrics.DEFAULT_N_POSTS
) -> list[str]:
    """The accounts the lab starts with: the shortlist's, else one typical account per platform.

    At most six shortlisted accounts with posts; without any, the account of each of
    :data:`LAB_DEFAULT_PLATFORMS` whose audience is closest to its platform's median.
    """
    with_posts = table.loc[_numeric(table, "posts_in_data") >= n_posts]
    known = set(with_posts["influencer_id"])
    chosen = [i for i in shortlist if i in known][:LAB_MAX]
    if chosen:
        return chosen
    rows = with_posts.loc[with_posts["platform"].isin(LAB_DEFAULT_PLATFORMS)].copy()
    followers = _numeric(rows, "followers")
    median = followers.groupby(rows["platform"]).transform("median")
    rows["distance"] = (np.log1p(followers) - np.log1p(median)).abs()
    typical = rows.sort_values(["distance", "influencer_id"]).drop_duplicates("platform")
    order = {p: i for i, p in enumerate(LAB_DEFAULT_PLATFORMS)}
    typical = typical.sort_values("platform", key=lambda s: s.map(order))
    return typical["influencer_id"].tolist()


def lab_table(posts: pd.DataFrame, table: pd.DataFrame, ids: Sequence[str]) -> pd.DataFrame:
    """Every ER formula for the chosen accounts, one row each in ``ids`` order.

    Columns are ``<basis>_<method>`` (see :data:`LAB_FORMULAS`), ``posts_used``, and the
    account's handle, platform and followers. An account without posts gets NaN rates.
    """
    ids = list(dict.fromkeys(ids))
    people = table.drop_duplicates("influencer_id").set_index("influencer_id")
    mine = posts.loc[posts["influencer_id"].isin(ids)]
    followers = _numeric(people, "followers")
    if mine.empty:
        rates = pd.DataFrame(columns=[formula_column(b, m) for b, m in LAB_FORMULAS])
    else:
        rates = metrics.engagement_table(mine, followers=followers)
    rates = rates.reindex(ids)
    rates["posts_used"] = rates["posts_used"].fillna(0).astype(int)
    for column in ("handle", "display_name", "platform", "followers"):
        rates[column] = people[column].reindex(ids) if column in people.columns else np.nan
    rates.index.name = "influencer_id"
    return rates


@dataclass(frozen=True)
class ErGap:
    """Why one account's ER differs between bases: reach against followers, mean against median."""

    kind: str  # "no_data", "reach_below", "reach_above" or "reach_close"
    reference: str  # the basis compared with followers: "reach", else "views"
    coverage: float  # about reach / followers (ER by followers / ER by the reference)
    er_followers: float
    er_reference: float
    er_impressions: float
    median: float  # median of the per-post ERs by followers
    viral: bool


def _positive(value: object) -> bool:
    """Whether ``value`` is a finite number above zero (an ER needs a positive base)."""
    return as_number(value) > 0


def er_gap(row: pd.Series) -> ErGap:
    """Compare an account's ER by followers with its ER by reach (or views) and its median."""
    reference = "reach" if _positive(row.get("reach_mean")) else "views"
    by_followers = row.get("followers_mean")
    by_reference = row.get(f"{reference}_mean")
    median = row.get("followers_median")
    impressions = row.get("impressions_mean")
    if not (_positive(by_followers) and _positive(by_reference)):
        return ErGap("no_data", reference, math.nan, math.nan, math.nan, math.nan, math.nan, False)
    by_followers, by_reference = float(by_followers), float(by_reference)
    coverage = by_followers / by_reference
    if coverage < 1 / CLOSE_FACTOR:
        kind = "reach_below"
    elif coverage > CLOSE_FACTOR:
        kind = "reach_above"
    else:
        kind = "reach_close"
    viral = _positive(median) and by_followers >= VIRAL_FACTOR * float(median)
    return ErGap(
        kind=kind,
        reference=reference,
        coverage=coverage,
        er_followers=by_followers,
        er_reference=by_reference,
        er_impressions=float(impressions) if _positive(impressions) else math.nan,
        median=float(median) if _positive(median) else math.nan,
        viral=bool(viral),
    )


def rate_decimals(value: float) -> int:
    """How many decimals a rate is written with: one, two under 1 % (so 0,45 % is not 0,5 %)."""
    return 1 if abs(value) >= 0.01 else 2


def fmt_rate(value: float, lang: str) -> str:
    """A rate in a sentence or a table cell (:func:`rate_decimals`); "n/a" when missing."""
    if pd.isna(value):
        return NOT_AVAILABLE[i18n.normalize_language(lang)]
    return fmt_percent(value, lang, rate_decimals(value))


def _pct(value: float, lang: str) -> str:
    """A rate for a sentence: one decimal, two under 1 %."""
    return fmt_percent(value, lang, rate_decimals(value))


def explain_er_gap(row: pd.Series, lang: str) -> str:
    """One sentence saying why this account's ER differs from one formula to the next."""
    gap = er_gap(row)
    if gap.kind == "no_data":
        return i18n.t("formulalab.gap.no_data", lang)
    viral = i18n.t("formulalab.gap.viral", lang, median=_pct(gap.median, lang)) if gap.viral else ""
    times = gap.coverage if gap.kind == "reach_above" else 1 / gap.coverage
    return i18n.t(
        f"formulalab.gap.{gap.kind}",
        lang,
        coverage=fmt_percent(gap.coverage, lang, 0),
        times=fmt_number(times, lang, 1),
        er_followers=_pct(gap.er_followers, lang),
        er_reference=_pct(gap.er_reference, lang),
        er_impressions=_pct(gap.er_impressions, lang),
        to_reference=i18n.t(f"formulalab.gap.to_{gap.reference}", lang),
        viral=viral,
    )


# --- tiers under two schemes ----------------------------------------------------------------


def tier_changes(table: pd.DataFrame, scheme_a: str, scheme_b: str) -> pd.DataFrame:
    """The influencers whose tier differs between two schemes, largest audience first.

    Columns: influencer_id, handle, display_name, platform, followers, tier_a, tier_b.
    """
    followers = _numeric(table, "followers")
    tier_a = pd.Series(metrics.tier(followers, scheme_a).astype(object), index=table.index)
    tier_b = pd.Series(metrics.tier(followers, scheme_b).astype(object), index=table.index)
    changed = (tier_a != tier_b) & ~(tier_a.isna() & tier_b.isna())
    frame = pd.DataFrame(
        {
            "influencer_id": table["influencer_id"],
            "handle": _text(table, "handle"),
            "display_name": _text(table, "display_name"),
            "platform": _text(table, "platform"),
            "followers": followers,
            "tier_a": tier_a,
            "tier_b": tier_b,
        }
    ).loc[changed]
    return frame.sort_values("followers", ascending=False, kind="stable").reset_index(drop=True)


def tier_transitions(changes: pd.DataFrame) -> pd.DataFrame:
    """How many influencers go from each tier to each other: tier_a, tier_b, count."""
    if changes.empty:
        return pd.DataFrame(columns=["tier_a", "tier_b", "count"])
    counts = changes.groupby(["tier_a", "tier_b"]).size().rename("count").reset_index()
    rank = {name: i for i, name in enumerate(metrics.TIER_ORDER)}
    return counts.sort_values(
        ["tier_a", "tier_b"], key=lambda s: s.map(rank), kind="stable"
    ).reset_index(drop=True)


def mention_quality(mention: str, audience_lang: str = "fr") -> str:
    """How clearly a mention shows commercial intent to an audience: "clear", "weak", "unclear"."""
    codes = {f.code for f in compliance.check_caption(mention, sponsored=True, lang=audience_lang)}
    if codes & {"missing_commercial_mention", "unclear_commercial_mention"}:
        return "unclear"
    return "weak" if "weak_commercial_mention" in codes else "clear"


def mention_language(row: Mapping[str, Any] | pd.Series) -> str:
    """The language an account's mentions are read in: its own when French or English, else
    French (the law the course teaches)."""
    return row["language"] if row["language"] in ("fr", "en") else "fr"


def disclosure_verdict(summary: Mapping[str, float], qualities: Iterable[str]) -> str:
    """What to say of an account's commercial mentions (:func:`sponsorship_summary` and the
    :func:`mention_quality` of each mention it used): "no_sponsored", "missing" (a sponsored
    post says nothing), "weak" (a mention is not clear) or "ok"."""
    if summary["sponsored"] == 0:
        return "no_sponsored"
    if summary["undisclosed"]:
        return "missing"
    if any(q != "clear" for q in qualities):
        return "weak"
    return "ok"


def disclosure_mentions(posts: pd.DataFrame) -> pd.Series:
    """How often each commercial mention appears on an account's sponsored posts, most used first."""
    sponsored = posts.loc[posts["sponsored"].fillna(False).astype(bool)]
    mentions = _text(sponsored, "disclosure").str.strip()
    return mentions.loc[mentions.str.len() > 0].value_counts()


def formula_matrix(lab: pd.DataFrame) -> pd.DataFrame:
    """The lab's rates as formulas x accounts: one row per :data:`LAB_FORMULAS` entry."""
    rows = [formula_column(basis, method) for basis, method in LAB_FORMULAS]
    return lab.reindex(columns=rows).T.astype(float)


def tier_change_sentence(
    changes: pd.DataFrame, total: int, scheme_a: str, scheme_b: str, lang: str
) -> str:
    """What switching from one tier scheme to another does to the sample, in one sentence."""
    names = {s: i18n.t(f"metrics.scheme.{s}", lang) for s in (scheme_a, scheme_b)}
    if changes.empty:
        return i18n.t("formulalab.tiers.none", lang, a=names[scheme_a], b=names[scheme_b])
    transitions = tier_transitions(changes)
    top = transitions.sort_values("count", ascending=False, kind="stable").iloc[0]
    return i18n.t(
        "formulalab.tiers.sentence",
        lang,
        a=names[scheme_a],
        b=names[scheme_b],
        changed=fmt_number(len(changes), lang),
        total=fmt_number(total, lang),
        share=fmt_percent(metrics.ratio(len(changes), total), lang, 0),
        tier_from=i18n.label("metrics.tier", str(top["tier_a"]), lang),
        tier_to=i18n.label("metrics.tier", str(top["tier_b"]), lang),
        count=fmt_number(int(top["count"]), lang),
    )
