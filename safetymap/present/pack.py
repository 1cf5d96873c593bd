"""The briefing pack: a PDF with a cover and one page per place, made without any network.

Each place's page leads, when a ``since`` is asked, with what changed since; then its
headline figures (``briefing.figures``, as on the page and in the presentation), a static
map (``staticmap``) and its measures by name and status, beside them its timeline (the
page's own Vega-Lite chart, drawn by ``charts.to_svg``), its main outcome series (a small
chart with its latest change, area and source), the figures the sources give
(indicators) and the actors; then the sources. Pages are A4
landscape; a place with much to show is scaled down to stay on its one page. Every text from
the data is escaped before it reaches ReportLab's paragraph markup. Pure: no Streamlit.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from html import escape

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    KeepInFrame,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from svglib.svglib import svg2rlg

from safetymap.contract.i18n import t
from safetymap.present import charts, outcomes, staticmap
from safetymap.present.mapping import PLACE_COLOUR
from safetymap.selection import briefing
from safetymap.selection.briefing import BriefingData
from safetymap.selection.timeline import periods

FONT, BOLD = "Vera", "VeraBd"  # shipped with ReportLab: embedded, so åäö and – print anywhere
PAGE = landscape(A4)  # fits a projector or a tablet as well as paper
MARGIN = 12 * mm
WIDTH = PAGE[0] - 2 * MARGIN
HEIGHT = PAGE[1] - 2 * MARGIN - 6 * mm  # the footer line below the frame
LEFT = 110 * mm  # map and indicators; the timeline and actors take the rest
GAP = 6 * mm
TEXT = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#595959")
RULE = colors.HexColor("#CCCCCC")
CHART_PX = 420  # the timeline's plot width (its row labels add up to 380 px) before scaling
CHART_HEIGHT = 110 * mm  # a long timeline is scaled down to this, not the whole page
OUTCOME_PX = 420  # the main outcome's small chart, before scaling
OUTCOME_HEIGHT = 32 * mm


def _fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, "Vera.ttf"))
        pdfmetrics.registerFont(TTFont(BOLD, "VeraBd.ttf"))


def _style(size: float, bold: bool = False, colour: colors.Color = TEXT, **extra) -> ParagraphStyle:
    return ParagraphStyle(
        f"s{size}{bold}",
        fontName=BOLD if bold else FONT,
        fontSize=size,
        leading=size * 1.3,
        textColor=colour,
        **extra,
    )


TITLE = _style(26, True, colors.HexColor(PLACE_COLOUR), spaceAfter=2 * mm)
SUBTITLE = _style(12, colour=MUTED, spaceAfter=4 * mm)
HEADING = _style(13, True, spaceBefore=3 * mm, spaceAfter=1.5 * mm)
BODY = _style(9.5)
SMALL = _style(7.5, colour=MUTED)
FIGURE = _style(22, True, alignment=1)
FIGURE_SMALL = _style(17, True, alignment=1)
FIGURE_LABEL = _style(8.5, colour=MUTED, alignment=1)


def _p(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph of plain text: escaped, so data is never read as markup."""
    return Paragraph(escape(text), style)


def _drawing(svg: str, width: float, height: float = HEIGHT) -> Drawing:
    """An SVG picture as vector graphics, scaled to fit ``width`` × ``height`` points."""
    drawing = svg2rlg(io.StringIO(svg))
    factor = min(width / drawing.width, height / drawing.height)
    drawing.scale(factor, factor)
    drawing.width, drawing.height = drawing.width * factor, drawing.height * factor
    return drawing


def _table(rows: list[list], widths: list[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        style.append(("LINEBELOW", (0, 0), (-1, 0), 0.9, TEXT))
    table.setStyle(TableStyle(style))
    return table


def _figures(cells: tuple[briefing.Figure, ...]) -> Table:
    """The headline figures in a row of boxes; seven (with the main outcome's latest value,
    a longer number) in smaller type, so that every value stays on its line."""
    value = FIGURE_SMALL if any(f.key == "outcome" for f in cells) else FIGURE
    table = Table(
        [
            [_p(f.value, value) for f in cells],
            [
                [_p(f.label, FIGURE_LABEL), *([_p(f.note, FIGURE_LABEL)] if f.note else [])]
                for f in cells
            ],
        ],
        colWidths=[WIDTH / len(cells)] * len(cells),
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("INNERGRID", (0, 0), (-1, -1), 0.6, RULE),
                ("LINEBELOW", (0, 0), (-1, 0), 0, colors.white),
            ]
        )
    )
    return table


