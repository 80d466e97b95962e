r"""Where imported rows go: a :class:`Target` (the influencer list, campaign results) is a
set of :class:`Field`\ s, each with its kind, accepted column names and codes; suggesting which
column feeds which field; the blank template a user fills in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import pandas as pd
from pydantic import BaseModel

from influkit.data.importer.parse import (
    MISSING_TOKENS,
    _distinct,
    _is_nan,
    _profile_url,
    _spread,
    _text_of,
    code_key,
    header_key,
)
from influkit.errors import UserError
from influkit.plan.model import PLATFORMS, ImportedInfluencer, ResultRow
from influkit.text import i18n

FIELD_KINDS: tuple[str, ...] = ("number", "rate", "integer", "text", "date", "code", "handle")


@dataclass(frozen=True)
class Field:
    """One field of a destination: its kind, whether it is required, how users name it.

    ``headers`` are column names that mean this field (French and English; the field's
    catalogue labels are added); ``codes`` returns the known codes with their synonyms
    (``code_key`` → code) for a ``code`` field; ``fallback`` may recognise a value the
    synonyms miss. ``percent_scale`` says how a rate written without ``%`` is read;
    ``unit`` is ``eur`` for amounts of money.
    """

    name: str
    kind: str
    required: bool = False
    group: str = "profile"
    headers: tuple[str, ...] = ()
    codes: Callable[[], Mapping[str, str]] | None = None
    code_namespace: str | None = None
    fallback: Callable[[str], str | None] | None = None
    minimum: float | None = None
    maximum: float | None = None
    percent_scale: str = "auto"
    unit: str = ""

    def label(self, lang: str = "fr") -> str:
        """The field's name for people, from the catalogue."""
        return i18n.t(f"importer.field.{self.name}", lang)


@dataclass(frozen=True)
class Target:
    """A destination of imported rows: its fields, the model each row becomes, what makes a
    row a duplicate and, when rows get an id, which field holds it.

    ``one_of`` lists groups of fields of which each row needs one; ``derived`` pairs
    ``(field, source)`` where ``source`` can supply ``field`` (a profile link names its
    platform), so ``field`` needs no column of its own when ``source`` has one.
    """

    name: str
    fields: tuple[Field, ...]
    model: type[BaseModel]
    key_fields: tuple[str, ...] = ()
    one_of: tuple[tuple[str, ...], ...] = ()
    derived: tuple[tuple[str, str], ...] = ()
    id_field: str | None = None
    duplicate_reason: str = "importer.reason.duplicate"

    def field(self, name: str) -> Field:
        """The field called ``name``."""
        return next(f for f in self.fields if f.name == name)

    @property
    def required(self) -> list[str]:
        """Names of the fields every row must have."""
        return [f.name for f in self.fields if f.required]

    @property
    def groups(self) -> list[str]:
        """The field groups in display order."""
        return list(dict.fromkeys(f.group for f in self.fields))


_PLATFORM_SYNONYMS: dict[str, tuple[str, ...]] = {
    "instagram": ("insta", "ig", "instagram.com", "instagr.am", "reels"),
    "tiktok": ("tik tok", "tt", "tiktok.com"),
    "youtube": ("yt", "you tube", "youtube.com", "youtu.be", "shorts"),
    "linkedin": ("linked in", "lnkd", "li", "linkedin.com"),
    "x": ("twitter", "x.com", "twitter.com", "x twitter", "ex twitter", "tw"),
    "twitch": ("twitch.tv", "ttv"),
    "facebook": ("fb", "face book", "facebook.com", "fb.com", "fb.me", "page facebook"),
    "snapchat": ("snap", "snap chat", "snapchat.com", "spotlight"),
    "pinterest": ("pin", "pins", "pinterest.com", "pinterest.fr", "pin it", "epingle", "epingles"),
    "threads": ("thread", "threads.net", "threads.com", "threads meta"),
    "other": ("autre", "autres", "other", "divers", "autre reseau", "other network"),
}


_PLATFORM_WORDS = {
    "instagram": "instagram",
    "tiktok": "tiktok",
    "youtube": "youtube",
    "linkedin": "linkedin",
    "twitter": "x",
    "twitch": "twitch",
    "facebook": "facebook",
    "snapchat": "snapchat",
    "pinterest": "pinterest",
}


