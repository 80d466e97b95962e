"""A message never shows a raw ``{placeholder}``: tests fail, production patches and logs."""

from __future__ import annotations

import logging

import pytest

from influkit.text import i18n


def _key_with(placeholder: str) -> str:
    return next(k for k, v in i18n.catalogue("fr").items() if "{" + placeholder + "}" in v)


def test_tests_run_strictly():
    """Under pytest every message fault raises, so no page test can hide one."""
    assert i18n.strict()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_missing_parameter_raises_under_tests(lang):
    """A message asked for without its count fails the test instead of showing '{count}'."""
    key = _key_with("count")
    with pytest.raises(i18n.MessageFormatError, match=key):
        i18n.t(key, lang)


def test_strict_mode_is_set_by_the_environment(monkeypatch):
    """INFLUKIT_STRICT=1 (CI and the servers it starts) makes faults raise outside pytest too."""
    monkeypatch.setenv("INFLUKIT_STRICT", "1")
    monkeypatch.delitem(__import__("sys").modules, "pytest")
    assert i18n.strict()
    monkeypatch.delenv("INFLUKIT_STRICT")
    assert not i18n.strict()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_production_leaves_a_missing_parameter_blank_and_logs(monkeypatch, caplog, lang):
    """In class, a faulty message still reads as a sentence, and the server log names the key."""
    monkeypatch.setattr(i18n, "strict", lambda: False)
    key = _key_with("count")
    with caplog.at_level(logging.WARNING, logger="influkit.text.i18n"):
        text = i18n.t(key, lang)
    assert "{" not in text and "}" not in text
    assert key in caplog.text


@pytest.mark.parametrize(
    ("template", "params", "expected"),
    [
        ("{a} and {b}", {"a": 1}, "1 and "),
        ("{a:,.0f} €", {}, " €"),
        ("{0} items", {}, " items"),
        ("braces {{ kept }} {a}", {}, "braces { kept } "),
    ],
)
def test_the_fallback_writes_what_it_can(template, params, expected):
    """The production fallback keeps the given parameters and drops only the missing ones."""
    assert i18n._fallback(template, params) == expected
