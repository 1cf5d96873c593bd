"""Outcome indicators: ``indicators.csv`` read, validated and reported like the measures.

An indicator is a figure a source document gives about safety at a place: reported crimes in
a year, the share of residents who feel unsafe, the police's classification of an area. The
file is read by the same reader as the measures (encodings, delimiters, Swedish headers,
line numbers) and checked in the same two stages — parse each cell, then a pandera schema
whose check names are problem codes — into the same ``Report``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from safetymap.contract import problems as pr
from safetymap.contract.schema import ColumnSpec, TableContract
from safetymap.contract.vocab import NUMERIC_KINDS, indicators
from safetymap.intake.coords import parse_number
from safetymap.intake.dates import parse_partial_date
from safetymap.intake.failures import schema_problems
from safetymap.intake.places import Places
from safetymap.intake.reading import RawTable, Unreadable, read_table
from safetymap.intake.suggestions import allowed_values, place_suggester, vocabulary_suggester

PLACE, INDICATOR, PERIOD, VALUE, UNIT, SOURCE, SOURCE_QUOTE = (
    "place",
    "indicator",
    "period",
    "value",
    "unit",
    "source",
    "source_quote",
)
INDICATOR_CONTRACT = TableContract(
    (
        ColumnSpec(PLACE, True, ("plats", "område")),
        ColumnSpec(INDICATOR, True, ("indikator", "mått")),
        ColumnSpec(PERIOD, False, ("år", "datum", "tidpunkt")),
        ColumnSpec(VALUE, True, ("värde",)),
        ColumnSpec(UNIT, True, ("enhet",)),
        ColumnSpec(SOURCE, True, ("källa",), 300),
        ColumnSpec(SOURCE_QUOTE, False, ("citat",), 500),
    )
)
# The indicators an unknown one is told to choose from: the figures the documents give (the
# series of counts and rates, which the file accepts too, are listed for outcomes.csv).
FIGURE_KINDS = ("number", "category")
COLUMNS = [
    "row",
    PLACE,
    "place_name",
    INDICATOR,
    PERIOD,
    "period_first",
    "period_last",
    "number",
    VALUE,
    UNIT,
    SOURCE,
    SOURCE_QUOTE,
]


@dataclass
class LoadedIndicators:
    """The valid indicator rows and the validation report (``readable`` as for measures)."""

    table: pd.DataFrame
    report: pr.Report
    readable: bool = True


def empty_indicators() -> pd.DataFrame:
    return pd.DataFrame({c: [] for c in COLUMNS})


def read_indicators(data: bytes, name: str, places: Places) -> LoadedIndicators:
    """Read and validate the bytes of an indicators CSV called ``name``."""
    report = pr.Report(path=name, columns=INDICATOR_CONTRACT.names)
    raw = read_table(data, name, INDICATOR_CONTRACT)
    if isinstance(raw, Unreadable):
        report.encoding, report.delimiter = raw.encoding, raw.delimiter
        report.add(raw.problem)
        return LoadedIndicators(empty_indicators(), report, readable=False)
    report.encoding, report.delimiter, report.rows = raw.encoding, raw.delimiter, len(raw.rows)
    if raw.missing:  # no row is kept or checked: the header's problems say what to do
        report.add(pr.in_file_words(raw.problems, raw.headers))
        return LoadedIndicators(empty_indicators(), report)
    report.add(list(raw.problems))
    typed = _parse(raw, places, report)
    report.add(_check(typed, raw, places))
    report.problems = pr.in_file_words(report.problems, raw.headers)
    bad = {p.row for p in report.errors}
    return LoadedIndicators(typed[~typed["row"].isin(bad)].reset_index(drop=True), report)


def load_indicators(path: str | Path, places: Places) -> LoadedIndicators:
    """Read and validate an indicators CSV from disk; a missing file is reported, not raised."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        report = pr.Report(path=str(path))
        code = "file_not_found" if isinstance(exc, FileNotFoundError) else "file_unreadable"
        report.add(pr.error(code, 1, path=path.name, reason=exc.strerror or exc))
        return LoadedIndicators(empty_indicators(), report, readable=False)
    return read_indicators(data, str(path), places)


