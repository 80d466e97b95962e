"""User-facing errors: a message key from the locale catalogue and its parameters, never a traceback."""

from __future__ import annotations


class UserError(ValueError):
    """An error the user can fix; `key` names its message in the locale catalogue.

    Pages show it with ``influkit.text.i18n.t(err.key, lang, **err.params)``; the English text
    passed to ``ValueError`` keeps logs and tests readable.
    """

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(f"{key} {params}" if params else key)

    def message(self, lang: str) -> str:
        """The message in the user's language."""
        from influkit.text.i18n import t

        return t(self.key, lang, **self.params)