_NICHE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "beauty": ("beaute", "cosmetique", "cosmetiques", "cosmetics", "makeup", "maquillage",
               "skincare", "soin", "soins", "beauty"),
    "fashion": ("mode", "fashion", "style", "vetements", "pret a porter"),
    "food": ("cuisine", "food", "gastronomie", "recettes", "recipes", "cooking", "foodie"),
    "travel": ("voyage", "voyages", "travel", "tourisme", "tourism"),
    "tech": ("tech", "high tech", "hightech", "technologie", "technology", "numerique"),
    "sport": ("sport", "sports", "fitness", "running"),
    "gaming": ("gaming", "jeux video", "jeu video", "jeux", "games", "esport", "gamer"),
    "parenting": ("parentalite", "famille", "parents", "maman", "papa", "family", "parenting"),
    "b2b": ("b2b", "business", "entreprise", "entreprises", "btob"),
    "ecology": ("ecologie", "environnement", "green", "durable", "sustainability", "zero dechet"),
    "lifestyle": ("lifestyle", "art de vivre", "vie quotidienne"),
    "finance": ("finance", "finances", "argent", "money", "investissement", "bourse"),
}  # fmt: skip


_COUNTRY_EXTRAS = {"uk": "GB", "angleterre": "GB", "england": "GB", "usa": "US", "etatsunis": "US"}


def _labels(namespace: str) -> dict[str, str]:
    """``code_key`` of every catalogue label of ``namespace`` (both languages) → its code."""
    lookup: dict[str, str] = {}
    prefix = f"{namespace}."
    for lang in i18n.LANGUAGES:
        for key, text in i18n.catalogue(lang).items():
            if key.startswith(prefix) and key.count(".") == prefix.count("."):
                code = key[len(prefix) :]
                lookup.setdefault(code_key(code), code)
                lookup.setdefault(code_key(text), code)
    return lookup


@cache
def platform_codes() -> dict[str, str]:
    """Platform names and synonyms users write (``Insta``, ``IG``, ``YT``…) → platform code."""
    lookup = {code_key(code): code for code in PLATFORMS}
    for code, words in _PLATFORM_SYNONYMS.items():
        lookup.update({code_key(word): code for word in words})
    lookup.update({k: v for k, v in _labels("data.platform").items() if v in PLATFORMS})
    return lookup


def _platform_fallback(key: str) -> str | None:
    hits = {code for word, code in _PLATFORM_WORDS.items() if word in key}
    return hits.pop() if len(hits) == 1 else None


@cache
def niche_codes() -> dict[str, str]:
    """Topic names in French and English (``Beauté``, ``Mode``, ``Gaming``…) → niche code."""
    lookup = _labels("data.niche")
    for code, words in _NICHE_SYNONYMS.items():
        lookup.update({code_key(word): code for word in words})
    return lookup


@cache
def country_codes() -> dict[str, str]:
    """Every country's ISO code and name in French and English (``Belgique``, ``Belgium``) → code."""
    from babel import Locale

    lookup: dict[str, str] = {}
    for lang in i18n.LANGUAGES:
        for code, name in Locale(lang).territories.items():
            if re.fullmatch(r"[A-Z]{2}", code) and code not in ("ZZ", "EU", "EZ", "UN", "QO"):
                lookup.setdefault(code_key(code), code)
                lookup.setdefault(code_key(name), code)
    lookup.update(_labels("data.country"))
    lookup.update(_COUNTRY_EXTRAS)
    return lookup


@cache
def language_codes() -> dict[str, str]:
    """Every language's ISO code and name in French and English (``Français``, ``French``) → code."""
    from babel import Locale

    lookup: dict[str, str] = {}
    for lang in i18n.LANGUAGES:
        for code, name in Locale(lang).languages.items():
            if re.fullmatch(r"[a-z]{2}", code):
                lookup.setdefault(code_key(code), code)
                lookup.setdefault(code_key(name), code)
    lookup.update(_labels("data.language"))
    return lookup


def _language_fallback(key: str) -> str | None:
    # "fr-FR", "fr_CA", "en-GB" reduce to "frfr", "frca", "engb": the first two letters decide.
    return key[:2] if len(key) == 4 and key[:2] in language_codes().values() else None


