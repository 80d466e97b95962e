"""Module 4's action plan: the deliverables agreed with each shortlisted influencer (platform,
format, count, publication window, compensation), and the retro-planning tasks they become —
the phase template of DOMAIN §7 with one creation → publication chain per deliverable.

:func:`regenerate_tasks` rebuilds the plan's tasks from the template while keeping what the
trainee edited (durations, names, dependencies, their own tasks).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

import pandas as pd

from influkit.campaign import forecast
from influkit.campaign.budget.plan import candidate_pool
from influkit.errors import UserError
from influkit.identify import profiles
from influkit.operations.schedule import scheduler as retroplan
from influkit.operations.schedule.calendar import DEFAULT_CALENDAR, add_working_days
from influkit.plan.model import PLATFORMS, Deliverable, Plan, Task
from influkit.text.formats import fmt_date, fmt_list, fmt_money, fmt_number
from influkit.text.i18n import LANGUAGES, catalogue, label, normalize_language, t
from influkit.values import as_number, is_missing

#: Formats each platform offers (the sample data's), the usual sponsored format first.
PLATFORM_FORMATS: dict[str, tuple[str, ...]] = {
    "instagram": ("reel", "carousel", "photo", "story", "live"),
    "tiktok": ("video", "live"),
    "youtube": ("video", "short", "live"),
    "linkedin": ("text", "photo", "carousel", "video"),
    "x": ("text", "photo", "video"),
    "twitch": ("live",),
    "facebook": ("video", "reel", "photo", "story", "live"),
    "snapchat": ("story", "video"),
    "pinterest": ("photo", "video"),
    "threads": ("text", "photo", "video"),
    "other": ("video", "photo", "text", "story", "live"),
}
ALL_FORMATS: tuple[str, ...] = tuple(
    dict.fromkeys(f for fs in PLATFORM_FORMATS.values() for f in fs)
)
#: Columns of :func:`editor_rows`, the table a trainee edits for one influencer.
EDITOR_COLUMNS: tuple[str, ...] = (
    "deliverable_id",
    "platform",
    "format",
    "count",
    "window_start",
    "window_end",
    "compensation_eur_ht",
    "note",
)
# Remuneration kinds and budget categories that mean products are sent to the influencers.
_GIFTING_KINDS = frozenset({"gifting"})
_GIFTING_BUDGET = frozenset({"gifting", "shipping"})
# Product categories with nothing to ship (services, digital goods).
_NOTHING_TO_SHIP = frozenset(
    {
        "software",
        "financial_services",
        "financial_services_unregistered",
        "crypto",
        "crypto_unregistered",
        "education",
        "travel",
        "restaurants",
        "video_games",
        "gambling",
        "sports_betting_tips",
    }
)


# --- formats and defaults -------------------------------------------------------------------


def formats_for(platform: str | None) -> tuple[str, ...]:
    """The formats valid on a platform (every known format when the platform is unknown)."""
    return PLATFORM_FORMATS.get(str(platform or ""), ALL_FORMATS)


def default_format(platform: str | None) -> str:
    """The format suggested first on a platform."""
    return formats_for(platform)[0]


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def new_deliverable_id(taken: Iterable[str], influencer_name: str, fmt: str) -> str:
    """A short readable id for a deliverable (``lina-reel``, ``lina-reel-2``), not in ``taken``."""
    first = _slug(str(influencer_name or "").lstrip("@")).split("-")[0] or "del"
    base = f"{first}-{_slug(fmt) or 'post'}"
    used = set(taken)
    candidate, number = base, 1
    while candidate in used or candidate in retroplan.PHASES:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def publication_window(
    launch: dt.date, calendar: str | None = DEFAULT_CALENDAR
) -> tuple[dt.date, dt.date]:
    """The template's publication window: the working days right after the launch."""
    days = retroplan.PHASES["publication"]["duration"]
    return (
        add_working_days(launch, 1, calendar),
        add_working_days(launch, days, calendar),
    )


