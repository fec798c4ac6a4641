"""The ``tracking-codes`` command line.

``validate`` checks request bodies in files (or standard input) and exits 0
when all are valid, 1 when any breaks a rule, 2 when any cannot be read as
JSON, saying where. ``serve`` runs the reference server until Ctrl-C or
SIGTERM; it exits 0 on a clean stop and 2 when its configuration or address
cannot be used. The server is imported only by ``serve``, so ``validate``
needs none of its dependencies.
"""

from __future__ import annotations

import argparse
import json
import sys
from codecs import BOM_UTF8
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from tracking_codes.engine import Report, validate
from tracking_codes.sites import SITE_KINDS, Site

EXIT_VALID = 0
EXIT_INVALID = 1
EXIT_UNREADABLE = 2
EXIT_CANNOT_SERVE = 2

Check = Callable[[Any], Report]


@dataclass(frozen=True)
class Outcome:
    """The result for one input: a report, or why it could not be read."""

    source: str
    report: Report | None = None
    problem: str | None = None

    @property
    def name(self) -> str:
        """How the input is named in output."""
        return "<stdin>" if self.source == "-" else self.source


def check_source(source: str, stdin: TextIO, check: Check) -> Outcome:
    """Read one file (``-`` is standard input), parse it and check it."""
    try:
        data = _read_stdin(stdin) if source == "-" else Path(source).read_bytes()
    except OSError as error:
        return Outcome(source, problem=f"cannot read it: {error.strerror or error}")
    try:
        body = parse_json(data)
    except ValueError as error:
        return Outcome(source, problem=str(error))
    return Outcome(source, report=check(body))


def parse_json(data: bytes) -> Any:
    """The JSON value in ``data``, or a ValueError saying where it goes wrong.

    A UTF-8 byte order mark is skipped (RFC 8259 allows that); ``NaN`` and
    ``Infinity``, which Python's parser would take, are refused as not JSON.
    """
    skip = len(BOM_UTF8) if data.startswith(BOM_UTF8) else 0
    try:
        text = data[skip:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = skip + error.start
        raise ValueError(
            f"not UTF-8 text: byte 0x{data[offset]:02x} at offset {offset}; "
            "save the file as UTF-8"
        ) from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise ValueError(f"not JSON at {where}: {error.msg}") from None
    except RecursionError:
        raise ValueError("not usable JSON: it is nested too deeply") from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"not JSON: {name} is not a JSON number; use a number or null")


def _read_stdin(stdin: TextIO) -> bytes:
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:
        data: bytes = buffer.read()
        return data
    return stdin.read().encode("utf-8", "surrogatepass")


def text_lines(outcome: Outcome) -> list[str]:
    """The human-readable lines for one input."""
    if outcome.problem is not None:
        return [f"{outcome.name}: error: {outcome.problem}"]
    assert outcome.report is not None
    lines = [f"{outcome.name}: {violation}" for violation in outcome.report.violations]
    if not lines:
        lines.append(f"{outcome.name}: valid")
    lines.extend(f"{outcome.name}: note: {note}" for note in _notes(outcome.report))
    return lines


def _notes(report: Report) -> list[str]:
    """The report's notes, the one on site rules with the option that helps."""
    notes = list(report.skipped)
    if not report.site_rules_checked:
        notes[0] += " (give --site)"
    return notes


def json_record(outcome: Outcome) -> dict[str, Any]:
    """The machine-readable record for one input."""
    record: dict[str, Any] = {"file": outcome.source}
    if outcome.problem is not None:
        return record | {"valid": None, "error": outcome.problem}
    assert outcome.report is not None
    return record | {
        "valid": outcome.report.valid,
        "violations": [v.as_dict() for v in outcome.report.violations],
        "notChecked": _notes(outcome.report),
    }


def exit_code(outcomes: Sequence[Outcome]) -> int:
    """2 if any input was unreadable, else 1 if any was invalid, else 0."""
    if any(outcome.problem is not None for outcome in outcomes):
        return EXIT_UNREADABLE
    if any(outcome.report and not outcome.report.valid for outcome in outcomes):
        return EXIT_INVALID
    return EXIT_VALID


def add_validate_command(commands: Any) -> None:
    """Register ``validate`` and its options."""
    parser = commands.add_parser(
        "validate",
        help="check request bodies against the contract",
        description="Check create/update request bodies against the schema "
        "and the cross-field rules R1-R11.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="'-' reads stdin")
    parser.add_argument("--json", action="store_true", help="print JSON records")
    parser.add_argument(
        "--site",
        choices=SITE_KINDS,
        help="the kind of site the body is for; without it R2 and R6 are skipped",
    )
    parser.add_argument(
        "--no-inferred",
        action="store_true",
        help="leave out the inferred rules R8-R11",
    )
    parser.set_defaults(run=run_validate)


def run_validate(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """The ``validate`` subcommand."""
    site = Site.from_kind(args.site) if args.site else None

    def check(body: Any) -> Report:
        return validate(body, site, inferred=not args.no_inferred)

    outcomes = [check_source(source, stdin, check) for source in args.files]
    if args.json:
        stdout.write(json.dumps([json_record(o) for o in outcomes], indent=2) + "\n")
    else:
        stdout.write("".join(line + "\n" for o in outcomes for line in text_lines(o)))
    return exit_code(outcomes)


def add_serve_command(commands: Any) -> None:
    """Register ``serve`` and its options."""
    parser = commands.add_parser(
        "serve",
        help="run the reference HTTP server",
        description="Serve the tracking-codes API under /v1, as the contract "
        "says the real service behaves. The first line on standard output is "
        "'Listening on http://HOST:PORT/v1'; requests are logged on standard "
        "error.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
    parser.add_argument(
        "--port", type=int, default=8000, help="default: 8000; 0 picks a free port"
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="a YAML file of sites and tokens; default: the built-in one",
    )
    parser.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """The ``serve`` subcommand."""
    from tracking_codes.server.config import ConfigError, default_config, load_config
    from tracking_codes.server.logoutput import configure_logging
    from tracking_codes.server.runner import serve

    try:
        config = load_config(args.config) if args.config else default_config()
    except ConfigError as error:
        return _serve_error(f"the configuration cannot be used: {error}")
    configure_logging(sys.stderr)
    try:
        return serve(config, args.host, args.port, stdout)
    except OSError as error:
        reason = error.strerror or str(error)
        return _serve_error(
            f"cannot listen on {args.host}:{args.port} ({reason}); "
            "choose another --port, or 0 for a free one"
        )


def _serve_error(message: str) -> int:
    sys.stderr.write(f"tracking-codes serve: error: {message}\n")
    return EXIT_CANNOT_SERVE


def build_parser() -> argparse.ArgumentParser:
    """The parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="tracking-codes",
        description="The contract kit of Webex's 'Create a Tracking Code' API.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    add_validate_command(commands)
    add_serve_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    status: int = args.run(args, sys.stdin, sys.stdout)
    return status
