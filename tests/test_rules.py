"""Each cross-field rule R1-R11: bodies that keep it, bodies that break it alone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tracking_codes import Site, validate
from tracking_codes.catalogue import RULES
from tracking_codes.rules import CHECKERS

Body = dict[str, Any]
Build = Callable[..., Body]


def codes(**types: str) -> list[dict[str, str]]:
    """Schedule start codes from service=type pairs, in the order given."""
    return [{"service": service, "type": kind} for service, kind in types.items()]


def options(*values: str, defaults: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Options with the given values, the ones in ``defaults`` marked default."""
    return [{"value": value, "defaultValue": value in defaults} for value in values]


def site_of(kind: str | None) -> Site | None:
    return Site.from_kind(kind) if kind else None


EVERY_SERVICE_NOT_USED = codes(
    MeetingCenter="notUsed",
    EventCenter="notUsed",
    TrainingCenter="notUsed",
    SupportCenter="notUsed",
)

KEEPING = [
    # R1: hostProfileSelect with null codes, or every service resolving to notUsed
    pytest.param({"inputMode": "text", "options": []}, None, id="R1-text"),
    pytest.param({"inputMode": "select"}, None, id="R1-select"),
    pytest.param({"inputMode": "editableSelect"}, None, id="R1-editableSelect"),
    pytest.param(
        {"inputMode": "hostProfileSelect", "scheduleStartCodes": None},
        None,
        id="R1-hostProfileSelect-null",
    ),
    pytest.param(
        {"inputMode": "hostProfileSelect", "scheduleStartCodes": []},
        None,
        id="R1-hostProfileSelect-empty-list",
    ),
    pytest.param(
        {
            "inputMode": "hostProfileSelect",
            "scheduleStartCodes": EVERY_SERVICE_NOT_USED,
        },
        None,
        id="R1-hostProfileSelect-all-listed-notUsed",
    ),
    pytest.param(
        {"inputMode": "hostProfileSelect", "scheduleStartCodes": codes(All="notUsed")},
        None,
        id="R1-hostProfileSelect-All-notUsed-inherited",
    ),
    pytest.param(
        {
            "inputMode": "hostProfileSelect",
            "scheduleStartCodes": codes(All="notApplicable", EventCenter="notUsed"),
        },
        None,
        id="R1-hostProfileSelect-unlisted-default-notUsed",
    ),
    # R2: required is for Site Admin managed sites
    pytest.param({"hostProfileCode": "required"}, "site-admin", id="R2-site-admin"),
    pytest.param({"hostProfileCode": "required"}, None, id="R2-no-site-skipped"),
    pytest.param({"hostProfileCode": "optional"}, "control-hub", id="R2-optional"),
    pytest.param({"hostProfileCode": "notUsed"}, "control-hub", id="R2-notUsed"),
    # R3: adminSet types go with hostProfileCode adminSet
    pytest.param(
        {
            "hostProfileCode": "adminSet",
            "scheduleStartCodes": codes(All="notApplicable", MeetingCenter="adminSet"),
        },
        None,
        id="R3-adminSet-both-sides",
    ),
    pytest.param(
        {"hostProfileCode": "adminSet", "scheduleStartCodes": codes(All="adminSet")},
        None,
        id="R3-adminSet-through-All",
    ),
    pytest.param(
        {"hostProfileCode": "adminSet", "scheduleStartCodes": EVERY_SERVICE_NOT_USED},
        None,
        id="R3-adminSet-with-notUsed",
    ),
    pytest.param(
        {"hostProfileCode": "notUsed", "scheduleStartCodes": codes(All="required")},
        None,
        id="R3-notUsed-with-required",
    ),
    # R4: a type other than notApplicable on All is shared by every service
    pytest.param({"scheduleStartCodes": codes(All="optional")}, None, id="R4-alone"),
    pytest.param(
        {"scheduleStartCodes": codes(All="required", SupportCenter="required")},
        None,
        id="R4-matching",
    ),
    pytest.param(
        {"scheduleStartCodes": codes(EventCenter="required", All="notApplicable")},
        None,
        id="R4-notApplicable-lets-services-differ",
    ),
    # R5: notApplicable belongs to All
    pytest.param(
        {"scheduleStartCodes": codes(All="notApplicable")},
        None,
        id="R5-All-notApplicable",
    ),
    # R6: only mapped sites refuse creation
    pytest.param({}, "control-hub", id="R6-control-hub"),
    pytest.param({}, "site-admin", id="R6-site-admin"),
    # R7: select has options
    pytest.param(
        {"inputMode": "select", "options": options("Only")}, None, id="R7-one"
    ),
    pytest.param({"inputMode": "text", "options": []}, None, id="R7-text-none"),
    # R8: each service once
    pytest.param(
        {"scheduleStartCodes": EVERY_SERVICE_NOT_USED + codes(All="notApplicable")},
        None,
        id="R8-five-services-once",
    ),
    # R9: editableSelect has options
    pytest.param(
        {"inputMode": "editableSelect", "options": options("Only")},
        None,
        id="R9-one",
    ),
    # R10: at most one default
    pytest.param({"options": options("A", "B")}, None, id="R10-no-default"),
    pytest.param(
        {"options": options("A", "B", defaults=("B",))}, None, id="R10-one-default"
    ),
    # R11: unique values, compared exactly
    pytest.param({"options": options("Sales", "sales")}, None, id="R11-case-differs"),
    pytest.param({"options": options("é", "e\u0301")}, None, id="R11-not-normalized"),
]


