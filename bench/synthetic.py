"""Write a SYNTHETIC measures CSV of N rows over the four places (valid under the contract).

    python -m bench.synthetic 100000 /tmp/synthetic-100k.csv [--seed 1] [--located 0.7]

``--located``: the share of rows with a point of their own (the rest cover their place, as
74 of the 78 shipped rows do).

Every row is marked synthetic in its title and source; nothing here is real data.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
from pathlib import Path

from safetymap.contract.vocab import measure_types, statuses

PLACES = {  # place id → (lat, lon) centre and spread in degrees, inside the place
    "kista-busstorg": (59.4037, 17.9420, 0.0003),
    "kista": (59.4030, 17.9440, 0.004),
    "sergels-torg": (59.3324, 18.0637, 0.0003),
    "klara": (59.3320, 18.0620, 0.002),
    "jakobsberg-station": (59.4238, 17.8345, 0.0004),
    "jakobsberg": (59.4225, 17.8370, 0.001),
    "valsta-centrum": (59.6168, 17.8280, 0.0005),
    "valsta": (59.6166, 17.8279, 0.001),
}
ACTORS = [
    "Polisen",
    "Trafikkontoret",
    "Järfälla kommun",
    "Sigtuna kommun",
    "Lokalpolisområde Järva",
    "Fastighetsägare på Järva",
    "Nattvandrare",
]
HEADER = [
    "id",
    "title",
    "place",
    "kind",
    "measure_type",
    "actors",
    "status",
    "start_date",
    "end_date",
    "lat",
    "lon",
    "cost_sek",
    "source",
]


LOCATED = 0.7  # share of rows with a point of their own, unless told


def rows(n: int, seed: int, located_share: float = LOCATED) -> list[list[str]]:
    rng = random.Random(seed)
    types = measure_types().ids("measure")
    out = []
    for i in range(n):
        place = rng.choice(list(PLACES))
        lat, lon, spread = PLACES[place]
        condition = rng.random() < 0.03
        kind = "condition" if condition else "measure"
        mtype = rng.choice(["open_drug_scene", "risk_area"]) if condition else rng.choice(types)
        status = rng.choice(statuses().ids(kind))
        year = rng.randint(2016, 2026)
        located = rng.random() < located_share
        out.append(
            [
                f"syn-{i:06d}",
                f"SYNTETISK åtgärd {i}",
                place,
                kind,
                mtype,
                " | ".join(rng.sample(ACTORS, rng.randint(1, 3))),
                status,
                str(year),
                str(year + rng.randint(0, 2)) if status in {"completed", "lifted"} else "",
                f"{lat + rng.uniform(-spread, spread):.6f}" if located else "",
                f"{lon + rng.uniform(-spread, spread):.6f}" if located else "",
                str(rng.randint(0, 500) * 1000) if rng.random() < 0.2 else "",
                "SYNTETISK testdata (bench/synthetic.py)",
            ]
        )
    return out


def _trouble(row: list[str], i: int) -> list[str]:
    """``row`` with the problem number ``i % 9`` of those analysts' files carry."""
    cells = dict(zip(HEADER, row))
    match i % 9:
        case 0:
            cells["status"] = "klar kanske"  # not a status
        case 1:
            cells["start_date"] = "våren 2021"  # not a date
        case 2:
            cells["id"] = "syn-000000"  # an id used before
        case 3:
            cells["lat"], cells["lon"] = cells["lon"] or "17.9", cells["lat"] or "59.4"
        case 4:
            cells["lat"] = cells["lat"].replace(".", ",")  # decimal comma: fine, read slowly
            cells["lon"] = cells["lon"].replace(".", ",")
        case 5:
            cells["start_date"], cells["end_date"] = "2024-05", "2023"  # ends before it starts
        case 6:
            cells["actors"] = f"Okänd aktör {i}"  # a warning, not an error
        case 7:
            cells["title"] = f"SYNTETISK åtgärd {i}\nmed radbrytning"  # a quoted line break
        case 8:
            cells["place"] = "Okänd plats"
    return [cells[name] for name in HEADER]


def troubled(rows: list[list[str]]) -> list[list[str]]:
    """The same SYNTHETIC rows, each with one problem in turn (unknown status, unreadable
    date, repeated id, swapped coordinates, decimal commas, end before start, unknown actor,
    a line break in a cell, unknown place): a file that takes every slow path."""
    return [_trouble(row, i) for i, row in enumerate(rows)]


def synthetic_csv(
    n: int, with_problems: bool = False, seed: int = 1, located: float = LOCATED
) -> bytes:
    """A SYNTHETIC measures file of ``n`` rows (UTF-8, comma), a share ``located`` of them
    with a point; ``with_problems``: every row carries one of the usual problems
    (``troubled``)."""
    body = rows(n, seed, located)
    out = io.StringIO(newline="")
    csv.writer(out).writerows([HEADER, *(troubled(body) if with_problems else body)])
    return out.getvalue().encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("rows", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--located", type=float, default=LOCATED)
    args = parser.parse_args()
    Path(args.out).write_bytes(synthetic_csv(args.rows, seed=args.seed, located=args.located))


if __name__ == "__main__":
    main()
