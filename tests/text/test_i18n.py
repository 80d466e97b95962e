"""Locale catalogues: every message exists in French and English, and every key used exists."""

import re
import string

import pytest

from influkit.text import i18n

from ..helpers import ROOT

SOURCES = [
    ROOT / "app.py",
    *sorted((ROOT / "pages").glob("*.py")),
    *sorted((ROOT / "ui").glob("*.py")),
    *sorted((ROOT / "influkit").rglob("*.py")),
]
# t("key"), t('key'), UserError("key"), message_key="key" — literal keys only.
KEY_USE = re.compile(r"""(?:\bt|UserError|message_key=|key=)\(?\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")


def test_french_and_english_hold_the_same_keys():
    """No message is missing in one language."""
    fr, en = set(i18n.catalogue("fr")), set(i18n.catalogue("en"))
    assert sorted(fr - en) == [], "missing in English"
    assert sorted(en - fr) == [], "missing in French"


def test_placeholders_match_between_languages():
    """A message takes the same parameters in both languages."""
    formatter = string.Formatter()
    fr, en = i18n.catalogue("fr"), i18n.catalogue("en")
    for key in fr:
        fr_fields = {f for _, f, _, _ in formatter.parse(fr[key]) if f}
        en_fields = {f for _, f, _, _ in formatter.parse(en[key]) if f}
        assert fr_fields == en_fields, key


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_literal_key_used_in_the_code_exists(source):
    """A key written in the code is in the catalogue (else the user would read the key)."""
    text = source.read_text(encoding="utf-8")
    namespaces = {key.split(".")[0] for key in i18n.catalogue("fr")}
    for key in KEY_USE.findall(text):
        if key.split(".")[0] in namespaces:
            assert i18n.has(key, "fr"), f"{key} used in {source.name}"


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("fr", "fr"),
        ("en", "en"),
        ("EN", "en"),
        ("en-GB", "en"),
        ("de", "fr"),
        (None, "fr"),
        ("", "fr"),
    ],
)
def test_unknown_languages_fall_back_to_french(lang, expected):
    """French is the default; any unsupported language falls back to it."""
    assert i18n.normalize_language(lang) == expected


def test_a_message_is_formatted_with_its_parameters():
    """Parameters fill the message; a missing key shows itself so tests can catch it."""
    assert "12" in i18n.t("datapage.rows", "fr", shown=12, total=40)
    assert i18n.t("no.such_key", "fr") == "no.such_key"
