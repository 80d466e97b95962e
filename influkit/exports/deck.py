"""The client deck: a 16:9 PowerPoint presentation of the plan, in the user's language.

Owns the two decks' slides — the proposal (context and objective, recommendation, shortlist,
pay and budget, retro-planning drawn as shapes, KPI targets, compliance, next steps) and the
report (targets against actuals, funnel, performers, costs and EMV, learnings) — with native,
editable charts, and their look: large type for a projector, text sized to its box, tables at
14 pt or more, French number formats.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from influkit.campaign import compliance
from influkit.campaign.budget.optimiser import VAT_RATE, BudgetSummary, budget_summary
from influkit.campaign.results import plan_kpi_values, source_note
from influkit.exports import textfit
from influkit.exports import workbook as wb
from influkit.exports.workbook.layout import FMT_INT, FMT_MONEY_0
from influkit.identify import brandfit, profiles
from influkit.kpis import fmt_kpi, kpi_label, lower_is_better
from influkit.operations.schedule import scheduler as retroplan
from influkit.plan.model import Plan
from influkit.strategy import objectives
from influkit.text.formats import fmt_date, fmt_date_long, fmt_money, fmt_number, fmt_percent
from influkit.text.i18n import normalize_language, t

SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
MARGIN = Inches(0.6)
BODY_TOP = Inches(1.45)
TITLE_PT = 34
BODY_PT = 20
SMALL_PT = 18  # body type of tables and long texts: readable from the back of a room
SMALLEST_PT = 14  # a long text may shrink to this before it flows onto a next slide
TABLE_SMALLEST_PT = 14  # a wide table may shrink to this so no word breaks
CONTEXT_SMALLEST_PT = 16  # the context and brief slides' body type, at the least
GAP = Inches(0.4)  # between two columns
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

REQUIRED_KEYS = {
    True: "exports.deck.compliance_required_yes",
    False: "exports.deck.compliance_required_no",
}


# --- figures --------------------------------------------------------------------------------


def kpi_actuals(plan: Plan) -> dict[str, float]:
    """The campaign's KPIs from its results, as the workbook's KPI sheet computes them."""
    return plan_kpi_values(plan)


def kpi_name(code: str, lang: str = "fr") -> str:
    """A KPI's name: the catalogue's, else the code the user typed made readable and marked as
    their own (``ugc_posts`` → « Ugc posts (KPI libre) »)."""
    name = kpi_label(code, lang)
    if name != code:
        return name
    words = " ".join(str(code).replace("_", " ").replace("-", " ").split())
    return t("exports.deck.custom_kpi", lang, name=words[:1].upper() + words[1:])


def phase_bars(plan: Plan, lang: str = "fr") -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The timeline's bars (one per phase: label, start, end, critical) and milestones."""
    scheduled = wb.plan_schedule(plan)
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


def plan_budget(plan: Plan) -> BudgetSummary:
    """The plan's budget summary (totals HT, VAT, TTC, breakdowns), computed once per deck."""
    return budget_summary(wb.budget_lines_frame(plan), plan.brief.budget_eur_ht)


def budget_by_category(
    plan: Plan, lang: str = "fr", summary: BudgetSummary | None = None
) -> tuple[list[str], list[float]]:
    """The budget chart's categories (labels) and totals HT, categories with money only."""
    summary = summary if summary is not None else plan_budget(plan)
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


