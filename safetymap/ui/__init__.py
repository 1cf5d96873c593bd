"""Streamlit glue for the pages in ``views/``: the only part of safetymap that imports
streamlit. It may import every layer, never ``cli``.
"""
