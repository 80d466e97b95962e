"""Tolerant import: reading users' files, French numbers, column mapping, row checks, merging."""

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from influkit.data import importer
from influkit.data.importer import INFLUENCER_TARGET, RESULTS_TARGET
from influkit.errors import UserError
from influkit.identify import profiles
from influkit.plan.model import ImportedInfluencer, Plan, ResultRow
from influkit.text import i18n

from ..helpers import DATA

FOLDER = DATA / "import"
EXPECTED = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))
SAMPLES = sorted(p.name for p in FOLDER.iterdir() if p.name != "expected.json")


def _import(name: str, data: bytes | None = None, target=INFLUENCER_TARGET, **kwargs):
    """Read a file and apply the suggested mapping, as the page does."""
    raw = importer.read_table(data if data is not None else (FOLDER / name).read_bytes(), name)
    mapping = importer.suggest_mapping(raw.columns, target, raw.frame.head(50))
    return raw, importer.apply_mapping(raw, mapping, target, **kwargs)


def _xlsx(rows, title="Feuille1", extra_sheets=()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for name, extra in extra_sheets:
        other = workbook.create_sheet(name)
        for row in extra:
            other.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- the sample files -------------------------------------------------------------------------


def test_every_sample_file_has_its_expectation():
    """The folder holds at least ten sample files, each with what it should give."""
    assert len(SAMPLES) >= 10
    assert sorted(EXPECTED) == SAMPLES


@pytest.mark.parametrize("name", SAMPLES)
def test_each_sample_file_gives_its_valid_rows_and_problems(name):
    """Each sample gives the expected error, or its valid rows and the problems where they are."""
    expected = EXPECTED[name]
    data = (FOLDER / name).read_bytes()
    if "error" in expected:
        with pytest.raises(UserError) as caught:
            importer.read_table(data, name)
        assert caught.value.key == expected["error"]
        assert caught.value.message("fr") != caught.value.key
        return
    raw, result = _import(name)
    for attribute in ("encoding", "separator", "sheet", "header_row"):
        if attribute in expected:
            assert getattr(raw, attribute) == expected[attribute], attribute
    assert result.valid_count == expected["valid"]
    got = [
        [p.row_number, p.column, p.reason_key, *([p.severity] if p.severity != "error" else [])]
        for p in result.problems
    ]
    assert got == expected["problems"]
    rows = dict(zip(result.row_numbers, result.rows, strict=True))
    for row_number, fields in expected.get("values", {}).items():
        for field, value in fields.items():
            got_value = rows[int(row_number)][field]
            assert got_value == (pytest.approx(value) if isinstance(value, float) else value), (
                row_number,
                field,
            )


@pytest.mark.parametrize("name", [n for n in SAMPLES if "error" not in EXPECTED[n]])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_problem_reads_in_words(name, lang):
    """Each problem has a message in the user's language, without a raw catalogue key."""
    _, result = _import(name)
    for problem in result.problems:
        message = problem.message(lang)
        assert message and not re.search(r"\bimporter\.[a-z_.]+", message)
        assert "{" not in message


# --- numbers, rates and dates -----------------------------------------------------------------

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12,5 k", 12_500),
        ("12,5k", 12_500),
        ("12.5K", 12_500),
        ("1,2 M", 1_200_000),
        ("1.2M", 1_200_000),
        ("1,5 Md", 1_500_000_000),
        ("2 mio", 2_000_000),
        ("3 400", 3_400),
        (f"3{NBSP}400", 3_400),
        (f"3{NNBSP}400", 3_400),
        (f"1{NNBSP}234{NNBSP}567,89", 1_234_567.89),
        ("1.234,56", 1_234.56),
        ("1,234.56", 1_234.56),
        ("1.234.567", 1_234_567),
        ("1,500,000", 1_500_000),
        ("2 500 €", 2_500),
        ("€1,200", 1_200),
        ("$1,250.50", 1_250.5),
        ("450 € HT", 450),
        ("1 200 euros", 1_200),
        ("12 500 abonnés", 12_500),
        ("1.5k followers", 1_500),
        ("4,5 %", 0.045),
        ("4.5%", 0.045),
        ("0,045", 0.045),
        ("0.045", 0.045),
        ("12", 12),
        ("-5", -5),
        ("(1 200)", -1_200),
        ("+12", 12),
        ("'-5", -5),
        ("1'234", 1_234),
        (",5", 0.5),
        ("1,234", 1.234),
        ("1.234", 1_234),
        (12.0, 12),
        (7, 7),
        ("-", None),
        ("", None),
        ("  ", None),
        ("n/a", None),
        ("N/A", None),
        ("N.D.", None),
        ("nd", None),
        ("NC", None),
        ("#N/A", None),
        (None, None),
        (float("nan"), None),
    ],
)
def test_numbers_are_read_the_french_way(text, expected):
    """Spaces group thousands, the comma is decimal, k/M/Md scale, % divides by 100."""
    value = importer.parse_number(text)
    assert value == (pytest.approx(expected) if expected is not None else None)


