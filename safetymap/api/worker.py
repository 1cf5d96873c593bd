"""The API's data work in a process of its own, so that the app's sessions never wait for it.

Every script run of a Streamlit session holds the server's one Python interpreter (its
GIL) while it runs; API work done in a thread of the same process took turns with it, and a
client paging through the API without pause made the sessions' filter changes twice as slow
(``bench/api_load.py``). The worker, ``python -m safetymap.api.worker``, has an interpreter
and a core of its own: it reads the store, filters, builds and serializes the features (and
compresses them for a client that takes gzip), and the server's event loop only passes bytes.

The server speaks to it over its standard input and output, one request at a time: a
request is the HTTP request's parts (``call``), the answer its status, headers and body; each
message is a length (8 bytes, big-endian) and a pickle. Both ends are this package, started
by the server itself, so nothing else ever writes to these pipes. The worker starts with the
first API request, inherits the server's environment (the same store and settings), and ends
when the server closes its input (or dies). A worker found dead is replaced and the request
asked again (once: every request only reads); one that takes longer than ``TIMEOUT_S`` is
stopped and the request answered 503, and the next request starts a new one.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import os
import pickle
import sys
import traceback
from typing import Any, BinaryIO

from starlette.requests import Request

from safetymap.api.endpoints import Api, error_response, lang_of, say
from safetymap.api.source import Source
from safetymap.config import ROOT, get_settings

TIMEOUT_S = 120.0
GZIP_MIN = 1000  # bytes: smaller answers go as they are
GZIP_LEVEL = 5  # as Streamlit's own compression
COMPRESSIBLE = ("application/json", "application/geo+json", "application/ld+json",
                "application/vnd.oai.openapi+json", "text/csv")  # fmt: skip
_SIZE = 8

Answer = tuple[int, list[tuple[bytes, bytes]], bytes]  # status, raw headers, body


class WorkerUnavailable(Exception):
    """The worker failed or took too long; the request cannot be answered now."""


def call(endpoint: str, request: Request) -> dict[str, Any]:
    """What the worker needs of an HTTP request to answer it: the endpoint's name and the
    request's scope, less what cannot cross a pipe (the app, the connection)."""
    scope = request.scope
    keep = {b"host", b"accept-encoding"}
    return {
        "endpoint": endpoint,
        "scope": {
            "type": "http",
            "method": scope["method"],
            "scheme": scope.get("scheme", "http"),
            "server": scope.get("server"),
            "root_path": scope.get("root_path", ""),
            "path": scope["path"],
            "query_string": scope.get("query_string", b""),
            "headers": [(k, v) for k, v in scope.get("headers", []) if k in keep],
            "path_params": dict(scope.get("path_params", {})),
        },
    }


def _write(stream: BinaryIO, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(_SIZE, "big") + data)
    stream.flush()


def _read(stream: BinaryIO) -> Any | None:
    header = stream.read(_SIZE)
    if len(header) < _SIZE:
        return None
    return pickle.loads(stream.read(int.from_bytes(header, "big")))


def compressed(
    request: Request, status: int, headers: list[tuple[bytes, bytes]], body: bytes
) -> Answer:
    """The answer gzipped when the client takes gzip and it is worth it (Streamlit's own
    compression then passes it on as it is)."""
    media_type = dict(headers).get(b"content-type", b"").decode().split(";")[0]
    if (
        "gzip" not in request.headers.get("accept-encoding", "")
        or len(body) < GZIP_MIN
        or media_type not in COMPRESSIBLE
    ):
        return status, headers, body
    packed = gzip.compress(body, compresslevel=GZIP_LEVEL)
    kept = [(k, v) for k, v in headers if k != b"content-length"]
    extra = [(b"content-encoding", b"gzip"), (b"vary", b"Accept-Encoding")]
    return status, [*kept, *extra, (b"content-length", str(len(packed)).encode())], packed


def main() -> None:
    """Answer requests from standard input on standard output until the input ends."""
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print goes to the log
    inbox = sys.stdin.buffer
    api = Api(Source(get_settings()))
    while (message := _read(inbox)) is not None:
        request = Request(message["scope"])
        try:
            response = api.answer(message["endpoint"], request)
        except Exception:  # a fault of ours: told in the log, answered 500, the worker lives on
            traceback.print_exc()
            response = error_response(500, "InternalError", say("internal", lang_of(request)))
        answer = compressed(request, response.status_code, response.raw_headers, response.body)
        _write(channel, answer)


class Worker:
    """The server's side: one worker process, started when first needed, one request at a
    time (``answer``)."""

    def __init__(self) -> None:
        self._process: asyncio.subprocess.Process | None = None
        self._lock: asyncio.Lock | None = None

    async def answer(self, message: dict[str, Any]) -> Answer:
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            # A worker found dead is replaced and asked again, once: every request only reads.
            for attempt in (1, 2):
                try:
                    return await asyncio.wait_for(self._exchange(message), TIMEOUT_S)
                except (OSError, EOFError, asyncio.IncompleteReadError, TimeoutError) as error:
                    await self.stop()
                    if attempt == 2 or isinstance(error, TimeoutError):
                        raise WorkerUnavailable(str(error) or type(error).__name__) from error
            raise AssertionError("unreachable")

    async def _exchange(self, message: dict[str, Any]) -> Answer:
        process = await self._running()
        assert process.stdin is not None and process.stdout is not None
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        process.stdin.write(len(data).to_bytes(_SIZE, "big") + data)
        await process.stdin.drain()
        size = int.from_bytes(await process.stdout.readexactly(_SIZE), "big")
        return pickle.loads(await process.stdout.readexactly(size))

    async def _running(self) -> asyncio.subprocess.Process:
        if self._process is None or self._process.returncode is not None:
            self._process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "safetymap.api.worker",
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                cwd=ROOT,
            )
        return self._process

    async def stop(self) -> None:
        """End the worker (it ends by itself when the server's side of its input closes)."""
        process, self._process = self._process, None
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()


if __name__ == "__main__":
    main()
