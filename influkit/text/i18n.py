"""Locale catalogues: every string a user reads, in French first and English second.

Catalogues live in ``influkit/text/locales/<lang>/*.json``; each file is one namespace, so a key
``plan.saved`` is the entry ``saved`` of ``locales/<lang>/plan.json``. Values are
``str.format`` templates.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

LANGUAGES: tuple[str, ...] = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
LOCALES_DIR = Path(__file__).parent / "locales"


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
    """
    template = catalogue(normalize_language(lang)).get(key)
    if template is None:
        return key
    try:
        return template.format(**params) if params else template
    except (KeyError, IndexError, ValueError):
        return template


def has(key: str, lang: str = DEFAULT_LANGUAGE) -> bool:
    """Whether the catalogue of ``lang`` holds ``key``."""
    return key in catalogue(normalize_language(lang))


def label(namespace: str, code: str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """The readable label of a data code (a platform, a niche…), or the code when none exists."""
    if code is None or code == "":
        return ""
    key = f"{namespace}.{code}"
    return t(key, lang) if has(key, lang) else str(code)