def _one_line(texts: list[str] | str, size: int) -> int:
    """The width of a text box holding each of ``texts`` on one line at ``size`` points: the
    longest one's room, the box's inner margins and a little slack."""
    texts = [texts] if isinstance(texts, str) else texts
    return int(Pt(max(textfit.line_width(text, size) for text in texts))) + Inches(0.3)


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
        # One line above the rule: a long title takes a smaller type rather than a second line.
        room = (shape.width - frame.margin_left - frame.margin_right) / 12700
        size = TITLE_PT
        while size > 22 and len(textfit.wrap(title, size, room, bold=True) or [1, 2]) > 1:
            size -= 1
        self.font(paragraph.runs[0], size, ACCENT, bold=True)
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
        run.font.name = textfit.FONT_NAME

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
        smallest: int = SMALLEST_PT,
    ):
        """A text box; each paragraph is a string or a ``(label, value)`` pair. The type is the
        largest from ``size`` down to :data:`SMALLEST_PT` at which the text fits the box, as
        measured on the deck's font; what does not fit even then is left out and kept in
        ``self.overflow`` for the caller to put on a next slide (nothing is cut)."""
        box = slide.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        flat = [self._flat(item, bullets) for item in paragraphs]
        inner_w = (width - frame.margin_left - frame.margin_right) / 12700
        inner_h = (height - frame.margin_top - frame.margin_bottom) / 12700
        fitted = textfit.fit(flat, inner_w, inner_h, size, min(smallest, size))
        size = int(fitted.size)
        self.overflow = list(paragraphs[fitted.count :])
        paragraphs = paragraphs[: fitted.count]
        for i, item in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.space_after = Pt(round(size * 0.4))
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

    def _flat(self, item, bullets: bool) -> str:
        if isinstance(item, tuple):
            label, value = item
            return f"{label} : {value}" if self.lang == "fr" else f"{label}: {value}"
        return ("• " if bullets else "") + item

    def table(
        self,
        slide,
        top,
        header: list[str],
        rows: list[list[str]],
        widths: list[float] | None = None,
        align_right: set[int] = frozenset(),
        width=None,
        left=None,
        largest: int = SMALL_PT,
    ):
        """A table with a coloured header row; columns sized to their longest word (measured on
        the deck's font) so no handle or header breaks mid-word, the type as large as that
        allows (18 pt down to 14 pt), rows as tall as their wrapped text."""
        width = width or SLIDE_WIDTH - 2 * MARGIN
        left = MARGIN if left is None else left
        size, points, heights = self.table_layout(header, rows, width, largest)
        shape = slide.shapes.add_table(
            len(rows) + 1, len(header), left, top, width, sum(heights, Pt(0))
        )
        table = shape.table
        for j, w in enumerate(points):
            table.columns[j].width = Pt(w)
        for i, h in enumerate(heights):
            table.rows[i].height = h
        self.table_bottom = top + sum(heights, Pt(0))
        return self._fill_table(table, header, rows, size, align_right)

    def table_layout(self, header: list[str], rows: list[list[str]], width, largest=SMALL_PT):
        """The type size, column widths (points) and row heights of a table ``width`` wide."""
        padding = 2 * Inches(0.08) / 12700
        cells = [[str(v) for v in row] for row in [header, *rows]]
        size, points = largest, None
        while size >= TABLE_SMALLEST_PT:
            points = textfit.column_widths(cells, size, width / 12700, padding)
            if points is not None:
                break
            size -= 1
        if points is None:
            size = TABLE_SMALLEST_PT
            points = [width / 12700 / len(header)] * len(header)
        heights = []
        for i, row in enumerate(cells):
            lines = max(
                len(textfit.wrap(v, size, w - padding, i == 0) or [v])
                for v, w in zip(row, points, strict=True)
            )
            heights.append(Pt(textfit.height_pt(lines, size) + 8))
        return size, points, heights

    def _fill_table(self, table, header, rows, size, align_right):
        for i, values in enumerate([header, *rows]):
            for j, value in enumerate(values):
                cell = table.cell(i, j)
                cell.text = str(value)
                cell.margin_left = cell.margin_right = Inches(0.08)
                paragraph = cell.text_frame.paragraphs[0]
                paragraph.alignment = PP_ALIGN.RIGHT if j in align_right and i else PP_ALIGN.LEFT
                cell.margin_top = cell.margin_bottom = Pt(3)
                self.font(paragraph.runs[0], size, WHITE if i == 0 else TEXT, bold=i == 0)
                if i == 0:
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = ACCENT
        return table

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
        if self.lang == "fr":
            # LibreOffice reads "#,##0" with English separators: group digits with spaces.
            number_format = number_format.replace("#,##0", "# ### ##0")
        data = CategoryChartData(number_format=number_format)
        data.categories = categories
        for name, values in series:
            data.add_series(name, values)
        colours = (ACCENT, TASK)
        if legend:
            # Drawn as shapes in series order: a chart's own legend lists a horizontal bar
            # chart's series bottom-up, the reverse of the bars read top-down.
            self.legend(slide, left, top, [(name, colours[i % 2]) for i, (name, _) in
                                           enumerate(series)])  # fmt: skip
            top, height = top + Inches(0.55), height - Inches(0.55)
        frame = slide.shapes.add_chart(kind, left, top, width, height, data)
        chart = frame.chart
        chart.font.size = Pt(SMALL_PT)
        chart.font.color.rgb = TEXT
        chart.has_legend = False
        chart.has_title = False
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
        for i, item in enumerate(plot.series):
            item.format.fill.solid()
            item.format.fill.fore_color.rgb = colours[i % len(colours)]
        return chart

    def legend(self, slide, left, top, entries: list[tuple[str, RGBColor]]) -> None:
        """A chart's legend as a row of swatches and names, in the order given."""
        x = left
        for name, colour in entries:
            swatch = slide.shapes.add_shape(
                MSO_SHAPE.RECTANGLE, x, top + Inches(0.12), Inches(0.26), Inches(0.26)
            )
            self.solid(swatch, colour)
            room = _one_line(name, SMALL_PT)
            self.text(slide, x + Inches(0.32), top, room, Inches(0.5), [name], size=SMALL_PT)
            x += Inches(0.32) + room + Inches(0.2)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return buffer.getvalue()


# --- the slides -----------------------------------------------------------------------------


def _flow(deck: _Deck, title: str, paragraphs: list, *, bullets: bool = False) -> None:
    """Paragraphs on as many slides as they need, shared out evenly (no near-empty last slide),
    each filled at the largest type that fits."""
    width = (SLIDE_WIDTH - 2 * MARGIN - Inches(0.2)) / 12700
    height = (SLIDE_HEIGHT - BODY_TOP - Inches(0.8)) / 12700
    flat = [deck._flat(item, bullets) for item in paragraphs]
    pages, rest = 0, list(flat)
    while rest:
        count = max(textfit.fit(rest, width, height, BODY_PT, BODY_PT).count, 1)
        rest, pages = rest[count:], pages + 1
    # Even shares by length: each slide gets about the same amount of text.
    sizes = [len(text) for text in flat]
    total, groups, current, done = sum(sizes) or 1, [], [], 0
    for item, size in zip(paragraphs, sizes, strict=True):
        current.append(item)
        done += size
        if done >= total * (len(groups) + 1) / max(pages, 1) and len(groups) < pages - 1:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    carry: list = []
    for page, group in enumerate(groups):
        shown = title if page == 0 else t("exports.deck.continued", deck.lang, title=title)
        slide = deck.slide(shown)
        items = carry + group
        deck.text(
            slide,
            MARGIN,
            BODY_TOP + Inches(0.2),
            SLIDE_WIDTH - 2 * MARGIN,
            SLIDE_HEIGHT - BODY_TOP - Inches(0.7),
            items,
            size=BODY_PT + 4,
            bullets=bullets,
            smallest=BODY_PT,
        )
        carry = deck.overflow
    while carry:  # what an uneven share could not hold
        slide = deck.slide(t("exports.deck.continued", deck.lang, title=title))
        before = len(carry)
        deck.text(slide, MARGIN, BODY_TOP + Inches(0.2), SLIDE_WIDTH - 2 * MARGIN,
                  SLIDE_HEIGHT - BODY_TOP - Inches(0.7), carry, size=BODY_PT + 4,
                  bullets=bullets, smallest=BODY_PT)  # fmt: skip
        carry = deck.overflow if len(deck.overflow) < before else []


