"""The open-data face: the published versions as an OGC API – Features service at ``/api/``.

Read-only, on the app's own server (``app.py`` mounts ``server.routes()`` beside Streamlit's
own): ``params`` reads and checks a request's query (the map URL's own validation for the
app's filter names), ``source`` reads the published versions from the store (never a file
that is not published), ``documents`` builds the OGC API's JSON (landing page, conformance,
collections, pages of features, OpenAPI), ``catalog`` the DCAT-AP-SE record, and ``server``
answers HTTP (Starlette), with the data work off the event loop. A face beside ``ui`` and
``cli``: it may import every layer, never ``ui``, ``cli`` or streamlit.
"""
