"""Who may call: the bearer token (401), its rate limit (429), its role (403).

Tokens are looked up, never logged or echoed: a message says that a token is
unknown, not which one was sent.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Mapping

from tracking_codes.server import errors
from tracking_codes.server.config import RateLimit, TokenPolicy

Clock = Callable[[], float]


class RateLimiter:
    """Fixed windows per token: at most ``requests`` in each ``per_seconds``.

    A window opens with a token's first request and closes ``per_seconds``
    later; a request past the limit is told how many whole seconds remain.
    """

    def __init__(self, clock: Clock = time.monotonic) -> None:
        self._clock = clock
        self._windows: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def retry_after(self, token: str, limit: RateLimit) -> int | None:
        """Count one request; ``None`` if allowed, else the seconds to wait."""
        now = self._clock()
        with self._lock:
            opened, count = self._windows.get(token, (now, 0))
            if now - opened >= limit.per_seconds:
                opened, count = now, 0
            if count >= limit.requests:
                return max(1, math.ceil(opened + limit.per_seconds - now))
            self._windows[token] = (opened, count + 1)
        return None


class Gate:
    """Admits a request by its ``Authorization`` header, or raises the 4xx."""

    def __init__(
        self, tokens: Mapping[str, TokenPolicy], limiter: RateLimiter | None = None
    ) -> None:
        self._tokens = tokens
        self._limiter = limiter or RateLimiter()

    def admit(self, authorization: str | None) -> TokenPolicy:
        """The caller's policy, if known, within its limit and an administrator."""
        token = bearer_token(authorization)
        policy = self._tokens.get(token)
        if policy is None:
            raise errors.unknown_token()
        if policy.rate_limit is not None:
            wait = self._limiter.retry_after(token, policy.rate_limit)
            if wait is not None:
                raise errors.rate_limited(wait)
        if not policy.admin:
            raise errors.not_admin()
        return policy


def bearer_token(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer TOKEN`` header, or a 401."""
    if authorization is None:
        raise errors.no_token()
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise errors.no_token()
    return token.strip()
