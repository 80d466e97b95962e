"""The trainee's own campaign, simulated: post-by-post results for the plan's shortlist.

:func:`simulate_results` plays the campaign the plan describes — its shortlisted influencers,
their planned deliverables, on the dates of the retro-planning — and returns what a results
export would hold (the columns of :class:`~influkit.plan.model.ResultRow`). The draw is deterministic
for a plan and a seed: the random generator is seeded from the seed and a SHA-256 hash of what
the trainee chose (brief, shortlist, deliverables, tasks, remunerations, communication plan,
compliance checklist, settings), so the same plan and seed give the same campaign on every
machine, and "rejouer" with another seed gives another campaign.

Who plays: the forecast's rows — every shortlisted influencer's planned deliverables (one post
on their platform when none is planned), reserves with nothing planned left out. The model,
post by post, starting from the forecast (:func:`influkit.campaign.forecast.forecast`) of the
post's deliverable (its expected value per post, and its low–high range for the spread):

- **Luck.** One performance factor per post, log-normal with mean 1 and the spread of the
  forecast's low–high range (read as a 10th–90th percentile band), moves reach, impressions and
  views; engagements, clicks and sales get their own smaller noise on top. Sales are whole
  numbers (a Poisson draw around their expected value); revenue is sales × the forecast's
  basket ± 15 %.
- **Audience quality.** The forecast already counts only the genuine part of an audience as
  clicking, and lets accounts with an audience-quality warning convert less. Reality is harsher
  than that assumption: bought or suspicious followers deliver reach but few clicks and sales,
  so a flagged account's engagements, clicks and sales per click are further cut by
  :data:`FLAGGED_REALITY` — what no forecast sees until the campaign runs.
- **Brand fit.** Sales per click follow the brand-fit score: × 0.75 at 0, × 1 at 50, × 1.25 at
  100.
- **Remuneration.** An influencer paid on results pushes the offer harder
  (:data:`MOTIVATION`: affiliate × 1.3, pay per result × 1.25…), and the brand pays what the
  chosen model says for the results actually obtained (commission on the revenue, CPA on the
  sales, CPM/CPC on the audience): cost follows results. Fixed parts (fee, retainer, add-ons,
  products, shipping, bonus) are spread evenly over the influencer's posts. An influencer with
  no chosen model costs what the forecast says.
- **Gifting.** A gifting-only deal brings no obligation to publish: each gifted post stays
  unpublished with probability :data:`GIFTING_UNPUBLISHED`. It still appears, with no audience,
  on the day it was due, carrying the products and shipping sent for nothing.
- **The legal mention** (loi 2023-451, art. 5). It is planned for an influencer when the trainee
  ticked the "commercial intent" reminder of the success conditions, or when a key message of
  the communication plan, the influencer's own key message or one of their editorial-calendar
  messages carries a clear mention (:func:`influkit.campaign.compliance.check_caption`). Planned, every
  post carries it; otherwise each post carries it only as often as the influencer usually labels
  sponsored posts (their ``disclosure_rate``), and a post without it is a compliance incident.
  Messages are judged for a French-speaking audience unless the brief targets only other
  countries.
- **Dates and delays.** Posts fall in the deliverable's publication window, else its publication
  task of the retro-planning, else the campaign's publication phase, else the two weeks after
  the launch (without a launch date, six weeks after the plan was started). When the retro-planning only gets the content ready (creation, review, edits) on
  or after the window opens, the window moves to the next working day after it; a deliverable
  marked late in the follow-up slips 3 to 10 more working days. Each post published later than
  planned is a "late" incident.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from influkit.campaign import compliance
from influkit.campaign.compensation import models as compensation
from influkit.campaign.compensation import simulator as remuneration
from influkit.campaign.forecast import forecast, planned_posts
from influkit.errors import UserError
from influkit.identify import profiles
from influkit.operations.schedule import scheduler as retroplan
from influkit.operations.schedule.calendar import add_working_days
from influkit.plan.model import Plan, ResultIncident, ResultRow
from influkit.values import as_number, is_missing

#: The columns of a results import, in order: what :func:`simulate_results` returns.
RESULT_COLUMNS: tuple[str, ...] = tuple(ResultRow.model_fields)
#: Metrics of a forecast row the simulation draws around.
DRAWN = ("impressions", "reach", "engagements", "clicks", "conversions", "revenue")
#: What is left of a flagged account's engagements, clicks and sales per click beyond what the
#: forecast expects: bots and engagement pods like, but they neither click nor buy.
FLAGGED_REALITY: dict[str, float] = {"engagements": 0.8, "clicks": 0.6, "sales_per_click": 0.6}
#: How much harder an influencer pushes the offer when paid on results.
MOTIVATION: dict[str, float] = {
    "affiliate": 1.3,
    "pay_per_result": 1.25,
    "hybrid": 1.2,
    "bonus_on_target": 1.15,
}
#: The chance that a gifted post is never published.
GIFTING_UNPUBLISHED = 0.3
#: How often a post carries the legal mention when the plan does not ask for it and the
#: influencer's habit is unknown (ARPP observatory: most sponsored posts are labelled).
DEFAULT_DISCLOSURE = 0.7
#: A typical spread of results (log-normal sigma) when the forecast gives no range.
DEFAULT_SPREAD = 0.45
#: Working days a deliverable marked late slips, at least and at most.
LATE_SLIP_DAYS = (3, 10)
#: Days in the fallback publication window (from the launch, or six weeks after the plan began).
FALLBACK_WINDOW_DAYS = 13
NO_LAUNCH_LEAD_DAYS = 42
# z of the 90th percentile: the forecast's low–high band read as 10th–90th percentiles.
_Z90 = 1.2816
_FIXED_PARTS = ("fee", "retainer", "bonus", "add_ons", "product", "shipping")
_VARIABLE_PARTS = ("commission", "cpa", "cpm", "cpc")
_READY_PHASES = ("creation", "review", "edits")
_FRENCH_SPEAKING = frozenset({"FR", "BE", "CH", "LU", "MC", "CA"})


@dataclass(frozen=True)
class Simulation:
    """A simulated campaign: its post-by-post results and what went wrong along the way."""

    results: pd.DataFrame
    incidents: list[ResultIncident]
    seed: int

    def rows(self) -> list[ResultRow]:
        """The results as plan rows."""
        return [ResultRow(**record) for record in self.results.to_dict("records")]


# --- seeding ----------------------------------------------------------------------------------


def plan_fingerprint(plan: Plan) -> int:
    """A stable 64-bit hash of what the trainee chose (not the results, title or dates of saving).

    The same choices give the same number on every machine and run (SHA-256 of sorted JSON).
    """
    content = plan.model_dump(
        mode="json",
        include={
            "case_id",
            "brief",
            "deliverables",
            "tasks",
            "remunerations",
            "communication",
            "compliance",
            "settings",
            "imported_influencers",
        },
    )
    content["shortlist"] = plan.shortlisted_ids()
    text = json.dumps(content, sort_keys=True, ensure_ascii=True, default=str)
    return int.from_bytes(hashlib.sha256(text.encode("ascii")).digest()[:8], "big")


def _generator(seed: int, fingerprint: int, *keys: str) -> np.random.Generator:
    """A generator for one forecast row: seed, plan and the row's own identity."""
    words = [int(seed) & 0xFFFFFFFF, (int(seed) >> 32) & 0xFFFFFFFF, fingerprint]
    for key in keys:
        words.append(int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big"))
    return np.random.default_rng(np.random.SeedSequence(words))


# --- the legal mention ------------------------------------------------------------------------


def _clear_mention(text: str | None, lang: str) -> bool:
    """Whether a text carries a mention the law accepts (hidden ones count: they are there)."""
    if not text or not text.strip():
        return False
    unclear = {
        "missing_commercial_mention",
        "unclear_commercial_mention",
        "weak_commercial_mention",
    }
    findings = compliance.check_caption(text, sponsored=True, lang=lang)
    return not any(f.code in unclear for f in findings)


def mention_planned(plan: Plan, influencer_id: str, lang: str = "fr") -> bool:
    """Whether the plan asks this influencer to show "Publicité" (or an equivalent mention).

    Yes when the "commercial intent" reminder of the success conditions is ticked, or when a key
    message, the influencer's key message or one of their editorial-calendar messages carries a
    clear mention.
    """
    if "commercial_intent" in plan.compliance.reminders_checked:
        return True
    com = plan.communication
    texts = list(com.key_messages)
    texts += [c.key_message for c in com.channels if c.influencer_id == influencer_id]
    texts += [e.message for e in com.editorial_calendar if e.influencer_id == influencer_id]
    return any(_clear_mention(text, lang) for text in texts)


@dataclass(frozen=True)
class Outline:
    """What a simulation of the plan will play, said before it runs."""

    influencers: int
    posts: int
    with_deliverables: int
    without_mention: list[str]


def campaign_outline(plan: Plan) -> Outline:
    """The influencers the simulation plays (as the forecast: reserves with neither deliverable
    nor chosen model stay out), their planned posts, and who the plan does not ask for the legal
    mention."""
    planned = {d.influencer_id for d in plan.deliverables}
    chosen = {r.influencer_id for r in plan.remunerations}
    ids = [
        e.influencer_id
        for e in plan.shortlist
        if e.role != "reserve" or e.influencer_id in planned | chosen
    ]
    lang = _audience_language(plan)
    return Outline(
        influencers=len(ids),
        posts=sum(planned_posts(plan, i) for i in ids),
        with_deliverables=sum(1 for i in ids if i in planned),
        without_mention=[i for i in ids if not mention_planned(plan, i, lang)],
    )


def _audience_language(plan: Plan) -> str:
    """The language captions are judged in: French unless the audience is only abroad."""
    countries = {c.upper() for c in plan.brief.target_audience.countries}
    return "en" if countries and not countries & _FRENCH_SPEAKING else "fr"


# --- dates ------------------------------------------------------------------------------------


def _as_day(value: Any) -> dt.date | None:
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()


_NO_TASKS = pd.DataFrame(columns=list(retroplan.SCHEDULE_COLUMNS))


def scheduled_tasks(plan: Plan) -> pd.DataFrame:
    """The plan's retro-planning placed around its launch (empty when it cannot be placed)."""
    if not plan.tasks or plan.brief.launch_date is None:
        return _NO_TASKS
    try:
        return retroplan.schedule(
            [task.model_dump() for task in plan.tasks], plan.brief.launch_date
        )
    except UserError:
        return _NO_TASKS


def _span(tasks: pd.DataFrame, phases: tuple[str, ...], deliverable_id: Any) -> tuple:
    """(first start, last end) of the tasks of ``phases`` for a deliverable (None: the common)."""
    if tasks.empty:
        return None, None
    same = (
        tasks["deliverable_id"].isna()
        if deliverable_id is None
        else tasks["deliverable_id"] == deliverable_id
    )
    rows = tasks.loc[same & tasks["phase"].isin(phases)]
    if rows.empty:
        return None, None
    starts = [d for d in map(_as_day, rows["start"]) if d is not None]
    ends = [d for d in map(_as_day, rows["end"]) if d is not None]
    return (min(starts) if starts else None), (max(ends) if ends else None)


def publication_window(
    plan: Plan, row: Mapping[str, Any], tasks: pd.DataFrame
) -> tuple[dt.date, dt.date, dt.date | None]:
    """Where a forecast row's posts are planned (first day, last day) and the day the
    retro-planning gets its content ready (None when the retro-planning does not say)."""
    deliverable_id = row.get("deliverable_id")
    deliverable_id = None if is_missing(deliverable_id) else str(deliverable_id)
    start, end = _as_day(row.get("window_start")), _as_day(row.get("window_end"))
    if start is None and end is None and deliverable_id is not None:
        start, end = _span(tasks, ("publication",), deliverable_id)
    if start is None and end is None:
        start, end = _span(tasks, ("publication",), None)
    if start is None and end is None:
        launch = plan.brief.launch_date
        start = launch or (plan.created_at.date() + dt.timedelta(days=NO_LAUNCH_LEAD_DAYS))
    start = start or end
    end = end or start + dt.timedelta(days=FALLBACK_WINDOW_DAYS)
    start, end = min(start, end), max(start, end)
    ready = None
    if deliverable_id is not None:
        ready = _span(tasks, _READY_PHASES, deliverable_id)[1]
    if ready is None:
        ready = _span(tasks, _READY_PHASES, None)[1]
    return start, end, ready


# --- drawing ----------------------------------------------------------------------------------


def _spread(row: Mapping[str, Any], metric: str) -> float:
    """The log-normal sigma of a metric from the forecast's low–high band."""
    low, high = as_number(row.get(f"{metric}_low")), as_number(row.get(f"{metric}_high"))
    if not (low > 0 and high > low):
        return DEFAULT_SPREAD
    return float(np.clip(math.log(high / low) / (2 * _Z90), 0.15, 0.9))


def _noise(rng: np.random.Generator, sigma: float) -> float:
    """A log-normal factor with mean 1."""
    return float(rng.lognormal(-(sigma**2) / 2, sigma))


def fit_factor(brand_fit: Any) -> float:
    """Sales per click by brand fit (0–100): × 0.75 at 0, × 1 at 50, × 1.25 at 100."""
    fit = as_number(brand_fit, 50.0)
    return 0.75 + 0.5 * min(max(fit, 0.0), 100.0) / 100.0


def _disclosure(table: pd.DataFrame | None) -> dict[str, float]:
    if table is None or table.empty or "disclosure_rate" not in table:
        return {}
    rates = pd.to_numeric(table["disclosure_rate"], errors="coerce")
    return {
        str(i): float(r)
        for i, r in zip(table["influencer_id"], rates, strict=True)
        if math.isfinite(r)
    }


def _models(plan: Plan) -> dict[str, compensation.CompensationModel]:
    """The chosen remuneration model of each influencer that has one."""
    out = {}
    for rem in plan.remunerations:
        try:
            out[rem.influencer_id] = remuneration.model_of(rem)
        except UserError:
            continue
    return out


def _post_metrics(
    rng: np.random.Generator, row: Mapping[str, Any], posts: int, platform: str
) -> dict[str, float]:
    """One published post's audience, clicks, sales and revenue."""
    expected = {m: max(as_number(row.get(m), 0.0), 0.0) / posts for m in DRAWN}
    luck = _noise(rng, _spread(row, "reach"))
    reach = expected["reach"] * luck
    impressions = max(expected["impressions"] * luck * _noise(rng, 0.1), reach)
    views = impressions * float(rng.uniform(0.55, 0.9))
    flagged = row.get("quality_flagged")
    unseen = (
        FLAGGED_REALITY if flagged is not None and not pd.isna(flagged) and bool(flagged) else {}
    )
    engagements = (
        expected["engagements"] * luck * unseen.get("engagements", 1.0) * _noise(rng, 0.25)
    )
    clicks = expected["clicks"] * luck * unseen.get("clicks", 1.0) * _noise(rng, 0.3)
    push = MOTIVATION.get(str(row.get("remuneration_kind")), 1.0)
    sales_rate = fit_factor(row.get("brand_fit")) * push * _noise(rng, 0.35)
    sales_rate *= unseen.get("sales_per_click", 1.0)
    if expected["clicks"] > 0:
        mean_sales = round(clicks) * expected["conversions"] / expected["clicks"] * sales_rate
    else:
        mean_sales = expected["conversions"] * luck * unseen.get("clicks", 1.0) * sales_rate
    conversions = int(rng.poisson(max(mean_sales, 0.0)))
    basket = expected["revenue"] / expected["conversions"] if expected["conversions"] > 0 else 0.0
    revenue = conversions * basket * float(rng.uniform(0.85, 1.15))
    return {
        "platform": platform,
        "impressions": float(round(impressions)),
        "reach": float(round(reach)),
        "views": float(round(views)),
        "engagements": float(round(engagements)),
        "clicks": float(round(clicks)),
        "conversions": float(conversions),
        "revenue_eur": round(revenue, 2),
    }


_SILENT = dict.fromkeys(
    ("impressions", "reach", "views", "engagements", "clicks", "conversions", "revenue_eur"), 0.0
)


def _performance(posts: list[dict[str, Any]], planned: int) -> compensation.Performance:
    def total(name: str) -> float:
        return float(sum(p[name] for p in posts))

    return compensation.Performance(
        posts=max(int(planned), 0),
        reach=total("reach"),
        impressions=total("impressions"),
        engagements=total("engagements"),
        clicks=total("clicks"),
        conversions=total("conversions"),
        revenue_eur=total("revenue_eur"),
    )


def _set_costs(posts: list[dict[str, Any]], model: compensation.CompensationModel | None) -> None:
    """Each post's cost: the forecast's, or what the chosen model pays for these results."""
    if model is None:
        for post in posts:
            post["cost_eur_ht"] = post.pop("_forecast_cost")
        return
    whole = compensation.cost_breakdown(model, _performance(posts, len(posts)))
    fixed = sum(whole[name] for name in _FIXED_PARTS) / len(posts)
    for post in posts:
        post.pop("_forecast_cost")
        single = compensation.cost_breakdown(model, _performance([post], 0))
        post["cost_eur_ht"] = fixed + sum(single[name] for name in _VARIABLE_PARTS)


def draw_campaign(
    rows: pd.DataFrame,
    plan: Plan,
    seed: int = 0,
    *,
    table: pd.DataFrame | None = None,
) -> Simulation:
    """Draw the campaign of ``rows`` (``Forecast.rows`` of ``influkit.campaign.forecast``) for ``plan``.

    ``table`` gives each influencer's usual ``disclosure_rate`` (the influencer table); the
    module docstring describes the model.
    """
    fingerprint = plan_fingerprint(plan)
    lang = _audience_language(plan)
    tasks = scheduled_tasks(plan)
    disclosure = _disclosure(table)
    models = _models(plan)
    late_marked = {d.deliverable_id for d in plan.deliverables if d.status == "late"}
    planned_mention: dict[str, bool] = {}
    by_influencer: dict[str, list[dict[str, Any]]] = {}
    for index, row in enumerate(rows.to_dict("records")):
        influencer = str(row["influencer_id"])
        posts = int(as_number(row.get("posts"), 1.0))
        if posts <= 0:
            continue
        deliverable_id = row.get("deliverable_id")
        deliverable_id = None if is_missing(deliverable_id) else str(deliverable_id)
        rng = _generator(seed, fingerprint, influencer, deliverable_id or f"#{index}")
        start, end, ready = publication_window(plan, row, tasks)
        shift = 0
        if ready is not None and ready >= start:
            shift = (add_working_days(ready, 1) - start).days
        if deliverable_id in late_marked:
            slipped = add_working_days(
                start + dt.timedelta(days=shift), int(rng.integers(*LATE_SLIP_DAYS, endpoint=True))
            )
            shift = (slipped - start).days
        if influencer not in planned_mention:
            planned_mention[influencer] = mention_planned(plan, influencer, lang)
        habit = disclosure.get(influencer, DEFAULT_DISCLOSURE)
        gifting = str(row.get("remuneration_kind")) == "gifting"
        platform = str(row.get("platform") or "")
        span = (end - start).days
        forecast_cost = max(as_number(row.get("cost"), 0.0), 0.0) / posts
        for _ in range(posts):
            planned_on = start + dt.timedelta(days=int(rng.integers(0, span + 1)))
            published_on = planned_on + dt.timedelta(days=shift)
            if gifting and rng.random() < GIFTING_UNPUBLISHED:
                post = {"platform": platform, **_SILENT, "_incidents": ["unpublished"]}
                published_on = planned_on
            else:
                post = _post_metrics(rng, row, posts, platform)
                post["_incidents"] = []
                mentioned = planned_mention[influencer] or rng.random() < habit
                if not mentioned:
                    post["_incidents"].append("missing_mention")
                if shift > 0:
                    post["_incidents"].append("late")
            post.update(
                influencer_id=influencer,
                published_on=published_on,
                _planned_on=planned_on,
                _forecast_cost=forecast_cost,
            )
            by_influencer.setdefault(influencer, []).append(post)
    for influencer, items in by_influencer.items():
        _set_costs(items, models.get(influencer))
    every = [post for items in by_influencer.values() for post in items]
    every.sort(key=lambda p: (p["published_on"], p["influencer_id"]))
    records, incidents = [], []
    for number, post in enumerate(every, start=1):
        ref = f"SIM-{number:03d}"
        for kind in post.pop("_incidents"):
            incidents.append(
                ResultIncident(
                    kind=kind,
                    influencer_id=post["influencer_id"],
                    post_ref=ref,
                    platform=post["platform"],
                    planned_on=post["_planned_on"],
                    published_on=None if kind == "unpublished" else post["published_on"],
                )
            )
        post.pop("_planned_on")
        post["post_ref"] = ref
        post["cost_eur_ht"] = round(max(float(post["cost_eur_ht"]), 0.0), 2)
        records.append({column: post[column] for column in RESULT_COLUMNS})
    frame = pd.DataFrame(records, columns=list(RESULT_COLUMNS))
    return Simulation(frame, incidents, int(seed))


def simulate_campaign(plan: Plan, seed: int = 0) -> Simulation:
    """The plan's own campaign played once: results and incidents, drawn around its forecast."""
    table = profiles.influencer_table(plan)
    return draw_campaign(forecast(plan, table=table).rows, plan, seed, table=table)


def simulate_results(plan: Plan, seed: int = 0) -> pd.DataFrame:
    """Post-by-post results of the plan's shortlisted influencers and planned deliverables,
    with the columns of a results import; the same plan and seed always give the same rows."""
    return simulate_campaign(plan, seed).results
