"""Module 2 — explore influencers: filters, a sortable table, a profile card, add to the shortlist."""

import math

import plotly.graph_objects as go
import streamlit as st

from influkit import metrics
from influkit.errors import UserError
from influkit.identify import explorer, profiles
from influkit.identify.explorer import ExplorerFilters
from influkit.plan.model import AGE_BANDS, SHORTLIST_ROLES
from influkit.text import chart_style as charts
from influkit.text.formats import NOT_AVAILABLE, fmt_money, fmt_number, fmt_percent
from ui import navigation, state
from ui.state import bound, t

lang = state.lang()
plan = state.current_plan()

st.title(t("explorer.title"))
st.write(t("explorer.intro"))
st.caption(":material/info: " + t("app.fictional"))

# --- calculation settings: the plan's when there is one, else this session's ---------------
SETTINGS = {
    "tier_scheme": (list(metrics.TIER_SCHEMES), "metrics.scheme", "explorer.scheme"),
    "er_basis": (list(metrics.BASES), "metrics.basis", "explorer.basis"),
    "er_method": (list(metrics.METHODS), "metrics.method", "explorer.method"),
}
chosen: dict[str, str] = {}
with st.expander(t("explorer.settings_title"), icon=":material/tune:"):
    st.caption(t("explorer.settings_intro"))
    if plan is None:
        st.caption(t("explorer.settings_no_plan"))
    for column, (name, (options, namespace, label_key)) in zip(
        st.columns(3), SETTINGS.items(), strict=True
    ):
        if plan is not None:
            stored = getattr(plan.settings, name)
            stored = stored if stored in options else options[0]
            value = bound(
                column.selectbox,
                f"explorer_{name}",
                stored,
                t(label_key),
                options=options,
                format_func=state.labeller(namespace),
            )
            if value != getattr(plan.settings, name):
                setattr(plan.settings, name, value)
        else:
            value = column.selectbox(
                t(label_key),
                options=options,
                format_func=state.labeller(namespace),
                key=f"explorer_session_{name}",
                persist_state="session",
            )
        chosen[name] = value
    st.caption(
        t(f"metrics.scheme_definition.{chosen['tier_scheme']}")
        + " "
        + t(f"metrics.method_definition.{chosen['er_method']}", n_posts=metrics.DEFAULT_N_POSTS)
    )

try:
    table = profiles.influencer_table(
        plan, scheme=chosen["tier_scheme"], basis=chosen["er_basis"], method=chosen["er_method"]
    )
except UserError as err:
    st.error(err.message(lang))
    st.stop()
options = explorer.filter_options(table)

# --- filters (exploration, not plan content: kept in the session) --------------------------
F = "explorer_f_"
FILTER_KEYS = (
    "platforms", "niches", "tiers", "countries", "languages", "followers", "er", "price",
    "female_min", "age_band", "age_min", "age_dominant", "top_country", "top_country_min",
    "credibility_min", "search", "source",
)  # fmt: skip
RANGES = {
    "followers": (explorer.FOLLOWER_STEPS, lambda v: fmt_number(v, lang)),
    "er": (explorer.ER_STEPS, lambda v: fmt_percent(v, lang, 1)),
    "price": (explorer.PRICE_STEPS, lambda v: fmt_money(v, lang, 0)),
}
no_limit = t("explorer.no_limit")


def _reset_filters() -> None:
    for name in FILTER_KEYS:
        st.session_state.pop(F + name, None)


# A remembered choice that the current table no longer offers (another tier scheme) is dropped.
for name in explorer.CODE_FILTERS:
    kept = st.session_state.get(F + name)
    if kept:
        st.session_state[F + name] = [code for code in kept if code in options[name]]

st.header(t("explorer.filters_title"))
columns = st.columns(5)
lists = {}
for column, (name, namespace) in zip(
    columns,
    {
        "platforms": "data.platform",
        "niches": "data.niche",
        "tiers": "metrics.tier",
        "countries": "data.country",
        "languages": "data.language",
    }.items(),
    strict=True,
):
    lists[name] = column.multiselect(
        t(f"explorer.{name}"),
        options=options[name],
        format_func=state.labeller(namespace),
        placeholder=t("explorer.any"),
        key=F + name,
        persist_state="session",
    )

