"""Exports: the plan workbook, the blank template, the client deck, the plan as JSON, the data
tables as CSV/XLSX, and the round trip of an edited workbook back into the plan."""

import hashlib

import pandas as pd
import streamlit as st

from influkit import exports
from influkit.data import datasets
from influkit.errors import UserError
from influkit.exports.safe_files import to_csv_bytes, to_xlsx_bytes
from influkit.text import i18n
from influkit.text.formats import fmt_number
from ui import state
from ui.state import t

lang = state.lang()
plan = state.require_plan()

st.title(t("exports.page.title"))
st.write(t("exports.page.intro"))

FILES_KEY = "exports_files"
fingerprint = hashlib.sha256(f"{lang}:{plan.model_dump_json()}".encode()).hexdigest()
builders = {
    "workbook": (lambda: exports.plan_workbook(plan, lang), ":material/table_view:"),
    "template": (lambda: exports.blank_template(lang), ":material/grid_on:"),
    "deck": (lambda: exports.proposal_deck(plan, lang), ":material/slideshow:"),
    "report": (lambda: exports.report_deck(plan, lang), ":material/monitoring:"),
}
prepared = st.session_state.setdefault(FILES_KEY, {})


def _size(data: bytes) -> str:
    """A file size people read: ``48 ko`` / ``48 kB``."""
    unit = "ko" if lang == "fr" else "kB"
    return f"{fmt_number(len(data) / 1024, lang, 0)} {unit}"


st.header(t("exports.page.files"))
columns = st.columns(2, gap="large")
for index, (kind, (build, icon)) in enumerate(builders.items()):
    name = exports.file_name(kind, plan, lang)
    extension = name.rsplit(".", 1)[1]
    # The template does not depend on the plan: only the language changes it.
    wanted = lang if kind == "template" else fingerprint
    with columns[index % 2].container(border=True):
        st.subheader(t(f"exports.page.{kind}"))
        st.caption(t(f"exports.page.{kind}_help"))
        if st.button(t("exports.page.prepare"), key=f"exports_prepare_{kind}", icon=icon):
            with st.status(t("exports.page.building", name=name), expanded=False) as status:
                data = build()
                status.update(
                    label=t("exports.page.built", name=name, size=_size(data)), state="complete"
                )
            prepared[kind] = (wanted, name, data)
        ready = prepared.get(kind)
        if ready is not None and ready[0] == wanted:
            st.download_button(
                t("exports.page.download", name=ready[1]),
                data=ready[2],
                file_name=ready[1],
                mime=exports.MIME_TYPES[extension],
                key=f"exports_download_{kind}",
                on_click="ignore",
                type="primary",
                icon=":material/download:",
            )
        elif ready is not None:
            st.caption(t("exports.page.stale"))

with columns[1].container(border=True):
    st.subheader(t("exports.page.json"))
    st.caption(t("exports.page.json_help"))
    json_name = exports.file_name("json", plan, lang)
    st.download_button(
        t("exports.page.download", name=json_name),
        data=lambda current=plan: current.model_dump_json(indent=2),
        file_name=json_name,
        mime=exports.MIME_TYPES["json"],
        key="exports_download_json",
        on_click="ignore",
        type="primary",
        icon=":material/download:",
    )

st.header(t("exports.page.tables"))
st.caption(t("exports.page.tables_help"))
plan_tables = exports.plan_tables(plan, lang)
options = {
    f"plan:{code}": t("exports.page.plan_table", name=t(f"exports.sheet.{code}"))
    for code in plan_tables
}
options.update(
    {
        f"dataset:{name}": t("exports.page.dataset", name=i18n.label("data.dataset", name, lang))
        for name in datasets.DATASETS
    }
)
# Start on the first table of the plan that has rows, else on the influencers.
first = next(
    (f"plan:{code}" for code, table in plan_tables.items() if len(table)), "dataset:influencers"
)
choice = st.selectbox(
    t("exports.page.table"),
    list(options),
    index=list(options).index(first),
    format_func=options.get,
    key="exports_table",
)
source, code = choice.split(":", 1)
frame = plan_tables[code] if source == "plan" else datasets.load(code)
table_name = t(f"exports.sheet.{code}") if source == "plan" else code
st.caption(
    t(
        "exports.page.table_rows",
        rows=fmt_number(len(frame), lang),
        columns=fmt_number(len(frame.columns), lang),
    )
)
left, right = st.columns(2)
left.download_button(
    t("exports.page.download_csv"),
    data=lambda table=frame: to_csv_bytes(table, lang),
    file_name=exports.file_name("csv", plan, lang, table=table_name),
    mime=exports.MIME_TYPES["csv"],
    key="exports_table_csv",
    on_click="ignore",
    icon=":material/csv:",
)
right.download_button(
    t("exports.page.download_xlsx"),
    data=lambda table=frame, name=table_name: to_xlsx_bytes(table, name),
    file_name=exports.file_name("table_xlsx", plan, lang, table=table_name),
    mime=exports.MIME_TYPES["xlsx"],
    key="exports_table_xlsx",
    on_click="ignore",
    icon=":material/table_view:",
)

st.header(t("exports.page.import"))
st.caption(t("exports.page.import_help"))
upload = st.file_uploader(
    t("exports.page.upload"), type=["xlsx"], key=state.widget_key("exports_upload")
)
if upload is not None:
    try:
        with st.spinner(t("exports.page.reading")):
            result = exports.read_workbook(upload.getvalue())
    except UserError as err:
        st.error(t("exports.page.rejected", reason=err.message(lang)))
    else:
        st.subheader(t("exports.page.preview"))
        summary = pd.DataFrame(result.summary(plan))
        shown = pd.DataFrame(
            {
                t("exports.page.col_section"): [
                    t(f"exports.section.{s}") for s in summary["section"]
                ],
                t("exports.page.col_in_file"): summary["in_workbook"].map(
                    lambda n: fmt_number(n, lang)
                ),
                t("exports.page.col_in_plan"): summary["in_plan"].map(
                    lambda n: fmt_number(n, lang)
                ),
                t("exports.page.col_added"): summary["added"].map(lambda n: fmt_number(n, lang)),
                t("exports.page.col_removed"): summary["removed"].map(
                    lambda n: fmt_number(n, lang)
                ),
                t("exports.page.col_changed"): summary["changed"].map(
                    lambda n: fmt_number(n, lang)
                ),
            }
        )
        st.dataframe(shown, hide_index=True, width="stretch")
        if result.problems:
            st.warning(t("exports.page.problems", count=len(result.problems)))
            st.dataframe(
                pd.DataFrame(
                    {
                        t("exports.page.col_sheet"): [p.sheet for p in result.problems],
                        t("exports.page.col_cell"): [p.cell for p in result.problems],
                        t("exports.page.col_reason"): [p.message(lang) for p in result.problems],
                    }
                ),
                hide_index=True,
                width="stretch",
            )
        else:
            st.success(t("exports.page.no_problem"))
        st.caption(t("exports.page.cancel_note"))
        if st.button(
            t("exports.page.confirm"),
            type="primary",
            key="exports_confirm",
            help=t("exports.page.confirm_help"),
            icon=":material/upload:",
        ):
            state.replace_plan(exports.apply_roundtrip(plan, result))
            state.flash("success", t("exports.page.imported"))
            st.rerun()
