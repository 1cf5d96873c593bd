"""Validation problems: what went wrong, where, and how to say it in Swedish and English."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from safetymap.contract.schema import COLUMN_NAMES, fold

Lang = Literal["sv", "en"]
LANGS: tuple[Lang, ...] = ("sv", "en")


@dataclass(frozen=True)
class Words:
    """A text said one way in Swedish and another in English: a vocabulary label, a list of
    allowed values. A problem's params and suggestion hold these so that its message is in
    the page's language."""

    sv: str
    en: str

    def say(self, lang: Lang = "sv") -> str:
        return self.sv if lang == "sv" else self.en

    def __str__(self) -> str:
        return self.sv


def words_list(items: Iterable[Words]) -> Words:
    """``items`` joined with commas in each language (semicolons where an item holds a
    comma: "Aktivering, kultur och evenemang; Sociala program och skola")."""
    found = list(items)
    return Words(_joined([w.sv for w in found]), _joined([w.en for w in found]))


def _joined(texts: list[str]) -> str:
    return ("; " if any("," in t for t in texts) else ", ").join(texts)


class Severity(StrEnum):
    """An error blocks publishing; a warning does not."""

    ERROR = "error"
    WARNING = "warning"


# Message catalogue: code -> (Swedish, English). Placeholders are filled from Problem.params.
MESSAGES: dict[str, tuple[str, str]] = {
    "file_empty": (
        "Filen är tom.",
        "The file is empty.",
    ),
    "file_not_found": (
        "Filen {path} finns inte.",
        "The file {path} does not exist.",
    ),
    "file_unreadable": (
        "Filen {path} kan inte läsas: {reason}.",
        "The file {path} cannot be read: {reason}.",
    ),
    "file_binary": (
        "Filen ser inte ut som en CSV-fil (den innehåller binära data, t.ex. en Excel-fil .xlsx). "
        "Spara den som CSV i Excel och försök igen.",
        "The file does not look like a CSV file (it holds binary data, e.g. an Excel .xlsx). "
        "Save it as CSV from Excel and try again.",
    ),
    "file_encoding": (
        "Filens teckenkodning kunde inte avgöras (varken UTF-8 eller Windows-1252).",
        "The file's encoding could not be determined (neither UTF-8 nor Windows-1252).",
    ),
    "file_too_large": (
        "Filen är {size_mb} MB; högst {max_mb} MB läses. Dela upp den i flera filer, eller ta "
        "bort kolumner som inte ingår i datakontraktet, och försök igen.",
        "The file is {size_mb} MB; at most {max_mb} MB is read. Split it into several files, or "
        "remove columns that are not in the data contract, and try again.",
    ),
    "file_too_many_rows": (
        "Filen har {rows} rader; högst {max} rader läses. Dela upp den i flera filer och "
        "försök igen.",
        "The file has {rows} rows; at most {max} rows are read. Split it into several files "
        "and try again.",
    ),
    "file_too_many_columns": (
        "Rubrikraden har {found} kolumner; högst {max} läses. Spara bara datakontraktets "
        "kolumner och försök igen.",
        "The header has {found} columns; at most {max} are read. Save only the data contract's "
        "columns and try again.",
    ),
    "cell_too_large": (
        "En cell på rad {line} har över {max} tecken; ingen kolumn i datakontraktet är så lång. "
        'Kontrollera att citattecknen i filen är parade (ett ensamt " slår ihop rader) och '
        "försök igen.",
        "A cell on line {line} has over {max} characters; no column of the data contract is that "
        'long. Check that the quotes in the file are paired (a lone " merges lines) and try '
        "again.",
    ),
    "quote_unclosed": (
        "Ett citattecken i posten som börjar på rad {line} stängs aldrig, så resten av filen "
        'blir en enda cell. Lägg till det saknade " (eller ta bort det ensamma) och försök igen.',
        "A quote in the record starting on line {line} is never closed, so the rest of the file "
        'becomes one cell. Add the missing " (or remove the lone one) and try again.',
    ),
    "quote_stray": (
        "Posten som börjar på rad {line} har ett citattecken mitt i en cell. En cell som "
        'innehåller " ska skrivas inom citattecken med tecknet dubblerat (""); spara filen '
        "som CSV från Excel igen och försök igen.",
        'The record starting on line {line} has a quote inside a cell. A cell holding " must '
        'be quoted with the quote doubled (""); save the file as CSV from Excel again and try '
        "again.",
    ),
    "cell_nul": (
        "Posten som börjar på rad {line} innehåller ett NUL-tecken (binära data). Spara filen "
        "som CSV från Excel igen och försök igen.",
        "The record starting on line {line} holds a NUL character (binary data). Save the file "
        "as CSV from Excel again and try again.",
    ),
    "file_not_csv": (
        "Filen kan inte läsas som CSV: {reason}.",
        "The file cannot be read as CSV: {reason}.",
    ),
    "file_no_rows": (
        "Filen har en rubrikrad men inga rader med data.",
        "The file has a header row but no data rows.",
    ),
    "header_missing": (
        "Obligatoriska kolumner saknas: {columns}. Rubrikraden har: {found}.",
        "Required columns missing: {columns}. The header row has: {found}.",
    ),
    "header_duplicate": (
        "Kolumnen {name} finns flera gånger i rubrikraden (som {headers}).",
        "The column {name} appears more than once in the header row (as {headers}).",
    ),
    "header_unknown": (
        "Okänd kolumn {header} tas inte med i datan.",
        "Unknown column {header} is left out of the data.",
    ),
    "header_repeated": (
        "Raden upprepar rubrikraden (två filer ihopklistrade?); den tas inte med i datan.",
        "The line repeats the header line (two files pasted together?); it is left out of the "
        "data.",
    ),
    "header_blank": (
        "Kolumn {position} har ingen rubrik; den tas inte med i datan.",
        "Column {position} has no header; it is left out of the data.",
    ),
    "header_mojibake": (
        "Rubriken {header} ser felkodad ut (t.ex. Ã¥ i stället för å). Spara filen som "
        "UTF-8 eller Windows-1252.",
        "The header {header} looks wrongly encoded (e.g. Ã¥ for å). Save the file as "
        "UTF-8 or Windows-1252.",
    ),
    "row_cells": (
        "Raden har {found} celler men rubrikraden har {expected}.",
        "The row has {found} cells but the header row has {expected}.",
    ),
    "required": (
        "Värde saknas; kolumnen är obligatorisk.",
        "Value missing; the column is required.",
    ),
    "too_long": (
        "Texten är {length} tecken; högst {max} är tillåtet.",
        "The text is {length} characters; at most {max} are allowed.",
    ),
    "id_pattern": (
        "Ogiltigt id: 1–64 tecken av A–Z, a–z, 0–9, punkt, understreck och bindestreck.",
        "Invalid id: 1–64 characters of A–Z, a–z, 0–9, dot, underscore and hyphen.",
    ),
    "id_duplicate": (
        "Id:t finns redan på rad {first_row}; varje id ska vara unikt.",
        "The id is already used on row {first_row}; each id must be unique.",
    ),
    "place_unknown": (
        "Okänd plats. {did_you_mean}Ange ett plats-id eller namn: {choices}.",
        "Unknown place. {did_you_mean}Use a place id or name: {choices}.",
    ),
    "kind_unknown": (
        "Okänt slag. {did_you_mean}Tillåtna värden: {choices}.",
        "Unknown kind. {did_you_mean}Allowed values: {choices}.",
    ),
    "type_unknown": (
        "Okänd åtgärdstyp. {did_you_mean}Tillåtna värden: {choices}.",
        "Unknown measure type. {did_you_mean}Allowed values: {choices}.",
    ),
    "type_kind": (
        "Åtgärdstypen {type} hör till slaget {expected}, men raden är {kind}.",
        "The measure type {type} belongs to kind {expected}, but the row is {kind}.",
    ),
    "status_unknown": (
        "Okänd status. {did_you_mean}Tillåtna värden: {choices}.",
        "Unknown status. {did_you_mean}Allowed values: {choices}.",
    ),
    "status_kind": (
        "Statusen {status} gäller inte för slaget {kind}. Tillåtna värden: {choices}.",
        "The status {status} does not apply to the kind {kind}. Allowed values: {choices}.",
    ),
    "actors_empty": (
        "Minst en aktör krävs (flera skiljs med |).",
        "At least one actor is required (separate several with |).",
    ),
    "actor_unknown": (
        "Aktören {actor} finns inte i aktörslistan och visas som den är skriven. "
        "Kontrollera stavningen.",
        "The actor {actor} is not in the actor list and is shown as written. Check the spelling.",
    ),
    "date_format": (
        "Ogiltigt datum. Använd ÅÅÅÅ, ÅÅÅÅ-MM, ÅÅÅÅ-MM-DD eller ÅÅÅÅ-Qn (t.ex. 2021, 2021-03, "
        "2021-03-15, 2020-Q1).",
        "Invalid date. Use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Qn (e.g. 2021, 2021-03, "
        "2021-03-15, 2020-Q1).",
    ),
    "date_order": (
        "Slutdatum {end} ligger före startdatum {start}.",
        "End date {end} is before start date {start}.",
    ),
    "indicator_unknown": (
        "Okänd indikator. {did_you_mean}Tillåtna värden: {choices}.",
        "Unknown indicator. {did_you_mean}Allowed values: {choices}.",
    ),
    "indicator_duplicate": (
        "Samma plats, indikator och period finns redan på rad {first_row}.",
        "The same place, indicator and period are already on row {first_row}.",
    ),
    "number_format": (
        "Inte ett tal.",
        "Not a number.",
    ),
    "area_unknown": (
        "Okänt område. {did_you_mean}Ange ett områdes-id eller namn: {choices}.",
        "Unknown area. {did_you_mean}Use an area id or name: {choices}.",
    ),
    "indicator_not_series": (
        "Indikatorn {indicator} har ingen serie (den är en klassning eller en siffra som källan "
        "ger en gång). Tillåtna värden: {choices}.",
        "The indicator {indicator} has no series (it is a classification or a figure a source "
        "gives once). Allowed values: {choices}.",
    ),
    "unit_unknown": (
        "Okänd enhet. {did_you_mean}Tillåtna värden: {choices}.",
        "Unknown unit. {did_you_mean}Allowed values: {choices}.",
    ),
    "unit_mismatch": (
        "Indikatorn {indicator} anges i enheten {expected}, men raden har {unit}.",
        "The indicator {indicator} is given in the unit {expected}, but the row has {unit}.",
    ),
    "period_format": (
        "Ogiltig period. En serie har år, kvartal eller månader: ÅÅÅÅ, ÅÅÅÅ-Qn eller ÅÅÅÅ-MM "
        "(t.ex. 2019, 2019-Q2, 2019-05).",
        "Invalid period. A series has years, quarters or months: YYYY, YYYY-Qn or YYYY-MM "
        "(e.g. 2019, 2019-Q2, 2019-05).",
    ),
    "count_negative": (
        "Ett antal kan inte vara negativt.",
        "A count cannot be negative.",
    ),
    "value_negative": (
        "Värdet kan inte vara negativt ({unit}).",
        "The value cannot be negative ({unit}).",
    ),
    "count_whole": (
        "Ett antal är ett heltal.",
        "A count is a whole number.",
    ),
    "percent_range": (
        "En andel i procent ligger mellan 0 och 100.",
        "A share in percent lies between 0 and 100.",
    ),
    "flag_format": (
        "Ange ja eller nej (eller true/false, 1/0; tomt betyder nej).",
        "Use yes or no (or true/false, 1/0; empty means no).",
    ),
    "outcome_duplicate": (
        "Samma område, indikator och period finns redan på rad {first_row}.",
        "The same area, indicator and period are already on row {first_row}.",
    ),
    "granularity_mixed": (
        "Perioden är {found}, men serien (samma område, indikator och källa) har {expected} "
        "sedan rad {first_row}; en serie har en enda periodlängd.",
        "The period is {found}, but the series (same area, indicator and source) has "
        "{expected} since row {first_row}; a series has one length of period.",
    ),
    "cost_negative": (
        "Kostnaden kan inte vara negativ.",
        "The cost cannot be negative.",
    ),
    "coords_pair": (
        "Ange både {present} och {missing}, eller ingen av dem.",
        "Give both {present} and {missing}, or neither.",
    ),
    "coords_both_kinds": (
        "Raden har både lat/lon och x/y; ange bara det ena.",
        "The row has both lat/lon and x/y; give only one of them.",
    ),
    "coords_outside_sweden": (
        "Punkten ({lat}, {lon}) ligger utanför Sverige (lat 55–69,1, lon 10,9–24,2).",
        "The point ({lat}, {lon}) lies outside Sweden (lat 55–69.1, lon 10.9–24.2).",
    ),
    "coords_latlon_swapped": (
        "Punkten ligger utanför Sverige; lat och lon verkar ha bytt plats.",
        "The point lies outside Sweden; lat and lon look swapped.",
    ),
    "coords_outside_crs": (
        "x/y ligger utanför {crs}:s giltighetsområde (x {xmin}–{xmax}, y {ymin}–{ymax}).",
        "x/y lie outside the area of use of {crs} (x {xmin}–{xmax}, y {ymin}–{ymax}).",
    ),
    "coords_xy_swapped": (
        "x och y verkar ha bytt plats: i {crs} är x östlig koordinat (E) och y nordlig (N).",
        "x and y look swapped: in {crs} x is the easting (E) and y the northing (N).",
    ),
    "crs_unknown": (
        "Okänt koordinatsystem. Tillåtna: EPSG:3006, EPSG:3011, EPSG:4326.",
        "Unknown coordinate system. Allowed: EPSG:3006, EPSG:3011, EPSG:4326.",
    ),
    "geometry_invalid": (
        "Geometrin kan inte läsas som WKT (POINT, LINESTRING eller POLYGON i WGS84).",
        "The geometry cannot be read as WKT (POINT, LINESTRING or POLYGON in WGS84).",
    ),
    "geometry_type": (
        "Geometritypen {type} stöds inte; använd POINT, LINESTRING eller POLYGON.",
        "Geometry type {type} is not supported; use POINT, LINESTRING or POLYGON.",
    ),
    "geometry_topology": (
        "Geometrin är ogiltig: {reason}.",
        "The geometry is invalid: {reason}.",
    ),
    "geometry_and_coords": (
        "Raden har både geometri och koordinater; ange bara det ena.",
        "The row has both a geometry and coordinates; give only one of them.",
    ),
    "far_from_place": (
        "Platsen ligger {distance} m utanför {place}; kontrollera koordinaterna eller platsen.",
        "The location lies {distance} m outside {place}; check the coordinates or the place.",
    ),
}


