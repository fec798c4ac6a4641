"""Fixtures shared by the tests of the contract core: the vendor's example body."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from tracking_codes.resources import load_openapi

Body = dict[str, Any]


@pytest.fixture(scope="session")
def vendor_example() -> Body:
    """The request body of openapi.yaml's example; copy it before changing it."""
    examples = load_openapi()["components"]["examples"]
    body: Body = examples["trackingCodeRequest"]["value"]
    return body


@pytest.fixture
def vendor_body(vendor_example: Body) -> Body:
    """A fresh copy of the vendor's example body, free to change."""
    return copy.deepcopy(vendor_example)


@pytest.fixture
def build(vendor_example: Body) -> Callable[..., Body]:
    """A builder of bodies: the vendor's example with some fields replaced."""

    def with_fields(**fields: Any) -> Body:
        return copy.deepcopy(vendor_example) | copy.deepcopy(fields)

    return with_fields
