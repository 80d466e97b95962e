"""Widgets shared by the pages: the number field that reads French and English numbers.

Every number a user types goes through :func:`number_field` (a test forbids ``st.number_input``
elsewhere): it shows the value the user's way (``3,5 %``, ``45 000 €``), reads ``4,2``,
``1 234,5``, ``12 500 €`` or ``4,2 %`` as well as ``4.2`` or ``€1,234.50``, and refuses what it
cannot read with a message under the field, keeping the previous value.
"""

from __future__ import annotations

import math
from typing import Any, Literal

import streamlit as st

from influkit.errors import UserError
from influkit.formatting import fmt_entry, read_entry
from ui import state

NumberKind = Literal["number", "count", "money", "percent"]


def _meta_key(key: str) -> str:
    return f"{key}__number_field"


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)


def _on_edit(key: str, kind: str, decimals: int | None, bounds: tuple[Any, Any, bool]) -> None:
    """Read the new text; on success show it formatted, otherwise remember what to say."""
    meta = st.session_state[_meta_key(key)]
    min_value, max_value, required = bounds
    try:
        value = read_entry(
            st.session_state[key],
            meta["lang"],
            kind,
            min_value=min_value,
            max_value=max_value,
            required=required,
        )
    except UserError as err:
        meta["error"] = (err.key, err.params)
        return
    meta["current"] = value
    meta["error"] = None
    st.session_state[key] = fmt_entry(value, meta["lang"], kind, decimals)


def number_field(
    label: str,
    value: float | None,
    *,
    key: str,
    kind: NumberKind = "number",
    decimals: int | None = None,
    min_value: float | None = None,
    max_value: float | None = None,
    help: str | None = None,  # noqa: A002 — Streamlit's own name for the tooltip
    disabled: bool = False,
) -> float | None:
    """A text field that reads numbers the French way and the English way.

    Shows ``value`` formatted in the user's language (``3,5 %``, ``45 000 €``, ``1 234,5``).
    ``kind="percent"``: ``value`` and the return value are fractions (0.035 ↔ ``3,5 %``; typing
    ``3,5`` or ``3,5 %`` gives 0.035). ``kind="count"``: whole numbers. ``kind="money"``: euros.
    A field whose ``value`` is None may be left empty (it then returns None).
    Unreadable or out-of-range input shows a localized error under the field and returns the
    previous value (never multiplies silently). Returns the current value.

    ``value`` is the value held by the plan: when it changes from outside the field (a reset,
    another page), the field shows the new value; a page that does not store what the user
    typed keeps passing the same ``value`` and gets the typed one back.
    """
    lang = state.lang()
    meta_key = _meta_key(key)
    meta = st.session_state.get(meta_key)
    changed_outside = meta is not None and not (
        _same(value, meta["given"]) or _same(value, meta["current"])
    )
    if meta is None or changed_outside:
        meta = {"given": value, "current": value, "error": None, "lang": lang}
        st.session_state[meta_key] = meta
        st.session_state[key] = fmt_entry(value, lang, kind, decimals)
    else:
        meta["given"] = value
        if key not in st.session_state or (meta["lang"] != lang and not meta["error"]):
            st.session_state[key] = fmt_entry(meta["current"], lang, kind, decimals)
        meta["lang"] = lang
    required = value is not None
    st.text_input(
        label,
        key=key,
        help=help,
        disabled=disabled,
        on_change=_on_edit,
        args=(key, kind, decimals, (min_value, max_value, required)),
    )
    if meta["error"]:
        message_key, params = meta["error"]
        kept = fmt_entry(meta["current"], lang, kind, decimals) or "—"
        st.error(f"{state.t(message_key, **params)} {state.t('numbers.kept', value=kept)}")
    return meta["current"]
