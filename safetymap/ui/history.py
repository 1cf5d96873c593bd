"""The parts of the history page: the versions, downloads, the status log and rollback, for
the measures and (the same parts) for the indicators and the outcome series."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from safetymap.contract.i18n import escape_markdown, t
from safetymap.contract.problems import Lang
from safetymap.intake.areas import Areas
from safetymap.present import export
from safetymap.ui import auth, chrome
from safetymap.ui import upload as upload_ui
from safetymap.ui.upload import event_table
from safetymap.versions import publishing
from safetymap.versions.store import INDICATORS, OUTCOMES, Store, Superseded, Version

ROLLED_BACK_KEY = "_rolled_back"


def version_table(versions: list[Version], lang: Lang) -> pd.DataFrame:
    """The versions, newest first: who, when, which file, how many rows, and the note."""
    in_force = versions[0].number if versions else None

    def note(v: Version) -> str:
        parts = [t("version_in_force", lang)] if v.number == in_force else []
        if v.restores:
            parts.append(t("version_restores", lang, n=v.restores))
        return " · ".join([*parts, v.note] if v.note else parts)

    return pd.DataFrame(
        {
            t("version_col", lang): [v.number for v in versions],
            t("version_when", lang): [
                v.published_at.astimezone().strftime("%Y-%m-%d %H:%M") for v in versions
            ],
            t("version_by", lang): [publishing.publisher(v, lang) for v in versions],
            t("version_file", lang): [v.file_name for v in versions],
            t("version_rows", lang): [v.rows for v in versions],
            t("version_note", lang): [note(v) for v in versions],
        }
    )


def downloads(store: Store, versions: list[Version], areas: Areas, lang: Lang) -> None:
    """Any version as CSV for Swedish Excel, CSV in the contract's columns, GeoJSON or Excel
    (indicators and outcome series: the two CSVs), built only when clicked."""
    places = areas.places
    st.subheader(t("download_version", lang))
    kind = store.dataset.name
    number = st.selectbox(
        t("choose_version", lang), [v.number for v in versions], key=f"download-{kind}"
    )
    version = next(v for v in versions if v.number == number)
    if store.dataset in (INDICATORS, OUTCOMES):
        what = "indikatorer" if store.dataset is INDICATORS else "utfallsserier"
        stem = f"trygghetskartan-{what}-version-{number}"
        builders = (
            ("download_excel_csv", "-excel.csv", lambda: _excel_csv(store, number, areas)),
            ("download_csv", ".csv", lambda: export.table_csv(store.table(number))),
        )
        for column, (label, suffix, build) in zip(st.columns(len(builders)), builders):
            column.download_button(
                t(label, lang),
                data=build,
                file_name=f"{stem}{suffix}",
                mime="text/csv",
                on_click="ignore",
                icon=":material/download:",
                key=f"{stem}{suffix}",
            )
        return
    chrome.download_buttons(
        lambda: publishing.version_measures(store, version, places).measures,
        places,
        lang,
        f"trygghetskartan-version-{number}",
    )


def _excel_csv(store: Store, number: int, areas: Areas) -> bytes:
    table = store.table(number)
    if store.dataset is OUTCOMES:
        return export.excel_csv(export.swedish_outcome_table(table, areas))
    return export.excel_csv(export.swedish_indicator_table(table, areas.places))


def status_log(store: Store, lang: Lang) -> None:
    st.subheader(t("events_heading", lang))
    events = list(reversed(store.events()))
    if not events:
        st.info(t("events_none", lang))
        return
    st.dataframe(event_table(events, lang), hide_index=True, width="stretch")


def rollback(store: Store, versions: list[Version], areas: Areas, lang: Lang) -> bool:
    """For an analyst: choose an earlier version, see what publishing it again would change,
    confirm, publish. True when one was just published (the choice and the form start over)."""
    st.subheader(t("rollback_heading", lang))
    earlier = [v.number for v in versions[1:]]
    if not earlier:
        st.info(t("rollback_none", lang))
        return False
    who = auth.analyst(lang)
    if who is None:
        if auth.config().mode != "disabled":
            st.info(t("needs_analyst", lang))
        return False
    kind, in_force, next_number = store.dataset.name, versions[0], versions[0].number + 1
    choice_key = f"rollback-choose-{kind}"
    number = st.selectbox(
        t("rollback_choose", lang),
        earlier,
        index=None,
        placeholder=t("rollback_choose_placeholder", lang),
        key=choice_key,
    )
    if number is None:
        return False
    places = areas.places
    preview = publishing.rollback_preview(store, number, places, areas)
    upload_ui.diff(preview, in_force, places, lang, areas)
    with st.form(f"rollback-{kind}", clear_on_submit=True):
        st.caption(t("published_by", lang, name=escape_markdown(who.name)))
        note = st.text_input(t("rollback_note", lang), max_chars=2000)
        confirmed = st.checkbox(t("rollback_confirm", lang, n=number, m=next_number))
        go = st.form_submit_button(t("rollback_button", lang, m=next_number), type="primary")
    if not go:
        return False
    if not confirmed:
        st.warning(t("rollback_unconfirmed", lang, n=number))
        return False
    try:
        # Only on top of the version the preview compared with: after another, it no longer
        # shows what would change.
        version, _ = store.rollback(
            int(number), by=who.name, note=note.strip(), on_top_of=in_force.number
        )
    except Superseded as error:
        assert error.current is not None
        who_then = escape_markdown(publishing.publisher(error.current, lang))
        st.warning(t("rollback_stale", lang, n=error.current.number, who=who_then))
        return False
    st.session_state[ROLLED_BACK_KEY] = (kind, version.number, int(number))
    del st.session_state[choice_key]
    return True
