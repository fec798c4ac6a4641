"""What the suite runs against: the base URL, the tokens and the sites.

Every test that needs a value the user did not give is skipped with a reason
naming the option that would provide it, so a partial configuration (say, a
token but no Site Admin site) still runs everything it can.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Final

import pytest

#: The command-line option behind each field, as a skip reason names it.
OPTIONS: Final = {
    "token": "--token (or the WEBEX_ACCESS_TOKEN environment variable)",
    "non_admin_token": "--non-admin-token",
    "site_url": "--site-url",
    "site_admin_site_url": "--site-admin-site-url",
    "mapped_site_url": "--mapped-site-url",
}

#: Which field holds the site of each kind the cases name.
SITE_FIELDS: Final = {
    "control-hub": "site_url",
    "site-admin": "site_admin_site_url",
    "mapped": "mapped_site_url",
}


@dataclass(frozen=True)
class Target:
    """The implementation under test and the credentials to reach it."""

    base_url: str
    token: str | None = None
    non_admin_token: str | None = None
    site_url: str | None = None
    site_admin_site_url: str | None = None
    mapped_site_url: str | None = None
    inferred_rules: bool = False
    embedded: bool = False

    @classmethod
    def from_options(cls, config: pytest.Config, base_url: str) -> Target:
        """The target as the command line describes it."""
        values = {
            field.name: config.getoption(field.name)
            for field in fields(cls)
            if field.name in OPTIONS
        }
        inferred = bool(config.getoption("inferred_rules"))
        return cls(base_url.rstrip("/"), inferred_rules=inferred, **values)

    def filled(self, **defaults: str | bool) -> Target:
        """A copy with the options the user left out taken from ``defaults``."""
        missing = {k: v for k, v in defaults.items() if not getattr(self, k)}
        return replace(self, **missing)  # type: ignore[arg-type]

    def require(self, name: str) -> str:
        """The value of option ``name``, or a skip naming the option."""
        value = getattr(self, name)
        if not value:
            pytest.skip(f"needs {OPTIONS[name]}")
        return str(value)

    def site(self, kind: str) -> str:
        """The site of a kind (control-hub, site-admin, mapped), or a skip."""
        return self.require(SITE_FIELDS[kind])

    def require_inferred(self) -> None:
        """Skip unless the user asked for the inferred rules R8-R11."""
        if not self.inferred_rules:
            pytest.skip("an inferred rule (R8-R11): needs --inferred-rules")

    @property
    def secrets(self) -> tuple[str, ...]:
        """Values that must never appear in any output."""
        return tuple(t for t in (self.token, self.non_admin_token) if t)

    @property
    def sites(self) -> tuple[str, ...]:
        """Every site the user named, for the final clean-up sweep."""
        named = (getattr(self, name) for name in SITE_FIELDS.values())
        return tuple(dict.fromkeys(site for site in named if site))
