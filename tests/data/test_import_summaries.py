"""What the import page says about a file and an import, written by the importer: how the file
was read, columns linked twice, the rows numbered as in the spreadsheet, what the import did."""

from __future__ import annotations

import pandas as pd
import pytest

from influkit.data import importer
from influkit.data.importer import INFLUENCER_TARGET as TARGET
from influkit.text import i18n

CSV = "pseudo;plateforme;abonnés\ncamille;instagram;12 500\nlea;tiktok;3 200\n".encode()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_csv_is_described_by_encoding_separator_and_size(lang):
    """The page says how it read a CSV: its encoding, its separator, the header's row, and how
    many rows and columns it found."""
    raw = importer.read_table(CSV, "liste.csv")
    text = importer.file_summary(raw, lang)
    assert i18n.t("importer.separator.semicolon", lang) in text
    expected = i18n.t(
        "importer.detected_csv",
        lang,
        encoding=i18n.t(f"importer.encoding.{raw.encoding.replace('-', '_')}", lang),
        separator=i18n.t("importer.separator.semicolon", lang),
        header_row="1",
        rows="2",
        columns="3",
    )
    assert text == expected


def test_a_column_linked_to_two_fields_is_named_with_both():
    """One column chosen for two fields is reported once, with both fields' labels."""
    mapping = {"handle": "pseudo", "display_name": "pseudo", "platform": "plateforme"}
    twice = importer.columns_used_twice(mapping, TARGET, "fr")
    assert twice == {
        "pseudo": [TARGET.field("handle").label("fr"), TARGET.field("display_name").label("fr")]
    }
    assert importer.columns_used_twice({"handle": "pseudo", "platform": None}, TARGET) == {}


def test_rows_keep_the_spreadsheets_numbers():
    """The preview's first column is the row number the trainee sees in their spreadsheet."""
    shown = importer.with_row_numbers(pd.DataFrame({"a": [1, 2]}), [3, 5], "en")
    assert list(shown.columns) == [i18n.t("importer.problems.row", "en"), "a"]
    assert list(shown.iloc[:, 0]) == [3, 5]


@pytest.mark.parametrize(
    "over_limit, warned", [(0, False), (12, True)], ids=["within the limit", "over the limit"]
)
def test_an_import_says_what_it_did_and_what_the_limit_left_out(over_limit, warned):
    """The page counts the influencers added, updated and kept, and warns when the plan's
    limit left some out."""
    report = importer.MergeReport(added=3, updated=1, skipped=2, over_limit=over_limit)
    done, warning = importer.merge_summary(report, "fr")
    assert done == i18n.t("importer.import_done", "fr", added="3", updated="1", skipped="2")
    assert (warning is not None) is warned
    if warned:
        assert "12" in warning


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_check_counts_valid_rows_rows_to_fix_and_rows_left_out(lang):
    """The check says how many rows are valid and how many need fixing, each in the
    language's plural; rows left out get a line of their own only when there are some."""
    raw = importer.read_table(CSV, "liste.csv")
    mapping = importer.suggest_mapping(raw.columns, TARGET, raw.frame)
    result = importer.apply_mapping(raw, mapping, TARGET)
    counts, ignored = importer.check_summary(result, lang)
    valid = i18n.plural("importer.count_valid", 2, lang, n="2")
    to_fix = i18n.plural("importer.count_to_fix", 0, lang, n="0")
    assert counts == i18n.t("importer.counts", lang, valid=valid, to_fix=to_fix)
    assert ignored is None


def test_an_influencer_in_use_says_where_before_removal():
    """An imported influencer the plan uses cannot be removed; the reason names the parts of
    the plan that use them."""
    text = importer.removal_blocked(["shortlist", "deliverables"], "fr")
    assert i18n.t("importer.uses.shortlist", "fr") in text
    assert i18n.t("importer.uses.deliverables", "fr") in text
