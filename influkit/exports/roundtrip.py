"""The round trip: reading an edited plan workbook (or a filled template) back into a plan.

Sheets and columns are found by their names in French or English, wherever the user moved
them. Every cell that cannot be read is listed (sheet, cell, reason) instead of failing the
whole file, and :func:`apply_roundtrip` only changes the plan when the user confirms: an
unreadable cell keeps the plan's value, and fields the workbook does not show are kept too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import graphlib
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from pydantic import BaseModel, ValidationError

from influkit import metrics
from influkit.campaign.results import set_results
from influkit.data import datasets, limits
from influkit.data.xlsx import UnreadableWorkbook, open_workbook
from influkit.errors import UserError
from influkit.exports import workbook as wb
from influkit.plan.model import (
    PLATFORMS,
    BudgetLine,
    Deliverable,
    ImportedInfluencer,
    KpiTarget,
    Objective,
    Plan,
    ResultRow,
    ShortlistEntry,
    Task,
    new_id,
)
from influkit.text.i18n import LANGUAGES, t

MAX_WORKBOOK_BYTES = limits.WORKBOOK_BYTES.value
#: How far down a sheet its header row may have moved.
HEADER_SCAN_ROWS = 15


@dataclass(frozen=True)
class CellProblem:
    """A cell that could not be read: where it is, why, and the message parameters."""

    sheet: str
    cell: str
    reason_key: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "fr") -> str:
        """Why the cell was not read, in ``lang``."""
        return t(self.reason_key, lang, **self.params)


@dataclass(frozen=True)
class Section:
    """A list of the plan the workbook holds: its sheet, columns, model and matching key."""

    name: str
    sheet: str
    attribute: str
    model: type[BaseModel]
    key: str
    id_prefix: str | None


SECTIONS: tuple[Section, ...] = (
    Section("objectives", "objectives", "objectives", Objective, "objective_id", "obj"),
    Section("shortlist", "shortlist", "shortlist", ShortlistEntry, "influencer_id", None),
    Section("deliverables", "deliverables", "deliverables", Deliverable, "deliverable_id", "del"),
    Section("tasks", "retro", "tasks", Task, "task_id", "task"),
    Section("budget", "budget", "budget_lines", BudgetLine, "line_id", "bud"),
    Section("results", "results", "results", ResultRow, "post_ref", None),
)
_BY_NAME = {section.name: section for section in SECTIONS}
#: Every part of the plan a workbook can carry, in the order the preview lists them.
SECTION_ORDER: tuple[str, ...] = (
    "brief",
    "notes",
    "objectives",
    "shortlist",
    "imported",
    "deliverables",
    "tasks",
    "budget",
    "results",
    "kpis",
)
_PROFILE_FIELDS = (
    "handle",
    "display_name",
    "platform",
    "niche",
    "followers",
    "er",
    "avg_reach",
    "price_per_post_eur",
    "audience_credibility",
)


@dataclass
class RoundTripResult:
    """What a workbook holds, read as parts of a plan, and the cells that could not be read."""

    sections: tuple[str, ...]
    problems: list[CellProblem]
    rows: dict[str, list[dict[str, Any]]]
    brief: dict[str, Any]
    notes: dict[str, str]
    imported: list[dict[str, Any]]
    kpi_targets: list[dict[str, Any]]
    #: The Parameters sheet's calculation inputs: ``margin_rate`` and ``emv_rates`` (if read).
    parameters: dict[str, Any] = field(default_factory=dict)

    @property
    def plan(self) -> Plan:
        """The workbook's content as a plan of its own (for a preview)."""
        return apply_roundtrip(Plan(), self)

    def summary(self, current: Plan) -> list[dict[str, Any]]:
        """Per part of the plan: how many items the workbook and the plan hold, and what changes."""
        merged = apply_roundtrip(current, self)
        out = []
        for name in SECTION_ORDER:
            if name not in self.sections:
                continue
            before, after = _items(current, name), _items(merged, name)
            common = set(before) & set(after)
            out.append(
                {
                    "section": name,
                    "in_workbook": len(self.notes) if name == "notes" else len(after),
                    "in_plan": len(before),
                    "added": len(set(after) - set(before)),
                    "removed": len(set(before) - set(after)),
                    "changed": sum(before[k] != after[k] for k in common),
                }
            )
        return out


