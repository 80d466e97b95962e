"""The plan: one campaign project a trainee builds, from the brief to the results.

Every page reads and edits a :class:`Plan`; storage, exports and the class views start from
it. The model is versioned (``schema_version``): :func:`migrate` brings an older saved plan
up to date before validation, so a plan saved months ago still opens.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import uuid
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from influkit.data import limits
from influkit.errors import UserError

SCHEMA_VERSION = 2
MAX_PLAN_BYTES = limits.PLAN_BYTES.value
#: Items in any one list of a plan.
MAX_LIST_ITEMS = limits.PLAN_LIST_ITEMS.value

BusinessAim = Literal["awareness", "engagement", "traffic", "conversion", "community"]
BUSINESS_AIMS: tuple[str, ...] = ("awareness", "engagement", "traffic", "conversion", "community")
#: The platforms a plan can name; "other" is one the user names (its name is kept beside it).
Platform = Literal[
    "instagram", "tiktok", "youtube", "linkedin", "x", "twitch",
    "facebook", "snapchat", "pinterest", "threads", "other",
]  # fmt: skip
PLATFORMS: tuple[str, ...] = (
    "instagram", "tiktok", "youtube", "linkedin", "x", "twitch",
    "facebook", "snapchat", "pinterest", "threads", "other",
)  # fmt: skip
#: The platforms of the sample data (the others come from the user's own lists).
SAMPLE_PLATFORMS: tuple[str, ...] = ("instagram", "tiktok", "youtube", "linkedin", "x", "twitch")
#: A platform field that may be left empty ("" = not chosen).
PlatformOrNone = Literal[
    "", "instagram", "tiktok", "youtube", "linkedin", "x", "twitch",
    "facebook", "snapchat", "pinterest", "threads", "other",
]  # fmt: skip
TierScheme = Literal["hypeauditor", "france", "later_fohr"]
TIER_SCHEME_CODES: tuple[str, ...] = ("hypeauditor", "france", "later_fohr")
ErBasis = Literal["followers", "reach", "impressions", "views"]
ER_BASES: tuple[str, ...] = ("followers", "reach", "impressions", "views")
ErMethod = Literal["mean", "median", "median_likes"]
ER_METHODS: tuple[str, ...] = ("mean", "median", "median_likes")
AGE_BANDS: tuple[str, ...] = ("13_17", "18_24", "25_34", "35_44", "45_plus")
ShortlistRole = Literal["ambassador", "creator", "amplifier", "expert", "reserve"]
SHORTLIST_ROLES: tuple[str, ...] = ("ambassador", "creator", "amplifier", "expert", "reserve")
DeliverableStatus = Literal[
    "planned", "brief_sent", "draft_received", "approved", "published", "late"
]
DELIVERABLE_STATUSES: tuple[str, ...] = (
    "planned",
    "brief_sent",
    "draft_received",
    "approved",
    "published",
    "late",
)
#: Where the plan's results come from: nothing yet, the case study's sample file, a simulation
#: of the trainee's own plan, a file the trainee uploaded, or the plan's workbook.
ResultsSource = Literal["none", "case_sample", "simulation", "upload", "workbook"]
RESULTS_SOURCES: tuple[str, ...] = ("none", "case_sample", "simulation", "upload", "workbook")
#: What can go wrong with a post of a simulated campaign (see :mod:`influkit.campaign.simulate`).
IncidentKind = Literal["missing_mention", "unpublished", "late"]
INCIDENT_KINDS: tuple[str, ...] = ("missing_mention", "unpublished", "late")
BudgetCategory = Literal[
    "influencer_fee",
    "gifting",
    "shipping",
    "usage_rights",
    "paid_amplification",
    "platform",
    "production",
    "agency",
    "contingency",
    "other",
]
BUDGET_CATEGORIES: tuple[str, ...] = (
    "influencer_fee",
    "gifting",
    "shipping",
    "usage_rights",
    "paid_amplification",
    "platform",
    "production",
    "agency",
    "contingency",
    "other",
)


def new_id(prefix: str) -> str:
    """A short unique id for an item of the plan (``obj-3f9a1c2b``)."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def new_token() -> str:
    """A plan token for the URL: 144 random bits, URL-safe."""
    return secrets.token_urlsafe(18)


