"""What a new version changes against the one in force. Pure: tables in, a ``Diff`` out.

Both sides are contract tables (``contract.table.contract_table``: one string per cell), so a value
counts as changed exactly when an analyst would see a different cell in the CSV. A changed
``status`` also becomes a status change, and so does a measure that comes back (after a
version without it) in another status than the last one recorded for it.

A status change is dated so that a measure's recorded changes, in the order they were
recorded, never go back in time (``dated_after``): by the new row's ``status_date`` when that
is not before the change recorded last, otherwise by the publish day (a rollback that
undoes a change is dated at the rollback, not by its row's old ``status_date``). Replayed in
date order, the changes therefore end in the status of the version in force, and so do the
timeline and "as of" built on them. ``in_sequence`` applies the same rule to changes read
back from a store written before the rule (issue #19).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar

import pandas as pd

from safetymap.contract.schema import ID, STATUS, STATUS_DATE, TITLE
from safetymap.intake.dates import PartialDate, Precision, parse_partial_date


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
    """Ids added and removed, changed ids with their changed columns (and, in ``values``,
    each changed column's old and new cell), and status changes."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)
    events: list[StatusEvent] = field(default_factory=list)
    values: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


KEY_SEPARATOR = " · "

Event = TypeVar("Event", bound=StatusEvent)
# Each measure's recorded status changes, in the order they were recorded.
History = Mapping[str, Sequence[StatusEvent]]


def dated_after(candidate: str, publish_day: date, latest: str | None) -> str:
    """The date of a status change recorded on ``publish_day`` that wants ``candidate``,
    when the change recorded last for the same measure is dated ``latest``.

    ``candidate`` is kept unless it comes before ``latest`` (partial dates compare by their
    first day, then their last); then the publish day is used, or ``latest`` itself if the
    publish day is before it too (a change recorded with a future date).
    """
    if latest is None:
        return candidate
    last = parse_partial_date(latest)
    if parse_partial_date(candidate) >= last:
        return candidate
    if PartialDate(publish_day, publish_day, Precision.DAY) >= last:
        return publish_day.isoformat()
    return latest


def in_sequence(events: Iterable[Event], publish_day: Callable[[Event], date]) -> list[Event]:
    """``events`` (in the order recorded) with every date that goes back in time against the
    same measure's earlier changes moved forward by ``dated_after``."""
    latest: dict[str, str] = {}
    result = []
    for event in events:
        day = dated_after(event.date, publish_day(event), latest.get(event.measure_id))
        latest[event.measure_id] = day
        result.append(event if day == event.date else replace(event, date=day))
    return result


def row_keys(table: pd.DataFrame, key: tuple[str, ...]) -> pd.Index:
    """What tells each row apart: its ``id``, or its ``key`` columns joined with " · "."""
    if key == (ID,):
        return pd.Index(table[ID])
    return pd.Index(table[list(key)].astype(str).agg(KEY_SEPARATOR.join, axis=1))


def diff_tables(
    old: pd.DataFrame,
    new: pd.DataFrame,
    publish_day: date,
    key: tuple[str, ...] = (ID,),
    history: History | None = None,
) -> Diff:
    """Compare two contract tables row by row, rows told apart by ``key`` (``row_keys``);
    columns are compared where both tables have them. Status changes are dated against
    ``history``, the status changes recorded so far (see the module docstring)."""
    history = history or {}
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
        result.values[measure_id] = {c: (str(was[c]), str(now[c])) for c in changed}
        if STATUS in changed:
            result.events.append(_event(measure_id, str(was[STATUS]), now, publish_day, history))
    for measure_id in (i for i in result.added if history.get(i)):
        now, last = after.loc[measure_id], history[measure_id][-1]
        if last.to_status != str(now[STATUS]):
            result.events.append(_event(measure_id, last.to_status, now, publish_day, history))
    return result


def _event(
    measure_id: str, was: str, now: pd.Series, publish_day: date, history: History
) -> StatusEvent:
    earlier = history.get(measure_id)
    return StatusEvent(
        measure_id=measure_id,
        title=str(now[TITLE]),
        from_status=was,
        to_status=str(now[STATUS]),
        date=dated_after(
            str(now[STATUS_DATE]) or publish_day.isoformat(),
            publish_day,
            earlier[-1].date if earlier else None,
        ),
    )
