"""Outcome series: ``outcomes.csv`` read, validated and reported like the measures and the
indicators.

A row is one value of one indicator for one area and one period: reported crimes in
Järfälla kommun in 2019-Q2, say. Areas are the places and focus areas and the wider areas
they lie in (``areas``); periods are years, quarters or months (``periods``), and a series
— the rows of one area, indicator and source — has one granularity. The file is read by the
same reader as the measures and the indicators (encodings, delimiters, Swedish headers, line
numbers) and checked in the same two stages — parse each cell, then a pandera schema whose
check names are problem codes, then the checks across rows — into the same ``Report``.

It sits beside ``indicators.csv`` rather than in it: the indicators are the figures the
source documents give once each (a classification, a share, a count without a period),
shown as they were written; a series needs a period of one granularity on every row, a
number in a fixed unit, a preliminary flag and areas beyond the places, and holds thousands
of rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from safetymap.contract import problems as pr
from safetymap.contract.problems import Words
from safetymap.contract.schema import ColumnSpec, TableContract, fold
from safetymap.contract.vocab import indicators, units
from safetymap.intake.areas import Areas
from safetymap.intake.coords import parse_number
from safetymap.intake.failures import schema_problems
from safetymap.intake.periods import Granularity, Period, parse_period
from safetymap.intake.reading import RawTable, Unreadable, read_table
from safetymap.intake.suggestions import allowed_values, area_suggester, vocabulary_suggester

AREA, INDICATOR, PERIOD, VALUE, UNIT, PRELIMINARY, SOURCE, SOURCE_REF = (
    "area",
    "indicator",
    "period",
    "value",
    "unit",
    "preliminary",
    "source",
    "source_ref",
)
OUTCOME_CONTRACT = TableContract(
    (
        ColumnSpec(AREA, True, ("område", "region", "plats", "place")),
        ColumnSpec(INDICATOR, True, ("indikator", "mått")),
        ColumnSpec(PERIOD, True, ("period", "tidpunkt", "år")),
        ColumnSpec(VALUE, True, ("värde",)),
        ColumnSpec(UNIT, True, ("enhet",)),
        ColumnSpec(PRELIMINARY, False, ("preliminär", "preliminärt", "prel")),
        ColumnSpec(SOURCE, True, ("källa",), 300),
        ColumnSpec(
            SOURCE_REF,
            True,
            ("källhänvisning", "tabell", "referens", "reference", "citat", "source_quote"),
            500,
        ),
    )
)
# Columns of the validated table: the contract's, in canonical form, and what was parsed.
GRANULARITY, ORDINAL, NUMBER, AREA_NAME = "granularity", "ordinal", "number", "area_name"
COLUMNS = [
    "row",
    AREA,
    AREA_NAME,
    INDICATOR,
    PERIOD,
    GRANULARITY,
    ORDINAL,
    NUMBER,
    VALUE,
    UNIT,
    PRELIMINARY,
    SOURCE,
    SOURCE_REF,
]
# The preliminary flag as a file may write it; an empty cell is "no".
YES = {"true", "ja", "j", "yes", "y", "1", "prel", "prel.", "preliminar", "preliminary", "x"}
NO = {"", "false", "nej", "n", "no", "0"}
# A granularity in a problem's words: "ett kvartal" as found, "år" as a series has them.
GRANULARITY_FOUND = {
    Granularity.YEAR: Words("ett år", "a year"),
    Granularity.QUARTER: Words("ett kvartal", "a quarter"),
    Granularity.MONTH: Words("en månad", "a month"),
}
GRANULARITY_SERIES = {
    Granularity.YEAR: Words("år", "years"),
    Granularity.QUARTER: Words("kvartal", "quarters"),
    Granularity.MONTH: Words("månader", "months"),
}


@dataclass
class LoadedOutcomes:
    """The valid outcome rows and the validation report (``readable`` as for measures)."""

    table: pd.DataFrame
    report: pr.Report
    readable: bool = True


def empty_outcomes() -> pd.DataFrame:
    return pd.DataFrame({c: [] for c in COLUMNS})


def series_indicators() -> list[str]:
    """The indicators an outcome series may have: those with a unit in the vocabulary."""
    return [t.id for t in indicators().terms.values() if t.unit]


@cache
def series_choices() -> Words:
    """The series indicators in words, for a problem: the counts and shares by label, and
    the rates said once ("each count also per 100 000 inhabitants, ``…_per_100k``")."""
    vocabulary = indicators()
    listed = [
        vocabulary.terms[i] for i in series_indicators() if vocabulary.terms[i].kind != "rate"
    ]
    sv = ", ".join(t.label_sv for t in listed)
    en = ", ".join(t.label_en for t in listed)
    return Words(
        f"{sv}; varje antal brott även per 100 000 invånare (id:t med _per_100k)",
        f"{en}; each count of crimes also per 100,000 inhabitants (the id with _per_100k)",
    )


def number_text(value: float) -> str:
    """The shortest decimal text that reads back as ``value``, never in exponent form:
    ``884.0`` → ``884``, ``12419.5`` stays."""
    return str(np.format_float_positional(value, trim="-"))


def read_outcomes(data: bytes, name: str, areas: Areas) -> LoadedOutcomes:
    """Read and validate the bytes of an outcomes CSV called ``name``."""
    report = pr.Report(path=name, columns=OUTCOME_CONTRACT.names)
    raw = read_table(data, name, OUTCOME_CONTRACT)
    if isinstance(raw, Unreadable):
        report.encoding, report.delimiter = raw.encoding, raw.delimiter
        report.add(raw.problem)
        return LoadedOutcomes(empty_outcomes(), report, readable=False)
    report.encoding, report.delimiter, report.rows = raw.encoding, raw.delimiter, len(raw.rows)
    if raw.missing:  # no row is kept or checked: the header's problems say what to do
        report.add(pr.in_file_words(raw.problems, raw.headers))
        return LoadedOutcomes(empty_outcomes(), report)
    report.add(list(raw.problems))
    typed = _parse(raw, areas, report)
    report.add(_check(typed, raw, areas))
    report.add(_across_rows(typed))
    report.problems = pr.in_file_words(report.problems, raw.headers)
    bad = {p.row for p in report.errors}
    kept = typed[~typed["row"].isin(bad)].reset_index(drop=True)
    return LoadedOutcomes(kept.astype({ORDINAL: int, NUMBER: float}), report)


def load_outcomes(path: str | Path, areas: Areas) -> LoadedOutcomes:
    """Read and validate an outcomes CSV from disk; a missing file is reported, not raised."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        report = pr.Report(path=str(path), columns=OUTCOME_CONTRACT.names)
        code = "file_not_found" if isinstance(exc, FileNotFoundError) else "file_unreadable"
        report.add(pr.error(code, 1, path=path.name, reason=exc.strerror or exc))
        return LoadedOutcomes(empty_outcomes(), report, readable=False)
    return read_outcomes(data, str(path), areas)


