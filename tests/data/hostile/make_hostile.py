"""The hostile-file corpus: files a careless or malicious user could upload to influkit.

``python tests/data/hostile/make_hostile.py`` writes the small files next to this script (they
are committed, byte for byte reproducible). The big ones — zip bombs and huge tables — are
built at test time in a temporary folder by :func:`big_files`, never committed.

Each file goes through every uploader (plan JSON, influencer list, results, plan workbook):
each must answer with a message in the user's language, never a traceback, and leave the
current plan as it was.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAMP = (2026, 1, 1, 0, 0, 0)
MARKDOWN = "![p](http://attacker.invalid/p.png) **gras** <img src=x onerror=alert(1)>"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "{shared}</Types>"
)
_SHARED_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} {RNS}>'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "{shared}</Relationships>"
)
_SHARED_REL = (
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/>'
)


def _zip(parts: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = compression
            archive.writestr(info, content.encode() if isinstance(content, str) else content)
    return buffer.getvalue()


def cell(ref: str, value: object) -> str:
    """One cell of sheet XML: a number, or inline text (XML-escaped)."""
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def table_rows(rows: list[list[object]]) -> str:
    """Sheet rows for a small table (columns A, B, C…)."""
    out = []
    for number, values in enumerate(rows, start=1):
        cells = "".join(cell(f"{chr(65 + i)}{number}", v) for i, v in enumerate(values))
        out.append(f'<row r="{number}">{cells}</row>')
    return "".join(out)


def sheet(rows_xml: str, dimension: str = "A1", prolog: str = "") -> str:
    """A worksheet part around ``rows_xml``."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet {NS}>'
        f'<dimension ref="{dimension}"/><sheetData>{rows_xml}</sheetData></worksheet>'
    )