def context_facts(plan: Plan, lang: str = "fr") -> list:
    """The context and the objective in sentences: the brand, its product and aim, the target,
    the budget and the launch, then each SMART objective."""
    brief = plan.brief
    audience = brief.target_audience
    target = audience.description.strip().rstrip(".") or ", ".join(
        t(f"age.{b}", lang) for b in audience.age_bands
    )
    lines: list = [
        t(
            "exports.deck.context_sentence",
            lang,
            brand=brief.brand or "—",
            product=brief.product or "—",
            aim=t(f"aim.{brief.business_aim}", lang).lower(),
        )
    ]
    if target:
        lines.append(t("exports.deck.target_sentence", lang, target=target))
    if brief.launch_date and brief.budget_eur_ht:
        lines.append(
            t(
                "exports.deck.frame_sentence",
                lang,
                budget=fmt_money(brief.budget_eur_ht, lang, 0),
                launch=fmt_date_long(brief.launch_date, lang),
            )
        )
    lines += [
        (t("exports.deck.objective_label", lang), objectives.sentence(o, lang))
        for o in plan.objectives
    ]
    return lines


def brief_paragraphs(plan: Plan) -> list[str]:
    """The client's brief as written: its context, then its constraints, in whole sentences."""
    brief = plan.brief
    return textfit.split_sentences(brief.context or "") + textfit.split_sentences(
        brief.constraints or ""
    )


def context_paragraphs(plan: Plan, lang: str = "fr") -> list:
    """Everything the context slides say, in order: the facts and objectives, then the brief."""
    return [*context_facts(plan, lang), *brief_paragraphs(plan)]


def _fill_columns(deck: _Deck, paragraphs: list, size: int, count: int, width, height):
    """The paragraphs poured into ``count`` columns at ``size``, each column as full as it can
    be before the next; None when they do not all fit."""
    flat = [deck._flat(item, False) for item in paragraphs]
    inner_w, inner_h = _inner(width), _inner(height, vertical=True)
    groups, start = [], 0
    for _ in range(count):
        taken = textfit.fit(flat[start:], inner_w, inner_h, size, size).count if flat[start:] else 0
        groups.append(paragraphs[start : start + taken])
        start += taken
    return groups if start == len(paragraphs) else None


def _inner(length, vertical: bool = False) -> float:
    """A text box's inner length in points (python-pptx's default margins taken off)."""
    margins = Inches(0.1) if vertical else Inches(0.2)
    return (length - margins) / 12700


def _columns(deck: _Deck, title: str, columns: list[list], *, largest: int, smallest: int,
             bullets: bool = False) -> bool:  # fmt: skip
    """One slide with the given columns side by side, all at the largest common size from
    ``largest`` down to ``smallest`` at which each column fits; False (nothing drawn) when
    they do not fit even at ``smallest``."""
    width = (SLIDE_WIDTH - 2 * MARGIN - GAP * (len(columns) - 1)) / len(columns)
    height = SLIDE_HEIGHT - BODY_TOP - Inches(0.7)
    for size in range(largest, smallest - 1, -1):
        fits = all(
            textfit.fit([deck._flat(i, bullets) for i in column], _inner(width),
                        _inner(height, vertical=True), size, size).count == len(column)
            for column in columns
        )  # fmt: skip
        if fits:
            slide = deck.slide(title)
            for k, column in enumerate(columns):
                if column:
                    left = int(MARGIN + k * (width + GAP))
                    deck.text(slide, left, BODY_TOP + Inches(0.2), int(width), height, column,
                              size=size, bullets=bullets, smallest=size)  # fmt: skip
            return True
    return False


def _brief_slide(deck: _Deck, plan: Plan) -> None:
    """The context and the objective on one slide (the facts and objectives beside the brief)
    or, for a long brief, two: the facts and objectives beside the start of the brief, then the
    rest of the brief in two columns. Only a brief longer than two slides at 16 pt goes on."""
    lang = deck.lang
    title = t("exports.deck.context_title", lang)
    facts, brief = context_facts(plan, lang), brief_paragraphs(plan)
    columns = [facts, brief] if brief else [facts]
    if _columns(deck, title, columns, largest=BODY_PT + 4, smallest=18):
        return
    width = (SLIDE_WIDTH - 2 * MARGIN - GAP) / 2
    height = SLIDE_HEIGHT - BODY_TOP - Inches(0.7)
    for size in range(BODY_PT + 2, CONTEXT_SMALLEST_PT - 1, -1):
        if textfit.fit([deck._flat(i, False) for i in facts], _inner(width),
                       _inner(height, vertical=True), size, size).count < len(facts):  # fmt: skip
            continue
        groups = _fill_columns(deck, brief, size, 3, width, height)
        if groups is not None:
            _columns(deck, title, [facts, groups[0]], largest=size, smallest=size)
            if groups[1]:
                shown = t("exports.deck.continued", lang, title=title)
                _columns(deck, shown, groups[1:], largest=size, smallest=size)
            return
    _flow(deck, title, [*facts, *brief])


