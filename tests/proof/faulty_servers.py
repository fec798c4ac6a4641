"""Deliberately faulty reference servers, each with exactly one fault.

Every variant is built from the reference server's own parts: an engine with
one rule left out of its table or one limit taken out of its schema, a store
that misbehaves in one method, or a thin ASGI layer that bends one thing in
requests or responses. The contract suite must fail against each of them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from typing import Any, Final

from starlette.types import ASGIApp, Receive, Scope, Send

from tracking_codes.engine import Engine
from tracking_codes.resources import REQUEST_SCHEMA, load_schema
from tracking_codes.rules import CHECKERS
from tracking_codes.server.app import create_app
from tracking_codes.server.config import default_config
from tracking_codes.server.store import TrackingCodeStore

Schema = dict[str, Any]
Headers = list[tuple[bytes, bytes]]
Message = MutableMapping[str, Any]

ADMIN_TOKEN: Final = "admin-token"


# Engines with one rule left out -------------------------------------------


def without_checker(rule_id: str) -> ASGIApp:
    """A server whose rule table lacks one cross-field rule."""
    checkers = {k: v for k, v in CHECKERS.items() if k != rule_id}
    return create_app(engine=Engine(checkers=checkers))


def loosened(edit: Callable[[Schema], None]) -> ASGIApp:
    """A server whose request schema has one constraint taken out."""
    schema = load_schema(REQUEST_SCHEMA)
    edit(schema)
    return create_app(engine=Engine(request_schema=schema))


def _inline(schema: Schema, field: str, name: str) -> Schema:
    """Put a copy of an item schema in place of its $ref, to edit it."""
    item = load_schema(name)
    for key in ("$id", "$schema"):
        item.pop(key)
    schema["properties"][field]["items"] = item
    return item


def _drop(path: str, *keys: str) -> Callable[[Schema], None]:
    def edit(schema: Schema) -> None:
        part = schema["properties"][path] if path else schema
        for key in keys:
            part.pop(key)

    return edit


def _loose_option_value(schema: Schema) -> None:
    _inline(schema, "options", "option.schema.json")["properties"]["value"].pop(
        "maxLength"
    )


def _loose_service(schema: Schema) -> None:
    item = _inline(schema, "scheduleStartCodes", "schedule-start-code.schema.json")
    item["properties"]["service"] = {"type": "string"}


# Stores that misbehave in one method --------------------------------------


class DeleteDeletesNothing(TrackingCodeStore):
    """Answers that it deleted, and keeps the code."""

    def delete(self, site_url: str, code_id: str) -> bool:
        return self.get(site_url, code_id) is not None


class GetFindsNothing(TrackingCodeStore):
    """Stores what is created, but cannot find it again by id."""

    def get(self, site_url: str, code_id: str) -> dict[str, Any] | None:
        return None


class FailsOnEditableSelect(TrackingCodeStore):
    """Crashes on one kind of valid tracking code."""

    def create(self, site_url: str, code: dict[str, Any]) -> dict[str, Any]:
        if code.get("inputMode") == "editableSelect":
            raise RuntimeError("this store cannot keep editable lists")
        return super().create(site_url, code)


def with_store(store: TrackingCodeStore) -> ASGIApp:
    """A server over a misbehaving store."""
    return create_app(default_config(), store=store)


# Layers that bend one thing -------------------------------------------------

Rewrite = Callable[[Scope, int, Headers, bytes], tuple[int, Headers, bytes]]


class RewriteResponses:
    """Buffers each response and lets ``rewrite`` change its status, headers
    or body before it is sent."""

    def __init__(self, app: ASGIApp, rewrite: Rewrite) -> None:
        self.app = app
        self.rewrite = rewrite

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                await self._send(scope, send, start, b"".join(chunks))

        await self.app(scope, receive, capture)

    async def _send(
        self, scope: Scope, send: Send, start: Message, body: bytes
    ) -> None:
        status, headers, body = self.rewrite(
            scope, start["status"], list(start["headers"]), body
        )
        headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        await send(
            {"type": "http.response.start", "status": status, "headers": headers}
        )
        await send({"type": "http.response.body", "body": body})


class RewriteRequestHeaders:
    """Lets ``rewrite`` change the headers of each request before the app sees them."""

    def __init__(self, app: ASGIApp, rewrite: Callable[[Headers], Headers]) -> None:
        self.app = app
        self.rewrite = rewrite

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            scope = dict(scope, headers=self.rewrite(list(scope["headers"])))
        await self.app(scope, receive, send)


def _json_rewrite(change: Callable[[Any], None]) -> Rewrite:
    """A response rewrite that changes the JSON body of successful answers."""

    def rewrite(
        scope: Scope, status: int, headers: Headers, body: bytes
    ) -> tuple[int, Headers, bytes]:
        if status != 200 or not body:
            return status, headers, body
        document = json.loads(body)
        change(document)
        return status, headers, json.dumps(document).encode()

    return rewrite


def _codes_of(document: Any) -> list[dict[str, Any]]:
    if isinstance(document, dict) and isinstance(document.get("items"), list):
        return [item for item in document["items"] if isinstance(item, dict)]
    return [document] if isinstance(document, dict) else []


def _forget_inheritance(document: Any) -> None:
    """Services that took All's type are answered as notUsed instead."""
    for code in _codes_of(document):
        entries = code.get("scheduleStartCodes") or []
        inherited = next((e["type"] for e in entries if e["service"] == "All"), None)
        for entry in entries:
            if entry["service"] != "All" and entry["type"] == inherited:
                entry["type"] = "notUsed"


