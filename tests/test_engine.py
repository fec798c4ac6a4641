"""The engine: every violation at once, site and inferred rules, and any JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tracking_codes import RULES, Report, Site, effective_types, validate
from tracking_codes.engine import Engine, default_engine
from tracking_codes.resources import REQUEST_SCHEMA, load_schema
from tracking_codes.rules import CHECKERS
from tracking_codes.vocabulary import FIELDS

Body = dict[str, Any]
Build = Callable[..., Body]

CONTROL_HUB = Site.from_kind("control-hub")
SITE_ADMIN = Site.from_kind("site-admin")
MAPPED = Site.from_kind("mapped")

CONCRETE = ("MeetingCenter", "EventCenter", "TrainingCenter", "SupportCenter")
NOTE_SITE = "R2 and R6 were not checked: they need the kind of site"
NOTE_INFERRED = "R8-R11 are inferred and were switched off"


def codes(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"service": service, "type": kind} for service, kind in pairs]


# Every violation is reported, structural ones first, then the rules by id.
def test_every_violation_is_reported(build: Build) -> None:
    body = build(
        name="",
        options=[],
        hostProfileCode="required",
        scheduleStartCodes=codes(
            ("All", "optional"),
            ("MeetingCenter", "required"),
            ("MeetingCenter", "required"),
        ),
    )

    report = validate(body, CONTROL_HUB)

    assert [str(v) for v in report.violations] == [
        "/name: is empty; it needs at least 1 character (S2)",
        "/hostProfileCode: 'required' is allowed only on a Site Admin managed "
        "site, and this site is managed by Control Hub (R2)",
        "/scheduleStartCodes/1/type: MeetingCenter is 'required' but All is "
        "'optional'; while All is not 'notApplicable' every listed service must "
        "match it (R4)",
        "/scheduleStartCodes/2/type: MeetingCenter is 'required' but All is "
        "'optional'; while All is not 'notApplicable' every listed service must "
        "match it (R4)",
        "/options: inputMode 'select' needs at least one option, and none was "
        "given (R7)",
        "/scheduleStartCodes/2/service: 'MeetingCenter' is listed already at "
        "/scheduleStartCodes/1; list each service at most once (R8)",
    ]
    assert report.rule_ids == ["S2", "R2", "R4", "R7", "R8"]


def test_rules_of_every_kind_are_reported_together(build: Build) -> None:
    body = build(
        inputMode="hostProfileSelect",
        options=[{"value": "A", "defaultValue": True}] * 2,
        scheduleStartCodes=codes(
            ("SupportCenter", "adminSet"), ("EventCenter", "notApplicable")
        ),
    )

    report = validate(body, MAPPED)

    assert report.rule_ids == ["R1", "R3", "R5", "R6", "R10", "R11"]
    assert report.status == 400


# Site rules need a site; the report says when they were left out.
def test_site_rules_are_skipped_without_a_site(build: Build) -> None:
    report = validate(build(hostProfileCode="required"))

    assert report.valid
    assert not report.site_rules_checked
    assert report.skipped == [NOTE_SITE]


@pytest.mark.parametrize(
    ("site", "rule_ids"),
    [
        pytest.param(SITE_ADMIN, [], id="site-admin"),
        pytest.param(CONTROL_HUB, ["R2"], id="control-hub"),
        pytest.param(MAPPED, ["R2", "R6"], id="mapped"),
    ],
)
def test_site_rules_are_checked_with_a_site(
    build: Build, site: Site, rule_ids: list[str]
) -> None:
    report = validate(build(hostProfileCode="required"), site)

    assert report.site_rules_checked
    assert report.skipped == []
    assert report.rule_ids == rule_ids


# The inferred rules R8-R11 can be switched off.
@pytest.mark.parametrize(
    ("fields", "rule_id"),
    [
        pytest.param(
            {"scheduleStartCodes": codes(("All", "notUsed"), ("All", "notUsed"))},
            "R8",
            id="R8",
        ),
        pytest.param({"inputMode": "editableSelect", "options": []}, "R9", id="R9"),
        pytest.param(
            {
                "options": [
                    {"value": "A", "defaultValue": True},
                    {"value": "B", "defaultValue": True},
                ]
            },
            "R10",
            id="R10",
        ),
        pytest.param(
            {"options": [{"value": "A", "defaultValue": False}] * 2}, "R11", id="R11"
        ),
    ],
)
def test_inferred_rule_can_be_switched_off(
    build: Build, fields: Body, rule_id: str
) -> None:
    body = build(**fields)

    assert validate(body).rule_ids == [rule_id]
    off = validate(body, inferred=False)
    assert off.valid
    assert not off.inferred_rules_checked
    assert off.skipped == [NOTE_SITE, NOTE_INFERRED]


def test_documented_rules_hold_with_inferred_rules_off(build: Build) -> None:
    report = validate(build(options=[]), SITE_ADMIN, inferred=False)

    assert report.rule_ids == ["R7"]
    assert report.skipped == [NOTE_INFERRED]


# Engines built from other parts.
def test_engine_without_a_rule_no_longer_reports_it(build: Build) -> None:
    body = build(
        scheduleStartCodes=codes(("All", "optional"), ("EventCenter", "required"))
    )
    without_r4 = Engine(checkers={k: v for k, v in CHECKERS.items() if k != "R4"})

    assert default_engine().validate(body).rule_ids == ["R4"]
    assert without_r4.validate(body).valid
    assert without_r4.validate(build(options=[])).rule_ids == ["R7"]


def test_engine_with_a_loosened_schema_accepts_what_it_allows(build: Build) -> None:
    schema = load_schema(REQUEST_SCHEMA)
    del schema["properties"]["name"]["maxLength"]
    body = build(name="x" * 121)

    assert Engine(request_schema=schema).validate(body).valid
    assert validate(body).rule_ids == ["S2"]


def test_default_engine_is_built_once() -> None:
    assert default_engine() is default_engine()


# The status a server answers.
@pytest.mark.parametrize(
    ("fields", "site", "status"),
    [
        pytest.param({}, None, 200, id="valid"),
        pytest.param({"name": ""}, None, 400, id="structural"),
        pytest.param({"options": []}, None, 400, id="R7"),
        pytest.param({"hostProfileCode": "required"}, CONTROL_HUB, 400, id="R2"),
        pytest.param({}, MAPPED, 409, id="R6"),
        pytest.param({"name": ""}, MAPPED, 400, id="R6-after-structural"),
    ],
)
def test_report_status_is_what_a_server_answers(
    build: Build, fields: Body, site: Site | None, status: int
) -> None:
    assert validate(build(**fields), site).status == status


def test_vendor_example_is_valid_on_every_unmapped_site(vendor_body: Body) -> None:
    for site in (None, CONTROL_HUB, SITE_ADMIN):
        assert validate(vendor_body, site).valid


# Any JSON at all: a report, never an exception.
odd_text = st.one_of(
    st.text(st.characters(exclude_categories=())),
    st.sampled_from(
        ["", "\x00", "\ufeff", "\u202e", "\ud800", "\udfff", "e\u0301", "😀" * 121]
    ),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**400),
    st.floats(),
    odd_text,
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=6), st.dictionaries(odd_text, inner, max_size=6)
    ),
    max_leaves=30,
)
sites = st.sampled_from([None, CONTROL_HUB, SITE_ADMIN, MAPPED])


def assert_well_formed(report: Report) -> None:
    """A report whose violations all name a known rule and a pointer."""
    assert isinstance(report, Report)
    assert report.valid == (report.violations == ())
    for violation in report.violations:
        assert violation.rule_id in RULES
        assert violation.pointer == "" or violation.pointer.startswith("/")
        assert str(violation).endswith(f" ({violation.rule_id})")


@settings(max_examples=150, deadline=None)
@given(body=json_values, site=sites, inferred=st.booleans())
def test_any_json_gets_a_report(body: Any, site: Site | None, inferred: bool) -> None:
    report = validate(body, site, inferred=inferred)

    assert_well_formed(report)
    assert report.valid is False or isinstance(body, dict)


@settings(max_examples=150, deadline=None)
@given(
    body=st.fixed_dictionaries(dict.fromkeys(FIELDS, json_values)),
    site=sites,
)
def test_any_values_in_the_six_fields_get_a_report(
    body: Body, site: Site | None
) -> None:
    assert_well_formed(validate(body, site))


def test_unhashable_values_where_words_belong_get_a_report(build: Build) -> None:
    body = build(
        hostProfileCode=["adminSet"],
        scheduleStartCodes=[{"service": "All", "type": {"optional": True}}],
    )

    assert validate(body).rule_ids == ["S6", "S7"]


# Bodies built to keep every rule.
HOST_TYPES = {
    "adminSet": ("adminSet", "notUsed"),
    "optional": ("optional", "required", "notUsed"),
    "required": ("optional", "required", "notUsed"),
    "notUsed": ("optional", "required", "notUsed"),
}


@st.composite
def valid_codes(draw: st.DrawFn, input_mode: str, host: str) -> Any:
    """Schedule start codes that keep R1, R3, R4, R5 and R8."""
    if draw(st.booleans()):
        return None
    allowed = ("notUsed",) if input_mode == "hostProfileSelect" else HOST_TYPES[host]
    services = draw(st.lists(st.sampled_from(CONCRETE), unique=True))
    all_type = draw(st.sampled_from([None, "notApplicable", *allowed]))
    if all_type in (None, "notApplicable"):
        entries = [(s, draw(st.sampled_from(allowed))) for s in services]
    else:
        entries = [(s, all_type) for s in services]
    if all_type is not None:
        entries.append(("All", all_type))
    return codes(*draw(st.permutations(entries)))


@st.composite
def valid_bodies(draw: st.DrawFn) -> Body:
    """A body keeping S1-S7 and R1-R11 on a Site Admin managed site."""
    input_mode = draw(
        st.sampled_from(["text", "select", "editableSelect", "hostProfileSelect"])
    )
    host = draw(st.sampled_from(list(HOST_TYPES)))
    needs_options = input_mode in ("select", "editableSelect")
    values = draw(
        st.lists(
            st.text(min_size=1, max_size=120),
            unique=True,
            min_size=int(needs_options),
            max_size=8,
        )
    )
    default = draw(st.sampled_from([None, *values]))
    return {
        "name": draw(st.text(min_size=1, max_size=120)),
        "siteUrl": draw(st.text(min_size=1, max_size=40)),
        "options": [{"value": v, "defaultValue": v == default} for v in values],
        "inputMode": input_mode,
        "hostProfileCode": host,
        "scheduleStartCodes": draw(valid_codes(input_mode, host)),
    }


@settings(max_examples=150, deadline=None)
@given(body=valid_bodies())
def test_body_keeping_every_rule_is_valid(body: Body) -> None:
    """Valid anywhere but on Control Hub, which refuses only 'required' (R2)."""
    refused = ["R2"] if body["hostProfileCode"] == "required" else []

    assert validate(body, SITE_ADMIN).violations == ()
    assert validate(body).violations == ()
    assert validate(body, CONTROL_HUB).rule_ids == refused


@settings(max_examples=100, deadline=None)
@given(body=valid_bodies())
def test_mapped_site_refuses_every_body(body: Body) -> None:
    assert "R6" in validate(body, MAPPED).rule_ids


@settings(max_examples=60, deadline=None)
@given(body=valid_bodies())
def test_valid_body_with_all_typed_resolves_every_service_to_that_type(
    body: Body,
) -> None:
    listed = {c["service"]: c["type"] for c in body["scheduleStartCodes"] or ()}
    all_type = listed.get("All", "notApplicable")
    assume(all_type != "notApplicable")

    assert set(effective_types(body["scheduleStartCodes"]).values()) == {all_type}
