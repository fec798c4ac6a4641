"""Command-line options of the contract suite and its Hypothesis profiles.

They live here, at the repository root, so that ``pytest contract_tests
--token ...`` finds them whichever folder pytest is pointed at. ``--base-url``
itself comes from the pytest-base-url plugin.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

pytest_plugins = ("contract_tests.reporting",)

# The fixtures the generated tests use (the API client, the site rotation)
# are meant to live across the examples of one test; slow examples are the
# network's doing, not the strategy's.
SUPPRESSED = [
    HealthCheck.function_scoped_fixture,
    HealthCheck.too_slow,
    HealthCheck.filter_too_much,
]

# "quick" is for a fast signal (under 15 s against the embedded server); the
# default profile, "full", explores more and stays under 90 s on two cores.
settings.register_profile(
    "quick",
    max_examples=12,
    deadline=None,
    suppress_health_check=SUPPRESSED,
    database=None,
)
settings.register_profile(
    "full",
    max_examples=300,
    deadline=None,
    suppress_health_check=SUPPRESSED,
    database=None,
)
settings.load_profile("full")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("contract", "tracking-codes contract suite")
    group.addoption(
        "--token",
        default=os.environ.get("WEBEX_ACCESS_TOKEN"),
        help="an admin access token (default: $WEBEX_ACCESS_TOKEN)",
    )
    group.addoption("--non-admin-token", help="a valid token without the admin role")
    group.addoption(
        "--site-url", help="a Control Hub managed site where creating works"
    )
    group.addoption("--site-admin-site-url", help="a Site Admin managed site")
    group.addoption("--mapped-site-url", help="a site whose tracking codes are mapped")
    group.addoption(
        "--inferred-rules",
        action="store_true",
        help="also check R8-R11, which the real service may not enforce",
    )
