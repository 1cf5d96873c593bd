"""``python -m safetymap validate``: exit codes, text and JSON output, no tracebacks."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from safetymap.cli.commands import main
from safetymap.versions.auth import HASH_ENV, hash_password
from safetymap.versions.publishing import SEED_AUTHOR
from tests.conftest import DATA, ROOT, csv_bytes, make_measure
from tests.present.test_export import excel_saves


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a user does, in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "safetymap", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Run the CLI in this process (fast); returns the exit code and what it printed."""
    code = main(list(args))
    return code, capsys.readouterr().out


def _write(tmp_path: Path, data: bytes, name: str = "upload.csv") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file, delimiter=delimiter))


def test_shipped_dataset_is_valid() -> None:
    result = _run("validate", "measures.csv")
    assert result.returncode == 0, result.stdout
    assert "giltig: 0 fel" in result.stdout


def test_valid_file_with_warnings_exits_0(tmp_path: Path, capsys) -> None:
    path = _write(tmp_path, csv_bytes([make_measure(actors="Okänd förening")]))
    code, out = _call(capsys, "validate", path, "--format", "json")
    report = json.loads(out)
    assert code == 0
    assert report["ok"] is True and len(report["warnings"]) == 1 and report["errors"] == []


def test_invalid_file_exits_1_and_lists_each_problem(tmp_path: Path, capsys) -> None:
    path = _write(
        tmp_path,
        csv_bytes(
            [make_measure(title="Belysning på torget"), make_measure(status="klar")],
            delimiter=";",
            encoding="cp1252",
        ),
    )
    code, out = _call(capsys, "validate", path, "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert (report["ok"], report["rows"], report["encoding"], report["delimiter"]) == (
        False,
        2,
        "cp1252",
        ";",
    )
    assert report["errors"] == [
        {
            "row": 3,
            "column": "id",
            "column_in_file": "id",
            "value": "m-1",
            "message": "Id:t finns redan på rad 2; varje id ska vara unikt.",
            "suggestion": None,
        },
        {
            "row": 3,
            "column": "status",
            "column_in_file": "status",
            "value": "klar",
            "message": report["errors"][1]["message"],
            "suggestion": None,
        },
    ]
    assert report["errors"][1]["message"].startswith("Okänd status. Tillåtna värden: planerad,")


def test_text_output_names_row_column_value(tmp_path: Path, capsys) -> None:
    path = _write(tmp_path, csv_bytes([make_measure(place="Gamla stan")]))
    code, out = _call(capsys, "validate", path, "--lang", "en")
    assert code == 1
    assert "ERROR: row 2, column place, value 'Gamla stan': Unknown place" in out
    assert out.strip().endswith("invalid: 1 errors, 0 warnings")


def test_text_output_sums_up_a_problem_found_on_several_rows(tmp_path: Path, capsys) -> None:
    rows = [make_measure(id=f"m-{n}", status="klar") for n in range(1, 6)]
    rows[4]["place"] = "Gamla stan"
    code, out = _call(capsys, "validate", _write(tmp_path, csv_bytes(rows)))
    assert code == 1
    lines = out.strip().splitlines()
    assert sum(line.startswith("FEL: rad") for line in lines) == 6  # every problem, as before
    summary = lines[lines.index("Samma problem på flera rader:") + 1 : -1]
    assert len(summary) == 1 and summary[0].startswith("  FEL status: Okänd status.")
    assert summary[0].endswith("(5 rader: 2–6)")
    assert lines[-1] == "ogiltig: 6 fel, 0 varningar"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b'"oavslutat citat;\nid;titel',
    ],
)
def test_unreadable_input_exits_2(tmp_path: Path, capsys, data: bytes) -> None:
    code, out = _call(capsys, "validate", _write(tmp_path, data), "--format", "json")
    assert code == 2, out
    report = json.loads(out)
    assert report["ok"] is False and report["errors"][0]["row"] == 1