def _outcomes(figures, lang: str, width: float) -> list:
    table = briefing.outcomes(figures, lang)
    if table.empty:
        return [_p(t("pack_no_outcomes", lang), SMALL)]
    shown = table.columns[:4]  # indicator, place, period, value; the footer names the sources
    widths = [45 * mm, 31 * mm, 22 * mm, width - 98 * mm]
    body = [[_p(c, _style(8.5, True)) for c in shown]]
    body += [[_p(str(v), _style(8.5)) for v in row] for row in table[shown].itertuples(False)]
    return [_table(body, widths)]


def _outcome(slide: briefing.PlaceBriefing, lang: str, width: float) -> list:
    """The place's main outcome series: its name, a small chart, its latest value and
    change in numbers, its area in words and its source (none without a series)."""
    series = slide.outcome
    if series is None or not series.points:
        return []
    chart = outcomes.small_chart(series, lang, width=OUTCOME_PX, height=OUTCOME_PX // 4)
    source = t("briefing_outcome_source", lang, source=series.source)
    return [
        _p(f"{t('briefing_outcome', lang)}: {series.indicator}", HEADING),
        _drawing(charts.to_svg(chart), width, OUTCOME_HEIGHT),
        _p(series.latest(lang), _style(9.5, True)),
        _p(f"{series.area} · {source}", SMALL),
    ]


def _changes(slide: briefing.PlaceBriefing, lang: str) -> list:
    """What changed since the link's ``since``: a heading, a note before the first version,
    then every change, or a line saying there is none."""
    if slide.since is None or slide.changes is None:
        return []
    story = [_p(slide.since.heading(lang), HEADING)]
    if slide.since.version is None:
        story.append(_p(t("since_before_first", lang), SMALL))
    if not slide.changes:
        return [*story, _p(t("since_nothing", lang), BODY)]
    # Vera, the embedded font, has no →.
    return story + [_p(f"• {c.text(lang)}".replace("→", "»"), BODY) for c in slide.changes]


LIST_TEXT = _style(8.5)
LIST_HEAD = _style(9, True, spaceBefore=1.5 * mm)


def _named(slide: briefing.PlaceBriefing, lang: str) -> list:
    """The measures by status, then the conditions, each one named: in two columns, the
    groups split between them about evenly."""
    groups = [*slide.measures, *slide.conditions]
    if not groups:
        return []
    lines = [
        [_p(f"{g.heading} · {len(g.titles)}", LIST_HEAD)]
        + [_p(f"• {x}", LIST_TEXT) for x in g.titles]
        for g in groups
    ]
    total, before, split = sum(len(c) for c in lines), 0, len(lines)
    for i, cell in enumerate(lines):
        if before >= total / 2:
            split = i
            break
        before += len(cell)
    cells = [
        [line for cell in lines[:split] for line in cell],
        [line for cell in lines[split:] for line in cell],
    ]
    table = Table([cells], colWidths=[LEFT / 2] * 2, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
            ]
        )
    )
    return [_p(t("briefing_measure_list", lang), HEADING), table]


