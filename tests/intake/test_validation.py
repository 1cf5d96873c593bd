"""Validation of a whole file: every error and warning kind of the contract."""

from __future__ import annotations

import pytest

from safetymap.intake.loaders import LoadedMeasures, read_measures
from safetymap.intake.places import Places
from tests.conftest import DATA, csv_bytes, make_measure


def _load(places: Places, *rows: dict[str, str], **kwargs: object) -> LoadedMeasures:
    return read_measures(csv_bytes(list(rows), **kwargs), "upload.csv", places)


def _only_problem(loaded: LoadedMeasures):
    assert len(loaded.report.problems) == 1, [
        (p.code, p.row, p.column) for p in loaded.report.problems
    ]
    return loaded.report.problems[0]


def test_valid_row_is_normalised(places: Places) -> None:
    loaded = _load(
        places,
        make_measure(
            place="Kista busstorg",
            measure_type="Belysning",
            status="genomförd",
            actors="trafikkontoret|polisen",
            start_date="2021-3",
        ),
    )
    assert loaded.report.ok and loaded.report.problems == []
    row = loaded.measures.iloc[0]
    assert (row.place, row.place_name, row.measure_type, row.status, row.kind) == (
        "kista-busstorg",
        "Kista busstorg",
        "lighting",
        "completed",
        "measure",
    )
    assert row.actors == ("Trafikkontoret (Stockholms stad)", "Polisen")
    assert row.actor_groups == ("municipality", "police")
    assert row.start_date == "2021-03"
    assert not row.located and row.geometry is None


@pytest.mark.parametrize("name", ["excel_sv_cp1252.csv", "excel_utf8_bom.csv"])
def test_swedish_excel_file_loads_every_row(places: Places, name: str) -> None:
    loaded = read_measures((DATA / name).read_bytes(), name, places)
    assert loaded.report.ok, loaded.report.to_dict()
    assert list(loaded.measures.id) == ["sv-1", "sv-2", "sv-3"]
    first = loaded.measures.iloc[0]
    assert first.cost_sek == pytest.approx(1234567.5)
    assert (first.geometry.y, first.geometry.x) == pytest.approx((59.4037, 17.942))
    assert list(loaded.measures.start_date) == ["2021", "2020-Q1", "2019"]
    assert loaded.measures.iloc[2].kind == "condition"
    assert loaded.measures.iloc[2].actors == ("Lokalpolisområde Järfälla (Polisen)",)


@pytest.mark.parametrize(
    "name, place",
    [
        ("sweref99tm.csv", "sergels-torg"),
        ("sweref99_1800.csv", "sergels-torg"),
    ],
)
def test_sweref_points_land_inside_their_place(places: Places, name: str, place: str) -> None:
    loaded = read_measures((DATA / name).read_bytes(), name, places)
    assert loaded.report.ok and loaded.report.warnings == []
    for row in loaded.measures.itertuples():
        assert places.frame.geometry[row.place].contains(row.geometry), row.id
    assert loaded.measures.iloc[0].place == place


@pytest.mark.parametrize(
    "override, code, column",
    [
        ({"id": ""}, "required", "id"),
        ({"id": "a b"}, "id_pattern", "id"),
        ({"id": "x" * 65}, "id_pattern", "id"),
        ({"title": ""}, "required", "title"),
        ({"title": "x" * 201}, "too_long", "title"),
        ({"place": "Gamla stan"}, "place_unknown", "place"),
        ({"kind": "idea"}, "kind_unknown", "kind"),
        ({"measure_type": "graffiti"}, "type_unknown", "measure_type"),
        ({"status": "klar"}, "status_unknown", "status"),
        ({"status": "active"}, "status_kind", "status"),
        ({"measure_type": "open_drug_scene"}, "type_kind", "measure_type"),
        ({"actors": " | "}, "actors_empty", "actors"),
        ({"start_date": "våren 2021"}, "date_format", "start_date"),
        ({"status_date": "2021-02-30"}, "date_format", "status_date"),
        ({"start_date": "2021", "end_date": "2020-12"}, "date_order", "end_date"),
        ({"cost_sek": "-1"}, "cost_negative", "cost_sek"),
        ({"cost_sek": "gratis"}, "number_format", "cost_sek"),
        ({"lat": "59.40"}, "coords_pair", "lon"),
        ({"lat": "59.4", "lon": "nord"}, "number_format", "lon"),
        ({"description": "x" * 2001}, "too_long", "description"),
    ],
)
def test_each_error_names_row_column_and_value(
    places: Places, override: dict[str, str], code: str, column: str
) -> None:
    loaded = _load(places, make_measure(id="ok-1"), make_measure(**{"id": "m-2", **override}))
    problem = _only_problem(loaded)
    assert (problem.severity.value, problem.code, problem.row, problem.column) == (
        "error",
        code,
        3,
        column,
    )
    if override.get(column, "").strip():
        assert problem.value == override[column].strip()
    assert problem.message("sv") and problem.message("en")
    assert problem.message("sv") != problem.message("en")
    assert list(loaded.measures.id) == ["ok-1"], "the bad row is left out, the good one kept"


