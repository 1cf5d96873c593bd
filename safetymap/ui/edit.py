"""The parts of the edit page: choose a measure (or a new one), its form, the check and diff
of the version it makes, and publishing it.

The form's fields become one row (``editing.Edit``); the version in force's table with that
row changed, added or dropped goes through ``publishing.check`` as an uploaded file does, and
its problems and changes are shown with the upload page's own parts."""

from __future__ import annotations

from collections.abc import Callable

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from safetymap.contract.i18n import escape_markdown, t
from safetymap.contract.problems import Lang
from safetymap.contract.schema import (
    ACTORS,
    COST_SEK,
    DESCRIPTION,
    END_DATE,
    ID,
    KIND,
    LAT,
    LON,
    MEASURE_TYPE,
    PLACE,
    SOURCE,
    SOURCE_QUOTE,
    START_DATE,
    STATUS,
    STATUS_DATE,
    TITLE,
)
from safetymap.contract.table import EXPORT_COLUMNS
from safetymap.contract.vocab import kinds, measure_types, statuses
from safetymap.intake.actors import actor_table
from safetymap.intake.places import Places
from safetymap.present import mapping
from safetymap.ui import auth, cache
from safetymap.ui import upload as upload_ui
from safetymap.ui.context import PageContext
from safetymap.versions import editing, publishing
from safetymap.versions.changes import field_changes
from safetymap.versions.editing import Edit, PointError, PointSystem
from safetymap.versions.store import Store, Superseded, Version

ACTIONS = ("change", "add", "remove")
PUBLISHED_KEY = "_edit_published"  # the version just published, announced after the rerun
ROUND_KEY = "_edit_round"  # a new round after publishing: every field starts over
CHECKED_KEY = "_edit_checked"
TABLE_KEY = "_edit_table"
SUGGESTED_KEY = "_edit_suggested"
PICK_MAP_HEIGHT = 380
BASE_KEY = "_edit_base"  # the version (and round) the form was last drawn on


def _round() -> int:
    return st.session_state.get(ROUND_KEY, 0)


def table(store: Store, version: Version) -> pd.DataFrame:
    """The version in force as a contract table, read once per version for the session."""
    kept = st.session_state.get(TABLE_KEY)
    if kept is None or kept[0] != version.number:
        kept = (version.number, store.table(version.number))
        st.session_state[TABLE_KEY] = kept
    return kept[1]


def base(version: Version, lang: Lang) -> None:
    """The form is drawn on the version in force, its fields keyed by its number: when
    another version has landed since the last run, the fields start over from it (fields
    kept from the older row would undo that version's changes to it), and the page says so."""
    previous = st.session_state.get(BASE_KEY)
    st.session_state[BASE_KEY] = (version.number, _round())
    if previous is not None and previous[1] == _round() and previous[0] != version.number:
        who = escape_markdown(publishing.publisher(version, lang))
        st.warning(t("edit_rebased", lang, n=version.number, who=who))


def action(lang: Lang) -> str:
    """Change, add or remove a measure."""
    return st.radio(
        t("edit_action", lang),
        ACTIONS,
        format_func=lambda a: t(f"edit_action_{a}", lang),
        horizontal=True,
        key=f"edit-action-{_round()}",
        label_visibility="collapsed",  # the step's heading asks the same
    )


def choose(rows: pd.DataFrame, places: Places, lang: Lang) -> str | None:
    """The measure to change or remove, chosen by its title, place and id."""
    names = {p.id: p.name for p in places.by_id.values()}
    labels = {
        i: f"{title} · {names.get(place, place)} · {i}"
        for i, title, place in zip(rows[ID], rows[TITLE], rows[PLACE])
    }
    return st.selectbox(
        t("edit_choose", lang),
        list(labels),
        index=None,
        format_func=labels.__getitem__,  # plain text: a select's labels are not Markdown
        placeholder=t("edit_choose_placeholder", lang),
        key=f"edit-choose-{_round()}",
    )


def _init(key: str, value: str) -> str:
    """A field's key, its value set on first draw (fields whose value the page also sets
    are given it through the session, never as a default)."""
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def _select(
    label: str, options: list[str], current: str, key: str, format_func: Callable[[str], str]
) -> str | None:
    return st.selectbox(
        label,
        options,
        index=options.index(current) if current in options else None,
        format_func=format_func,  # plain text: a select's labels are not Markdown
        placeholder="–",
        key=key,
    )


