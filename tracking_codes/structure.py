"""The structural rules S1-S7, checked by a real JSON Schema validator.

jsonschema-rs does the checking, for speed; each of its errors becomes a
violation whose rule id follows from the field it concerns, and whose message
is short enough to read even when the offending value is huge.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Final

import jsonschema_rs

from tracking_codes.resources import REQUEST_SCHEMA, all_schemas, load_schema
from tracking_codes.stand_in import stand_in, value_at
from tracking_codes.violations import Violation, pointer, quote

#: The rule each top-level field's errors belong to.
FIELD_RULES: Final = {
    "name": "S2",
    "siteUrl": "S3",
    "options": "S4",
    "inputMode": "S5",
    "hostProfileCode": "S6",
    "scheduleStartCodes": "S7",
}


def compile_validator(schema: dict[str, Any]) -> Any:
    """A jsonschema-rs validator of ``schema``, resolving refs to our files."""
    registry = jsonschema_rs.Registry(list(all_schemas().items()))
    return jsonschema_rs.validator_for(schema, registry=registry)


@cache
def request_validator() -> Any:
    """The compiled validator of the request body schema, built once."""
    return compile_validator(load_schema(REQUEST_SCHEMA))


def structural_violations(body: Any, validator: Any = None) -> list[Violation]:
    """Every breach of S1-S7 in the body; an empty list when it is well formed."""
    validator = validator or request_validator()
    try:
        return _violations(body, validator)
    except ValueError:  # a lone surrogate, or nesting too deep: see stand_in
        return _violations(stand_in(body), validator, sent=body)


def _violations(body: Any, validator: Any, sent: Any = None) -> list[Violation]:
    if validator.is_valid(body):
        return []
    return [_violation(error, sent) for error in validator.iter_errors(body)]


def _violation(error: Any, sent: Any = None) -> Violation:
    path = list(error.instance_path)
    instance = error.instance
    if sent is not None:
        instance = value_at(sent, path, default=instance)
    return Violation(
        _rule_id(path),
        pointer(*path),
        _message(error.kind, instance, error.message),
        instance,
    )


def _rule_id(path: list[str | int]) -> str:
    return FIELD_RULES.get(str(path[0]), "S1") if path else "S1"


def _message(kind: Any, instance: Any, fallback: str) -> str:
    name = type(kind).__name__
    if name == "Required":
        return f"{quote(kind.property)} is missing; it is required"
    if name in ("MaxLength", "MinLength"):
        return _length_message(name, kind.limit, instance)
    if name == "MaxItems":
        return f"has {len(instance)} items, more than the {kind.limit} allowed"
    if name == "Enum":
        allowed = ", ".join(repr(option) for option in kind.options)
        return f"{quote(instance)} is not one of {allowed}"
    if name == "Type":
        expected = " or ".join(repr(name) for name in kind.types)
        return f"{quote(instance)} is not of type {expected}"
    return fallback


def _length_message(name: str, limit: int, instance: str) -> str:
    size = len(instance)
    if name == "MinLength":
        return "is empty; it needs at least 1 character"
    return f"has {size} characters, more than the {limit} allowed"
