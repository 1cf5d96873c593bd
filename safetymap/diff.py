"""What a new version changes against the one in force. Pure: tables in, a ``Diff`` out.

Both sides are contract tables (``export.contract_table``: one string per cell), so a value
counts as changed exactly when an analyst would see a different cell in the CSV. A changed
``status`` also becomes a status change, dated by the new row's ``status_date`` when it gives
one and otherwise by the publish day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from safetymap.schema import ID, STATUS, STATUS_DATE, TITLE


@dataclass(frozen=True)
class StatusEvent:
    """A measure's status as changed by a version, dated as a partial date (canonical text)."""

    measure_id: str
    title: str
    from_status: str | None
    to_status: str
    date: str


@dataclass
class Diff:
    """Ids added and removed, changed ids with their changed columns, and status changes."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)
    events: list[StatusEvent] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


KEY_SEPARATOR = " · "


def row_keys(table: pd.DataFrame, key: tuple[str, ...]) -> pd.Index:
    """What tells each row apart: its ``id``, or its ``key`` columns joined with " · "."""
    if key == (ID,):
        return pd.Index(table[ID])
    return pd.Index(table[list(key)].astype(str).agg(KEY_SEPARATOR.join, axis=1))


def diff_tables(
    old: pd.DataFrame, new: pd.DataFrame, publish_day: date, key: tuple[str, ...] = (ID,)
) -> Diff:
    """Compare two contract tables row by row, rows told apart by ``key`` (``row_keys``);
    columns are compared where both tables have them."""
    before = old.set_axis(row_keys(old, key), axis=0)
    after = new.set_axis(row_keys(new, key), axis=0)
    columns = [c for c in after.columns if c in before.columns and c not in key]
    result = Diff(
        added=[i for i in after.index if i not in before.index],
        removed=[i for i in before.index if i not in after.index],
    )
    for measure_id in (i for i in after.index if i in before.index):
        was, now = before.loc[measure_id], after.loc[measure_id]
        changed = [c for c in columns if str(was[c]) != str(now[c])]
        if not changed:
            continue
        result.changed[measure_id] = changed
        if STATUS in changed:
            result.events.append(
                StatusEvent(
                    measure_id=measure_id,
                    title=str(now[TITLE]),
                    from_status=str(was[STATUS]),
                    to_status=str(now[STATUS]),
                    date=str(now[STATUS_DATE]) or publish_day.isoformat(),
                )
            )
    return result
