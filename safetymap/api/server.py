"""The API over HTTP: a Starlette app mounted at ``/api`` beside Streamlit's own routes.

``app.py`` hands ``routes()`` to ``st.App``, so ``streamlit run app.py`` serves the dashboard
and the API on one host and port. Safe by default:

* read-only: GET and HEAD answer; OPTIONS answers a CORS preflight; every other method is a
  405 naming the allowed ones (``ReadOnly``), so nothing can be written through the API;
* CORS open for reading: every answer carries ``Access-Control-Allow-Origin: *`` and no
  credentials are ever asked for or allowed;
* a parameter that cannot be used is a 400 whose JSON names it (``params``); a page holds at
  most ``params.MAX_LIMIT`` rows;
* the data work (store, validation, filtering, geometry, JSON, compression) runs in a worker
  process of its own (``worker``), never in the process whose interpreter runs the app's
  sessions: the event loop here only passes bytes (``bench/api_load.py`` measures what the
  sessions notice);
* only published versions are served (``source``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from safetymap.api.endpoints import ENDPOINTS, base_url, error_response, lang_of, say
from safetymap.api.worker import Worker, WorkerUnavailable, call
from safetymap.contract.problems import Lang

ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")


def routes() -> list[BaseRoute]:
    """The API's routes for ``st.App``: ``/api/…``, and ``/api`` sent on to ``/api/``."""
    return [Route("/api", _to_landing), Mount("/api", app=create_app())]


async def _to_landing(request: Request) -> Response:
    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(f"/api/{query}", status_code=308)


def create_app() -> Starlette:
    """The API as an ASGI app; its worker serves the store of the process's environment."""
    worker = Worker()
    return Starlette(
        routes=[Route(path, _forward(worker, name)) for path, name in ENDPOINTS],
        middleware=[Middleware(ReadOnly)],
        exception_handlers={HTTPException: _http_error},
    )


def _forward(worker: Worker, endpoint: str) -> Callable[[Request], Awaitable[Response]]:
    """An endpoint answered by the worker."""

    async def handle(request: Request) -> Response:
        try:
            status, headers, body = await worker.answer(call(endpoint, request))
        except WorkerUnavailable:
            message = say("unavailable", lang_of(request))
            return error_response(503, "ServiceUnavailable", message)
        response = Response(body, status_code=status)
        response.raw_headers = headers
        return response

    return handle


async def _http_error(request: Request, error: Exception) -> Response:
    """Starlette's own 404 (no such path) as the API's JSON."""
    status = getattr(error, "status_code", 500)
    message = say("not_found", lang_of(request), path=request.url.path, base=base_url(request))
    return error_response(status, "NotFound" if status == 404 else "Error", message)


class ReadOnly:
    """Only reading gets through: GET and HEAD pass, with CORS open to every origin (no
    credentials); OPTIONS answers a preflight; any other method is a 405 in JSON."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        allow = ", ".join(ALLOWED_METHODS)
        cors = [(b"access-control-allow-origin", b"*")]
        if method == "OPTIONS":
            headers = {
                "Allow": allow,
                "Access-Control-Allow-Origin": "*",
                "Access-Control-Allow-Methods": allow,
                "Access-Control-Allow-Headers": "*",
                "Access-Control-Max-Age": "86400",
            }
            await Response(status_code=204, headers=headers)(scope, receive, send)
            return
        if method not in ALLOWED_METHODS:
            lang: Lang = "en" if b"lang=en" in scope.get("query_string", b"") else "sv"
            response = error_response(
                405, "MethodNotAllowed", say("read_only", lang, method=method)
            )
            response.headers["Allow"] = allow
            response.headers["Access-Control-Allow-Origin"] = "*"
            await response(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *cors]
            await send(message)

        await self.app(scope, receive, send_with_cors)
