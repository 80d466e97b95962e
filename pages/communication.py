"""7. Communication plan: key messages, the storytelling canvas, channels and formats per
influencer, the editorial calendar tied to the retro-planning, and the platforms considered."""

import datetime as dt

import pandas as pd
import streamlit as st

from influkit.campaign import communication
from influkit.campaign.compensation import simulator as remuneration
from influkit.identify import profiles
from influkit.operations import figures
from influkit.plan.model import PLATFORMS
from influkit.text.formats import fmt_date
from influkit.text.i18n import label as i18n_label
from ui import state
from ui.navigation import page_link
from ui.state import t
from ui.widgets import plan_editor, plan_field

lang = state.lang()
plan = state.require_plan()


com = plan.communication

st.title(t("communication.title"))
st.write(t("communication.intro"))
progress_box = st.container(border=True)

table = profiles.influencer_table(plan)
rows = remuneration.rows_by_id(table)
names = {iid: remuneration.display_name(row, iid) for iid, row in rows.items()}
platform_labels = {p: i18n_label("data.platform", p, lang) for p in PLATFORMS}
format_labels = {f: i18n_label("data.format", f, lang) for f in communication.FORMATS}


# --- key messages ---------------------------------------------------------------------------
st.header(t("communication.messages_title"))
st.caption(t("communication.messages_help"))
plan_editor(
    "com_messages",
    pd.DataFrame({"message": list(com.key_messages)}, dtype=object),
    communication.key_messages_from_table,
    lambda items: communication.replace_part(plan, "key_messages", items),
    "communication.editor_error",
    num_rows="dynamic",
    column_config={
        "message": st.column_config.TextColumn(t("communication.messages_col"), width="large")
    },
)
with st.form("com_add_message", clear_on_submit=True, border=False):
    m1, m2 = st.columns([5, 1], vertical_alignment="bottom")
    new_message = m1.text_input(
        t("communication.message_add"),
        placeholder=t("communication.message_placeholder"),
        key="com_new_message",
    )
    added = m2.form_submit_button(t("communication.message_add_button"), icon=":material/add:")
    if added and communication.add_key_message(plan, new_message):
        state.refresh("com_messages")
        st.rerun()

# --- storytelling ---------------------------------------------------------------------------
st.header(t("communication.story_title"))
st.caption(t("communication.story_help"))
story = com.storytelling
story_columns = st.columns(2, gap="large")
for index, field in enumerate(communication.STORY_FIELDS):
    with story_columns[index % 2]:
        plan_field(
            story,
            field,
            st.text_area,
            f"com_story_{field}",
            t(f"communication.story.{field}"),
            placeholder=t(f"communication.story_placeholder.{field}"),
            height=130,
        )
        st.caption(t(f"communication.story_hint.{field}"))

# --- channels per influencer ----------------------------------------------------------------
st.header(t("communication.channels_title"))
if not plan.shortlist:
    st.info(t("communication.channels_empty"))
    page_link("shortlist", t("communication.go_shortlist"), ":material/checklist:", st)
else:
    st.caption(t("communication.channels_help"))
    plan_editor(
        "com_channels",
        communication.channels_frame(plan, names, table),
        lambda frame: communication.channels_from_table(plan, frame),
        lambda items: communication.replace_part(plan, "channels", items),
        "communication.editor_error",
        column_order=["name", "platforms", "formats", "key_message"],
        column_config={
            "name": st.column_config.TextColumn(t("communication.col.name"), disabled=True),
            "platforms": st.column_config.MultiselectColumn(
                t("communication.col.platforms"),
                options=list(PLATFORMS),
                format_func=platform_labels.get,
            ),
            "formats": st.column_config.MultiselectColumn(
                t("communication.col.formats"),
                options=list(communication.FORMATS),
                format_func=format_labels.get,
            ),
            "key_message": st.column_config.TextColumn(
                t("communication.col.key_message"), width="large"
            ),
        },
    )

# --- editorial calendar ---------------------------------------------------------------------
st.header(t("communication.calendar_title"))
st.caption(t("communication.calendar_help"))
calendar = communication.editorial_calendar(plan, lang)
schedule_error = calendar.attrs.get("schedule_error")
if schedule_error is not None:
    st.warning(t("communication.schedule_error", reason=schedule_error.message(lang)))
links = st.columns(2)
page_link("actions", t("communication.go_actions"), ":material/assignment_ind:", links[0])
page_link(
    "retroplanning", t("communication.go_retroplanning"), ":material/view_timeline:", links[1]
)
if calendar.empty:
    st.caption(t("communication.calendar_empty"))
