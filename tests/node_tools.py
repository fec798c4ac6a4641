"""Node.js for the tests: finding node and npm, and installing ``node/`` once.

The Node checks (ajv on the vectors, TypeScript declarations) run from pytest
so that one test command covers every language. Where node or npm is missing
they skip, naming what is missing; ``npm ci`` runs only when ``node_modules``
is absent or older than the lockfile, under a lock so that parallel test
workers install once.
"""

from __future__ import annotations

import fcntl
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

NODE_FOLDER = Path(__file__).resolve().parent.parent / "node"
NODE_MODULES = NODE_FOLDER / "node_modules"
LOCKFILE = NODE_FOLDER / "package-lock.json"
INSTALLED_LOCK = NODE_MODULES / ".package-lock.json"


def tool(name: str) -> str:
    """The path of a program on PATH, or a skip naming the missing program."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not on PATH: install Node.js 18 or newer with npm")
    return path


def _installed_is_current() -> bool:
    if not INSTALLED_LOCK.is_file():
        return False
    return INSTALLED_LOCK.stat().st_mtime >= LOCKFILE.stat().st_mtime


@cache
def _install() -> None:
    with open(NODE_FOLDER / ".npm-ci.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _installed_is_current():
            return
        result = subprocess.run(
            [tool("npm"), "ci", "--no-audit", "--no-fund"],
            cwd=NODE_FOLDER,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    if result.returncode != 0:
        raise RuntimeError(
            f"'npm ci' in {NODE_FOLDER} failed (exit {result.returncode}); "
            f"check that the npm registry is reachable:\n{result.stderr[-2000:]}"
        )


def node_ready() -> str:
    """The path of node, with ``node/node_modules`` installed from the lockfile."""
    node = tool("node")
    tool("npm")
    _install()
    return node


def bin_path(name: str) -> str:
    """A program installed by ``node/package.json``, such as json2ts or tsc."""
    node_ready()
    return str(NODE_MODULES / ".bin" / name)


def run_node(
    args: list[str], cwd: Path = NODE_FOLDER, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run a command of the Node toolchain and capture what it prints."""
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
