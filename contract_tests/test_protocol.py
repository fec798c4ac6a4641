"""Authentication, media types, methods, malformed bodies and unknown ids."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from contract_tests.api import NO_TOKEN, TrackingCodesApi
from contract_tests.cases import ACCEPTED, UNKNOWN_SITE, Case
from contract_tests.expectations import (
    expect_rejected,
    expect_schema,
    expect_tracking_code,
)
from contract_tests.failures import ContractFailure
from contract_tests.session import collection_url, item_url
from contract_tests.target import Target
from tracking_codes.resources import LIST_SCHEMA

pytestmark = pytest.mark.rule("protocol")
MakeBody = Callable[[Case], dict[str, Any]]
VENDOR_EXAMPLE = ACCEPTED[0]


def _unknown_id() -> str:
    return f"ctk-missing-{uuid.uuid4().hex}"


def test_create_without_a_token_is_unauthorized(
    api: TrackingCodesApi, make_body: MakeBody
) -> None:
    response = api.create(make_body(VENDOR_EXAMPLE), token=NO_TOKEN)

    expect_rejected(response, {401}, why="A create without a token")


def test_create_with_an_unknown_token_is_unauthorized(
    api: TrackingCodesApi, make_body: MakeBody
) -> None:
    token = f"ctk-not-a-token-{uuid.uuid4().hex}"

    response = api.create(make_body(VENDOR_EXAMPLE), token=token)

    expect_rejected(response, {401}, why="A create with an unknown token")


def test_create_by_a_non_admin_is_forbidden(
    api: TrackingCodesApi, target: Target, make_body: MakeBody
) -> None:
    token = target.require("non_admin_token")

    response = api.create(make_body(VENDOR_EXAMPLE), token=token)

    expect_rejected(response, {403}, why="A create with a non-admin token")


def test_list_without_a_token_is_unauthorized(
    api: TrackingCodesApi, target: Target
) -> None:
    response = api.list(target.site("control-hub"), token=NO_TOKEN)

    expect_rejected(response, {401}, why="A list without a token")


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", None]
)
def test_create_in_another_media_type_is_unsupported(
    api: TrackingCodesApi, make_body: MakeBody, content_type: str | None
) -> None:
    raw = api_json(make_body(VENDOR_EXAMPLE))

    response = api.send(
        "POST", collection_url(api.target.base_url), raw=raw, content_type=content_type
    )

    expect_rejected(response, {415}, why=f"A create sent as {content_type}")


def test_create_with_a_charset_parameter_is_accepted(
    api: TrackingCodesApi, make_body: MakeBody
) -> None:
    body = make_body(VENDOR_EXAMPLE)

    response = api.send(
        "POST",
        collection_url(api.target.base_url),
        raw=api_json(body),
        content_type="application/json; charset=utf-8",
    )

    expect_tracking_code(response, body)


@pytest.mark.parametrize(
    ("raw", "what"),
    [
        (b'{"name": "Department",', "JSON cut short"),
        (b"{'name': 'Department'}", "single-quoted pseudo-JSON"),
        (b"", "an empty body"),
        (b"[]", "a JSON array"),
        (b'"Department"', "a JSON string"),
        (b"null", "JSON null"),
        (b"\xff\xfe{}", "bytes that are not UTF-8"),
    ],
)
def test_create_with_a_malformed_body_is_a_bad_request(
    api: TrackingCodesApi, raw: bytes, what: str
) -> None:
    response = api.send("POST", collection_url(api.target.base_url), raw=raw)

    expect_rejected(response, {400}, why=f"A create whose body is {what}")


def test_create_on_a_site_not_the_callers_is_refused(
    api: TrackingCodesApi, make_body: MakeBody
) -> None:
    body = make_body(VENDOR_EXAMPLE)
    body["siteUrl"] = f"ctk-{uuid.uuid4().hex[:8]}.invalid"

    response = api.create(body)

    expect_rejected(response, UNKNOWN_SITE, why="A create on an unknown site")


@pytest.mark.parametrize(
    ("method", "where", "supported"),
    [
        ("PATCH", "collection", {"GET", "POST"}),
        ("DELETE", "collection", {"GET", "POST"}),
        ("PUT", "collection", {"GET", "POST"}),
        ("PATCH", "item", {"GET", "PUT", "DELETE"}),
        ("POST", "item", {"GET", "PUT", "DELETE"}),
    ],
)
def test_unsupported_method_is_not_allowed(
    api: TrackingCodesApi, method: str, where: str, supported: set[str]
) -> None:
    base = api.target.base_url
    url = collection_url(base) if where == "collection" else item_url(base, "1")

    response = api.send(method, url, {})

    expect_rejected(response, {405}, why=f"{method} on the {where}")
    allowed = {m.strip() for m in response.headers.get("Allow", "").split(",")}
    if not supported <= allowed:
        raise ContractFailure(
            "A 405 must name the supported methods in its Allow header",
            expected=f"Allow naming {', '.join(sorted(supported))}",
            received=f"Allow: {response.headers.get('Allow', '(absent)')}",
            response=response,
        )


@pytest.mark.parametrize("operation", ["get", "delete"])
def test_unknown_id_is_not_found(
    api: TrackingCodesApi, target: Target, operation: str
) -> None:
    site = target.site("control-hub")

    response = getattr(api, operation)(_unknown_id(), site)

    expect_rejected(response, {404}, why=f"A {operation} of an id that does not exist")


def test_update_of_an_unknown_id_is_not_found(
    api: TrackingCodesApi, make_body: MakeBody
) -> None:
    response = api.update(_unknown_id(), make_body(VENDOR_EXAMPLE))

    expect_rejected(response, {404}, why="An update of an id that does not exist")


def test_list_answers_a_list(api: TrackingCodesApi, target: Target) -> None:
    response = api.list(target.site("control-hub"))

    expect_schema(response, LIST_SCHEMA, "a tracking code list", None)


def api_json(body: dict[str, Any]) -> bytes:
    """The body as UTF-8 JSON bytes, the way a client would send it."""
    return json.dumps(body, ensure_ascii=False).encode("utf-8")
