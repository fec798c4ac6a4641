"""The contract suite's proof: it passes against the reference server and
fails against every deliberately faulty variant of it.

Each run is the real suite, in a pytest subprocess with the quick profile,
against a real server on a loopback port, as a user would run it with
``--base-url``. Runs go two at a time; the table of variants and the tests
that caught each is printed at the end.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from faulty_servers import VARIANTS
from suite_runs import Run, run_suite

from tracking_codes.server.app import create_app
from tracking_codes.server.config import default_config

REFERENCE = "the reference server"


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """The suite run against the reference server and against each variant."""
    builds = {REFERENCE: lambda: create_app(default_config())}
    builds |= {name: variant.build for name, variant in VARIANTS.items()}
    folder = tmp_path_factory.mktemp("junit")
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            name: pool.submit(
                lambda b, p: run_suite(b(), p), build, folder / f"{i}.xml"
            )
            for i, (name, build) in enumerate(builds.items())
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

    assert (run.returncode, run.failed) == (0, ()), run.output[-3000:]


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_the_suite_catches(variant: str, runs: dict[str, Run]) -> None:
    run, expected = runs[variant], VARIANTS[variant].caught_by

    assert run.returncode == 1, (
        f"the suite passed despite: {variant}\n{run.output[-3000:]}"
    )
    assert any(expected in test for test in run.failed), (
        f"{variant}: expected a failure of a test matching {expected!r}, "
        f"got {list(run.failed)}"
    )