# "Did you mean …?", filled into a message's {did_you_mean} (or added at its end).
SUGGESTION = ("Menade du {suggestion}? ", "Did you mean {suggestion}? ")
DID_YOU_MEAN = "did_you_mean"


@dataclass(frozen=True)
class Problem:
    """One problem in a file: where (row as numbered in the file, header = 1), what and why.

    ``column`` is the contract's name of the column; ``column_in_file`` the header the file
    gave it (as written), when the file has it. ``suggestion`` is the allowed value a
    misspelt one most likely meant, in both languages."""

    severity: Severity
    code: str
    row: int
    column: str | None = None
    value: str | None = None
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    column_in_file: str | None = field(default=None, compare=False)
    suggestion: Words | None = field(default=None, compare=False, hash=False)

    def message(self, lang: Lang = "sv") -> str:
        """The problem in words, in Swedish (``sv``) or English (``en``), with the
        suggestion when there is one."""
        sv, en = MESSAGES[self.code]
        template = sv if lang == "sv" else en
        params = {k: v.say(lang) if isinstance(v, Words) else v for k, v in self.params.items()}
        ask = ""
        if self.suggestion is not None:
            ask = SUGGESTION[lang != "sv"].format(suggestion=self.suggestion.say(lang))
        if ask and "{" + DID_YOU_MEAN + "}" not in template:
            return f"{template.format(**params)} {ask.strip()}"
        return template.format(**params, did_you_mean=ask)

    def column_label(self) -> str | None:
        """The column as the file's header names it, with the contract's name beside it
        where they differ ("Åtgärdstyp (measure_type)"); the contract's name when the file
        lacks the column."""
        if self.column_in_file is None or self.column is None:
            return self.column
        if fold(self.column_in_file) == fold(self.column):
            return self.column_in_file
        return f"{self.column_in_file} ({self.column})"

    def to_dict(self, lang: Lang = "sv") -> dict[str, Any]:
        """The public JSON shape of a problem: row, column (the contract's name),
        column_in_file, value, message and suggestion (in ``lang``, or null)."""
        return {
            "row": self.row,
            "column": self.column,
            "column_in_file": self.column_in_file,
            "value": self.value,
            "message": self.message(lang),
            "suggestion": self.suggestion.say(lang) if self.suggestion else None,
        }


