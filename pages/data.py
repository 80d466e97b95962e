"""Data: each sample dataset with its dictionary, filterable, downloadable as CSV and XLSX."""

import pandas as pd
import streamlit as st

from influkit import datasets
from influkit.formatting import fmt_number
from influkit.tables import filter_frame, to_csv_bytes, to_xlsx_bytes
from ui import state
from ui.state import t

lang = state.lang()
st.title(t("datapage.page_title"))
st.write(t("datapage.intro"))
st.caption(":material/info: " + t("app.fictional"))


@st.cache_data(show_spinner=False)
def _load(name: str) -> pd.DataFrame:
    return datasets.load(name)


name = st.selectbox(
    t("datapage.choose"),
    options=list(datasets.DATASETS),
    format_func=state.labeller("data.dataset"),
    key="data_dataset",
)
frame = _load(name)
st.caption(t(f"data.dataset_help.{name}"))

with st.expander(t("datapage.dictionary"), icon=":material/menu_book:"):
    dictionary = datasets.dictionary(name, lang).rename(
        columns={
            "column": t("datapage.col_column"),
            "type": t("datapage.col_type"),
            "unit": t("datapage.col_unit"),
            "description": t("datapage.col_description"),
        }
    )
    st.dataframe(dictionary, hide_index=True, width="stretch")

search = st.text_input(t("datapage.search"), key=f"data_search_{name}")
filter_columns = st.multiselect(
    t("datapage.filter_columns"), options=list(frame.columns), key=f"data_filter_cols_{name}"
)
conditions: dict[str, object] = {}
for column in filter_columns:
    series = frame[column]
    if pd.api.types.is_bool_dtype(series):
        conditions[column] = st.multiselect(
            column, options=[True, False], default=[True, False], key=f"data_f_{name}_{column}"
        )
    elif pd.api.types.is_numeric_dtype(series):
        low, high = float(series.min()), float(series.max())
        if low < high:
            conditions[column] = st.slider(
                t("datapage.range", column=column),
                low,
                high,
                (low, high),
                key=f"data_f_{name}_{column}",
            )
    elif pd.api.types.is_datetime64_any_dtype(series):
        low, high = series.min().date(), series.max().date()
        picked = st.date_input(
            t("datapage.range", column=column),
            (low, high),
            low,
            high,
            format="DD/MM/YYYY",
            key=f"data_f_{name}_{column}",
        )
        if isinstance(picked, tuple) and len(picked) == 2:
            conditions[column] = picked
    else:
        options = sorted(series.dropna().astype(str).unique())
        conditions[column] = st.multiselect(column, options=options, key=f"data_f_{name}_{column}")

shown = filter_frame(frame, search=search, conditions=conditions)
st.caption(
    t("datapage.rows", shown=fmt_number(len(shown), lang), total=fmt_number(len(frame), lang))
)
st.dataframe(shown, hide_index=True, width="stretch", height=420)

col1, col2 = st.columns(2)
col1.download_button(
    t("datapage.download_csv"),
    data=lambda: to_csv_bytes(shown, lang),
    file_name=f"influkit-{name}.csv",
    mime="text/csv",
    icon=":material/download:",
    key="data_csv",
    on_click="ignore",
)
col2.download_button(
    t("datapage.download_xlsx"),
    data=lambda: to_xlsx_bytes(shown, name),
    file_name=f"influkit-{name}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    key="data_xlsx",
    on_click="ignore",
)
