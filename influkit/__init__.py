"""influkit — plan influencer-marketing campaigns: the plan, the data, the metrics and the exports.

The package is pure Python: the Streamlit pages, the notebooks and the tests call it the same way.
"""

__version__ = "0.1.0"