#: Characters a plan never keeps: control characters (but tab and new line) and lone surrogates,
#: which no file format can write and no browser shows.
_UNWANTED_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(value: Any) -> Any:
    """Text without control characters (tab and new line are kept; a carriage return becomes a
    new line) or lone surrogates; lists and dicts are cleaned item by item, keys included."""
    if isinstance(value, str):
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return _UNWANTED_CHARS.sub("", value) if _UNWANTED_CHARS.search(value) else value
    if isinstance(value, list | tuple):
        return [clean_text(item) for item in value]
    if isinstance(value, dict):
        return {clean_text(k): clean_text(v) for k, v in value.items()}
    return value


def _known_platform(value: Any) -> Any:
    """A platform code as stored, or "" for one this version does not know (an older plan, a
    hand-edited file), so the plan still opens, renders and exports."""
    code = value.strip().lower() if isinstance(value, str) else value
    return code if code in PLATFORMS else ""


class _Model(BaseModel):
    # Finite numbers only: NaN and infinity cannot be written as JSON and would not load again.
    model_config = ConfigDict(
        extra="ignore", validate_assignment=True, str_strip_whitespace=False, allow_inf_nan=False
    )

    @field_validator("*", mode="before")
    @classmethod
    def _clean_text(cls, value: Any) -> Any:
        return clean_text(value)


class TargetAudience(_Model):
    """Who the campaign speaks to."""

    description: str = ""
    female_share: float | None = Field(default=None, ge=0, le=1)
    age_bands: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)

    @field_validator("age_bands")
    @classmethod
    def _known_bands(cls, bands: list[str]) -> list[str]:
        unknown = [b for b in bands if b not in AGE_BANDS]
        if unknown:
            raise ValueError(f"unknown age bands: {unknown}")
        return bands


class Brief(_Model):
    """The client's brief: what is sold, to whom, with what money and by when."""

    brand: str = ""
    product: str = ""
    product_category: str = ""
    business_aim: BusinessAim = "awareness"
    budget_eur_ht: float = Field(default=0.0, ge=0)
    launch_date: dt.date | None = None
    target_audience: TargetAudience = Field(default_factory=TargetAudience)
    niches: list[str] = Field(default_factory=list)
    context: str = ""
    constraints: str = ""
    notes: str = ""


class ShortlistEntry(_Model):
    """An influencer kept for the campaign, with the role they play and why."""

    influencer_id: str
    role: ShortlistRole = "creator"
    note: str = ""
    added_on: dt.date = Field(default_factory=dt.date.today)


class Objective(_Model):
    """A SMART objective: aim, scope, one KPI with baseline and target, and dates."""

    objective_id: str = Field(default_factory=lambda: new_id("obj"))
    business_aim: BusinessAim = "awareness"
    kpi: str = ""
    audience: str = ""
    platform: PlatformOrNone = ""
    offer: str = ""
    baseline: float | None = None
    target: float | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    note: str = ""

    _platform = field_validator("platform", mode="before")(_known_platform)


class Deliverable(_Model):
    """An action agreed with an influencer: what they publish, where, when and for how much."""

    deliverable_id: str = Field(default_factory=lambda: new_id("del"))
    influencer_id: str
    platform: PlatformOrNone = ""
    format: str = ""
    count: int = Field(default=1, ge=0)
    window_start: dt.date | None = None
    window_end: dt.date | None = None
    compensation_eur_ht: float = Field(default=0.0, ge=0)
    status: DeliverableStatus = "planned"
    status_dates: dict[str, dt.date] = Field(default_factory=dict)
    note: str = ""

    _platform = field_validator("platform", mode="before")(_known_platform)


