"""Our schemas against the vendor's own OpenAPI description of tracking codes.

The vendor publishes types and enums only; its prose adds limits (lengths and
counts) and allows a null ``scheduleStartCodes``. Ours must hold everything the
vendor's schemas hold, and differ exactly where the prose or a contract
decision says so. The vendor's file lives beside the repository, in
``../shared/reference/``; without it these tests skip.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import referencing
from hypothesis import given, settings
from hypothesis import strategies as st
from referencing.jsonschema import DRAFT202012

from tracking_codes.resources import REQUEST_SCHEMA, all_schemas, load_schema

REPOSITORY = Path(__file__).resolve().parents[1]
VENDOR_FILE = (
    REPOSITORY.parent / "shared" / "reference" / "vendor-tracking-codes.openapi.json"
)
VENDOR_URI = "urn:vendor:tracking-codes"

#: Each schema of the vendor's, and ours that stands for it.
COUNTERPARTS = {
    "CreateOrUpdateTrackingCodeObject": "tracking-code-request.schema.json",
    "GetTrackingCodeObject": "tracking-code.schema.json",
    "GetTrackingCodesObject": "tracking-code-list.schema.json",
    "OptionsForCreateOrUpdateTrackingCodeObject": "option.schema.json",
    "OptionsForTrackingCodeObject": "option.schema.json",
    "ScheduleStartCodeObject": "schedule-start-code.schema.json",
}

Node = dict[str, Any]
Facts = dict[str, dict[str, Any]]
Difference = tuple[str, str, Any, Any]


def under(prefix: str, found: set[Difference]) -> set[Difference]:
    """The same differences, one level down in the data."""
    return {(prefix + path, key, a, b) for path, key, a, b in found}


# Where ours differs, and why: (pointer-like path, keyword, vendor's, ours).
OPTION_LIMITS: set[Difference] = {
    # prose: "value cannot be empty and the maximum size is 120 characters"
    ("/value", "minLength", None, 1),
    ("/value", "maxLength", None, 120),
}
REQUEST_LIMITS: set[Difference] = {
    # prose: "The name cannot be empty and the maximum size is 120 characters"
    ("/name", "minLength", None, 1),
    ("/name", "maxLength", None, 120),
    # prose: "The siteUrl is required"; the vendor's own 400 example says it
    # "cannot be empty"
    ("/siteUrl", "minLength", None, 1),
    # prose: "The maximum size of options is 500"
    ("/options", "maxItems", None, 500),
    # prose: "The maximum size of scheduleStartCodes is 5"
    ("/scheduleStartCodes", "maxItems", None, 5),
    # prose: scheduleStartCodes "must be null or ..." with hostProfileSelect
    (
        "/scheduleStartCodes",
        "types",
        frozenset({"array"}),
        frozenset({"array", "null"}),
    ),
} | under("/options/[]", OPTION_LIMITS)
TRACKING_CODE_LIMITS = REQUEST_LIMITS | {
    # decision: "id is a non-empty string"; the other fields are "as sent",
    # so a response holds to the request's limits
    ("/id", "minLength", None, 1),
}
EXPECTED_DIFFERENCES: dict[str, set[Difference]] = {
    "CreateOrUpdateTrackingCodeObject": REQUEST_LIMITS,
    "GetTrackingCodeObject": TRACKING_CODE_LIMITS,
    "GetTrackingCodesObject": {
        # decision: list answers {"items": [...]}
        ("", "required", frozenset(), frozenset({"items"})),
    }
    | under("/items/[]", TRACKING_CODE_LIMITS),
    "OptionsForCreateOrUpdateTrackingCodeObject": OPTION_LIMITS,
    "OptionsForTrackingCodeObject": OPTION_LIMITS,
    "ScheduleStartCodeObject": set(),
}
KEYWORDS = ("enum", "minLength", "maxLength", "minItems", "maxItems", "pattern")


@pytest.fixture(scope="module")
def vendor() -> Node:
    """The vendor's OpenAPI document, or a skip naming where it was looked for."""
    if not VENDOR_FILE.is_file():
        pytest.skip(f"the vendor's OpenAPI description is absent: {VENDOR_FILE}")
    document: Node = json.loads(VENDOR_FILE.read_text(encoding="utf-8"))
    return document


def vendor_schemas(vendor: Node) -> dict[str, Node]:
    schemas: dict[str, Node] = vendor["components"]["schemas"]
    return schemas


def vendor_deref(vendor: Node) -> Callable[[Node], Node]:
    def deref(schema: Node) -> Node:
        if "$ref" in schema:
            return vendor_schemas(vendor)[schema["$ref"].rsplit("/", 1)[-1]]
        return schema

    return deref


def our_deref(schema: Node) -> Node:
    return load_schema(schema["$ref"]) if "$ref" in schema else schema


def json_type(value: Any) -> str:
    names = {bool: "boolean", str: "string", int: "integer", float: "number"}
    return "null" if value is None else names.get(type(value), "object")


