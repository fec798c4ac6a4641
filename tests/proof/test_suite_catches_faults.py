"""The contract suite's proof: it passes against the reference server and
fails against every deliberately faulty variant of it.

Each run is the real suite, in a pytest subprocess with the quick profile,
against a real server on a loopback port, as a user would run it with
``--base-url``. Runs go two at a time; the table of variants and the tests
that caught each is printed at the end.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from faulty_servers import VARIANTS
from starlette.types import ASGIApp

from contract_tests.embedded import options_of
from tracking_codes.server.app import create_app
from tracking_codes.server.config import default_config
from tracking_codes.server.runner import running_server

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = "the reference server"
SUITE_TIMEOUT = 240


@dataclass(frozen=True)
class Run:
    """One run of the suite: its exit status and the tests that failed."""

    returncode: int
    failed: tuple[str, ...]
    output: str


def suite_arguments(base_url: str, junit: Path) -> list[str]:
    """The command line a user would type, options from the built-in config."""
    arguments = ["--base-url", base_url, "--hypothesis-profile=quick"]
    for name, value in options_of(default_config()).items():
        flag = "--" + name.replace("_", "-")
        if value is True:
            arguments.append(flag)
        elif value:
            arguments += [flag, str(value)]
    suite = [sys.executable, "-m", "pytest", "contract_tests", "-q"]
    return [*suite, "-p", "no:cacheprovider", f"--junitxml={junit}", *arguments]


def run_suite(build: Callable[[], ASGIApp], junit: Path) -> Run:
    """Serve the app and run the whole contract suite against it."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    with running_server(build()) as base_url:
        finished = subprocess.run(
            suite_arguments(base_url, junit),
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=SUITE_TIMEOUT,
            check=False,
        )
    return Run(finished.returncode, failed_tests(junit), finished.stdout[-3000:])


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


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """The suite run against the reference server and against each variant."""
    builds = {REFERENCE: lambda: create_app(default_config())}
    builds |= {name: variant.build for name, variant in VARIANTS.items()}
    folder = tmp_path_factory.mktemp("junit")
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            name: pool.submit(run_suite, build, folder / f"{index}.xml")
            for index, (name, build) in enumerate(builds.items())
        }
        return {name: future.result() for name, future in futures.items()}


@pytest.fixture(scope="module", autouse=True)
def print_table(runs: dict[str, Run], pytestconfig: pytest.Config) -> None:
    """Show which tests caught which variant, whatever the outcome."""
    capture = pytestconfig.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print("\n" + "\n".join(table_lines(runs)))


def table_lines(runs: dict[str, Run]) -> list[str]:
    """One line per server: how many tests failed, and the first few."""
    lines = [f"{'server':<42} {'failed':>6}  caught by"]
    for name, run in runs.items():
        shown = ", ".join(run.failed[:3]) + (" ..." if len(run.failed) > 3 else "")
        lines.append(f"{name:<42} {len(run.failed):>6}  {shown or '-'}")
    return lines


def test_the_reference_server_passes(runs: dict[str, Run]) -> None:
    run = runs[REFERENCE]

    assert (run.returncode, run.failed) == (0, ()), run.output


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_the_suite_catches(variant: str, runs: dict[str, Run]) -> None:
    run, expected = runs[variant], VARIANTS[variant].caught_by

    assert run.returncode == 1, f"the suite passed despite: {variant}\n{run.output}"
    assert any(expected in test for test in run.failed), (
        f"{variant}: expected a failure of a test matching {expected!r}, "
        f"got {list(run.failed)}"
    )
