"""Fixtures of the server tests: real servers on loopback, real HTTP clients."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from serverkit import ADMIN

from tracking_codes.server.app import create_app
from tracking_codes.server.runner import running_server


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    """A server with the built-in configuration, fresh for each test module."""
    with running_server(create_app()) as url:
        yield url


@pytest.fixture
def admin(server_url: str) -> Iterator[httpx.Client]:
    """A client of the module's server holding the admin token."""
    with httpx.Client(base_url=server_url, headers=ADMIN, timeout=10) as client:
        yield client
