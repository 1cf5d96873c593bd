"""Command-line interface: ``python -m safetymap COMMAND`` (see ``--help`` and README).

``validate FILE`` checks a file; ``publish FILE --by NAME`` checks it and, when valid, makes it
the version in force; ``versions``, ``history``, ``rollback VERSION --by NAME`` and
``export --format csv|excel-csv|geojson|gpkg|xlsx --out FILE`` (``export --template --out
FILE`` for a file to start from) and ``briefing [--place ID ...] [--since DATE|VERSION]
--out FILE.pdf|FILE.html`` work on the store (``SAFETYMAP_DB`` or
``DATABASE_URL``); ``--kind indicators|outcomes`` works on the indicators or the outcome
series instead of the measures. ``effect --area AREA --comparison AREA --indicator ID --at
PERIOD --before N --after N`` gives the relative effect size of the outcome series in force.
Exit codes: 0 done (warnings allowed), 1 invalid input or an unknown version, nothing
written (or no effect can be given); 2 the file cannot be read as a CSV at all; 3 the store of
versions cannot be used (one line says why and which setting). Bad input never produces a
traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import io
import json
import os
import re
import sys
import tomllib
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from safetymap.config import Settings, get_settings
from safetymap.contract.i18n import severity, t
from safetymap.contract.problems import LANGS, Lang, Report, Severity, grouped, row_ranges
from safetymap.contract.vocab import indicators
from safetymap.intake.areas import Areas, load_areas
from safetymap.intake.indicators import LoadedIndicators, load_indicators
from safetymap.intake.loaders import load_measures
from safetymap.intake.outcomes import LoadedOutcomes, load_outcomes
from safetymap.intake.periods import parse_period
from safetymap.intake.places import Places, load_places
from safetymap.present import export, pack, standalone
from safetymap.selection import briefing, since
from safetymap.selection.briefing import BriefingData
from safetymap.selection.effect import Refusal, effect_for, effect_limits, effect_sentence
from safetymap.selection.timeline import recorded_changes
from safetymap.selection.urlstate import Notice
from safetymap.versions import auth, publishing
from safetymap.versions.changes import change_lines, landed_lines
from safetymap.versions.diff import Diff
from safetymap.versions.publishing import Loaded
from safetymap.versions.store import (
    INDICATORS,
    OUTCOMES,
    Store,
    StoreError,
    StoreUnavailable,
    TextTooLong,
    Version,
)

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE, EXIT_STORE = 0, 1, 2, 3
EXPORTS = ("csv", "excel-csv", "geojson", "gpkg", "xlsx")
KINDS = ("measures", "indicators", "outcomes")
MIN_PASSWORD = 12


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m safetymap",
        description="Trygghetskartan: check, publish and export measures files.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser(
        "validate",
        help="validate a measures CSV",
        description="Validate a measures CSV. Exit 0: valid (warnings allowed); "
        "1: errors; 2: not readable as CSV.",
    )
    validate.add_argument("file", help="the CSV file to check")
    _kind_option(validate)
    _report_options(validate)

    publish = commands.add_parser(
        "publish",
        help="validate a measures CSV and publish it as the new version",
        description="Validate a measures CSV; when it has no errors, publish it as the version "
        "everyone sees. Exit 0: published; 1: errors, nothing written; 2: not readable as CSV.",
    )
    publish.add_argument("file", help="the CSV file to publish")
    publish.add_argument("--by", required=True, help="who publishes (kept with the version)")
    publish.add_argument("--note", default="", help="why: kept with the version")
    publish.add_argument(
        "--dry-run",
        action="store_true",
        help="check the file and list what publishing it would change (old → new), write nothing",
    )
    _kind_option(publish)
    _report_options(publish)

    versions = commands.add_parser("versions", help="list the published versions, newest first")
    versions.add_argument("--format", choices=("text", "json"), default="text")
    _kind_option(versions)

    history = commands.add_parser("history", help="list the status changes between versions")
    history.add_argument("--format", choices=("text", "json"), default="text")

    rollback = commands.add_parser(
        "rollback",
        help="publish an earlier version again as a new version",
        description="Publish version VERSION again as a new version; history stays linear. "
        "Exit 1: no such version, nothing written.",
    )
    rollback.add_argument("version", type=int, help="the version to bring back")
    rollback.add_argument("--by", required=True, help="who rolls back (kept with the version)")
    rollback.add_argument("--note", default="", help="why: kept with the version")
    _kind_option(rollback)

    hash_password = commands.add_parser(
        "hash-password",
        help="make the analyst password hash for SAFETYMAP_ANALYST_PASSWORD_HASH",
        description="Read a password (asked for twice, or one line from standard input) and "
        "print its argon2 hash for SAFETYMAP_ANALYST_PASSWORD_HASH. With --check, say "
        "whether the hash the app is given (the environment, or analyst_password_hash in "
        ".streamlit/secrets.toml) is one. Exit 1: too short, or (--check) not a hash.",
    )
    hash_password.add_argument(
        "--check",
        action="store_true",
        help="check the configured hash instead of making one",
    )
    hash_password.add_argument(
        "--lang", choices=LANGS, default="sv", help="language of the messages (default: sv)"
    )

    export_ = commands.add_parser(
        "export",
        help="write a version as CSV, CSV for Swedish Excel, GeoJSON, GeoPackage or Excel",
        description="Write a version. csv: the contract's English headers and ids; excel-csv: "
        "for Swedish Excel (Swedish headers and labels, decimal commas, ';', UTF-8 with BOM), "
        "which reads back as the same data after Excel saves it as 'CSV UTF-8'; gpkg: a "
        "GeoPackage for GIS (layer 'measures', every row with its geometry). --template "
        "writes the Swedish headers and one example row instead, to start a new file.",
    )
    export_.add_argument("--version", type=int, help="the version (default: the one in force)")
    export_.add_argument("--format", choices=EXPORTS, help="required unless --template")
    export_.add_argument(
        "--template",
        action="store_true",
        help="write a template (Swedish headers, one example row) for Swedish Excel",
    )
    export_.add_argument("--out", required=True, help="the file to write")
    _kind_option(export_, "indicators: csv or excel-csv")

    briefing_ = commands.add_parser(
        "briefing",
        help="write the briefing pack (PDF) or an offline map with timelines (HTML)",
        description="Write the briefing pack of the version in force: with --out FILE.pdf a "
        "PDF with a cover and one page per place; with --out FILE.html one self-contained HTML "
        "file that presents the briefing one place per screen, with no server or network. "
        "Exit 0: written; 1: an unknown place or file type, or a --since in the future or "
        "naming no version, nothing written.",
    )
    briefing_.add_argument(
        "--place",
        action="append",
        default=[],
        metavar="ID",
        help="a place to include, by id (repeatable; default: all four)",
    )
    briefing_.add_argument("--out", required=True, help="FILE.pdf or FILE.html")
    briefing_.add_argument(
        "--since",
        metavar="DATE|VERSION",
        help="lead each place with what changed since this day (YYYY-MM-DD) or version "
        "number: new measures, status changes, conditions begun or lifted",
    )
    briefing_.add_argument(
        "--lang", choices=LANGS, default="sv", help="language of the pack (default: sv)"
    )

    effect = commands.add_parser(
        "effect",
        help="before and after against a comparison area: the relative effect size (RES)",
        description="The relative effect size of Welsh & Farrington of the outcome series in "
        "force: the counts of --indicator in --area and in --comparison in the --before "
        "periods that end just before --at and the --after periods that start just after it "
        "(--at itself in neither); RES = (a·d)/(b·c) with its 95 %% interval (docs/EFFECT.md). "
        "Exit 0: given; 1: it cannot be given (a missing period, a zero count, a rate, an "
        "unknown area…), with a one-line message.",
    )
    effect.add_argument("--area", required=True, help="the treatment area (id or name)")
    effect.add_argument("--comparison", required=True, help="the comparison area (id or name)")
    effect.add_argument("--indicator", required=True, help="a count indicator (id or label)")
    effect.add_argument("--at", required=True, help="the chosen period: 2019, 2019-Q2 or 2019-05")
    effect.add_argument("--before", required=True, type=int, help="periods before --at")
    effect.add_argument("--after", required=True, type=int, help="periods after --at")
    effect.add_argument(
        "--place",
        help="the place the measures are at (id): the text says how much wider the area is",
    )
    _report_options(effect)
    return parser


def _kind_option(command: argparse.ArgumentParser, note: str = "") -> None:
    command.add_argument(
        "--kind",
        choices=KINDS,
        default="measures",
        help=f"measures, indicators or outcomes (default: measures{'; ' + note if note else ''})",
    )


def _report_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    command.add_argument(
        "--lang", choices=LANGS, default="sv", help="language of the messages (default: sv)"
    )


def format_text(report: Report, lang: str) -> str:
    """A human-readable report: one line per problem, then a summary line."""
    sv = lang == "sv"
    lines = [
        f"{report.path}: {report.rows} {'rader' if sv else 'rows'}, "
        f"{'kodning' if sv else 'encoding'} {report.encoding or '?'}, "
        f"{'avgränsare' if sv else 'delimiter'} {_delimiter_name(report.delimiter)}"
    ]
    for problem in report.sorted_problems():
        where = f"{'rad' if sv else 'row'} {problem.row}"
        if problem.column:
            where += f", {'kolumn' if sv else 'column'} {problem.column_label()}"
        if problem.value is not None:
            where += f", {'värde' if sv else 'value'} {problem.value!r}"
        lines.append(f"{_label(problem.severity, sv)}: {where}: {problem.message(lang)}")  # type: ignore[arg-type]
    lines += _repeated(report, sv)
    errors, warnings = len(report.errors), len(report.warnings)
    if sv:
        verdict = "giltig" if report.ok else "ogiltig"
        lines.append(f"{verdict}: {errors} fel, {warnings} varningar")
    else:
        verdict = "valid" if report.ok else "invalid"
        lines.append(f"{verdict}: {errors} errors, {warnings} warnings")
    return "\n".join(lines)


def _label(level: Severity, sv: bool) -> str:
    """ "FEL", "VARNING" ("ERROR", "WARNING"): the page's word for it, in capitals."""
    return severity(level, "sv" if sv else "en").upper()