class Task(_Model):
    """A task of the retro-planning, in working days, finish-to-start after its dependencies."""

    task_id: str = Field(default_factory=lambda: new_id("task"))
    name: str = ""
    phase: str = ""
    duration_days: int = Field(default=1, ge=0)
    duration_unit: Literal["working", "calendar"] = "working"
    depends_on: list[str] = Field(default_factory=list)
    deliverable_id: str | None = None
    owner: str = ""


class BudgetLine(_Model):
    """One line of the budget, in euros excluding VAT (HT)."""

    line_id: str = Field(default_factory=lambda: new_id("bud"))
    category: BudgetCategory = "other"
    label: str = ""
    influencer_id: str | None = None
    quantity: float = Field(default=1.0, ge=0)
    unit_cost_eur_ht: float = Field(default=0.0, ge=0)
    note: str = ""


class KpiTarget(_Model):
    """A KPI the campaign is measured on, with its target."""

    kpi: str
    target: float | None = None
    objective_id: str | None = None


class ResultRow(_Model):
    """Measured results of one published post."""

    post_ref: str = ""
    influencer_id: str = ""
    platform: PlatformOrNone = ""
    published_on: dt.date | None = None
    cost_eur_ht: float = 0.0
    impressions: float = 0.0
    reach: float = 0.0
    views: float = 0.0
    engagements: float = 0.0
    clicks: float = 0.0
    conversions: float = 0.0
    revenue_eur: float = 0.0

    _platform = field_validator("platform", mode="before")(_known_platform)


class ResultIncident(_Model):
    """Something that went wrong with a post of a simulated campaign, shown beside the results."""

    kind: IncidentKind
    influencer_id: str = ""
    post_ref: str = ""
    platform: PlatformOrNone = ""
    planned_on: dt.date | None = None
    published_on: dt.date | None = None

    _platform = field_validator("platform", mode="before")(_known_platform)


class ImportedInfluencer(_Model):
    """An influencer brought in by the user (a CSV/XLSX list), kept inside the plan."""

    influencer_id: str
    handle: str = ""
    display_name: str = ""
    platform: PlatformOrNone = ""
    #: The platform's name as the user wrote it when ``platform`` is "other" (e.g. "Mastodon").
    platform_name: str = ""
    niche: str = ""
    country: str = ""
    city: str = ""
    language: str = ""
    followers: float | None = Field(default=None, ge=0)
    following: float | None = Field(default=None, ge=0)
    posts_count: float | None = Field(default=None, ge=0)
    price_per_post_eur: float | None = Field(default=None, ge=0)
    audience_female_share: float | None = Field(default=None, ge=0, le=1)
    audience_age_13_17: float | None = Field(default=None, ge=0, le=1)
    audience_age_18_24: float | None = Field(default=None, ge=0, le=1)
    audience_age_25_34: float | None = Field(default=None, ge=0, le=1)
    audience_age_35_44: float | None = Field(default=None, ge=0, le=1)
    audience_age_45_plus: float | None = Field(default=None, ge=0, le=1)
    audience_top_country: str = ""
    audience_top_country_share: float | None = Field(default=None, ge=0, le=1)
    audience_credibility: float | None = Field(default=None, ge=0, le=1)
    suspicious_followers_share: float | None = Field(default=None, ge=0, le=1)
    mass_followers_share: float | None = Field(default=None, ge=0, le=1)
    engagement_rate: float | None = Field(default=None, ge=0)
    avg_likes: float | None = Field(default=None, ge=0)
    avg_comments: float | None = Field(default=None, ge=0)
    avg_views: float | None = Field(default=None, ge=0)
    avg_reach: float | None = Field(default=None, ge=0)
    source_file: str = ""

    _platform = field_validator("platform", mode="before")(_known_platform)


