"""Generated bodies, valid and invalid, against the schema and the rule engine.

Schemathesis generates create and update requests from openapi.yaml, in
positive and negative mode. Each response must pass schemathesis's own
conformance checks, and the status must agree with the rule engine's verdict
on the body: created when the contract accepts it, refused with an allowed
status when it does not, with the effective types right in every success.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis

from contract_tests.answer import Answer
from contract_tests.api import TrackingCodesApi
from contract_tests.bodies import vendor_example
from contract_tests.expectations import (
    expect_error_shape,
    expect_status,
    expect_tracking_code,
)
from contract_tests.generation import CHECKS, aim, auth_headers, load_schema
from contract_tests.target import Target
from contract_tests.verdict import verdict

pytestmark = pytest.mark.rule("fuzzing")

schema = load_schema()
create_schema = schema.include(operation_id="createTrackingCode")
update_schema = schema.include(operation_id="updateTrackingCode")

SITE_KINDS = ("control-hub", "site-admin")


@pytest.fixture
def site_rotation(target: Target) -> Iterator[str]:
    """Site kinds to send generated bodies to, in turn, among those given."""
    kinds = [k for k in SITE_KINDS if target.site_admin_site_url or k == SITE_KINDS[0]]
    return itertools.cycle(kinds)


@pytest.fixture
def existing_code(api: TrackingCodesApi, target: Target, prefix: str) -> dict[str, Any]:
    """A tracking code for generated updates to replace."""
    body = vendor_example() | {
        "siteUrl": target.site("control-hub"),
        "name": prefix + "fuzz",
    }
    return expect_tracking_code(api.create(body), body)


@create_schema.parametrize()
def test_create_agrees_with_the_contract(
    case: schemathesis.Case,
    api: TrackingCodesApi,
    target: Target,
    prefix: str,
    site_rotation: Iterator[str],
) -> None:
    kind = next(site_rotation)
    aim(case, target.site(kind), prefix)

    response = _send(case, api)

    _judge(case, response, kind, target)


@update_schema.parametrize()
def test_update_agrees_with_the_contract(
    case: schemathesis.Case,
    api: TrackingCodesApi,
    target: Target,
    prefix: str,
    existing_code: dict[str, Any],
) -> None:
    aim(case, target.site("control-hub"), prefix)
    case.path_parameters = {"trackingCodeId": existing_code["id"]}

    response = _send(case, api)

    _judge(case, response, "control-hub", target)


def _send(case: schemathesis.Case, api: TrackingCodesApi) -> Answer:
    headers = auth_headers(api.target)
    response = case.call(
        base_url=api.target.base_url, session=api.session, headers=headers
    )
    case.validate_response(response, checks=CHECKS, headers=headers)
    return Answer.of(response)


def _judge(
    case: schemathesis.Case, response: Answer, kind: str, target: Target
) -> None:
    deviation = _protocol_deviation(case, response, target)
    if deviation is not None:
        statuses, why = deviation
        expect_status(response, statuses, why=why)
        expect_error_shape(response)
        return
    expected = verdict(case.body, kind, inferred_rules=target.inferred_rules)
    rules = ", ".join(expected.rules) or "none broken"
    why = f"The rule engine's verdict on this body ({rules})"
    expect_status(response, expected.statuses, why=why, rule=_first(expected.rules))
    if response.status_code == 200:
        expect_tracking_code(response, case.body)
    else:
        expect_error_shape(response, rule=_first(expected.rules))


def _protocol_deviation(
    case: schemathesis.Case, response: Answer, target: Target
) -> tuple[set[int], str] | None:
    """The statuses for a request schemathesis bent on purpose, if it did.

    Besides bodies, schemathesis varies the method, the credentials and the
    media type; those requests are judged by the protocol rules instead.
    """
    request = response.request
    if request.method != case.operation.method.upper():
        return {405}, f"{request.method}, a method the path does not support"
    if request.headers.get("Authorization") != auth_headers(target)["Authorization"]:
        return {401}, "A request without the admin token"
    media_type = request.headers.get("Content-Type", "").split(";")[0].strip()
    if media_type.lower() != "application/json":
        return {415}, f"A body sent as {media_type or 'no media type'}"
    if not isinstance(case.body, dict):
        return {400}, "A body that is not a JSON object"
    return None


def _first(rules: tuple[str, ...]) -> str | None:
    return rules[0] if rules else None