@pytest.mark.parametrize(
    "text, decimal, expected",
    [
        ("1,234", ".", 1_234),
        ("1.234", ".", 1.234),
        ("1,234", ",", 1.234),
        ("1.234", ",", 1_234),
        ("12,5", ".", 12.5),
        ("1,234.5", ",", 1_234.5),
    ],
)
def test_a_lone_thousands_or_decimal_mark_follows_the_hint(text, decimal, expected):
    """Only ``1,234`` and ``1.234`` are ambiguous: the column's decimal mark settles them."""
    assert importer.parse_number(text, decimal) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["abc", "12abc", "1,2,3", "1..2", "12 500 €€ x", "1.5.2026", True])
def test_text_that_is_not_a_number_is_refused(text):
    """Words, misplaced marks and dates are not numbers: the user is told."""
    with pytest.raises(UserError) as caught:
        importer.parse_number(text)
    assert caught.value.key == "importer.reason.not_a_number"


@pytest.mark.parametrize(
    "values, expected",
    [
        (["12,5", "3"], ","),
        (["0,045", "1 200"], ","),
        (["1.234,5"], ","),
        (["12.5", "4"], "."),
        (["1,200", "5,000,000"], "."),
        (["1,234.56"], "."),
        (["1,200"], None),
        (["1 200", "300"], None),
        ([], None),
    ],
)
def test_a_column_reveals_its_decimal_mark(values, expected):
    """Values that can only be read one way tell how the column's ambiguous ones are written."""
    assert importer.infer_decimal_mark(values) == expected


@pytest.mark.parametrize(
    "text, scale, expected",
    [
        ("4,5 %", "auto", 0.045),
        ("4.5%", "auto", 0.045),
        ("0,045", "auto", 0.045),
        ("4,5", "auto", 0.045),
        ("86", "auto", 0.86),
        ("0,86", "auto", 0.86),
        ("1", "auto", 1.0),
        ("140 %", "auto", 1.4),
        ("0,8", "percent", 0.008),
        ("4,5 %", "percent", 0.045),
        ("4,5", "fraction", 4.5),
        ("4,5 %", "fraction", 0.045),
        (0.045, "auto", 0.045),
        (4.5, "auto", 0.045),
        ("n/a", "auto", None),
    ],
)
def test_rates_become_fractions(text, scale, expected):
    """A % sign always divides by 100; a bare number follows the field's scale (auto: > 1 is %)."""
    value = importer.parse_rate(text, scale)
    assert value == (pytest.approx(expected) if expected is not None else None)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("01/12/2026", dt.date(2026, 12, 1)),
        ("1/12/2026", dt.date(2026, 12, 1)),
        ("01-12-2026", dt.date(2026, 12, 1)),
        ("01.12.26", dt.date(2026, 12, 1)),
        ("2026-12-01", dt.date(2026, 12, 1)),
        ("2026-12-01T18:42", dt.date(2026, 12, 1)),
        ("2026/12/01", dt.date(2026, 12, 1)),
        ("20261201", dt.date(2026, 12, 1)),
        ("1 déc. 2026", dt.date(2026, 12, 1)),
        ("1er décembre 2026", dt.date(2026, 12, 1)),
        ("mardi 1 décembre 2026", dt.date(2026, 12, 1)),
        ("14 février 2027", dt.date(2027, 2, 14)),
        ("3 août 2026", dt.date(2026, 8, 3)),
        ("1 Dec 2026", dt.date(2026, 12, 1)),
        ("Dec 1, 2026", dt.date(2026, 12, 1)),
        ("December 1st, 2026", dt.date(2026, 12, 1)),
        ("12/31/2026", dt.date(2026, 12, 31)),
        ("05/03/2027", dt.date(2027, 3, 5)),
        (dt.datetime(2026, 12, 1, 10, 30), dt.date(2026, 12, 1)),
        (dt.date(2026, 12, 1), dt.date(2026, 12, 1)),
        (46357, dt.date(2026, 12, 1)),
        ("", None),
        ("-", None),
        ("n/a", None),
    ],
)
def test_dates_are_read_day_first(text, expected):
    """Day first (French), ISO, month names in French or English, Excel serial numbers."""
    assert importer.parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2026", "hier", "13/13/2026", "1 brumaire 2026", "2026"])
