"""3. Partnership pipeline and relationship levels: a board with one column per stage, the
table, dated moves, the next step, and reminders when a contact has waited too long."""

import datetime as dt

import pandas as pd
import streamlit as st

from influkit.errors import UserError
from influkit.operations import deliverables as actions
from influkit.relationship import pipeline
from influkit.text.formats import fmt_date, fmt_number
from ui import state
from ui.relationship import link, plain
from ui.state import labeller, t
from ui.widgets import number_field

lang = state.lang()
plan = state.require_plan()
now = pipeline.now_utc()

st.title(t("relationship.pipeline.title"))
st.write(t("relationship.pipeline.intro"))

if not plan.shortlist and not plan.relationship.influencers:
    st.info(t("relationship.no_shortlist"))
    link("shortlist", t("relationship.go_shortlist"), ":material/checklist:")
    st.stop()

with st.expander(t("relationship.pipeline.reminder_settings")):
    left, right = st.columns([1, 2])
    with left:
        hours = number_field(
            t("relationship.pipeline.reminder_hours"),
            int(plan.relationship.reminder_hours),
            key=state.widget_key("pipeline_hours"),
            kind="count",
            min_value=1,
            max_value=24 * 60,
        )
    clock = right.radio(
        t("relationship.pipeline.reminder_clock"),
        list(pipeline.CLOCKS),
        index=list(pipeline.CLOCKS).index(plan.relationship.reminder_clock),
        format_func=labeller("relationship.clock"),
        key=state.widget_key("pipeline_clock"),
    )
    st.caption(t("relationship.pipeline.reminder_help"))
    try:
        pipeline.set_reminder(plan, int(hours), clock)
    except UserError as err:
        st.error(err.message(lang))

names = actions.influencer_names(plan)
board = pipeline.board(plan, now, names)
due = board.loc[board["reminder"]]
cols = st.columns(3)
cols[0].metric(t("relationship.pipeline.metric_total"), fmt_number(len(board), lang))
cols[1].metric(
    t("relationship.pipeline.metric_agreed"),
    fmt_number(int(board["stage"].isin(pipeline.FLOW[3:]).sum()), lang),
)
cols[2].metric(t("relationship.pipeline.metric_reminders"), fmt_number(len(due), lang))
for item in due.to_dict("records"):
    st.warning(
        t(
            "relationship.pipeline.reminder_due",
            name=item["name"],
            stage=state.label("relationship.stage", item["stage"]),
            hours=fmt_number(item["waited_hours"], lang),
            delay=fmt_number(plan.relationship.reminder_hours, lang),
        )
    )
if not due.empty:
    link("relationship_outreach", t("relationship.pipeline.go_outreach"), ":material/send:")

# --- the board -----------------------------------------------------------------------------
st.header(t("relationship.pipeline.board"))
for number, lane in enumerate(pipeline.LANES):
    st.caption(t(f"relationship.pipeline.lane_{number}"))
    for column, stage in zip(st.columns(len(lane), gap="small"), lane, strict=True):
        here = board.loc[board["stage"] == stage]
        column.markdown(f"**{state.label('relationship.stage', stage)}** ({len(here)})")
        for item in here.to_dict("records"):
            with column.container(border=True):
                st.markdown(f"**{plain(item['name'])}**")
                bits = [state.label("relationship.level", item["level"])]
                since = pipeline.local_date(item["since"])
                if since is not None:
                    bits.append(fmt_date(since, lang))
                st.caption(" · ".join(bits))
                if item["reminder"]:
                    st.markdown(f":orange-badge[{t('relationship.pipeline.badge_remind')}]")