def shortlist_rows(plan: Plan, lang: str = "fr") -> list[list[str]]:
    """Per shortlisted influencer: handle, platform, audience, why (the strongest brand-fit
    reasons and the trainee's note) and price per post."""
    table = profiles.shortlist_table(plan)
    if table.empty:
        return []
    ranked = brandfit.ranking(table.reset_index(drop=True), plan.brief).set_index("influencer_id")
    rows = []
    for row in table.itertuples():
        reasons = []
        if row.influencer_id in ranked.index:
            found = ranked.loc[row.influencer_id]
            reasons = [
                text.replace("**", "")
                for kind, text in brandfit.explain_items(found, lang, top=1)
                if kind == "plus"
            ]
        if isinstance(row.note, str) and row.note.strip():
            reasons.append(row.note.strip())
        audience = t(
            "exports.deck.audience_cell",
            lang,
            followers=fmt_number(row.followers, lang),
            tier=wb.list_label("tier", row.tier, lang) if isinstance(row.tier, str) else "—",
            er=fmt_percent(row.er, lang, 1),
        )
        rows.append(
            [
                str(row.handle or row.influencer_id),
                _platform_name(row, lang),
                audience,
                " ".join(reasons) or t("exports.deck.why_none", lang),
                fmt_money(row.price_per_post_eur, lang, 0),
            ]
        )
    return rows


def _platform_name(row: Any, lang: str) -> str:
    """The platform's label, or the name the user gave an "other" platform."""
    name = getattr(row, "platform_name", "")
    if row.platform == "other" and isinstance(name, str) and name.strip():
        return name.strip()
    return wb.list_label("platform", row.platform, lang)


def _shortlist_slide(deck: _Deck, plan: Plan) -> None:
    lang = deck.lang
    rows = shortlist_rows(plan, lang)
    title = t("exports.deck.shortlist_title", lang)
    if not rows:
        deck.note(deck.slide(title), t("exports.deck.shortlist_empty", lang))
        return
    header = [
        t(f"exports.deck.shortlist_{k}", lang)
        for k in ("handle", "platform", "audience", "why", "price")
    ]
    room = SLIDE_HEIGHT - BODY_TOP - Inches(0.6)
    full = SLIDE_WIDTH - 2 * MARGIN
    # A slightly smaller type first, if it keeps the whole shortlist on one slide.
    for size in range(SMALL_PT, SMALLEST_PT - 1, -1):
        _, _, heights = deck.table_layout(header, rows, full, size)
        if sum(heights, Pt(0)) <= room:
            slide = deck.slide(title)
            deck.table(slide, BODY_TOP + Inches(0.2), header, rows, align_right={4}, largest=size)
            return
    start, page = 0, 0
    while start < len(rows):
        end = start + 1
        while end < len(rows):
            _, _, heights = deck.table_layout(
                header, rows[start : end + 1], SLIDE_WIDTH - 2 * MARGIN
            )
            if sum(heights, Pt(0)) > room:
                break
            end += 1
        shown = title if page == 0 else t("exports.deck.continued", lang, title=title)
        slide = deck.slide(shown)
        deck.table(slide, BODY_TOP + Inches(0.2), header, rows[start:end], align_right={4})
        start, page = end, page + 1


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

    # One type size for every phase name, each on one line: the largest from SMALL_PT down to
    # SMALLEST_PT whose longest name fits a label column of at most 6 inches (a name too long
    # for its row would otherwise be left out); the column is as wide as that name needs.
    def needed(size: int) -> int:  # the label box is 0,1 inch narrower than its column
        return max(Inches(3.9), _one_line([bar["label"] for bar in bars], size) + Inches(0.1))

    label_size = next(
        (n for n in range(SMALL_PT, SMALLEST_PT, -1) if needed(n) <= Inches(6)), SMALLEST_PT
    )
    label_width = min(needed(label_size), Inches(6))
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
        name = _month_label(month, lang)
        # The name's box may pass the edge by its right margin and slack, not by its text.
        room = SLIDE_WIDTH - x(month) + Inches(0.2)
        fits = _one_line(name, SMALL_PT) <= room
        if k % step == 0 and fits:  # a month too near the edge keeps its line, not its name
            box = deck.text(
                slide,
                x(month),
                BODY_TOP + Inches(0.05),
                Inches(1.8),
                Inches(0.5),
                [name],
                size=SMALL_PT,
            )
            box.text_frame.paragraphs[0].runs[0].font.color.rgb = MUTED
    for i, bar in enumerate(bars):
        y = top + row_height * i
        deck.text(
            slide,
            MARGIN,
            y - Inches(0.06),
            label_width - Inches(0.1),
            row_height,
            [bar["label"]],
            size=label_size,
        )
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
        # The name goes right of the diamond, or left of it when it would leave the slide.
        text = f"{milestone['label']} · {fmt_date(milestone['date'], lang)}"
        text_width = _one_line(text, SMALL_PT)
        right_side = x(milestone["date"]) + size // 2 + text_width <= SLIDE_WIDTH - Inches(0.2)
        box = deck.text(
            slide,
            x(milestone["date"]) + size // 2
            if right_side
            else x(milestone["date"]) - size // 2 - text_width,
            y - Inches(0.04),
            text_width,
            row_height,
            [text],
            size=SMALL_PT,
        )
        if not right_side:
            box.text_frame.paragraphs[0].alignment = PP_ALIGN.RIGHT
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

    from influkit.text.formats import locale_of

    return format_date(day, "MMM yyyy", locale=locale_of(lang))


