"""The fictional sample datasets: where they live, how they load, what their columns mean.

Owns ``datasets/`` (the CSVs, their dictionary and the case studies). Loading is typed from
``dictionary.csv``: dates become datetime64, flags bool, counts int64, ids and codes str.
Everything is cached, and every call returns a fresh copy so callers cannot corrupt the cache.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from influkit.errors import UserError

DATASETS: tuple[str, ...] = (
    "influencers",
    "posts",
    "follower_history",
    "client_campaigns",
    "brand_mentions",
    "benchmarks",
    "campaign_results",
)
ENV_VAR = "INFLUKIT_DATASETS_DIR"
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "datasets"

#: Column types used in ``dictionary.csv``.
COLUMN_TYPES: tuple[str, ...] = (
    "string",
    "code",
    "integer",
    "float",
    "boolean",
    "date",
    "datetime",
)
#: Columns holding codes, and the catalogue namespace that turns them into labels.
CODE_COLUMNS: dict[str, dict[str, str]] = {
    "influencers": {
        "platform": "data.platform",
        "niche": "data.niche",
        "country": "data.country",
        "language": "data.language",
        "audience_top_country": "data.country",
    },
    "posts": {"format": "data.format"},
    "follower_history": {},
    "client_campaigns": {
        "platform": "data.platform",
        "tier": "metrics.tier",
        "format": "data.format",
    },
    "brand_mentions": {"source": "data.source", "source_type": "data.source_type"},
    "campaign_results": {"platform": "data.platform"},
    "benchmarks": {
        "platform": "data.platform",
        "tier": "metrics.tier",
        "metric": "data.metric",
        "unit": "data.unit",
        "note": "data.note",
    },
}
#: Fields every case study file has.
CASE_FIELDS: tuple[str, ...] = (
    "case_id",
    "title_fr",
    "title_en",
    "brief_fr",
    "brief_en",
    "brand",
    "product",
    "product_category",
    "business_aim",
    "budget_eur_ht",
    "launch_date",
    "target",
    "niches",
    "platforms",
    "constraints_fr",
    "constraints_en",
    "assumptions",
    "competitors",
)
TARGET_FIELDS: tuple[str, ...] = (
    "description_fr",
    "description_en",
    "female_share",
    "age_bands",
    "countries",
)
ASSUMPTION_FIELDS: tuple[str, ...] = (
    "conversion_rate",
    "ctr",
    "average_order_value_eur",
    "margin_rate",
)


def data_dir() -> Path:
    """The datasets folder: ``$INFLUKIT_DATASETS_DIR`` when set, else the repository's."""
    override = os.environ.get(ENV_VAR, "").strip()
    return Path(override) if override else DEFAULT_DATA_DIR


DATA_DIR = data_dir()


def _check_name(name: str) -> None:
    if name not in DATASETS:
        raise UserError("data.error_unknown_dataset", name=name, choices=", ".join(DATASETS))


@cache
def _dictionary(directory: str) -> pd.DataFrame:
    path = Path(directory) / "dictionary.csv"
    if not path.exists():
        raise UserError("data.error_missing_file", path=str(path))
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


@cache
def _read(name: str, directory: str) -> pd.DataFrame:
    path = Path(directory) / f"{name}.csv"
    if not path.exists():
        raise UserError("data.error_missing_file", path=str(path))
    spec = _dictionary(directory)
    types = dict(spec.loc[spec["dataset"] == name, ["column", "type"]].itertuples(index=False))
    header = pd.read_csv(path, nrows=0, encoding="utf-8").columns
    numeric = [c for c in header if types.get(c) in ("integer", "float")]
    dtypes = {c: ("float64" if c in numeric else str) for c in header}
    # Empty text stays "" (a post without disclosure); empty numbers become NaN.
    frame = pd.read_csv(
        path,
        dtype=dtypes,
        keep_default_na=False,
        na_values={c: [""] for c in numeric},
        encoding="utf-8",
    )
    for column in frame.columns:
        kind = types.get(column, "string")
        if kind == "integer" and not frame[column].isna().any():
            frame[column] = frame[column].astype("int64")
        elif kind == "boolean":
            frame[column] = frame[column].str.strip().str.lower().isin(("1", "true", "yes"))
        elif kind in ("date", "datetime"):
            frame[column] = pd.to_datetime(frame[column].replace("", None), format="ISO8601")
    return frame


def load(name: str) -> pd.DataFrame:
    """One dataset as a typed DataFrame (a fresh copy of the cached table)."""
    _check_name(name)
    return _read(name, str(data_dir())).copy()


def dictionary(name: str, lang: str = "fr") -> pd.DataFrame:
    """The data dictionary of one dataset: column, type, unit and description in ``lang``."""
    from influkit.text.i18n import label, normalize_language

    _check_name(name)
    lang = normalize_language(lang)
    spec = _dictionary(str(data_dir()))
    rows = spec[spec["dataset"] == name]
    return pd.DataFrame(
        {
            "column": rows["column"].to_numpy(),
            "type": [label("data.type", code, lang) for code in rows["type"]],
            "unit": [label("data.unit", code, lang) for code in rows["unit"]],
            "description": rows[f"description_{lang}"].to_numpy(),
        }
    )


