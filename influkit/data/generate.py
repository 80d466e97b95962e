"""Seeded generator of the fictional sample datasets in ``datasets/``.

It owns the numbers behind influencers, posts, follower history, client campaigns, brand
mentions and benchmarks, and the column tables of ``datasets/README.md``. Every person, brand
and figure is invented; engagement, prices and CPMs are calibrated on DOMAIN.md §4.

``python -m influkit.data.generate [--out DIR] [--seed N]`` rewrites every CSV byte for byte the
same for the same seed. The ``generate_*`` functions are vectorised, so a scaled dataset for a
benchmark (100 000 accounts, 2 000 000 posts) takes seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.special import ndtri

from influkit.data.datasets import DATASETS, DEFAULT_DATA_DIR

DEFAULT_SEED = 2026
DEFAULT_N_INFLUENCERS = 360
POSTS_PER_INFLUENCER = 50

# --- calendar -------------------------------------------------------------------------------

PERIOD_START = dt.date(2025, 11, 3)  # a Monday
PERIOD_END = dt.date(2026, 11, 29)  # a Sunday, the last day with data
TODAY = dt.date(2026, 12, 1)  # "today" for the course
N_WEEKS = 56
PERIOD_MINUTES = N_WEEKS * 7 * 24 * 60
MENTIONS_START = dt.date(2024, 12, 2)
MENTIONS_WEEKS = 104
RISING_FROM_WEEK = N_WEEKS - 8  # hashtags gain momentum over the last 8 weeks
EARLY_ADOPTION_WEEK = N_WEEKS - 22  # first adopters use them about 5 months earlier

# --- vocabulary -----------------------------------------------------------------------------

PLATFORMS: tuple[str, ...] = ("instagram", "tiktok", "youtube", "linkedin", "x", "twitch")
PLATFORM_SHARES = (0.37, 0.26, 0.12, 0.10, 0.07, 0.08)
TIERS: tuple[str, ...] = ("below_nano", "nano", "micro", "mid", "macro", "mega")
TIER_LOWER_BOUNDS = (0, 1_000, 10_000, 50_000, 500_000, 1_000_000)
# Follower ranges drawn log-uniformly inside each tier.
TIER_SAMPLING = (
    (300, 1_000),
    (1_000, 10_000),
    (10_000, 50_000),
    (50_000, 500_000),
    (500_000, 1_000_000),
    (1_000_000, 6_000_000),
)
PLATFORM_TIER_WEIGHTS = {
    "instagram": (0.04, 0.30, 0.28, 0.22, 0.08, 0.08),
    "tiktok": (0.04, 0.28, 0.28, 0.24, 0.08, 0.08),
    "youtube": (0.03, 0.22, 0.28, 0.28, 0.10, 0.09),
    "linkedin": (0.05, 0.35, 0.35, 0.20, 0.04, 0.01),
    "x": (0.05, 0.30, 0.30, 0.22, 0.07, 0.06),
    "twitch": (0.05, 0.32, 0.30, 0.23, 0.06, 0.04),
}
NICHES: tuple[str, ...] = (
    "beauty",
    "fashion",
    "food",
    "travel",
    "tech",
    "sport",
    "gaming",
    "parenting",
    "b2b",
    "ecology",
    "lifestyle",
    "finance",
)
# Weights in NICHES order; b2b lives on LinkedIn, gaming on Twitch and YouTube.
PLATFORM_NICHE_WEIGHTS = {
    "instagram": (14, 13, 12, 11, 5, 7, 3, 9, 0.5, 6, 11, 4),
    "tiktok": (13, 11, 13, 7, 7, 8, 10, 6, 1, 5, 11, 6),
    "youtube": (7, 3, 9, 9, 18, 7, 25, 4, 2, 5, 6, 7),
    "linkedin": (0, 0, 2, 0, 16, 2, 0, 2, 58, 8, 2, 10),
    "x": (2, 3, 5, 4, 22, 14, 15, 0, 10, 8, 5, 12),
    "twitch": (0, 0, 5, 2, 8, 5, 76, 0, 0, 0, 4, 0),
}
NICHE_FEMALE_AUDIENCE = (0.85, 0.76, 0.62, 0.60, 0.30, 0.42, 0.27, 0.80, 0.45, 0.62, 0.70, 0.38)
NICHE_FEMALE_CREATOR = (0.92, 0.80, 0.62, 0.55, 0.25, 0.45, 0.22, 0.82, 0.45, 0.60, 0.72, 0.35)

COUNTRIES: tuple[str, ...] = ("FR", "BE", "CH", "CA", "MA", "SN", "CI", "LU", "TN")
COUNTRY_WEIGHTS = (0.70, 0.08, 0.05, 0.07, 0.03, 0.02, 0.02, 0.01, 0.02)
CITIES = {
    "FR": (
        ("Paris", 28),
        ("Lyon", 9),
        ("Marseille", 7),
        ("Bordeaux", 7),
        ("Lille", 6),
        ("Nantes", 7),
        ("Toulouse", 7),
        ("Rennes", 6),
        ("Montpellier", 5),
        ("Strasbourg", 4),
        ("Nice", 4),
        ("Brest", 3),
        ("Quimper", 2),
        ("Tours", 2),
        ("Grenoble", 3),
    ),
    "BE": (("Bruxelles", 50), ("Liège", 20), ("Namur", 12), ("Charleroi", 10), ("Mons", 8)),
    "CH": (("Genève", 45), ("Lausanne", 35), ("Fribourg", 10), ("Neuchâtel", 10)),
    "CA": (("Montréal", 60), ("Québec", 20), ("Sherbrooke", 8), ("Gatineau", 7), ("Ottawa", 5)),
    "MA": (("Casablanca", 50), ("Rabat", 25), ("Marrakech", 15), ("Tanger", 10)),
    "SN": (("Dakar", 75), ("Saint-Louis", 15), ("Thiès", 10)),
    "CI": (("Abidjan", 80), ("Bouaké", 12), ("Yamoussoukro", 8)),
    "LU": (("Luxembourg", 80), ("Esch-sur-Alzette", 20)),
    "TN": (("Tunis", 65), ("Sfax", 20), ("Sousse", 15)),
}
# Audience's top country: the account's own, or France for neighbouring francophone markets.
TOP_COUNTRY_OWN_SHARE = {
    "FR": 1.0,
    "BE": 0.7,
    "CH": 0.75,
    "CA": 0.95,
    "MA": 0.7,
    "SN": 0.7,
    "CI": 0.7,
    "LU": 0.4,
    "TN": 0.7,
}

NAME_GROUP = {
    "FR": "fr",
    "BE": "fr",
    "CH": "fr",
    "LU": "fr",
    "CA": "ca",
    "MA": "maghreb",
    "TN": "maghreb",
    "SN": "west_africa",
    "CI": "west_africa",
}
FIRST_NAMES = {
    "fr": (
        (
            "Léa",
            "Chloé",
            "Manon",
            "Camille",
            "Inès",
            "Jade",
            "Louise",
            "Emma",
            "Zoé",
            "Lina",
            "Clara",
            "Juliette",
            "Anaïs",
            "Margaux",
            "Pauline",
            "Sarah",
            "Élise",
            "Noémie",
            "Mathilde",
            "Lucie",
            "Célia",
            "Romane",
            "Maëlys",
            "Agathe",
            "Solène",
            "Océane",
            "Justine",
            "Aurélie",
            "Hélène",
            "Capucine",
        ),
        (
            "Hugo",
            "Lucas",
            "Théo",
            "Nathan",
            "Louis",
            "Jules",
            "Arthur",
            "Maxime",
            "Antoine",
            "Baptiste",
            "Paul",
            "Tom",
            "Raphaël",
            "Gabriel",
            "Julien",
            "Romain",
            "Thomas",
            "Adrien",
            "Clément",
            "Bastien",
            "Quentin",
            "Valentin",
            "Mathis",
            "Noé",
            "Victor",
        ),
    ),
    "ca": (
        (
            "Marie-Ève",
            "Émilie",
            "Catherine",
            "Geneviève",
            "Audrey",
            "Sophie",
            "Laurence",
            "Rosalie",
            "Florence",
            "Maude",
        ),
        (
            "Félix",
            "Olivier",
            "Samuel",
            "William",
            "Alexis",
            "Étienne",
            "Mathieu",
            "Jérémie",
            "Xavier",
            "Vincent",
        ),
    ),
    "maghreb": (
        ("Yasmine", "Salma", "Nour", "Imane", "Sofia", "Leïla", "Amira", "Rania", "Meryem", "Hiba"),
        ("Youssef", "Mehdi", "Amine", "Karim", "Rayan", "Omar", "Anis", "Hamza", "Ilyes", "Nabil"),
    ),
    "west_africa": (
        ("Aminata", "Fatou", "Awa", "Mariama", "Aïcha", "Khady", "Adjoua", "Ama", "Binta", "Ndeye"),
        (
            "Moussa",
            "Ibrahima",
            "Cheikh",
            "Mamadou",
            "Ousmane",
            "Koffi",
            "Yao",
            "Kouassi",
            "Abdoulaye",
            "Serge",
        ),
    ),
}
LAST_NAMES = {
    "fr": (
        "Martin",
        "Bernard",
        "Dubois",
        "Laurent",
        "Moreau",
        "Lefèvre",
        "Garnier",
        "Faure",
        "Rousseau",
        "Blanchard",
        "Guérin",
        "Muller",
        "Henry",
        "Roussel",
        "Perrin",
        "Morel",
        "Girard",
        "Bonnet",
        "Dupont",
        "Lambert",
        "Fontaine",
        "Chevalier",
        "Robin",
        "Masson",
        "Marchand",
        "Duval",
        "Denis",
        "Lemaire",
        "Picard",
        "Gauthier",
        "Le Goff",
        "Le Gall",
        "Tanguy",
        "Peeters",
        "Renard",
        "Favre",
        "Rochat",
        "Schmit",
        "Weber",
        "Lejeune",
    ),
    "ca": (
        "Tremblay",
        "Gagnon",
        "Roy",
        "Côté",
        "Bouchard",
        "Morin",
        "Lavoie",
        "Fortin",
        "Gagné",
        "Ouellet",
        "Pelletier",
        "Bélanger",
    ),
    "maghreb": (
        "Benali",
        "El Amrani",
        "Bennani",
        "Haddad",
        "Tazi",
        "Alaoui",
        "Chaouch",
        "Trabelsi",
        "Mansouri",
        "Jaziri",
        "Bouzid",
        "Kacem",
    ),
    "west_africa": (
        "Diallo",
        "Ndiaye",
        "Sow",
        "Diop",
        "Fall",
        "Traoré",
        "Koné",
        "Kouamé",
        "Ouattara",
        "Bamba",
        "Konaté",
        "Sarr",
    ),
}
# Creator-style display names per niche ({f} is the first name), female then male variants.
CREATOR_NAMES = {
    "beauty": (("{f} Beauté", "Les soins de {f}", "{f} au naturel"),) * 2,
    "fashion": (("{f} Style", "Le dressing de {f}", "{f} en ville"),) * 2,
    "food": (("{f} en cuisine", "La table de {f}", "Les recettes de {f}"),) * 2,
    "travel": (("{f} en vadrouille", "{f} voyage", "Carnets de {f}"),) * 2,
    "tech": (("{f} Tech", "Le labo de {f}", "{f} décode"),) * 2,
    "sport": (("{f} Fit", "{f} court", "{f} en mouvement"),) * 2,
    "gaming": (("{f} Joue", "{f} Gaming", "{f} en live"),) * 2,
    "parenting": (
        ("Maman {f}", "La tribu de {f}", "{f} et sa tribu"),
        ("Papa {f}", "La tribu de {f}", "{f} et sa tribu"),
    ),
    "b2b": (("{f} {l}",) * 3,) * 2,
    "ecology": (("{f} zéro déchet", "{f} au vert", "Les gestes de {f}"),) * 2,
    "lifestyle": (("Les carnets de {f}", "{f} au quotidien", "Un café avec {f}"),) * 2,
    "finance": (("{f} Finance", "Les comptes de {f}", "{f} et son budget"),) * 2,
}
HANDLE_SEPARATOR = {
    "instagram": ".",
    "tiktok": "_",
    "youtube": "",
    "linkedin": "-",
    "x": "_",
    "twitch": "",
}

# Audience age bands and their profile per platform, tilted per niche.
AGE_BANDS: tuple[str, ...] = ("13_17", "18_24", "25_34", "35_44", "45_plus")
PLATFORM_AGE_PROFILE = {
    "instagram": (0.07, 0.30, 0.35, 0.17, 0.11),
    "tiktok": (0.20, 0.40, 0.24, 0.10, 0.06),
    "youtube": (0.12, 0.28, 0.28, 0.18, 0.14),
    "linkedin": (0.004, 0.14, 0.42, 0.27, 0.166),
    "x": (0.04, 0.24, 0.32, 0.22, 0.18),
    "twitch": (0.16, 0.42, 0.28, 0.10, 0.04),
}
NICHE_AGE_TILT = {
    "beauty": (1.2, 1.2, 1.0, 0.9, 0.7),
    "fashion": (1.1, 1.2, 1.1, 0.9, 0.7),
    "gaming": (1.5, 1.3, 0.9, 0.6, 0.4),
    "parenting": (0.3, 0.6, 1.4, 1.5, 0.9),
    "b2b": (0.1, 0.6, 1.2, 1.2, 1.1),
    "finance": (0.4, 1.0, 1.3, 1.1, 1.0),
    "tech": (0.9, 1.1, 1.1, 1.0, 0.9),
    "travel": (0.6, 1.0, 1.1, 1.1, 1.1),
    "food": (0.7, 0.9, 1.1, 1.1, 1.2),
    "ecology": (0.8, 1.1, 1.1, 1.0, 1.0),
    "sport": (1.0, 1.2, 1.1, 0.9, 0.8),
    "lifestyle": (0.9, 1.1, 1.1, 1.0, 0.9),
}

# --- engagement calibration (DOMAIN §4) -----------------------------------------------------

# Curves of log10(followers) knots; values interpolate log-linearly between knots. A tier's
# median account sits near 3 160 (nano), 22 400 (micro), 158 000 (mid), 707 000 (macro) and
# 2 800 000 (mega) followers.
CURVE_KNOTS = (2.5, 3.5, 4.35, 5.2, 5.85, 6.45, 7.0)
ER_FOLLOWERS_CURVE = {
    "instagram": (0.034, 0.0235, 0.0108, 0.0068, 0.0045, 0.0025, 0.0020),
    "tiktok": (0.16, 0.12, 0.085, 0.062, 0.046, 0.034, 0.028),
    "linkedin": (0.055, 0.048, 0.042, 0.036, 0.032, 0.030, 0.028),
    "x": (0.025, 0.012, 0.007, 0.004, 0.003, 0.0022, 0.0018),
    "twitch": (0.08, 0.06, 0.04, 0.03, 0.025, 0.02, 0.018),
}
# YouTube works from views: views per subscriber of a long video, then interactions / views.
YOUTUBE_VIEWS_CURVE = (0.5, 0.35, 0.22, 0.14, 0.10, 0.07, 0.05)
YOUTUBE_ER_VIEWS = 0.026
TIKTOK_ER_VIEWS = 0.045
# Reach of a feed post per follower (Instagram, LinkedIn, X).
REACH_CURVE = {
    "instagram": (0.45, 0.35, 0.25, 0.18, 0.14, 0.11, 0.09),
    "linkedin": (0.70, 0.55, 0.42, 0.32, 0.26, 0.22, 0.20),
    "x": (0.30, 0.20, 0.12, 0.08, 0.06, 0.05, 0.04),
}

# Formats per platform: (code, probability, ER multiplier, reach or views multiplier,
# video?, share of likes, comments, shares, saves).
FORMATS = {
    "instagram": (
        ("photo", 0.25, 0.85, 0.9, False, 0.90, 0.035, 0.025, 0.04),
        ("carousel", 0.25, 1.05, 1.0, False, 0.86, 0.035, 0.03, 0.075),
        ("reel", 0.33, 1.30, 1.8, True, 0.84, 0.025, 0.07, 0.065),
        ("story", 0.14, 0.50, 0.55, True, 0.80, 0.12, 0.08, 0.0),
        ("live", 0.03, 0.60, 0.15, True, 0.75, 0.25, 0.0, 0.0),
    ),
    "tiktok": (
        ("video", 0.93, 1.0, 1.0, True, 0.86, 0.03, 0.045, 0.065),
        ("live", 0.07, 0.55, 0.5, True, 0.60, 0.40, 0.0, 0.0),
    ),
    "youtube": (
        ("video", 0.55, 1.0, 1.0, True, 0.92, 0.07, 0.01, 0.0),
        ("short", 0.40, 1.15, 1.7, True, 0.93, 0.04, 0.03, 0.0),
        ("live", 0.05, 1.30, 0.12, True, 0.70, 0.30, 0.0, 0.0),
    ),
    "linkedin": (
        ("text", 0.35, 0.90, 1.0, False, 0.78, 0.17, 0.05, 0.0),
        ("photo", 0.30, 1.00, 1.0, False, 0.82, 0.13, 0.05, 0.0),
        ("video", 0.15, 0.85, 0.9, True, 0.80, 0.12, 0.08, 0.0),
        ("carousel", 0.20, 1.30, 1.2, False, 0.80, 0.12, 0.08, 0.0),
    ),
    "x": (
        ("text", 0.60, 0.90, 1.0, False, 0.72, 0.12, 0.13, 0.03),
        ("photo", 0.30, 1.20, 1.1, False, 0.78, 0.08, 0.11, 0.03),
        ("video", 0.10, 1.10, 1.2, True, 0.75, 0.08, 0.14, 0.03),
    ),
    # Twitch has no likes: chat messages are counted as comments, clips as shares.
    "twitch": (("live", 1.0, 1.0, 1.0, True, 0.0, 0.95, 0.05, 0.0),),
}
FORMAT_CODES: tuple[str, ...] = (
    "photo",
    "carousel",
    "reel",
    "story",
    "live",
    "video",
    "short",
    "text",
)

# Prices per sponsored post, EUR, at follower knots (100, 1k, 10k, 50k, 500k, 1M, 8M): the
# Influencer Marketing Hub ranges of DOMAIN §4 for Instagram, YouTube and TikTok; LinkedIn,
# X and Twitch are project assumptions (Instagram x 1.5, x 0.5, YouTube x 0.6).
PRICE_KNOTS = (2.0, 3.0, 4.0, np.log10(50_000), np.log10(500_000), 6.0, np.log10(8_000_000))
PRICE_CURVE = {
    "instagram": (2, 10, 100, 500, 5_000, 10_000, 40_000),
    "youtube": (4, 20, 200, 1_000, 10_000, 20_000, 60_000),
    "tiktok": (1, 5, 25, 125, 1_250, 2_500, 10_000),
    "linkedin": (3, 15, 150, 750, 7_500, 15_000, 45_000),
    "x": (1, 5, 50, 250, 2_500, 5_000, 20_000),
    "twitch": (2.4, 12, 120, 600, 6_000, 12_000, 36_000),
}

DISCLOSURES: tuple[str, ...] = (
    "Publicité",
    "Collaboration commerciale",
    "Partenariat rémunéré",
    "#ad",
    "#sponsorisé",
)
DISCLOSURE_WEIGHTS = {"fr": (0.25, 0.36, 0.16, 0.08, 0.15), "en": (0.10, 0.15, 0.15, 0.50, 0.10)}

# --- hashtags and captions ------------------------------------------------------------------

# Eleven evergreen tags per niche (a prime count: see _hashtag_table).
HASHTAGS = {
    "beauty": (
        "#beauté",
        "#skincare",
        "#routinebeauté",
        "#maquillage",
        "#soinvisage",
        "#cosmétiques",
        "#beautenaturelle",
        "#peausensible",
        "#makeup",
        "#cleanbeauty",
        "#avisbeauté",
    ),
    "fashion": (
        "#mode",
        "#ootd",
        "#tenuedujour",
        "#style",
        "#lookdujour",
        "#fashion",
        "#modefemme",
        "#friperie",
        "#dressing",
        "#tendance",
        "#modeéthique",
    ),
    "food": (
        "#recette",
        "#cuisine",
        "#faitmaison",
        "#foodie",
        "#gourmand",
        "#recettefacile",
        "#cuisinemaison",
        "#patisserie",
        "#bonappetit",
        "#miam",
        "#produitslocaux",
    ),
    "travel": (
        "#voyage",
        "#travel",
        "#weekend",
        "#roadtrip",
        "#bretagne",
        "#escapade",
        "#voyageenfrance",
        "#randonnee",
        "#vacances",
        "#explorer",
        "#carnetdevoyage",
    ),
    "tech": (
        "#tech",
        "#numérique",
        "#smartphone",
        "#innovation",
        "#gadget",
        "#test",
        "#applis",
        "#informatique",
        "#techfr",
        "#tutoriel",
        "#productivité",
    ),
    "sport": (
        "#sport",
        "#running",
        "#fitness",
        "#entrainement",
        "#course",
        "#musculation",
        "#yoga",
        "#velo",
        "#motivation",
        "#trail",
        "#bienetre",
    ),
    "gaming": (
        "#gaming",
        "#jeuvideo",
        "#twitchfr",
        "#gamer",
        "#streamer",
        "#indiegame",
        "#pcgaming",
        "#nintendoswitch",
        "#retrogaming",
        "#letsplay",
        "#esport",
    ),
    "parenting": (
        "#parentalité",
        "#maman",
        "#papa",
        "#famille",
        "#enfants",
        "#bébé",
        "#viedefamille",
        "#momlife",
        "#activitésenfants",
        "#education",
        "#parents",
    ),
    "b2b": (
        "#entrepreneuriat",
        "#management",
        "#pme",
        "#leadership",
        "#startup",
        "#business",
        "#marketing",
        "#rh",
        "#finance",
        "#transformation",
        "#innovation",
    ),
    "ecology": (
        "#écologie",
        "#zerodechet",
        "#durable",
        "#climat",
        "#consommerautrement",
        "#recyclage",
        "#nature",
        "#sobriété",
        "#transition",
        "#vrac",
        "#biodiversité",
    ),
    "lifestyle": (
        "#lifestyle",
        "#quotidien",
        "#inspiration",
        "#deco",
        "#maison",
        "#routine",
        "#bienetre",
        "#lecture",
        "#organisation",
        "#slowlife",
        "#instadaily",
    ),
    "finance": (
        "#financespersonnelles",
        "#budget",
        "#epargne",
        "#argent",
        "#investissement",
        "#bourse",
        "#immobilier",
        "#conseils",
        "#libertéfinancière",
        "#retraite",
        "#impots",
    ),
}
#: Topics gaining momentum over the last 8 weeks, two per niche (the first one is stronger).
RISING_HASHTAGS = {
    "beauty": ("#skinminimalism", "#slowbeauty"),
    "fashion": ("#garderobecapsule", "#secondemain"),
    "food": ("#antigaspi", "#fermentation"),
    "travel": ("#slowtravel", "#traindenuit"),
    "tech": ("#iagénérative", "#sobriéténumérique"),
    "sport": ("#runclub", "#hyrox"),
    "gaming": ("#cozygame", "#jeuxindés"),
    "parenting": ("#écransenfants", "#motricitélibre"),
    "b2b": ("#factureélectronique", "#iaautravail"),
    "ecology": ("#lowtech", "#réemploi"),
    "lifestyle": ("#digitaldetox", "#journaling"),
    "finance": ("#budgetzéro", "#sobriétéfinancière"),
}
CAPTIONS = {
    "beauty": (
        "Ma routine du matin en trois gestes.",
        "Test honnête après deux semaines.",
        "Les textures que j'adore en ce moment.",
        "Peau sensible : ce qui marche pour moi.",
        "Démaquillage express avant de dormir.",
        "Mes essentiels pour l'hiver.",
        "On parle crème solaire ?",
        "Maquillage naturel pour le bureau.",
        "Ce que j'ai arrêté d'acheter.",
        "Déballage des nouveautés du mois.",
    ),
    "fashion": (
        "Trois façons de porter ce blazer.",
        "Tenue du jour, version pluie.",
        "Mes pièces chinées du week-end.",
        "Garde-robe d'automne en dix pièces.",
        "Le jean que je porte tout le temps.",
        "Essayage : ça passe ou ça casse ?",
        "Les accessoires qui changent tout.",
        "Tenue de soirée à petit prix.",
        "Tri du dressing avant l'été.",
        "Retour de la semaine de la mode.",
    ),
    "food": (
        "Recette de grand-mère revisitée.",
        "Dîner prêt en vingt minutes.",
        "Mon goûter préféré de la semaine.",
        "Soupe maison pour les soirs froids.",
        "Cuisine du dimanche pour toute la semaine.",
        "Le marché du samedi en images.",
        "Tarte rustique aux légumes.",
        "Pique-nique facile et sans plastique.",
        "Crêpes pour toute la famille.",
        "Trois sauces à garder sous la main.",
    ),
    "travel": (
        "Un week-end à deux heures de chez vous.",
        "Carnet de route en Bretagne.",
        "Mes adresses préférées à Lisbonne.",
        "Voyager léger : ma valise cabine.",
        "Randonnée au lever du soleil.",
        "Le village coup de cœur de l'été.",
        "Le budget détaillé de ce séjour.",
        "Road trip entre amis.",
        "Une nuit en refuge, sans réseau.",
        "Les erreurs à éviter en voyage.",
    ),
    "tech": (
        "J'ai testé ce smartphone pendant un mois.",
        "Mon bureau, version 2026.",
        "Trois applis qui me font gagner du temps.",
        "Faut-il changer d'ordinateur ?",
        "Tutoriel : sauvegarder ses photos.",
        "Les gadgets utiles et les autres.",
        "Retour sur le salon tech.",
        "Comparatif d'écouteurs sans fil.",
        "Réparer plutôt que racheter.",
        "Ce que l'IA change dans mon travail.",
    ),
    "sport": (
        "Séance de trente minutes sans matériel.",
        "Je prépare mon premier semi-marathon.",
        "Récupération : mes habitudes.",
        "Le vélo pour aller au travail.",
        "L'échauffement à ne pas zapper.",
        "Fractionné du mardi.",
        "Ce que je mange avant une course.",
        "Yoga du soir pour bien dormir.",
        "Mon objectif de la saison.",
        "Sortie longue sous la pluie.",
    ),
    "gaming": (
        "Nouvelle session ce soir en direct.",
        "Mon avis sur ce jeu indé.",
        "Top 5 des jeux cosy de l'année.",
        "Speedrun raté mais drôle.",
        "Un setup gaming à petit budget.",
        "On découvre la démo ensemble.",
        "Astuce pour le boss final.",
        "Retour sur la soirée communautaire.",
        "Les jeux qui m'ont marqué.",
        "Tournoi entre abonnés samedi.",
    ),
    "parenting": (
        "Notre routine du coucher.",
        "Activité pluie pour les petits.",
        "Repas rapides que les enfants aiment.",
        "Ce que j'aurais aimé savoir avant.",
        "Sortie au parc en famille.",
        "Organiser la rentrée sans stress.",
        "Jeux sans écran pour le week-end.",
        "Notre sac de maternité.",
        "Les petites victoires du quotidien.",
        "Vacances avec des enfants : mes conseils.",
    ),
    "b2b": (
        "Trois leçons tirées de notre dernier recrutement.",
        "Comment nous avons réduit nos délais de paiement.",
        "Ce que les PME me demandent le plus.",
        "Retour d'expérience sur une transformation.",
        "Piloter sa trésorerie en période incertaine.",
        "Le management hybride, un an après.",
        "Automatiser sans perdre le contact client.",
        "Mes notes de la conférence d'hier.",
        "Prospection : ce qui marche encore.",
        "Pourquoi nous avons changé d'outil.",
    ),
    "ecology": (
        "Un mois sans achat neuf.",
        "Composter en appartement, c'est possible.",
        "Réparer son vélo soi-même.",
        "Mes alternatives au plastique.",
        "Potager sur le balcon : le bilan.",
        "Réduire sa facture d'énergie.",
        "Visite d'une ressourcerie.",
        "Seconde main : mes astuces.",
        "Cuisiner les fanes et les épluchures.",
        "Partir en vacances en train.",
    ),
    "lifestyle": (
        "Dimanche tranquille à la maison.",
        "Ma routine pour bien commencer la semaine.",
        "Le salon avant et après.",
        "Mes lectures du mois.",
        "Trois habitudes qui ont changé mon année.",
        "Petit-déjeuner du week-end.",
        "L'organisation de mon agenda.",
        "Soirée entre amis à la maison.",
        "Mes favoris du moment.",
        "Nouvelle saison, nouvelles envies.",
    ),
    "finance": (
        "Construire son premier budget.",
        "Épargne de précaution : combien ?",
        "Les frais bancaires à surveiller.",
        "Comprendre son bulletin de salaire.",
        "Préparer sa déclaration de revenus.",
        "Acheter ou louer ?",
        "Mes erreurs d'argent à 25 ans.",
        "Négocier son salaire.",
        "Les arnaques à éviter en ligne.",
        "Se fixer un objectif d'épargne.",
    ),
}
# Fictional advertisers named in sponsored captions, four per niche.
ADVERTISERS = {
    "beauty": ("Nacrelis", "Lysandre Cosmétiques", "Atelier Camomille", "Oréade Skin"),
    "fashion": ("Maison Fauve", "Lin & Lune", "Atelier Corsaire", "Bleu Garance"),
    "food": ("Galettes Trévarec", "Ferme du Vallon", "Épices Sauvages", "Moulin Brizh"),
    "travel": ("Valises Nomade", "Hôtels Azimut", "Rails & Sac", "Gîtes Horizon"),
    "tech": ("Ondelia", "Pixelune", "Kaptor", "Néobyte"),
    "sport": ("Foulée Libre", "Vélo Zéphyr", "Nutrisprint", "Cime Outdoor"),
    "gaming": ("Lanterne Games", "Nébula Forge", "ManetteLab", "Atelier Borée"),
    "parenting": ("Petit Colibri", "Doudou & Cie", "Mini Baluchon", "Tartine Junior"),
    "b2b": ("Comptanova", "Billaro", "Papyrus Cloud", "Talento RH"),
    "ecology": ("Vrac & Vous", "Solaris Habitat", "Recyclette", "Graine d'Avenir"),
    "lifestyle": ("Maison Opaline", "Bougies Lueur", "Carnet Céleste", "Thé Nuage"),
    "finance": ("Azurys Banque", "Épargnia", "Budgetto", "Courtage Horizon"),
}
# Posting hour of day (local time), weights for 0h..23h.
HOUR_WEIGHTS = (
    1,
    0.5,
    0.3,
    0.2,
    0.2,
    0.3,
    1,
    2.5,
    4,
    4,
    3.5,
    4,
    6,
    5,
    3.5,
    3,
    3.5,
    5,
    7.5,
    8.5,
    8,
    6,
    4,
    2,
)

# --- client campaigns -----------------------------------------------------------------------

# Per case: (name, start, end, platforms, tiers, influencers, quality, season uplift).
# Quality < 0.7 makes a campaign lose money (ROAS < 1): the learnings of the client history.
CAMPAIGNS = {
    "cosmetique-lancement": (
        (
            "Fête des mères 2024",
            "2024-05-06",
            "2024-05-26",
            ("instagram",),
            ("nano", "micro", "mid"),
            10,
            1.3,
            1.3,
        ),
        (
            "Rentrée éclat 2024",
            "2024-09-09",
            "2024-09-29",
            ("instagram",),
            ("micro", "mid"),
            6,
            0.9,
            1.0,
        ),
        (
            "Noël 2024",
            "2024-11-18",
            "2024-12-22",
            ("instagram",),
            ("micro", "mid", "macro"),
            10,
            1.2,
            1.35,
        ),
        (
            "Printemps TikTok 2025",
            "2025-03-17",
            "2025-04-06",
            ("tiktok",),
            ("macro", "mega"),
            3,
            0.4,
            1.0,
        ),
        (
            "Fête des mères 2025",
            "2025-05-05",
            "2025-05-25",
            ("instagram", "tiktok"),
            ("nano", "micro"),
            12,
            1.4,
            1.3,
        ),
        (
            "Black Friday 2025",
            "2025-11-17",
            "2025-11-30",
            ("instagram",),
            ("mid", "macro"),
            4,
            0.6,
            1.1,
        ),
        (
            "Noël 2025",
            "2025-12-01",
            "2025-12-21",
            ("instagram", "tiktok"),
            ("micro", "mid"),
            10,
            1.2,
            1.35,
        ),
        (
            "Fête des mères 2026",
            "2026-05-11",
            "2026-05-31",
            ("instagram", "tiktok"),
            ("nano", "micro"),
            12,
            1.3,
            1.3,
        ),
        ("Été solaire 2026", "2026-06-22", "2026-07-19", ("instagram",), ("mid",), 5, 0.5, 0.9),
        (
            "Avant-première Noël 2026",
            "2026-11-09",
            "2026-11-29",
            ("instagram",),
            ("micro", "mid"),
            8,
            1.1,
            1.25,
        ),
    ),
    "terroir-regional": (
        (
            "Chandeleur 2024",
            "2024-01-22",
            "2024-02-04",
            ("instagram",),
            ("nano", "micro"),
            8,
            1.0,
            1.2,
        ),
        (
            "Été en Bretagne 2024",
            "2024-07-01",
            "2024-07-28",
            ("instagram",),
            ("micro",),
            6,
            0.8,
            1.0,
        ),
        (
            "Coffrets de Noël 2024",
            "2024-11-25",
            "2024-12-20",
            ("instagram",),
            ("nano", "micro"),
            10,
            1.1,
            1.35,
        ),
        (
            "Chandeleur 2025",
            "2025-01-20",
            "2025-02-02",
            ("instagram", "tiktok"),
            ("nano", "micro"),
            8,
            1.0,
            1.2,
        ),
        (
            "Goûter de la rentrée 2025",
            "2025-08-25",
            "2025-09-14",
            ("instagram",),
            ("micro", "mid"),
            5,
            0.5,
            1.0,
        ),
        (
            "Coffrets de Noël 2025",
            "2025-11-24",
            "2025-12-19",
            ("instagram",),
            ("nano", "micro"),
            10,
            1.2,
            1.35,
        ),
        (
            "Chandeleur 2026",
            "2026-01-19",
            "2026-02-01",
            ("instagram", "tiktok"),
            ("nano", "micro"),
            8,
            1.1,
            1.2,
        ),
        (
            "Salon de l'agriculture 2026",
            "2026-02-23",
            "2026-03-08",
            ("instagram",),
            ("micro",),
            4,
            0.9,
            1.0,
        ),
        (
            "Été en Bretagne 2026",
            "2026-07-06",
            "2026-08-02",
            ("instagram", "tiktok"),
            ("micro", "mid"),
            6,
            0.7,
            1.0,
        ),
    ),
    "saas-b2b-linkedin": (
        (
            "Webinaires experts 2024",
            "2024-03-11",
            "2024-04-05",
            ("linkedin",),
            ("nano", "micro"),
            6,
            1.2,
            1.0,
        ),
        (
            "Rentrée des PME 2024",
            "2024-09-09",
            "2024-10-04",
            ("linkedin",),
            ("micro", "mid"),
            6,
            1.0,
            1.1,
        ),
        (
            "Budgets de janvier 2025",
            "2025-01-13",
            "2025-02-07",
            ("linkedin",),
            ("micro",),
            6,
            1.1,
            1.1,
        ),
        (
            "Créateurs tech YouTube 2025",
            "2025-05-12",
            "2025-06-06",
            ("youtube",),
            ("mid", "macro"),
            3,
            0.4,
            1.0,
        ),
        (
            "Réforme de la facture électronique 2025",
            "2025-09-15",
            "2025-10-10",
            ("linkedin",),
            ("nano", "micro", "mid"),
            8,
            1.3,
            1.2,
        ),
        (
            "Budgets de janvier 2026",
            "2026-01-12",
            "2026-02-06",
            ("linkedin",),
            ("micro", "mid"),
            7,
            1.1,
            1.1,
        ),
        ("Lives experts 2026", "2026-05-18", "2026-06-05", ("linkedin",), ("micro",), 5, 1.2, 1.0),
        (
            "Rentrée conformité 2026",
            "2026-09-07",
            "2026-10-02",
            ("linkedin", "youtube"),
            ("micro", "mid"),
            8,
            1.0,
            1.2,
        ),
    ),
    "jeu-independant-communaute": (
        (
            "Annonce au festival de démos 2024",
            "2024-06-03",
            "2024-06-24",
            ("twitch", "youtube"),
            ("micro", "mid"),
            8,
            1.2,
            1.0,
        ),
        (
            "Sortie des Lucioles 2024",
            "2024-10-07",
            "2024-10-27",
            ("twitch", "youtube"),
            ("nano", "micro", "mid", "macro"),
            12,
            1.4,
            1.3,
        ),
        ("Soldes d'hiver 2024", "2024-12-16", "2025-01-05", ("twitch",), ("micro",), 5, 0.8, 1.2),
        (
            "Découverte TikTok 2025",
            "2025-03-03",
            "2025-03-23",
            ("tiktok",),
            ("mid", "macro"),
            4,
            0.4,
            1.0,
        ),
        (
            "Anniversaire des Lucioles 2025",
            "2025-10-06",
            "2025-10-19",
            ("twitch", "youtube"),
            ("micro", "mid"),
            6,
            1.0,
            1.0,
        ),
        ("Soldes d'hiver 2025", "2025-12-15", "2026-01-04", ("twitch",), ("micro",), 5, 0.9, 1.2),
        (
            "Révélation des Veilleurs de Brume 2026",
            "2026-06-08",
            "2026-06-21",
            ("twitch", "youtube"),
            ("micro", "mid", "macro"),
            8,
            1.1,
            1.0,
        ),
        (
            "Démo jouable 2026",
            "2026-10-12",
            "2026-10-25",
            ("twitch", "youtube", "tiktok"),
            ("nano", "micro", "mid"),
            10,
            1.2,
            1.1,
        ),
    ),
}
# CPM drawn log-uniformly per platform, EUR: DOMAIN §4 for Instagram, TikTok and YouTube;
# LinkedIn, X and Twitch are project assumptions.
CAMPAIGN_CPM = {
    "instagram": (5, 15),
    "tiktok": (3, 25),
    "youtube": (10, 50),
    "linkedin": (15, 45),
    "x": (4, 12),
    "twitch": (8, 30),
}
CAMPAIGN_ENGAGEMENT = {
    "instagram": (0.02, 0.05),
    "tiktok": (0.04, 0.08),
    "youtube": (0.02, 0.04),
    "linkedin": (0.02, 0.04),
    "x": (0.005, 0.02),
    "twitch": (0.03, 0.06),
}
# Smaller accounts click and convert better; prices rose from 2024 to 2026.
TIER_CTR = {"below_nano": 1.15, "nano": 1.15, "micro": 1.1, "mid": 1.0, "macro": 0.85, "mega": 0.7}
TIER_CR = {"below_nano": 1.2, "nano": 1.2, "micro": 1.15, "mid": 1.0, "macro": 0.8, "mega": 0.65}
FORMAT_CTR = {"story": 1.4, "live": 0.8, "short": 0.7, "text": 1.1}
YEAR_PRICE = {2024: 0.85, 2025: 0.93, 2026: 1.0}

# --- brand mentions -------------------------------------------------------------------------

MENTION_CHANNELS: tuple[tuple[str, str], ...] = (
    ("instagram", "influencer"),
    ("instagram", "brand"),
    ("instagram", "consumer"),
    ("tiktok", "influencer"),
    ("tiktok", "brand"),
    ("tiktok", "consumer"),
    ("youtube", "influencer"),
    ("youtube", "brand"),
    ("youtube", "consumer"),
    ("linkedin", "influencer"),
    ("linkedin", "brand"),
    ("linkedin", "consumer"),
    ("x", "brand"),
    ("x", "media"),
    ("x", "consumer"),
    ("press", "media"),
    ("blogs", "influencer"),
    ("blogs", "media"),
    ("forums", "consumer"),
)
# Expected weekly mentions per channel, by product category (MENTION_CHANNELS order).
MENTION_MIX = {
    "cosmetics": (9, 2, 6, 6, 1.5, 5, 2, 0.3, 1.5, 0.2, 0.3, 0.2, 0.5, 0.4, 2, 1, 1.5, 0.6, 2),
    "food": (6, 2, 5, 3, 1, 3, 1.5, 0.3, 1, 0.3, 0.5, 0.3, 0.5, 0.5, 1.5, 1.5, 2, 0.8, 1.5),
    "software": (0.3, 0.3, 0.2, 0.2, 0.2, 0.2, 1.5, 0.5, 0.5, 8, 3, 4, 1.5, 1, 2, 1.5, 2, 1.5, 1.5),
    "video_games": (2, 1, 2, 4, 1, 5, 7, 1, 6, 0.2, 0.5, 0.2, 2, 1.5, 6, 1, 2, 2, 6),
}
SENTIMENT = {
    "influencer": (0.62, 0.05),
    "brand": (0.55, 0.0),
    "media": (0.32, 0.10),
    "consumer": (0.42, 0.18),
}  # (positive share, negative share)

# --- truth for tests (default seed and size) --------------------------------------------------

#: Accounts given a bought-follower jump (+15-40 % in one week, no viral post that week).
BOUGHT_JUMP_IDS: tuple[str, ...] = (
    "INF0004",
    "INF0114",
    "INF0139",
    "INF0150",
    "INF0201",
    "INF0206",
    "INF0220",
    "INF0286",
    "INF0303",
    "INF0338",
)
#: Accounts given an organic jump explained by a viral post in the same week.
ORGANIC_JUMP_IDS: tuple[str, ...] = (
    "INF0178",
    "INF0226",
    "INF0248",
    "INF0263",
    "INF0354",
)
#: Accounts whose engagement is far above their tier's norm (engagement pods).
ENGAGEMENT_POD_IDS: tuple[str, ...] = (
    "INF0020",
    "INF0028",
    "INF0052",
    "INF0096",
    "INF0180",
    "INF0187",
    "INF0197",
    "INF0204",
    "INF0221",
    "INF0278",
    "INF0287",
)
#: Accounts whose comments-to-likes ratio is far off their peers'.
COMMENT_OUTLIER_IDS: tuple[str, ...] = (
    "INF0027",
    "INF0071",
    "INF0076",
    "INF0106",
    "INF0115",
    "INF0131",
    "INF0170",
    "INF0251",
    "INF0279",
    "INF0331",
    "INF0332",
)
#: Accounts using their niche's rising hashtags months before the others.
EARLY_ADOPTER_IDS: tuple[str, ...] = (
    "INF0004",
    "INF0049",
    "INF0052",
    "INF0063",
    "INF0083",
    "INF0092",
    "INF0101",
    "INF0102",
    "INF0110",
    "INF0115",
    "INF0133",
    "INF0138",
    "INF0155",
    "INF0181",
    "INF0195",
    "INF0216",
    "INF0245",
    "INF0248",
    "INF0257",
    "INF0270",
    "INF0329",
    "INF0339",
    "INF0355",
    "INF0357",
)


# --- helpers ----------------------------------------------------------------------------------


def _curve(
    values: Sequence[float], log_followers: np.ndarray, knots: Sequence[float] = CURVE_KNOTS
) -> np.ndarray:
    """A value interpolated log-linearly between knots of log10(followers)."""
    return np.exp(np.interp(log_followers, knots, np.log(np.asarray(values, dtype=float))))


def _allocate(weights: Sequence[float], n: int) -> np.ndarray:
    """Exact counts summing to n, proportional to weights (largest remainders)."""
    w = np.asarray(weights, dtype=float)
    quota = w / w.sum() * n
    counts = np.floor(quota).astype(np.int64)
    remainder = n - counts.sum()
    if remainder:
        counts[np.argsort(-(quota - counts), kind="stable")[:remainder]] += 1
    return counts


def _shuffled_labels(weights: Sequence[float], n: int, rng: np.random.Generator) -> np.ndarray:
    """n label indices in exact proportion to weights, in random order."""
    return rng.permutation(np.repeat(np.arange(len(weights)), _allocate(weights, n)))


def _pick(rng: np.random.Generator, mask: np.ndarray, k: int) -> np.ndarray:
    """Up to k distinct row indices where mask holds, in ascending order."""
    rows = np.flatnonzero(mask)
    k = min(k, len(rows))
    return np.sort(rng.choice(rows, size=k, replace=False)) if k else rows[:0]


def tier_codes(followers: np.ndarray) -> np.ndarray:
    """Tier codes of follower counts, DOMAIN §3 default scheme (half-open intervals)."""
    index = np.searchsorted(TIER_LOWER_BOUNDS, np.asarray(followers), side="right") - 1
    return np.asarray(TIERS, dtype=object)[index]


def _fold(text: str) -> str:
    """Lower-case ASCII letters and digits of a name, words separated by spaces."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def _stratified_factor(rng: np.random.Generator, group: np.ndarray, sigma: float) -> np.ndarray:
    """Lognormal factors whose quantiles are spread evenly inside each group (median 1).

    Small groups (11 mega Instagram accounts) then keep their tier's median, whatever the seed.
    """
    factor = np.ones(len(group))
    for code in np.unique(group):
        rows = np.flatnonzero(group == code)
        quantile = (rng.permutation(len(rows)) + 0.5) / len(rows)
        factor[rows] = np.exp(sigma * ndtri(quantile))
    return factor


