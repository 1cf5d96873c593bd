"""Build outcomes.csv from the copies of Brå's statistics in sources/outcomes/.

Run by a developer when the copies change (never by the app):

    python tools/build_outcomes.py

Every count and every rate per 100 000 of the copies becomes a row of its own, value for
value (``tests/test_outcomes_data.py`` checks it): the yearly figures of the three kommuner
from 2015 (the series shift in level around 2014–2015, see sources/outcomes/SOURCES.md), their
quarterly totals from 2015-Q1, and the monthly figures of the kommuner and the two
stadsdelsområden (2020–2023). Preliminary figures are marked: the quarters the copy flags,
and the months of 2023, which Brå's export labelled "2023 prel.".
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "sources" / "outcomes"
OUT = ROOT / "outcomes.csv"
FIRST_YEAR = 2015

COLUMNS = ["area", "indicator", "period", "value", "unit", "preliminary", "source", "source_ref"]
YEARLY, QUARTERLY, MONTHLY = (
    "bra_reported_crimes_yearly.csv",
    "bra_reported_crimes_quarterly.csv",
    "bra_reported_crimes_monthly_districts.csv",
)
SOURCE = {
    YEARLY: "Brå, Statistik On-Line: anmälda brott per kommun och år",
    QUARTERLY: "Brå, Statistik On-Line: anmälda brott per kommun och kvartal",
    MONTHLY: "Brå, Statistik On-Line: anmälda brott per månad",
}
# Brå's categories as the yearly and quarterly copies key them, with their SOL offence ids.
CATEGORIES = {
    "total": "5036 Totalt antal brott",
    "person": "11086 3–7 kap. Brott mot person",
    "theft": "11095 8 kap. Stöld, rån m.m.",
    "burglary": "11462 Stöld genom inbrott, inbrottsstöld i bostad",
    "vandalism": "11099 12 kap. Skadegörelsebrott",
    "drugs_weapons": "11650 narkotikastrafflagen + 11708 vapenlagen, summerade vid importen "
    "(Brå publicerar inte summan)",
}
# The monthly export's categories, as Brå words them.
MONTHLY_CATEGORIES = {
    "3-7 kap. Brott mot person": "person",
    "3 kap. Brott mot liv och hälsa": "life_health",
    "därav misshandel inkl. grov": "assault",
    "4 kap. Brott mot frihet och frid": "liberty_peace",
    "5 kap. Ärekränkningsbrott": "defamation",
    "6 kap. Sexualbrott": "sexual",
    "7 kap. Brott mot familj": "family",
    "Brott mot brottsbalken": "penal_code",
}
MONTHLY_AREAS = {
    "Järfälla kommun": "kommun-0123",
    "Sigtuna kommun": "kommun-0191",
    "Stockholm kommun": "kommun-0180",
    "Stadsdelsområde Norrmalm (Sthlm)": "sdo-norrmalm",
    "Stadsdelsområde Rinkeby-Kista (Sthlm)": "sdo-rinkeby-kista",
}
PRELIMINARY_EXPORT = "Databasfil2023.txt"  # every year in it is labelled "2023 prel."


def _read(name: str) -> list[dict[str, str]]:
    with (RAW / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _pair(
    area: str, category: str, period: str, record: dict[str, str], source: str, ref: str
) -> Iterator[dict[str, str]]:
    """The count and the rate of one record of a copy, as two rows."""
    flag = "true" if record.get("preliminary") == "true" else "false"
    yield {
        "area": area,
        "indicator": f"reported_crimes_{category}",
        "period": period,
        "value": record["count"],
        "unit": "count",
        "preliminary": flag,
        "source": source,
        "source_ref": ref,
    }
    yield {
        "area": area,
        "indicator": f"reported_crimes_{category}_per_100k",
        "period": period,
        "value": record["per_100k"],
        "unit": "per_100k",
        "preliminary": flag,
        "source": source,
        "source_ref": ref,
    }


def _commit(record: dict[str, str]) -> str:
    return "|".join(commit[:7] for commit in record["source_commit"].split("|"))


def yearly() -> Iterator[dict[str, str]]:
    for record in _read(YEARLY):
        if int(record["year"]) < FIRST_YEAR:
            continue
        ref = (
            f"SOL, anmälda brott per kommun, helår (meny 101): {CATEGORIES[record['category']]}. "
            f"Via {record['source_repo']} {record['source_path']} @{_commit(record)}; "
            f"kopia: sources/outcomes/{YEARLY}"
        )
        yield from _pair(
            f"kommun-{record['area_code']}",
            record["category"],
            record["year"],
            record,
            SOURCE[YEARLY],
            ref,
        )


def quarterly() -> Iterator[dict[str, str]]:
    for record in _read(QUARTERLY):
        year, quarter = record["period"].split("K")
        if int(year) < FIRST_YEAR:
            continue
        ref = (
            f"SOL, anmälda brott per månad/kvartal (meny 90): {CATEGORIES[record['category']]}, "
            f"{record['period']}. Via {record['source_repo']} {record['source_path']} "
            f"@{_commit(record)}; kopia: sources/outcomes/{QUARTERLY}"
        )
        yield from _pair(
            f"kommun-{record['area_code']}",
            record["category"],
            f"{year}-Q{quarter}",
            record,
            SOURCE[QUARTERLY],
            ref,
        )


def monthly() -> Iterator[dict[str, str]]:
    for record in _read(MONTHLY):
        preliminary = PRELIMINARY_EXPORT in record["source_path"]
        ref = (
            f"SOL-export {record['source_path']} (melane1978/PythonAiCourse @{_commit(record)}): "
            f"{record['area_name']}, {record['category']}"
            f"{', år 2023 prel.' if preliminary else ''}; kopia: sources/outcomes/{MONTHLY}"
        )
        yield from _pair(
            MONTHLY_AREAS[record["area_name"]],
            MONTHLY_CATEGORIES[record["category"]],
            f"{record['year']}-{int(record['month']):02d}",
            {**record, "preliminary": "true" if preliminary else "false"},
            SOURCE[MONTHLY],
            ref,
        )


def _granularity(period: str) -> int:
    """Years first, then quarters, then months."""
    return 0 if len(period) == 4 else 1 if "Q" in period else 2


def build(out: Path = OUT) -> int:
    rows = [*yearly(), *quarterly(), *monthly()]
    rows.sort(key=lambda r: (r["area"], r["indicator"], _granularity(r["period"]), r["period"]))
    with out.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    print(f"{target}: {build(target)} rows")
