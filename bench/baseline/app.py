"""The floor under the first map: a page with a title and a one-symbol streamlit-folium map.

Streamlit script started by ``bench.baseline``. It loads Leaflet the way the app does (served
by Streamlit, ``offline.use_local_assets``) and draws one symbol with the class the benchmark
waits for, so the time to it is what Streamlit, streamlit-folium and Leaflet cost on this
machine before any of the app's own work.
"""

import folium
import streamlit as st
from streamlit_folium import st_folium

from safetymap.present import offline

offline.use_local_assets()
st.title("Baseline")
background = folium.Map(location=[59.33, 18.06], zoom_start=12, tiles=None)
symbol = folium.DivIcon(html='<div class="measure-symbol">1</div>')
folium.Marker([59.33, 18.06], icon=symbol).add_to(background)
st_folium(background, returned_objects=[])
