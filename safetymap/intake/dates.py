"""Partial dates: a year, a quarter, a month or a day, each keeping its precision.

``2021`` means "some time in 2021": it is never silently turned into 1 January 2021.
A partial date knows the first and last day it can fall on, which is what filters by
year and the timeline use.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from safetymap.contract.problems import Lang


class Precision(IntEnum):
    """How much of a date is known, from coarsest to finest."""

    YEAR = 1
    QUARTER = 2
    MONTH = 3
    DAY = 4


_MONTHS_SV = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)

_PATTERNS: tuple[tuple[re.Pattern[str], Precision], ...] = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$"), Precision.DAY),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), Precision.MONTH),
    (re.compile(r"^(\d{4})\s*-?\s*(?:q|kv\.?)\s*([1-4])$", re.IGNORECASE), Precision.QUARTER),
    (re.compile(r"^(\d{4})$"), Precision.YEAR),
)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to a given precision; ``first`` and ``last`` bound the days it covers."""

    first: date
    last: date
    precision: Precision

    @property
    def year(self) -> int:
        return self.first.year

    def iso(self) -> str:
        """The contract's canonical text: ``2021``, ``2020-Q1``, ``2021-03``, ``2021-03-15``."""
        if self.precision is Precision.YEAR:
            return f"{self.first.year}"
        if self.precision is Precision.QUARTER:
            return f"{self.first.year}-Q{(self.first.month - 1) // 3 + 1}"
        if self.precision is Precision.MONTH:
            return f"{self.first.year}-{self.first.month:02d}"
        return self.first.isoformat()

    def label(self, lang: Lang = "sv") -> str:
        """The date in words at its own precision, e.g. ``mars 2021`` or ``Q1 2020``."""
        y, m = self.first.year, self.first.month
        if self.precision is Precision.YEAR:
            return str(y)
        if self.precision is Precision.QUARTER:
            q = (m - 1) // 3 + 1
            return f"kvartal {q} {y}" if lang == "sv" else f"Q{q} {y}"
        if self.precision is Precision.MONTH:
            return f"{_MONTHS_SV[m - 1]} {y}" if lang == "sv" else f"{calendar.month_name[m]} {y}"
        if lang == "sv":
            return f"{self.first.day} {_MONTHS_SV[m - 1]} {y}"
        return f"{self.first.day} {calendar.month_name[m]} {y}"

    def years(self) -> range:
        """Every year the date can fall in."""
        return range(self.first.year, self.last.year + 1)

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last


def parse_partial_date(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-Qn``/``YYYY kv n``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Raises ``ValueError`` naming the text when it is none of these or not a real date.
    """
    cleaned = " ".join(text.strip().split())
    for pattern, precision in _PATTERNS:
        match = pattern.match(cleaned)
        if match:
            return _build(match.groups(), precision, text)
    raise ValueError(f"not a date: {text!r}")


def _build(parts: tuple[str, ...], precision: Precision, text: str) -> PartialDate:
    year = int(parts[0])
    if not 1900 <= year <= 2100:
        raise ValueError(f"not a date: year outside 1900–2100 in {text!r}")
    try:
        if precision is Precision.YEAR:
            return PartialDate(date(year, 1, 1), date(year, 12, 31), precision)
        if precision is Precision.QUARTER:
            q = int(parts[1])
            start_month, end_month = 3 * q - 2, 3 * q
            last_day = calendar.monthrange(year, end_month)[1]
            return PartialDate(
                date(year, start_month, 1), date(year, end_month, last_day), precision
            )
        month = int(parts[1])
        if precision is Precision.MONTH:
            last_day = calendar.monthrange(year, month)[1]
            return PartialDate(date(year, month, 1), date(year, month, last_day), precision)
        day = date(year, month, int(parts[2]))
        return PartialDate(day, day, precision)
    except ValueError as exc:
        raise ValueError(f"not a real date: {text!r}") from exc


def definitely_before(a: PartialDate, b: PartialDate) -> bool:
    """True when every day ``a`` can be lies before every day ``b`` can be."""
    return a.last < b.first
