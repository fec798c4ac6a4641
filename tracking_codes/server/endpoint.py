"""One path's handlers, chosen by method, as a plain ASGI application.

Starlette would wrap each handler in its request-response adapter and its
exception-handling layer; on a path served thousands of times a second that
wrapping costs more than the work of some handlers. This endpoint does the
same three things directly: picks the handler for the method (405 with an
``Allow`` header when there is none), turns an :class:`ApiError` into its
error response, and sends the response.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from tracking_codes.server import errors
from tracking_codes.server.requestlog import TRACKING_ID

Handler = Callable[[Request], Awaitable[Response]]


class MethodEndpoint:
    """An ASGI app that serves each method of one path with its handler."""

    def __init__(self, handlers: Mapping[str, Handler]) -> None:
        self._handlers = dict(handlers)
        self.allow = ", ".join(sorted(handlers))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive, send)
        try:
            response = await self._respond(request)
        except errors.ApiError as error:
            response = errors.error_response(error, tracking_id(scope))
        except ClientDisconnect:
            gone = errors.bad_body("the client went away before sending the whole body")
            response = errors.error_response(gone, tracking_id(scope))
        await response(scope, receive, send)

    async def _respond(self, request: Request) -> Response:
        handler = self._handlers.get(request.method)
        if handler is None:
            raise errors.method_not_allowed(request.method, self.allow.split(", "))
        return await handler(request)


def tracking_id(scope: Scope) -> str:
    """The trackingId the request log gave this request."""
    given: str = scope.get(TRACKING_ID, "")
    return given
