"""Status history of a measure: the changes its row implies and the periods between them.

A measure moves planned → ongoing → completed (or cancelled); a condition active → lifted.
From one row:

* ``start_date`` is the change to *ongoing* (conditions: *active*) — unless the measure is
  still *planned*, when it is the expected start;
* ``end_date`` is the change to the row's final status when that status is terminal
  (completed, cancelled, lifted); on an ongoing/active/planned row it is the expected or
  target end, not a change;
* ``status_date`` is when the current status took effect.

Changes recorded between published versions (issue #4) are merged in through ``recorded``.
Dates keep their precision: a period that starts "2021" starts some time in 2021.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import pandas as pd

from safetymap.contract.schema import END_DATE, ID, KIND, START_DATE, STATUS, STATUS_DATE
from safetymap.intake.dates import PartialDate, parse_partial_date

# Position in the life cycle, used to order changes whose date is unknown.
STAGE = {"planned": 0, "ongoing": 1, "active": 1, "completed": 2, "cancelled": 2, "lifted": 2}
TERMINAL = frozenset({"completed", "cancelled", "lifted"})
RUNNING = {"measure": "ongoing", "condition": "active"}


@dataclass(frozen=True)
class StatusChange:
    """The status a measure entered, when (None: date unknown) and what says so."""

    status: str
    date: PartialDate | None
    basis: str  # "start_date", "end_date", "status_date" or "version"


class RecordedStatus(Protocol):
    """A status change recorded by a published version (``store.RecordedEvent``)."""

    measure_id: str
    to_status: str
    date: str


@dataclass(frozen=True)
class StatusPeriod:
    """A status and the span it held. ``end`` None: it still holds, or (``ended``) a later
    status followed it at a date nobody gave, so when it ended is unknown."""

    status: str
    start: PartialDate | None
    end: PartialDate | None
    ended: bool = False


@dataclass(frozen=True)
class Expected:
    """Dates that are announced but have not happened as far as the row says."""

    start: PartialDate | None
    end: PartialDate | None


def _parse(text: str | None) -> PartialDate | None:
    return parse_partial_date(text) if text else None


def implied_changes(
    kind: str,
    status: str,
    start_date: str | None = None,
    end_date: str | None = None,
    status_date: str | None = None,
    recorded: Iterable[StatusChange] = (),
) -> list[StatusChange]:
    """The ordered status changes of one measure (dates as canonical partial-date text)."""
    start, end, since = _parse(start_date), _parse(end_date), _parse(status_date)
    recorded = list(recorded)
    implied: list[StatusChange] = []
    if start and status != "planned":
        implied.append(StatusChange(RUNNING.get(kind, "ongoing"), start, "start_date"))
    if end and status in TERMINAL:
        implied.append(StatusChange(status, end, "end_date"))
    if since:
        implied.append(StatusChange(status, since, "status_date"))
    if not any(c.status == status for c in [*recorded, *implied]):
        implied.append(StatusChange(status, None, "status_date"))
    return _merge(_order(implied, recorded))


def expected_dates(
    status: str, start_date: str | None = None, end_date: str | None = None
) -> Expected:
    """Announced dates that are not (yet) changes: a planned start, a target end."""
    start = _parse(start_date) if status == "planned" else None
    end = _parse(end_date) if status not in TERMINAL else None
    return Expected(start, end)


def _in_time(change: StatusChange) -> tuple[PartialDate | None, int]:
    return change.date, STAGE.get(change.status, 1)


def _order(implied: list[StatusChange], recorded: list[StatusChange]) -> list[StatusChange]:
    """The changes in time: the row's own by date (then life-cycle stage), merged with the
    recorded ones, which keep the order they were recorded in (their dates never go back,
    ``diff.dated_after``; on one date the later recorded change is the later change)."""
    own = sorted((c for c in implied if c.date), key=_in_time)
    dated = list(heapq.merge(own, (c for c in recorded if c.date), key=_in_time))
    for change in (c for c in [*implied, *recorded] if c.date is None):
        later = next(
            (
                i
                for i, c in enumerate(dated)
                if STAGE.get(c.status, 1) > STAGE.get(change.status, 1)
            ),
            len(dated),
        )
        dated.insert(later, change)
    return dated


def _merge(changes: list[StatusChange]) -> list[StatusChange]:
    merged: list[StatusChange] = []
    for change in changes:
        if merged and merged[-1].status == change.status:
            if merged[-1].date is None and change.date is not None:
                merged[-1] = change
            continue
        merged.append(change)
    return merged


def status_periods(changes: list[StatusChange]) -> list[StatusPeriod]:
    """Each status from the change that began it to the change that ended it."""
    return [
        StatusPeriod(
            change.status,
            change.date,
            changes[i + 1].date if i + 1 < len(changes) else None,
            ended=i + 1 < len(changes),
        )
        for i, change in enumerate(changes)
    ]


def status_on(changes: list[StatusChange], day: date) -> str | None:
    """The status in force on ``day``: the last change that can have happened by then.

    A change dated "2021-03" counts from 1 March 2021, the first day it can have happened.
    None when no change can have happened by that day. A change of unknown date counts as
    in force only when no dated change follows it.
    """
    current = None
    for i, change in enumerate(changes):
        if change.date is None:
            if all(c.date is None for c in changes[i + 1 :]):
                current = change.status if current or i == 0 else current
            continue
        if change.date.first <= day:
            current = change.status
    return current


Recorded = Mapping[str, Sequence[StatusChange]]


def recorded_changes(events: Iterable[RecordedStatus]) -> dict[str, list[StatusChange]]:
    """Status changes recorded between versions, by measure id, as timeline changes."""
    recorded: dict[str, list[StatusChange]] = {}
    for e in events:
        change = StatusChange(e.to_status, parse_partial_date(e.date), "version")
        recorded.setdefault(e.measure_id, []).append(change)
    return recorded


def changes_by_measure(
    measures: pd.DataFrame, recorded: Recorded | None = None
) -> Iterator[tuple[str, list[StatusChange]]]:
    """Each measure's id with the status changes its row implies and versions recorded."""
    columns = [ID, KIND, STATUS, START_DATE, END_DATE, STATUS_DATE]
    recorded = recorded or {}
    for record in measures[columns].itertuples(index=False):
        yield (
            record.id,
            implied_changes(
                record.kind,
                record.status,
                record.start_date,
                record.end_date,
                record.status_date,
                recorded.get(record.id, ()),
            ),
        )


