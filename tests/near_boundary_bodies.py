"""Hypothesis strategies for request bodies near the edges of every rule.

Three kinds of body, drawn in turn: valid bodies built to satisfy every
rule, those same bodies with one change aimed at one rule, and bodies drawn
from small alphabets with no care for the rules (duplicates, stray types,
junk in place of a field). Limits are drawn at their edges: names of 120 and
121 code points, 500 and 501 options, 5 and 6 schedule start codes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from tracking_codes.vocabulary import (
    CONCRETE_SERVICES,
    HOST_PROFILE_CODES,
    INPUT_MODES,
    SCHEDULE_TYPES,
    SERVICES,
)

Body = dict[str, Any]
Mutation = Callable[[Body], st.SearchStrategy[Body]]

MODES = sorted(INPUT_MODES)
HOSTS = sorted(HOST_PROFILE_CODES)
TYPES = sorted(SCHEDULE_TYPES)
VALUES = ["Research", "Support", "Sales", "research", "Caf\u00e9", "Cafe\u0301"]
NAMES = ["X", "a" * 120, "\u00e9" * 120, "\U0001d11e" * 120, "e\u0301" * 60]
TOO_LONG = ["", "a" * 121, "\U0001d11e" * 121, "e\u0301" * 61]
JUNK: list[Any] = [None, 0, True, "", [], {}, "bogus"]
FIELDS = ["name", "siteUrl", "options", "inputMode", "hostProfileCode"]
FIELDS.append("scheduleStartCodes")


def many_options(count: int, defaults: tuple[int, ...] = ()) -> list[dict[str, Any]]:
    """``count`` options with distinct values; those at ``defaults`` are default."""
    return [
        {"value": f"Choice {i}", "defaultValue": i in defaults} for i in range(count)
    ]


@st.composite
def valid_options(draw: st.DrawFn, mode: str) -> list[dict[str, Any]]:
    """Distinct values, at most one default; at least one for the list modes."""
    least = 1 if mode in ("select", "editableSelect") else 0
    if draw(st.integers(0, 9)) == 0:
        return many_options(500, defaults=(499,))
    values = draw(
        st.lists(st.sampled_from(VALUES), min_size=least, max_size=4, unique=True)
    )
    default = draw(st.sampled_from([None, *range(len(values))]))
    return [{"value": v, "defaultValue": i == default} for i, v in enumerate(values)]


@st.composite
def valid_codes(draw: st.DrawFn, mode: str, host: str) -> list[dict[str, str]] | None:
    """Schedule start codes that keep R1, R3, R4, R5 and R8."""
    if draw(st.integers(0, 5)) == 0:
        return None
    if mode == "hostProfileSelect":
        all_types, service_types = ["notUsed", "notApplicable"], ["notUsed"]
    elif host == "adminSet":
        all_types, service_types = (
            ["adminSet", "notUsed", "notApplicable"],
            ["adminSet", "notUsed"],
        )
    else:
        all_types = ["optional", "required", "notUsed", "notApplicable"]
        service_types = ["optional", "required", "notUsed"]
    services = draw(st.permutations(CONCRETE_SERVICES))[: draw(st.integers(0, 4))]
    all_type = draw(st.sampled_from([None, *all_types]))
    codes = [
        {
            "service": s,
            "type": all_type
            if all_type not in (None, "notApplicable")
            else draw(st.sampled_from(service_types)),
        }
        for s in services
    ]
    if all_type is not None:
        codes.insert(
            draw(st.integers(0, len(codes))), {"service": "All", "type": all_type}
        )
    return codes


@st.composite
def valid_bodies(draw: st.DrawFn) -> Body:
    """A body that breaks no rule the body alone decides (all but R2 and R6)."""
    mode = draw(st.sampled_from(MODES))
    host = draw(st.sampled_from(HOSTS))
    return {
        "name": draw(st.sampled_from(NAMES)),
        "siteUrl": "example.webex.com",
        "options": draw(valid_options(mode)),
        "inputMode": mode,
        "hostProfileCode": host,
        "scheduleStartCodes": draw(valid_codes(mode, host)),
    }


def _with(body: Body, **changes: Any) -> Body:
    return {**body, **changes}


def _codes(body: Body) -> list[dict[str, Any]]:
    return list(body["scheduleStartCodes"] or [])


def _set_type(body: Body, kind: str, service: str) -> Body:
    others = [c for c in _codes(body) if c["service"] != service]
    return _with(
        body, scheduleStartCodes=[*others, {"service": service, "type": kind}][-5:]
    )


#: One change per rule, each aimed at breaking that rule (it may break more).
MUTATIONS: dict[str, Mutation] = {
    "S1": lambda b: st.sampled_from(FIELDS).map(
        lambda f: {k: v for k, v in b.items() if k != f}
    ),
    "S2": lambda b: st.sampled_from(TOO_LONG).map(lambda n: _with(b, name=n)),
    "S3": lambda b: st.just(_with(b, siteUrl="")),
    "S4": lambda b: st.sampled_from(
        [
            many_options(501),
            [{"value": ""}],
            [{"value": "a" * 121, "defaultValue": False}],
        ]
    ).map(lambda o: _with(b, options=o)),
    "S5": lambda b: st.sampled_from(["Text", "", "dropdown"]).map(
        lambda m: _with(b, inputMode=m)
    ),
    "S6": lambda b: st.sampled_from(["notApplicable", "Optional"]).map(
        lambda h: _with(b, hostProfileCode=h)
    ),
    "S7": lambda b: st.sampled_from(
        [
            [{"service": "Webinar", "type": "optional"}],
            [{"service": "All"}],
            {},
            [None],
            [{"service": s, "type": "notUsed"} for s in (*SERVICES, "All")],
        ]
    ).map(lambda c: _with(b, scheduleStartCodes=c)),
    "R1": lambda b: st.just(_with(b, inputMode="hostProfileSelect")),
    "R3": lambda b: st.sampled_from(CONCRETE_SERVICES).map(
        lambda s: _set_type(
            b, "optional" if b["hostProfileCode"] == "adminSet" else "adminSet", s
        )
    ),
    "R4": lambda b: st.just(
        _with(
            b,
            inputMode="text",
            hostProfileCode="optional",
            scheduleStartCodes=[
                {"service": "All", "type": "optional"},
                {"service": "EventCenter", "type": "required"},
            ],
        )
    ),
    "R5": lambda b: st.sampled_from(CONCRETE_SERVICES).map(
        lambda s: _set_type(b, "notApplicable", s)
    ),
    "R7": lambda b: st.just(_with(b, inputMode="select", options=[])),
    "R8": lambda b: st.sampled_from(SERVICES).map(
        lambda s: _with(
            b,
            scheduleStartCodes=[
                *_codes(b)[:3],
                {"service": s, "type": "notUsed"},
                {"service": s, "type": "notUsed"},
            ],
        )
    ),
    "R9": lambda b: st.just(_with(b, inputMode="editableSelect", options=[])),
    "R10": lambda b: st.just(
        _with(
            b,
            options=[
                {"value": "A", "defaultValue": True},
                {"value": "B", "defaultValue": True},
            ],
        )
    ),
    "R11": lambda b: st.just(
        _with(b, options=[{"value": "A", "defaultValue": False}] * 2)
    ),
}


def broken_bodies() -> st.SearchStrategy[Body]:
    """A valid body with one change aimed at one rule."""
    rules = st.sampled_from(sorted(MUTATIONS))
    return st.tuples(valid_bodies(), rules).flatmap(
        lambda pair: MUTATIONS[pair[1]](pair[0])
    )


def _maybe_junk(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(strategy, strategy, strategy, st.sampled_from(JUNK))


def wild_bodies() -> st.SearchStrategy[Body]:
    """Bodies from small alphabets, with repeats and stray values anywhere."""
    entry = st.fixed_dictionaries(
        {
            "service": _maybe_junk(st.sampled_from(SERVICES)),
            "type": _maybe_junk(st.sampled_from(TYPES)),
        }
    )
    option = st.fixed_dictionaries(
        {
            "value": _maybe_junk(st.sampled_from(VALUES)),
            "defaultValue": _maybe_junk(st.booleans()),
        }
    )
    return st.fixed_dictionaries(
        {
            "name": _maybe_junk(st.sampled_from(NAMES + TOO_LONG)),
            "siteUrl": _maybe_junk(st.just("example.webex.com")),
            "options": _maybe_junk(st.lists(_maybe_junk(option), max_size=4)),
            "inputMode": _maybe_junk(st.sampled_from(MODES)),
            "hostProfileCode": _maybe_junk(st.sampled_from(HOSTS)),
            "scheduleStartCodes": _maybe_junk(st.lists(_maybe_junk(entry), max_size=6)),
        }
    )


def near_boundary_bodies() -> st.SearchStrategy[Body]:
    """Valid bodies, bodies that break one rule, and wild ones, in turn."""
    return st.one_of(valid_bodies(), broken_bodies(), wild_bodies())