# --- the table -----------------------------------------------------------------------------
st.header(t("relationship.pipeline.table"))
shown = pd.DataFrame(
    {
        t("relationship.col.influencer"): board["name"],
        t("relationship.col.stage"): [state.label("relationship.stage", s) for s in board["stage"]],
        t("relationship.col.since"): [
            fmt_date(pipeline.local_date(d), lang) if pipeline.local_date(d) else "—"
            for d in board["since"]
        ],
        t("relationship.col.waited"): [
            fmt_number(h, lang) if h is not None and h == h else "—" for h in board["waited_hours"]
        ],
        t("relationship.col.reminder"): [
            t("relationship.yes") if r else "" for r in board["reminder"]
        ],
        t("relationship.col.level"): [state.label("relationship.level", v) for v in board["level"]],
        t("relationship.col.next_step"): board["next_step"],
        t("relationship.col.next_due"): [
            fmt_date(d, lang) if isinstance(d, dt.date) else "—" for d in board["next_step_due"]
        ],
        t("relationship.col.messages"): [fmt_number(n, lang) for n in board["messages"]],
    }
)
st.dataframe(shown, hide_index=True, width="stretch")

# --- move an influencer --------------------------------------------------------------------
st.header(t("relationship.pipeline.move_title"))
ids = board["influencer_id"].tolist()
iid = st.selectbox(
    t("relationship.choose_influencer"),
    ids,
    format_func=lambda i: names.get(i, i),
    key=state.widget_key("pipeline_who"),
)
rel = pipeline.view(plan, iid)
left, right = st.columns(2)
with left, st.form(f"pipeline_move_{iid}"):
    st.markdown(
        t("relationship.pipeline.current", stage=state.label("relationship.stage", rel.stage))
    )
    target = st.selectbox(
        t("relationship.pipeline.new_stage"),
        pipeline.allowed_moves(rel.stage),
        format_func=labeller("relationship.stage"),
    )
    note = st.text_input(t("relationship.pipeline.note"))
    if st.form_submit_button(t("relationship.pipeline.move"), type="primary"):
        try:
            pipeline.move(plan, iid, target, note=note)
        except UserError as err:
            st.error(err.message(lang))
        else:
            state.flash(
                "success",
                t(
                    "relationship.pipeline.moved",
                    name=names.get(iid, iid),
                    stage=state.label("relationship.stage", target),
                ),
            )
            st.rerun()
with right, st.form(f"pipeline_level_{iid}"):
    suggested = pipeline.suggested_level(rel)
    level = st.selectbox(
        t("relationship.pipeline.level"),
        list(pipeline.LEVELS),
        index=pipeline.LEVELS.index(rel.level),
        format_func=labeller("relationship.level"),
        help="\n\n".join(
            t(
                "relationship.label_value",
                label=state.label("relationship.level", code),
                value=t(f"relationship.level_entry.{code}"),
            )
            for code in pipeline.LEVELS
        ),
    )
    st.caption(
        t("relationship.pipeline.suggested", level=state.label("relationship.level", suggested))
    )
    next_step = st.text_input(t("relationship.pipeline.next_step"), value=rel.next_step)
    next_due = st.date_input(
        t("relationship.pipeline.next_due"), value=rel.next_step_due, format="DD/MM/YYYY"
    )
    if st.form_submit_button(t("relationship.pipeline.save_level")):
        stored = pipeline.ensure(plan, iid)
        pipeline.set_level(stored, level)
        pipeline.set_next_step(
            stored, next_step, next_due if isinstance(next_due, dt.date) else None
        )
        state.flash("success", t("relationship.pipeline.level_saved", name=names.get(iid, iid)))
        st.rerun()

with st.expander(t("relationship.pipeline.history", name=plain(names.get(iid, iid)))):
    moves = [(m, "stage") for m in rel.history] + [(m, "level") for m in rel.level_history]
    if not moves:
        st.caption(t("relationship.pipeline.no_history"))
    for move, kind in sorted(moves, key=lambda pair: pair[0].at):
        text = state.label(f"relationship.{kind}", move.stage)
        line = f"{fmt_date(pipeline.local_date(move.at), lang)} — {plain(text)}"
        st.markdown(line + (f" — {plain(move.note)}" if move.note else ""))