class Remuneration(_Model):
    """How one influencer is paid and motivated (module 6); ``params`` feed the simulator."""

    influencer_id: str
    kind: str = "fixed_fee"
    params: dict[str, float | int | bool | str | None] = Field(default_factory=dict)
    levers: list[str] = Field(default_factory=list)
    note: str = ""


class Storytelling(_Model):
    """The storytelling canvas of the communication plan."""

    promise: str = ""
    problem: str = ""
    story_arc: str = ""
    call_to_action: str = ""


class ChannelPlan(_Model):
    """Channels, formats and the key message of one influencer."""

    influencer_id: str
    platforms: list[Platform] = Field(default_factory=list)
    formats: list[str] = Field(default_factory=list)
    key_message: str = ""

    @field_validator("platforms", mode="before")
    @classmethod
    def _known_platforms(cls, values: Any) -> Any:
        if not isinstance(values, list):
            return values
        return [code for code in map(_known_platform, values) if code]


class EditorialItem(_Model):
    """One entry of the editorial calendar, optionally tied to a retro-planning task."""

    item_id: str = Field(default_factory=lambda: new_id("edi"))
    date: dt.date | None = None
    influencer_id: str = ""
    platform: PlatformOrNone = ""
    format: str = ""
    message: str = ""
    task_id: str | None = None

    _platform = field_validator("platform", mode="before")(_known_platform)


class PlatformNote(_Model):
    """An influencer-marketing platform the trainee considered, with their notes."""

    platform: str
    considered: bool = False
    note: str = ""


class CommunicationPlan(_Model):
    """Module 7's communication plan: messages, story, channels, calendar, tools considered."""

    key_messages: list[str] = Field(default_factory=list)
    storytelling: Storytelling = Field(default_factory=Storytelling)
    channels: list[ChannelPlan] = Field(default_factory=list)
    editorial_calendar: list[EditorialItem] = Field(default_factory=list)
    platforms: list[PlatformNote] = Field(default_factory=list)


class ComplianceState(_Model):
    """What the trainee checked for French law: contract clauses and signatures, reminders."""

    contract_clauses: dict[str, list[str]] = Field(default_factory=dict)
    contract_signed: dict[str, bool] = Field(default_factory=dict)
    reminders_checked: list[str] = Field(default_factory=list)


class Assumptions(_Model):
    """The figures that turn an audience into results, edited in one place for the whole plan.

    ``None`` means "the case's value" (else the project's default): a plan follows its case
    until the trainee changes a figure, and "reset to the case" forgets every change. Rates
    are fractions. ``influkit.campaign.forecast.assumptions_in_force`` resolves them.
    """

    ctr: float | None = Field(default=None, ge=0, le=1)
    conversion_rate: float | None = Field(default=None, ge=0, le=1)
    average_basket_eur: float | None = Field(default=None, ge=0)
    margin_rate: float | None = Field(default=None, ge=0, le=1)
    reach_rate: float | None = Field(default=None, ge=0, le=1)
    frequency: float | None = Field(default=None, ge=0)
    flagged_conversion_factor: float | None = Field(default=None, ge=0, le=1)
    spread: float | None = Field(default=None, ge=0, le=0.9)
    emv_rates: dict[str, dict[str, float]] = Field(default_factory=dict)


PipelineStage = Literal[
    "to_contact",
    "contacted",
    "in_talks",
    "agreed",
    "contract_signed",
    "product_sent",
    "content_review",
    "published",
    "paid",
    "declined",
    "on_hold",
]
RelationshipLevel = Literal["unaware", "aware", "interested", "engaged", "advocate"]


