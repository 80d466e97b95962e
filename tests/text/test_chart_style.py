"""Every chart speaks the user's language: French separators (1 234,5) and units (4,2 %, 1 000 €)."""

from __future__ import annotations

import json
import re

import pytest

from influkit.campaign import results
from influkit.data import datasets
from influkit.identify import profiles
from influkit.operations import deliverables as actions
from influkit.plan.model import BudgetLine, Plan
from influkit.plan.storage import get_store
from influkit.text import chart_style as charts
from ui.navigation import all_pages

from ..helpers import LANGS, ROOT, run_page

NBSP, NNBSP = "\u00a0", "\u202f"
#: Pages that draw at least one chart.
CHART_PAGES = [
    spec.file
    for spec in all_pages()
    if "plotly_chart" in (ROOT / "pages" / f"{spec.file}.py").read_text(encoding="utf-8")
]
#: A d3 percent format ("%{y:.1%}", ".0%") writes 4,2% with no space: never in French.
GLUED_PERCENT = re.compile(r"^[,.~0-9]*%$|%\{[^}:]+:[^}]*%\}")


@pytest.mark.parametrize(
    "lang, expected",
    [("fr", f",{NNBSP}"), ("en", ".,"), ("de", f",{NNBSP}")],
)
def test_charts_use_the_languages_separators(lang, expected):
    """Plotly writes 1 234,5 for a French user and 1,234.5 for an English one."""
    assert charts.separators(lang) == expected


@pytest.mark.parametrize(
    "helper, lang, expected",
    [
        (lambda lang: charts.percent_axis_format(lang, 0)["ticksuffix"], "fr", f"{NBSP}%"),
        (lambda lang: charts.percent_axis_format(lang, 0)["ticksuffix"], "en", "%"),
        (lambda lang: charts.money_axis_format(lang)["ticksuffix"], "fr", f"{NBSP}€"),
        (lambda lang: charts.money_axis_format(lang)["tickprefix"], "en", "€"),
        (lambda lang: charts.hover_percent("y", lang, 1), "fr", f"%{{y:,.1f}}{NBSP}%"),
        (lambda lang: charts.hover_money("y", lang), "en", "€%{y:,.0f}"),
        (lambda lang: charts.kpi_axis_format("roas", lang)["tickprefix"], "fr", f"×{NBSP}"),
    ],
)
def test_chart_units_read_the_users_way(helper, lang, expected):
    """Ticks and hovers write 4,2 % and 1 000 € in French, 4.2% and €1,000 in English."""
    assert helper(lang) == expected


def test_a_percent_axis_plots_percentage_points():
    """A rate of 0.042 is drawn at 4.2 on an axis whose ticks add the % sign."""
    assert charts.percent_points([0.042, None]) == [pytest.approx(4.2), None]


def _rich_plan_token(lang: str) -> str:
    """A plan from the first case with a shortlist, deliverables, a retro-planning, a budget
    line and the case's sample results: every page has something to chart."""
    plan = Plan.from_case(datasets.cases()[0], lang)
    table = profiles.influencer_table(plan)
    pool = table.loc[table["niche"].isin(plan.brief.niches) & table["tier"].isin(["micro", "mid"])]
    for influencer_id in pool["influencer_id"].head(4):
        plan.add_to_shortlist(influencer_id)
        plan.deliverables = [
            *plan.deliverables,
            actions.suggested_deliverable(plan, influencer_id),
        ]
    actions.regenerate_tasks(plan, lang)
    plan.budget_lines = [
        BudgetLine(category="paid_amplification", label="Spark Ads", unit_cost_eur_ht=1500.0)
    ]
    plan.results = results.sample_results(plan.case_id)
    return get_store().create(plan)


def _formats(spec: dict) -> list[str]:
    """Every d3 format a figure uses: axis tick formats and trace templates."""
    found = []
    for name, axis in spec.get("layout", {}).items():
        if isinstance(axis, dict) and ("axis" in name or name == "polar"):
            found.append(str(axis.get("tickformat", "")))
    for trace in spec.get("data", []):
        found += [str(trace.get(k, "")) for k in ("hovertemplate", "texttemplate")]
    return found


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", CHART_PAGES)
def test_every_chart_of_a_page_speaks_the_users_language(page, lang):
    """Each chart a page draws uses the language's separators, and in French never glues
    the % to the number (4,2 %, not 4,2%) nor puts € without a space."""
    at = run_page(page, lang=lang, token=_rich_plan_token(lang))
    assert not at.exception, [e.value for e in at.exception]
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    for spec in specs:
        layout = spec["layout"]
        assert layout.get("separators") == charts.separators(lang), layout.get("title")
        if lang == "fr":
            glued = [f for f in _formats(spec) if GLUED_PERCENT.search(f)]
            assert not glued, (page, glued)
            suffixes = [
                axis.get("ticksuffix", "")
                for axis in layout.values()
                if isinstance(axis, dict) and "€" in str(axis.get("ticksuffix", ""))
            ]
            assert all(s == f"{NBSP}€" for s in suffixes), suffixes


def test_no_chart_code_uses_plotlys_glued_percent_format():
    """Plotly's own % format writes 4,2% in French: chart code plots percentage points and
    adds the language's suffix instead (charts.hover_percent, charts.percent_axis_format)."""
    pattern = re.compile(r"""%\{[^}:]+:[^}]*%\}|tickformat=["'][,.~0-9]*%["']""")
    sources = [*(ROOT / "pages").glob("*.py"), *(ROOT / "influkit").rglob("*.py")]
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert not offenders, offenders


@pytest.mark.parametrize("lang, template", [("fr", f"%{{x:,.0f}}{NBSP}€"), ("en", "€%{x:,.0f}")])
def test_the_class_distribution_of_amounts_reads_in_euros(lang, template):
    """The trainer's chart of the class's budgets writes 1 500 € (or €1,500) on each bar."""
    import pandas as pd

    from influkit.classroom.figures import distribution_figure

    frame = pd.DataFrame({"value": ["a", "b"], "count": [1500.0, 800.0]})
    fig = distribution_figure(frame, {"a": "A", "b": "B"}, lang, money=True)
    assert fig.data[0].texttemplate == template
    assert fig.layout.separators == charts.separators(lang)