def test_impossible_dates_are_refused(text):
    """A date that does not exist or cannot be read is refused with a clear reason."""
    with pytest.raises(UserError) as caught:
        importer.parse_date(text)
    assert caught.value.key == "importer.reason.not_a_date"


@pytest.mark.parametrize(
    "field, text, expected",
    [
        ("platform", "Insta", "instagram"),
        ("platform", "IG", "instagram"),
        ("platform", "instagram.com", "instagram"),
        ("platform", "Instagram Reels", "instagram"),
        ("platform", "TikTok", "tiktok"),
        ("platform", "tik tok", "tiktok"),
        ("platform", "YT", "youtube"),
        ("platform", "youtu.be", "youtube"),
        ("platform", "Twitter", "x"),
        ("platform", "X (ex-Twitter)", "x"),
        ("platform", "LinkedIn", "linkedin"),
        ("platform", "twitch.tv", "twitch"),
        ("platform", "https://www.tiktok.com/@lea", "tiktok"),
        ("niche", "Beauté", "beauty"),
        ("niche", "Jeux vidéo", "gaming"),
        ("niche", "Personal finance", "finance"),
        ("niche", "Art de vivre", "lifestyle"),
        ("country", "France", "FR"),
        ("country", "fr", "FR"),
        ("country", "Belgium", "BE"),
        ("country", "Côte d’Ivoire", "CI"),
        ("country", "Royaume-Uni", "GB"),
        ("country", "USA", "US"),
        ("language", "Français", "fr"),
        ("language", "English", "en"),
        ("language", "fr-CA", "fr"),
        ("platform", "Facebook", "facebook"),
        ("platform", "FB", "facebook"),
        ("platform", "Page Facebook", "facebook"),
        ("platform", "Snap", "snapchat"),
        ("platform", "Snapchat", "snapchat"),
        ("platform", "Pinterest", "pinterest"),
        ("platform", "Épingles", "pinterest"),
        ("platform", "Threads", "threads"),
        ("platform", "threads.net", "threads"),
        ("platform", "Autre", "other"),
        ("platform", "Autre plateforme", "other"),
        ("platform", "n/a", None),
    ],
)
def test_codes_are_recognised_under_their_usual_names(field, text, expected):
    """Platforms, topics, countries and languages are read from the names people write."""
    assert importer.parse_code(text, INFLUENCER_TARGET.field(field)) == expected


@pytest.mark.parametrize("field, text", [("platform", "Myspace"), ("niche", "Origami")])
def test_unknown_codes_are_refused(field, text):
    """A value matching no code is reported, never guessed."""
    with pytest.raises(UserError):
        importer.parse_code(text, INFLUENCER_TARGET.field(field))


@pytest.mark.parametrize(
    "text, handle, platform",
    [
        ("@lea", "@lea", None),
        ("lea", "@lea", None),
        ("  @lea  ", "@lea", None),
        ("'@lea", "@lea", None),
        ("https://www.instagram.com/lea.b/", "@lea.b", "instagram"),
        ("instagram.com/lea.b?hl=fr", "@lea.b", "instagram"),
        ("https://www.tiktok.com/@lea_b", "@lea_b", "tiktok"),
        ("https://www.youtube.com/@chaine", "@chaine", "youtube"),
        ("https://youtube.com/c/chaine", "@chaine", "youtube"),
        ("https://fr.linkedin.com/in/lea-b", "@lea-b", "linkedin"),
        ("https://twitter.com/lea", "@lea", "x"),
        ("https://x.com/lea", "@lea", "x"),
        ("https://www.twitch.tv/lea", "@lea", "twitch"),
        ("https://www.facebook.com/lea.b", "@lea.b", "facebook"),
        ("https://www.snapchat.com/add/lea_b", "@lea_b", "snapchat"),
        ("https://fr.pinterest.com/leab/", "@leab", "pinterest"),
        ("https://www.threads.net/@lea", "@lea", "threads"),
        ("Lea B", "Lea B", None),
        ("", None, None),
        ("@", None, None),
    ],
)
def test_handles_are_normalised_and_links_give_their_platform(text, handle, platform):
    """A handle is stored with its @; a profile link gives both the handle and the platform."""
    assert importer.normalise_handle(text) == (handle, platform)


