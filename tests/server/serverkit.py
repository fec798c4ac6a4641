"""Helpers of the server tests: the contract's names, bodies and shape checks."""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable
from typing import Any

import httpx

from tracking_codes.resources import ERROR_SCHEMA, TRACKING_CODE_SCHEMA, load_openapi
from tracking_codes.resources import load_schema as load_contract_schema
from tracking_codes.structure import compile_validator

ADMIN = {"Authorization": "Bearer admin-token"}
USER = {"Authorization": "Bearer user-token"}
JSON = {"Content-Type": "application/json"}
PATH = "/admin/meeting/config/trackingCodes"
CONTROL_HUB = "example.webex.com"
SITE_ADMIN = "siteadmin.example.webex.com"
MAPPED = "mapped.example.webex.com"

_OPENAPI = load_openapi()
_TRACKING_CODE = compile_validator(load_contract_schema(TRACKING_CODE_SCHEMA))
_ERROR = compile_validator(load_contract_schema(ERROR_SCHEMA))


def vendor_body() -> dict[str, Any]:
    """A fresh copy of the vendor's example request, from openapi.yaml."""
    example = _OPENAPI["components"]["examples"]["trackingCodeRequest"]["value"]
    body: dict[str, Any] = copy.deepcopy(example)
    return body


def text_body(**changes: Any) -> dict[str, Any]:
    """A valid free-text tracking code, with ``changes`` applied."""
    body: dict[str, Any] = {
        "name": "Project",
        "siteUrl": CONTROL_HUB,
        "options": [],
        "inputMode": "text",
        "hostProfileCode": "optional",
        "scheduleStartCodes": None,
    }
    return body | changes


def assert_tracking_code(document: Any) -> None:
    """The document is a tracking code as the contract's schema describes it."""
    errors = [str(error) for error in _TRACKING_CODE.iter_errors(document)]
    assert not errors, errors


def assert_error_shape(response: httpx.Response) -> None:
    """A 4xx in the vendor's error shape, with the trackingId of the header."""
    assert response.headers["content-type"].startswith("application/json")
    document = response.json()
    errors = [str(error) for error in _ERROR.iter_errors(document)]
    assert not errors, errors
    assert document["errors"], "an error names at least one problem"
    assert document["trackingId"] == response.headers["trackingid"]


def wait_for(condition: Callable[[], bool], timeout: float = 2.0) -> None:
    """Wait until ``condition()`` holds: the log line follows the response."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.005)


def post_raw(client: httpx.Client, content: bytes, **headers: str) -> httpx.Response:
    """POST raw bytes as application/json (unless ``headers`` say otherwise)."""
    return client.post(PATH, content=content, headers=JSON | headers)


def as_json(document: Any) -> bytes:
    """A document as the JSON bytes a client would send."""
    return json.dumps(document).encode("utf-8")