def contract_rows(table: pd.DataFrame) -> pd.DataFrame:
    """Validated outcome rows as the contract table a version stores and a CSV export holds:
    one string per cell, areas, indicators and units by id, periods and numbers in canonical
    form, the flag as ``true``/``false``."""
    rows = table[list(OUTCOME_CONTRACT.names)].copy()
    rows[PRELIMINARY] = ["true" if flag else "false" for flag in table[PRELIMINARY]]
    return rows.fillna("").astype(str).reset_index(drop=True)


def _flag(text: str) -> bool | None:
    folded = fold(text)
    if folded in YES:
        return True
    if folded in NO:
        return False
    return None


def _parse(raw: RawTable, areas: Areas, report: pr.Report) -> pd.DataFrame:
    """Each cell parsed (each distinct cell once); what cannot be parsed is reported."""
    vocabulary, unit_words = indicators(), units()
    columns = {c: raw.column(c) for c in OUTCOME_CONTRACT.names}
    periods: dict[str, Period | None] = {}
    numbers: dict[str, float | None] = {}
    ids: dict[tuple[str, str], str] = {}
    match = {AREA: areas.match, INDICATOR: vocabulary.normalise, UNIT: unit_words.normalise}

    def canonical(column: str, cell: str) -> str:
        if (column, cell) not in ids:
            ids[column, cell] = match[column](cell) or cell
        return ids[column, cell]

    records = []
    for index, row in enumerate(raw.rows):
        text = {c: cells[index] for c, cells in columns.items()}
        area = canonical(AREA, text[AREA])
        indicator = canonical(INDICATOR, text[INDICATOR])
        unit = canonical(UNIT, text[UNIT])
        period_text, value_text = text[PERIOD], text[VALUE]
        if period_text not in periods:
            try:
                periods[period_text] = parse_period(period_text) if period_text else None
            except ValueError:
                periods[period_text] = None
        period = periods[period_text]
        if period is None and period_text:
            report.add(pr.error("period_format", row, PERIOD, period_text))
        if value_text not in numbers:
            try:
                number = parse_number(value_text) if value_text else None
                numbers[value_text] = number if number is None or math.isfinite(number) else None
            except ValueError:
                numbers[value_text] = None
        number = numbers[value_text]
        if number is None and value_text:
            report.add(pr.error("number_format", row, VALUE, value_text))
        flag = _flag(text[PRELIMINARY])
        if flag is None:
            report.add(pr.error("flag_format", row, PRELIMINARY, text[PRELIMINARY]))
        records.append(
            {
                **text,
                "row": row,
                AREA: area,
                AREA_NAME: areas.by_id[area].name if area in areas.by_id else "",
                INDICATOR: indicator,
                UNIT: unit,
                PERIOD: period.iso() if period else period_text,
                GRANULARITY: period.granularity.value if period else "",
                ORDINAL: period.ordinal if period else -1,
                NUMBER: number,
                VALUE: number_text(number) if number is not None else value_text,
                PRELIMINARY: bool(flag),
            }
        )
    return pd.DataFrame(records, columns=COLUMNS)


def _not_blank() -> pa.Check:
    return pa.Check(lambda s: s.str.len() > 0, name="required")


