"""The client deck: slides in the user's language, native charts holding the plan's figures,
a timeline drawn as shapes, readable type and no empty placeholder."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.util import Inches, Pt

from influkit.campaign.budget.optimiser import budget_summary
from influkit.campaign.results import source_note
from influkit.data import datasets
from influkit.exports import deck as deckmod
from influkit.exports import workbook as wbmod
from influkit.exports.deck import proposal_deck, report_deck, slide_titles
from influkit.plan.model import BudgetLine, Objective, Plan
from influkit.strategy import objectives
from influkit.text.formats import fmt_date_long, fmt_money
from influkit.text.i18n import t

from ..helpers import rich_plan

CASES = datasets.cases()


def _open(plan: Plan, lang: str, kind: str = "proposal"):
    build = proposal_deck if kind == "proposal" else report_deck
    return Presentation(io.BytesIO(build(plan, lang)))


def _title(slide) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def _slide(prs, title: str):
    return next(slide for slide in prs.slides if _title(slide) == title)


def _charts(prs) -> list:
    return [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]


def _text(prs) -> str:
    return " ".join(
        shape.text_frame.text
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("case_index", range(len(CASES)))
def test_proposal_and_report_follow_the_plan(case_index, lang):
    """The proposal opens on the brand's name and today's date and runs from the context to the
    next steps, with no results slide; the report opens on the brand and shows the results."""
    plan = rich_plan(CASES[case_index], lang)
    prs = _open(plan, lang)
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    titles = slide_titles(plan, lang)
    assert titles[0] == plan.brief.brand
    cover = " ".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
    assert fmt_date_long(dt.date.today(), lang) in cover
    for key in ("context_title", "recommendation_title", "shortlist_title", "remuneration_title",
                "timeline_title", "kpi_plan_title", "compliance_title", "next_title"):  # fmt: skip
        assert t(f"exports.deck.{key}", lang) in titles, key
    assert t("exports.deck.results_title", lang) not in titles
    report = slide_titles(plan, lang, "report")
    assert report[0] == plan.brief.brand
    for key in ("results_title", "funnel_title", "performers_title", "costs_title",
                "learnings_title"):  # fmt: skip
        assert t(f"exports.deck.{key}", lang) in report, key


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_new_plan_still_gives_clean_decks(lang):
    """A plan just started from a case says what is missing; its report says there are no
    results yet and how to get them."""
    plan = Plan.from_case(CASES[0], lang)
    text = _text(_open(plan, lang))
    for key in ("shortlist_empty", "timeline_empty", "budget_empty"):
        assert t(f"exports.deck.{key}", lang) in text
    assert t("exports.deck.report_no_results", lang) in _text(_open(plan, lang, "report"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_budget_chart_holds_the_totals_by_category(lang):
    """The budget chart is a native chart whose bars are the plan's totals HT by category."""
    plan = rich_plan(CASES[1], lang)
    summary = budget_summary(wbmod.budget_lines_frame(plan), plan.brief.budget_eur_ht)
    expected = summary.by_category[summary.by_category["total_eur_ht"] > 0]
    chart = _charts(_open(plan, lang))[0]
    plot = chart.plots[0]
    assert list(plot.categories) == [t(f"budget.category.{c}", lang) for c in expected["category"]]
    assert list(plot.series[0].values) == pytest.approx(list(expected["total_eur_ht"]))


def test_proposal_kpi_chart_holds_targets_and_the_forecast():
    """The proposal's KPI chart sets each volume target beside what the forecast expects."""
    plan = rich_plan(CASES[0], "fr")
    prs = _open(plan, "fr")
    slide = _slide(prs, t("exports.deck.kpi_plan_title", "fr"))
    (chart,) = [s.chart for s in slide.shapes if s.has_chart]
    plot = chart.plots[0]
    assert [s.name for s in plot.series] == ["Objectif", "Attendu (prévision)"]
    expected = deckmod.expected_kpis(plan)
    assert list(plot.categories) == ["Impressions", "Portée", "Engagements", "Clics"]
    codes = ("impressions", "reach", "engagements", "clicks")
    assert list(plot.series[1].values) == pytest.approx([expected[c] for c in codes])


def test_report_kpi_chart_holds_targets_and_actuals():
    """The report's KPI chart sets each volume target beside the total the results reach."""
    plan = rich_plan(CASES[0], "fr")
    chart = _charts(_open(plan, "fr", "report"))[0]
    plot = chart.plots[0]
    assert [s.name for s in plot.series] == ["Objectif", "Réel"]
    targets = {k.kpi: k.target for k in plan.kpi_targets}
    codes = [c for c in ("impressions", "reach", "views", "engagements", "clicks") if c in targets]
    assert list(plot.series[0].values) == [targets[c] for c in codes]
    sums = [sum(getattr(r, f) for r in plan.results) for f in codes]
    assert list(plot.series[1].values) == pytest.approx(sums)


