"""Every rule of the contract, with where it comes from and what it costs.

One table serves the rule engine, the server (which status to answer), the
contract suite (the one-line meaning in a failure) and the documentation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Source = Literal["vendor spec", "documented", "decided", "inferred"]


@dataclass(frozen=True)
class Rule:
    """A rule's identity card; the checking itself lives elsewhere."""

    id: str
    source: Source
    summary: str
    status: int = 400

    @property
    def inferred(self) -> bool:
        """Inferred rules may be switched off: the real service may not hold them."""
        return self.source == "inferred"

    @property
    def needs_site(self) -> bool:
        """Site rules can only be checked when the kind of site is known."""
        return self.id in SITE_RULES


SITE_RULES: Final = frozenset({"R2", "R6"})

_TABLE: Final = (
    Rule("S1", "vendor spec", "the body is an object with all six fields present"),
    Rule("S2", "documented", "name is a string of 1 to 120 characters"),
    Rule("S3", "documented", "siteUrl is a non-empty string"),
    Rule(
        "S4",
        "documented",
        "options holds at most 500 items, each with a value of 1 to 120 "
        "characters and a boolean defaultValue",
    ),
    Rule("S5", "documented", "inputMode is one of the four input modes"),
    Rule("S6", "documented", "hostProfileCode is one of the four host profile codes"),
    Rule(
        "S7",
        "documented",
        "scheduleStartCodes is null or at most 5 items, each with a known "
        "service and type",
    ),
    Rule("S8", "decided", "fields the contract does not name are ignored"),
    Rule(
        "R1",
        "documented",
        "with inputMode hostProfileSelect, every service resolves to notUsed",
    ),
    Rule(
        "R2",
        "documented",
        "hostProfileCode required only on a Site Admin managed site",
    ),
    Rule(
        "R3",
        "documented",
        "adminSet types go with hostProfileCode adminSet, and only there",
    ),
    Rule(
        "R4",
        "documented",
        "when All has a type other than notApplicable, every service matches it",
    ),
    Rule("R5", "documented", "notApplicable is a type for the service All only"),
    Rule(
        "R6",
        "documented",
        "a site with mapped tracking codes accepts no new tracking code",
        status=409,
    ),
    Rule("R7", "documented", "inputMode select needs at least one option"),
    Rule("R8", "inferred", "each service is listed at most once"),
    Rule("R9", "inferred", "inputMode editableSelect needs at least one option"),
    Rule("R10", "inferred", "at most one option is the default"),
    Rule("R11", "inferred", "option values are unique"),
)

RULES: Final[dict[str, Rule]] = {rule.id: rule for rule in _TABLE}
