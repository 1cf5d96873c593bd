"""Counts as an HTML table with a proportional bar per row: the overview's figures, side
by side in one block of markup (one page element, not six: each costs the browser a render
on a first visit).

Plain markup instead of a chart library: the numbers are text (read by screen readers and
copied like any table), the page needs no chart code, and every label is HTML-escaped.
Pure: no Streamlit.
"""

from __future__ import annotations

import html

import pandas as pd

from safetymap.present.htmltable import VISUALLY_HIDDEN

DEFAULT_COLOUR = "#1F3A5F"
STYLE = (
    "<style>"
    ".safetymap-bars{border-collapse:collapse;width:100%;font-size:0.9rem}"
    f".safetymap-bars caption{{{VISUALLY_HIDDEN}}}"
    ".safetymap-bars th{font-weight:400;text-align:right;padding:2px 8px 2px 0;"
    "white-space:nowrap;width:1%;color:#1A1A1A}"
    ".safetymap-bars td{padding:2px 0;white-space:nowrap}"
    ".safetymap-bars .bar{display:inline-block;height:14px;border-radius:2px;"
    "vertical-align:middle;margin-right:6px}"
    ".safetymap-panels{display:flex;flex-wrap:wrap;gap:0.75rem 2rem}"
    ".safetymap-panels section{flex:1 1 auto;min-width:14rem}"
    ".safetymap-panels .safetymap-bars caption{position:static;width:auto;height:auto;"
    "overflow:visible;clip:auto;text-align:left;font-weight:600;font-size:1rem;"
    "color:#1A1A1A;padding-bottom:0.25rem}"
    "</style>"
)

Panel = tuple[str, pd.DataFrame, dict[str, str] | None]  # title, counts, colours


def count_bars(counts: pd.DataFrame, caption: str, colours: dict[str, str] | None = None) -> str:
    """``counts`` (id, label, count) as a table: label, bar as long as the count, number.

    The longest bar leaves room for its number on the same line, however narrow the column.

    ``caption`` names the table for assistive technology; ``colours`` maps ids to bar
    colours (the label beside each bar carries the meaning, never the colour alone).
    """
    top = max(int(counts["count"].max()), 1) if len(counts) else 1
    rows = "".join(
        f"<tr><th scope='row'>{html.escape(str(label))}</th><td>"
        f"<span class='bar' style='width:calc((100% - 3.5em) * {int(count) / top:.3f});"
        f"background:{(colours or {}).get(str(key), DEFAULT_COLOUR)}'></span>{int(count)}</td></tr>"
        for key, label, count in zip(counts["id"], counts["label"], counts["count"])
    )
    return (
        f"<table class='safetymap-bars'><caption>{html.escape(caption)}</caption>"
        f"<tbody>{rows}</tbody></table>"
    )


def count_panels(panels: list[Panel]) -> str:
    """Each panel's ``count_bars`` table with its title shown as its caption (read once by a
    screen reader), side by side while there is room (a panel with longer labels gets the more
    of it) and one under the other on a narrow screen."""
    sections = "".join(
        f"<section>{count_bars(counts, title, colours)}</section>"
        for title, counts, colours in panels
    )
    return f"{STYLE}<div class='safetymap-panels'>{sections}</div>"