def _rounded(value: Any) -> Any:
    """Floats to 12 significant digits: an XLSX cell keeps about 16, so a round trip may
    change the last ones."""
    if isinstance(value, float):
        return float(f"{value:.12g}")
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def _items(plan: Plan, name: str) -> dict[str, Any]:
    """The items of one part of a plan by key, as plain data (to compare two plans)."""
    return _rounded(_raw_items(plan, name))


def _raw_items(plan: Plan, name: str) -> dict[str, Any]:
    if name == "brief":
        data = plan.brief.model_dump(mode="json")
        data.update(title=plan.title, client_learnings=plan.client_learnings)
        return {k: v for k, v in data.items() if v not in ("", None, [], {})}
    if name == "notes":
        return dict(plan.notes)
    if name == "imported":
        return {i.influencer_id: i.model_dump(mode="json") for i in plan.imported_influencers}
    if name == "kpis":
        return {k.kpi: k.model_dump(mode="json") for k in plan.kpi_targets}
    section = _BY_NAME[name]
    out = {}
    for index, item in enumerate(getattr(plan, section.attribute)):
        key = getattr(item, section.key) or f"#{index}"
        out[key] = item.model_dump(mode="json")
    return out


# --- reading cells --------------------------------------------------------------------------


def _fold(text: Any) -> str:
    """Text compared loosely: case, accents and spacing do not matter."""
    text = unicodedata.normalize("NFKD", str(text)).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text).strip()


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Lists:
    """Labels of every drop-down list in both languages, and their codes, to read cells back."""

    def __init__(self) -> None:
        self._maps: dict[str, dict[str, Any]] = {}

    def codes(self, name: str) -> dict[str, Any]:
        if name not in self._maps:
            found: dict[str, Any] = {}
            for code in wb.list_codes(name):
                found[_fold(code)] = code
                for lang in LANGUAGES:
                    found[_fold(wb.list_label(name, code, lang))] = code
            if name == "tier":
                for code in ("below_nano", "nano", "micro", "mid", "macro", "mega"):
                    found[_fold(code)] = code
                    for lang in LANGUAGES:
                        found[_fold(wb.list_label(name, code, lang))] = code
            if name == "yes_no":
                found.update(
                    {
                        "true": True,
                        "false": False,
                        "1": True,
                        "0": False,
                        "vrai": True,
                        "faux": False,
                    }
                )
            self._maps[name] = found
        return self._maps[name]

    def choices(self, name: str, lang: str = "fr") -> str:
        return ", ".join(wb.list_label(name, code, lang) for code in wb.list_codes(name)[:12])


_DATE_TEXT = (
    re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})$"),
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
)


