"""Create requests per second on loopback: this server, Prism, and a bare echo.

One load generator, wrk (one thread, keep-alive connections), posts the
vendor's example create body, with the admin token, to each target in turn:

(a) ``tracking-codes serve``, validating every body in full (schema and
    R1-R11) and storing it; its configuration, bench/server-config.yaml,
    keeps the newest 1000 codes per site so memory stays flat;
(b) Prism 5.16.0 serving openapi.yaml as a mock (installed with npm into
    bench/.cache on first use; skipped, saying so, where npm is missing);
(c) a bare Starlette echo under the same uvicorn settings (bench/echo_app.py).

Each target gets a warm-up run, then a measured run. The script prints
requests per second and the ratios ours/Prism (goal: at least 5) and
ours/echo (goal: at least 0.70). Only 127.0.0.1 is ever contacted.

    python bench/server_throughput.py [--duration 10] [--connections 16]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
PRISM_VERSION = "5.16.0"
PRISM = CACHE / "node_modules" / ".bin" / "prism"
CREATE_PATH = "/admin/meeting/config/trackingCodes"
TOKEN = "admin-token"
STARTUP_SECONDS = 60.0

sys.path.insert(0, str(ROOT))
from tracking_codes.resources import load_openapi  # noqa: E402


@dataclass(frozen=True)
class Result:
    """What wrk measured for one target."""

    requests_per_second: float
    requests: int
    not_2xx: int
    socket_errors: str
    p50: str
    p99: str


def vendor_body() -> str:
    """The vendor's example request, as compact JSON."""
    example = load_openapi()["components"]["examples"]["trackingCodeRequest"]
    return json.dumps(example["value"], separators=(",", ":"))


def lua_script(folder: Path, body: str) -> Path:
    """A wrk script that posts ``body`` as JSON with the admin token."""
    path = folder / "create.lua"
    path.write_text(
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
        f'wrk.headers["Authorization"] = "Bearer {TOKEN}"\n'
        f"wrk.body = {json.dumps(body)}\n",
        encoding="utf-8",
    )
    return path


def python_env() -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return os.environ | {"PYTHONPATH": path}


@contextmanager
def process(command: list[str], **options: object) -> Iterator[subprocess.Popen[str]]:
    """A child process, stopped with SIGTERM (then SIGKILL) when the block ends."""
    child: subprocess.Popen[str] = subprocess.Popen(command, text=True, **options)  # type: ignore[call-overload]
    try:
        yield child
    finally:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


@contextmanager
def announced_server(command: list[str]) -> Iterator[str]:
    """A server that writes ``Listening on URL`` first; yields its create URL."""
    options = {"stdout": subprocess.PIPE, "stderr": subprocess.DEVNULL}
    with process(command, env=python_env(), cwd=ROOT, **options) as child:
        assert child.stdout is not None
        line = child.stdout.readline().strip()
        if not line.startswith("Listening on "):
            raise SystemExit(f"{command[0]} did not start: {line!r}")
        yield line.removeprefix("Listening on ") + CREATE_PATH


@contextmanager
def ours() -> Iterator[str]:
    config = ROOT / "bench" / "server-config.yaml"
    command = [sys.executable, "-m", "tracking_codes", "serve", "--port", "0"]
    with announced_server([*command, "--config", str(config)]) as url:
        yield url


@contextmanager
def echo() -> Iterator[str]:
    command = [sys.executable, str(ROOT / "bench" / "echo_app.py"), "--port", "0"]
    with announced_server(command) as url:
        yield url


@contextmanager
def prism() -> Iterator[str]:
    port = free_port()
    command = [str(PRISM), "mock", "openapi.yaml", "-h", "127.0.0.1", "-p", str(port)]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    with process(command, cwd=ROOT, **quiet):
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}{CREATE_PATH}"


