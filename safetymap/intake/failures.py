"""A pandera schema's failures over a figures table (indicators, outcome series) as problems.

One problem per row, column and check (pandera may report a cell more than once), naming the
cell's value as the file wrote it; a text over its column's limit gets its length and the
limit. What else a check's message needs (the allowed values, a suggestion) comes from the
caller's ``detail``. Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from safetymap.contract import problems as pr
from safetymap.intake.reading import RawTable

ProblemKey = tuple[int, str, str]  # (row, column, check)
# A check's code and the cell's value → the message's parameters and a suggestion.
Detail = Callable[[str, str | None], tuple[dict[str, object], pr.Words | None]]


def schema_problems(
    schema: pa.DataFrameSchema,
    typed: pd.DataFrame,
    raw: RawTable,
    max_length: Mapping[str, int],
    detail: Detail,
) -> dict[ProblemKey, pr.Problem]:
    """``schema``'s checks of ``typed`` (one row per ``raw`` record, its line in ``row``), as
    errors keyed by row, column and check."""
    problems: dict[ProblemKey, pr.Problem] = {}
    try:
        schema.validate(typed, lazy=True)
    except SchemaErrors as exc:
        index_of = {row: index for index, row in enumerate(raw.rows)}
        for case in exc.failure_cases.itertuples(index=False):
            if pd.isna(case.index):
                continue
            position = int(case.index)
            row = int(typed["row"].iloc[position])
            column, code = str(case.column), str(case.check)
            value = raw.column(column)[index_of[row]] or None
            if code == "too_long":
                value = str(typed[column].iloc[position])
                params: dict[str, object] = {"length": len(value), "max": max_length[column]}
                suggestion = None
            else:
                params, suggestion = detail(code, value)
            problems.setdefault(
                (row, column, code),
                pr.error(code, row, column, value, suggestion=suggestion, **params),
            )
    return problems
