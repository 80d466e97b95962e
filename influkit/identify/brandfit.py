"""Brand fit: how well each influencer suits the plan's brief, as a 0-100 score that explains itself.

Owns the six criteria (niche, audience, engagement, audience quality, cost, brand safety), their
default weights, the niche relatedness table, the explanation of a score in words, and the
figures the shortlist page compares and totals. Everything is vectorised over the whole table.

Each criterion gives a sub-score in [0, 1]; the score is Σ weight × sub-score / Σ weights × 100,
so each criterion's contribution in points (``points_<criterion>``) adds up to the score. When
the data a criterion needs is missing (an imported account without audience figures, a brief
without a target), its sub-score is :data:`NEUTRAL` (0.5): missing evidence neither helps nor hurts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from influkit.errors import UserError
from influkit.metrics import TIER_ORDER
from influkit.plan.model import AGE_BANDS, SHORTLIST_ROLES, Brief, Plan
from influkit.values import is_missing

#: The criteria, in the order pages list them.
CRITERIA: tuple[str, ...] = ("niche", "audience", "engagement", "quality", "cost", "safety")
#: Default weights (sliders go from 0 to :data:`MAX_WEIGHT`); fit to the brief counts most.
DEFAULT_WEIGHTS: dict[str, float] = {
    "niche": 3.0,
    "audience": 3.0,
    "engagement": 2.0,
    "quality": 2.0,
    "cost": 2.0,
    "safety": 1.0,
}
MAX_WEIGHT = 5.0
#: The sub-score of a criterion whose data is missing.
NEUTRAL = 0.5

#: Niches that partly serve one another, with the share of a full niche match they earn.
#: A teaching assumption: 0.6 for close neighbours, 0.3 to 0.5 for looser ones; symmetric.
RELATED_NICHES: dict[frozenset[str], float] = {
    frozenset(pair): value
    for pair, value in (
        (("beauty", "fashion"), 0.6),
        (("beauty", "lifestyle"), 0.5),
        (("beauty", "ecology"), 0.3),
        (("fashion", "lifestyle"), 0.6),
        (("food", "lifestyle"), 0.5),
        (("food", "travel"), 0.4),
        (("food", "ecology"), 0.4),
        (("food", "parenting"), 0.3),
        (("food", "sport"), 0.3),
        (("travel", "lifestyle"), 0.5),
        (("travel", "ecology"), 0.3),
        (("ecology", "lifestyle"), 0.5),
        (("sport", "lifestyle"), 0.3),
        (("parenting", "lifestyle"), 0.5),
        (("tech", "gaming"), 0.6),
        (("tech", "b2b"), 0.5),
        (("tech", "finance"), 0.3),
        (("finance", "b2b"), 0.5),
        (("finance", "lifestyle"), 0.3),
    )
}

#: Audience gender: a gap of this much between audience and target female share scores 0.
GENDER_SPAN = 0.5
#: Engagement: ER at this multiple of the peers' median (or above) scores 1; the median scores 0.5.
ER_CAP_RATIO = 2.0
#: ...but an ER more than this multiple of the peers' median is "far off the tier's norm", a sign
#: of engagement pods (DOMAIN §2, §5): it scores 0, a red flag rather than a strength.
ER_SUSPICIOUS_RATIO = 3.0
#: Peers are accounts of the same platform and tier; with fewer than this, the whole platform.
MIN_PEERS = 5
#: Audience quality: credibility from 0.60 (score 0) to 0.90 (score 1), so the 0.75 fraud line
#: of DOMAIN §5 scores 0.5; suspicious + mass followers from 0 (1) to 0.50 (0), so the 25 %
#: warning line scores 0.5.
CREDIBILITY_RANGE = (0.60, 0.90)
FAKE_SHARE_ZERO = 0.50
#: Cost: each halving of the CPM against the reference adds 0.5 (the reference scores 0.5).
#: DOMAIN §4 CPM ranges in euros for the "benchmark" reference (low scores 1, high scores 0).
CPM_RANGES: dict[str, tuple[float, float]] = {
    "instagram": (5.0, 15.0),
    "tiktok": (3.0, 25.0),
    "youtube": (10.0, 50.0),
}
COST_REFERENCES: tuple[str, ...] = ("peers", "benchmark")
#: Where a plan keeps its cost reference (in ``plan.notes``, until Settings has a field for it).
COST_REFERENCE_NOTE = "brand_fit_cost_reference"
#: Brand safety: sponsored saturation scores 1 up to 25 % of posts and 0 from 60 % (a teaching
#: assumption); disclosure scores 1 at 100 % of sponsored posts labelled and 0 at 50 % or less,
#: since French law wants every one labelled (DOMAIN §9).
SATURATION_RANGE = (0.25, 0.60)
DISCLOSURE_FLOOR = 0.50

#: Detail columns :func:`brand_fit` adds next to the scores, used by :func:`explain`.
DETAIL_COLUMNS: tuple[str, ...] = (
    "niche_match",
    "niche_related_to",
    "gender_gap",
    "age_share",
    "country_share",
    "er_peer_median",
    "er_ratio",
    "er_suspicious",
    "cpm_reference_eur",
    "fake_share",
)
#: Rows of the shortlist comparison: (column, kind of value) — kinds tell pages how to format.
COMPARISON_ROWS: tuple[tuple[str, str], ...] = (
    ("platform", "platform"),
    ("followers", "count"),
    ("tier", "tier"),
    ("er", "percent"),
    ("avg_views", "count"),
    ("est_cpm_eur", "money"),
    ("price_per_post_eur", "money"),
    ("audience_credibility", "percent"),
    ("fake_share", "percent"),
    ("score", "score"),
    ("sponsored_share", "percent"),
    ("disclosure_rate", "percent"),
)


# --- weights --------------------------------------------------------------------------------


def resolve_weights(weights: Mapping[str, Any] | None = None) -> dict[str, float]:
    """Every criterion's weight: the defaults overridden by ``weights``; unknown keys are ignored.

    A negative or non-numeric weight, or all weights at zero, is a user error.
    """
    resolved = dict(DEFAULT_WEIGHTS)
    for criterion, value in (weights or {}).items():
        if criterion not in CRITERIA:
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = float("nan")
        if not np.isfinite(number) or number < 0:
            raise UserError("brandfit.error_weight", criterion=criterion, value=value)
        resolved[criterion] = number
    if sum(resolved.values()) <= 0:
        raise UserError("brandfit.error_no_weight")
    return resolved


# --- helpers --------------------------------------------------------------------------------


def _numbers(table: pd.DataFrame, name: str) -> np.ndarray:
    """A numeric column as floats (NaN when missing or not a number); an absent one is all NaN."""
    if name not in table.columns:
        return np.full(len(table), np.nan)
    column = table[name]
    if not pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        column = pd.to_numeric(column, errors="coerce")
    return column.to_numpy(dtype=float, na_value=np.nan)


def _factor(table: pd.DataFrame, name: str) -> tuple[np.ndarray, np.ndarray]:
    """A code column as integer codes (-1 when missing, empty or absent) and its codes' texts."""
    if name not in table.columns:
        return np.full(len(table), -1, dtype=np.int64), np.array([], dtype=object)
    codes, uniques = pd.factorize(table[name], use_na_sentinel=True)
    uniques = np.asarray(uniques, dtype=object).astype(str)
    empty = np.flatnonzero(uniques == "")
    if len(empty):
        codes = np.where(np.isin(codes, empty), -1, codes)
    return codes.astype(np.int64), uniques