class _Reader:
    """Reads typed values out of cells, noting a problem for each cell it cannot read."""

    def __init__(self) -> None:
        self.problems: list[CellProblem] = []
        self.lists = _Lists()

    def problem(self, sheet: str, cell: str, reason: str, **params: Any) -> None:
        self.problems.append(CellProblem(sheet, cell, f"exports.problem.{reason}", params))

    def value(
        self,
        sheet: str,
        cell: str,
        raw: Any,
        kind: str,
        options: str | None = None,
        strict: bool = True,
    ) -> tuple[bool, Any]:
        """``(True, value)`` when the cell reads as ``kind``, else ``(False, None)`` + a problem."""
        shown = str(raw).strip() if raw is not None else ""
        if kind in ("text", "long", "id"):
            if isinstance(raw, float) and raw.is_integer():
                return True, str(int(raw))
            if isinstance(raw, dt.datetime):
                return True, raw.date().isoformat()
            text = "" if raw is None else str(raw)
            return True, text.strip() if kind == "id" else text
        if kind == "list":
            code = self.lists.codes(options).get(_fold(raw))
            if code is None and not strict:
                return True, shown
            if code is None:
                self.problem(
                    sheet, cell, "unknown_value", value=shown, choices=self.lists.choices(options)
                )
                return False, None
            return True, code
        if kind == "multi":
            out = []
            for part in re.split(r"[,;]", shown):
                part = part.strip()
                if not part:
                    continue
                code = self.lists.codes(options).get(_fold(part))
                if code is None and options == "country" and re.fullmatch(r"[A-Za-z]{2}", part):
                    code = part.upper()
                if code is None and options == "age":
                    self.problem(
                        sheet,
                        cell,
                        "unknown_value",
                        value=part,
                        choices=self.lists.choices(options),
                    )
                    return False, None
                out.append(code if code is not None else part)
            return True, out
        if kind == "date":
            return self._date(sheet, cell, raw, shown)
        return self._number(sheet, cell, raw, shown, kind)

    def _number(self, sheet: str, cell: str, raw: Any, shown: str, kind: str) -> tuple[bool, Any]:
        if isinstance(raw, bool):
            number = None
        elif isinstance(raw, int | float):
            number = float(raw)
        elif isinstance(raw, str):
            text = raw.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
            text = text.replace("€", "").strip()
            percent = text.endswith("%")
            text = text.rstrip("%")
            if "," in text and "." in text:
                text = (
                    text.replace(".", "").replace(",", ".")
                    if text.rfind(",") > text.rfind(".")
                    else text.replace(",", "")
                )
            else:
                text = text.replace(",", ".")
            try:
                number = float(text)
            except ValueError:
                number = None
            if number is not None and percent:
                number /= 100
        else:
            number = None
        if number is None or not math.isfinite(number):
            self.problem(sheet, cell, "not_a_number", value=shown)
            return False, None
        if number < 0:
            self.problem(sheet, cell, "negative", value=shown)
            return False, None
        if kind == "int" and not number.is_integer():
            self.problem(sheet, cell, "not_whole", value=shown)
            return False, None
        if kind == "share" and number > 1:
            self.problem(sheet, cell, "not_a_share", value=shown)
            return False, None
        return True, int(number) if kind == "int" else number

    def _date(self, sheet: str, cell: str, raw: Any, shown: str) -> tuple[bool, Any]:
        if isinstance(raw, dt.datetime):
            return True, raw.date()
        if isinstance(raw, dt.date):
            return True, raw
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            if wb.DATE_MIN_SERIAL <= raw <= wb.DATE_MAX_SERIAL:
                return True, from_excel(raw).date()
            self.problem(sheet, cell, "not_a_date", value=shown)
            return False, None
        text = shown.split(" ")[0] if shown else ""
        for pattern in _DATE_TEXT:
            match = pattern.match(text)
            if not match:
                continue
            a, b, c = (int(g) for g in match.groups())
            year, month, day = (a, b, c) if pattern is _DATE_TEXT[1] else (c, b, a)
            if year < 100:
                year += 2000
            try:
                return True, dt.date(year, month, day)
            except ValueError:
                self.problem(sheet, cell, "bad_date", value=shown)
                return False, None
        self.problem(sheet, cell, "not_a_date", value=shown)
        return False, None


# --- finding sheets and columns -------------------------------------------------------------


def _find_sheet(book, code: str):
    wanted = {_fold(wb.sheet_name(code, lang)) for lang in LANGUAGES}
    for sheet in book.worksheets:
        if _fold(sheet.title) in wanted:
            return sheet
    return None


def _header_row(ws, labels: dict[str, Any]) -> tuple[int, dict[int, Any]] | None:
    """The header row of a table (the row naming most of its columns) and column → spec."""
    best: tuple[int, dict[int, Any]] | None = None
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, HEADER_SCAN_ROWS)):
        found = {}
        for cell in row:
            spec = labels.get(_fold(cell.value)) if cell.value is not None else None
            if spec is not None and spec not in found.values():
                found[cell.column] = spec
        if len(found) >= 2 and (best is None or len(found) > len(best[1])):
            best = (row[0].row, found)
    return best


def _table_rows(
    reader: _Reader, ws, code: str, wanted: set[str]
) -> list[tuple[int, dict[str, Any]]] | None:
    """The readable values of the ``wanted`` fields of every non-empty row of a table."""
    columns = wb.TABLES[code]
    labels = {_fold(label): column for label, column in wb.table_headers(code).items()}
    located = _header_row(ws, labels)
    if located is None:
        reader.problem(
            ws.title,
            "A1",
            "missing_columns",
            columns=", ".join(wb.header_label(c, "fr") for c in columns if c.is_input),
        )
        return None
    header, found = located
    inputs = {col: spec for col, spec in found.items() if spec.is_input and spec.field in wanted}
    missing = [c for c in columns if c.is_input and c.field in wanted and c not in found.values()]
    if missing:
        reader.problem(
            ws.title,
            f"A{header}",
            "missing_columns",
            columns=", ".join(wb.header_label(c, "fr") for c in missing),
        )
    out = []
    for row in ws.iter_rows(min_row=header + 1, max_row=ws.max_row):
        cells = {cell.column: cell for cell in row if cell.column in inputs}
        if all(_empty(cell.value) for cell in cells.values()):
            continue
        values: dict[str, Any] = {}
        for col, spec in inputs.items():
            cell = cells.get(col)
            if cell is None or _empty(cell.value):
                continue
            ok, value = reader.value(
                ws.title, cell.coordinate, cell.value, spec.kind, spec.options, spec.strict
            )
            if ok:
                values[spec.field] = value
            else:
                values.setdefault("_unreadable", set()).add(spec.field)
        out.append((row[0].row, values))
    return out


