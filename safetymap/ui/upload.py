"""The parts of the upload page: what was detected, the problems, the diff and publishing."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from safetymap import export, publishing
from safetymap.diff import Diff
from safetymap.i18n import escape_markdown, t
from safetymap.problems import Lang, Report, Severity
from safetymap.schema import ID, SWEREF99_1800, SWEREF99_TM, TITLE, WGS84
from safetymap.store import Store, Version
from safetymap.ui import auth
from safetymap.vocab import statuses

CHECKED_KEY = "_upload_checked"
PUBLISHED_KEY = "_published"  # the version just published, announced after the rerun
CRS_LABELS = {
    WGS84: "WGS 84 (lat/lon)",
    SWEREF99_TM: "SWEREF 99 TM (x/y)",
    SWEREF99_1800: "SWEREF 99 18 00 (x/y)",
}


def checked(store: Store, data: bytes, name: str, ctx_places, version: Version | None):
    """The upload validated and compared with the version in force, kept for the session
    while neither the file nor the version in force changes."""
    token = (publishing.sha256(data), name, version.number if version else 0)
    kept = st.session_state.get(CHECKED_KEY)
    if kept is None or kept[0] != token:
        kept = (token, publishing.check(store, data, name, ctx_places))
        st.session_state[CHECKED_KEY] = kept
    return kept[1]


def _delimiter(delimiter: str | None, lang: Lang) -> str:
    names = {",": ("komma (,)", "comma (,)"), ";": ("semikolon (;)", "semicolon (;)")}
    names["\t"] = ("tabb", "tab")
    pair = names.get(delimiter or "", ("?", "?"))
    return pair[0] if lang == "sv" else pair[1]


def detected(report: Report, lang: Lang) -> None:
    """Encoding, delimiter, rows and coordinate systems, as the reader found them."""
    st.subheader(t("detected_heading", lang))
    encoding, delimiter, rows, crs = st.columns(4)
    encoding.metric(t("detected_encoding", lang), report.encoding or "?")
    delimiter.metric(t("detected_delimiter", lang), _delimiter(report.delimiter, lang))
    rows.metric(t("detected_rows", lang), report.rows)
    systems = [
        t("crs_rows", lang, crs=CRS_LABELS.get(name, name) or t("crs_none", lang), n=n)
        for name, n in sorted(report.coordinates.items(), key=lambda item: -item[1])
    ]
    crs.markdown(f"**{t('detected_crs', lang)}**  \n" + "  \n".join(systems or ["–"]))


def problem_table(report: Report, lang: Lang) -> pd.DataFrame:
    """Every problem as a row: kind, row, column, value and message, in ``lang``."""
    problems = report.sorted_problems()
    return pd.DataFrame(
        {
            t("problem_severity", lang): [
                t("severity_error" if p.severity is Severity.ERROR else "severity_warning", lang)
                for p in problems
            ],
            t("problem_row", lang): [p.row for p in problems],
            t("problem_column", lang): [p.column or "" for p in problems],
            t("problem_value", lang): [p.value or "" for p in problems],
            t("problem_message", lang): [p.message(lang) for p in problems],
        }
    )


def problems(report: Report, name: str, lang: Lang) -> None:
    """The problems as a table and a downloadable CSV report (formula-safe)."""
    st.subheader(t("problems_heading", lang))
    errors, warnings = len(report.errors), len(report.warnings)
    if not errors and not warnings:
        st.success(t("problems_none", lang))
        return
    if errors:
        st.error(t("problems_summary", lang, errors=errors, warnings=warnings))
    else:
        st.info(t("problems_warnings_only", lang, warnings=warnings))
    table = problem_table(report, lang)
    st.dataframe(table, hide_index=True, width="stretch", height=min(420, 35 * len(table) + 38))
    st.download_button(
        t("download_report", lang),
        export.table_csv(table),
        f"{name.rsplit('.', 1)[0]}-rapport.csv",
        "text/csv",
        on_click="ignore",
        icon=":material/download:",
    )


def change_table(diff: Diff, old: pd.DataFrame, new: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """One row per added, removed or changed measure, with the fields that changed."""
    titles = {**dict(zip(old[ID], old[TITLE])), **dict(zip(new[ID], new[TITLE]))}
    rows = (
        [(i, "change_added", "") for i in diff.added]
        + [(i, "change_removed", "") for i in diff.removed]
        + [(i, "change_changed", ", ".join(cols)) for i, cols in diff.changed.items()]
    )
    return pd.DataFrame(
        {
            "id": [i for i, _, _ in rows],
            t("title", lang): [titles.get(i, "") for i, _, _ in rows],
            t("diff_change_col", lang): [t(kind, lang) for _, kind, _ in rows],
            t("diff_fields_col", lang): [fields for _, _, fields in rows],
        }
    )


def event_table(events, lang: Lang) -> pd.DataFrame:
    """Status changes (from a diff or the store) as a readable table."""
    label = statuses().label
    table = {
        "id": [e.measure_id for e in events],
        t("title", lang): [e.title for e in events],
        t("event_from", lang): [
            label(e.from_status, lang) if e.from_status else "" for e in events
        ],
        t("event_to", lang): [label(e.to_status, lang) for e in events],
        t("event_date", lang): [e.date for e in events],
    }
    if events and hasattr(events[0], "version"):
        table[t("event_version", lang)] = [e.version for e in events]
    return pd.DataFrame(table)


def diff(
    result: Diff,
    old: pd.DataFrame,
    new: pd.DataFrame,
    version: Version | None,
    errors: bool,
    lang: Lang,
) -> None:
    """What publishing would change: counts, the changed measures and the status changes."""
    heading = (
        t("diff_heading", lang, n=version.number) if version else t("diff_heading_first", lang)
    )
    st.subheader(heading)
    added, removed, changed, events = st.columns(4)
    added.metric(t("diff_added", lang), len(result.added))
    removed.metric(t("diff_removed", lang), len(result.removed))
    changed.metric(t("diff_changed", lang), len(result.changed))
    events.metric(t("diff_status", lang), len(result.events))
    if errors:
        st.caption(t("diff_errors_left_out", lang))
    if result.empty:
        st.info(t("diff_none", lang))
        return
    st.dataframe(change_table(result, old, new, lang), hide_index=True, width="stretch")
    if result.events:
        st.markdown(f"**{t('diff_status', lang)}**")
        st.dataframe(event_table(result.events, lang), hide_index=True, width="stretch")


def publish(store: Store, upload: publishing.Checked, version: Version | None, lang: Lang) -> bool:
    """Sign-in, then the note and the publish button (only for a file without errors).

    True when the file was just published (the page then starts over)."""
    st.subheader(t("publish_heading", lang))
    if not upload.loaded.report.ok:
        st.error(t("publish_blocked", lang))
    elif upload.table.empty:
        st.error(t("publish_empty", lang))
    who = auth.analyst(lang)
    if who is None or not upload.publishable:
        if upload.publishable and auth.config().mode != "disabled":
            st.info(t("needs_analyst", lang))
        return False
    next_number = (version.number if version else 0) + 1
    with st.form("publish"):
        st.caption(t("published_by", lang, name=escape_markdown(who.name)))
        note = st.text_area(t("publish_note", lang), max_chars=2000)
        go = st.form_submit_button(t("publish_button", lang, n=next_number), type="primary")
    if not go:
        return False
    published = publishing.publish(store, upload, by=who.name, note=note.strip())
    st.session_state.pop(CHECKED_KEY, None)
    st.session_state[PUBLISHED_KEY] = published.number
    return True
