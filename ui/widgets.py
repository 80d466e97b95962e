"""Widgets shared by the pages: the number field that reads French and English numbers.

Every number a user types goes through :func:`number_field` (a test forbids ``st.number_input``
elsewhere): it shows the value the user's way (``3,5 %``, ``45 000 €``), reads ``4,2``,
``1 234,5``, ``12 500 €`` or ``4,2 %`` as well as ``4.2`` or ``€1,234.50``, and refuses what it
cannot read with a message under the field, keeping the previous value.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from typing import Any, Literal

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from influkit.errors import UserError
from influkit.plan.model import SHORTLIST_ROLES
from influkit.text.formats import fmt_entry, read_entry
from ui import state

NumberKind = Literal["number", "count", "money", "percent"]


def _meta_key(key: str) -> str:
    return f"{key}__number_field"


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)


def _in_form() -> bool:
    """Whether the field is drawn inside ``st.form`` (where only the submit button may call back)."""
    try:
        from streamlit.elements.lib.form_utils import is_in_form
    except ImportError:  # another Streamlit layout: read the text after the run instead
        return True
    return is_in_form(st._main)


def _read(key: str, kind: str, decimals: int | None, bounds: tuple[Any, Any, bool]) -> None:
    """Read the text the user left in the field: keep the value, or what to say about it."""
    meta = st.session_state[_meta_key(key)]
    text = st.session_state.get(key, "")
    if text == meta["text"]:
        return
    meta["text"] = text
    min_value, max_value, required = bounds
    try:
        value = read_entry(
            text, meta["lang"], kind, min_value=min_value, max_value=max_value, required=required
        )
    except UserError as err:
        meta["error"] = (err.key, err.params)
        return
    meta["current"] = value
    meta["error"] = None
    meta["shown"] = fmt_entry(value, meta["lang"], kind, decimals)


def _on_edit(key: str, kind: str, decimals: int | None, bounds: tuple[Any, Any, bool]) -> None:
    """Before the run that follows an edit: read it and show the value formatted at once."""
    _read(key, kind, decimals, bounds)
    meta = st.session_state[_meta_key(key)]
    if not meta["error"]:
        st.session_state[key] = meta["text"] = meta["shown"]
        # Say it again on the next run too: a page that reruns at once (after storing the
        # value) would otherwise leave the browser showing what was typed, unformatted.
        meta["echo"] = 2


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
    placeholder: str | None = None,
) -> float | None:
    """A text field that reads numbers the French way and the English way.

    Shows ``value`` formatted in the user's language (``3,5 %``, ``45 000 €``, ``1 234,5``).
    ``kind="percent"``: ``value`` and the return value are fractions (0.035 ↔ ``3,5 %``; typing
    ``3,5`` or ``3,5 %`` gives 0.035). ``kind="count"``: whole numbers. ``kind="money"``: euros.
    A field with a ``placeholder`` (saying what empty means, e.g. "no limit") or whose ``value``
    is None may be left empty: it then returns None.
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
        shown = fmt_entry(value, lang, kind, decimals)
        meta = {"given": value, "current": value, "error": None, "lang": lang, "shown": shown}
        st.session_state[meta_key] = meta
        st.session_state[key] = meta["text"] = shown
    else:
        meta["given"] = value
        if meta["lang"] != lang and not meta["error"]:
            meta["lang"] = lang
            meta["shown"] = fmt_entry(meta["current"], lang, kind, decimals)
            st.session_state[key] = meta["text"] = meta["shown"]
        elif key not in st.session_state:  # the field was not drawn for a while
            st.session_state[key] = meta["text"]
        elif not meta["error"] and st.session_state[key] == meta["text"] != meta["shown"]:
            # Read inside a form on the last run: now show it formatted.
            st.session_state[key] = meta["text"] = meta["shown"]
        elif meta.get("echo") and not meta["error"] and st.session_state[key] == meta["shown"]:
            st.session_state[key] = meta["shown"]
        meta["echo"] = max(meta.get("echo", 0) - 1, 0)
    bounds = (min_value, max_value, value is not None and placeholder is None)
    in_form = _in_form()
    st.text_input(
        label,
        key=key,
        help=help,
        disabled=disabled,
        placeholder=placeholder,
        on_change=None if in_form else _on_edit,
        args=None if in_form else (key, kind, decimals, bounds),
    )
    _read(key, kind, decimals, bounds)
    if meta["error"]:
        message_key, params = meta["error"]
        kept = fmt_entry(meta["current"], lang, kind, decimals) or "—"
        st.error(f"{state.t(message_key, **params)} {state.t('numbers.kept', value=kept)}")
    current = meta["current"]
    return int(round(current)) if kind == "count" and current is not None else current