def form(
    rows: pd.DataFrame,
    row: dict[str, str],
    version: Version,
    ctx: PageContext,
    lang: Lang,
    prefix: str,
) -> dict[str, str] | None:
    """The fields of ``row`` (a measure of ``version``, or an empty one to add), as the
    analyst leaves them: a new row; None (with the reason shown) when the point cannot be
    read."""
    key = f"edit-{_round()}-v{version.number}-{prefix}"
    names = {p.id: p.name for p in ctx.places.by_id.values()}
    new: dict[str, str] = dict(row)
    title_col, place_col, id_col = st.columns([3, 2, 2])
    new[TITLE] = title_col.text_input(
        t("title", lang), value=row[TITLE], max_chars=200, key=f"{key}-title"
    )
    with place_col:
        new[PLACE] = (
            _select(t("place_col", lang), list(names), row[PLACE], f"{key}-place", names.get) or ""
        )
    if prefix == "new":
        id_key = f"{key}-id"
        suggested = (
            editing.suggest_id(new[PLACE], new[TITLE], rows[ID])
            if new[PLACE] or new[TITLE].strip()
            else ""
        )
        previous = st.session_state.get(SUGGESTED_KEY)
        if st.session_state.get(id_key, "") in ("", previous):
            st.session_state[id_key] = suggested
        st.session_state[SUGGESTED_KEY] = suggested
        new[ID] = id_col.text_input(
            t("edit_id", lang), max_chars=64, key=id_key, help=t("edit_id_help", lang)
        )
    else:
        new[ID] = id_col.text_input(
            t("edit_id", lang),
            value=row[ID],
            max_chars=64,
            key=f"{key}-id",
            help=t("edit_id_change_help", lang),
        )
    kind_col, type_col = st.columns([1, 3])
    with kind_col:
        new[KIND] = (
            _select(
                t("kind", lang),
                kinds().ids(),
                row[KIND] or "measure",
                f"{key}-kind",
                lambda k: kinds().label(k, lang),
            )
            or "measure"
        )
    with type_col:
        new[MEASURE_TYPE] = (
            _select(
                t("edit_type", lang),
                measure_types().ids(new[KIND]),
                row[MEASURE_TYPE],
                f"{key}-type-{new[KIND]}",
                lambda m: measure_types().label(m, lang),
            )
            or ""
        )
    new[ACTORS] = _actors(row, key, lang)
    status_col, status_date_col, start_col, end_col = st.columns(4)
    with status_col:
        new[STATUS] = (
            _select(
                t("status", lang),
                statuses().ids(new[KIND]),
                row[STATUS],
                f"{key}-status-{new[KIND]}",
                lambda s: statuses().label(s, lang),
            )
            or ""
        )
    dates = (
        (status_date_col, STATUS_DATE, "edit_status_date"),
        (start_col, START_DATE, "edit_start_date"),
        (end_col, END_DATE, "edit_end_date"),
    )
    for column, name, label in dates:
        new[name] = column.text_input(
            t(label, lang),
            value=row[name],
            placeholder=t("edit_date_placeholder", lang),
            help=t(f"{label}_help", lang),
            key=f"{key}-{name}",
        )
    if prefix != "new" and new[STATUS] != row[STATUS] and new[STATUS_DATE] == row[STATUS_DATE]:
        st.warning(
            t("edit_status_date_same", lang, date=escape_markdown(row[STATUS_DATE]))
            if row[STATUS_DATE]
            else t("edit_status_date_today", lang)
        )
    new[DESCRIPTION] = st.text_area(
        t("description", lang), value=row[DESCRIPTION], max_chars=2000, key=f"{key}-description"
    )
    try:
        new.update(_point(row, new[PLACE], key, ctx, lang))
    except PointError as error:
        st.error(t(f"edit_point_{error.code}", lang, value=escape_markdown(error.value)))
        return None
    source_col, cost_col = st.columns([3, 1])
    new[SOURCE] = source_col.text_input(t("source", lang), value=row[SOURCE], key=f"{key}-source")
    new[COST_SEK] = cost_col.text_input(
        t("edit_cost", lang), value=row[COST_SEK], key=f"{key}-cost"
    )
    new[SOURCE_QUOTE] = st.text_area(
        t("edit_quote", lang), value=row[SOURCE_QUOTE], key=f"{key}-quote", height=80
    )
    return new


