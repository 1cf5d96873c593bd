"""Selection: which rows a view shows and what they add up to.

The filter (``filters``) and free-text search (``search``), the view in the URL (``urlstate``),
status changes over time (``timeline``), the four places side by side (``compare``) and one
place's headline figures for a briefing (``briefing``). Imports the layers before it
(``config``, ``contract``, ``intake``, ``versions``).
"""
