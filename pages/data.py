"""Data: each sample dataset with its dictionary, filterable, downloadable as CSV and XLSX.

On screen a trainee reads labels (column names and codes in their language, handles rather than
ids); the CSV keeps the dataset's own columns and codes, as the dictionary documents them; the
XLSX is the table as shown.
"""

import pandas as pd
import streamlit as st

from influkit.data import datasets
from influkit.exports.safe_files import filter_frame, to_csv_bytes, to_xlsx_bytes
from influkit.text.formats import fmt_number
from ui import state
from ui.state import t

lang = state.lang()
date_format = "DD/MM/YYYY" if lang == "fr" else "YYYY-MM-DD"
st.title(t("datapage.page_title"))
st.write(t("datapage.intro"))
st.caption(":material/info: " + t("app.fictional"))


@st.cache_data(show_spinner=False)
def _readable(name: str, lang: str) -> pd.DataFrame:
    return datasets.readable(datasets.load(name), name, lang)


name = st.selectbox(
    t("datapage.choose"),
    options=list(datasets.DATASETS),
    format_func=state.labeller("data.dataset"),
    key="data_dataset",
)
frame = datasets.load(name)
readable = _readable(name, lang)
st.caption(t(f"data.dataset_help.{name}"))


def heading(column: str) -> str:
    """A column's label in the user's language."""
    return datasets.column_label(name, column, lang)


with st.expander(t("datapage.dictionary"), icon=":material/menu_book:"):
    dictionary = datasets.dictionary(name, lang)
    st.dataframe(
        pd.DataFrame(
            {
                t("datapage.col_label"): [heading(c) for c in dictionary["column"]],
                t("datapage.col_column"): dictionary["column"],
                t("datapage.col_type"): dictionary["type"],
                t("datapage.col_unit"): dictionary["unit"],
                t("datapage.col_description"): dictionary["description"],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.caption(t("datapage.dictionary_caption"))

search = st.text_input(t("datapage.search"), key=f"data_search_{name}")
filter_columns = st.multiselect(
    t("datapage.filter_columns"),
    options=list(readable.columns),
    format_func=heading,
    placeholder=t("app.choose_placeholder"),
    key=f"data_filter_cols_{name}",
)
conditions: dict[str, object] = {}
for column in filter_columns:
    series = readable[column]
    if pd.api.types.is_numeric_dtype(series):
        low, high = float(series.min()), float(series.max())
        if low < high:
            conditions[column] = st.slider(
                t("datapage.range", column=heading(column)),
                low,
                high,
                (low, high),
                key=f"data_f_{name}_{column}",
            )
    elif pd.api.types.is_datetime64_any_dtype(series):
        low, high = series.min().date(), series.max().date()
        picked = st.date_input(
            t("datapage.range", column=heading(column)),
            (low, high),
            low,
            high,
            format=date_format,
            key=f"data_f_{name}_{column}",
        )
        if isinstance(picked, tuple) and len(picked) == 2:
            conditions[column] = picked
    else:
        options = sorted(series.dropna().astype(str).unique())
        conditions[column] = st.multiselect(
            heading(column),
            options=options,
            placeholder=t("app.choose_placeholder"),
            key=f"data_f_{name}_{column}",
        )

shown = filter_frame(readable, search=search, conditions=conditions)
st.caption(
    t("datapage.rows", shown=fmt_number(len(shown), lang), total=fmt_number(len(frame), lang))
)

# Numbers keep their type (the table sorts them) and are written the user's way.
column_config: dict[str, object] = {}
for column in shown.columns:
    display, label = datasets.column_display(name, column), heading(column)
    if display in ("percent", "euro"):
        column_config[column] = st.column_config.NumberColumn(label, format=display)
    elif display == "number":
        column_config[column] = st.column_config.NumberColumn(label, format="localized")
    elif display == "date":
        column_config[column] = st.column_config.DateColumn(label, format=date_format)
    elif display == "datetime":
        column_config[column] = st.column_config.DatetimeColumn(
            label, format=date_format + " HH:mm"
        )
    else:
        column_config[column] = st.column_config.TextColumn(label)
st.dataframe(shown, hide_index=True, width="stretch", height=420, column_config=column_config)
st.caption(t("datapage.downloads_caption"))

col1, col2 = st.columns(2)
col1.download_button(
    t("datapage.download_csv"),
    data=lambda: to_csv_bytes(frame.loc[shown.index], lang),
    file_name=f"influkit-{name}.csv",
    mime="text/csv",
    icon=":material/download:",
    key="data_csv",
    on_click="ignore",
)
col2.download_button(
    t("datapage.download_xlsx"),
    data=lambda: to_xlsx_bytes(shown.rename(columns=heading), t(f"data.dataset.{name}")),
    file_name=f"influkit-{name}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    key="data_xlsx",
    on_click="ignore",
)