def describe(schema: Node) -> dict[str, Any]:
    """What one schema node demands, in terms comparable across dialects."""
    kind = schema.get("type", ())
    types = {kind} if isinstance(kind, str) else set(kind)
    if not types and "enum" in schema:
        types = {json_type(value) for value in schema["enum"]}
    if schema.get("nullable"):
        types.add("null")
    facts: dict[str, Any] = {
        "types": frozenset(types),
        "required": frozenset(schema.get("required", ())),
    }
    facts |= {key: schema[key] for key in KEYWORDS if key in schema}
    if "enum" in facts:
        facts["enum"] = tuple(facts["enum"])
    return facts


def merge(into: Facts, more: Facts) -> Facts:
    """Facts of two schemas that both apply (allOf)."""
    for path, facts in more.items():
        known = into.setdefault(path, {"types": frozenset(), "required": frozenset()})
        types = known["types"] & facts["types"] or known["types"] | facts["types"]
        required = known["required"] | facts["required"]
        known |= facts | {"types": types, "required": required}
    return into


def flatten(schema: Node, deref: Callable[[Node], Node], path: str = "") -> Facts:
    """Facts of every node of a schema, keyed by the path of the data it checks."""
    schema = deref(schema)
    facts: Facts = {}
    for part in schema.get("allOf", ()):
        merge(facts, flatten(part, deref, path))
    merge(facts, {path: describe(schema)})
    for name, subschema in schema.get("properties", {}).items():
        merge(facts, flatten(subschema, deref, f"{path}/{name}"))
    if "items" in schema:
        merge(facts, flatten(schema["items"], deref, f"{path}/[]"))
    return facts


def differences(theirs: Facts, ours: Facts) -> set[Difference]:
    found = set()
    for path in theirs.keys() | ours.keys():
        a, b = theirs.get(path, {}), ours.get(path, {})
        for key in a.keys() | b.keys():
            if a.get(key) != b.get(key):
                found.add((path, key, a.get(key), b.get(key)))
    return found


def facts_of(vendor: Node, name: str) -> tuple[Facts, Facts]:
    """The facts of a vendor schema and of its counterpart of ours."""
    theirs = flatten(vendor_schemas(vendor)[name], vendor_deref(vendor))
    return theirs, flatten(load_schema(COUNTERPARTS[name]), our_deref)


def test_every_vendor_schema_has_a_counterpart(vendor: Node) -> None:
    assert set(vendor_schemas(vendor)) == set(COUNTERPARTS)


@pytest.mark.parametrize("name", list(COUNTERPARTS))
def test_every_vendor_property_exists_in_ours(vendor: Node, name: str) -> None:
    theirs, ours = facts_of(vendor, name)

    assert theirs.keys() <= ours.keys()


def test_every_vendor_enum_value_exists_in_ours(vendor: Node) -> None:
    checked = set()
    for name in COUNTERPARTS:
        theirs, ours = facts_of(vendor, name)
        for path, facts in theirs.items():
            if "enum" in facts:
                assert set(facts["enum"]) <= set(ours[path].get("enum", ())), path
                checked.add(path.rsplit("/", 1)[-1])

    assert checked == {"inputMode", "hostProfileCode", "service", "type"}


@pytest.mark.parametrize("name", list(COUNTERPARTS))
def test_ours_differs_exactly_where_the_prose_says(vendor: Node, name: str) -> None:
    theirs, ours = facts_of(vendor, name)

    assert differences(theirs, ours) == EXPECTED_DIFFERENCES[name]


def test_error_shape_is_the_vendors_with_every_field_required(vendor: Node) -> None:
    post = vendor["paths"]["/admin/meeting/config/trackingCodes"]["post"]
    (content,) = post["responses"]["400"]["content"].values()
    theirs = flatten(content["schema"], our_deref)
    ours = flatten(load_schema("error.schema.json"), our_deref)

    assert differences(theirs, ours) == {
        # decision: every 4xx body has the vendor's shape, all three fields
        ("", "required", frozenset(), frozenset({"message", "errors", "trackingId"})),
        ("/errors/[]", "required", frozenset(), frozenset({"description"})),
    }


def test_vendor_examples_are_valid_in_ours(vendor: Node) -> None:
    post = vendor["paths"]["/admin/meeting/config/trackingCodes"]["post"]
    listed = vendor["paths"]["/admin/meeting/config/trackingCodes"]["get"]
    cases = [
        (
            post["responses"]["200"]["content"]["application/json"]["example"],
            "tracking-code",
        ),
        (
            listed["responses"]["200"]["content"]["application/json"]["example"],
            "tracking-code-list",
        ),
        (
            post["responses"]["400"]["content"]["application/json;charset=UTF-8"][
                "example"
            ],
            "error",
        ),
    ]

    for example, name in cases:
        assert our_validator(f"{name}.schema.json").is_valid(example), name


# Bodies: what the vendor's schema accepts and ours rejects, and the reverse.
@cache
def our_validator(name: str) -> jsonschema.Draft202012Validator:
    registry = referencing.Registry().with_resources(
        (uri, DRAFT202012.create_resource(schema))
        for uri, schema in all_schemas().items()
    )
    return jsonschema.Draft202012Validator(load_schema(name), registry=registry)