ranges = {}
for column, (name, (steps, fmt)) in zip(st.columns(3, gap="large"), RANGES.items(), strict=True):
    picked = column.select_slider(
        t(f"explorer.{name}"),
        options=list(steps),
        value=(steps[0], steps[-1]),
        format_func=lambda v, fmt=fmt: no_limit if math.isinf(v) else fmt(v),
        key=F + name,
        persist_state="session",
    )
    ranges[name] = explorer.active_range(picked, steps)

audience_names = ("female_min", "age_band", "age_dominant", "top_country", "credibility_min")
audience_open = any(st.session_state.get(F + name) for name in audience_names)
with st.expander(t("explorer.audience_title"), icon=":material/groups:", expanded=audience_open):
    col1, col2, col3 = st.columns(3, gap="large")
    female_min = col1.slider(
        t("explorer.female_min"), 0, 100, 0, step=5, key=F + "female_min", persist_state="session"
    )
    credibility_min = col1.slider(
        t("explorer.credibility_min"),
        0,
        100,
        0,
        step=5,
        help=t("explorer.credibility_help"),
        key=F + "credibility_min",
        persist_state="session",
    )
    band_labels = {None: t("explorer.age_band_none")} | {
        b: state.label("age", b) for b in AGE_BANDS
    }
    age_band = col2.selectbox(
        t("explorer.age_band"),
        options=[None, *AGE_BANDS],
        format_func=band_labels.get,
        key=F + "age_band",
        persist_state="session",
    )
    age_min = col2.slider(
        t("explorer.age_min"),
        0,
        100,
        0,
        step=5,
        key=F + "age_min",
        disabled=age_band is None,
        persist_state="session",
    )
    age_dominant = col2.checkbox(
        t("explorer.age_dominant"),
        key=F + "age_dominant",
        disabled=age_band is None,
        persist_state="session",
    )
    country_labels = {None: t("explorer.top_country_none")} | {
        c: state.label("data.country", c) for c in options["top_countries"]
    }
    top_country = col3.selectbox(
        t("explorer.top_country"),
        options=list(country_labels),
        format_func=country_labels.get,
        key=F + "top_country",
        persist_state="session",
    )
    top_country_min = col3.slider(
        t("explorer.top_country_min"),
        0,
        100,
        0,
        step=5,
        key=F + "top_country_min",
        disabled=top_country is None,
        persist_state="session",
    )

SOURCE_LABELS = {code: t(f"explorer.source_{code}") for code in explorer.SOURCES}
source = st.segmented_control(
    t("explorer.source"),
    options=list(explorer.SOURCES),
    format_func=SOURCE_LABELS.get,
    default="all",
    key=F + "source",
    persist_state="session",
)
has_imported = bool((table["source"] == "imported").any()) if "source" in table else False
if source == "imported" and not has_imported:
    st.caption(":material/info: " + t("explorer.source_none_imported"))

col1, col2 = st.columns([3, 1], vertical_alignment="bottom")
search = col1.text_input(
    t("explorer.search"),
    placeholder=t("explorer.search_placeholder"),
    key=F + "search",
    persist_state="session",
)
col2.button(
    t("explorer.reset"),
    icon=":material/filter_alt_off:",
    on_click=_reset_filters,
    key="explorer_reset",
    width="stretch",
)

filters = ExplorerFilters(
    **{name: tuple(codes) for name, codes in lists.items()},
    **ranges,
    female_share_min=female_min / 100 if female_min else None,
    age_band=age_band,
    age_band_min=age_min / 100 if age_band and age_min else None,
    age_band_dominant=bool(age_band and age_dominant),
    top_country=top_country,
    top_country_min=top_country_min / 100 if top_country and top_country_min else None,
    credibility_min=credibility_min / 100 if credibility_min else None,
    search=search,
    source=source or "all",
)
shown = explorer.filter_influencers(table, filters)

