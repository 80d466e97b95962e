"""A negotiation's confidential card, opened from its own link through AppTest, in French and in
English: that card alone, and a wrong link that says so."""

import pytest

from influkit.text import i18n

from ..helpers import LANGS, all_text, assert_clean, busy_relationship_plan


@pytest.mark.parametrize("lang", LANGS)
def test_card_link_shows_only_the_card(lang):
    """The card's own link opens that card alone: no menu, no plan in the sidebar, no other
    page's content."""
    token, plan = busy_relationship_plan(lang)
    deal = plan.relationship.deals[0]
    from streamlit.testing.v1 import AppTest

    from ..helpers import APP

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["card"] = deal.card_secret
    at.query_params["lang"] = lang
    at.run()
    assert_clean(at)
    assert len(at.title) == 1
    assert at.title[0].value.startswith(i18n.t("relationship.card.page_title", lang))
    assert not at.sidebar.children or all(not c for c in at.sidebar.children.values())
    text = all_text(at)
    assert token not in text
    assert plan.brief.brand not in text
    assert i18n.t("relationship.card.walk_away", lang) in " ".join(m.label for m in at.metric)


@pytest.mark.parametrize("lang", LANGS)
def test_a_wrong_card_link_says_so(lang):
    """A card link with an unknown or malformed secret says the card does not exist."""
    from streamlit.testing.v1 import AppTest

    from ..helpers import APP

    for secret in ("x" * 32, "not a secret"):
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["card"] = secret
        at.query_params["lang"] = lang
        at.run()
        assert_clean(at)
        assert at.error[0].value == i18n.t("relationship.card.not_found", lang)
