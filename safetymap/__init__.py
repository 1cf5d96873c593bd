"""Trygghetskartan: safety measures in four places, on a map and a timeline.

The subpackages are the pipeline, in the order data flows through them, and each imports only
from those before it (``tests/test_layers.py`` keeps the rule, with import-linter):

``config`` (settings) → ``contract`` (columns, vocabularies, limits, words) → ``intake`` (read and
check a file) → ``versions`` (keep published versions) → ``selection`` (filter, search, timeline,
figures) → ``present`` (map, charts, tables, exports, briefing pack) → the faces, none of which
imports another: ``ui`` (the Streamlit glue, the only part that imports streamlit), ``cli``
(``python -m safetymap``) and ``api`` (the open-data API at ``/api/``).
"""

__version__ = "0.1.0"
