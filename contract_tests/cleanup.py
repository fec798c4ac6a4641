"""Deleting what the suite created, and nothing else.

First every tracking code a create answered with is deleted by id; then each
site the run knows is listed, and codes whose name carries this run's prefix
(a create whose answer was lost, say) are deleted too. The prefix is unique to
the run, so a sweep never touches codes the suite did not create.
"""

from __future__ import annotations

from contextlib import suppress

import requests

from contract_tests.api import TrackingCodesApi
from contract_tests.session import Created

GONE = frozenset({204, 404})


def clean_up(api: TrackingCodesApi, prefix: str) -> list[str]:
    """Delete this run's tracking codes; return those that would not go."""
    if not api.target.token:
        return []
    ledger = api.session.ledger
    for created in ledger.outstanding():
        if _delete(api, created):
            ledger.forget(created)
    for site in api.target.sites:
        for created in _named_by_run(api, site, prefix):
            if _delete(api, created):
                ledger.forget(created)
    return [f"{c.id} on {c.site_url}" for c in ledger.outstanding()]


def _delete(api: TrackingCodesApi, created: Created) -> bool:
    with suppress(requests.RequestException):
        return api.delete(created.id, created.site_url).status_code in GONE
    return False


def _named_by_run(api: TrackingCodesApi, site: str, prefix: str) -> list[Created]:
    try:
        response = api.list(site)
        items = response.json().get("items", []) if response.status_code == 200 else []
    except (requests.RequestException, ValueError, AttributeError):
        return []
    named = (
        item
        for item in items
        if isinstance(item, dict) and str(item.get("name", "")).startswith(prefix)
    )
    found = [Created(str(item.get("id")), site) for item in named]
    for created in found:
        api.session.ledger.add(created)
    return found
