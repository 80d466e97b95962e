"""The session's records, through AppTest, in French and in English: results confirmed by the
trainer, attendance, and the attestations to download."""

import pytest

from influkit.classroom.store import get_classroom_store
from influkit.text import i18n

from ..helpers import (
    LANGS,
    assert_clean,
    class_session,
    run_page,
)


@pytest.mark.parametrize("lang", LANGS)
def test_the_trainer_confirms_results_and_downloads_the_attestations(lang):
    """After confirming each objective's result, the trainer gets the attestations and the
    evidence workbook; quiz statistics, positioning and attendance open too."""
    _, secret, seats = class_session(names=["Ana Lopes", "Bruno Petit"])
    at = run_page("class_records", lang, timeout=90, formateur=secret)
    assert_clean(at)
    for tab in ("tab_quiz_stats", "tab_positioning_class", "tab_attendance", "tab_attestations"):
        at.session_state["records_tab"] = i18n.t(f"classroom.{tab}", lang)
        at.run()
        assert_clean(at)
    at.button(key="records_confirm").click()
    at.run()
    assert_clean(at)
    record = get_classroom_store().session_by_secret(secret).record
    assert set(record.issued) == {s.participant_id for s in seats}
    assert record.validations[seats[0].participant_id]["examine"] == "in_progress"
    assert len(at.get("download_button")) == 2 + len(seats)
