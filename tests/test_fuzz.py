"""Property-based fuzzing of the reader and the validator (Hypothesis).

Whatever the bytes, encoding, delimiter, header order, header names, line endings or cell
contents: no unhandled exception, every problem points at a row and a column that exist, and a
valid file stays valid, with the same rows, through an export and a fresh import. Reading
and validating take time in proportion to the rows, for valid files and bad ones alike.
"""

from __future__ import annotations

import csv
import io
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.synthetic import synthetic_csv
from safetymap.contract.schema import MEASURES
from safetymap.contract.table import contract_table
from safetymap.intake.loaders import LoadedMeasures, read_measures
from safetymap.intake.places import load_places
from safetymap.present import export
from tests.conftest import ROOT

PLACES = load_places(ROOT / "geodata" / "places.geojson")
with open(ROOT / "measures.csv", encoding="utf-8", newline="") as _file:
    SHIPPED = list(csv.DictReader(_file))
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text as analysts' files hold it, and worse: any Unicode (control characters included),
# quotes, delimiters, line breaks and very long runs.
cell_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.sampled_from(['"', '""', ";", ",", "\t", "\r\n", "\n", "\r", "=1+1", "\x00", "\u2028"]),
    st.text(alphabet='aå,;"\n', min_size=2_000, max_size=5_000),
)

# Coordinates and dates as spreadsheets hold them, and out of every range: any float (NaN and
# infinities too) with a point or a decimal comma, and dates of every precision the contract
# knows, with impossible months, days and quarters among them.
coordinate_text = st.one_of(
    st.floats(width=64).map(repr),
    st.floats(min_value=-1e8, max_value=1e8).map(lambda f: f"{f:.6f}".replace(".", ",")),
    st.floats(min_value=10, max_value=70).map(lambda f: f"{f:.5f}"),
)
date_text = st.one_of(
    st.dates().map(str),
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(0, 9999), st.integers(0, 15)),
    st.builds(
        lambda y, m, d: f"{y}-{m:02d}-{d:02d}",
        st.integers(1, 9999),
        st.integers(0, 13),
        st.integers(0, 32),
    ),
    st.builds(lambda y, q: f"{y}-Q{q}", st.integers(1900, 2100), st.integers(0, 6)),
    st.integers(-10, 99_999).map(str),
)
COORDINATE_COLUMNS = {"lat", "lon", "x", "y"}
DATE_COLUMNS = {"start_date", "end_date", "status_date"}


def _lines(data: bytes) -> int:
    """Lines in the file as an editor counts them (any line ending)."""
    return max(1, len(io.StringIO(data.decode("utf-8", "replace"), newline=None).readlines()))


def _assert_problems_point_at_the_file(loaded: LoadedMeasures, data: bytes) -> None:
    lines = _lines(data) + 1
    for problem in loaded.report.problems:
        assert 1 <= problem.row <= lines, (problem, lines)
        assert problem.column is None or isinstance(problem.column, str), problem
        assert problem.message("sv") and problem.message("en")  # every code has its text


@FUZZ
@given(data=st.binary(max_size=3_000))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    loaded = read_measures(data, "fuzz.csv", PLACES)
    _assert_problems_point_at_the_file(loaded, data)
    assert loaded.readable or loaded.report.errors


def _encode(text: str, encoding: str) -> bytes | None:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return None


@st.composite
def csv_files(draw: st.DrawFn, mutate: bool) -> tuple[bytes, list[dict[str, str]]]:
    """A file of shipped (valid) rows: random columns order, header aliases, delimiter,
    encoding and line endings; with ``mutate``, random cells replaced by fuzz text."""
    rows = draw(st.lists(st.sampled_from(SHIPPED), min_size=1, max_size=8, unique_by=id))
    rows = [dict(r) for r in rows]
    for i, row in enumerate(rows):
        row["id"] = f"{row['id']}-{i}"
    columns = [c for c in MEASURES.names if any(r.get(c) for r in rows) or c in MEASURES.required]
    columns = draw(st.permutations(columns))
    headers = []
    for column in columns:
        spec = next(s for s in MEASURES.columns if s.name == column)
        name = draw(st.sampled_from((column, *spec.aliases)))
        headers.append(draw(st.sampled_from((name, name.upper(), f" {name} "))))
    if mutate:
        for row in rows:
            for column in draw(st.lists(st.sampled_from(columns), max_size=3)):
                text = (
                    coordinate_text
                    if column in COORDINATE_COLUMNS
                    else date_text
                    if column in DATE_COLUMNS
                    else cell_text
                )
                row[column] = draw(st.one_of(text, cell_text))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    # As a spreadsheet writes it: a cell holding a line break is always quoted (Python's
    # minimal quoting only looks for the characters of its own line ending).
    breaks = any("\r" in v or "\n" in v for row in rows for v in row.values())
    quoting = csv.QUOTE_ALL if breaks else draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator=ending, quoting=quoting)
    writer.writerow(headers)
    writer.writerows([[row.get(c, "") for c in columns] for row in rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    data = _encode(out.getvalue(), encoding) or out.getvalue().encode("utf-8")
    return data, rows


@FUZZ
@given(csv_files(mutate=True))
def test_files_with_mangled_cells_never_raise_and_point_at_real_rows(file) -> None:
    data, rows = file
    loaded = read_measures(data, "fuzz.csv", PLACES)
    _assert_problems_point_at_the_file(loaded, data)
    for problem in loaded.report.problems:
        assert problem.column is None or problem.column in MEASURES.names or problem.row == 1
    if loaded.readable:
        # Every record is either shown or named by an error, never silently dropped.
        bad_rows = {p.row for p in loaded.report.errors} - {1}
        assert len(loaded.measures) + len(bad_rows) == len(rows)


@FUZZ
@given(csv_files(mutate=False))
def test_a_valid_file_survives_export_and_import(file) -> None:
    data, rows = file
    loaded = read_measures(data, "fuzz.csv", PLACES)
    assert loaded.report.ok, loaded.report.to_dict()
    assert sorted(loaded.measures["id"]) == sorted(r["id"] for r in rows)
    again = read_measures(export.to_csv(loaded.measures), "export.csv", PLACES)
    assert again.report.ok, again.report.to_dict()
    first = contract_table(loaded.measures).sort_values("id").reset_index(drop=True)
    second = contract_table(again.measures).sort_values("id").reset_index(drop=True)
    assert first.equals(second)


def _cpu_seconds(data: bytes) -> float:
    """The least CPU time this process spends reading ``data``, of two reads (CPU time,
    not wall time: other processes on the machine do not count)."""
    spent = []
    for _ in range(2):
        start = time.process_time()
        read_measures(data, "bench.csv", PLACES)
        spent.append(time.process_time() - start)
    return min(spent)


@pytest.mark.parametrize("with_problems", [False, True], ids=["valid", "every-row-a-problem"])
def test_validation_time_grows_linearly_with_rows(with_problems: bool) -> None:
    # Four times the rows: at most four times the time when the work is linear in the rows
    # (a little less, with the fixed cost of a read); sixteen times when it grows with their
    # square. Twice the linear bound leaves room for the noise of a shared machine.
    middle, large = (_cpu_seconds(synthetic_csv(n, with_problems)) for n in (16_000, 64_000))
    assert large / middle < 8, f"16 000 rows {middle:.2f} s, 64 000 rows {large:.2f} s"
