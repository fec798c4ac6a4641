"""How the suite tells a departure from the contract.

A failure reads top-down like a bug report: a title, what the contract
expects, what was received, the rule broken and its meaning, and the exchange
itself (request and response, the token masked) so it can be replayed by hand.
"""

from __future__ import annotations

import json
from typing import Any

from contract_tests.answer import Answer
from contract_tests.masking import mask_authorization
from tracking_codes.catalogue import RULES

BODY_LIMIT = 2000


class ContractFailure(AssertionError):
    """The implementation's answer departs from the contract."""

    def __init__(
        self,
        title: str,
        *,
        expected: str,
        received: str,
        response: Answer | None = None,
        rule: str | None = None,
    ) -> None:
        self.rule = rule
        lines = [title, "", f"Expected: {expected}", f"Received: {received}"]
        if rule:
            lines.append(f"Rule:     {rule_line(rule)}")
        if response is not None:
            lines += ["", *describe_exchange(response)]
        super().__init__("\n".join(lines))


def rule_line(rule: str) -> str:
    """A rule id with its one-line meaning."""
    known = RULES.get(rule)
    return f"{rule}: {known.summary} ({known.source})" if known else rule


def describe_exchange(response: Answer) -> list[str]:
    """The request and response as lines of text, the token masked."""
    request = response.request
    lines = [f"Request:  {request.method} {request.url}"]
    for name, value in request.headers.items():
        if name.lower() in ("authorization", "content-type"):
            shown = (
                mask_authorization(value) if name.lower() != "content-type" else value
            )
            lines.append(f"          {name}: {shown}")
    if request.body:
        lines.append(f"          {_clip(_text(request.body))}")
    lines.append(f"Response: {response.status_code} {response.reason}")
    content_type = response.headers.get("Content-Type")
    if content_type:
        lines.append(f"          Content-Type: {content_type}")
    if response.content:
        lines.append(f"          {_clip(response.text)}")
    return lines


def _text(body: bytes | str) -> str:
    return body.decode("utf-8", "replace") if isinstance(body, bytes) else body


def _clip(text: str) -> str:
    if len(text) <= BODY_LIMIT:
        return text
    return f"{text[:BODY_LIMIT]}... ({len(text)} characters in all)"


def shown(value: Any) -> str:
    """A value as JSON, clipped, for the Expected/Received lines."""
    return _clip(json.dumps(value, ensure_ascii=False, sort_keys=True))