def _repeated(report: Report, sv: bool) -> list[str]:
    """The problems found on several rows, one line each with how many rows and which."""
    repeated = [g for g in grouped(report, "sv" if sv else "en") if len(g.rows) > 1]
    if not repeated:
        return []
    lines = ["Samma problem på flera rader:" if sv else "The same problem on several rows:"]
    for group in repeated:
        where = f" {group.column}" if group.column else ""
        rows = f"{len(group.rows)} {'rader' if sv else 'rows'}: {row_ranges(group.rows)}"
        lines.append(f"  {_label(group.severity, sv)}{where}: {group.message} ({rows})")
    return lines


def _delimiter_name(delimiter: str | None) -> str:
    return {",": "','", ";": "';'", "\t": "tab"}.get(delimiter or "", "?")


def _print_report(report: Report, args: argparse.Namespace) -> None:
    if args.format == "json":
        print(json.dumps(report.to_dict(args.lang), ensure_ascii=False, indent=2))
    else:
        print(format_text(report, args.lang))


def _load(kind: str, path: str | Path, settings: Settings, places: Places) -> Loaded:
    """The file at ``path`` read and validated as ``kind`` (measures, indicators, outcomes)."""
    if kind == "indicators":
        return load_indicators(path, places)
    if kind == "outcomes":
        return load_outcomes(path, load_areas(places, settings.areas_path))
    return load_measures(path, places)