# --- plan pages: writing a field, a table edited in place, a percent slider, a remembered result


def assign(target: Any, field: str, value: Any, field_label: str) -> bool:
    """Write ``value`` into a field of the plan when it changed; True when it did.

    A value the plan refuses is said under the field in the user's words; the plan keeps the
    previous one.
    """
    if getattr(target, field) == value:
        return False
    try:
        setattr(target, field, value)
    except ValidationError as err:
        st.error(state.t("myplan.invalid_value", field=field_label, reason=err.errors()[0]["msg"]))
        return False
    return True


#: A date a plan holds, typed the French way and kept within sensible years.
DATE_INPUT: dict[str, Any] = {
    "format": "DD/MM/YYYY",
    "min_value": dt.date(2000, 1, 1),
    "max_value": dt.date(2100, 12, 31),
}
_AS_STORED = object()


def plan_field(
    target: Any,
    field: str,
    widget: Callable[..., Any],
    name: str,
    label: str,
    *,
    shown: Any = _AS_STORED,
    store: Callable[[Any], Any] | None = None,
    **kwargs: Any,
) -> bool:
    """Draw ``widget`` (its key from ``name``) holding the plan's ``field``, and write back what
    the user entered (:func:`assign`); True when the plan changed.

    ``shown`` is what the widget starts from when it is not the stored value itself (a value
    the options no longer offer, say); ``store`` turns the entry into the stored value.
    """
    start = getattr(target, field) if shown is _AS_STORED else shown
    entered = state.bound(widget, name, start, label, **kwargs)
    return assign(target, field, store(entered) if store else entered, label)


def percent_slider(
    label: str, name: str, value: float | None, *, default: float, step: int = 5
) -> float:
    """A 0–100 % slider bound to a share the plan holds as a fraction (``default`` when None)."""
    points = state.bound(
        st.slider,
        name,
        round((value if value is not None else default) * 100),
        label,
        min_value=0,
        max_value=100,
        step=step,
    )
    return points / 100


#: Each plan table's key and the table it started from (see :func:`plan_table`).
_TABLE_BASES = "plan_table_bases"


def plan_table(
    name: str,
    items: Sequence[Any],
    to_frame: Callable[[Sequence[Any]], pd.DataFrame],
    read: Callable[[pd.DataFrame], list[Any]],
    write: Callable[[list[Any]], bool],
    refused: Callable[[str], str],
    *,
    height: Callable[[int], int] | None = None,
    **editor: Any,
) -> None:
    """A table of plan items (tasks, deliverables) edited in place, each valid edit written to
    the plan at once.

    ``to_frame`` lays the items out, ``read`` turns the edited table back into items (or raises
    :class:`UserError`, said with ``refused(message)`` while the plan keeps its items),
    ``write`` stores them and says whether the plan changed. A page that changes the items
    elsewhere (generated, reset) calls ``state.refresh(f"{name}_editor")`` so the table starts
    afresh, dropping stale edits; rows added or removed redraw it so new rows show what the plan
    made of them. ``height`` sizes the table from its number of rows; other keywords go to
    ``st.data_editor``.
    """
    editor_name = f"{name}_editor"
    editor_key = state.widget_key(editor_name)
    # The table keeps the frame it started from while it is edited, so every edit applies to
    # the same rows; a new key (state.refresh) or a table not drawn last run starts afresh.
    bases = st.session_state.setdefault(_TABLE_BASES, {})
    if editor_key not in st.session_state or bases.get(name, (None,))[0] != editor_key:
        bases[name] = (editor_key, to_frame(items))
    frame = bases[name][1]
    if height is not None:
        editor["height"] = height(len(frame))
    edited = st.data_editor(frame, key=editor_key, num_rows="dynamic", **editor)
    try:
        updated = read(edited)
    except UserError as err:
        st.error(refused(err.message(state.lang())))
        return
    if write(updated) and len(edited) != len(frame):
        state.refresh(editor_name)
        st.rerun()


def remembered(name: str, signature: Any, compute: Callable[[], Any]) -> Any:
    """What ``compute`` gave the last time for this ``signature`` (a file read, a check run),
    computed again only when the signature changes; kept for the session."""
    cached = st.session_state.get(name)
    if cached and cached[0] == signature:
        return cached[1]
    result = compute()
    st.session_state[name] = (signature, result)
    return result


# --- blocks shared by the identify pages (explorer, brand fit) -------------------------------


