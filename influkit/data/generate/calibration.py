"""The numbers and words behind the sample data: the period, platforms, tiers, niches,
countries and names, the engagement, reach and price curves calibrated on DOMAIN.md §4, hashtags
and captions, the client campaigns, brand-mention mixes, benchmark sources, and the anomalies
planted for the tests (default seed and size). Tables only, no code.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

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


# --- simulated campaign results ---------------------------------------------------------------

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
