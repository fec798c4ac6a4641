"""From request bytes to a JSON object, or to a 4xx that says what is wrong.

The steps run in the contract's order: media type (415), size (413), UTF-8
(400), JSON syntax with line and column (400), then the limits that keep the
rest of the server safe (400): no ``NaN`` or ``Infinity`` (not JSON), no
number too large for a double, at most :data:`MAX_DEPTH` levels of nesting,
and no lone surrogate escape such as ``"\\ud800"``. A lone surrogate encodes
no Unicode character, so a string holding one could neither be validated nor
sent back as UTF-8; it is refused with the place where it occurs.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any, Final

from starlette.requests import ClientDisconnect
from starlette.types import Receive

from tracking_codes.server import errors
from tracking_codes.violations import pointer

MAX_BODY_BYTES: Final = 1024 * 1024
MAX_DEPTH: Final = 64
_UTF8_CHARSETS: Final = frozenset({"utf-8", "utf8"})
_LONE_SURROGATE_ESCAPE: Final = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE: Final = re.compile("[\ud800-\udfff]")

Path = tuple[str | int, ...]


def require_json(content_type: str | None) -> None:
    """Refuse (415) a body not sent as ``application/json``, UTF-8 if a charset."""
    if content_type is None:
        raise errors.wrong_media_type(content_type)
    media_type, _, parameters = content_type.partition(";")
    if media_type.strip().lower() != errors.JSON_MEDIA_TYPE:
        raise errors.wrong_media_type(content_type)
    charset = _charset(parameters)
    if charset is not None and charset not in _UTF8_CHARSETS:
        raise errors.wrong_media_type(content_type)


def _charset(parameters: str) -> str | None:
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return None


async def read_bounded(
    receive: Receive, declared: str | None, limit: int = MAX_BODY_BYTES
) -> bytes:
    """The whole body from ASGI ``receive``, refused (413) once past ``limit`` bytes.

    ``declared`` is the Content-Length header: a body announced as too large
    is refused before a byte of it is read, and one that turns out too large
    is never held past the limit.
    """
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise errors.body_too_large(limit)
    parts: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect()
        chunk: bytes = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise errors.body_too_large(limit)
        parts.append(chunk)
        if not message.get("more_body", False):
            return b"".join(parts)


def parse_object(raw: bytes) -> dict[str, Any]:
    """The JSON object in ``raw``, or a 400 that says where it went wrong."""
    value = parse_json(raw)
    if not isinstance(value, dict):
        raise errors.bad_body(
            f"the body is JSON but {_kind(value)}; send a JSON object"
        )
    return value


def parse_json(raw: bytes) -> Any:
    """The JSON value in ``raw``, within the limits the module describes."""
    value = _load(_decode(raw))
    if raw.count(b"[") + raw.count(b"{") > MAX_DEPTH:
        _check_depth(value)
    if _LONE_SURROGATE_ESCAPE.search(raw):
        _check_surrogates(value)
    return value


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise errors.bad_body(
            f"the body is not UTF-8: byte {error.start} (0x{raw[error.start]:02x}, "
            f"line {line}) {error.reason}; send the body encoded as UTF-8"
        ) from None


def _load(text: str) -> Any:
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as error:
        raise errors.bad_body(
            f"the body is not valid JSON: {error.msg} at line {error.lineno}, "
            f"column {error.colno}"
        ) from None
    except RecursionError:
        raise _too_deep() from None
    except ValueError:
        raise errors.bad_body(
            "the body holds a number with too many digits to read; "
            "send numbers of at most 4300 digits"
        ) from None


def _no_constant(name: str) -> Any:
    """Refuse ``NaN``, ``Infinity`` and ``-Infinity``, which Python reads by default."""
    raise errors.bad_body(
        f"the body holds {name}, which is not JSON; send a number or null"
    )


def _finite(text: str) -> float:
    """A number as a double, refusing one too large to be held (``1e400``)."""
    number = float(text)
    if math.isinf(number):
        raise errors.bad_body(
            f"the number {text[:40]} is too large for a double; send a smaller one"
        )
    return number


_DECODER: Final = json.JSONDecoder(parse_constant=_no_constant, parse_float=_finite)


def _check_depth(value: Any) -> None:
    for path, node in _walk(value):
        if len(path) >= MAX_DEPTH and isinstance(node, dict | list):
            raise _too_deep()


def _too_deep() -> errors.ApiError:
    return errors.bad_body(
        f"the body is nested more than {MAX_DEPTH} levels deep; "
        "a tracking code needs 3 levels"
    )


def _check_surrogates(value: Any) -> None:
    for path, node in _walk(value):
        names = [node] if isinstance(node, str) else list(_keys(node))
        if any(_SURROGATE.search(name) for name in names):
            raise errors.bad_body(
                f"{pointer(*path) or '(body)'} holds a lone surrogate escape "
                "(\\ud800 to \\udfff without its pair), which encodes no "
                "character; send the character itself or a complete pair"
            )


def _keys(node: Any) -> Iterator[str]:
    return iter(node) if isinstance(node, dict) else iter(())


def _walk(value: Any) -> Iterator[tuple[Path, Any]]:
    """Every value in a parsed document with its path, without recursion."""
    pending: list[tuple[Path, Any]] = [((), value)]
    while pending:
        path, node = pending.pop()
        yield path, node
        if isinstance(node, dict):
            pending.extend(((*path, key), item) for key, item in node.items())
        elif isinstance(node, list):
            pending.extend(((*path, index), item) for index, item in enumerate(node))


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return "a number"
