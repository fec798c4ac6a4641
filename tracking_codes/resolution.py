"""The effective type of each service, from the schedule start codes sent.

The vendor's page explains it in prose; the contract decisions fix it as three
steps, applied to each of the four concrete services: the type it is listed
with; else the type of ``All`` unless that is ``notApplicable``; else
``notUsed``. A ``null`` list resolves every service to ``notUsed``.

A service listed twice (which breaks R8) has no single effective type. The
response shows the first listing (:func:`effective_types`); the rules R1 and R4
instead must hold for every listing (:func:`type_sources`), which is the reading
the strict JSON Schema can state, and the one that is safe whichever listing
a real service takes.
"""

from __future__ import annotations

from typing import Any

from tracking_codes.vocabulary import ALL, CONCRETE_SERVICES, NOT_APPLICABLE, NOT_USED

#: A schedule start code entry as the rules see it: its index and its type.
Listing = tuple[int, Any]


def every_listing(schedule_start_codes: Any) -> dict[str, list[Listing]]:
    """Each listed service's entries, in the order sent.

    Tolerates any JSON: entries that are not objects are passed over, so the
    rules can run on bodies that also break the structural schema.
    """
    listed: dict[str, list[Listing]] = {}
    if not isinstance(schedule_start_codes, list):
        return listed
    for index, entry in enumerate(schedule_start_codes):
        if isinstance(entry, dict) and isinstance(entry.get("service"), str):
            listing = (index, entry.get("type"))
            listed.setdefault(entry["service"], []).append(listing)
    return listed


def listed_types(schedule_start_codes: Any) -> dict[str, Any]:
    """Each listed service's type; the first listing wins a duplicate.

    Tolerates any JSON, as :func:`every_listing` does; it is the cheaper of
    the two, since the response is shaped from it on every create.
    """
    listed: dict[str, Any] = {}
    if not isinstance(schedule_start_codes, list):
        return listed
    for entry in schedule_start_codes:
        if isinstance(entry, dict):
            service = entry.get("service")
            if isinstance(service, str) and service not in listed:
                listed[service] = entry.get("type")
    return listed


def effective_types(schedule_start_codes: Any) -> dict[str, Any]:
    """The type each of the four concrete services resolves to."""
    return resolve(listed_types(schedule_start_codes))


def resolve(listed: dict[str, Any]) -> dict[str, Any]:
    """The effective types, from the types listed (see :func:`listed_types`)."""
    inherited = listed.get(ALL, NOT_APPLICABLE)
    fallback = NOT_USED if inherited == NOT_APPLICABLE else inherited
    return {service: listed.get(service, fallback) for service in CONCRETE_SERVICES}


def type_sources(schedule_start_codes: Any) -> dict[str, list[Listing]]:
    """The entries each concrete service may take its type from.

    A service listed takes the type of its own entries; one left out, that of
    every ``All`` entry that is not ``notApplicable``; an empty list means it
    resolves to ``notUsed``. Without duplicates this is :func:`effective_types`
    with the index each type comes from.
    """
    listed = every_listing(schedule_start_codes)
    passed_on = [item for item in listed.get(ALL, []) if item[1] != NOT_APPLICABLE]
    return {service: listed.get(service, passed_on) for service in CONCRETE_SERVICES}
