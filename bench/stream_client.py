"""A Streamlit session spoken over its websocket, as the browser's frontend speaks it.

Stands in for a browser in the load bench: it sends the frontend's messages and reads the
server's, but draws nothing, so many sessions cost the client almost nothing. What it does,
in the frontend's order (Streamlit 1.67, ``web/server/starlette`` and ``runtime/app_session``):

* **handshake**: ``GET /_stcore/health`` sets the ``_streamlit_xsrf`` cookie (and, through
  ``deploy/``'s nginx, the ``route`` cookie); the websocket ``/_stcore/stream`` then opens
  with the subprotocols ``streamlit, <that token>``, the cookies and a same-origin
  ``Origin`` (the server checks the token against the cookie);
* **a run**: a ``BackMsg.rerun_script`` whose ``ClientState`` holds the query string, the
  page (its name from the URL path at first, then the script hash the server named), every
  widget's current value, the hashes of the messages this client has cached and the
  browser's context (time zone, locale, URL). The server answers with ``ForwardMsg``s
  (``new_session``, ``navigation``, ``delta``s, ``page_info_changed`` when the app rewrites
  the URL…) up to a ``script_finished`` that is not "finished early for a rerun";
* **message cache**: a large element (the map) comes as a ``ref_hash`` when this client said
  it holds it; entries expire as in the frontend's ``ForwardMsgCache`` (older than
  ``max_cached_message_age`` finished runs);
* **widget values**: after each run every widget keeps the value the user gave it, else the
  one its element carries (``value`` when the server sets it, else ``default``), as a
  mounted widget reports it; widgets the run did not draw are dropped. A change sets one
  widget's value and sends a rerun with all of them, as typing + Enter does. Components
  report nothing: no JavaScript runs here, so the map never sends a click or a view.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit
from urllib.request import ProxyHandler, build_opener
from zoneinfo import ZoneInfo

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ContextInfo
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Origin, Subprotocol

from tools.browser import LOOPBACK_HOSTS

XSRF_COOKIE = "_streamlit_xsrf"
MAP_COMPONENT = "st_folium"  # streamlit-folium's component: ``streamlit_folium.st_folium``
TIMEZONE = "Europe/Stockholm"
LOCALE = "sv-SE"
WAIT_S = 180.0
# Widgets whose values this client reports: the kinds the sidebar draws. The server keeps
# any other widget's last value (``SessionState.register_widget``).
WIDGETS = frozenset({"text_input", "radio", "multiselect", "slider", "date_input"})
_EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
_FULL = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
_LOOPBACK_ONLY = build_opener(ProxyHandler({}))  # never through a proxy from the environment


@dataclass
class Run:
    """What one script run sent: its elements by delta path (the last one sent at a path
    wins, as on the page), the exceptions it showed, and the time from request to finish."""

    elements: dict[tuple[int, ...], Element] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def find(self, kind: str, label: str) -> Any | None:
        """The element of ``kind`` (``"text_input"``, ``"metric"``…) labelled ``label``."""
        for element in self.elements.values():
            if element.WhichOneof("type") == kind and getattr(element, kind).label == label:
                return getattr(element, kind)
        return None

    def metric(self, label: str) -> str | None:
        """The figure a metric labelled ``label`` shows."""
        found = self.find("metric", label)
        return None if found is None else found.body

    def map_args(self) -> dict[str, Any] | None:
        """The arguments of the map component this run sent (its layers among them)."""
        for element in self.elements.values():
            if element.WhichOneof("type") == "component_instance":
                instance = element.component_instance
                if MAP_COMPONENT in instance.component_name:
                    return json.loads(instance.json_args)
        return None


@dataclass
class _Cached:
    message: ForwardMsg
    run_count: int  # the cache's run count when the message was stored or last used


def _mounted_value(element: Element) -> WidgetState | None:
    """The value a widget drawn from ``element`` reports before the user touches it, or
    None for elements that hold no value (text, buttons, components without one yet)."""
    kind = element.WhichOneof("type")
    if kind not in WIDGETS:
        return None
    proto = getattr(element, kind)
    state = WidgetState(id=proto.id)
    if kind == "text_input":
        if not proto.set_value and not proto.HasField("default"):
            return None
        state.string_value = proto.value if proto.set_value else proto.default
    elif kind == "radio":
        if not proto.set_value and not proto.HasField("default"):
            return None
        state.string_value = proto.raw_value if proto.set_value else proto.options[proto.default]
    elif kind == "multiselect":
        chosen = proto.raw_values if proto.set_value else [proto.options[i] for i in proto.default]
        state.string_array_value.data[:] = chosen
    elif kind == "slider":
        state.double_array_value.data[:] = proto.value if proto.set_value else proto.default
    else:  # date_input
        state.string_array_value.data[:] = proto.value if proto.set_value else proto.default
    return state


def _cookies(url: str, timeout: float) -> dict[str, str]:
    """The cookies the server sets on its health check (the frontend's first request): the
    XSRF token, and behind ``deploy/``'s nginx the route that keeps the session on its
    server."""
    cookies = {}
    with _LOOPBACK_ONLY.open(f"{url}_stcore/health", timeout=timeout) as response:
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, value = header.split(";", 1)[0].partition("=")
            cookies[name.strip()] = value
    if XSRF_COOKIE not in cookies:
        raise RuntimeError(f"no {XSRF_COOKIE} cookie from {url}_stcore/health")
    return cookies


def _context_info(url: str) -> ContextInfo:
    """What the browser tells the server about itself (``st.context``)."""
    offset = datetime.now(ZoneInfo(TIMEZONE)).utcoffset()
    minutes = -int(offset.total_seconds() // 60) if offset is not None else 0
    return ContextInfo(
        timezone=TIMEZONE,
        timezone_offset=minutes,  # as JavaScript's getTimezoneOffset: UTC minus local
        locale=LOCALE,
        url=url,
        is_embedded=False,
        color_scheme="light",
    )


class StreamSession:
    """One viewer's session on the app at ``url`` (loopback, with its path and query).

    ``await open()`` connects and waits for the first run; ``await set_text(label, value)``
    types into the text input labelled ``label`` and waits for the rerun; ``await rerun()``
    reruns with the widgets as they are; ``await close()`` disconnects. Each wait is bounded
    by ``timeout`` seconds.
    """

    def __init__(self, url: str, timeout: float = WAIT_S) -> None:
        parts = urlsplit(url)
        if parts.hostname not in LOOPBACK_HOSTS:
            raise ValueError(f"loopback only: {url}")
        self.timeout = timeout
        self._base = f"{parts.scheme}://{parts.netloc}/"
        self._page_name = parts.path.strip("/")
        self._query = parts.query
        self._page_hash = ""
        self._widgets: dict[str, WidgetState] = {}
        self._cache: dict[str, _Cached] = {}
        self._run_count = 0
        self._max_age = 2  # until the server's new_session says otherwise
        self._ws: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._broken: BaseException | None = None
        self._run: Run | None = None
        self._done: asyncio.Future[Run] | None = None
        self.last: Run | None = None

    async def open(self) -> Run:
        """Connect as the frontend does and wait for the first script run."""
        cookies = await asyncio.to_thread(_cookies, self._base, self.timeout)
        self._ws = await connect(
            "ws" + self._base.removeprefix("http") + "_stcore/stream",
            subprotocols=[Subprotocol("streamlit"), Subprotocol(cookies[XSRF_COOKIE])],
            additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())},
            origin=Origin(self._base.rstrip("/")),
            proxy=None,
            max_size=None,  # the map alone is megabytes on large files
            open_timeout=self.timeout,
        )
        self._reader = asyncio.create_task(self._read(self._ws))
        return await self._request()

    async def set_text(self, label: str, value: str) -> Run:
        """Type ``value`` into the text input labelled ``label`` and press Enter."""
        found = self.last.find("text_input", label) if self.last else None
        if found is None:
            raise LookupError(f"no text input labelled {label!r} in the last run")
        self._widgets[found.id] = WidgetState(id=found.id, string_value=value)
        return await self._request()

    async def rerun(self) -> Run:
        """Run the script again with every widget as it is (the frontend's "Rerun")."""
        return await self._request()

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            await self._reader

    async def _request(self) -> Run:
        """Send a rerun with the client's state; wait for the run to finish."""
        if self._ws is None:
            raise RuntimeError("not connected")
        if self._broken is not None:
            raise self._broken
        back = BackMsg()
        state = back.rerun_script
        state.query_string = self._query
        state.page_script_hash = self._page_hash
        state.page_name = "" if self._page_hash else self._page_name
        state.widget_states.widgets.extend(self._widgets.values())
        state.cached_message_hashes.extend(self._cache)
        query = f"?{self._query}" if self._query else ""
        state.context_info.CopyFrom(_context_info(self._base + self._page_name + query))
        self._run = Run()
        self._done = asyncio.get_running_loop().create_future()
        start = time.perf_counter()
        await self._ws.send(back.SerializeToString())
        run = await asyncio.wait_for(self._done, self.timeout)
        run.seconds = time.perf_counter() - start
        self.last = run
        return run

    async def _read(self, ws: ClientConnection) -> None:
        """Apply every message the server sends until the connection ends; then a waiting
        run, and every later request, fails with the reason."""
        try:
            async for data in ws:
                message = ForwardMsg()
                message.ParseFromString(data)
                self._apply(self._resolve(message))
            self._broken = ConnectionError("websocket closed")
        except ConnectionClosed as closed:
            self._broken = ConnectionError(f"websocket closed: {closed}")
        except Exception as error:  # a message this client cannot read: stop reading
            self._broken = error
            await ws.close()
        if self._done is not None and not self._done.done():
            self._done.set_exception(self._broken)

    def _resolve(self, message: ForwardMsg) -> ForwardMsg:
        """Keep a cacheable message; replace a reference by the message it names."""
        if message.WhichOneof("type") != "ref_hash":
            if message.metadata.cacheable and message.hash not in self._cache:
                self._cache[message.hash] = _Cached(message, self._run_count)
            return message
        cached = self._cache.get(message.ref_hash)
        if cached is None:
            raise LookupError(f"cached message missing: {message.ref_hash}")
        cached.run_count = self._run_count
        resolved = ForwardMsg()
        resolved.CopyFrom(cached.message)
        resolved.metadata.CopyFrom(message.metadata)
        return resolved

    def _apply(self, message: ForwardMsg) -> None:
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self._page_hash = message.new_session.page_script_hash or self._page_hash
            self._max_age = message.new_session.config.max_cached_message_age or self._max_age
        elif kind == "navigation":
            self._page_hash = message.navigation.page_script_hash or self._page_hash
        elif kind == "page_info_changed":
            self._query = message.page_info_changed.query_string
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            self._add(tuple(message.metadata.delta_path), message.delta.new_element)
        elif kind == "script_finished":
            self._finish(message.script_finished)

    def _add(self, path: tuple[int, ...], element: Element) -> None:
        if self._run is None:
            return
        self._run.elements[path] = element
        if element.WhichOneof("type") == "exception":
            self._run.errors.append(f"{element.exception.type}: {element.exception.message}")

    def _finish(self, status: int) -> None:
        """End a run unless it was cut short for a rerun (whose elements come again)."""
        if self._run is None or self._done is None:
            return
        if status == _EARLY:
            self._run = Run()
            return
        self._run_count += 1
        for hash_, cached in list(self._cache.items()):
            if self._run_count - cached.run_count > self._max_age:
                del self._cache[hash_]
        self._keep_widgets(self._run, full=status == _FULL)
        if not self._done.done():
            self._done.set_result(self._run)

    def _keep_widgets(self, run: Run, full: bool) -> None:
        """Widgets the run drew keep the user's value (unless the server set one); after a
        full run the others go, as they left the page."""
        widgets: dict[str, WidgetState] = {} if full else dict(self._widgets)
        for element in run.elements.values():
            mounted = _mounted_value(element)
            if mounted is None:
                continue
            proto = getattr(element, element.WhichOneof("type"))
            kept = self._widgets.get(mounted.id)
            widgets[mounted.id] = kept if kept is not None and not proto.set_value else mounted
        self._widgets = widgets
