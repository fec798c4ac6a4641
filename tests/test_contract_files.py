"""The contract files themselves: openapi.yaml and the JSON Schemas it points to."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jsonschema
import openapi_spec_validator
import pytest
import referencing
from referencing.jsonschema import DRAFT202012

from tracking_codes import Site, validate
from tracking_codes.resources import (
    REQUEST_SCHEMA,
    contract_root,
    load_openapi,
    load_schema,
    openapi_path,
    schema_names,
)

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
OPERATIONS = {
    "listTrackingCodes": ("get", "/admin/meeting/config/trackingCodes"),
    "createTrackingCode": ("post", "/admin/meeting/config/trackingCodes"),
    "getTrackingCode": ("get", "/admin/meeting/config/trackingCodes/{trackingCodeId}"),
    "updateTrackingCode": (
        "put",
        "/admin/meeting/config/trackingCodes/{trackingCodeId}",
    ),
    "deleteTrackingCode": (
        "delete",
        "/admin/meeting/config/trackingCodes/{trackingCodeId}",
    ),
}
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}

Node = dict[str, Any]


@pytest.fixture(scope="module")
def openapi() -> Node:
    return load_openapi()


@pytest.fixture(scope="module")
def registry() -> referencing.Registry[Any]:
    """Every schema file, each known by its ``$id`` and by its file's URI."""
    resources = []
    for name in schema_names():
        resource = DRAFT202012.create_resource(load_schema(name))
        resources += [(resource.id() or "", resource), (schema_uri(name), resource)]
    return referencing.Registry().with_resources(resources)


def schema_uri(name: str) -> str:
    """The URI of ``schemas/NAME`` beside openapi.yaml."""
    return urljoin(openapi_path().resolve().as_uri(), f"schemas/{name}")


def walk(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every value in a document, with its JSON pointer."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{path}/{index}")


def resolve_local(document: Node, ref: str) -> Any:
    """The target of a ``#/...`` reference inside ``document``."""
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def follow(document: Node, node: Any) -> Any:
    """``node``, or what its local ``$ref`` points to."""
    while isinstance(node, dict) and str(node.get("$ref", "")).startswith("#/"):
        node = resolve_local(document, node["$ref"])
    return node


# openapi.yaml as a whole.
def test_openapi_passes_the_spec_validator(openapi: Node) -> None:
    uri = openapi_path().resolve().as_uri()

    openapi_spec_validator.validate(openapi, base_uri=uri)


def test_openapi_is_version_3_1(openapi: Node) -> None:
    assert openapi["openapi"].startswith("3.1.")


def test_every_reference_resolves(openapi: Node) -> None:
    refs = [n["$ref"] for _, n in walk(openapi) if isinstance(n, dict) and "$ref" in n]
    folder = openapi_path().resolve().parent

    for ref in refs:
        if ref.startswith("#/"):
            assert resolve_local(openapi, ref) is not None, ref
        else:
            assert (folder / ref).is_file(), f"{ref} names no file beside openapi.yaml"
    assert len(refs) > 40


