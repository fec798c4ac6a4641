"""What the suite tells at the end of a run, and what it never tells.

A pytest plugin (loaded by the root conftest.py) that marks each test with
the rule it checks (``@pytest.mark.rule("R3")``), writes that rule id into the
JUnit XML as a property, prints one line per rule at the end of the run (cases
sent, passed, failed), and masks every token in failure reports and captured
output before pytest prints or stores them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Final

import pytest

from contract_tests.masking import mask
from tracking_codes.catalogue import RULES

SECRETS: Final = pytest.StashKey[set[str]]()
OTHER_ROWS: Final = ("protocol", "fuzzing", "stateful")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "rule(id): the contract rule (S1-S8, R1-R11) or area a test checks"
    )
    config.stash[SECRETS] = set()
    config.pluginmanager.register(RuleTally(), "contract-rule-tally")
    for name in ("token", "non_admin_token"):
        value = config.getoption(name, default=None)
        if value:
            config.stash[SECRETS].add(value)


def add_secrets(config: pytest.Config, secrets: Iterable[str]) -> None:
    """Register values that must be masked in every report from now on."""
    config.stash[SECRETS].update(s for s in secrets if s)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        marker = item.get_closest_marker("rule")
        if marker is not None:
            item.user_properties.append(("rule", str(marker.args[0])))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> pytest.TestReport:
    report: pytest.TestReport = yield
    _mask_report(report, item.config.stash[SECRETS])
    return report


def _mask_report(report: pytest.TestReport, secrets: set[str]) -> None:
    if not secrets:
        return
    if report.longrepr is not None:
        text = str(report.longrepr)
        if any(secret in text for secret in secrets):
            report.longrepr = mask(text, secrets)
    report.sections = [(name, mask(body, secrets)) for name, body in report.sections]


class RuleTally:
    """Counts outcomes per rule as reports arrive (from xdist workers too)."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter[str]] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        rule = dict(report.user_properties).get("rule")
        counted = report.when == "call" or (
            report.when == "setup" and not report.passed
        )
        if rule is not None and counted:
            self.counts.setdefault(str(rule), Counter())[report.outcome] += 1

    def pytest_terminal_summary(
        self, terminalreporter: pytest.TerminalReporter
    ) -> None:
        if not self.counts:
            return
        terminalreporter.write_sep("-", "contract rules")
        for line in summary_lines(self.counts):
            terminalreporter.write_line(line)


def summary_lines(tally: dict[str, Counter[str]]) -> list[str]:
    """One line per rule: cases sent, passed, failed (and skipped, if any)."""
    order = [*RULES, *OTHER_ROWS]
    rows = sorted(tally, key=lambda r: order.index(r) if r in order else len(order))
    lines = []
    for rule in rows:
        counts = tally[rule]
        sent = counts["passed"] + counts["failed"]
        line = f"{rule:<9}sent {sent:>4}  passed {counts['passed']:>4}"
        line += f"  failed {counts['failed']:>4}"
        if counts["skipped"]:
            line += f"  skipped {counts['skipped']:>4}"
        lines.append(line)
    return lines
