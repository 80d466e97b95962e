r"""Checking every row against a :class:`Target` and saying in the user's words what is wrong
where (their row number, their column name): :func:`apply_mapping` gives an
:class:`ImportResult` of valid records and :class:`RowProblem`\ s.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from pydantic import BaseModel, ValidationError

from influkit.data.importer.parse import (
    MISSING_TOKENS,
    _as_rates,
    _ascii_lower,
    _cell_text,
    _decimal_votes,
    _distinct,
    _mark_of,
    _native_mask,
    _number_parts,
    _numbers_of,
    _spread,
    _text_of,
    imported_id,
    normalise_handle,
    parse_dates,
)
from influkit.data.importer.read import RawTable
from influkit.data.importer.targets import (
    Field,
    Target,
    _parse_codes,
    display_value,
    unmapped_required,
)
from influkit.errors import UserError
from influkit.text import i18n
from influkit.text.formats import fmt_list, fmt_number


@dataclass(frozen=True)
class RowProblem:
    """Something wrong in one cell: where (the user's row and column), what, and its effect.

    ``severity`` is ``error`` (the row is not imported) or ``warning`` (the value is left
    empty, the row is imported). ``params`` may hold ``field_names`` (fields to name in the
    message) and ``codes_namespace`` with ``codes`` (allowed values to list by their labels).
    """

    row_number: int
    column: str
    value: str
    reason_key: str
    params: dict[str, Any] = field(default_factory=dict)
    severity: str = "error"
    field: str = ""

    def message(self, lang: str = "fr") -> str:
        """The reason in the user's language."""
        params = dict(self.params)
        if "field_names" in params:
            names = params.pop("field_names")
            style = "or" if self.reason_key.endswith("one_of_missing") else "standard"
            params["fields"] = fmt_list(
                (i18n.t(f"importer.field.{n}", lang) for n in names), lang, style
            )
        if "codes" in params:
            namespace = params.pop("codes_namespace", "")
            labels = sorted(
                (i18n.label(namespace, c, lang) for c in params["codes"]), key=_ascii_lower
            )
            params["choices"] = fmt_list(labels, lang, "or")
            params.pop("codes")
        return i18n.t(self.reason_key, lang, **params)


_DUPLICATE_REASONS = frozenset(
    {
        "importer.reason.duplicate",
        "importer.reason.duplicate_account",
        "importer.reason.duplicate_post",
    }
)


@dataclass
class ImportResult:
    """What a mapped table gives: the valid rows, the problems found, and the counts."""

    target: str
    rows: list[dict[str, Any]]
    records: list[BaseModel]
    row_numbers: list[int]
    problems: list[RowProblem]
    total_rows: int

    @property
    def valid_count(self) -> int:
        """Rows that will be imported."""
        return len(self.rows)

    @property
    def rejected_count(self) -> int:
        """Rows not imported (an error in one of their cells, or a duplicate)."""
        return len({p.row_number for p in self.problems if p.severity == "error"})

    @property
    def duplicate_count(self) -> int:
        """Rows skipped because an earlier row holds the same item."""
        return sum(1 for p in self.problems if p.reason_key in _DUPLICATE_REASONS)

    @property
    def warning_count(self) -> int:
        """Values left empty in rows that are imported."""
        return sum(1 for p in self.problems if p.severity == "warning")

    def frame(self) -> pd.DataFrame:
        """The valid rows as a table, indexed by the user's row numbers."""
        return pd.DataFrame(self.rows, index=pd.Index(self.row_numbers, name="row"))


def _parse_field(
    values: pd.Series, f: Field, decimal: str | None, numbers: _NumberCells | None = None
) -> pd.DataFrame:
    """Parse one column for one field: ``value``, ``missing``, ``invalid``, ``scaled``."""
    if f.kind in ("number", "integer", "rate"):
        numbers = numbers or _NumberCells.of(values)
        parsed = numbers.read(decimal)
        return _as_rates(parsed, f.percent_scale) if f.kind == "rate" else parsed
    if f.kind == "date":
        return parse_dates(values)
    if f.kind == "code":
        return _parse_codes(values, f)
    if f.kind == "handle":
        series, positions, distinct = _distinct(values)
        pairs = [normalise_handle(v) for v in distinct]
        handle = pd.Series([p[0] for p in pairs], dtype=object)
        found = pd.DataFrame(
            {
                "value": handle,
                "missing": handle.isna(),
                "invalid": False,
                "platform": pd.Series([p[1] for p in pairs], dtype=object),
            }
        )
        return _spread(found, positions, series.index)
    text = _text_of(values)
    missing = text.str.lower().isin(MISSING_TOKENS)
    return pd.DataFrame(
        {"value": text.where(~missing), "missing": missing, "invalid": False}, index=values.index
    )


@dataclass
class _NumberCells:
    """A column of numbers split once: its distinct cells, their text parts and decimal votes."""

    index: pd.Index
    positions: np.ndarray
    distinct: pd.Series
    parts: pd.DataFrame
    votes: tuple[int, int]

    @classmethod
    def of(cls, values: pd.Series) -> _NumberCells:
        series, positions, distinct = _distinct(values)
        parts = _number_parts(_text_of(distinct[~_native_mask(distinct)]))
        return cls(series.index, positions, distinct, parts, _decimal_votes(parts["digits"]))

    def read(self, decimal: str | None) -> pd.DataFrame:
        return _spread(_numbers_of(self.distinct, decimal, self.parts), self.positions, self.index)


_INVALID_REASON = {
    "number": "importer.reason.not_a_number",
    "integer": "importer.reason.not_a_number",
    "rate": "importer.reason.not_a_number",
    "date": "importer.reason.not_a_date",
    "code": "importer.reason.unknown_code",
    "handle": "importer.reason.missing_required",
    "text": "importer.reason.missing_required",
}


_CODE_CHOICES_SHOWN = 12


class _Checker:
    """The problems of one table, and which rows and which fields have an error."""

    def __init__(self, raw: RawTable, target: Target, mapped: Mapping[str, str]) -> None:
        self.raw, self.target, self.mapped = raw, target, mapped
        self.derived = dict(target.derived)
        self.problems: list[RowProblem] = []
        self.row_error = np.zeros(len(raw.frame), dtype=bool)
        self.field_error = {f.name: np.zeros(len(raw.frame), dtype=bool) for f in target.fields}

    def column_of(self, name: str) -> str | None:
        """The user's column for a field, or for the field it is derived from."""
        return self.mapped.get(name) or self.mapped.get(self.derived.get(name, ""))

    def cell(self, name: str, index: int) -> str:
        """The cell as the user wrote it."""
        column = self.column_of(name)
        return _cell_text(self.raw.frame[column].iloc[index]) if column else ""

    def report(
        self, mask: Any, f: Field, reason: str, severity: str = "error", **params: Any
    ) -> None:
        """One problem for each row of ``mask``; an error keeps the row out of the import."""
        mask = np.asarray(mask, dtype=bool)
        column = self.column_of(f.name) or ""
        for index in np.flatnonzero(mask):
            self.problems.append(
                RowProblem(
                    self.raw.row_numbers[index],
                    column,
                    self.cell(f.name, index),
                    reason,
                    dict(params),
                    severity,
                    f.name,
                )
            )
        if severity == "error":
            self.row_error |= mask
            self.field_error[f.name] |= mask


def apply_mapping(
    raw: RawTable,
    mapping: Mapping[str, str | None],
    target: Target,
    defaults: Mapping[str, Any] | None = None,
) -> ImportResult:
    """Read every row through the mapping: the valid rows, and each problem where it is.

    ``defaults`` gives a value (already a code) for fields the file leaves empty, e.g. the
    platform of a list that has no platform column. A row with an error is not imported;
    an unknown optional code is left empty (a warning); a second row for the same item is
    a duplicate. Raises :class:`UserError` when a required field has no column.
    """
    defaults = dict(defaults or {})
    missing_fields = unmapped_required(mapping, target, defaults)
    if missing_fields:
        raise UserError("importer.error.unmapped", fields=", ".join(missing_fields))
    mapped = {
        f.name: mapping[f.name]
        for f in target.fields
        if mapping.get(f.name) is not None and mapping[f.name] in raw.frame.columns
    }
    checker = _Checker(raw, target, mapped)
    values = _read_columns(raw, target, checker)
    # A platform found in a profile link fills an empty platform cell; then the defaults.
    if "_link_platform" in values:
        link = values.pop("_link_platform")
        if "platform" in values:
            values["platform"] = values["platform"].where(values["platform"].notna(), link)
    for name, default in defaults.items():
        if name in values and default not in (None, ""):
            values[name] = values[name].where(values[name].notna(), default)
    for f in target.fields:
        if f.required:
            absent = values[f.name].isna().to_numpy() & ~checker.field_error[f.name]
            checker.report(absent, f, "importer.reason.missing_required", field_names=[f.name])
    for group in target.one_of:
        absent = np.logical_and.reduce([values[name].isna().to_numpy() for name in group])
        first = next((target.field(n) for n in group if n in mapped), target.field(group[0]))
        checker.report(absent, first, "importer.reason.one_of_missing", field_names=list(group))
    rows, records, numbers = _collect(raw, target, pd.DataFrame(values), checker)
    order = {f.name: i for i, f in enumerate(target.fields)}
    problems = sorted(
        checker.problems, key=lambda p: (p.row_number, order.get(p.field, len(order)))
    )
    return ImportResult(target.name, rows, records, numbers, problems, len(raw.frame))


_NUMBER_KINDS = ("number", "integer", "rate")


def _read_columns(raw: RawTable, target: Target, checker: _Checker) -> dict[str, pd.Series]:
    """Each field's values (None when missing or wrong), reporting what cannot be read."""
    n_rows = len(raw.frame)
    number_cells = {
        f.name: _NumberCells.of(raw.frame[checker.mapped[f.name]].reset_index(drop=True))
        for f in target.fields
        if f.kind in _NUMBER_KINDS and f.name in checker.mapped
    }
    votes = [cells.votes for cells in number_cells.values()]
    # A lone "1,234" is settled by its column, else by the whole file, else by the separator.
    file_hint = _mark_of((sum(v[0] for v in votes), sum(v[1] for v in votes))) or (
        "." if raw.separator == "," else None
    )
    values: dict[str, pd.Series] = {}
    for f in target.fields:
        if f.name not in checker.mapped:
            values[f.name] = pd.Series([None] * n_rows, dtype=object)
            continue
        column = raw.frame[checker.mapped[f.name]].reset_index(drop=True)
        cells = number_cells.get(f.name)
        hint = (_mark_of(cells.votes) or file_hint) if cells is not None else None
        parsed = _parse_field(column, f, hint, cells)
        ok = ~parsed["invalid"] & ~parsed["missing"]
        value = parsed["value"].astype(object).where(ok, None)
        if f.kind == "handle":
            values["_link_platform"] = parsed["platform"]
        if f.name == "platform" and parsed["invalid"].any():
            # A platform this version does not list is kept as "other", under the name given.
            unknown = parsed["invalid"]
            value = value.where(~unknown, "other")
            if "platform_name" in target.model.model_fields:
                names = _text_of(column).str.strip().str.slice(0, 60)
                values["platform_name"] = names.where(unknown, None).astype(object)
            parsed = parsed.assign(invalid=False)
        if f.kind == "code" and parsed["invalid"].any():
            choices = sorted(set((f.codes() if f.codes else {}).values()))
            params: dict[str, Any] = {}
            if len(choices) <= _CODE_CHOICES_SHOWN:
                params = {"codes": choices, "codes_namespace": f.code_namespace or ""}
            reason = "importer.reason.unknown_code" if params else "importer.reason.unknown_value"
            severity = "error" if f.required else "warning"
            checker.report(parsed["invalid"], f, reason, severity, **params)
        elif parsed["invalid"].any():
            checker.report(parsed["invalid"], f, _INVALID_REASON[f.kind])
        if f.kind in _NUMBER_KINDS:
            value = _check_range(parsed, value, f, checker)
        values[f.name] = value
    return values


def _check_range(parsed: pd.DataFrame, value: pd.Series, f: Field, checker: _Checker) -> pd.Series:
    """Report numbers below the minimum, above the maximum, or not whole when they must be."""
    number = pd.to_numeric(parsed["value"], errors="coerce")
    ok = ~parsed["invalid"] & ~parsed["missing"]
    if f.minimum is not None:
        below = ok & (number < f.minimum)
        reason = "importer.reason.negative" if f.minimum == 0 else "importer.reason.below_min"
        checker.report(below, f, reason, minimum=f.minimum)
        value = value.where(~below, None)
    if f.maximum is not None:
        above = ok & (number > f.maximum)
        reason = "importer.reason.above_one" if f.maximum == 1 else "importer.reason.above_max"
        checker.report(above, f, reason, maximum=f.maximum)
        value = value.where(~above, None)
    if f.kind == "integer":
        # "12,5 k" may give a fraction of a follower: round it; a bare "12,7" is an error.
        fractional = ok & ~parsed["scaled"] & ((number - number.round()).abs() > 1e-9)
        checker.report(fractional, f, "importer.reason.not_an_integer")
        value = value.where(~(ok & parsed["scaled"]), number.round())
    return value


def _collect(
    raw: RawTable, target: Target, table: pd.DataFrame, checker: _Checker
) -> tuple[list[dict[str, Any]], list[BaseModel], list[int]]:
    """The rows without error and not seen before, as dicts and as validated models."""
    if target.id_field == "influencer_id":
        ids = [
            imported_id(h, p) if isinstance(h, str) and isinstance(p, str) else None
            for h, p in zip(table["handle"], table["platform"], strict=True)
        ]
        table.insert(0, "influencer_id", ids)
    table = table.astype(object).where(table.notna(), None)
    names = list(table.columns)
    columns = [table[name].tolist() for name in names]
    rows: list[dict[str, Any]] = []
    records: list[BaseModel] = []
    numbers: list[int] = []
    first_seen: dict[tuple, int] = {}
    key_field = target.field(target.key_fields[-1]) if target.key_fields else None
    has_source = "source_file" in target.model.model_fields
    for index in range(len(table)):
        if checker.row_error[index]:
            continue
        number = raw.row_numbers[index]
        record = {name: column[index] for name, column in zip(names, columns, strict=True)}
        if key_field is not None:
            # The id already stands for the key fields (platform and handle, as compared).
            key = (
                (record[target.id_field],)
                if target.id_field
                else tuple(record[k] for k in target.key_fields)
            )
            if all(part not in (None, "") for part in key):
                if key in first_seen:
                    checker.report(
                        np.arange(len(table)) == index,
                        key_field,
                        target.duplicate_reason,
                        first_row=first_seen[key],
                    )
                    continue
                first_seen[key] = number
        if has_source:
            record["source_file"] = raw.filename
        try:
            model = target.model.model_validate({k: v for k, v in record.items() if v is not None})
        except ValidationError as err:
            detail = err.errors()[0]
            where = str(detail.get("loc", ("",))[0])
            f = next((f for f in target.fields if f.name == where), key_field or target.fields[0])
            checker.report(
                np.arange(len(table)) == index,
                f,
                "importer.reason.invalid",
                detail=str(detail.get("msg", ""))[:120],
            )
            continue
        rows.append(record)
        records.append(model)
        numbers.append(number)
    return rows, records, numbers


def problems_frame(problems: Sequence[RowProblem], lang: str = "fr") -> pd.DataFrame:
    """The problems as a table to show or download: row, column, value, reason, effect."""
    headers = [
        i18n.t(f"importer.problems.{name}", lang)
        for name in ("row", "column", "value", "reason", "effect")
    ]
    return pd.DataFrame(
        [
            (
                p.row_number,
                p.column,
                p.value,
                p.message(lang),
                i18n.t(f"importer.effect.{p.severity}", lang),
            )
            for p in problems
        ],
        columns=headers,
    )


def preview_frame(
    result: ImportResult, target: Target, lang: str = "fr", n_rows: int = 20
) -> pd.DataFrame:
    """The first valid rows as read, written for people, with the fields' labels as headers."""
    shown = [f for f in target.fields if any(r.get(f.name) is not None for r in result.rows)]
    data = {
        f.label(lang): [display_value(r.get(f.name), f, lang) for r in result.rows[:n_rows]]
        for f in shown
    }
    return pd.DataFrame(data, index=pd.Index(result.row_numbers[:n_rows]))


def with_row_numbers(frame: pd.DataFrame, numbers: Iterable[Any], lang: str = "fr") -> pd.DataFrame:
    """A table shown with the spreadsheet's row numbers as its first column."""
    shown = frame.reset_index(drop=True)
    shown.insert(0, i18n.t("importer.problems.row", lang), list(numbers))
    return shown


def check_summary(result: ImportResult, lang: str = "fr") -> tuple[str, str | None]:
    """What the check found, in words: valid rows and rows to fix, then the rows left out
    (None when there are none), each count in the language's plural."""
    lang = i18n.normalize_language(lang)

    def count(key: str, n: int) -> str:
        return i18n.plural(f"importer.{key}", n, lang, n=fmt_number(n, lang))

    counts = i18n.t(
        "importer.counts",
        lang,
        valid=count("count_valid", result.valid_count),
        to_fix=count("count_to_fix", result.rejected_count),
    )
    ignored = count("count_ignored", result.warning_count) if result.warning_count else None
    return counts, ignored
