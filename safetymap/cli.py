"""Command-line interface: ``python -m safetymap validate FILE [--format text|json]``.

Exit codes: 0 the file is valid (warnings allowed), 1 it has errors, 2 it cannot be read
as a CSV at all. Bad input never produces a traceback.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

from safetymap.config import get_settings
from safetymap.loaders import load_measures
from safetymap.places import load_places
from safetymap.problems import LANGS, Report

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m safetymap",
        description="Trygghetskartan: check measures files against the data contract.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser(
        "validate",
        help="validate a measures CSV",
        description="Validate a measures CSV. Exit 0: valid (warnings allowed); "
        "1: errors; 2: not readable as CSV.",
    )
    validate.add_argument("file", help="the CSV file to check")
    validate.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    validate.add_argument(
        "--lang", choices=LANGS, default="sv", help="language of the messages (default: sv)"
    )
    return parser


def format_text(report: Report, lang: str) -> str:
    """A human-readable report: one line per problem, then a summary line."""
    sv = lang == "sv"
    lines = [
        f"{report.path}: {report.rows} {'rader' if sv else 'rows'}, "
        f"{'kodning' if sv else 'encoding'} {report.encoding or '?'}, "
        f"{'avgränsare' if sv else 'delimiter'} {_delimiter_name(report.delimiter)}"
    ]
    for problem in report.sorted_problems():
        label = (
            ("FEL" if sv else "ERROR")
            if problem.severity.value == "error"
            else ("VARNING" if sv else "WARNING")
        )
        where = f"{'rad' if sv else 'row'} {problem.row}"
        if problem.column:
            where += f", {'kolumn' if sv else 'column'} {problem.column}"
        if problem.value is not None:
            where += f", {'värde' if sv else 'value'} {problem.value!r}"
        lines.append(f"{label}: {where}: {problem.message(lang)}")  # type: ignore[arg-type]
    errors, warnings = len(report.errors), len(report.warnings)
    if sv:
        verdict = "giltig" if report.ok else "ogiltig"
        lines.append(f"{verdict}: {errors} fel, {warnings} varningar")
    else:
        verdict = "valid" if report.ok else "invalid"
        lines.append(f"{verdict}: {errors} errors, {warnings} warnings")
    return "\n".join(lines)


def _delimiter_name(delimiter: str | None) -> str:
    return {",": "','", ";": "';'", "\t": "tab"}.get(delimiter or "", "?")


def run_validate(args: argparse.Namespace) -> int:
    settings = get_settings()
    places = load_places(settings.places_path)
    loaded = load_measures(args.file, places)
    report = loaded.report
    if args.format == "json":
        print(json.dumps(report.to_dict(args.lang), ensure_ascii=False, indent=2))
    else:
        print(format_text(report, args.lang))
    if not loaded.readable:
        return EXIT_UNREADABLE
    return EXIT_OK if report.ok else EXIT_INVALID


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    commands = {"validate": run_validate}
    return commands[args.command](args)
