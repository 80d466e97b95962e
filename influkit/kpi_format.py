"""How a KPI value reads: counts, euros, shares and multiples in the user's language."""

from __future__ import annotations

import math

from influkit.formatting import fmt_money, fmt_number, fmt_percent

#: The unit of every KPI the toolkit shows.
KPI_UNITS: dict[str, str] = {
    "reach": "count", "impressions": "count", "views": "count", "engagements": "count",
    "clicks": "count", "conversions": "count", "comments": "count", "saves": "count",
    "ugc": "count", "engagement_rate": "share", "ctr": "share", "conversion_rate": "share",
    "share_of_voice": "share", "sentiment": "share", "ambassador_retention": "share",
    "follower_growth": "rate", "roi": "rate", "revenue": "eur", "cpm": "eur", "cpe": "eur",
    "cpc": "eur", "cpv": "eur", "cpa": "eur", "emv": "eur", "roas": "multiple",
}  # fmt: skip


def fmt_kpi(kpi: str, value: float | None, lang: str = "fr") -> str:
    """A KPI value as a trainee reads it: ``12 345``, ``3,2 %``, ``1 234,50 €``, ``× 2,4``."""
    unit = KPI_UNITS.get(kpi, "count")
    if unit == "eur":
        decimals = 2 if value is not None and not math.isnan(value) and abs(value) < 100 else 0
        return fmt_money(value, lang, decimals)
    if unit in ("share", "rate"):
        return fmt_percent(value, lang, 1)
    if unit == "multiple":
        text = fmt_number(value, lang, 2)
        return text if value is None or math.isnan(value) else f"× {text}"
    return fmt_number(value, lang, 0)