def _texts(codes: np.ndarray, uniques: np.ndarray) -> np.ndarray:
    """The texts of integer codes, "" for -1."""
    return np.append(uniques, "").astype(object)[codes]


def _clip01(values: np.ndarray) -> np.ndarray:
    """Values clipped to [0, 1], NaN kept."""
    return np.clip(values, 0.0, 1.0)


def _mean_of_parts(*parts: np.ndarray) -> np.ndarray:
    """The mean of the parts each row has (NaN parts left out); NaN when it has none."""
    stacked = np.vstack(parts)
    present = ~np.isnan(stacked)
    count = present.sum(axis=0)
    total = np.where(present, stacked, 0.0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def _group_medians(
    values: np.ndarray, key: np.ndarray, by_value: list[np.ndarray] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Per row and column of ``values``, the median and the count of the non-missing values of
    the row's group (integer ``key``). ``by_value``: each column's row order by value, when
    already known (sorting by value once serves several groupings).

    Each column is ordered by group then value (a stable sort of the small group numbers after
    one sort by value), so each group's median is read at its middle position: no group-by.
    """
    n, n_columns = values.shape
    key = key - key.min()
    n_groups = int(key.max()) + 1
    size = np.bincount(key, minlength=n_groups)
    start = np.cumsum(size) - size
    small_key = key.astype(np.int16) if n_groups < 2**15 else key  # int16 sorts by radix
    medians, counts = np.empty_like(values), np.empty_like(values)
    for j in range(n_columns):
        column = values[:, j]
        present = ~np.isnan(column)
        order = np.argsort(column) if by_value is None else by_value[j]  # missing values last
        order = order[np.argsort(small_key[order], kind="stable")]
        ordered = column[order]
        count = np.bincount(key[present], minlength=n_groups)
        low = np.minimum(start + np.maximum(count - 1, 0) // 2, n - 1)
        high = np.minimum(start + count // 2, n - 1)
        with np.errstate(invalid="ignore"):
            median = np.where(count > 0, (ordered[low] + ordered[high]) / 2, np.nan)
        medians[:, j], counts[:, j] = median[key], count[key]
    return medians, counts


def peer_medians(table: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Each account's peer median of each of ``columns``: same platform and tier, else platform.

    Only values > 0 count. A platform x tier group needs :data:`MIN_PEERS` accounts with a
    value; otherwise the platform's median is used; with no platform either, NaN.
    """
    platform, _ = _factor(table, "platform")
    tier, _ = _factor(table, "tier")
    values = np.column_stack([_numbers(table, c) for c in columns]) if columns else None
    if values is None or not len(table):
        return pd.DataFrame(np.nan, index=table.index, columns=list(columns), dtype=float)
    values = np.where(values > 0, values, np.nan)
    by_value = [np.argsort(values[:, j]) for j in range(values.shape[1])]
    n_tiers = int(tier.max()) + 2
    by_tier, count = _group_medians(values, platform * n_tiers + tier + 1, by_value)
    by_platform, _ = _group_medians(values, platform, by_value)
    usable = (count >= MIN_PEERS) & (tier >= 0)[:, None]
    out = np.where(usable, by_tier, by_platform)
    out = np.where((platform >= 0)[:, None], out, np.nan)
    return pd.DataFrame(out, index=table.index, columns=list(columns), dtype=float)


def peer_median(table: pd.DataFrame, column: str) -> pd.Series:
    """Each account's peer median of one column (see :func:`peer_medians`)."""
    return peer_medians(table, (column,))[column]


# --- criteria -------------------------------------------------------------------------------


def niche_relatedness(niche: str, brief_niches: list[str]) -> tuple[float, str]:
    """How well one niche serves the brief's niches (1 exact, partial if related, else 0), and
    the brief niche it relates to."""
    if niche in brief_niches:
        return 1.0, niche
    best, related_to = 0.0, ""
    for wanted in brief_niches:
        value = RELATED_NICHES.get(frozenset((niche, wanted)), 0.0)
        if value > best:
            best, related_to = value, wanted
    return best, related_to


def niche_scores(table: pd.DataFrame, brief: Brief) -> pd.DataFrame:
    """Sub-score of niche relevance, with the kind of match and the brief niche matched.

    NaN (no data) when the brief names no niche or the account has none.
    """
    codes, uniques = _factor(table, "niche")
    wanted = list(brief.niches)
    if not wanted:
        return pd.DataFrame(
            {"sub": np.nan, "niche_match": "", "niche_related_to": ""}, index=table.index
        )
    # One look-up per distinct niche (a dozen), then a vectorised take over the table.
    pairs = [niche_relatedness(code, wanted) for code in uniques]
    value = np.array([p[0] for p in pairs] + [np.nan], dtype=float)[codes]
    # Categoricals: cheap to build from codes, and read as plain strings row by row.
    labels = [p[1] for p in pairs] + [""]
    categories = list(dict.fromkeys(labels))
    per_niche = np.array([categories.index(label) for label in labels])
    related_to = pd.Categorical.from_codes(per_niche[codes], categories=categories)
    match_codes = np.select([codes < 0, value >= 1.0, value > 0.0], [0, 1, 2], 3)
    match = pd.Categorical.from_codes(match_codes, categories=["", "exact", "related", "none"])
    return pd.DataFrame(
        {"sub": value, "niche_match": match, "niche_related_to": related_to}, index=table.index
    )


def audience_scores(table: pd.DataFrame, brief: Brief) -> pd.DataFrame:
    """Sub-score of audience match: the mean of the gender, age and country parts available.

    Gender: 1 - |audience female share - target| / GENDER_SPAN. Age: the audience share in the
    target age bands. Country: the top country's share when it is a target country, else 0 (we
    only know the top country, so this is a lower bound). A part the brief does not ask for, or
    the account lacks, is left out; with no part at all the sub-score is NaN (no data).
    """
    target = brief.target_audience
    empty = np.full(len(table), np.nan)
    gender_gap = empty
    if target.female_share is not None:
        gender_gap = np.abs(_numbers(table, "audience_female_share") - target.female_share)
    gender = _clip01(1.0 - gender_gap / GENDER_SPAN)
    age = empty
    bands = [band for band in target.age_bands if band in AGE_BANDS]
    if bands:
        shares = np.vstack([_numbers(table, f"audience_age_{b}") for b in bands])
        known = ~np.isnan(shares)
        age = np.where(known.any(axis=0), np.where(known, shares, 0.0).sum(axis=0), np.nan)
        age = _clip01(age)
    country = empty
    if target.countries:
        codes, uniques = _factor(table, "audience_top_country")
        targeted = np.append(np.isin(uniques, list(target.countries)), False)[codes]
        share = _numbers(table, "audience_top_country_share")
        country = np.where(codes >= 0, np.where(targeted, share, 0.0), np.nan)
        country = np.where(np.isnan(share), np.nan, country)
    return pd.DataFrame(
        {
            "sub": _mean_of_parts(gender, age, country),
            "gender_gap": gender_gap,
            "age_share": age,
            "country_share": country,
        },
        index=table.index,
    )


def engagement_scores(table: pd.DataFrame, peers: pd.Series | None = None) -> pd.DataFrame:
    """Sub-score of engagement: ER / peers' median ER / ER_CAP_RATIO, capped to [0, 1], and 0
    above ER_SUSPICIOUS_RATIO times the median (possible pod); NaN when the ER or the peers'
    median is unknown. ``peers``: the peers' median ER when already computed."""
    er = _numbers(table, "er")
    peers = (peer_median(table, "er") if peers is None else peers).to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(peers > 0, er / peers, np.nan)
    suspicious = ratio > ER_SUSPICIOUS_RATIO
    sub = np.where(suspicious, 0.0, _clip01(ratio / ER_CAP_RATIO))
    return pd.DataFrame(
        {"sub": sub, "er_peer_median": peers, "er_ratio": ratio, "er_suspicious": suspicious},
        index=table.index,
    )


def quality_scores(table: pd.DataFrame) -> pd.DataFrame:
    """Sub-score of audience quality: the mean of the credibility and fake-followers parts
    (suspicious + mass followers; NaN unless both are known); NaN when neither is known."""
    low, high = CREDIBILITY_RANGE
    credibility = _clip01((_numbers(table, "audience_credibility") - low) / (high - low))
    fake = _numbers(table, "suspicious_followers_share") + _numbers(table, "mass_followers_share")
    fake_part = _clip01(1.0 - fake / FAKE_SHARE_ZERO)
    return pd.DataFrame(
        {"sub": _mean_of_parts(credibility, fake_part), "fake_share": fake}, index=table.index
    )


def cost_scores(
    table: pd.DataFrame, reference: str = "peers", peers: pd.Series | None = None
) -> pd.DataFrame:
    """Sub-score of cost efficiency from the estimated CPM: lower is better.

    ``"peers"``: 0.5 - 0.5 x log2(CPM / peers' median CPM), capped to [0, 1] (half the peers'
    CPM scores 1, double scores 0). ``"benchmark"``: DOMAIN §4's CPM range of the platform, 1 at
    its low end or below, 0 at its high end or above, log-linear between; platforms without a
    range fall back to peers. NaN when the CPM or its reference is unknown. ``peers``: the
    peers' median CPM when already computed.
    """
    if reference not in COST_REFERENCES:
        raise UserError(
            "brandfit.error_cost_reference", reference=reference, choices=", ".join(COST_REFERENCES)
        )
    cpm = _numbers(table, "est_cpm_eur")
    cpm = np.where(cpm > 0, cpm, np.nan)
    peers = (peer_median(table, "est_cpm_eur") if peers is None else peers).to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        sub = _clip01(0.5 - 0.5 * np.log2(cpm / np.where(peers > 0, peers, np.nan)))
    ref = peers
    if reference == "benchmark":
        codes, uniques = _factor(table, "platform")
        low = np.array([CPM_RANGES.get(p, (np.nan,))[0] for p in uniques] + [np.nan])[codes]
        high = np.array([CPM_RANGES.get(p, (0, np.nan))[1] for p in uniques] + [np.nan])[codes]
        with np.errstate(invalid="ignore", divide="ignore"):
            by_range = _clip01(np.log(high / cpm) / np.log(high / low))
            middle = np.sqrt(low * high)
        has_range = ~np.isnan(low)
        sub = np.where(has_range, by_range, sub)
        ref = np.where(has_range, middle, peers)
    return pd.DataFrame({"sub": sub, "cpm_reference_eur": ref}, index=table.index)


def safety_scores(table: pd.DataFrame) -> pd.DataFrame:
    """Sub-score of brand safety: the mean of the disclosure and sponsored-saturation parts; NaN
    when neither is known (an account without sponsored posts has no disclosure part)."""
    disclosure = _clip01(
        (_numbers(table, "disclosure_rate") - DISCLOSURE_FLOOR) / (1.0 - DISCLOSURE_FLOOR)
    )
    low, high = SATURATION_RANGE
    saturation = _clip01((high - _numbers(table, "sponsored_share")) / (high - low))
    return pd.DataFrame({"sub": _mean_of_parts(disclosure, saturation)}, index=table.index)


# --- the score ------------------------------------------------------------------------------


def brand_fit(
    table: pd.DataFrame,
    brief: Brief,
    weights: Mapping[str, Any] | None = None,
    *,
    cost_reference: str = "peers",
) -> pd.DataFrame:
    """The brand-fit score of every row of ``table`` for ``brief``, on the table's index.

    Columns: ``influencer_id`` (when the table has it), ``score`` (0-100), ``sub_<c>`` (0-1),
    ``points_<c>`` (the criterion's share of the score; they add up to it), ``max_<c>`` (the
    points it would give at sub-score 1), ``missing_<c>`` (True when the data was missing and
    the sub-score is NEUTRAL) and the :data:`DETAIL_COLUMNS`. Peers (for ER and CPM) are taken
    from ``table`` itself, so score the whole table, then filter.
    """
    resolved = resolve_weights(weights)
    total_weight = sum(resolved.values())
    peers = peer_medians(table, ("er", "est_cpm_eur"))  # one group-by for both criteria
    parts = {
        "niche": niche_scores(table, brief),
        "audience": audience_scores(table, brief),
        "engagement": engagement_scores(table, peers["er"]),
        "quality": quality_scores(table),
        "cost": cost_scores(table, cost_reference, peers["est_cpm_eur"]),
        "safety": safety_scores(table),
    }
    columns: dict[str, Any] = {}
    if "influencer_id" in table.columns:
        columns["influencer_id"] = table["influencer_id"].array
    columns["score"] = np.zeros(len(table))
    for criterion in CRITERIA:
        share = resolved[criterion] / total_weight * 100.0
        raw = parts[criterion]["sub"].to_numpy(dtype=float)
        sub = np.where(np.isnan(raw), NEUTRAL, raw)
        columns[f"sub_{criterion}"] = sub
        columns[f"points_{criterion}"] = sub * share
        columns[f"max_{criterion}"] = np.full(len(table), share)
        columns[f"missing_{criterion}"] = np.isnan(raw)
        columns["score"] = columns["score"] + sub * share
    for frame in parts.values():
        for column in frame.columns:
            if column != "sub":
                columns[column] = frame[column].array
    # Every column is new: no need to copy them into blocks.
    return pd.DataFrame(columns, index=table.index, copy=False)


def ranking(
    table: pd.DataFrame,
    brief: Brief,
    weights: Mapping[str, Any] | None = None,
    *,
    cost_reference: str = "peers",
) -> pd.DataFrame:
    """The table joined with its brand-fit columns, best score first, with ``rank`` from 1.

    Ties keep the table's order (stable sort), so the ranking is reproducible.
    """
    fit = brand_fit(table, brief, weights, cost_reference=cost_reference)
    joined = table.join(fit.drop(columns=["influencer_id"], errors="ignore"))
    ranked = joined.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)
    ranked.insert(0, "rank", np.arange(1, len(ranked) + 1))
    return ranked


def plan_cost_reference(plan: Plan) -> str:
    """The cost reference a plan chose ("peers" unless it saved another known one)."""
    chosen = plan.notes.get(COST_REFERENCE_NOTE, "peers")
    return chosen if chosen in COST_REFERENCES else "peers"


def plan_ranking(plan: Plan, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`ranking` of the plan's influencer table with the plan's weights and cost reference."""
    from influkit.identify import profiles

    table = profiles.influencer_table(plan) if table is None else table
    return ranking(
        table,
        plan.brief,
        plan.settings.brand_fit_weights,
        cost_reference=plan_cost_reference(plan),
    )


def filter_ranking(
    ranked: pd.DataFrame,
    platforms: Iterable[str] = (),
    niches: Iterable[str] = (),
    min_score: float = 0,
    top: int | None = None,
) -> tuple[pd.DataFrame, int]:
    """The ranked accounts on ``platforms`` and in ``niches`` (all when empty) scoring at least
    ``min_score``: the ``top`` best, ranked again from 1, and how many matched in all."""
    shown = ranked
    platforms, niches = list(platforms), list(niches)
    if platforms:
        shown = shown[shown["platform"].isin(platforms)]
    if niches:
        shown = shown[shown["niche"].isin(niches)]
    shown = shown[shown["score"] >= min_score]
    matching = len(shown)
    shown = (shown if top is None else shown.head(int(top))).reset_index(drop=True)
    shown["rank"] = range(1, len(shown) + 1)
    return shown, matching


def case_platforms(plan: Plan, offered: Sequence[str]) -> list[str]:
    """The platforms of the plan's case among those ``offered``, in the case's order (none
    without a known case)."""
    from influkit.data import datasets

    if not plan.case_id:
        return []
    try:
        platforms = datasets.case(plan.case_id)["platforms"]
    except UserError:
        return []
    return [p for p in platforms if p in offered]


def edit_shortlist(plan: Plan, edits: Mapping[str, tuple[Any, Any]]) -> bool:
    """Apply the roles and notes typed in a table (``edits``: id -> (role, note)) to the plan's
    shortlist; an unknown role keeps the entry's, an empty cell is an empty note. Returns
    whether the shortlist changed."""
    updated = []
    for entry in plan.shortlist:
        if entry.influencer_id not in edits:
            updated.append(entry)
            continue
        role, note = edits[entry.influencer_id]
        role = role if role in SHORTLIST_ROLES else entry.role
        note = "" if note is None or (isinstance(note, float) and pd.isna(note)) else str(note)
        if role != entry.role or note != entry.note:
            entry = entry.model_copy(update={"role": role, "note": note})
        updated.append(entry)
    if updated == plan.shortlist:
        return False
    plan.shortlist = updated
    return True


def scored_shortlist(plan: Plan, ranked: pd.DataFrame | None = None) -> pd.DataFrame:
    """The plan's shortlist table (``profiles.shortlist_table``) with each account's brand-fit
    columns (score, sub-scores, fake_share…) from ``ranked`` (default: :func:`plan_ranking`)."""
    from influkit.identify import profiles

    ranked = plan_ranking(plan) if ranked is None else ranked
    short = profiles.shortlist_table(plan)
    fit_columns = [c for c in ranked.columns if c not in short.columns or c == "influencer_id"]
    fit = ranked[fit_columns].drop_duplicates("influencer_id")
    return short.merge(fit, on="influencer_id", how="left")


# --- explanation ----------------------------------------------------------------------------


def contributions(row: Mapping[str, Any] | pd.Series) -> list[tuple[str, float, float, float]]:
    """(criterion, points, max points, points above neutral) of one scored row, weight > 0."""
    items = []
    for criterion in CRITERIA:
        maximum = float(row.get(f"max_{criterion}", 0.0) or 0.0)
        if maximum <= 0:
            continue
        points = float(row.get(f"points_{criterion}", 0.0))
        items.append((criterion, points, maximum, points - NEUTRAL * maximum))
    return items


def _detail(criterion: str, row: Mapping[str, Any], lang: str) -> str:
    """Why a criterion scored what it did, in words, from the row's figures."""
    from influkit.text.formats import fmt_money, fmt_number, fmt_percent
    from influkit.text.i18n import label, t

    get = row.get
    if criterion == "niche":
        match = get("niche_match", "") or "na"
        return t(
            f"brandfit.why.niche_{match}",
            lang,
            niche=label("data.niche", get("niche"), lang),
            related=label("data.niche", get("niche_related_to"), lang),
        )
    if criterion == "audience":
        bits = []
        if not is_missing(get("gender_gap")):
            bits.append(
                t(
                    "brandfit.why.audience_gender",
                    lang,
                    female=fmt_percent(get("audience_female_share"), lang, 0),
                    gap=fmt_number(float(get("gender_gap")) * 100, lang),
                )
            )
        if not is_missing(get("age_share")):
            bits.append(
                t("brandfit.why.audience_age", lang, share=fmt_percent(get("age_share"), lang, 0))
            )
        if not is_missing(get("country_share")):
            bits.append(
                t(
                    "brandfit.why.audience_country",
                    lang,
                    share=fmt_percent(get("country_share"), lang, 0),
                    country=label("data.country", get("audience_top_country"), lang),
                )
            )
        return t("brandfit.why.sep", lang).join(bits) if bits else t("brandfit.why.no_data", lang)
    if criterion == "engagement":
        if is_missing(get("er_ratio")):
            return t("brandfit.why.no_data", lang)
        kind = "engagement_suspicious" if bool(get("er_suspicious", False)) else "engagement"
        return t(
            f"brandfit.why.{kind}",
            lang,
            er=fmt_percent(get("er"), lang, 1),
            peers=fmt_percent(get("er_peer_median"), lang, 1),
            ratio=fmt_number(get("er_ratio"), lang, 1),
        )
    if criterion == "quality":
        bits = []
        if not is_missing(get("audience_credibility")):
            bits.append(
                t(
                    "brandfit.why.quality_credibility",
                    lang,
                    share=fmt_percent(get("audience_credibility"), lang, 0),
                )
            )
        if not is_missing(get("fake_share")):
            bits.append(
                t("brandfit.why.quality_fake", lang, share=fmt_percent(get("fake_share"), lang, 0))
            )
        return t("brandfit.why.sep", lang).join(bits) if bits else t("brandfit.why.no_data", lang)
    if criterion == "cost":
        if is_missing(get("est_cpm_eur")) or is_missing(get("cpm_reference_eur")):
            return t("brandfit.why.no_data", lang)
        return t(
            "brandfit.why.cost",
            lang,
            cpm=fmt_money(get("est_cpm_eur"), lang),
            reference=fmt_money(get("cpm_reference_eur"), lang),
        )
    bits = []
    if not is_missing(get("disclosure_rate")):
        bits.append(
            t(
                "brandfit.why.safety_disclosure",
                lang,
                share=fmt_percent(get("disclosure_rate"), lang, 0),
            )
        )
    if not is_missing(get("sponsored_share")):
        bits.append(
            t(
                "brandfit.why.safety_sponsored",
                lang,
                share=fmt_percent(get("sponsored_share"), lang, 0),
            )
        )
    return t("brandfit.why.sep", lang).join(bits) if bits else t("brandfit.why.no_data", lang)


#: Kinds of explanation lines: a strength, a weakness, criteria without data, nothing marked.
EXPLANATION_KINDS: tuple[str, ...] = ("plus", "minus", "missing", "neutral")


def explain_items(
    row: Mapping[str, Any] | pd.Series, lang: str = "fr", top: int = 2
) -> list[tuple[str, str]]:
    """Like :func:`explain`, each line with its kind (one of :data:`EXPLANATION_KINDS`)."""
    from influkit.text.formats import fmt_list, fmt_number
    from influkit.text.i18n import t

    items = contributions(row)
    strengths = sorted((i for i in items if i[3] > 1e-9), key=lambda i: -i[3])[:top]
    weaknesses = sorted((i for i in items if i[3] < -1e-9), key=lambda i: i[3])[:top]
    missing = [i[0] for i in items if bool(row.get(f"missing_{i[0]}", False))]
    lines: list[tuple[str, str]] = []
    for kind, chosen in (("plus", strengths), ("minus", weaknesses)):
        for criterion, points, maximum, _ in chosen:
            text = t(
                "brandfit.why.line",
                lang,
                criterion=t(f"brandfit.criterion.{criterion}", lang),
                points=fmt_number(points, lang, 1),
                max=fmt_number(maximum, lang, 1),
                why=_detail(criterion, row, lang),
            )
            lines.append((kind, text))
    if missing:
        names = fmt_list((t(f"brandfit.criterion.{c}", lang) for c in missing), lang)
        lines.append(("missing", t("brandfit.why.line_missing", lang, criteria=names)))
    if not lines:
        lines.append(("neutral", t("brandfit.why.all_neutral", lang)))
    return lines


def explain(row: Mapping[str, Any] | pd.Series, lang: str = "fr", top: int = 2) -> list[str]:
    """The ``top`` strongest and weakest contributions of a :func:`ranking` row, in words.

    Strong means above what a neutral sub-score would give, weak means below; each line says
    the points earned out of the maximum and why. Criteria without data come last.
    """
    return [text for _, text in explain_items(row, lang, top)]


def brief_summary(brief: Brief, lang: str = "fr") -> tuple[str, str, bool]:
    """What the brief asks for, as the ranking reads it: the niches, the target audience
    (women's share, ages, countries), and whether it says anything at all."""
    from influkit.text.formats import fmt_list, fmt_percent
    from influkit.text.i18n import label, t

    target = brief.target_audience
    niches = fmt_list((label("data.niche", n, lang) for n in brief.niches), lang)
    bits = []
    if target.female_share is not None:
        share = fmt_percent(target.female_share, lang, 0)
        bits.append(t("brandfit.brief_female", lang, share=share))
    if target.age_bands:
        ages = fmt_list((label("age", a, lang) for a in target.age_bands), lang)
        bits.append(t("brandfit.brief_ages", lang, ages=ages))
    if target.countries:
        countries = fmt_list((label("data.country", c, lang) for c in target.countries), lang)
        bits.append(t("brandfit.brief_countries", lang, countries=countries))
    none = t("brandfit.brief_none", lang)
    return (
        t("brandfit.brief_niches", lang, niches=niches or none),
        t("brandfit.brief_target", lang, target=" · ".join(bits) or none),
        bool(brief.niches or bits),
    )


def ranking_display(
    shown: pd.DataFrame, lang: str = "fr", shortlisted: Iterable[str] = ()
) -> pd.DataFrame:
    """The ranking as a trainee reads it: headed and written in ``lang``, the score a number
    (drawn as a bar), the shortlisted accounts marked."""
    from influkit.text.formats import fmt_money, fmt_number, fmt_percent
    from influkit.text.i18n import label, t

    kept = set(shortlisted)
    in_shortlist = "✓ " + t("brandfit.in_shortlist", lang)
    return pd.DataFrame(
        {
            t("brandfit.col.rank", lang): shown["rank"],
            t("brandfit.col.name", lang): shown["display_name"],
            t("brandfit.col.score", lang): shown["score"].round(0),
            t("brandfit.col.shortlisted", lang): [
                in_shortlist if i in kept else "" for i in shown["influencer_id"]
            ],
            t("brandfit.col.platform", lang): [
                label("data.platform", p, lang) for p in shown["platform"]
            ],
            t("brandfit.col.niche", lang): [label("data.niche", n, lang) for n in shown["niche"]],
            t("brandfit.col.followers", lang): [fmt_number(v, lang) for v in shown["followers"]],
            t("brandfit.col.er", lang): [fmt_percent(v, lang, 1) for v in shown["er"]],
            t("brandfit.col.price", lang): [
                fmt_money(v, lang, 0) for v in shown["price_per_post_eur"]
            ],
            t("brandfit.col.tier", lang): [label("metrics.tier", x, lang) for x in shown["tier"]],
        }
    )


def criteria_detail(row: Mapping[str, Any] | pd.Series, lang: str = "fr") -> pd.DataFrame:
    """One account's score criterion by criterion: its sub-score, its points and the most it
    could get, written in ``lang``."""
    from influkit.text.formats import fmt_number, fmt_percent
    from influkit.text.i18n import t

    return pd.DataFrame(
        {
            t("brandfit.explain_table_criterion", lang): [
                t(f"brandfit.criterion.{c}", lang) for c in CRITERIA
            ],
            t("brandfit.explain_table_sub", lang): [
                fmt_percent(row[f"sub_{c}"], lang, 0) for c in CRITERIA
            ],
            t("brandfit.explain_table_points", lang): [
                fmt_number(row[f"points_{c}"], lang, 1) for c in CRITERIA
            ],
            t("brandfit.explain_table_max", lang): [
                fmt_number(row[f"max_{c}"], lang, 1) for c in CRITERIA
            ],
        }
    )


# --- the shortlist --------------------------------------------------------------------------


def comparison(ranked: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """Key figures of the accounts ``ids`` side by side: one row per :data:`COMPARISON_ROWS`
    entry (index = column name), one column per influencer id, in the order given."""
    indexed = ranked.drop_duplicates("influencer_id").set_index("influencer_id")
    found = [i for i in ids if i in indexed.index]
    rows = [column for column, _ in COMPARISON_ROWS]
    if not found:
        return pd.DataFrame(index=pd.Index(rows, name="metric"))
    shown = indexed.reindex(columns=rows).loc[found].T
    shown.index.name = "metric"
    shown.columns = list(found)
    return shown


def criteria_profile(ranked: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """The sub-scores (0-1) of the accounts ``ids``, one row each, one column per criterion."""
    indexed = ranked.drop_duplicates("influencer_id").set_index("influencer_id")
    found = [i for i in ids if i in indexed.index]
    return indexed.loc[found, [f"sub_{c}" for c in CRITERIA]].set_axis(list(CRITERIA), axis=1)


def shortlist_totals(shortlist: pd.DataFrame) -> dict[str, Any]:
    """Totals of a shortlist table: count, sum of prices, total followers, tier and platform mix.

    Mixes are ``{code: count}``, tiers smallest first, platforms most frequent first. Missing
    prices or follower counts are left out of the sums and counted in ``missing_prices``.
    """
    prices = _numbers(shortlist, "price_per_post_eur")
    followers = _numbers(shortlist, "followers")
    tiers = pd.Series(_texts(*_factor(shortlist, "tier")), dtype=object)
    tier_counts = tiers[tiers != ""].value_counts()
    platforms = pd.Series(_texts(*_factor(shortlist, "platform")), dtype=object)
    platform_counts = platforms[platforms != ""].value_counts()
    return {
        "count": int(len(shortlist)),
        "total_price_eur": float(np.nansum(prices)),
        "missing_prices": int(np.isnan(prices).sum()),
        "total_followers": float(np.nansum(followers)),
        "tiers": {t: int(tier_counts[t]) for t in TIER_ORDER if t in tier_counts.index},
        "platforms": {str(p): int(n) for p, n in platform_counts.items()},
    }