def _actors(row: dict[str, str], key: str, lang: Lang) -> str:
    """The actors as free text separated by ``|``, and the known actors offered beside it:
    choosing one adds it to the text."""
    text_key = _init(f"{key}-actors", row[ACTORS])
    pick_key = f"{key}-actor-pick"

    def add() -> None:
        picked = st.session_state.get(pick_key)
        if picked:
            st.session_state[text_key] = editing.add_actor(st.session_state[text_key], picked)
            st.session_state[pick_key] = None

    text_col, pick_col = st.columns([3, 2])
    text = text_col.text_input(t("actors", lang), key=text_key, help=t("edit_actors_help", lang))
    known = sorted({actor.name for actor in actor_table().actors.values()}, key=str.casefold)
    pick_col.selectbox(
        t("edit_actor_pick", lang),
        known,
        index=None,
        placeholder=t("edit_actor_pick_placeholder", lang),
        key=pick_key,
        on_change=add,
    )
    return text


def _point(
    row: dict[str, str], place: str, key: str, ctx: PageContext, lang: Lang
) -> dict[str, str]:
    """The row's point: none, typed in WGS84 or SWEREF 99 TM (or picked on a map of its
    place), or its line or area kept."""
    systems = [PointSystem.NONE, PointSystem.WGS84, PointSystem.SWEREF]
    if editing.point_system(row) is PointSystem.KEEP:
        systems.insert(0, PointSystem.KEEP)
    radio_key = f"{key}-point"
    if picked := st.session_state.pop(f"{key}-picked", None):
        # A click on the map below, on the run before: its point in WGS84.
        st.session_state[radio_key] = PointSystem.WGS84
        st.session_state[f"{key}-wgs84-first"], st.session_state[f"{key}-wgs84-second"] = picked
    system = st.radio(
        t("edit_point", lang),
        systems,
        index=systems.index(editing.point_system(row)),
        format_func=lambda s: t(f"edit_point_{s.value}", lang),
        horizontal=True,
        key=radio_key,
        help=t("edit_point_help", lang),
    )
    first = second = ""
    if system in (PointSystem.WGS84, PointSystem.SWEREF):
        wgs84 = system is PointSystem.WGS84
        first_col, second_col = st.columns(2)
        first = first_col.text_input(
            t("edit_lat" if wgs84 else "edit_x", lang),
            key=_init(f"{key}-{system.value}-first", row[LAT] if wgs84 else ""),
        )
        second = second_col.text_input(
            t("edit_lon" if wgs84 else "edit_y", lang),
            key=_init(f"{key}-{system.value}-second", row[LON] if wgs84 else ""),
        )
    if system is not PointSystem.KEEP and st.toggle(
        t("edit_pick_on_map", lang), key=f"{key}-pick-map"
    ):
        try:
            shown = editing.point_columns(system, first, second, kept=row)
        except PointError:
            shown = {}
        _pick_on_map(ctx, place, shown, key, lang)
    return editing.point_columns(system, first, second, kept=row)


@st.fragment
def _pick_on_map(ctx: PageContext, place: str, shown: dict[str, str], key: str, lang: Lang) -> None:
    """A small map of the place (local geodata, as the other maps draw it) with the point so
    far; a click on it puts its point into the WGS84 fields (on a new run of the page).

    A fragment: streamlit-folium reports the map again once it has drawn (after the click's
    run, with its point), and that report reruns only the map. As a run of the whole page,
    it came while the analyst was signing in below, and could take the sign-in's submission
    with it."""
    marker = folium.FeatureGroup(name=t("edit_point", lang))
    if shown.get(LAT) and shown.get(LON):
        folium.CircleMarker(
            (float(shown[LAT]), float(shown[LON])),
            radius=9,
            color="#D55E00",
            weight=3,
            fill=True,
            fill_opacity=0.4,
        ).add_to(marker)
    reported = st_folium(
        mapping.base_map(
            ctx.places,
            cache.context(str(ctx.settings.context_path)),
            lang,
            ctx.settings.tiles,
            mapping.view_for(ctx.places, (place,) if place else ()),
        ),
        height=PICK_MAP_HEIGHT,
        use_container_width=True,
        returned_objects=["last_clicked"],
        key=f"{key}-map",
        feature_group_to_add=marker,
        render=False,
    )
    st.caption(t("edit_pick_caption", lang))
    clicked = (reported or {}).get("last_clicked")
    if isinstance(clicked, dict) and clicked != st.session_state.get(f"{key}-clicked"):
        st.session_state[f"{key}-clicked"] = clicked
        lat, lon = float(clicked["lat"]), float(clicked["lng"])
        st.session_state[f"{key}-picked"] = (f"{lat:.6f}", f"{lon:.6f}")
        st.rerun(scope="app")  # the fields above are outside the fragment


