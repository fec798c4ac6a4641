"""The effective type of each service, from the schedule start codes sent.

The vendor's page explains it in prose; the contract decisions fix it as three
steps, applied to each of the four concrete services: the type it is listed
with; else the type of ``All`` unless that is ``notApplicable``; else
``notUsed``. A ``null`` list resolves every service to ``notUsed``.
"""

from __future__ import annotations

from typing import Any

from tracking_codes.vocabulary import ALL, CONCRETE_SERVICES, NOT_APPLICABLE, NOT_USED


def first_listings(schedule_start_codes: Any) -> dict[str, tuple[int, Any]]:
    """Each listed service's first entry: its index and its type.

    Tolerates any JSON: entries that are not objects are passed over, so the
    rules can run on bodies that also break the structural schema.
    """
    listed: dict[str, tuple[int, Any]] = {}
    if not isinstance(schedule_start_codes, list):
        return listed
    for index, entry in enumerate(schedule_start_codes):
        if isinstance(entry, dict):
            service = entry.get("service")
            if isinstance(service, str) and service not in listed:
                listed[service] = (index, entry.get("type"))
    return listed


def listed_types(schedule_start_codes: Any) -> dict[str, Any]:
    """Each listed service's type; the first listing wins a duplicate."""
    listings = first_listings(schedule_start_codes).items()
    return {service: kind for service, (_index, kind) in listings}


def effective_types(schedule_start_codes: Any) -> dict[str, Any]:
    """The type each of the four concrete services resolves to."""
    listed = listed_types(schedule_start_codes)
    inherited = listed.get(ALL, NOT_APPLICABLE)
    fallback = NOT_USED if inherited == NOT_APPLICABLE else inherited
    return {service: listed.get(service, fallback) for service in CONCRETE_SERVICES}
