"""The argument builder: what an influencer is likely to care about, ranked from their data.

The levers are the course's (DOMAIN §8): audience fit, creative freedom, fee, long-term
partnership, visibility, early access, co-creation, events, community and recognition. Each
gets a score from 0 to 1 from the influencer's figures (tier, engagement against peers,
sponsored and disclosed posts, growth, saves, comments, brand fit) and a sentence saying why;
the trainee ticks the ones they put in their pitch (``InfluencerRelationship.arguments``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from influkit.errors import UserError
from influkit.plan.model import InfluencerRelationship
from influkit.text.formats import fmt_percent
from influkit.text.i18n import label, normalize_language, t
from influkit.values import as_number

ARGUMENTS: tuple[str, ...] = (
    "audience_fit",
    "creative_freedom",
    "fee",
    "long_term",
    "visibility",
    "early_access",
    "co_creation",
    "events",
    "community",
    "recognition",
)
#: Arguments that are motivation levers of module 6 (``compensation.MOTIVATION_LEVERS``).
LEVER_OF: dict[str, str] = {
    "long_term": "long_term",
    "visibility": "visibility",
    "early_access": "early_access",
    "co_creation": "co_creation",
    "events": "events",
    "community": "community",
    "recognition": "recognition",
}
TIER_RANK: dict[str, int] = {
    "below_nano": 0,
    "nano": 1,
    "micro": 2,
    "mid": 3,
    "macro": 4,
    "mega": 5,
}
# Niches whose followers come for products to try: early access speaks to them.
PRODUCT_NICHES = frozenset({"beauty", "tech", "gaming", "fashion", "food", "sport", "parenting"})
# Niches where meeting people in person is part of the content.
EVENT_NICHES = frozenset({"lifestyle", "travel", "food", "fashion", "beauty", "sport", "gaming"})
# Reference points: a save rate of 5 % of reach and 10 comments per 100 likes count as high.
HIGH_SAVE_RATE = 0.05
HIGH_COMMENTS_TO_LIKES = 0.10
HIGH_GROWTH_12W = 0.10
HIGH_SPONSORED_SHARE = 0.30


@dataclass(frozen=True)
class Argument:
    """One lever for one influencer: its score (0-1) and why, in words."""

    code: str
    score: float
    why: str

    def label(self, lang: str = "fr") -> str:
        """The lever's name."""
        return argument_label(self.code, lang)


def argument_label(code: str, lang: str = "fr") -> str:
    """The readable name of an argument."""
    return t(f"relationship.argument.{code}", lang)


def pitch_sentence(code: str, lang: str = "fr", **params: Any) -> str:
    """The sentence an argument adds to a pitch."""
    return t(f"relationship.pitch.{code}", lang, **params)


def _clip(value: float) -> float:
    return float(min(max(value, 0.0), 1.0))


