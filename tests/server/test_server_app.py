"""The five operations and every status of the contract, over real HTTP."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from serverkit import (
    ADMIN,
    CONTROL_HUB,
    JSON,
    MAPPED,
    PATH,
    SITE_ADMIN,
    USER,
    as_json,
    assert_error_shape,
    assert_tracking_code,
    text_body,
    vendor_body,
)

from tracking_codes.engine import validate
from tracking_codes.resolution import effective_types
from tracking_codes.sites import Management, Site

DROP: Any = object()
"""A change that removes the field."""


def create(client: httpx.Client, body: dict[str, Any]) -> httpx.Response:
    return client.post(PATH, json=body)


def created(client: httpx.Client, body: dict[str, Any]) -> dict[str, Any]:
    response = create(client, body)
    assert response.status_code == 200, response.text
    code: dict[str, Any] = response.json()
    return code


# --- create ---------------------------------------------------------------


def test_the_vendor_example_is_created_as_a_valid_tracking_code(
    admin: httpx.Client,
) -> None:
    body = vendor_body()
    code = created(admin, body)
    assert_tracking_code(code)
    assert isinstance(code["id"], str) and code["id"]
    for field in ("name", "siteUrl", "options", "inputMode", "hostProfileCode"):
        assert code[field] == body[field]


def test_a_create_answers_each_services_effective_type_and_all_as_sent(
    admin: httpx.Client,
) -> None:
    codes = [{"service": "All", "type": "optional"}]
    code = created(admin, text_body(scheduleStartCodes=codes))
    answered = {item["service"]: item["type"] for item in code["scheduleStartCodes"]}
    assert answered == {"All": "optional"} | effective_types(codes)


def test_a_null_schedule_is_answered_as_four_services_not_used(
    admin: httpx.Client,
) -> None:
    code = created(admin, text_body(scheduleStartCodes=None))
    answered = {item["service"]: item["type"] for item in code["scheduleStartCodes"]}
    assert answered == dict.fromkeys(effective_types(None), "notUsed")


def test_unknown_properties_are_accepted_and_not_echoed(admin: httpx.Client) -> None:
    body = text_body(inputMode="select", colour="blue")
    body["options"] = [{"value": "A", "defaultValue": True, "rank": 1}]
    code = created(admin, body)
    assert "colour" not in code
    assert code["options"] == [{"value": "A", "defaultValue": True}]


def test_ids_are_distinct_strings(admin: httpx.Client) -> None:
    ids = {created(admin, text_body())["id"] for _ in range(5)}
    assert len(ids) == 5


# --- rules and their statuses ---------------------------------------------


def codes(*pairs: str) -> list[dict[str, str]]:
    """Schedule start codes from "service:type" pairs."""
    return [dict(zip(("service", "type"), p.split(":"), strict=True)) for p in pairs]


def options(*values: str, default: str | None = None) -> list[dict[str, Any]]:
    return [{"value": v, "defaultValue": v == default} for v in values]


HOST_SELECT = "hostProfileSelect"
EVENTS_OPTIONAL = codes("EventCenter:optional")
RULE_BREAKING = [
    # structural rules: 400
    ("S1", {"name": DROP}, 400),
    ("S2", {"name": "x" * 121}, 400),
    ("S3", {"siteUrl": ""}, 400),
    ("S4", {"options": [{"value": "a"}]}, 400),
    ("S5", {"inputMode": "voice"}, 400),
    ("S6", {"hostProfileCode": "always"}, 400),
    ("S7", {"scheduleStartCodes": codes("Webinar:optional")}, 400),
    # cross-field rules: 400, except R6 (a mapped site) with 409
    ("R1", {"inputMode": HOST_SELECT, "scheduleStartCodes": EVENTS_OPTIONAL}, 400),
    ("R2", {"hostProfileCode": "required"}, 400),
    ("R3", {"scheduleStartCodes": codes("EventCenter:adminSet")}, 400),
    ("R4", {"scheduleStartCodes": codes("All:required", "EventCenter:optional")}, 400),
    ("R5", {"scheduleStartCodes": codes("EventCenter:notApplicable")}, 400),
    ("R6", {"siteUrl": MAPPED}, 409),
    ("R7", {"inputMode": "select"}, 400),
    ("R8", {"scheduleStartCodes": EVENTS_OPTIONAL * 2}, 400),
    ("R9", {"inputMode": "editableSelect"}, 400),
    ("R10", {"inputMode": "select", "options": [*options("a", default="a")] * 2}, 400),
    ("R11", {"inputMode": "select", "options": options("a", "a")}, 400),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rule_id", "changes", "status"),
    RULE_BREAKING,
    ids=[row[0] for row in RULE_BREAKING],
)
def test_a_rule_breaking_body_gets_its_documented_status(
    admin: httpx.Client, rule_id: str, changes: dict[str, Any], status: int
) -> None:
    body = {k: v for k, v in text_body(**changes).items() if v is not DROP}
    response = create(admin, body)
    assert response.status_code == status, response.text
    assert_error_shape(response)
    descriptions = [e["description"] for e in response.json()["errors"]]
    assert [d for d in descriptions if d.endswith(f"({rule_id})")], descriptions


def test_each_violation_is_one_error_entry_naming_its_rule(admin: httpx.Client) -> None:
    body = text_body(hostProfileCode="required", inputMode="select", name="")
    response = create(admin, body)
    descriptions = [error["description"] for error in response.json()["errors"]]
    report = validate(body, Site(Management.CONTROL_HUB))
    assert report.rule_ids == ["S2", "R2", "R7"]
    assert descriptions == [str(violation) for violation in report.violations]


def test_required_is_accepted_on_a_site_admin_site(admin: httpx.Client) -> None:
    code = created(admin, text_body(siteUrl=SITE_ADMIN, hostProfileCode="required"))
    assert code["hostProfileCode"] == "required"


def test_a_site_that_is_not_configured_answers_404(admin: httpx.Client) -> None:
    response = create(admin, text_body(siteUrl="elsewhere.webex.com"))
    assert response.status_code == 404
    assert_error_shape(response)


# --- get, list, update, delete ---------------------------------------------


def test_get_returns_what_create_answered(admin: httpx.Client) -> None:
    code = created(admin, vendor_body())
    response = admin.get(f"{PATH}/{code['id']}", params={"siteUrl": CONTROL_HUB})
    assert response.status_code == 200
    assert response.json() == code


def test_get_without_site_url_looks_in_the_preferred_site(admin: httpx.Client) -> None:
    code = created(admin, text_body())
    assert admin.get(f"{PATH}/{code['id']}").json() == code


def test_list_shows_the_codes_of_one_site_only(admin: httpx.Client) -> None:
    here = created(admin, text_body(siteUrl=SITE_ADMIN, name="Here"))
    response = admin.get(PATH, params={"siteUrl": SITE_ADMIN})
    assert response.status_code == 200
    assert here in response.json()["items"]
    others = admin.get(PATH, params={"siteUrl": CONTROL_HUB}).json()["items"]
    assert here["id"] not in {code["id"] for code in others}


def test_update_replaces_the_code_and_keeps_its_id(admin: httpx.Client) -> None:
    code = created(admin, text_body())
    response = admin.put(f"{PATH}/{code['id']}", json=vendor_body())
    assert response.status_code == 200, response.text
    assert response.json()["id"] == code["id"]
    assert response.json()["name"] == vendor_body()["name"]
    assert admin.get(f"{PATH}/{code['id']}").json() == response.json()


def test_update_obeys_the_rules_of_create(admin: httpx.Client) -> None:
    code = created(admin, text_body())
    response = admin.put(f"{PATH}/{code['id']}", json=text_body(inputMode="select"))
    assert response.status_code == 400
    assert_error_shape(response)


def test_update_of_a_code_on_another_site_answers_404(admin: httpx.Client) -> None:
    code = created(admin, text_body())
    response = admin.put(f"{PATH}/{code['id']}", json=text_body(siteUrl=SITE_ADMIN))
    assert response.status_code == 404
    assert_error_shape(response)


def test_delete_answers_204_and_the_code_is_gone(admin: httpx.Client) -> None:
    code = created(admin, text_body())
    response = admin.delete(f"{PATH}/{code['id']}", params={"siteUrl": CONTROL_HUB})
    assert (response.status_code, response.content) == (204, b"")
    assert admin.get(f"{PATH}/{code['id']}").status_code == 404
    assert code["id"] not in {c["id"] for c in admin.get(PATH).json()["items"]}


MISSING = [
    # an id that was never created, or is on another site
    ("get", "GET", "no-such-id", {}),
    ("delete", "DELETE", "no-such-id", {}),
    ("update", "PUT", "no-such-id", {"json": text_body()}),
    ("get on another site", "GET", "{id}", {"params": {"siteUrl": SITE_ADMIN}}),
    ("delete on another site", "DELETE", "{id}", {"params": {"siteUrl": SITE_ADMIN}}),
]


@pytest.mark.parametrize(
    ("method", "code_id", "extra"),
    [case[1:] for case in MISSING],
    ids=[case[0] for case in MISSING],
)
def test_an_id_not_on_the_site_answers_404(
    admin: httpx.Client, method: str, code_id: str, extra: dict[str, Any]
) -> None:
    code = created(admin, text_body())
    url = f"{PATH}/{code_id.format(id=code['id'])}"
    response = admin.request(method, url, **extra)
    assert response.status_code == 404
    assert_error_shape(response)


SITE_PARAMETER = [
    ("unknown site", "elsewhere.webex.com", 404),
    ("empty site", "", 400),
]


@pytest.mark.parametrize(
    ("site_url", "status"),
    [case[1:] for case in SITE_PARAMETER],
    ids=[case[0] for case in SITE_PARAMETER],
)
@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_a_bad_site_url_parameter_is_refused(
    admin: httpx.Client, method: str, site_url: str, status: int
) -> None:
    url = PATH if method == "GET" else f"{PATH}/some-id"
    response = admin.request(method, url, params={"siteUrl": site_url})
    assert response.status_code == status
    assert_error_shape(response)


# --- protocol errors -------------------------------------------------------

OPERATIONS = [
    ("create", "POST", PATH),
    ("list", "GET", PATH),
    ("get", "GET", f"{PATH}/x"),
    ("update", "PUT", f"{PATH}/x"),
    ("delete", "DELETE", f"{PATH}/x"),
]
CALLERS = [
    # no token, an unknown token, a malformed header: 401; a user: 403
    ("no token", {}, 401),
    ("unknown token", {"Authorization": "Bearer not-a-token"}, 401),
    ("not bearer", {"Authorization": "Basic YWRtaW46YWRtaW4="}, 401),
    ("bearer without token", {"Authorization": "Bearer"}, 401),
    ("user token", USER, 403),
]


@pytest.mark.parametrize(
    ("method", "path"), [op[1:] for op in OPERATIONS], ids=[op[0] for op in OPERATIONS]
)
@pytest.mark.parametrize(
    ("headers", "status"), [c[1:] for c in CALLERS], ids=[c[0] for c in CALLERS]
)
def test_callers_without_an_admin_token_are_refused(
    server_url: str, method: str, path: str, headers: dict[str, str], status: int
) -> None:
    with httpx.Client(base_url=server_url) as client:
        response = client.request(method, path, headers=headers, json=vendor_body())
    assert response.status_code == status
    assert_error_shape(response)


def test_the_token_check_comes_before_the_body_check(server_url: str) -> None:
    with httpx.Client(base_url=server_url) as client:
        response = client.post(PATH, content=b"{", headers=JSON)
    assert response.status_code == 401


NOT_ALLOWED = [
    # method, path, the Allow header expected
    ("PATCH", PATH, "GET, HEAD, POST"),
    ("DELETE", PATH, "GET, HEAD, POST"),
    ("PUT", PATH, "GET, HEAD, POST"),
    ("PATCH", f"{PATH}/x", "DELETE, GET, HEAD, PUT"),
    ("POST", f"{PATH}/x", "DELETE, GET, HEAD, PUT"),
    ("OPTIONS", f"{PATH}/x", "DELETE, GET, HEAD, PUT"),
]


@pytest.mark.parametrize(("method", "path", "allow"), NOT_ALLOWED)
def test_an_unsupported_method_answers_405_with_allow(
    admin: httpx.Client, method: str, path: str, allow: str
) -> None:
    response = admin.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == allow
    assert_error_shape(response)


@pytest.mark.parametrize(
    "path",
    ["/", "/v1", "/v2" + PATH, f"/v1{PATH}/a/b", f"/v1{PATH}/", f"/v1{PATH}x"],
)
def test_an_unknown_path_answers_404_in_the_error_shape(
    server_url: str, path: str
) -> None:
    with httpx.Client(headers=ADMIN) as client:
        response = client.get(server_url.removesuffix("/v1") + path)
    assert response.status_code == 404
    assert_error_shape(response)


MEDIA_TYPES = [
    # what is refused with 415, and what is accepted
    ("text/plain", 415),
    ("application/x-www-form-urlencoded", 415),
    ("application/json; charset=latin-1", 415),
    ("application/jsonx", 415),
    ("application/json", 200),
    ("Application/JSON; charset=UTF-8", 200),
    ('application/json;charset="utf-8"', 200),
]


@pytest.mark.parametrize(("content_type", "status"), MEDIA_TYPES)
def test_the_media_type_must_be_json(
    admin: httpx.Client, content_type: str, status: int
) -> None:
    content = as_json(text_body())
    response = admin.post(PATH, content=content, headers={"Content-Type": content_type})
    assert response.status_code == status


def test_a_body_without_a_media_type_answers_415(admin: httpx.Client) -> None:
    response = admin.post(PATH, content=as_json(text_body()))
    assert response.status_code == 415
    assert_error_shape(response)


def test_head_answers_like_get_without_a_body(admin: httpx.Client) -> None:
    response = admin.head(PATH)
    assert response.status_code == 200
    assert response.content == b""


def test_every_response_carries_a_distinct_tracking_id(admin: httpx.Client) -> None:
    first, second = admin.get(PATH), admin.get(PATH)
    assert first.headers["trackingid"] != second.headers["trackingid"]
