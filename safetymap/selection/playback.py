"""Time played on the map (#21): each measure's status month by month, for the play control.

``courses`` works out, once per data and day, each row's status at the end of every month of
the data's period (the first month any row's dates can mean up to today's month, whose day
is today): the status the "as of" filter gives on that day (``timeline.status_on`` over the
same ``changes_by_measure``), never a rule of its own. ``status_on`` only changes at the first
day of a dated change, so it is asked once before every change and once at each, and the
months between are filled with numpy; rows of the same kind, status and dates (and no
recorded change) share one course, worked out once.

``play_steps`` takes a filter's steps from the courses: the rows the filter would show on
some day (the filter without its day, statuses and years, which depend on the status), and
at each month the status each has then, or hidden where the filter leaves it out on that
day (not begun yet, another status than the chosen ones, outside the chosen years as the
status then makes its days reach). The steps begin at the filter's rows' first month, or
at ``as_of``'s when that is earlier. Pure: no Streamlit.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd

from safetymap.contract.schema import (
    DATE_COLUMNS,
    END_DATE,
    ID,
    KIND,
    START_DATE,
    STATUS,
    STATUS_DATE,
)
from safetymap.contract.vocab import statuses
from safetymap.intake.dates import parse_partial_date
from safetymap.intake.places import Places
from safetymap.selection.filters import MeasureFilter
from safetymap.selection.timeline import TERMINAL, Recorded, changes_by_measure, status_on

HIDDEN = -1  # not shown at that month: not begun yet, or left out by the filter then
CODE_HIDDEN = "-"  # a hidden month in a row's code string (``codes_text``)


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def months_between(first: date, last: date) -> list[date]:
    """The first day of every month from ``first``'s to ``last``'s."""
    months, at = [], month_start(first)
    while at <= last:
        months.append(at)
        at = date(at.year + at.month // 12, at.month % 12 + 1, 1)
    return months


def step_day(month: date, today: date) -> date:
    """The day a month's step shows: its last day, today in today's month."""
    return min(month_end(month), today)


@dataclass(frozen=True)
class Courses:
    """Every row's status month by month (rows as in the data, months from the data's first
    to today's). ``codes[row, month]``: the status's position in the vocabulary, ``HIDDEN``
    where the row has not begun; ``before``: each row's code before any dated change (what
    it shows in months before the period)."""

    ids: tuple[str, ...]
    months: tuple[date, ...]
    codes: np.ndarray  # int8, (rows, months)
    before: np.ndarray  # int8, (rows,)
    today: date

    def columns(self, first: date) -> np.ndarray:
        """The codes from the month of ``first`` to today's month: months before the period
        show each row's ``before``."""
        first = month_start(first)
        if not self.months or first >= self.months[0]:
            start = self.months.index(first) if first in self.months else len(self.months)
            return self.codes[:, start:]
        extra = len(months_between(first, self.months[0])) - 1
        return np.hstack([np.repeat(self.before[:, None], extra, axis=1), self.codes])


def _first_day(measures: pd.DataFrame, today: date) -> date:
    days = [parse_partial_date(v).first for c in DATE_COLUMNS for v in measures[c].unique() if v]
    return min(days) if days else today


COURSE_COLUMNS = (KIND, STATUS, START_DATE, END_DATE, STATUS_DATE)  # what a course is made of


def _groups(measures: pd.DataFrame, recorded: Recorded | None) -> tuple[np.ndarray, np.ndarray]:
    """Rows that share one course: the same kind, status and dates, and no recorded change
    (a row with recorded changes is a group of its own). Each row's group, and the first row
    of each group: a course is worked out once per group, not once per row."""
    own = set(recorded or ())
    keys = zip(*(measures[c].tolist() for c in COURSE_COLUMNS))
    marked = [("recorded", i) if i in own else k for i, k in zip(measures[ID].tolist(), keys)]
    groups, _ = pd.factorize(pd.Series(marked, dtype=object))
    return groups, np.unique(groups, return_index=True)[1]


def courses(measures: gpd.GeoDataFrame, today: date, recorded: Recorded | None = None) -> Courses:
    """Each row's status at every month of the data's period (``Courses``)."""
    index = {s: i for i, s in enumerate(statuses().ids())}
    months = months_between(_first_day(measures, today), today)
    ends = np.array([step_day(m, today).toordinal() for m in months], dtype=np.int64)
    code = lambda status: index[status] if status is not None else HIDDEN  # noqa: E731
    groups, firsts = _groups(measures, recorded)
    before = []
    rows, cols, values, order = [], [], [], []
    for row, (_, changes) in enumerate(changes_by_measure(measures.iloc[firsts], recorded)):
        before.append(code(status_on(changes, date.min)))
        for day in sorted({c.date.first for c in changes if c.date is not None}):
            rows.append(row)
            cols.append(int(np.searchsorted(ends, day.toordinal(), side="left")))
            values.append(code(status_on(changes, day)))
            order.append(day.toordinal())
    n, width = len(before), len(months)
    first = np.array(before, dtype=np.int8)
    # Each change from the first month whose step day it has reached; later changes of a row
    # in one month overwrite earlier ones (their order of days kept by a stable sort).
    marks = np.full((n, width + 1), -2, dtype=np.int8)
    if rows:
        r, c, v = np.array(rows), np.array(cols), np.array(values, dtype=np.int8)
        ranked = np.lexsort((np.array(order), c, r))
        r, c, v = r[ranked], c[ranked], v[ranked]
        last = np.ones(len(r), dtype=bool)
        last[:-1] = (r[1:] != r[:-1]) | (c[1:] != c[:-1])
        marks[r[last], c[last]] = v[last]
    marks = marks[:, :width]
    positions = np.where(marks != -2, np.arange(width, dtype=np.int32), -1)
    filled = np.maximum.accumulate(positions, axis=1) if width else positions
    codes = np.where(
        filled >= 0, np.take_along_axis(marks, np.maximum(filled, 0), axis=1), first[:, None]
    ).astype(np.int8)
    return Courses(
        tuple(measures[ID].astype(str)),
        tuple(months),
        codes[groups] if len(groups) else codes,
        first[groups] if len(groups) else first,
        today,
    )


