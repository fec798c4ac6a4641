"""The Node suite under ``node/``: ajv runs every vector against the strict schema.

It loads ``schemas/`` and ``vectors/`` as they are, with no conversion, so it
shows the contract at work in a second language. Run from here, the project's
single test command covers it too; it skips where node or npm is missing.
"""

from __future__ import annotations

import re

from node_tools import NODE_FOLDER, node_ready, run_node

from tracking_codes.vectors import load_vectors


def _count(summary: str, word: str) -> int:
    match = re.search(rf"^# {word} (\d+)$", summary, re.MULTILINE)
    assert match, f"no '# {word}' line in the node test runner's summary"
    return int(match.group(1))


def test_the_node_suite_passes_on_every_vector() -> None:
    node = node_ready()
    result = run_node([node, "--test", "test/"], cwd=NODE_FOLDER)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-4000:]
    assert _count(report, "fail") == 0
    assert _count(report, "pass") >= len(load_vectors())
