"""Each protocol error's status, words and headers, and the vendor's error shape."""

from __future__ import annotations

import json

import pytest

from tracking_codes.engine import validate
from tracking_codes.server import errors
from tracking_codes.server.errors import ApiError
from tracking_codes.sites import Site

PINNED = [
    # the constructor's result, then status, message, descriptions, headers
    (
        errors.no_token(),
        401,
        "Authentication is required",
        ["send the header 'Authorization: Bearer TOKEN' with an access token"],
        {},
    ),
    (
        errors.unknown_token(),
        401,
        "The access token is not valid",
        ["the bearer token is unknown or expired; get a new access token"],
        {},
    ),
    (
        errors.not_admin(),
        403,
        "This operation needs an administrator",
        ["the token is valid but lacks the administrator role for meeting sites"],
        {},
    ),
    (
        errors.rate_limited(7),
        429,
        "Too many requests",
        ["this token reached its rate limit; retry after 7 seconds"],
        {"Retry-After": "7"},
    ),
    (
        errors.method_not_allowed("PATCH", ["GET", "POST"]),
        405,
        "The method is not allowed on this path",
        ["PATCH is not supported here; use one of GET, POST"],
        {"Allow": "GET, POST"},
    ),
    (
        errors.no_such_path("/v2"),
        404,
        "There is nothing at this path",
        [
            "/v2 is not an operation of this API; the tracking codes are at "
            "/v1/admin/meeting/config/trackingCodes"
        ],
        {},
    ),
    (
        errors.unknown_site("a.webex.com"),
        404,
        "The site was not found",
        ["siteUrl 'a.webex.com' is not one of your Webex sites"],
        {},
    ),
    (
        errors.empty_site_parameter(),
        400,
        "The siteUrl parameter is empty",
        ["give a site's address, or leave siteUrl out to use your preferred site"],
        {},
    ),
    (
        errors.no_such_code("x1", "a.webex.com"),
        404,
        "The tracking code was not found",
        ["no tracking code has the id 'x1' on a.webex.com"],
        {},
    ),
    (
        errors.bad_body("why"),
        400,
        "The request body could not be read as a JSON object",
        ["why"],
        {},
    ),
    (
        errors.body_too_large(10),
        413,
        "The request body is too large",
        ["send at most 10 bytes; a tracking code is far smaller"],
        {},
    ),
    (
        errors.wrong_media_type(None),
        415,
        "The request body must be sent as application/json",
        ["the request has no Content-Type; send 'Content-Type: application/json'"],
        {},
    ),
    (
        errors.wrong_media_type("text/plain"),
        415,
        "The request body must be sent as application/json",
        ["the request has 'text/plain'; send 'Content-Type: application/json'"],
        {},
    ),
    (
        errors.internal_error(),
        500,
        "The server failed to handle the request",
        ["this is a bug in the reference server; report it with the trackingId"],
        {},
    ),
]


@pytest.mark.parametrize(
    ("error", "status", "message", "descriptions", "headers"), PINNED
)
def test_each_protocol_error_says_exactly_this(
    error: ApiError,
    status: int,
    message: str,
    descriptions: list[str],
    headers: dict[str, str],
) -> None:
    assert (error.status, error.message) == (status, message)
    assert list(error.descriptions) == descriptions
    assert error.headers == headers


def test_rule_violations_take_the_reports_status_and_sentences() -> None:
    body = {"name": "", "siteUrl": "s", "options": [], "inputMode": "text"}
    report = validate(body | {"hostProfileCode": "optional"}, Site())
    error = errors.rule_violations(report)
    assert error.status == report.status == 400
    assert error.message == (
        "The tracking code breaks 2 rules of the contract; see 'errors' for each one"
    )
    assert list(error.descriptions) == [str(v) for v in report.violations]


def test_the_error_body_is_the_vendors_shape_in_ascii() -> None:
    body = errors.error_body(errors.bad_body("naïve \ud800"), "T_1")
    assert body.isascii()
    assert json.loads(body) == {
        "message": "The request body could not be read as a JSON object",
        "errors": [{"description": "naïve \ud800"}],
        "trackingId": "T_1",
    }


def test_an_error_without_descriptions_repeats_its_message() -> None:
    assert ApiError(418, "Teapot").descriptions == ("Teapot",)
