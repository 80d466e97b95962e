"""French law on commercial influence (loi n° 2023-451): the written-contract threshold, caption
checks for the commercial-intent, retouched-image and virtual-image mentions, sector rules, and
the reminders and contract clauses a campaign must cover.

Captions are matched case- and accent-insensitively. Which wordings count follows the law and the
ARPP: French mentions pass; English ones ("#ad", "paid partnership"…) are clear to an English-
speaking audience but, for a French one, only a weak mention (a warning); cryptic tags such as
"#sp" or "#spon" do not show commercial intent (an error).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from influkit.errors import UserError
from influkit.text.i18n import normalize_language, t

CONTRACT_THRESHOLD_EUR_HT = 1000.0
# Instagram folds a caption after about its first 125 characters ("… more").
CAPTION_FOLD_CHARS = 125
# A mention after this many hashtags is drowned in a cloud of tags (ARPP).
HIDDEN_AFTER_HASHTAGS = 3

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One compliance problem: a code, its level, and the catalogue message explaining it."""

    code: str
    level: Level
    message_key: str
    params: dict[str, Any] = field(default_factory=dict)
    lang: str = "fr"

    def message(self, lang: str | None = None) -> str:
        """The explanation in ``lang`` (by default, the language the check was run in)."""
        return t(self.message_key, lang or self.lang, **self.params)


# ---------------------------------------------------------------------------------------------
# Contract threshold (art. 8)


def contract_required(amount_eur_ht: Any) -> Any:
    """Whether a written contract is required: from 1 000 € HT inclusive, per advertiser and year."""
    # Money is compared to the cent, so 999.999999 from summed floats counts as 1 000 €.
    if np.isscalar(amount_eur_ht) or amount_eur_ht is None:
        try:
            amount = float(amount_eur_ht)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return False
        return bool(round(amount, 2) >= CONTRACT_THRESHOLD_EUR_HT)
    if isinstance(amount_eur_ht, pd.Series):
        values = pd.to_numeric(amount_eur_ht, errors="coerce")
        return values.round(2).ge(CONTRACT_THRESHOLD_EUR_HT).fillna(False).astype(bool)
    values = np.asarray(amount_eur_ht, dtype=float)
    with np.errstate(invalid="ignore"):
        return np.round(values, 2) >= CONTRACT_THRESHOLD_EUR_HT


# Budget-line categories that count as remuneration or as in-kind benefits for the threshold.
CONTRACT_CATEGORIES: dict[str, str] = {
    "influencer_fee": "remuneration",
    "usage_rights": "remuneration",
    "gifting": "in_kind",
}


def _item_record(item: Any) -> dict[str, Any]:
    if isinstance(item, Mapping):
        return dict(item)
    if hasattr(item, "model_dump"):
        return item.model_dump()
    return {k: v for k, v in vars(item).items() if not k.startswith("_")}


def _amount(value: Any, name: str) -> float:
    # An empty cell in a table means nothing of that kind, not an error.
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return 0.0
    try:
        amount = float(value)
    except (TypeError, ValueError) as exc:
        raise UserError("compliance.error_amount", field=name, value=value) from exc
    if not np.isfinite(amount) or amount < 0:
        raise UserError("compliance.error_amount", field=name, value=value)
    return amount


def contract_value_for_influencer(items: Iterable[Any] | pd.DataFrame) -> float:
    """Remuneration plus in-kind value of one influencer's items (same advertiser, year, objective).

    An item is a mapping or object with ``remuneration_eur_ht`` and/or ``in_kind_value_eur_ht``,
    or a budget line (``category``, ``quantity``, ``unit_cost_eur_ht``) whose category counts
    per ``CONTRACT_CATEGORIES``; shipping, platform or agency costs do not count.
    """
    records = (
        items.to_dict("records") if isinstance(items, pd.DataFrame) else map(_item_record, items)
    )
    total = 0.0
    for record in records:
        category = record.get("category")
        if isinstance(category, str) and category:
            if category in CONTRACT_CATEGORIES:
                quantity = _amount(record.get("quantity", 1), "quantity")
                total += quantity * _amount(record.get("unit_cost_eur_ht"), "unit_cost_eur_ht")
            continue
        total += _amount(record.get("remuneration_eur_ht"), "remuneration_eur_ht")
        total += _amount(record.get("in_kind_value_eur_ht"), "in_kind_value_eur_ht")
    return total


# ---------------------------------------------------------------------------------------------
# Captions (art. 5)


def _normalise(text: str) -> tuple[str, list[int]]:
    """Lower-case, accent-free text, with the index in ``text`` of each character kept."""
    out: list[str] = []
    index: list[int] = []
    for i, char in enumerate(text):
        for piece in unicodedata.normalize("NFKD", char.casefold()):
            if unicodedata.combining(piece):
                continue
            out.append(piece)
            index.append(i)
    return "".join(out), index


def _words(*alternatives: str) -> re.Pattern[str]:
    # Words inside a mention may be run together in a hashtag ("#collaborationcommerciale").
    body = "|".join(a.replace(" ", r"[\s_\-]*") for a in alternatives)
    return re.compile(rf"(?<![a-z0-9])#?(?:{body})(?![a-z0-9])")


