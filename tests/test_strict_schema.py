"""The strict request schema: its shape, and its equivalence with the rule engine.

The property tests draw bodies near the edge of every rule and hold the
schema's verdict, as jsonschema and jsonschema-rs give it, to the rule
engine's for the rules that need no site. R11 is left out of the comparison
because JSON Schema cannot state it; rule by rule, each ``$defs/<id>`` must
fail exactly when the engine reports that rule.
"""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from near_boundary_bodies import MUTATIONS, near_boundary_bodies, valid_bodies

from tracking_codes import RULES
from tracking_codes.catalogue import SITE_RULES
from tracking_codes.engine import Engine, default_engine
from tracking_codes.resources import all_schemas, load_schema
from tracking_codes.sites import Site
from tracking_codes.strict import (
    COMPILERS,
    STRICT_SCHEMA,
    STRUCTURAL_RULES,
    StrictChecker,
    compile_jsonschema_rs,
    expressed_rules,
    rule_schema,
)
from tracking_codes.vocabulary import SERVICES

#: The engine without its strict-schema screen: the rule checkers alone, so
#: that comparing it with the strict schema compares two independent things.
CHECKERS_ONLY = Engine()

#: Body-only rules that JSON Schema cannot state.
UNSTATABLE = frozenset({"R11"})

EQUIVALENCE = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

AIMED = settings(max_examples=25, deadline=None)

CHECKERS = {
    (library, inferred): StrictChecker(compile_schema, inferred=inferred)
    for library, compile_schema in COMPILERS.items()
    for inferred in (True, False)
}

#: A valid request, for the aimed changes to break.
SAMPLE_REQUEST = {
    "name": "Cost centre",
    "siteUrl": "example.webex.com",
    "options": [{"value": "Research", "defaultValue": True}],
    "inputMode": "select",
    "hostProfileCode": "optional",
    "scheduleStartCodes": [
        {"service": "All", "type": "notApplicable"},
        {"service": "MeetingCenter", "type": "required"},
    ],
}


def _repeats_a_known_service(body: Any) -> bool:
    """Whether one of the five services is listed twice.

    The engine's R8 also reports a repeated name that is not one of the five
    services; the schema's R8 counts the five only. Such a body breaks S7, so
    the verdicts agree; only the rule-by-rule comparison must allow for it.
    """
    codes = body.get("scheduleStartCodes") if isinstance(body, dict) else None
    if not isinstance(codes, list):
        return False
    names = [c.get("service") for c in codes if isinstance(c, dict)]
    known = [name for name in names if name in SERVICES]
    return len(known) != len(set(known))


def _engine_rules(body: Any, *, inferred: bool) -> set[str]:
    return set(CHECKERS_ONLY.validate(body, inferred=inferred).rule_ids) - UNSTATABLE


def _assert_agrees(checker: StrictChecker, body: Any) -> None:
    engine = _engine_rules(body, inferred=checker.inferred)
    assert checker.is_valid(body) == (not engine), engine
    structural = engine & STRUCTURAL_RULES
    assert checker.structure_is_valid(body) == (not structural), structural
    expected = engine & set(expressed_rules(inferred=checker.inferred))
    broken = set(checker.broken_rules(body))
    if not _repeats_a_known_service(body):
        expected.discard("R8")
    assert broken == expected, f"{body!r:.1500}"


# The schema as a document


@pytest.mark.parametrize("uri", sorted(all_schemas()))
def test_every_schema_is_a_valid_2020_12_schema(uri: str) -> None:
    jsonschema.Draft202012Validator.check_schema(all_schemas()[uri])


def test_the_strict_schema_states_every_body_rule_but_r11() -> None:
    body_rules = {r for r in RULES if r.startswith("R")} - SITE_RULES - UNSTATABLE
    assert set(expressed_rules()) == body_rules


def test_the_inferred_rules_sit_apart_from_the_documented_ones() -> None:
    documented = expressed_rules(inferred=False)
    assert not any(RULES[rule].inferred for rule in documented)
    inferred = set(expressed_rules()) - set(documented)
    assert all(RULES[rule].inferred for rule in inferred)


@pytest.mark.parametrize("rule_id", expressed_rules())
def test_each_rule_subschema_is_titled_with_its_id_and_summary(rule_id: str) -> None:
    subschema = load_schema(STRICT_SCHEMA)["$defs"][rule_id]
    assert subschema["title"] == f"{rule_id}: {RULES[rule_id].summary}"
    assert rule_id in subschema["$comment"]


def test_the_strict_schema_refers_to_the_structural_schema_without_copying() -> None:
    strict = load_schema(STRICT_SCHEMA)
    assert strict["allOf"][0] == {"$ref": "tracking-code-request.schema.json"}
    assert "properties" not in strict and "required" not in strict


@pytest.mark.parametrize("rule_id", sorted(SITE_RULES | UNSTATABLE))
def test_the_description_names_each_rule_left_out(rule_id: str) -> None:
    assert rule_id in load_schema(STRICT_SCHEMA)["description"]


def test_an_unknown_rule_id_is_refused_with_the_ids_to_use() -> None:
    with pytest.raises(ValueError, match="R1, R3"):
        rule_schema("R2")


# The bodies drawn


@pytest.mark.parametrize("rule_id", sorted(MUTATIONS))
@AIMED
@given(data=st.data())
def test_each_aimed_change_breaks_its_rule(rule_id: str, data: st.DataObject) -> None:
    """The strategy reaches every rule: the change aimed at a rule breaks it."""
    body = data.draw(MUTATIONS[rule_id](SAMPLE_REQUEST))
    assert rule_id in CHECKERS_ONLY.validate(body).rule_ids


@AIMED
@given(body=valid_bodies())
def test_the_valid_bodies_drawn_break_no_rule_of_the_body(body: Any) -> None:
    assert CHECKERS_ONLY.validate(body).rule_ids == []


# Errors name the rule broken


@pytest.mark.parametrize("rule_id", expressed_rules())
@AIMED
@given(data=st.data())
def test_a_jsonschema_rs_error_points_at_the_rule_broken(
    rule_id: str, data: st.DataObject
) -> None:
    body = data.draw(MUTATIONS[rule_id](SAMPLE_REQUEST))
    validator = compile_jsonschema_rs(load_schema(STRICT_SCHEMA))
    locations = [str(e.absolute_keyword_location) for e in validator.iter_errors(body)]
    assert any(f"#/$defs/{rule_id}/" in location for location in locations), locations


# Equivalence with the rule engine


@pytest.mark.parametrize("library", sorted(COMPILERS))
@EQUIVALENCE
@given(body=near_boundary_bodies())
def test_the_strict_schema_agrees_with_the_engine(library: str, body: Any) -> None:
    _assert_agrees(CHECKERS[library, True], body)


@pytest.mark.parametrize("library", sorted(COMPILERS))
@EQUIVALENCE
@given(body=near_boundary_bodies())
def test_without_inferred_rules_it_agrees_with_the_engine(
    library: str, body: Any
) -> None:
    _assert_agrees(CHECKERS[library, False], body)


@pytest.mark.parametrize("kind", ["control-hub", "site-admin", "mapped"])
@EQUIVALENCE
@given(body=near_boundary_bodies())
def test_the_screened_engine_reports_what_the_checkers_report(
    kind: str, body: Any
) -> None:
    """The default engine's strict-schema screen changes speed, not findings."""
    site = Site.from_kind(kind)
    for inferred in (True, False):
        screened = default_engine().validate(body, site, inferred=inferred)
        assert screened == CHECKERS_ONLY.validate(body, site, inferred=inferred)
