"""Helpers shared by the API's tests."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.requests import Request


def api_request(
    path: str,
    query: bytes = b"",
    headers: Sequence[tuple[bytes, bytes]] = (),
    **path_params: str,
) -> Request:
    """A GET of ``/api{path}`` on 127.0.0.1:8501 as Starlette hands it to a route."""
    return Request(
        {
            "type": "http",
            "method": "GET",
            "scheme": "http",
            "server": ("127.0.0.1", 8501),
            "root_path": "/api",
            "path": f"/api{path}",
            "query_string": query,
            "headers": [(b"host", b"127.0.0.1:8501"), *headers],
            "path_params": path_params,
        }
    )
