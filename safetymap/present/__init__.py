"""Present: selected rows turned into what people see or take away, without Streamlit.

The live map (``mapping``, its browser data ``mapdata``, the vendored assets ``offline``), the
list beside it (``results``), plain tables (``htmltable``, ``bars``, ``stats``), charts
(``charts``), the static map of a place (``staticmap``), the briefing pack PDF (``pack``), the
offline HTML (``standalone``) and file exports (``export``). Imports every layer before it,
never a face.
"""
