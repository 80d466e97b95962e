"""Filtering a table and writing it out: filters combine, and text never turns into a formula."""

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from influkit.exports.safe_files import filter_frame, neutralise, to_csv_bytes, to_xlsx_bytes

FRAME = pd.DataFrame(
    {
        "handle": ["@lea", "@marc", "@zoe", "=cmd"],
        "platform": ["instagram", "tiktok", "instagram", "x"],
        "followers": [1200, 54000, 980000, 15],
        "published_at": pd.to_datetime(["2026-01-05", "2026-03-01", "2026-06-30", "2026-07-01"]),
    }
)


@pytest.mark.parametrize(
    "search, conditions, expected",
    [
        ("", {}, ["@lea", "@marc", "@zoe", "=cmd"]),
        ("ZO", {}, ["@zoe"]),
        ("", {"platform": ["instagram"]}, ["@lea", "@zoe"]),
        ("", {"platform": []}, ["@lea", "@marc", "@zoe", "=cmd"]),
        ("", {"followers": (1000, 60000)}, ["@lea", "@marc"]),
        (
            "",
            {
                "published_at": (
                    pd.Timestamp("2026-03-01").date(),
                    pd.Timestamp("2026-06-30").date(),
                )
            },
            ["@marc", "@zoe"],
        ),
        ("l", {"platform": ["instagram"], "followers": (0, 5000)}, ["@lea"]),
        ("", {"unknown": ["x"]}, ["@lea", "@marc", "@zoe", "=cmd"]),
    ],
)
def test_filters_combine(search, conditions, expected):
    """Each filter narrows the rows; together they all apply."""
    assert filter_frame(FRAME, search=search, conditions=conditions)["handle"].tolist() == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+33 6 12", "'+33 6 12"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Bonjour = salut", "Bonjour = salut"),
        (42, 42),
    ],
)
def test_formula_like_text_is_neutralised(text, expected):
    """Text that a spreadsheet would run as a formula is written as plain text."""
    assert neutralise(text) == expected


def test_csv_in_french_opens_in_excel():
    """French CSV uses ';', decimal commas and a BOM, and keeps formula-like text inert."""
    frame = pd.DataFrame({"name": ["=1+1", "ok"], "er": [0.032, 1.5]})
    raw = to_csv_bytes(frame, "fr")
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0] == "name;er"
    assert "'=1+1;0,032" in text


def test_xlsx_keeps_text_as_text():
    """In the XLSX download a cell starting with '=' is text, not a formula."""
    wb = load_workbook(io.BytesIO(to_xlsx_bytes(FRAME, "influencers")))
    sheet = wb["influencers"]
    assert [c.value for c in sheet[1]] == list(FRAME.columns)
    values = [sheet.cell(row=r, column=1).value for r in range(2, 6)]
    assert values == ["@lea", "@marc", "@zoe", "=cmd"]
    assert all(sheet.cell(row=r, column=1).data_type == "s" for r in range(2, 6))
    assert sheet.freeze_panes == "A2"


@pytest.mark.parametrize(
    "text, written",
    [
        ("Nom\x0bavec tabulation verticale", "Nomavec tabulation verticale"),
        ("nul\x00 et échappement\x1b", "nul et échappement"),
        ("lone \ud800 surrogate", "lone  surrogate"),
        ("=SOMME(A1)", "=SOMME(A1)"),
    ],
)
def test_xlsx_download_never_fails_on_characters_a_file_cannot_hold(text, written):
    """A table holding a control character from an imported file still downloads as XLSX."""
    frame = pd.DataFrame({"Nom\x0b": pd.Series([text], dtype=object), "n": [float("inf")]})
    data = to_xlsx_bytes(frame, "feuille: [1]/?\x0b")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value == "Nom"
    assert sheet["A2"].value == written
    assert sheet["B2"].value is None
