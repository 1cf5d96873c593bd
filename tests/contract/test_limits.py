"""Limits: a file too large, too long, too wide or with a runaway cell is refused as a whole,
with the limit, what was found and what to do."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from safetymap.cli.commands import main
from safetymap.contract import limits
from safetymap.intake.loaders import read_measures
from safetymap.intake.places import Places
from tests.conftest import ROOT, csv_bytes, make_measure

HEADER = "id,title,place,measure_type,actors,status\r\n"
ROW = "m-{},Ny belysning,kista-busstorg,lighting,Trafikkontoret,completed\r\n"


def _refusal(data: bytes, places: Places) -> tuple[str, int]:
    loaded = read_measures(data, "stor.csv", places)
    assert not loaded.readable and loaded.measures.empty
    (problem,) = loaded.report.errors
    return problem.message("sv"), problem.row


def test_the_upload_page_and_the_cli_share_the_file_size_limit() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == limits.MAX_FILE_MB


def test_a_file_over_the_size_limit(places: Places) -> None:
    data = HEADER.encode() + b"x" * limits.MAX_FILE_BYTES
    message, row = _refusal(data, places)
    assert message.startswith("Filen är 20,0 MB; högst 20 MB läses. Dela upp den")
    assert row == 1


def test_a_file_over_the_row_limit(places: Places) -> None:
    body = "".join(ROW.format(i) for i in range(limits.MAX_ROWS + 1))
    message, _ = _refusal((HEADER + body).encode(), places)
    assert message == (
        f"Filen har {limits.MAX_ROWS + 1} rader; högst {limits.MAX_ROWS} rader läses. "
        "Dela upp den i flera filer och försök igen."
    )


def test_a_file_at_the_row_limit_is_read(places: Places) -> None:
    body = "".join(ROW.format(i) for i in range(limits.MAX_ROWS))
    loaded = read_measures((HEADER + body).encode(), "stor.csv", places)
    assert loaded.report.ok and len(loaded.measures) == limits.MAX_ROWS


def test_a_header_over_the_column_limit(places: Places) -> None:
    extra = ",".join(f"extra{i}" for i in range(limits.MAX_COLUMNS))
    data = (HEADER.strip() + "," + extra + "\r\n" + ROW.format(1)).encode()
    message, row = _refusal(data, places)
    assert message.startswith(f"Rubrikraden har {limits.MAX_COLUMNS + 6} kolumner; högst")
    assert row == 1


@pytest.mark.parametrize("size", [limits.MAX_CELL_CHARS + 1, 200_000])
def test_a_runaway_cell_names_its_line_and_the_likely_cause(places: Places, size: int) -> None:
    long_cell = ROW.format(2).replace("Ny belysning", '"Ny belysning' + "x" * size + '"')
    message, row = _refusal((HEADER + ROW.format(1) + long_cell).encode(), places)
    assert row == 3
    assert f"En cell på rad 3 har över {limits.MAX_CELL_CHARS} tecken" in message
    assert "citattecknen" in message


def test_a_quote_never_closed_names_the_line_it_opens_on(places: Places) -> None:
    lone_quote = ROW.format(2).replace("Ny belysning", '"Ny belysning')
    message, row = _refusal((HEADER + ROW.format(1) + lone_quote + ROW.format(3)).encode(), places)
    assert row == 3 and message.startswith("Ett citattecken i posten som börjar på rad 3 stängs")


def test_the_cli_refuses_a_file_over_a_limit_with_exit_2(tmp_path: Path, capsys) -> None:
    path = tmp_path / "bred.csv"
    rows = [make_measure(**{f"extra{i}": "x" for i in range(limits.MAX_COLUMNS)})]
    path.write_bytes(csv_bytes(rows))
    assert main(["validate", str(path)]) == 2
    assert "Rubrikraden har 106 kolumner; högst 100 läses." in capsys.readouterr().out