def edited(row: dict[str, str], new: dict[str, str], added: bool) -> bool:
    """Whether the form holds an edit worth checking: a field changed (for a new measure,
    one the analyst filled in: its id is only suggested)."""
    return any(c != ID or not added for c in editing.changed_columns(row, new))


def empty_row(place: str) -> dict[str, str]:
    """A new measure's row before it is filled in: its place (the one the view is on, if
    any), a planned measure."""
    return {c: "" for c in EXPORT_COLUMNS} | {
        PLACE: place,
        KIND: "measure",
        STATUS: "planned",
    }


def checked(
    store: Store, rows: pd.DataFrame, edit: Edit, version: Version, places: Places
) -> publishing.Checked:
    """The version ``edit`` makes of ``rows`` (the version in force), checked and compared as
    an uploaded file; kept for the session while neither the edit nor the version changes."""
    data = editing.table_bytes(editing.apply_edit(rows, edit))
    token = (version.number, publishing.sha256(data))
    kept = st.session_state.get(CHECKED_KEY)
    if kept is None or kept[0] != token:
        kept = (token, publishing.check(store, data, editing.FILE_NAME, places))
        st.session_state[CHECKED_KEY] = kept
    return kept[1]


def report(
    upload: publishing.Checked, line: int | None, version: Version, places: Places, lang: Lang
) -> None:
    """The problems (as for a file: every error, the warnings of the edited row on ``line``)
    and what publishing would change (old → new)."""
    problems = editing.edit_report(upload.loaded.report, line)
    upload_ui.problems(problems, editing.FILE_NAME, lang)
    upload_ui.diff(upload, version, places, lang)
    for key in upload.diff.changed:
        # The one change in a line that wraps, for a narrow screen where the table scrolls.
        st.markdown(
            f"**{escape_markdown(key)}:** {escape_markdown(field_changes(upload.diff, key, lang))}"
        )


def publish(
    store: Store,
    upload: publishing.Checked,
    version: Version,
    who: auth.Analyst | None,
    lang: Lang,
) -> bool:
    """The note and the publish button, for a signed-in analyst and an edit without errors
    that changes something. True when it was just published (the page starts over)."""
    if who is None or not upload.publishable or upload.diff.empty:
        if upload.publishable and not upload.diff.empty and auth.config().mode != "disabled":
            st.info(t("needs_analyst", lang))
        return False
    next_number = version.number + 1
    with st.form(f"edit-publish-{version.number}"):
        st.caption(t("published_by", lang, name=escape_markdown(who.name)))
        note = st.text_area(t("publish_note", lang), max_chars=2000)
        go = st.form_submit_button(t("publish_button", lang, n=next_number), type="primary")
    if not go:
        return False
    try:
        # Only on top of the version the edit was made on: a whole table built on an older
        # one would undo the changes of the versions after it.
        published = publishing.publish(
            store, upload, by=who.name, note=note.strip(), on_top_of=version.number
        )
    except Superseded as error:
        now = error.current
        who_then = escape_markdown(publishing.publisher(now, lang)) if now else "–"
        st.warning(t("edit_stale", lang, n=now.number if now else 0, who=who_then))
        return False
    for key in (CHECKED_KEY, SUGGESTED_KEY):
        st.session_state.pop(key, None)
    st.session_state[ROUND_KEY] = _round() + 1
    st.session_state[PUBLISHED_KEY] = published.version.number
    return True
