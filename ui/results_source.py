"""The results page's source box: simulate the plan's campaign, load the case's sample, or
import a results file — always asking before results already in the plan are replaced.
Each choice writes the plan where it is made, then the page is drawn again."""

from __future__ import annotations

import streamlit as st

from influkit.campaign import results, simulate
from influkit.data import importer
from influkit.errors import UserError
from influkit.identify import profiles
from influkit.operations import deliverables as actions
from influkit.plan.model import Plan
from influkit.text.formats import fmt_number
from ui import state
from ui.state import labeller, t
from ui.text import plain
from ui.widgets import column_mapping, number_field

#: Where the question "replace the results?" waits for its answer.
PENDING = "results_pending"


def _import_results(plan: Plan) -> None:
    """Upload a results file (CSV/XLSX), map its columns, check it and add its valid rows."""
    lang = state.lang()
    with st.expander(t("results.import_title"), icon=":material/upload_file:"):
        st.caption(t("results.import_help"))
        upload = st.file_uploader(t("results.import_file"), key=state.widget_key("results_upload"))
        if upload is None:
            return
        try:
            raw = importer.read_table(upload.getvalue(), upload.name)
        except UserError as err:
            st.error(err.message(lang))
            return
        target = importer.RESULTS_TARGET
        mapping = column_mapping(raw, target, "results_map")
        missing = importer.unmapped_required(mapping, target)
        if missing:
            st.error(results.import_missing_text(missing, target, lang))
            return
        checked = importer.apply_mapping(raw, mapping, target)
        valid, rejected = (
            fmt_number(checked.valid_count, lang),
            fmt_number(checked.rejected_count, lang),
        )
        st.write(t("results.import_counts", valid=valid, rejected=rejected))
        if checked.problems:
            problems = importer.problems_frame(checked.problems, lang)
            st.dataframe(problems, hide_index=True, width="stretch")
        if not checked.valid_count:
            return
        mode = st.radio(
            t("results.import_mode"),
            options=["append", "replace"],
            format_func=labeller("results.import_modes"),
            horizontal=True,
            key="results_import_mode",
        )
        if st.button(
            t("results.import_button", count=valid), key="results_import_button", type="primary"
        ):
            try:
                count, unmatched = results.add_imported(
                    plan, checked.rows, profiles.influencer_table(plan), mode
                )
            except UserError as err:
                st.error(err.message(lang))
                return
            state.flash("success", t("results.imported", count=fmt_number(count, lang)))
            if unmatched:
                state.flash("info", t("results.unmatched", handles=", ".join(unmatched[:10])))
            st.rerun()


def _pending_key() -> str:
    # Tied to the plan and language: another plan never inherits the question.
    return state.widget_key(PENDING)


def _fill(plan: Plan, action: str, seed: int | None) -> None:
    """Replace the plan's results by a simulation of the plan or the case's sample, then redraw."""
    st.session_state.pop(_pending_key(), None)
    state.flash(*results.fill(plan, action, seed, state.lang()))
    st.rerun()


def _request(plan: Plan, action: str, seed: int | None = None) -> None:
    """Fill the results at once, or ask first when the plan already holds some."""
    if plan.results:
        st.session_state[_pending_key()] = (action, seed)
        st.rerun()
    _fill(plan, action, seed)


def source_box(plan: Plan) -> None:
    """Where the results come from (a banner), and the box to simulate, load or import them."""
    lang = state.lang()
    source = results.source_of(plan)
    if source != "none":
        if source == "case_sample":
            st.warning(results.source_banner(plan, lang), icon=":material/warning:")
        else:
            icon = ":material/science:" if source == "simulation" else ":material/info:"
            st.info(results.source_banner(plan, lang), icon=icon)
        foreign = results.foreign_influencers(plan)
        if foreign and source != "case_sample":
            st.caption(t("simulate.foreign", count=fmt_number(len(foreign), lang)))

    pending = st.session_state.get(_pending_key())
    if pending:
        st.warning(results.replace_question(plan, *pending, lang))
        col1, col2 = st.columns(2)
        if col1.button(
            t("results.confirm_replace_button"), key="results_confirm_button", type="primary"
        ):
            _fill(plan, *pending)
        if col2.button(t("simulate.cancel"), key="results_cancel_button"):
            st.session_state.pop(_pending_key(), None)
            st.rerun()

    box = st.container(border=True)
    box.subheader(t("simulate.source_title"))
    simulation_tab, sample_tab = box.tabs([t("simulate.tab_simulation"), t("simulate.tab_sample")])

    with simulation_tab:
        st.caption(t("simulate.launch_help"))
        if not plan.shortlist:
            st.warning(t("simulate.empty_shortlist"), icon=":material/group_add:")
            st.page_link(
                "pages/brand_fit.py", label=t("simulate.go_shortlist"), icon=":material/group_add:"
            )
        else:
            outline = simulate.campaign_outline(plan)
            mentioned = outline.influencers - len(outline.without_mention)
            st.write(
                t(
                    "simulate.preflight",
                    influencers=fmt_number(outline.influencers, lang),
                    posts=fmt_number(outline.posts, lang),
                    mentioned=fmt_number(mentioned, lang),
                )
            )
            if outline.without_mention:
                names = actions.influencer_names(plan)
                missing = ", ".join(plain(names.get(i, i)) for i in outline.without_mention)
                st.caption(t("simulate.no_mention", names=missing))
            if not outline.with_deliverables:
                st.caption(t("simulate.no_deliverables"))
            col1, col2, col3 = st.columns([1, 2, 2], vertical_alignment="bottom")
            with col1:
                seed = number_field(
                    t("simulate.seed_label"),
                    plan.results_seed or 0,
                    key=state.widget_key("results_seed"),
                    kind="count",
                    min_value=0,
                    max_value=999_999,
                    help=t("simulate.seed_help"),
                )
            if col2.button(
                t("simulate.launch_button"),
                key="results_simulate",
                type="primary",
                icon=":material/rocket_launch:",
            ):
                _request(plan, "simulation", int(seed))
            if source == "simulation" and col3.button(
                t("simulate.replay_button"), key="results_replay", icon=":material/casino:"
            ):
                _request(plan, "simulation", (plan.results_seed or 0) + 1)

    with sample_tab:
        st.caption(t("simulate.sample_help"))
        if not plan.case_id:
            st.info(t("simulate.no_case"))
        elif st.button(
            t("results.load_sample"), key="results_load_sample", icon=":material/dataset:"
        ):
            _request(plan, "case_sample")

    with box:
        _import_results(plan)
