"""Tokens and rate limits: 401, 403 and 429 with Retry-After."""

from __future__ import annotations

import httpx
import pytest
from serverkit import ADMIN, PATH, USER, assert_error_shape

from tracking_codes.server.access import Gate, RateLimiter, bearer_token
from tracking_codes.server.app import create_app
from tracking_codes.server.config import RateLimit, TokenPolicy, parse_config
from tracking_codes.server.errors import ApiError
from tracking_codes.server.runner import running_server

LIMITED = """
sites: [{url: example.webex.com, managed_by: control-hub}]
tokens:
  - {token: admin-token, admin: true}
  - {token: user-token, admin: false}
rate_limit: {requests: 3, per_seconds: 30}
"""


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_limiter_allows_the_limit_then_says_how_long_to_wait() -> None:
    clock = Clock()
    limiter = RateLimiter(clock)
    limit = RateLimit(2, 10.0)
    assert limiter.retry_after("t", limit) is None
    clock.now += 2.5
    assert limiter.retry_after("t", limit) is None
    assert limiter.retry_after("t", limit) == 8


def test_a_new_window_opens_when_the_old_one_ends() -> None:
    clock = Clock()
    limiter = RateLimiter(clock)
    limit = RateLimit(1, 10.0)
    assert limiter.retry_after("t", limit) is None
    assert limiter.retry_after("t", limit) == 10
    clock.now += 10
    assert limiter.retry_after("t", limit) is None


def test_the_wait_is_at_least_one_second() -> None:
    clock = Clock()
    limiter = RateLimiter(clock)
    limit = RateLimit(1, 0.5)
    limiter.retry_after("t", limit)
    clock.now += 0.49
    assert limiter.retry_after("t", limit) == 1


def test_tokens_are_limited_separately() -> None:
    limiter = RateLimiter(Clock())
    limit = RateLimit(1, 10.0)
    assert limiter.retry_after("a", limit) is None
    assert limiter.retry_after("b", limit) is None


BEARERS = [
    ("Bearer abc", "abc"),
    ("bearer abc", "abc"),
    ("  Bearer   abc  ", "abc"),
]


@pytest.mark.parametrize(("header", "token"), BEARERS)
def test_the_bearer_token_is_read_from_the_header(header: str, token: str) -> None:
    assert bearer_token(header) == token


@pytest.mark.parametrize("header", [None, "", "Bearer", "Token abc", "abc"])
def test_a_header_without_a_bearer_token_is_401(header: str | None) -> None:
    with pytest.raises(ApiError) as refused:
        bearer_token(header)
    assert refused.value.status == 401


def test_the_gate_answers_401_then_403_for_the_right_callers() -> None:
    gate = Gate({"a": TokenPolicy(admin=True), "u": TokenPolicy(admin=False)})
    assert gate.admit("Bearer a").admin
    for header, status in (("Bearer x", 401), ("Bearer u", 403)):
        with pytest.raises(ApiError) as refused:
            gate.admit(header)
        assert refused.value.status == status


def test_a_server_answers_429_with_retry_after_past_the_limit() -> None:
    app = create_app(parse_config(LIMITED, "limited"))
    with running_server(app) as url, httpx.Client(base_url=url) as client:
        statuses = [client.get(PATH, headers=ADMIN).status_code for _ in range(4)]
        refused = client.get(PATH, headers=ADMIN)
        other = client.get(PATH, headers=USER)
    assert statuses == [200, 200, 200, 429]
    assert refused.status_code == 429
    assert_error_shape(refused)
    assert 1 <= int(refused.headers["retry-after"]) <= 30
    assert other.status_code == 403


def test_without_a_rate_limit_no_request_is_refused(admin: httpx.Client) -> None:
    statuses = {admin.get(PATH).status_code for _ in range(50)}
    assert statuses == {200}
