"""Text measured as LibreOffice and PowerPoint will draw it: the deck's font read with PIL, so a
text box is sized to its text (smaller type, or the rest on another slide) and a table column
to its longest word — nothing is cut with "…" and no word is broken mid-way."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import ImageFont

#: The deck's typeface, installed with LibreOffice on Debian (fonts-dejavu-core).
FONT_NAME = "DejaVu Sans"
_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
_FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
#: Lines are this many times the type size apart (LibreOffice's single spacing for DejaVu).
LINE_SPACING = 1.17
#: Room kept free on every line: renderers differ by a few per cent in kerning.
SAFETY = 0.94
_REFERENCE_SIZE = 200
#: Lines break at ordinary spaces only: a no-break space keeps "15,00 €" or "× 2,5" together.
_SPACES = re.compile(r"[ \t]+")


def words(text: str) -> list[str]:
    """The pieces a renderer may put on separate lines."""
    return [w for w in _SPACES.split(text.strip()) if w]


@cache
def _font(bold: bool) -> ImageFont.FreeTypeFont | None:
    for folder in _FONT_DIRS:
        path = folder / _FONT_FILES[bold]
        if path.exists():
            return ImageFont.truetype(str(path), _REFERENCE_SIZE)
    return None


def width_pt(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` in points at ``size`` points."""
    font = _font(bold)
    if font is None:  # no DejaVu on this machine: a wide estimate, never too narrow
        return len(text) * size * 0.62
    return font.getlength(text) * size / _REFERENCE_SIZE


def line_width(text: str, size: float, bold: bool = False) -> float:
    """The room (points) ``text`` needs to stay on one line once :func:`wrap`'s safety margin
    is kept: the width a box's inside must have."""
    return width_pt(text, size, bold) / SAFETY


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str] | None:
    """``text`` in lines no wider than ``width`` points, broken between words only; None when
    one word alone is wider than the line."""
    room = width * SAFETY
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in words(paragraph):
            if width_pt(word, size, bold) > room:
                return None
            candidate = f"{line} {word}" if line else word
            if width_pt(candidate, size, bold) <= room:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def height_pt(lines: int, size: float, paragraphs: int = 1, gap: float = 0.4) -> float:
    """The height of ``lines`` lines in ``paragraphs`` paragraphs (a gap after each)."""
    return lines * size * LINE_SPACING + max(paragraphs - 1, 0) * gap * size


@dataclass(frozen=True)
class Fit:
    """The type size a text fits its box at, and how many of its paragraphs fit."""

    size: float
    count: int


def fit(
    paragraphs: list[str],
    width: float,
    height: float,
    largest: float,
    smallest: float,
    bold: bool = False,
) -> Fit:
    """The largest size from ``largest`` down to ``smallest`` at which every paragraph fits the
    box (width x height, in points); if none does, how many fit at ``smallest`` (the caller puts
    the rest on a next slide)."""
    size = largest
    while size >= smallest:
        used = _used(paragraphs, size, width, bold)
        if used is not None and used <= height:
            return Fit(size, len(paragraphs))
        size -= 1
    count = 0
    for n in range(1, len(paragraphs) + 1):
        used = _used(paragraphs[:n], smallest, width, bold)
        if used is None or used > height:
            break
        count = n
    return Fit(smallest, count)


def _used(paragraphs: list[str], size: float, width: float, bold: bool) -> float | None:
    total_lines = 0
    for text in paragraphs:
        lines = wrap(text, size, width, bold)
        if lines is None:
            return None
        total_lines += len(lines)
    return height_pt(total_lines, size, len(paragraphs))


def split_sentences(text: str, limit: int = 320) -> list[str]:
    """A long text as paragraphs of whole sentences (each under ``limit`` characters when the
    sentences allow), so it can flow over several boxes without cutting a sentence."""
    sentences = [s.strip() for s in re.split(r"(?<=[.!?…])\s+", " ".join(text.split())) if s]
    out: list[str] = []
    for sentence in sentences:
        if out and len(out[-1]) + 1 + len(sentence) <= limit:
            out[-1] = f"{out[-1]} {sentence}"
        else:
            out.append(sentence)
    return out


def column_widths(
    rows: list[list[str]], size: float, total: float, padding: float, bold_first: bool = True
) -> list[float] | None:
    """Column widths (points) summing to ``total`` where every column holds its longest word
    (header included) on one line; the rest of the room goes to the columns with the most
    text. None when the longest words alone do not fit at this size."""
    n = len(rows[0])
    floor = [0.0] * n
    want = [0.0] * n
    for i, row in enumerate(rows):
        bold = bold_first and i == 0
        for j, value in enumerate(row):
            for word in words(str(value)):
                floor[j] = max(floor[j], line_width(word, size, bold) + padding)
            want[j] = max(want[j], line_width(str(value), size, bold) + padding)
    if sum(floor) > total:
        return None
    if sum(want) <= total:
        spare = total - sum(want)
        return [w + spare * w / sum(want) for w in want]
    # Give each column its floor, then share the rest in proportion to what it still wants.
    rest = total - sum(floor)
    extra = [max(w - f, 0.0) for w, f in zip(want, floor, strict=True)]
    share = sum(extra) or 1.0
    return [f + rest * e / share for f, e in zip(floor, extra, strict=True)]