def _parse(raw: RawTable, places: Places, report: pr.Report) -> pd.DataFrame:
    vocabulary = indicators()
    records = []
    columns = {c: raw.column(c) for c in INDICATOR_CONTRACT.names}
    for index, row in enumerate(raw.rows):
        text = {c: cells[index] for c, cells in columns.items()}
        place = places.match(text[PLACE]) or text[PLACE]
        indicator = vocabulary.normalise(text[INDICATOR]) or text[INDICATOR]
        period, first, last = "", None, None
        if text[PERIOD]:
            try:
                parsed = parse_partial_date(text[PERIOD])
                period, first, last = parsed.iso(), parsed.first, parsed.last
            except ValueError:
                report.add(pr.error("date_format", row, PERIOD, text[PERIOD]))
        number = None
        term = vocabulary.terms.get(indicator)
        if term is not None and term.kind in NUMERIC_KINDS and text[VALUE]:
            try:
                number = parse_number(text[VALUE])
            except ValueError:
                report.add(pr.error("number_format", row, VALUE, text[VALUE]))
        records.append(
            {
                **text,
                "row": row,
                PLACE: place,
                "place_name": places.by_id[place].name if place in places.by_id else "",
                INDICATOR: indicator,
                PERIOD: period,
                "period_first": first,
                "period_last": last,
                "number": number,
            }
        )
    return pd.DataFrame(records, columns=COLUMNS)


def _not_blank() -> pa.Check:
    return pa.Check(lambda s: s.str.len() > 0, name="required")


def _schema(place_ids: list[str]) -> pa.DataFrameSchema:
    limits = INDICATOR_CONTRACT.max_length
    allowed = indicators().ids()
    return pa.DataFrameSchema(
        {
            PLACE: pa.Column(
                str,
                [
                    _not_blank(),
                    pa.Check(lambda s: (s == "") | s.isin(place_ids), name="place_unknown"),
                ],
            ),
            INDICATOR: pa.Column(
                str,
                [
                    _not_blank(),
                    pa.Check(lambda s: (s == "") | s.isin(allowed), name="indicator_unknown"),
                ],
            ),
            VALUE: pa.Column(str, _not_blank()),
            UNIT: pa.Column(str, _not_blank()),
            SOURCE: pa.Column(
                str,
                [_not_blank(), pa.Check(lambda s: s.str.len() <= limits[SOURCE], name="too_long")],
            ),
            SOURCE_QUOTE: pa.Column(
                str, pa.Check(lambda s: s.str.len() <= limits[SOURCE_QUOTE], name="too_long")
            ),
        },
        strict=False,
    )


def _check(typed: pd.DataFrame, raw: RawTable, places: Places) -> list[pr.Problem]:
    def detail(code: str, value: str | None) -> tuple[dict[str, object], pr.Words | None]:
        if code == "place_unknown":
            return {"choices": ", ".join(places.ids())}, place_suggester(places)(value)
        if code == "indicator_unknown":
            choices = allowed_values("indicators", FIGURE_KINDS)
            return {"choices": choices}, vocabulary_suggester("indicators")(value)
        return {}, None

    problems = schema_problems(
        _schema(places.ids()), typed, raw, INDICATOR_CONTRACT.max_length, detail
    )
    # A figure is told apart by its place, indicator and period (so are its versions:
    # ``store.INDICATORS``), whichever source gives it: a second row of the same is an error.
    key = [PLACE, INDICATOR, PERIOD]
    first_rows = typed.groupby(key, sort=False)["row"].transform("min")
    for row, first in zip(typed["row"], first_rows):
        if row != first:
            problems[(row, INDICATOR, "dup")] = pr.error(
                "indicator_duplicate", int(row), INDICATOR, None, first_row=int(first)
            )
    return list(problems.values())