def influencer_facts(plan: Plan) -> pd.DataFrame:
    """Who the plan can work with, indexed by id: name, handle, platform, niche, tier,
    followers, price per post."""
    table = profiles.influencer_table(plan)
    columns = [
        "display_name",
        "handle",
        "platform",
        "niche",
        "tier",
        "followers",
        "price_per_post_eur",
    ]
    return table.set_index("influencer_id")[columns]


def influencer_names(plan: Plan) -> dict[str, str]:
    """Each influencer's readable name (display name, else handle, else id), by id."""
    facts = influencer_facts(plan)
    names: dict[str, str] = {}
    for influencer_id, row in facts.iterrows():
        name = row["display_name"] if isinstance(row["display_name"], str) else ""
        handle = row["handle"] if isinstance(row["handle"], str) else ""
        names[str(influencer_id)] = name.strip() or handle.strip() or str(influencer_id)
    return names


def who_text(
    influencer_id: str, facts: pd.DataFrame, names: Mapping[str, str], lang: str = "fr"
) -> str:
    """An influencer in words: name, handle, platform (the id for someone unknown)."""
    if influencer_id not in facts.index:
        return influencer_id
    lang = normalize_language(lang)
    row = facts.loc[influencer_id]
    handle = row["handle"] if isinstance(row["handle"], str) else ""
    platform = row["platform"] if isinstance(row["platform"], str) else ""
    return t(
        "actions.who" if handle.strip() else "actions.who_no_handle",
        lang,
        name=names.get(influencer_id, influencer_id),
        handle=handle,
        platform=label("data.platform", platform, lang) or "—",
    )


def quick_add_options(
    plan: Plan,
    table: pd.DataFrame,
    facts: pd.DataFrame,
    names: Mapping[str, str],
    lang: str = "fr",
) -> dict[str, str]:
    """Who can join the shortlist from the action plan, by name, each in words with tier and
    audience: the brief's candidates (:func:`~influkit.campaign.budget.plan.candidate_pool`)
    not shortlisted yet."""
    lang = normalize_language(lang)
    candidates = candidate_pool(plan, table, exclude=plan.shortlisted_ids())
    pool = facts.loc[facts.index.isin(candidates["influencer_id"])]
    pool = pool.loc[sorted(pool.index, key=lambda i: names.get(i, i).casefold())]
    return {
        i: t(
            "actions.quick_add_option",
            lang,
            who=who_text(i, facts, names, lang),
            tier=label("metrics.tier", row["tier"], lang),
            followers=fmt_number(row["followers"], lang),
        )
        for i, row in pool.iterrows()
    }


def suggested_deliverable(
    plan: Plan, influencer_id: str, *, facts: pd.DataFrame | None = None
) -> Deliverable:
    """A first deliverable for an influencer: their platform's usual format, one post, the
    template's publication window after the launch, their price per post as the fee."""
    facts = influencer_facts(plan) if facts is None else facts
    row = facts.loc[influencer_id] if influencer_id in facts.index else None
    platform = str(row["platform"]) if row is not None and row["platform"] in PLATFORMS else ""
    fmt = default_format(platform)
    name = ""
    if row is not None:
        name = str(row["display_name"] or row["handle"] or "")
    start = end = None
    if plan.brief.launch_date is not None:
        start, end = publication_window(plan.brief.launch_date)
    price = as_number(row["price_per_post_eur"], None) if row is not None else None
    return Deliverable(
        deliverable_id=new_deliverable_id(
            (d.deliverable_id for d in plan.deliverables), name or influencer_id, fmt
        ),
        influencer_id=influencer_id,
        platform=platform,
        format=fmt,
        count=1,
        window_start=start,
        window_end=end,
        compensation_eur_ht=max(price or 0.0, 0.0),
    )


def deliverable_label(
    deliverable: Deliverable, lang: str = "fr", names: Mapping[str, str] | None = None
) -> str:
    """A deliverable in words: ``Lina Lejeune · Reel ×2`` (the influencer's id without names)."""
    who = (names or {}).get(deliverable.influencer_id, deliverable.influencer_id)
    text = f"{who} · {label('data.format', deliverable.format, lang) or '—'}"
    if deliverable.count > 1:
        text += " " + t("retroplan.deliverable_count", lang, count=deliverable.count)
    return text