def test_repeated_id_is_reported_once_on_the_repeat(places: Places) -> None:
    loaded = _load(places, make_measure(id="a"), make_measure(id="b"), make_measure(id="a"))
    problem = _only_problem(loaded)
    assert (problem.code, problem.row, problem.value) == ("id_duplicate", 4, "a")
    assert "rad 2" in problem.message("sv") and "row 2" in problem.message("en")


def test_condition_needs_condition_status(places: Places) -> None:
    loaded = _load(
        places, make_measure(kind="lägesbild", measure_type="risk_area", status="completed")
    )
    problem = _only_problem(loaded)
    assert problem.code == "status_kind" and "active, lifted" in problem.message("en")


def test_condition_with_its_vocabulary_is_valid(places: Places) -> None:
    loaded = _load(
        places, make_measure(kind="condition", measure_type="Öppen drogscen", status="aktiv")
    )
    assert loaded.report.problems == []
    assert loaded.measures.iloc[0].status == "active"


def test_unknown_actor_is_a_warning_and_kept_as_written(places: Places) -> None:
    loaded = _load(places, make_measure(actors="Polisen | Grannsamverkan Kista"))
    problem = _only_problem(loaded)
    assert (problem.severity.value, problem.code, problem.value) == (
        "warning",
        "actor_unknown",
        "Grannsamverkan Kista",
    )
    assert loaded.report.ok
    assert loaded.measures.iloc[0].actors == ("Polisen", "Grannsamverkan Kista")


def test_point_far_outside_its_place_is_a_warning(places: Places) -> None:
    loaded = _load(places, make_measure(place="valsta", lat="59.4037", lon="17.942"))
    problem = _only_problem(loaded)
    assert (problem.severity.value, problem.code, problem.column) == (
        "warning",
        "far_from_place",
        "place",
    )
    assert "Valsta" in problem.message("sv")
    assert loaded.report.ok and len(loaded.measures) == 1


def test_point_just_outside_its_place_is_fine(places: Places) -> None:
    # Jakobsberg station lies on the railway, 16 m outside the RegSO polygon.
    loaded = _load(places, make_measure(place="jakobsberg-station", lat="59.42389", lon="17.83278"))
    assert loaded.report.problems == []


def test_place_matches_by_alias_and_accentless_name(places: Places) -> None:
    loaded = _load(
        places,
        make_measure(id="a", place="Jakobsbergs stationsomrade"),
        make_measure(id="b", place="Klaraområdet"),
    )
    assert list(loaded.measures.place) == ["jakobsberg-station", "klara"]


def test_problems_are_sorted_by_row_then_column(places: Places) -> None:
    loaded = _load(places, make_measure(id="a", status="x", place="y"), make_measure(id="b b"))
    rows_columns = [(p["row"], p["column"]) for p in loaded.report.to_dict()["errors"]]
    assert rows_columns == [(2, "place"), (2, "status"), (3, "id")]


def test_report_json_shape(places: Places) -> None:
    report = _load(places, make_measure(place="?"), delimiter=";").report.to_dict("en")
    assert set(report) == {"ok", "rows", "encoding", "delimiter", "errors", "warnings"}
    assert (report["ok"], report["rows"], report["encoding"], report["delimiter"]) == (
        False,
        1,
        "utf-8",
        ";",
    )
    assert report["errors"] == [
        {
            "row": 2,
            "column": "place",
            "column_in_file": "place",
            "value": "?",
            "message": report["errors"][0]["message"],
            "suggestion": None,
        }
    ]
    assert report["errors"][0]["message"].startswith("Unknown place")


