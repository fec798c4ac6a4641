"""Bodies that break exactly one rule are refused, on create and on update."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from contract_tests.api import TrackingCodesApi
from contract_tests.cases import ACCEPTED, REJECTED, Case
from contract_tests.expectations import expect_rejected, expect_tracking_code
from contract_tests.target import Target

MakeBody = Callable[[Case], dict[str, Any]]
VENDOR_EXAMPLE = ACCEPTED[0]


def _params(cases: tuple[Case, ...]) -> list[Any]:
    return [pytest.param(c, marks=pytest.mark.rule(c.rule), id=c.id) for c in cases]


@pytest.mark.parametrize("case", _params(REJECTED))
def test_create_refuses(
    case: Case, api: TrackingCodesApi, target: Target, make_body: MakeBody
) -> None:
    if case.inferred:
        target.require_inferred()
    body = make_body(case)

    response = api.create(body)

    expect_rejected(
        response,
        case.statuses,
        why=f"A create breaking {case.rule} ({case.id}) must be refused",
        rule=case.rule,
    )


UPDATABLE = tuple(case for case in REJECTED if case.site == "control-hub")


@pytest.mark.parametrize("case", _params(UPDATABLE))
def test_update_refuses(
    case: Case, api: TrackingCodesApi, target: Target, make_body: MakeBody
) -> None:
    if case.inferred:
        target.require_inferred()
    original = make_body(VENDOR_EXAMPLE)
    created = expect_tracking_code(api.create(original), original)
    body = make_body(case)

    response = api.update(created["id"], body)

    expect_rejected(
        response,
        case.statuses,
        why=f"An update breaking {case.rule} ({case.id}) must be refused",
        rule=case.rule,
    )
