"""The checks a response must pass, each raising a :class:`ContractFailure`.

Strict where the contract is explicit, lenient where it is silent: the wording
of errors, the format of ids and the order of schedule start codes are never
compared, and every status the contract accepts is accepted.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from contract_tests.answer import Answer
from contract_tests.failures import ContractFailure, shown
from tracking_codes.resolution import effective_types, listed_types
from tracking_codes.resources import (
    ERROR_SCHEMA,
    LIST_SCHEMA,
    TRACKING_CODE_SCHEMA,
    all_schemas,
    schema_id,
)
from tracking_codes.vocabulary import ALL

ECHOED_FIELDS = ("name", "siteUrl", "options", "inputMode", "hostProfileCode")
CONTRACT_FIELDS = frozenset({*ECHOED_FIELDS, "scheduleStartCodes", "id"})
OPTION_FIELDS = frozenset({"value", "defaultValue"})


@cache
def _validator(name: str) -> Draft202012Validator:
    resources = [
        (uri, Resource.from_contents(schema)) for uri, schema in all_schemas().items()
    ]
    registry: Registry[Any] = Registry().with_resources(resources)
    return Draft202012Validator({"$ref": schema_id(name)}, registry=registry)


def expect_status(
    response: Answer,
    allowed: Collection[int],
    *,
    why: str,
    rule: str | None = None,
) -> None:
    """The status is one the contract allows here."""
    __tracebackhide__ = True
    if response.status_code in (429, 503) and response.status_code not in allowed:
        pytest.skip(
            f"the service kept answering {response.status_code} beyond the "
            "suite's retry budget; run again later or with fewer workers"
        )
    if response.status_code not in allowed:
        raise ContractFailure(
            f"{why}: unexpected status {response.status_code}",
            expected=f"status {' or '.join(str(s) for s in sorted(allowed))}",
            received=f"status {response.status_code}",
            response=response,
            rule=rule,
        )


def expect_rejected(
    response: Answer,
    allowed: Collection[int],
    *,
    why: str,
    rule: str | None = None,
) -> None:
    """A refusal with an allowed status and, if it has a body, the error shape."""
    __tracebackhide__ = True
    expect_status(response, allowed, why=why, rule=rule)
    expect_error_shape(response, rule=rule)


def expect_error_shape(response: Answer, *, rule: str | None = None) -> None:
    """A 4xx body, where there is one, is JSON in the vendor's error shape."""
    __tracebackhide__ = True
    if not response.content:
        return
    body = _json_body(response, "an error body", rule)
    problems = _problems(ERROR_SCHEMA, body)
    if problems:
        raise ContractFailure(
            "The error body does not have the contract's error shape",
            expected='{"message": str, "errors": [{"description": str}], '
            '"trackingId": str}',
            received="; ".join(problems),
            response=response,
            rule=rule,
        )


def expect_tracking_code(
    response: Answer, sent: dict[str, Any], *, rule: str | None = None
) -> dict[str, Any]:
    """A tracking code that matches the body sent; returns it."""
    __tracebackhide__ = True
    code = expect_schema(response, TRACKING_CODE_SCHEMA, "a tracking code", rule)
    for name in ECHOED_FIELDS:
        if _contract_part(name, code) != _contract_part(name, sent):
            raise ContractFailure(
                f"The tracking code's {name} is not the one sent",
                expected=f"{name} = {shown(_contract_part(name, sent))}",
                received=f"{name} = {shown(_contract_part(name, code))}",
                response=response,
                rule=rule,
            )
    expect_effective_types(response, code, sent, rule=rule)
    expect_nothing_echoed(response, code, sent)
    return code


def expect_nothing_echoed(
    response: Answer, code: dict[str, Any], sent: dict[str, Any]
) -> None:
    """Fields the contract does not name are ignored, not echoed (S8)."""
    __tracebackhide__ = True
    echoed = sorted((set(sent) - CONTRACT_FIELDS) & set(code))
    if echoed:
        raise ContractFailure(
            "The tracking code echoes fields the contract does not name",
            expected="unknown request fields ignored",
            received=f"echoed {shown(echoed)}",
            response=response,
            rule="S8",
        )