def new_card_secret() -> str:
    """The secret of a confidential negotiation card's link: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


class StageMove(_Model):
    """One move of an influencer in the partnership pipeline (or up the relationship levels)."""

    stage: str
    at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))
    note: str = ""


class OutreachMessage(_Model):
    """A message written to an influencer (module 3), kept with the date it was saved."""

    message_id: str = Field(default_factory=lambda: new_id("msg"))
    template: str = "first_contact"
    channel: Literal["email", "dm"] = "email"
    lang: Literal["fr", "en"] = "fr"
    subject: str = ""
    body: str = ""
    saved_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))


class DealTerms(_Model):
    """One side's terms in a negotiation round, in euros HT; rates are fractions."""

    fee_eur: float = Field(default=0.0, ge=0)
    commission_rate: float = Field(default=0.0, ge=0, le=1)
    product_value_eur: float = Field(default=0.0, ge=0)
    platform: str = ""
    format: str = ""
    posts: int = Field(default=1, ge=0)
    usage_rights: str = "none"
    paid_social: bool = False
    exclusivity_months: int = Field(default=0, ge=0)
    exclusivity_rate: float = Field(default=0.0, ge=0, le=1)
    whitelisting: bool = False
    payment_days: int = Field(default=30, ge=0)
    disclosure: str = "Collaboration commerciale"


class DealRound(_Model):
    """An offer (the brand's) or a counter-offer (the influencer's) of a negotiation."""

    side: Literal["brand", "influencer"] = "brand"
    terms: DealTerms = Field(default_factory=DealTerms)
    at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))
    note: str = ""


class Deal(_Model):
    """A negotiation with one influencer: its rounds, its state, its confidential card's secret."""

    deal_id: str = Field(default_factory=lambda: new_id("deal"))
    influencer_id: str
    rounds: list[DealRound] = Field(default_factory=list)
    status: Literal["open", "accepted", "abandoned"] = "open"
    accepted_at: dt.datetime | None = None
    card_secret: str = Field(default_factory=new_card_secret)
    created_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))


class InfluencerRelationship(_Model):
    """Where the relationship with one influencer stands: pipeline stage, level, messages."""

    influencer_id: str
    stage: PipelineStage = "to_contact"
    history: list[StageMove] = Field(default_factory=list)
    level: RelationshipLevel = "unaware"
    level_history: list[StageMove] = Field(default_factory=list)
    next_step: str = ""
    next_step_due: dt.date | None = None
    messages: list[OutreachMessage] = Field(default_factory=list)
    arguments: list[str] = Field(default_factory=list)
    brief_edits: dict[str, str] = Field(default_factory=dict)


class RelationshipState(_Model):
    """Module 3: the partnership pipeline, outreach, negotiations and briefs of the plan."""

    reminder_hours: int = Field(default=48, ge=1, le=24 * 60)
    reminder_clock: Literal["calendar", "working"] = "calendar"
    influencers: list[InfluencerRelationship] = Field(default_factory=list)
    deals: list[Deal] = Field(default_factory=list)


class Settings(_Model):
    """Choices the trainee made that change how figures are computed."""

    tier_scheme: TierScheme = "hypeauditor"
    er_basis: ErBasis = "followers"
    er_method: ErMethod = "mean"
    brand_fit_weights: dict[str, float] = Field(default_factory=dict)
    assumptions: Assumptions = Field(default_factory=Assumptions)
    optimizer: dict[str, float | int | bool | str | list[str] | None] = Field(default_factory=dict)

    @field_validator("tier_scheme", "er_basis", "er_method", mode="before")
    @classmethod
    def _known_code(cls, value: Any, info: Any) -> Any:
        # An older plan may hold a code this version does not know: it opens on the default.
        codes = {"tier_scheme": TIER_SCHEME_CODES, "er_basis": ER_BASES, "er_method": ER_METHODS}
        return (
            value if value in codes[info.field_name] else cls.model_fields[info.field_name].default
        )