def error(
    code: str,
    row: int,
    column: str | None = None,
    value: str | None = None,
    *,
    suggestion: Words | None = None,
    **params: Any,
) -> Problem:
    """An error: it blocks publishing."""
    return Problem(Severity.ERROR, code, row, column, value, params, suggestion=suggestion)


def warning(
    code: str,
    row: int,
    column: str | None = None,
    value: str | None = None,
    *,
    suggestion: Words | None = None,
    **params: Any,
) -> Problem:
    """A warning: shown to the analyst, does not block publishing."""
    return Problem(Severity.WARNING, code, row, column, value, params, suggestion=suggestion)


def in_file_words(problems: list[Problem], headers: Mapping[str, str]) -> list[Problem]:
    """``problems`` with each column named as the file's header wrote it (``headers``: the
    contract's column name → the header text), for the columns the file has."""
    return [
        _in_file_words(p, headers) if p.column in headers and p.column_in_file is None else p
        for p in problems
    ]


# Problems whose params name columns ("Give both lat and lon"): named as the file's header too.
_COLUMN_PARAMS = {"coords_pair": ("present", "missing")}


def _in_file_words(problem: Problem, headers: Mapping[str, str]) -> Problem:
    params = problem.params
    if problem.code in _COLUMN_PARAMS:
        named = _COLUMN_PARAMS[problem.code]
        params = {k: headers.get(v, v) if k in named else v for k, v in params.items()}
    # The constructor, not dataclasses.replace: this runs once for nearly every problem.
    return Problem(
        problem.severity,
        problem.code,
        problem.row,
        problem.column,
        problem.value,
        params,
        headers[problem.column],  # type: ignore[index]
        problem.suggestion,
    )


