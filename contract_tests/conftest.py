"""Fixtures of the contract suite: the target, its session, and clean-up.

Without ``--base-url`` the suite starts the reference server on a free
loopback port, fills every option from its built-in configuration, and stops
it at the end. Every tracking code created is deleted when the session ends,
also after failures and Ctrl-C.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from contract_tests.api import TrackingCodesApi
from contract_tests.bodies import new_prefix, vendor_example, with_prefix
from contract_tests.cases import Case
from contract_tests.cleanup import clean_up
from contract_tests.embedded import embedded_target
from contract_tests.reporting import add_secrets
from contract_tests.session import ContractSession
from contract_tests.target import Target


@pytest.fixture(scope="session")
def target(request: pytest.FixtureRequest, base_url: str | None) -> Iterator[Target]:
    """The implementation under test: the one named, or the embedded server."""
    if base_url:
        chosen = Target.from_options(request.config, base_url)
        add_secrets(request.config, chosen.secrets)
        yield chosen
        return
    with embedded_target(request.config) as embedded:
        add_secrets(request.config, embedded.secrets)
        yield embedded


@pytest.fixture(scope="session")
def prefix() -> str:
    """The name prefix of every tracking code this run (this worker) creates."""
    return new_prefix()


@pytest.fixture(scope="session")
def session(target: Target, prefix: str) -> Iterator[ContractSession]:
    """The HTTP session; on the way out it deletes what the run created."""
    contract_session = ContractSession()
    yield contract_session
    leftovers = clean_up(TrackingCodesApi(contract_session, target), prefix)
    if leftovers:
        pytest.fail(
            "clean-up could not delete these tracking codes the suite created: "
            + ", ".join(leftovers),
            pytrace=False,
        )


@pytest.fixture
def api(session: ContractSession, target: Target) -> TrackingCodesApi:
    """The five operations, authenticated with the admin token."""
    return TrackingCodesApi(session, target)


@pytest.fixture
def make_body(target: Target, prefix: str) -> Callable[[Case], dict[str, Any]]:
    """The body of a case, on the site of the case's kind, named for this run."""

    def build(case: Case) -> dict[str, Any]:
        body = vendor_example() | {"siteUrl": target.site(case.site)}
        body["name"] = prefix + body["name"]
        case.change(body)
        if "name" in body:
            body["name"] = with_prefix(body["name"], prefix)
        return body

    return build
