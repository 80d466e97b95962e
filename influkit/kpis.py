"""The KPI catalogue: what every KPI is, how it is computed, which way is better, how it reads.

One entry per KPI (DOMAIN §5): its unit, how many decimals it shows, whether a higher or a
lower value is better (cost KPIs: lower, their targets are ceilings), its formula and its
name in the user's language (catalogue ``kpis.name.<code>`` and ``kpis.formula.<code>``).
Every page, chart, workbook and deck writes a KPI value with :func:`fmt_kpi`:

- counts are whole numbers, rounded half away from zero (3,5 sales read ``4``);
- euros show cents under 100 € (``23,77 €``) and none from 100 € (``8 919 €``);
- shares and rates are fractions shown with one decimal (``9,3 %``, ``1,0 %``; a no-break
  space before ``%`` in French);
- multiples (ROAS) read ``× 4,2``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from influkit.text.formats import (
    NOT_AVAILABLE,
    WHOLE_EUROS_FROM,
    fmt_amount,
    fmt_number,
    fmt_percent,
    round_half_away,
)
from influkit.text.i18n import normalize_language, t
from influkit.values import is_finite

Unit = Literal["count", "eur", "share", "rate", "multiple"]
Direction = Literal["higher", "lower"]
UNITS: tuple[str, ...] = ("count", "eur", "share", "rate", "multiple")
MULTIPLE_SIGN = "×"


@dataclass(frozen=True)
class Kpi:
    """One KPI: its code, unit, shown decimals, better direction and formula (as operands)."""

    code: str
    unit: Unit
    decimals: int
    direction: Direction
    #: How it is computed from the campaign's sums, in the code's terms (the catalogue
    #: ``kpis.formula.<code>`` says it in the user's words).
    formula: str

    @property
    def lower_is_better(self) -> bool:
        """Whether a lower value is better (costs per result): its target is a ceiling."""
        return self.direction == "lower"


def _kpi(code: str, unit: Unit, formula: str, direction: Direction = "higher") -> Kpi:
    decimals = {"count": 0, "eur": 2, "share": 1, "rate": 1, "multiple": 1}[unit]
    return Kpi(code, unit, decimals, direction, formula)


KPIS: dict[str, Kpi] = {
    kpi.code: kpi
    for kpi in (
        _kpi("reach", "count", "sum(reach)"),
        _kpi("impressions", "count", "sum(impressions)"),
        _kpi("views", "count", "sum(views)"),
        _kpi("engagements", "count", "sum(engagements)"),
        _kpi("clicks", "count", "sum(clicks)"),
        _kpi("conversions", "count", "sum(conversions)"),
        _kpi("comments", "count", "sum(comments)"),
        _kpi("saves", "count", "sum(saves)"),
        _kpi("ugc", "count", "count(user content)"),
        _kpi("cost", "eur", "sum(cost_eur_ht)", "lower"),
        _kpi("revenue", "eur", "sum(revenue_eur)"),
        _kpi("emv", "eur", "impressions / 1000 * cpm_rate + engagements * engagement_value"),
        _kpi("cpm", "eur", "cost / impressions * 1000", "lower"),
        _kpi("cpe", "eur", "cost / engagements", "lower"),
        _kpi("cpc", "eur", "cost / clicks", "lower"),
        _kpi("cpv", "eur", "cost / views", "lower"),
        _kpi("cpa", "eur", "cost / conversions", "lower"),
        _kpi("engagement_rate", "share", "engagements / reach"),
        _kpi("ctr", "share", "clicks / impressions"),
        _kpi("conversion_rate", "share", "conversions / clicks"),
        _kpi("share_of_voice", "share", "brand mentions / all mentions"),
        _kpi("sentiment", "share", "positive / (positive + negative)"),
        _kpi("ambassador_retention", "share", "ambassadors kept / ambassadors"),
        _kpi("follower_growth", "rate", "(followers_end - followers_start) / followers_start"),
        _kpi("roi", "rate", "(revenue - cost) / cost"),
        _kpi("roi_margin", "rate", "(revenue * margin_rate - cost) / cost"),
        _kpi("roas", "multiple", "revenue / cost"),
    )
}
#: The KPIs whose lower value is better, and whose targets are ceilings.
LOWER_IS_BETTER: frozenset[str] = frozenset(c for c, k in KPIS.items() if k.lower_is_better)


def kpi(code: str | Kpi) -> Kpi:
    """The catalogue entry of a KPI code; an unknown code reads as a plain count."""
    if isinstance(code, Kpi):
        return code
    return KPIS.get(str(code), Kpi(str(code), "count", 0, "higher", ""))


def unit(code: str | Kpi) -> str:
    """The unit of a KPI: ``count``, ``eur``, ``share``, ``rate`` or ``multiple``."""
    return kpi(code).unit


def lower_is_better(code: str | Kpi) -> bool:
    """Whether a lower value of the KPI is better (CPM, CPE, CPC, CPV, CPA, cost)."""
    return kpi(code).lower_is_better


def kpi_label(code: str | Kpi, lang: str = "fr") -> str:
    """The KPI's name in the user's language (the code itself for a KPI nobody catalogued)."""
    name = kpi(code).code
    key = f"kpis.name.{name}"
    text = t(key, lang)
    return name if text == key else text


def kpi_formula(code: str | Kpi, lang: str = "fr") -> str:
    """How the KPI is computed, in the user's words: ``coût ÷ conversions``."""
    key = f"kpis.formula.{kpi(code).code}"
    text = t(key, lang)
    return "" if text == key else text


def fmt_kpi(code: str | Kpi, value: Any, lang: str = "fr") -> str:
    """A KPI value as a trainee reads it: ``12 346``, ``23,77 €``, ``9,3 %``, ``× 4,2``.

    A missing or infinite value reads ``n.d.`` (``n/a``).
    """
    entry = kpi(code)
    if not is_finite(value):
        return NOT_AVAILABLE[normalize_language(lang)]
    number = float(value)
    if entry.unit == "eur":
        return fmt_amount(number, lang)
    if entry.unit in ("share", "rate"):
        return fmt_percent(round_half_away(number, entry.decimals + 2), lang, entry.decimals)
    if entry.unit == "multiple":
        shown = fmt_number(round_half_away(number, entry.decimals), lang, entry.decimals)
        return f"{MULTIPLE_SIGN}\u00a0{shown}"
    return fmt_number(round_half_away(number, entry.decimals), lang, entry.decimals)


def entry_kind(code: str | Kpi) -> str:
    """The kind of number field a KPI value is typed in: ``count``, ``money``, ``percent``…"""
    return {"count": "count", "eur": "money", "share": "percent", "rate": "percent"}.get(
        kpi(code).unit, "number"
    )


def excel_format(code: str | Kpi) -> str:
    """The spreadsheet number format that writes the KPI as :func:`fmt_kpi` does."""
    entry = kpi(code)
    if entry.unit == "eur":
        return f'[<{WHOLE_EUROS_FROM:g}]#,##0.00 "€";#,##0 "€"'
    if entry.unit in ("share", "rate"):
        return "0." + "0" * entry.decimals + " %"
    if entry.unit == "multiple":
        return f'"{MULTIPLE_SIGN}\u00a0"0.' + "0" * entry.decimals
    return "#,##0"
