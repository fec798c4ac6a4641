"""The vendor's error shape, and the protocol errors the server answers with it.

Every 4xx carries ``{"message", "errors": [{"description"}], "trackingId"}``.
Handlers raise :class:`ApiError` at the step that fails; one exception handler
turns it into the response, so that no step builds a response of its own.
The constructors below hold the wording of each protocol error in one place;
clients may rely on the status and the shape, never on the wording.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from starlette.responses import Response

from tracking_codes.engine import Report
from tracking_codes.violations import quote

JSON_MEDIA_TYPE = "application/json"


class ApiError(Exception):
    """A request the server refuses, with what to answer."""

    def __init__(
        self,
        status: int,
        message: str,
        descriptions: Iterable[str] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.descriptions = tuple(descriptions) or (message,)
        self.headers = dict(headers or {})


def error_body(error: ApiError, tracking_id: str) -> bytes:
    """The error in the vendor's shape, as JSON bytes."""
    document = {
        "message": error.message,
        "errors": [{"description": text} for text in error.descriptions],
        "trackingId": tracking_id,
    }
    # ASCII escapes: an error about odd text must never fail to encode.
    return json.dumps(document).encode("ascii")


def error_response(error: ApiError, tracking_id: str) -> Response:
    """The response for a refused request."""
    return Response(
        error_body(error, tracking_id),
        status_code=error.status,
        headers=error.headers,
        media_type=JSON_MEDIA_TYPE,
    )


def rule_violations(report: Report) -> ApiError:
    """A body that breaks the contract: one description per violation."""
    count = len(report.violations)
    noun = "rule" if count == 1 else "rules"
    return ApiError(
        report.status,
        f"The tracking code breaks {count} {noun} of the contract; "
        "see 'errors' for each one",
        (str(violation) for violation in report.violations),
    )


def no_token() -> ApiError:
    """401: the request carries no bearer token."""
    return ApiError(
        401,
        "Authentication is required",
        ["send the header 'Authorization: Bearer TOKEN' with an access token"],
    )


def unknown_token() -> ApiError:
    """401: the bearer token is not one the server knows (never echoed)."""
    return ApiError(
        401,
        "The access token is not valid",
        ["the bearer token is unknown or expired; get a new access token"],
    )


def not_admin() -> ApiError:
    """403: a known token without the administrator role."""
    return ApiError(
        403,
        "This operation needs an administrator",
        ["the token is valid but lacks the administrator role for meeting sites"],
    )


def rate_limited(retry_after: int) -> ApiError:
    """429: the token sent too many requests; ``Retry-After`` says how long to wait."""
    return ApiError(
        429,
        "Too many requests",
        [f"this token reached its rate limit; retry after {retry_after} seconds"],
        headers={"Retry-After": str(retry_after)},
    )


def method_not_allowed(method: str, allowed: Iterable[str]) -> ApiError:
    """405: the path exists but does not take this method."""
    allow = ", ".join(allowed)
    return ApiError(
        405,
        "The method is not allowed on this path",
        [f"{method} is not supported here; use one of {allow}"],
        headers={"Allow": allow},
    )


def no_such_path(path: str) -> ApiError:
    """404: nothing is served at this path."""
    return ApiError(
        404,
        "There is nothing at this path",
        [
            f"{path} is not an operation of this API; the tracking codes are at "
            "/v1/admin/meeting/config/trackingCodes"
        ],
    )


def unknown_site(site_url: Any) -> ApiError:
    """404: the site named is not one of the caller's sites."""
    return ApiError(
        404,
        "The site was not found",
        [f"siteUrl {quote(site_url, 200)} is not one of your Webex sites"],
    )


def empty_site_parameter() -> ApiError:
    """400: ``siteUrl=`` given with no value."""
    return ApiError(
        400,
        "The siteUrl parameter is empty",
        ["give a site's address, or leave siteUrl out to use your preferred site"],
    )


def no_such_code(code_id: str, site_url: str) -> ApiError:
    """404: no tracking code with that id on that site."""
    return ApiError(
        404,
        "The tracking code was not found",
        [f"no tracking code has the id {quote(code_id, 200)} on {site_url}"],
    )


def bad_body(description: str) -> ApiError:
    """400: a body that is not a JSON object the server can read."""
    return ApiError(
        400,
        "The request body could not be read as a JSON object",
        [description],
    )


def body_too_large(limit: int) -> ApiError:
    """413: a body over the size limit."""
    return ApiError(
        413,
        "The request body is too large",
        [f"send at most {limit} bytes; a tracking code is far smaller"],
    )


def wrong_media_type(content_type: str | None) -> ApiError:
    """415: a body not sent as ``application/json``."""
    sent = "no Content-Type" if content_type is None else repr(content_type[:100])
    return ApiError(
        415,
        "The request body must be sent as application/json",
        [f"the request has {sent}; send 'Content-Type: application/json'"],
    )


def internal_error() -> ApiError:
    """500: a fault of the server itself, never of the request."""
    return ApiError(
        500,
        "The server failed to handle the request",
        ["this is a bug in the reference server; report it with the trackingId"],
    )
