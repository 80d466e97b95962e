"""The Data page, through AppTest, in French and in English: every sample dataset with its
dictionary, its filters and its downloads."""

import pytest

from influkit.data import datasets
from influkit.text import i18n

from ..helpers import LANGS, assert_clean, run_page


@pytest.mark.parametrize("lang", LANGS)
def test_data_page_lists_every_dataset_with_its_dictionary(lang):
    """The Data page offers each sample dataset, its dictionary and both downloads."""
    at = run_page("data", lang=lang)
    assert_clean(at)
    chooser = at.selectbox(key="data_dataset")
    assert list(chooser.options) == [i18n.t(f"data.dataset.{n}", lang) for n in datasets.DATASETS]
    for name in datasets.DATASETS:
        at.selectbox(key="data_dataset").select(name).run()
        assert_clean(at)
        assert len(at.dataframe) >= 2  # the dictionary and the data itself
    labels = {b.label for b in at.get("download_button")}
    assert {i18n.t("datapage.download_csv", lang), i18n.t("datapage.download_xlsx", lang)} <= labels


@pytest.mark.parametrize("lang", LANGS)
def test_data_page_filters_narrow_the_rows(lang):
    """Searching a handle in the influencers shows only the matching rows."""
    at = run_page("data", lang=lang)
    frame = datasets.load("influencers")
    handle = frame["handle"].iloc[0]
    at.text_input(key="data_search_influencers").input(handle).run()
    assert_clean(at)
    shown = at.dataframe[-1].value
    assert 1 <= len(shown) < len(frame)
    assert handle in set(shown["handle"])
