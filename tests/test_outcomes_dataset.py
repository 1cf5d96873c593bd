"""The shipped outcomes.csv: Brå's series, value for value as the copies in sources/outcomes/
hold them, preliminary figures marked, and made by tools/build_outcomes.py."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from safetymap.intake.areas import Areas
from safetymap.intake.outcomes import load_outcomes
from tests.conftest import ROOT
from tools import build_outcomes

RAW = ROOT / "sources" / "outcomes"
FIRST_YEAR = 2015


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@pytest.fixture(scope="module")
def shipped(areas: Areas) -> dict[tuple[str, str, str], tuple[float, bool]]:
    """Every shipped value by (area, indicator, period), with its preliminary flag."""
    table = load_outcomes(ROOT / "outcomes.csv", areas).table
    return {
        (r.area, r.indicator, r.period): (r.number, r.preliminary)
        for r in table.itertuples(index=False)
    }


def _expected() -> dict[tuple[str, str, str], tuple[float, bool]]:
    """What the copies say, read here on their own terms (not through the build tool)."""
    expected: dict[tuple[str, str, str], tuple[float, bool]] = {}

    def put(area: str, category: str, period: str, record: dict[str, str], prel: bool) -> None:
        for suffix, column in (("", "count"), ("_per_100k", "per_100k")):
            key = (area, f"reported_crimes_{category}{suffix}", period)
            assert key not in expected, key
            expected[key] = (float(record[column]), prel)

    for r in _rows(RAW / "bra_reported_crimes_yearly.csv"):
        if int(r["year"]) >= FIRST_YEAR:
            put(f"kommun-{r['area_code']}", r["category"], r["year"], r, r["preliminary"] == "true")
    for r in _rows(RAW / "bra_reported_crimes_quarterly.csv"):
        year, quarter = r["period"].split("K")
        if int(year) >= FIRST_YEAR:
            period = f"{year}-Q{quarter}"
            put(f"kommun-{r['area_code']}", r["category"], period, r, r["preliminary"] == "true")
    names = {
        "Järfälla kommun": "kommun-0123",
        "Sigtuna kommun": "kommun-0191",
        "Stockholm kommun": "kommun-0180",
        "Stadsdelsområde Norrmalm (Sthlm)": "sdo-norrmalm",
        "Stadsdelsområde Rinkeby-Kista (Sthlm)": "sdo-rinkeby-kista",
    }
    for r in _rows(RAW / "bra_reported_crimes_monthly_districts.csv"):
        category = build_outcomes.MONTHLY_CATEGORIES[r["category"]]
        period = f"{r['year']}-{int(r['month']):02d}"
        put(names[r["area_name"]], category, period, r, "Databasfil2023" in r["source_path"])
    return expected


def test_the_shipped_series_equal_the_copies_value_for_value(shipped) -> None:
    expected = _expected()
    assert set(shipped) == set(expected)
    differing = {
        key: (shipped[key], want) for key, want in expected.items() if shipped[key] != want
    }
    assert differing == {}


def test_preliminary_figures_are_marked(shipped) -> None:
    preliminary = sorted(period for (area, _, period), (_, prel) in shipped.items() if prel)
    assert {p for p in preliminary if "Q" in p} == {"2026-Q1", "2026-Q2"}
    assert {p[:4] for p in preliminary if "Q" not in p} == {"2023"}  # the 2023 months
    assert not any(prel for (_, _, period), (_, prel) in shipped.items() if len(period) == 4)


def test_the_series_start_in_2015(shipped) -> None:
    assert min(int(period[:4]) for _, _, period in shipped) == FIRST_YEAR
    years = sorted(
        {
            p
            for a, i, p in shipped
            if (a, i) == ("kommun-0123", "reported_crimes_total") and len(p) == 4
        }
    )
    assert years == [str(y) for y in range(2015, 2026)]


def test_the_build_tool_makes_the_shipped_file(tmp_path: Path) -> None:
    out = tmp_path / "outcomes.csv"
    build_outcomes.build(out)
    assert out.read_bytes() == (ROOT / "outcomes.csv").read_bytes()


def test_the_copies_keep_their_provenance_and_credit_bra() -> None:
    sources = (RAW / "SOURCES.md").read_text(encoding="utf-8")
    assert "Källa: Brå" in sources and "reused freely" in sources
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Källa: Brå" in readme and "sources/outcomes" in readme