def _cell(ws, code: str, field_name: str, row: int) -> str:
    """The coordinate of a field's cell on ``row``, where the header names it."""
    labels = {_fold(label): column for label, column in wb.table_headers(code).items()}
    located = _header_row(ws, labels)
    if located is not None:
        for col, spec in located[1].items():
            if spec.field == field_name:
                return f"{get_column_letter(col)}{row}"
    return f"A{row}"


# --- the sections ---------------------------------------------------------------------------


def _read_brief(reader: _Reader, ws) -> tuple[dict[str, Any], dict[str, str]]:
    labels: dict[str, tuple[str, str, str | None]] = {}
    for spec in wb.BRIEF_FIELDS:
        for lang in LANGUAGES:
            labels[_fold(t(f"exports.brief.{spec[0]}", lang))] = spec
    notes_titles = {_fold(t("exports.brief.page_notes", lang)) for lang in LANGUAGES}
    note_headers = {_fold(t("exports.brief.page", lang)) for lang in LANGUAGES}
    brief: dict[str, Any] = {}
    notes: dict[str, str] = {}
    in_notes = False
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=2):
        label, value = row[0].value, row[1].value if len(row) > 1 else None
        if label is None:
            continue
        folded = _fold(label)
        if folded in notes_titles:
            in_notes = True
            continue
        if in_notes:
            if folded not in note_headers and not _empty(label):
                notes[str(label)] = "" if value is None else str(value)
            continue
        spec = labels.get(folded)
        if spec is None:
            continue
        name, kind, options = spec
        if _empty(value):
            brief[name] = (
                []
                if kind == "multi"
                else (
                    None if kind in ("date", "share") else ("" if kind not in ("money",) else 0.0)
                )
            )
            if name == "business_aim":
                brief.pop(name)
            continue
        ok, read = reader.value(
            ws.title, row[1].coordinate, value, kind, options, strict=name != "product_category"
        )
        if ok:
            brief[name] = read
    return brief, notes


def _read_kpis(reader: _Reader, ws) -> list[dict[str, Any]]:
    headers = {}
    for lang in LANGUAGES:
        for key in ("code", "kpi", "target"):
            headers[_fold(t(f"exports.col.{key}", lang))] = key
    located = None
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, HEADER_SCAN_ROWS)):
        found = {
            headers[_fold(c.value)]: c.column
            for c in row
            if c.value is not None and _fold(c.value) in headers
        }
        if "target" in found and ("code" in found or "kpi" in found):
            located = (row[0].row, found)
            break
    if located is None:
        reader.problem(
            ws.title,
            "A1",
            "missing_columns",
            columns=", ".join(t(f"exports.col.{k}", "fr") for k in ("code", "target")),
        )
        return []
    header, found = located
    by_label = reader.lists.codes("kpi")
    out = []
    for row in ws.iter_rows(min_row=header + 1, max_row=ws.max_row):
        cells = {cell.column: cell for cell in row}
        code_cell = cells.get(found.get("code"))
        label_cell = cells.get(found.get("kpi"))
        target_cell = cells.get(found["target"])
        code = None if code_cell is None or _empty(code_cell.value) else str(code_cell.value)
        if code is None and label_cell is not None and not _empty(label_cell.value):
            code = by_label.get(_fold(label_cell.value), str(label_cell.value).strip())
        if code is None or target_cell is None or _empty(target_cell.value):
            continue
        ok, target = reader.value(ws.title, target_cell.coordinate, target_cell.value, "number")
        if ok:
            out.append({"kpi": code, "target": target})
    return out


def _sample_ids() -> set[str]:
    return set(datasets.load("influencers")["influencer_id"].astype(str))


