"""Browser end-to-end tests of the Streamlit app (fixtures in conftest.py)."""