def test_a_readable_file_without_a_required_column_exits_1(tmp_path: Path, capsys) -> None:
    header = [c for c in make_measure() if c != "place"]
    path = _write(tmp_path, csv_bytes([make_measure()], header=header))
    code, out = _call(capsys, "validate", path, "--format", "json")
    assert code == 1, out
    [problem] = json.loads(out)["errors"]
    assert problem["row"] == 1
    assert problem["message"].startswith("Obligatoriska kolumner saknas: plats (place).")
    code, out = _call(capsys, "validate", _write(tmp_path, b"id,titel\n1,Belysning\n"))
    assert code == 1 and "ogiltig: 1 fel" in out


def test_problems_speak_the_files_own_words(capsys) -> None:
    """Swedish headers and labels in a cp1252 file: the column as the file names it, the
    allowed values and the suggestion in the language asked for."""
    path = str(DATA / "excel_sv_misspelt_cp1252.csv")
    code, out = _call(capsys, "validate", path)
    assert code == 1
    assert (
        "FEL: rad 3, kolumn Status, värde 'pågånde': Okänd status. Menade du pågående? "
        "Tillåtna värden: planerad, pågående, genomförd, avbruten." in out
    )
    assert (
        "FEL: rad 4, kolumn Åtgärdstyp (measure_type), värde 'Kameraövervakningg': "
        "Okänd åtgärdstyp. Menade du Kameraövervakning? Tillåtna värden: Belysning; " in out
    )
    code, out = _call(capsys, "validate", path, "--lang", "en", "--format", "json")
    assert code == 1
    status, measure_type = json.loads(out)["errors"]
    assert (status["column"], status["column_in_file"], status["suggestion"]) == (
        "status",
        "Status",
        "ongoing",
    )
    assert status["message"] == (
        "Unknown status. Did you mean ongoing? "
        "Allowed values: planned, ongoing, completed, cancelled."
    )
    assert (measure_type["column_in_file"], measure_type["suggestion"]) == (
        "Åtgärdstyp",
        "Camera surveillance",
    )


def test_binary_input_exits_2_without_traceback(tmp_path: Path) -> None:
    result = _run("validate", _write(tmp_path, b"\x00\x01\x02\x03" * 100), "--format", "json")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["errors"][0]["message"].startswith("Filen ser inte ut")


def test_text_output_shows_control_characters_from_the_data_never_obeys_them(
    tmp_path: Path,
) -> None:
    hostile = "pla\x1b[31mnerad\x07\x1b]0;titel\x07\r\u202e"
    path = _write(tmp_path, csv_bytes([make_measure(status=hostile, actors="Ny\x1baktör")]))
    result = _run("validate", path)
    assert result.returncode == 1
    shown = result.stdout + result.stderr
    assert not any(c in shown for c in "\x1b\x07\r\u202e")
    assert "pla\\x1b[31mnerad\\x07" in shown and "Ny\\x1baktör" in shown


@pytest.mark.parametrize("command", [["versions"], ["history"], ["export", "--format", "csv"]])
def test_a_damaged_store_is_one_line_and_exit_3(
    own_store: Path, tmp_path: Path, command: list[str]
) -> None:
    own_store.write_bytes(b"ingen databas " * 500)
    out = ["--out", str(tmp_path / "ut.csv")] if command[0] == "export" else []
    result = _run(*command, *out)
    assert result.returncode == 3
    assert "Traceback" not in result.stderr and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"safetymap {command[0]}: Versionsarkivet ({own_store}")
    assert "SAFETYMAP_DB" in line and "är skadat" in line


def test_a_publisher_name_over_200_characters_is_refused_in_words(tmp_path: Path) -> None:
    result = _run("publish", str(ROOT / "measures.csv"), "--by", "A" * 201)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "safetymap publish: Namnet på den som publicerar har 201 tecken; högst 200 får plats."
    )
    assert [v["number"] for v in json.loads(_run("versions", "--format", "json").stdout)] == [1]


