"""Bytes → a table of trimmed text cells: encoding, delimiter and header detection.

This is the first step of every load, for the shipped file and for analysts' uploads alike.
It never raises for bad input: a file that cannot be read as CSV at all comes back as
``Unreadable`` with the reason, and everything else as ``RawTable`` plus problems.
"""

from __future__ import annotations

import csv
import io
import itertools
import operator
import re
from dataclasses import dataclass, field

import clevercsv

from safetymap.contract import problems as pr
from safetymap.contract.limits import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_FILE_MB,
    MAX_ROWS,
)
from safetymap.contract.schema import MEASURES, TableContract, fold
from safetymap.intake.suggestions import header_suggestion

DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
_SNIFF_CHARS = 16_000
_MOJIBAKE = ("Ã", "Â", "ï»¿")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# The start of a CSV text: no control characters but line breaks and tabs, and a line break
# or a delimiter somewhere.
_TEXT_LIKE = re.compile(r"(?=[^\x00-\x08\x0b\x0c\x0e-\x1f]*\Z)(?=.*[\n,;\t])", re.S)


@dataclass
class RawTable:
    """The cells of a CSV file, mapped onto the contract's columns, with file line numbers.

    Held column-wise: ``values`` maps each contract column present in the file to one trimmed
    cell per record ("" where a short record has no cell), in the order of ``rows``.
    ``headers`` gives each of those columns' header as the file wrote it (problems name the
    column so); ``missing`` the required columns the file lacks (an error of its own, in
    ``problems``: no row of such a file is kept).
    """

    encoding: str
    delimiter: str
    columns: list[str]  # canonical names present in the file
    header_map: list[str | None] = field(default_factory=list)  # per position, or None
    headers: dict[str, str] = field(default_factory=dict)  # column → its header in the file
    missing: list[str] = field(default_factory=list)  # required columns the file lacks
    rows: list[int] = field(default_factory=list)  # line where each record starts
    values: dict[str, list[str]] = field(default_factory=dict)
    problems: list[pr.Problem] = field(default_factory=list)

    def column(self, name: str) -> list[str]:
        """The cells of column ``name``, one per record; all "" when the file lacks it."""
        cells = self.values.get(name)
        return cells if cells is not None else [""] * len(self.rows)

    def record(self, index: int) -> dict[str, str]:
        """The record at ``index`` (not its line) as column → cell."""
        return {name: cells[index] for name, cells in self.values.items()}


@dataclass
class Unreadable:
    """A file that cannot be read as a CSV at all (exit code 2 in the CLI)."""

    problem: pr.Problem
    encoding: str | None = None
    delimiter: str | None = None


def decode(data: bytes) -> tuple[str, str]:
    """Decode file bytes; returns (text, encoding name). Raises ValueError when impossible.

    Tries UTF-8 (with or without BOM) first and falls back to Windows-1252, the code page
    Swedish Excel writes plain "CSV" in. UTF-16 is accepted with a BOM (Excel's "Unicode
    text") and without one when its zero bytes say which byte order it has.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        return _utf16_without_bom(data)
    try:
        text = data.decode("utf-8-sig")
        return text, "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise ValueError("encoding") from exc


def _utf16_without_bom(data: bytes) -> tuple[str, str]:
    """Text in UTF-16 without a BOM: Latin text has a zero in every other byte, on the high
    byte's side, and none on the other. Anything else with zero bytes is binary."""
    sample = data[:4096]
    low, high = sample[0::2], sample[1::2]
    for encoding, zeros, others in (("utf-16-le", high, low), ("utf-16-be", low, high)):
        if len(data) % 2 == 0 and zeros.count(0) > len(zeros) // 2 and others.count(0) == 0:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                break
            if _TEXT_LIKE.match(text[:2048]):
                return text, encoding
    raise ValueError("binary")


def detect_delimiter(text: str, contract: TableContract = MEASURES) -> str:
    """Pick the delimiter that splits the header into the most of ``contract``'s columns.

    Falls back to clevercsv's dialect detection on a sample when the header says nothing.
    """
    first_line = _LINE_BREAK.split(text.lstrip(), maxsplit=1)[0]
    scores = {}
    aliases = contract.aliases
    for delimiter in DELIMITERS:
        try:
            header = next(csv.reader([first_line], delimiter=delimiter), [])
        except csv.Error:  # a header cell over the field limit: the reading names its line
            header = []
        scores[delimiter] = sum(1 for h in header if fold(h) in aliases)
    best = max(DELIMITERS, key=lambda d: scores[d])
    if scores[best] > 0:
        return best
    dialect = clevercsv.Detector().detect(text[:_SNIFF_CHARS], delimiters=list(DELIMITERS))
    if dialect is not None and dialect.delimiter in DELIMITERS:
        return dialect.delimiter
    return ","


