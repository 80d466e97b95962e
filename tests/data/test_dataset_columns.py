"""How the Data page shows each column of a sample dataset, read from the data dictionary."""

from __future__ import annotations

import pytest

from influkit.data import datasets


@pytest.mark.parametrize(
    "name, column, display",
    [
        ("influencers", "audience_credibility", "percent"),
        ("influencers", "price_per_post_eur", "euro"),
        ("influencers", "followers", "number"),
        ("influencers", "handle", "text"),
        ("posts", "published_at", "datetime"),
        ("influencers", "not_a_column", "text"),
    ],
)
def test_a_columns_unit_says_how_the_table_writes_it(name, column, display):
    """A share is written as a percentage, a price in euros, a count as a number, a moment
    as a date and time; a column the dictionary does not know is plain text."""
    assert datasets.column_display(name, column) == display


def test_every_dictionary_column_has_a_way_to_be_shown():
    """Each documented column of each dataset is shown in one of the known ways."""
    known = {"percent", "euro", "number", "date", "datetime", "text"}
    for name in datasets.DATASETS:
        for column in datasets.dictionary(name, "en")["column"]:
            assert datasets.column_display(name, column) in known, (name, column)
