"""Trygghetskartan: entry point. Page config and navigation; nothing else."""

import streamlit as st

from safetymap.offline import use_local_assets

st.set_page_config(page_title="Trygghetskartan", layout="wide")
use_local_assets()
st.navigation([st.Page("pages/overview.py", title="Översikt / Overview", default=True)]).run()