@pytest.mark.parametrize(("fields", "site_kind"), KEEPING)
def test_body_keeping_the_rule_is_valid(
    build: Build, fields: Body, site_kind: str | None
) -> None:
    report = validate(build(**fields), site_of(site_kind))

    assert report.violations == ()


BREAKING = [
    # R1: hostProfileSelect with a service that resolves to something else
    pytest.param(
        "R1",
        {"inputMode": "hostProfileSelect"},
        None,
        ["/scheduleStartCodes/1/type", "/scheduleStartCodes/2/type"],
        id="R1-vendor-codes",
    ),
    pytest.param(
        "R1",
        {"inputMode": "hostProfileSelect", "scheduleStartCodes": codes(All="optional")},
        None,
        ["/scheduleStartCodes/0/type"],
        id="R1-inherited-from-All",
    ),
    pytest.param(
        "R1",
        {
            "inputMode": "hostProfileSelect",
            "scheduleStartCodes": codes(TrainingCenter="required"),
        },
        None,
        ["/scheduleStartCodes/0/type"],
        id="R1-one-service",
    ),
    # R2: required on a Control Hub managed site
    pytest.param(
        "R2",
        {"hostProfileCode": "required"},
        "control-hub",
        ["/hostProfileCode"],
        id="R2-control-hub",
    ),
    # R3: adminSet on one side only
    pytest.param(
        "R3",
        {"scheduleStartCodes": codes(All="notApplicable", EventCenter="adminSet")},
        None,
        ["/scheduleStartCodes/1/type"],
        id="R3-adminSet-type-without-adminSet-host",
    ),
    pytest.param(
        "R3",
        {"hostProfileCode": "adminSet"},
        None,
        ["/scheduleStartCodes/1/type", "/scheduleStartCodes/2/type"],
        id="R3-adminSet-host-with-vendor-codes",
    ),
    pytest.param(
        "R3",
        {"hostProfileCode": "adminSet", "scheduleStartCodes": codes(All="optional")},
        None,
        ["/scheduleStartCodes/0/type"],
        id="R3-adminSet-host-with-All-optional",
    ),
    # R4: a service differing from All
    pytest.param(
        "R4",
        {"scheduleStartCodes": codes(All="optional", MeetingCenter="required")},
        None,
        ["/scheduleStartCodes/1/type"],
        id="R4-differs",
    ),
    pytest.param(
        "R4",
        {"scheduleStartCodes": codes(EventCenter="notUsed", All="required")},
        None,
        ["/scheduleStartCodes/0/type"],
        id="R4-differs-listed-before-All",
    ),
    # R5: notApplicable on a concrete service
    pytest.param(
        "R5",
        {"scheduleStartCodes": codes(SupportCenter="notApplicable")},
        None,
        ["/scheduleStartCodes/0/type"],
        id="R5-without-All",
    ),
    pytest.param(
        "R5",
        {"scheduleStartCodes": codes(All="notApplicable", EventCenter="notApplicable")},
        None,
        ["/scheduleStartCodes/1/type"],
        id="R5-beside-All",
    ),
    # R6: a mapped site
    pytest.param("R6", {}, "mapped", ["/siteUrl"], id="R6-mapped"),
    # R7: select without options
    pytest.param("R7", {"options": []}, None, ["/options"], id="R7-no-options"),
    # R8: a service listed twice
    pytest.param(
        "R8",
        {"scheduleStartCodes": codes(MeetingCenter="optional") * 2},
        None,
        ["/scheduleStartCodes/1/service"],
        id="R8-twice",
    ),
    pytest.param(
        "R8",
        {"scheduleStartCodes": codes(All="notApplicable") * 3},
        None,
        ["/scheduleStartCodes/1/service", "/scheduleStartCodes/2/service"],
        id="R8-All-three-times",
    ),
    # R9: editableSelect without options
    pytest.param(
        "R9",
        {"inputMode": "editableSelect", "options": []},
        None,
        ["/options"],
        id="R9-no-options",
    ),
    # R10: two defaults
    pytest.param(
        "R10",
        {"options": options("A", "B", "C", defaults=("A", "C"))},
        None,
        ["/options/2/defaultValue"],
        id="R10-two-defaults",
    ),
    # R11: a value repeated
    pytest.param(
        "R11",
        {"options": options("Sales", "Design", "Sales", "Sales")},
        None,
        ["/options/2/value", "/options/3/value"],
        id="R11-repeated",
    ),
]


@pytest.mark.parametrize(("rule_id", "fields", "site_kind", "pointers"), BREAKING)
def test_body_breaking_one_rule_reports_only_that_rule(
    build: Build,
    rule_id: str,
    fields: Body,
    site_kind: str | None,
    pointers: list[str],
) -> None:
    report = validate(build(**fields), site_of(site_kind))

    assert report.rule_ids == [rule_id]
    assert [violation.pointer for violation in report.violations] == pointers


