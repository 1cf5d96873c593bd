"""Versions that landed while someone worked: what a table about to be published undoes of
them. Pure: contract tables in, one ``Diff`` per version out.

A file is checked against the version in force then (its *base*). When other versions are
published before it is, publishing it makes the store hold the file, not the file plus
their changes: every change they made that the file does not hold is undone. ``reverted``
names those changes, each by the version that made it last:

* a row a later version added that the table lacks (the table removes it again),
* a row a later version removed that the table still has (the table brings it back),
* a field a later version changed that the table holds otherwise (old → new as the later
  versions left it: base value → value in force; a row the table adds as well, with other
  values, as changed from nothing).

A change the table makes too (the same new value) is kept, not undone. A later version's
change to a row the table leaves out counts as undone as well, since the row goes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from safetymap.versions.diff import Diff, row_keys


@dataclass(frozen=True)
class Reverted:
    """What the table undoes of ``version``: its changes, as ``Diff`` words them (added: the
    rows it added, removed: the rows it removed, changed/values: the fields it changed,
    old → new)."""

    version: int
    diff: Diff


def _keyed(table: pd.DataFrame, key: tuple[str, ...]) -> pd.DataFrame:
    """``table`` indexed by its rows' keys, each key once (its first row)."""
    keyed = table.set_axis(row_keys(table, key), axis=0).fillna("").astype(str)
    return keyed[~keyed.index.duplicated()]


def reverted(
    base: pd.DataFrame,
    landed: Sequence[tuple[int, pd.DataFrame]],
    table: pd.DataFrame,
    key: tuple[str, ...],
) -> list[Reverted]:
    """What ``table`` undoes of the versions in ``landed`` (number and contract table, in
    the order published), all published after ``base``, the version it was checked against:
    one ``Reverted`` per version with anything undone, in order (see the module docstring)."""
    if not landed:
        return []
    steps = [_keyed(base, key)] + [_keyed(rows, key) for _, rows in landed]
    numbers = [number for number, _ in landed]
    before, now, mine = steps[0], steps[-1], _keyed(table, key)
    result = {number: Diff() for number in numbers}
    columns = [c for c in now.columns if c not in key]
    for row in now.index.difference(before.index, sort=False):
        if row not in mine.index:
            result[_last_change(steps, numbers, row)].added.append(row)
            continue
        for column in columns:  # a row the table adds too, with other values
            if _cell(mine, row, column) not in (None, now.at[row, column]):
                changes = result[_last_change(steps, numbers, row, column)]
                changes.changed.setdefault(row, []).append(column)
                changes.values.setdefault(row, {})[column] = ("", now.at[row, column])
    for row in before.index.difference(now.index, sort=False):
        if row in mine.index:
            result[_last_change(steps, numbers, row)].removed.append(row)
    common = before.index.intersection(now.index, sort=False)
    columns = [c for c in columns if c in before.columns]
    moved = before.loc[common, columns].ne(now.loc[common, columns])
    for row in moved.index[moved.any(axis=1)]:
        for column in moved.columns[moved.loc[row]]:
            if _cell(mine, row, column) == now.at[row, column]:
                continue  # the table makes the same change: nothing is undone
            changes = result[_last_change(steps, numbers, row, column)]
            changes.changed.setdefault(row, []).append(column)
            changes.values.setdefault(row, {})[column] = (
                before.at[row, column],
                now.at[row, column],
            )
    return [Reverted(number, diff) for number, diff in result.items() if not diff.empty]


def _cell(table: pd.DataFrame, row: str, column: str | None = None) -> str | None:
    """The cell of ``row`` in ``column`` ("" for the row itself), None when the row or
    column is not there."""
    if row not in table.index or (column is not None and column not in table.columns):
        return None
    return "" if column is None else table.at[row, column]


def _last_change(
    steps: list[pd.DataFrame], numbers: list[int], row: str, column: str | None = None
) -> int:
    """The last of the landed versions (``numbers``, whose tables follow the base in
    ``steps``) that changed ``row``: added or removed it, or (given) its ``column``."""
    for index in range(len(steps) - 1, 0, -1):
        if _cell(steps[index - 1], row, column) != _cell(steps[index], row, column):
            return numbers[index - 1]
    return numbers[-1]
