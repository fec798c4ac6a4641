"""Starting and stopping: ``running_server`` and ``tracking-codes serve`` as a process.

The process tests do what a test harness in another language would: spawn
``serve --port 0``, read the first line of standard output for the URL, send
requests, then stop it with a signal and expect a clean exit.
"""

from __future__ import annotations

import os
import re
import select
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from serverkit import ADMIN, PATH, assert_tracking_code, vendor_body

import tracking_codes
from tracking_codes.server.app import create_app
from tracking_codes.server.runner import running_server

LISTENING = re.compile(r"^Listening on (http://127\.0\.0\.1:(\d+)/v1)$")
CHECKOUT = Path(tracking_codes.__file__).resolve().parent.parent
TIMEOUT = 20.0


def serve_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "tracking_codes", "serve", *args]


def environment() -> dict[str, str]:
    """This process's environment, with the package under test importable."""
    path = os.pathsep.join(filter(None, [str(CHECKOUT), os.environ.get("PYTHONPATH")]))
    return os.environ | {"PYTHONPATH": path}


@contextmanager
def spawned(*args: str) -> Iterator[subprocess.Popen[str]]:
    """``tracking-codes serve ARGS`` as a child process, killed if still running."""
    process = subprocess.Popen(
        serve_command(*args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(),
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=TIMEOUT)


def first_line(process: subprocess.Popen[str]) -> str:
    """The first line the process writes to standard output, within the timeout."""
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], TIMEOUT)
    assert ready, "the server wrote nothing to standard output"
    return process.stdout.readline().rstrip("\n")


def stop(process: subprocess.Popen[str], signum: int) -> tuple[int, str]:
    """Send ``signum``; the exit status and standard error once it has stopped."""
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=TIMEOUT)
    return process.returncode, stderr


@pytest.mark.parametrize(
    "signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"]
)
def test_serve_announces_its_url_serves_and_stops_cleanly(signum: int) -> None:
    with spawned("--port", "0") as process:
        announced = LISTENING.match(first_line(process))
        assert announced, "the first line is the Listening line"
        response = httpx.post(announced[1] + PATH, json=vendor_body(), headers=ADMIN)
        status, stderr = stop(process, signum)
    assert response.status_code == 200
    assert_tracking_code(response.json())
    assert status == 0, stderr
    assert "POST /v1/admin/meeting/config/trackingCodes 200" in stderr
    assert "admin-token" not in stderr
    assert "Traceback" not in stderr


def test_serve_reads_a_configuration_file(tmp_path: Path) -> None:
    config = tmp_path / "server.yaml"
    config.write_text(
        "sites: [{url: only.webex.com, managed_by: site-admin}]\n"
        "tokens: [{token: t0k3n, admin: true}]\n",
        encoding="utf-8",
    )
    with spawned("--port", "0", "--config", str(config)) as process:
        announced = LISTENING.match(first_line(process))
        assert announced
        listed = httpx.get(
            announced[1] + PATH, headers={"Authorization": "Bearer t0k3n"}
        )
        stop(process, signal.SIGTERM)
    assert listed.status_code == 200
    assert listed.json() == {"items": []}


def test_serve_refuses_a_bad_configuration_saying_where(tmp_path: Path) -> None:
    config = tmp_path / "bad.yaml"
    config.write_text("sites: []\ntokens: []\n", encoding="utf-8")
    result = subprocess.run(
        serve_command("--port", "0", "--config", str(config)),
        capture_output=True,
        text=True,
        env=environment(),
        timeout=TIMEOUT,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert f"{config}: sites: must be a non-empty list" in result.stderr


def test_serve_refuses_a_port_in_use() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = subprocess.run(
            serve_command("--port", port),
            capture_output=True,
            text=True,
            env=environment(),
            timeout=TIMEOUT,
        )
    assert result.returncode == 2
    assert "choose another --port" in result.stderr


def test_validate_does_not_import_the_server() -> None:
    script = (
        "import sys\n"
        "from tracking_codes.cli import main\n"
        "main(['validate', '-'])\n"
        "print('starlette' in sys.modules, 'uvicorn' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        input="{}",
        capture_output=True,
        text=True,
        env=environment(),
        timeout=TIMEOUT,
    )
    assert result.stdout.splitlines()[-1] == "False False"


def test_running_server_serves_until_the_block_ends() -> None:
    with running_server(create_app()) as url:
        assert LISTENING.match(f"Listening on {url}")
        assert httpx.get(url + PATH, headers=ADMIN).status_code == 200
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + PATH, headers=ADMIN)
