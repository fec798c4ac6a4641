"""The command line's log output: the standard format, written to a stream."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from tracking_codes.server.logoutput import (
    LOG_FORMAT,
    SecondCachingFormatter,
    configure_logging,
)


def record_at(created: float) -> logging.LogRecord:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello", (), None)
    record.created, record.msecs = created, (created % 1) * 1000
    return record


@pytest.mark.parametrize(
    "moments", [[1700000000.0, 1700000000.5, 1700000001.25, 1700000000.999]]
)
def test_the_cached_time_matches_the_standard_formatter(moments: list[float]) -> None:
    cached, standard = SecondCachingFormatter(LOG_FORMAT), logging.Formatter(LOG_FORMAT)
    for moment in moments:
        record = record_at(moment)
        assert cached.format(record) == standard.format(record)


@pytest.fixture
def pristine_root() -> Iterator[logging.Logger]:
    """The root logger, restored as it was after the test."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    flags = logging.logThreads, logging.logProcesses, logging.logMultiprocessing
    yield root
    root.handlers[:] = handlers
    root.setLevel(level)
    logging.logThreads, logging.logProcesses, logging.logMultiprocessing = flags


def test_configure_logging_writes_request_lines_to_the_stream(
    pristine_root: logging.Logger,
) -> None:
    stream = io.StringIO()
    configure_logging(stream)

    logging.getLogger("tracking_codes.server").info("GET /v1 %s", 200)

    line = stream.getvalue()
    assert line.endswith(" INFO tracking_codes.server: GET /v1 200\n")
    assert line.count("\n") == 1