def test_five_operations_sit_where_the_decisions_put_them(openapi: Node) -> None:
    found = {
        operation["operationId"]: (method, path)
        for path, item in openapi["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    }

    assert found == OPERATIONS


def test_create_answers_with_links_to_get_update_and_delete(openapi: Node) -> None:
    create = openapi["paths"]["/admin/meeting/config/trackingCodes"]["post"]
    links = follow(openapi, create["responses"]["200"])["links"]

    assert {link["operationId"] for link in links.values()} == {
        "getTrackingCode",
        "updateTrackingCode",
        "deleteTrackingCode",
    }
    for link in links.values():
        assert link["parameters"]["trackingCodeId"] == "$response.body#/id"


def test_link_parameters_exist_on_their_operation(openapi: Node) -> None:
    item = openapi["paths"]["/admin/meeting/config/trackingCodes/{trackingCodeId}"]
    links = openapi["components"]["responses"]["TrackingCode"]["links"]

    for link in links.values():
        method = OPERATIONS[link["operationId"]][0]
        declared = item.get("parameters", []) + item[method].get("parameters", [])
        names = {follow(openapi, p)["name"] for p in declared}
        assert set(link["parameters"]) <= names, link["operationId"]


@pytest.mark.parametrize(
    ("operation_id", "statuses"),
    [
        (
            "createTrackingCode",
            {"200", "400", "401", "403", "404", "409", "415", "429"},
        ),
        (
            "updateTrackingCode",
            {"200", "400", "401", "403", "404", "409", "415", "429"},
        ),
        ("getTrackingCode", {"200", "401", "403", "404", "429"}),
        ("listTrackingCodes", {"200", "401", "403", "429"}),
        ("deleteTrackingCode", {"204", "401", "403", "404", "429"}),
    ],
)
def test_operation_documents_the_statuses_of_the_decisions(
    openapi: Node, operation_id: str, statuses: set[str]
) -> None:
    method, path = OPERATIONS[operation_id]

    assert statuses <= set(openapi["paths"][path][method]["responses"])


def test_every_error_response_has_the_error_shape(openapi: Node) -> None:
    for name, response in openapi["components"]["responses"].items():
        if name == "TrackingCode":
            continue
        schema = response["content"]["application/json"]["schema"]
        assert schema == {"$ref": "schemas/error.schema.json"}, name


def test_rate_limit_answer_carries_retry_after(openapi: Node) -> None:
    headers = openapi["components"]["responses"]["TooManyRequests"]["headers"]

    assert follow(openapi, headers["Retry-After"])["schema"]["type"] == "integer"


# Every example, against the schema of the place where it is used.
def examples_in_use(openapi: Node) -> Iterator[tuple[str, Any, Any]]:
    """(where, example value, schema) for each example and its schema."""
    for where, node in walk(openapi):
        if not (isinstance(node, dict) and "schema" in node):
            continue
        if "example" in node:
            yield where, node["example"], node["schema"]
        for name, example in node.get("examples", {}).items():
            yield (
                f"{where}/examples/{name}",
                follow(openapi, example)["value"],
                node["schema"],
            )


def schema_validator(
    schema: Node, registry: referencing.Registry[Any]
) -> jsonschema.Draft202012Validator:
    """A pure-Python validator of a schema in openapi.yaml, file refs resolved."""
    if "$ref" in schema and not schema["$ref"].startswith("#"):
        schema = {"$ref": schema_uri(Path(schema["$ref"]).name)}
    return jsonschema.Draft202012Validator(schema, registry=registry)


def test_every_example_validates_against_its_schema(
    openapi: Node, registry: referencing.Registry[Any]
) -> None:
    checked = []
    for where, example, schema in examples_in_use(openapi):
        errors = list(schema_validator(schema, registry).iter_errors(example))
        assert errors == [], f"{where}: {[e.message for e in errors]}"
        checked.append(where)

    assert len(checked) >= 5


def test_every_named_example_is_used(openapi: Node) -> None:
    refs = {n["$ref"] for _, n in walk(openapi) if isinstance(n, dict) and "$ref" in n}

    for name in openapi["components"]["examples"]:
        assert f"#/components/examples/{name}" in refs, name


def test_request_example_breaks_no_rule(openapi: Node) -> None:
    example = openapi["components"]["examples"]["trackingCodeRequest"]["value"]

    assert validate(example, Site.from_kind("control-hub")).valid


# The schema files.
@pytest.mark.parametrize("name", schema_names())
def test_schema_file_is_a_2020_12_schema_with_id_title_and_description(
    name: str,
) -> None:
    schema = load_schema(name)

    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DRAFT_2020_12
    assert schema["$id"].endswith(f"/schemas/{name}")
    assert schema["title"].strip()
    assert schema["description"].strip()


@pytest.mark.parametrize("name", schema_names())
def test_schema_file_is_plain_json(name: str) -> None:
    """No NaN, no Infinity, no duplicate keys: any JSON parser takes it as is."""
    text = contract_root().joinpath("schemas", name).read_text(encoding="utf-8")

    def refuse(value: str) -> None:
        raise AssertionError(f"{name}: {value} is not JSON")

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        assert len(keys) == len(set(keys)), f"{name}: duplicate keys {keys}"
        return dict(pairs)

    json.loads(text, parse_constant=refuse, object_pairs_hook=unique)


# The strict schema's "properties" are conditions of rules, not field
# definitions: its rules carry the titles instead.
TYPE_SCHEMAS = [n for n in schema_names() if not n.endswith(".strict.schema.json")]


@pytest.mark.parametrize("name", TYPE_SCHEMAS)
def test_every_property_is_described(name: str) -> None:
    for where, node in walk(load_schema(name)):
        if where.endswith("/properties"):
            for key, subschema in node.items():
                assert subschema.get("description"), f"{name}{where}/{key}"


def test_schema_ids_are_unique() -> None:
    ids = [load_schema(name)["$id"] for name in schema_names()]

    assert len(ids) == len(set(ids))


def test_openapi_names_every_schema_it_needs(openapi: Node) -> None:
    refs = {n["$ref"] for _, n in walk(openapi) if isinstance(n, dict) and "$ref" in n}

    for name in (
        REQUEST_SCHEMA,
        "tracking-code.schema.json",
        "tracking-code-list.schema.json",
        "error.schema.json",
    ):
        assert f"schemas/{name}" in refs


# The request schema says S1-S8 and nothing more.
def test_request_schema_states_s1_to_s8() -> None:
    request = load_schema(REQUEST_SCHEMA)
    fields = request["properties"]

    assert request["type"] == "object"
    assert request["required"] == list(fields)
    assert fields["name"] | {"description": ""} == {
        "description": "",
        "type": "string",
        "minLength": 1,
        "maxLength": 120,
    }
    assert fields["siteUrl"] | {"description": ""} == {
        "description": "",
        "type": "string",
        "minLength": 1,
    }
    assert (fields["options"]["type"], fields["options"]["maxItems"]) == ("array", 500)
    assert fields["inputMode"]["enum"] == [
        "text",
        "select",
        "editableSelect",
        "hostProfileSelect",
    ]
    assert fields["hostProfileCode"]["enum"] == [
        "optional",
        "required",
        "adminSet",
        "notUsed",
    ]
    codes = fields["scheduleStartCodes"]
    assert (codes["type"], codes["maxItems"]) == (["array", "null"], 5)


def test_option_schema_states_s4() -> None:
    option = load_schema("option.schema.json")

    assert option["required"] == ["value", "defaultValue"]
    assert option["properties"]["value"] | {"description": ""} == {
        "description": "",
        "type": "string",
        "minLength": 1,
        "maxLength": 120,
    }
    assert option["properties"]["defaultValue"]["type"] == "boolean"


def test_schedule_start_code_schema_states_s7() -> None:
    code = load_schema("schedule-start-code.schema.json")

    assert code["required"] == ["service", "type"]
    assert code["properties"]["service"]["enum"] == [
        "All",
        "MeetingCenter",
        "EventCenter",
        "TrainingCenter",
        "SupportCenter",
    ]
    assert code["properties"]["type"]["enum"] == [
        "optional",
        "required",
        "adminSet",
        "notUsed",
        "notApplicable",
    ]


@pytest.mark.parametrize("name", schema_names())
def test_no_schema_refuses_unknown_properties(name: str) -> None:
    """S8: a tolerant reader; no schema closes its objects."""
    for where, _node in walk(load_schema(name)):
        assert not where.endswith(("/additionalProperties", "/unevaluatedProperties"))
