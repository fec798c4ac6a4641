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
    FIELDS,
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


def allowed_types(mode: str, host: str) -> tuple[list[str], list[str]]:
    """The types All, and a concrete service, may have beside this mode and host."""
    if mode == "hostProfileSelect":
        return ["notUsed", "notApplicable"], ["notUsed"]
    if host == "adminSet":
        return ["adminSet", "notUsed", "notApplicable"], ["adminSet", "notUsed"]
    return ["optional", "required", "notUsed", "notApplicable"], [
        "optional",
        "required",
        "notUsed",
    ]


@st.composite
def valid_codes(draw: st.DrawFn, mode: str, host: str) -> list[dict[str, str]] | None:
    """Schedule start codes that keep R1, R3, R4, R5 and R8."""
    if draw(st.integers(0, 5)) == 0:
        return None
    all_types, service_types = allowed_types(mode, host)
    all_type = draw(st.sampled_from([None, *all_types]))
    passed_on = all_type not in (None, "notApplicable")
    services = draw(st.permutations(CONCRETE_SERVICES))[: draw(st.integers(0, 4))]

    def service_type() -> str:
        return str(all_type) if passed_on else draw(st.sampled_from(service_types))

    codes = [{"service": s, "type": service_type()} for s in services]
    if all_type is not None:
        where = draw(st.integers(0, len(codes)))
        codes.insert(where, {"service": "All", "type": all_type})
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


def _replace(**choices: list[Any]) -> Mutation:
    """A change that sets each named field to one of the values given."""

    def mutate(body: Body) -> st.SearchStrategy[Body]:
        fields = {name: st.sampled_from(values) for name, values in choices.items()}
        return st.fixed_dictionaries(fields).map(lambda change: {**body, **change})

    return mutate


def _drop_a_field(body: Body) -> st.SearchStrategy[Body]:
    fields = st.sampled_from(FIELDS)
    return fields.map(lambda gone: {k: v for k, v in body.items() if k != gone})


def _codes(body: Body) -> list[dict[str, Any]]:
    return list(body["scheduleStartCodes"] or [])


def _set_type(kind: Callable[[Body], str]) -> Mutation:
    """A change that lists one concrete service with the type ``kind`` picks."""

    def mutate(body: Body) -> st.SearchStrategy[Body]:
        def listed(service: str) -> Body:
            others = [c for c in _codes(body) if c["service"] != service]
            entry = {"service": service, "type": kind(body)}
            return {**body, "scheduleStartCodes": [*others, entry][-5:]}

        return st.sampled_from(CONCRETE_SERVICES).map(listed)

    return mutate


def _list_a_service_twice(body: Body) -> st.SearchStrategy[Body]:
    def twice(service: str) -> Body:
        entry = {"service": service, "type": "notUsed"}
        return {**body, "scheduleStartCodes": [*_codes(body)[:3], entry, entry]}

    return st.sampled_from(SERVICES).map(twice)


def _other_than_the_host_allows(body: Body) -> str:
    return "optional" if body["hostProfileCode"] == "adminSet" else "adminSet"


def _options(*values: str, defaults: int = 0) -> list[dict[str, Any]]:
    """Options with the given values; the first ``defaults`` are default."""
    return [{"value": v, "defaultValue": i < defaults} for i, v in enumerate(values)]


SIX_CODES = [{"service": s, "type": "notUsed"} for s in (*SERVICES, "All")]
ALL_AND_A_MISMATCH = [
    {"service": "All", "type": "optional"},
    {"service": "EventCenter", "type": "required"},
]

#: One change per rule, each aimed at breaking that rule (it may break more).
MUTATIONS: dict[str, Mutation] = {
    "S1": _drop_a_field,
    "S2": _replace(name=TOO_LONG),
    "S3": _replace(siteUrl=[""]),
    "S4": _replace(options=[many_options(501), [{"value": ""}], _options("a" * 121)]),
    "S5": _replace(inputMode=["Text", "", "dropdown"]),
    "S6": _replace(hostProfileCode=["notApplicable", "Optional"]),
    "S7": _replace(
        scheduleStartCodes=[
            [{"service": "Webinar", "type": "optional"}],
            [{"service": "All"}],
            {},
            [None],
            SIX_CODES,
        ]
    ),
    "R1": _replace(inputMode=["hostProfileSelect"]),
    "R3": _set_type(_other_than_the_host_allows),
    "R4": _replace(
        inputMode=["text"],
        hostProfileCode=["optional"],
        scheduleStartCodes=[ALL_AND_A_MISMATCH],
    ),
    "R5": _set_type(lambda body: "notApplicable"),
    "R7": _replace(inputMode=["select"], options=[[]]),
    "R8": _list_a_service_twice,
    "R9": _replace(inputMode=["editableSelect"], options=[[]]),
    "R10": _replace(options=[_options("A", "B", defaults=2)]),
    "R11": _replace(options=[_options("A", "A")]),
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
