"""Streamlit glue shared by the pages: language, the current plan, saving, small widgets."""
