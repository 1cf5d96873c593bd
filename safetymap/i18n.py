"""User-interface text in Swedish (default) and English."""

from __future__ import annotations

from safetymap.problems import Lang

TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("Trygghetskartan", "Trygghetskartan (Safety map)"),
    "overview_page": ("Översikt", "Overview"),
    "language": ("Språk", "Language"),
    "intro": (
        "Trygghetsskapande åtgärder och lägesbilder i fyra platser: Kista busstorg, "
        "Klara/Sergels torg, Jakobsbergs stationsområde och Valsta. Varje rad kommer från "
        "ett namngivet källdokument.",
        "Safety measures and conditions in four places: Kista busstorg, Klara/Sergels torg, "
        "Jakobsberg station area and Valsta. Every row comes from a named source document.",
    ),
    "context_layer": ("Bakgrund: kommuner och RegSO", "Background: municipalities and RegSO"),
    "rows_metric": ("Åtgärder och lägesbilder", "Measures and conditions"),
    "located_layer": ("Åtgärder med egen plats ({n})", "Measures with their own location ({n})"),
    "places_heading": ("Platser", "Places"),
    "map_heading": ("Karta", "Map"),
    "map_caption": (
        "Heldragen kant: officiellt område (SCB RegSO 2025). Streckad kant: ungefärligt "
        "fokusområde. Punkter: åtgärder med egen plats i källan; övriga gäller hela sin plats.",
        "Solid outline: official area (SCB RegSO 2025). Dashed outline: approximate focus "
        "area. Dots: measures the source places at a spot; the others cover their whole place.",
    ),
    "table_heading": ("Alla rader", "All rows"),
    "data_file": ("Datafil: {path}", "Data file: {path}"),
    "data_problems": (
        "Datafilen {path} har {n} fel; rader med fel visas inte.",
        "The data file {path} has {n} errors; rows with errors are not shown.",
    ),
    "data_unreadable": (
        "Datafilen kunde inte läsas: {message}",
        "The data file could not be read: {message}",
    ),
    "place_col": ("Plats", "Place"),
    "measures_col": ("Rader", "Rows"),
    "located_col": ("Med egen punkt", "With own location"),
    "approximate_col": ("Avgränsning", "Boundary"),
    "approximate_yes": ("ungefärlig", "approximate"),
    "approximate_no": ("officiell", "official"),
    "area_wide": ("{n} rader gäller hela platsen", "{n} rows cover the whole place"),
    "source": ("Källa", "Source"),
    "status": ("Status", "Status"),
    "type": ("Typ", "Type"),
    "actors": ("Aktörer", "Actors"),
    "dates": ("Tid", "When"),
    "title": ("Titel", "Title"),
    "kind": ("Slag", "Kind"),
    "filters": ("Filter", "Filters"),
    "all": ("Alla", "All"),
    "years": ("År", "Years"),
    "search": ("Sök i titel och beskrivning", "Search title and description"),
    "as_of": ("Status per datum", "Status as of date"),
    "as_of_help": (
        "Visar varje åtgärd med den status den hade detta datum.",
        "Shows every measure in the status it had on this date.",
    ),
    "nothing_matches": (
        "Inga åtgärder eller lägesbilder matchar filtren. Ta bort något filter i sidopanelen.",
        "No measures or conditions match the filters. Remove a filter in the sidebar.",
    ),
    "undated_left_out": (
        "{n} rader utan datum visas inte när ett årsintervall är valt.",
        "{n} rows without a date are not shown while a year range is chosen.",
    ),
    "interim_note": (
        "Detta är en tillfällig översikt: filter, en tabell och en enkel karta. Lager per "
        "åtgärdstyp, tidslinje och nedladdning kommer i nästa version.",
        "This is an interim overview: filters, a table and a plain map. Layers per measure "
        "type, the timeline and downloads come in the next version.",
    ),
}


def t(key: str, lang: Lang = "sv", **params: object) -> str:
    """The text ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    sv, en = TEXT[key]
    return (sv if lang == "sv" else en).format(**params)