def install_prism() -> str | None:
    """Install Prism into bench/.cache if needed; why it cannot be, or None."""
    if PRISM.exists():
        return None
    npm = shutil.which("npm")
    if npm is None:
        return "npm is not installed (apt-get install npm, or install Node.js)"
    print(f"installing @stoplight/prism-cli@{PRISM_VERSION} into {CACHE} ...")
    CACHE.mkdir(parents=True, exist_ok=True)
    package = f"@stoplight/prism-cli@{PRISM_VERSION}"
    command = [npm, "install", "--no-audit", "--no-fund", "--prefix", str(CACHE)]
    installed = subprocess.run([*command, package], capture_output=True, text=True)
    if installed.returncode != 0:
        return f"npm install failed: {installed.stderr.strip()[-300:]}"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for_port(port: int) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"nothing listened on port {port} within {STARTUP_SECONDS} s")


def check_answer(url: str, body: str) -> None:
    """One create by hand: the target must answer 200 before it is measured."""
    request = urllib.request.Request(
        url,
        data=body.encode("utf-8"),
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {TOKEN}",
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status}, not 200")


def run_wrk(wrk: str, script: Path, url: str, seconds: int, connections: int) -> Result:
    command = [wrk, "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
    output = subprocess.run(
        [*command, "-s", str(script), url], capture_output=True, text=True, check=True
    ).stdout
    return Result(
        requests_per_second=float(_find(r"Requests/sec:\s+([\d.]+)", output, "0")),
        requests=int(_find(r"(\d+) requests in", output, "0")),
        not_2xx=int(_find(r"Non-2xx or 3xx responses: (\d+)", output, "0")),
        socket_errors=_find(r"Socket errors: (.*)", output, "none"),
        p50=_find(r"^\s+50%\s+(\S+)", output, "?"),
        p99=_find(r"^\s+99%\s+(\S+)", output, "?"),
    )


def _find(pattern: str, text: str, default: str) -> str:
    found = re.search(pattern, text, re.MULTILINE)
    return found[1].strip() if found else default


def measure(
    name: str, target: AbstractContextManager[str], args: argparse.Namespace
) -> Result:
    """Start ``target``, check it answers 200, warm it up, then measure it."""
    wrk, script, body = args.wrk, args.script, args.body
    with target as url:
        check_answer(url, body)
        run_wrk(wrk, script, url, args.warmup, args.connections)
        result = run_wrk(wrk, script, url, args.duration, args.connections)
    print(f"  {name}: {result.requests_per_second:,.0f} requests/s")
    return result


def report(results: dict[str, Result]) -> None:
    print()
    print(f"{'target':<26}{'requests/s':>12}{'p50':>10}{'p99':>10}{'non-2xx':>9}")
    for name, r in results.items():
        row = f"{name:<26}{r.requests_per_second:>12,.0f}{r.p50:>10}{r.p99:>10}"
        print(f"{row}{r.not_2xx:>9}")
        if r.socket_errors != "none":
            print(f"  socket errors: {r.socket_errors}")
    mine = results["tracking-codes serve"].requests_per_second
    if "prism mock" in results:
        ratio = mine / results["prism mock"].requests_per_second
        print(f"ours / prism: {ratio:.1f}x (goal: at least 5x)")
    ratio = mine / results["bare echo"].requests_per_second
    print(f"ours / echo:  {ratio:.0%} (goal: at least 70%)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds measured")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--no-prism", action="store_true", help="leave Prism out")
    args = parser.parse_args()
    args.wrk = shutil.which("wrk")
    if args.wrk is None:
        print("wrk is missing: install it (Debian: apt-get install wrk) and rerun")
        return 2
    args.body = vendor_body()
    http = "httptools" if importlib.util.find_spec("httptools") else "h11"
    print(f"wrk, 1 thread, {args.connections} connections, {args.duration} s each;")
    print(f"uvicorn's HTTP parser here: {http}")
    with tempfile.TemporaryDirectory() as folder:
        args.script = lua_script(Path(folder), args.body)
        return run_all(args)


def run_all(args: argparse.Namespace) -> int:
    results = {"tracking-codes serve": measure("tracking-codes serve", ours(), args)}
    skipped = "left out (--no-prism)" if args.no_prism else install_prism()
    if skipped is None:
        results["prism mock"] = measure(f"prism {PRISM_VERSION}", prism(), args)
    else:
        print(f"  prism: skipped: {skipped}")
    results["bare echo"] = measure("bare echo", echo(), args)
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