def column_kind(name: str, column: str) -> tuple[str, str]:
    """A dataset column's type and unit from the dictionary (``("string", "")`` when unknown)."""
    spec = _dictionary(str(data_dir()))
    rows = spec[(spec["dataset"] == name) & (spec["column"] == column)]
    if rows.empty:
        return "string", ""
    return str(rows["type"].iloc[0]), str(rows["unit"].iloc[0])


def column_display(name: str, column: str) -> str:
    """How a table shows a dataset column, from its type and unit: "percent" (a fraction),
    "euro", "number", "date", "datetime" or "text"."""
    kind, unit = column_kind(name, column)
    if (kind, unit) == ("float", "fraction"):
        return "percent"
    if unit == "eur":
        return "euro"
    if kind in ("integer", "float"):
        return "number"
    if kind in ("date", "datetime"):
        return kind
    return "text"


def column_label(name: str, column: str, lang: str = "fr") -> str:
    """The short readable label of a dataset column (the column name when none exists)."""
    from influkit.text.i18n import label

    return label(f"data.column.{name}", column, lang)


#: Columns holding a case study's id (shown as the case's title).
CASE_COLUMNS: dict[str, tuple[str, ...]] = {
    "campaign_results": ("case_id",),
    "brand_mentions": ("market",),
}


def _mapped(series: pd.Series, mapping: Callable[[str], str]) -> pd.Series:
    """``series`` as text, each distinct value looked up once."""
    text = series.astype(object).where(series.notna(), "").astype(str)
    return text.map({code: mapping(code) for code in text.unique()})


def readable(frame: pd.DataFrame, name: str, lang: str = "fr") -> pd.DataFrame:
    """A dataset's rows as a trainee reads them, under the same column names: codes turned
    into labels, influencers' ids into their handles, case ids into the case's title, flags
    into yes / no. A column of ids beside the handle is left out."""
    from influkit.text.i18n import label, normalize_language, t

    lang = normalize_language(lang)
    shown = frame.copy()
    for column, namespace in CODE_COLUMNS.get(name, {}).items():
        if column in shown.columns:
            shown[column] = _mapped(shown[column], lambda c, ns=namespace: label(ns, c, lang))
    titles = {case["case_id"]: case.get(f"title_{lang}") or case["case_id"] for case in cases()}
    for column in CASE_COLUMNS.get(name, ()):
        if column in shown.columns:
            shown[column] = _mapped(shown[column], lambda c: titles.get(c, c))
    if "influencer_id" in shown.columns:
        if "handle" in shown.columns:
            shown = shown.drop(columns="influencer_id")
        else:
            people = _read("influencers", str(data_dir()))
            handles = dict(zip(people["influencer_id"], people["handle"], strict=True))
            shown["influencer_id"] = _mapped(shown["influencer_id"], lambda c: handles.get(c, c))
    for column in shown.columns:
        if pd.api.types.is_bool_dtype(shown[column]):
            yes, no = t("data.flag.yes", lang), t("data.flag.no", lang)
            shown[column] = shown[column].map({True: yes, False: no})
    return shown


def labelled(frame: pd.DataFrame, name: str, lang: str = "fr") -> pd.DataFrame:
    """A copy of a dataset for display: :func:`readable` values under the columns' labels."""
    shown = readable(frame, name, lang)
    return shown.rename(columns={c: column_label(name, c, lang) for c in shown.columns})


# --- case studies ---------------------------------------------------------------------------


@cache
def _cases(directory: str) -> tuple[dict[str, Any], ...]:
    folder = Path(directory) / "cases"
    cases = []
    for path in sorted(folder.glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(case.get("launch_date"), str):
            case["launch_date"] = dt.date.fromisoformat(case["launch_date"])
        cases.append(case)
    return tuple(sorted(cases, key=lambda case: case["case_id"]))


def cases() -> list[dict[str, Any]]:
    """Every case study, sorted by case_id, with ``launch_date`` as a ``datetime.date``."""
    return copy.deepcopy(list(_cases(str(data_dir()))))


def case(case_id: str) -> dict[str, Any]:
    """One case study by its id; a UserError when there is no such case."""
    for item in _cases(str(data_dir())):
        if item["case_id"] == case_id:
            return copy.deepcopy(item)
    raise UserError("data.error_unknown_case", case_id=case_id)


def case_ids() -> list[str]:
    """The ids of every case study, sorted."""
    return [item["case_id"] for item in _cases(str(data_dir()))]


def clear_cache() -> None:
    """Forget the loaded files (after regenerating them or changing the data folder)."""
    _read.cache_clear()
    _dictionary.cache_clear()
    _cases.cache_clear()