def timeline_segments(
    measures: pd.DataFrame, today: date, recorded: Recorded | None = None
) -> pd.DataFrame:
    """Drawable segments of every dated status period, for the timeline chart.

    Each period gives up to two segments: the span its start date could fall in
    (``certain`` False: a start "2021" is drawn across 2021, not from 1 January) and the span
    from the latest possible start to the next change (or to ``today`` while it holds).

    A status that began at a date nobody gave (a completed measure with a start date but no
    end or status date) after a dated one is drawn as uncertain all along: from the latest
    possible start of the status before it to the next change (or ``today``), its ``start``
    empty. The status before it is then drawn only across the span its own start could fall
    in, its ``end`` empty and ``ended`` True: it is never drawn as lasting up to today.
    Periods whose start is unknown and that follow no dated one are not drawn;
    ``undated_ids`` lists measures with no dated change at all.
    """
    rows = []
    for measure_id, changes in changes_by_measure(measures, recorded):
        drawn = status_periods(changes)
        for i, period in enumerate(drawn):
            base = {
                "id": measure_id,
                "status": period.status,
                "start": period.start.iso() if period.start else "",
                "end": period.end.iso() if period.end else "",
                "ended": period.end is None and period.ended,
            }
            before = drawn[i - 1].start if i else None
            for x, x2, certain in _spans(period, before, today):
                rows.append({**base, "x": x, "x2": x2, "certain": certain})
    columns = ["id", "status", "start", "end", "ended", "x", "x2", "certain"]
    table = pd.DataFrame(rows, columns=columns)
    table["x"] = pd.to_datetime(table["x"])
    table["x2"] = pd.to_datetime(table["x2"])
    return table


def _spans(
    period: StatusPeriod, before: PartialDate | None, today: date
) -> list[tuple[date, date, bool]]:
    """The (from, to, certain) spans ``timeline_segments`` draws of ``period``; ``before``
    is the start of the period before it (None: none, or not dated)."""
    if period.start is None:  # began at a date nobody gave: some time after ``before``
        if before is None:
            return []
        stop = period.end.first if period.end else max(today, before.last)
        return [(before.last, stop, False)] if stop >= before.last else []
    start = period.start
    if period.end is None and period.ended:  # ended at a date nobody gave
        stop = start.last
    else:
        stop = period.end.first if period.end else max(today, start.last)
    spans = [(start.first, min(start.last, stop), False)] if start.first < start.last else []
    if start.last < stop:
        spans.append((start.last, stop, True))
    elif start.first == start.last:
        spans.append((start.first, stop, True))
    return spans


def undated_ids(measures: pd.DataFrame, recorded: Recorded | None = None) -> list[str]:
    """Measures with no dated status change at all: they cannot be placed on a time axis."""
    return [
        measure_id
        for measure_id, changes in changes_by_measure(measures, recorded)
        if all(c.date is None for c in changes)
    ]


@dataclass(frozen=True)
class Periods:
    """The shown rows as published, their drawable status periods and the time axis."""

    published: pd.DataFrame
    segments: pd.DataFrame
    domain: tuple[date, date]
    today: date


def periods(
    measures: pd.DataFrame,
    shown_ids: Iterable[str],
    today: date,
    as_of: date | None = None,
    recorded: Recorded | None = None,
) -> Periods:
    """The periods of the shown rows, taken from ``measures`` as published ("as of" only
    chooses the rows and draws its line); the axis runs from the first change to today and
    covers ``as_of``."""
    published = measures[measures[ID].isin(set(shown_ids))]
    segments = timeline_segments(published, today, recorded)
    start = segments.x.min().date() if not segments.empty else today
    domain = (min(start, as_of or today), max(today, as_of or today))
    return Periods(published, segments, domain, today)
