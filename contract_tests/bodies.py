"""Request bodies: the vendor's example, made unique to this run and site.

Every tracking code the suite creates has a name that starts with the run's
prefix, so that anything left behind by an interrupted run can be recognised
(and only this run's codes are ever swept away).
"""

from __future__ import annotations

import copy
import uuid
from functools import cache
from typing import Any, Final

from tracking_codes.resources import load_openapi

PREFIX_TEMPLATE: Final = "ctk-{}-"


def new_prefix() -> str:
    """A name prefix unique to one run of the suite (13 characters)."""
    return PREFIX_TEMPLATE.format(uuid.uuid4().hex[:8])


@cache
def _vendor_example() -> dict[str, Any]:
    examples = load_openapi()["components"]["examples"]
    body: dict[str, Any] = examples["trackingCodeRequest"]["value"]
    return body


def vendor_example() -> dict[str, Any]:
    """A fresh copy of the vendor's example request."""
    return copy.deepcopy(_vendor_example())


def name_of_length(prefix: str, length: int, filler: str = "é") -> str:
    """A name of exactly ``length`` code points that starts with ``prefix``."""
    if length < len(prefix):
        raise ValueError(f"a name of {length} cannot hold the prefix {prefix!r}")
    return prefix + filler * (length - len(prefix))


def with_prefix(name: Any, prefix: str) -> Any:
    """A generated name made to start with the prefix, keeping its length.

    Names that are not strings, or empty, are left alone: they are rejected
    anyway, and changing them would change what is being tested.
    """
    if not isinstance(name, str) or not name:
        return name
    if len(name) < len(prefix):
        return prefix
    return prefix + name[len(prefix) :]