@dataclass
class Report:
    """Everything validation found in one file, plus what was detected about the file."""

    path: str
    encoding: str | None = None
    delimiter: str | None = None
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    coordinates: dict[str, int] = field(default_factory=dict)  # CRS (or "") → rows using it
    columns: tuple[str, ...] = COLUMN_NAMES  # the file's contract: problems are listed in its order

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def lacks_columns(self) -> bool:
        """The file lacks required columns: none of its rows was read."""
        return any(p.code == "header_missing" for p in self.problems)

    def add(self, problems: list[Problem] | Problem) -> None:
        self.problems.extend(problems if isinstance(problems, list) else [problems])

    def sorted_problems(self) -> list[Problem]:
        order = {name: i for i, name in enumerate(self.columns)}
        return sorted(self.problems, key=lambda p: (p.row, order.get(p.column or "", -1), p.code))

    def to_dict(self, lang: Lang = "sv") -> dict[str, Any]:
        """The public JSON shape of a validation report (see README, CLI)."""
        problems = self.sorted_problems()
        return {
            "ok": self.ok,
            "rows": self.rows,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "errors": [p.to_dict(lang) for p in problems if p.severity is Severity.ERROR],
            "warnings": [p.to_dict(lang) for p in problems if p.severity is Severity.WARNING],
        }


@dataclass(frozen=True)
class ProblemGroup:
    """One problem found on several rows: the same kind, column (as the file names it) and
    message."""

    severity: Severity
    column: str | None
    message: str
    rows: tuple[int, ...]


def grouped(report: Report, lang: Lang = "sv") -> list[ProblemGroup]:
    """The report's problems, one group per kind, column (as the file names it) and message
    (worded in ``lang``): errors first, then the groups on most rows, then the earliest."""
    rows: dict[tuple[Severity, str | None, str], list[int]] = {}
    for problem in report.sorted_problems():
        key = (problem.severity, problem.column_label(), problem.message(lang))
        rows.setdefault(key, []).append(problem.row)
    groups = [ProblemGroup(*key, tuple(found)) for key, found in rows.items()]
    return sorted(groups, key=lambda g: (g.severity is not Severity.ERROR, -len(g.rows), g.rows[0]))


def row_ranges(rows: tuple[int, ...], most: int = 8) -> str:
    """Ascending row numbers as runs ("2–5, 9, 11–12"); after ``most`` runs, "…"."""
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    words = [str(a) if a == b else f"{a}–{b}" for a, b in runs[:most]]
    return ", ".join(words) + (", …" if len(runs) > most else "")
