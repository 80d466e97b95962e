"""The name of every file influkit writes (influkit.exports.file_name): the kind of file, the
brand and the day, in the user's language."""

from __future__ import annotations

import datetime as dt

import pytest

from influkit.data import datasets
from influkit.exports import file_name
from influkit.plan.model import Plan


@pytest.mark.parametrize(
    "kind, lang, expected",
    [
        ("workbook", "fr", "plan-biscuiterie-kerbihan-2027-01-15.xlsx"),
        ("deck", "en", "presentation-biscuiterie-kerbihan-2027-01-15.pptx"),
        ("report", "fr", "bilan-biscuiterie-kerbihan-2027-01-15.pptx"),
        ("report", "en", "report-biscuiterie-kerbihan-2027-01-15.pptx"),
        ("template", "fr", "modele-plan-influkit.xlsx"),
        ("template", "en", "influkit-plan-template.xlsx"),
        ("json", "fr", "plan-biscuiterie-kerbihan-2027-01-15.json"),
    ],
)
def test_file_names_say_what_they_are(kind, lang, expected):
    """File names carry the kind of file, the brand and the day."""
    plan = Plan.from_case(datasets.case("terroir-regional"), lang)
    assert file_name(kind, plan, lang, dt.date(2027, 1, 15)) == expected
