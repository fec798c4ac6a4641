"""Raw bytes at the create endpoint: never a 5xx, always the error shape on a 4xx."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from serverkit import ADMIN, JSON, PATH, assert_error_shape, text_body, vendor_body

from tracking_codes.vocabulary import FIELDS


@pytest.fixture(scope="module")
def client(server_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server_url, headers=ADMIN | JSON, timeout=30) as c:
        yield c


def check(client: httpx.Client, content: bytes) -> None:
    """Post ``content``: a 2xx or a 4xx in the error shape, nothing else."""
    response = client.post(PATH, content=content)
    assert response.status_code < 500, (content[:200], response.text)
    if response.status_code >= 400:
        assert_error_shape(response)


VALID = json.dumps(vendor_body()).encode()
WRONG_VALUES: tuple[object, ...] = (
    None,
    True,
    10**30,
    -1.5,
    "",
    "x" * 2000,
    [],
    [None],
    {},
    {"a": [[[]]]},
)
CRAFTED = [
    # syntax at the edges
    b"",
    b" ",
    b"{",
    b"}",
    b"{}",
    b"[]",
    b"null",
    b"\x00",
    b"\xff\xfe{\x00}\x00",
    b'{"name"}',
    b'{"name": }',
    b"{,}",
    b"{'a': 1}",
    b'{"a": 1,}',
    b"[" * 200_000,
    b'{"a": "' + b"\\" * 1001 + b'"}',
    b'{"a": "\\u12"}',
    b'{"a": "\\x41"}',
    # numbers
    b'{"name": -0}',
    b'{"name": 1e999}',
    b'{"name": -1e999}',
    b'{"name": 1e-999}',
    b'{"name": ' + b"9" * 4301 + b"}",
    b'{"name": 0.' + b"1" * 5000 + b"}",
    b'{"name": NaN}',
    b'{"name": Infinity}',
    b'{"name": 01}',
    b'{"name": .5}',
    # text
    b'{"name": "\\ud800\\ud800"}',
    b'{"name": "\\udc00"}',
    b'{"\\ud800": 1}',
    b'{"name": "\xed\xa0\x80"}',
    b'{"name": "\xf4\x90\x80\x80"}',
    b'{"name": "\xc3"}',
    # the valid body, cut and doubled
    VALID[: len(VALID) // 2],
    VALID + VALID,
    VALID.replace(b":", b"=", 1),
    # fields of every wrong type
    *[
        json.dumps(text_body(**{field: value})).encode()
        for field in FIELDS
        for value in WRONG_VALUES
    ],
]


@pytest.mark.parametrize("content", CRAFTED, ids=range(len(CRAFTED)))
def test_crafted_bytes_never_get_a_5xx(client: httpx.Client, content: bytes) -> None:
    check(client, content)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.binary(max_size=2048))
def test_random_bytes_never_get_a_5xx(client: httpx.Client, content: bytes) -> None:
    check(client, content)


@settings(max_examples=150, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_random_json_never_gets_a_5xx(client: httpx.Client, document: object) -> None:
    check(client, json.dumps(document).encode("utf-8", "surrogatepass"))


@settings(max_examples=150, deadline=None)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            field: st.none() | st.text(max_size=3) | st.sampled_from(values)
            for field, values in (
                ("name", ["Project"]),
                ("siteUrl", ["example.webex.com", "siteadmin.example.webex.com"]),
                ("inputMode", ["text", "select", "hostProfileSelect"]),
                ("hostProfileCode", ["optional", "required", "adminSet"]),
            )
        },
    ).map(lambda changes: text_body(**changes))
)
def test_near_valid_bodies_never_get_a_5xx(
    client: httpx.Client, body: dict[str, object]
) -> None:
    check(client, json.dumps(body, ensure_ascii=False).encode("utf-8", "surrogatepass"))