def test_missing_file_exits_2_with_its_name(tmp_path: Path) -> None:
    result = _run("validate", str(tmp_path / "saknas.csv"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "saknas.csv" in result.stdout and "finns inte" in result.stdout


def test_swedish_excel_fixture_validates(capsys) -> None:
    code, out = _call(capsys, "validate", str(DATA / "excel_sv_cp1252.csv"))
    assert code == 0
    assert "kodning cp1252, avgränsare ';'" in out


# --- the store commands ------------------------------------------------------------------


def _lines(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_publish_then_versions_history_rollback_and_export(tmp_path: Path, capsys) -> None:
    shipped = len(read_csv(ROOT / "measures.csv"))
    rows = [make_measure(), make_measure(id="m-2", status="ongoing")]
    first = _write(tmp_path, csv_bytes(rows, delimiter=";", encoding="cp1252"), "ny.csv")
    code, _, err = _lines(capsys, "publish", first, "--by", "Anna", "--note", "ny lista")
    assert code == 0 and "publicerad version 2" in err and f"{shipped} borttagna" in err
    rows[1]["status"] = "completed"
    second = _write(tmp_path, csv_bytes(rows), "klar.csv")
    assert _lines(capsys, "publish", second, "--by", "Bo")[0] == 0

    code, out, _ = _lines(capsys, "versions", "--format", "json")
    versions = json.loads(out)
    assert [(v["number"], v["published_by"], v["file_name"]) for v in versions] == [
        (3, "Bo", "klar.csv"),
        (2, "Anna", "ny.csv"),
        (1, SEED_AUTHOR, "measures.csv"),
    ]
    assert versions[1]["note"] == "ny lista" and versions[2]["rows"] == shipped

    code, out, _ = _lines(capsys, "history", "--format", "json")
    [event] = json.loads(out)
    assert (event["measure_id"], event["from_status"], event["to_status"], event["version"]) == (
        "m-2",
        "ongoing",
        "completed",
        3,
    )

    code, out, _ = _lines(capsys, "rollback", "1", "--by", "Bo")
    assert code == 0 and out.startswith("publicerad version 4")
    out_file = tmp_path / "v2.csv"
    assert (
        _lines(capsys, "export", "--version", "2", "--format", "csv", "--out", str(out_file))[0]
        == 0
    )
    assert [r["id"] for r in read_csv(out_file, delimiter=";")] == ["m-1", "m-2"]
    current = tmp_path / "now.geojson"
    assert _lines(capsys, "export", "--format", "geojson", "--out", str(current))[0] == 0
    assert len(json.loads(current.read_text(encoding="utf-8"))["features"]) == shipped


def test_export_writes_a_geopackage_gis_opens_with_every_row(tmp_path: Path, capsys) -> None:
    shipped = read_csv(ROOT / "measures.csv")
    out_file = tmp_path / "trygghet.gpkg"
    code, _, err = _lines(capsys, "export", "--format", "gpkg", "--out", str(out_file))
    assert code == 0 and f"version 1: {len(shipped)} rader till" in err
    info = subprocess.run(
        ["ogrinfo", "-ro", "-q", str(out_file), "-sql", "SELECT COUNT(*) AS n, "
         "SUM(geom IS NOT NULL) AS located FROM measures"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert info.returncode == 0, info.stderr
    assert f"n (Integer) = {len(shipped)}" in info.stdout
    assert f"located (Integer) = {len(shipped)}" in info.stdout


def test_a_dry_run_lists_each_change_old_to_new_and_writes_nothing(tmp_path: Path, capsys) -> None:
    rows = read_csv(ROOT / "measures.csv")
    camera = next(r for r in rows if r["id"] == "jakobsberg-kameraovervakning")
    camera.update(status="ongoing", status_date="2026-11-15")
    changed = _write(tmp_path, csv_bytes(rows), "kameran.csv")
    code, out, err = _lines(capsys, "publish", changed, "--by", "Anna", "--dry-run")
    assert code == 0 and "0 tillagda, 0 borttagna, 1 ändrade, 1 statusändringar" in err
    # After the file's report, what publishing it would change.
    assert out.splitlines()[-1] == (
        "~ jakobsberg-kameraovervakning: Status: planerad → pågående; "
        "Statusdatum: 2019-05-27 → 2026-11-15"
    )
    code, out, _ = _lines(capsys, "versions", "--format", "json")
    assert [v["number"] for v in json.loads(out)] == [1]


def test_an_invalid_file_is_not_published(tmp_path: Path, capsys) -> None:
    bad = _write(tmp_path, csv_bytes([make_measure(status="klar")]))
    code, out, err = _lines(capsys, "publish", bad, "--by", "Anna")
    assert code == 1 and "status" in out and "inget publicerat" in err
    assert (
        _lines(capsys, "publish", _write(tmp_path, b"\x00\xff" * 50, "x.csv"), "--by", "A")[0] == 2
    )
    code, out, _ = _lines(capsys, "versions", "--format", "json")
    assert [v["number"] for v in json.loads(out)] == [1]


def test_unknown_versions_exit_1_and_write_nothing(tmp_path: Path, capsys) -> None:
    code, _, err = _lines(capsys, "rollback", "9", "--by", "Bo")
    assert code == 1 and "no version 9" in err
    out_file = tmp_path / "x.csv"
    assert (
        _lines(capsys, "export", "--version", "9", "--format", "csv", "--out", str(out_file))[0]
        == 1
    )
    assert not out_file.exists()


def test_store_commands_run_as_a_user_runs_them(tmp_path: Path, own_store: Path) -> None:
    result = _run("versions")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("version 1: ") and "measures.csv" in result.stdout
    assert own_store.exists()


def _hash_password(typed: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "safetymap", "hash-password"],
        cwd=ROOT,
        input=f"{typed}\n",
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_hash_password_prints_a_hash_the_app_accepts() -> None:
    from safetymap.versions.auth import verify_password

    result = _hash_password("ett långt lösenord")
    assert result.returncode == 0, result.stderr
    assert verify_password(result.stdout.strip(), "ett långt lösenord")
    short = _hash_password("kort")
    assert short.returncode == 1 and "minst 12 tecken" in short.stderr


def _check_hash(setting: str | None, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != HASH_ENV}
    env = {**env, "HOME": str(cwd), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "safetymap", "hash-password", "--check"],
        cwd=cwd,
        env=env if setting is None else {**env, HASH_ENV: setting},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_hash_password_check_names_a_setting_that_is_no_hash(tmp_path: Path) -> None:
    broken = _check_hash("mitt lösenord", tmp_path)
    assert broken.returncode == 1
    assert broken.stderr.startswith(
        "Inloggningen är trasig: inställningen SAFETYMAP_ANALYST_PASSWORD_HASH är ingen "
        "argon2-hash, så inget lösenord kan stämma. Gör en ny med "
        "python -m safetymap hash-password"
    )
    assert _check_hash(hash_password("ett långt lösenord"), tmp_path).returncode == 0
    (tmp_path / ".streamlit").mkdir()
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    secrets.write_text('[safetymap]\nanalyst_password_hash = "$argon2id$x"\n', encoding="utf-8")
    in_secrets = _check_hash(None, tmp_path)
    assert in_secrets.returncode == 1
    assert "analyst_password_hash under [safetymap] i .streamlit/secrets.toml" in in_secrets.stderr
    secrets.unlink()
    nothing = _check_hash(None, tmp_path)
    assert nothing.returncode == 1 and "Ingen analytikerinloggning är inställd" in nothing.stderr


def test_validate_indicators(tmp_path: Path, capsys) -> None:
    code, out = _call(capsys, "validate", str(ROOT / "indicators.csv"), "--kind", "indicators")
    assert code == 0 and "giltig: 0 fel" in out
    bad = _write(tmp_path, "plats;indikator;värde;enhet;källa\nMars;lycka;1;st;x\n".encode())
    code, out = _call(capsys, "validate", bad, "--kind", "indicators", "--format", "json")
    assert code == 1
    assert [(p["row"], p["column"]) for p in json.loads(out)["errors"]] == [
        (2, "place"),
        (2, "indicator"),
    ]


def test_briefing_writes_the_pack_of_the_chosen_places(tmp_path: Path, capsys) -> None:
    out = tmp_path / "lagesbild.pdf"
    code = main(["briefing", "--place", "sergels-torg", "--place", "valsta", "--out", str(out)])
    assert code == 0
    pages = [p.extract_text() for p in PdfReader(out).pages]
    assert len(pages) == 3  # the cover, Klara (holding Sergels torg), Valsta
    assert "Klara" in pages[1] and "Valsta" in pages[2]
    assert "Version 1 (measures.csv)" in pages[0]
    assert "Klara, Valsta" in capsys.readouterr().err


def test_briefing_writes_an_offline_html_copy(tmp_path: Path) -> None:
    out = tmp_path / "karta.html"
    assert main(["briefing", "--out", str(out), "--lang", "en"]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    for place_id in ("kista", "klara", "jakobsberg", "valsta"):
        assert f'<section class="smp-screen smp-slide" id="{place_id}" hidden' in html


def _published_change(tmp_path: Path, capsys) -> dict[str, str]:
    """Version 2 of the shipped rows: Kista's platssamverkan completed (it was ongoing)."""
    rows = read_csv(ROOT / "measures.csv")
    changed = next(r for r in rows if r["id"] == "kista-platssamverkan-busstorg")
    assert changed["status"] == "ongoing"
    changed["status"], changed["status_date"] = "completed", "2026-11-02"
    path = _write(tmp_path, csv_bytes(rows), "klar.csv")
    assert _lines(capsys, "publish", path, "--by", "Bo")[0] == 0
    return changed


def test_briefing_since_a_version_leads_each_place_with_its_changes(tmp_path: Path, capsys) -> None:
    changed = _published_change(tmp_path, capsys)
    out = tmp_path / "lagesbild.pdf"
    code, _, err = _lines(capsys, "briefing", "--place", "kista", "--since", "1", "--out", str(out))
    assert code == 0, err
    kista = " ".join(PdfReader(out).pages[1].extract_text().split())
    assert "Sedan version 1 (" in kista
    assert f"{changed['title']}: pågående » genomförd (2 november 2026)" in kista
    # Its measures by name under their status, the changed one completed.
    completed = kista.split("Genomförda · ", 1)[1]
    assert changed["title"] in completed.split("Pågående · ", 1)[0]


@pytest.mark.parametrize(
    ("since", "message"),
    [
        ("2999-01-01", "since=2999-01-01 ligger i framtiden"),
        ("7", "Det finns ingen version 7"),
        ("igår", "Ogiltigt värde 'igår' för since"),
    ],
)
def test_briefing_refuses_a_since_it_cannot_use(
    tmp_path: Path, capsys, since: str, message: str
) -> None:
    out = tmp_path / "lagesbild.pdf"
    assert main(["briefing", "--since", since, "--out", str(out)]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_briefing_since_before_the_first_version_says_so_and_uses_the_dates(
    tmp_path: Path, capsys
) -> None:
    out = tmp_path / "lagesbild.pdf"
    code, _, err = _lines(capsys, "briefing", "--since", "2019-01-01", "--out", str(out))
    assert code == 0 and "ligger före datans första version (1, publicerad " in err
    klara = " ".join(PdfReader(out).pages[2].extract_text().split())
    assert "Sedan 2019-01-01 Före datans första version" in klara
    assert "Sommar på Sergels torg: ökad städning: pågående » genomförd (2019)" in klara


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--place", "nowhere", "--out", "x.pdf"], "okänd plats bland nowhere"),
        (["--out", "x.docx"], "x.docx ska sluta på .pdf eller .html"),
    ],
)
def test_briefing_refuses_an_unknown_place_or_file_type(
    tmp_path: Path, capsys, args: list[str], message: str
) -> None:
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in args]
    assert main(["briefing", *args]) == 1
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_indicators_publish_versions_rollback_and_export(tmp_path: Path, capsys) -> None:
    changed = (ROOT / "indicators.csv").read_text(encoding="utf-8").replace(",14261,", ",14300,")
    path = _write(tmp_path, changed.encode("utf-8"), "indikatorer.csv")
    code = main(["publish", path, "--by", "Anna", "--kind", "indicators"])
    err = capsys.readouterr().err
    assert code == 0 and "publicerad version 2" in err and "1 ändrade" in err
    code, out = _call(capsys, "versions", "--kind", "indicators")
    assert out.splitlines()[0].startswith("version 2:") and "indikatorer.csv" in out
    assert "Första versionen (levererad data)" in out.splitlines()[1]
    code, out = _call(capsys, "versions")
    assert len(out.splitlines()) == 1 and "measures.csv" in out  # the measures are untouched
    code, out = _call(capsys, "rollback", "1", "--by", "Bo", "--kind", "indicators")
    assert code == 0 and out.startswith("publicerad version 3")
    out_file = tmp_path / "export.csv"
    assert main(["export", "--kind", "indicators", "--format", "csv", "--out", str(out_file)]) == 0
    exported = out_file.read_text(encoding="utf-8-sig")
    assert "klara;reported_crimes;2018;14261;" in exported
    assert main(["export", "--kind", "indicators", "--format", "xlsx", "--out", "x.xlsx"]) == 1


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_excel_csv_export_saved_by_excel_publishes_with_no_change(
    tmp_path: Path, capsys, encoding: str
) -> None:
    out_file = tmp_path / "åtgärder.csv"
    code, _, err = _lines(capsys, "export", "--format", "excel-csv", "--out", str(out_file))
    assert code == 0 and "version 1: " in err
    header = out_file.read_bytes().decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Åtgärds-ID;Titel;Plats;Slag;Åtgärdstyp;Aktörer;Status;")
    saved = _write(tmp_path, excel_saves(out_file.read_bytes(), encoding), "sparad.csv")
    code, out = _call(capsys, "validate", saved)
    assert code == 0 and "giltig: 0 fel, 0 varningar" in out
    code, _, err = _lines(capsys, "publish", saved, "--by", "Anna")
    assert code == 0 and "publicerad version 2" in err
    assert "0 tillagda, 0 borttagna, 0 ändrade, 0 statusändringar" in err
    code, out, _ = _lines(capsys, "history", "--format", "json")
    assert json.loads(out) == [], "no status change recorded either"


def test_the_contract_csv_export_keeps_english_headers_and_ids(tmp_path: Path, capsys) -> None:
    out_file = tmp_path / "kontrakt.csv"
    assert _lines(capsys, "export", "--format", "csv", "--out", str(out_file))[0] == 0
    rows = read_csv(out_file, delimiter=";")
    assert list(rows[0])[:7] == ["id", "title", "place", "kind", "measure_type", "actors", "status"]
    assert {r["status"] for r in rows} <= {"planned", "ongoing", "completed", "cancelled", "active"}


def test_the_template_validates_without_a_store(tmp_path: Path, capsys) -> None:
    out_file = tmp_path / "mall.csv"
    assert _lines(capsys, "export", "--template", "--out", str(out_file))[0] == 0
    assert [r["Åtgärds-ID"] for r in read_csv(out_file, delimiter=";")] == ["exempel-1"]
    code, out = _call(capsys, "validate", str(out_file))
    assert code == 0 and "giltig: 0 fel, 0 varningar" in out


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--out", "x.csv"],
        ["export", "--template", "--format", "geojson", "--out", "x.csv"],
        ["export", "--template", "--kind", "indicators", "--out", "x.csv"],
    ],
)
def test_export_without_a_format_or_with_a_wrong_one_writes_nothing(
    tmp_path: Path, capsys, monkeypatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(args) == 1
    assert "ingen export" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_indicators_excel_csv_publishes_back_with_no_change(tmp_path: Path, capsys) -> None:
    out_file = tmp_path / "indikatorer.csv"
    args = ["--kind", "indicators"]
    assert main(["export", *args, "--format", "excel-csv", "--out", str(out_file)]) == 0
    assert out_file.read_bytes().decode("utf-8-sig").startswith("Plats;Indikator;Tidpunkt;Värde")
    saved = _write(tmp_path, excel_saves(out_file.read_bytes(), "cp1252"), "sparad.csv")
    capsys.readouterr()
    assert main(["publish", saved, "--by", "Anna", *args]) == 0
    assert "0 tillagda, 0 borttagna, 0 ändrade" in capsys.readouterr().err


def test_readme_documents_the_json_shape_of_a_problem() -> None:
    from safetymap.contract.problems import error

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    fields = ", ".join(f'"{key}"' for key in error("required", 2, "id").to_dict())
    assert f"each problem is `{{{fields}}}`" in readme


# ``publish`` as a user runs it, held after the file was checked and before the store is
# written until a line comes on standard input: another analyst publishes meanwhile.
HELD_PUBLISH = """
import sys
from safetymap.cli.commands import main
from safetymap.versions.store import Store

publish = Store.publish

def held(self, *args, **kwargs):
    print("checked", flush=True)
    sys.stdin.readline()
    return publish(self, *args, **kwargs)

Store.publish = held
sys.exit(main(sys.argv[1:]))
"""


def _store_env(store_url: str) -> dict[str, str]:
    """The environment that points the CLI at ``store_url`` (a SQLite file or PostgreSQL)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SAFETYMAP_DB", "DATABASE_URL")}
    if store_url.startswith("sqlite:///"):
        return {**env, "SAFETYMAP_DB": store_url.removeprefix("sqlite:///")}
    return {**env, "DATABASE_URL": store_url}


def test_a_publish_says_which_version_landed_while_it_worked_and_what_it_reverts(
    tmp_path: Path, store_url: str
) -> None:
    """Two analysts publish at once from the same version 1: Bo sets m-1 to ongoing, Anna
    (checked first, written second) changes m-2's title. Anna's version 3 reverts Bo's
    status change, and her publish says so and shows what was really recorded."""
    rows = [make_measure(status="planned"), make_measure(id="m-2", status="planned")]
    seed = _write(tmp_path, csv_bytes(rows), "v1.csv")
    env = {**_store_env(store_url), "SAFETYMAP_MEASURES": seed, "PYTHONPATH": str(ROOT)}
    bo_rows = [make_measure(status="ongoing"), make_measure(id="m-2", status="planned")]
    anna_rows = [
        make_measure(status="planned"),
        make_measure(id="m-2", status="planned", title="Bättre belysning"),
    ]
    bo = _write(tmp_path, csv_bytes(bo_rows), "bo.csv")
    anna = _write(tmp_path, csv_bytes(anna_rows), "anna.csv")
    run = {"cwd": ROOT, "env": env, "capture_output": True, "text": True, "timeout": 120}
    assert subprocess.run([sys.executable, "-m", "safetymap", "versions"], **run).returncode == 0
    with subprocess.Popen(
        [sys.executable, "-c", HELD_PUBLISH, "publish", anna, "--by", "Anna"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as held:
        assert held.stdout is not None and held.stdin is not None
        assert "checked\n" in iter(held.stdout.readline, "")  # after the file's report
        by_bo = subprocess.run(
            [sys.executable, "-m", "safetymap", "publish", bo, "--by", "Bo"], **run
        )
        assert by_bo.returncode == 0, by_bo.stderr
        assert "publicerad version 2" in by_bo.stderr
        assert "publicerades medan du arbetade" not in by_bo.stderr
        _, err = held.communicate("\n", timeout=120)
    assert held.returncode == 0, err
    lines = err.splitlines()
    assert lines[0].startswith("publicerad version 3: ")
    assert lines[1:] == [
        "Version 2 av Bo publicerades medan du arbetade; din fil återställer dessa ändringar:",
        "  ~ m-1: Status: planerad → pågående",
        "mot version 2: 0 tillagda, 0 borttagna, 2 ändrade, 1 statusändringar",
        "~ m-1: Status: pågående → planerad",
        "~ m-2: Titel: Ny belysning → Bättre belysning",
    ], err