def _round_price(price: np.ndarray) -> np.ndarray:
    """Declared prices on round figures: steps of half the price's order of magnitude."""
    price = np.maximum(price, 5.0)
    step = 10.0 ** np.floor(np.log10(price)) / 2
    return np.maximum(np.round(price / step) * step, 5.0)


# --- influencers ------------------------------------------------------------------------------


def generate_influencers(
    n: int = DEFAULT_N_INFLUENCERS, rng: np.random.Generator | None = None
) -> pd.DataFrame:
    """n fictional accounts; columns starting with ``_`` are generator internals (not written)."""
    rng = rng if rng is not None else np.random.default_rng(DEFAULT_SEED)
    platform_idx = _shuffled_labels(PLATFORM_SHARES, n, rng)
    platform = np.asarray(PLATFORMS, dtype=object)[platform_idx]

    tier_idx = np.zeros(n, dtype=np.int64)
    niche_idx = np.zeros(n, dtype=np.int64)
    for p, name in enumerate(PLATFORMS):
        rows = np.flatnonzero(platform_idx == p)
        tier_idx[rows] = _shuffled_labels(PLATFORM_TIER_WEIGHTS[name], len(rows), rng)
        weights = np.asarray(PLATFORM_NICHE_WEIGHTS[name], dtype=float)
        niche_idx[rows] = rng.choice(len(NICHES), size=len(rows), p=weights / weights.sum())
    low = np.log10([TIER_SAMPLING[t][0] for t in tier_idx])
    high = np.log10([TIER_SAMPLING[t][1] for t in tier_idx])
    followers = np.floor(10 ** rng.uniform(low, high)).astype(np.int64)
    log_f = np.log10(followers)
    niche = np.asarray(NICHES, dtype=object)[niche_idx]

    country_idx = rng.choice(len(COUNTRIES), size=n, p=COUNTRY_WEIGHTS)
    country = np.asarray(COUNTRIES, dtype=object)[country_idx]
    city = np.empty(n, dtype=object)
    for code, cities in CITIES.items():
        rows = np.flatnonzero(country == code)
        weights = np.array([w for _, w in cities], dtype=float)
        city[rows] = np.asarray([c for c, _ in cities], dtype=object)[
            rng.choice(len(cities), size=len(rows), p=weights / weights.sum())
        ]
    language = np.where((country == "CA") & (rng.random(n) < 0.35), "en", "fr").astype(object)

    female_creator = rng.random(n) < np.asarray(NICHE_FEMALE_CREATOR)[niche_idx]
    display_name, first = _names(rng, country, niche, female_creator, platform)
    handle = _handles(display_name, platform)

    # Audience: gender, age bands (a Dirichlet around the platform x niche profile), countries.
    female_mean = np.clip(
        np.asarray(NICHE_FEMALE_AUDIENCE)[niche_idx] + np.where(female_creator, 0.04, -0.04),
        0.05,
        0.95,
    )
    female_share = np.round(rng.beta(female_mean * 25, (1 - female_mean) * 25), 3)
    alpha = np.array(
        [
            np.multiply(PLATFORM_AGE_PROFILE[p], NICHE_AGE_TILT[c])
            for p, c in zip(platform, niche, strict=True)
        ]
    ).reshape(n, len(AGE_BANDS))
    alpha = alpha / alpha.sum(axis=1, keepdims=True) * 40
    ages = rng.gamma(np.maximum(alpha, 1e-3))
    ages = np.round(ages / ages.sum(axis=1, keepdims=True), 3)
    largest = ages.argmax(axis=1)
    ages[np.arange(n), largest] = np.round(
        1.0 - (ages.sum(axis=1) - ages[np.arange(n), largest]), 3
    )

    own = rng.random(n) < np.array([TOP_COUNTRY_OWN_SHARE[c] for c in country])
    top_country = np.where(own, country, "FR").astype(object)
    top_country[(~own) & (country == "FR")] = "BE"
    top_share = np.where(top_country == "FR", rng.uniform(0.55, 0.9, n), rng.uniform(0.4, 0.8, n))
    top_share = np.round(np.where(own, top_share, rng.uniform(0.35, 0.55, n)), 3)

    # Audience quality: most accounts 0.78-0.95 credible, about 12 % under 0.75.
    low_quality = rng.random(n) < 0.12
    credibility = np.where(
        low_quality, rng.uniform(0.48, 0.745, n), np.clip(rng.normal(0.865, 0.04, n), 0.755, 0.97)
    )

    growth_mean = np.array([0.30, 0.30, 0.22, 0.14, 0.09, 0.06])[tier_idx]
    annual = np.exp(rng.normal(np.log1p(growth_mean), 0.08))
    decliner = rng.random(n) < 0.06
    annual = np.where(decliner, rng.uniform(0.88, 0.97, n), annual)

    sponsor_base = np.array([0.08, 0.16, 0.24, 0.28, 0.30, 0.28])[tier_idx]
    niche_factor = np.select(
        [np.isin(niche, ("beauty", "fashion")), niche == "b2b", niche == "gaming"],
        [1.2, 0.5, 0.8],
        1.0,
    )
    sponsor_rate = np.clip(sponsor_base * niche_factor * rng.lognormal(0, 0.3, n), 0.02, 0.6)
    careless = rng.random(n) < 0.08
    disclosure_rate = np.where(careless, rng.uniform(0.3, 0.6, n), rng.uniform(0.85, 0.98, n))

    frame = pd.DataFrame(
        {
            "influencer_id": [f"INF{i:0{max(4, len(str(n)))}d}" for i in range(1, n + 1)],
            "handle": handle,
            "display_name": display_name,
            "platform": platform,
            "niche": niche,
            "country": country,
            "city": city,
            "language": language,
            "followers": followers,
            "following": np.zeros(n, dtype=np.int64),
            "posts_count": (rng.lognormal(np.log(450), 0.7, n) + 120).astype(np.int64),
            "price_per_post_eur": np.zeros(n),
            "audience_female_share": female_share,
            **{f"audience_age_{band}": ages[:, k] for k, band in enumerate(AGE_BANDS)},
            "audience_top_country": top_country,
            "audience_top_country_share": top_share,
            "audience_credibility": credibility,
            "suspicious_followers_share": np.zeros(n),
            "mass_followers_share": np.zeros(n),
            "_tier": np.asarray(TIERS, dtype=object)[tier_idx],
            "_first_name": first,
            "_growth": np.log(annual) / 52.0,
            "_er_factor": _stratified_factor(rng, platform_idx * len(TIERS) + tier_idx, 0.28),
            "_activity": rng.lognormal(0, 0.35, n),
            "_sponsor_rate": sponsor_rate,
            "_disclosure_rate": disclosure_rate,
            "_comment_factor": rng.lognormal(0, 0.12, n),
            "_jump_kind": np.full(n, "", dtype=object),
            "_jump_week": np.full(n, -1, dtype=np.int64),
            "_jump_size": np.zeros(n),
            "_pod": np.zeros(n, dtype=bool),
            "_early_adopter": np.zeros(n, dtype=bool),
        }
    )
    _plant_anomalies(frame, rng)

    # Fraud signals follow credibility; bought followers come with low credibility.
    credibility = frame["audience_credibility"].to_numpy()
    frame["suspicious_followers_share"] = np.round((1 - credibility) * rng.uniform(0.45, 0.8, n), 3)
    low_cred = credibility < 0.75
    frame["mass_followers_share"] = np.round(
        rng.uniform(0.03, 0.10, n) + np.where(low_cred, rng.uniform(0.06, 0.16, n), 0.0), 3
    )
    frame["audience_credibility"] = np.round(credibility, 3)
    following = np.where(
        tier_idx <= 1, rng.lognormal(np.log(650), 0.5, n), rng.lognormal(np.log(380), 0.6, n)
    )
    following = np.where(low_cred & (rng.random(n) < 0.6), rng.uniform(2_000, 7_500, n), following)
    frame["following"] = following.astype(np.int64)

    price = np.empty(n)
    for name in PLATFORMS:
        rows = platform == name
        price[rows] = _curve(PRICE_CURVE[name], log_f[rows], PRICE_KNOTS)
    price = _round_price(price * rng.lognormal(0, 0.25, n))
    # Keep the three DOMAIN platforms inside their published tier ranges.
    for name in ("instagram", "youtube", "tiktok"):
        knots = PRICE_CURVE[name]
        bounds = {
            1: (knots[1], knots[2]),
            2: (knots[2], knots[3]),
            3: (knots[3], knots[4]),
            4: (knots[4], knots[5]),
            5: (knots[5], np.inf),
        }
        for t, (lo, hi) in bounds.items():
            rows = (platform == name) & (tier_idx == t)
            price[rows] = np.clip(price[rows], lo, hi)
    frame["price_per_post_eur"] = np.round(price, 2)
    return frame