def _shortlist(reader: _Reader, ws, rows) -> tuple[list[dict], list[dict]]:
    known = _sample_ids()
    entries, imported = [], []
    for row, values in rows:
        influencer = values.get("influencer_id")
        profile = {k: values[k] for k in _PROFILE_FIELDS if k in values}
        if not influencer and (profile.get("handle") or profile.get("display_name")):
            influencer = new_id("imp")
        if not influencer:
            continue
        if influencer not in known:
            if not (profile.get("handle") or profile.get("display_name")):
                reader.problem(
                    ws.title,
                    _cell(ws, "shortlist", "influencer_id", row),
                    "unknown_influencer",
                    value=influencer,
                )
                continue
            data = {"influencer_id": influencer, **profile}
            if "er" in data:
                data["engagement_rate"] = data.pop("er")
            imported.append(data)
        entry = {"influencer_id": influencer}
        entry.update({k: values[k] for k in ("role", "note") if k in values})
        entries.append(entry)
    return entries, imported


def _check_tasks(reader: _Reader, ws, rows: list[tuple[int, dict]]) -> None:
    ids = {values["task_id"] for _, values in rows if values.get("task_id")}
    graph = {}
    for row, values in rows:
        raw = values.get("depends_on")
        if raw is None:
            continue
        kept = []
        for dependency in (d.strip() for d in str(raw).split(",")):
            if not dependency:
                continue
            if dependency in ids:
                kept.append(dependency)
            else:
                reader.problem(
                    ws.title,
                    _cell(ws, "retro", "depends_on", row),
                    "unknown_dependency",
                    task=values.get("task_id", "?"),
                    dependency=dependency,
                )
        values["depends_on"] = list(dict.fromkeys(kept))
        graph[values.get("task_id", "")] = values["depends_on"]
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as exc:
        reader.problem(ws.title, "H4", "cycle", tasks=" → ".join(exc.args[1]))


def _defaults(reader: _Reader, ws, code: str, rows: list[tuple[int, dict]], lang: str) -> None:
    """Fill required fields a row lacks with their default, saying so."""
    required = {"retro": ("duration_days", "working", 1), "budget": ("category", None, "other")}
    if code not in required:
        return
    name, _, default = required[code]
    for row, values in rows:
        if name not in values and name not in values.get("_unreadable", ()):
            column = next(c for c in wb.TABLES[code] if c.field == name)
            shown = (
                wb.list_label(column.options, default, lang) if column.kind == "list" else default
            )
            reader.problem(ws.title, _cell(ws, code, name, row), "missing_value", default=shown)
            values[name] = default


def read_workbook(data: bytes) -> RoundTripResult:
    """Read a plan workbook (an edited export or a filled template) into parts of a plan.

    Raises :class:`UserError`: not a workbook, not a plan workbook, or past a limit of
    :mod:`influkit.data.limits` (bytes, decompressed size, rows or columns of a sheet).
    """
    limits.WORKBOOK_BYTES.check(len(data))
    try:
        book = open_workbook(
            data,
            read_only=False,
            part_limit=limits.WORKBOOK_PART_BYTES,
            total_limit=limits.XLSX_TOTAL_BYTES,
        )
    except UnreadableWorkbook as err:
        raise UserError("exports.error_not_workbook") from err
    for sheet in book.worksheets:
        limits.WORKBOOK_ROWS.check(sheet.max_row)
        limits.WORKBOOK_COLUMNS.check(sheet.max_column)
    try:
        return _read_book(book)
    except UserError:
        raise
    except Exception as err:  # noqa: BLE001 — a hand-made workbook may hold any kind of value
        raise UserError("exports.error_not_workbook") from err


