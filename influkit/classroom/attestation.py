"""The end-of-course attestation (one PDF per trainee, a zip for the class) and the session's
evidence workbook.

Each learning objective gets a result — acquired or in progress — suggested from the evidence
(the quizzes of its modules and the final quiz, the self-positioning at the end) and confirmed
or changed by the trainer before issuing (Code du travail L6353-1: only objectives actually
assessed are listed as acquired). PDFs are written with fpdf2 and an embedded DejaVu font, so
accents print and the text can be extracted.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from influkit.classroom import positioning, quiz
from influkit.classroom.session import COURSE_REFERENCE, ParticipantWork, SessionInfo
from influkit.text.formats import fmt_date, fmt_number
from influkit.text.i18n import normalize_language, t

#: A quiz share from which an objective counts as acquired.
PASS_SHARE = 0.6
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
)


@dataclass(frozen=True)
class Evidence:
    """What the assessment of one objective rests on for one trainee."""

    objective: str
    quiz_share: float  # NaN when no quiz of the objective was submitted
    quizzes: int
    level_before: float
    level_after: float

    @property
    def assessed(self) -> bool:
        """Whether a quiz of the objective was actually taken."""
        return self.quizzes > 0

    @property
    def suggested(self) -> str:
        """``acquired`` when assessed with a quiz share ≥ 60 % and, if the trainee rated
        themselves at the end, a self-rating of at least 3; else ``in_progress``."""
        if not self.assessed or self.quiz_share < PASS_SHARE:
            return "in_progress"
        if not math.isnan(self.level_after) and self.level_after < positioning.CAN_DO:
            return "in_progress"
        return "acquired"


def submitted_score(
    quiz_id: str,
    answers: Mapping[str, Sequence[int]],
    lang: str = "fr",
    banks: Mapping[str, str] | None = None,
):
    """The score of a submitted quiz: the trainer's own questions for the session when given,
    else the fixed questions plus the plan questions it was asked."""
    custom = quiz.custom_bank(banks, quiz_id, lang)
    if custom is not None:
        return quiz.score(custom, answers)
    questions = [q for q in quiz.bank(quiz_id, lang) if not quiz.fields_of(q) or q.title in answers]
    return quiz.score(questions, answers)


def evidence(
    work: ParticipantWork, lang: str = "fr", banks: Mapping[str, str] | None = None
) -> dict[str, Evidence]:
    """Per objective: the mean share of its submitted quizzes (with the final one) and the
    self-positioning before and after."""
    shares = {
        quiz_id: submitted_score(quiz_id, work.answers.get(quiz_id, {}), lang, banks).share
        for quiz_id in work.submitted
        if quiz_id in quiz.QUIZZES
    }
    before = work.positioning.get("before", {})
    after = work.positioning.get("after", {})
    out: dict[str, Evidence] = {}
    for objective in positioning.OBJECTIVES:
        taken = [
            shares[q]
            for q in (*positioning.OBJECTIVE_MODULES[objective], "final")
            if q in shares and not math.isnan(shares[q])
        ]
        out[objective] = Evidence(
            objective=objective,
            quiz_share=sum(taken) / len(taken) if taken else math.nan,
            quizzes=len(taken),
            level_before=positioning.objective_level(before, objective),
            level_after=positioning.objective_level(after, objective),
        )
    return out


def results(
    work: ParticipantWork,
    confirmed: Mapping[str, str],
    lang: str = "fr",
    banks: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The result per objective: the trainer's confirmation where given, else the suggestion."""
    suggested = {o: e.suggested for o, e in evidence(work, lang, banks).items()}
    return {o: confirmed.get(o, suggested[o]) for o in positioning.OBJECTIVES}


# --- PDF ---------------------------------------------------------------------------------------


