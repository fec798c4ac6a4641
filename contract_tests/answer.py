"""One HTTP answer, whichever client received it.

The suite's own requests come back as ``requests`` responses, schemathesis's
as its own response type; both become an :class:`Answer`, so that every check
and every failure message reads one shape.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import requests
from requests.structures import CaseInsensitiveDict


@dataclass(frozen=True)
class Answer:
    """The status, headers and body of a response, with the request behind it."""

    status_code: int
    headers: CaseInsensitiveDict[str]
    content: bytes
    request: requests.PreparedRequest
    reason: str = ""

    @classmethod
    def of(cls, response: Any) -> Answer:
        """An answer from a requests or a schemathesis response."""
        if isinstance(response, requests.Response):
            headers = CaseInsensitiveDict(response.headers)
            return cls(
                response.status_code,
                headers,
                response.content,
                response.request,
                response.reason or "",
            )
        joined = {name: ", ".join(values) for name, values in response.headers.items()}
        return cls(
            response.status_code,
            CaseInsensitiveDict(joined),
            response.content,
            response.request,
            getattr(response, "message", ""),
        )

    @property
    def text(self) -> str:
        """The body decoded as UTF-8, undecodable bytes replaced."""
        return self.content.decode("utf-8", "replace")

    @property
    def media_type(self) -> str:
        """The Content-Type without its parameters, lower-cased."""
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()

    def json(self) -> Any:
        """The body parsed as JSON; raises ValueError when it is not JSON."""
        return json.loads(self.content)