# The law's own words and their French equivalents (art. 5; ARPP influencer sheet).
FRENCH_MENTIONS = _words(
    r"publicite",
    r"publicites",
    r"publicitaire",
    r"collab(?:oration)? commerciale",
    r"collab(?:oration)? remuneree",
    r"partenariats? (?:remunere|commercial|publicitaire|avec)",
    r"en partenariat avec",
    r"partenariats?",
    r"sponsorise(?:e|s|es)?(?: par)?",
)
# "Pub" is French for an advert, but English for a bar: it counts for a French audience only.
FRENCH_SHORT_MENTION = _words(r"pub")
# Clear to an English-speaking audience; weak for a French one (ARPP: "#ad" is not enough).
ENGLISH_MENTIONS = _words(
    r"ad",
    r"ads",
    r"advert",
    r"advertisement",
    r"advertising",
    r"paid partnership(?: with)?",
    r"paid promotion",
    r"paid collab(?:oration)?",
    r"sponsored(?: by)?",
    r"commercial collaboration",
    r"in partnership with",
)
# A hint of a relationship that does not say it is paid: weak in both languages.
VAGUE_MENTIONS = _words(
    r"collab",
    r"collaboration",
    r"en collaboration avec",
    r"partenaire",
    r"partner",
    r"partnership",
    r"sponso",
    r"gifted",
    r"offert par",
    r"ambassadeur",
    r"ambassadrice",
    r"ambassador",
)
# Abbreviations that do not show commercial intent at all (ARPP: "encore moins le #sp").
CRYPTIC_MENTIONS = _words(r"sp", r"spon", r"spons")

RETOUCHED_MENTIONS = {
    "fr": _words(r"images? retouchees?"),
    "en": _words(r"retouched (?:image|photo)s?"),
}
VIRTUAL_MENTIONS = {"fr": _words(r"images? virtuelles?"), "en": _words(r"virtual images?")}
_HASHTAG = re.compile(r"#[^\s#]+")


def _first(patterns: Iterable[re.Pattern[str]], text: str) -> re.Match[str] | None:
    matches = [m for p in patterns if (m := p.search(text))]
    return min(matches, key=lambda m: m.start()) if matches else None


def _mention_hidden(norm: str, index: list[int], match: re.Match[str]) -> dict[str, Any] | None:
    start = index[match.start()] if match.start() < len(index) else 0
    hashtags_before = list(_HASHTAG.finditer(norm[: match.start()]))
    if len(hashtags_before) >= HIDDEN_AFTER_HASHTAGS or start >= CAPTION_FOLD_CHARS:
        return {"position": start, "hashtags_before": len(hashtags_before)}
    return None


def _snippet(text: str, index: list[int], match: re.Match[str]) -> str:
    return text[index[match.start()] : index[match.end() - 1] + 1]


def check_caption(
    text: str | None,
    *,
    sponsored: bool = True,
    retouched: bool = False,
    ai_generated: bool = False,
    lang: str = "fr",
) -> list[Finding]:
    """Findings on a post's caption; empty when the mentions the law requires are there.

    ``lang`` is the language of the audience: it decides which wordings count as clear, and
    the language the findings' messages default to.
    """
    lang = normalize_language(lang)
    original = text or ""
    if not isinstance(original, str):
        raise UserError("compliance.error_caption")
    norm, index = _normalise(original)
    findings: list[Finding] = []

    def _add(code: str, level: Level, **params: Any) -> None:
        findings.append(Finding(code, level, f"compliance.finding.{code}", params, lang))

    if sponsored:
        clear = (
            [FRENCH_MENTIONS, ENGLISH_MENTIONS]
            if lang == "en"
            else [FRENCH_MENTIONS, FRENCH_SHORT_MENTION]
        )
        weak = [VAGUE_MENTIONS] if lang == "en" else [ENGLISH_MENTIONS, VAGUE_MENTIONS]
        match = _first(clear, norm)
        if match is None and (match := _first(weak, norm)) is not None:
            _add("weak_commercial_mention", "warning", found=_snippet(original, index, match))
        if match is None:
            cryptic = CRYPTIC_MENTIONS.search(norm)
            if cryptic is not None:
                _add(
                    "unclear_commercial_mention", "error", found=_snippet(original, index, cryptic)
                )
            else:
                _add("missing_commercial_mention", "error")
        elif (hidden := _mention_hidden(norm, index, match)) is not None:
            _add(
                "commercial_mention_hidden",
                "warning",
                found=_snippet(original, index, match),
                **hidden,
            )
    if retouched:
        patterns = [RETOUCHED_MENTIONS["fr"]] + ([RETOUCHED_MENTIONS["en"]] if lang == "en" else [])
        if _first(patterns, norm) is None:
            _add("missing_retouched_mention", "error")
    if ai_generated:
        patterns = [VIRTUAL_MENTIONS["fr"]] + ([VIRTUAL_MENTIONS["en"]] if lang == "en" else [])
        if _first(patterns, norm) is None:
            _add("missing_virtual_mention", "error")
    return findings


