"""3. Outreach and arguments: what this influencer is likely to care about (the argument
builder), then a message per step, channel and language, personalised from the plan, edited,
copied and kept with its date."""

import streamlit as st

from influkit.errors import UserError
from influkit.relationship import arguments, outreach, pipeline
from influkit.text.formats import fmt_date, fmt_percent
from influkit.text.i18n import LANGUAGES
from ui import state
from ui.relationship import pick_influencer, plain, ranking
from ui.state import labeller, t

lang = state.lang()
plan = state.require_plan()

st.title(t("relationship.outreach.title"))
st.write(t("relationship.outreach.intro"))

rows = ranking(plan)
iid = pick_influencer(plan, rows, "outreach_who")
row = rows[iid]
rel = pipeline.view(plan, iid)
st.caption(
    t(
        "relationship.outreach.where",
        stage=state.label("relationship.stage", rel.stage),
        level=state.label("relationship.level", rel.level),
    )
)

# --- the argument builder ------------------------------------------------------------------
st.header(t("relationship.outreach.arguments_title"))
st.caption(t("relationship.outreach.arguments_help"))
ranked = arguments.rank_arguments(row, lang)
chosen: list[str] = []
for column, argument in zip(st.columns(2) * len(ranked), ranked, strict=False):
    with column:
        ticked = st.checkbox(
            t(
                "relationship.outreach.argument_line",
                argument=argument.label(lang),
                score=fmt_percent(argument.score, lang, 0),
            ),
            value=argument.code in rel.arguments,
            key=state.widget_key(f"outreach_arg_{iid}_{argument.code}"),
        )
        st.caption(argument.why)
    if ticked:
        chosen.append(argument.code)
if set(chosen) != set(rel.arguments):
    arguments.set_arguments(pipeline.ensure(plan, iid), chosen)
    rel = pipeline.view(plan, iid)
    state.refresh(f"outreach_{iid}")  # the message starts again from the new arguments

# --- the message ---------------------------------------------------------------------------
st.header(t("relationship.outreach.message_title"))
if outreach.through_agent(row):
    st.info(t("relationship.outreach.agent_hint"))
left, middle, right = st.columns(3)
template = left.selectbox(
    t("relationship.outreach.template"),
    list(outreach.TEMPLATES),
    index=outreach.TEMPLATES.index(pipeline.STAGE_TEMPLATE[rel.stage]),
    format_func=labeller("relationship.template"),
    key=state.widget_key(f"outreach_template_{iid}"),
)
channel = middle.radio(
    t("relationship.outreach.channel"),
    list(outreach.CHANNELS),
    format_func=labeller("relationship.channel"),
    horizontal=True,
    key=state.widget_key(f"outreach_channel_{iid}"),
)
message_lang = right.radio(
    t("relationship.outreach.language"),
    list(LANGUAGES),
    index=LANGUAGES.index(lang),
    format_func=labeller("relationship.language"),
    horizontal=True,
    key=state.widget_key(f"outreach_lang_{iid}"),
)
draft = outreach.personalised(plan, row, template, channel, message_lang)
# The text areas start from the draft and keep the trainee's edits until reset.
draft_key = f"{state.widget_key(f'outreach_{iid}')}_{template}_{channel}_{message_lang}"
subject = ""
if channel == "email":
    subject = st.text_input(
        t("relationship.outreach.subject"), value=draft.subject, key=f"{draft_key}_subject"
    )
body = st.text_area(
    t("relationship.outreach.body"), value=draft.body, height=320, key=f"{draft_key}_body"
)
st.caption(t("relationship.outreach.copy_help"))
st.code((f"{subject}\n\n{body}" if subject else body), language=None, wrap_lines=True)

mark = None
if rel.stage == "to_contact" and template == "first_contact":
    mark = st.checkbox(t("relationship.outreach.mark_contacted"), value=True)
buttons = st.columns([1, 1, 3])
if buttons[0].button(t("relationship.outreach.save"), type="primary"):
    try:
        stored = pipeline.ensure(plan, iid)
        outreach.save_message(stored, template, channel, message_lang, subject, body)
        if mark:
            pipeline.move(plan, iid, "contacted")
            state.refresh(f"outreach_template_{iid}")  # the next step's template comes first
        if outreach.personalised(plan, row, template, channel, message_lang) != draft:
            state.refresh(f"outreach_{iid}")
    except UserError as err:
        st.error(err.message(lang))
    else:
        state.flash(
            "success", t("relationship.outreach.saved", name=row.get("display_name") or iid)
        )
        st.rerun()
if buttons[1].button(t("relationship.outreach.reset")):
    state.refresh(f"outreach_{iid}")
    st.rerun()

# --- what was sent -------------------------------------------------------------------------
st.header(t("relationship.outreach.history_title"))
if not rel.messages:
    st.caption(t("relationship.outreach.no_messages"))
for message in reversed(rel.messages):
    title = t(
        "relationship.outreach.history_line",
        date=fmt_date(pipeline.local_date(message.saved_at), lang),
        template=state.label("relationship.template", message.template),
        channel=state.label("relationship.channel", message.channel),
        language=state.label("relationship.language", message.lang),
    )
    with st.expander(title):
        if message.subject:
            st.markdown(f"**{plain(message.subject)}**")
        st.code(message.body, language=None, wrap_lines=True)