def read_table(
    data: bytes, path: str = "", contract: TableContract = MEASURES
) -> RawTable | Unreadable:
    """Read CSV bytes into a RawTable of ``contract``'s columns (default: the measures), or
    explain why they are not a CSV file at all. A CSV file that lacks required columns is
    read: the table carries that error."""
    if len(data) > MAX_FILE_BYTES:
        size = f"{len(data) / 1_000_000:.1f}".replace(".", ",")
        return Unreadable(pr.error("file_too_large", 1, size_mb=size, max_mb=MAX_FILE_MB))
    if not data.strip():
        return Unreadable(pr.error("file_empty", 1))
    try:
        text, encoding = decode(data)
    except ValueError as exc:
        code = "file_binary" if str(exc) == "binary" else "file_encoding"
        return Unreadable(pr.error(code, 1))
    if not text.strip():
        return Unreadable(pr.error("file_empty", 1), encoding)
    delimiter = detect_delimiter(text, contract)
    try:
        lines, records = _records(text, delimiter)
    except _BadRecord as exc:
        return Unreadable(exc.problem(), encoding, delimiter)
    if not records:
        return Unreadable(pr.error("file_empty", 1), encoding, delimiter)
    header_line, header, body = lines[0], records[0], records[1:]
    if len(header) > MAX_COLUMNS:
        problem = pr.error("file_too_many_columns", header_line, found=len(header), max=MAX_COLUMNS)
        return Unreadable(problem, encoding, delimiter)
    if len(body) > MAX_ROWS:
        problem = pr.error("file_too_many_rows", 1, rows=len(body), max=MAX_ROWS)
        return Unreadable(problem, encoding, delimiter)
    table = _map_header(header, header_line, encoding, delimiter, contract)
    lines, body = _without_repeated_headers(table, header, lines[1:], body)
    try:
        _fill(table, header, lines, body)
    except _BadRecord as exc:
        return Unreadable(exc.problem(), encoding, delimiter)
    return table


class _BadRecord(Exception):
    """A record the CSV reader cannot take: a problem code and the line the record starts on."""

    def __init__(self, code: str, line: int) -> None:
        self.code, self.line = code, line

    def problem(self) -> pr.Problem:
        return pr.error(self.code, self.line, line=self.line, max=MAX_CELL_CHARS)


# csv.Error messages (CPython's _csv) → problem codes that say what to do.
_CSV_ERRORS = (
    ("field larger than field limit", "cell_too_large"),
    ("unexpected end of data", "quote_unclosed"),
    ("expected after", "quote_stray"),
    ("NUL", "cell_nul"),
)


def _records(text: str, delimiter: str) -> tuple[list[int], list[list[str]]]:
    """Parse CSV text into its non-blank records and the line each starts on. A record the
    reader cannot take, or a cell longer than ``MAX_CELL_CHARS`` in a record over several
    lines (almost always a lone quote that swallowed the lines after it), stops the reading
    with ``_BadRecord``.

    The whole text is parsed in one call to the C reader. A record takes one line plus one
    for each line break inside its cells, so the lines follow from the few records that
    hold one; ``_fill`` checks the length of the cells it takes. When the text has a
    problem it is read again record by record to find the line.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        parsed = list(reader)
    except csv.Error:
        return _records_one_by_one(text, delimiter)
    joined = list(map("".join, parsed))
    if reader.line_num == len(parsed):  # no line break inside a cell
        starts: list[int] | range = range(1, len(parsed) + 1)
    else:
        extra = [0] * len(parsed)
        for index in [i for i, whole in enumerate(joined) if "\n" in whole or "\r" in whole]:
            cells = parsed[index]
            if max(map(len, cells)) > MAX_CELL_CHARS:
                return _records_one_by_one(text, delimiter)
            extra[index] = sum(len(_LINE_BREAK.findall(cell)) for cell in cells)
        starts = list(
            itertools.accumulate(extra[:-1], lambda line, more: line + 1 + more, initial=1)
        )
        if starts[-1] + extra[-1] != reader.line_num:
            return _records_one_by_one(text, delimiter)
    nonblank = list(map(str.strip, joined))
    return list(itertools.compress(starts, nonblank)), list(itertools.compress(parsed, nonblank))


def _records_one_by_one(text: str, delimiter: str) -> tuple[list[int], list[list[str]]]:
    """``_records`` for a text with multi-line records or a problem: one record at a time,
    with the reader's own line count."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    lines: list[int] = []
    records: list[list[str]] = []
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return lines, records
        except csv.Error as exc:
            code = next((c for text, c in _CSV_ERRORS if text in str(exc)), "quote_stray")
            raise _BadRecord(code, line) from exc
        if max(map(len, cells), default=0) > MAX_CELL_CHARS:
            raise _BadRecord("cell_too_large", line)
        if "".join(cells).strip():
            lines.append(line)
            records.append(cells)
        line = reader.line_num + 1


