"""Reading CSV bytes: encodings, delimiters, headers and line numbers."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest

from safetymap.intake.reading import RawTable, Unreadable, read_table
from tests.conftest import DATA, csv_bytes, make_measure


def _table(data: bytes) -> RawTable:
    table = read_table(data)
    assert isinstance(table, RawTable), table
    return table


@pytest.mark.parametrize(
    "name, encoding",
    [
        ("excel_sv_cp1252.csv", "cp1252"),
        ("excel_utf8_bom.csv", "utf-8-sig"),
    ],
)
def test_swedish_excel_exports_read_without_mojibake(name: str, encoding: str) -> None:
    table = _table((DATA / name).read_bytes())
    assert table.encoding == encoding
    assert table.delimiter == ";"
    assert table.record(0)["title"] == "Ny och förstärkt belysning"
    assert table.record(0)["description"] == "Belysning vid rulltrappan – öster om spåret"
    assert table.record(2)["description"] == "Klassad av polisen; en av ca 50"


def test_swedish_headers_map_to_contract_columns() -> None:
    table = _table((DATA / "excel_sv_cp1252.csv").read_bytes())
    assert table.columns[:6] == ["id", "title", "place", "kind", "measure_type", "actors"]
    assert "cost_sek" in table.columns and "source" in table.columns


def test_blank_lines_are_skipped_and_rows_keep_file_line_numbers() -> None:
    table = _table((DATA / "excel_sv_cp1252.csv").read_bytes())
    assert table.rows == [2, 3, 5]


def test_a_multiline_cell_does_not_shift_later_row_numbers() -> None:
    data = csv_bytes([make_measure(id="a", description="line one\nline two"), make_measure(id="b")])
    assert _table(data).rows == [2, 4]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_detected(delimiter: str) -> None:
    table = _table(csv_bytes([make_measure()], delimiter=delimiter))
    assert table.delimiter == delimiter
    assert table.record(0)["title"] == "Ny belysning"


def test_headers_match_without_case_accents_or_spaces() -> None:
    data = (
        "  ATGARDS-ID ; Titel;PLATS;atgardstyp; Aktorer ;STATUS\n"
        "1;T;kista;lighting;Polisen;completed\n"
    )
    table = _table(data.encode())
    assert table.columns == ["id", "title", "place", "measure_type", "actors", "status"]


def test_utf16_with_bom_is_read() -> None:
    table = _table(
        csv_bytes([make_measure(title="Trygghetsvärdar")], delimiter="\t", encoding="utf-16")
    )
    assert table.encoding == "utf-16"
    assert table.record(0)["title"] == "Trygghetsvärdar"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read_not_called_binary(encoding: str) -> None:
    table = _table(csv_bytes([make_measure(title="Trygghetsvärdar")], encoding=encoding))
    assert table.encoding == encoding
    assert table.record(0)["title"] == "Trygghetsvärdar"


def test_zero_bytes_that_are_not_utf16_are_still_binary() -> None:
    data = csv_bytes([make_measure()]) + b"\x00\x00\x07\x00PK\x03\x04"
    result = read_table(data)
    assert isinstance(result, Unreadable) and result.problem.code == "file_binary"


def test_a_header_line_over_the_csv_field_limit_names_its_line() -> None:
    header_cell = "x" * 140_000  # over the csv module's 128 KiB field limit
    data = csv_bytes([make_measure(**{header_cell: ""})])
    result = read_table(data)
    assert isinstance(result, Unreadable)
    assert (result.problem.code, result.problem.row) == ("cell_too_large", 1)
    assert "rad 1" in result.problem.message("sv")


def test_a_repeated_header_line_is_one_warning_and_left_out() -> None:
    rows = [make_measure(id="a"), make_measure(id="b")]
    data = csv_bytes(rows[:1]) + csv_bytes(rows[1:])  # two exports pasted into one file
    table = _table(data)
    assert [r["id"] for r in map(table.record, range(len(table.rows)))] == ["a", "b"]
    [problem] = table.problems
    assert (problem.severity.value, problem.code, problem.row) == ("warning", "header_repeated", 3)
    assert "upprepar rubrikraden" in problem.message("sv")


def test_cells_are_trimmed() -> None:
    table = _table(csv_bytes([make_measure(title="  Ny belysning  ")]))
    assert table.record(0)["title"] == "Ny belysning"


def test_unknown_column_is_a_warning_and_left_out() -> None:
    table = _table(csv_bytes([make_measure(Kommentar="intern")]))
    [problem] = table.problems
    assert (problem.severity.value, problem.code, problem.row, problem.column) == (
        "warning",
        "header_unknown",
        1,
        "Kommentar",
    )
    assert "Kommentar" not in table.record(0) and "kommentar" not in table.columns


def test_mojibake_header_is_an_error_naming_the_header() -> None:
    data = csv_bytes([make_measure(**{"kÃ¤lla": "x"})])
    [problem] = _table(data).problems
    assert problem.code == "header_mojibake" and problem.column == "kÃ¤lla"
    assert "Ã¥" in problem.message("sv")


def test_duplicate_column_is_an_error() -> None:
    data = (
        b"id,title,titel,place,measure_type,actors,status\n1,a,b,kista,lighting,Polisen,completed\n"
    )
    [problem] = _table(data).problems
    assert problem.code == "header_duplicate" and problem.column == "title"
    assert "title, titel" in problem.message("en")


def test_missing_required_columns_is_one_clear_error_of_a_readable_file() -> None:
    table = _table(b"id,titel\n1,Belysning\n")
    assert table.missing == ["place", "measure_type", "actors", "status"]
    [problem] = table.problems
    assert (problem.code, problem.row) == ("header_missing", 1)
    assert problem.message("sv") == (
        "Obligatoriska kolumner saknas: plats (place), åtgärdstyp (measure_type), "
        "aktörer (actors), status. Rubrikraden har: id, titel."
    )
    assert problem.message("en").startswith(
        "Required columns missing: place, measure_type, actors, status."
    )


def test_each_column_keeps_its_header_as_the_file_wrote_it() -> None:
    table = _table((DATA / "excel_sv_cp1252.csv").read_bytes())
    assert table.headers["measure_type"] == "Åtgärdstyp"
    assert table.headers["id"] == "Åtgärds-ID" and table.missing == []


def test_row_with_too_few_cells_is_an_error_on_its_line() -> None:
    data = csv_bytes([make_measure()]) + b"m-2,Kort rad\r\n"
    [problem] = _table(data).problems
    assert (problem.code, problem.row) == ("row_cells", 3)
    assert "2 celler" in problem.message("sv") and "6" in problem.message("sv")


def test_trailing_empty_cells_are_tolerated() -> None:
    data = csv_bytes([make_measure()]).replace(b"completed\r\n", b"completed,,\r\n")
    assert _table(data).problems == []


@pytest.mark.parametrize(
    "data, code",
    [
        (b"", "file_empty"),
        (b"  \r\n\r\n", "file_empty"),
        (b"\x00\x01\x02binary\x00", "file_binary"),
    ],
)
def test_not_a_csv_file_is_unreadable(data: bytes, code: str) -> None:
    result = read_table(data)
    assert isinstance(result, Unreadable) and result.problem.code == code


def test_an_excel_workbook_is_refused_with_advice() -> None:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("xl/workbook.xml", "<workbook/>" * 50)
    result = read_table(buffer.getvalue())
    assert isinstance(result, Unreadable)
    assert result.problem.code in {"file_binary", "header_missing"}
    assert "CSV" in result.problem.message("sv")


def test_header_only_file_says_there_are_no_rows() -> None:
    table = _table(b"id,title,place,measure_type,actors,status\r\n")
    assert [p.code for p in table.problems] == ["file_no_rows"]


@pytest.mark.parametrize(
    "header, suggestion",
    [
        ("Plast", "plats"),
        ("Latitude", "latitud"),
        ("Start datum", "startdatum"),
        ("Beskrivnig", "beskrivning"),
        ("Status kommentar", None),  # holds a column's name, but is another column
        ("Kommentar", None),
        ("Statuss", None),  # near "status", but the file has that column already
    ],
)
def test_a_misspelt_header_gets_the_nearest_accepted_one(
    header: str, suggestion: str | None
) -> None:
    row = {k: v for k, v in make_measure().items() if k != "place"}
    [problem] = [
        p for p in _table(csv_bytes([{**row, header: "x"}])).problems if p.code == "header_unknown"
    ]
    assert (problem.suggestion.say("sv") if problem.suggestion else None) == suggestion
    if suggestion:
        assert problem.message("sv").endswith(
            f"Okänd kolumn {header} tas inte med i datan. Menade du {suggestion}?"
        )