def forecast_lines(plan: Plan, lang: str = "fr") -> list[str]:
    """The plan's forecast in two sentences: expected sales (range), revenue and planned cost —
    the figures every page of the app shows (:mod:`influkit.campaign.forecast`)."""
    from influkit.campaign import forecast

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


def _budget_slide(deck: _Deck, plan: Plan, summary: BudgetSummary) -> None:
    """Pay and budget on one slide: the budget HT by category (a native chart) and its totals
    HT, VAT and TTC on the left; the amounts HT and TTC by tier and by platform on the right."""
    lang = deck.lang
    slide = deck.slide(t("exports.deck.remuneration_title", lang))
    labels, totals = budget_by_category(plan, lang, summary)
    if not labels:
        deck.note(slide, t("exports.deck.budget_empty", lang))
        expected = forecast_lines(plan, lang)
        if expected:
            deck.text(
                slide, MARGIN, BODY_TOP + Inches(1.6), Inches(11), Inches(2), expected, size=BODY_PT
            )
        return
    left_width = Inches(5.8)
    chart = deck.chart(
        slide,
        XL_CHART_TYPE.BAR_CLUSTERED,
        labels,
        [(t("exports.deck.budget_chart", lang), totals)],
        MARGIN,
        BODY_TOP + Inches(0.1),
        left_width,
        SLIDE_HEIGHT - BODY_TOP - Inches(0.4),
        FMT_MONEY_0,
        legend=False,
    )
    chart.has_title = True
    chart.chart_title.text_frame.text = t("exports.deck.budget_chart", lang)
    deck.font(chart.chart_title.text_frame.paragraphs[0].runs[0], BODY_PT, TEXT, bold=True)
    chart.category_axis.reverse_order = True
    # The two breakdowns, stacked on the right at the largest type that holds both.
    right = MARGIN + left_width + GAP
    width = SLIDE_WIDTH - MARGIN - right
    rate = 1 + VAT_RATE
    tables = []
    for by, name in ((summary.by_tier, "tier"), (summary.by_platform, "platform")):
        header = [
            t(f"exports.deck.by_{name}", lang),
            t("exports.deck.amount_ht", lang),
            t("exports.deck.amount_ttc", lang),
            t("exports.deck.share", lang),
        ]
        rows = [
            [
                wb.list_label(name, code, lang),
                fmt_money(total, lang, 0),
                fmt_money(total * rate, lang, 0),
                fmt_percent(share, lang, 0),
            ]
            for code, total, share in zip(by[name], by["total_eur_ht"], by["share"], strict=True)
        ] or [[t("exports.deck.unassigned", lang), "—", "—", "—"]]
        tables.append((header, rows))
    totals_height = Inches(1.6)
    # Below the title: the two tables with a gap after each, then the totals, then a margin.
    room = SLIDE_HEIGHT - Inches(0.2) - (BODY_TOP + Inches(0.2)) - Inches(0.7) - totals_height
    size = _common_table_size(deck, tables, width, room, largest=BODY_PT)
    top = BODY_TOP + Inches(0.2)
    for header, rows in tables:
        deck.table(slide, top, header, rows, align_right={1, 2, 3}, width=int(width),
                   left=int(right), largest=size)  # fmt: skip
        top = deck.table_bottom + Inches(0.3)
    deck.text(slide, right, top + Inches(0.1), width, totals_height, budget_lines(summary, lang),
              size=BODY_PT, smallest=SMALLEST_PT)  # fmt: skip


def _common_table_size(deck: _Deck, tables: list, width, room, largest: int = SMALL_PT) -> int:
    """One type size for tables shown together: the largest at which each keeps its words whole
    and all of them fit ``room`` in height (never under :data:`TABLE_SMALLEST_PT`)."""
    size = min(deck.table_layout(header, rows, width, largest)[0] for header, rows in tables)
    while size > TABLE_SMALLEST_PT:
        used = sum(sum(deck.table_layout(h, r, width, size)[2], Pt(0)) for h, r in tables)
        if used <= room:
            break
        size -= 1
    return size


def results_rows(plan: Plan, lang: str = "fr") -> list[list[str]]:
    """The results table: each KPI with a target, its target, actual and achievement ("—"
    where the results do not measure it, as for a KPI of the user's own)."""
    targets = wb.kpi_targets(plan)
    actuals = kpi_actuals(plan)
    rows = []
    for code, target in targets.items():
        actual = actuals.get(code)
        if actual is None:
            rows.append([kpi_name(code, lang), fmt_kpi(code, target, lang), "—", "—"])
            continue
        if lower_is_better(code):
            achieved = target / actual if actual else None
        else:
            achieved = actual / target if target else None
        rows.append(
            [
                kpi_name(code, lang),
                fmt_kpi(code, target, lang),
                fmt_kpi(code, actual, lang),
                fmt_percent(achieved, lang, 0),
            ]
        )
    return rows


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
                str(r["name"]),
                fmt_money(r["value"], lang, 0),
                t(REQUIRED_KEYS[r["required"]], lang),
            ]
            for r in rows[:MAX_CONTRACT_ROWS]
        ]
        header = [
            t(f"exports.deck.compliance_{k}", lang) for k in ("influencer", "value", "required")
        ]
        deck.table(slide, BODY_TOP + Inches(1.0), header, shown, align_right={1},
                   width=int(Inches(6.8)))  # fmt: skip
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