def _without_repeated_headers(
    table: RawTable, header: list[str], lines: list[int], body: list[list[str]]
) -> tuple[list[int], list[list[str]]]:
    """The body without records that repeat the header (two files pasted into one): each is
    one warning, not a cell error per column."""
    names = list(map(str.strip, header))
    repeats = [
        index
        for index, cells in enumerate(body)
        if cells and cells[0].strip() == names[0] and list(map(str.strip, cells)) == names
    ]
    if not repeats:
        return lines, body
    for index in repeats:
        table.problems.append(pr.warning("header_repeated", lines[index], None, None))
    keep = sorted(set(range(len(body))) - set(repeats))
    return [lines[i] for i in keep], [body[i] for i in keep]


def _map_header(
    header: list[str], line: int, encoding: str, delimiter: str, contract: TableContract
) -> RawTable:
    table = RawTable(encoding=encoding, delimiter=delimiter, columns=[])
    aliases = contract.aliases
    seen: dict[str, list[str]] = {}
    positions: list[str | None] = []
    unknown: list[str] = []
    for position, raw in enumerate(header, start=1):
        name = aliases.get(fold(raw))
        positions.append(name)
        if name is None:
            if not raw.strip():
                table.problems.append(
                    pr.warning("header_blank", line, None, None, position=position)
                )
            else:
                unknown.append(raw)
            continue
        seen.setdefault(name, []).append(raw.strip())
    for raw in unknown:
        mojibake = any(m in raw for m in _MOJIBAKE)
        table.problems.append(
            pr.Problem(
                pr.Severity.ERROR if mojibake else pr.Severity.WARNING,
                "header_mojibake" if mojibake else "header_unknown",
                line,
                raw.strip(),
                raw,
                {"header": raw.strip()},
                column_in_file=raw.strip(),
                suggestion=None if mojibake else header_suggestion(raw, contract, set(seen)),
            )
        )
    for name, headers in seen.items():
        if len(headers) > 1:
            table.problems.append(
                pr.error(
                    "header_duplicate", line, name, None, name=name, headers=", ".join(headers)
                )
            )
    table.columns = [c for c in contract.names if c in seen]
    table.header_map = positions
    table.headers = {name: headers[0] for name, headers in seen.items()}
    table.missing = [c for c in contract.required if c not in seen]
    if table.missing:
        table.problems.append(
            pr.error(
                "header_missing",
                line,
                None,
                None,
                columns=_column_words(table.missing, contract),
                found=", ".join(h.strip() for h in header),
            )
        )
    return table


def _column_words(names: list[str], contract: TableContract) -> pr.Words:
    """Columns as a Swedish file would head them, with the contract's name beside ("plats
    (place)"), and in English by the contract's names."""
    specs = {spec.name: spec for spec in contract.columns}
    swedish = [f"{specs[n].aliases[0]} ({n})" if specs[n].aliases else n for n in names]
    return pr.Words(", ".join(swedish), ", ".join(names))


def _fill(table: RawTable, header: list[str], lines: list[int], body: list[list[str]]) -> None:
    """Put the body's cells into ``table`` column by column; a record with too few cells, or
    with non-blank cells past the header, is a problem (and read as far as it goes). A cell
    longer than ``MAX_CELL_CHARS`` stops the reading with ``_BadRecord``."""
    if not body:
        table.problems.append(pr.error("file_no_rows", 1))
    width = len(header)
    if list(map(len, body)).count(width) != len(body):
        for line, cells in zip(lines, body):
            if len(cells) < width or any(c.strip() for c in cells[width:]):
                table.problems.append(
                    pr.error("row_cells", line, None, None, found=len(cells), expected=width)
                )
        body = [(cells + [""] * width)[:width] for cells in body]
    table.rows = list(lines)
    # A column named twice (an error of its own) is read from its first position.
    first: dict[str, int] = {}
    for pos, name in enumerate(table.header_map):
        if name is not None:
            first.setdefault(name, pos)
    for name, pos in first.items():
        cells = list(map(str.strip, map(operator.itemgetter(pos), body)))
        if max(map(len, cells), default=0) > MAX_CELL_CHARS:
            index = next(i for i, cell in enumerate(cells) if len(cell) > MAX_CELL_CHARS)
            raise _BadRecord("cell_too_large", lines[index])
        table.values[name] = cells
