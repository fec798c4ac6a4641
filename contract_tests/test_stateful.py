"""Sequences of calls that follow the OpenAPI links: create, then get, update
and delete what was created, checking each answer as it comes."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import settings
from schemathesis.specs.openapi.checks import (
    ensure_resource_availability,
    use_after_free,
)

from contract_tests.api import TrackingCodesApi
from contract_tests.generation import CHECKS, aim, auth_headers, load_schema
from contract_tests.target import Target

pytestmark = pytest.mark.rule("stateful")

STATEFUL_CHECKS = [*CHECKS, use_after_free, ensure_resource_availability]
Workflow = load_schema().as_state_machine()


def test_linked_operations_keep_state(
    api: TrackingCodesApi, target: Target, prefix: str
) -> None:
    site_url = target.site("control-hub")
    call_kwargs = {
        "base_url": target.base_url,
        "session": api.session,
        "headers": auth_headers(target),
    }

    class AgainstTarget(Workflow):  # type: ignore[misc, valid-type]
        def before_call(self, case: schemathesis.Case) -> None:
            aim(case, site_url, prefix)

        def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
            return call_kwargs

        def validate_response(
            self, response: Any, case: schemathesis.Case, **kwargs: Any
        ) -> None:
            case.validate_response(
                response, checks=STATEFUL_CHECKS, headers=call_kwargs["headers"]
            )

    current = settings()
    runs = max(5, current.max_examples // 5)
    AgainstTarget.run(
        settings=settings(current, max_examples=runs, stateful_step_count=6)
    )
