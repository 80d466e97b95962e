"""Moodle's GIFT text format for multiple-choice questions: read and write.

Trainers exchange question banks in GIFT (``::title:: question {=right ~wrong#feedback}``).
This module reads the multiple-choice subset the course uses — one right answer (``=``) or
several weighted answers (``~%50%``, ``~%-50%``), a feedback per answer (``#``), a general
feedback (``####``), ``//`` comments, ``$CATEGORY:`` lines and the ``\\`` escapes of
``~=#{}:`` — and writes it back so that ``parse(write(questions)) == questions``.
Malformed input raises :class:`~influkit.errors.UserError` naming the line to fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from influkit.errors import UserError

SPECIAL = "~=#{}:"
_WEIGHT = re.compile(r"%(-?\d+(?:[.,]\d+)?)%")
_FORMAT = re.compile(r"^\[(html|moodle|plain|markdown)\]")


@dataclass(frozen=True)
class Answer:
    """One choice of a question: its text, its weight (1 = fully right) and its explanation."""

    text: str
    weight: float
    feedback: str = ""

    @property
    def right(self) -> bool:
        """Whether choosing this answer earns points."""
        return self.weight > 0


@dataclass(frozen=True)
class Question:
    """A multiple-choice question; ``multiple`` when several answers may be ticked."""

    title: str
    text: str
    answers: tuple[Answer, ...]
    multiple: bool = False
    general_feedback: str = ""
    category: str | None = None
    line: int = field(default=0, compare=False)

    def right_indices(self) -> tuple[int, ...]:
        """The positions of the answers that earn points."""
        return tuple(i for i, answer in enumerate(self.answers) if answer.right)


# --- reading ---------------------------------------------------------------------------------


def _unescape(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt == "n" else nxt)
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _split_unescaped(text: str, markers: str) -> list[tuple[str, str]]:
    """Cut ``text`` before each unescaped marker; returns (marker, chunk) pairs."""
    parts: list[tuple[str, str]] = []
    current: list[str] = []
    marker = ""
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if char in markers:
            parts.append((marker, "".join(current)))
            current = []
            marker = char
            i += 1
            continue
        current.append(char)
        i += 1
    parts.append((marker, "".join(current)))
    return parts


def _find_unescaped(text: str, target: str, start: int = 0) -> int:
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(target, i):
            return i
        i += 1
    return -1


def _line_of(block: str, index: int, first_line: int) -> int:
    return first_line + block.count("\n", 0, index)


def _clean(text: str) -> str:
    # Line breaks and runs of spaces in the file are layout; an escaped ``\\n`` is a real break.
    return _unescape(" ".join(_FORMAT.sub("", text.strip()).split()))


def _parse_weight(raw: str, line: int) -> tuple[float | None, str]:
    raw = raw.lstrip()
    match = _WEIGHT.match(raw)
    if not match:
        return None, raw
    value = float(match.group(1).replace(",", "."))
    if not -100 <= value <= 100:
        raise UserError("classroom.gift.error_weight", line=line, weight=match.group(1))
    return value / 100, raw[match.end() :]


def _parse_answers(body: str, line: int) -> tuple[tuple[Answer, ...], bool, str]:
    general = ""
    cut = _find_unescaped(body, "####")
    if cut >= 0:
        general = _clean(body[cut + 4 :])
        body = body[:cut]
    chunks = _split_unescaped(body, "=~")
    if chunks[0][1].strip():
        raise UserError("classroom.gift.error_answer_marker", line=line)
    answers: list[Answer] = []
    has_equal = False
    for marker, chunk in chunks[1:]:
        weight, rest = _parse_weight(chunk, line)
        pieces = _split_unescaped(rest, "#")
        text = _clean(pieces[0][1])
        feedback = _clean("#".join(piece for _, piece in pieces[1:])) if len(pieces) > 1 else ""
        if not text:
            raise UserError("classroom.gift.error_empty_answer", line=line)
        if marker == "=":
            has_equal = True
            weight = 1.0 if weight is None else weight
        elif weight is None:
            weight = 0.0
        answers.append(Answer(text=text, weight=weight, feedback=feedback))
    if len(answers) < 2:
        raise UserError("classroom.gift.error_few_answers", line=line)
    multiple = not has_equal
    if multiple and not any(a.weight > 0 for a in answers):
        raise UserError("classroom.gift.error_no_right", line=line)
    if not multiple and sum(1 for a in answers if a.weight >= 1) != 1:
        raise UserError("classroom.gift.error_one_right", line=line)
    return tuple(answers), multiple, general


def _parse_block(block: str, first_line: int, category: str | None, number: int) -> Question:
    title = ""
    body_start = len(block) - len(block.lstrip())
    if block.startswith("::", body_start):
        end = _find_unescaped(block, "::", body_start + 2)
        if end < 0:
            raise UserError("classroom.gift.error_title", line=first_line)
        title = _clean(block[body_start + 2 : end])
        body_start = end + 2
    open_at = _find_unescaped(block, "{", body_start)
    if open_at < 0:
        raise UserError("classroom.gift.error_no_answers", line=first_line)
    line = _line_of(block, open_at, first_line)
    close_at = _find_unescaped(block, "}", open_at + 1)
    if close_at < 0:
        raise UserError("classroom.gift.error_unclosed", line=line)
    nested = _find_unescaped(block, "{", open_at + 1)
    if 0 <= nested < close_at or _find_unescaped(block, "{", close_at + 1) >= 0:
        raise UserError(
            "classroom.gift.error_nested", line=_line_of(block, max(nested, 0), first_line)
        )
    prompt = (block[body_start:open_at] + " " + block[close_at + 1 :]).strip()
    if not prompt:
        raise UserError("classroom.gift.error_no_text", line=first_line)
    answers, multiple, general = _parse_answers(block[open_at + 1 : close_at], line)
    return Question(
        title=title or f"q{number}",
        text=_clean(prompt),
        answers=answers,
        multiple=multiple,
        general_feedback=general,
        category=category,
        line=first_line,
    )


def parse(source: str, *, keep_categories: bool = True) -> list[Question]:
    """Read every question of a GIFT text; a malformed one raises a ``UserError`` with its line."""
    if source.startswith("\ufeff"):
        source = source[1:]
    questions: list[Question] = []
    category: str | None = None
    block: list[str] = []
    start = 0

    def flush() -> None:
        nonlocal block
        if any(piece.strip() for piece in block):
            number = len(questions) + 1
            questions.append(_parse_block("\n".join(block), start, category, number))
        block = []

    for number, raw in enumerate(source.splitlines(), start=1):
        stripped = raw.strip()
        if stripped.startswith("//"):
            continue
        if stripped.startswith("$CATEGORY:"):
            flush()
            category = (stripped[len("$CATEGORY:") :].strip() or None) if keep_categories else None
            continue
        if not stripped:
            flush()
            continue
        if not block:
            start = number
        block.append(raw)
    flush()
    seen: set[str] = set()
    for q in questions:
        if q.title in seen:
            raise UserError("classroom.gift.error_duplicate_title", line=q.line, title=q.title)
        seen.add(q.title)
    return questions


# --- writing ---------------------------------------------------------------------------------


def escape(text: str) -> str:
    """GIFT text with its special characters escaped."""
    out = text.replace("\\", "\\\\")
    for char in SPECIAL:
        out = out.replace(char, "\\" + char)
    return out.replace("\n", "\\n")


def _weight_text(weight: float) -> str:
    percent = round(weight * 100, 5)
    return f"%{int(percent) if percent == int(percent) else percent}%"


def write_question(question: Question) -> str:
    """One question in GIFT."""
    lines = [f"::{escape(question.title)}:: {escape(question.text)} {{"]
    for answer in question.answers:
        if question.multiple:
            head = f"~{_weight_text(answer.weight)}"
        elif answer.weight >= 1:
            head = "="
        elif answer.weight == 0:
            head = "~"
        else:
            head = f"~{_weight_text(answer.weight)}"
        feedback = f" #{escape(answer.feedback)}" if answer.feedback else ""
        lines.append(f"  {head}{escape(answer.text)}{feedback}")
    if question.general_feedback:
        lines.append(f"  ####{escape(question.general_feedback)}")
    lines.append("}")
    return "\n".join(lines)


def write(questions: Iterable[Question]) -> str:
    """A GIFT text of the questions, with a ``$CATEGORY:`` line whenever the category changes."""
    parts: list[str] = []
    category: str | None = None
    for question in questions:
        if question.category != category:
            # An empty $CATEGORY: line goes back to no category.
            parts.append(f"$CATEGORY: {question.category or ''}".rstrip())
            category = question.category
        parts.append(write_question(question))
    return "\n\n".join(parts) + "\n"
