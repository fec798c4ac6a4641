"""The cross-field rules R1-R11: one checker per rule, each yielding violations.

A checker reads only the parts of the body it needs and passes over anything
of the wrong shape, which the structural schema reports on its own: so every
checker can run on any JSON object and all violations are found in one pass.
Above each checker, the sentence of the vendor's page or of the contract
decisions it enforces, in short.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final

from tracking_codes.resolution import every_listing, type_sources
from tracking_codes.sites import Management, Site
from tracking_codes.violations import Violation, pointer, quote
from tracking_codes.vocabulary import (
    ADMIN_SET,
    ALL,
    EDITABLE_SELECT,
    HOST_PROFILE_CODES,
    HOST_PROFILE_SELECT,
    NOT_APPLICABLE,
    NOT_USED,
    REQUIRED,
    SCHEDULE_TYPES,
    SELECT,
    TYPES_WITH_ADMIN_SET,
    TYPES_WITHOUT_ADMIN_SET,
)

Body = Mapping[str, Any]
Checker = Callable[[Body, Site | None], Iterator[Violation]]


def _entries(body: Body) -> Iterator[tuple[int, str, Any]]:
    """Index, service and type of each well-formed schedule start code."""
    codes = body.get("scheduleStartCodes")
    if not isinstance(codes, list):
        return
    for index, entry in enumerate(codes):
        if isinstance(entry, dict) and isinstance(entry.get("service"), str):
            yield index, entry["service"], entry.get("type")


def _type_at(index: int) -> str:
    return pointer("scheduleStartCodes", index, "type")


def _is_one_of(value: Any, words: frozenset[str]) -> bool:
    """Membership that tolerates unhashable values (a list sent as a type)."""
    return isinstance(value, str) and value in words


def _options(body: Body) -> list[Any] | None:
    options = body.get("options")
    return options if isinstance(options, list) else None


# R1. With inputMode hostProfileSelect, the schedule start codes are null or
# every service resolves to notUsed: the mode applies to the host profile only.
# A service listed twice must be notUsed in every listing.
def host_profile_select(body: Body, site: Site | None) -> Iterator[Violation]:
    if body.get("inputMode") != HOST_PROFILE_SELECT:
        return

    codes = body.get("scheduleStartCodes")
    listed = every_listing(codes)
    reported: set[int] = set()
    for service, sources in type_sources(codes).items():
        for index, kind in sources:
            if kind == NOT_USED or index in reported:
                continue
            reported.add(index)
            message = _r1_message(service, kind, inherited=service not in listed)
            yield Violation("R1", _type_at(index), message, kind)


def _r1_message(service: str, kind: Any, *, inherited: bool) -> str:
    if inherited:
        subject = f"All is {quote(kind)}, which {service} inherits"
    else:
        subject = f"{service} is {quote(kind)}"
    return (
        f"{subject}, but with inputMode 'hostProfileSelect' every service "
        "must be 'notUsed' (or scheduleStartCodes null)"
    )


# R2. A hostProfileCode of required is allowed on a Site Admin managed site
# only, not on one managed by Control Hub.
def required_host_profile(body: Body, site: Site | None) -> Iterator[Violation]:
    if site is None or site.managed_by is not Management.CONTROL_HUB:
        return

    if body.get("hostProfileCode") == REQUIRED:
        yield Violation(
            "R2",
            pointer("hostProfileCode"),
            "'required' is allowed only on a Site Admin managed site, "
            "and this site is managed by Control Hub",
            REQUIRED,
        )


# R3. With hostProfileCode adminSet, the types are adminSet, notUsed or
# notApplicable; with any other code, optional, required, notUsed or
# notApplicable.
def admin_set_types(body: Body, site: Site | None) -> Iterator[Violation]:
    host = body.get("hostProfileCode")
    if not _is_one_of(host, HOST_PROFILE_CODES):
        return

    allowed = TYPES_WITH_ADMIN_SET if host == ADMIN_SET else TYPES_WITHOUT_ADMIN_SET
    for index, _service, kind in _entries(body):
        if not _is_one_of(kind, SCHEDULE_TYPES) or kind in allowed:
            continue
        if kind == ADMIN_SET:
            message = "'adminSet' is allowed only when hostProfileCode is 'adminSet'"
        else:
            message = (
                f"{quote(kind)} is not allowed when hostProfileCode is 'adminSet'; "
                "use 'adminSet', 'notUsed' or 'notApplicable'"
            )
        yield Violation("R3", _type_at(index), message, kind)


# R4. When All has a type other than notApplicable, the services left out take
# that type, and a service listed must have that same type. If All is listed
# twice, a service must match every such type of All.
def all_is_inherited(body: Body, site: Site | None) -> Iterator[Violation]:
    all_listings = every_listing(body.get("scheduleStartCodes")).get(ALL, [])
    all_types = [
        kind
        for _index, kind in all_listings
        if _is_one_of(kind, SCHEDULE_TYPES) and kind != NOT_APPLICABLE
    ]
    for index, service, kind in _entries(body):
        if service == ALL or not _is_one_of(kind, SCHEDULE_TYPES):
            continue
        mismatch = next((other for other in all_types if other != kind), None)
        if mismatch is not None:
            yield _r4_violation(index, service, kind, mismatch)


def _r4_violation(index: int, service: str, kind: str, all_type: str) -> Violation:
    return Violation(
        "R4",
        _type_at(index),
        f"{service} is {quote(kind)} but All is {quote(all_type)}; while All "
        "is not 'notApplicable' every listed service must match it",
        kind,
    )


# R5. notApplicable is a type for the service All only.
def not_applicable_only_for_all(body: Body, site: Site | None) -> Iterator[Violation]:
    for index, service, kind in _entries(body):
        if kind == NOT_APPLICABLE and service != ALL:
            yield Violation(
                "R5",
                _type_at(index),
                f"'notApplicable' is allowed only for the service 'All', "
                f"not for {quote(service)}",
                kind,
            )


# R6. Once a site's tracking codes are mapped (in progress or done), no
# tracking code can be created on it.
def mapped_site(body: Body, site: Site | None) -> Iterator[Violation]:
    if site is not None and site.tracking_codes_mapped:
        yield Violation(
            "R6",
            pointer("siteUrl"),
            f"{quote(body.get('siteUrl'))} has mapped tracking codes, so no "
            "tracking code can be created on it",
            body.get("siteUrl"),
        )


def _needs_options(rule_id: str, mode: str) -> Checker:
    def check(body: Body, site: Site | None) -> Iterator[Violation]:
        if body.get("inputMode") == mode and _options(body) == []:
            yield Violation(
                rule_id,
                pointer("options"),
                f"inputMode {quote(mode)} needs at least one option, "
                "and none was given",
                [],
            )

    check.__name__ = f"{mode}_needs_options"
    return check


# R7. inputMode select is a drop-down list, which requires options.
select_needs_options = _needs_options("R7", SELECT)


# R8 (inferred). There are five services and at most five entries: each
# service is listed once.
def unique_services(body: Body, site: Site | None) -> Iterator[Violation]:
    first: dict[str, int] = {}
    for index, service, _kind in _entries(body):
        if service not in first:
            first[service] = index
            continue
        yield Violation(
            "R8",
            pointer("scheduleStartCodes", index, "service"),
            f"{quote(service)} is listed already at "
            f"{pointer('scheduleStartCodes', first[service])}; "
            "list each service at most once",
            service,
        )


# R9 (inferred). inputMode editableSelect offers a list too, so it needs options.
editable_select_needs_options = _needs_options("R9", EDITABLE_SELECT)


# R10 (inferred). A list has at most one preselected choice.
def single_default(body: Body, site: Site | None) -> Iterator[Violation]:
    first: int | None = None
    for index, option in enumerate(_options(body) or ()):
        if not isinstance(option, dict) or option.get("defaultValue") is not True:
            continue
        if first is None:
            first = index
            continue
        yield Violation(
            "R10",
            pointer("options", index, "defaultValue"),
            f"this option is marked default, and so is {pointer('options', first)}; "
            "mark at most one option as the default",
            True,
        )


# R11 (inferred). A list offers each choice once.
def unique_values(body: Body, site: Site | None) -> Iterator[Violation]:
    options = _options(body) or ()
    if _all_distinct([o.get("value") for o in options if isinstance(o, dict)]):
        return

    first: dict[str, int] = {}
    for index, option in enumerate(options):
        value = option.get("value") if isinstance(option, dict) else None
        if not isinstance(value, str):
            continue
        if value not in first:
            first[value] = index
            continue
        yield Violation(
            "R11",
            pointer("options", index, "value"),
            f"{quote(value)} repeats the value of {pointer('options', first[value])}; "
            "option values must be unique",
            value,
        )


def _all_distinct(values: list[Any]) -> bool:
    """A quick yes for the common case; unhashable values answer no."""
    try:
        return len(set(values)) == len(values)
    except TypeError:
        return False


CHECKERS: Final[dict[str, Checker]] = {
    "R1": host_profile_select,
    "R2": required_host_profile,
    "R3": admin_set_types,
    "R4": all_is_inherited,
    "R5": not_applicable_only_for_all,
    "R6": mapped_site,
    "R7": select_needs_options,
    "R8": unique_services,
    "R9": editable_select_needs_options,
    "R10": single_default,
    "R11": unique_values,
}