@pytest.mark.parametrize("kind", ["proposal", "report"])
def test_no_empty_placeholder_and_type_readable(kind):
    """Every placeholder holds text; titles are 34 pt, body text at least 14 pt and tables at
    least 12 pt (a long text or a wide table shrinks that far before flowing on)."""
    prs = _open(rich_plan(CASES[2], "en"), "en", kind)
    for slide in prs.slides:
        for shape in slide.placeholders:
            assert shape.text_frame.text.strip(), (_title(slide), shape.name)
        for shape in slide.shapes:
            frames = []
            floor = Pt(14)
            if shape.has_text_frame:
                frames.append(shape.text_frame)
            if shape.has_table:
                floor = Pt(12)
                frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
            for frame in frames:
                for paragraph in frame.paragraphs:
                    for run in paragraph.runs:
                        assert run.font.size is not None and run.font.size >= floor, run.text


def test_timeline_is_drawn_with_shapes():
    """The retro-planning slide draws one rectangle per phase and a diamond per milestone."""
    plan = rich_plan(CASES[0], "fr")
    bars, milestones = deckmod.phase_bars(plan, "fr")
    slide = _slide(_open(plan, "fr"), t("exports.deck.timeline_title", "fr"))
    shapes = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    rectangles = [s for s in shapes if s.auto_shape_type == MSO_SHAPE.RECTANGLE]
    diamonds = [s for s in shapes if s.auto_shape_type == MSO_SHAPE.DIAMOND]
    # The title rule and two legend swatches are rectangles too; one legend swatch is a diamond.
    assert len(rectangles) == len(bars) + 3
    assert len(diamonds) == len(milestones) + 1
    assert [m["label"] for m in milestones] == [t("retroplan.phase.launch", "fr")]
    assert len(bars) == 10
    starts = [bar["start"] for bar in bars]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    "objective, lang, expected",
    [
        (
            Objective(
                business_aim="conversion",
                kpi="conversions",
                target=500,
                platform="instagram",
                audience="micro-influenceuses beauté",
                offer="10 codes promo",
                start=dt.date(2026, 11, 1),
                end=dt.date(2026, 11, 30),
            ),
            "fr",
            "Générer 500 conversions sur Instagram pour 10 codes promo auprès de "
            "micro-influenceuses beauté du 1er au 30 novembre 2026.",
        ),
        (
            Objective(
                business_aim="awareness",
                kpi="cpm",
                target=8.5,
                baseline=12,
                end=dt.date(2027, 3, 31),
            ),
            "en",
            "Keep the CPM at most €8.50 until 31 March 2027 (baseline: €12.00).",
        ),
        (
            Objective(business_aim="traffic"),
            "fr",
            "Objectif « Trafic » sans KPI.",
        ),
    ],
)
def test_objectives_read_as_sentences(objective, lang, expected):
    """Each SMART objective reads as one sentence with its KPI, target, scope and dates."""
    assert objectives.sentence(objective, lang) == expected


def test_compliance_says_when_a_written_contract_is_required():
    """From 1 000 € HT of pay and gifts for one influencer, the deck says a contract is due."""
    plan = Plan.from_case(CASES[0], "fr")
    plan.budget_lines = [
        BudgetLine(
            category="influencer_fee", influencer_id="INF0002", quantity=2, unit_cost_eur_ht=450
        ),
        BudgetLine(category="gifting", influencer_id="INF0002", quantity=1, unit_cost_eur_ht=100),
        BudgetLine(category="shipping", influencer_id="INF0003", quantity=1, unit_cost_eur_ht=990),
    ]
    rows = {r["influencer_id"]: r for r in deckmod.contract_rows(plan)}
    assert rows["INF0002"]["value"] == 1000 and rows["INF0002"]["required"]
    assert rows["INF0003"]["value"] == 0 and not rows["INF0003"]["required"]
    prs = _open(plan, "fr")
    slide = _slide(prs, t("exports.deck.compliance_title", "fr"))
    table = next(s.table for s in slide.shapes if s.has_table)
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[1][1:] == [fmt_money(1000, "fr", 0), "Obligatoire"]
    assert cells[2][2] == "Non obligatoire"
    clauses = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert t("compliance.clause.french_law", "fr") in clauses


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(("source", "seed"), [("simulation", 3), ("case_sample", None)])
def test_the_results_slide_says_where_the_results_come_from(source, seed, lang):
    """Simulated results or the case's sample are never shown to a client as the real thing:
    the results slide names their source."""
    plan = rich_plan(CASES[0], lang)
    plan.results_source, plan.results_seed = source, seed
    prs = _open(plan, lang, "report")
    (slide,) = [s for s in prs.slides if _title(s) == t("exports.deck.results_title", lang)]
    texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    assert source_note(plan, lang) in texts
    if seed is not None:
        assert "3" in source_note(plan, lang)
