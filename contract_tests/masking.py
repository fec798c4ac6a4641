"""Keeping tokens out of every line the suite prints or writes."""

from __future__ import annotations

from collections.abc import Iterable

MASK = "***"


def mask(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret replaced by a fixed mask.

    Longer secrets go first, so a token that contains another is masked whole.
    """
    for secret in sorted(set(secrets), key=len, reverse=True):
        if secret:
            text = text.replace(secret, MASK)
    return text


def mask_authorization(value: str) -> str:
    """An Authorization header value with its credentials hidden."""
    scheme, _, credentials = value.partition(" ")
    return f"{scheme} {MASK}" if credentials else MASK
