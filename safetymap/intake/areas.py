"""Areas an outcome series is counted in: the places and focus areas of
``geodata/places.geojson``, and the wider areas of ``geodata/areas.geojson`` (a kommun as
``kommun-<code>``, a stadsdelsområde as ``sdo-<name>``), each with its polygon.

Crime statistics are published for kommuner and stadsdelsområden, not for a square or a
station: each wider area knows which places lie in it (``places``, worked out from the
polygons by ``tools/build_geodata.py``), so that a series can say how much wider than the
place it is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import geopandas as gpd
import pandas as pd

from safetymap.contract.problems import Lang
from safetymap.contract.schema import WGS84, fold
from safetymap.intake.places import Places, read_geojson

Level = Literal["focus_area", "place", "stadsdelsomrade", "kommun"]
# From the narrowest to the widest.
LEVELS: tuple[Level, ...] = ("focus_area", "place", "stadsdelsomrade", "kommun")


@dataclass(frozen=True)
class Area:
    """One area: its id, names, level, and the places (ids) that lie in it (a place lies in
    itself; a place includes its focus areas)."""

    id: str
    name: str
    name_en: str
    level: Level
    kommun_code: str
    places: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    approximate: bool = False
    note: str = ""
    source: str = ""
    license: str = ""

    def label(self, lang: Lang = "sv") -> str:
        return self.name if lang == "sv" else self.name_en

    @property
    def wider(self) -> bool:
        """A kommun or stadsdelsområde: wider than any of the four places."""
        return self.level in ("stadsdelsomrade", "kommun")


class Areas:
    """Every area: lookup by id, name or alias, the areas a place lies in, and polygons."""

    def __init__(self, places: Places, wider: gpd.GeoDataFrame) -> None:
        self.places = places
        self.by_id: dict[str, Area] = {}
        for place in places.by_id.values():
            self.by_id[place.id] = Area(
                id=place.id,
                name=place.name,
                name_en=place.name,
                level="focus_area" if place.parent else "place",
                kommun_code=place.kommun_code,
                places=tuple(places.with_descendants(place.id)),
                aliases=place.aliases,
                approximate=place.approximate,
                note=place.note,
                source=place.source,
                license=place.license,
            )
        records = json.loads(wider.drop(columns="geometry").to_json(orient="records"))
        for record in records:
            self.by_id[record["id"]] = Area(
                id=record["id"],
                name=record["name"],
                name_en=record.get("name_en") or record["name"],
                level=record["level"],
                kommun_code=record.get("kommun_code", ""),
                places=tuple(record.get("places") or ()),
                aliases=tuple(record.get("aliases") or ()),
                approximate=bool(record.get("approximate")),
                note=record.get("note") or "",
                source=record.get("source") or "",
                license=record.get("license") or "",
            )
        self.frame = gpd.GeoDataFrame(
            pd.concat(
                [
                    places.frame[["id", "name", "geometry"]].reset_index(drop=True),
                    wider[["id", "name", "geometry"]],
                ],
                ignore_index=True,
            ),
            crs=WGS84,
        ).set_index("id", drop=False)
        self._lookup: dict[str, str] = {}
        for area in self.by_id.values():
            for spelling in (area.id, area.name, area.name_en, *area.aliases):
                self._lookup.setdefault(fold(spelling), area.id)

    def match(self, text: str) -> str | None:
        """The id of the area ``text`` names (id, name or alias; case and accents ignored)."""
        return self._lookup.get(fold(text))

    def ids(self) -> list[str]:
        return list(self.by_id)

    def containing(self, place_id: str) -> list[Area]:
        """The areas ``place_id`` lies in, from the narrowest (the place itself) to the
        widest; a focus area lies in its place too."""
        found = [area for area in self.by_id.values() if place_id in area.places]
        return sorted(found, key=lambda area: LEVELS.index(area.level))


def load_areas(places: Places, path: str | Path) -> Areas:
    """``places`` and the wider areas of the GeoJSON file at ``path`` (WGS84); raises
    ValueError naming the file when it is unusable."""
    frame = read_geojson(path, "areas", {"id", "name", "level", "places"})
    clash = set(frame["id"]) & set(places.ids())
    if clash:
        raise ValueError(f"{path}: area ids {sorted(clash)} are places already")
    return Areas(places, frame)
