"""The tracking code the server answers with, shaped from the request body.

The contract fixes it: ``name``, ``siteUrl``, ``options`` (in order),
``inputMode`` and ``hostProfileCode`` as sent; ``scheduleStartCodes`` as the
effective type of each of the four concrete services, plus ``All`` with its
own type when the request listed it (a ``null`` list answers every service
as ``notUsed``). Properties the contract does not name are dropped, at the
top and inside each option (S8). The shaping never fails on a body of the
wrong shape, which only a deliberately loosened engine lets through: what
it cannot shape it passes on as sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from tracking_codes.resolution import listed_types, resolve
from tracking_codes.vocabulary import ALL

AS_SENT: Final = ("name", "siteUrl", "options", "inputMode", "hostProfileCode")
OPTION_FIELDS: Final = ("value", "defaultValue")


def tracking_code(body: Mapping[str, Any]) -> dict[str, Any]:
    """The stored form of a request body, without an id."""
    code = {field: body.get(field) for field in AS_SENT}
    code["options"] = options(code["options"])
    code["scheduleStartCodes"] = schedule_start_codes(body.get("scheduleStartCodes"))
    return code


def options(sent: Any) -> Any:
    """The options in order, each with only ``value`` and ``defaultValue``."""
    if not isinstance(sent, list):
        return sent
    return [_option(item) for item in sent]


def _option(item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    return {field: item[field] for field in OPTION_FIELDS if field in item}


def schedule_start_codes(sent: Any) -> list[dict[str, Any]]:
    """``All`` as listed (if it was), then each concrete service's effective type."""
    listed = listed_types(sent)
    codes = [{"service": ALL, "type": listed[ALL]}] if ALL in listed else []
    effective = resolve(listed).items()
    codes.extend({"service": service, "type": kind} for service, kind in effective)
    return codes
