"""Every limit on what a user may upload or store, in one place, each with the message that says it.

A file that goes past a limit is refused with :class:`LimitExceeded`, whose message names the
limit in the user's language (``5 Mo``, ``50 000 lignes``). Limits are checked before the memory
is spent: on the upload's bytes, on the declared and the actual size of each part of an XLSX
before it is read, on the nesting of a JSON text before it is parsed, and row by row while a
table is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from influkit.errors import UserError

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    """A named limit: its value, its unit (``bytes`` or ``count``) and its message key."""

    name: str
    value: int
    unit: str = "count"

    @property
    def key(self) -> str:
        """The message of this limit in the locale catalogue (namespace ``limits``)."""
        return f"limits.{self.name}"

    def check(self, found: int) -> None:
        """Raise :class:`LimitExceeded` when ``found`` is over the limit."""
        if found > self.value:
            raise LimitExceeded(self, found)


class LimitExceeded(UserError):
    """A file or a plan over one of the limits; the message says the limit in the user's language."""

    def __init__(self, limit: Limit, found: int | None = None) -> None:
        self.limit = limit
        self.found = found
        super().__init__(limit.key, limit=limit.value, found=found)

    def message(self, lang: str) -> str:
        """The message, with the limit (and what was found) written for ``lang``."""
        from influkit.text.i18n import t

        return t(
            self.key,
            lang,
            limit=_shown(self.limit.value, self.limit.unit, lang),
            found=_shown(self.found, self.limit.unit, lang) if self.found is not None else "?",
        )


def _shown(value: int, unit: str, lang: str) -> str:
    from influkit.text.formats import fmt_number
    from influkit.text.i18n import t

    if unit == "bytes":
        megabytes = value / MIB
        decimals = 0 if megabytes >= 10 or float(megabytes).is_integer() else 1
        return t("limits.megabytes", lang, n=fmt_number(megabytes, lang, decimals))
    return fmt_number(value, lang)


#: A plan as JSON, uploaded or saved: loading and saving use the same limit.
PLAN_BYTES = Limit("plan_bytes", 5 * MIB, "bytes")
#: Items in any one list of a plan (shortlist, deliverables, tasks, results…).
PLAN_LIST_ITEMS = Limit("plan_list_items", 10_000)
#: Nesting of a JSON text (a plan is about 6 levels deep).
JSON_DEPTH = Limit("json_depth", 64)
#: An influencer list or a results file (CSV or XLSX), as uploaded.
TABLE_BYTES = Limit("table_bytes", 10 * MIB, "bytes")
#: The plan workbook read back into the plan (round trip).
WORKBOOK_BYTES = Limit("workbook_bytes", 10 * MIB, "bytes")
#: One part of an XLSX (a sheet, the shared texts…) once decompressed.
XLSX_PART_BYTES = Limit("xlsx_part_bytes", 64 * MIB, "bytes")
#: All the parts of an XLSX together, once decompressed.
XLSX_TOTAL_BYTES = Limit("xlsx_total_bytes", 160 * MIB, "bytes")
#: Parts in an XLSX (a real workbook has a few dozen).
XLSX_PARTS = Limit("xlsx_parts", 1_000)
#: A trainer's question bank (one quiz in GIFT), checked or used for a session.
QUIZ_BANK_BYTES = Limit("quiz_bank_bytes", 1 * MIB, "bytes")
#: Data rows of an imported table.
TABLE_ROWS = Limit("table_rows", 50_000)
#: Columns of an imported table.
TABLE_COLUMNS = Limit("table_columns", 200)
#: Cells of an imported table (rows × columns), so a wide and long table stays in memory.
TABLE_CELLS = Limit("table_cells", 2_000_000)
#: One part of the plan workbook read back (it is loaded whole, so it is held smaller).
WORKBOOK_PART_BYTES = Limit("xlsx_part_bytes", 16 * MIB, "bytes")
#: Rows of one sheet of the plan workbook read back.
WORKBOOK_ROWS = Limit("workbook_rows", 20_000)
#: Columns of one sheet of the plan workbook read back.
WORKBOOK_COLUMNS = Limit("workbook_columns", 100)
#: Digits of one number in a table: more is not a quantity (and would overflow).
NUMBER_DIGITS = Limit("number_digits", 30)

LIMITS: tuple[Limit, ...] = (
    PLAN_BYTES,
    PLAN_LIST_ITEMS,
    JSON_DEPTH,
    TABLE_BYTES,
    WORKBOOK_BYTES,
    XLSX_PART_BYTES,
    XLSX_TOTAL_BYTES,
    XLSX_PARTS,
    QUIZ_BANK_BYTES,
    TABLE_ROWS,
    TABLE_COLUMNS,
    TABLE_CELLS,
    WORKBOOK_PART_BYTES,
    WORKBOOK_ROWS,
    WORKBOOK_COLUMNS,
    NUMBER_DIGITS,
)


def json_depth(text: str | bytes) -> int:
    """How deeply a JSON text nests arrays and objects, counted without parsing or recursion.

    Brackets inside strings do not count; the text need not be valid JSON.
    """
    import numpy as np

    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    outside = _JSON_STRING.sub("", text).encode("ascii", errors="ignore")
    codes = np.frombuffer(outside, dtype=np.uint8)
    steps = np.isin(codes, _OPENERS).astype(np.int64) - np.isin(codes, _CLOSERS)
    return int(np.cumsum(steps).max(initial=0))


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_OPENERS = (ord("["), ord("{"))
_CLOSERS = (ord("]"), ord("}"))