class Plan(_Model):
    """One campaign project: the brief and everything built from it, module by module."""

    schema_version: int = SCHEMA_VERSION
    title: str = ""
    case_id: str | None = None
    created_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))
    brief: Brief = Field(default_factory=Brief)
    success_checklist: dict[str, bool] = Field(default_factory=dict)
    shortlist: list[ShortlistEntry] = Field(default_factory=list)
    client_learnings: str = ""
    objectives: list[Objective] = Field(default_factory=list)
    deliverables: list[Deliverable] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    budget_lines: list[BudgetLine] = Field(default_factory=list)
    kpi_targets: list[KpiTarget] = Field(default_factory=list)
    results: list[ResultRow] = Field(default_factory=list)
    results_source: ResultsSource = "none"
    results_seed: int | None = Field(default=None, ge=0)
    results_updated_on: dt.date | None = None
    results_incidents: list[ResultIncident] = Field(default_factory=list)
    imported_influencers: list[ImportedInfluencer] = Field(default_factory=list)
    remunerations: list[Remuneration] = Field(default_factory=list)
    communication: CommunicationPlan = Field(default_factory=CommunicationPlan)
    compliance: ComplianceState = Field(default_factory=ComplianceState)
    relationship: RelationshipState = Field(default_factory=RelationshipState)
    settings: Settings = Field(default_factory=Settings)
    notes: dict[str, str] = Field(default_factory=dict)

    @classmethod
    def from_case(cls, case: dict[str, Any], lang: str = "fr") -> Plan:
        """Start a plan from a case study (a dict as given by ``influkit.data.datasets.cases()``)."""
        lang = "en" if lang == "en" else "fr"
        target = case.get("target", {})
        brief = Brief(
            brand=case.get("brand", ""),
            product=case.get("product", ""),
            product_category=case.get("product_category", ""),
            business_aim=case.get("business_aim", "awareness"),
            budget_eur_ht=float(case.get("budget_eur_ht", 0) or 0),
            launch_date=case.get("launch_date"),
            target_audience=TargetAudience(
                description=target.get(f"description_{lang}", ""),
                female_share=target.get("female_share"),
                age_bands=list(target.get("age_bands", [])),
                countries=list(target.get("countries", [])),
            ),
            niches=list(case.get("niches", [])),
            context=case.get(f"brief_{lang}", ""),
            constraints=case.get(f"constraints_{lang}", ""),
        )
        return cls(title=case.get(f"title_{lang}", ""), case_id=case.get("case_id"), brief=brief)

    def duplicate(self, title_suffix: str = "") -> Plan:
        """A copy of this plan, new creation date, same content (each negotiation card gets a
        new secret: a card link opens one plan's card only)."""
        copy = self.model_copy(deep=True)
        copy.created_at = dt.datetime.now(dt.UTC)
        copy.title = f"{self.title}{title_suffix}"
        for deal in copy.relationship.deals:
            deal.card_secret = new_card_secret()
        return copy

    def shortlist_entry(self, influencer_id: str) -> ShortlistEntry | None:
        """The shortlist entry of an influencer, if they are on it."""
        return next((e for e in self.shortlist if e.influencer_id == influencer_id), None)

    def add_to_shortlist(self, influencer_id: str, role: str = "creator", note: str = "") -> bool:
        """Put an influencer on the shortlist; False when already there (nothing changes)."""
        if self.shortlist_entry(influencer_id) is not None:
            return False
        self.shortlist = [
            *self.shortlist,
            ShortlistEntry(influencer_id=influencer_id, role=role, note=note),
        ]
        return True

    def remove_from_shortlist(self, influencer_id: str) -> bool:
        """Take an influencer off the shortlist; False when they were not on it."""
        kept = [e for e in self.shortlist if e.influencer_id != influencer_id]
        changed = len(kept) != len(self.shortlist)
        self.shortlist = kept
        return changed

    def shortlisted_ids(self) -> list[str]:
        """The ids of the shortlisted influencers, in the order they were added."""
        return [entry.influencer_id for entry in self.shortlist]


# --- versions -------------------------------------------------------------------------------