def _read_book(book) -> RoundTripResult:
    reader = _Reader()
    sections: list[str] = []
    rows: dict[str, list[dict[str, Any]]] = {}
    brief: dict[str, Any] = {}
    notes: dict[str, str] = {}
    imported: list[dict[str, Any]] = []
    targets: list[dict[str, Any]] = []
    found_any = False
    english_only = {wb.sheet_name(c, "en") for c in wb.SHEETS} - {
        wb.sheet_name(c, "fr") for c in wb.SHEETS
    }
    lang = "en" if any(sheet.title in english_only for sheet in book.worksheets) else "fr"

    def missing(code: str) -> None:
        reader.problem(
            wb.sheet_name(code, lang), "", "missing_sheet", name=wb.sheet_name(code, lang)
        )

    ws = _find_sheet(book, "brief")
    if ws is not None:
        found_any = True
        brief, notes = _read_brief(reader, ws)
        sections += ["brief", "notes"] if notes else ["brief"]
    else:
        missing("brief")
    for section in SECTIONS:
        ws = _find_sheet(book, section.sheet)
        if ws is None:
            missing(section.sheet)
            continue
        found_any = True
        wanted = set(section.model.model_fields)
        if section.name == "shortlist":
            wanted |= set(_PROFILE_FIELDS)
        table = _table_rows(reader, ws, section.sheet, wanted)
        if table is None:
            continue
        _defaults(reader, ws, section.sheet, table, lang)
        if section.name == "tasks":
            _check_tasks(reader, ws, table)
        if section.name == "shortlist":
            entries, imported = _shortlist(reader, ws, table)
            rows["shortlist"] = entries
            sections.append("shortlist")
            if imported:
                sections.append("imported")
            continue
        fields = set(section.model.model_fields)
        kept, seen = [], set()
        for row, values in table:
            values = {k: v for k, v in values.items() if k in fields}
            key = values.get(section.key)
            if key and key in seen:
                reader.problem(
                    ws.title, _cell(ws, section.sheet, section.key, row), "duplicate_id", value=key
                )
                continue
            if not key and section.id_prefix:
                values[section.key] = new_id(section.id_prefix)
            seen.add(values.get(section.key))
            kept.append(values)
        rows[section.name] = kept
        sections.append(section.name)
    ws = _find_sheet(book, "kpis")
    if ws is not None:
        found_any = True
        targets = _read_kpis(reader, ws)
        sections.append("kpis")
    else:
        missing("kpis")
    if not found_any:
        raise UserError("exports.error_not_plan_workbook")
    ws = _find_sheet(book, "parameters")
    parameters = _read_parameters(reader, ws) if ws is not None else {}
    ordered = tuple(name for name in SECTION_ORDER if name in sections)
    return RoundTripResult(
        ordered, reader.problems, rows, brief, notes, imported, targets, parameters
    )


def _read_parameters(reader: _Reader, ws) -> dict[str, Any]:
    """The margin rate and the EMV rates per platform the user may have changed."""
    out: dict[str, Any] = {}
    row = wb.PARAM_ROWS["margin_rate"]
    raw = ws.cell(row=row, column=2).value
    if raw not in (None, ""):
        ok, value = reader.value(ws.title, f"B{row}", raw, "share")
        if ok:
            out["margin_rate"] = value
    platforms = {}
    for lang in LANGUAGES:
        platforms[_fold(t("exports.params.other_platform", lang))] = "other"
        for code in PLATFORMS:
            platforms.setdefault(_fold(wb.list_label("platform", code, lang)), code)
    rates: dict[str, dict[str, float]] = {}
    for row in range(wb.EMV_HEADER_ROW + 1, wb.EMV_HEADER_ROW + 1 + 2 * len(PLATFORMS)):
        code = platforms.get(_fold(ws.cell(row=row, column=1).value))
        if code is None:
            break
        pair = {}
        for col, key in ((2, "cpm_eur"), (3, "value_per_engagement_eur")):
            raw = ws.cell(row=row, column=col).value
            ok, value = reader.value(ws.title, f"{'BC'[col - 2]}{row}", raw, "money")
            if ok and value is not None:
                pair[key] = float(value)
        if len(pair) == 2:
            rates[code] = pair
    if rates:
        out["emv_rates"] = rates
    return out


# --- applying -------------------------------------------------------------------------------

_PLAN_FIELDS = ("title", "client_learnings")
_AUDIENCE_FIELDS = {
    "target_description": "description",
    "female_share": "female_share",
    "age_bands": "age_bands",
    "countries": "countries",
}


def _merge(
    model: type[BaseModel], current: Iterable[BaseModel], rows: Sequence[dict], key: str
) -> list[BaseModel]:
    """Items from the workbook's rows, each starting from the plan's item with the same key."""
    before = {getattr(item, key): item.model_dump() for item in current if getattr(item, key)}
    out = []
    for values in rows:
        base = dict(before.get(values.get(key), {})) if values.get(key) else {}
        base.update(values)
        try:
            out.append(model.model_validate(base))
        except ValidationError:
            # A value the model refuses keeps the plan's item as it was (or drops a new one).
            if values.get(key) in before:
                out.append(model.model_validate(before[values[key]]))
    return out


