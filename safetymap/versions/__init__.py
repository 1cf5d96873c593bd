"""Versions: published data kept for good, and who may publish it.

The store of versions in SQLite or PostgreSQL (``store``), the diff between two versions with
dated status changes (``diff``) and in words (``changes``), what a file undoes of versions that
landed after it was checked (``landed``), a checked file or rollback turned into a version
(``publishing``), one measure edited in the browser (``editing``) and the analyst role
(``auth``). Imports ``config``, ``contract`` and ``intake``.
"""
