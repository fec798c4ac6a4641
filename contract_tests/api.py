"""The five operations of the contract, as calls a test can read at a glance."""

from __future__ import annotations

import json
from typing import Any, Final

from contract_tests.answer import Answer
from contract_tests.session import ContractSession, collection_url, item_url
from contract_tests.target import Target

#: Pass as ``token`` to send a request with no Authorization header at all.
NO_TOKEN: Final = ""
JSON: Final = "application/json"


class TrackingCodesApi:
    """Requests to the implementation under test, authenticated as asked."""

    def __init__(self, session: ContractSession, target: Target) -> None:
        self.session = session
        self.target = target

    def create(self, body: Any, **options: Any) -> Answer:
        """POST a body to the collection."""
        return self.send("POST", collection_url(self.target.base_url), body, **options)

    def update(self, code_id: str, body: Any, **options: Any) -> Answer:
        """PUT a body to one tracking code."""
        url = item_url(self.target.base_url, code_id)
        return self.send("PUT", url, body, **options)

    def get(self, code_id: str, site_url: str, **options: Any) -> Answer:
        """GET one tracking code of a site."""
        url = item_url(self.target.base_url, code_id)
        return self.send("GET", url, params={"siteUrl": site_url}, **options)

    def list(self, site_url: str, **options: Any) -> Answer:
        """GET every tracking code of a site."""
        url = collection_url(self.target.base_url)
        return self.send("GET", url, params={"siteUrl": site_url}, **options)

    def delete(self, code_id: str, site_url: str, **options: Any) -> Answer:
        """DELETE one tracking code of a site."""
        url = item_url(self.target.base_url, code_id)
        return self.send("DELETE", url, params={"siteUrl": site_url}, **options)

    def send(
        self,
        method: str,
        url: str,
        body: Any = None,
        *,
        token: str | None = None,
        raw: bytes | None = None,
        content_type: str | None = JSON,
        params: dict[str, str] | None = None,
    ) -> Answer:
        """One request: a JSON body (or ``raw`` bytes), as the given token.

        ``token=None`` means the admin token; ``NO_TOKEN`` sends none.
        """
        headers = self._auth(token)
        data = raw if raw is not None else _encode(body)
        if data is not None and content_type:
            headers["Content-Type"] = content_type
        response = self.session.request(
            method, url, data=data, headers=headers, params=params
        )
        return Answer.of(response)

    def _auth(self, token: str | None) -> dict[str, str]:
        chosen = self.target.require("token") if token is None else token
        return {"Authorization": f"Bearer {chosen}"} if chosen else {}


def _encode(body: Any) -> bytes | None:
    if body is None:
        return None
    return json.dumps(body, ensure_ascii=False).encode("utf-8")
