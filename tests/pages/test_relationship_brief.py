"""The brief page (module 3), through AppTest, in French and in English: every section to edit and
the Word download."""

import pytest

from influkit.text import i18n

from ..helpers import LANGS, assert_clean, busy_relationship_plan, run_page


@pytest.mark.parametrize("lang", LANGS)
def test_brief_page_offers_the_word_download(lang):
    """The brief page shows every section to edit and a Word download."""
    token, plan = busy_relationship_plan(lang)
    at = run_page("relationship_brief", lang=lang, token=token)
    at.selectbox[0].set_value(plan.shortlisted_ids()[1]).run()
    assert_clean(at)
    assert len(at.text_area) == 9
    assert any(
        i18n.t("relationship.brief_page.download", lang) in str(el.proto)
        for el in at.get("download_button")
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_opens_on_a_busy_plan(lang):
    """With influencers contacted, negotiated and agreed, the page opens cleanly in the
    trainee's language."""
    token, _ = busy_relationship_plan(lang)
    at = run_page("relationship_brief", lang=lang, token=token)
    assert_clean(at)
    assert at.title[0].value == i18n.t("relationship.nav.brief", lang)
