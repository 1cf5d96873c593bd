"""Plain HTTP to a test server on the loopback (never through a proxy): the API as any client
sees it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.error import HTTPError
from urllib.request import ProxyHandler, Request, build_opener

from tools.browser import is_loopback

_OPENER = build_opener(ProxyHandler({}))


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0]


def fetch(url: str, method: str = "GET", headers: dict[str, str] | None = None,
          data: bytes | None = None) -> Answer:  # fmt: skip
    """One request; an error status is an answer too."""
    if not is_loopback(url):
        raise ValueError(f"loopback only: {url}")
    request = Request(url, data=data, method=method, headers=headers or {})
    try:
        with _OPENER.open(request, timeout=60) as response:
            return Answer(response.status, _lower(response.headers.items()), response.read())
    except HTTPError as error:
        return Answer(error.code, _lower(error.headers.items()), error.read())


def _lower(items) -> dict[str, str]:
    return {name.lower(): value for name, value in items}


def get_json(url: str) -> Any:
    answer = fetch(url)
    assert answer.status == 200, (url, answer.status, answer.body[:500])
    return answer.json()


def all_features(url: str) -> tuple[list[dict], list[dict]]:
    """Every feature from ``url`` on, following the ``next`` links; and every page."""
    features, pages = [], []
    while url:
        page = get_json(url)
        pages.append(page)
        features += page["features"]
        url = next((link["href"] for link in page["links"] if link["rel"] == "next"), "")
        assert len(pages) < 1000, "paging does not end"
    return features, pages