def _f(name: str, kind: str, *headers: str, **options: Any) -> Field:
    if kind == "rate":
        options.setdefault("minimum", 0.0)
    if kind in ("number", "integer"):
        options.setdefault("minimum", 0.0)
    return Field(name=name, kind=kind, headers=headers, **options)


_HANDLE_HEADERS = (
    "handle", "pseudo", "pseudonyme", "compte", "nom du compte", "nom d'utilisateur", "username",
    "user name", "account", "account name", "identifiant", "@", "profil", "profile", "lien",
    "url", "profile url", "lien du profil", "url du profil", "lien profil", "alias",
)  # fmt: skip


_PLATFORM_HEADERS = (
    "plateforme", "platform", "réseau", "réseau social", "reseaux sociaux", "network",
    "social network", "canal", "channel", "média social", "social media", "support",
)  # fmt: skip


_SHARE = {"maximum": 1.0, "group": "audience"}


# fmt: off
INFLUENCER_TARGET = Target(
    name="influencers",
    model=ImportedInfluencer,
    key_fields=("platform", "handle"),
    derived=(("platform", "handle"),),
    id_field="influencer_id",
    duplicate_reason="importer.reason.duplicate_account",
    fields=(
        _f("handle", "handle", *_HANDLE_HEADERS, required=True, group="required"),
        _f("platform", "code", *_PLATFORM_HEADERS, required=True, group="required",
           codes=platform_codes, code_namespace="data.platform", fallback=_platform_fallback),
        _f("followers", "integer", "abonnés", "followers", "nb abonnés", "nombre d'abonnés",
           "fans", "subscribers", "abonnes", "audience", "communauté", "taille de la communauté",
           "follower count", "followers count", "nb followers", "taille", "size",
           required=True, group="required"),
        _f("display_name", "text", "nom", "name", "nom affiché", "display name", "influenceur",
           "influenceuse", "influencer", "créateur", "créatrice", "creator", "nom complet",
           "full name", "prénom nom", "nom prénom"),
        _f("niche", "code", "niche", "thématique", "thème", "theme", "catégorie", "category",
           "topic", "univers", "secteur", "verticale", "vertical", "centre d'intérêt",
           codes=niche_codes, code_namespace="data.niche"),
        _f("country", "code", "pays", "country", "pays du créateur", "creator country",
           codes=country_codes, code_namespace="data.country"),
        _f("city", "text", "ville", "city", "localité", "commune"),
        _f("language", "code", "langue", "language", "lang", "langue du contenu",
           "content language", codes=language_codes, code_namespace="data.language",
           fallback=_language_fallback),
        _f("following", "integer", "abonnements", "following", "suivis", "comptes suivis"),
        _f("posts_count", "integer", "publications", "posts", "nb publications", "nb posts",
           "posts count", "media count", "nombre de posts"),
        _f("price_per_post_eur", "number", "prix", "tarif", "prix par post",
           "prix par publication", "tarif par post", "tarif par publication", "price",
           "price per post", "cost", "coût", "coût par post", "fee", "cachet", "rémunération",
           "prix ht", "tarif ht", "budget par post", unit="eur"),
        _f("engagement_rate", "rate", "taux d'engagement", "engagement", "er", "engagement rate",
           "tx engagement", "tx d'engagement", "eng rate", "te", group="performance"),
        _f("avg_likes", "number", "likes moyens", "j'aime moyens", "moyenne likes",
           "avg likes", "average likes", "likes", "j'aime", "likes par post", group="performance"),
        _f("avg_comments", "number", "commentaires moyens", "avg comments", "average comments",
           "comments", "commentaires", "moyenne commentaires", group="performance"),
        _f("avg_views", "number", "vues moyennes", "avg views", "average views", "views", "vues",
           "moyenne vues", group="performance"),
        _f("avg_reach", "number", "portée moyenne", "avg reach", "average reach", "reach",
           "portée", "couverture", group="performance"),
        _f("audience_female_share", "rate", "% femmes", "femmes", "part de femmes", "female",
           "female share", "women", "% women", "audience féminine", "% female", **_SHARE),
        _f("audience_age_13_17", "rate", "13-17", "13-17 ans", "13 17", "age 13-17",
           "13_17", **_SHARE),
        _f("audience_age_18_24", "rate", "18-24", "18-24 ans", "18 24", "age 18-24",
           "18_24", **_SHARE),
        _f("audience_age_25_34", "rate", "25-34", "25-34 ans", "25 34", "age 25-34",
           "25_34", **_SHARE),
        _f("audience_age_35_44", "rate", "35-44", "35-44 ans", "35 44", "age 35-44",
           "35_44", **_SHARE),
        _f("audience_age_45_plus", "rate", "45+", "45 et +", "45 ans et plus", "45 plus",
           "45_plus", "age 45+", "45 ans +", **_SHARE),
        _f("audience_top_country", "code", "premier pays de l'audience", "pays principal",
           "pays de l'audience", "top country", "audience top country", "audience country",
           "pays audience", codes=country_codes, code_namespace="data.country",
           group="audience"),
        _f("audience_top_country_share", "rate", "part du premier pays", "top country share",
           "% pays principal", "part pays principal", **_SHARE),
        _f("audience_credibility", "rate", "crédibilité", "credibility",
           "audience credibility", "crédibilité de l'audience", "abonnés réels",
           "% abonnés réels", "real followers", "qualité d'audience", "audience quality",
           **_SHARE),
        _f("suspicious_followers_share", "rate", "abonnés suspects", "suspicious followers",
           "faux abonnés", "fake followers", "% suspects", "% faux abonnés", **_SHARE),
        _f("mass_followers_share", "rate", "mass followers", "mass followers share",
           "% mass followers", "abonnés massifs", **_SHARE),
    ),
)


