"""A copy of a body that jsonschema-rs can take, for the few bodies it cannot.

Python's json module accepts two things that jsonschema-rs refuses: strings
holding lone surrogates (JSON may escape them as ``\\ud800``, UTF-8 cannot
carry them) and, when it reports an error, values nested more than about 250
levels deep. The request schema cares about neither: it reads the length of
strings and looks no deeper than the fields of an option. So the stand-in keeps
every length and the first few levels, puts U+FFFD in place of each lone
surrogate, and empties the containers below; the structural checks judge the
stand-in and report the values of the body as it was sent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final

#: Levels copied as they are: enough for the body, a list, its items and their
#: fields, with room to spare.
KEPT_LEVELS: Final = 6

_LONE_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def stand_in(value: Any, levels: int = KEPT_LEVELS) -> Any:
    """``value`` without lone surrogates, and emptied below ``levels`` levels."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [stand_in(item, levels - 1) for item in value] if levels else []
    if isinstance(value, dict):
        if not levels:
            return {}
        return {stand_in(k): stand_in(v, levels - 1) for k, v in value.items()}
    return value


def value_at(body: Any, path: Sequence[str | int], default: Any) -> Any:
    """The part of ``body`` at ``path``, or ``default`` where there is none."""
    try:
        for part in path:
            body = body[part]
    except (KeyError, IndexError, TypeError):
        return default
    return body