def budget_lines(summary: BudgetSummary, lang: str) -> list[str]:
    """The budget in two sentences: HT, VAT and TTC, then what is left of the envelope (or over)."""
    lines = [
        t(
            "exports.deck.budget_totals",
            lang,
            ht=fmt_money(summary.total_ht, lang, 0),
            vat=fmt_money(summary.vat, lang, 0),
            ttc=fmt_money(summary.total_ttc, lang, 0),
        )
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
    return lines


def expected_kpis(plan: Plan) -> dict[str, float]:
    """The forecast's expected value of each volume KPI (what the plan should deliver)."""
    from influkit.campaign import forecast

    result = forecast.forecast(plan)
    if result.rows.empty:
        return {}
    return {m: result.total(m) for m in forecast.METRICS if m in wb.CHART_KPIS}


def _kpi_target_slide(deck: _Deck, plan: Plan) -> None:
    """KPIs and their targets, with what the forecast expects: no measured figure."""
    lang = deck.lang
    slide = deck.slide(t("exports.deck.kpi_plan_title", lang))
    targets = wb.kpi_targets(plan)
    expected = expected_kpis(plan)
    codes = [c for c in wb.CHART_KPIS if c in targets or c in expected]
    if not codes:
        deck.note(slide, t("exports.deck.kpi_empty", lang))
        return
    rows = [
        [
            kpi_name(c, lang),
            fmt_kpi(c, targets[c], lang) if c in targets else "—",
            fmt_kpi(c, expected[c], lang) if c in expected else "—",
        ]
        for c in codes
    ]
    others = [c for c in targets if c not in codes]
    rows += [[kpi_name(c, lang), fmt_kpi(c, targets[c], lang), "—"] for c in others]
    header = [t(f"exports.deck.kpi_{k}", lang) for k in ("name", "target", "expected")]
    deck.table(slide, BODY_TOP + Inches(0.2), header, rows, align_right={1, 2},
               width=int(Inches(6.4)))  # fmt: skip
    chart = deck.chart(
        slide,
        XL_CHART_TYPE.BAR_CLUSTERED,
        [kpi_label(c, lang) for c in codes],
        [
            (t("exports.dashboard.series_target", lang), [targets.get(c) for c in codes]),
            (t("exports.deck.series_expected", lang), [expected.get(c) for c in codes]),
        ],
        Inches(7.2),
        BODY_TOP + Inches(0.2),
        Inches(5.5),
        Inches(5.4),
        FMT_INT,
        legend=True,
    )
    chart.category_axis.reverse_order = True
    chart.plots[0].has_data_labels = False


def _next_steps_slide(deck: _Deck, plan: Plan) -> None:
    lang = deck.lang
    steps = [t(f"exports.deck.next_{k}", lang) for k in ("validate", "contact", "contracts",
                                                           "brief", "track")]  # fmt: skip
    if plan.brief.launch_date:
        steps.append(
            t("exports.deck.next_launch", lang, date=fmt_date_long(plan.brief.launch_date, lang))
        )
    _flow(deck, t("exports.deck.next_title", lang), steps, bullets=True)


def _cover(deck: _Deck, plan: Plan, kind: str) -> None:
    """The cover: the brand's name, what the deck is, the product and today's date."""
    lang = deck.lang
    slide = deck.prs.slides.add_slide(deck.prs.slide_layouts[6])
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, SLIDE_WIDTH, Inches(0.35))
    deck.solid(band, ACCENT)
    brief = plan.brief
    deck.text(slide, MARGIN, Inches(1.6), SLIDE_WIDTH - 2 * MARGIN, Inches(1.6),
              [brief.brand or plan.title or "—"], size=54)  # fmt: skip
    for paragraph in slide.shapes[-1].text_frame.paragraphs:
        for run in paragraph.runs:
            deck.font(run, run.font.size.pt, ACCENT, bold=True)
    lines = [t(f"exports.deck.{kind}_subtitle", lang)]
    if brief.product:
        lines.append(brief.product)
    lines.append(fmt_date_long(dt.date.today(), lang))
    deck.text(slide, MARGIN, Inches(3.5), SLIDE_WIDTH - 2 * MARGIN, Inches(2.6), lines, size=28)


def proposal_deck(plan: Plan, lang: str = "fr") -> bytes:
    """The proposal made before the campaign, as PPTX bytes: context and objective, the
    recommendation, the shortlist and why, remuneration and budget, the retro-planning, KPIs
    and their targets, compliance, next steps. Expected figures come from the forecast; no
    measured result appears."""
    lang = normalize_language(lang)
    deck = _Deck(lang)
    summary = plan_budget(plan)
    _cover(deck, plan, "proposal")
    _brief_slide(deck, plan)
    recommended = recommendation(plan, lang, summary)
    _flow(deck, t("exports.deck.recommendation_title", lang), recommended)
    _shortlist_slide(deck, plan)
    _budget_slide(deck, plan, summary)
    _timeline_slide(deck, plan)
    _kpi_target_slide(deck, plan)
    _compliance_slide(deck, plan)
    _reminders_slide(deck, plan)
    _next_steps_slide(deck, plan)
    return deck.save()


