"""The client deck: a 16:9 PowerPoint presentation of the plan, in the user's language.

Owns the slides (title, brief, objectives, shortlist, retro-planning timeline drawn as shapes,
budget and KPI charts as native, editable PowerPoint charts, results against targets, the
compliance checklist) and their look: large type for a projector, French number formats.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from influkit import compliance, profiles, retroplan
from influkit.budget import budget_summary
from influkit.exports import workbook as wb
from influkit.formatting import fmt_date, fmt_date_long, fmt_money, fmt_number, fmt_percent
from influkit.i18n import normalize_language, t
from influkit.kpis import fmt_kpi, kpi_label
from influkit.plan import Objective, Plan
from influkit.results import source_note

SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
MARGIN = Inches(0.6)
BODY_TOP = Inches(1.45)
TITLE_PT = 34
BODY_PT = 20
SMALL_PT = 18  # the smallest type on any slide: readable from the back of a room
MAX_SHORTLIST_ROWS = 8
MAX_OBJECTIVES = 6
MAX_CONTRACT_ROWS = 7

ACCENT = RGBColor(0x88, 0x0E, 0x4F)
TEXT = RGBColor(0x26, 0x26, 0x26)
MUTED = RGBColor(0x75, 0x75, 0x75)
TASK = RGBColor(0x5B, 0x9B, 0xD5)
CRITICAL = RGBColor(0xC6, 0x28, 0x28)
MILESTONE = RGBColor(0xF9, 0xA8, 0x25)
GRID = RGBColor(0xD9, 0xD9, 0xD9)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)

#: Slide codes in deck order; the results slide only appears when the plan has results.
SLIDES: tuple[str, ...] = (
    "title",
    "brief",
    "objectives",
    "shortlist",
    "timeline",
    "budget",
    "kpi",
    "results",
    "compliance",
    "reminders",
)
REQUIRED_KEYS = {
    True: "exports.deck.compliance_required_yes",
    False: "exports.deck.compliance_required_no",
}


# --- figures --------------------------------------------------------------------------------


def kpi_actuals(plan: Plan) -> dict[str, float]:
    """The campaign's KPIs from its results, as the workbook's KPI sheet computes them."""
    return wb.kpi_actuals(plan)


def objective_sentence(objective: Objective, lang: str = "fr") -> str:
    """A SMART objective as one sentence: aim, KPI and target, scope and dates.

    Built here from the catalogue's pieces (a shared sentence builder may replace it later).
    """
    lang = normalize_language(lang)
    kpi = (
        kpi_label(objective.kpi, lang) if objective.kpi else t("exports.deck.sentence.no_kpi", lang)
    )
    target = (
        fmt_kpi(objective.kpi, objective.target, lang)
        if objective.target is not None
        else t("exports.deck.sentence.no_target", lang)
    )
    text = t(
        "exports.deck.sentence.base",
        lang,
        aim=t(f"aim.{objective.business_aim}", lang),
        kpi=kpi,
        target=target,
    )
    if objective.baseline is not None:
        text += t(
            "exports.deck.sentence.baseline",
            lang,
            baseline=fmt_kpi(objective.kpi, objective.baseline, lang),
        )
    if objective.audience.strip():
        text += t("exports.deck.sentence.audience", lang, audience=objective.audience.strip())
    if objective.platform.strip():
        text += t(
            "exports.deck.sentence.platform",
            lang,
            platform=wb.list_label("platform", objective.platform.strip(), lang),
        )
    if objective.offer.strip():
        text += t("exports.deck.sentence.offer", lang, offer=objective.offer.strip())
    if objective.start and objective.end:
        text += t(
            "exports.deck.sentence.dates",
            lang,
            start=fmt_date(objective.start, lang),
            end=fmt_date(objective.end, lang),
        )
    elif objective.end:
        text += t("exports.deck.sentence.until", lang, end=fmt_date(objective.end, lang))
    return text + "."


def phase_bars(plan: Plan, lang: str = "fr") -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The timeline's bars (one per phase: label, start, end, critical) and milestones."""
    scheduled = wb._schedule(plan)
    if scheduled is None or scheduled.empty:
        return [], []
    frame = scheduled.copy()
    frame["group"] = [p or n for p, n in zip(frame["phase"], frame["name"], strict=True)]
    tasks = frame[~frame["milestone"].astype(bool)]
    bars = []
    for group, rows in tasks.groupby("group", sort=False):
        label = t(f"retroplan.phase.{group}", lang) if group in retroplan.PHASES else str(group)
        bars.append(
            {
                "label": label,
                "start": min(rows["start"]),
                "end": max(rows["end"]),
                "critical": bool(rows["critical"].any()),
            }
        )
    bars.sort(key=lambda bar: (bar["start"], bar["end"]))
    milestones = [
        {
            "label": (
                t(f"retroplan.phase.{row.phase}", lang)
                if row.phase in retroplan.PHASES
                else row.name
            ),
            "date": row.start,
        }
        for row in frame[frame["milestone"].astype(bool)].itertuples()
    ]
    return bars, milestones


