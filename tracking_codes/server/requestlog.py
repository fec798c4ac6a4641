"""Each request's trackingId, its one log line, and the last-resort guard.

A pure ASGI middleware, outside every handler: it gives the request a
trackingId (quoted in error bodies and in the ``TrackingID`` header), writes
one line to the ``tracking_codes.server`` logger when the request ends
(method, path, status, milliseconds, trackingId; never a header, so never the
token, and never the query), and turns an exception that escaped a handler
into a 500 in the error shape. That 500 is a server bug: the tests prove no
request reaches it.
"""

from __future__ import annotations

import itertools
import logging
import time
import uuid
from collections.abc import Callable
from typing import Final

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tracking_codes.server.errors import JSON_MEDIA_TYPE, error_body, internal_error

LOGGER_NAME: Final = "tracking_codes.server"
LINE_FORMAT: Final = "%s %s %s %.1fms trackingId=%s"
TRACKING_ID: Final = "tracking_codes.tracking_id"
"""The ASGI scope key holding the request's trackingId."""

logger = logging.getLogger(LOGGER_NAME)


class TrackingIds:
    """trackingIds unique to this server: a random prefix and a counter."""

    def __init__(self) -> None:
        self._prefix = uuid.uuid4().hex.upper()
        self._counter = itertools.count(1)

    def __call__(self) -> str:
        return f"{self._prefix}_{next(self._counter)}"


class _Response:
    """Watches what a handler sends: whether it started, and its status."""

    def __init__(self, send: Send, tracking_id: str) -> None:
        self._send = send
        self._header = (b"trackingid", tracking_id.encode("ascii"))
        self.status: int | None = None

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            message["headers"] = [*message.get("headers", ()), self._header]
        await self._send(message)

    async def fail(self, tracking_id: str) -> None:
        """Answer 500 in the error shape, if nothing was sent yet."""
        if self.status is not None:
            return
        body = error_body(internal_error(), tracking_id)
        content_type = JSON_MEDIA_TYPE.encode("ascii")
        headers = [
            (b"content-type", content_type),
            (b"content-length", b"%d" % len(body)),
        ]
        await self.send(
            {"type": "http.response.start", "status": 500, "headers": headers}
        )
        await self.send({"type": "http.response.body", "body": body})


class RequestLog:
    """The middleware; ``ids`` makes trackingIds (a :class:`TrackingIds` by default)."""

    def __init__(self, app: ASGIApp, ids: Callable[[], str] | None = None) -> None:
        self.app = app
        self._ids = ids or TrackingIds()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        tracking_id = scope[TRACKING_ID] = self._ids()
        started = time.perf_counter()
        response = _Response(send, tracking_id)
        try:
            await self.app(scope, receive, response.send)
        except Exception:
            logger.exception("unhandled error, trackingId=%s", tracking_id)
            await response.fail(tracking_id)
        finally:
            _log_line(scope, response.status, started, tracking_id)


def _path(scope: Scope) -> str:
    """The path as sent, still percent-encoded: no control character reaches the log."""
    raw = scope.get("raw_path")
    if isinstance(raw, bytes):
        return raw.split(b"?", 1)[0].decode("ascii", "backslashreplace")
    return repr(scope["path"])


def _log_line(
    scope: Scope, status: int | None, started: float, tracking_id: str
) -> None:
    """Log the request's line; built directly, as a server logs thousands a second.

    ``makeRecord`` skips the search of the stack for the caller that
    ``logger.info`` would do on every line; the record is otherwise the same.
    """
    if not logger.isEnabledFor(logging.INFO):
        return
    elapsed = (time.perf_counter() - started) * 1000
    shown = "-" if status is None else status
    facts = (scope["method"], _path(scope), shown, elapsed, tracking_id)
    record = logger.makeRecord(
        LOGGER_NAME, logging.INFO, __file__, 0, LINE_FORMAT, facts, None, "_log_line"
    )
    logger.handle(record)
