"""Schemathesis against a running server: no generated request gets a 5xx.

Every operation of openapi.yaml is tried with positive and negative data.
Left alone, almost every generated ``siteUrl`` names no configured site and
almost every id names no tracking code, so each answer would be a 404 that
reaches no rule. The test swaps in, for three cases in four, a configured site
and the id of a tracking code that exists, so that the engine and the store
see generated data too.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from serverkit import ADMIN, PATH, text_body

from tracking_codes.resources import openapi_path
from tracking_codes.server.app import create_app
from tracking_codes.server.config import default_config
from tracking_codes.server.runner import running_server

EXAMPLES = 40
SITES = list(default_config().sites)
EXISTING: list[str] = []
"""Ids of tracking codes created before the run, one per site that takes them."""

schema = schemathesis.openapi.from_path(openapi_path())
schema.config.generation.update(modes=list(GenerationMode), max_examples=EXAMPLES)


def steer(value: Any, choices: list[str]) -> Any:
    """One generated string in four is kept; the others become one of ``choices``.

    The choice follows from the value itself, so that a failing case replays
    exactly as it was first sent.
    """
    if not isinstance(value, str) or not choices:
        return value
    pick = zlib.crc32(value.encode("utf-8", "surrogatepass")) % 4
    return value if pick == 0 else choices[pick % len(choices)]


def steer_case(case: schemathesis.Case[Any]) -> None:
    """Point some generated cases at configured sites and existing codes."""
    if isinstance(case.body, dict) and "siteUrl" in case.body:
        case.body["siteUrl"] = steer(case.body["siteUrl"], SITES)
    if isinstance(case.query, dict) and "siteUrl" in case.query:
        case.query["siteUrl"] = steer(case.query["siteUrl"], SITES)
    parameters = case.path_parameters
    if isinstance(parameters, dict) and "trackingCodeId" in parameters:
        parameters["trackingCodeId"] = steer(parameters["trackingCodeId"], EXISTING)


@pytest.fixture(scope="module")
def api_url() -> Iterator[str]:
    """A server with a tracking code on each site that takes one."""
    with running_server(create_app()) as url:
        with httpx.Client(base_url=url, headers=ADMIN) as client:
            for site in SITES[:2]:
                response = client.post(PATH, json=text_body(siteUrl=site))
                EXISTING.append(response.json()["id"])
        yield url
    EXISTING.clear()


@schema.parametrize()
def test_no_generated_request_gets_a_server_error(
    case: schemathesis.Case[Any], api_url: str
) -> None:
    steer_case(case)
    case.call_and_validate(base_url=api_url, headers=ADMIN, checks=[not_a_server_error])
