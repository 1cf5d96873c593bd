"""What a new version changes, in words: each changed field as old → new, in the page's
language, for the upload page, a rollback's preview and ``publish --dry-run``; and what a
file undoes of a version that landed while it was worked on (``landed_lines``).

Pure: a ``diff.Diff`` in, text out. Vocabulary cells (kind, type, status, place, indicator)
read as their labels, an empty cell as "–", a long text shortened to its first words.
"""

from __future__ import annotations

from safetymap.contract.i18n import t
from safetymap.contract.problems import Lang
from safetymap.contract.schema import COLUMNS, KIND, MEASURE_TYPE, STATUS
from safetymap.contract.vocab import indicators, kinds, measure_types, statuses
from safetymap.intake.indicators import INDICATOR, INDICATOR_CONTRACT
from safetymap.versions.diff import Diff

LONGEST = 60  # characters of a changed text shown on each side of the arrow
_ALIASES = {spec.name: spec.aliases for spec in (*INDICATOR_CONTRACT.columns, *COLUMNS)}
_VOCABULARIES = {
    KIND: kinds,
    MEASURE_TYPE: measure_types,
    STATUS: statuses,
    INDICATOR: indicators,
}


def column_label(column: str, lang: Lang) -> str:
    """A contract column as a person names it: its Swedish header (``statusdatum`` →
    "Statusdatum") or, in English, its name in words ("Status date")."""
    aliases = _ALIASES.get(column, ())
    words = aliases[0] if lang == "sv" and aliases else column.replace("_", " ")
    return words[:1].upper() + words[1:]


def value_text(column: str, value: str, lang: Lang) -> str:
    """One cell as it reads in a change: a label for a vocabulary id, "–" for nothing."""
    if not value:
        return "–"
    if column in _VOCABULARIES:
        return _VOCABULARIES[column]().label(value, lang)
    return value if len(value) <= LONGEST else value[: LONGEST - 1].rstrip() + "…"


def field_changes(diff: Diff, key: str, lang: Lang) -> str:
    """The changed fields of the row ``key``: "Status: planerad → pågående; …"."""
    return "; ".join(
        f"{column_label(column, lang)}: {value_text(column, old, lang)} → "
        f"{value_text(column, new, lang)}"
        for column, (old, new) in diff.values.get(key, {}).items()
    )


def change_lines(diff: Diff, lang: Lang) -> list[str]:
    """Every added, removed and changed row as a line of text, changed rows with old → new
    for each field (the command line's ``publish --dry-run``)."""
    return (
        [f"+ {key} ({t('change_added', lang)})" for key in diff.added]
        + [f"- {key} ({t('change_removed', lang)})" for key in diff.removed]
        + [f"~ {key}: {field_changes(diff, key, lang)}" for key in diff.changed]
    )


def landed_lines(number: int, who: str, reverted: Diff, lang: Lang) -> list[str]:
    """Version ``number`` (published by ``who``) landed after a file was checked; what the
    file undoes of it (``landed.reverted``): "Version 2 av Bo publicerades medan du
    arbetade; din fil återställer dessa ändringar:" and a line per change (as
    ``change_lines``), or one line saying it undoes none."""
    if reverted.empty:
        return [t("landed_keeps", lang, n=number, who=who)]
    return [t("landed_reverts", lang, n=number, who=who), *change_lines(reverted, lang)]