def xlsx(
    sheet_xml: str | bytes,
    *,
    shared: str | bytes | None = None,
    name: str = "Feuil1",
    extra: dict[str, bytes | str] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A minimal workbook: one sheet, optional shared strings and extra parts."""
    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": _CONTENT_TYPES.format(shared=_SHARED_TYPE if shared else ""),
        "_rels/.rels": _RELS,
        "xl/workbook.xml": _WORKBOOK.format(name=name),
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS.format(shared=_SHARED_REL if shared else ""),
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = shared
    parts.update(extra or {})
    return _zip(parts, compression)


INFLUENCER_HEADER = ["Pseudo", "Plateforme", "Abonnés", "Nom"]


def _csv(lines: list[str], encoding: str = "utf-8") -> bytes:
    return ("\n".join(lines) + "\n").encode(encoding, errors="surrogatepass")


def _plan(**fields: object) -> bytes:
    data = {"schema_version": 2, "title": "Plan", "brief": {"brand": "Marque"}}
    data.update(fields)
    return json.dumps(data, ensure_ascii=False).encode("utf-8", errors="surrogatepass")


def small_files() -> dict[str, bytes]:
    """The committed corpus: name → bytes (a few kilobytes each)."""
    files: dict[str, bytes] = {}
    # --- plan JSON ---------------------------------------------------------------------------
    files["json_nested_100000.json"] = (
        b'{"brief": {}, "notes": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    )
    files["json_nested_objects.json"] = b'{"brief": ' + b'{"a":' * 5_000 + b"1" + b"}" * 5_001
    files["json_nan.json"] = b'{"brief": {"budget_eur_ht": NaN}}'
    files["json_infinity.json"] = b'{"brief": {"budget_eur_ht": Infinity}}'
    files["json_minus_infinity.json"] = b'{"brief": {}, "results": [{"reach": -Infinity}]}'
    files["json_1e400.json"] = b'{"brief": {"budget_eur_ht": 1e400}}'
    files["json_huge_integer.json"] = b'{"brief": {"budget_eur_ht": ' + b"9" * 5_000 + b"}}"
    files["json_nan_in_dict.json"] = _plan(settings={"brand_fit_weights": {"reach": float("nan")}})
    files["json_lone_surrogate.json"] = b'{"brief": {"brand": "a\\ud800b"}, "title": "\\udfff"}'
    files["json_control_chars.json"] = _plan(title="titre\x0bavec\x00controles\x1b[31m")
    files["json_unknown_codes.json"] = _plan(
        settings={"tier_scheme": "martian", "er_basis": "likes", "er_method": "mode"}
    )
    files["json_markdown_title.json"] = _plan(title=MARKDOWN, brief={"brand": MARKDOWN})
    files["json_not_json.json"] = b"\x89PNG\r\n\x1a\n\x00\x00binary"
    files["json_empty.json"] = b""
    files["json_bom_only.json"] = b"\xef\xbb\xbf"
    files["json_utf16.json"] = json.dumps({"brief": {}}).encode("utf-16")
    files["json_array.json"] = b'[{"brief": {}}]'
    files["json_string.json"] = b'"brief"'
    files["json_no_brief.json"] = b'{"title": "sans brief"}'
    files["json_brief_list.json"] = b'{"brief": [1, 2, 3]}'
    files["json_settings_list.json"] = b'{"schema_version": 1, "brief": {}, "settings": [1]}'
    files["json_version_text.json"] = b'{"schema_version": "abc", "brief": {}}'
    files["json_version_future.json"] = b'{"schema_version": 999, "brief": {}}'
    files["json_wrong_types.json"] = _plan(shortlist="everyone", objectives=[{"target": "high"}])
    files["json_truncated.json"] = _plan(title="x" * 50)[:-7]
    files["json_duplicate_keys.json"] = b'{"brief": {}, "title": "a", "title": "b"}'
    files["json_invalid_utf8.json"] = b'{"brief": {"brand": "\xff\xfe\xed\xa0\x80"}}'
    files["json_huge_dates.json"] = _plan(brief={"launch_date": "99999-01-01"})
    # --- CSV -----------------------------------------------------------------------------------
    files["csv_sep_x.csv"] = _csv(["sep=x", "Pseudo;Plateforme;Abonnés", "@a;instagram;100"])
    files["csv_sep_quote.csv"] = _csv(['sep="', "Pseudo;Plateforme;Abonnés", "@a;instagram;100"])
    files["csv_sep_empty.csv"] = _csv(["sep=", "Pseudo;Plateforme;Abonnés", "@a;instagram;100"])
    files["csv_sep_only.csv"] = _csv(["sep=;"])
    files["csv_400_digits.csv"] = _csv(
        ["Publication;Compte;Plateforme;Impressions", f"p1;@a;instagram;{'9' * 400}"]
    )
    files["csv_1e400.csv"] = _csv(
        ["Pseudo;Plateforme;Abonnés", "@a;instagram;1e400", "@b;tiktok;inf"]
    )
    files["csv_nan_words.csv"] = _csv(
        ["Publication;Compte;Plateforme;Clics", "p1;@a;instagram;NaN", "p2;@b;tiktok;Infinity"]
    )
    files["csv_control_chars.csv"] = _csv(
        [
            "Pseudo;Plateforme;Abonnés;Nom",
            "@a;instagram;100;Nom\x0bavec\x0ccontrôle\x1b",
            "@b;tiktok;5;\x7f",
        ]
    )
    files["csv_nul_bytes.csv"] = b"Pseudo;Plateforme\x00;Abonn\x00s\n@a;instagram;1\n"
    files["csv_lone_surrogate_bytes.csv"] = (
        b"Pseudo;Plateforme;Abonnes;Nom\n@a;instagram;100;a\xed\xa0\x80b\n"
    )
    files["csv_markdown_names.csv"] = _csv(
        [
            "Pseudo;Plateforme;Abonnés;Nom;Ville",
            f"@md;instagram;1000;{MARKDOWN};**Paris**",
            "@link;tiktok;2000;[clic](javascript:alert(1));<script>alert(1)</script>",
        ]
    )
    files["csv_markdown_headers.csv"] = _csv(
        [f"Pseudo;Plateforme;Abonnés;{MARKDOWN}", "@a;instagram;10;x"]
    )
    files["csv_formulas.csv"] = _csv(
        [
            "Pseudo;Plateforme;Abonnés;Nom",
            '@f;instagram;100;=HYPERLINK("http://x";"clic")',
            "@g;tiktok;200;+cmd|' /C calc'!A0",
            "@h;youtube;300;@SUM(1+1)",
        ]
    )
    files["csv_header_only.csv"] = _csv(["Pseudo;Plateforme;Abonnés"])
    files["csv_one_column.csv"] = _csv(["Pseudo", "@a", "@b"])
    files["csv_300_columns.csv"] = _csv(
        [";".join(f"c{i}" for i in range(300)), ";".join("1" for _ in range(300))]
    )
    files["csv_16384_separators.csv"] = _csv(
        ["Pseudo;Plateforme;Abonnés" + ";" * 16_384, "@a;instagram;1" + ";x" * 16_384]
    )
    files["csv_long_field.csv"] = _csv(
        ["Pseudo;Plateforme;Abonnés", "@a;instagram;" + "7" * 140_000]
    )
    files["csv_unbalanced_quotes.csv"] = _csv(
        ["Pseudo;Plateforme;Abonnés", '"@a;instagram;1', '@b;"tiktok;2']
    )
    files["csv_cr_only.csv"] = b"Pseudo;Plateforme;Abonnes\r@a;instagram;1\r@b;tiktok;2\r"
    files["csv_utf16_no_bom.csv"] = "Pseudo;Plateforme;Abonnés\n@a;instagram;1\n".encode(
        "utf-16-le"
    )
    files["csv_binary_garbage.csv"] = bytes(range(256)) * 8
    files["csv_pdf_magic.csv"] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"
    files["csv_old_excel_magic.xls"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    files["csv_empty.csv"] = b""
    files["csv_whitespace.csv"] = b" \n\t\r\n   \n"
    files["csv_influencers_as_results.csv"] = _csv(
        ["Pseudo;Plateforme;Abonnés;Nom", "@a;instagram;100;Anna", "@b;tiktok;200;Bob"]
    )
    files["csv_negative_and_dates.csv"] = _csv(
        [
            "Publication;Compte;Plateforme;Date;Coût;Clics",
            "p1;@a;instagram;31/02/2026;-5;-3",
            "p2;@b;tiktok;99/99/9999;1e3;abc",
        ]
    )
    files["csv_huge_dates.csv"] = _csv(
        [
            "Publication;Compte;Plateforme;Date;Clics",
            "p1;@a;instagram;99999999;1",
            "p2;@b;tiktok;01/01/99999;2",
        ]
    )
    files["csv_emoji_rtl.csv"] = _csv(
        [
            "Pseudo;Plateforme;Abonnés;Nom",
            "@e;instagram;1;\u202egnp.exe\u202c 🎉",
            "@z;x;2;\u200b\u200d",
        ]
    )
    # --- XLSX ----------------------------------------------------------------------------------
    header_and_row = table_rows([INFLUENCER_HEADER, ["@a", "instagram", 1000, "Anna"]])
    files["xlsx_ok_but_markdown.xlsx"] = xlsx(
        sheet(table_rows([INFLUENCER_HEADER, ["@md", "instagram", 10, MARKDOWN]]), "A1:D2")
    )
    files["xlsx_vertical_tab.xlsx"] = xlsx(
        sheet(
            table_rows([INFLUENCER_HEADER])
            + '<row r="2"><c r="A2" t="inlineStr"><is><t>@v</t></is></c>'
            '<c r="B2" t="inlineStr"><is><t>instagram</t></is></c><c r="C2"><v>5</v></c>'
            '<c r="D2" t="inlineStr"><is><t>avec_x000B_tab_x0000_nul</t></is></c></row>',
            "A1:D2",
        )
    )
    files["xlsx_column_xfd.xlsx"] = xlsx(
        sheet(header_and_row + '<row r="3"><c r="XFD3"><v>1</v></c></row>', "A1:XFD3")
    )
    files["xlsx_dimension_lies.xlsx"] = xlsx(sheet(header_and_row, "A1:XFD1048576"))
    files["xlsx_250_columns.xlsx"] = xlsx(
        sheet(
            '<row r="1">' + "".join(cell(f"{_letters(i)}1", f"c{i}") for i in range(250)) + "</row>"
            '<row r="2">' + "".join(cell(f"{_letters(i)}2", i) for i in range(250)) + "</row>",
            "A1:IP2",
        )
    )
    files["xlsx_entity_expansion.xlsx"] = xlsx(
        sheet(
            table_rows([INFLUENCER_HEADER])
            + '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>',
            "A1:D2",
            prolog='<!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(
                f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                for i in range(1, 10)
            )
            + "]>",
        )
    )
    files["xlsx_external_entity.xlsx"] = xlsx(
        sheet(
            '<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>',
            prolog='<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        )
    )
    files["xlsx_malformed_xml.xlsx"] = xlsx('<worksheet><sheetData><row r="1"><c r="A1"')
    files["xlsx_malformed_workbook.xlsx"] = xlsx(
        sheet(header_and_row), extra={"xl/workbook.xml": "<workbook"}
    )
    files["xlsx_no_workbook_part.xlsx"] = _zip(
        {"xl/workbook.xml.bak": "x", "[Content_Types].xml": "<Types/>"}
    )
    files["xlsx_not_a_zip.xlsx"] = b"PK\x03\x04 this is not really a zip"
    files["xlsx_opendocument.ods"] = _zip(
        {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}
    )
    files["xlsx_1001_parts.xlsx"] = xlsx(
        sheet(header_and_row), extra={f"xl/media/empty{i}.bin": b"" for i in range(1_001)}
    )
    files["xlsx_infinite_numbers.xlsx"] = xlsx(
        sheet(
            table_rows([["Publication", "Compte", "Plateforme", "Impressions"]])
            + '<row r="2"><c r="A2" t="inlineStr"><is><t>p1</t></is></c>'
            '<c r="B2" t="inlineStr"><is><t>@a</t></is></c>'
            '<c r="C2" t="inlineStr"><is><t>instagram</t></is></c><c r="D2"><v>1e400</v></c></row>'
            '<row r="3"><c r="A3" t="inlineStr"><is><t>p2</t></is></c>'
            '<c r="B3" t="inlineStr"><is><t>@b</t></is></c>'
            '<c r="C3" t="inlineStr"><is><t>tiktok</t></is></c><c r="D3"><v>NaN</v></c></row>',
            "A1:D3",
        )
    )
    files["xlsx_bad_cell_types.xlsx"] = xlsx(
        sheet(
            table_rows([INFLUENCER_HEADER])
            + '<row r="2"><c r="A2" t="b"><v>7</v></c><c r="B2" t="e"><v>#REF!</v></c>'
            '<c r="C2" t="d"><v>not-a-date</v></c><c r="D2" t="s"><v>99</v></c></row>',
            "A1:D2",
        )
    )
    files["xlsx_empty_sheet.xlsx"] = xlsx(sheet(""))
    files["xlsx_sheet_named_like_plan.xlsx"] = xlsx(
        sheet(table_rows([["Marque", MARKDOWN], ["Budget", "1e400"]]), "A1:B2"), name="Brief"
    )
    files["xlsx_lying_size.xlsx"] = _lying_size(xlsx(sheet(header_and_row, "A1:D2")))
    return files


def _letters(index: int) -> str:
    """Spreadsheet column letters of a 0-based index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _lying_size(data: bytes) -> bytes:
    """The same archive whose central directory says the sheet is 10 bytes once decompressed."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo("xl/worksheets/sheet1.xml")
    buffer = bytearray(data)
    # A central directory entry holds the uncompressed size 24 bytes after its signature.
    for offset in _central_entries(buffer):
        name_length = int.from_bytes(buffer[offset + 28 : offset + 30], "little")
        name = bytes(buffer[offset + 46 : offset + 46 + name_length]).decode()
        if name == info.filename:
            buffer[offset + 24 : offset + 28] = (10).to_bytes(4, "little")
    return bytes(buffer)


def _central_entries(buffer: bytearray) -> list[int]:
    found, start = [], 0
    while (offset := buffer.find(b"PK\x01\x02", start)) != -1:
        found.append(offset)
        start = offset + 4
    return found


def big_files(folder: Path) -> dict[str, Path]:
    """Zip bombs and huge tables, written in ``folder`` at test time: name → path."""
    paths: dict[str, Path] = {}

    def write(name: str, data: bytes) -> None:
        paths[name] = folder / name
        paths[name].write_bytes(data)

    # One cell whose shared string expands to 310 MB.
    text = b"a" * (310 * 1024 * 1024)
    shared = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst '
        + NS.encode()
        + b' count="1" uniqueCount="1">'
        b"<si><t>" + text + b"</t></si></sst>"
    )
    del text
    write(
        "bomb_one_cell_310mb.xlsx",
        xlsx(
            sheet(
                table_rows([INFLUENCER_HEADER]) + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
            ),
            shared=shared,
        ),
    )
    del shared
    # 325 MB of empty rows.
    write(
        "bomb_empty_rows_325mb.xlsx",
        xlsx(
            b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
            + NS.encode()
            + b"><sheetData>"
            + b"<row/>" * (325 * 1024 * 1024 // 6)
            + b"</sheetData></worksheet>"
        ),
    )
    # 16 384 columns on every row of a small table: a few hundred kilobytes compressed.
    wide_row = b"<row>" + b"<c><v>1</v></c>" * 16_384 + b"</row>"
    write(
        "wide_16384_columns.xlsx",
        xlsx(
            sheet("", "A1:XFD200").replace(
                "<sheetData></sheetData>",
                "<sheetData>" + (wide_row * 200).decode() + "</sheetData>",
            )
        ),
    )
    # A CSV of 60 000 rows, and a plan of 150 000 shortlist entries (4.4 MB).
    write(
        "csv_60000_rows.csv",
        _csv(["Pseudo;Plateforme;Abonnés"] + [f"@u{i};instagram;{i}" for i in range(60_000)]),
    )
    write(
        "json_150000_shortlist.json",
        json.dumps(
            {"brief": {}, "shortlist": [{"influencer_id": f"I{i}"} for i in range(150_000)]}
        ).encode(),
    )
    return paths


def main(folder: Path = HERE) -> int:
    """Write the small corpus next to this script."""
    for name, data in small_files().items():
        (folder / name).write_bytes(data)
    print(f"wrote {len(small_files())} files in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
