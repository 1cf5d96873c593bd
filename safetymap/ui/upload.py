"""The parts of the upload page: what was detected, the problems, the diff and publishing."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler
from streamlit.runtime.uploaded_file_manager import UploadedFile

from safetymap.contract.i18n import escape_markdown, severity, t, template
from safetymap.contract.problems import Lang, Report, grouped, row_ranges
from safetymap.contract.schema import ID, SWEREF99_1800, SWEREF99_TM, TITLE, WGS84
from safetymap.contract.vocab import indicators, statuses
from safetymap.intake.areas import Areas
from safetymap.intake.dates import parse_partial_date
from safetymap.intake.loaders import LoadedMeasures
from safetymap.intake.outcomes import LoadedOutcomes
from safetymap.intake.periods import parse_period
from safetymap.intake.places import Places
from safetymap.present import export, mapdata
from safetymap.present.htmltable import html_table
from safetymap.selection import briefing
from safetymap.selection.outcomes import series_summary
from safetymap.ui import auth, cache, mapview
from safetymap.ui.context import PageContext
from safetymap.versions import publishing
from safetymap.versions.changes import field_changes
from safetymap.versions.diff import KEY_SEPARATOR, Diff
from safetymap.versions.store import INDICATORS, OUTCOMES, Store, Superseded, Version

KINDS = ("measures", "indicators", "outcomes")
CHECKED_KEY = "_upload_checked"
PUBLISHED_KEY = "_published"  # the version just published, announced after the rerun
# The page lists this many problems; the downloadable report lists them all.
PROBLEMS_SHOWN = 100
# The same problem on several rows is summed up above that list, for up to this many kinds.
SUMMARY_MOST = 20
CRS_LABELS = {
    WGS84: "WGS 84 (lat/lon)",
    SWEREF99_TM: "SWEREF 99 TM (x/y)",
    SWEREF99_1800: "SWEREF 99 18 00 (x/y)",
}


@dataclass(frozen=True)
class ProblemReport:
    """What the page shows of a file's problems: the first ``PROBLEMS_SHOWN`` as an HTML
    table, a note when there are more, the summary of repeated problems (if any) and the
    downloadable report of them all (CSV)."""

    listing: str
    more: str | None
    summary: str | None
    csv: bytes


@dataclass
class _Kept:
    """The checked upload of a session: its problem reports built so far, by language; the
    version it was first checked against (``basis``), the versions landed since with what
    it undoes of them (by the version in force they were read for), and the version the
    publish form was last drawn on (``shown``)."""

    token: tuple[str, str, str]
    upload: publishing.Checked
    basis: int
    reports: dict[Lang, ProblemReport] = field(default_factory=dict)
    landed: tuple[int, list[publishing.Landed]] = (0, [])
    shown: int | None = None


def checked(
    store: Store, data: bytes, name: str, areas: Areas, version: Version | None
) -> publishing.Checked:
    """The upload validated and compared with the version in force of the store's kind
    (measures, indicators or outcome series), kept for the session while the file stays
    chosen; compared again (not validated again) when another version comes in force."""
    token = (store.dataset.name, publishing.sha256(data), name)
    kept = st.session_state.get(CHECKED_KEY)
    if kept is None or kept.token != token:
        if store.dataset is OUTCOMES:
            upload = publishing.check_outcomes(store, data, name, areas)
        elif store.dataset is INDICATORS:
            upload = publishing.check_indicators(store, data, name, areas.places)
        else:
            upload = publishing.check(store, data, name, areas.places)
        kept = _Kept(token, upload, upload.against)
        st.session_state[CHECKED_KEY] = kept
    elif kept.upload.against != (version.number if version else 0):
        kept.upload = publishing.compare(store, kept.upload.loaded, data, name)
    return kept.upload


def _landed(store: Store, kept: _Kept, number: int) -> list[publishing.Landed]:
    """The versions published after ``kept``'s file was first checked, up to ``number``, each
    with what the file undoes of it; read once per version in force."""
    if kept.landed[0] != number:
        kept.landed = (number, publishing.landed(store, kept.basis, number, kept.upload.table))
    return kept.landed[1]


def landed(store: Store, version: Version | None, lang: Lang, areas: Areas) -> None:
    """When other versions were published after the file was first checked: each, and what
    publishing the file would undo of it (old → new as that version made it), above what
    publishing changes now."""
    kept = st.session_state.get(CHECKED_KEY)
    number = version.number if version else 0
    if kept is None or kept.basis == number:
        return
    base = store.table(kept.basis) if kept.basis else kept.upload.previous.iloc[0:0]
    for arrival in _landed(store, kept, number):
        who = escape_markdown(publishing.publisher(arrival.version, lang))
        n = arrival.version.number
        if arrival.reverted.empty:
            st.info(t("landed_keeps", lang, n=n, who=who))
            continue
        st.warning(t("landed_reverts", lang, n=n, who=who))
        table = _change_rows(
            kept.upload, arrival.reverted, base, kept.upload.previous, areas.places, areas, lang
        )
        st.dataframe(_tinted(table, lang), hide_index=True, width="stretch")
    st.caption(t("landed_caption", lang, basis=kept.basis, n=number))


def _change_rows(
    upload: publishing.Checked,
    result: Diff,
    old: pd.DataFrame,
    new: pd.DataFrame,
    places: Places,
    areas: Areas | None,
    lang: Lang,
) -> pd.DataFrame:
    """The rows of ``result`` (a diff of ``upload``'s kind from ``old`` to ``new``) as the
    page lists them: measures field by field, figures and outcome values by their keys
    (an outcome's area named when ``areas`` is given)."""
    if isinstance(upload.loaded, LoadedMeasures):
        return change_table(result, old, new, lang)
    if isinstance(upload.loaded, LoadedOutcomes) and areas is not None:
        return outcome_change_table(result, areas, lang)
    return indicator_change_table(result, places, lang)


# Streamlit words the file chooser in English only (streamlit#13500): its button and limit
# on the page, and the names screen readers read for its buttons ("Upload", "Remove x.csv",
# "Add files") and its file input ("file upload"). These rules show the page's words in place
# of the visible ones: the original text is hidden (and so left out of what a screen reader
# reads) and generated content takes its place. Not every assistive technology (nor axe)
# reads generated content, so a script names the buttons and the input with aria-label, now
# and whenever Streamlit draws or renames them.
# A file over the limit is refused in the browser, never sent: Streamlit marks its chip with
# an icon and says "File must be 20.0MB or smaller." only in a tooltip and to screen readers.
# The script puts the page's words in both, and a rule shows them under the chip.
_UPLOADER_CSS = """
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] > p {{
  display: none;
}}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {{
  content: {button};
}}
[data-testid="stFileUploaderDropzoneInstructions"] span {{
  visibility: hidden;
  font-size: 0;
}}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{
  visibility: visible;
  font-size: 14px;
  content: {limit};
}}
[data-testid="stFileChip"][aria-invalid="true"] {{
  flex-wrap: wrap;
}}
[data-testid="stFileChips"]:has([data-testid="stFileChip"][aria-invalid="true"]) {{
  max-height: none;
}}
[data-testid="stFileChip"][aria-invalid="true"] [role="alert"] {{
  position: static;
  clip: auto;
  clip-path: none;
  width: 100%;
  height: auto;
  margin: 0.25rem 0 0;
  overflow: visible;
  white-space: normal;
  font-size: 14px;
  color: #A4262C;
}}
"""
_UPLOADER_SCRIPT = """
(() => {{
  const words = {words};
  const label = (element, name) =>
    element && element.getAttribute("aria-label") !== name
      && element.setAttribute("aria-label", name);
  const zone = '[data-testid="stFileUploaderDropzone"] ';
  const relabel = () => {{
    document.querySelectorAll(zone + '[data-testid="stFileUploaderDropzoneInput"]')
      .forEach((input) => label(input, words.choose));
    document.querySelectorAll(zone + '[data-testid="stBaseButton-secondary"]')
      .forEach((button) => label(button, words.choose));
    document.querySelectorAll(zone + '[data-testid="stBaseButton-borderlessIcon"]')
      .forEach((button) => label(button, words.other));
    document.querySelectorAll(zone + '[data-testid="stFileChip"]').forEach((chip) => {{
      const file = chip.querySelector('[data-testid="stFileChipName"]')?.title ?? "";
      label(chip.querySelector('[data-testid="stFileChipDeleteBtn"] button'),
        words.remove.replace("{{name}}", file));
    }});
    // Streamlit's refusal of a file over the limit, in its chip and in the chip's tooltip.
    const tooLarge = /^(Error: )?File must be .* or smaller[.]$/;
    // Each text node's own data, so that React keeps the nodes it drew.
    const reword = (element) => {{
      const texts = [...element.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE);
      if (!tooLarge.test(texts.map((node) => node.data).join("").trim())) return;
      texts.forEach((node) => {{
        node.data = node.data.trim() === "Error:" ? words.error + " "
          : tooLarge.test(node.data.trim()) ? words.tooLarge : node.data;
      }});
    }};
    document.querySelectorAll(zone + '[data-testid="stFileChip"] [role="alert"]')
      .forEach(reword);
    document.querySelectorAll('[data-testid="stTooltipErrorContent"]').forEach(reword);
  }};
  window.safetymapUploaderLabels?.disconnect();
  window.safetymapUploaderLabels = new MutationObserver(relabel);
  window.safetymapUploaderLabels.observe(document.body, {{
    childList: true, subtree: true, attributes: true, attributeFilter: ["aria-label"],
  }});
  relabel();
}})();
"""


def _css_string(text: str) -> str:
    """``text`` as a double-quoted CSS string."""
    return '"' + "".join(c if c.isalnum() or c in " •,.-" else f"\\{ord(c):x} " for c in text) + '"'


def uploader_words(lang: Lang, limit_mb: int, types: list[str]) -> str:
    """Markup (a style and a script) that words the file chooser in ``lang``: its button and
    size limit on the page, the names of its buttons and input for screen readers. For
    ``st.html`` with JavaScript allowed; built from the app's own texts only."""
    button = t("uploader_button", lang)
    limit = t("uploader_limit", lang, mb=limit_mb, types=", ".join(x.upper() for x in types))
    rules = _UPLOADER_CSS.format(button=_css_string(button), limit=_css_string(limit))
    words = {
        "choose": button,
        "other": t("uploader_other", lang),
        "remove": template("uploader_remove", lang),
        "error": t("uploader_error", lang),
        "tooLarge": t("uploader_too_large", lang, mb=limit_mb),
    }
    script = _UPLOADER_SCRIPT.format(words=json.dumps(words).replace("<", "\\u003c"))
    return f"<style>{rules}</style><script>{script}</script>"


def kind(lang: Lang) -> str:
    """What the analyst uploads: measures (default), indicators or outcome series."""
    return st.radio(
        t("upload_kind", lang),
        KINDS,
        format_func=lambda k: t(f"upload_kind_{k}", lang),
        horizontal=True,
        key="upload-kind",
    )


# A delimiter's sign (the figure, short enough for a quarter of a narrow page) and name.
DELIMITERS = {
    ",": (",", "komma", "comma"),
    ";": (";", "semikolon", "semicolon"),
    "\t": ("⇥", "tabb", "tab"),
}


def _delimiter(delimiter: str | None, lang: Lang) -> tuple[str, str]:
    """The delimiter's sign and, for the label, its name in ``lang``."""
    sign, sv, en = DELIMITERS.get(delimiter or "", ("?", "okänd", "unknown"))
    return sign, sv if lang == "sv" else en


def detected(report: Report, lang: Lang, coordinates: bool = True) -> None:
    """Encoding, delimiter, rows and (for measures) coordinate systems, as the reader found
    them."""
    st.subheader(t("detected_heading", lang))
    encoding, delimiter, rows, crs = st.columns(4)
    encoding.metric(t("detected_encoding", lang), report.encoding or "?")
    sign, name = _delimiter(report.delimiter, lang)
    delimiter.metric(t("detected_delimiter", lang, name=name), sign)
    rows.metric(t("detected_rows", lang), report.rows)
    if not coordinates:
        return
    systems = [
        t("crs_rows", lang, crs=CRS_LABELS.get(name, name) or t("crs_none", lang), n=n)
        for name, n in sorted(report.coordinates.items(), key=lambda item: -item[1])
    ]
    crs.markdown(f"**{t('detected_crs', lang)}**  \n" + "  \n".join(systems or ["–"]))


def problem_table(report: Report, lang: Lang) -> pd.DataFrame:
    """Every problem as a row: row, kind, column (as the file names it), value, the
    suggested value and message, in ``lang``."""
    problems = report.sorted_problems()
    return pd.DataFrame(
        {
            t("problem_row", lang): [p.row for p in problems],
            t("problem_severity", lang): [severity(p.severity, lang) for p in problems],
            t("problem_column", lang): [p.column_label() or "" for p in problems],
            t("problem_value", lang): [p.value or "" for p in problems],
            t("problem_suggestion", lang): [
                p.suggestion.say(lang) if p.suggestion else "" for p in problems
            ],
            t("problem_message", lang): [p.message(lang) for p in problems],
        }
    )


def problem_summary(report: Report, lang: Lang) -> str | None:
    """When one problem is on several rows: an HTML table with a line per problem, how many
    rows have it and which. None when every problem is on one row, or when there are more
    than ``SUMMARY_MOST`` kinds (then only the row-by-row list is shown)."""
    groups = grouped(report, lang)
    if len(groups) == len(report.problems) or len(groups) > SUMMARY_MOST:
        return None
    frame = pd.DataFrame(
        {
            t("problem_column", lang): [g.column or "" for g in groups],
            t("problem_severity", lang): [severity(g.severity, lang) for g in groups],
            t("problem_message", lang): [g.message for g in groups],
            t("problem_count", lang): [len(g.rows) for g in groups],
            t("problem_rows", lang): [row_ranges(g.rows) for g in groups],
        }
    )
    return html_table(frame, t("problems_by_kind", lang))


def problem_list(table: pd.DataFrame, name: str, lang: Lang) -> tuple[str, str | None]:
    """The first ``PROBLEMS_SHOWN`` rows of ``problem_table`` as an HTML table whose
    messages wrap (every one readable in full), and a note when there are more."""
    markup = html_table(table.head(PROBLEMS_SHOWN), t("problems_caption", lang, name=name))
    if len(table) <= PROBLEMS_SHOWN:
        return markup, None
    return markup, t("problems_more", lang, shown=PROBLEMS_SHOWN, total=len(table))


def problem_report(report: Report, name: str, lang: Lang) -> ProblemReport:
    """The ``ProblemReport`` of ``report`` (of the file ``name``) in ``lang``.

    Built once for the session's checked upload and kept with it, so that a rerun of the page
    (a sign-in, a choice of language) does not format and sort every problem again."""
    kept = st.session_state.get(CHECKED_KEY)
    reports = kept.reports if kept is not None and kept.upload.loaded.report is report else {}
    if lang not in reports:
        table = problem_table(report, lang)
        listing, more = problem_list(table, name, lang)
        summary = problem_summary(report, lang)
        reports[lang] = ProblemReport(listing, more, summary, export.table_csv(table))
    return reports[lang]


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
    shown = problem_report(report, name, lang)
    if shown.summary:
        st.markdown(f"**{t('problems_by_kind', lang)}**")
        st.html(shown.summary)
        st.markdown(f"**{t('problems_by_row', lang)}**")
    st.html(shown.listing)
    if shown.more:
        st.caption(shown.more)
    st.download_button(
        t("download_report", lang),
        shown.csv,
        f"{name.rsplit('.', 1)[0]}-rapport.csv",
        "text/csv",
        on_click="ignore",
        icon=":material/download:",
    )


LISTED_CHANGES = 500  # rows of a diff listed on the page; all of them in its download

# How each kind of change is marked in the change tables: its sign and tint, as the preview
# map marks it (``mapdata.CHANGE_MARKS``).
CHANGE_MARKS = {f"change_{kind}": (m.sign, m.tint) for kind, m in mapdata.CHANGE_MARKS.items()}


def _changes(diff: Diff) -> list[tuple[str, str]]:
    return (
        [(key, "change_added") for key in diff.added]
        + [(key, "change_changed") for key in diff.changed]
        + [(key, "change_removed") for key in diff.removed]
    )


def _change_column(kinds: list[str], lang: Lang) -> list[str]:
    return [f"{CHANGE_MARKS[kind][0]} {t(kind, lang)}" for kind in kinds]


def change_table(diff: Diff, old: pd.DataFrame, new: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """One row per added, changed or removed measure; a changed one with each changed field
    as old → new."""
    titles = {**dict(zip(old[ID], old[TITLE])), **dict(zip(new[ID], new[TITLE]))}
    rows = _changes(diff)
    return pd.DataFrame(
        {
            t("diff_change_col", lang): _change_column([kind for _, kind in rows], lang),
            "id": [key for key, _ in rows],
            t("title", lang): [titles.get(key, "") for key, _ in rows],
            t("diff_fields_col", lang): [field_changes(diff, key, lang) for key, _ in rows],
        }
    )


def indicator_change_table(diff: Diff, places: Places, lang: Lang) -> pd.DataFrame:
    """One row per added, changed or removed indicator figure, named by place, indicator and
    period (what tells the figures apart); a changed one with old → new."""
    rows = _changes(diff)
    keys = [key.split(KEY_SEPARATOR) for key, _ in rows]
    return pd.DataFrame(
        {
            t("diff_change_col", lang): _change_column([kind for _, kind in rows], lang),
            t("place_col", lang): [
                places.by_id[p].name if p in places.by_id else p for p, _, _ in keys
            ],
            t("indicator_col", lang): [indicators().label(i, lang) for _, i, _ in keys],
            t("period_col", lang): [
                parse_partial_date(d).label(lang) if d else t("period_not_given", lang)
                for _, _, d in keys
            ],
            t("diff_fields_col", lang): [field_changes(diff, key, lang) for key, _ in rows],
        }
    )


def outcome_change_table(diff: Diff, areas: Areas, lang: Lang) -> pd.DataFrame:
    """One row per added, changed or removed value of a series, named by area, indicator and
    period (what tells the values apart); a changed one with old → new."""
    rows = _changes(diff)
    keys = [key.split(KEY_SEPARATOR) for key, _ in rows]
    return pd.DataFrame(
        {
            t("diff_change_col", lang): _change_column([kind for _, kind in rows], lang),
            t("area_col", lang): [
                areas.by_id[a].label(lang) if a in areas.by_id else a for a, _, _ in keys
            ],
            t("indicator_col", lang): [indicators().label(i, lang) for _, i, _ in keys],
            t("period_col", lang): [_period_words(p, lang) for _, _, p in keys],
            t("diff_fields_col", lang): [field_changes(diff, key, lang) for key, _ in rows],
        }
    )


def _period_words(text: str, lang: Lang) -> str:
    try:
        return parse_period(text).label(lang)
    except ValueError:
        return text


def _tinted(table: pd.DataFrame, lang: Lang) -> Styler:
    """``table`` with each row tinted by its kind of change (its first column)."""
    tints = {f"{sign} {t(kind, lang)}": tint for kind, (sign, tint) in CHANGE_MARKS.items()}
    return table.style.apply(
        lambda row: [f"background-color: {tints[row.iloc[0]]}"] * len(row), axis=1
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
    upload: publishing.Checked,
    version: Version | None,
    places: Places,
    lang: Lang,
    areas: Areas | None = None,
) -> None:
    """What publishing would change: counts, the changed rows and (measures) the status
    changes. ``areas`` names the areas of an outcomes file's changes."""
    result, measures = upload.diff, isinstance(upload.loaded, LoadedMeasures)
    heading = (
        t("diff_heading", lang, n=version.number) if version else t("diff_heading_first", lang)
    )
    st.subheader(heading)
    columns = st.columns(4 if measures else 3)
    columns[0].metric(t("diff_added", lang), len(result.added))
    columns[1].metric(t("diff_removed", lang), len(result.removed))
    columns[2].metric(t("diff_changed", lang), len(result.changed))
    if measures:
        columns[3].metric(t("diff_status", lang), len(result.events))
    if upload.loaded.report.errors:
        st.caption(t("diff_errors_left_out", lang))
    if result.empty:
        st.info(t("diff_none", lang))
        return
    table = _change_rows(upload, result, upload.previous, upload.table, places, areas, lang)
    # Each tinted row costs the page (a Styler's cell styles): a long list shows its first
    # rows, and the whole list is a download.
    st.dataframe(_tinted(table.head(LISTED_CHANGES), lang), hide_index=True, width="stretch")
    legend = " · ".join(f"{sign} {t(kind, lang)}" for kind, (sign, _) in CHANGE_MARKS.items())
    st.caption(escape_markdown(legend))  # "+ …" would start a Markdown list
    if len(table) > LISTED_CHANGES:
        st.caption(t("diff_listed_first", lang, shown=LISTED_CHANGES, total=len(table)))
        st.download_button(
            t("diff_download", lang),
            lambda: export.table_csv(table),  # made only when pressed
            "ändringar.csv" if lang == "sv" else "changes.csv",
            "text/csv",
            on_click="ignore",
            icon=":material/download:",
        )
    if result.events:
        st.markdown(f"**{t('diff_status', lang)}**")
        st.dataframe(event_table(result.events, lang), hide_index=True, width="stretch")


def file_report(
    ctx: PageContext,
    store: Store,
    file: UploadedFile | None,
    version: Version | None,
    kind: str,
    lang: Lang,
) -> publishing.Checked | None:
    """Everything the chosen ``file`` decides: what was found, the problems, the changes
    against ``version``, a preview and whether it can be published. The checked upload, or
    None when no file is chosen or it cannot be read."""
    if file is None:
        if version is None:
            st.info(t("upload_none_empty", lang))
        else:
            st.info(t("upload_none", lang, n=version.number))
        return None
    areas = cache.areas(str(ctx.settings.places_path), str(ctx.settings.areas_path))
    upload = checked(store, file.getvalue(), file.name, areas, version)
    report = upload.loaded.report
    if not upload.loaded.readable:
        message = escape_markdown(report.errors[0].message(lang))
        st.error(t("unreadable_upload", lang, name=escape_markdown(file.name), message=message))
        return None
    detected(report, lang, coordinates=kind == "measures")
    problems(report, file.name, lang)
    if report.lacks_columns:  # no row was read: nothing to compare or preview
        publish_status(upload, lang)
        return upload
    landed(store, version, lang, areas)
    diff(upload, version, ctx.places, lang, areas)
    if kind == "indicators" and not upload.loaded.table.empty:
        heading = t("preview_indicators", lang)
        st.subheader(heading)
        st.html(html_table(briefing.outcomes(upload.loaded.table, lang), heading))
    elif kind == "outcomes" and not upload.loaded.table.empty:
        heading = t("preview_outcomes", lang)
        st.subheader(heading)
        st.html(html_table(series_summary(upload.loaded.table, areas, lang), heading))
    elif kind == "measures" and not upload.loaded.measures.empty:
        preview_map(ctx, upload, lang)
    publish_status(upload, lang)
    return upload


def preview_map(ctx: PageContext, upload: publishing.Checked, lang: Lang) -> None:
    """The file's rows on the map, each added, changed or removed row marked (a removed one
    drawn as the version in force has it), framing the places it changes; the same marks
    and counts in words under the map."""
    st.subheader(t("preview_heading", lang))
    rows = mapdata.preview_rows(upload.loaded.measures, ctx.loaded.measures, upload.diff)
    mapview.preview(ctx, rows, key="upload-preview", framing=mapdata.changed_places(rows))
    counts = mapdata.change_counts(rows)
    if counts:
        marks = " · ".join(
            f"{mapdata.CHANGE_MARKS[kind].sign} {t(f'change_{kind}', lang)} ({n})"
            for kind, n in counts.items()
        )
        note = f". {t('changes_removed_note', lang)}" if "removed" in counts else "."
        st.caption(escape_markdown(marks + note))


def publish_status(upload: publishing.Checked, lang: Lang) -> None:
    """The publishing heading, and why the file cannot be published if it cannot."""
    st.subheader(t("publish_heading", lang))
    if not upload.loaded.report.ok:
        st.error(t("publish_blocked", lang))
    elif upload.table.empty:
        st.error(t("publish_empty", lang))


def publish(
    store: Store,
    upload: publishing.Checked,
    version: Version | None,
    who: auth.Analyst | None,
    lang: Lang,
) -> bool:
    """Under the sign-in: the note and the publish button, for a signed-in analyst and a
    file without errors.

    True when the file was just published (the page then starts over)."""
    if who is None or not upload.publishable:
        if upload.publishable and auth.config().mode != "disabled":
            st.info(t("needs_analyst", lang))
        return False
    number = version.number if version else 0
    kept = st.session_state[CHECKED_KEY]
    # The version the analyst saw the file compared with when pressing the button.
    seen, kept.shown = kept.shown, number
    undone = [a.version.number for a in _landed(store, kept, number) if not a.reverted.empty]
    with st.form("publish"):
        st.caption(t("published_by", lang, name=escape_markdown(who.name)))
        note = st.text_area(t("publish_note", lang), max_chars=2000)
        confirmed = not undone or st.checkbox(
            t("landed_confirm", lang, n=", ".join(map(str, undone))), key=f"revert-{number}"
        )
        # Keyed, so that a press counts when another version has changed its label.
        go = st.form_submit_button(
            t("publish_button", lang, n=number + 1), type="primary", key="publish-go"
        )
    if not go:
        return False
    if seen != number:
        # Another version came in force after the page showed what the file changes.
        _superseded(version, lang)
        return False
    if not confirmed:
        st.warning(t("landed_unconfirmed", lang, n=", ".join(map(str, undone))))
        return False
    try:
        published = publishing.publish(
            store, upload, by=who.name, note=note.strip(), on_top_of=number
        )
    except Superseded as error:  # in the moment between this run's start and the publish
        kept.shown = None
        _superseded(error.current, lang)
        return False
    st.session_state.pop(CHECKED_KEY, None)
    st.session_state[PUBLISHED_KEY] = (store.dataset.name, published.version.number)
    return True


def _superseded(version: Version | None, lang: Lang) -> None:
    """Nothing was published: ``version`` came in force after the page showed the file's
    changes."""
    number = version.number if version else 0
    who = escape_markdown(publishing.publisher(version, lang)) if version else "–"
    st.warning(t("publish_superseded", lang, n=number, who=who))