def budget_by_category(plan: Plan, lang: str = "fr") -> tuple[list[str], list[float]]:
    """The budget chart's categories (labels) and totals HT, categories with money only."""
    summary = budget_summary(wb.budget_lines_frame(plan), plan.brief.budget_eur_ht)
    shown = summary.by_category[summary.by_category["total_eur_ht"] > 0]
    labels = [wb.list_label("category", code, lang) for code in shown["category"]]
    return labels, [float(v) for v in shown["total_eur_ht"]]


def kpi_chart_data(
    plan: Plan, lang: str = "fr"
) -> tuple[list[str], list[float | None], list[float | None]]:
    """The KPI chart's categories (volume KPIs with a target or a result), targets, actuals."""
    targets = wb.kpi_targets(plan)
    actuals = kpi_actuals(plan) if plan.results else {}
    codes = [c for c in wb.CHART_KPIS if c in targets or actuals.get(c)]
    return (
        [kpi_label(c, lang) for c in codes],
        [targets.get(c) for c in codes],
        [actuals.get(c) if plan.results else None for c in codes],
    )


def contract_rows(plan: Plan) -> list[dict[str, Any]]:
    """Per influencer with budget lines: the amount that counts for art. 8 and whether a
    written contract is required."""
    frame = wb.budget_lines_frame(plan)
    if frame.empty:
        return []
    frame = frame[frame["influencer_id"].notna() & (frame["influencer_id"].astype(str) != "")]
    handles = _handles(plan)
    rows = []
    for influencer, lines in frame.groupby("influencer_id", sort=False):
        value = compliance.contract_value_for_influencer(lines)
        rows.append(
            {
                "influencer_id": influencer,
                "name": handles.get(influencer, influencer),
                "value": value,
                "required": bool(compliance.contract_required(value)),
            }
        )
    return rows


def _handles(plan: Plan) -> dict[str, str]:
    table = profiles.influencer_table(plan)
    return dict(
        zip(table["influencer_id"], table["handle"].fillna(table["influencer_id"]), strict=True)
    )


# --- drawing helpers ------------------------------------------------------------------------


