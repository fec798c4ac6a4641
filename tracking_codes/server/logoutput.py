"""Where ``tracking-codes serve`` writes its log: standard error, one line a request.

A server that logs every request spends a good share of each request on the
log line, so the command line's setup trims what it can without changing
the records themselves: the format shows no thread or process, so records
skip looking them up, and the date and time are turned into text once a
second rather than once a line. Tests that capture records see ordinary
:class:`logging.LogRecord` objects either way.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import Final, TextIO

LOG_FORMAT: Final = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class SecondCachingFormatter(logging.Formatter):
    """The standard format, working out each second's date and time only once."""

    _second: int | None = None
    _text = ""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        second = int(record.created)
        if second != self._second:
            self._text = time.strftime("%Y-%m-%d %H:%M:%S", self.converter(second))
            self._second = second
        return f"{self._text},{int(record.msecs):03d}"


def configure_logging(stream: TextIO = sys.stderr) -> None:
    """Send the request log and uvicorn's messages to ``stream``, at INFO."""
    # The format shows no thread or process, so the records need not look them up.
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    handler = logging.StreamHandler(stream)
    handler.setFormatter(SecondCachingFormatter(LOG_FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
