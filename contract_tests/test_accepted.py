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


@pytest.mark.rule("protocol")
def test_update_replaces_the_tracking_code(
    api: TrackingCodesApi, make_body: MakeBody
) -> None:
    created = expect_tracking_code(*_create(api, make_body, ACCEPTED[0]))
    changed = make_body(Case("changed", "R4", both(put(inputMode="text"), codes())))

    updated = expect_tracking_code(api.update(created["id"], changed), changed)

    assert updated["id"] == created["id"], "an update must keep the id"
    expect_same_code(api.get(created["id"], changed["siteUrl"]), updated)


@pytest.mark.rule("protocol")
def test_delete_removes_the_tracking_code(
    api: TrackingCodesApi, make_body: MakeBody
) -> None:
    created = expect_tracking_code(*_create(api, make_body, ACCEPTED[0]))
    site = created["siteUrl"]

    response = api.delete(created["id"], site)

    expect_status(response, {204}, why="Deleting a tracking code")
    assert not response.content, "a 204 answer carries no body"
    api.session.ledger.forget(Created(created["id"], site))
    expect_rejected(api.get(created["id"], site), {404}, why="Reading a deleted code")
    expect_listed(api.list(site), created["id"], present=False)


def _create(
    api: TrackingCodesApi, make_body: MakeBody, case: Case
) -> tuple[Any, dict[str, Any]]:
    body = make_body(case)
    return api.create(body), body
