"""The contract suite is safe to point at a real service: it cleans up all it
created and nothing else (in parallel too, and when interrupted), it waits
out rate limits instead of failing, and it never prints a token."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send
from suite_runs import (
    ROOT,
    Run,
    run_command,
    run_suite,
    suite_command,
    suite_environment,
)

from tracking_codes.engine import Engine
from tracking_codes.resources import load_openapi
from tracking_codes.rules import CHECKERS
from tracking_codes.server.app import create_app
from tracking_codes.server.codes import tracking_code
from tracking_codes.server.config import ServerConfig, parse_config
from tracking_codes.server.runner import running_server
from tracking_codes.server.store import TrackingCodeStore

CONTROL_HUB = "example.webex.com"


def secret_config(rate_limit: str = "") -> tuple[ServerConfig, list[str]]:
    """The built-in sites, with fresh secret tokens (and an optional limit)."""
    admin, user = (f"secret-{uuid.uuid4().hex}" for _ in range(2))
    text = f"""
sites:
  - {{url: {CONTROL_HUB}, managed_by: control-hub}}
  - {{url: siteadmin.example.webex.com, managed_by: site-admin}}
  - {{url: mapped.example.webex.com, managed_by: control-hub,
      tracking_codes_mapped: true}}
tokens:
  - {{token: {admin}, admin: true}}
  - {{token: {user}, admin: false}}
{rate_limit}
"""
    return parse_config(text, "test configuration"), [admin, user]


def vendor_code(name: str) -> dict[str, Any]:
    """The vendor's example as the server stores it, under another name."""
    body = load_openapi()["components"]["examples"]["trackingCodeRequest"]["value"]
    return tracking_code(body | {"name": name})


def remaining(store: TrackingCodeStore, config: ServerConfig) -> dict[str, list[str]]:
    """The names of the tracking codes left on each site."""
    return {site: [c["name"] for c in store.list(site)] for site in config.sites}


def assert_no_secret(run: Run, secrets: list[str]) -> None:
    for secret in secrets:
        assert secret not in run.output, "a token was printed"
        assert secret not in run.junit, "a token reached the JUnit XML"


def test_a_parallel_run_deletes_what_it_created_and_nothing_else(
    tmp_path: Path,
) -> None:
    config, secrets = secret_config()
    app = create_app(config)
    store: TrackingCodeStore = app.state.store
    store.create(CONTROL_HUB, vendor_code("someone else's"))
    store.create(CONTROL_HUB, vendor_code("ctk-0badc0de-left by another run"))

    run = run_suite(app, tmp_path / "junit.xml", config, extra=["-n", "2"])

    assert run.returncode == 0, run.output[-3000:]
    expected = {site: [] for site in config.sites}
    expected[CONTROL_HUB] = ["someone else's", "ctk-0badc0de-left by another run"]
    assert remaining(store, config) == expected
    assert_no_secret(run, secrets)


def test_failures_show_the_exchange_with_the_token_masked(tmp_path: Path) -> None:
    config, secrets = secret_config()
    checkers = {k: v for k, v in CHECKERS.items() if k != "R3"}
    app = create_app(config, engine=Engine(checkers=checkers))

    run = run_suite(app, tmp_path / "junit.xml", config, extra=["-k", "R3"])

    assert run.returncode == 1
    assert "Authorization: Bearer ***" in run.output
    assert "Rule:     R3: adminSet types go with hostProfileCode adminSet" in run.output
    assert '<property name="rule" value="R3"' in run.junit
    assert_no_secret(run, secrets)


def test_an_interrupted_run_still_cleans_up(tmp_path: Path) -> None:
    config, _ = secret_config()
    app = create_app(config)
    store: TrackingCodeStore = app.state.store

    with running_server(app) as base_url:
        command = suite_command(base_url, tmp_path / "junit.xml", config)
        suite = subprocess.Popen(command, cwd=ROOT, env=suite_environment())
        _wait_for_codes(store, config, suite)
        suite.send_signal(signal.SIGINT)
        returncode = suite.wait(timeout=60)

    assert returncode == 2, "pytest reports an interrupted run with status 2"
    assert remaining(store, config) == {site: [] for site in config.sites}


def _wait_for_codes(
    store: TrackingCodeStore, config: ServerConfig, suite: subprocess.Popen[bytes]
) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and suite.poll() is None:
        if any(remaining(store, config).values()):
            return
        time.sleep(0.05)
    raise AssertionError("the suite created nothing before it could be interrupted")


class StatusCounter:
    """Counts the statuses an application answers with."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.statuses: Counter[int] = Counter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def count(message: Any) -> None:
            if message["type"] == "http.response.start":
                self.statuses[message["status"]] += 1
            await send(message)

        await self.app(scope, receive, count)


def test_rate_limits_are_waited_out_not_reported(tmp_path: Path) -> None:
    config, _ = secret_config("rate_limit: {requests: 40, per_seconds: 1}")
    counted = StatusCounter(create_app(config))

    run = run_suite(counted, tmp_path / "junit.xml", config, extra=["-k", "test_rules"])

    assert run.returncode == 0, run.output[-3000:]
    assert counted.statuses[429] > 0, "the limit was never reached"


def test_a_server_started_by_hand_passes(tmp_path: Path) -> None:
    serve = [sys.executable, "-m", "tracking_codes", "serve", "--port", "0"]
    with subprocess.Popen(serve, stdout=subprocess.PIPE, text=True) as server:
        try:
            assert server.stdout is not None
            base_url = server.stdout.readline().removeprefix("Listening on ").strip()
            suite = run_command(suite_command(base_url, tmp_path / "junit.xml"))
        finally:
            server.send_signal(signal.SIGTERM)

    assert suite.returncode == 0, suite.stdout[-3000:]
    assert server.returncode == 0


def test_options_not_given_skip_with_their_names(tmp_path: Path) -> None:
    config, _ = secret_config()
    given = ("token", "site_url")

    with running_server(create_app(config)) as base_url:
        command = suite_command(base_url, tmp_path / "j.xml", config, ["-rs"], given)
        suite = run_command(command)

    assert suite.returncode == 0, suite.stdout[-3000:]
    for option in (
        "--non-admin-token",
        "--site-admin-site-url",
        "--mapped-site-url",
        "--inferred-rules",
    ):
        assert f"needs {option}" in suite.stdout, option
