"""Serving the application with uvicorn: in a thread for tests, or in the foreground.

:func:`running_server` gives tests a real server on a free loopback port.
:func:`serve` is ``tracking-codes serve``: once the socket accepts
connections it writes ``Listening on http://HOST:PORT/v1`` as the first line
of standard output, so that a test harness in any language can start it
with ``--port 0`` and read where it listens; Ctrl-C or SIGTERM stop it after
the requests in flight are answered, and it exits with status 0.
"""

from __future__ import annotations

import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any, Final, TextIO

import uvicorn
from starlette.types import ASGIApp

from tracking_codes.server.app import BASE_PATH, create_app
from tracking_codes.server.config import ServerConfig

STARTUP_TIMEOUT: Final = 10.0


def uvicorn_config(app: ASGIApp) -> uvicorn.Config:
    """The uvicorn settings of every server here, the benchmark's baseline too.

    uvicorn's own access log is off: the application logs each request
    itself, without the query string or any header.
    """
    return uvicorn.Config(
        app,
        log_config=None,
        access_log=False,
        server_header=False,
        lifespan="off",
        timeout_graceful_shutdown=5,
    )


def bind(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port``; port 0 picks a free one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on sockets that say so,
    # and without it every response waits ~40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def base_url(sock: socket.socket) -> str:
    """``http://HOST:PORT/v1`` for a bound socket."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}{BASE_PATH}"


@contextmanager
def running_server(app: ASGIApp, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve ``app`` on a free port in a thread; yield its base URL; stop it."""
    sock = bind(host, 0)
    server = uvicorn.Server(uvicorn_config(app))
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, daemon=True
    )
    thread.start()
    try:
        _wait_until_started(server, thread)
        yield base_url(sock)
    finally:
        server.should_exit = True
        thread.join(timeout=STARTUP_TIMEOUT)
        sock.close()


def _wait_until_started(server: uvicorn.Server, thread: threading.Thread) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the server stopped while starting; see its log")
        if time.monotonic() > deadline:
            raise TimeoutError(f"the server did not start in {STARTUP_TIMEOUT} s")
        time.sleep(0.005)


class AnnouncingServer(uvicorn.Server):
    """A uvicorn server that calls ``announce`` once it accepts connections."""

    def __init__(self, config: uvicorn.Config, announce: Callable[[], None]) -> None:
        super().__init__(config)
        self._announce = announce

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            self._announce()


def serve(
    config: ServerConfig,
    host: str = "127.0.0.1",
    port: int = 8000,
    out: TextIO = sys.stdout,
) -> int:
    """Serve until Ctrl-C or SIGTERM; return the exit status (0 on a clean stop)."""
    return serve_app(create_app(config), host, port, out)


def serve_app(app: ASGIApp, host: str, port: int, out: TextIO) -> int:
    """Serve any application as :func:`serve` does (the benchmark's baseline too)."""
    sock = bind(host, port)
    url = base_url(sock)

    def announce() -> None:
        out.write(f"Listening on {url}\n")
        out.flush()

    server = AnnouncingServer(uvicorn_config(app), announce)
    with _stop_signals(server):
        server.run(sockets=[sock])
    sock.close()
    return 0 if server.started else 1


@contextmanager
def _stop_signals(server: uvicorn.Server) -> Iterator[None]:
    """Make SIGINT and SIGTERM stop ``server``, and nothing more, meanwhile.

    uvicorn handles both while it runs, then raises the signal again for the
    handler it found; this handler is what it finds, so the signal ends in
    a clean return instead of killing the process or a KeyboardInterrupt.
    """

    def stop(signum: int, frame: FrameType | None) -> None:
        server.should_exit = True

    signals = (signal.SIGINT, signal.SIGTERM)
    previous: dict[int, Any] = {sig: signal.signal(sig, stop) for sig in signals}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
