"""Valid bodies are created as sent, read back, updated, listed and deleted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from contract_tests.api import TrackingCodesApi
from contract_tests.cases import ACCEPTED, Case, both, codes, put
from contract_tests.expectations import (
    expect_listed,
    expect_rejected,
    expect_same_code,
    expect_status,
    expect_tracking_code,
)
from contract_tests.failures import ContractFailure
from contract_tests.session import Created

MakeBody = Callable[[Case], dict[str, Any]]


def _params(cases: tuple[Case, ...]) -> list[Any]:
    return [pytest.param(c, marks=pytest.mark.rule(c.rule), id=c.id) for c in cases]


@pytest.mark.parametrize("case", _params(ACCEPTED))
def test_create_accepts_and_reads_back(
    case: Case, api: TrackingCodesApi, make_body: MakeBody
) -> None:
    body = make_body(case)
    site = body["siteUrl"]

    created = expect_tracking_code(api.create(body), body, rule=case.rule)

    expect_same_code(api.get(created["id"], site), created, rule=case.rule)
    expect_listed(api.list(site), created["id"], present=True)
    _expect_deleted(api, created, rule=case.rule)


@pytest.mark.rule("protocol")
def test_update_replaces_the_tracking_code(
    api: TrackingCodesApi, make_body: MakeBody
) -> None:
    created = expect_tracking_code(*_create(api, make_body, ACCEPTED[0]))
    changed = make_body(Case("changed", "R4", both(put(inputMode="text"), codes())))

    updated = expect_tracking_code(api.update(created["id"], changed), changed)

    assert updated["id"] == created["id"], "an update must keep the id"
    expect_same_code(api.get(created["id"], changed["siteUrl"]), updated)


def _expect_deleted(
    api: TrackingCodesApi, created: dict[str, Any], *, rule: str | None = None
) -> None:
    """Delete answers 204 with no body; then get answers 404 and list omits it."""
    __tracebackhide__ = True
    code_id, site = created["id"], created["siteUrl"]

    response = api.delete(code_id, site)

    expect_status(response, {204}, why="Deleting a tracking code", rule=rule)
    if response.content:
        raise ContractFailure(
            "A 204 answer to a delete carries a body",
            expected="no body",
            received=f"{len(response.content)} bytes",
            response=response,
            rule=rule,
        )
    api.session.ledger.forget(Created(code_id, site))
    expect_rejected(api.get(code_id, site), {404}, why="Reading a deleted code")
    expect_listed(api.list(site), code_id, present=False)


def _create(
    api: TrackingCodesApi, make_body: MakeBody, case: Case
) -> tuple[Any, dict[str, Any]]:
    body = make_body(case)
    return api.create(body), body
