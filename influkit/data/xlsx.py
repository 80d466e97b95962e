"""Opening a user's XLSX file within the limits, before and while it is decompressed.

An XLSX is a ZIP of XML parts; a few hundred kilobytes can expand to gigabytes (a "zip bomb").
:func:`open_workbook` first checks what the archive declares (number of parts, size of each
part once decompressed, their total) and refuses it before anything is decompressed; then it
hands openpyxl an archive whose streams count what they really yield and stop at the limit,
so a part that lies about its size is stopped too. XML is parsed by openpyxl through
defusedxml: entity declarations are refused, not expanded.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from influkit.data import limits
from influkit.data.limits import Limit, LimitExceeded


class UnreadableWorkbook(Exception):
    """The bytes are not a workbook openpyxl can read (damaged ZIP, broken or hostile XML)."""


def check_archive(
    archive: zipfile.ZipFile,
    part_limit: Limit = limits.XLSX_PART_BYTES,
    total_limit: Limit = limits.XLSX_TOTAL_BYTES,
) -> None:
    """Refuse an archive whose declared parts are too many or too big once decompressed."""
    infos = archive.infolist()
    limits.XLSX_PARTS.check(len(infos))
    total = 0
    for info in infos:
        part_limit.check(info.file_size)
        total += info.file_size
    total_limit.check(total)


class _BoundedStream(io.RawIOBase):
    """A part of the archive, read through a counter that stops past the limit."""

    def __init__(self, stream: Any, limit: Limit) -> None:
        super().__init__()
        self._stream, self._limit, self._count = stream, limit, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            size = self._limit.value - self._count + 1  # at most one byte past the limit
        data = self._stream.read(size)
        self._count += len(data)
        self._limit.check(self._count)
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._stream.close()
        super().close()


class BoundedZipFile(zipfile.ZipFile):
    """A ZIP archive whose members never yield more than ``part_limit`` bytes each."""

    part_limit: Limit = limits.XLSX_PART_BYTES

    def open(self, name, mode="r", pwd=None, *, force_zip64=False):  # noqa: D102 — ZipFile's
        stream = super().open(name, mode, pwd, force_zip64=force_zip64)
        if mode != "r":
            return stream
        return io.BufferedReader(_BoundedStream(stream, self.part_limit))


def open_workbook(
    data: bytes,
    *,
    read_only: bool,
    part_limit: Limit = limits.XLSX_PART_BYTES,
    total_limit: Limit = limits.XLSX_TOTAL_BYTES,
):
    """An openpyxl workbook (cell values, not formulas) read within the limits.

    Raises :class:`~influkit.data.limits.LimitExceeded` when the archive is too big once
    decompressed, :class:`UnreadableWorkbook` when it is not a readable workbook.
    """
    from openpyxl.reader.excel import ExcelReader

    try:
        archive = BoundedZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
        raise UnreadableWorkbook(type(err).__name__) from err
    archive.part_limit = part_limit
    check_archive(archive, part_limit, total_limit)
    try:
        reader = ExcelReader(io.BytesIO(data), read_only=read_only, data_only=True)
        reader.archive.close()
        reader.archive = archive
        reader.valid_files = archive.namelist()
        reader.read()
    except LimitExceeded:
        raise
    except MemoryError as err:  # pragma: no cover — the limits are there to prevent it
        raise LimitExceeded(total_limit) from err
    except Exception as err:  # noqa: BLE001 — openpyxl and the XML parser raise many types
        raise UnreadableWorkbook(type(err).__name__) from err
    return reader.wb