# ---------------------------------------------------------------------------------------------
# Sectors (art. 3 and 4)

SectorStatus = Literal["allowed", "regulated", "forbidden"]


@dataclass(frozen=True)
class Sector:
    """A product category and what the law lets an influencer do with it."""

    status: SectorStatus
    article: str = ""


# Tobacco and vaping sit under art. 3, but the rules it points to (CSP L.3512-4, L.3513-4) ban
# all their advertising, so they are forbidden here.
SECTORS: dict[str, Sector] = {
    "aesthetic_surgery": Sector("forbidden", "art. 4-I"),
    "therapeutic_abstention": Sector("forbidden", "art. 4-II"),
    "nicotine": Sector("forbidden", "art. 4-III"),
    "tobacco": Sector("forbidden", "art. 3"),
    "vaping": Sector("forbidden", "art. 3, art. 4-III"),
    "animals_unlisted": Sector("forbidden", "art. 4-IV"),
    "financial_services_unregistered": Sector("forbidden", "art. 4-V"),
    "crypto_unregistered": Sector("forbidden", "art. 4-V"),
    "sports_betting_tips": Sector("forbidden", "art. 4"),
    "gambling": Sector("regulated", "art. 4"),
    "alcohol": Sector("regulated", "art. 3"),
    "medicine": Sector("regulated", "art. 3"),
    "financial_services": Sector("regulated", "art. 3, art. 4-V"),
    "crypto": Sector("regulated", "art. 4-V"),
    "food": Sector("regulated", "art. 3"),
    "soft_drinks": Sector("regulated", "art. 3"),
    "animals": Sector("regulated", "art. 4-IV"),
    "cosmetics": Sector("allowed"),
    "fashion": Sector("allowed"),
    "travel": Sector("allowed"),
    "tech": Sector("allowed"),
    "software": Sector("allowed"),
    "toys": Sector("allowed"),
    "home": Sector("allowed"),
    "sport": Sector("allowed"),
    "video_games": Sector("allowed"),
    "culture": Sector("allowed"),
    "education": Sector("allowed"),
    "automotive": Sector("allowed"),
    "pet_supplies": Sector("allowed"),
    "restaurants": Sector("allowed"),
}
SECTOR_STATUSES: tuple[str, ...] = ("allowed", "regulated", "forbidden")


def sector_label(code: str, lang: str = "fr") -> str:
    """The readable name of a product category."""
    return t(f"compliance.sector.{code}", lang)


def check_sector(
    product_category: str | None, lang: str = "fr", *, minors_excluded: bool | None = None
) -> list[Finding]:
    """Findings on what is promoted: forbidden (art. 4) is an error, regulated (art. 3) a warning.

    For gambling, ``minors_excluded`` says whether the platform lets the audience under 18 be
    excluded: False makes the promotion forbidden, None leaves it to check.
    """
    lang = normalize_language(lang)
    code = (product_category or "").strip().lower()
    if not code:
        return []
    sector = SECTORS.get(code)
    if sector is None:
        return [
            Finding(
                "sector_unknown",
                "warning",
                "compliance.finding.sector_unknown",
                {"sector": code},
                lang,
            )
        ]
    params = {"sector": code, "article": sector.article}
    rule = f"compliance.sector_rule.{code}"
    if code == "gambling" and minors_excluded is False:
        return [Finding("gambling_minors_not_excluded", "error", rule, params, lang)]
    if code == "gambling" and minors_excluded is None:
        return [Finding("gambling_check_minors", "warning", rule, params, lang)]
    if sector.status == "forbidden":
        return [Finding("sector_forbidden", "error", rule, params, lang)]
    if sector.status == "regulated":
        return [Finding("sector_regulated", "warning", rule, params, lang)]
    return []


# ---------------------------------------------------------------------------------------------
# Reminders and contract clauses (art. 5, 8, 9; loi 2020-1266; GDPR)

REMINDERS: tuple[str, ...] = (
    "retouched_image",
    "virtual_image",
    "minors_under_16",
    "non_eu_representative",
    "non_eu_insurance",
    "joint_liability",
    "gdpr_minimisation",
    "gdpr_rights",
)
CONTRACT_CLAUSES: tuple[str, ...] = (
    "identities",
    "tax_residence",
    "missions",
    "remuneration",
    "in_kind_value",
    "rights_obligations",
    "intellectual_property",
    "french_law",
)


def reminder_label(code: str, lang: str = "fr") -> str:
    """The text of a compliance reminder."""
    return t(f"compliance.reminder.{code}", lang)


def clause_label(code: str, lang: str = "fr") -> str:
    """The text of a mandatory contract clause."""
    return t(f"compliance.clause.{code}", lang)


def missing_clauses(checked: Mapping[str, bool] | Iterable[str]) -> list[str]:
    """The mandatory clauses not yet ticked, in the checklist's order."""
    done = {k for k, v in checked.items() if v} if isinstance(checked, Mapping) else set(checked)
    return [code for code in CONTRACT_CLAUSES if code not in done]