RESULTS_TARGET = Target(
    name="results",
    model=ResultRow,
    key_fields=("post_ref",),
    # A results row names its influencer and measures something (a list of influencers
    # uploaded by mistake has no measure at all).
    one_of=(
        ("influencer_id", "handle"),
        ("impressions", "reach", "views", "engagements", "clicks", "conversions", "cost_eur_ht",
         "revenue_eur"),
    ),
    derived=(("platform", "handle"),),
    duplicate_reason="importer.reason.duplicate_post",
    fields=(
        _f("post_ref", "text", "publication", "post", "lien du post", "lien de la publication",
           "post url", "url du post", "référence", "ref", "id publication", "post id",
           "id du post", "url publication", group="required"),
        _f("influencer_id", "text", "id influenceur", "influencer id", "identifiant influenceur",
           "id", "code influenceur", group="required"),
        _f("handle", "handle", *_HANDLE_HEADERS, group="required"),
        _f("platform", "code", *_PLATFORM_HEADERS, codes=platform_codes,
           code_namespace="data.platform", fallback=_platform_fallback, group="required"),
        _f("published_on", "date", "date", "date de publication", "publié le", "publication date",
           "published", "published on", "date publication", "mise en ligne", group="required"),
        _f("cost_eur_ht", "number", "coût", "cout", "coût ht", "cost", "prix", "montant",
           "budget", "tarif", "fee", "dépense", "spend", "cachet", group="costs", unit="eur"),
        _f("revenue_eur", "number", "chiffre d'affaires", "ca", "revenue", "revenu", "revenus",
           "ca ht", "montant des ventes", "ventes eur", "sales eur", group="costs", unit="eur"),
        _f("impressions", "integer", "impressions", "affichages", "impr", group="reach"),
        _f("reach", "integer", "portée", "reach", "couverture", "personnes atteintes",
           group="reach"),
        _f("views", "integer", "vues", "views", "lectures", "video views", "vues vidéo",
           group="reach"),
        _f("engagements", "integer", "engagements", "interactions", "engagement",
           "total engagements", group="actions"),
        _f("clicks", "integer", "clics", "clicks", "clic", "click", group="actions"),
        _f("conversions", "integer", "conversions", "ventes", "sales", "achats", "orders",
           "commandes", "inscriptions", group="actions"),
    ),
)
# fmt: on


TARGETS: dict[str, Target] = {t.name: t for t in (INFLUENCER_TARGET, RESULTS_TARGET)}