def test_rows_on_facebook_snapchat_pinterest_threads_are_imported():
    """A list of Facebook, Snapchat, Pinterest and Threads accounts, written the French way,
    is imported whole: no row is refused for its platform."""
    data = (
        "Pseudo;Plateforme;Abonnés\n@lea;Facebook;12 000\n@max;Snap;8 500\n"
        "@ines;Pinterest;45 000\n@tom;Threads;3 200\n@zoe;Page Facebook;1 500\n"
    ).encode()
    _, result = _import("reseaux.csv", data)
    assert result.rejected_count == 0
    assert [r["platform"] for r in result.rows] == [
        "facebook", "snapchat", "pinterest", "threads", "facebook",
    ]  # fmt: skip
    assert all(isinstance(r, ImportedInfluencer) for r in result.records)


def test_a_platform_not_listed_is_kept_as_other_under_its_name():
    """An account on a platform influkit does not list (Mastodon, BeReal) is imported as
    "other platform" and keeps the name written in the file."""
    data = "Pseudo;Plateforme;Abonnés\n@lea;Mastodon;1 200\n@max;Instagram;9 000\n".encode()
    _, result = _import("autres.csv", data)
    assert result.rejected_count == 0
    first, second = result.records
    assert (first.platform, first.platform_name) == ("other", "Mastodon")
    assert (second.platform, second.platform_name) == ("instagram", "")


def test_an_imported_account_keeps_the_same_id():
    """The id depends on platform and handle only: case, @ and spaces do not change it."""
    first = importer.imported_id("@Anna", "instagram")
    assert first.startswith("IMP-")
    assert importer.imported_id("anna", "instagram") == first
    assert importer.imported_id(" @ANNA ", "instagram") == first
    assert importer.imported_id("@anna", "tiktok") != first


# --- reading files ----------------------------------------------------------------------------


def test_a_file_over_ten_megabytes_is_refused():
    """Over 10 MB the file is refused with its size, before anything is parsed."""
    data = b"Pseudo;Plateforme;Abonnes\n" + b"@a;instagram;1\n" * 800_000
    with pytest.raises(UserError) as caught:
        importer.read_table(data, "big.csv")
    assert caught.value.key == "limits.table_bytes"
    assert "10 Mo" in caught.value.message("fr")


@pytest.mark.parametrize(
    "rows, refused", [(importer.MAX_ROWS, False), (importer.MAX_ROWS + 1, True)]
)
def test_at_most_fifty_thousand_rows_are_read(rows, refused):
    """50 000 data rows are read; one more is refused."""
    data = ("h;p;f\n" + "@a;ig;1\n" * rows).encode()
    if refused:
        with pytest.raises(UserError) as caught:
            importer.read_table(data, "rows.csv")
        assert caught.value.key == "limits.table_rows"
    else:
        assert len(importer.read_table(data, "rows.csv").frame) == rows


@pytest.mark.parametrize(
    "data, name, key",
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.xls", "importer.error.old_excel"),
        (b"a;b\n1;2\n", "list.xls", "importer.error.old_excel"),
        (b"\xef\xbb\xbf\r\n", "bom.csv", "importer.error.empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "photo.png", "importer.error.unsupported_type"),
        (b"Pseudo;Abonnes\n", "list.json", "importer.error.unsupported_type"),
        (b"PK\x03\x04garbage", "broken.xlsx", "importer.error.not_a_table"),
        (b"Juste une phrase.\nEt une autre.\n", "notes.txt", "importer.error.one_column"),
    ],
)
def test_files_that_are_not_tables_are_explained(data, name, key):
    """Old Excel, images, broken archives, prose: each gets its own message."""
    with pytest.raises(UserError) as caught:
        importer.read_table(data, name)
    assert caught.value.key == key