def vendor_validator(vendor: Node, name: str) -> jsonschema.Draft202012Validator:
    """The vendor's schema as is: types, enums and required lists only."""
    resource = DRAFT202012.create_resource(vendor)
    registry = referencing.Registry().with_resource(VENDOR_URI, resource)
    reference = {"$ref": f"{VENDOR_URI}#/components/schemas/{name}"}
    return jsonschema.Draft202012Validator(reference, registry=registry)


def breaks_prose(body: Node) -> bool:
    """Whether a body the vendor's schema accepts breaks a limit of the prose."""
    values = [option["value"] for option in body["options"]]
    return (
        not 1 <= len(body["name"]) <= 120
        or body["siteUrl"] == ""
        or len(body["options"]) > 500
        or any(not 1 <= len(value) <= 120 for value in values)
        or len(body["scheduleStartCodes"] or ()) > 5
    )


def text_near(limit: int) -> st.SearchStrategy[str]:
    """Strings of any code points, often right at ``limit`` or one past it."""
    sizes = st.sampled_from([0, 1, limit - 1, limit, limit + 1]) | st.integers(0, 140)
    return st.builds(lambda n, c: (c * n)[:n], sizes, st.text(min_size=1, max_size=3))


options_near_limit = st.builds(
    lambda count, option: [option] * count,
    st.sampled_from([0, 1, 3, 500, 501]),
    st.fixed_dictionaries({"value": text_near(120), "defaultValue": st.booleans()}),
)
schedule_codes = st.none() | st.lists(
    st.fixed_dictionaries(
        {
            "service": st.sampled_from(
                [
                    "All",
                    "MeetingCenter",
                    "EventCenter",
                    "TrainingCenter",
                    "SupportCenter",
                ]
            ),
            "type": st.sampled_from(
                ["optional", "required", "adminSet", "notUsed", "notApplicable"]
            ),
        }
    ),
    max_size=7,
)
vendor_shaped = st.fixed_dictionaries(
    {
        "name": text_near(120),
        "siteUrl": st.sampled_from(["", "example.webex.com"]),
        "options": options_near_limit,
        "inputMode": st.sampled_from(
            ["text", "select", "editableSelect", "hostProfileSelect"]
        ),
        "hostProfileCode": st.sampled_from(
            ["optional", "required", "adminSet", "notUsed"]
        ),
        "scheduleStartCodes": schedule_codes,
    }
)


@settings(max_examples=150, deadline=None)
@given(body=vendor_shaped)
def test_ours_rejects_what_the_vendor_accepts_exactly_when_prose_is_broken(
    vendor: Node, body: Node
) -> None:
    theirs = vendor_validator(vendor, "CreateOrUpdateTrackingCodeObject")
    ours = our_validator(REQUEST_SCHEMA)

    if theirs.is_valid(body):
        assert ours.is_valid(body) is not breaks_prose(body)
    else:
        assert body["scheduleStartCodes"] is None
        assert ours.is_valid(body) is not breaks_prose(body)


# The same, one limit at a time.
PROSE_LIMITS = [
    pytest.param({"name": "n" * 120}, True, id="name-120"),
    pytest.param({"name": "n" * 121}, False, id="name-121"),
    pytest.param({"name": ""}, False, id="name-empty"),
    pytest.param({"siteUrl": ""}, False, id="siteUrl-empty"),
    pytest.param({"options": [{"value": "v", "defaultValue": False}] * 500}, True),
    pytest.param({"options": [{"value": "v", "defaultValue": False}] * 501}, False),
    pytest.param({"options": [{"value": "é" * 120, "defaultValue": False}]}, True),
    pytest.param({"options": [{"value": "é" * 121, "defaultValue": False}]}, False),
    pytest.param({"options": [{"value": "", "defaultValue": False}]}, False),
    pytest.param(
        {"scheduleStartCodes": [{"service": "All", "type": "notUsed"}] * 5}, True
    ),
    pytest.param(
        {"scheduleStartCodes": [{"service": "All", "type": "notUsed"}] * 6}, False
    ),
]


@pytest.mark.parametrize(("fields", "ours_accepts"), PROSE_LIMITS)
def test_vendor_accepts_and_ours_follows_the_prose(
    vendor: Node, vendor_body: Node, fields: Node, ours_accepts: bool
) -> None:
    body = vendor_body | fields

    assert vendor_validator(vendor, "CreateOrUpdateTrackingCodeObject").is_valid(body)
    assert our_validator(REQUEST_SCHEMA).is_valid(body) is ours_accepts


def test_null_schedule_start_codes_are_ours_alone(
    vendor: Node, vendor_body: Node
) -> None:
    body = vendor_body | {"scheduleStartCodes": None}

    assert not vendor_validator(vendor, "CreateOrUpdateTrackingCodeObject").is_valid(
        body
    )
    assert our_validator(REQUEST_SCHEMA).is_valid(body)