def run_validate(args: argparse.Namespace) -> int:
    settings = get_settings()
    places = load_places(settings.places_path)
    loaded = _load(args.kind, args.file, settings, places)
    _print_report(loaded.report, args)
    if not loaded.readable:
        return EXIT_UNREADABLE
    return EXIT_OK if loaded.report.ok else EXIT_INVALID


def open_store(settings: Settings, places: Places, kind: str = "measures") -> Store:
    """The store of ``kind``, seeded from ``SAFETYMAP_MEASURES`` (or
    ``SAFETYMAP_INDICATORS``, ``SAFETYMAP_OUTCOMES``) when it is still empty."""
    if kind == "outcomes":
        store = Store(settings.store_url, OUTCOMES)
        if store.current() is None:
            areas = load_areas(places, settings.areas_path)
            loaded_outcomes = load_outcomes(settings.outcomes_path, areas)
            publishing.seed_outcomes(store, loaded_outcomes, settings.outcomes_path)
        return store
    if kind == "indicators":
        store = Store(settings.store_url, INDICATORS)
        if store.current() is None:
            loaded = load_indicators(settings.indicators_path, places)
            publishing.seed_indicators(store, loaded, settings.indicators_path)
        return store
    store = Store(settings.store_url)
    if store.current() is None:
        publishing.seed(store, settings.measures_path, places)
    return store