def recommendation(plan: Plan, lang: str = "fr", summary: BudgetSummary | None = None) -> list[str]:
    """The recommendation in sentences: who, on which platforms, for what budget, and what the
    forecast expects of it."""
    table = profiles.shortlist_table(plan)
    lines = []
    if not table.empty:
        platforms = [wb.list_label("platform", p, lang) for p in dict.fromkeys(table["platform"])]
        lines.append(
            t(
                "exports.deck.recommend_sentence",
                lang,
                count=fmt_number(len(table), lang),
                platforms=", ".join(platforms),
                aim=t(f"aim.{plan.brief.business_aim}", lang).lower(),
            )
        )
    summary = summary if summary is not None else plan_budget(plan)
    if not summary.lines.empty:
        lines.append(
            t(
                "exports.deck.budget_totals",
                lang,
                ht=fmt_money(summary.total_ht, lang, 0),
                vat=fmt_money(summary.vat, lang, 0),
                ttc=fmt_money(summary.total_ttc, lang, 0),
            )
        )
    lines += forecast_lines(plan, lang)
    return lines or [t("exports.deck.shortlist_empty", lang)]


# --- the report -----------------------------------------------------------------------------


def _report_frame(plan: Plan):
    from influkit.campaign import results as res

    return res.results_frame(plan, profiles.influencer_table(plan))


def _actuals_slide(deck: _Deck, plan: Plan) -> None:
    """Targets against actuals: both series drawn, and the table of achievement."""
    lang = deck.lang
    slide = deck.slide(t("exports.deck.results_title", lang))
    labels, targets, actuals = kpi_chart_data(plan, lang)
    rows = results_rows(plan, lang)
    header = [
        t(f"exports.deck.results_{k}", lang) for k in ("kpi", "target", "actual", "achievement")
    ]
    if rows:
        deck.table(slide, BODY_TOP + Inches(0.2), header, rows, align_right={1, 2, 3},
                   width=int(Inches(6.6)))  # fmt: skip
    drawn = [(lab, tg, ac) for lab, tg, ac in zip(labels, targets, actuals, strict=True) if tg]
    if drawn:
        chart = deck.chart(
            slide,
            XL_CHART_TYPE.BAR_CLUSTERED,
            [d[0] for d in drawn],
            [
                (t("exports.dashboard.series_target", lang), [d[1] for d in drawn]),
                (t("exports.dashboard.series_actual", lang), [d[2] or 0 for d in drawn]),
            ],
            Inches(7.4),
            BODY_TOP + Inches(0.2),
            Inches(5.3),
            Inches(5.3),
            FMT_INT,
            legend=True,
        )
        chart.category_axis.reverse_order = True
        chart.plots[0].has_data_labels = False
    deck.text(slide, MARGIN, Inches(6.75), SLIDE_WIDTH - 2 * MARGIN, Inches(0.6),
              [source_note(plan, lang)], size=14)  # fmt: skip


def _funnel_slide(deck: _Deck, plan: Plan) -> None:
    from influkit.campaign import results as res

    lang = deck.lang
    slide = deck.slide(t("exports.deck.funnel_title", lang))
    stages = res.funnel(res.totals(_report_frame(plan)))
    stages = stages[stages["stage"] != "revenue_eur"]
    names = [t(f"exports.deck.stage.{s}", lang) for s in stages["stage"]]
    deck.chart(
        slide,
        XL_CHART_TYPE.BAR_CLUSTERED,
        names,
        [(t("exports.deck.funnel_series", lang), [float(v) for v in stages["value"]])],
        MARGIN,
        BODY_TOP + Inches(0.2),
        Inches(7.6),
        Inches(5.4),
        FMT_INT,
        legend=False,
    ).category_axis.reverse_order = True
    lines = [
        t("exports.deck.funnel_rate", lang, stage=name, rate=fmt_percent(rate, lang, 1))
        for name, rate in zip(names, stages["rate_from_previous"], strict=True)
        if rate == rate
    ]
    deck.text(slide, Inches(8.6), BODY_TOP + Inches(0.4), Inches(4.1), Inches(5), lines)


def _performers_slide(deck: _Deck, plan: Plan) -> None:
    """The most and the least profitable influencers, one table above the other on the left,
    every influencer's ROAS as bars on the right."""
    from influkit.campaign import results as res

    lang = deck.lang
    slide = deck.slide(t("exports.deck.performers_title", lang))
    frame = _report_frame(plan)
    best, worst = res.performers(frame, "roas", 3)
    header = [t(f"exports.deck.perf_{k}", lang) for k in ("handle", "posts", "cost", "roas")]
    width = Inches(7.0)
    tables = []
    for table, key in ((best, "best"), (worst, "worst")):
        rows = [
            [
                str(r.handle),
                fmt_number(r.posts, lang),
                fmt_kpi("cost", r.cost_eur_ht, lang),
                fmt_kpi("roas", r.roas, lang),
            ]
            for r in table.itertuples()
        ] or [["—", "—", "—", "—"]]
        tables.append((key, rows))
    # One type size for both tables: the largest that holds them and their headings.
    room = SLIDE_HEIGHT - BODY_TOP - Inches(0.3) - 2 * Inches(0.75)
    size = _common_table_size(deck, [(header, rows) for _, rows in tables], width, room)
    top = BODY_TOP + Inches(0.1)
    for key, rows in tables:
        deck.text(slide, MARGIN, top, width, Inches(0.6), [t(f"exports.deck.perf_{key}", lang)],
                  size=22)  # fmt: skip
        deck.table(slide, top + Inches(0.6), header, rows, align_right={1, 2, 3},
                   width=int(width), largest=size)  # fmt: skip
        top = deck.table_bottom + Inches(0.15)
    everyone = res.breakdown(frame, "influencer_id").dropna(subset=["roas"])
    everyone = everyone.sort_values("roas", ascending=False)
    if not len(everyone):
        return
    left = MARGIN + width + GAP
    chart = deck.chart(
        slide,
        XL_CHART_TYPE.BAR_CLUSTERED,
        [str(h) for h in everyone["handle"]],
        [(kpi_label("roas", lang), [float(v) for v in everyone["roas"]])],
        left,
        BODY_TOP + Inches(0.1),
        SLIDE_WIDTH - MARGIN - left,
        SLIDE_HEIGHT - BODY_TOP - Inches(0.4),
        "0",
        legend=False,
    )
    chart.category_axis.reverse_order = True  # the most profitable at the top
    chart.value_axis.visible = False
    chart.value_axis.has_major_gridlines = False
    # Each bar says its ROAS as the KPI catalogue writes it ("× 27,8"), in any language.
    for point, value in zip(chart.plots[0].series[0].points, everyone["roas"], strict=True):
        label = point.data_label.text_frame
        label.text = fmt_kpi("roas", float(value), lang)
        deck.font(label.paragraphs[0].runs[0], SMALL_PT)