def test_an_opendocument_file_is_asked_as_xlsx():
    """A LibreOffice file is recognised and the user is told to save it as .xlsx."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(UserError) as caught:
        importer.read_table(buffer.getvalue(), "list.ods")
    assert caught.value.key == "importer.error.opendocument"


def test_a_workbook_made_here_finds_its_header_under_blank_rows():
    """Blank rows above the header are skipped; rows keep the numbers Excel shows."""
    data = _xlsx(
        [
            [],
            [],
            ["Pseudo", "Plateforme", "Abonnés", "Date"],
            ["@a", "Instagram", 1200, dt.datetime(2026, 12, 1)],
            [None, None, None, None],
            ["@b", "TikTok", "3,4 k", "02/12/2026"],
        ]
    )
    raw = importer.read_table(data, "made.xlsx")
    assert (raw.kind, raw.header_row, raw.row_numbers) == ("xlsx", 3, [4, 6])
    assert raw.columns == ["Pseudo", "Plateforme", "Abonnés", "Date"]
    _, result = _import("made.xlsx", data)
    assert [r["followers"] for r in result.rows] == [1200, 3400]


def test_the_sheet_to_read_can_be_chosen():
    """The first sheet with data is read unless the user picks another one."""
    data = _xlsx(
        [],
        "Vide",
        extra_sheets=[
            ("Liste", [["Pseudo", "Plateforme", "Abonnés"], ["@a", "IG", 10]]),
            ("Autre", [["Pseudo", "Plateforme", "Abonnés"], ["@b", "YT", 20], ["@c", "YT", 30]]),
        ],
    )
    first = importer.read_table(data, "sheets.xlsx")
    assert first.sheet == "Liste" and first.sheets == ("Vide", "Liste", "Autre")
    assert len(importer.read_table(data, "sheets.xlsx", sheet="Autre").frame) == 2
    with pytest.raises(UserError) as caught:
        importer.read_table(data, "sheets.xlsx", sheet="Absente")
    assert caught.value.key == "importer.error.unknown_sheet"
    with pytest.raises(UserError) as caught:
        importer.read_table(data, "sheets.xlsx", sheet="Vide")
    assert caught.value.key == "importer.error.empty_sheet"


def test_a_csv_named_xlsx_is_still_read():
    """The content decides: a CSV saved with the wrong extension is read as a CSV."""
    raw = importer.read_table(b"Pseudo;Plateforme\n@a;IG\n", "renamed.xlsx")
    assert raw.kind == "csv" and raw.separator == ";"


def test_unnamed_and_repeated_columns_get_names():
    """An unnamed column takes its letter, a repeated name a number; empty trailing ones go."""
    raw = importer.read_table(b"Pseudo;;Pseudo;\n@a;x;@b;\n", "cols.csv")
    assert raw.columns == ["Pseudo", "B", "Pseudo (2)"]


def test_the_raw_preview_keeps_the_cells_as_written():
    """The preview shows the text of the file, indexed by spreadsheet row numbers."""
    raw = importer.read_table((FOLDER / "fr_export_good.csv").read_bytes(), "fr.csv")
    preview = raw.preview(3)
    assert list(preview.index) == [2, 3, 4]
    assert preview.iloc[0]["Abonnés"] == "12,5 k"


# --- mapping ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header, field",
    [
        ("Abonnés", "followers"),
        ("Followers", "followers"),
        ("Nb abonnés", "followers"),
        ("Nombre d'abonnés", "followers"),
        ("Pseudo", "handle"),
        ("Compte", "handle"),
        ("Handle", "handle"),
        ("Nom d'utilisateur", "handle"),
        ("Lien du profil", "handle"),
        ("Plateforme", "platform"),
        ("Réseau", "platform"),
        ("Réseau social", "platform"),
        ("Prix", "price_per_post_eur"),
        ("Tarif", "price_per_post_eur"),
        ("Prix (€ HT)", "price_per_post_eur"),
        ("Taux d'engagement", "engagement_rate"),
        ("ER", "engagement_rate"),
        ("ER (%)", "engagement_rate"),
        ("Crédibilité", "audience_credibility"),
        ("Abonnés réels (%)", "audience_credibility"),
        ("Pays", "country"),
        ("Pays de l'audience", "audience_top_country"),
        ("Thématique", "niche"),
        ("Catégorie", "niche"),
        ("% femmes", "audience_female_share"),
        ("18-24 ans", "audience_age_18_24"),
        ("45+", "audience_age_45_plus"),
        ("Faux abonnés", "suspicious_followers_share"),
        ("Nom", "display_name"),
        ("Ville", "city"),
        ("Langue", "language"),
    ],
)
def test_headers_are_matched_by_meaning(header, field):
    """French and English column names, with accents, case or filler words, find their field."""
    mapping = importer.suggest_mapping([header], INFLUENCER_TARGET)
    assert mapping[field] == header
    assert [f for f, c in mapping.items() if c] == [field]


def test_each_column_feeds_one_field_and_unknown_ones_none():
    """A column is used once, the best match wins, and a column nobody knows stays unused."""
    columns = ["Abonnés", "Abonnés suspects", "Commentaire libre", "Pseudo"]
    mapping = importer.suggest_mapping(columns, INFLUENCER_TARGET)
    assert mapping["followers"] == "Abonnés"
    assert mapping["suspicious_followers_share"] == "Abonnés suspects"
    assert "Commentaire libre" not in mapping.values()
    assert list(mapping) == [f.name for f in INFLUENCER_TARGET.fields]


def test_handle_and_platform_columns_are_found_by_their_values():
    """Without telling headers, a column of @handles and one of platform names are recognised."""
    raw = importer.read_table(
        "Colonne 1;Colonne 2;Abonnés\n@a;Insta\n@b;TikTok\n".encode(), "x.csv"
    )
    mapping = importer.suggest_mapping(raw.columns, INFLUENCER_TARGET, raw.frame)
    assert (mapping["handle"], mapping["platform"]) == ("Colonne 1", "Colonne 2")


@pytest.mark.parametrize(
    "mapping, defaults, missing",
    [
        ({"handle": "a", "platform": "b", "followers": "c"}, {}, []),
        ({"handle": "a", "followers": "c"}, {}, []),
        ({"handle": "a"}, {}, ["followers"]),
        ({"platform": "b", "followers": "c"}, {}, ["handle"]),
        ({"followers": "c"}, {"platform": "instagram"}, ["handle"]),
    ],
)
def test_required_fields_need_a_column(mapping, defaults, missing):
    """Handle and followers need a column; the platform may come from profile links."""
    assert importer.unmapped_required(mapping, INFLUENCER_TARGET, defaults) == missing


def test_applying_a_mapping_without_required_columns_is_refused():
    """The check refuses to run until every required field has a column."""
    raw = importer.read_table(b"Pseudo;Plateforme\n@a;IG\n", "x.csv")
    with pytest.raises(UserError) as caught:
        importer.apply_mapping(raw, {"handle": "Pseudo"}, INFLUENCER_TARGET)
    assert caught.value.key == "importer.error.unmapped"


def test_a_platform_for_all_rows_fills_the_gaps_only():
    """The platform chosen for the file is used where a row gives none, a link keeps its own."""
    data = "Pseudo;Abonnés\n@a;1 000\nhttps://tiktok.com/@b;2 000\n".encode()
    raw = importer.read_table(data, "x.csv")
    mapping = importer.suggest_mapping(raw.columns, INFLUENCER_TARGET)
    without = importer.apply_mapping(raw, mapping, INFLUENCER_TARGET)
    assert without.valid_count == 1
    with_default = importer.apply_mapping(raw, mapping, INFLUENCER_TARGET, {"platform": "youtube"})
    assert [r["platform"] for r in with_default.rows] == ["youtube", "tiktok"]


def test_the_template_round_trips_in_both_languages():
    """The downloadable template is recognised column by column and its example row is valid."""
    for lang in ("fr", "en"):
        for target in (INFLUENCER_TARGET, RESULTS_TARGET):
            data = importer.template_csv(target, lang)
            raw = importer.read_table(data, "template.csv")
            assert raw.separator == (";" if lang == "fr" else ",")
            mapping = importer.suggest_mapping(raw.columns, target)
            assert all(mapping[f.name] == f.label(lang) for f in target.fields if mapping[f.name])
            result = importer.apply_mapping(raw, mapping, target)
            assert (result.valid_count, result.problems) == (1, [])


def test_the_french_template_is_written_the_french_way():
    """French headers, ';', decimal commas and a BOM so that Excel opens it right."""
    text = importer.template_csv(INFLUENCER_TARGET, "fr").decode("utf-8")
    assert text.startswith("\ufeffPseudo;Plateforme;Abonnés;")
    assert "4,5\u00a0%" in text and "450\u00a0€" in text


# --- checking rows ----------------------------------------------------------------------------


def test_problems_and_counts_are_reported_per_row():
    """Counts match the problems: rejected rows, duplicates and ignored values."""
    _, result = _import("bad_rows.csv")
    assert (result.total_rows, result.valid_count, result.rejected_count) == (9, 4, 5)
    assert (result.duplicate_count, result.warning_count) == (0, 1)
    _, dupes = _import("duplicates.csv")
    assert (dupes.duplicate_count, dupes.rejected_count) == (2, 2)
    assert dupes.problems[0].params == {"first_row": 2}


def test_every_valid_row_becomes_a_checked_influencer():
    """Valid rows become ImportedInfluencer records with their id and their file's name."""
    _, result = _import("fr_export_good.csv")
    assert all(isinstance(r, ImportedInfluencer) for r in result.records)
    assert result.records[0].influencer_id == importer.imported_id("@lea_beaute", "instagram")
    assert {r.source_file for r in result.records} == {"fr_export_good.csv"}
    assert list(result.frame().index) == result.row_numbers


