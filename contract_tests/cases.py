"""The example cases: bodies that break exactly one rule, and bodies to accept.

Each case starts from the vendor's example (which is valid) on the site of
the case's kind, changes one thing, and says which rule that breaks, or, for
an accepted case, which rule it exercises. Names keep their length but get the
run's prefix once the change is applied (see ``bodies.with_prefix``). The
table is data; test_rules.py and test_accepted.py send it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from tracking_codes.catalogue import RULES, SITE_RULES
from tracking_codes.vocabulary import FIELDS

Body = dict[str, Any]
Change = Callable[[Body], None]

#: Statuses allowed for a refusal, by rule (contract decisions, "Statuses").
SITE_REFUSAL: Final = frozenset({400, 403, 409})
UNKNOWN_SITE: Final = frozenset({400, 403, 404})
BAD_REQUEST: Final = frozenset({400})


@dataclass(frozen=True)
class Case:
    """One body to send, what it is about, and what must come back."""

    id: str
    rule: str
    change: Change
    site: str = "control-hub"

    @property
    def statuses(self) -> frozenset[int]:
        """The statuses the contract allows for this case's refusal."""
        return SITE_REFUSAL if self.rule in SITE_RULES else BAD_REQUEST

    @property
    def inferred(self) -> bool:
        """Inferred rules are only checked with --inferred-rules."""
        return RULES[self.rule].inferred


def put(**fields: Any) -> Change:
    """Set top-level fields."""
    return lambda body: body.update(fields)


def drop(name: str) -> Change:
    """Remove a top-level field."""
    return lambda body: body.pop(name)


def codes(*pairs: tuple[str, str]) -> Change:
    """Replace the schedule start codes with (service, type) pairs."""
    entries = [{"service": s, "type": t} for s, t in pairs]
    return put(scheduleStartCodes=entries)


def options(*values: str, default: int | None = 0) -> Change:
    """Replace the options with these values; ``default`` marks one."""
    entries = [{"value": v, "defaultValue": i == default} for i, v in enumerate(values)]
    return put(options=entries)


def both(*changes: Change) -> Change:
    """Apply several changes in turn."""

    def apply(body: Body) -> None:
        for change in changes:
            change(body)

    return apply


def _option(index: int, **fields: Any) -> Change:
    return lambda body: body["options"][index].update(fields)


def _option_without(index: int, name: str) -> Change:
    return lambda body: body["options"][index].pop(name)


def _code_without(index: int, name: str) -> Change:
    return lambda body: body["scheduleStartCodes"][index].pop(name)


MANY_OPTIONS: Final = [f"Choice {i:03}" for i in range(501)]
#: The first 13 characters make room for the run's name prefix.
ODD_NAME: Final = "-" * 13 + "Ω≈ç√ 𝄞 e\u0301 \u200b 中文 \U0001f600"

