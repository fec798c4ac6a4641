"""Effective types: the type each concrete service ends up with."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracking_codes.resolution import effective_types, every_listing, listed_types

CONCRETE = ("MeetingCenter", "EventCenter", "TrainingCenter", "SupportCenter")
TYPES = ("optional", "required", "adminSet", "notUsed", "notApplicable")
NOT_USED_EVERYWHERE = dict.fromkeys(CONCRETE, "notUsed")

Codes = list[dict[str, Any]]


def entry(service: str, kind: Any) -> dict[str, Any]:
    return {"service": service, "type": kind}


EXAMPLES = [
    # null, empty and All-less lists fall back to notUsed
    pytest.param(None, NOT_USED_EVERYWHERE, id="null"),
    pytest.param([], NOT_USED_EVERYWHERE, id="empty"),
    pytest.param(
        [entry("EventCenter", "required")],
        NOT_USED_EVERYWHERE | {"EventCenter": "required"},
        id="one-listed-rest-notUsed",
    ),
    # All passes its type on, unless it is notApplicable
    pytest.param(
        [entry("All", "optional")], dict.fromkeys(CONCRETE, "optional"), id="All"
    ),
    pytest.param(
        [entry("All", "notApplicable"), entry("MeetingCenter", "required")],
        NOT_USED_EVERYWHERE | {"MeetingCenter": "required"},
        id="All-notApplicable",
    ),
    pytest.param(
        [entry("SupportCenter", "notUsed"), entry("All", "adminSet")],
        dict.fromkeys(CONCRETE, "adminSet") | {"SupportCenter": "notUsed"},
        id="listed-beats-All",
    ),
    # the vendor's example lists every service
    pytest.param(
        [
            entry("All", "notApplicable"),
            entry("MeetingCenter", "required"),
            entry("EventCenter", "optional"),
            entry("TrainingCenter", "notUsed"),
            entry("SupportCenter", "notUsed"),
        ],
        {
            "MeetingCenter": "required",
            "EventCenter": "optional",
            "TrainingCenter": "notUsed",
            "SupportCenter": "notUsed",
        },
        id="vendor-example",
    ),
    # a service listed twice keeps its first type
    pytest.param(
        [entry("All", "required"), entry("All", "optional")],
        dict.fromkeys(CONCRETE, "required"),
        id="first-All-wins",
    ),
    # shapes the schema rejects are passed over, never raised on
    pytest.param({"service": "All"}, NOT_USED_EVERYWHERE, id="object"),
    pytest.param("All", NOT_USED_EVERYWHERE, id="string"),
    pytest.param(
        [None, 3, {"service": 5}, {"type": "required"}],
        NOT_USED_EVERYWHERE,
        id="odd-items",
    ),
]


@pytest.mark.parametrize(("codes", "expected"), EXAMPLES)
def test_effective_types_follow_the_three_steps(
    codes: Any, expected: dict[str, str]
) -> None:
    assert effective_types(codes) == expected


def test_the_first_listing_wins_and_every_listing_is_kept() -> None:
    codes = [entry("All", "optional"), None, entry("All", "notUsed")]

    assert listed_types(codes) == {"All": "optional"}
    assert every_listing(codes) == {"All": [(0, "optional"), (2, "notUsed")]}


def test_result_lists_exactly_the_four_concrete_services() -> None:
    assert tuple(effective_types([entry("All", "optional")])) == CONCRETE


# Properties over generated lists of schedule start codes.
services = st.sampled_from(("All", *CONCRETE))
types = st.sampled_from(TYPES)
concrete_entries = st.lists(
    st.builds(entry, st.sampled_from(CONCRETE), types), max_size=6
)


@settings(max_examples=100, deadline=None)
@given(all_type=types.filter(lambda t: t != "notApplicable"))
def test_all_alone_gives_every_service_its_type(all_type: str) -> None:
    assert effective_types([entry("All", all_type)]) == dict.fromkeys(
        CONCRETE, all_type
    )


@settings(max_examples=200, deadline=None)
@given(
    all_type=types.filter(lambda t: t != "notApplicable"),
    listed=concrete_entries,
    position=st.integers(min_value=0, max_value=6),
)
def test_unlisted_services_take_the_type_of_all(
    all_type: str, listed: Codes, position: int
) -> None:
    codes = [*listed[:position], entry("All", all_type), *listed[position:]]
    named = {item["service"] for item in listed}

    resolved = effective_types(codes)

    assert all(resolved[s] == all_type for s in CONCRETE if s not in named)


@settings(max_examples=200, deadline=None)
@given(codes=st.lists(st.builds(entry, services, types), max_size=7))
def test_listed_service_keeps_its_first_type(codes: Codes) -> None:
    resolved = effective_types(codes)

    for service in CONCRETE:
        kinds = [item["type"] for item in codes if item["service"] == service]
        if kinds:
            assert resolved[service] == kinds[0]


@settings(max_examples=200, deadline=None)
@given(
    listed=concrete_entries,
    with_not_applicable_all=st.booleans(),
)
def test_without_all_unlisted_services_are_not_used(
    listed: Codes, with_not_applicable_all: bool
) -> None:
    codes = (
        [entry("All", "notApplicable"), *listed] if with_not_applicable_all else listed
    )
    named = {item["service"] for item in listed}

    resolved = effective_types(codes)

    assert all(resolved[s] == "notUsed" for s in CONCRETE if s not in named)


@settings(max_examples=200, deadline=None)
@given(codes=st.lists(st.builds(entry, services, types), max_size=7))
def test_resolution_invents_no_type(codes: Codes) -> None:
    """Each effective type is notUsed or was sent; notApplicable only on a service."""
    resolved = set(effective_types(codes).values())
    on_services = {item["type"] for item in codes if item["service"] != "All"}

    assert resolved <= {item["type"] for item in codes} | {"notUsed"}
    assert "notApplicable" not in resolved - on_services
