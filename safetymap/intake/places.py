"""Places: the polygons of ``geodata/places.geojson`` and matching a ``place`` cell to them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from safetymap.contract.schema import METRIC_CRS, PLACE, WGS84, fold


@dataclass(frozen=True)
class Place:
    """One place or focus area, as shipped in ``geodata/places.geojson``."""

    id: str
    name: str
    parent: str | None
    municipality: str
    kommun_code: str
    approximate: bool
    aliases: tuple[str, ...]
    note: str
    source: str
    license: str


class Places:
    """The places of the product: lookup by id, name or alias, hierarchy and geometry."""

    def __init__(self, frame: gpd.GeoDataFrame) -> None:
        self.frame = frame.set_index("id", drop=False)
        self.metric = self.frame.geometry.to_crs(METRIC_CRS)
        self.by_id: dict[str, Place] = {}
        self._lookup: dict[str, str] = {}
        for record in json.loads(self.frame.drop(columns="geometry").to_json(orient="records")):
            place = Place(
                id=record["id"],
                name=record["name"],
                parent=record.get("parent") or None,
                municipality=record.get("municipality", ""),
                kommun_code=record.get("kommun_code", ""),
                approximate=bool(record.get("approximate")),
                aliases=tuple(record.get("aliases") or ()),
                note=record.get("note") or "",
                source=record.get("source") or "",
                license=record.get("license") or "",
            )
            self.by_id[place.id] = place
            for spelling in (*place.aliases, place.name, place.id):
                self._lookup[fold(spelling)] = place.id

    def match(self, text: str) -> str | None:
        """The id of the place ``text`` names (id, name or alias; case and accents ignored)."""
        return self._lookup.get(fold(text))

    def ids(self) -> list[str]:
        return list(self.by_id)

    def top_level(self) -> list[str]:
        return [p.id for p in self.by_id.values() if p.parent is None]

    def children(self, place_id: str) -> list[str]:
        return [p.id for p in self.by_id.values() if p.parent == place_id]

    def with_descendants(self, place_id: str) -> list[str]:
        """A place and every focus area under it: what a filter on the place includes."""
        found = [place_id]
        for child in self.children(place_id):
            found.extend(self.with_descendants(child))
        return found

    def shown_geometries(self, measures: gpd.GeoDataFrame) -> list[shapely.Geometry]:
        """Each row's geometry as it is shown and exported: its own point, line or area, or,
        for a row with none (it covers its place), its place's polygon, never a point made
        up for it."""
        polygons = self.frame.geometry
        return [
            own if own is not None else polygons[place]
            for own, place in zip(measures.geometry, measures[PLACE])
        ]

    def distances_outside_m(
        self, place_ids: Sequence[str], geometries: Sequence[shapely.Geometry]
    ) -> np.ndarray:
        """Metres from each WGS84 geometry to its place polygon (0 when inside or touching).

        What touches its place (nearly every row) is found per place in one prepared
        intersection test; only the rest are reprojected and measured.
        """
        ids = np.asarray(place_ids, dtype=object)
        shapes = np.asarray(geometries, dtype=object)
        distances = np.zeros(len(shapes))
        for place_id in set(ids):
            index = np.flatnonzero(ids == place_id)
            polygon = self.frame.geometry[place_id]
            shapely.prepare(polygon)
            outside = index[~shapely.intersects(polygon, shapes[index])]
            if len(outside):
                metric = gpd.GeoSeries(shapes[outside], crs=WGS84).to_crs(METRIC_CRS)
                distances[outside] = shapely.distance(
                    np.asarray(metric.values), self.metric[place_id]
                )
        return distances


def read_geojson(path: str | Path, what: str, properties: set[str]) -> gpd.GeoDataFrame:
    """The features of the GeoJSON file at ``path`` (``what`` they are, for the message), in
    WGS84; raises ValueError naming the file when it cannot be read or lacks ``properties``."""
    try:
        frame = gpd.read_file(path)
    except Exception as exc:
        raise ValueError(f"{path}: cannot read {what}: {exc}") from exc
    missing = properties - set(frame.columns)
    if missing:
        raise ValueError(f"{path}: {what} lack properties {sorted(missing)}")
    # GeoJSON is WGS84 by definition (RFC 7946); label it so whatever the reader reported.
    return frame.set_crs(WGS84, allow_override=True)


def load_places(path: str | Path) -> Places:
    """Read ``places.geojson`` (WGS84); raises ValueError naming the file when it is unusable."""
    return Places(read_geojson(path, "places", {"id", "name", "parent", "approximate"}))
