"""What the generated tests share: the loaded OpenAPI schema, the checks, and
how a generated request is aimed at the target."""

from __future__ import annotations

import schemathesis
from hypothesis import settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from contract_tests.bodies import with_prefix
from contract_tests.target import Target
from tracking_codes.resources import openapi_path

#: Schemathesis's checks every generated answer must pass.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def load_schema() -> schemathesis.BaseSchema:
    """openapi.yaml, set to generate valid and invalid data alike.

    The coverage phase (boundary values of every keyword, every unsupported
    method) sends a fixed few hundred requests; the quick profile leaves it
    out to stay quick.
    """
    schema = schemathesis.openapi.from_path(str(openapi_path()))
    schema.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
    )
    phases = ["examples", "fuzzing", "stateful"]
    if settings.get_current_profile_name() != "quick":
        phases.append("coverage")
    schema.config.phases.update(phases=phases)
    return schema


def aim(case: schemathesis.Case, site_url: str, prefix: str) -> None:
    """Send a generated body to a real site, named for this run.

    A ``siteUrl`` that is not a non-empty string is left alone, since it is
    what makes that body invalid; so is a name that is not a string.
    """
    body = case.body
    if not isinstance(body, dict):
        return
    if isinstance(body.get("siteUrl"), str) and body["siteUrl"]:
        body["siteUrl"] = site_url
    if "name" in body:
        body["name"] = with_prefix(body["name"], prefix)


def auth_headers(target: Target) -> dict[str, str]:
    """The admin's Authorization header."""
    return {"Authorization": f"Bearer {target.require('token')}"}