else:
    st.dataframe(
        communication.calendar_frame(calendar, names, lang),
        hide_index=True,
        width="stretch",
        key="com_calendar",
    )
    if calendar["date"].notna().any():
        st.plotly_chart(
            figures.editorial_timeline_figure(calendar, names, lang, plan.brief.launch_date),
            width="stretch",
        )

st.subheader(t("communication.manual_title"))
st.caption(t("communication.manual_help"))
influencer_labels = communication.calendar_influencers(plan, names, lang)
plan_editor(
    "com_calendar_manual",
    communication.manual_items_frame(plan),
    communication.calendar_items_from_table,
    lambda items: communication.replace_part(plan, "editorial_calendar", items),
    "communication.editor_error",
    num_rows="dynamic",
    column_order=["date", "influencer_id", "platform", "format", "message"],
    column_config={
        "date": st.column_config.DateColumn(t("communication.cal_col.date"), format="DD/MM/YYYY"),
        "influencer_id": st.column_config.SelectboxColumn(
            t("communication.cal_col.influencer"),
            options=list(influencer_labels),
            format_func=influencer_labels.get,
        ),
        "platform": st.column_config.SelectboxColumn(
            t("communication.cal_col.platform"),
            options=list(PLATFORMS),
            format_func=platform_labels.get,
        ),
        "format": st.column_config.SelectboxColumn(
            t("communication.cal_col.format"),
            options=list(communication.FORMATS),
            format_func=format_labels.get,
        ),
        "message": st.column_config.TextColumn(t("communication.cal_col.message"), width="large"),
    },
)
with st.form("com_add_entry", clear_on_submit=True, border=True):
    st.markdown(f"**{t('communication.add_title')}**")
    e1, e2, e3, e4 = st.columns([1.2, 2, 1.4, 1.4])
    entry_date = e1.date_input(
        t("communication.cal_col.date"),
        value=plan.brief.launch_date or dt.date.today(),
        format="DD/MM/YYYY",
        key="com_entry_date",
    )
    entry_influencer = e2.selectbox(
        t("communication.cal_col.influencer"),
        list(influencer_labels),
        format_func=influencer_labels.get,
        key="com_entry_influencer",
    )
    entry_platform = e3.selectbox(
        t("communication.cal_col.platform"),
        list(PLATFORMS),
        format_func=state.labeller("data.platform"),
        key="com_entry_platform",
    )
    entry_format = e4.selectbox(
        t("communication.cal_col.format"),
        list(communication.FORMATS),
        format_func=state.labeller("data.format"),
        key="com_entry_format",
    )
    entry_message = st.text_input(t("communication.cal_col.message"), key="com_entry_message")
    if st.form_submit_button(t("communication.add_button"), icon=":material/add:"):
        communication.add_calendar_item(
            plan, entry_date, entry_influencer, entry_platform, entry_format, entry_message
        )
        state.refresh("com_calendar_manual")
        state.flash("success", t("communication.added", date=fmt_date(entry_date, lang)))
        st.rerun()

# --- platforms considered -------------------------------------------------------------------
st.header(t("communication.tools_title"))
st.caption(t("communication.tools_help"))
tools = communication.tools_table(plan)
plan_editor(
    "com_tools",
    tools,
    communication.platform_notes_from_table,
    lambda items: communication.replace_part(plan, "platforms", items),
    "communication.editor_error",
    column_order=["name", "considered", "note", *communication.CAPABILITIES],
    column_config={
        "name": st.column_config.TextColumn(t("communication.tool_col.name"), disabled=True),
        **{
            cap: st.column_config.TextColumn(
                t(f"communication.capability.{cap}"),
                help=t(f"communication.capability_hint.{cap}"),
                disabled=True,
                width="small",
            )
            for cap in communication.CAPABILITIES
        },
        "considered": st.column_config.CheckboxColumn(t("communication.tool_col.considered")),
        "note": st.column_config.TextColumn(t("communication.tool_col.note"), width="medium"),
    },
)
st.caption(t("communication.tools_caveat"))

# --- completeness (drawn last, shown first, so it counts this run's edits) ------------------
done = communication.completeness(plan, lang)
with progress_box:
    share, progress_text = communication.completeness_progress(done, lang)
    st.progress(share, text=progress_text)
    marks = st.columns(len(done))
    for column, item in zip(marks, done.to_dict("records"), strict=True):
        icon = ":material/check_circle:" if item["done"] else ":material/radio_button_unchecked:"
        column.markdown(f"{icon} **{item['label']}**  \n{item['detail']}")
