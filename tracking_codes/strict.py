"""The strict request schema: the structure plus every rule JSON Schema can state.

``tracking-code-request.strict.schema.json`` is meant for consumers in any
language; this module is its Python side. It reads from the file itself which
rules it states (so the file stays the one source), builds the documents to
validate against (the whole file, or the structure with the documented rules
only, or one rule alone), and compiles them with jsonschema or jsonschema-rs.
Either library is given every schema file up front: the ``$id`` values are
names, not addresses, and nothing is fetched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, Final, Protocol

import jsonschema
import referencing
from referencing.jsonschema import DRAFT202012

from tracking_codes.resources import REQUEST_SCHEMA, all_schemas, load_schema, schema_id
from tracking_codes.structure import compile_validator

STRICT_SCHEMA: Final = "tracking-code-request.strict.schema.json"
DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"

#: The structural rules; S8 (unknown fields are ignored) cannot be broken.
STRUCTURAL_RULES: Final = frozenset({"S1", "S2", "S3", "S4", "S5", "S6", "S7"})


class SchemaValidator(Protocol):
    """What both libraries' compiled validators offer and this module needs."""

    def is_valid(self, instance: Any) -> bool: ...


Compiler = Callable[[dict[str, Any]], SchemaValidator]


def _rule_refs(group: str) -> tuple[str, ...]:
    """The rule ids a ``$defs`` group of the strict schema refers to, in order."""
    refs = load_schema(STRICT_SCHEMA)["$defs"][group]["allOf"]
    return tuple(str(ref["$ref"]).rpartition("/")[2] for ref in refs)


def expressed_rules(*, inferred: bool = True) -> tuple[str, ...]:
    """The cross-field rules the strict schema states, documented ones first."""
    documented = _rule_refs("documentedRules")
    return documented + _rule_refs("inferredRules") if inferred else documented


def enforced_rules(*, inferred: bool = True) -> frozenset[str]:
    """Every rule id a body can break that the strict schema notices."""
    return STRUCTURAL_RULES | frozenset(expressed_rules(inferred=inferred))


def strict_schema(*, inferred: bool = True) -> dict[str, Any]:
    """The document to validate a whole body against.

    With the inferred rules this is the strict file itself; without them, the
    structural schema and the strict file's documented rules side by side,
    which is how a consumer in any language leaves R8-R10 out.
    """
    if inferred:
        return load_schema(STRICT_SCHEMA)
    return {
        "$schema": DIALECT,
        "allOf": [
            {"$ref": schema_id(REQUEST_SCHEMA)},
            {"$ref": f"{schema_id(STRICT_SCHEMA)}#/$defs/documentedRules"},
        ],
    }


def rule_schema(rule_id: str) -> dict[str, Any]:
    """A document that checks one cross-field rule alone, for finding which broke."""
    if rule_id not in expressed_rules():
        raise ValueError(
            f"{rule_id} is not stated by the strict schema; "
            f"use one of {', '.join(expressed_rules())}"
        )
    return {"$schema": DIALECT, "$ref": f"{schema_id(STRICT_SCHEMA)}#/$defs/{rule_id}"}


def structural_schema() -> dict[str, Any]:
    """The structural request schema alone (S1-S8)."""
    return load_schema(REQUEST_SCHEMA)


@cache
def _registry() -> referencing.Registry[Any]:
    resources = (
        (uri, DRAFT202012.create_resource(schema))
        for uri, schema in all_schemas().items()
    )
    return referencing.Registry().with_resources(resources)


def compile_jsonschema(schema: dict[str, Any]) -> SchemaValidator:
    """A jsonschema (Python) validator of ``schema`` that knows every schema file."""
    validator: SchemaValidator = jsonschema.Draft202012Validator(
        schema, registry=_registry()
    )
    return validator


def compile_jsonschema_rs(schema: dict[str, Any]) -> SchemaValidator:
    """A jsonschema-rs validator of ``schema`` that knows every schema file."""
    validator: SchemaValidator = compile_validator(schema)
    return validator


#: The two Python validator libraries the strict schema is proven with.
COMPILERS: Final[Mapping[str, Compiler]] = {
    "jsonschema": compile_jsonschema,
    "jsonschema-rs": compile_jsonschema_rs,
}


class StrictChecker:
    """The strict schema compiled once by one library, whole and rule by rule."""

    def __init__(self, compile_schema: Compiler, *, inferred: bool = True) -> None:
        self.inferred = inferred
        self._whole = compile_schema(strict_schema(inferred=inferred))
        self._structure = compile_schema(structural_schema())
        self._rules = {
            rule_id: compile_schema(rule_schema(rule_id))
            for rule_id in expressed_rules(inferred=inferred)
        }

    def is_valid(self, body: Any) -> bool:
        """The verdict of the strict schema on the whole body."""
        return self._whole.is_valid(body)

    def structure_is_valid(self, body: Any) -> bool:
        """The verdict of the structural schema alone."""
        return self._structure.is_valid(body)

    def broken_rules(self, body: Any) -> list[str]:
        """The cross-field rules whose own subschema rejects the body."""
        return [rule for rule, check in self._rules.items() if not check.is_valid(body)]
