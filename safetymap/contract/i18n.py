"""User-interface text in Swedish (default) and English."""

from __future__ import annotations

import re

from safetymap.contract.problems import Lang, Severity

TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("Trygghetskartan", "Trygghetskartan (Safety map)"),
    "map_page": ("Karta", "Map"),
    "data_page": ("Data", "Data"),
    "about_page": ("Om datan", "About the data"),
    "download_excel_csv": ("CSV för svenska Excel", "CSV for Swedish Excel"),
    "download_csv": ("CSV (kontraktets kolumner)", "CSV (contract columns)"),
    "download_geojson": ("Ladda ner GeoJSON", "Download GeoJSON"),
    "download_xlsx": ("Ladda ner Excel", "Download Excel"),
    "download_gpkg": ("Ladda ner GeoPackage", "Download GeoPackage"),
    "api_heading": ("Öppna data: API", "Open data: API"),
    "api_link": (
        "[Samma urval i API:t]({url}) (OGC API – Features, GeoJSON): för program, eller som "
        "lager i QGIS och ArcGIS. Länken visar den version som gäller när den öppnas.",
        "[The same selection in the API]({url}) (OGC API – Features, GeoJSON): for programs, "
        "or as a layer in QGIS and ArcGIS. The link shows the version in force when it is "
        "opened.",
    ),
    "api_qgis": (
        "I QGIS: Lager → Lägg till lager → Lägg till WFS / OGC API – Features-lager, med "
        "adressen nedan; samlingen heter measures.",
        "In QGIS: Layer → Add Layer → Add WFS / OGC API – Features Layer, with the address "
        "below; the collection is called measures.",
    ),
    "api_unpublished": (
        "API:t visar bara publicerade versioner, och ingen är publicerad än.",
        "The API shows published versions only, and none is published yet.",
    ),
    "downloads_help": (
        "Filerna innehåller exakt de rader som visas. **CSV för svenska Excel** har svenska "
        "kolumnnamn och värden, decimalkomma och semikolon; spara den i Excel som "
        '"CSV UTF-8" så kan den laddas upp igen som samma data ("CSV '
        '(semikolonavgränsad)" byter tecken som Windows-1252 saknar mot ?). **CSV '
        "(kontraktets kolumner)** har kontraktets engelska kolumner och id:n, för program.",
        "The files hold exactly the rows shown. **CSV for Swedish Excel** has Swedish column "
        'names and values, decimal commas and semicolons; save it in Excel as "CSV UTF-8" '
        'and it uploads again as the same data ("CSV (semicolon delimited)" turns '
        "characters Windows-1252 lacks into ?). **CSV (contract columns)** has the contract's "
        "English columns and ids, for programs.",
    ),
    "download_template": ("Mall för en ny fil", "Template for a new file"),
    "download_template_help": (
        "CSV för svenska Excel med kolumnnamnen och en exempelrad (exempel-1) att ersätta.",
        "CSV for Swedish Excel with the column names and one example row (exempel-1) to replace.",
    ),
    "sources_heading": ("Källdokument", "Source documents"),
    "sources_intro": (
        "Varje rad i datan namnger sitt källdokument och citerar orden som stöder den. "
        "Personnamn i kopiorna är ersatta med [namn borttaget].",
        "Every row names its source document and quotes the words that support it. Personal "
        "names in the copies are replaced with [namn borttaget].",
    ),
    "publisher": ("Utgivare", "Publisher"),
    "doc_title": ("Dokument", "Document"),
    "published": ("Publicerad", "Published"),
    "undated": ("odaterad", "undated"),
    "method_heading": ("Metod", "Method"),
    "method": (
        "- Datum har den precision källan ger: `2021` betyder någon gång under 2021, "
        "`2020-Q1` första kvartalet 2020.\n"
        "- Ett slutdatum på en planerad, pågående eller aktiv rad är ett förväntat slut eller "
        "ett mål, inte en statusändring.\n"
        "- Koordinater finns bara där källan pekar ut en plats; andra rader gäller hela sin "
        "plats och visas på platsens polygon.\n"
        "- Aktörer skrivs som källan namnger dem och normaliseras via en aliastabell: "
        '"polisen" och "Polismyndigheten" är samma aktör, ett lokalpolisområde är en '
        "egen aktör under Polisen.\n"
        "- Fokusområdena (Kista busstorg, Sergels torg, Jakobsbergs stationsområde, Valsta "
        "centrum) är ungefärliga och ritas streckade.",
        "- Dates have the precision the source gives: `2021` means some time in 2021, "
        "`2020-Q1` the first quarter of 2020.\n"
        "- An end date on a planned, ongoing or active row is an expected end or a target, "
        "not a change of status.\n"
        "- Coordinates only where the source names a spot; other rows cover their whole place "
        "and are drawn on its polygon.\n"
        "- Actors are written as the source names them and normalised through an alias "
        'table: "polisen" and "Polismyndigheten" are one actor; a local police area is '
        "an actor of its own under the police.\n"
        "- The focus areas (Kista busstorg, Sergels torg, Jakobsberg station area, Valsta "
        "centrum) are approximate and drawn dashed.",
    ),
    "data_date": ("Datafilen ändrades {date}.", "The data file was changed on {date}."),
    "rows_col": ("Rader i datan", "Rows in the data"),
    "license": ("Licens", "Licence"),
    "intro": (
        "Trygghetsskapande åtgärder och lägesbilder i fyra platser: Kista busstorg, "
        "Klara/Sergels torg, Jakobsbergs stationsområde och Valsta. Varje rad kommer från "
        "ett namngivet källdokument.",
        "Safety measures and conditions in four places: Kista busstorg, Klara/Sergels torg, "
        "Jakobsberg station area and Valsta. Every row comes from a named source document.",
    ),
    "context_layer": ("Bakgrund: kommuner och RegSO", "Background: municipalities and RegSO"),
    "actors_metric": ("Aktörer", "Actors"),
    "data_date_metric": ("Datan ändrad", "Data changed"),
    "by_status": ("Per status", "By status"),
    "by_place": ("Per plats", "By place"),
    "by_type": ("Per åtgärdstyp", "By measure type"),
    "rows_metric": ("Åtgärder och lägesbilder", "Measures and conditions"),
    "places_heading": ("Platser", "Places"),
    "map_heading": ("Karta", "Map"),
    "map_caption": (
        "Mörkblå kant: plats, heldragen för officiellt område (SCB RegSO 2025), streckad för "
        "ungefärligt fokusområde. Rutan vid varje plats räknar dess åtgärder per typ (ikon) och "
        "status (ring: streckad planerad, hel pågående, bock genomförd, kryss avbruten); klicka "
        "för listan. Inzoomat visar en ram det som gäller hela området; symboler på kartan är "
        "åtgärder som källan placerar på en punkt, siffror i cirklar flera nära varandra. Hjulet "
        "zoomar kartan först när du klickat i den. Knappen Lista i kartans hörn visar det som "
        "syns i kartbilden som text.",
        "Dark blue outline: a place, solid for an official area (SCB RegSO 2025), dashed for an "
        "approximate focus area. The box by each place counts its measures by type (icon) and "
        "status (ring: dashed planned, solid ongoing, check completed, cross cancelled); click it "
        "for the list. Zoomed in, a frame shows what applies to the whole area; symbols on the "
        "map are measures the source places at a spot, numbers in circles several close "
        "together. The wheel zooms the map once you have clicked in it. The List button in the "
        "map's corner shows what is in view as text.",
    ),
    "data_file": ("Datafil: {path}", "Data file: {path}"),
    "data_version": (
        "Version {n} ({file}), publicerad {date}",
        "Version {n} ({file}), published {date}",
    ),
    "data_problems": (
        "Datafilen {path} har {n} fel; rader med fel visas inte.",
        "The data file {path} has {n} errors; rows with errors are not shown.",
    ),
    "data_unreadable": (
        "Datafilen kunde inte läsas: {message}",
        "The data file could not be read: {message}",
    ),
    "place_col": ("Plats", "Place"),
    "measures_col": ("Rader", "Rows"),
    "located_col": ("Med egen punkt", "With own location"),
    "approximate_col": ("Avgränsning", "Boundary"),
    "approximate_yes": ("ungefärlig", "approximate"),
    "approximate_no": ("officiell", "official"),
    "source": ("Källa", "Source"),
    "status": ("Status", "Status"),
    "type": ("Typ", "Type"),
    "actors": ("Aktörer", "Actors"),
    "dates": ("Tid", "When"),
    "title": ("Titel", "Title"),
    "kind": ("Slag", "Kind"),
    "legend": ("Teckenförklaring", "Legend"),
    "all_rows_link": ("Alla {n} rader som tabell (Data)", "All {n} rows as a table (Data)"),
    "cluster": (
        "{n} åtgärder med plats här – klicka för att zooma in",
        "{n} located measures here – click to zoom in",
    ),
    "cluster_same_spot": ("{n} åtgärder på samma plats", "{n} measures at the same spot"),
    "inview_button": ("Lista: {n} i kartbilden", "List: {n} in view"),
    "inview_title": ("Det som syns i kartbilden", "What is in view"),
    "inview_empty": (
        "Inga åtgärder i kartbilden. Zooma ut eller ändra filtret.",
        "No measures in view. Zoom out or change the filter.",
    ),
    "inview_more": (
        "… och {n} till. Alla rader finns på sidan Data.",
        "… and {n} more. Every row is on the Data page.",
    ),
    "basemap": ("Bakgrundskarta", "Basemap"),
    "group_situational": ("Situationella åtgärder", "Situational measures"),
    "group_social": ("Sociala åtgärder", "Social measures"),
    "group_collaboration": ("Samverkan", "Collaboration"),
    "group_condition": ("Lägesbild", "Conditions"),
    "legend_badge": (
        "Ruta med platsens namn: alla åtgärder där, per typ och status – klicka för listan. "
        "Inzoomat: ram ”gäller hela området” för åtgärder utan egen punkt. "
        "Prickad fylld yta: lägesbild. Streckad kant: ungefärligt fokusområde.",
        "Box with the place's name: all measures there, by type and status – click for the "
        "list. Zoomed in: a frame “applies to the whole area” for measures without a point of "
        "their own. Dotted filled area: a condition. Dashed edge: an approximate focus area.",
    ),
    "badge_label": ("{name}: {n} åtgärder – visa listan", "{name}: {n} measures – show the list"),
    "badge_list": ("{name}: {n} åtgärder", "{name}: {n} measures"),
    "whole_area": ("gäller hela området", "applies to the whole area"),
    "whole_area_more": ("+{n} till", "+{n} more"),
    "with_point": ("med egen punkt", "with its own point"),
    "changes_legend": ("Ändringar", "Changes"),
    "changes_removed_note": (
        "Borttagna rader visas blekta, som i versionen som gäller.",
        "Removed rows are shown faded, as in the version in force.",
    ),
    "wheel_hint": (
        "Klicka i kartan (eller håll Ctrl) för att zooma med hjulet",
        "Click the map (or hold Ctrl) to zoom with the wheel",
    ),
    "play_control": ("Spela upp tiden", "Play time"),
    "play_play": ("Spela upp månad för månad", "Play month by month"),
    "play_pause": ("Pausa (datumet sparas i länken)", "Pause (the date is kept in the link)"),
    "play_month": ("Månad", "Month"),
    "play_speed": ("Hastighet", "Speed"),
    "play_shown": ("Status per {month}", "Status as of {month}"),
    "legend_area": (
        "Streckad yta: åtgärd som gäller hela platsen. Prickad, tätare fylld yta: lägesbild.",
        "Dashed area: a measure covering its whole place. Dotted, fuller area: a condition.",
    ),
    "description": ("Beskrivning", "Description"),
    "quote": ("Citat ur källan", "Quote from the source"),
    "timeline_page": ("Tidslinje", "Timeline"),
    "timeline_intro": (
        "En rad per åtgärd: staplarna visar statusperioder, symbolen var en status började. "
        "Ett svagt fält är tiden då en status kan ha börjat: källan anger bara året, "
        "kvartalet eller månaden, eller inget datum alls (en åtgärd som är genomförd men "
        "inte säger när). Klicka på en rad för att se åtgärden.",
        "One row per measure: bars show status periods, the symbol where a status began. A "
        "faint span is the time a status may have begun in: the source gives only the year, "
        "quarter or month, or no date at all (a measure completed without saying when). "
        "Click a row to see the measure.",
    ),
    "undated_heading": ("Utan datum ({n})", "Without a date ({n})"),
    "undated_intro": (
        "Källorna anger inget datum för dessa; de kan inte placeras på tidsaxeln.",
        "The sources give no date for these; they cannot be placed on the time axis.",
    ),
    "selected_heading": ("Vald åtgärd", "Selected measure"),
    "results_count": ("{n} åtgärder och lägesbilder", "{n} measures and conditions"),
    "results_count_one": ("{n} åtgärd eller lägesbild", "{n} measure or condition"),
    "results_more": (
        "Visar {shown} av {total} – förfina filtren för att se resten.",
        "Showing {shown} of {total} – refine the filters to see the rest.",
    ),
    "results_group_more": ("{shown} av {total}", "{shown} of {total}"),
    "results_hint": (
        "Per plats, senaste först. Klicka för att visa på kartan.",
        "By place, latest first. Click one to show it on the map.",
    ),
    "results_toggle": ("Lista: {count}", "List: {count}"),
    "results_label": ("Åtgärder och lägesbilder per plats", "Measures and conditions by place"),
    "figures_heading": ("I siffror", "In figures"),
    "filters": ("Filter", "Filters"),
    "all": ("Alla", "All"),
    "years": ("År", "Years"),
    "search": ("Sök i titel och beskrivning", "Search title and description"),
    "as_of": ("Status per datum", "Status as of date"),
    "as_of_help": (
        "Visar varje åtgärd med den status den hade detta datum.",
        "Shows every measure in the status it had on this date.",
    ),
    "nothing_matches": (
        "Inga åtgärder eller lägesbilder matchar filtren. Ta bort något filter i sidopanelen.",
        "No measures or conditions match the filters. Remove a filter in the sidebar.",
    ),
    "undated_left_out": (
        "{n} rader utan datum visas inte när ett årsintervall är valt.",
        "{n} rows without a date are not shown while a year range is chosen.",
    ),
    # --- the store of versions cannot be used (issue #24) ---
    "store_unreachable": (
        "Versionsarkivet går inte att nå ({where}). Kontrollera inställningen {setting} och att "
        "databasen är igång.",
        "The store of versions cannot be reached ({where}). Check the setting {setting} and "
        "that the database is running.",
    ),
    "store_read_only": (
        "Versionsarkivet ({where}) går inte att skriva i: mappen eller filen är skrivskyddad. "
        "Ge appen skrivrätt där, eller peka {setting} på en mapp den får skriva i.",
        "The store of versions ({where}) cannot be written: the folder or the file is "
        "read-only. Give the app write access there, or point {setting} at a folder it may "
        "write in.",
    ),
    "store_corrupt": (
        "Versionsarkivet ({where}, inställningen {setting}) är skadat: filen är ingen läsbar "
        "databas. Lägg tillbaka en säkerhetskopia, eller flytta undan filen så börjar appen "
        "om med den levererade datan som version 1.",
        "The store of versions ({where}, the setting {setting}) is damaged: the file is not a "
        "readable database. Restore a backup, or move the file away and the app starts again "
        "with the shipped data as version 1.",
    ),
    "store_failed": (
        "Versionsarkivet ({where}, inställningen {setting}) svarade med ett fel: {detail}",
        "The store of versions ({where}, the setting {setting}) answered with an error: {detail}",
    ),
    "store_retrying": (
        "Inget har gått förlorat. Sidan försöker igen var {seconds}:e sekund och visar datan "
        "så snart arkivet svarar.",
        "Nothing is lost. The page tries again every {seconds} seconds and shows the data as "
        "soon as the store answers.",
    ),
    "store_heading": ("Datan kan inte visas just nu", "The data cannot be shown right now"),
    "text_too_long": (
        "{field} har {length} tecken; högst {limit} får plats.",
        "{field} has {length} characters; at most {limit} fit.",
    ),
    "field_published_by": ("Namnet på den som publicerar", "The publisher's name"),
    "field_file_name": ("Filnamnet", "The file name"),
    # --- upload, history and sign-in (issue #4) ---
    "upload_page": ("Ladda upp", "Upload"),
    "history_page": ("Historik", "History"),
    "upload_kind": ("Filen innehåller", "The file holds"),
    "upload_kind_measures": ("Åtgärder och lägesbilder", "Measures and conditions"),
    "upload_kind_indicators": (
        "Indikatorer (siffror ur källorna)",
        "Indicators (figures from the sources)",
    ),
    "upload_intro_indicators": (
        "Välj en CSV-fil med indikatorer (högst {limit} MB): plats, indikator, period, värde, "
        "enhet, källa och citat, som i indicators.csv. Filen kontrolleras rad för rad och "
        "jämförs med indikatorversionen som gäller nu. Att publicera kräver analytikerrollen.",
        "Choose a CSV file of indicators (at most {limit} MB): place, indicator, period, value, "
        "unit, source and quote, as in indicators.csv. It is checked row by row and compared "
        "with the indicators version in force. Publishing needs the analyst role.",
    ),
    "upload_label_indicators": ("CSV-fil med indikatorer", "CSV file of indicators"),
    "upload_kind_outcomes": (
        "Utfallsserier (t.ex. anmälda brott per kvartal)",
        "Outcome series (e.g. reported crimes by quarter)",
    ),
    "upload_intro_outcomes": (
        "Välj en CSV-fil med utfallsserier (högst {limit} MB): område, indikator, period (år, "
        "kvartal eller månad), värde, enhet, preliminär, källa och källhänvisning, som i "
        "outcomes.csv. Filen kontrolleras rad för rad och jämförs med versionen av serierna "
        "som gäller nu. Att publicera kräver analytikerrollen.",
        "Choose a CSV file of outcome series (at most {limit} MB): area, indicator, period "
        "(year, quarter or month), value, unit, preliminary, source and table reference, as in "
        "outcomes.csv. The file is checked row by row and compared with the version of the "
        "series in force. Publishing needs the analyst role.",
    ),
    "upload_label_outcomes": ("CSV-fil med utfallsserier", "CSV file of outcome series"),
    "preview_outcomes": ("Serierna i filen", "The series in the file"),
    "published_now_outcomes": (
        "Utfallsversion {n} är publicerad och visas för alla från deras nästa klick.",
        "Outcomes version {n} is published; everyone sees it from their next click.",
    ),
    "area_col": ("Område", "Area"),
    "granularity_col": ("Periodlängd", "Length of period"),
    "periods_col": ("Perioder", "Periods"),
    "values_col": ("Värden", "Values"),
    "preliminary_col": ("Preliminära", "Preliminary"),
    "source_col": ("Källa", "Source"),
    "preview_indicators": ("Förhandsgranskning", "Preview"),
    "published_now_indicators": (
        "Indikatorversion {n} är publicerad och visas för alla från deras nästa klick.",
        "Indicators version {n} is published; everyone sees it from their next click.",
    ),
    "upload_intro_measures": (
        "Välj en CSV-fil med åtgärder (högst {limit} MB, t.ex. sparad från Excel som CSV). "
        "Filen kontrolleras rad för rad och jämförs med versionen som gäller nu. Att "
        "kontrollera och förhandsgranska kräver ingen inloggning; att publicera kräver "
        "analytikerrollen. Formatet beskrivs i datakontraktet (docs/measures-csv.md).",
        "Choose a CSV file of measures (at most {limit} MB, e.g. saved from Excel as CSV). "
        "It is checked row by row and compared with the version in force. Checking and "
        "previewing need no sign-in; publishing needs the analyst role. The format is "
        "described in the data contract (docs/measures-csv.md).",
    ),
    "upload_label_measures": ("CSV-fil med åtgärder", "CSV file of measures"),
    "uploader_button": ("Välj fil", "Choose file"),
    "uploader_other": ("Välj en annan fil", "Choose another file"),
    "uploader_remove": ("Ta bort {name}", "Remove {name}"),
    "uploader_limit": ("Högst {mb} MB • {types}", "At most {mb} MB • {types}"),
    "uploader_error": ("Fel:", "Error:"),
    "landed_reverts": (
        "Version {n} av {who} publicerades medan du arbetade; din fil återställer dessa ändringar:",
        "Version {n} by {who} was published while you worked; your file reverts these changes:",
    ),
    "landed_caption": (
        "Filen kontrollerades först mot version {basis}. Det som står under ”Jämfört med "
        "version {n}” är vad en publicering gör nu.",
        "The file was first checked against version {basis}. What is under “Compared with "
        "version {n}” is what publishing does now.",
    ),
    "landed_confirm": (
        "Ja, publicera ändå och återställ ändringarna ovan i version {n}",
        "Yes, publish anyway and revert the changes above of version {n}",
    ),
    "landed_unconfirmed": (
        "Inget publicerades: filen återställer ändringar i version {n}. Kryssa i att du vill "
        "det, eller välj en fil gjord från versionen som gäller nu.",
        "Nothing was published: the file reverts changes of version {n}. Tick that you mean "
        "to, or choose a file made from the version in force.",
    ),
    "publish_superseded": (
        "Inget publicerades: version {n} (av {who}) publicerades efter att sidan visade vad "
        "filen ändrar. Se ovan vad den ändrar nu, och publicera igen.",
        "Nothing was published: version {n} (by {who}) was published after the page showed "
        "what the file changes. See above what it changes now, and publish again.",
    ),
    "landed_keeps": (
        "Version {n} av {who} publicerades medan du arbetade; din fil återställer inget av "
        "det den ändrade.",
        "Version {n} by {who} was published while you worked; your file reverts none of its "
        "changes.",
    ),
    "uploader_too_large": (
        "Filen är större än {mb} MB, det största som kan laddas upp, och har inte lästs. Dela "
        "upp den i flera filer, eller ta bort kolumner som inte ingår i datakontraktet, och "
        "välj den igen.",
        "The file is larger than {mb} MB, the most that can be uploaded, and was not read. "
        "Split it into several files, or remove columns that are not in the data contract, "
        "and choose it again.",
    ),
    "upload_none": (
        "Ingen fil vald. Versionen som gäller nu är version {n}.",
        "No file chosen. The version in force is version {n}.",
    ),
    "upload_none_empty": (
        "Ingen fil vald. Ingen version är publicerad ännu.",
        "No file chosen. No version has been published yet.",
    ),
    "detected_heading": ("Vad som hittades i filen", "What was found in the file"),
    "detected_encoding": ("Teckenkodning", "Encoding"),
    "detected_delimiter": ("Avgränsare: {name}", "Delimiter: {name}"),
    "detected_rows": ("Rader", "Rows"),
    "detected_crs": ("Koordinatsystem", "Coordinate system"),
    "crs_none": ("utan egen punkt", "no point of their own"),
    "crs_rows": ("{crs}: {n} rader", "{crs}: {n} rows"),
    "problems_heading": ("Fel och varningar", "Errors and warnings"),
    "problems_none": (
        "Inga fel och inga varningar.",
        "No errors and no warnings.",
    ),
    "problems_summary": (
        "{errors} fel och {warnings} varningar. Rader med fel kan inte publiceras: rätta "
        "filen och ladda upp den igen.",
        "{errors} errors and {warnings} warnings. Rows with errors cannot be published: "
        "correct the file and upload it again.",
    ),
    "problems_warnings_only": (
        "Inga fel, {warnings} varningar: filen kan publiceras.",
        "No errors, {warnings} warnings: the file can be published.",
    ),
    "problems_caption": ("Fel och varningar i {name}", "Errors and warnings in {name}"),
    "problems_by_kind": ("Samma problem på flera rader", "The same problem on several rows"),
    "problems_by_row": ("Rad för rad", "Row by row"),
    "problem_count": ("Antal rader", "Rows"),
    "problem_rows": ("Vilka rader", "Which rows"),
    "problems_more": (
        "Här visas de första {shown} av {total}. Rapporten (CSV) nedan har alla.",
        "The first {shown} of {total} are shown here. The report (CSV) below has them all.",
    ),
    "problem_severity": ("Typ", "Kind"),
    "problem_row": ("Rad", "Row"),
    "problem_column": ("Kolumn", "Column"),
    "problem_value": ("Värde", "Value"),
    "problem_suggestion": ("Menade du", "Did you mean"),
    "problem_message": ("Meddelande", "Message"),
    "severity_error": ("fel", "error"),
    "severity_warning": ("varning", "warning"),
    "download_report": ("Ladda ner rapporten (CSV)", "Download the report (CSV)"),
    "unreadable_upload": (
        "Filen {name} kan inte läsas som CSV: {message}",
        "The file {name} cannot be read as CSV: {message}",
    ),
    "diff_heading": ("Jämfört med version {n}", "Compared with version {n}"),
    "diff_heading_first": ("Jämfört med: ingen version ännu", "Compared with: no version yet"),
    "diff_added": ("Tillagda", "Added"),
    "diff_removed": ("Borttagna", "Removed"),
    "diff_changed": ("Ändrade", "Changed"),
    "diff_status": ("Statusändringar", "Status changes"),
    "diff_none": (
        "Filen innehåller samma rader som versionen som gäller nu.",
        "The file holds the same rows as the version in force.",
    ),
    "diff_listed_first": (
        "Listan visar de första {shown} av {total} ändrade rader; hela listan finns att ladda ned.",
        "The list shows the first {shown} of {total} changed rows; the whole list can be "
        "downloaded.",
    ),
    "diff_download": ("Ladda ned alla ändringar (CSV)", "Download every change (CSV)"),
    "diff_errors_left_out": (
        "Rader med fel är inte med i jämförelsen.",
        "Rows with errors are left out of the comparison.",
    ),
    "diff_change_col": ("Ändring", "Change"),
    "diff_fields_col": ("Ändrat: före → efter", "Changed: before → after"),
    "change_added": ("tillagd", "added"),
    "change_removed": ("borttagen", "removed"),
    "change_changed": ("ändrad", "changed"),
    "event_from": ("Från status", "From status"),
    "event_to": ("Till status", "To status"),
    "event_date": ("Datum", "Date"),
    "event_version": ("Version", "Version"),
    "preview_heading": ("Förhandsgranskning på kartan", "Preview on the map"),
    "publish_heading": ("Publicera", "Publish"),
    "publish_note": ("Anteckning (varför, vad är nytt)", "Note (why, what is new)"),
    "publish_button": ("Publicera som version {n}", "Publish as version {n}"),
    "publish_blocked": (
        "Filen har fel och kan inte publiceras.",
        "The file has errors and cannot be published.",
    ),
    "publish_empty": (
        "Filen har inga giltiga rader och kan inte publiceras.",
        "The file has no valid rows and cannot be published.",
    ),
    "published_now_measures": (
        "Version {n} är publicerad och visas för alla från deras nästa klick.",
        "Version {n} is published; everyone sees it from their next click.",
    ),
    "published_by": ("Publiceras av {name}", "Published by {name}"),
    "seed_publisher": ("Första versionen (levererad data)", "First version (shipped data)"),
    "analyst_heading": ("Analytiker", "Analyst"),
    "signin_disabled": (
        "Publicering är avstängd: ingen inloggning är konfigurerad. Så slår du på den: kör "
        "`python -m safetymap hash-password`, och starta appen med miljövariabeln "
        "`SAFETYMAP_ANALYST_PASSWORD_HASH` satt till utskriften (eller lägg den som "
        "`analyst_password_hash` under `[safetymap]` i `.streamlit/secrets.toml`). För "
        "inloggning via organisationens konto (OIDC): konfigurera `[auth]` i "
        "`.streamlit/secrets.toml` och lista analytikernas e-postadresser i "
        "`analyst_emails` under `[safetymap]`.",
        "Publishing is disabled: no sign-in is configured. To enable it: run "
        "`python -m safetymap hash-password` and start the app with the environment variable "
        "`SAFETYMAP_ANALYST_PASSWORD_HASH` set to what it prints (or put it as "
        "`analyst_password_hash` under `[safetymap]` in `.streamlit/secrets.toml`). To sign in "
        "with the organisation's account (OIDC): configure `[auth]` in "
        "`.streamlit/secrets.toml` and list the analysts' e-mail addresses in "
        "`analyst_emails` under `[safetymap]`.",
    ),
    "signin_name": ("Ditt namn (sparas med versionen)", "Your name (kept with the version)"),
    "signin_password": ("Analytikerlösenord", "Analyst password"),
    "signin_button": ("Logga in som analytiker", "Sign in as analyst"),
    "signin_oidc_button": ("Logga in", "Sign in"),
    "signin_wrong": ("Fel lösenord.", "Wrong password."),
    "signin_wait": (
        "För många felaktiga försök: vänta {s} sekunder och försök igen.",
        "Too many wrong attempts: wait {s} seconds and try again.",
    ),
    "signin_name_missing": ("Skriv ditt namn.", "Enter your name."),
    "setting_hash_env": (
        "`SAFETYMAP_ANALYST_PASSWORD_HASH`",
        "`SAFETYMAP_ANALYST_PASSWORD_HASH`",
    ),
    "setting_hash_secrets": (
        "`analyst_password_hash` under `[safetymap]` i `.streamlit/secrets.toml`",
        "`analyst_password_hash` under `[safetymap]` in `.streamlit/secrets.toml`",
    ),
    "signin_hash_invalid": (
        "Inloggningen är trasig: inställningen {setting} är ingen argon2-hash, så inget "
        "lösenord kan stämma. Gör en ny med `python -m safetymap hash-password` och ge appen "
        "hela utskriften (den börjar med `$argon2id$`), starta sedan om appen.",
        "The sign-in is broken: the setting {setting} is not an argon2 hash, so no password "
        "can match. Make one with `python -m safetymap hash-password`, give the app all it "
        "prints (it begins with `$argon2id$`), then restart the app.",
    ),
    "hash_check_ok": (
        "{setting} är en argon2-hash: analytikerna loggar in med lösenordet den gjordes av.",
        "{setting} is an argon2 hash: analysts sign in with the password it was made from.",
    ),
    "hash_check_disabled": (
        "Ingen analytikerinloggning är inställd (varken SAFETYMAP_ANALYST_PASSWORD_HASH, "
        "analyst_password_hash i .streamlit/secrets.toml eller OIDC): publicering i "
        "webbläsaren är avstängd.",
        "No analyst sign-in is set up (neither SAFETYMAP_ANALYST_PASSWORD_HASH, "
        "analyst_password_hash in .streamlit/secrets.toml nor OIDC): publishing in the "
        "browser is off.",
    ),
    "hash_check_oidc": (
        "Analytikerna loggar in med organisationens konto (OIDC); lösenordet används inte.",
        "Analysts sign in with the organisation's account (OIDC); the password is not used.",
    ),
    "signin_proxies_invalid": (
        "Inställningen `SAFETYMAP_TRUSTED_PROXIES` har poster som varken är en adress eller "
        "ett nät: {entries}. De hoppas över.",
        "The setting `SAFETYMAP_TRUSTED_PROXIES` has entries that are neither an address nor "
        "a network: {entries}. They are left out.",
    ),
    "signin_expired": (
        "Du har loggats ut efter {m} minuter utan aktivitet.",
        "You were signed out after {m} minutes without activity.",
    ),
    "signin_not_analyst": (
        "Kontot {email} har inte analytikerrollen.",
        "The account {email} does not have the analyst role.",
    ),
    "signed_in_as": ("Inloggad som analytiker: {name}", "Signed in as analyst: {name}"),
    "signout_button": ("Logga ut", "Sign out"),
    "needs_analyst": (
        "Logga in som analytiker för att publicera.",
        "Sign in as analyst to publish.",
    ),
    "history_intro": (
        "Varje publicering är en version. Inget skrivs över: en återställning publicerar en "
        "tidigare version igen som en ny version.",
        "Every publication is a version. Nothing is overwritten: a rollback publishes an "
        "earlier version again as a new version.",
    ),
    "history_empty": ("Ingen version är publicerad ännu.", "No version has been published yet."),
    "versions_heading": ("Versioner", "Versions"),
    "version_col": ("Version", "Version"),
    "version_when": ("Publicerad", "Published"),
    "version_by": ("Av", "By"),
    "version_file": ("Fil", "File"),
    "version_rows": ("Rader", "Rows"),
    "version_note": ("Anteckning", "Note"),
    "version_restores": ("återställer version {n}", "restores version {n}"),
    "version_in_force": ("gäller nu", "in force"),
    "download_version": ("Ladda ner en version", "Download a version"),
    "choose_version": ("Version", "Version"),
    "events_heading": ("Statusändringar mellan versioner", "Status changes between versions"),
    "events_none": (
        "Inga statusändringar har registrerats mellan versioner ännu.",
        "No status changes have been recorded between versions yet.",
    ),
    "rollback_heading": ("Återställ en tidigare version", "Roll back to an earlier version"),
    "rollback_choose": ("Version att återställa", "Version to bring back"),
    "rollback_choose_placeholder": (
        "Välj en version för att se vad som ändras",
        "Choose a version to see what would change",
    ),
    "rollback_confirm": (
        "Ja, publicera version {n} igen som version {m}",
        "Yes, publish version {n} again as version {m}",
    ),
    "rollback_unconfirmed": (
        "Inget publicerades: bekräfta att version {n} ska publiceras igen.",
        "Nothing was published: confirm that version {n} is to be published again.",
    ),
    "rollback_stale": (
        "Inget publicerades: version {n} (av {who}) har publicerats sedan förhandsvisningen. "
        "Granska ändringarna igen.",
        "Nothing was published: version {n} (by {who}) was published since the preview. "
        "Review the changes again.",
    ),
    "rollback_note": ("Anteckning (varför)", "Note (why)"),
    "rollback_button": (
        "Publicera den valda versionen igen som version {m}",
        "Publish the chosen version again as version {m}",
    ),
    "rolled_back_outcomes": (
        "Utfallsversion {m} är publicerad: samma rader som utfallsversion {n}.",
        "Outcomes version {m} is published: the same rows as outcomes version {n}.",
    ),
    "rolled_back_indicators": (
        "Indikatorversion {m} är publicerad: samma rader som indikatorversion {n}.",
        "Indicators version {m} is published: the same rows as indicators version {n}.",
    ),
    "rolled_back_measures": (
        "Version {m} är publicerad: samma rader som version {n}.",
        "Version {m} is published: the same rows as version {n}.",
    ),
    "rollback_none": (
        "Det finns ingen tidigare version att återställa.",
        "There is no earlier version to bring back.",
    ),
    # --- edit in the browser (issue #19, item 6) ---
    "edit_page": ("Redigera", "Edit"),
    "edit_intro": (
        "Ändra, lägg till eller ta bort en åtgärd här i stället för att ladda upp hela filen. "
        "Ändringen kontrolleras precis som en uppladdad fil, du ser vad den ändrar, och en "
        "analytiker publicerar den som en ny version.",
        "Change, add or remove one measure here instead of uploading the whole file. The edit "
        "is checked exactly as an uploaded file is, you see what it changes, and an analyst "
        "publishes it as a new version.",
    ),
    "edit_no_version": (
        "Ingen version är publicerad än. Publicera den första på sidan Ladda upp.",
        "No version is published yet. Publish the first one on the Upload page.",
    ),
    "edit_step_choose": ("1. Vad vill du göra?", "1. What do you want to do?"),
    "edit_step_change": ("2. Ändra fälten", "2. Change the fields"),
    "edit_step_add": ("2. Fyll i den nya åtgärden", "2. Fill in the new measure"),
    "edit_step_check": ("3. Kontroll och ändringar", "3. Check and changes"),
    "edit_action": ("Vad vill du göra?", "What do you want to do?"),
    "edit_action_change": ("Ändra en åtgärd", "Change a measure"),
    "edit_action_add": ("Lägg till en åtgärd", "Add a measure"),
    "edit_action_remove": ("Ta bort en åtgärd", "Remove a measure"),
    "edit_choose": ("Åtgärd", "Measure"),
    "edit_choose_placeholder": (
        "Välj åtgärd (skriv för att söka på titel, plats eller id)",
        "Choose a measure (type to search by title, place or id)",
    ),
    "edit_nothing_yet": (
        "Ändra ett fält ovan, så visas kontrollen och ändringarna här.",
        "Change a field above and the check and the changes show here.",
    ),
    "edit_id": ("Id", "Id"),
    "edit_id_help": (
        "Föreslås från plats och titel; du kan skriva ett eget. Högst 64 tecken: a–z, 0–9, "
        "punkt, understreck och bindestreck. Id:t ändras inte senare.",
        "Suggested from the place and title; you may type your own. At most 64 characters: "
        "a–z, 0–9, dot, underscore and hyphen. The id is not changed later.",
    ),
    "edit_id_change_help": (
        "Id:t följer åtgärden mellan versioner. Ändra det bara för att rätta ett fel: med "
        "nytt id räknas åtgärden som borttagen och tillagd.",
        "The id follows the measure between versions. Change it only to correct a mistake: "
        "with a new id the measure counts as removed and added.",
    ),
    "edit_type": ("Åtgärdstyp", "Measure type"),
    "edit_actors_help": (
        "Skriv organisationerna, åtskilda med |, eller välj kända aktörer i listan bredvid.",
        "Type the organisations, separated by |, or choose known actors in the list beside.",
    ),
    "edit_actor_pick": ("Lägg till en känd aktör", "Add a known actor"),
    "edit_actor_pick_placeholder": ("Välj för att lägga till", "Choose to add"),
    "edit_date_placeholder": ("2021, 2021-Q1, 2021-03 …", "2021, 2021-Q1, 2021-03 …"),
    "edit_status_date": ("Statusdatum", "Status date"),
    "edit_status_date_help": (
        "När den nuvarande statusen började gälla: 2021, 2021-Q1, 2021-03 eller 2021-03-15. "
        "Tomt: dagen versionen publiceras.",
        "When the current status took effect: 2021, 2021-Q1, 2021-03 or 2021-03-15. Empty: "
        "the day the version is published.",
    ),
    "edit_start_date": ("Startdatum", "Start date"),
    "edit_start_date_help": (
        "2021, 2021-Q1, 2021-03 eller 2021-03-15: så exakt som källan anger.",
        "2021, 2021-Q1, 2021-03 or 2021-03-15: as precise as the source says.",
    ),
    "edit_end_date": ("Slutdatum", "End date"),
    "edit_end_date_help": (
        "Som startdatumet; på en planerad eller pågående åtgärd ett väntat slut.",
        "As the start date; on a planned or ongoing measure an expected end.",
    ),
    "edit_status_date_same": (
        "Statusen är ändrad men statusdatumet är kvar ({date}): ändringen dateras då så. "
        "Ange när den nya statusen började gälla, eller töm fältet för publiceringsdagen.",
        "The status is changed but the status date is still {date}: the change is dated so. "
        "Give when the new status took effect, or empty the field for the publish day.",
    ),
    "edit_status_date_today": (
        "Statusändringen dateras till publiceringsdagen om du inte anger ett statusdatum.",
        "The status change is dated by the publish day unless you give a status date.",
    ),
    "edit_point": ("Punkt på kartan", "Point on the map"),
    "edit_point_help": (
        "Bara där källan pekar ut en plats. Utan egen punkt gäller åtgärden hela sin plats.",
        "Only where the source names a spot. Without a point of its own the measure covers "
        "its whole place.",
    ),
    "edit_point_keep": ("Behåll linjen eller ytan", "Keep the line or area"),
    "edit_point_none": ("Ingen (hela platsen)", "None (the whole place)"),
    "edit_point_wgs84": ("WGS84 lat/lon", "WGS84 lat/lon"),
    "edit_point_sweref": ("SWEREF 99 TM x/y", "SWEREF 99 TM x/y"),
    "edit_lat": ("Latitud (t.ex. 59,4037)", "Latitude (e.g. 59.4037)"),
    "edit_lon": ("Longitud (t.ex. 17,9420)", "Longitude (e.g. 17.9420)"),
    "edit_x": ("x, östlig (t.ex. 667 000)", "x, easting (e.g. 667000)"),
    "edit_y": ("y, nordlig (t.ex. 6 588 500)", "y, northing (e.g. 6588500)"),
    "edit_point_number": (
        "Koordinaten {value} är inte ett tal.",
        "The coordinate {value} is not a number.",
    ),
    "edit_point_pair": (
        "Ange båda koordinaterna, eller ingen.",
        "Give both coordinates, or neither.",
    ),
    "edit_point_bounds": (
        "{value} ligger utanför SWEREF 99 TM:s område (x 181 896–1 086 313, "
        "y 6 090 000–7 690 000). Är x och y förväxlade, eller är det WGS84?",
        "{value} lies outside SWEREF 99 TM's area (x 181,896–1,086,313, y 6,090,000–7,690,000). "
        "Are x and y swapped, or is it WGS84?",
    ),
    "edit_pick_on_map": ("Välj punkten på en karta", "Pick the point on a map"),
    "edit_pick_caption": (
        "Klicka där åtgärden finns: punkten förs in som WGS84 lat/lon ovan.",
        "Click where the measure is: the point goes into the WGS84 lat/lon fields above.",
    ),
    "edit_cost": ("Kostnad (kr)", "Cost (SEK)"),
    "edit_quote": ("Citat ur källan", "Quote from the source"),
    "edit_rebased": (
        "Version {n} har publicerats ({who}) sedan formuläret visades: det visar nu den "
        "versionen. Gör din ändring igen.",
        "Version {n} has been published ({who}) since the form was shown: it shows that "
        "version now. Make your change again.",
    ),
    "edit_stale": (
        "Version {n} har publicerats ({who}) sedan du började ändra. Ändringen är gjord på en "
        "äldre version och publiceras inte; ladda om sidan och gör den igen.",
        "Version {n} has been published ({who}) since you began editing. The edit was made on "
        "an older version and is not published; reload the page and make it again.",
    ),
    # --- briefing (issue #5) ---
    "briefing_page": ("Lägesbild", "Briefing"),
    "briefing_previous": ("Föregående plats", "Previous place"),
    "briefing_next": ("Nästa plats", "Next place"),
    "briefing_position": ("Plats {i} av {n}", "Place {i} of {n}"),
    "briefing_keys": (
        "Bläddra mellan platserna med knapparna eller piltangenterna ← →; bläddrandet ändrar "
        "inte filtren på de andra sidorna. Presentera visar en plats per skärm utan sidopanel.",
        "Step through the places with the buttons or the arrow keys ← →; stepping does not "
        "change the filters of the other pages. Present shows one place per screen with no "
        "sidebar.",
    ),
    "briefing_completed": ("Genomförda", "Completed"),
    "briefing_ongoing": ("Pågående", "Ongoing"),
    "briefing_planned": ("Planerade", "Planned"),
    "briefing_cancelled": ("Avbrutna", "Cancelled"),
    "briefing_conditions": ("Aktiva lägesbilder", "Active conditions"),
    "briefing_lifted": ("Upphävda lägesbilder", "Lifted conditions"),
    "briefing_measure_list": ("Åtgärderna", "The measures"),
    "briefing_condition_list": ("Lägesbilder", "Conditions"),
    "briefing_no_measures": ("Inga åtgärder.", "No measures."),
    "briefing_outcome": ("Utfall", "Outcome"),
    "briefing_outcome_change": ("{change} mot {period}", "{change} against {period}"),
    "briefing_outcome_alt": (
        "Linjediagram: {indicator}, {area}, från {first} till {last}.",
        "Line chart: {indicator}, {area}, from {first} to {last}.",
    ),
    "since_heading": ("Sedan {date}", "Since {date}"),
    "since_heading_version": ("Sedan version {n} ({date})", "Since version {n} ({date})"),
    "since_new": ("Ny: {title} ({status})", "New: {title} ({status})"),
    "since_begun": ("Började: {title}", "Began: {title}"),
    "since_became": ("{title}: blev {status}", "{title}: became {status}"),
    "since_lifted": ("Upphävdes: {title}", "Lifted: {title}"),
    "since_nothing": ("Inget har ändrats här sedan dess.", "Nothing has changed here since then."),
    "since_before_first": (
        "Före datans första version: bara de ändringar som åtgärdernas datum ger; nya "
        "åtgärder kan inte skiljas ut.",
        "Before the data's first version: only the changes the measures' dates give; new "
        "measures cannot be told apart.",
    ),
    "present_start": ("Presentera", "Present"),
    "present_leave": ("Avsluta", "Leave"),
    "present_previous": ("Föregående", "Previous"),
    "present_next": ("Nästa", "Next"),
    "present_keys": (
        "Bläddra: ← → PageUp PageDown mellanslag · Esc: avsluta",
        "Step: ← → PageUp PageDown space · Esc: leave",
    ),
    "present_label": ("Presentation av lägesbilden", "Briefing presentation"),
    "present_more": ("+ {n} till", "+ {n} more"),
    "briefing_actors": ("Aktörer", "Actors"),
    "briefing_map": ("Karta", "Map"),
    "briefing_timeline": ("Tidslinje", "Timeline"),
    "briefing_no_timeline": (
        "Inga daterade åtgärder att visa på tidslinjen för {place}.",
        "No dated measures to show on the timeline for {place}.",
    ),
    "briefing_outcomes": ("Läget enligt källorna", "The situation according to the sources"),
    "briefing_no_outcomes": (
        "Källorna ger inga siffror om läget i {place}.",
        "The sources give no figures on the situation in {place}.",
    ),
    "compare_page": ("Jämför platser", "Compare places"),
    "compare_intro": (
        "De fyra platserna sida vid sida med samma filter. Staplarna visar hur många åtgärder "
        "och lägesbilder som hade varje status vid årets slut (i år: idag), på samma skala för "
        "alla platser. Rader utan datum räknas inte in i staplarna.",
        "The four places side by side with the same filters. The bars show how many measures "
        "and conditions had each status at the end of each year (this year: today), on the "
        "same scale for every place. Rows without a date are not counted in the bars.",
    ),
    "compare_years": ("Status år för år", "Status year by year"),
    "compare_types": ("Åtgärdstyper per plats", "Measure types by place"),
    "compare_alt": (
        "Stapeldiagram: antal rader i {place} per status vid varje års slut.",
        "Bar chart: rows in {place} per status at the end of each year.",
    ),
    "compare_nothing": ("Inga daterade rader.", "No dated rows."),
    "compare_table": ("Siffrorna som tabell", "The figures as a table"),
    "compare_table_caption": (
        "{place}: antal rader per status vid varje års slut",
        "{place}: rows per status at the end of each year",
    ),
    "year_col": ("År", "Year"),
    "indicator_col": ("Indikator", "Indicator"),
    "period_col": ("Period", "Period"),
    "value_col": ("Värde", "Value"),
    "period_not_given": ("anges inte", "not given"),
    "briefing_actor_list": ("Aktörer som deltar", "Actors taking part"),
    "briefing_empty": (
        "Inga åtgärder eller lägesbilder i {place} med de valda filtren.",
        "No measures or conditions in {place} with the chosen filters.",
    ),
    "briefing_sources": ("Källor: {sources}", "Sources: {sources}"),
    "pack_title": ("Trygghetskartan – lägesbild", "Trygghetskartan – briefing"),
    "pack_subtitle": (
        "Trygghetsskapande åtgärder i Kista, Klara, Jakobsberg och Valsta",
        "Safety measures in Kista, Klara, Jakobsberg and Valsta",
    ),
    "pack_data_date": ("Data per {date}", "Data as of {date}"),
    "pack_made": ("Skapad {date}.", "Made on {date}."),
    "pack_filter": ("Urval: {filter}", "Selection: {filter}"),
    "pack_about": (
        "En sida per plats: åtgärder per status, karta, tidslinje, platsens huvudsakliga "
        "utfall (anmälda brott i området den ligger i), siffror ur källorna, aktörer och "
        "källor. Varje uppgift kommer ur ett namngivet källdokument. "
        "Datum har den precision källan ger; ljusa fält på tidslinjen är osäkra datum.",
        "One page per place: measures by status, map, timeline, the place's main outcome "
        "(reported crimes in the area it lies in), figures from the sources, actors and "
        "sources. Every fact comes from a named source document. "
        "Dates have the precision the source gives; faint bars on the timeline are uncertain "
        "dates.",
    ),
    "pack_no_outcomes": (
        "Källorna ger inga siffror om platsen.",
        "The sources give no figures about the place.",
    ),
    "pack_sources": ("Källor: {sources}", "Sources: {sources}"),
    "count_col": ("Antal", "Count"),
    "legend_area_static": (
        "Siffra i en cirkel: åtgärder som gäller hela området. Symbol: åtgärd med egen punkt. "
        "Prickad fylld yta: aktiv lägesbild. Streckad kant: ungefärligt fokusområde.",
        "Number in a circle: measures covering the whole area. Symbol: a measure with its own "
        "point. Dotted filled area: an active condition. Dashed edge: an approximate focus area.",
    ),
    "pack_heading": ("Att ta med", "To take away"),
    "pack_help": (
        "PDF: ett försättsblad och en sida per plats. HTML: presentationen i en enda fil som "
        "öppnas utan server och utan nät, en plats per skärm med kartan, åtgärderna och "
        "tidslinjen; bläddra med ← → eller mellanslag. Båda visar de fyra platserna med "
        "filtren här.",
        "PDF: a cover and one page per place. HTML: the presentation in one file that opens "
        "with no server and no network, one place per screen with the map, the measures and "
        "the timeline; step with ← → or space. Both show the four places with the filters "
        "here.",
    ),
    "pack_download": ("Ladda ner lägesbild (PDF)", "Download briefing pack (PDF)"),
    "offline_download": (
        "Ladda ner presentationen (HTML)",
        "Download the presentation (HTML)",
    ),
    "static_map_credit": (
        "Områden och bakgrund: SCB RegSO 2025; fokusområden ungefärliga (streckade)",
        "Areas and background: SCB RegSO 2025; focus areas approximate (dashed)",
    ),
    "outcome_area_wider": (
        "{area} som helhet, inte bara {place}",
        "{area} as a whole, not only {place}",
    ),
    "outcome_area_elsewhere": (
        "{area}, där {place} inte ligger",
        "{area}, which {place} does not lie in",
    ),
    "effect_refused_window_size": (
        "Ange minst en period före och en efter.",
        "Give at least one period before and one after.",
    ),
    "effect_refused_same_area": (
        "Jämförelseområdet är samma som området ({area}); välj ett annat.",
        "The comparison area is the area itself ({area}); choose another one.",
    ),
    "effect_refused_indicators_differ": (
        "Serierna har olika indikatorer ({treatment} och {comparison_indicator}); jämför samma "
        "indikator.",
        "The series have different indicators ({treatment} and {comparison_indicator}); "
        "compare the same indicator.",
    ),
    "effect_refused_not_counts": (
        "Den relativa effektstorleken räknas på antal händelser, men {indicator} är i enheten "
        "{unit}.{instead}",
        "The relative effect size is computed on counts of events, but {indicator} is in the "
        "unit {unit}.{instead}",
    ),
    "effect_refused_granularity_unequal": (
        "{area} har en serie {treatment_granularity} och {comparison} en "
        "{comparison_granularity}; jämför serier med samma periodlängd.",
        "{area} has a series {treatment_granularity} and {comparison} one "
        "{comparison_granularity}; compare series of the same length of period.",
    ),
    "effect_refused_granularity_at": (
        "Den valda perioden {at} är {at_granularity}, men serierna är {granularity}; välj {one}.",
        "The chosen period {at} is {at_granularity}, but the series are {granularity}; "
        "choose {one}.",
    ),
    "effect_refused_periods_missing": (
        "{area} saknar värden för {missing} i perioderna {side} ({window}); serien går från "
        "{first} till {last}. Välj färre perioder eller en annan tidpunkt.",
        "{area} has no values for {missing} in the periods {side} ({window}); the series runs "
        "from {first} to {last}. Choose fewer periods or another point in time.",
    ),
    "effect_refused_sources_mixed": (
        "Värdena för {area} kommer från olika källor ({sources}); en jämförelse behöver en och "
        "samma källa i båda perioderna.",
        "The values for {area} come from different sources ({sources}); a comparison needs "
        "one and the same source in both windows.",
    ),
    "effect_refused_zero_count": (
        "{area} har 0 i perioderna {side} ({window}); den relativa effektstorleken och dess "
        "intervall kräver antal över noll.",
        "{area} has 0 in the periods {side} ({window}); the relative effect size and its "
        "interval need counts above zero.",
    ),
    "effect_refused_no_series": (
        "{area} har ingen serie av {indicator} {granularity}{has}.",
        "{area} has no series of {indicator} {granularity}{has}.",
    ),
    "effect_refused_start_imprecise": (
        "Starten för {title} är känd bara till {date}, så den faller inte i ett bestämt "
        "{period}; välj en längre periodlängd, eller en period i stället för åtgärdens start.",
        "The start of {title} is known only as {date}, so it falls in no one {period}; choose "
        "a longer length of period, or a period instead of the measure's start.",
    ),
    "effect_sentence": (
        "{indicator} i {treatment}: {a} under {before} och {b} under {after} "
        "({change_treatment}). I jämförelseområdet {comparison}: {c} och {d} "
        "({change_comparison}). Relativ effektstorlek RES = {res} (95 % konfidensintervall "
        "{low}–{high}): {verdict}",
        "{indicator} in {treatment}: {a} in {before} and {b} in {after} ({change_treatment}). "
        "In the comparison area {comparison}: {c} and {d} ({change_comparison}). Relative "
        "effect size RES = {res} (95% confidence interval {low}–{high}): {verdict}",
    ),
    "effect_better": (
        "{treatment} utvecklades relativt sett bättre än {comparison}.",
        "{treatment} did relatively better than {comparison}.",
    ),
    "effect_worse": (
        "{treatment} utvecklades relativt sett sämre än {comparison}.",
        "{treatment} did relatively worse than {comparison}.",
    ),
    "effect_unclear": (
        "intervallet omfattar 1, så skillnaden mellan områdena kan vara slump.",
        "the interval includes 1, so the difference between the areas may be chance.",
    ),
    "effect_limit_association": (
        "Det är ett samband, inte ett bevis: annat som ändrades under samma tid kan ligga "
        "bakom skillnaden.",
        "This is an association, not proof: anything else that changed over the same time "
        "may lie behind the difference.",
    ),
    "effect_limit_wider_place": (
        "{area} är ett vidare område än {place}: det som hände på platsen kan gå upp i resten "
        "av området.",
        "{area} is a wider area than {place}: what happened at the place may be lost in the "
        "rest of the area.",
    ),
    "effect_limit_wider": (
        "{area} är ett vidare område än platserna där åtgärderna görs: det som hände där kan "
        "gå upp i resten av området.",
        "{area} is a wider area than the places where the measures are taken: what happened "
        "there may be lost in the rest of the area.",
    ),
    "effect_limit_few": (
        "Bara {before} {periods} före och {after} efter: en enda ovanlig period kan flytta "
        "resultatet.",
        "Only {before} {periods} before and {after} after: one unusual period can move the result.",
    ),
    "effect_limit_peak": (
        "{period} hade seriens högsta värde dittills: efter en topp sjunker siffrorna ofta av "
        "sig själva (regression mot medelvärdet), så en minskning kan komma utan någon åtgärd.",
        "{period} had the series' highest value so far: after a peak, figures often fall back "
        "by themselves (regression to the mean), so a fall may come without any measure.",
    ),
    "effect_limit_preliminary": (
        "Preliminära siffror: {periods}.",
        "Preliminary figures: {periods}.",
    ),
    "followup_page": ("Uppföljning", "Follow-up"),
    "followup_intro": (
        "Fungerar åtgärderna? Utfallsserierna för de områden platsen ligger i, på samma "
        "tidsaxel som platsens åtgärder: symbolerna överst visar när de startade och bytte "
        "status. Brottsstatistiken räknas per kommun eller stadsdelsområde, inte per torg "
        "eller station.",
        "Are the measures working? The outcome series of the areas the place lies in, on the "
        "same time axis as the place's measures: the symbols at the top show when they "
        "started and changed status. Crime statistics are counted per municipality or "
        "district, not per square or station.",
    ),
    "followup_indicator": ("Utfall", "Outcome"),
    "followup_comparison": ("Jämför med", "Compare with"),
    "followup_no_comparison": ("Inget jämförelseområde", "No comparison area"),
    "followup_unit": ("Visa", "Show"),
    "followup_unit_count": ("Antal", "Counts"),
    "followup_unit_per_100k": ("Per 100 000 invånare", "Per 100,000 inhabitants"),
    "followup_no_series": (
        "Det finns inga utfallsserier med antal för områdena där {place} ligger.",
        "There are no outcome series of counts for the areas {place} lies in.",
    ),
    "followup_chart_heading": ("{indicator} {per}", "{indicator} {per}"),
    "followup_per_100k": ("per 100 000 invånare", "per 100,000 inhabitants"),
    "followup_line_solid": ("Heldragen linje", "Solid line"),
    "followup_line_dashed": ("Streckad linje", "Dashed line"),
    "followup_line": ("{line}: {words}. Källa: {source}.", "{line}: {words}. Source: {source}."),
    "followup_no_line": (
        "{area} har ingen serie av {indicator} {per}.",
        "{area} has no series of {indicator} {per}.",
    ),
    "followup_chart_note": (
        "Symbolerna överst: platsens åtgärder och lägesbilder när de startade eller bytte "
        "status (en rad per status); ett ljust fält är den tid ett datum som bara är känt till "
        "året eller kvartalet kan falla i. Peka på en symbol för att se vilka åtgärder den står "
        "för; siffrorna finns också som tabell nedan.",
        "The symbols at the top: the place's measures and conditions when they started or "
        "changed status (a row per status); a faint field is the time a date known only to "
        "the year or quarter can fall in. Point at a symbol to see which measures it stands "
        "for; the figures are also in a table below.",
    ),
    "followup_preliminary_point": ("preliminär siffra", "preliminary figure"),
    "followup_chart_alt": (
        "Linjediagram: {indicator} {per} i {areas}, {first}–{last}, med platsens åtgärder "
        "markerade på samma tidsaxel.",
        "Line chart: {indicator} {per} in {areas}, {first}–{last}, with the place's measures "
        "marked on the same time axis.",
    ),
    "followup_table": ("Siffrorna som tabell", "The figures as a table"),
    "followup_table_caption": (
        "{indicator} {per}, per område och period",
        "{indicator} {per}, by area and period",
    ),
    "followup_effect": (
        "Före och efter, mot ett jämförelseområde",
        "Before and after, against a comparison area",
    ),
    "followup_effect_intro": (
        "Välj en tidpunkt (en åtgärds start eller en period) och hur många perioder före och "
        "efter som räknas; perioden själv räknas till ingen av dem. Området och "
        "jämförelseområdet väljs ovan. Resultatet räknas på antal, som kommandot "
        "python -m safetymap effect räknar det: relativ effektstorlek (Welsh & Farrington) "
        "med 95 % konfidensintervall.",
        "Choose a point in time (a measure's start or a period) and how many periods before "
        "and after are counted; the period itself belongs to neither. The area and the "
        "comparison area are chosen above. The result is computed on counts, as the command "
        "python -m safetymap effect computes it: the relative effect size (Welsh & "
        "Farrington) with its 95% confidence interval.",
    ),
    "followup_time": ("Tidpunkt", "Point in time"),
    "followup_time_start": ("En åtgärds start", "A measure's start"),
    "followup_time_at": ("En period", "A period"),
    "followup_measure": ("Åtgärd", "Measure"),
    "followup_choose_measure": ("Välj en åtgärd", "Choose a measure"),
    "followup_choose_period": ("Välj en period", "Choose a period"),
    "followup_before": ("Perioder före", "Periods before"),
    "followup_after": ("Perioder efter", "Periods after"),
    "followup_no_starts": (
        "Inga åtgärder med startdatum i {place} med de valda filtren.",
        "No measures with a start date in {place} under the chosen filters.",
    ),
    "followup_needs_comparison": (
        "Välj ett jämförelseområde ovan för att räkna före och efter.",
        "Choose a comparison area above to count before and after.",
    ),
    "followup_needs_time": (
        "Välj en åtgärds start eller en period för att räkna före och efter.",
        "Choose a measure's start or a period to count before and after.",
    ),
    "followup_start_period": (
        "{title} startade {date}, i perioden {period}.",
        "{title} started {date}, in the period {period}.",
    ),
    "followup_role_treatment": ("området", "the area"),
    "followup_role_comparison": ("jämförelseområdet", "the comparison area"),
    "followup_before_col": ("Före ({periods})", "Before ({periods})"),
    "followup_after_col": ("Efter ({periods})", "After ({periods})"),
    "followup_change_col": ("Förändring", "Change"),
    "followup_effect_caption": (
        "Antal före och efter i området och i jämförelseområdet",
        "Counts before and after in the area and in the comparison area",
    ),
    "followup_res": ("Relativ effektstorlek (RES)", "Relative effect size (RES)"),
    "followup_res_help": (
        "RES = (a·d)/(b·c), där a och b är områdets antal före och efter, c och d "
        "jämförelseområdets. Över 1: området utvecklades relativt sett bättre.",
        "RES = (a·d)/(b·c), where a and b are the area's counts before and after, c and d "
        "the comparison area's. Above 1: the area did relatively better.",
    ),
    "followup_ci": ("95 % konfidensintervall", "95% confidence interval"),
    "followup_limits": ("Vad resultatet inte säger", "What the result does not say"),
    "followup_window_before": ("före", "before"),
    "followup_window_at": ("vald period", "chosen period"),
    "followup_window_after": ("efter", "after"),
    "followup_yes": ("ja", "yes"),
    "followup_no": ("nej", "no"),
    "followup_measures_col": ("Åtgärder och lägesbilder", "Measures and conditions"),
    "followup_date_col": ("Datum", "Date"),
    "followup_more": ("+ {n} till", "+ {n} more"),
    "briefing_outcome_latest": (
        "{period}: {value} ({change} mot {previous}: {previous_value})",
        "{period}: {value} ({change} against {previous}: {previous_value})",
    ),
    "briefing_outcome_only": ("{period}: {value}", "{period}: {value}"),
    "briefing_outcome_preliminary": ("preliminär", "preliminary"),
    "briefing_outcome_source": ("Källa: {source}", "Source: {source}"),
    "briefing_follow_up": ("Följ upp i Uppföljning", "Follow up on Follow-up"),
}