def _version_line(version: Version, kind: str = "measures") -> str:
    restores = f", återställer version {version.restores}" if version.restores else ""
    note = f" – {version.note}" if version.note else ""
    split = {
        "measures": f" ({version.measures} åtgärder, {version.conditions} lägesbilder)",
        "indicators": " indikatorer",
        "outcomes": " utfallsvärden",
    }[kind]
    return (
        f"version {version.number}: {version.published_at:%Y-%m-%d %H:%M} UTC, "
        f"{publishing.publisher(version)}, {version.file_name}, {version.rows} rader{split}"
        f"{restores}{note}"
    )


def _diff_line(diff: Diff) -> str:
    return (
        f"{len(diff.added)} tillagda, {len(diff.removed)} borttagna, {len(diff.changed)} ändrade, "
        f"{len(diff.events)} statusändringar"
    )


def _version_json(version: Version) -> dict:
    return {**version.__dict__, "published_at": version.published_at.isoformat()}


def run_publish(args: argparse.Namespace) -> int:
    settings = get_settings()
    places = load_places(settings.places_path)
    path = Path(args.file)
    loaded = _load(args.kind, path, settings, places)
    _print_report(loaded.report, args)
    if not loaded.readable:
        return EXIT_UNREADABLE
    store = open_store(settings, places, args.kind)
    checked = publishing.compare(store, loaded, path.read_bytes(), path.name)
    if args.dry_run:
        print(_diff_line(checked.diff), file=sys.stderr)
        print("\n".join(change_lines(checked.diff, args.lang)))
        return EXIT_OK if checked.publishable else EXIT_INVALID
    if not checked.publishable:
        print("inget publicerat: filen har fel", file=sys.stderr)
        return EXIT_INVALID
    published = publishing.publish(store, checked, by=args.by, note=args.note)
    version = published.version
    print(f"publicerad {_version_line(version, args.kind)}", file=sys.stderr)
    # Versions that landed after the file was checked, and what it undid of them.
    for landed in published.landed:
        who = publishing.publisher(landed.version, args.lang)
        heading, *changes = landed_lines(landed.version.number, who, landed.reverted, args.lang)
        print("\n  ".join([heading, *changes]), file=sys.stderr)
    # What the store recorded: the changes against the version in force when it committed.
    against = f"mot version {version.number - 1}: " if version.number > 1 else ""
    print(against + _diff_line(published.diff), file=sys.stderr)
    for line in change_lines(published.diff, args.lang):
        print(line, file=sys.stderr)
    return EXIT_OK


def run_versions(args: argparse.Namespace) -> int:
    settings = get_settings()
    versions = open_store(settings, load_places(settings.places_path), args.kind).versions()
    if args.format == "json":
        print(json.dumps([_version_json(v) for v in versions], ensure_ascii=False, indent=2))
    else:
        print("\n".join(_version_line(v, args.kind) for v in versions) or "inga versioner")
    return EXIT_OK