REJECTED: Final = (
    # S1: every field is present.
    *(Case(f"S1-without-{name}", "S1", drop(name)) for name in FIELDS),
    # S2: name is a string of 1 to 120 code points.
    Case("S2-empty-name", "S2", put(name="")),
    Case("S2-name-of-121", "S2", put(name="é" * 121)),
    Case("S2-name-not-a-string", "S2", put(name=42)),
    # S3: siteUrl is a non-empty string.
    Case("S3-empty-site", "S3", put(siteUrl="")),
    Case("S3-site-not-a-string", "S3", put(siteUrl=["example.webex.com"])),
    # S4: at most 500 options, each a value of 1 to 120 and a boolean default.
    Case("S4-501-options", "S4", options(*MANY_OPTIONS)),
    Case("S4-empty-value", "S4", _option(0, value="")),
    Case("S4-value-of-121", "S4", _option(0, value="v" * 121)),
    Case("S4-default-not-boolean", "S4", _option(0, defaultValue="false")),
    Case("S4-option-without-default", "S4", _option_without(0, "defaultValue")),
    Case("S4-option-without-value", "S4", _option_without(0, "value")),
    Case("S4-options-not-an-array", "S4", put(options={"value": "x"})),
    # S5: inputMode is one of four.
    Case("S5-unknown-input-mode", "S5", put(inputMode="dropDown")),
    Case("S5-null-input-mode", "S5", put(inputMode=None)),
    # S6: hostProfileCode is one of four.
    Case("S6-unknown-host-profile-code", "S6", put(hostProfileCode="mandatory")),
    # S7: null or at most 5 codes, each with a known service and type.
    Case("S7-unknown-service", "S7", codes(("WebinarCenter", "notUsed"))),
    Case("S7-unknown-type", "S7", codes(("MeetingCenter", "sometimes"))),
    Case("S7-code-without-type", "S7", _code_without(1, "type")),
    Case("S7-codes-not-an-array", "S7", put(scheduleStartCodes="All")),
    # Six codes name some service twice, so this one breaks R8 as well.
    Case(
        "S7-six-codes",
        "S7",
        codes(
            ("All", "notApplicable"),
            ("MeetingCenter", "required"),
            ("EventCenter", "optional"),
            ("TrainingCenter", "notUsed"),
            ("SupportCenter", "notUsed"),
            ("MeetingCenter", "required"),
        ),
    ),
    # R1: hostProfileSelect leaves every service notUsed.
    Case(
        "R1-host-profile-select-with-a-service-used",
        "R1",
        put(inputMode="hostProfileSelect"),
    ),
    Case(
        "R1-host-profile-select-inheriting-from-all",
        "R1",
        both(put(inputMode="hostProfileSelect"), codes(("All", "optional"))),
    ),
    # R2: required is for Site Admin managed sites only.
    Case("R2-required-on-control-hub-site", "R2", put(hostProfileCode="required")),
    # R3: adminSet goes with adminSet.
    Case(
        "R3-admin-set-host-with-optional-codes", "R3", put(hostProfileCode="adminSet")
    ),
    Case(
        "R3-admin-set-code-without-admin-set-host",
        "R3",
        codes(("MeetingCenter", "adminSet")),
    ),
    # R4: a typed All binds every listed service.
    Case(
        "R4-service-differs-from-all",
        "R4",
        codes(("All", "optional"), ("MeetingCenter", "required")),
    ),
    # R5: notApplicable is for All only.
    Case(
        "R5-not-applicable-on-a-service", "R5", codes(("EventCenter", "notApplicable"))
    ),
    # R6: a mapped site takes no new tracking code.
    Case("R6-create-on-mapped-site", "R6", lambda body: None, site="mapped"),
    # R7: select needs options.
    Case("R7-select-without-options", "R7", put(options=[])),
    # R8-R11 (inferred).
    Case(
        "R8-service-listed-twice",
        "R8",
        codes(("MeetingCenter", "required"), ("MeetingCenter", "required")),
    ),
    Case(
        "R9-editable-select-without-options",
        "R9",
        put(inputMode="editableSelect", options=[]),
    ),
    Case("R10-two-defaults", "R10", _option(0, defaultValue=True)),
    Case("R11-repeated-value", "R11", options("Sales", "Sales")),
)

ACCEPTED: Final = (
    Case("vendor-example", "S1", lambda body: None),
    Case("input-mode-text", "S5", put(inputMode="text", options=[])),
    Case("input-mode-editable-select", "S5", put(inputMode="editableSelect")),
    Case(
        "input-mode-host-profile-select-null-codes",
        "R1",
        put(inputMode="hostProfileSelect", scheduleStartCodes=None),
    ),
    Case(
        "input-mode-host-profile-select-all-not-used",
        "R1",
        both(put(inputMode="hostProfileSelect"), codes(("All", "notUsed"))),
    ),
    Case("null-schedule-start-codes", "S7", put(scheduleStartCodes=None)),
    Case("empty-schedule-start-codes", "S7", put(scheduleStartCodes=[])),
    Case("all-inherited", "R4", codes(("All", "required"))),
    Case(
        "all-repeated-by-a-service",
        "R4",
        codes(("All", "optional"), ("EventCenter", "optional")),
    ),
    Case("not-used-by-default", "R4", codes(("MeetingCenter", "optional"))),
    Case(
        "admin-set-on-both-sides",
        "R3",
        both(put(hostProfileCode="adminSet"), codes(("All", "adminSet"))),
    ),
    Case(
        "admin-set-host-with-mixed-codes",
        "R3",
        both(
            put(hostProfileCode="adminSet"),
            codes(("All", "notApplicable"), ("MeetingCenter", "adminSet")),
        ),
    ),
    Case(
        "required-on-site-admin-site",
        "R2",
        put(hostProfileCode="required"),
        site="site-admin",
    ),
    Case("unknown-field-ignored", "S8", put(color="blue")),
    Case("name-of-120-code-points", "S2", put(name="é" * 120)),
    Case("value-of-120", "S4", _option(0, value="v" * 120)),
    Case("500-options", "S4", options(*MANY_OPTIONS[:500])),
    Case("options-with-no-default", "R10", options("Sales", "Design", default=None)),
    Case(
        "odd-unicode-round-trips",
        "S2",
        both(put(name=ODD_NAME), _option(1, value="Ω≈ç√ 𝄞 e\u0301 \u200b 中文")),
    ),
)
