"""The peers' medians the brand fit compares each account with, against a plain pandas group-by
on thousands of generated tables: missing platforms and tiers, small groups, zero and missing
values, ties."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from influkit.identify import brandfit
from influkit.metrics import TIER_ORDER

PLATFORMS = ["instagram", "tiktok", "youtube", "", None]
VALUES = [None, -1.0, 0.0, 0.004, 0.01, 0.01, 0.025, 0.3, 7.5, 12.0, 40.0]


@st.composite
def tables(draw):
    """Accounts with a platform, a tier, an ER and a CPM, any of them possibly missing."""
    n = draw(st.integers(0, 60))

    def column(choices):
        return draw(st.lists(st.sampled_from(choices), min_size=n, max_size=n))

    return pd.DataFrame(
        {
            "platform": pd.Series(column(PLATFORMS), dtype="str"),
            "tier": pd.Series(column([*TIER_ORDER[:4], None]), dtype=object),
            "er": pd.Series(column(VALUES), dtype=float),
            "est_cpm_eur": pd.Series(column(VALUES), dtype=float),
        },
        index=pd.Index(draw(st.permutations(range(n))), dtype=np.int64),
    )


def reference_peer_medians(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Plain pandas: the median of the values > 0 of the account's platform x tier when it has
    MIN_PEERS of them, else of its platform; NaN without a platform."""
    platform = table["platform"].replace("", np.nan)
    tier = table["tier"].replace("", np.nan)
    values = table[columns].where(table[columns] > 0)
    by_tier = values.groupby([platform, tier], dropna=False)
    by_platform = values.groupby(platform, dropna=False)
    usable = (
        by_tier.transform("count") >= brandfit.MIN_PEERS
    ).to_numpy() & tier.notna().to_numpy()[:, None]
    out = np.where(usable, by_tier.transform("median"), by_platform.transform("median"))
    out = np.where(platform.notna().to_numpy()[:, None], out, np.nan)
    return pd.DataFrame(out, index=table.index, columns=columns, dtype=float)


@settings(max_examples=200, deadline=None)
@given(tables())
def test_peer_medians_equal_a_plain_group_by(table):
    """Each account's peers' median ER and CPM are exactly what a pandas group-by gives."""
    got = brandfit.peer_medians(table, ("er", "est_cpm_eur"))
    pd.testing.assert_frame_equal(
        got, reference_peer_medians(table, ["er", "est_cpm_eur"]), check_exact=True
    )
