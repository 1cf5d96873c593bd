"""The source documents the shipped dataset is built from (``sources/sources.json``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Source:
    """One public document: what the ``source`` column names, and where its copy lies."""

    source: str
    file: str
    publisher: str
    title: str
    published: str | None
    kind: str
    places: tuple[str, ...]


def load_sources(path: str | Path) -> list[Source]:
    """Read the source registry; a missing file means no registry (an analyst's own data)."""
    path = Path(path)
    if not path.is_file():
        return []
    records = json.loads(path.read_text(encoding="utf-8"))
    return [
        Source(
            r["source"],
            r["file"],
            r["publisher"],
            r["title"],
            r.get("published"),
            r.get("kind", ""),
            tuple(r.get("places", ())),
        )
        for r in records
    ]