@cache
def _header_synonyms(target: Target) -> dict[str, tuple[str, ...]]:
    """Each field's header keys: its name, its labels in every language, its synonyms."""
    synonyms: dict[str, tuple[str, ...]] = {}
    for f in target.fields:
        words = [f.name.replace("_", " "), *f.headers]
        words += [f.label(lang) for lang in i18n.LANGUAGES]
        keys = [header_key(w) for w in words]
        synonyms[f.name] = tuple(dict.fromkeys(k for k in keys if k))
    return synonyms


def suggest_mapping(
    columns: Sequence[str], target: Target, sample: pd.DataFrame | None = None
) -> dict[str, str | None]:
    """Which of the user's columns feeds each field: ``{field: column or None}``.

    Headers are matched by meaning (accents, case, punctuation and filler words ignored),
    an exact synonym beating a contained one and a longer synonym a shorter one; each column
    feeds one field at most. With ``sample`` rows, a handle or platform column the headers
    did not reveal is recognised by its values.
    """
    synonyms = _header_synonyms(target)
    candidates: list[tuple[tuple[int, int], int, int, str, str]] = []
    for c_index, column in enumerate(columns):
        key = header_key(column)
        if not key:
            continue
        for f_index, f in enumerate(target.fields):
            best: tuple[int, int] | None = None
            for synonym in synonyms[f.name]:
                if key == synonym:
                    score = (3, len(synonym))
                elif f" {synonym} " in f" {key} ":
                    score = (2, len(synonym))
                else:
                    continue
                best = score if best is None or score > best else best
            if best is not None:
                candidates.append((best, -c_index, -f_index, column, f.name))
    mapping: dict[str, str | None] = {f.name: None for f in target.fields}
    used: set[str] = set()
    for _, _, _, column, name in sorted(candidates, reverse=True):
        if mapping[name] is None and column not in used:
            mapping[name] = column
            used.add(column)
    if sample is not None and len(sample):
        for f in target.fields:
            if mapping[f.name] is not None or f.kind not in ("handle", "code"):
                continue
            if f.kind == "code" and f.fallback is not _platform_fallback:
                continue
            column = _column_by_values(sample, f, exclude=used)
            if column is not None:
                mapping[f.name] = column
                used.add(column)
    return mapping


def _column_by_values(sample: pd.DataFrame, f: Field, exclude: set[str]) -> str | None:
    """The column whose values mostly read as this field's (handles with @, platform names)."""
    for column in sample.columns:
        if column in exclude:
            continue
        values = sample[column].dropna().head(50)
        if values.empty:
            continue
        text = _text_of(values)
        if f.kind == "handle":
            hits = text.str.match(r"@\S+$") | text.map(lambda v: _profile_url(v) is not None)
        else:
            codes = _parse_codes(values, f)
            hits = ~codes["invalid"] & ~codes["missing"]
        if hits.mean() >= 0.8:
            return str(column)
    return None


def unmapped_required(
    mapping: Mapping[str, str | None], target: Target, defaults: Mapping[str, Any] | None = None
) -> list[str]:
    """Required fields with neither a column nor a value for all rows (in field order)."""
    defaults = defaults or {}
    derived = dict(target.derived)
    missing = [
        n
        for n in target.required
        if not mapping.get(n)
        and defaults.get(n) in (None, "")
        and not (n in derived and mapping.get(derived[n]))
    ]
    for group in target.one_of:
        if not any(mapping.get(n) or defaults.get(n) for n in group):
            missing.append(group[0])
    return missing


def _parse_codes(values: pd.Series, f: Field) -> pd.DataFrame:
    """A code column read once per distinct value: ``value`` (the code), ``missing``, ``invalid``."""
    series, positions, distinct = _distinct(values)
    lookup = f.codes() if f.codes else {}
    text = _text_of(distinct)
    keys = text.map(code_key)
    missing = text.str.lower().isin(MISSING_TOKENS)
    codes = keys.map(lookup)
    if f.fallback is not None:
        codes = pd.Series(
            [
                code if isinstance(code, str) or gone else f.fallback(key)
                for code, key, gone in zip(codes, keys, missing, strict=True)
            ],
            index=codes.index,
            dtype=object,
        )
    found = pd.DataFrame(
        {"value": codes.where(~missing), "missing": missing, "invalid": ~missing & codes.isna()},
        index=distinct.index,
    )
    return _spread(found, positions, series.index)


