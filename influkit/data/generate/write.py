"""Seeded generator of the fictional sample datasets in ``datasets/``: every dataset at once,
written as stable CSV, and the column tables of ``datasets/README.md`` kept in step with the data
dictionary (``python -m influkit.data.generate``).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from influkit.data.datasets import DATASETS, DEFAULT_DATA_DIR
from influkit.data.generate.accounts import generate_follower_history, generate_influencers
from influkit.data.generate.calibration import (
    DEFAULT_N_INFLUENCERS,
    DEFAULT_SEED,
    POSTS_PER_INFLUENCER,
)
from influkit.data.generate.clients import (
    generate_benchmarks,
    generate_brand_mentions,
    generate_campaign_results,
    generate_client_campaigns,
    read_cases,
)
from influkit.data.generate.content import generate_posts


def generate_all(
    seed: int = DEFAULT_SEED,
    n_influencers: int = DEFAULT_N_INFLUENCERS,
    cases: Sequence[dict] | None = None,
) -> tuple[dict[str, pd.DataFrame], dict]:
    """Every dataset (public columns only) and the planted anomalies, for one seed."""
    rng = np.random.default_rng(seed)
    cases = read_cases() if cases is None else cases
    influencers = generate_influencers(n_influencers, rng)
    history = generate_follower_history(influencers, rng)
    posts = generate_posts(influencers, n_influencers * POSTS_PER_INFLUENCER, rng)
    campaigns = generate_client_campaigns(influencers, cases, rng)
    mentions = generate_brand_mentions(cases, campaigns, rng)
    ids = influencers["influencer_id"]
    truth = {
        "bought_jumps": tuple(ids[influencers["_jump_kind"] == "bought"]),
        "organic_jumps": tuple(ids[influencers["_jump_kind"] == "organic"]),
        "engagement_pods": tuple(ids[influencers["_pod"]]),
        "comment_outliers": tuple(
            ids[(influencers["_comment_factor"] > 3) | (influencers["_comment_factor"] < 0.3)]
        ),
        "early_adopters": tuple(ids[influencers["_early_adopter"]]),
        "jump_weeks": dict(
            zip(
                ids[influencers["_jump_week"] >= 0],
                influencers.loc[influencers["_jump_week"] >= 0, "_jump_week"],
                strict=True,
            )
        ),
    }
    public = influencers[[c for c in influencers.columns if not c.startswith("_")]]
    frames = {
        "influencers": public,
        "posts": posts,
        "follower_history": history,
        "client_campaigns": campaigns,
        "brand_mentions": mentions,
        "benchmarks": generate_benchmarks(),
        # Its own random stream, so adding it left every other dataset unchanged.
        "campaign_results": generate_campaign_results(
            influencers, cases, np.random.default_rng([seed, 7])
        ),
    }
    return {name: frames[name] for name in DATASETS}, truth


DATE_FORMATS = {"posts": "%Y-%m-%dT%H:%M"}


def write_csv(frame: pd.DataFrame, path: Path, date_format: str = "%Y-%m-%d") -> None:
    """Write a dataset as stable UTF-8 CSV: ``,`` separator, ``\\n`` line ends, ISO dates."""
    flags = [c for c in frame.columns if pd.api.types.is_bool_dtype(frame[c])]
    frame = frame.astype({c: "int64" for c in flags})  # booleans as 0/1
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8", date_format=date_format)


def write_all(out_dir: Path, seed: int = DEFAULT_SEED) -> dict:
    """Generate every dataset into ``out_dir`` and return the planted anomalies."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    frames, truth = generate_all(seed)
    for name, frame in frames.items():
        write_csv(frame, out_dir / f"{name}.csv", DATE_FORMATS.get(name, "%Y-%m-%d"))
    return truth


_TABLE = re.compile(
    r"(<!-- columns:(?P<name>[a-z_]+) -->\n)(?P<body>.*?)(<!-- /columns -->)", re.DOTALL
)


def column_table(dictionary: pd.DataFrame, name: str) -> str:
    """The Markdown table of one dataset's columns, from the data dictionary."""
    rows = dictionary[dictionary["dataset"] == name]
    lines = ["| colonne | type | unité | description | description (en) |", "|---|---|---|---|---|"]
    for r in rows.itertuples(index=False):
        lines.append(
            f"| `{r.column}` | {r.type} | {r.unit} | {r.description_fr} | {r.description_en} |"
        )
    return "\n".join(lines) + "\n"


def render_readme(text: str, dictionary: pd.DataFrame) -> str:
    """The README text with every ``<!-- columns:NAME -->`` block regenerated."""
    return _TABLE.sub(
        lambda m: m.group(1) + column_table(dictionary, m.group("name")) + m.group(4), text
    )


def read_dictionary(directory: Path | None = None) -> pd.DataFrame:
    """The raw data dictionary (``dictionary.csv``), empty units as empty strings."""
    path = (directory or DEFAULT_DATA_DIR) / "dictionary.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def update_readme(directory: Path) -> bool:
    """Regenerate the column tables of ``directory/README.md``; False when there is none."""
    readme = Path(directory) / "README.md"
    if not readme.exists():
        return False
    text = readme.read_text(encoding="utf-8")
    new = render_readme(text, read_dictionary(DEFAULT_DATA_DIR))
    if new != text:
        readme.write_text(new, encoding="utf-8", newline="\n")
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write every CSV and refresh the README's column tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help="folder to write the CSV files to (default: datasets/)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    args = parser.parse_args(argv)
    truth = write_all(args.out, args.seed)
    update_readme(args.out)
    print(f"wrote {len(DATASETS)} datasets to {args.out}")
    print(f"bought jumps: {', '.join(truth['bought_jumps'])}")
    print(f"organic jumps: {', '.join(truth['organic_jumps'])}")
    return 0