@dataclass(frozen=True)
class Steps:
    """A filter's play: the months it steps through, its rows (every row it shows in some
    month, as ids) and each row's code per month (``HIDDEN`` where it is not shown)."""

    months: tuple[date, ...]
    ids: tuple[str, ...]
    codes: np.ndarray  # int8, (rows, months)
    today: date

    def days(self) -> list[date]:
        return [step_day(m, self.today) for m in self.months]

    def at(self, day: date) -> int:
        """The step of the month holding ``day`` (the last step after today)."""
        wanted = month_start(day)
        for k, month in enumerate(self.months):
            if month >= wanted:
                return k
        return len(self.months) - 1


def play_rows(flt: MeasureFilter, measures: gpd.GeoDataFrame, places: Places) -> gpd.GeoDataFrame:
    """Every row ``flt`` shows on some day: the filter without its day, statuses and years
    (the choices the status on a day decides)."""
    return flt.without(as_of=None, statuses=(), year_from=None, year_to=None).apply(
        measures, places
    )


def _in_years(flt: MeasureFilter, rows: pd.DataFrame, status: str) -> np.ndarray:
    """Whether each row meets the filter's years when its status is ``status`` (a running
    status reaches up to today), by the filter's own rule."""
    records = rows[list(DATE_COLUMNS)].to_dict("records") if len(rows) else []
    return np.array([flt._in_years({**r, STATUS: status}) for r in records], dtype=bool).reshape(
        len(rows)
    )


def play_steps(course: Courses, flt: MeasureFilter, candidates: gpd.GeoDataFrame) -> Steps:
    """``flt``'s play over ``candidates`` (``play_rows``), taken from ``course``."""
    position = pd.Index(course.ids).get_indexer(candidates[ID].astype(str))
    if (position < 0).any():
        raise ValueError("play_steps: rows that are not in the courses' data")
    own = course.codes[position]
    began = np.flatnonzero((own != HIDDEN).any(axis=0))
    first = (
        course.months[began[0]]
        if len(began)
        else course.months[-1]
        if course.months
        else course.today
    )
    if flt.as_of is not None and month_start(flt.as_of) < first:
        first = month_start(flt.as_of)
    codes = np.array(
        course.columns(first)[position] if len(position) else np.zeros((0, 0), np.int8),
        dtype=np.int8,
    )
    months = tuple(months_between(first, course.today))
    codes = codes.reshape(len(position), len(months))
    ids = statuses().ids()
    if flt.statuses:
        allowed = np.array([s in flt.statuses for s in ids] + [False])
        codes = np.where(allowed[codes], codes, HIDDEN).astype(np.int8)
    if flt.year_from is not None or flt.year_to is not None:
        running = _in_years(flt, candidates, "ongoing")
        ended = _in_years(flt, candidates, "completed")
        terminal = np.array([s in TERMINAL for s in ids] + [False])
        keep = np.where(terminal[codes], ended[:, None], running[:, None])
        codes = np.where(keep, codes, HIDDEN).astype(np.int8)
    return Steps(months, tuple(candidates[ID].astype(str)), codes, course.today)


def codes_text(codes: np.ndarray) -> list[str]:
    """Each row's codes as one letter a month ("a" the first status of the vocabulary, "-"
    hidden): what ``measures.js`` reads with ``charCodeAt``."""
    letters = np.array([ord(CODE_HIDDEN)] + [ord("a") + i for i in range(len(statuses().ids()))])
    chars = letters[codes.astype(np.int64) + 1].astype(np.uint8)
    return [bytes(row).decode("ascii") for row in chars]


def play_payload(steps: Steps, order: list[str], as_of: date | None) -> dict:
    """The play's part of the map's rows payload, for the rows in ``order`` (ids, as the
    map's rows): the months as "YYYY-MM", each month's day, each row's codes
    (``codes_text``) and the step the map opens at (``as_of``'s, else the last)."""
    rows = pd.Index(steps.ids).get_indexer(order)
    if (rows < 0).any():
        raise ValueError("play_payload: map rows that are not among the play's rows")
    return {
        "months": [m.strftime("%Y-%m") for m in steps.months],
        "days": [d.isoformat() for d in steps.days()],
        "codes": codes_text(steps.codes[rows]) if len(rows) else [],
        "at": steps.at(as_of) if as_of is not None else len(steps.months) - 1,
        "as_of": as_of.isoformat() if as_of is not None else None,
    }


def shown_on(steps: Steps, step: int) -> dict[str, str]:
    """The rows shown at ``step`` and their statuses (id → status id): what the map draws."""
    ids = statuses().ids()
    column = steps.codes[:, step]
    return {steps.ids[i]: ids[int(column[i])] for i in np.flatnonzero(column != HIDDEN)}