def test_problems_download_as_a_table_in_the_users_language():
    """The problems table has translated headers and can be written as CSV."""
    from influkit.exports.safe_files import to_csv_bytes

    _, result = _import("bad_rows.csv")
    for lang in ("fr", "en"):
        frame = importer.problems_frame(result.problems, lang)
        assert list(frame.columns) == [
            i18n.t(f"importer.problems.{c}", lang)
            for c in ("row", "column", "value", "reason", "effect")
        ]
        assert len(frame) == len(result.problems)
        assert to_csv_bytes(frame, lang)


def test_the_preview_is_written_for_people():
    """The parsed preview uses French formats: 12 500, 4,5 %, 450 €, labels for codes."""
    _, result = _import("fr_export_good.csv")
    preview = importer.preview_frame(result, INFLUENCER_TARGET, "fr")
    first = preview.iloc[0]
    assert first["Abonnés"] == "12\u202f500"
    assert first["Taux d'engagement"] == "4,5\u00a0%"
    assert first["Prix par publication (€ HT)"] == "450\u00a0€"
    assert first["Thématique"] == "Beauté"
    assert list(preview.index) == result.row_numbers


def test_results_rows_can_be_imported_with_the_same_machinery():
    """Campaign results: dates, counts, money, a handle instead of an id, duplicate posts."""
    data = (
        "Lien du post;Pseudo;Plateforme;Date de publication;Coût;Impressions;Portée;Clics;"
        "Ventes;CA\n"
        "https://instagram.com/p/A1;@lea;Insta;01/12/2026;450 €;15,2 k;9 800;140;12;1 280 €\n"
        "https://instagram.com/p/A1;@lea;Insta;01/12/2026;450 €;15,2 k;9 800;140;12;1 280 €\n"
        "https://tiktok.com/v/B2;;TikTok;2026-12-03;300;8 000;6 000;50;3;240\n"
        "C3;@tom;YT;hier;200;1 000;800;10;1;90\n"
    ).encode()
    raw = importer.read_table(data, "results.csv")
    mapping = importer.suggest_mapping(raw.columns, RESULTS_TARGET)
    assert mapping["post_ref"] == "Lien du post" and mapping["revenue_eur"] == "CA"
    result = importer.apply_mapping(raw, mapping, RESULTS_TARGET)
    assert result.valid_count == 1
    record = result.records[0]
    assert isinstance(record, ResultRow)
    assert (record.published_on, record.impressions, record.cost_eur_ht) == (
        dt.date(2026, 12, 1),
        15_200,
        450,
    )
    assert result.rows[0]["handle"] == "@lea"
    reasons = [(p.row_number, p.reason_key) for p in result.problems]
    assert reasons == [
        (3, "importer.reason.duplicate_post"),
        (4, "importer.reason.one_of_missing"),
        (5, "importer.reason.not_a_date"),
    ]
    assert "Pseudo" in result.problems[1].message("fr")