def rank_arguments(row: Mapping[str, Any], lang: str = "fr") -> list[Argument]:
    """Every argument for one influencer, strongest first, each with its reason.

    ``row`` is the influencer's row of the brand-fit ranking (``brandfit.plan_ranking``) or of
    the influencer table; a figure that is missing leaves its lever at a neutral 0.5.
    """
    lang = normalize_language(lang)
    tier = str(row.get("tier") or "")
    rank = TIER_RANK.get(tier, 2)
    tier_name = label("metrics.tier", tier, lang) or "—"
    niche = str(row.get("niche") or "")
    niche_name = label("data.niche", niche, lang) or "—"
    er, peers = as_number(row.get("er"), None), as_number(row.get("er_peer_median"), None)
    sponsored = as_number(row.get("sponsored_share"), None)
    disclosed = as_number(row.get("disclosure_rate"), None)
    growth = as_number(row.get("growth_12w"), None)
    saves = as_number(row.get("save_rate"), None)
    comments = as_number(row.get("comments_to_likes"), None)
    sub_niche, sub_audience = (
        as_number(row.get("sub_niche"), None),
        as_number(row.get("sub_audience"), None),
    )
    pct = lambda v: fmt_percent(v, lang, 1)  # noqa: E731

    found: dict[str, tuple[float, str, dict[str, Any]]] = {}
    fits = [v for v in (sub_niche, sub_audience) if v is not None]
    fit = sum(fits) / len(fits) if fits else 0.5
    found["audience_fit"] = (fit, "audience_fit", {"niche": niche_name, "fit": pct(fit)})

    ratio = er / peers if er is not None and peers else None
    if ratio is None:
        found["creative_freedom"] = (0.5, "no_data", {})
    else:
        found["creative_freedom"] = (
            _clip((ratio - 0.5) / 1.5),
            "creative_freedom",
            {"er": pct(er), "peers": pct(peers)},
        )
    pro = _clip((sponsored or 0.0) / HIGH_SPONSORED_SHARE)
    found["fee"] = (
        _clip(0.15 + 0.15 * rank + 0.15 * pro),
        "fee",
        {"tier": tier_name, "sponsored": pct(sponsored)},
    )
    if sponsored is None or disclosed is None:
        found["long_term"] = (0.5, "no_data", {})
    else:
        loyal = 0.5 * disclosed + 0.5 * (1 - _clip(sponsored / (2 * HIGH_SPONSORED_SHARE)))
        found["long_term"] = (
            _clip(loyal),
            "long_term",
            {"sponsored": pct(sponsored), "disclosed": pct(disclosed)},
        )
    small = 1 - rank / 5
    rising = _clip((growth or 0.0) / HIGH_GROWTH_12W)
    found["visibility"] = (
        _clip(0.6 * small + 0.4 * rising),
        "visibility",
        {"tier": tier_name, "growth": pct(growth)},
    )
    found["early_access"] = (
        _clip(0.2 + 0.5 * (sub_niche if sub_niche is not None else 0.5))
        + (0.25 if niche in PRODUCT_NICHES else 0.0),
        "early_access",
        {"niche": niche_name},
    )
    if saves is None:
        found["co_creation"] = (0.5, "no_data", {})
    else:
        found["co_creation"] = (
            _clip(0.3 + 0.7 * saves / HIGH_SAVE_RATE),
            "co_creation",
            {"saves": pct(saves)},
        )
    found["events"] = (
        0.35 + (0.3 if niche in EVENT_NICHES else 0.0) + (0.1 if row.get("country") == "FR" else 0),
        "events",
        {"niche": niche_name},
    )
    if comments is None:
        found["community"] = (0.5, "no_data", {})
    else:
        found["community"] = (
            _clip(comments / HIGH_COMMENTS_TO_LIKES),
            "community",
            {"comments": pct(comments)},
        )
    found["recognition"] = (_clip(0.9 - 0.15 * rank), "recognition", {"tier": tier_name})

    arguments = [
        Argument(code, round(_clip(score), 3), t(f"relationship.why.{why}", lang, **params))
        for code, (score, why, params) in found.items()
    ]
    order = {code: i for i, code in enumerate(ARGUMENTS)}
    return sorted(arguments, key=lambda a: (-a.score, order[a.code]))


def set_arguments(rel: InfluencerRelationship, codes: Iterable[str]) -> bool:
    """Store the arguments the trainee puts in their pitch; True when they changed."""
    wanted = set(codes)
    unknown = wanted - set(ARGUMENTS)
    if unknown:
        raise UserError("relationship.error_argument", code=sorted(unknown)[0])
    ordered = [code for code in ARGUMENTS if code in wanted]
    if ordered == rel.arguments:
        return False
    rel.arguments = ordered
    return True


def pitch(codes: Iterable[str], lang: str = "fr", **params: Any) -> str:
    """The pitch made of the chosen arguments, one sentence each, in the builder's order."""
    chosen = [code for code in ARGUMENTS if code in set(codes)]
    return " ".join(pitch_sentence(code, lang, **params) for code in chosen)


def levers(codes: Iterable[str]) -> list[str]:
    """The motivation levers (module 6) among chosen arguments."""
    return [LEVER_OF[code] for code in ARGUMENTS if code in set(codes) and code in LEVER_OF]