def _known(allowed: list[str], name: str) -> pa.Check:
    return pa.Check(lambda s: (s == "") | s.isin(allowed), name=name)


def _schema(area_ids: list[str]) -> pa.DataFrameSchema:
    limits = OUTCOME_CONTRACT.max_length
    known_indicators = indicators().ids()
    series = series_indicators()

    def too_long(column: str) -> pa.Check:
        return pa.Check(lambda s: s.str.len() <= limits[column], name="too_long")

    return pa.DataFrameSchema(
        {
            AREA: pa.Column(str, [_not_blank(), _known(area_ids, "area_unknown")]),
            INDICATOR: pa.Column(
                str,
                [
                    _not_blank(),
                    _known(known_indicators, "indicator_unknown"),
                    pa.Check(
                        lambda s: ~s.isin(known_indicators) | s.isin(series),
                        name="indicator_not_series",
                    ),
                ],
            ),
            PERIOD: pa.Column(str, _not_blank()),
            VALUE: pa.Column(str, _not_blank()),
            UNIT: pa.Column(str, [_not_blank(), _known(units().ids(), "unit_unknown")]),
            SOURCE: pa.Column(str, [_not_blank(), too_long(SOURCE)]),
            SOURCE_REF: pa.Column(str, [_not_blank(), too_long(SOURCE_REF)]),
        },
        strict=False,
    )


def _check(typed: pd.DataFrame, raw: RawTable, areas: Areas) -> list[pr.Problem]:
    """The schema's checks of each cell, as problems naming the cell as the file wrote it."""

    def detail(code: str, value: str | None) -> tuple[dict[str, object], Words | None]:
        if code == "area_unknown":
            return {"choices": ", ".join(areas.ids())}, area_suggester(areas)(value)
        if code == "indicator_unknown":
            return {"choices": series_choices()}, vocabulary_suggester("indicators")(value)
        if code == "indicator_not_series":
            return {"indicator": _label(INDICATOR, value or ""), "choices": series_choices()}, None
        if code == "unit_unknown":
            return {"choices": allowed_values("units")}, vocabulary_suggester("units")(value)
        return {}, None

    found = schema_problems(_schema(areas.ids()), typed, raw, OUTCOME_CONTRACT.max_length, detail)
    return list(found.values())


def _label(column: str, term_id: str) -> Words:
    vocabulary = indicators() if column == INDICATOR else units()
    term = vocabulary.terms.get(vocabulary.normalise(term_id) or term_id)
    return Words(term.label_sv, term.label_en) if term else Words(term_id, term_id)


def _across_rows(typed: pd.DataFrame) -> list[pr.Problem]:
    """What a row is against its unit and the other rows: a value its unit cannot have, a
    unit its indicator is not given in, a duplicate, a period of another length than its
    series'."""
    problems: list[pr.Problem] = []
    vocabulary = indicators()
    expected = {t.id: t.unit for t in vocabulary.terms.values() if t.unit}
    for record in typed.itertuples(index=False):
        row, unit, number = int(record.row), record.unit, record.number
        want = expected.get(record.indicator)
        if want and unit in units().terms and unit != want:
            problems.append(
                pr.error(
                    "unit_mismatch",
                    row,
                    UNIT,
                    unit,
                    indicator=_label(INDICATOR, record.indicator),
                    expected=_label(UNIT, want),
                    unit=_label(UNIT, unit),
                )
            )
        if number is None or pd.isna(number):
            continue
        if number < 0:
            if unit == "count":
                problems.append(pr.error("count_negative", row, VALUE, record.value))
            elif unit in units().terms:
                problems.append(
                    pr.error("value_negative", row, VALUE, record.value, unit=_label(UNIT, unit))
                )
        elif unit == "count" and not float(number).is_integer():
            problems.append(pr.error("count_whole", row, VALUE, record.value))
        elif unit == "percent" and number > 100:
            problems.append(pr.error("percent_range", row, VALUE, record.value))
    dated = typed[typed[GRANULARITY] != ""]
    first_rows = dated.groupby([AREA, INDICATOR, PERIOD], sort=False)["row"].transform("min")
    for row, first in zip(dated["row"], first_rows):
        if row != first:
            problems.append(
                pr.error("outcome_duplicate", int(row), PERIOD, None, first_row=int(first))
            )
    ordered = dated.sort_values("row", kind="stable")
    series = ordered.groupby([AREA, INDICATOR, SOURCE], sort=False)
    first_row = series["row"].transform("first")
    first_granularity = series[GRANULARITY].transform("first")
    mixed = ordered[ordered[GRANULARITY] != first_granularity]
    for record, first, granularity in zip(
        mixed.itertuples(index=False), first_row[mixed.index], first_granularity[mixed.index]
    ):
        problems.append(
            pr.error(
                "granularity_mixed",
                int(record.row),
                PERIOD,
                record.period,
                found=GRANULARITY_FOUND[Granularity(record.granularity)],
                expected=GRANULARITY_SERIES[Granularity(granularity)],
                first_row=int(first),
            )
        )
    return problems
