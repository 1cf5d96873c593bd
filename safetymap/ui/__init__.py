"""Streamlit glue: the only part of safetymap that imports streamlit."""
