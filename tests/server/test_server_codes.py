"""The tracking code answered: fields as sent, effective types, nothing unknown."""

from __future__ import annotations

from typing import Any

import pytest

from tracking_codes.server.codes import options, schedule_start_codes, tracking_code


def as_types(codes: list[dict[str, Any]]) -> dict[str, Any]:
    return {item["service"]: item["type"] for item in codes}


SCHEDULES = [
    # what was sent, what is answered
    (
        None,
        {
            "MeetingCenter": "notUsed",
            "EventCenter": "notUsed",
            "TrainingCenter": "notUsed",
            "SupportCenter": "notUsed",
        },
    ),
    (
        [],
        {
            "MeetingCenter": "notUsed",
            "EventCenter": "notUsed",
            "TrainingCenter": "notUsed",
            "SupportCenter": "notUsed",
        },
    ),
    (
        [{"service": "All", "type": "required"}],
        {
            "All": "required",
            "MeetingCenter": "required",
            "EventCenter": "required",
            "TrainingCenter": "required",
            "SupportCenter": "required",
        },
    ),
    (
        [
            {"service": "All", "type": "notApplicable"},
            {"service": "EventCenter", "type": "optional"},
        ],
        {
            "All": "notApplicable",
            "MeetingCenter": "notUsed",
            "EventCenter": "optional",
            "TrainingCenter": "notUsed",
            "SupportCenter": "notUsed",
        },
    ),
    (
        [{"service": "SupportCenter", "type": "required"}],
        {
            "MeetingCenter": "notUsed",
            "EventCenter": "notUsed",
            "TrainingCenter": "notUsed",
            "SupportCenter": "required",
        },
    ),
]


@pytest.mark.parametrize(("sent", "answered"), SCHEDULES)
def test_each_service_is_answered_with_its_effective_type(
    sent: Any, answered: dict[str, str]
) -> None:
    codes = schedule_start_codes(sent)
    assert as_types(codes) == answered
    assert len(codes) == len(answered)


def test_options_keep_their_order_and_lose_unknown_properties() -> None:
    sent = [
        {"value": "b", "defaultValue": False, "colour": "red"},
        {"value": "a", "defaultValue": True},
    ]
    assert options(sent) == [
        {"value": "b", "defaultValue": False},
        {"value": "a", "defaultValue": True},
    ]


def test_unknown_top_level_properties_are_dropped() -> None:
    body: dict[str, Any] = {
        "name": "N",
        "siteUrl": "s",
        "options": [],
        "inputMode": "text",
        "hostProfileCode": "optional",
        "scheduleStartCodes": None,
        "colour": "red",
    }
    code = tracking_code(body)
    assert set(code) == set(body) - {"colour"}


def test_a_body_of_the_wrong_shape_is_passed_on_as_sent() -> None:
    code = tracking_code({"options": "many", "scheduleStartCodes": 7})
    assert code["options"] == "many"
    assert code["name"] is None
    assert set(as_types(code["scheduleStartCodes"]).values()) == {"notUsed"}