# --- merging into the plan --------------------------------------------------------------------


def _influencer(handle: str, **fields) -> ImportedInfluencer:
    return ImportedInfluencer(
        influencer_id=importer.imported_id(handle, "instagram"),
        handle=handle,
        platform="instagram",
        **fields,
    )


@pytest.mark.parametrize("update", [False, True])
def test_merging_never_loses_what_the_plan_holds(update):
    """Existing imports, the shortlist and the rest of the plan survive any merge."""
    plan = Plan()
    kept = _influencer("@ancien", followers=1000, price_per_post_eur=300, niche="food")
    other = _influencer("@autre", followers=50)
    plan.imported_influencers = [kept, other]
    plan.add_to_shortlist(kept.influencer_id, note="à garder")
    plan.add_to_shortlist("INF0001")
    incoming = [_influencer("@ancien", followers=2000), _influencer("@nouveau", followers=10)]
    report = importer.merge_imported(plan, incoming, update=update)
    ids = [e.influencer_id for e in plan.imported_influencers]
    assert ids[:2] == [kept.influencer_id, other.influencer_id] and len(ids) == 3
    assert plan.shortlisted_ids() == [kept.influencer_id, "INF0001"]
    assert plan.shortlist[0].note == "à garder"
    old = plan.imported_influencers[0]
    assert (old.price_per_post_eur, old.niche) == (300, "food")
    assert old.followers == (2000 if update else 1000)
    assert (report.added, report.updated, report.skipped) == (1, 1, 0) if update else (1, 0, 1)


