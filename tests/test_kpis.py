"""The KPI catalogue: one unit, one direction and one way of writing each KPI, everywhere."""

from __future__ import annotations

import math

import pytest

from influkit import kpis
from influkit.exports import deck, workbook
from influkit.kpis import KPIS, excel_format, fmt_kpi, kpi_label, lower_is_better
from influkit.text import i18n

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    "kpi, value, lang, expected",
    [
        ("reach", 12345.6, "fr", f"12{NNBSP}346"),
        ("reach", 12345.6, "en", "12,346"),
        ("conversions", 3.5, "fr", "4"),
        ("conversions", 2.5, "fr", "3"),
        ("conversions", 54.1, "fr", "54"),
        ("cpa", 23.771, "fr", f"23,77{NBSP}€"),
        ("cpa", 23.775, "fr", f"23,78{NBSP}€"),
        ("cpa", 23.771, "en", "€23.77"),
        ("revenue", 8919.1, "fr", f"8{NNBSP}919{NBSP}€"),
        ("revenue", 99.5, "fr", f"99,50{NBSP}€"),
        ("cpm", 100.4, "fr", f"100{NBSP}€"),
        ("roas", 4.2, "fr", f"×{NBSP}4,2"),
        ("roas", 2.04, "fr", f"×{NBSP}2,0"),
        ("roas", 4.25, "en", f"×{NBSP}4.3"),
        ("ctr", 0.0933, "fr", f"9,3{NBSP}%"),
        ("ctr", 0.01, "fr", f"1,0{NBSP}%"),
        ("ctr", 0.0165, "fr", f"1,7{NBSP}%"),
        ("ctr", 0.0165, "en", "1.7%"),
        ("roi", -0.25, "fr", f"-25,0{NBSP}%"),
        ("roas", math.nan, "en", "n/a"),
        ("cpa", math.inf, "fr", "n.d."),
        ("cpa", None, "fr", "n.d."),
        ("unknown_kpi", 3.4, "fr", "3"),
    ],
)
def test_a_kpi_reads_the_same_everywhere(kpi, value, lang, expected):
    """Counts whole, euros with cents under 100 €, rates to one decimal with a no-break space
    before % in French, ROAS as × 4,2."""
    assert fmt_kpi(kpi, value, lang) == expected


@pytest.mark.parametrize(
    "kpi, lower",
    [
        ("cpa", True),
        ("cpm", True),
        ("cpc", True),
        ("cpe", True),
        ("cpv", True),
        ("conversions", False),
        ("roas", False),
        ("revenue", False),
        ("ctr", False),
    ],
)
def test_cost_kpis_are_better_lower(kpi, lower):
    """A cost per result is better when lower; every volume, rate and return when higher."""
    assert lower_is_better(kpi) is lower


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("code", sorted(KPIS))
def test_every_kpi_has_a_name_and_a_formula_in_both_languages(code, lang):
    """Every KPI is named and explained in the trainee's language."""
    assert i18n.has(f"kpis.name.{code}", lang) and i18n.has(f"kpis.formula.{code}", lang)
    assert kpi_label(code, lang) != code or code in ("cpa", "cpm")
    assert KPIS[code].unit in kpis.UNITS and KPIS[code].formula


@pytest.mark.parametrize(
    "kpi, expected",
    [
        ("conversions", "#,##0"),
        ("cpa", '[<100]#,##0.00 "€";#,##0 "€"'),
        ("ctr", "0.0 %"),
        ("roas", '"×\u00a0"0.0'),
    ],
)
def test_the_workbook_writes_kpis_with_the_same_rule(kpi, expected):
    """The workbook's KPI sheet formats each KPI as the app writes it."""
    assert excel_format(kpi) == expected
    assert {code: fmt for code, _, _, fmt in workbook.KPI_ROWS}.get(kpi, expected) == expected


def test_the_old_formatters_are_gone():
    """Pages, workbook and deck share one formatter: the old per-module ones no longer exist."""
    from influkit.strategy import history
    from influkit.strategy import objectives as smart

    assert not hasattr(smart, "format_kpi_value") and not hasattr(smart, "KPI_UNITS")
    assert not hasattr(history, "format_kpi")
    assert not hasattr(deck, "MONEY_KPIS") and deck.fmt_kpi is fmt_kpi
