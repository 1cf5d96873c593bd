"""Intake: a file's bytes read and checked against the contract, row by row.

Decoding and delimiter sniffing (``reading``), cell parsing and the pandera checks
(``validation``, ``loaders``; ``indicators`` for the outcome file), and what they parse with:
places and their polygons (``places``), coordinates (``coords``), partial dates (``dates``),
actors (``actors``) and the nearest allowed value for a misspelt one (``suggestions``). Imports
``config`` and ``contract`` only.
"""
