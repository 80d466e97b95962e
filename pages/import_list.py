"""Import a list of influencers: drop a CSV or XLSX, link its columns, check, import into the plan."""

import streamlit as st

from influkit.data import importer
from influkit.data.importer import INFLUENCER_TARGET as TARGET
from influkit.errors import UserError
from influkit.exports.safe_files import to_csv_bytes
from influkit.plan.model import PLATFORMS
from influkit.text.formats import fmt_number
from ui import state
from ui.navigation import page_link
from ui.state import t
from ui.text import plain
from ui.widgets import column_mapping, remembered

PREVIEW_ROWS = 20
LIST_ROWS = 50
LIST_FIELDS = ("handle", "display_name", "platform", "followers")

lang = state.lang()
plan = state.require_plan()

st.title(t("importer.title"))
st.write(t("importer.intro"))
help_col, button_col = st.columns([3, 1], vertical_alignment="center")
help_col.caption(t("importer.template_help"))
button_col.download_button(
    t("importer.template_download"),
    data=importer.template_csv(TARGET, lang),
    file_name=t("importer.template_file"),
    mime="text/csv",
    icon=":material/download:",
    key="import_template",
    on_click="ignore",
)


def _read(upload, sheet: str | None) -> importer.RawTable | UserError:
    """The uploaded file as a table (read once per file and sheet), or why it cannot be."""

    def read() -> importer.RawTable | UserError:
        try:
            with st.spinner(t("importer.reading")):
                return importer.read_table(upload.getvalue(), upload.name, sheet)
        except UserError as err:
            return err

    return remembered("import_read", (upload.file_id, upload.name, upload.size, sheet), read)


def _mapping_step(raw: importer.RawTable) -> tuple[dict, dict]:
    """Step 2: one selectbox per field, pre-filled with the suggested column."""
    st.header(t("importer.step2"))
    st.caption(t("importer.mapping_intro"))
    prefix = f"import_map_{raw.digest[:10]}_{raw.sheet or ''}"
    mapping = column_mapping(
        raw,
        TARGET,
        prefix,
        none_label=t("importer.not_in_file"),
        sample=raw.frame.head(50),
        by_group=True,
    )
    defaults: dict[str, str] = {}
    if mapping.get("platform") is None:
        none_label, platform_label = t("importer.no_default"), state.labeller("data.platform")
        chosen = st.selectbox(
            t("importer.default_platform"),
            options=[None, *PLATFORMS],
            format_func=lambda code: none_label if code is None else platform_label(code),
            help=t("importer.default_platform_help"),
            key=f"{prefix}_default_platform",
        )
        if chosen:
            defaults["platform"] = chosen
    for column, labels in importer.columns_used_twice(mapping, TARGET, lang).items():
        st.warning(t("importer.same_column", column=column, fields=", ".join(labels)))
    return mapping, defaults


def _check_step(raw: importer.RawTable, mapping: dict, defaults: dict) -> importer.ImportResult:
    """Step 3: the counts, the values as read, and the problems (downloadable)."""

    def check() -> importer.ImportResult:
        with st.spinner(t("importer.checking")):
            return importer.apply_mapping(raw, mapping, TARGET, defaults)

    signature = (raw.digest, raw.sheet, tuple(mapping.items()), tuple(defaults.items()))
    result = remembered("import_result", signature, check)
    st.header(t("importer.step3"))
    counts, ignored = importer.check_summary(result, lang)
    st.markdown(f"**{counts}**")
    if ignored:
        st.caption(ignored)
    if result.valid_count:
        st.caption(t("importer.parsed_preview", n=min(PREVIEW_ROWS, result.valid_count)))
        preview = importer.preview_frame(result, TARGET, lang, PREVIEW_ROWS)
        st.dataframe(
            importer.with_row_numbers(preview, result.row_numbers[:PREVIEW_ROWS], lang),
            hide_index=True,
            width="stretch",
        )
    st.subheader(t("importer.problems_title"))
    if result.problems:
        st.caption(t("importer.problems_help"))
        problems = importer.problems_frame(result.problems, lang)
        row, column, value, reason, effect = problems.columns
        st.dataframe(
            problems,
            hide_index=True,
            width="stretch",
            column_config={
                row: st.column_config.NumberColumn(width="small", pinned=True),
                column: st.column_config.TextColumn(width="small"),
                value: st.column_config.TextColumn(width="small"),
                reason: st.column_config.TextColumn(width="large"),
                effect: st.column_config.TextColumn(width="medium"),
            },
        )
        st.download_button(
            t("importer.download_problems"),
            data=to_csv_bytes(problems, lang),
            file_name=t("importer.problems_file"),
            mime="text/csv",
            icon=":material/download:",
            key="import_problems_csv",
            on_click="ignore",
        )
    else:
        st.success(t("importer.no_problems"))
    return result


