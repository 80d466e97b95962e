"""Both client decks of every case, rendered by LibreOffice Impress to PDF and read back as a
client would see them: nothing cut, no word broken mid-way, text inside its box, and the
proposal (made before the campaign) shows no measured result."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from pptx import Presentation
from pptx.util import Pt

from influkit.data import datasets
from influkit.exports import textfit
from influkit.exports.deck import kpi_actuals, proposal_deck, report_deck
from influkit.identify import profiles
from influkit.kpis import fmt_kpi, kpi_label
from influkit.text.i18n import t

from ..helpers import libreoffice_convert, missing_tool, rich_plan, soffice_path

CASES = datasets.cases()
VARIANTS = {
    f"{case['case_id']}-{kind}": (i, "fr" if i % 2 == 0 else "en", kind)
    for i, case in enumerate(CASES)
    for kind in ("proposal", "report")
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Every deck as PPTX bytes and as the text of its PDF pages, in one LibreOffice call."""
    if soffice_path() is None or shutil.which("pdftotext") is None:
        missing_tool("LibreOffice Impress and pdftotext")
    base = tmp_path_factory.mktemp("decks")
    files, out = [], {}
    for name, (index, lang, kind) in VARIANTS.items():
        plan = rich_plan(CASES[index], lang)
        data = (proposal_deck if kind == "proposal" else report_deck)(plan, lang)
        path = base / f"{name}.pptx"
        path.write_bytes(data)
        files.append(path)
        out[name] = (plan, lang, kind, data)
    libreoffice_convert(files, "pdf", base, timeout=600)
    texts = {}
    for name in VARIANTS:
        pdf = base / f"{name}.pdf"
        assert pdf.exists(), name
        texts[name] = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True
        ).stdout.decode("utf-8")
    return {name: (*out[name], texts[name]) for name in VARIANTS}


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines()]


def _table_cells(data: bytes) -> list[str]:
    deck = Presentation(io.BytesIO(data))
    return [
        cell.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    ]


@pytest.mark.libreoffice
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_no_word_of_a_table_is_broken_mid_way(rendered, variant):
    """Every word of every table cell (handles, KPI names, headers, amounts) is printed whole
    on one line of the PDF: no "@oceane_au_nature|l", no "Taux d'engagemen|t"."""
    *_, data, text = rendered[variant]
    printed = set()
    for line in _lines(text):
        printed.update(line.split(" "))
    broken = {
        word
        for cell in _table_cells(data)
        for word in textfit.words(cell.replace("\u202f", " ").replace("\xa0", " "))
        if len(word) > 2 and word not in printed and not any(word in line for line in _lines(text))
    }
    assert not broken, sorted(broken)


@pytest.mark.libreoffice
@pytest.mark.parametrize("variant", [v for v in VARIANTS if v.endswith("proposal")])
def test_every_handle_and_kpi_appears_whole_on_one_line(rendered, variant):
    """The proposal prints each shortlisted handle and each KPI name on one line."""
    plan, lang, _, _, text = rendered[variant]
    lines = _lines(text)
    handles = profiles.shortlist_table(plan)["handle"].dropna().tolist()
    names = [kpi_label(k.kpi, lang) for k in plan.kpi_targets if kpi_label(k.kpi, lang) != k.kpi]
    missing = [w for w in [*handles, *names] if not any(w in line for line in lines)]
    assert handles and not missing, missing


@pytest.mark.libreoffice
@pytest.mark.parametrize("variant", [v for v in VARIANTS if v.endswith("proposal")])
def test_the_proposal_carries_no_actual_figure(rendered, variant):
    """Made before the campaign, the proposal shows targets and what the forecast expects —
    never a measured result, nor an "actual" column or series."""
    plan, lang, _, _, text = rendered[variant]
    assert plan.results  # the plan has results: the proposal must still leave them out
    assert t("exports.dashboard.series_actual", lang) not in text
    assert t("exports.deck.results_actual", lang) not in text
    flat = " ".join(text.split())
    for code, value in kpi_actuals(plan).items():
        if code in ("impressions", "reach", "engagements", "clicks", "conversions", "revenue"):
            shown = " ".join(fmt_kpi(code, value, lang).split())
            if len(re.sub(r"\D", "", shown)) >= 4:  # short numbers recur by chance
                assert not re.search(rf"(?<![\d,.]){re.escape(shown)}(?![\d,.])", flat), shown


@pytest.mark.libreoffice
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_nothing_is_cut_with_an_ellipsis(rendered, variant):
    """No text is shortened with "…" to fit: it shrinks or goes on to the next slide."""
    *_, text = rendered[variant]
    assert "…" not in text.replace("(…)", "")


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_text_box_holds_its_text_by_measure(variant):
    """Measured on the deck's font, each text box's paragraphs fit inside the box at the
    size they are written in (a box never overflows onto the slide below)."""
    index, lang, kind = VARIANTS[variant]
    plan = rich_plan(CASES[index], lang)
    data = (proposal_deck if kind == "proposal" else report_deck)(plan, lang)
    deck = Presentation(io.BytesIO(data))
    over = []
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame or shape.shape_type == 14 or not shape.text_frame.text:
                continue
            frame = shape.text_frame
            paragraphs = [p for p in frame.paragraphs if "".join(r.text for r in p.runs)]
            sizes = [r.font.size for p in paragraphs for r in p.runs if r.font.size]
            if not sizes:
                continue
            size = max(s.pt for s in sizes)
            texts = ["".join(r.text for r in p.runs) for p in paragraphs]
            width = (shape.width - frame.margin_left - frame.margin_right) / Pt(1)
            height = (shape.height - frame.margin_top - frame.margin_bottom) / Pt(1)
            fitted = textfit.fit(texts, width, height, size, size)
            if fitted.count < len(texts):
                over.append((number, texts[0][:40]))
    assert not over, over


@pytest.mark.libreoffice
def test_report_draws_targets_and_actuals_as_two_series(rendered):
    """The report's KPI chart draws both the target and the actual series."""
    name = next(n for n in VARIANTS if n.endswith("report"))
    plan, lang, _, data, _ = rendered[name]
    deck = Presentation(io.BytesIO(data))
    charts = [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart]
    names = [[series.name for series in chart.plots[0].series] for chart in charts]
    wanted = [
        t("exports.dashboard.series_target", lang),
        t("exports.dashboard.series_actual", lang),
    ]
    assert any(all(w in n for w in wanted) for n in names), names
    assert re.search(r"EMV", " ".join(s.name for c in charts for s in c.plots[0].series)) is None