def shortlist_role_and_note(
    prefix: str, role_key: str, note_key: str, *, gap: Literal["small", "large"] = "small"
) -> tuple[str, str]:
    """The role (creator by default, each explained) and the optional note of accounts about to
    join the shortlist, side by side; labels are the catalogue's ``{prefix}role``,
    ``{prefix}role_help``, ``{prefix}note`` and ``{prefix}note_placeholder``.
    Returns the role and the note without surrounding spaces."""
    col1, col2 = st.columns([1, 2], gap=gap)
    role = col1.selectbox(
        state.t(f"{prefix}role"),
        options=list(SHORTLIST_ROLES),
        index=SHORTLIST_ROLES.index("creator"),
        format_func=state.labeller("role"),
        help=state.t(f"{prefix}role_help"),
        key=role_key,
    )
    note = col2.text_input(
        state.t(f"{prefix}note"),
        placeholder=state.t(f"{prefix}note_placeholder"),
        key=note_key,
    )
    return role, note.strip()


# --- blocks shared by the campaign pages (remuneration, budget, results) ---------------------


def metric_row(
    items: Sequence[tuple[str, str]], *, per_row: int | None = None, helps: Sequence[str] = ()
) -> None:
    """Key figures side by side (label, value already written), ``per_row`` to a row."""
    width = per_row or len(items)
    for start in range(0, len(items), width):
        row = items[start : start + width]
        for index, (column, (label, value)) in enumerate(zip(st.columns(width), row, strict=False)):
            shown_help = helps[start + index] if start + index < len(helps) else None
            column.metric(label, value, help=shown_help)


def plan_editor(
    name: str,
    frame: Any,
    read: Callable[[Any], Any],
    store: Callable[[Any], bool],
    error_key: str,
    **kwargs: Any,
) -> None:
    """A data editor whose edits go straight into the plan: ``read`` turns the edited table into
    plan items (a UserError is shown with ``error_key`` and the edit stays on screen), ``store``
    puts them in the plan (True when it changed). After a change the editor is drawn anew from
    the plan (:func:`ui.state.refresh`). A table only looked at writes nothing: what it shows
    by default (a suggestion, the full list of choices) is stored once the user edits it."""
    key = state.widget_key(name)
    edited = st.data_editor(frame, key=key, hide_index=True, width="stretch", **kwargs)
    changes = st.session_state.get(key) or {}
    if not any(changes.get(part) for part in ("edited_rows", "added_rows", "deleted_rows")):
        return
    try:
        items = read(edited)
    except UserError as err:
        st.error(state.t(error_key, reason=err.message(state.lang())))
        return
    if store(items):
        state.refresh(name)
        st.rerun()


def column_mapping(
    raw: Any,
    target: Any,
    key: str,
    *,
    none_label: str | None = None,
    sample: Any = None,
    by_group: bool = False,
) -> dict[str, str | None]:
    """One selectbox per field of an import ``target``, three to a row, each pre-filled with
    the file's column that fits it (read from ``sample`` rows too, when given); returns
    field → chosen column (None: not in the file, said with ``none_label``).

    ``by_group``: required fields first, marked as such, then each other group of fields in a
    closed expander saying how many of its fields are linked.
    """
    from influkit.data import importer
    from influkit.text.formats import fmt_number

    lang = state.lang()
    suggested = importer.suggest_mapping(raw.columns, target, sample)
    options = [None, *raw.columns]
    no_column = none_label or state.t("results.import_unmapped")
    mapping: dict[str, str | None] = {}

    def selectboxes(fields: Sequence[Any], mark_required: bool) -> None:
        columns = st.columns(3)
        for index, field in enumerate(fields):
            current = suggested.get(field.name)
            label = field.label(lang)
            if mark_required and field.required:
                label = state.t("importer.required_label", label=label)
            mapping[field.name] = columns[index % 3].selectbox(
                label,
                options=options,
                index=options.index(current) if current in options else 0,
                format_func=lambda column, none=no_column: none if column is None else column,
                key=f"{key}_{field.name}",
            )

    if not by_group:
        selectboxes(target.fields, mark_required=False)
        return mapping
    for group in target.groups:
        fields = [f for f in target.fields if f.group == group]
        if group == "required":
            box = st.container()
        else:
            linked = sum(
                1 for f in fields if st.session_state.get(f"{key}_{f.name}", suggested[f.name])
            )
            title = state.t(
                "importer.group_label",
                group=state.t(f"importer.group.{group}"),
                mapped=fmt_number(linked, lang),
                total=fmt_number(len(fields), lang),
            )
            box = st.expander(title, expanded=False)
        with box:
            selectboxes(fields, mark_required=True)
    return mapping