def _drop_id(document: Any) -> None:
    for code in _codes_of(document):
        code.pop("id", None)


def _created_as_201(
    scope: Scope, status: int, headers: Headers, body: bytes
) -> tuple[int, Headers, bytes]:
    return (
        (201 if scope["method"] == "POST" and status == 200 else status),
        headers,
        body,
    )


def _plain_text_errors(
    scope: Scope, status: int, headers: Headers, body: bytes
) -> tuple[int, Headers, bytes]:
    if status < 400:
        return status, headers, body
    kept = [(k, v) for k, v in headers if k.lower() != b"content-type"]
    kept.append((b"content-type", b"text/plain; charset=utf-8"))
    return status, kept, f"error {status}".encode()


def _everyone_is_admin(headers: Headers) -> Headers:
    kept = [(k, v) for k, v in headers if k.lower() != b"authorization"]
    return [*kept, (b"authorization", f"Bearer {ADMIN_TOKEN}".encode())]


def _everything_is_json(headers: Headers) -> Headers:
    kept = [(k, v) for k, v in headers if k.lower() != b"content-type"]
    return [*kept, (b"content-type", b"application/json")]


@dataclass(frozen=True)
class Variant:
    """A faulty server, and a test of the suite that must catch its fault."""

    build: Callable[[], ASGIApp]
    caught_by: str


def _rule_left_out(rule: str) -> Variant:
    return Variant(lambda: without_checker(rule), f"test_create_refuses[{rule}-")


VARIANTS: Final[dict[str, Variant]] = {
    "S1: missing fields accepted": Variant(
        lambda: loosened(_drop("", "required")), "[S1-without-name]"
    ),
    "S2: name length unchecked": Variant(
        lambda: loosened(_drop("name", "maxLength")), "[S2-name-of-121]"
    ),
    "S3: empty siteUrl not refused as such": Variant(
        lambda: loosened(_drop("siteUrl", "minLength")), "[S3-empty-site]"
    ),
    "S4: option value length unchecked": Variant(
        lambda: loosened(_loose_option_value), "[S4-value-of-121]"
    ),
    "S5: any inputMode accepted": Variant(
        lambda: loosened(_drop("inputMode", "enum")), "[S5-unknown-input-mode]"
    ),
    "S6: any hostProfileCode accepted": Variant(
        lambda: loosened(_drop("hostProfileCode", "enum")),
        "[S6-unknown-host-profile-code]",
    ),
    "S7: any service accepted": Variant(
        lambda: loosened(_loose_service), "[S7-unknown-service]"
    ),
    **{
        f"{rule}: rule left out": _rule_left_out(rule)
        for rule in ("R1", "R2", "R3", "R4", "R5", "R6", "R7")
    },
    "wrong effective types in the response": Variant(
        lambda: RewriteResponses(create_app(), _json_rewrite(_forget_inheritance)),
        "reads_back[all-inherited]",
    ),
    "no id in the response": Variant(
        lambda: RewriteResponses(create_app(), _json_rewrite(_drop_id)),
        "reads_back[vendor-example]",
    ),
    "201 instead of 200": Variant(
        lambda: RewriteResponses(create_app(), _created_as_201),
        "reads_back[vendor-example]",
    ),
    "500 on a valid editableSelect": Variant(
        lambda: with_store(FailsOnEditableSelect()),
        "reads_back[input-mode-editable-select]",
    ),
    "no authentication": Variant(
        lambda: RewriteRequestHeaders(create_app(), _everyone_is_admin),
        "test_create_without_a_token_is_unauthorized",
    ),
    "plain-text error bodies": Variant(
        lambda: RewriteResponses(create_app(), _plain_text_errors),
        "test_create_refuses[S2-empty-name]",
    ),
    "no 415 for other media types": Variant(
        lambda: RewriteRequestHeaders(create_app(), _everything_is_json),
        "test_create_in_another_media_type_is_unsupported",
    ),
    "delete that deletes nothing": Variant(
        lambda: with_store(DeleteDeletesNothing()),
        "reads_back[vendor-example]",
    ),
    "get that cannot find what was created": Variant(
        lambda: with_store(GetFindsNothing()), "reads_back[vendor-example]"
    ),
}
