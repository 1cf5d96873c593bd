"""Karta: overview figures, the map of the filtered measures (with its list of what is in
view), and the places."""

import streamlit as st
from streamlit_folium import st_folium

from safetymap import mapping, stats
from safetymap.i18n import escape_markdown, t
from safetymap.ui import cache, chrome, context

ctx = context.current()
lang, shown, places = ctx.view.lang, ctx.shown, ctx.places

st.title(t("app_title", lang))
st.write(t("intro", lang))
chrome.filter_summary(ctx, count=False)
chrome.overview_figures(ctx)

st.subheader(t("map_heading", lang))
# The base map stays the same; only the measure layers change with the filter, so
# streamlit-folium updates them in place instead of reloading the map.
# The view a shared link gives, else one that frames the chosen places. Panning and zooming
# do not rerun: the map writes its view into the URL itself; only a click reports back.
center, zoom = mapping.view_for(places, ctx.view.filter.places)
center, zoom = ctx.view.center or center, ctx.view.zoom or zoom
clicked = st_folium(
    mapping.base_map(
        places, cache.context(str(ctx.settings.context_path)), lang, ctx.settings.tiles
    ),
    height=640,
    use_container_width=True,
    returned_objects=["last_object_clicked"],
    key="map",
    feature_group_to_add=mapping.measure_layers(shown, lang),
    layer_control=mapping.layer_control(),
    center=center,
    zoom=zoom,
)
st.caption(t("map_caption", lang))
point = (clicked or {}).get("last_object_clicked")
if point and (measure_id := mapping.measure_at(shown, point["lat"], point["lng"])):
    chrome.select_measure(measure_id)
chrome.selected_measure(ctx)

st.page_link("views/data.py", label=t("all_rows_link", lang, n=len(shown)), icon=":material/table:")

st.subheader(t("places_heading", lang))
st.table(stats.place_summary(places, shown, lang), hide_index=True, border="horizontal")
st.caption(t("data_file", lang, path=escape_markdown(ctx.settings.measures_path.name)))
