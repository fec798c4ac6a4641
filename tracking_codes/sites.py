"""What the rules need to know about the site a tracking code is meant for."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Management(StrEnum):
    """Who administers a Webex site."""

    CONTROL_HUB = "control-hub"
    SITE_ADMIN = "site-admin"


@dataclass(frozen=True)
class Site:
    """A site as the site-dependent rules (R2, R6) see it."""

    managed_by: Management = Management.CONTROL_HUB
    tracking_codes_mapped: bool = False

    @classmethod
    def from_kind(cls, kind: str) -> Site:
        """A site from its short name: control-hub, site-admin or mapped."""
        if kind == "mapped":
            return cls(Management.CONTROL_HUB, tracking_codes_mapped=True)
        try:
            return cls(Management(kind))
        except ValueError:
            raise ValueError(
                f"unknown site kind {kind!r}: use one of {', '.join(SITE_KINDS)}"
            ) from None

    @property
    def kind(self) -> str:
        """The short name that :meth:`from_kind` reads back."""
        return "mapped" if self.tracking_codes_mapped else self.managed_by.value


SITE_KINDS = ("control-hub", "site-admin", "mapped")
