"""The structural rules S1-S8: each broken alone, the limits, and the messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tracking_codes import validate
from tracking_codes.structure import structural_violations

Body = dict[str, Any]
Build = Callable[..., Body]

FIELDS = ("name", "siteUrl", "options", "inputMode", "hostProfileCode")
SERVICES = ("All", "MeetingCenter", "EventCenter", "TrainingCenter", "SupportCenter")


def options(count: int, value_of: Callable[[int], str] = "v{}".format) -> list[Any]:
    """``count`` options with unique values; only the first is the default."""
    return [{"value": value_of(i), "defaultValue": i == 0} for i in range(count)]


def nested(depth: int) -> list[Any]:
    """An array holding an array, ``depth`` levels deep."""
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("field", [*FIELDS, "scheduleStartCodes"])
def test_missing_field_breaks_s1(vendor_body: Body, field: str) -> None:
    del vendor_body[field]

    assert [str(v) for v in validate(vendor_body).violations] == [
        f"(body): {field!r} is missing; it is required (S1)"
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ([], "(body): an array of 0 items is not of type 'object' (S1)"),
        (None, "(body): null is not of type 'object' (S1)"),
        ("{}", "(body): '{}' is not of type 'object' (S1)"),
        (7, "(body): 7 is not of type 'object' (S1)"),
        (False, "(body): false is not of type 'object' (S1)"),
    ],
)
def test_body_that_is_not_an_object_breaks_s1(body: Any, message: str) -> None:
    assert [str(v) for v in validate(body).violations] == [message]


def test_empty_object_misses_all_six_fields() -> None:
    report = validate({})

    assert [v.rule_id for v in report.violations] == ["S1"] * 6
    assert {v.pointer for v in report.violations} == {""}


BROKEN_ALONE = [
    # S2: name
    pytest.param({"name": ""}, "/name: is empty; it needs at least 1 character (S2)"),
    pytest.param({"name": 5}, "/name: 5 is not of type 'string' (S2)"),
    pytest.param({"name": None}, "/name: null is not of type 'string' (S2)"),
    pytest.param(
        {"name": ["Department"]},
        "/name: an array of 1 item is not of type 'string' (S2)",
    ),
    pytest.param(
        {"name": 10**400},
        "/name: 1000000000000000000000000000000000000... is not of type 'string' (S2)",
        id="huge-integer",
    ),
    # S3: siteUrl
    pytest.param(
        {"siteUrl": ""}, "/siteUrl: is empty; it needs at least 1 character (S3)"
    ),
    pytest.param({"siteUrl": 3.5}, "/siteUrl: 3.5 is not of type 'string' (S3)"),
    pytest.param({"siteUrl": {}}, "/siteUrl: an object is not of type 'string' (S3)"),
    # S4: options and their items
    pytest.param({"options": True}, "/options: true is not of type 'array' (S4)"),
    pytest.param({"options": None}, "/options: null is not of type 'array' (S4)"),
    pytest.param(
        {"options": ["Sales"]}, "/options/0: 'Sales' is not of type 'object' (S4)"
    ),
    pytest.param(
        {"options": [{"value": "Sales"}]},
        "/options/0: 'defaultValue' is missing; it is required (S4)",
    ),
    pytest.param(
        {"options": [{"defaultValue": False}]},
        "/options/0: 'value' is missing; it is required (S4)",
    ),
    pytest.param(
        {"options": [{"value": "", "defaultValue": False}]},
        "/options/0/value: is empty; it needs at least 1 character (S4)",
    ),
    pytest.param(
        {"options": [{"value": 1, "defaultValue": False}]},
        "/options/0/value: 1 is not of type 'string' (S4)",
    ),
    pytest.param(
        {"options": [{"value": "Sales", "defaultValue": "true"}]},
        "/options/0/defaultValue: 'true' is not of type 'boolean' (S4)",
    ),
    pytest.param(
        {"options": [{"value": "Sales", "defaultValue": 0}]},
        "/options/0/defaultValue: 0 is not of type 'boolean' (S4)",
    ),
    # S5: inputMode
    pytest.param(
        {"inputMode": "Select"},
        "/inputMode: 'Select' is not one of 'text', 'select', 'editableSelect', "
        "'hostProfileSelect' (S5)",
    ),
    pytest.param(
        {"inputMode": None},
        "/inputMode: null is not one of 'text', 'select', 'editableSelect', "
        "'hostProfileSelect' (S5)",
    ),
    # S6: hostProfileCode
    pytest.param(
        {"hostProfileCode": "notApplicable"},
        "/hostProfileCode: 'notApplicable' is not one of 'optional', 'required', "
        "'adminSet', 'notUsed' (S6)",
    ),
    pytest.param(
        {"hostProfileCode": ""},
        "/hostProfileCode: '' is not one of 'optional', 'required', 'adminSet', "
        "'notUsed' (S6)",
    ),
    # S7: scheduleStartCodes and their items
    pytest.param(
        {"scheduleStartCodes": {}},
        "/scheduleStartCodes: an object is not of type 'null' or 'array' (S7)",
    ),
    pytest.param(
        {"scheduleStartCodes": "x" * 100},
        "/scheduleStartCodes: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... is not of "
        "type 'null' or 'array' (S7)",
        id="long-string-shortened",
    ),
    pytest.param(
        {"scheduleStartCodes": [None]},
        "/scheduleStartCodes/0: null is not of type 'object' (S7)",
    ),
    pytest.param(
        {"scheduleStartCodes": [{"type": "notUsed"}]},
        "/scheduleStartCodes/0: 'service' is missing; it is required (S7)",
    ),
    pytest.param(
        {"scheduleStartCodes": [{"service": "All"}]},
        "/scheduleStartCodes/0: 'type' is missing; it is required (S7)",
    ),
    pytest.param(
        {"scheduleStartCodes": [{"service": "Webinar", "type": "notUsed"}]},
        "/scheduleStartCodes/0/service: 'Webinar' is not one of 'All', "
        "'MeetingCenter', 'EventCenter', 'TrainingCenter', 'SupportCenter' (S7)",
    ),
    pytest.param(
        {"scheduleStartCodes": [{"service": "All", "type": "never"}]},
        "/scheduleStartCodes/0/type: 'never' is not one of 'optional', 'required', "
        "'adminSet', 'notUsed', 'notApplicable' (S7)",
    ),
]


@pytest.mark.parametrize(("fields", "message"), BROKEN_ALONE)
def test_field_broken_alone_gives_one_violation(
    build: Build, fields: Body, message: str
) -> None:
    report = validate(build(**fields))

    assert [str(violation) for violation in report.violations] == [message]


def test_violation_keeps_the_value_as_sent(build: Build) -> None:
    huge = 10**400

    (violation,) = validate(build(name=huge)).violations

    assert violation.value == huge
    assert violation.status == 400


# Lengths count Unicode code points: not bytes, not UTF-16 units, not graphemes.
TEXTS = [
    pytest.param("a", id="ascii"),
    pytest.param("é", id="precomposed-e-acute-2-bytes"),
    pytest.param("中", id="cjk-3-bytes"),
    pytest.param("😀", id="emoji-outside-bmp-2-utf16-units"),
    pytest.param("e\u0301", id="combining-accent-2-code-points"),
    pytest.param("\ud800", id="lone-surrogate"),
]


def repeat_to(text: str, length: int) -> str:
    """``text`` repeated and cut to exactly ``length`` code points."""
    return (text * length)[:length]


@pytest.mark.parametrize("text", TEXTS)
def test_name_of_120_code_points_is_valid(build: Build, text: str) -> None:
    assert validate(build(name=repeat_to(text, 120))).valid


@pytest.mark.parametrize("text", TEXTS)
def test_name_of_121_code_points_breaks_s2(build: Build, text: str) -> None:
    report = validate(build(name=repeat_to(text, 121)))

    assert [str(v) for v in report.violations] == [
        "/name: has 121 characters, more than the 120 allowed (S2)"
    ]


@pytest.mark.parametrize("text", TEXTS)
def test_option_value_of_120_code_points_is_valid(build: Build, text: str) -> None:
    body = build(options=[{"value": repeat_to(text, 120), "defaultValue": True}])

    assert validate(body).valid


@pytest.mark.parametrize("text", TEXTS)
def test_option_value_of_121_code_points_breaks_s4(build: Build, text: str) -> None:
    body = build(options=[{"value": repeat_to(text, 121), "defaultValue": True}])

    assert [str(v) for v in validate(body).violations] == [
        "/options/0/value: has 121 characters, more than the 120 allowed (S4)"
    ]


def test_name_and_value_of_one_code_point_are_valid(build: Build) -> None:
    body = build(name="😀", options=[{"value": "\u0301", "defaultValue": False}])

    assert validate(body).valid


def test_500_options_are_valid(build: Build) -> None:
    assert validate(build(options=options(500))).valid


def test_501_options_break_s4(build: Build) -> None:
    report = validate(build(options=options(501)))

    assert [str(v) for v in report.violations] == [
        "/options: has 501 items, more than the 500 allowed (S4)"
    ]


def test_empty_options_are_structurally_valid(build: Build) -> None:
    assert validate(build(inputMode="text", options=[])).valid


def test_five_schedule_start_codes_are_valid(build: Build) -> None:
    codes = [{"service": service, "type": "notUsed"} for service in SERVICES]

    assert validate(build(scheduleStartCodes=codes)).valid


def test_six_schedule_start_codes_break_s7(build: Build) -> None:
    """Six items must repeat a service, so R8 fires too unless switched off."""
    codes = [{"service": s, "type": "notUsed"} for s in (*SERVICES, "All")]
    body = build(scheduleStartCodes=codes)

    assert [str(v) for v in validate(body, inferred=False).violations] == [
        "/scheduleStartCodes: has 6 items, more than the 5 allowed (S7)"
    ]
    assert validate(body).rule_ids == ["S7", "R8"]


def test_null_and_empty_schedule_start_codes_are_valid(build: Build) -> None:
    assert validate(build(scheduleStartCodes=None)).valid
    assert validate(build(scheduleStartCodes=[])).valid


# S8: properties the contract does not name are ignored.
@pytest.mark.parametrize(
    "extend",
    [
        pytest.param(lambda body: body.update(id="1", color="red"), id="top-level"),
        pytest.param(lambda body: body["options"][0].update(rank=1), id="option"),
        pytest.param(
            lambda body: body["scheduleStartCodes"][0].update(note=None),
            id="schedule-start-code",
        ),
        pytest.param(lambda body: body.update({"\ud800": "\udfff"}), id="odd-key"),
        pytest.param(lambda body: body.update(deep=nested(5000)), id="deep-value"),
    ],
)
def test_unknown_property_is_ignored(
    vendor_body: Body, extend: Callable[[Body], None]
) -> None:
    extend(vendor_body)

    assert validate(vendor_body).valid


# Values a JSON parser may hand over that jsonschema-rs cannot take as they are.
def test_deeply_nested_value_is_reported_not_raised(vendor_body: Body) -> None:
    deep = vendor_body["name"] = nested(1000)

    (violation,) = structural_violations(vendor_body)

    assert str(violation) == "/name: an array of 1 item is not of type 'string' (S2)"
    assert violation.value is deep


def test_lone_surrogate_is_quoted_as_sent(build: Build) -> None:
    codes = [{"service": "All\ud800", "type": "notUsed"}]

    (violation,) = validate(build(scheduleStartCodes=codes)).violations

    assert str(violation) == (
        "/scheduleStartCodes/0/service: 'All\\ud800' is not one of 'All', "
        "'MeetingCenter', 'EventCenter', 'TrainingCenter', 'SupportCenter' (S7)"
    )
    assert violation.value == "All\ud800"


def test_every_field_broken_at_once_is_reported_field_by_field(build: Build) -> None:
    body = build(
        name="",
        siteUrl="",
        options=None,
        inputMode="",
        hostProfileCode="",
        scheduleStartCodes=False,
    )

    report = validate(body)

    assert sorted(v.rule_id for v in report.violations) == [
        "S2",
        "S3",
        "S4",
        "S5",
        "S6",
        "S7",
    ]