def template(key: str, lang: Lang = "sv") -> str:
    """The text ``key`` in ``lang`` with its ``{placeholders}`` left for the caller."""
    sv, en = TEXT[key]
    return sv if lang == "sv" else en


def t(key: str, lang: Lang = "sv", **params: object) -> str:
    """The text ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    return template(key, lang).format(**params)


def severity(level: Severity, lang: Lang = "sv") -> str:
    """A problem's severity in words: "fel" or "varning" ("error", "warning")."""
    return t("severity_error" if level is Severity.ERROR else "severity_warning", lang)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])")
# Streamlit's Markdown links bare addresses (http://…, www.…, name@host) in the text it shows,
# escaped or not: an invisible word joiner after "://"'s colon, after "www" and before "@"
# keeps them from reading as one.
_AUTOLINKS = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\\\.)|(?=@)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def escape_markdown(text: str) -> str:
    """Text that Streamlit's Markdown shows as it is written: no links (bare addresses
    included), images, HTML or emphasis."""
    return _AUTOLINKS.sub(WORD_JOINER, _MARKDOWN_SPECIAL.sub(r"\\\1", text))


def format_number(value: float, lang: Lang = "sv") -> str:
    """A figure as people write it: 14 261 and 20,5 (sv), 14,261 and 20.5 (en)."""
    text = f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"
    return text.replace(",", "\u00a0").replace(".", ",") if lang == "sv" else text
