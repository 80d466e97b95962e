"""Write the trainer notebooks from their source cells (``python scripts/build_notebooks.py``).

The notebooks are committed; this script keeps their source readable in review.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent

DISCOVER = [
    new_markdown_cell(
        "# Découvrir les données d'exemple\n\n"
        "Ce carnet accompagne la formation *L'impact des influenceurs — Marketing d'influence*. "
        "Il fait le tour des jeux de données fictifs d'influkit avec les mêmes fonctions que "
        "l'application : chargement, paliers d'audience, taux d'engagement, mises en situation.\n\n"
        "> Toutes les personnes, marques et données sont fictives."
    ),
    new_code_cell(
        "import pandas as pd\n"
        "from influkit import metrics\n"
        "from influkit.data import datasets\n"
        "from influkit.text.formats import fmt_number, fmt_percent, fmt_money\n"
        "pd.set_option('display.max_columns', 30)"
    ),
    new_markdown_cell("## Les jeux de données disponibles"),
    new_code_cell(
        "pd.DataFrame(\n"
        "    [{'jeu': name, 'lignes': len(datasets.load(name)), 'colonnes': len(datasets.load(name).columns)}\n"
        "     for name in datasets.DATASETS]\n"
        ")"
    ),
    new_markdown_cell("## Les influenceurs : plateformes, thématiques, paliers"),
    new_code_cell(
        "influencers = datasets.load('influencers')\n"
        "influencers['tier'] = metrics.tier(influencers['followers'])\n"
        "pd.crosstab(influencers['platform'], influencers['tier'])"
    ),
    new_code_cell("influencers['niche'].value_counts()"),
    new_markdown_cell(
        "## Le taux d'engagement\n\n"
        "Définition du projet : (likes + commentaires + partages + enregistrements) / abonnés, "
        "par publication, puis moyenne des 12 dernières publications du compte."
    ),
    new_code_cell(
        "posts = datasets.load('posts')\n"
        "followers = influencers.set_index('influencer_id')['followers']\n"
        "influencers['er'] = influencers['influencer_id'].map(\n"
        "    metrics.account_engagement(posts, followers=followers))\n"
        "table = influencers.groupby(['platform', 'tier'], observed=True)['er'].median().unstack()\n"
        "table.map(lambda v: fmt_percent(v, 'fr'))"
    ),
    new_markdown_cell("## Les publications dans le temps, sponsorisées ou non"),
    new_code_cell(
        "monthly = posts.assign(mois=posts['published_at'].dt.to_period('M'))\n"
        "monthly.groupby('mois')['sponsored'].agg(['count', 'mean']).rename(\n"
        "    columns={'count': 'publications', 'mean': 'part sponsorisée'})"
    ),
    new_markdown_cell("## Les mises en situation"),
    new_code_cell(
        "pd.DataFrame([\n"
        "    {'cas': c['case_id'], 'titre': c['title_fr'], 'marque': c['brand'],\n"
        "     'budget': fmt_money(c['budget_eur_ht'], 'fr', 0), 'lancement': c['launch_date']}\n"
        "    for c in datasets.cases()\n"
        "])"
    ),
]

NOTEBOOKS = {"00_decouvrir_les_donnees.ipynb": DISCOVER}


def main() -> int:
    """Write every notebook into notebooks/."""
    for name, cells in NOTEBOOKS.items():
        notebook = new_notebook(
            cells=cells,
            metadata={
                "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                "language_info": {"name": "python"},
            },
        )
        path = ROOT / "notebooks" / name
        nbformat.write(notebook, path)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
