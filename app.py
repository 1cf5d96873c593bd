"""Trygghetskartan's server: ``streamlit run app.py`` (README, "Set up") serves all of it.

Streamlit finds ``app`` below (an ``st.App``) and serves it with uvicorn on one host and
port: the dashboard, whose every session runs ``dashboard.py`` (page config, the shared
sidebar, navigation), and beside it the open-data API at ``/api/`` (``safetymap.api``,
OGC API – Features over the published versions, read-only).
"""

import streamlit as st

from safetymap.api.server import routes

app = st.App("dashboard.py", routes=routes())
