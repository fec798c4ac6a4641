"""Create requests per second on loopback: this server, Prism, and a bare echo.

One load generator, wrk (one thread, keep-alive connections), posts the
vendor's example create body, with the admin token, to each target in turn:

(a) ``tracking-codes serve``, validating every body in full (schema and
    R1-R11) and storing it; its configuration, bench/server-config.yaml,
    keeps the newest 1000 codes per site so memory stays flat;
(b) Prism 5.16.0 serving openapi.yaml as a mock (installed with npm into
    bench/.cache on first use; skipped, saying so, where npm is missing);
(c) a bare Starlette echo under the same uvicorn settings (bench/echo_app.py).

Each target is started afresh in each round, warmed up, then measured; the
best round counts, since on a shared machine other work only ever slows a
round down. Besides requests per second, the script reads the CPU time each
server process spent (Linux only) and prints it per request: that figure
hardly moves when other processes compete for the cores. It prints the
ratios ours/Prism (goal: at least 5) and ours/echo (goal: at least 0.70).
Only 127.0.0.1 is ever contacted.

    python bench/server_throughput.py [--duration 10] [--rounds 2] [--no-prism]
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
from collections.abc import Callable, Iterator
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
OURS, PRISM_MOCK, ECHO = "tracking-codes serve", f"prism {PRISM_VERSION}", "bare echo"

sys.path.insert(0, str(ROOT))
from tracking_codes.resources import load_openapi  # noqa: E402


@dataclass(frozen=True)
class Target:
    """A running server under test: where to post, and its process id."""

    url: str
    pid: int


@dataclass(frozen=True)
class Result:
    """What one measured run found."""

    requests_per_second: float
    requests: int
    not_2xx: int
    socket_errors: str
    p50: str
    p99: str
    cpu_us_per_request: float | None


Starter = Callable[[], AbstractContextManager[Target]]


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


# --- the targets -----------------------------------------------------------


def python_env() -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return os.environ | {"PYTHONPATH": path}


@contextmanager
def process(
    command: list[str], stdout: int, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[str]]:
    """A child process, stopped with SIGTERM (then SIGKILL) when the block ends."""
    child = subprocess.Popen(
        command, text=True, cwd=ROOT, env=env, stdout=stdout, stderr=subprocess.DEVNULL
    )
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
def announced_server(command: list[str]) -> Iterator[Target]:
    """A server that writes ``Listening on URL`` first."""
    with process(command, subprocess.PIPE, python_env()) as child:
        assert child.stdout is not None
        line = child.stdout.readline().strip()
        if not line.startswith("Listening on "):
            raise SystemExit(f"{command[0]} did not start: {line!r}")
        yield Target(line.removeprefix("Listening on ") + CREATE_PATH, child.pid)


def ours() -> AbstractContextManager[Target]:
    config = ROOT / "bench" / "server-config.yaml"
    command = [sys.executable, "-m", "tracking_codes", "serve", "--port", "0"]
    return announced_server([*command, "--config", str(config)])


def echo() -> AbstractContextManager[Target]:
    script = ROOT / "bench" / "echo_app.py"
    return announced_server([sys.executable, str(script), "--port", "0"])


@contextmanager
def prism() -> Iterator[Target]:
    port = free_port()
    command = [str(PRISM), "mock", "openapi.yaml", "-h", "127.0.0.1", "-p", str(port)]
    with process(command, subprocess.DEVNULL) as child:
        wait_for_port(port)
        yield Target(f"http://127.0.0.1:{port}{CREATE_PATH}", child.pid)


def install_prism() -> str | None:
    """Install Prism into bench/.cache if needed; why it cannot be, or None."""
    if PRISM.exists():
        return None
    npm = shutil.which("npm")
    if npm is None:
        return "npm is not installed (Debian: apt-get install npm)"
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


# --- measuring -------------------------------------------------------------


def check_answer(url: str, body: str) -> None:
    """One create by hand: the target must answer 200 before it is measured."""
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"}
    request = urllib.request.Request(url, data=body.encode("utf-8"), headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status}, not 200")


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time of a process so far, where /proc tells it."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_wrk(args: argparse.Namespace, target: Target, seconds: int) -> Result:
    command = [args.wrk, "-t1", f"-c{args.connections}", f"-d{seconds}s", "--latency"]
    before = cpu_seconds(target.pid)
    output = subprocess.run(
        [*command, "-s", str(args.script), target.url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    after = cpu_seconds(target.pid)
    requests = int(_find(r"(\d+) requests in", output, "0"))
    cpu = None
    if before is not None and after is not None and requests:
        cpu = (after - before) / requests * 1e6
    return Result(
        requests_per_second=float(_find(r"Requests/sec:\s+([\d.]+)", output, "0")),
        requests=requests,
        not_2xx=int(_find(r"Non-2xx or 3xx responses: (\d+)", output, "0")),
        socket_errors=_find(r"Socket errors: (.*)", output, "none"),
        p50=_find(r"^\s+50%\s+(\S+)", output, "?"),
        p99=_find(r"^\s+99%\s+(\S+)", output, "?"),
        cpu_us_per_request=cpu,
    )


def _find(pattern: str, text: str, default: str) -> str:
    found = re.search(pattern, text, re.MULTILINE)
    return found[1].strip() if found else default


def measure(name: str, start: Starter, args: argparse.Namespace) -> Result:
    """Start a target, check it answers 200, warm it up, then measure it."""
    with start() as target:
        check_answer(target.url, args.body)
        run_wrk(args, target, args.warmup)
        result = run_wrk(args, target, args.duration)
    cpu = result.cpu_us_per_request
    shown = "" if cpu is None else f", {cpu:.0f} us CPU per request"
    print(f"  {name}: {result.requests_per_second:,.0f} requests/s{shown}")
    return result


# --- the run ---------------------------------------------------------------


def report(best: dict[str, Result]) -> None:
    print()
    head = f"{'target':<22}{'requests/s':>11}{'CPU us/req':>11}"
    print(f"{head}{'p50':>10}{'p99':>10}{'non-2xx':>9}")
    for name, r in best.items():
        cpu = "?" if r.cpu_us_per_request is None else f"{r.cpu_us_per_request:.0f}"
        row = f"{name:<22}{r.requests_per_second:>11,.0f}{cpu:>11}"
        print(f"{row}{r.p50:>10}{r.p99:>10}{r.not_2xx:>9}")
        if r.socket_errors != "none":
            print(f"  socket errors: {r.socket_errors}")
    mine = best[OURS]
    for other, goal in ((PRISM_MOCK, "at least 5x"), (ECHO, "at least 0.70x")):
        if other in best:
            ratio = mine.requests_per_second / best[other].requests_per_second
            print(f"ours / {other}: {ratio:.2f}x in requests/s (goal: {goal})")
    cpu_mine, cpu_echo = mine.cpu_us_per_request, best[ECHO].cpu_us_per_request
    if cpu_mine and cpu_echo:
        print(f"ours / {ECHO} by CPU per request: {cpu_echo / cpu_mine:.2f}x")


def run_all(args: argparse.Namespace) -> int:
    targets: dict[str, Starter] = {OURS: ours}
    skipped = "left out (--no-prism)" if args.no_prism else install_prism()
    if skipped is None:
        targets[PRISM_MOCK] = prism
    else:
        print(f"prism: skipped: {skipped}")
    targets[ECHO] = echo
    best: dict[str, Result] = {}
    for round_number in range(1, args.rounds + 1):
        print(f"round {round_number} of {args.rounds}")
        for name, start in targets.items():
            result = measure(name, start, args)
            if (
                name not in best
                or result.requests_per_second > best[name].requests_per_second
            ):
                best[name] = result
    report(best)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds measured")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up")
    parser.add_argument("--rounds", type=int, default=2, help="best of this many")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--no-prism", action="store_true", help="leave Prism out")
    args = parser.parse_args()
    args.wrk = shutil.which("wrk")
    if args.wrk is None:
        print("wrk is missing: install it (Debian: apt-get install wrk) and rerun")
        return 2
    args.body = vendor_body()
    http = "httptools" if importlib.util.find_spec("httptools") else "h11"
    print(f"wrk: 1 thread, {args.connections} connections, {args.duration} s a run")
    print(f"uvicorn's HTTP parser here: {http}; cores: {os.cpu_count()}")
    with tempfile.TemporaryDirectory() as folder:
        args.script = lua_script(Path(folder), args.body)
        return run_all(args)


if __name__ == "__main__":
    sys.exit(main())
