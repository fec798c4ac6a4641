"""Request bytes that are not a readable JSON object get a clear 4xx, never a 5xx."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from serverkit import as_json, assert_error_shape, post_raw, text_body
from starlette.requests import ClientDisconnect

from tracking_codes.server import bodies
from tracking_codes.server.errors import ApiError

MIB = 1024 * 1024


def with_name(raw_name: bytes) -> bytes:
    """A valid body whose name is replaced by raw JSON text."""
    return as_json(text_body(name="@")).replace(b'"@"', raw_name)


def nested(depth: int, inner: bytes = b"1") -> bytes:
    return b"[" * depth + inner + b"]" * depth


BAD_BODIES = [
    # syntax: 400 with where it went wrong
    ("truncated", b'{"name": "a",\n "siteUrl": ', "line 2, column"),
    ("single quotes", b"{'name': 'a'}", "line 1, column 2"),
    ("empty", b"", "line 1, column 1"),
    ("trailing garbage", as_json(text_body()) + b"x", "Extra data"),
    ("byte order mark", b"\xef\xbb\xbf" + as_json(text_body()), "line 1, column 1"),
    # not an object
    ("array", b"[]", "an array"),
    ("string", b'"tracking code"', "a string"),
    ("number", b"12", "a number"),
    ("null", b"null", "null"),
    # not UTF-8
    ("invalid UTF-8", with_name(b'"\xff"'), "not UTF-8"),
    ("UTF-16", as_json(text_body()).decode().encode("utf-16"), "not UTF-8"),
    ("overlong encoding", with_name(b'"\xc0\xaf"'), "not UTF-8"),
    # numbers JSON does not have, or a double cannot hold
    ("NaN", with_name(b"NaN"), "NaN"),
    ("Infinity", with_name(b"-Infinity"), "-Infinity"),
    ("1e400", with_name(b"1e400"), "too large"),
    ("5000 digits", with_name(b"1" * 5000), "too many digits"),
    # nesting
    ("100,000 levels", nested(100_000), "nested"),
    ("65 levels", nested(65), "nested"),
    ("deep inside a field", with_name(nested(300)), "nested"),
    ("deep objects", b'{"a":' * 5000 + b"1" + b"}" * 5000, "nested"),
    # lone surrogates, which encode no character
    ("lone high surrogate", with_name(b'"\\ud800"'), "/name holds a lone surrogate"),
    ("lone low surrogate", with_name(b'"a\\uDFFFb"'), "lone surrogate"),
    ("reversed pair", with_name(b'"\\ude00\\ud83d"'), "lone surrogate"),
    (
        "surrogate in a key",
        as_json(text_body()).replace(b'{"', b'{"\\ud800": 1, "'),
        "lone surrogate",
    ),
    (
        "surrogate in an enum",
        as_json(text_body()).replace(b'"text"', b'"\\udbff"'),
        "/inputMode",
    ),
]


@pytest.mark.parametrize(
    ("content", "words"),
    [case[1:] for case in BAD_BODIES],
    ids=[case[0] for case in BAD_BODIES],
)
def test_an_unreadable_body_answers_400_saying_why(
    admin: httpx.Client, content: bytes, words: str
) -> None:
    response = post_raw(admin, content)
    assert response.status_code == 400, response.text
    assert_error_shape(response)
    assert words in response.json()["errors"][0]["description"]


GOOD_BODIES = [
    # odd but readable: accepted and answered back exactly
    ("a surrogate pair", with_name(b'"\\ud83d\\ude00"'), "\U0001f600"),
    ("an escaped backslash before u", with_name(b'"\\\\ud800"'), "\\ud800"),
    ("a NUL character", with_name(b'"a\\u0000b"'), "a\x00b"),
    ("non-ASCII text", with_name('"Größe 名前"'.encode()), "Größe 名前"),
    ("a line separator", with_name('"a\u2028b"'.encode()), "a\u2028b"),
]


@pytest.mark.parametrize(
    ("content", "name"),
    [case[1:] for case in GOOD_BODIES],
    ids=[case[0] for case in GOOD_BODIES],
)
def test_odd_but_valid_text_round_trips_exactly(
    admin: httpx.Client, content: bytes, name: str
) -> None:
    response = post_raw(admin, content)
    assert response.status_code == 200, response.text
    assert response.json()["name"] == name


def test_64_levels_of_nesting_are_read(admin: httpx.Client) -> None:
    content = as_json(text_body()).replace(b'{"', b'{"deep": ' + nested(63) + b', "')
    assert post_raw(admin, content).status_code == 200


def test_huge_numbers_in_fields_are_rule_violations(admin: httpx.Client) -> None:
    response = post_raw(admin, with_name(b"1" + b"0" * 30))
    assert response.status_code == 400
    assert response.json()["errors"][0]["description"].endswith("(S2)")


@pytest.mark.parametrize("size", [MIB + 1, 2 * MIB, 20 * MIB])
def test_a_body_over_one_mebibyte_answers_413(admin: httpx.Client, size: int) -> None:
    response = post_raw(admin, b" " * size)
    assert response.status_code == 413
    assert_error_shape(response)


def test_a_chunked_body_over_one_mebibyte_answers_413(admin: httpx.Client) -> None:
    chunks = (b" " * 65536 for _ in range(20))
    response = admin.post(
        "/admin/meeting/config/trackingCodes",
        content=chunks,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413


def test_a_body_of_exactly_one_mebibyte_is_read(admin: httpx.Client) -> None:
    content = as_json(text_body())
    response = post_raw(admin, content + b" " * (MIB - len(content)))
    assert response.status_code == 200


# --- the steps on their own ------------------------------------------------


class Receive:
    """An ASGI ``receive`` that hands out body chunks and counts them."""

    def __init__(self, *chunks: bytes) -> None:
        self.chunks = list(chunks)
        self.taken = 0

    async def __call__(self) -> dict[str, Any]:
        self.taken += 1
        if not self.chunks:
            return {"type": "http.disconnect"}
        chunk = self.chunks.pop(0)
        return {"type": "http.request", "body": chunk, "more_body": bool(self.chunks)}


def test_reading_stops_at_the_first_chunk_past_the_limit() -> None:
    receive = Receive(b"ab", b"cd", b"ef")
    with pytest.raises(ApiError) as refused:
        asyncio.run(bodies.read_bounded(receive, None, limit=3))
    assert refused.value.status == 413
    assert receive.taken == 2


def test_a_declared_length_over_the_limit_is_refused_unread() -> None:
    receive = Receive(b"x")
    with pytest.raises(ApiError) as refused:
        asyncio.run(bodies.read_bounded(receive, str(MIB + 1)))
    assert refused.value.status == 413
    assert receive.taken == 0


def test_a_body_within_the_limit_is_read_whole() -> None:
    body = asyncio.run(bodies.read_bounded(Receive(b"ab", b"c"), "3", 3))
    assert body == b"abc"


def test_a_client_that_goes_away_before_the_end_is_noticed() -> None:
    with pytest.raises(ClientDisconnect):
        asyncio.run(bodies.read_bounded(Receive(), None))


@pytest.mark.parametrize(
    "content_type", [None, "text/json", "application/json; charset=utf-16"]
)
def test_require_json_refuses_other_media_types(content_type: str | None) -> None:
    with pytest.raises(ApiError) as refused:
        bodies.require_json(content_type)
    assert refused.value.status == 415


def test_parse_object_returns_the_object() -> None:
    assert bodies.parse_object(b'{"a": [1, 2.5, null]}') == {"a": [1, 2.5, None]}
