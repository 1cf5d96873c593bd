"""A small data frame as a plain HTML table, every header and cell escaped.

For small tables shown as they are (the places on the map page, an upload's problems, the
selected measure's facts, a place's figures): text from data stays text here, where
``st.table`` would render Markdown in its cells (a link or a remote image from an uploaded
CSV).
Streamlit's ``st.table`` sends the frame as Arrow and has the browser load and run a table
renderer for it, which on a first visit delays the map (bench/map_speed.py), and
``st.dataframe`` cuts long texts at its column's width; here long cells wrap. Numbers are
right-aligned in tabular figures; the first column names its row (a row header for
assistive technology).
Pure: no Streamlit.
"""

from __future__ import annotations

import html

import pandas as pd
from pandas.api.types import is_numeric_dtype

# Out of sight, still read by screen readers (a table's caption that names it).
VISUALLY_HIDDEN = (
    "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap"
)
STYLE = (
    "<style>"
    ".safetymap-table{border-collapse:collapse;width:100%;font-size:0.95rem;color:#1A1A1A}"
    f".safetymap-table caption{{{VISUALLY_HIDDEN}}}"
    ".safetymap-table th,.safetymap-table td{text-align:left;padding:0.4rem 0.75rem;"
    "border-bottom:1px solid #E1E1E1}"
    ".safetymap-table thead th{font-weight:600;border-bottom-color:#9E9E9E}"
    ".safetymap-table tbody th{font-weight:400}"
    ".safetymap-table .num{text-align:right;font-variant-numeric:tabular-nums}"
    "</style>"
)


def html_table(frame: pd.DataFrame, caption: str, header: bool = True) -> str:
    """``frame`` (its index left out) as a table named ``caption`` for assistive technology;
    without its column names when ``header`` is False (a list of fields and values)."""
    numeric = [is_numeric_dtype(frame[column]) for column in frame.columns]
    head = "".join(
        f"<th scope='col'{' class=num' if right else ''}>{html.escape(str(column))}</th>"
        for column, right in zip(frame.columns, numeric)
    )
    thead = f"<thead><tr>{head}</tr></thead>" if header else ""
    body = "".join(
        f"<tr><th scope='row'{' class=num' if numeric[0] else ''}>{html.escape(str(row[0]))}</th>"
        + "".join(
            f"<td{' class=num' if right else ''}>{html.escape(str(value))}</td>"
            for value, right in zip(row[1:], numeric[1:])
        )
        + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return (
        f"{STYLE}<table class='safetymap-table'><caption>{html.escape(caption)}</caption>"
        f"{thead}<tbody>{body}</tbody></table>"
    )