def parse_code(value: Any, f: Field) -> str | None:
    """One value of a code field as its code: ``"Insta"`` → ``instagram``, ``"n/a"`` → None.

    Raises :class:`UserError` ``importer.reason.unknown_code`` when nothing matches.
    """
    row = _parse_codes(pd.Series([value], dtype=object), f).iloc[0]
    if row["invalid"]:
        raise UserError("importer.reason.unknown_code")
    return None if row["missing"] else str(row["value"])


def display_value(value: Any, f: Field, lang: str = "fr") -> str:
    """A parsed value written for people: ``12 500``, ``4,5 %``, ``01/12/2026``, a label."""
    from influkit.text.formats import fmt_date, fmt_money, fmt_number, fmt_percent

    if value is None or _is_nan(value) or value == "":
        return ""
    if f.kind == "rate":
        # Show 3,25 % as read, not rounded to 3,2 %: a second decimal when the value has one.
        decimals = 1 if round(value * 100, 1) == round(value * 100, 2) else 2
        return fmt_percent(value, lang, decimals)
    if f.kind == "integer":
        return fmt_number(value, lang)
    if f.kind == "number":
        decimals = 0 if float(value).is_integer() else 2
        if f.unit == "eur":
            return fmt_money(value, lang, decimals)
        return fmt_number(value, lang, decimals)
    if f.kind == "date":
        return fmt_date(value, lang)
    if f.kind == "code":
        text = i18n.label(f.code_namespace or "", value, lang)
        if text == value and f.code_namespace == "data.country":
            from babel import Locale

            return Locale(i18n.normalize_language(lang)).territories.get(value, value)
        return text
    return str(value)


_TEMPLATE_SAMPLE: dict[str, dict[str, Any]] = {
    "influencers": {
        "handle": "camille_exemple",
        "platform": "instagram",
        "followers": 12500,
        "display_name": "Camille Exemple",
        "niche": "beauty",
        "country": "FR",
        "city": "Lyon",
        "language": "fr",
        "following": 480,
        "posts_count": 615,
        "price_per_post_eur": 450,
        "engagement_rate": 0.045,
        "avg_likes": 520,
        "avg_comments": 38,
        "avg_views": 3400,
        "avg_reach": 4100,
        "audience_female_share": 0.72,
        "audience_age_13_17": 0.05,
        "audience_age_18_24": 0.31,
        "audience_age_25_34": 0.38,
        "audience_age_35_44": 0.17,
        "audience_age_45_plus": 0.09,
        "audience_top_country": "FR",
        "audience_top_country_share": 0.81,
        "audience_credibility": 0.86,
        "suspicious_followers_share": 0.09,
        "mass_followers_share": 0.05,
    },
    "results": {
        "post_ref": "https://www.instagram.com/p/EXEMPLE1/",
        "handle": "camille_exemple",
        "platform": "instagram",
        "published_on": dt.date(2027, 3, 2),
        "cost_eur_ht": 450,
        "revenue_eur": 1280,
        "impressions": 15200,
        "reach": 9800,
        "views": 7400,
        "engagements": 610,
        "clicks": 140,
        "conversions": 12,
    },
}


def template_frame(target: Target, lang: str = "fr") -> pd.DataFrame:
    """A one-row example table with the fields' labels as headers, written for ``lang``."""
    sample = _TEMPLATE_SAMPLE[target.name]
    return pd.DataFrame(
        {
            f.label(lang): [display_value(sample.get(f.name), f, lang)]
            for f in target.fields
            if f.name in sample
        }
    )


def template_csv(target: Target, lang: str = "fr") -> bytes:
    """The template as a CSV Excel opens well (French: ``;``, decimal commas, UTF-8 BOM)."""
    from influkit.exports.safe_files import to_csv_bytes

    return to_csv_bytes(template_frame(target, lang), lang)


def columns_used_twice(
    mapping: Mapping[str, str | None], target: Target, lang: str = "fr"
) -> dict[str, list[str]]:
    """The file's columns linked to more than one field, each with those fields' labels."""
    used: dict[str, list[str]] = {}
    for name, column in mapping.items():
        if column is not None:
            used.setdefault(column, []).append(target.field(name).label(lang))
    return {column: labels for column, labels in used.items() if len(labels) > 1}
