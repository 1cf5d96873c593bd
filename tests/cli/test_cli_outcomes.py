"""``python -m safetymap effect`` and the outcome series through ``validate``, ``publish``,
``versions``, ``rollback`` and ``export --kind outcomes``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from safetymap.cli.commands import main
from tests.conftest import ROOT, csv_bytes
from tests.present.test_export import excel_saves

JARFALLA_SIGTUNA = [
    "--area",
    "kommun-0123",
    "--comparison",
    "Sigtuna kommun",
    "--indicator",
    "reported_crimes_total",
]


def _lines(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_effect_prints_the_result_and_its_limits(capsys) -> None:
    code, out, err = _lines(
        capsys,
        "effect",
        *JARFALLA_SIGTUNA,
        "--at",
        "2019",
        "--before",
        "2",
        "--after",
        "2",
        "--place",
        "jakobsberg-station",
    )
    assert code == 0 and err == ""
    sentence, *limits = out.splitlines()
    assert sentence.startswith(
        "Anmälda brott totalt i Järfälla kommun: 19\u00a0828 under 2017–2018"
    )
    assert "Relativ effektstorlek RES = 0,89 (95 % konfidensintervall 0,86–0,91)" in sentence
    assert limits == [
        "– Det är ett samband, inte ett bevis: annat som ändrades under samma tid kan ligga "
        "bakom skillnaden.",
        "– Järfälla kommun är ett vidare område än Jakobsbergs stationsområde: det som hände på "
        "platsen kan gå upp i resten av området.",
        "– Bara 2 år före och 2 efter: en enda ovanlig period kan flytta resultatet.",
    ]


def test_effect_as_json(capsys) -> None:
    code, out, _ = _lines(
        capsys,
        "effect",
        *JARFALLA_SIGTUNA,
        "--at",
        "2019-Q2",
        "--before",
        "4",
        "--after",
        "4",
        "--format",
        "json",
        "--lang",
        "en",
    )
    assert code == 0
    record = json.loads(out)
    assert record["treatment"] == {
        "area": "kommun-0123",
        "name": "Järfälla Municipality",
        "before": 9677,
        "after": 10493,
        "change_percent": pytest.approx(8.4324, abs=1e-4),
    }
    assert (record["comparison"]["before"], record["comparison"]["after"]) == (6885, 7103)
    assert record["res"] == pytest.approx((9677 * 7103) / (10493 * 6885))
    assert record["ci_low"] < record["res"] < record["ci_high"]
    assert record["periods"] == {
        "before": ["2018-Q2", "2018-Q3", "2018-Q4", "2019-Q1"],
        "after": ["2019-Q3", "2019-Q4", "2020-Q1", "2020-Q2"],
    }
    assert record["at"] == "2019-Q2" and record["granularity"] == "quarter"
    assert record["sentence"].startswith("Reported crimes, total in Järfälla Municipality")
    assert record["limits"][0].startswith("This is an association, not proof")


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--at", "2019-Q2", "--before", "4", "--after", "30"],
            "ingen effekt: Järfälla kommun saknar värden för 2026-Q3, 2026-Q4 i perioderna "
            "efter (2019-Q3–2026-Q4); serien går från 2015-Q1 till 2026-Q2. Välj färre perioder "
            "eller en annan tidpunkt.",
        ),
        (
            ["--at", "2016", "--before", "3", "--after", "3"],
            "ingen effekt: Järfälla kommun saknar värden för 2013, 2014 i perioderna före "
            "(2013–2015); serien går från 2015 till 2025. Välj färre perioder eller en annan "
            "tidpunkt.",
        ),
        (
            ["--at", "2019-05", "--before", "3", "--after", "3"],
            "ingen effekt: Järfälla kommun har ingen serie av Anmälda brott totalt per månad; "
            "det finns: år 2015–2025, kvartal 2015-Q1–2026-Q2.",
        ),
        (
            ["--at", "våren 2019", "--before", "3", "--after", "3"],
            "ingen effekt: ogiltig period 'våren 2019': använd 2019, 2019-Q2 eller 2019-05",
        ),
    ],
)
def test_effect_exits_1_with_one_line_when_it_cannot_be_given(
    capsys, args: list[str], message: str
) -> None:
    code, out, err = _lines(capsys, "effect", *JARFALLA_SIGTUNA, *args)
    assert (code, out, err) == (1, "", message + "\n")


def test_effect_refuses_rates_and_unknown_areas(capsys) -> None:
    code, _, err = _lines(
        capsys,
        "effect",
        "--area",
        "kommun-0123",
        "--comparison",
        "kommun-0191",
        "--indicator",
        "reported_crimes_total_per_100k",
        "--at",
        "2019",
        "--before",
        "2",
        "--after",
        "2",
        "--lang",
        "en",
    )
    assert code == 1 and err.startswith("no effect: The relative effect size is computed on counts")
    assert err.rstrip().endswith("Choose Reported crimes, total instead.")
    code, _, err = _lines(
        capsys,
        "effect",
        "--area",
        "Uppsala",
        "--comparison",
        "kommun-0191",
        "--indicator",
        "reported_crimes_total",
        "--at",
        "2019",
        "--before",
        "2",
        "--after",
        "2",
    )
    assert code == 1 and err.startswith("ingen effekt: okänt område 'Uppsala'; områden: kista,")


def test_effect_runs_as_a_user_runs_it() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "safetymap",
            "effect",
            *JARFALLA_SIGTUNA,
            "--at",
            "2019",
            "--before",
            "3",
            "--after",
            "3",
            "--format",
            "json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["treatment"]["before"] == 29_976 and record["comparison"]["after"] == 21_449


def test_validate_knows_the_outcome_files(tmp_path: Path, capsys) -> None:
    code, out, _ = _lines(capsys, "validate", str(ROOT / "outcomes.csv"), "--kind", "outcomes")
    assert code == 0 and "giltig: 0 fel, 0 varningar" in out
    bad = tmp_path / "utfall.csv"
    bad.write_bytes(
        csv_bytes(
            [
                {
                    "område": "Mars",
                    "indikator": "reported_crimes_total",
                    "period": "2019",
                    "värde": "5",
                    "enhet": "antal",
                    "källa": "Brå",
                    "tabell": "x",
                },
                {
                    "område": "Järfälla",
                    "indikator": "reported_crimes_total",
                    "period": "2019",
                    "värde": "-5",
                    "enhet": "antal",
                    "källa": "Brå",
                    "tabell": "x",
                },
            ]
        )
    )
    code, out, _ = _lines(capsys, "validate", str(bad), "--kind", "outcomes", "--format", "json")
    assert code == 1
    assert [(p["row"], p["column"], p["column_in_file"]) for p in json.loads(out)["errors"]] == [
        (2, "area", "område"),
        (3, "value", "värde"),
    ]


def test_outcomes_publish_versions_rollback_and_export(tmp_path: Path, capsys) -> None:
    text = (ROOT / "outcomes.csv").read_text(encoding="utf-8")
    changed = text.replace(
        "kommun-0123,reported_crimes_total,2019,9450,",
        "kommun-0123,reported_crimes_total,2019,9461,",
    )
    path = tmp_path / "utfall.csv"
    path.write_text(changed, encoding="utf-8")
    code, out, err = _lines(
        capsys, "publish", str(path), "--by", "Anna", "--kind", "outcomes", "--dry-run"
    )
    assert code == 0 and "0 tillagda, 0 borttagna, 1 ändrade" in err
    assert "~ kommun-0123 · reported_crimes_total · 2019: Värde: 9450 → 9461" in out
    code, _, err = _lines(capsys, "publish", str(path), "--by", "Anna", "--kind", "outcomes")
    assert code == 0 and "publicerad version 2" in err and "utfallsvärden" in err
    code, out, _ = _lines(capsys, "versions", "--kind", "outcomes")
    assert out.splitlines()[0].startswith("version 2:") and "utfall.csv" in out
    code, out, _ = _lines(capsys, "rollback", "1", "--by", "Bo", "--kind", "outcomes")
    assert code == 0 and out.startswith("publicerad version 3") and "1 ändrade" in out
    exported = tmp_path / "export.csv"
    assert main(["export", "--kind", "outcomes", "--format", "csv", "--out", str(exported)]) == 0
    assert "kommun-0123;reported_crimes_total;2019;9450;count;false;" in exported.read_text(
        encoding="utf-8-sig"
    )
    assert main(["export", "--kind", "outcomes", "--format", "geojson", "--out", "x.json"]) == 1


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_outcomes_for_swedish_excel_publish_back_with_no_change(
    tmp_path: Path, capsys, encoding: str
) -> None:
    out_file = tmp_path / "utfall.csv"
    args = ["--kind", "outcomes"]
    assert main(["export", *args, "--format", "excel-csv", "--out", str(out_file)]) == 0
    text = out_file.read_bytes().decode("utf-8-sig")
    assert text.startswith("Område;Indikator;Period;Värde;Enhet;Preliminär;Källa;Källhänvisning")
    assert "Järfälla kommun;Anmälda brott totalt;2019;9450;antal;nej;" in text
    saved = tmp_path / "sparad.csv"
    saved.write_bytes(excel_saves(out_file.read_bytes(), encoding))
    capsys.readouterr()
    assert main(["publish", str(saved), "--by", "Anna", *args]) == 0
    assert "0 tillagda, 0 borttagna, 0 ändrade" in capsys.readouterr().err