def test_merging_the_same_file_twice_adds_nothing():
    """Importing the same rows again leaves the plan as it was."""
    plan = Plan()
    _, result = _import("fr_export_good.csv")
    assert importer.merge_imported(plan, result.records).added == 6
    before = plan.model_dump_json()
    report = importer.merge_imported(plan, result.records, update=True)
    assert (report.added, report.updated, report.skipped) == (0, 0, 6)
    assert plan.model_dump_json() == before


def test_merging_accepts_dicts_and_skips_repeats():
    """Records may be dicts; the same id twice in one batch is added once."""
    plan = Plan()
    row = _influencer("@dict").model_dump()
    report = importer.merge_imported(plan, [row, row])
    assert (report.added, report.skipped) == (1, 1)


def test_a_plan_keeps_at_most_the_imported_limit(monkeypatch):
    """Beyond the limit new accounts are counted as refused, existing ones stay."""
    monkeypatch.setattr(importer.merge, "MAX_IMPORTED", 2)
    plan = Plan()
    report = importer.merge_imported(plan, [_influencer(f"@n{i}") for i in range(4)])
    assert (report.added, report.over_limit, len(plan.imported_influencers)) == (2, 2, 2)


def test_imported_influencers_join_the_influencer_table():
    """After the merge the Explorer's table holds them, with tier and engagement rate."""
    plan = Plan()
    _, result = _import("fr_export_good.csv")
    importer.merge_imported(plan, result.records)
    table = profiles.influencer_table(plan)
    imported = table.loc[table["source"] == "imported"].set_index("influencer_id")
    assert len(imported) == 6
    lea = imported.loc[importer.imported_id("@lea_beaute", "instagram")]
    assert (lea["tier"], lea["er"]) == ("micro", pytest.approx(0.045))


def test_an_imported_influencer_in_use_is_named_and_can_be_found_and_removed():
    """Uses in the plan are listed; search finds by handle or name; removal takes one out."""
    plan = Plan()
    first, second = _influencer("@une", display_name="Élodie"), _influencer("@deux")
    plan.imported_influencers = [first, second]
    plan.add_to_shortlist(first.influencer_id)
    assert importer.uses_of(plan, first.influencer_id) == ["shortlist"]
    assert importer.uses_of(plan, second.influencer_id) == []
    assert [e.handle for e in importer.find_imported(plan, "elodie")] == ["@une"]
    assert len(importer.find_imported(plan, "")) == 2
    assert importer.already_imported(plan, [first, _influencer("@trois")]) == 1
    assert importer.remove_imported(plan, second.influencer_id) is True
    assert importer.remove_imported(plan, second.influencer_id) is False
    assert [e.handle for e in plan.imported_influencers] == ["@une"]


# --- catalogue --------------------------------------------------------------------------------


def test_every_field_group_reason_and_detected_format_has_words():
    """Each field, group, reason, encoding and separator has a message in both languages."""
    package = Path(importer.__file__).parent
    source = "".join(p.read_text(encoding="utf-8") for p in sorted(package.glob("*.py")))
    keys = set(re.findall(r'"(importer\.(?:reason|error)\.[a-z_]+)"', source))
    for target in importer.TARGETS.values():
        keys |= {f"importer.field.{f.name}" for f in target.fields}
        keys |= {f"importer.group.{g}" for g in target.groups}
    keys |= {f"importer.separator.{n}" for n in importer.SEPARATOR_NAMES.values()}
    keys |= {
        f"importer.encoding.{e}" for e in ("utf_8_sig", "utf_8", "cp1252", "latin_1", "utf_16")
    }
    keys |= {f"importer.uses.{u}" for u in ("shortlist", "deliverables", "budget_lines",
                                            "remunerations", "results", "channels",
                                            "editorial_calendar")}  # fmt: skip
    keys |= {f"importer.count_{w}_{n}" for w in ("valid", "to_fix", "ignored")
             for n in ("one", "other")}  # fmt: skip
    keys |= {f"importer.effect.{s}" for s in ("error", "warning")}
    missing = sorted(k for k in keys for lang in ("fr", "en") if not i18n.has(k, lang))
    assert missing == []
