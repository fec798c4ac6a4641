"""The benchmark's baseline: a bare Starlette echo under the server's uvicorn settings.

It answers a POST on the create path with the body it received, and does
nothing else: no token, no parsing, no validation, no store, no log line.
What ``tracking-codes serve`` does beyond this is the price of behaving as
the contract says. Run it with ``python bench/echo_app.py --port 0``: like
the server, it writes ``Listening on http://127.0.0.1:PORT/v1`` first.
"""

from __future__ import annotations

import argparse
import sys

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tracking_codes.server.app import COLLECTION
from tracking_codes.server.runner import serve_app


async def echo(request: Request) -> Response:
    """The request's body, sent straight back as JSON."""
    return Response(await request.body(), media_type="application/json")


app = Starlette(routes=[Route(COLLECTION, echo, methods=["POST"])])


def main() -> int:
    """Serve the echo until Ctrl-C or SIGTERM."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    return serve_app(app, args.host, args.port, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
