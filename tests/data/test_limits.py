"""The upload limits: each named once, each refused with a message that says the limit, and
checked before the memory is spent (JSON depth without parsing, XLSX parts while streaming)."""

from __future__ import annotations

import io
import zipfile

import pytest

from influkit.data import limits
from influkit.data.limits import Limit, LimitExceeded
from influkit.data.xlsx import BoundedZipFile, check_archive
from influkit.text import i18n
from influkit.text.formats import fmt_number


@pytest.mark.parametrize("limit", limits.LIMITS, ids=lambda limit: limit.name)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_limit_has_a_message_saying_it(limit, lang):
    """Past any limit, the user reads the limit itself, in their language."""
    message = LimitExceeded(limit, limit.value + 1).message(lang)
    assert "{" not in message and message != limit.key
    if limit.unit == "bytes":
        shown = i18n.t("limits.megabytes", lang, n=fmt_number(limit.value / limits.MIB, lang))
    else:
        shown = fmt_number(limit.value, lang)
    assert shown in message


@pytest.mark.parametrize(
    "text, depth",
    [
        ("1", 0),
        ("[]", 1),
        ('{"a": [1, {"b": 2}]}', 3),
        ('{"a": "[[[[ not counted ]]]]"}', 1),
        ('{"a": "escaped \\" [[["}', 1),
        ("[" * 100_000, 100_000),
        # An unterminated string is no JSON: what follows counts, erring on the safe side.
        ('"unterminated [[[', 3),
    ],
)
def test_json_depth_is_counted_without_parsing(text, depth):
    """Nesting is measured on the text, brackets inside strings left out."""
    assert limits.json_depth(text) == depth


def _zip(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_declared_sizes_are_checked_before_anything_is_decompressed():
    """A part that says it expands past the limit is refused from the archive's directory."""
    archive = zipfile.ZipFile(io.BytesIO(_zip(big=b"a" * 5_000)))
    with pytest.raises(LimitExceeded) as caught:
        check_archive(archive, Limit("xlsx_part_bytes", 1_000, "bytes"))
    assert caught.value.found == 5_000


def test_a_part_is_stopped_while_it_streams_past_the_limit():
    """Even a part that lies about its size yields no more than the limit, then stops."""
    archive = BoundedZipFile(io.BytesIO(_zip(big=b"a" * 50_000)))
    archive.part_limit = Limit("xlsx_part_bytes", 10_000, "bytes")
    with archive.open("big") as stream, pytest.raises(LimitExceeded):
        while stream.read(4_096):
            pass
    with pytest.raises(LimitExceeded):
        archive.read("big")
