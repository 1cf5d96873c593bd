"""The API's rows are the map's rows: for one link's filter, the measures the API's items
endpoint answers are those the map (AppTest) is given, on the same store."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from starlette.requests import Request
from streamlit.testing.v1 import AppTest

from safetymap.api.endpoints import Api
from safetymap.api.source import Source
from safetymap.config import get_settings
from tests.conftest import ROOT, map_titles

LINKS = [
    {},
    {"place": ["kista"]},
    {"place": ["klara", "valsta"], "kind": ["condition"]},
    {"actor": ["Polisen"], "status": ["ongoing", "active"]},
    {"type": ["collaboration"], "year_from": ["2021"], "year_to": ["2022"]},
    {"as_of": ["2020-06-30"]},
    {"q": ["kamera"]},
    {"q": ["trygghet"], "place": ["sergels-torg"], "lang": ["en"]},
]


def _items(api: Api, params: dict[str, list[str]]) -> dict:
    """The items endpoint's answer, called as the server calls it."""
    query = urlencode({**params, "limit": ["1000"]}, doseq=True).encode()
    scope = {
        "type": "http",
        "method": "GET",
        "scheme": "http",
        "server": ("127.0.0.1", 8501),
        "root_path": "/api",
        "path": "/api/collections/measures/items",
        "query_string": query,
        "headers": [],
        "path_params": {"collection": "measures"},
    }
    answer = api.answer("items", Request(scope))
    assert answer.status_code == 200, answer.body
    return json.loads(answer.body)


@pytest.mark.parametrize("link", LINKS, ids=lambda link: urlencode(link, doseq=True) or "all")
def test_the_apis_rows_are_the_maps_rows_for_the_same_link(
    monkeypatch: pytest.MonkeyPatch, link: dict[str, list[str]]
) -> None:
    monkeypatch.delenv("SAFETYMAP_MEASURES", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, values in link.items():
        at.query_params[key] = values
    at.run()  # seeds the store with the shipped file, as a first visit does
    assert not at.exception and not at.sidebar.warning, "the link is used as given"
    answer = _items(Api(Source(get_settings())), link)
    titles = [f["properties"]["title"] for f in answer["features"]]
    assert sorted(titles) == sorted(map_titles(at))
    assert answer["numberMatched"] == int(at.metric[0].value) == len(titles)
