"""Where the reference server keeps tracking codes: in memory, site by site.

A small class with one method per operation, so that a test can subclass it
to build a deliberately faulty server (a delete that forgets, a get that
answers the wrong code) and check that the contract suite notices. Every
method takes a lock, so the store is safe whether the server runs its
handlers on one event loop or on several threads.
"""

from __future__ import annotations

import itertools
import threading
import uuid
from collections import OrderedDict
from typing import Any

TrackingCode = dict[str, Any]


class TrackingCodeStore:
    """Tracking codes by site and id; ids are opaque strings, unique in the store.

    ``keep_per_site`` bounds memory for runs that create without end: past
    that many codes on one site, the oldest is forgotten. ``None`` keeps all.
    """

    def __init__(self, keep_per_site: int | None = None) -> None:
        self._sites: dict[str, OrderedDict[str, TrackingCode]] = {}
        self._keep = keep_per_site
        self._lock = threading.Lock()
        self._prefix = "tc" + uuid.uuid4().hex[:8]
        self._counter = itertools.count(1)

    def create(self, site_url: str, code: TrackingCode) -> TrackingCode:
        """Store ``code`` (without an id) on a site; return it with its new id."""
        with self._lock:
            stored = {"id": self.new_id(), **code}
            codes = self._sites.setdefault(site_url, OrderedDict())
            codes[stored["id"]] = stored
            if self._keep is not None and len(codes) > self._keep:
                codes.popitem(last=False)
        return stored

    def get(self, site_url: str, code_id: str) -> TrackingCode | None:
        """The code with that id on that site, or ``None``."""
        with self._lock:
            return self._codes(site_url).get(code_id)

    def list(self, site_url: str) -> list[TrackingCode]:
        """Every code of a site, oldest first."""
        with self._lock:
            return list(self._codes(site_url).values())

    def replace(
        self, site_url: str, code_id: str, code: TrackingCode
    ) -> TrackingCode | None:
        """Put ``code`` in place of the one with that id; ``None`` if there is none."""
        with self._lock:
            codes = self._sites.get(site_url)
            if codes is None or code_id not in codes:
                return None
            stored = codes[code_id] = {"id": code_id, **code}
            return stored

    def delete(self, site_url: str, code_id: str) -> bool:
        """Remove the code with that id from that site; ``False`` if there is none."""
        with self._lock:
            return self._codes(site_url).pop(code_id, None) is not None

    def _codes(self, site_url: str) -> OrderedDict[str, TrackingCode]:
        return self._sites.get(site_url) or OrderedDict()

    def new_id(self) -> str:
        """A fresh id: a random prefix of letters and a counter, never a number.

        The prefix differs between stores, so ids from one server run are not
        valid in the next; the counter makes them unique within a store.
        """
        return f"{self._prefix}{next(self._counter):x}"
