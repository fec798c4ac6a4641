"""Servers built from faulty parts behave as those parts do: the app holds no rule.

These are the servers the contract suite's own tests need, to prove that it
notices a fault; here they prove that every decision goes through the
engine and the store given to ``create_app``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from serverkit import ADMIN, MAPPED, PATH, text_body

from tracking_codes.engine import Engine
from tracking_codes.resources import REQUEST_SCHEMA, load_schema
from tracking_codes.rules import CHECKERS
from tracking_codes.server.app import create_app
from tracking_codes.server.runner import running_server
from tracking_codes.server.store import TrackingCodeStore


@contextmanager
def client_of(**parts: Any) -> Iterator[httpx.Client]:
    """A client of a server built from ``parts`` (engine=..., store=...)."""
    with (
        running_server(create_app(**parts)) as url,
        httpx.Client(base_url=url, headers=ADMIN) as client,
    ):
        yield client


def without(rule_id: str) -> Engine:
    return Engine(checkers={k: v for k, v in CHECKERS.items() if k != rule_id})


def test_a_server_without_r2_accepts_required_on_a_control_hub_site() -> None:
    with client_of(engine=without("R2")) as client:
        response = client.post(PATH, json=text_body(hostProfileCode="required"))
    assert response.status_code == 200


def test_a_server_without_r6_creates_on_a_mapped_site() -> None:
    with client_of(engine=without("R6")) as client:
        response = client.post(PATH, json=text_body(siteUrl=MAPPED))
    assert response.status_code == 200


def test_a_loosened_schema_lets_a_body_without_a_name_through() -> None:
    schema = load_schema(REQUEST_SCHEMA)
    schema["required"] = ["siteUrl"]
    with client_of(engine=Engine(schema)) as client:
        body = {k: v for k, v in text_body().items() if k != "name"}
        response = client.post(PATH, json=body)
    assert response.status_code == 200
    assert response.json()["name"] is None


def test_a_schema_without_any_rule_still_needs_a_known_site() -> None:
    engine = Engine({"type": "object"}, checkers={})
    with client_of(engine=engine) as client:
        responses = [client.post(PATH, json=body) for body in ({}, {"siteUrl": 7})]
    assert [r.status_code for r in responses] == [404, 404]


class ForgetfulStore(TrackingCodeStore):
    """A store whose delete answers yes and keeps the code."""

    def delete(self, site_url: str, code_id: str) -> bool:
        return self.get(site_url, code_id) is not None


def test_a_store_whose_delete_forgets_keeps_the_code_visible() -> None:
    with client_of(store=ForgetfulStore()) as client:
        code_id = client.post(PATH, json=text_body()).json()["id"]
        deleted = client.delete(f"{PATH}/{code_id}")
        fetched = client.get(f"{PATH}/{code_id}")
    assert (deleted.status_code, fetched.status_code) == (204, 200)


def broken(body: Any, site: Any) -> Iterator[Any]:
    """A rule checker with a bug: it raises on every body."""
    raise TypeError("a bug in a rule")
    yield


def test_an_engine_that_raises_still_gets_malformed_bodies_a_400() -> None:
    engine = Engine(checkers=dict(CHECKERS) | {"R3": broken})
    with client_of(engine=engine) as client:
        response = client.post(PATH, json=text_body(hostProfileCode=[]))
    assert response.status_code == 400
    assert response.json()["errors"][0]["description"].endswith("(S6)")


def test_an_engine_that_raises_on_a_valid_body_is_a_500() -> None:
    engine = Engine(checkers=dict(CHECKERS) | {"R3": broken})
    with client_of(engine=engine) as client:
        response = client.post(PATH, json=text_body())
    assert response.status_code == 500