def run_history(args: argparse.Namespace) -> int:
    settings = get_settings()
    events = open_store(settings, load_places(settings.places_path)).events()
    if args.format == "json":
        records = [
            {**e.__dict__, "published_at": e.published_at.isoformat() if e.published_at else None}
            for e in events
        ]
        print(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        lines = [
            f"{e.date}  {e.measure_id}: {e.from_status} → {e.to_status} (version {e.version})"
            for e in events
        ]
        print("\n".join(lines) or "inga statusändringar")
    return EXIT_OK


def run_rollback(args: argparse.Namespace) -> int:
    settings = get_settings()
    store = open_store(settings, load_places(settings.places_path), args.kind)
    try:
        version, diff = store.rollback(args.version, by=args.by, note=args.note)
    except StoreError as error:
        print(f"ingen återställning: {error}", file=sys.stderr)
        return EXIT_INVALID
    print(f"publicerad {_version_line(version, args.kind)}")
    print(_diff_line(diff))
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    if args.template:
        if args.kind != "measures" or args.format not in (None, "excel-csv"):
            print("ingen export: mallen finns för åtgärder, som excel-csv", file=sys.stderr)
            return EXIT_INVALID
        Path(args.out).write_bytes(export.template_csv())
        print(f"mall till {args.out}", file=sys.stderr)
        return EXIT_OK
    if args.format is None:
        print(f"ingen export: ange --format ({'|'.join(EXPORTS)})", file=sys.stderr)
        return EXIT_INVALID
    if args.kind != "measures" and args.format not in ("csv", "excel-csv"):
        what = "indikatorer" if args.kind == "indicators" else "utfallsserier"
        print(f"ingen export: {what} exporteras bara som csv eller excel-csv", file=sys.stderr)
        return EXIT_INVALID
    settings = get_settings()
    places = load_places(settings.places_path)
    store = open_store(settings, places, args.kind)
    try:
        version = store.version(args.version) if args.version else store.current()
    except StoreError as error:
        print(f"ingen export: {error}", file=sys.stderr)
        return EXIT_INVALID
    if version is None:
        print("ingen export: det finns ingen publicerad version", file=sys.stderr)
        return EXIT_INVALID
    if args.kind != "measures":
        table = store.table(version.number)  # stored as the contract table it exports
        swedish = (
            export.swedish_indicator_table(table, places)
            if args.kind == "indicators"
            else export.swedish_outcome_table(table, load_areas(places, settings.areas_path))
        )
        data = export.excel_csv(swedish) if args.format == "excel-csv" else export.table_csv(table)
        Path(args.out).write_bytes(data)
        print(f"version {version.number}: {len(table)} rader till {args.out}", file=sys.stderr)
        return EXIT_OK
    measures = publishing.version_measures(store, version, places).measures
    data = export.measures_file(measures, places, args.format)
    Path(args.out).write_bytes(data)
    print(f"version {version.number}: {len(measures)} rader till {args.out}", file=sys.stderr)
    return EXIT_OK


def _briefing_places(places: Places, asked: list[str]) -> list[str] | None:
    """The places a pack shows, in the order asked (a focus area stands for its place);
    None when one is unknown."""
    chosen = []
    for place_id in asked:
        if place_id not in places.by_id:
            return None
        chosen.append(briefing.briefing_place(places, (place_id,)))
    return list(dict.fromkeys(chosen))


def _briefing_data(
    settings: Settings, places: Places, lang: Lang, asked: str | None
) -> BriefingData | str:
    """Everything in force, unfiltered: the current version (or, before the first, the
    file's valid rows), its recorded status changes, the indicators, each place's main
    outcome series and the background; with ``asked`` (a ``since``), what changed since
    then. A ``since`` that cannot be used gives its message instead."""
    store = open_store(settings, places)
    areas = load_areas(places, settings.areas_path)
    version = store.current()
    today = date.today()
    events = store.events() if version is not None else []
    if version is None:
        measures = load_measures(settings.measures_path, places).measures
        recorded = {}
    else:
        measures = publishing.version_measures(store, version, places).measures
        recorded = recorded_changes(e for e in events if e.version <= version.number)
    base = None
    if asked is not None:
        published = [(v.number, v.published_at.astimezone().date()) for v in store.versions()]
        found, problem = since.read_since(asked, published, today)
        message = "" if problem is None else _since_problem(asked, problem, lang)
        if found is None:
            return message
        if message:
            print(message, file=sys.stderr)
        number = version.number if version is not None else 0
        ids = set(store.table(found.version)["id"]) if found.version else None
        base = since.baseline(found, ids, events, number)
    return BriefingData(
        measures=measures,
        shown=measures,
        places=places,
        context=json.loads(settings.context_path.read_text(encoding="utf-8")),
        indicators=_indicators_in_force(settings, places).table,
        recorded=recorded,
        data_label=briefing.data_label(version, settings.measures_path, lang),
        data_date=briefing.data_day(version, settings.measures_path) or today.isoformat(),
        filter_text="",
        as_of=None,
        today=today,
        lang=lang,
        baseline=base,
        outcomes=briefing.main_outcomes(_outcomes_in_force(settings, areas).table, areas, lang),
    )


def _since_problem(asked: str, problem: since.SinceProblem, lang: Lang) -> str:
    """The same words as the page's notice about ``since``."""
    if problem.code == "since_before_first" and problem.first is None:
        return Notice("since_no_version", "since", asked).message(lang)
    if problem.code == "since_before_first" and problem.first is not None:
        first, day = problem.first
        details = (("first", first), ("day", day))
        return Notice(problem.code, "since", asked, details).message(lang)
    return Notice(problem.code, "since", asked).message(lang)


def _indicators_in_force(settings: Settings, places: Places) -> LoadedIndicators:
    """The indicators version in force, or before the first the file's valid rows."""
    store = open_store(settings, places, "indicators")
    version = store.current()
    if version is None:
        return load_indicators(settings.indicators_path, places)
    return publishing.version_indicators(store, version, places)


def _outcomes_in_force(settings: Settings, areas: Areas) -> LoadedOutcomes:
    """The outcomes version in force, or before the first the file's valid rows."""
    store = open_store(settings, areas.places, "outcomes")
    version = store.current()
    if version is None:
        return load_outcomes(settings.outcomes_path, areas)
    return publishing.version_outcomes(store, version, areas)


def run_effect(args: argparse.Namespace) -> int:
    sv = args.lang == "sv"
    settings = get_settings()
    areas = load_areas(load_places(settings.places_path), settings.areas_path)

    def refuse(message: str) -> int:
        print(f"{'ingen effekt' if sv else 'no effect'}: {message}", file=sys.stderr)
        return EXIT_INVALID

    chosen = []
    for given in (args.area, args.comparison):
        area = areas.match(given)
        if area is None:
            known = ", ".join(areas.ids())
            unknown = "okänt område" if sv else "unknown area"
            return refuse(f"{unknown} {given!r}; {'områden' if sv else 'areas'}: {known}")
        chosen.append(area)
    indicator = indicators().normalise(args.indicator)
    if indicator is None:
        return refuse(f"{'okänd indikator' if sv else 'unknown indicator'} {args.indicator!r}")
    if args.place is not None and args.place not in areas.places.by_id:
        return refuse(f"{'okänd plats' if sv else 'unknown place'} {args.place!r}")
    try:
        at = parse_period(args.at)
    except ValueError:
        return refuse(
            f"{'ogiltig period' if sv else 'invalid period'} {args.at!r}: "
            f"{'använd' if sv else 'use'} 2019, 2019-Q2 {'eller' if sv else 'or'} 2019-05"
        )
    table = _outcomes_in_force(settings, areas).table
    result = effect_for(table, chosen[0], chosen[1], indicator, at, args.before, args.after)
    if isinstance(result, Refusal):
        return refuse(result.message(args.lang, areas))
    sentence = effect_sentence(result, areas, args.lang)
    limits = effect_limits(result, areas, args.lang, args.place)
    if args.format == "json":
        record = result.to_dict()
        for role in ("treatment", "comparison"):
            record[role]["name"] = areas.by_id[record[role]["area"]].label(args.lang)
        record.update(sentence=sentence, limits=limits)
        print(json.dumps(record, ensure_ascii=False, indent=2))
    else:
        print("\n".join([sentence, *(f"– {limit}" for limit in limits)]))
    return EXIT_OK


def run_briefing(args: argparse.Namespace) -> int:
    out = Path(args.out)
    kind = out.suffix.lower()
    if kind not in (".pdf", ".html", ".htm"):
        print(f"ingen lägesbild: {out.name} ska sluta på .pdf eller .html", file=sys.stderr)
        return EXIT_INVALID
    settings = get_settings()
    places = load_places(settings.places_path)
    chosen = _briefing_places(places, args.place)
    if chosen is None:
        print(
            f"ingen lägesbild: okänd plats bland {', '.join(args.place)}; "
            f"platser: {', '.join(places.ids())}",
            file=sys.stderr,
        )
        return EXIT_INVALID
    data = _briefing_data(settings, places, args.lang, args.since)
    if isinstance(data, str):
        print(f"ingen lägesbild: {data}", file=sys.stderr)
        return EXIT_INVALID
    if kind == ".pdf":
        out.write_bytes(pack.briefing_pdf(data, chosen))
    else:
        out.write_text(standalone.offline_html(data, chosen), encoding="utf-8")
    names = ", ".join(places.by_id[p].name for p in chosen or places.top_level())
    print(f"{data.data_label}: {names} till {out}", file=sys.stderr)
    return EXIT_OK


def _secrets() -> dict:
    """``secrets.toml`` as Streamlit reads it: the user's, then the project's (the working
    folder's ``.streamlit``) over it; a file that cannot be read counts as none."""
    secrets: dict = {}
    for path in (Path.home() / ".streamlit" / "secrets.toml", Path(".streamlit/secrets.toml")):
        try:
            secrets.update(tomllib.loads(path.read_text(encoding="utf-8")))
        except (OSError, tomllib.TOMLDecodeError):
            continue
    return secrets


def check_password_hash(lang: Lang) -> int:
    """Say whether the configured analyst password hash is one (``hash-password --check``)."""
    config = auth.auth_config(_secrets(), os.environ)
    setting = t(f"setting_hash_{config.hash_setting}", lang).replace("`", "")
    if config.mode != "password":
        print(t(f"hash_check_{config.mode}", lang), file=sys.stderr)
        return EXIT_OK if config.mode == "oidc" else EXIT_INVALID
    if not config.hash_valid:
        message = t("signin_hash_invalid", lang, setting=setting)
        print(message.replace("`", ""), file=sys.stderr)
        return EXIT_INVALID
    print(t("hash_check_ok", lang, setting=setting), file=sys.stderr)
    return EXIT_OK


def run_hash_password(args: argparse.Namespace) -> int:
    if args.check:
        return check_password_hash(args.lang)
    if sys.stdin.isatty():
        password = getpass.getpass("Lösenord: ")
        if getpass.getpass("Samma lösenord igen: ") != password:
            print("lösenorden är olika", file=sys.stderr)
            return EXIT_INVALID
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < MIN_PASSWORD:
        print(f"för kort: minst {MIN_PASSWORD} tecken", file=sys.stderr)
        return EXIT_INVALID
    print(auth.hash_password(password))
    return EXIT_OK


COMMANDS = {
    "validate": run_validate,
    "publish": run_publish,
    "versions": run_versions,
    "history": run_history,
    "rollback": run_rollback,
    "export": run_export,
    "hash-password": run_hash_password,
    "briefing": run_briefing,
    "effect": run_effect,
}


# What a terminal would obey rather than show: C0 and C1 controls but line feed and tab
# (ESC starts colour and title sequences, BEL rings, CR overwrites), and the bidirectional
# overrides that reorder what is shown.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text for a terminal: each control character from the data shown as its escape
    (``\\x1b``), never obeyed."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class _Printable(io.TextIOBase):
    """A text stream that writes everything through ``printable``."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(printable(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()


def main(argv: Sequence[str] | None = None) -> int:
    with (
        contextlib.redirect_stdout(_Printable(sys.stdout)),
        contextlib.redirect_stderr(_Printable(sys.stderr)),
    ):
        args = build_parser().parse_args(argv)
        lang = getattr(args, "lang", "sv")
        try:
            return COMMANDS[args.command](args)
        except StoreUnavailable as error:
            print(f"safetymap {args.command}: {error.message(lang)}", file=sys.stderr)
            return EXIT_STORE
        except TextTooLong as error:
            print(f"safetymap {args.command}: {error.message(lang)}", file=sys.stderr)
            return EXIT_INVALID
