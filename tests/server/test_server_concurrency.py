"""Parallel clients: 8 threads create 200 tracking codes each, read and delete them.

Each thread holds its own keep-alive connection through the standard
library's ``http.client``, which is light enough that the 6,400 requests
take a few seconds on two cores.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar
from urllib.parse import urlsplit

import pytest
from serverkit import ADMIN, JSON, PATH, SITE_ADMIN, text_body

from tracking_codes.server.app import create_app
from tracking_codes.server.runner import running_server

CLIENTS = 8
EACH = 200
Result = TypeVar("Result")


class Client:
    """One keep-alive connection to the server, speaking JSON with the admin token."""

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self._prefix = parts.path
        self._connection = http.client.HTTPConnection(parts.netloc, timeout=30)

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        content = None if body is None else json.dumps(body).encode("utf-8")
        headers = ADMIN | JSON if content is not None else ADMIN
        self._connection.request(method, self._prefix + path, content, headers)
        response = self._connection.getresponse()
        raw = response.read()
        return response.status, json.loads(raw) if raw else None

    def close(self) -> None:
        self._connection.close()


@pytest.fixture(scope="module")
def fresh_url() -> Iterator[str]:
    """A server of its own, so that the counts on the site are exact."""
    with running_server(create_app()) as url:
        yield url


def in_parallel(url: str, work: Callable[[Client, int], Result]) -> list[Result]:
    """``work(client, n)`` for n in 0..CLIENTS-1, each on its own thread and client."""

    def run(n: int) -> Result:
        client = Client(url)
        try:
            return work(client, n)
        finally:
            client.close()

    with ThreadPoolExecutor(CLIENTS) as pool:
        return list(pool.map(run, range(CLIENTS)))


def create_many(client: Client, n: int) -> list[str]:
    ids = []
    for i in range(EACH):
        body = text_body(siteUrl=SITE_ADMIN, name=f"client {n} code {i}")
        status, code = client.call("POST", PATH, body)
        assert status == 200, code
        ids.append(code["id"])
    return ids


def listed(url: str) -> list[Any]:
    client = Client(url)
    status, document = client.call("GET", f"{PATH}?siteUrl={SITE_ADMIN}")
    client.close()
    assert status == 200
    items: list[Any] = document["items"]
    return items


def test_parallel_creates_are_unique_retrievable_listed_and_deletable(
    fresh_url: str,
) -> None:
    batches = in_parallel(fresh_url, create_many)
    ids = [code_id for batch in batches for code_id in batch]
    assert len(set(ids)) == len(ids) == CLIENTS * EACH

    def each_code(method: str) -> Callable[[Client, int], set[int]]:
        def work(client: Client, n: int) -> set[int]:
            urls = (f"{PATH}/{code_id}?siteUrl={SITE_ADMIN}" for code_id in batches[n])
            return {client.call(method, url)[0] for url in urls}

        return work

    assert set().union(*in_parallel(fresh_url, each_code("GET"))) == {200}
    listed_ids = [code["id"] for code in listed(fresh_url)]
    assert len(listed_ids) == CLIENTS * EACH
    assert set(listed_ids) == set(ids)
    assert set().union(*in_parallel(fresh_url, each_code("DELETE"))) == {204}
    assert listed(fresh_url) == []
