"""The words of the contract that the cross-field rules reason about.

The enumerations are read from the schemas, so that a value added there is
known here too; the named constants are the few values whose meaning the
rules depend on.
"""

from __future__ import annotations

from typing import Final

from tracking_codes.resources import REQUEST_SCHEMA, load_schema

_ITEM = load_schema("schedule-start-code.schema.json")["properties"]
_REQUEST_SCHEMA = load_schema(REQUEST_SCHEMA)
_REQUEST = _REQUEST_SCHEMA["properties"]

#: The six fields every request body holds (S1), in the schema's order.
FIELDS: Final[tuple[str, ...]] = tuple(_REQUEST_SCHEMA["required"])

SERVICES: Final[tuple[str, ...]] = tuple(_ITEM["service"]["enum"])
SCHEDULE_TYPES: Final = frozenset(_ITEM["type"]["enum"])
HOST_PROFILE_CODES: Final = frozenset(_REQUEST["hostProfileCode"]["enum"])
INPUT_MODES: Final = frozenset(_REQUEST["inputMode"]["enum"])

ALL: Final = "All"
CONCRETE_SERVICES: Final = tuple(s for s in SERVICES if s != ALL)

NOT_APPLICABLE: Final = "notApplicable"
NOT_USED: Final = "notUsed"
ADMIN_SET: Final = "adminSet"
REQUIRED: Final = "required"

HOST_PROFILE_SELECT: Final = "hostProfileSelect"
SELECT: Final = "select"
EDITABLE_SELECT: Final = "editableSelect"

#: Schedule start code types allowed beside a hostProfileCode of adminSet (R3).
TYPES_WITH_ADMIN_SET: Final = frozenset({ADMIN_SET, NOT_USED, NOT_APPLICABLE})
#: Schedule start code types allowed beside any other hostProfileCode (R3).
TYPES_WITHOUT_ADMIN_SET: Final = SCHEDULE_TYPES - {ADMIN_SET}
