"""How much full validation costs, measured against parsing the same bytes.

Run: python bench/validation.py [--rounds N]

For each body, the script times ``json.loads`` of its bytes and a full
validation (structural schema and every rule, for a Control Hub site) of the
parsed body, in the same process and run, and prints the ratio
validation / parsing. A ratio of 1.0 or less means checking a request costs no
more than reading it. Timings take the best of several rounds, which is the
figure least disturbed by other work on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import timeit
from collections.abc import Callable
from typing import Any

from tracking_codes import Site, validate
from tracking_codes.resources import load_openapi


def vendor_example() -> dict[str, Any]:
    """The vendor's example request, as openapi.yaml carries it."""
    examples = load_openapi()["components"]["examples"]
    body: dict[str, Any] = examples["trackingCodeRequest"]["value"]
    return body


def five_hundred_options() -> dict[str, Any]:
    """The vendor example with the largest option list the contract allows."""
    options = [{"value": f"Option {i:03}", "defaultValue": i == 0} for i in range(500)]
    return vendor_example() | {"options": options}


def best_time(action: Callable[[], object], rounds: int) -> float:
    """Seconds per call: the best of ``rounds`` rounds, each ~0.2 s long."""
    timer = timeit.Timer(action)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=rounds, number=number)) / number


def measure(name: str, body: dict[str, Any], rounds: int) -> tuple[str, float, float]:
    """Parse time and validation time of one body, both in seconds."""
    raw = json.dumps(body).encode()
    site = Site.from_kind("control-hub")
    parsed = json.loads(raw)
    assert validate(parsed, site).valid, f"{name} must be a valid body"
    parse = best_time(lambda: json.loads(raw), rounds)
    check = best_time(lambda: validate(parsed, site), rounds)
    return name, parse, check


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="rounds per timing")
    rounds = parser.parse_args().rounds

    rows = [
        measure("vendor example", vendor_example(), rounds),
        measure("500 options", five_hundred_options(), rounds),
    ]
    print(f"{'body':<16}{'json.loads':>14}{'validate':>14}{'ratio':>8}")
    for name, parse, check in rows:
        print(
            f"{name:<16}{parse * 1e6:>11.2f} us{check * 1e6:>11.2f} us"
            f"{check / parse:>8.2f}"
        )


if __name__ == "__main__":
    main()
