"""The worker process: a request's parts cross the pipe, the answer comes back (gzipped for a
client that takes it), and a worker found dead is replaced."""

from __future__ import annotations

import asyncio
import gzip
import json

from starlette.requests import Request

from safetymap.api.worker import Worker, call, compressed
from tests.api.conftest import api_request


def _request(path: str, query: bytes = b"", headers=()) -> Request:
    return api_request(path, query, [(b"cookie", b"secret"), *headers], collection="places")


def test_a_call_keeps_what_the_answer_needs_and_nothing_more() -> None:
    message = call("items", _request("/collections/places/items", b"limit=2"))
    assert message["endpoint"] == "items"
    assert message["scope"]["query_string"] == b"limit=2"
    assert message["scope"]["headers"] == [(b"host", b"127.0.0.1:8501")]  # no cookie


def test_an_answer_is_gzipped_only_for_a_client_that_takes_it() -> None:
    body = json.dumps({"features": ["x"] * 1000}).encode()
    headers = [(b"content-type", b"application/geo+json"), (b"content-length", b"1")]
    plain = compressed(_request("/"), 200, headers, body)
    assert plain == (200, headers, body)
    _, packed_headers, packed = compressed(
        _request("/", headers=[(b"accept-encoding", b"gzip, br")]), 200, headers, body
    )
    assert gzip.decompress(packed) == body
    assert dict(packed_headers)[b"content-encoding"] == b"gzip"
    assert dict(packed_headers)[b"content-length"] == str(len(packed)).encode()


def test_the_worker_answers_and_a_dead_one_is_replaced() -> None:
    async def exchange() -> tuple[dict, dict]:
        worker = Worker()
        try:
            message = call("items", _request("/collections/places/items", b"limit=2"))
            status, _, body = await worker.answer(message)
            assert status == 200
            first = json.loads(body)
            assert worker._process is not None
            worker._process.kill()
            await worker._process.wait()
            status, _, body = await worker.answer(message)
            assert status == 200
            return first, json.loads(body)
        finally:
            await worker.stop()

    first, again = asyncio.run(exchange())
    assert [f["id"] for f in first["features"]] == ["kista", "kista-busstorg"]
    assert again["features"] == first["features"]
