"""The one entry point: a body against the schema and every rule, for a site.

The engine never logs and never raises on bad input: whatever the body, it
returns a report listing every violation found, in a stable order (structural
ones first, then the rules by id). An :class:`Engine` is a request schema plus
a table of rule checkers; the default one holds the whole contract, and other
ones (a rule left out, a schema loosened) let tests build deliberately faulty
servers from the same parts.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from tracking_codes import strict
from tracking_codes.catalogue import RULES
from tracking_codes.resources import REQUEST_SCHEMA, load_schema
from tracking_codes.rules import CHECKERS, Checker
from tracking_codes.sites import Site
from tracking_codes.structure import compile_validator, structural_violations
from tracking_codes.violations import Violation


@dataclass(frozen=True)
class Report:
    """What a validation found, and what it could not check."""

    violations: tuple[Violation, ...]
    site_rules_checked: bool
    inferred_rules_checked: bool

    @property
    def valid(self) -> bool:
        """True when no rule that was checked is broken."""
        return not self.violations

    @property
    def rule_ids(self) -> list[str]:
        """The ids of the rules broken, each once, in report order."""
        return list(dict.fromkeys(v.rule_id for v in self.violations))

    @property
    def status(self) -> int:
        """The status a server answers: 200, or that of the first violation."""
        return self.violations[0].status if self.violations else 200

    @property
    def skipped(self) -> list[str]:
        """Rules that were not checked, with the reason, for people to read."""
        notes = []
        if not self.site_rules_checked:
            notes.append("R2 and R6 were not checked: they need the kind of site")
        if not self.inferred_rules_checked:
            notes.append("R8-R11 are inferred and were switched off")
        return notes


@dataclass(frozen=True)
class Screen:
    """A fast first look: a compiled schema that states some of the rules.

    A body it accepts breaks none of ``covers``, so only the other checkers
    need to run; a body it refuses goes the whole way, so that every
    violation is found and worded by the checkers themselves.
    """

    validator: Any
    covers: frozenset[str]

    def passes(self, body: Any) -> bool:
        """True when the body surely breaks none of the covered rules."""
        try:
            return bool(self.validator.is_valid(body))
        except ValueError:  # what jsonschema-rs cannot take: see stand_in
            return False


#: The four ways to run the rules: with or without a site, with or without
#: the inferred rules; each has its checker list worked out once.
_KEYS = [
    (with_site, inferred) for with_site in (False, True) for inferred in (False, True)
]


class Engine:
    """A request schema and a rule table, compiled once and used many times.

    A ``screen`` must state nothing beyond this engine's own schema and rules:
    only :func:`default_engine` has one, matched to the whole contract.
    """

    def __init__(
        self,
        request_schema: dict[str, Any] | None = None,
        checkers: Mapping[str, Checker] = CHECKERS,
        *,
        screen: Screen | None = None,
    ) -> None:
        schema = request_schema or load_schema(REQUEST_SCHEMA)
        self._validator = compile_validator(schema)
        self.checkers = dict(checkers)
        self.screen = screen
        covered = screen.covers if screen is not None else frozenset()
        self._active = {key: self._select(*key) for key in _KEYS}
        self._after_screen = {key: self._select(*key, skip=covered) for key in _KEYS}

    def validate(
        self, body: Any, site: Site | None = None, *, inferred: bool = True
    ) -> Report:
        """Check a request body against the structural schema and R1-R11.

        Without a ``site`` the site rules R2 and R6 cannot be judged and are
        skipped; the report says so. ``inferred=False`` leaves out R8-R11,
        which the real service may not enforce.
        """
        key = (site is not None, inferred)
        if self.screen is not None and self.screen.passes(body):
            found = list(self._run(self._after_screen[key], body, site))
            return Report(tuple(found), *key)
        violations = structural_violations(body, self._validator)
        if isinstance(body, dict):
            violations.extend(self._run(self._active[key], body, site))
        return Report(tuple(violations), *key)

    @staticmethod
    def _run(
        checkers: tuple[Checker, ...], body: dict[str, Any], site: Site | None
    ) -> Iterator[Violation]:
        for checker in checkers:
            yield from checker(body, site)

    def _select(
        self, with_site: bool, inferred: bool, skip: frozenset[str] = frozenset()
    ) -> tuple[Checker, ...]:
        return tuple(
            checker
            for rule_id, checker in self.checkers.items()
            if (inferred or not RULES[rule_id].inferred)
            and (with_site or not RULES[rule_id].needs_site)
            and rule_id not in skip
        )


def strict_screen() -> Screen:
    """The strict request schema, compiled by jsonschema-rs, as a screen.

    It states the structure and every body-only rule but R11 in JSON Schema,
    and checking a valid body against it costs a fraction of running the
    checkers; tests/test_strict_schema.py proves it agrees with them.
    """
    validator = compile_validator(strict.strict_schema(inferred=True))
    return Screen(validator, strict.enforced_rules(inferred=True))


@cache
def default_engine() -> Engine:
    """The engine holding the whole contract, screened for speed."""
    return Engine(screen=strict_screen())


def validate(body: Any, site: Site | None = None, *, inferred: bool = True) -> Report:
    """Check a body with the whole contract; see :meth:`Engine.validate`."""
    return default_engine().validate(body, site, inferred=inferred)