def expect_effective_types(
    response: Answer,
    code: dict[str, Any],
    sent: dict[str, Any],
    *,
    rule: str | None = None,
) -> None:
    """scheduleStartCodes holds each service's effective type, in any order."""
    __tracebackhide__ = True
    received = code.get("scheduleStartCodes")
    sent_codes = sent.get("scheduleStartCodes")
    if sent_codes is None and received is None:
        return
    expected = expected_schedule(sent_codes)
    if _pairs(received) != expected:
        raise ContractFailure(
            "The schedule start codes are not the effective types of the request",
            expected=f"in any order, {shown(expected)}",
            received=shown(received),
            response=response,
            rule=rule or "R4",
        )


def expected_schedule(sent_codes: Any) -> list[list[str]]:
    """The (service, type) pairs a response lists, sorted, for a request's codes."""
    pairs = [[s, t] for s, t in effective_types(sent_codes).items()]
    all_type = listed_types(sent_codes).get(ALL)
    if all_type is not None:
        pairs.append([ALL, all_type])
    return sorted(pairs)


def expect_same_code(
    response: Answer, created: dict[str, Any], *, rule: str | None = None
) -> None:
    """A read returns the tracking code as created (order of codes aside)."""
    __tracebackhide__ = True
    code = expect_schema(response, TRACKING_CODE_SCHEMA, "a tracking code", rule)
    if _normalised(code) != _normalised(created):
        raise ContractFailure(
            "A read does not return the tracking code as it was created",
            expected=shown(_normalised(created)),
            received=shown(_normalised(code)),
            response=response,
            rule=rule,
        )


def expect_listed(response: Answer, code_id: str, *, present: bool) -> None:
    """The list answer is well formed and does, or does not, hold the id."""
    __tracebackhide__ = True
    listing = expect_schema(response, LIST_SCHEMA, "a tracking code list", None)
    ids = [item.get("id") for item in listing["items"]]
    if (code_id in ids) != present:
        state = "holds" if present else "no longer holds"
        raise ContractFailure(
            f"The list of the site should show the tracking code {code_id!r}",
            expected=f"a list that {state} id {code_id!r}",
            received=f"ids {shown(ids)}",
            response=response,
        )


def expect_schema(response: Answer, name: str, what: str, rule: str | None) -> Any:
    """A 200 whose JSON body validates against ``schemas/NAME``; returns it."""
    __tracebackhide__ = True
    expect_status(response, {200}, why=f"Expected {what}", rule=rule)
    body = _json_body(response, what, rule)
    problems = _problems(name, body)
    if problems:
        raise ContractFailure(
            f"The answer is not {what} as {name} describes it",
            expected=f"a body valid against {name}",
            received="; ".join(problems),
            response=response,
            rule=rule,
        )
    return body


def _json_body(response: Answer, what: str, rule: str | None) -> Any:
    __tracebackhide__ = True
    media_type = response.media_type
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise ContractFailure(
            f"The answer should be {what} in JSON",
            expected="Content-Type: application/json",
            received=f"Content-Type: {media_type or '(none)'}",
            response=response,
            rule=rule,
        )
    try:
        return response.json()
    except ValueError:
        raise ContractFailure(
            f"The answer should be {what} in JSON",
            expected="a JSON body",
            received="a body that does not parse as JSON",
            response=response,
            rule=rule,
        ) from None


def _problems(name: str, body: Any) -> list[str]:
    errors = sorted(_validator(name).iter_errors(body), key=lambda e: e.path)
    return [f"{e.json_path}: {e.message[:200]}" for e in errors[:5]]


def _pairs(codes: Any) -> list[list[Any]] | None:
    if not isinstance(codes, list):
        return None
    entries = (c for c in codes if isinstance(c, dict))
    pairs = [[e.get("service"), e.get("type")] for e in entries]
    return sorted(pairs, key=lambda pair: (str(pair[0]), str(pair[1])))


def _contract_part(name: str, document: dict[str, Any]) -> Any:
    """A field as the contract defines it: options keep only their two fields."""
    value = document.get(name)
    if name != "options" or not isinstance(value, list):
        return value
    return [
        {k: v for k, v in item.items() if k in OPTION_FIELDS}
        if isinstance(item, dict)
        else item
        for item in value
    ]


def _normalised(code: dict[str, Any]) -> dict[str, Any]:
    return code | {"scheduleStartCodes": _pairs(code.get("scheduleStartCodes"))}