def _names(
    rng: np.random.Generator,
    country: np.ndarray,
    niche: np.ndarray,
    female: np.ndarray,
    platform: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Display names (person or creator style) and first names, by country's name pool."""
    n = len(country)
    first = np.empty(n, dtype=object)
    last = np.empty(n, dtype=object)
    group = np.array([NAME_GROUP[c] for c in country], dtype=object)
    for code, (female_names, male_names) in FIRST_NAMES.items():
        for is_female, pool in ((True, female_names), (False, male_names)):
            rows = np.flatnonzero((group == code) & (female == is_female))
            first[rows] = np.asarray(pool, dtype=object)[rng.integers(0, len(pool), len(rows))]
        rows = np.flatnonzero(group == code)
        last[rows] = np.asarray(LAST_NAMES[code], dtype=object)[
            rng.integers(0, len(LAST_NAMES[code]), len(rows))
        ]
    person = pd.Series(first) + " " + pd.Series(last)
    display = person.to_numpy(dtype=object).copy()
    creator_style = (rng.random(n) < 0.45) & (platform != "linkedin")
    pattern = rng.integers(0, 3, n)
    for code, variants in CREATOR_NAMES.items():
        for gender, templates in enumerate(variants):
            for k, template in enumerate(templates):
                rows = np.flatnonzero(
                    creator_style & (niche == code) & (female == (gender == 0)) & (pattern == k)
                )
                display[rows] = [
                    template.format(f=f, l=l_)
                    for f, l_ in zip(first[rows], last[rows], strict=True)
                ]
    # French elision: "Le labo d'Olivier", not "Le labo de Olivier".
    display = pd.Series(display).str.replace(r"\bde (?=[AEIOUÉÈÊÂÎÔ])", "d'", regex=True)
    return display.to_numpy(dtype=object), first


def _handles(display_name: np.ndarray, platform: np.ndarray) -> np.ndarray:
    """Unique @handles built from display names, with the platform's usual separator."""
    folded = pd.Series(display_name).map(_fold)
    separator = pd.Series(platform).map(HANDLE_SEPARATOR)
    words = folded.str.split(" ")
    base = pd.Series([sep.join(w) for w, sep in zip(words, separator, strict=True)])
    handle = base.copy()
    while handle.duplicated().any():
        rank = handle.groupby(handle).cumcount()
        handle = handle.where(rank == 0, handle + (rank + 1).astype(str))
    return ("@" + handle).to_numpy(dtype=object)


def _plant_anomalies(frame: pd.DataFrame, rng: np.random.Generator) -> None:
    """Choose the accounts with follower jumps, pods, odd comment ratios and early hashtags."""
    n = len(frame)
    platform = frame["platform"].to_numpy(copy=True)
    followers = frame["followers"].to_numpy(copy=True)
    niche = frame["niche"].to_numpy(copy=True)
    taken = np.zeros(n, dtype=bool)

    bought = _pick(
        rng,
        np.isin(platform, ("instagram", "tiktok", "x", "youtube")) & (followers >= 5_000),
        max(1, round(n * 10 / 360)),
    )
    taken[bought] = True
    organic = _pick(
        rng,
        np.isin(platform, ("instagram", "tiktok", "youtube")) & (followers >= 3_000) & ~taken,
        max(1, round(n * 5 / 360)),
    )
    taken[organic] = True
    kind = frame["_jump_kind"].to_numpy(copy=True)
    kind[bought], kind[organic] = "bought", "organic"
    frame["_jump_kind"] = kind
    week = frame["_jump_week"].to_numpy(copy=True)
    week[bought] = rng.integers(6, 46, len(bought))
    week[organic] = rng.integers(6, 40, len(organic))
    frame["_jump_week"] = week
    size = frame["_jump_size"].to_numpy(copy=True)
    size[bought] = rng.uniform(0.15, 0.40, len(bought))
    size[organic] = rng.uniform(0.15, 0.40, len(organic))
    frame["_jump_size"] = size
    credibility = frame["audience_credibility"].to_numpy(copy=True)
    credibility[bought] = rng.uniform(0.52, 0.70, len(bought))
    frame["audience_credibility"] = credibility

    pods = _pick(
        rng,
        np.isin(platform, ("instagram", "tiktok"))
        & (followers >= 5_000)
        & (followers < 500_000)
        & ~taken,
        round(n * 0.03),
    )
    taken[pods] = True
    pod = frame["_pod"].to_numpy(copy=True)
    pod[pods] = True
    frame["_pod"] = pod
    er_factor = frame["_er_factor"].to_numpy(copy=True)
    er_factor[pods] = rng.uniform(3.5, 5.5, len(pods))
    frame["_er_factor"] = er_factor

    odd = _pick(rng, (platform != "twitch") & (followers >= 1_000) & ~taken, round(n * 0.03))
    comment = frame["_comment_factor"].to_numpy(copy=True)
    comment[odd] = np.where(
        rng.random(len(odd)) < 0.6,
        rng.uniform(5.0, 8.0, len(odd)),
        rng.uniform(0.08, 0.15, len(odd)),
    )
    frame["_comment_factor"] = comment

    early = frame["_early_adopter"].to_numpy(copy=True)
    for code in NICHES:
        early[_pick(rng, (niche == code) & (followers >= 1_000), max(1, round(n * 2 / 360)))] = True
    frame["_early_adopter"] = early


# --- follower history -------------------------------------------------------------------------


# Neutral values of the generator's internal columns, for influencers read from a CSV.
_INTERNAL_DEFAULTS: dict[str, object] = {
    "_growth": np.log(1.2) / 52,
    "_er_factor": 1.0,
    "_activity": 1.0,
    "_sponsor_rate": 0.2,
    "_disclosure_rate": 0.9,
    "_comment_factor": 1.0,
    "_jump_kind": "",
    "_jump_week": -1,
    "_jump_size": 0.0,
    "_pod": False,
    "_early_adopter": False,
}


def _with_internals(influencers: pd.DataFrame) -> pd.DataFrame:
    """The accounts with every internal column, neutral defaults filling the missing ones."""
    missing = {k: v for k, v in _INTERNAL_DEFAULTS.items() if k not in influencers.columns}
    return influencers.assign(**missing).reset_index(drop=True) if missing else influencers


def _followers_at(
    influencers: pd.DataFrame, week: np.ndarray, rows: np.ndarray, engaged: bool = False
) -> np.ndarray:
    """Smooth follower count at the end of ``week`` for account ``rows`` (no weekly noise).

    ``engaged`` leaves out bought followers, who never interact.
    """
    followers = influencers["followers"].to_numpy(dtype=float)[rows]
    growth = influencers["_growth"].to_numpy()[rows]
    kind = influencers["_jump_kind"].to_numpy()[rows]
    jump_week = influencers["_jump_week"].to_numpy()[rows]
    jump = np.log1p(influencers["_jump_size"].to_numpy()[rows])
    log_f = np.log(followers) - growth * (N_WEEKS - 1 - week)
    before = (kind != "") & (week < jump_week)
    log_f = log_f - np.where(before, jump, 0.0)
    if engaged:
        log_f = log_f - np.where((kind == "bought") & ~before, jump, 0.0)
    return np.exp(log_f)


def generate_follower_history(
    influencers: pd.DataFrame, rng: np.random.Generator | None = None
) -> pd.DataFrame:
    """Weekly follower counts (end of each week) over the period, ending at ``followers``."""
    rng = rng if rng is not None else np.random.default_rng(DEFAULT_SEED)
    influencers = _with_internals(influencers)
    n = len(influencers)
    weeks = np.tile(np.arange(N_WEEKS), n)
    rows = np.repeat(np.arange(n), N_WEEKS)
    smooth = _followers_at(influencers, weeks, rows).reshape(n, N_WEEKS)
    # A small random walk, pinned to zero on the last week so the series ends exactly.
    walk = rng.normal(0, 0.0035, (n, N_WEEKS)).cumsum(axis=1)
    walk -= walk[:, -1:]
    counts = np.rint(smooth * np.exp(walk)).astype(np.int64)
    counts[:, -1] = influencers["followers"].to_numpy()
    monday = np.datetime64(PERIOD_START.isoformat(), "D") + 7 * np.arange(N_WEEKS)
    return pd.DataFrame(
        {
            "influencer_id": np.repeat(influencers["influencer_id"].to_numpy(), N_WEEKS),
            "week": np.tile(monday, n).astype("datetime64[s]"),
            "followers": counts.ravel(),
        }
    )


# --- posts --------------------------------------------------------------------------------------


def _format_tables() -> dict[str, np.ndarray]:
    """Per-format arrays indexed like FORMAT_CODES x PLATFORMS (ER, reach, video, split)."""
    shape = (len(PLATFORMS), len(FORMAT_CODES))
    tables = {key: np.zeros(shape) for key in ("er", "reach", "video")}
    tables["split"] = np.zeros((*shape, 4))
    for p, name in enumerate(PLATFORMS):
        specs = FORMATS[name]
        mean_er = sum(s[1] * s[2] for s in specs) / sum(s[1] for s in specs)
        for code, _prob, er, reach, video, *split in specs:
            f = FORMAT_CODES.index(code)
            tables["er"][p, f] = er / mean_er  # normalised so an account's mean ER is unbiased
            tables["reach"][p, f] = reach
            tables["video"][p, f] = video
            tables["split"][p, f] = split
    return tables


def _hashtag_table() -> np.ndarray:
    """Every hashtag string a post can carry, indexed by (niche, start, step, count, rising).

    With 11 tags per niche, stepping by 1..10 from any start never repeats a tag within a post.
    """
    table = []
    for code in NICHES:
        tags, rising = HASHTAGS[code], RISING_HASHTAGS[code]
        for start in range(11):
            for step in range(1, 11):
                for count in range(2, 6):
                    chosen = [tags[(start + j * step) % 11] for j in range(count)]
                    for extra in ((), (rising[0],), (rising[1],)):
                        table.append(" ".join([*chosen, *extra]))
    return np.asarray(table, dtype=object)


def _caption_table() -> np.ndarray:
    """Every caption, indexed by (niche, phrase, advertiser, mode).

    Modes: 0 organic, 1 sponsored without disclosure, 2.. one per DISCLOSURES label.
    """
    table = []
    for code in NICHES:
        for phrase in CAPTIONS[code]:
            for brand in ADVERTISERS[code]:
                table.append(phrase)
                table.append(f"{phrase} Merci {brand} !")
                for label in DISCLOSURES:
                    if label.startswith("#"):
                        table.append(f"{phrase} Avec {brand}. {label}")
                    else:
                        table.append(f"{label} avec {brand} : {phrase}")
    return np.asarray(table, dtype=object)


def generate_posts(
    influencers: pd.DataFrame, n_posts: int | None = None, rng: np.random.Generator | None = None
) -> pd.DataFrame:
    """Posts of every account over the period, engagement calibrated per platform and tier.

    ``influencers`` comes from :func:`generate_influencers`, or any frame with the columns of
    ``influencers.csv`` (planted anomalies then stay off).
    """
    rng = rng if rng is not None else np.random.default_rng(DEFAULT_SEED)
    influencers = _with_internals(influencers)
    n = len(influencers)
    n_posts = n * POSTS_PER_INFLUENCER if n_posts is None else n_posts
    platform_idx = pd.Categorical(influencers["platform"], categories=PLATFORMS).codes
    niche_idx = pd.Categorical(influencers["niche"], categories=NICHES).codes
    followers_now = influencers["followers"].to_numpy(dtype=float)
    kind = influencers["_jump_kind"].to_numpy()

    # How many posts each account has: at least 12 (the ER window), the rest by activity.
    floor = min(12, n_posts // max(n, 1))
    activity = influencers["_activity"].to_numpy()
    counts = floor + rng.multinomial(n_posts - floor * n, activity / activity.sum())
    account = np.repeat(np.arange(n), counts)
    size = len(account)
    minute = (
        rng.integers(0, N_WEEKS * 7, size) * 1440
        + rng.choice(24, size=size, p=np.divide(HOUR_WEIGHTS, sum(HOUR_WEIGHTS))) * 60
        + rng.integers(0, 60, size)
    )
    viral = np.ones(size)
    # Organic jumps: the account's first post moves into the jump week and goes viral.
    organic = np.flatnonzero(kind == "organic")
    if len(organic):
        first_post = np.searchsorted(account, organic)
        jump_week = influencers["_jump_week"].to_numpy()[organic]
        minute[first_post] = jump_week * 7 * 1440 + rng.integers(9 * 60, 6 * 1440, len(organic))
        viral[first_post] = rng.uniform(10.0, 25.0, len(organic))
    # A few ordinary viral posts, never on bought-jump accounts.
    lucky = (rng.random(size) < 0.003) & (kind[account] != "bought") & (viral == 1)
    viral[lucky] = rng.uniform(4.0, 10.0, lucky.sum())
    order = np.lexsort((minute, account))
    account, minute, viral = account[order], minute[order], viral[order]

    p_idx = platform_idx[account]
    fmt = np.zeros(size, dtype=np.int64)
    for p, name in enumerate(PLATFORMS):
        rows = np.flatnonzero(p_idx == p)
        specs = FORMATS[name]
        probs = np.array([s[1] for s in specs])
        codes = np.array([FORMAT_CODES.index(s[0]) for s in specs])
        fmt[rows] = codes[rng.choice(len(specs), size=len(rows), p=probs / probs.sum())]
    tables = _format_tables()
    t = minute / PERIOD_MINUTES
    week = minute // (7 * 1440)

    sponsored = rng.random(size) < influencers["_sponsor_rate"].to_numpy()[account] * (
        0.7 + 0.6 * t
    )
    disclosed_p = np.clip(
        influencers["_disclosure_rate"].to_numpy()[account] - 0.07 + 0.14 * t, 0, 1
    )
    disclosed = sponsored & (rng.random(size) < disclosed_p)

    # Engaged audience at the start of the post's week (bought followers never interact).
    base = _followers_at(influencers, week - 1, account, engaged=True)
    log_now = np.log10(followers_now)
    er_account = np.ones(n)
    for p, name in enumerate(PLATFORMS):
        if name in ER_FOLLOWERS_CURVE:
            rows = platform_idx == p
            er_account[rows] = _curve(ER_FOLLOWERS_CURVE[name], log_now[rows])
    er_account *= influencers["_er_factor"].to_numpy()
    noise = np.exp(rng.normal(0, 0.35, size) - 0.35**2 / 2)
    boost = noise * viral * np.where(sponsored, 0.85, 1.0) * tables["er"][p_idx, fmt]
    interactions = base * er_account[account] * boost
    reach_mult = tables["reach"][p_idx, fmt] * np.exp(rng.normal(0, 0.3, size)) * viral

    reach = np.zeros(size)
    impressions = np.zeros(size)
    views = np.zeros(size)
    names = np.asarray(PLATFORMS, dtype=object)[p_idx]
    feed = np.isin(names, ("instagram", "linkedin", "x"))
    for name in ("instagram", "linkedin", "x"):
        rows = names == name
        reach[rows] = (
            base[rows] * _curve(REACH_CURVE[name], np.log10(base[rows])) * reach_mult[rows]
        )
    impressions[feed] = reach[feed] * rng.uniform(1.1, 1.6, feed.sum())
    video = tables["video"][p_idx, fmt] == 1
    views[feed] = np.where(
        video[feed], impressions[feed] * rng.uniform(0.7, 0.98, feed.sum()), impressions[feed]
    )

    tiktok = names == "tiktok"
    er_views = TIKTOK_ER_VIEWS * np.exp(rng.normal(0, 0.15, n))
    views[tiktok] = interactions[tiktok] / (
        er_views[account[tiktok]] * np.exp(rng.normal(0, 0.1, tiktok.sum()))
    )
    views[tiktok] *= np.where(fmt[tiktok] == FORMAT_CODES.index("live"), 0.5, 1.0)
    impressions[tiktok] = views[tiktok] * rng.uniform(1.05, 1.25, tiktok.sum())
    reach[tiktok] = views[tiktok] * rng.uniform(0.7, 0.92, tiktok.sum())

    youtube = names == "youtube"
    views[youtube] = (
        base[youtube] * _curve(YOUTUBE_VIEWS_CURVE, np.log10(base[youtube])) * reach_mult[youtube]
    )
    yt_er = YOUTUBE_ER_VIEWS * influencers["_er_factor"].to_numpy() ** 0.5
    interactions[youtube] = (
        views[youtube] * yt_er[account[youtube]] * (boost[youtube] / viral[youtube])
    )
    impressions[youtube] = views[youtube] / rng.uniform(0.4, 0.8, youtube.sum())
    reach[youtube] = views[youtube] * rng.uniform(0.75, 0.95, youtube.sum())

    twitch = names == "twitch"
    views[twitch] = base[twitch] * rng.uniform(0.03, 0.10, twitch.sum()) * viral[twitch]
    reach[twitch] = views[twitch] * rng.uniform(0.85, 1.0, twitch.sum())
    impressions[twitch] = views[twitch] * rng.uniform(1.5, 3.0, twitch.sum())

    # Interactions split into likes, comments, shares and saves; odd accounts skew comments.
    split = tables["split"][p_idx, fmt] * np.exp(rng.normal(0, 0.15, (size, 4)))
    split[:, 1] *= influencers["_comment_factor"].to_numpy()[account]
    split /= np.maximum(split.sum(axis=1, keepdims=True), 1e-12)
    likes, comments, shares, saves = (rng.poisson(interactions * split[:, k]) for k in range(4))
    impressions = np.rint(impressions).astype(np.int64)
    reach = np.minimum(
        np.maximum(np.rint(reach).astype(np.int64), likes + shares + saves), impressions
    )
    impressions = np.maximum(impressions, reach)
    views = np.minimum(np.rint(views).astype(np.int64), impressions)

    hashtags = _post_hashtags(
        rng, niche_idx[account], week, influencers["_early_adopter"].to_numpy()[account]
    )
    language = influencers["language"].to_numpy()[account]
    label = np.where(
        language == "en",
        rng.choice(len(DISCLOSURES), size=size, p=DISCLOSURE_WEIGHTS["en"]),
        rng.choice(len(DISCLOSURES), size=size, p=DISCLOSURE_WEIGHTS["fr"]),
    )
    mode = np.where(disclosed, 2 + label, np.where(sponsored, 1, 0))
    caption_index = (
        (niche_idx[account] * 10 + rng.integers(0, 10, size)) * 4 + rng.integers(0, 4, size)
    ) * (2 + len(DISCLOSURES)) + mode
    disclosure = np.where(disclosed, np.asarray(DISCLOSURES, dtype=object)[label], "")

    width = max(6, len(str(size)))
    published = (
        np.datetime64(PERIOD_START.isoformat(), "m") + minute.astype("timedelta64[m]")
    ).astype("datetime64[s]")
    return pd.DataFrame(
        {
            "post_id": pd.Series(np.arange(1, size + 1))
            .astype(str)
            .str.zfill(width)
            .radd("P")
            .to_numpy(dtype=object),
            "influencer_id": influencers["influencer_id"].to_numpy()[account],
            "published_at": published,
            "format": np.asarray(FORMAT_CODES, dtype=object)[fmt],
            "likes": likes,
            "comments": comments,
            "shares": shares,
            "saves": saves,
            "views": views,
            "reach": reach,
            "impressions": impressions,
            "sponsored": sponsored,
            "disclosure": disclosure.astype(object),
            "hashtags": _hashtag_table()[hashtags],
            "caption": _caption_table()[caption_index],
        }
    )


def _post_hashtags(
    rng: np.random.Generator, niche_idx: np.ndarray, week: np.ndarray, early: np.ndarray
) -> np.ndarray:
    """Row indices into the hashtag table: evergreen tags, plus rising ones late in the period."""
    size = len(niche_idx)
    start = rng.integers(0, 11, size)
    step = rng.integers(1, 11, size)
    count = rng.integers(2, 6, size)
    ramp = np.clip((week - RISING_FROM_WEEK + 1) / 8, 0, 1)
    p_rising = np.where(week >= RISING_FROM_WEEK, 0.06 + 0.40 * ramp, 0.004)
    p_rising = np.where(early & (week >= EARLY_ADOPTION_WEEK), np.maximum(p_rising, 0.45), p_rising)
    rising = rng.random(size) < p_rising
    which = np.where(rng.random(size) < 0.6, 1, 2)
    extra = np.where(rising, which, 0)
    return (((niche_idx * 11 + start) * 10 + (step - 1)) * 4 + (count - 2)) * 3 + extra


# --- client campaigns ---------------------------------------------------------------------------


def read_cases(directory: Path | None = None) -> list[dict]:
    """The case-study files as raw dicts, sorted by case_id."""
    directory = (directory or DEFAULT_DATA_DIR) / "cases"
    cases = [json.loads(path.read_text(encoding="utf-8")) for path in directory.glob("*.json")]
    return sorted(cases, key=lambda case: case["case_id"])


def generate_client_campaigns(
    influencers: pd.DataFrame, cases: Sequence[dict], rng: np.random.Generator | None = None
) -> pd.DataFrame:
    """Three years of past campaigns per case brand, one row per influencer engaged."""
    rng = rng if rng is not None else np.random.default_rng(DEFAULT_SEED)
    tiers = tier_codes(influencers["followers"].to_numpy())
    platforms = influencers["platform"].to_numpy()
    niches = influencers["niche"].to_numpy()
    rows = []
    number = 0
    for case in cases:
        assumptions = case["assumptions"]
        for name, start, end, camp_platforms, camp_tiers, size, quality, season in CAMPAIGNS.get(
            case["case_id"], ()
        ):
            number += 1
            eligible = np.isin(niches, case["niches"]) & np.isin(platforms, camp_platforms)
            chosen = _pick(rng, eligible & np.isin(tiers, camp_tiers), size)
            if len(chosen) < size:  # widen to any tier rather than run short
                extra = _pick(
                    rng, eligible & ~np.isin(np.arange(len(tiers)), chosen), size - len(chosen)
                )
                chosen = np.sort(np.concatenate([chosen, extra]))
            for row in chosen:
                rows.append(
                    (
                        f"CMP{number:03d}",
                        case["brand"],
                        name,
                        start,
                        end,
                        row,
                        quality,
                        season,
                        assumptions,
                        float(case["budget_eur_ht"]),
                    )
                )
    if not rows:
        return pd.DataFrame()
    m = len(rows)
    row = np.array([r[5] for r in rows])
    platform = platforms[row]
    tier = tiers[row]
    year = np.array([int(r[3][:4]) for r in rows])
    quality = np.array([r[6] for r in rows]) * rng.lognormal(0, 0.15, m)
    season = np.array([r[7] for r in rows])
    ctr_base = np.array([r[8]["ctr"] for r in rows])
    cr_base = np.array([r[8]["conversion_rate"] for r in rows])
    aov = np.array([r[8]["average_order_value_eur"] for r in rows])

    fmt = np.empty(m, dtype=object)
    for name in PLATFORMS:
        at = np.flatnonzero(platform == name)
        specs = FORMATS[name]
        probs = np.array([s[1] for s in specs])
        fmt[at] = np.asarray([s[0] for s in specs], dtype=object)[
            rng.choice(len(specs), size=len(at), p=probs / probs.sum())
        ]
    price = influencers["price_per_post_eur"].to_numpy()[row] * np.vectorize(YEAR_PRICE.get)(year)
    deliverables = np.where(price >= 2_000, 1, rng.integers(1, 4, m))
    cost = price * deliverables * rng.uniform(0.85, 1.15, m)
    # A past campaign never cost more than 90 % of the brand's current budget: rates negotiated.
    campaign = np.array([r[0] for r in rows])
    budget = np.array([r[9] for r in rows])
    total = pd.Series(cost).groupby(campaign).transform("sum").to_numpy()
    cost = np.round(cost * np.minimum(1.0, 0.9 * budget / total), 2)
    cpm_low = np.log([CAMPAIGN_CPM[p][0] for p in platform])
    cpm_high = np.log([CAMPAIGN_CPM[p][1] for p in platform])
    cpm = np.exp(rng.uniform(cpm_low, cpm_high)) * np.where(quality < 0.7, 1.3, 1.0)
    cap = influencers["followers"].to_numpy()[row] * deliverables * 2.5
    impressions = np.rint(np.minimum(cost / cpm * 1000, cap)).astype(np.int64)
    reach = np.rint(impressions / rng.uniform(1.2, 1.7, m)).astype(np.int64)
    eng_low = np.array([CAMPAIGN_ENGAGEMENT[p][0] for p in platform])
    eng_high = np.array([CAMPAIGN_ENGAGEMENT[p][1] for p in platform])
    engagements = np.rint(impressions * rng.uniform(eng_low, eng_high) * np.sqrt(quality))
    ctr = (
        ctr_base
        * np.vectorize(TIER_CTR.get)(tier)
        * np.array([FORMAT_CTR.get(f, 1.0) for f in fmt])
        * quality**0.75
        * rng.lognormal(0, 0.25, m)
    )
    clicks = rng.binomial(impressions, np.clip(ctr, 0, 0.2))
    cr = (
        cr_base
        * np.vectorize(TIER_CR.get)(tier)
        * season
        * quality**0.75
        * rng.lognormal(0, 0.3, m)
    )
    conversions = rng.binomial(clicks, np.clip(cr, 0, 0.5))
    revenue = np.round(conversions * aov * rng.uniform(0.85, 1.2, m), 2)
    return pd.DataFrame(
        {
            "campaign_id": [r[0] for r in rows],
            "brand": [r[1] for r in rows],
            "campaign_name": [r[2] for r in rows],
            "start_date": pd.to_datetime([r[3] for r in rows]).astype("datetime64[s]"),
            "end_date": pd.to_datetime([r[4] for r in rows]).astype("datetime64[s]"),
            "influencer_id": influencers["influencer_id"].to_numpy()[row],
            "platform": platform,
            "tier": tier,
            "format": fmt,
            "cost_eur": cost,
            "impressions": impressions,
            "reach": reach,
            "engagements": engagements.astype(np.int64),
            "clicks": clicks.astype(np.int64),
            "conversions": conversions.astype(np.int64),
            "revenue_eur": revenue,
        }
    )


# --- brand mentions -----------------------------------------------------------------------------


def generate_brand_mentions(
    cases: Sequence[dict], campaigns: pd.DataFrame, rng: np.random.Generator | None = None
) -> pd.DataFrame:
    """Weekly mentions of each case brand and its three competitors, by source and sentiment."""
    rng = rng if rng is not None else np.random.default_rng(DEFAULT_SEED)
    monday = np.datetime64(MENTIONS_START.isoformat(), "D") + 7 * np.arange(MENTIONS_WEEKS)
    week_of_year = (monday - monday.astype("datetime64[Y]")).astype(int) // 7
    channels = len(MENTION_CHANNELS)
    source_type = np.array([kind for _, kind in MENTION_CHANNELS], dtype=object)
    frames = []
    for case in cases:
        mix = np.asarray(MENTION_MIX.get(case["product_category"], MENTION_MIX["food"]))
        brands = [case["brand"], *case["competitors"]]
        levels = np.array([1.0, 2.6, 1.4, 0.6]) * rng.lognormal(0, 0.15, len(brands))
        crisis_brand = 1 + rng.integers(0, 3)
        crisis_start = rng.integers(20, MENTIONS_WEEKS - 6)
        for b, brand in enumerate(brands):
            trend = np.linspace(0.85, 1.15, MENTIONS_WEEKS) if b == 0 else np.ones(MENTIONS_WEEKS)
            seasonal = 1 + 0.25 * np.cos(2 * np.pi * (week_of_year - 50) / 52)
            weekly = levels[b] * trend * seasonal * rng.lognormal(0, 0.15, MENTIONS_WEEKS)
            boost = np.ones((MENTIONS_WEEKS, channels))
            influencer_cols = source_type == "influencer"
            if b == 0:
                mine = campaigns[campaigns["brand"] == brand]
                for start, end in (
                    mine[["start_date", "end_date"]].drop_duplicates().itertuples(index=False)
                ):
                    on = (monday >= np.datetime64(start.date(), "D") - 6) & (
                        monday <= np.datetime64(end.date(), "D")
                    )
                    boost[np.ix_(on, influencer_cols)] *= rng.uniform(2.5, 4.0)
                    boost[np.ix_(on, source_type == "consumer")] *= 1.6
            else:
                for _ in range(rng.integers(4, 7)):  # competitors' own campaigns
                    start = rng.integers(0, MENTIONS_WEEKS - 3)
                    boost[start : start + 3, influencer_cols] *= rng.uniform(2.0, 3.5)
            crisis = np.zeros(MENTIONS_WEEKS, dtype=bool)
            if b == crisis_brand:
                crisis[crisis_start : crisis_start + 3] = True
                boost[np.ix_(crisis, np.isin(source_type, ("consumer", "media")))] *= 4.0
            expected = weekly[:, None] * mix[None, :] * boost
            mentions = rng.poisson(expected)
            pos_share = np.array([SENTIMENT[k][0] for k in source_type])[None, :].repeat(
                MENTIONS_WEEKS, axis=0
            )
            neg_share = np.array([SENTIMENT[k][1] for k in source_type])[None, :].repeat(
                MENTIONS_WEEKS, axis=0
            )
            hit = crisis[:, None] & np.isin(source_type, ("consumer", "media"))[None, :]
            pos_share = np.where(hit, 0.12, pos_share)
            neg_share = np.where(hit, 0.58, neg_share)
            positive = rng.binomial(mentions, pos_share)
            negative = rng.binomial(
                mentions - positive, np.clip(neg_share / np.maximum(1 - pos_share, 1e-9), 0, 1)
            )
            frames.append(
                pd.DataFrame(
                    {
                        "week": np.repeat(monday, channels).astype("datetime64[s]"),
                        "brand": brand,
                        "market": case["case_id"],
                        "source": np.tile([s for s, _ in MENTION_CHANNELS], MENTIONS_WEEKS),
                        "source_type": np.tile(source_type, MENTIONS_WEEKS),
                        "mentions": mentions.ravel(),
                        "positive": positive.ravel(),
                        "neutral": (mentions - positive - negative).ravel(),
                        "negative": negative.ravel(),
                    }
                )
            )
    frame = pd.concat(frames, ignore_index=True)
    return frame.sort_values(["market", "brand", "week"], kind="stable", ignore_index=True)


# --- benchmarks ---------------------------------------------------------------------------------

_HYPE = "HypeAuditor State of Influencer Marketing 2023 and 2026; CreatorIQ"
_IMH = "Influencer Marketing Hub"
_KOL = "Kolsquare via digitiz.fr"
_REF = "influkit reference ranges (industry rules of thumb, no single study)"
_BENCH_TIERS = ("nano", "micro", "mid", "macro", "mega")
BENCHMARK_METRICS: tuple[str, ...] = (
    "er_followers",
    "er_views",
    "price_eur",
    "price_eur_fr",
    "cpm_eur",
)
BENCHMARK_NOTES: tuple[str, ...] = (
    "interpolated",
    "approximate",
    "assumption",
    "platform_wide",
    "usd_as_eur",
    "kolsquare_100k",
    "kolsquare_3m",
)


def generate_benchmarks() -> pd.DataFrame:
    """Benchmark ranges per platform, tier and metric, exactly as DOMAIN.md §4 gives them."""
    rows: list[tuple] = []

    def add(platform, tier, metric, low, high, unit, source, note=""):
        rows.append((platform, tier, metric, low, high, unit, source, note))

    instagram = {
        "nano": (0.018, 0.028, ""),
        "micro": (0.005, 0.017, ""),
        "mid": (0.0037, 0.010, "interpolated"),
        "macro": (0.0027, 0.0059, "interpolated"),
        "mega": (0.002, 0.0035, ""),
    }
    for tier, (low, high, note) in instagram.items():
        add("instagram", tier, "er_followers", low, high, "fraction", _HYPE, note)
    tiktok = {
        "nano": (0.10, 0.14, "approximate"),
        "micro": (0.07, 0.10, "assumption"),
        "mid": (0.05, 0.075, "assumption"),
        "macro": (0.035, 0.055, "assumption"),
        "mega": (0.025, 0.04, "assumption"),
    }
    for tier, (low, high, note) in tiktok.items():
        add("tiktok", tier, "er_followers", low, high, "fraction", _REF, note)
    for tier in _BENCH_TIERS:
        add("tiktok", tier, "er_views", 0.03, 0.06, "fraction", _REF, "platform_wide")
        add("youtube", tier, "er_views", 0.016, 0.04, "fraction", _REF, "platform_wide")
        add("linkedin", tier, "er_followers", 0.03, 0.06, "fraction", _REF, "platform_wide")
        add("x", tier, "er_followers", 0.001, 0.02, "fraction", _REF, "platform_wide")
    for platform in ("instagram", "youtube", "tiktok"):
        knots = PRICE_CURVE[platform]
        for k, tier in enumerate(_BENCH_TIERS):
            high = float(knots[k + 2]) if tier != "mega" else np.nan
            add(platform, tier, "price_eur", float(knots[k + 1]), high, "eur", _IMH, "usd_as_eur")
    kolsquare = {
        "nano": (0, 120, ""),
        "micro": (120, 1_500, ""),
        "mid": (1_500, 4_000, "kolsquare_100k"),
        "macro": (4_000, 20_000, ""),
        "mega": (20_000, np.nan, "kolsquare_3m"),
    }
    for tier, (low, high, note) in kolsquare.items():
        add("instagram", tier, "price_eur_fr", float(low), float(high), "eur", _KOL, note)
    for platform, (low, high) in (
        ("instagram", (5, 15)),
        ("tiktok", (3, 25)),
        ("youtube", (10, 50)),
    ):
        for tier in _BENCH_TIERS:
            add(platform, tier, "cpm_eur", float(low), float(high), "eur", _REF, "platform_wide")
    frame = pd.DataFrame(
        rows, columns=["platform", "tier", "metric", "low", "high", "unit", "source", "note"]
    )
    order = {p: i for i, p in enumerate(PLATFORMS)}
    frame["_p"] = frame["platform"].map(order)
    frame["_t"] = frame["tier"].map({t: i for i, t in enumerate(TIERS)})
    frame["_m"] = frame["metric"].map({m: i for i, m in enumerate(BENCHMARK_METRICS)})
    frame = frame.sort_values(["_p", "_m", "_t"], kind="stable", ignore_index=True)
    return frame.drop(columns=["_p", "_t", "_m"])


# --- all together -------------------------------------------------------------------------------


#: Reach as a share of followers per platform, for the simulated campaign results.
RESULT_REACH_RATE = {
    "instagram": 0.22,
    "tiktok": 0.35,
    "youtube": 0.30,
    "linkedin": 0.18,
    "x": 0.10,
    "twitch": 0.08,
}
RESULT_ER_REACH = {
    "instagram": 0.055,
    "tiktok": 0.07,
    "youtube": 0.045,
    "linkedin": 0.05,
    "x": 0.02,
    "twitch": 0.06,
}


def generate_campaign_results(
    influencers: pd.DataFrame, cases: Sequence[dict], rng: np.random.Generator
) -> pd.DataFrame:
    """Simulated post-by-post outcomes of each case's campaign, for the results dashboard.

    For each case, 8 accounts of its niches and platforms publish 1 to 3 posts in the four
    weeks after launch; reach, engagements, clicks, sales and revenue follow the case's
    assumptions with a wide spread, so some creators clearly over- or under-perform.
    """
    rows = []
    tiers = tier_codes(influencers["followers"].to_numpy())
    for case in sorted(cases, key=lambda c: c["case_id"]):
        eligible = influencers.loc[
            influencers["niche"].isin(case["niches"])
            & influencers["platform"].isin(case["platforms"])
            & (tiers != "mega")
            & (tiers != "below_nano")
        ]
        picked = eligible.iloc[rng.permutation(len(eligible))[:8]]
        launch = dt.date.fromisoformat(str(case["launch_date"]))
        assumptions = case["assumptions"]
        for account in picked.itertuples(index=False):
            for _ in range(int(rng.integers(1, 4))):
                day = launch + dt.timedelta(days=int(rng.integers(0, 28)))
                performance = float(rng.lognormal(0.0, 0.45))
                reach = account.followers * RESULT_REACH_RATE[account.platform] * performance
                impressions = reach * float(rng.uniform(1.15, 1.6))
                views = impressions * float(rng.uniform(0.55, 0.9))
                engagements = (
                    reach * RESULT_ER_REACH[account.platform] * float(rng.lognormal(0.0, 0.3))
                )
                clicks = impressions * assumptions["ctr"] * float(rng.lognormal(0.0, 0.4))
                conversions = (
                    clicks * assumptions["conversion_rate"] * float(rng.lognormal(0.0, 0.5))
                )
                revenue = (
                    conversions
                    * assumptions["average_order_value_eur"]
                    * float(rng.uniform(0.85, 1.2))
                )
                rows.append(
                    {
                        "case_id": case["case_id"],
                        "influencer_id": account.influencer_id,
                        "handle": account.handle,
                        "platform": account.platform,
                        "published_on": day,
                        "cost_eur_ht": float(account.price_per_post_eur),
                        "impressions": round(impressions),
                        "reach": round(reach),
                        "views": round(views),
                        "engagements": round(engagements),
                        "clicks": round(clicks),
                        "conversions": round(conversions),
                        "revenue_eur": round(revenue, 2),
                    }
                )
    frame = pd.DataFrame(rows).sort_values(
        ["case_id", "published_on", "influencer_id"], kind="stable"
    )
    frame.insert(1, "post_ref", [f"R{i:05d}" for i in range(1, len(frame) + 1)])
    frame["published_on"] = pd.to_datetime(frame["published_on"])
    return frame.reset_index(drop=True)


def generate_all(
    seed: int = DEFAULT_SEED,
    n_influencers: int = DEFAULT_N_INFLUENCERS,
    cases: Sequence[dict] | None = None,
) -> tuple[dict[str, pd.DataFrame], dict]:
    """Every dataset (public columns only) and the planted anomalies, for one seed."""
    rng = np.random.default_rng(seed)
    cases = read_cases() if cases is None else cases
    influencers = generate_influencers(n_influencers, rng)
    history = generate_follower_history(influencers, rng)
    posts = generate_posts(influencers, n_influencers * POSTS_PER_INFLUENCER, rng)
    campaigns = generate_client_campaigns(influencers, cases, rng)
    mentions = generate_brand_mentions(cases, campaigns, rng)
    ids = influencers["influencer_id"]
    truth = {
        "bought_jumps": tuple(ids[influencers["_jump_kind"] == "bought"]),
        "organic_jumps": tuple(ids[influencers["_jump_kind"] == "organic"]),
        "engagement_pods": tuple(ids[influencers["_pod"]]),
        "comment_outliers": tuple(
            ids[(influencers["_comment_factor"] > 3) | (influencers["_comment_factor"] < 0.3)]
        ),
        "early_adopters": tuple(ids[influencers["_early_adopter"]]),
        "jump_weeks": dict(
            zip(
                ids[influencers["_jump_week"] >= 0],
                influencers.loc[influencers["_jump_week"] >= 0, "_jump_week"],
                strict=True,
            )
        ),
    }
    public = influencers[[c for c in influencers.columns if not c.startswith("_")]]
    frames = {
        "influencers": public,
        "posts": posts,
        "follower_history": history,
        "client_campaigns": campaigns,
        "brand_mentions": mentions,
        "benchmarks": generate_benchmarks(),
        # Its own random stream, so adding it left every other dataset unchanged.
        "campaign_results": generate_campaign_results(
            influencers, cases, np.random.default_rng([seed, 7])
        ),
    }
    return {name: frames[name] for name in DATASETS}, truth


DATE_FORMATS = {"posts": "%Y-%m-%dT%H:%M"}


def write_csv(frame: pd.DataFrame, path: Path, date_format: str = "%Y-%m-%d") -> None:
    """Write a dataset as stable UTF-8 CSV: ``,`` separator, ``\\n`` line ends, ISO dates."""
    flags = [c for c in frame.columns if pd.api.types.is_bool_dtype(frame[c])]
    frame = frame.astype({c: "int64" for c in flags})  # booleans as 0/1
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8", date_format=date_format)


def write_all(out_dir: Path, seed: int = DEFAULT_SEED) -> dict:
    """Generate every dataset into ``out_dir`` and return the planted anomalies."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    frames, truth = generate_all(seed)
    for name, frame in frames.items():
        write_csv(frame, out_dir / f"{name}.csv", DATE_FORMATS.get(name, "%Y-%m-%d"))
    return truth


# --- README tables ------------------------------------------------------------------------------

_TABLE = re.compile(
    r"(<!-- columns:(?P<name>[a-z_]+) -->\n)(?P<body>.*?)(<!-- /columns -->)", re.DOTALL
)


def column_table(dictionary: pd.DataFrame, name: str) -> str:
    """The Markdown table of one dataset's columns, from the data dictionary."""
    rows = dictionary[dictionary["dataset"] == name]
    lines = ["| colonne | type | unité | description | description (en) |", "|---|---|---|---|---|"]
    for r in rows.itertuples(index=False):
        lines.append(
            f"| `{r.column}` | {r.type} | {r.unit} | {r.description_fr} | {r.description_en} |"
        )
    return "\n".join(lines) + "\n"


def render_readme(text: str, dictionary: pd.DataFrame) -> str:
    """The README text with every ``<!-- columns:NAME -->`` block regenerated."""
    return _TABLE.sub(
        lambda m: m.group(1) + column_table(dictionary, m.group("name")) + m.group(4), text
    )


def read_dictionary(directory: Path | None = None) -> pd.DataFrame:
    """The raw data dictionary (``dictionary.csv``), empty units as empty strings."""
    path = (directory or DEFAULT_DATA_DIR) / "dictionary.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def update_readme(directory: Path) -> bool:
    """Regenerate the column tables of ``directory/README.md``; False when there is none."""
    readme = Path(directory) / "README.md"
    if not readme.exists():
        return False
    text = readme.read_text(encoding="utf-8")
    new = render_readme(text, read_dictionary(DEFAULT_DATA_DIR))
    if new != text:
        readme.write_text(new, encoding="utf-8", newline="\n")
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write every CSV and refresh the README's column tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help="folder to write the CSV files to (default: datasets/)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    args = parser.parse_args(argv)
    truth = write_all(args.out, args.seed)
    update_readme(args.out)
    print(f"wrote {len(DATASETS)} datasets to {args.out}")
    print(f"bought jumps: {', '.join(truth['bought_jumps'])}")
    print(f"organic jumps: {', '.join(truth['organic_jumps'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