def _place_page(data: BriefingData, place_id: str, drawn) -> list:
    """One place: heading, changes since, figures, map and indicators beside the timeline
    and actors, the measures by name, sources."""
    lang, places = data.lang, data.places
    slide = briefing.place_briefing(data, place_id)
    rows, figures = slide.rows, slide.indicators
    story = [
        _p(slide.name, TITLE),
        _p(f"{slide.municipality} · {t('pack_data_date', lang, date=data.data_date)}", SUBTITLE),
    ]
    if data.filter_text:
        story.append(_p(data.filter_text, SMALL))
    story += _changes(slide, lang)
    if rows.empty:
        story.append(_p(t("briefing_empty", lang, place=slide.name), HEADING))
    else:
        story += [_figures(slide.figures), Spacer(1, 3 * mm)]
        svg = staticmap.place_map_svg(places, data.context, rows, place_id, lang, 720, 420)
        left = [
            _drawing(svg, LEFT),
            _p(t("legend_area_static", lang), SMALL),
            *_named(slide, lang),
        ]
        chart = charts.place_timeline(
            drawn, data.shown, places, place_id, data.as_of, lang, figures, width=CHART_PX
        )
        right = [
            _p(t("briefing_timeline", lang), HEADING),
            _drawing(charts.to_svg(chart), WIDTH - LEFT - GAP, CHART_HEIGHT)
            if chart is not None
            else _p(t("briefing_no_timeline", lang, place=slide.name), SMALL),
            *_outcome(slide, lang, WIDTH - LEFT - GAP),
            _p(t("briefing_outcomes", lang), HEADING),
            *_outcomes(figures, lang, WIDTH - LEFT - GAP),
            _p(t("briefing_actor_list", lang), HEADING),
            _p("; ".join(f"{name} ({n})" for name, n in slide.actors), BODY),
        ]
        columns = Table([[left, right]], colWidths=[LEFT + GAP, WIDTH - LEFT - GAP], hAlign="LEFT")
        columns.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (0, 0), GAP),
                    ("RIGHTPADDING", (1, 0), (1, 0), 0),
                ]
            )
        )
        story.append(columns)
    story.append(Spacer(1, 2 * mm))
    story.append(_p(t("pack_sources", lang, sources="; ".join(slide.sources) or "–"), SMALL))
    return [KeepInFrame(WIDTH, HEIGHT, story, mode="shrink"), PageBreak()]


def _cover(data: BriefingData, place_ids: Sequence[str]) -> list:
    lang, places = data.lang, data.places
    story = [
        Spacer(1, 12 * mm),
        _p(
            t("pack_title", lang),
            _style(34, True, colors.HexColor(PLACE_COLOUR), spaceAfter=6 * mm),
        ),
        _p(t("pack_subtitle", lang), _style(15, colour=TEXT, spaceAfter=10 * mm)),
        _p(t("pack_data_date", lang, date=data.data_date), _style(13, True, spaceAfter=2 * mm)),
        _p(data.data_label, BODY),
        _p(t("pack_made", lang, date=data.today.isoformat()), BODY),
    ]
    if data.filter_text:
        story.append(_p(t("pack_filter", lang, filter=data.filter_text), BODY))
    made = {
        place_id: briefing.figures(briefing.place_rows(data.shown, places, place_id), lang)
        for place_id in place_ids
    }
    labels = [f.label for f in next(iter(made.values()))]
    body = [[_p(h, _style(9, True)) for h in [t("place_col", lang), *labels]]]
    for place_id, figures in made.items():
        body.append([_p(places.by_id[place_id].name), *(_p(f.value) for f in figures)])
    widths = [60 * mm] + [(WIDTH - 60 * mm) / len(labels)] * len(labels)
    story += [Spacer(1, 10 * mm), _table(body, widths)]
    story += [Spacer(1, 8 * mm), _p(t("pack_about", lang), BODY), PageBreak()]
    return story


def briefing_pdf(data: BriefingData, place_ids: Sequence[str] | None = None) -> bytes:
    """The briefing pack of ``place_ids`` (default: the four places), as PDF bytes."""
    _fonts()
    chosen = list(place_ids or data.places.top_level())
    drawn = periods(data.measures, data.shown.id, data.today, data.as_of, data.recorded)
    out = io.BytesIO()
    lang = data.lang

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, MARGIN - 2 * mm, f"{t('pack_title', lang)} · {data.data_label}")
        canvas.drawRightString(PAGE[0] - MARGIN, MARGIN - 2 * mm, f"{doc.page}")
        canvas.restoreState()

    document = SimpleDocTemplate(
        out,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 8 * mm,
        title=f"{t('pack_title', lang)} {data.data_date}",
        author=t("app_title", lang),
        subject=t("pack_subtitle", lang),
        lang=lang,
    )
    story = _cover(data, chosen)
    for place_id in chosen:
        story += _place_page(data, place_id, drawn)
    document.build(story[:-1], onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
