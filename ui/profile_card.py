"""An influencer's profile card: who they are, their key figures, their posts, followers,
audience and sponsorships, and the form that adds them to the plan's shortlist."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from influkit.identify import explorer, figures, profiles
from influkit.plan.model import Plan
from influkit.text.formats import NOT_AVAILABLE, fmt_money, fmt_number, fmt_percent
from ui import navigation, state
from ui.state import t
from ui.widgets import shortlist_role_and_note


def show(row: pd.Series, pick: str, plan: Plan | None, er_basis: str, er_method: str) -> None:
    """The profile card of the influencer ``pick`` (``row``: its line of the influencer table,
    whose ER follows ``er_basis`` and ``er_method``), with the add-to-shortlist form."""
    lang = state.lang()
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
            basis=t(f"metrics.basis.{er_basis}"),
            method=t(f"metrics.method.{er_method}"),
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
                st.plotly_chart(
                    figures.post_timeline_figure(timeline, handle, lang), width="stretch"
                )
                st.caption(t("explorer.chart_posts_caption"))
        with tab_followers:
            if history.empty:
                st.info(t("explorer.no_history"))
            else:
                fig = figures.follower_history_figure(history, row["platform"], handle, lang)
                st.plotly_chart(fig, width="stretch")
        with tab_audience:
            gender = explorer.audience_gender(row)
            ages = explorer.audience_ages(row)
            if gender.isna().all() and ages.isna().all():
                st.info(t("explorer.no_audience"))
            else:
                col1, col2 = st.columns([2, 3], gap="large")
                if gender.notna().all():
                    fig = figures.audience_gender_figure(gender, lang)
                    col1.plotly_chart(fig, width="stretch")
                if ages.notna().any():
                    col2.plotly_chart(figures.audience_age_figure(ages, lang), width="stretch")
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
                audience = explorer.mention_language(row)
                quality = {
                    text: explorer.mention_quality(text, audience) for text in mentions.index
                }
                verdict = explorer.disclosure_verdict(summary, quality.values())
                if verdict == "no_sponsored":
                    st.info(t("explorer.no_sponsored"))
                elif verdict == "missing":
                    st.error(
                        t("explorer.disclosure_missing", count=summary["undisclosed"]),
                        icon=":material/gavel:",
                    )
                elif verdict == "weak":
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
                role, note = shortlist_role_and_note(
                    "explorer.", f"explorer_role_{pick}", f"explorer_note_{pick}"
                )
                if st.button(
                    t("explorer.add_button"),
                    type="primary",
                    icon=":material/playlist_add:",
                    key="explorer_add",
                ):
                    plan.add_to_shortlist(pick, role=role, note=note)
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
