"""The test vectors of ``vectors/``: well formed, complete, and agreed on.

Each vector runs through the rule engine (with the case's site) and through
the strict schema with both Python validators; all must reach the verdict
the vector states, and name the same rules. The strict schema does not see
R2, R6 and R11, so its expected verdict leaves those out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest

from tracking_codes import RULES
from tracking_codes.engine import Engine, default_engine
from tracking_codes.sites import SITE_KINDS
from tracking_codes.strict import (
    COMPILERS,
    STRUCTURAL_RULES,
    StrictChecker,
    compile_jsonschema_rs,
    enforced_rules,
    expressed_rules,
    strict_schema,
)
from tracking_codes.vectors import (
    Vector,
    expectations,
    load_vectors,
    read_vector_file,
    vector_file_schema,
    vector_files,
)

VECTORS = load_vectors()
RULE_LOCATION = re.compile(r"#/\$defs/(R\d+)/")
BREAKABLE = sorted(set(RULES) - {"S8"})
INFERRED = frozenset(rule for rule in RULES if RULES[rule].inferred)
CHECKERS = {
    (library, inferred): StrictChecker(compile_schema, inferred=inferred)
    for library, compile_schema in COMPILERS.items()
    for inferred in (True, False)
}


def _ids(vectors: list[Vector]) -> list[str]:
    return [vector.name for vector in vectors]


# The files themselves


def test_the_vector_file_schema_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(vector_file_schema())


@pytest.mark.parametrize("item", vector_files(), ids=lambda item: item.name)
def test_each_vector_file_is_valid_against_the_vector_file_schema(item: Any) -> None:
    validator = jsonschema.Draft202012Validator(vector_file_schema())
    errors = [e.message for e in validator.iter_errors(json.loads(item.read_text()))]
    assert errors == []


def test_case_names_are_unique() -> None:
    names = _ids(VECTORS)
    assert len(names) == len(set(names))


@pytest.mark.parametrize("vector", VECTORS, ids=_ids(VECTORS))
def test_descriptions_state_facts_rather_than_wishes(vector: Vector) -> None:
    for text in (vector.description, vector.group):
        assert not re.search(r"\bshould\b|\btests? that\b", text, re.IGNORECASE)


@pytest.mark.parametrize("rule_id", BREAKABLE)
def test_each_rule_has_a_file_with_valid_and_breaking_cases(rule_id: str) -> None:
    files = [f for f in vector_files() if f.name.startswith(f"{rule_id}-")]
    assert len(files) == 1, f"one file named {rule_id}-*.json"
    cases = read_vector_file(files[0])
    assert any(case.valid for case in cases)
    assert any(rule_id in case.breaks for case in cases)


@pytest.mark.parametrize("site", [*SITE_KINDS, None])
def test_every_site_kind_is_used(site: str | None) -> None:
    assert any(vector.site == site for vector in VECTORS)


def _name_of(length: int, ascii_only: bool) -> Callable[[Any], bool]:
    def matches(body: Any) -> bool:
        name = body.get("name") if isinstance(body, dict) else None
        if not isinstance(name, str) or len(name) != length:
            return False
        return name.isascii() == ascii_only

    return matches


def _count(field: str, count: int) -> Callable[[Any], bool]:
    def matches(body: Any) -> bool:
        value = body.get(field) if isinstance(body, dict) else None
        return isinstance(value, list) and len(value) == count

    return matches


def _field_is(field: str, value: Any) -> Callable[[Any], bool]:
    return lambda body: isinstance(body, dict) and body.get(field, ...) == value


def _empty_option_value(body: Any) -> bool:
    options = body.get("options") if isinstance(body, dict) else None
    return isinstance(options, list) and {"value": ""} in [
        {"value": o.get("value")} for o in options if isinstance(o, dict)
    ]


BOUNDARIES = {
    # name: 120 and 121 code points, ASCII and not
    "name of 120 ASCII characters": (_name_of(120, True), True),
    "name of 121 ASCII characters": (_name_of(121, True), False),
    "name of 120 non-ASCII code points": (_name_of(120, False), True),
    "name of 121 non-ASCII code points": (_name_of(121, False), False),
    # list limits
    "500 options": (_count("options", 500), True),
    "501 options": (_count("options", 501), False),
    "5 schedule start codes": (_count("scheduleStartCodes", 5), True),
    "6 schedule start codes": (_count("scheduleStartCodes", 6), False),
    "no options": (_count("options", 0), True),
    # empty and null values
    "empty name": (_field_is("name", ""), False),
    "empty siteUrl": (_field_is("siteUrl", ""), False),
    "empty option value": (_empty_option_value, False),
    "null scheduleStartCodes": (_field_is("scheduleStartCodes", None), True),
}


@pytest.mark.parametrize("boundary", sorted(BOUNDARIES))
def test_each_boundary_has_a_vector(boundary: str) -> None:
    matches, valid = BOUNDARIES[boundary]
    assert any(matches(v.body) and v.valid == valid for v in VECTORS)


# Agreement: the rule engine


# The default engine screens bodies with the strict schema first; the other
# runs the rule checkers alone. Both must reach every vector's verdict.
ENGINES = {"screened": default_engine(), "checkers": Engine()}


@pytest.mark.parametrize("engine", sorted(ENGINES))
@pytest.mark.parametrize("vector", VECTORS, ids=_ids(VECTORS))
def test_the_engine_finds_exactly_the_rules_a_vector_breaks(
    vector: Vector, engine: str
) -> None:
    report = ENGINES[engine].validate(vector.body, vector.site_kind())
    assert sorted(report.rule_ids) == sorted(vector.breaks)
    assert report.valid == vector.valid


@pytest.mark.parametrize("engine", sorted(ENGINES))
@pytest.mark.parametrize("vector", VECTORS, ids=_ids(VECTORS))
def test_without_inferred_rules_the_engine_finds_the_rest(
    vector: Vector, engine: str
) -> None:
    report = ENGINES[engine].validate(vector.body, vector.site_kind(), inferred=False)
    assert sorted(report.rule_ids) == sorted(vector.breaks - INFERRED)


# Agreement: the strict schema, with jsonschema and with jsonschema-rs


@pytest.mark.parametrize("inferred", [True, False], ids=["all", "documented"])
@pytest.mark.parametrize("library", sorted(COMPILERS))
@pytest.mark.parametrize("vector", VECTORS, ids=_ids(VECTORS))
def test_the_strict_schema_reaches_each_vectors_verdict(
    vector: Vector, library: str, inferred: bool
) -> None:
    checker = CHECKERS[library, inferred]
    enforced = enforced_rules(inferred=inferred)
    assert checker.is_valid(vector.body) == vector.valid_under(enforced)
    expected = vector.broken_under(enforced) - STRUCTURAL_RULES
    assert set(checker.broken_rules(vector.body)) == expected


STRICT_RS: Any = compile_jsonschema_rs(strict_schema())


@pytest.mark.parametrize("vector", VECTORS, ids=_ids(VECTORS))
def test_jsonschema_rs_errors_point_at_the_rules_broken(vector: Vector) -> None:
    locations = (
        str(e.absolute_keyword_location) for e in STRICT_RS.iter_errors(vector.body)
    )
    named = {m.group(1) for m in map(RULE_LOCATION.search, locations) if m}
    assert named == vector.broken_under(expressed_rules())


def test_expectations_pair_each_vector_with_its_own_verdict_by_default() -> None:
    pairs = list(expectations())
    assert len(pairs) == len(VECTORS)
    assert all(expected == vector.valid for vector, expected in pairs)