# --- the table ------------------------------------------------------------------------------
st.markdown(
    t("explorer.count", shown=fmt_number(len(shown), lang), total=fmt_number(len(table), lang))
)
shortlisted = plan.shortlisted_ids() if plan is not None else []
display = explorer.display_table(shown, lang, shortlisted)
ids = display["influencer_id"].tolist()
PICK = "explorer_pick"
if st.session_state.get(PICK) not in ids:
    st.session_state[PICK] = None
display.insert(0, "open", display["influencer_id"] == st.session_state[PICK])
# A new key after each applied edit: the table is redrawn from the plan, with no edit pending.
TABLE_GEN = "explorer_table_gen"
generation = st.session_state.setdefault(TABLE_GEN, 0)
table_key = f"explorer_table_{abs(hash((filters, tuple(chosen.values())))) % 10**10}_{generation}"


def apply_table_edits(key: str, shown_ids: list[str], handles: dict[str, str]) -> None:
    """Apply the ticked boxes (the shortlist changes in the plan, the card opens below), then
    draw the page again from the plan."""
    edited = (st.session_state.get(key) or {}).get("edited_rows") or {}
    if not edited:
        return
    edit = explorer.table_edit(edited, shown_ids)
    if plan is not None:
        added, removed = explorer.apply_table_edit(plan, edit)
        role = state.label("role", "creator")
        for influencer_id in added:
            state.flash("toast", t("explorer.added", handle=handles[influencer_id], role=role))
        for influencer_id in removed:
            state.flash("toast", t("explorer.removed", handle=handles[influencer_id]))
    if edit.open is not None:
        st.session_state[PICK] = edit.open
    st.session_state[TABLE_GEN] = st.session_state.get(TABLE_GEN, 0) + 1
    st.rerun()


def _col(name: str) -> str:
    return t(f"explorer.col.{name}")


if display.empty:
    st.info(t("explorer.none_match"))
else:
    st.caption(t("explorer.table_help" if plan is not None else "explorer.table_help_no_plan"))
    handles = dict(zip(ids, display["handle"].where(display["handle"] != "", ids), strict=True))
    editable = {"open", "shortlisted"} if plan is not None else {"open"}
    st.data_editor(
        display,
        key=table_key,
        disabled=[c for c in display.columns if c not in editable],
        hide_index=True,
        width="stretch",
        height=min(440, 38 + 35 * len(display)),
        column_order=["open", *explorer.TABLE_COLUMNS],
        placeholder=NOT_AVAILABLE[lang],
        column_config={
            "open": st.column_config.CheckboxColumn(
                _col("open"), help=t("explorer.col_help.open"), width=70, pinned=True
            ),
            "shortlisted": st.column_config.CheckboxColumn(
                _col("shortlisted"),
                help=t(
                    "explorer.col_help.shortlisted"
                    if plan is not None
                    else "explorer.col_help.shortlisted_no_plan"
                ),
                width=100,
                pinned=True,
            ),
            "handle": st.column_config.TextColumn(_col("handle")),
            "platform": st.column_config.TextColumn(_col("platform")),
            "niche": st.column_config.TextColumn(_col("niche")),
            "tier": st.column_config.TextColumn(_col("tier"), width="small"),
            "country": st.column_config.TextColumn(_col("country"), width="small"),
            "followers": st.column_config.NumberColumn(_col("followers"), format="localized"),
            "er": st.column_config.NumberColumn(
                _col("er"), format="percent", help=t("explorer.col_help.er")
            ),
            "price_per_post_eur": st.column_config.NumberColumn(
                _col("price_per_post_eur"), format="euro", step=1
            ),
            "est_cpm_eur": st.column_config.NumberColumn(
                _col("est_cpm_eur"), format="euro", help=t("explorer.col_help.est_cpm_eur")
            ),
            "audience_credibility": st.column_config.NumberColumn(
                _col("audience_credibility"),
                format="percent",
                help=t("explorer.col_help.audience_credibility"),
            ),
        },
    )

    apply_table_edits(table_key, ids, handles)

