"""Lists and plurals read as the language writes them, by Babel's rules, not by hand."""

from __future__ import annotations

import pytest

from influkit.text import i18n
from influkit.text.formats import fmt_list


@pytest.mark.parametrize(
    ("items", "lang", "style", "expected"),
    [
        ([], "fr", "standard", ""),
        (["Instagram"], "fr", "standard", "Instagram"),
        (["Instagram", "TikTok"], "fr", "standard", "Instagram et TikTok"),
        (["Instagram", "TikTok", "YouTube"], "fr", "standard", "Instagram, TikTok et YouTube"),
        (["Instagram", "TikTok", "YouTube"], "en", "standard", "Instagram, TikTok and YouTube"),
        (["Reel", "Story", "Post"], "fr", "or", "Reel, Story ou Post"),
        (["Reel", "Story", "Post"], "en", "or", "Reel, Story or Post"),
        ((n for n in ("a", "b")), "en", "standard", "a and b"),
    ],
)
def test_names_are_listed_as_a_sentence_lists_them(items, lang, style, expected):
    """Several names end with 'et' in French and 'and' in English, choices with 'ou' / 'or'."""
    assert fmt_list(items, lang, style) == expected


@pytest.mark.parametrize(
    ("lang", "count", "form"),
    [
        ("fr", 0, "one"),
        ("fr", 1, "one"),
        ("fr", 2, "other"),
        ("fr", 1_000_000, "other"),
        ("en", 0, "other"),
        ("en", 1, "one"),
        ("en", 2, "other"),
    ],
)
def test_the_plural_form_follows_the_language(lang, count, form):
    """French keeps 0 and 1 singular, English only 1; a form the catalogue lacks reads 'other'."""
    assert i18n.plural_key("importer.count_valid", count, lang) == f"importer.count_valid_{form}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_plural_message_is_written_with_its_count(lang):
    """'1 ligne valide', '2 lignes valides': the count and the words agree."""
    one = i18n.plural("importer.count_valid", 1, lang, n="1")
    two = i18n.plural("importer.count_valid", 2, lang, n="2")
    assert one == i18n.t("importer.count_valid_one", lang, n="1")
    assert two == i18n.t("importer.count_valid_other", lang, n="2")


def test_every_plural_message_has_its_other_form():
    """Each message written in plural forms has the 'other' form Babel falls back on."""
    for lang in i18n.LANGUAGES:
        keys = i18n.catalogue(lang)
        stems = {k.rsplit("_", 1)[0] for k in keys if k.endswith("_one")}
        stems &= {k.rsplit("_", 1)[0] for k in keys if k.endswith(("_other", "_many"))}
        assert all(f"{stem}_other" in keys for stem in stems), lang