def font_path(bold: bool = False) -> Path:
    """The DejaVu Sans font file (bold or regular) of the system."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        for candidate in (folder / name, *folder.rglob(name)) if folder.exists() else ():
            if candidate.exists():
                return candidate
    raise FileNotFoundError(name)


@dataclass(frozen=True)
class AttestationData:
    """Everything printed on one attestation."""

    trainee: str
    info: SessionInfo
    results: Mapping[str, str]
    attended_half_days: int
    half_days: int
    issued_on: dt.date


def _period(info: SessionInfo, lang: str) -> str:
    return t(
        "classroom.att_period", lang, start=fmt_date(info.start, lang), end=fmt_date(info.end, lang)
    )


def attestation_lines(data: AttestationData, lang: str = "fr") -> list[tuple[str, str]]:
    """The attestation as (style, text) lines, in order: what the PDF prints."""
    lang = normalize_language(lang)
    info = data.info
    lines: list[tuple[str, str]] = [
        ("title", t("classroom.att_title", lang)),
        ("body", t("classroom.att_intro", lang, organisation=info.organisation or "—")),
        ("strong", data.trainee),
        ("body", t("classroom.att_followed", lang)),
        ("strong", t("classroom.course_title", lang)),
        ("field", t("classroom.att_reference", lang, reference=COURSE_REFERENCE)),
        ("field", t("classroom.att_nature", lang)),
        ("field", _period(info, lang)),
        (
            "field",
            t(
                "classroom.att_duration",
                lang,
                hours=fmt_number(info.hours, lang, 1 if info.hours % 1 else 0),
            ),
        ),
        ("field", t("classroom.att_place", lang, place=info.place or "—")),
        (
            "field",
            t(
                "classroom.att_attendance",
                lang,
                attended=data.attended_half_days,
                total=data.half_days,
            ),
        ),
        ("heading", t("classroom.att_objectives", lang)),
    ]
    for objective in positioning.OBJECTIVES:
        result = data.results.get(objective, "in_progress")
        lines.append(
            (
                "objective",
                t(f"classroom.objective_{objective}", lang)
                + " — "
                + t(f"classroom.result_{result}", lang),
            )
        )
    lines += [
        ("heading", t("classroom.att_methods_title", lang)),
        ("body", t("classroom.att_methods", lang)),
        ("heading", t("classroom.att_signature_title", lang)),
        (
            "body",
            t(
                "classroom.att_signed",
                lang,
                place=info.place or "—",
                date=fmt_date(data.issued_on, lang),
            ),
        ),
        ("body", t("classroom.att_trainer", lang, trainer=info.trainer_name or "—")),
        ("body", t("classroom.att_signature", lang)),
    ]
    return lines


def attestation_pdf(data: AttestationData, lang: str = "fr") -> bytes:
    """One attestation as a PDF (A4, DejaVu Sans embedded, text extractable)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_font("DejaVu", "", str(font_path()))
    pdf.add_font("DejaVu", "B", str(font_path(bold=True)))
    title = t("classroom.att_title", lang)
    pdf.set_title(f"{title} — {data.trainee}")
    pdf.set_author(data.info.organisation or "influkit")
    pdf.set_creator("influkit")
    pdf.add_page()
    pdf.set_margins(22, 20, 22)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for style, text in attestation_lines(data, lang):
        pdf.set_x(pdf.l_margin)
        if style == "title":
            pdf.set_font("DejaVu", "B", 18)
            pdf.multi_cell(width, 10, text, align="C")
            pdf.ln(6)
        elif style == "heading":
            pdf.ln(4)
            pdf.set_font("DejaVu", "B", 12)
            pdf.multi_cell(width, 7, text, align="L")
            pdf.ln(1)
        elif style == "strong":
            pdf.set_font("DejaVu", "B", 12)
            pdf.multi_cell(width, 7, text, align="C")
            pdf.ln(1)
        elif style == "objective":
            pdf.set_font("DejaVu", "", 11)
            pdf.multi_cell(width, 6, "• " + text, align="L")
        elif style == "field":
            pdf.set_font("DejaVu", "", 11)
            pdf.multi_cell(width, 6, text, align="L")
        else:
            pdf.set_font("DejaVu", "", 11)
            pdf.multi_cell(width, 6, text, align="L")
            pdf.ln(1)
    # The signature box
    pdf.ln(2)
    pdf.rect(pdf.l_margin, pdf.get_y(), 80, 28)
    return bytes(pdf.output())


def safe_file_name(name: str) -> str:
    """A file name from a trainee's name (letters, digits, dashes)."""
    import unicodedata

    bare = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in bare if not unicodedata.combining(c))
    slug = re.sub(r"[^A-Za-z0-9]+", "-", bare).strip("-").lower()
    return slug or "stagiaire"


