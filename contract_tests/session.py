"""The HTTP session every request of the suite goes through.

It does three things no test should have to remember: it waits and retries
when the service asks it to (429 or 503 with ``Retry-After``) within a bounded
total wait; it writes down every tracking code a create returned, so that the
suite can delete exactly those at the end; and it keeps a short history that
failure messages quote. Schemathesis sends its requests through it too.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import quote, urlsplit

import requests

COLLECTION: Final = "admin/meeting/config/trackingCodes"
RETRY_STATUSES: Final = frozenset({429, 503})
#: The longest the suite waits, in all, on one request that keeps being refused.
RETRY_BUDGET_SECONDS: Final = 60.0


def collection_url(base_url: str) -> str:
    """The URL of the tracking-code collection."""
    return f"{base_url}/{COLLECTION}"


def item_url(base_url: str, tracking_code_id: str) -> str:
    """The URL of one tracking code; the id is escaped, since it is opaque."""
    return f"{collection_url(base_url)}/{quote(tracking_code_id, safe='')}"


@dataclass(frozen=True)
class Created:
    """A tracking code the suite made, and where."""

    id: str
    site_url: str


@dataclass
class Ledger:
    """Every tracking code created through the session, safe across threads."""

    created: dict[Created, None] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def observe(self, response: requests.Response) -> None:
        """Write down the tracking code a successful create answered with."""
        request = response.request
        if request.method != "POST" or response.status_code != 200:
            return
        if not urlsplit(str(request.url)).path.endswith("/" + COLLECTION):
            return
        code = _json_or_none(response)
        if isinstance(code, dict) and isinstance(code.get("id"), str):
            self.add(Created(code["id"], str(code.get("siteUrl"))))

    def add(self, created: Created) -> None:
        """Write down a tracking code to delete at the end."""
        with self._lock:
            self.created[created] = None

    def forget(self, created: Created) -> None:
        """Cross off a tracking code that is gone."""
        with self._lock:
            self.created.pop(created, None)

    def outstanding(self) -> list[Created]:
        """The tracking codes not yet deleted, oldest first."""
        with self._lock:
            return list(self.created)


def retry_after(response: requests.Response) -> float | None:
    """Seconds to wait before retrying, or None when no retry is asked for."""
    if response.status_code not in RETRY_STATUSES:
        return None
    header = response.headers.get("Retry-After", "1")
    try:
        return max(0.0, float(header))
    except ValueError:
        return 1.0


class ContractSession(requests.Session):
    """A requests session that retries politely and records what it created."""

    def __init__(self, budget: float = RETRY_BUDGET_SECONDS) -> None:
        super().__init__()
        self.ledger = Ledger()
        self.budget = budget

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> Any:
        kwargs.setdefault("timeout", 30)
        deadline = time.monotonic() + self.budget
        while True:
            response = super().send(request, **kwargs)
            wait = retry_after(response)
            if wait is None or time.monotonic() + wait > deadline:
                break
            response.close()
            time.sleep(wait)
        self.ledger.observe(response)
        return response


def _json_or_none(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None
