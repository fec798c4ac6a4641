"""A single breach of the contract, as data first and as a sentence second."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tracking_codes.catalogue import RULES, Rule


@dataclass(frozen=True)
class Violation:
    """One rule broken at one place in the body.

    ``pointer`` is the JSON pointer (RFC 6901) of the offending part, ``""``
    for the body itself; ``value`` is that part as it was sent.
    """

    rule_id: str
    pointer: str
    message: str
    value: Any = field(default=None, compare=False)

    @property
    def rule(self) -> Rule:
        """The catalogue entry of the rule broken."""
        return RULES[self.rule_id]

    @property
    def status(self) -> int:
        """The HTTP status the reference server answers for this breach."""
        return self.rule.status

    def __str__(self) -> str:
        where = self.pointer or "(body)"
        return f"{where}: {self.message} ({self.rule_id})"

    def as_dict(self) -> dict[str, Any]:
        """The facts, for machine output."""
        return {
            "rule": self.rule_id,
            "source": self.rule.source,
            "pointer": self.pointer,
            "message": self.message,
            "status": self.status,
        }


def pointer(*parts: str | int) -> str:
    """The JSON pointer of a path of keys and indices."""
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return "".join("/" + part for part in escaped)


def quote(value: Any, limit: int = 40) -> str:
    """A short, readable rendering of a value as it was sent."""
    text = repr(value) if isinstance(value, str) else _json_like(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _json_like(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        count = len(value)
        return f"an array of {count} item{'' if count == 1 else 's'}"
    if isinstance(value, dict):
        return "an object"
    return repr(value)