def what_text(platform: str | None, fmt: str | None, count: Any = 1, lang: str = "fr") -> str:
    """What is published, in the language's word order: ``Reel Instagram ×2``,
    ``Instagram Reel ×2``."""
    format_label = label("data.format", fmt, lang)
    platform_label = label("data.platform", platform, lang)
    if format_label and platform_label:
        text = t("actions.what", lang, format=format_label, platform=platform_label)
    else:
        text = format_label or platform_label or "—"
    number = as_number(count, None)
    if number is not None and number > 1:
        text += " " + t("retroplan.deliverable_count", lang, count=int(number))
    return text


def what_label(deliverable: Deliverable, lang: str = "fr") -> str:
    """What a deliverable publishes, without who: ``Reel Instagram ×2``."""
    return what_text(deliverable.platform, deliverable.format, deliverable.count, lang)


# --- the trainee's table of deliverables ----------------------------------------------------


def deliverables_of(plan: Plan, influencer_id: str) -> list[Deliverable]:
    """The deliverables agreed with one influencer, in the plan's order."""
    return [d for d in plan.deliverables if d.influencer_id == influencer_id]


def editor_rows(deliverables: Sequence[Deliverable]) -> pd.DataFrame:
    """The deliverables as the table a trainee edits (one row each, :data:`EDITOR_COLUMNS`)."""
    rows = [{c: getattr(d, c) for c in EDITOR_COLUMNS} for d in deliverables]
    frame = pd.DataFrame(rows, columns=list(EDITOR_COLUMNS))
    frame["count"] = frame["count"].astype("Int64")
    frame["compensation_eur_ht"] = frame["compensation_eur_ht"].astype(float)
    for column in ("window_start", "window_end"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def _date_or_none(value: Any) -> dt.date | None:
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()


def deliverables_from_rows(
    rows: pd.DataFrame | Sequence[Mapping[str, Any]],
    influencer_id: str,
    plan: Plan,
    lang: str = "fr",
    *,
    influencer_name: str = "",
    defaults: Deliverable | None = None,
) -> list[Deliverable]:
    """The influencer's deliverables read back from the edited table, checked: a known platform,
    a format of that platform, a whole count ≥ 1, a window that ends after it starts, a fee ≥ 0.

    Rows keep their status and status dates (matched by id); new rows get a new id. A new row's
    empty cells take the values of ``defaults`` (the suggested deliverable).
    """
    lang = normalize_language(lang)
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else list(rows)
    if defaults is not None:
        fill = {
            c: getattr(defaults, c) for c in EDITOR_COLUMNS if c not in ("deliverable_id", "note")
        }
        records = [
            {**record, **{c: v for c, v in fill.items() if is_missing(record.get(c))}}
            if is_missing(record.get("deliverable_id"))
            else record
            for record in records
        ]
    existing = {d.deliverable_id: d for d in plan.deliverables}
    taken = {d.deliverable_id for d in plan.deliverables if d.influencer_id != influencer_id}
    out: list[Deliverable] = []
    for number, record in enumerate(records, start=1):
        platform = "" if is_missing(record.get("platform")) else str(record["platform"])
        if platform not in PLATFORMS:
            raise UserError("actions.error_platform", row=number)
        fmt = "" if is_missing(record.get("format")) else str(record["format"])
        if fmt not in formats_for(platform):
            raise UserError(
                "actions.error_format",
                row=number,
                format=label("data.format", fmt, lang) or "—",
                platform=label("data.platform", platform, lang),
                valid=fmt_list(
                    (label("data.format", f, lang) for f in formats_for(platform)), lang, "or"
                ),
            )
        count = as_number(record.get("count"), None)
        if count is None or count < 1 or not float(count).is_integer():
            raise UserError("actions.error_count", row=number, value=record.get("count"))
        try:
            start = _date_or_none(record.get("window_start"))
            end = _date_or_none(record.get("window_end"))
        except (TypeError, ValueError) as err:
            raise UserError("actions.error_window_date", row=number) from err
        if start is not None and end is not None and end < start:
            raise UserError("actions.error_window", row=number)
        fee = as_number(record.get("compensation_eur_ht"), None)
        if is_missing(record.get("compensation_eur_ht")):
            fee = 0.0
        if fee is None or fee < 0:
            raise UserError("actions.error_fee", row=number)
        note = "" if is_missing(record.get("note")) else str(record["note"])
        deliverable_id = (
            "" if is_missing(record.get("deliverable_id")) else str(record["deliverable_id"])
        )
        previous = existing.get(deliverable_id)
        if previous is None or previous.influencer_id != influencer_id or deliverable_id in taken:
            deliverable_id = new_deliverable_id(taken, influencer_name or influencer_id, fmt)
            previous = None
        taken.add(deliverable_id)
        out.append(
            Deliverable(
                deliverable_id=deliverable_id,
                influencer_id=influencer_id,
                platform=platform,
                format=fmt,
                count=int(count),
                window_start=start,
                window_end=end,
                compensation_eur_ht=float(fee),
                status=previous.status if previous else "planned",
                status_dates=dict(previous.status_dates) if previous else {},
                note=note,
            )
        )
    return out


def replace_deliverables(plan: Plan, influencer_id: str, deliverables: list[Deliverable]) -> bool:
    """Put these deliverables in place of the influencer's (others untouched); True if changed.

    The chosen model's budget lines follow: its cost counts the posts planned here.
    """
    kept: list[Deliverable] = []
    inserted = False
    for deliverable in plan.deliverables:
        if deliverable.influencer_id != influencer_id:
            kept.append(deliverable)
        elif not inserted:
            kept.extend(deliverables)
            inserted = True
    if not inserted:
        kept.extend(deliverables)
    changed = [d.model_dump() for d in kept] != [d.model_dump() for d in plan.deliverables]
    if changed:
        plan.deliverables = kept
        if any(r.influencer_id == influencer_id for r in plan.remunerations):
            from influkit.campaign.compensation import simulator as remuneration

            remuneration.sync_budget_lines(plan, profiles.influencer_table(plan))
    return changed


def add_deliverable(plan: Plan, deliverable: Deliverable) -> bool:
    """Add one deliverable after the influencer's others; the chosen model's budget lines follow
    (see :func:`replace_deliverables`)."""
    own = [d for d in plan.deliverables if d.influencer_id == deliverable.influencer_id]
    return replace_deliverables(plan, deliverable.influencer_id, [*own, deliverable])


def overview_frame(
    plan: Plan, table: pd.DataFrame, names: Mapping[str, str], lang: str = "fr"
) -> pd.DataFrame:
    """Every deliverable of the plan as read: who, what, the publication window, the planned
    cost (the forecast's, else the agreed fee) and the status."""
    lang = normalize_language(lang)
    rows = forecast.forecast(plan, table=table).rows
    planned = dict(zip(rows["deliverable_id"], rows["cost"], strict=False))
    items = plan.deliverables
    return pd.DataFrame(
        {
            t("actions.col_influencer", lang): [
                names.get(d.influencer_id, d.influencer_id) for d in items
            ],
            t("actions.col_what", lang): [what_label(d, lang) for d in items],
            t("actions.col_window", lang): [
                t(
                    "actions.window_value",
                    lang,
                    start=fmt_date(d.window_start, lang),
                    end=fmt_date(d.window_end, lang),
                )
                for d in items
            ],
            t("actions.col_planned_cost", lang): [
                fmt_money(planned.get(d.deliverable_id, d.compensation_eur_ht), lang, 0)
                for d in items
            ],
            t("actions.col_status", lang): [
                label("followup.status", d.status, lang) for d in items
            ],
        }
    )


def orphan_deliverables(plan: Plan) -> list[Deliverable]:
    """Deliverables of influencers who are no longer on the shortlist."""
    shortlisted = set(plan.shortlisted_ids())
    return [d for d in plan.deliverables if d.influencer_id not in shortlisted]


def action_summary(plan: Plan, table: pd.DataFrame | None = None) -> dict[str, Any]:
    """Counts of the action plan: deliverables, posts, the planned remuneration, influencers
    without a deliverable.

    The planned remuneration is the forecast's cost (:mod:`influkit.campaign.forecast`): what the chosen
    remuneration models cost the brand (the budget's lines), else the deliverables' agreed fees,
    else the declared price × posts. ``compensation_eur_ht`` keeps the deliverables' own fees.
    """
    from influkit.campaign import forecast

    with_any = {d.influencer_id for d in plan.deliverables}
    fees = sum(d.compensation_eur_ht for d in plan.deliverables)
    planned = forecast.forecast(plan, table=table).total("cost")
    budget = plan.brief.budget_eur_ht
    return {
        "deliverables": len(plan.deliverables),
        "posts": sum(d.count for d in plan.deliverables),
        "compensation_eur_ht": fees,
        "planned_cost_eur_ht": planned,
        "budget_share": planned / budget if budget else None,
        "without_deliverable": [i for i in plan.shortlisted_ids() if i not in with_any],
    }


# --- the retro-planning tasks ---------------------------------------------------------------


def uses_gifting(plan: Plan) -> bool:
    """Whether products are shipped: the current tasks say so, else the remunerations or budget
    mention gifting, else unless the product is a service or digital."""
    if plan.tasks:
        return any(task.phase == "shipping" or task.task_id == "shipping" for task in plan.tasks)
    if any(r.kind in _GIFTING_KINDS for r in plan.remunerations):
        return True
    if any(line.category in _GIFTING_BUDGET for line in plan.budget_lines):
        return True
    return plan.brief.product_category not in _NOTHING_TO_SHIP


def tasks_for_plan(
    plan: Plan,
    lang: str = "fr",
    *,
    gifting: bool | None = None,
    names: Mapping[str, str] | None = None,
) -> list[Task]:
    """The retro-planning tasks of the plan from the phase template and its deliverables."""
    if plan.brief.launch_date is None:
        raise UserError("actions.error_no_launch_date")
    lang = normalize_language(lang)
    gifting = uses_gifting(plan) if gifting is None else gifting
    if names is None:
        names = influencer_names(plan) if plan.deliverables else {}
    labels = [deliverable_label(d, lang, names) for d in plan.deliverables]
    # Two deliverables reading the same (same influencer and format) get a number each.
    seen: dict[str, int] = {}
    for number, text in enumerate(labels):
        seen[text] = seen.get(text, 0) + 1
        if seen[text] > 1:
            labels[number] = f"{text} ({seen[text]})"
    items = [
        {"deliverable_id": d.deliverable_id, "name": text}
        for d, text in zip(plan.deliverables, labels, strict=True)
    ]
    template = retroplan.phase_template(plan.brief.launch_date, items, gifting=gifting, lang=lang)
    tasks = [Task(**{k: v for k, v in task.items() if k in Task.model_fields}) for task in template]
    return sorted(tasks, key=lambda task: _reading_order(task, items))


_PHASE_RANK = {phase: rank for rank, phase in enumerate(retroplan.PHASES)}
# Creation, review and edits of one deliverable read as one block on the chart.
_CHAIN = ("creation", "review", "edits")


def _reading_order(task: Task, items: Sequence[Mapping[str, Any]]) -> tuple[int, int, int]:
    """Sort key that keeps each deliverable's chain together, in the template's phase order."""
    rank = _PHASE_RANK.get(task.phase, len(_PHASE_RANK))
    if task.deliverable_id is None:
        return rank, 0, 0
    number = next(
        (i for i, item in enumerate(items) if item["deliverable_id"] == task.deliverable_id), 0
    )
    if task.phase in _CHAIN:
        return _PHASE_RANK["creation"], number, _CHAIN.index(task.phase)
    return rank, number, 0


@cache
def _default_name_patterns() -> tuple[re.Pattern[str], ...]:
    """Names the template gives tasks, in every language, as patterns (any deliverable text)."""
    patterns: list[re.Pattern[str]] = []
    for lang in LANGUAGES:
        messages = catalogue(lang)
        for phase in retroplan.PHASES:
            patterns.append(re.compile(re.escape(messages[f"retroplan.phase.{phase}"]) + r"\Z"))
        for phase in retroplan.DELIVERABLE_PHASES:
            template = messages[f"retroplan.deliverable_task.{phase}"]
            head, _, tail = template.partition("{deliverable}")
            patterns.append(re.compile(re.escape(head) + r".+" + re.escape(tail) + r"\Z"))
    return tuple(patterns)


def is_default_name(name: str) -> bool:
    """Whether a task name is one the template wrote (in any language), not the trainee's."""
    return any(p.match(name or "") for p in _default_name_patterns())


def _from_template(task: Task) -> bool:
    """Whether a task is one the template makes (a phase, or a phase of a deliverable)."""
    if task.task_id in retroplan.PHASES:
        return True
    return bool(task.deliverable_id) and any(
        task.task_id == f"{task.deliverable_id}-{phase}" for phase in retroplan.DELIVERABLE_PHASES
    )


def regenerate_tasks(
    plan: Plan, lang: str = "fr", keep_edits: bool = True, *, gifting: bool | None = None
) -> list[Task]:
    """Rebuild ``plan.tasks`` from the template and the deliverables, keeping the trainee's edits
    to existing task ids (durations, units, names, dependencies, owners) and their own tasks.

    Template tasks of removed deliverables (or of shipping, without gifting) go; new ones join
    with the template's links. Raises :class:`UserError` (plan unchanged) if the result cannot
    be scheduled.
    """
    gifting = uses_gifting(plan) if gifting is None else gifting
    fresh = tasks_for_plan(plan, lang, gifting=gifting)
    if not keep_edits or not plan.tasks:
        plan.tasks = fresh
        return fresh
    old = {task.task_id: task for task in plan.tasks}
    fresh_ids = {task.task_id for task in fresh}
    dropped = {i for i, task in old.items() if _from_template(task) and i not in fresh_ids}
    new_ids = fresh_ids - set(old)
    alive = (set(old) - dropped) | fresh_ids
    # A new task takes the duration the trainee gave the task of its phase that just went
    # (a phase's common task replaced by one per deliverable, or the other way round).
    dropped_by_phase: dict[str, Task] = {}
    for task_id in (i for i in old if i in dropped):
        dropped_by_phase.setdefault(old[task_id].phase, old[task_id])

    merged: dict[str, Task] = {}
    for task in fresh:
        before = old.get(task.task_id)
        if before is None:
            inherited = dropped_by_phase.get(task.phase)
            if inherited is not None:
                task = task.model_copy(
                    update={
                        "duration_days": inherited.duration_days,
                        "duration_unit": inherited.duration_unit,
                    }
                )
            merged[task.task_id] = task
            continue
        depends = [d for d in before.depends_on if d in alive and d != task.task_id]
        depends += [d for d in task.depends_on if d in new_ids and d not in depends]
        merged[task.task_id] = before.model_copy(
            update={
                "depends_on": depends,
                "name": task.name if is_default_name(before.name) else before.name,
                "phase": before.phase or task.phase,
                "deliverable_id": task.deliverable_id,
            }
        )

    # The trainee's own tasks stay, right after the task they followed in the old list.
    result: list[Task] = []
    anchored: dict[str | None, list[Task]] = {}
    anchor: str | None = None
    for task in plan.tasks:
        if task.task_id in merged:
            anchor = task.task_id
        elif task.task_id not in dropped:
            depends = [d for d in task.depends_on if d in alive]
            anchored.setdefault(anchor, []).append(task.model_copy(update={"depends_on": depends}))
    result.extend(anchored.get(None, []))
    for task in merged.values():
        result.append(task)
        result.extend(anchored.get(task.task_id, []))
    retroplan.schedule(result, plan.brief.launch_date)
    plan.tasks = result
    return result


def deliverables_missing_from_tasks(plan: Plan) -> list[Deliverable]:
    """Deliverables the retro-planning has no task for yet (regenerate to add them)."""
    planned = {task.deliverable_id for task in plan.tasks if task.deliverable_id}
    return [d for d in plan.deliverables if d.deliverable_id not in planned]


def tasks_of_removed_deliverables(plan: Plan) -> list[Task]:
    """Tasks still planned for deliverables that are no longer in the plan."""
    current = {d.deliverable_id for d in plan.deliverables}
    return [t for t in plan.tasks if t.deliverable_id and t.deliverable_id not in current]
