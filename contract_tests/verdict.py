"""What the contract says a server must answer to a given body.

The rule engine is the oracle: a body that passes the schema and every
documented rule for the target site must be created; anything else must be
refused with a status the contract allows for the rules it breaks. Bodies that
break only inferred rules (R8-R11) may go either way unless the user asked for
those rules with --inferred-rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from contract_tests.cases import BAD_REQUEST, SITE_REFUSAL
from tracking_codes import Site, validate
from tracking_codes.catalogue import SITE_RULES
from tracking_codes.engine import Report

SUCCESS = frozenset({200})


@dataclass(frozen=True)
class Verdict:
    """The statuses a server may answer, and the rules that explain why."""

    statuses: frozenset[int]
    rules: tuple[str, ...]

    @property
    def must_accept(self) -> bool:
        """True when the only allowed answer is success."""
        return self.statuses == SUCCESS


def verdict(body: Any, site_kind: str, *, inferred_rules: bool) -> Verdict:
    """The allowed statuses for ``body`` sent to a site of ``site_kind``."""
    site = Site.from_kind(site_kind)
    documented = validate(body, site, inferred=False)
    if not documented.valid:
        return Verdict(_refusals(documented), tuple(documented.rule_ids))
    complete = validate(body, site, inferred=True)
    if complete.valid:
        return Verdict(SUCCESS, ())
    refused = _refusals(complete)
    allowed = refused if inferred_rules else refused | SUCCESS
    return Verdict(allowed, tuple(complete.rule_ids))


def _refusals(report: Report) -> frozenset[int]:
    allowed: set[int] = set()
    for violation in report.violations:
        site_rule = violation.rule_id in SITE_RULES
        allowed |= SITE_REFUSAL if site_rule else BAD_REQUEST
    return frozenset(allowed)
