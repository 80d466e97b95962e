"""Tolerant import of the user's own tables (CSV or XLSX) into the plan.

Owns reading a file whatever its encoding, separator and number conventions (French first),
suggesting which column feeds which field of a destination (a :class:`Target`), checking every
row and saying in the user's words what is wrong where (row as numbered in their spreadsheet,
their column name), and merging the good rows into the plan without losing anything there.
The influencer list (:data:`INFLUENCER_TARGET`) and campaign results (:data:`RESULTS_TARGET`)
are two targets of the same machinery.

Reading rules, French first:

- numbers: ``12,5 k`` = 12 500, ``1,2 M`` = 1 200 000, ``3 400`` (space, NBSP or narrow NBSP)
  = 3 400, ``1.234,56`` and ``1,234.56`` = 1 234.56, currency signs are dropped, ``-``, ``n/a``,
  ``N.D.`` and empty cells are missing. A lone ``1,234`` or ``1.234`` is settled by the other
  values of its column; failing that, French wins (``1,234`` = 1.234, ``1.234`` = 1 234), except
  in a comma-separated file, where the dot is the decimal mark.
- rates: ``4,5 %`` = 0.045 always; a bare number is read by the field's ``percent_scale``:
  ``auto`` (the default) reads values up to 1 as fractions (0,045) and above 1 as percentages
  (4,5), ``fraction`` and ``percent`` force one reading.
- dates: day first (``01/12/2026`` is 1 December), ISO ``2026-12-01``, French or English month
  names (``1 déc. 2026``); when the second number cannot be a month (``12/31/2026``), the date
  is read month first. Cells an Excel workbook formats as percentages hold fractions.
"""

from __future__ import annotations

from influkit.data.importer.check import (
    ImportResult,
    RowProblem,
    apply_mapping,
    check_summary,
    preview_frame,
    problems_frame,
    with_row_numbers,
)
from influkit.data.importer.merge import (
    MAX_IMPORTED,
    MergeReport,
    already_imported,
    find_imported,
    merge_imported,
    merge_summary,
    removal_blocked,
    remove_imported,
    uses_of,
)
from influkit.data.importer.parse import (
    MISSING_TOKENS,
    PERCENT_SCALES,
    ExcelPercent,
    code_key,
    handle_key,
    header_key,
    imported_id,
    infer_decimal_mark,
    normalise_handle,
    parse_date,
    parse_dates,
    parse_number,
    parse_numbers,
    parse_rate,
    parse_rates,
)
from influkit.data.importer.read import (
    MAX_BYTES,
    MAX_ROWS,
    SEPARATOR_NAMES,
    SEPARATORS,
    TEXT_SUFFIXES,
    RawTable,
    file_summary,
    read_table,
)
from influkit.data.importer.targets import (
    FIELD_KINDS,
    INFLUENCER_TARGET,
    RESULTS_TARGET,
    TARGETS,
    Field,
    Target,
    columns_used_twice,
    country_codes,
    display_value,
    language_codes,
    niche_codes,
    parse_code,
    platform_codes,
    suggest_mapping,
    template_csv,
    template_frame,
    unmapped_required,
)

__all__ = [
    "ExcelPercent",
    "FIELD_KINDS",
    "Field",
    "INFLUENCER_TARGET",
    "ImportResult",
    "MAX_BYTES",
    "MAX_IMPORTED",
    "MAX_ROWS",
    "MISSING_TOKENS",
    "MergeReport",
    "PERCENT_SCALES",
    "RESULTS_TARGET",
    "RawTable",
    "RowProblem",
    "SEPARATORS",
    "SEPARATOR_NAMES",
    "TARGETS",
    "TEXT_SUFFIXES",
    "Target",
    "already_imported",
    "apply_mapping",
    "check_summary",
    "code_key",
    "columns_used_twice",
    "country_codes",
    "display_value",
    "file_summary",
    "find_imported",
    "handle_key",
    "header_key",
    "imported_id",
    "infer_decimal_mark",
    "language_codes",
    "merge_imported",
    "merge_summary",
    "niche_codes",
    "normalise_handle",
    "parse_code",
    "parse_date",
    "parse_dates",
    "parse_number",
    "parse_numbers",
    "parse_rate",
    "parse_rates",
    "platform_codes",
    "preview_frame",
    "problems_frame",
    "read_table",
    "removal_blocked",
    "remove_imported",
    "suggest_mapping",
    "template_csv",
    "template_frame",
    "unmapped_required",
    "uses_of",
    "with_row_numbers",
]
