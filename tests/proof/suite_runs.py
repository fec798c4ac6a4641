"""Running the contract suite the way a user does, against a server we start.

The suite runs in a pytest subprocess with ``--base-url`` and every option on
its command line, against a real server on a loopback port; the run's exit
status, output and JUnit XML are kept for the tests to inspect.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from starlette.types import ASGIApp

from contract_tests.embedded import options_of
from tracking_codes.server.config import ServerConfig, default_config
from tracking_codes.server.runner import running_server

ROOT: Final = Path(__file__).resolve().parents[2]
SUITE_TIMEOUT: Final = 240


@dataclass(frozen=True)
class Run:
    """One run of the suite: exit status, failed tests, what it wrote."""

    returncode: int
    failed: tuple[str, ...]
    output: str
    junit: str


def suite_command(
    base_url: str,
    junit: Path,
    config: ServerConfig | None = None,
    extra: Sequence[str] = (),
    only: Collection[str] | None = None,
) -> list[str]:
    """The command line a user would type, options from the server's config.

    ``only`` names the options to give (by their field names, such as
    ``site_url``); by default every option the configuration can fill.
    """
    arguments = ["--base-url", base_url, "--hypothesis-profile=quick", *extra]
    for name, value in options_of(config or default_config()).items():
        if only is not None and name not in only:
            continue
        flag = "--" + name.replace("_", "-")
        if value is True:
            arguments.append(flag)
        elif value:
            arguments += [flag, str(value)]
    suite = [sys.executable, "-m", "pytest", "contract_tests", "-q"]
    return [*suite, "-p", "no:cacheprovider", f"--junitxml={junit}", *arguments]


def suite_environment() -> dict[str, str]:
    """This process's environment, less what would steer the inner pytest."""
    return {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}


def run_suite(
    app: ASGIApp,
    junit: Path,
    config: ServerConfig | None = None,
    extra: Sequence[str] = (),
) -> Run:
    """Serve the app and run the contract suite against it to the end."""
    with running_server(app) as base_url:
        finished = run_command(suite_command(base_url, junit, config, extra))
    text = junit.read_text(encoding="utf-8") if junit.exists() else ""
    output = finished.stdout + finished.stderr
    return Run(finished.returncode, failed_tests(junit), output, text)


def run_command(command: Sequence[str]) -> subprocess.CompletedProcess[str]:
    """Run a suite command from the repository root, to the end, output kept."""
    return subprocess.run(
        command,
        cwd=ROOT,
        env=suite_environment(),
        capture_output=True,
        text=True,
        timeout=SUITE_TIMEOUT,
        check=False,
    )


def failed_tests(junit: Path) -> tuple[str, ...]:
    """The names of the tests that failed or errored, from the JUnit XML."""
    if not junit.exists():
        return ()
    cases = ElementTree.parse(junit).getroot().iter("testcase")
    broken = (
        c for c in cases if c.find("failure") is not None or c.find("error") is not None
    )
    return tuple(
        f"{c.get('classname', '').rsplit('.', 1)[-1]}::{c.get('name')}" for c in broken
    )
