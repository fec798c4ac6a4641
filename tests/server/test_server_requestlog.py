"""One log line per request, with its trackingId and never the token; the 500 guard."""

from __future__ import annotations

import logging
import re
from typing import Any

import httpx
import pytest
from serverkit import PATH, assert_error_shape, text_body, wait_for

from tracking_codes.server.app import create_app
from tracking_codes.server.config import parse_config
from tracking_codes.server.requestlog import LOGGER_NAME
from tracking_codes.server.runner import running_server
from tracking_codes.server.store import TrackingCode, TrackingCodeStore

LINE = re.compile(
    r"^(?P<method>[A-Z]+) (?P<path>\S+) (?P<status>\d{3}) "
    r"(?P<ms>\d+\.\d)ms trackingId=(?P<id>\S+)$"
)
SECRET = "s3cret-admin-token"
CONFIG_TOKENS = {"Authorization": f"Bearer {SECRET}"}


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """The captured log, with the request logger's INFO lines in it."""
    caplog.set_level(logging.INFO, logger=LOGGER_NAME)
    return caplog


def lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The request lines captured so far."""
    return [r.getMessage() for r in caplog.records if r.name == LOGGER_NAME]


def test_each_request_logs_one_line_with_its_facts(
    admin: httpx.Client, logs: pytest.LogCaptureFixture
) -> None:
    responses = [
        admin.post(PATH, json=text_body()),
        admin.get(PATH, params={"siteUrl": "example.webex.com"}),
        admin.patch(PATH),
        admin.get("/nowhere"),
    ]
    wait_for(lambda: len(lines(logs)) >= len(responses))
    logged = [LINE.match(line) for line in lines(logs)]
    assert all(logged), lines(logs)
    facts = [(m["method"], m["path"], int(m["status"]), m["id"]) for m in logged if m]
    assert facts == [
        (r.request.method, r.request.url.path, r.status_code, r.headers["trackingid"])
        for r in responses
    ]


def test_the_query_string_is_not_logged(
    admin: httpx.Client, logs: pytest.LogCaptureFixture
) -> None:
    admin.get(PATH, params={"siteUrl": "example.webex.com"})
    wait_for(lambda: len(lines(logs)) == 1)
    assert "siteUrl" not in lines(logs)[0]


def test_control_characters_in_the_path_stay_escaped(
    admin: httpx.Client, logs: pytest.LogCaptureFixture
) -> None:
    admin.get(PATH + "/a%0Ab")
    wait_for(lambda: len(lines(logs)) == 1)
    assert "\n" not in lines(logs)[0]
    assert "a%0Ab" in lines(logs)[0]


def test_the_token_never_reaches_the_log(logs: pytest.LogCaptureFixture) -> None:
    config_text = (
        "sites: [{url: example.webex.com, managed_by: control-hub}]\n"
        f"tokens: [{{token: {SECRET}, admin: true}}]\n"
    )
    app = create_app(parse_config(config_text, "secret"))
    with running_server(app) as url, httpx.Client(base_url=url) as client:
        client.post(PATH, json=text_body(), headers=CONFIG_TOKENS)
        client.get(PATH, params={"token": SECRET}, headers=CONFIG_TOKENS)
        client.post(PATH, content=b"{", headers={"Authorization": "Bearer wrong"})
        wait_for(lambda: len(lines(logs)) >= 3)
    everything = logs.text + "".join(lines(logs))
    assert SECRET not in everything
    assert "wrong" not in everything


class FailingStore(TrackingCodeStore):
    """A store with a bug: every create raises."""

    def create(self, site_url: str, code: TrackingCode) -> TrackingCode:
        raise RuntimeError("a bug in the store")


def test_an_unexpected_exception_is_a_500_in_the_error_shape_and_logged(
    logs: pytest.LogCaptureFixture,
) -> None:
    app = create_app(store=FailingStore())
    headers: dict[str, Any] = {"Authorization": "Bearer admin-token"}
    with running_server(app) as url, httpx.Client(base_url=url) as client:
        response = client.post(PATH, json=text_body(), headers=headers)
        wait_for(lambda: any(" 500 " in line for line in lines(logs)))
    assert response.status_code == 500
    assert_error_shape(response)
    errors = [r for r in logs.records if r.levelno == logging.ERROR]
    assert errors and errors[0].exc_info is not None