def _import_step(raw: importer.RawTable, result: importer.ImportResult) -> None:
    """Step 4: merge the valid rows into the plan, then say what changed."""
    st.header(t("importer.step4"))
    done = st.session_state.get("import_report")
    if done and done[0] == raw.digest:
        message, over_limit = importer.merge_summary(done[1], lang)
        st.success(message)
        if over_limit:
            st.warning(over_limit)
        st.caption(t("importer.explorer_hint"))
    if not result.valid_count:
        st.info(t("importer.nothing_to_import"))
        return
    update = False
    already = importer.already_imported(plan, result.records)
    if already:
        st.caption(t("importer.already_in_plan", n=fmt_number(already, lang)))
        choices = {"keep": t("importer.existing_keep"), "update": t("importer.existing_update")}
        update = (
            st.radio(
                t("importer.existing_choice"),
                options=list(choices),
                format_func=choices.get,
                key="import_existing",
            )
            == "update"
        )
    if st.button(
        t("importer.import_button", n=fmt_number(result.valid_count, lang)),
        type="primary",
        icon=":material/playlist_add:",
        key="import_go",
    ):
        report = importer.merge_imported(plan, result.records, update=update)
        st.session_state["import_report"] = (raw.digest, report)
        st.rerun()


st.header(t("importer.step1"))
upload = st.file_uploader(
    t("importer.upload"),
    help=t("importer.upload_help"),
    key="import_upload",
    max_upload_size=importer.MAX_BYTES // (1024 * 1024),
)
if upload is None:
    st.caption(t("importer.upload_prompt"))
else:
    sheet_key = f"import_sheet_{upload.file_id}"
    read = _read(upload, st.session_state.get(sheet_key))
    if isinstance(read, UserError):
        st.error(t("importer.read_error", reason=read.message(lang)))
    else:
        raw = read
        if len(raw.sheets) > 1:
            st.selectbox(
                t("importer.sheet"),
                options=list(raw.sheets),
                index=raw.sheets.index(raw.sheet),
                key=sheet_key,
            )
        st.caption(importer.file_summary(raw, lang))
        st.caption(t("importer.raw_preview"))
        preview = raw.preview(10)
        st.dataframe(
            importer.with_row_numbers(preview, preview.index, lang),
            hide_index=True,
            width="stretch",
        )

        mapping, defaults = _mapping_step(raw)
        missing = importer.unmapped_required(mapping, TARGET, defaults)
        if missing:
            labels = ", ".join(TARGET.field(name).label(lang) for name in missing)
            st.warning(t("importer.missing_required", fields=labels))
        else:
            result = _check_step(raw, mapping, defaults)
            _import_step(raw, result)

st.header(t("importer.imported_title"))
if not plan.imported_influencers:
    st.caption(t("importer.imported_none"))
else:
    st.caption(t("importer.imported_count", n=fmt_number(len(plan.imported_influencers), lang)))
    page_link("explorer", t("importer.see_in_explorer"), ":material/travel_explore:")
    search = st.text_input(t("importer.imported_search"), key="import_search")
    found = importer.find_imported(plan, search)
    if len(found) > LIST_ROWS:
        st.caption(
            t(
                "importer.imported_shown",
                shown=fmt_number(LIST_ROWS, lang),
                total=fmt_number(len(found), lang),
            )
        )
    platform_label = state.labeller("data.platform")
    widths = [3, 3, 2, 2, 3, 2]
    headers = [t(f"importer.field.{name}") for name in LIST_FIELDS]
    for col, text in zip(
        st.columns(widths), [*headers, t("importer.source_file"), ""], strict=True
    ):
        col.markdown(f"**{text}**" if text else "")
    for entry in found[:LIST_ROWS]:
        cols = st.columns(widths, vertical_alignment="center")
        cols[0].text(entry.handle)
        cols[1].text(entry.display_name or "—")
        cols[2].write(platform_label(entry.platform))
        cols[3].write(fmt_number(entry.followers, lang))
        cols[4].text(entry.source_file or "—")
        uses = importer.uses_of(plan, entry.influencer_id)
        if cols[5].button(
            t("importer.remove"),
            key=f"import_remove_{entry.influencer_id}",
            icon=":material/delete:",
            disabled=bool(uses),
            help=importer.removal_blocked(uses, lang) if uses else None,
        ):
            importer.remove_imported(plan, entry.influencer_id)
            state.flash("success", t("importer.removed", handle=plain(entry.handle)))
            st.rerun()
