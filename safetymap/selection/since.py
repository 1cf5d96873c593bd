"""What changed since the last briefing: new measures, status changes, conditions begun or
lifted after a day or a version.

``since`` is a day (``2026-09-01``) or a version number (``3``, also written ``v3``). It
stands for the data as it was then: the version in force at the end of that day (none
before the data's first version), or that version. A change counts when either

* a version published after it recorded it (``store.status_events``, whatever day the
  change is dated by), or
* the measure's own dates imply it (``timeline.implied_changes``: a start, an end, a status
  date) and it can have happened after the day and by today;

a measure is new when that version did not hold it (so before the first version nothing can
be told apart as new). Pure: rows, recorded events and versions in, changes out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

import pandas as pd

from safetymap.contract.i18n import t
from safetymap.contract.problems import Lang
from safetymap.contract.schema import END_DATE, ID, KIND, START_DATE, STATUS, STATUS_DATE
from safetymap.contract.vocab import statuses
from safetymap.intake.dates import parse_partial_date
from safetymap.selection.timeline import implied_changes
from safetymap.versions.store import RecordedEvent

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_VERSION = re.compile(r"^[vV]?(\d{1,9})$")

Published = tuple[int, date]  # a version's number and the (local) day it was published
ChangeKind = Literal["new", "status", "begun", "lifted"]


@dataclass(frozen=True)
class Since:
    """The point a briefing counts changes from: the day, and the version in force then
    (None: before the data's first version)."""

    day: date
    version: int | None
    by_version: bool = False  # asked as a version number, not a day

    def param(self) -> str:
        """As a link writes it: the day, or the version's number."""
        return str(self.version) if self.by_version else self.day.isoformat()

    def heading(self, lang: Lang) -> str:
        """ "Sedan 2026-09-01" / "Sedan version 3 (2026-09-01)" in ``lang``."""
        if self.by_version:
            return t("since_heading_version", lang, n=self.version, date=self.day.isoformat())
        return t("since_heading", lang, date=self.day.isoformat())


@dataclass(frozen=True)
class SinceProblem:
    """Why a ``since`` value cannot be used as given: ``code`` names the message."""

    code: Literal["bad_value", "since_future", "since_unknown_version", "since_before_first"]
    first: Published | None = None  # the data's first version, for "before the first"


def read_since(
    text: str, published: Sequence[Published], today: date
) -> tuple[Since | None, SinceProblem | None]:
    """A ``since`` value (a day or a version number) against the versions published so far.

    A day after ``today`` or an unknown version gives no ``Since`` and a problem; a day
    before the first version gives both: it is used, with a notice that new measures and
    recorded changes cannot be told apart then.
    """
    text = text.strip()
    ordered = sorted(published)
    if match := _VERSION.match(text):
        number = int(match.group(1))
        found = next((day for n, day in ordered if n == number), None)
        if found is None:
            return None, SinceProblem("since_unknown_version")
        return Since(found, number, by_version=True), None
    day = _day(text)
    if day is None:
        return None, SinceProblem("bad_value")
    if day > today:
        return None, SinceProblem("since_future")
    in_force = [n for n, published_on in ordered if published_on <= day]
    if not in_force:
        first = ordered[0] if ordered else None
        return Since(day, None), SinceProblem("since_before_first", first)
    return Since(day, in_force[-1]), None


def _day(text: str) -> date | None:
    if not _ISO_DAY.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class Baseline:
    """What a briefing compares with: the ``since`` point, the ids of the version then in
    force (None before the first version) and the status changes recorded after it."""

    since: Since
    ids: frozenset[str] | None
    events: tuple[RecordedEvent, ...]


def baseline(
    since: Since, ids_then: Iterable[str] | None, events: Iterable[RecordedEvent], up_to: int
) -> Baseline:
    """The baseline of ``since``: ``ids_then`` are the ids of its version (ignored before the
    first), ``events`` every recorded change; those of versions after it, up to the version in
    force (``up_to``), are kept."""
    after = since.version or 0
    return Baseline(
        since,
        None if since.version is None or ids_then is None else frozenset(ids_then),
        tuple(e for e in events if after < e.version <= up_to),
    )


@dataclass(frozen=True)
class Change:
    """One thing that changed at a place since the baseline."""

    kind: ChangeKind
    measure_id: str
    title: str
    status: str  # the status it entered (a new measure: the one it has)
    previous: str | None  # the status before, where known
    date: str  # canonical partial date, "" when not known
    recorded: bool  # recorded between versions (else implied by the row's dates, or new)

    def text(self, lang: Lang) -> str:
        """The change in a line: "Ny: Belysning (planerad)", "Belysning: pågående →
        genomförd (2 november 2026)", "Belysning: blev pågående (2019)" (the status before
        not known), "Började: Öppen drogscen (oktober 2026)"."""
        label = statuses().label(self.status, lang)
        when = f" ({parse_partial_date(self.date).label(lang)})" if self.date else ""
        if self.kind == "new":
            return t("since_new", lang, title=self.title, status=label)
        if self.kind in ("begun", "lifted"):
            return t(f"since_{self.kind}", lang, title=self.title) + when
        if self.previous is None:
            return t("since_became", lang, title=self.title, status=label) + when
        return f"{self.title}: {statuses().label(self.previous, lang)} → {label}{when}"


ORDER = {"new": 0, "status": 1, "begun": 2, "lifted": 2}


def changes_since(rows: pd.DataFrame, base: Baseline, today: date) -> list[Change]:
    """What changed in ``rows`` (the data in force) since ``base``: new measures first, then
    status changes, then conditions begun or lifted, each group newest first."""
    recorded: dict[str, list[RecordedEvent]] = {}
    for event in base.events:
        recorded.setdefault(event.measure_id, []).append(event)
    found: list[Change] = []
    columns = [ID, "title", KIND, STATUS, START_DATE, END_DATE, STATUS_DATE]
    for row in rows[columns].itertuples(index=False):
        if base.ids is not None and row.id not in base.ids:
            found.append(Change("new", row.id, row.title, row.status, None, "", False))
            continue
        found += _status_changes(row, recorded.get(row.id, []), base.since.day, today)
    return sorted(found, key=lambda c: (ORDER[c.kind], _newest_first(c.date)))


def _status_changes(row, events: list[RecordedEvent], day: date, today: date) -> list[Change]:
    """The recorded changes of one row after the baseline, then those its dates imply after
    ``day`` (and by ``today``) that no recorded change already names."""
    kind = row.kind

    def change(status: str, previous: str | None, when: str, recorded: bool) -> Change:
        if kind == "condition" and status in ("active", "lifted"):
            named: ChangeKind = "begun" if status == "active" else "lifted"
        else:
            named = "status"
        return Change(named, row.id, row.title, status, previous, when, recorded)

    found = [change(e.to_status, e.from_status, e.date, True) for e in events]
    named = {c.status for c in found}
    implied = implied_changes(kind, row.status, row.start_date, row.end_date, row.status_date)
    for i, step in enumerate(implied):
        when = step.date
        if when is None or step.status in named or when.last <= day or when.first > today:
            continue
        previous = implied[i - 1].status if i else None
        found.append(change(step.status, previous, when.iso(), False))
    return found


def _newest_first(when: str) -> tuple[int, int]:
    """A sort key: dated changes newest first (by their first possible day), undated last."""
    return (0, -parse_partial_date(when).first.toordinal()) if when else (1, 0)
