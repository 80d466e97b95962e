"""The client decks laid out as a designer would sign them off: the context in one or two
slides with nothing cut, pay and budget filling one slide, tables at 14 pt or more with room of
their own, chart legends in the order of the bars, and every target KPI named readably."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.util import Pt

from influkit.data import datasets
from influkit.exports import deck as deckmod
from influkit.exports.deck import proposal_deck, report_deck
from influkit.plan.model import KpiTarget
from influkit.text.i18n import t

from ..helpers import rich_plan

CASES = datasets.cases()
VARIANTS = [(i, lang) for i in range(len(CASES)) for lang in ("fr", "en")]


def _open(data: bytes):
    return Presentation(io.BytesIO(data))


def _title(slide) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def _slides(prs, key: str, lang: str) -> list:
    title = t(f"exports.deck.{key}", lang)
    shown = (title, t("exports.deck.continued", lang, title=title))
    return [slide for slide in prs.slides if _title(slide) in shown]


def _texts(slides) -> str:
    return " ".join(
        shape.text_frame.text for slide in slides for shape in slide.shapes if shape.has_text_frame
    )


@pytest.mark.parametrize(("case_index", "lang"), VARIANTS)
def test_the_context_takes_two_slides_at_most_and_keeps_every_sentence(case_index, lang):
    """However long the case's brief, the context and objective take one or two slides, and
    every sentence of the brief's context and constraints is on them, whole."""
    plan = rich_plan(CASES[case_index], lang)
    slides = _slides(_open(proposal_deck(plan, lang)), "context_title", lang)
    assert 1 <= len(slides) <= 2
    text = " ".join(_texts(slides).split())
    for sentence in deckmod.brief_paragraphs(plan):
        assert " ".join(sentence.split()) in text
    assert "…" not in text


@pytest.mark.parametrize(("case_index", "lang"), VARIANTS)
@pytest.mark.parametrize("build", [proposal_deck, report_deck])
def test_every_table_is_at_least_14_pt(case_index, lang, build):
    """Every table cell of both decks is written at 14 pt or more (shortlist, pay, KPIs,
    compliance, results, performers, costs)."""
    prs = _open(build(rich_plan(CASES[case_index], lang), lang))
    sizes = [
        run.font.size
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
        for paragraph in cell.text_frame.paragraphs
        for run in paragraph.runs
    ]
    assert sizes and min(sizes) >= Pt(14)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pay_and_budget_fill_one_slide(lang):
    """One slide holds the budget by category (a chart), the amounts HT and TTC by tier and by
    platform (two tables) and the totals; the former half-empty slide is gone."""
    plan = rich_plan(CASES[0], lang)
    prs = _open(proposal_deck(plan, lang))
    (slide,) = _slides(prs, "remuneration_title", lang)
    tables = [shape for shape in slide.shapes if shape.has_table]
    charts = [shape for shape in slide.shapes if shape.has_chart]
    assert len(tables) == 2 and len(charts) == 1
    headers = [[cell.text for cell in table.table.rows[0].cells] for table in tables]
    assert [h[0] for h in headers] == [
        t("exports.deck.by_tier", lang),
        t("exports.deck.by_platform", lang),
    ]
    assert all(t("exports.deck.amount_ttc", lang) in h for h in headers)
    summary = deckmod.plan_budget(plan)
    assert deckmod.budget_lines(summary, lang)[0] in _texts([slide])


def test_the_budget_is_summed_once_per_proposal(monkeypatch):
    """Building the proposal sums the plan's budget once, for every slide that shows it."""
    calls = []
    real = deckmod.budget_summary
    monkeypatch.setattr(deckmod, "budget_summary", lambda *a, **k: calls.append(1) or real(*a, **k))
    proposal_deck(rich_plan(CASES[1], "fr"), "fr")
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("build", "key"), [(proposal_deck, "kpi_plan_title"), (report_deck, "results_title")]
)
def test_chart_legends_read_in_the_order_of_the_bars(build, key):
    """On the horizontal bar charts of targets, the legend lists the series left to right in
    the order their bars are drawn top-down in each group (the target first)."""
    lang = "fr"
    prs = _open(build(rich_plan(CASES[0], lang), lang))
    (slide,) = _slides(prs, key, lang)
    (chart,) = [shape.chart for shape in slide.shapes if shape.has_chart]
    names = [series.name for series in chart.plots[0].series]
    assert names[0] == t("exports.dashboard.series_target", lang) and len(names) == 2
    assert not chart.has_legend
    assert chart.category_axis.reverse_order  # first category and first series on top
    boxes = {shape.text_frame.text: shape.left for shape in slide.shapes if shape.has_text_frame}
    assert boxes[names[0]] < boxes[names[1]]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_kpi_of_the_users_own_is_shown_with_a_readable_name(lang):
    """A target on a KPI the catalogue does not know (``ugc_posts``) stays in both decks, named
    « Ugc posts (KPI libre) » rather than dropped or shown as a code."""
    plan = rich_plan(CASES[2], lang)
    plan.kpi_targets = [*plan.kpi_targets, KpiTarget(kpi="ugc_posts", target=12)]
    name = t("exports.deck.custom_kpi", lang, name="Ugc posts")
    for build, key in ((proposal_deck, "kpi_plan_title"), (report_deck, "results_title")):
        (slide,) = _slides(_open(build(plan, lang)), key, lang)
        cells = [
            cell.text
            for shape in slide.shapes
            if shape.has_table
            for row in shape.table.rows
            for cell in row.cells
        ]
        assert name in cells and "ugc_posts" not in cells


def test_performer_tables_each_have_their_own_room():
    """The most and the least profitable influencers are two tables one above the other, each
    as wide as the other, beside the chart of every influencer's ROAS."""
    prs = _open(report_deck(rich_plan(CASES[0], "fr"), "fr"))
    (slide,) = _slides(prs, "performers_title", "fr")
    tables = [shape for shape in slide.shapes if shape.has_table]
    (chart,) = [shape for shape in slide.shapes if shape.has_chart]
    assert len(tables) == 2
    top, bottom = sorted(tables, key=lambda s: s.top)
    assert top.left == bottom.left and abs(top.width - bottom.width) < Pt(1)
    assert top.top + top.height <= bottom.top
    assert chart.left >= top.left + top.width


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_phase_of_the_timeline_is_named(lang):
    """Each bar of the retro-planning slide has its phase's name beside it, even the longest
    ("Repérage et vérification des influenceurs"): no label is left out for lack of room."""
    from influkit.exports.deck import phase_bars

    plan = rich_plan(datasets.cases()[0], lang)
    bars, _ = phase_bars(plan, lang)
    deck = Presentation(io.BytesIO(proposal_deck(plan, lang)))
    title = t("exports.deck.timeline_title", lang)
    (slide,) = [
        s for s in deck.slides if s.shapes.title is not None and s.shapes.title.text == title
    ]
    shown = {shape.text_frame.text for shape in slide.shapes if shape.has_text_frame}
    assert len(bars) >= 8
    assert [bar["label"] for bar in bars if bar["label"] not in shown] == []
