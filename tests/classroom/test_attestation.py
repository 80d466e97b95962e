"""The attestation: each objective's result comes from the quizzes, the self-positioning and
the trainer's confirmation; the PDF says everything the Code du travail asks, in French or
English, as extractable text; the evidence workbook keeps the session's records."""

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from influkit.classroom import attestation, quiz
from influkit.classroom.session import ParticipantWork, SessionInfo

INFO = SessionInfo(
    organisation="Formasup Val de Loire",
    trainer_name="Anne Roux",
    place="Tours",
    start=dt.date(2026, 12, 7),
    end=dt.date(2026, 12, 8),
)
NOW = dt.datetime(2026, 12, 8, 16, tzinfo=dt.UTC)


def _all_right(quiz_id):
    return {q.title: list(q.right_indices()) for q in quiz.bank(quiz_id) if not quiz.fields_of(q)}


def _all_wrong(quiz_id):
    return {
        q.title: [next(i for i, a in enumerate(q.answers) if not a.right)]
        for q in quiz.bank(quiz_id)
        if not quiz.fields_of(q)
    }


def _work(**answers):
    return ParticipantWork(
        answers=answers,
        submitted=dict.fromkeys(answers, NOW),
        positioning={"after": {"objective-examine": 4, "objective-identify": 2}},
    )


def test_an_objective_is_acquired_only_when_assessed_and_passed():
    """Passed quiz + a confident self-rating → acquired; a failed quiz, a low self-rating or no
    quiz at all → in progress (only objectives actually assessed are listed as acquired)."""
    work = _work(
        **{
            "module-1": _all_right("module-1"),
            "module-2": _all_right("module-2"),
            "module-7": _all_wrong("module-7"),
        }
    )
    evidence = attestation.evidence(work)
    assert evidence["examine"].suggested == "acquired"
    assert evidence["identify"].suggested == "in_progress"  # self-rated 2 at the end
    assert evidence["strategy"].suggested == "in_progress"  # never assessed
    assert evidence["communication"].suggested == "in_progress"  # quiz failed


def test_the_trainers_confirmation_wins():
    """The trainer confirms or changes each result before issuing."""
    work = _work(**{"module-1": _all_right("module-1")})
    results = attestation.results(work, {"examine": "in_progress", "strategy": "acquired"})
    assert results == {
        "examine": "in_progress",
        "identify": "in_progress",
        "strategy": "acquired",
        "communication": "in_progress",
    }


def _data(**results):
    full = {
        "examine": "acquired",
        "identify": "in_progress",
        "strategy": "acquired",
        "communication": "in_progress",
        **results,
    }
    return attestation.AttestationData("Élodie Martin", INFO, full, 3, 4, dt.date(2026, 12, 8))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            [
                "Attestation de fin de formation",
                "Formasup Val de Loire",
                "Élodie Martin",
                "L'impact des influenceurs — Marketing d'influence",
                "PUB-ECOM-12",
                "du 07/12/2026 au 08/12/2026",
                "Durée : 14 heures",
                "Lieu : Tours",
                "Examiner le fonctionnement du marketing d'influence — acquis",
                "Identifier les influenceurs et leurs attentes — en cours d'acquisition",
                "Modalités d'évaluation",
                "Autopositionnement",
                "Anne Roux",
                "Nature de l'action",
                "3 demi-journée(s) sur 4",
            ],
        ),
        (
            "en",
            [
                "End-of-course certificate",
                "Élodie Martin",
                "PUB-ECOM-12",
                "from 07/12/2026 to 08/12/2026",
                "Duration: 14 hours",
                "Design an effective communication plan — in progress",
                "Assessment methods",
                "Trainer: Anne Roux",
            ],
        ),
    ],
)
def test_the_pdf_text_names_everything_the_attestation_needs(lang, expected):
    """The PDF's extracted text names the provider, trainee, course, reference, dates, duration,
    place, nature of the action, the four objectives with results, methods and the trainer."""
    pdf = attestation.attestation_pdf(_data(), lang)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    for piece in expected:
        assert piece in text, piece
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_a_zip_holds_one_pdf_per_trainee_even_with_the_same_name():
    """All of a session's attestations download at once, one file each."""
    data = [_data(), _data()]
    with zipfile.ZipFile(io.BytesIO(attestation.attestations_zip(data, "fr"))) as archive:
        names = archive.namelist()
    assert names == ["attestation-elodie-martin.pdf", "attestation-elodie-martin-2.pdf"]


def test_the_evidence_workbook_keeps_positioning_results_and_attendance():
    """The provider's records: positioning, quiz results, objective results, attendance per half-day."""
    work = _work(**{"module-1": _all_right("module-1")})
    record = attestation.TraineeRecord(
        "Élodie Martin", work, {"2026-12-07-am": True, "2026-12-07-pm": True}, _data().results
    )
    book = load_workbook(io.BytesIO(attestation.evidence_workbook(INFO, [record], "fr")))
    assert book.sheetnames == ["Positionnement", "Évaluations", "Résultats", "Émargement"]
    attendance = [[c.value for c in row] for row in book["Émargement"].iter_rows()]
    assert attendance[0][1:] == [
        "07/12/2026 matin",
        "07/12/2026 après-midi",
        "08/12/2026 matin",
        "08/12/2026 après-midi",
    ]
    assert attendance[1] == ["Élodie Martin", "présent", "présent", "absent", "absent"]
    evaluations = [[c.value for c in row] for row in book["Évaluations"].iter_rows()]
    assert evaluations[1][:3] == ["Élodie Martin", 1.0, None]
    assert book["Évaluations"]["B2"].number_format == "0%"