#: Version 1 kept the trainee's edited case assumptions in ``settings.optimizer`` under these
#: keys (the basket under its old name), and the EMV rates in ``settings.emv_rates``.
_V1_ASSUMPTION_KEYS: dict[str, str] = {
    "assumption_ctr": "ctr",
    "assumption_conversion_rate": "conversion_rate",
    "assumption_average_order_value_eur": "average_basket_eur",
    "assumption_margin_rate": "margin_rate",
}


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 keeps every assumption in ``settings.assumptions``: move them there."""
    settings = dict(data.get("settings") or {})
    optimizer = dict(settings.get("optimizer") or {})
    assumptions = dict(settings.get("assumptions") or {})
    for old, new in _V1_ASSUMPTION_KEYS.items():
        if old in optimizer:
            value = optimizer.pop(old)
            if value is not None:
                assumptions[new] = value
    rates = settings.pop("emv_rates", None)
    if rates:
        assumptions["emv_rates"] = rates
    settings["optimizer"] = optimizer
    settings["assumptions"] = assumptions
    data["settings"] = settings
    return data


#: ``MIGRATIONS[n]`` turns the dict of a plan saved at version ``n`` into version ``n + 1``.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a saved plan's dict up to :data:`SCHEMA_VERSION`, one migration at a time."""
    version = data.get("schema_version", 1)
    if not isinstance(version, int) or version < 1:
        raise UserError("plan.error_version", version=version)
    if version > SCHEMA_VERSION:
        raise UserError("plan.error_newer_version", version=version, supported=SCHEMA_VERSION)
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise UserError("plan.error_version", version=version)
        data = step(dict(data))
        version += 1
        data["schema_version"] = version
    return data


def plan_from_json(raw: bytes | str) -> Plan:
    """Read a plan from JSON text (an upload, a saved row), migrating older versions.

    Raises :class:`UserError` with a message key saying what is wrong: too big or too deep
    (:mod:`influkit.data.limits`), not JSON, not a plan, or a field that does not fit the schema.
    """
    size = len(raw.encode("utf-8", errors="surrogatepass") if isinstance(raw, str) else raw)
    limits.PLAN_BYTES.check(size)
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as err:
        raise UserError("plan.error_not_json", detail=str(err)[:120]) from err
    # Checked before parsing: a deeply nested text would exhaust the parser's stack.
    limits.JSON_DEPTH.check(limits.json_depth(text))
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as err:  # not JSON, or an integer of thousands of digits
        raise UserError("plan.error_not_json", detail=str(err)[:120]) from err
    if not isinstance(data, dict) or "brief" not in data:
        raise UserError("plan.error_not_plan")
    check_counts(data)
    try:
        data = migrate(data)
    except UserError:
        raise
    except (AttributeError, TypeError, ValueError, KeyError) as err:
        # A hand-edited file whose parts have the wrong shape (a list where a dict belongs).
        raise UserError("plan.error_not_plan") from err
    try:
        return Plan.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ()))[:80]
        raise UserError("plan.error_schema", field=where or "?", count=err.error_count()) from err


def check_counts(data: dict[str, Any]) -> None:
    """Refuse a plan (as a dict) with a list longer than :data:`influkit.data.limits.PLAN_LIST_ITEMS`."""
    parts = [data, data.get("communication")]
    for part in parts:
        if not isinstance(part, dict):
            continue
        for value in part.values():
            if isinstance(value, list | dict):
                limits.PLAN_LIST_ITEMS.check(len(value))


def plan_json(plan: Plan) -> str:
    """The plan as it is stored, refused when over the limits a load applies (size, counts).

    Raises :class:`influkit.data.limits.LimitExceeded`: what a save writes always loads again.
    """
    check_counts({name: getattr(plan, name) for name in Plan.model_fields})
    check_counts({"communication": dict(plan.communication)})
    data = plan.model_dump_json()
    limits.PLAN_BYTES.check(len(data.encode("utf-8")))
    return data


def json_schema() -> dict[str, Any]:
    """The JSON schema of a saved plan, as published in ``docs/plan.schema.json``."""
    return Plan.model_json_schema()
