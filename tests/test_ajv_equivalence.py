"""ajv and the Python validators agree on the strict schema, body by body.

One node process (``node/bin/verdicts.mjs``) stays up for the module and
answers, for each body drawn near the edges of the rules, what ajv makes of
it; every answer must equal jsonschema-rs's, which the equivalence tests in
``test_strict_schema.py`` hold to the rule engine.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from near_boundary_bodies import near_boundary_bodies
from node_tools import NODE_FOLDER, node_ready

from tracking_codes.strict import StrictChecker, compile_jsonschema_rs

PYTHON = StrictChecker(compile_jsonschema_rs)
PYTHON_DOCUMENTED = StrictChecker(compile_jsonschema_rs, inferred=False)


class Ajv:
    """A running ``verdicts.mjs``: one JSON body in, one line of verdicts out."""

    def __init__(self, node: str) -> None:
        self._process = subprocess.Popen(
            [node, "bin/verdicts.mjs"],
            cwd=NODE_FOLDER,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def verdicts(self, body: Any) -> dict[str, Any]:
        """What ajv says of ``body``."""
        assert self._process.stdin and self._process.stdout
        self._process.stdin.write(json.dumps(body) + "\n")
        self._process.stdin.flush()
        line = self._process.stdout.readline()
        assert line, f"verdicts.mjs stopped (exit {self._process.poll()})"
        answer: dict[str, Any] = json.loads(line)
        return answer

    def close(self) -> None:
        """End the process by closing its input, as it expects."""
        assert self._process.stdin
        self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        finally:
            assert self._process.stdout
            self._process.stdout.close()


@pytest.fixture(scope="module")
def ajv() -> Iterator[Ajv]:
    process = Ajv(node_ready())
    yield process
    process.close()


def python_verdicts(body: Any) -> dict[str, Any]:
    """The same four facts, from jsonschema-rs."""
    return {
        "valid": PYTHON.is_valid(body),
        "documentedValid": PYTHON_DOCUMENTED.is_valid(body),
        "structureValid": PYTHON.structure_is_valid(body),
        "broken": PYTHON.broken_rules(body),
    }


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(body=near_boundary_bodies())
def test_ajv_and_jsonschema_rs_reach_the_same_verdicts(ajv: Ajv, body: Any) -> None:
    assert ajv.verdicts(body) == python_verdicts(body)


def test_ajv_counts_code_points_not_utf16_units(ajv: Ajv) -> None:
    """A name of 120 characters outside the BMP is 240 UTF-16 units: still valid."""
    body = {
        "name": "\U0001d11e" * 120,
        "siteUrl": "example.webex.com",
        "options": [],
        "inputMode": "text",
        "hostProfileCode": "optional",
        "scheduleStartCodes": None,
    }
    assert ajv.verdicts(body)["valid"] is True
    assert ajv.verdicts({**body, "name": "\U0001d11e" * 121})["valid"] is False