# --- the profile card -----------------------------------------------------------------------
st.header(t("explorer.pick"))
names = dict(
    zip(
        ids,
        display["handle"] + " — " + display["display_name"] + " · " + display["platform"],
        strict=True,
    )
)
pick = st.selectbox(
    t("explorer.pick"),
    options=ids,
    index=None,
    format_func=names.get,
    placeholder=t("explorer.pick_placeholder"),
    key=PICK,
    label_visibility="collapsed",
)


def show_card(pick: str) -> None:
    """The profile card of one influencer, with the add-to-shortlist form."""
    row = table.set_index("influencer_id").loc[pick]
    handle = row["handle"] or pick
    posts = profiles.posts_of(pick)
    history = profiles.history_of(pick)

    with st.container(border=True):
        st.subheader(f"{row['display_name']} ({handle})")
        st.caption(
            t(
                "explorer.card.location",
                platform=state.label("data.platform", row["platform"]),
                niche=state.label("data.niche", row["niche"]),
                city=row["city"] or NOT_AVAILABLE[lang],
                country=state.label("data.country", row["country"]),
                language=state.label("data.language", row["language"]),
            )
        )
        if row["source"] == "imported":
            st.caption(":material/upload_file: " + t("explorer.card.imported"))
        for flag in explorer.quality_flags(row):
            st.warning(t(f"explorer.flag.{flag}"), icon=":material/report:")

        er_help = t(
            "explorer.card.er_help",
            basis=t(f"metrics.basis.{chosen['er_basis']}"),
            method=t(f"metrics.method.{chosen['er_method']}"),
        )
        first = st.columns(4)
        first[0].metric(t("explorer.card.followers"), fmt_number(row["followers"], lang))
        first[1].metric(t("explorer.card.tier"), state.label("metrics.tier", row["tier"]))
        first[2].metric(t("explorer.card.er"), fmt_percent(row["er"], lang, 2), help=er_help)
        first[3].metric(t("explorer.card.growth"), fmt_percent(row.get("growth_12w"), lang, 1))
        second = st.columns(4)
        second[0].metric(t("explorer.card.avg_views"), fmt_number(row.get("avg_views"), lang))
        second[1].metric(t("explorer.card.price"), fmt_money(row["price_per_post_eur"], lang, 0))
        second[2].metric(
            t("explorer.card.cpm"),
            fmt_money(row.get("est_cpm_eur"), lang, 2),
            help=t("explorer.card.cpm_help"),
        )
        second[3].metric(
            t("explorer.card.credibility"),
            fmt_percent(row["audience_credibility"], lang, 0),
            help=t("explorer.credibility_help"),
        )

        tab_posts, tab_followers, tab_audience, tab_sponsoring = st.tabs(
            [
                t("explorer.tab_posts"),
                t("explorer.tab_followers"),
                t("explorer.tab_audience"),
                t("explorer.tab_sponsoring"),
            ]
        )
        with tab_posts:
            if posts.empty:
                st.info(t("explorer.no_posts"))
            else:
                timeline = explorer.post_timeline(posts)
                colours = {
                    "organic": charts.NEUTRAL,
                    "sponsored": charts.ACCENT,
                    "undisclosed": charts.BAD,
                }
                fig = go.Figure()
                for kind, colour in colours.items():
                    part = timeline.loc[timeline["kind"] == kind]
                    if part.empty:
                        continue
                    fig.add_trace(
                        go.Scatter(
                            x=part["published_at"],
                            y=part["interactions"],
                            mode="markers",
                            name=t(f"explorer.kind.{kind}"),
                            marker={
                                "color": colour,
                                "size": 10 if kind == "organic" else 13,
                                "symbol": "circle" if kind == "organic" else "diamond",
                            },
                            customdata=part["format"].map(state.labeller("data.format")),
                            hovertemplate="%{x|%d/%m/%Y} · %{customdata}<br>%{y:,.0f}<extra>"
                            "%{fullData.name}</extra>",
                        )
                    )
                fig.update_layout(
                    xaxis_title=t("explorer.axis_date"), yaxis_title=t("explorer.axis_interactions")
                )
                fig.update_xaxes(tickformat="%m/%Y", dtick="M2")
                fig.update_yaxes(tickformat=",.0f", rangemode="tozero")
                charts.style(fig, lang, title=t("explorer.chart_posts", handle=handle), height=420)
                st.plotly_chart(fig, width="stretch")
                st.caption(t("explorer.chart_posts_caption"))
        with tab_followers:
            if history.empty:
                st.info(t("explorer.no_history"))
            else:
                fig = go.Figure(
                    go.Scatter(
                        x=history["week"],
                        y=history["followers"],
                        mode="lines",
                        line={
                            "color": charts.PLATFORM_COLOURS.get(row["platform"], charts.ACCENT),
                            "width": 3,
                        },
                        hovertemplate="%{x|%d/%m/%Y}<br>%{y:,.0f}<extra></extra>",
                    )
                )
                fig.update_layout(
                    xaxis_title=t("explorer.axis_week"),
                    yaxis_title=t("explorer.axis_followers"),
                    showlegend=False,
                )
                fig.update_xaxes(tickformat="%m/%Y", dtick="M2")
                fig.update_yaxes(tickformat=",.0f")
                charts.style(
                    fig, lang, title=t("explorer.chart_followers", handle=handle), height=400
                )
                st.plotly_chart(fig, width="stretch")
        with tab_audience:
            gender = explorer.audience_gender(row)
            ages = explorer.audience_ages(row)
            if gender.isna().all() and ages.isna().all():
                st.info(t("explorer.no_audience"))
            else:
                col1, col2 = st.columns([2, 3], gap="large")
                if gender.notna().all():
                    # Percentages written by Babel: Plotly's own glue the % to the number.
                    shares = gender / gender.sum() if gender.sum() else gender
                    fig = go.Figure(
                        go.Pie(
                            labels=[t(f"explorer.gender.{g}") for g in gender.index],
                            values=gender.to_numpy(),
                            hole=0.5,
                            sort=False,
                            marker={"colors": [charts.ACCENT, "#5C6BC0"]},
                            text=[fmt_percent(v, lang, 0) for v in shares],
                            customdata=[fmt_percent(v, lang, 1) for v in shares],
                            texttemplate="%{label}<br>%{text}",
                            hovertemplate="%{label} : %{customdata}<extra></extra>",
                        )
                    )
                    fig.update_layout(showlegend=False)
                    col1.plotly_chart(
                        charts.style(fig, lang, title=t("explorer.chart_gender"), height=360),
                        width="stretch",
                    )
                if ages.notna().any():
                    fig = go.Figure(
                        go.Bar(
                            x=[state.label("age", band) for band in ages.index],
                            y=charts.percent_points(ages.to_numpy()),
                            marker_color=charts.ACCENT,
                            texttemplate=charts.hover_percent("y", lang, 0),
                            textposition="outside",
                            hovertemplate="%{x}<br>"
                            + charts.hover_percent("y", lang)
                            + "<extra></extra>",
                        )
                    )
                    fig.update_layout(
                        xaxis_title=t("explorer.axis_age"),
                        yaxis_title=t("explorer.axis_share"),
                        showlegend=False,
                    )
                    fig.update_yaxes(range=[0, float(ages.max()) * 125])
                    col2.plotly_chart(
                        charts.style(
                            fig, lang, title=t("explorer.chart_ages"), height=360, percent_axis="y"
                        ),
                        width="stretch",
                    )
                if row.get("audience_top_country"):
                    st.markdown(
                        t(
                            "explorer.top_country_line",
                            country=state.label("data.country", row["audience_top_country"]),
                            share=fmt_percent(row.get("audience_top_country_share"), lang, 0),
                        )
                    )
        with tab_sponsoring:
            if posts.empty:
                st.info(t("explorer.no_posts"))
            else:
                summary = explorer.sponsorship_summary(posts)
                cols = st.columns(4)
                cols[0].metric(
                    t("explorer.sponsored_metric"),
                    t(
                        "explorer.sponsored_value",
                        sponsored=fmt_number(summary["sponsored"], lang),
                        posts=fmt_number(summary["posts"], lang),
                    ),
                )
                cols[1].metric(
                    t("explorer.sponsored_share"), fmt_percent(summary["sponsored_share"], lang, 0)
                )
                cols[2].metric(
                    t("explorer.disclosure_rate"), fmt_percent(summary["disclosure_rate"], lang, 0)
                )
                cols[3].metric(
                    t("explorer.undisclosed_metric"), fmt_number(summary["undisclosed"], lang)
                )
                mentions = explorer.disclosure_mentions(posts)
                audience = row["language"] if row["language"] in ("fr", "en") else "fr"
                quality = {
                    text: explorer.mention_quality(text, audience) for text in mentions.index
                }
                if summary["sponsored"] == 0:
                    st.info(t("explorer.no_sponsored"))
                elif summary["undisclosed"]:
                    st.error(
                        t("explorer.disclosure_missing", count=summary["undisclosed"]),
                        icon=":material/gavel:",
                    )
                elif any(q != "clear" for q in quality.values()):
                    st.warning(t("explorer.disclosure_weak"), icon=":material/gavel:")
                else:
                    st.success(t("explorer.disclosure_ok"))
                if len(mentions):
                    st.markdown(
                        t(
                            "explorer.mentions_used",
                            lang_label=state.label("data.language", audience),
                        )
                    )
                    st.markdown(
                        "\n".join(
                            t(
                                f"explorer.mention_line.{quality[text]}",
                                mention=text,
                                count=fmt_number(count, lang),
                            )
                            for text, count in mentions.items()
                        )
                    )

        # --- shortlist ---------------------------------------------------------------------------
        st.subheader(t("explorer.shortlist_title"))
        if plan is None:
            st.info(t("explorer.need_plan"))
            st.page_link("pages/home.py", label=t("app.go_home"), icon=":material/play_arrow:")
        else:
            entry = plan.shortlist_entry(pick)
            if entry is not None:
                st.success(
                    t(
                        "explorer.already",
                        handle=handle,
                        role=state.label("role", entry.role),
                    ),
                    icon=":material/check_circle:",
                )
                if st.button(
                    t("explorer.remove_button"),
                    icon=":material/remove_circle:",
                    key=f"explorer_remove_{pick}",
                ):
                    plan.remove_from_shortlist(pick)
                    state.flash("info", t("explorer.removed", handle=handle))
                    st.rerun()
            else:
                col1, col2 = st.columns([1, 2])
                role = col1.selectbox(
                    t("explorer.role"),
                    options=list(SHORTLIST_ROLES),
                    index=SHORTLIST_ROLES.index("creator"),
                    format_func=state.labeller("role"),
                    help=t("explorer.role_help"),
                    key=f"explorer_role_{pick}",
                )
                note = col2.text_input(
                    t("explorer.note"),
                    placeholder=t("explorer.note_placeholder"),
                    key=f"explorer_note_{pick}",
                )
                if st.button(
                    t("explorer.add_button"),
                    type="primary",
                    icon=":material/playlist_add:",
                    key="explorer_add",
                ):
                    plan.add_to_shortlist(pick, role=role, note=note.strip())
                    state.flash(
                        "success",
                        t(
                            "explorer.added",
                            handle=handle,
                            role=state.label("role", role),
                        ),
                    )
                    st.rerun()
            col1, col2 = st.columns([3, 1], vertical_alignment="center")
            col1.caption(t("explorer.shortlist_count", count=len(plan.shortlist)))
            if "shortlist" in {spec.file for spec in navigation.all_pages()}:
                col2.page_link(
                    "pages/shortlist.py",
                    label=t("explorer.go_shortlist"),
                    icon=":material/checklist:",
                )


# No st.stop() here: it would also stop the router's automatic saving of this run's changes.
if pick is None:
    st.caption(t("explorer.pick_hint"))
else:
    show_card(pick)
