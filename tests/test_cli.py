"""The ``tracking-codes validate`` command, run as a real process on real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import tracking_codes

Body = dict[str, Any]

#: The folder holding the package under test, so the child imports the same one.
PACKAGE_PARENT = str(Path(tracking_codes.__file__).resolve().parents[1])
NOTE_SITE = "note: R2 and R6 were not checked: they need the kind of site (give --site)"
NOTE_INFERRED = "note: R8-R11 are inferred and were switched off"


def run(cwd: Path, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    """``tracking-codes validate ARGS`` in ``cwd``, with its exit code and output."""
    paths = [PACKAGE_PARENT, os.environ.get("PYTHONPATH", "")]
    env = os.environ | {"PYTHONPATH": os.pathsep.join(filter(None, paths))}
    process = subprocess.run(
        [sys.executable, "-m", "tracking_codes", "validate", *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
    )
    return subprocess.CompletedProcess(
        process.args,
        process.returncode,
        process.stdout.decode("utf-8"),
        process.stderr.decode("utf-8"),
    )


def write(folder: Path, name: str, body: Any) -> str:
    """Write ``body`` as JSON to ``folder/name``; returns the name."""
    (folder / name).write_text(json.dumps(body), encoding="utf-8")
    return name


def codes(**types: str) -> list[dict[str, str]]:
    return [{"service": service, "type": kind} for service, kind in types.items()]


def test_vendor_example_is_valid(tmp_path: Path, vendor_body: Body) -> None:
    write(tmp_path, "vendor.json", vendor_body)

    result = run(tmp_path, "vendor.json")

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"vendor.json: valid\nvendor.json: {NOTE_SITE}\n",
        "",
    )


def test_vendor_example_is_valid_on_a_control_hub_site(
    tmp_path: Path, vendor_body: Body
) -> None:
    write(tmp_path, "vendor.json", vendor_body)

    result = run(tmp_path, "--site", "control-hub", "vendor.json")

    assert (result.returncode, result.stdout) == (0, "vendor.json: valid\n")


# One body per rule, each breaking that rule alone.
ONE_RULE = [
    pytest.param("R1", {"inputMode": "hostProfileSelect"}, None, id="R1"),
    pytest.param("R2", {"hostProfileCode": "required"}, "control-hub", id="R2"),
    pytest.param("R3", {"hostProfileCode": "adminSet"}, None, id="R3"),
    pytest.param(
        "R4",
        {"scheduleStartCodes": codes(All="optional", EventCenter="notUsed")},
        None,
        id="R4",
    ),
    pytest.param(
        "R5",
        {"scheduleStartCodes": codes(EventCenter="notApplicable")},
        None,
        id="R5",
    ),
    pytest.param("R6", {}, "mapped", id="R6"),
    pytest.param("R7", {"options": []}, None, id="R7"),
    pytest.param("R8", {"scheduleStartCodes": codes(All="notUsed") * 2}, None, id="R8"),
    pytest.param("R9", {"inputMode": "editableSelect", "options": []}, None, id="R9"),
    pytest.param(
        "R10",
        {"options": [{"value": v, "defaultValue": True} for v in "AB"]},
        "site-admin",
        id="R10",
    ),
    pytest.param(
        "R11", {"options": [{"value": "A", "defaultValue": False}] * 2}, None, id="R11"
    ),
]


@pytest.mark.parametrize(("rule_id", "fields", "site"), ONE_RULE)
def test_body_breaking_one_rule_exits_1_naming_it(
    tmp_path: Path, vendor_body: Body, rule_id: str, fields: Body, site: str | None
) -> None:
    write(tmp_path, "body.json", vendor_body | fields)
    site_args = ["--site", site] if site else []

    result = run(tmp_path, *site_args, "body.json")

    assert result.returncode == 1
    lines = result.stdout.splitlines()
    findings = [line for line in lines if not line.startswith("body.json: note:")]
    assert findings
    assert all(line.endswith(f" ({rule_id})") for line in findings)


def test_every_rule_has_a_case_here() -> None:
    assert [param.values[0] for param in ONE_RULE] == [f"R{n}" for n in range(1, 12)]


def test_output_for_an_invalid_body_is_one_line_per_violation(
    tmp_path: Path, vendor_body: Body
) -> None:
    write(tmp_path, "admin.json", vendor_body | {"hostProfileCode": "adminSet"})

    result = run(tmp_path, "--site", "site-admin", "admin.json")

    assert result.stdout == (
        "admin.json: /scheduleStartCodes/1/type: 'required' is not allowed when "
        "hostProfileCode is 'adminSet'; use 'adminSet', 'notUsed' or "
        "'notApplicable' (R3)\n"
        "admin.json: /scheduleStartCodes/2/type: 'optional' is not allowed when "
        "hostProfileCode is 'adminSet'; use 'adminSet', 'notUsed' or "
        "'notApplicable' (R3)\n"
    )


def test_mapped_site_is_reported_at_site_url(tmp_path: Path, vendor_body: Body) -> None:
    write(tmp_path, "mapped.json", vendor_body)

    result = run(tmp_path, "--site", "mapped", "mapped.json")

    assert (result.returncode, result.stdout) == (
        1,
        "mapped.json: /siteUrl: 'example.webex.com' has mapped tracking codes, "
        "so no tracking code can be created on it (R6)\n",
    )


def test_no_inferred_leaves_out_r8_to_r11(tmp_path: Path, vendor_body: Body) -> None:
    twice = [{"value": "A", "defaultValue": True}] * 2
    write(tmp_path, "twice.json", vendor_body | {"options": twice})

    result = run(tmp_path, "--no-inferred", "twice.json")

    assert (result.returncode, result.stdout) == (
        0,
        f"twice.json: valid\ntwice.json: {NOTE_SITE}\ntwice.json: {NOTE_INFERRED}\n",
    )


# Input that is not a JSON document.
UNREADABLE = [
    pytest.param(
        b'{"name": "Department",\n "siteUrl": }',
        "not JSON at line 2, column 13: Expecting value",
        id="syntax-error",
    ),
    pytest.param(b"", "not JSON at line 1, column 1: Expecting value", id="empty"),
    pytest.param(
        b'{"name": "a"} {}',
        "not JSON at line 1, column 15: Extra data",
        id="two-documents",
    ),
    pytest.param(
        b'{"name": "caf\xe9"}',
        "not UTF-8 text: byte 0xe9 at offset 13; save the file as UTF-8",
        id="latin-1",
    ),
    pytest.param(
        b'\xef\xbb\xbf{"name": "caf\xe9"}',
        "not UTF-8 text: byte 0xe9 at offset 16; save the file as UTF-8",
        id="latin-1-after-byte-order-mark",
    ),
    pytest.param(
        b'{"options": NaN}',
        "not JSON: NaN is not a JSON number; use a number or null",
        id="NaN",
    ),
    pytest.param(
        b"[" * 100_000,
        "not usable JSON: it is nested too deeply",
        id="deep-nesting",
    ),
]


@pytest.mark.parametrize(("content", "problem"), UNREADABLE)
def test_input_that_is_not_json_exits_2_saying_where(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    (tmp_path / "bad.json").write_bytes(content)

    result = run(tmp_path, "bad.json")

    assert (result.returncode, result.stdout) == (2, f"bad.json: error: {problem}\n")


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = run(tmp_path, "absent.json")

    assert (result.returncode, result.stdout) == (
        2,
        "absent.json: error: cannot read it: No such file or directory\n",
    )


def test_byte_order_mark_is_skipped(tmp_path: Path, vendor_body: Body) -> None:
    text = "\ufeff" + json.dumps(vendor_body)
    (tmp_path / "bom.json").write_text(text, encoding="utf-8")

    assert run(tmp_path, "--site", "site-admin", "bom.json").returncode == 0


def test_dash_reads_standard_input(tmp_path: Path, vendor_body: Body) -> None:
    body = json.dumps(vendor_body | {"name": "Département 😀"}).encode()

    result = run(tmp_path, "-", stdin=body)

    assert (result.returncode, result.stdout) == (
        0,
        f"<stdin>: valid\n<stdin>: {NOTE_SITE}\n",
    )


def test_non_object_on_standard_input_breaks_s1(tmp_path: Path) -> None:
    result = run(tmp_path, "--site", "control-hub", "-", stdin=b"[1, 2]")

    assert (result.returncode, result.stdout) == (
        1,
        "<stdin>: (body): an array of 2 items is not of type 'object' (S1)\n",
    )


def test_several_files_are_reported_in_order(tmp_path: Path, vendor_body: Body) -> None:
    write(tmp_path, "a.json", vendor_body)
    write(tmp_path, "b.json", vendor_body | {"name": ""})

    result = run(tmp_path, "--site", "site-admin", "a.json", "b.json")

    assert (result.returncode, result.stdout) == (
        1,
        "a.json: valid\nb.json: /name: is empty; it needs at least 1 character (S2)\n",
    )


def test_an_unreadable_file_among_several_exits_2(
    tmp_path: Path, vendor_body: Body
) -> None:
    write(tmp_path, "a.json", vendor_body)
    write(tmp_path, "b.json", [])

    result = run(tmp_path, "--site", "site-admin", "a.json", "gone.json", "b.json")

    assert (result.returncode, result.stdout) == (
        2,
        "a.json: valid\n"
        "gone.json: error: cannot read it: No such file or directory\n"
        "b.json: (body): an array of 0 items is not of type 'object' (S1)\n",
    )


def test_json_output_holds_one_record_per_file(
    tmp_path: Path, vendor_body: Body
) -> None:
    write(tmp_path, "ok.json", vendor_body)
    write(tmp_path, "r7.json", vendor_body | {"options": []})
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")

    result = run(tmp_path, "--json", "--no-inferred", "ok.json", "r7.json", "bad.json")

    assert result.returncode == 2
    assert json.loads(result.stdout) == [
        {
            "file": "ok.json",
            "valid": True,
            "violations": [],
            "notChecked": [NOTE_SITE[6:], NOTE_INFERRED[6:]],
        },
        {
            "file": "r7.json",
            "valid": False,
            "violations": [
                {
                    "rule": "R7",
                    "source": "documented",
                    "pointer": "/options",
                    "message": "inputMode 'select' needs at least one option, "
                    "and none was given",
                    "status": 400,
                }
            ],
            "notChecked": [NOTE_SITE[6:], NOTE_INFERRED[6:]],
        },
        {
            "file": "bad.json",
            "valid": None,
            "error": "not JSON at line 1, column 2: "
            "Expecting property name enclosed in double quotes",
        },
    ]


def test_json_output_keeps_odd_text_readable(tmp_path: Path, vendor_body: Body) -> None:
    """A lone surrogate in a value comes out escaped, never as a crash."""
    body = json.dumps(vendor_body | {"siteUrl": "\ud800", "name": ""})
    (tmp_path / "odd.json").write_text(body, encoding="ascii")

    result = run(tmp_path, "--json", "--site", "mapped", "odd.json")

    (record,) = json.loads(result.stdout)
    assert result.returncode == 1
    assert [v["rule"] for v in record["violations"]] == ["S2", "R6"]
    assert record["violations"][1]["message"].startswith("'\\ud800' has mapped")


# Mistakes on the command line itself.
@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        pytest.param([], "the following arguments are required: FILE", id="no-file"),
        pytest.param(
            ["--site", "webex", "x.json"], "argument --site: invalid choice", id="site"
        ),
    ],
)
def test_usage_mistake_exits_2_with_usage(
    tmp_path: Path, args: list[str], complaint: str
) -> None:
    result = run(tmp_path, *args)

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("usage: tracking-codes validate")
    assert complaint in result.stderr