def attestations_zip(items: Sequence[AttestationData], lang: str = "fr") -> bytes:
    """Every attestation of a session in one zip, one PDF per trainee."""
    buffer = io.BytesIO()
    used: set[str] = set()
    prefix = t("classroom.att_file_prefix", lang)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for data in items:
            stem = f"{prefix}-{safe_file_name(data.trainee)}"
            name, n = stem, 2
            while name in used:
                name, n = f"{stem}-{n}", n + 1
            used.add(name)
            archive.writestr(f"{name}.pdf", attestation_pdf(data, lang))
    return buffer.getvalue()


# --- the evidence workbook ---------------------------------------------------------------------


@dataclass(frozen=True)
class TraineeRecord:
    """One trainee's evidence for the workbook."""

    name: str
    work: ParticipantWork
    attendance: Mapping[str, bool]
    results: Mapping[str, str]


def evidence_workbook(
    info: SessionInfo,
    trainees: Sequence[TraineeRecord],
    lang: str = "fr",
    banks: Mapping[str, str] | None = None,
) -> bytes:
    """The session's evidence for the provider's records (Qualiopi indicators 8 and 11):
    positioning at entry and exit, quiz results, objective results, attendance per half-day."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    lang = normalize_language(lang)
    book = Workbook()
    bold = Font(bold=True)

    def sheet(title_key: str, header: list[str], rows: list[list[object]], first: bool = False):
        ws = book.active if first else book.create_sheet()
        ws.title = t(title_key, lang)[:31]
        ws.append(header)
        for cell in ws[1]:
            cell.font = bold
        for row in rows:
            ws.append(row)
        for column in ws.columns:
            width = max(len(str(c.value or "")) for c in column)
            ws.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
        ws.freeze_panes = "B2"
        return ws

    trainee = t("classroom.col_trainee", lang)
    items = positioning.ITEMS
    item_labels = [t(f"classroom.item_{item.replace('-', '_')}", lang) for item in items]
    rows = []
    for record in trainees:
        for phase in positioning.PHASES:
            grid = record.work.positioning.get(phase, {})
            rows.append(
                [record.name, t(f"classroom.phase_{phase}", lang), *(grid.get(i) for i in items)]
            )
    sheet(
        "classroom.wb_positioning",
        [trainee, t("classroom.col_phase", lang), *item_labels],
        rows,
        first=True,
    )

    quiz_labels = [t(f"classroom.quiz_{q.replace('-', '_')}", lang) for q in quiz.QUIZZES]
    rows = []
    for record in trainees:
        row: list[object] = [record.name]
        for quiz_id in quiz.QUIZZES:
            if quiz_id in record.work.submitted:
                answers = record.work.answers.get(quiz_id, {})
                share = submitted_score(quiz_id, answers, lang, banks).share
                row.append(share)
            else:
                row.append(None)
        rows.append(row)
    ws = sheet("classroom.wb_evaluations", [trainee, *quiz_labels], rows)
    for row in ws.iter_rows(min_row=2, min_col=2):
        for cell in row:
            cell.number_format = "0%"  # a share, so the provider's spreadsheet can average it

    objective_labels = [t(f"classroom.objective_{o}", lang) for o in positioning.OBJECTIVES]
    rows = [
        [
            r.name,
            *(
                t(f"classroom.result_{r.results.get(o, 'in_progress')}", lang)
                for o in positioning.OBJECTIVES
            ),
        ]
        for r in trainees
    ]
    sheet("classroom.wb_results", [trainee, *objective_labels], rows)

    halves = info.half_days()
    rows = [
        [
            r.name,
            *(
                t("classroom.present", lang) if r.attendance.get(h) else t("classroom.absent", lang)
                for h in halves
            ),
        ]
        for r in trainees
    ]
    sheet("classroom.wb_attendance", [trainee, *(half_day_label(h, lang) for h in halves)], rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def half_day_label(key: str, lang: str = "fr") -> str:
    """A half-day key (``2026-12-07-am``) as people read it (``07/12/2026 matin``)."""
    day, half = key.rsplit("-", 1)
    return f"{fmt_date(dt.date.fromisoformat(day), lang)} {t(f'classroom.half_{half}', lang)}"