def test_errors_speak_the_files_own_words(places: Places) -> None:
    """A Swedish Excel file with two misspelt values: each problem names the column as the
    file's header does, lists the allowed values in the page's language and suggests the
    nearest one."""
    name = "excel_sv_misspelt_cp1252.csv"
    loaded = read_measures((DATA / name).read_bytes(), name, places)
    status, measure_type = loaded.report.sorted_problems()
    assert (status.row, status.column, status.column_in_file) == (3, "status", "Status")
    assert status.column_label() == "Status"
    assert status.message("sv") == (
        "Okänd status. Menade du pågående? "
        "Tillåtna värden: planerad, pågående, genomförd, avbruten."
    )
    assert status.message("en") == (
        "Unknown status. Did you mean ongoing? "
        "Allowed values: planned, ongoing, completed, cancelled."
    )
    assert (measure_type.row, measure_type.column_label()) == (4, "Åtgärdstyp (measure_type)")
    assert (measure_type.suggestion.say("sv"), measure_type.suggestion.say("en")) == (
        "Kameraövervakning",
        "Camera surveillance",
    )
    assert "Tillåtna värden: Belysning; Kameraövervakning; " in measure_type.message("sv")
    assert "Allowed values: Lighting; Camera surveillance; " in measure_type.message("en")
    assert list(loaded.measures.id) == ["sv-1"]


@pytest.mark.parametrize(
    "override, suggestion",
    [
        ({"status": "Genomförd."}, "genomförd"),
        ({"status": "completd"}, "genomförd"),  # an id misspelt: the label suggested
        ({"measure_type": "belysnig"}, "Belysning"),
        ({"measure_type": "Kamera"}, "Kameraövervakning"),
        ({"kind": "åtgärder"}, "åtgärd"),
        ({"place": "Kista bustorg"}, "Kista busstorg"),
        ({"place": "jakobsberg-statoin"}, "Jakobsbergs stationsområde"),
        ({"status": "klar"}, None),  # nothing near enough
        ({"measure_type": "graffiti"}, None),
        ({"status": "xy"}, None),  # too short to mean anything
    ],
)
def test_a_misspelt_value_gets_the_nearest_allowed_one(
    places: Places, override: dict[str, str], suggestion: str | None
) -> None:
    problem = _only_problem(_load(places, make_measure(**override)))
    found = problem.suggestion.say("sv") if problem.suggestion else None
    assert found == suggestion
    if suggestion:
        assert f"Menade du {suggestion}?" in problem.message("sv")
    else:
        assert "Menade du" not in problem.message("sv")


def test_a_status_of_the_wrong_kind_is_named_by_its_label(places: Places) -> None:
    problem = _only_problem(_load(places, make_measure(status="aktiv")))
    assert problem.message("sv") == (
        "Statusen aktiv gäller inte för slaget åtgärd. "
        "Tillåtna värden: planerad, pågående, genomförd, avbruten."
    )


def test_a_file_without_a_required_column_keeps_no_row_and_says_so_once(
    places: Places,
) -> None:
    header = [c for c in make_measure() if c != "place"]
    rows = [make_measure(), make_measure(id="m-2", status="klar")]
    loaded = read_measures(csv_bytes(rows, header=header), "upload.csv", places)
    problem = _only_problem(loaded)
    assert problem.code == "header_missing" and loaded.measures.empty
    assert "plats (place)" in problem.message("sv")
    assert loaded.readable and loaded.report.lacks_columns  # the upload page shows no diff
    assert not _load(places, make_measure(status="klar")).report.lacks_columns


def test_an_unknown_status_lists_the_statuses_of_the_rows_kind(places: Places) -> None:
    condition = make_measure(kind="lägesbild", measure_type="risk_area", status="aktv")
    problem = _only_problem(_load(places, condition))
    assert problem.message("sv") == (
        "Okänd status. Menade du aktiv? Tillåtna värden: aktiv, upphävd."
    )
