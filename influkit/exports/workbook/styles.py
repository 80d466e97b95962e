"""The workbook's named styles: yellow input cells, grey calculated cells, headers, titles."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

from influkit.exports.workbook.layout import CALC_COLOUR, HEADER_COLOUR, INPUT_COLOUR
from influkit.text.i18n import t


class Styles:
    """The workbook's named styles: one per (input or calculated) × number format."""

    def __init__(self, workbook: Workbook, lang: str) -> None:
        self.workbook = workbook
        self.lang = lang
        thin = Side(style="thin", color="BFBFBF")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.names: dict[tuple[str, str, bool], str] = {}
        header = NamedStyle(name=t("exports.style.header", lang))
        header.font = Font(bold=True, color="FFFFFF")
        header.fill = PatternFill("solid", start_color=HEADER_COLOUR, end_color=HEADER_COLOUR)
        header.alignment = Alignment(wrap_text=True, vertical="center")
        header.border = self.border
        workbook.add_named_style(header)
        self.header = header.name
        title = NamedStyle(name=t("exports.style.title", lang))
        title.font = Font(bold=True, size=14, color=HEADER_COLOUR)
        workbook.add_named_style(title)
        self.title = title.name

    def get(self, role: str, number_format: str, wrap: bool = False) -> str:
        """The named style for an input (``role="input"``) or a calculated cell."""
        key = (role, number_format, wrap)
        if key not in self.names:
            base = t(f"exports.style.{role}", self.lang)
            name = f"{base} {len(self.names) + 1}"
            style = NamedStyle(name=name)
            colour = INPUT_COLOUR if role == "input" else CALC_COLOUR
            style.fill = PatternFill("solid", start_color=colour, end_color=colour)
            style.border = self.border
            style.number_format = number_format
            style.alignment = Alignment(wrap_text=wrap, vertical="top")
            if role != "input":
                style.font = Font(italic=True, color="404040")
            self.workbook.add_named_style(style)
            self.names[key] = name
        return self.names[key]