def _costs_emv_slide(deck: _Deck, plan: Plan) -> None:
    from influkit.campaign import results as res

    lang = deck.lang
    slide = deck.slide(t("exports.deck.costs_title", lang))
    frame = _report_frame(plan)
    values = res.kpi_values(res.totals(frame))
    codes = ("cost", "cpm", "cpe", "cpc", "cpa", "roas")
    sums = res.totals(frame)
    values["cost"] = sums["cost_eur_ht"]
    rows = [[kpi_label(c, lang), fmt_kpi(c, values.get(c), lang)] for c in codes]
    header = [t("exports.deck.kpi_name", lang), t("exports.deck.results_actual", lang)]
    deck.table(slide, BODY_TOP + Inches(0.2), header, rows, align_right={1},
               width=int(Inches(5.6)))  # fmt: skip
    emv = res.emv_by_platform(frame, plan.settings.assumptions.emv_rates or None)
    lines = [
        t(
            "exports.deck.emv_total",
            lang,
            emv=fmt_money(float(emv["emv_eur"].sum()), lang, 0),
        ),
        t("exports.deck.emv_caveat", lang),
    ]
    deck.text(slide, Inches(6.8), BODY_TOP + Inches(0.2), Inches(5.9), Inches(2.6), lines)
    header = [t(f"exports.deck.emv_{k}", lang) for k in ("platform", "cpm", "vpe", "value")]
    rows = [
        [
            wb.list_label("platform", r.platform, lang),
            fmt_money(r.cpm_rate_eur, lang, 2),
            fmt_money(r.value_per_engagement_eur, lang, 2),
            fmt_money(r.emv_eur, lang, 0),
        ]
        for r in emv.itertuples()
    ]
    if rows:
        deck.table(slide, BODY_TOP + Inches(3.0), header, rows, align_right={1, 2, 3},
                   width=int(Inches(5.9)), left=int(Inches(6.8)))  # fmt: skip


def learnings(plan: Plan, lang: str = "fr") -> list[str]:
    """What the campaign teaches and what to do next: the client's learnings, then one
    recommendation per KPI target reached or missed."""
    from influkit.campaign import results as res

    lines = textfit.split_sentences(plan.client_learnings or "")
    for row in res.progress(plan, res.totals(_report_frame(plan))):
        if row.status in ("reached", "on_track", "behind"):
            lines.append(
                t(
                    f"exports.deck.learn_{row.status}",
                    lang,
                    kpi=kpi_label(row.kpi, lang),
                    achievement=fmt_percent(row.progress, lang, 0),
                )
            )
    lines.append(t("exports.deck.learn_next", lang))
    return lines


def report_deck(plan: Plan, lang: str = "fr") -> bytes:
    """The report made after the campaign, as PPTX bytes: targets against actuals, the funnel,
    top and bottom performers, costs, EMV with its caveat, learnings and recommendations."""
    lang = normalize_language(lang)
    deck = _Deck(lang)
    _cover(deck, plan, "report")
    if not plan.results:
        deck.note(deck.slide(t("exports.deck.results_title", lang)),
                  t("exports.deck.report_no_results", lang))  # fmt: skip
        return deck.save()
    _actuals_slide(deck, plan)
    _funnel_slide(deck, plan)
    _performers_slide(deck, plan)
    _costs_emv_slide(deck, plan)
    _flow(deck, t("exports.deck.learnings_title", lang), learnings(plan, lang), bullets=True)
    return deck.save()


def plan_deck(plan: Plan, lang: str = "fr") -> bytes:
    """The client presentation: the proposal (kept under its former name)."""
    return proposal_deck(plan, lang)


__all__ = [
    "budget_by_category",
    "contract_rows",
    "kpi_actuals",
    "kpi_chart_data",
    "phase_bars",
    "plan_deck",
    "proposal_deck",
    "report_deck",
    "results_rows",
    "slide_titles",
]


def slide_titles(plan: Plan, lang: str = "fr", kind: str = "proposal") -> list[str]:
    """The titles of a deck's slides, in order (the cover gives the brand's name)."""
    from pptx import Presentation as _open

    build = proposal_deck if kind == "proposal" else report_deck
    deck = _open(io.BytesIO(build(plan, lang)))
    titles = []
    for slide in deck.slides:
        if slide.shapes.title is not None:
            titles.append(slide.shapes.title.text_frame.text)
        else:
            texts = [
                s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text
            ]
            titles.append(texts[0] if texts else "")
    return titles