def apply_roundtrip(current_plan: Plan, result: RoundTripResult) -> Plan:
    """A copy of ``current_plan`` with the parts the workbook holds replaced by its content.

    Parts the workbook lacks, fields it does not show and cells it could not read keep the
    plan's values; the plan passed in is not changed.
    """
    plan = current_plan.model_copy(deep=True)
    if "brief" in result.sections:
        for name, value in result.brief.items():
            if name in _PLAN_FIELDS:
                target, attribute = plan, name
            elif name in _AUDIENCE_FIELDS:
                target, attribute = plan.brief.target_audience, _AUDIENCE_FIELDS[name]
            else:
                target, attribute = plan.brief, name
            # A value the model refuses keeps the plan's value, field by field.
            with contextlib.suppress(ValidationError):
                setattr(target, attribute, value)
    if "notes" in result.sections:
        plan.notes = {**plan.notes, **result.notes}
    for section in SECTIONS:
        if section.name in result.sections:
            items = _merge(
                section.model,
                getattr(current_plan, section.attribute),
                result.rows.get(section.name, []),
                section.key,
            )
            setattr(plan, section.attribute, items)
    if "results" in result.sections and _dumps(plan.results) != _dumps(current_plan.results):
        # The results now come from the workbook; incidents of posts it kept still hold.
        set_results(plan, plan.results, "workbook", incidents=current_plan.results_incidents)
    if "imported" in result.sections:
        have = {i.influencer_id for i in plan.imported_influencers}
        new = [
            ImportedInfluencer.model_validate(row)
            for row in result.imported
            if row["influencer_id"] not in have and _valid(ImportedInfluencer, row)
        ]
        plan.imported_influencers = [*plan.imported_influencers, *new]
    if "kpis" in result.sections:
        plan.kpi_targets = _kpi_targets(plan, current_plan, result.kpi_targets)
    _apply_parameters(plan, result.parameters)
    return plan


def _apply_parameters(plan: Plan, parameters: dict[str, Any]) -> None:
    """Write the Parameters sheet's values that differ from what the plan already uses."""
    assumptions = plan.settings.assumptions
    margin = parameters.get("margin_rate")
    in_use = assumptions.margin_rate
    if in_use is None:
        in_use = wb.margin_rate(plan)
    if margin is not None and (in_use is None or not math.isclose(margin, in_use)):
        with contextlib.suppress(ValidationError):
            assumptions.margin_rate = margin
    rates = parameters.get("emv_rates") or {}
    used = metrics.emv_rates(assumptions.emv_rates or None)
    changed = {
        code: pair
        for code, pair in rates.items()
        if any(not math.isclose(pair[k], used.get(code, {}).get(k, math.nan)) for k in pair)
    }
    if changed:
        with contextlib.suppress(ValidationError):
            assumptions.emv_rates = {**assumptions.emv_rates, **changed}


def _dumps(items: Iterable[BaseModel]) -> list[dict[str, Any]]:
    """Items as dicts, floats to 12 significant digits (what an XLSX cell gives back)."""
    return [
        {k: float(f"{v:.12g}") if isinstance(v, float) else v for k, v in item.model_dump().items()}
        for item in items
    ]


def _kpi_targets(plan: Plan, current: Plan, rows: Sequence[dict]) -> list[KpiTarget]:
    """KPI targets from the KPI sheet, in the plan's order; a target the sheet only shows
    because an objective sets it does not become a KPI target of its own."""
    from_objectives = {o.kpi: o.target for o in plan.objectives if o.kpi and o.target is not None}
    explicit = {k.kpi for k in current.kpi_targets if k.target is not None}
    by_kpi = {row["kpi"]: row for row in rows}
    kept = [k for k in current.kpi_targets if k.target is None or k.kpi in by_kpi]
    known = {k.kpi for k in kept}
    fresh = [
        row
        for row in rows
        if row["kpi"] not in known
        and not (row["kpi"] not in explicit and from_objectives.get(row["kpi"]) == row["target"])
    ]
    ordered = [by_kpi.get(k.kpi, {"kpi": k.kpi}) for k in kept] + fresh
    return _merge(KpiTarget, current.kpi_targets, ordered, "kpi")


def _valid(model: type[BaseModel], row: dict) -> bool:
    try:
        model.model_validate(row)
    except ValidationError:
        return False
    return True
