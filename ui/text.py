"""Showing what users and files wrote as text, never as markup.

Streamlit renders Markdown in ``st.markdown``, ``st.caption``, ``st.write`` of a string, alerts,
titles and widget labels: a name such as ``![p](http://…)`` would make every viewer's browser
fetch that address, and ``**…**``, HTML or ``:red[…]`` would change the page. Every text that
comes from a plan, an imported file or the address bar goes through :func:`plain` first (or is
shown with ``st.text``, ``st.code`` or in a table, which never interpret it).
"""

from __future__ import annotations

import re
from typing import Any

#: Every character Markdown (and Streamlit's directives, LaTeX and HTML) gives a meaning to.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&\"])")


def plain(text: Any) -> str:
    """Text from data or from the user, escaped so Markdown shows it exactly as typed."""
    if text is None:
        return ""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def defuse(message: str, plan: Any) -> str:
    """A sentence built by influkit (names, titles, notes inside), with every piece of the
    plan's own text in it escaped, so the sentence keeps its Markdown and the user's text none.
    """
    for text in _marked_texts(plan):
        if text in message:
            message = message.replace(text, plain(text))
    return message


def _marked_texts(plan: Any) -> list[str]:
    """The plan's texts holding a Markdown character, longest first (so none is split)."""
    if plan is None:
        return []
    found: set[str] = set()
    stack: list[Any] = [plan.model_dump(mode="python")]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if len(value) > 1 and _MARKDOWN_SPECIAL.search(value):
                found.add(value)
                # A handle is also shown without its "@", a name inside parentheses.
                found.add(value.lstrip("@"))
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list | tuple):
            stack.extend(value)
    return sorted((t for t in found if t), key=len, reverse=True)