class _Deck:
    """Adds slides with the house look: a title bar, large body type, accent colour."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.prs = Presentation()
        self.prs.slide_width = SLIDE_WIDTH
        self.prs.slide_height = SLIDE_HEIGHT

    def slide(self, title: str):
        """A slide with its title placed and styled."""
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])
        shape = slide.shapes.title
        shape.left, shape.top = MARGIN, Inches(0.35)
        shape.width, shape.height = SLIDE_WIDTH - 2 * MARGIN, Inches(0.95)
        frame = shape.text_frame
        frame.text = title
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.LEFT
        self.font(paragraph.runs[0], TITLE_PT, ACCENT, bold=True)
        line = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, MARGIN, Inches(1.28), SLIDE_WIDTH - 2 * MARGIN, Inches(0.05)
        )
        self.solid(line, ACCENT)
        return slide

    @staticmethod
    def font(run, size: int, colour: RGBColor = TEXT, bold: bool = False) -> None:
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour
        run.font.name = "Calibri"

    @staticmethod
    def solid(shape, colour: RGBColor) -> None:
        shape.fill.solid()
        shape.fill.fore_color.rgb = colour
        shape.line.fill.background()
        shape.shadow.inherit = False

    def note(self, slide, text: str) -> None:
        """A single line under the title, for a part of the plan that is still empty."""
        self.text(slide, MARGIN, BODY_TOP + Inches(0.3), Inches(12), Inches(1), [text])

    def text(
        self,
        slide,
        left,
        top,
        width,
        height,
        paragraphs,
        size: int = BODY_PT,
        bullets: bool = False,
    ):
        """A text box; each paragraph is a string or a ``(label, value)`` pair."""
        box = slide.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        for i, item in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.space_after = Pt(8)
            if isinstance(item, tuple):
                label, value = item
                self.font(paragraph.add_run(), size, ACCENT, bold=True)
                paragraph.runs[-1].text = f"{label} : " if self.lang == "fr" else f"{label}: "
                self.font(paragraph.add_run(), size)
                paragraph.runs[-1].text = value
            else:
                run = paragraph.add_run()
                run.text = ("• " if bullets else "") + item
                self.font(run, size)
        return box

    def table(
        self,
        slide,
        top,
        header: list[str],
        rows: list[list[str]],
        widths: list[float],
        align_right: set[int] = frozenset(),
    ):
        """A table with a coloured header row, every cell at least 18 pt."""
        height = Inches(0.5) * (len(rows) + 1)
        shape = slide.shapes.add_table(
            len(rows) + 1, len(header), MARGIN, top, Inches(sum(widths)), height
        )
        table = shape.table
        for j, width in enumerate(widths):
            table.columns[j].width = Inches(width)
        for i, values in enumerate([header, *rows]):
            for j, value in enumerate(values):
                cell = table.cell(i, j)
                cell.text = str(value)
                cell.margin_left = cell.margin_right = Inches(0.08)
                paragraph = cell.text_frame.paragraphs[0]
                paragraph.alignment = PP_ALIGN.RIGHT if j in align_right and i else PP_ALIGN.LEFT
                self.font(paragraph.runs[0], SMALL_PT, WHITE if i == 0 else TEXT, bold=i == 0)
                if i == 0:
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = ACCENT
        return shape

    def chart(
        self,
        slide,
        kind,
        categories: list[str],
        series: list[tuple[str, list]],
        left,
        top,
        width,
        height,
        number_format: str,
        legend: bool,
    ):
        """A native chart (editable in PowerPoint) with large type and data labels."""
        data = CategoryChartData(number_format=number_format)
        data.categories = categories
        for name, values in series:
            data.add_series(name, values)
        frame = slide.shapes.add_chart(kind, left, top, width, height, data)
        chart = frame.chart
        chart.font.size = Pt(SMALL_PT)
        chart.font.color.rgb = TEXT
        chart.has_legend = legend
        if legend:
            chart.legend.position = XL_LEGEND_POSITION.TOP
            chart.legend.include_in_layout = False
        plot = chart.plots[0]
        plot.gap_width = 60
        plot.overlap = -10 if len(series) > 1 else 0
        plot.has_data_labels = True
        plot.data_labels.number_format = number_format
        plot.data_labels.number_format_is_linked = False
        plot.data_labels.font.size = Pt(SMALL_PT)
        chart.value_axis.tick_labels.number_format = number_format
        chart.value_axis.tick_labels.number_format_is_linked = False
        chart.value_axis.has_major_gridlines = True
        chart.value_axis.major_gridlines.format.line.color.rgb = GRID
        colours = (ACCENT, TASK)
        for i, item in enumerate(plot.series):
            item.format.fill.solid()
            item.format.fill.fore_color.rgb = colours[i % len(colours)]
        return chart

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return buffer.getvalue()


# --- the slides -----------------------------------------------------------------------------


def _title_slide(deck: _Deck, plan: Plan) -> None:
    lang = deck.lang
    slide = deck.prs.slides.add_slide(deck.prs.slide_layouts[0])
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, SLIDE_WIDTH, Inches(0.35))
    deck.solid(band, ACCENT)
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    title.left, title.top, title.width, title.height = (
        MARGIN,
        Inches(1.9),
        SLIDE_WIDTH - 2 * MARGIN,
        Inches(1.9),
    )
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = (
        MARGIN,
        Inches(4.1),
        SLIDE_WIDTH - 2 * MARGIN,
        Inches(2.2),
    )
    brief = plan.brief
    title.text_frame.text = plan.title or brief.brand or t("exports.deck.subtitle", lang)
    title.text_frame.word_wrap = True
    for paragraph in title.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            deck.font(run, 40, ACCENT, bold=True)
    lines = [t("exports.deck.subtitle", lang)]
    who = " — ".join(part for part in (brief.brand, brief.product) if part)
    if who:
        lines.append(who)
    today = fmt_date_long(dt.date.today(), lang)
    if brief.launch_date:
        lines.append(
            t(
                "exports.deck.date_line",
                lang,
                date=fmt_date_long(brief.launch_date, lang),
                today=today,
            )
        )
    frame = subtitle.text_frame
    frame.text = lines[0]
    for line in lines[1:]:
        frame.add_paragraph().text = line
    for i, paragraph in enumerate(frame.paragraphs):
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            deck.font(run, 26 if i == 0 else 22, TEXT if i else MUTED, bold=i == 1)


def _brief_slide(deck: _Deck, plan: Plan) -> None:
    lang = deck.lang
    brief = plan.brief
    slide = deck.slide(t("exports.deck.brief_title", lang))
    audience = brief.target_audience
    target = audience.description or ", ".join(t(f"age.{b}", lang) for b in audience.age_bands)
    facts = [
        (t("exports.deck.brief_brand", lang), brief.brand or "—"),
        (t("exports.deck.brief_product", lang), brief.product or "—"),
        (t("exports.deck.brief_aim", lang), t(f"aim.{brief.business_aim}", lang)),
        (t("exports.deck.brief_budget", lang), fmt_money(brief.budget_eur_ht, lang, 0)),
        (t("exports.deck.brief_launch", lang), fmt_date(brief.launch_date, lang)),
        (t("exports.deck.brief_target", lang), _clip(target, 140) or "—"),
    ]
    deck.text(slide, MARGIN, BODY_TOP + Inches(0.1), Inches(5.6), Inches(5.5), facts)
    context = _clip(brief.context or brief.constraints, 520)
    if context:
        box = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, Inches(6.6), BODY_TOP + Inches(0.1), Inches(6.1), Inches(5.6)
        )
        deck.solid(box, RGBColor(0xF7, 0xEE, 0xF2))
        deck.text(
            slide,
            Inches(6.8),
            BODY_TOP + Inches(0.25),
            Inches(5.7),
            Inches(5.3),
            [context],
            size=SMALL_PT,
        )


def _clip(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def _objectives_slide(deck: _Deck, plan: Plan) -> None:
    lang = deck.lang
    slide = deck.slide(t("exports.deck.objectives_title", lang))
    if not plan.objectives:
        deck.note(slide, t("exports.deck.objectives_empty", lang))
        return
    sentences = [objective_sentence(o, lang) for o in plan.objectives[:MAX_OBJECTIVES]]
    deck.text(
        slide,
        MARGIN,
        BODY_TOP + Inches(0.2),
        SLIDE_WIDTH - 2 * MARGIN,
        Inches(5.6),
        sentences,
        size=BODY_PT if len(sentences) <= 4 else SMALL_PT,
        bullets=True,
    )


def _shortlist_slide(deck: _Deck, plan: Plan) -> None:
    lang = deck.lang
    slide = deck.slide(t("exports.deck.shortlist_title", lang))
    table = profiles.shortlist_table(plan)
    if table.empty:
        deck.note(slide, t("exports.deck.shortlist_empty", lang))
        return
    header = [
        t(f"exports.col.{k}", lang)
        for k in ("handle", "platform", "tier", "followers", "er", "price_per_post", "role")
    ]
    rows = []
    for row in table.head(MAX_SHORTLIST_ROWS).itertuples():
        rows.append(
            [
                _clip(str(row.handle or row.influencer_id), 24),
                wb.list_label("platform", row.platform, lang),
                wb.list_label("tier", row.tier, lang) if isinstance(row.tier, str) else "—",
                fmt_number(row.followers, lang),
                fmt_percent(row.er, lang, 1),
                fmt_money(row.price_per_post_eur, lang, 0),
                wb.list_label("role", row.role, lang),
            ]
        )
    deck.table(
        slide,
        BODY_TOP + Inches(0.2),
        header,
        rows,
        [2.3, 1.55, 1.4, 1.75, 1.6, 1.6, 1.9],
        align_right={3, 4, 5},
    )
    if len(table) > MAX_SHORTLIST_ROWS:
        deck.text(
            slide,
            MARGIN,
            Inches(6.7),
            Inches(12),
            Inches(0.6),
            [t("exports.deck.shortlist_more", lang, count=len(table) - MAX_SHORTLIST_ROWS)],
            size=SMALL_PT,
        )


def _month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    months, day = [], dt.date(first.year, first.month, 1)
    while day <= last:
        if day >= first:
            months.append(day)
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return months


def _timeline_slide(deck: _Deck, plan: Plan) -> None:
    lang = deck.lang
    slide = deck.slide(t("exports.deck.timeline_title", lang))
    bars, milestones = phase_bars(plan, lang)
    if not bars:
        deck.note(slide, t("exports.deck.timeline_empty", lang))
        return
    first = min(b["start"] for b in bars)
    last = max(b["end"] for b in bars)
    span = max((last - first).days + 1, 1)
    label_width = Inches(3.9)
    left = MARGIN + label_width
    width = SLIDE_WIDTH - MARGIN - left
    top = BODY_TOP + Inches(0.75)
    row_height = min(Inches(0.5), int((Inches(6.55) - top) / (len(bars) + 1)))

    def x(day: dt.date) -> int:
        return int(left + width * ((day - first).days / span))

    months = _month_starts(first, last)
    step = 1 if len(months) <= 6 else 2
    for k, month in enumerate(months):
        tick = slide.shapes.add_connector(
            1, x(month), top - Inches(0.1), x(month), top + row_height * (len(bars) + 1)
        )
        tick.line.color.rgb = GRID
        if k % step == 0:
            box = deck.text(
                slide,
                x(month),
                BODY_TOP + Inches(0.05),
                Inches(1.8),
                Inches(0.5),
                [_month_label(month, lang)],
                size=SMALL_PT,
            )
            box.text_frame.paragraphs[0].runs[0].font.color.rgb = MUTED
    for i, bar in enumerate(bars):
        y = top + row_height * i
        label = deck.text(
            slide,
            MARGIN,
            y - Inches(0.06),
            label_width - Inches(0.1),
            row_height,
            [_clip(bar["label"], 30)],
            size=SMALL_PT,
        )
        label.text_frame.word_wrap = False
        start, end = x(bar["start"]), x(bar["end"] + dt.timedelta(days=1))
        rect = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE,
            start,
            y + Inches(0.06),
            max(end - start, Inches(0.08)),
            row_height - Inches(0.12),
        )
        deck.solid(rect, CRITICAL if bar["critical"] else TASK)
    y = top + row_height * len(bars)
    for milestone in milestones:
        size = Inches(0.34)
        diamond = slide.shapes.add_shape(
            MSO_SHAPE.DIAMOND,
            x(milestone["date"]) - size // 2,
            y + (row_height - size) // 2,
            size,
            size,
        )
        deck.solid(diamond, MILESTONE)
        deck.text(
            slide,
            x(milestone["date"]) + size // 2,
            y - Inches(0.04),
            Inches(3.5),
            row_height,
            [f"{milestone['label']} · {fmt_date(milestone['date'], lang)}"],
            size=SMALL_PT,
        )
    legend_y = Inches(6.8)
    for k, (colour, key) in enumerate(
        (
            (TASK, "exports.legend.gantt_task"),
            (CRITICAL, "exports.deck.timeline_critical"),
            (MILESTONE, "exports.deck.timeline_milestone"),
        )
    ):
        swatch = slide.shapes.add_shape(
            MSO_SHAPE.DIAMOND if colour == MILESTONE else MSO_SHAPE.RECTANGLE,
            MARGIN + Inches(3.2) * k,
            legend_y + Inches(0.08),
            Inches(0.3),
            Inches(0.3),
        )
        deck.solid(swatch, colour)
        deck.text(
            slide,
            MARGIN + Inches(3.2) * k + Inches(0.4),
            legend_y - Inches(0.02),
            Inches(2.8),
            Inches(0.5),
            [t(key, lang)],
            size=SMALL_PT,
        )


def _month_label(day: dt.date, lang: str) -> str:
    from babel.dates import format_date

    from influkit.formatting import locale_of

    return format_date(day, "MMM yyyy", locale=locale_of(lang))


def forecast_lines(plan: Plan, lang: str = "fr") -> list[str]:
    """The plan's forecast in two sentences: expected sales (range), revenue and planned cost —
    the figures every page of the app shows (:mod:`influkit.forecast`)."""
    from influkit import forecast

    result = forecast.forecast(plan)
    if result.rows.empty:
        return []
    low, sales, high = result.totals["conversions"]
    return [
        t(
            "exports.deck.forecast_sales",
            lang,
            sales=fmt_kpi("conversions", sales, lang),
            low=fmt_kpi("conversions", low, lang),
            high=fmt_kpi("conversions", high, lang),
            influencers=fmt_number(result.rows["influencer_id"].nunique(), lang),
        ),
        t(
            "exports.deck.forecast_cost",
            lang,
            cost=fmt_kpi("cost", result.total("cost"), lang),
            revenue=fmt_kpi("revenue", result.total("revenue"), lang),
        ),
    ]


def _budget_slide(deck: _Deck, plan: Plan) -> None:
    lang = deck.lang
    slide = deck.slide(t("exports.deck.budget_title", lang))
    labels, totals = budget_by_category(plan, lang)
    expected = forecast_lines(plan, lang)
    if not labels:
        deck.note(slide, t("exports.deck.budget_empty", lang))
        if expected:
            deck.text(
                slide, MARGIN, BODY_TOP + Inches(1.6), Inches(11), Inches(2), expected, size=BODY_PT
            )
        return
    summary = budget_summary(wb.budget_lines_frame(plan), plan.brief.budget_eur_ht)
    chart = deck.chart(
        slide,
        XL_CHART_TYPE.BAR_CLUSTERED,
        labels,
        [(t("exports.deck.budget_chart", lang), totals)],
        MARGIN,
        BODY_TOP + Inches(0.1),
        Inches(8.2),
        Inches(5.8),
        wb.FMT_MONEY_0,
        legend=False,
    )
    chart.has_title = True
    chart.chart_title.text_frame.text = t("exports.deck.budget_chart", lang)
    deck.font(chart.chart_title.text_frame.paragraphs[0].runs[0], BODY_PT, TEXT, bold=True)
    chart.category_axis.reverse_order = True
    lines = [
        t(
            "exports.deck.budget_totals",
            lang,
            ht=fmt_money(summary.total_ht, lang, 0),
            vat=fmt_money(summary.vat, lang, 0),
            ttc=fmt_money(summary.total_ttc, lang, 0),
        ),
    ]
    if summary.over_budget:
        lines.append(
            t("exports.deck.budget_over", lang, overrun=fmt_money(-summary.remaining, lang, 0))
        )
    else:
        lines.append(
            t(
                "exports.deck.budget_remaining",
                lang,
                remaining=fmt_money(summary.remaining, lang, 0),
                envelope=fmt_money(summary.envelope, lang, 0),
            )
        )
    lines.extend(expected)
    deck.text(
        slide, Inches(9.1), BODY_TOP + Inches(0.4), Inches(3.7), Inches(5), lines, size=BODY_PT
    )


def _kpi_slide(deck: _Deck, plan: Plan) -> None:
    lang = deck.lang
    slide = deck.slide(t("exports.deck.kpi_title", lang))
    labels, targets, actuals = kpi_chart_data(plan, lang)
    if not labels:
        deck.note(slide, t("exports.deck.kpi_empty", lang))
        return
    series = [(t("exports.dashboard.series_target", lang), targets)]
    if plan.results:
        series.append((t("exports.dashboard.series_actual", lang), actuals))
    chart = deck.chart(
        slide,
        XL_CHART_TYPE.COLUMN_CLUSTERED,
        labels,
        series,
        MARGIN,
        BODY_TOP + Inches(0.1),
        SLIDE_WIDTH - 2 * MARGIN,
        Inches(5.7),
        wb.FMT_INT,
        legend=True,
    )
    chart.has_title = True
    chart.chart_title.text_frame.text = t("exports.deck.kpi_chart", lang)
    deck.font(chart.chart_title.text_frame.paragraphs[0].runs[0], BODY_PT, TEXT, bold=True)


def results_rows(plan: Plan, lang: str = "fr") -> list[list[str]]:
    """The results table: each KPI with a target, its target, actual and achievement."""
    targets = wb.kpi_targets(plan)
    actuals = kpi_actuals(plan)
    rows = []
    for code, target in targets.items():
        actual = actuals.get(code)
        if actual is None:
            continue
        achieved = actual / target if target else None
        rows.append(
            [
                kpi_label(code, lang),
                fmt_kpi(code, target, lang),
                fmt_kpi(code, actual, lang),
                fmt_percent(achieved, lang, 0),
            ]
        )
    return rows


def _results_slide(deck: _Deck, plan: Plan) -> None:
    lang = deck.lang
    slide = deck.slide(t("exports.deck.results_title", lang))
    # Room under the table for the line saying where the results come from.
    rows = results_rows(plan, lang)[:8]
    header = [
        t(f"exports.deck.results_{k}", lang) for k in ("kpi", "target", "actual", "achievement")
    ]
    deck.table(
        slide, BODY_TOP + Inches(0.2), header, rows, [4.6, 2.5, 2.5, 2.5], align_right={1, 2, 3}
    )
    top = BODY_TOP + Inches(0.4) + Inches(0.5) * (len(rows) + 1)
    deck.text(
        slide,
        MARGIN,
        top,
        SLIDE_WIDTH - 2 * MARGIN,
        Inches(0.8),
        [source_note(plan, lang)],
        size=SMALL_PT,
    )


def _compliance_slide(deck: _Deck, plan: Plan) -> None:
    lang = deck.lang
    slide = deck.slide(t("exports.deck.compliance_title", lang))
    rows = contract_rows(plan)
    deck.text(
        slide,
        MARGIN,
        BODY_TOP + Inches(0.05),
        Inches(6.8),
        Inches(0.9),
        [t("exports.deck.compliance_contracts", lang)],
        size=SMALL_PT,
    )
    if rows:
        shown = [
            [
                _clip(str(r["name"]), 22),
                fmt_money(r["value"], lang, 0),
                t(REQUIRED_KEYS[r["required"]], lang),
            ]
            for r in rows[:MAX_CONTRACT_ROWS]
        ]
        header = [
            t(f"exports.deck.compliance_{k}", lang) for k in ("influencer", "value", "required")
        ]
        deck.table(slide, BODY_TOP + Inches(1.0), header, shown, [2.5, 2.4, 2.0], align_right={1})
        if len(rows) > MAX_CONTRACT_ROWS:
            deck.text(
                slide,
                MARGIN,
                Inches(6.8),
                Inches(6.8),
                Inches(0.5),
                [t("exports.deck.compliance_more", lang, count=len(rows) - MAX_CONTRACT_ROWS)],
                size=SMALL_PT,
            )
    else:
        deck.text(
            slide,
            MARGIN,
            BODY_TOP + Inches(0.7),
            Inches(6.6),
            Inches(1),
            [t("exports.deck.compliance_none", lang)],
            size=SMALL_PT,
        )
    clauses = [compliance.clause_label(code, lang) for code in compliance.CONTRACT_CLAUSES]
    deck.text(
        slide,
        Inches(7.7),
        BODY_TOP + Inches(0.05),
        Inches(5.1),
        Inches(0.5),
        [(t("exports.deck.clauses_title", lang), "")],
        size=SMALL_PT,
    )
    deck.text(
        slide,
        Inches(7.7),
        BODY_TOP + Inches(0.55),
        Inches(5.1),
        Inches(5.3),
        clauses,
        size=SMALL_PT,
        bullets=True,
    )


def _reminders_slide(deck: _Deck, plan: Plan) -> None:
    lang = deck.lang
    slide = deck.slide(t("exports.deck.reminders_title", lang))
    items = [t("exports.deck.commercial_mention", lang)]
    items += [compliance.reminder_label(code, lang) for code in compliance.REMINDERS]
    deck.text(
        slide,
        MARGIN,
        BODY_TOP + Inches(0.15),
        SLIDE_WIDTH - 2 * MARGIN,
        Inches(5.7),
        items,
        size=SMALL_PT,
        bullets=True,
    )


def slide_titles(plan: Plan, lang: str = "fr") -> list[str]:
    """The titles of the deck's slides, in order (the first is the plan's title)."""
    lang = normalize_language(lang)
    keys = {
        "brief": "brief_title",
        "objectives": "objectives_title",
        "shortlist": "shortlist_title",
        "timeline": "timeline_title",
        "budget": "budget_title",
        "kpi": "kpi_title",
        "results": "results_title",
        "compliance": "compliance_title",
        "reminders": "reminders_title",
    }
    titles = [plan.title or plan.brief.brand or t("exports.deck.subtitle", lang)]
    for code in SLIDES[1:]:
        if code == "results" and not (plan.results and results_rows(plan, lang)):
            continue
        titles.append(t(f"exports.deck.{keys[code]}", lang))
    return titles


def plan_deck(plan: Plan, lang: str = "fr") -> bytes:
    """The client presentation of the plan as PPTX bytes, in ``lang``."""
    lang = normalize_language(lang)
    deck = _Deck(lang)
    _title_slide(deck, plan)
    _brief_slide(deck, plan)
    _objectives_slide(deck, plan)
    _shortlist_slide(deck, plan)
    _timeline_slide(deck, plan)
    _budget_slide(deck, plan)
    _kpi_slide(deck, plan)
    if plan.results and results_rows(plan, lang):
        _results_slide(deck, plan)
    _compliance_slide(deck, plan)
    _reminders_slide(deck, plan)
    return deck.save()


__all__ = [
    "budget_by_category",
    "contract_rows",
    "kpi_actuals",
    "kpi_chart_data",
    "objective_sentence",
    "phase_bars",
    "plan_deck",
    "results_rows",
    "slide_titles",
]