def test_every_rule_has_a_breaking_case() -> None:
    """The table above covers each rule of the catalogue's R1-R11."""
    covered = {param.values[0] for param in BREAKING}

    assert covered == set(CHECKERS) == {r for r in RULES if r.startswith("R")}


MESSAGES = [
    pytest.param(
        {"inputMode": "hostProfileSelect", "scheduleStartCodes": codes(All="optional")},
        None,
        "/scheduleStartCodes/0/type: All is 'optional', which MeetingCenter "
        "inherits, but with inputMode 'hostProfileSelect' every service must be "
        "'notUsed' (or scheduleStartCodes null) (R1)",
        id="R1-inherited",
    ),
    pytest.param(
        {
            "inputMode": "hostProfileSelect",
            "scheduleStartCodes": codes(SupportCenter="optional"),
        },
        None,
        "/scheduleStartCodes/0/type: SupportCenter is 'optional', but with "
        "inputMode 'hostProfileSelect' every service must be 'notUsed' (or "
        "scheduleStartCodes null) (R1)",
        id="R1-listed",
    ),
    pytest.param(
        {"hostProfileCode": "required"},
        "control-hub",
        "/hostProfileCode: 'required' is allowed only on a Site Admin managed "
        "site, and this site is managed by Control Hub (R2)",
        id="R2",
    ),
    pytest.param(
        {"scheduleStartCodes": codes(MeetingCenter="notUsed", EventCenter="adminSet")},
        None,
        "/scheduleStartCodes/1/type: 'adminSet' is allowed only when "
        "hostProfileCode is 'adminSet' (R3)",
        id="R3-adminSet-type",
    ),
    pytest.param(
        {"hostProfileCode": "adminSet", "scheduleStartCodes": codes(All="required")},
        None,
        "/scheduleStartCodes/0/type: 'required' is not allowed when "
        "hostProfileCode is 'adminSet'; use 'adminSet', 'notUsed' or "
        "'notApplicable' (R3)",
        id="R3-adminSet-host",
    ),
    pytest.param(
        {"scheduleStartCodes": codes(All="optional", TrainingCenter="notUsed")},
        None,
        "/scheduleStartCodes/1/type: TrainingCenter is 'notUsed' but All is "
        "'optional'; while All is not 'notApplicable' every listed service must "
        "match it (R4)",
        id="R4",
    ),
    pytest.param(
        {"scheduleStartCodes": codes(MeetingCenter="notApplicable")},
        None,
        "/scheduleStartCodes/0/type: 'notApplicable' is allowed only for the "
        "service 'All', not for 'MeetingCenter' (R5)",
        id="R5",
    ),
    pytest.param(
        {},
        "mapped",
        "/siteUrl: 'example.webex.com' has mapped tracking codes, so no tracking "
        "code can be created on it (R6)",
        id="R6",
    ),
    pytest.param(
        {"options": []},
        None,
        "/options: inputMode 'select' needs at least one option, and none was "
        "given (R7)",
        id="R7",
    ),
    pytest.param(
        {"scheduleStartCodes": codes(All="notUsed") + codes(All="notUsed")},
        None,
        "/scheduleStartCodes/1/service: 'All' is listed already at "
        "/scheduleStartCodes/0; list each service at most once (R8)",
        id="R8",
    ),
    pytest.param(
        {"inputMode": "editableSelect", "options": []},
        None,
        "/options: inputMode 'editableSelect' needs at least one option, and none "
        "was given (R9)",
        id="R9",
    ),
    pytest.param(
        {"options": options("A", "B", defaults=("A", "B"))},
        None,
        "/options/1/defaultValue: this option is marked default, and so is "
        "/options/0; mark at most one option as the default (R10)",
        id="R10",
    ),
    pytest.param(
        {"options": options("Design", "Sales", "Design")},
        None,
        "/options/2/value: 'Design' repeats the value of /options/0; option "
        "values must be unique (R11)",
        id="R11",
    ),
]


@pytest.mark.parametrize(("fields", "site_kind", "message"), MESSAGES)
def test_violation_reads_as_a_sentence(
    build: Build, fields: Body, site_kind: str | None, message: str
) -> None:
    report = validate(build(**fields), site_of(site_kind))

    assert [str(violation) for violation in report.violations] == [message]


@pytest.mark.parametrize(("rule_id", "fields", "site_kind", "pointers"), BREAKING)
def test_violation_carries_its_facts(
    build: Build,
    rule_id: str,
    fields: Body,
    site_kind: str | None,
    pointers: list[str],
) -> None:
    """Each violation names its rule, its source and its status for tools."""
    facts = validate(build(**fields), site_of(site_kind)).violations[0].as_dict()

    assert facts.pop("message")
    assert facts == {
        "rule": rule_id,
        "source": "inferred" if rule_id in INFERRED else "documented",
        "pointer": pointers[0],
        "status": 409 if rule_id == "R6" else 400,
    }


INFERRED = {"R8", "R9", "R10", "R11"}
