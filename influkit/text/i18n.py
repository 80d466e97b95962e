"""Locale catalogues: every string a user reads, in French first and English second.

Catalogues live in ``influkit/text/locales/<lang>/*.json``; each file is one namespace, so a key
``plan.saved`` is the entry ``saved`` of ``locales/<lang>/plan.json``. Values are
``str.format`` templates.

A template whose parameters the caller did not pass is a bug a trainee must never see as
``{count}``: under pytest, or with ``INFLUKIT_STRICT=1`` (CI and the servers it starts),
:func:`t` raises :class:`MessageFormatError`; in production it logs the fault and writes the
message with the missing parts left blank.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from functools import cache
from pathlib import Path

from babel import Locale

LANGUAGES: tuple[str, ...] = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
#: The Babel locale of each language: its number, date, list and plural rules.
LOCALES: dict[str, str] = {"fr": "fr_FR", "en": "en_GB"}
LOCALES_DIR = Path(__file__).parent / "locales"
_PLACEHOLDER = re.compile(r"(?<!\{)\{[^{}]*\}(?!\})")

logger = logging.getLogger(__name__)


class MessageFormatError(KeyError):
    """A catalogue message was asked for without the parameters its template needs."""


def strict() -> bool:
    """Whether a faulty message raises (tests, ``INFLUKIT_STRICT=1``) rather than being patched."""
    return os.environ.get("INFLUKIT_STRICT") == "1" or "pytest" in sys.modules


class _Blank(dict):
    """The parameters given; a missing one reads as nothing."""

    def __missing__(self, key: str) -> str:
        return ""


def normalize_language(lang: str | None) -> str:
    """Return a supported language code, falling back to French."""
    lang = (lang or "").strip().lower()[:2]
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All the messages of one language, flattened to ``namespace.key`` entries."""
    messages: dict[str, str] = {}
    for path in sorted((LOCALES_DIR / lang).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        _flatten(path.stem, data, messages)
    return messages


def _flatten(prefix: str, data: dict, out: dict[str, str]) -> None:
    for key, value in data.items():
        full = f"{prefix}.{key}"
        if isinstance(value, dict):
            _flatten(full, value, out)
        else:
            out[full] = str(value)


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``params``.

    A key missing from the catalogue is shown as the key itself (tests make sure none is).
    A parameter the template needs and the caller left out raises :class:`MessageFormatError`
    under tests (see :func:`strict`); in production it is logged and left blank.
    """
    template = catalogue(normalize_language(lang)).get(key)
    if template is None:
        return key
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError, TypeError, AttributeError) as err:
        if strict():
            raise MessageFormatError(
                f"message {key!r} ({lang}) cannot be written with {sorted(params)}: {err!r}"
            ) from err
        logger.warning(
            "message %r (%s) cannot be written with %s: %r", key, lang, sorted(params), err
        )
        return _fallback(template, params)


def _fallback(template: str, params: dict[str, object]) -> str:
    """The message with what can be written, and nothing where a parameter is missing."""
    try:
        return template.format_map(_Blank(params))
    except (IndexError, ValueError, TypeError, AttributeError):
        return _PLACEHOLDER.sub("", template).replace("{{", "{").replace("}}", "}")


def plural_key(key: str, count: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """``key_one``, ``key_other``… as the language's plural rules (CLDR, through Babel) pick for
    ``count``: French says ``0 ligne``, English ``0 lines``. A category the catalogue does not
    write (French ``many`` for a million) falls back on ``key_other``."""
    lang = normalize_language(lang)
    chosen = f"{key}_{_locale(lang).plural_form(abs(count))}"
    return chosen if has(chosen, lang) else f"{key}_other"


def plural(key: str, count: float, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The message ``key_<plural form of count>`` in ``lang``, formatted with ``params``."""
    return t(plural_key(key, count, lang), lang, **params)


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES[lang])


def has(key: str, lang: str = DEFAULT_LANGUAGE) -> bool:
    """Whether the catalogue of ``lang`` holds ``key``."""
    return key in catalogue(normalize_language(lang))


def label(namespace: str, code: str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """The readable label of a data code (a platform, a niche…), or the code when none exists."""
    if code is None or code == "":
        return ""
    key = f"{namespace}.{code}"
    return t(key, lang) if has(key, lang) else str(code)
